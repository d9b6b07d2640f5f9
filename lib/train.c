/* train.c: optimisers, learning-rate schedules, clipping, weight decay
 * and the cures for dead units: bias warming and thermal kicks
 * (CONCEPTS.md C5 - C11).
 *
 * Optimisers and schedules are const tables, in GSL's manner: adding one
 * is adding a function and a table.  Everything works on a flat parameter
 * vector; the network is only asked what each entry is.  A vector whose
 * size does not match is left alone, since none of these functions can
 * report an error and a step on the wrong entries would be worse. */
#include <config.h>

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_randist.h>

#include "reluscape/rs_train.h"
#include "table_private.h"

/* ---------------------------------------------------------------------
 * Optimisers
 * ------------------------------------------------------------------- */

void
rs_optim_params_default (rs_optim_params *p)
{
  p->momentum = 0.9;
  p->rho = 0.99;
  p->beta1 = 0.9;
  p->beta2 = 0.999;
  p->eps = 1e-8;
}

/* RS_OK when v is in [0, 1); NaN fails both comparisons. */
static int
check_unit (const char *name, double v, rs_error *err)
{
  if (v >= 0.0 && v < 1.0)
    return RS_OK;
  return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                       "%s must be in [0, 1), not %g", name, v);
}

int
rs_optim_params_check (const rs_optim_params *p, rs_error *err)
{
  int rc;

  if ((rc = check_unit ("momentum", p->momentum, err)) != RS_OK
      || (rc = check_unit ("rho", p->rho, err)) != RS_OK
      || (rc = check_unit ("beta1", p->beta1, err)) != RS_OK
      || (rc = check_unit ("beta2", p->beta2, err)) != RS_OK)
    return rc;
  if (p->eps > 0.0 && p->eps <= 1.0)
    return RS_OK;
  return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                       "eps must be in (0, 1], not %g", p->eps);
}

/* theta -= eta g */
static void
gd_step (const rs_optim_params *p, double *theta, const double *g,
         double *state, size_t np, size_t t, double eta)
{
  (void) p, (void) state, (void) t;
  for (size_t i = 0; i < np; i++)
    theta[i] -= eta * g[i];
}

/* Heavy ball: v = mu v + g; theta -= eta v. */
static void
momentum_step (const rs_optim_params *p, double *theta, const double *g,
               double *state, size_t np, size_t t, double eta)
{
  double *v = state;

  (void) t;
  for (size_t i = 0; i < np; i++)
    {
      v[i] = p->momentum * v[i] + g[i];
      theta[i] -= eta * v[i];
    }
}

/* Nesterov, as PyTorch writes it: v = mu v + g; theta -= eta (g + mu v),
 * the gradient taken one momentum step ahead. */
static void
nesterov_step (const rs_optim_params *p, double *theta, const double *g,
               double *state, size_t np, size_t t, double eta)
{
  double *v = state;

  (void) t;
  for (size_t i = 0; i < np; i++)
    {
      v[i] = p->momentum * v[i] + g[i];
      theta[i] -= eta * (g[i] + p->momentum * v[i]);
    }
}

/* RMSProp: s = rho s + (1 - rho) g^2; theta -= eta g / (sqrt s + eps). */
static void
rmsprop_step (const rs_optim_params *p, double *theta, const double *g,
              double *state, size_t np, size_t t, double eta)
{
  double *s = state;

  (void) t;
  for (size_t i = 0; i < np; i++)
    {
      s[i] = p->rho * s[i] + (1.0 - p->rho) * g[i] * g[i];
      theta[i] -= eta * g[i] / (sqrt (s[i]) + p->eps);
    }
}

/* Adam: the two moments m (slot 0) and v (slot 1), each divided by
 * 1 - beta^t so that their start at 0 does not bias the first steps. */
