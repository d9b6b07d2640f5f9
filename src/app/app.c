/* app.c: the interactive app (C4, C5, C8, C11): a scene's figure in an
 * SDL2 window, the ball rolling on it on a fixed time step, live
 * controls, and scripts of timed actions for reproducible runs.
 *
 * One mode for every scene (app.h): the run is computed ahead and played
 * back over its figure; the figures are made off the main thread
 * (app_jobs.c), and B's other balls roll with it (app_balls.c). */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <glib.h>

#include "app/app_private.h"
#include "app/script.h"
#include "cli/cli.h"
#include "draw/draw.h"
#include "export/export.h"
#include "draw/theme.h"

/* The time step of a scripted frame, and the most time one frame may
 * catch up on after a stall (Chipmunk2D's clamped accumulator). */
#define FIXED_FRAME (1.0 / 60.0)
#define MAX_CATCH_UP 0.25

/* Times closer than this (seconds) count as equal, so that 3 s cut into
 * 180 or 90 pieces takes the same number of steps despite rounding. */
#define TIME_EPS 1e-9

/* How much one press changes the speed, the rate, alpha and the kick's
 * strength (a factor, so that they span decades in a few presses), and
 * their ranges (those of the scene language). */
#define SPEED_FACTOR 1.5
#define RATE_FACTOR 1.25
#define ALPHA_FACTOR 1.5
#define KICK_FACTOR 1.5

/* W switches on the scene's bias warming, or this one when the scene has
 * none (C10): +1 on every hidden bias for 20 steps, annealed over 80.  D
 * switches decay on the biases on, with this factor when the scene has
 * no decay (C7). */
#define WARM_GAMMA 1.0
#define WARM_HOLD 20
#define WARM_ANNEAL 80
#define DECAY_LAMBDA 0.01

/* Degrees the 3-D camera turns per point dragged, and its elevation's
 * range (the scene language's, less the degenerate ends). */
#define DRAG_DEGREES 0.4
#define ELEVATION_MIN 5.0
#define ELEVATION_MAX 85.0

/* PageDown plays to the next beat in at most this many seconds. */
#define BEAT_SECONDS 6.0

/* Seconds a toast stays; the font size of presenter mode (points). */
#define TOAST_SECONDS 4.0
#define PRESENT_FONT_PT 15.0

#define NO_DISPLAY_HINT \
  "draw the scene to a file with 'reluscape render SCENE -o out.png'"

/* Every key, for the help overlay; README.md and reluscape(1) list the
 * same.  Each works on every scene; where one cannot (a click off a
 * landscape over two named parameters, B on such a scene), the window
 * says why. */
