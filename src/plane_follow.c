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

#include <float.h>
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

/* ---- The change of activation: the morph and the old plateau ---- */

/* The recorded point whose activations were the run's before the last
 * change of activation at or before point at (the point before the
 * change's own point, RS_EVENT_ACT), or (size_t) -1 when there is none. */
static size_t
change_from (const rs_plane *p, size_t at)
{
  rs_net *now = rs_net_clone (p->probe, NULL);
  size_t from = (size_t) -1;

  if (now == NULL || rs_sim_net_at (p->sim, at, now, 0) != RS_OK)
    {
      rs_net_free (now);
      return from;
    }
  for (size_t i = at; i > 0 && from == (size_t) -1; i--)
    if ((rs_sim_recorded (p->sim, i)->events & RS_EVENT_ACT)
        && rs_sim_net_at (p->sim, i - 1, p->probe, 0) == RS_OK
        && acts_differ (now, p->probe))
      from = i - 1;
  rs_net_free (now);
  return from;
}

/* Leaky ReLU's alpha of a ReLU-family activation (ReLU: 0), or -1 for
 * another family. */
static double
relu_alpha (const rs_act_type *t, double param)
{
  return t == rs_act_relu ? 0.0 : t == rs_act_leaky_relu ? param : -1.0;
}

/* net (the plane's network) with the activations of old, a network of
 * the same shape, moved towards its own by t in [0, 1]: each alpha of
 * the ReLU family from the old to the new linearly, another change of
 * family at t = 1/2. */
static void
blend_acts (rs_net *net, const rs_net *old, double t)
{
  const rs_net_spec *sn = rs_net_get_spec (net), *so = rs_net_get_spec (old);

  for (size_t l = 1; l <= sn->layers; l++)
    {
      const rs_act_type *a0 = so->act[l - 1], *a1 = sn->act[l - 1];
      double p0 = so->param[l - 1], p1 = sn->param[l - 1];
      double al0 = relu_alpha (a0, p0), al1 = relu_alpha (a1, p1);

      if (a0 == a1 && p0 == p1)
        continue;
      if (al0 >= 0.0 && al1 >= 0.0)
        rs_net_set_act (net, l, rs_act_leaky_relu, al0 + t * (al1 - al0),
                        NULL);
      else if (t < 0.5)
        rs_net_set_act (net, l, a0, p0, NULL);
    }
}

/* Leaky ReLU's alpha of net's first ReLU-family layer (ReLU: 0), or -1
 * when it has none. */
static double
first_alpha (const rs_net *net)
{
  const rs_net_spec *sp = rs_net_get_spec (net);

  for (size_t l = 0; l < sp->layers; l++)
    if (relu_alpha (sp->act[l], sp->param[l]) >= 0.0)
      return relu_alpha (sp->act[l], sp->param[l]);
  return -1.0;
}

/* A landscape of the same window as p's over grid, taken. */
static rs_landscape *
grid_landscape (const rs_plane *p, gsl_matrix *grid)
{
  return rs_landscape_from_grid (grid, p->ur, p->vr, p->scene->style.colormap,
                                 1, NULL);
}

/* The mask (0 or 1 at each grid point) blurred by a 3 x 3 binomial
 * kernel into m: its level 1/2 is the mask's edge without the grid's
 * staircase. */
static void
smooth_mask (const unsigned char *mask, size_t n, gsl_matrix *m)
{
  static const double w[3] = { 0.25, 0.5, 0.25 };

  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++)
      {
        double sum = 0.0, wsum = 0.0;

        for (int di = -1; di <= 1; di++)
          for (int dj = -1; dj <= 1; dj++)
            {
              long ii = (long) i + di, jj = (long) j + dj;

              if (ii < 0 || jj < 0 || ii >= (long) n || jj >= (long) n)
                continue;
              sum += w[di + 1] * w[dj + 1] * mask[ii * (long) n + jj];
              wsum += w[di + 1] * w[dj + 1];
            }
        gsl_matrix_set (m, i, j, sum / wsum);
      }
}

/* The old plateau's outline (the mask's level 1/2) and contours inside
 * it on the current loss, at about 6 round levels over its own range
 * there: a plateau tilted by Leaky ReLU's small alpha shows its slope. */
