/* expect.c: the quantities a claim can name, and the verdict of each
 * claim against a run (rs_expect.h).
 *
 * The run is stepped here, from its start to its end; at every step the
 * claims whose moment covers it are judged on the state of that step: the
 * recorded point (loss, gradient norm, dead units ...), the run's status,
 * and where a quantity needs it the network of that step, shifted by bias
 * warming as the run trained it (the alive counts of `simulate`). */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>

#include "reluscape/rs_expect.h"
#include "reluscape/rs_loss.h"
#include "reluscape/rs_probe.h"

/* The state of the run at the step judged, and what has been computed
 * from it so far. */
typedef struct {
  const rs_sim *s;
  size_t i;                /* the recorded point */
  const rs_sim_point *pt;
  rs_net *net;             /* point i's network, shift included */
  rs_net_workspace *w;
  gsl_vector *grad;
  int forwarded;           /* w holds net's forward pass on the data */
  int have_grad;
  int code;                /* RS_OK, or the first failure */
} ctx;

typedef double (*value_fn) (ctx *c, const rs_expect *e);

/* A quantity and how its value is read from a step. */
typedef struct {
  rs_expect_quantity pub;
  value_fn value;
} quantity;

/* ---- Reading the state ---- */

/* net and w hold point i's network and its forward pass on the data. */
static int
forward (ctx *c)
{
  const rs_data *d = rs_sim_data (c->s);

  if (c->forwarded)
    return c->code;
  c->forwarded = 1;
  if (c->code == RS_OK
      && (rs_sim_net_at (c->s, c->i, c->net, 1) != RS_OK
          || rs_net_forward (c->net, d->x, d->n, c->w) != RS_OK))
    c->code = RS_EINVAL;
  return c->code;
}

/* grad holds the gradient of the loss at point i. */
static int
gradient (ctx *c)
{
  double v;

  if (c->have_grad || forward (c) != RS_OK)
    return c->code;
  c->have_grad = 1;
  rs_loss_net (c->net, rs_sim_loss (c->s), rs_sim_data (c->s), c->w, &v,
               c->grad, NULL);
  return c->code;
}

static double q_loss (ctx *c, const rs_expect *e) { (void) e; return c->pt->loss; }
static double q_gnorm (ctx *c, const rs_expect *e) { (void) e; return c->pt->gnorm; }
static double q_w (ctx *c, const rs_expect *e) { (void) e; return c->pt->w; }
static double q_b (ctx *c, const rs_expect *e) { (void) e; return c->pt->b; }
static double q_rate (ctx *c, const rs_expect *e) { (void) e; return c->pt->rate; }
static double q_gamma (ctx *c, const rs_expect *e) { (void) e; return c->pt->gamma; }
static double q_temperature (ctx *c, const rs_expect *e) { (void) e; return c->pt->temperature; }
static double q_dead (ctx *c, const rs_expect *e) { (void) e; return (double) c->pt->dead; }

/* The dead units over the hidden units (the single neuron: its one). */
static double
q_dead_fraction (ctx *c, const rs_expect *e)
{
  size_t h = rs_sim_is_neuron (c->s) ? 1
             : rs_net_hidden_units (rs_sim_net (c->s));

  (void) e;
  return (double) c->pt->dead / (double) h;
}

/* A parameter by its name. */
static double
q_param (ctx *c, const rs_expect *e)
{
  size_t k = 0;

  if (rs_net_param_lookup (rs_sim_net (c->s), e->name, &k, NULL) != RS_OK)
    {
      c->code = RS_EINVAL;
      return NAN;
    }
  return rs_sim_theta (c->s, c->i)[k];
}

/* The layers whose units can be inactive: the hidden ones, or the single
 * neuron's one. */
static size_t
last_hidden (const ctx *c)
{
  return rs_sim_is_neuron (c->s) ? 1 : rs_net_layers (c->net) - 1;
}

/* On how many points unit J of layer L is active (z > 0). */
static double
q_alive (ctx *c, const rs_expect *e)
{
  size_t active[RS_NET_MAX_UNITS];

  if (forward (c) != RS_OK || e->layer < 1 || e->layer > last_hidden (c)
      || e->unit >= rs_net_units (c->net, e->layer))
    {
      c->code = RS_EINVAL;
      return NAN;
    }
  rs_net_activity (c->net, c->w, e->layer, active, NULL);
  return (double) active[e->unit];
}

