/* sim.c: one running scene (C4 - C11).
 *
 * The state of a run is its parameters, its optimiser's state, the
 * activations of its ReLU-family layers and its base rate.  Each step
 * applies what the timeline holds for it, takes one optimiser step and
 * evaluates the new state on the whole data set: loss, gradient norm, dead
 * units.  A full-batch run reuses that gradient for its next step. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_randist.h>

#include "reluscape/rs_sim.h"
#include "seed_private.h"

#define NOT_STUCK ((size_t) -1)

/* What a recorded point needs besides rs_sim_point, its parameters and
 * its activations (rec_act, rec_param) to resume exactly. */
typedef struct {
  double rate;
  int temp_set;              /* rs_sim_set_temperature holds T at temp */
  double temp;
  size_t low_since;
  size_t stuck_since;
  int events_done;
  size_t version;            /* the training settings, in rs_sim.ver */
} resume;

/* One version of the training settings, with an optimiser of its own:
 * the recorded points name the version they trained with, so that a
 * rewind brings it back. */
typedef struct {
  rs_sim_training t;
  rs_optim *opt;
} version;

/* Streams of random numbers, one per purpose and step. */
enum { STREAM_INIT = 1, STREAM_BATCH, STREAM_LANGEVIN, STREAM_AUTOKICK,
       STREAM_KICK };

struct rs_sim {
  rs_sim_params p;
  rs_data *data;
  rs_data *batch;            /* minibatch buffer, when batch < n */
  size_t *order;             /* this epoch's permutation of the points */
  size_t epoch;              /* the epoch `order` belongs to */
  rs_net *net;
  rs_net *shifted;           /* net with bias warming's shift */
  rs_net_workspace *w;       /* the whole data set */
  rs_net_workspace *wb;      /* a minibatch */
  gsl_vector *theta0;        /* the start, for rs_sim_reset */
  gsl_vector *grad;          /* the full training gradient at the state */
  gsl_vector *bgrad;         /* a minibatch's gradient */
  rs_optim *opt;             /* ver[cur_r.version].opt */
  version *ver;              /* every version some point refers to */
  size_t n_ver;
  size_t cap_ver;
  gsl_rng *rng;              /* reseeded per stream and step */
  gsl_rng *krng;             /* a scheduled kick's own mt19937 */
  rs_neuron u;
  rs_sim_point cur;          /* the current state, recorded or not */
  resume cur_r;
  rs_net_spec spec0;         /* the activations at the start */
  int diverged;
  size_t div_step;
  long div_param;            /* -1: the loss */
  size_t kicks_here;         /* interactive kicks at this step so far */
  /* the trajectory */
  rs_sim_point *rec;
  resume *rec_r;
  const rs_act_type **rec_act; /* each layer's activation, [point][layer] */
  double *rec_param;           /* and its parameter */
  size_t nl;                   /* the network's layers */
  double *rec_theta;
  double *rec_opt;
  size_t n_rec;
  size_t cap_rec;
  size_t np;
  size_t nopt;               /* room for the largest optimiser's state */
  unsigned char *frozen;     /* 1 for a frozen parameter; NULL: none */
  double *keep;              /* their values while training changes theta */
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
  p->init = rs_init_he_normal;
  p->loss = rs_loss_mse_type;
  p->optim = rs_optim_gd;
  rs_optim_params_default (&p->optim_params);
  p->rate = 0.1;
  rs_sched_default (&p->sched);
  rs_sched_default (&p->temp_sched);
  p->kick_sigma = 1.0;
  p->autokick.eps = 1e-6;
  p->autokick.patience = 10;
  p->steps = 200;
  p->tol = 1e-6;
  p->record_every = 1;
  p->record_bytes = (size_t) 64 << 20;
}

const char *
rs_sim_status_name (rs_sim_status s)
{
  static const char *const names[] = { "running", "converged", "stuck",
                                       "diverged" };

  return (unsigned) s < 4 ? names[s] : "unknown";
}

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

static int
bad (rs_error *err, const char *what)
{
  return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "%s", what);
}

