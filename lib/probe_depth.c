/* probe_depth.c: the gradient reaching each layer against depth (C1):
 * for every depth L up to max_depth, a network of L layers of one
 * activation on random data, and the norms of dL/dW_l and dL/db_l of each
 * layer l, averaged (and their log10 spread) over seeded trials. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "probe_private.h"


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

  if ((rc = probe_check_count ("the depth", o->max_depth, 1,
                               RS_PROBE_MAX_DEPTH, err)) != RS_OK
      || (rc = probe_check_count ("the width", o->width, 1, RS_NET_MAX_UNITS,
                                  err)) != RS_OK
      || (rc = probe_check_count ("the outputs", o->outputs, 1,
                                  RS_NET_MAX_UNITS, err)) != RS_OK
      || (rc = probe_check_count ("the points", o->points, 1, 100000, err))
         != RS_OK
      || (rc = probe_check_act ("hidden", o->act, o->param, err)) != RS_OK
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
    spec.param[l] = probe_family_param (o->act, o->param);
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
  if (d->data == NULL || (d->rng = probe_rng_alloc (err)) == NULL)
    return err != NULL ? err->code : RS_ENOMEM;
  for (size_t L = 1; L <= o->max_depth; L++)
    {
      if ((d->net[L - 1] = depth_net (o, L, err)) == NULL
          || (d->w[L - 1] = rs_net_workspace_alloc (d->net[L - 1],
                                                   o->points, err)) == NULL)
        return err != NULL ? err->code : RS_ENOMEM;
      d->grad[L - 1] = gsl_vector_alloc (rs_net_nparams (d->net[L - 1]));
      if (d->grad[L - 1] == NULL)
        return probe_nomem (err);
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

/* Trial t's data: inputs and targets N(0, 1) from stream 0. */
static void
depth_data (const rs_probe_depth_opts *o, depth_ws *d, size_t t)
{
  rs_data *x = d->data;

  gsl_rng_set (d->rng, probe_trial_seed (o->seed, t, 0));
  for (size_t i = 0; i < x->n * x->dim; i++)
    x->x[i] = gsl_ran_gaussian (d->rng, 1.0);
  for (size_t i = 0; i < x->n * x->ydim; i++)
    x->y[i] = gsl_ran_gaussian (d->rng, 1.0);
}

/* ||dL/dW_l|| and ||dL/db_l|| of every layer l of the network of depth L
 * into wn[l - 1] and bn[l - 1], from its gradient; an error when one is
 * not finite. */
static int
depth_norms (const depth_ws *d, size_t L, size_t t, double *wn, double *bn,
             rs_error *err)
{
  const rs_net *net = d->net[L - 1];

  for (size_t l = 1; l <= L; l++)
    {
      size_t in = rs_net_units (net, l - 1), out = rs_net_units (net, l);

      wn[l - 1] = block_norm (d->grad[L - 1], rs_net_w_index (net, l, 0, 0),
                              in * out);
      bn[l - 1] = block_norm (d->grad[L - 1], rs_net_b_index (net, l, 0),
                              out);
      if (!isfinite (wn[l - 1]) || !isfinite (bn[l - 1]))
        return rs_error_set (err, RS_EDIVERGED, NULL, 0, 0,
                             "trial %zu, depth %zu: the gradient of "
                             "layer %zu is not finite", t, L, l);
    }
  return RS_OK;
}

/* Trial t: the data from stream 0, the weights of depth L from stream L;
 * wn and bn get ||dL/dW_l|| and ||dL/db_l|| at [L - 1][l - 1]. */
static int
depth_trial (const rs_probe_depth_opts *o, depth_ws *d, size_t t,
             double wn[][RS_PROBE_MAX_DEPTH], double bn[][RS_PROBE_MAX_DEPTH],
             rs_error *err)
{
  double loss;
  int rc;

  depth_data (o, d, t);
  for (size_t L = 1; L <= o->max_depth; L++)
    {
      rs_net *net = d->net[L - 1];

      gsl_rng_set (d->rng, probe_trial_seed (o->seed, t, L));
      if ((rc = rs_net_init (net, o->init, o->init_c, o->bias, d->rng, err))
          != RS_OK
          || (rc = rs_loss_net (net, rs_loss_mse_type, d->data, d->w[L - 1],
                                &loss, d->grad[L - 1], err)) != RS_OK
          || (rc = depth_norms (d, L, t, wn[L - 1], bn[L - 1], err)) != RS_OK)
        return rc;
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

/* Every cell's means after r->trials trials. */
static void
depth_refresh_all (rs_probe_depth_result *r)
{
  for (size_t L = 1; r->trials > 0 && L <= r->max_depth; L++)
    for (size_t l = 1; l <= L; l++)
      depth_refresh (&r->cell[L - 1][l - 1], r->trials);
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
      || (rc = probe_check_range (first, last, r, err)) != RS_OK)
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
  depth_refresh_all (r);
  depth_ws_free (&d);
  return rc;
}

int
rs_probe_depth (const rs_probe_depth_opts *o, rs_probe_depth_result *r,
                rs_error *err)
{
  if (r == NULL)
    return probe_check_range (0, 0, r, err);
  rs_probe_depth_clear (r);
  return rs_probe_depth_run (o, 0, o->trials, r, err);
}
