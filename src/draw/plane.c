/* plane.c: landscapes and basin maps of a plane of parameter space.
 *
 * The plane passes through the run's point at `at` and is spanned by two
 * directions (rs_slice).  Its window is shown in the coordinates a reader
 * knows: a parameter's own value when the axes are parameters, the offset
 * along a direction otherwise; the library's grids are in offsets, so the
 * two differ by theta0's entries.  The flat drawing reuses the landscape
 * pieces of draw.c; the 3-D one is a lit surface of quads painted from
 * back to front; the basin map colours each start by where it ends. */
#include <config.h>

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "draw/mathname.h"
#include "draw/plane.h"
#include "draw/plane_private.h"
#include "draw/slice_pick.h"

/* ---- Building ---- */

static rs_plane *
plane_fail (rs_plane *p, rs_error *err, int code, const char *msg)
{
  rs_plane_free (p);
  rs_error_set (err, code, NULL, 0, 0, "%s", msg);
  return NULL;
}

/* The points 0 .. at of the trajectory, row by row. */
static double *
trajectory (const rs_sim *sim, size_t at, size_t np)
{
  double *t = malloc ((at + 1) * np * sizeof *t);

  for (size_t i = 0; t != NULL && i <= at; i++)
    memcpy (t + i * np, rs_sim_theta (sim, i), np * sizeof *t);
  return t;
}

/* The directions of the view: by name, random or principal components;
 * the single neuron's default is W1[0][0] and b1[0], a network's the
 * weight and bias of its focus unit (slice_pick.c). */
static int
make_slice (rs_plane *p, const rs_net *net, rs_error *err)
{
  const rs_view *v = p->view;
  size_t np = rs_net_nparams (net);
  int rc;

  if ((p->slice = rs_slice_alloc (net, err)) == NULL)
    return RS_ENOMEM;
  if (v->axes == RS_AXES_RANDOM)
    {
      gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);

      if (r == NULL)
        return rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory");
      gsl_rng_set (r, p->scene->sim.seed);
      rc = rs_slice_random (p->slice, net, r, 1, 0, err);
      gsl_rng_free (r);
    }
  else if (v->axes == RS_AXES_PCA)
    {
      double *t;

      /* the whole recorded run: one plane for every step shown */
      if (p->n_rec < 3)
        return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "a pca view needs "
                             "at least 3 recorded points of the run, not "
                             "%zu", p->n_rec);
      if ((t = trajectory (p->sim, p->n_rec - 1, np)) == NULL)
        return rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory");
      rc = rs_slice_pca (p->slice, t, p->n_rec, err);
      free (t);
    }
  else if (v->axes == RS_AXES_PARAMS)
    {
      p->unit_slice = !rs_sim_is_neuron (p->sim)
                      && rs_pick_unit_of (net, v->p1, v->p2,
                                          &p->pick.focus.unit);
      rc = rs_slice_axes (p->slice, net, v->p1, v->p2, err);
    }
  else if ((rc = rs_pick_axes (p->scene, p->sim, &p->pick, err)) == RS_OK)
    {
      p->picked = p->unit_slice = !rs_sim_is_neuron (p->sim);
      rc = rs_slice_axes (p->slice, net, p->pick.p1, p->pick.p2, err);
    }
  if (rc != RS_OK)
    return rc;
  memcpy (p->slice->theta0, rs_sim_theta (p->sim, p->at), np * sizeof (double));
  return RS_OK;
}

/* The axes' names: the single neuron's w and b, a parameter's name, or
 * a principal component with the share of the path's variance it
 * explains; plain, and typeset for the axes' titles. */
static void
axis_names (rs_plane *p)
{
  const rs_slice *sl = p->slice;
  int neuron = rs_sim_is_neuron (p->sim) && p->view->axes == RS_AXES_DEFAULT;

  if (p->view->axes == RS_AXES_PCA)
    {
      snprintf (p->uname, sizeof p->uname, "%s (%.1f %%)", sl->name1,
                100.0 * sl->explained[0]);
      snprintf (p->vname, sizeof p->vname, "%s (%.1f %%)", sl->name2,
                100.0 * sl->explained[1]);
    }
  else
    {
      snprintf (p->uname, sizeof p->uname, "%s", neuron ? "weight <i>w</i>"
                : sl->name1);
      snprintf (p->vname, sizeof p->vname, "%s", neuron ? "bias <i>b</i>"
                : sl->name2);
    }
  if (neuron)
    {
      snprintf (p->umark, sizeof p->umark, "%s", p->uname);
      snprintf (p->vmark, sizeof p->vmark, "%s", p->vname);
      return;
    }
  rs_math_name (p->uname, p->umark, sizeof p->umark);
  rs_math_name (p->vname, p->vmark, sizeof p->vmark);
}

