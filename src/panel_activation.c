/* panel_activation.c: the activation panel: f, f' and the subdifferential fan at the kink (C2, C3, C8). */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pane.h"

/* The fan's lines at the kink (C3). */
#define FAN_LINES 7

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

/* f and f' of t on a grid over [-3, 3] (z = 0 exactly at the middle),
 * into f, df; f' at a kink is its subdifferential's lower end here. */
#define ACT_GRID 301

static void
act_samples (const rs_act_type *t, double par, double *f, double *df)
{
  for (size_t i = 0; i < ACT_GRID; i++)
    {
      double z = ((double) i - (ACT_GRID - 1) / 2) / 50.0;
      f[i] = rs_act_value (t, z, par);
      df[i] = rs_act_subdiff (t, z, par).lo;
    }
}

/* The y window: every finite f and f' on the grid and 0, with a margin. */
static void
act_window (const double *f, const double *df, double *y0, double *y1)
{
  double lo = 0.0, hi = 1.0;

  for (size_t i = 0; i < ACT_GRID; i++)
    {
      if (isfinite (f[i]))
        lo = fmin (lo, f[i]), hi = fmax (hi, f[i]);
      if (isfinite (df[i]))
        lo = fmin (lo, df[i]), hi = fmax (hi, df[i]);
    }
  *y0 = lo - 0.08 * (hi - lo);
  *y1 = hi + 0.08 * (hi - lo);
}

/* The derivative's graph: where f has a kink, a vertical step from the
 * slope on its left to the slope on its right, covering the whole
 * subdifferential (C3). */
static void
act_deriv_path (pane *p, const axes *a, const rs_act_type *t, double par)
{
  const double eps = 1e-9;

  cairo_new_path (p->cr);
  for (size_t i = 0; i < ACT_GRID; i++)
    {
      double z = ((double) i - (ACT_GRID - 1) / 2) / 50.0;
      if (rs_act_is_kink (t, z, par))
        {
          cairo_line_to (p->cr, axes_x (a, z),
                         axes_y (a, rs_act_subdiff (t, z - eps, par).lo));
          cairo_line_to (p->cr, axes_x (a, z),
                         axes_y (a, rs_act_subdiff (t, z + eps, par).lo));
        }
      else
        cairo_line_to (p->cr, axes_x (a, z),
                       axes_y (a, rs_act_subdiff (t, z, par).lo));
    }
}

/* The fan of supporting lines at 0 (C3), the convention's bold, and
 * what they are. */
static void
act_fan (pane *p, const axes *a, const rs_act_type *t, double par,
         double kink)
{
  double slopes[FAN_LINES], bold, f0 = rs_act_value (t, 0.0, par);
  rs_interval d = rs_act_subdiff (t, 0.0, par);
  char buf[128];

  if (rs_panel_kink_fan (t, par, kink, slopes, FAN_LINES, &bold) == 0)
    return;
  cairo_set_line_width (p->cr, 1.0 * p->k);
  rs_theme_set_alpha (p->cr, p->t->muted, 0.8);
  for (size_t i = 0; i < FAN_LINES; i++)
    {
      cairo_move_to (p->cr, axes_x (a, -1.6), axes_y (a, f0 - 1.6 * slopes[i]));
      cairo_line_to (p->cr, axes_x (a, 1.6), axes_y (a, f0 + 1.6 * slopes[i]));
    }
  cairo_stroke (p->cr);
  cairo_set_line_width (p->cr, 2.6 * p->k);
  rs_theme_set (p->cr, p->t->event);
  cairo_move_to (p->cr, axes_x (a, -1.6), axes_y (a, f0 - 1.6 * bold));
  cairo_line_to (p->cr, axes_x (a, 1.6), axes_y (a, f0 + 1.6 * bold));
  cairo_stroke (p->cr);
  snprintf (buf, sizeof buf, "∂f(0) = [%g, %g]", d.lo, d.hi);
  pane_label_boxed (p, p->t->fg, a->box.x + 6 * p->k, a->box.y + 5 * p->k, buf,
               11, 0, 0, 0);
  snprintf (buf, sizeof buf, "convention: f′(0) = %g", bold);
  pane_label_boxed (p, p->t->event, a->box.x + 6 * p->k, a->box.y + 21 * p->k,
               buf, 11, 1, 0, 0);
}

