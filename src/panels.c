/* panels.c: the figure's panels other than the landscape (C1, C3, C4, C6,
 * C11, C12).
 *
 * Every panel paints its rectangle with the theme's page colour, frames
 * it, writes its title in the top row and draws its plot in the rest.
 * Sizes come from the figure's scale s (1 for 900 x 600), reduced when the
 * rectangle is too small for them, so that a panel never spills out of
 * its rectangle; it is clipped to it in any case.  Numbers that are not
 * finite are clipped to the plot's edge or left out, never drawn as
 * garbage, and a panel too small for its plot draws only its frame. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "panels.h"

/* Points per forward pass: the data can be large, the panels' memory
 * stays small. */
#define SWEEP_CHUNK 2048

/* The histogram's bins (C6). */
#define HIST_BINS 40

/* Edges above which the network is drawn with thin lines only. */
#define NET_MANY_EDGES 400

/* The fan's lines at the kink (C3). */
#define FAN_LINES 7

/* ---- the frame every panel shares ---------------------------------- */

/* Margins of a panel's plot inside its rectangle, at scale 1. */
typedef struct {
  double top, right, bottom, left;
} margins;

/* A panel being drawn: where, at what scale, in which theme. */
typedef struct {
  cairo_t *cr;
  const rs_panel_ctx *c;
  const rs_theme *t;
  rs_rect r;
  double k;         /* the scale of sizes in this panel */
  rs_rect plot;     /* the area inside the margins */
  cairo_path_t *path;  /* the caller's current path, given back at the end */
} pane;

/* The panel's scale: the figure's, reduced when r is too small to hold
 * a plot of that scale (a 260 x 170 panel holds one at scale 1). */
static double
pane_scale (rs_rect r, const rs_panel_ctx *c)
{
  double s = c != NULL && c->s > 0.0 && isfinite (c->s) ? c->s : 1.0;

  return fmax (0.05, fmin (s, fmin (r.width / 260.0, r.height / 170.0)));
}

/* The plot area of r inside margins m at scale k. */
static rs_rect
pane_plot (rs_rect r, double k, margins m)
{
  rs_rect p;

  p.x = r.x + m.left * k;
  p.y = r.y + m.top * k;
  p.width = r.width - (m.left + m.right) * k;
  p.height = r.height - (m.top + m.bottom) * k;
  return p;
}

/* Whether a rectangle is something one can draw in. */
static int
rect_ok (rs_rect r)
{
  return isfinite (r.x) && isfinite (r.y) && isfinite (r.width)
         && isfinite (r.height) && r.width > 0.0 && r.height > 0.0;
}

static const rs_theme *
theme_of (const rs_panel_ctx *c)
{
  return c != NULL && c->theme != NULL ? c->theme : rs_theme_light ();
}

static const char *
font_of (const pane *p)
{
  return p->c != NULL ? p->c->font : NULL;
}

/* The recorded point shown: c->at, or the last one when c->at is past
 * the end. */
static size_t
at_of (const rs_panel_ctx *c)
{
  size_t n = rs_sim_n_recorded (c->sim);

  return c->at < n ? c->at : n - 1;
}

/* Text in colour col; returns its width. */
static double
text (pane *p, rs_rgb col, double x, double y, const char *markup,
      double size, int bold, double ax, double ay, double angle)
{
  rs_theme_set (p->cr, col);
  return rs_text (p->cr, font_of (p), x, y, markup, size * p->k, bold, ax,
                  ay, angle);
}

/* The width of markup at size (scaled). */
static double
text_width (pane *p, const char *markup, double size, int bold)
{
  double w;

  rs_text_size (p->cr, font_of (p), markup, size * p->k, bold, &w, NULL);
  return w;
}

/* A colour as #rrggbb, for markup spans. */
static void
hex_of (rs_rgb c, char buf[8])
{
  snprintf (buf, 8, "#%02x%02x%02x", (unsigned) lround (c.r * 255.0) & 0xff,
            (unsigned) lround (c.g * 255.0) & 0xff,
            (unsigned) lround (c.b * 255.0) & 0xff);
}

/* Start a panel: save cr, clip to r, paint the page and the frame, write
 * the title and, right-aligned, a note, or the shorter one (may be
 * NULL) when there is room for that only.
 * Returns 1 when the plot area is large enough to draw in, 0 otherwise
 * (pane_end must be called either way). */
static int
pane_begin (pane *p, cairo_t *cr, rs_rect r, const rs_panel_ctx *c,
            margins m, const char *title, const char *note,
            const char *short_note)
{
  double tw, room;

  p->cr = cr;
  p->c = c;
  p->t = theme_of (c);
  p->r = r;
  p->k = pane_scale (r, c);
  p->plot = pane_plot (r, p->k, m);
  p->path = cairo_copy_path (cr);
  cairo_save (cr);
  cairo_new_path (cr);
  if (!rect_ok (r))
    return 0;
  cairo_rectangle (cr, r.x, r.y, r.width, r.height);
  cairo_clip (cr);
  rs_theme_set (cr, p->t->bg);
  cairo_paint (cr);
  cairo_set_line_width (cr, 1.0);
  rs_theme_set (cr, p->t->grid);
  cairo_rectangle (cr, r.x + 0.5, r.y + 0.5, r.width - 1.0, r.height - 1.0);
  cairo_stroke (cr);
  if (c == NULL || c->sim == NULL || p->plot.width < 8.0
      || p->plot.height < 8.0)
    return 0;
  tw = text (p, p->t->fg, r.x + 9 * p->k, r.y + 7 * p->k, title, 13.5, 1, 0,
             0, 0);
  room = r.width - tw - 32 * p->k;
  if (note != NULL && text_width (p, note, 11, 0) > room)
    note = short_note;
  if (note != NULL && text_width (p, note, 11, 0) <= room)
    text (p, p->t->muted, r.x + r.width - 9 * p->k, r.y + 9 * p->k, note,
          11, 0, 1, 0, 0);
  return 1;
}

/* End a panel: cr as it was, its path included. */
static void
pane_end (pane *p)
{
  cairo_restore (p->cr);
  cairo_new_path (p->cr);
  if (p->path != NULL)
    {
      if (p->path->status == CAIRO_STATUS_SUCCESS)
        cairo_append_path (p->cr, p->path);
      cairo_path_destroy (p->path);
    }
}

/* ---- axes ----------------------------------------------------------- */

/* A plot box and the data window it shows, both axes linear (a log axis
 * is a linear one in log10 of the value). */
typedef struct {
  rs_rect box;
  double x0, x1, y0, y1;
} axes;

static double
ax_x (const axes *a, double v)
{
  return a->box.x + (v - a->x0) / (a->x1 - a->x0) * a->box.width;
}

static double
ax_y (const axes *a, double v)
{
  return a->box.y + (a->y1 - v) / (a->y1 - a->y0) * a->box.height;
}

/* A number as a tick label: %g, with a true minus sign. */
static void
tick_label (double v, char *buf, size_t n)
{
  if (fabs (v) < 1e-12)
    v = 0.0;
  if (v < 0.0)
    snprintf (buf, n, "−%g", -v);
  else
    snprintf (buf, n, "%g", v);
}

/* The box filled in the panel colour, clipped and framed after. */
static void
axes_fill (pane *p, const axes *a)
{
  rs_theme_set (p->cr, p->t->panel);
  cairo_rectangle (p->cr, a->box.x, a->box.y, a->box.width, a->box.height);
  cairo_fill (p->cr);
}

static void
axes_frame (pane *p, const axes *a)
{
  cairo_set_line_width (p->cr, fmax (0.6, 0.9 * p->k));
  rs_theme_set (p->cr, p->t->muted);
  cairo_rectangle (p->cr, a->box.x, a->box.y, a->box.width, a->box.height);
  cairo_stroke (p->cr);
}

/* Clip to the box (inside a cairo_save). */
static void
axes_clip (pane *p, const axes *a)
{
  cairo_rectangle (p->cr, a->box.x, a->box.y, a->box.width, a->box.height);
  cairo_clip (p->cr);
}

/* Ticks, grid lines and numbers along x at multiples of a nice step;
 * labels only when with_labels. */
static void
x_ticks (pane *p, const axes *a, int with_labels)
{
  double step = rs_draw_nice_step (a->x1 - a->x0,
                                   a->box.width / (58 * p->k));
  long k0 = (long) ceil (a->x0 / step - 1e-9);
  long k1 = (long) floor (a->x1 / step + 1e-9);
  double yb = a->box.y + a->box.height;
  char buf[32];

  cairo_set_line_width (p->cr, fmax (0.5, 0.7 * p->k));
  for (long q = k0; q <= k1 && k1 - k0 < 200; q++)
    {
      double x = ax_x (a, q * step);
      rs_theme_set (p->cr, p->t->grid);
      cairo_move_to (p->cr, x, a->box.y);
      cairo_line_to (p->cr, x, yb);
      cairo_stroke (p->cr);
      rs_theme_set (p->cr, p->t->muted);
      cairo_move_to (p->cr, x, yb);
      cairo_line_to (p->cr, x, yb + 3.5 * p->k);
      cairo_stroke (p->cr);
      if (!with_labels)
        continue;
      tick_label (q * step, buf, sizeof buf);
      text (p, p->t->fg, x, yb + 4.5 * p->k, buf, 10.5, 0, 0.5, 0, 0);
    }
}

