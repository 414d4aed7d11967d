#!/bin/sh
# Rebuilds the block-smoothing corpus: progressive JPEGs whose AC scans are incomplete, so djpeg 2.1.5 applies
# its interblock smoothing (jdcoefct.c). Complete files that stop after 2, 4 and 6 scans of cjpeg's standard
# progression, and the same files cut in the middle of their last scan. References: djpeg defaults, gzip PPM.
# Kept out of tests/data/jpeg so the exact-conformance tests there do not pick these up.
# Needs: libjpeg-turbo-progs (cjpeg, djpeg), python3-pil.
set -eu
cd "$(dirname "$0")"
PY=/usr/bin/python3
TOOLS=../jpeg/tools/corpus.py
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
rm -f ./*.jpg ./*.ref.ppm.gz

# cjpeg's own progression for YCbCr (jcparam.c jpeg_simple_progression); the first N scans are kept.
cat > "$T/all.scans" <<'SCANS'
0 1 2: 0 0 0 1;
0: 1 5 0 2;
2: 1 63 0 1;
1: 1 63 0 1;
0: 6 63 0 2;
0: 1 63 2 1;
0 1 2: 0 0 1 0;
2: 1 63 1 0;
1: 1 63 1 0;
0: 1 63 1 0;
SCANS
for photo in obama1 obama_partial_face; do
  $PY "$TOOLS" resize "../jpeg/photos/$photo.jpg" 96 "$T/$photo.ppm"
  for n in 2 4 6; do
    head -n "$n" "$T/all.scans" > "$T/$n.scans"
    cjpeg -quality 85 -scans "$T/$n.scans" "$T/$photo.ppm" > "$photo-scans$n.jpg"
    $PY "$TOOLS" truncate "$photo-scans$n.jpg" lastscan "$photo-scans$n-cut.jpg"
  done
done
for f in ./*.jpg; do
  djpeg -pnm "$f" | gzip -9n > "${f%.jpg}.ref.ppm.gz"
done
