/* plane_draw.c: a plane drawn flat, and its basin map.
 *
 * The flat landscape reuses the landscape pieces of draw.c: the heatmap
 * with its contours, the dead units and the plateau hatched, the frame
 * with its axes and the colour bar, all kept as a still layer (struct
 * plane_cache) under the path, the ball and the arrow, which move from
 * frame to frame.  The basin map colours each start by where it ends.
 * The 3-D surface is plane_3d.c's; rs_plane_draw picks. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/plane.h"
#include "draw/plane_private.h"
#include "draw/slice_pick.h"

rs_rect
rs_plane_plot_rect (rs_rect r, double s)
{
  rs_rect plot;

  plot.x = r.x + 70.0 * s;
  plot.y = r.y + 30.0 * s;
  plot.width = fmax (r.width - 70.0 * s - 104.0 * s, 8.0);
  plot.height = fmax (r.height - 30.0 * s - 52.0 * s, 8.0);
  return plot;
}

void
rs_plane_map (const rs_plane *p, rs_rect plot, double u, double v,
              double *x, double *y)
{
  *x = plot.x + (u - p->ur.lo) / (p->ur.hi - p->ur.lo) * plot.width;
  *y = plot.y + (p->vr.hi - v) / (p->vr.hi - p->vr.lo) * plot.height;
}

void
rs_plane_unmap (const rs_plane *p, rs_rect plot, double x, double y,
                double *u, double *v)
{
  *u = p->ur.lo + (x - plot.x) / plot.width * (p->ur.hi - p->ur.lo);
  *v = p->vr.hi - (y - plot.y) / plot.height * (p->vr.hi - p->vr.lo);
}

void
rs_plane_map_cells (const rs_plane *p, rs_rect plot, double u, double v,
                    double *x, double *y)
{
  double fu = (u - p->ur.lo) / (p->ur.hi - p->ur.lo);
  double fv = (v - p->vr.lo) / (p->vr.hi - p->vr.lo);
  double cw = plot.width / (double) p->n, ch = plot.height / (double) p->n;

  *x = plot.x + (0.5 + fu * (p->n - 1)) * cw;
  *y = plot.y + plot.height - (0.5 + fv * (p->n - 1)) * ch;
}

/* What the plane shows, for its title. */
static const char *
plane_name (const rs_plane *p)
{
  return p->view->kind == RS_VIEW_BASIN ? "Basin map" : "Loss landscape";
}

void
rs_plane_title (const rs_plane *p, char *buf, size_t n)
{
  const char *what = plane_name (p);

  size_t step = rs_sim_recorded (p->sim, p->at)->step;
  const char *pin = p->view->pinned ? " (pinned)" : "";
  char when[80];

  /* mid-kick the surface is that of the parameters part of the way */
  if (p->kick_t < 1.0)
    snprintf (when, sizeof when, "%.0f %% through the kick at step %zu",
              100.0 * p->kick_t, step);
  else
    snprintf (when, sizeof when, "at step %zu", step);

  if (p->view->axes == RS_AXES_RANDOM)
    snprintf (buf, n, "<b>%s</b> · random directions (filter-normalised)",
              what);
  else if (p->view->axes == RS_AXES_PCA)
    snprintf (buf, n, "<b>%s</b> · principal components of the path", what);
  else if (p->picked)
    {
      char unit[80];

      rs_pick_caption (&p->pick, p->sim, unit, sizeof unit);
      snprintf (buf, n, "<b>%s</b> · %s · others %s%s", what, unit, when,
                pin);
      return;
    }
  else if (rs_sim_is_neuron (p->sim))
    buf[0] = '\0';
  else
    {
      snprintf (buf, n, "<b>%s</b> · the other parameters %s%s", what,
                when, pin);
      return;
    }
  if (buf[0] == '\0')
    snprintf (buf, n, "<b>%s</b>", what);
  if (p->kick_t < 1.0)
    snprintf (buf + strlen (buf), n - strlen (buf), " · %s", when);
  /* a pinned surface is not the one of the step shown: say so */
  if (p->view->pinned)
    snprintf (buf + strlen (buf), n - strlen (buf), " · at step %zu%s",
              step, pin);
}

/* The cells of mask hatched, a cell where its grid point is set: lines
 * rising (dir 1) or falling (dir -1), every gap units, with opacity a.
 * Returns the number of cells. */
