/* pane.c: the frame, axes, text and data sweep every panel shares.
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

#include "draw/pane.h"

/* Points per forward pass: the data can be large, the panels' memory
 * stays small. */
#define SWEEP_CHUNK 2048

/* ---- the frame every panel shares ---------------------------------- */

/* The panel's scale: the figure's, reduced when r is too small to hold
 * a plot of that scale (a 260 x 170 panel holds one at scale 1). */
double
pane_scale (rs_rect r, const rs_panel_ctx *c)
{
  double s = c != NULL && c->s > 0.0 && isfinite (c->s) ? c->s : 1.0;

  return fmax (0.05, fmin (s, fmin (r.width / 260.0, r.height / 170.0)));
}

/* The plot area of r inside margins m at scale k. */
rs_rect
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
int
pane_rect_ok (rs_rect r)
{
  return isfinite (r.x) && isfinite (r.y) && isfinite (r.width)
         && isfinite (r.height) && r.width > 0.0 && r.height > 0.0;
}

const rs_theme *
pane_theme_of (const rs_panel_ctx *c)
{
  return c != NULL && c->theme != NULL ? c->theme : rs_theme_light ();
}

const char *
pane_font (const pane *p)
{
  return p->c != NULL ? p->c->font : NULL;
}

/* The recorded point shown: c->at, or the last one when c->at is past
 * the end. */
size_t
pane_at (const rs_panel_ctx *c)
{
  size_t n = rs_sim_n_recorded (c->sim);

  return c->at < n ? c->at : n - 1;
}

/* Text in colour col; returns its width. */
double
pane_text (pane *p, rs_rgb col, double x, double y, const char *markup,
      double size, int bold, double ax, double ay, double angle)
{
  rs_theme_set (p->cr, col);
  return rs_text (p->cr, pane_font (p), x, y, markup, size * p->k, bold, ax,
                  ay, angle);
}

/* The width of markup at size (scaled). */
double
pane_text_width (pane *p, const char *markup, double size, int bold)
{
  double w;

  rs_text_size (p->cr, pane_font (p), markup, size * p->k, bold, &w, NULL);
  return w;
}

/* A colour as #rrggbb, for markup spans. */
void
pane_hex (rs_rgb c, char buf[8])
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
int
pane_begin (pane *p, cairo_t *cr, rs_rect r, const rs_panel_ctx *c,
            margins m, const char *title, const char *note,
            const char *short_note)
{
  double tw, room;

  p->cr = cr;
  p->c = c;
  p->t = pane_theme_of (c);
  p->r = r;
  p->k = pane_scale (r, c);
  p->plot = pane_plot (r, p->k, m);
  p->path = cairo_copy_path (cr);
  cairo_save (cr);
  cairo_new_path (cr);
  if (!pane_rect_ok (r))
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
  tw = pane_text (p, p->t->fg, r.x + 9 * p->k, r.y + 7 * p->k, title, 13.5, 1, 0,
             0, 0);
  room = r.width - tw - 32 * p->k;
  if (note != NULL && pane_text_width (p, note, 11, 0) > room)
    note = short_note;
  if (note != NULL && pane_text_width (p, note, 11, 0) <= room)
    pane_text (p, p->t->muted, r.x + r.width - 9 * p->k, r.y + 9 * p->k, note,
          11, 0, 1, 0, 0);
  return 1;
}

/* End a panel: cr as it was, its path included. */
void
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

double
axes_x (const axes *a, double v)
{
  return a->box.x + (v - a->x0) / (a->x1 - a->x0) * a->box.width;
}

double
axes_y (const axes *a, double v)
{
  return a->box.y + (a->y1 - v) / (a->y1 - a->y0) * a->box.height;
}

/* A number as a tick label: %g, with a true minus sign. */
void
axes_tick_label (double v, char *buf, size_t n)
{
  if (fabs (v) < 1e-12)
    v = 0.0;
  if (v < 0.0)
    snprintf (buf, n, "−%g", -v);
  else
    snprintf (buf, n, "%g", v);
}

/* The box filled in the panel colour, clipped and framed after. */
void
axes_fill (pane *p, const axes *a)
{
  rs_theme_set (p->cr, p->t->panel);
  cairo_rectangle (p->cr, a->box.x, a->box.y, a->box.width, a->box.height);
  cairo_fill (p->cr);
}

void
axes_frame (pane *p, const axes *a)
{
  cairo_set_line_width (p->cr, fmax (0.6, 0.9 * p->k));
  rs_theme_set (p->cr, p->t->muted);
  cairo_rectangle (p->cr, a->box.x, a->box.y, a->box.width, a->box.height);
  cairo_stroke (p->cr);
}