static void
adam_step (const rs_optim_params *p, double *theta, const double *g,
           double *state, size_t np, size_t t, double eta)
{
  double *m = state, *v = state + np;
  double c1 = 1.0 - pow (p->beta1, (double) t);
  double c2 = 1.0 - pow (p->beta2, (double) t);

  for (size_t i = 0; i < np; i++)
    {
      m[i] = p->beta1 * m[i] + (1.0 - p->beta1) * g[i];
      v[i] = p->beta2 * v[i] + (1.0 - p->beta2) * g[i] * g[i];
      theta[i] -= eta * (m[i] / c1) / (sqrt (v[i] / c2) + p->eps);
    }
}

static const rs_optim_type gd_type = { "gd", 0, gd_step };
static const rs_optim_type momentum_type = { "momentum", 1, momentum_step };
static const rs_optim_type nesterov_type = { "nesterov", 1, nesterov_step };
static const rs_optim_type rmsprop_type = { "rmsprop", 1, rmsprop_step };
static const rs_optim_type adam_type = { "adam", 2, adam_step };

const rs_optim_type *const rs_optim_gd = &gd_type;
const rs_optim_type *const rs_optim_momentum = &momentum_type;
const rs_optim_type *const rs_optim_nesterov = &nesterov_type;
const rs_optim_type *const rs_optim_rmsprop = &rmsprop_type;
const rs_optim_type *const rs_optim_adam = &adam_type;

const rs_optim_type *const rs_optim_types[] = {
  &gd_type, &momentum_type, &nesterov_type, &rmsprop_type, &adam_type, NULL
};

RS_TABLE_LOOKUP (rs_optim_type, rs_optim_lookup, rs_optim_types)

/* The state vectors lie one after the other, slot k at state + k np, as
 * the step functions and rs_optim_save expect.  scratch holds a copy of
 * theta and grad for vectors that are not contiguous. */
struct rs_optim {
  const rs_optim_type *type;
  rs_optim_params p;
  size_t np;
  size_t t;
  double *state;
  double *scratch;
};

/* A zeroed array of n doubles, or NULL when n is 0. */
static int
alloc_doubles (double **a, size_t n)
{
  *a = NULL;
  if (n == 0)
    return 1;
  *a = calloc (n, sizeof **a);
  return *a != NULL;
}

rs_optim *
rs_optim_alloc (const rs_optim_type *t, const rs_optim_params *p, size_t np,
                rs_error *err)
{
  rs_optim *o;

  if (t == NULL)
    {
      rs_error_set (err, RS_EINVAL, NULL, 0, 0, "no optimiser given");
      return NULL;
    }
  if (p != NULL && rs_optim_params_check (p, err) != RS_OK)
    return NULL;
  o = calloc (1, sizeof *o);
  if (o == NULL || !alloc_doubles (&o->state, t->slots * np)
      || !alloc_doubles (&o->scratch, 2 * np))
    {
      rs_optim_free (o);
      rs_error_set (err, RS_ENOMEM, NULL, 0, 0,
                    "out of memory for an optimiser");
      return NULL;
    }
  o->type = t;
  o->np = np;
  if (p != NULL)
    o->p = *p;
  else
    rs_optim_params_default (&o->p);
  return o;
}

void
rs_optim_free (rs_optim *o)
{
  if (o == NULL)
    return;
  free (o->state);
  free (o->scratch);
  free (o);
}

void
rs_optim_reset (rs_optim *o)
{
  o->t = 0;
  if (o->state != NULL)
    memset (o->state, 0, o->type->slots * o->np * sizeof *o->state);
}

/* A strided theta or grad is copied to and from scratch, so that the step
 * functions only ever see contiguous arrays. */
static void
step_strided (rs_optim *o, gsl_vector *theta, const gsl_vector *grad,
              double eta)
{
  double *th = o->scratch, *g = o->scratch + o->np;

  for (size_t i = 0; i < o->np; i++)
    {
      th[i] = gsl_vector_get (theta, i);
      g[i] = gsl_vector_get (grad, i);
    }
  o->type->step (&o->p, th, g, o->state, o->np, o->t, eta);
  for (size_t i = 0; i < o->np; i++)
    gsl_vector_set (theta, i, th[i]);
}

