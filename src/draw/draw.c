/* draw.c: the pieces of a landscape (C4, C5, C8, C11), for the planes of
 * plane.c and the app's overlays: the loss grid's colour scale, heatmap
 * and labelled contours, the colour bar, the path, the ball, arrows, the
 * hatching of a plateau and text on the map. */
#include <config.h>

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "draw/draw.h"
#include "draw/theme.h"

/* The colour maps, each sampled at nine evenly spaced points: viridis,
 * cividis and magma (perceptually uniform, readable in grey and by
 * colour-blind viewers) and a plain grey ramp. */
static const double cmaps[4][9][3] = {
  { { 0.267004, 0.004874, 0.329415 }, { 0.282623, 0.140926, 0.457517 },
    { 0.229739, 0.322361, 0.545706 }, { 0.172719, 0.448791, 0.557885 },
    { 0.127568, 0.566949, 0.550556 }, { 0.134692, 0.658636, 0.517649 },
    { 0.369214, 0.788888, 0.382914 }, { 0.741388, 0.873449, 0.149561 },
    { 0.993248, 0.906157, 0.143936 } },
  { { 0.000000, 0.135112, 0.304751 }, { 0.129527, 0.212482, 0.426862 },
    { 0.290014, 0.298581, 0.423491 }, { 0.405171, 0.387123, 0.432217 },
    { 0.511841, 0.476545, 0.457201 }, { 0.623127, 0.571099, 0.453484 },
    { 0.739860, 0.669968, 0.428693 }, { 0.861346, 0.774262, 0.381339 },
    { 0.995737, 0.909344, 0.217772 } },
  { { 0.001462, 0.000466, 0.013866 }, { 0.078815, 0.054184, 0.211667 },
    { 0.232077, 0.059889, 0.437695 }, { 0.390384, 0.100379, 0.501864 },
    { 0.550287, 0.161158, 0.505719 }, { 0.716387, 0.214982, 0.475290 },
    { 0.868793, 0.287728, 0.409303 }, { 0.967671, 0.439703, 0.359810 },
    { 0.987053, 0.991438, 0.749504 } },
  { { 0.10, 0.10, 0.10 }, { 0.20625, 0.20625, 0.20625 },
    { 0.3125, 0.3125, 0.3125 }, { 0.41875, 0.41875, 0.41875 },
    { 0.525, 0.525, 0.525 }, { 0.63125, 0.63125, 0.63125 },
    { 0.7375, 0.7375, 0.7375 }, { 0.84375, 0.84375, 0.84375 },
    { 0.95, 0.95, 0.95 } }
};

void
rs_colour_map (rs_colormap m, double t, double rgb[3])
{
  const double (*map)[3] = cmaps[m <= RS_CMAP_GREY ? m : 0];
  double u;
  int k;

  t = t < 0.0 ? 0.0 : t > 1.0 ? 1.0 : t;
  if (t != t)
    t = 1.0;
  u = t * 8.0;
  k = (int) u;
  if (k > 7)
    k = 7;
  u -= k;
  for (int c = 0; c < 3; c++)
    rgb[c] = map[k][c] + u * (map[k + 1][c] - map[k][c]);
}

static void
colour_map (const rs_landscape *l, double t, double rgb[3])
{
  rs_colour_map (l->cmap, t, rgb);
}

/* Where a loss value sits on the colour scale. */
static double
scale_pos (const rs_landscape *l, double loss)
{
  double v;

  if (!(loss <= DBL_MAX))
    return 1.0;   /* +inf and NaN: the top of the scale */
  if (l->linear)
    return (loss - l->lo) / (l->hi - l->lo);
  v = log10 (loss > 1e-12 ? loss : 1e-12);
  return (v - l->log_lo) / (l->log_hi - l->log_lo);
}

