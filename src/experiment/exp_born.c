/* exp_born.c: the experiment "born-dead": the probability that a randomly
 * initialised ReLU network computes a constant function (Lu et al. 2020). */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "experiment/experiment.h"
#include "experiment/expfig.h"

static const char born_usage[] =
  "Usage: reluscape experiment born-dead [OPTIONS] [-o FILE]\n"
  "The probability that a randomly initialised network is born dead: its\n"
  "output is constant on the input domain.  Each trial draws a network of\n"
  "INPUTS inputs, DEPTH hidden layers of WIDTH units and one identity\n"
  "output.  With one input it is decided exactly, following the network's\n"
  "linear pieces; with more, by interval bounds on the box DOMAIN^INPUTS,\n"
  "which find a layer dead on the whole box but may miss other constant\n"
  "networks: the count is then a lower bound.  The table gives the\n"
  "estimate with its 95 % Wilson exp_interval, the closed form where it is\n"
  "known (ReLU, one input, biases 0, a domain of x >= 0, symmetric\n"
  "weights: 1 - (1 - 2^-WIDTH)^DEPTH), and the first constant layer of the\n"
  "networks found constant.\n"
  "\n"
  "      --inputs N            inputs, 1 to 256 (1)\n"
  "      --width N             units of each hidden layer, 1 to 256 (3)\n"
  "      --depth N             hidden layers, 1 to 64 (5)\n"
  "      --act NAME            the hidden activation; with one input\n"
  "                            identity, relu, leaky_relu or prelu, each\n"
  "                            NAME or NAME:PARAM (relu)\n"
  "      --init NAME           the weights: he_normal, he_uniform,\n"
  "                            xavier_normal, xavier_uniform or constant:C\n"
  "                            (he_normal)\n"
  "      --bias B              every bias B (0)\n"
  "      --bias-normal         every bias drawn from N(0, B^2) instead\n"
  "      --bias-init NAME      he_normal: layer l's biases drawn from\n"
  "                            N(0, 2 / n_(l-1)), the fan-in's He scale\n"
  "                            (Lu et al. 2020); constant: B (constant)\n"
  "      --widths N1,N2,...    one width per hidden layer (sets the depth)\n"
  "      --depths LO-HI        a table: every depth LO ... HI (1 to 64) for\n"
  "                            each width of --width N1,N2,..., one CSV row\n"
  "                            each (width, depth, trials, constant, p, lo,\n"
  "                            hi, lower_bound, exact)\n"
  "      --domain LO,HI        the range of each input, LO < HI (-1,1)\n"
  "      --trials N            trials, 1 to 1000000000 (1000)\n"
  "      --seed N              the seed (1)\n"
EXP_COMMON_HELP;

static const struct option born_options[] = {
  { "inputs", required_argument, NULL, OPT_INPUTS },
  { "width", required_argument, NULL, OPT_WIDTH },
  { "depth", required_argument, NULL, OPT_DEPTH },
  { "act", required_argument, NULL, OPT_ACT },
  { "init", required_argument, NULL, OPT_INIT },
  { "bias", required_argument, NULL, OPT_BIAS },
  { "bias-normal", no_argument, NULL, OPT_BIAS_NORMAL },
  { "bias-init", required_argument, NULL, OPT_BIAS_INIT },
  { "widths", required_argument, NULL, OPT_WIDTHS },
  { "depths", required_argument, NULL, OPT_DEPTHS },
  { "domain", required_argument, NULL, OPT_DOMAIN },
  EXP_TRIALS_SEED_OPTIONS
};

static void
born_defaults (exp_args *a)
{
  rs_probe_born_dead_default (&a->born);
  a->n_acts = 1;
  a->acts[0] = (act_choice) { a->born.act, a->born.param };
}

/* --depths LO-HI (or one depth D), 1 <= LO <= HI <= 64: born-dead's
 * table of every depth. */
