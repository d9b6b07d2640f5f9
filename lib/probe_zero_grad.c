/* probe_zero_grad.c: the probability that an activation's derivative is
 * exactly 0 at z ~ N(mu, sigma^2) (C6, C8), counted through the family's
 * batch derivative as the backward pass computes it, beside the closed
 * form where the family has one (the zero_rules table). */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "probe_private.h"


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

  if ((rc = probe_check_act ("probed", o->act, o->param, err)) != RS_OK
      || (rc = rs_act_check_kink (o->kink, err)) != RS_OK
      || (rc = probe_check_count ("the samples per trial", o->samples, 1,
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
  p = probe_family_param (o->act, o->param);
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
  double z[256], d[256], p = probe_family_param (o->act, o->param);
  size_t zeros = 0;

  gsl_rng_set (r, probe_trial_seed (o->seed, t, 0));
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
      || (rc = probe_check_range (first, last, r, err)) != RS_OK)
    return rc;
  if ((rng = probe_rng_alloc (err)) == NULL)
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
    return probe_check_range (0, 0, r, err);
  rs_probe_zero_grad_clear (r);
  return rs_probe_zero_grad_run (o, 0, o->trials, r, err);
}
