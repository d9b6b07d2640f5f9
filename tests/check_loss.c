/* check_loss.c: the mean squared error of one neuron and its gradient, the
 * neuron's active count and dead bias (CONCEPTS.md C3, C4, C8), and the
 * data sets they are computed on.
 *
 * Expected values come from hand computations on hand-built data sets
 * (written out term by term in the comments), from closed forms on evenly
 * spaced data, or from central finite differences of the loss. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include <reluscape/reluscape.h>

#define ALPHA 0.137

/* The line of the generated data sets: unround slope and intercept. */
#define SLOPE 2.385
#define INTERCEPT 0.713
#define N_LINE 24

/* A data set of n points with the given x and y; fails the test when it
 * cannot be allocated. */
static rs_data *
data_make (const double *x, const double *y, size_t n)
{
  rs_error err;
  rs_data *d = rs_data_alloc (n, &err);

  ck_assert_ptr_nonnull (d);
  for (size_t i = 0; i < n; i++)
    {
      d->x[i] = x[i];
      d->y[i] = y[i];
    }
  return d;
}

static rs_neuron
neuron_make (const rs_act_type *act, double w, double b, double kink)
{
  rs_neuron u = { act, ALPHA, kink, w, b };

  return u;
}

/* mean(x^2) of n evenly spaced points on [-1, 1]:
 * (1/n) sum_i (-1 + 2i/(n-1))^2 = (n+1) / (3 (n-1)). */
static double
even_m2 (size_t n)
{
  return (double) (n + 1) / (3.0 * (double) (n - 1));
}

/* The fixture: y = SLOPE x + INTERCEPT + 0.25 N(0, 1) at N_LINE points,
 * and the same line without noise. */
static rs_data *noisy;
static rs_data *clean;

static void
setup_line (void)
{
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);

  gsl_rng_set (r, 2385);
  noisy = rs_data_alloc (N_LINE, NULL);
  clean = rs_data_alloc (N_LINE, NULL);
  ck_assert_ptr_nonnull (noisy);
  ck_assert_ptr_nonnull (clean);
  rs_data_line (noisy, SLOPE, INTERCEPT, 0.25, r);
  rs_data_line (clean, SLOPE, INTERCEPT, 0.0, NULL);
  gsl_rng_free (r);
}

static void
teardown_line (void)
{
  rs_data_free (noisy);
  rs_data_free (clean);
  noisy = clean = NULL;
}

/* The three points of the hand computations. */
static const double hx[] = { -0.85, 0.3, 1.7 };
static const double hy[] = { 0.4, -0.25, 2.9 };

/* ReLU, w = 1.35, b = 0.2: z = (-0.9475, 0.605, 2.495), f = (0, 0.605,
 * 2.495), residuals (-0.4, 0.855, -0.405), so
 * L = (0.16 + 0.731025 + 0.164025) / 3 = 1.05505 / 3. */
START_TEST (test_mse_hand_relu)
{
  rs_data *d = data_make (hx, hy, 3);
  rs_neuron u = neuron_make (rs_act_relu, 1.35, 0.2, 0.0);

  ck_assert_double_eq_tol (rs_loss_mse (&u, d), 1.05505 / 3.0, 1e-14);
  rs_data_free (d);
}
END_TEST

/* Leaky ReLU, same neuron: the first point now outputs alpha (-0.9475),
 * residual r1 = -0.9475 alpha - 0.4; the other two are unchanged. */
START_TEST (test_mse_hand_leaky)
{
  rs_data *d = data_make (hx, hy, 3);
  rs_neuron u = neuron_make (rs_act_leaky_relu, 1.35, 0.2, 0.0);
  double r1 = -0.9475 * ALPHA - 0.4;

  ck_assert_double_eq_tol (rs_loss_mse (&u, d),
                           (r1 * r1 + 0.731025 + 0.164025) / 3.0, 1e-14);
  rs_data_free (d);
}
END_TEST

/* ReLU gradient by hand: only the two active points count,
 * dL/dw = (2/3)(0.855 * 0.3 - 0.405 * 1.7) = (2/3)(-0.432) = -0.288,
 * dL/db = (2/3)(0.855 - 0.405) = 0.3; the loss returned is that of
 * test_mse_hand_relu. */
