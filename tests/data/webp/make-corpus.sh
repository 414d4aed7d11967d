#!/usr/bin/env bash
# Regenerates the WebP container corpus. Needs Debian's `webp` package (cwebp, img2webp 1.2.4) and python3.
# Synthetic images are written as PAM/PPM by the inline Python below; the photo is a public-domain portrait from
# /work/shared/data/faces-pd (see its PROVENANCE.md), downscaled by cwebp itself.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" <<'PY'
import sys
out = sys.argv[1]
def pam(path, w, h, px):
    with open(path, "wb") as f:
        f.write(f"P7\nWIDTH {w}\nHEIGHT {h}\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n".encode())
        f.write(bytes(v for p in px for v in p))
def ppm(path, w, h, px):
    with open(path, "wb") as f:
        f.write(f"P6\n{w} {h}\n255\n".encode())
        f.write(bytes(v for p in px for v in p[:3]))
w, h = 17, 9
grad = [((x * 15) & 255, (y * 28) & 255, (x * y * 3) & 255, 255) for y in range(h) for x in range(w)]
ppm(f"{out}/gradient.ppm", w, h, grad)
alpha = [(r, g, b, (x * 255) // (w - 1)) for (r, g, b, _), x in zip(grad, [x for _ in range(h) for x in range(w)])]
pam(f"{out}/alpha.pam", w, h, alpha)
ppm(f"{out}/frame1.ppm", 8, 8, [(255, 0, 0, 255)] * 64)
ppm(f"{out}/frame2.ppm", 8, 8, [(0, 0, 255, 255)] * 64)
PY
cwebp -quiet -lossless "$tmp/gradient.ppm" -o lossless-17x9.webp
cwebp -quiet -lossless -exact "$tmp/alpha.pam" -o lossless-alpha-17x9.webp
cwebp -quiet -q 80 "$tmp/gradient.ppm" -o lossy-17x9.webp
cwebp -quiet -q 80 "$tmp/alpha.pam" -o lossy-alpha-17x9.webp
cwebp -quiet -q 70 -resize 40 0 /work/shared/data/faces-pd/obama.jpg -o lossy-photo.webp
img2webp -lossless "$tmp/frame1.ppm" -d 100 "$tmp/frame2.ppm" -d 100 -o animated-lossless-8x8.webp
