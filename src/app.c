/* app.c: the interactive app (C4, C5, C8, C11): the landscape of draw.c in
 * an SDL2 window, the ball rolling on a fixed time step, live controls,
 * and scripts of timed actions for reproducible runs. */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "app.h"
#include "script.h"
#include "cli.h"
#include "draw.h"
#include "export.h"

/* The time step of a scripted frame, and the most time one frame may
 * catch up on after a stall (Chipmunk2D's clamped accumulator). */
#define FIXED_FRAME (1.0 / 60.0)
#define MAX_CATCH_UP 0.25

/* Times closer than this (seconds) count as equal, so that 3 s cut into
 * 180 or 90 pieces takes the same number of steps despite rounding. */
#define TIME_EPS 1e-9

/* The landscape's grid, points a side: that of `reluscape render`, so
 * that the window shows the exported figure. */
#define GRID 241

#define N_ELEMS(a) (sizeof (a) / sizeof (a)[0])

#define NO_DISPLAY_HINT \
  "draw the scene to a file with 'reluscape render SCENE -o out.png'"

/* ---- the app's state -------------------------------------------------- */

struct rs_app {
  rs_scene scene;
  rs_app_options opt;
  int fixed;                   /* every frame advances FIXED_FRAME */
  rs_sim *sim;
  rs_landscape *land[2];       /* the scene's activation, the toggled one */
  int toggled;                 /* L switched to the other activation */
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
  int paused;
  int help;
  int quit;
  unsigned long frame;
  size_t next_action;          /* the script's first action not yet done */
};

void
rs_app_options_default (rs_app_options *o)
{
  memset (o, 0, sizeof *o);
  o->width = 1280;
  o->height = 720;
}

/* The activation and alpha that L switches to: Leaky ReLU with the
 * scene's alpha, or plain ReLU when the scene is already leaky (C8). */
static void
other_activation (const rs_scene *sc, const rs_act_type **act,
                  double *alpha)
{
  *act = sc->sim.act == rs_act_leaky_relu ? rs_act_relu : rs_act_leaky_relu;
  *alpha = sc->sim.alpha;
}

/* The landscape for the current activation, computed when first needed.
 * NULL with err when it cannot be. */
static const rs_landscape *
current_landscape (rs_app *a, rs_error *err)
{
  rs_landscape **l = &a->land[a->toggled];

  if (*l == NULL)
    *l = rs_landscape_alloc (&a->scene, rs_sim_neuron (a->sim),
                             rs_sim_data (a->sim), GRID, GRID, err);
  return *l;
}

/* The ball stops interpolating: it is drawn where the run now is (after
 * a jump: a kick, a restart, a reset). */
static void
settle_ball (rs_app *a)
{
  const rs_neuron *u = rs_sim_neuron (a->sim);

  a->prev_w = u->w;
  a->prev_b = u->b;
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
  a->opt = *o;
  a->fixed = o->fixed_step || o->script != NULL;
  a->sim = rs_sim_alloc (&sc->sim, err);
  if (a->sim == NULL || current_landscape (a, err) == NULL
      || open_window (a, err) != RS_OK || ensure_texture (a, err) != RS_OK)
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
  if (a->tex != NULL)
    SDL_DestroyTexture (a->tex);
  if (a->ren != NULL)
    SDL_DestroyRenderer (a->ren);
  if (a->win != NULL)
    SDL_DestroyWindow (a->win);
  if (a->sdl_up)
    SDL_QuitSubSystem (SDL_INIT_VIDEO);
  rs_landscape_free (a->land[0]);
  rs_landscape_free (a->land[1]);
  rs_sim_free (a->sim);
  free (a);
}

/* ---- controls ----------------------------------------------------------- */

/* L: switch between the scene's activation and the other one (C8).  The
 * landscape changes with it: under Leaky ReLU the plateau tilts. */
static void
toggle_activation (rs_app *a)
{
  const rs_act_type *act = a->scene.sim.act;
  double alpha = a->scene.sim.alpha;
  rs_error err;

  a->toggled = !a->toggled;
  if (a->toggled)
    other_activation (&a->scene, &act, &alpha);
  rs_sim_set_activation (a->sim, act, alpha);
  if (current_landscape (a, &err) == NULL)
    SDL_Log ("reluscape: %s", err.message);
  settle_ball (a);
}

/* K: a thermal kick of the scene's kick scale (C11). */
static void
kick (rs_app *a)
{
  rs_sim_kick (a->sim, a->scene.sim.kick_sigma);
  settle_ball (a);
}

/* Start again from (w, b), keeping the activation. */
static void
restart_at (rs_app *a, double w, double b)
{
  rs_sim_restart (a->sim, w, b);
  a->acc = 0.0;
  settle_ball (a);
}

/* R: the scene's start and activation. */
static void
reset (rs_app *a)
{
  if (a->toggled)
    toggle_activation (a);
  restart_at (a, a->scene.sim.w0, a->scene.sim.b0);
}