/* The fewest (what 0) or most (1) points a hidden unit is active on. */
static double
alive_extreme (ctx *c, int what)
{
  size_t active[RS_NET_MAX_UNITS], lo = (size_t) -1, hi = 0;

  if (forward (c) != RS_OK)
    return NAN;
  for (size_t l = 1; l <= last_hidden (c); l++)
    {
      rs_net_activity (c->net, c->w, l, active, NULL);
      for (size_t j = 0; j < rs_net_units (c->net, l); j++)
        {
          lo = active[j] < lo ? active[j] : lo;
          hi = active[j] > hi ? active[j] : hi;
        }
    }
  return (double) (what ? hi : lo);
}

static double q_alive_min (ctx *c, const rs_expect *e) { (void) e; return alive_extreme (c, 0); }
static double q_alive_max (ctx *c, const rs_expect *e) { (void) e; return alive_extreme (c, 1); }

/* The fraction of (hidden unit, point) pairs where z <= 0, so that
 * f'(z) = 0 for ReLU (C6). */
static double
q_inactive (ctx *c, const rs_expect *e)
{
  size_t n = rs_sim_data (c->s)->n, off = 0, all = 0;

  (void) e;
  if (forward (c) != RS_OK)
    return NAN;
  for (size_t l = 1; l <= last_hidden (c); l++)
    {
      const double *z = rs_net_workspace_z (c->w, l);
      size_t m = rs_net_units (c->net, l) * n;

      for (size_t k = 0; k < m; k++)
        off += z[k] <= 0.0;
      all += m;
    }
  return (double) off / (double) all;
}

/* The norm of the gradient in layer L's weights (C1). */
static double
q_layer_gnorm (ctx *c, const rs_expect *e)
{
  const rs_net *net = c->net;
  double s = 0.0;

  if (gradient (c) != RS_OK || e->layer < 1
      || e->layer > rs_net_layers (net))
    {
      c->code = RS_EINVAL;
      return NAN;
    }
  for (size_t j = 0; j < rs_net_units (net, e->layer); j++)
    for (size_t k = 0; k < rs_net_units (net, e->layer - 1); k++)
      {
        double g = gsl_vector_get (c->grad, rs_net_w_index (net, e->layer,
                                                             j, k));
        s += g * g;
      }
  return sqrt (s);
}

/* ---- Classification: the head's probabilities ---- */

/* Point i's probability of its true class under the loss's head, and
 * whether its largest score names that class. */
static double
true_prob (ctx *c, size_t i, int *right)
{
  const rs_data *d = rs_sim_data (c->s);
  const rs_loss_type *t = rs_sim_loss (c->s);
  const double *o = rs_net_output (c->w);
  size_t k = rs_net_outputs (c->net), n = d->n, y = (size_t) d->y[i], best = 0;
  double top = -INFINITY, sum = 0.0;

  if (k == 1)
    {
      double p = 1.0 / (1.0 + exp (-o[i]));

      *right = (o[i] > 0.0) == (d->y[i] >= 0.5);
      return d->y[i] >= 0.5 ? p : 1.0 - p;
    }
  for (size_t j = 0; j < k; j++)
    if (o[j * n + i] > top)
      top = o[j * n + i], best = j;
  *right = best == y;
  if (t == rs_loss_relu_norm_ce)
    {
      for (size_t j = 0; j < k; j++)
        sum += fmax (o[j * n + i], 0.0);
      return sum > 0.0 ? fmax (o[y * n + i], 0.0) / sum : 0.0;
    }
  for (size_t j = 0; j < k; j++)
    sum += exp (o[j * n + i] - top);
  return exp (o[y * n + i] - top) / sum;
}

/* What is counted over the points: 0 right, 1 smallest p, 2 p = 0. */
static double
over_points (ctx *c, int what)
{
  size_t n = rs_sim_data (c->s)->n, count = 0;
  double low = INFINITY;

  if (forward (c) != RS_OK)
    return NAN;
  for (size_t i = 0; i < n; i++)
    {
      int right = 0;
      double p = true_prob (c, i, &right);

      count += what == 0 ? (size_t) right : (size_t) (p == 0.0);
      low = fmin (low, p);
    }
  return what == 1 ? low : (double) count;
}

