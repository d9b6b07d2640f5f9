/* check_focus.c: the unit a figure is about (rs_sim_focus_unit, C4, C8)
 * and the explained variance of a trajectory's principal components.
 *
 * The runs are made so that which unit dies, and when, follows from a
 * gradient step written out by hand in the comments; the variances are
 * checked against the singular values of the centred trajectory from
 * GSL's SVD, a second method beside the library's eigen-decomposition of
 * the Gram matrix. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include <reluscape/reluscape.h>

/* A 1-3-1 ReLU network, identity output, on the three points x = -1, 0,
 * 1 with targets 0.3, trained by plain gradient descent at rate 0.5 on
 * the mean squared error L = mean (yhat - y)^2.  Unit 0: z = 2, weight
 * out 0.25; unit 1: z = 0.5, weight out 0; unit 2: z = x - 0.9, weight
 * out 1; output bias 0.
 *
 * At the start yhat = 0.5 + relu (x - 0.9) = 0.5, 0.5, 0.6: unit 2 is
 * active at x = 1 only (z = 0.1 > 0).  dL/dyhat_i = 2 (yhat_i - 0.3) / 3,
 * so dL/db1[2] = (2/3) 0.3 * 1 = 0.2 and dL/dW1[2][0] = 0.2 * x = 0.2;
 * one step of 0.5 gives w = 0.9, b = -1.0, z(1) = -0.1 < 0: unit 2 is
 * dead at step 1, the first recorded point after the start.  Unit 0's
 * bias falls by 0.5 * 0.25 * (2/3) (0.2 + 0.2 + 0.3) = 0.058 to 1.94, and
 * the output has only 0.2 to lose to reach 0.3: unit 0 (bias about 2)
 * and unit 1 (bias 0.5, weight out starting at 0) stay alive, the
 * rate being 0.05 from step 1 on (at 0.5 the weights out would
 * oscillate and kill them too). */
static rs_data *
three_points (void)
{
  rs_error err;
  rs_data *d = rs_data_alloc (3, &err);

  ck_assert_ptr_nonnull (d);
  for (size_t i = 0; i < 3; i++)
    {
      d->x[i] = (double) i - 1.0;
      d->y[i] = 0.3;
    }
  return d;
}

static void
dying_params (rs_sim_params *p, const rs_data *d)
{
  static const rs_sim_value v[] = {
    { "W1[0][0]", 0.0 }, { "b1[0]", 2.0 }, { "W2[0][0]", 0.25 },
    { "W1[1][0]", 0.0 }, { "b1[1]", 0.5 }, { "W2[0][1]", 0.0 },
    { "W1[2][0]", 1.0 }, { "b1[2]", -0.9 }, { "W2[0][2]", 1.0 },
    { "b2[0]", 0.0 }
  };

  rs_sim_params_default (p);
  p->data = d;
  p->net.layers = 2;
  p->net.sizes[0] = 1;
  p->net.sizes[1] = 3;
  p->net.sizes[2] = 1;
  p->net.act[0] = rs_act_relu;
  p->net.act[1] = rs_act_identity;
  p->n_values = sizeof v / sizeof v[0];
  memcpy (p->values, v, sizeof v);
  p->rate = 0.5;
  p->n_events = 1;      /* gentle steps after the first: no other unit */
  p->events[0] = (rs_sim_event) { 1, RS_SIM_SET_RATE, 0.05 };  /* dies */
  p->steps = 20;
}

static rs_sim *
run (const rs_sim_params *p)
{
  rs_error err;
  rs_sim *s = rs_sim_alloc (p, &err);

  ck_assert_msg (s != NULL, "rs_sim_alloc: %s", err.message);
  rs_sim_run (s);
  return s;
}

START_TEST (test_dies_at_step_1)
{
  rs_data *d = three_points ();
  rs_sim_params p;
  rs_sim_focus f;
  rs_error err;
  rs_sim *s;

  dying_params (&p, d);
  s = run (&p);
  /* the hand step above: alive at the start, dead after step 1 */
  ck_assert_uint_eq (rs_sim_recorded (s, 0)->dead, 0);
  ck_assert_uint_eq (rs_sim_recorded (s, 1)->dead, 1);
  ck_assert_int_eq (rs_sim_focus_unit (s, NULL, &f, &err), RS_OK);
  ck_assert_uint_eq (f.unit.layer, 1);
  ck_assert_uint_eq (f.unit.unit, 2);
  ck_assert_int_eq (f.why, RS_FOCUS_DIED);
  ck_assert_uint_eq (f.index, 1);
  ck_assert_uint_eq (rs_sim_recorded (s, f.index)->step, 1);
  ck_assert_uint_eq (f.input, 0);   /* one input only */
  rs_sim_free (s);
  rs_data_free (d);
}
END_TEST