/* The data and the single neuron's values. */
static int
check_data_params (const rs_sim_params *p, rs_error *err)
{
  if (p->data == NULL && (p->n_points < 2 || p->n_points > 100000))
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
  if (p->init == NULL || !isfinite (p->init_c) || !isfinite (p->bias0))
    return bad (err, "the initialisation needs a scheme and finite values");
  if (p->loss == NULL)
    return bad (err, "no loss");
  return RS_OK;
}

/* The training settings of p. */
static rs_sim_training
training_of (const rs_sim_params *p)
{
  rs_sim_training t = { p->optim, p->optim_params, p->warming, p->decay,
                        p->net.layers > 0 ? p->net.kink : p->kink };

  return t;
}

/* The settings rs_sim_set_training can change, but for the kink, which
 * the data's and the network's checks look at. */
static int
check_training (const rs_sim_training *t, rs_error *err)
{
  int rc;

  if (t->optim == NULL)
    return bad (err, "no optimiser");
  if ((rc = rs_optim_params_check (&t->optim_params, err)) != RS_OK
      || (rc = rs_warming_check (&t->warming, err)) != RS_OK)
    return rc;
  if (!(t->decay.lambda >= 0.0 && t->decay.lambda <= 1e3))
    return bad (err, "the weight decay must be in [0, 1000]");
  return RS_OK;
}

/* The optimiser, the schedules and the cures. */
static int
check_train_params (const rs_sim_params *p, rs_error *err)
{
  rs_sim_training t = training_of (p);
  int rc;

  if ((rc = check_training (&t, err)) != RS_OK
      || (rc = rs_sched_check (&p->sched, err)) != RS_OK
      || (rc = rs_sched_check (&p->temp_sched, err)) != RS_OK)
    return rc;
  if (!(p->rate > 0.0 && p->rate <= 100.0))
    return bad (err, "the learning rate must be in (0, 100]");
  if (!(p->clip >= 0.0 && p->clip <= 1e12))
    return bad (err, "the clipping norm must be in [0, 1e12]");
  if (!(p->temperature >= 0.0 && p->temperature <= 1e6))
    return bad (err, "the temperature must be in [0, 1e6]");
  return RS_OK;
}

/* Kicks, events, stopping and recording. */
static int
check_run_params (const rs_sim_params *p, rs_error *err)
{
  if (p->steps < 1 || p->steps > 10000000)
    return bad (err, "the number of steps must be in [1, 10000000]");
  if (!(p->tol >= 0.0 && p->tol <= 1.0))
    return bad (err, "the tolerance must be in [0, 1]");
  if (!(p->kick_sigma > 0.0 && p->kick_sigma <= 1e3))
    return bad (err, "the kick scale must be in (0, 1000]");
  if (p->n_kicks > RS_SIM_MAX_KICKS || p->n_events > RS_SIM_MAX_EVENTS
      || p->n_values > RS_SIM_MAX_VALUES || p->n_frozen > RS_SIM_MAX_FROZEN)
    return bad (err, "too many kicks, events or values");
  for (size_t i = 0; i < p->n_kicks; i++)
    if (!(p->kicks[i].sigma > 0.0 && p->kicks[i].sigma <= 1e3))
      return bad (err, "a kick's sigma must be in (0, 1000]");
  if (!(p->autokick.sigma >= 0.0 && p->autokick.sigma <= 1e3)
      || !(p->autokick.eps >= 0.0) || p->autokick.patience < 1)
    return bad (err, "automatic kicks need sigma in [0, 1000], eps >= 0 "
                "and a patience of at least 1 step");
  if (p->record_every < 1)
    return bad (err, "record_every must be at least 1");
  return RS_OK;
}

int
rs_sim_params_check (const rs_sim_params *p, rs_error *err)
{
  int rc;

  if ((rc = check_data_params (p, err)) != RS_OK
      || (rc = check_train_params (p, err)) != RS_OK
      || (rc = check_run_params (p, err)) != RS_OK)
    return rc;
  if (p->net.layers > 0)
    return rs_net_spec_check (&p->net, err);
  return RS_OK;
}

static gsl_rng *
stream (rs_sim *s, unsigned what, size_t t, size_t extra)
{
  gsl_rng_set (s->rng, rs_seed_mix (s->p.seed, t, what, extra));
  return s->rng;
}

