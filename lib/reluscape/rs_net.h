/* rs_net.h: networks.  The walking skeleton has the smallest one: a single
 * neuron y = f(w x + b), a small value type passed around like a vector. */
#ifndef RS_NET_H
#define RS_NET_H

#include <reluscape/rs_act.h>
#include <reluscape/rs_data.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  const rs_act_type *act;
  double alpha;   /* the activation's parameter (Leaky ReLU's slope) */
  double kink;    /* s in [0, 1]: the derivative taken at a kink */
  double w;
  double b;
} rs_neuron;

/* The pre-activation z = w x + b. */
static inline double
rs_neuron_pre (const rs_neuron *u, double x)
{
  return u->w * x + u->b;
}

/* The output f(w x + b). */
static inline double
rs_neuron_eval (const rs_neuron *u, double x)
{
  return rs_act_value (u->act, rs_neuron_pre (u, x), u->alpha);
}

/* On how many points of d the neuron is active (z > 0).  Active on none
 * means dead (C4): every output is f(z <= 0) and no gradient reaches w, b. */
size_t rs_neuron_active (const rs_neuron *u, const rs_data *d);

/* The bias below which a neuron of weight w is dead on d:
 * w x_i + b <= 0 for every i  <=>  b <= -max_i w x_i. */
double rs_neuron_dead_bias (double w, const rs_data *d);

#ifdef __cplusplus
}
#endif

#endif /* RS_NET_H */