/* Unit 1 dead from the start instead (z = 0.5 x - 1 <= -0.5 on [-1, 1]),
 * unit 2 kept alive (z = x + 2 >= 1): the focus is unit 1 at point 0. */
START_TEST (test_born_dead)
{
  rs_data *d = three_points ();
  rs_sim_params p;
  rs_sim_focus f;
  rs_sim *s;

  dying_params (&p, d);
  p.values[3].value = 0.5;     /* W1[1][0] */
  p.values[4].value = -1.0;    /* b1[1] */
  p.values[7].value = 2.0;     /* b1[2] */
  p.values[8].value = 0.0;     /* W2[0][2]: no gradient reaches unit 2 */
  s = run (&p);
  ck_assert_int_eq (rs_sim_focus_unit (s, NULL, &f, NULL), RS_OK);
  ck_assert_uint_eq (f.unit.layer, 1);
  ck_assert_uint_eq (f.unit.unit, 1);
  ck_assert_int_eq (f.why, RS_FOCUS_DIED);
  ck_assert_uint_eq (f.index, 0);
  rs_sim_free (s);
  rs_data_free (d);
}
END_TEST

/* Leaky ReLU from step 5 (C8): a Leaky ReLU unit cannot die, so the unit
 * dead since step 1 is alive again at the point where the activation
 * changed, and it is the focus as the first revived unit. */
START_TEST (test_revived_by_leaky)
{
  rs_data *d = three_points ();
  rs_sim_params p;
  rs_sim_focus f;
  rs_sim *s;

  dying_params (&p, d);
  p.n_events = 2;
  p.events[1] = (rs_sim_event) { 5, RS_SIM_SET_ALPHA, 0.1 };
  s = run (&p);
  ck_assert_int_eq (rs_sim_focus_unit (s, NULL, &f, NULL), RS_OK);
  ck_assert_uint_eq (f.unit.unit, 2);
  ck_assert_int_eq (f.why, RS_FOCUS_REVIVED);
  ck_assert (rs_sim_recorded (s, f.index)->events & RS_EVENT_ACT);
  ck_assert_uint_eq (rs_sim_recorded (s, f.index - 1)->dead, 1);
  rs_sim_free (s);
  rs_data_free (d);
}
END_TEST

/* No unit dies (all three alive: unit 2's start z = x + 2): unit 0 of
 * layer 1. */
START_TEST (test_none_dies)
{
  rs_data *d = three_points ();
  rs_sim_params p;
  rs_sim_focus f;
  rs_sim *s;

  dying_params (&p, d);
  p.values[7].value = 2.0;
  p.values[8].value = 0.0;
  s = run (&p);
  ck_assert_uint_eq (rs_sim_current (s)->dead, 0);
  ck_assert_int_eq (rs_sim_focus_unit (s, NULL, &f, NULL), RS_OK);
  ck_assert_uint_eq (f.unit.layer, 1);
  ck_assert_uint_eq (f.unit.unit, 0);
  ck_assert_int_eq (f.why, RS_FOCUS_NONE);
  rs_sim_free (s);
  rs_data_free (d);
}
END_TEST

/* A given unit wins, and one the network does not have is refused. */
START_TEST (test_given)
{
  rs_data *d = three_points ();
  rs_sim_params p;
  rs_sim_focus f;
  rs_sim_unit ok = { 1, 1 }, bad_layer = { 2, 0 }, bad_unit = { 1, 3 };
  rs_error err;
  rs_sim *s;

  dying_params (&p, d);
  s = run (&p);
  ck_assert_int_eq (rs_sim_focus_unit (s, &ok, &f, NULL), RS_OK);
  ck_assert_uint_eq (f.unit.unit, 1);
  ck_assert_int_eq (f.why, RS_FOCUS_GIVEN);
  ck_assert_int_eq (rs_sim_focus_unit (s, &bad_layer, &f, &err), RS_EINVAL);
  ck_assert_ptr_nonnull (strstr (err.message, "hidden units are in layer 1"));
  ck_assert_int_eq (rs_sim_focus_unit (s, &bad_unit, &f, &err), RS_EINVAL);
  ck_assert_ptr_nonnull (strstr (err.message, "units 0 to 2"));
  rs_sim_free (s);
  rs_data_free (d);
}
END_TEST

/* Of two inputs, the weight with the larger |W| * rms (a) is the
 * slice's: xor's inputs are both uniform on [-1, 1] (rms about 0.58
 * each), so |W1[0][1]| = 2 beats |W1[0][0]| = 0.1 whatever the sample. */