/* A key press; repeats of a held key are ignored. */
static void
handle_key (rs_app *a, SDL_Keycode key)
{
  switch (key)
    {
    case SDLK_SPACE:
      a->paused = !a->paused;
      break;
    case SDLK_l:
      toggle_activation (a);
      break;
    case SDLK_k:
      kick (a);
      break;
    case SDLK_r:
      reset (a);
      break;
    case SDLK_h:
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

/* A left click inside the plot restarts the ball from the (w, b) there. */
static void
handle_click (rs_app *a, int x, int y)
{
  rs_rect plot = rs_draw_plot_rect (a->tex_w, a->tex_h);
  double px, py, w, b;

  point_to_pixel (a, x, y, &px, &py);
  if (px < plot.x || px > plot.x + plot.width || py < plot.y
      || py > plot.y + plot.height)
    return;
  rs_draw_unmap (&a->scene, plot, px, py, &w, &b);
  restart_at (a, w, b);
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
        handle_key (a, e->key.keysym.sym);
      break;
    case SDL_MOUSEBUTTONDOWN:
      if (e->button.button == SDL_BUTTON_LEFT)
        handle_click (a, e->button.x, e->button.y);
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
  if (rs_sim_test (a->sim) == RS_SIM_DIVERGED)
    return;
  settle_ball (a);
  rs_sim_iterate (a->sim);
}

void
rs_app_advance (rs_app *a, double seconds)
{
  double period = 1.0 / a->scene.speed;

  if (a->paused || !(seconds > 0.0) || !(a->scene.speed > 0.0))
    return;
  a->acc += fmin (seconds, MAX_CATCH_UP);
  while (a->acc >= period - TIME_EPS)
    {
      a->acc -= period;
      step (a);
    }
}

void
rs_app_ball (const rs_app *a, double *w, double *b)
{
  const rs_neuron *u = rs_sim_neuron (a->sim);
  double t = a->acc * a->scene.speed;

  t = t < 0.0 ? 0.0 : t > 1.0 ? 1.0 : t;
  *w = a->prev_w + t * (u->w - a->prev_w);
  *b = a->prev_b + t * (u->b - a->prev_b);
}

/* ---- drawing ------------------------------------------------------------ */

/* The HUD line under the title: step, loss, gradient norm, activity,
 * activation, and whether the ball is paused or stuck (C5). */
static void
hud_text (const rs_app *a, char *buf, size_t n)
{
  const rs_sim_point *pt = rs_sim_current (a->sim);
  char act[96], outcome[128];

  rs_draw_act_label (rs_sim_neuron (a->sim), act, sizeof act);
  rs_draw_outcome (a->sim, outcome, sizeof outcome);
  snprintf (buf, n, "step %zu · loss %.4g · |∇L| %.3g · active on %zu of %zu"
            " · %s%s%s%s%s · H: help", pt->step, pt->loss, pt->gnorm,
            pt->active, rs_sim_data (a->sim)->n, act,
            outcome[0] ? " · " : "", outcome,
            rs_sim_test (a->sim) == RS_SIM_DIVERGED ? ": press R" : "",
            a->paused ? " · <b>paused</b>" : "");
}

/* The help overlay, in the top-left corner of the plot. */
static void
draw_help (cairo_t *cr, double width, double height, const rs_app *a)
{
  rs_rect plot = rs_draw_plot_rect (width, height);
  double s = rs_draw_scale (width, height);
  char text[512];

  snprintf (text, sizeof text,
            "<b>Keys</b>\n"
            "<b>Space</b>   pause or resume\n"
            "<b>L</b>   Leaky ReLU on or off (α = %g)\n"
            "<b>K</b>   thermal kick (σ = %g)\n"
            "<b>R</b>   reset to the start\n"
            "<b>click</b>   start from that (w, b)\n"
            "<b>H</b>   this help\n"
            "<b>Q</b>, <b>Esc</b>   quit", a->scene.sim.alpha,
            a->scene.sim.kick_sigma);
  rs_draw_text_box (cr, plot.x + 12 * s, plot.y + 12 * s, text, s);
}

/* The whole picture: the figure of draw.c with the ball where it is
 * drawn now, the HUD, and the help when asked for. */
static void
draw_app (cairo_t *cr, double width, double height, void *data)
{
  rs_app *a = data;
  char hud[512];
  rs_frame f;
  rs_error err;

  hud_text (a, hud, sizeof hud);
  f.scene = &a->scene;
  f.sim = a->sim;
  f.land = current_landscape (a, &err);
  if (f.land == NULL)
    f.land = a->land[!a->toggled];
  rs_app_ball (a, &f.ball_w, &f.ball_b);
  f.note = hud;
  f.n_path = 0;
  rs_draw_frame (cr, width, height, &f);
  if (a->help)
    draw_help (cr, width, height, a);
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

int
rs_app_screenshot (rs_app *a, const char *path, rs_error *err)
{
  char msg[512];

  if (ensure_texture (a, err) != RS_OK)
    return -1;
  if (rs_export (path, a->tex_w, a->tex_h, draw_app, a, msg, sizeof msg)
      != 0)
    {
      rs_error_set (err, RS_EIO, NULL, 0, 0, "%s", msg);
      return -1;
    }
  return 0;
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
  rs_rect plot = rs_draw_plot_rect (a->tex_w, a->tex_h);
  double px, py;
  int ww, wh;

  SDL_GetWindowSize (a->win, &ww, &wh);
  rs_draw_map (&a->scene, plot, w, b, &px, &py);
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
  return rs_sim_neuron (a->sim)->act == rs_act_leaky_relu;
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
