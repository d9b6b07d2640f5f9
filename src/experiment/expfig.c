/* expfig.c: an experiment's figure, laid out and drawn (expfig.h).
 *
 * The page reads like a scene's figure: the title and a line of settings
 * at the top, plots framed as panels (pane.h) with the same axes, ticks,
 * fonts and theme, a legend in a column on the right and a note at the
 * bottom saying what the bars, bands and dashes are.  Intervals are bars
 * where the points are few and a band where they are many, so that a
 * table of 49 depths stays readable. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "experiment/expfig.h"
#include "export/export.h"
#include "draw/pane.h"

/* Plot margins inside a panel, at scale 1. */
static const margins plot_margins = { 30, 14, 42, 60 };

/* Beyond this many points a series' intervals are a band, not bars. */
#define BAR_POINTS 12

expfig_series *
expfig_add_series (expfig_panel *pn, const char *label, int colour,
                   int reference)
{
  expfig_series *s;

  if (pn->n_series == EXPFIG_MAX_SERIES)
    return NULL;
  s = &pn->s[pn->n_series++];
  memset (s, 0, sizeof *s);
  snprintf (s->label, sizeof s->label, "%s", label);
  s->colour = colour;
  s->reference = reference;
  return s;
}

void
expfig_add_point (expfig_series *s, double x, double y, double lo,
                  double hi)
{
  if (s == NULL || s->n == EXPFIG_MAX_POINTS)
    return;
  s->x[s->n] = x;
  s->y[s->n] = y;
  s->lo[s->n] = lo;
  s->hi[s->n] = hi;
  s->n++;
}

rs_rgb
expfig_colour (const rs_theme *t, int i)
{
  rs_rgb c[7] = { t->accent, t->second, t->alive, t->event,
                  { 0x56 / 255.0, 0xb4 / 255.0, 0xe9 / 255.0 },
                  { 0x9a / 255.0, 0x7b / 255.0, 0x00 / 255.0 }, t->fg };

  return c[(i < 0 ? -i : i) % 7];
}

/* ---- the data window -------------------------------------------------- */

/* v on an axis: log10 of it on a log axis (NAN where v <= 0). */
static double
on_axis (double v, int log_axis)
{
  if (!log_axis)
    return v;
  return v > 0.0 ? log10 (v) : NAN;
}

/* The range [*lo, *hi] of the x values (on the axis) of every series. */
static void
x_range (const expfig_panel *pn, double *lo, double *hi)
{
  *lo = INFINITY;
  *hi = -INFINITY;
  for (size_t k = 0; k < pn->n_series; k++)
    for (size_t i = 0; i < pn->s[k].n; i++)
      {
        double v = on_axis (pn->s[k].x[i], pn->log_x);

        if (isfinite (v))
          *lo = fmin (*lo, v), *hi = fmax (*hi, v);
      }
}

/* The range of the y values and interval ends (on the axis). */
static void
y_range (const expfig_panel *pn, double *lo, double *hi)
{
  *lo = INFINITY;
  *hi = -INFINITY;
  for (size_t k = 0; k < pn->n_series; k++)
    for (size_t i = 0; i < pn->s[k].n; i++)
      {
        double v[3] = { pn->s[k].y[i], pn->s[k].lo[i], pn->s[k].hi[i] };

        for (int q = 0; q < 3; q++)
          {
            double a = on_axis (v[q], pn->log_y);

            if (isfinite (a))
              *lo = fmin (*lo, a), *hi = fmax (*hi, a);
          }
      }
}

/* The x window: the categories with half a step either side, or the
 * data with a margin of 4 % (a point on the edge stays whole). */
static void
x_window (const expfig_panel *pn, expfig_axes *a)
{
  double lo, hi, pad;

  if (pn->n_cats > 0)
    {
      a->x0 = -0.5;
      a->x1 = (double) pn->n_cats - 0.5;
      return;
    }
  x_range (pn, &lo, &hi);
  if (!(lo <= hi))
    lo = 0.0, hi = 1.0;
  pad = hi > lo ? 0.04 * (hi - lo) : 0.5;
  a->x0 = lo - pad;
  a->x1 = hi + pad;
}