/* The data set of p, its noise drawn from p->seed. */
static rs_data *
make_data (const rs_sim_params *p, rs_error *err)
{
  gsl_rng *r;
  rs_data *d;

  if (p->data != NULL)
    return rs_data_clone (p->data, err);
  r = gsl_rng_alloc (gsl_rng_mt19937);
  if (r == NULL)
    {
      rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory");
      return NULL;
    }
  gsl_rng_set (r, p->seed);
  if (p->gen != NULL)
    d = rs_data_generate (p->gen, p->n_points, p->noise, r, err);
  else if ((d = rs_data_alloc (p->n_points, err)) != NULL)
    rs_data_line (d, p->slope, p->intercept, p->noise, r);
  gsl_rng_free (r);
  return d;
}

/* The network's shape: p->net, or the single neuron 1 -> 1. */
static void
make_spec (const rs_sim_params *p, rs_net_spec *spec)
{
  size_t sizes[2] = { 1, 1 };

  if (p->net.layers > 0)
    {
      *spec = p->net;
      return;
    }
  rs_net_spec_init (spec, 1, sizes, p->act, p->act);
  spec->param[0] = p->act->param_name != NULL ? p->alpha : 0.0;
  spec->kink = p->kink;
}

/* The parameters at the start: (w0, b0) for the single neuron, otherwise
 * the initialiser; then the explicit values. */
static int
init_params (rs_sim *s, rs_error *err)
{
  const rs_sim_params *p = &s->p;
  int rc = RS_OK;

  if (p->net.layers == 0)
    {
      gsl_vector_set (rs_net_params (s->net), 0, p->w0);
      gsl_vector_set (rs_net_params (s->net), 1, p->b0);
    }
  else
    rc = rs_net_init (s->net, p->init, p->init_c, p->bias0,
                      stream (s, STREAM_INIT, 0, 0), err);
  for (size_t i = 0; rc == RS_OK && i < p->n_values; i++)
    rc = rs_net_set (s->net, p->values[i].name, p->values[i].value, err);
  if (rc == RS_OK)
    gsl_vector_memcpy (s->theta0, rs_net_params (s->net));
  return rc;
}

/* Doubles that hold the state of any optimiser for np parameters, so
 * that a run can change its optimiser (rs_sim_set_training). */
static size_t
optim_room (size_t np)
{
  size_t slots = 0;

  for (size_t i = 0; rs_optim_types[i] != NULL; i++)
    if (rs_optim_types[i]->slots > slots)
      slots = rs_optim_types[i]->slots;
  return 1 + slots * np;
}

/* Room for the trajectory within p->record_bytes. */
static int
alloc_record (rs_sim *s, rs_error *err)
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

/* Everything but the trajectory. */
static int
alloc_state (rs_sim *s, rs_error *err)
{
  const rs_sim_params *p = &s->p;
  size_t bn;

  if ((s->data = make_data (p, err)) == NULL)
    return err != NULL ? err->code : RS_EINVAL;
  make_spec (p, &s->spec0);
  if ((s->net = rs_net_alloc (&s->spec0, err)) == NULL
      || (s->shifted = rs_net_clone (s->net, err)) == NULL
      || (s->w = rs_net_workspace_alloc (s->net, s->data->n, err)) == NULL)
    return err != NULL ? err->code : RS_EINVAL;
  if (rs_loss_check (p->loss, rs_net_outputs (s->net), s->data, err) != RS_OK)
    return RS_EINVAL;
  if (s->data->dim != rs_net_inputs (s->net))
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "the data has %zu inputs per point, the network "
                         "%zu", s->data->dim, rs_net_inputs (s->net));
  s->np = rs_net_nparams (s->net);
  bn = p->batch > 0 && p->batch < s->data->n ? p->batch : s->data->n;
  s->theta0 = gsl_vector_alloc (s->np);
  s->grad = gsl_vector_alloc (s->np);
  s->bgrad = gsl_vector_alloc (s->np);
  s->rng = gsl_rng_alloc (gsl_rng_taus2);
  s->krng = gsl_rng_alloc (gsl_rng_mt19937);
  s->order = malloc (s->data->n * sizeof *s->order);
  s->batch = rs_data_alloc_dims (bn, s->data->dim, s->data->ydim, err);
  s->wb = rs_net_workspace_alloc (s->net, bn, err);
  s->opt = rs_optim_alloc (p->optim, &p->optim_params, s->np, err);
  s->cap_ver = 4;
  s->ver = malloc (s->cap_ver * sizeof *s->ver);
  if (s->theta0 == NULL || s->grad == NULL || s->bgrad == NULL
      || s->rng == NULL || s->krng == NULL || s->order == NULL || s->batch == NULL
      || s->wb == NULL || s->opt == NULL || s->ver == NULL)
    return rs_error_set (err, RS_ENOMEM, NULL, 0, 0,
                         "out of memory for a run");
  s->ver[0] = (version) { training_of (p), s->opt };
  s->n_ver = 1;
  if (p->n_frozen > 0)
    {
      s->frozen = malloc (s->np);
      s->keep = malloc (s->np * sizeof *s->keep);
      if (s->frozen == NULL || s->keep == NULL)
        return rs_error_set (err, RS_ENOMEM, NULL, 0, 0,
                             "out of memory for a run");
      if (rs_sim_freeze_mask (s->net, p, s->frozen, err) != RS_OK)
        return RS_EINVAL;
    }
  s->nopt = optim_room (s->np);
  for (size_t i = 0; i < p->n_kicks; i++)
    {
      rs_kick_spec ks = { p->kicks[i].target, p->kicks[i].layer,
                          p->kicks[i].unit, p->kicks[i].sigma };
      rs_error e;

      if (rs_kick_check (&ks, s->net, &e) != RS_OK)
        return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                             "the kick at step %zu: %s", p->kicks[i].step,
                             e.message);
    }
  return init_params (s, err);
}

