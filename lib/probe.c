/* probe.c: experiments made of independent, seeded trials: gradients
 * through depth (C1), the probability of a zero derivative (C6, C8),
 * networks born dead (C4) and dead units after training (C4, C8, C9).
 *
 * Every trial seeds its own generator from (seed, trial), so the caller
 * can run the trials in any ranges it likes; results are accumulated in
 * the caller's struct in the order of the trials, and the estimates are
 * refreshed after every range. */
#include <config.h>

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "reluscape/rs_probe.h"
#include "seed_private.h"

/* ---------------------------------------------------------------------
 * Shared helpers
 * ------------------------------------------------------------------- */

/* The seed of stream `what` of trial t. */
static unsigned long
trial_seed (unsigned long seed, size_t t, size_t what)
{
  return rs_seed_mix (seed, t, (unsigned) what, 0);
}

/* A generator for the trials of one run call. */
static gsl_rng *
rng_alloc (rs_error *err)
{
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);

  if (r == NULL)
    rs_error_set (err, RS_ENOMEM, NULL, 0, 0,
                  "out of memory for a random number generator");
  return r;
}

/* RS_ENOMEM, with a message. */
static int
nomem (rs_error *err)
{
  return rs_error_set (err, RS_ENOMEM, NULL, 0, 0,
                       "out of memory for an experiment");
}

/* p, or the family's default when p is NAN. */
static double
family_param (const rs_act_type *t, double p)
{
  return isnan (p) ? t->param_default : p;
}

/* An activation with its parameter (NAN: the default), checked. */
static int
check_act (const char *what, const rs_act_type *t, double p, rs_error *err)
{
  rs_error e;

  if (t == NULL)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "no %s activation",
                         what);
  if (rs_act_check_param (t, family_param (t, p), &e) != RS_OK)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "the %s activation: %s",
                         what, e.message);
  return RS_OK;
}

/* RS_OK when lo <= v <= hi, or an error naming the option. */
static int
check_count (const char *name, size_t v, size_t lo, size_t hi,
             rs_error *err)
{
  if (v >= lo && v <= hi)
    return RS_OK;
  return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                       "%s must be in [%zu, %zu], not %zu", name, lo, hi, v);
}

/* A result to add to, and trials [first, last) that are a range. */
static int
check_range (size_t first, size_t last, const void *r, rs_error *err)
{
  if (r == NULL)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "no result given");
  if (first > last)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "the trials [%zu, %zu) are not a range", first,
                         last);
  return RS_OK;
}

rs_interval
rs_probe_wilson (size_t k, size_t n, double z)
{
  double N = (double) n, p, z2 = z * z, d, c, h;

  if (n == 0)
    return rs_interval_make (0.0, 1.0);
  p = (double) k / N;
  d = 1.0 + z2 / N;
  c = (p + z2 / (2.0 * N)) / d;
  h = z / d * sqrt (p * (1.0 - p) / N + z2 / (4.0 * N * N));
  /* c - h is 0 at k = 0 and c + h is 1 at k = n, but for rounding */
  return rs_interval_make (k == 0 ? 0.0 : fmax (0.0, c - h),
                           k == n ? 1.0 : fmin (1.0, c + h));
}

/* Student's t interval of a mean from m values with sum s and sum of
 * squares q, clipped to [0, 1]; NAN below two values. */
static rs_interval
t_interval (double s, double q, size_t m)
{
  double M = (double) m, mean, var, h;

  if (m < 2)
    return rs_interval_make (NAN, NAN);
  mean = s / M;
  var = fmax (0.0, (q - s * mean) / (M - 1.0));
  h = gsl_cdf_tdist_Pinv (0.975, M - 1.0) * sqrt (var / M);
  return rs_interval_make (fmax (0.0, mean - h), fmin (1.0, mean + h));
}

/* ---------------------------------------------------------------------
 * Depth (C1)
 * ------------------------------------------------------------------- */

void
rs_probe_depth_default (rs_probe_depth_opts *o)
{
  memset (o, 0, sizeof *o);
  o->max_depth = 8;
  o->width = 16;
  o->outputs = 1;
  o->points = 64;
  o->act = rs_act_sigmoid;
  o->param = NAN;
  o->init = rs_init_he_normal;
  o->trials = 100;
  o->seed = 1;
}

int
rs_probe_depth_check (const rs_probe_depth_opts *o, rs_error *err)
{
  int rc;

  if ((rc = check_count ("the depth", o->max_depth, 1, RS_PROBE_MAX_DEPTH,
                         err)) != RS_OK
      || (rc = check_count ("the width", o->width, 1, RS_NET_MAX_UNITS,
                            err)) != RS_OK
      || (rc = check_count ("the outputs", o->outputs, 1, RS_NET_MAX_UNITS,
                            err)) != RS_OK
      || (rc = check_count ("the points", o->points, 1, 100000, err))
         != RS_OK
      || (rc = check_act ("hidden", o->act, o->param, err)) != RS_OK
      || (rc = rs_act_check_kink (o->kink, err)) != RS_OK)
    return rc;
  if (o->init == NULL || !isfinite (o->init_c) || !isfinite (o->bias))
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "the initialisation needs a scheme and finite "
                         "values");
  return RS_OK;
}

void
rs_probe_depth_clear (rs_probe_depth_result *r)
{
  memset (r, 0, sizeof *r);
}

/* The networks of every depth, their workspaces and gradients, the data
 * and the generator: what one run call needs. */
typedef struct {
  rs_net *net[RS_PROBE_MAX_DEPTH];
  rs_net_workspace *w[RS_PROBE_MAX_DEPTH];
  gsl_vector *grad[RS_PROBE_MAX_DEPTH];
  rs_data *data;
  gsl_rng *rng;
} depth_ws;

