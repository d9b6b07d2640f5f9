/* panel_timeline.c: the timeline panel: loss, gradient norm and dead units
 * over the steps (C4, C5, C11, C12).
 *
 * Three plots share the step axis: the loss and the gradient norm, each
 * on a log axis fitted to its own finite values, and the dead-unit
 * count.  Exactly 0 (the gradient on a plateau, C5) and +inf (the loss of
 * a ReLU-normalised head, C12) cannot sit on a log axis: they get bands
 * of their own, "= 0" under the lowest decade and "∞" over the top, set
 * apart by a break in the axis; the line drops onto them.  NaN is a gap.
 * Geometry and the label placer are in timeline_axes.c, the event marks
 * in timeline_marks.c. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/timeline.h"
#include "draw/variants.h"

/* ---- the two log axes ---------------------------------------------- */

/* The tick at 10^l (l the log10 of 1, 2 or 5 times a power of ten) on
 * axis a as markup: plain decimals (0.02, 1, 500) when the whole window
 * lies in [0.001, 10000]; otherwise powers of ten beyond 0.1 and 10
 * (10⁻³, 2·10⁻³), as the other log axes of the figure write them. */
static void
tick_text (const tl_axis *a, double l, char *buf, size_t n)
{
  double e = floor (l + 1e-9);
  int m = (int) lround (pow (10.0, l - e)), ie = (int) e;
  int plain = a->lo >= -3.0 - 1e-9 && a->hi <= 4.0 + 1e-9;

  if (plain || (ie >= -1 && ie <= 1))
    snprintf (buf, n, "%g", m * pow (10.0, e));
  else if (m == 1)
    snprintf (buf, n, "10<sup>%s%d</sup>", ie < 0 ? "−" : "", abs (ie));
  else
    snprintf (buf, n, "%d·10<sup>%s%d</sup>", m, ie < 0 ? "−" : "",
              abs (ie));
}

/* The y of log10 value l on a's log axis. */
static double
log_y (const tl_axis *a, double l)
{
  return a->area.y + (a->hi - l) / (a->hi - a->lo) * a->area.height;
}

/* Pixels per decade on a. */
static double
per_decade (const tl_axis *a)
{
  return a->area.height / fmax (a->hi - a->lo, 1e-9);
}

/* The log10 values of the grid of a: every decade, and 2 and 5 times
 * each when a decade is tall enough (fine, at least 30 px at scale 1);
 * returns their number, at most max, into l. */
static size_t
grid_values (const tl_axis *a, double k, int fine, double *l, size_t max)
{
  static const double m[3] = { 0.0, 0.30102999566398120,
                               0.69897000433601886 };
  size_t n = 0;
  int q1 = fine && per_decade (a) >= 30 * k ? 3 : 1;

  for (double e = floor (a->lo); e <= a->hi + 1e-9 && n < max; e++)
    for (int q = 0; q < q1 && n < max; q++)
      if (e + m[q] >= a->lo - 1e-9 && e + m[q] <= a->hi + 1e-9)
        l[n++] = e + m[q];
  return n;
}

/* A band's fill: the axis's panel colour, tinted, and its frame. */
static void
band_back (pane *p, rs_rect b)
{
  if (!(b.height > 0.0))
    return;
  rs_theme_set (p->cr, p->t->panel);
  cairo_rectangle (p->cr, b.x, b.y, b.width, b.height);
  cairo_fill_preserve (p->cr);
  rs_theme_set_alpha (p->cr, p->t->muted, 0.16);
  cairo_fill (p->cr);
}

/* The break of the axis's left edge between a band and the log axis: two
 * short slanted strokes at y (a broken axis, read as "not to scale"). */
static void
axis_break (pane *p, double x, double y)
{
  double d = 3 * p->k;

  cairo_set_line_width (p->cr, fmax (0.6, 0.9 * p->k));
  rs_theme_set (p->cr, p->t->muted);
  for (int q = -1; q <= 1; q += 2)
    {
      cairo_move_to (p->cr, x - 2 * d, y + q * d * 0.6 + d);
      cairo_line_to (p->cr, x + 2 * d, y + q * d * 0.6 - d);
    }
  cairo_stroke (p->cr);
}

