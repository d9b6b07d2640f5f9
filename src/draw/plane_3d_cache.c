/* plane_3d_cache.c: the 3-D landscape's surface kept as pixels.
 *
 * Filling and stroking the surface's thousands of quads is most of a
 * 3-D frame, and in the app the camera and the surface rarely change
 * from one frame to the next.  On an image target the pixels the
 * surface touched are kept together with what it was drawn from: the
 * camera, the scale, the theme's colour, the heights and plateau of
 * every grid point, cairo's transform and state, and the pixels under
 * it before it was drawn.  When all of these are the same at the next
 * frame, the same drawing would give the same pixels, so the kept ones
 * are copied in instead: the frame is identical to a drawn one, bit for
 * bit.  Vector targets (PDF, SVG) always draw. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "draw/plane.h"
#include "draw/plane_private.h"

struct plane_3d_cache {
  unsigned char *key;        /* what the pixels were drawn from */
  size_t key_len;
  unsigned char *before;     /* the rectangle's pixels before */
  unsigned char *after;      /* and after the surface was drawn */
  size_t pix_cap;
  int valid;
  /* cairo's state the drawing left */
  cairo_line_cap_t cap;
  cairo_line_join_t join;
  cairo_antialias_t aa;
  double width, rgba[4];
};

/* A rectangle of an image target's pixels in device space. */
typedef struct {
  cairo_surface_t *t;
  int x, y, w, h;
} dev_rect;

struct plane_3d_cache *
rs_plane_3d_cache_alloc (void)
{
  return calloc (1, sizeof (struct plane_3d_cache));
}

void
rs_plane_3d_cache_free (struct plane_3d_cache *c)
{
  if (c == NULL)
    return;
  free (c->key);
  free (c->before);
  free (c->after);
  free (c);
}

/* The device pixels cr's clip can reach on an image target of 4 bytes a
 * pixel with no device offset or scale; 0 when there is none such. */
static int
clip_rect (cairo_t *cr, dev_rect *d)
{
  cairo_surface_t *t = cairo_get_group_target (cr);
  double x0, y0, x1, y1, ox, oy, sx, sy, lo[2] = { 1e300, 1e300 },
         hi[2] = { -1e300, -1e300 };
  cairo_format_t f;

  if (cairo_surface_get_type (t) != CAIRO_SURFACE_TYPE_IMAGE)
    return 0;
  f = cairo_image_surface_get_format (t);
  cairo_surface_get_device_offset (t, &ox, &oy);
  cairo_surface_get_device_scale (t, &sx, &sy);
  if ((f != CAIRO_FORMAT_ARGB32 && f != CAIRO_FORMAT_RGB24) || ox != 0
      || oy != 0 || sx != 1 || sy != 1)
    return 0;
  cairo_clip_extents (cr, &x0, &y0, &x1, &y1);
  for (int k = 0; k < 4; k++)
    {
      double x = k & 1 ? x1 : x0, y = k & 2 ? y1 : y0;
      cairo_user_to_device (cr, &x, &y);
      lo[0] = x < lo[0] ? x : lo[0], hi[0] = x > hi[0] ? x : hi[0];
      lo[1] = y < lo[1] ? y : lo[1], hi[1] = y > hi[1] ? y : hi[1];
    }
  /* a pixel's margin: antialiasing at the clip's edges */
  lo[0] = floor (lo[0]) - 1, lo[1] = floor (lo[1]) - 1;
  hi[0] = ceil (hi[0]) + 1, hi[1] = ceil (hi[1]) + 1;
  lo[0] = fmax (lo[0], 0), lo[1] = fmax (lo[1], 0);
  hi[0] = fmin (hi[0], cairo_image_surface_get_width (t));
  hi[1] = fmin (hi[1], cairo_image_surface_get_height (t));
  if (!(hi[0] > lo[0] && hi[1] > lo[1]))
    return 0;
  *d = (dev_rect) { t, (int) lo[0], (int) lo[1], (int) (hi[0] - lo[0]),
                    (int) (hi[1] - lo[1]) };
  return 1;
}

/* Append n bytes at b to the key being built; 0 when out of memory. */
static int
put (unsigned char **k, size_t *len, size_t *cap, const void *b, size_t n)
{
  if (*len + n > *cap)
    {
      size_t nc = 2 * (*len + n);
      unsigned char *nk = realloc (*k, nc);
      if (nk == NULL)
        return 0;
      *k = nk;
      *cap = nc;
    }
  memcpy (*k + *len, b, n);
  *len += n;
  return 1;
}

/* Everything draw_surface's pixels depend on, as bytes. */
static int
make_key (cairo_t *cr, const rs_plane *p, const rs_plane_view3d *v,
          const rs_theme *th, const dev_rect *d, unsigned char **k,
          size_t *len, size_t *cap)
{
  const rs_landscape *l = p->land;
  struct {
    rs_plane_view3d v;
    rs_rgb dead;
    size_t n;
    double lo, hi, log_lo, log_hi;
    int linear;
    rs_colormap cmap;
    cairo_matrix_t m;
    double width, tol;
    int cap, join, aa, op;
    dev_rect d;
    int stride, format;
  } h;
  int ok;

  memset (&h, 0, sizeof h);
  h.v = *v;
  h.dead = th->dead;
  h.n = p->n;
  h.lo = l->lo, h.hi = l->hi, h.log_lo = l->log_lo, h.log_hi = l->log_hi;
  h.linear = l->linear;
  h.cmap = l->cmap;
  cairo_get_matrix (cr, &h.m);
  h.width = cairo_get_line_width (cr);
  h.tol = cairo_get_tolerance (cr);
  h.cap = cairo_get_line_cap (cr);
  h.join = cairo_get_line_join (cr);
  h.aa = cairo_get_antialias (cr);
  h.op = cairo_get_operator (cr);
  h.d = *d;
  h.stride = cairo_image_surface_get_stride (d->t);
  h.format = cairo_image_surface_get_format (d->t);
  *len = 0;
  ok = put (k, len, cap, &h, sizeof h);
  for (size_t i = 0; ok && i < l->loss->size1; i++)
    ok = put (k, len, cap, l->loss->data + i * l->loss->tda,
              l->loss->size2 * sizeof (double));
  if (ok && p->plateau != NULL)
    ok = put (k, len, cap, p->plateau, p->n * p->n);
  return ok;
}

