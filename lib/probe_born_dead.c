/* probe_born_dead.c: the probability that a randomly initialised ReLU
 * network computes a constant function on its domain (C4): seeded
 * networks of one shape, each decided by probe_constant.c, counted with
 * the layer that made them constant and a Wilson interval. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "probe_private.h"


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

/* The network's shape: its inputs, widths and depth, and a hidden
 * activation that can be decided (exactly with one input, by a box
 * otherwise). */
static int
check_shape (const rs_probe_born_dead_opts *o, rs_error *err)
{
  int rc;

  if ((rc = probe_check_count ("the inputs", o->inputs, 1, RS_NET_MAX_UNITS,
                               err)) != RS_OK
      || (rc = probe_check_count ("the width", o->width, 1, RS_NET_MAX_UNITS,
                                  err)) != RS_OK
      || (rc = probe_check_count ("the depth", o->depth, 1,
                                  RS_NET_MAX_LAYERS - 1, err)) != RS_OK
      || (rc = probe_check_act ("hidden", o->act, o->param, err)) != RS_OK)
    return rc;
  for (size_t l = 0; o->widths[0] != 0 && l < o->depth; l++)
    if ((rc = probe_check_count ("each layer's width", o->widths[l], 1,
                                 RS_NET_MAX_UNITS, err)) != RS_OK)
      return rc;
  if (o->inputs == 1 ? !probe_piecewise_linear (o->act)
                     : !probe_box_family (o->act))
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "%s cannot be decided here: with one input the "
                         "hidden layers must be identity, relu, "
                         "leaky_relu or prelu", o->act->name);
  return RS_OK;
}

int
rs_probe_born_dead_check (const rs_probe_born_dead_opts *o, rs_error *err)
{
  int rc;

  if ((rc = check_shape (o, err)) != RS_OK)
    return rc;
  if (o->init == NULL || !isfinite (o->init_c) || !isfinite (o->bias)
      || (o->bias_dist != RS_PROBE_BIAS_CONSTANT
          && o->bias_dist != RS_PROBE_BIAS_NORMAL
          && o->bias_dist != RS_PROBE_BIAS_HE)
      || (o->bias_dist == RS_PROBE_BIAS_NORMAL && o->bias < 0.0))
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "the initialisation needs a scheme, finite "
                         "values and a bias distribution (a standard "
                         "deviation >= 0)");
  return probe_check_domain (o->domain, err);
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
    spec.param[l] = probe_family_param (o->act, o->param);
  return rs_net_alloc (&spec, err);
}

/* Trial t's weights, then (for normal biases) its biases, in the order of
 * the parameter vector. */
static int
born_dead_init (const rs_probe_born_dead_opts *o, size_t t, rs_net *net,
                gsl_rng *r, rs_error *err)
{
  int normal = o->bias_dist != RS_PROBE_BIAS_CONSTANT, rc;

  gsl_rng_set (r, probe_trial_seed (o->seed, t, 0));
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
  if ((r = probe_rng_alloc (err)) == NULL
      || born_dead_init (o, t, net, r, err) != RS_OK)
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
      || (rc = probe_check_range (first, last, r, err)) != RS_OK)
    return rc;
  if ((net = born_dead_alloc (o, err)) == NULL)
    return err != NULL ? err->code : RS_ENOMEM;
  if ((rng = probe_rng_alloc (err)) == NULL)
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
    return probe_check_range (0, 0, r, err);
  rs_probe_born_dead_clear (r);
  return rs_probe_born_dead_run (o, 0, o->trials, r, err);
}
