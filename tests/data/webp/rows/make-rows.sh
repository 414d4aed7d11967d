#!/usr/bin/env bash
# Regenerates the WebP files that ImageRows reads by rows (WebPRowsTests) and expected-rgba.sha256 (dwebp's pixels,
# as ../make-corpus.sh writes them). Needs Debian's `webp` and
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
def pam(path, w, h, pixel):
    with open(path, "wb") as f:
        f.write(f"P7\nWIDTH {w}\nHEIGHT {h}\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n".encode())
        for y in range(h):
            f.write(bytes(v for x in range(w) for v in pixel(x, y)))
# Over 1,053,872 pixels, so the lossless decoder's ring wraps: a smooth field with a 64 x 64 noise stamp repeated
# 690 rows lower (a back-reference over a million pixels away, if the encoder finds it).
r = random.Random(7)
stamp = [[(r.randrange(256), r.randrange(256), r.randrange(256)) for _ in range(64)] for _ in range(64)]
def stamped(x, y):
    sy = y - 10 if y < 700 else y - 700
    if 0 <= sy < 64 and 100 <= x < 164:
        return (*stamp[sy][x - 100], 255)
    return ((x * 255 // 1500), (y * 255 // 1000), ((x // 7) ^ (y // 9)) & 0x1F, 255)
pam(f"{out}/stamp.pam", 1500, 1000, stamped)
# Alpha with ramps and hard edges over 1,080,000 pixels (the alpha's lossless ring wraps too).
pam(f"{out}/alpha.pam", 1200, 900, lambda x, y: ((x * 255 // 1200), (y * 255 // 900), 90,
    0 if (x // 40 + y // 30) % 5 == 0 else (x * 3 + y) & 255))
# The large files: gradients with a fine pattern (quick to compress small), and plain gradients for lossless.
w, h = 4000, 3000
row = lambda y: bytes(v for x in range(w) for v in ((x * 255 // w), (y * 255 // h), ((x // 3) ^ (y // 5)) & 0x3F))
with open(f"{out}/large.ppm", "wb") as f:
    f.write(f"P6\n{w} {h}\n255\n".encode())
    for y in range(h):
        f.write(row(y))
pam(f"{out}/gradient.pam", w, h, lambda x, y: ((x * 255 // w), (y * 255 // h), 60, 255))
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
cwebp -quiet -lossless -q 100 -m 4 "$tmp/stamp.pam" -o lossless-stamp-1500x1000.webp
cwebp -quiet -lossless "$tmp/gradient.pam" -o lossless-gradient-4000x3000.webp
cwebp -quiet -q 60 -alpha_filter best "$tmp/alpha.pam" -o lossy-alpha-1200x900.webp

: > expected-rgba.sha256
for f in *.webp; do
  dwebp -quiet -pam "$f" -o "$tmp/out.pam"
  python3 - "$tmp/out.pam" "$f" >> expected-rgba.sha256 <<'PY'
import hashlib, sys
data = open(sys.argv[1], "rb").read()
end = data.index(b"ENDHDR\n") + len(b"ENDHDR\n")
fields = dict(line.split(" ", 1) for line in data[:end].decode().splitlines()[1:-1])
print(sys.argv[2], fields["WIDTH"], fields["HEIGHT"], hashlib.sha256(data[end:]).hexdigest())
PY
done
