/* check_surface.c: the loss landscape over a (w, b) grid (CONCEPTS.md C5).
 *
 * Expected values come from the grid formula w_j = lo + j (hi - lo)/(n - 1)
 * and the loss written out with its own loop here, or from closed forms:
 * on the dead plateau L = mean(y^2); where the neuron is active on every
 * point of the noise-free line y = 2x + 1 at n evenly spaced points,
 * L = (w - 2)^2 mean(x^2) + (b - 1)^2 with mean(x^2) = (n+1)/(3(n-1)). */
#include <config.h>

#include <math.h>
#include <stdlib.h>

#include <check.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>

#include <reluscape/reluscape.h>

#define ALPHA 0.137
#define N_DATA 24

static rs_data *noisy;   /* y = 2x + 1 + 0.3 N(0, 1) */
static rs_data *clean;   /* y = 2x + 1 */

static void
setup_data (void)
{
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);

  gsl_rng_set (r, 1913);
  noisy = rs_data_alloc (N_DATA, NULL);
  clean = rs_data_alloc (N_DATA, NULL);
  ck_assert_ptr_nonnull (noisy);
  ck_assert_ptr_nonnull (clean);
  rs_data_line (noisy, 2.0, 1.0, 0.3, r);
  rs_data_line (clean, 2.0, 1.0, 0.0, NULL);
  gsl_rng_free (r);
}

static void
teardown_data (void)
{
  rs_data_free (noisy);
  rs_data_free (clean);
  noisy = clean = NULL;
}

static rs_neuron
neuron_make (const rs_act_type *act)
{
  /* w and b are replaced at every grid point; unround values here make a
   * grid that forgot to replace them fail. */
  rs_neuron u = { act, ALPHA, 0.0, 0.4619, -0.0417 };

  return u;
}

/* The k-th of n grid values, from the formula of the header. */
static double
grid_value (rs_interval r, size_t k, size_t n)
{
  return r.lo + (double) k * (r.hi - r.lo) / (double) (n - 1);
}

/* The loss, written out: (1/n) sum (f(w x_i + b) - y_i)^2 with f from
 * fmax (ReLU, or Leaky ReLU when leaky). */
static double
loss_by_hand (const rs_data *d, double w, double b, int leaky)
{
  double sum = 0.0;

  for (size_t i = 0; i < d->n; i++)
    {
      double z = w * d->x[i] + b;
      double f = leaky ? fmax (ALPHA * z, z) : fmax (0.0, z);

      sum += (f - d->y[i]) * (f - d->y[i]);
    }
  return sum / (double) d->n;
}

/* Ends are exact (the last one is not lo + (n-1) step, which could round
 * past hi), the middle of an odd grid is the midpoint, and the rest are
 * lo + k (hi - lo)/(n - 1). */
START_TEST (test_coord)
{
  rs_interval r = rs_interval_make (-2.385, 1.913);

  ck_assert (rs_surface_coord (r, 0, 7) == -2.385);
  ck_assert (rs_surface_coord (r, 6, 7) == 1.913);
  ck_assert_double_eq_tol (rs_surface_coord (r, 3, 7), (-2.385 + 1.913) / 2,
                           1e-15);
  ck_assert_double_eq_tol (rs_surface_coord (r, 1, 7), -2.385 + 4.298 / 6,
                           1e-15);
  ck_assert_double_eq_tol (rs_surface_coord (r, 5, 7), 1.913 - 4.298 / 6,
                           1e-15);
  ck_assert (rs_surface_coord (r, 0, 2) == -2.385);
  ck_assert (rs_surface_coord (r, 1, 2) == 1.913);
  ck_assert_double_eq_tol (rs_surface_coord (r, 1, 3), -0.236, 1e-15);
}
END_TEST

/* Every cell of a 5 x 7 grid (rows b, columns w: a non-square grid, so a
 * transposition fails) against loss_by_hand, for ReLU and Leaky ReLU. */
START_TEST (test_grid_values)
{
  int leaky = _i;
  rs_neuron u = neuron_make (leaky ? rs_act_leaky_relu : rs_act_relu);
  rs_interval wr = rs_interval_make (-2.385, 1.913);
  rs_interval br = rs_interval_make (-3.1, 2.7);
  gsl_matrix *m = gsl_matrix_alloc (5, 7);

  ck_assert_int_eq (rs_surface_loss (&u, noisy, wr, br, m), RS_OK);
  for (size_t i = 0; i < 5; i++)
    for (size_t j = 0; j < 7; j++)
      ck_assert_double_eq_tol (gsl_matrix_get (m, i, j),
                               loss_by_hand (noisy, grid_value (wr, j, 7),
                                             grid_value (br, i, 5), leaky),
                               1e-12);
  gsl_matrix_free (m);
}
END_TEST

/* The surface does not move the neuron it was given. */
START_TEST (test_neuron_untouched)
{
  rs_neuron u = neuron_make (rs_act_relu);
  gsl_matrix *m = gsl_matrix_alloc (3, 3);

  rs_surface_loss (&u, noisy, rs_interval_make (-1, 1),
                   rs_interval_make (-1, 1), m);
  ck_assert (u.w == 0.4619 && u.b == -0.0417);
  gsl_matrix_free (m);
}
END_TEST

/* C5: for b <= -3 and |w| <= 1.5 the neuron is dead on [-1, 1], every
 * output is 0 and the loss is the same mean(y^2) everywhere: the plateau. */
