/* net.c: small fully connected networks, their parameter names and
 * initialisers; the single neuron of the landscape scenes. */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "net_private.h"
#include "table_private.h"

void
rs_net_spec_init (rs_net_spec *spec, size_t layers, const size_t *sizes,
                  const rs_act_type *hidden, const rs_act_type *output)
{
  memset (spec, 0, sizeof *spec);
  spec->layers = layers;
  for (size_t l = 0; l <= layers && l <= RS_NET_MAX_LAYERS; l++)
    spec->sizes[l] = sizes[l];
  for (size_t l = 0; l < layers && l < RS_NET_MAX_LAYERS; l++)
    {
      spec->act[l] = l + 1 == layers ? output : hidden;
      spec->param[l] = spec->act[l] != NULL ? spec->act[l]->param_default
                                            : 0.0;
    }
  spec->kink = 0.0;
}

int
rs_net_spec_check (const rs_net_spec *spec, rs_error *err)
{
  if (spec->layers < 1 || spec->layers > RS_NET_MAX_LAYERS)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "a network has 1 to %d layers, not %zu",
                         RS_NET_MAX_LAYERS, spec->layers);
  if (spec->sizes[0] < 1 || spec->sizes[0] > RS_NET_MAX_INPUTS)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "the input layer has %zu units; 1 to %d are "
                         "allowed", spec->sizes[0], RS_NET_MAX_INPUTS);
  for (size_t l = 1; l <= spec->layers; l++)
    if (spec->sizes[l] < 1 || spec->sizes[l] > RS_NET_MAX_UNITS)
      return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                           "layer %zu has %zu units; 1 to %d are allowed",
                           l, spec->sizes[l], RS_NET_MAX_UNITS);
  for (size_t l = 0; l < spec->layers; l++)
    {
      rs_error e;
      int rc;

      if (spec->act[l] == NULL)
        return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                             "layer %zu has no activation", l + 1);
      rc = rs_act_check_param (spec->act[l], spec->param[l], &e);
      if (rc != RS_OK)
        return rs_error_set (err, rc, NULL, 0, 0, "layer %zu: %s", l + 1,
                             e.message);
    }
  return rs_act_check_kink (spec->kink, err);
}

/* Lay the parameters out layer by layer: W_l, b_l, then the slopes. */
static void
layout (rs_net *net)
{
  size_t off = 0;

  for (size_t l = 1; l <= net->spec.layers; l++)
    {
      size_t in = net->spec.sizes[l - 1], out = net->spec.sizes[l];

      net->w_off[l] = off;
      off += out * in;
      net->b_off[l] = off;
      off += out;
      net->s_off[l] = SIZE_MAX;
      if (net->spec.act[l - 1]->trainable)
        {
          net->s_off[l] = off;
          off += out;
        }
    }
  net->nparams = off;
}

rs_net *
rs_net_alloc (const rs_net_spec *spec, rs_error *err)
{
  rs_net *net;

  if (rs_net_spec_check (spec, err) != RS_OK)
    return NULL;
  net = calloc (1, sizeof *net);
  if (net == NULL)
    goto nomem;
  net->spec = *spec;
  layout (net);
  net->theta = gsl_vector_calloc (net->nparams);
  if (net->theta == NULL)
    goto nomem;
  for (size_t l = 1; l <= spec->layers; l++)
    for (size_t j = 0; net->s_off[l] != SIZE_MAX && j < spec->sizes[l]; j++)
      gsl_vector_set (net->theta, net->s_off[l] + j, spec->param[l - 1]);
  return net;

nomem:
  rs_net_free (net);
  rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory for a network");
  return NULL;
}

void
rs_net_free (rs_net *net)
{
  if (net == NULL)
    return;
  if (net->theta != NULL)
    gsl_vector_free (net->theta);
  free (net);
}