/* The y window: a fixed end where the plot has one; on a log axis whole
 * decades around the data, at least one; on a linear one the data with
 * 8 % above.  A fixed end of a linear axis gets 3 % of room beyond it, so
 * that a point on it (a fraction of 0 or 1) shows whole. */
static void
y_window (const expfig_panel *pn, expfig_axes *a)
{
  double lo, hi, span;

  y_range (pn, &lo, &hi);
  if (!(lo <= hi))
    lo = pn->log_y ? -1.0 : 0.0, hi = pn->log_y ? 0.0 : 1.0;
  if (pn->log_y)
    {
      lo = floor (lo);
      hi = fmax (ceil (hi), lo + 1.0);
    }
  else
    hi = hi > lo ? hi + 0.08 * (hi - lo) : lo + 1.0;
  a->y0 = isnan (pn->y_lo) ? lo : on_axis (pn->y_lo, pn->log_y);
  a->y1 = isnan (pn->y_hi) ? hi : on_axis (pn->y_hi, pn->log_y);
  if (!(a->y1 > a->y0))
    a->y1 = a->y0 + 1.0;
  if (pn->log_y)
    return;
  span = a->y1 - a->y0;
  if (!isnan (pn->y_lo))
    a->y0 -= 0.03 * span;
  if (!isnan (pn->y_hi))
    a->y1 += 0.03 * span;
}

/* ---- the layout ------------------------------------------------------- */

/* The width of the legend column at scale s. */
static double
legend_width (double s)
{
  return 196.0 * s;
}

/* The rectangle of panel i of n in the page's body. */
static rs_rect
panel_rect (double width, double height, double s, size_t i, size_t n)
{
  double top = 62.0 * s, m = 8.0 * s, gap = 10.0 * s;
  double body = width - legend_width (s) - 2 * m;
  rs_rect r;

  r.width = (body - gap * (double) (n - 1)) / (double) n;
  r.x = m + (double) i * (r.width + gap);
  r.y = top;
  r.height = height - top - 34.0 * s;
  return r;
}

void
expfig_layout_of (const expfig_plot *p, double width, double height,
                  double s, expfig_layout *l)
{
  size_t n = p->n_panels < 1 ? 1 : p->n_panels;

  memset (l, 0, sizeof *l);
  l->s = s;
  l->n_panels = p->n_panels;
  for (size_t i = 0; i < p->n_panels && i < EXPFIG_MAX_PANELS; i++)
    {
      const expfig_panel *pn = &p->panel[i];
      expfig_axes *a = &l->ax[i];

      a->box = pane_plot (panel_rect (width, height, s, i, n), s,
                          plot_margins);
      a->log_x = pn->log_x && pn->n_cats == 0;
      a->log_y = pn->log_y;
      x_window (pn, a);
      y_window (pn, a);
    }
  l->legend_x = width - legend_width (s) + 2.0 * s;
  l->legend_y = 62.0 * s + 30.0 * s;
}

void
expfig_map (const expfig_axes *a, double x, double y, double *px,
            double *py)
{
  double u = on_axis (x, a->log_x), v = on_axis (y, a->log_y);

  *px = a->box.x + (u - a->x0) / (a->x1 - a->x0) * a->box.width;
  *py = a->box.y + (a->y1 - v) / (a->y1 - a->y0) * a->box.height;
}

/* ---- drawing ---------------------------------------------------------- */

/* The pane.h view of a plot's axes. */
static axes
pane_axes (const expfig_axes *e)
{
  axes a = { e->box, e->x0, e->x1, e->y0, e->y1 };

  return a;
}

