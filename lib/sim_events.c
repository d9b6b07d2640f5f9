/* sim_events.c: what changes a run on its way (C8 - C11): the timeline's
 * events (alpha, rate, beats), the scheduled, automatic and interactive
 * kicks, the caller's changes of activation, rate and temperature, and
 * the versions of the training settings (optimiser, warming, decay,
 * kink) that rs_sim_set_training adds and a rewind brings back.  Every
 * change is recorded as a new point of the same step. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include "sim_private.h"

char *
rs_sim_event_names (unsigned events, char *buf, size_t n)
{
  static const char *const names[] = { "start", "kick", "act", "rate",
                                       "beat", "autokick", "train" };
  size_t k = 0;

  if (n > 0)
    buf[0] = '\0';
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (events & (1u << i) && k < n)
      k += (size_t) snprintf (buf + k, n - k, "%s%s", k > 0 ? "+" : "",
                              names[i]);
  return buf;
}

/* A kick of k drawn from r; 1 when it moved anything. */
static int
kick (rs_sim *s, const rs_kick_spec *k, gsl_rng *r)
{
  if (rs_kick_check (k, s->net, NULL) != RS_OK)
    return 0;
  sim_hold_frozen (s);
  rs_train_kick (k, s->net, rs_net_params (s->net), r);
  sim_restore_frozen (s);
  s->cur_r.stuck_since = NOT_STUCK;
  /* an automatic kick waits its patience again, wherever this one lands */
  s->cur_r.low_since = 0;
  return 1;
}

/* A kick recorded as a new point. */
static void
kick_now (rs_sim *s, const rs_kick_spec *k, gsl_rng *r, unsigned events)
{
  if (kick (s, k, r))
    sim_record_change (s, events);
}

/* The scheduled kicks due now, each from an mt19937 seeded with its seed,
 * in table order, recorded as one point. */
static void
apply_kicks (rs_sim *s)
{
  int moved = 0;

  for (size_t i = 0; i < s->p.n_kicks; i++)
    {
      const rs_kick *k = &s->p.kicks[i];
      rs_kick_spec ks = { k->target, k->layer, k->unit, k->sigma };

      if (k->step != s->cur.step)
        continue;
      gsl_rng_set (s->krng, k->seed);
      moved |= kick (s, &ks, s->krng);
    }
  if (moved)
    sim_record_change (s, RS_EVENT_KICK);
}

/* Set every ReLU-family layer to act with parameter alpha. */
static int
set_relu_layers (rs_sim *s, const rs_act_type *act, double alpha)
{
  const rs_net_spec *sp = rs_net_get_spec (s->net);

  if ((act != rs_act_relu && act != rs_act_leaky_relu)
      || !(alpha >= 0.0 && alpha < 1.0))
    return RS_EINVAL;
  for (size_t l = 1; l <= sp->layers; l++)
    if (sp->act[l - 1] == rs_act_relu || sp->act[l - 1] == rs_act_leaky_relu)
      rs_net_set_act (s->net, l, act, act == rs_act_relu ? 0.0 : alpha,
                      NULL);
  return RS_OK;
}

/* The timeline's changes due now: alpha, rate, beats. */
static void
apply_events (rs_sim *s)
{
  unsigned marks = 0;

  for (size_t i = 0; i < s->p.n_events; i++)
    {
      const rs_sim_event *e = &s->p.events[i];

      if (e->step != s->cur.step)
        continue;
      if (e->action == RS_SIM_SET_ALPHA
          && set_relu_layers (s, rs_act_leaky_relu, e->value) == RS_OK)
        sim_record_change (s, RS_EVENT_ACT);
      else if (e->action == RS_SIM_SET_RATE && e->value > 0.0)
        {
          s->cur_r.rate = e->value;
          marks |= RS_EVENT_RATE;
        }
      else if (e->action == RS_SIM_BEAT)
        marks |= RS_EVENT_BEAT;
    }
  if (marks != 0)
    sim_record_change (s, marks);
}

/* The automatic kick, once the run has been at rest for long enough. */
static void
apply_autokick (rs_sim *s)
{
  rs_kick_spec k = { s->p.autokick.target, 1, 0, s->p.autokick.sigma };

  if (s->p.autokick.sigma <= 0.0
      || s->cur_r.low_since < s->p.autokick.patience)
    return;
  kick_now (s, &k, sim_stream (s, STREAM_AUTOKICK, s->cur.step, 0),
            RS_EVENT_KICK | RS_EVENT_AUTOKICK);
}

/* What the timeline holds for the current step, once, then the automatic
 * kick. */
void
sim_apply_timeline (rs_sim *s)
{
  if (!s->cur_r.events_done)
    {
      apply_events (s);
      apply_kicks (s);
      s->cur_r.events_done = 1;
    }
  apply_autokick (s);
}

void
rs_sim_kick (rs_sim *s, double sigma)
{
  rs_kick_spec k = { RS_KICK_ALL, 1, 0, sigma };

  kick_now (s, &k, sim_stream (s, STREAM_KICK, s->cur.step, s->kicks_here++),
            RS_EVENT_KICK);
}

