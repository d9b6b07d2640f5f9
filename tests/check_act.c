/* check_act.c: the activation families (CONCEPTS.md C2, C3, C6, C8).
 *
 * Every expected value comes from the textbook formulas written out here
 * with fmax, from central finite differences, or from the definition of a
 * subgradient (a slope g with f(z) >= f(0) + g z for every z). */
#include <config.h>

#include <math.h>
#include <stdlib.h>

#include <check.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include <reluscape/reluscape.h>

#include "ref_act.h"

/* Leaky ReLU's slope below 0 in every test: unround, so that a swapped
 * alpha and 1 - alpha, or alpha and alpha^2, cannot hide. */
#define ALPHA 0.137

/* Unround points on both sides of the kink, none of them at it. */
static const double points[] = {
  -3.917, -2.385, -0.731, -0.0417, 0.0233, 0.4619, 1.913, 7.25
};

#define N_POINTS (sizeof points / sizeof points[0])

/* Central difference (f(z + h) - f(z - h)) / 2h: exact up to rounding on
 * a linear piece, which every points[i] sits inside for h = 1e-6. */
static double
central_diff (const rs_act_type *t, double z, double alpha)
{
  const double h = 1e-6;

  return (rs_act_value (t, z + h, alpha) - rs_act_value (t, z - h, alpha))
         / (2.0 * h);
}

/* ReLU: f(z) = max(0, z) (C2), written with fmax. */
START_TEST (test_relu_value)
{
  double z = points[_i];

  ck_assert_double_eq_tol (rs_act_value (rs_act_relu, z, ALPHA),
                           fmax (0.0, z), 1e-15);
}
END_TEST

/* Leaky ReLU: f(z) = max(alpha z, z) (C8), written with fmax. */
START_TEST (test_leaky_value)
{
  double z = points[_i];

  ck_assert_double_eq_tol (rs_act_value (rs_act_leaky_relu, z, ALPHA),
                           fmax (ALPHA * z, z), 1e-15);
}
END_TEST

/* Away from the kink the training derivative is the slope measured by
 * central finite differences, whatever the kink convention s. */
START_TEST (test_deriv_finite_diff)
{
  double z = points[_i];
  const double s[] = { 0.0, 0.25, 1.0 };

  for (size_t k = 0; k < 3; k++)
    {
      ck_assert_double_eq_tol (rs_act_deriv (rs_act_relu, z, ALPHA, s[k]),
                               central_diff (rs_act_relu, z, ALPHA), 1e-8);
      ck_assert_double_eq_tol (rs_act_deriv (rs_act_leaky_relu, z, ALPHA,
                                             s[k]),
                               central_diff (rs_act_leaky_relu, z, ALPHA),
                               1e-8);
    }
}
END_TEST

/* Where f is smooth the subdifferential is the single slope f'(z),
 * measured by finite differences, and z is not a kink. */
START_TEST (test_subdiff_smooth)
{
  double z = points[_i];
  const rs_act_type *t[] = { rs_act_relu, rs_act_leaky_relu };

  for (size_t k = 0; k < 2; k++)
    {
      rs_interval g = t[k]->subdiff (z, ALPHA);
      double slope = central_diff (t[k], z, ALPHA);

      ck_assert_double_eq_tol (g.lo, slope, 1e-8);
      ck_assert_double_eq_tol (g.hi, slope, 1e-8);
      ck_assert (!rs_act_is_kink (t[k], z, ALPHA));
    }
}
END_TEST

/* C3: at 0 every slope between the one-sided derivatives supports the
 * graph: ReLU gives [0, 1] (the slopes left and right of 0). */
START_TEST (test_subdiff_relu_kink)
{
  rs_interval g = rs_act_relu->subdiff (0.0, ALPHA);

  ck_assert_double_eq_tol (g.lo, 0.0, 1e-15);
  ck_assert_double_eq_tol (g.hi, 1.0, 1e-15);
  ck_assert (rs_act_is_kink (rs_act_relu, 0.0, ALPHA));
}
END_TEST

