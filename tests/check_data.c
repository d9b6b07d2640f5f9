/* check_data.c: data sets, their generators, the train/test split, class
 * labels and CSV files (lib/reluscape/rs_data.h).
 *
 * Expected values come from the formulas of rs_data.h written out again
 * here, from the decimal numbers of the test's own CSV texts (strtod and
 * the compiler both round a decimal to the nearest double, so they compare
 * with ==), or from binomial and normal sampling bounds stated where they
 * are used.  Every expected line:col of an error was counted by hand in
 * its input (1-based byte columns, a tab counts one). */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include <reluscape/reluscape.h>

#ifndef RS_TOP_SRCDIR
#define RS_TOP_SRCDIR "."
#endif

#define DATA_DIR RS_TOP_SRCDIR "/tests/data"

/* The seed of every generated set: unround, so that it is no default. */
#define SEED 2385

/* A place an out-parameter points to before a call that must set it to
 * NULL. */
static rs_data sentinel;

/* A fresh Mersenne twister seeded with seed. */
static gsl_rng *
rng_make (unsigned long seed)
{
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);

  ck_assert_ptr_nonnull (r);
  gsl_rng_set (r, seed);
  return r;
}

/* n points from the generator called name, failing the test with the
 * library's report if it cannot make them. */
static rs_data *
generate (const char *name, size_t n, double noise, unsigned long seed)
{
  gsl_rng *r = rng_make (seed);
  rs_error err;
  char buf[800];
  rs_data *d;

  rs_error_clear (&err);
  d = rs_data_generate (rs_data_gen_lookup (name), n, noise, r, &err);
  ck_assert_msg (d != NULL, "%s", rs_error_format (&err, buf, sizeof buf));
  gsl_rng_free (r);
  return d;
}

/* Parse a NUL-terminated CSV text named "t.csv", failing the test with
 * the library's report if it errs. */
static rs_data *
parse_ok (const char *text, size_t dim, size_t ydim)
{
  rs_error err;
  rs_data *d = &sentinel;
  char buf[800];

  rs_error_clear (&err);
  ck_assert_msg (rs_data_parse_csv (text, strlen (text), "t.csv", dim, ydim,
                                    &d, &err) == RS_OK,
                 "%s", rs_error_format (&err, buf, sizeof buf));
  ck_assert_ptr_nonnull (d);
  ck_assert_ptr_ne (d, &sentinel);
  return d;
}

/* Whether the n values a and b are all equal. */
static void
assert_values (const double *a, const double *b, size_t n)
{
  for (size_t i = 0; i < n; i++)
    ck_assert_msg (a[i] == b[i], "value %zu: %.17g, expected %.17g", i,
                   a[i], b[i]);
}

/* The points of tests/data/good.csv, row by row: two inputs, one target. */
static const double good_x[] = { -0.731, 2.385, 0.4619, -3.917, 2.25e-3,
                                 1E2 };
static const double good_y[] = { -0.0417, 1.913, -7.25 };

/* The text of tests/data/good.csv. */
static const char good_text[] =
  "# Three points of a function of two inputs, for tests/check_data.c.\n"
  "x1, x2 ,target\n"
  "\n"
  "-0.731,2.385,-0.0417\n"
  "  0.4619 ,\t-3.917, 1.913\n"
  "  # a comment between rows\n"
  "+2.25e-3,1E2,-7.25\n";

/* Whether d is good.csv read with two inputs and one target. */
static void
assert_good (const rs_data *d)
{
  ck_assert_uint_eq (d->n, 3);
  ck_assert_uint_eq (d->dim, 2);
  ck_assert_uint_eq (d->ydim, 1);
  ck_assert_uint_eq (d->classes, 0);
  assert_values (d->x, good_x, 6);
  assert_values (d->y, good_y, 3);
}

/* ------------------------------------------------------------------ */
/* Core */

/* rs_data_alloc: one input and one target per point, all zero, and no
 * classes; rs_data_alloc_dims the shape asked for. */
START_TEST (test_alloc)
{
  rs_data *d = rs_data_alloc (5, NULL);
  rs_data *e = rs_data_alloc_dims (4, 3, 2, NULL);

  ck_assert_ptr_nonnull (d);
  ck_assert_ptr_nonnull (e);
  ck_assert_uint_eq (d->n, 5);
  ck_assert_uint_eq (d->dim, 1);
  ck_assert_uint_eq (d->ydim, 1);
  ck_assert_uint_eq (d->classes, 0);
  for (size_t i = 0; i < 5; i++)
    ck_assert (d->x[i] == 0.0 && d->y[i] == 0.0);
  ck_assert_uint_eq (e->n, 4);
  ck_assert_uint_eq (e->dim, 3);
  ck_assert_uint_eq (e->ydim, 2);
  ck_assert_uint_eq (e->classes, 0);
  for (size_t i = 0; i < 4 * 3; i++)
    ck_assert (e->x[i] == 0.0);
  for (size_t i = 0; i < 4 * 2; i++)
    ck_assert (e->y[i] == 0.0);
  rs_data_free (d);
  rs_data_free (e);
  rs_data_free (NULL);
}
END_TEST

/* A clone has the same shape and values in storage of its own. */
START_TEST (test_clone)
{
  rs_data *d = generate ("blobs", 7, 0.137, SEED);
  rs_data *c = rs_data_clone (d, NULL);

  ck_assert_ptr_nonnull (c);
  ck_assert_uint_eq (c->n, 7);
  ck_assert_uint_eq (c->dim, 2);
  ck_assert_uint_eq (c->ydim, 1);
  ck_assert_uint_eq (c->classes, 3);
  ck_assert_ptr_ne (c->x, d->x);
  ck_assert_ptr_ne (c->y, d->y);
  assert_values (c->x, d->x, 14);
  assert_values (c->y, d->y, 7);
  rs_data_free (c);
  rs_data_free (d);
}
END_TEST

/* rs_data_x_range looks at the first input only: the second inputs here
 * (+-9.5) lie outside the first ones' range [-2.385, 1.913]. */
START_TEST (test_x_range_first_input)
{
  const double x[] = { 0.5, 9.5, -2.385, -9.5, 1.913, 0.0 };
  rs_data *d = rs_data_alloc_dims (3, 2, 1, NULL);
  rs_interval r;

  ck_assert_ptr_nonnull (d);
  memcpy (d->x, x, sizeof x);
  r = rs_data_x_range (d);
  ck_assert (r.lo == -2.385 && r.hi == 1.913);
  rs_data_free (d);
}
END_TEST

/* The generator table: eight families, each found by its name and equal
 * to its exported pointer, with the documented shape. */
