/* check_png.c: the PNG writer (src/export/export_png.c): its files read
 * back by independent decoders (cairo's PNG reader, on libpng, and zlib's
 * inflate for the compressed stream and its Adler-32) equal the source
 * image pixel for pixel, at sizes that do and do not fill its bands, and
 * its bytes do not depend on the number of threads. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>
#include <cairo.h>
#include <zlib.h>

#include "export/export.h"
#include "export/export_png.h"

/* ---- a growing memory buffer as the writer's output ---- */

typedef struct {
  unsigned char *p;
  size_t n, cap;
  size_t fail_at;    /* a write reaching past this many bytes fails */
  int calls_after;   /* writes asked for after the failure */
} sink;

static cairo_status_t
sink_write (void *closure, const unsigned char *data, unsigned int length)
{
  sink *s = closure;

  if (s->n > s->fail_at)
    {
      s->calls_after++;
      return CAIRO_STATUS_WRITE_ERROR;
    }
  if (s->n + length > s->fail_at)
    {
      s->n = s->fail_at + 1;
      return CAIRO_STATUS_WRITE_ERROR;
    }
  if (s->n + length > s->cap)
    {
      s->cap = (s->n + length) * 2;
      s->p = realloc (s->p, s->cap);
      ck_assert_ptr_nonnull (s->p);
    }
  memcpy (s->p + s->n, data, length);
  s->n += length;
  return CAIRO_STATUS_SUCCESS;
}

static sink
png_of (cairo_surface_t *img, int threads)
{
  sink s = { NULL, 0, 0, SIZE_MAX, 0 };

  ck_assert_int_eq (rs_png_write (img, sink_write, &s, threads),
                    CAIRO_STATUS_SUCCESS);
  return s;
}

/* ---- images to write ---- */

/* A small deterministic generator (xorshift32), so a failure repeats. */
static uint32_t
next_random (uint32_t *state)
{
  uint32_t x = *state;

  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return *state = x;
}

enum { FLAT_OPAQUE, FLAT_TRANSLUCENT, RANDOM_OPAQUE, RANDOM_TRANSLUCENT,
       N_CONTENTS };

/* A valid premultiplied pixel: each colour at most the alpha. */
static uint32_t
premultiplied (uint32_t a, uint32_t r, uint32_t g, uint32_t b)
{
  return a << 24 | (r % (a + 1)) << 16 | (g % (a + 1)) << 8 | b % (a + 1);
}

/* A w x h ARGB32 image of one kind of content; the translucent ones hold
 * fully transparent, translucent and opaque pixels. */
static cairo_surface_t *
image (int w, int h, int content)
{
  cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                     w, h);
  uint32_t state = 2463534242u ^ (uint32_t) (w * 7919 + h * 31 + content);
  unsigned char *d;
  int stride;

  ck_assert_int_eq (cairo_surface_status (img), CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (img);
  d = cairo_image_surface_get_data (img);
  stride = cairo_image_surface_get_stride (img);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        uint32_t r = next_random (&state), p;

        switch (content)
          {
          case FLAT_OPAQUE: p = 0xff3a6e9cu; break;
          case FLAT_TRANSLUCENT: p = 0x80201008u; break;
          case RANDOM_OPAQUE: p = 0xff000000u | (r & 0xffffffu); break;
          default:
            p = r % 5 == 0 ? 0 : r % 5 == 1 ? 0xff000000u | (r >> 8)
              : premultiplied (r >> 24, r >> 16 & 0xff, r >> 8 & 0xff,
                               r & 0xff);
          }
        ((uint32_t *) (void *) (d + (size_t) y * stride))[x] = p;
      }
  cairo_surface_mark_dirty (img);
  return img;
}

/* ---- reading back ---- */

typedef struct {
  const unsigned char *p;
  size_t n, at;
} source;

static cairo_status_t
source_read (void *closure, unsigned char *data, unsigned int length)
{
  source *s = closure;

  if (s->n - s->at < length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, s->p + s->at, length);
  s->at += length;
  return CAIRO_STATUS_SUCCESS;
}