/* Free what depth_ws_alloc made, also after it failed half-way. */
static void
depth_ws_free (depth_ws *d)
{
  for (size_t i = 0; i < RS_PROBE_MAX_DEPTH; i++)
    {
      rs_net_free (d->net[i]);
      rs_net_workspace_free (d->w[i]);
      if (d->grad[i] != NULL)
        gsl_vector_free (d->grad[i]);
    }
  rs_data_free (d->data);
  gsl_rng_free (d->rng);
}

/* The network of depth L: width inputs, L - 1 hidden layers of act,
 * `outputs` identity units. */
static rs_net *
depth_net (const rs_probe_depth_opts *o, size_t L, rs_error *err)
{
  size_t sizes[RS_NET_MAX_LAYERS + 1];
  rs_net_spec spec;

  for (size_t l = 0; l < L; l++)
    sizes[l] = o->width;
  sizes[L] = o->outputs;
  rs_net_spec_init (&spec, L, sizes, o->act, rs_act_identity);
  for (size_t l = 0; l + 1 < L; l++)
    spec.param[l] = family_param (o->act, o->param);
  spec.kink = o->kink;
  return rs_net_alloc (&spec, err);
}

/* Everything for depths 1 ... max_depth; on failure d holds what was
 * made, for depth_ws_free. */
static int
depth_ws_alloc (const rs_probe_depth_opts *o, depth_ws *d, rs_error *err)
{
  memset (d, 0, sizeof *d);
  d->data = rs_data_alloc_dims (o->points, o->width, o->outputs, err);
  if (d->data == NULL || (d->rng = rng_alloc (err)) == NULL)
    return err != NULL ? err->code : RS_ENOMEM;
  for (size_t L = 1; L <= o->max_depth; L++)
    {
      if ((d->net[L - 1] = depth_net (o, L, err)) == NULL
          || (d->w[L - 1] = rs_net_workspace_alloc (d->net[L - 1],
                                                   o->points, err)) == NULL)
        return err != NULL ? err->code : RS_ENOMEM;
      d->grad[L - 1] = gsl_vector_alloc (rs_net_nparams (d->net[L - 1]));
      if (d->grad[L - 1] == NULL)
        return nomem (err);
    }
  return RS_OK;
}

/* ||v[off ... off + n)||, the Euclidean norm of a block. */
static double
block_norm (const gsl_vector *v, size_t off, size_t n)
{
  double s = 0.0;

  for (size_t i = 0; i < n; i++)
    s += gsl_vector_get (v, off + i) * gsl_vector_get (v, off + i);
  return sqrt (s);
}

/* Trial t: the data from stream 0, the weights of depth L from stream L;
 * wn and bn get ||dL/dW_l|| and ||dL/db_l|| at [L - 1][l - 1]. */
static int
depth_trial (const rs_probe_depth_opts *o, depth_ws *d, size_t t,
             double wn[][RS_PROBE_MAX_DEPTH], double bn[][RS_PROBE_MAX_DEPTH],
             rs_error *err)
{
  rs_data *x = d->data;
  double loss;
  int rc;

  gsl_rng_set (d->rng, trial_seed (o->seed, t, 0));
  for (size_t i = 0; i < x->n * x->dim; i++)
    x->x[i] = gsl_ran_gaussian (d->rng, 1.0);
  for (size_t i = 0; i < x->n * x->ydim; i++)
    x->y[i] = gsl_ran_gaussian (d->rng, 1.0);
  for (size_t L = 1; L <= o->max_depth; L++)
    {
      rs_net *net = d->net[L - 1];

      gsl_rng_set (d->rng, trial_seed (o->seed, t, L));
      if ((rc = rs_net_init (net, o->init, o->init_c, o->bias, d->rng, err))
          != RS_OK
          || (rc = rs_loss_net (net, rs_loss_mse_type, x, d->w[L - 1], &loss,
                                d->grad[L - 1], err)) != RS_OK)
        return rc;
      for (size_t l = 1; l <= L; l++)
        {
          size_t in = rs_net_units (net, l - 1), out = rs_net_units (net, l);

          wn[L - 1][l - 1] = block_norm (d->grad[L - 1],
                                         rs_net_w_index (net, l, 0, 0),
                                         in * out);
          bn[L - 1][l - 1] = block_norm (d->grad[L - 1],
                                         rs_net_b_index (net, l, 0), out);
          if (!isfinite (wn[L - 1][l - 1]) || !isfinite (bn[L - 1][l - 1]))
            return rs_error_set (err, RS_EDIVERGED, NULL, 0, 0,
                                 "trial %zu, depth %zu: the gradient of "
                                 "layer %zu is not finite", t, L, l);
        }
    }
  return RS_OK;
}

/* Add one trial's norms to a cell. */
static void
depth_add (rs_probe_depth_cell *c, double wn, double bn)
{
  c->sum += wn;
  c->sum_bias += bn;
  if (wn > 0.0)
    {
      c->sum_log10 += log10 (wn);
      c->sum_sq_log10 += log10 (wn) * log10 (wn);
    }
  else
    c->zeros++;
}

/* The means of a cell after `trials` trials. */
static void
depth_refresh (rs_probe_depth_cell *c, size_t trials)
{
  size_t m = trials - c->zeros;
  double M = (double) m;

  c->mean = c->sum / (double) trials;
  c->mean_bias = c->sum_bias / (double) trials;
  c->mean_log10 = m > 0 ? c->sum_log10 / M : NAN;
  c->sd_log10 = m > 1 ? sqrt (fmax (0.0, (c->sum_sq_log10 - c->sum_log10
                                          * c->mean_log10) / (M - 1.0)))
                      : NAN;
}

