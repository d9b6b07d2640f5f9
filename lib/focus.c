/* focus.c: the unit a figure of a run is about (C4, C11).
 *
 * A landscape over two parameters of a network shows one unit's story
 * best when the two are that unit's weight and bias: the unit that dies
 * first, or the one a kick or a cure brings back.  Which unit that is
 * comes from the recorded trajectory: a forward pass over the data at
 * every recorded point gives each unit's activity count, and a unit with
 * none (that can die) is dead there. */
#include <config.h>

#include <math.h>
#include <stdlib.h>

#include "reluscape/rs_sim.h"

#define NEVER ((size_t) -1)

/* Where in the run each hidden unit is first dead, and first alive
 * again after that: slot q = the q-th hidden unit in layer order. */
typedef struct {
  size_t lo, hi;              /* the layers looked at */
  size_t n;                   /* their units */
  size_t *died;               /* recorded point, or NEVER */
  size_t *revived;
} history;

/* The layers whose units may be the focus: the hidden ones, or the one
 * layer of the single neuron. */
static void
focus_layers (const rs_net *net, size_t *lo, size_t *hi)
{
  size_t layers = rs_net_layers (net);

  *lo = 1;
  *hi = layers > 1 ? layers - 1 : 1;
}

/* One recorded point's activity into h: units dead for the first time,
 * and units alive again after their first death. */
static void
note_point (history *h, const rs_net *net, const rs_net_workspace *w,
            size_t i)
{
  size_t active[RS_NET_MAX_UNITS], q = 0;

  for (size_t l = h->lo; l <= h->hi; l++)
    {
      rs_net_activity (net, w, l, active, NULL);
      for (size_t j = 0; j < rs_net_units (net, l); j++, q++)
        {
          int dead = active[j] == 0 && rs_net_unit_can_die (net, l, j);

          if (dead && h->died[q] == NEVER)
            h->died[q] = i;
          else if (!dead && h->died[q] != NEVER && h->revived[q] == NEVER)
            h->revived[q] = i;
        }
    }
}

/* The history of every unit over the recorded points of s, with net and
 * w of the run's shape as scratch. */
static int
read_history (const rs_sim *s, rs_net *net, rs_net_workspace *w,
              history *h)
{
  const rs_data *d = rs_sim_data (s);

  for (size_t i = 0; i < rs_sim_n_recorded (s); i++)
    {
      int rc = rs_sim_net_at (s, i, net, 1);

      if (rc == RS_OK)
        rc = rs_net_forward (net, d->x, d->n, w);
      if (rc != RS_OK)
        return rc;
      note_point (h, net, w, i);
    }
  return RS_OK;
}

/* Slot q's layer and unit. */
static rs_sim_unit
slot_unit (const history *h, const rs_net *net, size_t q)
{
  size_t l = h->lo;

  while (q >= rs_net_units (net, l))
    q -= rs_net_units (net, l++);
  return (rs_sim_unit) { l, q };
}

/* The focus from the history: the earliest revival (ties: the earliest
 * death, then slot order), else the earliest death, else slot 0. */
static void
choose (const history *h, const rs_net *net, rs_sim_focus *f)
{
  size_t best = NEVER;

  for (size_t q = 0; q < h->n; q++)
    if (h->revived[q] != NEVER
        && (best == NEVER || h->revived[q] < h->revived[best]
            || (h->revived[q] == h->revived[best]
                && h->died[q] < h->died[best])))
      best = q;
  if (best != NEVER)
    {
      f->unit = slot_unit (h, net, best);
      f->why = RS_FOCUS_REVIVED;
      f->index = h->revived[best];
      return;
    }
  for (size_t q = 0; q < h->n; q++)
    if (h->died[q] != NEVER && (best == NEVER || h->died[q] < h->died[best]))
      best = q;
  f->unit = best != NEVER ? slot_unit (h, net, best) : (rs_sim_unit) { 1, 0 };
  f->why = best != NEVER ? RS_FOCUS_DIED : RS_FOCUS_NONE;
  f->index = best != NEVER ? h->died[best] : 0;
}

