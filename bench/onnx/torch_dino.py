"""PyTorch side of `likeness bench dino`: the exported DINOv2 module (export_dino.Dino) on the same weights and threads.

Usage: /usr/bin/python3 bench/onnx/torch_dino.py MODEL_DIR --threads N --batch B --iterations K [--size 224]
Prints one JSON line with the fields of `likeness bench dino --json` that it measures (wall and process-CPU medians per image).
"""
import argparse, json, os, sys

_here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, _here)
sys.path.insert(0, os.path.join(_here, "..", "clip-torch"))
from bench import timed  # noqa: E402  (pins OpenBLAS to --threads before torch loads)
import torch  # noqa: E402
from export_clip import read_safetensors  # noqa: E402
from export_dino import Dino  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model_dir")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--size", type=int, default=224)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    config = json.load(open(f"{args.model_dir}/config.json"))
    model = Dino(read_safetensors(f"{args.model_dir}/model.safetensors"), config, args.size)
    pixels = torch.randn(args.batch, 3, args.size, args.size)
    with torch.no_grad():
        wall, cpu = timed(lambda: model(pixels), args.iterations)
    print(json.dumps({"model": "torch " + torch.__version__, "backend": "torch", "threads": args.threads, "batch": args.batch,
                      "size": args.size, "iterations": args.iterations, "image_ms_median": round(wall / args.batch, 3),
                      "image_cpu_ms_median": round(cpu / args.batch, 3)}))


if __name__ == "__main__":
    main()
