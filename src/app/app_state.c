/* app_state.c: the app's live settings and what changes the run (C7,
 * C8, C10, C11): the activation and Leaky ReLU's alpha, a kick and its
 * strength, the learning rate, Langevin's temperature, the optimiser,
 * bias warming, decay on the biases, the kink convention, and reset.
 * Each is one function, called alike by its key (app_keys.c) and its
 * control on the strip (app_controls.c); a change is made on the run
 * from the point shown on (app_target) and shown when its job has drawn
 * it (app_jobs.c), on B's balls too (app_balls.c). */
#include <config.h>

#include <math.h>
#include <stdio.h>

#include "app/app_private.h"

/* W switches on the scene's bias warming, or this one when the scene has
 * none (C10): +1 on every hidden bias for 20 steps, annealed over 80.  D
 * switches decay on the biases on, with this factor when the scene has
 * no decay (C7). */
#define WARM_GAMMA 1.0
#define WARM_HOLD 20
#define WARM_ANNEAL 80
#define DECAY_LAMBDA 0.01

/* Whether the scene's run starts with Leaky ReLU. */
static int
scene_leaky (const rs_scene *sc)
{
  if (sc->sim.net.layers == 0)
    return sc->sim.act == rs_act_leaky_relu;
  return sc->sim.net.act[0] == rs_act_leaky_relu;
}

/* Apply the live activation and rate to a run made from the scene's (by
 * rs_sim_start_at, which takes the scene's). */
void
app_apply_live (const rs_app *a, rs_sim *sim)
{
  const rs_scene *sc = &a->view.scene;

  if (a->in.leaky != scene_leaky (sc) || a->in.alpha != sc->sim.alpha)
    rs_sim_set_activation (sim, a->in.leaky ? rs_act_leaky_relu
                           : rs_act_relu, a->in.alpha);
  if (a->in.rate != sc->sim.rate)
    rs_sim_set_rate (sim, a->in.rate);
}

/* The live settings from the scene. */
void
app_live_from_scene (rs_app *a)
{
  const rs_scene *sc = &a->view.scene;

  a->in.speed = sc->speed;
  a->in.rate = sc->sim.rate;
  a->in.alpha = sc->sim.alpha;
  a->in.leaky = scene_leaky (sc);
  a->in.kick_sigma = sc->sim.kick_sigma;
}

/* The live activation and alpha from the point shown (or the change not
 * yet shown): the scene's timeline may have switched Leaky ReLU on, and
 * the HUD and L, A and Z start from what the run is doing there. */
void
app_live_from_point (rs_app *a)
{
  const rs_sim *sim = a->run.head != NULL ? a->run.head : a->run.sim;
  size_t i = a->run.head != NULL ? rs_sim_n_recorded (sim) - 1
             : a->run.shown;
  const rs_net_spec *sp;

  if (a->view.net == NULL
      && (a->view.net = rs_net_clone (rs_sim_net (sim), NULL)) == NULL)
    return;
  if (rs_sim_net_at (sim, i, a->view.net, 0) != RS_OK)
    return;
  sp = rs_net_get_spec (a->view.net);
  a->in.leaky = sp->act[0] == rs_act_leaky_relu;
  if (a->in.leaky)
    a->in.alpha = sp->param[0];
}

/* The live activation on one of B's balls. */
static void
ball_activation (rs_app *a, rs_sim *sim, void *data)
{
  (void) data;
  rs_sim_set_activation (sim, a->in.leaky ? rs_act_leaky_relu : rs_act_relu,
                         a->in.alpha);
}

/* The run's activation from the live settings (C8): under Leaky ReLU the
 * plateau tilts. */
static void
set_activation (rs_app *a)
{
  rs_sim *sim = app_target (a);

  if (sim == NULL)
    return;
  rs_sim_set_activation (sim, a->in.leaky ? rs_act_leaky_relu : rs_act_relu,
                         a->in.alpha);
  app_balls_each (a, ball_activation, NULL);
  a->run.want_morph = 1;
  app_changed (a);
}

/* L: Leaky ReLU on or off. */
void
app_toggle_activation (rs_app *a)
{
  app_live_from_point (a);
  a->in.leaky = !a->in.leaky;
  set_activation (a);
}

/* Leaky ReLU's alpha set to `alpha` (in its range), switching Leaky ReLU
 * on: the alpha slider. */
void
app_set_alpha (rs_app *a, double alpha)
{
  app_live_from_point (a);
  a->in.alpha = fmin (fmax (alpha, APP_ALPHA_MIN), APP_ALPHA_MAX);
  a->in.leaky = 1;
  set_activation (a);
}

/* A and Z: alpha times factor, switching Leaky ReLU on. */
void
app_scale_alpha (rs_app *a, double factor)
{
  app_live_from_point (a);
  app_set_alpha (a, a->in.alpha * factor);
}

/* K: a thermal kick of the live strength (C11), on the first ball. */
void
app_kick (rs_app *a)
{
  rs_sim *sim = app_target (a);

  if (sim == NULL)
    return;
  rs_sim_kick (sim, a->in.kick_sigma);
  a->run.want_morph = 1;
  app_changed (a);
}

/* The live rate on one of B's balls. */
static void
ball_rate (rs_app *a, rs_sim *sim, void *data)
{
  (void) data;
  rs_sim_set_rate (sim, a->in.rate);
}

/* The learning rate set to r (in its range), from now on: the rate
 * slider. */
void
app_set_rate (rs_app *a, double r)
{
  rs_sim *sim = app_target (a);

  r = fmin (fmax (r, APP_RATE_MIN), APP_RATE_MAX);
  if (sim == NULL)
    return;
  if (rs_sim_set_rate (sim, r) == RS_OK)
    a->in.rate = r;
  app_balls_each (a, ball_rate, NULL);
  app_changed (a);
}