/* The same along y, linear. */
static void
y_ticks (pane *p, const axes *a, double n)
{
  double step = rs_draw_nice_step (a->y1 - a->y0, n);
  long k0 = (long) ceil (a->y0 / step - 1e-9);
  long k1 = (long) floor (a->y1 / step + 1e-9);
  char buf[32];

  cairo_set_line_width (p->cr, fmax (0.5, 0.7 * p->k));
  for (long q = k0; q <= k1 && k1 - k0 < 200; q++)
    {
      double y = ax_y (a, q * step);
      rs_theme_set (p->cr, p->t->grid);
      cairo_move_to (p->cr, a->box.x, y);
      cairo_line_to (p->cr, a->box.x + a->box.width, y);
      cairo_stroke (p->cr);
      tick_label (q * step, buf, sizeof buf);
      text (p, p->t->fg, a->box.x - 4 * p->k, y, buf, 10.5, 0, 1, 0.5, 0);
    }
}

/* A power of ten as markup: 1, 10, 0.1, 10^e beyond. */
static void
decade_label (int e, char *buf, size_t n)
{
  if (e == 0)
    snprintf (buf, n, "1");
  else if (e == 1)
    snprintf (buf, n, "10");
  else if (e == -1)
    snprintf (buf, n, "0.1");
  else
    snprintf (buf, n, "10<sup>%s%d</sup>", e < 0 ? "−" : "", abs (e));
}

/* Decades along a log y axis (a's y window in log10), every one or every
 * few so that their labels do not touch. */
static void
y_log_ticks (pane *p, const axes *a)
{
  int e0 = (int) ceil (a->y0 - 1e-9), e1 = (int) floor (a->y1 + 1e-9);
  double per = a->box.height / fmax (a->y1 - a->y0, 1e-9);
  int every = (int) ceil (15.0 * p->k / fmax (per, 1e-9));
  char buf[48];

  if (every < 1 || e1 - e0 > 400)
    every = e1 - e0 + 1;
  cairo_set_line_width (p->cr, fmax (0.5, 0.7 * p->k));
  for (int e = e0; e <= e1; e++)
    {
      double y = ax_y (a, e);
      rs_theme_set (p->cr, p->t->grid);
      cairo_move_to (p->cr, a->box.x, y);
      cairo_line_to (p->cr, a->box.x + a->box.width, y);
      cairo_stroke (p->cr);
      if ((e - e0) % every != 0)
        continue;
      decade_label (e, buf, sizeof buf);
      text (p, p->t->fg, a->box.x - 4 * p->k, y, buf, 10.5, 0, 1, 0.5, 0);
    }
}

/* Axis titles: under the box, and up its left side with the text's top
 * at x. */
static void
x_title (pane *p, const axes *a, const char *markup)
{
  text (p, p->t->fg, a->box.x + a->box.width / 2,
        a->box.y + a->box.height + 17 * p->k, markup, 11.5, 0, 0.5, 0, 0);
}

static void
y_title (pane *p, const axes *a, const char *markup, double x)
{
  text (p, p->t->fg, x, a->box.y + a->box.height / 2, markup, 11.5, 0, 0.5,
        0, -M_PI / 2);
}

/* A label on a small box of the panel's colour, so that it reads over
 * lines; returns its width. */
static double
label_boxed (pane *p, rs_rgb col, double x, double y, const char *markup,
             double size, int bold, double ax, double ay)
{
  double w, h, pad = 2 * p->k;

  rs_text_size (p->cr, font_of (p), markup, size * p->k, bold, &w, &h);
  rs_theme_set_alpha (p->cr, p->t->panel, 0.85);
  cairo_rectangle (p->cr, x - ax * w - pad, y - ay * h, w + 2 * pad, h);
  cairo_fill (p->cr);
  text (p, col, x, y, markup, size, bold, ax, ay, 0);
  return w;
}

/* ---- the network at a recorded point -------------------------------- */

/* A forward pass over the data at point c->at, chunk by chunk. */
typedef struct {
  rs_net *net;          /* the network at that point, warming's shift in */
  rs_net_workspace *ws;
  const rs_data *d;
  size_t next;          /* the first point of the next chunk */
  size_t m;             /* the points in the current chunk */
} sweep;

static void
sweep_end (sweep *w)
{
  rs_net_workspace_free (w->ws);
  rs_net_free (w->net);
  w->ws = NULL;
  w->net = NULL;
}

/* The network at c->at and a workspace for it; RS_OK, RS_ENOMEM or
 * RS_EINVAL. */
static int
sweep_begin (sweep *w, const rs_panel_ctx *c)
{
  size_t n;

  memset (w, 0, sizeof *w);
  if (c == NULL || c->sim == NULL)
    return RS_EINVAL;
  w->d = rs_sim_data (c->sim);
  w->net = rs_net_clone (rs_sim_net (c->sim), NULL);
  if (w->net == NULL)
    return RS_ENOMEM;
  if (rs_sim_net_at (c->sim, at_of (c), w->net, 1) != RS_OK)
    {
      sweep_end (w);
      return RS_EINVAL;
    }
  n = w->d->n < SWEEP_CHUNK ? w->d->n : SWEEP_CHUNK;
  w->ws = rs_net_workspace_alloc (w->net, n > 0 ? n : 1, NULL);
  if (w->ws == NULL)
    {
      sweep_end (w);
      return RS_ENOMEM;
    }
  return RS_OK;
}

/* The forward pass over the next chunk; 0 when the data is done. */
static int
sweep_next (sweep *w)
{
  size_t n = w->d->n;

  if (w->next >= n)
    return 0;
  w->m = n - w->next < SWEEP_CHUNK ? n - w->next : SWEEP_CHUNK;
  if (rs_net_forward (w->net, w->d->x + w->next * w->d->dim, w->m, w->ws)
      != RS_OK)
    return 0;
  w->next += w->m;
  return 1;
}

/* ---- timeline (C4, C11) ----------------------------------------------- */

static const margins timeline_margins = { 30, 14, 36, 54 };

/* The last step of the x axis: the scene's length or the last recorded
 * step, whichever is later, and at least 1. */
static double
timeline_last (const rs_sim *sim)
{
  size_t n = rs_sim_n_recorded (sim);
  size_t last = rs_sim_recorded (sim, n - 1)->step;
  size_t steps = rs_sim_get_params (sim)->steps;

  last = last > steps ? last : steps;
  return last > 0 ? (double) last : 1.0;
}

rs_rect
rs_panel_timeline_plot (rs_rect r, const rs_panel_ctx *c)
{
  return pane_plot (r, pane_scale (r, c), timeline_margins);
}

double
rs_panel_timeline_x (rs_rect r, const rs_panel_ctx *c, double step)
{
  rs_rect p = rs_panel_timeline_plot (r, c);

  return p.x + step / timeline_last (c->sim) * p.width;
}

/* The loss axes above and the dead strip below, sharing the plot's x. */
static void
timeline_boxes (const pane *p, rs_rect *up, rs_rect *low)
{
  double gap = 6 * p->k, hl = fmax (0.22 * p->plot.height, 0.0);

  *up = p->plot;
  up->height = p->plot.height - hl - gap;
  *low = p->plot;
  low->y = up->y + up->height + gap;
  low->height = hl;
}

/* The log10 window of the loss and the gradient norm over the run:
 * whole decades around their finite positive values, at least one and
 * at most 16 decades.  A wider range (a run that diverges, a gradient
 * that underflows) keeps the start's loss and 8 decades below it, so
 * that the way out of the window stays in sight: what leaves it is
 * clipped to its edge. */
static void
timeline_log_range (const rs_sim *sim, double *lo, double *hi)
{
  size_t n = rs_sim_n_recorded (sim);
  double mn = INFINITY, mx = -INFINITY, start = NAN;

  for (size_t i = 0; i < n; i++)
    {
      const rs_sim_point *pt = rs_sim_recorded (sim, i);
      double v[2] = { pt->loss, pt->gnorm };
      for (int q = 0; q < 2; q++)
        if (v[q] > 0.0 && isfinite (v[q]))
          {
            mn = fmin (mn, log10 (v[q]));
            mx = fmax (mx, log10 (v[q]));
            if (q == 0 && isnan (start))
              start = floor (log10 (v[q]));
          }
    }
  if (!(mn <= mx))
    {
      mn = -1.0;
      mx = 1.0;
    }
  *lo = floor (mn);
  *hi = ceil (mx);
  if (*hi - *lo < 1.0)
    *hi = *lo + 1.0;
  if (*hi - *lo <= 16.0)
    return;
  *lo = isnan (start) ? *hi - 16.0 : fmax (*lo, start - 8.0);
  *hi = fmin (*hi, *lo + 16.0);
  *lo = *hi - 16.0;
}

/* Where value v goes on the log axes a: clipped to the window, the top
 * for +inf, the bottom for 0 and below; NAN (a gap) for NaN. */
static double
log_y (const axes *a, double v)
{
  if (isnan (v))
    return NAN;
  if (!(v > 0.0))
    return ax_y (a, a->y0);
  if (isinf (v))
    return ax_y (a, a->y1);
  return ax_y (a, fmin (fmax (log10 (v), a->y0), a->y1));
}

/* One series of the run (0: loss, 1: gradient norm) as a line, broken
 * where it is NaN. */
static void
timeline_series (pane *p, const axes *a, int which, rs_rgb col)
{
  const rs_sim *sim = p->c->sim;
  size_t n = rs_sim_n_recorded (sim);
  int pen = 0;

  cairo_new_path (p->cr);
  for (size_t i = 0; i < n; i++)
    {
      const rs_sim_point *pt = rs_sim_recorded (sim, i);
      double y = log_y (a, which == 0 ? pt->loss : pt->gnorm);
      double x = ax_x (a, (double) pt->step);
      if (isnan (y))
        {
          pen = 0;
          continue;
        }
      if (pen)
        cairo_line_to (p->cr, x, y);
      else
        cairo_move_to (p->cr, x, y);
      pen = 1;
    }
  cairo_set_line_width (p->cr, 1.8 * p->k);
  cairo_set_line_join (p->cr, CAIRO_LINE_JOIN_ROUND);
  rs_theme_set (p->cr, col);
  cairo_stroke (p->cr);
}