int
rs_sim_set_activation (rs_sim *s, const rs_act_type *act, double alpha)
{
  int rc = set_relu_layers (s, act, alpha);

  if (rc == RS_OK)
    sim_record_change (s, RS_EVENT_ACT);
  return rc;
}

int
rs_sim_set_rate (rs_sim *s, double rate)
{
  if (!(rate > 0.0 && rate <= 100.0))
    return RS_EINVAL;
  s->cur_r.rate = rate;
  sim_record_change (s, RS_EVENT_RATE);
  return RS_OK;
}

int
rs_sim_set_temperature (rs_sim *s, double temperature)
{
  if (!(temperature >= 0.0 && temperature <= 1e6))
    return RS_EINVAL;
  s->cur_r.temp_set = 1;
  s->cur_r.temp = temperature;
  sim_record_change (s, RS_EVENT_TRAIN);
  return RS_OK;
}

/* ---------------------------------------------------------------------
 * The versions of the training settings
 * ------------------------------------------------------------------- */

/* Train with t: the parameters and the network say so. */
static void
apply_training (rs_sim *s, const rs_sim_training *t)
{
  s->p.optim = t->optim;
  s->p.optim_params = t->optim_params;
  s->p.warming = t->warming;
  s->p.decay = t->decay;
  if (rs_sim_is_neuron (s))
    s->p.kink = t->kink;
  else
    s->p.net.kink = t->kink;
  rs_net_set_kink (s->net, t->kink, NULL);
}

/* Drop the versions after version v, which no point refers to any more
 * (a point's version is never below an earlier point's). */
void
sim_drop_versions_after (rs_sim *s, size_t v)
{
  while (s->n_ver > v + 1)
    rs_optim_free (s->ver[--s->n_ver].opt);
}

/* Train as version v does (its optimiser's state is loaded apart). */
void
sim_use_version (rs_sim *s, size_t v)
{
  s->cur_r.version = v;
  s->opt = s->ver[v].opt;
  apply_training (s, &s->ver[v].t);
}

void
rs_sim_get_training (const rs_sim *s, rs_sim_training *t)
{
  *t = s->ver[s->cur_r.version].t;
}

int
rs_sim_training_at (const rs_sim *s, size_t i, rs_sim_training *t)
{
  if (i >= s->n_rec)
    return RS_EINVAL;
  *t = s->ver[s->rec_r[i].version].t;
  return RS_OK;
}

/* Whether a and b are the same optimiser with the same constants. */
static int
same_optim (const rs_sim_training *a, const rs_sim_training *b)
{
  const rs_optim_params *p = &a->optim_params, *q = &b->optim_params;

  return a->optim == b->optim && p->momentum == q->momentum
         && p->rho == q->rho && p->beta1 == q->beta1 && p->beta2 == q->beta2
         && p->eps == q->eps;
}

/* Give `to` the state of `from`, the same optimiser, through a buffer of
 * nopt doubles; RS_ENOMEM when there is no room for it. */
int
sim_copy_optim (const rs_optim *from, rs_optim *to, size_t nopt)
{
  double *state = malloc (nopt * sizeof *state);

  if (state == NULL)
    return RS_ENOMEM;
  rs_optim_save (from, state);
  rs_optim_load (to, state);
  free (state);
  return RS_OK;
}

/* Room for one more version. */
static int
grow_versions (rs_sim *s, rs_error *err)
{
  version *more;

  if (s->n_ver < s->cap_ver)
    return RS_OK;
  more = realloc (s->ver, 2 * s->cap_ver * sizeof *more);
  if (more == NULL)
    return rs_error_set (err, RS_ENOMEM, NULL, 0, 0,
                         "out of memory for the training settings");
  s->ver = more;
  s->cap_ver *= 2;
  return RS_OK;
}

int
rs_sim_set_training (rs_sim *s, const rs_sim_training *t, rs_error *err)
{
  rs_sim_training now = s->ver[s->cur_r.version].t;
  rs_optim *opt;
  int rc;

  if ((rc = sim_check_training (t, err)) != RS_OK
      || (rc = rs_act_check_kink (t->kink, err)) != RS_OK
      || (rc = grow_versions (s, err)) != RS_OK)
    return rc;
  if ((opt = rs_optim_alloc (t->optim, &t->optim_params, s->np, err)) == NULL)
    return err != NULL ? err->code : RS_ENOMEM;
  /* the same optimiser goes on from its state, another one starts anew */
  if (same_optim (t, &now) && sim_copy_optim (s->opt, opt, s->nopt) != RS_OK)
    {
      rs_optim_free (opt);
      return rs_error_set (err, RS_ENOMEM, NULL, 0, 0,
                           "out of memory for the training settings");
    }
  s->ver[s->n_ver++] = (version) { *t, opt };
  sim_use_version (s, s->n_ver - 1);
  sim_record_change (s, RS_EVENT_TRAIN);
  return RS_OK;
}
