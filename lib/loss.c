/* loss.c: the loss families, back-propagation through a network, and the
 * single neuron's mean squared error. */
#include <config.h>

#include <math.h>
#include <string.h>

#include "net_private.h"
#include "reluscape/rs_loss.h"
#include "table_private.h"

/* Label of point i as an index below k, or -1 when it is not one. */
static long
label_of (const double *y, size_t ydim, size_t i, size_t k)
{
  double v = y[i * ydim];

  if (!(v >= 0.0 && v < (double) k) || v != floor (v))
    return -1;
  return (long) v;
}

static int
bad_label (rs_error *why, size_t i, double v, size_t k)
{
  return rs_error_set (why, RS_EINVAL, NULL, 0, 0,
                       "point %zu: label %g is not a class 0 to %zu", i + 1,
                       v, k - 1);
}

/* sum_i (o_i - y_{i ydim})^2 over one output's n values, with four
 * partial sums: a landscape's inner loop. */
static double
sum_squares (const double *restrict o, const double *restrict y,
             size_t ydim, size_t n)
{
  double s[4] = { 0.0, 0.0, 0.0, 0.0 };
  size_t i = 0;

  if (ydim == 1)
    for (; i + 4 <= n; i += 4)
      for (int q = 0; q < 4; q++)
        s[q] += (o[i + q] - y[i + q]) * (o[i + q] - y[i + q]);
  for (; i < n; i++)
    s[0] += (o[i] - y[i * ydim]) * (o[i] - y[i * ydim]);
  return (s[0] + s[1]) + (s[2] + s[3]);
}

/* MSE: (1/n) sum (o - y)^2, derivative 2 (o - y) / n. */
static int
mse_eval (const double *out, size_t k, size_t n, const double *y,
          size_t ydim, double *loss, double *dout, rs_error *why)
{
  double s = 0.0;

  (void) why;
  for (size_t c = 0; c < k; c++)
    {
      /* the same sum with or without the derivative, to the last bit */
      s += sum_squares (out + c * n, y + c, ydim, n);
      for (size_t i = 0; dout != NULL && i < n; i++)
        dout[c * n + i] = 2.0 * (out[c * n + i] - y[i * ydim + c])
                          / (double) n;
    }
  *loss = s / (double) n;
  return RS_OK;
}

/* log sum_c e^(z_c) over point i's scores, with the largest subtracted so
 * that no exponential overflows and at least one term is 1. */
static double
logsumexp (const double *out, size_t k, size_t n, size_t i)
{
  double m = out[i], s = 0.0;

  for (size_t c = 1; c < k; c++)
    if (out[c * n + i] > m)
      m = out[c * n + i];
  for (size_t c = 0; c < k; c++)
    s += exp (out[c * n + i] - m);
  return m + log (s);
}

static int
softmax_eval (const double *out, size_t k, size_t n, const double *y,
              size_t ydim, double *loss, double *dout, rs_error *why)
{
  double s = 0.0;

  for (size_t i = 0; i < n; i++)
    {
      long t = label_of (y, ydim, i, k);
      double lse;

      if (t < 0)
        return bad_label (why, i, y[i * ydim], k);
      lse = logsumexp (out, k, n, i);
      s += lse - out[(size_t) t * n + i];
      for (size_t c = 0; dout != NULL && c < k; c++)
        dout[c * n + i] = (exp (out[c * n + i] - lse)
                           - ((long) c == t ? 1.0 : 0.0)) / (double) n;
    }
  *loss = s / (double) n;
  return RS_OK;
}

/* One point of the ReLU-normalised head: its loss, or +inf with a zero
 * derivative when p_y = 0 (the loss is +inf on a whole neighbourhood). */