static size_t
hatch_cells (cairo_t *cr, const rs_plane *p, const unsigned char *mask,
             rs_rect plot, double s, int dir, double gap, double a)
{
  size_t n = p->n, count = 0;
  double cw = plot.width / (double) (n - 1);
  double ch = plot.height / (double) (n - 1);

  cairo_save (cr);
  cairo_rectangle (cr, plot.x, plot.y, plot.width, plot.height);
  cairo_clip (cr);
  cairo_new_path (cr);
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++)
      {
        size_t j0 = j;

        if (!mask[i * n + j])
          continue;
        while (j + 1 < n && mask[i * n + j + 1])
          j++;
        cairo_rectangle (cr, plot.x + (j0 - 0.5) * cw,
                         plot.y + plot.height - (i + 0.5) * ch,
                         (j - j0 + 1) * cw, ch);
        count += j - j0 + 1;
      }
  if (count > 0)
    {
      cairo_clip (cr);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.08 * a);
      cairo_paint (cr);
      cairo_set_line_width (cr, 1.2 * s);
      cairo_set_source_rgba (cr, 1, 1, 1, a);
      rs_draw_hatch (cr, plot, gap * s, dir > 0);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
  return count;
}

/* Where a unit of the axes is dead, hatched lightly (C4); the plateau,
 * where the whole gradient vanishes, hatched boldly (C5); each to be
 * labelled, into reg, when it is large enough to hold its label.
 * Returns the number of regions to label. */
static size_t
draw_dead (cairo_t *cr, const rs_plane *p, rs_rect plot, double s,
           plane_region *reg)
{
  size_t big = p->n * p->n / 12, nd = 0, np = 0, both = 0, nr = 0;

  for (size_t k = 0; k < p->n * p->n; k++)
    {
      nd += p->deader[k];
      np += p->plateau[k];
      both += p->deader[k] && p->plateau[k];
    }
  /* where the plateau is the dead region (one unit), one hatch says it */
  /* along random directions or principal components every unit moves,
   * and "more units dead than the fewest" no longer names one unit */
  int named = p->view->axes == RS_AXES_DEFAULT
              || p->view->axes == RS_AXES_PARAMS;
  int dead = both >= 0.9 * nd && nd > 0;

  if (named && nd > 0 && both < 0.9 * nd
      && hatch_cells (cr, p, p->deader, plot, s, -1, 14.0, 0.28)
         > big)
    {
      reg[nr] = (plane_region) { p->deader, "<b>a unit is dead</b>\nits "
                                 "gradient is 0", "<b>a unit is dead</b>",
                                 60 };
      nr++;
    }
  if (np > 0
      && hatch_cells (cr, p, p->plateau, plot, s, 1, 11.0, 0.45)
         > big && rs_plane_plateau_label (p, dead))
    {
      reg[nr] = (plane_region) { p->plateau, "", "", 70 };
      snprintf (reg[nr].text, sizeof reg[nr].text, "%s",
                rs_plane_plateau_label (p, dead));
      snprintf (reg[nr].brief, sizeof reg[nr].brief, "%s",
                dead ? "<b>dead</b>: ∇L = 0" : "<b>plateau</b>");
      nr++;
    }
  return nr;
}

const char *
rs_plane_plateau_label (const rs_plane *p, int dead)
{
  /* outlined, the old plateau's own label says what it is (at the
     morph's start it is this plateau): one label at a time */
  if (p->old_outline != NULL && p->old_contours != NULL)
    return NULL;
  return dead ? "<b>dead</b>: a flat plateau\n∇L = 0"
         : "<b>plateau</b>: ∇L = 0";
}

typedef struct {
  const rs_plane *p;
  rs_rect plot;
} path_job;

static unsigned
plane_point (void *data, size_t i, double *x, double *y)
{
  const path_job *job = data;
  double u = job->p->pu[i], v = job->p->pv[i];

  /* the path ends where the ball is (mid-kick: the points of the kick's
   * step after it are where the ball is going) */
  if (i == job->p->shown || (job->p->kick_at > 0 && i >= job->p->kick_at))
    rs_plane_ball (job->p, &u, &v);
  rs_plane_map (job->p, job->plot, u, v, x, y);
  return rs_sim_recorded (job->p->sim, i)->events;
}

/* The path with a dark halo, broken at kicks and restarts; kicks as
 * arrows; the start ringed; markers at the steps when they are few. */
