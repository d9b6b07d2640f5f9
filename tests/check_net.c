/* check_net.c: networks, their parameter names and initialisers, the
 * forward and backward passes, the losses on a network and the interval
 * hull of the gradient at kinks (CONCEPTS.md C1, C3, C4, C8, C9, C12).
 *
 * Every expected value comes from a formula written out here (the layout
 * of the parameter vector, the textbook activations, a forward pass and a
 * back-propagation written from the chain rule), from central finite
 * differences of the loss, from the moments of the initialisers'
 * distributions, or from a hand derivation in a comment.  Hand-built
 * networks use exact binary fractions where a pre-activation must be
 * exactly 0, and unround numbers everywhere else. */
#include <config.h>

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include <reluscape/reluscape.h>

#include "ref_act.h"

/* ---------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------- */

/* A network of layers + 1 sizes, hidden on the hidden layers and output
 * on the last, default parameters; fails the test when it cannot be
 * built. */
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

/* The same from a spec. */
static rs_net *
net_from_spec (const rs_net_spec *spec)
{
  rs_error err;
  rs_net *net = rs_net_alloc (spec, &err);

  ck_assert_msg (net != NULL, "rs_net_alloc: %s", err.message);
  return net;
}

static rs_net_workspace *
ws_make (const rs_net *net, size_t n)
{
  rs_error err;
  rs_net_workspace *w = rs_net_workspace_alloc (net, n, &err);

  ck_assert_msg (w != NULL, "rs_net_workspace_alloc: %s", err.message);
  return w;
}

/* Set the parameter whose name is printed from fmt, failing the test on
 * error. */
static void setf (rs_net *net, double v, const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4)));

static void
setf (rs_net *net, double v, const char *fmt, ...)
{
  char name[64];
  rs_error err;
  va_list ap;

  va_start (ap, fmt);
  vsnprintf (name, sizeof name, fmt, ap);
  va_end (ap);
  ck_assert_msg (rs_net_set (net, name, v, &err) == RS_OK, "%s: %s", name,
                 err.message);
}

/* The index of the parameter called name, failing the test on error. */
static size_t
idx (const rs_net *net, const char *name)
{
  rs_error err;
  size_t i = SIZE_MAX;

  ck_assert_msg (rs_net_param_lookup (net, name, &i, &err) == RS_OK,
                 "%s: %s", name, err.message);
  return i;
}

/* A data set over caller-owned arrays (plain data, no allocation). */
static rs_data
data_view (size_t n, size_t dim, size_t ydim, size_t classes, double *x,
           double *y)
{
  rs_data d = { n, dim, ydim, classes, x, y };

  return d;
}

/* The loss of net on d, which must succeed. */
static double
loss_value (const rs_net *net, const rs_loss_type *t, const rs_data *d,
            rs_net_workspace *w)
{
  rs_error err;
  double v = NAN;
  int rc = rs_loss_net (net, t, d, w, &v, NULL, &err);

  ck_assert_msg (rc == RS_OK, "rs_loss_net: %s", err.message);
  return v;
}

/* The gradient of the loss by rs_loss_net, which must succeed. */
static void
loss_grad (const rs_net *net, const rs_loss_type *t, const rs_data *d,
           rs_net_workspace *w, gsl_vector *g)
{
  rs_error err;
  double v;
  int rc = rs_loss_net (net, t, d, w, &v, g, &err);

  ck_assert_msg (rc == RS_OK, "rs_loss_net: %s", err.message);
}

/* Central difference of the loss in parameter i:
 * (L(theta + h e_i) - L(theta - h e_i)) / 2h, theta restored after. */
static double
loss_fd (rs_net *net, const rs_loss_type *t, const rs_data *d,
         rs_net_workspace *w, size_t i, double h)
{
  gsl_vector *th = rs_net_params (net);
  double t0 = gsl_vector_get (th, i), up, down;

  gsl_vector_set (th, i, t0 + h);
  up = loss_value (net, t, d, w);
  gsl_vector_set (th, i, t0 - h);
  down = loss_value (net, t, d, w);
  gsl_vector_set (th, i, t0);
  return (up - down) / (2.0 * h);
}


static const rs_act_type *
family_type (const family *f)
{
  const rs_act_type *t = rs_act_lookup (f->name);

  ck_assert_msg (t != NULL, "no activation %s", f->name);
  return t;
}

/* A reference back-propagation for networks with ReLU hidden layers, an
 * identity output and the mean squared error, written from the chain
 * rule:  e_c = 2 (o_c - y_c) / n;  dz_L = e;  dz_l = relu'(z_l) da_l
 * with relu' = [z > 0] off the kink and the slope ks[l][j] on it;
 * dW_l = dz_l a_(l-1)^T, db_l = dz_l, da_(l-1) = W_l^T dz_l; summed over
 * the points of d into g.  Parameters are read by their names' indices. */
static void
ref_grad (const rs_net *net, const rs_data *d,
          double ks[][RS_NET_MAX_UNITS], double *g)
{
  const gsl_vector *th = rs_net_params_const (net);
  size_t L = rs_net_layers (net);
  double a[RS_NET_MAX_LAYERS + 1][RS_NET_MAX_UNITS];
  double z[RS_NET_MAX_LAYERS + 1][RS_NET_MAX_UNITS];
  double da[RS_NET_MAX_UNITS], dz[RS_NET_MAX_UNITS];

  for (size_t p = 0; p < rs_net_nparams (net); p++)
    g[p] = 0.0;
  for (size_t i = 0; i < d->n; i++)
    {
      for (size_t k = 0; k < d->dim; k++)
        a[0][k] = d->x[i * d->dim + k];
      for (size_t l = 1; l <= L; l++)
        for (size_t j = 0; j < rs_net_units (net, l); j++)
          {
            z[l][j] = gsl_vector_get (th, rs_net_b_index (net, l, j));
            for (size_t k = 0; k < rs_net_units (net, l - 1); k++)
              z[l][j] += gsl_vector_get (th, rs_net_w_index (net, l, j, k))
                         * a[l - 1][k];
            a[l][j] = l < L ? fmax (z[l][j], 0.0) : z[l][j];
          }
      for (size_t c = 0; c < rs_net_units (net, L); c++)
        da[c] = 2.0 * (a[L][c] - d->y[i * d->ydim + c]) / (double) d->n;
      for (size_t l = L; l >= 1; l--)
        {
          for (size_t j = 0; j < rs_net_units (net, l); j++)
            {
              double s = l == L ? 1.0 : z[l][j] > 0.0 ? 1.0
                         : z[l][j] < 0.0 ? 0.0 : ks[l][j];

              dz[j] = da[j] * s;
              g[rs_net_b_index (net, l, j)] += dz[j];
              for (size_t k = 0; k < rs_net_units (net, l - 1); k++)
                g[rs_net_w_index (net, l, j, k)] += dz[j] * a[l - 1][k];
            }
          for (size_t k = 0; k < rs_net_units (net, l - 1); k++)
            {
              da[k] = 0.0;
              for (size_t j = 0; j < rs_net_units (net, l); j++)
                da[k] += gsl_vector_get (th, rs_net_w_index (net, l, j, k))
                         * dz[j];
            }
        }
    }
}

/* ---------------------------------------------------------------------
 * Names
 * ------------------------------------------------------------------- */

/* 2-16-16-1: W1 16x2 and b1 16, W2 16x16 and b2 16, W3 1x16 and b3 1:
 * 2*16 + 16 + 16*16 + 16 + 16 + 1 = 337.  A PReLU layer adds one slope
 * per unit: +16 +16 with PReLU on both hidden layers (369), +1 more with
 * a PReLU output (370). */
START_TEST (test_nparams)
{
  const size_t sizes[] = { 2, 16, 16, 1 };
  rs_net *net = net_make (3, sizes, rs_act_relu, rs_act_identity);
  rs_net *pre = net_make (3, sizes, rs_act_prelu, rs_act_identity);
  rs_net *pre2 = net_make (3, sizes, rs_act_prelu, rs_act_prelu);

  ck_assert_uint_eq (rs_net_nparams (net), 337);
  ck_assert_uint_eq (rs_net_nparams (pre), 337 + 16 + 16);
  ck_assert_uint_eq (rs_net_nparams (pre2), 337 + 16 + 16 + 1);
  ck_assert_uint_eq (rs_net_params (net)->size, 337);
  ck_assert_uint_eq (rs_net_layers (net), 3);
  ck_assert_uint_eq (rs_net_inputs (net), 2);
  ck_assert_uint_eq (rs_net_outputs (net), 1);
  ck_assert_uint_eq (rs_net_units (net, 2), 16);
  ck_assert_uint_eq (rs_net_hidden_units (net), 32);
  rs_net_free (net);
  rs_net_free (pre);
  rs_net_free (pre2);
}
END_TEST

/* The layout of the header: W_l row by row, then b_l, then a PReLU
 * layer's slopes.  In the ReLU 2-16-16-1 net W1 is 0..31 (W1[j][k] at
 * 2j + k), b1 32..47, W2 48..303 (W2[j][k] at 48 + 16j + k), b2 304..319,
 * W3 320..335, b3 336.  With PReLU hidden layers a1 is 48..63, W2 starts
 * at 64, b2 at 320, a2 at 336, W3 at 352 and b3 is 368. */
START_TEST (test_param_names)
{
  const size_t sizes[] = { 2, 16, 16, 1 };
  rs_net *net = net_make (3, sizes, rs_act_relu, rs_act_identity);
  rs_net *pre = net_make (3, sizes, rs_act_prelu, rs_act_identity);
  char buf[32];
  rs_param_info p;

  ck_assert_str_eq (rs_net_param_name (net, 1, buf, sizeof buf), "W1[0][1]");
  ck_assert_str_eq (rs_net_param_name (net, 32, buf, sizeof buf), "b1[0]");
  ck_assert_str_eq (rs_net_param_name (net, 111, buf, sizeof buf),
                    "W2[3][15]");
  ck_assert_str_eq (rs_net_param_name (net, 325, buf, sizeof buf),
                    "W3[0][5]");
  ck_assert_str_eq (rs_net_param_name (net, 336, buf, sizeof buf), "b3[0]");
  ck_assert_str_eq (rs_net_param_name (pre, 50, buf, sizeof buf), "a1[2]");
  ck_assert_str_eq (rs_net_param_name (pre, 127, buf, sizeof buf),
                    "W2[3][15]");
  ck_assert_str_eq (rs_net_param_name (pre, 336, buf, sizeof buf), "a2[0]");
  ck_assert_str_eq (rs_net_param_name (pre, 368, buf, sizeof buf), "b3[0]");
  ck_assert_uint_eq (rs_net_w_index (net, 2, 3, 15), 111);
  ck_assert_uint_eq (rs_net_b_index (pre, 2, 0), 320);
  ck_assert_uint_eq (rs_net_slope_index (pre, 1, 2), 50);
  ck_assert_uint_eq (rs_net_slope_index (net, 1, 2), (size_t) -1);
  ck_assert_uint_eq (rs_net_slope_index (pre, 3, 0), (size_t) -1);
  p = rs_net_param_info (pre, 50);
  ck_assert_int_eq (p.kind, RS_PARAM_SLOPE);
  ck_assert_uint_eq (p.layer, 1);
  ck_assert_uint_eq (p.unit, 2);
  p = rs_net_param_info (net, 111);
  ck_assert_int_eq (p.kind, RS_PARAM_WEIGHT);
  ck_assert_uint_eq (p.layer, 2);
  ck_assert_uint_eq (p.unit, 3);
  ck_assert_uint_eq (p.input, 15);
  p = rs_net_param_info (net, 32);
  ck_assert_int_eq (p.kind, RS_PARAM_BIAS);
  ck_assert_uint_eq (p.layer, 1);
  ck_assert_uint_eq (p.unit, 0);
  /* A buffer too small is cut, not overrun. */
  ck_assert_str_eq (rs_net_param_name (net, 111, buf, 4), "W2[");
  rs_net_free (net);
  rs_net_free (pre);
}
END_TEST

/* Nets of every kind of layer for the round trip. */
typedef struct {
  size_t layers;
  size_t sizes[RS_NET_MAX_LAYERS + 1];
  const char *hidden, *output;
} net_shape;

static const net_shape round_trip_nets[] = {
  { 3, { 2, 16, 16, 1 }, "relu", "identity" },
  { 3, { 3, 5, 4, 2 }, "prelu", "prelu" },
  { 1, { 1, 1 }, "sigmoid", "sigmoid" },
  { 2, { 4, 7, 3 }, "prelu", "identity" },
  { 8, { 2, 3, 1, 4, 2, 5, 1, 3, 2 }, "prelu", "softplus" },
  { 2, { 64, 64, 64 }, "leaky_relu", "prelu" },
};

/* For every index i: the name of i looks up to i (so names are distinct),
 * and the index functions of its kind, layer, unit and input give i back;
 * each printed name reads back as the same kind, layer and unit. */
