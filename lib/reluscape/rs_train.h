/* rs_train.h: one step of plain gradient descent, and the thermal kick
 * (C11). */
#ifndef RS_TRAIN_H
#define RS_TRAIN_H

#include <gsl/gsl_rng.h>
#include <reluscape/rs_loss.h>

#ifdef __cplusplus
extern "C" {
#endif

/* w <- w - rate dL/dw, b <- b - rate dL/db, with the gradient taken at the
 * current (w, b).  Stores the loss and the gradient norm at the current
 * point (before the update) in *loss and *gnorm when they are not NULL. */
void rs_train_gd_step (rs_neuron *u, const rs_data *d, double rate,
                       double *loss, double *gnorm);

/* The update of one gradient-descent step from a gradient (gw, gb)
 * already known at u's (w, b): w <- w - rate gw, b <- b - rate gb. */
void rs_train_gd_apply (rs_neuron *u, double rate, double gw, double gb);

/* A thermal kick: w and b each receive an independent N(0, sigma^2)
 * perturbation drawn from r (C11). */
void rs_train_kick (rs_neuron *u, double sigma, gsl_rng *r);

#ifdef __cplusplus
}
#endif

#endif /* RS_TRAIN_H */
