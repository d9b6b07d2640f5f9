/* app_loop.c: the app's SDL side (C4): the window on a video driver
 * that shows one, its renderer and the texture the picture is drawn
 * into with cairo, and the loop that runs each frame: the events
 * (app_input.c), the script's actions due, the time played
 * (app_step.c), the picture (app_overlay.c), and a wait without vsync. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "app/app_private.h"
#include "app/script.h"

/* The time step of a scripted frame, and the frame a loop without vsync
 * waits out. */
#define FIXED_FRAME (1.0 / 60.0)

#define NO_DISPLAY_HINT \
  "draw the scene to a file with 'reluscape render SCENE -o out.png'"

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
int
app_open_window (rs_app *a, rs_error *err)
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
int
app_ensure_texture (rs_app *a, rs_error *err)
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


/* F: fullscreen on the window's display, or back. */
void
app_toggle_fullscreen (rs_app *a)
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
  app_draw_window (cr, a->win.tex_w, a->win.tex_h, a);
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
  app_live_from_point (a);
  if (app_ensure_texture (a, err) != RS_OK
      || draw_into_texture (a, err) != RS_OK
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

/* One action of the script (a key or a click goes through
 * rs_app_handle_event, as the user's would). */
static int
script_action (rs_app *a, const rs_script_action *act, rs_error *err)
{
  SDL_Event e;

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
  return 0;
}

/* The script's actions due at the current frame, in the file's order. */
static int
run_script (rs_app *a, rs_error *err)
{
  const rs_app_script *s = a->opt.script;

  while (s != NULL && a->in.next_action < rs_app_script_length (s)
         && !a->in.quit
         && rs_app_script_get (s, a->in.next_action)->frame <= a->win.frame)
    if (script_action (a, rs_app_script_get (s, a->in.next_action++), err)
        != 0)
      return -1;
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
