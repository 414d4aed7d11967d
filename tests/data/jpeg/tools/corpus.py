#!/usr/bin/python3
"""Helpers for make-corpus.sh: synthetic sources, EXIF insertion, header patches, truncation, references."""
import gzip
import random
import struct
import sys

from PIL import Image


def synth(kind, w, h, out):
    """A deterministic gradient (smooth) or noise (worst case for the entropy coder) PPM."""
    w, h = int(w), int(h)
    rnd = random.Random(1234 + w * 7 + h)
    im = Image.new("RGB", (w, h))
    px = im.load()
    for y in range(h):
        for x in range(w):
            if kind == "noise":
                px[x, y] = (rnd.randrange(256), rnd.randrange(256), rnd.randrange(256))
            else:
                px[x, y] = ((x * 255) // max(w - 1, 1), (y * 255) // max(h - 1, 1), ((x + y) * 97) % 256)
    im.save(out)


def impulses(out):
    """A grey 160x160 PGM at level 60 with 16 single-block steps (+7 to +112) five blocks apart, so each 5x5
    smoothing window sees one; 16, 48, 80 and 112 make exact halves in block smoothing's DC average."""
    im = Image.new("L", (160, 160), 60)
    px = im.load()
    for i, m in enumerate([16, 48, 80, 112, 7, 11, 19, 23, 67, 71, 101, 105, 127, 131, 151, 155]):
        by, bx = 2 + 5 * (i // 4), 2 + 5 * (i % 4)
        for y in range(8):
            for x in range(8):
                px[bx * 8 + x, by * 8 + y] = 60 + m
    im.save(out)


def resize(src, w, out):
    im = Image.open(src).convert("RGB")
    w = int(w)
    h = round(im.height * w / im.width)
    im.resize((w, h), Image.LANCZOS).save(out)


def exif(src, orientation, out):
    """Inserts an APP1 Exif block (big-endian TIFF, IFD0 with only tag 0x0112) right after SOI."""
    data = open(src, "rb").read()
    tiff = b"MM\x00\x2a" + struct.pack(">I", 8) + struct.pack(">H", 1)
    tiff += struct.pack(">HHIHH", 0x0112, 3, 1, int(orientation), 0) + struct.pack(">I", 0)
    payload = b"Exif\x00\x00" + tiff
    app1 = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    open(out, "wb").write(data[:2] + app1 + data[2:])


def patch_sof(src, what, out):
    """Rewrites the SOF marker or its precision byte to make files this decoder must refuse."""
    data = bytearray(open(src, "rb").read())
    i = 2
    while True:
        marker = data[i + 1]
        if marker in (0xC0, 0xC1, 0xC2):
            break
        i += 2 + struct.unpack(">H", data[i + 2:i + 4])[0]
    if what == "12bit":
        data[i + 1] = 0xC1
        data[i + 4] = 12
    elif what == "lossless":
        data[i + 1] = 0xC3
    elif what == "hierarchical":
        data[i + 1] = 0xC5
    elif what == "huge":
        data[i + 5:i + 9] = struct.pack(">HH", 60000, 60000)
    elif what == "badhuff":
        # Make the first DHT's code counts overflow (all 16 lengths full).
        j = data.index(b"\xff\xc4")
        data[j + 5:j + 21] = bytes([255] * 16)
    open(out, "wb").write(bytes(data))


def scan_offsets(data):
    """Offsets of every SOS marker."""
    out, i = [], 0
    while True:
        i = data.find(b"\xff\xda", i)
        if i < 0:
            return out
        out.append(i)
        i += 2


def truncate(src, where, out):
    data = open(src, "rb").read()
    sos = scan_offsets(data)
    if where == "headers":  # keep the last scan header but none of its data
        length = struct.unpack(">H", data[sos[0] + 2:sos[0] + 4])[0]
        cut = sos[0] + 2 + length
    elif where == "lastheader":  # right after the last scan header: that scan starts with no data
        cut = sos[-1] + 2 + struct.unpack(">H", data[sos[-1] + 2:sos[-1] + 4])[0]
    elif where == "lastscan":  # in the middle of the last scan
        cut = (sos[-1] + len(data)) // 2
    elif where.startswith("lastscan:"):  # this fraction of the way through the last scan
        cut = sos[-1] + int((len(data) - sos[-1]) * float(where[len("lastscan:"):]))
    else:
        cut = int(len(data) * float(where))
    open(out, "wb").write(data[:cut])


def stray_marker(src, marker, where, out):
    """Inserts the marker FF<marker> (hex) this fraction of the way through the last scan's data."""
    data = open(src, "rb").read()
    start = scan_offsets(data)[-1]
    at = start + int((len(data) - start) * float(where))
    while data[at - 1] == 0xFF:
        at += 1
    open(out, "wb").write(data[:at] + bytes([0xFF, int(marker, 16)]) + data[at:])


def bad_restart(src, out):
    """Renumbers the third RST marker so the decoder must resynchronise."""
    data = bytearray(open(src, "rb").read())
    n, i = 0, scan_offsets(data)[0]
    while True:
        i = data.index(b"\xff", i + 1)
        if 0xD0 <= data[i + 1] <= 0xD7:
            n += 1
            if n == 3:
                data[i + 1] = 0xD0 + ((data[i + 1] - 0xD0 + 4) & 7)
                break
    open(out, "wb").write(bytes(data))


def pil_ref(src, out):
    """Pillow's RGB conversion (used for CMYK/YCCK, which djpeg cannot write as PPM)."""
    im = Image.open(src)
    im.load()
    with gzip.GzipFile(out, "wb", mtime=0) as f:
        rgb = im.convert("RGB")
        f.write(b"P6\n%d %d\n255\n" % rgb.size + rgb.tobytes())


if __name__ == "__main__":
    globals()[sys.argv[1].replace("-", "_")](*sys.argv[2:])
