/* app_jobs.c: the app's figures, made off the main thread.
 *
 * Every scene is drawn with its figure (figure.h), through the point of
 * the run shown.  A change (a kick, Leaky ReLU, the optimiser, a click
 * ...) goes to a copy of the run at the point shown; a job computes it
 * ahead and draws its figure, coarse at once and then on the full grid,
 * and the window shows the run before the change until then.  As the
 * run plays on, the landscape follows it: when the figure no longer
 * shows the surface the run is on at the point shown (rs_figure_stale:
 * the activation, warming's shift or, for a slice of a network, the
 * other parameters changed), a job draws it again through that point,
 * while the ball goes on moving over the old one. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "app/app_private.h"

/* A run computed ahead goes at least this many steps past a change. */
#define RUN_AHEAD 300
#define RUN_AHEAD_MAX 20000

/* Parameters beyond this are on their way to a divergence: no landscape
 * is sliced through them, no new run started there. */
#define PARAM_MAX 1e6

/* A scene whose parameters times data points are at most this many is
 * drawn on the full grid at once: a coarse figure first would only add
 * its own time (the single neuron: 2 x 24). */
#define CHEAP_WORK 4096

/* The morph's figures are at most this many grid points a side: a
 * second's passing frames, twelve at once. */
#define MORPH_GRID 61

/* The stages of a figure's job. */
enum { JOB_WORKING, JOB_COARSE, JOB_DONE };

/* A figure being made off the main thread: after a change the run is
 * computed ahead on a copy first; then it is drawn on a coarse grid and
 * on the full grid.  The main thread takes the coarse picture at
 * JOB_COARSE; the worker then goes on with a copy of the run of its own,
 * so that no run is ever read by one thread while another changes it.
 * A job that follows the run draws the same run through a later point;
 * its pictures keep the point the window shows. */
struct fig_job {
  SDL_Thread *thread;          /* NULL: made on the main thread */
  atomic_int stage;
  atomic_int cancel;           /* a newer change came: stop early */
  unsigned long gen;           /* the change it shows */
  int run_ahead;               /* compute the run ahead first */
  int follow;                  /* the same run, through a later point */
  int one_grid;                /* the full grid only, in one stage */
  size_t from;                 /* the point to show first and to make the
                                  figures through */
  int width;                   /* the window's drawing, in pixels: each */
  int height;                  /* figure is drawn once at that size, so
                                  that its still layers are cached before
                                  the window shows it */
  picture coarse;
  picture full;
  int morph;                   /* make a morph of the change */
  picture morphs[MORPH_FRAMES]; /* its figures, of morph_run's run */
  picture morph_run;           /* one copy of the run and the look */
  size_t n_morphs;             /* the frames made (the worker's) */
  atomic_size_t n_ready;       /* the frames the window may draw: the
                                  worker no longer touches them */
  atomic_int full_made;        /* the full-grid figure is made (before the
                                  morph's later frames, which play over a
                                  second anyway) */
  int taken;                   /* the coarse picture was dealt with */
  char error[400];             /* why there is no coarse figure */
  const rs_runs *variants;     /* the app's runs of a scene's variants,
                                  which no one changes */
};

int
app_point_tame (const rs_sim *sim, size_t i)
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

size_t
app_finite_index (const rs_sim *sim, size_t i)
{
  while (i > 0 && !app_point_tame (sim, i))
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
  memset (p, 0, sizeof *p);
}

/* The probe of picture p through point at: the first flat landscape over
 * two named parameters, where a click starts the ball and the other
 * balls are drawn. */
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

/* The look of sc, on the heap, or NULL.  The views are written into the
 * scene, so that every scene, the single neuron's too, is drawn by the
 * figure's views. */
