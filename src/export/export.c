/* export.c: figures to PNG, PDF or SVG, complete or not at all. */
#include <config.h>

#include <errno.h>
#include <setjmp.h>
#include <limits.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <png.h>

#include "export/export.h"
#include "export/tempfile.h"
#include "draw/theme.h"

const char *
rs_file_suffix (const char *path)
{
  const char *dot = strrchr (path, '.');
  const char *slash = strrchr (path, '/');

  return dot == NULL || (slash != NULL && dot < slash) ? NULL : dot;
}

size_t
rs_file_suffix_in (const char *path, const char *const *suffixes, size_t n)
{
  const char *dot = rs_file_suffix (path);

  for (size_t i = 0; dot != NULL && i < n; i++)
    if (strcasecmp (dot, suffixes[i]) == 0)
      return i + 1;
  return 0;
}

rs_export_format
rs_export_format_of (const char *path)
{
  static const char *const suffixes[] = { ".png", ".pdf", ".svg" };

  return (rs_export_format) rs_file_suffix_in (path, suffixes, 3);
}

mode_t
rs_file_umask (void)
{
  mode_t m = umask (0);

  umask (m);
  return m;
}

/* cairo's stream writer: our own FILE, so that every failed write (a full
 * disk) is seen; cairo's own file output does not report the last one. */
typedef struct {
  FILE *f;
  int err;               /* errno of the first failed write, or 0 */
} out_stream;

static cairo_status_t
write_stream (void *closure, const unsigned char *data, unsigned int length)
{
  out_stream *out = closure;

  if (out->err == 0 && fwrite (data, 1, length, out->f) == length)
    return CAIRO_STATUS_SUCCESS;
  if (out->err == 0)
    out->err = errno != 0 ? errno : EIO;
  return CAIRO_STATUS_WRITE_ERROR;
}

/* A vector surface writing to out, or an image surface for PNG. */
static cairo_surface_t *
make_surface (rs_export_format fmt, out_stream *out, double width,
              double height)
{
  switch (fmt)
    {
    case RS_EXPORT_PDF:
      return cairo_pdf_surface_create_for_stream (write_stream, out, width,
                                                  height);
    case RS_EXPORT_SVG:
      return cairo_svg_surface_create_for_stream (write_stream, out, width,
                                                  height);
    default:
      return cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                         (int) lround (width),
                                         (int) lround (height));
    }
}

/* ---- PNG ---- */

/* libpng's writer and its error handler: errors end the write through
 * longjmp, with the first failed write's errno in the stream. */
static void
png_out (png_structp png, png_bytep data, size_t length)
{
  if (write_stream (png_get_io_ptr (png), data, (unsigned) length)
      != CAIRO_STATUS_SUCCESS)
    png_error (png, "write error");
}

static void
png_flush_out (png_structp png)
{
  (void) png;
}

/* One row of an ARGB32 image (premultiplied, native-endian words) as RGB
 * bytes when every pixel is opaque, else as straight RGBA. */
static void
png_row (const uint32_t *src, int width, int alpha, unsigned char *dst)
{
  for (int x = 0; x < width; x++)
    {
      uint32_t p = src[x];
      unsigned a = p >> 24, r = p >> 16 & 0xff, g = p >> 8 & 0xff,
               b = p & 0xff;

      if (alpha && a > 0 && a < 255)
        {
          r = (r * 255 + a / 2) / a;
          g = (g * 255 + a / 2) / a;
          b = (b * 255 + a / 2) / a;
        }
      *dst++ = (unsigned char) r;
      *dst++ = (unsigned char) g;
      *dst++ = (unsigned char) b;
      if (alpha)
        *dst++ = (unsigned char) a;
    }
}

/* Whether a pixel of the image is not opaque. */
static int
has_alpha (cairo_surface_t *img)
{
  const unsigned char *d = cairo_image_surface_get_data (img);
  int w = cairo_image_surface_get_width (img);
  int h = cairo_image_surface_get_height (img);
  int stride = cairo_image_surface_get_stride (img);

  if (cairo_image_surface_get_format (img) != CAIRO_FORMAT_ARGB32)
    return 0;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if (((const uint32_t *) (const void *) (d + (size_t) y * stride))[x]
          >> 24 != 0xff)
        return 1;
  return 0;
}

/* The PNG's start through out: w x h, 8 bits, RGB or (alpha) RGBA,
 * zlib at level 1 with the "sub" filter, then its header written (an
 * error longjmps to png's jump buffer). */
static void
png_begin (png_structp png, png_infop info, out_stream *out, int w, int h,
           int alpha)
{
  png_set_write_fn (png, out, png_out, png_flush_out);
  png_set_compression_level (png, 1);
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
  png_set_IHDR (png, info, (png_uint_32) w, (png_uint_32) h, 8,
                alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB,
                PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE,
                PNG_FILTER_TYPE_BASE);
  png_write_info (png, info);
}

/* The image as a PNG through out, zlib at level 1 with the "sub" filter:
 * a figure's large smooth areas compress almost as well as at cairo's
 * default, several times faster.  CAIRO_STATUS_SUCCESS or
 * CAIRO_STATUS_WRITE_ERROR. */
