/* rs_loss.h: the mean squared error of a neuron on a data set, and its
 * exact gradient. */
#ifndef RS_LOSS_H
#define RS_LOSS_H

#include <reluscape/rs_net.h>

#ifdef __cplusplus
extern "C" {
#endif

/* L(w, b) = (1/n) sum_i (f(w x_i + b) - y_i)^2 */
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