static uint32_t
get32 (const unsigned char *p)
{
  return (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16
         | (uint32_t) p[2] << 8 | p[3];
}

/* Walk the chunks of png: the signature, IHDR first, each chunk's CRC
 * right (ISO 3309, computed by zlib), the IDATs' data gathered into
 * *idat, IEND last with nothing after it.  Returns the IDAT count and
 * the colour type in *color. */
static int
walk_chunks (const sink *png, unsigned char **idat, size_t *idat_n,
             int *color)
{
  static const unsigned char sig[8] = { 137, 80, 78, 71, 13, 10, 26, 10 };
  size_t at = 8;
  int idats = 0, ended = 0;

  ck_assert_uint_ge (png->n, 8);
  ck_assert_int_eq (memcmp (png->p, sig, 8), 0);
  *idat = NULL;
  *idat_n = 0;
  while (at < png->n)
    {
      uint32_t len = get32 (png->p + at);
      const unsigned char *type = png->p + at + 4;

      ck_assert (!ended);
      ck_assert_uint_le (at + 12 + len, png->n);
      ck_assert_uint_eq (get32 (type + 4 + len),
                         crc32 (0L, type, 4 + len));
      if (at == 8)
        {
          ck_assert_int_eq (memcmp (type, "IHDR", 4), 0);
          *color = type[4 + 9];
        }
      if (memcmp (type, "IDAT", 4) == 0)
        {
          *idat = realloc (*idat, *idat_n + len + 1);
          memcpy (*idat + *idat_n, type + 4, len);
          *idat_n += len;
          idats++;
        }
      ended = memcmp (type, "IEND", 4) == 0;
      at += 12 + len;
    }
  ck_assert (ended);
  return idats;
}

/* The IDAT stream inflates, its Adler-32 checked by zlib, to exactly
 * h rows of 1 + w * channels bytes, each starting with a filter type
 * (0 to 4), and nothing follows the stream. */
static void
check_stream (const unsigned char *idat, size_t n, int w, int h, int chans)
{
  size_t want = (size_t) h * (1 + (size_t) w * chans);
  unsigned char *raw = malloc (want + 1);
  z_stream z;

  memset (&z, 0, sizeof z);
  ck_assert_int_eq (inflateInit (&z), Z_OK);
  z.next_in = (unsigned char *) idat;
  z.avail_in = (uInt) n;
  z.next_out = raw;
  z.avail_out = (uInt) want + 1;
  ck_assert_int_eq (inflate (&z, Z_FINISH), Z_STREAM_END);
  ck_assert_uint_eq (z.avail_in, 0);
  ck_assert_uint_eq (z.total_out, want);
  for (int y = 0; y < h; y++)
    ck_assert_uint_le (raw[(size_t) y * (want / h)], 4);
  inflateEnd (&z);
  free (raw);
}

/* cairo's reader gives premultiplied ARGB32 back.  The file stores
 * c' = round(c * 255 / a) (straight alpha); cairo premultiplies with
 * round(c' * a / 255), which is c again since |c' * a / 255 - c| <= a /
 * 510 < 1/2: so every pixel must come back exactly, translucent or
 * not (an opaque RGB file comes back with alpha 255). */
static void
check_pixels (const sink *png, cairo_surface_t *img)
{
  source src = { png->p, png->n, 0 };
  cairo_surface_t *back = cairo_image_surface_create_from_png_stream
    (source_read, &src);
  int w = cairo_image_surface_get_width (img);
  int h = cairo_image_surface_get_height (img);

  ck_assert_int_eq (cairo_surface_status (back), CAIRO_STATUS_SUCCESS);
  ck_assert_int_eq (cairo_image_surface_get_width (back), w);
  ck_assert_int_eq (cairo_image_surface_get_height (back), h);
  for (int y = 0; y < h; y++)
    {
      const uint32_t *a = (const uint32_t *) (const void *)
        (cairo_image_surface_get_data (img)
         + (size_t) y * cairo_image_surface_get_stride (img));
      const uint32_t *b = (const uint32_t *) (const void *)
        (cairo_image_surface_get_data (back)
         + (size_t) y * cairo_image_surface_get_stride (back));

      for (int x = 0; x < w; x++)
        if (a[x] != b[x])
          ck_abort_msg ("%dx%d: pixel (%d, %d) written %08x, read %08x",
                        w, h, x, y, a[x], b[x]);
    }
  cairo_surface_destroy (back);
}

/* Whether a pixel of img (ARGB32) is not opaque. */
static int
translucent_pixel (cairo_surface_t *img)
{
  for (int y = 0; y < cairo_image_surface_get_height (img); y++)
    for (int x = 0; x < cairo_image_surface_get_width (img); x++)
      if (((const uint32_t *) (const void *)
           (cairo_image_surface_get_data (img)
            + (size_t) y * cairo_image_surface_get_stride (img)))[x] >> 24
          != 0xff)
        return 1;
  return 0;
}

/* An image written and read back every way, with 1 and 3 threads: RGB
 * when every pixel is opaque, RGBA otherwise. */
static void
round_trip (int w, int h, int content)
{
  cairo_surface_t *img = image (w, h, content);
  int translucent = translucent_pixel (img);
  int bands = (h + rs_png_band_rows (w) - 1) / rs_png_band_rows (w);
  sink one = png_of (img, 1), three = png_of (img, 3);
  unsigned char *idat;
  size_t idat_n;
  int color;

  ck_assert_uint_eq (one.n, three.n);
  ck_assert_int_eq (memcmp (one.p, three.p, one.n), 0);
  /* one IDAT chunk a band */
  ck_assert_int_eq (walk_chunks (&one, &idat, &idat_n, &color), bands);
  ck_assert_int_eq (color, translucent ? 6 : 2);
  check_stream (idat, idat_n, w, h, translucent ? 4 : 3);
  check_pixels (&one, img);
  free (idat);
  free (one.p);
  free (three.p);
  cairo_surface_destroy (img);
}

/* ---- the tests ---- */

/* The smallest images: 1x1, a single column (1xN) and a single row
 * (Nx1), of every content. */
START_TEST (test_thin_images)
{
  for (int c = 0; c < N_CONTENTS; c++)
    {
      round_trip (1, 1, c);
      round_trip (1, 37, c);
      round_trip (53, 1, c);
    }
}
END_TEST

/* Heights that are not a multiple of the band height (the last band
 * shorter), one that is, and a column taller than one band. */
START_TEST (test_band_edges)
{
  int rows300 = rs_png_band_rows (300), rows1 = rs_png_band_rows (1);

  ck_assert_int_eq (rows300, 218);   /* 262144 / (300 * 4) */
  ck_assert_int_eq (rows1, 8192);     /* 65536, capped */
  for (int c = 0; c < N_CONTENTS; c++)
    {
      round_trip (300, 2 * rows300 + 1, c);
      round_trip (300, 3 * rows300, c);
      round_trip (300, rows300 - 1, c);
    }
  round_trip (1, rows1 + 5, RANDOM_TRANSLUCENT);
  round_trip (1, rows1 + 5, FLAT_OPAQUE);
}
END_TEST

/* A figure's size (1200 x 800, 54 rows a band: 262144 / (1200 * 4)),
 * and a wide image of 3 rows a band (262144 / (20000 * 4)), the last
 * band shorter. */
START_TEST (test_large_images)
{
  ck_assert_int_eq (rs_png_band_rows (20000), 3);
  round_trip (1200, 800, RANDOM_OPAQUE);
  round_trip (1200, 800, FLAT_TRANSLUCENT);
  round_trip (20000, 7, RANDOM_TRANSLUCENT);
}
END_TEST

/* The bytes are the same whatever the number of threads (1 to more
 * than there are bands) or the free processors (0: the writer's own
 * choice). */
START_TEST (test_threads_same_bytes)
{
  cairo_surface_t *img = image (640, 5 * rs_png_band_rows (640) + 3,
                                RANDOM_OPAQUE);
  sink ref = png_of (img, 1);

  for (int t = 0; t <= 9; t++)
    {
      sink s = png_of (img, t);

      ck_assert_uint_eq (s.n, ref.n);
      ck_assert_int_eq (memcmp (s.p, ref.p, ref.n), 0);
      free (s.p);
    }
  free (ref.p);
  cairo_surface_destroy (img);
}
END_TEST

/* An RGB24 image (no alpha channel: its top byte is ignored) is stored
 * as RGB and reads back with alpha 255. */
START_TEST (test_rgb24)
{
  cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                                     5, 4);
  cairo_surface_t *want = image (5, 4, RANDOM_OPAQUE);
  cairo_t *cr = cairo_create (img);
  sink s;
  unsigned char *idat;
  size_t idat_n;
  int color;

  cairo_set_source_surface (cr, want, 0, 0);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_destroy (cr);
  s = png_of (img, 2);
  walk_chunks (&s, &idat, &idat_n, &color);
  ck_assert_int_eq (color, 2);
  check_pixels (&s, want);
  free (idat);
  free (s.p);
  cairo_surface_destroy (img);
  cairo_surface_destroy (want);
}
END_TEST