/* A panel's frame and title, as pane_begin draws a scene panel's. */
static void
panel_frame (pane *p, const char *title)
{
  cairo_t *cr = p->cr;
  rs_rect r = p->r;

  rs_theme_set (cr, p->t->bg);
  cairo_rectangle (cr, r.x, r.y, r.width, r.height);
  cairo_fill (cr);
  cairo_set_line_width (cr, 1.0);
  rs_theme_set (cr, p->t->grid);
  cairo_rectangle (cr, r.x + 0.5, r.y + 0.5, r.width - 1.0, r.height - 1.0);
  cairo_stroke (cr);
  pane_text (p, p->t->fg, r.x + 9 * p->k, r.y + 7 * p->k, title, 13.5, 1, 0,
             0, 0);
}

/* Ticks at the x of the first series (a log x axis: the swept values). */
static void
x_value_ticks (pane *p, const expfig_panel *pn, const expfig_axes *e)
{
  double yb = e->box.y + e->box.height, px, py;
  const expfig_series *s = &pn->s[0];
  char buf[32];

  cairo_set_line_width (p->cr, fmax (0.5, 0.7 * p->k));
  for (size_t i = 0; pn->n_series > 0 && i < s->n; i++)
    {
      expfig_map (e, s->x[i], 1.0, &px, &py);
      if (!isfinite (px))
        continue;
      rs_theme_set (p->cr, p->t->grid);
      cairo_move_to (p->cr, px, e->box.y);
      cairo_line_to (p->cr, px, yb);
      cairo_stroke (p->cr);
      axes_tick_label (s->x[i], buf, sizeof buf);
      pane_text (p, p->t->fg, px, yb + 4.5 * p->k, buf, 10.5, 0, 0.5, 0, 0);
    }
}

/* Ticks at whole x, a nice step of at least 1 apart. */
static void
x_int_ticks (pane *p, const expfig_axes *e)
{
  double step = fmax (1.0, round (rs_draw_nice_step (e->x1 - e->x0,
                                                     e->box.width
                                                     / (58 * p->k))));
  double yb = e->box.y + e->box.height, px, py;
  char buf[32];

  cairo_set_line_width (p->cr, fmax (0.5, 0.7 * p->k));
  for (double v = ceil (e->x0 / step) * step; v <= e->x1; v += step)
    {
      expfig_map (e, v, 1.0, &px, &py);
      rs_theme_set (p->cr, p->t->grid);
      cairo_move_to (p->cr, px, e->box.y);
      cairo_line_to (p->cr, px, yb);
      cairo_stroke (p->cr);
      axes_tick_label (v, buf, sizeof buf);
      pane_text (p, p->t->fg, px, yb + 4.5 * p->k, buf, 10.5, 0, 0.5, 0, 0);
    }
}

/* The category names under the x axis. */
static void
x_cat_ticks (pane *p, const expfig_panel *pn, const expfig_axes *e)
{
  double yb = e->box.y + e->box.height, px, py;

  for (size_t i = 0; i < pn->n_cats; i++)
    {
      expfig_map (e, (double) i, 1.0, &px, &py);
      pane_text (p, p->t->fg, px, yb + 4.5 * p->k, pn->cats[i], 10, 0, 0.5,
                 0, 0);
    }
}

/* Ticks, grid and titles of both axes. */
static void
plot_axes (pane *p, const expfig_panel *pn, const expfig_axes *e)
{
  axes a = pane_axes (e);

  axes_fill (p, &a);
  if (e->log_y)
    axes_y_log_ticks (p, &a);
  else
    axes_y_ticks (p, &a, fmax (2.0, a.box.height / (42.0 * p->k)));
  if (pn->n_cats > 0)
    x_cat_ticks (p, pn, e);
  else if (e->log_x || pn->value_ticks)
    x_value_ticks (p, pn, e);
  else if (pn->integer_x)
    x_int_ticks (p, e);
  else
    axes_x_ticks (p, &a, 1);
  if (pn->n_cats == 0)   /* categories name themselves */
    axes_x_title (p, &a, pn->x_title);
  axes_y_title (p, &a, pn->y_title, a.box.x - 50 * p->k);
}