static const rs_app_key app_keys[] = {
  { "Space", "pause or resume" },
  { "+  -  or  Up  Down", "faster, slower (steps a second)" },
  { ".  or  Right", "one step forward (pauses)" },
  { ",  Backspace  or  Left", "one step back (pauses)" },
  { "PageDown  PageUp", "play to the next beat, back to the one before" },
  { "Home", "rewind to the run's start (pauses)" },
  { "L", "Leaky ReLU on or off: the plateau tilts" },
  { "A  Z", "Leaky ReLU's α up, down" },
  { "K", "thermal kick" },
  { "]  [", "kick stronger, weaker" },
  { "N  Shift+N", "Langevin temperature up, down (by 0.01)" },
  { "Shift+Up  Shift+Down", "learning rate up, down" },
  { "O", "next optimiser" },
  { "W", "bias warming on or off" },
  { "D", "weight decay on the biases on or off" },
  { "C", "kink convention s = 0, 0.5, 1: f'(0) = s, or α + s(1 − α) "
         "under Leaky ReLU" },
  { "G", "the arrow of steepest descent on or off" },
  { "P", "the path on or off" },
  { "T", "dark theme on or off" },
  { "F5", "presenter mode: dark, large, pauses at beats" },
  { "M", "the control strip on or off (the mouse does what the keys do)" },
  { "F", "fullscreen on or off" },
  { "S", "save a PNG screenshot" },
  { "E", "export the figure as PDF" },
  { "B", "one more ball from here, with the next optimiser" },
  { "R", "reset to the scene's start and settings" },
  { "click", "start the ball there (a landscape over two parameters)" },
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
void
app_toast (rs_app *a, int error, const char *msg)
{
  char *esc = g_markup_escape_text (msg, -1);

  snprintf (a->win.toast, sizeof a->win.toast, "%s", esc != NULL ? esc : "");
  g_free (esc);
  a->win.toast_until = a->win.clock + TOAST_SECONDS;
  if (error)
    cli_message ("%s", msg);
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

  a->win.ren = SDL_CreateRenderer (a->win.win, -1, SDL_RENDERER_ACCELERATED
                               | SDL_RENDERER_PRESENTVSYNC);
  if (a->win.ren == NULL)
    a->win.ren = SDL_CreateRenderer (a->win.win, -1, SDL_RENDERER_SOFTWARE);
  if (a->win.ren == NULL)
    return sdl_fail (err, "cannot create a renderer");
  if (SDL_GetRendererInfo (a->win.ren, &info) == 0)
    a->win.vsync = (info.flags & SDL_RENDERER_PRESENTVSYNC) != 0;
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
  a->win.sdl_up = 1;
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
  snprintf (title, sizeof title, "reluscape: %s", a->view.scene.title);
  a->win.win = SDL_CreateWindow (title, SDL_WINDOWPOS_UNDEFINED,
                             SDL_WINDOWPOS_UNDEFINED, a->opt.width,
                             a->opt.height, SDL_WINDOW_RESIZABLE
                             | SDL_WINDOW_ALLOW_HIGHDPI);
  if (a->win.win == NULL)
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

  if (SDL_GetRendererOutputSize (a->win.ren, &w, &h) != 0)
    return sdl_fail (err, "cannot read the window's size");
  if (a->win.tex != NULL && ((w == a->win.tex_w && h == a->win.tex_h) || w <= 0
                         || h <= 0))
    return RS_OK;
  if (a->win.tex != NULL)
    SDL_DestroyTexture (a->win.tex);
  a->win.tex = SDL_CreateTexture (a->win.ren, SDL_PIXELFORMAT_ARGB8888,
                              SDL_TEXTUREACCESS_STREAMING, w, h);
  if (a->win.tex == NULL)
    return sdl_fail (err, "cannot create a texture");
  SDL_SetTextureBlendMode (a->win.tex, SDL_BLENDMODE_NONE);
  a->win.tex_w = w;
  a->win.tex_h = h;
  return RS_OK;
}

/* Apply the live activation and rate to a run made from the scene's (by
 * rs_sim_start_at, which takes the scene's). */
static void
apply_live (const rs_app *a, rs_sim *sim)
{
  const rs_scene *sc = &a->view.scene;

  if (a->in.leaky != scene_leaky (sc) || a->in.alpha != sc->sim.alpha)
    rs_sim_set_activation (sim, a->in.leaky ? rs_act_leaky_relu
                           : rs_act_relu, a->in.alpha);
  if (a->in.rate != sc->sim.rate)
    rs_sim_set_rate (sim, a->in.rate);
}

/* The live settings from the scene. */
static void
live_from_scene (rs_app *a)
{
  const rs_scene *sc = &a->view.scene;

  a->in.speed = sc->speed;
  a->in.rate = sc->sim.rate;
  a->in.alpha = sc->sim.alpha;
  a->in.leaky = scene_leaky (sc);
  a->in.kick_sigma = sc->sim.kick_sigma;
}

/* Presenter mode on or off: dark, large text, pauses at beats. */
static void
set_present (rs_app *a, int on)
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
  live_from_scene (a);
  set_present (a, o->present);
  /* the lecturer talks first */
  a->in.paused = o->present || o->paused;
  a->run.sim = rs_sim_alloc (&a->view.scene.sim, err);
  if (a->run.sim == NULL || open_window (a, err) != RS_OK
      || ensure_texture (a, err) != RS_OK
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

/* ---- controls ----------------------------------------------------------- */

/* The live activation and alpha from the point shown (or the change not
 * yet shown): the scene's timeline may have switched Leaky ReLU on, and
 * the HUD and L, A and Z start from what the run is doing there. */
static void
live_from_point (rs_app *a)
{
  const rs_sim *sim = a->run.head != NULL ? a->run.head : a->run.sim;
  size_t i = a->run.head != NULL ? rs_sim_n_recorded (sim) - 1
             : a->run.shown;
  const rs_net_spec *sp;

  if (a->view.net == NULL
      && (a->view.net = rs_net_clone (rs_sim_net (sim), NULL)) == NULL)
    return;
  if (rs_sim_net_at (sim, i, a->view.net, 0) != RS_OK)
    return;
  sp = rs_net_get_spec (a->view.net);
  a->in.leaky = sp->act[0] == rs_act_leaky_relu;
  if (a->in.leaky)
    a->in.alpha = sp->param[0];
}

/* The live activation on one of B's balls. */
static void
ball_activation (rs_app *a, rs_sim *sim, void *data)
{
  (void) data;
  rs_sim_set_activation (sim, a->in.leaky ? rs_act_leaky_relu : rs_act_relu,
                         a->in.alpha);
}

/* The run's activation from the live settings (C8): under Leaky ReLU the
 * plateau tilts. */
static void
set_activation (rs_app *a)
{
  rs_sim *sim = app_target (a);

  if (sim == NULL)
    return;
  rs_sim_set_activation (sim, a->in.leaky ? rs_act_leaky_relu : rs_act_relu,
                         a->in.alpha);
  app_balls_each (a, ball_activation, NULL);
  a->run.want_morph = 1;
  app_changed (a);
}

/* L: Leaky ReLU on or off. */
void
app_toggle_activation (rs_app *a)
{
  live_from_point (a);
  a->in.leaky = !a->in.leaky;
  set_activation (a);
}

/* Leaky ReLU's alpha set to `alpha` (in its range), switching Leaky ReLU
 * on: the alpha slider. */
void
app_set_alpha (rs_app *a, double alpha)
{
  live_from_point (a);
  a->in.alpha = fmin (fmax (alpha, APP_ALPHA_MIN), APP_ALPHA_MAX);
  a->in.leaky = 1;
  set_activation (a);
}

/* A and Z: alpha up or down by ALPHA_FACTOR, switching Leaky ReLU on. */
static void
scale_alpha (rs_app *a, double factor)
{
  live_from_point (a);
  app_set_alpha (a, a->in.alpha * factor);
}

/* K: a thermal kick of the live strength (C11), on the first ball. */
void
app_kick (rs_app *a)
{
  rs_sim *sim = app_target (a);

  if (sim == NULL)
    return;
  rs_sim_kick (sim, a->in.kick_sigma);
  a->run.want_morph = 1;
  app_changed (a);
}

/* The live rate on one of B's balls. */
static void
ball_rate (rs_app *a, rs_sim *sim, void *data)
{
  (void) data;
  rs_sim_set_rate (sim, a->in.rate);
}

/* The learning rate set to r (in its range), from now on: the rate
 * slider. */
void
app_set_rate (rs_app *a, double r)
{
  rs_sim *sim = app_target (a);

  r = fmin (fmax (r, APP_RATE_MIN), APP_RATE_MAX);
  if (sim == NULL)
    return;
  if (rs_sim_set_rate (sim, r) == RS_OK)
    a->in.rate = r;
  app_balls_each (a, ball_rate, NULL);
  app_changed (a);
}

/* Shift+Up and Shift+Down: the learning rate times factor. */
static void
scale_rate (rs_app *a, double factor)
{
  app_set_rate (a, a->in.rate * factor);
}

/* The kick's strength, in its range: ] and [ and the kick slider. */
void
app_set_kick_sigma (rs_app *a, double sigma)
{
  a->in.kick_sigma = fmin (fmax (sigma, APP_KICK_MIN), APP_KICK_MAX);
}

/* Langevin's temperature at the point shown (or of the change not yet
 * shown). */
double
app_temperature (const rs_app *a)
{
  if (a->run.head != NULL)
    return rs_sim_current (a->run.head)->temperature;
  return rs_sim_recorded (a->run.sim, a->run.shown)->temperature;
}

/* The live temperature on one of B's balls. */
static void
ball_temperature (rs_app *a, rs_sim *sim, void *data)
{
  (void) a;
  rs_sim_set_temperature (sim, *(const double *) data);
}

/* Langevin's temperature held at t >= 0 from the point shown on (C11),
 * on every ball: N, Shift+N and the temperature slider. */
void
app_set_temperature (rs_app *a, double t)
{
  rs_sim *sim = app_target (a);

  if (sim == NULL)
    return;
  t = fmax (t, 0.0);
  if (rs_sim_set_temperature (sim, t) != RS_OK)
    return;
  app_balls_each (a, ball_temperature, &t);
  app_changed (a);
}
const rs_optim_type *
app_optim_after (const rs_optim_type *t)
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
    case APP_TRAIN_OPTIM:
      t->optim = app_optim_after (t->optim);
      break;
    case APP_TRAIN_WARMING:
      if (t->warming.gamma0 > 0.0)
        t->warming.gamma0 = 0.0;
      else
        {
          const rs_warming *w0 = &a->view.scene.sim.warming;

          if (w0->gamma0 > 0.0)
            t->warming = *w0;
          else
            t->warming = (rs_warming) { WARM_GAMMA, 0, WARM_HOLD,
                                        WARM_ANNEAL, RS_WARM_LINEAR };
          t->warming.start = step;
        }
      break;
    case APP_TRAIN_DECAY:
      t->decay.biases = !t->decay.biases;
      if (t->decay.biases && t->decay.lambda == 0.0)
        t->decay.lambda = DECAY_LAMBDA;
      break;
    default:
      t->kink = t->kink < 0.25 ? 0.5 : t->kink < 0.75 ? 1.0 : 0.0;
      break;
    }
}