/* The input k of unit j of layer l whose term W[j][k] a_k moves the
 * unit's pre-activation most over the data, at recorded point i: the
 * largest |W[j][k]| * rms(a_k); the first of equals. */
static int
choose_input (const rs_sim *s, rs_net *net, rs_net_workspace *w, size_t i,
              rs_sim_focus *f)
{
  const rs_data *d = rs_sim_data (s);
  size_t l = f->unit.layer, j = f->unit.unit, n = d->n;
  const gsl_vector *th;
  const double *a;
  double best = -1.0;
  int rc = rs_sim_net_at (s, i, net, 1);

  if (rc == RS_OK)
    rc = rs_net_forward (net, d->x, n, w);
  if (rc != RS_OK)
    return rc;
  th = rs_net_params_const (net);
  a = rs_net_workspace_a (w, l - 1);
  f->input = 0;
  for (size_t k = 0; k < rs_net_units (net, l - 1); k++)
    {
      double ss = 0.0, score;

      for (size_t p = 0; p < n; p++)
        ss += a[k * n + p] * a[k * n + p];
      score = fabs (gsl_vector_get (th, rs_net_w_index (net, l, j, k)))
              * sqrt (ss / (double) n);
      if (score > best)
        {
          best = score;
          f->input = k;
        }
    }
  return RS_OK;
}

/* Whether given names a unit of the layers the focus may be in. */
static int
check_given (const rs_net *net, const rs_sim_unit *u, rs_error *err)
{
  size_t lo, hi;

  focus_layers (net, &lo, &hi);
  if (u->layer < lo || u->layer > hi)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "focus %zu %zu: the "
                         "network's hidden units are in layer%s%zu",
                         u->layer, u->unit, hi == 1 ? " " : "s 1 to ", hi);
  if (u->unit >= rs_net_units (net, u->layer))
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "focus %zu %zu: layer "
                         "%zu has units 0 to %zu", u->layer, u->unit,
                         u->layer, rs_net_units (net, u->layer) - 1);
  return RS_OK;
}

int
rs_sim_focus_unit (const rs_sim *s, const rs_sim_unit *given,
                   rs_sim_focus *f, rs_error *err)
{
  const rs_net *shape = rs_sim_net (s);
  rs_net *net = NULL;
  rs_net_workspace *w = NULL;
  history h = { 0, 0, 0, NULL, NULL };
  int rc;

  if (given != NULL && (rc = check_given (shape, given, err)) != RS_OK)
    return rc;
  focus_layers (shape, &h.lo, &h.hi);
  for (size_t l = h.lo; l <= h.hi; l++)
    h.n += rs_net_units (shape, l);
  h.died = malloc (h.n * sizeof *h.died);
  h.revived = malloc (h.n * sizeof *h.revived);
  net = rs_net_clone (shape, NULL);
  if (net != NULL)
    w = rs_net_workspace_alloc (net, rs_sim_data (s)->n, NULL);
  rc = h.died == NULL || h.revived == NULL || w == NULL ? RS_ENOMEM : RS_OK;
  for (size_t q = 0; rc == RS_OK && q < h.n; q++)
    h.died[q] = h.revived[q] = NEVER;
  if (rc == RS_OK && given != NULL)
    *f = (rs_sim_focus) { *given, 0, RS_FOCUS_GIVEN, 0 };
  else if (rc == RS_OK && (rc = read_history (s, net, w, &h)) == RS_OK)
    choose (&h, net, f);
  if (rc == RS_OK)
    rc = choose_input (s, net, w, f->index, f);
  if (rc == RS_ENOMEM)
    rs_error_set (err, rc, NULL, 0, 0, "out of memory for the focus unit");
  else if (rc != RS_OK)
    rs_error_set (err, rc, NULL, 0, 0, "the run's recorded points do not "
                  "fit its network");
  free (h.died);
  free (h.revived);
  rs_net_workspace_free (w);
  rs_net_free (net);
  return rc;
}
