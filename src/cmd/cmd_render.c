/* cmd_render.c: reluscape render SCENE [-o FILE]. */
#include <config.h>

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "cli/cli.h"
#include "draw/variants.h"
#include "cmd/commands.h"
#include "export/anim.h"
#include "export/export.h"
#include "draw/figure.h"

static const char render_usage[] =
  "Usage: reluscape render [OPTIONS] SCENE [-o FILE]\n"
  "Run SCENE and draw its figure: the views the scene asks for (by\n"
  "default the single neuron's loss landscape with the dead region, the\n"
  "path and the ball; for a network its landscape over the weight and\n"
  "bias of the unit that dies or revives first (or the scene's 'focus'),\n"
  "the network and the timeline), into FILE, or into each file of the\n"
  "scene's 'export' lines when no -o is given (relative to the scene's\n"
  "folder).  The format follows the file's extension: .png, .pdf or .svg.\n"
  "A scene with 'variant' lines runs every variant from the same start\n"
  "and draws them in one figure, each in its own colour, with a legend.\n"
  "SCENE '-' or 'builtin' is the built-in scene.\n"
  "\n"
  "  -o, --output FILE   the figure to write\n"
  "  -s, --size WxH[UNIT]  the figure's size, UNIT px (the default), pt or\n"
  "                      cm, such as 1200x800 or 12x8cm (the scene's 'size';\n"
  "                      default 1200x800 px); a PDF or SVG is sized in\n"
  "                      points (1 px = 0.75 pt)\n"
  "      --dpi N         pixels per inch of a PNG sized in pt or cm, and of\n"
  "                      its text, 10 to 2400 (96)\n"
  "      --at STEP       draw the run as it stood at STEP (the last recorded\n"
  "                      step at or before it); default the scene's 'show'\n"
  "                      step, else the end; --at wins over the 'at' of\n"
  "                      the scene's export lines\n"
  "      --theme NAME    light or dark (the scene's 'theme')\n"
  "      --arrows        the arrow of steepest descent at the ball, its\n"
  "                      length by log10 |grad L| (a ruler shows the scale)\n"
  "      --morph T       the change at STEP T of the way, 0 to 1 (1: the\n"
  "                      surface of STEP): at a kick's step, the ball T of\n"
  "                      the way along the kick's arrow and the landscape\n"
  "                      through its parameters then; else the landscapes\n"
  "                      T of the way from the activation before the last\n"
  "                      change at or before STEP to the new one; every\n"
  "                      panel shows the same moment: at 0 the state\n"
  "                      before the change, between 0 and 1 the network\n"
  "                      then (its dead units, f with the alpha then), the\n"
  "                      header and timeline saying before -> after\n"
  "\n"
  "Animations: FILE .mp4 or .gif is the run from its start to STEP (or its\n"
  "end: 'show' is for stills), encoded by ffmpeg; --frames DIR writes the\n"
  "same frames as PNG files frame-00000.png ... into the new folder DIR.\n"
  "The steps are spread over the duration, eased: the motion slows down\n"
  "and holds at each event (1.5 s at a kick or a switch to Leaky ReLU,\n"
  "whose morph plays in the hold; 0.5 s where warming starts, the ball\n"
  "comes to rest or the count of dead units changes), a stretch where\n"
  "nothing moves passes in a second, and the end is held half a second.\n"
  "The scene's 'pace hold' and 'pace speed' lines set holds and speeds.\n"
  "An animation (or a run) longer than a minute (RELUSCAPE_PROGRESS_AFTER\n"
  "seconds) says its memory and time on standard error first, an\n"
  "animation's estimated from its first three frames.\n"
  "      --frames DIR    write the animation's frames into DIR (new, or empty)\n"
  "      --fps N         frames a second, 1 to 120 (the scene's 'fps'; 30)\n"
  "      --duration S    seconds of animation, 0.1 to 600 (the scene's\n"
  "                      'duration'; 10): S x fps frames, each a recorded\n"
  "                      step as --at draws it\n"
  "  -g, --grid N        landscape grid points a side, 16 to 2048 (241 for\n"
  "                      the single neuron, 121 for a network; basin maps a\n"
  "                      quarter of that)\n"