static int
born_depths (exp_args *a, const char *arg)
{
  char lo[32], *dash = strchr (arg, '-');
  size_t k = dash != NULL ? (size_t) (dash - arg) : strlen (arg);

  if (k >= sizeof lo || k == 0)
    return exp_bad_value (a, "--depths", arg, "LO-HI, 1 <= LO <= HI <= 64");
  memcpy (lo, arg, k);
  lo[k] = '\0';
  if (cli_parse_count (lo, 1, MAX_TABLE_DEPTHS, &a->depth_lo) != 0
      || cli_parse_count (dash != NULL ? dash + 1 : lo, a->depth_lo,
                          MAX_TABLE_DEPTHS, &a->depth_hi) != 0)
    return exp_bad_value (a, "--depths", arg, "LO-HI, 1 <= LO <= HI <= 64");
  return CLI_OK;
}

static int
born_option (int c, const char *arg, exp_args *a)
{
  rs_probe_born_dead_opts *o = &a->born;

  switch (c)
    {
    case OPT_INPUTS: return exp_count_option (a, "--inputs", arg, &o->inputs);
    case OPT_WIDTH:
      if (exp_parse_counts (arg, a->widths, MAX_TABLE_WIDTHS,
                            &a->n_widths) != 0)
        return exp_bad_value (a, "--width", arg, "N, or N1,N2,... (at most "
                              "16) with --depths");
      o->width = a->widths[0];
      return CLI_OK;
    case OPT_DEPTH: return exp_count_option (a, "--depth", arg, &o->depth);
    case OPT_WIDTHS:
      if (exp_parse_counts (arg, o->widths, RS_NET_MAX_LAYERS - 1, &o->depth)
          != 0)
        return exp_bad_value (a, "--widths", arg, "N1,N2,...: each hidden "
                              "layer's units, at most 64 layers");
      return CLI_OK;
    case OPT_DEPTHS: return born_depths (a, arg);
    case OPT_BIAS_INIT:
      if (strcmp (arg, "he_normal") == 0)
        o->bias_dist = RS_PROBE_BIAS_HE;
      else if (strcmp (arg, "constant") == 0)
        o->bias_dist = RS_PROBE_BIAS_CONSTANT;
      else
        return exp_bad_value (a, "--bias-init", arg, "he_normal or constant");
      return CLI_OK;
    case OPT_ACT: return exp_parse_acts (a, arg, 1);
    case OPT_INIT: return exp_parse_init (a, arg, &o->init, &o->init_c);
    case OPT_BIAS: return exp_real_option (a, "--bias", arg, &o->bias);
    case OPT_BIAS_NORMAL: o->bias_dist = RS_PROBE_BIAS_NORMAL; return CLI_OK;
    case OPT_DOMAIN:
      return cli_parse_pair (arg, &o->domain) == 0 ? CLI_OK
        : exp_bad_value (a, "--domain", arg, "LO,HI");
    default: return exp_trials_seed (c, arg, a, &o->trials, &o->seed);
    }
}

/* The depths of the table (--depths); 0 without one. */
static size_t
born_n_depths (const exp_args *a)
{
  return a->depth_hi > 0 ? a->depth_hi - a->depth_lo + 1 : 0;
}

/* The options of part (one row of the table: width part / depths, depth
 * lo + part % depths) with the --act choice. */
static rs_probe_born_dead_opts
born_part_opts (const exp_args *a, size_t part)
{
  rs_probe_born_dead_opts o = a->born;
  size_t nd = born_n_depths (a);

  o.act = a->acts[0].type;
  o.param = a->acts[0].param;
  if (nd > 0)
    {
      o.width = a->widths[part / nd];
      o.depth = a->depth_lo + part % nd;
    }
  return o;
}

static size_t
born_parts (const exp_args *a)
{
  size_t nd = born_n_depths (a);

  return nd > 0 ? nd * a->n_widths : 1;
}

