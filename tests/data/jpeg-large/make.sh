#!/bin/sh
# Rebuilds the large progressive JPEG the read-by-rows memory test uses: 6,000 x 4,000 smooth gradients (red across,
# green down, blue diagonally), cjpeg's default 4:2:0 progression at quality 75. Smooth so the file stays small
# (~200 KB); the test measures what a read holds, which does not depend on the content.
# Needs: libjpeg-turbo-progs (cjpeg), python3.
set -eu
cd "$(dirname "$0")"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
python3 - "$T/gradient.ppm" <<'PY'
import sys
w, h = 6000, 4000
red = bytes(x * 255 // w for x in range(w))
with open(sys.argv[1], "wb") as f:
    f.write(b"P6\n%d %d\n255\n" % (w, h))
    for y in range(h):
        row = bytearray(w * 3)
        row[0::3] = red
        row[1::3] = bytes([y * 255 // h]) * w
        row[2::3] = bytes((x + y) * 255 // (w + h) for x in range(w))
        f.write(row)
PY
cjpeg -quality 75 -progressive "$T/gradient.ppm" > gradient-6000x4000-progressive.jpg
