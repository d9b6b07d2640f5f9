/* data.c: seeded 1-D regression data. */
#include <config.h>

#include <stdlib.h>

#include <gsl/gsl_randist.h>

#include "reluscape/rs_data.h"

rs_data *
rs_data_alloc (size_t n, rs_error *err)
{
  rs_data *d;

  if (n == 0)
    {
      rs_error_set (err, RS_EINVAL, NULL, 0, 0, "a data set needs points");
      return NULL;
    }
  d = calloc (1, sizeof *d);
  if (d != NULL)
    {
      d->n = n;
      d->x = calloc (n, sizeof *d->x);
      d->y = calloc (n, sizeof *d->y);
    }
  if (d == NULL || d->x == NULL || d->y == NULL)
    {
      rs_data_free (d);
      rs_error_set (err, RS_ENOMEM, NULL, 0, 0,
                    "out of memory for %zu data points", n);
      return NULL;
    }
  return d;
}

void
rs_data_free (rs_data *d)
{
  if (d == NULL)
    return;
  free (d->x);
  free (d->y);
  free (d);
}

/* Evenly spaced x, so that both ends of [-1, 1] are in the data and the
 * dead region is exactly b <= -|w| (rs_neuron_dead_bias). */
void
rs_data_line (rs_data *d, double slope, double intercept, double noise,
              gsl_rng *r)
{
  for (size_t i = 0; i < d->n; i++)
    {
      double x = d->n > 1 ? -1.0 + 2.0 * (double) i / (double) (d->n - 1)
                          : 0.0;

      d->x[i] = x;
      d->y[i] = slope * x + intercept;
      if (noise > 0.0)
        d->y[i] += gsl_ran_gaussian (r, noise);
    }
}

rs_interval
rs_data_x_range (const rs_data *d)
{
  rs_interval r = { d->x[0], d->x[0] };

  for (size_t i = 1; i < d->n; i++)
    {
      if (d->x[i] < r.lo)
        r.lo = d->x[i];
      if (d->x[i] > r.hi)
        r.hi = d->x[i];
    }
  return r;
}
