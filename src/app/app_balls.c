/* app_balls.c: B, more balls on the landscape, each with the next
 * optimiser, to compare how they roll from the same point (C5, C7).
 *
 * Each extra ball is a run of its own: a copy of the run at the point
 * shown (rs_sim_clone), training from there with another optimiser
 * (rs_sim_set_training).  It is kept at the step of the point shown,
 * stepping forward as the play goes on and going back when it does, and
 * drawn with its own colour, path and label over the figure's first
 * landscape over two named parameters (the probe's view).  On a network
 * that landscape is a slice through the first ball's point: the other
 * balls are drawn where their two parameters are, their others
 * differing. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_private.h"
#include "draw/draw.h"
#include "draw/theme.h"

/* Steps an extra ball may take in one frame to catch up with the point
 * shown (after a jump forward it follows over a few frames). */
#define SYNC_STEPS 2000

/* Extra ball i's colour, the palette's (theme.h): its optimiser's; one
 * meaning per colour (a scene's variants are the figure's runs, drawn in
 * the run colours). */
static void
ball_colour (const rs_app *a, size_t i, double rgb[3])
{
  rs_hue h = rs_palette_optimiser (rs_sim_get_params (a->run.balls.sim[i])
                                   ->optim->name);
  rs_rgb c = rs_palette_colour (h, a->view.scene.style.dark);

  rgb[0] = c.r;
  rgb[1] = c.g;
  rgb[2] = c.b;
}

/* Why the scene's first landscape takes no more balls, or NULL. */
static const char *
why_not (const rs_app *a)
{
  if (a->view.fig == NULL)
    return "more balls: wait until the figure is drawn";
  if (a->view.probe == NULL)
    return "more balls need a flat landscape over two named parameters; "
           "this scene has none (random directions and PCA mix every "
           "parameter)";
  if (a->run.balls.n == MAX_EXTRA)
    return "no more balls (R removes them)";
  return NULL;
}

void
app_balls_add (rs_app *a)
{
  app_balls *bs = &a->run.balls;
  const rs_sim *from = a->run.head != NULL ? a->run.head : a->run.sim;
  const rs_sim *last = bs->n > 0 ? bs->sim[bs->n - 1] : from;
  const char *why = why_not (a);
  rs_sim_training t;
  rs_sim *ns;
  rs_error err;
  char msg[500];

  if (why != NULL)
    {
      app_toast (a, 0, why);
      return;
    }
  rs_sim_get_training (last, &t);
  t.optim = app_optim_after (t.optim);
  if ((ns = rs_sim_clone (from, &err)) == NULL)
    {
      snprintf (msg, sizeof msg, "cannot add a ball: %.300s", err.message);
      app_toast (a, 1, msg);
      return;
    }
  if (a->run.head == NULL)
    rs_sim_rewind (ns, a->run.shown);
  if (rs_sim_set_training (ns, &t, &err) != RS_OK)
    {
      snprintf (msg, sizeof msg, "cannot add a ball: %.300s", err.message);
      app_toast (a, 1, msg);
      rs_sim_free (ns);
      return;
    }
  bs->from[bs->n] = rs_sim_n_recorded (ns) - 1;
  bs->sim[bs->n++] = ns;
  snprintf (msg, sizeof msg, "a ball with %s from here", t.optim->name);
  app_toast (a, 0, msg);
}

/* Ball sim back to its last point at or before `step`. */
static void
rewind_to (rs_sim *sim, size_t step)
{
  size_t j = rs_sim_n_recorded (sim) - 1;

  while (j > 0 && rs_sim_recorded (sim, j)->step > step)
    j--;
  rs_sim_rewind (sim, j);
}

void
app_balls_sync (rs_app *a)
{
  app_balls *bs = &a->run.balls;
  size_t step;

  if (bs->n == 0 || a->run.head != NULL)
    return;
  step = rs_sim_recorded (a->run.sim, a->run.shown)->step;
  for (size_t i = 0; i < bs->n; i++)
    {
      rs_sim *sim = bs->sim[i];

      if (rs_sim_step_count (sim) > step)
        rewind_to (sim, step);
      for (size_t k = 0; k < SYNC_STEPS && rs_sim_step_count (sim) < step
           && rs_sim_test (sim) != RS_SIM_DIVERGED; k++)
        if (rs_sim_iterate (sim) != RS_OK)
          break;
    }
}

