/* cmd_simulate.c: reluscape simulate SCENE [-o FILE] [--every K]. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "export/export.h"
#include "cmd/commands.h"
#include "export/table.h"

static const char simulate_usage[] =
  "Usage: reluscape simulate [OPTIONS] SCENE\n"
  "Run SCENE to its last step and write its numbers: for every recorded\n"
  "point the step, the loss, the gradient norm, every parameter by its name,\n"
  "on how many data points each hidden unit is active, the rate, gamma, the\n"
  "temperature and the events; then a summary (final loss, dead units,\n"
  "outcome, where a run diverged).  The same scene gives the same bytes.\n"
  "The format follows FILE's extension: .csv or .json; without -o, CSV goes\n"
  "to standard output.  SCENE '-' or 'builtin' is the built-in scene.\n"
  "A scene with variants runs each of them: the CSV gets a first column\n"
  "'variant' (the rows of each variant in turn, then each one's summary),\n"
  "the JSON an array of one object per variant.\n"
  "\n"
  "  -o, --output FILE   the file to write (.csv or .json)\n"
  "  -e, --every K       keep the points of every K-th step, those with\n"
  "                      events and the last (1)\n"
CLI_COMMON_HELP
  "\n"
  "Exit status: 0 success, also when the run diverged (the output records\n"
  "it and a note goes to standard error); 1 the output could not be\n"
  "written; 2 bad options or a scene with errors.  A file is written whole\n"
  "or not at all.\n";

/* What the command line asks for. */
typedef struct {
  const char *out;        /* NULL: CSV on standard output */
  rs_table_format fmt;
  size_t every;
  const char *scene;
} sim_args;

/* The output's format, from its extension; CLI_USAGE naming it when it is
 * neither .csv nor .json. */
static int
output_format (sim_args *a)
{
  const char *suffix;

  if (a->out == NULL)
    {
      a->fmt = RS_TABLE_CSV;
      return CLI_OK;
    }
  a->fmt = rs_table_format_of (a->out);
  if (a->fmt != RS_TABLE_NONE)
    return CLI_OK;
  suffix = rs_table_suffix (a->out);
  if (*suffix == '\0')
    cli_message ("simulate: %s: no extension to tell the format by: use "
                 ".csv or .json", a->out);
  else
    cli_message ("simulate: %s: unknown extension '%s': use .csv or .json",
                 a->out, suffix);
  return CLI_USAGE;
}

/* -o and --every into *a, the others as every command takes them;
 * CLI_OK, CLI_USAGE, or -1 after --help or --version. */
static int
one_option (int c, void *args)
{
  sim_args *a = args;

  if (c == 'o')
    a->out = optarg;
  else if (c != 'e')
    return cli_common_option (c, "simulate", simulate_usage);
  else if (cli_parse_count (optarg, 1, (size_t) -1, &a->every) != 0)
    {
      cli_message ("simulate: bad --every '%s' (expected a whole number of "
                   "at least 1)", optarg);
      return CLI_USAGE;
    }
  return CLI_OK;
}

/* Parse the options into *a; -1 after --help or --version. */
static int
parse_options (int argc, char **argv, sim_args *a)
{
  static const struct option opts[] = {
    { "output", required_argument, NULL, 'o' },
    { "every", required_argument, NULL, 'e' },
    CLI_COMMON_OPTIONS
  };
  int rc = cli_getopt (argc, argv, "o:e:hV", opts, one_option, a);

  if (rc == CLI_OK)
    rc = cli_one_scene (argc, argv, "simulate", &a->scene);
  return rc == CLI_OK ? output_format (a) : rc;
}

/* What the table writer needs, for rs_export_file. */
typedef struct {
  const sim_args *a;
  const rs_sim *sim;
  const char *name;
  const rs_runs *runs;    /* a scene with variants, else NULL */
} table_job;

/* The table of the run, or of every variant's run; 0 or an errno. */
static int
put_table (FILE *f, rs_table_format fmt, const table_job *job)
{
  if (job->runs != NULL)
    return rs_table_write_runs (f, fmt, job->runs, job->name,
                                job->a->every);
  return rs_table_write (f, fmt, job->sim, job->name, job->a->every);
}

