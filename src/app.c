/* app.c: the interactive app (C4, C5, C8, C11): the landscape of draw.c in
 * an SDL2 window, the ball rolling on a fixed time step, live controls,
 * and scripts of timed actions for reproducible runs.
 *
 * Two ways of drawing (app.h): the single neuron's classic figure, live,
 * and the scene's figure of figure.c, played back from a run computed
 * ahead.  Controls that the library cannot change on a running rs_sim
 * (optimiser, bias warming, decay on biases, the kink convention) make a
 * new run from the changed parameters, started at the parameters of the
 * point shown: the old trajectory is not kept (rs_sim has no way to
 * splice one run onto another), so the path starts again there. */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <glib.h>

#include "app.h"
#include "script.h"
#include "cli.h"
#include "draw.h"
#include "export.h"
#include "figure.h"
#include "plane.h"
#include "theme.h"

/* The time step of a scripted frame, and the most time one frame may
 * catch up on after a stall (Chipmunk2D's clamped accumulator). */
#define FIXED_FRAME (1.0 / 60.0)
#define MAX_CATCH_UP 0.25

/* Times closer than this (seconds) count as equal, so that 3 s cut into
 * 180 or 90 pieces takes the same number of steps despite rounding. */
#define TIME_EPS 1e-9

/* The landscape's grid, points a side: that of `reluscape render`, so
 * that the window shows the exported figure; the coarse preview drawn
 * while it is computed (a 16th of the work). */
#define GRID 241
#define PREVIEW_GRID 61

/* The grid of the figure's planes: coarser than render's, since the
 * figure is remade after every live change; a coarse one is made at
 * once on the main thread, the full one on its own thread. */
#define FIG_GRID 121
#define FIG_PREVIEW_GRID 31

/* A run computed ahead goes at least this many steps past a change. */
#define RUN_AHEAD 300
#define RUN_AHEAD_MAX 20000

/* Parameters beyond this are on their way to a divergence: no landscape
 * is sliced through them, no new run started there. */
#define PARAM_MAX 1e6

/* How much one press changes the speed, the rate, alpha and the kick's
 * strength (a factor, so that they span decades in a few presses), and
 * their ranges (those of the scene language). */
#define SPEED_FACTOR 1.5
#define RATE_FACTOR 1.25
#define ALPHA_FACTOR 1.5
#define KICK_FACTOR 1.5
#define SPEED_MIN 0.1
#define SPEED_MAX 1000.0
#define RATE_MAX 100.0
#define ALPHA_MIN 0.001
#define ALPHA_MAX 0.9
#define KICK_MIN 0.01
#define KICK_MAX 100.0

/* W switches on the scene's bias warming, or this one when the scene has
 * none (C10): +1 on every hidden bias for 20 steps, annealed over 80.  D
 * switches decay on the biases on, with this factor when the scene has
 * no decay (C7). */
#define WARM_GAMMA 1.0
#define WARM_HOLD 20
#define WARM_ANNEAL 80
#define DECAY_LAMBDA 0.01

/* B adds a ball with another optimiser, up to this many besides the
 * first (the classic figure). */
#define MAX_EXTRA 4

/* Degrees the 3-D camera turns per point dragged, and its elevation's
 * range (the scene language's, less the degenerate ends). */
#define DRAG_DEGREES 0.4
#define ELEVATION_MIN 5.0
#define ELEVATION_MAX 85.0

/* Seconds a toast stays; the font size of presenter mode (points). */
#define TOAST_SECONDS 4.0
#define PRESENT_FONT_PT 15.0

#define N_ELEMS(a) (sizeof (a) / sizeof (a)[0])

#define NO_DISPLAY_HINT \
  "draw the scene to a file with 'reluscape render SCENE -o out.png'"

/* ---- the app's state -------------------------------------------------- */

/* A landscape being computed on its own thread (the classic figure): the
 * job owns copies of what it reads, except the data, which the run never
 * changes and which the app keeps alive by joining the thread before it
 * frees the run. */
typedef struct {
  rs_scene scene;
  rs_neuron u;
  const rs_data *d;
  SDL_Thread *thread;
  SDL_mutex *lock;
  SDL_atomic_t done;
  rs_landscape *ready;         /* a result not yet taken (under lock) */
  int failed;                  /* under lock */
} land_job;

/* The full figure being made on its own thread, through recorded point
 * `at` of the run, which nothing changes while the thread runs: every
 * change of the run joins it first (figure_drop). */
typedef struct {
  SDL_Thread *thread;
  SDL_atomic_t done;
  size_t at;
  rs_figure *fig;              /* the result, NULL when it failed */
} fig_job;

struct rs_app {
  rs_scene scene;              /* as drawn: presenter mode and T change
                                  its style */
  rs_style style0;             /* the scene's own style */
  rs_app_options opt;
  int fixed;                   /* every frame advances FIXED_FRAME */
  rs_sim *sim;
  /* the classic figure */
  rs_landscape *land;          /* drawn now */
  rs_landscape *land_old;      /* the one before, kept for L's return */
  land_job job;
  /* the scene's figure */
  rs_scene fig_scene;          /* what the figures were made from (they
                                  point at it) */
  fig_job fjob;
  rs_figure *fig;
  rs_view views[RS_SCENE_MAX_VIEWS];
  size_t n_views;
  rs_plane *probe;             /* a 2 x 2 plane of the clickable view, for
                                  its window; NULL: no view takes clicks */
  size_t probe_view;
  size_t shown;                /* the recorded point played back */
  /* more balls on the classic figure, each its own run with another
   * optimiser, stepped with the first */
  rs_sim *extra[MAX_EXTRA];
  size_t n_extra;
  /* the live settings */
  double speed;
  double rate;
  double alpha;
  int leaky;
  double kick_sigma;
  int show_grad;
  int show_path;
  int present;
  int fullscreen;
  int dragging;                /* a drag on a 3-D view turns its camera */
  /* the window */
  int sdl_up;
  SDL_Window *win;
  SDL_Renderer *ren;
  SDL_Texture *tex;
  int tex_w;
  int tex_h;
  int vsync;
  double acc;                  /* seconds since the last step */
  double prev_w;               /* the point before the last step, from */
  double prev_b;               /* which the ball moves to the current one */
  double clock;                /* seconds passed, for toasts */
  char toast[2000];
  double toast_until;
  int paused;
  int help;
  int quit;
  unsigned long frame;
  size_t next_action;          /* the script's first action not yet done */
};

/* Every key, for the help overlay; README.md and reluscape(1) list the
 * same. */
static const rs_app_key app_keys[] = {
  { "Space", "pause or resume" },
  { "+  -  or  Up  Down", "faster, slower (steps a second)" },
  { ".  or  Right", "one step forward (pauses)" },
  { ",  Backspace  or  Left", "one step back (pauses)" },
  { "PageDown  PageUp", "next, previous beat of the scene" },
  { "L", "Leaky ReLU on or off" },
  { "A  Z", "Leaky ReLU's α up, down" },
  { "K", "thermal kick" },
  { "]  [", "kick stronger, weaker" },
  { "Shift+Up  Shift+Down", "learning rate up, down" },
  { "O", "next optimiser" },
  { "W", "bias warming on or off" },
  { "D", "weight decay on the biases on or off" },
  { "C", "kink convention: f'(0) = 0, 0.5, 1" },
  { "G", "the arrow of steepest descent on or off" },
  { "P", "the path on or off" },
  { "T", "dark theme on or off" },
  { "F5", "presenter mode: dark, large, pauses at beats" },
  { "F", "fullscreen on or off" },
  { "S", "save a PNG screenshot" },
  { "E", "export the figure as PDF" },
  { "B", "one more ball, with the next optimiser" },
  { "R", "reset to the scene's start and settings" },
  { "click", "start the ball there" },
  { "drag", "turn a 3-D landscape" },
  { "H  or  ?", "this help" },
  { "Q  or  Esc", "quit" }
};

const rs_app_key *
rs_app_keys (size_t *n)
{
  *n = N_ELEMS (app_keys);
  return app_keys;
}

void
rs_app_options_default (rs_app_options *o)
{
  memset (o, 0, sizeof *o);
  o->width = 1280;
  o->height = 720;
}

/* The classic figure: the single neuron, no views, the default look (the
 * rule of figure.c, which draws such a scene with draw.c). */
static int
classic_look (const rs_scene *sc)
{
  return sc->sim.net.layers == 0 && sc->n_views == 0 && !sc->style.dark
         && strcmp (sc->style.font, "Sans") == 0
         && sc->style.font_pt == 10.0;
}

/* Whether the scene's run starts with Leaky ReLU. */
static int
scene_leaky (const rs_scene *sc)
{
  if (sc->sim.net.layers == 0)
    return sc->sim.act == rs_act_leaky_relu;
  return sc->sim.net.act[0] == rs_act_leaky_relu;
}

/* Show msg at the bottom of the window for a few seconds; errors go to
 * stderr too, since the window may not be looked at. */
