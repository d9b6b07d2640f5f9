/* app.c: the interactive app (C4, C5, C8, C11): the landscape of draw.c in
 * an SDL2 window, the ball rolling on a fixed time step, live controls,
 * and scripts of timed actions for reproducible runs.
 *
 * Two ways of drawing (app.h): the single neuron's classic figure, live,
 * and the scene's figure of figure.c, played back from a run computed
 * ahead.  In figure mode a change goes to a copy of the run at the point
 * shown; a job computes it ahead and draws its figure off the main
 * thread (coarse at once, then on the full grid), and the window shows
 * the run before the change until then. */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdatomic.h>
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

/* Figures being made at once, on as many threads: the newest change's,
 * and older ones finishing the stage they are in. */
#define MAX_JOBS 2

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
  atomic_int done;
  rs_landscape *ready;         /* a result not yet taken (under lock) */
  int failed;                  /* under lock */
} land_job;

/* The look a figure was made in: the scene, and its views (the scene's
 * own, or the defaults); figures and planes point at both. */
typedef struct {
  rs_scene scene;
  rs_view views[RS_SCENE_MAX_VIEWS];
  size_t n_views;
} look;

/* A figure with the run and the look it points at, owned together, and
 * a 2 x 2 plane of its clickable view (NULL: none takes clicks), which
 * gives that view's window (the window does not depend on the grid). */
typedef struct {
  look *look;
  rs_sim *sim;
  rs_figure *fig;
  rs_plane *probe;
  size_t probe_view;
} picture;

/* The stages of a figure's job. */
enum { JOB_WORKING, JOB_COARSE, JOB_DONE };

/* A figure being made off the main thread, after a change: the run is
 * computed ahead on a copy, and drawn on a coarse grid (at once) and on
 * the full grid (after).  The main thread takes the coarse picture at
 * JOB_COARSE; the worker then goes on with a copy of the run of its own,
 * so that no run is ever read by one thread while another changes it. */
typedef struct {
  SDL_Thread *thread;          /* NULL: made on the main thread */
  atomic_int stage;
  atomic_int cancel;           /* a newer change came: stop early */
  unsigned long gen;           /* the change it shows */
  int run_ahead;               /* compute the run ahead first */
  int one_grid;                /* the full grid only, in one stage */
  size_t from;                 /* the point to show first */
  size_t at;                   /* the point the figures are made through */
  int width;                   /* the window's drawing, in pixels: each */
  int height;                  /* figure is drawn once at that size, so
                                  that its still layers are cached before
                                  the window shows it */
  picture coarse;
  picture full;
  int taken;                   /* the coarse picture was dealt with */
  char error[400];             /* why there is no coarse figure */
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
  /* the scene's figure, with the run (sim) and the look it was made
     from: a picture, taken apart */
  int figure_mode;             /* the scene's figure, not the classic one
                                  (fig is NULL until the first is drawn) */
  look *fig_look;
  rs_figure *fig;
  unsigned long fig_gen;       /* the change it shows */
  rs_sim *head;                /* the run with the changes not yet shown:
                                  made at the point shown; NULL: none */
  unsigned long gen;           /* counts the changes */
  fig_job *jobs[MAX_JOBS];
  size_t n_jobs;
  int want_job;                /* a change waits for a free job */
  char fig_error[400];         /* why the last figure failed */
  rs_plane *probe;             /* the figure's probe (picture) */
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
    cli_message ("%s", msg);
}

