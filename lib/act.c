/* act.c: the activation families (C1, C2, C3, C8).
 *
 * Each family is three small functions (value, subdifferential, and for
 * PReLU the derivative in its parameter) and one table.  The derivative
 * under a kink convention and the batch forms used by rs_net are made from
 * those by ACT_BATCH, so that every formula is written once. */
#include <config.h>

#include <math.h>
#include <string.h>

#include "reluscape/rs_act.h"
#include "table_private.h"

/* The point s of the subdifferential g: its one number for training. */
static inline double
pick (rs_interval g, double s)
{
  return g.lo + s * (g.hi - g.lo);
}

/* The interval between the two one-sided slopes at a kink. */
static inline rs_interval
between (double a, double b)
{
  return a < b ? rs_interval_make (a, b) : rs_interval_make (b, a);
}

/* Batch forms of a family fam from fam_value and fam_subdiff; being static
 * in this file, both inline into the loops. */
#define ACT_BATCH(fam)                                                     \
  static void fam##_value_n (const double *z, double *a, size_t n,          \
                             double p)                                      \
  {                                                                         \
    for (size_t i = 0; i < n; i++)                                          \
      a[i] = fam##_value (z[i], p);                                         \
  }                                                                         \
  static void fam##_deriv_n (const double *z, double *d, size_t n,          \
                             double p, double s)                            \
  {                                                                         \
    for (size_t i = 0; i < n; i++)                                          \
      d[i] = pick (fam##_subdiff (z[i], p), s);                             \
  }

/* identity: f(z) = z, the usual output layer of a regression. */
static double
identity_value (double z, double p)
{
  (void) p;
  return z;
}

static rs_interval
identity_subdiff (double z, double p)
{
  (void) z, (void) p;
  return rs_interval_make (1.0, 1.0);
}

/* sigmoid: f(z) = 1 / (1 + e^-z), written so that e^x never overflows. */
static double
sigmoid_value (double z, double p)
{
  double e;

  (void) p;
  if (z >= 0.0)
    return 1.0 / (1.0 + exp (-z));
  e = exp (z);
  return e / (1.0 + e);
}

/* f' = f (1 - f): at most 1/4, at z = 0, so that L sigmoid layers shrink
 * the gradient by up to 4^-L (C1). */
static rs_interval
sigmoid_subdiff (double z, double p)
{
  double f = sigmoid_value (z, p);

  return rs_interval_make (f * (1.0 - f), f * (1.0 - f));
}

/* tanh: f' = 1 - tanh^2 z, at most 1. */
static double
tanh_value (double z, double p)
{
  (void) p;
  return tanh (z);
}

static rs_interval
tanh_subdiff (double z, double p)
{
  double t = tanh (z);

  (void) p;
  return rs_interval_make (1.0 - t * t, 1.0 - t * t);
}

/* ReLU: f(z) = max(0, z) (C2). */
static double
relu_value (double z, double p)
{
  (void) p;
  return z > 0.0 ? z : 0.0;
}

/* Slopes 0 left of the kink, 1 right of it, and every slope between at
 * the kink itself: the subdifferential [0, 1] (C3). */
static rs_interval
relu_subdiff (double z, double p)
{
  (void) p;
  if (z > 0.0)
    return rs_interval_make (1.0, 1.0);
  if (z < 0.0)
    return rs_interval_make (0.0, 0.0);
  return rs_interval_make (0.0, 1.0);
}

/* Leaky ReLU: f(z) = max(alpha z, z) for 0 <= alpha <= 1 (C8); the
 * plateau of ReLU becomes a slope alpha. */
static double
leaky_value (double z, double alpha)
{
  return z > 0.0 ? z : alpha * z;
}

static rs_interval
leaky_subdiff (double z, double alpha)
{
  if (z > 0.0)
    return rs_interval_make (1.0, 1.0);
  if (z < 0.0)
    return rs_interval_make (alpha, alpha);
  return between (alpha, 1.0);
}

/* df/dalpha of PReLU: z where the negative branch is taken, 0 elsewhere
 * (at z = 0 both branches give 0). */
static double
prelu_dparam (double z, double alpha)
{
  (void) alpha;
  return z < 0.0 ? z : 0.0;
}

/* ELU: f(z) = z for z > 0, alpha (e^z - 1) otherwise; expm1 keeps the
 * digits of small |z|. */
static double
elu_value (double z, double alpha)
{
  return z > 0.0 ? z : alpha * expm1 (z);
}

/* Slopes 1 on the right and alpha e^z on the left: a kink at 0 unless
 * alpha = 1. */
static rs_interval
elu_subdiff (double z, double alpha)
{
  if (z > 0.0)
    return rs_interval_make (1.0, 1.0);
  if (z < 0.0)
    return rs_interval_make (alpha * exp (z), alpha * exp (z));
  return between (alpha, 1.0);
}

/* softplus: f(z) = log(1 + e^(beta z)) / beta, a smooth ReLU, computed as
 * max(z, 0) + log1p(e^(-beta |z|)) / beta so that nothing overflows. */
static double
softplus_value (double z, double beta)
{
  double m = z > 0.0 ? z : 0.0;

  return m + log1p (exp (-beta * fabs (z))) / beta;
}

/* f' = sigmoid(beta z). */
static rs_interval
softplus_subdiff (double z, double beta)
{
  double g = sigmoid_value (beta * z, 0.0);

  return rs_interval_make (g, g);
}

ACT_BATCH (identity)
ACT_BATCH (sigmoid)
ACT_BATCH (tanh)
ACT_BATCH (relu)
ACT_BATCH (leaky)
ACT_BATCH (elu)
ACT_BATCH (softplus)

static const rs_act_type identity_type = {
  "identity", NULL, 0.0, 0.0, 0.0, 0, identity_value, identity_subdiff,
  NULL, identity_value_n, identity_deriv_n
};
static const rs_act_type sigmoid_type = {
  "sigmoid", NULL, 0.0, 0.0, 0.0, 0, sigmoid_value, sigmoid_subdiff,
  NULL, sigmoid_value_n, sigmoid_deriv_n
};
static const rs_act_type tanh_type = {
  "tanh", NULL, 0.0, 0.0, 0.0, 0, tanh_value, tanh_subdiff, NULL,
  tanh_value_n, tanh_deriv_n
};
static const rs_act_type relu_type = {
  "relu", NULL, 0.0, 0.0, 0.0, 0, relu_value, relu_subdiff, NULL,
  relu_value_n, relu_deriv_n
};
static const rs_act_type leaky_type = {
  "leaky_relu", "alpha", 0.01, 0.0, 1.0, 0, leaky_value, leaky_subdiff,
  NULL, leaky_value_n, leaky_deriv_n
};
static const rs_act_type elu_type = {
  "elu", "alpha", 1.0, 1e-6, 10.0, 0, elu_value, elu_subdiff, NULL,
  elu_value_n, elu_deriv_n
};
static const rs_act_type softplus_type = {
  "softplus", "beta", 1.0, 1e-3, 1e3, 0, softplus_value, softplus_subdiff,
  NULL, softplus_value_n, softplus_deriv_n
};
static const rs_act_type prelu_type = {
  "prelu", "alpha", 0.25, -1.0, 1.0, 1, leaky_value, leaky_subdiff,
  prelu_dparam, leaky_value_n, leaky_deriv_n
};

const rs_act_type *const rs_act_identity = &identity_type;
const rs_act_type *const rs_act_sigmoid = &sigmoid_type;
const rs_act_type *const rs_act_tanh = &tanh_type;
const rs_act_type *const rs_act_relu = &relu_type;
const rs_act_type *const rs_act_leaky_relu = &leaky_type;
const rs_act_type *const rs_act_elu = &elu_type;
const rs_act_type *const rs_act_softplus = &softplus_type;
const rs_act_type *const rs_act_prelu = &prelu_type;

const rs_act_type *const rs_act_types[] = {
  &identity_type, &sigmoid_type, &tanh_type, &relu_type, &leaky_type,
  &elu_type, &softplus_type, &prelu_type, NULL
};

RS_TABLE_LOOKUP (rs_act_type, rs_act_lookup, rs_act_types)

double
rs_act_deriv (const rs_act_type *t, double z, double p, double s)
{
  return pick (t->subdiff (z, p), s);
}

int
rs_act_is_kink (const rs_act_type *t, double z, double p)
{
  rs_interval g = t->subdiff (z, p);

  return g.hi > g.lo;
}

int
rs_act_check_param (const rs_act_type *t, double p, rs_error *err)
{
  if (t->param_name == NULL)
    return RS_OK;
  if (isfinite (p) && p >= t->param_min && p <= t->param_max)
    return RS_OK;
  return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                       "%s's %s must be in [%g, %g], not %g", t->name,
                       t->param_name, t->param_min, t->param_max, p);
}

int
rs_act_check_kink (double s, rs_error *err)
{
  if (isfinite (s) && s >= 0.0 && s <= 1.0)
    return RS_OK;
  return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                       "the kink convention must be in [0, 1], not %g", s);
}
