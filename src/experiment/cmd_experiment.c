/* cmd_experiment.c: reluscape experiment NAME [OPTIONS] [-o FILE]: the
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

#include "cli/cli.h"
#include "experiment/experiment.h"
#include "cmd/commands.h"
#include "experiment/expfig.h"
#include "export/export.h"
#include "cli/shard.h"
#include "export/table.h"

static const char experiment_usage[] =
  "Usage: reluscape experiment NAME [OPTIONS] [-o FILE]\n"
  "Run an experiment on the dying-ReLU problem, made of independent seeded\n"
  "trials, and print its numbers as a table, or with -o write them as CSV:\n"
  "a header row, one row per result, then '# key: value' lines with the\n"
  "options.  The same options give the same numbers, bit for bit.  With\n"
  "-o FILE.png, .pdf or .svg they are drawn instead, in the look of the\n"
  "scene figures: the points of the CSV with their 95 % intervals and,\n"
  "where one is known, the closed form dashed.\n"
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
  "  -o, --output FILE   write CSV to FILE (.csv), or draw the result with\n"
  "                      its 95 % intervals and any closed form (.png\n"
  "                      900 x 600, .pdf or .svg 16 x 10.7 cm), instead\n"
  "                      of the table\n"
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
  "terminal a progress bar shows on standard error.  A run estimated (from\n"
  "its trials, its networks and its points) to take longer than a minute\n"
  "(RELUSCAPE_PROGRESS_AFTER seconds) says its memory and time there first.\n";

/* ---------------------------------------------------------------------
 * The table of experiments, and the command
 * ------------------------------------------------------------------- */

static const experiment *const experiments[] = {
  &exp_depth, &exp_zero_grad, &exp_born_dead, &exp_dead_sweep
};

#define N_EXPERIMENTS (sizeof experiments / sizeof experiments[0])

/* The names of the table's experiments for a message: "depth,
 * zero-grad, born-dead or dead-sweep". */
static const char *
experiment_names (char *buf, size_t n)
{
  size_t k = 0;

  for (size_t i = 0; i < N_EXPERIMENTS && k < n; i++)
    k += (size_t) snprintf (buf + k, n - k, "%s%s", i == 0 ? ""
                            : i + 1 < N_EXPERIMENTS ? ", " : " or ",
                            experiments[i]->name);
  return buf;
}

/* The experiment called name; NULL with a message (and a suggestion). */
static const experiment *
find_experiment (const char *name)
{
  const char *names[N_EXPERIMENTS], *near;
  char list[256];

  for (size_t i = 0; i < N_EXPERIMENTS; i++)
    {
      if (strcmp (experiments[i]->name, name) == 0)
        return experiments[i];
      names[i] = experiments[i]->name;
    }
  near = rs_nearest (name, names, N_EXPERIMENTS);
  if (near != NULL)
    cli_message ("experiment: unknown experiment '%s' (did you mean '%s'?)",
                 name, near);
  else
    cli_message ("experiment: unknown experiment '%s': use %s", name,
                 experiment_names (list, sizeof list));
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
  int want = a->x->scene != NULL;

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
          : exp_bad_value (a, "--shard", optarg, "I/N, 1 <= I <= N");
        break;
      case 'h': case 'V': case CLI_OPT_SET:
        rc = cli_common_option (c, "experiment", a->x->usage);
        break;
      case '?': case ':': rc = option_error (a, c, argv, opts); break;
      default: rc = a->x->option (c, optarg, a);
      }
  opterr = 1;
  return rc == CLI_OK ? positional (argc, argv, a) : rc;
}

/* Whether the output is a figure (.png, .pdf, .svg) rather than CSV. */
static int
is_figure (const exp_args *a)
{
  return a->out != NULL && rs_export_format_of (a->out) != RS_EXPORT_NONE;
}

/* The output is CSV (.csv) or a figure (.png, .pdf, .svg), and a shard
 * is CSV; CLI_USAGE with a message otherwise. */
static int
check_output (const exp_args *a)
{
  const char *suffix;

  if (is_figure (a) && a->shard_n > 0)
    {
      cli_message ("experiment %s: %s: a shard is a part of the table: "
                   "write it as .csv, merge, then draw the whole run",
                   a->x->name, a->out);
      return CLI_USAGE;
    }
  if (a->out == NULL || rs_table_format_of (a->out) == RS_TABLE_CSV
      || is_figure (a))
    return CLI_OK;
  suffix = rs_table_suffix (a->out);
  if (*suffix == '\0')
    cli_message ("experiment %s: %s: no extension: use .csv for the "
                 "numbers, or .png, .pdf or .svg for a figure", a->x->name,
                 a->out);
  else
    cli_message ("experiment %s: %s: experiments write CSV or a figure, "
                 "not '%s': use .csv, .png, .pdf or .svg", a->x->name,
                 a->out, suffix);
  return CLI_USAGE;
}

