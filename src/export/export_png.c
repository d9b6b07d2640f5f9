/* export_png.c: the PNG writer.  The container (signature, IHDR, IDAT and
 * IEND chunks, each with its CRC) is written here; the image is filtered
 * and deflated in horizontal bands in parallel, as pigz does: each band a
 * raw deflate stream at level 1 ended on a byte boundary (Z_SYNC_FLUSH,
 * the last band Z_FINISH), the bands one after the other behind a zlib
 * header, and after them the Adler-32 of all the filtered rows, combined
 * from the bands' (adler32_combine).  A band's height depends on the
 * image's width alone, so the bytes are the same on any machine and with
 * any number of threads. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "export/export_png.h"
#include "reluscape/rs_surface.h"

/* A band holds about this many bytes of the source image (4 a pixel):
 * large enough that starting each band's deflate afresh costs almost
 * nothing in size, small enough that two cores share a figure evenly. */
#define BAND_BYTES (256 * 1024)

/* One band's deflated bytes and the Adler-32 of its filtered rows. */
typedef struct {
  unsigned char *buf;
  size_t len;
  uLong adler;
  size_t raw;             /* its filtered rows' length */
} band;

/* The image to write and its bands. */
typedef struct {
  const unsigned char *src;
  int stride, w, h;
  int argb;               /* ARGB32, else RGB24 (alpha ignored) */
  int alpha;              /* some pixel is translucent: RGBA */
  size_t rowbytes;        /* a filtered row: filter byte and pixels */
  int band_rows, nbands;
  band *bands;
  int failed;             /* a band could not be deflated (memory) */
} png_job;

int
rs_png_band_rows (int width)
{
  size_t r = BAND_BYTES / ((size_t) (width > 0 ? width : 1) * 4);

  return r < 1 ? 1 : r > 8192 ? 8192 : (int) r;
}

static const uint32_t *
src_row (const png_job *j, int y)
{
  return (const uint32_t *) (const void *) (j->src + (size_t) y * j->stride);
}

/* Whether a pixel of band b is translucent (ARGB32 only): the alpha
 * bytes of a row ANDed together are 0xff only when every one is. */
static int
band_translucent (const png_job *j, int b)
{
  int y1 = (b + 1) * j->band_rows < j->h ? (b + 1) * j->band_rows : j->h;

  for (int y = b * j->band_rows; y < y1; y++)
    {
      const uint32_t *row = src_row (j, y);
      uint32_t all = 0xffffffffu;

      for (int x = 0; x < j->w; x++)
        all &= row[x];
      if (all >> 24 != 0xff)
        return 1;
    }
  return 0;
}

/* One opaque row (native-endian words) as RGB bytes at dst, "sub"
 * filtered: each byte less the one of the pixel to its left. */
static void
sub_row_rgb (const uint32_t *src, int width, unsigned char *dst)
{
  uint32_t left = 0;

  for (int x = 0; x < width; x++)
    {
      uint32_t p = src[x];

      *dst++ = (unsigned char) ((p >> 16) - (left >> 16));
      *dst++ = (unsigned char) ((p >> 8) - (left >> 8));
      *dst++ = (unsigned char) (p - left);
      left = p;
    }
}

/* One row of premultiplied pixels as straight RGBA bytes at dst, "sub"
 * filtered. */
static void
sub_row_rgba (const uint32_t *src, int width, unsigned char *dst)
{
  unsigned lr = 0, lg = 0, lb = 0, la = 0;

  for (int x = 0; x < width; x++)
    {
      uint32_t p = src[x];
      unsigned a = p >> 24, r = p >> 16 & 0xff, g = p >> 8 & 0xff,
               b = p & 0xff;

      if (a > 0 && a < 255)
        {
          r = (r * 255 + a / 2) / a;
          g = (g * 255 + a / 2) / a;
          b = (b * 255 + a / 2) / a;
        }
      *dst++ = (unsigned char) (r - lr);
      *dst++ = (unsigned char) (g - lg);
      *dst++ = (unsigned char) (b - lb);
      *dst++ = (unsigned char) (a - la);
      lr = r, lg = g, lb = b, la = a;
    }
}

/* Row y of the image filtered into out (rowbytes): filter byte 1, "sub",
 * then the row as RGB, or as straight RGBA when alpha. */