/* The index of the recorded point the app shows and changes. */
static size_t
current_index (const rs_app *a)
{
  return a->figure_mode ? a->shown : rs_sim_n_recorded (a->sim) - 1;
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

static void jobs_wait (rs_app *a);

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

  SDL_SetThreadPriority (SDL_THREAD_PRIORITY_LOW);
  /* the window's thread keeps a core of its own */
  rs_threads_limit (SDL_GetCPUCount () - 1);
  land_publish (j, rs_landscape_alloc (&j->scene, &j->u, j->d, PREVIEW_GRID,
                                       PREVIEW_GRID, &err));
  land_publish (j, rs_landscape_alloc (&j->scene, &j->u, j->d, GRID, GRID,
                                       &err));
  atomic_store (&j->done, 1);
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
  atomic_store (&j->done, 0);
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

  if (a->figure_mode || land_matches (a, a->land))
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
  if (atomic_load (&a->job.done))
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
  jobs_wait (a);
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

/* The last tame point of sim at or before i: where a landscape can be
 * sliced and a new run started after the old one diverged. */
static size_t
finite_index (const rs_sim *sim, size_t i)
{
  while (i > 0 && !point_tame (sim, i))
    i--;
  return i;
}

/* Run ahead: to the run's steps, and at least RUN_AHEAD steps past the
 * current one, so that a change near the end shows what it does; or
 * until *cancel is set. */
static void
run_ahead (rs_sim *sim, atomic_int *cancel)
{
  size_t now = rs_sim_step_count (sim);
  size_t end = rs_sim_get_params (sim)->steps;

  if (end < now + RUN_AHEAD)
    end = now + RUN_AHEAD;
  if (end > now + RUN_AHEAD_MAX)
    end = now + RUN_AHEAD_MAX;
  while (rs_sim_step_count (sim) < end
         && rs_sim_test (sim) != RS_SIM_DIVERGED && !atomic_load (cancel))
    if (rs_sim_iterate (sim) != RS_OK)
      break;
}

static void
picture_free (picture *p)
{
  rs_plane_free (p->probe);
  rs_figure_free (p->fig);
  rs_sim_free (p->sim);
  free (p->look);
  *p = (picture) { NULL, NULL, NULL, NULL, 0 };
}

/* The probe of picture p through point at: the first flat landscape over
 * two named parameters, where a click starts the ball. */
static void
make_probe (picture *p, size_t at)
{
  for (size_t i = 0; i < p->look->n_views; i++)
    {
      const rs_view *v = &p->look->views[i];

      if (v->kind != RS_VIEW_LANDSCAPE || v->three_d
          || (v->axes != RS_AXES_DEFAULT && v->axes != RS_AXES_PARAMS))
        continue;
      p->probe = rs_plane_alloc (&p->look->scene, v, p->sim, at, 2, NULL);
      p->probe_view = i;
      return;
    }
}

/* The look of sc, on the heap, or NULL. */
static look *
look_of (const rs_scene *sc)
{
  look *l = malloc (sizeof *l);

  if (l != NULL)
    {
      l->scene = *sc;
      l->n_views = rs_figure_views (&l->scene, l->views);
    }
  return l;
}

/* Draw f once at width x height, away from the window, so that the
 * landscapes' still layers are cached at that size (plane.c) by the
 * worker rather than by the first frame that shows f. */
static void
prewarm (rs_figure *f, int width, int height)
{
  cairo_surface_t *s;
  cairo_t *cr;

  if (f == NULL || width <= 0 || height <= 0)
    return;
  s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (s);
  rs_figure_draw (cr, width, height, f);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

/* The worker's first stage: the run ahead, and its figure through the
 * last tame point (on a coarse grid, or the full one in one stage); near
 * a divergence no plane has a finite width, so earlier points are
 * tried. */
static void
job_coarse (fig_job *j)
{
  rs_sim *sim = j->coarse.sim;
  size_t last;
  rs_error err;

  if (j->run_ahead)
    run_ahead (sim, &j->cancel);
  if (atomic_load (&j->cancel))
    {
      snprintf (j->error, sizeof j->error, "a newer change came");
      return;
    }
  last = finite_index (sim, rs_sim_n_recorded (sim) - 1);
  while ((j->coarse.fig = rs_figure_alloc (&j->coarse.look->scene, sim, last,
                                           j->one_grid ? FIG_GRID
                                           : FIG_PREVIEW_GRID, &err)) == NULL
         && last > 0)
    last /= 2;
  j->at = last;
  if (j->coarse.fig == NULL)
    snprintf (j->error, sizeof j->error, "%.300s", err.message);
  else
    make_probe (&j->coarse, last);
  if (j->coarse.fig != NULL && !j->one_grid && !atomic_load (&j->cancel))
    {
      prewarm (j->coarse.fig, j->width, j->height);
      /* the full figure's own run and look, copied while this thread
         still owns the coarse ones */
      j->full.sim = rs_sim_clone (sim, NULL);
      j->full.look = look_of (&j->coarse.look->scene);
    }
}

/* The second stage: the full grid, on the copy. */
static void
job_full (fig_job *j)
{
  if (j->full.sim != NULL && j->full.look != NULL
      && !atomic_load (&j->cancel))
    j->full.fig = rs_figure_alloc (&j->full.look->scene, j->full.sim, j->at,
                                   FIG_GRID, NULL);
  if (j->full.fig != NULL)
    make_probe (&j->full, j->at);
  if (!atomic_load (&j->cancel))
    prewarm (j->full.fig, j->width, j->height);
}

static int
job_worker (void *data)
{
  fig_job *j = data;

  /* the window's thread goes first when the two compete */
  SDL_SetThreadPriority (SDL_THREAD_PRIORITY_LOW);
  /* the window's thread keeps a core of its own */
  rs_threads_limit (SDL_GetCPUCount () - 1);
  job_coarse (j);
  atomic_store (&j->stage, JOB_COARSE);
  job_full (j);
  atomic_store (&j->stage, JOB_DONE);
  return 0;
}

/* The figure's job ends: its thread is joined, what no one took is
 * freed. */
static void
job_free (fig_job *j)
{
  if (j->thread != NULL)
    SDL_WaitThread (j->thread, NULL);
  if (!j->taken)
    picture_free (&j->coarse);
  picture_free (&j->full);
  free (j);
}

/* A job making the figure of sim (which it takes) in the look of now,
 * showing point `from` first; with a fixed time step (scripts, for
 * reproducible pictures) or when no thread can be made, on the main
 * thread at once. */
static void
job_start (rs_app *a, rs_sim *sim, size_t from, int ahead)
{
  fig_job *j = calloc (1, sizeof *j);

  if (j == NULL || (j->coarse.look = look_of (&a->scene)) == NULL)
    {
      free (j);
      rs_sim_free (sim);
      toast (a, 1, "cannot draw the figure: out of memory");
      return;
    }
  j->coarse.sim = sim;
  j->gen = a->gen;
  j->from = from;
  j->run_ahead = ahead;
  j->one_grid = a->fixed;
  j->width = a->tex_w;
  j->height = a->tex_h;
  atomic_store (&j->stage, JOB_WORKING);
  if (!a->fixed)
    j->thread = SDL_CreateThread (job_worker, "figure", j);
  if (j->thread == NULL)
    {
      job_coarse (j);
      job_full (j);
      atomic_store (&j->stage, JOB_DONE);
    }
  a->jobs[a->n_jobs++] = j;
}

/* Show picture p (which the app takes), its run at point `shown`. */
static void
show_picture (rs_app *a, picture *p, size_t shown)
{
  size_t n = rs_sim_n_recorded (p->sim);

  rs_plane_free (a->probe);
  rs_figure_free (a->fig);
  if (a->sim != p->sim)
    rs_sim_free (a->sim);
  free (a->fig_look);
  a->fig = p->fig;
  a->sim = p->sim;
  a->fig_look = p->look;
  a->probe = p->probe;
  a->probe_view = p->probe_view;
  *p = (picture) { NULL, NULL, NULL, NULL, 0 };
  a->shown = shown < n ? shown : n - 1;
  rs_figure_show (a->fig, a->shown);
}

/* The coarse picture of job j: shown when j has the newest change, else
 * dropped.  A figure that cannot be made leaves the one shown, and says
 * why. */
static void
take_coarse (rs_app *a, fig_job *j)
{
  j->taken = 1;
  if (j->gen != a->gen || j->coarse.fig == NULL)
    {
      if (j->gen == a->gen)
        {
          char msg[500];

          snprintf (msg, sizeof msg, "cannot draw the figure: %.300s", j->error);
          snprintf (a->fig_error, sizeof a->fig_error, "%s", j->error);
          toast (a, 1, msg);
          rs_sim_free (a->head);
          a->head = NULL;
        }
      picture_free (&j->coarse);
      return;
    }
  show_picture (a, &j->coarse, j->from);
  a->fig_gen = j->gen;
  a->acc = 0.0;
  settle_ball (a);
  rs_sim_free (a->head);
  a->head = NULL;
}

/* The full picture of job j replaces its coarse one, while that one is
 * shown. */
static void
take_full (rs_app *a, fig_job *j)
{
  if (j->full.fig == NULL || j->gen != a->fig_gen)
    return;
  show_picture (a, &j->full, a->shown);
}

static void job_launch (rs_app *a);

/* Take what the jobs made, end the jobs that are done, and start the
 * change that waited for one. */
static void
jobs_poll (rs_app *a)
{
  size_t k = 0;

  for (size_t i = 0; i < a->n_jobs; i++)
    {
      fig_job *j = a->jobs[i];
      int stage = atomic_load (&j->stage);

      if (stage >= JOB_COARSE && !j->taken)
        take_coarse (a, j);
      if (stage == JOB_DONE)
        {
          take_full (a, j);
          job_free (j);
        }
      else
        a->jobs[k++] = j;
    }
  a->n_jobs = k;
  if (a->want_job && a->n_jobs < MAX_JOBS)
    job_launch (a);
}

/* Wait for every job and take what they made. */
static void
jobs_wait (rs_app *a)
{
  while (a->n_jobs > 0 || a->want_job)
    {
      for (size_t i = 0; i < a->n_jobs; i++)
        if (a->jobs[i]->thread != NULL)
          {
            SDL_WaitThread (a->jobs[i]->thread, NULL);
            a->jobs[i]->thread = NULL;
          }
      jobs_poll (a);
    }
}

/* End every job, taking nothing. */
static void
jobs_drop (rs_app *a)
{
  for (size_t i = 0; i < a->n_jobs; i++)
    atomic_store (&a->jobs[i]->cancel, 1);
  for (size_t i = 0; i < a->n_jobs; i++)
    job_free (a->jobs[i]);
  a->n_jobs = 0;
  a->want_job = 0;
}

/* A job for the newest change: the run with the changes not yet shown,
 * computed ahead from them; or, with none, the run shown, in the look of
 * now. */
static void
job_launch (rs_app *a)
{
  const rs_sim *from = a->head != NULL ? a->head : a->sim;
  rs_sim *sim;
  rs_error err;
  char msg[500];

  a->want_job = 0;
  if ((sim = rs_sim_clone (from, &err)) == NULL)
    {
      snprintf (msg, sizeof msg, "cannot draw the figure: %.300s", err.message);
      toast (a, 1, msg);
      return;
    }
  if (a->head != NULL)
    job_start (a, sim, rs_sim_n_recorded (sim) - 1, 1);
  else
    job_start (a, sim, a->shown, 0);
}

/* A new figure after a change of the run (a->head) or of the look: the
 * jobs of earlier changes are told to stop, and the new one starts now,
 * or when a job ends.  Made on the main thread, it shows at once. */
static void
figure_request (rs_app *a)
{
  a->gen++;
  for (size_t i = 0; i < a->n_jobs; i++)
    atomic_store (&a->jobs[i]->cancel, 1);
  if (a->n_jobs < MAX_JOBS)
    job_launch (a);
  else
    a->want_job = 1;
  jobs_poll (a);
}

/* The first figure, of the app's run from its last point on: when the
 * app opens, or leaves the classic figure.  The run is a change not yet
 * shown, made off the main thread like any other, the window saying so
 * meanwhile; with a fixed time step at once.  RS_OK, or an error with
 * err when a figure made at once failed. */
static int
figure_first (rs_app *a, rs_error *err)
{
  if ((a->head = rs_sim_clone (a->sim, err)) == NULL)
    return err != NULL ? err->code : RS_ENOMEM;
  a->figure_mode = 1;
  a->shown = rs_sim_n_recorded (a->sim) - 1;
  a->fig_error[0] = '\0';
  figure_request (a);
  if (a->fixed && a->fig == NULL)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "%s", a->fig_error[0]
                         ? a->fig_error : "out of memory");
  return RS_OK;
}

/* Leave the figure for the classic one: the run of the newest change, or
 * the run shown, goes on from its point shown. */
static void
figure_leave (rs_app *a)
{
  jobs_wait (a);
  if (a->head != NULL)
    {
      rs_sim_free (a->sim);
      a->sim = a->head;
      a->head = NULL;
    }
  else
    rs_sim_rewind (a->sim, a->shown);
  rs_figure_free (a->fig);
  a->fig = NULL;
  free (a->fig_look);
  a->fig_look = NULL;
  rs_plane_free (a->probe);
  a->probe = NULL;
  a->figure_mode = 0;
}

/* Draw the figure when the scene's look asks for it, the classic figure
 * otherwise: after T or presenter mode changed the look.  Going back to
 * the classic figure keeps the run up to the point shown. */
static int
choose_figure (rs_app *a, rs_error *err)
{
  if (!classic_look (&a->scene))
    {
      if (a->figure_mode)
        {
          figure_request (a);
          return RS_OK;
        }
      land_join (a);
      return figure_first (a, err);
    }
  if (a->figure_mode)
    figure_leave (a);
  a->acc = 0.0;
  settle_ball (a);
  land_request (a);
  return RS_OK;
}

/* The run a change applies to: the classic figure's own; in figure mode
 * the run with the changes not yet shown, at first a copy of the run
 * shown, gone back to the point shown (a new branch).  NULL, with a
 * message in the window, when memory runs out. */
static rs_sim *
target (rs_app *a)
{
  rs_error err;
  char msg[500];

  if (!a->figure_mode)
    return a->sim;
  if (a->head == NULL)
    {
      if ((a->head = rs_sim_clone (a->sim, &err)) == NULL)
        {
          snprintf (msg, sizeof msg, "cannot change the run: %.300s",
                    err.message);
          toast (a, 1, msg);
          return NULL;
        }
      rs_sim_rewind (a->head, a->shown);
    }
  return a->head;
}

/* After a change: in the classic figure the ball goes on from it; in
 * figure mode the run is computed ahead from it and drawn, off the main
 * thread, and the play goes on from the change when that is done. */
static void
changed (rs_app *a)
{
  if (!a->figure_mode)
    {
      a->acc = 0.0;
      settle_ball (a);
      land_request (a);
      return;
    }
  figure_request (a);
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
apply_live (const rs_app *a, rs_sim *sim)
{
  if (a->leaky != scene_leaky (&a->scene) || a->alpha != a->scene.sim.alpha)
    rs_sim_set_activation (sim, a->leaky ? rs_act_leaky_relu : rs_act_relu,
                           a->alpha);
  if (a->rate != a->scene.sim.rate)
    rs_sim_set_rate (sim, a->rate);
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
          : figure_first (a, err) != RS_OK))
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
  jobs_drop (a);
  rs_figure_free (a->fig);
  free (a->fig_look);
  rs_plane_free (a->probe);
  rs_sim_free (a->head);
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
  rs_sim *sim = target (a);

  if (sim == NULL)
    return;
  rs_sim_set_activation (sim, a->leaky ? rs_act_leaky_relu : rs_act_relu,
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
  rs_sim *sim = target (a);

  if (sim == NULL)
    return;
  rs_sim_kick (sim, a->kick_sigma);
  changed (a);
}

/* The learning rate times factor, from now on. */
static void
scale_rate (rs_app *a, double factor)
{
  double r = fmin (a->rate * factor, RATE_MAX);
  rs_sim *sim = target (a);

  if (sim == NULL)
    return;
  if (rs_sim_set_rate (sim, r) == RS_OK)
    a->rate = r;
  for (size_t i = 0; i < a->n_extra; i++)
    rs_sim_set_rate (a->extra[i], a->rate);
  changed (a);
}

/* Which training settings a key changes. */
enum { TRAIN_OPTIM, TRAIN_WARMING, TRAIN_DECAY, TRAIN_KINK };

/* The next optimiser of the library's table after t (round). */
static const rs_optim_type *
optim_after (const rs_optim_type *t)
{
  size_t i = 0;

  while (rs_optim_types[i] != NULL && rs_optim_types[i] != t)
    i++;
  return rs_optim_types[i] != NULL && rs_optim_types[i + 1] != NULL
         ? rs_optim_types[i + 1] : rs_optim_types[0];
}

/* Change t as key `what` does, for a run at step `step`: W switches on
 * the scene's bias warming, or WARM_GAMMA's, from that step (C10); D
 * decay on the biases, with DECAY_LAMBDA when the scene has none (C7); C
 * the kink convention f'(0) = s, s going 0, 0.5, 1 (C3). */
static void
change_training (const rs_app *a, rs_sim_training *t, int what, size_t step)
{
  switch (what)
    {
    case TRAIN_OPTIM:
      t->optim = optim_after (t->optim);
      break;
    case TRAIN_WARMING:
      if (t->warming.gamma0 > 0.0)
        t->warming.gamma0 = 0.0;
      else
        {
          const rs_warming *w0 = &a->scene.sim.warming;

          if (w0->gamma0 > 0.0)
            t->warming = *w0;
          else
            t->warming = (rs_warming) { WARM_GAMMA, 0, WARM_HOLD,
                                        WARM_ANNEAL, RS_WARM_LINEAR };
          t->warming.start = step;
        }
      break;
    case TRAIN_DECAY:
      t->decay.biases = !t->decay.biases;
      if (t->decay.biases && t->decay.lambda == 0.0)
        t->decay.lambda = DECAY_LAMBDA;
      break;
    default:
      t->kink = t->kink < 0.25 ? 0.5 : t->kink < 0.75 ? 1.0 : 0.0;
      break;
    }
}

/* O, W, D, C: the run trains otherwise from the point shown on; its path
 * so far stays (a step back before the change undoes it).  The other
 * balls take the same warming, decay and kink, and keep their
 * optimisers. */
static void
train_key (rs_app *a, int what)
{
  rs_sim *sim = target (a);
  rs_sim_training t;
  rs_error err;
  char msg[500];

  if (sim == NULL)
    return;
  rs_sim_get_training (sim, &t);
  change_training (a, &t, what, rs_sim_step_count (sim));
  if (rs_sim_set_training (sim, &t, &err) != RS_OK)
    {
      snprintf (msg, sizeof msg, "cannot change the run: %.300s", err.message);
      toast (a, 1, msg);
      return;
    }
  for (size_t i = 0; what != TRAIN_OPTIM && i < a->n_extra; i++)
    {
      rs_sim_training e;

      rs_sim_get_training (a->extra[i], &e);
      change_training (a, &e, what, rs_sim_step_count (a->extra[i]));
      rs_sim_set_training (a->extra[i], &e, NULL);
    }
  changed (a);
}

/* The run's parameters, to make another run with. */
static rs_sim_params
run_params (const rs_app *a)
{
  return *rs_sim_get_params (a->sim);
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
  rs_sim *ns;
  rs_error err;

  if (a->figure_mode || a->n_extra == MAX_EXTRA)
    {
      toast (a, 0, a->figure_mode ? "more balls: only on the single "
             "neuron's classic figure" : "no more balls (R removes them)");
      return;
    }
  p.optim = optim_after (rs_sim_get_params (last)->optim);
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
  drop_extra (a);
  live_from_scene (a);
  if (a->figure_mode)
    {
      /* shown when it is computed, from its start */
      rs_sim_free (a->head);
      a->head = ns;
    }
  else
    {
      land_join (a);
      rs_sim_free (a->sim);
      a->sim = ns;
    }
  changed (a);
}

/* A jump to recorded point i of the figure's run, pausing there. */
static void
show_point (rs_app *a, size_t i)
{
  size_t n = rs_sim_n_recorded (a->sim);

  if (a->fig == NULL)
    return;
  a->shown = i < n ? i : n - 1;
  a->acc = 0.0;
  rs_figure_show (a->fig, a->shown);
  settle_ball (a);
}

/* The classic figure's run back to its recorded point i, and the other
 * balls back to the same step. */
static void
rewind_live (rs_app *a, size_t i)
{
  size_t step = rs_sim_recorded (a->sim, i)->step;

  rs_sim_rewind (a->sim, i);
  for (size_t k = 0; k < a->n_extra; k++)
    {
      size_t j = rs_sim_n_recorded (a->extra[k]) - 1;

      while (j > 0 && rs_sim_recorded (a->extra[k], j)->step > step)
        j--;
      rs_sim_rewind (a->extra[k], j);
    }
}

/* PageDown and PageUp on the classic figure: the run goes on to its next
 * beat (the scene's `at T beat`), stopping just after it, or to the
 * scene's last step when none is ahead; or back to just before the last
 * beat it passed (from where it plays that beat again), or to its
 * start. */
static void
beat_live (rs_app *a, int forward)
{
  size_t i = rs_sim_n_recorded (a->sim) - 1;
  size_t end = rs_sim_get_params (a->sim)->steps;

  if (!forward)
    {
      while (i > 0 && !(rs_sim_recorded (a->sim, i)->events & RS_EVENT_BEAT))
        i--;
      rewind_live (a, i > 0 ? i - 1 : 0);
      return;
    }
  for (size_t k = 0; k < RUN_AHEAD_MAX && rs_sim_step_count (a->sim) < end
       && rs_sim_test (a->sim) != RS_SIM_DIVERGED; k++)
    {
      size_t before = rs_sim_n_recorded (a->sim);

      step (a);
      for (size_t j = before; j < rs_sim_n_recorded (a->sim); j++)
        if (rs_sim_recorded (a->sim, j)->events & RS_EVENT_BEAT)
          return;
    }
}

/* One step, forward or back, paused: in figure mode through the recorded
 * points; in the classic figure a step of the run, or back to the point
 * before (the points after it are dropped). */
static void
single_step (rs_app *a, int forward)
{
  size_t n = rs_sim_n_recorded (a->sim);

  a->paused = 1;
  if (a->figure_mode)
    {
      if (forward || a->shown > 0)
        show_point (a, forward ? a->shown + 1 : a->shown - 1);
      return;
    }
  if (forward)
    step (a);
  else if (n >= 2)
    rewind_live (a, n - 2);
  a->acc = 0.0;
  settle_ball (a);
}

/* PageDown, PageUp: in figure mode the next or previous point with a
 * beat (else the end or the start); on the classic figure the run goes
 * on to its next beat or back before its last one (beat_live); paused
 * there. */
static void
goto_beat (rs_app *a, int forward)
{
  size_t n = rs_sim_n_recorded (a->sim), i = current_index (a);

  a->paused = 1;
  if (!a->figure_mode)
    {
      beat_live (a, forward);
      a->acc = 0.0;
      settle_ball (a);
      return;
    }
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
      train_key (a, TRAIN_OPTIM);
      break;
    case SDLK_w:
      train_key (a, TRAIN_WARMING);
      break;
    case SDLK_d:
      train_key (a, TRAIN_DECAY);
      break;
    case SDLK_c:
      train_key (a, TRAIN_KINK);
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
  const char *p1, *p2;
  rs_rect plot;
  rs_interval ur, vr;
  size_t np, iu, iv;
  double *theta;
  rs_sim *sim;

  if (a->probe == NULL || !inside (plot = probe_plot (a), px, py)
      || !rs_plane_params (a->probe, &p1, &p2))
    return;
  ur = rs_plane_u_range (a->probe);
  vr = rs_plane_v_range (a->probe);
  np = rs_net_nparams (rs_sim_net (a->sim));
  if (rs_net_param_lookup (rs_sim_net (a->sim), p1, &iu, NULL) != RS_OK
      || rs_net_param_lookup (rs_sim_net (a->sim), p2, &iv, NULL) != RS_OK
      || (theta = malloc (np * sizeof *theta)) == NULL)
    return;
  memcpy (theta, rs_sim_theta (a->sim, finite_index (a->sim, a->shown)),
          np * sizeof *theta);
  theta[iu] = ur.lo + (px - plot.x) / plot.width * (ur.hi - ur.lo);
  theta[iv] = vr.hi - (py - plot.y) / plot.height * (vr.hi - vr.lo);
  if ((sim = target (a)) != NULL)
    {
      rs_sim_start_at (sim, theta);
      apply_live (a, sim);
      changed (a);
    }
  free (theta);
}

/* Whether (px, py) lies on a 3-D view of the figure. */
static int
on_3d_view (const rs_app *a, double px, double py)
{
  for (size_t i = 0; a->fig != NULL && i < a->fig_look->n_views; i++)
    if (a->fig_look->views[i].three_d
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
  a->fig_look->scene.style.azimuth = st->azimuth;
  a->fig_look->scene.style.elevation = st->elevation;
}

/* A left click inside the plot restarts the ball from the point there;
 * on a 3-D view it starts a drag. */
static void
handle_click (rs_app *a, int x, int y)
{
  rs_rect plot = rs_draw_plot_rect (a->tex_w, a->tex_h);
  double px, py, w, b;

  point_to_pixel (a, x, y, &px, &py);
  if (a->figure_mode && on_3d_view (a, px, py))
    {
      a->dragging = 1;
      return;
    }
  if (a->figure_mode)
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
  /* after a change the ball waits there until its run is drawn */
  if (a->fig == NULL || a->head != NULL
      || a->shown + 1 >= rs_sim_n_recorded (a->sim))
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
  jobs_poll (a);
  if (a->paused || !(seconds > 0.0))
    return;
  a->acc += fmin (seconds, MAX_CATCH_UP);
  while (a->acc >= period - TIME_EPS)
    {
      a->acc -= period;
      if (!a->figure_mode)
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

  if (a->figure_mode)
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
            pt->step, a->head != NULL && a->fig != NULL
            ? " (computing the change)"
            : a->figure_mode && current_index (a) + 1
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

  if (a->figure_mode)
    return a->fig != NULL && rs_figure_ball (a->fig, 0, width, height, x, y);
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
  if (a->figure_mode)
    {
      /* the first figure is being drawn, or could not be (the message
         says why) */
      const rs_theme *th = a->scene.style.dark ? rs_theme_dark ()
                           : rs_theme_light ();
      double s = rs_draw_scale (width, height);

      rs_theme_set (cr, th->bg);
      cairo_paint (cr);
      rs_theme_set (cr, th->muted);
      rs_text (cr, a->scene.style.font, width / 2, height / 2,
               a->n_jobs > 0 ? "drawing the figure…" : "no figure", 16 * s,
               0, 0.5, 0.5, 0);
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
  jobs_poll (a);
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
  return a->figure_mode;
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
  return a->job.thread != NULL || a->n_jobs > 0;
}

int
rs_app_pending (const rs_app *a)
{
  return a->head != NULL;
}

size_t
rs_app_landscape_grid (const rs_app *a)
{
  return !a->figure_mode && a->land != NULL ? a->land->loss->size1 : 0;
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
  return !a->figure_mode && a->land != NULL ? a->land->alpha : 0.0;
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
