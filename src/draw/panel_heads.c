/* panel_heads.c: the output heads panel: softmax against the
 * ReLU-normalised head on the run's own scores (C12).
 *
 * At the step shown the network scores every data point; each head turns
 * a point's scores z into the probability p of its true class y:
 *   softmax      p = e^(z_y) / sum_j e^(z_j), always > 0;
 *   ReLU head    p = relu(z_y) / sum_j relu(z_j), 0 when z_y <= 0.
 * Where every score of a point is <= 0 the ReLU head's sum is 0 and its
 * p = 0/0 is undefined.  The panel never files such a point under p = 0:
 * it has a column of its own, marked 0/0.  (The library's loss,
 * rs_loss_relu_norm_ce, charges it -log p = +inf with gradient 0, as for
 * p = 0, since its true score is <= 0 too.)
 *
 * The panel draws, for each head, the histogram over the points of p in
 * (0, 1], and left of it, apart, the columns "= 0" and "0/0", each with
 * its count; the head the run trains with comes first and the other is
 * labelled as a comparison on the same scores.  A run without class
 * scores (one output, or a loss without labels) gets a note saying so.
 *
 * In a figure of variants (C12's softmax against the ReLU head, each
 * trained) each run has one row instead: its own head on its own scores
 * at the step shown, in the run's colour and under its name, so that
 * the rows compare the heads as each run trained them. */
#include <config.h>

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/pane.h"

static const margins heads_margins = { 30, 14, 34, 48 };

/* ---- the numbers ------------------------------------------------------ */

/* Softmax's p of class y for the scores of point i of a chunk of m
 * (o[j * m + i]): e^(z_y - top) / sum_j e^(z_j - top), top the largest
 * score, so that no term overflows; it can underflow to 0 only for a
 * true probability below 1e-308, and is never counted as p = 0. */
static double
heads_softmax_p (const double *o, size_t k, size_t m, size_t i, size_t y)
{
  double top = -INFINITY, sum = 0.0;

  for (size_t j = 0; j < k; j++)
    top = fmax (top, o[j * m + i]);
  for (size_t j = 0; j < k; j++)
    sum += exp (o[j * m + i] - top);
  return exp (o[y * m + i] - top) / sum;
}

/* The ReLU head's p of class y for point i: relu(z_y) / sum relu(z_j),
 * or NaN when the sum is 0 (0/0, every score <= 0). */
static double
heads_relu_p (const double *o, size_t k, size_t m, size_t i, size_t y)
{
  double sum = 0.0;

  for (size_t j = 0; j < k; j++)
    sum += fmax (o[j * m + i], 0.0);
  if (!(sum > 0.0))
    return NAN;
  return fmax (o[y * m + i], 0.0) / sum;
}

/* Add one probability to a distribution: NaN (0/0) to the undefined
 * column, an exact 0 to the zero column when zero_exact (the ReLU head;
 * softmax's p is positive, a 0 there is an underflow), the rest to its
 * bin of (0, 1]. */
static void
heads_add (rs_heads_dist *d, double p, int zero_exact)
{
  size_t b;

  d->n++;
  if (isnan (p))
    {
      d->undefined++;
      return;
    }
  d->p_min = fmin (d->p_min, p);
  if (p == 0.0 && zero_exact)
    {
      d->zero++;
      return;
    }
  b = (size_t) (p * RS_HEADS_BINS);
  d->bins[b < RS_HEADS_BINS ? b : RS_HEADS_BINS - 1]++;
}

/* Whether the run scores classes: two outputs or more and a loss whose
 * targets are class labels. */
static int
heads_has_classes (const rs_sim *sim)
{
  const rs_loss_type *t = rs_sim_loss (sim);

  return t != NULL && t->labels && rs_net_outputs (rs_sim_net (sim)) >= 2;
}

