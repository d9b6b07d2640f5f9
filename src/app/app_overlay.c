/* app_overlay.c: what the app draws over and beside its figure, and the
 * window's picture made of them (C4, C5): the HUD's text (where the run
 * is and how it ends), the help overlay listing every key, the messages
 * ("toasts") and the page before the first figure; S and E save that
 * picture, or the figure alone, to a file.  The control strip that
 * holds the HUD, and the text helpers the messages are written with,
 * are app_controls.c's; a message goes at the strip's foot, or without
 * the strip over the figure's status line. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cairo.h>
#include <glib.h>

#include "app/app_private.h"
#include "cli/cli.h"
#include "draw/draw.h"
#include "draw/theme.h"
#include "export/export.h"

/* Seconds a message stays. */
#define TOAST_SECONDS 4.0

/* ---- messages ----------------------------------------------------------- */

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

/* Where the message goes in a width x height window: at the strip's
 * foot, or without the strip over the figure's status line (in its
 * header, above every panel), which it stands for while it shows: it
 * never covers an axis or its labels. */
static rs_rect
toast_box (const rs_app *a, cairo_t *cr, double width, double height,
           const char *markup, double *s)
{
  app_layout l;
  double tw, th, pad, top = height;

  app_layout_of (a, width, height, &l);
  if (l.shown)
    {
      *s = l.s;
      pad = APP_PAD * *s;
      th = app_text_height (cr, markup, APP_TEXT_PX * *s,
                           l.toast.width - 2 * pad);
      th = fmin (th + 1.5 * pad, l.toast.height);
      return (rs_rect) { l.toast.x, l.toast.y + l.toast.height - th,
                         l.toast.width, th };
    }
  *s = a->view.fig != NULL ? rs_figure_scale (a->view.fig) : 1.0;
  pad = APP_PAD * *s;
  rs_text_size (cr, NULL, markup, APP_TEXT_PX * *s, 0, &tw, &th);
  /* the status line's row (figure.c: at 36 units, 13 high), less than
     the top of the first panel */
  for (size_t i = 0; a->view.fig != NULL && i < a->view.look->n_views; i++)
    top = fmin (top, rs_figure_cell (a->view.fig, i, width, height).y);
  return (rs_rect) { 4 * *s, 33 * *s, fmin (tw + 2 * pad, width - 8 * *s),
                     fmin (th + pad, top - 33 * *s) };
}

int
rs_app_toast_rect (rs_app *a, rs_rect *r)
{
  cairo_surface_t *sf = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1,
                                                    1);
  cairo_t *cr = cairo_create (sf);
  double s, unit = 1.0;
  int ww, wh;

  *r = toast_box (a, cr, a->win.tex_w, a->win.tex_h, a->win.toast, &s);
  cairo_destroy (cr);
  cairo_surface_destroy (sf);
  SDL_GetWindowSize (a->win.win, &ww, &wh);
  if (ww > 0)
    unit = a->win.tex_w / (double) ww;
  *r = app_in_points (*r, unit);
  return rs_app_toast (a)[0] != '\0';
}

void
app_toast_draw (cairo_t *cr, const rs_app *a, double width, double height)
{
  double s, pad;
  rs_rect b;

  if (!a->win.toast[0] || a->win.clock >= a->win.toast_until)
    return;
  b = toast_box (a, cr, width, height, a->win.toast, &s);
  pad = APP_PAD * s;
  cairo_save (cr);
  cairo_set_source_rgba (cr, 0.08, 0.08, 0.1, 0.85);
  cairo_rectangle (cr, b.x, b.y, b.width, b.height);
  cairo_fill (cr);
  app_put_text (cr, b, b.x + pad, b.y + pad / 2, a->win.toast,
                APP_TEXT_PX * s, 0, (rs_rgb) { 1, 1, 1 }, b.width - 2 * pad);
  cairo_restore (cr);
}

/* ---- the HUD, the help and the window's picture ------------------------- */

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

/* The help overlay: every key (rs_app_keys). */
static void
help_text (char *buf, size_t n)
{
  size_t nk, len = (size_t) snprintf (buf, n, "<b>Keys</b>");
  const rs_app_key *keys = rs_app_keys (&nk);

  for (size_t i = 0; i < nk && len < n; i++)
    len += (size_t) snprintf (buf + len, n - len, "\n<b>%s</b>   %s",
                              keys[i].keys, keys[i].what);
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
      double t = a->acc * app_play_speed (a);
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
void
app_draw_window (cairo_t *cr, double width, double height, void *data)
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

/* Write draw's picture at the window's pixel size to path. */
static int
write_file (rs_app *a, const char *path,
            void (*draw) (cairo_t *, double, double, void *), rs_error *err)
{
  char msg[512];
  rs_rect f;

  app_live_from_point (a);
  if (app_ensure_texture (a, err) != RS_OK)
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
  return write_file (a, path, app_draw_window, err);
}

/* S and E: the window as PNG, or the figure alone as PDF, named after the
 * scene and the step shown (net-dead-step00123.png); the window says
 * where it went, or why it could not. */
void
app_save_file (rs_app *a, const char *ext)
{
  const rs_sim_point *pt = rs_sim_recorded (a->run.sim, a->run.shown);
  char path[1200], msg[1800];
  rs_error err;
  int rc;

  snprintf (path, sizeof path, "%s/%s-step%05zu.%s",
            a->opt.save_dir != NULL ? a->opt.save_dir : ".",
            a->opt.name != NULL ? a->opt.name : "reluscape", pt->step, ext);
  rc = write_file (a, path, strcmp (ext, "png") == 0 ? app_draw_window
                   : draw_view, &err);
  if (rc == 0)
    snprintf (msg, sizeof msg, "saved %s", path);
  else
    snprintf (msg, sizeof msg, "cannot save %s: %s", path, err.message);
  app_toast (a, rc != 0, msg);
}
