/* panel_activation.c: the activation panel: f and f' as two plots, the
 * subdifferential fan at the kink, the jump of f' at 0 and a zoom on a
 * small negative slope (C2, C3, C8).
 *
 * Left, f over [-3, 3] with the fan of supporting lines at its kink
 * (every slope of the subdifferential), the convention's line bold (C3).
 * Right, f': where f has a kink f' jumps, and it is drawn as a jump: each
 * piece ends at 0 in an open circle (the one-sided limit, not taken at
 * 0), the dashed segment between them is the subdifferential, and a
 * filled dot marks the value the convention takes at 0 (C2, C3).  When
 * f's negative half is too flat to see at the plot's scale (Leaky ReLU's
 * alpha = 0.01), an inset shows it with y magnified by a stated factor
 * (C8).
 *
 * In a figure of variants every run's activation is shown, in the run's
 * colour: when the runs share the activation (C3's kink 0 / 0.5 / 1),
 * one f and one f' with a convention dot and a bold supporting line per
 * run; when they differ (in activation or alpha), each run's f and f'
 * with its own dot.  The band over f' names each run's f'(0). */
#include <config.h>

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/pane.h"

/* The fan's lines at the kink (C3). */
#define FAN_LINES 7

/* f and f' on a grid over [-3, 3], z = 0 exactly at the middle. */
#define ACT_GRID 301
#define ACT_Z(i) (((double) (i) - (ACT_GRID - 1) / 2) / 50.0)

/* The one-sided limits of f' at 0 are taken this close to it. */
#define ACT_EPS 1e-9

static const margins act_margins = { 30, 14, 36, 44 };

size_t
rs_panel_kink_fan (const rs_act_type *t, double p, double kink,
                   double *slopes, size_t n, double *bold)
{
  rs_interval d;

  if (t == NULL || !rs_act_is_kink (t, 0.0, p))
    return 0;
  d = rs_act_subdiff (t, 0.0, p);
  kink = fmin (fmax (isnan (kink) ? 0.0 : kink, 0.0), 1.0);
  if (bold != NULL)
    *bold = rs_interval_lerp (d, kink);
  for (size_t i = 0; i < n; i++)
    slopes[i] = n > 1 ? rs_interval_lerp (d, (double) i / (double) (n - 1))
                      : d.lo;
  return n;
}

/* ---- what is drawn where ------------------------------------------------ */

/* The activation shown: the first hidden layer's at point c->at, with
 * the kink convention the run trained with there. */
typedef struct {
  const rs_act_type *t;
  double par, kink;
} act_shown;

/* The activations of every run shown, each in its colour; same: the
 * runs share the activation and its parameter (only their kinks may
 * differ), and f and f' are drawn once. */
typedef struct {
  size_t n;
  act_shown s[RS_SCENE_MAX_VARIANTS];
  rs_rgb col[RS_SCENE_MAX_VARIANTS];
  const char *name[RS_SCENE_MAX_VARIANTS];  /* NULL without variants */
  int same;
} act_runs;

/* The plots of one panel and where its marks go. */
typedef struct {
  axes f, df, inset;
  int has_inset;
  int names_at_dots;   /* the runs' names beside their dots, the band
                          too short for a line each */
  double mag;          /* the inset's y magnification over f's plot */
  double left, right;  /* f' just left and right of 0 */
  double conv;         /* f'(0) by the convention */
  int jump;            /* 1: f has a kink at 0 */
  /* the same for each run (index 0: the fields above) */
  double conv_k[RS_SCENE_MAX_VARIANTS], left_k[RS_SCENE_MAX_VARIANTS];
  double right_k[RS_SCENE_MAX_VARIANTS];
  int jump_k[RS_SCENE_MAX_VARIANTS];
} act_layout;

/* The activation at point c->at; 0 when there is none to show. */
static int
act_shown_of (const rs_panel_ctx *c, act_shown *a)
{
  rs_sim_training tr;
  sweep w;

  if (c == NULL || c->sim == NULL || sweep_begin (&w, c) != RS_OK)
    return 0;
  a->t = rs_net_get_spec (w.net)->act[0];
  a->par = rs_net_get_spec (w.net)->param[0];
  a->kink = rs_net_get_spec (w.net)->kink;
  sweep_end (&w);
  if (rs_sim_training_at (c->sim, pane_at (c), &tr) == RS_OK)
    a->kink = tr.kink;
  return a->t != NULL;
}

/* Every run's activation at the step c shows, each run's colour and
 * name; 0 when the first has none to show. */
