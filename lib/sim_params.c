/* sim_params.c: the parameters of a run (C4 - C11): their defaults, and
 * the checks rs_sim_alloc makes before it builds anything, in four
 * groups: the data and the single neuron, the training settings, the
 * optimiser's schedules, and the kicks, events, stopping and recording. */
#include <config.h>

#include <math.h>
#include <string.h>

#include "sim_private.h"

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
rs_sim_training
sim_training_of (const rs_sim_params *p)
{
  rs_sim_training t = { p->optim, p->optim_params, p->warming, p->decay,
                        p->net.layers > 0 ? p->net.kink : p->kink };

  return t;
}

/* The settings rs_sim_set_training can change, but for the kink, which
 * the data's and the network's checks look at. */
int
sim_check_training (const rs_sim_training *t, rs_error *err)
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
  rs_sim_training t = sim_training_of (p);
  int rc;

  if ((rc = sim_check_training (&t, err)) != RS_OK
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
