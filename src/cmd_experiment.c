/* cmd_experiment.c: reluscape experiment NAME [OPTIONS] [-o FILE.csv]: the
 * experiments of rs_probe.h (CONCEPTS.md C1, C4, C6, C8, C9) as a readable
 * table on standard output, or as CSV.
 *
 * Each experiment is one entry of a table (its name, help, options, and
 * how to check, run and write it), in the manner of the library's
 * algorithm tables.  The trials run in slices through the experiment's
 * _run function, so that a terminal shows a progress bar; rs_probe.h
 * guarantees that slicing does not change a single bit of the result. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "export.h"
#include "shard.h"
#include "table.h"

/* Activations in one --act list, at most. */
#define MAX_ACTS 16

static const char experiment_usage[] =
  "Usage: reluscape experiment NAME [OPTIONS] [-o FILE.csv]\n"
  "Run an experiment on the dying-ReLU problem, made of independent seeded\n"
  "trials, and print its numbers as a table, or with -o write them as CSV:\n"
  "a header row, one row per result, then '# key: value' lines with the\n"
  "options.  The same options give the same numbers, bit for bit.\n"
  "\n"
  "Experiments:\n"
  "  depth             the gradient reaching each layer against depth:\n"
  "                    sigmoid vs tanh vs ReLU vs Leaky ReLU\n"
  "  zero-grad         the probability that f'(z) is exactly 0 for\n"
  "                    z ~ N(mu, sigma^2), for several activations\n"
  "  born-dead         the probability that a randomly initialised ReLU\n"
  "                    network computes a constant function\n"
  "  dead-sweep SCENE  the fraction of dead hidden units at the start and\n"
  "                    after training SCENE, against the learning rate,\n"
  "                    the initial bias, weight decay or Leaky ReLU's alpha\n"
  "\n"
  "  -o, --output FILE   write CSV to FILE (.csv) instead of the table\n"
  "      --shard I/N     with -o, write shard I of N: a block of the run's\n"
  "                      parts (activations, widths and depths of a\n"
  "                      --depths table, a sweep's values); 'reluscape\n"
  "                      merge' puts the N parts together, byte for byte\n"
  "                      the unsharded table\n"
  "      --allow-paths   let the scene's data and export paths\n"
  "                      leave its folder\n"
  "  -h, --help          show this help and exit; after NAME, the\n"
  "                      experiment's options and their defaults\n"
  "  -V, --version       show the version and exit\n"
  "\n"
  "Exit status: 0 success; 1 the output could not be written, or a\n"
  "computation broke down (a gradient that is not finite); 2 bad options\n"
  "or a scene with errors.  A file is written whole or not at all.  On a\n"
  "terminal a progress bar shows on standard error.\n";

static const char depth_usage[] =
  "Usage: reluscape experiment depth [OPTIONS] [-o FILE.csv]\n"
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
  "  -o, --output FILE         write CSV to FILE (.csv) instead of the table\n"
  "  -h, --help                show this help and exit\n"
  "  -V, --version             show the version and exit\n";

static const char zero_usage[] =
  "Usage: reluscape experiment zero-grad [OPTIONS] [-o FILE.csv]\n"
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
  "  -o, --output FILE         write CSV to FILE (.csv) instead of the table\n"
  "  -h, --help                show this help and exit\n"
  "  -V, --version             show the version and exit\n";

static const char born_usage[] =
  "Usage: reluscape experiment born-dead [OPTIONS] [-o FILE.csv]\n"
  "The probability that a randomly initialised network is born dead: its\n"
  "output is constant on the input domain.  Each trial draws a network of\n"
  "INPUTS inputs, DEPTH hidden layers of WIDTH units and one identity\n"
  "output.  With one input it is decided exactly, following the network's\n"
  "linear pieces; with more, by interval bounds on the box DOMAIN^INPUTS,\n"
  "which find a layer dead on the whole box but may miss other constant\n"
  "networks: the count is then a lower bound.  The table gives the\n"
  "estimate with its 95 % Wilson interval, the closed form where it is\n"
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
  "  -o, --output FILE         write CSV to FILE (.csv) instead of the table\n"
  "  -h, --help                show this help and exit\n"
  "  -V, --version             show the version and exit\n";

static const char sweep_usage[] =
  "Usage: reluscape experiment dead-sweep [OPTIONS] SCENE [-o FILE.csv]\n"
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
  "  -o, --output FILE         write CSV to FILE (.csv) instead of the table\n"
  "  -h, --help                show this help and exit\n"
  "  -V, --version             show the version and exit\n";

/* The long options that take no short letter. */
enum {
  OPT_ACT = 256, OPT_MAX_DEPTH, OPT_WIDTH, OPT_POINTS, OPT_INIT, OPT_TRIALS,
  OPT_SEED, OPT_MU, OPT_SIGMA, OPT_SAMPLES, OPT_KINK, OPT_INPUTS, OPT_DEPTH,
  OPT_BIAS, OPT_BIAS_NORMAL, OPT_DOMAIN, OPT_VARY, OPT_VALUES, OPT_SEEDS,
  OPT_WIDTHS, OPT_BIAS_INIT, OPT_DEPTHS, OPT_SHARD
};

/* born-dead's table (--depths): widths and depths at most. */
#define MAX_TABLE_WIDTHS 16
#define MAX_TABLE_DEPTHS (RS_NET_MAX_LAYERS - 1)

/* An activation family with its parameter (NAN: the family's default). */
typedef struct {
  const rs_act_type *type;
  double param;
} act_choice;

typedef struct experiment experiment;

/* What the command line asks for: the options of the chosen experiment,
 * in the library's own structs. */
typedef struct {
  const experiment *x;
  const char *out;           /* NULL: the table on standard output */
  size_t shard_i;            /* --shard I/N; 0: the whole run */
  size_t shard_n;
  const char *scene;         /* dead-sweep's SCENE argument */
  const char *scene_name;    /* as messages and outputs name it */
  size_t n_acts;
  act_choice acts[MAX_ACTS];
  int have_values;
  int have_seed;
  unsigned long seed;
  rs_probe_depth_opts depth;
  rs_probe_zero_grad_opts zero;
  rs_probe_born_dead_opts born;
  size_t n_widths;           /* born-dead's --width list */
  size_t widths[MAX_TABLE_WIDTHS];
  size_t depth_lo;           /* born-dead's --depths; 0: no table */
  size_t depth_hi;
  rs_probe_sweep_opts sweep;
} exp_args;

/* The results: one per activation of the --act list where there are
 * several. */
typedef struct {
  rs_probe_depth_result depth[MAX_ACTS];
  rs_probe_zero_grad_result zero[MAX_ACTS];
  rs_probe_born_dead_result born;
  rs_probe_born_dead_result born_table[MAX_TABLE_WIDTHS * MAX_TABLE_DEPTHS];
  rs_probe_sweep_result sweep;
} exp_results;

/* One experiment.  Its trials come in parts (one per activation, or
 * one), each of trials(a) trials. */