static void
filter_row (const png_job *j, int y, unsigned char *out)
{
  out[0] = 1;
  if (j->alpha)
    sub_row_rgba (src_row (j, y), j->w, out + 1);
  else
    sub_row_rgb (src_row (j, y), j->w, out + 1);
}

/* Band b filtered into rows (room for band_rows rows) and deflated by z
 * into its own buffer; 0, or -1 when out of memory. */
static int
deflate_band (png_job *j, int b, z_stream *z, unsigned char *rows)
{
  band *bd = &j->bands[b];
  int y0 = b * j->band_rows;
  int y1 = y0 + j->band_rows < j->h ? y0 + j->band_rows : j->h;
  int last = b == j->nbands - 1;
  size_t room;

  for (int y = y0; y < y1; y++)
    filter_row (j, y, rows + (size_t) (y - y0) * j->rowbytes);
  bd->raw = (size_t) (y1 - y0) * j->rowbytes;
  bd->adler = adler32 (adler32 (0L, Z_NULL, 0), rows, (uInt) bd->raw);
  /* deflateBound leaves out the sync flush's empty stored block */
  room = deflateBound (z, bd->raw) + 64;
  if (deflateReset (z) != Z_OK || (bd->buf = malloc (room)) == NULL)
    return -1;
  z->next_in = rows;
  z->avail_in = (uInt) bd->raw;
  z->next_out = bd->buf;
  z->avail_out = (uInt) room;
  if (deflate (z, last ? Z_FINISH : Z_SYNC_FLUSH)
      != (last ? Z_STREAM_END : Z_OK) || z->avail_in != 0
      || z->avail_out == 0)
    return -1;
  bd->len = room - z->avail_out;
  return 0;
}

/* The threads to take: threads, or when 0 as many as there are bands,
 * OpenMP allows and processors are free now. */
static int
thread_count (const png_job *j, int threads)
{
  int n = threads > 0 ? threads : j->nbands;

#ifdef _OPENMP
  if (threads <= 0 && omp_get_max_threads () < n)
    n = omp_get_max_threads ();
#endif
  if (n > j->nbands)
    n = j->nbands;
  return threads > 0 ? n : rs_threads_now (n);
}

/* Whether the image has a translucent pixel (set once, by one thread,
 * after the first loop's barrier), then every band filtered and deflated,
 * on n threads; j->failed set when memory ran out. */
static void
compress_bands (png_job *j, int n)
{
  int alpha = 0, failed = 0;

  (void) n;
#pragma omp parallel num_threads(n) reduction(|:failed)
  {
    z_stream z;
    unsigned char *rows;
    int ok;

#pragma omp for schedule(dynamic, 1) reduction(|:alpha)
    for (int b = 0; b < j->nbands; b++)
      if (j->argb)
        alpha |= band_translucent (j, b);
    memset (&z, 0, sizeof z);
    rows = malloc ((size_t) j->band_rows * (1 + (size_t) j->w * 4));
    ok = rows != NULL && deflateInit2 (&z, 1, Z_DEFLATED, -15, 8,
                                       Z_DEFAULT_STRATEGY) == Z_OK;
#pragma omp single
    {
      j->alpha = alpha;
      j->rowbytes = 1 + (size_t) j->w * (alpha ? 4 : 3);
    }
#pragma omp for schedule(dynamic, 1)
    for (int b = 0; b < j->nbands; b++)
      if (!ok || deflate_band (j, b, &z, rows) != 0)
        failed = 1;
    if (ok)
      deflateEnd (&z);
    free (rows);
  }
  j->failed = failed;
}

/* ---- the container ---- */

static void
put32 (unsigned char *p, uint32_t v)
{
  p[0] = (unsigned char) (v >> 24);
  p[1] = (unsigned char) (v >> 16);
  p[2] = (unsigned char) (v >> 8);
  p[3] = (unsigned char) v;
}

/* A chunk of type (4 letters) whose data are the n pieces one after the
 * other, written with its length and CRC; 0, or -1 when a write failed. */
typedef struct {
  const unsigned char *p;
  size_t n;
} piece;

