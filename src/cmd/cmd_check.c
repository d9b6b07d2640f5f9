/* cmd_check.c: reluscape check [--quiet] [--print | --run] SCENE... */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cmd/commands.h"

static const char check_usage[] =
  "Usage: reluscape check [OPTIONS] SCENE...\n"
  "Check each SCENE without running it: print every error and warning with\n"
  "its line and a caret under the column (on standard error), then a line\n"
  "per scene on standard output: 'SCENE: ok' or 'SCENE: 2 errors, 1 warning'.\n"
  "A warning is a line that parses but will not do what it says, such as a\n"
  "kick after the last step.  A scene's CSV data file (data csv) is read\n"
  "and checked too.  SCENE '-' or 'builtin' is the built-in scene.\n"
  "\n"
  "  -p, --print     print the one SCENE in canonical form instead: each\n"
  "                  keyword that is not at its default, in a fixed order,\n"
  "                  numbers exact; the text reads back as the same scene\n"
  "  -r, --run       also run each SCENE and prove its claims ('expect'\n"
  "                  lines): each false one is reported on standard error\n"
  "                  as 'FILE:LINE:COL: claim false: expect ... (the run\n"
  "                  gives X)', and the summary counts them; a scene with\n"
  "                  variants, on each variant's run\n"
  "  -q, --quiet     print only the errors (and the false claims)\n"
  "      --set KEY=VALUE  the scene line 'KEY VALUE' over each scene's\n"
  "                  own (repeatable; checked as in the file)\n"
  "      --allow-paths\n"
  "                  let the scene's data and export paths leave its\n"
  "                  folder\n"
  "  -h, --help      show this help and exit\n"
  "  -V, --version   show the version and exit\n"
  "\n"
  "A claim names a moment and a quantity: 'expect at 9 outcome stuck',\n"
  "'expect end dead 12', 'expect from 10 to 300 gnorm 0', 'expect at 0\n"
  "inactive 0.5 within 0.01', 'expect end loss below 0.02'.  A number holds\n"
  "to half a unit of its last written digit (0.3147: +-0.00005; 12: exactly)\n"
  "unless 'within TOL' says otherwise; reluscape-scene(5) lists the\n"
  "quantities.\n"
  "\n"
  "Exit status: 0 when no scene has errors (warnings allowed) and, with\n"
  "--run, every claim holds; 1 when a claim is false (or a run fails); 2\n"
  "when a scene has errors or cannot be read, or for bad options.\n";

typedef struct {
  int quiet;
  int print;
  int run;
} check_args;

/* One option into *a; CLI_OK, CLI_USAGE, or -1 after --help or
 * --version. */
static int
one_option (int c, void *args)
{
  check_args *a = args;

  switch (c)
    {
    case 'p':
      a->print = 1;
      return CLI_OK;
    case 'q':
      a->quiet = 1;
      return CLI_OK;
    case 'r':
      a->run = 1;
      return CLI_OK;
    default:
      return cli_common_option (c, "check", check_usage);
    }
}

/* Parse the options into *a and the index of the first scene into
 * *first; -1 after --help or --version. */
static int
parse_options (int argc, char **argv, check_args *a, int *first)
{
  static const struct option opts[] = {
    { "print", no_argument, NULL, 'p' },
    { "run", no_argument, NULL, 'r' },
    { "quiet", no_argument, NULL, 'q' },
    CLI_COMMON_OPTIONS
  };
  int rc = cli_getopt (argc, argv, "prqhV", opts, one_option, a);

  if (rc != CLI_OK)
    return rc;
  if (optind == argc || (a->print && optind + 1 != argc)
      || (a->print && a->run))
    return cli_usage_error ("check", "%s", optind == argc ? "no scene given"
                            : a->run ? "--print and --run exclude each other"
                            : "--print takes one scene");
  *first = optind;
  return CLI_OK;
}

/* "SCENE: ok", or the errors and the warnings counted. */
static void
summary (const char *name, const rs_scene_report *rep)
{
  size_t nw = rep->nwarn + rep->more_warnings;

  cli_put_escaped (stdout, name, strlen (name));
  fputs (": ", stdout);
  if (rep->n == 0 && nw == 0)
    fputs ("ok", stdout);
  if (rep->n > 0)
    printf ("%s%zu error%s", rep->stopped ? "more than " : "", rep->n,
            rep->n == 1 ? "" : "s");
  if (rep->n > 0 && nw > 0)
    fputs (", ", stdout);
  if (nw > 0)
    printf ("%zu warning%s", nw, nw == 1 ? "" : "s");
  putchar ('\n');
}

/* The scene in canonical form on standard output. */
static int
print_canonical (const rs_scene *sc)
{
  size_t n = rs_scene_format (sc, NULL, 0) + 1;
  char *buf = malloc (n);

  if (buf == NULL)
    {
      cli_message ("check: out of memory");
      return CLI_FAILURE;
    }
  rs_scene_format (sc, buf, n);
  fputs (buf, stdout);
  free (buf);
  return CLI_OK;
}