/* C8: Leaky ReLU at 0 has one-sided slopes alpha and 1. */
START_TEST (test_subdiff_leaky_kink)
{
  rs_interval g = rs_act_leaky_relu->subdiff (0.0, ALPHA);

  ck_assert_double_eq_tol (g.lo, ALPHA, 1e-15);
  ck_assert_double_eq_tol (g.hi, 1.0, 1e-15);
  ck_assert (rs_act_is_kink (rs_act_leaky_relu, 0.0, ALPHA));
}
END_TEST

/* The definition of the subdifferential: every slope g in [lo, hi]
 * supports f at 0 (f(z) >= g z at every test point, f(0) = 0), and a slope
 * just outside fails at some point.  Checks C3's "fan of supporting
 * lines" without trusting the table's own numbers. */
START_TEST (test_subdiff_supports)
{
  const rs_act_type *t = _i == 0 ? rs_act_relu : rs_act_leaky_relu;
  rs_interval g = t->subdiff (0.0, ALPHA);
  int below_fails = 0, above_fails = 0;

  for (int k = 0; k <= 8; k++)
    {
      double slope = rs_interval_lerp (g, k / 8.0);

      for (size_t i = 0; i < N_POINTS; i++)
        ck_assert (rs_act_value (t, points[i], ALPHA)
                   >= slope * points[i] - 1e-15);
    }
  for (size_t i = 0; i < N_POINTS; i++)
    {
      double z = points[i], f = rs_act_value (t, z, ALPHA);

      below_fails |= f < (g.lo - 0.01) * z;
      above_fails |= f < (g.hi + 0.01) * z;
    }
  ck_assert (below_fails);
  ck_assert (above_fails);
}
END_TEST

/* The kink convention (C3): at 0 the derivative is lo + s (hi - lo), so
 * ReLU gives s itself (s = 0 is ReLU'(0) = 0 of PyTorch and TensorFlow)
 * and Leaky ReLU gives alpha + s (1 - alpha). */
START_TEST (test_deriv_at_kink)
{
  const double s[] = { 0.0, 0.25, 1.0 };

  for (size_t k = 0; k < 3; k++)
    {
      ck_assert_double_eq_tol (rs_act_deriv (rs_act_relu, 0.0, ALPHA, s[k]),
                               s[k], 1e-15);
      ck_assert_double_eq_tol (rs_act_deriv (rs_act_leaky_relu, 0.0, ALPHA,
                                             s[k]),
                               ALPHA + s[k] * (1.0 - ALPHA), 1e-15);
    }
  /* The plain statement of the default convention. */
  ck_assert (rs_act_deriv (rs_act_relu, 0.0, ALPHA, 0.0) == 0.0);
}
END_TEST

/* IEEE -0 compares equal to 0, so it sits on the kink as well. */
START_TEST (test_negative_zero)
{
  ck_assert (rs_act_is_kink (rs_act_relu, -0.0, ALPHA));
  ck_assert_double_eq_tol (rs_act_deriv (rs_act_relu, -0.0, ALPHA, 0.25),
                           0.25, 1e-15);
  ck_assert_double_eq_tol (rs_act_value (rs_act_leaky_relu, -0.0, ALPHA),
                           0.0, 1e-15);
}
END_TEST

/* Leaky ReLU with alpha = 0 is ReLU: max(0 z, z) = max(0, z). */
START_TEST (test_leaky_alpha_zero)
{
  for (size_t i = 0; i < N_POINTS; i++)
    {
      double z = points[i];

      ck_assert_double_eq_tol (rs_act_value (rs_act_leaky_relu, z, 0.0),
                               rs_act_value (rs_act_relu, z, 0.0), 1e-15);
      ck_assert_double_eq_tol (rs_act_deriv (rs_act_leaky_relu, z, 0.0, 0.0),
                               rs_act_deriv (rs_act_relu, z, 0.0, 0.0),
                               1e-15);
    }
}
END_TEST

/* Far from 0 the formulas still hold: f(z) = z above, 0 or alpha z below
 * (relative tolerance, the values are huge). */
