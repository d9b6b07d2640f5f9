/* panel_data_map.c: the data view over two inputs (view data; C4, C5):
 * the network's output as a heat map over the data's box, the decision
 * boundary between two classes, the points coloured by class or target,
 * a colour bar bracketing the range the map covers, and a legend with
 * the dead units and a constant output beside it. */
#include <config.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/panel_data.h"

/* The classes' colours: off the theme's meaning colours (loss, gradient,
 * alive, dead, event), purple and ochre told apart under the usual
 * forms of colour blindness, a dark grey for a third class. */
static const rs_rgb class_colours[] = {
  { 0x76 / 255.0, 0x2a / 255.0, 0x83 / 255.0 },
  { 0xb3 / 255.0, 0x6b / 255.0, 0x00 / 255.0 },
  { 0x40 / 255.0, 0x40 / 255.0, 0x40 / 255.0 },
  { 0x1b / 255.0, 0x78 / 255.0, 0x77 / 255.0 }
};
#define N_CLASS_COLOURS 4

/* What the map shows at a sample: for one output the value t in [0, 1]
 * of its colour scale, for several the class (argmax) and its softmax
 * probability. */
typedef struct {
  int classes;        /* the data's classes, 0 for regression */
  int logit;          /* output 0 is a logit: p = sigmoid(y) */
  double lo, hi;      /* the scale of a regression map */
} map_scale;

/* The probability of class 1 shown for output y under the loss: sigmoid
 * for the sigmoid cross-entropy, y itself (clamped) for mse on labels. */
static double
class1_p (const map_scale *s, double y)
{
  if (s->logit)
    return 1.0 / (1.0 + exp (-y));
  return y < 0.0 ? 0.0 : y > 1.0 ? 1.0 : y;
}

/* The colour of a sample: between the two classes' colours through the
 * panel colour at p = 1/2; a class's colour by its probability for
 * several outputs; the scene's colour map for regression. */
static rs_rgb
sample_colour (const pane *p, const map_scale *s, const double *out,
               size_t k, rs_colormap cmap)
{
  rs_rgb c = p->t->panel, to;
  double t, rgb[3];

  if (s->classes == 0 || k == 0)
    {
      rs_colour_map (cmap, (out[0] - s->lo) / fmax (s->hi - s->lo, 1e-300),
                     rgb);
      return (rs_rgb) { rgb[0], rgb[1], rgb[2] };
    }
  if (k == 1)
    {
      double q = class1_p (s, out[0]);
      to = class_colours[q >= 0.5];
      t = fabs (2.0 * q - 1.0);
    }
  else
    {
      size_t best = 0;
      double sum = 0.0;
      for (size_t o = 0; o < k; o++)
        if (out[o] > out[best])
          best = o;
      for (size_t o = 0; o < k; o++)
        sum += exp (out[o] - out[best]);
      to = class_colours[best % N_CLASS_COLOURS];
      t = (1.0 / sum - 1.0 / k) / (1.0 - 1.0 / k);
    }
  t = isfinite (t) ? 0.1 + 0.5 * t : 0.0;
  return (rs_rgb) { c.r + t * (to.r - c.r), c.g + t * (to.g - c.g),
                    c.b + t * (to.b - c.b) };
}

/* The map: one pixel a sample in an image, sample (q, r) at its pixel's
 * centre, smoothed between the samples and clipped to the box. */
static void
draw_cells (pane *p, const axes *a, const map_scale *s, const double *out,
            size_t k, rs_colormap cmap)
{
  int n = DATA_GRID;
  cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_RGB24, n,
                                                     n);
  int stride = cairo_image_surface_get_stride (img);
  unsigned char *px = cairo_image_surface_get_data (img);
  cairo_pattern_t *pat;
  cairo_matrix_t m;
  double o[8];

  if (px == NULL)
    {
      cairo_surface_destroy (img);
      return;
    }
  for (int r = 0; r < n; r++)
    for (int q = 0; q < n; q++)
      {
        rs_rgb c;
        for (size_t u = 0; u < k && u < 8; u++)
          o[u] = out[u * n * n + (size_t) (r * n + q)];
        c = sample_colour (p, s, o, k < 8 ? k : 8, cmap);
        ((uint32_t *) (void *) (px + (n - 1 - r) * stride))[q]
          = (uint32_t) lround (c.r * 255) << 16
            | (uint32_t) lround (c.g * 255) << 8 | (uint32_t) lround (c.b
                                                                     * 255);
      }
  cairo_surface_mark_dirty (img);
  pat = cairo_pattern_create_for_surface (img);
  cairo_pattern_set_filter (pat, CAIRO_FILTER_BILINEAR);
  cairo_pattern_set_extend (pat, CAIRO_EXTEND_PAD);
  /* image x' to the box: x = box.x + (x' - 1/2) width / (n - 1) */
  cairo_matrix_init_scale (&m, (n - 1) / a->box.width,
                           (n - 1) / a->box.height);
  cairo_matrix_translate (&m, -a->box.x + 0.5 * a->box.width / (n - 1),
                          -a->box.y + 0.5 * a->box.height / (n - 1));
  cairo_pattern_set_matrix (pat, &m);
  cairo_save (p->cr);
  axes_clip (p, a);
  cairo_set_source (p->cr, pat);
  cairo_paint (p->cr);
  cairo_restore (p->cr);
  cairo_pattern_destroy (pat);
  cairo_surface_destroy (img);
}

