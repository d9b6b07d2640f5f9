/* check_train.c: optimisers, learning-rate schedules, clipping, weight
 * decay, bias warming, thermal kicks and Langevin dynamics (CONCEPTS.md
 * C5, C7, C10, C11).
 *
 * Every expected value comes from the formulas of rs_train.h worked out
 * by hand in a comment (the numbers were checked with 40-digit decimal
 * arithmetic), from a closed form of the recurrence (momentum on a
 * constant gradient, the stationary variance of a discrete Langevin
 * chain), or from the documented order of the random draws replayed on a
 * second generator with the same seed.  Constants are unround (0.83, not
 * 0.9) so that a swapped constant or sign cannot hide. */
#include <config.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include <reluscape/rs_loss.h>
#include <reluscape/rs_net.h>
#include <reluscape/rs_train.h>

/* ---------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------- */

/* The unround optimiser constants of most tests. */
static rs_optim_params
params_unround (void)
{
  rs_optim_params p = { 0.83, 0.937, 0.87, 0.993, 0.0173 };

  return p;
}

static rs_optim *
optim_make (const rs_optim_type *t, const rs_optim_params *p, size_t np)
{
  rs_error err;
  rs_optim *o = rs_optim_alloc (t, p, np, &err);

  ck_assert_msg (o != NULL, "rs_optim_alloc: %s", err.message);
  return o;
}

static rs_net *
net_make (size_t layers, const size_t *sizes, const rs_act_type *hidden,
          const rs_act_type *output)
{
  rs_net_spec spec;
  rs_error err;
  rs_net *net;

  rs_net_spec_init (&spec, layers, sizes, hidden, output);
  net = rs_net_alloc (&spec, &err);
  ck_assert_msg (net != NULL, "rs_net_alloc: %s", err.message);
  return net;
}

/* Fill theta with unround values of both signs: -1.3 + 0.2371 i. */
static void
fill_unround (gsl_vector *theta)
{
  for (size_t i = 0; i < theta->size; i++)
    gsl_vector_set (theta, i, -1.3 + 0.2371 * (double) i);
}

/* The first letter of entry i's name: 'W', 'b' or 'a'. */
static char
kind_letter (const rs_net *net, size_t i)
{
  char name[32];

  return rs_net_param_name (net, i, name, sizeof name)[0];
}

/* Whether a and b hold the same bits. */
static int
same_bits (double a, double b)
{
  return memcmp (&a, &b, sizeof a) == 0;
}

/* |got - want| <= tol max(1, |want|) */
static void
assert_close (double got, double want, double tol, const char *what)
{
  ck_assert_msg (fabs (got - want) <= tol * fmax (1.0, fabs (want)),
                 "%s: %.17g, expected %.17g", what, got, want);
}

/* ---------------------------------------------------------------------
 * Optim
 * ------------------------------------------------------------------- */

/* A constant gradient g on theta0, eta = 0.0123, the constants of
 * params_unround: mu 0.83, rho 0.937, beta1 0.87, beta2 0.993, eps 0.0173.
 * The recurrences have closed forms on a constant gradient:
 *   gd        theta_t = theta0 - t eta g
 *   momentum  v_s = g (1 - mu^s) / (1 - mu), so
 *             theta_t = theta0
 *                       - eta g (t - mu (1 - mu^t) / (1 - mu)) / (1 - mu)
 *   nesterov  g + mu v_s = g (1 - mu^(s+1)) / (1 - mu), so
 *             theta_t = theta0
 *                       - eta g (t - mu^2 (1 - mu^t) / (1 - mu)) / (1 - mu)
 *   rmsprop   s_s = g^2 (1 - rho^s), so each step is
 *             eta g / (|g| sqrt(1 - rho^s) + eps)
 *   adam      m_s = g (1 - b1^s), v_s = g^2 (1 - b2^s): the corrected
 *             moments are g and g^2, every step is eta g / (|g| + eps).
 * And the first step of entry 0 (theta0 0.731, g 0.417) by hand:
 *   gd, momentum  0.731 - 0.0123 * 0.417 = 0.731 - 0.0051291 = 0.7258709
 *   nesterov      0.731 - 0.0051291 * 1.83 = 0.731 - 0.009386253
 *                 = 0.721613747
 *   rmsprop       s = 0.063 * 0.417^2 = 0.010955007, sqrt s = 0.10466616932,
 *                 0.731 - 0.0051291 / 0.12196616932 = 0.68894653526776
 *   adam          0.731 - 0.0051291 / 0.4343 = 0.71918996085655 */
static const double c_theta0[3] = { 0.731, -1.274, 2.385 };
static const double c_g[3] = { 0.417, -1.903, 0.0286 };
static const double c_eta = 0.0123;

/* theta_t[i] of the closed forms above for optimiser number k. */
static double
closed_form (size_t k, size_t t, size_t i)
{
  const double mu = 0.83, rho = 0.937, eps = 0.0173;
  double g = c_g[i], T = (double) t, sum = 0.0;

  switch (k)
    {
    case 0:
      return c_theta0[i] - T * c_eta * g;
    case 1:
      return c_theta0[i] - c_eta * g * (T - mu * (1.0 - pow (mu, T))
                                        / (1.0 - mu)) / (1.0 - mu);
    case 2:
      return c_theta0[i] - c_eta * g * (T - mu * mu * (1.0 - pow (mu, T))
                                        / (1.0 - mu)) / (1.0 - mu);
    case 3:
      for (size_t s = 1; s <= t; s++)
        sum += g / (fabs (g) * sqrt (1.0 - pow (rho, (double) s)) + eps);
      return c_theta0[i] - c_eta * sum;
    default:
      return c_theta0[i] - T * c_eta * g / (fabs (g) + eps);
    }
}

static const double c_first[5] = {
  0.7258709, 0.7258709, 0.721613747, 0.68894653526776, 0.71918996085655
};

START_TEST (test_optim_constant_grad)
{
  const rs_optim_params p = params_unround ();
  rs_optim *o = optim_make (rs_optim_types[_i], &p, 3);
  gsl_vector_const_view g = gsl_vector_const_view_array (c_g, 3);
  gsl_vector *theta = gsl_vector_alloc (3);
  char what[64];

  for (size_t i = 0; i < 3; i++)
    gsl_vector_set (theta, i, c_theta0[i]);
  for (size_t t = 1; t <= 4; t++)
    {
      rs_optim_step (o, theta, &g.vector, c_eta);
      ck_assert_uint_eq (rs_optim_steps (o), t);
      if (t == 1)
        assert_close (gsl_vector_get (theta, 0), c_first[_i], 1e-13,
                      "first step by hand");
      for (size_t i = 0; i < 3; i++)
        {
          snprintf (what, sizeof what, "%s step %zu entry %zu",
                    rs_optim_types[_i]->name, t, i);
          assert_close (gsl_vector_get (theta, i), closed_form (_i, t, i),
                        1e-14, what);
        }
    }
  gsl_vector_free (theta);
  rs_optim_free (o);
}
END_TEST

