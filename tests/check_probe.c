/* check_probe.c: the experiments of rs_probe.h (CONCEPTS.md C1, C4, C6,
 * C8, C9).
 *
 * Exact expectations come from closed forms worked out in the comments
 * (a linear network of constant weights, a sigmoid chain with one point,
 * hand-built networks whose pieces are found by hand).  Monte Carlo
 * estimates are compared with their closed forms within a stated number
 * of standard errors of the true value, sqrt(p (1 - p) / N), for a fixed
 * seed: 3 for the zero-gradient probabilities (N = 200000 samples),
 * 4 for the born-dead probabilities (N = 4000 networks); a correct
 * implementation fails them with probability below 0.3 % and 0.007 %.
 * Where the numbers came from 30-digit decimal arithmetic (mpmath) the
 * comment says so. */
#include <config.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <gsl/gsl_cdf.h>

#include <reluscape/rs_probe.h>

/* ---------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------- */

/* |got - want| <= tol max(1, |want|) */
static void
assert_close (double got, double want, double tol, const char *what)
{
  ck_assert_msg (fabs (got - want) <= tol * fmax (1.0, fabs (want)),
                 "%s: %.17g, expected %.17g", what, got, want);
}

/* |got - want| <= tol |want| */
static void
assert_rel (double got, double want, double tol, const char *what)
{
  ck_assert_msg (fabs (got - want) <= tol * fabs (want),
                 "%s: %.17g, expected %.17g", what, got, want);
}

/* p_hat within k standard errors of the true p over n trials. */
static void
assert_within_se (double p_hat, double p, size_t n, double k,
                  const char *what)
{
  double se = sqrt (p * (1.0 - p) / (double) n);

  ck_assert_msg (fabs (p_hat - p) <= k * se,
                 "%s: %.6f, expected %.6f +- %.1f x %.6f", what, p_hat, p,
                 k, se);
}

/* A network of the given shape with every parameter 0. */
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

/* Set the parameters named in names[i] to values[i], up to a NULL name. */
static void
net_set (rs_net *net, const char *const *names, const double *values)
{
  rs_error err;

  for (size_t i = 0; names[i] != NULL; i++)
    ck_assert_msg (rs_net_set (net, names[i], values[i], &err) == RS_OK,
                   "%s: %s", names[i], err.message);
}

static rs_probe_verdict
decide_1d (const rs_net *net, double lo, double hi)
{
  rs_probe_verdict v;
  rs_error err;

  ck_assert_msg (rs_probe_constant_1d (net, rs_interval_make (lo, hi), &v,
                                       &err) == RS_OK,
                 "rs_probe_constant_1d: %s", err.message);
  return v;
}

static rs_probe_verdict
decide_box (const rs_net *net, const rs_interval *box)
{
  rs_probe_verdict v;
  rs_error err;

  ck_assert_msg (rs_probe_constant_box (net, box, &v, &err) == RS_OK,
                 "rs_probe_constant_box: %s", err.message);
  return v;
}

/* ---------------------------------------------------------------------
 * Wilson
 * ------------------------------------------------------------------- */

/* 7 of 23 at z = 1.959963984540054, and 0 of 40 (upper end
 * z^2 / (n + z^2)), and 40 of 40, from mpmath at 30 digits. */
START_TEST (test_wilson)
{
  rs_interval a = rs_probe_wilson (7, 23, RS_PROBE_Z95);
  rs_interval b = rs_probe_wilson (0, 40, RS_PROBE_Z95);
  rs_interval c = rs_probe_wilson (40, 40, RS_PROBE_Z95);
  rs_interval d = rs_probe_wilson (0, 0, RS_PROBE_Z95);

  assert_close (a.lo, 0.156040244532140215, 1e-14, "7/23 lo");
  assert_close (a.hi, 0.508657562687592026, 1e-14, "7/23 hi");
  assert_close (b.lo, 0.0, 1e-15, "0/40 lo");
  assert_close (b.hi, 0.0876216011972866346, 1e-14, "0/40 hi");
  assert_close (c.lo, 0.912378398802713365, 1e-14, "40/40 lo");
  assert_close (c.hi, 1.0, 1e-15, "40/40 hi");
  ck_assert (d.lo == 0.0 && d.hi == 1.0);
  assert_close (RS_PROBE_Z95, gsl_cdf_ugaussian_Pinv (0.975), 1e-15, "z");
}
END_TEST

/* ---------------------------------------------------------------------
 * Depth (C1)
 * ------------------------------------------------------------------- */

static rs_probe_depth_result depth_r;

static void
depth_run (const rs_probe_depth_opts *o)
{
  rs_error err;

  ck_assert_msg (rs_probe_depth (o, &depth_r, &err) == RS_OK,
                 "rs_probe_depth: %s", err.message);
  ck_assert_uint_eq (depth_r.trials, o->trials);
}

static const rs_probe_depth_cell *
cell (size_t L, size_t l)
{
  return &depth_r.cell[L - 1][l - 1];
}

/* A linear network (identity everywhere) of width W with every weight c
 * and bias 0: W_l = c 1 1^T, so every unit of layer l outputs
 * a_l = c^l W^(l-1) s with s = 1^T x, and back-propagation gives, for
 * hidden l, dL/dz_l = c^(L-l) W^(L-l-1) S 1 with S the sum of dL/dout.
 * Summed over the points (sum_i):
 *   2 <= l <= L-1:  ||dW_l|| = |c|^(L-1) W^(L-2) |sum_i S_i s_i|
 *   l = L:          ||dW_L|| = |c|^(L-1) W^(L-2) sqrt(W)
 *                              ||sum_i dout_i s_i||
 *   l = 1, L >= 2:  ||dW_1|| = |c|^(L-1) W^(L-2) sqrt(W) ||sum_i S_i x_i||
 * With one output, dout_i = S_i: every middle layer has the same norm and
 * the last sqrt(W) times it.  W = 5, c = 0.237, 3 trials. */
START_TEST (test_depth_linear_layers)
{
  rs_probe_depth_opts o;

  rs_probe_depth_default (&o);
  o.max_depth = 6;
  o.width = 5;
  o.points = 7;
  o.act = rs_act_identity;
  o.init = rs_init_constant;
  o.init_c = 0.237;
  o.trials = 3;
  depth_run (&o);
  for (size_t L = 3; L <= 6; L++)
    {
      for (size_t l = 3; l < L; l++)
        assert_rel (cell (L, l)->mean, cell (L, 2)->mean, 1e-12, "middle");
      assert_rel (cell (L, L)->mean, sqrt (5.0) * cell (L, 2)->mean, 1e-12,
                  "last = sqrt(W) middle");
    }
  ck_assert (cell (6, 2)->mean > 0.0);
}
END_TEST

/* With c = 1 / W the output s / W and so every S_i do not depend on the
 * depth, and |c|^(L-1) W^(L-2) = 1 / W: each formula above gives the same
 * norm at every depth (3 outputs here; the data are drawn once per trial
 * for all depths).  The bias gradients sum_i dL/dz_l are c S 1 = S / W 1
 * at every hidden layer of every depth. */