/* W, D and C on one of B's balls, which keeps its optimiser. */
static void
ball_training (rs_app *a, rs_sim *sim, void *data)
{
  rs_sim_training t;

  rs_sim_get_training (sim, &t);
  change_training (a, &t, *(const int *) data, rs_sim_step_count (sim));
  rs_sim_set_training (sim, &t, NULL);
}

/* O, W, D, C: the run trains otherwise from the point shown on; its path
 * so far stays (a step back before the change undoes it).  The other
 * balls take the same warming, decay and kink, and keep their
 * optimisers. */
void
app_train_key (rs_app *a, int what)
{
  rs_sim *sim = app_target (a);
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
      app_toast (a, 1, msg);
      return;
    }
  if (what != APP_TRAIN_OPTIM)
    app_balls_each (a, ball_training, &what);
  app_changed (a);
}

/* R: the scene's run and every live setting back to the scene's; B's
 * balls go.  The run is shown when it is computed, from its start. */
void
app_reset (rs_app *a)
{
  rs_sim *ns;
  rs_error err;

  if ((ns = rs_sim_alloc (&a->view.scene.sim, &err)) == NULL)
    {
      app_toast (a, 1, err.message);
      return;
    }
  app_balls_free (&a->run.balls);
  live_from_scene (a);
  rs_sim_free (a->run.head);
  a->run.head = ns;
  app_changed (a);
}