/* Fill the heat image from the loss grid, top row = highest b. */
static void
paint_heat (rs_landscape *l)
{
  unsigned char *px = cairo_image_surface_get_data (l->heat);
  int stride = cairo_image_surface_get_stride (l->heat);
  size_t nb = l->loss->size1, nw = l->loss->size2;

  cairo_surface_flush (l->heat);
  for (size_t i = 0; i < nb; i++)
    {
      uint32_t *row = (uint32_t *) (void *) (px + (nb - 1 - i) * stride);
      for (size_t j = 0; j < nw; j++)
        {
          double rgb[3];
          colour_map (l, scale_pos (l, l->loss->data[i * l->loss->tda + j]),
                      rgb);
          row[j] = 0xff000000u | (uint32_t) (rgb[0] * 255.0 + 0.5) << 16
                   | (uint32_t) (rgb[1] * 255.0 + 0.5) << 8
                   | (uint32_t) (rgb[2] * 255.0 + 0.5);
        }
    }
  cairo_surface_mark_dirty (l->heat);
}

static int trace_contours (rs_landscape *l);

/* The colour scale from the finite values of the grid, the heat image
 * and the contours; frees l and returns NULL with err on failure. */
static rs_landscape *
landscape_finish (rs_landscape *l, rs_error *err)
{
  size_t nb = l->loss->size1, nw = l->loss->size2;
  double lo = DBL_MAX, hi = -DBL_MAX;

  l->heat = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) nw,
                                        (int) nb);
  if (cairo_surface_status (l->heat) != CAIRO_STATUS_SUCCESS)
    goto nomem;
  for (size_t i = 0; i < nb; i++)
    for (size_t j = 0; j < nw; j++)
      {
        double v = l->loss->data[i * l->loss->tda + j];

        if (v <= DBL_MAX)
          {
            lo = fmin (lo, v);
            hi = fmax (hi, v);
          }
      }
  l->finite = lo <= hi;
  if (!l->finite)
    lo = hi = 1.0;   /* nothing finite: one colour, no contours */
  l->lo = lo;
  l->hi = hi - lo < 1e-12 * fmax (1.0, fabs (lo)) ? lo + 1.0 : hi;
  l->log_lo = log10 (fmax (lo, 1e-12));
  l->log_hi = log10 (fmax (hi, 1e-12));
  if (l->log_hi - l->log_lo < 1e-6)
    l->log_hi = l->log_lo + 1.0;
  paint_heat (l);
  if (trace_contours (l) != 0)
    goto nomem;
  return l;

nomem:
  rs_landscape_free (l);
  rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory for a landscape");
  return NULL;
}

rs_landscape *
rs_landscape_alloc (const rs_scene *sc, const rs_neuron *u, const rs_data *d,
                    size_t nw, size_t nb, rs_error *err)
{
  rs_landscape *l;

  if (nw < 2 || nb < 2 || nw > 4096 || nb > 4096)
    {
      rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                    "the landscape grid must be 2 to 4096 points a side");
      return NULL;
    }
  l = calloc (1, sizeof *l);
  if (l == NULL || (l->loss = gsl_matrix_alloc (nb, nw)) == NULL)
    {
      rs_landscape_free (l);
      rs_error_set (err, RS_ENOMEM, NULL, 0, 0,
                    "out of memory for a landscape");
      return NULL;
    }
  l->w_range = sc->w_range;
  l->b_range = sc->b_range;
  l->act = u->act;
  l->alpha = u->alpha;
  l->cmap = sc->style.colormap;
  l->linear = sc->style.linear;
  rs_surface_loss (u, d, sc->w_range, sc->b_range, l->loss);
  return landscape_finish (l, err);
}

/* A landscape holding grid (taken: freed when there is no memory for
 * the landscape) over the window ur x vr, nothing else set; NULL with
 * err. */
static rs_landscape *
landscape_over (gsl_matrix *grid, rs_interval ur, rs_interval vr,
                rs_error *err)
{
  rs_landscape *l = calloc (1, sizeof *l);

  if (l == NULL)
    {
      gsl_matrix_free (grid);
      rs_error_set (err, RS_ENOMEM, NULL, 0, 0,
                    "out of memory for a landscape");
      return NULL;
    }
  l->loss = grid;
  l->w_range = ur;
  l->b_range = vr;
  return l;
}