/* Two steps on L = k theta^2 / 2, k = 1.37, theta0 = 0.853, eta = 0.1, so
 * that the gradient changes (g = k theta) and momentum and Nesterov part.
 *   g1 = 1.37 * 0.853 = 1.16861
 *   gd        theta1 = 0.853 - 0.116861 = 0.736139;  g2 = 1.00851043;
 *             theta2 = 0.736139 - 0.100851043 = 0.635287957
 *   momentum  v1 = 1.16861, theta1 = 0.736139;  g2 = 1.00851043,
 *             v2 = 0.83 * 1.16861 + 1.00851043 = 1.97845673,
 *             theta2 = 0.736139 - 0.197845673 = 0.538293327
 *   nesterov  v1 = 1.16861, theta1 = 0.853 - 0.1 * 1.83 * 1.16861
 *             = 0.63914437;  g2 = 0.8756277869,
 *             v2 = 0.9699463 + 0.8756277869 = 1.8455740869,
 *             theta2 = 0.63914437 - 0.1 (0.8756277869 + 0.83 v2)
 *             = 0.63914437 - 0.2407454279027 = 0.3983989420973
 *   rmsprop   s1 = 0.063 * 1.16861^2 = 0.0860359079223,
 *             theta1 = 0.853 - 0.116861 / (0.29331878208240 + 0.0173)
 *             = 0.47677999418914;  g2 = 0.65318859203913,
 *             s2 = 0.937 s1 + 0.063 g2^2 = 0.10749493193971,
 *             theta2 = 0.47677999418914
 *                      - 0.065318859203913 / (0.32786419740452 + 0.0173)
 *             = 0.28754003333839
 *   adam      m1 = 0.13 g1, v1 = 0.007 g1^2: corrected g1 and g1^2,
 *             theta1 = 0.853 - 0.116861 / 1.18591 = 0.75445879535547;
 *             g2 = 1.0336085496370,
 *             m2 = 0.87 m1 + 0.13 g2 = 0.26653890245281 -> / 0.2431
 *             = 1.0964167110358,
 *             v2 = 0.993 v1 + 0.007 g2^2 = 0.016971054944606 -> / 0.013951
 *             = 1.2164758758946, sqrt = 1.1029396519731,
 *             theta2 = 0.75445879535547 - 0.10964167110358 / 1.1202396519731
 *             = 0.65658538861570 */
static const double q_want[5][2] = {
  { 0.736139, 0.635287957 },
  { 0.736139, 0.538293327 },
  { 0.63914437, 0.3983989420973 },
  { 0.47677999418914391, 0.28754003333839045 },
  { 0.75445879535546545, 0.65658538861569793 }
};

START_TEST (test_optim_quadratic)
{
  const rs_optim_params p = params_unround ();
  rs_optim *o = optim_make (rs_optim_types[_i], &p, 1);
  gsl_vector *theta = gsl_vector_alloc (1), *g = gsl_vector_alloc (1);

  gsl_vector_set (theta, 0, 0.853);
  for (size_t t = 0; t < 2; t++)
    {
      gsl_vector_set (g, 0, 1.37 * gsl_vector_get (theta, 0));
      rs_optim_step (o, theta, g, 0.1);
      assert_close (gsl_vector_get (theta, 0), q_want[_i][t], 1e-14,
                    rs_optim_types[_i]->name);
    }
  gsl_vector_free (g);
  gsl_vector_free (theta);
  rs_optim_free (o);
}
END_TEST

/* k theta on a 3-D quadratic with stiffnesses k_i. */
static void
quad_grad (const gsl_vector *theta, gsl_vector *g)
{
  const double k[3] = { 1.37, 0.291, 2.618 };

  for (size_t i = 0; i < 3; i++)
    gsl_vector_set (g, i, k[i] * gsl_vector_get (theta, i));
}

/* n steps of o on the quadratic, at the rate 0.0871. */
static void
quad_steps (rs_optim *o, gsl_vector *theta, gsl_vector *g, size_t n)
{
  for (size_t s = 0; s < n; s++)
    {
      quad_grad (theta, g);
      rs_optim_step (o, theta, g, 0.0871);
    }
}

/* C11's replay: save after 3 steps, take 2, load (theta restored by the
 * caller, as a rewind does), take the same 2: the same bits. */
START_TEST (test_optim_save_load)
{
  const rs_optim_params p = params_unround ();
  rs_optim *o = optim_make (rs_optim_types[_i], &p, 3);
  size_t n = rs_optim_state_size (o);
  double *buf = malloc (n * sizeof *buf);
  gsl_vector *theta = gsl_vector_alloc (3), *g = gsl_vector_alloc (3);
  gsl_vector *saved = gsl_vector_alloc (3), *first = gsl_vector_alloc (3);

  ck_assert_uint_eq (n, 1 + rs_optim_types[_i]->slots * 3);
  for (size_t i = 0; i < 3; i++)
    gsl_vector_set (theta, i, c_theta0[i]);
  quad_steps (o, theta, g, 3);
  rs_optim_save (o, buf);
  ck_assert (buf[0] == 3.0);
  gsl_vector_memcpy (saved, theta);
  quad_steps (o, theta, g, 2);
  gsl_vector_memcpy (first, theta);
  ck_assert_uint_eq (rs_optim_steps (o), 5);
  rs_optim_load (o, buf);
  ck_assert_uint_eq (rs_optim_steps (o), 3);
  gsl_vector_memcpy (theta, saved);
  quad_steps (o, theta, g, 2);
  for (size_t i = 0; i < 3; i++)
    ck_assert (same_bits (gsl_vector_get (theta, i),
                          gsl_vector_get (first, i)));
  ck_assert_uint_eq (rs_optim_steps (o), 5);
  gsl_vector_free (first);
  gsl_vector_free (saved);
  gsl_vector_free (g);
  gsl_vector_free (theta);
  free (buf);
  rs_optim_free (o);
}
END_TEST

/* After rs_optim_reset the next step is step 1 of a fresh optimiser. */
START_TEST (test_optim_reset)
{
  const rs_optim_params p = params_unround ();
  rs_optim *o = optim_make (rs_optim_types[_i], &p, 3);
  rs_optim *fresh = optim_make (rs_optim_types[_i], &p, 3);
  gsl_vector *a = gsl_vector_alloc (3), *b = gsl_vector_alloc (3);
  gsl_vector *g = gsl_vector_alloc (3);

  for (size_t i = 0; i < 3; i++)
    gsl_vector_set (a, i, c_theta0[i]);
  quad_steps (o, a, g, 4);
  rs_optim_reset (o);
  ck_assert_uint_eq (rs_optim_steps (o), 0);
  gsl_vector_memcpy (b, a);
  quad_steps (o, a, g, 3);
  quad_steps (fresh, b, g, 3);
  for (size_t i = 0; i < 3; i++)
    ck_assert (same_bits (gsl_vector_get (a, i), gsl_vector_get (b, i)));
  gsl_vector_free (g);
  gsl_vector_free (b);
  gsl_vector_free (a);
  rs_optim_free (fresh);
  rs_optim_free (o);
}
END_TEST

/* Vectors with a stride (columns of a matrix) step exactly as contiguous
 * ones; vectors of the wrong size are left alone and the step is not
 * counted. */
