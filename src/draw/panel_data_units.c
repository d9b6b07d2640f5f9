/* panel_data_units.c: each unit of layer 1 on its own, under the data
 * view's plot when the panel has room (view data; C4).
 *
 * A row of thumbnails, one a unit: its output a_j over the same inputs
 * as the plot, each on its own scale from 0 up (a curve over one input,
 * a small map over two), a live unit's in the alive colour; a dead
 * unit's is 0 everywhere on the data, drawn flat in the dead colour on a
 * faded cell with its number crossed out.  What the plot's sum hides
 * shows here unit by unit: which pieces the network is made of, and how
 * many of them are gone. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/panel_data.h"

/* Samples of a thumbnail (a side, for two inputs), the most units shown,
 * and the strip's heights: the cells, the numbers under them and the
 * line over them, and the room the plot's own x axis needs. */
#define UNIT_SAMPLES 41
#define UNITS_MAX 32
#define CELL_H 40.0
#define NUMBER_H 13.0
#define TITLE_H 15.0
#define AXIS_H 38.0

/* A network's layer-1 units, when there are some and not too many. */
static size_t
units_of (const dview *v)
{
  size_t n = rs_net_layers (v->w.net) > 1 ? rs_net_units (v->w.net, 1) : 0;

  return n <= UNITS_MAX ? n : 0;
}

rs_rect
data_units_strip (pane *p, const dview *v)
{
  size_t n = units_of (v);
  double k = p->k, need = CELL_H + NUMBER_H + TITLE_H + AXIS_H;
  double cw = n > 0 ? (p->plot.width - 4 * k * (n - 1)) / n : 0;
  rs_rect strip = { 0, 0, 0, 0 };

  /* a plot of 200 points at least above the strip, cells 16 wide */
  if (n == 0 || p->plot.height < (200 + need) * k || cw < 16 * k)
    return strip;
  strip.x = p->plot.x;
  strip.width = p->plot.width;
  strip.height = CELL_H * k;
  strip.y = p->plot.y + p->plot.height - NUMBER_H * k - strip.height;
  p->plot.height -= need * k;
  return strip;
}

/* Layer 1's outputs at n samples a side of the window, unit by unit
 * (a_j at sample i at [j m + i], m = n or n x n); a new array, NULL
 * when out of memory. */
static double *
unit_outputs (const dview *v, size_t n, size_t *m)
{
  size_t units = rs_net_units (v->w.net, 1);
  double *x = data_sample_inputs (v, n), *a = NULL;
  rs_net_workspace *ws;

  *m = v->dim == 1 ? n : n * n;
  ws = x != NULL ? rs_net_workspace_alloc (v->w.net, *m, NULL) : NULL;
  if (ws != NULL && rs_net_forward (v->w.net, x, *m, ws) == RS_OK
      && (a = malloc (units * *m * sizeof *a)) != NULL)
    memcpy (a, rs_net_workspace_a (ws, 1), units * *m * sizeof *a);
  rs_net_workspace_free (ws);
  free (x);
  return a;
}

int
rs_panel_data_unit (const rs_panel_ctx *c, size_t j, size_t n, double *out)
{
  dview v;
  double *a = NULL;
  size_t m = 0;
  int rc = n >= 2 ? data_view_begin (&v, c) : RS_EINVAL;

  if (rc != RS_OK)
    return rc;
  if (rs_net_layers (v.w.net) < 2 || j >= rs_net_units (v.w.net, 1))
    rc = RS_EINVAL;
  else if ((a = unit_outputs (&v, n, &m)) == NULL)
    rc = RS_ENOMEM;
  else
    memcpy (out, a + j * m, m * sizeof *out);
  free (a);
  sweep_end (&v.w);
  return rc;
}

/* The largest of m values, 0 when none is above 0. */
static double
top_of (const double *a, size_t m)
{
  double hi = 0.0;

  for (size_t i = 0; i < m; i++)
    if (isfinite (a[i]))
      hi = fmax (hi, a[i]);
  return hi;
}

/* A unit's output over one input in cell c, from 0 at its bottom to its
 * largest value at its top. */