/* How many units the run can count dead: those of every layer that is
 * not the identity (as rs_sim_point.dead counts them). */
static size_t
timeline_units (const rs_sim *sim)
{
  const rs_net *net = rs_sim_net (sim);
  const rs_net_spec *sp = rs_net_get_spec (net);
  size_t total = 0;

  for (size_t l = 1; l <= sp->layers; l++)
    if (sp->act[l - 1] != rs_act_identity)
      total += sp->sizes[l];
  return total;
}

/* The dead-unit count as a filled step line in its strip, ticked at 0
 * and at the number of units. */
static void
timeline_dead (pane *p, rs_rect box)
{
  const rs_sim *sim = p->c->sim;
  size_t n = rs_sim_n_recorded (sim), top = timeline_units (sim);
  axes a = { box, 0.0, timeline_last (sim), 0.0, 1.0 };
  double y, x;
  char buf[48];

  for (size_t i = 0; i < n; i++)
    if (rs_sim_recorded (sim, i)->dead > top)
      top = rs_sim_recorded (sim, i)->dead;
  a.y1 = top > 0 ? (double) top : 1.0;
  y = ax_y (&a, 0.0);
  axes_fill (p, &a);
  cairo_save (p->cr);
  axes_clip (p, &a);
  cairo_new_path (p->cr);
  cairo_move_to (p->cr, ax_x (&a, 0.0), ax_y (&a, 0.0));
  for (size_t i = 0; i < n; i++)
    {
      const rs_sim_point *pt = rs_sim_recorded (sim, i);
      x = ax_x (&a, (double) pt->step);
      cairo_line_to (p->cr, x, y);
      y = ax_y (&a, (double) pt->dead);
      cairo_line_to (p->cr, x, y);
    }
  cairo_line_to (p->cr, a.box.x + a.box.width, y);
  cairo_line_to (p->cr, a.box.x + a.box.width, ax_y (&a, 0.0));
  cairo_close_path (p->cr);
  rs_theme_set_alpha (p->cr, p->t->dead, 0.25);
  cairo_fill_preserve (p->cr);
  rs_theme_set (p->cr, p->t->dead);
  cairo_set_line_width (p->cr, 1.6 * p->k);
  cairo_stroke (p->cr);
  cairo_restore (p->cr);
  axes_frame (p, &a);
  snprintf (buf, sizeof buf, "dead units (of %zu)", top);
  if (box.height > 24 * p->k)
    label_boxed (p, p->t->dead, a.box.x + 5 * p->k, a.box.y + 2 * p->k, buf,
                 10, 1, 0, 0);
}

/* A mark on the timeline: a step, its colour, dashed or not, a label. */
typedef struct {
  double step;
  rs_rgb col;
  int dashed;
  char label[48];
} tl_mark;

/* The value of the scene's event of action a at step, or NAN. */
static double
event_value (const rs_sim_params *sp, size_t step, rs_sim_action a)
{
  for (size_t i = 0; i < sp->n_events; i++)
    if (sp->events[i].step == step && sp->events[i].action == a)
      return sp->events[i].value;
  return NAN;
}

/* What changed from training settings a to b, in a few words. */
static void
training_label (const rs_sim_training *a, const rs_sim_training *b,
                char *buf, size_t n)
{
  int decay_a = a->decay.biases && a->decay.lambda > 0.0;
  int decay_b = b->decay.biases && b->decay.lambda > 0.0;

  if (a->optim != b->optim)
    snprintf (buf, n, "%s", b->optim->name);
  else if ((a->warming.gamma0 > 0.0) != (b->warming.gamma0 > 0.0))
    snprintf (buf, n, "warming %s", b->warming.gamma0 > 0.0 ? "on" : "off");
  else if (decay_a != decay_b)
    snprintf (buf, n, "bias decay %s", decay_b ? "on" : "off");
  else if (a->kink != b->kink)
    snprintf (buf, n, "f′(0) = %g", b->kink);
  else
    snprintf (buf, n, "training");
}

/* The marks of recorded point i's events, up to 4 into m. */
static size_t
point_marks (const pane *p, size_t i, tl_mark *m)
{
  const rs_sim *sim = p->c->sim;
  const rs_sim_params *sp = rs_sim_get_params (sim);
  const rs_sim_point *pt = rs_sim_recorded (sim, i);
  size_t n = 0;
  double v;

  if (pt->events & RS_EVENT_KICK)
    {
      m[n] = (tl_mark) { (double) pt->step, p->t->event, 0, "" };
      snprintf (m[n++].label, sizeof m->label, "%s",
                pt->events & RS_EVENT_AUTOKICK ? "autokick" : "kick");
    }
  if (pt->events & RS_EVENT_ACT)
    {
      v = event_value (sp, pt->step, RS_SIM_SET_ALPHA);
      m[n] = (tl_mark) { (double) pt->step, p->t->event, 0, "" };
      if (isnan (v))
        snprintf (m[n++].label, sizeof m->label, "activation");
      else
        snprintf (m[n++].label, sizeof m->label, "α = %g", v);
    }
  if (pt->events & (RS_EVENT_RATE | RS_EVENT_BEAT))
    {
      m[n] = (tl_mark) { (double) pt->step, p->t->muted,
                         !(pt->events & RS_EVENT_RATE), "" };
      if (pt->events & RS_EVENT_RATE)
        snprintf (m[n++].label, sizeof m->label, "rate %g", pt->rate);
      else
        snprintf (m[n++].label, sizeof m->label, "beat");
    }
  if (pt->events & RS_EVENT_TRAIN && i > 0)
    {
      rs_sim_training was, now;

      rs_sim_training_at (sim, i - 1, &was);
      rs_sim_training_at (sim, i, &now);
      m[n] = (tl_mark) { (double) pt->step, p->t->event, 0, "" };
      training_label (&was, &now, m[n++].label, sizeof m->label);
    }
  return n;
}

/* The marks of the scene's kicks and events still ahead of the run,
 * dashed, up to max into m. */
static size_t
planned_marks (const pane *p, size_t last, tl_mark *m, size_t max)
{
  const rs_sim_params *sp = rs_sim_get_params (p->c->sim);
  size_t n = 0;

  for (size_t i = 0; i < sp->n_kicks && n < max; i++)
    if (sp->kicks[i].step > last)
      {
        m[n] = (tl_mark) { (double) sp->kicks[i].step, p->t->event, 1, "" };
        snprintf (m[n++].label, sizeof m->label, "kick");
      }
  for (size_t i = 0; i < sp->n_events && n < max; i++)
    {
      const rs_sim_event *e = &sp->events[i];
      if (e->step <= last)
        continue;
      m[n] = (tl_mark) { (double) e->step, p->t->muted, 1, "" };
      if (e->action == RS_SIM_SET_ALPHA)
        snprintf (m[n].label, sizeof m->label, "α = %g", e->value);
      else if (e->action == RS_SIM_SET_RATE)
        snprintf (m[n].label, sizeof m->label, "rate %g", e->value);
      else
        snprintf (m[n].label, sizeof m->label, "beat");
      n++;
    }
  return n;
}

/* Draw one mark's line across box (the whole plot). */
static void
mark_line (pane *p, rs_rect box, double x, const tl_mark *m)
{
  double dash = 3.5 * p->k;

  cairo_save (p->cr);
  if (m->dashed)
    cairo_set_dash (p->cr, &dash, 1, 0);
  cairo_set_line_width (p->cr, 1.2 * p->k);
  rs_theme_set_alpha (p->cr, m->col, m->dashed ? 0.7 : 0.9);
  cairo_move_to (p->cr, x, box.y);
  cairo_line_to (p->cr, x, box.y + box.height);
  cairo_stroke (p->cr);
  cairo_restore (p->cr);
}

/* A mark's label in the first of three rows at the top of the loss axes
 * where it does not run into an earlier one; ends[] holds each row's
 * right end so far.  Labels that fit nowhere are left out. */
static void
mark_label (pane *p, const axes *a, double x, const tl_mark *m,
            double ends[3])
{
  double w = text_width (p, m->label, 10, 0), h = 13 * p->k;

  for (int row = 0; row < 3; row++)
    {
      double y = a->box.y + 2 * p->k + row * h;
      if (x + 2 * p->k < ends[row] || y + h > a->box.y + a->box.height
          || x + 3 * p->k + w > a->box.x + a->box.width)
        continue;
      label_boxed (p, m->col, x + 3 * p->k, y, m->label, 10, 0, 0, 0);
      ends[row] = x + 3 * p->k + w + 6 * p->k;
      return;
    }
}

/* Every mark: the recorded events, then those the scene has planned. */
static void
timeline_marks (pane *p, const axes *a)
{
  const rs_sim *sim = p->c->sim;
  size_t n = rs_sim_n_recorded (sim);
  size_t last = rs_sim_recorded (sim, n - 1)->step;
  double ends[3] = { -INFINITY, -INFINITY, -INFINITY };
  tl_mark m[RS_SIM_MAX_KICKS + RS_SIM_MAX_EVENTS];
  size_t nm;

  for (size_t i = 0; i < n; i++)
    {
      const rs_sim_point *pt = rs_sim_recorded (sim, i);
      if ((pt->events & ~(unsigned) RS_EVENT_START) == 0)
        continue;
      nm = point_marks (p, i, m);
      for (size_t q = 0; q < nm; q++)
        {
          double x = ax_x (a, m[q].step);
          mark_line (p, p->plot, x, &m[q]);
          mark_label (p, a, x, &m[q], ends);
        }
    }
  nm = planned_marks (p, last, m, sizeof m / sizeof m[0]);
  for (size_t q = 0; q < nm; q++)
    {
      double x = ax_x (a, m[q].step);
      mark_line (p, p->plot, x, &m[q]);
      mark_label (p, a, x, &m[q], ends);
    }
}

