#!/bin/sh
# Rebuilds the block-smoothing corpus: progressive JPEGs whose AC scans are incomplete, so djpeg 2.1.5 applies
# its interblock smoothing (jdcoefct.c). Files that stop after the first N scans of cjpeg's standard progression
# (valid, complete files), and the same files cut part of the way through their last scan. References: djpeg
# defaults, gzip PPM. Kept out of tests/data/jpeg so the exact-conformance tests there do not pick these up.
# Needs: libjpeg-turbo-progs (cjpeg, djpeg), python3-pil.
set -eu
cd "$(dirname "$0")"
PY=/usr/bin/python3
TOOLS=../jpeg/tools/corpus.py
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
rm -f ./*.jpg ./*.ref.ppm.gz

# cjpeg's own progressions (jcparam.c jpeg_simple_progression) for YCbCr and for one component.
cat > "$T/color.scans" <<'SCANS'
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
cat > "$T/gray.scans" <<'SCANS'
0: 0 0 0 1;
0: 1 5 0 2;
0: 6 63 0 2;
0: 1 63 2 1;
0: 0 0 1 0;
0: 1 63 1 0;
SCANS

# encode NAME SOURCE PROGRESSION "SCAN COUNTS" "CUTS" CJPEG-OPTIONS...
# Writes NAME-scansN.jpg for each count and NAME-scansN-cutF.jpg for each fraction F of its last scan.
encode() {
  name=$1 source=$2 progression=$3 counts=$4 cuts=$5
  shift 5
  for n in $counts; do
    head -n "$n" "$T/$progression.scans" > "$T/$n.scans"
    cjpeg -quality 85 "$@" -scans "$T/$n.scans" "$T/$source.ppm" > "$name-scans$n.jpg"
    for f in $cuts; do
      $PY "$TOOLS" truncate "$name-scans$n.jpg" "lastscan:$f" "$name-scans$n-cut$f.jpg"
    done
  done
}

for photo in obama1 obama_partial_face; do
  $PY "$TOOLS" resize "../jpeg/photos/$photo.jpg" 96 "$T/$photo.ppm"
  for n in 2 4 6; do
    head -n "$n" "$T/color.scans" > "$T/$n.scans"
    cjpeg -quality 85 -scans "$T/$n.scans" "$T/$photo.ppm" > "$photo-scans$n.jpg"
    $PY "$TOOLS" truncate "$photo-scans$n.jpg" lastscan "$photo-scans$n-cut.jpg"
  done
done

# Grey, 4:4:4, 4:2:2, restart intervals, a two-block-wide image and a grey one sampled 2x2 (two block rows per
# iMCU row), cut early, halfway and late; one-scan files are DC only.
$PY "$TOOLS" resize ../jpeg/photos/obama_partial_face.jpg 16 "$T/narrow.ppm"
$PY "$TOOLS" resize ../jpeg/photos/obama_partial_face.jpg 40 "$T/small.ppm"
encode obama1-gray obama1 gray "1 2 3 4" "0.2 0.7" -grayscale
encode obama1-444 obama1 color "1 3 5" "0.3 0.9" -sample 1x1
encode obama1-422 obama1 color "3" "0.5" -sample 2x1
encode obama1-restart obama1 color "2 4" "0.2 0.8" -restart 3B
encode narrow-420 narrow color "1 2 6" "0.5" -sample 2x2
encode narrow-gray narrow gray "2" "0.5" -grayscale
encode small-gray2x2 small gray "2 4" "0.4" -grayscale -sample 2x2

# Cut right after the last scan's header: libjpeg starts that scan, which changes how it smooths.
$PY "$TOOLS" truncate obama1-scans4.jpg lastheader obama1-scans4-cuthdr.jpg
$PY "$TOOLS" truncate small-gray2x2-scans4.jpg lastheader small-gray2x2-scans4-cuthdr.jpg

# A stray marker in the last scan: the data runs out there (EOI: for good; RST1 with restart intervals: until
# libjpeg resynchronises at the next restart marker, which resumes smoothing with that scan's state).
$PY "$TOOLS" stray-marker obama1-scans6.jpg d9 0.5 obama1-scans6-stray-eoi.jpg
$PY "$TOOLS" stray-marker obama1-restart-scans4.jpg d1 0.57 obama1-restart-scans4-stray-rst.jpg

# DC only, every quantiser 8 (one DC step is one grey level): steps whose smoothed DC lands on exact halves.
$PY "$TOOLS" impulses "$T/impulses.pgm"
printf '0: 0 0 0 0;\n' > "$T/dc.scans"
yes 8 | head -n 64 | tr '\n' ' ' > "$T/q8.txt"
cjpeg -grayscale -quality 50 -qtables "$T/q8.txt" -scans "$T/dc.scans" "$T/impulses.pgm" > impulses-gray-dc.jpg

for f in ./*.jpg; do
  djpeg -pnm "$f" | gzip -9n > "${f%.jpg}.ref.ppm.gz"
done