START_TEST (test_lookup_round_trip)
{
  const net_shape *s = &round_trip_nets[_i];
  rs_net *net = net_make (s->layers, s->sizes, rs_act_lookup (s->hidden),
                          rs_act_lookup (s->output));
  char buf[32], expect[32];

  for (size_t i = 0; i < rs_net_nparams (net); i++)
    {
      rs_param_info p = rs_net_param_info (net, i);
      size_t back = SIZE_MAX;

      rs_net_param_name (net, i, buf, sizeof buf);
      ck_assert_int_eq (rs_net_param_lookup (net, buf, &back, NULL), RS_OK);
      ck_assert_uint_eq (back, i);
      if (p.kind == RS_PARAM_WEIGHT)
        {
          snprintf (expect, sizeof expect, "W%zu[%zu][%zu]", p.layer, p.unit,
                    p.input);
          ck_assert_uint_eq (rs_net_w_index (net, p.layer, p.unit, p.input),
                             i);
        }
      else if (p.kind == RS_PARAM_BIAS)
        {
          snprintf (expect, sizeof expect, "b%zu[%zu]", p.layer, p.unit);
          ck_assert_uint_eq (rs_net_b_index (net, p.layer, p.unit), i);
        }
      else
        {
          snprintf (expect, sizeof expect, "a%zu[%zu]", p.layer, p.unit);
          ck_assert_uint_eq (rs_net_slope_index (net, p.layer, p.unit), i);
        }
      ck_assert_str_eq (buf, expect);
      ck_assert (p.layer >= 1 && p.layer <= s->layers);
      ck_assert_uint_lt (p.unit, s->sizes[p.layer]);
    }
  rs_net_free (net);
}
END_TEST

/* Lookup errors on a 2-4-3 net (ReLU hidden, identity output), with the
 * wording of net.c.  A name is a letter W, b or a, a layer of digits and
 * one (two for W) bracketed indices of digits, and nothing else. */
typedef struct {
  const char *name;
  const char *message;
} bad_name;

#define SYNTAX(n) \
  { n, "'" n "' is not a parameter name: names look like W1[0][1], b1[0] " \
       "or a1[0]" }

static const bad_name bad_names[] = {
  SYNTAX ("W1[0]"),
  SYNTAX ("x"),
  SYNTAX ("W1[0][1]x"),
  SYNTAX ("b01"),
  SYNTAX ("b01[0]"),
  SYNTAX ("W1[00][1]"),
  SYNTAX (""),
  SYNTAX ("b1[0][0]"),
  SYNTAX ("W1[-1][0]"),
  SYNTAX ("b1[+1]"),
  SYNTAX ("a1"),
  SYNTAX ("B1[0]"),
  SYNTAX ("W[0][0]"),
  SYNTAX (" b1[0]"),
  SYNTAX ("b1[0] "),
  SYNTAX ("b1[ 0]"),
  SYNTAX ("b1[0"),
  { "W3[0][0]", "W3[0][0]: the network has layers 1 to 2" },
  { "b0[0]", "b0[0]: the network has layers 1 to 2" },
  { "b1[9]", "b1[9]: layer 1 has units 0 to 3" },
  { "W2[3][0]", "W2[3][0]: layer 2 has units 0 to 2" },
  { "W1[4][0]", "W1[4][0]: layer 1 has units 0 to 3" },
  { "W2[0][4]", "W2[0][4]: layer 2 has inputs 0 to 3" },
  { "W1[0][2]", "W1[0][2]: layer 1 has inputs 0 to 1" },
  { "a1[0]", "a1[0]: layer 1 has no trainable slope (its activation is "
             "relu, not prelu)" },
  { "a2[1]", "a2[1]: layer 2 has no trainable slope (its activation is "
             "identity, not prelu)" },
};

#define N_BAD_NAMES (sizeof bad_names / sizeof bad_names[0])

START_TEST (test_lookup_errors)
{
  const size_t sizes[] = { 2, 4, 3 };
  rs_net *net = net_make (2, sizes, rs_act_relu, rs_act_identity);
  rs_error err;
  size_t i = 12345;

  rs_error_clear (&err);
  ck_assert_int_eq (rs_net_param_lookup (net, bad_names[_i].name, &i, &err),
                    RS_EINVAL);
  ck_assert_int_eq (err.code, RS_EINVAL);
  ck_assert_str_eq (err.message, bad_names[_i].message);
  ck_assert_int_eq (rs_net_set (net, bad_names[_i].name, 2.385, &err),
                    RS_EINVAL);
  ck_assert_str_eq (err.message, bad_names[_i].message);
  rs_net_free (net);
}
END_TEST

/* A NULL name is an error too, and a NULL error report is allowed. */
START_TEST (test_lookup_null)
{
  const size_t sizes[] = { 2, 4, 3 };
  rs_net *net = net_make (2, sizes, rs_act_relu, rs_act_identity);
  rs_error err;
  size_t i;

  ck_assert_int_eq (rs_net_param_lookup (net, NULL, &i, &err), RS_EINVAL);
  ck_assert_str_eq (err.message, "'(null)' is not a parameter name: names "
                    "look like W1[0][1], b1[0] or a1[0]");
  ck_assert_int_eq (rs_net_param_lookup (net, "b9[0]", &i, NULL), RS_EINVAL);
  rs_net_free (net);
}
END_TEST

/* rs_net_set writes the named entry (and only it) and refuses NaN and
 * +-Inf, leaving the value as it was. */
START_TEST (test_set_values)
{
  const size_t sizes[] = { 2, 4, 3 };
  rs_net *net = net_make (2, sizes, rs_act_relu, rs_act_identity);
  const double bad[] = { NAN, INFINITY, -INFINITY };
  const gsl_vector *th = rs_net_params_const (net);
  rs_error err;
  double sum = 0.0;

  setf (net, 2.385, "b1[0]");
  setf (net, -0.731, "W2[2][3]");
  /* b1[0] is at 4*2 = 8, W2[2][3] at 8 + 4 + 4*2 + 3 = 23 (layout). */
  ck_assert (gsl_vector_get (th, 8) == 2.385);
  ck_assert (gsl_vector_get (th, 23) == -0.731);
  for (size_t i = 0; i < th->size; i++)
    sum += fabs (gsl_vector_get (th, i));
  ck_assert_double_eq_tol (sum, 2.385 + 0.731, 1e-15);
  for (size_t k = 0; k < 3; k++)
    {
      ck_assert_int_eq (rs_net_set (net, "b1[0]", bad[k], &err), RS_EINVAL);
      ck_assert_str_eq (err.message,
                        "b1[0]: a parameter must be a finite number");
      ck_assert (gsl_vector_get (th, 8) == 2.385);
    }
  rs_net_free (net);
}
END_TEST

/* ---------------------------------------------------------------------
 * Init
 * ------------------------------------------------------------------- */

/* The random initialisers and their distributions: normal or uniform,
 * and the variance as a function of fan_in and fan_out. */
typedef struct {
  const char *name;
  int uniform;
  int he;   /* 1: 2 / fan_in (He), 0: 2 / (fan_in + fan_out) (Xavier) */
} init_case;

static const init_case init_cases[] = {
  { "he_normal", 0, 1 },
  { "he_uniform", 1, 1 },
  { "xavier_normal", 0, 0 },
  { "xavier_uniform", 1, 0 },
};

/* On a 64-64-32-64 net (fan_in, fan_out per layer: 64 64, 64 32, 32 64)
 * He and Xavier give different variances on every layer.  The weights w
 * of a layer (N = fan_in fan_out of them, 4096 or 2048) have mean 0, so
 * s2 = sum w^2 / N estimates sigma^2 without bias, with
 *   Var(s2) = (E w^4 - sigma^4) / N,
 * E w^4 = 3 sigma^4 for a normal (Var = 2 sigma^4 / N) and a^4 / 5 for
 * U(-a, a), with sigma^2 = a^2 / 3: (9/5 - 1) sigma^4 / N = 0.8 sigma^4 / N.
 * The mean has standard deviation sigma / sqrt(N).  Tolerances are 5
 * standard deviations; three fixed seeds keep the test deterministic.
 * A uniform layer stays within a = sqrt(3) sigma and gets above 0.99 a
 * (P(all below) = 0.99^2048 < 1e-8); a normal one gets beyond 2 sigma
 * (P(all within) = 0.9545^2048 < 1e-40), which tells the two apart. */
START_TEST (test_init_variance)
{
  const init_case *c = &init_cases[_i];
  const size_t sizes[] = { 64, 64, 32, 64 };
  const unsigned long seeds[] = { 11, 2385, 731 };
  rs_net *net = net_make (3, sizes, rs_act_relu, rs_act_relu);
  const gsl_vector *th = rs_net_params_const (net);
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);
  rs_error err;

  ck_assert_ptr_nonnull (rs_init_lookup (c->name));
  for (size_t s = 0; s < 3; s++)
    {
      gsl_rng_set (r, seeds[s]);
      ck_assert_int_eq (rs_net_init (net, rs_init_lookup (c->name), 0.0, 0.1,
                                     r, &err), RS_OK);
      for (size_t l = 1; l <= 3; l++)
        {
          size_t in = sizes[l - 1], out = sizes[l], N = in * out;
          double var = c->he ? 2.0 / (double) in
                             : 2.0 / (double) (in + out);
          double sd = sqrt (var), a = sqrt (3.0) * sd;
          double kurt = c->uniform ? 0.8 : 2.0;
          double m = 0.0, s2 = 0.0, big = 0.0;

          for (size_t j = 0; j < out; j++)
            for (size_t k = 0; k < in; k++)
              {
                double w = gsl_vector_get (th, rs_net_w_index (net, l, j, k));

                m += w;
                s2 += w * w;
                big = fmax (big, fabs (w));
              }
          m /= (double) N;
          s2 /= (double) N;
          ck_assert_double_eq_tol (s2, var, 5.0 * sqrt (kurt / N) * var);
          ck_assert_double_eq_tol (m, 0.0, 5.0 * sd / sqrt ((double) N));
          if (c->uniform)
            ck_assert (big <= a && big > 0.99 * a);
          else
            ck_assert (big > 2.0 * sd);
        }
    }
  gsl_rng_free (r);
  rs_net_free (net);
}
END_TEST

/* "constant" sets every weight to c and needs no generator; every bias
 * is the bias argument, here C9's 0.1. */
START_TEST (test_init_constant)
{
  const size_t sizes[] = { 3, 5, 2 };
  rs_net *net = net_make (2, sizes, rs_act_relu, rs_act_identity);
  rs_error err;

  ck_assert_int_eq (rs_net_init (net, rs_init_constant, 2.385, 0.1, NULL,
                                 &err), RS_OK);
  for (size_t i = 0; i < rs_net_nparams (net); i++)
    {
      rs_param_info p = rs_net_param_info (net, i);
      double v = gsl_vector_get (rs_net_params (net), i);

      ck_assert (v == (p.kind == RS_PARAM_WEIGHT ? 2.385 : 0.1));
    }
  rs_net_free (net);
}
END_TEST

/* Random initialisers set biases to the bias argument as well (C9: 0.1;
 * and an unround negative one). */
START_TEST (test_init_bias)
{
  const size_t sizes[] = { 3, 5, 4, 2 };
  const double bias[] = { 0.1, -0.731 };
  rs_net *net = net_make (3, sizes, rs_act_relu, rs_act_identity);
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);

  for (size_t q = 0; q < 2; q++)
    {
      gsl_rng_set (r, 17 + q);
      ck_assert_int_eq (rs_net_init (net, rs_init_he_normal, 0.0, bias[q], r,
                                     NULL), RS_OK);
      for (size_t l = 1; l <= 3; l++)
        for (size_t j = 0; j < sizes[l]; j++)
          ck_assert (gsl_vector_get (rs_net_params (net),
                                     rs_net_b_index (net, l, j)) == bias[q]);
    }
  gsl_rng_free (r);
  rs_net_free (net);
}
END_TEST

/* The same seed gives the same network, entry for entry; another seed
 * gives different weights (all of them, with probability 1). */
START_TEST (test_init_seed)
{
  const size_t sizes[] = { 2, 16, 16, 1 };
  rs_net *a = net_make (3, sizes, rs_act_relu, rs_act_identity);
  rs_net *b = net_make (3, sizes, rs_act_relu, rs_act_identity);
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);
  size_t same = 0;

  for (size_t t = 0; rs_init_types[t] != NULL; t++)
    {
      gsl_rng_set (r, 2385);
      rs_net_init (a, rs_init_types[t], 0.731, 0.1, r, NULL);
      gsl_rng_set (r, 2385);
      rs_net_init (b, rs_init_types[t], 0.731, 0.1, r, NULL);
      ck_assert (gsl_vector_equal (rs_net_params (a), rs_net_params (b)));
    }
  gsl_rng_set (r, 2385);
  rs_net_init (a, rs_init_he_normal, 0.0, 0.1, r, NULL);
  gsl_rng_set (r, 2386);
  rs_net_init (b, rs_init_he_normal, 0.0, 0.1, r, NULL);
  for (size_t i = 0; i < rs_net_nparams (a); i++)
    if (rs_net_param_info (a, i).kind == RS_PARAM_WEIGHT)
      same += gsl_vector_get (rs_net_params (a), i)
              == gsl_vector_get (rs_net_params (b), i);
  ck_assert_uint_eq (same, 0);
  gsl_rng_free (r);
  rs_net_free (a);
  rs_net_free (b);
}
END_TEST