CLI_COMMON_HELP
  "\n"
  "Exit status: 0 success, 1 the run diverged (or grew too large to draw\n"
  "around) or a file could not be written (an animation ffmpeg did not\n"
  "write whole, read back with ffprobe), 2 bad options or a scene with\n"
  "errors.  Each figure is written whole or not at all.\n";

typedef struct {
  const char *out;
  const char *scene;
  double w, h;              /* 0: the scene's size */
  rs_unit unit;
  double dpi;               /* 0: the target's or 96 */
  long grid;                /* 0: by the scene */
  int have_at;             /* --at, or the scene's 'show' */
  size_t at;
  int cli_at;               /* --at was given: it wins over 'at' of exports */
  int from_show;            /* have_at is the scene's 'show': stills only */
  int theme;                /* -1: the scene's; 0 light; 1 dark */
  int arrows;               /* --arrows */
  double morph;             /* --morph T, 1 by default */
  const char *frames;       /* --frames DIR */
  double fps;               /* 0: the scene's 'fps' */
  double duration;          /* 0: the scene's 'duration' */
} render_args;

/* "WxH" with an optional unit px, pt or cm right after it. */
static int
parse_size (const char *s, double *w, double *h, rs_unit *unit)
{
  static const char *const units[] = { "px", "pt", "cm" };
  static const double lo[] = { 16, 16, 1 }, hi[] = { 16384, 16384, 500 };
  char *end;
  int u = 0;

  *w = strtod (s, &end);
  if (end == s || (*end != 'x' && *end != 'X'))
    return -1;
  s = end + 1;
  *h = strtod (s, &end);
  if (end == s)
    return -1;
  if (*end != '\0')
    {
      while (u < 3 && strcmp (end, units[u]) != 0)
        u++;
      if (u == 3)
        return -1;
    }
  if (!(*w >= lo[u] && *w <= hi[u] && *h >= lo[u] && *h <= hi[u]))
    return -1;
  *unit = (rs_unit) u;
  return 0;
}

/* "render: bad NAME 'ARG' (expected WANT)"; CLI_USAGE. */
static int
bad_value (const char *name, const char *arg, const char *want)
{
  cli_message ("render: bad %s '%s' (expected %s)", name, arg, want);
  return CLI_USAGE;
}

/* A whole number in [lo, hi] into *v; CLI_OK, or CLI_USAGE naming the
 * option by name. */
static int
count_option (const char *name, const char *arg, size_t lo, size_t hi,
              size_t *v)
{
  char want[64];

  if (cli_parse_count (arg, lo, hi, v) == 0)
    return CLI_OK;
  snprintf (want, sizeof want, "%zu to %zu", lo, hi);
  return bad_value (name, arg, want);
}

/* A number in [lo, hi] and nothing else into *v; CLI_OK, or CLI_USAGE
 * naming the option by name with what it wants. */
static int
real_option (const char *name, const char *arg, double lo, double hi,
             const char *want, double *v)
{
  char *end;

  *v = strtod (arg, &end);
  if (end != arg && *end == '\0' && *v >= lo && *v <= hi)
    return CLI_OK;
  return bad_value (name, arg, want);
}

enum { OPT_DPI = 256, OPT_AT, OPT_THEME, OPT_FRAMES, OPT_FPS, OPT_DURATION,
       OPT_ARROWS, OPT_MORPH };

/* One of the options that take a number; CLI_OK or CLI_USAGE. */
static int
number_option (int c, render_args *a)
{
  size_t v = 0;
  int rc;

  switch (c)
    {
    case 'g':
      rc = count_option ("grid", optarg, 16, 2048, &v);
      a->grid = (long) v;
      return rc;
    case OPT_DPI:
      rc = count_option ("dpi", optarg, 10, 2400, &v);
      a->dpi = (double) v;
      return rc;
    case OPT_AT:
      a->have_at = 1;
      return count_option ("step", optarg, 0, 10000000, &a->at);
    case OPT_FPS:
      rc = count_option ("fps", optarg, 1, 120, &v);
      a->fps = (double) v;
      return rc;
    case OPT_DURATION:
      return real_option ("duration", optarg, 0.1, 600,
                          "0.1 to 600 seconds", &a->duration);
    default:
      return real_option ("morph", optarg, 0.0, 1.0, "0 to 1", &a->morph);
    }
}