/* The message of put_table's error: EDOM, variants of other networks. */
static const char *
table_error (int err)
{
  return err == EDOM ? "the variants' networks differ, and so would their "
                       "columns: write .json" : strerror (err);
}

static int
write_table (FILE *f, void *data, const char **why)
{
  const table_job *job = data;
  int err = put_table (f, job->a->fmt, job);

  if (err != 0)
    *why = table_error (err);
  return err == 0 ? 0 : -1;
}

/* The table into a->out, whole or not at all.  CLI_FAILURE with a
 * message naming the file when it cannot be written. */
static int
write_file (const sim_args *a, const rs_sim *sim, const char *name,
            const rs_runs *runs)
{
  table_job job = { a, sim, name, runs };

  return cli_export_file (a->out, write_table, &job);
}

/* The table on standard output, flushed; CLI_FAILURE with a message when
 * it cannot be written (a full disk, a closed pipe). */
static int
write_stdout (const sim_args *a, const rs_sim *sim, const char *name,
              const rs_runs *runs)
{
  table_job job = { a, sim, name, runs };
  int err = put_table (stdout, RS_TABLE_CSV, &job);

  if (err == 0 && fflush (stdout) != 0)
    err = errno != 0 ? errno : EIO;
  if (err == 0)
    return CLI_OK;
  cli_message ("standard output: cannot write: %s", table_error (err));
  return CLI_FAILURE;
}

/* The table into a->out, or on standard output. */
static int
write_output (const sim_args *a, const rs_sim *sim, const char *name,
              const rs_runs *runs)
{
  return a->out != NULL ? write_file (a, sim, name, runs)
                        : write_stdout (a, sim, name, runs);
}

/* Run to the end.  A divergence is a result, not a failure: one note on
 * standard error, and the output records it. */
static void
run_to_end (rs_sim *sim, const char *name)
{
  size_t step;
  char param[64];
  int rc = cli_run_sim (sim, "simulate");

  if (rc == RS_OK || !rs_sim_divergence (sim, &step, param, sizeof param))
    return;
  cli_message ("%s: note: the run diverged at step %zu (%s is no longer a "
               "finite number); the output records it", name, step, param);
}

/* Build the run of a loaded scene, run it and write its table. */
static int
simulate_scene (const rs_scene *sc, const char *name, const sim_args *a)
{
  rs_error err;
  rs_sim *sim;
  int rc;

  rs_error_clear (&err);
  sim = rs_sim_alloc (&sc->sim, &err);
  if (sim == NULL)
    {
      cli_message ("%s: %s", name, err.message);
      return err.code == RS_ENOMEM ? CLI_FAILURE : CLI_USAGE;
    }
  rc = a->out != NULL ? cli_check_folder (a->out) : CLI_OK;
  if (rc == CLI_OK)
    {
      run_to_end (sim, name);
      rc = write_output (a, sim, name, NULL);
    }
  rs_sim_free (sim);
  return rc;
}

/* Run every variant of a scene that has them (a diverged one noted, as
 * run_to_end does) and write their tables. */
static int
simulate_variants (const rs_scene *sc, const char *name, const sim_args *a)
{
  rs_runs runs;
  rs_error err;
  int rc = a->out != NULL ? cli_check_folder (a->out) : CLI_OK;

  if (rc != CLI_OK)
    return rc;
  if (rs_runs_alloc (&runs, sc, name, &err) != RS_OK)
    {
      cli_message ("%s: %s", name, err.message);
      return err.code == RS_ENOMEM ? CLI_FAILURE : CLI_USAGE;
    }
  for (size_t k = 0; k < runs.n; k++)
    run_to_end (runs.sim[k], name);
  rc = write_output (a, runs.sim[0], name, &runs);
  rs_runs_free (&runs);
  return rc;
}

int
cmd_simulate (int argc, char **argv)
{
  sim_args a = { NULL, RS_TABLE_NONE, 1, NULL };
  rs_scene sc;
  int rc;

  rc = parse_options (argc, argv, &a);
  if (rc != CLI_OK)
    return rc < 0 ? CLI_OK : rc;
  rc = cli_load_scene (a.scene, &sc);
  if (rc != CLI_OK)
    return rc;
  if (sc.n_variants > 0)
    return simulate_variants (&sc, cli_scene_name (a.scene), &a);
  return simulate_scene (&sc, cli_scene_name (a.scene), &a);
}