/* A write that fails, at any point of the file (the signature, a chunk's
 * head, an IDAT, the last CRC), ends the writing with a write error:
 * nothing more is asked of the output after the failure. */
START_TEST (test_write_failure)
{
  cairo_surface_t *img = image (200, 3 * rs_png_band_rows (200),
                                RANDOM_OPAQUE);
  sink whole = png_of (img, 2);

  for (size_t cut = 0; cut < whole.n; cut += cut < 64 ? 1 : 997)
    {
      sink s = { NULL, 0, 0, cut, 0 };

      ck_assert_int_eq (rs_png_write (img, sink_write, &s, 2),
                        CAIRO_STATUS_WRITE_ERROR);
      ck_assert_int_eq (s.calls_after, 0);
      free (s.p);
    }
  free (whole.p);
  cairo_surface_destroy (img);
}
END_TEST

/* A full disk (/dev/full): rs_export_png reports it in the usual words. */
START_TEST (test_full_disk)
{
  cairo_surface_t *img = image (64, 64, RANDOM_OPAQUE);
  char msg[256];

  if (access ("/dev/full", W_OK) != 0)
    return;   /* no /dev/full here */
  ck_assert_int_eq (rs_export_png (img, "/dev/full", msg, sizeof msg), -1);
  ck_assert_str_eq (msg, "/dev/full: cannot write: No space left on device");
  cairo_surface_destroy (img);
}
END_TEST