static void
draw_path (cairo_t *cr, const rs_plane *p, rs_rect plot, double s)
{
  path_job job = { p, plot };
  double x, y, px = 0, py = 0;

  cairo_save (cr);
  cairo_rectangle (cr, plot.x, plot.y, plot.width, plot.height);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  rs_draw_path_line (cr, p->shown + 1, plane_point, &job, s);
  for (size_t i = 0; i <= p->shown; i++)
    {
      rs_plane_map (p, plot, p->pu[i], p->pv[i], &x, &y);
      rs_draw_path_mark (cr, px, py, x, y,
                         rs_sim_recorded (p->sim, i)->events, i,
                         p->shown < 400, s);
      px = x;
      py = y;
    }
  rs_plane_draw_path_labels (cr, p, s);
  cairo_restore (cr);
}

/* Ticks with their numbers along an axis of the plot, and its title. */
static void
draw_axis (cairo_t *cr, rs_rect plot, rs_interval r, int horizontal,
           const char *title, const rs_theme *th, const char *font, double s)
{
  /* about one tick per 55 units of length, 2 to 6 of them */
  double room = (horizontal ? plot.width : plot.height) / (55.0 * s);
  double step = rs_draw_nice_step (r.hi - r.lo, (int) fmax (2.0, fmin (6.0,
                                                                  room)));
  long k0 = (long) ceil (r.lo / step - 1e-9);
  long k1 = (long) floor (r.hi / step + 1e-9);
  double t = 5.0 * s, wmax = 0.0;
  char buf[32];

  rs_theme_set (cr, th->fg);
  cairo_set_line_width (cr, 1.0 * s);
  for (long k = k0; k <= k1; k++)
    {
      double v = k * step, f = (v - r.lo) / (r.hi - r.lo);
      double x = horizontal ? plot.x + f * plot.width : plot.x;
      double y = horizontal ? plot.y + plot.height
                            : plot.y + (1.0 - f) * plot.height;

      cairo_move_to (cr, x, y);
      cairo_line_to (cr, horizontal ? x : x - t, horizontal ? y + t : y);
      cairo_stroke (cr);
      snprintf (buf, sizeof buf, "%g", fabs (v) < 1e-12 * step ? 0.0 : v);
      if (horizontal)
        rs_text (cr, font, x, y + t + 2 * s, buf, 11 * s, 0, 0.5, 0, 0);
      else
        wmax = fmax (wmax, rs_text (cr, font, x - t - 3 * s, y, buf, 11 * s,
                                    0, 1, 0.5, 0));
    }
  if (horizontal)
    rs_text (cr, font, plot.x + plot.width / 2,
             plot.y + plot.height + 24 * s, title, 13 * s, 0, 0.5, 0, 0);
  else
    rs_text (cr, font, plot.x - t - 8 * s - wmax,
             plot.y + plot.height / 2, title, 13 * s, 0, 0.5, 1, -M_PI / 2);
}

/* The plot's frame, its ticks and its axes' titles. */
static void
draw_frame (cairo_t *cr, const rs_plane *p, rs_rect plot, const rs_theme *th,
            const char *font, double s)
{
  rs_theme_set (cr, th->fg);
  cairo_set_line_width (cr, 1.0 * s);
  cairo_rectangle (cr, plot.x, plot.y, plot.width, plot.height);
  cairo_stroke (cr);
  draw_axis (cr, plot, p->ur, 1, p->umark, th, font, s);
  draw_axis (cr, plot, p->vr, 0, p->vmark, th, font, s);
}

/* The title of the panel in r, shortened when the cell is narrow. */
static void
draw_title (cairo_t *cr, rs_rect r, const rs_plane *p, const rs_theme *th,
            const char *font, double s)
{
  char title[240];
  double tw;

  rs_plane_title (p, title, sizeof title);
  rs_text_size (cr, font, title, 12 * s, 0, &tw, NULL);
  if (tw > r.width - 74 * s && p->picked)   /* too long: name the unit */
    {
      snprintf (title, sizeof title, "<b>%s</b> · unit %zu:%zu",
                plane_name (p), p->pick.focus.unit.layer,
                p->pick.focus.unit.unit);
      rs_text_size (cr, font, title, 12 * s, 0, &tw, NULL);
    }
  if (tw > r.width - 74 * s)   /* too long for the cell: the name alone */
    snprintf (title, sizeof title, "<b>%s</b>%s", plane_name (p),
              p->view->pinned ? " · pinned" : "");
  rs_theme_set (cr, th->fg);
  rs_text (cr, font, r.x + 70 * s, r.y + 4 * s, title, 12 * s, 0, 0, 0, 0);
}