/* One option into *a; CLI_OK, CLI_USAGE, or -1 after --help or
 * --version. */
static int
one_option (int c, void *args)
{
  render_args *a = args;

  switch (c)
    {
    case 'o':
      a->out = optarg;
      return CLI_OK;
    case 's':
      return parse_size (optarg, &a->w, &a->h, &a->unit) == 0 ? CLI_OK
        : bad_value ("size", optarg, "WxH, each 16 to 16384 px or pt or 1 "
                     "to 500 cm, e.g. 1200x800 or 12x8cm");
    case 'g': case OPT_DPI: case OPT_AT: case OPT_FPS: case OPT_DURATION:
    case OPT_MORPH:
      return number_option (c, a);
    case OPT_THEME:
      a->theme = strcmp (optarg, "dark") == 0;
      return a->theme || strcmp (optarg, "light") == 0 ? CLI_OK
        : bad_value ("theme", optarg, "light or dark");
    case OPT_FRAMES:
      a->frames = optarg;
      return CLI_OK;
    case OPT_ARROWS:
      a->arrows = 1;
      return CLI_OK;
    default:
      return cli_common_option (c, "render", render_usage);
    }
}

/* Parse the options into *a; -1 after --help or --version. */
static int
parse_options (int argc, char **argv, render_args *a)
{
  static const struct option opts[] = {
    { "output", required_argument, NULL, 'o' },
    { "size", required_argument, NULL, 's' },
    { "grid", required_argument, NULL, 'g' },
    { "dpi", required_argument, NULL, OPT_DPI },
    { "at", required_argument, NULL, OPT_AT },
    { "theme", required_argument, NULL, OPT_THEME },
    { "frames", required_argument, NULL, OPT_FRAMES },
    { "fps", required_argument, NULL, OPT_FPS },
    { "duration", required_argument, NULL, OPT_DURATION },
    { "arrows", no_argument, NULL, OPT_ARROWS },
    { "morph", required_argument, NULL, OPT_MORPH },
    CLI_COMMON_OPTIONS
  };
  int rc = cli_getopt (argc, argv, "o:s:g:hV", opts, one_option, a);

  if (rc != CLI_OK)
    return rc;
  return cli_one_scene (argc, argv, "render", &a->scene);
}

/* The recorded point shown: the last one at or before STEP. */
static size_t
point_at (const rs_sim *sim, const render_args *a)
{
  size_t n = rs_sim_n_recorded (sim), i = n - 1;

  if (!a->have_at)
    return i;
  while (i > 0 && rs_sim_recorded (sim, i)->step > a->at)
    i--;
  return i;
}

typedef struct {
  const rs_figure *fig;
} render_job;

static void
draw_job (cairo_t *cr, double width, double height, void *data)
{
  const render_job *job = data;

  rs_figure_draw (cr, width, height, job->fig);
}

/* The size of a file for target t (NULL: -o) in its own units, pixels
 * when raster is set (PNG, animations) and points otherwise, and the
 * units of a point; -1 with a message when too many pixels. */
static int
target_size (const rs_scene *sc, const char *path,
             const rs_export_target *t, const render_args *a, int raster,
             double *w, double *h, double *units)
{
  double dpi = t != NULL ? t->dpi : 96.0;
  rs_unit unit = sc->style.unit;

  *w = sc->style.width;
  *h = sc->style.height;
  if (t != NULL && t->width > 0)
    *w = t->width, *h = t->height, unit = t->unit;
  if (a->w > 0)
    *w = a->w, *h = a->h, unit = a->unit;
  if (a->dpi > 0)
    dpi = a->dpi;
  *units = raster ? dpi / 72.0 : 1.0;
  if (raster && unit != RS_UNIT_PX)
    {
      *w = rs_unit_to_pt (*w, unit) * dpi / 72.0;
      *h = rs_unit_to_pt (*h, unit) * dpi / 72.0;
    }
  else if (!raster)
    {
      *w = rs_unit_to_pt (*w, unit);
      *h = rs_unit_to_pt (*h, unit);
    }
  if (*w > 16384 || *h > 16384)
    {
      cli_message ("render: %s: %.0fx%.0f pixels is too large (at most "
                   "16384 a side); lower the dpi", path, *w, *h);
      return -1;
    }
  return 0;
}