/* Load the SCENE of an experiment that takes one (dead-sweep) and let
 * it fill in what the scene decides. */
static int
load_scene (exp_args *a)
{
  rs_scene sc;
  int rc;

  if (a->x->scene == NULL)
    return CLI_OK;
  rc = cli_load_scene (a->scene, &sc);
  if (rc != CLI_OK)
    return rc;
  a->scene_name = cli_scene_name (a->scene);
  return a->x->scene (a, &sc);
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
  exp_estimate (a, p0, p1, n);
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

int
exp_figure (const exp_args *a, const exp_results *r, expfig_plot **p)
{
  *p = calloc (1, sizeof **p);
  if (*p == NULL || a->x->plot (a, r, *p) != RS_OK)
    {
      free (*p);
      *p = NULL;
      return RS_ENOMEM;
    }
  return RS_OK;
}

/* The figure of the run into a->out, whole or not at all; CLI_FAILURE
 * with a message when it cannot be made or written. */
static int
write_figure (const exp_args *a, const exp_results *r)
{
  expfig_plot *p;
  char msg[1200];
  int rc = CLI_OK;

  if (exp_figure (a, r, &p) != RS_OK)
    {
      cli_message ("experiment %s: out of memory", a->x->name);
      return CLI_FAILURE;
    }
  if (expfig_write (p, a->out, msg, sizeof msg) != 0)
    {
      cli_message ("%s", msg);
      rc = CLI_FAILURE;
    }
  free (p);
  return rc;
}

/* The CSV or the figure into a->out whole or not at all, or the table
 * on standard output; CLI_FAILURE with a message when it cannot be
 * written. */
static int
write_output (const exp_args *a, const exp_results *r)
{
  exp_job job = { a, r };

  if (is_figure (a))
    return write_figure (a, r);
  if (a->out != NULL)
    return cli_export_file (a->out, write_csv, &job);
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

/* Check everything and run the trials into a new *r. */
static int
experiment_run (exp_args *a, exp_results **r)
{
  int rc;

  *r = NULL;
  if ((rc = check_output (a)) != CLI_OK || (rc = load_scene (a)) != CLI_OK
      || (rc = check_options (a)) != CLI_OK || (rc = check_shard (a)) != CLI_OK
      || (a->out != NULL && (rc = cli_check_folder (a->out)) != CLI_OK))
    return rc;
  *r = calloc (1, sizeof **r);
  if (*r == NULL)
    {
      cli_message ("experiment %s: out of memory", a->x->name);
      return CLI_FAILURE;
    }
  return run_trials (a, *r);
}

/* reluscape experiment --help | --version, or no experiment. */
static int
no_experiment (int argc, char **argv)
{
  char list[256];

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
    cli_message ("experiment: no experiment given: use %s",
                 experiment_names (list, sizeof list));
  else
    cli_message ("experiment: the experiment's name comes first, before "
                 "'%s'", argv[1]);
  fputs ("Try 'reluscape experiment --help'.\n", stderr);
  return CLI_USAGE;
}

int
exp_run_args (int argc, char **argv, exp_args **a, exp_results **r)
{
  const experiment *x;
  int rc;

  *a = NULL;
  *r = NULL;
  if ((x = find_experiment (argv[0])) == NULL)
    return CLI_USAGE;
  *a = calloc (1, sizeof **a);
  if (*a == NULL)
    {
      cli_message ("experiment: out of memory");
      return CLI_FAILURE;
    }
  (*a)->x = x;
  x->defaults (*a);
  rc = parse_options (argc, argv, *a);
  if (rc == CLI_OK)
    rc = experiment_run (*a, r);
  return rc;
}

int
cmd_experiment (int argc, char **argv)
{
  exp_args *a;
  exp_results *r;
  int rc;

  if (argc < 2 || argv[1][0] == '-')
    return no_experiment (argc, argv);
  rc = exp_run_args (argc - 1, argv + 1, &a, &r);
  if (rc == CLI_OK)
    rc = write_output (a, r);
  free (r);
  free (a);
  return rc < 0 ? CLI_OK : rc;
}