struct experiment {
  const char *name;
  const char *usage;
  int wants_scene;
  const struct option *opts;
  void (*defaults) (exp_args *a);
  /* one of its own options; CLI_OK or CLI_USAGE with a message */
  int (*option) (int c, const char *arg, exp_args *a);
  /* the options in the library's _check; RS_OK or err */
  int (*check) (const exp_args *a, rs_error *err);
  size_t (*parts) (const exp_args *a);
  size_t (*trials) (const exp_args *a);
  /* add trials [first, last) of part to r (first = 0: clear it first) */
  int (*run) (const exp_args *a, size_t part, size_t first, size_t last,
              exp_results *r, rs_error *err);
  /* the readable table, and the CSV; 0, or -1 when out of memory */
  int (*text) (FILE *f, const exp_args *a, const exp_results *r);
  void (*csv) (FILE *f, const exp_args *a, const exp_results *r);
};

/* ---------------------------------------------------------------------
 * Messages and values
 * ------------------------------------------------------------------- */

/* "experiment NAME: bad OPT 'VAL' (expected WANT)" and a hint; CLI_USAGE. */
static int
bad_value (const exp_args *a, const char *opt, const char *val,
           const char *want)
{
  cli_message ("experiment %s: bad %s '%s' (expected %s)", a->x->name, opt,
               val, want);
  fprintf (stderr, "Try 'reluscape experiment %s --help'.\n", a->x->name);
  return CLI_USAGE;
}

/* "unknown WHAT 'word'", with a suggestion when one is near, or else
 * every name; CLI_USAGE. */
static int
unknown_name (const exp_args *a, const char *what, const char *word,
              const char *const *names, size_t n)
{
  const char *near = rs_nearest (word, names, n);
  char list[512];
  size_t k = 0;

  for (size_t i = 0; i < n && k < sizeof list; i++)
    k += (size_t) snprintf (list + k, sizeof list - k, "%s%s",
                            i == 0 ? "" : i + 1 < n ? ", " : " or ",
                            names[i]);
  if (near != NULL)
    cli_message ("experiment %s: unknown %s '%s' (did you mean '%s'?)",
                 a->x->name, what, word, near);
  else
    cli_message ("experiment %s: unknown %s '%s': use %s", a->x->name, what,
                 word, list);
  fprintf (stderr, "Try 'reluscape experiment %s --help'.\n", a->x->name);
  return CLI_USAGE;
}

/* A finite number ending at the first of stops (or the string's end);
 * *rest points after it.  0 on success. */
static int
parse_real_to (const char *s, const char *stops, double *v,
               const char **rest)
{
  char *end;

  errno = 0;
  *v = strtod (s, &end);
  if (end == s || errno != 0 || !isfinite (*v)
      || (*end != '\0' && strchr (stops, *end) == NULL))
    return -1;
  *rest = end;
  return 0;
}

/* A finite number and nothing else; 0 on success. */
static int
parse_real (const char *s, double *v)
{
  const char *rest;

  return parse_real_to (s, "", v, &rest) == 0 && *rest == '\0' ? 0 : -1;
}

/* "N1,N2,...": 1 to max whole numbers of at least 1 into v, their count
 * into *n; 0 on success. */
static int
parse_counts (const char *s, size_t *v, size_t max, size_t *n)
{
  char buf[32];

  for (*n = 0; *s != '\0'; (*n)++)
    {
      size_t k = strcspn (s, ",");

      if (*n == max || k == 0 || k >= sizeof buf)
        return -1;
      memcpy (buf, s, k);
      buf[k] = '\0';
      if (cli_parse_count (buf, 1, 1000000, &v[*n]) != 0)
        return -1;
      s += k;
      if (*s == ',' && *++s == '\0')
        return -1;
    }
  return *n > 0 ? 0 : -1;
}

/* "V1,V2,...": 1 to RS_PROBE_MAX_VALUES finite numbers; 0 on success. */
static int
parse_values (const char *s, double *v, size_t *n)
{
  const char *rest = s;

  *n = 0;
  do
    {
      if (*n == RS_PROBE_MAX_VALUES
          || parse_real_to (*n == 0 ? rest : rest + 1, ",", &v[*n], &rest)
             != 0)
        return -1;
      (*n)++;
    }
  while (*rest == ',');
  return 0;
}

/* The names of the activation families, for suggestions. */
static size_t
act_names (const char **names, size_t cap)
{
  size_t n = 0;

  while (n < cap && rs_act_types[n] != NULL)
    {
      names[n] = rs_act_types[n]->name;
      n++;
    }
  return n;
}

/* One "NAME" or "NAME:PARAM" of length len at s into *c; CLI_OK or
 * CLI_USAGE with a message. */
static int
parse_act (const exp_args *a, const char *s, size_t len, act_choice *c)
{
  char item[128], *colon;
  const char *names[32], *rest;

  if (len == 0 || len >= sizeof item)
    return bad_value (a, "--act", s, "NAME or NAME:PARAM");
  memcpy (item, s, len);
  item[len] = '\0';
  colon = strchr (item, ':');
  if (colon != NULL)
    *colon = '\0';
  c->type = rs_act_lookup (item);
  if (c->type == NULL)
    return unknown_name (a, "activation", item, names,
                         act_names (names, 32));
  c->param = NAN;
  if (colon == NULL)
    return CLI_OK;
  *colon = ':';
  if (parse_real_to (colon + 1, "", &c->param, &rest) != 0 || *rest != '\0')
    return bad_value (a, "--act", item, "NAME:PARAM with a number PARAM");
  return CLI_OK;
}

/* "NAME[:P],NAME[:P],..." into a->acts; CLI_OK or CLI_USAGE. */
static int
parse_acts (exp_args *a, const char *s, size_t max)
{
  const char *p = s;
  int rc;

  a->n_acts = 0;
  for (;;)
    {
      const char *comma = strchr (p, ',');
      size_t len = comma != NULL ? (size_t) (comma - p) : strlen (p);

      if (a->n_acts == max)
        return bad_value (a, "--act", s, max == 1 ? "one activation"
                          : "at most 16 activations");
      if ((rc = parse_act (a, p, len, &a->acts[a->n_acts])) != CLI_OK)
        return rc;
      a->n_acts++;
      if (comma == NULL)
        return CLI_OK;
      p = comma + 1;
    }
}

/* "NAME" or "constant:C" into *t and *c; CLI_OK or CLI_USAGE. */
static int
parse_init (const exp_args *a, const char *s, const rs_init_type **t,
            double *c)
{
  const char *names[16], *colon = strchr (s, ':');
  char name[64];
  size_t n = 0, nl = colon != NULL ? (size_t) (colon - s) : strlen (s);

  if (nl == 0 || nl >= sizeof name)
    return bad_value (a, "--init", s, "a scheme's name");
  memcpy (name, s, nl);
  name[nl] = '\0';
  *t = rs_init_lookup (name);
  if (*t == NULL)
    {
      while (n < 16 && rs_init_types[n] != NULL)
        {
          names[n] = rs_init_types[n]->name;
          n++;
        }
      return unknown_name (a, "initialiser", name, names, n);
    }
  *c = 0.0;
  if (colon != NULL && (*t != rs_init_constant || parse_real (colon + 1, c)
                                                  != 0))
    return bad_value (a, "--init", s, "NAME, or constant:C with a number C");
  return CLI_OK;
}