static int
act_runs_of (const rs_panel_ctx *c, act_runs *R)
{
  memset (R, 0, sizeof *R);
  R->same = 1;
  for (size_t k = 0; k < pane_runs (c); k++)
    {
      rs_panel_ctx ck;
      if (pane_run_ctx (c, k, &ck) != RS_OK || !act_shown_of (&ck, &R->s[k]))
        break;
      R->col[k] = c->runs != NULL ? rs_runs_colour (pane_theme_of (c), k)
                                  : pane_theme_of (c)->event;
      R->name[k] = c->runs != NULL ? c->runs->name[k] : NULL;
      R->same = R->same && R->s[k].t == R->s[0].t
                && R->s[k].par == R->s[0].par;
      R->n = k + 1;
    }
  return R->n > 0;
}

int
rs_panel_activation_of (const rs_panel_ctx *c, const rs_act_type **t,
                        double *param)
{
  act_shown a;

  if (!act_shown_of (c, &a))
    return RS_EINVAL;
  *t = a.t;
  *param = a.par;
  return RS_OK;
}

/* The range [lo, hi] of 0, 1 and every finite value of v[0 .. n). */
static void
act_range (const double *v, size_t n, double *lo, double *hi)
{
  *lo = 0.0;
  *hi = 1.0;
  for (size_t i = 0; i < n; i++)
    if (isfinite (v[i]))
      *lo = fmin (*lo, v[i]), *hi = fmax (*hi, v[i]);
}

/* The height of the band of words over the curve of f', at scale 1. */
#define ACT_BAND 46.0

/* a's y window over [lo, hi] with a margin of frac of its span below
 * and, above, room for a band of band pixels (at most half the box)
 * over hi. */
static void
act_window (axes *a, double lo, double hi, double frac, double band)
{
  double beta = fmin (band / a->box.height, 0.5);

  a->y0 = lo - frac * (hi - lo);
  a->y1 = hi + frac * (hi - lo);
  if (beta > 0.0)
    a->y1 = (hi - beta * a->y0) / (1.0 - beta);
}

/* The height of the strip under f(0) that holds the fan's caption, at
 * scale 1. */
#define ACT_FLOOR 16.0

/* Lower the bottom of a's y window so that v lies band pixels (at most
 * 30 % of the box) above it. */
static void
act_floor (axes *a, double v, double band)
{
  double beta = fmin (band / a->box.height, 0.3);

  a->y0 = fmin (a->y0, (v - beta * a->y1) / (1.0 - beta));
}

/* The largest of 1, 2, 5 times a power of ten not above m. */
static double
act_nice_floor (double m)
{
  double e = pow (10.0, floor (log10 (m)));

  return m >= 5 * e ? 5 * e : m >= 2 * e ? 2 * e : e;
}

/* The inset on f's plot (C8): when f's negative half, over the inset's
 * z range, moves less than 5 % of the plot's height but not 0, a box in
 * the plot's top left shows f at the same x scale with y magnified by
 * mag, a 1-2-5 number that makes the drop fill about 60 % of the box.
 * Returns 0 when there is no inset. */
static int
act_inset (const axes *f, double k, const act_shown *a, axes *in,
           double *mag)
{
  double sx = f->box.width / (f->x1 - f->x0);
  double sy = f->box.height / (f->y1 - f->y0);
  double w = fmax (0.5 * f->box.width, fmin (0.62 * f->box.width, 60 * k));
  double h = 0.44 * f->box.height;
  double f0 = rs_act_value (a->t, 0.0, a->par), drop = 0.0, span, far;

  in->box = (rs_rect) { f->box.x + 8 * k, f->box.y + 8 * k, w, h };
  in->x1 = 0.12 * w / sx;
  in->x0 = in->x1 - w / sx;
  for (int i = 0; i <= 60; i++)
    drop = fmax (drop, fabs (rs_act_value (a->t, in->x0 * i / 60.0, a->par)
                             - f0));
  if (!(drop > 0.0 && isfinite (drop)) || drop * sy > 0.05 * f->box.height
      || w < 30 * k || h < 24 * k)
    return 0;
  *mag = act_nice_floor (0.6 * h / (drop * sy));
  if (*mag < 2.0)
    return 0;
  span = h / (*mag * sy);
  far = rs_act_value (a->t, in->x0, a->par);
  in->y1 = f0 + (far < f0 ? 0.2 : 0.8) * span;
  in->y0 = in->y1 - span;
  return 1;
}

/* Every run's f and f' (the subdifferential's low end) at the z of the
 * grid (ACT_Z), run after run, into f and df. */