/* The bytes of the image of one frame of the animation being made. */
static double frame_bytes;

/* The frames' progress, and their estimate once the first are made. */
static void
frames_progress (size_t done, size_t total)
{
  cli_frames_progress ("frames", "render", done, total, frame_bytes);
}

/* The frames of the animation of the run up to point last, timed by
 * the schedule of its events and the scene's 'pace' lines over
 * a->duration seconds (anim_pace.c); their count in *n.  NULL with a
 * message when memory runs out. */
static rs_anim_frame *
paced_frames (const rs_scene *sc, const rs_sim *sim, size_t last,
              const render_args *a, size_t *n)
{
  rs_error err;
  rs_anim_timing *timing = rs_anim_timing_alloc (sim, last, sc, a->duration,
                                                 a->fps, &err);
  rs_anim_frame *frames = NULL;

  if (timing != NULL)
    {
      *n = rs_anim_timing_frames (timing);
      frames = malloc (*n * sizeof *frames);
      for (size_t k = 0; frames != NULL && k < *n; k++)
        frames[k] = rs_anim_timing_frame (timing, k);
    }
  if (frames == NULL)
    cli_message ("render: %s", timing == NULL ? err.message
                                              : "out of memory");
  rs_anim_timing_free (timing);
  return frames;
}

/* The n frames at iw x ih to path (.mp4, .gif) or, when dir is set, as
 * PNG files into dir, with their progress; 0, or -1 with the message in
 * msg. */
static int
encode_frames (rs_figure *fig, const char *path, const char *dir, int iw,
               int ih, double fps, const rs_anim_frame *frames, size_t n,
               char *msg, size_t len)
{
  frame_bytes = 4.0 * (double) iw * (double) ih;
  cli_frames_start ();
  if (dir != NULL)
    return rs_anim_frames (dir, fig, iw, ih, frames, n, frames_progress,
                           msg, len);
  if (rs_anim_format_of (path) == RS_ANIM_MP4)
    iw &= ~1, ih &= ~1;   /* the encoder's 4:2:0 needs even sides */
  return rs_anim_video (path, fig, iw, ih, fps, frames, n, frames_progress,
                        msg, len);
}

/* The animation of the run up to the point shown, to path (.mp4, .gif)
 * or, when dir is set, as PNG frames into dir. */
static int
write_animation (rs_figure *fig, const rs_scene *sc, const rs_sim *sim,
                 const char *path, const char *dir, double w, double h,
                 const render_args *a)
{
  size_t last = a->from_show ? rs_sim_n_recorded (sim) - 1
                : point_at (sim, a), n = 0;
  rs_anim_frame *frames = paced_frames (sc, sim, last, a, &n);
  int iw = (int) lround (w), ih = (int) lround (h), rc;
  char msg[1200];
  rs_error err;

  if (frames == NULL)
    return CLI_FAILURE;
  rc = encode_frames (fig, path, dir, iw, ih, a->fps, frames, n, msg,
                      sizeof msg);
  free (frames);
  cli_progress ("frames", 1, 1);
  /* the other outputs show the stills' point again, on its own landscape */
  if (rc == 0 && rs_figure_follow (fig, point_at (sim, a), 0, &err)
                 != RS_OK)
    {
      snprintf (msg, sizeof msg, "render: %s", err.message);
      rc = -1;
    }
  if (rc != 0)
    {
      cli_message ("%s", msg);
      return CLI_FAILURE;
    }
  return CLI_OK;
}

/* One file, a figure or an animation, at its size. */
static int
write_one (rs_figure *fig, const rs_scene *sc, const rs_sim *sim,
           const char *path, const rs_export_target *t, const render_args *a)
{
  int anim = rs_anim_format_of (path) != RS_ANIM_NONE;
  int raster = anim || rs_export_format_of (path) == RS_EXPORT_PNG;
  render_job job = { fig };
  double w, h, units;
  char msg[1200];

  if (target_size (sc, path, t, a, raster, &w, &h, &units) != 0)
    return CLI_USAGE;
  rs_figure_set_units (fig, units);
  if (anim)
    return write_animation (fig, sc, sim, path, NULL, w, h, a);
  if (rs_export (path, w, h, draw_job, &job, msg, sizeof msg) != 0)
    {
      cli_message ("%s", msg);
      return CLI_FAILURE;
    }
  return CLI_OK;
}