static double q_correct (ctx *c, const rs_expect *e) { (void) e; return over_points (c, 0); }
static double q_p_min (ctx *c, const rs_expect *e) { (void) e; return over_points (c, 1); }
static double q_p_zero (ctx *c, const rs_expect *e) { (void) e; return over_points (c, 2); }

/* The table.  Words, lists and the depth experiment are judged apart
 * (their value function is NULL). */
static const quantity quantities[] = {
  { { "loss", RS_EXPECT_ARG_NONE, "the loss", 0, 0 }, q_loss },
  { { "gnorm", RS_EXPECT_ARG_NONE, "the gradient's norm", 0, 0 }, q_gnorm },
  { { "layer-gnorm", RS_EXPECT_ARG_LAYER, "the norm of the gradient in "
      "layer L's weights (C1)", 0, 0 }, q_layer_gnorm },
  { { "w", RS_EXPECT_ARG_NONE, "the single neuron's w (W1[0][0])", 0, 0 },
    q_w },
  { { "b", RS_EXPECT_ARG_NONE, "the single neuron's b (b1[0])", 0, 0 },
    q_b },
  { { "param", RS_EXPECT_ARG_PARAM, "a parameter, written by its name "
      "alone: W1[0][1], b2[0]", 0, 0 }, q_param },
  { { "alive", RS_EXPECT_ARG_UNIT, "on how many points a unit is active, "
      "written alive<L>[J] as in simulate's columns", 0, 0 }, q_alive },
  { { "alive-min", RS_EXPECT_ARG_NONE, "the fewest points a hidden unit "
      "is active on", 0, 0 }, q_alive_min },
  { { "alive-max", RS_EXPECT_ARG_NONE, "the most points a hidden unit is "
      "active on", 0, 0 }, q_alive_max },
  { { "dead", RS_EXPECT_ARG_NONE, "the number of dead units", 0, 0 },
    q_dead },
  { { "dead-fraction", RS_EXPECT_ARG_NONE, "the dead units over the "
      "hidden units", 0, 0 }, q_dead_fraction },
  { { "dead-units", RS_EXPECT_ARG_UNITS, "exactly these units are dead: "
      "L:J ..., or none", 0, 0 }, NULL },
  { { "inactive", RS_EXPECT_ARG_NONE, "the fraction of (hidden unit, "
      "point) pairs with z <= 0 (C6)", 0, 0 }, q_inactive },
  { { "outcome", RS_EXPECT_ARG_WORD, "running, converged, stuck or "
      "diverged", 0, 0 }, NULL },
  { { "event", RS_EXPECT_ARG_WORD, "the step carries this event: start, "
      "kick, act, rate, beat or autokick", 0, 0 }, NULL },
  { { "rate", RS_EXPECT_ARG_NONE, "the learning rate", 0, 0 }, q_rate },
  { { "gamma", RS_EXPECT_ARG_NONE, "bias warming's shift", 0, 0 },
    q_gamma },
  { { "temperature", RS_EXPECT_ARG_NONE, "Langevin's temperature", 0, 0 },
    q_temperature },
  { { "correct", RS_EXPECT_ARG_NONE, "the points whose largest score is "
      "their class", 1, 1 }, q_correct },
  { { "p-min", RS_EXPECT_ARG_NONE, "the smallest probability of a "
      "point's own class, under the loss's head (C12)", 1, 1 }, q_p_min },
  { { "p-zero", RS_EXPECT_ARG_NONE, "the points whose own class has "
      "probability 0 (C12)", 1, 1 }, q_p_zero },
  { { "depth", RS_EXPECT_ARG_ACT, "the depth experiment (no step): "
      "depth ACT ratio, or depth ACT layer L", 0, 0 }, NULL },
};

#define N_QUANTITIES (sizeof quantities / sizeof quantities[0])

const char *const rs_expect_event_names[] = {
  "start", "kick", "act", "rate", "beat", "autokick", NULL
};