START_TEST (test_grad_hand_relu)
{
  rs_data *d = data_make (hx, hy, 3);
  rs_neuron u = neuron_make (rs_act_relu, 1.35, 0.2, 0.0);
  double gw, gb, l;

  l = rs_loss_mse_grad (&u, d, &gw, &gb);
  ck_assert_double_eq_tol (l, 1.05505 / 3.0, 1e-14);
  ck_assert_double_eq_tol (gw, -0.288, 1e-14);
  ck_assert_double_eq_tol (gb, 0.3, 1e-14);
  rs_data_free (d);
}
END_TEST

/* Leaky ReLU adds the first point with slope alpha:
 * dL/dw = (2/3)(r1 alpha (-0.85) - 0.432), dL/db = (2/3)(r1 alpha + 0.45). */
START_TEST (test_grad_hand_leaky)
{
  rs_data *d = data_make (hx, hy, 3);
  rs_neuron u = neuron_make (rs_act_leaky_relu, 1.35, 0.2, 0.0);
  double r1 = -0.9475 * ALPHA - 0.4;
  double gw, gb;

  rs_loss_mse_grad (&u, d, &gw, &gb);
  ck_assert_double_eq_tol (gw, 2.0 / 3.0 * (r1 * ALPHA * -0.85 - 0.432),
                           1e-14);
  ck_assert_double_eq_tol (gb, 2.0 / 3.0 * (r1 * ALPHA + 0.45), 1e-14);
  rs_data_free (d);
}
END_TEST

/* Whether every pre-activation of u on d, and of u moved by h in w or b,
 * stays on the same side of the kink: then the loss is one quadratic
 * around (w, b) and a central difference is exact up to rounding. */
static int
away_from_kinks (const rs_neuron *u, const rs_data *d, double margin)
{
  for (size_t i = 0; i < d->n; i++)
    if (fabs (rs_neuron_pre (u, d->x[i])) < margin)
      return 0;
  return 1;
}

/* The exact gradient against central differences of rs_loss_mse at 8
 * random (w, b) in [-3, 3]^2, at least 1e-3 from any kink, h = 1e-6.
 * The loss is piecewise quadratic, so the difference has no truncation
 * error; rounding gives about 1e-16 * L / h = 1e-9.  Stated bound:
 * |fd - exact| <= 1e-7 (1 + |exact|), a relative error below 1e-7. */
START_TEST (test_grad_finite_diff)
{
  const rs_act_type *act = _i == 0 ? rs_act_relu : rs_act_leaky_relu;
  const double h = 1e-6;
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);
  size_t tried = 0, checked = 0;

  gsl_rng_set (r, 713 + (unsigned long) _i);
  while (checked < 8 && tried++ < 1000)
    {
      rs_neuron u = neuron_make (act, gsl_ran_flat (r, -3.0, 3.0),
                                 gsl_ran_flat (r, -3.0, 3.0), 0.0);
      rs_neuron p = u, m = u;
      double gw, gb, fw, fb;

      if (!away_from_kinks (&u, noisy, 1e-3))
        continue;
      rs_loss_mse_grad (&u, noisy, &gw, &gb);
      p.w += h;
      m.w -= h;
      fw = (rs_loss_mse (&p, noisy) - rs_loss_mse (&m, noisy)) / (2.0 * h);
      p = m = u;
      p.b += h;
      m.b -= h;
      fb = (rs_loss_mse (&p, noisy) - rs_loss_mse (&m, noisy)) / (2.0 * h);
      ck_assert_double_eq_tol (fw, gw, 1e-7 * (1.0 + fabs (gw)));
      ck_assert_double_eq_tol (fb, gb, 1e-7 * (1.0 + fabs (gb)));
      checked++;
    }
  gsl_rng_free (r);
  ck_assert_uint_eq (checked, 8);
}
END_TEST

/* C4: w = 0.618, b = -1.414 gives z <= 0.618 - 1.414 < 0 on [-1, 1].
 * Under ReLU every output is 0, so the loss is mean(y^2) (computed here
 * with its own loop) and the gradient is exactly zero, not merely small. */
