/* trace.c: the trace panel: chosen parameters, bias warming's shift
 * gamma or the learning rate over the steps of the run (C7: a dead unit's
 * bias melting under weight decay; C10: gamma's schedule and the bias it
 * carries back).  gamma is drawn in warming's colour of the palette; the
 * parameters and the rate, which have no colour of their own there, in
 * the text's colour, each with its own dashes, so that no colour says
 * "loss" or "alive" here; a legend names each, typeset.  Events and kicks
 * are faint vertical lines, the step shown a solid one. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "draw/mathname.h"
#include "draw/panels.h"

/* A traced series resolved once: gamma, the rate, or a parameter's index
 * in theta. */
typedef struct {
  enum { SERIES_GAMMA, SERIES_RATE, SERIES_PARAM } kind;
  size_t k;
} series;

static int
series_of (const rs_sim *sim, const char *name, series *out)
{
  if (strcmp (name, "gamma") == 0)
    out->kind = SERIES_GAMMA;
  else if (strcmp (name, "rate") == 0)
    out->kind = SERIES_RATE;
  else if (rs_net_param_lookup (rs_sim_net (sim), name, &out->k, NULL)
           == RS_OK)
    out->kind = SERIES_PARAM;
  else
    return RS_EINVAL;
  return RS_OK;
}

static double
series_value (const rs_sim *sim, const series *sr, size_t i)
{
  const rs_sim_point *pt = rs_sim_recorded (sim, i);

  return sr->kind == SERIES_GAMMA ? pt->gamma : sr->kind == SERIES_RATE
         ? pt->rate : rs_sim_theta (sim, i)[sr->k];
}