/* Space: pause or play on. */
void
app_toggle_pause (rs_app *a)
{
  a->in.paused = !a->in.paused;
  a->in.to_goal = 0;
}

/* Home: back to the run's first point, paused; the changes made stay. */
void
app_rewind (rs_app *a)
{
  a->in.paused = 1;
  a->in.to_goal = 0;
  app_show_point (a, 0);
}

/* One recorded point forward or back, paused. */
void
app_single_step (rs_app *a, int forward)
{
  a->in.paused = 1;
  a->in.to_goal = 0;
  if (forward || a->run.shown > 0)
    app_show_point (a, forward ? a->run.shown + 1 : a->run.shown - 1);
}

/* PageDown: play on to the next point with a beat (else the run's end)
 * and pause there, the changes on the way (a kick, Leaky ReLU) played as
 * their morphs, as the play shows them; in at most BEAT_SECONDS, faster
 * than the speed when the beat is far.  PageUp: back to the previous
 * beat (else the start) at once, paused. */
static void
goto_beat (rs_app *a, int forward)
{
  const rs_sim *sim = a->run.sim;
  size_t n = rs_sim_n_recorded (sim), i = a->run.shown;

  if (forward)
    {
      while (i + 1 < n && !(rs_sim_recorded (sim, ++i)->events
                            & RS_EVENT_BEAT))
        ;
      if (i == a->run.shown)
        return;
      a->in.goal = i;
      a->in.to_goal = 1;
      a->in.goal_speed = fmax (a->in.speed, (i - a->run.shown)
                               / BEAT_SECONDS);
      a->in.paused = 0;
      return;
    }
  a->in.paused = 1;
  a->in.to_goal = 0;
  while (i > 0 && !(rs_sim_recorded (sim, --i)->events & RS_EVENT_BEAT))
    ;
  app_show_point (a, i);
}

/* The speed, in the scene language's range: the speed slider. */
void
app_set_speed (rs_app *a, double speed)
{
  a->in.speed = fmin (fmax (speed, APP_SPEED_MIN), APP_SPEED_MAX);
}

/* + and -: the speed times factor. */
static void
scale_speed (rs_app *a, double factor)
{
  app_set_speed (a, a->in.speed * factor);
}

/* PageDown: play to the next beat (the strip's button). */
void
app_next_beat (rs_app *a)
{
  goto_beat (a, 1);
}

/* T, F5, the end of a drag: a new look; the figure is drawn again in
 * it. */
static void
restyle (rs_app *a)
{
  app_figure_request (a);
}

/* F: fullscreen on the window's display, or back. */
static void
toggle_fullscreen (rs_app *a)
{
  char msg[300];

  if (SDL_SetWindowFullscreen (a->win.win, a->win.fullscreen ? 0
                               : SDL_WINDOW_FULLSCREEN_DESKTOP) != 0)
    {
      snprintf (msg, sizeof msg, "cannot switch fullscreen: %s",
                SDL_GetError ());
      app_toast (a, 1, msg);
      return;
    }
  a->win.fullscreen = !a->win.fullscreen;
}

static void save_file (rs_app *a, const char *ext);

/* Up and Down: the speed, or with Shift the learning rate. */
static void
up_down (rs_app *a, int up, int shift)
{
  if (shift)
    scale_rate (a, up ? RATE_FACTOR : 1.0 / RATE_FACTOR);
  else
    scale_speed (a, up ? SPEED_FACTOR : 1.0 / SPEED_FACTOR);
}

/* Right and Left: a step, or in presenter mode a beat. */
static void
left_right (rs_app *a, int forward)
{
  if (a->view.present)
    goto_beat (a, forward);
  else
    app_single_step (a, forward);
}

