#!/usr/bin/env bash
# Regenerates the lossy WebP files that ImageRows reads by rows (WebPRowsTests). Needs Debian's `webp` and
# `libwebp-dev` (1.2.4), gcc and python3. cwebp cannot choose the number of token partitions or force the simple
# filter with a strength, so a few lines of C set libwebp's WebPConfig directly.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/enc.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <webp/encode.h>
/* enc in.ppm out.webp quality partitions(log2 0..3) filter_type(0 simple, 1 normal) strength sharpness segments sns */
static int put(const uint8_t* d, size_t n, const WebPPicture* p) { return fwrite(d, n, 1, (FILE*)p->custom_ptr) == 1; }
int main(int argc, char** argv) {
  if (argc != 10) return 2;
  FILE* in = fopen(argv[1], "rb"); int w, h, max;
  if (!in || fscanf(in, "P6 %d %d %d", &w, &h, &max) != 3) return 3;
  fgetc(in);
  uint8_t* rgb = malloc((size_t)w * h * 3);
  if (fread(rgb, 3, (size_t)w * h, in) != (size_t)w * h) return 4;
  WebPConfig c; WebPPicture p;
  if (!WebPConfigInit(&c) || !WebPPictureInit(&p)) return 5;
  c.quality = atof(argv[3]); c.partitions = atoi(argv[4]); c.filter_type = atoi(argv[5]);
  c.filter_strength = atoi(argv[6]); c.filter_sharpness = atoi(argv[7]); c.segments = atoi(argv[8]);
  c.sns_strength = atoi(argv[9]); c.method = 4;
  c.low_memory = 1; /* the token buffer (used otherwise) forces one partition */
  if (!WebPValidateConfig(&c)) return 6;
  p.width = w; p.height = h;
  if (!WebPPictureImportRGB(&p, rgb, w * 3)) return 7;
  FILE* out = fopen(argv[2], "wb"); p.writer = put; p.custom_ptr = out;
  if (!WebPEncode(&c, &p)) return 8;
  fclose(out); WebPPictureFree(&p); free(rgb); return 0;
}
C
gcc -O1 -o "$tmp/enc" "$tmp/enc.c" -lwebp
python3 - "$tmp" <<'PY'
import random, sys
out = sys.argv[1]
def ppm(path, w, h, seed):
    # A smooth field with texture and a few hard edges: every prediction mode, filter edge and segment gets work.
    r = random.Random(seed)
    px = bytearray()
    for y in range(h):
        for x in range(w):
            edge = 90 if (x // 11 + y // 13) % 4 == 0 else 0
            px += bytes(((x * 5 + r.randrange(40) + edge) & 255, (y * 7 + x + edge) & 255, (128 + (x - y) * 3 + r.randrange(16)) & 255))
    with open(path, "wb") as f:
        f.write(f"P6\n{w} {h}\n255\n".encode() + bytes(px))
for (w, h) in ((1, 1), (16, 16), (17, 17), (15, 33), (93, 150)):
    ppm(f"{out}/{w}x{h}.ppm", w, h, w * 1000 + h)
# The large file: gradients with a fine pattern (quick to compress small).
w, h = 4000, 3000
row = lambda y: bytes(v for x in range(w) for v in ((x * 255 // w), (y * 255 // h), ((x // 3) ^ (y // 5)) & 0x3F))
with open(f"{out}/large.ppm", "wb") as f:
    f.write(f"P6\n{w} {h}\n255\n".encode())
    for y in range(h):
        f.write(row(y))
PY
e="$tmp/enc"
# Token partitions 1, 2, 4 and 8 (log2 0..3) over ten macroblock rows, normal filter, four segments.
for p in 0 1 2 3; do "$e" "$tmp/93x150.ppm" "partitions$((1 << p))-93x150.webp" 70 $p 1 60 2 4 80; done
# The simple filter, no filter, one segment, sharpness, odd and tiny sizes.
"$e" "$tmp/93x150.ppm" simple-93x150.webp 60 1 0 70 0 4 50
"$e" "$tmp/93x150.ppm" nofilter-93x150.webp 60 0 1 0 0 4 50
"$e" "$tmp/93x150.ppm" segments1-sharp7-93x150.webp 40 2 1 100 7 1 0
for s in 1x1 16x16 17x17 15x33; do "$e" "$tmp/$s.ppm" "normal-$s.webp" 75 1 1 50 0 4 50; done
"$e" "$tmp/17x17.ppm" simple-17x17.webp 30 0 0 100 3 2 100
cwebp -quiet -q 20 -m 2 "$tmp/large.ppm" -o large-4000x3000.webp