rs_landscape *
rs_landscape_from_grid (gsl_matrix *loss, rs_interval ur, rs_interval vr,
                        rs_colormap cmap, int linear, rs_error *err)
{
  rs_landscape *l = landscape_over (loss, ur, vr, err);

  if (l == NULL)
    return NULL;
  l->cmap = cmap;
  l->linear = linear;
  return landscape_finish (l, err);
}

rs_landscape *
rs_landscape_lines (gsl_matrix *grid, rs_interval ur, rs_interval vr,
                    const double *levels, size_t n, rs_error *err)
{
  rs_landscape *l = landscape_over (grid, ur, vr, err);

  if (l == NULL)
    return NULL;
  l->finite = 1;
  l->linear = 1;
  if (rs_landscape_set_levels (l, levels, n) != RS_OK)
    {
      rs_landscape_free (l);
      rs_error_set (err, RS_ENOMEM, NULL, 0, 0,
                    "out of memory for a landscape");
      return NULL;
    }
  return l;
}

void
rs_landscape_free (rs_landscape *l)
{
  if (l == NULL)
    return;
  if (l->heat != NULL)
    cairo_surface_destroy (l->heat);
  if (l->loss != NULL)
    gsl_matrix_free (l->loss);
  free (l->segments);
  free (l);
}

/* ---- text ---------------------------------------------------------- */

/* A pango layout of markup at size px (pixels), bold or not. */
static PangoLayout *
text_layout (cairo_t *cr, const char *markup, double px, int bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *fd = pango_font_description_new ();

  pango_font_description_set_family (fd, rs_text_family (cr));
  pango_font_description_set_absolute_size (fd, px * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (fd, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, fd);
  pango_font_description_free (fd);
  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

/* White text on a dark halo (its outline stroked wide and translucent
 * under it), readable on the lightest colours of the map too. */
void
rs_draw_text_on_map (cairo_t *cr, double x, double y, const char *markup,
                  double px, int bold, double ax, double ay)
{
  PangoLayout *layout = text_layout (cr, markup, px, bold);
  int tw, th;

  pango_layout_get_pixel_size (layout, &tw, &th);
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_move_to (cr, x - ax * tw, y - ay * th);
  pango_cairo_layout_path (cr, layout);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, px / 4.5);
  cairo_set_source_rgba (cr, 0.05, 0.05, 0.08, 0.6);
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, x - ax * tw, y - ay * th);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  g_object_unref (layout);
}

double
rs_draw_text_box (cairo_t *cr, double x, double y, const char *markup,
                  double scale)
{
  PangoLayout *layout = text_layout (cr, markup, 13.0 * scale, 0);
  double pad = 8.0 * scale;
  int tw, th;

  pango_layout_get_pixel_size (layout, &tw, &th);
  cairo_save (cr);
  cairo_rectangle (cr, x, y, tw + 2 * pad, th + 2 * pad);
  cairo_set_source_rgba (cr, 0.08, 0.08, 0.1, 0.78);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, x + pad, y + pad);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  g_object_unref (layout);
  return th + 2 * pad;
}

/* ---- contours -------------------------------------------------------- */

/* Round contour levels m x 10^k, for the mantissas m of one series,
 * strictly inside the loss range. */
static size_t
levels_of_series (const rs_landscape *l, const double *mant, size_t nm,
                  double *lev, size_t max)
{
  size_t n = 0;

  for (int e = (int) floor (l->log_lo) - 1; e <= (int) ceil (l->log_hi); e++)
    for (size_t k = 0; k < nm; k++)
      {
        double v = mant[k] * pow (10.0, e);
        double t = log10 (v);
        if (t > l->log_lo + 0.02 && t < l->log_hi - 0.02 && n < max)
          lev[n++] = v;
      }
  return n;
}