static int
born_check (const exp_args *a, rs_error *err)
{
  int rc = RS_OK;

  if (a->n_widths > 1 && a->depth_hi == 0)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "several widths "
                         "(--width N1,N2,...) make a table: give --depths");
  if (a->depth_hi > 0 && a->born.widths[0] != 0)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "--widths gives one "
                         "shape; a table (--depths) takes --width");
  for (size_t p = 0; p < born_parts (a) && rc == RS_OK; p++)
    {
      rs_probe_born_dead_opts o = born_part_opts (a, p);

      rc = rs_probe_born_dead_check (&o, err);
    }
  return rc;
}

static size_t
born_trials (const exp_args *a)
{
  return a->born.trials;
}

static int
born_run (const exp_args *a, size_t part, size_t first, size_t last,
          exp_results *r, rs_error *err)
{
  rs_probe_born_dead_opts o = born_part_opts (a, part);
  rs_probe_born_dead_result *b = born_n_depths (a) > 0 ? &r->born_table[part]
                                                      : &r->born;

  if (first == 0)
    rs_probe_born_dead_clear (b);
  return rs_probe_born_dead_run (&o, first, last, b, err);
}

/* The cost of a trial: the network's weights (and biases, when drawn)
 * drawn, then the decision.  On one input it follows the linear pieces
 * layer by layer, each piece a product with the layer's weights; a
 * random ReLU network has about as many pieces along a line as units
 * below (Hanin and Rolnick 2019), so layer l costs about (1 + the units
 * below) x its weights multiply-adds (EXP_PIECE_S), three times that
 * with biases drawn at random (measured with bench_estimate: their kinks
 * spread over the domain and more pieces survive).  On a box it is one
 * interval product a layer.
 * The memory: the network and the pieces' maps. */
static double
born_cost (const exp_args *a, size_t part, double *bytes)
{
  rs_probe_born_dead_opts o = born_part_opts (a, part);
  double below = 0.0, draws = 0.0, ops = 0.0, prev = (double) o.inputs;
  int biases = o.bias_dist != RS_PROBE_BIAS_CONSTANT;

  for (size_t l = 1; l <= o.depth + 1; l++)
    {
      double n = l > o.depth ? 1.0 : (double) (o.widths[0] > 0
                                               ? o.widths[l - 1] : o.width);
      double pieces = o.inputs == 1 ? 1.0 + below : 2.0;

      if (pieces > RS_PROBE_MAX_PIECES)
        pieces = RS_PROBE_MAX_PIECES;
      draws += prev * n + (biases ? n : 0.0);
      ops += pieces * prev * n;
      below += l > o.depth ? 0.0 : n;
      prev = n;
    }
  *bytes = 8.0 * (2.0 * draws + 4.0 * (1.0 + below) * below);
  return exp_draw_seconds (draws) + ops * EXP_PIECE_S * (biases ? 3.0
                                                         : 1.0);
}

/* The closed form of rs_probe.h where it holds, else NAN: one input, a
 * ReLU (slope 0 below the kink), biases exactly 0, inputs x >= 0 and
 * weights from a symmetric continuous law (every scheme but constant):
 * f(x) = x f(1), constant iff some hidden layer is wholly inactive at
 * x = 1, which each layer of w units is with probability 2^-w. */
static double
born_exact (const exp_args *a, const rs_probe_born_dead_opts *o)
{
  const act_choice *c = &a->acts[0];
  int relu = c->type == rs_act_relu
             || ((c->type == rs_act_leaky_relu || c->type == rs_act_prelu)
                 && exp_act_param (c) == 0.0);
  double alive = 1.0;

  if (!relu || o->inputs != 1 || o->bias != 0.0 || o->domain.lo < 0.0
      || o->init == rs_init_constant || o->bias_dist == RS_PROBE_BIAS_HE)
    return NAN;
  for (size_t l = 0; l < o->depth; l++)
    alive *= 1.0 - ldexp (1.0, -(int) (o->widths[0] != 0 ? o->widths[l]
                                                        : o->width));
  return 1.0 - alive;
}

/* "1-3-3-3-3-3-1" into buf. */
static const char *
born_shape (const rs_probe_born_dead_opts *o, char *buf, size_t n)
{
  size_t k = (size_t) snprintf (buf, n, "%zu", o->inputs);

  for (size_t l = 0; l < o->depth && k < n; l++)
    k += (size_t) snprintf (buf + k, n - k, "-%zu", o->widths[0] != 0
                            ? o->widths[l] : o->width);
  if (k < n)
    snprintf (buf + k, n - k, "-1");
  return buf;
}