/* The point shown: a line across the plot and dots on both curves. */
static void
timeline_now (pane *p, const axes *a)
{
  const rs_sim_point *pt = rs_sim_recorded (p->c->sim, at_of (p->c));
  double x = ax_x (a, (double) pt->step);
  double v[2] = { pt->loss, pt->gnorm };
  rs_rgb col[2] = { p->t->accent, p->t->second };

  cairo_set_line_width (p->cr, 1.6 * p->k);
  rs_theme_set (p->cr, p->t->fg);
  cairo_move_to (p->cr, x, p->plot.y);
  cairo_line_to (p->cr, x, p->plot.y + p->plot.height);
  cairo_stroke (p->cr);
  for (int q = 0; q < 2; q++)
    {
      double y = log_y (a, v[q]);
      if (isnan (y))
        continue;
      cairo_new_sub_path (p->cr);
      cairo_arc (p->cr, x, y, 3.2 * p->k, 0, 2 * M_PI);
      rs_theme_set (p->cr, col[q]);
      cairo_fill_preserve (p->cr);
      rs_theme_set (p->cr, p->t->fg);
      cairo_set_line_width (p->cr, 0.8 * p->k);
      cairo_stroke (p->cr);
    }
}

/* A value for the header, NaN and infinity by their names. */
static void
value_text (double v, int digits, char *buf, size_t n)
{
  if (isnan (v))
    snprintf (buf, n, "NaN");
  else if (isinf (v))
    snprintf (buf, n, "%s∞", v < 0 ? "−" : "");
  else
    snprintf (buf, n, "%.*g", digits, v);
}

/* The header's note: the point shown, in numbers, and in brief. */
static void
timeline_note (const rs_panel_ctx *c, char *buf, size_t n, char *brief,
               size_t nb)
{
  const rs_sim_point *pt = rs_sim_recorded (c->sim, at_of (c));
  char loss[32], gnorm[32];

  value_text (pt->loss, 3, loss, sizeof loss);
  value_text (pt->gnorm, 2, gnorm, sizeof gnorm);
  snprintf (buf, n, "step %zu · loss %s · ‖∇L‖ %s · %zu dead", pt->step,
            loss, gnorm, pt->dead);
  snprintf (brief, nb, "step %zu", pt->step);
}

void
rs_panel_timeline (cairo_t *cr, rs_rect r, const rs_panel_ctx *c)
{
  pane p;
  char note[160], brief[48], ytitle[160], acc[8], sec[8];
  rs_rect up, low;
  axes a;

  if (c != NULL && c->sim != NULL)
    timeline_note (c, note, sizeof note, brief, sizeof brief);
  if (pane_begin (&p, cr, r, c, timeline_margins, "Timeline",
                  c != NULL && c->sim != NULL ? note : NULL, brief))
    {
      timeline_boxes (&p, &up, &low);
      a = (axes) { up, 0.0, timeline_last (c->sim), 0.0, 1.0 };
      timeline_log_range (c->sim, &a.y0, &a.y1);
      axes_fill (&p, &a);
      y_log_ticks (&p, &a);
      x_ticks (&p, &(axes) { low, a.x0, a.x1, 0, 1 }, 1);
      x_ticks (&p, &a, 0);
      cairo_save (cr);
      axes_clip (&p, &a);
      timeline_series (&p, &a, 1, p.t->second);
      timeline_series (&p, &a, 0, p.t->accent);
      cairo_restore (cr);
      axes_frame (&p, &a);
      timeline_dead (&p, low);
      timeline_marks (&p, &a);
      timeline_now (&p, &a);
      hex_of (p.t->accent, acc);
      hex_of (p.t->second, sec);
      snprintf (ytitle, sizeof ytitle, "<span foreground=\"%s\">loss</span>"
                " · <span foreground=\"%s\">‖∇L‖</span>", acc, sec);
      y_title (&p, &a, ytitle, r.x + 3 * p.k);
      x_title (&p, &(axes) { low, 0, 1, 0, 1 }, "step");
    }
  pane_end (&p);
}

/* ---- network (C4) ----------------------------------------------------- */

static const margins network_margins = { 30, 10, 46, 10 };

/* The columns of the picture: inputs, then each layer; the single neuron
 * gets a third column for its output y. */
static size_t
net_columns (const rs_sim *sim, size_t sizes[RS_NET_MAX_LAYERS + 2])
{
  const rs_net *net = rs_sim_net (sim);
  size_t L = rs_net_layers (net);

  for (size_t l = 0; l <= L; l++)
    sizes[l] = rs_net_units (net, l);
  if (!rs_sim_is_neuron (sim))
    return L + 1;
  sizes[L + 1] = 1;
  return L + 2;
}

/* The distance between unit centres in a column, the same in all. */
static double
net_pitch (rs_rect plot, double k, const size_t *sizes, size_t ncol)
{
  size_t most = 1;

  for (size_t l = 0; l < ncol; l++)
    most = sizes[l] > most ? sizes[l] : most;
  return fmin (plot.height / (double) most, 46 * k);
}

int
rs_panel_network_unit (rs_rect r, const rs_panel_ctx *c, size_t l,
                       size_t j, double *x, double *y, double *radius)
{
  size_t sizes[RS_NET_MAX_LAYERS + 2], ncol;
  double k = pane_scale (r, c), pitch, cw;
  rs_rect plot = pane_plot (r, k, network_margins);

  if (c == NULL || c->sim == NULL)
    return RS_EINVAL;
  ncol = net_columns (c->sim, sizes);
  if (l >= ncol || j >= sizes[l])
    return RS_EINVAL;
  pitch = net_pitch (plot, k, sizes, ncol);
  cw = plot.width / (double) ncol;
  *x = plot.x + (l + 0.5) * cw;
  *y = plot.y + plot.height / 2 + (j - (sizes[l] - 1) / 2.0) * pitch;
  *radius = fmax (0.0, fmin (fmin (0.4 * pitch, 13 * k), 0.2 * cw));
  return RS_OK;
}

/* Unit activity at point c->at: on how many points each unit of each
 * layer is active (z > 0), and the network at that point (the caller
 * frees it).  NULL when it cannot be computed. */
static rs_net *
net_activity (const rs_panel_ctx *c,
              size_t act[RS_NET_MAX_LAYERS + 1][RS_NET_MAX_UNITS])
{
  size_t part[RS_NET_MAX_UNITS];
  rs_net *net;
  sweep w;

  memset (act, 0, sizeof (size_t) * (RS_NET_MAX_LAYERS + 1)
                  * RS_NET_MAX_UNITS);
  if (sweep_begin (&w, c) != RS_OK)
    return NULL;
  while (sweep_next (&w))
    for (size_t l = 1; l <= rs_net_layers (w.net); l++)
      {
        rs_net_activity (w.net, w.ws, l, part, NULL);
        for (size_t j = 0; j < rs_net_units (w.net, l); j++)
          act[l][j] += part[j];
      }
  net = w.net;
  w.net = NULL;
  sweep_end (&w);
  return net;
}

/* The colour of a unit active on k of n points: dead mixed into alive
 * by the fraction k / n. */
static rs_rgb
unit_colour (const rs_theme *t, size_t k, size_t n)
{
  double f = n > 0 ? (double) k / (double) n : 0.0;
  rs_rgb c = { t->dead.r + f * (t->alive.r - t->dead.r),
               t->dead.g + f * (t->alive.g - t->dead.g),
               t->dead.b + f * (t->alive.b - t->dead.b) };

  return c;
}

/* Whether column l's units are coloured by their activity: layers of the
 * ReLU family (relu, leaky_relu, prelu), hidden or the neuron, where
 * "active" (z > 0) is the side with the slope; a sigmoid's or a tanh's
 * z <= 0 is no less alive, and their units are left plain. */
static int
net_coloured (const rs_panel_ctx *c, const rs_net *net, size_t l)
{
  size_t L = rs_net_layers (net);
  const rs_act_type *t;

  if (l == 0 || l > L)
    return 0;
  t = rs_net_get_spec (net)->act[l - 1];
  if (t != rs_act_relu && t != rs_act_leaky_relu && t != rs_act_prelu)
    return 0;
  return l < L || rs_sim_is_neuron (c->sim);
}

/* Dashed lines from now on when on, solid ones otherwise. */
static void
net_dash (pane *p, int on)
{
  double d[2] = { 3.0 * p->k, 2.0 * p->k };

  cairo_set_dash (p->cr, d, on ? 2 : 0, 0.0);
}

/* The edges into column l (l >= 1), width and opacity by |weight|
 * relative to wmax; thin when there are many. */