START_TEST (test_dead_relu_exact_zero)
{
  rs_neuron u = neuron_make (rs_act_relu, 0.618, -1.414, 0.0);
  double gw = 1.0, gb = 1.0, my2 = 0.0;

  for (size_t i = 0; i < noisy->n; i++)
    my2 += noisy->y[i] * noisy->y[i];
  my2 /= (double) noisy->n;
  ck_assert_double_eq_tol (rs_loss_mse_grad (&u, noisy, &gw, &gb), my2,
                           1e-13);
  ck_assert (gw == 0.0);
  ck_assert (gb == 0.0);
  ck_assert_uint_eq (rs_neuron_active (&u, noisy), 0);
}
END_TEST

/* C8: the same neuron under Leaky ReLU.  On the noise-free line every
 * residual is alpha z_i - y_i = (alpha w - SLOPE) x_i + (alpha b - INTERCEPT),
 * and with mean(x) = 0, mean(x^2) = m2 (even_m2):
 *   dL/dw = (2/n) sum (alpha z_i - y_i) alpha x_i
 *         = 2 alpha (alpha w - SLOPE) m2,
 *   dL/db = (2/n) sum (alpha z_i - y_i) alpha = 2 alpha (alpha b - INTERCEPT),
 *   L = (alpha w - SLOPE)^2 m2 + (alpha b - INTERCEPT)^2. */
START_TEST (test_dead_leaky_closed_form)
{
  const double w = 0.618, b = -1.414, m2 = even_m2 (N_LINE);
  rs_neuron u = neuron_make (rs_act_leaky_relu, w, b, 0.0);
  double gw, gb, l;
  double cw = ALPHA * w - SLOPE, cb = ALPHA * b - INTERCEPT;

  l = rs_loss_mse_grad (&u, clean, &gw, &gb);
  ck_assert_double_eq_tol (gw, 2.0 * ALPHA * cw * m2, 1e-12);
  ck_assert_double_eq_tol (gb, 2.0 * ALPHA * cb, 1e-12);
  ck_assert_double_eq_tol (l, cw * cw * m2 + cb * cb, 1e-12);
  /* Pulled towards the data: b rises (gb < 0), the plateau is tilted. */
  ck_assert (gb < 0.0);
}
END_TEST

/* The same closed form on the noisy data, written as the sums of the
 * header's formula with their own loop (no symmetry assumed). */
START_TEST (test_dead_leaky_sums)
{
  rs_neuron u = neuron_make (rs_act_leaky_relu, -0.731, -1.913, 0.0);
  double gw, gb, sw = 0.0, sb = 0.0;
  size_t n = noisy->n;

  for (size_t i = 0; i < n; i++)
    {
      double z = -0.731 * noisy->x[i] - 1.913;

      sw += (ALPHA * z - noisy->y[i]) * ALPHA * noisy->x[i];
      sb += (ALPHA * z - noisy->y[i]) * ALPHA;
    }
  rs_loss_mse_grad (&u, noisy, &gw, &gb);
  ck_assert_double_eq_tol (gw, 2.0 * sw / (double) n, 1e-13);
  ck_assert_double_eq_tol (gb, 2.0 * sb / (double) n, 1e-13);
}
END_TEST

/* The kink convention (C3).  Data x = (-1.3, -0.75, 0.4, 1.1),
 * y = (0.35, 0.9, 2.2, 3.15), w = 2.5, b = 1.875 (all exact in binary):
 * z = (-1.375, 0, 2.875, 4.625), the second point exactly on the kink.
 * With s = 0 only points 3 and 4 count, residuals 0.675 and 1.475:
 *   dL/dw = (1/2)(0.675 * 0.4 + 1.475 * 1.1) = 0.94625,
 *   dL/db = (1/2)(0.675 + 1.475) = 1.075.
 * With s the kink point adds (2/4)(0 - 0.9) s (-0.75) = 0.3375 s to dL/dw
 * and (2/4)(0 - 0.9) s = -0.45 s to dL/db.  The loss does not depend on s. */
static const double kx[] = { -1.3, -0.75, 0.4, 1.1 };
static const double ky[] = { 0.35, 0.9, 2.2, 3.15 };