/* What stays from frame to frame: the title, the heatmap with contours
 * and hatching, the frame, the axes and the colour bar. */
static void
draw_still (cairo_t *cr, rs_rect r, const rs_plane *p, const rs_theme *th,
            const char *font, double s)
{
  rs_rect plot = rs_plane_plot_rect (r, s);

  plane_region reg[3];
  size_t nr;

  draw_title (cr, r, p, th, font, s);
  rs_landscape_draw_heat (cr, p->land, plot);
  rs_landscape_draw_contours (cr, p->land, plot, s);
  nr = draw_dead (cr, p, plot, s, reg);
  rs_plane_draw_old_plateau (cr, p, plot, s);
  if (rs_plane_old_label (p, reg[nr].text, sizeof reg[nr].text))
    {
      reg[nr].mask = p->old_plateau;
      reg[nr].brief[0] = '\0';
      reg[nr++].prio = 70;
    }
  cairo_save (cr);
  cairo_rectangle (cr, plot.x, plot.y, plot.width, plot.height);
  cairo_clip (cr);
  rs_plane_draw_labels (cr, p, plot, s, reg, nr);
  cairo_restore (cr);
  draw_frame (cr, p, plot, th, font, s);
  rs_landscape_draw_colour_bar (cr, p->land, plot, s, p->land->linear
                                ? "loss" : "loss (log scale)", font,
                                th->fg.r, th->fg.g, th->fg.b);
}

/* The still layer, from the cache when it was drawn for this cell, scale,
 * theme and font; drawn directly when it cannot be cached. */
static void
paint_still (cairo_t *cr, rs_rect r, const rs_plane *p, const rs_theme *th,
             const char *font, double s)
{
  struct plane_cache *c = p->cache;
  double x = floor (r.x), y = floor (r.y);
  int w = (int) ceil (r.x + r.width) - (int) x;
  int h = (int) ceil (r.y + r.height) - (int) y;

  if (!rs_draw_cacheable (cr) || w <= 0 || h <= 0)
    {
      draw_still (cr, r, p, th, font, s);
      return;
    }
  if (c->img == NULL || c->stale || c->x != r.x || c->y != r.y
      || c->w != r.width || c->h != r.height || c->s != s || c->th != th
      || strcmp (c->font, font != NULL ? font : "") != 0)
    {
      cairo_t *cc;

      /* an image of the same size is cleared and drawn into again (the
       * frames of a morph): no new memory at each frame */
      if (c->img != NULL && (cairo_image_surface_get_width (c->img) != w
                             || cairo_image_surface_get_height (c->img)
                                != h))
        {
          cairo_surface_destroy (c->img);
          c->img = NULL;
        }
      if (c->img == NULL)
        c->img = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
      cc = cairo_create (c->img);
      cairo_set_operator (cc, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cc);
      cairo_set_operator (cc, CAIRO_OPERATOR_OVER);
      rs_text_set_family (cc, rs_text_family (cr));
      cairo_translate (cc, -x, -y);
      draw_still (cc, r, p, th, font, s);
      cairo_destroy (cc);
      *c = (struct plane_cache) { c->img, r.x, r.y, r.width, r.height, s,
                                  th, "", 0 };
      snprintf (c->font, sizeof c->font, "%s", font != NULL ? font : "");
    }
  cairo_set_source_surface (cr, c->img, x, y);
  cairo_paint (cr);
}

static void
draw_flat (cairo_t *cr, rs_rect r, const rs_plane *p, const rs_theme *th,
           const char *font, double s)
{
  rs_rect plot = rs_plane_plot_rect (r, s);
  double x, y, u, v;

  paint_still (cr, r, p, th, font, s);
  if (p->runs != NULL)
    {
      rs_plane_draw_runs (cr, p, plot, th, s);
      return;
    }
  if (!p->hide_path)
    draw_path (cr, p, plot, s);
  rs_plane_ball (p, &u, &v);
  rs_plane_map (p, plot, u, v, &x, &y);
  cairo_save (cr);
  cairo_rectangle (cr, plot.x, plot.y, plot.width, plot.height);
  cairo_clip (cr);
  if (p->arrow)
    rs_plane_draw_arrow (cr, p, plot, x, y, s);
  rs_draw_ball_at (cr, x, y, s);
  cairo_restore (cr);
}