static void
act_samples (const act_runs *R, double *f, double *df)
{
  for (size_t q = 0; q < R->n; q++)
    for (size_t i = 0; i < ACT_GRID; i++)
      {
        const act_shown *e = &R->s[q];
        f[q * ACT_GRID + i] = rs_act_value (e->t, ACT_Z (i), e->par);
        df[q * ACT_GRID + i] = rs_act_subdiff (e->t, ACT_Z (i), e->par).lo;
      }
}

/* Each run's kink at 0 into L: whether f' jumps there, its one-sided
 * limits and the convention's value (C3).  Returns 1 when any run's
 * jumps. */
static int
act_kinks (const act_runs *R, act_layout *L)
{
  int any_jump = 0;

  for (size_t q = 0; q < R->n; q++)
    {
      const act_shown *e = &R->s[q];
      rs_interval d = rs_act_subdiff (e->t, 0.0, e->par);
      L->jump_k[q] = rs_act_is_kink (e->t, 0.0, e->par);
      L->left_k[q] = rs_act_subdiff (e->t, -ACT_EPS, e->par).lo;
      L->right_k[q] = rs_act_subdiff (e->t, ACT_EPS, e->par).lo;
      L->conv_k[q] = L->jump_k[q]
                     ? rs_interval_lerp (d, fmin (fmax (e->kink, 0.0), 1.0))
                     : d.lo;
      any_jump |= L->jump_k[q];
    }
  return any_jump;
}

/* The boxes of f's plot (b1) and f''s (b2) in plot, gap apart: side by
 * side when it is wider than tall, one above the other otherwise. */
static void
act_boxes (const rs_rect *plot, double gap, rs_rect *b1, rs_rect *b2)
{
  *b1 = *b2 = *plot;
  if (plot->width >= plot->height)
    {
      b1->width = b2->width = (plot->width - gap) / 2;
      b2->x = plot->x + b1->width + gap;
    }
  else
    {
      b1->height = b2->height = (plot->height - gap) / 2;
      b2->y = plot->y + b1->height + gap;
    }
}

/* The layout of the two plots in the plot area of p: side by side when
 * it is wider than tall, one above the other otherwise; each window
 * fitted to every run's curve. */
static void
act_layout_make (const rs_rect *plot, double k, const act_runs *R,
                 act_layout *L)
{
  double f[RS_SCENE_MAX_VARIANTS * ACT_GRID];
  double df[RS_SCENE_MAX_VARIANTS * ACT_GRID];
  double lo, hi, band;
  rs_rect b1, b2;
  const act_shown *a = &R->s[0];
  size_t m = R->n * ACT_GRID;
  int any_jump;

  act_samples (R, f, df);
  any_jump = act_kinks (R, L);
  act_boxes (plot, 48 * k, &b1, &b2);
  L->f = (axes) { b1, -3.0, 3.0, 0.0, 1.0 };
  L->df = (axes) { b2, -3.0, 3.0, 0.0, 1.0 };
  L->jump = L->jump_k[0];
  act_range (f, m, &lo, &hi);
  act_window (&L->f, lo, hi, 0.08, 0.0);
  if (L->jump)
    act_floor (&L->f, rs_act_value (a->t, 0.0, a->par), ACT_FLOOR * k);
  act_range (df, m, &lo, &hi);
  /* the band: the subdifferential, a convention line per run, the
   * one-sided limits (three lines for one run) */
  band = R->n > 1 ? ACT_BAND + 14.0 * (double) (R->n - 1) : ACT_BAND;
  L->names_at_dots = R->n > 1 && band * k > 0.4 * L->df.box.height;
  if (L->names_at_dots)
    band = ACT_BAND;
  act_window (&L->df, lo, hi, 0.14, any_jump ? band * k : 0.0);
  L->left = L->left_k[0];
  L->right = L->right_k[0];
  L->conv = L->conv_k[0];
  L->has_inset = R->same && act_inset (&L->f, k, a, &L->inset, &L->mag);
}

