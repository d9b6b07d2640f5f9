/* sim_record.c: the recorded trajectory of a run (C4 - C11): room for it
 * within the run's memory budget, a point stored at every recorded step
 * and at every change, thinning when it is full, the start of a run, and
 * going back to a recorded point (rs_sim_rewind) or reading one. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "sim_private.h"

/* Room for the trajectory within p->record_bytes. */
int
sim_alloc_record (rs_sim *s, rs_error *err)
{
  size_t per, nl = rs_net_layers (s->net);

  per = sizeof (rs_sim_point) + sizeof (resume)
        + nl * (sizeof (const rs_act_type *) + sizeof (double))
        + (s->np + s->nopt) * sizeof (double);

  /* at least 4 points, whatever the budget: a large network's run
     keeps its start, its end and a point or two between (thinning keeps
     3 of 4) */
  s->cap_rec = s->p.record_bytes / per;
  if (s->cap_rec > RS_SIM_MAX_RECORD)
    s->cap_rec = RS_SIM_MAX_RECORD;
  if (s->cap_rec < 4)
    s->cap_rec = 4;
  s->rec = malloc (s->cap_rec * sizeof *s->rec);
  s->rec_r = malloc (s->cap_rec * sizeof *s->rec_r);
  s->nl = nl;
  s->rec_act = malloc (s->cap_rec * nl * sizeof *s->rec_act);
  s->rec_param = malloc (s->cap_rec * nl * sizeof *s->rec_param);
  s->rec_theta = malloc (s->cap_rec * s->np * sizeof (double));
  s->rec_opt = malloc (s->cap_rec * s->nopt * sizeof (double));
  if (s->rec == NULL || s->rec_r == NULL || s->rec_theta == NULL
      || s->rec_opt == NULL || s->rec_act == NULL || s->rec_param == NULL)
    return rs_error_set (err, RS_ENOMEM, NULL, 0, 0,
                         "out of memory for a trajectory");
  return RS_OK;
}

/* Keep the current state's activations as recorded point i's, for a
 * later rewind. */
static void
save_acts (rs_sim *s, size_t i)
{
  const rs_net_spec *sp = rs_net_get_spec (s->net);

  for (size_t l = 0; l < s->nl; l++)
    {
      s->rec_act[i * s->nl + l] = sp->act[l];
      s->rec_param[i * s->nl + l] = sp->param[l];
    }
}

/* Drop every other point, keeping the first and the last, so that a long
 * run keeps its shape in bounded memory.  Points with events are spared
 * while that frees room; when nearly every point has one (a user kicking
 * again and again), they are thinned like the rest. */
static void
thin_record (rs_sim *s)
{
  for (int pass = 0; pass < 2; pass++)
    {
      size_t k = 1;

      for (size_t i = 1; i < s->n_rec; i++)
        if ((pass == 0 && s->rec[i].events != 0) || i % 2 == 0
            || i + 1 == s->n_rec)
          {
            s->rec[k] = s->rec[i];
            s->rec_r[k] = s->rec_r[i];
            memmove (s->rec_act + k * s->nl, s->rec_act + i * s->nl,
                     s->nl * sizeof *s->rec_act);
            memmove (s->rec_param + k * s->nl, s->rec_param + i * s->nl,
                     s->nl * sizeof *s->rec_param);
            memmove (s->rec_theta + k * s->np, s->rec_theta + i * s->np,
                     s->np * sizeof (double));
            memmove (s->rec_opt + k * s->nopt, s->rec_opt + i * s->nopt,
                     s->nopt * sizeof (double));
            k++;
          }
      s->n_rec = k;
      if (k <= s->cap_rec - s->cap_rec / 4)
        return;
    }
}

/* Append the current state. */
void
sim_store (rs_sim *s)
{
  size_t i;

  if (s->n_rec == s->cap_rec)
    thin_record (s);
  i = s->n_rec++;
  save_acts (s, i);
  s->rec[i] = s->cur;
  s->rec_r[i] = s->cur_r;
  memcpy (s->rec_theta + i * s->np, rs_net_params (s->net)->data,
          s->np * sizeof (double));
  rs_optim_save (s->opt, s->rec_opt + i * s->nopt);
}

/* The state changed (a kick, an activation): evaluate and store it as a
 * new point of the same step. */
void
sim_record_change (rs_sim *s, unsigned events)
{
  sim_evaluate (s);
  s->cur.events = events;
  sim_store (s);
}