static cairo_status_t
write_png (cairo_surface_t *img, out_stream *out)
{
  int w = cairo_image_surface_get_width (img);
  int h = cairo_image_surface_get_height (img);
  int stride = cairo_image_surface_get_stride (img);
  int alpha = has_alpha (img);
  const unsigned char *d;
  unsigned char *volatile row = NULL;
  png_structp png;
  png_infop info;

  cairo_surface_flush (img);
  d = cairo_image_surface_get_data (img);
  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  info = png != NULL ? png_create_info_struct (png) : NULL;
  if (info == NULL || (row = malloc ((size_t) w * 4)) == NULL)
    {
      png_destroy_write_struct (&png, &info);
      return CAIRO_STATUS_NO_MEMORY;
    }
  if (setjmp (png_jmpbuf (png)))
    {
      png_destroy_write_struct (&png, &info);
      free (row);
      return CAIRO_STATUS_WRITE_ERROR;
    }
  png_begin (png, info, out, w, h, alpha);
  for (int y = 0; y < h; y++)
    {
      png_row ((const uint32_t *) (const void *) (d + (size_t) y * stride), w,
               alpha, row);
      png_write_row (png, row);
    }
  png_write_end (png, info);
  png_destroy_write_struct (&png, &info);
  free (row);
  return CAIRO_STATUS_SUCCESS;
}

int
rs_export_png (cairo_surface_t *img, const char *path, char *errbuf,
               size_t errlen)
{
  FILE *f = fopen (path, "wb");
  out_stream out = { f, 0 };
  cairo_status_t st;

  if (f == NULL)
    {
      snprintf (errbuf, errlen, "%s: cannot write: %s", path,
                strerror (errno));
      return -1;
    }
  errno = 0;
  st = write_png (img, &out);
  if (fclose (f) != 0 && st == CAIRO_STATUS_SUCCESS)
    {
      out.err = errno != 0 ? errno : EIO;
      st = CAIRO_STATUS_WRITE_ERROR;
    }
  if (st != CAIRO_STATUS_SUCCESS)
    {
      snprintf (errbuf, errlen, "%s: cannot write: %s", path, out.err != 0
                ? strerror (out.err) : cairo_status_to_string (st));
      return -1;
    }
  return 0;
}

/* Draw into a surface writing out; the first cairo error met, or
 * success. */
static cairo_status_t
render_to (rs_export_format fmt, out_stream *out, double width,
           double height, void (*draw) (cairo_t *, double, double, void *),
           void *data)
{
  cairo_surface_t *surf = make_surface (fmt, out, width, height);
  cairo_t *cr = cairo_create (surf);
  cairo_status_t st;

  if (fmt == RS_EXPORT_PNG)
    width = lround (width), height = lround (height);
  rs_draw_mark_once (cr);
  draw (cr, width, height, data);
  st = cairo_status (cr);
  cairo_destroy (cr);
  if (st == CAIRO_STATUS_SUCCESS && fmt == RS_EXPORT_PNG)
    st = write_png (surf, out);
  cairo_surface_finish (surf);
  if (st == CAIRO_STATUS_SUCCESS)
    st = cairo_surface_status (surf);
  cairo_surface_destroy (surf);
  return st;
}

/* The figure into f; 0, or -1 with the reason in *why (a cairo status or
 * errno's text). */
typedef struct {
  rs_export_format fmt;
  double width;
  double height;
  void (*draw) (cairo_t *, double, double, void *);
  void *data;
} figure;

static int
write_figure (FILE *f, void *data, const char **why)
{
  const figure *fig = data;
  out_stream out = { f, 0 };
  cairo_status_t st;

  st = render_to (fig->fmt, &out, fig->width, fig->height, fig->draw,
                  fig->data);
  /* cairo's PDF surface does not pass on every write error: check ours */
  if (out.err != 0)
    *why = strerror (out.err);
  else if (st != CAIRO_STATUS_SUCCESS)
    *why = cairo_status_to_string (st);
  return out.err == 0 && st == CAIRO_STATUS_SUCCESS ? 0 : -1;
}

/* Write through write() into the open temporary file fd, flush it to the
 * disk and close it; 0, or -1 with the reason in *why. */
static int
fill_temp (int fd, int (*write) (FILE *f, void *data, const char **why),
           void *data, const char **why)
{
  FILE *f = fdopen (fd, "wb");
  int rc;

  if (f == NULL)
    {
      *why = strerror (errno);
      close (fd);
      return -1;
    }
  errno = 0;
  rc = write (f, data, why);
  if (rc == 0 && (fflush (f) != 0 || fsync (fd) != 0))
    rc = -1, *why = strerror (errno != 0 ? errno : EIO);
  if (fclose (f) != 0 && rc == 0)
    rc = -1, *why = strerror (errno != 0 ? errno : EIO);
  return rc;
}

int
rs_export_file (const char *path,
                int (*write) (FILE *f, void *data, const char **why),
                void *data, char *errbuf, size_t errlen)
{
  char tmp[PATH_MAX];
  const char *why = NULL;
  int fd = rs_temp_create (path, tmp, sizeof tmp, 0);

  if (fd < 0)
    {
      snprintf (errbuf, errlen, "%s: cannot write: %s", path,
                strerror (errno));
      return -1;
    }
  /* mkstemp makes the file private; an output gets the usual mode */
  fchmod (fd, 0666 & ~rs_file_umask ());
  if (fill_temp (fd, write, data, &why) != 0
      || (rename (tmp, path) != 0 && (why = strerror (errno)) != NULL))
    {
      snprintf (errbuf, errlen, "%s: cannot write: %s", path,
                why != NULL ? why : "unknown error");
      unlink (tmp);
      rs_temp_forget (tmp);
      return -1;
    }
  rs_temp_forget (tmp);
  return 0;
}

int
rs_export (const char *path, double width, double height,
           void (*draw) (cairo_t *cr, double width, double height,
                         void *data),
           void *data, char *errbuf, size_t errlen)
{
  figure fig = { rs_export_format_of (path), width, height, draw, data };

  if (fig.fmt == RS_EXPORT_NONE)
    {
      snprintf (errbuf, errlen, "%s: cannot tell the format from the name: "
                "use .png, .pdf or .svg", path);
      return -1;
    }
  return rs_export_file (path, write_figure, &fig, errbuf, errlen);
}
