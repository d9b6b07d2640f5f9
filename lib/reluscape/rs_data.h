/* rs_data.h: data sets of 1-D regression, (x_i, y_i) for i < n. */
#ifndef RS_DATA_H
#define RS_DATA_H

#include <gsl/gsl_rng.h>
#include <reluscape/rs_common.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  size_t n;
  double *x;
  double *y;
} rs_data;

/* A data set of n points, all zero; NULL with err filled on failure. */
rs_data *rs_data_alloc (size_t n, rs_error *err);
void rs_data_free (rs_data *d);

/* y = slope x + intercept + noise * N(0, 1) at n points evenly spaced on
 * [-1, 1] (both ends included; n >= 2).  The noise is drawn from r, so the
 * same seed gives the same data. */
void rs_data_line (rs_data *d, double slope, double intercept, double noise,
                   gsl_rng *r);

/* The smallest and largest x of d. */
rs_interval rs_data_x_range (const rs_data *d);

#ifdef __cplusplus
}
#endif

#endif /* RS_DATA_H */
