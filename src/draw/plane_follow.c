/* plane_follow.c: whether a plane still draws the surface the run is on.
 *
 * A landscape is the loss surface through the run's point at one step,
 * with that step's activations and bias warming's shift.  At another
 * step it is the same surface when those settings are the same and the
 * parameters it holds fixed have not moved: for two parameters by name,
 * every other parameter; for random directions (filter-normalised to the
 * point) and for principal components (of the whole run, the plane
 * through the point shown) every parameter.  The kink is not a setting of the loss,
 * nor are decay or the optimiser.  Basin maps train from every start
 * with the scene's settings, and landscapes pinned to a step (view
 * landscape ... at STEP) are of that step: both stay as they were made. */
#include <config.h>

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_matrix.h>

#include "draw/plane.h"
#include "draw/plane_private.h"

void
rs_plane_forget (rs_plane *p)
{
  if (p->cache != NULL)
    p->cache->stale = 1;
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
  rs_plane_set_runs (q, p->runs);
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

/* A copy of grid m, or NULL. */
static gsl_matrix *
copy_grid (const gsl_matrix *m)
{
  gsl_matrix *c = gsl_matrix_alloc (m->size1, m->size2);

  if (c != NULL)
    gsl_matrix_memcpy (c, m);
  return c;
}

/* A copy of an n x n mask, or NULL. */
static unsigned char *
copy_mask (const unsigned char *m, size_t n)
{
  unsigned char *c = malloc (n * n);

  if (c != NULL)
    memcpy (c, m, n * n);
  return c;
}

/* Whether the morph's loss is quadratic in t (see plane_private.h). */
static int
is_quadratic (const rs_plane *p)
{
  const rs_net_spec *sn = rs_net_get_spec (p->net);
  const rs_net_spec *so = rs_net_get_spec (p->old);
  size_t L = sn->layers, changed = 0, which = 0;

  if (rs_sim_loss (p->sim) != rs_loss_mse_type)
    return 0;
  for (size_t l = 1; l <= L; l++)
    if (sn->act[l - 1] != so->act[l - 1] || sn->param[l - 1]
                                            != so->param[l - 1])
      {
        if (relu_alpha (sn->act[l - 1], sn->param[l - 1]) < 0.0
            || relu_alpha (so->act[l - 1], so->param[l - 1]) < 0.0)
          return 0;
        changed++;
        which = l;
      }
  return changed == 1 && (which == L || (which + 1 == L && L >= 2
                                         && sn->act[L - 1]
                                            == rs_act_identity));
}

/* The quadratic morph at t: the loss from its values at 0, 1/2 and 1
 * (Lagrange), the masks of t = 0 or, once any alpha has moved, of the
 * side whose alpha is not 0 (an alpha above 0 tilts the plateau). */
static int
quad_blend (rs_plane *p, double t, rs_error *err)
{
  size_t n = p->n;
  gsl_matrix *loss = gsl_matrix_alloc (n, n);
  double c0 = 2.0 * (t - 0.5) * (t - 1.0), ch = -4.0 * t * (t - 1.0);
  double c1 = 2.0 * t * (t - 0.5);
  int side = t > 0.0 && first_alpha (p->net) > 0.0;

  if (loss == NULL)
    return rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory");
  for (size_t k = 0; k < n * n; k++)
    loss->data[k] = c0 * p->mq[0]->data[k] + ch * p->mq[1]->data[k]
                    + c1 * p->mq[2]->data[k];
  memcpy (p->plateau, p->mplateau[side], n * n);
  memcpy (p->deader, p->mdeader[side], n * n);
  return rs_plane_set_loss (p, loss, err);
}

/* The grids of the quadratic morph that are not there yet: t = 1 from
 * the settled landscape, t = 1/2 computed (the loss alone). */
static int
quad_prepare (rs_plane *p, rs_error *err)
{
  rs_net *net;
  rs_surface *s;

  if (p->mq[2] == NULL)
    {
      if (p->morph != 1.0)
        return RS_EINVAL;
      p->mq[2] = copy_grid (p->land->loss);
      p->mplateau[1] = copy_mask (p->plateau, p->n);
      p->mdeader[1] = copy_mask (p->deader, p->n);
      if (p->mq[2] == NULL || p->mplateau[1] == NULL
          || p->mdeader[1] == NULL)
        return rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory");
    }
  if (p->mq[1] != NULL)
    return RS_OK;
  if ((net = rs_net_clone (p->net, err)) == NULL)
    return RS_ENOMEM;
  blend_acts (net, p->old, 0.5);
  s = rs_plane_surface (p, net, RS_SURFACE_LOSS, err);
  rs_net_free (net);
  if (s == NULL)
    return RS_ENOMEM;
  if ((p->mq[1] = gsl_matrix_alloc (p->n, p->n)) != NULL)
    for (size_t i = 0; i < p->n; i++)
      for (size_t j = 0; j < p->n; j++)
        gsl_matrix_set (p->mq[1], i, j,
                        rs_surface_value (s, RS_SURFACE_LOSS, i, j));
  rs_surface_free (s);
  return p->mq[1] != NULL ? RS_OK
         : rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory");
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

/* The old plateau's outline: the level 1/2 of its mask, smoothed. */
static int
old_plateau_outline (rs_plane *p)
{
  gsl_matrix *mask = gsl_matrix_alloc (p->n, p->n);
  double half = 0.5;

  if (mask == NULL)
    return RS_ENOMEM;
  smooth_mask (p->old_plateau, p->n, mask);
  rs_landscape_free (p->old_outline);
  p->old_outline = rs_landscape_lines (mask, p->ur, p->vr, &half, 1, NULL);
  return p->old_outline != NULL ? RS_OK : RS_ENOMEM;
}

/* Contours of the current loss inside the old plateau, at about 6 round
 * levels over its own range there: a plateau tilted by Leaky ReLU's
 * small alpha shows its slope. */
int
rs_plane_old_lines (rs_plane *p)
{
  size_t n = p->n, nl = 0;
  gsl_matrix *loss = gsl_matrix_alloc (n, n);
  double lo = HUGE_VAL, hi = -HUGE_VAL, lev[RS_LANDSCAPE_MAX_LEVELS];

  if (loss == NULL)
    return RS_ENOMEM;
  gsl_matrix_memcpy (loss, p->land->loss);
  for (size_t k = 0; k < n * n; k++)
    if (p->old_plateau[k] && loss->data[k] <= DBL_MAX)
      {
        lo = fmin (lo, loss->data[k]);
        hi = fmax (hi, loss->data[k]);
      }
  p->old_step = 0.0;
  if (hi - lo > 1e-9 * fmax (1.0, fabs (hi)))
    {
      p->old_step = rs_draw_nice_step (hi - lo, 6);
      for (double k = floor (lo / p->old_step) + 1; k * p->old_step < hi
           && nl < RS_LANDSCAPE_MAX_LEVELS; k++)
        lev[nl++] = k * p->old_step;
    }
  rs_landscape_free (p->old_contours);
  p->old_contours = rs_landscape_lines (loss, p->ur, p->vr, lev, nl, NULL);
  return p->old_contours != NULL ? RS_OK : RS_ENOMEM;
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
  rs_plane_drop_morph (p);
}

void
rs_plane_drop_morph (rs_plane *p)
{
  for (int k = 0; k < 3; k++)
    {
      if (p->mq[k] != NULL)
        gsl_matrix_free (p->mq[k]);
      p->mq[k] = NULL;
    }
  for (int k = 0; k < 2; k++)
    {
      free (p->mplateau[k]);
      free (p->mdeader[k]);
      p->mplateau[k] = p->mdeader[k] = NULL;
    }
  p->quad = 0;
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
  if (p->quad && p->old_plateau != NULL && (t < 1.0 || p->mq[2] != NULL)
      && (rc = quad_prepare (p, err)) == RS_OK)
    rc = quad_blend (p, t, err);
  else
    rc = rs_plane_compute (p, net, err);
  rs_net_free (net);
  if (rc == RS_OK && p->old_plateau != NULL)
    rc = rs_plane_old_lines (p);
  p->morph = t;
  p->kick_t = 1.0;
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
  if (rc == RS_OK)
    p->mq[0] = copy_grid (p->land->loss);
  rs_landscape_free (p->land);
  p->old_plateau = p->plateau;
  p->mdeader[0] = p->deader;
  p->land = land;
  p->plateau = now;
  p->deader = NULL;
  if (p->old_plateau == NULL)
    return rc != RS_OK ? rc : RS_ENOMEM;
  p->mplateau[0] = copy_mask (p->old_plateau, p->n);
  p->quad = is_quadratic (p);
  if (old_plateau_outline (p) != RS_OK)
    return rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory");
  for (size_t k = 0; rc == RS_OK && k < p->n * p->n; k++)
    any += p->old_plateau[k];
  if (rc != RS_OK || any == 0)
    drop_old_plateau (p);
  if (rc == RS_OK && any > 0 && (p->mq[0] == NULL || p->mplateau[0] == NULL
                                 || p->mdeader[0] == NULL))
    return rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory");
  return rc;
}

int
rs_plane_morph (rs_plane *p, double t, rs_error *err)
{
  t = t < 0.0 ? 0.0 : t > 1.0 ? 1.0 : t;
  if (p->basin != NULL)
    return RS_OK;
  if (rs_plane_kick_of (p, p->shown) > 0)
    return rs_plane_kick (p, t, err);
  /* a surface left mid-kick is computed again */
  if ((p->old == NULL || t == p->morph) && p->kick_t == 1.0)
    return RS_OK;
  return rs_plane_blend (p, p->old != NULL ? t : 1.0, err);
}

size_t
rs_plane_act_from (rs_plane *p)
{
  return p->old != NULL ? change_from (p, p->at) : (size_t) -1;
}

void
rs_plane_blend_acts (rs_net *net, const rs_net *old, double t)
{
  blend_acts (net, old, t);
}
