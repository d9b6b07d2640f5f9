/* exp_depth.c: the experiment "depth": how the gradient fades through
 * depth, sigmoid vs tanh vs ReLU vs Leaky ReLU (CONCEPTS.md C1). */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "experiment/experiment.h"
#include "experiment/expfig.h"

static const char depth_usage[] =
  "Usage: reluscape experiment depth [OPTIONS] [-o FILE]\n"
  "How the gradient fades through depth.  For each depth L = 1 ... N, a\n"
  "network of L layers: WIDTH inputs, L - 1 hidden layers of WIDTH units\n"
  "with the activation, one identity output, biases 0.  Each trial draws\n"
  "random points and targets, N(0, 1), and each network's weights.  For\n"
  "every depth L and layer l: the mean over the trials of ||dL/dW_l||, the\n"
  "gradient of the mean squared error that reaches layer l's weights\n"
  "(Frobenius norm); the mean and standard deviation of its log10; the\n"
  "trials where it is exactly 0 (a dead layer).  One section per\n"
  "activation.\n"
  "\n"
  "      --act NAME[,NAME...]  the hidden activations, each NAME or\n"
  "                            NAME:PARAM (leaky_relu:0.1) (default:\n"
  "                            sigmoid,tanh,relu,leaky_relu)\n"
  "      --max-depth N         the deepest network, 1 to 65 (8)\n"
  "      --width N             inputs and units of each hidden layer, 1 to\n"
  "                            256 (16)\n"
  "      --points N            random points per trial, 1 to 100000 (64)\n"
  "      --init NAME           the weights, one scheme per run: he_normal,\n"
  "                            he_uniform, xavier_normal, xavier_uniform or\n"
  "                            constant:C (he_normal)\n"
  "      --trials N            trials, 1 to 1000000000 (100)\n"
  "      --seed N              the seed (1)\n"
EXP_COMMON_HELP;

/* The options of part i: the experiment's with activation i. */
static rs_probe_depth_opts
depth_opts (const exp_args *a, size_t i)
{
  rs_probe_depth_opts o = a->depth;

  o.act = a->acts[i].type;
  o.param = a->acts[i].param;
  return o;
}

static const struct option depth_options[] = {
  { "act", required_argument, NULL, OPT_ACT },
  { "max-depth", required_argument, NULL, OPT_MAX_DEPTH },
  { "width", required_argument, NULL, OPT_WIDTH },
  { "points", required_argument, NULL, OPT_POINTS },
  { "init", required_argument, NULL, OPT_INIT },
  EXP_TRIALS_SEED_OPTIONS
};

static void
depth_defaults (exp_args *a)
{
  static const rs_act_type *const *const acts[] = {
    &rs_act_sigmoid, &rs_act_tanh, &rs_act_relu, &rs_act_leaky_relu
  };

  rs_probe_depth_default (&a->depth);
  exp_set_acts (a, acts, sizeof acts / sizeof acts[0]);
}

static int
depth_option (int c, const char *arg, exp_args *a)
{
  rs_probe_depth_opts *o = &a->depth;

  switch (c)
    {
    case OPT_ACT: return exp_parse_acts (a, arg, MAX_ACTS);
    case OPT_MAX_DEPTH: return exp_count_option (a, "--max-depth", arg,
                                                 &o->max_depth);
    case OPT_WIDTH: return exp_count_option (a, "--width", arg, &o->width);
    case OPT_POINTS: return exp_count_option (a, "--points", arg, &o->points);
    case OPT_INIT: return exp_parse_init (a, arg, &o->init, &o->init_c);
    default: return exp_trials_seed (c, arg, a, &o->trials, &o->seed);
    }
}

static int
depth_check (const exp_args *a, rs_error *err)
{
  for (size_t i = 0; i < a->n_acts; i++)
    {
      rs_probe_depth_opts o = depth_opts (a, i);

      if (rs_probe_depth_check (&o, err) != RS_OK)
        return err->code;
    }
  return RS_OK;
}

static size_t
depth_trials (const exp_args *a)
{
  return a->depth.trials;
}

static int
depth_run (const exp_args *a, size_t part, size_t first, size_t last,
           exp_results *r, rs_error *err)
{
  rs_probe_depth_opts o = depth_opts (a, part);

  if (first == 0)
    rs_probe_depth_clear (&r->depth[part]);
  if (rs_probe_depth_run (&o, first, last, &r->depth[part], err) != RS_OK)
    return exp_about_act (&a->acts[part], err);
  return RS_OK;
}

/* The cost of a trial: the points' inputs and targets drawn, then for
 * each depth L its network drawn and one forward and backward pass over
 * the points (the products, and the activations unit by unit); the memory of every depth's network, gradient and
 * workspace. */
