/* scene_print_run.c: the printers of the run's keywords with a printer of
 * their own.
 *
 * The data, the network and its activations, the initialisation, the
 * loss, the optimiser and its schedules, the cures (decay, warming,
 * temperature), the kicks and the events: each writes its line (or
 * lines) when the scene differs there from the default.  The keywords
 * whose line is one field's value are a table in scene_print.c. */
#include <config.h>

#include <stdio.h>

#include "reluscape/rs_scene.h"
#include "scene_print_private.h"

/* The line data is no generator (gen NULL), the default. */
static void
print_data (scene_out *o, const rs_scene *sc, const rs_scene *d)
{
  (void) d;
  if (sc->data_file[0] != '\0')
    {
      scene_put_string (o, "data csv ", sc->data_file);
      scene_put (o, "\n");
    }
  else if (sc->sim.gen != NULL)
    scene_put (o, "data %s\n", sc->sim.gen->name);
}

/* Only the line data has a slope and an intercept. */
static void
print_line (scene_out *o, const rs_scene *sc, const rs_scene *d)
{
  if (sc->sim.gen != NULL
      || (scene_same (sc->sim.slope, d->sim.slope)
          && scene_same (sc->sim.intercept, d->sim.intercept)))
    return;
  scene_put (o, "line");
  scene_put_num (o, " ", sc->sim.slope);
  scene_put_num (o, " ", sc->sim.intercept);
  scene_put (o, "\n");
}

static void
print_network (scene_out *o, const rs_scene *sc, const rs_scene *d)
{
  const rs_net_spec *net = &sc->sim.net;

  (void) d;
  if (net->layers == 0)
    return;
  scene_put (o, "network");
  for (size_t l = 0; l <= net->layers; l++)
    scene_put (o, " %zu", net->sizes[l]);
  scene_put (o, "\n");
}

/* An activation's line: its family, and the parameter layer l (0-based)
 * of the network has when it is not the family's default (Leaky ReLU's
 * is 'alpha'). */
static void
put_act (scene_out *o, const char *kw, const rs_act_type *t,
         const rs_net_spec *net, size_t l)
{
  scene_put (o, "%s %s", kw, t->name);
  if (t->param_name != NULL && t != rs_act_leaky_relu && l < net->layers
      && net->act[l] == t && !scene_same (net->param[l], t->param_default))
    scene_put_num (o, " ", net->param[l]);
  scene_put (o, "\n");
}

/* The hidden layers' activation, or the single neuron's; its parameter
 * lives in the first hidden layer when there is one. */
static void
print_activation (scene_out *o, const rs_scene *sc, const rs_scene *d)
{
  const rs_net_spec *net = &sc->sim.net;

  size_t h = 0;

  /* the parameter lives in the first hidden layer of no 'layer' line */
  while (h + 1 < net->layers && sc->layer_act[h].type != NULL)
    h++;
  if (h + 1 >= net->layers)
    h = net->layers;
  if (sc->sim.act == d->sim.act
      && (h == net->layers || net->act[h] == NULL
          || net->act[h]->param_name == NULL
          || scene_same (net->param[h], net->act[h]->param_default)))
    return;
  put_act (o, "activation", sc->sim.act, net, h);
}

/* Each layer's own activation, as its line gave it. */
static void
print_layer (scene_out *o, const rs_scene *sc, const rs_scene *d)
{
  (void) d;
  for (size_t l = 0; l < RS_NET_MAX_LAYERS; l++)
    {
      const rs_layer_act *la = &sc->layer_act[l];

      if (la->type == NULL)
        continue;
      scene_put (o, "layer %zu %s", l + 1, la->type->name);
      if (la->has_param)
        scene_put_num (o, " ", la->param);
      scene_put (o, "\n");
    }
}

/* The last layer's activation; identity, with no parameter, is the
 * default. */
static void
print_output (scene_out *o, const rs_scene *sc, const rs_scene *d)
{
  const rs_net_spec *net = &sc->sim.net;
  size_t l;

  (void) d;
  if (net->layers == 0 || sc->layer_act[net->layers - 1].type != NULL)
    return;   /* the last layer's own line says it */
  l = net->layers - 1;
  if (net->act[l] == NULL || (net->act[l] == rs_act_identity
                              && scene_same (net->param[l],
                                             rs_act_identity->param_default)))
    return;
  put_act (o, "output", net->act[l], net, l);
}