START_TEST (test_optim_stride)
{
  const rs_optim_params p = params_unround ();
  rs_optim *o = optim_make (rs_optim_types[_i], &p, 3);
  rs_optim *c = optim_make (rs_optim_types[_i], &p, 3);
  gsl_matrix *m = gsl_matrix_alloc (3, 2);
  gsl_vector_view th = gsl_matrix_column (m, 0), g = gsl_matrix_column (m, 1);
  gsl_vector *a = gsl_vector_alloc (3), *ga = gsl_vector_alloc (3);
  gsl_vector *small = gsl_vector_alloc (2);

  for (size_t i = 0; i < 3; i++)
    {
      gsl_vector_set (&th.vector, i, c_theta0[i]);
      gsl_vector_set (a, i, c_theta0[i]);
    }
  for (size_t s = 0; s < 3; s++)
    {
      quad_grad (&th.vector, &g.vector);
      rs_optim_step (o, &th.vector, &g.vector, 0.0871);
    }
  quad_steps (c, a, ga, 3);
  for (size_t i = 0; i < 3; i++)
    ck_assert (same_bits (gsl_vector_get (&th.vector, i),
                          gsl_vector_get (a, i)));
  gsl_vector_set_all (small, 0.5);
  rs_optim_step (o, small, ga, 0.0871);
  rs_optim_step (o, a, small, 0.0871);
  ck_assert (gsl_vector_get (small, 0) == 0.5);
  ck_assert_uint_eq (rs_optim_steps (o), 3);
  gsl_vector_free (small);
  gsl_vector_free (ga);
  gsl_vector_free (a);
  gsl_matrix_free (m);
  rs_optim_free (c);
  rs_optim_free (o);
}
END_TEST

/* The tables: names, slots, lookup, PyTorch's defaults, and NULL
 * parameters meaning those defaults. */
START_TEST (test_optim_tables)
{
  const char *names[] = { "gd", "momentum", "nesterov", "rmsprop", "adam" };
  const size_t slots[] = { 0, 1, 1, 1, 2 };
  const rs_optim_type *types[] = { rs_optim_gd, rs_optim_momentum,
                                   rs_optim_nesterov, rs_optim_rmsprop,
                                   rs_optim_adam };
  rs_optim_params d;
  rs_optim *a, *b;
  gsl_vector *ta = gsl_vector_alloc (3), *tb = gsl_vector_alloc (3);
  gsl_vector *g = gsl_vector_alloc (3);

  for (size_t k = 0; k < 5; k++)
    {
      ck_assert_ptr_eq (rs_optim_types[k], types[k]);
      ck_assert_str_eq (types[k]->name, names[k]);
      ck_assert_uint_eq (types[k]->slots, slots[k]);
      ck_assert_ptr_eq (rs_optim_lookup (names[k]), types[k]);
    }
  ck_assert_ptr_null (rs_optim_types[5]);
  ck_assert_ptr_null (rs_optim_lookup ("sgd"));
  ck_assert_ptr_null (rs_optim_lookup (NULL));
  rs_optim_params_default (&d);
  ck_assert (d.momentum == 0.9 && d.rho == 0.99 && d.beta1 == 0.9
             && d.beta2 == 0.999 && d.eps == 1e-8);
  ck_assert_int_eq (rs_optim_params_check (&d, NULL), RS_OK);
  a = optim_make (rs_optim_adam, NULL, 3);
  b = optim_make (rs_optim_adam, &d, 3);
  ck_assert_ptr_eq (rs_optim_get_type (a), rs_optim_adam);
  for (size_t i = 0; i < 3; i++)
    {
      gsl_vector_set (ta, i, c_theta0[i]);
      gsl_vector_set (tb, i, c_theta0[i]);
    }
  quad_steps (a, ta, g, 3);
  quad_steps (b, tb, g, 3);
  for (size_t i = 0; i < 3; i++)
    ck_assert (same_bits (gsl_vector_get (ta, i), gsl_vector_get (tb, i)));
  gsl_vector_free (g);
  gsl_vector_free (tb);
  gsl_vector_free (ta);
  rs_optim_free (b);
  rs_optim_free (a);
  rs_optim_free (NULL);
}
END_TEST

/* Clipping: g = (3.1, -4.2, 1.7) has norm sqrt(9.61 + 17.64 + 2.89)
 * = sqrt(30.14).  At max 2.5 it is scaled by 2.5 / sqrt(30.14), keeping its
 * direction; at max 10 or 0 (off) it is left bit for bit. */
START_TEST (test_clip)
{
  const double g0[3] = { 3.1, -4.2, 1.7 };
  const double maxes[3] = { 2.5, 10.0, 0.0 };
  gsl_vector *g = gsl_vector_alloc (3);

  for (size_t m = 0; m < 3; m++)
    {
      double n2 = 0.0;

      for (size_t i = 0; i < 3; i++)
        gsl_vector_set (g, i, g0[i]);
      assert_close (rs_train_clip (g, maxes[m]), sqrt (30.14), 1e-15,
                    "norm before clipping");
      for (size_t i = 0; i < 3; i++)
        {
          double v = gsl_vector_get (g, i);

          n2 += v * v;
          if (m == 0)
            assert_close (v, g0[i] * 2.5 / sqrt (30.14), 1e-15, "clipped");
          else
            ck_assert (same_bits (v, g0[i]));
        }
      if (m == 0)
        assert_close (sqrt (n2), 2.5, 1e-15, "norm after clipping");
    }
  gsl_vector_free (g);
}
END_TEST

/* ---------------------------------------------------------------------
 * Sched
 * ------------------------------------------------------------------- */

static rs_sched
sched_of (const rs_sched_type *t, size_t every, double gamma, size_t total,
          double floor_, size_t warmup)
{
  rs_sched s;

  rs_sched_default (&s);
  s.type = t;
  s.every = every;
  s.gamma = gamma;
  s.total = total;
  s.floor = floor_;
  s.warmup = warmup;
  ck_assert_int_eq (rs_sched_check (&s, NULL), RS_OK);
  return s;
}

/* constant: 1 at every step; the default is constant without warm-up. */
START_TEST (test_sched_constant)
{
  rs_sched s;

  rs_sched_default (&s);
  ck_assert_ptr_eq (s.type, rs_sched_constant);
  ck_assert_uint_eq (s.warmup, 0);
  ck_assert_int_eq (rs_sched_check (&s, NULL), RS_OK);
  ck_assert (rs_sched_factor (&s, 0) == 1.0);
  ck_assert (rs_sched_factor (&s, 17) == 1.0);
  ck_assert (rs_sched_factor (&s, 1000000000) == 1.0);
}
END_TEST

/* step, gamma 0.7 every 3: 0.7^floor(t / 3), so 1 on t = 0 ... 2, 0.7 on
 * 3 ... 5, 0.49 at 6 and 0.343 at 11: it drops at the multiples of 3. */
START_TEST (test_sched_step)
{
  rs_sched s = sched_of (rs_sched_step, 3, 0.7, 1, 0.0, 0);
  const size_t t[] = { 0, 2, 3, 5, 6, 8, 9, 11 };
  const double want[] = { 1.0, 1.0, 0.7, 0.7, 0.49, 0.49, 0.343, 0.343 };

  for (size_t k = 0; k < 8; k++)
    assert_close (rs_sched_factor (&s, t[k]), want[k], 1e-15, "step");
}
END_TEST

