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

/* A vector surface writing to path, or an image surface for PNG. */
static cairo_surface_t *
make_surface (rs_export_format fmt, const char *path, int width, int height)
{
  switch (fmt)
    {
    case RS_EXPORT_PDF:
      return cairo_pdf_surface_create (path, width, height);
    case RS_EXPORT_SVG:
      return cairo_svg_surface_create (path, width, height);
    default:
      return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
    }
}

/* Draw into a surface writing tmp; the first cairo error met, or success. */
static cairo_status_t
render_to (rs_export_format fmt, const char *tmp, int width, int height,
           void (*draw) (cairo_t *, double, double, void *), void *data)
{
  cairo_surface_t *surf = make_surface (fmt, tmp, width, height);
  cairo_t *cr = cairo_create (surf);
  cairo_status_t st;

  draw (cr, width, height, data);
  st = cairo_status (cr);
  cairo_destroy (cr);
  if (st == CAIRO_STATUS_SUCCESS && fmt == RS_EXPORT_PNG)
    st = cairo_surface_write_to_png (surf, tmp);
  cairo_surface_finish (surf);
  if (st == CAIRO_STATUS_SUCCESS)
    st = cairo_surface_status (surf);
  cairo_surface_destroy (surf);
  return st;
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
  int fd;
  cairo_status_t st;

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
  close (fd);
  st = render_to (fmt, tmp, width, height, draw, data);
  if (st != CAIRO_STATUS_SUCCESS || rename (tmp, path) != 0)
    {
      snprintf (errbuf, errlen, "%s: cannot write: %s", path,
                st != CAIRO_STATUS_SUCCESS ? cairo_status_to_string (st)
                                           : strerror (errno));
      unlink (tmp);
      free (tmp);
      return -1;
    }
  free (tmp);
  return 0;
}
