/* cmd_check.c: reluscape check [--quiet] [--print] SCENE... */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

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
  "  -q, --quiet     print only the errors\n"
  "      --allow-paths\n"
  "                  let the scene's data and export paths leave its\n"
  "                  folder\n"
  "  -h, --help      show this help and exit\n"
  "  -V, --version   show the version and exit\n"
  "\n"
  "Exit status: 0 when no scene has errors (warnings allowed); 2 when one\n"
  "has errors or cannot be read, or for bad options.\n";

typedef struct {
  int quiet;
  int print;
} check_args;

/* Parse the options into *a and the index of the first scene into
 * *first; -1 after --help or --version. */
static int
parse_options (int argc, char **argv, check_args *a, int *first)
{
  static const struct option opts[] = {
    { "print", no_argument, NULL, 'p' },
    { "quiet", no_argument, NULL, 'q' },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { NULL, 0, NULL, 0 }
  };
  int c;

  optind = 0;
  while ((c = getopt_long (argc, argv, "pqhV", opts, NULL)) != -1)
    switch (c)
      {
      case 'p':
        a->print = 1;
        break;
      case 'q':
        a->quiet = 1;
        break;
      case 'h':
        fputs (check_usage, stdout);
        return -1;
      case 'V':
        printf ("reluscape %s\n", PACKAGE_VERSION);
        return -1;
      default:
        fputs ("Try 'reluscape check --help'.\n", stderr);
        return CLI_USAGE;
      }
  if (optind == argc || (a->print && optind + 1 != argc))
    {
      cli_message ("check: %s", optind == argc ? "no scene given"
                   : "--print takes one scene");
      fputs ("Try 'reluscape check --help'.\n", stderr);
      return CLI_USAGE;
    }
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
    {
      if (!a->quiet && !a->print)
        {
          cli_put_escaped (stdout, path, strlen (path));
          fputs (": 1 error\n", stdout);
        }
      fflush (stdout);
      return CLI_USAGE;
    }
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
  return rc == RS_OK ? CLI_OK : CLI_USAGE;
}

int
cmd_check (int argc, char **argv)
{
  check_args a = { 0, 0 };
  int first = 0, status = parse_options (argc, argv, &a, &first);

  if (status != CLI_OK)
    return status < 0 ? CLI_OK : status;
  for (int i = first; i < argc; i++)
    {
      int rc = check_one (argv[i], &a);

      if (rc != CLI_OK && status != CLI_FAILURE)
        status = rc;
    }
  return status;
}