/* The description above the table. */
static void
born_header (FILE *f, const exp_args *a)
{
  const rs_probe_born_dead_opts *o = &a->born;
  char shape[512], act[64], dom[80], bias[64];

  snprintf (dom, sizeof dom, o->inputs > 1 ? "[%g, %g]^%zu" : "[%g, %g]",
            o->domain.lo, o->domain.hi, o->inputs);
  snprintf (bias, sizeof bias, o->bias_dist == RS_PROBE_BIAS_NORMAL
            ? "drawn from N(0, %g^2)" : o->bias_dist == RS_PROBE_BIAS_HE
            ? "drawn from N(0, 2 / fan-in)" : "%g", o->bias);
  if (born_n_depths (a) > 0)
    snprintf (shape, sizeof shape, "%zu-W-...-W-1 (depths %zu to %zu)",
              o->inputs, a->depth_lo, a->depth_hi);
  else
    born_shape (o, shape, sizeof shape);
  exp_say (f, "Born dead: how often a random %s network computes a constant "
           "function on %s.  Hidden layers %s, %s weights, biases %s; %zu "
           "trials, seed %lu; %s.\n", shape, dom,
           exp_act_label (&a->acts[0], act, sizeof act), o->init->name, bias,
           o->trials, o->seed, o->inputs > 1
           ? "decided by interval bounds on the box, so the count is a lower "
         "bound" : "decided exactly");
  fputc ('\n', f);
}

/* The estimate's row, then the first constant layers. */
static void
born_tables (FILE *f, text_table *t, const exp_args *a,
             const rs_probe_born_dead_result *r)
{
  char b[3][64];

  exp_tab_cell (t, "constant");
  exp_tab_cell (t, "p");
  exp_tab_cell (t, "95%% interval");
  exp_tab_cell (t, "exact");
  exp_tab_row (t);
  exp_tab_cell (t, "%zu/%zu%s", r->constant, r->trials,
                r->lower_bound ? " (at least)" : "");
  exp_tab_cell (t, "%s", exp_num (b[0], 64, r->p, 4));
  exp_tab_cell (t, "%s", exp_interval (b[1], 64, r->lo, r->hi, 4));
  exp_tab_cell (t, "%s", exp_num (b[2], 64, born_exact (a, &a->born), 4));
  exp_tab_row (t);
  exp_tab_print (f, t);
  fputs ("\nThe first constant layer of the networks found constant:\n", f);
  exp_tab_cell (t, "layer");
  exp_tab_cell (t, "trials");
  exp_tab_row (t);
  for (size_t l = 1; l <= a->born.depth + 1; l++)
    {
      if (l <= a->born.depth)
        exp_tab_cell (t, "hidden %zu", l);
      else
        exp_tab_cell (t, "output");
      exp_tab_cell (t, "%zu", r->by_layer[l]);
      exp_tab_row (t);
    }
  exp_tab_print (f, t);
}

/* The table of --depths: p for each depth (rows) and width (columns). */
static void
born_depth_table (FILE *f, text_table *t, const exp_args *a,
                  const exp_results *r)
{
  size_t nd = born_n_depths (a);
  char b[64];

  exp_tab_cell (t, "depth");
  for (size_t w = 0; w < a->n_widths; w++)
    exp_tab_cell (t, "p, width %zu", a->widths[w]);
  exp_tab_row (t);
  for (size_t d = 0; d < nd; d++)
    {
      exp_tab_cell (t, "%zu", a->depth_lo + d);
      for (size_t w = 0; w < a->n_widths; w++)
        exp_tab_cell (t, "%s", exp_num (b, sizeof b,
                                        r->born_table[w * nd + d].p, 4));
      exp_tab_row (t);
    }
  exp_tab_print (f, t);
}

