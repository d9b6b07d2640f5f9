/* app_input.c: the app's events (C4, C11): a table from each kind of SDL
 * event to its handler (events), and one from a left press to who takes
 * it (press_targets).  Keys go to the key map (app_keys.c); a press on
 * the control strip to its controls (app_controls.c's controls[]),
 * whose actions are the keys' own; a click on the figure's landscape
 * over two parameters starts the ball there, a drag on a 3-D view turns
 * its camera.  Window points are turned into the drawing's pixels here,
 * and back for the tests (rs_app_pixel_of, rs_app_ball_drawn). */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_private.h"

/* Degrees the 3-D camera turns per point dragged, and its elevation's
 * range (the scene language's, less the degenerate ends). */
#define DRAG_DEGREES 0.4
#define ELEVATION_MIN 5.0
#define ELEVATION_MAX 85.0

/* ---- the mouse on the figure -------------------------------------------- */

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
  app_apply_live (a, sim);
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

/* The parameters of the point shown, with the two of the probe's plane
 * (p1 and p2) set to the point under pixel (px, py) of its plot
 * (rs_plane_map inverted); NULL when they cannot be had. */
static double *
theta_under (const rs_app *a, const char *p1, const char *p2, rs_rect plot,
             double px, double py)
{
  const rs_net *net = rs_sim_net (a->run.sim);
  rs_interval ur = rs_plane_u_range (a->view.probe);
  rs_interval vr = rs_plane_v_range (a->view.probe);
  size_t np = rs_net_nparams (net), iu, iv;
  double *theta;

  if (rs_net_param_lookup (net, p1, &iu, NULL) != RS_OK
      || rs_net_param_lookup (net, p2, &iv, NULL) != RS_OK
      || (theta = malloc (np * sizeof *theta)) == NULL)
    return NULL;
  memcpy (theta, rs_sim_theta (a->run.sim, app_finite_index (a->run.sim,
                                                             a->run.shown)),
          np * sizeof *theta);
  theta[iu] = ur.lo + (px - plot.x) / plot.width * (ur.hi - ur.lo);
  theta[iv] = vr.hi - (py - plot.y) / plot.height * (vr.hi - vr.lo);
  return theta;
}

/* A click on the figure's landscape: the two parameters of its plane set
 * to the point under the pointer (theta_under), the others those of the
 * point shown, and a new run from there; B's balls start there too.
 * Elsewhere the window says why nothing starts. */