static int
old_plateau_lines (rs_plane *p)
{
  size_t n = p->n;
  gsl_matrix *mask = gsl_matrix_alloc (n, n), *loss;
  double lo = HUGE_VAL, hi = -HUGE_VAL, half = 0.5;
  double lev[RS_LANDSCAPE_MAX_LEVELS];
  size_t nl = 0;

  if (mask == NULL || (loss = gsl_matrix_alloc (n, n)) == NULL)
    {
      if (mask != NULL)
        gsl_matrix_free (mask);
      return RS_ENOMEM;
    }
  gsl_matrix_memcpy (loss, p->land->loss);
  smooth_mask (p->old_plateau, n, mask);
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++)
      {
        double v = gsl_matrix_get (loss, i, j);

        if (p->old_plateau[i * n + j] && v <= DBL_MAX)
          {
            lo = fmin (lo, v);
            hi = fmax (hi, v);
          }
      }
  if ((p->old_outline = grid_landscape (p, mask)) == NULL
      || (p->old_contours = grid_landscape (p, loss)) == NULL)
    return RS_ENOMEM;
  if (hi - lo > 1e-9 * fmax (1.0, fabs (hi)))
    {
      double step = rs_draw_nice_step (hi - lo, 6);

      for (double k = floor (lo / step) + 1; k * step < hi
           && nl < RS_LANDSCAPE_MAX_LEVELS; k++)
        lev[nl++] = k * step;
    }
  p->old_step = nl > 0 ? rs_draw_nice_step (hi - lo, 6) : 0.0;
  if (rs_landscape_set_levels (p->old_contours, lev, nl) != RS_OK
      || rs_landscape_set_levels (p->old_outline, &half, 1) != RS_OK)
    return RS_ENOMEM;
  return RS_OK;
}

/* Forget the old plateau. */
static void
drop_old_plateau (rs_plane *p)
{
  free (p->old_plateau);
  rs_landscape_free (p->old_outline);
  rs_landscape_free (p->old_contours);
  p->old_plateau = NULL;
  p->old_outline = p->old_contours = NULL;
}

int
rs_plane_blend (rs_plane *p, double t, rs_error *err)
{
  rs_net *net = rs_net_clone (p->net, err);
  int rc;

  if (net == NULL)
    return RS_ENOMEM;
  if (t < 1.0)
    blend_acts (net, p->old, t);
  p->alpha = first_alpha (net);
  rc = rs_plane_compute (p, net, err);
  rs_net_free (net);
  if (rc == RS_OK && p->old_plateau != NULL)
    {
      rs_landscape_free (p->old_outline);
      rs_landscape_free (p->old_contours);
      p->old_outline = p->old_contours = NULL;
      rc = old_plateau_lines (p);
    }
  p->morph = t;
  return rc;
}

int
rs_plane_old_plateau (rs_plane *p, rs_error *err)
{
  size_t from = change_from (p, p->at), any = 0;
  unsigned char *now;
  rs_landscape *land;
  int rc;

  drop_old_plateau (p);
  rs_net_free (p->old);
  p->old = NULL;
  if (from == (size_t) -1)
    return RS_OK;
  if ((p->old = rs_net_clone (p->net, err)) == NULL
      || rs_sim_net_at (p->sim, from, p->probe, 0) != RS_OK)
    return RS_ENOMEM;
  blend_acts (p->old, p->probe, 0.0);
  /* the plateau of the old surface through the same point */
  land = p->land;
  now = p->plateau;
  p->land = NULL;
  p->plateau = NULL;
  rc = rs_plane_compute (p, p->old, err);
  rs_landscape_free (p->land);
  p->old_plateau = p->plateau;
  p->land = land;
  p->plateau = now;
  if (p->old_plateau == NULL)
    return rc != RS_OK ? rc : RS_ENOMEM;
  for (size_t k = 0; rc == RS_OK && k < p->n * p->n; k++)
    any += p->old_plateau[k];
  if (rc != RS_OK || any == 0)
    drop_old_plateau (p);
  return rc;
}

int
rs_plane_morph (rs_plane *p, double t, rs_error *err)
{
  t = t < 0.0 ? 0.0 : t > 1.0 ? 1.0 : t;
  if (p->old == NULL || p->basin != NULL || t == p->morph)
    return RS_OK;
  return rs_plane_blend (p, t, err);
}
