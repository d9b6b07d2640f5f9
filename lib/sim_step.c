/* sim_step.c: one step of a run (C4 - C11): the constants of the step
 * (rate, gamma, temperature), the network the step trains through (bias
 * warming's shift), the state's evaluation on all the data, the gradient
 * (full or a minibatch's), the update with clipping, decay, the optimiser
 * and Langevin noise, and frozen parameters held through all of it. */
#include <config.h>

#include <math.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_randist.h>

#include "sim_private.h"

/* The training state's rate, gamma and temperature at the current step. */
static void
step_constants (rs_sim *s)
{
  size_t t = s->cur.step;

  s->cur.rate = s->cur_r.rate * rs_sched_factor (&s->p.sched, t);
  s->cur.gamma = rs_warming_gamma (&s->p.warming, t);
  s->cur.temperature = s->cur_r.temp_set ? s->cur_r.temp
    : s->p.temperature > 0.0
    ? s->p.temperature * rs_sched_factor (&s->p.temp_sched, t) : 0.0;
}

/* The shifted network acts as the network does: the activations and the
 * kink change while the run goes on. */
static void
sync_shifted (rs_sim *s)
{
  const rs_net_spec *sp = rs_net_get_spec (s->net);
  const rs_net_spec *sh = rs_net_get_spec (s->shifted);

  for (size_t l = 1; l <= sp->layers; l++)
    if (sh->act[l - 1] != sp->act[l - 1]
        || sh->param[l - 1] != sp->param[l - 1])
      rs_net_set_act (s->shifted, l, sp->act[l - 1], sp->param[l - 1], NULL);
  if (sh->kink != sp->kink)
    rs_net_set_kink (s->shifted, sp->kink, NULL);
}

/* theta of net (s's network or one of its shape) shifted by gamma as
 * bias warming trains: the single neuron's bias, or every ReLU-family
 * unit's (rs_warming_shift). */
void
sim_warm_shift (const rs_sim *s, rs_net *net, gsl_vector *theta,
                double gamma)
{
  if (rs_sim_is_neuron (s))
    *gsl_vector_ptr (theta, rs_net_b_index (net, 1, 0)) += gamma;
  else
    rs_warming_shift (net, theta, gamma);
}

/* The network the step trains through: shifted by gamma when warming. */
static const rs_net *
training_net (rs_sim *s)
{
  if (s->cur.gamma == 0.0)
    return s->net;
  sync_shifted (s);
  gsl_vector_memcpy (rs_net_params (s->shifted), rs_net_params (s->net));
  sim_warm_shift (s, s->shifted, rs_net_params (s->shifted), s->cur.gamma);
  return s->shifted;
}

/* Keep the single neuron's view in step with the network. */
static void
sync_neuron (rs_sim *s)
{
  const rs_net_spec *sp = rs_net_get_spec (s->net);
  const gsl_vector *th = rs_net_params_const (s->net);

  s->u.act = sp->act[0];
  s->u.alpha = sp->param[0];
  s->u.kink = sp->kink;
  s->u.w = gsl_vector_get (th, 0);
  s->u.b = gsl_vector_get (th, rs_net_b_index (s->net, 1, 0));
}

/* Frozen parameters (freeze): no gradient, and their values kept while
 * an update or a kick changes theta, then put back, so that whatever
 * training does (any optimiser, decay, noise, kicks) leaves them as they
 * were. */
void
sim_zero_frozen (const rs_sim *s, gsl_vector *g)
{
  for (size_t i = 0; s->frozen != NULL && i < s->np; i++)
    if (s->frozen[i])
      gsl_vector_set (g, i, 0.0);
}

void
sim_hold_frozen (rs_sim *s)
{
  const gsl_vector *theta = rs_net_params (s->net);

  for (size_t i = 0; s->frozen != NULL && i < s->np; i++)
    s->keep[i] = gsl_vector_get (theta, i);
}

void
sim_restore_frozen (rs_sim *s)
{
  gsl_vector *theta = rs_net_params (s->net);

  for (size_t i = 0; s->frozen != NULL && i < s->np; i++)
    if (s->frozen[i])
      gsl_vector_set (theta, i, s->keep[i]);
}