static void
toast (rs_app *a, int error, const char *msg)
{
  char *esc = g_markup_escape_text (msg, -1);

  snprintf (a->toast, sizeof a->toast, "%s", esc != NULL ? esc : "");
  g_free (esc);
  a->toast_until = a->clock + TOAST_SECONDS;
  if (error)
    fprintf (stderr, "reluscape: %s\n", msg);
}

/* The index of the recorded point the app shows and changes. */
static size_t
current_index (const rs_app *a)
{
  return a->fig != NULL ? a->shown : rs_sim_n_recorded (a->sim) - 1;
}

/* The ball stops interpolating: it is drawn where the run now is (after
 * a jump: a kick, a restart, a reset). */
static void
settle_ball (rs_app *a)
{
  const rs_sim_point *pt = rs_sim_recorded (a->sim, current_index (a));

  a->prev_w = pt->w;
  a->prev_b = pt->b;
}

/* ---- the landscape, off the main thread (classic figure) -------------- */

static void fig_join (rs_app *a);

/* Whether l is the full landscape of the run's activation now. */
static int
land_matches (const rs_app *a, const rs_landscape *l)
{
  const rs_neuron *u = rs_sim_neuron (a->sim);

  return l != NULL && l->act == u->act && l->loss->size1 == GRID
         && (u->act != rs_act_leaky_relu || l->alpha == u->alpha);
}

/* Hand a result to the main thread, replacing one it has not taken. */
static void
land_publish (land_job *j, rs_landscape *l)
{
  SDL_LockMutex (j->lock);
  if (l == NULL)
    j->failed = 1;
  else
    {
      rs_landscape_free (j->ready);
      j->ready = l;
    }
  SDL_UnlockMutex (j->lock);
}

/* The thread: a coarse preview first, so that the new landscape shows at
 * once, then the full grid. */
static int
land_worker (void *data)
{
  land_job *j = data;
  rs_error err;

  land_publish (j, rs_landscape_alloc (&j->scene, &j->u, j->d, PREVIEW_GRID,
                                       PREVIEW_GRID, &err));
  land_publish (j, rs_landscape_alloc (&j->scene, &j->u, j->d, GRID, GRID,
                                       &err));
  SDL_AtomicSet (&j->done, 1);
  return 0;
}

/* Take the thread's latest result into a->land (the one drawn before
 * becomes a->land_old). */
static void
land_take (rs_app *a)
{
  rs_landscape *l;
  int failed;

  SDL_LockMutex (a->job.lock);
  l = a->job.ready;
  a->job.ready = NULL;
  failed = a->job.failed;
  a->job.failed = 0;
  SDL_UnlockMutex (a->job.lock);
  if (failed)
    toast (a, 1, "cannot compute the landscape (out of memory?)");
  if (l == NULL)
    return;
  if (a->land != NULL && a->land->loss->size1 == GRID)
    {
      rs_landscape_free (a->land_old);
      a->land_old = a->land;
    }
  else
    rs_landscape_free (a->land);
  a->land = l;
}

/* Wait for the thread to end and take what it left. */
static void
land_join (rs_app *a)
{
  if (a->job.thread == NULL)
    return;
  SDL_WaitThread (a->job.thread, NULL);
  a->job.thread = NULL;
  land_take (a);
}

/* Start the thread on the run's activation now.  Returns 0, or -1 when
 * the thread cannot be made (the old landscape stays). */
static int
land_start (rs_app *a)
{
  land_job *j = &a->job;

  j->scene = a->scene;
  j->u = *rs_sim_neuron (a->sim);
  j->d = rs_sim_data (a->sim);
  SDL_AtomicSet (&j->done, 0);
  j->thread = SDL_CreateThread (land_worker, "landscape", j);
  if (j->thread == NULL)
    {
      toast (a, 1, "cannot start the landscape's thread");
      return -1;
    }
  return 0;
}

/* The run's activation changed: show the landscape kept from before when
 * it fits, else compute the new one (after the one being computed). */
static void
land_request (rs_app *a)
{
  rs_landscape *t;

  if (a->fig != NULL || land_matches (a, a->land))
    return;
  if (land_matches (a, a->land_old))
    {
      t = a->land;
      a->land = a->land_old;
      a->land_old = t;
      return;
    }
  if (a->job.thread == NULL)
    land_start (a);
}

/* Once a frame: take the thread's results; when it has ended and the
 * activation changed meanwhile, start it again. */
static void
land_poll (rs_app *a)
{
  if (a->job.thread == NULL)
    return;
  if (SDL_AtomicGet (&a->job.done))
    {
      land_join (a);
      land_request (a);
      return;
    }
  if (SDL_TryLockMutex (a->job.lock) == 0)
    {
      int ready = a->job.ready != NULL;

      SDL_UnlockMutex (a->job.lock);
      if (ready)
        land_take (a);
    }
}

void
rs_app_wait_landscape (rs_app *a)
{
  fig_join (a);
  while (a->job.thread != NULL)
    {
      land_join (a);
      land_request (a);
    }
}

/* ---- the scene's figure ----------------------------------------------- */

/* Whether recorded point i has a finite loss and every parameter within
 * PARAM_MAX: on the way to a divergence a dead unit's weight can grow
 * huge while the loss stays finite, and a plane's window of +-3 around
 * 1e17 is empty in doubles. */
static int
point_tame (const rs_sim *sim, size_t i)
{
  const double *theta = rs_sim_theta (sim, i);
  size_t np = rs_net_nparams (rs_sim_net (sim));

  if (!isfinite (rs_sim_recorded (sim, i)->loss))
    return 0;
  for (size_t k = 0; k < np; k++)
    if (!(fabs (theta[k]) <= PARAM_MAX))
      return 0;
  return 1;
}

/* The last tame point at or before i: where a landscape can be sliced
 * and a new run started after the old one diverged. */
static size_t
finite_index (const rs_app *a, size_t i)
{
  while (i > 0 && !point_tame (a->sim, i))
    i--;
  return i;
}

/* Run ahead: to the scene's steps, and at least RUN_AHEAD steps past the
 * current one, so that a change near the end shows what it does. */
static void
run_ahead (rs_app *a)
{
  size_t now = rs_sim_step_count (a->sim);
  size_t end = rs_sim_get_params (a->sim)->steps;

  if (end < now + RUN_AHEAD)
    end = now + RUN_AHEAD;
  if (end > now + RUN_AHEAD_MAX)
    end = now + RUN_AHEAD_MAX;
  while (rs_sim_step_count (a->sim) < end
         && rs_sim_test (a->sim) != RS_SIM_DIVERGED)
    if (rs_sim_iterate (a->sim) != RS_OK)
      break;
}

/* The first flat landscape over two named parameters: where a click
 * starts the ball.  Its window comes from a 2 x 2 plane of the same view
 * through the same point (the window does not depend on the grid). */
static void
make_probe (rs_app *a, size_t at)
{
  rs_error err;

  rs_plane_free (a->probe);
  a->probe = NULL;
  for (size_t i = 0; i < a->n_views; i++)
    {
      const rs_view *v = &a->views[i];

      if (v->kind != RS_VIEW_LANDSCAPE || v->three_d
          || (v->axes != RS_AXES_DEFAULT && v->axes != RS_AXES_PARAMS))
        continue;
      a->probe = rs_plane_alloc (&a->fig_scene, v, a->sim, at, 2, &err);
      a->probe_view = i;
      return;
    }
}

/* The thread: the figure at the full grid. */
static int
fig_worker (void *data)
{
  rs_app *a = data;
  rs_error err;

  a->fjob.fig = rs_figure_alloc (&a->fig_scene, a->sim, a->fjob.at,
                                 FIG_GRID, &err);
  SDL_AtomicSet (&a->fjob.done, 1);
  return 0;
}

/* Wait for the figure's thread; its figure replaces the coarse one. */
static void
fig_join (rs_app *a)
{
  if (a->fjob.thread == NULL)
    return;
  SDL_WaitThread (a->fjob.thread, NULL);
  a->fjob.thread = NULL;
  if (a->fjob.fig == NULL)
    return;
  rs_figure_free (a->fig);
  a->fig = a->fjob.fig;
  a->fjob.fig = NULL;
  rs_figure_show (a->fig, a->shown);
}

/* Once a frame: take the full figure when it is done. */
static void
fig_poll (rs_app *a)
{
  if (a->fjob.thread != NULL && SDL_AtomicGet (&a->fjob.done))
    fig_join (a);
}

/* Drop the figure (before its run changes under it). */
static void
figure_drop (rs_app *a)
{
  fig_join (a);
  rs_figure_free (a->fig);
  a->fig = NULL;
  rs_plane_free (a->probe);
  a->probe = NULL;
}

/* Compute the run ahead and make the figure through its last point,
 * showing point `shown`.  Returns RS_OK, or an error with err. */
