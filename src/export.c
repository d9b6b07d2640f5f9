/* export.c: figures to PNG, PDF or SVG, complete or not at all. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "export.h"

rs_export_format
rs_export_format_of (const char *path)
{
  const char *dot = strrchr (path, '.');
  const char *slash = strrchr (path, '/');

  if (dot == NULL || (slash != NULL && dot < slash))
    return RS_EXPORT_NONE;
  if (strcasecmp (dot, ".png") == 0)
    return RS_EXPORT_PNG;
  if (strcasecmp (dot, ".pdf") == 0)
    return RS_EXPORT_PDF;
  if (strcasecmp (dot, ".svg") == 0)
    return RS_EXPORT_SVG;
  return RS_EXPORT_NONE;
}

static mode_t
current_umask (void)
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
make_surface (rs_export_format fmt, out_stream *out, int width, int height)
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
      return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
    }
}

/* Draw into a surface writing out; the first cairo error met, or
 * success. */
static cairo_status_t
render_to (rs_export_format fmt, out_stream *out, int width, int height,
           void (*draw) (cairo_t *, double, double, void *), void *data)
{
  cairo_surface_t *surf = make_surface (fmt, out, width, height);
  cairo_t *cr = cairo_create (surf);
  cairo_status_t st;

  draw (cr, width, height, data);
  st = cairo_status (cr);
  cairo_destroy (cr);
  if (st == CAIRO_STATUS_SUCCESS && fmt == RS_EXPORT_PNG)
    st = cairo_surface_write_to_png_stream (surf, write_stream, out);
  cairo_surface_finish (surf);
  if (st == CAIRO_STATUS_SUCCESS)
    st = cairo_surface_status (surf);
  cairo_surface_destroy (surf);
  return st;
}

/* Write the figure into the open temporary file fd and close it; 0, or
 * -1 with the reason in *why (a cairo status or errno's text). */
static int
write_figure (int fd, rs_export_format fmt, int width, int height,
              void (*draw) (cairo_t *, double, double, void *), void *data,
              const char **why)
{
  out_stream out = { fdopen (fd, "wb"), 0 };
  cairo_status_t st;

  if (out.f == NULL)
    {
      close (fd);
      *why = strerror (errno);
      return -1;
    }
  st = render_to (fmt, &out, width, height, draw, data);
  /* cairo's PDF surface does not pass on every write error: check ours */
  if (out.err == 0 && (fflush (out.f) != 0 || fsync (fd) != 0))
    out.err = errno;
  if (fclose (out.f) != 0 && out.err == 0)
    out.err = errno;
  if (out.err != 0)
    *why = strerror (out.err);
  else if (st != CAIRO_STATUS_SUCCESS)
    *why = cairo_status_to_string (st);
  return out.err == 0 && st == CAIRO_STATUS_SUCCESS ? 0 : -1;
}

int
rs_export (const char *path, int width, int height,
           void (*draw) (cairo_t *cr, double width, double height,
                         void *data),
           void *data, char *errbuf, size_t errlen)
{
  rs_export_format fmt = rs_export_format_of (path);
  size_t n = strlen (path) + 16;
  char *tmp;
  const char *why = NULL;
  int fd;

  if (fmt == RS_EXPORT_NONE)
    {
      snprintf (errbuf, errlen, "%s: cannot tell the format from the name: "
                "use .png, .pdf or .svg", path);
      return -1;
    }
  tmp = malloc (n);
  if (tmp == NULL)
    {
      snprintf (errbuf, errlen, "%s: out of memory", path);
      return -1;
    }
  snprintf (tmp, n, "%s.tmp-XXXXXX", path);
  fd = mkstemp (tmp);
  if (fd < 0)
    {
      snprintf (errbuf, errlen, "%s: cannot write: %s", path,
                strerror (errno));
      free (tmp);
      return -1;
    }
  /* mkstemp makes the file private; a figure gets the usual mode */
  fchmod (fd, 0666 & ~current_umask ());
  errno = 0;
  if (write_figure (fd, fmt, width, height, draw, data, &why) != 0
      || rename (tmp, path) != 0)
    {
      snprintf (errbuf, errlen, "%s: cannot write: %s", path,
                why != NULL ? why : strerror (errno));
      unlink (tmp);
      free (tmp);
      return -1;
    }
  free (tmp);
  return 0;
}