int
rs_panel_heads_dist (const rs_panel_ctx *c, rs_heads_dist *softmax,
                     rs_heads_dist *relu_norm)
{
  size_t k;
  sweep w;
  int rc;

  memset (softmax, 0, sizeof *softmax);
  memset (relu_norm, 0, sizeof *relu_norm);
  softmax->p_min = relu_norm->p_min = INFINITY;
  if (c == NULL || c->sim == NULL || !heads_has_classes (c->sim))
    return RS_EINVAL;
  if ((rc = sweep_begin (&w, c)) != RS_OK)
    return rc;
  k = rs_net_outputs (w.net);
  while (sweep_next (&w))
    {
      const double *o = rs_net_output (w.ws);
      size_t first = w.next - w.m;
      for (size_t i = 0; i < w.m; i++)
        {
          double yv = w.d->y[(first + i) * w.d->ydim];
          size_t y = (size_t) yv;
          if (!(yv >= 0.0 && yv < (double) k && yv == (double) y))
            continue;
          heads_add (softmax, heads_softmax_p (o, k, w.m, i, y), 0);
          heads_add (relu_norm, heads_relu_p (o, k, w.m, i, y), 1);
        }
    }
  sweep_end (&w);
  return RS_OK;
}

int
rs_panel_heads_own (const rs_sim *sim)
{
  if (sim == NULL || !heads_has_classes (sim))
    return -1;
  if (rs_sim_loss (sim) == rs_loss_relu_norm_ce)
    return RS_HEAD_RELU_NORM;
  if (rs_sim_loss (sim) == rs_loss_softmax_ce)
    return RS_HEAD_SOFTMAX;
  return -1;
}

int
rs_panel_heads_run (const rs_panel_ctx *c, size_t k, rs_heads_dist *d,
                    int *head)
{
  rs_heads_dist sm, rn;
  rs_panel_ctx ck;
  int rc;

  memset (d, 0, sizeof *d);
  *head = -1;
  if (pane_run_ctx (c, k, &ck) != RS_OK
      || (*head = rs_panel_heads_own (ck.sim)) < 0)
    return RS_EINVAL;
  if ((rc = rs_panel_heads_dist (&ck, &sm, &rn)) != RS_OK)
    return rc;
  *d = *head == RS_HEAD_SOFTMAX ? sm : rn;
  return RS_OK;
}

/* ---- the drawing ------------------------------------------------------ */

/* One head's row: its distribution, its colour and its words. */
typedef struct {
  const rs_heads_dist *d;
  rs_rgb col;
  const char *name;       /* "softmax", "ReLU + normalise" */
  const char *formula;    /* its p as markup */
  int own;                /* 1: the head this run trains with */
  int relu;               /* 1: the ReLU head (p = 0 and 0/0 possible) */
  const char *run;        /* a variant's name (markup), or NULL */
} heads_row;

/* The longer of two lines of markup that fits in width w. */
static const char *
heads_fit (pane *p, const char *full, const char *brief, double w)
{
  return pane_text_width (p, full, 10, 0) <= w ? full : brief;
}

/* The row's count line: the points at p = 0 and what that means for
 * the loss, or that there are none (softmax: there never are). */
static void
heads_count_line (pane *p, const heads_row *h, double x, double y, double w)
{
  const rs_heads_dist *d = h->d;
  char full[200], brief[120];

  if (d->zero > 0)
    {
      snprintf (full, sizeof full, "<b>%zu of %zu points: p = 0, loss ∞, "
                "gradient 0</b>", d->zero, d->n);
      snprintf (brief, sizeof brief, "<b>%zu of %zu: p = 0, loss ∞</b>",
                d->zero, d->n);
    }
  else
    {
      snprintf (full, sizeof full, "0 of %zu points: p = 0%s", d->n,
                h->relu ? "" : " (softmax: p &gt; 0 always)");
      snprintf (brief, sizeof brief, "0 of %zu: p = 0", d->n);
    }
  if (!h->relu && d->zero == 0 && d->p_min > 0.0 && isfinite (d->p_min))
    snprintf (full + strlen (full), sizeof full - strlen (full),
              "; smallest p = %.3g", d->p_min);
  pane_text (p, d->zero > 0 ? p->t->dead : p->t->fg, x, y,
             heads_fit (p, full, brief, w), 10, 0, 0, 0, 0);
}