/* pngcheck (Debian's package, an independent checker of the chunks,
 * their CRCs and the zlib stream) accepts what rs_export_png writes. */
START_TEST (test_pngcheck)
{
  static const int sizes[][3] = { { 1, 1, RANDOM_TRANSLUCENT },
                                  { 300, 500, RANDOM_OPAQUE },
                                  { 97, 1000, FLAT_TRANSLUCENT } };
  char path[] = "/tmp/check_png.XXXXXX", file[64], cmd[160], msg[256];

  if (system ("pngcheck -h > /dev/null 2>&1") != 0)
    {
      fprintf (stderr, "check_png: pngcheck not installed, "
               "its test skipped (apt-get install pngcheck)\n");
      return;
    }
  ck_assert_ptr_nonnull (mkdtemp (path));
  snprintf (file, sizeof file, "%s/x.png", path);
  for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++)
    {
      cairo_surface_t *img = image (sizes[k][0], sizes[k][1], sizes[k][2]);

      ck_assert_int_eq (rs_export_png (img, file, msg, sizeof msg), 0);
      snprintf (cmd, sizeof cmd, "pngcheck -q %s", file);
      ck_assert_int_eq (system (cmd), 0);
      cairo_surface_destroy (img);
    }
  unlink (file);
  rmdir (path);
}
END_TEST

static Suite *
png_suite (void)
{
  Suite *s = suite_create ("png");
  TCase *tc = tcase_create ("png");

  tcase_add_test (tc, test_thin_images);
  tcase_add_test (tc, test_band_edges);
  tcase_add_test (tc, test_large_images);
  tcase_add_test (tc, test_threads_same_bytes);
  tcase_add_test (tc, test_rgb24);
  tcase_add_test (tc, test_write_failure);
  tcase_add_test (tc, test_full_disk);
  tcase_add_test (tc, test_pngcheck);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (png_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