/* Evaluate the current state on all the data: loss, gradient (kept for a
 * full-batch step), gradient norm, activity; then the stop rules. */
void
sim_evaluate (rs_sim *s)
{
  const rs_net *tn;
  int rc, layer_dead;

  step_constants (s);
  sync_neuron (s);
  s->cur.w = s->u.w;
  s->cur.b = s->u.b;
  tn = training_net (s);
  rc = rs_loss_net (tn, s->p.loss, s->data, s->w, &s->cur.loss, s->grad,
                    NULL);
  sim_zero_frozen (s, s->grad);
  s->cur.gnorm = gsl_blas_dnrm2 (s->grad);
  s->cur.dead = sim_count_dead (s, NULL, 0, &layer_dead, &s->cur.active);
  sim_note_stops (s, rc, layer_dead);
}

static void
fill_batch (rs_sim *s)
{
  size_t n = s->data->n, B = s->p.batch, per = (n + B - 1) / B;
  size_t epoch = s->cur.step / per, k = s->cur.step % per;
  size_t first = k * B, m = first + B <= n ? B : n - first;
  rs_data *b = s->batch;

  if (epoch != s->epoch)
    {
      for (size_t i = 0; i < n; i++)
        s->order[i] = i;
      gsl_ran_shuffle (sim_stream (s, STREAM_BATCH, epoch, 0), s->order, n,
                       sizeof *s->order);
      s->epoch = epoch;
    }
  b->n = m;
  for (size_t i = 0; i < m; i++)
    {
      size_t q = s->order[first + i];

      memcpy (b->x + i * b->dim, s->data->x + q * b->dim,
              b->dim * sizeof (double));
      memcpy (b->y + i * b->ydim, s->data->y + q * b->ydim,
              b->ydim * sizeof (double));
    }
}

/* The gradient of this step: the full one already known, or a
 * minibatch's. */
static gsl_vector *
step_gradient (rs_sim *s)
{
  if (s->p.batch == 0 || s->p.batch >= s->data->n)
    return s->grad;
  fill_batch (s);
  rs_loss_net (training_net (s), s->p.loss, s->batch, s->wb,
               &(double) { 0.0 }, s->bgrad, NULL);
  return s->bgrad;
}

/* One update of the parameters: clipping, decay, the optimiser, noise. */
static void
update (rs_sim *s)
{
  gsl_vector *theta = rs_net_params (s->net), *g = step_gradient (s);
  double eta = s->cur.rate, T = s->cur.temperature;

  sim_hold_frozen (s);
  sim_zero_frozen (s, g);
  rs_train_clip (g, s->p.clip);
  rs_decay_grad (&s->p.decay, s->net, theta, g);
  rs_decay_step (&s->p.decay, s->net, theta, eta);
  rs_optim_step (s->opt, theta, g, eta);
  if (T > 0.0)
    {
      gsl_rng *r = sim_stream (s, STREAM_LANGEVIN, s->cur.step, 0);

      for (size_t i = 0; i < theta->size; i++)
        gsl_vector_set (theta, i, gsl_vector_get (theta, i)
                        + sqrt (2.0 * eta * T) * gsl_ran_gaussian (r, 1.0));
    }
  sim_restore_frozen (s);
}


int
rs_sim_iterate (rs_sim *s)
{
  if (s->diverged)
    return RS_EDIVERGED;
  sim_apply_timeline (s);
  if (s->diverged)
    return RS_EDIVERGED;
  update (s);
  s->cur.step++;
  s->kicks_here = 0;
  s->cur_r.events_done = 0;
  sim_evaluate (s);
  s->cur.events = 0;
  if (s->cur.step % s->p.record_every == 0 || s->cur.step == s->p.steps
      || s->diverged)
    sim_store (s);
  return s->diverged ? RS_EDIVERGED : RS_OK;
}

int
rs_sim_run (rs_sim *s)
{
  while (s->cur.step < s->p.steps)
    if (rs_sim_iterate (s) != RS_OK)
      return RS_EDIVERGED;
  return RS_OK;
}
