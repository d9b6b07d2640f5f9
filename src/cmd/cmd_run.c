/* cmd_run.c: `reluscape run [OPTIONS] [SCENE]`, the interactive app (what
 * `reluscape` alone runs, on the built-in scene).  The app and SDL2 live
 * in a module (app_module.h) that only this command loads, so that the
 * others start without SDL's libraries.  Without SDL2 the build has no
 * app and says where to turn instead. */
#include <config.h>

#include <stdio.h>

#include "cli/cli.h"
#include "cmd/commands.h"

#ifdef HAVE_SDL

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_module.h"
#include "cmd/run_module.h"

/* What the command line asked for. */
typedef struct {
  rs_app_request app;
  const char *scene;
  char name[256];       /* S and E name their files after the scene */
} run_args;

/* The options, keys and script format, for --help. */
static const char run_usage[] =
  "Usage: reluscape run [OPTIONS] [SCENE]\n"
  "Open the interactive app on SCENE, or on the built-in scene when "
  "none is given\n"
  "(or SCENE is '-' or 'builtin').\n"
  "A scene with 'variant' lines shows every variant's run in the figure, as\n"
  "render draws it at the step shown; a change made in the app is the first\n"
  "run's only, the other variants keep their own runs.\n"
  "\n"
  "  -s, --size=WxH       window size in points (default 1280x720)\n"
  "      --script=FILE    replay the timed actions in FILE; every frame then\n"
  "                       advances exactly 1/60 s, so runs are reproducible\n"
  "      --frames=N       quit after N frames\n"
  "      --present        presenter mode: dark, large text, no "
  "control strip;\n"
  "                       starts paused on the first frame, the "
  "scene's beats\n"
  "                       pause; PageDown or Right plays to the next beat\n"
  "                       (the changes on the way played), PageUp "
  "or Left goes\n"
  "                       back to the one before\n"
  "      --paused         start paused on the first frame\n"
  CLI_SET_HELP
  "      --allow-paths    let the scene's data and export paths\n"
  "                       leave its folder\n"
  "  -h, --help           show this help and exit\n"
  "      --version        show the version and exit\n"
  "\n"
  "Keys (H or ? in the window lists them):\n"
  "  Space pause           + - or Up Down  faster, slower\n"
  "  . or Right  step      , Backspace or Left  step back\n"
  "  PageDown  play to the next beat   PageUp  back to the one before\n"
  "  Home rewind to the start\n"
  "  L Leaky ReLU on/off   A Z  alpha up, down\n"
  "  K kick                ] [  kick stronger, weaker\n"
  "  N Shift+N  Langevin temperature up, down (by 0.01)\n"
  "  Shift+Up Shift+Down  learning rate up, down\n"
  "  O next optimiser      W bias warming on/off\n"
  "  D decay on biases     C kink convention s = 0, 0.5, 1:\n"
  "    f'(0) = s, or alpha + s(1 - alpha) under Leaky ReLU\n"
  "  G gradient arrows     P the path\n"
  "  T dark theme          F5 presenter mode   F fullscreen\n"
  "  M the control strip beside the figure (on at the start): sliders for\n"
  "    the speed, the rate, alpha, the kick and the temperature, toggles and\n"
  "    buttons; a click there does what the key does\n"
  "  S PNG screenshot      E PDF of the figure (SCENE-stepN, in "
  "the current folder)\n"
  "  B one more ball with the next optimiser   R reset\n"
  "  J jump to the next point where a unit dies (pauses)\n"
  "  H or ? help   Q or Esc quit;\n"
  "  a left click on a landscape over two parameters starts the ball there;\n"
  "  a drag turns a 3-D one.  Where a key cannot work, the window says why.\n"
  "\n"
  "A script has one action a line ('#' starts a comment), FRAME "
  "counting from 0:\n"
  "  FRAME key NAME          a letter, space, escape, plus, minus, "
  "period, comma,\n"
  "                          backspace, up, down, left, right, "
  "pageup, pagedown,\n"
  "                          home, [, ], question, f5, shift+up, shift+down\n"
  "  FRAME click U V         a click where the first landscape over "
  "two parameters\n"
  "                          draws (U, V): the single neuron's (w, b)\n"
  "  FRAME resize WxH        resize the window\n"
  "  FRAME screenshot FILE   the frame as PNG, PDF or SVG\n"
  "  FRAME quit\n";

/* A usage error: the message, a pointer to --help, CLI_USAGE. */
static int
bad_usage (const char *msg, const char *what)
{
  cli_message ("run: %s '%s'", msg, what);
  fputs ("Try 'reluscape run --help' for more information.\n", stderr);
  return CLI_USAGE;
}