static double
relu_norm_point (const double *out, size_t k, size_t n, size_t i, long t,
                 double *dout)
{
  double S = 0.0, ry = out[(size_t) t * n + i];

  for (size_t c = 0; c < k; c++)
    S += out[c * n + i] > 0.0 ? out[c * n + i] : 0.0;
  for (size_t c = 0; dout != NULL && c < k; c++)
    dout[c * n + i] = 0.0;
  if (!(ry > 0.0))
    return INFINITY;
  /* d/dz_c (log S - log r_y) = [z_c > 0] / S - [c = y] / r_y */
  for (size_t c = 0; dout != NULL && c < k; c++)
    dout[c * n + i] = ((out[c * n + i] > 0.0 ? 1.0 / S : 0.0)
                       - ((long) c == t ? 1.0 / ry : 0.0)) / (double) n;
  return log (S) - log (ry);
}

static int
relu_norm_eval (const double *out, size_t k, size_t n, const double *y,
                size_t ydim, double *loss, double *dout, rs_error *why)
{
  double s = 0.0;
  size_t zero = 0, first = 0;

  for (size_t i = 0; i < n; i++)
    {
      long t = label_of (y, ydim, i, k);
      double l;

      if (t < 0)
        return bad_label (why, i, y[i * ydim], k);
      l = relu_norm_point (out, k, n, i, t, dout);
      if (isinf (l) && zero++ == 0)
        first = i;
      s += l;
    }
  *loss = s / (double) n;
  if (zero == 0)
    return RS_OK;
  {
    long t = label_of (y, ydim, first, k);

    return rs_error_set (why, RS_EDOMAIN, NULL, 0, 0,
                         "%zu of %zu points give their class probability 0 "
                         "after ReLU and normalisation (first: point %zu, "
                         "class %ld, score %g <= 0): the cross-entropy is "
                         "infinite and its gradient there is 0; softmax "
                         "keeps every probability positive", zero, n,
                         first + 1, t, out[(size_t) t * n + first]);
  }
}

/* BCE with logits: max(z, 0) - y z + log1p(e^-|z|) never overflows. */
static int
bce_eval (const double *out, size_t k, size_t n, const double *y,
          size_t ydim, double *loss, double *dout, rs_error *why)
{
  double s = 0.0;

  (void) k;
  for (size_t i = 0; i < n; i++)
    {
      double z = out[i], t = y[i * ydim];
      double p = z >= 0.0 ? 1.0 / (1.0 + exp (-z))
                          : exp (z) / (1.0 + exp (z));

      if (!(t >= 0.0 && t <= 1.0))
        return rs_error_set (why, RS_EINVAL, NULL, 0, 0,
                             "point %zu: target %g is not in [0, 1]", i + 1,
                             t);
      s += (z > 0.0 ? z : 0.0) - t * z + log1p (exp (-fabs (z)));
      if (dout != NULL)
        dout[i] = (p - t) / (double) n;
    }
  *loss = s / (double) n;
  return RS_OK;
}

static const rs_loss_type mse_type = { "mse", 0, mse_eval };
static const rs_loss_type softmax_type = { "softmax_ce", 1, softmax_eval };
static const rs_loss_type relu_norm_type = { "relu_norm_ce", 1,
                                             relu_norm_eval };
static const rs_loss_type bce_type = { "sigmoid_bce", 0, bce_eval };

const rs_loss_type *const rs_loss_mse_type = &mse_type;
const rs_loss_type *const rs_loss_softmax_ce = &softmax_type;
const rs_loss_type *const rs_loss_relu_norm_ce = &relu_norm_type;
const rs_loss_type *const rs_loss_sigmoid_bce = &bce_type;

const rs_loss_type *const rs_loss_types[] = {
  &mse_type, &softmax_type, &relu_norm_type, &bce_type, NULL
};

RS_TABLE_LOOKUP (rs_loss_type, rs_loss_lookup, rs_loss_types)