void
app_balls_free (app_balls *b)
{
  for (size_t i = 0; i < b->n; i++)
    rs_sim_free (b->sim[i]);
  b->n = 0;
  memset (b->from, 0, sizeof b->from);
}

void
app_balls_each (rs_app *a, void (*fn) (rs_app *, rs_sim *, void *),
                void *data)
{
  for (size_t i = 0; i < a->run.balls.n; i++)
    fn (a, a->run.balls.sim[i], data);
}

/* The pixel of a ball's recorded point i on the probe's view. */
typedef struct {
  const rs_app *a;
  const rs_sim *sim;
  rs_rect plot;
  size_t iu;
  size_t iv;
  size_t from;                 /* the first point of a trail */
} ball_path;

static unsigned
ball_point (void *data, size_t i, double *x, double *y)
{
  ball_path *bp = data;
  const double *theta = rs_sim_theta (bp->sim, i);

  rs_plane_map (bp->a->view.probe, bp->plot, theta[bp->iu], theta[bp->iv],
                x, y);
  return rs_sim_recorded (bp->sim, i)->events;
}

/* The indices of the probe's two parameters (those its plane is over:
 * a network's focus unit's) into bp; 0 when there are none. */
static int
probe_params (const rs_app *a, ball_path *bp)
{
  const rs_net *net = rs_sim_net (a->run.sim);
  const char *p1, *p2;

  return rs_plane_params (a->view.probe, &p1, &p2)
         && rs_net_param_lookup (net, p1, &bp->iu, NULL) == RS_OK
         && rs_net_param_lookup (net, p2, &bp->iv, NULL) == RS_OK;
}

/* Point i of a ball's trail: its recorded point `from` + i. */
static unsigned
trail_point (void *data, size_t i, double *x, double *y)
{
  ball_path *bp = data;

  return ball_point (bp, bp->from + i, x, y);
}

/* A ball's trail in its own colour, from the point it was added (the
 * path before is the first ball's). */
static void
draw_trail (cairo_t *cr, ball_path *bp, size_t from, double s,
            const double *rgb)
{
  size_t n = rs_sim_n_recorded (bp->sim);

  bp->from = from < n ? from : n - 1;
  rs_draw_path_line_rgb (cr, n - bp->from, trail_point, bp, s, rgb);
}

/* An arrow at the plot's edge, in the ball's colour, pointing from the
 * plot's centre towards (x, y), a ball that left the plot. */
static void
draw_edge_arrow (cairo_t *cr, rs_rect r, double x, double y, double s,
                 const double *rgb)
{
  double cx = r.x + r.width / 2, cy = r.y + r.height / 2;
  double dx = x - cx, dy = y - cy, len = hypot (dx, dy), k, ex, ey;
  double ux, uy, m = 14 * s;

  if (!(len > 0))
    return;
  ux = dx / len;
  uy = dy / len;
  /* where the ray from the centre leaves the plot, less a margin */
  k = fmin (fabs (dx) > 0 ? (r.width / 2 - m) / fabs (dx) : INFINITY,
            fabs (dy) > 0 ? (r.height / 2 - m) / fabs (dy) : INFINITY);
  ex = cx + k * dx;
  ey = cy + k * dy;
  cairo_new_path (cr);
  cairo_move_to (cr, ex + ux * 10 * s, ey + uy * 10 * s);
  cairo_line_to (cr, ex - ux * 6 * s - uy * 8 * s, ey - uy * 6 * s
                 + ux * 8 * s);
  cairo_line_to (cr, ex - ux * 6 * s + uy * 8 * s, ey - uy * 6 * s
                 - ux * 8 * s);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0.05, 0.05, 0.08, 0.8);
  cairo_set_line_width (cr, 1.2 * s);
  cairo_stroke (cr);
}

/* Whether (x, y) lies in r. */
static int
in_rect (rs_rect r, double x, double y)
{
  return x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height;
}

/* Extra ball i in its colour, or when it left the plot an arrow at the
 * edge towards it. */
static void
draw_one (cairo_t *cr, ball_path *bp, double s, const double *rgb)
{
  size_t n = rs_sim_n_recorded (bp->sim);
  double x, y;

  ball_point (bp, n - 1, &x, &y);
  if (in_rect (bp->plot, x, y))
    rs_draw_ball_coloured (cr, x, y, s, rgb[0], rgb[1], rgb[2]);
  else
    draw_edge_arrow (cr, bp->plot, x, y, s, rgb);
}