/* PReLU slopes start at their layer's parameter: 0.25 by default (He et
 * al.), or what rs_net_set_param set, both at allocation (where weights
 * and biases are 0) and after rs_net_init, which also resets a slope set
 * by name. */
START_TEST (test_init_prelu)
{
  const size_t sizes[] = { 3, 5, 4, 2 };
  rs_net *net = net_make (3, sizes, rs_act_prelu, rs_act_prelu);
  const gsl_vector *th = rs_net_params_const (net);
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);
  rs_error err;

  for (size_t i = 0; i < rs_net_nparams (net); i++)
    ck_assert (gsl_vector_get (th, i)
               == (rs_net_param_info (net, i).kind == RS_PARAM_SLOPE ? 0.25
                                                                      : 0.0));
  ck_assert_int_eq (rs_net_set_param (net, 2, -0.173, &err), RS_OK);
  setf (net, 0.613, "a1[3]");
  gsl_rng_set (r, 5);
  ck_assert_int_eq (rs_net_init (net, rs_init_xavier_uniform, 0.0, 0.1, r,
                                 &err), RS_OK);
  for (size_t l = 1; l <= 3; l++)
    for (size_t j = 0; j < sizes[l]; j++)
      ck_assert (gsl_vector_get (th, rs_net_slope_index (net, l, j))
                 == (l == 2 ? -0.173 : 0.25));
  gsl_rng_free (r);
  rs_net_free (net);
}
END_TEST

/* A clone has the same spec (kink convention included) and parameters,
 * and its own copy of them. */
START_TEST (test_clone)
{
  const size_t sizes[] = { 2, 3, 2 };
  rs_net *net = net_make (2, sizes, rs_act_prelu, rs_act_identity), *c;
  rs_error err;

  setf (net, 2.385, "W1[2][1]");
  setf (net, -0.412, "a1[1]");
  ck_assert_int_eq (rs_net_set_kink (net, 0.375, &err), RS_OK);
  c = rs_net_clone (net, &err);
  ck_assert_ptr_nonnull (c);
  ck_assert (gsl_vector_equal (rs_net_params (net), rs_net_params (c)));
  ck_assert (rs_net_get_spec (c)->kink == 0.375);
  ck_assert_ptr_eq (rs_net_get_spec (c)->act[0], rs_act_prelu);
  setf (c, 0.731, "W1[2][1]");
  ck_assert (gsl_vector_get (rs_net_params (net), idx (net, "W1[2][1]"))
             == 2.385);
  rs_net_free (c);
  rs_net_free (net);
}
END_TEST

/* ---------------------------------------------------------------------
 * Forward
 * ------------------------------------------------------------------- */

/* A 2-3-2 net and four points, all unround. */
static const double fw_W1[3][2] = {
  { 2.385, -0.731 }, { -1.213, 0.417 }, { 0.593, 1.871 }
};
static const double fw_b1[3] = { 0.173, -0.291, -0.847 };
static const double fw_W2[2][3] = {
  { 1.137, -0.659, 0.281 }, { -0.443, 0.917, -1.529 }
};
static const double fw_b2[2] = { 0.211, -0.387 };
static const double fw_a1[3] = { 0.173, -0.412, 0.25 };  /* PReLU slopes */
static const double fw_a2[2] = { 0.337, -0.129 };
static const double fw_x[4][2] = {
  { 0.613, -0.271 }, { -1.094, 0.388 }, { 0.155, 1.742 }, { -0.419, -0.966 }
};

/* A 2-3-2 net whose parameters are set by name from the fw_ tables: the
 * hidden layer of family hf, the output of of (each with its unround
 * parameter; PReLU slopes per unit from fw_a1 and fw_a2). */
static rs_net *
forward_net (const family *hf, const family *of)
{
  const size_t sizes[] = { 2, 3, 2 };
  rs_net_spec spec;
  rs_net *net;

  rs_net_spec_init (&spec, 2, sizes, family_type (hf), family_type (of));
  spec.param[0] = hf->p;
  spec.param[1] = of->p;
  net = net_from_spec (&spec);
  for (size_t j = 0; j < 3; j++)
    {
      for (size_t k = 0; k < 2; k++)
        setf (net, fw_W1[j][k], "W1[%zu][%zu]", j, k);
      setf (net, fw_b1[j], "b1[%zu]", j);
      if (family_type (hf)->trainable)
        setf (net, fw_a1[j], "a1[%zu]", j);
    }
  for (size_t c = 0; c < 2; c++)
    {
      for (size_t j = 0; j < 3; j++)
        setf (net, fw_W2[c][j], "W2[%zu][%zu]", c, j);
      setf (net, fw_b2[c], "b2[%zu]", c);
      if (family_type (of)->trainable)
        setf (net, fw_a2[c], "a2[%zu]", c);
    }
  return net;
}

/* The forward pass against the formula written out:
 *   z1_j = W1[j][0] x0 + W1[j][1] x1 + b1[j],  a1_j = f(z1_j; p_j),
 *   z2_c = sum_j W2[c][j] a1_j + b2[c],        o_c = g(z2_c; q_c)
 * for every family in the hidden layer, with an identity output (loop
 * 0..7) and with the same family on the output (8..15).  The workspace
 * keeps z and a unit by unit: [j * n + i]. */
START_TEST (test_forward)
{
  const family *hf = &families[_i % N_FAMILIES];
  const family *of = _i < (int) N_FAMILIES ? &families[0] : hf;
  int hpre = family_type (hf)->trainable, opre = family_type (of)->trainable;
  rs_net *net = forward_net (hf, of);
  rs_net_workspace *w = ws_make (net, 6);
  const size_t n = 4;

  ck_assert_int_eq (rs_net_forward (net, &fw_x[0][0], n, w), RS_OK);
  ck_assert_uint_eq (rs_net_workspace_n (w), n);
  for (size_t i = 0; i < n; i++)
    {
      double a1[3];

      for (size_t k = 0; k < 2; k++)
        ck_assert (rs_net_workspace_a (w, 0)[k * n + i] == fw_x[i][k]);
      for (size_t j = 0; j < 3; j++)
        {
          double z = fw_W1[j][0] * fw_x[i][0] + fw_W1[j][1] * fw_x[i][1]
                     + fw_b1[j];

          a1[j] = hf->ref (z, hpre ? fw_a1[j] : hf->p);
          ck_assert_double_eq_tol (rs_net_workspace_z (w, 1)[j * n + i], z,
                                   1e-13);
          ck_assert_double_eq_tol (rs_net_workspace_a (w, 1)[j * n + i],
                                   a1[j], 1e-13);
        }
      for (size_t c = 0; c < 2; c++)
        {
          double z = fw_W2[c][0] * a1[0] + fw_W2[c][1] * a1[1]
                     + fw_W2[c][2] * a1[2] + fw_b2[c];
          double o = of->ref (z, opre ? fw_a2[c] : of->p);

          ck_assert_double_eq_tol (rs_net_workspace_z (w, 2)[c * n + i], z,
                                   1e-13);
          ck_assert_double_eq_tol (rs_net_output (w)[c * n + i], o, 1e-13);
        }
    }
  ck_assert_ptr_eq (rs_net_output (w), rs_net_workspace_a (w, 2));
  ck_assert_ptr_null (rs_net_workspace_z (w, 0));
  ck_assert_ptr_null (rs_net_workspace_z (w, 3));
  rs_net_workspace_free (w);
  rs_net_free (net);
}
END_TEST

/* A 1-4-1 net on five points, by hand (exact binary fractions):
 *   unit 0: z = 1.5 x - 0.75      x = 0.5 -1.25 1.375 -0.875 2
 *           z =    0  -2.625 1.3125 -2.0625 2.25   active 2, kink 1
 *   unit 1: z = -0.625 x + 0.3125
 *           z =    0  1.09375 -0.546875 0.859375 -0.9375  active 2, kink 1
 *   unit 2: z = 0.5 x - 1.25
 *           z =   -1  -1.875 -0.5625 -1.6875 -0.25  active 0: dead
 *   unit 3: z = 0 x + 0 = 0 everywhere               active 0, kinks 5: dead
 * Active (z > 0) and dead do not depend on the family; kinks are counted
 * only for families with a kink at 0.  Output (identity), with
 * a0 = (0 0 1.3125 0 2.25), a1 = (0 1.09375 0 0.859375 0) under ReLU:
 *   o = 0.731 a0 - 0.417 a1 + 2.385 a2 + 1.213 a3 - 0.05,
 * positive at points 3 and 5 only for ReLU (the other families give
 * a2, a3 != 0 and are not counted here). */
START_TEST (test_activity)
{
  const family *f = &families[_i];
  const size_t sizes[] = { 1, 4, 1 };
  const double W1[] = { 1.5, -0.625, 0.5, 0.0 };
  const double b1[] = { -0.75, 0.3125, -1.25, 0.0 };
  const double x[] = { 0.5, -1.25, 1.375, -0.875, 2.0 };
  const size_t act[] = { 2, 2, 0, 0 }, kinks[] = { 1, 1, 0, 5 };
  const double W2[] = { 0.731, -0.417, 2.385, 1.213 };
  rs_net_spec spec;
  rs_net *net;
  rs_net_workspace *w;
  size_t on[4], kk[4], oon, okk;

  rs_net_spec_init (&spec, 2, sizes, family_type (f), rs_act_identity);
  spec.param[0] = f->p;
  net = net_from_spec (&spec);
  for (size_t j = 0; j < 4; j++)
    {
      setf (net, W1[j], "W1[%zu][0]", j);
      setf (net, b1[j], "b1[%zu]", j);
      setf (net, W2[j], "W2[0][%zu]", j);
    }
  setf (net, -0.05, "b2[0]");
  w = ws_make (net, 5);
  ck_assert_int_eq (rs_net_forward (net, x, 5, w), RS_OK);
  rs_net_activity (net, w, 1, on, kk);
  for (size_t j = 0; j < 4; j++)
    {
      ck_assert_uint_eq (on[j], act[j]);
      ck_assert_uint_eq (kk[j], f->kinked ? kinks[j] : 0);
    }
  ck_assert_uint_eq (rs_net_dead_units (net, w), 2);
  ck_assert_int_eq (rs_net_on_kink (net, w, 1, 0, 0), f->kinked);
  ck_assert_int_eq (rs_net_on_kink (net, w, 1, 1, 0), f->kinked);
  ck_assert_int_eq (rs_net_on_kink (net, w, 1, 0, 1), 0);
  ck_assert_int_eq (rs_net_on_kink (net, w, 1, 3, 4), f->kinked);
  ck_assert_int_eq (rs_net_on_kink (net, w, 2, 0, 2), 0);
  ck_assert_int_eq (rs_net_on_kink (net, w, 1, 4, 0), 0);
  ck_assert_int_eq (rs_net_on_kink (net, w, 1, 0, 5), 0);
  ck_assert_int_eq (rs_net_on_kink (net, w, 3, 0, 0), 0);
  rs_net_activity (net, w, 2, &oon, NULL);
  rs_net_activity (net, w, 2, NULL, &okk);
  ck_assert_uint_eq (okk, 0);
  if (strcmp (f->name, "relu") == 0)
    ck_assert_uint_eq (oon, 2);
  rs_net_workspace_free (w);
  rs_net_free (net);
}
END_TEST

/* A smaller batch than the workspace holds, after a larger one, reads
 * only its own points: the same values as a workspace of its own size. */
START_TEST (test_forward_batch_sizes)
{
  rs_net *net = forward_net (&families[3], &families[0]);
  rs_net_workspace *big = ws_make (net, 4), *small = ws_make (net, 2);

  ck_assert_int_eq (rs_net_forward (net, &fw_x[0][0], 4, big), RS_OK);
  ck_assert_int_eq (rs_net_forward (net, &fw_x[1][0], 2, big), RS_OK);
  ck_assert_int_eq (rs_net_forward (net, &fw_x[1][0], 2, small), RS_OK);
  ck_assert_uint_eq (rs_net_workspace_n (big), 2);
  for (size_t q = 0; q < 4; q++)
    ck_assert (rs_net_output (big)[q] == rs_net_output (small)[q]);
  rs_net_workspace_free (big);
  rs_net_workspace_free (small);
  rs_net_free (net);
}
END_TEST

/* ---------------------------------------------------------------------
 * Gradient
 * ------------------------------------------------------------------- */

/* The losses and the number of outputs each is checked with. */
typedef struct {
  const char *name;
  size_t k;
} loss_case;

static const loss_case loss_cases[] = {
  { "mse", 2 }, { "softmax_ce", 3 }, { "relu_norm_ce", 3 },
  { "sigmoid_bce", 1 },
};

#define N_LOSSES (sizeof loss_cases / sizeof loss_cases[0])
#define GRAD_N 9

/* Whether every pre-activation of the last forward pass is at least
 * 1e-3 away from 0 (kinks of ReLU, Leaky ReLU, PReLU and ELU, and of the
 * max(z, 0) inside relu_norm_ce), and for relu_norm_ce every score
 * positive, so that the loss is finite and smooth around theta. */
