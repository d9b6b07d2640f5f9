/* check_limits.c: the library at its largest: 1024 inputs, 64 hidden
 * layers of 256 units, the scene language and the CSV reader at the same
 * limits, and a run of such a network. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include <reluscape/reluscape.h>

enum { HIDDEN = 64, UNITS = 256, INPUTS = 1024, POINTS = 3 };

/* The deepest, widest network: INPUTS, then HIDDEN tanh layers of UNITS
 * (smooth, so that central differences converge), then one identity
 * output; weights N(0, 1 / fan-in) so that the signal neither dies nor
 * explodes over 64 layers, biases N(0, 0.1^2). */
static rs_net *
deepest (gsl_rng *r)
{
  size_t sizes[HIDDEN + 2];
  rs_net_spec spec;
  rs_net *net;
  gsl_vector *th;

  sizes[0] = INPUTS;
  for (size_t l = 1; l <= HIDDEN; l++)
    sizes[l] = UNITS;
  sizes[HIDDEN + 1] = 1;
  rs_net_spec_init (&spec, HIDDEN + 1, sizes, rs_act_tanh, rs_act_identity);
  net = rs_net_alloc (&spec, NULL);
  ck_assert_ptr_nonnull (net);
  th = rs_net_params (net);
  for (size_t i = 0; i < th->size; i++)
    {
      rs_param_info pi = rs_net_param_info (net, i);
      double fan = (double) sizes[pi.layer - 1];

      gsl_vector_set (th, i, pi.kind == RS_PARAM_WEIGHT
                      ? gsl_ran_gaussian (r, 1.0 / sqrt (fan))
                      : gsl_ran_gaussian (r, 0.1));
    }
  return net;
}

/* sum_i dout_i o_i over the points: the quantity whose gradient
 * rs_net_backward gives for that dout. */
static double
weighted_output (const rs_net *net, const double *x, const double *dout,
                 rs_net_workspace *w)
{
  double s = 0.0;

  ck_assert_int_eq (rs_net_forward (net, x, POINTS, w), RS_OK);
  for (size_t i = 0; i < POINTS; i++)
    s += dout[i] * rs_net_output (w)[i];
  return s;
}

/* A forward and backward pass through 1024 inputs, 64 hidden layers of
 * 256 units and the output, against central differences (h = 1e-5: the
 * error is h^2 times the third derivative plus rounding of 1e-16 / h, far
 * below the tolerance) on parameters of the first, a middle and the last
 * layers, the first and last indices included. */
START_TEST (test_deepest_gradient)
{
  static const char *const names[] = {
    "W1[0][0]", "W1[255][1023]", "b1[7]", "W33[5][6]", "b33[200]",
    "W64[255][0]", "b64[100]", "W65[0][255]", "b65[0]"
  };
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);
  double *x = malloc (POINTS * INPUTS * sizeof *x);
  const double dout[POINTS] = { 0.731, -1.094, 0.4619 };
  rs_net *net;
  rs_net_workspace *w;
  gsl_vector *g;

  gsl_rng_set (r, 2385);
  net = deepest (r);
  ck_assert_ptr_nonnull (x);
  for (size_t i = 0; i < POINTS * INPUTS; i++)
    x[i] = gsl_ran_flat (r, -1.0, 1.0);
  w = rs_net_workspace_alloc (net, POINTS, NULL);
  g = gsl_vector_alloc (rs_net_nparams (net));
  ck_assert_ptr_nonnull (w);
  weighted_output (net, x, dout, w);
  ck_assert_int_eq (rs_net_backward (net, w, dout, g), RS_OK);
  for (size_t q = 0; q < sizeof names / sizeof names[0]; q++)
    {
      size_t i;
      double *p, keep, hi, lo, fd, h = 1e-5;

      ck_assert_int_eq (rs_net_param_lookup (net, names[q], &i, NULL),
                        RS_OK);
      p = gsl_vector_ptr (rs_net_params (net), i);
      keep = *p;
      *p = keep + h;
      hi = weighted_output (net, x, dout, w);
      *p = keep - h;
      lo = weighted_output (net, x, dout, w);
      *p = keep;
      fd = (hi - lo) / (2 * h);
      ck_assert_msg (fabs (gsl_vector_get (g, i) - fd)
                     <= 1e-6 * fabs (fd) + 1e-9,
                     "%s: backward %.12g, differences %.12g", names[q],
                     gsl_vector_get (g, i), fd);
      /* the gradient reaches layer 1 through 64 layers: not vanished */
      ck_assert_msg (fabs (fd) > 1e-8, "%s: %g", names[q], fd);
    }
  gsl_vector_free (g);
  rs_net_workspace_free (w);
  rs_net_free (net);
  free (x);
  gsl_rng_free (r);
}
END_TEST

