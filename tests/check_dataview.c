/* check_dataview.c: the data view (view data, src/draw/panel_data.c): what the
 * network computes over its inputs, held against closed forms. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <gsl/gsl_errno.h>

#include "draw/figure.h"
#include "draw/panels.h"

/* Samples a side asked of rs_panel_data_eval: unround, so that a sample
 * formula off by one cannot hide. */
#define N_SAMPLES 37

/* A 1-3-1 ReLU network whose hidden biases are so negative that every
 * unit is dead on x in [-1, 1] whatever He's weights are (|w| < 40 with
 * overwhelming probability): each outputs 0, and the output is the
 * output layer's bias, set by hand. */
static const char dead_1d[] =
  "seed 3\ndata sine 48\nnoise 0.05\nnetwork 1 3 1\nactivation relu\n"
  "set b1[0] -50\nset b1[1] -40\nset b1[2] -45\nset b2[0] 0.7315\n"
  "rate 0.1\nsteps 300\nview data\n";

/* The same on two inputs, xor's points in [-1, 1]^2. */
static const char dead_2d[] =
  "seed 5\ndata xor 90\nnoise 0\nnetwork 2 4 1\nactivation relu\n"
  "set b1[0] -60\nset b1[1] -55\nset b1[2] -70\nset b1[3] -65\n"
  "set b2[0] -0.3141\nloss sigmoid_bce\nrate 0.1\nsteps 5\nview data\n";

/* One ReLU neuron y = relu(w x + b) started at w = 0.715, b = -0.2385:
 * its kink x = 0.3336 lies inside the data's [-1, 1]. */
static const char neuron[] =
  "seed 1\npoints 24\nline 2 1\nnoise 0\nactivation relu\n"
  "start 0.715 -0.2385\nrate 0.05\nsteps 40\nview data\n";

/* scenes/net-dead.scene: 12 of 16 units die, 4 live on. */
static const char net_dead[] =
  "seed 6\ndata sine 64\nnoise 0.05\nnetwork 1 16 1\nactivation relu\n"
  "output identity\ninit he_normal\nbias 0\nloss mse\noptimizer gd\n"
  "rate 0.5\nat 100 rate 0.05\nsteps 1000\nview data\n";

static rs_scene scene;
static rs_sim *sim;

/* Parse text into the scene and run it to its end. */
static void
run_text (const char *text)
{
  rs_error err;

  ck_assert_int_eq (rs_scene_parse (&scene, text, strlen (text), "test",
                                    &err), RS_OK);
  sim = rs_sim_alloc (&scene.sim, &err);
  ck_assert_ptr_nonnull (sim);
  for (size_t i = 0; i < scene.sim.steps; i++)
    if (rs_sim_iterate (sim) != RS_OK)
      break;
}

static void
teardown (void)
{
  rs_sim_free (sim);
  sim = NULL;
}

static rs_panel_ctx
ctx_at (size_t at)
{
  rs_panel_ctx c = { &scene, sim, at, NULL, NULL, 1.0 };

  return c;
}

/* The data's smallest and largest value of input k, by a plain scan. */
static void
bounds (size_t k, double *lo, double *hi)
{
  const rs_data *d = rs_sim_data (sim);

  *lo = d->x[k];
  *hi = d->x[k];
  for (size_t i = 0; i < d->n; i++)
    {
      *lo = fmin (*lo, d->x[i * d->dim + k]);
      *hi = fmax (*hi, d->x[i * d->dim + k]);
    }
}

/* ---- a dead network outputs a constant ----------------------------- */

/* At the start every hidden unit is dead (z <= -40 + |w| < 0 on
 * [-1, 1]): every sample drawn is the output bias 0.7315 set in the
 * scene, exactly, and the view says "constant output" with that value. */
START_TEST (test_dead_start)
{
  double y[N_SAMPLES], value = NAN;
  rs_panel_ctx c;

  run_text (dead_1d);
  c = ctx_at (0);
  ck_assert_int_eq (rs_panel_data_eval (&c, N_SAMPLES, y), RS_OK);
  for (size_t i = 0; i < N_SAMPLES; i++)
    ck_assert_double_eq (y[i], 0.7315);
  ck_assert_int_eq (rs_panel_data_constant (&c, &value), 1);
  ck_assert_double_eq (value, 0.7315);
}
END_TEST

/* At the end only b2 has learnt (the dead units' outputs are 0, so W2's
 * gradient is 0 too): under MSE it is the mean of the targets, which a
 * contraction of 300 steps at rate 0.1 reaches to rounding.  Every
 * sample equals that mean, computed here from the data. */