static const unsigned event_bits[] = {
  RS_EVENT_START, RS_EVENT_KICK, RS_EVENT_ACT, RS_EVENT_RATE, RS_EVENT_BEAT,
  RS_EVENT_AUTOKICK
};

const rs_expect_quantity *
rs_expect_quantity_get (size_t i)
{
  return i < N_QUANTITIES ? &quantities[i].pub : NULL;
}

const rs_expect_quantity *
rs_expect_quantity_lookup (const char *name)
{
  for (size_t i = 0; i < N_QUANTITIES; i++)
    if (strcmp (quantities[i].pub.name, name) == 0)
      return &quantities[i].pub;
  return NULL;
}

static value_fn
value_of (const rs_expect_quantity *q)
{
  return ((const quantity *) q)->value;
}

/* ---- Text ---- */

double
rs_expect_written_tol (const char *text)
{
  const char *dot = strchr (text, '.'), *e = strpbrk (text, "eE");
  int decimals = 0, exponent = e != NULL ? atoi (e + 1) : 0;

  if (dot == NULL && e == NULL)
    return 0.0;
  if (dot != NULL)
    for (const char *p = dot + 1; *p >= '0' && *p <= '9'; p++)
      decimals++;
  return 0.5 * pow (10.0, exponent - decimals);
}

static const char *const cmp_words[] = {
  "", "below ", "above ", "at-most ", "at-least "
};

/* STEP as written: a number or 'end'. */
static void
put_step (char *buf, size_t n, size_t step)
{
  if (step == RS_EXPECT_END)
    snprintf (buf, n, "end");
  else
    snprintf (buf, n, "%zu", step);
}

/* The quantity and what follows its name (before the value). */
static size_t
put_quantity (const rs_expect *e, char *buf, size_t n)
{
  size_t k = 0;

  switch (e->q->arg)
    {
    case RS_EXPECT_ARG_PARAM:
      return (size_t) snprintf (buf, n, "%s", e->name);
    case RS_EXPECT_ARG_UNIT:
      return (size_t) snprintf (buf, n, "alive%zu[%zu]", e->layer, e->unit);
    case RS_EXPECT_ARG_LAYER:
      return (size_t) snprintf (buf, n, "%s %zu", e->q->name, e->layer);
    case RS_EXPECT_ARG_ACT:
      if (e->layer == 0)
        return (size_t) snprintf (buf, n, "depth %s ratio", e->name);
      return (size_t) snprintf (buf, n, "depth %s layer %zu", e->name,
                                e->layer);
    case RS_EXPECT_ARG_WORD:
      return (size_t) snprintf (buf, n, "%s %s", e->q->name,
                                e->q->name[0] == 'o'
                                ? rs_sim_status_name ((rs_sim_status) e->word)
                                : rs_expect_event_names[e->word]);
    case RS_EXPECT_ARG_UNITS:
      k = (size_t) snprintf (buf, n, "dead-units%s",
                             e->n_units == 0 ? " none" : "");
      for (size_t u = 0; u < e->n_units && k < n; u++)
        k += (size_t) snprintf (buf + k, n - k, " %u:%u", e->units[u][0],
                                e->units[u][1]);
      return k;
    default:
      return (size_t) snprintf (buf, n, "%s", e->q->name);
    }
}

char *
rs_expect_format (const rs_expect *e, char *buf, size_t n)
{
  char a[24], b[24];
  size_t k = 0;

  if (n == 0)
    return buf;
  buf[0] = '\0';
  put_step (a, sizeof a, e->from);
  put_step (b, sizeof b, e->to);
  if (e->when == RS_EXPECT_AT)
    k = (size_t) snprintf (buf, n, "at %s ", a);
  else if (e->when == RS_EXPECT_SPAN)
    k = (size_t) snprintf (buf, n, "from %s to %s ", a, b);
  if (k < n)
    k += put_quantity (e, buf + k, n - k);
  if (k < n && e->q->arg != RS_EXPECT_ARG_WORD
      && e->q->arg != RS_EXPECT_ARG_UNITS)
    k += (size_t) snprintf (buf + k, n - k, " %s%s", cmp_words[e->cmp],
                            e->text);
  if (k < n && e->cmp == RS_EXPECT_NEAR && e->has_tol)
    snprintf (buf + k, n - k, " within %.17g", e->tol);
  return buf;
}

