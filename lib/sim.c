/* sim.c: one running scene. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "reluscape/rs_sim.h"

#define NOT_STUCK ((size_t) -1)

struct rs_sim {
  rs_sim_params p;
  rs_data *data;
  rs_neuron u;
  gsl_rng *rng;             /* interactive kicks */
  size_t step;
  size_t stuck_since;
  int diverged;
  double gw;                /* the gradient at the last recorded point, */
  double gb;                /* which is always the current state */
  rs_sim_point *rec;
  size_t n_rec;
  size_t cap_rec;
};

void
rs_sim_params_default (rs_sim_params *p)
{
  memset (p, 0, sizeof *p);
  p->seed = 1;
  p->n_points = 24;
  p->slope = 2.0;
  p->intercept = 1.0;
  p->noise = 0.05;
  p->act = rs_act_relu;
  p->alpha = 0.1;
  p->kink = 0.0;
  p->w0 = 0.5;
  p->b0 = 0.5;
  p->rate = 0.1;
  p->steps = 200;
  p->tol = 1e-6;
  p->kick_sigma = 1.0;
}

const char *
rs_sim_status_name (rs_sim_status s)
{
  static const char *const names[] = { "running", "converged", "stuck",
                                       "diverged" };

  return (unsigned) s < 4 ? names[s] : "unknown";
}

static int
bad (rs_error *err, const char *what)
{
  return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "%s", what);
}

int
rs_sim_params_check (const rs_sim_params *p, rs_error *err)
{
  if (p->n_points < 2 || p->n_points > 100000)
    return bad (err, "the number of points must be in [2, 100000]");
  if (!isfinite (p->slope) || !isfinite (p->intercept))
    return bad (err, "the data's slope and intercept must be finite");
  if (!(p->noise >= 0.0 && p->noise <= 1e6))
    return bad (err, "the noise must be in [0, 1e6]");
  if (p->act == NULL)
    return bad (err, "no activation");
  if (!(p->alpha >= 0.0 && p->alpha < 1.0))
    return bad (err, "alpha must be in [0, 1)");
  if (!(p->kink >= 0.0 && p->kink <= 1.0))
    return bad (err, "the kink convention must be in [0, 1]");
  if (!isfinite (p->w0) || !isfinite (p->b0))
    return bad (err, "the start must be finite");
  if (!(p->rate > 0.0 && p->rate <= 100.0))
    return bad (err, "the learning rate must be in (0, 100]");
  if (p->steps < 1 || p->steps > 10000000)
    return bad (err, "the number of steps must be in [1, 10000000]");
  if (!(p->tol >= 0.0 && p->tol <= 1.0))
    return bad (err, "the tolerance must be in [0, 1]");
  if (!(p->kick_sigma > 0.0 && p->kick_sigma <= 1e3))
    return bad (err, "the kick scale must be in (0, 1000]");
  if (p->n_kicks > RS_SIM_MAX_KICKS)
    return bad (err, "too many kicks");
  for (size_t i = 0; i < p->n_kicks; i++)
    if (!(p->kicks[i].sigma > 0.0 && p->kicks[i].sigma <= 1e3))
      return bad (err, "a kick's sigma must be in (0, 1000]");
  return RS_OK;
}

/* Drop every other point, keeping the first and the last, so that a long
 * run keeps its shape in bounded memory.  Points with events are spared
 * while that frees room; when nearly every point has one (a user kicking
 * again and again), they are thinned like the rest. */
static void
thin_record (rs_sim *s)
{
  size_t k = 1;

  for (size_t i = 1; i < s->n_rec; i++)
    if (s->rec[i].events != 0 || i % 2 == 0 || i + 1 == s->n_rec)
      s->rec[k++] = s->rec[i];
  if (k > s->cap_rec - s->cap_rec / 4)
    {
      k = 1;
      for (size_t i = 1; i < s->n_rec; i++)
        if (i % 2 == 0 || i + 1 == s->n_rec)
          s->rec[k++] = s->rec[i];
    }
  s->n_rec = k;
}

/* Append the current state with its events, and keep its gradient for
 * the next step. */
static void
record (rs_sim *s, unsigned events)
{
  rs_sim_point *pt;

  if (s->n_rec == s->cap_rec)
    thin_record (s);
  pt = &s->rec[s->n_rec++];
  pt->step = s->step;
  pt->w = s->u.w;
  pt->b = s->u.b;
  pt->loss = rs_loss_mse_grad (&s->u, s->data, &s->gw, &s->gb);
  pt->gnorm = hypot (s->gw, s->gb);
  pt->active = rs_neuron_active (&s->u, s->data);
  pt->events = events;
}