/* Whether t fits k outputs and targets of ydim values per point. */
static int
check_shape (const rs_loss_type *t, size_t k, size_t ydim, rs_error *err)
{
  if (t == &bce_type && k != 1)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "sigmoid_bce needs one output, the network has "
                         "%zu", k);
  if (t->labels && k < 2)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "%s needs 2 or more outputs, one per class; the "
                         "network has %zu", t->name, k);
  if ((t->labels || t == &bce_type) && ydim != 1)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "%s needs one target per point, the data has %zu",
                         t->name, ydim);
  if (t == &mse_type && ydim != k)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "mse needs one target per output: the data has "
                         "%zu, the network %zu outputs", ydim, k);
  return RS_OK;
}

int
rs_loss_check (const rs_loss_type *t, size_t k, const rs_data *d,
               rs_error *err)
{
  int rc = check_shape (t, k, d->ydim, err);
  double v;

  for (size_t i = 0; rc == RS_OK && i < d->n; i++)
    {
      v = d->y[i * d->ydim];
      if (t->labels && label_of (d->y, d->ydim, i, k) < 0)
        return bad_label (err, i, v, k);
      if (t == &bce_type && !(v >= 0.0 && v <= 1.0))
        return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                             "point %zu: target %g is not in [0, 1]",
                             i + 1, v);
    }
  return rc;
}

int
rs_loss_net (const rs_net *net, const rs_loss_type *t, const rs_data *d,
             rs_net_workspace *w, double *value, gsl_vector *grad,
             rs_error *why)
{
  size_t k = rs_net_outputs (net);
  double *dout = grad != NULL ? w->dprev : NULL;
  int rc;

  rc = check_shape (t, k, d->ydim, why);
  if (rc != RS_OK)
    return rc;
  if (d->dim != rs_net_inputs (net))
    return rs_error_set (why, RS_EINVAL, NULL, 0, 0,
                         "the data has %zu inputs per point, the network "
                         "%zu", d->dim, rs_net_inputs (net));
  if (rs_net_forward (net, d->x, d->n, w) != RS_OK)
    return rs_error_set (why, RS_EINVAL, NULL, 0, 0,
                         "the workspace does not fit this network and "
                         "%zu points", d->n);
  rc = t->eval (rs_net_output (w), k, d->n, d->y, d->ydim, value, dout,
                why);
  if (grad == NULL || (rc != RS_OK && rc != RS_EDOMAIN))
    return rc;
  if (rs_net_backward (net, w, dout, grad) != RS_OK)
    return rs_error_set (why, RS_EINVAL, NULL, 0, 0,
                         "the gradient vector has %zu entries, the network "
                         "%zu parameters", grad->size, rs_net_nparams (net));
  return rc;
}

double
rs_loss_mse (const rs_neuron *u, const rs_data *d)
{
  double sum = 0.0;

  for (size_t i = 0; i < d->n; i++)
    {
      double r = rs_neuron_eval (u, d->x[i]) - d->y[i];
      sum += r * r;
    }
  return sum / (double) d->n;
}

/* Back-propagation through one neuron: dL/dz_i = (2/n) r_i f'(z_i), then
 * dz_i/dw = x_i and dz_i/db = 1.  A dead neuron (C4) has f'(z_i) = 0 at
 * every point under ReLU, so both sums are exactly zero. */
double
rs_loss_mse_grad (const rs_neuron *u, const rs_data *d, double *gw,
                  double *gb)
{
  double sum = 0.0, sw = 0.0, sb = 0.0;

  for (size_t i = 0; i < d->n; i++)
    {
      double z = rs_neuron_pre (u, d->x[i]);
      double r = rs_act_value (u->act, z, u->alpha) - d->y[i];
      double dz = r * rs_act_deriv (u->act, z, u->alpha, u->kink);

      sum += r * r;
      sw += dz * d->x[i];
      sb += dz;
    }
  *gw = 2.0 * sw / (double) d->n;
  *gb = 2.0 * sb / (double) d->n;
  return sum / (double) d->n;
}
