"""Ours, ONNX Runtime and PyTorch side by side in one run, on the same random weights.

Usage (after `dotnet build src/Likeness.Cli -c Release`; Debian python3-torch, python3-onnx, libopenblas0-pthread):
    /usr/bin/python3 bench/onnx/side_by_side.py [--iterations 7] [--work /tmp/likeness-onnx-bench]
Writes random ViT-B/32 CLIP and DINOv2-S/14 models with `likeness bench clip|dino --write-weights`, exports them with
export_clip.py / export_dino.py (torch.onnx.export), then times, for 1 and 2 threads and batch 1 and 8: our engine
(`--backend ours`), ONNX Runtime (`--backend onnx`), and PyTorch (bench/clip-torch/bench.py for CLIP, torch_dino.py for
DINOv2). Prints every JSON line, then a table of milliseconds per image (and per CLIP text) with the ratios.
The ONNX CLIP text graph takes all 77 positions; ours and PyTorch's take the prompt's 20: its text ratio is not like for like.
"""
import argparse, json, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
LIKENESS = ["dotnet", os.path.join(ROOT, "src/Likeness.Cli/bin/Release/net10.0/likeness.dll")]
PYTHON = "/usr/bin/python3"


def run(args):
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout.strip().splitlines()
    print(out[-1], flush=True)
    return out[-1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--iterations", type=int, default=7)
    parser.add_argument("--work", default="/tmp/likeness-onnx-bench")
    args = parser.parse_args()
    w, it = args.work, str(args.iterations)
    os.makedirs(w, exist_ok=True)
    for net, arch, export in [("clip", "vit-b-32", "export_clip.py"), ("dino", "vit-s-14", "export_dino.py")]:
        run(LIKENESS + ["bench", net, "--random-weights", arch, "--write-weights", f"{w}/{net}"])
        os.makedirs(f"{w}/{net}-onnx", exist_ok=True)
        subprocess.run([PYTHON, os.path.join(HERE, export), f"{w}/{net}", f"{w}/{net}-onnx"], check=True, capture_output=True)
    rows = []
    for threads in ("1", "2"):
        for batch in ("1", "8"):
            common = ["--threads", threads, "--batch", batch, "--iterations", it, "--json"]
            clip = {
                "ours": json.loads(run(LIKENESS + ["bench", "clip", "--model", f"{w}/clip"] + common)),
                "onnx": json.loads(run(LIKENESS + ["bench", "clip", "--backend", "onnx", "--onnx", f"{w}/clip-onnx"] + common)),
                "torch": json.loads(run([PYTHON, os.path.join(ROOT, "bench/clip-torch/bench.py"), "--arch", "vit-b-32",
                                         "--threads", threads, "--batch", batch, "--iterations", it])),
            }
            dino = {
                "ours": json.loads(run(LIKENESS + ["bench", "dino", "--model", f"{w}/dino"] + common)),
                "onnx": json.loads(run(LIKENESS + ["bench", "dino", "--backend", "onnx", "--onnx", f"{w}/dino-onnx"] + common)),
                "torch": json.loads(run([PYTHON, os.path.join(HERE, "torch_dino.py"), f"{w}/dino", "--threads", threads, "--batch", batch, "--iterations", it])),
            }
            rows.append((f"CLIP image, batch {batch}, {threads} thread(s)", clip, "image"))
            if batch == "1":
                rows.append((f"CLIP text 20, {threads} thread(s)", clip, "text"))
            rows.append((f"DINOv2-S/14 224, batch {batch}, {threads} thread(s)", dino, "image"))
    # Wall time is what a user waits; process CPU time is less disturbed when other work shares the machine.
    for clock, suffix in (("wall", "ms_median"), ("process CPU", "cpu_ms_median")):
        print(f"\n{clock} milliseconds per image (per text for CLIP text)")
        print("| case | ours | ONNX Runtime | PyTorch | ours / ONNX | ours / PyTorch | ONNX / PyTorch |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for name, engines, tower in rows:
            ms = {k: v[f"{tower}_{suffix}"] for k, v in engines.items()}
            print(f"| {name} | {ms['ours']:.1f} | {ms['onnx']:.1f} | {ms['torch']:.1f} | {ms['ours'] / ms['onnx']:.2f} | "
                  f"{ms['ours'] / ms['torch']:.2f} | {ms['onnx'] / ms['torch']:.2f} |")


if __name__ == "__main__":
    sys.exit(main())
