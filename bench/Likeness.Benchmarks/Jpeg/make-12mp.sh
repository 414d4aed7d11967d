#!/bin/sh
# Makes the 12-megapixel benchmark JPEGs (not committed): a face photo upscaled to 4000x3000, quality 90,
# 4:2:0, baseline and progressive, plus a tiny JPEG to measure djpeg's process start.
# Usage: make-12mp.sh [output folder]   (default: bench/Likeness.Benchmarks/Jpeg/data)
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/data}"
mkdir -p "$out"
src="$here/../../../tests/data/jpeg/photos/biden2.jpg"
convert "$src" -resize 4000x3000! -depth 8 "$out/12mp.ppm"
cjpeg -quality 90 -sample 2x2 "$out/12mp.ppm" > "$out/12mp-baseline.jpg"
cjpeg -quality 90 -sample 2x2 -progressive "$out/12mp.ppm" > "$out/12mp-progressive.jpg"
cp "$here/../../../tests/data/jpeg/noise-1x1.jpg" "$out/tiny.jpg"
rm "$out/12mp.ppm"
ls -l "$out"