/* The window as shown, and what turns an offset into it. */
static void
make_window (rs_plane *p)
{
  const rs_view *v = p->view;
  const rs_slice *sl = p->slice;
  int named = v->axes == RS_AXES_DEFAULT || v->axes == RS_AXES_PARAMS;

  p->off_u = p->off_v = 0.0;
  if (named || v->axes == RS_AXES_PCA)
    {
      /* a parameter's value; along principal components, the offset
       * from the run's last point, the same at every step shown */
      const double *last = rs_sim_theta (p->sim, p->n_rec - 1);

      for (size_t k = 0; k < sl->np; k++)
        {
          double t = named ? sl->theta0[k] : sl->theta0[k] - last[k];

          p->off_u += sl->d1[k] * t;
          p->off_v += sl->d2[k] * t;
        }
    }
  if (v->has_range)
    {
      p->ur = v->u_range;
      p->vr = v->v_range;
    }
  else if (named && rs_sim_is_neuron (p->sim) && v->axes == RS_AXES_DEFAULT)
    {
      p->ur = p->scene->w_range;
      p->vr = p->scene->b_range;
    }
  else   /* fitted to the path by fit_window, once it is projected */
    p->ur = p->vr = rs_interval_make (-1.0, 1.0);
  axis_names (p);
}

/* Whether the window is fitted to the path: no range given, and not the
 * single neuron's own (w, b), whose window is the scene's w- and
 * b-range. */
static int
fitted (const rs_plane *p)
{
  const rs_view *v = p->view;

  return !v->has_range && v->axes != RS_AXES_RANDOM
         && !(rs_sim_is_neuron (p->sim) && v->axes == RS_AXES_DEFAULT);
}

/* The window fitted to the run (slice_pick.c): over parameters by name,
 * the path and the edge of the dead region near the ball; along
 * principal components, the path.  Random directions keep [-1, 1]: the
 * path is nearly orthogonal to them and shows as a squiggle wherever the
 * window is (reluscape-scene(5)). */
static int
fit_window (rs_plane *p, rs_error *err)
{
  if (!fitted (p))
    return RS_OK;
  if (p->view->axes == RS_AXES_PCA)
    {
      rs_pick_fit_path (p->pu, p->pv, p->n_rec, 0.05, &p->ur, &p->vr);
      return RS_OK;
    }
  return rs_pick_fit_edge (p->sim, p->slice, p->pu, p->pv, p->n_rec, &p->ur,
                           &p->vr, err);
}

/* A window that doubles cannot grid around the run (its parameters grew
 * huge without overflowing): the run's outcome, like a divergence, not a
 * bad input; RS_EDIVERGED with the size reached. */
static int
check_window (rs_plane *p, rs_error *err)
{
  rs_interval ou = rs_interval_make (p->ur.lo - p->off_u,
                                     p->ur.hi - p->off_u);
  rs_interval ov = rs_interval_make (p->vr.lo - p->off_v,
                                     p->vr.hi - p->off_v);
  double top = 0.0;

  if (rs_surface_resolves (p->slice, ou, ov, p->n, p->n))
    return RS_OK;
  for (size_t k = 0; k < p->slice->np; k++)
    top = fmax (top, fabs (p->slice->theta0[k]));
  return rs_error_set (err, RS_EDIVERGED, NULL, 0, 0, "the run's "
                       "parameters reach %.3g at the step shown: too large "
                       "to grid this window around (the run is blowing up; "
                       "lower the rate)", top);
}

rs_surface *
rs_plane_surface (const rs_plane *p, const rs_net *net, unsigned what,
                  rs_error *err)
{
  int named = p->view->axes == RS_AXES_DEFAULT
              || p->view->axes == RS_AXES_PARAMS;
  rs_interval ou = rs_interval_make (p->ur.lo - p->off_u,
                                     p->ur.hi - p->off_u);
  rs_interval ov = rs_interval_make (p->vr.lo - p->off_v,
                                     p->vr.hi - p->off_v);
  rs_slice *sl = rs_slice_clone (p->slice, err);
  rs_surface *s;

  if (sl == NULL)
    return NULL;
  memcpy (sl->theta0, rs_net_params_const (net)->data,
          sl->np * sizeof (double));
  /* two parameters by name: the grid's points are their values as shown
   * (plus warming's shift), whatever the point the plane passes through,
   * so that planes through two points of one surface are the same grid */
  if (named)
    {
      for (size_t k = 0; k < sl->np; k++)
        if (sl->d1[k] != 0.0 || sl->d2[k] != 0.0)
          sl->theta0[k] -= p->slice->theta0[k];
      ou = p->ur;
      ov = p->vr;
    }
  s = rs_surface_alloc (net, rs_sim_loss (p->sim), rs_sim_data (p->sim), sl,
                        p->n, p->n, ou, ov, what, p->scene->sim.tol, err);
  rs_slice_free (sl);
  if (s != NULL)
    rs_surface_run (s);
  return s;
}

/* The loss grid, the plateau mask and the dead cells of a landscape on
 * the surface of net: its activations, and its parameters as theta0 (the
 * plane's point with warming's shift added, as the run trained through
 * it).  Replaces what the plane held. */
