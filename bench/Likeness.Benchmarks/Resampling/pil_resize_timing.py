#!/usr/bin/python3
"""Pillow 9.4 (Debian bookworm python3-pil) timing of the same resizes as ResizeBenchmarks, for a side-by-side ratio.

Run: /usr/bin/python3 bench/Likeness.Benchmarks/Resampling/pil_resize_timing.py
Reports wall and CPU time (min and median of 7) for a 4000x3000 RGB image; content does not change the work.
"""
import time
import numpy as np
from PIL import Image

im = Image.fromarray(np.random.default_rng(42).integers(0, 256, (3000, 4000, 3), dtype=np.uint8), "RGB")
for size in [(298, 224), (512, 384)]:
    for name, flt in [("Bicubic", Image.Resampling.BICUBIC), ("Lanczos3", Image.Resampling.LANCZOS)]:
        wall, cpu = [], []
        for _ in range(7):
            w, c = time.perf_counter(), time.process_time()
            im.resize(size, flt)
            wall.append(time.perf_counter() - w)
            cpu.append(time.process_time() - c)
        wall.sort()
        cpu.sort()
        print(f"PIL {size[0]}x{size[1]} {name}: wall min {wall[0]*1e3:.1f} median {wall[3]*1e3:.1f} ms; "
              f"cpu min {cpu[0]*1e3:.1f} median {cpu[3]*1e3:.1f} ms")