START_TEST (test_kink_convention_relu)
{
  rs_data *d = data_make (kx, ky, 4);
  const double s[] = { 0.0, 0.25, 1.0 };

  for (size_t k = 0; k < 3; k++)
    {
      rs_neuron u = neuron_make (rs_act_relu, 2.5, 1.875, s[k]);
      double gw, gb, l;

      ck_assert (rs_neuron_pre (&u, kx[1]) == 0.0);
      l = rs_loss_mse_grad (&u, d, &gw, &gb);
      ck_assert_double_eq_tol (gw, 0.94625 + 0.3375 * s[k], 1e-14);
      ck_assert_double_eq_tol (gb, 1.075 - 0.45 * s[k], 1e-14);
      ck_assert_double_eq_tol (l, rs_loss_mse (&u, d), 1e-15);
    }
  rs_data_free (d);
}
END_TEST

/* Leaky ReLU on the same data: f'(0) = alpha + s (1 - alpha), so going
 * from s = 0 to s = 1 changes the kink point's share by (1 - alpha) times
 * the ReLU amounts above: 0.3375 (1 - alpha) and -0.45 (1 - alpha). */
START_TEST (test_kink_convention_leaky)
{
  rs_data *d = data_make (kx, ky, 4);
  rs_neuron u0 = neuron_make (rs_act_leaky_relu, 2.5, 1.875, 0.0);
  rs_neuron u1 = neuron_make (rs_act_leaky_relu, 2.5, 1.875, 1.0);
  double gw0, gb0, gw1, gb1;

  rs_loss_mse_grad (&u0, d, &gw0, &gb0);
  rs_loss_mse_grad (&u1, d, &gw1, &gb1);
  ck_assert_double_eq_tol (gw1 - gw0, 0.3375 * (1.0 - ALPHA), 1e-14);
  ck_assert_double_eq_tol (gb1 - gb0, -0.45 * (1.0 - ALPHA), 1e-14);
  rs_data_free (d);
}
END_TEST

/* The brief's case: x = 0 with b = 0.  Data x = (-0.6, 0, 0.8),
 * y = (0.2, 1.1, 1.9), w = 1.7.  The default s = 0 ignores the middle
 * point; s = 1 adds (2/3)(0 - 1.1) to dL/db and (2/3)(-1.1) 0 = 0 to dL/dw. */
START_TEST (test_kink_at_origin)
{
  const double x[] = { -0.6, 0.0, 0.8 }, y[] = { 0.2, 1.1, 1.9 };
  rs_data *d = data_make (x, y, 3);
  rs_neuron u0 = neuron_make (rs_act_relu, 1.7, 0.0, 0.0);
  rs_neuron u1 = neuron_make (rs_act_relu, 1.7, 0.0, 1.0);
  double gw0, gb0, gw1, gb1;

  rs_loss_mse_grad (&u0, d, &gw0, &gb0);
  rs_loss_mse_grad (&u1, d, &gw1, &gb1);
  /* s = 0 by hand: only x = 0.8 is active, residual 1.36 - 1.9 = -0.54. */
  ck_assert_double_eq_tol (gw0, 2.0 / 3.0 * -0.54 * 0.8, 1e-14);
  ck_assert_double_eq_tol (gb0, 2.0 / 3.0 * -0.54, 1e-14);
  ck_assert_double_eq_tol (gb1 - gb0, 2.0 / 3.0 * -1.1, 1e-14);
  ck_assert_double_eq_tol (gw1 - gw0, 0.0, 1e-15);
  rs_data_free (d);
}
END_TEST

/* Active counts on N_LINE = 24 points x_i = -1 + 2i/23, counted by hand:
 * w = 1.5, b = 0.3: z > 0 iff x > -0.2 iff i > 9.2, i = 10..23: 14.
 * w = -2.385, b = 0.713: z > 0 iff x < 0.29895 iff i < 14.94, i = 0..14: 15.
 * w = 0.618, b = -1.414: dead, 0.  w = 0.5, b = 0.75 > |w|: all 24. */
static const struct {
  double w, b;
  size_t active;
} active_cases[] = {
  { 1.5, 0.3, 14 },
  { -2.385, 0.713, 15 },
  { 0.618, -1.414, 0 },
  { 0.5, 0.75, 24 },
};