int
rs_probe_depth_run (const rs_probe_depth_opts *o, size_t first, size_t last,
                    rs_probe_depth_result *r, rs_error *err)
{
  double wn[RS_PROBE_MAX_DEPTH][RS_PROBE_MAX_DEPTH];
  double bn[RS_PROBE_MAX_DEPTH][RS_PROBE_MAX_DEPTH];
  depth_ws d;
  int rc;

  if ((rc = rs_probe_depth_check (o, err)) != RS_OK
      || (rc = check_range (first, last, r, err)) != RS_OK)
    return rc;
  if (r->trials > 0 && r->max_depth != o->max_depth)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "the result holds depths up to %zu, not %zu",
                         r->max_depth, o->max_depth);
  if ((rc = depth_ws_alloc (o, &d, err)) != RS_OK)
    {
      depth_ws_free (&d);
      return rc;
    }
  r->max_depth = o->max_depth;
  for (size_t t = first; t < last && rc == RS_OK; t++)
    {
      if ((rc = depth_trial (o, &d, t, wn, bn, err)) != RS_OK)
        break;
      r->trials++;
      for (size_t L = 1; L <= o->max_depth; L++)
        for (size_t l = 1; l <= L; l++)
          depth_add (&r->cell[L - 1][l - 1], wn[L - 1][l - 1],
                     bn[L - 1][l - 1]);
    }
  for (size_t L = 1; r->trials > 0 && L <= o->max_depth; L++)
    for (size_t l = 1; l <= L; l++)
      depth_refresh (&r->cell[L - 1][l - 1], r->trials);
  depth_ws_free (&d);
  return rc;
}

int
rs_probe_depth (const rs_probe_depth_opts *o, rs_probe_depth_result *r,
                rs_error *err)
{
  if (r == NULL)
    return check_range (0, 0, r, err);
  rs_probe_depth_clear (r);
  return rs_probe_depth_run (o, 0, o->trials, r, err);
}

/* ---------------------------------------------------------------------
 * Zero gradient (C6, C8)
 * ------------------------------------------------------------------- */

void
rs_probe_zero_grad_default (rs_probe_zero_grad_opts *o)
{
  memset (o, 0, sizeof *o);
  o->act = rs_act_relu;
  o->param = NAN;
  o->sigma = 1.0;
  o->samples = 10000;
  o->trials = 100;
  o->seed = 1;
}

int
rs_probe_zero_grad_check (const rs_probe_zero_grad_opts *o, rs_error *err)
{
  int rc;

  if ((rc = check_act ("probed", o->act, o->param, err)) != RS_OK
      || (rc = rs_act_check_kink (o->kink, err)) != RS_OK
      || (rc = check_count ("the samples per trial", o->samples, 1,
                            100000000, err)) != RS_OK)
    return rc;
  if (!isfinite (o->mu) || !(o->sigma > 0.0 && isfinite (o->sigma)))
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "mu must be finite and sigma finite and positive");
  return RS_OK;
}

void
rs_probe_zero_grad_clear (rs_probe_zero_grad_result *r)
{
  memset (r, 0, sizeof *r);
  r->exact = NAN;
}

/* Families whose derivative is 0 exactly below the kink when their
 * parameter (if any) is 0, and positive everywhere else. */
typedef struct {
  const rs_act_type *const *act;
  int zero_below;   /* 1: slope 0 below 0 (always, or when p = 0) */
  int by_param;     /* 1: only when the parameter is 0 */
} zero_rule;

static const zero_rule zero_rules[] = {
  { &rs_act_relu, 1, 0 },
  { &rs_act_leaky_relu, 1, 1 },
  { &rs_act_prelu, 1, 1 },
  { &rs_act_identity, 0, 0 },
  { &rs_act_sigmoid, 0, 0 },
  { &rs_act_tanh, 0, 0 },
  { &rs_act_elu, 0, 0 },
  { &rs_act_softplus, 0, 0 }
};

/* P(z < 0) = Phi(-mu / sigma) where the slope below 0 is 0 (z = 0 has
 * probability 0); 0 where the derivative is positive everywhere. */
double
rs_probe_zero_grad_exact (const rs_probe_zero_grad_opts *o)
{
  double p;

  if (o->act == NULL || !(o->sigma > 0.0))
    return NAN;
  p = family_param (o->act, o->param);
  for (size_t i = 0; i < sizeof zero_rules / sizeof zero_rules[0]; i++)
    if (*zero_rules[i].act == o->act)
      return zero_rules[i].zero_below && (!zero_rules[i].by_param || p == 0.0)
             ? gsl_cdf_ugaussian_P (-o->mu / o->sigma) : 0.0;
  return NAN;
}

/* The samples of trial t with f'(z) exactly 0, in blocks through the
 * family's batch derivative, as the backward pass computes it. */
static size_t
zero_grad_trial (const rs_probe_zero_grad_opts *o, gsl_rng *r, size_t t)
{
  double z[256], d[256], p = family_param (o->act, o->param);
  size_t zeros = 0;

  gsl_rng_set (r, trial_seed (o->seed, t, 0));
  for (size_t done = 0; done < o->samples;)
    {
      size_t m = o->samples - done < 256 ? o->samples - done : 256;

      for (size_t i = 0; i < m; i++)
        z[i] = o->mu + gsl_ran_gaussian (r, o->sigma);
      o->act->deriv_n (z, d, m, p, o->kink);
      for (size_t i = 0; i < m; i++)
        zeros += d[i] == 0.0;
      done += m;
    }
  return zeros;
}