/* "FILE:LINE:COL: claim false: expect ... (the run gives X)" of claim
 * e with its verdict v on standard error, naming the variant when
 * there is one, and the step for a span or a claim about the end. */
static void
report_false (const rs_expect *e, const rs_expect_verdict *v,
              const char *name, const char *variant)
{
  char claim[1024];

  fprintf (stderr, "%s:%d:%d: claim false%s%s%s: expect %s (the run "
           "gives %s", name, e->line, e->col, variant ? " in variant \""
           : "", variant ? variant : "", variant ? "\"" : "",
           rs_expect_format (e, claim, sizeof claim), v->gives);
  if (e->when == RS_EXPECT_SPAN || e->from == RS_EXPECT_END)
    fprintf (stderr, " at step %zu", v->step);
  fputs (")\n", stderr);
}

/* Report the claims of sc that its run makes false, as
 * FILE:LINE:COL: claim false: expect ... (the run gives X); then, unless
 * quiet, how many hold.  CLI_FAILURE when one is false or the run cannot
 * be made. */
static int
prove (const rs_scene *sc, const char *name, const char *variant,
       const check_args *a)
{
  rs_expect_verdict *v = calloc (sc->n_expects + 1, sizeof *v);
  size_t bad = 0;
  rs_error err;

  cli_run_estimate (name, &sc->sim);
  if (v == NULL
      || rs_expect_check (&sc->sim, sc->expects, sc->n_expects, v, &err)
         != RS_OK)
    {
      cli_message ("%s: %s", name, v == NULL ? "out of memory"
                   : err.message);
      free (v);
      return CLI_FAILURE;
    }
  for (size_t i = 0; i < sc->n_expects; i++)
    {
      if (!v[i].holds)
        report_false (&sc->expects[i], &v[i], name, variant);
      bad += !v[i].holds;
    }
  fflush (stderr);
  if (!a->quiet)
    printf ("%s%s%s%s: %zu of %zu claim%s\n", name, variant ? " (variant \""
            : "", variant ? variant : "", variant ? "\")" : "",
            sc->n_expects - bad, sc->n_expects,
            sc->n_expects == 1 ? " holds" : "s hold");
  free (v);
  return bad > 0 ? CLI_FAILURE : CLI_OK;
}

/* Prove the claims of every variant of sc, each on its own run: the
 * scene's own claims and the variant's.  CLI_FAILURE when one is false
 * or a run cannot be made. */
static int
prove_variants (const rs_scene *sc, const char *name, const check_args *a)
{
  rs_scene *v = malloc (sizeof *v);
  rs_error err;
  int rc = CLI_OK;

  if (v == NULL)
    {
      cli_message ("check: out of memory");
      return CLI_FAILURE;
    }
  for (size_t k = 0; k < sc->n_variants; k++)
    {
      if (rs_scene_variant (sc, k, name, v, &err) != RS_OK)
        {
          cli_print_error (&err, NULL, 0);
          rc = CLI_FAILURE;
        }
      else if (prove (v, name, sc->variants[k].name, a) != CLI_OK)
        rc = CLI_FAILURE;
    }
  free (v);
  return rc;
}

/* A scene that cannot be read (cli_read_scene said why): its summary
 * "SCENE: 1 error"; CLI_USAGE. */
static int
unreadable (const char *path, const check_args *a)
{
  if (!a->quiet && !a->print)
    {
      cli_put_escaped (stdout, path, strlen (path));
      fputs (": 1 error\n", stdout);
    }
  fflush (stdout);
  return CLI_USAGE;
}

/* Check one scene: its report, then its summary or its canonical form.
 * CLI_USAGE when it has errors or cannot be read. */
static int
check_one (const char *path, const check_args *a)
{
  rs_scene_report rep;
  rs_scene sc;
  const char *name;
  char *text;
  size_t len;
  int rc;

  if (cli_read_scene (path, &text, &len, &name) != CLI_OK)
    return unreadable (path, a);
  rc = rs_scene_parse_report (&sc, text, len, name, &rep);
  cli_print_report (&rep, text, len, !a->quiet);
  cli_free_scene_text (path, text);
  if (rc == RS_OK && cli_load_data (path, &sc) != CLI_OK)
    {
      rc = RS_EIO;
      rep.n++;
    }
  fflush (stderr);
  if (a->print)
    return rc == RS_OK ? print_canonical (&sc) : CLI_USAGE;
  if (!a->quiet)
    summary (name, &rep);
  fflush (stdout);
  if (rc == RS_OK && a->run)
    {
      rc = sc.n_variants > 0 ? prove_variants (&sc, name, a)
                             : prove (&sc, name, NULL, a);
      fflush (stdout);
      return rc;
    }
  return rc == RS_OK ? CLI_OK : CLI_USAGE;
}

int
cmd_check (int argc, char **argv)
{
  check_args a = { 0, 0, 0 };
  int first = 0, status = parse_options (argc, argv, &a, &first);

  if (status != CLI_OK)
    return status < 0 ? CLI_OK : status;
  for (int i = first; i < argc; i++)
    {
      int rc = check_one (argv[i], &a);

      if (rc != CLI_OK && status != CLI_USAGE)
        status = rc;
    }
  return status;
}
