/* plane_compute.c: what a plane is made of, computed from the run.
 *
 * The plane passes through the run's point at `at` and is spanned by two
 * directions (rs_slice).  Its window is shown in the coordinates a reader
 * knows: a parameter's own value when the axes are parameters, the offset
 * along a direction otherwise; the library's grids are in offsets, so the
 * two differ by theta0's entries.  Here: the directions, the window and
 * the axes' names, the path projected onto the plane, the landscape's
 * loss, plateau and dead cells, the basin map's grid and the gradient at
 * the ball (rs_plane_build makes them in order for rs_plane_alloc). */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "draw/mathname.h"
#include "draw/plane.h"
#include "draw/plane_private.h"
#include "draw/slice_pick.h"

/* The points 0 .. at of the trajectory, row by row. */
static double *
trajectory (const rs_sim *sim, size_t at, size_t np)
{
  double *t = malloc ((at + 1) * np * sizeof *t);

  for (size_t i = 0; t != NULL && i <= at; i++)
    memcpy (t + i * np, rs_sim_theta (sim, i), np * sizeof *t);
  return t;
}

/* Random directions (filter-normalised), drawn from the scene's seed. */
static int
slice_random (rs_plane *p, const rs_net *net, rs_error *err)
{
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);
  int rc;

  if (r == NULL)
    return rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory");
  gsl_rng_set (r, p->scene->sim.seed);
  rc = rs_slice_random (p->slice, net, r, 1, 0, err);
  gsl_rng_free (r);
  return rc;
}

/* The principal components of the whole recorded run: one plane for
 * every step shown. */
static int
slice_pca (rs_plane *p, size_t np, rs_error *err)
{
  double *t;
  int rc;

  if (p->n_rec < 3)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "a pca view needs "
                         "at least 3 recorded points of the run, not "
                         "%zu", p->n_rec);
  if ((t = trajectory (p->sim, p->n_rec - 1, np)) == NULL)
    return rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory");
  rc = rs_slice_pca (p->slice, t, p->n_rec, err);
  free (t);
  return rc;
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
    rc = slice_random (p, net, err);
  else if (v->axes == RS_AXES_PCA)
    rc = slice_pca (p, np, err);
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

/* The window in the offsets along the directions that the library's
 * grids take: the window as shown less what turns an offset into it. */
static void
offset_window (const rs_plane *p, rs_interval *ou, rs_interval *ov)
{
  *ou = rs_interval_make (p->ur.lo - p->off_u, p->ur.hi - p->off_u);
  *ov = rs_interval_make (p->vr.lo - p->off_v, p->vr.hi - p->off_v);
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
  rs_interval ou, ov;
  double top = 0.0;

  offset_window (p, &ou, &ov);
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
  rs_interval ou, ov;
  rs_slice *sl = rs_slice_clone (p->slice, err);
  rs_surface *s;

  if (sl == NULL)
    return NULL;
  offset_window (p, &ou, &ov);
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
  rs_interval ou, ov;

  offset_window (p, &ou, &ov);
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

int
rs_plane_build (rs_plane *p, rs_error *err)
{
  /* the directions through the point as recorded, the surface through
   * it as the run trained (warming's shift added) */
  int rc = rs_sim_net_at (p->sim, p->at, p->net, 0);

  if (rc == RS_OK)
    rc = make_slice (p, p->net, err);
  if (rc == RS_OK)
    rc = rs_sim_net_at (p->sim, p->at, p->net, 1);
  if (rc == RS_OK)
    {
      make_window (p);
      rc = make_path (p, err);
    }
  if (rc == RS_OK)
    rc = fit_window (p, err);
  if (rc == RS_OK)
    rc = check_window (p, err);
  if (rc == RS_OK && p->view->kind == RS_VIEW_BASIN)
    return make_basin (p, err);
  if (rc == RS_OK && (rc = rs_plane_old_plateau (p, err)) == RS_OK)
    rc = rs_plane_blend (p, 1.0, err);
  return rc;
}