static void
print_init (scene_out *o, const rs_scene *sc, const rs_scene *d)
{
  if (sc->sim.init == d->sim.init
      && scene_same (sc->sim.init_c, d->sim.init_c))
    return;
  scene_put (o, "init %s", sc->sim.init->name);
  if (!scene_same (sc->sim.init_c, d->sim.init_c))
    scene_put_num (o, " ", sc->sim.init_c);
  scene_put (o, "\n");
}

/* One 'freeze' line with every name, as given. */
static void
print_freeze (scene_out *o, const rs_scene *sc, const rs_scene *d)
{
  (void) d;
  if (sc->sim.n_frozen == 0)
    return;
  scene_put (o, "freeze");
  for (size_t i = 0; i < sc->sim.n_frozen; i++)
    scene_put (o, " %s", sc->sim.frozen[i]);
  scene_put (o, "\n");
}

static void
print_set (scene_out *o, const rs_scene *sc, const rs_scene *d)
{
  (void) d;
  for (size_t i = 0; i < sc->sim.n_values; i++)
    {
      scene_put (o, "set %s", sc->sim.values[i].name);
      scene_put_num (o, " ", sc->sim.values[i].value);
      scene_put (o, "\n");
    }
}

static void
print_loss (scene_out *o, const rs_scene *sc, const rs_scene *d)
{
  if (sc->sim.loss != d->sim.loss)
    scene_put (o, "loss %s\n", sc->sim.loss->name);
}

/* The optimiser and the constants that differ from the defaults (only
 * those it reads can: the others are errors in the language). */
static void
print_optimizer (scene_out *o, const rs_scene *sc, const rs_scene *d)
{
  const rs_optim_params *p = &sc->sim.optim_params;
  const rs_optim_params *q = &d->sim.optim_params;

  if (sc->sim.optim == d->sim.optim
      && scene_same (p->momentum, q->momentum)
      && scene_same (p->rho, q->rho) && scene_same (p->beta1, q->beta1)
      && scene_same (p->beta2, q->beta2) && scene_same (p->eps, q->eps))
    return;
  scene_put (o, "optimizer %s", sc->sim.optim->name);
  if (!scene_same (p->momentum, q->momentum))
    {
      scene_put (o, " momentum");
      scene_put_num (o, " ", p->momentum);
    }
  if (!scene_same (p->rho, q->rho))
    {
      scene_put (o, " rho");
      scene_put_num (o, " ", p->rho);
    }
  if (!scene_same (p->beta1, q->beta1) || !scene_same (p->beta2, q->beta2))
    {
      scene_put (o, " betas");
      scene_put_num (o, " ", p->beta1);
      scene_put_num (o, " ", p->beta2);
    }
  if (!scene_same (p->eps, q->eps))
    {
      scene_put (o, " eps");
      scene_put_num (o, " ", p->eps);
    }
  scene_put (o, "\n");
}

/* The schedule's own fields; the warm-up is a keyword of its own. */
static void
print_schedule (scene_out *o, const rs_scene *sc, const rs_scene *d)
{
  const rs_sched *s = &sc->sim.sched;

  if (s->type == d->sim.sched.type)
    return;
  scene_put (o, "schedule %s", s->type->name);
  if (s->type == rs_sched_step)
    {
      scene_put (o, " %zu", s->every);
      scene_put_num (o, " ", s->gamma);
    }
  else if (s->type == rs_sched_cosine || s->type == rs_sched_linear)
    {
      scene_put (o, " %zu", s->total);
      if (!scene_same (s->floor, d->sim.sched.floor))
        scene_put_num (o, " ", s->floor);
    }
  scene_put (o, "\n");
}

static void
print_decay (scene_out *o, const rs_scene *sc, const rs_scene *d)
{
  const rs_decay *y = &sc->sim.decay;

  if (scene_same (y->lambda, d->sim.decay.lambda) && y->decoupled == 0
      && y->biases == 0)
    return;
  scene_put (o, "decay");
  scene_put_num (o, " ", y->lambda);
  scene_put (o, "%s%s\n", y->decoupled ? " decoupled" : "",
             y->biases ? " biases" : "");
}