START_TEST (test_depth_linear_depths)
{
  rs_probe_depth_opts o;

  rs_probe_depth_default (&o);
  o.max_depth = 7;
  o.width = 5;
  o.outputs = 3;
  o.points = 9;
  o.act = rs_act_identity;
  o.init = rs_init_constant;
  o.init_c = 0.2;
  o.trials = 2;
  depth_run (&o);
  for (size_t L = 3; L <= 7; L++)
    for (size_t l = 2; l < L; l++)
      assert_rel (cell (L, l)->mean, cell (3, 2)->mean, 1e-12, "middle");
  for (size_t L = 3; L <= 7; L++)
    {
      assert_rel (cell (L, L)->mean, cell (2, 2)->mean, 1e-12, "last");
      assert_rel (cell (L, 1)->mean, cell (2, 1)->mean, 1e-12, "first");
      assert_rel (cell (L, L)->mean_bias, cell (2, 2)->mean_bias, 1e-12,
                  "last bias");
    }
  for (size_t L = 2; L <= 7; L++)
    for (size_t l = 1; l < L; l++)
      assert_rel (cell (L, l)->mean_bias, cell (2, 1)->mean_bias, 1e-12,
                  "hidden bias");
}
END_TEST

/* C1 with one point: through sigmoid layer l,
 * dL/dz_l = sigma'(z_l) W_(l+1)^T dL/dz_(l+1).  With W_(l+1) = c 1 1^T
 * (W x W) and dL/dz_(l+1) a multiple of 1 (every unit alike),
 * ||W^T v|| = |c| W ||v||, so ||db_l|| / ||db_(l+1)|| = sigma'(z_l) |c| W
 * for l <= L - 2, at most |c| W / 4.  For l >= 2, z_l = c W sigma(z_(l-1))
 * lies in (0, c W), where sigma' >= sigma'(c W), so the ratio is at least
 * sigma'(c W) c W.  W = 5, c = 0.37: c W = 1.85, bounds
 * [0.21721118780478311, 0.4625] (mpmath).  The bounds hold per trial,
 * hence for the means over trials. */
START_TEST (test_depth_sigmoid_ratio)
{
  rs_probe_depth_opts o;

  rs_probe_depth_default (&o);
  o.max_depth = 8;
  o.width = 5;
  o.points = 1;
  o.init = rs_init_constant;
  o.init_c = 0.37;
  o.trials = 4;
  depth_run (&o);
  for (size_t L = 3; L <= 8; L++)
    for (size_t l = 1; l + 2 <= L; l++)
      {
        double ratio = cell (L, l)->mean_bias / cell (L, l + 1)->mean_bias;

        ck_assert_msg (ratio <= 0.4625 * (1.0 + 1e-12),
                       "L %zu l %zu: ratio %g above |c| W / 4", L, l, ratio);
        ck_assert_msg (l == 1 || ratio >= 0.21721118780478311 * (1 - 1e-12),
                       "L %zu l %zu: ratio %g below sigma'(cW) cW", L, l,
                       ratio);
      }
}
END_TEST

/* With one trial the mean of the log10 norms is the log10 of the mean,
 * and their standard deviation (which needs two) is NAN; tanh layers
 * never stop a gradient, so no norm is 0. */
START_TEST (test_depth_one_trial)
{
  rs_probe_depth_opts o;

  rs_probe_depth_default (&o);
  o.max_depth = 4;
  o.width = 6;
  o.act = rs_act_tanh;
  o.trials = 1;
  depth_run (&o);
  for (size_t L = 1; L <= 4; L++)
    for (size_t l = 1; l <= L; l++)
      {
        assert_close (cell (L, l)->mean_log10, log10 (cell (L, l)->mean),
                      1e-14, "log10");
        ck_assert (isnan (cell (L, l)->sd_log10));
        ck_assert_uint_eq (cell (L, l)->zeros, 0);
      }
}
END_TEST

/* A ReLU network with every weight -0.5 and bias 0 kills, on inputs of
 * positive sum, every unit of layer 1 (z = -0.5 s < 0); with s < 0 layer
 * 1 is active and layer 2 (z = -0.5 W a_1 < 0) dead.  Either way a dead
 * hidden layer stops every gradient before it: for depth L >= 3,
 * dL/dW_1 = 0 at every point, counted as zeros and left out of the logs;
 * dW_1 of depth 2 is not 0 where layer 1 lives. */
START_TEST (test_depth_dead_zeros)
{
  rs_probe_depth_opts o;

  rs_probe_depth_default (&o);
  o.max_depth = 5;
  o.width = 4;
  o.act = rs_act_relu;
  o.init = rs_init_constant;
  o.init_c = -0.5;
  o.points = 3;
  o.trials = 5;
  depth_run (&o);
  for (size_t L = 3; L <= 5; L++)
    {
      ck_assert_uint_eq (cell (L, 1)->zeros, 5);
      ck_assert (cell (L, 1)->mean == 0.0);
      ck_assert (isnan (cell (L, 1)->mean_log10));
    }
}
END_TEST

/* ---------------------------------------------------------------------
 * Zero gradient (C6, C8)
 * ------------------------------------------------------------------- */

static rs_probe_zero_grad_result zg_r;

static void
zero_grad_run (const rs_probe_zero_grad_opts *o)
{
  rs_error err;

  ck_assert_msg (rs_probe_zero_grad (o, &zg_r, &err) == RS_OK,
                 "rs_probe_zero_grad: %s", err.message);
  ck_assert_uint_eq (zg_r.samples, o->trials * o->samples);
}

/* C6: z ~ N(0, 1), ReLU: P(f'(z) = 0) = P(z < 0) = 1/2. */
START_TEST (test_zero_grad_relu_half)
{
  rs_probe_zero_grad_opts o;

  rs_probe_zero_grad_default (&o);
  o.trials = 20;
  zero_grad_run (&o);
  assert_within_se (zg_r.p, 0.5, zg_r.samples, 3.0, "relu mu 0");
  assert_close (zg_r.exact, 0.5, 1e-16, "exact");
  ck_assert (zg_r.lo < zg_r.p && zg_r.p < zg_r.hi);
  assert_close (zg_r.se, sqrt (zg_r.p * (1 - zg_r.p) / 200000.0), 1e-15,
                "se");
}
END_TEST

/* P(z < 0) = Phi(-0.7 / 1.3) = 0.29512922565738596 (mpmath) for
 * z ~ N(0.7, 1.3^2), under either kink convention. */
START_TEST (test_zero_grad_relu_shifted)
{
  rs_probe_zero_grad_opts o;

  rs_probe_zero_grad_default (&o);
  o.mu = 0.7;
  o.sigma = 1.3;
  o.kink = _i == 0 ? 0.0 : 1.0;
  o.trials = 20;
  zero_grad_run (&o);
  assert_close (zg_r.exact, 0.29512922565738596, 1e-15, "exact");
  assert_within_se (zg_r.p, 0.29512922565738596, zg_r.samples, 3.0,
                    "relu mu 0.7 sigma 1.3");
}
END_TEST

/* C8: Leaky ReLU's slope below 0 is alpha > 0: no zero at all. */
START_TEST (test_zero_grad_leaky)
{
  rs_probe_zero_grad_opts o;

  rs_probe_zero_grad_default (&o);
  o.act = rs_act_leaky_relu;
  o.param = _i == 0 ? NAN : 0.037;
  o.mu = -0.4;
  o.trials = 10;
  zero_grad_run (&o);
  ck_assert_uint_eq (zg_r.zeros, 0);
  ck_assert (zg_r.exact == 0.0 && zg_r.p == 0.0 && zg_r.lo == 0.0);
}
END_TEST

