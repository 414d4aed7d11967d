#!/bin/sh
# Makes the 12-megapixel lossy WebP benchmark files (not committed), both 4000x3000 at cwebp -q 80, from the
# public-domain photo tests/data/jpeg/photos/biden2.jpg (1200x1200):
#   12mp-tiled-q80.webp     the photo tiled at its native resolution, mirrored: photographic detail, about 0.7 MB;
#   12mp-upscaled-q80.webp  the photo upscaled by cwebp: smooth, about 0.3 MB, few coefficients.
# Needs Debian's webp package and python3. Then: likeness bench webp FILE --iterations 10
# Usage: make-12mp.sh [output folder]   (default: bench/Likeness.Benchmarks/WebP/data)
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/data}"
mkdir -p "$out"
src="$here/../../../tests/data/jpeg/photos/biden2.jpg"
cwebp -quiet -q 100 "$src" -o "$out/source.webp"
dwebp -quiet "$out/source.webp" -ppm -o "$out/source.ppm"
python3 - "$out/source.ppm" "$out/12mp.ppm" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
parts = data.split(b"\n", 3)
w, h = map(int, parts[1].split())
pixels = parts[3]
rows = [pixels[y * w * 3:(y + 1) * w * 3] for y in range(h)]
W, H = 4000, 3000
with open(sys.argv[2], "wb") as f:
    f.write(f"P6\n{W} {H}\n255\n".encode())
    for y in range(H):
        # Tile, mirroring every other copy so the seams stay smooth.
        ty, flip_y = divmod(y, h)
        row = rows[flip_y if ty % 2 == 0 else h - 1 - flip_y]
        line = bytearray()
        while len(line) < W * 3:
            tile = len(line) // (w * 3)
            line += row if tile % 2 == 0 else b"".join(row[x * 3:x * 3 + 3] for x in range(w - 1, -1, -1))
        f.write(bytes(line[:W * 3]))
PY
cwebp -quiet -q 80 "$out/12mp.ppm" -o "$out/12mp-tiled-q80.webp"
cwebp -quiet -q 80 -resize 4000 3000 "$src" -o "$out/12mp-upscaled-q80.webp"
rm "$out/source.webp" "$out/source.ppm" "$out/12mp.ppm"
ls -l "$out"
