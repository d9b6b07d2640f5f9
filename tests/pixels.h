/* pixels.h: reading the images the figure tests draw: one pixel, a
 * theme colour as a pixel, how far a pixel is from a colour, and how
 * many pixels of two images of the same size differ by more than tol
 * levels (of 255) in one of their colour channels, as cairo's own test
 * suite counts them. */
#ifndef RS_TEST_PIXELS_H
#define RS_TEST_PIXELS_H

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include <cairo.h>
#include <check.h>

#include "draw/theme.h"

/* The largest difference of the colour channels of two ARGB32 or RGB24
 * pixels (alpha left out). */
static inline int
pixel_distance (uint32_t a, uint32_t b)
{
  int d = 0;

  for (int shift = 0; shift < 24; shift += 8)
    {
      int x = abs ((int) (a >> shift & 0xff) - (int) (b >> shift & 0xff));

      d = x > d ? x : d;
    }
  return d;
}

/* The pixel at (x, y) of img (ARGB32 or RGB24, what is drawn into it
 * flushed), (x, y) rounded down; it must be inside img. */
static inline uint32_t
image_pixel (cairo_surface_t *img, double x, double y)
{
  int ix = (int) floor (x), iy = (int) floor (y);

  ck_assert (ix >= 0 && ix < cairo_image_surface_get_width (img)
             && iy >= 0 && iy < cairo_image_surface_get_height (img));
  cairo_surface_flush (img);
  return ((const uint32_t *) (const void *)
          (cairo_image_surface_get_data (img)
           + iy * cairo_image_surface_get_stride (img)))[ix];
}

/* A colour as an opaque ARGB32 / RGB24 pixel. */
static inline uint32_t
rgb_of (rs_rgb c)
{
  return 0xff000000u | (uint32_t) lround (c.r * 255) << 16
         | (uint32_t) lround (c.g * 255) << 8 | (uint32_t) lround (c.b * 255);
}

/* The largest difference of a channel between pixel p and colour c. */
static inline int
colour_distance (uint32_t p, rs_rgb c)
{
  return pixel_distance (p, rgb_of (c));
}

/* How many pixels of a and b (the same size) are more than tol apart;
 * when map is not NULL (an image of that size), each of its pixels is
 * painted red where they are, white elsewhere. */
static inline size_t
pixels_apart (cairo_surface_t *a, cairo_surface_t *b, int tol,
              cairo_surface_t *map)
{
  int w = cairo_image_surface_get_width (a);
  int h = cairo_image_surface_get_height (a);
  int sa = cairo_image_surface_get_stride (a);
  int sb = cairo_image_surface_get_stride (b);
  const unsigned char *da, *db;
  size_t n = 0;

  cairo_surface_flush (a);
  cairo_surface_flush (b);
  da = cairo_image_surface_get_data (a);
  db = cairo_image_surface_get_data (b);
  if (map != NULL)
    cairo_surface_flush (map);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        uint32_t pa = ((const uint32_t *) (const void *) (da + y * sa))[x];
        uint32_t pb = ((const uint32_t *) (const void *) (db + y * sb))[x];
        int far = pixel_distance (pa, pb) > tol;

        if (map != NULL)
          ((uint32_t *) (void *) (cairo_image_surface_get_data (map) + y
                                  * cairo_image_surface_get_stride (map)))[x]
            = far ? 0xffff0000u : 0xffffffffu;
        n += far;
      }
  if (map != NULL)
    cairo_surface_mark_dirty (map);
  return n;
}

#endif /* RS_TEST_PIXELS_H */