START_TEST (test_large_arguments)
{
  const double big = 2.385e300;

  ck_assert_double_eq_tol (rs_act_value (rs_act_relu, big, ALPHA), big,
                           big * 1e-15);
  ck_assert_double_eq_tol (rs_act_value (rs_act_relu, -big, ALPHA), 0.0,
                           1e-15);
  ck_assert_double_eq_tol (rs_act_value (rs_act_leaky_relu, -big, ALPHA),
                           -ALPHA * big, ALPHA * big * 1e-15);
  ck_assert_double_eq_tol (rs_act_deriv (rs_act_leaky_relu, -big, ALPHA,
                                         1.0), ALPHA, 1e-15);
}
END_TEST

/* C6 and C8: for z ~ N(0, 1) ReLU's derivative is 0 with probability
 * 1/2, Leaky ReLU's never.  With 20000 draws the ReLU fraction has
 * standard deviation sqrt(0.25 / 20000) = 0.0035; the tolerance is 5 of
 * them.  The draws come from a fixed seed, so the test is deterministic. */
START_TEST (test_half_inactive)
{
  const size_t n = 20000;
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);
  size_t relu_zero = 0, leaky_zero = 0;

  gsl_rng_set (r, 2385);
  for (size_t i = 0; i < n; i++)
    {
      double z = gsl_ran_gaussian (r, 1.0);

      relu_zero += rs_act_deriv (rs_act_relu, z, ALPHA, 0.0) == 0.0;
      leaky_zero += rs_act_deriv (rs_act_leaky_relu, z, ALPHA, 0.0) == 0.0;
    }
  gsl_rng_free (r);
  ck_assert_double_eq_tol ((double) relu_zero / (double) n, 0.5, 0.0175);
  ck_assert_uint_eq (leaky_zero, 0);
}
END_TEST

/* Lookup by the names the scene language uses. */
/* ELU at its kink against PyTorch's backward pass, which takes
 * 1 if z > 0 else alpha e^z, alpha at z = 0 (reluscape-scene(5),
 * CONVENTIONS): for alpha <= 1 that is the low end, kink 0; for
 * alpha > 1 the high end, kink 1, while kink 0 takes the right slope 1. */
START_TEST (test_elu_kink_convention)
{
  ck_assert (rs_act_deriv (rs_act_elu, 0.0, 0.731, 0.0) == 0.731);
  ck_assert (rs_act_deriv (rs_act_elu, 0.0, 0.731, 1.0) == 1.0);
  ck_assert (rs_act_deriv (rs_act_elu, 0.0, 2.385, 0.0) == 1.0);
  ck_assert (rs_act_deriv (rs_act_elu, 0.0, 2.385, 1.0) == 2.385);
  ck_assert_double_eq_tol (rs_act_deriv (rs_act_elu, -0.5, 2.385, 0.0),
                           2.385 * exp (-0.5), 1e-15);
}
END_TEST

START_TEST (test_lookup)
{
  ck_assert_ptr_eq (rs_act_lookup ("relu"), rs_act_relu);
  ck_assert_ptr_eq (rs_act_lookup ("leaky_relu"), rs_act_leaky_relu);
  ck_assert_str_eq (rs_act_relu->name, "relu");
  ck_assert_str_eq (rs_act_leaky_relu->name, "leaky_relu");
}
END_TEST

/* Every entry of the NULL-terminated table is found under its own name,
 * and both families are in it. */
START_TEST (test_types_table)
{
  size_t n = 0;
  int have_relu = 0, have_leaky = 0;

  for (; rs_act_types[n] != NULL; n++)
    {
      ck_assert_ptr_eq (rs_act_lookup (rs_act_types[n]->name),
                        rs_act_types[n]);
      have_relu |= rs_act_types[n] == rs_act_relu;
      have_leaky |= rs_act_types[n] == rs_act_leaky_relu;
    }
  ck_assert_uint_ge (n, 2);
  ck_assert (have_relu && have_leaky);
}
END_TEST

