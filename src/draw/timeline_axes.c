/* timeline_axes.c: where the timeline draws what: its three stacked
 * plots, each series' log window and its "= 0" and "∞" bands, the map
 * from a value to a y, and the placer that keeps words apart. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "draw/timeline.h"
#include "draw/variants.h"

const margins tl_margins = { 32, 14, 36, 60 };

/* The value of series s (RS_TIMELINE_LOSS or RS_TIMELINE_GNORM) at a
 * recorded point. */
double
tl_value (const rs_sim_point *pt, int s)
{
  return s == RS_TIMELINE_LOSS ? pt->loss : pt->gnorm;
}

/* log10 of the greatest of 1, 2, 5 times a power of ten at or below
 * 10^l. */
static double
floor125 (double l)
{
  static const double m[3] = { 0.0, 0.30102999566398120, 0.69897000433601886 };
  double e = floor (l), f = l - e;
  int q = 2;

  while (q > 0 && f < m[q] - 1e-12)
    q--;
  return e + m[q];
}

/* log10 of the least of 1, 2, 5 times a power of ten at or above 10^l. */
static double
ceil125 (double l)
{
  static const double m[4] = { 0.0, 0.30102999566398120, 0.69897000433601886,
                               1.0 };
  double e = floor (l), f = l - e;
  int q = 0;

  while (q < 3 && f > m[q] + 1e-12)
    q++;
  return e + m[q];
}

/* What the run has of series s: its least and greatest finite positive
 * values (log10) and its first one, and whether it is ever exactly 0 or
 * +inf. */
static int
series_scan (const rs_sim *sim, int s, double *mn, double *mx, double *first,
             int *zero, int *inf)
{
  size_t n = rs_sim_n_recorded (sim);
  int found = 0;

  *mn = INFINITY;
  *mx = -INFINITY;
  *first = NAN;
  *zero = *inf = 0;
  for (size_t i = 0; i < n; i++)
    {
      double v = tl_value (rs_sim_recorded (sim, i), s);
      if (v == 0.0)
        *zero = 1;
      else if (v == INFINITY)
        *inf = 1;
      else if (v > 0.0 && isfinite (v))
        {
          double l = log10 (v);
          *mn = fmin (*mn, l);
          *mx = fmax (*mx, l);
          if (!found)
            *first = l;
          found = 1;
        }
    }
  return found;
}

/* The window of an axis whose finite positive values span [mn, mx] in
 * log10, the first being first: rounded out to 1, 2, 5 times powers of
 * ten, at least a factor 2 wide, at most TL_MAX_DECADES (keeping the
 * first value and 8 decades under it). */
static void
window_of (double mn, double mx, double first, double *lo, double *hi)
{
  *lo = floor125 (mn);
  *hi = ceil125 (mx);
  if (*hi - *lo < 0.3)
    {
      *lo = floor125 (*lo - 0.01);
      *hi = ceil125 (*hi + 0.01);
    }
  if (*hi - *lo <= TL_MAX_DECADES)
    return;
  *lo = fmax (*lo, floor (first) - 8.0);
  *hi = fmin (*hi, *lo + TL_MAX_DECADES);
  *lo = *hi - TL_MAX_DECADES;
}

/* Series s's window into a over every run of c (one, or a figure's
 * variants), with its bands' presence in *zero, *inf. */
static void
axis_window (const rs_panel_ctx *c, int s, tl_axis *a, int *zero, int *inf)
{
  size_t n = c->runs != NULL ? c->runs->n : 1;
  double first = NAN;

  a->finite = *zero = *inf = 0;
  a->mn = INFINITY;
  a->mx = -INFINITY;
  for (size_t k = 0; k < n; k++)
    {
      const rs_sim *sim = c->runs != NULL ? c->runs->sim[k] : c->sim;
      double mn, mx, f;
      int z, i, found = series_scan (sim, s, &mn, &mx, &f, &z, &i);

      *zero |= z;
      *inf |= i;
      if (!found)
        continue;
      if (!a->finite)
        first = f;
      a->finite = 1;
      a->mn = fmin (a->mn, mn);
      a->mx = fmax (a->mx, mx);
    }
  if (a->finite)
    window_of (a->mn, a->mx, first, &a->lo, &a->hi);
  else
    {
      a->lo = -1.0;
      a->hi = 1.0;
    }
}

/* Cut a's plot box into the "∞" band on top, the log axis and the
 * "= 0" band under it; a band and the gap that sets it apart from the
 * axis are there only when needed. */