static int
figure_make (rs_app *a, size_t shown, rs_error *err)
{
  size_t last;

  figure_drop (a);
  run_ahead (a);
  last = rs_sim_n_recorded (a->sim) - 1;
  /* a run that diverged has no landscape through its last point */
  last = finite_index (a, last);
  a->fig_scene = a->scene;
  a->n_views = rs_figure_views (&a->fig_scene, a->views);
  /* nor, near its divergence, one of a finite width: try earlier points.
     A script's run draws the full grid at once, to be reproducible. */
  while ((a->fig = rs_figure_alloc (&a->fig_scene, a->sim, last, a->fixed
                                    ? FIG_GRID : FIG_PREVIEW_GRID, err))
         == NULL && last > 0)
    last /= 2;
  if (a->fig == NULL)
    return RS_EINVAL;
  make_probe (a, last);
  if (!a->fixed)
    {
      a->fjob.at = last;
      a->fjob.fig = NULL;
      SDL_AtomicSet (&a->fjob.done, 0);
      a->fjob.thread = SDL_CreateThread (fig_worker, "figure", a);
    }
  last = rs_sim_n_recorded (a->sim) - 1;
  a->shown = shown < last ? shown : last;
  rs_figure_show (a->fig, a->shown);
  settle_ball (a);
  return RS_OK;
}

/* Remake the figure after a change, in the window rather than on stderr
 * when it fails. */
static void
figure_remake (rs_app *a, size_t shown)
{
  rs_error err;

  if (figure_make (a, shown, &err) != RS_OK)
    {
      char msg[400];

      snprintf (msg, sizeof msg, "cannot draw the figure: %.300s", err.message);
      toast (a, 1, msg);
    }
}

/* Draw the figure when the scene's look asks for it, the classic figure
 * otherwise: after T or presenter mode changed the look.  Going back to
 * the classic figure keeps the run up to the point shown. */
static int
choose_figure (rs_app *a, rs_error *err)
{
  if (!classic_look (&a->scene))
    {
      if (a->fig != NULL)
        {
          figure_drop (a);
          return figure_make (a, a->shown, err);
        }
      return figure_make (a, rs_sim_n_recorded (a->sim) - 1, err);
    }
  if (a->fig != NULL)
    {
      rs_sim_rewind (a->sim, a->shown);
      figure_drop (a);
    }
  a->acc = 0.0;
  settle_ball (a);
  land_request (a);
  return RS_OK;
}

/* A change at the point shown: in figure mode the run first goes back to
 * it, dropping what came after (a new branch). */
static void
branch (rs_app *a)
{
  if (a->fig == NULL)
    return;
  figure_drop (a);
  rs_sim_rewind (a->sim, a->shown);
}

/* After a change: show it from the last point recorded before it. */
static void
changed (rs_app *a)
{
  size_t last = rs_sim_n_recorded (a->sim) - 1;

  if (classic_look (&a->scene))
    {
      a->acc = 0.0;
      settle_ball (a);
      land_request (a);
      return;
    }
  figure_remake (a, last);
}

/* ---- SDL ---------------------------------------------------------------- */

/* An error naming what failed and SDL's reason. */
static int
sdl_fail (rs_error *err, const char *what)
{
  return rs_error_set (err, RS_EIO, NULL, 0, 0, "%s (SDL: %s)", what,
                       SDL_GetError ());
}

/* The one-line report of a missing display. */
static int
no_display (rs_error *err)
{
  return rs_error_set (err, RS_EIO, NULL, 0, 0,
                       "no display available (SDL: %s); " NO_DISPLAY_HINT,
                       SDL_GetError ());
}

/* A renderer with vsync, or the software renderer when there is no
 * accelerated one (SDL's dummy driver has only that). */
static int
open_renderer (rs_app *a, rs_error *err)
{
  SDL_RendererInfo info;

  a->ren = SDL_CreateRenderer (a->win, -1, SDL_RENDERER_ACCELERATED
                               | SDL_RENDERER_PRESENTVSYNC);
  if (a->ren == NULL)
    a->ren = SDL_CreateRenderer (a->win, -1, SDL_RENDERER_SOFTWARE);
  if (a->ren == NULL)
    return sdl_fail (err, "cannot create a renderer");
  if (SDL_GetRendererInfo (a->ren, &info) == 0)
    a->vsync = (info.flags & SDL_RENDERER_PRESENTVSYNC) != 0;
  return RS_OK;
}

/* Whether SDL's video driver called name shows a window on a screen:
 * its offscreen, dummy and evdev drivers start without any display. */
static int
shows_window (const char *name)
{
  static const char *const blind[] = { "offscreen", "dummy", "evdev" };

  for (size_t i = 0; i < N_ELEMS (blind); i++)
    if (name == NULL || strcmp (name, blind[i]) == 0)
      return 0;
  return 1;
}

/* The video drivers worth trying, comma-separated for SDL's driver hint:
 * those that show a window, and Wayland only when something points at a
 * compositor (else libwayland complains on stderr). */
static void
window_drivers (char *buf, size_t n)
{
  int wayland = getenv ("WAYLAND_DISPLAY") != NULL
                || getenv ("XDG_RUNTIME_DIR") != NULL;
  size_t len = 0;

  buf[0] = '\0';
  for (int i = 0; i < SDL_GetNumVideoDrivers (); i++)
    {
      const char *d = SDL_GetVideoDriver (i);
      if (!shows_window (d) || (!wayland && strcmp (d, "wayland") == 0)
          || len + strlen (d) + 2 > n)
        continue;
      len += (size_t) snprintf (buf + len, n - len, "%s%s",
                                len > 0 ? "," : "", d);
    }
}

/* Start SDL's video on a driver that shows a window, or on the one the
 * user chose with SDL_VIDEODRIVER (the tests choose "dummy").  Left to
 * itself, SDL would start its offscreen driver when there is no display,
 * and the app would run unseen. */
static int
init_video (rs_app *a, rs_error *err)
{
  const char *chosen = SDL_GetHint (SDL_HINT_VIDEODRIVER);
  int own = chosen == NULL || chosen[0] == '\0';
  char list[256];
  int rc;

  if (!own)
    rc = SDL_InitSubSystem (SDL_INIT_VIDEO);
  else
    {
      window_drivers (list, sizeof list);
      SDL_SetHint (SDL_HINT_VIDEODRIVER, list[0] ? list : "none");
      rc = SDL_InitSubSystem (SDL_INIT_VIDEO);
      SDL_SetHint (SDL_HINT_VIDEODRIVER, NULL);
    }
  if (rc != 0)
    return no_display (err);
  a->sdl_up = 1;
  if (own && !shows_window (SDL_GetCurrentVideoDriver ()))
    {
      SDL_SetError ("only its '%s' driver, which shows no window",
                    SDL_GetCurrentVideoDriver ());
      return no_display (err);
    }
  return RS_OK;
}

/* Video, a resizable HiDPI window titled after the scene, its renderer. */
static int
open_window (rs_app *a, rs_error *err)
{
  char title[300];

  if (init_video (a, err) != RS_OK)
    return RS_EIO;
  snprintf (title, sizeof title, "reluscape: %s", a->scene.title);
  a->win = SDL_CreateWindow (title, SDL_WINDOWPOS_UNDEFINED,
                             SDL_WINDOWPOS_UNDEFINED, a->opt.width,
                             a->opt.height, SDL_WINDOW_RESIZABLE
                             | SDL_WINDOW_ALLOW_HIGHDPI);
  if (a->win == NULL)
    return no_display (err);
  return open_renderer (a, err);
}

/* A streaming texture of the renderer's output size (pixels, not points,
 * on a HiDPI screen), recreated when the size has changed.  A window
 * with no pixels (minimised) keeps the texture it had. */
static int
ensure_texture (rs_app *a, rs_error *err)
{
  int w, h;

  if (SDL_GetRendererOutputSize (a->ren, &w, &h) != 0)
    return sdl_fail (err, "cannot read the window's size");
  if (a->tex != NULL && ((w == a->tex_w && h == a->tex_h) || w <= 0
                         || h <= 0))
    return RS_OK;
  if (a->tex != NULL)
    SDL_DestroyTexture (a->tex);
  a->tex = SDL_CreateTexture (a->ren, SDL_PIXELFORMAT_ARGB8888,
                              SDL_TEXTUREACCESS_STREAMING, w, h);
  if (a->tex == NULL)
    return sdl_fail (err, "cannot create a texture");
  SDL_SetTextureBlendMode (a->tex, SDL_BLENDMODE_NONE);
  a->tex_w = w;
  a->tex_h = h;
  return RS_OK;
}

/* Apply the live activation and rate to a run made from the scene's (by
 * rs_sim_start_at, which takes the scene's). */
static void
apply_live (rs_app *a)
{
  if (a->leaky != scene_leaky (&a->scene) || a->alpha != a->scene.sim.alpha)
    rs_sim_set_activation (a->sim, a->leaky ? rs_act_leaky_relu
                           : rs_act_relu, a->alpha);
  if (a->rate != a->scene.sim.rate)
    rs_sim_set_rate (a->sim, a->rate);
}

/* The live settings from the scene. */
static void
live_from_scene (rs_app *a)
{
  a->speed = a->scene.speed;
  a->rate = a->scene.sim.rate;
  a->alpha = a->scene.sim.alpha;
  a->leaky = scene_leaky (&a->scene);
  a->kick_sigma = a->scene.sim.kick_sigma;
}