/* Clip to the box (inside a cairo_save). */
void
axes_clip (pane *p, const axes *a)
{
  cairo_rectangle (p->cr, a->box.x, a->box.y, a->box.width, a->box.height);
  cairo_clip (p->cr);
}

/* Ticks, grid lines and numbers along x at multiples of a nice step;
 * labels only when with_labels. */
void
axes_x_ticks (pane *p, const axes *a, int with_labels)
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
      double x = axes_x (a, q * step);
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
      axes_tick_label (q * step, buf, sizeof buf);
      pane_text (p, p->t->fg, x, yb + 4.5 * p->k, buf, 10.5, 0, 0.5, 0, 0);
    }
}

/* The same along y, linear. */
void
axes_y_ticks (pane *p, const axes *a, double n)
{
  double step = rs_draw_nice_step (a->y1 - a->y0, n);
  long k0 = (long) ceil (a->y0 / step - 1e-9);
  long k1 = (long) floor (a->y1 / step + 1e-9);
  char buf[32];

  cairo_set_line_width (p->cr, fmax (0.5, 0.7 * p->k));
  for (long q = k0; q <= k1 && k1 - k0 < 200; q++)
    {
      double y = axes_y (a, q * step);
      rs_theme_set (p->cr, p->t->grid);
      cairo_move_to (p->cr, a->box.x, y);
      cairo_line_to (p->cr, a->box.x + a->box.width, y);
      cairo_stroke (p->cr);
      axes_tick_label (q * step, buf, sizeof buf);
      pane_text (p, p->t->fg, a->box.x - 4 * p->k, y, buf, 10.5, 0, 1, 0.5, 0);
    }
}

/* A power of ten as markup: 1, 10, 0.1, 10^e beyond. */
void
axes_decade_label (int e, char *buf, size_t n)
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
void
axes_y_log_ticks (pane *p, const axes *a)
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
      double y = axes_y (a, e);
      rs_theme_set (p->cr, p->t->grid);
      cairo_move_to (p->cr, a->box.x, y);
      cairo_line_to (p->cr, a->box.x + a->box.width, y);
      cairo_stroke (p->cr);
      if ((e - e0) % every != 0)
        continue;
      axes_decade_label (e, buf, sizeof buf);
      pane_text (p, p->t->fg, a->box.x - 4 * p->k, y, buf, 10.5, 0, 1, 0.5, 0);
    }
}

/* Axis titles: under the box, and up its left side with the text's top
 * at x. */
void
axes_x_title (pane *p, const axes *a, const char *markup)
{
  pane_text (p, p->t->fg, a->box.x + a->box.width / 2,
        a->box.y + a->box.height + 17 * p->k, markup, 11.5, 0, 0.5, 0, 0);
}

void
axes_y_title (pane *p, const axes *a, const char *markup, double x)
{
  pane_text (p, p->t->fg, x, a->box.y + a->box.height / 2, markup, 11.5, 0, 0.5,
        0, -M_PI / 2);
}

/* A label on a small box of the panel's colour, so that it reads over
 * lines; returns its width. */
double
pane_label_boxed (pane *p, rs_rgb col, double x, double y, const char *markup,
             double size, int bold, double ax, double ay)
{
  double w, h, pad = 2 * p->k;

  rs_text_size (p->cr, pane_font (p), markup, size * p->k, bold, &w, &h);
  rs_theme_set_alpha (p->cr, p->t->panel, 0.85);
  cairo_rectangle (p->cr, x - ax * w - pad, y - ay * h, w + 2 * pad, h);
  cairo_fill (p->cr);
  pane_text (p, col, x, y, markup, size, bold, ax, ay, 0);
  return w;
}

/* ---- the network at a recorded point -------------------------------- */

void
sweep_end (sweep *w)
{
  rs_net_workspace_free (w->ws);
  rs_net_free (w->net);
  w->ws = NULL;
  w->net = NULL;
}

/* The network at c->at (mid-change: the moment's) and a workspace for
 * it; RS_OK, RS_ENOMEM or RS_EINVAL. */
int
sweep_begin (sweep *w, const rs_panel_ctx *c)
{
  size_t n;

  memset (w, 0, sizeof *w);
  if (c == NULL || c->sim == NULL)
    return RS_EINVAL;
  w->d = rs_sim_data (c->sim);
  /* mid-change, the moment the landscape shows (panels.h) */
  w->net = rs_net_clone (c->moment != NULL && c->moment->net != NULL
                         ? c->moment->net : rs_sim_net (c->sim), NULL);
  if (w->net == NULL)
    return RS_ENOMEM;
  if ((c->moment == NULL || c->moment->net == NULL)
      && rs_sim_net_at (c->sim, pane_at (c), w->net, 1) != RS_OK)
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
int
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
