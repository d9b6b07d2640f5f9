/* plane_tilt.c: what shows a plateau tilting and the ball's way off it.
 *
 * After a change of activation (Leaky ReLU switched on), the plateau of
 * the surface before the change stays outlined, and the current loss
 * inside it gets contours on levels of its own small range: with alpha
 * 0.01 the tilt is a few hundredths of loss, invisible in the colour
 * scale, visible as these lines.  The arrow of steepest descent at the
 * ball has a length that grows with log10 |grad L|, with a ruler to read
 * it. */
#include <config.h>

#include <math.h>
#include <stdio.h>

#include "draw/place.h"
#include "draw/theme.h"
#include "draw/plane.h"
#include "draw/plane_private.h"

/* The arrow's length per decade of |grad L|, in units of s (about a line
 * of text), and the gradient norm at which it would be 0. */
#define ARROW_PER_DECADE 14.0
#define ARROW_ZERO 1e-5
#define ARROW_MIN 7.0
#define ARROW_MAX 98.0

double
rs_plane_arrow_length (double gnorm, double s)
{
  double len;

  if (!(gnorm > 0.0))
    return 0.0;
  len = ARROW_PER_DECADE * log10 (gnorm / ARROW_ZERO);
  return s * fmin (ARROW_MAX, fmax (ARROW_MIN, len));
}

/* The old plateau's cells as rectangles of the path (the clip of its
 * contours). */
static void
old_cells (cairo_t *cr, const rs_plane *p, rs_rect plot)
{
  size_t n = p->n;
  double cw = plot.width / (double) (n - 1);
  double ch = plot.height / (double) (n - 1);

  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++)
      if (p->old_plateau[i * n + j])
        cairo_rectangle (cr, plot.x + (j - 0.5) * cw,
                         plot.y + plot.height - (i + 0.5) * ch, cw, ch);
}

/* What the old plateau is, in markup, its two lines joined by sep, into
 * label. */
static void
old_text (const rs_plane *p, const char *sep, char *label, size_t n)
{
  char a[48] = "";

  if (p->alpha >= 0.0)
    snprintf (a, sizeof a, "α = %.2g", p->alpha);
  if (p->morph < 1.0 && !(p->old_step > 0))
    /* still flat (t = 0): no contours to speak of */
    snprintf (label, n, "<b>the plateau tilting</b>: %s", a);
  else if (p->morph < 1.0)
    snprintf (label, n, "<b>the plateau tilting</b>: %s%scontours every %g",
              a, sep, p->old_step);
  else if (p->old_step > 0)
    snprintf (label, n, "<b>the old plateau</b>, tilted by %s%scontours "
              "every %g", a, sep, p->old_step);
  else
    snprintf (label, n, "<b>the old plateau</b>");
}

/* The segments of lines (in grid positions) sent to the screen by map,
 * those whose middle is on the old plateau only when inside is 1. */
static void
path_3d (cairo_t *cr, const rs_plane *p, const rs_landscape *lines,
         int inside, rs_plane_to_screen map, const void *data)
{
  for (size_t k = 0; k < lines->n_segments; k++)
    {
      const rs_segment *g = &lines->segments[k];
      long j = lround ((g->u0 + g->u1) / 2), i = lround ((g->v0 + g->v1) / 2);
      double x, y;

      if (inside && (i < 0 || j < 0 || !rs_plane_was_plateau (p, (size_t) i,
                                                               (size_t) j)))
        continue;
      map (data, g->u0, g->v0, &x, &y);
      cairo_move_to (cr, x, y);
      map (data, g->u1, g->v1, &x, &y);
      cairo_line_to (cr, x, y);
    }
}

void
rs_plane_draw_old_plateau_3d (cairo_t *cr, const rs_plane *p,
                              rs_plane_to_screen map, const void *data,
                              double s)
{
  if (p->old_outline == NULL || p->old_contours == NULL)
    return;
  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_new_path (cr);
  path_3d (cr, p, p->old_contours, 1, map, data);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.7);
  cairo_set_line_width (cr, 0.9 * s);
  cairo_stroke (cr);
  path_3d (cr, p, p->old_outline, 0, map, data);
  rs_plane_stroke_edge (cr, s, (rs_rgb) { 1, 1, 1 }, (rs_rgb) { 0, 0, 0 },
                        1.6);
  cairo_restore (cr);
}

void
rs_plane_stroke_edge (cairo_t *cr, double s, rs_rgb line, rs_rgb halo,
                      double width)
{
  rs_theme_set_alpha (cr, halo, 0.45);
  cairo_set_line_width (cr, 2 * width * s);
  cairo_stroke_preserve (cr);
  rs_theme_set (cr, line);
  cairo_set_line_width (cr, width * s);
  cairo_stroke (cr);
}