static void
net_edges_into (pane *p, const rs_net *net, size_t l, double wmax, int thin)
{
  const gsl_vector *th = rs_net_params_const (net);
  size_t sizes[RS_NET_MAX_LAYERS + 2];
  double x0, y0, x1, y1, rad;

  net_columns (p->c->sim, sizes);
  for (size_t j = 0; j < sizes[l]; j++)
    for (size_t q = 0; q < sizes[l - 1]; q++)
      {
        /* the single neuron's output column is f(z) itself: weight 1 */
        double w = l <= rs_net_layers (net)
                   ? gsl_vector_get (th, rs_net_w_index (net, l, j, q)) : wmax;
        double f = isfinite (w) ? fmin (fabs (w) / wmax, 1.0) : 1.0;
        rs_panel_network_unit (p->r, p->c, l - 1, q, &x0, &y0, &rad);
        rs_panel_network_unit (p->r, p->c, l, j, &x1, &y1, &rad);
        cairo_set_line_width (p->cr, (thin ? 0.5 : 0.4 + 2.4 * f) * p->k);
        rs_theme_set_alpha (p->cr, p->t->fg, thin ? 0.06 + 0.3 * f
                                                  : 0.12 + 0.6 * f);
        /* a frozen weight ('freeze') is dashed */
        net_dash (p, l <= rs_net_layers (net) && rs_sim_frozen
                  (p->c->sim, rs_net_w_index (net, l, j, q)));
        cairo_move_to (p->cr, x0, y0);
        cairo_line_to (p->cr, x1, y1);
        cairo_stroke (p->cr);
        net_dash (p, 0);
      }
}

/* Every edge of the network. */
static void
net_edges (pane *p, const rs_net *net, size_t ncol, const size_t *sizes)
{
  const gsl_vector *th = rs_net_params_const (net);
  size_t L = rs_net_layers (net), count = 0;
  double wmax = 0.0;

  for (size_t l = 1; l <= L; l++)
    for (size_t j = 0; j < sizes[l]; j++)
      for (size_t q = 0; q < sizes[l - 1]; q++)
        {
          double w = gsl_vector_get (th, rs_net_w_index (net, l, j, q));
          if (isfinite (w))
            wmax = fmax (wmax, fabs (w));
          count++;
        }
  if (!(wmax > 0.0))
    wmax = 1.0;
  for (size_t l = 1; l < ncol; l++)
    net_edges_into (p, net, l, wmax, count > NET_MANY_EDGES);
}

/* A cross over a dead unit (C4). */
static void
net_cross (pane *p, double x, double y, double rad)
{
  double h = 0.62 * rad;

  cairo_set_line_width (p->cr, fmax (0.6, 0.2 * rad));
  rs_theme_set (p->cr, p->t->fg);
  cairo_move_to (p->cr, x - h, y - h);
  cairo_line_to (p->cr, x + h, y + h);
  cairo_move_to (p->cr, x - h, y + h);
  cairo_line_to (p->cr, x + h, y - h);
  cairo_stroke (p->cr);
}

/* One unit: its circle, coloured or plain, crossed when dead, and on
 * how many points it is active when there is room to say it. */
static void
net_unit (pane *p, const rs_net *net, size_t l, size_t j, size_t active,
          double pitch)
{
  size_t n = rs_sim_data (p->c->sim)->n;
  int coloured = net_coloured (p->c, net, l);
  double x, y, rad;
  char buf[24];

  if (rs_panel_network_unit (p->r, p->c, l, j, &x, &y, &rad) != RS_OK)
    return;
  cairo_new_sub_path (p->cr);
  cairo_arc (p->cr, x, y, rad, 0, 2 * M_PI);
  rs_theme_set (p->cr, coloured ? unit_colour (p->t, active, n)
                                : p->t->panel);
  cairo_fill_preserve (p->cr);
  cairo_set_line_width (p->cr, fmax (0.5, fmin (1.2 * p->k, 0.15 * rad)));
  rs_theme_set (p->cr, p->t->fg);
  /* a frozen bias: a dashed ring */
  net_dash (p, l <= rs_net_layers (net)
            && rs_sim_frozen (p->c->sim, rs_net_b_index (net, l, j)));
  cairo_stroke (p->cr);
  net_dash (p, 0);
  if (coloured && active == 0 && l <= rs_net_layers (net)
      && rs_net_unit_can_die (net, l, j))
    net_cross (p, x, y, rad);
  if (coloured && pitch >= 11 * p->k)
    {
      snprintf (buf, sizeof buf, "%zu", active);
      label_boxed (p, p->t->muted, x + rad + 3 * p->k, y, buf,
                   fmin (9.5, 0.75 * pitch / p->k), 0, 0, 0.5);
    }
}

/* The names under the columns. */
static void
net_names (pane *p, const rs_net *net, size_t ncol)
{
  static const char *const neuron[3] = { "input x", "neuron", "output y" };
  double cw = p->plot.width / (double) ncol;
  double size = fmin (10.5, cw / p->k / 6.0);
  char buf[32];

  for (size_t l = 0; l < ncol; l++)
    {
      if (rs_sim_is_neuron (p->c->sim))
        snprintf (buf, sizeof buf, "%s", neuron[l]);
      else if (l == 0)
        snprintf (buf, sizeof buf, "input");
      else if (l == rs_net_layers (net))
        snprintf (buf, sizeof buf, "output");
      else
        snprintf (buf, sizeof buf, "hidden %zu", l);
      text (p, p->t->muted, p->plot.x + (l + 0.5) * cw,
            p->plot.y + p->plot.height + 5 * p->k, buf, size, 0, 0.5, 0, 0);
    }
}

/* One legend entry at x: a sample unit and its text; returns the x after
 * it, or x unchanged when it does not fit before xmax. */
static double
legend_item (pane *p, double x, double y, double xmax, rs_rgb col,
             int cross, const char *label)
{
  double rad = 5.5 * p->k, w = text_width (p, label, 10, 0);

  if (x + 2 * rad + 4 * p->k + w > xmax)
    return x;
  cairo_new_sub_path (p->cr);
  cairo_arc (p->cr, x + rad, y, rad, 0, 2 * M_PI);
  rs_theme_set (p->cr, col);
  cairo_fill_preserve (p->cr);
  cairo_set_line_width (p->cr, 0.8 * p->k);
  rs_theme_set (p->cr, p->t->fg);
  cairo_stroke (p->cr);
  if (cross)
    net_cross (p, x + rad, y, rad);
  text (p, p->t->fg, x + 2 * rad + 4 * p->k, y, label, 10, 0, 0, 0.5, 0);
  return x + 2 * rad + 4 * p->k + w + 12 * p->k;
}

/* The legend along the bottom: alive on all, on some, dead; in short
 * words when the long ones do not fit. */
static void
net_legend (pane *p)
{
  size_t n = rs_sim_data (p->c->sim)->n, half = n / 2;
  double y = p->r.y + p->r.height - 12 * p->k, x = p->r.x + 10 * p->k;
  double xmax = p->r.x + p->r.width - 6 * p->k, need;
  char all[64], some[64], dead[64];

  snprintf (all, sizeof all, "alive on all %zu points", n);
  snprintf (some, sizeof some, "on %zu of %zu", half, n);
  snprintf (dead, sizeof dead, "dead: on none");
  need = text_width (p, all, 10, 0) + text_width (p, some, 10, 0)
         + text_width (p, dead, 10, 0) + 3 * 27 * p->k;
  if (x + need > xmax)
    {
      snprintf (all, sizeof all, "all %zu", n);
      snprintf (some, sizeof some, "%zu of %zu", half, n);
      snprintf (dead, sizeof dead, "dead");
    }
  x = legend_item (p, x, y, xmax, p->t->alive, 0, all);
  x = legend_item (p, x, y, xmax, unit_colour (p->t, half, n), 0, some);
  x = legend_item (p, x, y, xmax, p->t->dead, 1, dead);
  if (rs_sim_get_params (p->c->sim)->n_frozen > 0
      && x + 18 * p->k + text_width (p, "frozen", 10, 0) <= xmax)
    {
      /* a dashed sample: frozen weights and biases ('freeze') */
      cairo_set_line_width (p->cr, 1.2 * p->k);
      rs_theme_set (p->cr, p->t->fg);
      net_dash (p, 1);
      cairo_move_to (p->cr, x, y);
      cairo_line_to (p->cr, x + 14 * p->k, y);
      cairo_stroke (p->cr);
      net_dash (p, 0);
      text (p, p->t->fg, x + 18 * p->k, y, "frozen", 10, 0, 0, 0.5, 0);
    }
}

/* The header's note: how many units are dead of how many, and when;
 * in brief without the when. */
static void
net_note (const rs_panel_ctx *c, const rs_net *net,
          size_t act[RS_NET_MAX_LAYERS + 1][RS_NET_MAX_UNITS], char *buf,
          size_t n, char *brief, size_t nb)
{
  size_t dead = 0, units = 0;
  size_t step = rs_sim_recorded (c->sim, at_of (c))->step;

  for (size_t l = 1; l <= rs_net_layers (net); l++)
    {
      if (!net_coloured (c, net, l))
        continue;
      for (size_t j = 0; j < rs_net_units (net, l); j++)
        {
          units++;
          dead += act[l][j] == 0 && rs_net_unit_can_die (net, l, j);
        }
    }
  if (units == 0)
    snprintf (buf, n, "no ReLU units: none can die · step %zu", step);
  else
    snprintf (buf, n, "%zu of %zu dead · step %zu", dead, units, step);
  snprintf (brief, nb, "%zu of %zu dead", dead, units);
}

void
rs_panel_network (cairo_t *cr, rs_rect r, const rs_panel_ctx *c)
{
  size_t act[RS_NET_MAX_LAYERS + 1][RS_NET_MAX_UNITS];
  size_t sizes[RS_NET_MAX_LAYERS + 2], ncol;
  rs_net *net = NULL;
  char note[96] = "", brief[64] = "";
  pane p;

  if (c != NULL && c->sim != NULL && (net = net_activity (c, act)) != NULL)
    net_note (c, net, act, note, sizeof note, brief, sizeof brief);
  if (pane_begin (&p, cr, r, c, network_margins,
                  c != NULL && c->sim != NULL && rs_sim_is_neuron (c->sim)
                  ? "Neuron" : "Network", note, brief)
      && net != NULL)
    {
      double pitch;
      ncol = net_columns (c->sim, sizes);
      pitch = net_pitch (p.plot, p.k, sizes, ncol);
      net_edges (&p, net, ncol, sizes);
      for (size_t l = 0; l < ncol; l++)
        for (size_t j = 0; j < sizes[l]; j++)
          net_unit (&p, net, l, j, l <= rs_net_layers (net) ? act[l][j] : 0,
                    pitch);
      net_names (&p, net, ncol);
      for (size_t l = 1; l <= rs_net_layers (net); l++)
        if (net_coloured (c, net, l))
          {
            net_legend (&p);
            break;
          }
    }
  pane_end (&p);
  rs_net_free (net);
}