static const struct {
  const char *name;
  const rs_data_gen *const *gen;
  size_t dim;
  size_t classes;
} families[] = {
  { "line", &rs_data_line_gen, 1, 0 },
  { "abs", &rs_data_abs_gen, 1, 0 },
  { "sine", &rs_data_sine_gen, 1, 0 },
  { "step", &rs_data_step_gen, 1, 0 },
  { "xor", &rs_data_xor_gen, 2, 2 },
  { "circle", &rs_data_circle_gen, 2, 2 },
  { "blobs", &rs_data_blobs_gen, 2, 3 },
  { "spirals", &rs_data_spirals_gen, 2, 2 }
};

#define N_FAMILIES (sizeof families / sizeof families[0])

START_TEST (test_gen_table)
{
  const rs_data_gen *g = rs_data_gen_lookup (families[_i].name);

  ck_assert_ptr_nonnull (g);
  ck_assert_ptr_eq (g, *families[_i].gen);
  ck_assert_ptr_eq (rs_data_gens[_i], g);
  ck_assert_str_eq (g->name, families[_i].name);
  ck_assert_uint_eq (g->dim, families[_i].dim);
  ck_assert_uint_eq (g->classes, families[_i].classes);
  ck_assert_ptr_nonnull (g->fill);
}
END_TEST

/* rs_data_gens ends with NULL right after the eight, and names that are
 * not a family's find nothing. */
START_TEST (test_gen_lookup_unknown)
{
  ck_assert_ptr_null (rs_data_gens[N_FAMILIES]);
  ck_assert_ptr_null (rs_data_gen_lookup (NULL));
  ck_assert_ptr_null (rs_data_gen_lookup (""));
  ck_assert_ptr_null (rs_data_gen_lookup ("Line"));
  ck_assert_ptr_null (rs_data_gen_lookup ("spiral"));
  ck_assert_ptr_null (rs_data_gen_lookup ("xor "));
}
END_TEST

