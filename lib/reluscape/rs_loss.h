/* rs_loss.h: losses and their exact gradients (C3, C4, C12).
 *
 * A loss family is a const table of a name and one function that takes a
 * batch of network outputs and targets and returns the mean loss over the
 * points and its derivative in every output.  rs_loss_net runs a network
 * forward, through a loss and backward: the exact gradient by
 * back-propagation.  rs_loss_net_hull bounds the gradient when points sit
 * exactly on a kink (C3).
 *
 * The single-neuron MSE of the landscape scenes stays at the end. */
#ifndef RS_LOSS_H
#define RS_LOSS_H

#include <reluscape/rs_net.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  const char *name;
  /* 1: each point's target is a class label (ydim 1); 0: a real target
   * per output. */
  int labels;
  /* The mean loss of n points whose outputs are out ([k][n], unit by
   * unit, as rs_net_output) and targets y (row-major, ydim per point);
   * dout (may be NULL) gets the loss's derivative in each output, same
   * layout.  RS_OK, RS_EINVAL for a bad label (why says which point), or
   * RS_EDOMAIN when the loss is +inf (why says why; loss and dout are
   * still filled). */
  int (*eval) (const double *out, size_t k, size_t n, const double *y,
               size_t ydim, double *loss, double *dout, rs_error *why);
} rs_loss_type;

/* (1/n) sum_i sum_c (o_ic - y_ic)^2 */
extern const rs_loss_type *const rs_loss_mse_type;
/* Softmax cross-entropy on k >= 2 scores: p_c = e^(z_c) / sum_j e^(z_j),
 * positive for every class (C12).  The loss -log p_y is computed as
 * logsumexp(z) - z_y with the largest score subtracted first, never
 * through p_y itself, so that it is finite for any finite scores even
 * where p_y is below the smallest double.  d/dz_c = p_c - [c = y]. */
extern const rs_loss_type *const rs_loss_softmax_ce;
/* ReLU then normalise: p_c = max(z_c, 0) / sum_j max(z_j, 0), loss
 * -log p_y.  When the true class' score is <= 0, p_y = 0: the loss is
 * +inf, constant around that point, so its gradient there is 0 and
 * training gets no signal at all (C12).  The family reports RS_EDOMAIN
 * and names the first such point. */
extern const rs_loss_type *const rs_loss_relu_norm_ce;
/* Binary cross-entropy on one logit z with the sigmoid inside:
 * max(z, 0) - y z + log(1 + e^-|z|), y in [0, 1]; d/dz = sigmoid(z) - y. */
extern const rs_loss_type *const rs_loss_sigmoid_bce;

extern const rs_loss_type *const rs_loss_types[];
const rs_loss_type *rs_loss_lookup (const char *name);

/* Whether t can score a network of k outputs on d: the number of targets,
 * and for labels, that every label is an integer in [0, k) (a binary
 * cross-entropy target in [0, 1]).  The error names the first bad point. */
int rs_loss_check (const rs_loss_type *t, size_t k, const rs_data *d,
                   rs_error *err);

/* Forward pass of net on all of d, the loss t into *value and, when grad
 * is not NULL, the exact gradient of the loss in every parameter by
 * back-propagation, the derivative at a kink taken by the network's
 * convention.  w must hold d->n points.  Returns as t->eval does, or
 * RS_EINVAL when the shapes of net, d and w do not match. */
int rs_loss_net (const rs_net *net, const rs_loss_type *t, const rs_data *d,
                 rs_net_workspace *w, double *value, gsl_vector *grad,
                 rs_error *why);

/* The interval hull of the generalised gradient (C3).  When a point puts
 * some unit exactly on its activation's kink, the derivative there can be
 * any slope of the subdifferential [lo, hi].  Letting each such slope, at
 * each point, range over its interval independently gives a set of
 * gradients; lo and hi receive, per parameter, its smallest and largest
 * value.  Points off every kink contribute their one gradient.
 *
 * The gradient is affine in each slope separately (outputs do not depend
 * on slopes, since f takes one value at its kink), so the extremes are at
 * the interval ends: with m kinks at a point, the 2^m combinations are
 * enumerated, and the hull is exact.  Above RS_LOSS_HULL_MAX_KINKS kinks
 * at one point, interval arithmetic gives an enclosure instead, and
 * *exact (when not NULL) is set to 0.  *kink_points (when not NULL)
 * receives how many points sit on at least one kink. */
#define RS_LOSS_HULL_MAX_KINKS 12

int rs_loss_net_hull (const rs_net *net, const rs_loss_type *t,
                      const rs_data *d, rs_net_workspace *w, gsl_vector *lo,
                      gsl_vector *hi, size_t *kink_points, int *exact,
                      rs_error *err);

/* The single neuron: L(w, b) = (1/n) sum_i (f(w x_i + b) - y_i)^2 */
double rs_loss_mse (const rs_neuron *u, const rs_data *d);

/* The loss and its gradient
 *   dL/dw = (2/n) sum_i (f(z_i) - y_i) f'(z_i) x_i
 *   dL/db = (2/n) sum_i (f(z_i) - y_i) f'(z_i)
 * with f' at a kink taken by the neuron's convention (rs_act_deriv).
 * gw and gb may not be NULL. */
double rs_loss_mse_grad (const rs_neuron *u, const rs_data *d,
                         double *gw, double *gb);

#ifdef __cplusplus
}
#endif

#endif /* RS_LOSS_H */