rs_net *
rs_net_clone (const rs_net *net, rs_error *err)
{
  rs_net *c = rs_net_alloc (&net->spec, err);

  if (c != NULL)
    gsl_vector_memcpy (c->theta, net->theta);
  return c;
}

const rs_net_spec *
rs_net_get_spec (const rs_net *net)
{
  return &net->spec;
}

size_t
rs_net_layers (const rs_net *net)
{
  return net->spec.layers;
}

size_t
rs_net_units (const rs_net *net, size_t l)
{
  return l <= net->spec.layers ? net->spec.sizes[l] : 0;
}

size_t
rs_net_inputs (const rs_net *net)
{
  return net->spec.sizes[0];
}

size_t
rs_net_outputs (const rs_net *net)
{
  return net->spec.sizes[net->spec.layers];
}

size_t
rs_net_hidden_units (const rs_net *net)
{
  size_t h = 0;

  for (size_t l = 1; l < net->spec.layers; l++)
    h += net->spec.sizes[l];
  return h;
}

size_t
rs_net_nparams (const rs_net *net)
{
  return net->nparams;
}

gsl_vector *
rs_net_params (rs_net *net)
{
  return net->theta;
}

const gsl_vector *
rs_net_params_const (const rs_net *net)
{
  return net->theta;
}

int
rs_net_set_kink (rs_net *net, double s, rs_error *err)
{
  int rc = rs_act_check_kink (s, err);

  if (rc == RS_OK)
    net->spec.kink = s;
  return rc;
}

/* For a PReLU layer p is the slope rs_net_init starts each unit at. */
int
rs_net_set_param (rs_net *net, size_t l, double p, rs_error *err)
{
  int rc;

  if (l < 1 || l > net->spec.layers)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "the network has no layer %zu (1 to %zu)", l,
                         net->spec.layers);
  rc = rs_act_check_param (net->spec.act[l - 1], p, err);
  if (rc == RS_OK)
    net->spec.param[l - 1] = p;
  return rc;
}

int
rs_net_set_act (rs_net *net, size_t l, const rs_act_type *t, double p,
                rs_error *err)
{
  int rc;

  if (l < 1 || l > net->spec.layers || t == NULL)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "the network has no layer %zu (1 to %zu)", l,
                         net->spec.layers);
  if (t->trainable != net->spec.act[l - 1]->trainable)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "layer %zu cannot change from %s to %s: trainable "
                         "slopes would change the parameters", l,
                         net->spec.act[l - 1]->name, t->name);
  rc = rs_act_check_param (t, p, err);
  if (rc != RS_OK)
    return rc;
  net->spec.act[l - 1] = t;
  net->spec.param[l - 1] = p;
  return RS_OK;
}

size_t
rs_net_w_index (const rs_net *net, size_t l, size_t j, size_t k)
{
  return net->w_off[l] + j * net->spec.sizes[l - 1] + k;
}

size_t
rs_net_b_index (const rs_net *net, size_t l, size_t j)
{
  return net->b_off[l] + j;
}

size_t
rs_net_slope_index (const rs_net *net, size_t l, size_t j)
{
  return net->s_off[l] == SIZE_MAX ? SIZE_MAX : net->s_off[l] + j;
}

rs_param_info
rs_net_param_info (const rs_net *net, size_t i)
{
  rs_param_info p = { RS_PARAM_WEIGHT, 0, 0, 0 };
  size_t l = net->spec.layers;

  while (l > 1 && i < net->w_off[l])
    l--;
  p.layer = l;
  if (i < net->b_off[l])
    {
      p.unit = (i - net->w_off[l]) / net->spec.sizes[l - 1];
      p.input = (i - net->w_off[l]) % net->spec.sizes[l - 1];
    }
  else if (i < net->b_off[l] + net->spec.sizes[l])
    {
      p.kind = RS_PARAM_BIAS;
      p.unit = i - net->b_off[l];
    }
  else
    {
      p.kind = RS_PARAM_SLOPE;
      p.unit = i - net->s_off[l];
    }
  return p;
}

