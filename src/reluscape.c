/* reluscape.c: the program; it only dispatches to the subcommands. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "cli/cli.h"
#include "cmd/commands.h"

static const char usage[] =
  "Usage: reluscape [COMMAND [OPTIONS] [ARGS]]\n"
  "See the dying-ReLU problem: a ball (gradient descent) rolling on the loss\n"
  "landscape of a ReLU neuron, stopping dead on a flat plateau.\n"
  "\n"
  "With no command, open the app on the built-in scene.  A SCENE is a scene\n"
  "file, or the name of an installed scene, such as c08-leaky-relu.\n"
  "\n"
  "Commands:\n"
  "  run [SCENE]              open the app on SCENE (default: built-in)\n"
  "  render SCENE [-o FILE]   draw SCENE's figure as PNG, PDF or SVG, or\n"
  "                           animate its run as MP4, GIF or PNG frames\n"
  "  simulate SCENE [-o FILE] run SCENE and write its numbers as CSV or JSON\n"
  "  surface SCENE [-o FILE]  write the loss landscape around SCENE's run\n"
  "  experiment NAME ...      depth, zero-grad, born-dead or dead-sweep:\n"
  "                           an experiment's numbers as a table or CSV\n"
  "  check SCENE...           report every error and warning of the scenes\n"
  "                           without running them; --run also runs them\n"
  "                           and proves their claims ('expect' lines)\n"
  "  merge PART.csv...        put the parts of a sharded run (--shard I/N)\n"
  "                           back together\n"
  "  help [COMMAND]           show help for a command\n"
  "\n"
  "  -h, --help               show this help and exit\n"
  "  -V, --version            show the version and exit\n"
  "\n"
  "Run 'reluscape COMMAND --help' for a command's options; 'man reluscape'\n"
  "and 'man reluscape-scene' for the whole story.\n";

typedef struct {
  const char *name;
  int (*fn) (int argc, char **argv);
} command;

static const command commands[] = {
  { "run", cmd_run },
  { "render", cmd_render },
  { "simulate", cmd_simulate },
  { "surface", cmd_surface },
  { "experiment", cmd_experiment },
  { "check", cmd_check },
  { "merge", cmd_merge },
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static const command *
find_command (const char *name)
{
  for (size_t i = 0; i < N_COMMANDS; i++)
    if (strcmp (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

/* reluscape help [COMMAND] */
static int
help (int argc, char **argv)
{
  const command *c;
  char *args[] = { NULL, (char *) "--help", NULL };

  if (argc < 2)
    {
      fputs (usage, stdout);
      return CLI_OK;
    }
  c = find_command (argv[1]);
  if (c == NULL)
    {
      cli_message ("help: unknown command '%s'", argv[1]);
      return CLI_USAGE;
    }
  args[0] = argv[1];
  return c->fn (2, args);
}

/* At exit: standard output written whole, or a message and status 1
 * (a full disk or /dev/full must not look like success). */
static void
close_stdout (void)
{
  if (fflush (stdout) == 0 && !ferror (stdout) && fclose (stdout) == 0)
    return;
  fprintf (stderr, "reluscape: cannot write to standard output: %s\n",
           strerror (errno != 0 ? errno : EIO));
  _exit (CLI_FAILURE);
}

/* Take --allow-paths out of the command's arguments (before a "--"),
 * where every command accepts it; the new argc. */
static int
take_allow_paths (int argc, char **argv)
{
  int k = 1;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        {
          while (i < argc)
            argv[k++] = argv[i++];
          break;
        }
      if (strcmp (argv[i], "--allow-paths") == 0)
        cli_allow_paths (1);
      else
        argv[k++] = argv[i];
    }
  argv[k] = NULL;
  return k;
}

int
main (int argc, char **argv)
{
  const command *c;
  char *run_args[] = { (char *) "run", NULL };

  /* The library reports errors by status; GSL must not abort for it. */
  gsl_set_error_handler_off ();
  atexit (close_stdout);
  if (argc < 2)
    return cmd_run (1, run_args);
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      fputs (usage, stdout);
      return CLI_OK;
    }
  if (strcmp (argv[1], "--version") == 0 || strcmp (argv[1], "-V") == 0)
    {
      printf ("reluscape %s\n", PACKAGE_VERSION);
      return CLI_OK;
    }
  if (strcmp (argv[1], "help") == 0)
    return help (argc - 1, argv + 1);
  c = find_command (argv[1]);
  if (c == NULL)
    {
      cli_message ("unknown command '%s'", argv[1]);
      fputs ("Try 'reluscape --help'.\n", stderr);
      return CLI_USAGE;
    }
  argc = take_allow_paths (argc - 1, argv + 1);
  return c->fn (argc, argv + 1);
}
