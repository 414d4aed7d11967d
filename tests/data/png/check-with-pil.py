#!/usr/bin/env python3
"""Checks that PIL decodes every NAME.png in DIR to exactly NAME.rgba (raw RGBA8, written next to it).

Used by PngPilInteropTests to prove that files written by our encoder are read identically by another decoder.
Exit status 0 when all match; otherwise one line per difference and status 1.
"""
import pathlib
import sys

from PIL import Image

failures = 0
files = sorted(pathlib.Path(sys.argv[1]).glob("*.png"))
for png in files:
    expected = png.with_suffix(".rgba").read_bytes()
    with Image.open(png) as image:
        actual = image.convert("RGBA").tobytes()
    if actual != expected:
        failures += 1
        print(f"{png.name}: PIL decodes {len(actual)} bytes that differ from the {len(expected)} expected")
print(f"{len(files) - failures} of {len(files)} files decode identically with PIL")
sys.exit(1 if failures or not files else 0)
