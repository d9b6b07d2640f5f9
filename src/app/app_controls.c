/* app_controls.c: the control strip, a column at the window's right edge
 * beside the figure, with what the HUD says, a control for every live
 * setting and action, the legend of B's balls and the place of the
 * last message (app_overlay.c draws it) (C4, C5, C8, C11).
 *
 * A student who never reads the key table can run every lesson with
 * the mouse: sliders for the speed, the learning rate, Leaky ReLU's
 * alpha, the kick's size and the temperature; toggles for Leaky ReLU,
 * bias warming, decay on the biases and the kink convention; buttons
 * for a kick, a step forward and back, play and pause, the next beat,
 * rewind, the next optimiser, one more ball and reset (the keys of the
 * view, the files and the window, G P T F5 F S E H Q, have none).
 * Each control shows its value and its key, and calls the very function
 * its key calls (one table, controls[], from controls to the actions
 * that app_keys.c's key map reaches too).  M shows and hides
 * the strip; presenter mode hides it.  Without the strip the figure
 * fills the window and the HUD collapses into the figure's own status
 * line; the messages then go to the top right corner, above the
 * figure's panels.  Everything is laid out by arithmetic alone
 * (app_layout_of), so that the tests can find each control's rectangle
 * without drawing. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "app/app_private.h"
#include "draw/draw.h"
#include "draw/theme.h"

/* The strip's width, a fraction of the window's, within these bounds
 * (pixels at scale 1), and the width its contents are laid out for:
 * its scale is its width over that, so that it grows and shrinks with
 * the window. */
#define DOCK_FRACTION 0.22
#define DOCK_MIN 190.0
#define DOCK_MAX 300.0
#define DOCK_DESIGN 260.0

/* A window narrower than this (points) has no room for the strip beside
 * the figure: the strip collapses, as in presenter mode. */
#define DOCK_MIN_WINDOW 720

/* Heights at scale 1 (pixels; the margin APP_PAD and text APP_TEXT_PX
 * are app_private.h's): a line of text, a slider (its line and
 * its track), a toggle's row, a button's row, the HUD's lines (the most
 * it has, and one when it collapses), the legend (a heading and up to
 * 1 + MAX_EXTRA balls) and the message (up to three lines). */
#define LINE 15.0
#define SLIDER_H 36.0
#define TOGGLE_H 22.0
#define BUTTON_H 28.0
#define HUD_LINES 6
#define LEGEND_H (LINE * (2 + MAX_EXTRA) + APP_PAD)
#define TOAST_H (3 * LINE + 2 * APP_PAD)

/* Below this scale the HUD collapses into its first line. */
#define HUD_MIN_SCALE 0.85

/* What a control does: a slider's value and how it is set, a toggle's
 * or a button's state and its action; every action is the one its key
 * calls (app_keys.c). */
typedef struct {
  const char *name;             /* as the tests and the strip name it */
  const char *label;            /* markup */
  const char *key;              /* as rs_app_keys writes it */
  rs_app_control_kind kind;
  double lo, hi;                /* a slider's range */
  int log;                      /* a slider's map is linear in log (value) */
  double (*get) (const rs_app *a);
  void (*set) (rs_app *a, double v);     /* a slider */
  void (*act) (rs_app *a);               /* a toggle or a button */
} control;

static double
get_speed (const rs_app *a)
{
  return a->in.speed;
}

static double
get_rate (const rs_app *a)
{
  return a->in.rate;
}

static double
get_alpha (const rs_app *a)
{
  return a->in.alpha;
}

static double
get_kick (const rs_app *a)
{
  return a->in.kick_sigma;
}

static double
get_temperature (const rs_app *a)
{
  return app_temperature (a);
}

static double
get_leaky (const rs_app *a)
{
  return a->in.leaky;
}

static double
get_warming (const rs_app *a)
{
  return rs_app_warming (a);
}

static double
get_decay (const rs_app *a)
{
  return rs_app_decay_biases (a);
}

