/* surface.c: the loss and friends over a grid on a slice, coarse to fine,
 * shared among the cores; and the single neuron's grid of (w, b). */
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
#include "threads_private.h"
#include "net_private.h"
#include "reluscape/rs_surface.h"

/* Grid points per rs_surface_iterate. */
#define BATCH 2048

/* One thread's tools. */
typedef struct {
  rs_net *net;
  rs_net_workspace *w;
  gsl_vector *grad;
  double *theta;
  double *out;              /* outputs of the fast path, [k][n] */
  double *a;                /* one touched unit's outputs, n values */
} worker;

/* The fast path: the loss over directions touching layer 1 only, for
 * networks of 1 or 2 layers.  For the nt touched units t of layer 1,
 * z_t(u, v) = z0 + u zu + v zv at every point; the other units keep a0. */
typedef struct {
  int on;
  size_t nt;
  size_t unit[RS_NET_MAX_UNITS];
  double *z0, *zu, *zv, *a0;   /* [t][n] */
  double *next;                /* layer 2's base z, [c][n] */
  double *wn;                  /* W2[c][unit[t]], [c][t] */
} fast_path;

struct rs_surface {
  rs_net *net;
  const rs_loss_type *loss;
  rs_data *d;
  rs_slice *sl;
  size_t nu, nv;
  rs_interval ur, vr;
  unsigned what;
  double eps;
  double *val[3];           /* loss, gradient norm, dead units */
  unsigned char *done;
  size_t *order;
  size_t next, npreview, k;     /* done: order[0 .. next - 1] */
  int nthreads;
  worker *workers;
  fast_path fast;
};

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

/* Whether every nonzero entry of both directions is a weight or bias of
 * layer 1, and which units of layer 1 they touch. */
static int
first_layer_only (const rs_surface *s, size_t *unit, size_t *nt)
{
  unsigned char touched[RS_NET_MAX_UNITS] = { 0 };

  *nt = 0;
  for (size_t i = 0; i < s->sl->np; i++)
    if (s->sl->d1[i] != 0.0 || s->sl->d2[i] != 0.0)
      {
        rs_param_info p = rs_net_param_info (s->net, i);

        if (p.layer != 1 || p.kind == RS_PARAM_SLOPE)
          return 0;
        touched[p.unit] = 1;
      }
  for (size_t j = 0; j < rs_net_units (s->net, 1); j++)
    if (touched[j])
      unit[(*nt)++] = j;
  return 1;
}

/* z of touched unit j of layer 1 at every point for parameters p (theta0
 * or a direction, with or without the bias). */
static void
first_layer_z (const rs_surface *s, const double *p, size_t j, int bias,
               double *z)
{
  const rs_net *net = s->net;
  size_t in = rs_net_inputs (net), n = s->d->n;

  for (size_t i = 0; i < n; i++)
    {
      double acc = bias ? p[rs_net_b_index (net, 1, j)] : 0.0;

      for (size_t k = 0; k < in; k++)
        acc += p[rs_net_w_index (net, 1, j, k)] * s->d->x[i * in + k];
      z[i] = acc;
    }
}

/* Set up the fast path when it applies: the loss alone, 1 or 2 layers,
 * directions on layer 1 only. */
static int
fast_setup (rs_surface *s)
{
  fast_path *f = &s->fast;
  const rs_net *net = s->net;
  size_t n = s->d->n, L = rs_net_layers (net), K, U;
  rs_net_workspace *w;

  if (s->what != RS_SURFACE_LOSS || L > 2
      || !first_layer_only (s, f->unit, &f->nt))
    return RS_OK;
  K = rs_net_units (net, L);
  U = rs_net_units (net, 1);
  f->z0 = malloc (4 * U * n * sizeof (double));
  f->next = malloc (K * n * sizeof (double));
  f->wn = malloc (K * U * sizeof (double));
  w = rs_net_workspace_alloc (net, n, NULL);
  if (f->z0 == NULL || f->next == NULL || f->wn == NULL || w == NULL)
    {
      rs_net_workspace_free (w);
      return RS_ENOMEM;
    }
  f->zu = f->z0 + U * n;
  f->zv = f->zu + U * n;
  f->a0 = f->zv + U * n;
  rs_net_forward (net, s->d->x, n, w);
  for (size_t t = 0; t < f->nt; t++)
    {
      size_t j = f->unit[t];

      first_layer_z (s, s->sl->theta0, j, 1, f->z0 + t * n);
      first_layer_z (s, s->sl->d1, j, 1, f->zu + t * n);
      first_layer_z (s, s->sl->d2, j, 1, f->zv + t * n);
      memcpy (f->a0 + t * n, rs_net_workspace_a (w, 1) + j * n,
              n * sizeof (double));
    }
  /* the base of what the touched units feed: layer 2's z, or for a
     single layer the outputs themselves */
  memcpy (f->next, L == 2 ? rs_net_workspace_z (w, 2) : rs_net_output (w),
          K * n * sizeof (double));
  for (size_t c = 0; L == 2 && c < K; c++)
    for (size_t t = 0; t < f->nt; t++)
      f->wn[c * f->nt + t] = gsl_vector_get (rs_net_params_const (net),
                                             rs_net_w_index (net, 2, c,
                                                             f->unit[t]));
  rs_net_workspace_free (w);
  f->on = 1;
  return RS_OK;
}