static void
print_warming (scene_out *o, const rs_scene *sc, const rs_scene *d)
{
  const rs_warming *w = &sc->sim.warming;

  if (scene_same (w->gamma0, d->sim.warming.gamma0))
    return;
  scene_put (o, "warming");
  scene_put_num (o, " ", w->gamma0);
  scene_put (o, " hold %zu anneal %zu", w->hold, w->anneal);
  if (w->shape == RS_WARM_COSINE)
    scene_put (o, " cosine");
  if (w->start != 0)
    scene_put (o, " from %zu", w->start);
  scene_put (o, "\n");
}

static void
print_temperature (scene_out *o, const rs_scene *sc, const rs_scene *d)
{
  const rs_sched *s = &sc->sim.temp_sched;

  if (scene_same (sc->sim.temperature, d->sim.temperature)
      && s->type == d->sim.temp_sched.type)
    return;
  scene_put (o, "temperature");
  scene_put_num (o, " ", sc->sim.temperature);
  if (s->type != d->sim.temp_sched.type)
    scene_put (o, " %s %zu", s->type->name, s->total);
  scene_put (o, "\n");
}

/* A kick's target, after its other values ("all" is the default). */
static void
put_target (scene_out *o, rs_kick_target t, size_t layer, size_t unit)
{
  if (t == RS_KICK_WEIGHTS)
    scene_put (o, " weights");
  else if (t == RS_KICK_BIASES)
    scene_put (o, " biases");
  else if (t == RS_KICK_UNIT)
    scene_put (o, " unit %zu %zu", layer, unit);
}

/* Each kick; its seed only when it is not the one a kick without a seed
 * gets (the scene's seed + 1000 + its index). */
static void
print_kick (scene_out *o, const rs_scene *sc, const rs_scene *d)
{
  (void) d;
  for (size_t i = 0; i < sc->sim.n_kicks; i++)
    {
      const rs_kick *k = &sc->sim.kicks[i];

      scene_put (o, "kick at %zu sigma", k->step);
      scene_put_num (o, " ", k->sigma);
      if (k->seed != sc->sim.seed + 1000 + i)
        scene_put (o, " seed %lu", k->seed);
      put_target (o, k->target, k->layer, k->unit);
      scene_put (o, "\n");
    }
}

static void
print_autokick (scene_out *o, const rs_scene *sc, const rs_scene *d)
{
  const rs_sim_autokick *a = &sc->sim.autokick, *b = &d->sim.autokick;

  if (scene_same (a->sigma, b->sigma))
    return;
  scene_put (o, "autokick sigma");
  scene_put_num (o, " ", a->sigma);
  if (!scene_same (a->eps, b->eps))
    {
      scene_put (o, " eps");
      scene_put_num (o, " ", a->eps);
    }
  if (a->patience != b->patience)
    scene_put (o, " patience %zu", a->patience);
  put_target (o, a->target, 0, 0);
  scene_put (o, "\n");
}

static void
print_at (scene_out *o, const rs_scene *sc, const rs_scene *d)
{
  (void) d;
  for (size_t i = 0; i < sc->sim.n_events; i++)
    {
      const rs_sim_event *e = &sc->sim.events[i];

      scene_put (o, "at %zu", e->step);
      if (e->action == RS_SIM_SET_ALPHA)
        scene_put (o, " alpha");
      else if (e->action == RS_SIM_SET_RATE)
        scene_put (o, " rate");
      else
        scene_put (o, " beat");
      if (e->action != RS_SIM_BEAT)
        scene_put_num (o, " ", e->value);
      scene_put (o, "\n");
    }
}

static void
print_focus (scene_out *o, const rs_scene *sc, const rs_scene *d)
{
  (void) d;
  if (sc->has_focus)
    scene_put (o, "focus %zu %zu\n", sc->focus.layer, sc->focus.unit);
}

/* The run's printers by keyword; the order of the lines is the keyword
 * table's. */
const scene_printer scene_run_printers[] = {
  { "data", print_data }, { "line", print_line },
  { "network", print_network }, { "activation", print_activation },
  { "layer", print_layer }, { "output", print_output },
  { "init", print_init }, { "set", print_set }, { "freeze", print_freeze },
  { "loss", print_loss }, { "optimizer", print_optimizer },
  { "schedule", print_schedule }, { "decay", print_decay },
  { "warming", print_warming }, { "temperature", print_temperature },
  { "kick", print_kick }, { "autokick", print_autokick },
  { "at", print_at }, { "focus", print_focus },
  { NULL, NULL }
};
