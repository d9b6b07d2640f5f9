/* plane_runs.c: every variant's path and ball on a flat landscape.
 *
 * A figure of variants (variants.h) draws the path of each run projected
 * onto the plane, in the run's colour and line width (the first widest,
 * so that where the runs go the same way each shows around the next),
 * each up to its point at the step shown, with its ball there.  The
 * surface is the first run's: for the single neuron the loss over (w, b)
 * does not depend on how a run trains, so every path lies on it; the
 * figure's header names the runs. */
#include <config.h>

#include <math.h>
#include <stdlib.h>

#include "draw/plane_private.h"

void
rs_plane_set_runs (rs_plane *p, const rs_runs *runs)
{
  p->runs = runs;
}

int
rs_plane_run_point (const rs_plane *p, size_t k, size_t i, double *u,
                    double *v)
{
  const rs_sim *sim = p->runs->sim[k];

  if (rs_net_nparams (rs_sim_net (sim)) != rs_net_nparams (p->net)
      || i >= rs_sim_n_recorded (sim))
    return RS_EINVAL;
  rs_slice_project (p->slice, rs_sim_theta (sim, i), u, v);
  *u += p->off_u;
  *v += p->off_v;
  return RS_OK;
}

/* The recorded point of run k at the step the plane shows. */
static size_t
run_shown (const rs_plane *p, size_t k)
{
  size_t step = rs_sim_recorded (p->sim, p->shown)->step;

  return k == 0 ? p->shown : rs_runs_point_at (p->runs->sim[k], step);
}

/* Run k's path up to its point shown, as a cairo path, broken at kicks
 * and restarts; 0 when the run is not of the plane's network. */
static int
run_path (cairo_t *cr, const rs_plane *p, rs_rect plot, size_t k)
{
  size_t last = run_shown (p, k);
  double u, v, x, y;

  cairo_new_path (cr);
  for (size_t i = 0; i <= last; i++)
    {
      if (rs_plane_run_point (p, k, i, &u, &v) != RS_OK)
        return 0;
      rs_plane_map (p, plot, u, v, &x, &y);
      if (rs_sim_recorded (p->runs->sim[k], i)->events
          & (RS_EVENT_KICK | RS_EVENT_START))
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  return 1;
}

/* Run k's ball at its point shown, in its colour. */
static void
run_ball (cairo_t *cr, const rs_plane *p, rs_rect plot, size_t k,
          const rs_theme *th, double s)
{
  rs_rgb c = rs_runs_colour (th, k);
  double u, v, x, y;

  if (rs_plane_run_point (p, k, run_shown (p, k), &u, &v) != RS_OK)
    return;
  rs_plane_map (p, plot, u, v, &x, &y);
  rs_draw_ball_coloured (cr, x, y, 0.8 * s, c.r, c.g, c.b);
}

void
rs_plane_draw_runs (cairo_t *cr, const rs_plane *p, rs_rect plot,
                    const rs_theme *th, double s)
{
  size_t n = p->runs->n;
  double x, y;

  cairo_save (cr);
  cairo_rectangle (cr, plot.x, plot.y, plot.width, plot.height);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (size_t k = 0; k < n && !p->hide_path; k++)
    {
      rs_rgb c = rs_runs_colour (th, k);
      double w = rs_runs_width (k, s);

      if (!run_path (cr, p, plot, k))
        continue;
      cairo_set_source_rgba (cr, 1.0, 1.0, 1.0, 0.85);
      cairo_set_line_width (cr, w + 2.4 * s);
      cairo_stroke_preserve (cr);
      rs_theme_set (cr, c);
      cairo_set_line_width (cr, w);
      cairo_stroke (cr);
    }
  /* the shared start ringed once, then the balls, the first on top */
  rs_plane_map (p, plot, p->pu[0], p->pv[0], &x, &y);
  rs_draw_path_mark (cr, x, y, x, y, 0, 0, 0, s);
  rs_plane_draw_path_labels (cr, p, s);
  for (size_t k = n; k-- > 0;)
    run_ball (cr, p, plot, k, th, s);
  cairo_restore (cr);
}
