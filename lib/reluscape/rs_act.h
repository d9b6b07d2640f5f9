/* rs_act.h: activation functions (CONCEPTS.md C1, C2, C3, C8).
 *
 * An activation family is a const table of a name, its parameter and its
 * functions, in the manner of GSL's algorithm types: adding an activation
 * is adding one table.  Every function takes the family's parameter p (the
 * negative slope alpha of Leaky ReLU, ELU's alpha, softplus' beta); families
 * without one ignore it.
 *
 * At a kink f has no derivative.  Its subdifferential there is the interval
 * of slopes between the one-sided derivatives: for a convex kink (ReLU,
 * Leaky ReLU and ELU with alpha <= 1) these are the slopes of the lines
 * that support f (C3); otherwise it is Clarke's generalised derivative,
 * the same interval.  Training needs one number, the point lo + s (hi - lo)
 * of that interval for a convention s in [0, 1]: s = 0 gives ReLU'(0) = 0,
 * PyTorch's and TensorFlow's choice and the default. */
#ifndef RS_ACT_H
#define RS_ACT_H

#include <reluscape/rs_common.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  const char *name;
  /* The parameter's name ("alpha", "beta"), or NULL for none; its
   * default and its allowed range [param_min, param_max]. */
  const char *param_name;
  double param_default;
  double param_min;
  double param_max;
  /* 1 when the parameter is learnt, one per unit (PReLU). */
  int trainable;
  /* f(z) */
  double (*value) (double z, double p);
  /* The subdifferential of f at z: [f'(z), f'(z)] where f is smooth. */
  rs_interval (*subdiff) (double z, double p);
  /* df/dp at z, for trainable families; NULL otherwise. */
  double (*dparam) (double z, double p);
  /* The same over n values, for the hot loops of rs_net: a_i = f(z_i) and
   * d_i = the derivative at z_i under the kink convention s. */
  void (*value_n) (const double *z, double *a, size_t n, double p);
  void (*deriv_n) (const double *z, double *d, size_t n, double p,
                   double s);
} rs_act_type;

/* f(z) = z */
extern const rs_act_type *const rs_act_identity;
/* f(z) = 1 / (1 + e^-z); f' = f (1 - f) <= 1/4, reached at 0 (C1) */
extern const rs_act_type *const rs_act_sigmoid;
/* f(z) = tanh z; f' = 1 - f^2 */
extern const rs_act_type *const rs_act_tanh;
/* f(z) = max(0, z); subdifferential [0, 1] at 0 (C2, C3) */
extern const rs_act_type *const rs_act_relu;
/* f(z) = max(alpha z, z), alpha in [0, 1], default 0.01 (C8) */
extern const rs_act_type *const rs_act_leaky_relu;
/* f(z) = z for z > 0, alpha (e^z - 1) otherwise; alpha in (0, 10],
 * default 1 (smooth at 0 only for alpha = 1) */
extern const rs_act_type *const rs_act_elu;
/* f(z) = log(1 + e^(beta z)) / beta; f' = sigmoid(beta z); beta in
 * [1e-3, 1e3], default 1 */
extern const rs_act_type *const rs_act_softplus;
/* Leaky ReLU whose alpha is a trainable parameter per unit, initially
 * 0.25 (He et al. 2015), allowed in [-1, 1] */
extern const rs_act_type *const rs_act_prelu;

/* Every family, terminated by NULL (for lookups and "did you mean"). */
extern const rs_act_type *const rs_act_types[];

/* The family called name, or NULL. */
const rs_act_type *rs_act_lookup (const char *name);

static inline double
rs_act_value (const rs_act_type *t, double z, double p)
{
  return t->value (z, p);
}

static inline rs_interval
rs_act_subdiff (const rs_act_type *t, double z, double p)
{
  return t->subdiff (z, p);
}

/* The derivative used for training: f'(z) where f is smooth and, at a
 * kink, the point lo + s (hi - lo) of the subdifferential, s in [0, 1]. */
double rs_act_deriv (const rs_act_type *t, double z, double p, double s);

/* Whether z sits on a kink (the subdifferential is a proper interval). */
int rs_act_is_kink (const rs_act_type *t, double z, double p);

/* RS_OK when p is a finite value in the family's range; otherwise
 * RS_EINVAL with a message naming the parameter and its range. */
int rs_act_check_param (const rs_act_type *t, double p, rs_error *err);

/* RS_OK when s is a kink convention, a finite value in [0, 1]. */
int rs_act_check_kink (double s, rs_error *err);

#ifdef __cplusplus
}
#endif

#endif /* RS_ACT_H */
