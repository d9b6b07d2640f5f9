/* app.c: the interactive app (C4, C5, C8, C11): a scene's figure in an
 * SDL2 window, the ball rolling on it on a fixed time step, live
 * controls, and scripts of timed actions for reproducible runs.
 *
 * One mode for every scene (app.h): the run is computed ahead and played
 * back over its figure.  This file makes and frees the app and answers
 * what it shows; the rest is split by what it does:
 *   app_loop.c      the window (SDL), the frame loop, scripts
 *   app_input.c     events: a table from each kind to its handler, the
 *                   mouse on the figure
 *   app_keys.c      the keys: the help's list and the key map to actions
 *   app_controls.c  the control strip: controls[] to the same actions
 *   app_state.c     the live settings and what changes training
 *   app_step.c      playback in time: pause, steps, beats, the speed
 *   app_overlay.c   the HUD's text, the help, messages, saved pictures
 *   app_jobs.c      figures made off the main thread, morphs
 *   app_balls.c     B's other balls;  app_runs.c  a scene's variants
 *   app_moment.c    the moment a morph's figure shows */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "app/app_private.h"

/* The font size of presenter mode (points). */
#define PRESENT_FONT_PT 15.0

void
rs_app_options_default (rs_app_options *o)
{
  memset (o, 0, sizeof *o);
  o->width = 1280;
  o->height = 720;
}

/* Presenter mode on or off: dark, large text, pauses at beats. */
void
app_set_present (rs_app *a, int on)
{
  a->view.present = on;
  a->view.scene.style.dark = on ? 1 : a->view.style0.dark;
  a->view.scene.style.font_pt = on ? PRESENT_FONT_PT
                                : a->view.style0.font_pt;
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
  a->view.scene = *sc;
  a->view.style0 = sc->style;
  a->opt = *o;
  a->fixed = o->fixed_step || o->script != NULL;
  a->view.show_path = 1;
  a->view.controls = 1;
  if (sc->n_variants > 0 && app_runs_make (a, sc, err) != RS_OK)
    {
      rs_app_free (a);
      return NULL;
    }
  app_live_from_scene (a);
  app_set_present (a, o->present);
  /* the lecturer talks first */
  a->in.paused = o->present || o->paused;
  a->run.sim = rs_sim_alloc (&a->view.scene.sim, err);
  if (a->run.sim == NULL || app_open_window (a, err) != RS_OK
      || app_ensure_texture (a, err) != RS_OK
      || app_figure_first (a, err) != RS_OK)
    {
      rs_app_free (a);
      return NULL;
    }
  return a;
}

void
rs_app_free (rs_app *a)
{
  if (a == NULL)
    return;
  app_jobs_drop (a);
  app_morph_end (a);
  app_controls_free (a);
  rs_figure_free (a->view.fig);
  free (a->view.look);
  rs_plane_free (a->view.probe);
  rs_sim_free (a->run.head);
  if (a->win.tex != NULL)
    SDL_DestroyTexture (a->win.tex);
  if (a->win.ren != NULL)
    SDL_DestroyRenderer (a->win.ren);
  if (a->win.win != NULL)
    SDL_DestroyWindow (a->win.win);
  if (a->win.sdl_up)
    SDL_QuitSubSystem (SDL_INIT_VIDEO);
  rs_sim_free (a->run.sim);
  rs_net_free (a->view.net);
  app_balls_free (&a->run.balls);
  app_runs_free (a);
  free (a);
}

/* ---- what the app shows ------------------------------------------------- */

void
rs_app_output_size (const rs_app *a, int *width, int *height)
{
  *width = a->win.tex_w;
  *height = a->win.tex_h;
}

void
rs_app_wait_landscape (rs_app *a)
{
  app_jobs_wait (a);
}

int
rs_app_paused (const rs_app *a)
{
  return a->in.paused;
}

int
rs_app_leaky (const rs_app *a)
{
  return a->in.leaky;
}

double
rs_app_alpha (const rs_app *a)
{
  return a->in.alpha;
}

double
rs_app_speed (const rs_app *a)
{
  return a->in.speed;
}

double
rs_app_rate (const rs_app *a)
{
  return a->in.rate;
}

double
rs_app_kick_sigma (const rs_app *a)
{
  return a->in.kick_sigma;
}

double
rs_app_kink (const rs_app *a)
{
  const rs_sim_params *p = rs_sim_get_params (a->run.sim);

  return p->net.layers > 0 ? p->net.kink : p->kink;
}

int
rs_app_warming (const rs_app *a)
{
  return rs_sim_get_params (a->run.sim)->warming.gamma0 > 0.0;
}

int
rs_app_decay_biases (const rs_app *a)
{
  const rs_sim_params *p = rs_sim_get_params (a->run.sim);

  return p->decay.biases && p->decay.lambda > 0.0;
}

const rs_optim_type *
rs_app_optim (const rs_app *a)
{
  return rs_sim_get_params (a->run.sim)->optim;
}

int
rs_app_present (const rs_app *a)
{
  return a->view.present;
}

int
rs_app_dark (const rs_app *a)
{
  return a->view.scene.style.dark;
}

int
rs_app_grad_shown (const rs_app *a)
{
  return a->view.show_grad;
}

int
rs_app_path_shown (const rs_app *a)
{
  return a->view.show_path;
}

void
rs_app_camera (const rs_app *a, double *azimuth, double *elevation)
{
  *azimuth = a->view.scene.style.azimuth;
  *elevation = a->view.scene.style.elevation;
}

int
rs_app_fullscreen (const rs_app *a)
{
  return a->win.fullscreen;
}

size_t
rs_app_shown (const rs_app *a)
{
  return a->run.shown;
}

const char *
rs_app_toast (const rs_app *a)
{
  return a->win.clock < a->win.toast_until ? a->win.toast : "";
}

int
rs_app_landscape_busy (const rs_app *a)
{
  return a->run.n_jobs > 0;
}

int
rs_app_pending (const rs_app *a)
{
  return a->run.head != NULL;
}

size_t
rs_app_landscape_grid (const rs_app *a)
{
  return a->view.fig != NULL ? a->view.grid : 0;
}

size_t
rs_app_landscape_at (const rs_app *a)
{
  return a->view.at;
}

double
rs_app_morph (const rs_app *a)
{
  return app_morph_at (a);
}

int
rs_app_landscape_stale (const rs_app *a)
{
  return app_figure_stale (a);
}

size_t
rs_app_n_balls (const rs_app *a)
{
  return 1 + a->run.balls.n;
}

const rs_sim *
rs_app_ball_sim (const rs_app *a, size_t i)
{
  return i == 0 ? a->run.sim : i <= a->run.balls.n
         ? a->run.balls.sim[i - 1] : NULL;
}

int
rs_app_help_shown (const rs_app *a)
{
  return a->view.help;
}

int
rs_app_quit_requested (const rs_app *a)
{
  return a->in.quit;
}

unsigned long
rs_app_frame (const rs_app *a)
{
  return a->win.frame;
}

const rs_sim *
rs_app_sim (const rs_app *a)
{
  return a->run.sim;
}

const rs_scene *
rs_app_scene (const rs_app *a)
{
  return &a->view.scene;
}