/* Leaky ReLU with alpha = 0 is ReLU: exact Phi(0.4) at mu = -0.4. */
START_TEST (test_zero_grad_leaky_zero)
{
  rs_probe_zero_grad_opts o;

  rs_probe_zero_grad_default (&o);
  o.act = rs_act_leaky_relu;
  o.param = 0.0;
  o.mu = -0.4;
  o.trials = 10;
  zero_grad_run (&o);
  assert_close (zg_r.exact, gsl_cdf_ugaussian_P (0.4), 1e-15, "exact");
  assert_within_se (zg_r.p, zg_r.exact, zg_r.samples, 3.0, "alpha 0");
}
END_TEST

/* The smooth families never have f' = 0 in exact arithmetic.  In double
 * precision sigmoid' = f (1 - f) is 0 once f rounds to 1 (z >= 53 ln 2 =
 * 36.74) and tanh' = 1 - tanh^2 once tanh rounds to 1 (z >= 19.06): at
 * N(100, 1) every sample is beyond (P(z < 37) = Phi(-63)), at N(0, 1)
 * none (P(|z| > 19) < 1e-80). */
START_TEST (test_zero_grad_smooth)
{
  const rs_act_type *fam[2] = { rs_act_sigmoid, rs_act_tanh };
  rs_probe_zero_grad_opts o;

  rs_probe_zero_grad_default (&o);
  o.act = fam[_i];
  o.trials = 3;
  zero_grad_run (&o);
  ck_assert_uint_eq (zg_r.zeros, 0);
  ck_assert (zg_r.exact == 0.0);
  o.mu = 100.0;
  zero_grad_run (&o);
  ck_assert_uint_eq (zg_r.zeros, zg_r.samples);
  ck_assert (zg_r.exact == 0.0);
}
END_TEST

/* The exact values of every family of the table (zero_rules). */
START_TEST (test_zero_grad_exact)
{
  rs_probe_zero_grad_opts o;
  rs_act_type mine;

  rs_probe_zero_grad_default (&o);
  o.mu = 0.31;
  o.sigma = 2.7;
  for (size_t i = 0; rs_act_types[i] != NULL; i++)
    {
      double want = rs_act_types[i] == rs_act_relu
                    ? gsl_cdf_ugaussian_P (-0.31 / 2.7) : 0.0;

      o.act = rs_act_types[i];
      ck_assert_msg (rs_probe_zero_grad_exact (&o) == want, "%s",
                     o.act->name);
    }
  o.act = rs_act_prelu;
  o.param = 0.0;
  ck_assert (rs_probe_zero_grad_exact (&o) == gsl_cdf_ugaussian_P (-0.31
                                                                   / 2.7));
  mine = *rs_act_relu;
  o.act = &mine;
  ck_assert (isnan (rs_probe_zero_grad_exact (&o)));
}
END_TEST

/* ---------------------------------------------------------------------
 * Constant networks, by hand (C4)
 * ------------------------------------------------------------------- */

/* One ReLU unit z = 2.385 x - 1.1925, active only on (0.5, 1], then
 * y = 1.7 a + 0.3: on [-1, 1] two pieces, slope 0 then 4.0545: not
 * constant.  On [-1, 0.4] the unit is dead throughout: constant, found at
 * layer 1, one piece. */
START_TEST (test_1d_partly_dead)
{
  static const size_t sizes[] = { 1, 1, 1 };
  static const char *const names[] = { "W1[0][0]", "b1[0]", "W2[0][0]",
                                       "b2[0]", NULL };
  static const double values[] = { 2.385, -1.1925, 1.7, 0.3 };
  rs_net *net = net_make (2, sizes, rs_act_relu, rs_act_identity);
  rs_probe_verdict v;

  net_set (net, names, values);
  v = decide_1d (net, -1.0, 1.0);
  ck_assert (!v.constant && v.exact);
  ck_assert_uint_eq (v.layer, 0);
  ck_assert_uint_eq (v.pieces, 2);
  v = decide_1d (net, -1.0, 0.4);
  ck_assert (v.constant && v.exact);
  ck_assert_uint_eq (v.layer, 1);
  ck_assert_uint_eq (v.pieces, 1);
  rs_net_free (net);
}
END_TEST

/* 1-2-2-1: layer 1 u1 = relu(1.3 x + 0.2), u2 = relu(-0.7 x + 0.45),
 * kinks at -2/13 and 9/14: three pieces, not constant.  Layer 2 has
 * z = -0.9 u1 - 0.6 u2 - 0.05 <= -0.05 for both units: dead on the whole
 * interval, so the network is constant, first at layer 2. */
START_TEST (test_1d_last_hidden_dead)
{
  static const size_t sizes[] = { 1, 2, 2, 1 };
  static const char *const names[] = {
    "W1[0][0]", "b1[0]", "W1[1][0]", "b1[1]",
    "W2[0][0]", "W2[0][1]", "b2[0]", "W2[1][0]", "W2[1][1]", "b2[1]",
    "W3[0][0]", "W3[0][1]", "b3[0]", NULL
  };
  static const double values[] = {
    1.3, 0.2, -0.7, 0.45, -0.9, -0.6, -0.05, -0.9, -0.6, -0.05,
    2.1, -1.4, 0.3
  };
  rs_net *net = net_make (3, sizes, rs_act_relu, rs_act_identity);
  rs_probe_verdict v;

  net_set (net, names, values);
  v = decide_1d (net, -1.0, 1.0);
  ck_assert (v.constant && v.exact);
  ck_assert_uint_eq (v.layer, 2);
  ck_assert_uint_eq (v.pieces, 1);
  /* with b2[1] = 0.5, unit 1 of layer 2 lives where 0.9 u1 + 0.6 u2 <
   * 0.5, around x = -2/13 (z = 0.5 - 0.6 * 0.5577 = 0.165), with slope
   * 0.42 there, and W3[0][1] = -1.4 passes it on: not constant */
  ck_assert (rs_net_set (net, "b2[1]", 0.5, NULL) == RS_OK);
  v = decide_1d (net, -1.0, 1.0);
  ck_assert (!v.constant);
  rs_net_free (net);
}
END_TEST

/* Constant without a dead layer: two identical units of layer 2 whose
 * output weights are 1.9 and -1.9 cancel exactly (slope 1.9 b - 1.9 b =
 * 0 in floating point too); and all-zero output weights. */
START_TEST (test_1d_output_constant)
{
  static const size_t sizes[] = { 1, 1, 2, 1 };
  static const char *const names[] = {
    "W1[0][0]", "b1[0]", "W2[0][0]", "W2[1][0]", "W3[0][0]", "W3[0][1]",
    "b3[0]", NULL
  };
  static const double values[] = { 1.3, 0.1, 0.8, 0.8, 1.9, -1.9, 0.2 };
  rs_net *net = net_make (3, sizes, rs_act_relu, rs_act_identity);
  rs_probe_verdict v;

  net_set (net, names, values);
  v = decide_1d (net, -1.0, 1.0);
  ck_assert (v.constant && v.exact);
  ck_assert_uint_eq (v.layer, 3);
  ck_assert (rs_net_set (net, "W3[0][1]", 0.0, NULL) == RS_OK);
  ck_assert (!decide_1d (net, -1.0, 1.0).constant);
  ck_assert (rs_net_set (net, "W3[0][0]", 0.0, NULL) == RS_OK);
  v = decide_1d (net, -1.0, 1.0);
  ck_assert (v.constant);
  ck_assert_uint_eq (v.layer, 3);
  rs_net_free (net);
}
END_TEST

