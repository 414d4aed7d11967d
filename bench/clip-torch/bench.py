#!/usr/bin/env python3
"""PyTorch side of `likeness bench clip`: the CLIP ViT towers at the same shapes, random weights, same threads.

Run with Debian's python3-torch (1.13) and libopenblas0-pthread installed (OpenBLAS is then torch's BLAS):
    python3 bench/clip-torch/bench.py --arch vit-b-32 --threads 1 --batch 1 --iterations 10
Prints one JSON line with the same fields as `likeness bench clip --json`: wall-clock and process-CPU medians in
milliseconds per image (batch B) and per text of 20 positions (start token .. end token, which is all the text
tower needs thanks to the causal mask), and GFLOP/s counted as in ClipCost.cs.
The model is written here from the architecture description (pre-LN blocks, nn.MultiheadAttention, QuickGELU,
class token, ln_post on it, projections); weights are random, which does not change the timing.
"""
import argparse
import json
import os
import statistics
import sys
import time

# OpenBLAS starts its own thread pool when it loads, ignoring torch.set_num_threads: pin it to the requested
# count before torch is imported, or "1 thread" quietly uses every core.
_threads = sys.argv[sys.argv.index("--threads") + 1] if "--threads" in sys.argv else "1"
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, _threads)

import torch  # noqa: E402
from torch import nn  # noqa: E402

ARCHS = {
    # name: (vision width, layers, heads, mlp, patch, text width, layers, heads, mlp, projection)
    "vit-b-32": (768, 12, 12, 3072, 32, 512, 12, 8, 2048, 512),
    "vit-b-16": (768, 12, 12, 3072, 16, 512, 12, 8, 2048, 512),
    "vit-l-14": (1024, 24, 16, 4096, 14, 768, 12, 12, 3072, 768),
}


class QuickGelu(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(1.702 * x)


class Block(nn.Module):
    def __init__(self, width, heads, mlp):
        super().__init__()
        self.ln_1 = nn.LayerNorm(width)
        self.attn = nn.MultiheadAttention(width, heads)
        self.ln_2 = nn.LayerNorm(width)
        self.mlp = nn.Sequential(nn.Linear(width, mlp), QuickGelu(), nn.Linear(mlp, width))

    def forward(self, x, mask=None):
        h = self.ln_1(x)
        x = x + self.attn(h, h, h, need_weights=False, attn_mask=mask)[0]
        return x + self.mlp(self.ln_2(x))


class Vision(nn.Module):
    def __init__(self, width, layers, heads, mlp, patch, projection, size=224):
        super().__init__()
        self.conv1 = nn.Conv2d(3, width, kernel_size=patch, stride=patch, bias=False)
        tokens = (size // patch) ** 2 + 1
        self.class_embedding = nn.Parameter(torch.randn(width))
        self.positional_embedding = nn.Parameter(torch.randn(tokens, width) * 0.1)
        self.ln_pre = nn.LayerNorm(width)
        self.blocks = nn.ModuleList([Block(width, heads, mlp) for _ in range(layers)])
        self.ln_post = nn.LayerNorm(width)
        self.proj = nn.Parameter(torch.randn(width, projection) / width ** 0.5)

    def forward(self, x):
        x = self.conv1(x).flatten(2).permute(0, 2, 1)  # [B, patches, width]
        cls = self.class_embedding.expand(x.shape[0], 1, -1)
        x = torch.cat([cls, x], dim=1) + self.positional_embedding
        x = self.ln_pre(x).permute(1, 0, 2)  # [tokens, B, width]
        for block in self.blocks:
            x = block(x)
        return self.ln_post(x[0]) @ self.proj


class Text(nn.Module):
    def __init__(self, width, layers, heads, mlp, projection, vocab=49408, context=77):
        super().__init__()
        self.token_embedding = nn.Embedding(vocab, width)
        self.positional_embedding = nn.Parameter(torch.randn(context, width) * 0.1)
        self.blocks = nn.ModuleList([Block(width, heads, mlp) for _ in range(layers)])
        self.ln_final = nn.LayerNorm(width)
        self.text_projection = nn.Parameter(torch.randn(width, projection) / width ** 0.5)

    def forward(self, ids):
        n = ids.shape[1]
        x = (self.token_embedding(ids) + self.positional_embedding[:n]).permute(1, 0, 2)
        mask = torch.full((n, n), float("-inf")).triu_(1)
        for block in self.blocks:
            x = block(x, mask)
        x = self.ln_final(x.permute(1, 0, 2))
        return x[torch.arange(ids.shape[0]), ids.argmax(dim=-1)] @ self.text_projection


def layer_macs(n, d, inner):
    return n * d * 3 * d + 2 * n * n * d + n * d * d + 2 * n * d * inner


def timed(run, iterations):
    run()
    run()
    wall, cpu = [], []
    for _ in range(iterations):
        w, c = time.perf_counter(), time.process_time()
        run()
        wall.append((time.perf_counter() - w) * 1e3)
        cpu.append((time.process_time() - c) * 1e3)
    return statistics.median(wall), statistics.median(cpu)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--arch", default="vit-b-32", choices=sorted(ARCHS))
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--text-tokens", type=int, default=20)
    args = parser.parse_args()

    torch.manual_seed(0)
    torch.set_num_threads(args.threads)
    vw, vl, vh, vm, patch, tw, tl, th, tm, proj = ARCHS[args.arch]
    vision, text = Vision(vw, vl, vh, vm, patch, proj).eval(), Text(tw, tl, th, tm, proj).eval()
    pixels = torch.randn(args.batch, 3, 224, 224)
    ids = torch.randint(1, 49406, (1, args.text_tokens))
    ids[0, 0], ids[0, -1] = 49406, 49407

    with torch.no_grad():
        image_wall, image_cpu = timed(lambda: vision(pixels), args.iterations)
        text_wall, text_cpu = timed(lambda: text(ids), args.iterations)

    grid = 224 // patch
    tokens = grid * grid + 1
    vision_flops = 2 * (grid * grid * 3 * patch * patch * vw + vl * layer_macs(tokens, vw, vm) + vw * proj)
    text_flops = 2 * (tl * layer_macs(args.text_tokens, tw, tm) + tw * proj)
    image_ms = image_wall / args.batch
    print(json.dumps({
        "model": args.arch + " (torch " + torch.__version__ + ", " + torch.__config__.parallel_info().splitlines()[0] + ")",
        "threads": args.threads,
        "batch": args.batch,
        "iterations": args.iterations,
        "image_ms_median": round(image_ms, 3),
        "text_ms_median": round(text_wall, 3),
        "image_cpu_ms_median": round(image_cpu / args.batch, 3),
        "text_cpu_ms_median": round(text_cpu, 3),
        "text_tokens": args.text_tokens,
        "image_gflops": round(vision_flops / (image_ms * 1e6), 1),
        "text_gflops": round(text_flops / (text_wall * 1e6), 1),
    }))


if __name__ == "__main__":
    main()
