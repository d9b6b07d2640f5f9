/* cmd_render.c: reluscape render SCENE -o FILE. */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "commands.h"
#include "draw.h"
#include "export.h"

static const char render_usage[] =
  "Usage: reluscape render [OPTIONS] SCENE -o FILE\n"
  "Run SCENE to its last step and draw its loss landscape, the dead region,\n"
  "the path of gradient descent and the ball where it ends, into FILE.\n"
  "The format follows FILE's extension: .png, .pdf or .svg.\n"
  "SCENE '-' or 'builtin' is the built-in scene.\n"
  "\n"
  "  -o, --output FILE   the figure to write (required)\n"
  "  -s, --size WxH      the figure's size in pixels (PDF, SVG: points);\n"
  "                      default 1200x800\n"
  "  -g, --grid N        landscape grid points a side, 16 to 2048 (241)\n"
  "  -h, --help          show this help and exit\n"
  "  -V, --version       show the version and exit\n"
  "\n"
  "Exit status: 0 success, 1 the run diverged or the file could not be\n"
  "written, 2 bad options or a scene with errors.  The figure is written\n"
  "whole or not at all.\n";

typedef struct {
  const rs_frame *frame;
} render_job;

static void
draw_job (cairo_t *cr, double width, double height, void *data)
{
  const render_job *job = data;

  rs_draw_frame (cr, width, height, job->frame);
}

/* Parse the options into *out, *w, *h, *grid and the scene argument. */
static int
parse_options (int argc, char **argv, const char **out, int *w, int *h,
               long *grid, const char **scene)
{
  static const struct option opts[] = {
    { "output", required_argument, NULL, 'o' },
    { "size", required_argument, NULL, 's' },
    { "grid", required_argument, NULL, 'g' },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { NULL, 0, NULL, 0 }
  };
  int c;
  char *end;

  optind = 0;
  while ((c = getopt_long (argc, argv, "o:s:g:hV", opts, NULL)) != -1)
    switch (c)
      {
      case 'o':
        *out = optarg;
        break;
      case 's':
        if (cli_parse_size (optarg, w, h) != 0)
          {
            cli_message ("render: bad size '%s' (expected WxH, each 16 to "
                         "16384, e.g. 1200x800)", optarg);
            return CLI_USAGE;
          }
        break;
      case 'g':
        *grid = strtol (optarg, &end, 10);
        if (*end != '\0' || end == optarg || *grid < 16 || *grid > 2048)
          {
            cli_message ("render: bad grid '%s' (expected 16 to 2048)",
                         optarg);
            return CLI_USAGE;
          }
        break;
      case 'h':
        fputs (render_usage, stdout);
        return -1;
      case 'V':
        printf ("reluscape %s\n", PACKAGE_VERSION);
        return -1;
      default:
        fputs ("Try 'reluscape render --help'.\n", stderr);
        return CLI_USAGE;
      }
  if (optind + 1 != argc || *out == NULL)
    {
      cli_message ("render: %s", optind + 1 < argc ? "more than one scene"
                   : optind == argc ? "no scene given" : "no -o FILE given");
      fputs ("Try 'reluscape render --help'.\n", stderr);
      return CLI_USAGE;
    }
  *scene = argv[optind];
  return CLI_OK;
}

/* Run the scene's simulation to its end; CLI_FAILURE if it diverged. */
static int
run_scene (rs_sim *sim, const char *name)
{
  char param[32];
  size_t step;

  if (rs_sim_run (sim) == RS_OK)
    return CLI_OK;
  rs_sim_divergence (sim, &step, param, sizeof param);
  cli_message ("%s: the run diverged at step %zu (%s is no longer a finite "
               "number; w = %g, b = %g); lower the rate", name, step, param,
               rs_sim_current (sim)->w, rs_sim_current (sim)->b);
  return CLI_FAILURE;
}

/* Build the figure for a loaded scene and export it. */
static int
render_scene (const rs_scene *sc, const char *name, const char *out, int w,
              int h, long grid)
{
  rs_error err;
  rs_sim *sim = rs_sim_alloc (&sc->sim, &err);
  rs_landscape *land = NULL;
  rs_frame frame;
  render_job job = { &frame };
  char msg[1200];
  int rc = CLI_FAILURE;

  if (sim == NULL)
    {
      cli_message ("%s: %s", name, err.message);
      return CLI_USAGE;
    }
  rc = run_scene (sim, name);
  if (rc == CLI_OK)
    {
      land = rs_landscape_alloc (sc, rs_sim_neuron (sim), rs_sim_data (sim),
                                 (size_t) grid, (size_t) grid, &err);
      rc = land == NULL ? CLI_FAILURE : CLI_OK;
      if (land == NULL)
        cli_message ("%s", err.message);
    }
  if (rc == CLI_OK)
    {
      frame = (rs_frame) { sc, sim, land, rs_sim_neuron (sim)->w,
                           rs_sim_neuron (sim)->b, NULL };
      if (rs_export (out, w, h, draw_job, &job, msg, sizeof msg) != 0)
        {
          cli_message ("%s", msg);
          rc = CLI_FAILURE;
        }
    }
  rs_landscape_free (land);
  rs_sim_free (sim);
  return rc;
}

int
cmd_render (int argc, char **argv)
{
  const char *out = NULL, *path = NULL;
  int w = 1200, h = 800, rc;
  long grid = 241;
  rs_scene sc;

  rc = parse_options (argc, argv, &out, &w, &h, &grid, &path);
  if (rc != CLI_OK)
    return rc < 0 ? CLI_OK : rc;
  if (rs_export_format_of (out) == RS_EXPORT_NONE)
    {
      cli_message ("render: %s: cannot tell the format from the name: use "
                   ".png, .pdf or .svg", out);
      return CLI_USAGE;
    }
  rc = cli_load_scene (path, &sc);
  if (rc == CLI_OK)
    rc = cli_need_neuron (&sc, path);
  if (rc != CLI_OK)
    return rc;
  return render_scene (&sc, cli_is_builtin (path) ? CLI_BUILTIN_NAME : path,
                       out, w, h, grid);
}