/* Series s's plot without its line: the log axis and its bands filled,
 * the grid of steps and of decades. */
static void
axis_back (pane *p, const tl_layout *L, int s)
{
  const tl_axis *a = &L->ax[s];
  axes x = { a->area, 0.0, L->last, 0.0, 1.0 };
  double l[64];
  size_t n;

  axes_fill (p, &x);
  band_back (p, a->zero);
  band_back (p, a->inf);
  axes_x_ticks (p, &x, 0);
  if (!a->finite)
    return;
  n = grid_values (a, p->k, 1, l, 64);
  cairo_set_line_width (p->cr, fmax (0.5, 0.7 * p->k));
  rs_theme_set (p->cr, p->t->grid);
  for (size_t q = 0; q < n; q++)
    {
      cairo_move_to (p->cr, a->area.x, log_y (a, l[q]));
      cairo_line_to (p->cr, a->area.x + a->area.width, log_y (a, l[q]));
    }
  cairo_stroke (p->cr);
}

/* Frames of series s's axis and bands, with the breaks between them. */
static void
axis_frame (pane *p, const tl_layout *L, int s)
{
  const tl_axis *a = &L->ax[s];
  rs_rect parts[3] = { a->area, a->zero, a->inf };

  for (int q = 0; q < 3; q++)
    if (parts[q].height > 0.0)
      axes_frame (p, &(axes) { parts[q], 0, 1, 0, 1 });
  if (a->zero.height > 0.0)
    axis_break (p, a->area.x, (a->area.y + a->area.height + a->zero.y) / 2);
  if (a->inf.height > 0.0)
    axis_break (p, a->area.x, (a->inf.y + a->inf.height + a->area.y) / 2);
}

/* The column left of series s's plot, where its words go: up to half
 * the gap between the plots beyond its top and its foot. */
static rs_rect
left_column (const pane *p, const tl_layout *L, int s)
{
  const tl_axis *a = &L->ax[s];
  double top = a->box.y - 7 * p->k, bottom = a->box.y + a->box.height
                                             + 7 * p->k;

  return (rs_rect) { p->r.x, top, a->box.x - p->r.x, bottom - top };
}

/* Series s's title up the left side in its colour, and its bands'
 * words "= 0" and "∞". */
static void
axis_titles (pane *p, const tl_layout *L, tl_labels *t, int s, rs_rgb col)
{
  static const char *const title[2] = { "loss", "‖∇L‖" };
  const tl_axis *a = &L->ax[s];
  rs_rect col_box = left_column (p, L, s);
  double x = a->area.x - 6 * p->k;

  tl_text_up (p, t, col_box, col, p->r.x + 10 * p->k,
              a->box.y + a->box.height / 2, title[s], 11.5);
  if (a->zero.height > 0.0)
    tl_text (p, t, col_box, p->t->fg, x, a->zero.y + a->zero.height / 2,
             "= 0", 10.5, 0, 1, 0.5);
  if (a->inf.height > 0.0)
    tl_text (p, t, col_box, p->t->fg, x, a->inf.y + a->inf.height / 2, "∞",
             12, 0, 1, 0.5);
}

/* The words of ticks l[0..n) on a, th high at most, where they fit;
 * returns how many.  A tick whose right end is taken already is not
 * measured. */
static size_t
tick_words (pane *p, tl_labels *t, const tl_axis *a, rs_rect clip,
            const double *l, size_t n, double th)
{
  double x = a->area.x - 6 * p->k;
  size_t placed = 0;
  char buf[48];

  for (size_t q = 0; q < n; q++)
    {
      double y = log_y (a, l[q]);
      if (!tl_free (t, (rs_rect) { x - 1, y - th / 2, 1, th }, clip,
                    1.5 * p->k))
        continue;
      tick_text (a, l[q], buf, sizeof buf);
      placed += tl_text (p, t, clip, p->t->fg, x, log_y (a, l[q]), buf, 10.5,
                         0, 1, 0.5);
    }
  return placed;
}

