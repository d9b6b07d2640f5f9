/* surface.c: the loss and friends over a grid on a slice, coarse to fine,
 * shared among the cores, each point by the generic forward and backward
 * pass unless a fast path of surface_fast.c applies; and the single
 * neuron's grid of (w, b). */
#include <config.h>

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "grid_private.h"
#include "reluscape/rs_surface.h"
#include "surface_private.h"

/* Grid points per rs_surface_iterate. */
#define BATCH 2048

double
rs_surface_coord (rs_interval r, size_t k, size_t n)
{
  if (k + 1 == n)
    return r.hi;
  return rs_interval_lerp (r, (double) k / (double) (n - 1));
}

static int
range_ok (rs_interval r)
{
  return isfinite (r.lo) && isfinite (r.hi) && r.lo < r.hi;
}

/* Every asked value at grid point g by a forward (and backward) pass of
 * the worker's network. */
static void
full_point (rs_surface *s, rs_surface_worker *wk, size_t g, double u,
            double v)
{
  double loss;
  gsl_vector *grad = s->what & RS_SURFACE_GRAD ? wk->grad : NULL;

  rs_slice_point (s->sl, u, v, wk->theta);
  memcpy (rs_net_params (wk->net)->data, wk->theta,
          s->sl->np * sizeof (double));
  rs_loss_net (wk->net, s->loss, s->d, wk->w, &loss, grad, NULL);
  s->val[0][g] = loss;
  if (grad != NULL)
    s->val[1][g] = gsl_blas_dnrm2 (grad);
  if (s->what & RS_SURFACE_DEAD)
    s->val[2][g] = (double) rs_net_dead_count (wk->net, wk->w);
}

static void
eval_point (rs_surface *s, rs_surface_worker *wk, size_t g)
{
  double u = rs_surface_coord (s->ur, g % s->nu, s->nu);
  double v = rs_surface_v (s, g / s->nu);

  if (!surface_fast_point (s, wk, g, u, v))
    full_point (s, wk, g, u, v);
  s->done[g] = 1;
}

/* Each thread's network, workspace and buffers. */
static int
alloc_workers (rs_surface *s)
{
#ifdef _OPENMP
  s->nthreads = omp_get_max_threads ();
#else
  s->nthreads = 1;
#endif
  s->workers = calloc ((size_t) s->nthreads, sizeof *s->workers);
  if (s->workers == NULL)
    return RS_ENOMEM;
  for (int t = 0; t < s->nthreads; t++)
    {
      rs_surface_worker *wk = &s->workers[t];

      wk->net = rs_net_clone (s->net, NULL);
      wk->w = wk->net != NULL ? rs_net_workspace_alloc (wk->net, s->d->n,
                                                        NULL) : NULL;
      wk->grad = gsl_vector_alloc (s->sl->np);
      wk->theta = malloc (s->sl->np * sizeof (double));
      wk->out = malloc (rs_net_units (s->net, rs_net_layers (s->net))
                        * s->d->n * sizeof (double));
      wk->a = malloc (s->d->n * sizeof (double));
      if (wk->w == NULL || wk->grad == NULL || wk->theta == NULL
          || wk->out == NULL || wk->a == NULL)
        return RS_ENOMEM;
    }
  return RS_OK;
}

/* The copies of the slice and the data, the grids and the order. */
static int
alloc_grids (rs_surface *s, const rs_slice *sl, const rs_data *d)
{
  size_t n = s->nu * s->nv;

  s->d = rs_data_clone (d, NULL);
  s->sl = rs_slice_clone (sl, NULL);
  s->done = calloc (n, 1);
  s->order = malloc (n * sizeof *s->order);
  for (int q = 0; q < 3; q++)
    s->val[q] = malloc (n * sizeof (double));
  if (s->d == NULL || s->sl == NULL || s->done == NULL || s->order == NULL
      || s->val[0] == NULL || s->val[1] == NULL || s->val[2] == NULL)
    return RS_ENOMEM;
  for (size_t g = 0; g < n; g++)
    s->val[0][g] = s->val[1][g] = s->val[2][g] = NAN;
  /* the network's own parameters are the slice's centre */
  memcpy (rs_net_params (s->net)->data, sl->theta0,
          sl->np * sizeof (double));
  s->npreview = rs_grid_order (s->nu, s->nv, s->order, &s->k);
  return RS_OK;
}