/* Keys that change the run or how it is played. */
static int
handle_run_key (rs_app *a, SDL_Keycode key, int shift)
{
  switch (key)
    {
    case SDLK_SPACE:
      app_toggle_pause (a);
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
    case SDLK_DOWN:
      up_down (a, key == SDLK_UP, shift);
      break;
    case SDLK_PERIOD:
      app_single_step (a, 1);
      break;
    case SDLK_COMMA:
    case SDLK_BACKSPACE:
      app_single_step (a, 0);
      break;
    case SDLK_HOME:
      app_rewind (a);
      break;
    case SDLK_RIGHT:
    case SDLK_LEFT:
      left_right (a, key == SDLK_RIGHT);
      break;
    case SDLK_PAGEDOWN:
    case SDLK_PAGEUP:
      goto_beat (a, key == SDLK_PAGEDOWN);
      break;
    case SDLK_l:
      app_toggle_activation (a);
      break;
    case SDLK_a:
      scale_alpha (a, ALPHA_FACTOR);
      break;
    case SDLK_z:
      scale_alpha (a, 1.0 / ALPHA_FACTOR);
      break;
    case SDLK_k:
      app_kick (a);
      break;
    case SDLK_RIGHTBRACKET:
    case SDLK_LEFTBRACKET:
      app_set_kick_sigma (a, key == SDLK_RIGHTBRACKET
                          ? a->in.kick_sigma * KICK_FACTOR
                          : a->in.kick_sigma / KICK_FACTOR);
      break;
    case SDLK_n:
      app_set_temperature (a, app_temperature (a)
                           + (shift ? -APP_TEMP_STEP : APP_TEMP_STEP));
      break;
    case SDLK_o:
      app_train_key (a, APP_TRAIN_OPTIM);
      break;
    case SDLK_w:
      app_train_key (a, APP_TRAIN_WARMING);
      break;
    case SDLK_d:
      app_train_key (a, APP_TRAIN_DECAY);
      break;
    case SDLK_c:
      app_train_key (a, APP_TRAIN_KINK);
      break;
    case SDLK_r:
      app_reset (a);
      break;
    case SDLK_b:
      app_balls_add (a);
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
      a->view.show_grad = !a->view.show_grad;
      break;
    case SDLK_p:
      a->view.show_path = !a->view.show_path;
      break;
    case SDLK_m:
      app_toggle_controls (a);
      break;
    case SDLK_t:
      a->view.scene.style.dark = !a->view.scene.style.dark;
      restyle (a);
      break;
    case SDLK_F5:
      set_present (a, !a->view.present);
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
      a->view.help = !a->view.help;
      break;
    case SDLK_SLASH:
      if (shift)
        a->view.help = !a->view.help;
      break;
    case SDLK_q:
    case SDLK_ESCAPE:
      a->in.quit = 1;
      break;
    default:
      break;
    }
}

/* ---- the mouse ---------------------------------------------------------- */

/* The centre of window point (x, y) in the drawing's pixels. */
static void
point_to_pixel (const rs_app *a, int x, int y, double *px, double *py)
{
  int ww, wh;

  SDL_GetWindowSize (a->win.win, &ww, &wh);
  *px = (x + 0.5) * (ww > 0 ? (double) a->win.tex_w / ww : 1.0);
  *py = (y + 0.5) * (wh > 0 ? (double) a->win.tex_h / wh : 1.0);
}

/* View i's rectangle in the window's pixels (the figure's part). */
static rs_rect
view_cell (const rs_app *a, size_t i)
{
  rs_rect f = app_figure_area (a);

  return rs_figure_cell (a->view.fig, i, f.width, f.height);
}

rs_rect
app_probe_plot (const rs_app *a)
{
  return rs_plane_plot_rect (view_cell (a, a->view.probe_view),
                             rs_figure_scale (a->view.fig));
}

/* Whether (px, py) lies in r. */
static int
inside (rs_rect r, double px, double py)
{
  return px >= r.x && px <= r.x + r.width && py >= r.y
         && py <= r.y + r.height;
}

/* One of B's balls starts at theta too. */
static void
ball_start (rs_app *a, rs_sim *sim, void *data)
{
  rs_sim_start_at (sim, data);
  apply_live (a, sim);
}

/* Why a click at (px, py), off the probe's plot, starts nothing. */
static const char *
why_no_click (const rs_app *a, double px, double py)
{
  for (size_t i = 0; i < a->view.look->n_views; i++)
    {
      const rs_view *v = &a->view.look->views[i];

      if (v->kind != RS_VIEW_LANDSCAPE
          || !inside (view_cell (a, i), px, py))
        continue;
      if (v->axes == RS_AXES_RANDOM)
        return "a click starts the ball only on a landscape over two "
               "parameters: each random direction moves every parameter";
      if (v->axes == RS_AXES_PCA)
        return "a click starts the ball only on a landscape over two "
               "parameters: each principal component moves every "
               "parameter";
    }
  return a->view.probe == NULL
         ? "this scene has no flat landscape over two parameters to start "
           "the ball on" : "click on the landscape to start the ball there";
}

/* A click on the figure's landscape: the two parameters of its plane set
 * to the point under the pointer (rs_plane_map inverted), the others
 * those of the point shown, and a new run from there; B's balls start
 * there too.  Elsewhere the window says why nothing starts. */
static void
click_figure (rs_app *a, double px, double py)
{
  const rs_net *net = rs_sim_net (a->run.sim);
  const char *p1, *p2;
  rs_rect plot;
  rs_interval ur, vr;
  size_t np, iu, iv;
  double *theta;
  rs_sim *sim;

  if (a->view.probe == NULL || !inside (plot = app_probe_plot (a), px, py)
      || !rs_plane_params (a->view.probe, &p1, &p2))
    {
      app_toast (a, 0, why_no_click (a, px, py));
      return;
    }
  ur = rs_plane_u_range (a->view.probe);
  vr = rs_plane_v_range (a->view.probe);
  np = rs_net_nparams (net);
  if (rs_net_param_lookup (net, p1, &iu, NULL) != RS_OK
      || rs_net_param_lookup (net, p2, &iv, NULL) != RS_OK
      || (theta = malloc (np * sizeof *theta)) == NULL)
    return;
  memcpy (theta, rs_sim_theta (a->run.sim, app_finite_index (a->run.sim,
                                                             a->run.shown)),
          np * sizeof *theta);
  theta[iu] = ur.lo + (px - plot.x) / plot.width * (ur.hi - ur.lo);
  theta[iv] = vr.hi - (py - plot.y) / plot.height * (vr.hi - vr.lo);
  if ((sim = app_target (a)) != NULL)
    {
      rs_sim_start_at (sim, theta);
      apply_live (a, sim);
      app_balls_each (a, ball_start, theta);
      app_changed (a);
    }
  free (theta);
}

