/* trace.c: the trace panel: chosen parameters, bias warming's shift
 * gamma or the learning rate over the steps of the run (C7: a dead unit's
 * bias melting under weight decay; C10: gamma's schedule and the bias it
 * carries back).  Each series is a line in its own colour of the theme,
 * with its name in a legend; events and kicks are faint vertical lines,
 * the step shown a solid one. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "panels.h"

int
rs_trace_value (const rs_sim *sim, const char *name, size_t i,
                double *value)
{
  const rs_sim_point *pt;
  size_t k;

  if (i >= rs_sim_n_recorded (sim))
    return RS_EINVAL;
  pt = rs_sim_recorded (sim, i);
  if (strcmp (name, "gamma") == 0)
    *value = pt->gamma;
  else if (strcmp (name, "rate") == 0)
    *value = pt->rate;
  else if (rs_net_param_lookup (rs_sim_net (sim), name, &k, NULL) == RS_OK)
    *value = rs_sim_theta (sim, i)[k];
  else
    return RS_EINVAL;
  return RS_OK;
}

rs_rect
rs_panel_trace_plot (rs_rect r, const rs_panel_ctx *c)
{
  rs_rect p = { r.x + 58 * c->s, r.y + 30 * c->s, r.width - 72 * c->s,
                r.height - 64 * c->s };

  p.width = fmax (p.width, 4.0);
  p.height = fmax (p.height, 4.0);
  return p;
}

/* The range of the series over the points 0 .. last, with a little room,
 * never empty. */
static void
series_range (const rs_panel_ctx *c, const rs_view *v, size_t last,
              double *lo, double *hi)
{
  double x;

  *lo = HUGE_VAL;
  *hi = -HUGE_VAL;
  for (size_t t = 0; t < v->n_traces; t++)
    for (size_t i = 0; i <= last; i++)
      if (rs_trace_value (c->sim, v->traces[t], i, &x) == RS_OK && isfinite (x))
        {
          *lo = fmin (*lo, x);
          *hi = fmax (*hi, x);
        }
  if (!(*lo <= *hi))
    *lo = 0.0, *hi = 1.0;
  if (*hi - *lo < 1e-12 * fmax (1.0, fabs (*hi)))
    *lo -= 0.5, *hi += 0.5;
  x = 0.06 * (*hi - *lo);
  *lo -= x;
  *hi += x;
}

int
rs_panel_trace_map (rs_rect r, const rs_panel_ctx *c, const rs_view *v,
                    double step, double value, double *x, double *y)
{
  size_t n = rs_sim_n_recorded (c->sim);
  double last = (double) rs_sim_recorded (c->sim, n - 1)->step, lo, hi;
  rs_rect p = rs_panel_trace_plot (r, c);

  if (v->n_traces == 0)
    return RS_EINVAL;
  last = fmax (last, (double) c->scene->sim.steps);
  series_range (c, v, n - 1, &lo, &hi);
  *x = p.x + step / fmax (last, 1.0) * p.width;
  *y = p.y + (hi - value) / (hi - lo) * p.height;
  return RS_OK;
}

/* The colours of the series, in order. */
static rs_rgb
series_colour (const rs_theme *th, size_t t)
{
  rs_rgb c[RS_VIEW_MAX_TRACES] = { th->accent, th->second, th->alive,
                                   th->event };

  return c[t % RS_VIEW_MAX_TRACES];
}

/* Ticks and numbers along the value axis, and the step axis. */
static void
trace_axes (cairo_t *cr, rs_rect r, const rs_panel_ctx *c, const rs_view *v,
            rs_rect p)
{
  const rs_theme *th = c->theme;
  size_t n = rs_sim_n_recorded (c->sim);
  double lo, hi, last, step, x, y, s = c->s;
  char buf[32];

  series_range (c, v, n - 1, &lo, &hi);
  last = fmax ((double) rs_sim_recorded (c->sim, n - 1)->step,
               (double) c->scene->sim.steps);
  rs_theme_set (cr, th->fg);
  cairo_set_line_width (cr, 1.0 * s);
  cairo_rectangle (cr, p.x, p.y, p.width, p.height);
  cairo_stroke (cr);
  step = rs_draw_nice_step (hi - lo, (int) fmax (2, fmin (5, p.height
                                                          / (30 * s))));
  for (double t = ceil (lo / step) * step; t <= hi; t += step)
    {
      rs_panel_trace_map (r, c, v, 0, t, &x, &y);
      cairo_move_to (cr, p.x - 4 * s, y);
      cairo_line_to (cr, p.x, y);
      cairo_stroke (cr);
      snprintf (buf, sizeof buf, "%g", fabs (t) < 1e-9 * step ? 0.0 : t);
      rs_text (cr, c->font, p.x - 6 * s, y, buf, 10 * s, 0, 1, 0.5, 0);
    }
  step = rs_draw_nice_step (last, (int) fmax (2, fmin (6, p.width
                                                       / (55 * s))));
  for (double t = 0; t <= last + 1e-9; t += step)
    {
      rs_panel_trace_map (r, c, v, t, lo, &x, &y);
      cairo_move_to (cr, x, p.y + p.height);
      cairo_line_to (cr, x, p.y + p.height + 4 * s);
      cairo_stroke (cr);
      snprintf (buf, sizeof buf, "%g", t);
      rs_text (cr, c->font, x, p.y + p.height + 5 * s, buf, 10 * s, 0, 0.5,
               0, 0);
    }
  rs_text (cr, c->font, p.x + p.width / 2, p.y + p.height + 18 * s, "step",
           11 * s, 0, 0.5, 0, 0);
}