/* ---- activation (C2, C3, C8) ----------------------------------------- */

static const margins act_margins = { 30, 14, 36, 44 };

size_t
rs_panel_kink_fan (const rs_act_type *t, double p, double kink,
                   double *slopes, size_t n, double *bold)
{
  rs_interval d;

  if (t == NULL || !rs_act_is_kink (t, 0.0, p))
    return 0;
  d = rs_act_subdiff (t, 0.0, p);
  kink = fmin (fmax (isnan (kink) ? 0.0 : kink, 0.0), 1.0);
  if (bold != NULL)
    *bold = rs_interval_lerp (d, kink);
  for (size_t i = 0; i < n; i++)
    slopes[i] = n > 1 ? rs_interval_lerp (d, (double) i / (double) (n - 1))
                      : d.lo;
  return n;
}

/* f and f' of t on a grid over [-3, 3] (z = 0 exactly at the middle),
 * into f, df; f' at a kink is its subdifferential's lower end here. */
#define ACT_GRID 301

static void
act_samples (const rs_act_type *t, double par, double *f, double *df)
{
  for (size_t i = 0; i < ACT_GRID; i++)
    {
      double z = ((double) i - (ACT_GRID - 1) / 2) / 50.0;
      f[i] = rs_act_value (t, z, par);
      df[i] = rs_act_subdiff (t, z, par).lo;
    }
}

/* The y window: every finite f and f' on the grid and 0, with a margin. */
static void
act_window (const double *f, const double *df, double *y0, double *y1)
{
  double lo = 0.0, hi = 1.0;

  for (size_t i = 0; i < ACT_GRID; i++)
    {
      if (isfinite (f[i]))
        lo = fmin (lo, f[i]), hi = fmax (hi, f[i]);
      if (isfinite (df[i]))
        lo = fmin (lo, df[i]), hi = fmax (hi, df[i]);
    }
  *y0 = lo - 0.08 * (hi - lo);
  *y1 = hi + 0.08 * (hi - lo);
}

/* The derivative's graph: where f has a kink, a vertical step from the
 * slope on its left to the slope on its right, covering the whole
 * subdifferential (C3). */
static void
act_deriv_path (pane *p, const axes *a, const rs_act_type *t, double par)
{
  const double eps = 1e-9;

  cairo_new_path (p->cr);
  for (size_t i = 0; i < ACT_GRID; i++)
    {
      double z = ((double) i - (ACT_GRID - 1) / 2) / 50.0;
      if (rs_act_is_kink (t, z, par))
        {
          cairo_line_to (p->cr, ax_x (a, z),
                         ax_y (a, rs_act_subdiff (t, z - eps, par).lo));
          cairo_line_to (p->cr, ax_x (a, z),
                         ax_y (a, rs_act_subdiff (t, z + eps, par).lo));
        }
      else
        cairo_line_to (p->cr, ax_x (a, z),
                       ax_y (a, rs_act_subdiff (t, z, par).lo));
    }
}

/* The fan of supporting lines at 0 (C3), the convention's bold, and
 * what they are. */
static void
act_fan (pane *p, const axes *a, const rs_act_type *t, double par,
         double kink)
{
  double slopes[FAN_LINES], bold, f0 = rs_act_value (t, 0.0, par);
  rs_interval d = rs_act_subdiff (t, 0.0, par);
  char buf[128];

  if (rs_panel_kink_fan (t, par, kink, slopes, FAN_LINES, &bold) == 0)
    return;
  cairo_set_line_width (p->cr, 1.0 * p->k);
  rs_theme_set_alpha (p->cr, p->t->muted, 0.8);
  for (size_t i = 0; i < FAN_LINES; i++)
    {
      cairo_move_to (p->cr, ax_x (a, -1.6), ax_y (a, f0 - 1.6 * slopes[i]));
      cairo_line_to (p->cr, ax_x (a, 1.6), ax_y (a, f0 + 1.6 * slopes[i]));
    }
  cairo_stroke (p->cr);
  cairo_set_line_width (p->cr, 2.6 * p->k);
  rs_theme_set (p->cr, p->t->event);
  cairo_move_to (p->cr, ax_x (a, -1.6), ax_y (a, f0 - 1.6 * bold));
  cairo_line_to (p->cr, ax_x (a, 1.6), ax_y (a, f0 + 1.6 * bold));
  cairo_stroke (p->cr);
  snprintf (buf, sizeof buf, "∂f(0) = [%g, %g]", d.lo, d.hi);
  label_boxed (p, p->t->fg, a->box.x + 6 * p->k, a->box.y + 5 * p->k, buf,
               11, 0, 0, 0);
  snprintf (buf, sizeof buf, "convention: f′(0) = %g", bold);
  label_boxed (p, p->t->event, a->box.x + 6 * p->k, a->box.y + 21 * p->k,
               buf, 11, 1, 0, 0);
}

/* The convention's value of f'(0) as a dot on the derivative's step. */
static void
act_convention_dot (pane *p, const axes *a, const rs_act_type *t,
                    double par, double kink)
{
  double slope;

  if (!rs_act_is_kink (t, 0.0, par))
    return;
  rs_panel_kink_fan (t, par, kink, NULL, 0, &slope);
  cairo_new_sub_path (p->cr);
  cairo_arc (p->cr, ax_x (a, 0.0), ax_y (a, slope), 4.0 * p->k, 0, 2 * M_PI);
  rs_theme_set (p->cr, p->t->event);
  cairo_fill_preserve (p->cr);
  cairo_set_line_width (p->cr, 1.0 * p->k);
  rs_theme_set (p->cr, p->t->fg);
  cairo_stroke (p->cr);
}

/* The activation as the title names it. */
static void
act_title (const rs_act_type *t, double par, char *buf, size_t n)
{
  if (t == rs_act_relu)
    snprintf (buf, n, "ReLU");
  else if (t == rs_act_leaky_relu)
    snprintf (buf, n, "Leaky ReLU, α = %g", par);
  else if (t->param_name != NULL)
    snprintf (buf, n, "%s, %s = %g", t->name,
              strcmp (t->param_name, "alpha") == 0 ? "α" : t->param_name,
              par);
  else
    snprintf (buf, n, "%s", t->name);
}

/* The curves and the fan, in the box of p. */
static void
act_plot (pane *p, const rs_act_type *t, double par, double kink)
{
  double f[ACT_GRID], df[ACT_GRID];
  axes a = { p->plot, -3.0, 3.0, 0.0, 1.0 };

  act_samples (t, par, f, df);
  act_window (f, df, &a.y0, &a.y1);
  axes_fill (p, &a);
  x_ticks (p, &a, 1);
  y_ticks (p, &a, a.box.height / (50 * p->k));
  cairo_save (p->cr);
  axes_clip (p, &a);
  act_fan (p, &a, t, par, kink);
  act_deriv_path (p, &a, t, par);
  cairo_set_line_width (p->cr, 2.0 * p->k);
  cairo_set_line_join (p->cr, CAIRO_LINE_JOIN_ROUND);
  rs_theme_set (p->cr, p->t->second);
  cairo_stroke (p->cr);
  cairo_new_path (p->cr);
  for (size_t i = 0; i < ACT_GRID; i++)
    cairo_line_to (p->cr, ax_x (&a, ((double) i - (ACT_GRID - 1) / 2) / 50.0),
                   ax_y (&a, isfinite (f[i]) ? f[i] : a.y1));
  cairo_set_line_width (p->cr, 2.4 * p->k);
  rs_theme_set (p->cr, p->t->accent);
  cairo_stroke (p->cr);
  act_convention_dot (p, &a, t, par, kink);
  cairo_restore (p->cr);
  axes_frame (p, &a);
  x_title (p, &a, "<i>z</i>");
}

void
rs_panel_activation (cairo_t *cr, rs_rect r, const rs_panel_ctx *c)
{
  char title[96] = "Activation", note[160] = "", acc[8], sec[8];
  const rs_act_type *t = NULL;
  double par = 0.0, kink = 0.0;
  sweep w;
  pane p;

  if (c != NULL && c->sim != NULL && sweep_begin (&w, c) == RS_OK)
    {
      const rs_net_spec *sp = rs_net_get_spec (w.net);
      t = sp->act[0];
      par = sp->param[0];
      kink = sp->kink;
      sweep_end (&w);
      act_title (t, par, title, sizeof title);
      hex_of (theme_of (c)->accent, acc);
      hex_of (theme_of (c)->second, sec);
      snprintf (note, sizeof note, "<span foreground=\"%s\">f(z)</span>  "
                "<span foreground=\"%s\">f′(z)</span>", acc, sec);
    }
  if (pane_begin (&p, cr, r, c, act_margins, title, note, NULL)
      && t != NULL)
    act_plot (&p, t, par, kink);
  pane_end (&p);
}

/* ---- histogram of pre-activations (C6) -------------------------------- */

static const margins hist_margins = { 30, 14, 36, 50 };

/* Layer 1's pre-activations over the data at c->at: their split at 0,
 * their finite range, and, when bins is not NULL, their counts in bins
 * of width bw, n_neg of them below 0 (each (lo, hi], so that z = 0 falls
 * in the last bin below 0). */
