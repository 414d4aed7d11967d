#!/bin/sh
# Regenerates tests/data/jpeg-encoding/ with Debian bookworm's libjpeg-turbo 2.1 tools and Pillow 9.4
# (apt-get install libjpeg-turbo-progs python3-pil python3-numpy). Run from anywhere.
#
# Inputs: portrait.ppm, a 251x317 crop of the public-domain Obama portrait (tests/data/resize/clip/, see README),
# and two synthetic images (seeded). Each <input>_q<Q>_<420|444>.jpg is cjpeg's baseline output with the accurate
# integer DCT; Likeness's encoder must reproduce it byte for byte. <...>.djpeg.ppm.gz is djpeg's decode of it.
set -eu
cd "$(dirname "$0")"
/usr/bin/python3 - <<'PY'
import numpy as np
from PIL import Image
Image.open("../resize/clip/obama_decoded_910x1137.ppm").crop((330, 160, 581, 477)).save("portrait.ppm")
rng = np.random.default_rng(17)
y, x = np.mgrid[0:9, 0:17]
grad = np.stack([x * 15, y * 28, (x + y) * 9], -1) + rng.integers(0, 12, (9, 17, 3))
Image.fromarray(grad.astype(np.uint8), "RGB").save("odd17x9.ppm")
Image.new("RGB", (1, 1), (200, 30, 90)).save("pixel1x1.ppm")
PY
for input in portrait odd17x9 pixel1x1; do
  for quality in 90 50; do
    for sampling in 420 444; do
      case $sampling in 420) factors=2x2 ;; *) factors=1x1 ;; esac
      out=${input}_q${quality}_${sampling}
      cjpeg -baseline -dct int -quality $quality -sample $factors $input.ppm > $out.jpg
      if [ $quality = 90 ]; then djpeg -dct int -ppm $out.jpg | gzip -9n > $out.djpeg.ppm.gz; fi
    done
  done
done