START_TEST (test_dead_end)
{
  const rs_data *d;
  double y[N_SAMPLES], mean = 0.0, value;
  rs_panel_ctx c;

  run_text (dead_1d);
  d = rs_sim_data (sim);
  for (size_t i = 0; i < d->n; i++)
    mean += d->y[i] / (double) d->n;
  c = ctx_at (rs_sim_n_recorded (sim) - 1);
  ck_assert_int_eq (rs_panel_data_eval (&c, N_SAMPLES, y), RS_OK);
  for (size_t i = 0; i < N_SAMPLES; i++)
    ck_assert_double_eq_tol (y[i], mean, 1e-9);
  ck_assert_int_eq (rs_panel_data_constant (&c, &value), 1);
  ck_assert_double_eq_tol (value, mean, 1e-9);
}
END_TEST

/* Two inputs, every unit dead: the map is the output bias -0.3141 set by
 * hand at every one of the N x N samples, and it is said to be
 * constant. */
START_TEST (test_dead_2d)
{
  double *y = malloc (N_SAMPLES * N_SAMPLES * sizeof *y), win[4], lo, hi;
  rs_panel_ctx c;

  run_text (dead_2d);
  c = ctx_at (0);
  ck_assert_int_eq (rs_panel_data_window (&c, win), RS_OK);
  bounds (0, &lo, &hi);
  ck_assert_double_eq (win[0], lo);
  ck_assert_double_eq (win[1], hi);
  bounds (1, &lo, &hi);
  ck_assert_double_eq (win[2], lo);
  ck_assert_double_eq (win[3], hi);
  ck_assert_int_eq (rs_panel_data_eval (&c, N_SAMPLES, y), RS_OK);
  for (size_t i = 0; i < N_SAMPLES * N_SAMPLES; i++)
    ck_assert_double_eq (y[i], -0.3141);
  ck_assert_int_eq (rs_panel_data_constant (&c, NULL), 1);
  free (y);
}
END_TEST

/* ---- a live network ------------------------------------------------ */

/* The single neuron at its start: sample i lies at x = lo + (hi - lo)
 * i / (N - 1) over the data's range, and its value is
 * relu(0.715 x - 0.2385), written out here. */
START_TEST (test_neuron_curve)
{
  double y[N_SAMPLES], lo, hi;
  rs_panel_ctx c;

  run_text (neuron);
  c = ctx_at (0);
  bounds (0, &lo, &hi);
  ck_assert_int_eq (rs_panel_data_eval (&c, N_SAMPLES, y), RS_OK);
  for (size_t i = 0; i < N_SAMPLES; i++)
    {
      double x = lo + (hi - lo) * (double) i / (N_SAMPLES - 1);
      double z = 0.715 * x - 0.2385;
      ck_assert_double_eq_tol (y[i], z > 0.0 ? z : 0.0, 1e-12);
    }
  ck_assert_int_eq (rs_panel_data_constant (&c, NULL), 0);
}
END_TEST

/* At a later step the curve follows the neuron's w and b then (the
 * recorded parameters, W1[0][0] then b1[0]), not the start's. */
START_TEST (test_neuron_later)
{
  double y[N_SAMPLES], lo, hi;
  const double *th;
  size_t at;
  rs_panel_ctx c;

  run_text (neuron);
  at = rs_sim_n_recorded (sim) / 2;
  th = rs_sim_theta (sim, at);
  ck_assert (fabs (th[0] - 0.715) > 1e-3);
  c = ctx_at (at);
  bounds (0, &lo, &hi);
  ck_assert_int_eq (rs_panel_data_eval (&c, N_SAMPLES, y), RS_OK);
  for (size_t i = 0; i < N_SAMPLES; i++)
    {
      double x = lo + (hi - lo) * (double) i / (N_SAMPLES - 1);
      double z = th[0] * x + th[1];
      ck_assert_double_eq_tol (y[i], z > 0.0 ? z : 0.0, 1e-12);
    }
}
END_TEST

/* net-dead keeps 4 live units: its output is not constant, at the start
 * nor at the end, though 12 units are dead there. */
START_TEST (test_partly_dead)
{
  rs_panel_ctx c;

  run_text (net_dead);
  ck_assert_uint_eq (rs_sim_recorded (sim, rs_sim_n_recorded (sim) - 1)
                     ->dead, 12);
  c = ctx_at (0);
  ck_assert_int_eq (rs_panel_data_constant (&c, NULL), 0);
  c = ctx_at (rs_sim_n_recorded (sim) - 1);
  ck_assert_int_eq (rs_panel_data_constant (&c, NULL), 0);
}
END_TEST

/* ---- layer 1's units ------------------------------------------------ */

/* A 1-3-1 network with layer 1 set by hand: unit 2 (z = 0.5 x - 1.125)
 * is dead on [-1, 1]. */
static const char units_1d[] =
  "seed 4\ndata sine 32\nnoise 0\nnetwork 1 3 1\nactivation relu\n"
  "set W1[0][0] 1.25\nset b1[0] -0.4\nset W1[1][0] -0.75\n"
  "set b1[1] 0.3\nset W1[2][0] 0.5\nset b1[2] -1.125\nrate 0.05\n"
  "steps 3\nview data\n";