void
rs_optim_step (rs_optim *o, gsl_vector *theta, const gsl_vector *grad,
               double eta)
{
  if (theta->size != o->np || grad->size != o->np)
    return;
  o->t++;
  if (theta->stride == 1 && grad->stride == 1)
    o->type->step (&o->p, theta->data, grad->data, o->state, o->np, o->t,
                   eta);
  else
    step_strided (o, theta, grad, eta);
}

const rs_optim_type *
rs_optim_get_type (const rs_optim *o)
{
  return o->type;
}

size_t
rs_optim_steps (const rs_optim *o)
{
  return o->t;
}

size_t
rs_optim_state_size (const rs_optim *o)
{
  return 1 + o->type->slots * o->np;
}

/* buf: [t, state...]; t is exact as a double up to 2^53 steps. */
void
rs_optim_save (const rs_optim *o, double *buf)
{
  buf[0] = (double) o->t;
  if (o->state != NULL)
    memcpy (buf + 1, o->state, o->type->slots * o->np * sizeof *buf);
}

void
rs_optim_load (rs_optim *o, const double *buf)
{
  o->t = buf[0] >= 0.0 && buf[0] < 0x1p53 ? (size_t) buf[0] : 0;
  if (o->state != NULL)
    memcpy (o->state, buf + 1, o->type->slots * o->np * sizeof *buf);
}

/* ---------------------------------------------------------------------
 * Learning-rate schedules
 * ------------------------------------------------------------------- */

static double
constant_factor (const rs_sched *s, size_t t)
{
  (void) s, (void) t;
  return 1.0;
}

/* gamma^floor(t / every): the integer division is the floor. */
static double
step_factor (const rs_sched *s, size_t t)
{
  size_t k = s->every > 0 ? t / s->every : 0;

  return pow (s->gamma, (double) k);
}

/* Half a cosine from 1 down to floor over total steps (SGDR without
 * restarts). */
static double
cosine_factor (const rs_sched *s, size_t t)
{
  double u;

  if (t >= s->total)
    return s->floor;
  u = (double) t / (double) s->total;
  return s->floor + (1.0 - s->floor) * (1.0 + cos (M_PI * u)) / 2.0;
}

/* A straight line from 1 down to floor over total steps. */
static double
linear_factor (const rs_sched *s, size_t t)
{
  if (t >= s->total)
    return s->floor;
  return 1.0 + (s->floor - 1.0) * (double) t / (double) s->total;
}

static const rs_sched_type constant_type = { "constant", constant_factor };
static const rs_sched_type step_type = { "step", step_factor };
static const rs_sched_type cosine_type = { "cosine", cosine_factor };
static const rs_sched_type linear_type = { "linear", linear_factor };

const rs_sched_type *const rs_sched_constant = &constant_type;
const rs_sched_type *const rs_sched_step = &step_type;
const rs_sched_type *const rs_sched_cosine = &cosine_type;
const rs_sched_type *const rs_sched_linear = &linear_type;

const rs_sched_type *const rs_sched_types[] = {
  &constant_type, &step_type, &cosine_type, &linear_type, NULL
};

RS_TABLE_LOOKUP (rs_sched_type, rs_sched_lookup, rs_sched_types)

/* Every field valid for every type, so that changing only the type gives
 * a schedule that passes rs_sched_check. */
void
rs_sched_default (rs_sched *s)
{
  memset (s, 0, sizeof *s);
  s->type = rs_sched_constant;
  s->every = 1;
  s->gamma = 1.0;
  s->total = 1;
  s->floor = 0.0;
}

/* The fields of a step schedule. */
static int
check_step (const rs_sched *s, rs_error *err)
{
  if (s->every < 1)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "step's every must be at least 1, not %zu",
                         s->every);
  if (s->gamma > 0.0 && s->gamma <= 1.0)
    return RS_OK;
  return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                       "step's gamma must be in (0, 1], not %g", s->gamma);
}

