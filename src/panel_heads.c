/* panel_heads.c: the output heads panel: softmax against the ReLU-normalised head (C12). */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pane.h"

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
    cairo_line_to (p->cr, axes_x (a, heads_z (i)),
                   axes_y (a, heads_p (0, heads_z (i))));
  cairo_set_line_width (p->cr, 2.4 * p->k);
  rs_theme_set (p->cr, p->t->accent);
  cairo_stroke (p->cr);
  cairo_move_to (p->cr, axes_x (a, -4.0), axes_y (a, 0.0));
  cairo_line_to (p->cr, axes_x (a, 0.0), axes_y (a, 0.0));
  cairo_move_to (p->cr, axes_x (a, 0.0), axes_y (a, 1.0));
  cairo_line_to (p->cr, axes_x (a, 4.0), axes_y (a, 1.0));
  rs_theme_set (p->cr, p->t->second);
  cairo_stroke (p->cr);
  cairo_arc (p->cr, axes_x (a, 0.0), axes_y (a, 0.0), 3.5 * p->k, 0, 2 * M_PI);
  cairo_fill (p->cr);
  cairo_arc (p->cr, axes_x (a, 0.0), axes_y (a, 1.0), 3.5 * p->k, 0, 2 * M_PI);
  rs_theme_set (p->cr, p->t->panel);
  cairo_fill_preserve (p->cr);
  rs_theme_set (p->cr, p->t->second);
  cairo_set_line_width (p->cr, 1.5 * p->k);
  cairo_stroke (p->cr);
  pane_label_boxed (p, p->t->second, axes_x (a, -0.3), axes_y (a, 0.0) - 4 * p->k,
               "p = 0", 10.5, 1, 1, 1);
}

/* The region z <= 0 where the ReLU head's loss is infinite and flat:
 * hatched, an arrow to infinity, and what it means. */
static void
heads_infinite (pane *p, const axes *a)
{
  double x0 = a->box.x, x1 = axes_x (a, 0.0), y0 = a->box.y;
  double h = a->box.height, step = 8 * p->k, xm = axes_x (a, -0.6);
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
  cairo_move_to (p->cr, xm, axes_y (a, 2.4));
  cairo_line_to (p->cr, xm, y0 + 8 * p->k);
  cairo_stroke (p->cr);
  cairo_move_to (p->cr, xm, y0 + 3 * p->k);
  cairo_line_to (p->cr, xm - 4.5 * p->k, y0 + 11 * p->k);
  cairo_line_to (p->cr, xm + 4.5 * p->k, y0 + 11 * p->k);
  cairo_close_path (p->cr);
  cairo_fill (p->cr);
  pane_text (p, p->t->dead, xm + 5 * p->k, y0 + 2 * p->k, "<b>∞</b>", 20, 0, 0, 0,
        0);
  if (pane_text_width (p, note, 10, 0) < xm - x0 - 10 * p->k)
    pane_label_boxed (p, p->t->dead, x0 + 4 * p->k, y0 + 4 * p->k, note, 10, 0, 0,
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
      cairo_line_to (p->cr, axes_x (a, heads_z (i)),
                     axes_y (a, isfinite (v) ? fmin (v, a->y1) : a->y1));
    }
  cairo_set_line_width (p->cr, 2.4 * p->k);
  rs_theme_set (p->cr, p->t->accent);
  cairo_stroke (p->cr);
  cairo_new_path (p->cr);
  for (size_t i = 0; i < HEADS_GRID; i++)
    {
      double v = heads_loss (rs_loss_relu_norm_ce, heads_z (i));
      if (isfinite (v))
        cairo_line_to (p->cr, axes_x (a, heads_z (i)), axes_y (a, v));
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
  axes_x_ticks (p, &a, 1);
  axes_y_ticks (p, &a, box.height / (50 * p->k));
  cairo_save (p->cr);
  axes_clip (p, &a);
  if (losses)
    heads_losses (p, &a);
  else
    heads_probs (p, &a);
  cairo_restore (p->cr);
  axes_frame (p, &a);
  axes_x_title (p, &a, "<i>z</i> in scores (<i>z</i>, 0, −1)");
  axes_y_title (p, &a, ytitle, box.x - 42 * p->k);
}

void
rs_panel_heads (cairo_t *cr, rs_rect r, const rs_panel_ctx *c)
{
  char note[160] = "", acc[8], sec[8];
  pane p;

  pane_hex (pane_theme_of (c)->accent, acc);
  pane_hex (pane_theme_of (c)->second, sec);
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
