#!/bin/sh
# Rebuilds the JPEG decoder's test corpus and its references in this folder.
# Needs: libjpeg-turbo-progs (cjpeg, djpeg, jpegtran), libjpeg62-turbo-dev + gcc, imagemagick, python3-pil.
# References: djpeg (libjpeg-turbo defaults: ISLOW IDCT, fancy upsampling) as gzip PPM/PGM in *.ref.ppm.gz;
# Pillow for CMYK/YCCK (djpeg cannot write those as PPM).
set -eu
cd "$(dirname "$0")"
PY=/usr/bin/python3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
gcc -O2 -o "$T/cmyk-jpeg" tools/cmyk-jpeg.c -ljpeg
rm -f ./*.jpg ./*.ref.ppm.gz

# Sources: a downscaled photo and synthetic images at sizes that are not multiples of the MCU.
$PY tools/corpus.py resize photos/biden2.jpg 320 "$T/photo.ppm"
$PY tools/corpus.py synth gradient 333 77 "$T/grad-333x77.ppm"
$PY tools/corpus.py synth noise 7 13 "$T/noise-7x13.ppm"
$PY tools/corpus.py synth noise 1 1 "$T/noise-1x1.ppm"
$PY tools/corpus.py synth gradient 3 5 "$T/grad-3x5.ppm"
$PY tools/corpus.py synth noise 64 48 "$T/noise-64x48.ppm"

P="$T/photo.ppm"
cjpeg -quality 90 -sample 2x2 "$P" > photo-420.jpg
cjpeg -quality 90 -sample 1x1 "$P" > photo-444.jpg
cjpeg -quality 90 -sample 2x1 "$P" > photo-422.jpg
cjpeg -quality 90 -sample 1x2 "$P" > photo-440.jpg
cjpeg -quality 90 -sample 4x1 "$P" > photo-411.jpg
cjpeg -quality 85 -sample 4x2 "$P" > photo-410.jpg
cjpeg -quality 90 -sample 3x1,1x1,1x1 "$P" > photo-311.jpg
cjpeg -quality 90 -sample 2x2,1x2,2x1 "$P" > photo-mixed.jpg
cjpeg -quality 75 -grayscale "$P" > photo-gray.jpg
# A one-component image declaring 2x2 sampling: libjpeg still uses one-block MCUs for it.
cjpeg -quality 75 -grayscale -sample 2x2 "$P" > photo-gray-2x2.jpg
cjpeg -quality 75 -grayscale -sample 2x2 -progressive "$T/grad-333x77.ppm" > grad-333x77-gray-2x2-progressive.jpg
cjpeg -quality 90 -rgb "$P" > photo-rgb.jpg
cjpeg -quality 90 -optimize "$P" > photo-optimized.jpg
cjpeg -quality 100 -sample 1x1 "$P" > photo-q100.jpg
# Quality 10 needs 16-bit quantisation tables, so cjpeg writes an extended sequential (SOF1) file.
cjpeg -quality 10 "$P" 2>/dev/null > photo-extended-sof1.jpg
cjpeg -quality 90 -restart 1 "$P" > photo-restart-row.jpg
cjpeg -quality 90 -restart 3B "$P" > photo-restart-3mcu.jpg
cjpeg -quality 90 -progressive "$P" > photo-progressive.jpg
cjpeg -quality 90 -progressive -sample 1x1 "$P" > photo-progressive-444.jpg
cjpeg -quality 90 -progressive -grayscale "$P" > photo-progressive-gray.jpg
cjpeg -quality 90 -progressive -restart 2B "$P" > photo-progressive-restart.jpg
cat > "$T/sa.scans" <<'SCANS'
0: 0 0 0 2;
1: 0 0 0 1;
2: 0 0 0 1;
0: 1 2 0 3;
0: 3 20 0 3;
0: 21 63 0 3;
1: 1 63 0 2;
2: 1 63 0 0;
0: 1 63 3 2;
0: 1 63 2 1;
0: 0 0 2 1;
0: 0 0 1 0;
1: 0 0 1 0;
2: 0 0 1 0;
1: 1 63 2 1;
1: 1 63 1 0;
0: 1 63 1 0;
SCANS
cjpeg -quality 90 -scans "$T/sa.scans" "$P" > photo-progressive-sa.jpg
printf '0: 0 63 0 0;\n1: 0 63 0 0;\n2: 0 63 0 0;\n' > "$T/seq.scans"
cjpeg -quality 90 -scans "$T/seq.scans" "$P" > photo-sequential-noninterleaved.jpg
printf '0: 0 63 0 0;\n1 2: 0 63 0 0;\n' > "$T/seq2.scans"
cjpeg -quality 90 -scans "$T/seq2.scans" "$P" > photo-sequential-two-scans.jpg
convert "$P" -quality 85 -sampling-factor 2x1 photo-imagemagick.jpg
$PY -c "from PIL import Image; Image.open('$P').save('photo-pil.jpg', quality=80, subsampling=2, optimize=True)"
"$T/cmyk-jpeg" cmyk 90 "$P" photo-cmyk.jpg
"$T/cmyk-jpeg" ycck 90 "$P" photo-ycck.jpg

cjpeg -quality 90 "$T/grad-333x77.ppm" > grad-333x77-420.jpg
cjpeg -quality 90 -progressive "$T/grad-333x77.ppm" > grad-333x77-progressive.jpg
cjpeg -quality 95 -sample 2x1 "$T/grad-333x77.ppm" > grad-333x77-422.jpg
cjpeg -quality 90 "$T/noise-7x13.ppm" > noise-7x13-420.jpg
cjpeg -quality 90 -sample 1x1 -progressive "$T/noise-7x13.ppm" > noise-7x13-progressive-444.jpg
cjpeg -quality 90 "$T/noise-1x1.ppm" > noise-1x1.jpg
cjpeg -quality 90 "$T/grad-3x5.ppm" > grad-3x5-420.jpg
cjpeg -quality 90 -sample 2x1 "$T/grad-3x5.ppm" > grad-3x5-422.jpg
cjpeg -quality 98 -sample 1x1 "$T/noise-64x48.ppm" > noise-64x48-444.jpg
cjpeg -quality 98 -progressive "$T/noise-64x48.ppm" > noise-64x48-progressive.jpg

# Damaged files: truncations and a mis-numbered restart marker.
$PY tools/corpus.py truncate photo-420.jpg 0.6 truncated-baseline.jpg
$PY tools/corpus.py truncate photo-restart-3mcu.jpg 0.5 truncated-restart.jpg
$PY tools/corpus.py truncate photo-progressive.jpg lastscan truncated-progressive.jpg
$PY tools/corpus.py bad_restart photo-restart-3mcu.jpg corrupt-restart.jpg

# EXIF orientations 1..8 on the 7x13 image (non-square, so rotations show).
for o in 1 2 3 4 5 6 7 8; do
  $PY tools/corpus.py exif noise-7x13-420.jpg "$o" "exif-$o.jpg"
done

# References for everything decodable.
for f in *.jpg; do
  case "$f" in
    photo-cmyk.jpg|photo-ycck.jpg) $PY tools/corpus.py pil_ref "$f" "${f%.jpg}.ref.ppm.gz" ;;
    *) djpeg "$f" 2>/dev/null | gzip -n -9 > "${f%.jpg}.ref.ppm.gz" ;;
  esac
done
# The photos as they are (biden2.jpg only serves as the source above, to keep the repository small).
for f in photos/obama1.jpg photos/obama_partial_face.jpg; do
  djpeg "$f" | gzip -n -9 > "${f%.jpg}.ref.ppm.gz"
done

# Files that must be refused (no references).
mkdir -p refused
cjpeg -quality 90 -arithmetic "$P" > refused/arithmetic.jpg
cjpeg -quality 90 -arithmetic -progressive "$P" > refused/arithmetic-progressive.jpg
$PY tools/corpus.py patch_sof noise-7x13-420.jpg 12bit refused/12bit.jpg
$PY tools/corpus.py patch_sof noise-7x13-420.jpg lossless refused/lossless.jpg
$PY tools/corpus.py patch_sof noise-7x13-420.jpg hierarchical refused/hierarchical.jpg
$PY tools/corpus.py patch_sof noise-7x13-420.jpg huge refused/huge-60000.jpg
$PY tools/corpus.py patch_sof noise-7x13-420.jpg badhuff refused/bad-huffman.jpg
$PY tools/corpus.py truncate photo-420.jpg headers refused/headers-only.jpg
head -c 200 photo-420.jpg > refused/cut-in-headers.jpg