static int
away_from_kinks (const rs_net *net, const rs_net_workspace *w, int positive)
{
  size_t n = rs_net_workspace_n (w), L = rs_net_layers (net);

  for (size_t l = 1; l <= L; l++)
    for (size_t q = 0; q < rs_net_units (net, l) * n; q++)
      {
        double z = rs_net_workspace_z (w, l)[q];

        if (fabs (z) < 1e-3 || (positive && l == L && z <= 1e-3))
          return 0;
      }
  return 1;
}

/* Random inputs on [-1.5, 1.5]^2 and targets for the loss: reals on
 * [-1, 1] for mse, labels 0 .. k-1 for the classifiers, values on
 * [0, 1] for the binary cross-entropy (with 0 and 1 themselves). */
static void
grad_data (gsl_rng *r, const loss_case *lc, double *x, double *y)
{
  for (size_t i = 0; i < GRAD_N; i++)
    {
      x[2 * i] = gsl_ran_flat (r, -1.5, 1.5);
      x[2 * i + 1] = gsl_ran_flat (r, -1.5, 1.5);
      if (strcmp (lc->name, "mse") == 0)
        for (size_t c = 0; c < lc->k; c++)
          y[i * lc->k + c] = gsl_ran_flat (r, -1.0, 1.0);
      else if (lc->k > 1)
        y[i] = (double) gsl_rng_uniform_int (r, lc->k);
      else
        y[i] = i < 2 ? (double) i : gsl_rng_uniform (r);
    }
}

/* A 2-5-4-k net, hidden layers of family f; the output is f too for mse
 * and identity for the others (they take scores and logits).  He-normal
 * weights from seed, biases 0.1, PReLU slopes spread over [-0.35, 0.5];
 * relu_norm_ce's output biases raised by 4.117 so that scores are
 * positive. */
static rs_net *
grad_net (const family *f, const loss_case *lc, gsl_rng *r)
{
  const size_t sizes[] = { 2, 5, 4, lc->k };
  int mse = strcmp (lc->name, "mse") == 0;
  rs_net_spec spec;
  rs_net *net;

  rs_net_spec_init (&spec, 3, sizes, family_type (f),
                    mse ? family_type (f) : rs_act_identity);
  for (size_t l = 0; l < 3; l++)
    spec.param[l] = l < 2 || mse ? f->p : 0.0;
  net = net_from_spec (&spec);
  ck_assert_int_eq (rs_net_init (net, rs_init_he_normal, 0.0, 0.1, r, NULL),
                    RS_OK);
  for (size_t l = 1; l <= 3; l++)
    for (size_t j = 0; j < sizes[l]; j++)
      {
        size_t s = rs_net_slope_index (net, l, j);

        if (s != (size_t) -1)
          gsl_vector_set (rs_net_params (net), s,
                          -0.35 + 0.137 * (double) j + 0.05 * (double) l);
        if (strcmp (lc->name, "relu_norm_ce") == 0 && l == 3)
          gsl_vector_set (rs_net_params (net), rs_net_b_index (net, 3, j),
                          0.1 + 4.117);
      }
  return net;
}

/* Back-propagation against central differences, for every loss with
 * every activation (loop index = loss * 8 + family).  With h = 1e-6 the
 * truncation error h^2 L''' / 6 is near 1e-13 and the rounding error
 * eps |L| / h near 1e-10, so max_i |g_i - fd_i| / max(1, |fd_i|) below
 * 1e-6 leaves a wide margin while any wrong term (a factor, a sign, a
 * missing slope) is of order 1e-2 or more.  Seeds are tried in turn until
 * no pre-activation is within 1e-3 of a kink (a step of h moves z by at
 * most about 1e-5). */
START_TEST (test_gradient)
{
  const loss_case *lc = &loss_cases[_i / N_FAMILIES];
  const family *f = &families[_i % N_FAMILIES];
  const rs_loss_type *t = rs_loss_lookup (lc->name);
  double x[2 * GRAD_N], y[3 * GRAD_N], err = 0.0, gmax = 0.0;
  size_t ydim = strcmp (lc->name, "mse") == 0 ? lc->k : 1;
  rs_data d = data_view (GRAD_N, 2, ydim, ydim == 1 && lc->k > 1 ? lc->k : 0,
                         x, y);
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);
  rs_net *net = NULL;
  rs_net_workspace *w = NULL;
  gsl_vector *g;
  unsigned long seed;

  ck_assert_ptr_nonnull (t);
  for (seed = 1; seed <= 100; seed++)
    {
      rs_net_free (net);
      rs_net_workspace_free (w);
      gsl_rng_set (r, seed);
      grad_data (r, lc, x, y);
      net = grad_net (f, lc, r);
      w = ws_make (net, GRAD_N + 3);
      ck_assert_int_eq (rs_net_forward (net, x, GRAD_N, w), RS_OK);
      if (away_from_kinks (net, w, strcmp (lc->name, "relu_norm_ce") == 0))
        break;
    }
  ck_assert_uint_le (seed, 100);
  ck_assert_int_eq (rs_loss_check (t, lc->k, &d, NULL), RS_OK);
  g = gsl_vector_alloc (rs_net_nparams (net));
  loss_grad (net, t, &d, w, g);
  for (size_t i = 0; i < rs_net_nparams (net); i++)
    {
      double fd = loss_fd (net, t, &d, w, i, 1e-6);
      double gi = gsl_vector_get (g, i);

      err = fmax (err, fabs (gi - fd) / fmax (1.0, fabs (fd)));
      gmax = fmax (gmax, fabs (gi));
    }
  ck_assert_msg (err < 1e-6, "%s with %s: relative error %g", lc->name,
                 f->name, err);
  ck_assert (gmax > 1e-3);
  gsl_vector_free (g);
  gsl_rng_free (r);
  rs_net_workspace_free (w);
  rs_net_free (net);
}
END_TEST

/* rs_net_backward on its own: with dout = the derivative of
 * sum_c sum_i u_ci o_ci for fixed unround weights u, the gradient is the
 * derivative of that sum, measured by central differences (tanh hidden
 * layer, PReLU output, so that every kind of parameter takes part). */
START_TEST (test_backward_direct)
{
  rs_net *net = forward_net (&families[2], &families[7]);
  rs_net_workspace *w = ws_make (net, 4);
  const double u[8] = { 0.731, -2.385, 0.417, 1.129,
                        -0.593, 0.211, 1.871, -0.659 };
  gsl_vector *g = gsl_vector_alloc (rs_net_nparams (net));
  gsl_vector *th = rs_net_params (net);
  const double h = 1e-6;

  ck_assert_int_eq (rs_net_forward (net, &fw_x[0][0], 4, w), RS_OK);
  ck_assert_int_eq (rs_net_backward (net, w, u, g), RS_OK);
  for (size_t p = 0; p < th->size; p++)
    {
      double t0 = gsl_vector_get (th, p), s[2] = { 0.0, 0.0 };

      for (int side = 0; side < 2; side++)
        {
          gsl_vector_set (th, p, t0 + (side ? -h : h));
          rs_net_forward (net, &fw_x[0][0], 4, w);
          for (size_t q = 0; q < 8; q++)
            s[side] += u[q] * rs_net_output (w)[q];
        }
      gsl_vector_set (th, p, t0);
      ck_assert_double_eq_tol (gsl_vector_get (g, p), (s[0] - s[1]) / (2 * h),
                               1e-7);
    }
  gsl_vector_free (g);
  rs_net_workspace_free (w);
  rs_net_free (net);
}
END_TEST

/* ---------------------------------------------------------------------
 * Concepts
 * ------------------------------------------------------------------- */

/* C1: sigma'(z) = s (1 - s) with s = 1 / (1 + e^-z) is at most 1/4, and
 * exactly 1/4 at 0 (u (1 - u) <= 1/4 with equality at u = 1/2): a grid of
 * exact binary steps over [-8, 8] that contains 0. */
START_TEST (test_c1_sigmoid_max)
{
  double best = 0.0, at = 1.0;

  for (int k = -2048; k <= 2048; k++)
    {
      double z = k * 0.00390625, s = 1.0 / (1.0 + exp (-z));
      double d = rs_act_deriv (rs_act_sigmoid, z, 0.0, 0.0);

      ck_assert_double_eq_tol (d, s * (1.0 - s), 1e-16);
      ck_assert (d <= 0.25);
      if (d > best)
        best = d, at = z;
    }
  ck_assert (best == 0.25);
  ck_assert (at == 0.0);
}
END_TEST

/* C1 through depth: an L-layer net of width 3, sigmoid on every layer
 * (the output too), one point x, dout = 1.  By the chain rule
 *   d o / d z_1 = D_L W_L D_(L-1) W_(L-1) ... W_2 D_1
 * with D_l = diag(sigma'(z_l)), each ||D_l|| <= 1/4 (C1), and the
 * operator norm of W_l at most its Frobenius norm, so
 *   ||d o / d b_1|| = ||d o / d z_1|| <= 4^-L prod_(l=2..L) ||W_l||_F
 * and, since d o / d W_1[j][k] = (d o / d z_1)_j x_k,
 *   ||d o / d W_1||_F <= 4^-L prod_(l=2..L) ||W_l||_F ||x||.
 * The weights are N(0, 1.7^2), the biases U(-1, 1), per L a seed. */
START_TEST (test_c1_depth)
{
  size_t L = (size_t) _i, sizes[RS_NET_MAX_LAYERS + 1];
  const double x[3] = { 0.613, -1.094, 0.388 }, dout = 1.0;
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);
  rs_net *net;
  rs_net_workspace *w;
  gsl_vector *g, *th;
  double bound = pow (0.25, (double) L), gb = 0.0, gw = 0.0;
  double xn = sqrt (x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);

  for (size_t l = 0; l <= L; l++)
    sizes[l] = l == L ? 1 : 3;
  net = net_make (L, sizes, rs_act_sigmoid, rs_act_sigmoid);
  th = rs_net_params (net);
  gsl_rng_set (r, 100 + L);
  for (size_t i = 0; i < th->size; i++)
    gsl_vector_set (th, i,
                    rs_net_param_info (net, i).kind == RS_PARAM_WEIGHT
                    ? gsl_ran_gaussian (r, 1.7) : gsl_ran_flat (r, -1, 1));
  for (size_t l = 2; l <= L; l++)
    {
      double f = 0.0;

      for (size_t j = 0; j < sizes[l]; j++)
        for (size_t k = 0; k < sizes[l - 1]; k++)
          f += pow (gsl_vector_get (th, rs_net_w_index (net, l, j, k)), 2);
      bound *= sqrt (f);
    }
  w = ws_make (net, 1);
  g = gsl_vector_alloc (th->size);
  ck_assert_int_eq (rs_net_forward (net, x, 1, w), RS_OK);
  ck_assert_int_eq (rs_net_backward (net, w, &dout, g), RS_OK);
  for (size_t j = 0; j < sizes[1]; j++)
    {
      gb += pow (gsl_vector_get (g, rs_net_b_index (net, 1, j)), 2);
      for (size_t k = 0; k < sizes[0]; k++)
        gw += pow (gsl_vector_get (g, rs_net_w_index (net, 1, j, k)), 2);
    }
  ck_assert (sqrt (gb) > 0.0);
  ck_assert_msg (sqrt (gb) <= bound * (1 + 1e-12), "L = %zu: %g > %g", L,
                 sqrt (gb), bound);
  ck_assert (sqrt (gw) <= bound * xn * (1 + 1e-12));
  gsl_vector_free (g);
  rs_net_workspace_free (w);
  gsl_rng_free (r);
  rs_net_free (net);
}
END_TEST

/* C1, the bound reached: a chain 1-1-...-1 of L sigmoid layers whose
 * biases put every z_l exactly at 0 (x = 0.75, b_1 = -0.75 w_1, then
 * a_l = 1/2 and b_l = -w_l / 2, all exact binary fractions), so every
 * sigma' is exactly 1/4 and
 *   d o / d b_1 = 4^-L prod_(l=2..L) w_l
 * exactly up to 8 layers; deeper, the 8 weights repeat and the products
 * round (one rounding of at most 2^-53 a multiplication, on both sides):
 * the gradient shrinks by 4 per layer, times the weights. */
