#!/usr/bin/env bash
# Regenerates the WebP corpus and expected-rgba.sha256. Needs Debian's `webp` package (cwebp, dwebp,
# img2webp 1.2.4) and python3.
# Synthetic images are written as PAM/PPM by the inline Python below; the photos are public-domain portraits from
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
ppm(f"{out}/one.ppm", 1, 1, [(12, 200, 77, 255)])
for n in (2, 4, 16, 200):
    pal = [((i * 97) & 255, (i * 31) & 255, (i * 57) & 255, 255) for i in range(n)]
    ppm(f"{out}/colors{n}.ppm", 23, 11, [pal[(x * 7 + y * 3) % n] for y in range(11) for x in range(23)])
gw, gh = 64, 48
ppm(f"{out}/smooth.ppm", gw, gh, [((x * 4) & 255, (y * 5) & 255, ((x + y) * 2) & 255, 255) for y in range(gh) for x in range(gw)])
import random
rnd = random.Random(5)
pam(f"{out}/noise-alpha.pam", 19, 13, [(rnd.randrange(256), rnd.randrange(256), rnd.randrange(256), rnd.randrange(256)) for _ in range(19 * 13)])
ppm(f"{out}/frame1.ppm", 8, 8, [(255, 0, 0, 255)] * 64)
ppm(f"{out}/frame2.ppm", 8, 8, [(0, 0, 255, 255)] * 64)
PY
cwebp -quiet -lossless "$tmp/gradient.ppm" -o lossless-17x9.webp
cwebp -quiet -lossless -exact "$tmp/alpha.pam" -o lossless-alpha-17x9.webp
cwebp -quiet -q 80 "$tmp/gradient.ppm" -o lossy-17x9.webp
cwebp -quiet -q 80 "$tmp/alpha.pam" -o lossy-alpha-17x9.webp
cwebp -quiet -q 70 -resize 40 0 /work/shared/data/faces-pd/obama.jpg -o lossy-photo.webp
cwebp -quiet -lossless "$tmp/one.ppm" -o lossless-1x1.webp
for n in 2 4 16 200; do cwebp -quiet -lossless "$tmp/colors$n.ppm" -o "lossless-colors$n-23x11.webp"; done
cwebp -quiet -lossless -z 9 "$tmp/smooth.ppm" -o lossless-smooth-64x48.webp
cwebp -quiet -lossless -exact "$tmp/noise-alpha.pam" -o lossless-noise-alpha-19x13.webp
cwebp -quiet -lossless -resize 48 0 /work/shared/data/faces-pd/obama.jpg -o lossless-photo-obama.webp
cwebp -quiet -lossless -q 100 -m 6 -resize 40 0 /work/shared/data/faces-pd/biden.jpg -o lossless-photo-biden.webp
img2webp -lossless "$tmp/frame1.ppm" -d 100 "$tmp/frame2.ppm" -d 100 -o animated-lossless-8x8.webp

# Expected pixels: SHA-256 of the RGBA bytes dwebp 1.2.4 writes as PAM (header stripped), for every lossless still.
: > expected-rgba.sha256
for f in lossless-*.webp; do
  dwebp -quiet -pam "$f" -o "$tmp/out.pam"
  python3 - "$tmp/out.pam" "$f" >> expected-rgba.sha256 <<'PY'
import hashlib, sys
data = open(sys.argv[1], "rb").read()
end = data.index(b"ENDHDR\n") + len(b"ENDHDR\n")
fields = dict(line.split(" ", 1) for line in data[:end].decode().splitlines()[1:-1])
print(sys.argv[2], fields["WIDTH"], fields["HEIGHT"], hashlib.sha256(data[end:]).hexdigest())
PY
done