/* Presenter mode on or off: dark, large text, pauses at beats. */
static void
set_present (rs_app *a, int on)
{
  a->present = on;
  a->scene.style.dark = on ? 1 : a->style0.dark;
  a->scene.style.font_pt = on ? PRESENT_FONT_PT : a->style0.font_pt;
}

/* The extra balls go. */
static void
drop_extra (rs_app *a)
{
  for (size_t i = 0; i < a->n_extra; i++)
    rs_sim_free (a->extra[i]);
  a->n_extra = 0;
}

rs_app *
rs_app_alloc (const rs_scene *sc, const rs_app_options *o, rs_error *err)
{
  rs_app *a = calloc (1, sizeof *a);

  if (a == NULL)
    {
      rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory for the app");
      return NULL;
    }
  a->scene = *sc;
  a->style0 = sc->style;
  a->opt = *o;
  a->fixed = o->fixed_step || o->script != NULL;
  a->show_path = 1;
  live_from_scene (a);
  set_present (a, o->present);
  a->job.lock = SDL_CreateMutex ();
  a->sim = rs_sim_alloc (&sc->sim, err);
  if (a->job.lock == NULL)
    sdl_fail (err, "cannot create a mutex");
  if (a->job.lock == NULL || a->sim == NULL || open_window (a, err) != RS_OK
      || ensure_texture (a, err) != RS_OK
      || (classic_look (&a->scene)
          ? (a->land = rs_landscape_alloc (&a->scene, rs_sim_neuron (a->sim),
                                           rs_sim_data (a->sim), GRID, GRID,
                                           err)) == NULL
          : figure_make (a, 0, err) != RS_OK))
    {
      rs_app_free (a);
      return NULL;
    }
  settle_ball (a);
  return a;
}

void
rs_app_free (rs_app *a)
{
  if (a == NULL)
    return;
  land_join (a);
  figure_drop (a);
  if (a->tex != NULL)
    SDL_DestroyTexture (a->tex);
  if (a->ren != NULL)
    SDL_DestroyRenderer (a->ren);
  if (a->win != NULL)
    SDL_DestroyWindow (a->win);
  if (a->sdl_up)
    SDL_QuitSubSystem (SDL_INIT_VIDEO);
  if (a->job.lock != NULL)
    SDL_DestroyMutex (a->job.lock);
  rs_landscape_free (a->job.ready);
  rs_landscape_free (a->land);
  rs_landscape_free (a->land_old);
  rs_sim_free (a->sim);
  drop_extra (a);
  free (a);
}

/* ---- controls ----------------------------------------------------------- */

static void step (rs_app *a);

/* The run's activation from the live settings (C8): under Leaky ReLU the
 * plateau tilts. */
static void
set_activation (rs_app *a)
{
  branch (a);
  rs_sim_set_activation (a->sim, a->leaky ? rs_act_leaky_relu : rs_act_relu,
                         a->alpha);
  for (size_t i = 0; i < a->n_extra; i++)
    rs_sim_set_activation (a->extra[i], a->leaky ? rs_act_leaky_relu
                           : rs_act_relu, a->alpha);
  changed (a);
}

/* L: Leaky ReLU on or off. */
static void
toggle_activation (rs_app *a)
{
  a->leaky = !a->leaky;
  set_activation (a);
}

/* A and Z: alpha up or down by ALPHA_FACTOR, switching Leaky ReLU on. */
static void
scale_alpha (rs_app *a, double factor)
{
  a->alpha = fmin (fmax (a->alpha * factor, ALPHA_MIN), ALPHA_MAX);
  a->leaky = 1;
  set_activation (a);
}

/* K: a thermal kick of the live strength (C11). */
static void
kick (rs_app *a)
{
  branch (a);
  rs_sim_kick (a->sim, a->kick_sigma);
  changed (a);
}

/* The learning rate times factor, from now on. */
static void
scale_rate (rs_app *a, double factor)
{
  double r = fmin (a->rate * factor, RATE_MAX);

  branch (a);
  if (rs_sim_set_rate (a->sim, r) == RS_OK)
    a->rate = r;
  changed (a);
}


/* A new run from p, started at the parameters of the point shown, with
 * the live activation and rate.  The landscape's thread reads the old
 * run's data: it is joined first. */
static void
remake_sim (rs_app *a, const rs_sim_params *p)
{
  size_t at = finite_index (a, current_index (a));
  const rs_net *net = rs_sim_net (a->sim);
  size_t np = rs_net_nparams (net);
  double *theta = malloc (np * sizeof *theta);
  rs_sim *ns;
  rs_error err;
  char msg[400];

  ns = theta != NULL ? rs_sim_alloc (p, &err) : NULL;
  if (ns == NULL)
    {
      snprintf (msg, sizeof msg, "cannot change the run: %.300s", theta == NULL
                ? "out of memory" : err.message);
      toast (a, 1, msg);
      free (theta);
      return;
    }
  memcpy (theta, rs_sim_theta (a->sim, at), np * sizeof *theta);
  land_join (a);
  figure_drop (a);
  rs_sim_free (a->sim);
  a->sim = ns;
  rs_sim_start_at (a->sim, theta);
  free (theta);
  apply_live (a);
  changed (a);
}

/* The run's parameters, to change and remake the run with. */
static rs_sim_params
run_params (const rs_app *a)
{
  return *rs_sim_get_params (a->sim);
}

/* W: bias warming on or off (C10). */
static void
toggle_warming (rs_app *a)
{
  rs_sim_params p = run_params (a);
  const rs_warming *w0 = &a->scene.sim.warming;

  if (p.warming.gamma0 > 0.0)
    p.warming.gamma0 = 0.0;
  else if (w0->gamma0 > 0.0)
    p.warming = *w0;
  else
    {
      memset (&p.warming, 0, sizeof p.warming);
      p.warming.gamma0 = WARM_GAMMA;
      p.warming.hold = WARM_HOLD;
      p.warming.anneal = WARM_ANNEAL;
    }
  remake_sim (a, &p);
}

/* D: weight decay on the biases on or off (C7). */
static void
toggle_decay_biases (rs_app *a)
{
  rs_sim_params p = run_params (a);

  p.decay.biases = !p.decay.biases;
  if (p.decay.biases && p.decay.lambda == 0.0)
    p.decay.lambda = DECAY_LAMBDA;
  remake_sim (a, &p);
}

/* O: the next optimiser of the library's table. */
static void
next_optim (rs_app *a)
{
  rs_sim_params p = run_params (a);
  size_t i = 0;

  while (rs_optim_types[i] != NULL && rs_optim_types[i] != p.optim)
    i++;
  p.optim = rs_optim_types[i] != NULL && rs_optim_types[i + 1] != NULL
            ? rs_optim_types[i + 1] : rs_optim_types[0];
  remake_sim (a, &p);
}

/* C: the kink convention f'(0) = s, s going 0, 0.5, 1 (C3). */
static void
next_kink (rs_app *a)
{
  rs_sim_params p = run_params (a);
  double s = a->scene.sim.net.layers > 0 ? p.net.kink : p.kink;

  s = s < 0.25 ? 0.5 : s < 0.75 ? 1.0 : 0.0;
  p.kink = s;
  p.net.kink = s;
  remake_sim (a, &p);
}

/* B: one more ball where the first one is, with the optimiser after the
 * last ball's (the library's table, round), the same activation and
 * rate, to compare how they roll (the classic figure only). */
static void
add_ball (rs_app *a)
{
  rs_sim_params p = run_params (a);
  const rs_sim *last = a->n_extra > 0 ? a->extra[a->n_extra - 1] : a->sim;
  const rs_neuron *u = rs_sim_neuron (a->sim);
  size_t i = 0;
  rs_sim *ns;
  rs_error err;

  if (a->fig != NULL || a->n_extra == MAX_EXTRA)
    {
      toast (a, 0, a->fig != NULL ? "more balls: only on the single "
             "neuron's classic figure" : "no more balls (R removes them)");
      return;
    }
  while (rs_optim_types[i] != NULL
         && rs_optim_types[i] != rs_sim_get_params (last)->optim)
    i++;
  p.optim = rs_optim_types[i] != NULL && rs_optim_types[i + 1] != NULL
            ? rs_optim_types[i + 1] : rs_optim_types[0];
  if ((ns = rs_sim_alloc (&p, &err)) == NULL)
    {
      toast (a, 1, err.message);
      return;
    }
  rs_sim_restart (ns, u->w, u->b);
  rs_sim_set_activation (ns, u->act, u->alpha);
  rs_sim_set_rate (ns, a->rate);
  a->extra[a->n_extra++] = ns;
}

/* R: the scene's run and every live setting back to the scene's. */
static void
reset (rs_app *a)
{
  rs_sim *ns;
  rs_error err;

  if ((ns = rs_sim_alloc (&a->scene.sim, &err)) == NULL)
    {
      toast (a, 1, err.message);
      return;
    }
  land_join (a);
  figure_drop (a);
  rs_sim_free (a->sim);
  a->sim = ns;
  drop_extra (a);
  live_from_scene (a);
  a->shown = 0;
  if (classic_look (&a->scene))
    changed (a);
  else
    figure_remake (a, 0);
}