int
rs_panel_activation_geometry (rs_rect r, const rs_panel_ctx *c,
                              rs_act_geometry *g)
{
  double k = pane_scale (r, c);
  rs_rect plot = pane_plot (r, k, act_margins);
  act_runs a;
  act_layout L;

  memset (g, 0, sizeof *g);
  if (!pane_rect_ok (r) || !act_runs_of (c, &a))
    return RS_EINVAL;
  act_layout_make (&plot, k, &a, &L);
  g->f_box = L.f.box;
  g->df_box = L.df.box;
  g->f_win[0] = L.f.x0, g->f_win[1] = L.f.x1;
  g->f_win[2] = L.f.y0, g->f_win[3] = L.f.y1;
  g->df_win[0] = L.df.x0, g->df_win[1] = L.df.x1;
  g->df_win[2] = L.df.y0, g->df_win[3] = L.df.y1;
  g->jump = L.jump;
  g->dot_x = axes_x (&L.df, 0.0);
  g->dot_y = axes_y (&L.df, L.conv);
  for (int side = 0; L.jump && side < 2; side++)
    {
      double v = side == 0 ? L.left : L.right;
      if (fabs (v - L.conv) < 1e-12)
        continue;
      g->open_x[g->n_open] = axes_x (&L.df, 0.0);
      g->open_y[g->n_open++] = axes_y (&L.df, v);
    }
  g->has_inset = L.has_inset;
  g->magnification = L.has_inset ? L.mag : 1.0;
  g->inset_box = L.inset.box;
  g->inset_win[0] = L.inset.x0, g->inset_win[1] = L.inset.x1;
  g->inset_win[2] = L.inset.y0, g->inset_win[3] = L.inset.y1;
  return RS_OK;
}

int
rs_panel_activation_dot (rs_rect r, const rs_panel_ctx *c, size_t k,
                         double *x, double *y, double *value)
{
  double sc = pane_scale (r, c);
  rs_rect plot = pane_plot (r, sc, act_margins);
  act_runs a;
  act_layout L;

  if (!pane_rect_ok (r) || !act_runs_of (c, &a) || k >= a.n)
    return RS_EINVAL;
  act_layout_make (&plot, sc, &a, &L);
  *value = L.conv_k[k];
  *x = axes_x (&L.df, 0.0);
  *y = axes_y (&L.df, L.conv_k[k]);
  return RS_OK;
}

/* A plot's box filled, its ticks and grid, and the clip to it (inside a
 * cairo_save that the caller restores before act_axes_end). */
static void
act_axes_begin (pane *p, const axes *a)
{
  axes_fill (p, a);
  axes_x_ticks (p, a, 1);
  axes_y_ticks (p, a, a->box.height / (42 * p->k));
  cairo_save (p->cr);
  axes_clip (p, a);
}

/* A plot's frame and its axis titles, z and ytitle. */
static void
act_axes_end (pane *p, const axes *a, const char *ytitle)
{
  axes_frame (p, a);
  axes_x_title (p, a, "<i>z</i>");
  axes_y_title (p, a, ytitle, a->box.x - 38 * p->k);
}

/* ---- f -------------------------------------------------------------- */

/* f's graph over the box of a, in the accent colour. */
static void
act_curve (pane *p, const axes *a, const act_shown *s, double width,
           rs_rgb col)
{
  int n = 240;

  cairo_new_path (p->cr);
  for (int i = 0; i <= n; i++)
    {
      double z = a->x0 + (a->x1 - a->x0) * i / n;
      double v = rs_act_value (s->t, z, s->par);
      cairo_line_to (p->cr, axes_x (a, z), axes_y (a, isfinite (v) ? v : a->y1));
    }
  cairo_set_line_width (p->cr, width * p->k);
  cairo_set_line_join (p->cr, CAIRO_LINE_JOIN_ROUND);
  rs_theme_set (p->cr, col);
  cairo_stroke (p->cr);
}

/* The fan of supporting lines at 0 (C3), the convention's bold, and a
 * caption saying what they are. */
static void
act_fan (pane *p, const axes *a, const act_runs *R)
{
  const act_shown *s = &R->s[0];
  double slopes[FAN_LINES], bold, room;
  double f0 = rs_act_value (s->t, 0.0, s->par);
  rs_interval d = rs_act_subdiff (s->t, 0.0, s->par);
  char buf[128];

  if (rs_panel_kink_fan (s->t, s->par, s->kink, slopes, FAN_LINES, &bold)
      == 0)
    return;
  cairo_set_line_width (p->cr, 1.0 * p->k);
  rs_theme_set_alpha (p->cr, p->t->muted, 0.8);
  for (size_t i = 0; i < FAN_LINES; i++)
    {
      cairo_move_to (p->cr, axes_x (a, -1.6), axes_y (a, f0 - 1.6 * slopes[i]));
      cairo_line_to (p->cr, axes_x (a, 1.6), axes_y (a, f0 + 1.6 * slopes[i]));
    }
  cairo_stroke (p->cr);
  /* the convention's line, each run's in its colour */
  for (size_t q = 0; q < R->n; q++)
    {
      rs_panel_kink_fan (s->t, s->par, R->s[q].kink, slopes, 1, &bold);
      cairo_set_line_width (p->cr, (R->n > 1 ? 3.2 - 0.6 * (double) q : 2.6)
                                   * p->k);
      rs_theme_set (p->cr, R->col[q]);
      cairo_move_to (p->cr, axes_x (a, -1.6), axes_y (a, f0 - 1.6 * bold));
      cairo_line_to (p->cr, axes_x (a, 1.6), axes_y (a, f0 + 1.6 * bold));
      cairo_stroke (p->cr);
    }
  /* the caption, in the strip under f(0) right of the kink, where no
   * line of the fan passes */
  snprintf (buf, sizeof buf, "supporting lines at 0, slopes %g … %g",
            d.lo, d.hi);
  room = a->box.x + a->box.width - axes_x (a, 0.0) - 10 * p->k;
  if (pane_text_width (p, buf, 9, 0) > room)
    snprintf (buf, sizeof buf, "slopes %g … %g", d.lo, d.hi);
  if (pane_text_width (p, buf, 9, 0) <= room)
    pane_text (p, p->t->muted, a->box.x + a->box.width - 4 * p->k,
               a->box.y + a->box.height - 2 * p->k, buf, 9, 0, 1, 1, 0);
}

