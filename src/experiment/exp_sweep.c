/* exp_sweep.c: the experiment "dead-sweep": the fraction of dead hidden
 * units at the start and after training a scene, against one setting (C4,
 * C7, C8, C9). */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "experiment/experiment.h"
#include "experiment/expfig.h"

static const char sweep_usage[] =
  "Usage: reluscape experiment dead-sweep [OPTIONS] SCENE [-o FILE]\n"
  "The fraction of dead hidden units (active on none of the training\n"
  "points) of SCENE's network, right after initialisation and after\n"
  "training to the scene's last step, for each of a list of values of one\n"
  "setting.  Each value runs the scene with seeds SEED, SEED + 1, ...,\n"
  "SEED + SEEDS - 1, the same for every value.  The table gives the mean\n"
  "fractions with 95 % Student t intervals over the seeds (none for one\n"
  "seed) and how many runs diverged (they count at the start only).  A\n"
  "Leaky ReLU unit is never dead.  SCENE must train a network with hidden\n"
  "layers (scenes/net-dead.scene is one); its own timeline (such as 'at\n"
  "100 rate 0.05') still applies.\n"
  "\n"
  "      --vary FIELD          the setting: rate (the learning rate),\n"
  "                            bias (every initial bias), decay (weight\n"
  "                            decay, biases included) or alpha (hidden\n"
  "                            ReLU layers become Leaky ReLU with this\n"
  "                            alpha; 0 is ReLU) (rate)\n"
  "      --values V1,V2,...    at most 64 values (rate: 0.01,0.03,0.1,0.3;\n"
  "                            bias: 0,0.1,0.5,1; decay: 0,0.001,0.01,0.1;\n"
  "                            alpha: 0,0.01,0.1,0.3)\n"
  "      --seeds S             runs per value, 1 to 100000 (8)\n"
  "      --seed N              the first seed (the scene's)\n"
  "      --set KEY=VALUE       the scene line 'KEY VALUE' over the scene's\n"
  "                            own (repeatable; checked as in the file)\n"
EXP_COMMON_HELP;

static const struct option sweep_options[] = {
  { "vary", required_argument, NULL, OPT_VARY },
  { "values", required_argument, NULL, OPT_VALUES },
  { "seeds", required_argument, NULL, OPT_SEEDS },
  { "seed", required_argument, NULL, OPT_SEED },
  { "set", required_argument, NULL, CLI_OPT_SET },
  { NULL, 0, NULL, 0 }
};

/* The fields by the names --vary takes, with their default values. */
static const struct {
  const char *name;
  rs_probe_field field;
  const char *what;
  double values[4];
  double lo, hi;        /* the scene language's range of the setting */
  int lo_open, hi_open; /* (lo or hi) excluded */
} sweep_fields[] = {
  { "rate", RS_PROBE_RATE, "the learning rate", { 0.01, 0.03, 0.1, 0.3 },
    0, 100, 1, 0 },
  { "bias", RS_PROBE_BIAS0, "the initial biases", { 0, 0.1, 0.5, 1 },
    -100, 100, 0, 0 },
  { "decay", RS_PROBE_DECAY, "weight decay", { 0, 0.001, 0.01, 0.1 },
    0, 1000, 0, 0 },
  { "alpha", RS_PROBE_ALPHA, "Leaky ReLU's alpha", { 0, 0.01, 0.1, 0.3 },
    0, 1, 0, 1 }
};

#define N_FIELDS (sizeof sweep_fields / sizeof sweep_fields[0])

/* The entry of sweep_fields for f. */
static size_t
field_index (rs_probe_field f)
{
  size_t i = 0;

  while (i + 1 < N_FIELDS && sweep_fields[i].field != f)
    i++;
  return i;
}

static void
sweep_defaults (exp_args *a)
{
  rs_probe_sweep_default (&a->sweep);
}

/* --vary NAME ("bias0", the library's name, is taken too). */
static int
parse_field (exp_args *a, const char *arg)
{
  const char *names[N_FIELDS];

  for (size_t i = 0; i < N_FIELDS; i++)
    {
      names[i] = sweep_fields[i].name;
      if (strcmp (arg, names[i]) == 0
          || strcmp (arg, rs_probe_field_name (sweep_fields[i].field)) == 0)
        {
          a->sweep.field = sweep_fields[i].field;
          return CLI_OK;
        }
    }
  return exp_unknown_name (a, "setting to vary", arg, names, N_FIELDS);
}