int
rs_probe_zero_grad_run (const rs_probe_zero_grad_opts *o, size_t first,
                        size_t last, rs_probe_zero_grad_result *r,
                        rs_error *err)
{
  rs_interval ci;
  gsl_rng *rng;
  int rc;

  if ((rc = rs_probe_zero_grad_check (o, err)) != RS_OK
      || (rc = check_range (first, last, r, err)) != RS_OK)
    return rc;
  if ((rng = rng_alloc (err)) == NULL)
    return RS_ENOMEM;
  for (size_t t = first; t < last; t++)
    {
      r->zeros += zero_grad_trial (o, rng, t);
      r->samples += o->samples;
      r->trials++;
    }
  gsl_rng_free (rng);
  r->exact = rs_probe_zero_grad_exact (o);
  if (r->samples == 0)
    return RS_OK;
  r->p = (double) r->zeros / (double) r->samples;
  r->se = sqrt (r->p * (1.0 - r->p) / (double) r->samples);
  ci = rs_probe_wilson (r->zeros, r->samples, RS_PROBE_Z95);
  r->lo = ci.lo;
  r->hi = ci.hi;
  return RS_OK;
}

int
rs_probe_zero_grad (const rs_probe_zero_grad_opts *o,
                    rs_probe_zero_grad_result *r, rs_error *err)
{
  if (r == NULL)
    return check_range (0, 0, r, err);
  rs_probe_zero_grad_clear (r);
  return rs_probe_zero_grad_run (o, 0, o->trials, r, err);
}

/* ---------------------------------------------------------------------
 * Constant networks (C4)
 * ------------------------------------------------------------------- */

/* The activation's parameter at unit j of layer l: the layer's, or the
 * unit's own PReLU slope. */
static double
unit_param (const rs_net *net, size_t l, size_t j)
{
  size_t i = rs_net_slope_index (net, l, j);

  if (i != SIZE_MAX)
    return gsl_vector_get (rs_net_params_const (net), i);
  return rs_net_get_spec (net)->param[l - 1];
}

/* The positively homogeneous families: f(z) = z f(1) for z > 0 and
 * -z f(-1) for z < 0, linear on each side of the kink at 0. */
static int
piecewise_linear (const rs_act_type *t)
{
  return t == rs_act_identity || t == rs_act_relu || t == rs_act_leaky_relu
         || t == rs_act_prelu;
}

/* Families whose range over [lo, hi] is spanned by f(lo), f(hi) and, when
 * 0 is inside, f(0): monotone on each side of 0. */
static int
box_family (const rs_act_type *t)
{
  for (size_t i = 0; rs_act_types[i] != NULL; i++)
    if (rs_act_types[i] == t)
      return 1;
  return 0;
}

/* The linear pieces of one layer's output on the domain: piece k is
 * [t[k], t[k + 1]], on which unit j outputs a + b x with a, b at
 * [k * units + j]. */
typedef struct {
  size_t n;
  size_t cap;
  size_t units;
  double *t;
  double *a;
  double *b;
} pieces;

/* Free the arrays (p itself is the caller's). */
static void
pieces_free (pieces *p)
{
  free (p->t);
  free (p->a);
  free (p->b);
}

/* Room for at least n pieces of `units` units. */
static int
pieces_reserve (pieces *p, size_t n, rs_error *err)
{
  size_t cap = p->cap > 0 ? p->cap : 16;
  double *t, *a, *b;

  if (n <= p->cap)
    return RS_OK;
  if (n > RS_PROBE_MAX_PIECES)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "the network has more than %d linear pieces on "
                         "the domain", RS_PROBE_MAX_PIECES);
  while (cap < n)
    cap *= 2;
  t = realloc (p->t, (cap + 1) * sizeof *t);
  if (t != NULL)
    p->t = t;
  a = realloc (p->a, cap * RS_NET_MAX_UNITS * sizeof *a);
  if (a != NULL)
    p->a = a;
  b = realloc (p->b, cap * RS_NET_MAX_UNITS * sizeof *b);
  if (b != NULL)
    p->b = b;
  if (t == NULL || a == NULL || b == NULL)
    return nomem (err);
  p->cap = cap;
  return RS_OK;
}

/* Append the piece [x0, x1] with maps (a, b), or extend the last piece
 * when its maps are the same. */
static int
pieces_push (pieces *p, double x0, double x1, const double *a,
             const double *b, rs_error *err)
{
  size_t u = p->units, k = p->n;
  int rc;

  if (k > 0 && memcmp (p->a + (k - 1) * u, a, u * sizeof *a) == 0
      && memcmp (p->b + (k - 1) * u, b, u * sizeof *b) == 0)
    {
      p->t[k] = x1;
      return RS_OK;
    }
  if ((rc = pieces_reserve (p, k + 1, err)) != RS_OK)
    return rc;
  memcpy (p->a + k * u, a, u * sizeof *a);
  memcpy (p->b + k * u, b, u * sizeof *b);
  p->t[k] = x0;
  p->t[k + 1] = x1;
  p->n = k + 1;
  return RS_OK;
}

/* Whether every unit's slope is 0 on every piece. */
static int
pieces_flat (const pieces *p)
{
  for (size_t i = 0; i < p->n * p->units; i++)
    if (p->b[i] != 0.0)
      return 0;
  return 1;
}

/* Insertion sort: at most RS_NET_MAX_UNITS values. */
static void
sort_doubles (double *v, size_t n)
{
  for (size_t i = 1; i < n; i++)
    for (size_t j = i; j > 0 && v[j - 1] > v[j]; j--)
      {
        double s = v[j];

        v[j] = v[j - 1];
        v[j - 1] = s;
      }
}