/* The row's header at (x, y), width w: whose head it is and its formula,
 * the count line and, when there are any and lines > 2, the 0/0 points;
 * returns its height. */
static double
heads_header (pane *p, const heads_row *h, double x, double y, double w,
              int lines)
{
  char full[400], brief[200], fg[8];
  double lh = 13.5 * p->k;

  pane_hex (p->t->fg, fg);
  if (h->run != NULL)
    {
      snprintf (full, sizeof full, "<b>━━ %s</b><span foreground=\"%s\">"
                ", its own head on its own scores: </span><b>%s</b>, %s",
                h->run, fg, h->name, h->formula);
      snprintf (brief, sizeof brief, "<b>━━ %s</b><span foreground=\"%s\">"
                ": </span><b>%s</b>", h->run, fg, h->name);
    }
  else
    {
      snprintf (full, sizeof full, "<span foreground=\"%s\">%s</span>"
                "<b>%s</b>: %s", fg, h->own ? "This run's head, "
                : "For comparison, on the same scores (not trained with), ",
                h->name, h->formula);
      snprintf (brief, sizeof brief, "<span foreground=\"%s\">%s</span>"
                "<b>%s</b>", fg, h->own ? "This run's head, " : "Compare: ",
                h->name);
    }
  pane_text (p, h->col, x, y, heads_fit (p, full, brief, w), 10.5, 0, 0, 0,
             0);
  heads_count_line (p, h, x, y + lh, w);
  if (h->d->undefined == 0 || lines < 3)
    return 2 * lh + 4 * p->k;
  snprintf (full, sizeof full, "%zu of %zu points: every score ≤ 0, "
            "p = 0/0 undefined (loss taken as ∞, gradient 0)",
            h->d->undefined, h->d->n);
  snprintf (brief, sizeof brief, "%zu of %zu: p = 0/0 (every score ≤ 0)",
            h->d->undefined, h->d->n);
  pane_text (p, p->t->muted, x, y + 2 * lh, heads_fit (p, full, brief, w),
             10, 0, 0, 0, 0);
  return 3 * lh + 4 * p->k;
}

/* Diagonal hatching over a rectangle, in col. */
static void
heads_hatch (pane *p, double x, double y, double w, double h, rs_rgb col,
             int dir)
{
  double step = 5 * p->k;

  if (!(w > 0.0 && h > 0.0))
    return;
  cairo_save (p->cr);
  cairo_rectangle (p->cr, x, y, w, h);
  cairo_clip (p->cr);
  for (double t = -h; t < w; t += step)
    {
      cairo_move_to (p->cr, x + t, dir > 0 ? y + h : y);
      cairo_line_to (p->cr, x + t + h, dir > 0 ? y : y + h);
    }
  cairo_set_line_width (p->cr, 0.9 * p->k);
  rs_theme_set (p->cr, col);
  cairo_stroke (p->cr);
  cairo_restore (p->cr);
}

/* A special column (p = 0 or 0/0) in box a at x centre cx: its bar,
 * hatched, its count above it always (0 included) and its name under. */
static void
heads_special (pane *p, const axes *a, double cx, size_t count, rs_rgb col,
               const char *name, int dir)
{
  double bw = 14 * p->k, top = axes_y (a, (double) count);
  double base = axes_y (a, 0.0);
  char buf[32];

  if (count > 0)
    {
      rs_theme_set_alpha (p->cr, col, 0.25);
      cairo_rectangle (p->cr, cx - bw / 2, top, bw, base - top);
      cairo_fill (p->cr);
      heads_hatch (p, cx - bw / 2, top, bw, base - top, col, dir);
      cairo_set_line_width (p->cr, 1.2 * p->k);
      rs_theme_set (p->cr, col);
      cairo_rectangle (p->cr, cx - bw / 2, top, bw, base - top);
      cairo_stroke (p->cr);
    }
  snprintf (buf, sizeof buf, "<b>%zu</b>", count);
  pane_text (p, col, cx, top - 2 * p->k, buf, 9.5, 0, 0.5, 1, 0);
  pane_text (p, col, cx, a->box.y + a->box.height + 4.5 * p->k, name, 10.5,
             1, 0.5, 0, 0);
}