/* The fields of a cosine or linear schedule. */
static int
check_decay (const rs_sched *s, rs_error *err)
{
  if (s->total < 1)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "%s's total must be at least 1, not %zu",
                         s->type->name, s->total);
  if (s->floor >= 0.0 && s->floor <= 1.0)
    return RS_OK;
  return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                       "%s's floor must be in [0, 1], not %g",
                       s->type->name, s->floor);
}

int
rs_sched_check (const rs_sched *s, rs_error *err)
{
  if (s->type == NULL)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "no schedule given");
  if (s->type == rs_sched_step)
    return check_step (s, err);
  if (s->type == rs_sched_cosine || s->type == rs_sched_linear)
    return check_decay (s, err);
  return RS_OK;
}

/* The warm-up ramps the rate up as (t + 1) / W, reaching the full
 * schedule at step W; a schedule without a type counts as constant. */
double
rs_sched_factor (const rs_sched *s, size_t t)
{
  double f = s->type != NULL ? s->type->factor (s, t) : 1.0;

  if (t < s->warmup)
    f *= (double) (t + 1) / (double) s->warmup;
  return f;
}

/* ---------------------------------------------------------------------
 * Clipping and weight decay
 * ------------------------------------------------------------------- */

double
rs_train_clip (gsl_vector *grad, double max_norm)
{
  double norm = gsl_blas_dnrm2 (grad);

  if (max_norm > 0.0 && norm > max_norm)
    gsl_blas_dscal (max_norm / norm, grad);
  return norm;
}

/* C7: weights always, biases by choice, PReLU slopes never (a decayed
 * slope would pull Leaky ReLU back towards ReLU). */
int
rs_decay_applies (const rs_decay *d, const rs_net *net, size_t i)
{
  switch (rs_net_param_info (net, i).kind)
    {
    case RS_PARAM_WEIGHT:
      return 1;
    case RS_PARAM_BIAS:
      return d->biases != 0;
    default:
      return 0;
    }
}

/* Whether v has one entry per parameter of net. */
static int
fits (const rs_net *net, const gsl_vector *v)
{
  return v->size == rs_net_nparams (net);
}

/* Coupled decay is the gradient of (lambda / 2) |theta|^2 over the decayed
 * entries. */
void
rs_decay_grad (const rs_decay *d, const rs_net *net, const gsl_vector *theta,
               gsl_vector *grad)
{
  if (d->decoupled || d->lambda == 0.0 || !fits (net, theta)
      || !fits (net, grad))
    return;
  for (size_t i = 0; i < theta->size; i++)
    if (rs_decay_applies (d, net, i))
      gsl_vector_set (grad, i, gsl_vector_get (grad, i)
                               + d->lambda * gsl_vector_get (theta, i));
}

/* Decoupled decay (AdamW) shrinks theta directly, whatever the optimiser
 * makes of the gradient. */
void
rs_decay_step (const rs_decay *d, const rs_net *net, gsl_vector *theta,
               double eta)
{
  double c = 1.0 - eta * d->lambda;

  if (!d->decoupled || d->lambda == 0.0 || !fits (net, theta))
    return;
  for (size_t i = 0; i < theta->size; i++)
    if (rs_decay_applies (d, net, i))
      gsl_vector_set (theta, i, c * gsl_vector_get (theta, i));
}

/* ---------------------------------------------------------------------
 * Bias warming (C10)
 * ------------------------------------------------------------------- */

int
rs_warming_check (const rs_warming *w, rs_error *err)
{
  if (!(isfinite (w->gamma0) && w->gamma0 >= 0.0))
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "bias warming's gamma0 must be a finite number "
                         ">= 0, not %g", w->gamma0);
  if (w->shape != RS_WARM_LINEAR && w->shape != RS_WARM_COSINE)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "bias warming's shape must be linear or cosine, "
                         "not %d", (int) w->shape);
  if (w->hold > SIZE_MAX - w->start
      || w->anneal > SIZE_MAX - w->start - w->hold)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "bias warming's start + hold + anneal is too "
                         "large");
  return RS_OK;
}

/* gamma0 on [start, start + hold), then falling to 0 over anneal steps;
 * the comparisons are written as differences so that nothing overflows. */