static double
get_kink (const rs_app *a)
{
  return rs_app_kink (a);
}

static double
get_paused (const rs_app *a)
{
  return a->in.paused;
}

/* The controls, top to bottom; the ranges are those of the keys. */
static const control controls[] = {
  { "speed", "speed, steps/s", "+  -", RS_CONTROL_SLIDER, APP_SPEED_MIN,
    APP_SPEED_MAX, 1, get_speed, app_set_speed, NULL },
  { "rate", "learning rate η", "Shift+Up  Shift+Down", RS_CONTROL_SLIDER,
    APP_RATE_MIN, APP_RATE_MAX, 1, get_rate, app_set_rate, NULL },
  { "alpha", "Leaky ReLU's α", "A  Z", RS_CONTROL_SLIDER, APP_ALPHA_MIN,
    APP_ALPHA_MAX, 1, get_alpha, app_set_alpha, NULL },
  { "kick-sigma", "kick size σ", "]  [", RS_CONTROL_SLIDER, APP_KICK_MIN,
    APP_KICK_MAX, 1, get_kick, app_set_kick_sigma, NULL },
  { "temperature", "temperature T", "N  Shift+N", RS_CONTROL_SLIDER, 0.0,
    APP_TEMP_SLIDER_MAX, 0, get_temperature, app_set_temperature, NULL },
  { "leaky", "Leaky ReLU", "L", RS_CONTROL_TOGGLE, 0, 0, 0, get_leaky,
    NULL, app_toggle_activation },
  { "warming", "bias warming", "W", RS_CONTROL_TOGGLE, 0, 0, 0,
    get_warming, NULL, app_toggle_warming },
  { "decay", "decay on biases", "D", RS_CONTROL_TOGGLE, 0, 0, 0, get_decay,
    NULL, app_toggle_decay },
  { "kink", "kink f′(0)", "C", RS_CONTROL_TOGGLE, 0, 0, 0, get_kink, NULL,
    app_next_kink },
  { "kick", "kick", "K", RS_CONTROL_BUTTON, 0, 0, 0, NULL, NULL, app_kick },
  { "step", "step", ".", RS_CONTROL_BUTTON, 0, 0, 0, NULL, NULL,
    app_step_forward },
  { "back", "step back", ",", RS_CONTROL_BUTTON, 0, 0, 0, NULL, NULL,
    app_step_back },
  { "play", "pause", "Space", RS_CONTROL_BUTTON, 0, 0, 0, get_paused, NULL,
    app_toggle_pause },
  { "beat", "next beat", "PageDown", RS_CONTROL_BUTTON, 0, 0, 0, NULL, NULL,
    app_next_beat },
  { "rewind", "rewind", "Home", RS_CONTROL_BUTTON, 0, 0, 0, NULL, NULL,
    app_rewind },
  { "optimiser", "optimiser", "O", RS_CONTROL_BUTTON, 0, 0, 0, NULL, NULL,
    app_next_optim },
  { "ball", "one more ball", "B", RS_CONTROL_BUTTON, 0, 0, 0, NULL, NULL,
    app_balls_add },
  { "reset", "reset", "R", RS_CONTROL_BUTTON, 0, 0, 0, NULL, NULL,
    app_reset }
};

#define N_CONTROLS N_ELEMS (controls)

_Static_assert (N_ELEMS (controls) <= N_ELEMS (((app_layout *) 0)->control),
                "app_layout has room for every control");

size_t
rs_app_n_controls (void)
{
  return N_CONTROLS;
}

/* ---- layout ------------------------------------------------------------- */

/* Whether the strip is shown: asked for, and not in presenter mode. */
int
rs_app_controls_shown (const rs_app *a)
{
  return a->view.controls && !a->view.present;
}

/* The slider's value at fraction t of its track (the linear map, or the
 * linear map of log (value)), and the fraction of value v. */
static double
slider_value (const control *c, double t)
{
  t = fmin (fmax (t, 0.0), 1.0);
  if (c->log)
    return exp (log (c->lo) + t * (log (c->hi) - log (c->lo)));
  return c->lo + t * (c->hi - c->lo);
}

