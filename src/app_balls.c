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

#include "app_private.h"
#include "draw.h"

/* Steps an extra ball may take in one frame to catch up with the point
 * shown (after a jump forward it follows over a few frames). */
#define SYNC_STEPS 2000

/* The other balls' colours, told apart by colour-blind viewers too:
 * Okabe-Ito blue, bluish green, orange, reddish purple. */
static const double extra_colour[MAX_EXTRA][3] = {
  { 0.0, 0.447, 0.698 }, { 0.0, 0.620, 0.451 }, { 0.902, 0.624, 0.0 },
  { 0.800, 0.475, 0.655 }
};

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
  bs->sim[bs->n++] = ns;
  snprintf (msg, sizeof msg, "a ball with %s from here", t.optim->name);
  app_toast (a, 0, msg);
}

/* A scene with variants (reluscape-scene(5)): the app's run is the first
 * variant's (a->view.scene becomes its scene), and each other variant is
 * a ball of its own from its start, up to MAX_EXTRA, stepped with the
 * run by app_balls_sync and named by the variant.  R takes them away
 * with B's balls. */
int
app_balls_variants (rs_app *a, const rs_scene *sc, rs_error *err)
{
  app_balls *bs = &a->run.balls;
  rs_scene *v = malloc (sizeof *v);
  int rc = v != NULL ? RS_OK : rs_error_set (err, RS_ENOMEM, NULL, 0, 0,
                                             "out of memory");

  for (size_t k = 0; rc == RS_OK && k < sc->n_variants
       && k <= MAX_EXTRA; k++)
    {
      if ((rc = rs_scene_variant (sc, k, NULL, v, err)) != RS_OK)
        break;
      if (k == 0)
        {
          a->view.scene = *v;
          snprintf (bs->first, sizeof bs->first, "%s", sc->variants[0].name);
          continue;
        }
      if ((bs->sim[bs->n] = rs_sim_alloc (&v->sim, err)) == NULL)
        rc = err != NULL ? err->code : RS_ENOMEM;
      else
        snprintf (bs->name[bs->n++], sizeof bs->name[0], "%s",
                  sc->variants[k].name);
    }
  free (v);
  return rc;
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
  memset (b->name, 0, sizeof b->name);
  b->first[0] = '\0';
}

void
app_balls_each (rs_app *a, void (*fn) (rs_app *, rs_sim *, void *),
                void *data)
{
  for (size_t i = 0; i < a->run.balls.n; i++)
    fn (a, a->run.balls.sim[i], data);
}

/* The pixel of a ball's recorded point i on the probe's view, for
 * rs_draw_path_line. */
typedef struct {
  const rs_app *a;
  const rs_sim *sim;
  rs_rect plot;
  size_t iu;
  size_t iv;
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

/* A ball of sim at its last point, with its optimiser's name beside it;
 * a ball that rolled out of the window is named at the window's edge
 * where it left, and said to be off it. */
static void
draw_one (cairo_t *cr, ball_path *bp, double s, const double *rgb,
          int path, const char *variant)
{
  size_t n = rs_sim_n_recorded (bp->sim);
  const char *name = variant[0] != '\0' ? variant
                     : rs_sim_get_params (bp->sim)->optim->name;
  rs_rect r = bp->plot;
  double x, y, cx, cy;
  char label[200];

  if (path)
    rs_draw_path_line (cr, n, ball_point, bp, s);
  ball_point (bp, n - 1, &x, &y);
  cx = fmin (fmax (x, r.x + 4 * s), r.x + r.width - 4 * s);
  cy = fmin (fmax (y, r.y + 10 * s), r.y + r.height - 10 * s);
  if (cx == x && cy == y)
    {
      rs_draw_ball_coloured (cr, x, y, s, rgb[0], rgb[1], rgb[2]);
      rs_draw_text_on_map (cr, x + 16 * s, y, name, 12 * s, 1, 0, 0.5);
      return;
    }
  snprintf (label, sizeof label, "%s: off the window", name);
  rs_draw_text_on_map (cr, cx, cy, label, 12 * s, 1,
                       cx > r.x + r.width / 2 ? 1 : 0, 0.5);
}

void
app_balls_draw (cairo_t *cr, const rs_app *a, double width, double height)
{
  double s, x, y;
  ball_path bp;

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
  /* the first ball's label, beside the ball the figure draws */
  if (rs_figure_ball (a->view.fig, a->view.probe_view, width, height, &x,
                      &y))
    rs_draw_text_on_map (cr, x + 16 * s, y, a->run.balls.first[0] != '\0'
                         ? a->run.balls.first : rs_sim_get_params
                         (a->run.sim)->optim->name, 12 * s, 1, 0, 0.5);
  for (size_t i = 0; i < a->run.balls.n; i++)
    {
      bp.sim = a->run.balls.sim[i];
      draw_one (cr, &bp, s, extra_colour[i], a->view.show_path,
                a->run.balls.name[i]);
    }
  cairo_restore (cr);
}