int
rs_plane_compute (rs_plane *p, const rs_net *net, rs_error *err)
{
  rs_surface *s = rs_plane_surface (p, net, RS_SURFACE_LOSS
                                    | RS_SURFACE_GRAD | RS_SURFACE_DEAD,
                                    err);
  double fewest = HUGE_VAL;
  gsl_matrix *loss;

  if (s == NULL)
    return err != NULL ? err->code : RS_ENOMEM;
  loss = gsl_matrix_alloc (p->n, p->n);
  if (p->plateau == NULL)
    p->plateau = malloc (p->n * p->n);
  if (p->deader == NULL)
    p->deader = malloc (p->n * p->n);
  if (loss == NULL || p->plateau == NULL || p->deader == NULL)
    {
      if (loss != NULL)
        gsl_matrix_free (loss);
      rs_surface_free (s);
      return rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory");
    }
  for (size_t i = 0; i < p->n; i++)
    for (size_t j = 0; j < p->n; j++)
      {
        gsl_matrix_set (loss, i, j, rs_surface_value (s, RS_SURFACE_LOSS, i,
                                                      j));
        p->plateau[i * p->n + j] = (unsigned char) rs_surface_plateau (s, i,
                                                                       j);
        fewest = fmin (fewest, rs_surface_value (s, RS_SURFACE_DEAD, i, j));
      }
  for (size_t i = 0; i < p->n; i++)
    for (size_t j = 0; j < p->n; j++)
      p->deader[i * p->n + j] = rs_surface_value (s, RS_SURFACE_DEAD, i, j)
                                > fewest;
  rs_surface_free (s);
  return rs_plane_set_loss (p, loss, err);
}

int
rs_plane_set_loss (rs_plane *p, gsl_matrix *loss, rs_error *err)
{
  p->dead_lowest = p->unit_slice
                   ? rs_pick_dead_lowest (loss, p->deader, p->n,
                                          p->scene->style.linear,
                                          &p->dead_min, &p->alive_min) : 0;
  rs_landscape_free (p->land);
  p->land = rs_landscape_from_grid (loss, p->ur, p->vr,
                                    p->scene->style.colormap,
                                    p->scene->style.linear, err);
  rs_plane_forget (p);
  return p->land == NULL ? RS_ENOMEM : RS_OK;
}

static int
make_basin (rs_plane *p, rs_error *err)
{
  rs_interval ou = rs_interval_make (p->ur.lo - p->off_u,
                                     p->ur.hi - p->off_u);
  rs_interval ov = rs_interval_make (p->vr.lo - p->off_v,
                                     p->vr.hi - p->off_v);

  p->basin = rs_basin_alloc (&p->scene->sim, p->slice, p->n, p->n, ou, ov,
                             p->scene->sim.steps, err);
  if (p->basin == NULL)
    return err != NULL ? err->code : RS_EINVAL;
  rs_basin_run (p->basin);
  return RS_OK;
}

/* The path: each recorded point projected onto the plane. */
static int
make_path (rs_plane *p, rs_error *err)
{
  p->pu = malloc (p->n_rec * sizeof *p->pu);
  p->pv = malloc (p->n_rec * sizeof *p->pv);
  if (p->pu == NULL || p->pv == NULL)
    return rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory");
  for (size_t i = 0; i < p->n_rec; i++)
    {
      rs_slice_project (p->slice, rs_sim_theta (p->sim, i), &p->pu[i],
                        &p->pv[i]);
      p->pu[i] += p->off_u;
      p->pv[i] += p->off_v;
    }
  return RS_OK;
}

rs_plane *
rs_plane_alloc (const rs_scene *sc, const rs_view *v, const rs_sim *sim,
                size_t at, size_t n, rs_error *err)
{
  rs_plane *p;
  size_t shown;
  int rc;

  if (at >= rs_sim_n_recorded (sim))
    at = rs_sim_n_recorded (sim) - 1;
  shown = at;
  if (v->pinned)   /* the last recorded point at or before its step */
    for (at = rs_sim_n_recorded (sim) - 1;
         at > 0 && rs_sim_recorded (sim, at)->step > v->pin_step; at--)
      ;
  if (v->grid > 0)
    n = v->grid;
  if (n < 2 || n > 4096)
    return plane_fail (NULL, err, RS_EINVAL, "a plane's grid has 2 to 4096 "
                       "points a side");
  if ((p = calloc (1, sizeof *p)) == NULL)
    return plane_fail (NULL, err, RS_ENOMEM, "out of memory");
  p->scene = sc;
  p->view = v;
  p->sim = sim;
  p->at = at;
  p->shown = shown;
  p->n_rec = rs_sim_n_recorded (sim);
  p->n = n;
  p->frac = 1.0;
  p->morph = 1.0;
  p->kick_t = 1.0;
  if ((p->cache = calloc (1, sizeof *p->cache)) == NULL
      || (p->cache3d = rs_plane_3d_cache_alloc ()) == NULL
      || (p->labels = rs_plane_labels_alloc ()) == NULL)
    return plane_fail (p, err, RS_ENOMEM, "out of memory");
  if ((p->net = rs_net_clone (rs_sim_net (sim), err)) == NULL
      || (p->probe = rs_net_clone (rs_sim_net (sim), err)) == NULL)
    {
      rs_plane_free (p);
      return NULL;
    }
  /* the directions through the point as recorded, the surface through
   * it as the run trained (warming's shift added) */
  rc = rs_sim_net_at (sim, at, p->net, 0);
  if (rc == RS_OK)
    rc = make_slice (p, p->net, err);
  if (rc == RS_OK)
    rc = rs_sim_net_at (sim, at, p->net, 1);
  if (rc == RS_OK)
    {
      make_window (p);
      rc = make_path (p, err);
    }
  if (rc == RS_OK)
    rc = fit_window (p, err);
  if (rc == RS_OK)
    rc = check_window (p, err);
  if (rc == RS_OK && v->kind == RS_VIEW_BASIN)
    rc = make_basin (p, err);
  else if (rc == RS_OK && (rc = rs_plane_old_plateau (p, err)) == RS_OK)
    rc = rs_plane_blend (p, 1.0, err);
  if (rc != RS_OK)
    {
      rs_plane_free (p);
      return NULL;
    }
  return p;
}