/* The thumbnail of unit j at the start is relu(w_j x + b_j) at the
 * samples of the window, with w_j and b_j the values set in the scene;
 * unit 2's is 0 everywhere. */
START_TEST (test_unit_outputs)
{
  static const double w[3] = { 1.25, -0.75, 0.5 }, b[3] = { -0.4, 0.3,
                                                            -1.125 };
  double a[N_SAMPLES], lo, hi;
  rs_panel_ctx c;

  run_text (units_1d);
  c = ctx_at (0);
  bounds (0, &lo, &hi);
  for (size_t j = 0; j < 3; j++)
    {
      ck_assert_int_eq (rs_panel_data_unit (&c, j, N_SAMPLES, a), RS_OK);
      for (size_t i = 0; i < N_SAMPLES; i++)
        {
          double x = lo + (hi - lo) * (double) i / (N_SAMPLES - 1);
          double z = w[j] * x + b[j];
          ck_assert_double_eq_tol (a[i], z > 0.0 ? z : 0.0, 1e-12);
        }
    }
  ck_assert_int_eq (rs_panel_data_unit (&c, 3, N_SAMPLES, a), RS_EINVAL);
  ck_assert_int_eq (rs_panel_data_unit (&c, 0, 1, a), RS_EINVAL);
}
END_TEST

/* The single neuron has no hidden layer: no thumbnails. */
START_TEST (test_unit_neuron)
{
  double a[N_SAMPLES];
  rs_panel_ctx c;

  run_text (neuron);
  c = ctx_at (0);
  ck_assert_int_eq (rs_panel_data_unit (&c, 0, N_SAMPLES, a), RS_EINVAL);
}
END_TEST

/* ---- the figure ---------------------------------------------------- */

/* `view data` parses to the new kind, prints under its name, and the
 * figure draws it: the dead network's panel holds the dead colour (the
 * constant curve) and the light theme's text colour. */
START_TEST (test_figure_draws)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600,
                                                   400);
  cairo_t *cr = cairo_create (s);
  const rs_theme *t = rs_theme_light ();
  rs_figure *f;
  size_t dead = 0;
  int stride = cairo_image_surface_get_stride (s);

  run_text (dead_1d);
  ck_assert_uint_eq (scene.n_views, 1);
  ck_assert_int_eq (scene.views[0].kind, RS_VIEW_DATA);
  ck_assert_str_eq (rs_view_kind_name (RS_VIEW_DATA), "data");
  f = rs_figure_alloc (&scene, sim, 0, 32, NULL);
  ck_assert_ptr_nonnull (f);
  rs_figure_draw (cr, 600, 400, f);
  cairo_surface_flush (s);
  for (int y = 0; y < 400; y++)
    for (int x = 0; x < 600; x++)
      {
        uint32_t p = ((uint32_t *) (void *) (cairo_image_surface_get_data (s)
                                             + y * stride))[x];
        dead += (p >> 16 & 0xff) == lround (t->dead.r * 255)
                && (p >> 8 & 0xff) == lround (t->dead.g * 255)
                && (p & 0xff) == lround (t->dead.b * 255);
      }
  /* the constant curve alone is 2.6 px thick over most of 500 px */
  ck_assert_uint_gt (dead, 600);
  rs_figure_free (f);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}
END_TEST

/* Fewer than two samples a side are refused. */
START_TEST (test_errors)
{
  double y[2];
  rs_panel_ctx c;

  run_text (neuron);
  c = ctx_at (0);
  ck_assert_int_eq (rs_panel_data_eval (&c, 1, y), RS_EINVAL);
  ck_assert_int_eq (rs_panel_data_eval (&c, 0, y), RS_EINVAL);
}
END_TEST

static Suite *
dataview_suite (void)
{
  Suite *s = suite_create ("dataview");
  TCase *td = tcase_create ("Dead");
  TCase *tl = tcase_create ("Live");
  TCase *tf = tcase_create ("Figure");

  tcase_add_checked_fixture (td, NULL, teardown);
  tcase_add_test (td, test_dead_start);
  tcase_add_test (td, test_dead_end);
  tcase_add_test (td, test_dead_2d);
  suite_add_tcase (s, td);
  tcase_add_checked_fixture (tl, NULL, teardown);
  tcase_add_test (tl, test_neuron_curve);
  tcase_add_test (tl, test_neuron_later);
  tcase_add_test (tl, test_partly_dead);
  tcase_add_test (tl, test_unit_outputs);
  tcase_add_test (tl, test_unit_neuron);
  suite_add_tcase (s, tl);
  tcase_add_checked_fixture (tf, NULL, teardown);
  tcase_add_test (tf, test_figure_draws);
  tcase_add_test (tf, test_errors);
  suite_add_tcase (s, tf);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (dataview_suite ());
  int failed;

  gsl_set_error_handler_off ();
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