/* The histogram of p over (0, 1] in box a, in the row's colour. */
static void
heads_bars (pane *p, const axes *a, const heads_row *h)
{
  for (size_t b = 0; b < RS_HEADS_BINS; b++)
    {
      double x0, x1, top;
      if (h->d->bins[b] == 0)
        continue;
      x0 = axes_x (a, (double) b / RS_HEADS_BINS);
      x1 = axes_x (a, (double) (b + 1) / RS_HEADS_BINS);
      top = axes_y (a, (double) h->d->bins[b]);
      rs_theme_set_alpha (p->cr, h->col, 0.75);
      cairo_rectangle (p->cr, x0 + 0.5 * p->k, top, x1 - x0 - p->k,
                       axes_y (a, 0.0) - top);
      cairo_fill (p->cr);
    }
}

/* One row in rect r: the header, the special columns' box and the
 * histogram's box on the same count axis 0 .. ymax. */
static void
heads_draw_row (pane *p, rs_rect r, const heads_row *h, double ymax,
                int x_title)
{
  double sw = 66 * p->k, gap = 12 * p->k;
  double head = heads_header (p, h, r.x - 30 * p->k, r.y,
                              r.width + 30 * p->k,
                              r.height > 120 * p->k ? 3 : 2);
  axes s = { { r.x, r.y + head, sw, r.height - head }, 0, 1, 0, ymax };
  axes a = { { r.x + sw + gap, r.y + head, r.width - sw - gap,
               r.height - head }, 0, 1, 0, ymax };

  if (a.box.width < 20 * p->k || a.box.height < 12 * p->k)
    return;
  axes_fill (p, &s);
  axes_fill (p, &a);
  axes_y_ticks (p, &s, s.box.height / (30 * p->k));
  axes_x_ticks (p, &a, 1);
  cairo_save (p->cr);
  axes_clip (p, &a);
  heads_bars (p, &a, h);
  cairo_restore (p->cr);
  heads_special (p, &s, r.x + sw * 0.3, h->d->zero, p->t->dead,
                 "<i>p</i> = 0", 1);
  heads_special (p, &s, r.x + sw * 0.78, h->d->undefined, p->t->muted,
                 "0/0", -1);
  axes_frame (p, &s);
  axes_frame (p, &a);
  axes_y_title (p, &s, "points", p->r.x + 6 * p->k);
  if (x_title)
    axes_x_title (p, &a, "<i>p</i> of the point's true class");
}

/* The two rows, the run's own head first; the count axis is shared so
 * that the bars compare. */
static void
heads_plot (pane *p, const rs_heads_dist *sm, const rs_heads_dist *rn,
            int own)
{
  heads_row rows[2] = {
    { rn, p->t->second, "ReLU + normalise",
      "<i>p</i> = relu(<i>z<sub>y</sub></i>) / Σ relu(<i>z<sub>j</sub></i>)",
      own == RS_HEAD_RELU_NORM, 1, NULL },
    { sm, p->t->accent, "softmax",
      "<i>p</i> = e<sup><i>z<sub>y</sub></i></sup> / Σ "
      "e<sup><i>z<sub>j</sub></i></sup>", own == RS_HEAD_SOFTMAX, 0, NULL } };
  double ymax = 1.0, gap = 16 * p->k, h = (p->plot.height - gap) / 2;
  int first = own == RS_HEAD_SOFTMAX ? 1 : 0;

  for (size_t b = 0; b < RS_HEADS_BINS; b++)
    ymax = fmax (ymax, fmax ((double) sm->bins[b], (double) rn->bins[b]));
  ymax = fmax (ymax, fmax ((double) rn->zero, (double) rn->undefined));
  ymax = fmax (ymax, (double) sm->zero);
  ymax *= 1.15;
  for (int i = 0; i < 2; i++)
    {
      rs_rect r = { p->plot.x, p->plot.y + i * (h + gap), p->plot.width,
                    h - (i == 0 ? 8 * p->k : 0) };
      heads_draw_row (p, r, &rows[(first + i) % 2], ymax, i == 1);
    }
}