void
rs_plane_free (rs_plane *p)
{
  if (p == NULL)
    return;
  rs_slice_free (p->slice);
  rs_net_free (p->net);
  rs_net_free (p->probe);
  rs_net_free (p->old);
  free (p->old_plateau);
  rs_landscape_free (p->old_outline);
  rs_landscape_free (p->old_contours);
  rs_plane_drop_morph (p);
  rs_landscape_free (p->land);

  rs_basin_free (p->basin);
  free (p->plateau);
  free (p->deader);
  free (p->pu);
  free (p->pv);
  if (p->cache != NULL && p->cache->img != NULL)
    cairo_surface_destroy (p->cache->img);
  free (p->cache);
  rs_plane_3d_cache_free (p->cache3d);
  rs_plane_labels_free (p->labels);
  free (p);
}

rs_interval
rs_plane_u_range (const rs_plane *p)
{
  return p->ur;
}

rs_interval
rs_plane_v_range (const rs_plane *p)
{
  return p->vr;
}

const char *
rs_plane_u_name (const rs_plane *p)
{
  return p->uname;
}

const char *
rs_plane_v_name (const rs_plane *p)
{
  return p->vname;
}

void
rs_plane_gradient (rs_plane *p, size_t i, double t)
{
  rs_net *net = rs_net_clone (rs_sim_net (p->sim), NULL);
  rs_net_workspace *w = NULL;
  gsl_vector *g = NULL;
  double value;

  p->grad_ok = 0;
  if (net != NULL && rs_sim_net_at (p->sim, i, net, 1) == RS_OK
      && (t == 1.0 || rs_plane_kick_net (p, i, t, net) == RS_OK)
      && (w = rs_net_workspace_alloc (net, rs_sim_data (p->sim)->n, NULL))
         != NULL
      && (g = gsl_vector_alloc (rs_net_nparams (net))) != NULL)
    {
      int rc = rs_loss_net (net, rs_sim_loss (p->sim), rs_sim_data (p->sim),
                            w, &value, g, NULL);

      if (rc == RS_OK || rc == RS_EDOMAIN)
        {
          p->gu = p->gv = 0.0;
          for (size_t k = 0; k < p->slice->np; k++)
            {
              p->gu += gsl_vector_get (g, k) * p->slice->d1[k];
              p->gv += gsl_vector_get (g, k) * p->slice->d2[k];
            }
          p->grad_ok = isfinite (p->gu) && isfinite (p->gv);
        }
    }
  if (g != NULL)
    gsl_vector_free (g);
  rs_net_workspace_free (w);
  rs_net_free (net);
}

void
rs_plane_show (rs_plane *p, size_t i)
{
  p->shown = i < p->n_rec ? i : p->n_rec - 1;
  p->frac = 1.0;
  p->kick_at = 0;
  if (p->arrow)
    rs_plane_gradient (p, p->shown, 1.0);
}

void
rs_plane_between (rs_plane *p, double frac)
{
  p->frac = frac < 0.0 ? 0.0 : frac > 1.0 ? 1.0 : frac;
}

void
rs_plane_marks (rs_plane *p, int path, int arrow)
{
  int was = p->arrow;

  p->hide_path = !path;
  p->arrow = arrow;
  if (arrow && !was)
    rs_plane_gradient (p, p->shown, 1.0);
  if (arrow != was)   /* the labels make room for the arrow's ruler */
    rs_plane_forget (p);
}

/* Where the ball is, in the plane's coordinates: between the point before
 * the one shown and it, by frac; in a kick's morph, between the points
 * before and after the kick. */
static void
ball_point (const rs_plane *p, double *u, double *v)
{
  size_t i = p->kick_at > 0 ? p->kick_at : p->shown, h = i > 0 ? i - 1 : 0;

  *u = p->pu[h] + p->frac * (p->pu[i] - p->pu[h]);
  *v = p->pv[h] + p->frac * (p->pv[i] - p->pv[h]);
}

void
rs_plane_ball (const rs_plane *p, double *u, double *v)
{
  ball_point (p, u, v);
}

size_t
rs_plane_grid (const rs_plane *p)
{
  return p->n;
}

int
rs_plane_cell (const rs_plane *p, size_t i, size_t j, double *u, double *v,
               double *loss, int *plateau, int *deader)
{
  if (p->land == NULL || i >= p->n || j >= p->n)
    return RS_EINVAL;
  *u = rs_surface_coord (p->ur, j, p->n);
  *v = rs_surface_coord (p->vr, i, p->n);
  *loss = gsl_matrix_get (p->land->loss, i, j);
  *plateau = p->plateau[i * p->n + j];
  *deader = p->deader[i * p->n + j];
  return RS_OK;
}

