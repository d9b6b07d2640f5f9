/* check_expcost.c: the estimate an experiment says before its trials
 * (src/experiment/exp_cost.c and each experiment's cost entry), held against a
 * second way of getting it: a born-dead table's estimate is the sum of
 * the estimates of its cells run one by one, any experiment's grows in
 * proportion to its trials, a dead-sweep's is its runs' own estimate
 * (cli_run_seconds of the scene) times values x seeds, and zero-grad's is
 * the model written out by hand. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "experiment/experiment.h"

/* The estimated seconds (and bytes, into *bytes when not NULL) of the
 * command line's experiment, run as `reluscape experiment` runs it. */
static double
estimate_of (int argc, const char *const *args, double *bytes)
{
  char *argv[32];
  exp_args *a;
  exp_results *r;
  double s, b;

  for (int i = 0; i < argc; i++)
    argv[i] = strdup (args[i]);
  ck_assert_int_eq (exp_run_args (argc, argv, &a, &r), CLI_OK);
  for (int i = 0; i < argc; i++)
    free (argv[i]);
  s = exp_estimate_seconds (a, 0, a->x->parts (a), a->x->trials (a), &b);
  if (bytes != NULL)
    *bytes = b;
  free (a);
  free (r);
  return s;
}

#define EST(args) estimate_of ((int) (sizeof args / sizeof args[0]), args, \
                               NULL)

/* A table of widths 2, 3 and depths 2 ... 4 costs what its six cells
 * cost run alone: the parts map to the widths and depths they run. */
START_TEST (test_born_table_is_its_cells)
{
  static const char *const table[] = {
    "born-dead", "--trials", "5", "--width", "2,3", "--depths", "2-4",
    "--bias-init", "he_normal"
  };
  double cells = 0.0, whole = EST (table);

  for (int w = 2; w <= 3; w++)
    for (int d = 2; d <= 4; d++)
      {
        char ws[8], ds[8];
        const char *const one[] = {
          "born-dead", "--trials", "5", "--width", ws, "--depth", ds,
          "--bias-init", "he_normal"
        };

        snprintf (ws, sizeof ws, "%d", w);
        snprintf (ds, sizeof ds, "%d", d);
        cells += EST (one);
      }
  ck_assert_double_gt (whole, 0.0);
  ck_assert_double_eq_tol (whole, cells, 1e-12 * cells);
}
END_TEST

/* Twice the trials, twice the time, the memory the same. */
START_TEST (test_proportional_to_trials)
{
  static const char *const d10[] = { "depth", "--trials", "10" };
  static const char *const d20[] = { "depth", "--trials", "20" };
  static const char *const b10[] = { "born-dead", "--trials", "10" };
  static const char *const b20[] = { "born-dead", "--trials", "20" };
  double m10, m20;

  ck_assert_double_eq_tol (2.0 * EST (d10), EST (d20), 1e-12);
  ck_assert_double_eq_tol (2.0 * EST (b10), EST (b20), 1e-12);
  estimate_of (3, d10, &m10);
  estimate_of (3, d20, &m20);
  ck_assert_double_eq (m10, m20);
}
END_TEST

/* zero-grad, one activation, 3 trials of 1000 samples: each trial
 * seeds its generator, then draws and differentiates every sample:
 * 3 x (5 us + 1000 x 50 ns) = 165 us, the constants of experiment.h. */
START_TEST (test_zero_grad_by_hand)
{
  static const char *const z[] = {
    "zero-grad", "--act", "relu", "--trials", "3", "--samples", "1000"
  };

  ck_assert_double_eq_tol (EST (z), 3.0 * (5e-6 + 1000.0 * 50e-9), 1e-15);
}
END_TEST

/* A sweep of 2 values x 3 seeds of a scene costs 6 of the scene's runs,
 * as the run's own estimate has it. */
START_TEST (test_sweep_is_its_runs)
{
  static const char text[] = "seed 6\ndata sine 32\nnetwork 1 8 1\n"
                             "rate 0.1\nsteps 20\n";
  char path[] = "/tmp/check_expcost-XXXXXX";
  int fd = mkstemp (path);
  rs_sim_params p;
  double est;

  ck_assert_int_ge (fd, 0);
  ck_assert_int_eq (write (fd, text, sizeof text - 1),
                    (int) (sizeof text - 1));
  close (fd);
  {
    const char *const s[] = {
      "dead-sweep", path, "--values", "0.05,0.1", "--seeds", "3"
    };

    est = EST (s);
  }
  unlink (path);
  rs_sim_params_default (&p);
  p.n_points = 32;
  p.steps = 20;
  {
    static const size_t sizes[] = { 1, 8, 1 };

    rs_net_spec_init (&p.net, 2, sizes, rs_act_relu, rs_act_identity);
  }
  ck_assert_double_eq_tol (est, 6.0 * cli_run_seconds (&p),
                           1e-9 * est);
}
END_TEST

static Suite *
expcost_suite (void)
{
  Suite *s = suite_create ("expcost");
  TCase *tc = tcase_create ("Core");

  tcase_add_test (tc, test_born_table_is_its_cells);
  tcase_add_test (tc, test_proportional_to_trials);
  tcase_add_test (tc, test_zero_grad_by_hand);
  tcase_add_test (tc, test_sweep_is_its_runs);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (expcost_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