/* 1-3-1 ReLU with kinks at -0.5, 0.1 and 0.6 (z = x + 0.5, -2 x + 0.2,
 * 0.5 x - 0.3): four pieces on [-1, 1], three on [-0.2, 1], where the
 * first kink is outside; the output weights 1.1, 0.7, -2.3 give a
 * different slope on each piece, so none merge. */
START_TEST (test_1d_pieces)
{
  static const size_t sizes[] = { 1, 3, 1 };
  static const char *const names[] = {
    "W1[0][0]", "b1[0]", "W1[1][0]", "b1[1]", "W1[2][0]", "b1[2]",
    "W2[0][0]", "W2[0][1]", "W2[0][2]", NULL
  };
  static const double values[] = { 1.0, 0.5, -2.0, 0.2, 0.5, -0.3,
                                   1.1, 0.7, -2.3 };
  rs_net *net = net_make (2, sizes, rs_act_relu, rs_act_identity);
  rs_probe_verdict v;

  net_set (net, names, values);
  v = decide_1d (net, -1.0, 1.0);
  ck_assert (!v.constant);
  ck_assert_uint_eq (v.pieces, 4);
  ck_assert_uint_eq (decide_1d (net, -0.2, 1.0).pieces, 3);
  rs_net_free (net);
}
END_TEST

/* C8: z = x - 5 < 0 on [-1, 1] kills a ReLU unit but leaves a Leaky ReLU
 * one the slope alpha: not constant.  PReLU reads each unit's own slope:
 * a1[0] = 0 and a1[1] = 0.25 with both z < 0 is not constant, both 0 is. */
START_TEST (test_1d_leaky)
{
  static const size_t s1[] = { 1, 1, 1 }, s2[] = { 1, 2, 1 };
  static const char *const n1[] = { "W1[0][0]", "b1[0]", "W2[0][0]",
                                    NULL };
  static const char *const n2[] = { "W1[0][0]", "b1[0]", "W1[1][0]", "b1[1]",
                                    "a1[0]", "a1[1]", "W2[0][0]",
                                    "W2[0][1]", NULL };
  static const double v1[] = { 1.0, -5.0, 1.3 };
  static const double v2[] = { 1.0, -5.0, -0.5, -2.0, 0.0, 0.25, 1.3, 0.9 };
  rs_net *relu = net_make (2, s1, rs_act_relu, rs_act_identity);
  rs_net *leaky = net_make (2, s1, rs_act_leaky_relu, rs_act_identity);
  rs_net *prelu = net_make (2, s2, rs_act_prelu, rs_act_identity);

  net_set (relu, n1, v1);
  net_set (leaky, n1, v1);
  net_set (prelu, n2, v2);
  ck_assert (decide_1d (relu, -1.0, 1.0).constant);
  ck_assert (!decide_1d (leaky, -1.0, 1.0).constant);
  ck_assert (!decide_1d (prelu, -1.0, 1.0).constant);
  ck_assert (rs_net_set (prelu, "a1[1]", 0.0, NULL) == RS_OK);
  ck_assert (decide_1d (prelu, -1.0, 1.0).constant);
  rs_net_free (relu);
  rs_net_free (leaky);
  rs_net_free (prelu);
}
END_TEST

/* Two inputs on [0.1, 2]^2: unit 0 (w = (-0.4, -1.1), b = 0.05) has
 * max w.x + b = 0.05 - 0.04 - 0.11 = -0.1, unit 1 (w = (0.3, -2),
 * b = -0.7) has 0.6 - 0.2 - 0.7 = -0.3: layer 1 is dead on the box, the
 * network constant.  With b1[1] = -0.2 the max is 0.2 > 0: not shown
 * constant. */
START_TEST (test_box)
{
  static const size_t sizes[] = { 2, 2, 1 };
  static const char *const names[] = {
    "W1[0][0]", "W1[0][1]", "b1[0]", "W1[1][0]", "W1[1][1]", "b1[1]",
    "W2[0][0]", "W2[0][1]", NULL
  };
  static const double values[] = { -0.4, -1.1, 0.05, 0.3, -2.0, -0.7,
                                   1.3, -0.8 };
  const rs_interval box[2] = { { 0.1, 2.0 }, { 0.1, 2.0 } };
  rs_net *net = net_make (2, sizes, rs_act_relu, rs_act_identity);
  rs_probe_verdict v;

  net_set (net, names, values);
  v = decide_box (net, box);
  ck_assert (v.constant && !v.exact);
  ck_assert_uint_eq (v.layer, 1);
  ck_assert (rs_net_set (net, "b1[1]", -0.2, NULL) == RS_OK);
  v = decide_box (net, box);
  ck_assert (!v.constant && !v.exact);
  ck_assert_uint_eq (v.layer, 0);
  rs_net_free (net);
}
END_TEST

/* On one input the box's verdict "constant" is a sufficient condition:
 * it implies the exact one, at the same layer or a later one.  Checked
 * on 300 random networks with biases N(0, 0.6^2) on [-1, 1]. */
START_TEST (test_box_implies_exact)
{
  rs_probe_born_dead_opts o;
  size_t both = 0;

  rs_probe_born_dead_default (&o);
  o.width = 2;
  o.depth = 4;
  o.bias_dist = RS_PROBE_BIAS_NORMAL;
  o.bias = 0.6;
  for (size_t t = 0; t < 300; t++)
    {
      rs_net *net = rs_probe_born_dead_net (&o, t, NULL);
      rs_probe_verdict e, b;

      ck_assert_ptr_nonnull (net);
      e = decide_1d (net, -1.0, 1.0);
      b = decide_box (net, &o.domain);
      ck_assert (!b.constant || (e.constant && e.layer <= b.layer));
      both += b.constant;
      rs_net_free (net);
    }
  ck_assert_uint_gt (both, 0);
}
END_TEST

/* ---------------------------------------------------------------------
 * Born dead (C4)
 * ------------------------------------------------------------------- */

static rs_probe_born_dead_result bd_r;

static void
born_dead_run (const rs_probe_born_dead_opts *o)
{
  rs_error err;

  ck_assert_msg (rs_probe_born_dead (o, &bd_r, &err) == RS_OK,
                 "rs_probe_born_dead: %s", err.message);
  ck_assert_uint_eq (bd_r.trials, o->trials);
}

