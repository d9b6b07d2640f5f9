/* panel_hist.c: the pre-activation histogram (C6) and the gradient-by-depth panel (C1). */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/pane.h"

/* The histogram's bins (C6). */
#define HIST_BINS 40

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
      double x0 = axes_x (a, z0), x1 = axes_x (a, z0 + h->bw);
      double y = axes_y (a, (double) h->bins[b]);
      if (h->bins[b] == 0)
        continue;
      cairo_rectangle (p->cr, x0, y, x1 - x0, axes_y (a, 0.0) - y);
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
  double x = axes_x (a, 0.0);

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
  pane_label_boxed (p, p->t->dead, a->box.x + 5 * p->k, a->box.y + 4 * p->k, buf,
               11, 0, 0, 0);
  snprintf (buf, sizeof buf, "<b>z &gt; 0: %.0f %%</b>\n%zu of %.0f",
            100.0 * (double) h->above / tot, h->above, tot);
  pane_label_boxed (p, p->t->alive, a->box.x + a->box.width - 5 * p->k,
               a->box.y + 4 * p->k, buf, 11, 0, 1, 0);
}

/* The end of a plot of this file, drawn clipped since cairo_save: the
 * clip undone, then the frame and the axes' titles. */
static void
plot_close (pane *p, const axes *a, const char *x_title, const char *y_title)
{
  cairo_restore (p->cr);
  axes_frame (p, a);
  axes_x_title (p, a, x_title);
  axes_y_title (p, a, y_title, p->r.x + 3 * p->k);
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
  axes_x_ticks (p, &a, 1);
  axes_y_ticks (p, &a, a.box.height / (50 * p->k));
  cairo_save (p->cr);
  axes_clip (p, &a);
  hist_halves (p, &a);
  hist_bars (p, &a, h);
  hist_shares (p, &a, h);
  plot_close (p, &a, "<i>z</i> = <i>w</i>·<i>x</i> + <i>b</i>, layer 1",
              "count");
}

void
rs_panel_histogram (cairo_t *cr, rs_rect r, const rs_panel_ctx *c)
{
  hist h = { 0, 0, INFINITY, -INFINITY, 0, 0.0, { 0 } };
  int ok = c != NULL && c->sim != NULL && hist_pass (c, &h, 0) == RS_OK;
  char note[128] = "";
  pane p;

  if (ok)
    {
      hist_layout (&h);
      ok = hist_pass (c, &h, 1) == RS_OK;
      rs_panel_when (c, note, sizeof note);
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
    cairo_line_to (p->cr, axes_x (a, L), axes_y (a, L * lv));
  cairo_set_line_width (p->cr, 2.2 * p->k);
  rs_theme_set (p->cr, col);
  cairo_stroke (p->cr);
  for (int L = 1; L <= DEPTH_MAX; L++)
    {
      cairo_new_sub_path (p->cr);
      cairo_arc (p->cr, axes_x (a, L), axes_y (a, L * lv), 2.8 * p->k, 0,
                 2 * M_PI);
    }
  cairo_fill (p->cr);
}

/* The scene's depth: a dashed line in the text's colour (not an event:
 * the palette's event colour stays with kicks and switches) and the
 * sigmoid bound's value there. */
static void
depth_mark (pane *p, const axes *a, size_t d)
{
  double x = axes_x (a, (double) d), dash = 4 * p->k;
  double ys = axes_y (a, (double) d * log10 (0.25));
  char buf[96];

  cairo_save (p->cr);
  cairo_set_dash (p->cr, &dash, 1, 0);
  cairo_set_line_width (p->cr, 1.4 * p->k);
  rs_theme_set (p->cr, p->t->fg);
  cairo_move_to (p->cr, x, a->box.y);
  cairo_line_to (p->cr, x, a->box.y + a->box.height);
  cairo_stroke (p->cr);
  cairo_restore (p->cr);
  snprintf (buf, sizeof buf, "this scene: L = %zu", d);
  pane_label_boxed (p, p->t->fg, x + 4 * p->k,
               a->box.y + a->box.height - 4 * p->k, buf, 10.5, 1, 0, 1);
  snprintf (buf, sizeof buf, "(¼)<sup>%zu</sup> = %.3g", d,
            pow (0.25, (double) d));
  pane_label_boxed (p, p->t->second, x + 5 * p->k, ys - 4 * p->k, buf, 10.5, 0,
               0, 1);
}

static void
depth_plot (pane *p)
{
  axes a = { p->plot, 0.5, DEPTH_MAX + 0.5, -8.0, 0.7 };
  const char *sig = "sigmoid: (¼)<sup>L</sup> bound";
  double mid = 5.0;

  axes_fill (p, &a);
  axes_y_log_ticks (p, &a);
  axes_x_ticks (p, &a, 1);
  cairo_save (p->cr);
  axes_clip (p, &a);
  depth_series (p, &a, 1.0, p->t->alive);
  depth_series (p, &a, 0.25, p->t->second);
  depth_mark (p, &a, depth_of (p->c->sim));
  pane_label_boxed (p, p->t->alive, axes_x (&a, DEPTH_MAX), axes_y (&a, 0.0)
               + 5 * p->k, "ReLU (active path): 1", 11, 1, 1, 0);
  pane_label_boxed (p, p->t->second,
               fmax (axes_x (&a, mid) - 6 * p->k,
                     a.box.x + 4 * p->k + pane_text_width (p, sig, 11, 1)),
               axes_y (&a, mid * log10 (0.25)) + 6 * p->k, sig, 11, 1, 1, 0);
  plot_close (p, &a, "layers <i>L</i>", "gradient factor");
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