/* Contour levels 1, 2, 5 x 10^k; on a narrow loss range (a zoomed
 * window), the finer series 1, 1.5, 2, 3, ... 9 x 10^k. */
static size_t
contour_levels (const rs_landscape *l, double *lev, size_t max)
{
  static const double coarse[] = { 1.0, 2.0, 5.0 };
  static const double fine[] = { 1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0,
                                 8.0, 9.0 };
  size_t n = 0;

  if (!l->linear)
    {
      n = levels_of_series (l, coarse, 3, lev, max);
      if (n < 4)
        n = levels_of_series (l, fine, 10, lev, max);
    }
  if (n < 3)
    {
      /* a linear scale, or a range too narrow for round log levels:
       * evenly spaced round values */
      double step = rs_draw_nice_step (l->hi - l->lo, 7);
      long k0 = (long) floor (l->lo / step) + 1;

      n = 0;
      for (long k = k0; k * step < l->hi - 1e-9 * step && n < max; k++)
        lev[n++] = k * step;
    }
  return n;
}

/* The point where the level crosses the edge between grid values a (at
 * p) and b (at q). */
static void
edge_point (double a, double b, double level, const double p[2],
            const double q[2], double out[2])
{
  double t = (level - a) / (b - a);

  out[0] = p[0] + t * (q[0] - p[0]);
  out[1] = p[1] + t * (q[1] - p[1]);
}

/* Marching squares over one cell whose corners (counter-clockwise from the
 * bottom left) have values v and positions p; writes up to two segments.
 * Saddles are split by the cell's mean. */
static size_t
march_cell (const double v[4], const double p[4][2], double level,
            rs_segment *out)
{
  double pts[4][2];
  int inside[4], n = 0;
  size_t ns = 0;

  for (int k = 0; k < 4; k++)
    inside[k] = v[k] >= level;
  for (int k = 0; k < 4; k++)
    {
      int m = (k + 1) % 4;
      if (inside[k] != inside[m])
        edge_point (v[k], v[m], level, p[k], p[m], pts[n++]);
    }
  if (n == 2)
    {
      out[ns++] = (rs_segment) { pts[0][0], pts[0][1], pts[1][0],
                                 pts[1][1] };
    }
  else if (n == 4)
    {
      double mean = (v[0] + v[1] + v[2] + v[3]) / 4.0;
      int a = (mean >= level) == inside[0] ? 1 : 0;
      /* pair crossings so that corner 0's side stays connected or not */
      out[ns++] = (rs_segment) { pts[0][0], pts[0][1], pts[a ? 1 : 3][0],
                                 pts[a ? 1 : 3][1] };
      out[ns++] = (rs_segment) { pts[2][0], pts[2][1], pts[a ? 3 : 1][0],
                                 pts[a ? 3 : 1][1] };
    }
  return ns;
}

/* Append a segment to l's list; -1 when memory runs out. */
static int
push_segment (rs_landscape *l, const rs_segment *sg, size_t *cap)
{
  if (l->n_segments == *cap)
    {
      size_t nc = *cap ? 2 * *cap : 1024;
      rs_segment *ns = realloc (l->segments, nc * sizeof *ns);
      if (ns == NULL)
        return -1;
      l->segments = ns;
      *cap = nc;
    }
  l->segments[l->n_segments++] = *sg;
  return 0;
}

/* Trace one level over the whole grid (in grid units: u = column, v = row
 * counted upwards) and choose its label's place: the segment midpoint
 * farthest from the edges. */
