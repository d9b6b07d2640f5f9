/* exp_cost.c: what an experiment costs, estimated from its options
 * before its trials start, and said when it is long (cli_work_estimate).
 *
 * Each experiment's cost function (its table entry's `cost`) models one
 * trial of a part from what the trial does: the networks it draws
 * (Gaussian draws, EXP_DRAW_S each), the passes it makes over its points
 * (floating-point operations at CLI_RUN_FLOPS_PER_S, as a run's
 * estimate) and what else it repeats per sample or per linear piece.
 * The whole run is the sum over its parts of trials x that cost.
 * tests/bench/bench_estimate.c holds the model against measured runs. */
#include <config.h>

#include <stdio.h>

#include "experiment/experiment.h"

double
exp_draw_seconds (double draws)
{
  return EXP_SEED_S + draws * EXP_DRAW_S;
}

double
exp_flop_seconds (double flops)
{
  return flops / CLI_RUN_FLOPS_PER_S;
}

double
exp_estimate_seconds (const exp_args *a, size_t p0, size_t p1,
                      size_t trials, double *bytes)
{
  double s = 0.0;

  *bytes = 0.0;
  for (size_t p = p0; p < p1; p++)
    {
      double b = 0.0;

      s += (double) trials * a->x->cost (a, p, &b);
      if (b > *bytes)
        *bytes = b;
    }
  *bytes += (double) sizeof (exp_results) + (double) sizeof (exp_args);
  return s;
}

void
exp_estimate (const exp_args *a, size_t p0, size_t p1, size_t trials)
{
  char what[64], detail[96];
  double bytes, s = exp_estimate_seconds (a, p0, p1, trials, &bytes);

  snprintf (what, sizeof what, "experiment %s", a->x->name);
  if (p1 - p0 > 1)
    snprintf (detail, sizeof detail, "%zu parts of %zu trials", p1 - p0,
              trials);
  else
    snprintf (detail, sizeof detail, "%zu trials", trials);
  cli_work_estimate (what, "run", bytes, s, detail);
}