static int
same_double (double a, double b)
{
  return memcmp (&a, &b, sizeof a) == 0;
}

int
rs_expect_equal (const rs_expect *a, const rs_expect *b)
{
  return a->when == b->when && a->from == b->from && a->to == b->to
         && a->q == b->q && strcmp (a->name, b->name) == 0
         && a->layer == b->layer && a->unit == b->unit && a->word == b->word
         && a->n_units == b->n_units
         && memcmp (a->units, b->units, a->n_units * sizeof a->units[0]) == 0
         && a->cmp == b->cmp && same_double (a->value, b->value)
         && same_double (a->tol, b->tol) && a->has_tol == b->has_tol
         && strcmp (a->text, b->text) == 0;
}

/* ---- Verdicts ---- */

/* Whether x meets the claim's number. */
static int
meets (const rs_expect *e, double x)
{
  switch (e->cmp)
    {
    case RS_EXPECT_BELOW:
      return x < e->value;
    case RS_EXPECT_ABOVE:
      return x > e->value;
    case RS_EXPECT_AT_MOST:
      return x <= e->value;
    case RS_EXPECT_AT_LEAST:
      return x >= e->value;
    default:
      if (isinf (e->value) || isinf (x))
        return x == e->value;
      return fabs (x - e->value) <= e->tol;
    }
}

/* A number as the run gives it: enough digits to compare with the
 * claim's, and never fewer than 4 significant. */
static void
put_number (char *buf, size_t n, const rs_expect *e, double x)
{
  int digits = 4;

  if (e->cmp == RS_EXPECT_NEAR && e->tol > 0.0 && x != 0.0 && isfinite (x))
    {
      int need = (int) ceil (log10 (fabs (x)) - log10 (e->tol)) + 1;

      digits = need > digits ? (need < 17 ? need : 17) : digits;
    }
  if (e->cmp == RS_EXPECT_NEAR && e->tol == 0.0)
    digits = 17;
  snprintf (buf, n, "%.*g", digits, x);
}

/* The dead units of point i's network (those that can die, active on no
 * point), up to max into list; whether a layer is wholly dead (its output
 * is constant: a plateau, C5).  As the run counts them. */
static size_t
dead_list (ctx *c, rs_sim_unit *list, size_t max, int *layer_dead)
{
  size_t active[RS_NET_MAX_UNITS], dead = 0;

  *layer_dead = 0;
  if (forward (c) != RS_OK)
    return 0;
  for (size_t l = 1; l <= rs_net_layers (c->net); l++)
    {
      size_t here = 0;

      rs_net_activity (c->net, c->w, l, active, NULL);
      for (size_t j = 0; j < rs_net_units (c->net, l); j++)
        if (active[j] == 0 && rs_net_unit_can_die (c->net, l, j))
          {
            if (dead < max)
              list[dead] = (rs_sim_unit) { l, j };
            dead++, here++;
          }
      *layer_dead |= here == rs_net_units (c->net, l);
    }
  return dead;
}

/* The dead units, as "L:J ..." or "none"; whether they are the claim's. */
static int
judge_units (ctx *c, const rs_expect *e, char *gives, size_t n)
{
  rs_sim_unit list[RS_NET_MAX_LAYERS * RS_NET_MAX_UNITS];
  int layer_dead;
  size_t m = dead_list (c, list, sizeof list / sizeof list[0], &layer_dead);
  size_t k = 0;
  int same = m == e->n_units;

  gives[0] = '\0';
  for (size_t u = 0; u < m && k < n; u++)
    k += (size_t) snprintf (gives + k, n - k, "%s%zu:%zu", u ? " " : "",
                            list[u].layer, list[u].unit);
  if (m == 0)
    snprintf (gives, n, "none");
  for (size_t u = 0; u < e->n_units && same; u++)
    {
      int found = 0;

      for (size_t v = 0; v < m; v++)
        found |= list[v].layer == e->units[u][0]
                 && list[v].unit == e->units[u][1];
      same = found;
    }
  return same;
}