/* Zero biases on the domain [0.1, 2] of positive x: ReLU is positively
 * homogeneous (relu(c z) = c relu(z) for c > 0), so with zero biases
 * every layer satisfies a_l(x) = x a_l(1) and f(x) = x f(1).  f is
 * constant on the domain iff f(1) = 0.  f(1) = w_out . a_D(1): if
 * a_D(1) != 0 this is N(0, .) or U(.)-distributed given a_D, nonzero with
 * probability 1; so f is constant iff a_D(1) = 0 iff some hidden layer is
 * wholly inactive at x = 1 (biases 0: a dead layer stays 0 after).  Given
 * a nonzero nonnegative input v of layer l, its units' z_j = w_j . v are
 * independent, symmetric and continuous: each positive with probability
 * 1/2, all n_l inactive with probability 2^-n_l.  The input x = 1 is
 * nonzero, so
 *   P(constant) = 1 - prod_l (1 - 2^-n_l),
 *   P(first dead layer = l) = (1 - 2^-n)^(l-1) 2^-n   (equal widths n).
 * Widths 2, 2, 2 (He normal): 37/64, by layer 1/4, 3/16, 9/64.  Width 3,
 * depth 4 (He uniform, also symmetric): 1 - (7/8)^4 = 1695/4096. */
START_TEST (test_born_dead_closed_form)
{
  rs_probe_born_dead_opts o;
  double q;

  rs_probe_born_dead_default (&o);
  o.width = _i == 0 ? 2 : 3;
  o.depth = _i == 0 ? 3 : 4;
  o.init = _i == 0 ? rs_init_he_normal : rs_init_he_uniform;
  o.domain = rs_interval_make (0.1, 2.0);
  o.trials = 4000;
  o.seed = 2385;
  born_dead_run (&o);
  q = 1.0 - ldexp (1.0, -(int) o.width);
  assert_within_se (bd_r.p, 1.0 - pow (q, (double) o.depth), bd_r.trials,
                    4.0, "P(constant)");
  for (size_t l = 1; l <= o.depth; l++)
    assert_within_se ((double) bd_r.by_layer[l] / (double) bd_r.trials,
                      pow (q, (double) l - 1) * (1.0 - q), bd_r.trials, 4.0,
                      "P(first dead layer = l)");
  ck_assert_uint_eq (bd_r.by_layer[o.depth + 1], 0);
  ck_assert (!bd_r.lower_bound);
  ck_assert (bd_r.lo <= bd_r.p && bd_r.p <= bd_r.hi);
}
END_TEST

/* Two inputs, one hidden layer of 2 units, zero biases.  The box's layer
 * 1 is exact: a unit is dead on the box iff w.x <= 0 at every corner.
 * The output (identity) is constant only behind a constant layer, so the
 * certified fraction estimates P(unit dead)^2 for He normal weights,
 * which are isotropic in the plane:
 *   box [0, 2.385]^2: dead iff both weights <= 0: (1/4)^2 = 1/16;
 *   box [0.1, 2]^2: the corners span the cone of angle
 *     theta = atan 20 - atan(1/20); w is dead on it iff w lies in its
 *     polar cone, of angle pi - theta: ((pi - theta) / 2 pi)^2 =
 *     0.26590225125617638^2 = 0.070704007223102751 (mpmath).
 * Either way flagged a lower bound. */
START_TEST (test_born_dead_box)
{
  static const double want[2] = { 0.0625, 0.070704007223102751 };
  rs_probe_born_dead_opts o;

  rs_probe_born_dead_default (&o);
  o.inputs = 2;
  o.width = 2;
  o.depth = 1;
  o.domain = _i == 0 ? rs_interval_make (0.0, 2.385)
                     : rs_interval_make (0.1, 2.0);
  o.trials = 4000;
  born_dead_run (&o);
  assert_within_se (bd_r.p, want[_i], bd_r.trials, 4.0, "box");
  ck_assert (bd_r.lower_bound);
  ck_assert_uint_eq (bd_r.by_layer[1], bd_r.constant);
}
END_TEST

/* C8: a Leaky ReLU unit has slope 1 or alpha > 0 on every piece, so no
 * layer of units with nonzero weights is flat: a network is constant
 * only when slopes cancel, with probability 0. */
START_TEST (test_born_dead_leaky)
{
  rs_probe_born_dead_opts o;

  rs_probe_born_dead_default (&o);
  o.act = rs_act_leaky_relu;
  o.width = 2;
  o.depth = 6;
  o.trials = 500;
  born_dead_run (&o);
  ck_assert_uint_eq (bd_r.constant, 0);
  ck_assert (bd_r.p == 0.0 && bd_r.lo == 0.0);
}
END_TEST

/* ---------------------------------------------------------------------
 * Dead-unit sweep (C4, C8, C9)
 * ------------------------------------------------------------------- */

static rs_probe_sweep_result sw_r;

/* The settings of scenes/net-dead.scene: 1-16-1 ReLU, He normal, bias 0,
 * sine 64 with noise 0.05, gradient descent, from seed 6. */
static void
sweep_scene (rs_probe_sweep_opts *o)
{
  rs_probe_sweep_default (o);
  o->base.seed = 6;
  o->base.noise = 0.05;
  o->base.steps = 200;
}

static void
sweep_run (const rs_probe_sweep_opts *o)
{
  rs_error err;

  ck_assert_msg (rs_probe_sweep (o, &sw_r, &err) == RS_OK,
                 "rs_probe_sweep: %s", err.message);
  ck_assert_uint_eq (sw_r.n_values, o->n_values);
}

/* C4: rate 0.5 kills most units in the first steps (12 of 16 at seed 6,
 * as the scene says); rate 0.01 moves the weights by less than the data
 * can kill.  The rate does not change the start: the same seeds give the
 * same initial dead fraction, 0 here (bias 0 and x = +-1 among the
 * points: w x <= 0 at both ends only for w = 0). */
START_TEST (test_sweep_rate)
{
  rs_probe_sweep_opts o;

  sweep_scene (&o);
  o.n_values = 2;
  o.values[0] = 0.01;
  o.values[1] = 0.5;
  o.seeds = 4;
  sweep_run (&o);
  ck_assert_msg (sw_r.point[1].mean > sw_r.point[0].mean,
                 "rate 0.5: %g dead, rate 0.01: %g", sw_r.point[1].mean,
                 sw_r.point[0].mean);
  for (size_t v = 0; v < 2; v++)
    {
      ck_assert_uint_eq (sw_r.point[v].runs, 4);
      ck_assert (sw_r.point[v].mean0 == 0.0);
      ck_assert (sw_r.point[v].lo <= sw_r.point[v].mean
                 && sw_r.point[v].mean <= sw_r.point[v].hi);
    }
  ck_assert (sw_r.point[1].value == 0.5);
}
END_TEST

/* C8: with alpha > 0 no hidden unit has slope 0 below its kink, so none
 * is dead, at the start or after rate 0.5; alpha = 0 is ReLU again.
 * (At alpha = 0.3 these runs diverge at rate 0.5: the gradient no longer
 * dies with the units.) */
START_TEST (test_sweep_alpha)
{
  rs_probe_sweep_opts o;

  sweep_scene (&o);
  o.base.rate = 0.5;
  o.field = RS_PROBE_ALPHA;
  o.n_values = 3;
  o.values[0] = 0.0;
  o.values[1] = 0.01;
  o.values[2] = 0.1;
  o.seeds = 3;
  sweep_run (&o);
  ck_assert (sw_r.point[0].mean > 0.0);
  for (size_t v = 1; v < 3; v++)
    {
      ck_assert_uint_eq (sw_r.point[v].diverged, 0);
      ck_assert (sw_r.point[v].mean == 0.0 && sw_r.point[v].mean0 == 0.0);
      ck_assert (sw_r.point[v].lo == 0.0 && sw_r.point[v].hi == 0.0);
    }
}
END_TEST