/* Step 0 of a run from the network's current parameters, with the
 * training settings of now as the only version. */
void
sim_record_start (rs_sim *s, unsigned events)
{
  size_t v = s->cur_r.version;

  if (v != 0)
    {
      version keep = s->ver[v];

      s->ver[v] = s->ver[0];
      s->ver[0] = keep;
    }
  sim_drop_versions_after (s, 0);
  s->cur_r.version = 0;
  s->opt = s->ver[0].opt;
  rs_optim_reset (s->opt);
  s->cur.step = 0;
  s->n_rec = 0;
  s->diverged = 0;
  s->kicks_here = 0;
  s->epoch = (size_t) -1;
  s->cur_r.low_since = 0;
  s->cur_r.stuck_since = NOT_STUCK;
  s->cur_r.events_done = 0;
  sim_record_change (s, events);
}

void
rs_sim_reset (rs_sim *s)
{
  rs_sim_start_at (s, s->theta0->data);
}

void
rs_sim_start_at (rs_sim *s, const double *theta)
{
  for (size_t l = 1; l <= s->spec0.layers; l++)
    rs_net_set_act (s->net, l, s->spec0.act[l - 1], s->spec0.param[l - 1],
                    NULL);
  s->cur_r.rate = s->p.rate;
  s->cur_r.temp_set = 0;
  memcpy (rs_net_params (s->net)->data, theta, s->np * sizeof (double));
  sim_record_start (s, RS_EVENT_START);
}

void
rs_sim_restart (rs_sim *s, double w, double b)
{
  s->cur_r.rate = s->p.rate;
  s->cur_r.temp_set = 0;
  gsl_vector_memcpy (rs_net_params (s->net), s->theta0);
  gsl_vector_set (rs_net_params (s->net), 0, w);
  gsl_vector_set (rs_net_params (s->net), rs_net_b_index (s->net, 1, 0), b);
  sim_record_start (s, RS_EVENT_START);
}

/* Put recorded point i's activations and parameters into net (s's own,
 * or one of its shape); RS_EINVAL when an activation does not fit. */
static int
load_point (const rs_sim *s, size_t i, rs_net *net)
{
  for (size_t l = 1; l <= s->nl; l++)
    if (rs_net_set_act (net, l, s->rec_act[i * s->nl + l - 1],
                        s->rec_param[i * s->nl + l - 1], NULL) != RS_OK)
      return RS_EINVAL;
  memcpy (rs_net_params (net)->data, s->rec_theta + i * s->np,
          s->np * sizeof (double));
  return RS_OK;
}

int
rs_sim_rewind (rs_sim *s, size_t i)
{
  const resume *r;

  if (i >= s->n_rec)
    return RS_EINVAL;
  r = &s->rec_r[i];
  sim_use_version (s, r->version);
  sim_drop_versions_after (s, r->version);
  load_point (s, i, s->net);
  rs_optim_load (s->opt, s->rec_opt + i * s->nopt);
  s->cur = s->rec[i];
  s->cur_r = *r;
  s->n_rec = i + 1;
  s->diverged = 0;
  s->kicks_here = 0;
  s->epoch = (size_t) -1;
  sim_evaluate (s);
  s->cur = s->rec[i];
  s->cur_r = *r;
  return RS_OK;
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

const double *
rs_sim_theta (const rs_sim *s, size_t i)
{
  return i < s->n_rec ? s->rec_theta + i * s->np : NULL;
}

int
rs_sim_net_at (const rs_sim *s, size_t i, rs_net *net, int shifted)
{
  const rs_net_spec *sp = rs_net_get_spec (net), *own;
  double g;

  own = rs_net_get_spec (s->net);
  if (i >= s->n_rec || sp->layers != own->layers
      || rs_net_params (net)->size != s->np)
    return RS_EINVAL;
  for (size_t l = 0; l <= sp->layers; l++)
    if (sp->sizes[l] != own->sizes[l])
      return RS_EINVAL;
  if (load_point (s, i, net) != RS_OK)
    return RS_EINVAL;
  g = s->rec[i].gamma;
  if (shifted && g != 0.0)
    sim_warm_shift (s, net, rs_net_params (net), g);
  return RS_OK;
}

size_t
rs_sim_record_capacity (const rs_sim *s)
{
  return s->cap_rec;
}