/* Names that are not families: a typo, a prefix, a longer word, empty. */
static const char *const unknown_names[] = {
  "reul", "leaky", "relu6", "leaky_relux", "", "Sigmoid", "gelu"
};

START_TEST (test_lookup_unknown)
{
  ck_assert_ptr_null (rs_act_lookup (unknown_names[_i]));
}
END_TEST

/* Every family against its textbook formula (ref_act.h). */

/* Every family here is in the library's table, and no other. */
START_TEST (test_family_table)
{
  size_t n = 0;

  for (size_t i = 0; i < N_FAMILIES; i++)
    ck_assert_ptr_nonnull (rs_act_lookup (families[i].name));
  while (rs_act_types[n] != NULL)
    n++;
  ck_assert_uint_eq (n, N_FAMILIES);
}
END_TEST

START_TEST (test_family_value)
{
  const family *f = &families[_i];
  const rs_act_type *t = rs_act_lookup (f->name);

  for (size_t i = 0; i < N_POINTS; i++)
    ck_assert_double_eq_tol (rs_act_value (t, points[i], f->p),
                             f->ref (points[i], f->p),
                             1e-14 * fmax (1.0, fabs (points[i])));
}
END_TEST

/* The derivative and the one-point subdifferential away from the kink,
 * against central differences of the reference formula: with h = 1e-6
 * the truncation error h^2 f''' / 6 and the rounding error 1e-16 / h are
 * both far below the tolerance 1e-8. */
START_TEST (test_family_deriv)
{
  const family *f = &families[_i];
  const rs_act_type *t = rs_act_lookup (f->name);
  const double h = 1e-6;

  for (size_t i = 0; i < N_POINTS; i++)
    {
      double z = points[i];
      double fd = (f->ref (z + h, f->p) - f->ref (z - h, f->p)) / (2 * h);
      rs_interval g = rs_act_subdiff (t, z, f->p);

      ck_assert_double_eq_tol (rs_act_deriv (t, z, f->p, 0.5), fd, 1e-8);
      ck_assert_double_eq_tol (g.lo, fd, 1e-8);
      ck_assert_double_eq_tol (g.hi, fd, 1e-8);
      ck_assert (!rs_act_is_kink (t, z, f->p));
    }
}
END_TEST

/* At 0: smooth families have one slope; kinked ones the interval between
 * the one-sided slopes, each measured by a one-sided difference
 * (f(h) - f(0)) / h or (f(0) - f(-h)) / h. */
START_TEST (test_family_at_zero)
{
  const family *f = &families[_i];
  const rs_act_type *t = rs_act_lookup (f->name);
  const double h = 1e-7;
  double right = (f->ref (h, f->p) - f->ref (0.0, f->p)) / h;
  double left = (f->ref (0.0, f->p) - f->ref (-h, f->p)) / h;
  rs_interval g = rs_act_subdiff (t, 0.0, f->p);

  ck_assert_double_eq_tol (g.lo, fmin (left, right), 1e-6);
  ck_assert_double_eq_tol (g.hi, fmax (left, right), 1e-6);
  ck_assert_int_eq (rs_act_is_kink (t, 0.0, f->p),
                    fabs (right - left) > 1e-3);
}
END_TEST

/* The batch forms give what the scalar ones give, at the kink too. */
START_TEST (test_family_batch)
{
  const family *f = &families[_i];
  const rs_act_type *t = rs_act_lookup (f->name);
  double z[N_POINTS + 1], a[N_POINTS + 1], d[N_POINTS + 1];

  for (size_t i = 0; i < N_POINTS; i++)
    z[i] = points[i];
  z[N_POINTS] = 0.0;
  t->value_n (z, a, N_POINTS + 1, f->p);
  t->deriv_n (z, d, N_POINTS + 1, f->p, 0.375);
  for (size_t i = 0; i <= N_POINTS; i++)
    {
      ck_assert (a[i] == rs_act_value (t, z[i], f->p));
      ck_assert (d[i] == rs_act_deriv (t, z[i], f->p, 0.375));
    }
}
END_TEST

