/* loss.c: mean squared error and its exact gradient. */
#include <config.h>

#include "reluscape/rs_loss.h"

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