static int
born_text (FILE *f, const exp_args *a, const exp_results *r)
{
  text_table *t = exp_tab_alloc (1);

  if (t == NULL)
    return -1;
  born_header (f, a);
  if (born_n_depths (a) > 0)
    born_depth_table (f, t, a, r);
  else
    born_tables (f, t, a, &r->born);
  free (t);
  return 0;
}

/* The options as '# key: value' lines under the CSV. */
static void
born_csv_options (FILE *f, const exp_args *a)
{
  static const char *const dist[] = { "constant", "normal", "he_normal" };
  const rs_probe_born_dead_opts *o = &a->born;

  fprintf (f, "# experiment: born-dead\n# inputs: %zu\n", o->inputs);
  if (born_n_depths (a) > 0)
    {
      fputs ("# width: ", f);
      for (size_t w = 0; w < a->n_widths; w++)
        fprintf (f, "%s%zu", w > 0 ? "," : "", a->widths[w]);
      fprintf (f, "\n# depths: %zu-%zu\n", a->depth_lo, a->depth_hi);
    }
  else if (o->widths[0] != 0)
    {
      fputs ("# widths: ", f);
      for (size_t l = 0; l < o->depth; l++)
        fprintf (f, "%s%zu", l > 0 ? "," : "", o->widths[l]);
      fprintf (f, "\n# depth: %zu\n", o->depth);
    }
  else
    fprintf (f, "# width: %zu\n# depth: %zu\n", o->width, o->depth);
  exp_put_act_list (f, a);
  exp_put_init (f, o->init, o->init_c);
  fprintf (f, "# bias_dist: %s\n# bias: ", dist[o->bias_dist]);
  exp_put_num (f, o->bias, "\n# domain: ");
  exp_put_num (f, o->domain.lo, ",");
  exp_put_num (f, o->domain.hi, "\n");
  fprintf (f, "# trials: %zu\n# seed: %lu\n", o->trials, o->seed);
}

/* One row of the table's CSV: width, depth and the estimate. */
static void
born_table_row (FILE *f, const exp_args *a, size_t part,
                const rs_probe_born_dead_result *b)
{
  rs_probe_born_dead_opts o = born_part_opts (a, part);

  fprintf (f, "%zu,%zu,%zu,%zu,", o.width, o.depth, b->trials, b->constant);
  exp_put_num (f, b->p, ",");
  exp_put_num (f, b->lo, ",");
  exp_put_num (f, b->hi, ",");
  fprintf (f, "%d,", b->lower_bound);
  exp_put_num (f, born_exact (a, &o), "\n");
}

static void
born_csv (FILE *f, const exp_args *a, const exp_results *r)
{
  const rs_probe_born_dead_opts *o = &a->born;
  const rs_probe_born_dead_result *b = &r->born;

  if (born_n_depths (a) > 0)
    {
      fputs ("width,depth,trials,constant,p,lo,hi,lower_bound,exact\n", f);
      for (size_t p = 0; p < born_parts (a); p++)
        born_table_row (f, a, p, &r->born_table[p]);
      born_csv_options (f, a);
      return;
    }
  fputs ("trials,constant,p,lo,hi,lower_bound,exact", f);
  for (size_t l = 1; l <= o->depth; l++)
    fprintf (f, ",by_layer%zu", l);
  fprintf (f, ",by_output\n%zu,%zu,", b->trials, b->constant);
  exp_put_num (f, b->p, ",");
  exp_put_num (f, b->lo, ",");
  exp_put_num (f, b->hi, ",");
  fprintf (f, "%d,", b->lower_bound);
  exp_put_num (f, born_exact (a, o), "");
  for (size_t l = 1; l <= o->depth + 1; l++)
    fprintf (f, ",%zu", b->by_layer[l]);
  fputc ('\n', f);
  born_csv_options (f, a);
}

