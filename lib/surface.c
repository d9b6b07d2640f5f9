/* surface.c: the loss over a grid of (w, b). */
#include <config.h>

#include <math.h>

#include "reluscape/rs_loss.h"
#include "reluscape/rs_surface.h"

double
rs_surface_coord (rs_interval r, size_t k, size_t n)
{
  if (k + 1 == n)
    return r.hi;
  return rs_interval_lerp (r, (double) k / (double) (n - 1));
}

static int
range_ok (rs_interval r)
{
  return isfinite (r.lo) && isfinite (r.hi) && r.lo < r.hi;
}

int
rs_surface_loss (const rs_neuron *u, const rs_data *d, rs_interval wr,
                 rs_interval br, gsl_matrix *loss)
{
  rs_neuron v = *u;

  if (loss->size1 < 2 || loss->size2 < 2 || !range_ok (wr) || !range_ok (br))
    return RS_EINVAL;
  for (size_t i = 0; i < loss->size1; i++)
    {
      v.b = rs_surface_coord (br, i, loss->size1);
      for (size_t j = 0; j < loss->size2; j++)
        {
          v.w = rs_surface_coord (wr, j, loss->size2);
          gsl_matrix_set (loss, i, j, rs_loss_mse (&v, d));
        }
    }
  return RS_OK;
}