double
rs_warming_gamma (const rs_warming *w, size_t t)
{
  double u;

  if (t < w->start)
    return 0.0;
  t -= w->start;
  if (t < w->hold)
    return w->gamma0;
  t -= w->hold;
  if (t >= w->anneal)
    return 0.0;
  u = (double) t / (double) w->anneal;
  if (w->shape == RS_WARM_COSINE)
    return w->gamma0 * (1.0 + cos (M_PI * u)) / 2.0;
  return w->gamma0 * (1.0 - u);
}

/* Only hidden units are warmed: the output layer has no dead units to
 * bring back, and shifting it would only move the prediction. */
void
rs_warming_shift (const rs_net *net, gsl_vector *theta, double gamma)
{
  if (!fits (net, theta))
    return;
  for (size_t l = 1; l < rs_net_layers (net); l++)
    for (size_t j = 0; j < rs_net_units (net, l); j++)
      {
        size_t i = rs_net_b_index (net, l, j);

        gsl_vector_set (theta, i, gsl_vector_get (theta, i) + gamma);
      }
}

/* ---------------------------------------------------------------------
 * Thermal kicks and Langevin dynamics (C11)
 * ------------------------------------------------------------------- */

int
rs_kick_check (const rs_kick_spec *k, const rs_net *net, rs_error *err)
{
  size_t L = rs_net_layers (net);

  if (!(isfinite (k->sigma) && k->sigma > 0.0))
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "a kick's sigma must be a finite number > 0, "
                         "not %g", k->sigma);
  if ((unsigned) k->target > RS_KICK_UNIT)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "unknown kick target %d", (int) k->target);
  if (k->target != RS_KICK_UNIT)
    return RS_OK;
  if (k->layer < 1 || k->layer > L)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "kick: the network has layers 1 to %zu, not %zu",
                         L, k->layer);
  if (k->unit >= rs_net_units (net, k->layer))
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "kick: layer %zu has units 0 to %zu, not %zu",
                         k->layer, rs_net_units (net, k->layer) - 1,
                         k->unit);
  return RS_OK;
}

int
rs_kick_applies (const rs_kick_spec *k, const rs_net *net, size_t i)
{
  rs_param_info p = rs_net_param_info (net, i);

  switch (k->target)
    {
    case RS_KICK_ALL:
      return 1;
    case RS_KICK_WEIGHTS:
      return p.kind == RS_PARAM_WEIGHT;
    case RS_KICK_BIASES:
      return p.kind == RS_PARAM_BIAS;
    case RS_KICK_UNIT:
      return p.kind != RS_PARAM_SLOPE && p.layer == k->layer
             && p.unit == k->unit;
    default:
      return 0;
    }
}

/* One draw per moved entry, in vector order, so that a seed fixes the
 * kick. */
void
rs_train_kick (const rs_kick_spec *k, const rs_net *net, gsl_vector *theta,
               gsl_rng *r)
{
  if (!fits (net, theta))
    return;
  for (size_t i = 0; i < theta->size; i++)
    if (rs_kick_applies (k, net, i))
      gsl_vector_set (theta, i, gsl_vector_get (theta, i)
                                + gsl_ran_gaussian (r, k->sigma));
}

/* The Euler-Maruyama step of d theta = -grad L dt + sqrt(2 T) dW.  At
 * T = 0 (or below) it is plain gradient descent and draws nothing from r,
 * so that a cold run does not use up random numbers. */
void
rs_train_langevin (gsl_vector *theta, const gsl_vector *grad, double eta,
                   double T, gsl_rng *r)
{
  double s = T > 0.0 ? sqrt (2.0 * eta * T) : 0.0;

  if (theta->size != grad->size)
    return;
  for (size_t i = 0; i < theta->size; i++)
    {
      double v = gsl_vector_get (theta, i) - eta * gsl_vector_get (grad, i);

      if (s > 0.0)
        v += s * gsl_ran_gaussian (r, 1.0);
      gsl_vector_set (theta, i, v);
    }
}