static double
slider_fraction (const control *c, double v)
{
  double t = c->log ? (log (fmax (v, c->lo)) - log (c->lo))
                      / (log (c->hi) - log (c->lo))
                    : (v - c->lo) / (c->hi - c->lo);

  return fmin (fmax (t, 0.0), 1.0);
}

/* The height of the strip's contents at scale 1, with the HUD whole or
 * collapsed. */
static double
dock_height (int hud_lines)
{
  double h = APP_PAD + hud_lines * LINE + 2 * APP_PAD + APP_PAD;
  size_t buttons = 0;

  for (size_t i = 0; i < N_CONTROLS; i++)
    if (controls[i].kind == RS_CONTROL_SLIDER)
      h += SLIDER_H;
    else if (controls[i].kind == RS_CONTROL_TOGGLE)
      h += TOGGLE_H;
    else
      buttons++;
  return h + APP_PAD + (buttons + 1) / 2 * BUTTON_H + APP_PAD + LEGEND_H
         + TOAST_H + APP_PAD;
}

/* A rectangle. */
static rs_rect
rect (double x, double y, double w, double h)
{
  return (rs_rect) { x, y, w, h };
}

/* The strip's width and scale in a width x height window of `unit`
 * pixels a point; the HUD's lines. */
static void
dock_size (double width, double height, double unit, double *dw, double *s,
           int *hud_lines)
{
  *dw = fmin (fmax (DOCK_FRACTION * width, DOCK_MIN * unit),
              DOCK_MAX * unit);
  *dw = fmin (*dw, width / 2);
  *s = *dw / DOCK_DESIGN;
  *hud_lines = HUD_LINES;
  if (*s * dock_height (HUD_LINES) > height)
    *s = height / dock_height (HUD_LINES);
  if (*s < HUD_MIN_SCALE * unit)
    {
      *hud_lines = 1;
      *s = fmin (*dw / DOCK_DESIGN, height / dock_height (1));
    }
}

/* The controls' rows from y down, in a strip at x of width w. */
static double
layout_controls (app_layout *l, double x, double y, double w, double s)
{
  size_t b = 0;

  for (size_t i = 0; i < N_CONTROLS; i++)
    {
      const control *c = &controls[i];

      if (c->kind == RS_CONTROL_SLIDER)
        {
          l->control[i] = rect (x, y, w, SLIDER_H * s);
          l->track[i] = rect (x + 8 * s, y + (LINE + 6) * s, w - 16 * s,
                              10 * s);
          y += SLIDER_H * s;
        }
      else if (c->kind == RS_CONTROL_TOGGLE)
        {
          l->control[i] = rect (x, y, w, (TOGGLE_H - 2) * s);
          y += TOGGLE_H * s;
        }
      else
        {
          double bw = (w - APP_PAD * s) / 2;

          if (b == 0)
            y += APP_PAD * s;
          l->control[i] = rect (x + (b % 2) * (bw + APP_PAD * s),
                                y + (b / 2) * BUTTON_H * s, bw,
                                (BUTTON_H - 4) * s);
          b++;
        }
    }
  return y + (b + 1) / 2 * BUTTON_H * s;
}

void
app_layout_of (const rs_app *a, double width, double height, app_layout *l)
{
  int ww = 0, wh = 0, hud_lines;
  double unit = 1.0, dw, s, x, y, w;

  memset (l, 0, sizeof *l);
  if (a->win.win != NULL)
    SDL_GetWindowSize (a->win.win, &ww, &wh);
  if (ww > 0)
    unit = width / ww;
  l->unit = unit;
  l->figure = rect (0, 0, width, height);
  if (!rs_app_controls_shown (a) || width < DOCK_MIN_WINDOW * unit)
    return;
  dock_size (width, height, unit, &dw, &s, &hud_lines);
  l->shown = 1;
  l->s = s;
  l->hud_lines = hud_lines;
  l->figure.width = fmax (width - dw, 1.0);
  l->dock = rect (width - dw, 0, dw, height);
  x = l->dock.x + APP_PAD * s;
  w = dw - 2 * APP_PAD * s;
  y = APP_PAD * s;
  l->hud = rect (x, y, w, hud_lines * LINE * s + 2 * APP_PAD * s);
  y += l->hud.height + APP_PAD * s;
  y = layout_controls (l, x, y, w, s);
  l->legend = rect (x, y + APP_PAD * s, w, LEGEND_H * s);
  l->toast = rect (x, height - TOAST_H * s - APP_PAD * s, w, TOAST_H * s);
}