/* Copy d's pixels into buf (to: 0) or buf into d's pixels (to: 1). */
static void
copy_pixels (const dev_rect *d, unsigned char *buf, int to)
{
  unsigned char *data = cairo_image_surface_get_data (d->t);
  int stride = cairo_image_surface_get_stride (d->t);
  size_t row = 4 * (size_t) d->w;

  cairo_surface_flush (d->t);
  for (int y = 0; y < d->h; y++)
    {
      unsigned char *px = data + (size_t) (d->y + y) * stride + 4 * d->x;
      if (to)
        memcpy (px, buf + y * row, row);
      else
        memcpy (buf + y * row, px, row);
    }
  if (to)
    cairo_surface_mark_dirty_rectangle (d->t, d->x, d->y, d->w, d->h);
}

/* Room in c for npix bytes of pixels before and after; 0 when there is
 * none (the kept pixels are then forgotten). */
static int
pixel_room (struct plane_3d_cache *c, size_t npix)
{
  if (npix <= c->pix_cap)
    return 1;
  free (c->before), free (c->after);
  c->before = malloc (npix), c->after = malloc (npix);
  c->pix_cap = c->before && c->after ? npix : 0;
  c->valid = 0;
  return c->pix_cap != 0;
}

/* Whether c's kept pixels may stand in for drawing: drawn from the same
 * key (len bytes) over the same pixels as d holds now. */
static int
cache_hit (const struct plane_3d_cache *c, const dev_rect *d,
           const unsigned char *key, size_t len)
{
  int hit = c->valid && len == c->key_len && memcmp (key, c->key, len) == 0;

  if (hit)
    {
      unsigned char *data = cairo_image_surface_get_data (d->t);
      int stride = cairo_image_surface_get_stride (d->t);
      size_t row = 4 * (size_t) d->w;

      cairo_surface_flush (d->t);
      for (int y = 0; hit && y < d->h; y++)
        hit = memcmp (data + (size_t) (d->y + y) * stride + 4 * d->x,
                      c->before + y * row, row) == 0;
    }
  return hit;
}

/* The kept pixels copied into d, and cr's state left as the drawing
 * left it. */
static void
replay (cairo_t *cr, const struct plane_3d_cache *c, const dev_rect *d)
{
  copy_pixels (d, c->after, 1);
  cairo_set_line_cap (cr, c->cap);
  cairo_set_line_join (cr, c->join);
  cairo_set_antialias (cr, c->aa);
  cairo_set_line_width (cr, c->width);
  cairo_set_source_rgba (cr, c->rgba[0], c->rgba[1], c->rgba[2],
                         c->rgba[3]);
}

/* Draw by draw, keeping in c the pixels of d before and after, the key
 * (taken) and the state the drawing left cr in; returns what draw
 * returned. */
static int
record (cairo_t *cr, struct plane_3d_cache *c, const dev_rect *d,
        unsigned char *key, size_t len, const rs_plane *p,
        const rs_plane_view3d *v, const rs_theme *th, double s,
        rs_plane_3d_drawer draw)
{
  int r;

  c->valid = 0;
  copy_pixels (d, c->before, 0);
  r = draw (cr, p, v, th, s);
  copy_pixels (d, c->after, 0);
  free (c->key);
  c->key = key, c->key_len = len;
  c->cap = cairo_get_line_cap (cr);
  c->join = cairo_get_line_join (cr);
  c->aa = cairo_get_antialias (cr);
  c->width = cairo_get_line_width (cr);
  /* only a solid source can be set again as it was */
  c->valid = r == 1 && cairo_status (cr) == CAIRO_STATUS_SUCCESS
             && cairo_pattern_get_rgba (cairo_get_source (cr), &c->rgba[0],
                                        &c->rgba[1], &c->rgba[2],
                                        &c->rgba[3]) == CAIRO_STATUS_SUCCESS;
  return r;
}

int
rs_plane_3d_cached_surface (cairo_t *cr, const rs_plane *p,
                            const rs_plane_view3d *v, const rs_theme *th,
                            double s, rs_plane_3d_drawer draw)
{
  struct plane_3d_cache *c = p->cache3d;
  unsigned char *key = NULL;
  size_t len = 0, cap = 0;
  dev_rect d;

  if (c == NULL || !clip_rect (cr, &d)
      || !make_key (cr, p, v, th, &d, &key, &len, &cap)
      || !pixel_room (c, 4 * (size_t) d.w * d.h))
    {
      free (key);
      return draw (cr, p, v, th, s);
    }
  if (cache_hit (c, &d, key, len))
    {
      free (key);
      replay (cr, c, &d);
      return 1;
    }
  return record (cr, c, &d, key, len, p, v, th, s, draw);
}