typedef struct {
  size_t below, above;
  double lo, hi;
  size_t n_neg;
  double bw;
  size_t bins[HIST_BINS];
} hist;

/* The bin of z. */
static size_t
hist_bin (const hist *h, double z)
{
  double q;

  if (z <= 0.0)
    {
      q = floor (-z / h->bw);
      return q >= (double) h->n_neg ? 0 : h->n_neg - 1 - (size_t) q;
    }
  q = ceil (z / h->bw) - 1.0;
  return q >= (double) (HIST_BINS - h->n_neg) ? HIST_BINS - 1
                                              : h->n_neg + (size_t) q;
}

/* One pass over the data: the split and range (fill 0) or the bins. */
static int
hist_pass (const rs_panel_ctx *c, hist *h, int fill)
{
  sweep w;
  int rc = sweep_begin (&w, c);

  if (rc != RS_OK)
    return rc;
  while (sweep_next (&w))
    {
      const double *z = rs_net_workspace_z (w.ws, 1);
      size_t nz = rs_net_units (w.net, 1) * w.m;
      for (size_t i = 0; i < nz; i++)
        {
          if (isnan (z[i]))
            continue;
          if (fill)
            h->bins[hist_bin (h, z[i])]++;
          else if (z[i] <= 0.0)
            h->below++;
          else
            h->above++;
          if (!fill && isfinite (z[i]))
            h->lo = fmin (h->lo, z[i]), h->hi = fmax (h->hi, z[i]);
        }
    }
  sweep_end (&w);
  return RS_OK;
}

/* The bins: as many below 0 as the range's share, 0 an edge between
 * them, the width the larger of the two sides' needs. */
static void
hist_layout (hist *h)
{
  double lo = fmin (h->lo, 0.0), hi = fmax (h->hi, 0.0);
  size_t nn;

  if (!(hi - lo > 0.0))
    {
      lo = -1.0;
      hi = 1.0;
    }
  nn = (size_t) lround (HIST_BINS * -lo / (hi - lo));
  if ((lo < 0.0 || h->below > 0) && nn < 1)
    nn = 1;
  if ((hi > 0.0 || h->above > 0) && nn > HIST_BINS - 1)
    nn = HIST_BINS - 1;
  h->n_neg = nn;
  h->bw = fmax (nn > 0 ? -lo / (double) nn : 0.0,
                nn < HIST_BINS ? hi / (double) (HIST_BINS - nn) : 0.0);
  if (!(h->bw > 0.0))
    h->bw = 1.0 / HIST_BINS;
}

int
rs_panel_histogram_split (const rs_panel_ctx *c, size_t *below,
                          size_t *above)
{
  hist h = { 0, 0, INFINITY, -INFINITY, 0, 0.0, { 0 } };
  int rc = hist_pass (c, &h, 0);

  *below = h.below;
  *above = h.above;
  return rc;
}

/* The bars, those of z <= 0 in the dead colour, z > 0 alive. */
static void
hist_bars (pane *p, const axes *a, const hist *h)
{
  for (size_t b = 0; b < HIST_BINS; b++)
    {
      double z0 = ((double) b - (double) h->n_neg) * h->bw;
      double x0 = ax_x (a, z0), x1 = ax_x (a, z0 + h->bw);
      double y = ax_y (a, (double) h->bins[b]);
      if (h->bins[b] == 0)
        continue;
      cairo_rectangle (p->cr, x0, y, x1 - x0, ax_y (a, 0.0) - y);
      rs_theme_set (p->cr, b < h->n_neg ? p->t->dead : p->t->alive);
      cairo_fill_preserve (p->cr);
      rs_theme_set (p->cr, p->t->panel);
      cairo_set_line_width (p->cr, fmin (0.8 * p->k, 0.25 * (x1 - x0)));
      cairo_stroke (p->cr);
    }
}

/* The inactive half shaded and the line z = 0. */
static void
hist_halves (pane *p, const axes *a)
{
  double x = ax_x (a, 0.0);

  rs_theme_set_alpha (p->cr, p->t->dead, 0.09);
  cairo_rectangle (p->cr, a->box.x, a->box.y, x - a->box.x, a->box.height);
  cairo_fill (p->cr);
  cairo_set_line_width (p->cr, 1.4 * p->k);
  rs_theme_set (p->cr, p->t->fg);
  cairo_move_to (p->cr, x, a->box.y);
  cairo_line_to (p->cr, x, a->box.y + a->box.height);
  cairo_stroke (p->cr);
}

/* Each side's share, counted exactly (C6: half of z ~ N(0, s^2) is
 * inactive). */
static void
hist_shares (pane *p, const axes *a, const hist *h)
{
  double tot = (double) (h->below + h->above);
  char buf[96];

  if (tot <= 0.0)
    return;
  snprintf (buf, sizeof buf, "<b>z ≤ 0: %.0f %%</b>\n%zu of %.0f",
            100.0 * (double) h->below / tot, h->below, tot);
  label_boxed (p, p->t->dead, a->box.x + 5 * p->k, a->box.y + 4 * p->k, buf,
               11, 0, 0, 0);
  snprintf (buf, sizeof buf, "<b>z &gt; 0: %.0f %%</b>\n%zu of %.0f",
            100.0 * (double) h->above / tot, h->above, tot);
  label_boxed (p, p->t->alive, a->box.x + a->box.width - 5 * p->k,
               a->box.y + 4 * p->k, buf, 11, 0, 1, 0);
}

static void
hist_plot (pane *p, const hist *h)
{
  size_t most = 1;
  axes a = { p->plot, -(double) h->n_neg * h->bw,
             (double) (HIST_BINS - h->n_neg) * h->bw, 0.0, 1.0 };

  for (size_t b = 0; b < HIST_BINS; b++)
    most = h->bins[b] > most ? h->bins[b] : most;
  a.y1 = 1.25 * (double) most;
  axes_fill (p, &a);
  x_ticks (p, &a, 1);
  y_ticks (p, &a, a.box.height / (50 * p->k));
  cairo_save (p->cr);
  axes_clip (p, &a);
  hist_halves (p, &a);
  hist_bars (p, &a, h);
  hist_shares (p, &a, h);
  cairo_restore (p->cr);
  axes_frame (p, &a);
  x_title (p, &a, "<i>z</i> = <i>w</i>·<i>x</i> + <i>b</i>, layer 1");
  y_title (p, &a, "count", p->r.x + 3 * p->k);
}

void
rs_panel_histogram (cairo_t *cr, rs_rect r, const rs_panel_ctx *c)
{
  hist h = { 0, 0, INFINITY, -INFINITY, 0, 0.0, { 0 } };
  int ok = c != NULL && c->sim != NULL && hist_pass (c, &h, 0) == RS_OK;
  char note[96] = "";
  pane p;

  if (ok)
    {
      hist_layout (&h);
      ok = hist_pass (c, &h, 1) == RS_OK;
      snprintf (note, sizeof note, "step %zu",
                rs_sim_recorded (c->sim, at_of (c))->step);
    }
  if (pane_begin (&p, cr, r, c, hist_margins, "Pre-activations", note,
                  NULL) && ok)
    hist_plot (&p, &h);
  pane_end (&p);
}

/* ---- depth (C1, C2) --------------------------------------------------- */

static const margins depth_margins = { 30, 14, 36, 50 };

#define DEPTH_MAX 12

/* The scene's depth: its hidden layers, or 1 for the single neuron and
 * a network without hidden layers. */
static size_t
depth_of (const rs_sim *sim)
{
  size_t L = rs_net_layers (rs_sim_net (sim));

  return L >= 2 ? L - 1 : 1;
}

/* One series of the depth plot: value^L for L = 1 .. 12 in log10, as a
 * line with a dot at each L. */
static void
depth_series (pane *p, const axes *a, double value, rs_rgb col)
{
  double lv = log10 (value);

  cairo_new_path (p->cr);
  for (int L = 1; L <= DEPTH_MAX; L++)
    cairo_line_to (p->cr, ax_x (a, L), ax_y (a, L * lv));
  cairo_set_line_width (p->cr, 2.2 * p->k);
  rs_theme_set (p->cr, col);
  cairo_stroke (p->cr);
  for (int L = 1; L <= DEPTH_MAX; L++)
    {
      cairo_new_sub_path (p->cr);
      cairo_arc (p->cr, ax_x (a, L), ax_y (a, L * lv), 2.8 * p->k, 0,
                 2 * M_PI);
    }
  cairo_fill (p->cr);
}

/* The scene's depth: a dashed line and the sigmoid bound's value there. */
static void
depth_mark (pane *p, const axes *a, size_t d)
{
  double x = ax_x (a, (double) d), dash = 4 * p->k;
  double ys = ax_y (a, (double) d * log10 (0.25));
  char buf[96];

  cairo_save (p->cr);
  cairo_set_dash (p->cr, &dash, 1, 0);
  cairo_set_line_width (p->cr, 1.4 * p->k);
  rs_theme_set (p->cr, p->t->event);
  cairo_move_to (p->cr, x, a->box.y);
  cairo_line_to (p->cr, x, a->box.y + a->box.height);
  cairo_stroke (p->cr);
  cairo_restore (p->cr);
  snprintf (buf, sizeof buf, "this scene: L = %zu", d);
  label_boxed (p, p->t->event, x + 4 * p->k,
               a->box.y + a->box.height - 4 * p->k, buf, 10.5, 1, 0, 1);
  snprintf (buf, sizeof buf, "(¼)<sup>%zu</sup> = %.3g", d,
            pow (0.25, (double) d));
  label_boxed (p, p->t->second, x + 5 * p->k, ys - 4 * p->k, buf, 10.5, 0,
               0, 1);
}

