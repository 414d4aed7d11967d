#!/bin/sh
# Rebuilds the PNG test corpus and its reference decodes. Needs Debian's python3-pil, python3-numpy and
# imagemagick (apt-get install python3-pil python3-numpy imagemagick); FACES points at the public-domain photos.
#
# References: every *.png gets <name>.<width>x<height>.rgba.gz, raw RGBA8 (gzip). ImageMagick 6 Q16 decodes each
# file to 16-bit RGBA (exact: low bit depths are scaled by 65535 / (2^d - 1)) and the high byte of every sample is
# kept: for 1-8 bit files that is exactly v * 255 / (2^d - 1); for 16-bit files it is libpng's strip_16 and PIL's
# rule (ImageMagick's own "-depth 8" output truncates v / 257 instead). As a second opinion, PIL's decode is
# compared with every reference it can express: PIL 9.4 clips 16-bit gray (mode I) instead of scaling it, and it
# compares 2/4-bit gray and 16-bit RGB tRNS keys with samples already scaled to 8 bits (so it misses them);
# those files are skipped.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
FACES=${FACES:-/work/shared/data/faces-pd}
PY=/usr/bin/python3
cd "$HERE"
rm -f ./*.png ./*.rgba.gz

"$PY" make_corpus.py "$HERE" "$FACES/obama.jpg"

# Real photos written by real encoders: PIL (zlib, PIL's filter choice) and ImageMagick (libpng, Adam7, 16-bit).
"$PY" - "$FACES" <<'PYEOF'
import sys
from PIL import Image
faces = sys.argv[1]
Image.open(f"{faces}/obama.jpg").convert("RGB").resize((256, 320), Image.LANCZOS).save("photo-rgb.png")
Image.open(f"{faces}/32bit.png").convert("RGBA").resize((157, 300), Image.LANCZOS).save("photo-rgba.png")
# RGBA palette (PLTE + tRNS with many alpha levels), as PIL's octree quantizer writes it.
Image.open("photo-rgba.png").quantize(64, method=Image.FASTOCTREE).save("photo-palette-trns.png")
# The benchmark photo: 1434x2333 (3.3 MP) at full resolution. Too large for a committed reference decode.
Image.open(f"{faces}/obama3.jpg").convert("RGB").save("bench-photo-3mp.png")
PYEOF
IM_FLAGS="-define png:exclude-chunks=date,time"  # no timestamps, so rebuilding changes nothing
convert photo-rgb.png $IM_FLAGS -interlace PNG photo-rgb-adam7.png
convert photo-rgba.png $IM_FLAGS -depth 16 -interlace PNG photo-rgba-16bit-adam7.png
convert photo-rgb.png $IM_FLAGS -colorspace Gray -depth 16 photo-gray-16bit.png
convert photo-rgb.png $IM_FLAGS -colors 200 PNG8:photo-palette.png
convert photo-rgb.png $IM_FLAGS -monochrome photo-gray-1bit.png

for png in *.png; do
  case "$png" in bench-*) continue ;; esac
  size=$(identify -format '%wx%h' "$png")
  convert "$png" -depth 16 -endian MSB "rgba:-" | "$PY" -c 'import sys; sys.stdout.buffer.write(sys.stdin.buffer.read()[0::2])' \
    | gzip -9n > "${png%.png}.$size.rgba.gz"
done

"$PY" - <<'PYEOF'
import glob, gzip, re
from PIL import Image, ImageFile
ImageFile.LOAD_TRUNCATED_IMAGES = True  # only so that PIL skips the ancillary chunk with a bad CRC, as we do
checked = skipped = 0
for ref in sorted(glob.glob("*.rgba.gz")):
    name = ref.split(".")[0] + ".png"
    im = Image.open(name)
    if re.match(r"(photo-)?gray-16bit|gray-[24]bit-trns|rgb-16bit-trns", name):
        skipped += 1
        continue
    pil = im.convert("RGBA").tobytes()
    if pil != gzip.open(ref).read():
        raise SystemExit(f"PIL and ImageMagick disagree on {name}")
    checked += 1
print(f"PIL agrees with ImageMagick on {checked} references ({skipped} skipped)")
PYEOF