rs_rect
app_figure_area (const rs_app *a)
{
  app_layout l;

  app_layout_of (a, a->win.tex_w, a->win.tex_h, &l);
  return l.figure;
}

/* A rectangle of pixels in window points. */
rs_rect
app_in_points (rs_rect r, double unit)
{
  return rect (r.x / unit, r.y / unit, r.width / unit, r.height / unit);
}

int
rs_app_control_at (const rs_app *a, size_t i, rs_app_control *c)
{
  app_layout l;

  if (i >= N_CONTROLS)
    return 0;
  app_layout_of (a, a->win.tex_w, a->win.tex_h, &l);
  memset (c, 0, sizeof *c);
  c->name = controls[i].name;
  c->key = controls[i].key;
  c->kind = controls[i].kind;
  c->lo = controls[i].lo;
  c->hi = controls[i].hi;
  c->log = controls[i].log;
  c->box = app_in_points (l.control[i], l.unit);
  c->track = app_in_points (l.track[i], l.unit);
  return l.shown;
}

int
rs_app_hud_rect (const rs_app *a, rs_rect *r)
{
  app_layout l;

  app_layout_of (a, a->win.tex_w, a->win.tex_h, &l);
  *r = app_in_points (l.hud, l.unit);
  return l.shown;
}

void
rs_app_figure_size (const rs_app *a, int *width, int *height)
{
  rs_rect f = app_figure_area (a);

  *width = (int) f.width;
  *height = (int) f.height;
}

/* ---- the mouse ---------------------------------------------------------- */

/* Whether (px, py) lies in r. */
static int
within (rs_rect r, double px, double py)
{
  return px >= r.x && px < r.x + r.width && py >= r.y
         && py < r.y + r.height;
}

/* The value slider i takes with the pointer at pixel column px. */
static double
slider_at (const app_layout *l, size_t i, double px)
{
  return slider_value (&controls[i], (px - l->track[i].x)
                       / l->track[i].width);
}

/* A press at pixel (px, py) on the strip: a toggle or a button acts, a
 * slider starts a drag (set when the button is let go); returns 1 when
 * the strip took it. */
int
app_controls_press (rs_app *a, double px, double py)
{
  app_layout l;

  app_layout_of (a, a->win.tex_w, a->win.tex_h, &l);
  if (!l.shown || !within (l.dock, px, py))
    return 0;
  for (size_t i = 0; i < N_CONTROLS; i++)
    {
      if (!within (l.control[i], px, py))
        continue;
      if (controls[i].kind == RS_CONTROL_SLIDER)
        {
          a->in.slider = (int) i + 1;
          a->in.slider_value = slider_at (&l, i, px);
        }
      else
        controls[i].act (a);
      return 1;
    }
  return 1;
}

/* The pointer moved to pixel column px: a slider being dragged follows
 * it; returns 1 when one is. */
int
app_controls_drag (rs_app *a, double px)
{
  app_layout l;

  if (a->in.slider == 0)
    return 0;
  app_layout_of (a, a->win.tex_w, a->win.tex_h, &l);
  if (l.shown)
    a->in.slider_value = slider_at (&l, (size_t) a->in.slider - 1, px);
  return 1;
}

/* The button was let go at pixel column px: the slider dragged takes
 * its value there; returns 1 when one was dragged. */