/* A frame count, 1 to 10^9. */
static int
parse_frames (const char *s, unsigned long *n)
{
  char *end;

  errno = 0;
  *n = strtoul (s, &end, 10);
  return s[0] >= '0' && s[0] <= '9' && *end == '\0' && errno == 0
         && *n >= 1 && *n <= 1000000000UL ? 0 : -1;
}

enum { OPT_SCRIPT = 256, OPT_FRAMES, OPT_PRESENT, OPT_PAUSED, OPT_VERSION };

static const struct option long_options[] = {
  { "size", required_argument, NULL, 's' },
  { "script", required_argument, NULL, OPT_SCRIPT },
  { "frames", required_argument, NULL, OPT_FRAMES },
  { "present", no_argument, NULL, OPT_PRESENT },
  { "paused", no_argument, NULL, OPT_PAUSED },
  { "set", required_argument, NULL, CLI_OPT_SET },
  { "help", no_argument, NULL, 'h' },
  { "version", no_argument, NULL, OPT_VERSION },
  { NULL, 0, NULL, 0 }
};

/* Apply option c with argument arg.  Returns -1 to go on, or an exit
 * status. */
static int
apply_option (int c, const char *arg, char **argv, run_args *ra)
{
  switch (c)
    {
    case 's':
      if (cli_parse_size (arg, &ra->app.width, &ra->app.height) != 0)
        return bad_usage ("expected a size WxH (each 16 to 16384), not", arg);
      return -1;
    case OPT_SCRIPT:
      ra->app.script = arg;
      return -1;
    case OPT_FRAMES:
      if (parse_frames (arg, &ra->app.frames) != 0)
        return bad_usage ("expected a number of frames (1 to 1000000000), "
                          "not", arg);
      return -1;
    case OPT_PRESENT:
      ra->app.present = 1;
      return -1;
    case OPT_PAUSED:
      ra->app.paused = 1;
      return -1;
    case CLI_OPT_SET:
      return cli_set_add (arg) == CLI_OK ? -1 : CLI_USAGE;
    case 'h':
      fputs (run_usage, stdout);
      return CLI_OK;
    case OPT_VERSION:
      printf ("reluscape %s\n", PACKAGE_VERSION);
      return CLI_OK;
    case ':':
      return bad_usage ("this option needs a value:", argv[optind - 1]);
    default:
      return bad_usage ("unknown option", argv[optind - 1]);
    }
}

/* Read the command line into ra.  Returns -1 to go on, or an exit
 * status. */
static int
parse_args (int argc, char **argv, run_args *ra)
{
  int c, rc;

  memset (ra, 0, sizeof *ra);
  optind = 0;
  opterr = 0;
  while ((c = getopt_long (argc, argv, ":s:h", long_options, NULL)) != -1)
    if ((rc = apply_option (c, optarg, argv, ra)) >= 0)
      return rc;
  if (optind < argc)
    ra->scene = argv[optind++];
  if (optind < argc)
    return bad_usage ("one scene at most; unexpected", argv[optind]);
  return -1;
}

/* The name of the scene's file without its folder and ".scene", for the
 * files S and E write; "plateau" for the built-in scene. */
static void
scene_name (const char *path, char *buf, size_t n)
{
  const char *base;
  size_t len;

  if (path == NULL || strcmp (path, "-") == 0 || strcmp (path, "builtin") == 0)
    {
      snprintf (buf, n, "plateau");
      return;
    }
  base = strrchr (path, '/') != NULL ? strrchr (path, '/') + 1 : path;
  len = strlen (base);
  if (len > 6 && strcmp (base + len - 6, ".scene") == 0)
    len -= 6;
  snprintf (buf, n, "%.*s", (int) len, base[0] ? base : "reluscape");
}

int
cmd_run (int argc, char **argv)
{
  run_args ra;
  rs_scene sc;
  rs_app_module_main_fn *app_main;
  int rc = parse_args (argc, argv, &ra);

  if (rc >= 0)
    return rc;
  if (cli_load_scene (ra.scene, &sc) != CLI_OK)
    return CLI_USAGE;
  scene_name (ra.scene, ra.name, sizeof ra.name);
  ra.app.name = ra.name;
  if ((app_main = run_module_load ()) == NULL)
    return CLI_FAILURE;
  return app_main (&sc, &ra.app);
}

#else /* !HAVE_SDL */

int
cmd_run (int argc, char **argv)
{
  (void) argc;
  (void) argv;
  cli_message ("this build has no interactive app (configured without "
               "SDL2); draw the scene to a file with 'reluscape render "
               "SCENE -o out.png'");
  return CLI_FAILURE;
}

#endif /* HAVE_SDL */