/* The value the boundary is the zero of: p - 1/2 of class 1. */
static double
boundary_value (const map_scale *s, double y)
{
  return s->logit ? y : y - 0.5;
}

/* The decision boundary of one output between two classes, by marching
 * squares over the samples: in each cell, the points where the value
 * crosses 0 on its edges, joined two by two. */
static void
draw_boundary (pane *p, const axes *a, const map_scale *s, const double *y)
{
  size_t n = DATA_GRID;
  double cw = a->box.width / (n - 1), ch = a->box.height / (n - 1);

  cairo_new_path (p->cr);
  for (size_t r = 0; r + 1 < n; r++)
    for (size_t q = 0; q + 1 < n; q++)
      {
        /* corners counter-clockwise from the bottom left */
        static const int dq[4] = { 0, 1, 1, 0 }, dr[4] = { 0, 0, 1, 1 };
        double f[4], px[4], py[4];
        int m = 0;
        for (int e = 0; e < 4; e++)
          f[e] = boundary_value (s, y[(r + dr[e]) * n + q + dq[e]]);
        for (int e = 0; e < 4; e++)
          {
            double f0 = f[e], f1 = f[(e + 1) % 4], t;
            if (!isfinite (f0) || !isfinite (f1) || (f0 > 0) == (f1 > 0))
              continue;
            t = f0 / (f0 - f1);
            px[m] = a->box.x + (q + dq[e] + t * (dq[(e + 1) % 4] - dq[e]))
                               * cw;
            py[m] = a->box.y + a->box.height
                    - (r + dr[e] + t * (dr[(e + 1) % 4] - dr[e])) * ch;
            m++;
          }
        for (int e = 0; e + 1 < m; e += 2)
          {
            cairo_move_to (p->cr, px[e], py[e]);
            cairo_line_to (p->cr, px[e + 1], py[e + 1]);
          }
      }
  cairo_set_line_width (p->cr, 1.8 * p->k);
  rs_theme_set (p->cr, p->t->fg);
  cairo_stroke (p->cr);
}

/* A dot of radius rad filled in fill and ringed in ring (ring width 0:
 * none) at (x, y). */
static void
dot_path (cairo_t *cr, double x, double y, double rad, rs_rgb fill,
          rs_rgb ring, double width)
{
  cairo_new_path (cr);
  cairo_arc (cr, x, y, rad, 0, 2 * M_PI);
  rs_theme_set (cr, fill);
  if (width <= 0.0)
    {
      cairo_fill (cr);
      return;
    }
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, width);
  rs_theme_set (cr, ring);
  cairo_stroke (cr);
}

/* The dots at the n device points (x[i], y[i]): on an image target
 * drawn without rotation or scaling, one dot drawn once and copied to
 * each point's nearest pixel (hundreds of arcs cost a frame of the
 * app); else each as a path, for vector files. */
static void
draw_dots (pane *p, const double *x, const double *y, size_t n, double rad,
           rs_rgb fill, rs_rgb ring, double width)
{
  cairo_t *cr = p->cr;
  cairo_matrix_t m;
  int side = (int) ceil (2 * rad + width) + 2;
  cairo_surface_t *dot;
  cairo_t *dc;

  cairo_get_matrix (cr, &m);
  if (cairo_surface_get_type (cairo_get_target (cr))
      != CAIRO_SURFACE_TYPE_IMAGE || m.xx != 1 || m.yy != 1 || m.xy != 0
      || m.yx != 0)
    {
      for (size_t i = 0; i < n; i++)
        dot_path (cr, x[i], y[i], rad, fill, ring, width);
      return;
    }
  dot = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, side, side);
  dc = cairo_create (dot);
  dot_path (dc, side / 2.0, side / 2.0, rad, fill, ring, width);
  cairo_destroy (dc);
  for (size_t i = 0; i < n; i++)
    {
      double x0 = floor (x[i] + 0.5) - side / 2, y0 = floor (y[i] + 0.5)
                                                      - side / 2;
      cairo_set_source_surface (cr, dot, x0, y0);
      cairo_rectangle (cr, x0, y0, side, side);
      cairo_fill (cr);
    }
  cairo_surface_destroy (dot);
}