/* One line of markup at (x, y) in width w: full at size when it fits,
 * else brief, at size or, failing that, a little smaller; nothing when
 * even that does not fit. */
static void
act_line (pane *p, rs_rgb col, double x, double y, const char *full,
          const char *brief, double size, int bold, double w)
{
  double wb;

  if (pane_text_width (p, full, size, bold) <= w)
    {
      pane_text (p, col, x, y, full, size, bold, 0, 0, 0);
      return;
    }
  wb = pane_text_width (p, brief, size, bold);
  if (wb * 0.8 > w)
    return;
  pane_text (p, col, x, y, brief, wb <= w ? size : 0.8 * size, bold, 0, 0,
             0);
}

/* The inset (C8): f's negative half with y magnified by L->mag, its zero
 * line, the value at z = -2 written out, and the factor. */
static void
act_inset_draw (pane *p, const act_layout *L, const act_shown *s)
{
  const axes *in = &L->inset;
  double zv = in->x0 < -2.2 ? -2.0 : -1.0;
  double v = rs_act_value (s->t, zv, s->par);
  char buf[96], zs[32], vs[32];

  axes_fill (p, in);
  cairo_save (p->cr);
  axes_clip (p, in);
  cairo_set_line_width (p->cr, 0.8 * p->k);
  rs_theme_set (p->cr, p->t->muted);
  cairo_move_to (p->cr, in->box.x, axes_y (in, 0.0));
  cairo_line_to (p->cr, in->box.x + in->box.width, axes_y (in, 0.0));
  cairo_move_to (p->cr, axes_x (in, 0.0), in->box.y);
  cairo_line_to (p->cr, axes_x (in, 0.0), in->box.y + in->box.height);
  cairo_stroke (p->cr);
  act_curve (p, in, s, 1.8, p->t->accent);
  if (in->x0 < zv - 0.2)
    {
      cairo_new_sub_path (p->cr);
      cairo_arc (p->cr, axes_x (in, zv), axes_y (in, v), 2.5 * p->k, 0,
                 2 * M_PI);
      rs_theme_set (p->cr, p->t->fg);
      cairo_fill (p->cr);
      axes_tick_label (zv, zs, sizeof zs);
      axes_tick_label (v, vs, sizeof vs);
      snprintf (buf, sizeof buf, "f(%s) = %s", zs, vs);
      act_line (p, p->t->fg, axes_x (in, zv) + 4 * p->k,
                axes_y (in, v) + (v < 0 ? 3 : -12) * p->k, buf, vs, 9, 0,
                in->box.x + in->box.width - axes_x (in, zv) - 6 * p->k);
    }
  snprintf (buf, sizeof buf, "zoom: <i>y</i> × %g", L->mag);
  snprintf (vs, sizeof vs, "<i>y</i> × %g", L->mag);
  act_line (p, p->t->fg, in->box.x + 3 * p->k, in->box.y + in->box.height
            - 15 * p->k, buf, vs, 9.5, 1, axes_x (in, 0.0) - in->box.x
            - 6 * p->k);
  cairo_restore (p->cr);
  axes_frame (p, in);
}

/* The plot of f: frame, ticks, fan, curve and the inset. */
static void
act_f_plot (pane *p, const act_layout *L, const act_runs *R)
{
  const axes *a = &L->f;

  act_axes_begin (p, a);
  if (R->same && R->name[0] != NULL)
    {
      /* the runs' colours are their conventions': f in the text's */
      act_curve (p, a, &R->s[0], 2.4, p->t->fg);
      act_fan (p, a, R);
    }
  else if (R->same)
    {
      act_fan (p, a, R);
      act_curve (p, a, &R->s[0], 2.4, p->t->accent);
    }
  else
    for (size_t q = 0; q < R->n; q++)
      act_curve (p, a, &R->s[q], 3.0 - 0.5 * (double) q, R->col[q]);
  cairo_restore (p->cr);
  if (L->has_inset)
    act_inset_draw (p, L, &R->s[0]);
  act_axes_end (p, a, "<i>f</i>(<i>z</i>)");
}