static int
sweep_option (int c, const char *arg, exp_args *a)
{
  rs_probe_sweep_opts *o = &a->sweep;

  switch (c)
    {
    case OPT_VARY: return parse_field (a, arg);
    case OPT_VALUES:
      a->have_values = 1;
      return exp_parse_values (arg, o->values, &o->n_values) == 0 ? CLI_OK
        : exp_bad_value (a, "--values", arg, "1 to 64 numbers, V1,V2,...");
    case OPT_SEEDS: return exp_count_option (a, "--seeds", arg, &o->seeds);
    default:
      a->have_seed = 1;
      return cli_parse_seed (arg, &a->seed) == 0 ? CLI_OK
        : exp_bad_value (a, "--seed", arg, "a whole number");
    }
}

/* Each of --values in the range the scene language gives the setting
 * (rate 0 < ETA <= 100, bias -100 to 100, decay 0 to 1000, alpha
 * 0 <= A < 1); CLI_USAGE with a message naming the value otherwise. */
static int
check_values (const exp_args *a)
{
  const rs_probe_sweep_opts *o = &a->sweep;
  size_t i = field_index (o->field);

  for (size_t k = 0; k < o->n_values; k++)
    {
      double v = o->values[k];

      if ((sweep_fields[i].lo_open ? v > sweep_fields[i].lo
                                   : v >= sweep_fields[i].lo)
          && (sweep_fields[i].hi_open ? v < sweep_fields[i].hi
                                      : v <= sweep_fields[i].hi))
        continue;
      cli_message ("experiment %s: --values: %s %g is out of range: it "
                   "must be in %s%g, %g%s", a->x->name, sweep_fields[i].name,
                   v, sweep_fields[i].lo_open ? "(" : "[",
                   sweep_fields[i].lo, sweep_fields[i].hi,
                   sweep_fields[i].hi_open ? ")" : "]");
      return CLI_USAGE;
    }
  return CLI_OK;
}

/* Fill in what the scene and the options decide once all are read: the
 * base run, the seed and the field's default values. */
static void
sweep_finish (exp_args *a, const rs_scene *sc)
{
  rs_probe_sweep_opts *o = &a->sweep;
  size_t i = field_index (o->field);

  o->base = sc->sim;
  if (a->have_seed)
    o->base.seed = a->seed;
  if (!a->have_values)
    {
      o->n_values = 4;
      memcpy (o->values, sweep_fields[i].values, sizeof o->values[0] * 4);
    }
}

static int
sweep_check (const exp_args *a, rs_error *err)
{
  return rs_probe_sweep_check (&a->sweep, err);
}

static size_t
sweep_trials (const exp_args *a)
{
  return rs_probe_sweep_trials (&a->sweep);
}

static int
sweep_run (const exp_args *a, size_t part, size_t first, size_t last,
           exp_results *r, rs_error *err)
{
  (void) part;
  if (first == 0)
    rs_probe_sweep_clear (&r->sweep);
  return rs_probe_sweep_run (&a->sweep, first, last, &r->sweep, err);
}

/* The cost of a trial: a run of the scene to its end, as the run's own
 * estimate (cli_run.c) has it. */
static double
sweep_cost (const exp_args *a, size_t part, double *bytes)
{
  rs_sim_params p;
  rs_error err;

  (void) part;
  if (rs_probe_sweep_params (&a->sweep, 0, &p, &err) != RS_OK)
    {
      *bytes = 0.0;
      return 0.0;
    }
  *bytes = cli_run_bytes (&p);
  return cli_run_seconds (&p);
}

/* Fill in what the scene and the options decide once all are read (the
 * base run, the seed, the default values) and check the values against
 * the scene language's range; CLI_OK or CLI_USAGE. */
static int
sweep_scene (exp_args *a, const rs_scene *sc)
{
  sweep_finish (a, sc);
  return check_values (a);
}

/* The scene's timeline event that overrides the varied field, or NULL:
 * the value then holds only until its step. */
