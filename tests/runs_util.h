/* runs_util.h: for the tests of figures of variants: a scene's runs made
 * and run to their end, an image's pixel and a colour as a pixel. */
#ifndef RS_TEST_RUNS_UTIL_H
#define RS_TEST_RUNS_UTIL_H

#include <math.h>
#include <stdint.h>

#include <cairo.h>
#include <check.h>

#include "variants.h"

/* The runs of sc's variants, each run to its end. */
static inline void
make_runs (rs_runs *r, const rs_scene *sc)
{
  rs_error err;

  ck_assert_int_eq (rs_runs_alloc (r, sc, "test", &err), RS_OK);
  for (size_t k = 0; k < r->n; k++)
    ck_assert_int_eq (rs_sim_run (r->sim[k]), RS_OK);
}

/* The pixel at (x, y) of img, which must be inside it. */
static inline uint32_t
pixel (cairo_surface_t *img, double x, double y)
{
  int ix = (int) floor (x), iy = (int) floor (y);
  const unsigned char *d = cairo_image_surface_get_data (img);

  ck_assert (ix >= 0 && ix < cairo_image_surface_get_width (img)
             && iy >= 0 && iy < cairo_image_surface_get_height (img));
  return ((const uint32_t *) (const void *)
          (d + iy * cairo_image_surface_get_stride (img)))[ix];
}

/* A colour as an opaque ARGB32 / RGB24 pixel. */
static inline uint32_t
rgb_of (rs_rgb c)
{
  return 0xff000000u | (uint32_t) lround (c.r * 255) << 16
         | (uint32_t) lround (c.g * 255) << 8 | (uint32_t) lround (c.b * 255);
}

#endif /* RS_TEST_RUNS_UTIL_H */