int
app_controls_release (rs_app *a, double px)
{
  size_t i;

  if (a->in.slider == 0)
    return 0;
  i = (size_t) a->in.slider - 1;
  app_controls_drag (a, px);
  a->in.slider = 0;
  if (rs_app_controls_shown (a))
    controls[i].set (a, a->in.slider_value);
  return 1;
}

void
app_toggle_controls (rs_app *a)
{
  app_layout l;

  a->view.controls = !a->view.controls;
  a->in.slider = 0;
  app_layout_of (a, a->win.tex_w, a->win.tex_h, &l);
  if (a->view.controls && !l.shown)
    app_toast (a, 0, a->view.present
               ? "presenter mode shows no control strip (F5 leaves it)"
               : "the window is too narrow for the control strip: widen "
                 "it");
  /* the figure's size changed: its still layers are made again for it */
  app_figure_request (a);
}

/* ---- drawing ------------------------------------------------------------ */

/* A layout of markup at px pixels, wrapped at width (0: not wrapped). */
static PangoLayout *
text_layout (cairo_t *cr, const char *markup, double px, double width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *fd = pango_font_description_from_string
    (rs_text_family (cr));

  pango_font_description_set_absolute_size (fd, fmax (px, 1.0)
                                            * PANGO_SCALE);
  pango_layout_set_font_description (layout, fd);
  pango_font_description_free (fd);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

/* The height of markup at px pixels wrapped at width (the messages'
 * box, app_overlay.c). */
double
app_text_height (cairo_t *cr, const char *markup, double px, double width)
{
  PangoLayout *layout = text_layout (cr, markup, px, width);
  int tw, th;

  pango_layout_get_pixel_size (layout, &tw, &th);
  g_object_unref (layout);
  return th;
}

/* Markup at (x, y), its anchor (ax, 0) of its width, in colour c, clipped
 * to box; wrapped at `wrap` pixels when positive. */
void
app_put_text (cairo_t *cr, rs_rect box, double x, double y,
              const char *markup, double px, double ax, rs_rgb c,
              double wrap)
{
  PangoLayout *layout = text_layout (cr, markup, px, wrap);
  int tw, th;

  pango_layout_get_pixel_size (layout, &tw, &th);
  cairo_save (cr);
  cairo_rectangle (cr, box.x, box.y, box.width, box.height);
  cairo_clip (cr);
  rs_theme_set (cr, c);
  cairo_move_to (cr, x - ax * tw, y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  g_object_unref (layout);
}

/* A number as the strip writes it: 3 significant digits. */
static void
number (double v, char *buf, size_t n)
{
  snprintf (buf, n, "%.3g", v);
}

/* A slider: its label, value and key above its track, the track filled
 * up to the value, a knob there. */
static void
draw_slider (cairo_t *cr, const rs_app *a, const app_layout *l, size_t i,
             const rs_theme *th)
{
  const control *c = &controls[i];
  rs_rect b = l->control[i], t = l->track[i];
  double s = l->s, v = a->in.slider == (int) i + 1 ? a->in.slider_value
                                                   : c->get (a);
  double f = slider_fraction (c, v), kx = t.x + f * t.width;
  char text[200], num[32];

  number (v, num, sizeof num);
  snprintf (text, sizeof text, "%s <b>%s</b>", c->label, num);
  app_put_text (cr, b, b.x, b.y, text, APP_TEXT_PX * s, 0, th->fg, 0);
  app_put_text (cr, b, b.x + b.width, b.y + 1 * s, c->key,
                (APP_TEXT_PX - 2) * s, 1, th->muted, 0);
  rs_theme_set (cr, th->grid);
  cairo_rectangle (cr, t.x, t.y + t.height / 2 - 2 * s, t.width, 4 * s);
  cairo_fill (cr);
  rs_theme_set (cr, th->accent);
  cairo_rectangle (cr, t.x, t.y + t.height / 2 - 2 * s, kx - t.x, 4 * s);
  cairo_fill (cr);
  cairo_arc (cr, kx, t.y + t.height / 2, t.height / 2 + 1 * s, 0, 2 * M_PI);
  cairo_fill_preserve (cr);
  rs_theme_set (cr, th->bg);
  cairo_set_line_width (cr, 1.5 * s);
  cairo_stroke (cr);
}

/* A toggle: a box ticked when on, its label, the kink's value, its key. */
static void
draw_toggle (cairo_t *cr, const rs_app *a, const app_layout *l, size_t i,
             const rs_theme *th)
{
  const control *c = &controls[i];
  rs_rect b = l->control[i];
  double s = l->s, v = c->get (a), bx = b.x + 1 * s, by = b.y + 3 * s;
  double side = 12 * s;
  int kink = strcmp (c->name, "kink") == 0;
  char text[200];

  rs_theme_set (cr, th->fg);
  cairo_set_line_width (cr, 1.2 * s);
  cairo_rectangle (cr, bx, by, side, side);
  cairo_stroke (cr);
  if (v > 0)
    {
      rs_theme_set (cr, th->accent);
      cairo_rectangle (cr, bx + 2.5 * s, by + 2.5 * s, side - 5 * s,
                       side - 5 * s);
      cairo_fill (cr);
    }
  /* the convention s picks f'(0) = lo + s (hi - lo) from the
     subdifferential [lo, hi] at the kink: [0, 1] for ReLU, [alpha, 1]
     for Leaky ReLU (C3, C8) */
  if (kink)
    snprintf (text, sizeof text, "%s = <b>%.3g</b> (s = %g)", c->label,
              a->in.leaky ? a->in.alpha + v * (1.0 - a->in.alpha) : v, v);
  else
    snprintf (text, sizeof text, "%s <b>%s</b>", c->label, v > 0 ? "on"
              : "off");
  app_put_text (cr, b, bx + side + 6 * s, b.y + 1 * s, text, APP_TEXT_PX * s,
                0, th->fg, 0);
  app_put_text (cr, b, b.x + b.width, b.y + 2 * s, c->key,
                (APP_TEXT_PX - 2) * s, 1, th->muted, 0);
}

/* A button: a framed box with its action and its key. */
static void
draw_button (cairo_t *cr, const rs_app *a, const app_layout *l, size_t i,
             const rs_theme *th)
{
  const control *c = &controls[i];
  rs_rect b = l->control[i];
  double s = l->s;
  const char *label = c->label;
  char text[200], name[100];

  if (c->get != NULL)
    label = c->get (a) > 0 ? "play" : "pause";
  if (c->act == app_next_optim)
    {
      snprintf (name, sizeof name, "optimiser: %s", rs_app_optim (a)->name);
      label = name;
    }
  snprintf (text, sizeof text, "%s <span size='smaller'>%s</span>", label,
            c->key);
  rs_theme_set (cr, th->panel);
  cairo_rectangle (cr, b.x, b.y, b.width, b.height);
  cairo_fill_preserve (cr);
  rs_theme_set (cr, th->muted);
  cairo_set_line_width (cr, 1.0 * s);
  cairo_stroke (cr);
  app_put_text (cr, b, b.x + b.width / 2, b.y + (b.height - LINE * s) / 2,
                text, APP_TEXT_PX * s, 0.5, th->fg, 0);
}

/* The HUD's text, and during a morph which moment the figure shows
 * (app_moment.c). */
static void
hud_text (rs_app *a, char *text, size_t n)
{
  rs_app_hud_text (a, text, n);
  app_hud_moment (a, text, n);
}

/* The HUD's text in its box, its first line only when it collapsed. */
static void
draw_hud (cairo_t *cr, rs_app *a, const app_layout *l, const rs_theme *th)
{
  char text[2048], *nl;
  rs_rect h = l->hud;

  hud_text (a, text, sizeof text);
  if (l->hud_lines == 1 && (nl = strchr (text, '\n')) != NULL)
    *nl = '\0';
  rs_theme_set (cr, th->panel);
  cairo_rectangle (cr, h.x, h.y, h.width, h.height);
  cairo_fill (cr);
  app_put_text (cr, h, h.x + APP_PAD * l->s, h.y + APP_PAD * l->s, text,
                APP_TEXT_PX * l->s, 0, th->fg, h.width - 2 * APP_PAD * l->s);
}

/* The strip's contents as laid out in l, drawn into cr. */
static void
draw_strip (cairo_t *cr, rs_app *a, const app_layout *l)
{
  const rs_theme *th = a->view.scene.style.dark ? rs_theme_dark ()
                       : rs_theme_light ();

  rs_theme_set (cr, th->bg);
  cairo_rectangle (cr, l->dock.x, l->dock.y, l->dock.width, l->dock.height);
  cairo_fill (cr);
  rs_theme_set (cr, th->grid);
  cairo_rectangle (cr, l->dock.x, 0, 1.0 * l->s, l->dock.height);
  cairo_fill (cr);
  draw_hud (cr, a, l, th);
  for (size_t i = 0; i < N_CONTROLS; i++)
    if (controls[i].kind == RS_CONTROL_SLIDER)
      draw_slider (cr, a, l, i, th);
    else if (controls[i].kind == RS_CONTROL_TOGGLE)
      draw_toggle (cr, a, l, i, th);
    else
      draw_button (cr, a, l, i, th);
  app_balls_legend (cr, a, l->legend, l->s);
}

/* What the strip shows, as a string: its size, its theme, the HUD's
 * text, every control's value and the balls' points; the same string,
 * the same picture. */
static void
strip_key (rs_app *a, const app_layout *l, char *buf, size_t n)
{
  size_t len;

  len = (size_t) snprintf (buf, n, "%g %g %d %d %zu %zu|", l->dock.width,
                           l->dock.height, a->view.scene.style.dark,
                           a->in.slider, a->run.shown, a->run.balls.n);
  hud_text (a, buf + len, n - len);
  len += strlen (buf + len);
  for (size_t i = 0; i < N_CONTROLS && len < n; i++)
    len += (size_t) snprintf (buf + len, n - len, "|%.17g",
                              controls[i].get != NULL
                              ? controls[i].get (a) : 0.0);
  if (len < n)
    len += (size_t) snprintf (buf + len, n - len, "|%.17g",
                              a->in.slider_value);
  for (size_t i = 0; i < a->run.balls.n && len < n; i++)
    len += (size_t) snprintf (buf + len, n - len, "|%zu",
                              rs_sim_n_recorded (a->run.balls.sim[i]));
}

void
app_controls_draw (cairo_t *cr, rs_app *a, double width, double height)
{
  app_strip_cache *c = &a->view.strip;
  char key[sizeof c->key];
  app_layout l;
  cairo_t *sc;

  app_layout_of (a, width, height, &l);
  if (!l.shown)
    return;
  /* the strip changes a few times a second at most: it is drawn into an
     image of its own when it does, and painted from there */
  strip_key (a, &l, key, sizeof key);
  if (c->image == NULL || strcmp (key, c->key) != 0)
    {
      cairo_surface_destroy (c->image);
      c->image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                             (int) ceil (l.dock.width),
                                             (int) ceil (l.dock.height));
      sc = cairo_create (c->image);
      rs_text_set_family (sc, a->view.scene.style.font);
      cairo_translate (sc, -l.dock.x, -l.dock.y);
      draw_strip (sc, a, &l);
      cairo_destroy (sc);
      snprintf (c->key, sizeof c->key, "%s", key);
    }
  cairo_save (cr);
  cairo_set_source_surface (cr, c->image, l.dock.x, l.dock.y);
  cairo_rectangle (cr, l.dock.x, l.dock.y, l.dock.width, l.dock.height);
  cairo_fill (cr);
  cairo_restore (cr);
}

void
app_controls_free (rs_app *a)
{
  cairo_surface_destroy (a->view.strip.image);
  a->view.strip.image = NULL;
  a->view.strip.key[0] = '\0';
}