/* Whether (px, py) lies on a 3-D view of the figure. */
static int
on_3d_view (const rs_app *a, double px, double py)
{
  for (size_t i = 0; i < a->view.look->n_views; i++)
    if (a->view.look->views[i].three_d
        && inside (view_cell (a, i), px, py))
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
  rs_style *st = &a->view.scene.style;

  st->azimuth = remainder (st->azimuth - DRAG_DEGREES * dx, 360.0);
  st->elevation = fmin (fmax (st->elevation + DRAG_DEGREES * dy,
                              ELEVATION_MIN), ELEVATION_MAX);
  if (a->view.look != NULL)
    {
      a->view.look->scene.style.azimuth = st->azimuth;
      a->view.look->scene.style.elevation = st->elevation;
    }
}

/* A left click: on a 3-D view it starts a drag, elsewhere it starts the
 * ball (click_figure).  Before the first figure there is nothing to
 * click on. */
static void
handle_click (rs_app *a, int x, int y)
{
  double px, py;

  point_to_pixel (a, x, y, &px, &py);
  if (app_controls_press (a, px, py))
    return;
  if (a->view.fig == NULL)
    {
      app_toast (a, 0, "wait until the figure is drawn");
      return;
    }
  if (on_3d_view (a, px, py))
    {
      a->in.dragging = 1;
      return;
    }
  click_figure (a, px, py);
}