char *
rs_net_param_name (const rs_net *net, size_t i, char *buf, size_t n)
{
  rs_param_info p = rs_net_param_info (net, i);

  if (p.kind == RS_PARAM_WEIGHT)
    snprintf (buf, n, "W%zu[%zu][%zu]", p.layer, p.unit, p.input);
  else
    snprintf (buf, n, "%c%zu[%zu]", p.kind == RS_PARAM_BIAS ? 'b' : 'a',
              p.layer, p.unit);
  return buf;
}

/* Read a decimal index at *s: digits only, no sign, no space and no
 * leading zero, so that each parameter has exactly one name. */
static int
read_index (const char **s, size_t *v)
{
  char *end;
  unsigned long long u;

  if (!isdigit ((unsigned char) **s)
      || ((*s)[0] == '0' && isdigit ((unsigned char) (*s)[1])))
    return 0;
  errno = 0;
  u = strtoull (*s, &end, 10);
  if (errno != 0 || u > 1000000)
    return 0;
  *v = (size_t) u;
  *s = end;
  return 1;
}

/* Read "[index]" at *s. */
static int
read_bracket (const char **s, size_t *v)
{
  if (**s != '[')
    return 0;
  (*s)++;
  if (!read_index (s, v) || **s != ']')
    return 0;
  (*s)++;
  return 1;
}

/* Split a name into its letter, layer, unit and (for W) input. */
static int
parse_name (const char *name, char *kind, size_t *l, size_t *j, size_t *k)
{
  const char *s = name + 1;

  *kind = name[0];
  *k = 0;
  if (*kind != 'W' && *kind != 'b' && *kind != 'a')
    return 0;
  if (!read_index (&s, l) || !read_bracket (&s, j))
    return 0;
  if (*kind == 'W' && !read_bracket (&s, k))
    return 0;
  return *s == '\0';
}

int
rs_net_param_lookup (const rs_net *net, const char *name, size_t *index,
                     rs_error *err)
{
  char kind;
  size_t l, j, k;

  if (name == NULL || !parse_name (name, &kind, &l, &j, &k))
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "'%s' is not a parameter name: names look like "
                         "W1[0][1], b1[0] or a1[0]",
                         name != NULL ? name : "(null)");
  if (l < 1 || l > net->spec.layers)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "%s: the network has layers 1 to %zu", name,
                         net->spec.layers);
  if (j >= net->spec.sizes[l])
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "%s: layer %zu has units 0 to %zu", name, l,
                         net->spec.sizes[l] - 1);
  if (kind == 'W' && k >= net->spec.sizes[l - 1])
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "%s: layer %zu has inputs 0 to %zu", name, l,
                         net->spec.sizes[l - 1] - 1);
  if (kind == 'a' && net->s_off[l] == SIZE_MAX)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "%s: layer %zu has no trainable slope (its "
                         "activation is %s, not prelu)", name, l,
                         net->spec.act[l - 1]->name);
  *index = kind == 'W' ? rs_net_w_index (net, l, j, k)
         : kind == 'b' ? rs_net_b_index (net, l, j)
         : rs_net_slope_index (net, l, j);
  return RS_OK;
}

int
rs_net_set (rs_net *net, const char *name, double value, rs_error *err)
{
  size_t i;
  int rc = rs_net_param_lookup (net, name, &i, err);

  if (rc != RS_OK)
    return rc;
  if (!isfinite (value))
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "%s: a parameter must be a finite number", name);
  gsl_vector_set (net->theta, i, value);
  return RS_OK;
}

/* He: variance 2 / fan_in keeps the second moment of ReLU activations
 * constant from layer to layer. */
static double
he_normal_draw (size_t fan_in, size_t fan_out, double c, gsl_rng *r)
{
  (void) fan_out, (void) c;
  return gsl_ran_gaussian (r, sqrt (2.0 / (double) fan_in));
}