/* ---- f' ------------------------------------------------------------- */

/* f' over [x0, x1) or (x0, x1], whichever side of 0, as one piece. */
static void
act_piece (pane *p, const axes *a, const act_shown *s, double x0, double x1,
           rs_rgb col)
{
  int n = 120;

  cairo_new_path (p->cr);
  for (int i = 0; i <= n; i++)
    {
      double z = x0 + (x1 - x0) * i / n;
      double v = rs_act_subdiff (s->t, z, s->par).lo;
      if (isfinite (v))
        cairo_line_to (p->cr, axes_x (a, z), axes_y (a, v));
    }
  cairo_set_line_width (p->cr, 2.2 * p->k);
  rs_theme_set (p->cr, col);
  cairo_stroke (p->cr);
}

/* A circle at (x, y) of radius rad (at scale 1): filled in col, or
 * open (the panel's colour inside, a ring of col). */
static void
act_circle_r (pane *p, double x, double y, rs_rgb col, int filled,
              double rad)
{
  cairo_new_sub_path (p->cr);
  cairo_arc (p->cr, x, y, rad * p->k, 0, 2 * M_PI);
  rs_theme_set (p->cr, filled ? col : p->t->panel);
  cairo_fill_preserve (p->cr);
  cairo_set_line_width (p->cr, 1.6 * p->k);
  rs_theme_set (p->cr, filled ? p->t->fg : col);
  cairo_stroke (p->cr);
}

/* A circle at (x, y): filled in col, or open (the panel's colour inside,
 * a ring of col). */
static void
act_circle (pane *p, double x, double y, rs_rgb col, int filled)
{
  act_circle_r (p, x, y, col, filled, 4.2);
}

/* Whether value v at 0 is some run's convention: run q's, or, when the
 * runs share f, any run's (its dot is there, not an open circle). */
static int
act_taken (const act_layout *L, const act_runs *R, size_t q, double v)
{
  for (size_t o = 0; o < R->n; o++)
    if ((o == q || R->same) && fabs (L->conv_k[o] - v) < 1e-12)
      return 1;
  return 0;
}

/* Whether the jumps drawn have an open circle somewhere. */
static int
act_any_open (const act_layout *L, const act_runs *R)
{
  for (size_t q = 0; q < (R->same ? 1 : R->n); q++)
    if (L->jump_k[q] && (!act_taken (L, R, q, L->left_k[q])
                         || !act_taken (L, R, q, L->right_k[q])))
      return 1;
  return 0;
}

/* The jump at 0 (C3) of run q: the subdifferential as a dashed
 * segment, the one-sided limits as open circles in col. */
static void
act_jump_of (pane *p, const act_layout *L, const act_runs *R, size_t q,
             rs_rgb col)
{
  const axes *a = &L->df;
  double x = axes_x (a, 0.0), dash = 3.0 * p->k;

  cairo_set_dash (p->cr, &dash, 1, 0);
  cairo_set_line_width (p->cr, 1.4 * p->k);
  rs_theme_set (p->cr, p->t->muted);
  cairo_move_to (p->cr, x, axes_y (a, L->left_k[q]));
  cairo_line_to (p->cr, x, axes_y (a, L->right_k[q]));
  cairo_stroke (p->cr);
  cairo_set_dash (p->cr, NULL, 0, 0);
  if (!act_taken (L, R, q, L->left_k[q]))
    act_circle (p, x, axes_y (a, L->left_k[q]), col, 0);
  if (!act_taken (L, R, q, L->right_k[q]))
    act_circle (p, x, axes_y (a, L->right_k[q]), col, 0);
}

/* Run q's name beside its dot, in its colour on a box that reads over
 * the curves: left of it, or right when only that side has room; left
 * out where neither has (the header's legend names the colours) or
 * where an earlier run's dot is too close above or below. */