static const rs_sim_event *
sweep_override (const rs_probe_sweep_opts *o)
{
  rs_sim_action want = o->field == RS_PROBE_RATE ? RS_SIM_SET_RATE
                       : o->field == RS_PROBE_ALPHA ? RS_SIM_SET_ALPHA : 0;

  for (size_t i = 0; want != 0 && i < o->base.n_events; i++)
    if (o->base.events[i].action == want)
      return &o->base.events[i];
  return NULL;
}

/* "1-16-1 relu" into buf. */
static const char *
sweep_shape (const rs_net_spec *s, char *buf, size_t n)
{
  size_t k = 0;

  for (size_t l = 0; l <= s->layers && k < n; l++)
    k += (size_t) snprintf (buf + k, n - k, "%s%zu", l > 0 ? "-" : "",
                            s->sizes[l]);
  if (k < n)
    snprintf (buf + k, n - k, " %s", s->act[0]->name);
  return buf;
}

/* The description above the table. */
static void
sweep_header (FILE *f, const exp_args *a)
{
  const rs_probe_sweep_opts *o = &a->sweep;
  const rs_sim_event *ev = sweep_override (o);
  const char *what = sweep_fields[field_index (o->field)].what;
  char shape[128], seeds[64];
  size_t hidden = 0;

  for (size_t l = 1; l < o->base.net.layers; l++)
    hidden += o->base.net.sizes[l];
  snprintf (seeds, sizeof seeds, o->seeds > 1 ? "%zu seeds per value (%lu "
            "to %lu)" : "%zu seed per value (%lu)", o->seeds, o->base.seed,
            o->base.seed + (unsigned long) o->seeds - 1);
  exp_say (f, "Dead units: the fraction of the %zu hidden units of the %s "
           "network of %s that are active on none of its training points, at "
           "the start and after training (%zu steps), varying %s; %s.",
           hidden, sweep_shape (&o->base.net, shape, sizeof shape),
           a->scene_name, o->base.steps, what, seeds);
  if (ev != NULL)
    exp_say (f, "Note: the scene sets %s to %g at step %zu: each value holds "
             "until then.", what, ev->value, ev->step);
  fputc ('\n', f);
}

static int
sweep_text (FILE *f, const exp_args *a, const exp_results *r)
{
  text_table *t = exp_tab_alloc (0);
  char b[4][64];

  if (t == NULL)
    return -1;
  sweep_header (f, a);
  exp_tab_cell (t, "%s", sweep_fields[field_index (a->sweep.field)].name);
  exp_tab_cell (t, "dead at start");
  exp_tab_cell (t, "95%% interval");
  exp_tab_cell (t, "after training");
  exp_tab_cell (t, "95%% interval");
  exp_tab_cell (t, "diverged");
  exp_tab_row (t);
  for (size_t v = 0; v < r->sweep.n_values; v++)
    {
      const rs_probe_sweep_point *p = &r->sweep.point[v];

      exp_tab_cell (t, "%g", p->value);
      exp_tab_cell (t, "%s", exp_num (b[0], 64, p->mean0, 4));
      exp_tab_cell (t, "%s", exp_interval (b[1], 64, p->lo0, p->hi0, 3));
      exp_tab_cell (t, "%s", exp_num (b[2], 64, p->mean, 4));
      exp_tab_cell (t, "%s", exp_interval (b[3], 64, p->lo, p->hi, 3));
      exp_tab_cell (t, "%zu/%zu", p->diverged, p->runs);
      exp_tab_row (t);
    }
  exp_tab_print (f, t);
  free (t);
  return 0;
}