static int
trace_level (rs_landscape *l, size_t k, size_t *cap)
{
  size_t nb = l->loss->size1, nw = l->loss->size2;
  double best = -1.0;

  size_t tda = l->loss->tda;
  double level = l->levels[k];

  for (size_t i = 0; i + 1 < nb; i++)
    for (size_t j = 0; j + 1 < nw; j++)
      {
        const double *lo = l->loss->data + i * tda + j, *hi = lo + tda;
        double v[4] = { lo[0], lo[1], hi[1], hi[0] };
        double p[4][2] = { { j, i }, { j + 1.0, i }, { j + 1.0, i + 1.0 },
                           { j, i + 1.0 } };
        rs_segment seg[2];
        size_t ns;

        /* most cells lie wholly on one side of the level */
        if ((v[0] > level && v[1] > level && v[2] > level && v[3] > level)
            || (v[0] < level && v[1] < level && v[2] < level
                && v[3] < level))
          continue;
        ns = march_cell (v, p, level, seg);

        for (size_t q = 0; q < ns; q++)
          {
            double mu = (seg[q].u0 + seg[q].u1) / 2 / (nw - 1);
            double mv = (seg[q].v0 + seg[q].v1) / 2 / (nb - 1);
            double d = fmin (fmin (mu, 1 - mu), fmin (mv, 1 - mv));
            if (push_segment (l, &seg[q], cap) != 0)
              return -1;
            if (d > best)
              {
                best = d;
                l->label[k][0] = (seg[q].u0 + seg[q].u1) / 2;
                l->label[k][1] = (seg[q].v0 + seg[q].v1) / 2;
              }
          }
      }
  l->level_end[k] = l->n_segments;
  return 0;
}

/* Every level's contour, once per landscape: the app draws them every
 * frame at any size, so they are kept in grid units. */
static int
trace_contours (rs_landscape *l)
{
  size_t cap = 0;

  l->n_levels = l->finite ? contour_levels (l, l->levels,
                                            RS_LANDSCAPE_MAX_LEVELS) : 0;
  for (size_t k = 0; k < l->n_levels; k++)
    if (trace_level (l, k, &cap) != 0)
      return -1;
  return 0;
}

/* A grid position (u, v) in pixels of plot. */
static void
grid_to_pixel (const rs_landscape *l, rs_rect plot, double u, double v,
               double *x, double *y)
{
  *x = plot.x + u / (double) (l->loss->size2 - 1) * plot.width;
  *y = plot.y + plot.height - v / (double) (l->loss->size1 - 1) * plot.height;
}

/* Stroke the contour of level k. */
static void
stroke_level (cairo_t *cr, const rs_landscape *l, rs_rect plot, size_t k)
{
  size_t first = k == 0 ? 0 : l->level_end[k - 1];
  double x, y;

  for (size_t q = first; q < l->level_end[k]; q++)
    {
      const rs_segment *sg = &l->segments[q];
      grid_to_pixel (l, plot, sg->u0, sg->v0, &x, &y);
      cairo_move_to (cr, x, y);
      grid_to_pixel (l, plot, sg->u1, sg->v1, &x, &y);
      cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);
}

int
rs_landscape_set_levels (rs_landscape *l, const double *levels, size_t n)
{
  size_t cap = 0;

  free (l->segments);
  l->segments = NULL;
  l->n_segments = 0;
  l->n_levels = n < RS_LANDSCAPE_MAX_LEVELS ? n : RS_LANDSCAPE_MAX_LEVELS;
  memcpy (l->levels, levels, l->n_levels * sizeof *levels);
  for (size_t k = 0; k < l->n_levels; k++)
    if (trace_level (l, k, &cap) != 0)
      {
        l->n_levels = 0;
        return RS_ENOMEM;
      }
  return RS_OK;
}

void
rs_landscape_stroke_levels (cairo_t *cr, const rs_landscape *l,
                            rs_rect plot)
{
  for (size_t k = 0; k < l->n_levels; k++)
    stroke_level (cr, l, plot, k);
}

/* A number in its shortest readable form. */
static void
format_number (double v, char *buf, size_t n)
{
  snprintf (buf, n, "%g", v);
}

/* The size of a contour's label text, and the label itself on a light
 * box centred at (x, y): the box is (w + 4 s) x h. */