/* The moment an export target draws: its own 'at STEP' unless --at was
 * given, else that of a. */
static render_args
target_moment (const rs_export_target *t, const render_args *a)
{
  render_args b = *a;

  if (t->has_at && !a->cli_at)
    {
      b.have_at = t->at != RS_EXPECT_END;
      b.at = t->at;
      b.from_show = 0;
    }
  return b;
}

/* The scene's export targets, relative to its folder; a target with a
 * moment of its own gets a figure made at that moment. */
static int
write_exports (rs_figure *fig, const rs_scene *sc, const rs_sim *sim,
               const render_args *a, size_t grid, const rs_runs *runs)
{
  char path[4096];
  rs_error err;
  int rc = CLI_OK;

  for (size_t i = 0; i < sc->n_exports && rc == CLI_OK; i++)
    {
      render_args b = target_moment (&sc->exports[i], a);
      rs_figure *own = NULL;

      if (rs_scene_path (cli_is_builtin (a->scene) ? NULL : a->scene,
                         sc->exports[i].path, path, sizeof path, &err)
          != RS_OK)
        {
          cli_message ("%s: %s", sc->exports[i].path, err.message);
          return CLI_USAGE;
        }
      if (b.have_at != a->have_at || b.at != a->at)
        own = rs_figure_alloc (sc, sim, point_at (sim, &b), grid, &err);
      if (own != NULL)
        rs_figure_set_runs (own, runs);
      if (own == NULL && b.have_at == a->have_at && b.at == a->at)
        rc = write_one (fig, sc, sim, path, &sc->exports[i], &b);
      else if (own != NULL)
        rc = write_one (own, sc, sim, path, &sc->exports[i], &b);
      else
        {
          cli_message ("%s: %s", path, err.message);
          rc = err.code == RS_ENOMEM ? CLI_FAILURE : CLI_USAGE;
        }
      rs_figure_free (own);
    }
  return rc;
}

/* The scene's run, or (a scene with variants) the runs of its
 * variants, run to their end: *fsc and *sim are then those of the first
 * variant, whose figure shows them all. */
static int
make_runs (const rs_scene *sc, const char *name, rs_runs *runs,
           const rs_scene **fsc, rs_sim **sim)
{
  *fsc = sc;
  if (sc->n_variants > 0)
    {
      int rc = cli_runs_make (runs, sc, name, "render: run");

      *fsc = rc == CLI_OK ? runs->scene[0] : sc;
      *sim = rc == CLI_OK ? runs->sim[0] : NULL;
      return rc;
    }
  return cli_sim_run (sc, name, "render: run", sim);
}

/* The figure of the run at the point shown, with the variants' runs
 * (runs, or NULL), the marks and --morph; NULL with a message and the
 * exit status in *rc when it cannot be made. */
static rs_figure *
make_figure (const rs_scene *sc, rs_sim *sim, const rs_runs *runs,
             const char *name, const render_args *a, size_t grid, int *rc)
{
  rs_error err;
  rs_figure *fig = rs_figure_alloc (sc, sim, point_at (sim, a), grid, &err);

  if (fig == NULL)
    {
      cli_message ("%s: %s", name, err.message);
      /* out of memory and a run blowing up are outcomes, not bad input */
      *rc = err.code == RS_ENOMEM || err.code == RS_EDIVERGED ? CLI_FAILURE
                                                              : CLI_USAGE;
      return NULL;
    }
  rs_figure_set_runs (fig, runs);
  rs_figure_marks (fig, 1, a->arrows);
  if (rs_figure_morph (fig, a->morph, &err) != RS_OK)
    {
      cli_message ("%s: %s", name, err.message);
      *rc = CLI_FAILURE;
      rs_figure_free (fig);
      return NULL;
    }
  return fig;
}