static double
depth_cost (const exp_args *a, size_t part, double *bytes)
{
  rs_probe_depth_opts o = depth_opts (a, part);
  size_t sizes[RS_PROBE_MAX_DEPTH + 1];
  double n = (double) o.points, s;

  s = exp_draw_seconds (n * (double) (o.width + o.outputs));
  *bytes = 8.0 * n * (double) (o.width + o.outputs);
  for (size_t L = 1; L <= o.max_depth; L++)
    {
      double np = (double) o.width * (double) o.width * (double) (L - 1)
                  + (double) o.width * (double) o.outputs;

      for (size_t l = 0; l < L; l++)
        sizes[l] = o.width;
      sizes[L] = o.outputs;
      s += exp_draw_seconds (np) + exp_flop_seconds (cli_pass_flops
                                                     (sizes, L, n))
           + n * (double) (L * o.width) * EXP_UNIT_S;
      *bytes += 8.0 * (3.0 * np + 2.0 * n * (double) (L * o.width));
    }
  return s;
}

/* The table of one activation: a row per depth L and layer l. */
static void
depth_section (FILE *f, text_table *t, const rs_probe_depth_result *r)
{
  char b[3][32];

  exp_tab_cell (t, "depth");
  exp_tab_cell (t, "layer");
  exp_tab_cell (t, "mean norm");
  exp_tab_cell (t, "mean log10");
  exp_tab_cell (t, "sd log10");
  exp_tab_cell (t, "zeros");
  exp_tab_row (t);
  for (size_t L = 1; L <= r->max_depth; L++)
    for (size_t l = 1; l <= L; l++)
      {
        const rs_probe_depth_cell *c = &r->cell[L - 1][l - 1];

        if (l == 1)
          exp_tab_cell (t, "%zu", L);
        else
          exp_tab_cell (t, "%s", "");
        exp_tab_cell (t, "%zu", l);
        exp_tab_cell (t, "%s", exp_num (b[0], 32, c->mean, 4));
        exp_tab_cell (t, "%s", exp_num (b[1], 32, c->mean_log10, 3));
        exp_tab_cell (t, "%s", exp_num (b[2], 32, c->sd_log10, 2));
        exp_tab_cell (t, "%zu", c->zeros);
        exp_tab_row (t);
      }
  exp_tab_print (f, t);
}

/* At the greatest depth N, layer 1's mean norm against layer N's: the
 * comparison of the activations the experiment is for. */
static void
depth_summary (FILE *f, text_table *t, const exp_args *a,
               const exp_results *r)
{
  size_t N = a->depth.max_depth;
  char b[4][64];

  fprintf (f, "\nAt depth %zu, the gradient reaching layer 1 against "
           "layer %zu's (mean norms):\n", N, N);
  exp_tab_cell (t, "activation");
  exp_tab_cell (t, "layer 1");
  exp_tab_cell (t, "layer %zu", N);
  exp_tab_cell (t, "ratio");
  exp_tab_row (t);
  for (size_t i = 0; i < a->n_acts; i++)
    {
      const rs_probe_depth_cell *c = r->depth[i].cell[N - 1];

      exp_tab_cell (t, "%s", exp_act_label (&a->acts[i], b[0], 64));
      exp_tab_cell (t, "%s", exp_num (b[1], 64, c[0].mean, 4));
      exp_tab_cell (t, "%s", exp_num (b[2], 64, c[N - 1].mean, 4));
      exp_tab_cell (t, "%s", exp_num (b[3], 64, c[0].mean / c[N - 1].mean, 3));
      exp_tab_row (t);
    }
  exp_tab_print (f, t);
}

static int
depth_text (FILE *f, const exp_args *a, const exp_results *r)
{
  const rs_probe_depth_opts *o = &a->depth;
  text_table *t = exp_tab_alloc (0), *s = exp_tab_alloc (1);
  char b[64];

  if (t == NULL || s == NULL)
    {
      free (t);
      free (s);
      return -1;
    }
  exp_say (f, "How the gradient fades through depth: the norm ||dE/dW_l|| of "
           "the gradient of the loss E (mean squared error on %zu random "
           "points) reaching the weights of layer l, in networks of depth 1 "
           "to %zu: %zu inputs, hidden layers of %zu units, one identity "
           "output; %s weights, biases 0.  %zu trials, seed %lu; log10 over "
           "the trials where the norm is not 0.", o->points, o->max_depth,
           o->width, o->width, o->init->name, o->trials, o->seed);
  for (size_t i = 0; i < a->n_acts; i++)
    {
      fprintf (f, "\n%s\n", exp_act_label (&a->acts[i], b, sizeof b));
      depth_section (f, t, &r->depth[i]);
    }
  depth_summary (f, s, a, r);
  free (t);
  free (s);
  return 0;
}