static void record_start (rs_sim *s, unsigned events);

rs_sim *
rs_sim_alloc (const rs_sim_params *p, rs_error *err)
{
  rs_sim *s;

  if (rs_sim_params_check (p, err) != RS_OK)
    return NULL;
  s = calloc (1, sizeof *s);
  if (s == NULL)
    {
      rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory for a run");
      return NULL;
    }
  s->p = *p;
  if (alloc_state (s, err) != RS_OK || alloc_record (s, err) != RS_OK)
    {
      rs_sim_free (s);
      return NULL;
    }
  /* the run's own copy of the data: its parameters make the same run
     again */
  s->p.data = s->data;
  s->cur_r.rate = p->rate;
  rs_sim_reset (s);
  return s;
}

void
rs_sim_free (rs_sim *s)
{
  if (s == NULL)
    return;
  rs_data_free (s->data);
  rs_data_free (s->batch);
  rs_net_free (s->net);
  rs_net_free (s->shifted);
  rs_net_workspace_free (s->w);
  rs_net_workspace_free (s->wb);
  if (s->theta0 != NULL)
    gsl_vector_free (s->theta0);
  if (s->grad != NULL)
    gsl_vector_free (s->grad);
  if (s->bgrad != NULL)
    gsl_vector_free (s->bgrad);
  if (s->ver != NULL)
    for (size_t i = 0; i < s->n_ver; i++)
      rs_optim_free (s->ver[i].opt);
  else
    rs_optim_free (s->opt);
  free (s->ver);
  gsl_rng_free (s->rng);
  gsl_rng_free (s->krng);
  free (s->order);
  free (s->rec);
  free (s->rec_r);
  free (s->frozen);
  free (s->keep);
  free (s->rec_act);
  free (s->rec_param);
  free (s->rec_theta);
  free (s->rec_opt);
  free (s);
}

/* Dead units after a forward pass in s->w, listed up to max; whether
 * some layer is wholly dead (its output is constant: a plateau, C5); and
 * (when first is not NULL) on how many points unit 0 of layer 1 is
 * active, from the same count. */
static size_t
count_dead (const rs_sim *s, rs_sim_unit *list, size_t max, int *layer_dead,
            size_t *first)
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