START_TEST (test_c1_chain)
{
  const double wl[] = { 1.875, 2.375, -1.625, 3.125,
                        -2.875, 1.125, 2.625, -3.375 };
  size_t L = (size_t) _i, sizes[RS_NET_MAX_LAYERS + 1];
  const double x = 0.75, dout = 1.0;
  rs_net *net;
  rs_net_workspace *w;
  gsl_vector *g;
  double expect = pow (0.25, (double) L);

  for (size_t l = 0; l <= L; l++)
    sizes[l] = 1;
  net = net_make (L, sizes, rs_act_sigmoid, rs_act_sigmoid);
  for (size_t l = 1; l <= L; l++)
    {
      setf (net, wl[(l - 1) % 8], "W%zu[0][0]", l);
      setf (net, -wl[(l - 1) % 8] * (l == 1 ? x : 0.5), "b%zu[0]", l);
      if (l >= 2)
        expect *= wl[(l - 1) % 8];
    }
  w = ws_make (net, 1);
  g = gsl_vector_alloc (rs_net_nparams (net));
  ck_assert_int_eq (rs_net_forward (net, &x, 1, w), RS_OK);
  for (size_t l = 1; l <= L; l++)
    ck_assert (rs_net_workspace_z (w, l)[0] == 0.0);
  ck_assert_int_eq (rs_net_backward (net, w, &dout, g), RS_OK);
  ck_assert_double_eq_tol (gsl_vector_get (g, idx (net, "b1[0]")), expect,
                           (1e-15 + 2.3e-16 * (double) L) * fabs (expect));
  ck_assert_double_eq_tol (gsl_vector_get (g, idx (net, "W1[0][0]")),
                           expect * x,
                           (1e-15 + 2.3e-16 * (double) L) * fabs (expect));
  gsl_vector_free (g);
  rs_net_workspace_free (w);
  rs_net_free (net);
}
END_TEST

/* C4: a 2-4-1 net (ReLU hidden, identity output, MSE) on six points in
 * [-1.5, 1.5]^2 whose unit 2 has bias -49.731: z <= 0.847 * 1.5 +
 * 0.291 * 1.5 - 49.731 < 0 at every point, so it outputs 0 and relu' = 0
 * there: the gradient of W1[2][*] and b1[2] is exactly 0 (every term is
 * a product with relu'(z) = 0), and so is W2[0][2]'s (every term has
 * a_2 = 0).  The other units are active somewhere (counted here by the
 * formula z = W1 x + b1 > 0), so their gradients are not 0.  With Leaky
 * ReLU (C8) the same unit gets slope alpha and a gradient that matches
 * central differences. */
static const double c4_W1[4][2] = {
  { 1.213, -0.731 }, { -0.593, 1.417 }, { 0.847, 0.291 }, { -1.129, -0.659 }
};
static const double c4_b1[4] = { 0.173, 0.211, -49.731, 0.387 };
static const double c4_W2[4] = { 0.937, -1.281, 2.385, 0.533 };
static double c4_x[12] = {
  0.613, -0.271, -1.094, 0.388, 0.155, 1.342,
  -0.419, -0.966, 1.277, 0.804, -1.381, -1.173
};
static double c4_y[6] = { 0.731, -0.415, 1.213, 0.093, 2.385, -1.137 };

static rs_net *
c4_net (const rs_act_type *hidden)
{
  const size_t sizes[] = { 2, 4, 1 };
  rs_net *net = net_make (2, sizes, hidden, rs_act_identity);

  if (hidden == rs_act_leaky_relu)
    ck_assert_int_eq (rs_net_set_param (net, 1, 0.137, NULL), RS_OK);
  for (size_t j = 0; j < 4; j++)
    {
      for (size_t k = 0; k < 2; k++)
        setf (net, c4_W1[j][k], "W1[%zu][%zu]", j, k);
      setf (net, c4_b1[j], "b1[%zu]", j);
      setf (net, c4_W2[j], "W2[0][%zu]", j);
    }
  setf (net, -0.127, "b2[0]");
  return net;
}

START_TEST (test_c4_dead_unit)
{
  rs_net *net = c4_net (rs_act_relu);
  rs_net_workspace *w = ws_make (net, 6);
  rs_data d = data_view (6, 2, 1, 0, c4_x, c4_y);
  gsl_vector *g = gsl_vector_alloc (rs_net_nparams (net));
  size_t on[4];
  const double kinks[] = { 0.0, 1.0 };

  for (size_t q = 0; q < 2; q++)
    {
      ck_assert_int_eq (rs_net_set_kink (net, kinks[q], NULL), RS_OK);
      loss_grad (net, rs_loss_mse_type, &d, w, g);
      rs_net_activity (net, w, 1, on, NULL);
      for (size_t j = 0; j < 4; j++)
        {
          size_t expect = 0;

          for (size_t i = 0; i < 6; i++)
            expect += c4_W1[j][0] * c4_x[2 * i] + c4_W1[j][1] * c4_x[2 * i + 1]
                      + c4_b1[j] > 0.0;
          ck_assert_uint_eq (on[j], expect);
          ck_assert_uint_eq (expect == 0, j == 2);
          for (size_t k = 0; k < 2; k++)
            ck_assert ((gsl_vector_get (g, rs_net_w_index (net, 1, j, k))
                        == 0.0) == (j == 2));
          ck_assert ((gsl_vector_get (g, rs_net_b_index (net, 1, j)) == 0.0)
                     == (j == 2));
          ck_assert ((gsl_vector_get (g, rs_net_w_index (net, 2, 0, j))
                      == 0.0) == (j == 2));
        }
      ck_assert_uint_eq (rs_net_dead_units (net, w), 1);
    }
  gsl_vector_free (g);
  rs_net_workspace_free (w);
  rs_net_free (net);
}
END_TEST

START_TEST (test_c4_leaky_revives)
{
  rs_net *net = c4_net (rs_act_leaky_relu);
  rs_net_workspace *w = ws_make (net, 6);
  rs_data d = data_view (6, 2, 1, 0, c4_x, c4_y);
  gsl_vector *g = gsl_vector_alloc (rs_net_nparams (net));
  const char *names[] = { "W1[2][0]", "W1[2][1]", "b1[2]", "W2[0][2]" };

  loss_grad (net, rs_loss_mse_type, &d, w, g);
  for (size_t q = 0; q < 4; q++)
    {
      size_t i = idx (net, names[q]);
      double fd = loss_fd (net, rs_loss_mse_type, &d, w, i, 1e-6);

      ck_assert (gsl_vector_get (g, i) != 0.0);
      ck_assert_double_eq_tol (gsl_vector_get (g, i), fd, 1e-7);
    }
  gsl_vector_free (g);
  rs_net_workspace_free (w);
  rs_net_free (net);
}
END_TEST

/* Evaluate loss family t on one point's scores s[0..k-1] with label y. */
static int
eval_point (const rs_loss_type *t, const double *s, size_t k, double y,
            double *loss, double *dout, rs_error *err)
{
  return t->eval (s, k, 1, &y, 1, loss, dout, err);
}

/* C12, softmax on extreme scores, by hand.  For z = (1000, -1000, 0)
 * with the largest subtracted, logsumexp = 1000 + log(1 + e^-2000 +
 * e^-1000) and -log p_y = logsumexp - z_y: label 0 gives
 * log(1 + e^-1000 + e^-2000) (0 to rounding), label 1 gives 2000 and
 * label 2 gives 1000, all finite; the gradient is p - onehot with
 * p = (1, e^-2000, e^-1000) / (1 + e^-1000 + e^-2000) -- which rounds to
 * (1, 0, 0): a misclassified point still gets the gradient (1, -1, 0). */
START_TEST (test_c12_softmax_extreme)
{
  const double s[3] = { 1000.0, -1000.0, 0.0 };
  const double zsum = 1.0 + exp (-1000.0) + exp (-2000.0);
  const double p[3] = { 1.0 / zsum, exp (-2000.0) / zsum,
                        exp (-1000.0) / zsum };
  const double expect[3] = { log (zsum), 2000.0 + log (zsum),
                             1000.0 + log (zsum) };
  double loss, dout[3];

  for (size_t y = 0; y < 3; y++)
    {
      ck_assert_int_eq (eval_point (rs_loss_softmax_ce, s, 3, (double) y,
                                    &loss, dout, NULL), RS_OK);
      ck_assert (isfinite (loss));
      ck_assert_double_eq_tol (loss, expect[y], 1e-12);
      for (size_t c = 0; c < 3; c++)
        ck_assert_double_eq_tol (dout[c], p[c] - (c == y), 1e-15);
    }
}
END_TEST

/* C12: scores all far below 0, (-1000, -1001.5, -998.75), label 1.
 * Shifting by the largest, -998.75: p = (e^-1.25, e^-2.75, 1) / S with
 * S = 1 + e^-1.25 + e^-2.75, all strictly positive, and
 * -log p_1 = 2.75 + log S.  Scores near 1000 carry an absolute rounding
 * error near 1e-13, hence the tolerance 1e-12. */
START_TEST (test_c12_softmax_negative)
{
  const double s[3] = { -1000.0, -1001.5, -998.75 };
  const double S = 1.0 + exp (-1.25) + exp (-2.75);
  const double p[3] = { exp (-1.25) / S, exp (-2.75) / S, 1.0 / S };
  double loss, dout[3];

  ck_assert_int_eq (eval_point (rs_loss_softmax_ce, s, 3, 1.0, &loss, dout,
                                NULL), RS_OK);
  ck_assert_double_eq_tol (loss, 2.75 + log (S), 1e-12);
  for (size_t c = 0; c < 3; c++)
    {
      ck_assert (dout[c] + (c == 1) > 0.0);
      ck_assert_double_eq_tol (dout[c], p[c] - (c == 1), 1e-12);
    }
}
END_TEST

/* C12: where ReLU + normalisation gives p_y = 0, softmax on the same
 * scores (2.385, -0.731, 1.213), label 1, keeps p_1 > 0, a finite loss
 * log(e^2.385 + e^-0.731 + e^1.213) + 0.731 and a non-zero gradient. */
START_TEST (test_c12_softmax_positive)
{
  const double s[3] = { 2.385, -0.731, 1.213 };
  const double S = exp (2.385) + exp (-0.731) + exp (1.213);
  double loss, dout[3];

  ck_assert_int_eq (eval_point (rs_loss_softmax_ce, s, 3, 1.0, &loss, dout,
                                NULL), RS_OK);
  ck_assert_double_eq_tol (loss, log (S) + 0.731, 1e-13);
  ck_assert (dout[1] + 1.0 > 0.0);
  ck_assert_double_eq_tol (dout[1], exp (-0.731) / S - 1.0, 1e-15);
  ck_assert_double_eq_tol (dout[0], exp (2.385) / S, 1e-15);
}
END_TEST

/* C12, ReLU then normalise, two points laid out [class][point]:
 *   point 1: scores (2.385, -0.731, 1.213), label 0:
 *     r = (2.385, 0, 1.213), S = 3.598, loss -log(2.385 / 3.598);
 *     d/dz_c (log S - log r_0) = [z_c > 0] / S - [c = 0] / r_0:
 *     (1/3.598 - 1/2.385, 0, 1/3.598), each / n = 2;
 *   point 2: scores (0.417, -0.593, 1.871), label 1: r_1 = 0, p_1 = 0,
 *     the loss is +inf (so is the mean) and its gradient is 0: RS_EDOMAIN,
 *     the message naming point 2. */
START_TEST (test_c12_relu_norm)
{
  const double out[6] = { 2.385, 0.417, -0.731, -0.593, 1.213, 1.871 };
  const double y[2] = { 0.0, 1.0 };
  const double S = 2.385 + 1.213;
  const double g1[3] = { (1.0 / S - 1.0 / 2.385) / 2, 0.0, 1.0 / S / 2 };
  double loss = 0.0, dout[6];
  rs_error err;

  rs_error_clear (&err);
  ck_assert_int_eq (rs_loss_relu_norm_ce->eval (out, 3, 2, y, 1, &loss, dout,
                                                &err), RS_EDOMAIN);
  ck_assert_int_eq (err.code, RS_EDOMAIN);
  ck_assert (isinf (loss) && loss > 0.0);
  ck_assert_ptr_nonnull (strstr (err.message, "point 2"));
  for (size_t c = 0; c < 3; c++)
    {
      ck_assert (dout[c * 2 + 1] == 0.0);
      ck_assert_double_eq_tol (dout[c * 2], g1[c], 1e-15);
    }
  /* Point 1 alone is finite: -log(2.385 / 3.598). */
  ck_assert_int_eq (eval_point (rs_loss_relu_norm_ce,
                                (const double[]) { 2.385, -0.731, 1.213 }, 3,
                                0.0, &loss, dout, NULL), RS_OK);
  ck_assert_double_eq_tol (loss, -log (2.385 / S), 1e-14);
}
END_TEST

/* relu_norm_ce with every score positive, (2.385, 0.731, 1.213), label
 * 2: -log(1.213 / 4.329); its gradient against central differences of
 * that formula in each score. */
START_TEST (test_c12_relu_norm_positive)
{
  double s[3] = { 2.385, 0.731, 1.213 }, loss, dout[3];
  const double h = 1e-6;

  ck_assert_int_eq (eval_point (rs_loss_relu_norm_ce, s, 3, 2.0, &loss, dout,
                                NULL), RS_OK);
  ck_assert_double_eq_tol (loss, -log (1.213 / (2.385 + 0.731 + 1.213)),
                           1e-14);
  for (size_t c = 0; c < 3; c++)
    {
      double sp[3] = { s[0], s[1], s[2] }, sm[3] = { s[0], s[1], s[2] };

      sp[c] += h;
      sm[c] -= h;
      ck_assert_double_eq_tol (dout[c],
                               (-log (sp[2] / (sp[0] + sp[1] + sp[2]))
                                + log (sm[2] / (sm[0] + sm[1] + sm[2])))
                               / (2 * h), 1e-8);
    }
}
END_TEST