static void
depth_csv (FILE *f, const exp_args *a, const exp_results *r)
{
  const rs_probe_depth_opts *o = &a->depth;

  fputs ("act,param,depth,layer,mean_norm,mean_log10_norm,sd_log10_norm,"
         "zeros,mean_bias_norm\n", f);
  for (size_t i = 0; i < a->n_acts; i++)
    for (size_t L = 1; L <= r->depth[i].max_depth; L++)
      for (size_t l = 1; l <= L; l++)
        {
          const rs_probe_depth_cell *c = &r->depth[i].cell[L - 1][l - 1];

          exp_put_act (f, &a->acts[i]);
          fprintf (f, "%zu,%zu,", L, l);
          exp_put_num (f, c->mean, ",");
          exp_put_num (f, c->mean_log10, ",");
          exp_put_num (f, c->sd_log10, ",");
          fprintf (f, "%zu,", c->zeros);
          exp_put_num (f, c->mean_bias, "\n");
        }
  fprintf (f, "# experiment: depth\n# max_depth: %zu\n# width: %zu\n"
           "# points: %zu\n", o->max_depth, o->width, o->points);
  exp_put_act_list (f, a);
  exp_put_init (f, o->init, o->init_c);
  fprintf (f, "# trials: %zu\n# seed: %lu\n", o->trials, o->seed);
}

/* One cell as a point of the figure: the geometric mean of the norm,
 * 10^mean_log10, with the 95 % interval of that mean, 10^(mean_log10 +-
 * t sd / sqrt(m)) over the m trials where the norm is not 0 (t: Student's
 * 0.975 quantile with m - 1 degrees of freedom); 0 when it is 0 in every
 * trial, no interval below 2 such trials. */
static void
depth_point (expfig_series *s, double x, const rs_probe_depth_cell *c,
             size_t trials)
{
  size_t m = trials - c->zeros;
  double y = m == 0 ? 0.0 : pow (10.0, c->mean_log10), h = NAN;

  if (m >= 2 && isfinite (c->sd_log10))
    h = gsl_cdf_tdist_Pinv (0.975, (double) (m - 1)) * c->sd_log10
        / sqrt ((double) m);
  expfig_add_point (s, x, y, isnan (h) ? NAN : pow (10.0, c->mean_log10 - h),
                    isnan (h) ? NAN : pow (10.0, c->mean_log10 + h));
}

/* The figure's title, settings line and note. */
static void
depth_titles (const rs_probe_depth_opts *o, expfig_plot *p)
{
  snprintf (p->title, sizeof p->title, "How the gradient fades through "
            "depth");
  snprintf (p->subtitle, sizeof p->subtitle, "<i>E</i>: mean squared "
            "error on %zu random points; %zu inputs, hidden layers of %zu "
            "units, %s weights, biases 0; %zu trials, seed %lu", o->points,
            o->width, o->width, o->init->name, o->trials, o->seed);
  snprintf (p->note, sizeof p->note, "Points: geometric mean over the "
            "trials where the norm is not 0; bars and bands: its 95 %% "
            "interval.  ▼ on the bottom edge: 0 in every trial.");
}

/* The two panels' titles and their log axes of the gradient's norm:
 * each layer at depth N, and layer 1 against depth. */
static void
depth_panels (size_t N, expfig_plot *p)
{
  expfig_panel *left = &p->panel[0], *right = &p->panel[1];

  p->n_panels = 2;
  snprintf (left->title, sizeof left->title, "Each layer, depth %zu", N);
  snprintf (left->x_title, sizeof left->x_title, "layer <i>l</i> (%zu: "
            "the output)", N);
  snprintf (right->title, sizeof right->title, "Layer 1, against depth");
  snprintf (right->x_title, sizeof right->x_title, "depth <i>L</i> "
            "(layers)");
  for (int k = 0; k < 2; k++)
    {
      snprintf (p->panel[k].y_title, sizeof p->panel[k].y_title,
                "‖∂<i>E</i>/∂<i>W<sub>l</sub></i>‖");
      p->panel[k].log_y = 1;
      p->panel[k].integer_x = 1;
      p->panel[k].y_lo = p->panel[k].y_hi = NAN;
    }
}

/* The two plots of C1: at the greatest depth N the gradient reaching
 * each layer, and the gradient reaching layer 1 against the depth, one
 * series per activation, on log axes. */
static int
depth_plot (const exp_args *a, const exp_results *r, expfig_plot *p)
{
  size_t N = a->depth.max_depth;
  char b[64];

  depth_titles (&a->depth, p);
  depth_panels (N, p);
  for (size_t i = 0; i < a->n_acts; i++)
    {
      const rs_probe_depth_result *d = &r->depth[i];
      const char *label = exp_act_label (&a->acts[i], b, sizeof b);
      expfig_series *sl = expfig_add_series (&p->panel[0], label, (int) i, 0);
      expfig_series *sr = expfig_add_series (&p->panel[1], label, (int) i, 0);

      for (size_t l = 1; l <= N; l++)
        depth_point (sl, (double) l, &d->cell[N - 1][l - 1], d->trials);
      for (size_t L = 1; L <= N; L++)
        depth_point (sr, (double) L, &d->cell[L - 1][0], d->trials);
    }
  return RS_OK;
}

const experiment exp_depth = {
  "depth", depth_usage, NULL, depth_options, depth_defaults, depth_option,
  depth_check, exp_parts_acts, depth_trials, depth_run, depth_text,
  depth_csv, depth_plot, depth_cost
};