int
rs_trace_value (const rs_sim *sim, const char *name, size_t i,
                double *value)
{
  series sr;

  if (i >= rs_sim_n_recorded (sim) || series_of (sim, name, &sr) != RS_OK)
    return RS_EINVAL;
  *value = series_value (sim, &sr, i);
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

/* How the trace maps (step, value) into its plot: the series resolved,
 * the steps' end and the values' range, worked out once per drawing. */
typedef struct {
  rs_rect plot;
  double last;              /* the last step of the axis */
  double lo, hi;            /* the value axis, with a little room */
  size_t n;                 /* series */
  series sr[RS_VIEW_MAX_TRACES];
} trace_map;

/* The map of view v in r; RS_EINVAL when it traces nothing or a name
 * the network does not have. */
static int
map_of (rs_rect r, const rs_panel_ctx *c, const rs_view *v, trace_map *m)
{
  size_t n = rs_sim_n_recorded (c->sim);
  double x;

  if (v->n_traces == 0)
    return RS_EINVAL;
  m->plot = rs_panel_trace_plot (r, c);
  m->last = fmax ((double) rs_sim_recorded (c->sim, n - 1)->step,
                  (double) c->scene->sim.steps);
  m->n = v->n_traces;
  m->lo = HUGE_VAL;
  m->hi = -HUGE_VAL;
  for (size_t t = 0; t < m->n; t++)
    {
      if (series_of (c->sim, v->traces[t], &m->sr[t]) != RS_OK)
        return RS_EINVAL;
      /* a figure of variants: the values of every run */
      for (size_t k = 0; k < (c->runs != NULL ? c->runs->n : 1); k++)
        {
          const rs_sim *sim = c->runs != NULL ? c->runs->sim[k] : c->sim;

          n = rs_sim_n_recorded (sim);
          for (size_t i = 0; i < n; i++)
            if (isfinite (x = series_value (sim, &m->sr[t], i)))
              {
                m->lo = fmin (m->lo, x);
                m->hi = fmax (m->hi, x);
              }
        }
    }
  if (!(m->lo <= m->hi))
    m->lo = 0.0, m->hi = 1.0;
  if (m->hi - m->lo < 1e-12 * fmax (1.0, fabs (m->hi)))
    m->lo -= 0.5, m->hi += 0.5;
  x = 0.06 * (m->hi - m->lo);
  m->lo -= x;
  m->hi += x;
  return RS_OK;
}

static void
map_point (const trace_map *m, double step, double value, double *x,
           double *y)
{
  *x = m->plot.x + step / fmax (m->last, 1.0) * m->plot.width;
  *y = m->plot.y + (m->hi - value) / (m->hi - m->lo) * m->plot.height;
}

int
rs_panel_trace_map (rs_rect r, const rs_panel_ctx *c, const rs_view *v,
                    double step, double value, double *x, double *y)
{
  trace_map m;

  if (map_of (r, c, v, &m) != RS_OK)
    return RS_EINVAL;
  map_point (&m, step, value, x, y);
  return RS_OK;
}

/* Series t of m: gamma in warming's colour, solid; the others in the
 * text's colour, solid, dashed, dotted or dash-dotted by their place
 * among them. */
static void
series_style (cairo_t *cr, const rs_theme *th, const trace_map *m,
              size_t t, double s)
{
  static const double dash[4][4] = { { 0 }, { 6, 3 }, { 1.5, 3 },
                                     { 6, 3, 1.5, 3 } };
  static const int n_dash[4] = { 0, 2, 2, 4 };
  double d[4];
  size_t k = 0;

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  if (m->sr[t].kind == SERIES_GAMMA)
    {
      rs_theme_set (cr, rs_theme_hue (th, RS_HUE_WARMING));
      cairo_set_dash (cr, NULL, 0, 0);
      return;
    }
  for (size_t q = 0; q < t; q++)
    k += m->sr[q].kind != SERIES_GAMMA;
  for (int q = 0; q < n_dash[k % 4]; q++)
    d[q] = dash[k % 4][q] * s;
  rs_theme_set (cr, th->fg);
  cairo_set_dash (cr, d, n_dash[k % 4], 0);
}

/* In a figure of variants, where colour tells the runs apart, series t
 * is told by its dash: the first solid, then dashed, dotted ... */
static void
series_dash (cairo_t *cr, const rs_panel_ctx *c, size_t t)
{
  static const double d[RS_VIEW_MAX_TRACES][2] = { { 0, 0 }, { 8, 4 },
                                                    { 2, 3 }, { 12, 3 } };
  double dash[2] = { d[t % RS_VIEW_MAX_TRACES][0] * c->s,
                     d[t % RS_VIEW_MAX_TRACES][1] * c->s };

  cairo_set_dash (cr, dash, c->runs != NULL && t > 0 ? 2 : 0, 0);
}

/* Ticks and numbers along the value axis, and the step axis. */
static void
trace_axes (cairo_t *cr, const rs_panel_ctx *c, const trace_map *m)
{
  const rs_theme *th = c->theme;
  rs_rect p = m->plot;
  double step, x, y, s = c->s;
  char buf[32];

  rs_theme_set (cr, th->fg);
  cairo_set_line_width (cr, 1.0 * s);
  cairo_rectangle (cr, p.x, p.y, p.width, p.height);
  cairo_stroke (cr);
  step = rs_draw_nice_step (m->hi - m->lo, (int) fmax (2, fmin (5, p.height
                                                                / (30 * s))));
  for (double t = ceil (m->lo / step) * step; t <= m->hi; t += step)
    {
      map_point (m, 0, t, &x, &y);
      cairo_move_to (cr, p.x - 4 * s, y);
      cairo_line_to (cr, p.x, y);
      cairo_stroke (cr);
      snprintf (buf, sizeof buf, "%g", fabs (t) < 1e-9 * step ? 0.0 : t);
      rs_text (cr, c->font, p.x - 6 * s, y, buf, 10 * s, 0, 1, 0.5, 0);
    }
  step = rs_draw_nice_step (m->last, (int) fmax (2, fmin (6, p.width
                                                          / (55 * s))));
  for (double t = 0; t <= m->last + 1e-9; t += step)
    {
      map_point (m, t, m->lo, &x, &y);
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
trace_marks (cairo_t *cr, const rs_panel_ctx *c, const trace_map *m)
{
  rs_rect p = m->plot;
  double x, y;

  cairo_set_line_width (cr, 1.0 * c->s);
  for (size_t i = 0; i < rs_sim_n_recorded (c->sim); i++)
    {
      const rs_sim_point *pt = rs_sim_recorded (c->sim, i);

      if (!(pt->events & ~(unsigned) RS_EVENT_START))
        continue;
      map_point (m, (double) pt->step, 0, &x, &y);
      rs_theme_set_alpha (cr, c->theme->event, 0.45);
      cairo_move_to (cr, x, p.y);
      cairo_line_to (cr, x, p.y + p.height);
      cairo_stroke (cr);
    }
  map_point (m, (double) rs_sim_recorded (c->sim, c->at)->step, 0, &x, &y);
  rs_theme_set (cr, c->theme->fg);
  cairo_move_to (cr, x, p.y);
  cairo_line_to (cr, x, p.y + p.height);
  cairo_stroke (cr);
}

/* Series t of run k (k 0 without variants) up to the point shown: in
 * the series' style (series_style), or in a figure of variants in the
 * run's colour with the series' dash (series_dash). */
static void
trace_line (cairo_t *cr, const rs_panel_ctx *c, const trace_map *m,
            size_t k, size_t t)
{
  const rs_sim *sim = c->runs != NULL ? c->runs->sim[k] : c->sim;
  size_t at = c->runs == NULL ? c->at
    : rs_runs_point_at (sim, rs_sim_recorded (c->sim, c->at)->step);
  double x, y, value;

  cairo_new_path (cr);
  for (size_t i = 0; i <= at && i < rs_sim_n_recorded (sim); i++)
    if (isfinite (value = series_value (sim, &m->sr[t], i)))
      {
        map_point (m, (double) rs_sim_recorded (sim, i)->step, value, &x, &y);
        cairo_line_to (cr, x, y);
      }
  cairo_save (cr);
  if (c->runs != NULL)
    {
      series_dash (cr, c, t);
      rs_theme_set (cr, rs_runs_colour (c->theme, k));
    }
  else
    series_style (cr, c->theme, m, t, c->s);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Each run's series over the plot p (clipped to it). */
static void
trace_lines (cairo_t *cr, const rs_panel_ctx *c, const trace_map *m,
             rs_rect p)
{
  cairo_save (cr);
  cairo_rectangle (cr, p.x, p.y, p.width, p.height);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, 2.0 * c->s);
  for (size_t k = 0; k < (c->runs != NULL ? c->runs->n : 1); k++)
    for (size_t t = 0; t < m->n; t++)
      trace_line (cr, c, m, k, t);
  cairo_restore (cr);
}

/* The legend on the title's row of r, after the title: each series'
 * stroke (a figure of variants: its dash, in the text's colour) and its
 * name. */
static void
trace_legend (cairo_t *cr, rs_rect r, const rs_panel_ctx *c,
              const rs_view *v, const trace_map *m)
{
  const rs_theme *th = c->theme;
  double s = c->s, lx = r.x + 8 * s, x;

  rs_text_size (cr, c->font, "<b>Trace</b>", 12 * s, 0, &x, NULL);
  lx += x + 14 * s;
  for (size_t t = 0; t < m->n; t++)
    {
      char name[160];

      cairo_save (cr);
      cairo_set_line_width (cr, 3 * s);
      if (c->runs != NULL)
        {
          series_dash (cr, c, t);
          rs_theme_set (cr, th->fg);
        }
      else
        series_style (cr, th, m, t, s);
      cairo_move_to (cr, lx, r.y + 10.5 * s);
      cairo_line_to (cr, lx + 14 * s, r.y + 10.5 * s);
      cairo_stroke (cr);
      cairo_restore (cr);
      rs_theme_set (cr, th->fg);
      rs_math_name (v->traces[t], name, sizeof name);
      lx += 18 * s + rs_text (cr, c->font, lx + 18 * s, r.y + 6 * s, name,
                              11 * s, 0, 0, 0, 0) + 12 * s;
    }
}

void
rs_panel_trace (cairo_t *cr, rs_rect r, const rs_panel_ctx *c,
                const rs_view *v)
{
  const rs_theme *th = c->theme;
  rs_rect p = rs_panel_trace_plot (r, c);
  double s = c->s;
  trace_map m;

  cairo_save (cr);
  cairo_rectangle (cr, r.x, r.y, r.width, r.height);
  cairo_clip (cr);
  rs_theme_set (cr, th->panel);
  cairo_rectangle (cr, p.x, p.y, p.width, p.height);
  cairo_fill (cr);
  rs_theme_set (cr, th->fg);
  rs_text (cr, c->font, r.x + 8 * s, r.y + 6 * s, "<b>Trace</b>", 12 * s, 0,
           0, 0, 0);
  if (map_of (r, c, v, &m) == RS_OK)
    {
      trace_marks (cr, c, &m);
      trace_lines (cr, c, &m, p);
      trace_axes (cr, c, &m);
      trace_legend (cr, r, c, v, &m);
    }
  cairo_restore (cr);
}