/* Layer l's z = A + B x on piece k of its input. */
static void
piece_pre (const rs_net *net, size_t l, const pieces *in, size_t k,
           double *A, double *B)
{
  const gsl_vector *th = rs_net_params_const (net);
  size_t nin = in->units;

  for (size_t j = 0; j < rs_net_units (net, l); j++)
    {
      A[j] = gsl_vector_get (th, rs_net_b_index (net, l, j));
      B[j] = 0.0;
      for (size_t q = 0; q < nin; q++)
        {
          double w = gsl_vector_get (th, rs_net_w_index (net, l, j, q));

          A[j] += w * in->a[k * nin + q];
          B[j] += w * in->b[k * nin + q];
        }
    }
}

/* Where some unit's z changes sign strictly inside (x0, x1), sorted and
 * without repeats; returns how many. */
static size_t
piece_roots (const double *A, const double *B, size_t units, double x0,
             double x1, double *roots)
{
  size_t m = 0, u = 0;

  for (size_t j = 0; j < units; j++)
    if (B[j] != 0.0 && -A[j] / B[j] > x0 && -A[j] / B[j] < x1)
      roots[m++] = -A[j] / B[j];
  sort_doubles (roots, m);
  for (size_t i = 0; i < m; i++)
    if (u == 0 || roots[i] != roots[u - 1])
      roots[u++] = roots[i];
  return u;
}

/* The outputs of layer l on [x0, x1], where no z changes sign inside: each
 * unit on the side of its kink that z takes at the midpoint. */
static int
piece_push (const rs_net *net, size_t l, const double *A, const double *B,
            double x0, double x1, pieces *out, rs_error *err)
{
  const rs_act_type *f = rs_net_get_spec (net)->act[l - 1];
  double a[RS_NET_MAX_UNITS], b[RS_NET_MAX_UNITS], mid = 0.5 * (x0 + x1);

  for (size_t j = 0; j < out->units; j++)
    {
      double p = unit_param (net, l, j);
      double s = A[j] + B[j] * mid > 0.0 ? f->value (1.0, p)
                                         : -f->value (-1.0, p);

      a[j] = s == 0.0 ? 0.0 : s * A[j];
      b[j] = s == 0.0 ? 0.0 : s * B[j];
    }
  return pieces_push (out, x0, x1, a, b, err);
}

/* The pieces of layer l's output from those of its input. */
static int
layer_pieces (const rs_net *net, size_t l, const pieces *in, pieces *out,
              rs_error *err)
{
  double A[RS_NET_MAX_UNITS], B[RS_NET_MAX_UNITS];
  double cut[RS_NET_MAX_UNITS + 2];
  int rc = RS_OK;

  out->n = 0;
  out->units = rs_net_units (net, l);
  for (size_t k = 0; k < in->n && rc == RS_OK; k++)
    {
      size_t m;

      piece_pre (net, l, in, k, A, B);
      cut[0] = in->t[k];
      m = piece_roots (A, B, out->units, in->t[k], in->t[k + 1], cut + 1);
      cut[m + 1] = in->t[k + 1];
      for (size_t i = 0; i <= m && rc == RS_OK; i++)
        rc = piece_push (net, l, A, B, cut[i], cut[i + 1], out, err);
    }
  return rc;
}

/* Every layer of net is piecewise linear; net has one input. */
static int
check_1d (const rs_net *net, rs_interval dom, rs_error *err)
{
  const rs_net_spec *sp = rs_net_get_spec (net);

  if (rs_net_inputs (net) != 1)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "the exact decision needs one input, not %zu",
                         rs_net_inputs (net));
  if (!(isfinite (dom.lo) && isfinite (dom.hi) && dom.lo < dom.hi))
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "the domain [%g, %g] is not a finite interval",
                         dom.lo, dom.hi);
  for (size_t l = 1; l <= sp->layers; l++)
    if (!piecewise_linear (sp->act[l - 1]))
      return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                           "layer %zu: %s is not piecewise linear (identity, "
                           "relu, leaky_relu or prelu)", l,
                           sp->act[l - 1]->name);
  return RS_OK;
}

int
rs_probe_constant_1d (const rs_net *net, rs_interval dom,
                      rs_probe_verdict *v, rs_error *err)
{
  pieces p[2] = { { 0, 0, 1, NULL, NULL, NULL },
                  { 0, 0, 1, NULL, NULL, NULL } };
  int rc, cur = 0;

  if ((rc = check_1d (net, dom, err)) != RS_OK)
    return rc;
  memset (v, 0, sizeof *v);
  v->exact = 1;
  if ((rc = pieces_push (&p[0], dom.lo, dom.hi, &(double) { 0.0 },
                         &(double) { 1.0 }, err)) != RS_OK)
    goto done;
  for (size_t l = 1; l <= rs_net_layers (net); l++)
    {
      if ((rc = layer_pieces (net, l, &p[cur], &p[1 - cur], err)) != RS_OK)
        goto done;
      cur = 1 - cur;
      v->pieces = p[cur].n;
      if (pieces_flat (&p[cur]))
        {
          v->constant = 1;
          v->layer = l;
          break;
        }
    }
done:
  pieces_free (&p[0]);
  pieces_free (&p[1]);
  return rc;
}

/* The range of f over [lo, hi]: at its ends, or at 0 when inside. */
static rs_interval
act_range (const rs_act_type *f, double p, double lo, double hi)
{
  double a = f->value (lo, p), b = f->value (hi, p);
  double m = fmin (a, b), M = fmax (a, b);

  if (lo < 0.0 && hi > 0.0)
    {
      m = fmin (m, f->value (0.0, p));
      M = fmax (M, f->value (0.0, p));
    }
  return rs_interval_make (m, M);
}

/* Layer l's output intervals from its input's: w.x + b is largest with
 * each x_k at the end that favours w_k. */