int
rs_plane_params (const rs_plane *p, const char **p1, const char **p2)
{
  if (p->view->axes != RS_AXES_DEFAULT && p->view->axes != RS_AXES_PARAMS)
    return 0;
  *p1 = p->slice->name1;
  *p2 = p->slice->name2;
  return 1;
}

int
rs_plane_dead_lowest (const rs_plane *p)
{
  return p->dead_lowest;
}

void
rs_plane_point (const rs_plane *p, size_t i, double *u, double *v)
{
  if (i >= p->n_rec)
    i = p->n_rec - 1;
  *u = p->pu[i];
  *v = p->pv[i];
}

/* ---- Drawing: the flat plane ---- */

rs_rect
rs_plane_plot_rect (rs_rect r, double s)
{
  rs_rect plot;

  plot.x = r.x + 70.0 * s;
  plot.y = r.y + 30.0 * s;
  plot.width = fmax (r.width - 70.0 * s - 104.0 * s, 8.0);
  plot.height = fmax (r.height - 30.0 * s - 52.0 * s, 8.0);
  return plot;
}

void
rs_plane_map (const rs_plane *p, rs_rect plot, double u, double v,
              double *x, double *y)
{
  *x = plot.x + (u - p->ur.lo) / (p->ur.hi - p->ur.lo) * plot.width;
  *y = plot.y + (p->vr.hi - v) / (p->vr.hi - p->vr.lo) * plot.height;
}

void
rs_plane_map_cells (const rs_plane *p, rs_rect plot, double u, double v,
                    double *x, double *y)
{
  double fu = (u - p->ur.lo) / (p->ur.hi - p->ur.lo);
  double fv = (v - p->vr.lo) / (p->vr.hi - p->vr.lo);
  double cw = plot.width / (double) p->n, ch = plot.height / (double) p->n;

  *x = plot.x + (0.5 + fu * (p->n - 1)) * cw;
  *y = plot.y + plot.height - (0.5 + fv * (p->n - 1)) * ch;
}

void
rs_plane_title (const rs_plane *p, char *buf, size_t n)
{
  const char *what = p->view->kind == RS_VIEW_BASIN ? "Basin map"
                     : "Loss landscape";

  size_t step = rs_sim_recorded (p->sim, p->at)->step;
  const char *pin = p->view->pinned ? " (pinned)" : "";
  char when[80];

  /* mid-kick the surface is that of the parameters part of the way */
  if (p->kick_t < 1.0)
    snprintf (when, sizeof when, "%.0f %% through the kick at step %zu",
              100.0 * p->kick_t, step);
  else
    snprintf (when, sizeof when, "at step %zu", step);

  if (p->view->axes == RS_AXES_RANDOM)
    snprintf (buf, n, "<b>%s</b> · random directions (filter-normalised)",
              what);
  else if (p->view->axes == RS_AXES_PCA)
    snprintf (buf, n, "<b>%s</b> · principal components of the path", what);
  else if (p->picked)
    {
      char unit[80];

      rs_pick_caption (&p->pick, p->sim, unit, sizeof unit);
      snprintf (buf, n, "<b>%s</b> · %s · others %s%s", what, unit, when,
                pin);
      return;
    }
  else if (rs_sim_is_neuron (p->sim))
    buf[0] = '\0';
  else
    {
      snprintf (buf, n, "<b>%s</b> · the other parameters %s%s", what,
                when, pin);
      return;
    }
  if (buf[0] == '\0')
    snprintf (buf, n, "<b>%s</b>", what);
  if (p->kick_t < 1.0)
    snprintf (buf + strlen (buf), n - strlen (buf), " · %s", when);
  /* a pinned surface is not the one of the step shown: say so */
  if (p->view->pinned)
    snprintf (buf + strlen (buf), n - strlen (buf), " · at step %zu%s",
              step, pin);
}

/* The cells of mask hatched, a cell where its grid point is set: lines
 * rising (dir 1) or falling (dir -1), every gap units, with opacity a.
 * Returns the number of cells. */
static size_t
hatch_cells (cairo_t *cr, const rs_plane *p, const unsigned char *mask,
             rs_rect plot, double s, int dir, double gap, double a)
{
  size_t n = p->n, count = 0;
  double cw = plot.width / (double) (n - 1);
  double ch = plot.height / (double) (n - 1);

  cairo_save (cr);
  cairo_rectangle (cr, plot.x, plot.y, plot.width, plot.height);
  cairo_clip (cr);
  cairo_new_path (cr);
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++)
      {
        size_t j0 = j;

        if (!mask[i * n + j])
          continue;
        while (j + 1 < n && mask[i * n + j + 1])
          j++;
        cairo_rectangle (cr, plot.x + (j0 - 0.5) * cw,
                         plot.y + plot.height - (i + 0.5) * ch,
                         (j - j0 + 1) * cw, ch);
        count += j - j0 + 1;
      }
  if (count > 0)
    {
      cairo_clip (cr);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.08 * a);
      cairo_paint (cr);
      cairo_set_line_width (cr, 1.2 * s);
      cairo_set_source_rgba (cr, 1, 1, 1, a);
      rs_draw_hatch (cr, plot, gap * s, dir > 0);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
  return count;
}