/* cosine, total 40, floor 0.1: 0.1 + 0.9 (1 + cos(pi t / 40)) / 2, so
 * 1 at 0, 0.1 + 0.45 (1 + sqrt 2 / 2) = 0.86819805153395 at 10, 0.55 at
 * 20, 0.1 + 0.45 (1 - sqrt 2 / 2) = 0.23180194846605 at 30, exactly the
 * floor from 40 on; decreasing in between.  linear, the same: 1 - 0.9 t / 40,
 * 0.775 at 10, 0.55 at 20, 0.325 at 30, the floor from 40 on. */
START_TEST (test_sched_decay)
{
  rs_sched c = sched_of (rs_sched_cosine, 1, 1.0, 40, 0.1, 0);
  rs_sched l = sched_of (rs_sched_linear, 1, 1.0, 40, 0.1, 0);
  const double wc[] = { 1.0, 0.86819805153395, 0.55, 0.23180194846605 };
  const double wl[] = { 1.0, 0.775, 0.55, 0.325 };

  for (size_t k = 0; k < 4; k++)
    {
      assert_close (rs_sched_factor (&c, 10 * k), wc[k], 1e-13, "cosine");
      assert_close (rs_sched_factor (&l, 10 * k), wl[k], 1e-15, "linear");
    }
  for (size_t t = 1; t <= 40; t++)
    {
      ck_assert (rs_sched_factor (&c, t) < rs_sched_factor (&c, t - 1));
      ck_assert (rs_sched_factor (&l, t) < rs_sched_factor (&l, t - 1));
    }
  ck_assert (rs_sched_factor (&c, 39) > 0.1);
  ck_assert (rs_sched_factor (&c, 40) == 0.1);
  ck_assert (rs_sched_factor (&c, 41) == 0.1);
  ck_assert (rs_sched_factor (&c, 1000000) == 0.1);
  ck_assert (rs_sched_factor (&l, 40) == 0.1);
  ck_assert (rs_sched_factor (&l, 1000000) == 0.1);
}
END_TEST

/* Warm-up W = 5 times the step schedule above: (t + 1) / 5 for t < 5, so
 * 0.2, 0.4, 0.6, then 0.8 * 0.7 = 0.56 at 3 and 0.7 at 4; from 5 on the
 * schedule alone (0.7 at 5, 0.49 at 6). */
START_TEST (test_sched_warmup)
{
  rs_sched s = sched_of (rs_sched_step, 3, 0.7, 1, 0.0, 5);
  const double want[] = { 0.2, 0.4, 0.6, 0.56, 0.7, 0.7, 0.49 };

  for (size_t t = 0; t < 7; t++)
    assert_close (rs_sched_factor (&s, t), want[t], 1e-15, "warm-up");
}
END_TEST

START_TEST (test_sched_tables)
{
  const char *names[] = { "constant", "step", "cosine", "linear" };
  const rs_sched_type *types[] = { rs_sched_constant, rs_sched_step,
                                   rs_sched_cosine, rs_sched_linear };

  for (size_t k = 0; k < 4; k++)
    {
      ck_assert_ptr_eq (rs_sched_types[k], types[k]);
      ck_assert_str_eq (types[k]->name, names[k]);
      ck_assert_ptr_eq (rs_sched_lookup (names[k]), types[k]);
    }
  ck_assert_ptr_null (rs_sched_types[4]);
  ck_assert_ptr_null (rs_sched_lookup ("exponential"));
  ck_assert_ptr_null (rs_sched_lookup (NULL));
}
END_TEST

/* ---------------------------------------------------------------------
 * Decay
 * ------------------------------------------------------------------- */

/* A 2-3-1 network with PReLU hidden units, so that it has weights, biases
 * and slopes: 6 + 3 + 3 in layer 1, 3 + 1 in layer 2. */
static rs_net *
prelu_net (void)
{
  const size_t sizes[] = { 2, 3, 1 };
  rs_net *net = net_make (2, sizes, rs_act_prelu, rs_act_identity);

  ck_assert_uint_eq (rs_net_nparams (net), 16);
  fill_unround (rs_net_params (net));
  return net;
}

/* Weights always, biases when asked, slopes never; coupled decay adds
 * lambda theta_i to the gradient there and nowhere else, decoupled decay
 * multiplies theta_i by 1 - eta lambda = 1 - 0.0371 * 0.613. */
START_TEST (test_decay_entries)
{
  rs_net *net = prelu_net ();
  const gsl_vector *th = rs_net_params_const (net);
  gsl_vector *g = gsl_vector_alloc (16), *t2 = gsl_vector_alloc (16);
  rs_decay d = { 0.613, 0, _i };

  for (size_t i = 0; i < 16; i++)
    {
      char k = kind_letter (net, i);

      ck_assert_int_eq (rs_decay_applies (&d, net, i),
                        k == 'W' || (k == 'b' && _i));
    }
  gsl_vector_set_all (g, 0.0417);
  rs_decay_grad (&d, net, th, g);
  for (size_t i = 0; i < 16; i++)
    {
      double want = 0.0417;

      if (rs_decay_applies (&d, net, i))
        want += 0.613 * gsl_vector_get (th, i);
      ck_assert (same_bits (gsl_vector_get (g, i), want));
    }
  gsl_vector_memcpy (t2, th);
  rs_decay_step (&d, net, t2, 0.0371);
  for (size_t i = 0; i < 16; i++)
    ck_assert (same_bits (gsl_vector_get (t2, i), gsl_vector_get (th, i)));
  d.decoupled = 1;
  gsl_vector_set_all (g, 0.0417);
  rs_decay_grad (&d, net, th, g);
  rs_decay_step (&d, net, t2, 0.0371);
  for (size_t i = 0; i < 16; i++)
    {
      double old = gsl_vector_get (th, i), want = old;

      if (rs_decay_applies (&d, net, i))
        want = (1.0 - 0.0371 * 0.613) * old;
      ck_assert (gsl_vector_get (g, i) == 0.0417);
      assert_close (gsl_vector_get (t2, i), want, 1e-15, "decoupled");
      ck_assert (rs_decay_applies (&d, net, i)
                 || same_bits (old, gsl_vector_get (t2, i)));
    }
  gsl_vector_free (t2);
  gsl_vector_free (g);
  rs_net_free (net);
}
END_TEST

/* lambda = 0 changes nothing, coupled or not. */
START_TEST (test_decay_zero)
{
  rs_net *net = prelu_net ();
  const gsl_vector *th = rs_net_params_const (net);
  gsl_vector *g = gsl_vector_alloc (16), *t2 = gsl_vector_alloc (16);

  for (int dec = 0; dec < 2; dec++)
    {
      rs_decay d = { 0.0, dec, 1 };

      gsl_vector_set_all (g, 0.0417);
      gsl_vector_memcpy (t2, th);
      rs_decay_grad (&d, net, th, g);
      rs_decay_step (&d, net, t2, 0.0371);
      for (size_t i = 0; i < 16; i++)
        {
          ck_assert (gsl_vector_get (g, i) == 0.0417);
          ck_assert (same_bits (gsl_vector_get (t2, i),
                                gsl_vector_get (th, i)));
        }
    }
  gsl_vector_free (t2);
  gsl_vector_free (g);
  rs_net_free (net);
}
END_TEST