static void
layer_box (const rs_net *net, size_t l, const rs_interval *in,
           rs_interval *out)
{
  const gsl_vector *th = rs_net_params_const (net);
  const rs_act_type *f = rs_net_get_spec (net)->act[l - 1];

  for (size_t j = 0; j < rs_net_units (net, l); j++)
    {
      double lo = gsl_vector_get (th, rs_net_b_index (net, l, j)), hi = lo;

      for (size_t q = 0; q < rs_net_units (net, l - 1); q++)
        {
          double w = gsl_vector_get (th, rs_net_w_index (net, l, j, q));

          lo += fmin (w * in[q].lo, w * in[q].hi);
          hi += fmax (w * in[q].lo, w * in[q].hi);
        }
      out[j] = act_range (f, unit_param (net, l, j), lo, hi);
    }
}

int
rs_probe_constant_box (const rs_net *net, const rs_interval *box,
                       rs_probe_verdict *v, rs_error *err)
{
  rs_interval cur[RS_NET_MAX_UNITS], next[RS_NET_MAX_UNITS];
  const rs_net_spec *sp = rs_net_get_spec (net);

  for (size_t k = 0; k < rs_net_inputs (net); k++)
    if (!(isfinite (box[k].lo) && isfinite (box[k].hi)
          && box[k].lo < box[k].hi))
      return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                           "input %zu: [%g, %g] is not a finite interval",
                           k, box[k].lo, box[k].hi);
  for (size_t l = 1; l <= sp->layers; l++)
    if (!box_family (sp->act[l - 1]))
      return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                           "layer %zu: %s is not a family of rs_act.h", l,
                           sp->act[l - 1]->name);
  memset (v, 0, sizeof *v);
  memcpy (cur, box, rs_net_inputs (net) * sizeof *cur);
  for (size_t l = 1; l <= sp->layers && !v->constant; l++)
    {
      size_t j = 0;

      layer_box (net, l, cur, next);
      while (j < sp->sizes[l] && next[j].lo == next[j].hi)
        j++;
      if (j == sp->sizes[l])
        {
          v->constant = 1;
          v->layer = l;
        }
      memcpy (cur, next, sp->sizes[l] * sizeof *cur);
    }
  return RS_OK;
}

/* ---------------------------------------------------------------------
 * Born dead (C4)
 * ------------------------------------------------------------------- */

void
rs_probe_born_dead_default (rs_probe_born_dead_opts *o)
{
  memset (o, 0, sizeof *o);
  o->inputs = 1;
  o->width = 3;
  o->depth = 5;
  o->act = rs_act_relu;
  o->param = NAN;
  o->init = rs_init_he_normal;
  o->bias_dist = RS_PROBE_BIAS_CONSTANT;
  o->domain = rs_interval_make (-1.0, 1.0);
  o->trials = 1000;
  o->seed = 1;
}

int
rs_probe_born_dead_check (const rs_probe_born_dead_opts *o, rs_error *err)
{
  int rc;

  if ((rc = check_count ("the inputs", o->inputs, 1, RS_NET_MAX_UNITS, err))
      != RS_OK
      || (rc = check_count ("the width", o->width, 1, RS_NET_MAX_UNITS, err))
         != RS_OK
      || (rc = check_count ("the depth", o->depth, 1, RS_NET_MAX_LAYERS - 1,
                            err)) != RS_OK
      || (rc = check_act ("hidden", o->act, o->param, err)) != RS_OK)
    return rc;
  for (size_t l = 0; o->widths[0] != 0 && l < o->depth; l++)
    if ((rc = check_count ("each layer's width", o->widths[l], 1,
                           RS_NET_MAX_UNITS, err)) != RS_OK)
      return rc;
  if (o->inputs == 1 ? !piecewise_linear (o->act) : !box_family (o->act))
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "%s cannot be decided here: with one input the "
                         "hidden layers must be identity, relu, "
                         "leaky_relu or prelu", o->act->name);
  if (o->init == NULL || !isfinite (o->init_c) || !isfinite (o->bias)
      || (o->bias_dist != RS_PROBE_BIAS_CONSTANT
          && o->bias_dist != RS_PROBE_BIAS_NORMAL
          && o->bias_dist != RS_PROBE_BIAS_HE)
      || (o->bias_dist == RS_PROBE_BIAS_NORMAL && o->bias < 0.0))
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "the initialisation needs a scheme, finite "
                         "values and a bias distribution (a standard "
                         "deviation >= 0)");
  if (!(isfinite (o->domain.lo) && isfinite (o->domain.hi)
        && o->domain.lo < o->domain.hi))
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "the domain [%g, %g] is not a finite interval",
                         o->domain.lo, o->domain.hi);
  return RS_OK;
}

void
rs_probe_born_dead_clear (rs_probe_born_dead_result *r)
{
  memset (r, 0, sizeof *r);
}

/* An uninitialised network of o's shape. */
static rs_net *
born_dead_alloc (const rs_probe_born_dead_opts *o, rs_error *err)
{
  size_t sizes[RS_NET_MAX_LAYERS + 1];
  rs_net_spec spec;

  sizes[0] = o->inputs;
  for (size_t l = 1; l <= o->depth; l++)
    sizes[l] = o->widths[0] != 0 ? o->widths[l - 1] : o->width;
  sizes[o->depth + 1] = 1;
  rs_net_spec_init (&spec, o->depth + 1, sizes, o->act, rs_act_identity);
  for (size_t l = 0; l < o->depth; l++)
    spec.param[l] = family_param (o->act, o->param);
  return rs_net_alloc (&spec, err);
}

/* Trial t's weights, then (for normal biases) its biases, in the order of
 * the parameter vector. */
