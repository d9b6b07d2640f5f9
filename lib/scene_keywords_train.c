/* scene_keywords_train.c: the keywords of the training and its cures
 * (optimizer, rate, schedule, warmup, batch, clip, decay, warming,
 * temperature, steps, tolerance, record), of the kicks and of the
 * events (kick, autokick, at), one function each, named in the table of
 * scene_keywords.c. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "scene_parse_private.h"

/* ---- Training ---- */

/* The constants of rs_optim_params, as optimizer's settings. */
enum { SET_MOMENTUM = 1, SET_RHO = 2, SET_BETAS = 4, SET_EPS = 8 };

static const char *const optim_setting_names[] = {
  "momentum", "rho", "betas", "eps", NULL
};

/* Which constants each optimiser reads (rs_train.h); an optimiser not
 * listed here takes them all. */
static const struct {
  const char *name;
  unsigned settings;
} optim_settings[] = {
  { "gd", 0 },
  { "momentum", SET_MOMENTUM },
  { "nesterov", SET_MOMENTUM },
  { "rmsprop", SET_RHO | SET_EPS },
  { "adam", SET_BETAS | SET_EPS },
};

static unsigned
optim_settings_of (const rs_optim_type *t)
{
  for (size_t i = 0; i < sizeof optim_settings / sizeof optim_settings[0];
       i++)
    if (strcmp (optim_settings[i].name, t->name) == 0)
      return optim_settings[i].settings;
  return SET_MOMENTUM | SET_RHO | SET_BETAS | SET_EPS;
}

/* The settings `mask` allows, as "betas B1 B2, eps E". */
static const char *
settings_list (unsigned mask, char *buf, size_t n)
{
  static const char *const forms[] = { "momentum MU", "rho R",
                                       "betas B1 B2", "eps E" };
  size_t k = 0;

  buf[0] = '\0';
  for (int i = 0; i < 4 && k < n; i++)
    if (mask & (1u << i))
      k += (size_t) snprintf (buf + k, n - k, "%s%s", k > 0 ? ", " : "",
                              forms[i]);
  return buf;
}

/* One setting of the optimiser t, when t reads it. */
static int
optim_setting (parser *ps, const rs_optim_type *t, int which)
{
  rs_optim_params *o = &ps->sc->sim.optim_params;
  unsigned allowed = optim_settings_of (t);
  char list[80];
  int rc;

  if (!(allowed & (1u << which)))
    return allowed == 0
      ? fail (ps, RS_ESYNTAX, "%s has no settings", t->name)
      : fail (ps, RS_ESYNTAX, "'%s' is not a setting of %s (it takes: %s)",
              optim_setting_names[which], t->name,
              settings_list (allowed, list, sizeof list));
  switch (1u << which)
    {
    case SET_MOMENTUM:
      return get_number (ps, "momentum", 0, 0, 1, 1, &o->momentum);
    case SET_RHO:
      return get_number (ps, "rho", 0, 0, 1, 1, &o->rho);
    case SET_BETAS:
      if ((rc = get_number (ps, "beta1", 0, 0, 1, 1, &o->beta1)) != RS_OK)
        return rc;
      return get_number (ps, "beta2", 0, 0, 1, 1, &o->beta2);
    default:
      return get_number (ps, "eps", 0, 1, 1, 0, &o->eps);
    }
}

/* optimizer NAME [momentum MU] [rho R] [betas B1 B2] [eps E] */
int
kw_optimizer (parser *ps)
{
  const char *names[MAX_CHOICES];
  options o = { optim_setting_names, 0, 0 };
  size_t i;
  int which, rc;

  TABLE_NAMES (rs_optim_types, names);
  if ((rc = get_name (ps, "optimizer", names, &i)) != RS_OK)
    return rc;
  ps->sc->sim.optim = rs_optim_types[i];
  for (;;)
    {
      if ((rc = get_option (ps, &o, &which)) != RS_OK || which < 0)
        return rc;
      if ((rc = optim_setting (ps, rs_optim_types[i], which)) != RS_OK)
        return rc;
    }
}

/* schedule constant | step EVERY GAMMA | cosine TOTAL [FLOOR]
 *        | linear TOTAL [FLOOR]; the warm-up is kept. */