/* Integral labels in range are accepted and set classes. */
START_TEST (test_set_classes)
{
  const double y[] = { 0.0, 2.0, 1.0, 2.0 };
  rs_data *d = rs_data_alloc (4, NULL);
  rs_error err;

  ck_assert_ptr_nonnull (d);
  memcpy (d->y, y, sizeof y);
  ck_assert_int_eq (rs_data_set_classes (d, 3, &err), RS_OK);
  ck_assert_uint_eq (d->classes, 3);
  ck_assert_int_eq (rs_data_set_classes (d, 5, &err), RS_OK);
  ck_assert_uint_eq (d->classes, 5);
  rs_data_free (d);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Generators */

/* The regression families of rs_data.h, written out again. */
static double
line_y (double x)
{
  return 2.0 * x + 1.0;
}

static double
abs_y (double x)
{
  return fabs (x);
}

static double
sine_y (double x)
{
  return sin (M_PI * x);
}

static double
step_y (double x)
{
  return x < 0.0 ? 0.0 : 1.0;
}

static const struct {
  const char *name;
  double (*f) (double);
} regressions[] = {
  { "line", line_y }, { "abs", abs_y }, { "sine", sine_y },
  { "step", step_y }
};

#define N_REGRESSIONS (sizeof regressions / sizeof regressions[0])

/* 37 points: odd, so that x = 0 (where step jumps) is on the grid. */
#define N_GRID 37

/* Without noise, and without a generator: x_i = -1 + 2 i / (n - 1) with
 * both ends exact, y = f(x). */
START_TEST (test_regression_clean)
{
  rs_error err;
  rs_data *d = rs_data_generate (rs_data_gen_lookup (regressions[_i].name),
                                 N_GRID, 0.0, NULL, &err);

  ck_assert_ptr_nonnull (d);
  ck_assert_uint_eq (d->n, N_GRID);
  ck_assert_uint_eq (d->dim, 1);
  ck_assert_uint_eq (d->ydim, 1);
  ck_assert_uint_eq (d->classes, 0);
  ck_assert (d->x[0] == -1.0 && d->x[N_GRID - 1] == 1.0);
  for (size_t i = 0; i < N_GRID; i++)
    {
      double x = -1.0 + 2.0 * (double) i / (double) (N_GRID - 1);

      ck_assert_double_eq_tol (d->x[i], x, 1e-15);
      ck_assert_double_eq_tol (d->y[i], regressions[_i].f (x), 1e-15);
    }
  rs_data_free (d);
}
END_TEST

/* Points read off the formulas by hand: step is 1 at x = 0 (i = 18) and 0
 * just left of it; sine is 1 at x = 1/2 (i = 27), 0 at both ends. */
START_TEST (test_regression_hand_values)
{
  rs_data *step = rs_data_generate (rs_data_step_gen, N_GRID, 0.0, NULL,
                                    NULL);
  rs_data *sine = rs_data_generate (rs_data_sine_gen, N_GRID, 0.0, NULL,
                                    NULL);
  rs_data *line = rs_data_generate (rs_data_line_gen, 2, 0.0, NULL, NULL);

  ck_assert (step->x[18] == 0.0 && step->y[18] == 1.0 && step->y[17] == 0.0);
  ck_assert_double_eq_tol (sine->y[27], 1.0, 1e-15);
  ck_assert_double_eq_tol (sine->y[0], 0.0, 1e-15);
  ck_assert_double_eq_tol (sine->y[N_GRID - 1], 0.0, 1e-15);
  ck_assert (line->y[0] == -1.0 && line->y[1] == 3.0);
  rs_data_free (step);
  rs_data_free (sine);
  rs_data_free (line);
}
END_TEST

/* With noise, y - f(x) are the draws noise * N(0, 1) of an independently
 * seeded generator, one per point in order. */
START_TEST (test_regression_noise)
{
  const double noise = 0.137;
  rs_data *d = generate (regressions[_i].name, N_GRID, noise, SEED);
  gsl_rng *r = rng_make (SEED);

  for (size_t i = 0; i < N_GRID; i++)
    ck_assert_double_eq_tol (d->y[i], regressions[_i].f (d->x[i])
                             + gsl_ran_gaussian (r, noise), 1e-14);
  gsl_rng_free (r);
  rs_data_free (d);
}
END_TEST

/* The classification families: shape, and every label an integer 0 ...
 * classes - 1 (which rs_data_set_classes confirms). */
START_TEST (test_classes_shape)
{
  size_t k = _i + N_REGRESSIONS;
  rs_data *d = generate (families[k].name, 1000, 0.137, SEED);

  ck_assert_uint_eq (d->n, 1000);
  ck_assert_uint_eq (d->dim, 2);
  ck_assert_uint_eq (d->ydim, 1);
  ck_assert_uint_eq (d->classes, families[k].classes);
  for (size_t i = 0; i < d->n; i++)
    ck_assert (d->y[i] == floor (d->y[i]) && d->y[i] >= 0.0
               && d->y[i] < (double) d->classes);
  ck_assert_int_eq (rs_data_set_classes (d, d->classes, NULL), RS_OK);
  rs_data_free (d);
}
END_TEST

/* 4000 points for the statistical checks. */
#define N_STAT 4000

/* Whether count successes of n trials of probability p are within 4
 * standard deviations sqrt(n p (1 - p)) of n p: false with probability
 * about 6e-5 for a correct generator, and the seed is fixed. */
static void
assert_binomial (size_t count, size_t n, double p)
{
  double mean = (double) n * p, sd = sqrt ((double) n * p * (1.0 - p));

  ck_assert_msg (fabs ((double) count - mean) <= 4.0 * sd,
                 "%zu of %zu, expected %g +- %g", count, n, mean, 4.0 * sd);
}

/* How many labels of d equal label. */
static size_t
count_label (const rs_data *d, double label)
{
  size_t c = 0;

  for (size_t i = 0; i < d->n; i++)
    c += d->y[i] == label;
  return c;
}

/* xor without noise: points in [-1, 1]^2, label 1 exactly where x1 x2 < 0,
 * which is half the square. */
START_TEST (test_xor_rule)
{
  rs_data *d = generate ("xor", N_STAT, 0.0, SEED);

  for (size_t i = 0; i < d->n; i++)
    {
      double x1 = d->x[2 * i], x2 = d->x[2 * i + 1];

      ck_assert (x1 >= -1.0 && x1 <= 1.0 && x2 >= -1.0 && x2 <= 1.0);
      ck_assert (d->y[i] == (x1 * x2 < 0.0 ? 1.0 : 0.0));
    }
  assert_binomial (count_label (d, 1.0), N_STAT, 0.5);
  rs_data_free (d);
}
END_TEST

/* circle without noise: label 1 exactly inside radius sqrt(2 / pi), a
 * disc of area 2 in the square of area 4, so half the points. */
START_TEST (test_circle_rule)
{
  rs_data *d = generate ("circle", N_STAT, 0.0, SEED);
  const double r2 = 2.0 / M_PI;

  for (size_t i = 0; i < d->n; i++)
    {
      double x1 = d->x[2 * i], x2 = d->x[2 * i + 1];

      ck_assert (x1 >= -1.0 && x1 <= 1.0 && x2 >= -1.0 && x2 <= 1.0);
      ck_assert (d->y[i] == (x1 * x1 + x2 * x2 < r2 ? 1.0 : 0.0));
    }
  assert_binomial (count_label (d, 1.0), N_STAT, 0.5);
  rs_data_free (d);
}
END_TEST

/* The sample mean and standard deviation of coordinate c of the points
 * of d labelled label, and their count. */
static size_t
class_stats (const rs_data *d, double label, size_t c, double *mean,
             double *sd)
{
  double s = 0.0, s2 = 0.0;
  size_t m = 0;

  for (size_t i = 0; i < d->n; i++)
    if (d->y[i] == label)
      {
        s += d->x[2 * i + c];
        m++;
      }
  *mean = s / (double) m;
  for (size_t i = 0; i < d->n; i++)
    if (d->y[i] == label)
      s2 += gsl_pow_2 (d->x[2 * i + c] - *mean);
  *sd = sqrt (s2 / (double) (m - 1));
  return m;
}

/* blobs: class k has about a third of the points (binomial bound), mean
 * 0.6 (cos a_k, sin a_k) with a_k = 90, 210, 330 degrees, and standard
 * deviation sqrt(0.2^2 + noise^2) per coordinate (the noise adds its
 * variance).  Bounds: 4 standard errors, sigma / sqrt(m) for a mean and
 * about sigma / sqrt(2 (m - 1)) for a standard deviation. */
START_TEST (test_blobs_stats)
{
  const double noise[] = { 0.0, 0.3 };
  const double centre[3][2] = {
    { 0.0, 0.6 }, { -0.3 * sqrt (3.0), -0.3 }, { 0.3 * sqrt (3.0), -0.3 }
  };
  double sigma = hypot (0.2, noise[_i]);
  rs_data *d = generate ("blobs", N_STAT, noise[_i], SEED);

  for (int k = 0; k < 3; k++)
    for (size_t c = 0; c < 2; c++)
      {
        double mean, sd;
        size_t m = class_stats (d, k, c, &mean, &sd);

        assert_binomial (m, N_STAT, 1.0 / 3.0);
        ck_assert_double_eq_tol (mean, centre[k][c],
                                 4.0 * sigma / sqrt ((double) m));
        ck_assert_double_eq_tol (sd, sigma,
                                 4.0 * sigma / sqrt (2.0 * (double) (m - 1)));
      }
  rs_data_free (d);
}
END_TEST

/* spirals without noise: each point at radius t in [0.05, 1] and angle
 * 3 pi t + pi label (mod 2 pi); the two labels about equally often. */
START_TEST (test_spirals_rule)
{
  rs_data *d = generate ("spirals", N_STAT, 0.0, SEED);

  for (size_t i = 0; i < d->n; i++)
    {
      double x1 = d->x[2 * i], x2 = d->x[2 * i + 1];
      double t = hypot (x1, x2);
      double a = 3.0 * M_PI * t + M_PI * d->y[i];
      double da = remainder (atan2 (x2, x1) - a, 2.0 * M_PI);

      ck_assert (t >= 0.05 - 1e-15 && t <= 1.0 + 1e-15);
      ck_assert_double_eq_tol (da, 0.0, 1e-9);
    }
  assert_binomial (count_label (d, 1.0), N_STAT, 0.5);
  rs_data_free (d);
}
END_TEST

/* The same seed gives the same data, another seed other data: for every
 * family, with noise (so that regression data are random too). */
START_TEST (test_gen_seed)
{
  const char *name = families[_i].name;
  rs_data *a = generate (name, 50, 0.137, SEED);
  rs_data *b = generate (name, 50, 0.137, SEED);
  rs_data *c = generate (name, 50, 0.137, SEED + 1);
  size_t nx = 50 * a->dim;

  ck_assert (memcmp (a->x, b->x, nx * sizeof (double)) == 0);
  ck_assert (memcmp (a->y, b->y, 50 * sizeof (double)) == 0);
  ck_assert (memcmp (a->x, c->x, nx * sizeof (double)) != 0
             || memcmp (a->y, c->y, 50 * sizeof (double)) != 0);
  rs_data_free (a);
  rs_data_free (b);
  rs_data_free (c);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Split */

/* A data set of n points with two inputs and two targets that say which
 * point they are: x = (i, 1000 + i), y = (2000 + i, 3000 + i). */
static rs_data *
indexed (size_t n)
{
  rs_data *d = rs_data_alloc_dims (n, 2, 2, NULL);

  ck_assert_ptr_nonnull (d);
  for (size_t i = 0; i < n; i++)
    {
      d->x[2 * i] = (double) i;
      d->x[2 * i + 1] = 1000.0 + (double) i;
      d->y[2 * i] = 2000.0 + (double) i;
      d->y[2 * i + 1] = 3000.0 + (double) i;
    }
  return d;
}

/* Split d with the given fraction and seed, failing on an error. */
static void
split_ok (const rs_data *d, double fraction, unsigned long seed,
          rs_data **train, rs_data **test)
{
  gsl_rng *r = rng_make (seed);
  rs_error err;
  char buf[800];

  rs_error_clear (&err);
  ck_assert_msg (rs_data_split (d, fraction, r, train, test, &err) == RS_OK,
                 "%s", rs_error_format (&err, buf, sizeof buf));
  gsl_rng_free (r);
}

/* Test set sizes round(fraction n), rounding halves up (18.5 -> 19,
 * 0.5 -> 1), and the rest for training. */
static const struct {
  size_t n;
  double fraction;
  size_t ntest;
} split_sizes[] = {
  { 37, 0.25, 9 },      /* 9.25 */
  { 37, 0.5, 19 },      /* 18.5 */
  { 10, 0.05, 1 },      /* 0.5 */
  { 10, 0.94, 9 },      /* 9.4 */
  { 2, 0.5, 1 },        /* 1 */
  { 1000, 0.2, 200 }    /* 200 */
};

START_TEST (test_split_sizes)
{
  rs_data *d = indexed (split_sizes[_i].n), *train, *test;

  split_ok (d, split_sizes[_i].fraction, SEED, &train, &test);
  ck_assert_uint_eq (test->n, split_sizes[_i].ntest);
  ck_assert_uint_eq (train->n, split_sizes[_i].n - split_sizes[_i].ntest);
  rs_data_free (d);
  rs_data_free (train);
  rs_data_free (test);
}
END_TEST

/* Mark the points of part in seen, checking that each is a whole point of
 * indexed(), and that their indices increase (the order is kept). */
static void
mark_points (const rs_data *part, int *seen)
{
  ck_assert_uint_eq (part->dim, 2);
  ck_assert_uint_eq (part->ydim, 2);
  for (size_t j = 0; j < part->n; j++)
    {
      double i = part->x[2 * j];

      ck_assert (part->x[2 * j + 1] == 1000.0 + i);
      ck_assert (part->y[2 * j] == 2000.0 + i);
      ck_assert (part->y[2 * j + 1] == 3000.0 + i);
      ck_assert (j == 0 || i > part->x[2 * (j - 1)]);
      seen[(size_t) i]++;
    }
}

/* Every point lands in exactly one part, whole, in its original order. */
START_TEST (test_split_partition)
{
  rs_data *d = indexed (37), *train, *test;
  int seen[37] = { 0 };

  split_ok (d, 0.3, SEED, &train, &test);
  mark_points (train, seen);
  mark_points (test, seen);
  for (size_t i = 0; i < 37; i++)
    ck_assert_int_eq (seen[i], 1);
  rs_data_free (d);
  rs_data_free (train);
  rs_data_free (test);
}
END_TEST

/* Both parts keep the data's number of classes. */
START_TEST (test_split_classes)
{
  rs_data *d = generate ("blobs", 30, 0.0, SEED), *train, *test;

  split_ok (d, 0.4, SEED, &train, &test);
  ck_assert_uint_eq (train->classes, 3);
  ck_assert_uint_eq (test->classes, 3);
  ck_assert_uint_eq (train->dim, 2);
  ck_assert_uint_eq (test->ydim, 1);
  rs_data_free (d);
  rs_data_free (train);
  rs_data_free (test);
}
END_TEST

/* The same seed gives the same split, another seed another: two of the
 * C(37, 11) = 8.5e8 test sets coincide by chance with probability 1.2e-9. */
START_TEST (test_split_seed)
{
  rs_data *d = indexed (37), *a, *at, *b, *bt, *c, *ct;

  split_ok (d, 0.3, SEED, &a, &at);
  split_ok (d, 0.3, SEED, &b, &bt);
  split_ok (d, 0.3, SEED + 1, &c, &ct);
  ck_assert (memcmp (at->x, bt->x, at->n * 2 * sizeof (double)) == 0);
  ck_assert (memcmp (a->x, b->x, a->n * 2 * sizeof (double)) == 0);
  ck_assert (memcmp (at->x, ct->x, at->n * 2 * sizeof (double)) != 0);
  rs_data_free (d);
  rs_data_free (a);
  rs_data_free (at);
  rs_data_free (b);
  rs_data_free (bt);
  rs_data_free (c);
  rs_data_free (ct);
}
END_TEST

/* Every point is equally likely to be a test point: over 2000 splits of
 * 10 points with 3 for testing, each point is one about 600 times
 * (binomial, p = 0.3).  A permutation drawn from one generator in turn. */
START_TEST (test_split_uniform)
{
  rs_data *d = indexed (10), *train, *test;
  gsl_rng *r = rng_make (SEED);
  size_t count[10] = { 0 };

  for (int s = 0; s < 2000; s++)
    {
      ck_assert_int_eq (rs_data_split (d, 0.3, r, &train, &test, NULL),
                        RS_OK);
      for (size_t j = 0; j < test->n; j++)
        count[(size_t) test->x[2 * j]]++;
      rs_data_free (train);
      rs_data_free (test);
    }
  for (size_t i = 0; i < 10; i++)
    assert_binomial (count[i], 2000, 0.3);
  gsl_rng_free (r);
  rs_data_free (d);
}
END_TEST

/* ------------------------------------------------------------------ */
/* CSV */

/* good.csv from the disk: comments, a blank line, blanks and a tab around
 * fields, a leading '+', exponents in both cases. */
START_TEST (test_csv_file)
{
  rs_error err;
  rs_data *d = &sentinel;
  char buf[800];

  rs_error_clear (&err);
  ck_assert_msg (rs_data_read_csv (DATA_DIR "/good.csv", 2, 1, &d, &err)
                 == RS_OK, "%s", rs_error_format (&err, buf, sizeof buf));
  assert_good (d);
  rs_data_free (d);
}
END_TEST

/* The same text from memory gives the same data. */
START_TEST (test_csv_memory)
{
  rs_data *d = parse_ok (good_text, 2, 1);

  assert_good (d);
  rs_data_free (d);
}
END_TEST

/* dim = 0 takes all but the last ydim columns as inputs: good.csv as two
 * inputs and one target, or one input and two targets. */
START_TEST (test_csv_infer_dim)
{
  rs_data *a = parse_ok (good_text, 0, 1);
  rs_data *b = parse_ok (good_text, 0, 2);
  rs_data *c = parse_ok (good_text, 1, 2);
  const double bx[] = { -0.731, 0.4619, 2.25e-3 };
  const double by[] = { 2.385, -0.0417, -3.917, 1.913, 1E2, -7.25 };

  assert_good (a);
  ck_assert_uint_eq (b->n, 3);
  ck_assert_uint_eq (b->dim, 1);
  ck_assert_uint_eq (b->ydim, 2);
  assert_values (b->x, bx, 3);
  assert_values (b->y, by, 6);
  ck_assert_uint_eq (c->dim, 1);
  assert_values (c->x, bx, 3);
  assert_values (c->y, by, 6);
  rs_data_free (a);
  rs_data_free (b);
  rs_data_free (c);
}
END_TEST

/* CRLF line ends, a CRLF blank line and comment, and a last line without
 * a line end. */
START_TEST (test_csv_crlf)
{
  rs_data *d = parse_ok ("t,u\r\n2.385,-0.0417\r\n\r\n# c\r\n-1.5e-3,7\r\n"
                         "0.731,-0", 1, 1);
  const double x[] = { 2.385, -1.5e-3, 0.731 }, y[] = { -0.0417, 7, -0.0 };

  ck_assert_uint_eq (d->n, 3);
  assert_values (d->x, x, 3);
  assert_values (d->y, y, 3);
  ck_assert (signbit (d->y[2]));
  rs_data_free (d);
}
END_TEST

/* A header with some names that read as numbers is still a header; only
 * a first row of numbers alone is refused. */
START_TEST (test_csv_numeric_name)
{
  rs_data *d = parse_ok ("x,1\n2.385,-0.0417\n", 1, 1);

  ck_assert_uint_eq (d->n, 1);
  ck_assert (d->x[0] == 2.385 && d->y[0] == -0.0417);
  rs_data_free (d);
}
END_TEST

/* A field of any length: 100000 leading zeros before 2.385. */
START_TEST (test_csv_long)
{
  size_t zeros = 100000;
  char *text = malloc (zeros + 32);
  rs_data *d;

  ck_assert_ptr_nonnull (text);
  strcpy (text, "x,y\n");
  memset (text + 4, '0', zeros);
  strcpy (text + 4 + zeros, "2.385,-0.0417\n");
  d = parse_ok (text, 1, 1);
  ck_assert (d->x[0] == 2.385 && d->y[0] == -0.0417);
  rs_data_free (d);
  free (text);
}
END_TEST

/* The widest rows: RS_DATA_MAX_DIM inputs and RS_DATA_MAX_DIM targets;
 * input k of the one row is k, target k is -k - 0.5. */
START_TEST (test_csv_widest)
{
  size_t nc = 2 * RS_DATA_MAX_DIM;
  char *text = malloc (nc * 16 + 2);
  size_t len = 0;
  rs_data *d;

  ck_assert_ptr_nonnull (text);
  for (size_t k = 0; k < nc; k++)
    len += (size_t) sprintf (text + len, "c%zu%c", k,
                             k + 1 < nc ? ',' : '\n');
  for (size_t k = 0; k < nc; k++)
    len += (size_t) sprintf (text + len, "%g%c", k < RS_DATA_MAX_DIM
                             ? (double) k : -(double) (k - RS_DATA_MAX_DIM)
                             - 0.5, k + 1 < nc ? ',' : '\n');
  d = parse_ok (text, RS_DATA_MAX_DIM, RS_DATA_MAX_DIM);
  for (size_t k = 0; k < RS_DATA_MAX_DIM; k++)
    ck_assert (d->x[k] == (double) k && d->y[k] == -(double) k - 0.5);
  rs_data_free (d);
  free (text);
}
END_TEST

/* Labels read from a file become classes. */
START_TEST (test_csv_classes)
{
  rs_data *d = parse_ok ("x1,x2,label\n0.5,-0.25,1\n-0.731,2.385,0\n"
                         "1.913,0.4619,2\n", 2, 1);

  ck_assert_int_eq (rs_data_set_classes (d, 3, NULL), RS_OK);
  ck_assert_uint_eq (d->classes, 3);
  rs_data_free (d);
}
END_TEST

/* A value too small for a double is read as 0 (an underflow, not an
 * error: the nearest double is 0). */
START_TEST (test_csv_underflow)
{
  rs_data *d = parse_ok ("x,y\n1e-400,-1e-400\n", 1, 1);

  ck_assert (d->x[0] == 0.0 && d->y[0] == 0.0);
  rs_data_free (d);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Errors */

/* A CSV text (its length given for those with a NUL byte, else 0), the
 * shape asked for, and the whole report rs_error_format writes. */
static const struct {
  const char *text;
  size_t len;
  size_t dim;
  size_t ydim;
  const char *expected;
} csv_errors[] = {
  /* Ragged rows: too few fields (column just past the line's end), too
   * many (the first surplus field), also with CRLF. */
  { "x,y,z\n1,2,3\n4,5\n", 0, 2, 1,
    "t.csv:3:4: error: row has 2 fields, the header has 3" },
  { "x,y\n1,2,3,4\n", 0, 1, 1,
    "t.csv:2:5: error: row has 4 fields, the header has 2" },
  { "x,y\r\n1,2,3\r\n", 0, 1, 1,
    "t.csv:2:5: error: row has 3 fields, the header has 2" },
  { "x,y\r\n1\r\n", 0, 1, 1,
    "t.csv:2:2: error: row has 1 field, the header has 2" },
  /* Not numbers, at their first character after the blanks. */
  { "x,y\n1.5, abc\n", 0, 1, 1, "t.csv:2:6: error: 'abc' is not a number" },
  { "x,y\n0x1A,2\n", 0, 1, 1, "t.csv:2:1: error: '0x1A' is not a number" },
  { "x,y\n2,0x1p-3\n", 0, 1, 1,
    "t.csv:2:3: error: '0x1p-3' is not a number" },
  { "x,y\n1.2.3,4\n", 0, 1, 1, "t.csv:2:1: error: '1.2.3' is not a number" },
  { "x,y\n1,2 5\n", 0, 1, 1, "t.csv:2:3: error: '2 5' is not a number" },
  { "x,y\n1,-\n", 0, 1, 1, "t.csv:2:3: error: '-' is not a number" },
  { "x,y\n1,e5\n", 0, 1, 1, "t.csv:2:3: error: 'e5' is not a number" },
  { "x,y\n1,\"2\"\n", 0, 1, 1, "t.csv:2:3: error: '\"2\"' is not a number" },
  { "x,y\n1,2\r3\n", 0, 1, 1, "t.csv:2:3: error: '2?3' is not a number" },
  { "x,y\nabc\n", 0, 1, 1, "t.csv:2:1: error: 'abc' is not a number" },
  { "# c\nx,y\n\n1,2\n# d\n3,z\n", 0, 1, 1,
    "t.csv:6:3: error: 'z' is not a number" },
  { "x,y\n1,aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", 0, 1, 1,
    "t.csv:2:3: error: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' is not "
    "a number" },
  /* NaN and Inf, in the spellings strtod would take. */
  { "x,y\n1,nan\n", 0, 1, 1,
    "t.csv:2:3: error: 'nan': NaN or Inf is not allowed" },
  { "x,y\n-Inf,1\n", 0, 1, 1,
    "t.csv:2:1: error: '-Inf': NaN or Inf is not allowed" },
  { "x,y\n1,\tInfinity\n", 0, 1, 1,
    "t.csv:2:4: error: 'Infinity': NaN or Inf is not allowed" },
  { "x,y\nNAN(123),2\n", 0, 1, 1,
    "t.csv:2:1: error: 'NAN(123)': NaN or Inf is not allowed" },
  { "x,y\n1e999,2\n", 0, 1, 1, "t.csv:2:1: error: '1e999' is too large for "
    "a double (Inf is not allowed)" },
  /* Empty fields: where the number should begin. */
  { "x,y,z\n1,,3\n", 0, 2, 1,
    "t.csv:2:3: error: empty field: a number is needed" },
  { "x,y,z\n1, \t,3\n", 0, 2, 1,
    "t.csv:2:5: error: empty field: a number is needed" },
  { "x,y\n1,\n", 0, 1, 1,
    "t.csv:2:3: error: empty field: a number is needed" },
  /* The header. */
  { "1.5,2\n3,4\n", 0, 1, 1,
    "t.csv:1:1: error: the first row must be a header of column names" },
  { "# data\n\n1.5, -2e3\n3,4\n", 0, 1, 1,
    "t.csv:3:1: error: the first row must be a header of column names" },
  { "x,,y\n1,2,3\n", 0, 2, 1,
    "t.csv:1:3: error: column 2 of the header has no name" },
  { "x,y,\n1,2,3\n", 0, 2, 1,
    "t.csv:1:5: error: column 3 of the header has no name" },
  { "  \t,y\n1,2\n", 0, 1, 1,
    "t.csv:1:4: error: column 1 of the header has no name" },
  { "x,y\n# none\n\n", 0, 1, 1,
    "t.csv:1:1: error: no data rows after the header" },
  { "# c\nx,y", 0, 1, 1, "t.csv:2:1: error: no data rows after the header" },
  { "# c\n\n  \t\n", 0, 1, 1, "t.csv: error: no header row: the file has "
    "only blank lines and comments" },
  { "", 0, 1, 1, "t.csv: error: file is empty" },
  /* Columns against the network's inputs and targets. */
  { "a,b,c,d\n1,2,3,4\n", 0, 2, 1, "t.csv:1:7: error: too many columns for "
    "the network: 4 columns, the network takes 2 inputs and 1 target" },
  { "a,b\n1,2\n", 0, 2, 1, "t.csv:1:4: error: too few columns for the "
    "network: 2 columns, the network takes 2 inputs and 1 target" },
  { "a,b\n1,2\n", 0, 1, 2, "t.csv:1:4: error: too few columns for the "
    "network: 2 columns, the network takes 1 input and 2 targets" },
  { "y\n1\n", 0, 0, 1, "t.csv:1:2: error: too few columns for the network: "
    "1 column, the network takes at least 1 input and 1 target" },
  { "a,b\n1,2\n", 0, 0, 2, "t.csv:1:4: error: too few columns for the "
    "network: 2 columns, the network takes at least 1 input and 2 targets" },
  /* NUL bytes, in a row, a comment, and a line after the rows. */
  { "x,y\n1,2\0\n", 9, 1, 1, "t.csv:2:4: error: NUL byte in the text" },
  { "# a\0b\nx,y\n1,2\n", 14, 1, 1,
    "t.csv:1:4: error: NUL byte in the text" },
  { "x,y\n1,2\n3,4\n\0", 13, 1, 1, "t.csv:4:1: error: NUL byte in the text" }
};

#define N_CSV_ERRORS (sizeof csv_errors / sizeof csv_errors[0])

START_TEST (test_csv_errors)
{
  const char *text = csv_errors[_i].text;
  size_t len = csv_errors[_i].len > 0 ? csv_errors[_i].len : strlen (text);
  rs_data *d = &sentinel;
  rs_error err;
  char buf[800];

  rs_error_clear (&err);
  ck_assert_int_eq (rs_data_parse_csv (text, len, "t.csv", csv_errors[_i].dim,
                                       csv_errors[_i].ydim, &d, &err),
                    RS_ESYNTAX);
  ck_assert_ptr_null (d);
  ck_assert_int_eq (err.code, RS_ESYNTAX);
  ck_assert_str_eq (err.file, "t.csv");
  ck_assert_str_eq (rs_error_format (&err, buf, sizeof buf),
                    csv_errors[_i].expected);
}
END_TEST

/* Expect rs_data_parse_csv of text to fail with RS_ESYNTAX and the report
 * expected, leaving *out NULL. */
static void
assert_csv_fails (const char *text, size_t dim, size_t ydim,
                  const char *expected)
{
  rs_data *d = &sentinel;
  rs_error err;
  char buf[800];

  rs_error_clear (&err);
  ck_assert_int_eq (rs_data_parse_csv (text, strlen (text), "t.csv", dim,
                                       ydim, &d, &err), RS_ESYNTAX);
  ck_assert_ptr_null (d);
  ck_assert_str_eq (rs_error_format (&err, buf, sizeof buf), expected);
}

/* dim = 0 with more than RS_DATA_MAX_DIM inputs: 1026 columns and one
 * target leave 1025; the report points at column 1026, past the 1024
 * inputs and the target, whose place in the header is counted as it is
 * written. */
START_TEST (test_csv_too_wide)
{
  enum { NC = RS_DATA_MAX_DIM + 2 };
  char *text = malloc (16 * NC), expected[256];
  size_t len = 0;
  int col = 0;

  ck_assert_ptr_nonnull (text);
  for (int k = 1; k <= NC; k++)
    {
      if (k == NC)
        col = (int) len + 1;
      len += (size_t) sprintf (text + len, "c%d%c", k, k < NC ? ',' : '\n');
    }
  for (int k = 1; k <= NC; k++)
    len += (size_t) sprintf (text + len, "0%c", k < NC ? ',' : '\n');
  snprintf (expected, sizeof expected, "t.csv:1:%d: error: too many "
            "columns: 1026 columns, a data set takes at most 1024 inputs "
            "and 1 target", col);
  assert_csv_fails (text, 0, 1, expected);
  free (text);
}
END_TEST

/* RS_DATA_MAX_POINTS + 1 rows: refused at the first row too many, line
 * RS_DATA_MAX_POINTS + 2 (after the header). */
START_TEST (test_csv_too_long)
{
  size_t rows = RS_DATA_MAX_POINTS + 1;
  char *text = malloc (4 + 4 * rows + 1), expected[128];

  ck_assert_ptr_nonnull (text);
  memcpy (text, "x,y\n", 4);
  for (size_t i = 0; i < rows; i++)
    memcpy (text + 4 + 4 * i, "0,0\n", 4);
  text[4 + 4 * rows] = '\0';
  snprintf (expected, sizeof expected, "t.csv:%d:1: error: too many data "
            "rows (at most %d)", RS_DATA_MAX_POINTS + 2, RS_DATA_MAX_POINTS);
  assert_csv_fails (text, 1, 1, expected);
  free (text);
}
END_TEST

/* Expect a failure with code and the report expected. */
static void
assert_error (int rc, const rs_error *err, int code, const char *expected)
{
  char buf[800];

  ck_assert_int_eq (rc, code);
  ck_assert_int_eq (err->code, code);
  ck_assert_str_eq (rs_error_format (err, buf, sizeof buf), expected);
}

/* Files that cannot be read: RS_EIO with the system's reason; a device
 * or a FIFO is refused before any byte is read; an empty
 * file is a syntax error named by its path. */
START_TEST (test_csv_io)
{
  const char *missing = DATA_DIR "/no-such-file.csv";
  rs_data *d = &sentinel;
  char expected[1024];
  rs_error err;
  int rc;

  rs_error_clear (&err);
  rc = rs_data_read_csv (missing, 1, 1, &d, &err);
  snprintf (expected, sizeof expected, "%s: error: cannot read the data "
            "file: %s", missing, strerror (ENOENT));
  assert_error (rc, &err, RS_EIO, expected);
  ck_assert_ptr_null (d);

  d = &sentinel;
  rc = rs_data_read_csv (DATA_DIR, 1, 1, &d, &err);
  /* a folder opens, but is not a regular file (the rule of file.c) */
  snprintf (expected, sizeof expected, "%s: error: cannot read the data "
            "file: not a regular file", DATA_DIR);
  assert_error (rc, &err, RS_EIO, expected);
  ck_assert_ptr_null (d);

  /* /dev/zero once grew the reader to gigabytes: a device is refused */
  d = &sentinel;
  rc = rs_data_read_csv ("/dev/zero", 1, 1, &d, &err);
  assert_error (rc, &err, RS_EIO, "/dev/zero: error: cannot read the data "
                "file: not a regular file");
  ck_assert_ptr_null (d);

  d = &sentinel;
  rc = rs_data_read_csv (DATA_DIR "/empty.csv", 1, 1, &d, &err);
  assert_error (rc, &err, RS_ESYNTAX,
                DATA_DIR "/empty.csv: error: file is empty");
  ck_assert_ptr_null (d);
}
END_TEST

/* Shapes no data set takes, refused before the file is opened. */
START_TEST (test_csv_bad_shape)
{
  const size_t shape[][2] = { { 1, 0 }, { 1, 1025 }, { 1025, 1 } };
  rs_data *d = &sentinel;
  char expected[256];
  rs_error err;

  for (size_t k = 0; k < 3; k++)
    {
      snprintf (expected, sizeof expected, "error: a CSV file's rows take 0 "
                "(all but the targets) to 1024 inputs and 1 to 1024 targets, "
                "not %zu and %zu", shape[k][0], shape[k][1]);
      assert_error (rs_data_parse_csv (good_text, strlen (good_text), "t.csv",
                                       shape[k][0], shape[k][1], &d, &err),
                    &err, RS_EINVAL, expected);
      ck_assert_ptr_null (d);
      d = &sentinel;
      assert_error (rs_data_read_csv (DATA_DIR "/no-such-file.csv",
                                      shape[k][0], shape[k][1], &d, &err),
                    &err, RS_EINVAL, expected);
      ck_assert_ptr_null (d);
    }
}
END_TEST

/* Bad labels: not an integer, negative, not below classes, NaN; too few
 * classes; more than one target.  classes is left as it was. */
START_TEST (test_set_classes_errors)
{
  const double y[] = { 1.0, 2.5, -1.0, 3.0 };
  rs_data *d = rs_data_alloc (4, NULL), *w = rs_data_alloc_dims (2, 1, 2,
                                                                 NULL);
  rs_error err;

  memcpy (d->y, y, sizeof y);
  assert_error (rs_data_set_classes (d, 3, &err), &err, RS_EINVAL,
                "error: point 2 has target 2.5, not a class label 0 to 2");
  d->y[1] = 0.0;
  assert_error (rs_data_set_classes (d, 3, &err), &err, RS_EINVAL,
                "error: point 3 has target -1, not a class label 0 to 2");
  d->y[2] = 1.0;
  assert_error (rs_data_set_classes (d, 3, &err), &err, RS_EINVAL,
                "error: point 4 has target 3, not a class label 0 to 2");
  d->y[0] = NAN;
  assert_error (rs_data_set_classes (d, 4, &err), &err, RS_EINVAL,
                "error: point 1 has target nan, not a class label 0 to 3");
  d->y[0] = 1.0 + 1e-12;
  assert_error (rs_data_set_classes (d, 4, &err), &err, RS_EINVAL,
                "error: point 1 has target 1.000000000001, not a class "
                "label 0 to 3");
  d->y[0] = 0.0;
  assert_error (rs_data_set_classes (d, 1, &err), &err, RS_EINVAL,
                "error: class labels need at least 2 classes, not 1");
  assert_error (rs_data_set_classes (w, 2, &err), &err, RS_EINVAL,
                "error: class labels need one target per point, not 2");
  ck_assert_uint_eq (d->classes, 0);
  ck_assert_uint_eq (w->classes, 0);
  ck_assert_int_eq (rs_data_set_classes (d, 4, NULL), RS_OK);
  rs_data_free (d);
  rs_data_free (w);
}
END_TEST

/* Generator arguments out of range: each refused with its reason. */
START_TEST (test_generate_errors)
{
  gsl_rng *r = rng_make (SEED);
  rs_error err;

  rs_error_clear (&err);
  ck_assert_ptr_null (rs_data_generate (NULL, 10, 0.0, r, &err));
  assert_error (RS_EINVAL, &err, RS_EINVAL, "error: no data generator given");
  ck_assert_ptr_null (rs_data_generate (rs_data_xor_gen, 1, 0.0, r, &err));
  assert_error (RS_EINVAL, &err, RS_EINVAL,
                "error: 'xor' data take 2 to 10000000 points, not 1");
  ck_assert_ptr_null (rs_data_generate (rs_data_line_gen, 0, 0.0, r, &err));
  assert_error (RS_EINVAL, &err, RS_EINVAL,
                "error: 'line' data take 2 to 10000000 points, not 0");
  ck_assert_ptr_null (rs_data_generate (rs_data_sine_gen,
                                        RS_DATA_MAX_POINTS + 1, 0.0, r,
                                        &err));
  assert_error (RS_EINVAL, &err, RS_EINVAL,
                "error: 'sine' data take 2 to 10000000 points, not 10000001");
  ck_assert_ptr_null (rs_data_generate (rs_data_abs_gen, 10, -0.25, r,
                                        &err));
  assert_error (RS_EINVAL, &err, RS_EINVAL,
                "error: the noise must be finite and at least 0, not -0.25");
  ck_assert_ptr_null (rs_data_generate (rs_data_abs_gen, 10, NAN, r, &err));
  assert_error (RS_EINVAL, &err, RS_EINVAL,
                "error: the noise must be finite and at least 0, not nan");
  ck_assert_ptr_null (rs_data_generate (rs_data_abs_gen, 10, INFINITY, r,
                                        &err));
  assert_error (RS_EINVAL, &err, RS_EINVAL,
                "error: the noise must be finite and at least 0, not inf");
  ck_assert_ptr_null (rs_data_generate (rs_data_circle_gen, 10, 0.0, NULL,
                                        &err));
  assert_error (RS_EINVAL, &err, RS_EINVAL, "error: 'circle' data with noise "
                "0 are drawn at random: they need a random number generator");
  ck_assert_ptr_null (rs_data_generate (rs_data_step_gen, 10, 0.137, NULL,
                                        &err));
  assert_error (RS_EINVAL, &err, RS_EINVAL, "error: 'step' data with noise "
                "0.137 are drawn at random: they need a random number "
                "generator");
  ck_assert_ptr_null (rs_data_generate (rs_data_xor_gen, 1, 0.0, r, NULL));
  gsl_rng_free (r);
}
END_TEST

/* Allocations of no points, too many, or rows of no or too many values. */
START_TEST (test_alloc_errors)
{
  rs_error err;

  rs_error_clear (&err);
  ck_assert_ptr_null (rs_data_alloc (0, &err));
  assert_error (RS_EINVAL, &err, RS_EINVAL, "error: a data set needs points");
  ck_assert_ptr_null (rs_data_alloc_dims (RS_DATA_MAX_POINTS + 1, 1, 1,
                                          &err));
  assert_error (RS_EINVAL, &err, RS_EINVAL,
                "error: too many data points: 10000001 (at most 10000000)");
  ck_assert_ptr_null (rs_data_alloc_dims (3, 0, 1, &err));
  assert_error (RS_EINVAL, &err, RS_EINVAL, "error: a data point takes 1 to "
                "1024 inputs and 1 to 1024 targets, not 0 and 1");
  ck_assert_ptr_null (rs_data_alloc_dims (3, 2, 1025, &err));
  assert_error (RS_EINVAL, &err, RS_EINVAL, "error: a data point takes 1 to "
                "1024 inputs and 1 to 1024 targets, not 2 and 1025");
  ck_assert_ptr_null (rs_data_alloc_dims (3, 1, 0, NULL));
}
END_TEST

/* Splits that are impossible: fractions outside (0, 1), no generator,
 * a part left empty.  Both parts are NULL afterwards. */
static const struct {
  size_t n;
  double fraction;
  int no_rng;
  const char *expected;
} split_errors[] = {
  { 10, 0.0, 0, "error: the test fraction must be between 0 and 1 (both "
    "excluded), not 0" },
  { 10, 1.0, 0, "error: the test fraction must be between 0 and 1 (both "
    "excluded), not 1" },
  { 10, -0.25, 0, "error: the test fraction must be between 0 and 1 (both "
    "excluded), not -0.25" },
  { 10, NAN, 0, "error: the test fraction must be between 0 and 1 (both "
    "excluded), not nan" },
  { 10, 0.3, 1, "error: a split is drawn at random: it needs a random "
    "number generator" },
  { 10, 0.04, 0, "error: a test fraction of 0.04 of 10 points leaves the "
    "test set empty" },                                 /* round(0.4) = 0 */
  { 10, 0.96, 0, "error: a test fraction of 0.96 of 10 points leaves the "
    "training set empty" },                             /* round(9.6) = 10 */
  { 1, 0.5, 0, "error: a test fraction of 0.5 of 1 point leaves the "
    "training set empty" }                              /* round(0.5) = 1 */
};

START_TEST (test_split_errors)
{
  rs_data *d = indexed (split_errors[_i].n);
  rs_data *train = &sentinel, *test = &sentinel;
  gsl_rng *r = split_errors[_i].no_rng ? NULL : rng_make (SEED);
  rs_error err;

  rs_error_clear (&err);
  assert_error (rs_data_split (d, split_errors[_i].fraction, r, &train,
                               &test, &err), &err, RS_EINVAL,
                split_errors[_i].expected);
  ck_assert_ptr_null (train);
  ck_assert_ptr_null (test);
  if (r != NULL)
    gsl_rng_free (r);
  rs_data_free (d);
}
END_TEST

static Suite *
data_suite (void)
{
  Suite *s = suite_create ("data");
  TCase *core = tcase_create ("Core");
  TCase *gen = tcase_create ("Generators");
  TCase *split = tcase_create ("Split");
  TCase *csv = tcase_create ("CSV");
  TCase *errors = tcase_create ("Errors");

  tcase_add_test (core, test_alloc);
  tcase_add_test (core, test_clone);
  tcase_add_test (core, test_x_range_first_input);
  tcase_add_loop_test (core, test_gen_table, 0, N_FAMILIES);
  tcase_add_test (core, test_gen_lookup_unknown);
  tcase_add_test (core, test_set_classes);
  suite_add_tcase (s, core);

  tcase_add_loop_test (gen, test_regression_clean, 0, N_REGRESSIONS);
  tcase_add_test (gen, test_regression_hand_values);
  tcase_add_loop_test (gen, test_regression_noise, 0, N_REGRESSIONS);
  tcase_add_loop_test (gen, test_classes_shape, 0,
                       N_FAMILIES - N_REGRESSIONS);
  tcase_add_test (gen, test_xor_rule);
  tcase_add_test (gen, test_circle_rule);
  tcase_add_loop_test (gen, test_blobs_stats, 0, 2);
  tcase_add_test (gen, test_spirals_rule);
  tcase_add_loop_test (gen, test_gen_seed, 0, N_FAMILIES);
  suite_add_tcase (s, gen);

  tcase_add_loop_test (split, test_split_sizes, 0,
                       sizeof split_sizes / sizeof split_sizes[0]);
  tcase_add_test (split, test_split_partition);
  tcase_add_test (split, test_split_classes);
  tcase_add_test (split, test_split_seed);
  tcase_add_test (split, test_split_uniform);
  suite_add_tcase (s, split);

  tcase_add_test (csv, test_csv_file);
  tcase_add_test (csv, test_csv_memory);
  tcase_add_test (csv, test_csv_infer_dim);
  tcase_add_test (csv, test_csv_crlf);
  tcase_add_test (csv, test_csv_numeric_name);
  tcase_add_test (csv, test_csv_long);
  tcase_add_test (csv, test_csv_widest);
  tcase_add_test (csv, test_csv_classes);
  tcase_add_test (csv, test_csv_underflow);
  suite_add_tcase (s, csv);

  tcase_add_loop_test (errors, test_csv_errors, 0, N_CSV_ERRORS);
  tcase_add_test (errors, test_csv_too_wide);
  tcase_add_test (errors, test_csv_too_long);
  tcase_add_test (errors, test_csv_io);
  tcase_add_test (errors, test_csv_bad_shape);
  tcase_add_test (errors, test_set_classes_errors);
  tcase_add_test (errors, test_generate_errors);
  tcase_add_test (errors, test_alloc_errors);
  tcase_add_loop_test (errors, test_split_errors, 0,
                       sizeof split_errors / sizeof split_errors[0]);
  suite_add_tcase (s, errors);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (data_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed != 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
