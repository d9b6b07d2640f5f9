/* exp_zero.c: the experiment "zero-grad": the probability that f'(z) is
 * exactly 0 for z ~ N(mu, sigma^2), per activation (C6, C8). */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "experiment/experiment.h"
#include "experiment/expfig.h"

static const char zero_usage[] =
  "Usage: reluscape experiment zero-grad [OPTIONS] [-o FILE]\n"
  "The probability that an activation's derivative is exactly 0 at\n"
  "z ~ N(mu, sigma^2), as the backward pass computes it in double\n"
  "precision, beside its value in exact arithmetic: Phi(-mu / sigma) for\n"
  "ReLU (and Leaky ReLU with alpha 0), 0 for the others.  Each trial draws\n"
  "SAMPLES values of z.  One row per activation, with the standard error\n"
  "and the 95 % Wilson interval.\n"
  "\n"
  "      --act NAME[,NAME...]  the activations, each NAME or NAME:PARAM\n"
  "                            (leaky_relu:0) (default: relu,leaky_relu,\n"
  "                            sigmoid,tanh,elu,softplus)\n"
  "      --mu M                the mean of z (0)\n"
  "      --sigma S             its standard deviation, > 0 (1)\n"
  "      --samples N           values of z per trial, 1 to 100000000\n"
  "                            (10000)\n"
  "      --kink S              the derivative taken at a kink, in [0, 1]\n"
  "                            (0: ReLU'(0) = 0)\n"
  "      --trials N            trials, 1 to 1000000000 (100)\n"
  "      --seed N              the seed (1)\n"
EXP_COMMON_HELP;

static rs_probe_zero_grad_opts
zero_opts (const exp_args *a, size_t i)
{
  rs_probe_zero_grad_opts o = a->zero;

  o.act = a->acts[i].type;
  o.param = a->acts[i].param;
  return o;
}

static const struct option zero_options[] = {
  { "act", required_argument, NULL, OPT_ACT },
  { "mu", required_argument, NULL, OPT_MU },
  { "sigma", required_argument, NULL, OPT_SIGMA },
  { "samples", required_argument, NULL, OPT_SAMPLES },
  { "kink", required_argument, NULL, OPT_KINK },
  EXP_TRIALS_SEED_OPTIONS
};

static void
zero_defaults (exp_args *a)
{
  static const rs_act_type *const *const acts[] = {
    &rs_act_relu, &rs_act_leaky_relu, &rs_act_sigmoid, &rs_act_tanh,
    &rs_act_elu, &rs_act_softplus
  };

  rs_probe_zero_grad_default (&a->zero);
  exp_set_acts (a, acts, sizeof acts / sizeof acts[0]);
}

static int
zero_option (int c, const char *arg, exp_args *a)
{
  rs_probe_zero_grad_opts *o = &a->zero;

  switch (c)
    {
    case OPT_ACT: return exp_parse_acts (a, arg, MAX_ACTS);
    case OPT_MU: return exp_real_option (a, "--mu", arg, &o->mu);
    case OPT_SIGMA: return exp_real_option (a, "--sigma", arg, &o->sigma);
    case OPT_SAMPLES:
      return exp_count_option (a, "--samples", arg, &o->samples);
    case OPT_KINK: return exp_real_option (a, "--kink", arg, &o->kink);
    default: return exp_trials_seed (c, arg, a, &o->trials, &o->seed);
    }
}

static int
zero_check (const exp_args *a, rs_error *err)
{
  for (size_t i = 0; i < a->n_acts; i++)
    {
      rs_probe_zero_grad_opts o = zero_opts (a, i);

      if (rs_probe_zero_grad_check (&o, err) != RS_OK)
        return err->code;
    }
  return RS_OK;
}

static size_t
zero_trials (const exp_args *a)
{
  return a->zero.trials;
}

static int
zero_run (const exp_args *a, size_t part, size_t first, size_t last,
          exp_results *r, rs_error *err)
{
  rs_probe_zero_grad_opts o = zero_opts (a, part);

  if (first == 0)
    rs_probe_zero_grad_clear (&r->zero[part]);
  return rs_probe_zero_grad_run (&o, first, last, &r->zero[part], err);
}

/* The cost of a trial: its generator seeded, then a Gaussian draw and
 * the derivative for each sample (EXP_SAMPLE_S); the memory is two
 * blocks of 256 numbers. */
static double
zero_cost (const exp_args *a, size_t part, double *bytes)
{
  rs_probe_zero_grad_opts o = zero_opts (a, part);

  *bytes = 2.0 * 256.0 * 8.0;
  return EXP_SEED_S + (double) o.samples * EXP_SAMPLE_S;
}

/* The description above the table, and the table's head row. */
static void
zero_head (FILE *f, text_table *t, const rs_probe_zero_grad_opts *o)
{
  exp_say (f, "P(f'(z) = 0): how often the derivative is exactly 0 for z ~ "
           "N(%g, %g^2), as the backward pass computes it (taking %g at a "
           "kink), in %zu trials of %zu samples, seed %lu; exact: the value "
           "in exact arithmetic.", o->mu, o->sigma, o->kink, o->trials,
           o->samples, o->seed);
  fputc ('\n', f);
  exp_tab_cell (t, "activation");
  exp_tab_cell (t, "p");
  exp_tab_cell (t, "std. error");
  exp_tab_cell (t, "95%% interval");
  exp_tab_cell (t, "exact");
  exp_tab_row (t);
}

