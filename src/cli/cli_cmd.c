/* cli_cmd.c: the steps every subcommand takes the same way: the options
 * they all have (--set, --help, --version, a refused one), the one SCENE
 * argument, the getopt loop, the name a scene goes by in messages, and a file written
 * whole with its message on failure. */
#include <config.h>

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>

#include "cli/cli.h"
#include "export/export.h"

int
cli_common_option (int c, const char *cmd, const char *usage)
{
  switch (c)
    {
    case CLI_OPT_SET:
      return cli_set_add (optarg);
    case 'h':
      fputs (usage, stdout);
      return -1;
    case 'V':
      printf ("reluscape %s\n", PACKAGE_VERSION);
      return -1;
    default:
      fprintf (stderr, "Try 'reluscape %s --help'.\n", cmd);
      return CLI_USAGE;
    }
}

int
cli_getopt (int argc, char **argv, const char *shortopts,
            const struct option *opts, int (*one) (int c, void *args),
            void *args)
{
  int c, rc;

  optind = 0;
  while ((c = getopt_long (argc, argv, shortopts, opts, NULL)) != -1)
    if ((rc = one (c, args)) != CLI_OK)
      return rc;
  return CLI_OK;
}

int
cli_usage_error (const char *cmd, const char *fmt, ...)
{
  char msg[8192];
  va_list ap;

  va_start (ap, fmt);
  vsnprintf (msg, sizeof msg, fmt, ap);
  va_end (ap);
  cli_message ("%s: %s", cmd, msg);
  fprintf (stderr, "Try 'reluscape %s --help'.\n", cmd);
  return CLI_USAGE;
}

int
cli_one_scene (int argc, char **argv, const char *cmd, const char **scene)
{
  if (optind + 1 != argc)
    return cli_usage_error (cmd, "%s", optind == argc ? "no scene given"
                            : "more than one scene");
  *scene = argv[optind];
  return CLI_OK;
}

const char *
cli_scene_name (const char *arg)
{
  return cli_is_builtin (arg) ? CLI_BUILTIN_NAME : arg;
}

int
cli_export_file (const char *path,
                 int (*write) (FILE *f, void *data, const char **why),
                 void *data)
{
  char msg[1200];

  if (rs_export_file (path, write, data, msg, sizeof msg) == 0)
    return CLI_OK;
  cli_message ("%s", msg);
  return CLI_FAILURE;
}