/* The faint marks of events and kicks, and the step shown. */
static void
trace_marks (cairo_t *cr, rs_rect r, const rs_panel_ctx *c,
             const rs_view *v, rs_rect p)
{
  double x, y;

  cairo_set_line_width (cr, 1.0 * c->s);
  for (size_t i = 0; i < rs_sim_n_recorded (c->sim); i++)
    {
      const rs_sim_point *pt = rs_sim_recorded (c->sim, i);

      if (!(pt->events & ~(unsigned) RS_EVENT_START))
        continue;
      rs_panel_trace_map (r, c, v, (double) pt->step, 0, &x, &y);
      rs_theme_set_alpha (cr, c->theme->event, 0.45);
      cairo_move_to (cr, x, p.y);
      cairo_line_to (cr, x, p.y + p.height);
      cairo_stroke (cr);
    }
  rs_panel_trace_map (r, c, v, (double) rs_sim_recorded (c->sim, c->at)->step,
                      0, &x, &y);
  rs_theme_set (cr, c->theme->fg);
  cairo_move_to (cr, x, p.y);
  cairo_line_to (cr, x, p.y + p.height);
  cairo_stroke (cr);
}

void
rs_panel_trace (cairo_t *cr, rs_rect r, const rs_panel_ctx *c,
                const rs_view *v)
{
  const rs_theme *th = c->theme;
  rs_rect p = rs_panel_trace_plot (r, c);
  double s = c->s, lx = r.x + 8 * s, x, y, value;

  cairo_save (cr);
  cairo_rectangle (cr, r.x, r.y, r.width, r.height);
  cairo_clip (cr);
  rs_theme_set (cr, th->panel);
  cairo_rectangle (cr, p.x, p.y, p.width, p.height);
  cairo_fill (cr);
  rs_theme_set (cr, th->fg);
  rs_text (cr, c->font, r.x + 8 * s, r.y + 6 * s, "<b>Trace</b>", 12 * s, 0,
           0, 0, 0);
  if (v->n_traces == 0)
    {
      cairo_restore (cr);
      return;
    }
  trace_marks (cr, r, c, v, p);
  cairo_save (cr);
  cairo_rectangle (cr, p.x, p.y, p.width, p.height);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, 2.0 * s);
  for (size_t t = 0; t < v->n_traces; t++)
    {
      cairo_new_path (cr);
      for (size_t i = 0; i <= c->at; i++)
        if (rs_trace_value (c->sim, v->traces[t], i, &value) == RS_OK
            && isfinite (value))
          {
            rs_panel_trace_map (r, c, v,
                                (double) rs_sim_recorded (c->sim, i)->step,
                                value, &x, &y);
            cairo_line_to (cr, x, y);
          }
      rs_theme_set (cr, series_colour (th, t));
      cairo_stroke (cr);
    }
  cairo_restore (cr);
  trace_axes (cr, r, c, v, p);
  /* the legend, after the title */
  rs_text_size (cr, c->font, "<b>Trace</b>", 12 * s, 0, &x, NULL);
  lx += x + 14 * s;
  for (size_t t = 0; t < v->n_traces; t++)
    {
      rs_theme_set (cr, series_colour (th, t));
      cairo_rectangle (cr, lx, r.y + 9 * s, 14 * s, 3 * s);
      cairo_fill (cr);
      rs_theme_set (cr, th->fg);
      lx += 18 * s + rs_text (cr, c->font, lx + 18 * s, r.y + 6 * s,
                              strcmp (v->traces[t], "gamma") == 0 ? "γ"
                              : v->traces[t], 11 * s, 0, 0, 0, 0)
            + 12 * s;
    }
  cairo_restore (cr);
}