static void
axis_split (tl_axis *a, double k, int zero, int inf)
{
  double hb = fmin (12 * k, a->box.height / 5);
  double gap = fmin (10 * k, a->box.height / 7);

  a->area = a->box;
  a->inf = a->zero = (rs_rect) { a->box.x, a->box.y, a->box.width, 0.0 };
  if (inf)
    {
      a->inf.height = hb;
      a->area.y += hb + gap;
      a->area.height -= hb + gap;
    }
  if (zero)
    {
      a->area.height -= hb + gap;
      a->zero.y = a->area.y + a->area.height + gap;
      a->zero.height = hb;
    }
  else
    a->zero.y = a->box.y + a->box.height;
}

/* How many units the strip counts up to: those that can die (C4: f' is
 * 0 left of the kink, as with ReLU) in the network as the run stands,
 * or more if a recorded point counted more (an activation that could
 * die before a switch to Leaky ReLU); 0 when none ever could. */
static size_t
dead_units (const rs_sim *sim)
{
  const rs_net *net = rs_sim_net (sim);
  size_t total = 0, n = rs_sim_n_recorded (sim);

  for (size_t l = 1; l <= rs_net_layers (net); l++)
    for (size_t j = 0; j < rs_net_units (net, l); j++)
      total += rs_net_unit_can_die (net, l, j) != 0;
  for (size_t i = 0; i < n; i++)
    if (rs_sim_recorded (sim, i)->dead > total)
      total = rs_sim_recorded (sim, i)->dead;
  return total;
}

/* The last step of the x axis: the scene's length or the last recorded
 * step, whichever is later, and at least 1. */
static double
last_step (const rs_sim *sim)
{
  size_t n = rs_sim_n_recorded (sim);
  size_t last = rs_sim_recorded (sim, n - 1)->step;
  size_t steps = rs_sim_get_params (sim)->steps;

  last = last > steps ? last : steps;
  return last > 0 ? (double) last : 1.0;
}

/* How the height for the two series is shared: equally, except that a
 * series with no finite value (its axis empty but for a note) gets a
 * third of it. */
static double
share_of (const tl_axis *ax, int s)
{
  double w[2];

  for (int q = 0; q < 2; q++)
    w[q] = ax[q].finite || !ax[1 - q].finite ? 1.0 : 0.5;
  return w[s] / (w[0] + w[1]);
}

void
tl_layout_of (rs_rect r, const rs_panel_ctx *c, double k, tl_layout *L)
{
  double gap, h, hd, hs, y;
  int zero[2], inf[2];

  L->k = k;
  L->plot = pane_plot (r, k, tl_margins);
  L->last = 1.0;
  L->units = 0;
  for (size_t q = 0; q < (c->runs != NULL ? c->runs->n : 1); q++)
    {
      const rs_sim *sim = c->runs != NULL ? c->runs->sim[q] : c->sim;
      size_t u = dead_units (sim);

      L->last = fmax (L->last, last_step (sim));
      L->units = u > L->units ? u : L->units;
    }
  h = L->plot.height;
  gap = fmin (14 * k, 0.07 * h);
  hd = fmin (fmax (26 * k, 0.16 * h), 0.22 * h);
  hs = fmax (h - hd - 2 * gap, 0.0);
  for (int s = 0; s < 2; s++)
    axis_window (c, s, &L->ax[s], &zero[s], &inf[s]);
  y = L->plot.y;
  for (int s = 0; s < 2; s++)
    {
      tl_axis *a = &L->ax[s];
      a->box = L->plot;
      a->box.y = y;
      a->box.height = hs * share_of (L->ax, s);
      axis_split (a, k, zero[s], inf[s]);
      y += a->box.height + gap;
    }
  L->dead = L->plot;
  L->dead.y = L->plot.y + h - hd;
  L->dead.height = hd;
}

tl_class
tl_class_of (const tl_axis *a, double v)
{
  double l;

  if (isnan (v) || v < 0.0)
    return TL_GAP;
  if (v == 0.0)
    return TL_ZERO;
  if (isinf (v))
    return TL_INF;
  l = log10 (v);
  if (l > a->hi + 1e-9)
    return TL_ABOVE;
  return l < a->lo - 1e-9 ? TL_BELOW : TL_IN;
}

double
tl_y (const tl_axis *a, double v)
{
  switch (tl_class_of (a, v))
    {
    case TL_IN:
      return a->area.y + (a->hi - fmin (fmax (log10 (v), a->lo), a->hi))
             / (a->hi - a->lo) * a->area.height;
    case TL_ZERO:
      return a->zero.y + a->zero.height / 2;
    case TL_INF:
      return a->inf.y + a->inf.height / 2;
    default:
      return NAN;
    }
}

double
tl_x (const tl_layout *L, double step)
{
  return L->plot.x + step / L->last * L->plot.width;
}