/* C7 on a 1-3-1 ReLU network fitted by the mean squared error.  Unit 2 has
 * the weight w = -0.8 and a helpful positive bias b = 0.137; every x is at
 * least 0.4, so z = w x + b <= -0.32 + 0.137 = -0.183 < 0: the unit is
 * dead and the data gradient of W1[2][0], b1[2] and W2[0][2] is exactly 0.
 * Only the decay acts on them: under gd at eta = 0.05 with lambda = 0.3,
 * c = 1 - eta lambda = 0.985 and after T = 40 steps each of them is
 * c^T times its start (0.5463...), coupled (grad = lambda theta) or
 * decoupled (theta *= c).
 *
 * The unit stays dead all along.  With biases decayed, w and b shrink by
 * the same c^t, so z_t(x) = c^t z_0(x) < 0.  With biases left out, b stays
 * 0.137 and z_t(0.4) = -0.32 c^t + 0.137, negative while c^t > 0.428;
 * c^40 = 0.546 (so z_40(0.4) = -0.0378).  The bias then stays exactly
 * 0.137, bit for bit: b - eta * 0 = b. */
static double c7_x[5] = { 0.4, 0.736, 1.082, 1.417, 1.903 };
static double c7_y[5] = { 0.52, 0.347, 0.918, 1.264, 0.731 };

static rs_net *
c7_net (void)
{
  const size_t sizes[] = { 1, 3, 1 };
  rs_net *net = net_make (2, sizes, rs_act_relu, rs_act_identity);
  gsl_vector *th = rs_net_params (net);
  const double W1[3] = { 1.21, 0.64, -0.8 }, b1[3] = { 0.093, -0.27, 0.137 };
  const double W2[3] = { 0.58, -0.91, 0.77 };

  for (size_t j = 0; j < 3; j++)
    {
      gsl_vector_set (th, rs_net_w_index (net, 1, j, 0), W1[j]);
      gsl_vector_set (th, rs_net_b_index (net, 1, j), b1[j]);
      gsl_vector_set (th, rs_net_w_index (net, 2, 0, j), W2[j]);
    }
  gsl_vector_set (th, rs_net_b_index (net, 2, 0), 0.113);
  return net;
}

/* Loop variable: bit 0 decoupled, bit 1 biases decayed. */
START_TEST (test_c7_dead_bias)
{
  rs_net *net = c7_net ();
  gsl_vector *th = rs_net_params (net);
  rs_data d = { 5, 1, 1, 0, c7_x, c7_y };
  rs_error err;
  rs_net_workspace *w = rs_net_workspace_alloc (net, 5, &err);
  rs_optim *o = optim_make (rs_optim_gd, NULL, rs_net_nparams (net));
  gsl_vector *g = gsl_vector_alloc (rs_net_nparams (net));
  rs_decay dec = { 0.3, _i & 1, (_i & 2) != 0 };
  const size_t iw = rs_net_w_index (net, 1, 2, 0);
  const size_t ib = rs_net_b_index (net, 1, 2);
  const size_t iv = rs_net_w_index (net, 2, 0, 2);
  const double eta = 0.05, c = 1.0 - 0.05 * 0.3;

  ck_assert_ptr_nonnull (w);
  for (size_t t = 0; t < 40; t++)
    {
      double loss;
      size_t active[3];

      ck_assert_int_eq (rs_loss_net (net, rs_loss_mse_type, &d, w, &loss, g,
                                     &err), RS_OK);
      rs_net_activity (net, w, 1, active, NULL);
      ck_assert_uint_eq (active[2], 0);
      ck_assert (gsl_vector_get (g, iw) == 0.0);
      ck_assert (gsl_vector_get (g, ib) == 0.0);
      ck_assert (gsl_vector_get (g, iv) == 0.0);
      rs_decay_grad (&dec, net, th, g);
      rs_decay_step (&dec, net, th, eta);
      rs_optim_step (o, th, g, eta);
    }
  assert_close (gsl_vector_get (th, iw) / (-0.8 * pow (c, 40.0)), 1.0,
                1e-12, "W1[2][0]");
  assert_close (gsl_vector_get (th, iv) / (0.77 * pow (c, 40.0)), 1.0,
                1e-12, "W2[0][2]");
  if (dec.biases)
    assert_close (gsl_vector_get (th, ib) / (0.137 * pow (c, 40.0)), 1.0,
                  1e-12, "b1[2]");
  else
    ck_assert (same_bits (gsl_vector_get (th, ib), 0.137));
  gsl_vector_free (g);
  rs_optim_free (o);
  rs_net_workspace_free (w);
  rs_net_free (net);
}
END_TEST

/* ---------------------------------------------------------------------
 * Warming
 * ------------------------------------------------------------------- */

/* gamma0 = 2.385 from step 7, held 5 steps (7 ... 11), annealed over 20
 * (12 ... 31), exactly 0 from 32 on.  At u = t - 12 = 5, 10, 15:
 *   linear  gamma0 (1 - u / 20): 1.78875, 1.1925 (gamma0 / 2), 0.59625
 *   cosine  gamma0 (1 + cos(pi u / 20)) / 2: gamma0 (1 + sqrt 2 / 2) / 2
 *           = 2.0357248365650, gamma0 / 2 = 1.1925, gamma0 (1 - sqrt 2 / 2)
 *           / 2 = 0.34927516343504 */
START_TEST (test_warming_gamma)
{
  rs_warming w = { 2.385, 7, 5, 20, _i ? RS_WARM_COSINE : RS_WARM_LINEAR };
  const double want[2][3] = { { 1.78875, 1.1925, 0.59625 },
                              { 2.0357248365650, 1.1925,
                                0.34927516343504 } };

  ck_assert_int_eq (rs_warming_check (&w, NULL), RS_OK);
  for (size_t t = 0; t < 7; t++)
    ck_assert (same_bits (rs_warming_gamma (&w, t), 0.0));
  for (size_t t = 7; t <= 12; t++)
    ck_assert (rs_warming_gamma (&w, t) == 2.385);
  for (size_t k = 0; k < 3; k++)
    assert_close (rs_warming_gamma (&w, 12 + 5 * (k + 1)), want[_i][k],
                  1e-13, "anneal");
  for (size_t t = 13; t < 32; t++)
    {
      ck_assert (rs_warming_gamma (&w, t) < rs_warming_gamma (&w, t - 1));
      ck_assert (rs_warming_gamma (&w, t) > 0.0);
    }
  for (size_t t = 32; t < 100; t++)
    ck_assert (same_bits (rs_warming_gamma (&w, t), 0.0));
  ck_assert (same_bits (rs_warming_gamma (&w, SIZE_MAX), 0.0));
}
END_TEST

/* Without hold or anneal: gamma0 exactly on [start, start + hold), 0 from
 * there; with neither, never anything. */
START_TEST (test_warming_edges)
{
  rs_warming w = { 0.613, 3, 4, 0, RS_WARM_COSINE };

  ck_assert (rs_warming_gamma (&w, 2) == 0.0);
  ck_assert (rs_warming_gamma (&w, 3) == 0.613);
  ck_assert (rs_warming_gamma (&w, 6) == 0.613);
  ck_assert (rs_warming_gamma (&w, 7) == 0.0);
  w.hold = 0;
  for (size_t t = 0; t < 10; t++)
    ck_assert (rs_warming_gamma (&w, t) == 0.0);
  w.anneal = 4;
  ck_assert (rs_warming_gamma (&w, 3) == 0.613);
  ck_assert (rs_warming_gamma (&w, 7) == 0.0);
}
END_TEST

