#!/usr/bin/env bash
# Regenerates the WebP corpus and expected-rgba.sha256. Needs Debian's `webp` package (cwebp, dwebp,
# img2webp, webpmux 1.2.4) and python3.
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
# Odd sizes for the lossy decoder: a smooth field with texture, and an RGBA version whose alpha has both ramps and
# hard edges (so every alpha filter has work to do).
for (w, h) in ((1, 1), (33, 65), (47, 31)):
    px = [((x * 7 + rnd.randrange(24)) & 255, (y * 3 + x) & 255, (128 + ((x - y) * 5)) & 255, 255) for y in range(h) for x in range(w)]
    ppm(f"{out}/lossy-{w}x{h}.ppm", w, h, px)
    pam(f"{out}/lossy-alpha-{w}x{h}.pam", w, h,
        [(r, g, b, 0 if (x // 4 + y // 4) % 5 == 0 else min(255, x * 9 + y * 2)) for (r, g, b, _), (x, y) in
         zip(px, [(x, y) for y in range(h) for x in range(w)])])
# Alpha that changes per row only, and per row plus per column: cwebp's -alpha_filter best then picks the vertical
# and the horizontal filter respectively.
rnd3 = random.Random(3)
colx = [rnd3.randrange(256) for _ in range(29)]
rowy = [rnd3.randrange(256) for _ in range(23)]
pam(f"{out}/alpha-rows.pam", 29, 23, [(x * 8, y * 9, 100, rowy[y]) for y in range(23) for x in range(29)])
pam(f"{out}/alpha-diag.pam", 29, 23, [(x * 8, y * 9, 100, (colx[x] + rowy[y]) & 255) for y in range(23) for x in range(29)])
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
img2webp -lossy "$tmp/frame1.ppm" -d 100 "$tmp/frame2.ppm" -d 100 -o animated-lossy-8x8.webp

# Lossy coverage: qualities, filters (normal, simple, off, strength, sharpness, auto), segments, noise shaping,
# sharp YUV, odd sizes, and alpha (compressed and raw, every alpha filter, -exact). Photos are downscaled by cwebp.
photo=/work/shared/data/faces-pd/obama.jpg
for q in 10 50 75 95 100; do cwebp -quiet -q $q -resize 96 0 "$photo" -o "lossy-q$q-obama.webp"; done
cwebp -quiet -q 80 -sharp_yuv -resize 80 0 /work/shared/data/faces-pd/biden.jpg -o lossy-sharpyuv-biden.webp
cwebp -quiet -q 70 -nostrong -f 80 -resize 72 0 /work/shared/data/faces-pd/biden2.jpg -o lossy-simplefilter-biden2.webp
cwebp -quiet -q 70 -f 0 -sns 0 -resize 72 0 /work/shared/data/faces-pd/obama1.jpg -o lossy-nofilter-obama1.webp
cwebp -quiet -q 60 -f 100 -sharpness 7 -sns 100 -resize 72 0 /work/shared/data/faces-pd/obama2.jpg -o lossy-f100-sharp7-obama2.webp
cwebp -quiet -q 60 -f 40 -sharpness 3 -segments 1 -resize 72 0 /work/shared/data/faces-pd/obama3.jpg -o lossy-segments1-obama3.webp
cwebp -quiet -q 85 -af -resize 120 0 /work/shared/data/faces-pd/two_people.jpg -o lossy-af-two-people.webp
cwebp -quiet -q 50 -nostrong -sharpness 5 -resize 64 0 /work/shared/data/faces-pd/obama_partial_face.jpg -o lossy-simple-sharp5-partial.webp
for size in 1x1 33x65 47x31; do
  cwebp -quiet -q 50 "$tmp/lossy-$size.ppm" -o "lossy-$size.webp"
  cwebp -quiet -q 90 -alpha_q 50 "$tmp/lossy-alpha-$size.pam" -o "lossy-alpha-q50-$size.webp"
done
for filter in none fast best; do
  cwebp -quiet -q 75 -alpha_filter $filter -exact "$tmp/lossy-alpha-33x65.pam" -o "lossy-alpha-$filter-33x65.webp"
done
cwebp -quiet -q 75 -alpha_filter best "$tmp/alpha-rows.pam" -o lossy-alpha-vertical-29x23.webp
cwebp -quiet -q 75 -alpha_filter best "$tmp/alpha-diag.pam" -o lossy-alpha-horizontal-29x23.webp
cwebp -quiet -q 75 -alpha_method 0 "$tmp/lossy-alpha-47x31.pam" -o lossy-alpha-raw-47x31.webp
# EXIF orientation 6 (rotate 90° clockwise to view), little-endian TIFF with one IFD0 entry, in an EXIF chunk.
printf 'II*\0\10\0\0\0\1\0\22\1\3\0\1\0\0\0\6\0\0\0\0\0\0\0' > "$tmp/orientation6.exif"
webpmux -set exif "$tmp/orientation6.exif" lossy-17x9.webp -o lossy-exif6-17x9.webp

# Expected pixels: SHA-256 of the RGBA bytes dwebp 1.2.4 writes as PAM (header stripped), for every still, lossless
# and lossy (dwebp's defaults: fancy upsampling, no dithering).
: > expected-rgba.sha256
for f in lossless-*.webp lossy-*.webp; do
  dwebp -quiet -pam "$f" -o "$tmp/out.pam"
  python3 - "$tmp/out.pam" "$f" >> expected-rgba.sha256 <<'PY'
import hashlib, sys
data = open(sys.argv[1], "rb").read()
end = data.index(b"ENDHDR\n") + len(b"ENDHDR\n")
fields = dict(line.split(" ", 1) for line in data[:end].decode().splitlines()[1:-1])
print(sys.argv[2], fields["WIDTH"], fields["HEIGHT"], hashlib.sha256(data[end:]).hexdigest())
PY
done