int
rs_plane_legend_3d (const rs_plane *p, char *buf, size_t n)
{
  char old[160];
  size_t flat = 0;

  if (p->old_outline != NULL && p->old_contours != NULL)
    {
      old_text (p, "; ", old, sizeof old);
      snprintf (buf, n, "white edge: %s", old);
      return 1;
    }
  for (size_t k = 0; p->plateau != NULL && k < p->n * p->n; k++)
    flat += p->plateau[k];
  if (flat == 0)
    return 0;
  snprintf (buf, n, "hatched: <b>the plateau</b>, ∇L = 0");
  return 1;
}

void
rs_plane_draw_old_plateau (cairo_t *cr, const rs_plane *p, rs_rect plot,
                           double s)
{
  if (p->old_outline == NULL || p->old_contours == NULL)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, plot.x, plot.y, plot.width, plot.height);
  cairo_clip (cr);
  cairo_new_path (cr);
  old_cells (cr, p, plot);
  cairo_save (cr);
  cairo_clip (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.7);
  cairo_set_line_width (cr, 0.9 * s);
  rs_landscape_stroke_levels (cr, p->old_contours, plot);
  cairo_restore (cr);
  /* the edge: white on a dark halo */
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.45);
  cairo_set_line_width (cr, 3.2 * s);
  rs_landscape_stroke_levels (cr, p->old_outline, plot);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 1.6 * s);
  rs_landscape_stroke_levels (cr, p->old_outline, plot);
  cairo_restore (cr);
}

int
rs_plane_old_label (const rs_plane *p, char *buf, size_t n)
{
  size_t count = 0;

  if (p->old_outline == NULL || p->old_contours == NULL
      || p->old_plateau == NULL)
    return 0;
  for (size_t k = 0; k < p->n * p->n; k++)
    count += p->old_plateau[k];
  if (count <= p->n * p->n / 12)
    return 0;
  old_text (p, "\n", buf, n);
  return 1;
}

/* The ruler's title. */
#define RULER_TITLE "−∇L length: log ‖∇L‖"

rs_rect
rs_plane_ruler_box (cairo_t *cr, rs_rect plot, double s)
{
  double x0 = plot.x + plot.width - rs_plane_arrow_length (1.0, s)
              - 14 * s, y = plot.y + plot.height - 14 * s, w, h;

  rs_text_size (cr, NULL, RULER_TITLE, 9 * s, 0, &w, &h);
  return (rs_rect) { x0 - 6 * s - w - 2 * s, y - 6 * s - h - 2 * s,
                     plot.x + plot.width - (x0 - 8 * s - w),
                     plot.y + plot.height - (y - 8 * s - h) };
}

/* The ruler of the arrow's lengths at the plot's bottom right: ticks at
 * ‖grad L‖ = 10^-4, 10^-2 and 1, labelled. */
static void
arrow_ruler (cairo_t *cr, rs_rect plot, double s)
{
  static const double at[] = { 1e-4, 1e-2, 1.0 };
  static const char *const name[] = { "10⁻⁴", "10⁻²", "1" };
  double x0 = plot.x + plot.width - rs_plane_arrow_length (1.0, s)
              - 14 * s, y = plot.y + plot.height - 14 * s;

  cairo_save (cr);
  rs_theme_set (cr, rs_palette_colour (RS_HUE_GRADIENT, 0));
  cairo_set_line_width (cr, 2.0 * s);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x0 + rs_plane_arrow_length (1.0, s), y);
  cairo_stroke (cr);
  for (int k = 0; k < 3; k++)
    {
      double x = x0 + rs_plane_arrow_length (at[k], s);

      cairo_move_to (cr, x, y - 4 * s);
      cairo_line_to (cr, x, y + 4 * s);
      cairo_stroke (cr);
      rs_draw_text_on_map (cr, x, y - 6 * s, name[k], 9 * s, 0, 0.5, 1);
    }
  rs_draw_text_on_map (cr, x0 - 6 * s, y, RULER_TITLE, 9 * s, 0, 1, 0.5);
  cairo_restore (cr);
}

/* Where the arrow's label goes: beyond its tip (tx, ty) along (ux, uy),
 * else across it, else on the ball's other side, off the plane's other
 * labels, the ruler and the ball (place.h); a box of w x h. */