/* A jump to recorded point i of the figure's run, pausing there. */
static void
show_point (rs_app *a, size_t i)
{
  size_t n = rs_sim_n_recorded (a->sim);

  a->shown = i < n ? i : n - 1;
  a->acc = 0.0;
  rs_figure_show (a->fig, a->shown);
  settle_ball (a);
}

/* One step, forward or back, paused: in figure mode through the recorded
 * points; in the classic figure a step of the run, or back to the point
 * before (the points after it are dropped). */
static void
single_step (rs_app *a, int forward)
{
  size_t n = rs_sim_n_recorded (a->sim);

  a->paused = 1;
  if (a->fig != NULL)
    {
      if (forward || a->shown > 0)
        show_point (a, forward ? a->shown + 1 : a->shown - 1);
      return;
    }
  if (forward)
    step (a);
  else if (n >= 2)
    rs_sim_rewind (a->sim, n - 2);
  a->acc = 0.0;
  settle_ball (a);
}

/* PageDown, PageUp: the next or previous point with a beat (else the end
 * or the start), paused there. */
static void
goto_beat (rs_app *a, int forward)
{
  size_t n = rs_sim_n_recorded (a->sim), i = current_index (a);

  if (a->fig == NULL)
    return;
  a->paused = 1;
  if (forward)
    {
      while (i + 1 < n && !(rs_sim_recorded (a->sim, ++i)->events
                            & RS_EVENT_BEAT))
        ;
    }
  else
    {
      while (i > 0 && !(rs_sim_recorded (a->sim, --i)->events
                        & RS_EVENT_BEAT))
        ;
    }
  show_point (a, i);
}

/* The speed times factor, in the scene language's range. */
static void
scale_speed (rs_app *a, double factor)
{
  a->speed = fmin (fmax (a->speed * factor, SPEED_MIN), SPEED_MAX);
}

/* T, F5: a new look; the figure is remade for it. */
static void
restyle (rs_app *a)
{
  rs_error err;

  if (choose_figure (a, &err) != RS_OK)
    toast (a, 1, err.message);
}

/* F: fullscreen on the window's display, or back. */
static void
toggle_fullscreen (rs_app *a)
{
  char msg[300];

  if (SDL_SetWindowFullscreen (a->win, a->fullscreen ? 0
                               : SDL_WINDOW_FULLSCREEN_DESKTOP) != 0)
    {
      snprintf (msg, sizeof msg, "cannot switch fullscreen: %s",
                SDL_GetError ());
      toast (a, 1, msg);
      return;
    }
  a->fullscreen = !a->fullscreen;
}

static void save_file (rs_app *a, const char *ext);

/* Keys that change the run or how it is played. */
static int
handle_run_key (rs_app *a, SDL_Keycode key, int shift)
{
  switch (key)
    {
    case SDLK_SPACE:
      a->paused = !a->paused;
      break;
    case SDLK_PLUS:
    case SDLK_EQUALS:
    case SDLK_KP_PLUS:
      scale_speed (a, SPEED_FACTOR);
      break;
    case SDLK_MINUS:
    case SDLK_KP_MINUS:
      scale_speed (a, 1.0 / SPEED_FACTOR);
      break;
    case SDLK_UP:
      if (shift)
        scale_rate (a, RATE_FACTOR);
      else
        scale_speed (a, SPEED_FACTOR);
      break;
    case SDLK_DOWN:
      if (shift)
        scale_rate (a, 1.0 / RATE_FACTOR);
      else
        scale_speed (a, 1.0 / SPEED_FACTOR);
      break;
    case SDLK_PERIOD:
      single_step (a, 1);
      break;
    case SDLK_COMMA:
    case SDLK_BACKSPACE:
      single_step (a, 0);
      break;
    case SDLK_RIGHT:
      if (a->present)
        goto_beat (a, 1);
      else
        single_step (a, 1);
      break;
    case SDLK_LEFT:
      if (a->present)
        goto_beat (a, 0);
      else
        single_step (a, 0);
      break;
    case SDLK_PAGEDOWN:
      goto_beat (a, 1);
      break;
    case SDLK_PAGEUP:
      goto_beat (a, 0);
      break;
    case SDLK_l:
      toggle_activation (a);
      break;
    case SDLK_a:
      scale_alpha (a, ALPHA_FACTOR);
      break;
    case SDLK_z:
      scale_alpha (a, 1.0 / ALPHA_FACTOR);
      break;
    case SDLK_k:
      kick (a);
      break;
    case SDLK_RIGHTBRACKET:
      a->kick_sigma = fmin (a->kick_sigma * KICK_FACTOR, KICK_MAX);
      break;
    case SDLK_LEFTBRACKET:
      a->kick_sigma = fmax (a->kick_sigma / KICK_FACTOR, KICK_MIN);
      break;
    case SDLK_o:
      next_optim (a);
      break;
    case SDLK_w:
      toggle_warming (a);
      break;
    case SDLK_d:
      toggle_decay_biases (a);
      break;
    case SDLK_c:
      next_kink (a);
      break;
    case SDLK_r:
      reset (a);
      break;
    case SDLK_b:
      add_ball (a);
      break;
    default:
      return 0;
    }
  return 1;
}

/* A key press; repeats of a held key are ignored. */
static void
handle_key (rs_app *a, SDL_Keycode key, Uint16 mod)
{
  int shift = (mod & KMOD_SHIFT) != 0;

  if (handle_run_key (a, key, shift))
    return;
  switch (key)
    {
    case SDLK_g:
      a->show_grad = !a->show_grad;
      break;
    case SDLK_p:
      a->show_path = !a->show_path;
      break;
    case SDLK_t:
      a->scene.style.dark = !a->scene.style.dark;
      restyle (a);
      break;
    case SDLK_F5:
      set_present (a, !a->present);
      restyle (a);
      break;
    case SDLK_f:
      toggle_fullscreen (a);
      break;
    case SDLK_s:
      save_file (a, "png");
      break;
    case SDLK_e:
      save_file (a, "pdf");
      break;
    case SDLK_h:
    case SDLK_QUESTION:
      a->help = !a->help;
      break;
    case SDLK_SLASH:
      if (shift)
        a->help = !a->help;
      break;
    case SDLK_q:
    case SDLK_ESCAPE:
      a->quit = 1;
      break;
    default:
      break;
    }
}

/* The centre of window point (x, y) in the drawing's pixels. */
static void
point_to_pixel (const rs_app *a, int x, int y, double *px, double *py)
{
  int ww, wh;

  SDL_GetWindowSize (a->win, &ww, &wh);
  *px = (x + 0.5) * (ww > 0 ? (double) a->tex_w / ww : 1.0);
  *py = (y + 0.5) * (wh > 0 ? (double) a->tex_h / wh : 1.0);
}

/* The plot of the clickable view in figure mode. */
static rs_rect
probe_plot (const rs_app *a)
{
  return rs_plane_plot_rect (rs_figure_cell (a->fig, a->probe_view,
                                             a->tex_w, a->tex_h),
                             rs_figure_scale (a->fig));
}

/* Whether (px, py) lies in r. */
static int
inside (rs_rect r, double px, double py)
{
  return px >= r.x && px <= r.x + r.width && py >= r.y
         && py <= r.y + r.height;
}

/* A click on the figure's landscape: the two parameters of its plane set
 * to the point under the pointer (rs_plane_map inverted), the others
 * those of the point shown, and a new run from there. */
static void
click_figure (rs_app *a, double px, double py)
{
  const rs_view *v = &a->views[a->probe_view];
  rs_rect plot;
  rs_interval ur, vr;
  size_t np, iu, iv;
  double *theta;

  if (a->probe == NULL || !inside (plot = probe_plot (a), px, py))
    return;
  ur = rs_plane_u_range (a->probe);
  vr = rs_plane_v_range (a->probe);
  np = rs_net_nparams (rs_sim_net (a->sim));
  if (rs_net_param_lookup (rs_sim_net (a->sim), v->axes == RS_AXES_PARAMS
                           ? v->p1 : "W1[0][0]", &iu, NULL) != RS_OK
      || rs_net_param_lookup (rs_sim_net (a->sim), v->axes == RS_AXES_PARAMS
                              ? v->p2 : "b1[0]", &iv, NULL) != RS_OK
      || (theta = malloc (np * sizeof *theta)) == NULL)
    return;
  memcpy (theta, rs_sim_theta (a->sim, finite_index (a, a->shown)),
          np * sizeof *theta);
  theta[iu] = ur.lo + (px - plot.x) / plot.width * (ur.hi - ur.lo);
  theta[iv] = vr.hi - (py - plot.y) / plot.height * (vr.hi - vr.lo);
  figure_drop (a);
  rs_sim_start_at (a->sim, theta);
  free (theta);
  apply_live (a);
  figure_remake (a, 0);
}