/* --frames DIR: the animation as PNG frames into DIR, at its size. */
static int
write_frames (rs_figure *fig, const rs_scene *sc, const rs_sim *sim,
              const render_args *a)
{
  double w, h, units;

  if (target_size (sc, a->frames, NULL, a, 1, &w, &h, &units) != 0)
    return CLI_USAGE;
  rs_figure_set_units (fig, units);
  return write_animation (fig, sc, sim, NULL, a->frames, w, h, a);
}

/* Run the scene (or its variants), make its figure and write every file
 * asked for: --frames, -o, or else the scene's exports. */
static int
render_scene (const rs_scene *base, const char *name, const render_args *a)
{
  rs_runs runs = { 0 };
  const rs_scene *sc;
  rs_sim *sim = NULL;
  rs_figure *fig = NULL;
  size_t grid;
  int rc = make_runs (base, name, &runs, &sc, &sim);

  if (sim == NULL)
    return rc;
  grid = a->grid > 0 ? (size_t) a->grid : sc->sim.net.layers > 0 ? 121 : 241;
  if (rc == CLI_OK)
    fig = make_figure (sc, sim, runs.n > 0 ? &runs : NULL, name, a, grid,
                       &rc);
  if (rc == CLI_OK && a->frames != NULL)
    rc = write_frames (fig, sc, sim, a);
  if (rc == CLI_OK && a->out != NULL)
    rc = write_one (fig, sc, sim, a->out, NULL, a);
  else if (rc == CLI_OK && a->frames == NULL)
    rc = write_exports (fig, sc, sim, a, grid, runs.n > 0 ? &runs : NULL);
  rs_figure_free (fig);
  if (runs.n > 0)
    rs_runs_free (&runs);
  else
    rs_sim_free (sim);
  return rc;
}

/* -o's file must have a format, known before the scene is read. */
static int
check_output (const render_args *a)
{
  if (a->out == NULL || rs_export_format_of (a->out) != RS_EXPORT_NONE
      || rs_anim_format_of (a->out) != RS_ANIM_NONE)
    return CLI_OK;
  cli_message ("render: %s: cannot tell the format from the name: use "
               ".png, .pdf or .svg, or .mp4 or .gif for an animation",
               a->out);
  return CLI_USAGE;
}

/* Without -o or --frames, the scene must name its files (their formats
 * were checked with the scene). */
static int
check_exports (const rs_scene *sc, const render_args *a)
{
  if (a->out != NULL || a->frames != NULL || sc->n_exports > 0)
    return CLI_OK;
  cli_message ("render: no -o FILE given, and %s has no 'export' lines",
               cli_scene_name (a->scene));
  fputs ("Try 'reluscape render --help'.\n", stderr);
  return CLI_USAGE;
}

int
cmd_render (int argc, char **argv)
{
  render_args a = { NULL, NULL, 0, 0, RS_UNIT_PX, 0, 0, 0, 0, 0, 0, -1, 0, 1.0,
                    NULL, 0, 0 };
  rs_scene sc;
  int rc;

  rc = parse_options (argc, argv, &a);
  if (rc != CLI_OK)
    return rc < 0 ? CLI_OK : rc;
  if ((rc = check_output (&a)) != CLI_OK)
    return rc;
  rc = cli_load_scene (a.scene, &sc);
  if (rc == CLI_OK)
    rc = check_exports (&sc, &a);
  if (rc != CLI_OK)
    return rc;
  if (a.theme >= 0)
    sc.style.dark = a.theme;
  if (a.fps == 0)
    a.fps = (double) sc.fps;
  if (a.duration == 0)
    a.duration = sc.duration;
  /* pango reads fontconfig's configuration in a thread of its own from
   * the moment the font map is made: made now, that goes on while the
   * run and the landscapes are computed, and the drawing finds it done */
  pango_cairo_font_map_get_default ();
  a.cli_at = a.have_at;
  if (!a.have_at && sc.has_show && sc.show != RS_EXPECT_END)
    {
      a.have_at = 1;
      a.at = sc.show;
      a.from_show = 1;
    }
  return render_scene (&sc, cli_scene_name (a.scene), &a);
}
