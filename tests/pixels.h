/* pixels.h: comparing two images of the same size, for the figure tests:
 * how many pixels differ by more than tol levels (of 255) in one of
 * their colour channels, as cairo's own test suite counts them. */
#ifndef RS_TEST_PIXELS_H
#define RS_TEST_PIXELS_H

#include <stdint.h>
#include <stdlib.h>

#include <cairo.h>

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