static int
born_dead_init (const rs_probe_born_dead_opts *o, size_t t, rs_net *net,
                gsl_rng *r, rs_error *err)
{
  int normal = o->bias_dist != RS_PROBE_BIAS_CONSTANT, rc;

  gsl_rng_set (r, trial_seed (o->seed, t, 0));
  rc = rs_net_init (net, o->init, o->init_c, normal ? 0.0 : o->bias, r, err);
  for (size_t l = 1; rc == RS_OK && normal && l <= rs_net_layers (net); l++)
    {
      double sd = o->bias_dist == RS_PROBE_BIAS_HE
                  ? sqrt (2.0 / (double) rs_net_units (net, l - 1)) : o->bias;

      for (size_t j = 0; j < rs_net_units (net, l); j++)
        gsl_vector_set (rs_net_params (net), rs_net_b_index (net, l, j),
                        gsl_ran_gaussian (r, sd));
    }
  return rc;
}

rs_net *
rs_probe_born_dead_net (const rs_probe_born_dead_opts *o, size_t t,
                        rs_error *err)
{
  rs_net *net;
  gsl_rng *r;

  if (rs_probe_born_dead_check (o, err) != RS_OK
      || (net = born_dead_alloc (o, err)) == NULL)
    return NULL;
  if ((r = rng_alloc (err)) == NULL || born_dead_init (o, t, net, r, err)
                                       != RS_OK)
    {
      rs_net_free (net);
      net = NULL;
    }
  gsl_rng_free (r);
  return net;
}

/* Decide one network: exactly with one input, by its box otherwise. */
static int
born_dead_decide (const rs_probe_born_dead_opts *o, const rs_net *net,
                  rs_probe_verdict *v, rs_error *err)
{
  rs_interval box[RS_NET_MAX_UNITS];

  if (o->inputs == 1)
    return rs_probe_constant_1d (net, o->domain, v, err);
  for (size_t k = 0; k < o->inputs; k++)
    box[k] = o->domain;
  return rs_probe_constant_box (net, box, v, err);
}

/* The estimate and its Wilson interval from the counts. */
static void
born_dead_refresh (rs_probe_born_dead_result *r)
{
  rs_interval ci = rs_probe_wilson (r->constant, r->trials, RS_PROBE_Z95);

  r->p = r->trials > 0 ? (double) r->constant / (double) r->trials : 0.0;
  r->lo = ci.lo;
  r->hi = ci.hi;
}

int
rs_probe_born_dead_run (const rs_probe_born_dead_opts *o, size_t first,
                        size_t last, rs_probe_born_dead_result *r,
                        rs_error *err)
{
  rs_probe_verdict v;
  rs_net *net;
  gsl_rng *rng;
  int rc;

  if ((rc = rs_probe_born_dead_check (o, err)) != RS_OK
      || (rc = check_range (first, last, r, err)) != RS_OK)
    return rc;
  if ((net = born_dead_alloc (o, err)) == NULL)
    return err != NULL ? err->code : RS_ENOMEM;
  if ((rng = rng_alloc (err)) == NULL)
    rc = RS_ENOMEM;
  for (size_t t = first; t < last && rc == RS_OK; t++)
    {
      if ((rc = born_dead_init (o, t, net, rng, err)) != RS_OK
          || (rc = born_dead_decide (o, net, &v, err)) != RS_OK)
        break;
      r->trials++;
      r->constant += (size_t) v.constant;
      if (v.constant)
        r->by_layer[v.layer]++;
    }
  r->lower_bound = o->inputs > 1;
  born_dead_refresh (r);
  gsl_rng_free (rng);
  rs_net_free (net);
  return rc;
}

int
rs_probe_born_dead (const rs_probe_born_dead_opts *o,
                    rs_probe_born_dead_result *r, rs_error *err)
{
  if (r == NULL)
    return check_range (0, 0, r, err);
  rs_probe_born_dead_clear (r);
  return rs_probe_born_dead_run (o, 0, o->trials, r, err);
}

/* ---------------------------------------------------------------------
 * Dead-unit sweep (C4, C8, C9)
 * ------------------------------------------------------------------- */

const char *
rs_probe_field_name (rs_probe_field f)
{
  static const char *const names[] = { "rate", "bias0", "decay", "alpha" };

  return (unsigned) f < 4 ? names[f] : "unknown";
}

void
rs_probe_sweep_default (rs_probe_sweep_opts *o)
{
  static const double values[] = { 0.01, 0.03, 0.1, 0.3 };
  static const size_t sizes[] = { 1, 16, 1 };

  memset (o, 0, sizeof *o);
  rs_sim_params_default (&o->base);
  o->base.gen = rs_data_sine_gen;
  o->base.n_points = 64;
  rs_net_spec_init (&o->base.net, 2, sizes, rs_act_relu, rs_act_identity);
  o->field = RS_PROBE_RATE;
  o->n_values = sizeof values / sizeof values[0];
  memcpy (o->values, values, sizeof values);
  o->seeds = 8;
}

size_t
rs_probe_sweep_trials (const rs_probe_sweep_opts *o)
{
  return o->n_values * o->seeds;
}

/* Hidden relu and leaky_relu layers as Leaky ReLU with alpha, or ReLU
 * for alpha = 0 (C8). */
static void
set_alpha (rs_sim_params *p, double alpha)
{
  for (size_t l = 0; l + 1 < p->net.layers; l++)
    if (p->net.act[l] == rs_act_relu || p->net.act[l] == rs_act_leaky_relu)
      {
        p->net.act[l] = alpha > 0.0 ? rs_act_leaky_relu : rs_act_relu;
        p->net.param[l] = alpha > 0.0 ? alpha : 0.0;
      }
  if (alpha > 0.0)
    p->alpha = alpha;
}