START_TEST (test_dead_plateau)
{
  rs_neuron u = neuron_make (rs_act_relu);
  gsl_matrix *m = gsl_matrix_alloc (6, 9);
  double my2 = 0.0;

  for (size_t i = 0; i < noisy->n; i++)
    my2 += noisy->y[i] * noisy->y[i];
  my2 /= (double) noisy->n;
  ck_assert_int_eq (rs_surface_loss (&u, noisy, rs_interval_make (-1.5, 1.5),
                                     rs_interval_make (-5.0, -3.0), m),
                    RS_OK);
  for (size_t i = 0; i < 6; i++)
    for (size_t j = 0; j < 9; j++)
      ck_assert_double_eq_tol (gsl_matrix_get (m, i, j), my2, 1e-13);
  gsl_matrix_free (m);
}
END_TEST

/* The valley: with b >= 3.1 > 2.385 >= |w| every point is active and the
 * loss of y = 2x + 1 is (w - 2)^2 m2 + (b - 1)^2, m2 = 25/69 for n = 24
 * (the cross term 2 (w-2)(b-1) mean(x) vanishes by symmetry). */
START_TEST (test_active_closed_form)
{
  rs_neuron u = neuron_make (rs_act_relu);
  rs_interval wr = rs_interval_make (0.731, 2.385);
  rs_interval br = rs_interval_make (3.1, 4.7);
  gsl_matrix *m = gsl_matrix_alloc (4, 5);
  const double m2 = 25.0 / 69.0;

  ck_assert_int_eq (rs_surface_loss (&u, clean, wr, br, m), RS_OK);
  for (size_t i = 0; i < 4; i++)
    for (size_t j = 0; j < 5; j++)
      {
        double w = grid_value (wr, j, 5), b = grid_value (br, i, 4);

        ck_assert_double_eq_tol (gsl_matrix_get (m, i, j),
                                 (w - 2) * (w - 2) * m2 + (b - 1) * (b - 1),
                                 1e-12);
      }
  gsl_matrix_free (m);
}
END_TEST

/* The smallest grid, 2 x 2, holds the four corners. */
START_TEST (test_two_by_two)
{
  rs_neuron u = neuron_make (rs_act_leaky_relu);
  gsl_matrix *m = gsl_matrix_alloc (2, 2);

  ck_assert_int_eq (rs_surface_loss (&u, noisy, rs_interval_make (-0.731,
                                                                  2.385),
                                     rs_interval_make (-1.913, 0.4619), m),
                    RS_OK);
  ck_assert_double_eq_tol (gsl_matrix_get (m, 0, 0),
                           loss_by_hand (noisy, -0.731, -1.913, 1), 1e-13);
  ck_assert_double_eq_tol (gsl_matrix_get (m, 0, 1),
                           loss_by_hand (noisy, 2.385, -1.913, 1), 1e-13);
  ck_assert_double_eq_tol (gsl_matrix_get (m, 1, 0),
                           loss_by_hand (noisy, -0.731, 0.4619, 1), 1e-13);
  ck_assert_double_eq_tol (gsl_matrix_get (m, 1, 1),
                           loss_by_hand (noisy, 2.385, 0.4619, 1), 1e-13);
  gsl_matrix_free (m);
}
END_TEST

/* Grids and ranges the header says are refused with RS_EINVAL. */
static const struct {
  size_t rows, cols;
  double wlo, whi, blo, bhi;
} bad_grids[] = {
  { 1, 5, -1, 1, -1, 1 },              /* one row of b */
  { 5, 1, -1, 1, -1, 1 },              /* one column of w */
  { 1, 1, -1, 1, -1, 1 },
  { 4, 4, 0.731, 0.731, -1, 1 },       /* empty w range */
  { 4, 4, -1, 1, 2.385, 2.385 },       /* empty b range */
  { 4, 4, 1.913, -1.913, -1, 1 },      /* reversed w range */
  { 4, 4, -1, 1, 0.5, -0.5 },          /* reversed b range */
  { 4, 4, NAN, 1, -1, 1 },
  { 4, 4, -1, NAN, -1, 1 },
  { 4, 4, -1, 1, NAN, 1 },
  { 4, 4, -INFINITY, 1, -1, 1 },
  { 4, 4, -1, 1, -1, INFINITY },
};

START_TEST (test_bad_grid)
{
  rs_neuron u = neuron_make (rs_act_relu);
  gsl_matrix *m = gsl_matrix_alloc (bad_grids[_i].rows, bad_grids[_i].cols);

  ck_assert_int_eq (rs_surface_loss (&u, noisy,
                                     rs_interval_make (bad_grids[_i].wlo,
                                                       bad_grids[_i].whi),
                                     rs_interval_make (bad_grids[_i].blo,
                                                       bad_grids[_i].bhi),
                                     m), RS_EINVAL);
  gsl_matrix_free (m);
}
END_TEST

static Suite *
surface_suite (void)
{
  Suite *s = suite_create ("surface");
  TCase *core = tcase_create ("Core");
  TCase *limits = tcase_create ("Limits");
  TCase *errors = tcase_create ("Errors");

  tcase_add_checked_fixture (core, setup_data, teardown_data);
  tcase_add_test (core, test_coord);
  tcase_add_loop_test (core, test_grid_values, 0, 2);
  tcase_add_test (core, test_neuron_untouched);
  tcase_add_test (core, test_dead_plateau);
  tcase_add_test (core, test_active_closed_form);
  suite_add_tcase (s, core);

  tcase_add_checked_fixture (limits, setup_data, teardown_data);
  tcase_add_test (limits, test_two_by_two);
  suite_add_tcase (s, limits);

  tcase_add_checked_fixture (errors, setup_data, teardown_data);
  tcase_add_loop_test (errors, test_bad_grid, 0,
                       sizeof bad_grids / sizeof bad_grids[0]);
  suite_add_tcase (s, errors);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (surface_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed != 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