/* A true-class score of exactly 0 is p_y = 0 too ("<= 0"); the error
 * names point 1 and class 0. */
START_TEST (test_c12_relu_norm_zero)
{
  const double s[3] = { 0.0, 1.5, 2.0 };
  double loss, dout[3] = { 7.0, 7.0, 7.0 };
  rs_error err;

  ck_assert_int_eq (eval_point (rs_loss_relu_norm_ce, s, 3, 0.0, &loss, dout,
                                &err), RS_EDOMAIN);
  ck_assert (isinf (loss));
  ck_assert_ptr_nonnull (strstr (err.message, "point 1"));
  for (size_t c = 0; c < 3; c++)
    ck_assert (dout[c] == 0.0);
}
END_TEST

/* Through a network: rs_loss_net passes RS_EDOMAIN on, with the loss
 * +inf and the gradient filled, the offending point contributing 0.  A
 * 1-3 identity layer, W = (1.5, -0.75, 0.5), b = (0.25, 0.125, -0.375):
 * at x = 2.385 the scores are (3.8275, -1.66375, 0.8175); label 1 has
 * score < 0 so the loss is infinite and no gradient reaches any weight:
 * every entry is exactly 0. */
START_TEST (test_c12_relu_norm_net)
{
  const size_t sizes[] = { 1, 3 };
  rs_net *net = net_make (1, sizes, rs_act_identity, rs_act_identity);
  rs_net_workspace *w = ws_make (net, 1);
  double x = 2.385, y = 1.0, v;
  rs_data d = data_view (1, 1, 1, 3, &x, &y);
  gsl_vector *g = gsl_vector_alloc (rs_net_nparams (net));
  rs_error err;

  setf (net, 1.5, "W1[0][0]");
  setf (net, -0.75, "W1[1][0]");
  setf (net, 0.5, "W1[2][0]");
  setf (net, 0.25, "b1[0]");
  setf (net, 0.125, "b1[1]");
  setf (net, -0.375, "b1[2]");
  ck_assert_int_eq (rs_loss_net (net, rs_loss_relu_norm_ce, &d, w, &v, g,
                                 &err), RS_EDOMAIN);
  ck_assert (isinf (v));
  ck_assert_ptr_nonnull (strstr (err.message, "point 1"));
  for (size_t i = 0; i < g->size; i++)
    ck_assert (gsl_vector_get (g, i) == 0.0);
  y = 0.0;
  ck_assert_int_eq (rs_loss_net (net, rs_loss_relu_norm_ce, &d, w, &v, g,
                                 &err), RS_OK);
  ck_assert_double_eq_tol (v, -log (3.8275 / (3.8275 + 0.8175)), 1e-14);
  gsl_vector_free (g);
  rs_net_workspace_free (w);
  rs_net_free (net);
}
END_TEST

/* ---------------------------------------------------------------------
 * Hull
 * ------------------------------------------------------------------- */

/* C3 by hand.  A 1-2-1 net, ReLU hidden, identity output, MSE, n = 4:
 *   z0 = 1.5 x - 0.75,  z1 = -0.625 x - 0.78125,
 *   o = v0 a0 + v1 a1 + c,  v0 = 2.385, v1 = -1.137, c = 0.173,
 * at x = (-1.75, -1.25, 0.5, 1.375), y = (0.731, -0.415, 1.213, 2.385):
 *   z0 = (-3.375, -2.625, 0, 1.3125)      kink at point 3
 *   z1 = (0.3125, 0, -1.09375, -1.640625) kink at point 2
 *   a0 = (0, 0, 0, 1.3125), a1 = (0.3125, 0, 0, 0),
 *   o = (0.3125 v1 + c, c, c, 1.3125 v0 + c), e_i = 2 (o_i - y_i) / 4.
 * With slope s for unit 0 at point 3 and t for unit 1 at point 2:
 *   dW1[0][0] = v0 (1.375 e_4 + 0.5 s e_3)   db1[0] = v0 (e_4 + s e_3)
 *   dW1[1][0] = v1 (-1.75 e_1 - 1.25 t e_2)  db1[1] = v1 (e_1 + t e_2)
 *   dW2[0][0] = 1.3125 e_4   dW2[0][1] = 0.3125 e_1
 *   db2[0] = e_1 + e_2 + e_3 + e_4
 * Each is base + s k or base + t k, so over s, t in [0, 1] the hull is
 * [base + min(0, k), base + max(0, k)]; s = t = 0 (the default
 * convention) gives base, s = t = 1 gives base + k. */
START_TEST (test_hull_hand)
{
  const size_t sizes[] = { 1, 2, 1 };
  const double v0 = 2.385, v1 = -1.137, c = 0.173;
  double x[4] = { -1.75, -1.25, 0.5, 1.375 };
  double y[4] = { 0.731, -0.415, 1.213, 2.385 };
  const double o[4] = { 0.3125 * v1 + c, c, c, 1.3125 * v0 + c };
  const char *names[7] = { "W1[0][0]", "b1[0]", "W1[1][0]", "b1[1]",
                           "W2[0][0]", "W2[0][1]", "b2[0]" };
  double e[4], base[7], k[7];
  rs_net *net = net_make (2, sizes, rs_act_relu, rs_act_identity);
  rs_net_workspace *w = ws_make (net, 4);
  rs_data d = data_view (4, 1, 1, 0, x, y);
  gsl_vector *lo = gsl_vector_alloc (7), *hi = gsl_vector_alloc (7);
  gsl_vector *g = gsl_vector_alloc (7);
  size_t kp = 99;
  int exact = -1;

  for (size_t i = 0; i < 4; i++)
    e[i] = 2.0 * (o[i] - y[i]) / 4.0;
  base[0] = v0 * 1.375 * e[3], k[0] = v0 * 0.5 * e[2];
  base[1] = v0 * e[3], k[1] = v0 * e[2];
  base[2] = v1 * -1.75 * e[0], k[2] = v1 * -1.25 * e[1];
  base[3] = v1 * e[0], k[3] = v1 * e[1];
  base[4] = 1.3125 * e[3], k[4] = 0.0;
  base[5] = 0.3125 * e[0], k[5] = 0.0;
  base[6] = e[0] + e[1] + e[2] + e[3], k[6] = 0.0;
  setf (net, 1.5, "W1[0][0]");
  setf (net, -0.75, "b1[0]");
  setf (net, -0.625, "W1[1][0]");
  setf (net, -0.78125, "b1[1]");
  setf (net, v0, "W2[0][0]");
  setf (net, v1, "W2[0][1]");
  setf (net, c, "b2[0]");
  ck_assert_int_eq (rs_loss_net_hull (net, rs_loss_mse_type, &d, w, lo, hi,
                                      &kp, &exact, NULL), RS_OK);
  ck_assert_uint_eq (kp, 2);
  ck_assert_int_eq (exact, 1);
  ck_assert (rs_net_on_kink (net, w, 1, 0, 2) && rs_net_on_kink (net, w, 1,
                                                                 1, 1));
  for (size_t q = 0; q < 7; q++)
    {
      size_t i = idx (net, names[q]);

      ck_assert_double_eq_tol (gsl_vector_get (lo, i),
                               base[q] + fmin (0.0, k[q]), 1e-12);
      ck_assert_double_eq_tol (gsl_vector_get (hi, i),
                               base[q] + fmax (0.0, k[q]), 1e-12);
    }
  for (int s = 0; s <= 4; s++)
    {
      ck_assert_int_eq (rs_net_set_kink (net, s / 4.0, NULL), RS_OK);
      loss_grad (net, rs_loss_mse_type, &d, w, g);
      for (size_t q = 0; q < 7; q++)
        {
          size_t i = idx (net, names[q]);
          double gi = gsl_vector_get (g, i);

          ck_assert_double_eq_tol (gi, base[q] + s / 4.0 * k[q], 1e-12);
          ck_assert (gi >= gsl_vector_get (lo, i) - 1e-12
                     && gi <= gsl_vector_get (hi, i) + 1e-12);
        }
    }
  gsl_vector_free (lo);
  gsl_vector_free (hi);
  gsl_vector_free (g);
  rs_net_workspace_free (w);
  rs_net_free (net);
}
END_TEST

/* A 2-3-2-1 ReLU net with three kinks at one point P = (0.5, -0.25),
 * two in layer 1 and one in layer 2 (exact binary fractions):
 *   layer 1: (1.25, 0.75) . P - 0.4375 = 0;  (-0.5, 1.5) . P + 0.625 = 0;
 *            (0.875, -1.125) . P + 0.3125 = 1.03125
 *   layer 2: (0.5, -1.25, 0.75) . (0, 0, 1.03125) - 0.7734375 = 0;
 *            (-0.625, 1.375, 0.5) . a1 + 0.1875 = 0.703125
 * so the layer-2 slope multiplies the layer-1 ones on the path to W1: the
 * term is multilinear, not linear, in the slopes.  The expected hull is
 * the per-parameter min and max of ref_grad over the 8 vertex slope
 * choices (the extremes of a multilinear function on a box are at its
 * vertices), plus two ordinary points. */
static const double hb_W1[3][2] = { { 1.25, 0.75 }, { -0.5, 1.5 },
                                    { 0.875, -1.125 } };
static const double hb_b1[3] = { -0.4375, 0.625, 0.3125 };
static const double hb_W2[2][3] = { { 0.5, -1.25, 0.75 },
                                    { -0.625, 1.375, 0.5 } };
static const double hb_b2[2] = { -0.7734375, 0.1875 };

static rs_net *
hull_brute_net (void)
{
  const size_t sizes[] = { 2, 3, 2, 1 };
  rs_net *net = net_make (3, sizes, rs_act_relu, rs_act_identity);

  for (size_t j = 0; j < 3; j++)
    {
      for (size_t k = 0; k < 2; k++)
        setf (net, hb_W1[j][k], "W1[%zu][%zu]", j, k);
      setf (net, hb_b1[j], "b1[%zu]", j);
    }
  for (size_t j = 0; j < 2; j++)
    {
      for (size_t k = 0; k < 3; k++)
        setf (net, hb_W2[j][k], "W2[%zu][%zu]", j, k);
      setf (net, hb_b2[j], "b2[%zu]", j);
    }
  setf (net, 1.5, "W3[0][0]");
  setf (net, -2.25, "W3[0][1]");
  setf (net, 0.125, "b3[0]");
  return net;
}

START_TEST (test_hull_brute_force)
{
  rs_net *net = hull_brute_net ();
  size_t np = rs_net_nparams (net), kp;
  double x[6] = { 0.5, -0.25, 1.213, 0.417, -0.893, -0.331 };
  double y[3] = { 0.731, -0.415, 1.129 };
  rs_data d = data_view (3, 2, 1, 0, x, y);
  rs_net_workspace *w = ws_make (net, 3);
  gsl_vector *lo = gsl_vector_alloc (np), *hi = gsl_vector_alloc (np);
  gsl_vector *g = gsl_vector_alloc (np);
  double ks[RS_NET_MAX_LAYERS + 1][RS_NET_MAX_UNITS] = { { 0 } };
  double ref[64], elo[64], ehi[64];
  int exact;

  ck_assert_uint_le (np, 64);
  for (unsigned v = 0; v < 8; v++)
    {
      ks[1][0] = v & 1, ks[1][1] = (v >> 1) & 1, ks[2][0] = (v >> 2) & 1;
      ref_grad (net, &d, ks, ref);
      for (size_t p = 0; p < np; p++)
        {
          elo[p] = v == 0 ? ref[p] : fmin (elo[p], ref[p]);
          ehi[p] = v == 0 ? ref[p] : fmax (ehi[p], ref[p]);
        }
      if (v == 0 || v == 7)
        {
          rs_net_set_kink (net, v == 0 ? 0.0 : 1.0, NULL);
          loss_grad (net, rs_loss_mse_type, &d, w, g);
          for (size_t p = 0; p < np; p++)
            ck_assert_double_eq_tol (gsl_vector_get (g, p), ref[p], 1e-12);
        }
    }
  ck_assert_int_eq (rs_loss_net_hull (net, rs_loss_mse_type, &d, w, lo, hi,
                                      &kp, &exact, NULL), RS_OK);
  ck_assert_uint_eq (kp, 1);
  ck_assert_int_eq (exact, 1);
  for (size_t p = 0; p < np; p++)
    {
      ck_assert_double_eq_tol (gsl_vector_get (lo, p), elo[p], 1e-12);
      ck_assert_double_eq_tol (gsl_vector_get (hi, p), ehi[p], 1e-12);
    }
  /* The hull is not degenerate where the slopes reach. */
  ck_assert (gsl_vector_get (hi, idx (net, "b1[0]"))
             > gsl_vector_get (lo, idx (net, "b1[0]")) + 1e-3);
  gsl_vector_free (lo);
  gsl_vector_free (hi);
  gsl_vector_free (g);
  rs_net_workspace_free (w);
  rs_net_free (net);
}
END_TEST

