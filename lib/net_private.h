/* net_private.h: the insides of rs_net and its workspace, shared by
 * net.c, pass.c and hull.c (read by surface.c and probe_constant.c) and
 * not exported. */
#ifndef RS_NET_PRIVATE_H
#define RS_NET_PRIVATE_H

#include <stdint.h>

#include "reluscape/rs_net.h"

struct rs_net {
  rs_net_spec spec;
  size_t nparams;
  /* Where W_l, b_l and the PReLU slopes of layer l start in theta
   * (s_off[l] = SIZE_MAX when the layer has none); index 0 unused. */
  size_t w_off[RS_NET_MAX_LAYERS + 1];
  size_t b_off[RS_NET_MAX_LAYERS + 1];
  size_t s_off[RS_NET_MAX_LAYERS + 1];
  gsl_vector *theta;
};

struct rs_net_workspace {
  size_t cap;       /* the largest batch */
  size_t n;         /* the batch of the last forward pass */
  rs_net_spec shape;
  /* z[l] and a[l], [unit][point] with row stride n; z[0] unused */
  double *z[RS_NET_MAX_LAYERS + 1];
  double *a[RS_NET_MAX_LAYERS + 1];
  /* three scratch rows of (the widest layer past the inputs) x cap for
   * the backward pass */
  double *da;
  double *dz;
  double *dprev;
};

/* Parameter p of unit j of layer l: the layer's, or its own PReLU slope. */
static inline double
rs_net_unit_param (const rs_net *net, size_t l, size_t j)
{
  if (net->s_off[l] != SIZE_MAX)
    return gsl_vector_get (net->theta, net->s_off[l] + j);
  return net->spec.param[l - 1];
}

/* rs_net_forward again on a workspace that holds a pass of the same
 * inputs, after only the parameters of layer 1's units unit[0 .. nunits -
 * 1] changed: those units and every layer above are computed again, to
 * the bit as rs_net_forward does; layer 1's other units keep their
 * values.  RS_EINVAL when w does not fit net or holds no pass. */
int net_forward_units (const rs_net *net, rs_net_workspace *w,
                          const size_t *unit, size_t nunits);

#endif /* RS_NET_PRIVATE_H */