/* The data points, filled in their class's colour (or the colour map's
 * colour of their target, one at a time) and ringed in the text
 * colour, a class at a time. */
static void
draw_points_2d (pane *p, const axes *a, const map_scale *s,
                const rs_data *d, rs_colormap cmap)
{
  size_t groups = s->classes > 0 ? (size_t) s->classes : d->n, m;
  double *x = malloc (d->n * sizeof *x), *y = malloc (d->n * sizeof *y);

  for (size_t g = 0; x != NULL && y != NULL && g < groups; g++)
    {
      double rgb[3];
      rs_rgb fill;
      m = 0;
      for (size_t i = s->classes > 0 ? 0 : g;
           i < (s->classes > 0 ? d->n : g + 1); i++)
        if ((s->classes == 0 || (size_t) fabs (d->y[i * d->ydim]) == g)
            && isfinite (d->x[i * 2]) && isfinite (d->x[i * 2 + 1])
            && isfinite (d->y[i * d->ydim]))
          {
            x[m] = axes_x (a, d->x[i * 2]);
            y[m++] = axes_y (a, d->x[i * 2 + 1]);
          }
      if (s->classes > 0)
        fill = class_colours[g % N_CLASS_COLOURS];
      else
        {
          rs_colour_map (cmap, (d->y[g * d->ydim] - s->lo)
                               / fmax (s->hi - s->lo, 1e-300), rgb);
          fill = (rs_rgb) { rgb[0], rgb[1], rgb[2] };
        }
      if (s->classes > 0)
        draw_dots (p, x, y, m, 3.0 * p->k, fill, p->t->fg, 0.8 * p->k);
      else if (m > 0)
        dot_path (p->cr, x[0], y[0], 3.0 * p->k, fill, p->t->fg,
                  0.8 * p->k);
    }
  free (x);
  free (y);
}

/* The colour bar right of the map: its scale from bottom to top, the
 * range the map covers bracketed on it (a single tick when the output
 * is constant), the end values written. */
static void
draw_map_bar (pane *p, const axes *a, const map_scale *s, size_t k,
              double lo, double hi, rs_colormap cmap)
{
  double x = a->box.x + a->box.width + 10 * p->k, w = 11 * p->k;
  double y0 = a->box.y, h = a->box.height, b0, b1, o[8] = { 0 };
  double v0 = s->classes ? 0.0 : s->lo, v1 = s->classes ? 1.0 : s->hi;
  char buf[32];

  if (k > 1)
    return;
  for (int i = 0; i < 64; i++)
    {
      double t = (i + 0.5) / 64.0, v = v0 + t * (v1 - v0);
      o[0] = s->logit ? log (v / (1.0 - v)) : v;
      rs_theme_set (p->cr, sample_colour (p, s, o, 1, cmap));
      cairo_rectangle (p->cr, x, y0 + h * (1 - (i + 1) / 64.0), w,
                       h / 64.0 + 0.5);
      cairo_fill (p->cr);
    }
  if (s->classes)
    lo = class1_p (s, lo), hi = class1_p (s, hi);
  b0 = y0 + h * (1 - (lo - v0) / (v1 - v0));
  b1 = y0 + h * (1 - (hi - v0) / (v1 - v0));
  cairo_set_line_width (p->cr, 2.0 * p->k);
  rs_theme_set (p->cr, p->t->fg);
  cairo_move_to (p->cr, x - 3 * p->k, b0);
  cairo_line_to (p->cr, x - 3 * p->k, b1 - (b0 - b1 < 1 ? 1 : 0));
  cairo_move_to (p->cr, x - 5 * p->k, b0);
  cairo_line_to (p->cr, x + w, b0);
  cairo_move_to (p->cr, x - 5 * p->k, b1);
  cairo_line_to (p->cr, x + w, b1);
  cairo_stroke (p->cr);
  axes_tick_label (v1, buf, sizeof buf);
  pane_text (p, p->t->fg, x + w + 3 * p->k, y0, buf, 10, 0, 0, 0.5, 0);
  axes_tick_label (v0, buf, sizeof buf);
  pane_text (p, p->t->fg, x + w + 3 * p->k, y0 + h, buf, 10, 0, 0, 0.5, 0);
  pane_text (p, p->t->fg, x + w + 3 * p->k, y0 + h / 2,
             s->classes ? "p(1)" : "<i>y</i>", 10, 0, 0, 0.5, 0);
}