/* Arguments a surface cannot be made from, with the reason. */
static int
check_args (const rs_net *net, const rs_loss_type *loss, const rs_data *d,
            const rs_slice *sl, size_t nu, size_t nv, rs_interval ur,
            rs_interval vr, double eps, rs_error *err)
{
  if (nu < 2 || nv < 1 || nu > 4096 || nv > 4096)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "a grid has 2 to 4096 points along u and 1 to 4096 "
                         "along v, not %zu x %zu", nu, nv);
  if (!range_ok (ur) || (nv > 1 && !range_ok (vr)))
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "a grid's ranges must be finite with lo < hi");
  if (sl->np != rs_net_nparams (net))
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "the slice has %zu parameters, the network %zu",
                         sl->np, rs_net_nparams (net));
  if (!(eps >= 0.0))
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "the plateau's gradient norm must be >= 0");
  if (d->dim != rs_net_inputs (net))
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "the data has %zu inputs per point, the network "
                         "%zu", d->dim, rs_net_inputs (net));
  return rs_loss_check (loss, rs_net_outputs (net), d, err);
}

rs_surface *
rs_surface_alloc (const rs_net *net, const rs_loss_type *loss,
                  const rs_data *d, const rs_slice *sl, size_t nu, size_t nv,
                  rs_interval ur, rs_interval vr, unsigned what, double eps,
                  rs_error *err)
{
  rs_surface *s;

  if (check_args (net, loss, d, sl, nu, nv, ur, vr, eps, err) != RS_OK)
    return NULL;
  s = calloc (1, sizeof *s);
  if (s == NULL)
    goto nomem;
  *s = (rs_surface) { .loss = loss, .nu = nu, .nv = nv, .ur = ur, .vr = vr,
                      .what = what | RS_SURFACE_LOSS, .eps = eps };
  s->net = rs_net_clone (net, NULL);
  if (s->net == NULL || alloc_grids (s, sl, d) != RS_OK
      || alloc_workers (s) != RS_OK
      || surface_fast_setup (s) != RS_OK)
    goto nomem;
  return s;

nomem:
  rs_surface_free (s);
  rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory for a %zu x %zu "
                "grid", nu, nv);
  return NULL;
}

void
rs_surface_free (rs_surface *s)
{
  if (s == NULL)
    return;
  for (int t = 0; s->workers != NULL && t < s->nthreads; t++)
    {
      rs_net_free (s->workers[t].net);
      rs_net_workspace_free (s->workers[t].w);
      if (s->workers[t].grad != NULL)
        gsl_vector_free (s->workers[t].grad);
      free (s->workers[t].theta);
      free (s->workers[t].out);
      free (s->workers[t].a);
    }
  free (s->workers);
  surface_fast_free (s);
  for (int q = 0; q < 3; q++)
    free (s->val[q]);
  free (s->done);
  free (s->order);
  rs_slice_free (s->sl);
  rs_data_free (s->d);
  rs_net_free (s->net);
  free (s);
}

/* Points order[first .. last - 1], shared among the threads free now. */
static void
eval_points (rs_surface *s, size_t first, size_t last)
{
  long q;

#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic, 16) num_threads(rs_threads_now (s->nthreads))
#endif
  for (q = (long) first; q < (long) last; q++)
    {
#ifdef _OPENMP
      rs_surface_worker *wk = &s->workers[omp_get_thread_num ()];
#else
      rs_surface_worker *wk = &s->workers[0];
#endif
      eval_point (s, wk, s->order[q]);
    }
}

int
rs_surface_iterate (rs_surface *s)
{
  size_t total = s->nu * s->nv, first = s->next;
  size_t last = rs_grid_batch_end (first, total, s->npreview, BATCH);

  if (first >= total)
    return RS_EINVAL;
  eval_points (s, first, last);
  s->next = last;
  return RS_OK;
}

/* Every remaining point in one batch: no one waits for a preview here,
 * and each batch costs a look at the free processors (rs_threads_now
 * reads /proc) and a start of the threads.  A point's values do not
 * depend on its batch. */
void
rs_surface_run (rs_surface *s)
{
  size_t total = s->nu * s->nv;

  if (s->next < total)
    eval_points (s, s->next, total);
  s->next = total;
}

size_t
rs_surface_done (const rs_surface *s)
{
  return s->next;
}

int
rs_surface_preview_ready (const rs_surface *s)
{
  return s->next >= s->npreview;
}

int
rs_surface_complete (const rs_surface *s)
{
  return s->next == s->nu * s->nv;
}