START_TEST (test_input_choice)
{
  rs_sim_params p;
  rs_sim_focus f;
  rs_sim_unit u = { 1, 0 };
  rs_sim *s;

  rs_sim_params_default (&p);
  p.gen = rs_data_xor_gen;
  p.n_points = 50;
  p.net.layers = 2;
  p.net.sizes[0] = 2;
  p.net.sizes[1] = 3;
  p.net.sizes[2] = 1;
  p.net.act[0] = rs_act_relu;
  p.net.act[1] = rs_act_identity;
  p.n_values = 2;
  p.values[0] = (rs_sim_value) { "W1[0][0]", 0.1 };
  p.values[1] = (rs_sim_value) { "W1[0][1]", -2.0 };
  p.steps = 3;
  s = run (&p);
  ck_assert_int_eq (rs_sim_focus_unit (s, &u, &f, NULL), RS_OK);
  ck_assert_uint_eq (f.input, 1);
  rs_sim_free (s);
}
END_TEST

/* The explained variance of rs_slice_pca against the singular values of
 * the centred points from GSL's SVD (X = U S V^T: the variance along
 * component k is s_k^2, the total the sum of all s_k^2), for a tall
 * trajectory (np < n: the library decomposes the scatter matrix) and a
 * wide one (np >= n: the Gram matrix).  Loop index 0: 40 points of 5
 * parameters; 1: 12 points of 60. */
START_TEST (test_pca_explained)
{
  const size_t n = _i == 0 ? 40 : 12, np = _i == 0 ? 5 : 60;
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);
  gsl_matrix *V = gsl_matrix_alloc (np, np);
  gsl_vector *S = gsl_vector_alloc (np), *work = gsl_vector_alloc (np);
  double *traj = malloc (n * np * sizeof *traj), total = 0.0;
  rs_slice sl = { np, NULL, NULL, NULL, "", "", { 0, 0 } };
  rs_error err;

  sl.theta0 = calloc (np, sizeof (double));
  sl.d1 = calloc (np, sizeof (double));
  sl.d2 = calloc (np, sizeof (double));
  gsl_rng_set (r, 2385 + _i);
  /* a curved path: a long drift, a bend and noise of unround scales */
  for (size_t t = 0; t < n; t++)
    for (size_t k = 0; k < np; k++)
      traj[t * np + k] = 1.37 * t * (k % 3 == 0) + 0.431 * sin (0.3 * t)
                         * (k % 3 == 1) + gsl_ran_gaussian (r, 0.0731);
  ck_assert_int_eq (rs_slice_pca (&sl, traj, n, &err), RS_OK);
  /* the second method: SVD of the centred points (padded with zero rows
   * to a tall matrix when n < np, which leaves the singular values) */
  {
    gsl_matrix *A = gsl_matrix_calloc (n > np ? n : np, np);

    for (size_t k = 0; k < np; k++)
      {
        double mean = 0.0;

        for (size_t t = 0; t < n; t++)
          mean += traj[t * np + k] / (double) n;
        for (size_t t = 0; t < n; t++)
          gsl_matrix_set (A, t, k, traj[t * np + k] - mean);
      }
    ck_assert_int_eq (gsl_linalg_SV_decomp (A, V, S, work), 0);
    gsl_matrix_free (A);
  }
  for (size_t k = 0; k < np; k++)
    total += gsl_vector_get (S, k) * gsl_vector_get (S, k);
  ck_assert_double_eq_tol (sl.explained[0], gsl_vector_get (S, 0)
                           * gsl_vector_get (S, 0) / total, 1e-10);
  ck_assert_double_eq_tol (sl.explained[1], gsl_vector_get (S, 1)
                           * gsl_vector_get (S, 1) / total, 1e-10);
  ck_assert (sl.explained[0] >= sl.explained[1]);
  ck_assert (sl.explained[0] + sl.explained[1] <= 1.0 + 1e-12);
  free (sl.theta0), free (sl.d1), free (sl.d2), free (traj);
  gsl_matrix_free (V);
  gsl_vector_free (S);
  gsl_vector_free (work);
  gsl_rng_free (r);
}
END_TEST

static Suite *
focus_suite (void)
{
  Suite *s = suite_create ("focus");
  TCase *unit = tcase_create ("Unit");
  TCase *pca = tcase_create ("Pca");

  tcase_add_test (unit, test_dies_at_step_1);
  tcase_add_test (unit, test_born_dead);
  tcase_add_test (unit, test_revived_by_leaky);
  tcase_add_test (unit, test_none_dies);
  tcase_add_test (unit, test_given);
  tcase_add_test (unit, test_input_choice);
  suite_add_tcase (s, unit);
  tcase_add_loop_test (pca, test_pca_explained, 0, 2);
  suite_add_tcase (s, pca);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (focus_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed != 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
