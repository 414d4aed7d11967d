#!/usr/bin/env bash
# Makes the files `likeness bench rows` is run on (docs/imaging.md, "Kept rows"): one public-domain photo of the demo cast
# scaled to a 12-megapixel phone frame (4,032 x 3,024) and saved the ways uploads arrive. Needs ImageMagick's `convert`
# (Debian: imagemagick) and `cwebp` (Debian: webp). Usage: bench/rows/make.sh [OUT] (default /tmp/likeness-rows).
set -euo pipefail
convert="${CONVERT:-convert}" # CONVERT=/usr/bin/convert where another `convert` comes first on the PATH
here="$(cd "$(dirname "$0")" && pwd)"
photo="$here/../../samples/cast/obama3.jpg"
out="${1:-/tmp/likeness-rows}"
mkdir -p "$out"
"$convert" "$photo" -resize '4032x3024!' "$out/frame.ppm"
"$convert" "$out/frame.ppm" -quality 92 -sampling-factor 2x2 "$out/baseline.jpg"
"$convert" "$out/frame.ppm" -quality 92 -sampling-factor 2x2 -interlace JPEG "$out/progressive.jpg"
"$convert" "$out/frame.ppm" "$out/plain.png"
"$convert" "$out/frame.ppm" -interlace PNG "$out/interlaced.png"
cwebp -quiet -q 90 "$out/plain.png" -o "$out/lossy.webp"
cwebp -quiet -lossless -z 1 "$out/plain.png" -o "$out/lossless.webp"
rm "$out/frame.ppm"
ls -l "$out"