void
rs_app_handle_event (rs_app *a, const SDL_Event *e)
{
  double px, py;

  switch (e->type)
    {
    case SDL_QUIT:
      a->in.quit = 1;
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
      if (a->in.dragging)
        drag_camera (a, e->motion.xrel, e->motion.yrel);
      else if (a->in.slider)
        {
          point_to_pixel (a, e->motion.x, e->motion.y, &px, &py);
          app_controls_drag (a, px);
        }
      break;
    case SDL_MOUSEBUTTONUP:
      point_to_pixel (a, e->button.x, e->button.y, &px, &py);
      if (e->button.button == SDL_BUTTON_LEFT
          && app_controls_release (a, px))
        break;
      if (a->in.dragging && e->button.button == SDL_BUTTON_LEFT)
        {
          a->in.dragging = 0;
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

/* The points a second played: the speed, or PageDown's on its way to a
 * beat. */
static double
play_speed (const rs_app *a)
{
  return a->in.to_goal ? a->in.goal_speed : a->in.speed;
}

/* One recorded point further; in presenter mode a beat pauses there.  A
 * change the run recorded there (of activation, or a kick) is played as
 * a morph, as animations show it: the ball waits there for it.  Returns
 * 0 at a pause, a morph or the end. */
static int
play (rs_app *a)
{
  /* after a change the ball waits there until its run is drawn, and
     while its morph plays */
  if (a->run.morph_wait || app_morph_at (a) >= 0.0)
    {
      /* at most one step's time is kept: after the morph the ball goes
         on from the change's point, not by leaps */
      a->acc = fmin (a->acc, 1.0 / play_speed (a));
      return 0;
    }
  if (a->view.fig == NULL || a->run.head != NULL
      || a->run.shown + 1 >= rs_sim_n_recorded (a->run.sim))
    return 0;
  a->run.shown++;
  rs_figure_show (a->view.fig, a->run.shown);
  /* PageDown's beat reached: a pause, its change still played */
  if (a->in.to_goal && a->run.shown >= a->in.goal)
    {
      a->in.to_goal = 0;
      a->in.paused = 1;
      a->acc = 0.0;
    }
  if (rs_sim_recorded (a->run.sim, a->run.shown)->events
      & (RS_EVENT_ACT | RS_EVENT_KICK))
    {
      app_balls_sync (a);
      app_morph_request (a);
      a->acc = 0.0;
      return 0;
    }
  if (a->in.paused)
    return 0;
  if (a->view.present && (rs_sim_recorded (a->run.sim, a->run.shown)->events
                          & RS_EVENT_BEAT))
    {
      a->in.paused = 1;
      a->acc = 0.0;
      return 0;
    }
  return 1;
}

void
rs_app_advance (rs_app *a, double seconds)
{
  double period = 1.0 / play_speed (a);
  size_t before = a->run.shown;

  if (seconds > 0.0)
    a->win.clock += seconds;
  app_jobs_poll (a);
  if (a->in.paused || !(seconds > 0.0))
    return;
  a->acc += fmin (seconds, MAX_CATCH_UP);
  while (a->acc >= period - TIME_EPS)
    {
      a->acc -= period;
      if (!play (a))
        break;
    }
  if (a->run.shown != before)
    {
      app_balls_sync (a);
      app_follow (a);
    }
}

void
rs_app_ball (const rs_app *a, double *w, double *b)
{
  const rs_sim_point *pt = rs_sim_recorded (a->run.sim, a->run.shown);

  /* the figure draws its own ball, between the points of the run
     (rs_figure_between); here the point shown */
  *w = pt->w;
  *b = pt->b;
}

/* ---- drawing ------------------------------------------------------------ */

/* The units that can die and how many: those of every layer that is not
 * the identity (as rs_sim_point.dead counts them). */
static size_t
unit_count (const rs_app *a)
{
  const rs_net_spec *sp = &rs_sim_get_params (a->run.sim)->net;
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

  /* inactive everywhere is dead only where the slope below 0 is 0: under
     Leaky ReLU the unit still has a gradient (C8) */
  if (rs_sim_is_neuron (a->run.sim))
    snprintf (buf, n, "active on %zu of %zu points%s", pt->active,
              rs_sim_data (a->run.sim)->n, pt->active > 0 ? ""
              : pt->dead > 0 ? " (dead)" : " (on the α slope)");
  else
    snprintf (buf, n, "units: %zu alive, %zu dead", units - pt->dead,
              pt->dead);
}

/* The HUD, at the top of the control strip: where the run is (step,
 * loss, gradient norm, activity), the optimiser and the speed, and at
 * the end the outcome (C5); the live settings are on the controls below
 * it. */
void
rs_app_hud_text (const rs_app *a, char *buf, size_t n)
{
  const rs_sim_params *p = rs_sim_get_params (a->run.sim);
  const rs_sim_point *pt = rs_sim_recorded (a->run.sim, a->run.shown);
  char act[200], outcome[160] = "";

  activity_text (a, pt, act, sizeof act);
  if (a->run.shown + 1 == rs_sim_n_recorded (a->run.sim))
    rs_draw_outcome (a->run.sim, outcome, sizeof outcome);
  snprintf (buf, n,
            "step <b>%zu</b>%s%s\nloss %.4g · ‖∇L‖ %.3g\n%s\n"
            "%s · %.3g steps/s · H: help%s%s",
            pt->step, a->run.head != NULL && a->view.fig != NULL
            ? " (computing the change)" : "",
            a->in.paused ? " · <b>paused</b>" : "", pt->loss, pt->gnorm, act,
            p->optim->name, a->in.speed, outcome[0] ? "\n" : "", outcome);
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

/* The scale of the overlays' lines and text: the figure's, or before
 * the first figure the one it will have (its body text in points, at
 * 4/3 pixels a point). */
static double
overlay_scale (const rs_app *a)
{
  if (a->view.fig != NULL)
    return rs_figure_scale (a->view.fig);
  return a->view.scene.style.font_pt * (4.0 / 3.0) / 13.0;
}

/* The figure alone, as exported: the scene's figure at the point shown,
 * B's balls on it; before the first figure a page saying it comes. */
static void
draw_view (cairo_t *cr, double width, double height, void *data)
{
  rs_app *a = data;
  const rs_theme *th;

  if (a->view.fig != NULL)
    {
      double t = a->acc * play_speed (a);
      rs_figure *f = app_figure_drawn (a);

      /* the ball glides from the point before the one shown to it over a
         step's period; after a change of activation or a kick, the morph
         plays (each frame as made: mid-kick, the ball on its way) */
      rs_figure_marks (f, a->view.show_path, a->view.show_grad);
      if (app_morph_at (a) < 0.0)
        rs_figure_between (f, a->in.paused ? 1.0 : fmin (t, 1.0));
      rs_figure_draw (cr, width, height, f);
      app_balls_draw (cr, a, width, height);
      return;
    }
  th = a->view.scene.style.dark ? rs_theme_dark () : rs_theme_light ();
  rs_theme_set (cr, th->bg);
  cairo_paint (cr);
  rs_theme_set (cr, th->muted);
  rs_text (cr, a->view.scene.style.font, width / 2, height / 2,
           a->run.n_jobs > 0 ? "drawing the figure…" : "no figure",
           16 * overlay_scale (a), 0, 0.5, 0.5, 0);
}

/* The window's picture: the figure, beside it the control strip (with
 * the HUD), the help over the figure when asked for, and the last
 * message where it covers no axis (app_controls.c).  In presenter mode
 * and without the strip the figure's own status line is the HUD. */
static void
draw_app (cairo_t *cr, double width, double height, void *data)
{
  rs_app *a = data;
  rs_rect f = app_figure_area (a);
  char text[2048];
  double s = overlay_scale (a);

  /* the figure is drawn at the size of its part, from the top left */
  draw_view (cr, f.width, f.height, a);
  app_controls_draw (cr, a, width, height);
  if (a->view.help)
    {
      help_text (text, sizeof text);
      rs_draw_text_box (cr, 8 * s, 8 * s, text, s);
    }
  app_toast_draw (cr, a, width, height);
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

  if (SDL_LockTexture (a->win.tex, NULL, &pixels, &pitch) != 0)
    return sdl_fail (err, "cannot lock the texture");
  s = cairo_image_surface_create_for_data (pixels, CAIRO_FORMAT_ARGB32,
                                           a->win.tex_w, a->win.tex_h,
                                           pitch);
  cr = cairo_create (s);
  draw_app (cr, a->win.tex_w, a->win.tex_h, a);
  st = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
  SDL_UnlockTexture (a->win.tex);
  if (st != CAIRO_STATUS_SUCCESS)
    return rs_error_set (err, RS_EIO, NULL, 0, 0, "cannot draw: %s",
                         cairo_status_to_string (st));
  return RS_OK;
}

/* Copy the texture to the whole render target. */
static int
copy_texture (rs_app *a, rs_error *err)
{
  if (SDL_RenderClear (a->win.ren) != 0
      || SDL_RenderCopy (a->win.ren, a->win.tex, NULL, NULL) != 0)
    return sdl_fail (err, "cannot copy the picture to the window");
  return RS_OK;
}

int
rs_app_render (rs_app *a, rs_error *err)
{
  app_jobs_poll (a);
  live_from_point (a);
  if (ensure_texture (a, err) != RS_OK || draw_into_texture (a, err) != RS_OK
      || copy_texture (a, err) != RS_OK)
    return -1;
  SDL_RenderPresent (a->win.ren);
  return 0;
}

int
rs_app_read_pixels (rs_app *a, void *pixels, int pitch, rs_error *err)
{
  if (copy_texture (a, err) != RS_OK)
    return -1;
  if (SDL_RenderReadPixels (a->win.ren, NULL, SDL_PIXELFORMAT_ARGB8888,
                            pixels, pitch) != 0)
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
  rs_rect f;

  live_from_point (a);
  if (ensure_texture (a, err) != RS_OK)
    return -1;
  /* the figure alone at the size it has in the window */
  f = draw == draw_view ? app_figure_area (a)
      : (rs_rect) { 0, 0, a->win.tex_w, a->win.tex_h };
  if (rs_export (path, (int) f.width, (int) f.height, draw, a, msg,
                 sizeof msg) != 0)
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
  const rs_sim_point *pt = rs_sim_recorded (a->run.sim, a->run.shown);
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
  app_toast (a, rc != 0, msg);
}

/* ---- the loop ----------------------------------------------------------- */

/* The script's actions due at the current frame, in the file's order. */
static int
run_script (rs_app *a, rs_error *err)
{
  const rs_app_script *s = a->opt.script;
  SDL_Event e;

  while (s != NULL && a->in.next_action < rs_app_script_length (s) && !a->in.quit
         && rs_app_script_get (s, a->in.next_action)->frame <= a->win.frame)
    {
      const rs_script_action *act = rs_app_script_get (s, a->in.next_action++);
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
          SDL_SetWindowSize (a->win.win, act->width, act->height);
          break;
        case RS_SCRIPT_SCREENSHOT:
          if (rs_app_screenshot (a, act->path, err) != 0)
            return -1;
          break;
        case RS_SCRIPT_QUIT:
          a->in.quit = 1;
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
  int hidden = (SDL_GetWindowFlags (a->win.win) & SDL_WINDOW_MINIMIZED) != 0;
  double spent;

  if (a->fixed || (a->win.vsync && !hidden))
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

  while (!a->in.quit)
    {
      Uint64 start = SDL_GetPerformanceCounter ();
      double dt = elapsed (&last);

      rs_app_poll (a);
      if (run_script (a, err) != 0)
        return -1;
      if (a->in.quit)
        break;
      rs_app_advance (a, a->fixed ? FIXED_FRAME : dt);
      if (rs_app_render (a, err) != 0)
        return -1;
      a->win.frame++;
      if (a->opt.frames > 0 && a->win.frame >= a->opt.frames)
        a->in.quit = 1;
      pace (a, start);
    }
  return 0;
}

/* ---- accessors ---------------------------------------------------------- */

void
rs_app_output_size (const rs_app *a, int *width, int *height)
{
  *width = a->win.tex_w;
  *height = a->win.tex_h;
}

void
rs_app_pixel_of (const rs_app *a, double w, double b, int *x, int *y)
{
  double px, py;
  int ww, wh;

  if (a->view.fig == NULL || a->view.probe == NULL)
    {
      /* no landscape over two parameters: off the window */
      *x = *y = -1;
      return;
    }
  SDL_GetWindowSize (a->win.win, &ww, &wh);
  rs_plane_map (a->view.probe, app_probe_plot (a), w, b, &px, &py);
  *x = (int) floor (px * ww / a->win.tex_w);
  *y = (int) floor (py * wh / a->win.tex_h);
}

int
rs_app_ball_drawn (rs_app *a, int *x, int *y)
{
  rs_figure *f = app_figure_drawn (a);
  rs_rect area = app_figure_area (a);
  double px, py;
  int ww, wh;

  if (f == NULL || a->view.probe == NULL
      || !rs_figure_ball (f, a->view.probe_view, area.width, area.height,
                          &px, &py))
    return 0;
  SDL_GetWindowSize (a->win.win, &ww, &wh);
  *x = (int) floor (px * ww / a->win.tex_w);
  *y = (int) floor (py * wh / a->win.tex_h);
  return 1;
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