/* The outcome at point i, by the run's rules (rs_sim_test): diverged
 * from the step it diverged at; running while the gradient norm is above
 * the tolerance; else stuck on a plateau (a wholly dead layer, or an
 * infinite loss, C5, C12) or converged. */
static rs_sim_status
outcome (ctx *c)
{
  size_t at = 0;
  char param[32];
  int layer_dead = 0;

  if (rs_sim_divergence (c->s, &at, param, sizeof param)
      && c->pt->step >= at)
    return RS_SIM_DIVERGED;
  if (c->pt->gnorm > rs_sim_get_params (c->s)->tol)
    return RS_SIM_RUNNING;
  dead_list (c, NULL, 0, &layer_dead);
  return layer_dead || isinf (c->pt->loss) ? RS_SIM_STUCK
                                           : RS_SIM_CONVERGED;
}

/* Whether the claim holds at the state of c; what the run gives. */
static int
judge_here (ctx *c, const rs_expect *e, double *got, char *gives, size_t n)
{
  const rs_expect_quantity *q = e->q;

  *got = NAN;
  if (q->arg == RS_EXPECT_ARG_UNITS)
    return judge_units (c, e, gives, n);
  if (q->arg == RS_EXPECT_ARG_WORD && q->name[0] == 'o')
    {
      rs_sim_status st = outcome (c);

      snprintf (gives, n, "%s", rs_sim_status_name (st));
      return (int) st == e->word;
    }
  if (q->arg == RS_EXPECT_ARG_WORD)
    {
      char names[80];

      rs_sim_event_names (c->pt->events, names, sizeof names);
      snprintf (gives, n, "%s", names[0] ? names : "no event");
      return (c->pt->events & event_bits[e->word]) != 0;
    }
  *got = value_of (q) (c, e);
  put_number (gives, n, e, *got);
  return meets (e, *got);
}

/* Whether claim e covers step t of a run whose last step is last. */
static int
covers (const rs_expect *e, size_t t, size_t last)
{
  size_t from = e->from == RS_EXPECT_END ? last : e->from;
  size_t to = e->to == RS_EXPECT_END ? last : e->to;

  if (e->when == RS_EXPECT_AT)
    return t == from;
  return e->when == RS_EXPECT_SPAN && t >= from && t <= to;
}

/* Judge the claims that cover the step of point c->i.  A step recorded
 * twice (before and after its events, such as 'at 50 alpha') is judged
 * at its last point by a claim at that step, and at every point by a
 * span, whose verdict is its first point where it is false. */
static void
judge_step (ctx *c, const rs_expect *e, size_t n, size_t last,
            rs_expect_verdict *v, unsigned char *seen)
{
  size_t t = c->pt->step;

  for (size_t k = 0; k < n; k++)
    {
      double got;
      char gives[sizeof v->gives];
      int ok;

      if (!covers (&e[k], t, last)
          || (seen[k] && !v[k].holds && e[k].when == RS_EXPECT_SPAN))
        continue;
      ok = judge_here (c, &e[k], &got, gives, sizeof gives);
      if (!seen[k] || !ok || e[k].when == RS_EXPECT_AT)
        {
          v[k].holds = ok;
          v[k].step = t;
          v[k].got = got;
          memcpy (v[k].gives, gives, sizeof gives);
        }
      seen[k] = 1;
    }
}

/* The depth experiment for activation name at depth L, with
 * rs_probe_depth's defaults otherwise, into r. */
static int
depth_run (const char *name, size_t depth, rs_probe_depth_result *r,
           rs_error *err)
{
  rs_probe_depth_opts o;

  rs_probe_depth_default (&o);
  o.max_depth = depth;
  o.act = rs_act_lookup (name);
  return rs_probe_depth (&o, r, err);
}

/* Judge the claims on the depth experiment, at the network's depth: the
 * mean gradient norm of layer l at depth L, or the ratio of layer 1 to
 * layer L when l is 0.  One experiment per activation named. */