size_t
rs_surface_nu (const rs_surface *s)
{
  return s->nu;
}

size_t
rs_surface_nv (const rs_surface *s)
{
  return s->nv;
}

double
rs_surface_u (const rs_surface *s, size_t j)
{
  return rs_surface_coord (s->ur, j, s->nu);
}

double
rs_surface_v (const rs_surface *s, size_t i)
{
  return s->nv == 1 ? 0.0 : rs_surface_coord (s->vr, i, s->nv);
}

/* The nearest preview index to i on a side of n points. */
static size_t
preview_index (const rs_surface *s, size_t i, size_t n)
{
  size_t c = (i + s->k / 2) / s->k * s->k;

  while (c >= n)
    c -= s->k;
  return c;
}

double
rs_surface_value (const rs_surface *s, unsigned what, size_t i, size_t j)
{
  int q = what == RS_SURFACE_GRAD ? 1 : what == RS_SURFACE_DEAD ? 2 : 0;
  size_t g;

  if (i >= s->nv || j >= s->nu)
    return NAN;
  g = i * s->nu + j;
  if (!s->done[g])
    g = preview_index (s, i, s->nv) * s->nu + preview_index (s, j, s->nu);
  return s->done[g] ? s->val[q][g] : NAN;
}

int
rs_surface_plateau (const rs_surface *s, size_t i, size_t j)
{
  return rs_surface_value (s, RS_SURFACE_GRAD, i, j) < s->eps;
}

int
rs_surface_loss (const rs_neuron *u, const rs_data *d, rs_interval wr,
                 rs_interval br, gsl_matrix *loss)
{
  rs_neuron v = *u;
  /* ReLU and Leaky ReLU inline, with the very expressions of act.c and
   * rs_loss_mse, so that the grid is the same to the bit, several times
   * faster than through the family's table */
  double slope = u->act == rs_act_relu ? 0.0 : u->alpha;
  int inline_act = u->act == rs_act_relu || u->act == rs_act_leaky_relu;

  if (loss->size1 < 2 || loss->size2 < 2 || !range_ok (wr) || !range_ok (br))
    return RS_EINVAL;
  for (size_t i = 0; i < loss->size1; i++)
    {
      v.b = rs_surface_coord (br, i, loss->size1);
      for (size_t j = 0; j < loss->size2; j++)
        {
          double sum = 0.0;

          v.w = rs_surface_coord (wr, j, loss->size2);
          if (!inline_act)
            {
              gsl_matrix_set (loss, i, j, rs_loss_mse (&v, d));
              continue;
            }
          for (size_t k = 0; k < d->n; k++)
            {
              double z = v.w * d->x[k] + v.b;
              double r = (z > 0.0 ? z : u->act == rs_act_relu ? 0.0
                                                               : slope * z)
                         - d->y[k];

              sum += r * r;
            }
          gsl_matrix_set (loss, i, j, sum / (double) d->n);
        }
    }
  return RS_OK;
}

/* Whether some parameter that direction d moves (u in r, n points)
 * changes by 16 ulps or more per step, the other direction reaching
 * `other` in size times e. */
static int
axis_resolves (const rs_slice *sl, const double *d, const double *e,
               rs_interval r, double other, size_t n)
{
  double step = (r.hi - r.lo) / (double) (n - 1);
  double reach = fmax (fabs (r.lo), fabs (r.hi));

  if (!(r.lo < r.hi) || !isfinite (step) || n < 2)
    return 0;
  for (size_t k = 0; k < sl->np; k++)
    {
      double top = fabs (sl->theta0[k]) + reach * fabs (d[k])
                   + (e != NULL ? other * fabs (e[k]) : 0.0);

      if (d[k] != 0.0 && isfinite (top)
          && step * fabs (d[k]) >= 16.0 * DBL_EPSILON * top)
        return 1;
    }
  return 0;
}

int
rs_surface_resolves (const rs_slice *sl, rs_interval ur, rs_interval vr,
                     size_t nu, size_t nv)
{
  double ru = fmax (fabs (ur.lo), fabs (ur.hi));
  double rv = fmax (fabs (vr.lo), fabs (vr.hi));

  if (nv < 2)
    return axis_resolves (sl, sl->d1, NULL, ur, 0.0, nu);
  return axis_resolves (sl, sl->d1, sl->d2, ur, rv, nu)
         && axis_resolves (sl, sl->d2, sl->d1, vr, ru, nv);
}