void
rs_draw_contour_label_size (cairo_t *cr, const char *text, double s,
                            double *w, double *h)
{
  PangoLayout *layout = text_layout (cr, text, 10.5 * s, 0);
  int tw, th;

  pango_layout_get_pixel_size (layout, &tw, &th);
  *w = tw + 4 * s;
  *h = th;
  g_object_unref (layout);
}

void
rs_draw_contour_label (cairo_t *cr, double x, double y, const char *text,
                       double s)
{
  PangoLayout *layout = text_layout (cr, text, 10.5 * s, 0);
  int tw, th;

  pango_layout_get_pixel_size (layout, &tw, &th);
  cairo_save (cr);
  cairo_rectangle (cr, x - tw / 2.0 - 2 * s, y - th / 2.0, tw + 4 * s, th);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.8);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  cairo_move_to (cr, x - tw / 2.0, y - th / 2.0);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  g_object_unref (layout);
}

void
rs_landscape_level_text (const rs_landscape *l, size_t k, char *buf,
                         size_t n)
{
  format_number (l->levels[k], buf, n);
}

void
rs_landscape_to_pixel (const rs_landscape *l, rs_rect plot, double u,
                       double v, double *x, double *y)
{
  grid_to_pixel (l, plot, u, v, x, y);
}

/* The contour lines at the nice levels; their labels are placed with the
 * plane's other labels (plane_labels.c). */
void
rs_landscape_draw_contours (cairo_t *cr, const rs_landscape *l, rs_rect plot, double s)
{
  cairo_save (cr);
  cairo_set_line_width (cr, 1.0 * s);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.55);
  for (size_t k = 0; k < l->n_levels; k++)
    stroke_level (cr, l, plot, k);
  cairo_restore (cr);
}

/* ---- the picture ---------------------------------------------------- */

void
rs_landscape_draw_heat (cairo_t *cr, const rs_landscape *l, rs_rect plot)
{
  double cx = plot.width / (double) (l->loss->size2 - 1);
  double cy = plot.height / (double) (l->loss->size1 - 1);
  cairo_pattern_t *pat;

  cairo_save (cr);
  cairo_rectangle (cr, plot.x, plot.y, plot.width, plot.height);
  cairo_clip (cr);
  /* grid point centres on the grid's coordinates: half a cell outside */
  cairo_translate (cr, plot.x - cx / 2, plot.y - cy / 2);
  cairo_scale (cr, cx, cy);
  cairo_set_source_surface (cr, l->heat, 0, 0);
  pat = cairo_get_source (cr);
  cairo_pattern_set_filter (pat, CAIRO_FILTER_BILINEAR);
  cairo_pattern_set_extend (pat, CAIRO_EXTEND_PAD);
  cairo_paint (cr);
  cairo_restore (cr);
}

void
rs_draw_hatch (cairo_t *cr, rs_rect plot, double gap, int rising)
{
  for (int k = 0; k * gap < plot.width + plot.height; k++)
    {
      double t = k * gap - plot.height;

      cairo_move_to (cr, plot.x + t, plot.y + (rising ? plot.height : 0));
      cairo_line_to (cr, plot.x + t + plot.height,
                     plot.y + (rising ? 0 : plot.height));
    }
}

/* An arrow from (x0, y0) to (x1, y1). */
void
rs_draw_arrow (cairo_t *cr, double x0, double y0, double x1, double y1,
            double s)
{
  double a = atan2 (y1 - y0, x1 - x0), h = 9.0 * s;
  double dash = 5.0 * s;

  cairo_save (cr);
  cairo_set_dash (cr, &dash, 1, 0);
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1 - 0.7 * h * cos (a), y1 - 0.7 * h * sin (a));
  cairo_stroke (cr);
  cairo_restore (cr);
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x1 - h * cos (a - 0.4), y1 - h * sin (a - 0.4));
  cairo_line_to (cr, x1 - h * cos (a + 0.4), y1 - h * sin (a + 0.4));
  cairo_close_path (cr);
  cairo_fill (cr);
}

