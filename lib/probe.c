/* probe.c: experiments made of independent, seeded trials: gradients
 * through depth (C1), the probability of a zero derivative (C6, C8),
 * networks born dead (C4) and dead units after training (C4, C8, C9),
 * each in a file of its own (probe_private.h lists them).  This file
 * holds what they share: the trials' seeds, the checks of their options
 * and ranges, and the intervals of their estimates.
 *
 * Every trial seeds its own generator from (seed, trial), so the caller
 * can run the trials in any ranges it likes; results are accumulated in
 * the caller's struct in the order of the trials, and the estimates are
 * refreshed after every range. */
#include <config.h>

#include <math.h>

#include <gsl/gsl_cdf.h>

#include "probe_private.h"
#include "seed_private.h"

/* The seed of stream `what` of trial t. */
unsigned long
probe_trial_seed (unsigned long seed, size_t t, size_t what)
{
  return rs_seed_mix (seed, t, (unsigned) what, 0);
}

/* A generator for the trials of one run call. */
gsl_rng *
probe_rng_alloc (rs_error *err)
{
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);

  if (r == NULL)
    rs_error_set (err, RS_ENOMEM, NULL, 0, 0,
                  "out of memory for a random number generator");
  return r;
}

/* RS_ENOMEM, with a message. */
int
probe_nomem (rs_error *err)
{
  return rs_error_set (err, RS_ENOMEM, NULL, 0, 0,
                       "out of memory for an experiment");
}

/* p, or the family's default when p is NAN. */
double
probe_family_param (const rs_act_type *t, double p)
{
  return isnan (p) ? t->param_default : p;
}

/* An activation with its parameter (NAN: the default), checked. */
int
probe_check_act (const char *what, const rs_act_type *t, double p,
                 rs_error *err)
{
  rs_error e;

  if (t == NULL)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "no %s activation",
                         what);
  if (rs_act_check_param (t, probe_family_param (t, p), &e) != RS_OK)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "the %s activation: %s",
                         what, e.message);
  return RS_OK;
}

/* RS_OK when lo <= v <= hi, or an error naming the option. */
int
probe_check_count (const char *name, size_t v, size_t lo, size_t hi,
                   rs_error *err)
{
  if (v >= lo && v <= hi)
    return RS_OK;
  return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                       "%s must be in [%zu, %zu], not %zu", name, lo, hi, v);
}

/* A domain that is a finite interval [lo, hi] with lo < hi. */
int
probe_check_domain (rs_interval dom, rs_error *err)
{
  if (isfinite (dom.lo) && isfinite (dom.hi) && dom.lo < dom.hi)
    return RS_OK;
  return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                       "the domain [%g, %g] is not a finite interval",
                       dom.lo, dom.hi);
}

/* A result to add to, and trials [first, last) that are a range. */
int
probe_check_range (size_t first, size_t last, const void *r, rs_error *err)
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
rs_interval
probe_t_interval (double s, double q, size_t m)
{
  double M = (double) m, mean, var, h;

  if (m < 2)
    return rs_interval_make (NAN, NAN);
  mean = s / M;
  var = fmax (0.0, (q - s * mean) / (M - 1.0));
  h = gsl_cdf_tdist_Pinv (0.975, M - 1.0) * sqrt (var / M);
  return rs_interval_make (fmax (0.0, mean - h), fmin (1.0, mean + h));
}