static int
write_chunk (cairo_write_func_t write, void *closure, const char *type,
             const piece *pieces, int n)
{
  unsigned char head[8], tail[4];
  size_t len = 0;
  uLong crc = crc32 (0L, (const Bytef *) type, 4);

  for (int i = 0; i < n; i++)
    {
      len += pieces[i].n;
      crc = crc32 (crc, pieces[i].p, (uInt) pieces[i].n);
    }
  put32 (head, (uint32_t) len);
  memcpy (head + 4, type, 4);
  put32 (tail, (uint32_t) crc);
  if (write (closure, head, 8) != CAIRO_STATUS_SUCCESS)
    return -1;
  for (int i = 0; i < n; i++)
    if (pieces[i].n > 0
        && write (closure, pieces[i].p, (unsigned) pieces[i].n)
           != CAIRO_STATUS_SUCCESS)
      return -1;
  return write (closure, tail, 4) == CAIRO_STATUS_SUCCESS ? 0 : -1;
}

/* The signature and the IHDR chunk: w x h, 8 bits, RGB or RGBA, deflate,
 * adaptive filtering (the method's only one), no interlace. */
static int
write_head (const png_job *j, cairo_write_func_t write, void *closure)
{
  static const unsigned char sig[8] = { 137, 'P', 'N', 'G', 13, 10, 26, 10 };
  unsigned char ihdr[13];
  piece p = { ihdr, sizeof ihdr };

  put32 (ihdr, (uint32_t) j->w);
  put32 (ihdr + 4, (uint32_t) j->h);
  ihdr[8] = 8;
  ihdr[9] = j->alpha ? 6 : 2;
  ihdr[10] = ihdr[11] = ihdr[12] = 0;
  if (write (closure, sig, 8) != CAIRO_STATUS_SUCCESS)
    return -1;
  return write_chunk (write, closure, "IHDR", &p, 1);
}

/* One IDAT chunk a band: the zlib header (deflate, 32 KiB window, the
 * fastest level) before the first, the Adler-32 of the whole after the
 * last; then IEND. */
static int
write_body (const png_job *j, cairo_write_func_t write, void *closure)
{
  static const unsigned char zhead[2] = { 0x78, 0x01 };
  unsigned char ztail[4];
  uLong adler = j->bands[0].adler;

  for (int b = 1; b < j->nbands; b++)
    adler = adler32_combine (adler, j->bands[b].adler,
                             (z_off_t) j->bands[b].raw);
  put32 (ztail, (uint32_t) adler);
  for (int b = 0; b < j->nbands; b++)
    {
      piece p[3] = { { zhead, b == 0 ? 2 : 0 },
                     { j->bands[b].buf, j->bands[b].len },
                     { ztail, b == j->nbands - 1 ? 4 : 0 } };

      if (write_chunk (write, closure, "IDAT", p, 3) != 0)
        return -1;
    }
  return write_chunk (write, closure, "IEND", NULL, 0);
}

cairo_status_t
rs_png_write (cairo_surface_t *img, cairo_write_func_t write, void *closure,
              int threads)
{
  png_job j = { 0 };
  cairo_status_t st = CAIRO_STATUS_SUCCESS;

  cairo_surface_flush (img);
  j.src = cairo_image_surface_get_data (img);
  j.stride = cairo_image_surface_get_stride (img);
  j.w = cairo_image_surface_get_width (img);
  j.h = cairo_image_surface_get_height (img);
  j.argb = cairo_image_surface_get_format (img) == CAIRO_FORMAT_ARGB32;
  j.band_rows = rs_png_band_rows (j.w);
  j.nbands = (j.h + j.band_rows - 1) / j.band_rows;
  if (j.w < 1 || j.h < 1)
    return CAIRO_STATUS_WRITE_ERROR;  /* a PNG has at least one pixel */
  if (j.src == NULL
      || (j.bands = calloc ((size_t) j.nbands, sizeof *j.bands)) == NULL)
    return CAIRO_STATUS_NO_MEMORY;
  compress_bands (&j, thread_count (&j, threads));
  if (j.failed)
    st = CAIRO_STATUS_NO_MEMORY;
  else if (write_head (&j, write, closure) != 0
           || write_body (&j, write, closure) != 0)
    st = CAIRO_STATUS_WRITE_ERROR;
  for (int b = 0; b < j.nbands; b++)
    free (j.bands[b].buf);
  free (j.bands);
  return st;
}