/* Set o's field to v in p. */
static int
set_field (rs_sim_params *p, rs_probe_field f, double v, rs_error *err)
{
  switch (f)
    {
    case RS_PROBE_RATE:
      p->rate = v;
      return RS_OK;
    case RS_PROBE_BIAS0:
      p->bias0 = v;
      return RS_OK;
    case RS_PROBE_DECAY:
      p->decay.lambda = v;
      p->decay.biases = 1;
      return RS_OK;
    case RS_PROBE_ALPHA:
      if (!(v >= 0.0 && v < 1.0))
        return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                             "alpha must be in [0, 1), not %g", v);
      set_alpha (p, v);
      return RS_OK;
    default:
      return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                           "no field number %d to vary", (int) f);
    }
}

int
rs_probe_sweep_params (const rs_probe_sweep_opts *o, size_t t,
                       rs_sim_params *p, rs_error *err)
{
  if (o->seeds < 1 || t >= rs_probe_sweep_trials (o)
      || o->n_values > RS_PROBE_MAX_VALUES)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "the sweep has no trial %zu", t);
  *p = o->base;
  p->seed = o->base.seed + t % o->seeds;
  return set_field (p, o->field, o->values[t / o->seeds], err);
}

int
rs_probe_sweep_check (const rs_probe_sweep_opts *o, rs_error *err)
{
  rs_sim_params p;
  int rc;

  if ((rc = check_count ("the number of values", o->n_values, 1,
                         RS_PROBE_MAX_VALUES, err)) != RS_OK
      || (rc = check_count ("the number of seeds", o->seeds, 1, 100000,
                            err)) != RS_OK)
    return rc;
  if (o->base.net.layers < 2)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "the sweep needs a network with hidden layers");
  for (size_t v = 0; v < o->n_values; v++)
    {
      rs_error e;

      if (rs_probe_sweep_params (o, v * o->seeds, &p, &e) != RS_OK
          || rs_sim_params_check (&p, &e) != RS_OK)
        return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "%s = %g: %s",
                             rs_probe_field_name (o->field), o->values[v],
                             e.message);
    }
  return RS_OK;
}

void
rs_probe_sweep_clear (rs_probe_sweep_result *r)
{
  memset (r, 0, sizeof *r);
}

/* The fraction of the hidden units that are dead now (C4). */
static double
hidden_dead (const rs_sim *s)
{
  rs_sim_unit list[RS_NET_MAX_LAYERS * RS_NET_MAX_UNITS];
  const rs_net *net = rs_sim_net (s);
  size_t n = rs_sim_dead_units (s, list, sizeof list / sizeof list[0]);
  size_t dead = 0;

  for (size_t i = 0; i < n; i++)
    dead += list[i].layer < rs_net_layers (net);
  return (double) dead / (double) rs_net_hidden_units (net);
}

/* Run trial t: its dead fraction at the start into *f0, at the end into
 * *f (NAN when the run diverged). */
static int
sweep_trial (const rs_probe_sweep_opts *o, size_t t, double *f0, double *f,
             rs_error *err)
{
  rs_sim_params p;
  rs_sim *s;
  int rc;

  if ((rc = rs_probe_sweep_params (o, t, &p, err)) != RS_OK)
    return rc;
  p.record_every = p.steps;   /* only the end is read */
  if ((s = rs_sim_alloc (&p, err)) == NULL)
    return err != NULL ? err->code : RS_EINVAL;
  *f0 = hidden_dead (s);
  *f = rs_sim_run (s) == RS_OK ? hidden_dead (s) : NAN;
  rs_sim_free (s);
  return RS_OK;
}

/* A value's means and t intervals from its sums. */
static void
sweep_refresh (rs_probe_sweep_point *pt)
{
  size_t m = pt->runs - pt->diverged;
  rs_interval c0 = t_interval (pt->sum0, pt->sum_sq0, pt->runs);
  rs_interval c = t_interval (pt->sum, pt->sum_sq, m);

  pt->mean0 = pt->runs > 0 ? pt->sum0 / (double) pt->runs : NAN;
  pt->lo0 = c0.lo;
  pt->hi0 = c0.hi;
  pt->mean = m > 0 ? pt->sum / (double) m : NAN;
  pt->lo = c.lo;
  pt->hi = c.hi;
}

int
rs_probe_sweep_run (const rs_probe_sweep_opts *o, size_t first, size_t last,
                    rs_probe_sweep_result *r, rs_error *err)
{
  int rc;

  if ((rc = rs_probe_sweep_check (o, err)) != RS_OK
      || (rc = check_range (first, last, r, err)) != RS_OK)
    return rc;
  if (last > rs_probe_sweep_trials (o))
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "the sweep has %zu trials, not %zu",
                         rs_probe_sweep_trials (o), last);
  if (r->n_values != 0 && r->n_values != o->n_values)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "the result holds %zu values, not %zu",
                         r->n_values, o->n_values);
  r->n_values = o->n_values;
  for (size_t v = 0; v < o->n_values; v++)
    r->point[v].value = o->values[v];
  for (size_t t = first; t < last && rc == RS_OK; t++)
    {
      rs_probe_sweep_point *pt = &r->point[t / o->seeds];
      double f0, f;

      if ((rc = sweep_trial (o, t, &f0, &f, err)) != RS_OK)
        break;
      pt->runs++;
      pt->sum0 += f0;
      pt->sum_sq0 += f0 * f0;
      if (isnan (f))
        pt->diverged++;
      else
        {
          pt->sum += f;
          pt->sum_sq += f * f;
        }
    }
  for (size_t v = 0; v < o->n_values; v++)
    sweep_refresh (&r->point[v]);
  return rc;
}

int
rs_probe_sweep (const rs_probe_sweep_opts *o, rs_probe_sweep_result *r,
                rs_error *err)
{
  if (r == NULL)
    return check_range (0, 0, r, err);
  rs_probe_sweep_clear (r);
  return rs_probe_sweep_run (o, 0, rs_probe_sweep_trials (o), r, err);
}