/* The kick's strength, in its range: ] and [ and the kick slider. */
void
app_set_kick_sigma (rs_app *a, double sigma)
{
  a->in.kick_sigma = fmin (fmax (sigma, APP_KICK_MIN), APP_KICK_MAX);
}

/* Langevin's temperature at the point shown (or of the change not yet
 * shown). */
double
app_temperature (const rs_app *a)
{
  if (a->run.head != NULL)
    return rs_sim_current (a->run.head)->temperature;
  return rs_sim_recorded (a->run.sim, a->run.shown)->temperature;
}

/* The live temperature on one of B's balls. */
static void
ball_temperature (rs_app *a, rs_sim *sim, void *data)
{
  (void) a;
  rs_sim_set_temperature (sim, *(const double *) data);
}

/* Langevin's temperature held at t >= 0 from the point shown on (C11),
 * on every ball: N, Shift+N and the temperature slider. */
void
app_set_temperature (rs_app *a, double t)
{
  rs_sim *sim = app_target (a);

  if (sim == NULL)
    return;
  t = fmax (t, 0.0);
  if (rs_sim_set_temperature (sim, t) != RS_OK)
    return;
  app_balls_each (a, ball_temperature, &t);
  app_changed (a);
}

/* The optimiser after t in rs_optim_types, the first after the last. */
const rs_optim_type *
app_optim_after (const rs_optim_type *t)
{
  size_t i = 0;

  while (rs_optim_types[i] != NULL && rs_optim_types[i] != t)
    i++;
  return rs_optim_types[i] != NULL && rs_optim_types[i + 1] != NULL
         ? rs_optim_types[i + 1] : rs_optim_types[0];
}

/* Change t as key `what` does, for a run at step `step`: W switches on
 * the scene's bias warming, or WARM_GAMMA's, from that step (C10); D
 * decay on the biases, with DECAY_LAMBDA when the scene has none (C7); C
 * the kink convention f'(0) = s, s going 0, 0.5, 1 (C3). */
static void
change_training (const rs_app *a, rs_sim_training *t, int what, size_t step)
{
  switch (what)
    {
    case APP_TRAIN_OPTIM:
      t->optim = app_optim_after (t->optim);
      break;
    case APP_TRAIN_WARMING:
      if (t->warming.gamma0 > 0.0)
        t->warming.gamma0 = 0.0;
      else
        {
          const rs_warming *w0 = &a->view.scene.sim.warming;

          if (w0->gamma0 > 0.0)
            t->warming = *w0;
          else
            t->warming = (rs_warming) { WARM_GAMMA, 0, WARM_HOLD,
                                        WARM_ANNEAL, RS_WARM_LINEAR };
          t->warming.start = step;
        }
      break;
    case APP_TRAIN_DECAY:
      t->decay.biases = !t->decay.biases;
      if (t->decay.biases && t->decay.lambda == 0.0)
        t->decay.lambda = DECAY_LAMBDA;
      break;
    default:
      t->kink = t->kink < 0.25 ? 0.5 : t->kink < 0.75 ? 1.0 : 0.0;
      break;
    }
}

/* W, D and C on one of B's balls, which keeps its optimiser. */
static void
ball_training (rs_app *a, rs_sim *sim, void *data)
{
  rs_sim_training t;

  rs_sim_get_training (sim, &t);
  change_training (a, &t, *(const int *) data, rs_sim_step_count (sim));
  rs_sim_set_training (sim, &t, NULL);
}

/* O, W, D, C: the run trains otherwise from the point shown on; its path
 * so far stays (a step back before the change undoes it).  The other
 * balls take the same warming, decay and kink, and keep their
 * optimisers. */
void
app_train_key (rs_app *a, int what)
{
  rs_sim *sim = app_target (a);
  rs_sim_training t;
  rs_error err;
  char msg[500];

  if (sim == NULL)
    return;
  rs_sim_get_training (sim, &t);
  change_training (a, &t, what, rs_sim_step_count (sim));
  if (rs_sim_set_training (sim, &t, &err) != RS_OK)
    {
      snprintf (msg, sizeof msg, "cannot change the run: %.300s", err.message);
      app_toast (a, 1, msg);
      return;
    }
  if (what != APP_TRAIN_OPTIM)
    app_balls_each (a, ball_training, &what);
  app_changed (a);
}

/* R: the scene's run and every live setting back to the scene's; B's
 * balls go.  The run is shown when it is computed, from its start. */
void
app_reset (rs_app *a)
{
  rs_sim *ns;
  rs_error err;

  if ((ns = rs_sim_alloc (&a->view.scene.sim, &err)) == NULL)
    {
      app_toast (a, 1, err.message);
      return;
    }
  app_balls_free (&a->run.balls);
  app_live_from_scene (a);
  rs_sim_free (a->run.head);
  a->run.head = ns;
  app_changed (a);
}

/* O and the strip's optimiser button: the next optimiser. */
void
app_next_optim (rs_app *a)
{
  app_train_key (a, APP_TRAIN_OPTIM);
}

/* W and the strip's toggle: bias warming on or off. */
void
app_toggle_warming (rs_app *a)
{
  app_train_key (a, APP_TRAIN_WARMING);
}

/* D and the strip's toggle: decay on the biases on or off. */
void
app_toggle_decay (rs_app *a)
{
  app_train_key (a, APP_TRAIN_DECAY);
}

/* C and the strip's toggle: the next kink convention. */
void
app_next_kink (rs_app *a)
{
  app_train_key (a, APP_TRAIN_KINK);
}
