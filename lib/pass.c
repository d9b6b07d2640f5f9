/* pass.c: forward and backward passes over a batch, and unit activity
 * (C4).
 *
 * Values are kept unit by unit ([unit][point]), so that every inner loop
 * runs over the points of one unit: contiguous, and the same length for
 * every unit.
 *
 * The three loops of a layer's passes are compiled twice on x86-64, for
 * the baseline and for AVX2 (four doubles a vector rather than two),
 * and the processor picks at load time.  AVX2 without FMA rounds every
 * product and sum as the baseline does, so both give the same bits;
 * tests/bench/bench_deep.c measures the gain (about 1.5 times). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "net_private.h"

#if defined __x86_64__ && defined __has_attribute
#if __has_attribute (target_clones) && !defined __SANITIZE_ADDRESS__
#define WIDE_VECTORS __attribute__ ((target_clones ("avx2", "default")))
#endif
#endif
#ifndef WIDE_VECTORS
#define WIDE_VECTORS
#endif

rs_net_workspace *
rs_net_workspace_alloc (const rs_net *net, size_t n, rs_error *err)
{
  const rs_net_spec *sp = &net->spec;
  rs_net_workspace *w;
  size_t widest = 1, row;

  if (n < 1 || n > RS_DATA_MAX_POINTS)
    {
      rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                    "a batch has 1 to %d points, not %zu",
                    RS_DATA_MAX_POINTS, n);
      return NULL;
    }
  /* the backward pass's rows hold layers 1 ... L, never the inputs */
  for (size_t l = 1; l <= sp->layers; l++)
    widest = sp->sizes[l] > widest ? sp->sizes[l] : widest;
  row = widest * n;
  w = calloc (1, sizeof *w);
  if (w == NULL)
    goto nomem;
  w->cap = n;
  w->shape = *sp;
  for (size_t l = 0; l <= sp->layers; l++)
    {
      w->a[l] = malloc (sp->sizes[l] * n * sizeof (double));
      w->z[l] = l > 0 ? malloc (sp->sizes[l] * n * sizeof (double)) : NULL;
      if (w->a[l] == NULL || (l > 0 && w->z[l] == NULL))
        goto nomem;
    }
  w->da = malloc (row * sizeof (double));
  w->dz = malloc (row * sizeof (double));
  w->dprev = malloc (row * sizeof (double));
  if (w->da == NULL || w->dz == NULL || w->dprev == NULL)
    goto nomem;
  return w;

nomem:
  rs_net_workspace_free (w);
  rs_error_set (err, RS_ENOMEM, NULL, 0, 0,
                "out of memory for a workspace of %zu points", n);
  return NULL;
}

void
rs_net_workspace_free (rs_net_workspace *w)
{
  if (w == NULL)
    return;
  for (size_t l = 0; l <= RS_NET_MAX_LAYERS; l++)
    {
      free (w->a[l]);
      free (w->z[l]);
    }
  free (w->da);
  free (w->dz);
  free (w->dprev);
  free (w);
}

/* Whether w was made for a network of net's shape. */
static int
same_shape (const rs_net *net, const rs_net_workspace *w)
{
  if (w->shape.layers != net->spec.layers)
    return 0;
  for (size_t l = 0; l <= net->spec.layers; l++)
    if (w->shape.sizes[l] != net->spec.sizes[l])
      return 0;
  return 1;
}

/* y += c x over n values. */
static inline void
axpy (double c, const double *restrict x, double *restrict y, size_t n)
{
  for (size_t i = 0; i < n; i++)
    y[i] += c * x[i];
}

/* sum_i x_i y_i, with four partial sums to break the dependency chain. */
static inline double
dot (const double *restrict x, const double *restrict y, size_t n)
{
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  size_t i = 0;

  for (; i + 4 <= n; i += 4)
    {
      s0 += x[i] * y[i];
      s1 += x[i + 1] * y[i + 1];
      s2 += x[i + 2] * y[i + 2];
      s3 += x[i + 3] * y[i + 3];
    }
  for (; i < n; i++)
    s0 += x[i] * y[i];
  return (s0 + s1) + (s2 + s3);
}

