/* sim.c: one running scene (C4 - C11): building a run from its
 * parameters, cloning and freeing it, and what it tells of itself.
 *
 * The state of a run is its parameters, its optimiser's state, the
 * activations of its ReLU-family layers and its base rate.  Each step
 * applies what the timeline holds for it, takes one optimiser step and
 * evaluates the new state on the whole data set: loss, gradient norm, dead
 * units.  A full-batch run reuses that gradient for its next step.  The
 * parts are listed in sim_private.h. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "sim_private.h"
#include "seed_private.h"

/* The generator of stream `what` at step t (and `extra`, for several
 * draws at one step), reseeded from the run's seed. */
gsl_rng *
sim_stream (rs_sim *s, unsigned what, size_t t, size_t extra)
{
  gsl_rng_set (s->rng, rs_seed_mix (s->p.seed, t, what, extra));
  return s->rng;
}

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
                      sim_stream (s, STREAM_INIT, 0, 0), err);
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

/* The data, the network (and its shifted twin for bias warming) and the
 * workspace of the whole data set, which the loss must fit. */
static int
alloc_net (rs_sim *s, rs_error *err)
{
  const rs_sim_params *p = &s->p;

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
  return RS_OK;
}

/* The start, the gradients, the generators, the minibatch and the first
 * version of the training settings with its optimiser. */
static int
alloc_buffers (rs_sim *s, rs_error *err)
{
  const rs_sim_params *p = &s->p;
  size_t bn;

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
  s->ver[0] = (version) { sim_training_of (p), s->opt };
  s->n_ver = 1;
  return RS_OK;
}

/* The mask of the frozen parameters and room for their values, when the
 * run freezes any (freeze.c). */
static int
alloc_frozen (rs_sim *s, rs_error *err)
{
  const rs_sim_params *p = &s->p;

  if (p->n_frozen == 0)
    return RS_OK;
  s->frozen = malloc (s->np);
  s->keep = malloc (s->np * sizeof *s->keep);
  if (s->frozen == NULL || s->keep == NULL)
    return rs_error_set (err, RS_ENOMEM, NULL, 0, 0,
                         "out of memory for a run");
  if (rs_sim_freeze_mask (s->net, p, s->frozen, err) != RS_OK)
    return RS_EINVAL;
  return RS_OK;
}

/* Every scheduled kick aims at something the network has. */
static int
check_kicks (rs_sim *s, rs_error *err)
{
  const rs_sim_params *p = &s->p;

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
  return RS_OK;
}

/* Everything but the trajectory, and the parameters at the start. */
static int
alloc_state (rs_sim *s, rs_error *err)
{
  int rc;

  if ((rc = alloc_net (s, err)) != RS_OK
      || (rc = alloc_buffers (s, err)) != RS_OK
      || (rc = alloc_frozen (s, err)) != RS_OK)
    return rc;
  s->nopt = optim_room (s->np);
  if ((rc = check_kicks (s, err)) != RS_OK)
    return rc;
  return init_params (s, err);
}

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
  if (alloc_state (s, err) != RS_OK || sim_alloc_record (s, err) != RS_OK)
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

/* c's versions of the training settings: those of s, each with an
 * optimiser of its own, the current one in the state of s's. */
static int
clone_versions (rs_sim *c, const rs_sim *s, rs_error *err)
{
  sim_drop_versions_after (c, 0);
  rs_optim_free (c->ver[0].opt);
  c->opt = NULL;
  c->n_ver = 0;
  free (c->ver);
  c->cap_ver = s->cap_ver;
  c->ver = malloc (c->cap_ver * sizeof *c->ver);
  if (c->ver == NULL)
    return RS_ENOMEM;
  for (; c->n_ver < s->n_ver; c->n_ver++)
    {
      const version *v = &s->ver[c->n_ver];

      c->ver[c->n_ver].t = v->t;
      if ((c->ver[c->n_ver].opt = rs_optim_alloc (v->t.optim,
                                                  &v->t.optim_params, c->np,
                                                  err)) == NULL)
        return RS_ENOMEM;
    }
  c->opt = c->ver[s->cur_r.version].opt;
  return sim_copy_optim (s->opt, c->opt, s->nopt);
}

/* c's network as s's is now: the activations, the kink, the parameters,
 * and the same start. */
static void
clone_net (rs_sim *c, const rs_sim *s)
{
  const rs_net_spec *sp = rs_net_get_spec (s->net);

  c->spec0 = s->spec0;
  gsl_vector_memcpy (c->theta0, s->theta0);
  for (size_t l = 1; l <= sp->layers; l++)
    rs_net_set_act (c->net, l, sp->act[l - 1], sp->param[l - 1], NULL);
  rs_net_set_kink (c->net, sp->kink, NULL);
  gsl_vector_memcpy (rs_net_params (c->net), rs_net_params_const (s->net));
}

/* c's trajectory, s's: the same parameters give the same capacity. */
static void
clone_record (rs_sim *c, const rs_sim *s)
{
  c->n_rec = s->n_rec;
  memcpy (c->rec, s->rec, s->n_rec * sizeof *c->rec);
  memcpy (c->rec_r, s->rec_r, s->n_rec * sizeof *c->rec_r);
  memcpy (c->rec_act, s->rec_act, s->n_rec * s->nl * sizeof *c->rec_act);
  memcpy (c->rec_param, s->rec_param,
          s->n_rec * s->nl * sizeof *c->rec_param);
  memcpy (c->rec_theta, s->rec_theta, s->n_rec * s->np * sizeof (double));
  memcpy (c->rec_opt, s->rec_opt, s->n_rec * s->nopt * sizeof (double));
}

rs_sim *
rs_sim_clone (const rs_sim *s, rs_error *err)
{
  rs_sim_params p = s->p;
  rs_sim *c;

  if ((c = rs_sim_alloc (&p, err)) == NULL)
    return NULL;
  c->p = s->p;
  c->p.data = c->data;
  if (clone_versions (c, s, err) != RS_OK)
    {
      rs_sim_free (c);
      rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory for a run");
      return NULL;
    }
  clone_net (c, s);
  clone_record (c, s);
  /* the workspaces and gradient of the current state, as rs_sim_rewind
     makes them */
  c->cur = s->cur;
  c->cur_r = s->cur_r;
  sim_evaluate (c);
  c->cur = s->cur;
  c->cur_r = s->cur_r;
  c->diverged = s->diverged;
  c->div_step = s->div_step;
  c->div_param = s->div_param;
  c->kicks_here = s->kicks_here;
  c->epoch = (size_t) -1;
  gsl_vector_memcpy (c->grad, s->grad);
  return c;
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

const rs_sim_point *
rs_sim_current (const rs_sim *s)
{
  return &s->cur;
}

int
rs_sim_frozen (const rs_sim *s, size_t i)
{
  return s->frozen != NULL && i < s->np && s->frozen[i];
}