/* The shift moves the hidden biases b1 and b2 of a 2-3-2-1 network by
 * gamma and nothing else: not the output bias b3, not a weight. */
START_TEST (test_warming_shift)
{
  const size_t sizes[] = { 2, 3, 2, 1 };
  rs_net *net = net_make (3, sizes, rs_act_relu, rs_act_identity);
  gsl_vector *th = rs_net_params (net);
  gsl_vector *old = gsl_vector_alloc (th->size);
  size_t moved = 0;

  fill_unround (th);
  gsl_vector_memcpy (old, th);
  rs_warming_shift (net, th, 0.613);
  for (size_t i = 0; i < th->size; i++)
    {
      rs_param_info p = rs_net_param_info (net, i);
      double o = gsl_vector_get (old, i);

      if (p.kind == RS_PARAM_BIAS && p.layer < 3)
        {
          ck_assert (gsl_vector_get (th, i) == o + 0.613);
          moved++;
        }
      else
        ck_assert (same_bits (gsl_vector_get (th, i), o));
    }
  ck_assert_uint_eq (moved, 5);
  gsl_vector_free (old);
  rs_net_free (net);
}
END_TEST

/* ---------------------------------------------------------------------
 * Kick
 * ------------------------------------------------------------------- */

/* The targets on a 2-3-2-1 network with PReLU hidden layers (so that it
 * has slopes): the entries each one moves, by the letter and place of
 * their names. */
static int
kick_expect (const rs_kick_spec *k, const rs_net *net, size_t i)
{
  rs_param_info p = rs_net_param_info (net, i);
  char c = kind_letter (net, i);

  switch (k->target)
    {
    case RS_KICK_ALL:
      return 1;
    case RS_KICK_WEIGHTS:
      return c == 'W';
    case RS_KICK_BIASES:
      return c == 'b';
    default:
      return c != 'a' && p.layer == 2 && p.unit == 1;
    }
}

/* Each target moves exactly its entries, by the normal draws of r in
 * vector order: a second generator with the same seed replays them; every
 * other entry keeps its bits.  The unit target is unit 1 of layer 2:
 * W2[1][0 ... 2] and b2[1]. */
START_TEST (test_kick_targets)
{
  const size_t sizes[] = { 2, 3, 2, 1 };
  rs_net *net = net_make (3, sizes, rs_act_prelu, rs_act_identity);
  gsl_vector *th = rs_net_params (net);
  gsl_vector *old = gsl_vector_alloc (th->size);
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);
  gsl_rng *replay = gsl_rng_alloc (gsl_rng_mt19937);
  rs_kick_spec k = { (rs_kick_target) _i, 2, 1, 0.37 };
  const size_t counts[] = { 25, 14, 6, 4 };
  size_t moved = 0;

  ck_assert_int_eq (rs_kick_check (&k, net, NULL), RS_OK);
  ck_assert_uint_eq (th->size, 25);
  fill_unround (th);
  gsl_vector_memcpy (old, th);
  gsl_rng_set (r, 4242);
  gsl_rng_set (replay, 4242);
  rs_train_kick (&k, net, th, r);
  for (size_t i = 0; i < th->size; i++)
    {
      double o = gsl_vector_get (old, i);

      ck_assert_int_eq (rs_kick_applies (&k, net, i),
                        kick_expect (&k, net, i));
      if (kick_expect (&k, net, i))
        {
          ck_assert (gsl_vector_get (th, i)
                     == o + gsl_ran_gaussian (replay, 0.37));
          moved++;
        }
      else
        ck_assert (same_bits (gsl_vector_get (th, i), o));
    }
  ck_assert_uint_eq (moved, counts[_i]);
  ck_assert_uint_eq (gsl_rng_get (r), gsl_rng_get (replay));
  gsl_rng_free (replay);
  gsl_rng_free (r);
  gsl_vector_free (old);
  rs_net_free (net);
}
END_TEST

/* The same seed gives the same kick. */
START_TEST (test_kick_seed)
{
  const size_t sizes[] = { 2, 3, 2, 1 };
  rs_net *net = net_make (3, sizes, rs_act_relu, rs_act_identity);
  gsl_vector *a = gsl_vector_alloc (rs_net_nparams (net));
  gsl_vector *b = gsl_vector_alloc (rs_net_nparams (net));
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);
  rs_kick_spec k = { RS_KICK_ALL, 0, 0, 1.9 };

  fill_unround (a);
  fill_unround (b);
  gsl_rng_set (r, 77);
  rs_train_kick (&k, net, a, r);
  gsl_rng_set (r, 77);
  rs_train_kick (&k, net, b, r);
  for (size_t i = 0; i < a->size; i++)
    ck_assert (same_bits (gsl_vector_get (a, i), gsl_vector_get (b, i)));
  gsl_rng_free (r);
  gsl_vector_free (b);
  gsl_vector_free (a);
  rs_net_free (net);
}
END_TEST

/* The kicks' spread: a 1-64-64-1 network has 64 + 64 + 4096 + 64 + 64 + 1
 * = 4353 parameters; ten kicks of sigma = 0.37 from 0 give N = 43530
 * independent N(0, sigma^2) draws.  The sample mean has standard error
 * sigma / sqrt N = 0.00177, the sample standard deviation about
 * sigma / sqrt(2 N) = 0.00125; both must lie within 5 of them. */
START_TEST (test_kick_sigma)
{
  const size_t sizes[] = { 1, 64, 64, 1 };
  rs_net *net = net_make (3, sizes, rs_act_relu, rs_act_identity);
  gsl_vector *th = rs_net_params (net);
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);
  rs_kick_spec k = { RS_KICK_ALL, 0, 0, 0.37 };
  double sum = 0.0, sum2 = 0.0, n = 0.0, mean, sd;

  ck_assert_uint_eq (th->size, 4353);
  gsl_rng_set (r, 20240611);
  for (size_t rep = 0; rep < 10; rep++)
    {
      gsl_vector_set_zero (th);
      rs_train_kick (&k, net, th, r);
      for (size_t i = 0; i < th->size; i++)
        {
          double v = gsl_vector_get (th, i);

          sum += v;
          sum2 += v * v;
          n += 1.0;
        }
    }
  mean = sum / n;
  sd = sqrt ((sum2 - n * mean * mean) / (n - 1.0));
  ck_assert_msg (fabs (mean) < 5.0 * 0.37 / sqrt (n), "mean %g", mean);
  ck_assert_msg (fabs (sd - 0.37) < 5.0 * 0.37 / sqrt (2.0 * n), "sd %g",
                 sd);
  gsl_rng_free (r);
  rs_net_free (net);
}
END_TEST

/* ---------------------------------------------------------------------
 * Langevin
 * ------------------------------------------------------------------- */

/* At T = 0 a Langevin step is a gradient step, bit for bit, and takes no
 * number from r; at T > 0 it adds sqrt(2 eta T) xi_i, xi_i the standard
 * normal draws of r in vector order. */
