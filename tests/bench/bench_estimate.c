/* bench_estimate.c: the time a run takes, estimated before it starts
 * (cli_run_seconds, what `simulate`, `render` and `check --run` print
 * for a run longer than a minute), against the time the run takes here:
 * a small network of a scene and a larger one; then the same for the
 * experiments (exp_cost.c, what `experiment` prints).  Prints the
 * ratios; never a pass/fail. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "bench.h"
#include "cli/cli.h"
#include "experiment/experiment.h"

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

/* An experiment's command line (as after `reluscape experiment`) run,
 * its estimate against the time it took. */
static void
experiment_ratio (const char *line)
{
  char buf[256], *argv[16];
  int argc = 0;
  exp_args *a;
  exp_results *r;
  double t0, m, e, bytes;

  snprintf (buf, sizeof buf, "%s", line);
  for (char *w = strtok (buf, " "); w != NULL && argc < 15;
       w = strtok (NULL, " "))
    argv[argc++] = w;
  argv[argc] = NULL;
  t0 = bench_now ();
  if (exp_run_args (argc, argv, &a, &r) != CLI_OK)
    printf ("  %s: cannot be run\n", line);
  else
    {
      m = bench_now () - t0;
      e = exp_estimate_seconds (a, 0, a->x->parts (a), a->x->trials (a),
                                &bytes);
      printf ("  %-42s estimated %7.3f s, measured %7.3f s, ratio %.2f\n",
              line, e, m, e / m);
    }
  free (r);
  free (a);
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
  printf ("experiments, estimated before they start (%.0f ns a Gaussian "
          "draw) against measured:\n", 1e9 * EXP_DRAW_S);
  experiment_ratio ("depth --trials 300");
  experiment_ratio ("depth --trials 10 --max-depth 30 --width 64");
  experiment_ratio ("zero-grad --trials 100");
  experiment_ratio ("born-dead --trials 20000");
  experiment_ratio ("born-dead --trials 200 --width 2,5,10 --depths 2-30");
  experiment_ratio ("born-dead --trials 2000 --inputs 4 --depth 10");
  experiment_ratio ("born-dead --trials 100 --width 2,10 --depths 2-50 "
                    "--bias-init he_normal");
  return 0;
}
