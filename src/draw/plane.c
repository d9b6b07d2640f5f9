/* plane.c: landscapes and basin maps of a plane of parameter space:
 * making one and freeing it, and what it tells its callers (its window,
 * its axes, the point shown, the ball).
 *
 * What a plane is made of is computed in plane_compute.c, drawn flat in
 * plane_draw.c and in 3-D in plane_3d.c; plane_follow.c and
 * plane_kick.c move it with the run and through its changes. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/plane.h"
#include "draw/plane_private.h"

static rs_plane *
plane_fail (rs_plane *p, rs_error *err, int code, const char *msg)
{
  rs_plane_free (p);
  rs_error_set (err, code, NULL, 0, 0, "%s", msg);
  return NULL;
}

/* The recorded point a plane of view v passes through when the figure
 * shows point at (past the last: the last): that point, or for a pinned
 * view the last recorded point at or before its step. */
static size_t
pinned_point (const rs_view *v, const rs_sim *sim, size_t at)
{
  if (at >= rs_sim_n_recorded (sim))
    at = rs_sim_n_recorded (sim) - 1;
  if (v->pinned)
    for (at = rs_sim_n_recorded (sim) - 1;
         at > 0 && rs_sim_recorded (sim, at)->step > v->pin_step; at--)
      ;
  return at;
}

/* A plane of view v with nothing computed yet: its settings, its caches
 * and two networks of the run's shape; NULL with err. */
static rs_plane *
plane_new (const rs_scene *sc, const rs_view *v, const rs_sim *sim,
           size_t at, size_t shown, size_t n, rs_error *err)
{
  rs_plane *p = calloc (1, sizeof *p);

  if (p == NULL)
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
  return p;
}

rs_plane *
rs_plane_alloc (const rs_scene *sc, const rs_view *v, const rs_sim *sim,
                size_t at, size_t n, rs_error *err)
{
  size_t shown = at < rs_sim_n_recorded (sim) ? at
                 : rs_sim_n_recorded (sim) - 1;
  rs_plane *p;

  if (v->grid > 0)
    n = v->grid;
  if (n < 2 || n > 4096)
    return plane_fail (NULL, err, RS_EINVAL, "a plane's grid has 2 to 4096 "
                       "points a side");
  p = plane_new (sc, v, sim, pinned_point (v, sim, at), shown, n, err);
  if (p != NULL && rs_plane_build (p, err) != RS_OK)
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
void
rs_plane_ball (const rs_plane *p, double *u, double *v)
{
  size_t i = p->kick_at > 0 ? p->kick_at : p->shown, h = i > 0 ? i - 1 : 0;

  *u = p->pu[h] + p->frac * (p->pu[i] - p->pu[h]);
  *v = p->pv[h] + p->frac * (p->pv[i] - p->pv[h]);
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