/* The map's legend right of its colour bar, when there is room for a
 * column of 90 points: the classes' colours, the boundary, the dead
 * units and a constant output, one under the other.  Returns 0 when
 * there is no room (the notes then go on the map). */
static int
draw_map_notes (pane *p, const axes *a, const dview *v, const map_scale *s,
                const char *constant)
{
  double x = a->box.x + a->box.width + 52 * p->k, y = a->box.y;
  double w = p->r.x + p->r.width - 8 * p->k - x;
  char line[200], note[160], wrapped[200], hex[8];

  if (w < 90 * p->k)
    return 0;
  for (size_t c = 0; c < v->w.d->classes && c < N_CLASS_COLOURS; c++)
    {
      pane_hex (class_colours[c], hex);
      snprintf (line, sizeof line, "<span foreground=\"%s\">●</span> class "
                "%zu", hex, c);
      pane_text (p, p->t->fg, x, y, line, 10, 0, 0, 0, 0);
      y += 15 * p->k;
    }
  if (v->k == 1 && s->classes == 2 && constant == NULL)
    {
      pane_text (p, p->t->fg, x, y, "━ boundary p(1) = ½", 10, 0, 0, 0, 0);
      y += 15 * p->k;
    }
  y += 6 * p->k;
  if (constant != NULL)
    {
      double tw, th;
      rs_text_size (p->cr, pane_font (p), constant, 11 * p->k, 0, &tw, &th);
      pane_text (p, p->t->dead, x, y, constant, 11, 0, 0, 0, 0);
      y += th + 6 * p->k;
    }
  data_dead_note (v, rs_net_layers (v->w.net) == 1, 0, note, sizeof note);
  data_wrap_text (p, note, w, 10, wrapped, sizeof wrapped);
  pane_text (p, p->t->dead, x, y, wrapped, 10, 0, 0, 0, 0);
  return 1;
}

/* The map's scale: classes, logit, and for regression the range of the
 * outputs and the targets. */
static map_scale
map_scale_of (const rs_panel_ctx *c, const dview *v, double lo, double hi)
{
  const rs_data *d = v->w.d;
  map_scale s = { (int) d->classes, 0, lo, hi };

  s.logit = rs_sim_loss (c->sim) == rs_loss_sigmoid_bce;
  if (s.classes > 0)
    return s;
  for (size_t i = 0; i < d->n; i++)
    if (isfinite (d->y[i * d->ydim]))
      s.lo = fmin (s.lo, d->y[i * d->ydim]),
      s.hi = fmax (s.hi, d->y[i * d->ydim]);
  if (!(s.hi > s.lo))
    s.lo -= 0.5, s.hi += 0.5;
  return s;
}

/* The map's plot: cells, boundary, points, the bar and the notes; the
 * box square in the data's units where there is room. */
void
data_draw_map (pane *p, const rs_panel_ctx *c, const dview *v,
               const double *y)
{
  axes a = { p->plot, v->win[0], v->win[1], v->win[2], v->win[3] };
  rs_colormap cmap = c->scene->style.colormap;
  double lo, hi;
  int finite = data_output_range (y, DATA_GRID * DATA_GRID, &lo, &hi);
  int constant = finite && data_is_constant (lo, hi);
  map_scale s = map_scale_of (c, v, finite ? lo : 0.0, finite ? hi : 1.0);
  char label[160];

  axes_fill (p, &a);
  draw_cells (p, &a, &s, y, v->k, cmap);
  axes_x_ticks (p, &a, 1);
  axes_y_ticks (p, &a, a.box.height / (42 * p->k));
  if (v->k == 1 && s.classes == 2 && !constant)
    draw_boundary (p, &a, &s, y);
  draw_points_2d (p, &a, &s, v->w.d, cmap);
  axes_frame (p, &a);
  axes_x_title (p, &a, "input <i>x</i><sub>1</sub>");
  axes_y_title (p, &a, "input <i>x</i><sub>2</sub>", a.box.x - 46 * p->k);
  if (finite)
    draw_map_bar (p, &a, &s, v->k, lo, hi, cmap);
  if (constant)
    data_constant_label (lo, s.logit, 1, label, sizeof label);
  if (draw_map_notes (p, &a, v, &s, constant ? label : NULL))
    return;
  if (constant)
    pane_label_boxed (p, p->t->dead, a.box.x + a.box.width / 2,
                      a.box.y + a.box.height / 2, label, 12, 0, 0.5, 0.5);
  data_draw_dead_note (p, &a, v, NULL);
}