/* Where a unit of the axes is dead, hatched lightly (C4); the plateau,
 * where the whole gradient vanishes, hatched boldly (C5); each to be
 * labelled, into reg, when it is large enough to hold its label.
 * Returns the number of regions to label. */
static size_t
draw_dead (cairo_t *cr, const rs_plane *p, rs_rect plot, double s,
           plane_region *reg)
{
  size_t big = p->n * p->n / 12, nd = 0, np = 0, both = 0, nr = 0;

  for (size_t k = 0; k < p->n * p->n; k++)
    {
      nd += p->deader[k];
      np += p->plateau[k];
      both += p->deader[k] && p->plateau[k];
    }
  /* where the plateau is the dead region (one unit), one hatch says it */
  /* along random directions or principal components every unit moves,
   * and "more units dead than the fewest" no longer names one unit */
  int named = p->view->axes == RS_AXES_DEFAULT
              || p->view->axes == RS_AXES_PARAMS;
  int dead = both >= 0.9 * nd && nd > 0;

  if (named && nd > 0 && both < 0.9 * nd
      && hatch_cells (cr, p, p->deader, plot, s, -1, 14.0, 0.28)
         > big)
    {
      reg[nr] = (plane_region) { p->deader, "<b>a unit is dead</b>\nits "
                                 "gradient is 0", "<b>a unit is dead</b>",
                                 60 };
      nr++;
    }
  if (np > 0
      && hatch_cells (cr, p, p->plateau, plot, s, 1, 11.0, 0.45)
         > big && rs_plane_plateau_label (p, dead))
    {
      reg[nr] = (plane_region) { p->plateau, "", "", 70 };
      snprintf (reg[nr].text, sizeof reg[nr].text, "%s",
                rs_plane_plateau_label (p, dead));
      snprintf (reg[nr].brief, sizeof reg[nr].brief, "%s",
                dead ? "<b>dead</b>: ∇L = 0" : "<b>plateau</b>");
      nr++;
    }
  return nr;
}

const char *
rs_plane_plateau_label (const rs_plane *p, int dead)
{
  /* outlined, the old plateau's own label says what it is (at the
     morph's start it is this plateau): one label at a time */
  if (p->old_outline != NULL && p->old_contours != NULL)
    return NULL;
  return dead ? "<b>dead</b>: a flat plateau\n∇L = 0"
         : "<b>plateau</b>: ∇L = 0";
}

typedef struct {
  const rs_plane *p;
  rs_rect plot;
} path_job;

static unsigned
plane_point (void *data, size_t i, double *x, double *y)
{
  const path_job *job = data;
  double u = job->p->pu[i], v = job->p->pv[i];

  /* the path ends where the ball is (mid-kick: the points of the kick's
   * step after it are where the ball is going) */
  if (i == job->p->shown || (job->p->kick_at > 0 && i >= job->p->kick_at))
    ball_point (job->p, &u, &v);
  rs_plane_map (job->p, job->plot, u, v, x, y);
  return rs_sim_recorded (job->p->sim, i)->events;
}

/* The path with a dark halo, broken at kicks and restarts; kicks as
 * arrows; the start ringed; markers at the steps when they are few. */
static void
draw_path (cairo_t *cr, const rs_plane *p, rs_rect plot, double s)
{
  path_job job = { p, plot };
  double x, y, px = 0, py = 0;

  cairo_save (cr);
  cairo_rectangle (cr, plot.x, plot.y, plot.width, plot.height);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  rs_draw_path_line (cr, p->shown + 1, plane_point, &job, s);
  for (size_t i = 0; i <= p->shown; i++)
    {
      rs_plane_map (p, plot, p->pu[i], p->pv[i], &x, &y);
      rs_draw_path_mark (cr, px, py, x, y,
                         rs_sim_recorded (p->sim, i)->events, i,
                         p->shown < 400, s);
      px = x;
      py = y;
    }
  rs_plane_draw_path_labels (cr, p, s);
  cairo_restore (cr);
}

/* Ticks with their numbers along an axis of the plot, and its title. */
static void
draw_axis (cairo_t *cr, rs_rect plot, rs_interval r, int horizontal,
           const char *title, const rs_theme *th, const char *font, double s)
{
  /* about one tick per 55 units of length, 2 to 6 of them */
  double room = (horizontal ? plot.width : plot.height) / (55.0 * s);
  double step = rs_draw_nice_step (r.hi - r.lo, (int) fmax (2.0, fmin (6.0,
                                                                  room)));
  long k0 = (long) ceil (r.lo / step - 1e-9);
  long k1 = (long) floor (r.hi / step + 1e-9);
  double t = 5.0 * s, wmax = 0.0;
  char buf[32];

  rs_theme_set (cr, th->fg);
  cairo_set_line_width (cr, 1.0 * s);
  for (long k = k0; k <= k1; k++)
    {
      double v = k * step, f = (v - r.lo) / (r.hi - r.lo);
      double x = horizontal ? plot.x + f * plot.width : plot.x;
      double y = horizontal ? plot.y + plot.height
                            : plot.y + (1.0 - f) * plot.height;

      cairo_move_to (cr, x, y);
      cairo_line_to (cr, horizontal ? x : x - t, horizontal ? y + t : y);
      cairo_stroke (cr);
      snprintf (buf, sizeof buf, "%g", fabs (v) < 1e-12 * step ? 0.0 : v);
      if (horizontal)
        rs_text (cr, font, x, y + t + 2 * s, buf, 11 * s, 0, 0.5, 0, 0);
      else
        wmax = fmax (wmax, rs_text (cr, font, x - t - 3 * s, y, buf, 11 * s,
                                    0, 1, 0.5, 0));
    }
  if (horizontal)
    rs_text (cr, font, plot.x + plot.width / 2,
             plot.y + plot.height + 24 * s, title, 13 * s, 0, 0.5, 0, 0);
  else
    rs_text (cr, font, plot.x - t - 8 * s - wmax,
             plot.y + plot.height / 2, title, 13 * s, 0, 0.5, 1, -M_PI / 2);
}