/* The family's parameter as used: p, or its default when p is NAN. */
static double
act_param (const act_choice *c)
{
  return isnan (c->param) ? c->type->param_default : c->param;
}

/* "relu" or "leaky_relu (alpha 0.01)" into buf. */
static const char *
act_label (const act_choice *c, char *buf, size_t n)
{
  if (c->type->param_name == NULL)
    snprintf (buf, n, "%s", c->type->name);
  else
    snprintf (buf, n, "%s (%s %g)", c->type->name, c->type->param_name,
              act_param (c));
  return buf;
}

/* x as rs_table_number writes it (exactly), then sep. */
static void
put_num (FILE *f, double x, const char *sep)
{
  char buf[40];

  fputs (rs_table_number (x, buf, sizeof buf), f);
  fputs (sep, f);
}

/* The CSV columns act,param: the parameter empty for families without. */
static void
put_act (FILE *f, const act_choice *c)
{
  fprintf (f, "%s,", c->type->name);
  if (c->type->param_name != NULL)
    put_num (f, act_param (c), "");
  fputc (',', f);
}

/* '# act: NAME[:P],...' as given. */
static void
put_act_list (FILE *f, const exp_args *a)
{
  fputs ("# act: ", f);
  for (size_t i = 0; i < a->n_acts; i++)
    {
      fprintf (f, "%s%s", i > 0 ? "," : "", a->acts[i].type->name);
      if (!isnan (a->acts[i].param))
        {
          fputc (':', f);
          put_num (f, a->acts[i].param, "");
        }
    }
  fputc ('\n', f);
}

/* '# init: NAME' or '# init: constant:C'. */
static void
put_init (FILE *f, const rs_init_type *t, double c)
{
  fprintf (f, "# init: %s", t->name);
  if (t == rs_init_constant)
    {
      fputc (':', f);
      put_num (f, c, "");
    }
  fputc ('\n', f);
}

/* A number for the readable table: digits significant digits, "-" for
 * NAN. */
static const char *
num (char *buf, size_t n, double x, int digits)
{
  if (isnan (x))
    snprintf (buf, n, "-");
  else
    snprintf (buf, n, "%.*g", digits, x);
  return buf;
}

static void say (FILE *f, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));

/* Text for the reader, wrapped at 76 columns at blanks; its own newlines
 * are kept. */
static void
say (FILE *f, const char *fmt, ...)
{
  char buf[8192];
  const char *p = buf;
  va_list ap;

  va_start (ap, fmt);
  vsnprintf (buf, sizeof buf, fmt, ap);
  va_end (ap);
  while (*p != '\0')
    {
      size_t n = strcspn (p, "\n"), cut = n;

      if (n > 76)
        for (cut = 76; cut > 0 && p[cut] != ' '; cut--)
          continue;
      if (cut == 0)   /* a word longer than a line: break after it */
        for (cut = 76; cut < n && p[cut] != ' '; cut++)
          continue;
      fprintf (f, "%.*s\n", (int) cut, p);
      p += cut;
      if (*p == ' ' || *p == '\n')
        p++;
    }
}

/* ---------------------------------------------------------------------
 * A readable table: cells collected row by row, printed with each column
 * as wide as its widest cell, right-aligned but for a first column of
 * names.
 * ------------------------------------------------------------------- */

#define TAB_ROWS 72
#define TAB_COLS 10
#define TAB_CELL 64

typedef struct {
  size_t rows;
  size_t col;              /* the next cell of the current row */
  size_t cols;
  int names;               /* 1: the first column holds names */
  char cell[TAB_ROWS][TAB_COLS][TAB_CELL];
} text_table;

static void tab_cell (text_table *t, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));

/* A new empty table, or NULL when out of memory. */
static text_table *
tab_alloc (int names)
{
  text_table *t = calloc (1, sizeof (text_table));

  if (t != NULL)
    t->names = names;
  return t;
}

/* Add a cell to the current row (cells beyond the limits are dropped:
 * no experiment has that many). */
static void
tab_cell (text_table *t, const char *fmt, ...)
{
  va_list ap;

  if (t->rows == TAB_ROWS || t->col == TAB_COLS)
    return;
  va_start (ap, fmt);
  vsnprintf (t->cell[t->rows][t->col], TAB_CELL, fmt, ap);
  va_end (ap);
  t->col++;
  if (t->col > t->cols)
    t->cols = t->col;
}

/* End the current row. */
static void
tab_row (text_table *t)
{
  if (t->rows < TAB_ROWS)
    t->rows++;
  t->col = 0;
}

/* Print the table, indented by two spaces, and empty it. */
static void
tab_print (FILE *f, text_table *t)
{
  size_t w[TAB_COLS] = { 0 };
  int names = t->names;

  for (size_t i = 0; i < t->rows; i++)
    for (size_t j = 0; j < t->cols; j++)
      if (strlen (t->cell[i][j]) > w[j])
        w[j] = strlen (t->cell[i][j]);
  for (size_t i = 0; i < t->rows; i++)
    {
      fprintf (f, names ? "  %-*s" : "  %*s", (int) w[0], t->cell[i][0]);
      for (size_t j = 1; j < t->cols; j++)
        fprintf (f, "  %*s", (int) w[j], t->cell[i][j]);
      fputc ('\n', f);
    }
  memset (t, 0, sizeof *t);
  t->names = names;
}

/* "[lo, hi]" with digits significant digits, or more where the ends
 * would print the same (the Wilson interval of p = 1 ends just below 1);
 * "-" when unknown. */
static const char *
interval (char *buf, size_t n, double lo, double hi, int digits)
{
  char a[28], b[28];

  if (isnan (lo) || isnan (hi))
    {
      snprintf (buf, n, "-");
      return buf;
    }
  do
    {
      num (a, sizeof a, lo, digits);
      num (b, sizeof b, hi, digits);
    }
  while (lo != hi && strcmp (a, b) == 0 && ++digits <= 17);
  snprintf (buf, n, "[%s, %s]", a, b);
  return buf;
}

/* ---------------------------------------------------------------------
 * The trials, the checks shared by experiments with an --act list
 * ------------------------------------------------------------------- */

static size_t
parts_acts (const exp_args *a)
{
  return a->n_acts;
}

static size_t
parts_one (const exp_args *a)
{
  (void) a;
  return 1;
}

/* The options of part i: the experiment's with activation i. */
static rs_probe_depth_opts
depth_opts (const exp_args *a, size_t i)
{
  rs_probe_depth_opts o = a->depth;

  o.act = a->acts[i].type;
  o.param = a->acts[i].param;
  return o;
}

static rs_probe_zero_grad_opts
zero_opts (const exp_args *a, size_t i)
{
  rs_probe_zero_grad_opts o = a->zero;

  o.act = a->acts[i].type;
  o.param = a->acts[i].param;
  return o;
}

/* Prefix err's message with the activation it is about (the run's
 * messages name the trial, not the family). */