static inline double
sum (const double *x, size_t n)
{
  double s = 0.0;

  for (size_t i = 0; i < n; i++)
    s += x[i];
  return s;
}

/* z = W a_(l-1) + b and a = f(z) of unit j of layer l. */
WIDE_VECTORS static void
unit_forward (const rs_net *net, size_t l, size_t j, rs_net_workspace *w)
{
  const double *theta = net->theta->data;
  const double *W = theta + net->w_off[l], *b = theta + net->b_off[l];
  size_t in = net->spec.sizes[l - 1], n = w->n;
  double *z = w->z[l] + j * n;

  for (size_t i = 0; i < n; i++)
    z[i] = b[j];
  for (size_t k = 0; k < in; k++)
    axpy (W[j * in + k], w->a[l - 1] + k * n, z, n);
  net->spec.act[l - 1]->value_n (z, w->a[l] + j * n, n,
                                 rs_net_unit_param (net, l, j));
}

/* z_l = W_l a_(l-1) + b_l and a_l = f_l(z_l), unit by unit. */
static void
layer_forward (const rs_net *net, size_t l, rs_net_workspace *w)
{
  for (size_t j = 0; j < net->spec.sizes[l]; j++)
    unit_forward (net, l, j, w);
}

int
rs_net_forward (const rs_net *net, const double *x, size_t n,
                rs_net_workspace *w)
{
  size_t dim = net->spec.sizes[0];

  if (!same_shape (net, w) || n < 1 || n > w->cap
      || net->theta->stride != 1)
    return RS_EINVAL;
  w->n = n;
  for (size_t k = 0; k < dim; k++)
    for (size_t i = 0; i < n; i++)
      w->a[0][k * n + i] = x[i * dim + k];
  for (size_t l = 1; l <= net->spec.layers; l++)
    layer_forward (net, l, w);
  return RS_OK;
}

int
net_forward_units (const rs_net *net, rs_net_workspace *w,
                      const size_t *unit, size_t nunits)
{
  if (!same_shape (net, w) || w->n < 1 || net->theta->stride != 1)
    return RS_EINVAL;
  for (size_t t = 0; t < nunits; t++)
    unit_forward (net, 1, unit[t], w);
  for (size_t l = 2; l <= net->spec.layers; l++)
    layer_forward (net, l, w);
  return RS_OK;
}

size_t
rs_net_workspace_n (const rs_net_workspace *w)
{
  return w->n;
}

const double *
rs_net_workspace_z (const rs_net_workspace *w, size_t l)
{
  return l >= 1 && l <= w->shape.layers ? w->z[l] : NULL;
}

const double *
rs_net_workspace_a (const rs_net_workspace *w, size_t l)
{
  return l <= w->shape.layers ? w->a[l] : NULL;
}

const double *
rs_net_output (const rs_net_workspace *w)
{
  return w->a[w->shape.layers];
}

/* Layer l backwards: from da = dL/da_l to dz = dL/dz_l (da times f'),
 * then the gradient of W_l, b_l and the slopes, all summed over points. */
WIDE_VECTORS static void
layer_grads (const rs_net *net, size_t l, const rs_net_workspace *w,
             const double *da, double *dz, gsl_vector *grad)
{
  const rs_act_type *f = net->spec.act[l - 1];
  size_t in = net->spec.sizes[l - 1], n = w->n;

  for (size_t j = 0; j < net->spec.sizes[l]; j++)
    {
      const double *z = w->z[l] + j * n, *daj = da + j * n;
      double *dzj = dz + j * n, p = rs_net_unit_param (net, l, j);

      f->deriv_n (z, dzj, n, p, net->spec.kink);
      for (size_t i = 0; i < n; i++)
        dzj[i] *= daj[i];
      if (net->s_off[l] != SIZE_MAX)
        {
          double g = 0.0;

          for (size_t i = 0; i < n; i++)
            g += daj[i] * f->dparam (z[i], p);
          gsl_vector_set (grad, net->s_off[l] + j, g);
        }
      gsl_vector_set (grad, net->b_off[l] + j, sum (dzj, n));
      for (size_t k = 0; k < in; k++)
        gsl_vector_set (grad, rs_net_w_index (net, l, j, k),
                        dot (dzj, w->a[l - 1] + k * n, n));
    }
}