void
rs_draw_path_line (cairo_t *cr, size_t n,
                   unsigned (*point) (void *data, size_t i, double *x,
                                      double *y),
                   void *data, double s)
{
  static const double white[3] = { 1.0, 1.0, 1.0 };

  rs_draw_path_line_rgb (cr, n, point, data, s, white);
}

void
rs_draw_path_line_rgb (cairo_t *cr, size_t n,
                       unsigned (*point) (void *data, size_t i, double *x,
                                          double *y),
                       void *data, double s, const double *rgb)
{
  double x, y;

  for (int pass = 0; pass < 2; pass++)
    {
      cairo_new_path (cr);
      for (size_t i = 0; i < n; i++)
        if (point (data, i, &x, &y) & (RS_EVENT_KICK | RS_EVENT_START))
          cairo_move_to (cr, x, y);
        else
          cairo_line_to (cr, x, y);
      cairo_set_line_width (cr, (pass == 0 ? 4.5 : 2.0) * s);
      if (pass == 0)
        cairo_set_source_rgba (cr, 0.05, 0.05, 0.08, 0.55);
      else
        cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_stroke (cr);
    }
}

void
rs_draw_path_mark (cairo_t *cr, double px, double py, double x, double y,
                   unsigned events, size_t i, int dot, double s)
{
  if ((events & RS_EVENT_KICK) && i > 0)
    {
      rs_theme_set (cr, rs_palette_colour (RS_HUE_KICK, 0));
      cairo_set_line_width (cr, 2.2 * s);
      rs_draw_arrow (cr, px, py, x, y, s);
    }
  else if (dot)
    {
      cairo_arc (cr, x, y, 2.2 * s, 0, 2 * M_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill (cr);
    }
  if (i == 0)
    {
      cairo_arc (cr, x, y, 6.0 * s, 0, 2 * M_PI);
      cairo_set_line_width (cr, 2.0 * s);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_stroke (cr);
    }
}

/* A shaded sphere of radius 9.5 s at (x, y) with a soft shadow: its
 * colours from the highlight through the body to the rim, and its edge. */
static void
ball_with (cairo_t *cr, double x, double y, double s, const double hi[3],
           const double body[3], const double rim[3], const double edge[3])
{
  double r = 9.5 * s;
  cairo_pattern_t *g;

  cairo_save (cr);
  cairo_translate (cr, x + 0.35 * r, y + 0.55 * r);
  cairo_scale (cr, 1.0, 0.55);
  cairo_arc (cr, 0, 0, 1.1 * r, 0, 2 * M_PI);
  cairo_restore (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
  cairo_fill (cr);
  g = cairo_pattern_create_radial (x - 0.35 * r, y - 0.4 * r, 0.1 * r,
                                   x, y, r);
  cairo_pattern_add_color_stop_rgb (g, 0.0, hi[0], hi[1], hi[2]);
  cairo_pattern_add_color_stop_rgb (g, 0.35, body[0], body[1], body[2]);
  cairo_pattern_add_color_stop_rgb (g, 1.0, rim[0], rim[1], rim[2]);
  cairo_arc (cr, x, y, r, 0, 2 * M_PI);
  cairo_set_source (cr, g);
  cairo_fill_preserve (cr);
  cairo_pattern_destroy (g);
  cairo_set_line_width (cr, 1.0 * s);
  cairo_set_source_rgba (cr, edge[0], edge[1], edge[2], 0.9);
  cairo_stroke (cr);
}

void
rs_draw_ball_at (cairo_t *cr, double x, double y, double s)
{
  static const double hi[3] = { 1.0, 0.86, 0.82 };
  static const double body[3] = { 0.90, 0.20, 0.14 };
  static const double rim[3] = { 0.50, 0.05, 0.04 };
  static const double edge[3] = { 0.2, 0.02, 0.02 };

  ball_with (cr, x, y, s, hi, body, rim, edge);
}

void
rs_draw_ball_coloured (cairo_t *cr, double x, double y, double s, double r,
                       double g, double b)
{
  const double hi[3] = { r + 0.8 * (1 - r), g + 0.8 * (1 - g),
                         b + 0.8 * (1 - b) };
  const double body[3] = { r, g, b };
  const double rim[3] = { 0.55 * r, 0.55 * g, 0.55 * b };
  const double edge[3] = { 0.22 * r, 0.22 * g, 0.22 * b };

  ball_with (cr, x, y, s, hi, body, rim, edge);
}

double
rs_draw_nice_step (double span, double n)
{
  double raw = span / fmax (n, 1.0), p = pow (10.0, floor (log10 (raw)));
  double m = raw / p;

  return (m < 1.5 ? 1.0 : m < 3.5 ? 2.0 : m < 7.5 ? 5.0 : 10.0) * p;
}

/* The colour bar: the map, ticked at the contour levels. */
void
rs_landscape_draw_colour_bar (cairo_t *cr, const rs_landscape *l, rs_rect plot,
                              double s, const char *label, const char *font,
                              double fg_r, double fg_g, double fg_b)
{
  double bx = plot.x + plot.width + 22 * s, bw = 16 * s, lw = 0.0;
  cairo_pattern_t *g = cairo_pattern_create_linear (0, plot.y + plot.height,
                                                    0, plot.y);
  char buf[32];

  for (int k = 0; k <= 32; k++)
    {
      double rgb[3];
      colour_map (l, k / 32.0, rgb);
      cairo_pattern_add_color_stop_rgb (g, k / 32.0, rgb[0], rgb[1], rgb[2]);
    }
  cairo_save (cr);
  cairo_rectangle (cr, bx, plot.y, bw, plot.height);
  cairo_set_source (cr, g);
  cairo_fill_preserve (cr);
  cairo_pattern_destroy (g);
  cairo_set_source_rgb (cr, fg_r, fg_g, fg_b);
  cairo_set_line_width (cr, 1.0 * s);
  cairo_stroke (cr);
  if (!l->finite)
    {
      lw = rs_text (cr, font, bx + bw + 6 * s, plot.y, "+∞", 11 * s, 0, 0,
                    0.5, 0);
      label = "loss = +∞ at every point";
    }
  for (size_t k = 0; k < l->n_levels; k++)
    {
      double y = plot.y + plot.height * (1.0 - scale_pos (l, l->levels[k]));
      cairo_move_to (cr, bx + bw, y);
      cairo_line_to (cr, bx + bw + 4 * s, y);
      cairo_stroke (cr);
      format_number (l->levels[k], buf, sizeof buf);
      lw = fmax (lw, rs_text (cr, font, bx + bw + 6 * s, y, buf, 11 * s, 0,
                              0, 0.5, 0));
    }
  rs_text (cr, font, bx + bw + 12 * s + fmax (lw, 26 * s),
           plot.y + plot.height / 2, label, 13 * s, 0, 0.5, 0, -M_PI / 2);
  cairo_restore (cr);
}

void
rs_draw_outcome (const rs_sim *sim, char *buf, size_t n)
{
  size_t since = rs_sim_stuck_since (sim);
  rs_sim_status st = rs_sim_test (sim);

  if (st == RS_SIM_DIVERGED)
    snprintf (buf, n, "<b>diverged</b>");
  else if (since != (size_t) -1 && !(rs_sim_current (sim)->loss <= DBL_MAX))
    snprintf (buf, n, "<b>stuck since step %zu: the loss is +∞, its "
              "gradient 0</b>", since);
  else if (since != (size_t) -1)
    snprintf (buf, n, "<b>stuck on the plateau since step %zu</b>", since);
  else if (st == RS_SIM_CONVERGED)
    snprintf (buf, n, "<b>in the valley</b>");
  else
    buf[0] = '\0';
}

