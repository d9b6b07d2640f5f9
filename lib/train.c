/* train.c: gradient descent and the thermal kick. */
#include <config.h>

#include <math.h>

#include <gsl/gsl_randist.h>

#include "reluscape/rs_train.h"

void
rs_train_gd_step (rs_neuron *u, const rs_data *d, double rate, double *loss,
                  double *gnorm)
{
  double gw, gb, l;

  l = rs_loss_mse_grad (u, d, &gw, &gb);
  rs_train_gd_apply (u, rate, gw, gb);
  if (loss != NULL)
    *loss = l;
  if (gnorm != NULL)
    *gnorm = hypot (gw, gb);
}

void
rs_train_gd_apply (rs_neuron *u, double rate, double gw, double gb)
{
  u->w -= rate * gw;
  u->b -= rate * gb;
}

/* C11: a large random perturbation shakes the ball off a plateau. */
void
rs_train_kick (rs_neuron *u, double sigma, gsl_rng *r)
{
  u->w += gsl_ran_gaussian (r, sigma);
  u->b += gsl_ran_gaussian (r, sigma);
}