static int
about_act (const act_choice *c, rs_error *err)
{
  char msg[sizeof err->message + 64];

  snprintf (msg, sizeof msg, "%s: %s", c->type->name, err->message);
  memcpy (err->message, msg, sizeof err->message - 1);
  err->message[sizeof err->message - 1] = '\0';
  return err->code;
}

/* ---------------------------------------------------------------------
 * depth
 * ------------------------------------------------------------------- */

static const struct option depth_options[] = {
  { "act", required_argument, NULL, OPT_ACT },
  { "max-depth", required_argument, NULL, OPT_MAX_DEPTH },
  { "width", required_argument, NULL, OPT_WIDTH },
  { "points", required_argument, NULL, OPT_POINTS },
  { "init", required_argument, NULL, OPT_INIT },
  { "trials", required_argument, NULL, OPT_TRIALS },
  { "seed", required_argument, NULL, OPT_SEED },
  { NULL, 0, NULL, 0 }
};

static void
depth_defaults (exp_args *a)
{
  static const rs_act_type *const *const acts[] = {
    &rs_act_sigmoid, &rs_act_tanh, &rs_act_relu, &rs_act_leaky_relu
  };

  rs_probe_depth_default (&a->depth);
  a->n_acts = sizeof acts / sizeof acts[0];
  for (size_t i = 0; i < a->n_acts; i++)
    a->acts[i] = (act_choice) { *acts[i], NAN };
}

/* --trials N and --seed N, shared by depth, zero-grad and born-dead. */
static int
trials_seed (int c, const char *arg, exp_args *a, size_t *trials,
             unsigned long *seed)
{
  if (c == OPT_TRIALS)
    return cli_parse_count (arg, 1, 1000000000, trials) == 0 ? CLI_OK
      : bad_value (a, "--trials", arg, "a whole number from 1 to "
                   "1000000000");
  return cli_parse_seed (arg, seed) == 0 ? CLI_OK
    : bad_value (a, "--seed", arg, "a whole number");
}

/* A count option whose range _check enforces; CLI_OK or CLI_USAGE. */
static int
count_option (const exp_args *a, const char *opt, const char *arg,
              size_t *v)
{
  return cli_parse_count (arg, 0, (size_t) -1, v) == 0 ? CLI_OK
    : bad_value (a, opt, arg, "a whole number");
}

