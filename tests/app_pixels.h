/* app_pixels.h: the app's window against the figure code: an app whose
 * every figure is made at once, and how many pixels of a box differ
 * between its drawing and a figure drawn at the same size. */
#ifndef RS_TEST_APP_PIXELS_H
#define RS_TEST_APP_PIXELS_H

#include <stdint.h>
#include <stdlib.h>

#include <cairo.h>

#include "app_util.h"
#include "draw/figure.h"
#include "pixels.h"

/* The app's pixels (w x h) in the box of half-side r around (x, y)
 * against f drawn at the size the app draws its figure (the window less
 * the control strip, from the top left): how many differ by more than 16
 * levels. */
static inline size_t
box_differs_fig (const uint32_t *app_px, const rs_app *a, rs_figure *f,
                 int x, int y, int r)
{
  int w, h, fw, fh;
  cairo_surface_t *s;
  const uint32_t *ref;
  int stride;
  cairo_t *cr;
  size_t n = 0;

  rs_app_output_size (a, &w, &h);
  rs_app_figure_size (a, &fw, &fh);
  s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  ref = (const uint32_t *) cairo_image_surface_get_data (s);
  stride = cairo_image_surface_get_stride (s) / 4;
  cr = cairo_create (s);
  rs_figure_draw (cr, fw, fh, f);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  for (int j = y - r; j <= y + r; j++)
    for (int i = x - r; i <= x + r; i++)
      if (i >= 0 && j >= 0 && i < fw && j < fh)
        n += pixel_distance (app_px[j * w + i], ref[j * stride + i]) > 16;
  cairo_surface_destroy (s);
  return n;
}

/* An 800 x 500 app on sc with a fixed time step (every figure made at
 * once), its drawing's size and room for its pixels. */
static inline rs_app *
app_fixed (const rs_scene *sc, int *w, int *h, uint32_t **px)
{
  rs_app_options o;
  rs_app *a;

  rs_app_options_default (&o);
  o.width = 800;
  o.height = 500;
  o.fixed_step = 1;
  a = app_new (sc, &o);
  rs_app_output_size (a, w, h);
  *px = malloc ((size_t) *w * *h * 4);
  ck_assert_ptr_nonnull (*px);
  return a;
}

#endif /* RS_TEST_APP_PIXELS_H */