/* More than RS_LOSS_HULL_MAX_KINKS kinks at one point: a 2-14-3-1 ReLU
 * net whose 14 first-layer units all have z = 0 at P = (0.75, -1.5)
 * (weights multiples of 1/16 and 1/8, b_j = -(w_j . P), all exact).  The
 * result is an enclosure (exact = 0) that must contain the gradient for
 * every choice of the 14 slopes in [0, 1]: checked for the conventions
 * s = 0, 0.5, 1 through rs_loss_net and for 300 random choices (vertices
 * and interior points) through ref_grad. */
static rs_net *
hull_many_net (void)
{
  const size_t sizes[] = { 2, 14, 3, 1 };
  const double W2[3] = { 0.731, -0.417, 1.213 }, b2[3] = { 0.3, -0.2, 0.45 };
  const double W3[3] = { 1.3, -0.7, 0.9 };
  rs_net *net = net_make (3, sizes, rs_act_relu, rs_act_identity);

  for (size_t j = 0; j < 14; j++)
    {
      double w0 = 0.0625 * (2.0 * (double) j - 13.0);
      double w1 = 0.125 * (double) ((j * 5) % 7) - 0.375;

      setf (net, w0, "W1[%zu][0]", j);
      setf (net, w1, "W1[%zu][1]", j);
      setf (net, -(w0 * 0.75 + w1 * -1.5), "b1[%zu]", j);
      for (size_t c = 0; c < 3; c++)
        setf (net, W2[c] * (1.0 + 0.1 * (double) j) * (j % 2 ? -1 : 1),
              "W2[%zu][%zu]", c, j);
    }
  for (size_t c = 0; c < 3; c++)
    {
      setf (net, b2[c], "b2[%zu]", c);
      setf (net, W3[c], "W3[0][%zu]", c);
    }
  setf (net, 0.1, "b3[0]");
  return net;
}

/* Whether every entry of g is in [lo - tol, hi + tol]. */
static int
inside (const double *g, const gsl_vector *lo, const gsl_vector *hi)
{
  for (size_t p = 0; p < lo->size; p++)
    if (g[p] < gsl_vector_get (lo, p) - 1e-12
        || g[p] > gsl_vector_get (hi, p) + 1e-12)
      return 0;
  return 1;
}

START_TEST (test_hull_many_kinks)
{
  rs_net *net = hull_many_net ();
  size_t np = rs_net_nparams (net), kp;
  double x[6] = { 0.75, -1.5, 1.213, 0.417, -0.893, -0.331 };
  double y[3] = { 0.731, -0.415, 1.129 };
  rs_data d = data_view (3, 2, 1, 0, x, y);
  rs_net_workspace *w = ws_make (net, 3);
  gsl_vector *lo = gsl_vector_alloc (np), *hi = gsl_vector_alloc (np);
  gsl_vector *g = gsl_vector_alloc (np);
  double ks[RS_NET_MAX_LAYERS + 1][RS_NET_MAX_UNITS] = { { 0 } };
  double *ref = malloc (np * sizeof *ref);
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);
  size_t on[14], kk[14];
  int exact;

  ck_assert_int_eq (rs_loss_net_hull (net, rs_loss_mse_type, &d, w, lo, hi,
                                      &kp, &exact, NULL), RS_OK);
  ck_assert_uint_eq (kp, 1);
  ck_assert_int_eq (exact, 0);
  rs_net_activity (net, w, 1, on, kk);
  for (size_t j = 0; j < 14; j++)
    ck_assert (kk[j] == 1 && rs_net_on_kink (net, w, 1, j, 0));
  for (int s = 0; s <= 2; s++)
    {
      rs_net_set_kink (net, s / 2.0, NULL);
      loss_grad (net, rs_loss_mse_type, &d, w, g);
      ck_assert (inside (g->data, lo, hi));
      for (size_t j = 0; j < 14; j++)
        ks[1][j] = s / 2.0;
      ref_grad (net, &d, ks, ref);
      for (size_t p = 0; p < np; p++)
        ck_assert_double_eq_tol (ref[p], gsl_vector_get (g, p), 1e-12);
    }
  gsl_rng_set (r, 2385);
  for (int q = 0; q < 300; q++)
    {
      for (size_t j = 0; j < 14; j++)
        ks[1][j] = q % 2 ? gsl_rng_uniform (r)
                         : (double) gsl_rng_uniform_int (r, 2);
      ref_grad (net, &d, ks, ref);
      ck_assert_msg (inside (ref, lo, hi), "choice %d outside the hull", q);
    }
  free (ref);
  gsl_rng_free (r);
  gsl_vector_free (lo);
  gsl_vector_free (hi);
  gsl_vector_free (g);
  rs_net_workspace_free (w);
  rs_net_free (net);
}
END_TEST

/* No point on a kink: the hull is the one gradient, lo == hi exactly,
 * equal to rs_loss_net's; for every loss on a 2-5-4-k ReLU net (output
 * as in test_gradient) at random points. */
START_TEST (test_hull_no_kinks)
{
  const loss_case *lc = &loss_cases[_i];
  const rs_loss_type *t = rs_loss_lookup (lc->name);
  double x[2 * GRAD_N], y[3 * GRAD_N];
  size_t ydim = strcmp (lc->name, "mse") == 0 ? lc->k : 1, kp = 99;
  rs_data d = data_view (GRAD_N, 2, ydim, 0, x, y);
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);
  rs_net *net;
  rs_net_workspace *w;
  gsl_vector *lo, *hi, *g;
  int exact = -1;

  gsl_rng_set (r, 77);
  grad_data (r, lc, x, y);
  net = grad_net (&families[3], lc, r);
  w = ws_make (net, GRAD_N);
  lo = gsl_vector_alloc (rs_net_nparams (net));
  hi = gsl_vector_alloc (rs_net_nparams (net));
  g = gsl_vector_alloc (rs_net_nparams (net));
  ck_assert_int_eq (rs_loss_net_hull (net, t, &d, w, lo, hi, &kp, &exact,
                                      NULL), RS_OK);
  ck_assert_uint_eq (kp, 0);
  ck_assert_int_eq (exact, 1);
  loss_grad (net, t, &d, w, g);
  for (size_t p = 0; p < g->size; p++)
    {
      ck_assert (gsl_vector_get (lo, p) == gsl_vector_get (hi, p));
      ck_assert_double_eq_tol (gsl_vector_get (lo, p), gsl_vector_get (g, p),
                               1e-15);
    }
  gsl_vector_free (lo);
  gsl_vector_free (hi);
  gsl_vector_free (g);
  rs_net_workspace_free (w);
  rs_net_free (net);
  gsl_rng_free (r);
}
END_TEST

/* ---------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------- */

/* Specs that break one rule each, from a good 2-4-3-1 (ReLU hidden,
 * identity output), with net.c's and act.c's wording; the message names
 * the layer, since several layers can have the same family (rs_net.h). */
static const char *const spec_messages[] = {
  "a network has 1 to 65 layers, not 0",
  "a network has 1 to 65 layers, not 66",
  "layer 1 has 0 units; 1 to 256 are allowed",
  "layer 2 has 257 units; 1 to 256 are allowed",
  "the input layer has 1025 units; 1 to 1024 are allowed",
  "layer 2 has no activation",
  "layer 1: leaky_relu's alpha must be in [0, 1], not 1.5",
  "layer 2: elu's alpha must be in [1e-06, 10], not 0",
  "the kink convention must be in [0, 1], not 1.5",
  "the kink convention must be in [0, 1], not nan",
  "layer 3 has 0 units; 1 to 256 are allowed",
};

#define N_SPEC_ERRORS (sizeof spec_messages / sizeof spec_messages[0])

/* The good spec broken by rule q (the index into spec_messages), or
 * left good for q = -1. */
static void
bad_spec (rs_net_spec *spec, int q)
{
  const size_t sizes[] = { 2, 4, 3, 1 };

  rs_net_spec_init (spec, 3, sizes, rs_act_relu, rs_act_identity);
  switch (q)
    {
    case 0: spec->layers = 0; break;
    case 1: spec->layers = 66; break;
    case 2: spec->sizes[1] = 0; break;
    case 3: spec->sizes[2] = 257; break;
    case 4: spec->sizes[0] = 1025; break;
    case 5: spec->act[1] = NULL; break;
    case 6: spec->act[0] = rs_act_leaky_relu, spec->param[0] = 1.5; break;
    case 7: spec->act[1] = rs_act_elu, spec->param[1] = 0.0; break;
    case 8: spec->kink = 1.5; break;
    case 9: spec->kink = NAN; break;
    case 10: spec->sizes[3] = 0; break;
    default: break;
    }
}

START_TEST (test_spec_errors)
{
  rs_net_spec spec;
  rs_error err;

  bad_spec (&spec, _i);
  rs_error_clear (&err);
  ck_assert_int_eq (rs_net_spec_check (&spec, &err), RS_EINVAL);
  ck_assert_int_eq (err.code, RS_EINVAL);
  ck_assert_str_eq (err.message, spec_messages[_i]);
  rs_error_clear (&err);
  ck_assert_ptr_null (rs_net_alloc (&spec, &err));
  ck_assert_str_eq (err.message, spec_messages[_i]);
  bad_spec (&spec, -1);
  ck_assert_int_eq (rs_net_spec_check (&spec, NULL), RS_OK);
}
END_TEST

/* Other argument errors of the net: set_param and set_kink out of range
 * (the network unchanged), initialisers without a type, with non-finite
 * values, or without a generator. */
START_TEST (test_net_arg_errors)
{
  const size_t sizes[] = { 2, 4, 3 };
  rs_net *net = net_make (2, sizes, rs_act_leaky_relu, rs_act_identity);
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);
  rs_error err;

  ck_assert_int_eq (rs_net_set_param (net, 3, 0.5, &err), RS_EINVAL);
  ck_assert_str_eq (err.message, "the network has no layer 3 (1 to 2)");
  ck_assert_int_eq (rs_net_set_param (net, 0, 0.5, &err), RS_EINVAL);
  ck_assert_str_eq (err.message, "the network has no layer 0 (1 to 2)");
  ck_assert_int_eq (rs_net_set_param (net, 1, -0.5, &err), RS_EINVAL);
  ck_assert_str_eq (err.message,
                    "leaky_relu's alpha must be in [0, 1], not -0.5");
  ck_assert (rs_net_get_spec (net)->param[0] == 0.01);
  ck_assert_int_eq (rs_net_set_kink (net, -0.25, &err), RS_EINVAL);
  ck_assert_str_eq (err.message,
                    "the kink convention must be in [0, 1], not -0.25");
  ck_assert (rs_net_get_spec (net)->kink == 0.0);
  ck_assert_int_eq (rs_net_init (net, NULL, 0.0, 0.1, r, &err), RS_EINVAL);
  ck_assert_str_eq (err.message, "no initialiser given");
  ck_assert_int_eq (rs_net_init (net, rs_init_constant, NAN, 0.1, r, &err),
                    RS_EINVAL);
  ck_assert_str_eq (err.message, "initial values must be finite numbers");
  ck_assert_int_eq (rs_net_init (net, rs_init_he_normal, 0.0, INFINITY, r,
                                 &err), RS_EINVAL);
  ck_assert_str_eq (err.message, "initial values must be finite numbers");
  ck_assert_int_eq (rs_net_init (net, rs_init_he_normal, 0.0, 0.1, NULL,
                                 &err), RS_EINVAL);
  ck_assert_str_eq (err.message,
                    "he_normal needs a random number generator");
  ck_assert_ptr_null (rs_init_lookup ("he"));
  ck_assert_ptr_null (rs_init_lookup (NULL));
  ck_assert_ptr_eq (rs_init_lookup ("xavier_uniform"),
                    rs_init_xavier_uniform);
  gsl_rng_free (r);
  rs_net_free (net);
}
END_TEST

/* Workspaces: a batch of 0 points is refused; a forward pass with a
 * workspace of another shape (other widths, other depth), with more
 * points than it holds, or with none, is RS_EINVAL, as is a backward
 * pass with a gradient vector of the wrong size or a foreign workspace.
 * A workspace only needs the same sizes, not the same activations. */