/* a = f(z0 + u zu + v zv) of touched unit t at every point, into a. */
static void
touched_unit (const rs_surface *s, size_t t, double u, double v,
              double *restrict a)
{
  const fast_path *f = &s->fast;
  size_t n = s->d->n;
  const double *restrict z0 = f->z0 + t * n, *restrict zu = f->zu + t * n;
  const double *restrict zv = f->zv + t * n;

  for (size_t i = 0; i < n; i++)
    a[i] = z0[i] + u * zu[i] + v * zv[i];
  s->net->spec.act[0]->value_n (a, a, n,
                                rs_net_unit_param (s->net, 1, f->unit[t]));
}

/* out += w (a - a0) over n values. */
static inline void
add_change (double *restrict out, double w, const double *restrict a,
            const double *restrict a0, size_t n)
{
  for (size_t i = 0; i < n; i++)
    out[i] += w * (a[i] - a0[i]);
}

/* The loss at (u, v) by the fast path: the outputs built in out, one
 * touched unit at a time in a (n values), every loop a plain one. */
static double
fast_loss (const rs_surface *s, double u, double v, double *out, double *a)
{
  const fast_path *f = &s->fast;
  const rs_net *net = s->net;
  size_t n = s->d->n, L = net->spec.layers, K = net->spec.sizes[L];
  double loss;

  memcpy (out, f->next, K * n * sizeof (double));
  for (size_t t = 0; t < f->nt; t++)
    {
      touched_unit (s, t, u, v, a);
      if (L == 1)
        memcpy (out + f->unit[t] * n, a, n * sizeof (double));
      else
        for (size_t c = 0; c < K; c++)
          add_change (out + c * n, f->wn[c * f->nt + t], a, f->a0 + t * n,
                      n);
    }
  if (L == 2 && net->spec.act[1] != rs_act_identity)
    for (size_t c = 0; c < K; c++)
      net->spec.act[1]->value_n (out + c * n, out + c * n, n,
                                 rs_net_unit_param (net, 2, c));
  s->loss->eval (out, K, n, s->d->y, s->d->ydim, &loss, NULL, NULL);
  return loss;
}

/* Every asked value at grid point g by a forward (and backward) pass of
 * the worker's network. */
static void
full_point (rs_surface *s, worker *wk, size_t g, double u, double v)
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
eval_point (rs_surface *s, worker *wk, size_t g)
{
  double u = rs_surface_coord (s->ur, g % s->nu, s->nu);
  double v = rs_surface_v (s, g / s->nu);

  if (s->fast.on)
    s->val[0][g] = fast_loss (s, u, v, wk->out, wk->a);
  else
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
      worker *wk = &s->workers[t];

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
      || alloc_workers (s) != RS_OK || fast_setup (s) != RS_OK)
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
  free (s->fast.z0);
  free (s->fast.next);
  free (s->fast.wn);
  for (int q = 0; q < 3; q++)
    free (s->val[q]);
  free (s->done);
  free (s->order);
  rs_slice_free (s->sl);
  rs_data_free (s->d);
  rs_net_free (s->net);
  free (s);
}

int
rs_surface_iterate (rs_surface *s)
{
  size_t total = s->nu * s->nv, first = s->next;
  size_t last = rs_grid_batch_end (first, total, s->npreview, BATCH);
  long q;

  if (first >= total)
    return RS_EINVAL;
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic, 16) num_threads(rs_threads_now (s->nthreads))
#endif
  for (q = (long) first; q < (long) last; q++)
    {
#ifdef _OPENMP
      worker *wk = &s->workers[omp_get_thread_num ()];
#else
      worker *wk = &s->workers[0];
#endif
      eval_point (s, wk, s->order[q]);
    }
  s->next = last;
  return RS_OK;
}

void
rs_surface_run (rs_surface *s)
{
  while (rs_surface_iterate (s) == RS_OK)
    ;
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