/* The network the step trains through: shifted by gamma when warming. */
static const rs_net *
training_net (rs_sim *s)
{
  if (s->cur.gamma == 0.0)
    return s->net;
  sync_shifted (s);
  gsl_vector_memcpy (rs_net_params (s->shifted), rs_net_params (s->net));
  if (rs_sim_is_neuron (s))
    *gsl_vector_ptr (rs_net_params (s->shifted), 1) += s->cur.gamma;
  else
    rs_warming_shift (s->shifted, rs_net_params (s->shifted), s->cur.gamma);
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

/* Evaluate the current state on all the data: loss, gradient (kept for a
 * full-batch step), gradient norm, activity.  Notes a divergence. */
/* Frozen parameters (freeze): no gradient, and their values kept while
 * an update or a kick changes theta, then put back, so that whatever
 * training does (any optimiser, decay, noise, kicks) leaves them as they
 * were. */
static void
zero_frozen (const rs_sim *s, gsl_vector *g)
{
  for (size_t i = 0; s->frozen != NULL && i < s->np; i++)
    if (s->frozen[i])
      gsl_vector_set (g, i, 0.0);
}

static void
hold_frozen (rs_sim *s)
{
  const gsl_vector *theta = rs_net_params (s->net);

  for (size_t i = 0; s->frozen != NULL && i < s->np; i++)
    s->keep[i] = gsl_vector_get (theta, i);
}

static void
restore_frozen (rs_sim *s)
{
  gsl_vector *theta = rs_net_params (s->net);

  for (size_t i = 0; s->frozen != NULL && i < s->np; i++)
    if (s->frozen[i])
      gsl_vector_set (theta, i, s->keep[i]);
}

static void
evaluate (rs_sim *s)
{
  const rs_net *tn;
  int rc, layer_dead;
  long bad_param = first_nonfinite (s);

  step_constants (s);
  sync_neuron (s);
  s->cur.w = s->u.w;
  s->cur.b = s->u.b;
  tn = training_net (s);
  rc = rs_loss_net (tn, s->p.loss, s->data, s->w, &s->cur.loss, s->grad,
                    NULL);
  zero_frozen (s, s->grad);
  s->cur.gnorm = gsl_blas_dnrm2 (s->grad);
  s->cur.dead = count_dead (s, NULL, 0, &layer_dead, &s->cur.active);
  if (bad_param >= 0 || isnan (s->cur.loss)
      || (isinf (s->cur.loss) && rc != RS_EDOMAIN) || !isfinite (s->cur.gnorm))
    {
      s->diverged = 1;
      s->div_step = s->cur.step;
      s->div_param = bad_param;
    }
  /* at rest on a plateau: stuck since the first step of this rest.  A
     plateau is a wholly dead layer (C5), or an infinite loss whose
     gradient vanishes (a ReLU-normalised head, C12). */
  if (s->cur.gnorm <= s->p.tol && (layer_dead || isinf (s->cur.loss)))
    {
      if (s->cur_r.stuck_since == NOT_STUCK)
        s->cur_r.stuck_since = s->cur.step;
    }
  else
    s->cur_r.stuck_since = NOT_STUCK;
  if (s->p.autokick.sigma > 0.0 && s->cur.gnorm < s->p.autokick.eps
      && s->cur.dead > 0)
    s->cur_r.low_since++;
  else
    s->cur_r.low_since = 0;
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
static void
store (rs_sim *s)
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
static void
record_change (rs_sim *s, unsigned events)
{
  evaluate (s);
  s->cur.events = events;
  store (s);
}

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
static void
drop_versions_after (rs_sim *s, size_t v)
{
  while (s->n_ver > v + 1)
    rs_optim_free (s->ver[--s->n_ver].opt);
}

/* Train as version v does (its optimiser's state is loaded apart). */
static void
use_version (rs_sim *s, size_t v)
{
  s->cur_r.version = v;
  s->opt = s->ver[v].opt;
  apply_training (s, &s->ver[v].t);
}

/* Step 0 of a run from the network's current parameters, with the
 * training settings of now as the only version. */
static void
record_start (rs_sim *s, unsigned events)
{
  size_t v = s->cur_r.version;

  if (v != 0)
    {
      version keep = s->ver[v];

      s->ver[v] = s->ver[0];
      s->ver[0] = keep;
    }
  drop_versions_after (s, 0);
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
  record_change (s, events);
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
  record_start (s, RS_EVENT_START);
}

void
rs_sim_restart (rs_sim *s, double w, double b)
{
  s->cur_r.rate = s->p.rate;
  s->cur_r.temp_set = 0;
  gsl_vector_memcpy (rs_net_params (s->net), s->theta0);
  gsl_vector_set (rs_net_params (s->net), 0, w);
  gsl_vector_set (rs_net_params (s->net), rs_net_b_index (s->net, 1, 0), b);
  record_start (s, RS_EVENT_START);
}

/* A kick of k drawn from r; 1 when it moved anything. */
static int
kick (rs_sim *s, const rs_kick_spec *k, gsl_rng *r)
{
  if (rs_kick_check (k, s->net, NULL) != RS_OK)
    return 0;
  hold_frozen (s);
  rs_train_kick (k, s->net, rs_net_params (s->net), r);
  restore_frozen (s);
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
    record_change (s, events);
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
    record_change (s, RS_EVENT_KICK);
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
        record_change (s, RS_EVENT_ACT);
      else if (e->action == RS_SIM_SET_RATE && e->value > 0.0)
        {
          s->cur_r.rate = e->value;
          marks |= RS_EVENT_RATE;
        }
      else if (e->action == RS_SIM_BEAT)
        marks |= RS_EVENT_BEAT;
    }
  if (marks != 0)
    record_change (s, marks);
}

/* The automatic kick, once the run has been at rest for long enough. */
static void
apply_autokick (rs_sim *s)
{
  rs_kick_spec k = { s->p.autokick.target, 1, 0, s->p.autokick.sigma };

  if (s->p.autokick.sigma <= 0.0
      || s->cur_r.low_since < s->p.autokick.patience)
    return;
  kick_now (s, &k, stream (s, STREAM_AUTOKICK, s->cur.step, 0),
            RS_EVENT_KICK | RS_EVENT_AUTOKICK);
}

/* Points of this step's minibatch into s->batch: the epoch's permutation
 * (seeded by the epoch) cut into consecutive batches, the last one
 * shorter. */
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
      gsl_ran_shuffle (stream (s, STREAM_BATCH, epoch, 0), s->order, n,
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

  hold_frozen (s);
  zero_frozen (s, g);
  rs_train_clip (g, s->p.clip);
  rs_decay_grad (&s->p.decay, s->net, theta, g);
  rs_decay_step (&s->p.decay, s->net, theta, eta);
  rs_optim_step (s->opt, theta, g, eta);
  if (T > 0.0)
    {
      gsl_rng *r = stream (s, STREAM_LANGEVIN, s->cur.step, 0);

      for (size_t i = 0; i < theta->size; i++)
        gsl_vector_set (theta, i, gsl_vector_get (theta, i)
                        + sqrt (2.0 * eta * T) * gsl_ran_gaussian (r, 1.0));
    }
  restore_frozen (s);
}

int
rs_sim_iterate (rs_sim *s)
{
  if (s->diverged)
    return RS_EDIVERGED;
  if (!s->cur_r.events_done)
    {
      apply_events (s);
      apply_kicks (s);
      s->cur_r.events_done = 1;
    }
  apply_autokick (s);
  if (s->diverged)
    return RS_EDIVERGED;
  update (s);
  s->cur.step++;
  s->kicks_here = 0;
  s->cur_r.events_done = 0;
  evaluate (s);
  s->cur.events = 0;
  if (s->cur.step % s->p.record_every == 0 || s->cur.step == s->p.steps
      || s->diverged)
    store (s);
  return s->diverged ? RS_EDIVERGED : RS_OK;
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

int
rs_sim_frozen (const rs_sim *s, size_t i)
{
  return s->frozen != NULL && i < s->np && s->frozen[i];
}

int
rs_sim_run (rs_sim *s)
{
  while (s->cur.step < s->p.steps)
    if (rs_sim_iterate (s) != RS_OK)
      return RS_EDIVERGED;
  return RS_OK;
}

int
rs_sim_rewind (rs_sim *s, size_t i)
{
  const resume *r;

  if (i >= s->n_rec)
    return RS_EINVAL;
  r = &s->rec_r[i];
  use_version (s, r->version);
  drop_versions_after (s, r->version);
  for (size_t l = 1; l <= rs_net_layers (s->net); l++)
    rs_net_set_act (s->net, l, s->rec_act[i * s->nl + l - 1],
                    s->rec_param[i * s->nl + l - 1], NULL);
  memcpy (rs_net_params (s->net)->data, s->rec_theta + i * s->np,
          s->np * sizeof (double));
  rs_optim_load (s->opt, s->rec_opt + i * s->nopt);
  s->cur = s->rec[i];
  s->cur_r = *r;
  s->n_rec = i + 1;
  s->diverged = 0;
  s->kicks_here = 0;
  s->epoch = (size_t) -1;
  evaluate (s);
  s->cur = s->rec[i];
  s->cur_r = *r;
  return RS_OK;
}

void
rs_sim_kick (rs_sim *s, double sigma)
{
  rs_kick_spec k = { RS_KICK_ALL, 1, 0, sigma };

  kick_now (s, &k, stream (s, STREAM_KICK, s->cur.step, s->kicks_here++),
            RS_EVENT_KICK);
}

int
rs_sim_set_activation (rs_sim *s, const rs_act_type *act, double alpha)
{
  int rc = set_relu_layers (s, act, alpha);

  if (rc == RS_OK)
    record_change (s, RS_EVENT_ACT);
  return rc;
}

int
rs_sim_set_rate (rs_sim *s, double rate)
{
  if (!(rate > 0.0 && rate <= 100.0))
    return RS_EINVAL;
  s->cur_r.rate = rate;
  record_change (s, RS_EVENT_RATE);
  return RS_OK;
}

int
rs_sim_set_temperature (rs_sim *s, double temperature)
{
  if (!(temperature >= 0.0 && temperature <= 1e6))
    return RS_EINVAL;
  s->cur_r.temp_set = 1;
  s->cur_r.temp = temperature;
  record_change (s, RS_EVENT_TRAIN);
  return RS_OK;
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

int
rs_sim_set_training (rs_sim *s, const rs_sim_training *t, rs_error *err)
{
  rs_sim_training now = s->ver[s->cur_r.version].t;
  rs_optim *opt;
  int rc;

  if ((rc = check_training (t, err)) != RS_OK
      || (rc = rs_act_check_kink (t->kink, err)) != RS_OK)
    return rc;
  if (s->n_ver == s->cap_ver)
    {
      version *more = realloc (s->ver, 2 * s->cap_ver * sizeof *more);

      if (more == NULL)
        return rs_error_set (err, RS_ENOMEM, NULL, 0, 0,
                             "out of memory for the training settings");
      s->ver = more;
      s->cap_ver *= 2;
    }
  if ((opt = rs_optim_alloc (t->optim, &t->optim_params, s->np, err)) == NULL)
    return err != NULL ? err->code : RS_ENOMEM;
  if (same_optim (t, &now))
    {
      double *state = malloc (s->nopt * sizeof *state);

      if (state == NULL)
        {
          rs_optim_free (opt);
          return rs_error_set (err, RS_ENOMEM, NULL, 0, 0,
                               "out of memory for the training settings");
        }
      rs_optim_save (s->opt, state);
      rs_optim_load (opt, state);
      free (state);
    }
  s->ver[s->n_ver++] = (version) { *t, opt };
  use_version (s, s->n_ver - 1);
  record_change (s, RS_EVENT_TRAIN);
  return RS_OK;
}

rs_sim *
rs_sim_clone (const rs_sim *s, rs_error *err)
{
  rs_sim_params p = s->p;
  const rs_net_spec *sp = rs_net_get_spec (s->net);
  rs_sim *c;
  double *state;

  if ((c = rs_sim_alloc (&p, err)) == NULL)
    return NULL;
  c->p = s->p;
  c->p.data = c->data;
  /* the same versions, each with an optimiser of its own */
  drop_versions_after (c, 0);
  rs_optim_free (c->ver[0].opt);
  c->opt = NULL;
  c->n_ver = 0;
  free (c->ver);
  c->cap_ver = s->cap_ver;
  c->ver = malloc (c->cap_ver * sizeof *c->ver);
  state = malloc (s->nopt * sizeof *state);
  if (c->ver == NULL || state == NULL)
    goto no_memory;
  for (; c->n_ver < s->n_ver; c->n_ver++)
    {
      const version *v = &s->ver[c->n_ver];

      c->ver[c->n_ver].t = v->t;
      if ((c->ver[c->n_ver].opt = rs_optim_alloc (v->t.optim,
                                                  &v->t.optim_params, c->np,
                                                  err)) == NULL)
        goto no_memory;
    }
  c->opt = c->ver[s->cur_r.version].opt;
  rs_optim_save (s->opt, state);
  rs_optim_load (c->opt, state);
  free (state);
  state = NULL;
  /* the network and the state */
  c->spec0 = s->spec0;
  gsl_vector_memcpy (c->theta0, s->theta0);
  for (size_t l = 1; l <= sp->layers; l++)
    rs_net_set_act (c->net, l, sp->act[l - 1], sp->param[l - 1], NULL);
  rs_net_set_kink (c->net, sp->kink, NULL);
  gsl_vector_memcpy (rs_net_params (c->net), rs_net_params_const (s->net));
  /* the trajectory: the same parameters give the same capacity */
  c->n_rec = s->n_rec;
  memcpy (c->rec, s->rec, s->n_rec * sizeof *c->rec);
  memcpy (c->rec_r, s->rec_r, s->n_rec * sizeof *c->rec_r);
  memcpy (c->rec_act, s->rec_act, s->n_rec * s->nl * sizeof *c->rec_act);
  memcpy (c->rec_param, s->rec_param,
          s->n_rec * s->nl * sizeof *c->rec_param);
  memcpy (c->rec_theta, s->rec_theta, s->n_rec * s->np * sizeof (double));
  memcpy (c->rec_opt, s->rec_opt, s->n_rec * s->nopt * sizeof (double));
  /* the workspaces and gradient of the current state, as rs_sim_rewind
     makes them */
  c->cur = s->cur;
  c->cur_r = s->cur_r;
  evaluate (c);
  c->cur = s->cur;
  c->cur_r = s->cur_r;
  c->diverged = s->diverged;
  c->div_step = s->div_step;
  c->div_param = s->div_param;
  c->kicks_here = s->kicks_here;
  c->epoch = (size_t) -1;
  gsl_vector_memcpy (c->grad, s->grad);
  return c;

no_memory:
  free (state);
  rs_sim_free (c);
  rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory for a run");
  return NULL;
}

const rs_sim_params *
rs_sim_get_params (const rs_sim *s)
{
  return &s->p;
}

const rs_net *
rs_sim_net (const rs_sim *s)
{
  return s->net;
}

const rs_data *
rs_sim_data (const rs_sim *s)
{
  return s->data;
}

const rs_loss_type *
rs_sim_loss (const rs_sim *s)
{
  return s->p.loss;
}

int
rs_sim_is_neuron (const rs_sim *s)
{
  return s->p.net.layers == 0;
}

const rs_neuron *
rs_sim_neuron (const rs_sim *s)
{
  return &s->u;
}

size_t
rs_sim_step_count (const rs_sim *s)
{
  return s->cur.step;
}

size_t
rs_sim_stuck_since (const rs_sim *s)
{
  return s->cur_r.stuck_since;
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
  gsl_vector *th = rs_net_params (net);
  double g;

  own = rs_net_get_spec (s->net);
  if (i >= s->n_rec || sp->layers != own->layers || th->size != s->np)
    return RS_EINVAL;
  for (size_t l = 0; l <= sp->layers; l++)
    if (sp->sizes[l] != own->sizes[l])
      return RS_EINVAL;
  for (size_t l = 1; l <= sp->layers; l++)
    if (rs_net_set_act (net, l, s->rec_act[i * s->nl + l - 1],
                        s->rec_param[i * s->nl + l - 1], NULL) != RS_OK)
      return RS_EINVAL;
  for (size_t q = 0; q < s->np; q++)
    gsl_vector_set (th, q, s->rec_theta[i * s->np + q]);
  g = s->rec[i].gamma;
  if (shifted && g != 0.0 && rs_sim_is_neuron (s))
    *gsl_vector_ptr (th, rs_net_b_index (net, 1, 0)) += g;
  else if (shifted && g != 0.0)
    rs_warming_shift (net, th, g);
  return RS_OK;
}

const rs_sim_point *
rs_sim_current (const rs_sim *s)
{
  return &s->cur;
}

size_t
rs_sim_record_capacity (const rs_sim *s)
{
  return s->cap_rec;
}

size_t
rs_sim_dead_units (const rs_sim *s, rs_sim_unit *list, size_t max)
{
  int layer_dead;

  return count_dead (s, list, max, &layer_dead, NULL);
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