/* The convention's value of f'(0) as a dot on the derivative's step. */
static void
act_convention_dot (pane *p, const axes *a, const rs_act_type *t,
                    double par, double kink)
{
  double slope;

  if (!rs_act_is_kink (t, 0.0, par))
    return;
  rs_panel_kink_fan (t, par, kink, NULL, 0, &slope);
  cairo_new_sub_path (p->cr);
  cairo_arc (p->cr, axes_x (a, 0.0), axes_y (a, slope), 4.0 * p->k, 0, 2 * M_PI);
  rs_theme_set (p->cr, p->t->event);
  cairo_fill_preserve (p->cr);
  cairo_set_line_width (p->cr, 1.0 * p->k);
  rs_theme_set (p->cr, p->t->fg);
  cairo_stroke (p->cr);
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

/* The curves and the fan, in the box of p. */
static void
act_plot (pane *p, const rs_act_type *t, double par, double kink)
{
  double f[ACT_GRID], df[ACT_GRID];
  axes a = { p->plot, -3.0, 3.0, 0.0, 1.0 };

  act_samples (t, par, f, df);
  act_window (f, df, &a.y0, &a.y1);
  axes_fill (p, &a);
  axes_x_ticks (p, &a, 1);
  axes_y_ticks (p, &a, a.box.height / (50 * p->k));
  cairo_save (p->cr);
  axes_clip (p, &a);
  act_fan (p, &a, t, par, kink);
  act_deriv_path (p, &a, t, par);
  cairo_set_line_width (p->cr, 2.0 * p->k);
  cairo_set_line_join (p->cr, CAIRO_LINE_JOIN_ROUND);
  rs_theme_set (p->cr, p->t->second);
  cairo_stroke (p->cr);
  cairo_new_path (p->cr);
  for (size_t i = 0; i < ACT_GRID; i++)
    cairo_line_to (p->cr, axes_x (&a, ((double) i - (ACT_GRID - 1) / 2) / 50.0),
                   axes_y (&a, isfinite (f[i]) ? f[i] : a.y1));
  cairo_set_line_width (p->cr, 2.4 * p->k);
  rs_theme_set (p->cr, p->t->accent);
  cairo_stroke (p->cr);
  act_convention_dot (p, &a, t, par, kink);
  cairo_restore (p->cr);
  axes_frame (p, &a);
  axes_x_title (p, &a, "<i>z</i>");
}

void
rs_panel_activation (cairo_t *cr, rs_rect r, const rs_panel_ctx *c)
{
  char title[96] = "Activation", note[160] = "", acc[8], sec[8];
  const rs_act_type *t = NULL;
  double par = 0.0, kink = 0.0;
  sweep w;
  pane p;

  if (c != NULL && c->sim != NULL && sweep_begin (&w, c) == RS_OK)
    {
      const rs_net_spec *sp = rs_net_get_spec (w.net);
      t = sp->act[0];
      par = sp->param[0];
      kink = sp->kink;
      sweep_end (&w);
      act_title (t, par, title, sizeof title);
      pane_hex (pane_theme_of (c)->accent, acc);
      pane_hex (pane_theme_of (c)->second, sec);
      snprintf (note, sizeof note, "<span foreground=\"%s\">f(z)</span>  "
                "<span foreground=\"%s\">f′(z)</span>", acc, sec);
    }
  if (pane_begin (&p, cr, r, c, act_margins, title, note, NULL)
      && t != NULL)
    act_plot (&p, t, par, kink);
  pane_end (&p);
}

/* ---- histogram of pre-activations (C6) -------------------------------- */