/* Kinks with unround parameters: Leaky ReLU and PReLU [alpha, 1]; ELU
 * [1, alpha] for alpha > 1 (not convex there: Clarke's interval) and
 * [alpha, 1] below; ELU with alpha = 1 is smooth. */
START_TEST (test_kink_intervals)
{
  rs_interval g;

  g = rs_act_subdiff (rs_act_prelu, 0.0, -0.291);
  ck_assert (g.lo == -0.291 && g.hi == 1.0);
  g = rs_act_subdiff (rs_act_elu, 0.0, 1.713);
  ck_assert (g.lo == 1.0 && g.hi == 1.713);
  g = rs_act_subdiff (rs_act_elu, 0.0, 0.417);
  ck_assert (g.lo == 0.417 && g.hi == 1.0);
  ck_assert (!rs_act_is_kink (rs_act_elu, 0.0, 1.0));
  ck_assert_double_eq_tol (rs_act_deriv (rs_act_elu, 0.0, 1.713, 0.25),
                           1.0 + 0.25 * 0.713, 1e-15);
}
END_TEST

/* C1: sigma'(z) = sigma(z) (1 - sigma(z)) <= 1/4, with equality at 0 only
 * (u (1 - u) <= 1/4 with equality at u = 1/2): scan [-10, 10]. */
START_TEST (test_sigmoid_max)
{
  ck_assert (rs_act_deriv (rs_act_sigmoid, 0.0, 0.0, 0.0) == 0.25);
  for (int k = -2000; k <= 2000; k++)
    {
      double z = k * 0.005 + 0.00123;

      ck_assert (rs_act_deriv (rs_act_sigmoid, z, 0.0, 0.0) < 0.25);
    }
}
END_TEST

/* Huge arguments neither overflow nor give NaN: sigmoid reaches 0 and 1,
 * softplus is z above and 0 below, ELU -alpha, tanh -1 (the reference
 * formulas would overflow here, so the limits are the expected values). */
START_TEST (test_extremes)
{
  ck_assert (rs_act_value (rs_act_sigmoid, -1000.0, 0.0) == 0.0);
  ck_assert (rs_act_value (rs_act_sigmoid, 1000.0, 0.0) == 1.0);
  ck_assert (rs_act_deriv (rs_act_sigmoid, -1000.0, 0.0, 0.0) == 0.0);
  ck_assert_double_eq_tol (rs_act_value (rs_act_softplus, 1000.0, 2.385),
                           1000.0, 1e-12);
  ck_assert (rs_act_value (rs_act_softplus, -1000.0, 2.385) == 0.0);
  ck_assert (rs_act_value (rs_act_elu, -1000.0, 1.713) == -1.713);
  ck_assert (rs_act_value (rs_act_tanh, -1000.0, 0.0) == -1.0);
}
END_TEST

/* PReLU's derivative in its slope against a central difference in alpha:
 * f(z; alpha) = alpha z below 0, so df/dalpha = z there and 0 above. */
START_TEST (test_prelu_dparam)
{
  const double h = 1e-6;

  ck_assert_ptr_nonnull (rs_act_prelu->dparam);
  ck_assert (rs_act_prelu->trainable);
  for (size_t i = 0; i < N_POINTS; i++)
    {
      double z = points[i];
      double fd = (rs_act_value (rs_act_prelu, z, 0.25 + h)
                   - rs_act_value (rs_act_prelu, z, 0.25 - h)) / (2 * h);

      ck_assert_double_eq_tol (rs_act_prelu->dparam (z, 0.25), fd, 1e-9);
    }
  for (size_t i = 0; rs_act_types[i] != NULL; i++)
    ck_assert_int_eq (rs_act_types[i]->dparam != NULL,
                      rs_act_types[i]->trainable);
}
END_TEST

/* Parameters outside their family's range are refused with the range in
 * the message; families without a parameter accept anything. */