/* C9 at the start: a unit w x + b of a 1-16-1 network is dead on points
 * spanning [-1, 1] (both ends included) iff |w| <= -b.  With He normal
 * weights, w ~ N(0, 2): at b = -0.5 the probability is
 * P(|w| <= 0.5) = erf(0.25) = 0.27632639016823693 (mpmath), at b = 0 and
 * b = 0.1 it is 0.  32 seeds of 16 units, within 4 standard errors. */
START_TEST (test_sweep_bias0_start)
{
  rs_probe_sweep_opts o;

  sweep_scene (&o);
  o.base.steps = 1;
  o.field = RS_PROBE_BIAS0;
  o.n_values = 3;
  o.values[0] = -0.5;
  o.values[1] = 0.0;
  o.values[2] = 0.1;
  o.seeds = 32;
  sweep_run (&o);
  assert_within_se (sw_r.point[0].mean0, 0.27632639016823693, 32 * 16, 4.0,
                    "dead at start, bias -0.5");
  ck_assert (sw_r.point[1].mean0 == 0.0 && sw_r.point[2].mean0 == 0.0);
  ck_assert (sw_r.point[0].lo0 < sw_r.point[0].mean0
             && sw_r.point[0].mean0 < sw_r.point[0].hi0);
}
END_TEST

/* The trial's parameters: seed base + s, the field set, the rest kept. */
START_TEST (test_sweep_params)
{
  rs_probe_sweep_opts o;
  rs_sim_params p;

  sweep_scene (&o);
  o.field = RS_PROBE_DECAY;
  o.values[2] = 0.0173;
  o.seeds = 5;
  ck_assert_uint_eq (rs_probe_sweep_trials (&o), 20);
  ck_assert (rs_probe_sweep_params (&o, 13, &p, NULL) == RS_OK);
  ck_assert_uint_eq (p.seed, 6 + 3);
  ck_assert (p.decay.lambda == 0.0173 && p.decay.biases);
  ck_assert (p.rate == o.base.rate);
  o.field = RS_PROBE_ALPHA;
  o.values[2] = 0.2;
  ck_assert (rs_probe_sweep_params (&o, 13, &p, NULL) == RS_OK);
  ck_assert (p.net.act[0] == rs_act_leaky_relu && p.net.param[0] == 0.2);
  ck_assert (p.net.act[1] == rs_act_identity);
  ck_assert_str_eq (rs_probe_field_name (RS_PROBE_BIAS0), "bias0");
  ck_assert_str_eq (rs_probe_field_name ((rs_probe_field) 9), "unknown");
}
END_TEST

/* ---------------------------------------------------------------------
 * Trials split in ranges give the same bits
 * ------------------------------------------------------------------- */

START_TEST (test_split_depth)
{
  static rs_probe_depth_result a, b;
  rs_probe_depth_opts o;

  rs_probe_depth_default (&o);
  o.max_depth = 4;
  o.width = 7;
  o.act = rs_act_relu;
  o.trials = 6;
  ck_assert (rs_probe_depth (&o, &a, NULL) == RS_OK);
  rs_probe_depth_clear (&b);
  ck_assert (rs_probe_depth_run (&o, 0, 2, &b, NULL) == RS_OK);
  ck_assert (rs_probe_depth_run (&o, 2, 2, &b, NULL) == RS_OK);
  ck_assert (rs_probe_depth_run (&o, 2, 6, &b, NULL) == RS_OK);
  ck_assert (memcmp (&a, &b, sizeof a) == 0);
}
END_TEST

START_TEST (test_split_others)
{
  static rs_probe_zero_grad_result za, zb;
  static rs_probe_born_dead_result ba, bb;
  static rs_probe_sweep_result sa, sb;
  rs_probe_zero_grad_opts zo;
  rs_probe_born_dead_opts bo;
  rs_probe_sweep_opts so;

  rs_probe_zero_grad_default (&zo);
  zo.trials = 7;
  zo.samples = 1001;
  ck_assert (rs_probe_zero_grad (&zo, &za, NULL) == RS_OK);
  rs_probe_zero_grad_clear (&zb);
  ck_assert (rs_probe_zero_grad_run (&zo, 0, 3, &zb, NULL) == RS_OK);
  ck_assert (rs_probe_zero_grad_run (&zo, 3, 7, &zb, NULL) == RS_OK);
  ck_assert (memcmp (&za, &zb, sizeof za) == 0);

  rs_probe_born_dead_default (&bo);
  bo.trials = 50;
  bo.bias_dist = RS_PROBE_BIAS_NORMAL;
  bo.bias = 0.3;
  ck_assert (rs_probe_born_dead (&bo, &ba, NULL) == RS_OK);
  rs_probe_born_dead_clear (&bb);
  ck_assert (rs_probe_born_dead_run (&bo, 0, 17, &bb, NULL) == RS_OK);
  ck_assert (rs_probe_born_dead_run (&bo, 17, 50, &bb, NULL) == RS_OK);
  ck_assert (memcmp (&ba, &bb, sizeof ba) == 0);

  sweep_scene (&so);
  so.n_values = 2;
  so.seeds = 2;
  so.base.steps = 20;
  ck_assert (rs_probe_sweep (&so, &sa, NULL) == RS_OK);
  rs_probe_sweep_clear (&sb);
  ck_assert (rs_probe_sweep_run (&so, 0, 3, &sb, NULL) == RS_OK);
  ck_assert (isnan (sb.point[1].lo));   /* one run of value 1 so far */
  ck_assert (rs_probe_sweep_run (&so, 3, 4, &sb, NULL) == RS_OK);
  ck_assert (memcmp (&sa, &sb, sizeof sa) == 0);
}
END_TEST

/* The network of a trial is the one the trial decided. */
/* A width per layer (widths 4, 9) gives that shape, and He biases are
 * the normal biases of standard deviation 1 from the same draws scaled by
 * sqrt(2 / fan-in) (gsl_ran_gaussian returns sigma times a unit draw):
 * sqrt(2) for layer 1 (one input), sqrt(2/4), then sqrt(2/9) for the
 * output.  The weights are the same draws in both. */
START_TEST (test_born_dead_he_bias)
{
  rs_probe_born_dead_opts o;
  rs_net *he, *unit;
  const double scale[] = { 0, sqrt (2.0), sqrt (0.5), sqrt (2.0 / 9.0) };

  rs_probe_born_dead_default (&o);
  o.widths[0] = 4;
  o.widths[1] = 9;
  o.depth = 2;
  o.bias_dist = RS_PROBE_BIAS_NORMAL;
  o.bias = 1.0;
  unit = rs_probe_born_dead_net (&o, 7, NULL);
  o.bias_dist = RS_PROBE_BIAS_HE;
  he = rs_probe_born_dead_net (&o, 7, NULL);
  ck_assert_ptr_nonnull (unit);
  ck_assert_ptr_nonnull (he);
  ck_assert_uint_eq (rs_net_units (he, 1), 4);
  ck_assert_uint_eq (rs_net_units (he, 2), 9);
  ck_assert_uint_eq (rs_net_units (he, 3), 1);
  for (size_t i = 0; i < rs_net_nparams (he); i++)
    {
      rs_param_info pi = rs_net_param_info (he, i);
      double u = gsl_vector_get (rs_net_params_const (unit), i);
      double h = gsl_vector_get (rs_net_params_const (he), i);

      if (pi.kind == RS_PARAM_BIAS)
        ck_assert_double_eq_tol (h, u * scale[pi.layer],
                                 1e-15 * fabs (u) * 2);
      else
        ck_assert (h == u);
    }
  rs_net_free (he);
  rs_net_free (unit);
}
END_TEST