static look *
look_of (const rs_scene *sc)
{
  look *l = malloc (sizeof *l);

  if (l != NULL)
    {
      l->scene = *sc;
      l->n_views = rs_figure_views (&l->scene, l->views);
      memcpy (l->scene.views, l->views, l->n_views * sizeof *l->views);
      l->scene.n_views = l->n_views;
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

/* The morph of the change at point at of sim in look l (a change of
 * activation or a kick: rs_figure_change), up to `upto` frames: the
 * figure of that point t = 0, 1/12, ... of the way through its change
 * (rs_figure_play, as an animation's frames), all of one copy of the run
 * and the look, on `grid` points a side, each drawn once (prewarm) and
 * then handed to the window (n_ready), which plays them as they come.
 * Stops early on a newer change or when memory runs out (fewer frames);
 * none when nothing moves there. */
static void
make_morphs (fig_job *j, const rs_sim *sim, const look *l, size_t at,
             size_t grid, size_t upto)
{
  picture *r = &j->morph_run;

  if (r->sim == NULL && ((r->sim = rs_sim_clone (sim, NULL)) == NULL
                         || (r->look = look_of (&l->scene)) == NULL))
    return;
  while (j->n_morphs < upto && !atomic_load (&j->cancel))
    {
      picture *p = &j->morphs[j->n_morphs];

      if ((p->fig = rs_figure_alloc (&r->look->scene, r->sim, at, grid,
                                     NULL)) == NULL
          || rs_figure_change (p->fig) == 0
          || rs_figure_play (p->fig, at, (double) j->n_morphs / MORPH_FRAMES,
                             NULL) != RS_OK)
        {
          picture_free (p);
          j->morph = 0;
          return;
        }
      app_runs_attach (j->variants, r->look, r->sim, p->fig);
      p->at = at;
      p->grid = grid;
      prewarm (p->fig, j->width, j->height);
      j->n_morphs++;
      atomic_store (&j->n_ready, j->n_morphs);
    }
}

/* The morph's grid for a job. */
static size_t
morph_grid (const fig_job *j)
{
  return j->coarse.grid < MORPH_GRID ? j->coarse.grid : MORPH_GRID;
}

/* The worker's first stage: the run ahead, and its figure through the
 * point `from` (on a coarse grid, or the full one in one stage); near a
 * divergence no plane has a finite width, so earlier points are
 * tried. */
static void
job_coarse (fig_job *j)
{
  rs_sim *sim = j->coarse.sim;
  size_t at;
  rs_error err;

  if (j->run_ahead)
    {
      /* a long run thins its trajectory: the point `from` is found again
         by its step */
      size_t step = rs_sim_recorded (sim, j->from)->step;

      run_ahead (sim, &j->cancel);
      j->from = rs_sim_n_recorded (sim) - 1;
      while (j->from > 0 && rs_sim_recorded (sim, j->from)->step > step)
        j->from--;
    }
  if (atomic_load (&j->cancel))
    {
      snprintf (j->error, sizeof j->error, "a newer change came");
      return;
    }
  at = app_finite_index (sim, j->from);
  j->coarse.grid = j->one_grid ? FIG_GRID : FIG_PREVIEW_GRID;
  while ((j->coarse.fig = rs_figure_alloc (&j->coarse.look->scene, sim, at,
                                           j->coarse.grid, &err)) == NULL
         && at > 0)
    at /= 2;
  j->coarse.at = at;
  if (j->coarse.fig == NULL)
    snprintf (j->error, sizeof j->error, "%.300s", err.message);
  else
    {
      app_runs_attach (j->variants, j->coarse.look, sim, j->coarse.fig);
      make_probe (&j->coarse, at);
    }
  /* the morph's first frame shows with the change, the others follow */
  if (j->coarse.fig != NULL && j->morph)
    make_morphs (j, sim, j->coarse.look, at, morph_grid (j), 1);
  if (j->coarse.fig != NULL && !j->one_grid && !atomic_load (&j->cancel))
    {
      if (!j->morph)
        prewarm (j->coarse.fig, j->width, j->height);
      /* the full figure's own run and look, copied while this thread
         still owns the coarse ones */
      j->full.sim = rs_sim_clone (sim, NULL);
      j->full.look = look_of (&j->coarse.look->scene);
    }
}

/* The second stage: the full grid on the copy, then the rest of the
 * morph (the window plays the morph's frames as they come, and shows the
 * full figure when the morph is over). */
static void
job_full (fig_job *j)
{
  j->full.at = j->coarse.at;
  j->full.grid = FIG_GRID;
  if (j->full.sim != NULL && j->full.look != NULL
      && !atomic_load (&j->cancel))
    j->full.fig = rs_figure_alloc (&j->full.look->scene, j->full.sim,
                                   j->full.at, FIG_GRID, NULL);
  if (j->full.fig != NULL)
    {
      app_runs_attach (j->variants, j->full.look, j->full.sim, j->full.fig);
      make_probe (&j->full, j->full.at);
    }
  if (!atomic_load (&j->cancel))
    prewarm (j->full.fig, j->width, j->height);
  atomic_store (&j->full_made, 1);
  if (j->morph && j->morph_run.sim != NULL)
    make_morphs (j, NULL, NULL, j->coarse.at, morph_grid (j), MORPH_FRAMES);
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
  for (size_t k = 0; k < j->n_morphs; k++)
    picture_free (&j->morphs[k]);
  picture_free (&j->morph_run);
  free (j);
}

/* Whether sim's figure in look l is made on the full grid at once: a
 * small network and no basin map (which trains from every start). */
static int
cheap (const rs_sim *sim, const look *l)
{
  for (size_t i = 0; i < l->n_views; i++)
    if (l->views[i].kind == RS_VIEW_BASIN)
      return 0;
  return rs_net_nparams (rs_sim_net (sim)) * rs_sim_data (sim)->n
         <= CHEAP_WORK;
}

/* A job making the figure of sim (which it takes) in the look of now,
 * through and showing point `from` (a cheap one on the full grid at
 * once); with a fixed time step (scripts, for reproducible pictures) or
 * when no thread can be made, on the main thread at once. */
static void
job_start (rs_app *a, rs_sim *sim, size_t from, int ahead, int follow)
{
  fig_job *j = calloc (1, sizeof *j);

  if (j == NULL || (j->coarse.look = look_of (&a->view.scene)) == NULL)
    {
      free (j);
      rs_sim_free (sim);
      app_toast (a, 1, "cannot draw the figure: out of memory");
      return;
    }
  j->coarse.sim = sim;
  j->variants = &a->run.variants;
  j->gen = a->run.gen;
  j->from = from;
  j->run_ahead = ahead;
  j->follow = follow;
  j->morph = !follow && a->run.want_morph;
  j->one_grid = a->fixed || cheap (sim, j->coarse.look);
  j->width = (int) app_figure_area (a).width;
  j->height = (int) app_figure_area (a).height;
  atomic_store (&j->stage, JOB_WORKING);
  if (!a->fixed)
    j->thread = SDL_CreateThread (job_worker, "figure", j);
  if (j->thread == NULL)
    {
      job_coarse (j);
      job_full (j);
      atomic_store (&j->stage, JOB_DONE);
    }
  a->run.jobs[a->run.n_jobs++] = j;
}

/* Show picture p (which the app takes), its run at point `shown`. */
static void
show_picture (rs_app *a, picture *p, size_t shown)
{
  size_t n = rs_sim_n_recorded (p->sim);

  rs_plane_free (a->view.probe);
  rs_figure_free (a->view.fig);
  if (a->run.sim != p->sim)
    rs_sim_free (a->run.sim);
  free (a->view.look);
  a->view.fig = p->fig;
  a->run.sim = p->sim;
  a->view.look = p->look;
  a->view.probe = p->probe;
  a->view.probe_view = p->probe_view;
  a->view.at = p->at;
  a->view.grid = p->grid;
  memset (p, 0, sizeof *p);
  a->run.shown = shown < n ? shown : n - 1;
  rs_figure_show (a->view.fig, a->run.shown);
}

/* The coarse picture of job j: shown when j has the newest change, else
 * dropped.  A figure that cannot be made leaves the one shown, and says
 * why.  A change's picture shows its first point, a follower's the
 * point shown now. */
static void
take_coarse (rs_app *a, fig_job *j)
{
  j->taken = 1;
  if (j->gen == a->run.gen)
    a->run.morph_wait = 0;
  if (j->gen != a->run.gen || j->coarse.fig == NULL
      || (j->follow && a->run.head != NULL))
    {
      if (j->gen == a->run.gen && !j->follow)
        {
          char msg[500];

          snprintf (msg, sizeof msg, "cannot draw the figure: %.300s",
                    j->error);
          snprintf (a->run.fig_error, sizeof a->run.fig_error, "%s",
                    j->error);
          app_toast (a, 1, msg);
          rs_sim_free (a->run.head);
          a->run.head = NULL;
        }
      picture_free (&j->coarse);
      return;
    }
  if (j->follow)
    {
      show_picture (a, &j->coarse, a->run.shown);
      a->view.gen = j->gen;
      return;
    }
  show_picture (a, &j->coarse, j->from);
  a->view.gen = j->gen;
  a->acc = 0.0;
  app_morph_end (a);
  if (atomic_load (&j->n_ready) > 0)
    {
      /* the morph plays first, its frames read from the job as they come */
      a->view.morph_job = j;
      a->view.morph_start = a->win.clock;
    }
  rs_sim_free (a->run.head);
  a->run.head = NULL;
  app_balls_sync (a);
}

/* The full picture of job j replaces its coarse one, while that one is
 * shown. */
static void
take_full (rs_app *a, fig_job *j)
{
  if (j->full.fig == NULL || j->gen != a->view.gen
      || a->view.at != j->full.at || a->view.grid != FIG_PREVIEW_GRID)
    return;
  show_picture (a, &j->full, a->run.shown);
}

static void job_launch (rs_app *a);

/* The frames of the morph playing, when job j (done) made them: the
 * window's own now. */
static void
take_morph (rs_app *a, fig_job *j)
{
  if (a->view.morph_job != j)
    return;
  memcpy (a->view.morph, j->morphs, j->n_morphs * sizeof *j->morphs);
  a->view.morph_run = j->morph_run;
  a->view.n_morph = j->n_morphs;
  a->view.morph_job = NULL;
  j->n_morphs = 0;
  memset (&j->morph_run, 0, sizeof j->morph_run);
}

/* Whether a job draws the run through a later point. */
static int
following (const rs_app *a)
{
  for (size_t i = 0; i < a->run.n_jobs; i++)
    if (a->run.jobs[i]->follow)
      return 1;
  return 0;
}

int
rs_app_landscape_made (const rs_app *a)
{
  for (size_t i = 0; i < a->run.n_jobs; i++)
    if (!atomic_load (&a->run.jobs[i]->full_made)
        && atomic_load (&a->run.jobs[i]->stage) != JOB_DONE)
      return 0;
  return !a->run.want_job && !a->run.want_follow;
}

void
app_jobs_poll (rs_app *a)
{
  size_t k = 0;

  for (size_t i = 0; i < a->run.n_jobs; i++)
    {
      fig_job *j = a->run.jobs[i];
      int stage = atomic_load (&j->stage);

      if (stage >= JOB_COARSE && !j->taken)
        take_coarse (a, j);
      if (stage == JOB_DONE)
        {
          take_full (a, j);
          take_morph (a, j);
          job_free (j);
        }
      else
        a->run.jobs[k++] = j;
    }
  a->run.n_jobs = k;
  if (a->run.want_job && a->run.n_jobs < MAX_JOBS)
    job_launch (a);
  if (a->run.want_follow && a->run.n_jobs < MAX_JOBS)
    app_follow (a);
}

void
app_jobs_wait (rs_app *a)
{
  while (a->run.n_jobs > 0 || a->run.want_job || a->run.want_follow)
    {
      for (size_t i = 0; i < a->run.n_jobs; i++)
        if (a->run.jobs[i]->thread != NULL)
          {
            SDL_WaitThread (a->run.jobs[i]->thread, NULL);
            a->run.jobs[i]->thread = NULL;
          }
      app_jobs_poll (a);
    }
}

void
app_jobs_drop (rs_app *a)
{
  a->view.morph_job = NULL;
  for (size_t i = 0; i < a->run.n_jobs; i++)
    atomic_store (&a->run.jobs[i]->cancel, 1);
  for (size_t i = 0; i < a->run.n_jobs; i++)
    job_free (a->run.jobs[i]);
  a->run.n_jobs = 0;
  a->run.want_job = 0;
  a->run.want_follow = 0;
  a->run.want_morph = 0;
  a->run.morph_wait = 0;
}

/* A job for the newest change: the run with the changes not yet shown,
 * computed ahead from them; or, with none, the run shown, in the look of
 * now. */
static void
job_launch (rs_app *a)
{
  const rs_sim *from = a->run.head != NULL ? a->run.head : a->run.sim;
  rs_sim *sim;
  rs_error err;
  char msg[500];

  a->run.want_job = 0;
  if ((sim = rs_sim_clone (from, &err)) == NULL)
    {
      snprintf (msg, sizeof msg, "cannot draw the figure: %.300s",
                err.message);
      app_toast (a, 1, msg);
      return;
    }
  if (a->run.head != NULL)
    job_start (a, sim, rs_sim_n_recorded (sim) - 1, 1, 0);
  else
    job_start (a, sim, a->run.shown, 0, 0);
  a->run.want_morph = 0;
}

void
app_figure_request (rs_app *a)
{
  a->run.gen++;
  a->run.want_follow = 0;
  for (size_t i = 0; i < a->run.n_jobs; i++)
    atomic_store (&a->run.jobs[i]->cancel, 1);
  if (a->run.n_jobs < MAX_JOBS)
    job_launch (a);
  else
    a->run.want_job = 1;
  app_jobs_poll (a);
}

int
app_figure_first (rs_app *a, rs_error *err)
{
  if ((a->run.head = rs_sim_clone (a->run.sim, err)) == NULL)
    return err != NULL ? err->code : RS_ENOMEM;
  a->run.shown = rs_sim_n_recorded (a->run.sim) - 1;
  a->run.fig_error[0] = '\0';
  app_figure_request (a);
  if (a->fixed && a->view.fig == NULL)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "%s",
                         a->run.fig_error[0] ? a->run.fig_error
                         : "out of memory");
  return RS_OK;
}

rs_sim *
app_target (rs_app *a)
{
  rs_error err;
  char msg[500];

  if (a->run.head == NULL)
    {
      if ((a->run.head = rs_sim_clone (a->run.sim, &err)) == NULL)
        {
          snprintf (msg, sizeof msg, "cannot change the run: %.300s",
                    err.message);
          app_toast (a, 1, msg);
          return NULL;
        }
      rs_sim_rewind (a->run.head, a->run.shown);
    }
  return a->run.head;
}

void
app_changed (rs_app *a)
{
  /* a new run: PageDown's beat is a point of the old one */
  a->in.to_goal = 0;
  app_runs_note (a);
  app_figure_request (a);
}

int
app_figure_stale (const rs_app *a)
{
  /* a point on the way to a divergence has no plane of finite width */
  if (a->view.fig == NULL || a->run.head != NULL
      || !app_point_tame (a->run.sim, a->run.shown))
    return 0;
  return rs_figure_stale (a->view.fig, a->run.shown);
}

void
app_follow (rs_app *a)
{
  rs_sim *sim;

  a->run.want_follow = 0;
  /* a morph's job draws the point shown again anyway */
  if (a->run.morph_wait || following (a) || !app_figure_stale (a))
    return;
  if (a->run.n_jobs >= MAX_JOBS)
    {
      a->run.want_follow = 1;
      return;
    }
  if ((sim = rs_sim_clone (a->run.sim, NULL)) == NULL)
    {
      app_toast (a, 1, "cannot draw the figure again: out of memory");
      return;
    }
  job_start (a, sim, a->run.shown, 0, 1);
  app_jobs_poll (a);
}

void
app_show_point (rs_app *a, size_t i)
{
  size_t n = rs_sim_n_recorded (a->run.sim);

  if (a->view.fig == NULL)
    return;
  /* a morph shows its own point only */
  if ((i < n ? i : n - 1) != a->run.shown)
    app_morph_end (a);
  a->run.shown = i < n ? i : n - 1;
  a->acc = 0.0;
  rs_figure_show (a->view.fig, a->run.shown);
  app_balls_sync (a);
  app_follow (a);
}

void
app_morph_end (rs_app *a)
{
  for (size_t k = 0; k < a->view.n_morph; k++)
    picture_free (&a->view.morph[k]);
  picture_free (&a->view.morph_run);
  a->view.n_morph = 0;
  a->view.morph_job = NULL;
}

void
app_morph_request (rs_app *a)
{
  a->run.want_morph = 1;
  a->run.morph_wait = 1;
  app_figure_request (a);
}

/* The frames of the morph that the window may draw, and where they are. */
static size_t
morph_frames (const rs_app *a, picture **frames)
{
  if (a->view.morph_job != NULL)
    {
      *frames = a->view.morph_job->morphs;
      return atomic_load (&a->view.morph_job->n_ready);
    }
  *frames = (picture *) a->view.morph;
  return a->view.n_morph;
}

double
app_morph_at (const rs_app *a)
{
  picture *f;
  size_t n = morph_frames (a, &f);
  double t = (a->win.clock - a->view.morph_start) / MORPH_SECONDS;

  /* over when its last frame's time has passed (app_figure_drawn) */
  if (n == 0 || (a->view.morph_job == NULL && t * MORPH_FRAMES >= n))
    return -1.0;
  return t < 1.0 ? t : 1.0 - 1e-9;
}

rs_figure *
app_figure_drawn (rs_app *a)
{
  picture *f;
  size_t n = morph_frames (a, &f), k;

  if (n == 0)
    return a->view.fig;
  /* by the clock, or the last frame made when the job lags behind it */
  k = (size_t) floor ((a->win.clock - a->view.morph_start) / MORPH_SECONDS
                      * MORPH_FRAMES);
  if (k >= n && a->view.morph_job == NULL)
    {
      app_morph_end (a);
      return a->view.fig;
    }
  /* each frame shows its point as made (mid-kick, the ball on its way):
     playback waits there */
  return f[k < n ? k : n - 1].fig;
}