START_TEST (test_langevin_step)
{
  gsl_vector *th = gsl_vector_alloc (3), *g = gsl_vector_alloc (3);
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);
  gsl_rng *replay = gsl_rng_alloc (gsl_rng_mt19937);
  const double eta = 0.0871, T = 0.613;

  for (size_t i = 0; i < 3; i++)
    {
      gsl_vector_set (th, i, c_theta0[i]);
      gsl_vector_set (g, i, c_g[i]);
    }
  gsl_rng_set (r, 99);
  gsl_rng_set (replay, 99);
  rs_train_langevin (th, g, eta, 0.0, r);
  for (size_t i = 0; i < 3; i++)
    ck_assert (gsl_vector_get (th, i) == c_theta0[i] - eta * c_g[i]);
  ck_assert_uint_eq (gsl_rng_get (r), gsl_rng_get (replay));
  for (size_t i = 0; i < 3; i++)
    gsl_vector_set (th, i, c_theta0[i]);
  rs_train_langevin (th, g, eta, T, r);
  for (size_t i = 0; i < 3; i++)
    assert_close (gsl_vector_get (th, i),
                  c_theta0[i] - eta * c_g[i]
                  + sqrt (2.0 * eta * T) * gsl_ran_gaussian (replay, 1.0),
                  1e-15, "langevin");
  gsl_rng_free (replay);
  gsl_rng_free (r);
  gsl_vector_free (g);
  gsl_vector_free (th);
}
END_TEST

/* C11: Langevin dynamics samples exp(-L / T).  On L = k theta^2 / 2 the
 * step is theta' = a theta + s xi with a = 1 - eta k and s^2 = 2 eta T,
 * an AR(1) chain whose stationary variance V solves V = a^2 V + s^2:
 *   V = 2 eta T / (1 - a^2) = 2 eta T / (eta k (2 - eta k))
 *     = T / (k (1 - eta k / 2)),
 * the Boltzmann variance T / k of the continuous limit, raised by the
 * finite step.  k = 2.3, eta = 0.05, T = 0.41: a = 0.885,
 * V = 0.41 / (2.3 * 0.9425) = 0.18913620113020 (T / k = 0.17826).
 *
 * Eight independent coordinates, 500 steps of burn-in (a^500 < 1e-26),
 * then N = 8 * 200000 samples.  Successive samples are correlated, with
 * lag-1 correlation rho = a; an effective sample size
 * N_eff = N (1 - rho) / (1 + rho) = 97613 gives the standard error of the
 * sample variance V sqrt(2 / N_eff) = 0.0045 V.  (That of the squares is
 * rho^2, so the true N_eff for the variance is larger: the bound is
 * conservative.)  The sample variance must lie within 5 standard errors
 * of V (2.3 %, while T / k is 5.7 % away), the mean within 5 of
 * sqrt(V / N_eff) of 0. */
START_TEST (test_langevin_variance)
{
  const double k = 2.3, eta = 0.05, T = 0.41, a = 1.0 - eta * k;
  const double V = T / (k * (1.0 - eta * k / 2.0));
  const size_t dim = 8, burn = 500, steps = 200000;
  gsl_vector *th = gsl_vector_alloc (dim), *g = gsl_vector_alloc (dim);
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);
  double sum = 0.0, sum2 = 0.0, n, neff, mean, var, se;

  assert_close (V, 0.18913620113020, 1e-13, "V by hand");
  gsl_rng_set (r, 31337);
  gsl_vector_set_all (th, 1.7);
  for (size_t s = 0; s < burn + steps; s++)
    {
      for (size_t i = 0; i < dim; i++)
        gsl_vector_set (g, i, k * gsl_vector_get (th, i));
      rs_train_langevin (th, g, eta, T, r);
      for (size_t i = 0; s >= burn && i < dim; i++)
        {
          double v = gsl_vector_get (th, i);

          sum += v;
          sum2 += v * v;
        }
    }
  n = (double) (dim * steps);
  neff = n * (1.0 - a) / (1.0 + a);
  mean = sum / n;
  var = (sum2 - n * mean * mean) / (n - 1.0);
  se = V * sqrt (2.0 / neff);
  ck_assert_msg (fabs (var - V) < 5.0 * se,
                 "sample variance %.6f, stationary %.6f, se %.6f", var, V,
                 se);
  ck_assert_msg (fabs (mean) < 5.0 * sqrt (V / neff), "mean %g", mean);
  gsl_rng_free (r);
  gsl_vector_free (g);
  gsl_vector_free (th);
}
END_TEST

/* ---------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------- */

/* Optimiser constants out of range, one at a time, with their messages;
 * rs_optim_alloc refuses them with the same message. */
static const char *const param_messages[] = {
  "momentum must be in [0, 1), not 1",
  "momentum must be in [0, 1), not -0.1",
  "rho must be in [0, 1), not nan",
  "beta1 must be in [0, 1), not 1.5",
  "beta2 must be in [0, 1), not 1",
  "eps must be in (0, 1], not 0",
  "eps must be in (0, 1], not 2.5",
  "eps must be in (0, 1], not -nan"
};

static rs_optim_params
bad_params (int i)
{
  rs_optim_params p = params_unround ();

  switch (i)
    {
    case 0: p.momentum = 1.0; break;
    case 1: p.momentum = -0.1; break;
    case 2: p.rho = NAN; break;
    case 3: p.beta1 = 1.5; break;
    case 4: p.beta2 = 1.0; break;
    case 5: p.eps = 0.0; break;
    case 6: p.eps = 2.5; break;
    default: p.eps = -NAN; break;
    }
  return p;
}

START_TEST (test_optim_params_errors)
{
  rs_optim_params p = bad_params (_i);
  rs_error err;

  rs_error_clear (&err);
  ck_assert_int_eq (rs_optim_params_check (&p, &err), RS_EINVAL);
  ck_assert_int_eq (err.code, RS_EINVAL);
  ck_assert_str_eq (err.message, param_messages[_i]);
  rs_error_clear (&err);
  ck_assert_ptr_null (rs_optim_alloc (rs_optim_adam, &p, 3, &err));
  ck_assert_str_eq (err.message, param_messages[_i]);
}
END_TEST

START_TEST (test_optim_alloc_errors)
{
  rs_optim_params p = params_unround ();
  rs_error err;

  ck_assert_ptr_null (rs_optim_alloc (NULL, &p, 3, &err));
  ck_assert_int_eq (err.code, RS_EINVAL);
  ck_assert_str_eq (err.message, "no optimiser given");
  ck_assert_ptr_null (rs_optim_alloc (NULL, &p, 3, NULL));
}
END_TEST

static const char *const sched_messages[] = {
  "no schedule given",
  "step's every must be at least 1, not 0",
  "step's gamma must be in (0, 1], not 0",
  "step's gamma must be in (0, 1], not 1.25",
  "step's gamma must be in (0, 1], not nan",
  "cosine's total must be at least 1, not 0",
  "cosine's floor must be in [0, 1], not -0.1",
  "linear's floor must be in [0, 1], not 1.5",
  "linear's floor must be in [0, 1], not nan"
};