/* Whether (px, py) lies on a 3-D view of the figure. */
static int
on_3d_view (const rs_app *a, double px, double py)
{
  for (size_t i = 0; i < a->n_views; i++)
    if (a->views[i].three_d
        && inside (rs_figure_cell (a->fig, i, a->tex_w, a->tex_h), px, py))
      return 1;
  return 0;
}

/* A drag on a 3-D view: the camera turns with the pointer, (dx, dy)
 * points.  The 3-D view reads its camera from the figure's scene at each
 * frame, so it turns while the pointer moves; the figure is remade when
 * the button is let go. */
static void
drag_camera (rs_app *a, int dx, int dy)
{
  rs_style *st = &a->scene.style;

  st->azimuth = remainder (st->azimuth - DRAG_DEGREES * dx, 360.0);
  st->elevation = fmin (fmax (st->elevation + DRAG_DEGREES * dy,
                              ELEVATION_MIN), ELEVATION_MAX);
  a->fig_scene.style.azimuth = st->azimuth;
  a->fig_scene.style.elevation = st->elevation;
}

/* A left click inside the plot restarts the ball from the point there;
 * on a 3-D view it starts a drag. */
static void
handle_click (rs_app *a, int x, int y)
{
  rs_rect plot = rs_draw_plot_rect (a->tex_w, a->tex_h);
  double px, py, w, b;

  point_to_pixel (a, x, y, &px, &py);
  if (a->fig != NULL && on_3d_view (a, px, py))
    {
      a->dragging = 1;
      return;
    }
  if (a->fig != NULL)
    {
      click_figure (a, px, py);
      return;
    }
  if (!inside (plot, px, py))
    return;
  rs_draw_unmap (&a->scene, plot, px, py, &w, &b);
  rs_sim_restart (a->sim, w, b);
  for (size_t i = 0; i < a->n_extra; i++)
    rs_sim_restart (a->extra[i], w, b);
  changed (a);
}

void
rs_app_handle_event (rs_app *a, const SDL_Event *e)
{
  switch (e->type)
    {
    case SDL_QUIT:
      a->quit = 1;
      break;
    case SDL_KEYDOWN:
      if (!e->key.repeat)
        handle_key (a, e->key.keysym.sym, e->key.keysym.mod);
      break;
    case SDL_MOUSEBUTTONDOWN:
      if (e->button.button == SDL_BUTTON_LEFT)
        handle_click (a, e->button.x, e->button.y);
      break;
    case SDL_MOUSEMOTION:
      if (a->dragging)
        drag_camera (a, e->motion.xrel, e->motion.yrel);
      break;
    case SDL_MOUSEBUTTONUP:
      if (a->dragging && e->button.button == SDL_BUTTON_LEFT)
        {
          a->dragging = 0;
          restyle (a);
        }
      break;
    default:
      break;
    }
}

void
rs_app_poll (rs_app *a)
{
  SDL_Event e;

  while (SDL_PollEvent (&e))
    rs_app_handle_event (a, &e);
}

/* ---- time --------------------------------------------------------------- */

/* One optimiser step, remembering where the ball came from.  A run that
 * has diverged stays where it is until reset. */
static void
step (rs_app *a)
{
  for (size_t i = 0; i < a->n_extra; i++)
    if (rs_sim_test (a->extra[i]) != RS_SIM_DIVERGED)
      rs_sim_iterate (a->extra[i]);
  if (rs_sim_test (a->sim) == RS_SIM_DIVERGED)
    return;
  settle_ball (a);
  rs_sim_iterate (a->sim);
}

/* One recorded point further in figure mode; in presenter mode a beat
 * pauses there.  Returns 0 at a pause or the end. */
static int
play (rs_app *a)
{
  if (a->shown + 1 >= rs_sim_n_recorded (a->sim))
    return 0;
  settle_ball (a);
  a->shown++;
  rs_figure_show (a->fig, a->shown);
  if (a->present && (rs_sim_recorded (a->sim, a->shown)->events
                     & RS_EVENT_BEAT))
    {
      a->paused = 1;
      a->acc = 0.0;
      settle_ball (a);
      return 0;
    }
  return 1;
}

void
rs_app_advance (rs_app *a, double seconds)
{
  double period = 1.0 / a->speed;

  if (seconds > 0.0)
    a->clock += seconds;
  if (a->paused || !(seconds > 0.0))
    return;
  a->acc += fmin (seconds, MAX_CATCH_UP);
  while (a->acc >= period - TIME_EPS)
    {
      a->acc -= period;
      if (a->fig == NULL)
        step (a);
      else if (!play (a))
        break;
    }
}

void
rs_app_ball (const rs_app *a, double *w, double *b)
{
  const rs_sim_point *pt = rs_sim_recorded (a->sim, current_index (a));
  double t = a->acc * a->speed;

  if (a->fig != NULL)
    {
      /* the figure draws its own ball, between the points of the run
         (rs_figure_between); here the point shown */
      *w = pt->w;
      *b = pt->b;
      return;
    }
  t = t < 0.0 ? 0.0 : t > 1.0 ? 1.0 : t;
  *w = a->prev_w + t * (pt->w - a->prev_w);
  *b = a->prev_b + t * (pt->b - a->prev_b);
}

/* ---- drawing ------------------------------------------------------------ */

/* The units that can die and how many: those of every layer that is not
 * the identity (as rs_sim_point.dead counts them). */
static size_t
unit_count (const rs_app *a)
{
  const rs_net_spec *sp = &rs_sim_get_params (a->sim)->net;
  size_t n = 0;

  for (size_t l = 1; l <= sp->layers; l++)
    if (sp->act[l - 1] != rs_act_identity)
      n += sp->sizes[l];
  return n;
}

/* The activity line of the HUD: the single neuron's active points, a
 * network's alive and dead units (C4, C6). */
static void
activity_text (const rs_app *a, const rs_sim_point *pt, char *buf, size_t n)
{
  size_t units = unit_count (a);

  if (rs_sim_is_neuron (a->sim))
    snprintf (buf, n, "active on %zu of %zu points%s", pt->active,
              rs_sim_data (a->sim)->n, pt->active == 0 ? " (dead)" : "");
  else
    snprintf (buf, n, "units: %zu alive, %zu dead", units - pt->dead,
              pt->dead);
}

/* The HUD: where the run is (step, loss, gradient norm, activity) and the
 * live settings (C5). */
static void
hud_text (const rs_app *a, char *buf, size_t n)
{
  const rs_sim_params *p = rs_sim_get_params (a->sim);
  const rs_sim_point *pt = rs_sim_recorded (a->sim, current_index (a));
  char act[200], outcome[160] = "";

  activity_text (a, pt, act, sizeof act);
  if (current_index (a) + 1 == rs_sim_n_recorded (a->sim))
    rs_draw_outcome (a->sim, outcome, sizeof outcome);
  snprintf (buf, n,
            "step <b>%zu</b>%s\nloss %.4g · |∇L| %.3g\n%s\n"
            "%s%s%.3g%s · f′(0) = %g\n"
            "η %.3g · %s · T %.3g\n"
            "warming %s · bias decay %s · kick σ %.3g\n"
            "%.3g steps/s%s%s%s · H: help",
            pt->step, a->fig != NULL && current_index (a) + 1
            < rs_sim_n_recorded (a->sim) ? " (replay)" : "", pt->loss,
            pt->gnorm, act, a->leaky ? "Leaky ReLU" : "ReLU",
            a->leaky ? ", α = " : " (α ", a->alpha, a->leaky ? "" : " off)",
            a->scene.sim.net.layers > 0 ? p->net.kink : p->kink, pt->rate,
            p->optim->name, pt->temperature,
            p->warming.gamma0 > 0.0 ? "on" : "off",
            p->decay.biases && p->decay.lambda > 0.0 ? "on" : "off",
            a->kick_sigma, a->speed, a->paused ? " · <b>paused</b>" : "",
            outcome[0] ? "\n" : "", outcome);
}

/* The help overlay: every key. */
static void
help_text (char *buf, size_t n)
{
  size_t len = (size_t) snprintf (buf, n, "<b>Keys</b>");

  for (size_t i = 0; i < N_ELEMS (app_keys) && len < n; i++)
    len += (size_t) snprintf (buf + len, n - len, "\n<b>%s</b>   %s",
                              app_keys[i].keys, app_keys[i].what);
}

/* The plot that overlays go on (the classic figure's, or the first
 * view's) and the scale of their text. */
static rs_rect
overlay_plot (const rs_app *a, double width, double height, double *s)
{
  if (a->fig == NULL)
    {
      *s = rs_draw_scale (width, height);
      return rs_draw_plot_rect (width, height);
    }
  *s = rs_figure_scale (a->fig);
  return rs_plane_plot_rect (rs_figure_cell (a->fig, 0, width, height), *s);
}

/* Where the ball is drawn, in pixels; 0 when the first view has none. */
static int
ball_pixel (const rs_app *a, double width, double height, double *x,
            double *y)
{
  double w, b;

  if (a->fig != NULL)
    return rs_figure_ball (a->fig, 0, width, height, x, y);
  rs_app_ball (a, &w, &b);
  rs_draw_map (&a->scene, rs_draw_plot_rect (width, height), w, b, x, y);
  return 1;
}

