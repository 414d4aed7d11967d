#!/usr/bin/python3
"""Writes exif-<n>.png (5x3 noise, EXIF orientation n) and exif-<n>.upright.rgb, Pillow's
ImageOps.exif_transpose of it as raw RGB. Even orientations carry eXIf after IDAT, 5 to 8 are little-endian
TIFF: placements Pillow accepts. (Pillow 9.4 refuses an eXIf that starts with "Exif\\0\\0", so none does.)"""
import io, random, struct, zlib, sys, os
from PIL import Image, ImageOps

def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

def tiff(orientation, little):
    e = "<" if little else ">"
    return (b"II" if little else b"MM") + struct.pack(e + "HI", 42, 8) + struct.pack(e + "HHHIHH", 1, 0x0112, 3, 1, orientation, 0) + struct.pack(e + "I", 0)

out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
rng = random.Random(16)
for n in range(1, 9):
    image = Image.frombytes("RGB", (5, 3), bytes(rng.randrange(256) for _ in range(45)))
    plain = io.BytesIO()
    image.save(plain, "PNG")
    data = plain.getvalue()
    body = tiff(n, little=n >= 5)
    at = data.index(b"IEND") - 4 if n % 2 == 0 else data.index(b"IDAT") - 4
    data = data[:at] + chunk(b"eXIf", body) + data[at:]
    with open(os.path.join(out, f"exif-{n}.png"), "wb") as f:
        f.write(data)
    opened = Image.open(io.BytesIO(data))
    assert opened.getexif().get(0x0112) == n, n
    with open(os.path.join(out, f"exif-{n}.upright.rgb"), "wb") as f:
        f.write(ImageOps.exif_transpose(opened).convert("RGB").tobytes())
print("wrote 8 files")
