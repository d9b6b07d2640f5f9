/* sim_stop.c: where a run stands (C4, C5, C11, C12): the stop rules that
 * each evaluation applies (diverged, stuck on a plateau, at rest long
 * enough for an automatic kick), the dead units they look at, and what
 * rs_sim_test and rs_sim_divergence tell the caller. */
#include <config.h>

#include <math.h>
#include <stdio.h>

#include "sim_private.h"

const char *
rs_sim_status_name (rs_sim_status s)
{
  static const char *const names[] = { "running", "converged", "stuck",
                                       "diverged" };

  return (unsigned) s < 4 ? names[s] : "unknown";
}

/* Dead units after a forward pass in s->w, listed up to max; whether
 * some layer is wholly dead (its output is constant: a plateau, C5); and
 * (when first is not NULL) on how many points unit 0 of layer 1 is
 * active, from the same count. */
size_t
sim_count_dead (const rs_sim *s, rs_sim_unit *list, size_t max,
                int *layer_dead, size_t *first)
{
  size_t active[RS_NET_MAX_UNITS], dead = 0;

  *layer_dead = 0;
  for (size_t l = 1; l <= rs_net_layers (s->net); l++)
    {
      size_t here = 0;

      rs_net_activity (s->net, s->w, l, active, NULL);
      if (l == 1 && first != NULL)
        *first = active[0];
      for (size_t j = 0; j < rs_net_units (s->net, l); j++)
        if (active[j] == 0 && rs_net_unit_can_die (s->net, l, j))
          {
            if (list != NULL && dead < max)
              list[dead] = (rs_sim_unit) { l, j };
            dead++, here++;
          }
      if (here == rs_net_units (s->net, l))
        *layer_dead = 1;
    }
  return dead;
}

/* The first parameter that is not finite, or -1. */
static long
first_nonfinite (const rs_sim *s)
{
  const gsl_vector *th = rs_net_params_const (s->net);

  for (size_t i = 0; i < th->size; i++)
    if (!isfinite (gsl_vector_get (th, i)))
      return (long) i;
  return -1;
}

/* A parameter, the loss or the gradient norm that is not finite: the
 * run has diverged, at this step (an infinite loss is not a divergence
 * where the loss is infinite by its domain, RS_EDOMAIN). */
static void
note_divergence (rs_sim *s, int rc)
{
  long bad_param = first_nonfinite (s);

  if (bad_param >= 0 || isnan (s->cur.loss)
      || (isinf (s->cur.loss) && rc != RS_EDOMAIN) || !isfinite (s->cur.gnorm))
    {
      s->diverged = 1;
      s->div_step = s->cur.step;
      s->div_param = bad_param;
    }
}

/* At rest on a plateau: stuck since the first step of this rest.  A
 * plateau is a wholly dead layer (C5), or an infinite loss whose gradient
 * vanishes (a ReLU-normalised head, C12). */
static void
note_plateau (rs_sim *s, int layer_dead)
{
  if (s->cur.gnorm <= s->p.tol && (layer_dead || isinf (s->cur.loss)))
    {
      if (s->cur_r.stuck_since == NOT_STUCK)
        s->cur_r.stuck_since = s->cur.step;
    }
  else
    s->cur_r.stuck_since = NOT_STUCK;
}

/* How many evaluations in a row the gradient has been below the
 * automatic kick's eps with some unit dead (C11). */
static void
note_rest (rs_sim *s)
{
  if (s->p.autokick.sigma > 0.0 && s->cur.gnorm < s->p.autokick.eps
      && s->cur.dead > 0)
    s->cur_r.low_since++;
  else
    s->cur_r.low_since = 0;
}

/* The stop rules on the state just evaluated: rc is the loss's code,
 * layer_dead whether some layer is wholly dead. */
void
sim_note_stops (rs_sim *s, int rc, int layer_dead)
{
  note_divergence (s, rc);
  note_plateau (s, layer_dead);
  note_rest (s);
}

rs_sim_status
rs_sim_test (const rs_sim *s)
{
  if (s->diverged)
    return RS_SIM_DIVERGED;
  if (s->cur.gnorm > s->p.tol)
    return RS_SIM_RUNNING;
  return s->cur_r.stuck_since != NOT_STUCK ? RS_SIM_STUCK
                                           : RS_SIM_CONVERGED;
}

size_t
rs_sim_stuck_since (const rs_sim *s)
{
  return s->cur_r.stuck_since;
}

size_t
rs_sim_dead_units (const rs_sim *s, rs_sim_unit *list, size_t max)
{
  int layer_dead;

  return sim_count_dead (s, list, max, &layer_dead, NULL);
}

int
rs_sim_divergence (const rs_sim *s, size_t *step, char *buf, size_t n)
{
  if (!s->diverged)
    return 0;
  if (step != NULL)
    *step = s->div_step;
  if (buf != NULL && n > 0)
    {
      if (s->div_param < 0)
        snprintf (buf, n, "loss");
      else
        rs_net_param_name (s->net, (size_t) s->div_param, buf, n);
    }
  return 1;
}