static rs_sched
bad_sched (int i)
{
  rs_sched s;

  rs_sched_default (&s);
  switch (i)
    {
    case 0: s.type = NULL; break;
    case 1: s.type = rs_sched_step, s.every = 0; break;
    case 2: s.type = rs_sched_step, s.gamma = 0.0; break;
    case 3: s.type = rs_sched_step, s.gamma = 1.25; break;
    case 4: s.type = rs_sched_step, s.gamma = NAN; break;
    case 5: s.type = rs_sched_cosine, s.total = 0; break;
    case 6: s.type = rs_sched_cosine, s.floor = -0.1; break;
    case 7: s.type = rs_sched_linear, s.floor = 1.5; break;
    default: s.type = rs_sched_linear, s.floor = NAN; break;
    }
  return s;
}

START_TEST (test_sched_errors)
{
  rs_sched s = bad_sched (_i);
  rs_error err;

  rs_error_clear (&err);
  ck_assert_int_eq (rs_sched_check (&s, &err), RS_EINVAL);
  ck_assert_int_eq (err.code, RS_EINVAL);
  ck_assert_str_eq (err.message, sched_messages[_i]);
}
END_TEST

/* A schedule is checked only on its own fields. */
START_TEST (test_sched_own_fields)
{
  rs_sched s;

  rs_sched_default (&s);
  s.every = 0;
  s.gamma = 7.0;
  s.total = 0;
  s.floor = -3.0;
  ck_assert_int_eq (rs_sched_check (&s, NULL), RS_OK);
  s.type = rs_sched_step;
  s.every = 2;
  s.gamma = 0.5;
  ck_assert_int_eq (rs_sched_check (&s, NULL), RS_OK);
}
END_TEST

static const char *const warming_messages[] = {
  "bias warming's gamma0 must be a finite number >= 0, not -1",
  "bias warming's gamma0 must be a finite number >= 0, not nan",
  "bias warming's gamma0 must be a finite number >= 0, not inf",
  "bias warming's shape must be linear or cosine, not 7",
  "bias warming's start + hold + anneal is too large",
  "bias warming's start + hold + anneal is too large"
};

START_TEST (test_warming_errors)
{
  rs_warming w = { 2.385, 7, 5, 20, RS_WARM_LINEAR };
  rs_error err;

  ck_assert_int_eq (rs_warming_check (&w, NULL), RS_OK);
  switch (_i)
    {
    case 0: w.gamma0 = -1.0; break;
    case 1: w.gamma0 = NAN; break;
    case 2: w.gamma0 = INFINITY; break;
    case 3: w.shape = (rs_warm_shape) 7; break;
    case 4: w.start = SIZE_MAX - 3; break;
    default: w.anneal = SIZE_MAX - 11; break;
    }
  rs_error_clear (&err);
  ck_assert_int_eq (rs_warming_check (&w, &err), RS_EINVAL);
  ck_assert_str_eq (err.message, warming_messages[_i]);
}
END_TEST

static const char *const kick_messages[] = {
  "a kick's sigma must be a finite number > 0, not 0",
  "a kick's sigma must be a finite number > 0, not -0.3",
  "a kick's sigma must be a finite number > 0, not nan",
  "a kick's sigma must be a finite number > 0, not inf",
  "unknown kick target 9",
  "kick: the network has layers 1 to 2, not 0",
  "kick: the network has layers 1 to 2, not 3",
  "kick: layer 1 has units 0 to 2, not 3"
};

START_TEST (test_kick_errors)
{
  const size_t sizes[] = { 2, 3, 1 };
  rs_net *net = net_make (2, sizes, rs_act_relu, rs_act_identity);
  rs_kick_spec k = { RS_KICK_UNIT, 1, 2, 0.37 };
  rs_error err;

  ck_assert_int_eq (rs_kick_check (&k, net, NULL), RS_OK);
  switch (_i)
    {
    case 0: k.sigma = 0.0; break;
    case 1: k.sigma = -0.3; break;
    case 2: k.sigma = NAN; break;
    case 3: k.sigma = INFINITY; break;
    case 4: k.target = (rs_kick_target) 9; break;
    case 5: k.layer = 0; break;
    case 6: k.layer = 3; break;
    default: k.unit = 3; break;
    }
  rs_error_clear (&err);
  ck_assert_int_eq (rs_kick_check (&k, net, &err), RS_EINVAL);
  ck_assert_str_eq (err.message, kick_messages[_i]);
  rs_net_free (net);
}
END_TEST

/* Only the unit target reads layer and unit. */
START_TEST (test_kick_other_fields)
{
  const size_t sizes[] = { 2, 3, 1 };
  rs_net *net = net_make (2, sizes, rs_act_relu, rs_act_identity);
  rs_kick_spec k = { RS_KICK_BIASES, 0, 99, 0.37 };

  ck_assert_int_eq (rs_kick_check (&k, net, NULL), RS_OK);
  rs_net_free (net);
}
END_TEST

/* ---------------------------------------------------------------------
 * The suite
 * ------------------------------------------------------------------- */

static Suite *
train_suite (void)
{
  Suite *s = suite_create ("train");
  TCase *optim = tcase_create ("Optim");
  TCase *sched = tcase_create ("Sched");
  TCase *decay = tcase_create ("Decay");
  TCase *warming = tcase_create ("Warming");
  TCase *kick = tcase_create ("Kick");
  TCase *langevin = tcase_create ("Langevin");
  TCase *errors = tcase_create ("Errors");

  tcase_add_loop_test (optim, test_optim_constant_grad, 0, 5);
  tcase_add_loop_test (optim, test_optim_quadratic, 0, 5);
  tcase_add_loop_test (optim, test_optim_save_load, 0, 5);
  tcase_add_loop_test (optim, test_optim_reset, 0, 5);
  tcase_add_loop_test (optim, test_optim_stride, 0, 5);
  tcase_add_test (optim, test_optim_tables);
  tcase_add_test (optim, test_clip);
  suite_add_tcase (s, optim);

  tcase_add_test (sched, test_sched_constant);
  tcase_add_test (sched, test_sched_step);
  tcase_add_test (sched, test_sched_decay);
  tcase_add_test (sched, test_sched_warmup);
  tcase_add_test (sched, test_sched_tables);
  suite_add_tcase (s, sched);

  tcase_add_loop_test (decay, test_decay_entries, 0, 2);
  tcase_add_test (decay, test_decay_zero);
  tcase_add_loop_test (decay, test_c7_dead_bias, 0, 4);
  suite_add_tcase (s, decay);

  tcase_add_loop_test (warming, test_warming_gamma, 0, 2);
  tcase_add_test (warming, test_warming_edges);
  tcase_add_test (warming, test_warming_shift);
  suite_add_tcase (s, warming);

  tcase_add_loop_test (kick, test_kick_targets, 0, 4);
  tcase_add_test (kick, test_kick_seed);
  tcase_add_test (kick, test_kick_sigma);
  suite_add_tcase (s, kick);

  tcase_add_test (langevin, test_langevin_step);
  tcase_add_test (langevin, test_langevin_variance);
  suite_add_tcase (s, langevin);

  tcase_add_loop_test (errors, test_optim_params_errors, 0, 8);
  tcase_add_test (errors, test_optim_alloc_errors);
  tcase_add_loop_test (errors, test_sched_errors, 0, 9);
  tcase_add_test (errors, test_sched_own_fields);
  tcase_add_loop_test (errors, test_warming_errors, 0, 6);
  tcase_add_loop_test (errors, test_kick_errors, 0, 8);
  tcase_add_test (errors, test_kick_other_fields);
  suite_add_tcase (s, errors);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (train_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
