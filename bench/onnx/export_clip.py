"""Exports a CLIP safetensors folder (HF CLIPModel layout, quick GELU) to split ONNX towers with torch.onnx.

Usage: /usr/bin/python3 export_clip.py MODEL_DIR OUT_DIR   (Debian python3-torch 1.13, opset 14)
Writes OUT_DIR/vision_model.onnx (pixel_values -> image_embeds), OUT_DIR/text_model.onnx
(input_ids -> text_embeds) and copies config.json; logit_scale goes into both graphs' metadata.
"""
import json, shutil, struct, sys
import numpy as np
import onnx
import torch
from torch import nn

DTYPES = {"F32": np.float32, "F16": np.float16, "BF16": None}


def read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, t in header.items():
        if name == "__metadata__":
            continue
        a, b = t["data_offsets"]
        raw = data[a:b]
        if t["dtype"] == "BF16":
            arr = (np.frombuffer(raw, np.uint16).astype(np.uint32) << 16).view(np.float32)
        else:
            arr = np.frombuffer(raw, DTYPES[t["dtype"]]).astype(np.float32)
        out[name] = torch.from_numpy(arr.reshape(t["shape"]).copy())
    return out


class Block(nn.Module):
    def __init__(self, w, p, width, heads, eps, causal):
        super().__init__()
        self.w, self.p, self.heads, self.eps, self.causal, self.width = w, p, heads, eps, causal, width

    def g(self, n):
        return self.w[self.p + n]

    def ln(self, x, n):
        return nn.functional.layer_norm(x, (self.width,), self.g(n + ".weight"), self.g(n + ".bias"), self.eps)

    def lin(self, x, n):
        return nn.functional.linear(x, self.g(n + ".weight"), self.g(n + ".bias"))

    def forward(self, x):
        b, s, d = x.shape
        h = self.ln(x, "layer_norm1")
        q = self.lin(h, "self_attn.q_proj").view(b, s, self.heads, -1).transpose(1, 2)
        k = self.lin(h, "self_attn.k_proj").view(b, s, self.heads, -1).transpose(1, 2)
        v = self.lin(h, "self_attn.v_proj").view(b, s, self.heads, -1).transpose(1, 2)
        a = (q @ k.transpose(-1, -2)) * (d // self.heads) ** -0.5
        if self.causal:
            a = a + torch.triu(torch.full((s, s), float("-inf")), 1)
        h = (a.softmax(-1) @ v).transpose(1, 2).reshape(b, s, d)
        x = x + self.lin(h, "self_attn.out_proj")
        h = self.lin(self.ln(x, "layer_norm2"), "mlp.fc1")
        return x + self.lin(h * torch.sigmoid(1.702 * h), "mlp.fc2")


class Tower(nn.Module):
    """One tower's weights, config and encoder blocks (the text tower's attention is causal)."""

    def __init__(self, w, c, tower, causal):
        super().__init__()
        self.w, self.c = w, c
        self.blocks = [Block(w, f"{tower}.encoder.layers.{i}.", c["hidden_size"], c["num_attention_heads"], c["layer_norm_eps"], causal)
                       for i in range(c["num_hidden_layers"])]


class Vision(Tower):
    def __init__(self, w, c):
        super().__init__(w, c, "vision_model", causal=False)

    def forward(self, pixel_values):
        w, c = self.w, self.c
        x = nn.functional.conv2d(pixel_values, w["vision_model.embeddings.patch_embedding.weight"], stride=c["patch_size"])
        x = x.flatten(2).transpose(1, 2)
        cls = w["vision_model.embeddings.class_embedding"].expand(x.shape[0], 1, -1)
        x = torch.cat([cls, x], 1) + w["vision_model.embeddings.position_embedding.weight"]
        ln = lambda x, n: nn.functional.layer_norm(x, (c["hidden_size"],), w[n + ".weight"], w[n + ".bias"], c["layer_norm_eps"])
        x = ln(x, "vision_model.pre_layrnorm")
        for blk in self.blocks:
            x = blk(x)
        return ln(x[:, 0], "vision_model.post_layernorm") @ w["visual_projection.weight"].t()


class Text(Tower):
    def __init__(self, w, c):
        super().__init__(w, c, "text_model", causal=True)

    def forward(self, input_ids):
        w, c = self.w, self.c
        x = w["text_model.embeddings.token_embedding.weight"][input_ids] + w["text_model.embeddings.position_embedding.weight"][: input_ids.shape[1]]
        for blk in self.blocks:
            x = blk(x)
        x = nn.functional.layer_norm(x, (c["hidden_size"],), w["text_model.final_layer_norm.weight"], w["text_model.final_layer_norm.bias"], c["layer_norm_eps"])
        # openai's pooling: the end-of-text token, the highest id in each sequence.
        pooled = x[torch.arange(x.shape[0]), input_ids.argmax(-1)]
        return pooled @ w["text_projection.weight"].t()


def main(model_dir, out_dir):
    config = json.load(open(f"{model_dir}/config.json"))
    w = read_safetensors(f"{model_dir}/model.safetensors")
    vc, tc = config["vision_config"], config["text_config"]
    vc.setdefault("layer_norm_eps", 1e-5); tc.setdefault("layer_norm_eps", 1e-5)
    size, ctx = vc["image_size"], tc["max_position_embeddings"]
    scale = str(float(w["logit_scale"].exp()))
    for module, arg, name, inp, out in [
        (Vision(w, vc), torch.zeros(1, 3, size, size), "vision_model.onnx", "pixel_values", "image_embeds"),
        (Text(w, tc), torch.zeros(1, ctx, dtype=torch.int64), "text_model.onnx", "input_ids", "text_embeds"),
    ]:
        path = f"{out_dir}/{name}"
        torch.onnx.export(module, (arg,), path, input_names=[inp], output_names=[out],
                          dynamic_axes={inp: {0: "batch"}, out: {0: "batch"}}, opset_version=14)
        m = onnx.load(path)
        m.metadata_props.add(key="logit_scale", value=scale)
        onnx.save(m, path)
    shutil.copy(f"{model_dir}/config.json", f"{out_dir}/config.json")


if __name__ == "__main__":
    with torch.no_grad():
        main(sys.argv[1], sys.argv[2])