static void
depth_plot (pane *p)
{
  axes a = { p->plot, 0.5, DEPTH_MAX + 0.5, -8.0, 0.7 };
  const char *sig = "sigmoid: (¼)<sup>L</sup> bound";
  double mid = 5.0;

  axes_fill (p, &a);
  y_log_ticks (p, &a);
  x_ticks (p, &a, 1);
  cairo_save (p->cr);
  axes_clip (p, &a);
  depth_series (p, &a, 1.0, p->t->alive);
  depth_series (p, &a, 0.25, p->t->second);
  depth_mark (p, &a, depth_of (p->c->sim));
  label_boxed (p, p->t->alive, ax_x (&a, DEPTH_MAX), ax_y (&a, 0.0)
               + 5 * p->k, "ReLU (active path): 1", 11, 1, 1, 0);
  label_boxed (p, p->t->second,
               fmax (ax_x (&a, mid) - 6 * p->k,
                     a.box.x + 4 * p->k + text_width (p, sig, 11, 1)),
               ax_y (&a, mid * log10 (0.25)) + 6 * p->k, sig, 11, 1, 1, 0);
  cairo_restore (p->cr);
  axes_frame (p, &a);
  x_title (p, &a, "layers <i>L</i>");
  y_title (p, &a, "gradient factor", p->r.x + 3 * p->k);
}

void
rs_panel_depth (cairo_t *cr, rs_rect r, const rs_panel_ctx *c)
{
  pane p;

  if (pane_begin (&p, cr, r, c, depth_margins, "Gradient through depth",
                  "max σ′ = ¼ per layer", NULL))
    depth_plot (&p);
  pane_end (&p);
}

/* ---- output heads (C12) ----------------------------------------------- */

static const margins heads_margins = { 30, 12, 36, 44 };

#define HEADS_GRID 321

/* The score of class 0 at grid point i, over [-4, 4]. */
static double
heads_z (size_t i)
{
  return -4.0 + 8.0 * (double) i / (HEADS_GRID - 1);
}

/* Class 0's probability for scores (z, 0, -1): softmax, or ReLU then
 * normalise (0 where z <= 0, the head's convention and its failure). */
static double
heads_p (int relu, double z)
{
  if (relu)
    return z > 0.0 ? 1.0 : 0.0;
  return 1.0 / (1.0 + exp (-z) + exp (-1.0 - z));
}

/* The loss -log p of label 0, from the library's loss family. */
static double
heads_loss (const rs_loss_type *t, double z)
{
  double out[3] = { z, 0.0, -1.0 }, y = 0.0, loss = NAN;

  t->eval (out, 3, 1, &y, 1, &loss, NULL, NULL);
  return loss;
}

/* The probabilities: softmax smooth and positive, the ReLU head a step
 * from 0 to 1 at z = 0 (a closed dot at 0, open at 1). */
static void
heads_probs (pane *p, const axes *a)
{
  cairo_new_path (p->cr);
  for (size_t i = 0; i < HEADS_GRID; i++)
    cairo_line_to (p->cr, ax_x (a, heads_z (i)),
                   ax_y (a, heads_p (0, heads_z (i))));
  cairo_set_line_width (p->cr, 2.4 * p->k);
  rs_theme_set (p->cr, p->t->accent);
  cairo_stroke (p->cr);
  cairo_move_to (p->cr, ax_x (a, -4.0), ax_y (a, 0.0));
  cairo_line_to (p->cr, ax_x (a, 0.0), ax_y (a, 0.0));
  cairo_move_to (p->cr, ax_x (a, 0.0), ax_y (a, 1.0));
  cairo_line_to (p->cr, ax_x (a, 4.0), ax_y (a, 1.0));
  rs_theme_set (p->cr, p->t->second);
  cairo_stroke (p->cr);
  cairo_arc (p->cr, ax_x (a, 0.0), ax_y (a, 0.0), 3.5 * p->k, 0, 2 * M_PI);
  cairo_fill (p->cr);
  cairo_arc (p->cr, ax_x (a, 0.0), ax_y (a, 1.0), 3.5 * p->k, 0, 2 * M_PI);
  rs_theme_set (p->cr, p->t->panel);
  cairo_fill_preserve (p->cr);
  rs_theme_set (p->cr, p->t->second);
  cairo_set_line_width (p->cr, 1.5 * p->k);
  cairo_stroke (p->cr);
  label_boxed (p, p->t->second, ax_x (a, -0.3), ax_y (a, 0.0) - 4 * p->k,
               "p = 0", 10.5, 1, 1, 1);
}

/* The region z <= 0 where the ReLU head's loss is infinite and flat:
 * hatched, an arrow to infinity, and what it means. */
static void
heads_infinite (pane *p, const axes *a)
{
  double x0 = a->box.x, x1 = ax_x (a, 0.0), y0 = a->box.y;
  double h = a->box.height, step = 8 * p->k, xm = ax_x (a, -0.6);
  const char *note = "ReLU head:\nloss ∞, gradient 0";

  rs_theme_set_alpha (p->cr, p->t->dead, 0.10);
  cairo_rectangle (p->cr, x0, y0, x1 - x0, h);
  cairo_fill (p->cr);
  cairo_save (p->cr);
  cairo_rectangle (p->cr, x0, y0, x1 - x0, h);
  cairo_clip (p->cr);
  for (double t = -h; t < x1 - x0; t += step)
    {
      cairo_move_to (p->cr, x0 + t, y0 + h);
      cairo_line_to (p->cr, x0 + t + h, y0);
    }
  cairo_set_line_width (p->cr, 0.8 * p->k);
  rs_theme_set_alpha (p->cr, p->t->dead, 0.35);
  cairo_stroke (p->cr);
  cairo_restore (p->cr);
  cairo_set_line_width (p->cr, 2.0 * p->k);
  rs_theme_set (p->cr, p->t->dead);
  cairo_move_to (p->cr, xm, ax_y (a, 2.4));
  cairo_line_to (p->cr, xm, y0 + 8 * p->k);
  cairo_stroke (p->cr);
  cairo_move_to (p->cr, xm, y0 + 3 * p->k);
  cairo_line_to (p->cr, xm - 4.5 * p->k, y0 + 11 * p->k);
  cairo_line_to (p->cr, xm + 4.5 * p->k, y0 + 11 * p->k);
  cairo_close_path (p->cr);
  cairo_fill (p->cr);
  text (p, p->t->dead, xm + 5 * p->k, y0 + 2 * p->k, "<b>∞</b>", 20, 0, 0, 0,
        0);
  if (text_width (p, note, 10, 0) < xm - x0 - 10 * p->k)
    label_boxed (p, p->t->dead, x0 + 4 * p->k, y0 + 4 * p->k, note, 10, 0, 0,
                 0);
}

/* The losses: softmax finite everywhere, the ReLU head 0 above z = 0
 * and infinite below. */
static void
heads_losses (pane *p, const axes *a)
{
  heads_infinite (p, a);
  cairo_new_path (p->cr);
  for (size_t i = 0; i < HEADS_GRID; i++)
    {
      double v = heads_loss (rs_loss_softmax_ce, heads_z (i));
      cairo_line_to (p->cr, ax_x (a, heads_z (i)),
                     ax_y (a, isfinite (v) ? fmin (v, a->y1) : a->y1));
    }
  cairo_set_line_width (p->cr, 2.4 * p->k);
  rs_theme_set (p->cr, p->t->accent);
  cairo_stroke (p->cr);
  cairo_new_path (p->cr);
  for (size_t i = 0; i < HEADS_GRID; i++)
    {
      double v = heads_loss (rs_loss_relu_norm_ce, heads_z (i));
      if (isfinite (v))
        cairo_line_to (p->cr, ax_x (a, heads_z (i)), ax_y (a, v));
    }
  rs_theme_set (p->cr, p->t->second);
  cairo_stroke (p->cr);
}

/* One of the two plots, its frame, ticks and titles. */
static void
heads_pane (pane *p, rs_rect box, double y1, int losses, const char *ytitle)
{
  axes a = { box, -4.0, 4.0, losses ? -0.25 : -0.05, y1 };

  axes_fill (p, &a);
  x_ticks (p, &a, 1);
  y_ticks (p, &a, box.height / (50 * p->k));
  cairo_save (p->cr);
  axes_clip (p, &a);
  if (losses)
    heads_losses (p, &a);
  else
    heads_probs (p, &a);
  cairo_restore (p->cr);
  axes_frame (p, &a);
  x_title (p, &a, "<i>z</i> in scores (<i>z</i>, 0, −1)");
  y_title (p, &a, ytitle, box.x - 42 * p->k);
}

void
rs_panel_heads (cairo_t *cr, rs_rect r, const rs_panel_ctx *c)
{
  char note[160] = "", acc[8], sec[8];
  pane p;

  hex_of (theme_of (c)->accent, acc);
  hex_of (theme_of (c)->second, sec);
  snprintf (note, sizeof note, "<span foreground=\"%s\">softmax</span>  "
            "<span foreground=\"%s\">ReLU + normalise</span>", acc, sec);
  if (pane_begin (&p, cr, r, c, heads_margins, "Output heads", note, NULL))
    {
      double gap = 44 * p.k, w = (p.plot.width - gap) / 2;
      rs_rect left = { p.plot.x, p.plot.y, w, p.plot.height };
      rs_rect right = { p.plot.x + w + gap, p.plot.y, w, p.plot.height };
      if (w > 8.0)
        {
          heads_pane (&p, left, 1.05, 0, "p(class 0)");
          heads_pane (&p, right, 5.0, 1, "loss −log p");
        }
    }
  pane_end (&p);
}
