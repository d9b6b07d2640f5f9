/* rs_surface.h: the loss landscape of a neuron over a grid of (w, b). */
#ifndef RS_SURFACE_H
#define RS_SURFACE_H

#include <gsl/gsl_matrix.h>
#include <reluscape/rs_net.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The k-th of n evenly spaced values on r (k = 0 gives r.lo, k = n - 1
 * gives r.hi). */
double rs_surface_coord (rs_interval r, size_t k, size_t n);

/* loss(i, j) = L(w_j, b_i) for the neuron u with its w, b replaced, where
 * w_j = rs_surface_coord (wr, j, loss->size2) and b_i likewise with br and
 * loss->size1.  Rows are b, columns w.  Returns RS_EINVAL when the grid
 * has fewer than 2 points on a side or a range is empty or not finite. */
int rs_surface_loss (const rs_neuron *u, const rs_data *d, rs_interval wr,
                     rs_interval br, gsl_matrix *loss);

#ifdef __cplusplus
}
#endif

#endif /* RS_SURFACE_H */
