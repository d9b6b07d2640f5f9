/* rs_act.h: activation functions (CONCEPTS.md C2, C3, C8).
 *
 * An activation family is a const table of a name and three functions, in
 * the manner of GSL's algorithm types: adding an activation is adding one
 * table.  Every function takes the family's parameter alpha (the negative
 * slope of Leaky ReLU; ignored by ReLU). */
#ifndef RS_ACT_H
#define RS_ACT_H

#include <reluscape/rs_common.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  const char *name;
  /* f(z) */
  double (*value) (double z, double alpha);
  /* The subdifferential of f at z: the set of slopes of the lines that
   * support f at z.  A single point [f'(z), f'(z)] where f is smooth;
   * ReLU at 0 gives [0, 1] (C3), Leaky ReLU at 0 gives [alpha, 1]. */
  rs_interval (*subdiff) (double z, double alpha);
} rs_act_type;

/* f(z) = max(0, z) */
extern const rs_act_type *const rs_act_relu;
/* f(z) = max(alpha z, z), 0 <= alpha < 1 */
extern const rs_act_type *const rs_act_leaky_relu;

/* Every family, terminated by NULL (for lookups and "did you mean"). */
extern const rs_act_type *const rs_act_types[];

/* The family called name, or NULL. */
const rs_act_type *rs_act_lookup (const char *name);

static inline double
rs_act_value (const rs_act_type *t, double z, double alpha)
{
  return t->value (z, alpha);
}

/* The derivative used for training: f'(z) where f is smooth and, at a
 * kink, the point lo + s (hi - lo) of the subdifferential, s in [0, 1].
 * s = 0 gives ReLU'(0) = 0, the convention of PyTorch and TensorFlow (C3). */
double rs_act_deriv (const rs_act_type *t, double z, double alpha, double s);

/* Whether z sits on a kink (the subdifferential is a proper interval). */
int rs_act_is_kink (const rs_act_type *t, double z, double alpha);

#ifdef __cplusplus
}
#endif

#endif /* RS_ACT_H */