START_TEST (test_active_count)
{
  rs_neuron u = neuron_make (rs_act_relu, active_cases[_i].w,
                             active_cases[_i].b, 0.0);

  ck_assert_uint_eq (rs_neuron_active (&u, clean), active_cases[_i].active);
}
END_TEST

/* On [-1, 1] max_i w x_i = |w| (the ends are data points), so the dead
 * bias is -|w|; at b = -|w| the end point has z = 0 exactly, which is not
 * active, and a hair above it is the only active point. */
START_TEST (test_dead_bias_symmetric)
{
  const double ws[] = { 2.385, -2.385, 0.731, 0.0 };

  for (size_t k = 0; k < 4; k++)
    {
      double b = rs_neuron_dead_bias (ws[k], clean);
      rs_neuron u = neuron_make (rs_act_relu, ws[k], b, 0.0);

      ck_assert_double_eq_tol (b, -fabs (ws[k]), 1e-15);
      ck_assert_uint_eq (rs_neuron_active (&u, clean), 0);
      if (ws[k] != 0.0)
        {
          u.b += 1e-9;
          ck_assert_uint_eq (rs_neuron_active (&u, clean), 1);
        }
    }
}
END_TEST

/* Data not symmetric about 0, x = (0.2, 0.5, 0.9): w = 2.385 is dead for
 * b <= -2.385 * 0.9 = -2.1465; w = -2.385 for b <= 2.385 * 0.2 = 0.477. */
START_TEST (test_dead_bias_asymmetric)
{
  const double x[] = { 0.2, 0.5, 0.9 }, y[] = { 1.0, 2.0, 3.0 };
  rs_data *d = data_make (x, y, 3);

  ck_assert_double_eq_tol (rs_neuron_dead_bias (2.385, d), -2.1465, 1e-14);
  ck_assert_double_eq_tol (rs_neuron_dead_bias (-2.385, d), 0.477, 1e-14);
  rs_data_free (d);
}
END_TEST

/* rs_data_line: x_i = -1 + 2i/(n-1) with both ends exact, y on the line
 * when there is no noise, and y - line equal to the noise * N(0,1) draws
 * of an independently seeded generator when there is. */
START_TEST (test_data_line)
{
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);
  rs_interval xr = rs_data_x_range (noisy);

  ck_assert (noisy->x[0] == -1.0 && noisy->x[N_LINE - 1] == 1.0);
  ck_assert_double_eq_tol (xr.lo, -1.0, 1e-15);
  ck_assert_double_eq_tol (xr.hi, 1.0, 1e-15);
  gsl_rng_set (r, 2385);
  for (size_t i = 0; i < N_LINE; i++)
    {
      double x = -1.0 + 2.0 * (double) i / (double) (N_LINE - 1);

      ck_assert_double_eq_tol (clean->x[i], x, 1e-15);
      ck_assert_double_eq_tol (clean->y[i], SLOPE * x + INTERCEPT, 1e-14);
      ck_assert_double_eq_tol (noisy->y[i], SLOPE * x + INTERCEPT
                               + gsl_ran_gaussian (r, 0.25), 1e-14);
    }
  gsl_rng_free (r);
}
END_TEST

/* The range of hand-built, unsorted x. */
START_TEST (test_data_x_range)
{
  const double x[] = { 0.5, -2.385, 1.913, 0.0 }, y[] = { 0, 0, 0, 0 };
  rs_data *d = data_make (x, y, 4);
  rs_interval r = rs_data_x_range (d);

  ck_assert_double_eq_tol (r.lo, -2.385, 1e-15);
  ck_assert_double_eq_tol (r.hi, 1.913, 1e-15);
  rs_data_free (d);
}
END_TEST

/* A data set of no points is refused with RS_EINVAL. */
START_TEST (test_data_alloc_empty)
{
  rs_error err;

  rs_error_clear (&err);
  ck_assert_ptr_null (rs_data_alloc (0, &err));
  ck_assert_int_eq (err.code, RS_EINVAL);
  ck_assert_ptr_null (rs_data_alloc (0, NULL));
}
END_TEST

