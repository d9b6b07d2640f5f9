/* bench_estimate.c: the time a run takes, estimated before it starts
 * (cli_run_seconds, what `simulate`, `render` and `check --run` print
 * for a run longer than a minute), against the time the run takes here:
 * a small network of a scene and a larger one.  Prints the ratio; never
 * a pass/fail. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>

#include "bench.h"
#include "cli.h"

/* A run of a network of `layers` layers of the given sizes on n points
 * of the default line, trained for steps steps by gradient descent. */
static void
params_of (rs_sim_params *p, size_t layers, const size_t *sizes, size_t n,
           size_t steps)
{
  rs_sim_params_default (p);
  p->n_points = n;
  p->steps = steps;
  rs_net_spec_init (&p->net, layers, sizes, rs_act_relu, rs_act_identity);
}

/* Seconds the run of p takes, made and stepped as cli_run_sim steps it;
 * negative when it cannot be made. */
static double
measured (const rs_sim_params *p)
{
  rs_sim *sim = rs_sim_alloc (p, NULL);
  double t0 = bench_now (), t;

  if (sim == NULL)
    return -1.0;
  while (rs_sim_step_count (sim) < p->steps
         && rs_sim_iterate (sim) == RS_OK)
    continue;
  t = bench_now () - t0;
  rs_sim_free (sim);
  return t;
}

int
main (void)
{
  static const size_t small[] = { 1, 16, 1 };
  static const size_t large[] = { 1, 128, 128, 128, 1 };
  static const struct {
    const char *name;
    size_t layers;
    const size_t *sizes;
    size_t points, steps;
  } runs[] = {
    { "1-16-1, 64 points, 4000 steps", 2, small, 64, 4000 },
    { "1-128-128-128-1, 1024 points, 40 steps", 4, large, 1024, 40 }
  };

  gsl_set_error_handler_off ();
  printf ("run time estimated before the run (%.0e flop/s and %.0f us a "
          "step) against measured:\n", CLI_RUN_FLOPS_PER_S,
          1e6 * CLI_RUN_STEP_S);
  for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++)
    {
      rs_sim_params p;
      double m, e;

      params_of (&p, runs[i].layers, runs[i].sizes, runs[i].points,
                 runs[i].steps);
      m = measured (&p);
      e = cli_run_seconds (&p);
      if (m <= 0.0)
        printf ("  %s: cannot be made\n", runs[i].name);
      else
        printf ("  %-42s estimated %7.3f s, measured %7.3f s, ratio %.2f\n",
                runs[i].name, e, m, e / m);
    }
  return 0;
}