/* U(-a, a) has variance a^2 / 3; a = sqrt(6 / fan_in) gives 2 / fan_in. */
static double
he_uniform_draw (size_t fan_in, size_t fan_out, double c, gsl_rng *r)
{
  double a = sqrt (6.0 / (double) fan_in);

  (void) fan_out, (void) c;
  return gsl_ran_flat (r, -a, a);
}

/* Glorot: variance 2 / (fan_in + fan_out), a compromise between keeping
 * the forward and the backward signal. */
static double
xavier_normal_draw (size_t fan_in, size_t fan_out, double c, gsl_rng *r)
{
  (void) c;
  return gsl_ran_gaussian (r, sqrt (2.0 / (double) (fan_in + fan_out)));
}

static double
xavier_uniform_draw (size_t fan_in, size_t fan_out, double c, gsl_rng *r)
{
  double a = sqrt (6.0 / (double) (fan_in + fan_out));

  (void) c;
  return gsl_ran_flat (r, -a, a);
}

static double
constant_draw (size_t fan_in, size_t fan_out, double c, gsl_rng *r)
{
  (void) fan_in, (void) fan_out, (void) r;
  return c;
}

static const rs_init_type he_normal_type = { "he_normal", he_normal_draw };
static const rs_init_type he_uniform_type = { "he_uniform",
                                              he_uniform_draw };
static const rs_init_type xavier_normal_type = { "xavier_normal",
                                                 xavier_normal_draw };
static const rs_init_type xavier_uniform_type = { "xavier_uniform",
                                                  xavier_uniform_draw };
static const rs_init_type constant_type = { "constant", constant_draw };

const rs_init_type *const rs_init_he_normal = &he_normal_type;
const rs_init_type *const rs_init_he_uniform = &he_uniform_type;
const rs_init_type *const rs_init_xavier_normal = &xavier_normal_type;
const rs_init_type *const rs_init_xavier_uniform = &xavier_uniform_type;
const rs_init_type *const rs_init_constant = &constant_type;

const rs_init_type *const rs_init_types[] = {
  &he_normal_type, &he_uniform_type, &xavier_normal_type,
  &xavier_uniform_type, &constant_type, NULL
};

RS_TABLE_LOOKUP (rs_init_type, rs_init_lookup, rs_init_types)

int
rs_net_init (rs_net *net, const rs_init_type *t, double c, double bias,
             gsl_rng *r, rs_error *err)
{
  if (t == NULL)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "no initialiser given");
  if (!isfinite (c) || !isfinite (bias))
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "initial values must be finite numbers");
  if (r == NULL && t != rs_init_constant)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "%s needs a random number generator", t->name);
  for (size_t l = 1; l <= net->spec.layers; l++)
    {
      size_t in = net->spec.sizes[l - 1], out = net->spec.sizes[l];

      for (size_t j = 0; j < out; j++)
        {
          for (size_t k = 0; k < in; k++)
            gsl_vector_set (net->theta, rs_net_w_index (net, l, j, k),
                            t->draw (in, out, c, r));
          gsl_vector_set (net->theta, rs_net_b_index (net, l, j), bias);
          if (net->s_off[l] != SIZE_MAX)
            gsl_vector_set (net->theta, net->s_off[l] + j,
                            net->spec.param[l - 1]);
        }
    }
  return RS_OK;
}

size_t
rs_neuron_active (const rs_neuron *u, const rs_data *d)
{
  size_t k = 0;

  for (size_t i = 0; i < d->n; i++)
    if (rs_neuron_pre (u, d->x[i]) > 0.0)
      k++;
  return k;
}

/* max_i w x_i is reached at one end of the x range since it is linear. */
double
rs_neuron_dead_bias (double w, const rs_data *d)
{
  rs_interval r = rs_data_x_range (d);
  double m = w * r.lo > w * r.hi ? w * r.lo : w * r.hi;

  return -m;
}