/* dL/da_(l-1) = W_l^T dL/dz_l. */
WIDE_VECTORS static void
layer_back (const rs_net *net, size_t l, size_t n, const double *dz,
            double *dprev)
{
  const double *W = net->theta->data + net->w_off[l];
  size_t in = net->spec.sizes[l - 1];

  memset (dprev, 0, in * n * sizeof *dprev);
  for (size_t j = 0; j < net->spec.sizes[l]; j++)
    for (size_t k = 0; k < in; k++)
      axpy (W[j * in + k], dz + j * n, dprev + k * n, n);
}

int
rs_net_backward (const rs_net *net, rs_net_workspace *w, const double *dout,
                 gsl_vector *grad)
{
  size_t n = w->n, L = net->spec.layers;
  double *da = w->da, *dprev = w->dprev;

  if (!same_shape (net, w) || n < 1 || grad->size != net->nparams)
    return RS_EINVAL;
  memcpy (da, dout, net->spec.sizes[L] * n * sizeof *da);
  for (size_t l = L; l >= 1; l--)
    {
      double *t;

      layer_grads (net, l, w, da, w->dz, grad);
      if (l == 1)
        break;
      layer_back (net, l, n, w->dz, dprev);
      t = da, da = dprev, dprev = t;
    }
  return RS_OK;
}

void
rs_net_activity (const rs_net *net, const rs_net_workspace *w, size_t l,
                 size_t *active, size_t *kinks)
{
  size_t n = w->n;

  for (size_t j = 0; l >= 1 && l <= net->spec.layers
                     && j < net->spec.sizes[l]; j++)
    {
      const double *z = w->z[l] + j * n;
      double p = rs_net_unit_param (net, l, j);
      size_t on = 0, kink = 0;

      for (size_t i = 0; i < n; i++)
        on += z[i] > 0.0;
      /* kinks are rare and costly to test: only when asked */
      for (size_t i = 0; kinks != NULL && i < n; i++)
        kink += rs_act_is_kink (net->spec.act[l - 1], z[i], p);
      if (active != NULL)
        active[j] = on;
      if (kinks != NULL)
        kinks[j] = kink;
    }
}

size_t
rs_net_dead_units (const rs_net *net, const rs_net_workspace *w)
{
  size_t dead = 0, active[RS_NET_MAX_UNITS];

  for (size_t l = 1; l < net->spec.layers; l++)
    {
      rs_net_activity (net, w, l, active, NULL);
      for (size_t j = 0; j < net->spec.sizes[l]; j++)
        dead += active[j] == 0;
    }
  return dead;
}

int
rs_net_unit_can_die (const rs_net *net, size_t l, size_t j)
{
  const rs_act_type *f = net->spec.act[l - 1];

  return f->subdiff (-1.0, rs_net_unit_param (net, l, j)).hi == 0.0;
}

size_t
rs_net_dead_count (const rs_net *net, const rs_net_workspace *w)
{
  size_t dead = 0, active[RS_NET_MAX_UNITS];

  for (size_t l = 1; l <= net->spec.layers; l++)
    {
      rs_net_activity (net, w, l, active, NULL);
      for (size_t j = 0; j < net->spec.sizes[l]; j++)
        dead += active[j] == 0 && rs_net_unit_can_die (net, l, j);
    }
  return dead;
}

int
rs_net_on_kink (const rs_net *net, const rs_net_workspace *w, size_t l,
                size_t j, size_t i)
{
  if (l < 1 || l > net->spec.layers || j >= net->spec.sizes[l] || i >= w->n)
    return 0;
  return rs_act_is_kink (net->spec.act[l - 1], w->z[l][j * w->n + i],
                         rs_net_unit_param (net, l, j));
}