/* The height of the tallest word of a's ticks (those of powers of ten
 * are taller than plain numbers). */
static double
tick_height (pane *p, const tl_axis *a)
{
  double h = 0.0, hq;
  char buf[48];

  for (int q = 0; q < 2; q++)
    {
      tick_text (a, q ? a->hi : a->lo, buf, sizeof buf);
      rs_text_size (p->cr, pane_font (p), buf, 10.5 * p->k, 0, NULL, &hq);
      h = fmax (h, hq);
    }
  return h;
}

/* Every how many decades a word goes, at least want: 1, 2, 3, 4, 5, 6,
 * 8, 10, 12, 16, 20 or 24, so that the words fall on round powers. */
static int
decade_stride (double want)
{
  static const int nice[] = { 1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24 };
  size_t q = 0;

  while (q + 1 < sizeof nice / sizeof nice[0] && nice[q] < want - 1e-9)
    q++;
  return nice[q];
}

/* Series s's ticks: its decades (every one or every few, so that their
 * words do not touch), the window's ends and, where a decade is tall
 * enough, 2 and 5 times the decades, each where it meets no other word;
 * if that leaves fewer than two words, every decade where it fits. */
static void
axis_ticks (pane *p, const tl_layout *L, tl_labels *t, int s)
{
  const tl_axis *a = &L->ax[s];
  rs_rect col_box = left_column (p, L, s);
  double l[64], ends[2] = { a->hi, a->lo };
  size_t n = 0, placed;
  double th;
  int every;

  if (!a->finite)
    return;
  th = tick_height (p, a);
  every = decade_stride ((th + 2 * p->k) / fmax (per_decade (a), 1e-9));
  for (double e = ceil (a->lo - 1e-9); e <= a->hi + 1e-9 && n < 64; e++)
    if (lround (e) % every == 0)
      l[n++] = e;
  for (int q = 0; q < 2; q++)
    l[n++] = ends[q];
  if (every == 1)
    n += grid_values (a, p->k, 1, l + n, 64 - n);
  placed = tick_words (p, t, a, col_box, l, n, th);
  if (placed < 2)
    {
      n = grid_values (a, p->k, 0, l, 64);
      tick_words (p, t, a, col_box, l, n, th);
    }
}

/* Where series s has no finite positive value at all, the axis says so. */
static void
axis_empty_note (pane *p, const tl_layout *L, tl_labels *t, int s)
{
  const tl_axis *a = &L->ax[s];

  if (!a->finite)
    tl_text (p, t, a->area, p->t->muted, a->area.x + a->area.width / 2,
             a->area.y + a->area.height / 2,
             s == RS_TIMELINE_LOSS ? "no finite loss in the run"
                                   : "no finite gradient norm in the run",
             10, 0, 0.5, 0.5);
}

/* ---- the lines ------------------------------------------------------ */

/* Whether class q is drawn at a y of its own. */
static int
drawn (tl_class q)
{
  return q == TL_IN || q == TL_ZERO || q == TL_INF;
}

/* A small triangle at (x, y) pointing up (dir -1) or down (dir 1): the
 * line leaves the window there. */
static void
edge_arrow (pane *p, double x, double y, int dir)
{
  double d = 4 * p->k;

  cairo_move_to (p->cr, x, y + dir * d);
  cairo_line_to (p->cr, x - d, y);
  cairo_line_to (p->cr, x + d, y);
  cairo_close_path (p->cr);
  cairo_fill (p->cr);
}

/* Where series s leaves its window: an arrow at the edge at each point
 * that is out of it after one that was not (or out the other way). */
static void
series_arrows (pane *p, const tl_layout *L, int s)
{
  const rs_sim *sim = p->c->sim;
  const tl_axis *a = &L->ax[s];
  size_t n = rs_sim_n_recorded (sim);
  tl_class prev = TL_GAP;

  for (size_t i = 0; i < n; i++)
    {
      const rs_sim_point *pt = rs_sim_recorded (sim, i);
      tl_class q = tl_class_of (a, tl_value (pt, s));
      double x = tl_x (L, (double) pt->step);

      if (q == TL_ABOVE && prev != q)
        edge_arrow (p, x, a->area.y + 4 * p->k, -1);
      else if (q == TL_BELOW && prev != q)
        edge_arrow (p, x, a->area.y + a->area.height - 4 * p->k, 1);
      prev = q;
    }
}