/* The intervals of s as bars with caps (half width w). */
static void
draw_bars (pane *p, const expfig_axes *e, const expfig_series *s, double w)
{
  double x, y0, y1, y;

  cairo_set_line_width (p->cr, 1.3 * p->k);
  for (size_t i = 0; i < s->n; i++)
    {
      expfig_map (e, s->x[i], s->lo[i], &x, &y0);
      expfig_map (e, s->x[i], s->hi[i], &x, &y1);
      if (!isfinite (x) || !isfinite (y0) || !isfinite (y1))
        continue;
      for (int q = 0; q < 3; q++)
        {
          y = q == 0 ? y0 : y1;
          if (q == 2)
            cairo_move_to (p->cr, x, y0), cairo_line_to (p->cr, x, y1);
          else
            cairo_move_to (p->cr, x - w, y), cairo_line_to (p->cr, x + w, y);
        }
      cairo_stroke (p->cr);
    }
}

/* The intervals of s as a band, broken where an end is missing. */
static void
draw_band (pane *p, const expfig_axes *e, const expfig_series *s)
{
  size_t i = 0;
  double x, y;

  while (i < s->n)
    {
      size_t j = i;

      while (j < s->n && isfinite (s->lo[j]) && isfinite (s->hi[j]))
        j++;
      if (j > i + 1)
        {
          for (size_t k = i; k < j; k++)
            {
              expfig_map (e, s->x[k], s->hi[k], &x, &y);
              cairo_line_to (p->cr, x, y);
            }
          for (size_t k = j; k-- > i;)
            {
              expfig_map (e, s->x[k], s->lo[k], &x, &y);
              cairo_line_to (p->cr, x, y);
            }
          cairo_close_path (p->cr);
          cairo_fill (p->cr);
        }
      i = j + 1;
    }
}

/* The points of s joined by a line, broken at gaps (not joined for
 * categories). */