/* The heads' names and formulas, by RS_HEAD_*. */
static const char *const head_name[2] = { "softmax", "ReLU + normalise" };
static const char *const head_formula[2] = {
  "<i>p</i> = e<sup><i>z<sub>y</sub></i></sup> / Σ "
  "e<sup><i>z<sub>j</sub></i></sup>",
  "<i>p</i> = relu(<i>z<sub>y</sub></i>) / Σ relu(<i>z<sub>j</sub></i>)" };

/* A figure of variants: one row per run, its own head on its own scores
 * at the step shown, in its colour and under its name, on one count
 * axis; a run without a head of its own gets a line saying so. */
static void
heads_plot_runs (pane *p)
{
  size_t n = pane_runs (p->c);
  rs_heads_dist d[RS_SCENE_MAX_VARIANTS];
  int head[RS_SCENE_MAX_VARIANTS], rc[RS_SCENE_MAX_VARIANTS];
  double ymax = 1.0, gap = 16 * p->k, h = (p->plot.height - (n - 1) * gap)
                                          / (double) n;

  for (size_t k = 0; k < n; k++)
    {
      rc[k] = rs_panel_heads_run (p->c, k, &d[k], &head[k]);
      for (size_t b = 0; rc[k] == RS_OK && b < RS_HEADS_BINS; b++)
        ymax = fmax (ymax, (double) d[k].bins[b]);
      if (rc[k] == RS_OK)
        ymax = fmax (ymax, fmax ((double) d[k].zero,
                                 (double) d[k].undefined));
    }
  ymax *= 1.15;
  for (size_t k = 0; k < n; k++)
    {
      rs_rect r = { p->plot.x, p->plot.y + k * (h + gap), p->plot.width,
                    h - (k + 1 < n ? 8 * p->k : 0) };
      char *esc = g_markup_escape_text (p->c->runs->name[k], -1);
      heads_row row = { &d[k], rs_runs_colour (p->t, k), NULL, NULL, 1, 0,
                        esc };

      if (rc[k] == RS_OK)
        {
          row.name = head_name[head[k]];
          row.formula = head_formula[head[k]];
          row.relu = head[k] == RS_HEAD_RELU_NORM;
          heads_draw_row (p, r, &row, ymax, k + 1 == n);
        }
      else
        {
          char buf[200];
          snprintf (buf, sizeof buf, "<b>━━ %s</b>: no head of its own "
                    "(no class scores, or another loss)", esc);
          pane_text (p, row.col, r.x - 30 * p->k, r.y, buf, 10.5, 0, 0, 0,
                     0);
        }
      g_free (esc);
    }
}

void
rs_panel_heads (cairo_t *cr, rs_rect r, const rs_panel_ctx *c)
{
  rs_heads_dist sm, rn;
  char note[192] = "", when[128];
  int rc = RS_EINVAL;
  pane p;

  if (c != NULL && c->sim != NULL)
    {
      rc = rs_panel_heads_dist (c, &sm, &rn);
      rs_panel_when (c, when, sizeof when);
      snprintf (note, sizeof note, "%s · %zu points", when, rn.n);
    }
  if (pane_begin (&p, cr, r, c, heads_margins, "Output heads",
                  rc == RS_OK ? note : NULL, NULL))
    {
      if (rc == RS_OK && pane_runs (c) > 1)
        heads_plot_runs (&p);
      else if (rc == RS_OK)
        heads_plot (&p, &sm, &rn, rs_panel_heads_own (c->sim));
      else
        pane_text (&p, p.t->muted, p.plot.x, p.plot.y + 4 * p.k,
                   "No class scores in this run: the heads need\n"
                   "two outputs or more and a class label per point\n"
                   "(loss softmax_ce or relu_norm_ce).", 10.5, 0, 0, 0, 0);
    }
  pane_end (&p);
}
