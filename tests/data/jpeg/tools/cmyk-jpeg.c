/* Writes a 4-component JPEG (Adobe CMYK or YCCK) from a binary PPM, for the decoder's test corpus.
 * cjpeg cannot make these. Ink is derived simply (K from the brightest channel) and stored inverted, as
 * Adobe applications do; libjpeg writes the Adobe APP14 marker itself.
 * Usage: cmyk-jpeg cmyk|ycck quality in.ppm out.jpg */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>

int main(int argc, char **argv)
{
  if (argc != 5) { fprintf(stderr, "usage: %s cmyk|ycck quality in.ppm out.jpg\n", argv[0]); return 2; }
  FILE *in = fopen(argv[3], "rb");
  int w, h, maxval;
  if (!in || fscanf(in, "P6 %d %d %d", &w, &h, &maxval) != 3 || maxval != 255) { fprintf(stderr, "bad ppm\n"); return 1; }
  fgetc(in);
  unsigned char *rgb = malloc((size_t)w * h * 3), *row = malloc((size_t)w * 4);
  if (fread(rgb, 3, (size_t)w * h, in) != (size_t)w * h) { fprintf(stderr, "short ppm\n"); return 1; }
  fclose(in);

  struct jpeg_compress_struct cinfo;
  struct jpeg_error_mgr jerr;
  cinfo.err = jpeg_std_error(&jerr);
  jpeg_create_compress(&cinfo);
  FILE *out = fopen(argv[4], "wb");
  jpeg_stdio_dest(&cinfo, out);
  cinfo.image_width = w;
  cinfo.image_height = h;
  cinfo.input_components = 4;
  cinfo.in_color_space = JCS_CMYK;
  jpeg_set_defaults(&cinfo);
  jpeg_set_colorspace(&cinfo, strcmp(argv[1], "ycck") == 0 ? JCS_YCCK : JCS_CMYK);
  jpeg_set_quality(&cinfo, atoi(argv[2]), TRUE);
  jpeg_start_compress(&cinfo, TRUE);
  while (cinfo.next_scanline < cinfo.image_height) {
    const unsigned char *p = rgb + (size_t)cinfo.next_scanline * w * 3;
    for (int x = 0; x < w; x++) {
      int r = p[3 * x], g = p[3 * x + 1], b = p[3 * x + 2];
      int mx = r > g ? (r > b ? r : b) : (g > b ? g : b);
      /* inverted ink: 255 = no ink */
      row[4 * x] = mx ? r * 255 / mx : 255;
      row[4 * x + 1] = mx ? g * 255 / mx : 255;
      row[4 * x + 2] = mx ? b * 255 / mx : 255;
      row[4 * x + 3] = mx;
    }
    JSAMPROW rows[1] = { row };
    jpeg_write_scanlines(&cinfo, rows, 1);
  }
  jpeg_finish_compress(&cinfo);
  fclose(out);
  jpeg_destroy_compress(&cinfo);
  free(rgb);
  free(row);
  return 0;
}