/* The plot's frame, its ticks and its axes' titles. */
static void
draw_frame (cairo_t *cr, const rs_plane *p, rs_rect plot, const rs_theme *th,
            const char *font, double s)
{
  rs_theme_set (cr, th->fg);
  cairo_set_line_width (cr, 1.0 * s);
  cairo_rectangle (cr, plot.x, plot.y, plot.width, plot.height);
  cairo_stroke (cr);
  draw_axis (cr, plot, p->ur, 1, p->umark, th, font, s);
  draw_axis (cr, plot, p->vr, 0, p->vmark, th, font, s);
}

/* The title of the panel in r, shortened when the cell is narrow. */
static void
draw_title (cairo_t *cr, rs_rect r, const rs_plane *p, const rs_theme *th,
            const char *font, double s)
{
  char title[240];
  double tw;

  rs_plane_title (p, title, sizeof title);
  rs_text_size (cr, font, title, 12 * s, 0, &tw, NULL);
  if (tw > r.width - 74 * s && p->picked)   /* too long: name the unit */
    {
      snprintf (title, sizeof title, "<b>%s</b> · unit %zu:%zu", p->view->kind
                == RS_VIEW_BASIN ? "Basin map" : "Loss landscape",
                p->pick.focus.unit.layer, p->pick.focus.unit.unit);
      rs_text_size (cr, font, title, 12 * s, 0, &tw, NULL);
    }
  if (tw > r.width - 74 * s)   /* too long for the cell: the name alone */
    snprintf (title, sizeof title, "<b>%s</b>%s", p->view->kind
              == RS_VIEW_BASIN ? "Basin map" : "Loss landscape",
              p->view->pinned ? " · pinned" : "");
  rs_theme_set (cr, th->fg);
  rs_text (cr, font, r.x + 70 * s, r.y + 4 * s, title, 12 * s, 0, 0, 0, 0);
}

/* What stays from frame to frame: the title, the heatmap with contours
 * and hatching, the frame, the axes and the colour bar. */
static void
draw_still (cairo_t *cr, rs_rect r, const rs_plane *p, const rs_theme *th,
            const char *font, double s)
{
  rs_rect plot = rs_plane_plot_rect (r, s);

  plane_region reg[3];
  size_t nr;

  draw_title (cr, r, p, th, font, s);
  rs_landscape_draw_heat (cr, p->land, plot);
  rs_landscape_draw_contours (cr, p->land, plot, s);
  nr = draw_dead (cr, p, plot, s, reg);
  rs_plane_draw_old_plateau (cr, p, plot, s);
  if (rs_plane_old_label (p, reg[nr].text, sizeof reg[nr].text))
    {
      reg[nr].mask = p->old_plateau;
      reg[nr].brief[0] = '\0';
      reg[nr++].prio = 70;
    }
  cairo_save (cr);
  cairo_rectangle (cr, plot.x, plot.y, plot.width, plot.height);
  cairo_clip (cr);
  rs_plane_draw_labels (cr, p, plot, s, reg, nr);
  cairo_restore (cr);
  draw_frame (cr, p, plot, th, font, s);
  rs_landscape_draw_colour_bar (cr, p->land, plot, s, p->land->linear
                                ? "loss" : "loss (log scale)", font,
                                th->fg.r, th->fg.g, th->fg.b);
}

/* The still layer, from the cache when it was drawn for this cell, scale,
 * theme and font; drawn directly when it cannot be cached. */
