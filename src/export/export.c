/* export.c: figures to PNG, PDF or SVG, complete or not at all. */
#include <config.h>

#include <errno.h>
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

#include "export/export.h"
#include "export/export_png.h"
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
  st = rs_png_write (img, write_stream, &out, 0);
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
    st = rs_png_write (surf, write_stream, out, 0);
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