void
app_balls_draw (cairo_t *cr, const rs_app *a, double width, double height)
{
  ball_path bp;
  double s, rgb[3];

  (void) width;
  (void) height;
  if (a->run.balls.n == 0 || a->view.fig == NULL || a->view.probe == NULL
      || !probe_params (a, &bp))
    return;
  s = rs_figure_scale (a->view.fig);
  bp.a = a;
  bp.plot = app_probe_plot (a);
  cairo_save (cr);
  cairo_rectangle (cr, bp.plot.x, bp.plot.y, bp.plot.width,
                   bp.plot.height);
  cairo_clip (cr);
  /* the trails first, so that no trail hides a ball or an arrow */
  for (size_t i = 0; i < a->run.balls.n && a->view.show_path; i++)
    {
      bp.sim = a->run.balls.sim[i];
      ball_colour (a, i, rgb);
      draw_trail (cr, &bp, a->run.balls.from[i], s, rgb);
    }
  for (size_t i = 0; i < a->run.balls.n; i++)
    {
      bp.sim = a->run.balls.sim[i];
      ball_colour (a, i, rgb);
      draw_one (cr, &bp, s, rgb);
    }
  cairo_restore (cr);
}

/* A ball's name (its variant's, else its optimiser's) and where it
 * stands at its point i, in words: rolling, at rest in a valley, stuck
 * on a plateau (gradient 0 and the neuron or every unit of a layer
 * inactive), diverged; and whether it left the plot. */
static void
ball_state (const char *name, const rs_sim *sim, size_t i, int off,
            char *buf, size_t n)
{
  const rs_sim_point *pt = rs_sim_recorded (sim, i);
  double tol = rs_sim_get_params (sim)->tol;
  const char *st;

  if (!isfinite (pt->loss))
    st = "diverged";
  else if (pt->gnorm > tol)
    st = "rolling";
  else if (rs_sim_is_neuron (sim) ? pt->active == 0 : pt->dead > 0)
    st = "stuck on the plateau";
  else
    st = "at rest";
  snprintf (buf, n, "%s · %s%s", name[0] != '\0' ? name
            : rs_sim_get_params (sim)->optim->name, st,
            off ? " · off the frame" : "");
}

/* One row of the legend: a ball of colour rgb and its text. */
static void
legend_row (cairo_t *cr, double x, double y, double s, const double *rgb,
            const char *text, const rs_theme *th)
{
  rs_draw_ball_coloured (cr, x + 7 * s, y + 8 * s, 0.6 * s, rgb[0], rgb[1],
                         rgb[2]);
  rs_theme_set (cr, th->fg);
  rs_text (cr, NULL, x + 18 * s, y, text, 11.5 * s, 0, 0, 0, 0);
}

void
app_balls_legend (cairo_t *cr, const rs_app *a, rs_rect box, double s)
{
  static const double first[3] = { 0.90, 0.20, 0.14 };  /* rs_draw_ball_at */
  const rs_theme *th = a->view.scene.style.dark ? rs_theme_dark ()
                       : rs_theme_light ();
  double y = box.y, line = 15 * s, bx, by, rgb[3];
  ball_path bp;
  char text[300];

  if (a->run.balls.n == 0 || a->view.fig == NULL || a->view.probe == NULL
      || !probe_params (a, &bp))
    return;
  bp.a = a;
  bp.plot = app_probe_plot (a);
  cairo_save (cr);
  cairo_rectangle (cr, box.x, box.y, box.width, box.height);
  cairo_clip (cr);
  rs_theme_set (cr, th->muted);
  rs_text (cr, NULL, box.x, y, "<b>balls (B)</b>", 11.5 * s, 0, 0, 0, 0);
  y += line;
  ball_state (a->run.balls.first, a->run.sim, a->run.shown, 0, text,
              sizeof text);
  legend_row (cr, box.x, y, s, first, text, th);
  for (size_t i = 0; i < a->run.balls.n; i++)
    {
      size_t n;

      bp.sim = a->run.balls.sim[i];
      n = rs_sim_n_recorded (bp.sim);
      ball_point (&bp, n - 1, &bx, &by);
      y += line;
      ball_state ("", bp.sim, n - 1,
                  !in_rect (bp.plot, bx, by), text, sizeof text);
      ball_colour (a, i, rgb);
      legend_row (cr, box.x, y, s, rgb, text, th);
    }
  cairo_restore (cr);
}