static int
depth_option (int c, const char *arg, exp_args *a)
{
  rs_probe_depth_opts *o = &a->depth;

  switch (c)
    {
    case OPT_ACT: return parse_acts (a, arg, MAX_ACTS);
    case OPT_MAX_DEPTH: return count_option (a, "--max-depth", arg,
                                             &o->max_depth);
    case OPT_WIDTH: return count_option (a, "--width", arg, &o->width);
    case OPT_POINTS: return count_option (a, "--points", arg, &o->points);
    case OPT_INIT: return parse_init (a, arg, &o->init, &o->init_c);
    default: return trials_seed (c, arg, a, &o->trials, &o->seed);
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
    return about_act (&a->acts[part], err);
  return RS_OK;
}

/* The table of one activation: a row per depth L and layer l. */
static void
depth_section (FILE *f, text_table *t, const rs_probe_depth_result *r)
{
  char b[3][32];

  tab_cell (t, "depth");
  tab_cell (t, "layer");
  tab_cell (t, "mean norm");
  tab_cell (t, "mean log10");
  tab_cell (t, "sd log10");
  tab_cell (t, "zeros");
  tab_row (t);
  for (size_t L = 1; L <= r->max_depth; L++)
    for (size_t l = 1; l <= L; l++)
      {
        const rs_probe_depth_cell *c = &r->cell[L - 1][l - 1];

        if (l == 1)
          tab_cell (t, "%zu", L);
        else
          tab_cell (t, "%s", "");
        tab_cell (t, "%zu", l);
        tab_cell (t, "%s", num (b[0], 32, c->mean, 4));
        tab_cell (t, "%s", num (b[1], 32, c->mean_log10, 3));
        tab_cell (t, "%s", num (b[2], 32, c->sd_log10, 2));
        tab_cell (t, "%zu", c->zeros);
        tab_row (t);
      }
  tab_print (f, t);
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
  tab_cell (t, "activation");
  tab_cell (t, "layer 1");
  tab_cell (t, "layer %zu", N);
  tab_cell (t, "ratio");
  tab_row (t);
  for (size_t i = 0; i < a->n_acts; i++)
    {
      const rs_probe_depth_cell *c = r->depth[i].cell[N - 1];

      tab_cell (t, "%s", act_label (&a->acts[i], b[0], 64));
      tab_cell (t, "%s", num (b[1], 64, c[0].mean, 4));
      tab_cell (t, "%s", num (b[2], 64, c[N - 1].mean, 4));
      tab_cell (t, "%s", num (b[3], 64, c[0].mean / c[N - 1].mean, 3));
      tab_row (t);
    }
  tab_print (f, t);
}

static int
depth_text (FILE *f, const exp_args *a, const exp_results *r)
{
  const rs_probe_depth_opts *o = &a->depth;
  text_table *t = tab_alloc (0), *s = tab_alloc (1);
  char b[64];

  if (t == NULL || s == NULL)
    {
      free (t);
      free (s);
      return -1;
    }
  say (f, "How the gradient fades through depth: the norm ||dE/dW_l|| of "
       "the gradient of the loss E (mean squared error on %zu random "
       "points) reaching the weights of layer l, in networks of depth 1 "
       "to %zu: %zu inputs, hidden layers of %zu units, one identity "
       "output; %s weights, biases 0.  %zu trials, seed %lu; log10 over "
       "the trials where the norm is not 0.", o->points, o->max_depth,
       o->width, o->width, o->init->name, o->trials, o->seed);
  for (size_t i = 0; i < a->n_acts; i++)
    {
      fprintf (f, "\n%s\n", act_label (&a->acts[i], b, sizeof b));
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

          put_act (f, &a->acts[i]);
          fprintf (f, "%zu,%zu,", L, l);
          put_num (f, c->mean, ",");
          put_num (f, c->mean_log10, ",");
          put_num (f, c->sd_log10, ",");
          fprintf (f, "%zu,", c->zeros);
          put_num (f, c->mean_bias, "\n");
        }
  fprintf (f, "# experiment: depth\n# max_depth: %zu\n# width: %zu\n"
           "# points: %zu\n", o->max_depth, o->width, o->points);
  put_act_list (f, a);
  put_init (f, o->init, o->init_c);
  fprintf (f, "# trials: %zu\n# seed: %lu\n", o->trials, o->seed);
}

/* ---------------------------------------------------------------------
 * zero-grad
 * ------------------------------------------------------------------- */

static const struct option zero_options[] = {
  { "act", required_argument, NULL, OPT_ACT },
  { "mu", required_argument, NULL, OPT_MU },
  { "sigma", required_argument, NULL, OPT_SIGMA },
  { "samples", required_argument, NULL, OPT_SAMPLES },
  { "kink", required_argument, NULL, OPT_KINK },
  { "trials", required_argument, NULL, OPT_TRIALS },
  { "seed", required_argument, NULL, OPT_SEED },
  { NULL, 0, NULL, 0 }
};

static void
zero_defaults (exp_args *a)
{
  static const rs_act_type *const *const acts[] = {
    &rs_act_relu, &rs_act_leaky_relu, &rs_act_sigmoid, &rs_act_tanh,
    &rs_act_elu, &rs_act_softplus
  };

  rs_probe_zero_grad_default (&a->zero);
  a->n_acts = sizeof acts / sizeof acts[0];
  for (size_t i = 0; i < a->n_acts; i++)
    a->acts[i] = (act_choice) { *acts[i], NAN };
}

/* A number option whose range _check enforces; CLI_OK or CLI_USAGE. */
static int
real_option (const exp_args *a, const char *opt, const char *arg, double *v)
{
  return parse_real (arg, v) == 0 ? CLI_OK
    : bad_value (a, opt, arg, "a finite number");
}

static int
zero_option (int c, const char *arg, exp_args *a)
{
  rs_probe_zero_grad_opts *o = &a->zero;

  switch (c)
    {
    case OPT_ACT: return parse_acts (a, arg, MAX_ACTS);
    case OPT_MU: return real_option (a, "--mu", arg, &o->mu);
    case OPT_SIGMA: return real_option (a, "--sigma", arg, &o->sigma);
    case OPT_SAMPLES: return count_option (a, "--samples", arg, &o->samples);
    case OPT_KINK: return real_option (a, "--kink", arg, &o->kink);
    default: return trials_seed (c, arg, a, &o->trials, &o->seed);
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

static int
zero_text (FILE *f, const exp_args *a, const exp_results *r)
{
  const rs_probe_zero_grad_opts *o = &a->zero;
  text_table *t = tab_alloc (1);
  char b[5][64];
  int outside = 0;

  if (t == NULL)
    return -1;
  say (f, "P(f'(z) = 0): how often the derivative is exactly 0 for z ~ "
       "N(%g, %g^2), as the backward pass computes it (taking %g at a "
       "kink), in %zu trials of %zu samples, seed %lu; exact: the value in "
       "exact arithmetic.", o->mu, o->sigma, o->kink, o->trials,
       o->samples, o->seed);
  fputc ('\n', f);
  tab_cell (t, "activation");
  tab_cell (t, "p");
  tab_cell (t, "std. error");
  tab_cell (t, "95%% interval");
  tab_cell (t, "exact");
  tab_row (t);
  for (size_t i = 0; i < a->n_acts; i++)
    {
      const rs_probe_zero_grad_result *z = &r->zero[i];

      tab_cell (t, "%s", act_label (&a->acts[i], b[0], 64));
      tab_cell (t, "%s", num (b[1], 64, z->p, 5));
      tab_cell (t, "%s", num (b[2], 64, z->se, 2));
      tab_cell (t, "%s", interval (b[3], 64, z->lo, z->hi, 5));
      tab_cell (t, "%s%s", num (b[4], 64, z->exact, 5),
                z->exact < z->lo || z->exact > z->hi ? " *" : "");
      outside |= z->exact < z->lo || z->exact > z->hi;
      tab_row (t);
    }
  tab_print (f, t);
  if (outside)
    say (f, "\n* outside the 95%% interval: by chance (1 time in 20), or "
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

      put_act (f, &a->acts[i]);
      put_num (f, z->p, ",");
      put_num (f, z->se, ",");
      put_num (f, z->lo, ",");
      put_num (f, z->hi, ",");
      put_num (f, z->exact, ",");
      fprintf (f, "%zu,%zu\n", z->zeros, z->samples);
    }
  fputs ("# experiment: zero-grad\n", f);
  put_act_list (f, a);
  fputs ("# mu: ", f);
  put_num (f, o->mu, "\n# sigma: ");
  put_num (f, o->sigma, "\n# kink: ");
  put_num (f, o->kink, "\n");
  fprintf (f, "# samples: %zu\n# trials: %zu\n# seed: %lu\n", o->samples,
           o->trials, o->seed);
}

/* ---------------------------------------------------------------------
 * born-dead
 * ------------------------------------------------------------------- */

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
  { "trials", required_argument, NULL, OPT_TRIALS },
  { "seed", required_argument, NULL, OPT_SEED },
  { NULL, 0, NULL, 0 }
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
    return bad_value (a, "--depths", arg, "LO-HI, 1 <= LO <= HI <= 64");
  memcpy (lo, arg, k);
  lo[k] = '\0';
  if (cli_parse_count (lo, 1, MAX_TABLE_DEPTHS, &a->depth_lo) != 0
      || cli_parse_count (dash != NULL ? dash + 1 : lo, a->depth_lo,
                          MAX_TABLE_DEPTHS, &a->depth_hi) != 0)
    return bad_value (a, "--depths", arg, "LO-HI, 1 <= LO <= HI <= 64");
  return CLI_OK;
}

static int
born_option (int c, const char *arg, exp_args *a)
{
  rs_probe_born_dead_opts *o = &a->born;

  switch (c)
    {
    case OPT_INPUTS: return count_option (a, "--inputs", arg, &o->inputs);
    case OPT_WIDTH:
      if (parse_counts (arg, a->widths, MAX_TABLE_WIDTHS, &a->n_widths) != 0)
        return bad_value (a, "--width", arg, "N, or N1,N2,... (at most 16) "
                          "with --depths");
      o->width = a->widths[0];
      return CLI_OK;
    case OPT_DEPTH: return count_option (a, "--depth", arg, &o->depth);
    case OPT_WIDTHS:
      if (parse_counts (arg, o->widths, RS_NET_MAX_LAYERS - 1, &o->depth)
          != 0)
        return bad_value (a, "--widths", arg, "N1,N2,...: each hidden "
                          "layer's units, at most 64 layers");
      return CLI_OK;
    case OPT_DEPTHS: return born_depths (a, arg);
    case OPT_BIAS_INIT:
      if (strcmp (arg, "he_normal") == 0)
        o->bias_dist = RS_PROBE_BIAS_HE;
      else if (strcmp (arg, "constant") == 0)
        o->bias_dist = RS_PROBE_BIAS_CONSTANT;
      else
        return bad_value (a, "--bias-init", arg, "he_normal or constant");
      return CLI_OK;
    case OPT_ACT: return parse_acts (a, arg, 1);
    case OPT_INIT: return parse_init (a, arg, &o->init, &o->init_c);
    case OPT_BIAS: return real_option (a, "--bias", arg, &o->bias);
    case OPT_BIAS_NORMAL: o->bias_dist = RS_PROBE_BIAS_NORMAL; return CLI_OK;
    case OPT_DOMAIN:
      return cli_parse_pair (arg, &o->domain) == 0 ? CLI_OK
        : bad_value (a, "--domain", arg, "LO,HI");
    default: return trials_seed (c, arg, a, &o->trials, &o->seed);
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
                 && act_param (c) == 0.0);
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
  say (f, "Born dead: how often a random %s network computes a constant "
       "function on %s.  Hidden layers %s, %s weights, biases %s; %zu "
       "trials, seed %lu; %s.\n", shape, dom,
       act_label (&a->acts[0], act, sizeof act), o->init->name, bias,
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

  tab_cell (t, "constant");
  tab_cell (t, "p");
  tab_cell (t, "95%% interval");
  tab_cell (t, "exact");
  tab_row (t);
  tab_cell (t, "%zu/%zu%s", r->constant, r->trials,
            r->lower_bound ? " (at least)" : "");
  tab_cell (t, "%s", num (b[0], 64, r->p, 4));
  tab_cell (t, "%s", interval (b[1], 64, r->lo, r->hi, 4));
  tab_cell (t, "%s", num (b[2], 64, born_exact (a, &a->born), 4));
  tab_row (t);
  tab_print (f, t);
  fputs ("\nThe first constant layer of the networks found constant:\n", f);
  tab_cell (t, "layer");
  tab_cell (t, "trials");
  tab_row (t);
  for (size_t l = 1; l <= a->born.depth + 1; l++)
    {
      if (l <= a->born.depth)
        tab_cell (t, "hidden %zu", l);
      else
        tab_cell (t, "output");
      tab_cell (t, "%zu", r->by_layer[l]);
      tab_row (t);
    }
  tab_print (f, t);
}

/* The table of --depths: p for each depth (rows) and width (columns). */
static void
born_depth_table (FILE *f, text_table *t, const exp_args *a,
                  const exp_results *r)
{
  size_t nd = born_n_depths (a);
  char b[64];

  tab_cell (t, "depth");
  for (size_t w = 0; w < a->n_widths; w++)
    tab_cell (t, "p, width %zu", a->widths[w]);
  tab_row (t);
  for (size_t d = 0; d < nd; d++)
    {
      tab_cell (t, "%zu", a->depth_lo + d);
      for (size_t w = 0; w < a->n_widths; w++)
        tab_cell (t, "%s", num (b, sizeof b, r->born_table[w * nd + d].p, 4));
      tab_row (t);
    }
  tab_print (f, t);
}

static int
born_text (FILE *f, const exp_args *a, const exp_results *r)
{
  text_table *t = tab_alloc (1);

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
  put_act_list (f, a);
  put_init (f, o->init, o->init_c);
  fprintf (f, "# bias_dist: %s\n# bias: ", dist[o->bias_dist]);
  put_num (f, o->bias, "\n# domain: ");
  put_num (f, o->domain.lo, ",");
  put_num (f, o->domain.hi, "\n");
  fprintf (f, "# trials: %zu\n# seed: %lu\n", o->trials, o->seed);
}

/* One row of the table's CSV: width, depth and the estimate. */
static void
born_table_row (FILE *f, const exp_args *a, size_t part,
                const rs_probe_born_dead_result *b)
{
  rs_probe_born_dead_opts o = born_part_opts (a, part);

  fprintf (f, "%zu,%zu,%zu,%zu,", o.width, o.depth, b->trials, b->constant);
  put_num (f, b->p, ",");
  put_num (f, b->lo, ",");
  put_num (f, b->hi, ",");
  fprintf (f, "%d,", b->lower_bound);
  put_num (f, born_exact (a, &o), "\n");
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
  put_num (f, b->p, ",");
  put_num (f, b->lo, ",");
  put_num (f, b->hi, ",");
  fprintf (f, "%d,", b->lower_bound);
  put_num (f, born_exact (a, o), "");
  for (size_t l = 1; l <= o->depth + 1; l++)
    fprintf (f, ",%zu", b->by_layer[l]);
  fputc ('\n', f);
  born_csv_options (f, a);
}

/* ---------------------------------------------------------------------
 * dead-sweep
 * ------------------------------------------------------------------- */

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
  return unknown_name (a, "setting to vary", arg, names, N_FIELDS);
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
      return parse_values (arg, o->values, &o->n_values) == 0 ? CLI_OK
        : bad_value (a, "--values", arg, "1 to 64 numbers, V1,V2,...");
    case OPT_SEEDS: return count_option (a, "--seeds", arg, &o->seeds);
    case CLI_OPT_SET: return cli_set_add (arg);
    default:
      a->have_seed = 1;
      return cli_parse_seed (arg, &a->seed) == 0 ? CLI_OK
        : bad_value (a, "--seed", arg, "a whole number");
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
  say (f, "Dead units: the fraction of the %zu hidden units of the %s "
       "network of %s that are active on none of its training points, at "
       "the start and after training (%zu steps), varying %s; %s.",
       hidden, sweep_shape (&o->base.net, shape, sizeof shape),
       a->scene_name, o->base.steps, what, seeds);
  if (ev != NULL)
    say (f, "Note: the scene sets %s to %g at step %zu: each value holds "
         "until then.", what, ev->value, ev->step);
  fputc ('\n', f);
}

static int
sweep_text (FILE *f, const exp_args *a, const exp_results *r)
{
  text_table *t = tab_alloc (0);
  char b[4][64];

  if (t == NULL)
    return -1;
  sweep_header (f, a);
  tab_cell (t, "%s", sweep_fields[field_index (a->sweep.field)].name);
  tab_cell (t, "dead at start");
  tab_cell (t, "95%% interval");
  tab_cell (t, "after training");
  tab_cell (t, "95%% interval");
  tab_cell (t, "diverged");
  tab_row (t);
  for (size_t v = 0; v < r->sweep.n_values; v++)
    {
      const rs_probe_sweep_point *p = &r->sweep.point[v];

      tab_cell (t, "%g", p->value);
      tab_cell (t, "%s", num (b[0], 64, p->mean0, 4));
      tab_cell (t, "%s", interval (b[1], 64, p->lo0, p->hi0, 3));
      tab_cell (t, "%s", num (b[2], 64, p->mean, 4));
      tab_cell (t, "%s", interval (b[3], 64, p->lo, p->hi, 3));
      tab_cell (t, "%zu/%zu", p->diverged, p->runs);
      tab_row (t);
    }
  tab_print (f, t);
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

      put_num (f, p->value, ",");
      fprintf (f, "%zu,%zu,", p->runs, p->diverged);
      put_num (f, p->mean0, ",");
      put_num (f, p->lo0, ",");
      put_num (f, p->hi0, ",");
      put_num (f, p->mean, ",");
      put_num (f, p->lo, ",");
      put_num (f, p->hi, "\n");
    }
  fprintf (f, "# experiment: dead-sweep\n# scene: %s\n# vary: %s\n"
           "# seeds: %zu\n# seed: %lu\n", a->scene_name,
           sweep_fields[field_index (o->field)].name, o->seeds,
           o->base.seed);
  if (ev != NULL)
    {
      fprintf (f, "# note: the scene sets %s to ",
               sweep_fields[field_index (o->field)].name);
      put_num (f, ev->value, "");
      fprintf (f, " at step %zu\n", ev->step);
    }
}

/* ---------------------------------------------------------------------
 * The table of experiments, and the command
 * ------------------------------------------------------------------- */

static const experiment experiments[] = {
  { "depth", depth_usage, 0, depth_options, depth_defaults, depth_option,
    depth_check, parts_acts, depth_trials, depth_run, depth_text,
    depth_csv },
  { "zero-grad", zero_usage, 0, zero_options, zero_defaults, zero_option,
    zero_check, parts_acts, zero_trials, zero_run, zero_text, zero_csv },
  { "born-dead", born_usage, 0, born_options, born_defaults, born_option,
    born_check, born_parts, born_trials, born_run, born_text, born_csv },
  { "dead-sweep", sweep_usage, 1, sweep_options, sweep_defaults,
    sweep_option, sweep_check, parts_one, sweep_trials, sweep_run,
    sweep_text, sweep_csv }
};

#define N_EXPERIMENTS (sizeof experiments / sizeof experiments[0])

/* The experiment called name; NULL with a message (and a suggestion). */
static const experiment *
find_experiment (const char *name)
{
  const char *names[N_EXPERIMENTS], *near;

  for (size_t i = 0; i < N_EXPERIMENTS; i++)
    {
      if (strcmp (experiments[i].name, name) == 0)
        return &experiments[i];
      names[i] = experiments[i].name;
    }
  near = rs_nearest (name, names, N_EXPERIMENTS);
  if (near != NULL)
    cli_message ("experiment: unknown experiment '%s' (did you mean '%s'?)",
                 name, near);
  else
    cli_message ("experiment: unknown experiment '%s': use depth, "
                 "zero-grad, born-dead or dead-sweep", name);
  fputs ("Try 'reluscape experiment --help'.\n", stderr);
  return NULL;
}

/* The common options and the experiment's own, into opts (room for 32). */
static void
merge_options (const experiment *x, struct option *opts)
{
  static const struct option common[] = {
    { "output", required_argument, NULL, 'o' },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { "shard", required_argument, NULL, OPT_SHARD }
  };
  size_t n = 0;

  for (size_t i = 0; i < 4; i++)
    opts[n++] = common[i];
  for (size_t i = 0; x->opts[i].name != NULL && n < 31; i++)
    opts[n++] = x->opts[i];
  opts[n] = (struct option) { NULL, 0, NULL, 0 };
}

/* What getopt stopped at, said once (getopt itself is kept quiet so that
 * the message names the experiment); CLI_USAGE. */
static int
option_error (const exp_args *a, int c, char **argv,
              const struct option *opts)
{
  const char *arg = argv[optind - 1];
  size_t n = strcspn (arg, "=");

  while (opts->name != NULL && !(strncmp (arg, "--", 2) == 0
                                 && strlen (opts->name) == n - 2
                                 && strncmp (arg + 2, opts->name, n - 2) == 0))
    opts++;
  if (c == ':')
    cli_message ("experiment %s: option '%s' needs a value", a->x->name,
                 arg);
  else if (opts->name != NULL)
    cli_message ("experiment %s: option '--%s' takes no value", a->x->name,
                 opts->name);
  else if (strncmp (arg, "--", 2) == 0)
    cli_message ("experiment %s: unknown option '%.*s'", a->x->name, (int) n,
                 arg);
  else
    cli_message ("experiment %s: unknown option '-%c'", a->x->name, optopt);
  fprintf (stderr, "Try 'reluscape experiment %s --help'.\n", a->x->name);
  return CLI_USAGE;
}

/* The arguments left after the options: SCENE for dead-sweep, none for
 * the others. */
static int
positional (int argc, char **argv, exp_args *a)
{
  int want = a->x->wants_scene;

  if (argc - optind == want)
    {
      a->scene = want ? argv[optind] : NULL;
      return CLI_OK;
    }
  if (want)
    cli_message ("experiment %s: %s", a->x->name, optind == argc
                 ? "no scene given" : "more than one scene");
  else
    cli_message ("experiment %s: unexpected argument '%s'", a->x->name,
                 argv[optind]);
  fprintf (stderr, "Try 'reluscape experiment %s --help'.\n", a->x->name);
  return CLI_USAGE;
}

/* Parse argv (argv[0] is the experiment's name) into a; -1 after --help
 * or --version. */
static int
parse_options (int argc, char **argv, exp_args *a)
{
  struct option opts[32];
  int c, rc;

  merge_options (a->x, opts);
  optind = 0;
  opterr = 0;
  rc = CLI_OK;
  while (rc == CLI_OK
         && (c = getopt_long (argc, argv, ":o:hV", opts, NULL)) != -1)
    switch (c)
      {
      case 'o': a->out = optarg; break;
      case OPT_SHARD:
        rc = shard_parse (optarg, &a->shard_i, &a->shard_n) == 0 ? CLI_OK
          : bad_value (a, "--shard", optarg, "I/N, 1 <= I <= N");
        break;
      case 'h': fputs (a->x->usage, stdout); rc = -1; break;
      case 'V': printf ("reluscape %s\n", PACKAGE_VERSION); rc = -1; break;
      case '?': case ':': rc = option_error (a, c, argv, opts); break;
      default: rc = a->x->option (c, optarg, a);
      }
  opterr = 1;
  return rc == CLI_OK ? positional (argc, argv, a) : rc;
}

/* The output is CSV, named .csv; CLI_USAGE otherwise. */
static int
check_output (const exp_args *a)
{
  const char *suffix;

  if (a->out == NULL || rs_table_format_of (a->out) == RS_TABLE_CSV)
    return CLI_OK;
  suffix = rs_table_suffix (a->out);
  if (*suffix == '\0')
    cli_message ("experiment %s: %s: no extension: experiments write CSV, "
                 "use .csv", a->x->name, a->out);
  else
    cli_message ("experiment %s: %s: experiments write CSV, not '%s': use "
                 ".csv", a->x->name, a->out, suffix);
  return CLI_USAGE;
}

/* Load dead-sweep's scene and fill the sweep's base run from it. */
static int
load_scene (exp_args *a)
{
  rs_scene sc;
  int rc;

  if (!a->x->wants_scene)
    return CLI_OK;
  rc = cli_load_scene (a->scene, &sc);
  if (rc != CLI_OK)
    return rc;
  a->scene_name = cli_is_builtin (a->scene) ? CLI_BUILTIN_NAME : a->scene;
  sweep_finish (a, &sc);
  return check_values (a);
}

/* The options through the library's checks; CLI_USAGE with its
 * message. */
static int
check_options (const exp_args *a)
{
  rs_error err;

  rs_error_clear (&err);
  if (a->x->check (a, &err) == RS_OK)
    return CLI_OK;
  if (a->scene_name != NULL)
    cli_message ("experiment %s: %s: %s", a->x->name, a->scene_name,
                 err.message);
  else
    cli_message ("experiment %s: %s", a->x->name, err.message);
  return CLI_USAGE;
}

/* Every trial, in slices of about a hundredth of a part, with a progress
 * bar on a terminal.  CLI_OK, or a message and CLI_FAILURE (CLI_USAGE for
 * options the library turns down). */
/* The units a run splits into for --shard: its parts, or the values of
 * a sweep (trials value by value), or 1. */
static size_t
shard_units (const exp_args *a)
{
  if (a->x->parts (a) > 1)
    return a->x->parts (a);
  return strcmp (a->x->name, "dead-sweep") == 0 ? a->sweep.n_values : 1;
}

/* The parts [*p0, *p1) and the trials [*t0, *t1) of each that this run
 * makes: everything, or the units of its shard. */
static void
run_bounds (const exp_args *a, size_t *p0, size_t *p1, size_t *t0,
            size_t *t1)
{
  size_t parts = a->x->parts (a), n = a->x->trials (a), u0, u1;

  *p0 = 0, *p1 = parts, *t0 = 0, *t1 = n;
  if (a->shard_n == 0)
    return;
  shard_range (shard_units (a), a->shard_i, a->shard_n, &u0, &u1);
  if (parts > 1)
    *p0 = u0, *p1 = u1;
  else
    *t0 = u0 * (n / shard_units (a)), *t1 = u1 * (n / shard_units (a));
}

static int
run_trials (const exp_args *a, exp_results *r)
{
  size_t p0, p1, t0, t1, n, slice, total, done = 0;
  rs_error err;

  run_bounds (a, &p0, &p1, &t0, &t1);
  n = t1 - t0;
  slice = (n + 99) / 100;
  total = (p1 - p0) * n;
  rs_error_clear (&err);
  for (size_t p = p0; p < p1; p++)
    for (size_t first = t0; first < t1; first += slice)
      {
        size_t last = first + slice < t1 ? first + slice : t1;

        if (a->x->run (a, p, first, last, r, &err) != RS_OK)
          {
            cli_progress (a->x->name, total, total);
            cli_message ("experiment %s: %s", a->x->name, err.message);
            return err.code == RS_EINVAL ? CLI_USAGE : CLI_FAILURE;
          }
        done += last - first;
        cli_progress (a->x->name, done, total);
      }
  /* a depth part not run prints its rows too (of zeros), so that every
     part has as many rows in the table that a shard cuts */
  for (size_t p = 0; a->shard_n > 0 && p < MAX_ACTS; p++)
    if (r->depth[p].max_depth == 0)
      r->depth[p].max_depth = a->depth.max_depth;
  return CLI_OK;
}

/* --shard I/N: with -o, into no more shards than units; CLI_USAGE with
 * a message otherwise. */
static int
check_shard (const exp_args *a)
{
  if (a->shard_n == 0)
    return CLI_OK;
  if (a->out == NULL)
    {
      cli_message ("experiment %s: --shard writes a part of the table: give "
                   "-o FILE.csv", a->x->name);
      return CLI_USAGE;
    }
  if (a->shard_n > shard_units (a))
    {
      cli_message ("experiment %s: --shard %zu/%zu: this run splits into %zu "
                   "unit%s (%s), not %zu shards", a->x->name, a->shard_i,
                   a->shard_n, shard_units (a), shard_units (a) == 1 ? ""
                   : "s", strcmp (a->x->name, "dead-sweep") == 0 ? "one per "
                   "value" : "one per activation, or per width and depth of "
                   "a --depths table", a->shard_n);
      return CLI_USAGE;
    }
  return CLI_OK;
}

/* What the writers need, for rs_export_file. */
typedef struct {
  const exp_args *a;
  const exp_results *r;
} exp_job;

/* The whole table, for shard_write_table. */
static void
whole_csv (FILE *m, void *data)
{
  const exp_job *job = data;

  job->a->x->csv (m, job->a, job->r);
}

/* The part of the table that shard I/N writes (shard.h). */
static int
write_shard (FILE *f, const exp_job *job, const char **why)
{
  return shard_write_table (f, whole_csv, (void *) job, shard_units (job->a),
                            job->a->shard_i, job->a->shard_n, why);
}

static int
write_csv (FILE *f, void *data, const char **why)
{
  const exp_job *job = data;

  if (job->a->shard_n > 0 && write_shard (f, job, why) != 0)
    return -1;
  if (job->a->shard_n == 0)
    job->a->x->csv (f, job->a, job->r);
  *why = ferror (f) ? strerror (EIO) : NULL;
  return ferror (f) ? -1 : 0;
}

/* The CSV into a->out whole or not at all, or the table on standard
 * output; CLI_FAILURE with a message when it cannot be written. */
static int
write_output (const exp_args *a, const exp_results *r)
{
  exp_job job = { a, r };
  char msg[1200];

  if (a->out != NULL)
    {
      if (rs_export_file (a->out, write_csv, &job, msg, sizeof msg) == 0)
        return CLI_OK;
      cli_message ("%s", msg);
      return CLI_FAILURE;
    }
  if (a->x->text (stdout, a, r) != 0)
    {
      cli_message ("experiment %s: out of memory", a->x->name);
      return CLI_FAILURE;
    }
  if (fflush (stdout) == 0 && !ferror (stdout))
    return CLI_OK;
  cli_message ("standard output: cannot write: %s", strerror (errno));
  return CLI_FAILURE;
}

/* Check everything, run the trials, write the output. */
static int
experiment_main (exp_args *a)
{
  exp_results *r;
  int rc;

  if ((rc = check_output (a)) != CLI_OK || (rc = load_scene (a)) != CLI_OK
      || (rc = check_options (a)) != CLI_OK || (rc = check_shard (a)) != CLI_OK
      || (a->out != NULL && (rc = cli_check_folder (a->out)) != CLI_OK))
    return rc;
  r = calloc (1, sizeof *r);
  if (r == NULL)
    {
      cli_message ("experiment %s: out of memory", a->x->name);
      return CLI_FAILURE;
    }
  rc = run_trials (a, r);
  if (rc == CLI_OK)
    rc = write_output (a, r);
  free (r);
  return rc;
}

/* reluscape experiment --help | --version, or no experiment. */
static int
no_experiment (int argc, char **argv)
{
  if (argc >= 2 && (strcmp (argv[1], "--help") == 0
                    || strcmp (argv[1], "-h") == 0))
    {
      fputs (experiment_usage, stdout);
      return CLI_OK;
    }
  if (argc >= 2 && (strcmp (argv[1], "--version") == 0
                    || strcmp (argv[1], "-V") == 0))
    {
      printf ("reluscape %s\n", PACKAGE_VERSION);
      return CLI_OK;
    }
  if (argc < 2)
    cli_message ("experiment: no experiment given: use depth, zero-grad, "
                 "born-dead or dead-sweep");
  else
    cli_message ("experiment: the experiment's name comes first, before "
                 "'%s'", argv[1]);
  fputs ("Try 'reluscape experiment --help'.\n", stderr);
  return CLI_USAGE;
}

int
cmd_experiment (int argc, char **argv)
{
  exp_args *a;
  const experiment *x;
  int rc;

  if (argc < 2 || argv[1][0] == '-')
    return no_experiment (argc, argv);
  if ((x = find_experiment (argv[1])) == NULL)
    return CLI_USAGE;
  a = calloc (1, sizeof *a);
  if (a == NULL)
    {
      cli_message ("experiment: out of memory");
      return CLI_FAILURE;
    }
  a->x = x;
  x->defaults (a);
  rc = parse_options (argc - 1, argv + 1, a);
  if (rc == CLI_OK)
    rc = experiment_main (a);
  free (a);
  return rc < 0 ? CLI_OK : rc;
}