/* The figure's title and settings line. */
static void
born_titles (const exp_args *a, expfig_plot *p)
{
  const rs_probe_born_dead_opts *o = &a->born;
  char act[64], bias[64];

  if (o->bias_dist == RS_PROBE_BIAS_HE)
    snprintf (bias, sizeof bias, "biases from N(0, 2 / fan-in)");
  else
    snprintf (bias, sizeof bias, o->bias_dist == RS_PROBE_BIAS_NORMAL
              ? "biases from N(0, %g²)" : "biases %g", o->bias);
  snprintf (p->title, sizeof p->title, "Born dead: how often a random "
            "network is constant on [%g, %g]%s", o->domain.lo, o->domain.hi,
            o->inputs > 1 ? "<sup>n</sup>" : "");
  snprintf (p->subtitle, sizeof p->subtitle, "%zu input%s, hidden layers "
            "of %s, %s weights, %s, one identity output; %zu trials a "
            "point, seed %lu", o->inputs, o->inputs > 1 ? "s" : "",
            exp_act_label (&a->acts[0], act, sizeof act), o->init->name,
            bias, o->trials, o->seed);
}

/* The note: what the band and the dashes are, or why there are none. */
static void
born_note (const exp_args *a, int exact, expfig_plot *p)
{
  snprintf (p->note, sizeof p->note, "%s 95 %% Wilson interval.  %s",
            a->born.inputs > 1 ? "Lower bounds (interval bounds on the box), "
            "with their" : "Exact decision per network; bars and bands:",
            exact ? "Dashed: the closed form 1 − (1 − 2<sup>−<i>N</i></sup>)"
            "<sup><i>H</i></sup> (<i>N</i> units, <i>H</i> layers)."
            : "No closed form is known for this setting.");
}

/* The series of width w (of nd depths, or the one shape), and its
 * closed form where one holds; whether it has one. */
static int
born_series (const exp_args *a, const exp_results *r, size_t w, size_t nd,
             expfig_panel *pn)
{
  expfig_series *s, *c = NULL;
  char label[96];

  snprintf (label, sizeof label, nd > 0 || a->born.widths[0] == 0
            ? "width %zu" : "widths as given", nd > 0 ? a->widths[w]
            : a->born.width);
  s = expfig_add_series (pn, label, (int) w, 0);
  for (size_t d = 0; d < (nd > 0 ? nd : 1); d++)
    {
      rs_probe_born_dead_opts o = born_part_opts (a, w * nd + d);
      const rs_probe_born_dead_result *b = nd > 0
        ? &r->born_table[w * nd + d] : &r->born;
      double exact = born_exact (a, &o);

      expfig_add_point (s, (double) o.depth, b->p, b->lo, b->hi);
      if (isnan (exact))
        continue;
      if (c == NULL)
        {
          snprintf (label, sizeof label, "closed form, width %zu", o.width);
          c = expfig_add_series (pn, label, (int) w, 1);
        }
      expfig_add_point (c, (double) o.depth, exact, NAN, NAN);
    }
  return c != NULL;
}

/* born-dead against depth, one series per width, each with its closed
 * form where one holds (rs_probe.h); a run of one shape is one point. */
static int
born_plot (const exp_args *a, const exp_results *r, expfig_plot *p)
{
  expfig_panel *pn = &p->panel[0];
  size_t nd = born_n_depths (a), nw = nd > 0 ? a->n_widths : 1;
  int any_exact = 0;

  born_titles (a, p);
  p->n_panels = 1;
  snprintf (pn->title, sizeof pn->title, "P(born dead) against depth");
  snprintf (pn->x_title, sizeof pn->x_title, "depth <i>H</i> (hidden "
            "layers)");
  snprintf (pn->y_title, sizeof pn->y_title, "P(output constant)");
  pn->y_lo = 0.0;
  pn->y_hi = 1.0;
  pn->integer_x = 1;
  for (size_t w = 0; w < nw; w++)
    any_exact |= born_series (a, r, w, nd, pn);
  born_note (a, any_exact, p);
  return RS_OK;
}

const experiment exp_born_dead = {
  "born-dead", born_usage, NULL, born_options, born_defaults, born_option,
  born_check, born_parts, born_trials, born_run, born_text, born_csv,
  born_plot, born_cost
};