/* One past each limit is refused, with the limit in the message. */
START_TEST (test_past_the_limits)
{
  size_t sizes[HIDDEN + 3];
  rs_net_spec spec;
  rs_error err;

  for (size_t l = 0; l < HIDDEN + 3; l++)
    sizes[l] = 2;
  rs_net_spec_init (&spec, HIDDEN + 1, sizes, rs_act_relu, rs_act_identity);
  ck_assert_int_eq (rs_net_spec_check (&spec, &err), RS_OK);
  spec.sizes[0] = INPUTS;
  spec.sizes[1] = UNITS;
  ck_assert_int_eq (rs_net_spec_check (&spec, &err), RS_OK);
  spec.sizes[0] = INPUTS + 1;
  ck_assert_int_ne (rs_net_spec_check (&spec, &err), RS_OK);
  ck_assert_ptr_nonnull (strstr (err.message, "1 to 1024"));
  spec.sizes[0] = INPUTS;
  spec.sizes[1] = UNITS + 1;
  ck_assert_int_ne (rs_net_spec_check (&spec, &err), RS_OK);
  ck_assert_ptr_nonnull (strstr (err.message, "1 to 256"));
  spec.sizes[1] = UNITS;
  spec.layers = HIDDEN + 2;
  ck_assert_int_ne (rs_net_spec_check (&spec, &err), RS_OK);
  ck_assert_ptr_nonnull (strstr (err.message, "1 to 65 layers"));
}
END_TEST

/* A CSV file of 1024 input columns and one target, 5 rows, input k of
 * row i being (k + 1) / 1024 - i, in a new folder; its path into path. */
static void
write_wide_csv (char *dir, char *path, size_t n)
{
  FILE *f;

  ck_assert_ptr_nonnull (mkdtemp (dir));
  snprintf (path, n, "%s/wide.csv", dir);
  f = fopen (path, "w");
  ck_assert_ptr_nonnull (f);
  for (int k = 0; k < INPUTS; k++)
    fprintf (f, "x%d,", k);
  fputs ("y\n", f);
  for (int i = 0; i < 5; i++)
    {
      for (int k = 0; k < INPUTS; k++)
        fprintf (f, "%.17g,", (k + 1) / 1024.0 - i);
      fprintf (f, "%d\n", i);
    }
  ck_assert_int_eq (fclose (f), 0);
}

/* The scene language takes the largest network with 1024 columns of CSV
 * data, read back exactly (k / 1024 is a binary fraction). */
START_TEST (test_widest_scene)
{
  char text[1024], dir[] = "/tmp/check_limits.XXXXXX", csv[64], scene[64];
  size_t len = (size_t) sprintf (text, "data csv \"wide.csv\"\nnetwork 1024");
  rs_scene sc;
  rs_error err;
  rs_data *d;

  for (int l = 0; l < HIDDEN; l++)
    len += (size_t) sprintf (text + len, " 256");
  len += (size_t) sprintf (text + len, " 1\n");
  ck_assert_int_eq (rs_scene_parse (&sc, text, len, "t", &err), RS_OK);
  ck_assert_uint_eq (sc.sim.net.layers, HIDDEN + 1);
  ck_assert_uint_eq (sc.sim.net.sizes[0], INPUTS);
  write_wide_csv (dir, csv, sizeof csv);
  snprintf (scene, sizeof scene, "%s/t.scene", dir);
  ck_assert_int_eq (rs_scene_read_data (&sc, scene, &d, &err), RS_OK);
  ck_assert_uint_eq (d->n, 5);
  ck_assert_uint_eq (d->dim, INPUTS);
  ck_assert (d->x[4 * INPUTS + 1023] == 1.0 - 4.0);
  ck_assert (d->y[3] == 3.0);
  rs_data_free (d);
  remove (csv);
  rmdir (dir);
}
END_TEST

/* A run of a deep network trains: 64 hidden Leaky ReLU layers of 4
 * units, a few steps, and 4 recorded points when the memory budget holds
 * fewer: thinned along the run, the start and the end kept. */
START_TEST (test_deepest_run)
{
  char text[1024];
  size_t len = (size_t) sprintf (text, "network 1");
  rs_scene sc;
  rs_error err;
  rs_sim *s;

  for (int l = 0; l < HIDDEN; l++)
    len += (size_t) sprintf (text + len, " 4");
  len += (size_t) sprintf (text + len, " 1\nactivation leaky_relu\n"
                           "alpha 0.1\ninit xavier_normal\nrate 0.01\n"
                           "steps 40\n");
  ck_assert_int_eq (rs_scene_parse (&sc, text, len, "t", &err), RS_OK);
  sc.sim.record_bytes = 1024;
  s = rs_sim_alloc (&sc.sim, &err);
  ck_assert_msg (s != NULL, "%s", err.message);
  ck_assert_uint_eq (rs_sim_record_capacity (s), 4);
  ck_assert_int_eq (rs_sim_run (s), RS_OK);
  ck_assert_uint_eq (rs_sim_step_count (s), 40);
  ck_assert_uint_le (rs_sim_n_recorded (s), 4);
  ck_assert_uint_eq (rs_sim_recorded (s, 0)->step, 0);
  ck_assert_uint_eq (rs_sim_current (s)->step, 40);
  ck_assert (rs_sim_current (s)->loss < rs_sim_recorded (s, 0)->loss);
  rs_sim_free (s);
}
END_TEST

static Suite *
limits_suite (void)
{
  Suite *s = suite_create ("limits");
  TCase *core = tcase_create ("Limits");

  tcase_set_timeout (core, 120);
  tcase_add_test (core, test_deepest_gradient);
  tcase_add_test (core, test_past_the_limits);
  tcase_add_test (core, test_widest_scene);
  tcase_add_test (core, test_deepest_run);
  suite_add_tcase (s, core);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (limits_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed != 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
