#!/usr/bin/python3
"""Writes the synthetic part of the PNG test corpus with our own minimal PNG writer (zlib + struct).

Why our own writer: PIL and ImageMagick cannot be told to write every colour type x bit depth, Adam7 at
low bit depths, every filter type, tRNS in all three forms, or chunk layouts such as one-byte IDATs.
Every row here uses filter (row index + pass) mod 5, so each file exercises all five filter types.
Usage: make_corpus.py OUT_DIR PHOTO_JPG
"""
import struct
import sys
import zlib

import numpy as np
from PIL import Image

OUT, PHOTO = sys.argv[1], sys.argv[2]
RNG = np.random.default_rng(20261121)
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}
NAMES = {0: "gray", 2: "rgb", 3: "palette", 4: "grayalpha", 6: "rgba"}
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def chunk(kind, data, bad_crc=False):
    crc = zlib.crc32(kind + data) ^ (0xDEADBEEF if bad_crc else 0)
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc & 0xFFFFFFFF)


def pack_row(samples, depth):
    if depth == 16:
        return samples.astype(">u2").tobytes()
    if depth == 8:
        return samples.astype(np.uint8).tobytes()
    bits = (samples[:, None].astype(np.uint16) >> np.arange(depth - 1, -1, -1)) & 1
    return np.packbits(bits.reshape(-1).astype(np.uint8)).tobytes()


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def filter_row(raw, prev, bpp, kind):
    out = bytearray([kind])
    for i, x in enumerate(raw):
        a = raw[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        predictor = (0, a, b, (a + b) // 2, paeth(a, b, c))[kind]
        out.append((x - predictor) & 0xFF)
    return bytes(out)


def image_data(samples, depth, interlace):
    height, width, channels = samples.shape
    bpp = max(1, channels * depth // 8)
    passes = ADAM7 if interlace else [(0, 0, 1, 1)]
    out = bytearray()
    for number, (x0, y0, dx, dy) in enumerate(passes):
        sub = samples[y0::dy, x0::dx]
        if sub.size == 0:
            continue  # empty Adam7 passes have no bytes at all, not even filter bytes
        prev = bytes(len(pack_row(sub[0].reshape(-1), depth)))
        for y, row in enumerate(sub):
            raw = pack_row(row.reshape(-1), depth)
            out += filter_row(raw, prev, bpp, (y + number) % 5)
            prev = raw
    return bytes(out)


def write_png(name, samples, depth, ctype, interlace=0, palette=None, trns=None, idat_size=1 << 16,
              extra_chunks=(), trailing_idat_empty=False):
    height, width, _ = samples.shape
    data = zlib.compress(image_data(samples, depth, interlace), 9)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, ctype, 0, 0, interlace))
    for extra in extra_chunks:
        png += extra
    if palette is not None:
        png += chunk(b"PLTE", palette.astype(np.uint8).tobytes())
    if trns is not None:
        png += chunk(b"tRNS", trns)
    for start in range(0, len(data), idat_size):
        png += chunk(b"IDAT", data[start:start + idat_size])
        if trailing_idat_empty:
            png += chunk(b"IDAT", b"")
    png += chunk(b"IEND", b"")
    with open(f"{OUT}/{name}.png", "wb") as f:
        f.write(png)


def photo(width, height):
    """The photo scaled to width x height, as floats in [0, 1], so that samples look like real content."""
    img = Image.open(PHOTO).convert("RGB").resize((width, height), Image.BILINEAR)
    return np.asarray(img, dtype=np.float64) / 255.0


def content(ctype, depth, width, height):
    """Samples (height x width x channels): photo-like, with noise so every sample value can occur."""
    maximum = (1 << depth) - 1
    rgb = photo(width, height)
    noise = RNG.uniform(-0.08, 0.08, size=(height, width, 4))
    if ctype == 3:
        return RNG.integers(0, 1 << depth, size=(height, width, 1))
    gray = rgb.mean(axis=2, keepdims=True)
    alpha = np.linspace(0, 1, width)[None, :, None] * np.ones((height, 1, 1))
    planes = {0: [gray], 2: [rgb], 4: [gray, alpha], 6: [rgb, alpha]}[ctype]
    values = np.concatenate(planes, axis=2) + noise[:, :, :CHANNELS[ctype]]
    return np.clip(np.rint(values * maximum), 0, maximum).astype(np.int64)


def palette_for(depth, entries=None):
    return RNG.integers(0, 256, size=(entries or (1 << depth), 3))


def main():
    # Every colour type x every legal bit depth, interlaced and not, at an odd size (37x23), plus the tiny
    # sizes where some Adam7 passes are empty (1x1: only pass 1; 3x5: passes 2, 3, 4 and 6 empty).
    for ctype, depths in DEPTHS.items():
        for depth in depths:
            for (width, height) in ((37, 23), (1, 1), (3, 5)):
                samples = content(ctype, depth, width, height)
                palette = palette_for(depth) if ctype == 3 else None
                for interlace in (0, 1):
                    if (width, height) != (37, 23) and not interlace:
                        continue
                    suffix = "-adam7" if interlace else ""
                    size = "" if (width, height) == (37, 23) else f"-{width}x{height}"
                    write_png(f"{NAMES[ctype]}-{depth}bit{size}{suffix}", samples, depth, ctype, interlace, palette)

    # tRNS in its three forms; the key colour is planted so that it really occurs.
    for depth in (1, 2, 4, 8, 16):
        samples = content(0, depth, 37, 23)
        key = int(samples[5, 7, 0])
        samples[::4, ::3, 0] = key
        for interlace in (0, 1):
            write_png(f"gray-{depth}bit-trns{'-adam7' if interlace else ''}", samples, depth, 0, interlace,
                      trns=struct.pack(">H", key))
    for depth in (8, 16):
        samples = content(2, depth, 37, 23)
        key = samples[3, 3].copy()
        samples[1::5, ::2] = key
        for interlace in (0, 1):
            write_png(f"rgb-{depth}bit-trns{'-adam7' if interlace else ''}", samples, depth, 2, interlace,
                      trns=struct.pack(">HHH", *(int(v) for v in key)))
    for depth in (1, 2, 4, 8):
        entries = min(1 << depth, 200)
        samples = RNG.integers(0, entries, size=(23, 37, 1))
        alphas = RNG.integers(0, 256, size=max(1, entries - 3)).astype(np.uint8).tobytes()  # shorter than PLTE
        for interlace in (0, 1):
            write_png(f"palette-{depth}bit-trns{'-adam7' if interlace else ''}", samples, depth, 3, interlace,
                      palette_for(depth, entries), trns=alphas)

    # Chunk layouts: one-byte IDATs with empty IDATs between them; unknown and bad-CRC ancillary chunks.
    write_png("rgb-8bit-tiny-idats", content(2, 8, 37, 23), 8, 2, idat_size=1, trailing_idat_empty=True)
    write_png("rgba-8bit-ancillary", content(6, 8, 37, 23), 8, 6, extra_chunks=(
        chunk(b"tEXt", b"Comment\x00made by make_corpus.py"),
        chunk(b"quUx", bytes(range(40))),
        chunk(b"tEXt", b"Broken\x00this chunk has a bad CRC and must be skipped", bad_crc=True)))


main()