static rs_rect
arrow_label_box (cairo_t *cr, const rs_plane *p, rs_rect plot, double x,
                 double y, double tx, double ty, double ux, double uy,
                 double w, double h, double s)
{
  rs_placer *pl = rs_placer_alloc (plot);
  rs_rect box[64], b = { tx + 7 * s * ux - (ux < 0 ? w : 0),
                         ty + 7 * s * uy - h / 2, w, h };
  int kind[64];
  size_t n = rs_plane_label_boxes (p, box, kind, 64), id;
  /* directions along (a) and across (c) the arrow, and how far: from
   * its tip forward, across and diagonally, then farther on; from the
   * ball backwards */
  static const double dir[8][3] = { { 1, 0, 1 }, { 0, 1, 1 }, { 0, -1, 1 },
                                    { 1, 1, 1 }, { 1, -1, 1 }, { 1, 0, 3 },
                                    { -1, 0, 1 }, { -1, 0, 3 } };

  if (pl == NULL)
    return b;
  for (size_t k = 0; k < n && k < 64; k++)
    if (kind[k] != RS_PLANE_LABEL_ARROW)
      rs_placer_box (pl, box[k]);
  rs_placer_box (pl, rs_plane_ruler_box (cr, plot, s));
  rs_plane_path_obstacles (pl, p, plot, s, p->shown);   /* as drawn */
  rs_placer_disc (pl, x, y, 10 * s);
  rs_placer_segment (pl, x, y, tx, ty, 3 * s);
  id = rs_placer_label (pl, 1, RS_PLACE_MAY_COVER);
  for (int k = 0; k < 8; k++)
    {
      double len = hypot (dir[k][0], dir[k][1]);
      double ax = (dir[k][0] * ux - dir[k][1] * uy) / len;
      double ay = (dir[k][0] * uy + dir[k][1] * ux) / len;
      double d = 12 * s * dir[k][2] + fabs (ax) * w / 2 + fabs (ay) * h / 2;
      double cx = (dir[k][0] < 0 ? x : tx) + ax * d;
      double cy = (dir[k][0] < 0 ? y : ty) + ay * d;

      rs_placer_candidate (pl, id, (rs_rect) { cx - w / 2, cy - h / 2, w,
                                               h });
    }
  rs_placer_solve (pl);
  rs_placer_chosen (pl, id, &b);
  rs_placer_free (pl);
  return b;
}

void
rs_plane_draw_arrow (cairo_t *cr, const rs_plane *p, rs_rect plot,
                     double x, double y, double s)
{
  double dx, dy, d, len, g, tw, th;
  char buf[64];
  rs_rect b;

  rs_plane_labels_arrow (p, NULL);
  if (!p->grad_ok)
    return;
  arrow_ruler (cr, plot, s);
  dx = -p->gu * plot.width / (p->ur.hi - p->ur.lo);
  dy = p->gv * plot.height / (p->vr.hi - p->vr.lo);
  d = hypot (dx, dy);
  g = hypot (p->gu, p->gv);
  len = rs_plane_arrow_length (g, s);
  if (!(d > 1e-300) || len == 0.0)
    {
      rs_text_size (cr, NULL, "∇L = 0", 12 * s, 1, &tw, &th);
      b = arrow_label_box (cr, p, plot, x, y, x, y, M_SQRT1_2, M_SQRT1_2,
                           tw + 4 * s, th + 2 * s, s);
      rs_plane_labels_arrow (p, &b);
      rs_draw_text_on_map (cr, b.x + 2 * s, b.y + s, "∇L = 0", 12 * s, 1,
                           0, 0);
      return;
    }
  rs_theme_set (cr, rs_palette_colour (RS_HUE_GRADIENT, 0));
  cairo_set_line_width (cr, 2.5 * s);
  rs_draw_arrow (cr, x, y, x + len * dx / d, y + len * dy / d, s);
  snprintf (buf, sizeof buf, "−∇L  ‖∇L‖ = %.2g", g);
  rs_text_size (cr, NULL, buf, 11 * s, 1, &tw, &th);
  b = arrow_label_box (cr, p, plot, x, y, x + len * dx / d, y + len * dy / d,
                       dx / d, dy / d, tw + 4 * s, th + 2 * s, s);
  rs_plane_labels_arrow (p, &b);
  rs_draw_text_on_map (cr, b.x + 2 * s, b.y + s, buf, 11 * s, 1, 0, 0);
}

int
rs_plane_was_plateau (const rs_plane *p, size_t i, size_t j)
{
  return p->old_plateau != NULL && i < p->n && j < p->n
         && p->old_plateau[i * p->n + j];
}

double
rs_plane_tilt_step (const rs_plane *p)
{
  return p->old_plateau != NULL ? p->old_step : 0.0;
}