static int
zero_text (FILE *f, const exp_args *a, const exp_results *r)
{
  text_table *t = exp_tab_alloc (1);
  char b[5][64];
  int outside = 0;

  if (t == NULL)
    return -1;
  zero_head (f, t, &a->zero);
  for (size_t i = 0; i < a->n_acts; i++)
    {
      const rs_probe_zero_grad_result *z = &r->zero[i];

      exp_tab_cell (t, "%s", exp_act_label (&a->acts[i], b[0], 64));
      exp_tab_cell (t, "%s", exp_num (b[1], 64, z->p, 5));
      exp_tab_cell (t, "%s", exp_num (b[2], 64, z->se, 2));
      exp_tab_cell (t, "%s", exp_interval (b[3], 64, z->lo, z->hi, 5));
      exp_tab_cell (t, "%s%s", exp_num (b[4], 64, z->exact, 5),
                z->exact < z->lo || z->exact > z->hi ? " *" : "");
      outside |= z->exact < z->lo || z->exact > z->hi;
      exp_tab_row (t);
    }
  exp_tab_print (f, t);
  if (outside)
    exp_say (f, "\n* outside the 95%% interval: by chance (1 time in 20), or "
             "because f'(z) rounds to 0 in double precision far in the tails "
             "(sigmoid beyond z = 36.7, tanh beyond |z| = 19.1).");
  free (t);
  return 0;
}

static void
zero_csv (FILE *f, const exp_args *a, const exp_results *r)
{
  const rs_probe_zero_grad_opts *o = &a->zero;

  fputs ("act,param,p,se,lo,hi,exact,zeros,samples\n", f);
  for (size_t i = 0; i < a->n_acts; i++)
    {
      const rs_probe_zero_grad_result *z = &r->zero[i];

      exp_put_act (f, &a->acts[i]);
      exp_put_num (f, z->p, ",");
      exp_put_num (f, z->se, ",");
      exp_put_num (f, z->lo, ",");
      exp_put_num (f, z->hi, ",");
      exp_put_num (f, z->exact, ",");
      fprintf (f, "%zu,%zu\n", z->zeros, z->samples);
    }
  fputs ("# experiment: zero-grad\n", f);
  exp_put_act_list (f, a);
  fputs ("# mu: ", f);
  exp_put_num (f, o->mu, "\n# sigma: ");
  exp_put_num (f, o->sigma, "\n# kink: ");
  exp_put_num (f, o->kink, "\n");
  fprintf (f, "# samples: %zu\n# trials: %zu\n# seed: %lu\n", o->samples,
           o->trials, o->seed);
}

/* The name of activation c as a category: the family, and its parameter
 * on a second line. */
static void
zero_cat (const act_choice *c, char *buf, size_t n)
{
  char *blank = strchr (exp_act_label (c, buf, n), ' ');

  if (blank != NULL)
    *blank = '\n';
}

/* P(f'(z) = 0) per activation with its Wilson interval, and the value in
 * exact arithmetic as a dashed stroke across each activation. */
static int
zero_plot (const exp_args *a, const exp_results *r, expfig_plot *p)
{
  const rs_probe_zero_grad_opts *o = &a->zero;
  expfig_panel *pn = &p->panel[0];
  expfig_series *s, *e;

  snprintf (p->title, sizeof p->title, "P(<i>f</i>′(<i>z</i>) = 0): how "
            "often the derivative is exactly 0");
  snprintf (p->subtitle, sizeof p->subtitle, "<i>z</i> ~ N(%g, %g²), "
            "<i>f</i>′ as the backward pass computes it in double precision "
            "(%g at a kink); %zu trials of %zu samples, seed %lu", o->mu,
            o->sigma, o->kink, o->trials, o->samples, o->seed);
  snprintf (p->note, sizeof p->note, "Bars: 95 %% Wilson interval "
            "(hidden where narrower than the point).  Dashed: exact "
            "arithmetic, Φ(−μ/σ) for ReLU, 0 for the others.");
  p->n_panels = 1;
  snprintf (pn->title, sizeof pn->title, "Per activation");
  snprintf (pn->y_title, sizeof pn->y_title, "P(<i>f</i>′(<i>z</i>) = 0)");
  pn->y_lo = 0.0;
  pn->y_hi = NAN;
  s = expfig_add_series (pn, "measured", 0, 0);
  e = expfig_add_series (pn, "exact arithmetic", 1, 1);
  for (size_t i = 0; i < a->n_acts && i < EXPFIG_MAX_CATS; i++)
    {
      const rs_probe_zero_grad_result *z = &r->zero[i];

      zero_cat (&a->acts[i], pn->cats[i], sizeof pn->cats[i]);
      pn->n_cats++;
      expfig_add_point (s, (double) i, z->p, z->lo, z->hi);
      expfig_add_point (e, (double) i, z->exact, NAN, NAN);
    }
  return RS_OK;
}

const experiment exp_zero_grad = {
  "zero-grad", zero_usage, NULL, zero_options, zero_defaults, zero_option,
  zero_check, exp_parts_acts, zero_trials, zero_run, zero_text, zero_csv,
  zero_plot, zero_cost
};