static void
draw_line (pane *p, const expfig_axes *e, const expfig_series *s)
{
  double x, y;
  int pen = 0;

  cairo_new_path (p->cr);
  for (size_t i = 0; i < s->n; i++)
    {
      expfig_map (e, s->x[i], s->y[i], &x, &y);
      if (!isfinite (x) || !isfinite (y))
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
  cairo_stroke (p->cr);
}

/* A marker at (x, y) of shape 0 (a disc), 1 (a square), 2 (a diamond)
 * or 3 (a triangle), so that series that lie on each other still show;
 * for a value 0 on a log axis (zero) a triangle pointing down onto the
 * bottom edge: the value is 0, not small. */
static void
draw_marker (pane *p, rs_rgb col, double x, double y, int shape, int zero)
{
  double r = 3.3 * p->k;

  if (zero)
    {
      cairo_move_to (p->cr, x - r * 1.2, y - 2.2 * r);
      cairo_line_to (p->cr, x + r * 1.2, y - 2.2 * r);
      cairo_line_to (p->cr, x, y);
      cairo_close_path (p->cr);
    }
  else if (shape % 4 == 1)
    cairo_rectangle (p->cr, x - 0.9 * r, y - 0.9 * r, 1.8 * r, 1.8 * r);
  else if (shape % 4 == 2)
    {
      cairo_move_to (p->cr, x, y - 1.3 * r);
      cairo_line_to (p->cr, x + 1.3 * r, y);
      cairo_line_to (p->cr, x, y + 1.3 * r);
      cairo_line_to (p->cr, x - 1.3 * r, y);
      cairo_close_path (p->cr);
    }
  else if (shape % 4 == 3)
    {
      cairo_move_to (p->cr, x, y - 1.3 * r);
      cairo_line_to (p->cr, x + 1.2 * r, y + 0.8 * r);
      cairo_line_to (p->cr, x - 1.2 * r, y + 0.8 * r);
      cairo_close_path (p->cr);
    }
  else
    cairo_arc (p->cr, x, y, r, 0, 2 * M_PI);
  rs_theme_set (p->cr, col);
  cairo_fill_preserve (p->cr);
  rs_theme_set (p->cr, p->t->panel);
  cairo_set_line_width (p->cr, 0.8 * p->k);
  cairo_stroke (p->cr);
}

/* The markers of s. */
static void
draw_markers (pane *p, const expfig_axes *e, const expfig_series *s,
              rs_rgb col)
{
  double x, y;

  for (size_t i = 0; i < s->n; i++)
    {
      int zero = e->log_y && s->y[i] == 0.0;

      expfig_map (e, s->x[i], zero ? 1.0 : s->y[i], &x, &y);
      if (zero)
        y = e->box.y + e->box.height;
      if (isfinite (x) && isfinite (y))
        draw_marker (p, col, x, y, s->colour, zero);
    }
}

/* A reference curve: dashed through its points; for categories a dashed
 * stroke across each category at its value. */
static void
draw_reference (pane *p, const expfig_axes *e, const expfig_series *s,
                int cats)
{
  double dash[2] = { 5.0 * p->k, 3.0 * p->k }, x, y;

  cairo_set_dash (p->cr, dash, 2, 0);
  cairo_set_line_width (p->cr, 1.8 * p->k);
  if (!cats)
    draw_line (p, e, s);
  for (size_t i = 0; cats && i < s->n; i++)
    {
      expfig_map (e, s->x[i], s->y[i], &x, &y);
      if (!isfinite (y))
        continue;
      cairo_move_to (p->cr, x - 0.32 * e->box.width / (e->x1 - e->x0), y);
      cairo_line_to (p->cr, x + 0.32 * e->box.width / (e->x1 - e->x0), y);
      cairo_stroke (p->cr);
    }
  cairo_set_dash (p->cr, NULL, 0, 0);
}

/* One series: its intervals, its line, its markers. */
static void
draw_series (pane *p, const expfig_panel *pn, const expfig_axes *e,
             const expfig_series *s)
{
  rs_rgb col = expfig_colour (p->t, s->colour);
  int cats = pn->n_cats > 0;

  if (s->reference)
    {
      rs_theme_set (p->cr, col);
      draw_reference (p, e, s, cats);
      return;
    }
  rs_theme_set_alpha (p->cr, col, s->n > BAR_POINTS ? 0.2 : 0.85);
  if (s->n > BAR_POINTS)
    draw_band (p, e, s);
  else
    draw_bars (p, e, s, 3.5 * p->k);
  if (!cats)
    {
      rs_theme_set (p->cr, col);
      cairo_set_line_width (p->cr, 1.6 * p->k);
      draw_line (p, e, s);
    }
  draw_markers (p, e, s, col);
}

/* One plot in rectangle r. */
static void
draw_panel (cairo_t *cr, const rs_panel_ctx *c, rs_rect r,
            const expfig_panel *pn, const expfig_axes *e)
{
  pane p = { cr, c, c->theme, r, c->s, e->box, NULL };
  axes a = pane_axes (e);

  cairo_save (cr);
  panel_frame (&p, pn->title);
  plot_axes (&p, pn, e);
  cairo_save (cr);
  axes_clip (&p, &a);
  for (size_t k = 0; k < pn->n_series; k++)
    if (!pn->s[k].reference)
      draw_series (&p, pn, e, &pn->s[k]);
  for (size_t k = 0; k < pn->n_series; k++)   /* the closed form on top */
    if (pn->s[k].reference)
      draw_series (&p, pn, e, &pn->s[k]);
  cairo_restore (cr);
  axes_frame (&p, &a);
  cairo_restore (cr);
}

/* Whether a series of an earlier panel, or earlier in this one, has the
 * label of s already (the legend names each once). */
static int
named_before (const expfig_plot *p, size_t pi, size_t k)
{
  const char *label = p->panel[pi].s[k].label;

  for (size_t i = 0; i <= pi; i++)
    for (size_t j = 0; j < (i == pi ? k : p->panel[i].n_series); j++)
      if (strcmp (p->panel[i].s[j].label, label) == 0)
        return 1;
  return 0;
}

/* One entry of the legend at y: a sample of the line and its label. */
static void
legend_entry (pane *p, const expfig_series *s, double x, double y)
{
  rs_rgb col = expfig_colour (p->t, s->colour);
  double dash[2] = { 5.0 * p->k, 3.0 * p->k };

  rs_theme_set (p->cr, col);
  cairo_set_line_width (p->cr, (s->reference ? 1.8 : 1.6) * p->k);
  if (s->reference)
    cairo_set_dash (p->cr, dash, 2, 0);
  cairo_move_to (p->cr, x, y);
  cairo_line_to (p->cr, x + 24 * p->k, y);
  cairo_stroke (p->cr);
  cairo_set_dash (p->cr, NULL, 0, 0);
  if (!s->reference)
    draw_marker (p, col, x + 12 * p->k, y, s->colour, 0);
  pane_text (p, p->t->fg, x + 30 * p->k, y, s->label, 11, 0, 0, 0.5, 0);
}

/* The legend: every label once, in the order of the panels. */
static void
draw_legend (cairo_t *cr, const rs_panel_ctx *c, const expfig_plot *p,
             const expfig_layout *l)
{
  pane q = { cr, c, c->theme, { 0, 0, 0, 0 }, c->s, { 0, 0, 0, 0 }, NULL };
  double y = l->legend_y;

  for (size_t i = 0; i < p->n_panels; i++)
    for (size_t k = 0; k < p->panel[i].n_series; k++)
      if (!named_before (p, i, k))
        {
          legend_entry (&q, &p->panel[i].s[k], l->legend_x, y);
          y += 19.0 * c->s;
        }
}

/* Text at (x, y), made smaller (down to 60 %) to fit width. */
static void
fit_text (cairo_t *cr, double x, double y, double width, const char *markup,
          double px, int bold)
{
  double w;

  rs_text_size (cr, NULL, markup, px, bold, &w, NULL);
  if (w > width && w > 0.0)
    px *= fmax (0.6, width / w);
  rs_text (cr, NULL, x, y, markup, px, bold, 0, 0, 0);
}

void
expfig_draw (cairo_t *cr, const expfig_plot *p, double width,
             double height, double s)
{
  const rs_theme *th = rs_theme_light ();
  rs_panel_ctx ctx = { NULL, NULL, 0, th, NULL, s, NULL, NULL };
  expfig_layout l;

  expfig_layout_of (p, width, height, s, &l);
  cairo_save (cr);
  rs_theme_set (cr, th->bg);
  cairo_paint (cr);
  rs_theme_set (cr, th->fg);
  fit_text (cr, 10 * s, 8 * s, width - 20 * s, p->title, 19 * s, 1);
  rs_theme_set (cr, th->muted);
  fit_text (cr, 10 * s, 36 * s, width - 20 * s, p->subtitle, 13 * s, 0);
  for (size_t i = 0; i < p->n_panels; i++)
    draw_panel (cr, &ctx, panel_rect (width, height, s, i, p->n_panels),
                &p->panel[i], &l.ax[i]);
  draw_legend (cr, &ctx, p, &l);
  rs_theme_set (cr, th->muted);
  fit_text (cr, 10 * s, height - 26 * s, width - 20 * s, p->note, 11.5 * s,
            0);
  cairo_restore (cr);
}

/* What rs_export's callback needs. */
typedef struct {
  const expfig_plot *p;
  double s;
} expfig_job;

static void
draw_job (cairo_t *cr, double width, double height, void *data)
{
  const expfig_job *j = data;

  expfig_draw (cr, j->p, width, height, j->s);
}

int
expfig_write (const expfig_plot *p, const char *path, char *errbuf,
              size_t errlen)
{
  /* PNG: 900 x 600 pixels at scale 1; PDF and SVG: 16 x 10.667 cm, the
     body text at 10 pt as in `make figures` */
  int png = rs_export_format_of (path) == RS_EXPORT_PNG;
  double w = png ? 900.0 : 16.0 / 2.54 * 72.0;
  double h = png ? 600.0 : 10.667 / 2.54 * 72.0;
  expfig_job j = { p, png ? 1.0 : w / 900.0 * 1.3 };

  return rs_export (path, w, h, draw_job, &j, errbuf, errlen);
}
