"""Exports a DINOv2 safetensors folder (HF Dinov2Model / Dinov2WithRegistersModel layout) to ONNX with torch.onnx.

Usage: /usr/bin/python3 export_dino.py MODEL_DIR OUT_DIR [SIZE]   (Debian python3-torch 1.13, opset 14)
Writes OUT_DIR/model.onnx (pixel_values [batch, 3, SIZE, SIZE] -> last_hidden_state, pooler_output), the output
names of HF/Optimum DINOv2 exports, and copies config.json. SIZE (default 224, the HF crop) is fixed in the graph:
the position table is interpolated here once, with the original model's bicubic and its 0.1 offset scale factor.
"""
import json, os, shutil, sys
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from export_clip import read_safetensors  # noqa: E402


class Dino(nn.Module):
    def __init__(self, w, c, size):
        super().__init__()
        self.w, self.c = w, c
        self.d, self.heads, self.eps, self.p = c["hidden_size"], c["num_attention_heads"], c.get("layer_norm_eps", 1e-6), c["patch_size"]
        self.registers = c.get("num_register_tokens", 0)
        self.pos = self.positions(size // self.p)

    def positions(self, grid):
        """The original's interpolate_pos_encoding: bicubic with scale factor (grid + 0.1) / M, for a square grid."""
        pos = self.w["embeddings.position_embeddings"]
        m = int(round((pos.shape[1] - 1) ** 0.5))
        if grid == m:
            return pos
        patch = pos[:, 1:].reshape(1, m, m, self.d).permute(0, 3, 1, 2)
        s = (grid + 0.1) / m
        patch = nn.functional.interpolate(patch, scale_factor=(s, s), mode="bicubic", align_corners=False)
        return torch.cat([pos[:, :1], patch.permute(0, 2, 3, 1).reshape(1, -1, self.d)], 1)

    def ln(self, x, n):
        return nn.functional.layer_norm(x, (self.d,), self.w[n + ".weight"], self.w[n + ".bias"], self.eps)

    def lin(self, x, n):
        return nn.functional.linear(x, self.w[n + ".weight"], self.w[n + ".bias"])

    def forward(self, pixel_values):
        w = self.w
        x = nn.functional.conv2d(pixel_values, w["embeddings.patch_embeddings.projection.weight"],
                                 w["embeddings.patch_embeddings.projection.bias"], stride=self.p)
        x = x.flatten(2).transpose(1, 2)
        b = x.shape[0]
        cls = w["embeddings.cls_token"].expand(b, -1, -1) + self.pos[:, :1]
        tokens = [cls]
        if self.registers:
            tokens.append(w["embeddings.register_tokens"].expand(b, -1, -1))
        tokens.append(x + self.pos[:, 1:])
        x = torch.cat(tokens, 1)
        s = x.shape[1]
        for i in range(self.c["num_hidden_layers"]):
            p = f"encoder.layer.{i}."
            h = self.ln(x, p + "norm1")
            q, k, v = (self.lin(h, p + "attention.attention." + n).view(b, s, self.heads, -1).transpose(1, 2) for n in ("query", "key", "value"))
            a = ((q @ k.transpose(-1, -2)) * (self.d // self.heads) ** -0.5).softmax(-1)
            h = (a @ v).transpose(1, 2).reshape(b, s, self.d)
            x = x + w[p + "layer_scale1.lambda1"] * self.lin(h, p + "attention.output.dense")
            h = nn.functional.gelu(self.lin(self.ln(x, p + "norm2"), p + "mlp.fc1"))
            x = x + w[p + "layer_scale2.lambda1"] * self.lin(h, p + "mlp.fc2")
        x = self.ln(x, "layernorm")
        return x, x[:, 0]


def main(model_dir, out_dir, size):
    config = json.load(open(f"{model_dir}/config.json"))
    if config.get("use_swiglu_ffn"):
        sys.exit("SwiGLU DINOv2 (giant) is not exported by this script.")
    os.makedirs(out_dir, exist_ok=True)
    model = Dino(read_safetensors(f"{model_dir}/model.safetensors"), config, size)
    torch.onnx.export(model, (torch.zeros(1, 3, size, size),), f"{out_dir}/model.onnx",
                      input_names=["pixel_values"], output_names=["last_hidden_state", "pooler_output"],
                      dynamic_axes={"pixel_values": {0: "batch"}, "last_hidden_state": {0: "batch"}, "pooler_output": {0: "batch"}},
                      opset_version=14)
    shutil.copy(f"{model_dir}/config.json", f"{out_dir}/config.json")


if __name__ == "__main__":
    with torch.no_grad():
        main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 224)