static int
judge_depth (const rs_sim *s, const rs_expect *e, size_t n,
             rs_expect_verdict *v, rs_error *err)
{
  size_t depth = rs_sim_is_neuron (s) ? 1 : rs_net_layers (rs_sim_net (s));
  rs_probe_depth_result *r = malloc (sizeof *r);
  int rc = r == NULL ? rs_error_set (err, RS_ENOMEM, NULL, 0, 0,
                                     "out of memory") : RS_OK;

  for (size_t k = 0; k < n && rc == RS_OK; k++)
    {
      const rs_probe_depth_cell *row;
      double x;

      if (e[k].when != RS_EXPECT_DEPTH || v[k].gives[0] != '\0')
        continue;
      if ((rc = depth_run (e[k].name, depth, r, err)) != RS_OK)
        break;
      row = r->cell[depth - 1];
      for (size_t j = k; j < n; j++)
        if (e[j].when == RS_EXPECT_DEPTH
            && strcmp (e[j].name, e[k].name) == 0)
          {
            x = e[j].layer == 0 ? row[0].mean / row[depth - 1].mean
                                : row[e[j].layer - 1].mean;
            v[j].holds = meets (&e[j], x);
            v[j].step = 0;
            v[j].got = x;
            put_number (v[j].gives, sizeof v[j].gives, &e[j], x);
          }
    }
  free (r);
  return rc;
}

/* Claims at steps the run never reached (it diverged): false. */
static void
judge_unreached (const rs_sim *s, const rs_expect *e, size_t n,
                 rs_expect_verdict *v, const unsigned char *seen)
{
  size_t at = 0;
  char param[32];

  if (!rs_sim_divergence (s, &at, param, sizeof param))
    return;
  for (size_t k = 0; k < n; k++)
    if (e[k].when != RS_EXPECT_DEPTH && (!seen[k] || e[k].to > at))
      if (!seen[k] || v[k].holds)
        {
          v[k].holds = 0;
          v[k].step = at;
          v[k].got = NAN;
          snprintf (v[k].gives, sizeof v[k].gives, "diverged at step %zu "
                    "(%s)", at, param);
        }
}

/* Step the run from its start to its end, judging at each step. */
static int
judge_run (rs_sim *s, const rs_expect *e, size_t n, rs_expect_verdict *v,
           unsigned char *seen, rs_error *err)
{
  const rs_sim_params *p = rs_sim_get_params (s);
  ctx c = { s, 0, NULL, NULL, NULL, NULL, 0, 0, RS_OK };
  int rc = RS_OK, done = 0;

  c.net = rs_net_clone (rs_sim_net (s), err);
  c.w = c.net != NULL ? rs_net_workspace_alloc (c.net, rs_sim_data (s)->n,
                                                err) : NULL;
  c.grad = c.w != NULL ? gsl_vector_alloc (rs_net_nparams (c.net)) : NULL;
  if (c.grad == NULL)
    rc = rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory");
  for (;;)
    {
      for (; c.i < rs_sim_n_recorded (s) && rc == RS_OK; c.i++)
        {
          c.pt = rs_sim_recorded (s, c.i);
          c.forwarded = c.have_grad = 0;
          judge_step (&c, e, n, p->steps, v, seen);
          if (c.code != RS_OK)
            rc = rs_error_set (err, c.code, NULL, 0, 0, "a claim does not "
                               "fit the run's network");
        }
      if (rc != RS_OK || done)
        break;
      done = rs_sim_current (s)->step >= p->steps
             || rs_sim_iterate (s) != RS_OK;
    }
  if (rc == RS_OK)
    judge_unreached (s, e, n, v, seen);
  gsl_vector_free (c.grad);
  rs_net_workspace_free (c.w);
  rs_net_free (c.net);
  return rc;
}

int
rs_expect_check (const rs_sim_params *p, const rs_expect *e, size_t n,
                 rs_expect_verdict *v, rs_error *err)
{
  rs_sim_params q = *p;
  unsigned char *seen = calloc (n + 1, 1);
  rs_sim *s;
  int rc;

  if (seen == NULL)
    return rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory");
  q.record_every = 1;
  memset (v, 0, n * sizeof *v);
  s = rs_sim_alloc (&q, err);
  rc = s == NULL ? (err != NULL ? err->code : RS_ENOMEM)
                 : judge_run (s, e, n, v, seen, err);
  if (rc == RS_OK)
    rc = judge_depth (s, e, n, v, err);
  rs_sim_free (s);
  free (seen);
  return rc;
}