static void
paint_still (cairo_t *cr, rs_rect r, const rs_plane *p, const rs_theme *th,
             const char *font, double s)
{
  struct plane_cache *c = p->cache;
  double x = floor (r.x), y = floor (r.y);
  int w = (int) ceil (r.x + r.width) - (int) x;
  int h = (int) ceil (r.y + r.height) - (int) y;

  if (!rs_draw_cacheable (cr) || w <= 0 || h <= 0)
    {
      draw_still (cr, r, p, th, font, s);
      return;
    }
  if (c->img == NULL || c->stale || c->x != r.x || c->y != r.y
      || c->w != r.width || c->h != r.height || c->s != s || c->th != th
      || strcmp (c->font, font != NULL ? font : "") != 0)
    {
      cairo_t *cc;

      /* an image of the same size is cleared and drawn into again (the
       * frames of a morph): no new memory at each frame */
      if (c->img != NULL && (cairo_image_surface_get_width (c->img) != w
                             || cairo_image_surface_get_height (c->img)
                                != h))
        {
          cairo_surface_destroy (c->img);
          c->img = NULL;
        }
      if (c->img == NULL)
        c->img = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
      cc = cairo_create (c->img);
      cairo_set_operator (cc, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cc);
      cairo_set_operator (cc, CAIRO_OPERATOR_OVER);
      rs_text_set_family (cc, rs_text_family (cr));
      cairo_translate (cc, -x, -y);
      draw_still (cc, r, p, th, font, s);
      cairo_destroy (cc);
      *c = (struct plane_cache) { c->img, r.x, r.y, r.width, r.height, s,
                                  th, "", 0 };
      snprintf (c->font, sizeof c->font, "%s", font != NULL ? font : "");
    }
  cairo_set_source_surface (cr, c->img, x, y);
  cairo_paint (cr);
}

static void
draw_flat (cairo_t *cr, rs_rect r, const rs_plane *p, const rs_theme *th,
           const char *font, double s)
{
  rs_rect plot = rs_plane_plot_rect (r, s);
  double x, y, u, v;

  paint_still (cr, r, p, th, font, s);
  if (p->runs != NULL)
    {
      rs_plane_draw_runs (cr, p, plot, th, s);
      return;
    }
  if (!p->hide_path)
    draw_path (cr, p, plot, s);
  ball_point (p, &u, &v);
  rs_plane_map (p, plot, u, v, &x, &y);
  cairo_save (cr);
  cairo_rectangle (cr, plot.x, plot.y, plot.width, plot.height);
  cairo_clip (cr);
  if (p->arrow)
    rs_plane_draw_arrow (cr, p, plot, x, y, s);
  rs_draw_ball_at (cr, x, y, s);
  cairo_restore (cr);
}

/* ---- Drawing: the basin map ---- */

/* Where a start ends: the valley alive, the plateau dead; a divergence
 * in the text's colour, the palette's event colour kept for events. */
static rs_rgb
outcome_colour (rs_basin_outcome o, const rs_theme *th)
{
  switch (o)
    {
    case RS_BASIN_VALLEY:
      return th->alive;
    case RS_BASIN_PLATEAU:
      return th->dead;
    case RS_BASIN_DIVERGED:
      return th->fg;
    default:
      return th->grid;
    }
}

static void
draw_basin (cairo_t *cr, rs_rect r, const rs_plane *p, const rs_theme *th,
            const char *font, double s)
{
  rs_rect plot = rs_plane_plot_rect (r, s);
  size_t n = p->n, count[4] = { 0, 0, 0, 0 };
  double cw = plot.width / (double) n, ch = plot.height / (double) n;
  double x, y, ly = plot.y;

  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++)
      {
        rs_basin_outcome o = rs_basin_get (p->basin, i, j, NULL);

        count[o <= RS_BASIN_MOVING ? o : RS_BASIN_MOVING]++;
        rs_theme_set (cr, outcome_colour (o, th));
        cairo_rectangle (cr, plot.x + j * cw, plot.y + plot.height
                         - (i + 1) * ch, cw + 0.5, ch + 0.5);
        cairo_fill (cr);
      }
  /* the run's own path and start, on top */
  cairo_save (cr);
  cairo_rectangle (cr, plot.x, plot.y, plot.width, plot.height);
  cairo_clip (cr);
  cairo_new_path (cr);
  for (size_t i = 0; i <= p->shown; i++)
    {
      rs_plane_map_cells (p, plot, p->pu[i], p->pv[i], &x, &y);
      cairo_line_to (cr, x, y);
    }
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 2.0 * s);
  cairo_stroke (cr);
  rs_draw_ball_at (cr, x, y, s);
  cairo_restore (cr);
  draw_frame (cr, p, plot, th, font, s);
  for (int o = 0; o < 4; o++)
    {
      char buf[64];

      snprintf (buf, sizeof buf, "%s %.0f %%",
                rs_basin_outcome_name ((rs_basin_outcome) o),
                100.0 * count[o] / (double) (n * n));
      rs_theme_set (cr, outcome_colour ((rs_basin_outcome) o, th));
      cairo_rectangle (cr, plot.x + plot.width + 12 * s, ly, 12 * s, 12 * s);
      cairo_fill (cr);
      rs_theme_set (cr, th->fg);
      rs_text (cr, font, plot.x + plot.width + 28 * s, ly + 6 * s, buf,
               11 * s, 0, 0, 0.5, 0);
      ly += 20 * s;
    }
}

void
rs_plane_draw (cairo_t *cr, rs_rect r, const rs_plane *p,
               const rs_theme *th, const char *font, double s)
{
  cairo_save (cr);
  if (p->basin != NULL || p->view->three_d)
    draw_title (cr, r, p, th, font, s);
  if (p->basin != NULL)
    draw_basin (cr, r, p, th, font, s);
  else if (p->view->three_d)
    rs_plane_draw_3d (cr, r, p, th, font, s);
  else
    draw_flat (cr, r, p, th, font, s);
  cairo_restore (cr);
}