static void
unit_curve (pane *p, rs_rect c, const double *a, size_t m, rs_rgb col)
{
  double hi = top_of (a, m);

  cairo_new_path (p->cr);
  for (size_t i = 0; i < m; i++)
    cairo_line_to (p->cr, c.x + c.width * (double) i / (double) (m - 1),
                   c.y + c.height - (hi > 0 && isfinite (a[i])
                                     ? c.height * 0.9 * a[i] / hi : 0.0));
  cairo_set_line_width (p->cr, 1.3 * p->k);
  rs_theme_set (p->cr, col);
  cairo_stroke (p->cr);
}

/* A unit's output over two inputs in cell c: n x n squares from the
 * panel's colour at 0 to col at its largest value. */
static void
unit_map (pane *p, rs_rect c, const double *a, size_t n, rs_rgb col)
{
  double hi = top_of (a, n * n), w = c.width / n, h = c.height / n;
  rs_rgb bg = p->t->panel;

  for (size_t r = 0; r < n; r++)
    for (size_t q = 0; q < n; q++)
      {
        double t = hi > 0 && isfinite (a[r * n + q]) ? a[r * n + q] / hi
                                                       : 0.0;
        if (t <= 0.0)
          continue;
        cairo_set_source_rgb (p->cr, bg.r + t * (col.r - bg.r),
                              bg.g + t * (col.g - bg.g),
                              bg.b + t * (col.b - bg.b));
        cairo_rectangle (p->cr, c.x + q * w, c.y + c.height - (r + 1) * h,
                         w + 0.5, h + 0.5);
        cairo_fill (p->cr);
      }
}

/* One unit's cell: its frame, its output, its number under it; a dead
 * unit's faded, flat at 0 in the dead colour, its number struck out. */
static void
unit_cell (pane *p, const dview *v, rs_rect c, size_t j, const double *a,
           size_t m)
{
  int dead = v->dead1[j];
  char num[48];

  rs_theme_set (p->cr, p->t->panel);
  cairo_rectangle (p->cr, c.x, c.y, c.width, c.height);
  cairo_fill_preserve (p->cr);
  cairo_set_line_width (p->cr, 0.8 * p->k);
  rs_theme_set (p->cr, dead ? p->t->dead : p->t->grid);
  cairo_stroke (p->cr);
  if (v->dim == 1)
    unit_curve (p, c, a, m, dead ? p->t->dead : p->t->alive);
  else
    unit_map (p, c, a, UNIT_SAMPLES, p->t->alive);
  if (dead)
    {
      rs_theme_set_alpha (p->cr, p->t->bg, 0.45);
      cairo_rectangle (p->cr, c.x, c.y, c.width, c.height);
      cairo_fill (p->cr);
    }
  snprintf (num, sizeof num, dead ? "<s>%zu</s>" : "%zu", j);
  pane_text (p, dead ? p->t->dead : p->t->muted, c.x + c.width / 2,
             c.y + c.height + 1.5 * p->k, num, 8.5, 0, 0.5, 0, 0);
}

void
data_draw_units (pane *p, const dview *v, rs_rect strip)
{
  size_t n = rs_net_units (v->w.net, 1), m;
  double gap = 4 * p->k, cw = (strip.width - gap * (n - 1)) / n;
  double *a = unit_outputs (v, UNIT_SAMPLES, &m);
  char title[120];
  int any_dead = 0;

  if (a == NULL)
    return;
  for (size_t j = 0; j < n; j++)
    any_dead |= v->dead1[j];
  snprintf (title, sizeof title, "layer 1, unit by unit: each one's "
            "output from 0 up%s", any_dead ? " (dead: flat, struck out)"
                                           : "");
  pane_text (p, p->t->muted, strip.x, strip.y - 2 * p->k, title, 9.5, 0, 0,
             1, 0);
  for (size_t j = 0; j < n; j++)
    unit_cell (p, v, (rs_rect) { strip.x + j * (cw + gap), strip.y, cw,
                                 strip.height }, j, a + j * m, m);
  free (a);
}