/* ---- The basin map ---- */

/* Where a start ends: the valley alive, the plateau dead; a divergence
 * in the text's colour, the palette's event colour kept for events. */
static rs_rgb
outcome_colour (rs_basin_outcome o, const rs_theme *th)
{
  switch (o)
    {
    case RS_BASIN_VALLEY:
      return th->alive;
    case RS_BASIN_PLATEAU:
      return th->dead;
    case RS_BASIN_DIVERGED:
      return th->fg;
    default:
      return th->grid;
    }
}

/* Each start's cell in the colour of where it ends; how many of each
 * outcome into count (the outcomes past RS_BASIN_MOVING with it). */
static void
basin_cells (cairo_t *cr, const rs_plane *p, rs_rect plot,
             const rs_theme *th, size_t count[4])
{
  size_t n = p->n;
  double cw = plot.width / (double) n, ch = plot.height / (double) n;

  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++)
      {
        rs_basin_outcome o = rs_basin_get (p->basin, i, j, NULL);

        count[o <= RS_BASIN_MOVING ? o : RS_BASIN_MOVING]++;
        rs_theme_set (cr, outcome_colour (o, th));
        cairo_rectangle (cr, plot.x + j * cw, plot.y + plot.height
                         - (i + 1) * ch, cw + 0.5, ch + 0.5);
        cairo_fill (cr);
      }
}

/* The run's own path up to the point shown and its ball, over the
 * cells. */
static void
basin_path (cairo_t *cr, const rs_plane *p, rs_rect plot, double s)
{
  double x, y;

  cairo_save (cr);
  cairo_rectangle (cr, plot.x, plot.y, plot.width, plot.height);
  cairo_clip (cr);
  cairo_new_path (cr);
  for (size_t i = 0; i <= p->shown; i++)
    {
      rs_plane_map_cells (p, plot, p->pu[i], p->pv[i], &x, &y);
      cairo_line_to (cr, x, y);
    }
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 2.0 * s);
  cairo_stroke (cr);
  rs_draw_ball_at (cr, x, y, s);
  cairo_restore (cr);
}

/* Right of the plot, each outcome's colour and its share of the starts
 * (count of the n x n). */
static void
basin_legend (cairo_t *cr, const rs_plane *p, rs_rect plot,
              const rs_theme *th, const char *font, double s,
              const size_t count[4])
{
  double ly = plot.y;

  for (int o = 0; o < 4; o++)
    {
      char buf[64];

      snprintf (buf, sizeof buf, "%s %.0f %%",
                rs_basin_outcome_name ((rs_basin_outcome) o),
                100.0 * count[o] / (double) (p->n * p->n));
      rs_theme_set (cr, outcome_colour ((rs_basin_outcome) o, th));
      cairo_rectangle (cr, plot.x + plot.width + 12 * s, ly, 12 * s, 12 * s);
      cairo_fill (cr);
      rs_theme_set (cr, th->fg);
      rs_text (cr, font, plot.x + plot.width + 28 * s, ly + 6 * s, buf,
               11 * s, 0, 0, 0.5, 0);
      ly += 20 * s;
    }
}

/* The basin map: where each start ends, the run's path over it, the
 * frame and the legend. */
static void
draw_basin (cairo_t *cr, rs_rect r, const rs_plane *p, const rs_theme *th,
            const char *font, double s)
{
  rs_rect plot = rs_plane_plot_rect (r, s);
  size_t count[4] = { 0, 0, 0, 0 };

  basin_cells (cr, p, plot, th, count);
  basin_path (cr, p, plot, s);
  draw_frame (cr, p, plot, th, font, s);
  basin_legend (cr, p, plot, th, font, s, count);
}

void
rs_plane_draw (cairo_t *cr, rs_rect r, const rs_plane *p,
               const rs_theme *th, const char *font, double s)
{
  cairo_save (cr);
  if (p->basin != NULL || p->view->three_d)
    draw_title (cr, r, p, th, font, s);
  if (p->basin != NULL)
    draw_basin (cr, r, p, th, font, s);
  else if (p->view->three_d)
    rs_plane_draw_3d (cr, r, p, th, font, s);
  else
    draw_flat (cr, r, p, th, font, s);
  cairo_restore (cr);
}