/* A box of markup in the top-left corner of the plot, or in its top-right
 * corner when the ball is under the top-left one: the HUD must not hide
 * what it describes. */
static void
draw_overlay (cairo_t *cr, const rs_app *a, double width, double height,
              const char *markup)
{
  double s, bw, bh, bx, by, x, y;
  rs_rect plot = overlay_plot (a, width, height, &s);

  rs_text_size (cr, NULL, markup, 13.0 * s, 0, &bw, &bh);
  bw += 16 * s;
  bh += 16 * s;
  x = plot.x + 8 * s;
  y = plot.y + 8 * s;
  if (ball_pixel (a, width, height, &bx, &by)
      && bx < x + bw + 20 * s && by < y + bh + 20 * s)
    x = fmax (plot.x + plot.width - bw - 8 * s, x);
  rs_draw_text_box (cr, x, y, markup, s);
}

/* Arrows of -∇L on a coarse grid over the classic landscape, of equal
 * length (the direction the ball is pushed); none where the gradient is
 * below the scene's tolerance: the plateau shows as a hole (C5). */
static void
draw_gradient_arrows (cairo_t *cr, const rs_app *a, double width,
                      double height)
{
  rs_rect plot = rs_draw_plot_rect (width, height);
  double s = rs_draw_scale (width, height), len = 14 * s;
  rs_neuron u = *rs_sim_neuron (a->sim);
  const rs_data *d = rs_sim_data (a->sim);

  cairo_save (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_set_line_width (cr, 1.3 * s);
  for (int i = 0; i < 16; i++)
    for (int j = 0; j < 11; j++)
      {
        double px = plot.x + (i + 0.5) * plot.width / 16;
        double py = plot.y + (j + 0.5) * plot.height / 11;
        double gw, gb, gn, dx, dy;

        rs_draw_unmap (&a->scene, plot, px, py, &u.w, &u.b);
        rs_loss_mse_grad (&u, d, &gw, &gb);
        gn = hypot (gw, gb);
        if (!(gn > a->scene.sim.tol))
          continue;
        /* -∇L in pixels: w grows rightwards, b upwards */
        dx = -gw / gn * len;
        dy = gb / gn * len;
        cairo_move_to (cr, px, py);
        cairo_line_to (cr, px + dx, py + dy);
        cairo_stroke (cr);
        cairo_arc (cr, px + dx, py + dy, 1.8 * s, 0, 2 * M_PI);
        cairo_fill (cr);
      }
  cairo_restore (cr);
}

/* The pixel of an extra ball's recorded point i, for rs_draw_path_line. */
typedef struct {
  const rs_app *a;
  const rs_sim *sim;
  rs_rect plot;
} extra_path;

static unsigned
extra_point (void *data, size_t i, double *x, double *y)
{
  extra_path *ep = data;
  const rs_sim_point *pt = rs_sim_recorded (ep->sim, i);

  rs_draw_map (&ep->a->scene, ep->plot, pt->w, pt->b, x, y);
  return pt->events;
}

/* The extra balls on the classic figure: each one's path, the ball where
 * its run is and its optimiser's name beside it. */
/* The other balls' colours, told apart by colour-blind viewers too. */
static const double extra_colour[4][3] = {
  { 0.0, 0.447, 0.698 }, { 0.0, 0.620, 0.451 }, { 0.902, 0.624, 0.0 },
  { 0.800, 0.475, 0.655 }
};

static void
draw_extra (cairo_t *cr, const rs_app *a, double width, double height)
{
  double s = rs_draw_scale (width, height);
  extra_path ep = { a, NULL, rs_draw_plot_rect (width, height) };

  double bw, bb, bx, by;

  if (a->n_extra == 0)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, ep.plot.x, ep.plot.y, ep.plot.width,
                   ep.plot.height);
  cairo_clip (cr);
  rs_app_ball (a, &bw, &bb);
  rs_draw_map (&a->scene, ep.plot, bw, bb, &bx, &by);
  rs_draw_text_on_map (cr, bx + 16 * s, by, rs_sim_get_params
                       (a->sim)->optim->name, 12 * s, 1, 0, 0.5);
  for (size_t i = 0; i < a->n_extra; i++)
    {
      const rs_sim_point *pt = rs_sim_current (a->extra[i]);
      double x, y;

      ep.sim = a->extra[i];
      if (a->show_path)
        rs_draw_path_line (cr, rs_sim_n_recorded (ep.sim), extra_point, &ep,
                           s);
      rs_draw_map (&a->scene, ep.plot, pt->w, pt->b, &x, &y);
      /* Okabe-Ito blue, bluish green, orange, reddish purple */
      rs_draw_ball_coloured (cr, x, y, s, extra_colour[i % 4][0],
                             extra_colour[i % 4][1], extra_colour[i % 4][2]);
      rs_draw_text_on_map (cr, x + 16 * s, y, rs_sim_get_params
                           (ep.sim)->optim->name, 12 * s, 1, 0, 0.5);
    }
  cairo_restore (cr);
}

/* The figure alone, as exported: the classic figure with the ball where
 * it is drawn now, or the scene's figure at the point shown. */
static void
draw_view (cairo_t *cr, double width, double height, void *data)
{
  rs_app *a = data;
  rs_frame f;

  if (a->fig != NULL)
    {
      double t = a->acc * a->speed;

      /* the ball glides from the point before the one shown to it over a
         step's period, as on the classic figure */
      rs_figure_marks (a->fig, a->show_path, a->show_grad);
      rs_figure_between (a->fig, a->paused ? 1.0 : t);
      rs_figure_draw (cr, width, height, a->fig);
      return;
    }
  if (a->land == NULL)
    {
      /* the figure could not be made: the message says why; R resets */
      cairo_set_source_rgb (cr, 0.3, 0.3, 0.32);
      cairo_paint (cr);
      return;
    }
  f.scene = &a->scene;
  f.sim = a->sim;
  f.land = a->land;
  rs_app_ball (a, &f.ball_w, &f.ball_b);
  f.note = NULL;
  f.n_path = a->show_path ? 0 : 1;
  rs_draw_frame (cr, width, height, &f);
  if (a->show_grad)
    draw_gradient_arrows (cr, a, width, height);
  draw_extra (cr, a, width, height);
}

/* The window's picture: the figure, the HUD, the help when asked for and
 * the last message. */
static void
draw_app (cairo_t *cr, double width, double height, void *data)
{
  rs_app *a = data;
  char text[2048];
  double s;

  draw_view (cr, width, height, a);
  /* in presenter mode the figure's own status line is the HUD: the large
     text would cover the landscape */
  if (a->help)
    help_text (text, sizeof text);
  else if (!a->present)
    hud_text (a, text, sizeof text);
  if (a->help || !a->present)
    draw_overlay (cr, a, width, height, text);
  overlay_plot (a, width, height, &s);
  if (a->toast[0] && a->clock < a->toast_until)
    rs_draw_text_box (cr, 10 * s, height - 40 * s, a->toast, s);
}

/* Draw the picture with cairo straight into the locked texture. */
static int
draw_into_texture (rs_app *a, rs_error *err)
{
  cairo_surface_t *s;
  cairo_t *cr;
  cairo_status_t st;
  void *pixels;
  int pitch;

  if (SDL_LockTexture (a->tex, NULL, &pixels, &pitch) != 0)
    return sdl_fail (err, "cannot lock the texture");
  s = cairo_image_surface_create_for_data (pixels, CAIRO_FORMAT_ARGB32,
                                           a->tex_w, a->tex_h, pitch);
  cr = cairo_create (s);
  draw_app (cr, a->tex_w, a->tex_h, a);
  st = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
  SDL_UnlockTexture (a->tex);
  if (st != CAIRO_STATUS_SUCCESS)
    return rs_error_set (err, RS_EIO, NULL, 0, 0, "cannot draw: %s",
                         cairo_status_to_string (st));
  return RS_OK;
}

/* Copy the texture to the whole render target. */
static int
copy_texture (rs_app *a, rs_error *err)
{
  if (SDL_RenderClear (a->ren) != 0
      || SDL_RenderCopy (a->ren, a->tex, NULL, NULL) != 0)
    return sdl_fail (err, "cannot copy the picture to the window");
  return RS_OK;
}

int
rs_app_render (rs_app *a, rs_error *err)
{
  land_poll (a);
  fig_poll (a);
  if (ensure_texture (a, err) != RS_OK || draw_into_texture (a, err) != RS_OK
      || copy_texture (a, err) != RS_OK)
    return -1;
  SDL_RenderPresent (a->ren);
  return 0;
}

int
rs_app_read_pixels (rs_app *a, void *pixels, int pitch, rs_error *err)
{
  if (copy_texture (a, err) != RS_OK)
    return -1;
  if (SDL_RenderReadPixels (a->ren, NULL, SDL_PIXELFORMAT_ARGB8888, pixels,
                            pitch) != 0)
    {
      sdl_fail (err, "cannot read the window's pixels");
      return -1;
    }
  return 0;
}