/* Series s as a line through its points, clipped to its plot: on the log
 * axis, on its bands for 0 and +inf, broken at NaN and outside the
 * window (arrows at the edge there); a point alone between gaps a dot. */
static void
series_line (pane *p, const tl_layout *L, int s, rs_rgb col)
{
  const rs_sim *sim = p->c->sim;
  const tl_axis *a = &L->ax[s];
  size_t n = rs_sim_n_recorded (sim);
  tl_class prev = TL_GAP, q, next;

  cairo_save (p->cr);
  axes_clip (p, &(axes) { a->box, 0, 1, 0, 1 });
  rs_theme_set (p->cr, col);
  series_arrows (p, L, s);
  cairo_new_path (p->cr);
  q = n > 0 ? tl_class_of (a, tl_value (rs_sim_recorded (sim, 0), s))
            : TL_GAP;
  for (size_t i = 0; i < n; i++, prev = q, q = next)
    {
      const rs_sim_point *pt = rs_sim_recorded (sim, i);
      double v = tl_value (pt, s), x = tl_x (L, (double) pt->step);

      next = i + 1 < n ? tl_class_of (a, tl_value (rs_sim_recorded
                                                   (sim, i + 1), s))
                       : TL_GAP;
      if (!drawn (q))
        continue;
      if (drawn (prev))
        cairo_line_to (p->cr, x, tl_y (a, v));
      else if (drawn (next))
        cairo_move_to (p->cr, x, tl_y (a, v));
      else
        {
          cairo_new_sub_path (p->cr);
          cairo_arc (p->cr, x, tl_y (a, v), 1.2 * p->k, 0, 2 * M_PI);
        }
    }
  cairo_set_line_width (p->cr, 1.8 * p->k);
  cairo_set_line_join (p->cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (p->cr);
  cairo_restore (p->cr);
}

/* ---- the dead units ------------------------------------------------- */

/* The dead strip's axes: steps across, 0 to the number of units up. */
static axes
dead_axes (const tl_layout *L)
{
  return (axes) { L->dead, 0.0, L->last, 0.0,
                  L->units > 0 ? (double) L->units : 1.0 };
}

/* Run k's dash in a figure of variants: the first solid, the others
 * dashed, so that where runs agree each shows through the gaps of the
 * next one drawn over it. */
static void
run_dash (pane *p, size_t k)
{
  static const double dashes[][2] = { { 0, 0 }, { 9, 5 }, { 3, 4 },
                                      { 14, 4 }, { 1.5, 3 }, { 6, 8 } };
  double d[2] = { dashes[k % 6][0] * p->k, dashes[k % 6][1] * p->k };

  cairo_set_dash (p->cr, d, k > 0 ? 2 : 0, 0);
}

/* Pane p as run k's (pane_run_ctx), its context in *ck. */
static pane
run_pane (const pane *p, size_t k, rs_panel_ctx *ck)
{
  pane q = *p;

  pane_run_ctx (p->c, k, ck);
  q.c = ck;
  return q;
}

/* The dead-unit count of sim as a step line over a, from step 0 to the
 * strip's right edge (the current path, not stroked). */
static void
dead_steps (pane *p, const axes *a, const rs_sim *sim)
{
  double y = axes_y (a, 0.0), x;

  cairo_new_path (p->cr);
  cairo_move_to (p->cr, axes_x (a, 0.0), y);
  for (size_t i = 0; i < rs_sim_n_recorded (sim); i++)
    {
      const rs_sim_point *pt = rs_sim_recorded (sim, i);
      x = axes_x (a, (double) pt->step);
      cairo_line_to (p->cr, x, y);
      y = axes_y (a, (double) pt->dead);
      cairo_line_to (p->cr, x, y);
    }
  cairo_line_to (p->cr, a->box.x + a->box.width, y);
}

/* The dead-unit count as a filled step line in its strip; in a figure
 * of variants each run's as a line in its colour and dash. */
static void
dead_strip (pane *p, const tl_layout *L)
{
  axes a = dead_axes (L);

  axes_fill (p, &a);
  axes_x_ticks (p, &a, 0);
  cairo_save (p->cr);
  axes_clip (p, &a);
  cairo_set_line_width (p->cr, 1.6 * p->k);
  for (size_t k = pane_runs (p->c); p->c->runs != NULL && k-- > 0;)
    {
      dead_steps (p, &a, p->c->runs->sim[k]);
      run_dash (p, k);
      rs_theme_set (p->cr, rs_runs_colour (p->t, k));
      cairo_stroke (p->cr);
    }
  if (p->c->runs == NULL)
    {
      dead_steps (p, &a, p->c->sim);
      cairo_line_to (p->cr, a.box.x + a.box.width, axes_y (&a, 0.0));
      cairo_close_path (p->cr);
      rs_theme_set_alpha (p->cr, p->t->dead, 0.25);
      cairo_fill_preserve (p->cr);
      rs_theme_set (p->cr, p->t->dead);
      cairo_stroke (p->cr);
    }
  cairo_restore (p->cr);
  axes_frame (p, &a);
}

/* The strip's scale: its title "dead" up the left side, 0 at its foot
 * and the number of units that can die at its top, or a note that none
 * can. */
static void
dead_scale (pane *p, const tl_layout *L, tl_labels *t)
{
  axes a = dead_axes (L);
  rs_rect col = { p->r.x, L->dead.y - 7 * p->k, L->dead.x - p->r.x,
                  L->dead.height + 16 * p->k };
  double x = L->dead.x - 6 * p->k;
  char buf[32];

  tl_text_up (p, t, col, p->t->dead, p->r.x + 10 * p->k,
              L->dead.y + L->dead.height / 2, "dead", 11.5);
  tl_text (p, t, col, p->t->fg, x, axes_y (&a, 0.0), "0", 10.5, 0, 1, 0.5);
  if (L->units == 0)
    {
      tl_text (p, t, L->dead, p->t->muted, L->dead.x + L->dead.width / 2,
               L->dead.y + L->dead.height / 2, "no unit of this network can die",
               10, 0, 0.5, 0.5);
      return;
    }
  snprintf (buf, sizeof buf, "%zu", L->units);
  tl_text (p, t, col, p->t->fg, x, axes_y (&a, a.y1), buf, 10.5, 0, 1, 0.5);
}

/* The count written on each level of the step line that is not 0 and is
 * long enough to hold it, at its start: above the level, or under it
 * where there is no room above.  Every count is measured as the widest,
 * the number of units, so that a run of many short levels costs no
 * text layout. */
static void
dead_counts (pane *p, const tl_layout *L, tl_labels *t)
{
  const rs_sim *sim = p->c->sim;
  size_t n = rs_sim_n_recorded (sim), i = 0;
  axes a = dead_axes (L);
  double w, h;
  char buf[32];

  if (p->c->runs != NULL)   /* several runs: their levels would mix */
    return;
  snprintf (buf, sizeof buf, "%zu", L->units);
  rs_text_size (p->cr, pane_font (p), buf, 9.5 * p->k, 0, &w, &h);
  while (i < n)
    {
      size_t d = rs_sim_recorded (sim, i)->dead, j = i;
      double x, y, end;
      while (j + 1 < n && rs_sim_recorded (sim, j + 1)->dead == d)
        j++;
      x = axes_x (&a, (double) rs_sim_recorded (sim, i)->step) + 3 * p->k;
      end = j + 1 < n ? axes_x (&a, (double) rs_sim_recorded (sim, j + 1)->step)
                      : a.box.x + a.box.width;
      y = axes_y (&a, (double) d);
      snprintf (buf, sizeof buf, "%zu", d);
      i = j + 1;
      if (d == 0 || end - x < w + 6 * p->k)
        continue;
      if (!tl_text_sized (p, t, L->dead, p->t->dead, x, y - 1 * p->k, buf,
                          9.5, 0, 0, 1, w, h))
        tl_text_sized (p, t, L->dead, p->t->dead, x, y + 1 * p->k, buf, 9.5,
                       1, 0, 0, w, h);
    }
}

/* ---- the step shown, the step axis, the header ---------------------- */

/* The point shown: a line across the plot. */
static void
now_line (pane *p, const tl_layout *L)
{
  const rs_sim_point *pt = rs_sim_recorded (p->c->sim, pane_at (p->c));
  double x = tl_x (L, (double) pt->step);

  cairo_set_line_width (p->cr, 1.6 * p->k);
  rs_theme_set (p->cr, p->t->fg);
  cairo_move_to (p->cr, x, L->plot.y);
  cairo_line_to (p->cr, x, L->plot.y + L->plot.height);
  cairo_stroke (p->cr);
}

/* The line of the point shown as a place no label may cover. */
static void
now_keep_clear (pane *p, const tl_layout *L, tl_labels *t)
{
  const rs_sim_point *pt = rs_sim_recorded (p->c->sim, pane_at (p->c));
  double x = tl_x (L, (double) pt->step);

  if (t->n < TL_MAX_LABELS)
    t->v[t->n++] = (rs_panel_label) { { x - 1.5 * p->k, L->plot.y,
                                        3 * p->k, L->plot.height }, "" };
}

/* Recorded point i of run p->c->sim on each curve: a dot in colour
 * col[s] where it is drawn, filled, or hollow. */
static void
point_dots (pane *p, const tl_layout *L, size_t i, const rs_rgb col[2],
            int filled)
{
  const rs_sim_point *pt = rs_sim_recorded (p->c->sim, i);
  double x = tl_x (L, (double) pt->step);

  for (int s = 0; s < 2; s++)
    {
      double y = tl_y (&L->ax[s], tl_value (pt, s));
      if (isnan (y))
        continue;
      cairo_new_path (p->cr);
      cairo_arc (p->cr, x, y, 3.2 * p->k, 0, 2 * M_PI);
      rs_theme_set (p->cr, filled ? col[s] : p->t->panel);
      cairo_fill_preserve (p->cr);
      rs_theme_set (p->cr, filled ? p->t->fg : col[s]);
      cairo_set_line_width (p->cr, (filled ? 0.8 : 1.6) * p->k);
      cairo_stroke (p->cr);
    }
}

/* How much of the panel's colour covers what the run does after the
 * step shown: the curves stay legible, the step shown stands out. */
#define TL_LATER_VEIL 0.6

/* The steps after the one shown veiled in the panel's colour, in each
 * of the three plots: a still of step 1 shows what comes, but does not
 * read as step 1 (its dead count, its loss).  Nothing when the step
 * shown is the last. */
static void
later_veil (pane *p, const tl_layout *L)
{
  const rs_sim_point *pt = rs_sim_recorded (p->c->sim, pane_at (p->c));
  double x = tl_x (L, (double) pt->step);
  rs_rect box[3] = { L->ax[0].box, L->ax[1].box, L->dead };

  if (!(x < L->plot.x + L->plot.width - 0.5))
    return;
  rs_theme_set_alpha (p->cr, p->t->panel, TL_LATER_VEIL);
  for (int i = 0; i < 3; i++)
    if (box[i].height > 0.0)
      cairo_rectangle (p->cr, x, box[i].y, box[i].x + box[i].width - x,
                       box[i].height);
  cairo_fill (p->cr);
  axes_frame (p, &(axes) { L->dead, 0, 1, 0, 1 });
}

/* The point shown on each curve of run p->c->sim: a dot in colour
 * col[s] where it is drawn; mid-change (after the point before it, at
 * the same step) a hollow dot at the point before too, the note saying
 * "before → after". */
static void
run_dots (pane *p, const tl_layout *L, const rs_rgb col[2])
{
  const rs_panel_moment *m = p->c->moment;
  size_t at = pane_at (p->c);

  if (m != NULL && at != m->before
      && rs_sim_recorded (p->c->sim, m->before)->step
         == rs_sim_recorded (p->c->sim, at)->step)
    point_dots (p, L, m->before, col, 0);
  point_dots (p, L, at, col, 1);
}

/* The point shown on each curve of each run. */
static void
now_dots (pane *p, const tl_layout *L)
{
  for (size_t k = 0; k < pane_runs (p->c); k++)
    {
      rs_panel_ctx ck;
      pane q = run_pane (p, k, &ck);
      rs_rgb col[2] = { p->t->accent, p->t->second };

      if (p->c->runs != NULL)
        col[0] = col[1] = rs_runs_colour (p->t, k);
      run_dots (&q, L, col);
    }
}

/* The steps under the dead strip, and their title.  The steps' words
 * are measured once, as wide as the last (the widest): they are far
 * enough apart never to meet, and each is placed after it is drawn. */
static void
step_words (pane *p, const tl_layout *L, tl_labels *t)
{
  double step = rs_draw_nice_step (L->last, L->plot.width / (58 * p->k));
  double yb = L->dead.y + L->dead.height, w, h;
  long k1 = (long) floor (L->last / step + 1e-9);
  char buf[32];

  axes_tick_label (k1 * step, buf, sizeof buf);
  rs_text_size (p->cr, pane_font (p), buf, 10.5 * p->k, 0, &w, &h);
  for (long q = 0; q <= k1 && k1 < 200; q++)
    {
      double x = tl_x (L, q * step);
      rs_rect box = { x - w / 2, yb + 4.5 * p->k, w, h };
      if (!tl_free (t, box, p->r, 1.5 * p->k))
        continue;
      axes_tick_label (q * step, buf, sizeof buf);
      box.width = pane_text (p, p->t->fg, x, box.y, buf, 10.5, 0, 0.5, 0, 0);
      box.x = x - box.width / 2;
      tl_place (t, box, p->r, 0.0, buf);
    }
  tl_text (p, t, p->r, p->t->fg, L->plot.x + L->plot.width / 2,
           yb + 19 * p->k, "step", 11.5, 0, 0.5, 0);
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

/* Mid-change the timeline, which plots recorded points only, states
 * the change: before it, the point before (the panel's point) said to
 * be so; in between, "before → after" in buf; brief says which moment. */
static void
timeline_note_moment (const rs_panel_ctx *c, char *buf, size_t n,
                      char *brief, size_t nb)
{
  const rs_panel_moment *m = c->moment;
  char words[128], l0[32], l1[32];
  size_t len = strlen (buf);

  if (!rs_panel_moment_note (c, 1, words, sizeof words))
    return;
  snprintf (brief, nb, "step %zu · %s",
            rs_sim_recorded (c->sim, m->after)->step, words);
  /* the point before, or a change at an earlier step (--morph after a
     switch of activation): the point's numbers, the words after them */
  if (pane_at (c) == m->before || rs_sim_recorded (c->sim, m->before)->step
                                  != rs_sim_recorded (c->sim, m->after)->step)
    {
      snprintf (buf + len, n - len, " · %s", words);
      return;
    }
  value_text (rs_sim_recorded (c->sim, m->before)->loss, 3, l0, sizeof l0);
  value_text (rs_sim_recorded (c->sim, m->after)->loss, 3, l1, sizeof l1);
  snprintf (buf, n, "step %zu · %s · loss %s → %s · %zu → %zu dead",
            rs_sim_recorded (c->sim, m->after)->step, words, l0, l1,
            rs_sim_recorded (c->sim, m->before)->dead,
            rs_sim_recorded (c->sim, m->after)->dead);
}

/* The header's note: the point shown, in numbers, and in brief. */
static void
timeline_note (const rs_panel_ctx *c, char *buf, size_t n, char *brief,
               size_t nb)
{
  const rs_sim_point *pt = rs_sim_recorded (c->sim, pane_at (c));
  char loss[32], gnorm[32];

  value_text (pt->loss, 3, loss, sizeof loss);
  value_text (pt->gnorm, 2, gnorm, sizeof gnorm);
  snprintf (buf, n, "step %zu · loss %s · ‖∇L‖ %s · %zu dead", pt->step,
            loss, gnorm, pt->dead);
  snprintf (brief, nb, "step %zu", pt->step);
  timeline_note_moment (c, buf, n, brief, nb);
}

/* The boxes of the header pane_begin wrote: the title, and the note or
 * its brief form as pane_begin chose. */
static void
header_boxes (pane *p, tl_labels *t, const char *title, const char *note,
              const char *brief)
{
  double w, h, room;

  rs_text_size (p->cr, pane_font (p), title, 13.5 * p->k, 1, &w, &h);
  tl_place (t, (rs_rect) { p->r.x + 9 * p->k, p->r.y + 7 * p->k, w, h },
            p->r, 0, title);
  room = p->r.width - w - 32 * p->k;
  if (pane_text_width (p, note, 11, 0) > room)
    note = brief;
  rs_text_size (p->cr, pane_font (p), note, 11 * p->k, 0, &w, &h);
  if (w <= room)
    tl_place (t, (rs_rect) { p->r.x + p->r.width - 9 * p->k - w,
                             p->r.y + 9 * p->k, w, h }, p->r, 0, note);
}

/* ---- the panel -------------------------------------------------------- */

/* Everything but the header, on layout L: backgrounds and lines first,
 * then the words, most needed first, each where it meets no other. */
static void
timeline_body (pane *p, const tl_layout *L, tl_labels *t)
{
  rs_rgb col[2] = { p->t->accent, p->t->second };

  for (int s = 0; s < 2; s++)
    axis_back (p, L, s);
  dead_strip (p, L);
  for (size_t k = pane_runs (p->c); k-- > 0;)
    {
      rs_panel_ctx ck;
      pane q = run_pane (p, k, &ck);

      cairo_save (p->cr);
      if (p->c->runs != NULL)
        {
          run_dash (p, k);
          col[0] = col[1] = rs_runs_colour (p->t, k);
        }
      for (int s = 1; s >= 0; s--)
        series_line (&q, L, s, col[s]);
      cairo_restore (p->cr);
    }
  if (p->c->runs != NULL)   /* the titles name the axes, not a run */
    col[0] = col[1] = p->t->fg;
  later_veil (p, L);
  for (int s = 0; s < 2; s++)
    axis_frame (p, L, s);
  tl_mark_lines (p, L);
  now_line (p, L);
  step_words (p, L, t);
  for (int s = 0; s < 2; s++)
    axis_titles (p, L, t, s, col[s]);
  dead_scale (p, L, t);
  for (int s = 0; s < 2; s++)
    axis_ticks (p, L, t, s);
  now_keep_clear (p, L, t);
  for (int s = 0; s < 2; s++)
    axis_empty_note (p, L, t, s);
  tl_mark_labels (p, L, t);
  dead_counts (p, L, t);
  now_dots (p, L);
}

/* The panel, its words placed into t. */
static void
timeline_draw (cairo_t *cr, rs_rect r, const rs_panel_ctx *c, tl_labels *t)
{
  pane p;
  char note[256], brief[160];
  int ok = c != NULL && c->sim != NULL;
  tl_layout L;

  t->n = 0;
  if (ok)
    timeline_note (c, note, sizeof note, brief, sizeof brief);
  if (ok && c->runs != NULL)   /* the figure's legend has each run's */
    snprintf (note, sizeof note, "%s", brief);
  if (pane_begin (&p, cr, r, c, tl_margins, "Timeline", ok ? note : NULL,
                  brief))
    {
      header_boxes (&p, t, "Timeline", note, brief);
      tl_layout_of (r, c, p.k, &L);
      timeline_body (&p, &L, t);
    }
  pane_end (&p);
}

void
rs_panel_timeline (cairo_t *cr, rs_rect r, const rs_panel_ctx *c)
{
  tl_labels t;

  timeline_draw (cr, r, c, &t);
}

size_t
rs_panel_timeline_labels (cairo_t *cr, rs_rect r, const rs_panel_ctx *c,
                          rs_panel_label *labels, size_t max)
{
  tl_labels t;
  size_t n = 0;

  timeline_draw (cr, r, c, &t);
  for (size_t i = 0; i < t.n && n < max; i++)
    if (t.v[i].text[0] != '\0')
      labels[n++] = t.v[i];
  return n;
}