rs_sim *
rs_sim_alloc (const rs_sim_params *p, rs_error *err)
{
  rs_sim *s;
  gsl_rng *noise;

  if (rs_sim_params_check (p, err) != RS_OK)
    return NULL;
  s = calloc (1, sizeof *s);
  if (s == NULL)
    goto nomem;
  s->p = *p;
  s->cap_rec = RS_SIM_MAX_RECORD;
  s->rec = malloc (s->cap_rec * sizeof *s->rec);
  s->rng = gsl_rng_alloc (gsl_rng_mt19937);
  noise = gsl_rng_alloc (gsl_rng_mt19937);
  s->data = rs_data_alloc (p->n_points, err);
  if (s->rec == NULL || s->rng == NULL || noise == NULL || s->data == NULL)
    {
      gsl_rng_free (noise);
      rs_sim_free (s);
      goto nomem;
    }
  gsl_rng_set (noise, p->seed);
  rs_data_line (s->data, p->slope, p->intercept, p->noise, noise);
  gsl_rng_free (noise);
  s->u.act = p->act;
  s->u.alpha = p->alpha;
  s->u.kink = p->kink;
  rs_sim_restart (s, p->w0, p->b0);
  return s;

nomem:
  rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory for a run");
  return NULL;
}

void
rs_sim_free (rs_sim *s)
{
  if (s == NULL)
    return;
  rs_data_free (s->data);
  gsl_rng_free (s->rng);
  free (s->rec);
  free (s);
}

void
rs_sim_restart (rs_sim *s, double w, double b)
{
  s->u.w = w;
  s->u.b = b;
  s->step = 0;
  s->n_rec = 0;
  s->diverged = 0;
  s->stuck_since = NOT_STUCK;
  gsl_rng_set (s->rng, s->p.seed + 0x9e3779b9UL);
  record (s, RS_EVENT_START);
}

/* The scheduled kicks due now, each from its own seeded generator. */
static unsigned
apply_kicks (rs_sim *s)
{
  unsigned events = 0;

  for (size_t i = 0; i < s->p.n_kicks; i++)
    {
      const rs_kick *k = &s->p.kicks[i];
      gsl_rng *r;

      if (k->step != s->step)
        continue;
      r = gsl_rng_alloc (gsl_rng_mt19937);
      if (r == NULL)
        continue;
      gsl_rng_set (r, k->seed);
      rs_train_kick (&s->u, k->sigma, r);
      gsl_rng_free (r);
      events |= RS_EVENT_KICK;
    }
  return events;
}

static void
update_rest (rs_sim *s)
{
  const rs_sim_point *pt = rs_sim_current (s);
  int stuck = pt->gnorm <= s->p.tol && pt->active == 0;

  if (!stuck)
    s->stuck_since = NOT_STUCK;
  else if (s->stuck_since == NOT_STUCK)
    s->stuck_since = pt->step;
}

int
rs_sim_iterate (rs_sim *s)
{
  if (s->diverged)
    return RS_EDIVERGED;
  if (apply_kicks (s))
    record (s, RS_EVENT_KICK);
  /* every change of the state is recorded, so the recorded gradient is
     the one at the current point: no need to compute it again */
  rs_train_gd_apply (&s->u, s->p.rate, s->gw, s->gb);
  s->step++;
  record (s, 0);
  if (!isfinite (s->u.w) || !isfinite (s->u.b)
      || !isfinite (rs_sim_current (s)->loss))
    {
      s->diverged = 1;
      return RS_EDIVERGED;
    }
  update_rest (s);
  return RS_OK;
}

rs_sim_status
rs_sim_test (const rs_sim *s)
{
  const rs_sim_point *pt = rs_sim_current (s);

  if (s->diverged)
    return RS_SIM_DIVERGED;
  if (pt->gnorm > s->p.tol)
    return RS_SIM_RUNNING;
  return pt->active == 0 ? RS_SIM_STUCK : RS_SIM_CONVERGED;
}

int
rs_sim_run (rs_sim *s)
{
  while (s->step < s->p.steps)
    if (rs_sim_iterate (s) != RS_OK)
      return RS_EDIVERGED;
  return RS_OK;
}

void
rs_sim_kick (rs_sim *s, double sigma)
{
  rs_train_kick (&s->u, sigma, s->rng);
  s->stuck_since = NOT_STUCK;
  record (s, RS_EVENT_KICK);
}

int
rs_sim_set_activation (rs_sim *s, const rs_act_type *act, double alpha)
{
  if (act == NULL || !(alpha >= 0.0 && alpha < 1.0))
    return RS_EINVAL;
  s->u.act = act;
  s->u.alpha = alpha;
  record (s, RS_EVENT_ACT);
  update_rest (s);
  return RS_OK;
}

const rs_sim_params *
rs_sim_get_params (const rs_sim *s)
{
  return &s->p;
}

const rs_neuron *
rs_sim_neuron (const rs_sim *s)
{
  return &s->u;
}

const rs_data *
rs_sim_data (const rs_sim *s)
{
  return s->data;
}

size_t
rs_sim_step_count (const rs_sim *s)
{
  return s->step;
}

size_t
rs_sim_stuck_since (const rs_sim *s)
{
  return s->stuck_since;
}

size_t
rs_sim_n_recorded (const rs_sim *s)
{
  return s->n_rec;
}

const rs_sim_point *
rs_sim_recorded (const rs_sim *s, size_t i)
{
  return i < s->n_rec ? &s->rec[i] : NULL;
}

const rs_sim_point *
rs_sim_current (const rs_sim *s)
{
  return &s->rec[s->n_rec - 1];
}