/* MSE over several outputs (reluscape-scene(5), CONVENTIONS): the mean
 * over points of the sum over outputs.  A 1-3 identity layer of weights
 * 0 outputs its biases b = (0.5, -0.25, 1.5) at both points; targets
 * (1, 0, 2) and (0, 1, 1): squared errors 0.25 + 0.0625 + 0.25 and
 * 0.25 + 1.5625 + 0.25, loss (0.5625 + 2.0625) / 2 = 1.3125, which is 3
 * times PyTorch's MSELoss() (2.625 / 6 = 0.4375).  dL/db_c = (2/2) sum_i
 * (b_c - y_ic): 0, -1.5, 0. */
START_TEST (test_mse_several_outputs)
{
  const size_t sizes[] = { 1, 3 };
  const double y[] = { 1, 0, 2, 0, 1, 1 }, b[] = { 0.5, -0.25, 1.5 };
  const double db[] = { 0.0, -1.5, 0.0 };
  rs_net_spec spec;
  rs_net *net;
  rs_data *d = rs_data_alloc_dims (2, 1, 3, NULL);
  rs_net_workspace *w;
  gsl_vector *g;
  double loss;

  rs_net_spec_init (&spec, 1, sizes, rs_act_identity, rs_act_identity);
  net = rs_net_alloc (&spec, NULL);
  gsl_vector_set_zero (rs_net_params (net));
  for (size_t c = 0; c < 3; c++)
    gsl_vector_set (rs_net_params (net), rs_net_b_index (net, 1, c), b[c]);
  d->x[0] = 0.731;
  d->x[1] = -2.385;
  memcpy (d->y, y, sizeof y);
  w = rs_net_workspace_alloc (net, 2, NULL);
  g = gsl_vector_alloc (rs_net_nparams (net));
  ck_assert_int_eq (rs_loss_net (net, rs_loss_mse_type, d, w, &loss, g,
                                 NULL), RS_OK);
  ck_assert_double_eq_tol (loss, 1.3125, 1e-15);
  ck_assert_double_eq_tol (loss / 3.0, 0.4375, 1e-15);
  for (size_t c = 0; c < 3; c++)
    ck_assert_double_eq_tol (gsl_vector_get (g, rs_net_b_index (net, 1, c)),
                             db[c], 1e-15);
  gsl_vector_free (g);
  rs_net_workspace_free (w);
  rs_data_free (d);
  rs_net_free (net);
}
END_TEST

static Suite *
loss_suite (void)
{
  Suite *s = suite_create ("loss");
  TCase *core = tcase_create ("Core");
  TCase *grad = tcase_create ("Gradient");
  TCase *net = tcase_create ("Net");
  TCase *data = tcase_create ("Data");
  TCase *errors = tcase_create ("Errors");

  tcase_add_test (core, test_mse_several_outputs);
  tcase_add_test (core, test_mse_hand_relu);
  tcase_add_test (core, test_mse_hand_leaky);
  tcase_add_test (core, test_grad_hand_relu);
  tcase_add_test (core, test_grad_hand_leaky);
  suite_add_tcase (s, core);

  tcase_add_checked_fixture (grad, setup_line, teardown_line);
  tcase_add_loop_test (grad, test_grad_finite_diff, 0, 2);
  tcase_add_test (grad, test_dead_relu_exact_zero);
  tcase_add_test (grad, test_dead_leaky_closed_form);
  tcase_add_test (grad, test_dead_leaky_sums);
  tcase_add_test (grad, test_kink_convention_relu);
  tcase_add_test (grad, test_kink_convention_leaky);
  tcase_add_test (grad, test_kink_at_origin);
  suite_add_tcase (s, grad);

  tcase_add_checked_fixture (net, setup_line, teardown_line);
  tcase_add_loop_test (net, test_active_count, 0,
                       sizeof active_cases / sizeof active_cases[0]);
  tcase_add_test (net, test_dead_bias_symmetric);
  tcase_add_test (net, test_dead_bias_asymmetric);
  suite_add_tcase (s, net);

  tcase_add_checked_fixture (data, setup_line, teardown_line);
  tcase_add_test (data, test_data_line);
  tcase_add_test (data, test_data_x_range);
  suite_add_tcase (s, data);

  tcase_add_test (errors, test_data_alloc_empty);
  suite_add_tcase (s, errors);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (loss_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed != 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