static void
sweep_csv (FILE *f, const exp_args *a, const exp_results *r)
{
  const rs_probe_sweep_opts *o = &a->sweep;
  const rs_sim_event *ev = sweep_override (o);

  fputs ("value,runs,diverged,dead_start,lo_start,hi_start,dead_end,lo_end,"
         "hi_end\n", f);
  for (size_t v = 0; v < r->sweep.n_values; v++)
    {
      const rs_probe_sweep_point *p = &r->sweep.point[v];

      exp_put_num (f, p->value, ",");
      fprintf (f, "%zu,%zu,", p->runs, p->diverged);
      exp_put_num (f, p->mean0, ",");
      exp_put_num (f, p->lo0, ",");
      exp_put_num (f, p->hi0, ",");
      exp_put_num (f, p->mean, ",");
      exp_put_num (f, p->lo, ",");
      exp_put_num (f, p->hi, "\n");
    }
  fprintf (f, "# experiment: dead-sweep\n# scene: %s\n# vary: %s\n"
           "# seeds: %zu\n# seed: %lu\n", a->scene_name,
           sweep_fields[field_index (o->field)].name, o->seeds,
           o->base.seed);
  if (ev != NULL)
    {
      fprintf (f, "# note: the scene sets %s to ",
               sweep_fields[field_index (o->field)].name);
      exp_put_num (f, ev->value, "");
      fprintf (f, " at step %zu\n", ev->step);
    }
}

/* Whether the swept values are positive and span a factor of 10 or
 * more: a log axis then spaces them as they are usually chosen. */
static int
sweep_log_x (const rs_probe_sweep_opts *o)
{
  double lo = INFINITY, hi = 0.0;

  for (size_t v = 0; v < o->n_values; v++)
    lo = fmin (lo, o->values[v]), hi = fmax (hi, o->values[v]);
  return lo > 0.0 && hi >= 10.0 * lo;
}

/* The figure's title, settings line and note (with the scene's own
 * change of the swept setting, when it has one). */
static void
sweep_titles (const exp_args *a, const exp_results *r, expfig_plot *p)
{
  const rs_probe_sweep_opts *o = &a->sweep;
  const rs_sim_event *ev = sweep_override (o);
  size_t diverged = 0;
  char shape[128];

  snprintf (p->title, sizeof p->title, "Dead units against %s",
            sweep_fields[field_index (o->field)].what);
  for (size_t v = 0; v < r->sweep.n_values; v++)
    diverged += r->sweep.point[v].diverged;
  snprintf (p->subtitle, sizeof p->subtitle, "%s network of %s, %zu steps; "
            "%zu seed%s per value from %lu%s", sweep_shape (&o->base.net,
            shape, sizeof shape), a->scene_name, o->base.steps, o->seeds,
            o->seeds > 1 ? "s" : "", o->base.seed, diverged > 0
            ? "; some runs diverged (counted at the start only)" : "");
  snprintf (p->note, sizeof p->note, "Dead: active on no training point.  "
            "Bars: 95 %% t interval over the seeds.");
  if (ev != NULL)
    snprintf (p->note + strlen (p->note), sizeof p->note - strlen (p->note),
              "  The scene sets it to %g at step %zu.", ev->value, ev->step);
}

/* The dead fraction at the start and after training against the swept
 * value, with their t intervals over the seeds. */
static int
sweep_plot (const exp_args *a, const exp_results *r, expfig_plot *p)
{
  const rs_probe_sweep_opts *o = &a->sweep;
  size_t fi = field_index (o->field);
  expfig_panel *pn = &p->panel[0];
  expfig_series *s0, *s1;

  sweep_titles (a, r, p);
  p->n_panels = 1;
  snprintf (pn->title, sizeof pn->title, "Fraction of hidden units dead");
  snprintf (pn->x_title, sizeof pn->x_title, "%s (--vary %s)",
            sweep_fields[fi].what, sweep_fields[fi].name);
  snprintf (pn->y_title, sizeof pn->y_title, "fraction dead");
  pn->y_lo = 0.0;
  pn->y_hi = NAN;
  pn->log_x = sweep_log_x (o);
  pn->value_ticks = 1;
  s0 = expfig_add_series (pn, "at the start", 0, 0);
  s1 = expfig_add_series (pn, "after training", 1, 0);
  for (size_t v = 0; v < r->sweep.n_values; v++)
    {
      const rs_probe_sweep_point *q = &r->sweep.point[v];

      expfig_add_point (s0, q->value, q->mean0, q->lo0, q->hi0);
      expfig_add_point (s1, q->value, q->mean, q->lo, q->hi);
    }
  return RS_OK;
}

const experiment exp_dead_sweep = {
  "dead-sweep", sweep_usage, sweep_scene, sweep_options, sweep_defaults,
  sweep_option, sweep_check, exp_parts_one, sweep_trials, sweep_run,
  sweep_text, sweep_csv, sweep_plot, sweep_cost
};