int
kw_schedule (parser *ps)
{
  rs_sched *s = &ps->sc->sim.sched;
  const char *names[MAX_CHOICES];
  size_t i;
  int rc;

  TABLE_NAMES (rs_sched_types, names);
  if ((rc = get_name (ps, "schedule", names, &i)) != RS_OK)
    return rc;
  s->type = rs_sched_types[i];
  if (s->type == rs_sched_step)
    {
      if ((rc = get_count (ps, "schedule every", 1, 1e7, &s->every))
          != RS_OK)
        return rc;
      return get_number (ps, "schedule gamma", 0, 1, 1, 0, &s->gamma);
    }
  if (s->type != rs_sched_cosine && s->type != rs_sched_linear)
    return RS_OK;
  if ((rc = get_count (ps, "schedule total", 1, 1e7, &s->total)) != RS_OK)
    return rc;
  return get_optional (ps, "schedule floor", 0, 0, 1, 0, &s->floor);
}

/* decay LAMBDA [decoupled] [biases] (C7: biases only when asked). */
int
kw_decay (parser *ps)
{
  static const char *const names[] = { "decoupled", "biases", NULL };
  rs_decay *d = &ps->sc->sim.decay;
  options o = { names, 0, 0 };
  int which, rc;

  if ((rc = get_number (ps, "decay", 0, 0, 1000, 0, &d->lambda)) != RS_OK)
    return rc;
  for (;;)
    {
      if ((rc = get_option (ps, &o, &which)) != RS_OK || which < 0)
        return rc;
      if (which == 0)
        d->decoupled = 1;
      else
        d->biases = 1;
    }
}

/* warming GAMMA hold T1 anneal T2 [linear|cosine] [from STEP] (C10) */
int
kw_warming (parser *ps)
{
  static const char *const names[] = { "linear", "cosine", "from", NULL };
  static const char form[] = "warming GAMMA hold T1 anneal T2";
  rs_warming *w = &ps->sc->sim.warming;
  options o = { names, 1u << 0 | 1u << 1, 0 };
  int which, rc;

  if ((rc = get_number (ps, "warming gamma", 0, 1, 1000, 0, &w->gamma0))
      != RS_OK
      || (rc = expect_word (ps, "hold", form)) != RS_OK
      || (rc = get_count (ps, "warming hold", 0, 1e7, &w->hold)) != RS_OK
      || (rc = expect_word (ps, "anneal", form)) != RS_OK
      || (rc = get_count (ps, "warming anneal", 0, 1e7, &w->anneal))
         != RS_OK)
    return rc;
  for (;;)
    {
      if ((rc = get_option (ps, &o, &which)) != RS_OK || which < 0)
        return rc;
      if (which == 2)
        rc = get_count (ps, "warming start", 0, 1e7, &w->start);
      else
        w->shape = which == 0 ? RS_WARM_LINEAR : RS_WARM_COSINE;
      if (rc != RS_OK)
        return rc;
    }
}

/* temperature T [cosine TOTAL | linear TOTAL] (C11: Langevin noise) */
int
kw_temperature (parser *ps)
{
  static const char *const names[] = { "cosine", "linear", NULL };
  rs_sim_params *p = &ps->sc->sim;
  options o = { names, 1u << 0 | 1u << 1, 0 };
  int which, rc;

  if ((rc = get_number (ps, "temperature", 0, 0, 1000, 0, &p->temperature))
      != RS_OK)
    return rc;
  for (;;)
    {
      if ((rc = get_option (ps, &o, &which)) != RS_OK || which < 0)
        return rc;
      p->temp_sched.type = which == 0 ? rs_sched_cosine : rs_sched_linear;
      if ((rc = get_count (ps, "temperature total", 1, 1e7,
                           &p->temp_sched.total)) != RS_OK)
        return rc;
    }
}

/* record every K */
int
kw_record (parser *ps)
{
  int rc = expect_word (ps, "every", "record every K");

  if (rc != RS_OK)
    return rc;
  return get_count (ps, "record every", 1, 1e7, &ps->sc->sim.record_every);
}

/* ---- Kicks and events ---- */

/* The targets of a kick, in the order of rs_kick_target. */
static const rs_kick_target targets[] = {
  RS_KICK_ALL, RS_KICK_WEIGHTS, RS_KICK_BIASES, RS_KICK_UNIT
};

/* The option after "kick at STEP sigma S": seed N, or a target (names
 * "seed", "all", "weights", "biases", "unit"). */
static int
kick_option (parser *ps, rs_kick *k, int which)
{
  size_t n = ps->sc->sim.n_kicks, seed = 0;
  int rc;

  if (which == 0)
    {
      rc = get_count (ps, "kick seed", 0, 4294967295.0, &seed);
      k->seed = seed;
      ps->kick_seeded[n] = 1;
      return rc;
    }
  k->target = targets[which - 1];
  if (k->target != RS_KICK_UNIT)
    return RS_OK;
  ps->kick_unit[n] = here (ps);
  if ((rc = get_count (ps, "kick layer", 1, RS_NET_MAX_LAYERS, &k->layer))
      != RS_OK)
    return rc;
  return get_count (ps, "kick unit", 0, RS_NET_MAX_UNITS - 1, &k->unit);
}

