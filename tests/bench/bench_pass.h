/* bench_pass.h: one forward and backward pass of a network through the
 * MSE loss, timed, and the dump format that bench_net.py reads; shared by
 * bench_net.c and bench_deep.c. */
#ifndef RS_BENCH_PASS_H
#define RS_BENCH_PASS_H

#include <gsl/gsl_vector.h>

#include "reluscape/rs_loss.h"
#include "bench.h"

/* What one pass needs, built once. */
typedef struct {
  rs_net *net;
  rs_data *d;
  rs_net_workspace *w;
  gsl_vector *grad;
  double loss;
} bench;

static inline void
bench_free (bench *b)
{
  if (b->grad != NULL)
    gsl_vector_free (b->grad);
  rs_net_workspace_free (b->w);
  rs_data_free (b->d);
  rs_net_free (b->net);
}

/* Seconds for count passes (for bench_rate). */
static inline double
time_passes (void *ctx, long count)
{
  bench *b = ctx;
  double t0 = bench_now ();

  for (long c = 0; c < count; c++)
    rs_loss_net (b->net, rs_loss_mse_type, b->d, b->w, &b->loss, b->grad,
                 NULL);
  return bench_now () - t0;
}

/* One line "name count v1 v2 ...", every value exact in %.17g. */
static inline void
dump_values (FILE *f, const char *name, const double *v, size_t count,
             size_t stride)
{
  fprintf (f, "%s %zu", name, count);
  for (size_t i = 0; i < count; i++)
    fprintf (f, " %.17g", v[i * stride]);
  fputc ('\n', f);
}

#endif /* RS_BENCH_PASS_H */
