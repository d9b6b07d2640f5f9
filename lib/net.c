/* net.c: a single neuron, and when it is alive (C4). */
#include <config.h>

#include "reluscape/rs_net.h"

size_t
rs_neuron_active (const rs_neuron *u, const rs_data *d)
{
  size_t k = 0;

  for (size_t i = 0; i < d->n; i++)
    if (rs_neuron_pre (u, d->x[i]) > 0.0)
      k++;
  return k;
}

/* max_i w x_i is reached at one end of the x range since it is linear. */
double
rs_neuron_dead_bias (double w, const rs_data *d)
{
  rs_interval r = rs_data_x_range (d);
  double m = w * r.lo > w * r.hi ? w * r.lo : w * r.hi;

  return -m;
}