START_TEST (test_born_dead_net)
{
  rs_probe_born_dead_opts o;
  size_t found = 0;

  rs_probe_born_dead_default (&o);
  o.trials = 40;
  born_dead_run (&o);
  for (size_t t = 0; t < 40; t++)
    {
      rs_net *net = rs_probe_born_dead_net (&o, t, NULL);

      found += (size_t) decide_1d (net, -1.0, 1.0).constant;
      rs_net_free (net);
    }
  ck_assert_uint_eq (found, bd_r.constant);
}
END_TEST

/* ---------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------- */

/* Each case breaks one option of the depth experiment. */
START_TEST (test_depth_errors)
{
  static rs_probe_depth_result r;
  rs_probe_depth_opts o;
  rs_error err;

  rs_probe_depth_default (&o);
  switch (_i)
    {
    case 0: o.max_depth = 0; break;
    case 1: o.max_depth = RS_PROBE_MAX_DEPTH + 1; break;
    case 2: o.width = RS_NET_MAX_UNITS + 1; break;
    case 3: o.outputs = 0; break;
    case 4: o.points = 0; break;
    case 5: o.act = NULL; break;
    case 6: o.act = rs_act_softplus; o.param = 0.0; break;
    case 7: o.kink = 1.5; break;
    case 8: o.init = NULL; break;
    default: o.bias = NAN; break;
    }
  rs_error_clear (&err);
  ck_assert_int_eq (rs_probe_depth (&o, &r, &err), RS_EINVAL);
  ck_assert_int_eq (err.code, RS_EINVAL);
  ck_assert (err.message[0] != '\0');
}
END_TEST

START_TEST (test_depth_run_errors)
{
  static rs_probe_depth_result r;
  rs_probe_depth_opts o;
  rs_error err;

  rs_probe_depth_default (&o);
  o.max_depth = 2;
  o.width = 3;
  ck_assert_int_eq (rs_probe_depth (&o, NULL, &err), RS_EINVAL);
  rs_probe_depth_clear (&r);
  ck_assert_int_eq (rs_probe_depth_run (&o, 3, 2, &r, &err), RS_EINVAL);
  ck_assert (rs_probe_depth_run (&o, 0, 1, &r, NULL) == RS_OK);
  o.max_depth = 3;
  ck_assert_int_eq (rs_probe_depth_run (&o, 1, 2, &r, &err), RS_EINVAL);
  ck_assert (strstr (err.message, "depths up to 2") != NULL);
  /* constant weights 1e200: the output overflows */
  o.init = rs_init_constant;
  o.init_c = 1e200;
  o.act = rs_act_relu;
  ck_assert_int_eq (rs_probe_depth (&o, &r, &err), RS_EDIVERGED);
  ck_assert_uint_eq (r.trials, 0);
}
END_TEST

START_TEST (test_zero_grad_errors)
{
  static rs_probe_zero_grad_result r;
  rs_probe_zero_grad_opts o;
  rs_error err;

  rs_probe_zero_grad_default (&o);
  switch (_i)
    {
    case 0: o.sigma = 0.0; break;
    case 1: o.mu = INFINITY; break;
    case 2: o.samples = 0; break;
    case 3: o.act = NULL; break;
    case 4: o.act = rs_act_leaky_relu; o.param = 1.5; break;
    default: o.kink = -0.1; break;
    }
  ck_assert_int_eq (rs_probe_zero_grad (&o, &r, &err), RS_EINVAL);
  ck_assert (err.message[0] != '\0');
  ck_assert (_i != 0 || isnan (rs_probe_zero_grad_exact (&o)));
}
END_TEST

START_TEST (test_born_dead_errors)
{
  static rs_probe_born_dead_result r;
  rs_probe_born_dead_opts o;
  rs_error err;

  rs_probe_born_dead_default (&o);
  switch (_i)
    {
    case 0: o.inputs = 0; break;
    case 1: o.width = 0; break;
    case 2: o.depth = RS_NET_MAX_LAYERS; break;
    case 3: o.act = rs_act_sigmoid; break;
    case 4: o.bias_dist = RS_PROBE_BIAS_NORMAL; o.bias = -0.1; break;
    case 5: o.domain = rs_interval_make (1.0, 1.0); break;
    case 6: o.domain = rs_interval_make (0.0, NAN); break;
    case 7: o.widths[0] = 3; o.widths[1] = 0; o.depth = 2; break;
    case 8: o.widths[0] = 3; o.widths[1] = RS_NET_MAX_UNITS + 1; o.depth = 2;
      break;
    default: o.init = NULL; break;
    }
  ck_assert_int_eq (rs_probe_born_dead (&o, &r, &err), RS_EINVAL);
  ck_assert (err.message[0] != '\0');
  ck_assert_ptr_null (rs_probe_born_dead_net (&o, 0, NULL));
}
END_TEST

START_TEST (test_constant_errors)
{
  static const size_t s2[] = { 2, 1, 1 }, s1[] = { 1, 1, 1 };
  const rs_interval bad[2] = { { 0.0, 1.0 }, { 2.0, -2.0 } };
  rs_net *two = net_make (2, s2, rs_act_relu, rs_act_identity);
  rs_net *sig = net_make (2, s1, rs_act_sigmoid, rs_act_identity);
  rs_probe_verdict v;
  rs_error err;

  ck_assert (rs_net_set (sig, "W1[0][0]", 1.3, NULL) == RS_OK);
  ck_assert (rs_net_set (sig, "W2[0][0]", -0.7, NULL) == RS_OK);

  ck_assert_int_eq (rs_probe_constant_1d (two, rs_interval_make (0, 1), &v,
                                          &err), RS_EINVAL);
  ck_assert (strstr (err.message, "one input") != NULL);
  ck_assert_int_eq (rs_probe_constant_1d (sig, rs_interval_make (0, 1), &v,
                                          &err), RS_EINVAL);
  ck_assert (strstr (err.message, "sigmoid") != NULL);
  ck_assert_int_eq (rs_probe_constant_1d (sig, rs_interval_make (1, 0), &v,
                                          &err), RS_EINVAL);
  ck_assert_int_eq (rs_probe_constant_box (two, bad, &v, &err), RS_EINVAL);
  ck_assert (strstr (err.message, "input 1") != NULL);
  /* a sigmoid network's box is fine, and never a single point */
  ck_assert (!decide_box (sig, bad).constant);
  rs_net_free (two);
  rs_net_free (sig);
}
END_TEST