static void
click_figure (rs_app *a, double px, double py)
{
  const char *p1, *p2;
  rs_rect plot;
  double *theta;
  rs_sim *sim;

  if (a->view.probe == NULL || !inside (plot = app_probe_plot (a), px, py)
      || !rs_plane_params (a->view.probe, &p1, &p2))
    {
      app_toast (a, 0, why_no_click (a, px, py));
      return;
    }
  if ((theta = theta_under (a, p1, p2, plot, px, py)) == NULL)
    return;
  if ((sim = app_target (a)) != NULL)
    {
      rs_sim_start_at (sim, theta);
      app_apply_live (a, sim);
      app_balls_each (a, ball_start, theta);
      app_changed (a);
    }
  free (theta);
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

/* Before the first figure there is nothing to click on: the press is
 * taken, and the window says so. */
static int
press_too_early (rs_app *a, double px, double py)
{
  (void) px;
  (void) py;
  if (a->view.fig != NULL)
    return 0;
  app_toast (a, 0, "wait until the figure is drawn");
  return 1;
}

/* A press on a 3-D view starts a drag (drag_camera). */
static int
press_3d_view (rs_app *a, double px, double py)
{
  if (!on_3d_view (a, px, py))
    return 0;
  a->in.dragging = 1;
  return 1;
}

/* Anywhere else on the figure the press starts the ball (click_figure). */
static int
press_figure (rs_app *a, double px, double py)
{
  click_figure (a, px, py);
  return 1;
}

/* Who a left press at pixel (px, py) goes to, in this order: the first
 * that takes it (returns 1) acts; the strip's controls call the keys'
 * actions (app_controls.c). */
static int (*const press_targets[]) (rs_app *a, double px, double py) = {
  app_controls_press, press_too_early, press_3d_view, press_figure
};

/* A left click at window point (x, y): press_targets in turn. */
static void
handle_click (rs_app *a, int x, int y)
{
  double px, py;

  point_to_pixel (a, x, y, &px, &py);
  for (size_t i = 0; i < N_ELEMS (press_targets); i++)
    if (press_targets[i] (a, px, py))
      return;
}

/* ---- the event table ---------------------------------------------------- */

/* The window is closed. */
static void
on_quit (rs_app *a, const SDL_Event *e)
{
  (void) e;
  a->in.quit = 1;
}

/* A key press; repeats of a held key are ignored. */
static void
on_key (rs_app *a, const SDL_Event *e)
{
  if (!e->key.repeat)
    app_key_press (a, e->key.keysym.sym, e->key.keysym.mod);
}

/* A button pressed: the left one clicks (handle_click). */
static void
on_press (rs_app *a, const SDL_Event *e)
{
  if (e->button.button == SDL_BUTTON_LEFT)
    handle_click (a, e->button.x, e->button.y);
}

/* The pointer moved: a drag turns the camera, a slider held follows. */
static void
on_motion (rs_app *a, const SDL_Event *e)
{
  double px, py;

  if (a->in.dragging)
    drag_camera (a, e->motion.xrel, e->motion.yrel);
  else if (a->in.slider)
    {
      point_to_pixel (a, e->motion.x, e->motion.y, &px, &py);
      app_controls_drag (a, px);
    }
}

/* A button let go: a slider held takes its value, a drag ends and the
 * figure is drawn again from the camera it left. */
static void
on_release (rs_app *a, const SDL_Event *e)
{
  double px, py;

  point_to_pixel (a, e->button.x, e->button.y, &px, &py);
  if (e->button.button == SDL_BUTTON_LEFT
      && app_controls_release (a, px))
    return;
  if (a->in.dragging && e->button.button == SDL_BUTTON_LEFT)
    {
      a->in.dragging = 0;
      app_figure_request (a);
    }
}

/* Each kind of event the app reacts to, and its handler. */
static const struct {
  Uint32 type;
  void (*handle) (rs_app *a, const SDL_Event *e);
} events[] = {
  { SDL_QUIT, on_quit },
  { SDL_KEYDOWN, on_key },
  { SDL_MOUSEBUTTONDOWN, on_press },
  { SDL_MOUSEMOTION, on_motion },
  { SDL_MOUSEBUTTONUP, on_release }
};

void
rs_app_handle_event (rs_app *a, const SDL_Event *e)
{
  for (size_t i = 0; i < N_ELEMS (events); i++)
    if (events[i].type == e->type)
      {
        events[i].handle (a, e);
        return;
      }
}

void
rs_app_poll (rs_app *a)
{
  SDL_Event e;

  while (SDL_PollEvent (&e))
    rs_app_handle_event (a, &e);
}

/* ---- where things are drawn, in window points --------------------------- */

/* Pixel (px, py) of the drawing in window points. */
static void
pixel_to_point (const rs_app *a, double px, double py, int *x, int *y)
{
  int ww, wh;

  SDL_GetWindowSize (a->win.win, &ww, &wh);
  *x = (int) floor (px * ww / a->win.tex_w);
  *y = (int) floor (py * wh / a->win.tex_h);
}

void
rs_app_pixel_of (const rs_app *a, double w, double b, int *x, int *y)
{
  double px, py;

  if (a->view.fig == NULL || a->view.probe == NULL)
    {
      /* no landscape over two parameters: off the window */
      *x = *y = -1;
      return;
    }
  rs_plane_map (a->view.probe, app_probe_plot (a), w, b, &px, &py);
  pixel_to_point (a, px, py, x, y);
}

int
rs_app_ball_drawn (rs_app *a, int *x, int *y)
{
  rs_figure *f = app_figure_drawn (a);
  rs_rect area = app_figure_area (a);
  double px, py;

  if (f == NULL || a->view.probe == NULL
      || !rs_figure_ball (f, a->view.probe_view, area.width, area.height,
                          &px, &py))
    return 0;
  pixel_to_point (a, px, py, x, y);
  return 1;
}