START_TEST (test_check_param)
{
  rs_error err;

  ck_assert_int_eq (rs_act_check_param (rs_act_leaky_relu, 1.5, &err),
                    RS_EINVAL);
  ck_assert_str_eq (err.message,
                    "leaky_relu's alpha must be in [0, 1], not 1.5");
  ck_assert_int_eq (rs_act_check_param (rs_act_elu, 0.0, &err), RS_EINVAL);
  ck_assert_str_eq (err.message,
                    "elu's alpha must be in [1e-06, 10], not 0");
  ck_assert_int_eq (rs_act_check_param (rs_act_softplus, NAN, &err),
                    RS_EINVAL);
  ck_assert_int_eq (rs_act_check_param (rs_act_relu, 7.0, &err), RS_OK);
  ck_assert_int_eq (rs_act_check_param (rs_act_leaky_relu, 0.01, &err),
                    RS_OK);
  ck_assert_int_eq (rs_act_check_kink (-0.1, &err), RS_EINVAL);
  ck_assert_str_eq (err.message,
                    "the kink convention must be in [0, 1], not -0.1");
  ck_assert_int_eq (rs_act_check_kink (INFINITY, NULL), RS_EINVAL);
  ck_assert_int_eq (rs_act_check_kink (1.0, NULL), RS_OK);
}
END_TEST

/* Each family's default is inside its own range. */
START_TEST (test_defaults_in_range)
{
  for (size_t i = 0; rs_act_types[i] != NULL; i++)
    ck_assert_int_eq (rs_act_check_param (rs_act_types[i],
                                          rs_act_types[i]->param_default,
                                          NULL), RS_OK);
  ck_assert (rs_act_leaky_relu->param_default == 0.01);
  ck_assert (rs_act_prelu->param_default == 0.25);
}
END_TEST

static Suite *
act_suite (void)
{
  Suite *s = suite_create ("act");
  TCase *core = tcase_create ("Core");
  TCase *kink = tcase_create ("Kink");
  TCase *limits = tcase_create ("Limits");
  TCase *errors = tcase_create ("Errors");

  tcase_add_loop_test (core, test_relu_value, 0, N_POINTS);
  tcase_add_loop_test (core, test_leaky_value, 0, N_POINTS);
  tcase_add_loop_test (core, test_deriv_finite_diff, 0, N_POINTS);
  tcase_add_loop_test (core, test_subdiff_smooth, 0, N_POINTS);
  tcase_add_test (core, test_lookup);
  tcase_add_test (core, test_elu_kink_convention);
  tcase_add_test (core, test_types_table);
  tcase_add_test (core, test_family_table);
  tcase_add_loop_test (core, test_family_value, 0, N_FAMILIES);
  tcase_add_loop_test (core, test_family_deriv, 0, N_FAMILIES);
  tcase_add_loop_test (core, test_family_batch, 0, N_FAMILIES);
  tcase_add_test (core, test_prelu_dparam);
  suite_add_tcase (s, core);

  tcase_add_test (kink, test_subdiff_relu_kink);
  tcase_add_test (kink, test_subdiff_leaky_kink);
  tcase_add_loop_test (kink, test_subdiff_supports, 0, 2);
  tcase_add_test (kink, test_deriv_at_kink);
  tcase_add_test (kink, test_negative_zero);
  tcase_add_loop_test (kink, test_family_at_zero, 0, N_FAMILIES);
  tcase_add_test (kink, test_kink_intervals);
  suite_add_tcase (s, kink);

  tcase_add_test (limits, test_leaky_alpha_zero);
  tcase_add_test (limits, test_large_arguments);
  tcase_add_test (limits, test_half_inactive);
  tcase_add_test (limits, test_sigmoid_max);
  tcase_add_test (limits, test_extremes);
  suite_add_tcase (s, limits);

  tcase_add_loop_test (errors, test_lookup_unknown, 0,
                       sizeof unknown_names / sizeof unknown_names[0]);
  tcase_add_test (errors, test_check_param);
  tcase_add_test (errors, test_defaults_in_range);
  suite_add_tcase (s, errors);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (act_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed != 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
