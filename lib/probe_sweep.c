/* probe_sweep.c: the fraction of dead hidden units at the start and after
 * training a scene (C4, C8, C9), against one setting (the learning rate,
 * the initial bias, weight decay or Leaky ReLU's alpha): a run per value
 * and seed, with the means and their t intervals. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "probe_private.h"

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

/* The learning rate (C4). */
static int
set_rate (rs_sim_params *p, double v, rs_error *err)
{
  (void) err;
  p->rate = v;
  return RS_OK;
}

/* Every initial bias (C9). */
static int
set_bias0 (rs_sim_params *p, double v, rs_error *err)
{
  (void) err;
  p->bias0 = v;
  return RS_OK;
}

/* Weight decay, on the biases too. */
static int
set_decay (rs_sim_params *p, double v, rs_error *err)
{
  (void) err;
  p->decay.lambda = v;
  p->decay.biases = 1;
  return RS_OK;
}

/* Hidden relu and leaky_relu layers as Leaky ReLU with alpha, or ReLU
 * for alpha = 0 (C8). */
static int
set_alpha (rs_sim_params *p, double alpha, rs_error *err)
{
  if (!(alpha >= 0.0 && alpha < 1.0))
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "alpha must be in [0, 1), not %g", alpha);
  for (size_t l = 0; l + 1 < p->net.layers; l++)
    if (p->net.act[l] == rs_act_relu || p->net.act[l] == rs_act_leaky_relu)
      {
        p->net.act[l] = alpha > 0.0 ? rs_act_leaky_relu : rs_act_relu;
        p->net.param[l] = alpha > 0.0 ? alpha : 0.0;
      }
  if (alpha > 0.0)
    p->alpha = alpha;
  return RS_OK;
}

/* What a sweep can vary, in the order of rs_probe_field: its name and
 * how a value goes into a run's parameters. */
static const struct {
  const char *name;
  int (*set) (rs_sim_params *p, double v, rs_error *err);
} fields[] = {
  { "rate", set_rate },
  { "bias0", set_bias0 },
  { "decay", set_decay },
  { "alpha", set_alpha }
};

#define N_FIELDS (sizeof fields / sizeof fields[0])

const char *
rs_probe_field_name (rs_probe_field f)
{
  return (unsigned) f < N_FIELDS ? fields[f].name : "unknown";
}

/* Set field f to v in p. */
static int
set_field (rs_sim_params *p, rs_probe_field f, double v, rs_error *err)
{
  if ((unsigned) f >= N_FIELDS)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "no field number %d to vary", (int) f);
  return fields[f].set (p, v, err);
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

  if ((rc = probe_check_count ("the number of values", o->n_values, 1,
                               RS_PROBE_MAX_VALUES, err)) != RS_OK
      || (rc = probe_check_count ("the number of seeds", o->seeds, 1,
                                  100000, err)) != RS_OK)
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

/* Add one run's dead fractions, at the start f0 and at the end f (NAN:
 * diverged), to its value's sums. */
static void
sweep_add (rs_probe_sweep_point *pt, double f0, double f)
{
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

/* A value's means and t intervals from its sums. */
static void
sweep_refresh (rs_probe_sweep_point *pt)
{
  size_t m = pt->runs - pt->diverged;
  rs_interval c0 = probe_t_interval (pt->sum0, pt->sum_sq0, pt->runs);
  rs_interval c = probe_t_interval (pt->sum, pt->sum_sq, m);

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
      || (rc = probe_check_range (first, last, r, err)) != RS_OK)
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
      sweep_add (pt, f0, f);
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
    return probe_check_range (0, 0, r, err);
  rs_probe_sweep_clear (r);
  return rs_probe_sweep_run (o, 0, rs_probe_sweep_trials (o), r, err);
}