/* kick at STEP sigma S [seed N] [all|weights|biases|unit L J].  A kick
 * without a seed gets one when the whole scene is read (see
 * default_kick_seeds), so that the order of the lines does not matter. */
int
kw_kick (parser *ps)
{
  static const char *const names[] = { "seed", "all", "weights", "biases",
                                       "unit", NULL };
  static const char form[] = "kick at STEP sigma S [seed N]";
  rs_sim_params *p = &ps->sc->sim;
  options o = { names, 1u << 1 | 1u << 2 | 1u << 3 | 1u << 4, 0 };
  rs_kick k;
  int which, rc;

  memset (&k, 0, sizeof k);
  k.target = RS_KICK_ALL;
  if (p->n_kicks == RS_SIM_MAX_KICKS)
    return fail (ps, RS_EINVAL, "too many kicks (at most %d)",
                 RS_SIM_MAX_KICKS);
  ps->kick_seeded[p->n_kicks] = 0;
  ps->kick_unit[p->n_kicks].line = 0;
  if ((rc = expect_word (ps, "at", form)) != RS_OK
      || (rc = get_count (ps, "kick step", 0, 1e7, &k.step)) != RS_OK)
    return rc;
  ps->kick_at[p->n_kicks] = here (ps);
  if ((rc = expect_word (ps, "sigma", form)) != RS_OK
      || (rc = get_number (ps, "kick sigma", 0, 1, 1000, 0, &k.sigma))
         != RS_OK)
    return rc;
  for (;;)
    {
      if ((rc = get_option (ps, &o, &which)) != RS_OK)
        return rc;
      if (which < 0)
        break;
      if ((rc = kick_option (ps, &k, which)) != RS_OK)
        return rc;
    }
  p->kicks[p->n_kicks++] = k;
  return RS_OK;
}

/* autokick sigma S [eps E] [patience K] [all|weights|biases] (C11) */
int
kw_autokick (parser *ps)
{
  static const char *const names[] = { "eps", "patience", "all", "weights",
                                       "biases", NULL };
  rs_sim_autokick *a = &ps->sc->sim.autokick;
  options o = { names, 1u << 2 | 1u << 3 | 1u << 4, 0 };
  int which, rc;

  if ((rc = expect_word (ps, "sigma", "autokick sigma S")) != RS_OK
      || (rc = get_number (ps, "autokick sigma", 0, 1, 1000, 0, &a->sigma))
         != RS_OK)
    return rc;
  for (;;)
    {
      if ((rc = get_option (ps, &o, &which)) != RS_OK || which < 0)
        return rc;
      if (which == 0)
        rc = get_number (ps, "autokick eps", 0, 0, 1, 0, &a->eps);
      else if (which == 1)
        {
          rc = get_count (ps, "autokick patience", 1, 1e7, &a->patience);
          ps->patience_at = here (ps);
        }
      else
        a->target = targets[which - 2];
      if (rc != RS_OK)
        return rc;
    }
}

/* at STEP alpha A | at STEP rate R | at STEP beat */
int
kw_at (parser *ps)
{
  static const char *const names[] = { "alpha", "rate", "beat", NULL };
  static const rs_sim_action actions[] = {
    RS_SIM_SET_ALPHA, RS_SIM_SET_RATE, RS_SIM_BEAT
  };
  rs_sim_params *p = &ps->sc->sim;
  rs_sim_event e = { 0, RS_SIM_BEAT, 0.0 };
  size_t i;
  int rc;

  if (p->n_events == RS_SIM_MAX_EVENTS)
    return fail (ps, RS_EINVAL, "too many events (at most %d)",
                 RS_SIM_MAX_EVENTS);
  if ((rc = get_count (ps, "event step", 0, 1e7, &e.step)) != RS_OK)
    return rc;
  ps->event_at[p->n_events] = here (ps);
  if ((rc = get_name (ps, "event", names, &i)) != RS_OK)
    return rc;
  e.action = actions[i];
  if (e.action == RS_SIM_SET_ALPHA)
    rc = get_number (ps, "alpha", 0, 0, 1, 1, &e.value);
  else if (e.action == RS_SIM_SET_RATE)
    rc = get_number (ps, "rate", 0, 1, 100, 0, &e.value);
  if (rc == RS_OK)
    p->events[p->n_events++] = e;
  return rc;
}