/* Too many pieces: a 1-64-64-64-1 ReLU network of nested zigzags.
 * Layer 1 has kinks t_k = -1 + k/32, and W(x) = sum_k w_k a_k with w_0 = 1,
 * w_k = 2 (-1)^k has slopes +1, -1, ...: 64 runs from 0 to 1/32 and back.
 * Layer 2 unit j is relu(W - j/2048) and F(u) = sum_j c_j relu(u - j/2048)
 * with the same alternating c_j is a zigzag of 32 teeth per run of W:
 * F(W(x)) has 2048 teeth, and each layer-3 unit relu(F - g_i),
 * 0 < g_i < 1/2048, crosses 0 twice per tooth: 64 x 4096 kinks, far
 * beyond RS_PROBE_MAX_PIECES. */
START_TEST (test_1d_too_many_pieces)
{
  static const size_t sizes[] = { 1, 64, 64, 64, 1 };
  rs_net *net = net_make (4, sizes, rs_act_relu, rs_act_identity);
  gsl_vector *th = rs_net_params (net);
  rs_probe_verdict v;
  rs_error err;

  for (size_t k = 0; k < 64; k++)
    {
      double c = k == 0 ? 1.0 : (k % 2 == 0 ? 2.0 : -2.0);

      gsl_vector_set (th, rs_net_w_index (net, 1, k, 0), 1.0);
      gsl_vector_set (th, rs_net_b_index (net, 1, k), 1.0 - (double) k / 32);
      for (size_t j = 0; j < 64; j++)
        {
          gsl_vector_set (th, rs_net_w_index (net, 2, j, k), c);
          gsl_vector_set (th, rs_net_w_index (net, 3, j, k), c);
        }
      gsl_vector_set (th, rs_net_b_index (net, 2, k), -(double) k / 2048);
      gsl_vector_set (th, rs_net_b_index (net, 3, k),
                      -((double) k + 0.5) / (64.0 * 2048));
      gsl_vector_set (th, rs_net_w_index (net, 4, 0, k), 1.0);
    }
  ck_assert_int_eq (rs_probe_constant_1d (net, rs_interval_make (-1, 1), &v,
                                          &err), RS_EINVAL);
  ck_assert_msg (strstr (err.message, "linear pieces") != NULL, "%s",
                 err.message);
  rs_net_free (net);
}
END_TEST

START_TEST (test_sweep_errors)
{
  static rs_probe_sweep_result r;
  rs_probe_sweep_opts o;
  rs_error err;

  sweep_scene (&o);
  o.base.steps = 2;
  switch (_i)
    {
    case 0: o.n_values = 0; break;
    case 1: o.n_values = RS_PROBE_MAX_VALUES + 1; break;
    case 2: o.seeds = 0; break;
    case 3: o.base.net.layers = 0; break;
    case 4: o.values[1] = 0.0; break;
    case 5: o.field = RS_PROBE_ALPHA; o.values[0] = 0.0; o.values[1] = 1.0;
      break;
    case 6: o.field = RS_PROBE_DECAY; o.values[1] = -1.0; break;
    default: o.field = (rs_probe_field) 7; break;
    }
  ck_assert_int_eq (rs_probe_sweep (&o, &r, &err), RS_EINVAL);
  ck_assert (err.message[0] != '\0');
}
END_TEST

START_TEST (test_sweep_run_errors)
{
  static rs_probe_sweep_result r;
  rs_probe_sweep_opts o;
  rs_sim_params p;
  rs_error err;

  sweep_scene (&o);
  o.base.steps = 2;
  o.seeds = 1;
  rs_probe_sweep_clear (&r);
  ck_assert_int_eq (rs_probe_sweep_run (&o, 0, 5, &r, &err), RS_EINVAL);
  ck_assert (strstr (err.message, "4 trials") != NULL);
  ck_assert (rs_probe_sweep_run (&o, 0, 1, &r, NULL) == RS_OK);
  o.n_values = 3;
  ck_assert_int_eq (rs_probe_sweep_run (&o, 1, 2, &r, &err), RS_EINVAL);
  ck_assert_int_eq (rs_probe_sweep_params (&o, 3, &p, &err), RS_EINVAL);
  ck_assert_int_eq (rs_probe_sweep (&o, NULL, &err), RS_EINVAL);
}
END_TEST

/* ---------------------------------------------------------------------
 * The suite
 * ------------------------------------------------------------------- */

static Suite *
probe_suite (void)
{
  Suite *s = suite_create ("probe");
  TCase *core = tcase_create ("Core");
  TCase *depth = tcase_create ("Depth");
  TCase *zero = tcase_create ("ZeroGrad");
  TCase *constant = tcase_create ("Constant");
  TCase *born = tcase_create ("BornDead");
  TCase *sweep = tcase_create ("Sweep");
  TCase *errors = tcase_create ("Errors");

  tcase_add_test (core, test_wilson);
  tcase_add_test (core, test_split_depth);
  tcase_add_test (core, test_split_others);
  suite_add_tcase (s, core);

  tcase_add_test (depth, test_depth_linear_layers);
  tcase_add_test (depth, test_depth_linear_depths);
  tcase_add_test (depth, test_depth_sigmoid_ratio);
  tcase_add_test (depth, test_depth_one_trial);
  tcase_add_test (depth, test_depth_dead_zeros);
  suite_add_tcase (s, depth);

  tcase_add_test (zero, test_zero_grad_relu_half);
  tcase_add_loop_test (zero, test_zero_grad_relu_shifted, 0, 2);
  tcase_add_loop_test (zero, test_zero_grad_leaky, 0, 2);
  tcase_add_test (zero, test_zero_grad_leaky_zero);
  tcase_add_loop_test (zero, test_zero_grad_smooth, 0, 2);
  tcase_add_test (zero, test_zero_grad_exact);
  suite_add_tcase (s, zero);

  tcase_add_test (constant, test_1d_partly_dead);
  tcase_add_test (constant, test_1d_last_hidden_dead);
  tcase_add_test (constant, test_1d_output_constant);
  tcase_add_test (constant, test_1d_pieces);
  tcase_add_test (constant, test_1d_leaky);
  tcase_add_test (constant, test_box);
  tcase_add_test (constant, test_box_implies_exact);
  suite_add_tcase (s, constant);

  tcase_add_loop_test (born, test_born_dead_closed_form, 0, 2);
  tcase_add_loop_test (born, test_born_dead_box, 0, 2);
  tcase_add_test (born, test_born_dead_leaky);
  tcase_add_test (born, test_born_dead_net);
  tcase_add_test (born, test_born_dead_he_bias);
  suite_add_tcase (s, born);

  tcase_add_test (sweep, test_sweep_rate);
  tcase_add_test (sweep, test_sweep_alpha);
  tcase_add_test (sweep, test_sweep_bias0_start);
  tcase_add_test (sweep, test_sweep_params);
  suite_add_tcase (s, sweep);

  tcase_add_loop_test (errors, test_depth_errors, 0, 10);
  tcase_add_test (errors, test_depth_run_errors);
  tcase_add_loop_test (errors, test_zero_grad_errors, 0, 6);
  tcase_add_loop_test (errors, test_born_dead_errors, 0, 10);
  tcase_add_test (errors, test_constant_errors);
  tcase_add_test (errors, test_1d_too_many_pieces);
  tcase_add_loop_test (errors, test_sweep_errors, 0, 8);
  tcase_add_test (errors, test_sweep_run_errors);
  suite_add_tcase (s, errors);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (probe_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
