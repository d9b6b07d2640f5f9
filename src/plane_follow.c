/* plane_follow.c: whether a plane still draws the surface the run is on.
 *
 * A landscape is the loss surface through the run's point at one step,
 * with that step's activations and bias warming's shift.  At another
 * step it is the same surface when those settings are the same and the
 * parameters it holds fixed have not moved: for two parameters by name,
 * every other parameter; for random directions (filter-normalised to the
 * point) every parameter; for principal components the trajectory
 * itself, so only the same step.  The kink is not a setting of the loss,
 * nor are decay or the optimiser.  Basin maps train from every start
 * with the scene's settings, and landscapes pinned to a step (view
 * landscape ... at STEP) are of that step: both stay as they were made. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plane.h"
#include "plane_private.h"

void
rs_plane_forget (rs_plane *p)
{
  if (p->cache != NULL && p->cache->img != NULL)
    {
      cairo_surface_destroy (p->cache->img);
      p->cache->img = NULL;
    }
}

size_t
rs_plane_at (const rs_plane *p)
{
  return p->at;
}

/* Whether the activations of a and b (networks of one shape) differ. */
static int
acts_differ (const rs_net *a, const rs_net *b)
{
  const rs_net_spec *sa = rs_net_get_spec (a), *sb = rs_net_get_spec (b);

  for (size_t l = 0; l < sa->layers; l++)
    if (sa->act[l] != sb->act[l] || sa->param[l] != sb->param[l])
      return 1;
  return 0;
}

/* Whether the parameters the plane holds fixed differ between recorded
 * points i and j. */
static int
fixed_moved (const rs_plane *p, size_t i, size_t j)
{
  const double *a = rs_sim_theta (p->sim, i), *b = rs_sim_theta (p->sim, j);
  const rs_slice *sl = p->slice;

  switch (p->view->axes)
    {
    case RS_AXES_PCA:
      return i != j;
    case RS_AXES_RANDOM:
      return memcmp (a, b, sl->np * sizeof *a) != 0;
    default:
      for (size_t k = 0; k < sl->np; k++)
        if (sl->d1[k] == 0.0 && sl->d2[k] == 0.0 && a[k] != b[k])
          return 1;
      return 0;
    }
}

int
rs_plane_stale (const rs_plane *p, size_t i)
{
  if (p->basin != NULL || p->land == NULL || p->view->pinned)
    return 0;
  if (i >= p->n_rec)
    i = p->n_rec - 1;
  if (i == p->at)
    return 0;
  if (rs_sim_recorded (p->sim, i)->gamma
      != rs_sim_recorded (p->sim, p->at)->gamma)
    return 1;
  if (rs_sim_net_at (p->sim, i, p->probe, 0) != RS_OK
      || acts_differ (p->net, p->probe))
    return 1;
  return fixed_moved (p, i, p->at);
}

rs_plane *
rs_plane_follow (rs_plane *p, size_t i, size_t n, rs_error *err)
{
  rs_plane *q;

  if (!rs_plane_stale (p, i))
    return p;
  q = rs_plane_alloc (p->scene, p->view, p->sim, i, n, err);
  if (q == NULL)
    return NULL;
  rs_plane_marks (q, !p->hide_path, p->arrow);
  rs_plane_free (p);
  return q;
}