START_TEST (test_workspace_errors)
{
  const size_t s1[] = { 2, 4, 3 }, s2[] = { 2, 5, 3 }, s3[] = { 2, 4, 3, 1 };
  rs_net *net = net_make (2, s1, rs_act_relu, rs_act_identity);
  rs_net *other = net_make (2, s2, rs_act_relu, rs_act_identity);
  rs_net *deeper = net_make (3, s3, rs_act_relu, rs_act_identity);
  rs_net *tanh_net = net_make (2, s1, rs_act_tanh, rs_act_sigmoid);
  rs_net_workspace *w = ws_make (net, 3), *wo = ws_make (other, 3);
  rs_net_workspace *wd = ws_make (deeper, 3);
  const double x[8] = { 0.613, -0.271, -1.094, 0.388, 0.155, 1.742,
                        -0.419, -0.966 };
  double dout[9] = { 0 };
  gsl_vector *g = gsl_vector_alloc (rs_net_nparams (net) + 1);
  rs_error err;

  ck_assert_ptr_null (rs_net_workspace_alloc (net, 0, &err));
  ck_assert_str_eq (err.message, "a batch has 1 to 10000000 points, not 0");
  ck_assert_int_eq (rs_net_forward (net, x, 3, wo), RS_EINVAL);
  ck_assert_int_eq (rs_net_forward (net, x, 3, wd), RS_EINVAL);
  ck_assert_int_eq (rs_net_forward (net, x, 4, w), RS_EINVAL);
  ck_assert_int_eq (rs_net_forward (net, x, 0, w), RS_EINVAL);
  ck_assert_int_eq (rs_net_forward (tanh_net, x, 3, w), RS_OK);
  ck_assert_int_eq (rs_net_forward (net, x, 3, w), RS_OK);
  ck_assert_int_eq (rs_net_backward (net, w, dout, g), RS_EINVAL);
  ck_assert_int_eq (rs_net_backward (other, w, dout, g), RS_EINVAL);
  gsl_vector_free (g);
  rs_net_workspace_free (w);
  rs_net_workspace_free (wo);
  rs_net_workspace_free (wd);
  rs_net_free (net);
  rs_net_free (other);
  rs_net_free (deeper);
  rs_net_free (tanh_net);
}
END_TEST

/* rs_loss_check: one case per rule, k outputs on targets y (n points,
 * ydim each), with loss.c's wording; NULL for a case that must pass. */
typedef struct {
  const char *loss;
  size_t k, n, ydim;
  double y[4];
  const char *message;
} check_case;

static const check_case check_cases[] = {
  { "mse", 2, 2, 1, { 0.731, -0.415 },
    "mse needs one target per output: the data has 1, the network 2 "
    "outputs" },
  { "mse", 1, 1, 2, { 0.731, -0.415 },
    "mse needs one target per output: the data has 2, the network 1 "
    "outputs" },
  { "softmax_ce", 1, 2, 1, { 0, 0 },
    "softmax_ce needs 2 or more outputs, one per class; the network has 1" },
  { "relu_norm_ce", 1, 2, 1, { 0, 0 },
    "relu_norm_ce needs 2 or more outputs, one per class; the network "
    "has 1" },
  { "softmax_ce", 3, 2, 1, { 0, 2.5 },
    "point 2: label 2.5 is not a class 0 to 2" },
  { "softmax_ce", 3, 3, 1, { 1, 0, 3 },
    "point 3: label 3 is not a class 0 to 2" },
  { "relu_norm_ce", 3, 2, 1, { -1, 0 },
    "point 1: label -1 is not a class 0 to 2" },
  { "softmax_ce", 3, 2, 2, { 0, 1, 2, 0 },
    "softmax_ce needs one target per point, the data has 2" },
  { "sigmoid_bce", 1, 2, 1, { 0.25, 1.5 },
    "point 2: target 1.5 is not in [0, 1]" },
  { "sigmoid_bce", 1, 1, 1, { -0.125 },
    "point 1: target -0.125 is not in [0, 1]" },
  { "sigmoid_bce", 2, 2, 1, { 0, 1 },
    "sigmoid_bce needs one output, the network has 2" },
  { "mse", 2, 2, 2, { 0.731, -0.415, 1.213, 2.385 }, NULL },
  { "softmax_ce", 3, 3, 1, { 2, 0, 1 }, NULL },
  { "sigmoid_bce", 1, 3, 1, { 0, 1, 0.371 }, NULL },
};

#define N_CHECK_CASES (sizeof check_cases / sizeof check_cases[0])

START_TEST (test_loss_check)
{
  const check_case *c = &check_cases[_i];
  double x[4] = { 0 }, y[4];
  rs_data d = data_view (c->n, 1, c->ydim, 0, x, y);
  rs_error err;

  memcpy (y, c->y, sizeof y);
  rs_error_clear (&err);
  if (c->message == NULL)
    {
      ck_assert_int_eq (rs_loss_check (rs_loss_lookup (c->loss), c->k, &d,
                                       &err), RS_OK);
      return;
    }
  ck_assert_int_eq (rs_loss_check (rs_loss_lookup (c->loss), c->k, &d, &err),
                    RS_EINVAL);
  ck_assert_str_eq (err.message, c->message);
}
END_TEST

/* rs_loss_net and rs_loss_net_hull on mismatched shapes: data of another
 * input dimension, more points than the workspace holds, a gradient or
 * hull vector of the wrong size, and a bad label found while scoring. */
START_TEST (test_loss_net_errors)
{
  const size_t sizes[] = { 2, 4, 3 };
  rs_net *net = net_make (2, sizes, rs_act_relu, rs_act_identity);
  rs_net_workspace *w = ws_make (net, 2);
  double x[9] = { 0.613, -0.271, 0.5, -1.094, 0.388, 0.25, 0.155, 1.742,
                  -0.75 };
  double y[3] = { 0, 2, 1 }, v;
  rs_data d3 = data_view (3, 3, 1, 3, x, y);
  rs_data d2 = data_view (3, 2, 1, 3, x, y);
  rs_data ok = data_view (2, 2, 1, 3, x, y);
  gsl_vector *g = gsl_vector_alloc (7), *g23 = gsl_vector_alloc (23);
  rs_error err;

  ck_assert_int_eq (rs_loss_net (net, rs_loss_softmax_ce, &d3, w, &v, g23,
                                 &err), RS_EINVAL);
  ck_assert_str_eq (err.message,
                    "the data has 3 inputs per point, the network 2");
  ck_assert_int_eq (rs_loss_net (net, rs_loss_softmax_ce, &d2, w, &v, g23,
                                 &err), RS_EINVAL);
  ck_assert_str_eq (err.message,
                    "the workspace does not fit this network and 3 points");
  /* 2-4-3: 8 + 4 + 12 + 3 = 27 parameters. */
  ck_assert_int_eq (rs_loss_net (net, rs_loss_softmax_ce, &ok, w, &v, g,
                                 &err), RS_EINVAL);
  ck_assert_str_eq (err.message, "the gradient vector has 7 entries, the "
                    "network 27 parameters");
  ck_assert_int_eq (rs_loss_net_hull (net, rs_loss_softmax_ce, &ok, w, g, g,
                                      NULL, NULL, &err), RS_EINVAL);
  ck_assert_str_eq (err.message, "the hull vectors need 27 entries");
  y[1] = 3.0;
  ck_assert_int_eq (rs_loss_net (net, rs_loss_softmax_ce, &ok, w, &v, NULL,
                                 &err), RS_EINVAL);
  ck_assert_str_eq (err.message, "point 2: label 3 is not a class 0 to 2");
  gsl_vector_free (g);
  gsl_vector_free (g23);
  rs_net_workspace_free (w);
  rs_net_free (net);
}
END_TEST

/* rs_loss.h: rs_loss_net "returns RS_EINVAL when the shapes of net, d and
 * w do not match".  Targets that do not fit the outputs are such a
 * mismatch (rs_loss_check's first rules), for rs_loss_net_hull too.  A
 * 1-2 identity net scored by mse on 1 target per point would read
 * y[i * 1 + 1], past the last point's target: the arrays are
 * heap-allocated to their exact size so that valgrind would see it. */
START_TEST (test_loss_net_mse_targets)
{
  const size_t sizes[] = { 1, 2 };
  rs_net *net = net_make (1, sizes, rs_act_identity, rs_act_identity);
  rs_net_workspace *w = ws_make (net, 3);
  double *x = malloc (3 * sizeof *x), *y = malloc (3 * sizeof *y), v;
  rs_data d = data_view (3, 1, 1, 0, x, y);
  gsl_vector *g = gsl_vector_alloc (rs_net_nparams (net));
  gsl_vector *h = gsl_vector_alloc (rs_net_nparams (net));
  rs_error err, herr;
  int rc, hrc;

  for (size_t i = 0; i < 3; i++)
    x[i] = 0.613 * (double) i - 0.271, y[i] = 0.25 * (double) i;
  rc = rs_loss_net (net, rs_loss_mse_type, &d, w, &v, g, &err);
  hrc = rs_loss_net_hull (net, rs_loss_mse_type, &d, w, g, h, NULL, NULL,
                          &herr);
  free (x);
  free (y);
  gsl_vector_free (g);
  gsl_vector_free (h);
  rs_net_workspace_free (w);
  rs_net_free (net);
  ck_assert_int_eq (rc, RS_EINVAL);
  ck_assert_str_eq (err.message, "mse needs one target per output: the "
                    "data has 1, the network 2 outputs");
  ck_assert_int_eq (hrc, RS_EINVAL);
  ck_assert_str_eq (herr.message, err.message);
}
END_TEST

/* The same for sigmoid_bce on a net of 2 outputs, which would score only
 * the first output and leave the second one's derivative unset for the
 * backward pass to read. */
START_TEST (test_loss_net_bce_outputs)
{
  const size_t sizes[] = { 1, 2 };
  rs_net *net = net_make (1, sizes, rs_act_identity, rs_act_identity);
  rs_net_workspace *w = ws_make (net, 3);
  double x[3] = { -0.271, 0.342, 0.955 }, y[3] = { 0.0, 1.0, 0.25 }, v;
  rs_data d = data_view (3, 1, 1, 0, x, y);
  gsl_vector *g = gsl_vector_alloc (rs_net_nparams (net));
  rs_error err;
  int rc = rs_loss_net (net, rs_loss_sigmoid_bce, &d, w, &v, g, &err);

  gsl_vector_free (g);
  rs_net_workspace_free (w);
  rs_net_free (net);
  ck_assert_int_eq (rc, RS_EINVAL);
  ck_assert_str_eq (err.message,
                    "sigmoid_bce needs one output, the network has 2");
}
END_TEST

static Suite *
net_suite (void)
{
  Suite *s = suite_create ("net");
  TCase *names = tcase_create ("Names");
  TCase *init = tcase_create ("Init");
  TCase *forward = tcase_create ("Forward");
  TCase *gradient = tcase_create ("Gradient");
  TCase *concepts = tcase_create ("Concepts");
  TCase *hull = tcase_create ("Hull");
  TCase *errors = tcase_create ("Errors");

  tcase_add_test (names, test_nparams);
  tcase_add_test (names, test_param_names);
  tcase_add_loop_test (names, test_lookup_round_trip, 0,
                       sizeof round_trip_nets / sizeof round_trip_nets[0]);
  tcase_add_loop_test (names, test_lookup_errors, 0, N_BAD_NAMES);
  tcase_add_test (names, test_lookup_null);
  tcase_add_test (names, test_set_values);
  suite_add_tcase (s, names);

  tcase_add_loop_test (init, test_init_variance, 0,
                       sizeof init_cases / sizeof init_cases[0]);
  tcase_add_test (init, test_init_constant);
  tcase_add_test (init, test_init_bias);
  tcase_add_test (init, test_init_seed);
  tcase_add_test (init, test_init_prelu);
  tcase_add_test (init, test_clone);
  suite_add_tcase (s, init);

  tcase_add_loop_test (forward, test_forward, 0, 2 * N_FAMILIES);
  tcase_add_loop_test (forward, test_activity, 0, N_FAMILIES);
  tcase_add_test (forward, test_forward_batch_sizes);
  suite_add_tcase (s, forward);

  tcase_add_loop_test (gradient, test_gradient, 0, N_LOSSES * N_FAMILIES);
  tcase_add_test (gradient, test_backward_direct);
  suite_add_tcase (s, gradient);

  tcase_add_test (concepts, test_c1_sigmoid_max);
  tcase_add_loop_test (concepts, test_c1_depth, 1, RS_NET_MAX_LAYERS + 1);
  tcase_add_loop_test (concepts, test_c1_chain, 1, RS_NET_MAX_LAYERS + 1);
  tcase_add_test (concepts, test_c4_dead_unit);
  tcase_add_test (concepts, test_c4_leaky_revives);
  tcase_add_test (concepts, test_c12_softmax_extreme);
  tcase_add_test (concepts, test_c12_softmax_negative);
  tcase_add_test (concepts, test_c12_softmax_positive);
  tcase_add_test (concepts, test_c12_relu_norm);
  tcase_add_test (concepts, test_c12_relu_norm_positive);
  tcase_add_test (concepts, test_c12_relu_norm_zero);
  tcase_add_test (concepts, test_c12_relu_norm_net);
  suite_add_tcase (s, concepts);

  tcase_add_test (hull, test_hull_hand);
  tcase_add_test (hull, test_hull_brute_force);
  tcase_add_test (hull, test_hull_many_kinks);
  tcase_add_loop_test (hull, test_hull_no_kinks, 0, N_LOSSES);
  suite_add_tcase (s, hull);

  tcase_add_loop_test (errors, test_spec_errors, 0, N_SPEC_ERRORS);
  tcase_add_test (errors, test_net_arg_errors);
  tcase_add_test (errors, test_workspace_errors);
  tcase_add_loop_test (errors, test_loss_check, 0, N_CHECK_CASES);
  tcase_add_test (errors, test_loss_net_errors);
  tcase_add_test (errors, test_loss_net_mse_targets);
  tcase_add_test (errors, test_loss_net_bce_outputs);
  suite_add_tcase (s, errors);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (net_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