/* Write draw's picture at the window's pixel size to path. */
static int
write_file (rs_app *a, const char *path,
            void (*draw) (cairo_t *, double, double, void *), rs_error *err)
{
  char msg[512];

  if (ensure_texture (a, err) != RS_OK)
    return -1;
  if (rs_export (path, a->tex_w, a->tex_h, draw, a, msg, sizeof msg) != 0)
    {
      rs_error_set (err, RS_EIO, NULL, 0, 0, "%s", msg);
      return -1;
    }
  return 0;
}

int
rs_app_screenshot (rs_app *a, const char *path, rs_error *err)
{
  return write_file (a, path, draw_app, err);
}

/* S and E: the window as PNG, or the figure alone as PDF, named after the
 * scene and the step shown (net-dead-step00123.png); the window says
 * where it went, or why it could not. */
static void
save_file (rs_app *a, const char *ext)
{
  const rs_sim_point *pt = rs_sim_recorded (a->sim, current_index (a));
  char path[1200], msg[1800];
  rs_error err;
  int rc;

  snprintf (path, sizeof path, "%s/%s-step%05zu.%s",
            a->opt.save_dir != NULL ? a->opt.save_dir : ".",
            a->opt.name != NULL ? a->opt.name : "reluscape", pt->step, ext);
  rc = write_file (a, path, strcmp (ext, "png") == 0 ? draw_app : draw_view,
                   &err);
  if (rc == 0)
    snprintf (msg, sizeof msg, "saved %s", path);
  else
    snprintf (msg, sizeof msg, "cannot save %s: %s", path, err.message);
  toast (a, rc != 0, msg);
}

/* ---- the loop ----------------------------------------------------------- */

/* The script's actions due at the current frame, in the file's order. */
static int
run_script (rs_app *a, rs_error *err)
{
  const rs_app_script *s = a->opt.script;
  SDL_Event e;

  while (s != NULL && a->next_action < rs_app_script_length (s) && !a->quit
         && rs_app_script_get (s, a->next_action)->frame <= a->frame)
    {
      const rs_script_action *act = rs_app_script_get (s, a->next_action++);
      memset (&e, 0, sizeof e);
      switch (act->kind)
        {
        case RS_SCRIPT_KEY:
          e.type = SDL_KEYDOWN;
          e.key.keysym.sym = act->key;
          e.key.keysym.mod = act->mod;
          rs_app_handle_event (a, &e);
          break;
        case RS_SCRIPT_CLICK:
          e.type = SDL_MOUSEBUTTONDOWN;
          e.button.button = SDL_BUTTON_LEFT;
          rs_app_pixel_of (a, act->w, act->b, &e.button.x, &e.button.y);
          rs_app_handle_event (a, &e);
          break;
        case RS_SCRIPT_RESIZE:
          SDL_SetWindowSize (a->win, act->width, act->height);
          break;
        case RS_SCRIPT_SCREENSHOT:
          if (rs_app_screenshot (a, act->path, err) != 0)
            return -1;
          break;
        case RS_SCRIPT_QUIT:
          a->quit = 1;
          break;
        }
    }
  return 0;
}

/* Seconds since the last call (the first call gives 0). */
static double
elapsed (Uint64 *last)
{
  Uint64 now = SDL_GetPerformanceCounter ();
  double dt = *last ? (double) (now - *last) / SDL_GetPerformanceFrequency ()
              : 0.0;

  *last = now;
  return dt;
}

/* Without vsync (or while minimised, when vsync may not wait), wait out
 * the rest of a 60th of a second, so that the loop does not spin; a
 * script runs as fast as it can draw. */
static void
pace (const rs_app *a, Uint64 start)
{
  int hidden = (SDL_GetWindowFlags (a->win) & SDL_WINDOW_MINIMIZED) != 0;
  double spent;

  if (a->fixed || (a->vsync && !hidden))
    return;
  spent = (double) (SDL_GetPerformanceCounter () - start)
          / SDL_GetPerformanceFrequency ();
  if (spent < FIXED_FRAME)
    SDL_Delay ((Uint32) ((FIXED_FRAME - spent) * 1000.0));
}

int
rs_app_run (rs_app *a, rs_error *err)
{
  Uint64 last = 0;

  while (!a->quit)
    {
      Uint64 start = SDL_GetPerformanceCounter ();
      double dt = elapsed (&last);

      rs_app_poll (a);
      if (run_script (a, err) != 0)
        return -1;
      if (a->quit)
        break;
      rs_app_advance (a, a->fixed ? FIXED_FRAME : dt);
      if (rs_app_render (a, err) != 0)
        return -1;
      a->frame++;
      if (a->opt.frames > 0 && a->frame >= a->opt.frames)
        a->quit = 1;
      pace (a, start);
    }
  return 0;
}

/* ---- accessors ---------------------------------------------------------- */

void
rs_app_output_size (const rs_app *a, int *width, int *height)
{
  *width = a->tex_w;
  *height = a->tex_h;
}

void
rs_app_pixel_of (const rs_app *a, double w, double b, int *x, int *y)
{
  rs_rect plot;
  double px, py;
  int ww, wh;

  SDL_GetWindowSize (a->win, &ww, &wh);
  if (a->fig != NULL && a->probe != NULL)
    {
      /* the clickable view's parameters: (w, b) are its (u, v) */
      rs_plane_map (a->probe, probe_plot (a), w, b, &px, &py);
    }
  else
    {
      plot = rs_draw_plot_rect (a->tex_w, a->tex_h);
      rs_draw_map (&a->scene, plot, w, b, &px, &py);
    }
  *x = (int) floor (px * ww / a->tex_w);
  *y = (int) floor (py * wh / a->tex_h);
}

int
rs_app_paused (const rs_app *a)
{
  return a->paused;
}

int
rs_app_leaky (const rs_app *a)
{
  return a->leaky;
}

double
rs_app_alpha (const rs_app *a)
{
  return a->alpha;
}

double
rs_app_speed (const rs_app *a)
{
  return a->speed;
}

double
rs_app_rate (const rs_app *a)
{
  return a->rate;
}

double
rs_app_kick_sigma (const rs_app *a)
{
  return a->kick_sigma;
}

double
rs_app_kink (const rs_app *a)
{
  const rs_sim_params *p = rs_sim_get_params (a->sim);

  return p->net.layers > 0 ? p->net.kink : p->kink;
}

int
rs_app_warming (const rs_app *a)
{
  return rs_sim_get_params (a->sim)->warming.gamma0 > 0.0;
}

int
rs_app_decay_biases (const rs_app *a)
{
  const rs_sim_params *p = rs_sim_get_params (a->sim);

  return p->decay.biases && p->decay.lambda > 0.0;
}

const rs_optim_type *
rs_app_optim (const rs_app *a)
{
  return rs_sim_get_params (a->sim)->optim;
}

int
rs_app_figure_mode (const rs_app *a)
{
  return a->fig != NULL;
}

int
rs_app_present (const rs_app *a)
{
  return a->present;
}

int
rs_app_dark (const rs_app *a)
{
  return a->scene.style.dark;
}

int
rs_app_grad_shown (const rs_app *a)
{
  return a->show_grad;
}

int
rs_app_path_shown (const rs_app *a)
{
  return a->show_path;
}

void
rs_app_camera (const rs_app *a, double *azimuth, double *elevation)
{
  *azimuth = a->scene.style.azimuth;
  *elevation = a->scene.style.elevation;
}

int
rs_app_fullscreen (const rs_app *a)
{
  return a->fullscreen;
}

size_t
rs_app_shown (const rs_app *a)
{
  return current_index (a);
}

const char *
rs_app_toast (const rs_app *a)
{
  return a->clock < a->toast_until ? a->toast : "";
}

int
rs_app_landscape_busy (const rs_app *a)
{
  return a->job.thread != NULL || a->fjob.thread != NULL;
}

size_t
rs_app_landscape_grid (const rs_app *a)
{
  return a->fig == NULL && a->land != NULL ? a->land->loss->size1 : 0;
}

size_t
rs_app_n_balls (const rs_app *a)
{
  return 1 + a->n_extra;
}

const rs_sim *
rs_app_ball_sim (const rs_app *a, size_t i)
{
  return i == 0 ? a->sim : i <= a->n_extra ? a->extra[i - 1] : NULL;
}

double
rs_app_landscape_alpha (const rs_app *a)
{
  return a->fig == NULL && a->land != NULL ? a->land->alpha : 0.0;
}

int
rs_app_help_shown (const rs_app *a)
{
  return a->help;
}

int
rs_app_quit_requested (const rs_app *a)
{
  return a->quit;
}

unsigned long
rs_app_frame (const rs_app *a)
{
  return a->frame;
}

const rs_sim *
rs_app_sim (const rs_app *a)
{
  return a->sim;
}

const rs_scene *
rs_app_scene (const rs_app *a)
{
  return &a->scene;
}