/* Whether boxes a and b, b grown by pad on every side, overlap. */
static int
boxes_meet (rs_rect a, rs_rect b, double pad)
{
  return a.x < b.x + b.width + pad && b.x - pad < a.x + a.width
         && a.y < b.y + b.height + pad && b.y - pad < a.y + a.height;
}

int
tl_free (const tl_labels *t, rs_rect box, rs_rect clip, double pad)
{
  double e = 0.5;

  if (t->n >= TL_MAX_LABELS || !(box.width >= 0.0 && box.height >= 0.0)
      || box.x < clip.x - e || box.y < clip.y - e
      || box.x + box.width > clip.x + clip.width + e
      || box.y + box.height > clip.y + clip.height + e)
    return 0;
  for (size_t i = 0; i < t->n; i++)
    if (boxes_meet (box, t->v[i].box, pad))
      return 0;
  return 1;
}

int
tl_place (tl_labels *t, rs_rect box, rs_rect clip, double pad,
          const char *text)
{
  if (!tl_free (t, box, clip, pad))
    return 0;
  t->v[t->n].box = box;
  snprintf (t->v[t->n].text, sizeof t->v[t->n].text, "%s", text);
  t->n++;
  return 1;
}

int
tl_text (pane *p, tl_labels *t, rs_rect clip, rs_rgb col, double x,
         double y, const char *markup, double size, int boxed, double ax,
         double ay)
{
  double w, h;

  rs_text_size (p->cr, pane_font (p), markup, size * p->k, 0, &w, &h);
  return tl_text_sized (p, t, clip, col, x, y, markup, size, boxed, ax, ay,
                        w, h);
}

int
tl_text_sized (pane *p, tl_labels *t, rs_rect clip, rs_rgb col, double x,
               double y, const char *markup, double size, int boxed,
               double ax, double ay, double w, double h)
{
  double pad = boxed ? 2 * p->k : 0.0;
  rs_rect box;

  box = (rs_rect) { x - ax * w - pad, y - ay * h, w + 2 * pad, h };
  if (!tl_place (t, box, clip, 1.5 * p->k, markup))
    return 0;
  if (boxed)
    pane_label_boxed (p, col, x, y, markup, size, 0, ax, ay);
  else
    pane_text (p, col, x, y, markup, size, 0, ax, ay, 0);
  return 1;
}

int
tl_text_up (pane *p, tl_labels *t, rs_rect clip, rs_rgb col, double x,
            double y, const char *markup, double size)
{
  double w, h;
  rs_rect box;

  rs_text_size (p->cr, pane_font (p), markup, size * p->k, 0, &w, &h);
  box = (rs_rect) { x - h / 2, y - w / 2, h, w };
  if (!tl_place (t, box, clip, 1.5 * p->k, markup))
    return 0;
  pane_text (p, col, x, y, markup, size, 0, 0.5, 0.5, -M_PI / 2);
  return 1;
}

/* ---- the public geometry (panels.h) --------------------------------- */

/* The layout of the timeline in r, or 0 when c has no run. */
static int
layout_for (rs_rect r, const rs_panel_ctx *c, tl_layout *L)
{
  if (c == NULL || c->sim == NULL)
    return 0;
  tl_layout_of (r, c, pane_scale (r, c), L);
  return 1;
}

rs_rect
rs_panel_timeline_plot (rs_rect r, const rs_panel_ctx *c)
{
  return pane_plot (r, pane_scale (r, c), tl_margins);
}

double
rs_panel_timeline_x (rs_rect r, const rs_panel_ctx *c, double step)
{
  rs_rect p = rs_panel_timeline_plot (r, c);

  if (c == NULL || c->sim == NULL)
    return NAN;
  return p.x + step / last_step (c->sim) * p.width;
}

double
rs_panel_timeline_y (rs_rect r, const rs_panel_ctx *c, rs_timeline_series s,
                     double v)
{
  tl_layout L;

  if ((int) s < 0 || (int) s > 1 || !layout_for (r, c, &L))
    return NAN;
  return tl_y (&L.ax[s], v);
}

int
rs_panel_timeline_window (const rs_panel_ctx *c, rs_timeline_series s,
                          double *lo, double *hi)
{
  tl_axis a;
  int zero, inf;

  if (c == NULL || c->sim == NULL || (int) s < 0 || (int) s > 1)
    return 0;
  axis_window (c, s, &a, &zero, &inf);
  *lo = a.lo;
  *hi = a.hi;
  return a.finite;
}

int
rs_panel_timeline_band (rs_rect r, const rs_panel_ctx *c,
                        rs_timeline_series s, int inf, rs_rect *band)
{
  tl_layout L;

  if ((int) s < 0 || (int) s > 1 || !layout_for (r, c, &L))
    return 0;
  *band = inf ? L.ax[s].inf : L.ax[s].zero;
  return band->height > 0.0;
}