static void
act_dot_name (pane *p, const act_layout *L, const act_runs *R, size_t q)
{
  const axes *a = &L->df;
  double x = axes_x (a, 0.0), y = axes_y (a, L->conv_k[q]);
  double gap = 8 * p->k, w;
  char *esc;

  for (size_t o = 0; o < q; o++)
    if (fabs (axes_y (a, L->conv_k[o]) - y) < 11 * p->k)
      return;
  esc = g_markup_escape_text (R->name[q], -1);
  w = pane_text_width (p, esc, 9, 1) + 4 * p->k;
  if (x - gap - w >= a->box.x)
    pane_label_boxed (p, R->col[q], x - gap, y, esc, 9, 1, 1, 0.5);
  else if (x + gap + w <= a->box.x + a->box.width)
    pane_label_boxed (p, R->col[q], x + gap, y, esc, 9, 1, 0, 0.5);
  g_free (esc);
}

/* The jumps at 0 (C3), once when the runs share f, and each run's
 * convention as a filled dot in its colour; a dot on the same value as
 * later runs' is drawn larger, as a ring around theirs. */
static void
act_jump (pane *p, const act_layout *L, const act_runs *R)
{
  double x = axes_x (&L->df, 0.0);

  for (size_t q = 0; q < (R->same ? 1 : R->n); q++)
    if (L->jump_k[q])
      act_jump_of (p, L, R, q, R->same ? p->t->second : R->col[q]);
  for (size_t q = 0; q < R->n; q++)
    {
      size_t later = 0;
      for (size_t o = q + 1; o < R->n; o++)
        later += fabs (L->conv_k[o] - L->conv_k[q]) < 1e-12;
      act_circle_r (p, x, axes_y (&L->df, L->conv_k[q]), R->col[q], 1,
                    4.2 + 2.6 * (double) later);
    }
  for (size_t q = 0; L->names_at_dots && q < R->n; q++)
    act_dot_name (p, L, R, q);
}

/* A piece's value as a label over it (above) or under it, centred at
 * z but kept inside the plot. */
static void
act_piece_label (pane *p, const axes *a, double z, double v,
                 const char *markup, int above)
{
  double w = pane_text_width (p, markup, 10.5, 1), m = w / 2 + 4 * p->k;
  double x = fmin (fmax (axes_x (a, z), a->box.x + m),
                   a->box.x + a->box.width - m);

  pane_label_boxed (p, p->t->second, x, axes_y (a, v)
                    + (above ? -4 : 4) * p->k, markup, 10.5, 1, 0.5,
                    above ? 1 : 0);
}

/* The convention lines of the band, from (x, y), lh apart: one run's
 * "● convention", or a line per run in its colour with its name (and,
 * when the runs' activations differ, its subdifferential). */
static void
act_conv_lines (pane *p, const act_layout *L, const act_runs *R, double x,
                double y, double lh, double w)
{
  char full[200], brief[160];

  if (R->name[0] == NULL)
    {
      snprintf (full, sizeof full, "● convention: f′(0) = %g", L->conv);
      snprintf (brief, sizeof brief, "● f′(0) = %g", L->conv);
      act_line (p, R->col[0], x, y, full, brief, 10, 1, w);
      return;
    }
  if (L->names_at_dots)
    {
      act_line (p, p->t->fg, x, y, "● f′(0): each run's, named beside it",
                "● each run's f′(0)", 10, 1, w);
      return;
    }
  for (size_t q = 0; q < R->n; q++)
    {
      rs_interval d = rs_act_subdiff (R->s[q].t, 0.0, R->s[q].par);
      char *esc = g_markup_escape_text (R->name[q], -1);

      if (R->same)
        snprintf (full, sizeof full, "● %s: f′(0) = %g", esc, L->conv_k[q]);
      else
        snprintf (full, sizeof full, "● %s: f′(0) = %g of [%g, %g]", esc,
                  L->conv_k[q], d.lo, d.hi);
      snprintf (brief, sizeof brief, "● %s: %g", esc, L->conv_k[q]);
      g_free (esc);
      act_line (p, R->col[q], x, y + (double) q * lh, full, brief, 10, 1, w);
    }
}

/* The words of the jump, in the band over the curves: the
 * subdifferential (when the runs share it), each convention, what an
 * open circle means; and, for one piecewise linear f, the value of each
 * piece beside it. */
static void
act_jump_labels (pane *p, const act_layout *L, const act_runs *R)
{
  const act_shown *s = &R->s[0];
  const axes *a = &L->df;
  rs_interval d = rs_act_subdiff (s->t, 0.0, s->par);
  double x = a->box.x + 5 * p->k, y = a->box.y + 4 * p->k, lh = 14 * p->k;
  double w = a->box.width - 10 * p->k;
  size_t lines = R->name[0] != NULL && !L->names_at_dots ? R->n : 1;
  char full[128], brief[96];

  if (R->same)
    {
      snprintf (full, sizeof full, "∂f(0) = [%g, %g], the dashed segment",
                d.lo, d.hi);
      snprintf (brief, sizeof brief, "∂f(0) = [%g, %g]", d.lo, d.hi);
      act_line (p, p->t->fg, x, y, full, brief, 10, 0, w);
      y += lh;
    }
  act_conv_lines (p, L, R, x, y, lh, w);
  if (act_any_open (L, R))
    act_line (p, p->t->muted, x, y + (double) lines * lh,
              "○ one-sided limit, not taken at 0", "○ not taken", 9.5, 0,
              w);
  if (!R->same
      || rs_act_subdiff (s->t, -1.0, s->par).lo
         != rs_act_subdiff (s->t, -2.5, s->par).lo
      || rs_act_subdiff (s->t, 1.0, s->par).lo
         != rs_act_subdiff (s->t, 2.5, s->par).lo)
    return;
  snprintf (full, sizeof full, "f′ = %g", L->left);
  act_piece_label (p, a, -1.6, L->left, full, 1);
  snprintf (full, sizeof full, "f′ = %g", L->right);
  act_piece_label (p, a, 1.6, L->right, full, 0);
}

/* The plot of f': its two pieces apart at a kink, else one curve; once
 * when the runs share f, else each run's in its colour; the dots. */
static void
act_df_plot (pane *p, const act_layout *L, const act_runs *R)
{
  const axes *a = &L->df;
  int any_jump = 0;

  act_axes_begin (p, a);
  for (size_t q = 0; q < (R->same ? 1 : R->n); q++)
    {
      rs_rgb col = R->same ? p->t->second : R->col[q];
      if (L->jump_k[q])
        {
          act_piece (p, a, &R->s[q], a->x0, -ACT_EPS, col);
          act_piece (p, a, &R->s[q], ACT_EPS, a->x1, col);
          any_jump = 1;
        }
      else
        act_piece (p, a, &R->s[q], a->x0, a->x1, col);
    }
  if (any_jump)
    {
      act_jump (p, L, R);
      act_jump_labels (p, L, R);
    }
  cairo_restore (p->cr);
  act_axes_end (p, a, "<i>f</i>′(<i>z</i>)");
}

/* The activation as the title names it. */
static void
act_title (const rs_act_type *t, double par, char *buf, size_t n)
{
  if (t == rs_act_relu)
    snprintf (buf, n, "ReLU");
  else if (t == rs_act_leaky_relu)
    snprintf (buf, n, "Leaky ReLU, α = %g", par);
  else if (t->param_name != NULL)
    snprintf (buf, n, "%s, %s = %g", t->name,
              strcmp (t->param_name, "alpha") == 0 ? "α" : t->param_name,
              par);
  else
    snprintf (buf, n, "%s", t->name);
}

/* The panel's title and the note of its colours. */
static void
act_header (const rs_panel_ctx *c, const act_runs *R, char *title,
            size_t nt, char *note, size_t nn)
{
  char acc[8], sec[8];

  pane_hex (pane_theme_of (c)->accent, acc);
  pane_hex (pane_theme_of (c)->second, sec);
  if (!R->same)
    {
      snprintf (title, nt, "Activations of the runs");
      snprintf (note, nn, "f(z) and f′(z) in each run's colour");
      return;
    }
  act_title (R->s[0].t, R->s[0].par, title, nt);
  if (R->n > 1)
    pane_hex (pane_theme_of (c)->fg, acc);
  snprintf (note, nn, "<span foreground=\"%s\">f(z)</span>  "
            "<span foreground=\"%s\">f′(z)</span>%s", acc, sec,
            R->n > 1 ? "  ● f′(0): each run's" : "");
}

void
rs_panel_activation (cairo_t *cr, rs_rect r, const rs_panel_ctx *c)
{
  char title[96] = "Activation", note[320] = "", brief[200] = "";
  char moment[128];
  act_runs R;
  act_layout L;
  int ok = act_runs_of (c, &R);
  pane p;

  if (ok)
    {
      act_header (c, &R, title, sizeof title, brief, sizeof brief);
      /* mid-change: which moment f is drawn at (the landscape's) */
      if (rs_panel_moment_note (c, 1, moment, sizeof moment)
          && c->moment->change == RS_EVENT_ACT)
        snprintf (note, sizeof note, "%s · %s", moment, brief);
      else
        snprintf (note, sizeof note, "%s", brief);
    }
  if (pane_begin (&p, cr, r, c, act_margins, title, note, brief) && ok)
    {
      act_layout_make (&p.plot, p.k, &R, &L);
      if (L.f.box.width > 8.0 && L.f.box.height > 8.0)
        {
          act_f_plot (&p, &L, &R);
          act_df_plot (&p, &L, &R);
        }
    }
  pane_end (&p);
}
