/* plane_labels.c: the labels of a flat landscape, placed together.
 *
 * Every label of the map (the note of a dead unit at the lowest loss,
 * "start", each "kick", the plateau's and the dead region's labels, the
 * old plateau's, the contours' values) is a label of one placer
 * (place.h), its candidates in order of preference, among obstacles that
 * do not move: the whole recorded path, widened by the ball's radius so
 * that the ball never rolls over a label, the kicks' arrows and the
 * start's ring.  Labels that do not fit are left out, the contours'
 * values first; a region's label then tries its shorter form. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/place.h"
#include "draw/plane.h"
#include "draw/plane_private.h"
#include "draw/variants.h"

/* Kicks labelled at most: beyond, repeated kicks get arrows only. */
#define MAX_KICK_LABELS 32

/* The smallest fraction of the body text's size the note of a dead unit
 * is shrunk to: 5 points of 13; a plot narrower draws none. */
#define NOTE_MIN_SCALE (5.0 / 13.0)

/* Labels of one plane at most (kicks, regions, contours, note, start). */
#define MAX_PLACED (MAX_KICK_LABELS + RS_LANDSCAPE_MAX_LEVELS + 8)

/* Region candidates tried at most, and the contours' spots a level. */
#define REGION_SPOTS 40
#define CONTOUR_SPOTS 8

/* The margin a contour's value keeps from other labels, each side, in
 * units of s. */
#define CONTOUR_MX 12.0
#define CONTOUR_MY 6.0

/* Priorities: the note must be read, the path's own labels next. */
enum { PRIO_CONTOUR = 10, PRIO_NOTE = 100, PRIO_START = 90,
       PRIO_KICK = 80 };

struct plane_labels {
  int start_ok;
  double start_x, start_y;             /* the text's top-left corner */
  size_t n_kick;
  size_t kick_i[MAX_KICK_LABELS];      /* the kick's recorded point */
  int kick_ok[MAX_KICK_LABELS];
  double kick_x[MAX_KICK_LABELS], kick_y[MAX_KICK_LABELS];
  size_t n_placed;                     /* every label placed, for tests */
  rs_rect placed[MAX_PLACED];
  int kind[MAX_PLACED];
  int arrow_ok;                        /* the arrow's label, each frame */
  rs_rect arrow;
};

/* Keep the box of label id when it was placed, less the margin (mx,
 * my) it kept from other labels. */
static void
keep (struct plane_labels *out, const rs_placer *pl, size_t id, int kind,
      double mx, double my)
{
  rs_rect b;

  if (out->n_placed < MAX_PLACED && rs_placer_chosen (pl, id, &b))
    {
      out->placed[out->n_placed] = (rs_rect) { b.x + mx, b.y + my,
                                               b.width - 2 * mx,
                                               b.height - 2 * my };
      out->kind[out->n_placed++] = kind;
    }
}

void
rs_plane_labels_arrow (const rs_plane *p, const rs_rect *box)
{
  if (p->labels == NULL)
    return;
  p->labels->arrow_ok = box != NULL;
  if (box != NULL)
    p->labels->arrow = *box;
}

size_t
rs_plane_label_boxes (const rs_plane *p, rs_rect *box, int *kind,
                      size_t max)
{
  const struct plane_labels *l = p->labels;
  size_t n = l == NULL ? 0 : l->n_placed + (l->arrow_ok && p->arrow);

  for (size_t k = 0; k < n && k < max; k++)
    {
      if (box != NULL)
        box[k] = k < l->n_placed ? l->placed[k] : l->arrow;
      if (kind != NULL)
        kind[k] = k < l->n_placed ? l->kind[k] : RS_PLANE_LABEL_ARROW;
    }
  return n;
}

struct plane_labels *
rs_plane_labels_alloc (void)
{
  return calloc (1, sizeof (struct plane_labels));
}

void
rs_plane_labels_free (struct plane_labels *l)
{
  free (l);
}

/* A box of w x h with its centre at (x, y). */
static rs_rect
centred (double x, double y, double w, double h)
{
  rs_rect r = { x - w / 2, y - h / 2, w, h };

  return r;
}

/* ---- obstacles ---- */

/* The whole recorded path as polylines broken at kicks and restarts
 * (points closer than half a pixel merged), everything within 10.5 s of
 * them (the ball's radius 9.5 s, and a pixel to spare); the kicks'
 * arrows; the start's ring. */
/* The other runs of a figure of variants (their whole recorded paths,
 * points closer than half a pixel merged) as obstacles like the
 * plane's own run. */
static void
runs_obstacles (rs_placer *pl, const rs_plane *p, rs_rect plot, double s)
{
  for (size_t k = 1; p->runs != NULL && k < p->runs->n; k++)
    {
      const rs_sim *sim = p->runs->sim[k];
      size_t n = rs_sim_n_recorded (sim), m = 0;
      double *xy = calloc (2 * n + 2, sizeof *xy), u, v, x, y;

      for (size_t i = 0; xy != NULL && i < n; i++)
        {
          if (rs_plane_run_point (p, k, i, &u, &v) != RS_OK)
            break;
          rs_plane_map (p, plot, u, v, &x, &y);
          if (m == 0 || hypot (x - xy[2 * m - 2], y - xy[2 * m - 1])
                        >= 0.5 * s || i + 1 == n)
            {
              xy[2 * m] = x;
              xy[2 * m + 1] = y;
              m++;
            }
        }
      if (xy != NULL)
        rs_placer_polyline (pl, xy, m, 10.5 * s);
      free (xy);
    }
}

void
rs_plane_path_obstacles (rs_placer *pl, const rs_plane *p, rs_rect plot,
                         double s, size_t last)
{
  double *xy = calloc (2 * p->n_rec, sizeof *xy), x, y, px = 0, py = 0;
  size_t m = 0;

  if (xy == NULL)
    return;
  last = last < p->n_rec ? last : p->n_rec - 1;
  for (size_t i = 0; i <= last; i++)
    {
      unsigned ev = rs_sim_recorded (p->sim, i)->events;

      rs_plane_map (p, plot, p->pu[i], p->pv[i], &x, &y);
      if ((ev & (RS_EVENT_KICK | RS_EVENT_START)) && i > 0)
        {
          rs_placer_polyline (pl, xy, m, 10.5 * s);
          m = 0;
          if (ev & RS_EVENT_KICK)
            rs_placer_segment (pl, px, py, x, y, 4.0 * s);
        }
      if (m == 0 || hypot (x - xy[2 * m - 2], y - xy[2 * m - 1]) >= 0.5 * s
          || i == last)
        {
          xy[2 * m] = x;
          xy[2 * m + 1] = y;
          m++;
        }
      px = x;
      py = y;
    }
  rs_placer_polyline (pl, xy, m, 10.5 * s);
  if (m == 1)
    rs_placer_disc (pl, xy[0], xy[1], 10.5 * s);
  rs_plane_map (p, plot, p->pu[0], p->pv[0], &x, &y);
  rs_placer_disc (pl, x, y, 8.0 * s);
  free (xy);
  runs_obstacles (pl, p, plot, s);
}

/* ---- the start and the kicks ---- */

/* "start" around the start's ring at (x, y): above right first (where
 * it always was), then the other corners and sides, then farther out. */
static size_t
start_label (rs_placer *pl, cairo_t *cr, double x, double y, double s,
             double *w, double *h)
{
  static const double dir[8][2] = { { 1, -1 }, { -1, -1 }, { 1, 1 },
                                    { -1, 1 }, { 1, 0 }, { -1, 0 },
                                    { 0, -1 }, { 0, 1 } };
  size_t id = rs_placer_label (pl, PRIO_START, RS_PLACE_MAY_COVER);

  rs_text_size (cr, NULL, "start", 11.5 * s, 1, w, h);
  for (int ring = 0; ring < 3; ring++)
    for (int k = 0; k < 8; k++)
      {
        /* the box's nearest corner d from the ring's centre along each
         * axis it moves on; a side's box 6 s farther along its axis */
        double d = (8.0 + 8.0 * ring) * s, bw = *w + 4 * s, bh = *h + 2 * s;
        double ox = dir[k][1] == 0 ? d + 6 * s : d;
        double oy = dir[k][0] == 0 ? d + 6 * s : d;

        rs_placer_candidate (pl, id, centred (x + dir[k][0] * (ox + bw / 2),
                                              y + dir[k][1] * (oy + bh / 2),
                                              bw, bh));
      }
  return id;
}

/* "kick" beside the arrow from (x0, y0) to (x1, y1): across its middle
 * on the right-hand side (as it always was), then the other, then nearer
 * its ends and farther out. */
static size_t
kick_label (rs_placer *pl, double x0, double y0, double x1, double y1,
            double w, double h, double s, double prio, unsigned flags)
{
  static const double along[3] = { 0.5, 0.3, 0.7 };
  double len = hypot (x1 - x0, y1 - y0);
  double nx = len > 0 ? -(y1 - y0) / len : 1, ny = len > 0 ? (x1 - x0) / len
                                                           : 0;
  double ext = fabs (nx) * w / 2 + fabs (ny) * h / 2;
  size_t id = rs_placer_label (pl, prio, flags);

  if (nx < 0)   /* the first side: the one to the right */
    {
      nx = -nx;
      ny = -ny;
    }
  for (int far = 0; far < 2; far++)
    for (int a = 0; a < 3; a++)
      for (int side = 1; side >= -1; side -= 2)
        {
          double off = (far ? 16.0 : 7.0) * s + ext;
          double cx = x0 + along[a] * (x1 - x0) + side * nx * off;
          double cy = y0 + along[a] * (y1 - y0) + side * ny * off;

          rs_placer_candidate (pl, id, centred (cx, cy, w, h));
        }
  return id;
}

/* The kicks of the run, each a label; their ids into ids. */
static size_t
kick_labels (rs_placer *pl, cairo_t *cr, const rs_plane *p, rs_rect plot,
             double s, struct plane_labels *out, size_t *ids)
{
  double w, h, x0, y0, x1, y1;

  rs_text_size (cr, NULL, "kick", 11.5 * s, 1, &w, &h);
  out->n_kick = 0;
  for (size_t i = 1; i < p->n_rec && out->n_kick < MAX_KICK_LABELS; i++)
    {
      if (!(rs_sim_recorded (p->sim, i)->events & RS_EVENT_KICK))
        continue;
      rs_plane_map (p, plot, p->pu[i - 1], p->pv[i - 1], &x0, &y0);
      rs_plane_map (p, plot, p->pu[i], p->pv[i], &x1, &y1);
      /* the first kick must be named; later ones only where they fit */
      ids[out->n_kick] = kick_label (pl, x0, y0, x1, y1, w + 8 * s,
                                     h + 4 * s, s, PRIO_KICK - 0.01
                                     * (double) out->n_kick,
                                     out->n_kick == 0 ? RS_PLACE_MAY_COVER
                                     : 0);
      out->kick_i[out->n_kick++] = i;
    }
  return out->n_kick;
}

/* ---- regions ---- */

typedef struct {
  double x, y, inside, dist;
} spot;

/* Better spots first: more of the label's box inside the region, then
 * nearer the region's centre. */
static int
spot_order (const void *a, const void *b)
{
  const spot *u = a, *v = b;

  if (u->inside != v->inside)
    return u->inside > v->inside ? -1 : 1;
  return u->dist < v->dist ? -1 : u->dist > v->dist;
}

/* Whether pixel (x, y) of plot falls on a set grid point of mask. */
static int
on_mask (const rs_plane *p, const unsigned char *mask, rs_rect plot,
         double x, double y)
{
  double fj = (x - plot.x) / plot.width * (double) (p->n - 1);
  double fi = (plot.y + plot.height - y) / plot.height * (double) (p->n - 1);
  long i = lround (fi), j = lround (fj);

  return i >= 0 && j >= 0 && i < (long) p->n && j < (long) p->n
         && mask[(size_t) i * p->n + (size_t) j];
}

/* The share of nine points of box (corners, sides' middles, centre) on
 * the mask. */
static double
box_inside (const rs_plane *p, const unsigned char *mask, rs_rect plot,
            rs_rect b)
{
  int in = 0;

  for (int a = 0; a < 3; a++)
    for (int c = 0; c < 3; c++)
      in += on_mask (p, mask, plot, b.x + a * b.width / 2,
                     b.y + c * b.height / 2);
  return in / 9.0;
}

/* Up to REGION_SPOTS spots of a w x h label on the region of mask, the
 * best first, inside the plot; how many. */
static size_t
region_spots (const rs_plane *p, const unsigned char *mask, rs_rect plot,
              double w, double h, spot *sp)
{
  size_t n = p->n, step = n / 12 > 0 ? n / 12 : 1, count = 0, m = 0;
  double cx = 0, cy = 0, x, y;
  spot all[13 * 13 + 1];

  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++)
      if (mask[i * n + j])
        {
          cx += (double) j;
          cy += (double) i;
          count++;
        }
  if (count == 0)
    return 0;
  cx = plot.x + cx / count / (n - 1) * plot.width;
  cy = plot.y + plot.height - cy / count / (n - 1) * plot.height;
  for (size_t i = 0; i < n && m < 13 * 13; i += step)
    for (size_t j = 0; j < n && m < 13 * 13; j += step)
      if (mask[i * n + j])
        all[m++] = (spot) { plot.x + j / (double) (n - 1) * plot.width,
                            plot.y + plot.height - i / (double) (n - 1)
                                                   * plot.height, 0, 0 };
  all[m++] = (spot) { cx, cy, 0, 0 };
  for (size_t k = 0; k < m; k++)
    {
      x = fmax (plot.x + w / 2, fmin (all[k].x, plot.x + plot.width - w / 2));
      y = fmax (plot.y + h / 2, fmin (all[k].y, plot.y + plot.height
                                                  - h / 2));
      all[k] = (spot) { x, y, box_inside (p, mask, plot, centred (x, y, w,
                                                                    h)),
                        hypot (x - cx, y - cy) };
    }
  qsort (all, m, sizeof *all, spot_order);
  m = m < REGION_SPOTS ? m : REGION_SPOTS;
  memcpy (sp, all, m * sizeof *sp);
  return m;
}

/* A region's label: its full text at each spot, then its brief one. */
static size_t
region_label (rs_placer *pl, cairo_t *cr, const rs_plane *p, rs_rect plot,
              double s, const plane_region *r, size_t *n_full)
{
  size_t id = rs_placer_label (pl, r->prio, 0);
  spot sp[REGION_SPOTS];
  double w, h;

  *n_full = 0;
  for (int form = 0; form < 2; form++)
    {
      const char *t = form == 0 ? r->text : r->brief;
      size_t m;

      if (t[0] == '\0')
        continue;
      rs_text_size (cr, NULL, t, 12 * s, 0, &w, &h);
      /* a margin: no other label reads on into it */
      m = region_spots (p, r->mask, plot, w + 12 * s, h + 6 * s, sp);
      for (size_t k = 0; k < m; k++)
        rs_placer_candidate (pl, id, centred (sp[k].x, sp[k].y, w + 12 * s,
                                              h + 6 * s));
      if (form == 0)
        *n_full = m;
    }
  return id;
}

/* ---- the note of a dead unit at the lowest loss ---- */

/* Its text into buf; 0 when there is none. */
static int
note_text (const rs_plane *p, char *buf, size_t n)
{
  if (!p->dead_lowest)
    return 0;
  if (p->dead_lowest == 2)
    snprintf (buf, n, "Unit %zu:%zu dead: loss %.4g, the lowest "
              "here:\nthe network does at least as well without it.",
              p->pick.focus.unit.layer, p->pick.focus.unit.unit,
              p->dead_min);
  else
    snprintf (buf, n, "Unit %zu:%zu dead: loss %.4g, %.2g %% above "
              "the lowest (%.4g):\nthe network does almost as well without "
              "it.", p->pick.focus.unit.layer, p->pick.focus.unit.unit,
              p->dead_min, 100.0 * (p->dead_min / p->alive_min - 1.0),
              p->alive_min);
  return 1;
}

/* The note's text size k (of the body text's) that fits the plot's
 * width, measured again at the smaller size (hinted glyphs do not
 * shrink in proportion); 0 when it would be below NOTE_MIN_SCALE. */
static double
note_scale (cairo_t *cr, const char *note, rs_rect plot, double s)
{
  double k = 1.0, w, h;

  for (int i = 0; i < 3; i++)
    {
      rs_text_size (cr, NULL, note, 13.0 * s * k, 0, &w, &h);
      if (w + 16.0 * s * k <= plot.width - 12.0 * s)
        return k;
      k *= (plot.width - 12.0 * s) / (w + 16.0 * s * k) * 0.97;
      if (!(k >= NOTE_MIN_SCALE))
        return 0.0;
    }
  return k;
}

/* The note in a dark box (rs_draw_text_box) in a corner of the plot:
 * the bottom left first (the app's own notes are at the top). */
static size_t
note_label (rs_placer *pl, cairo_t *cr, const char *note, rs_rect plot,
            double s, double k)
{
  size_t id = rs_placer_label (pl, PRIO_NOTE, RS_PLACE_MAY_COVER);
  double w, h, m = 6 * s;

  rs_text_size (cr, NULL, note, 13.0 * s * k, 0, &w, &h);
  w += 16.0 * s * k;
  h += 16.0 * s * k;
  rs_placer_candidate (pl, id, (rs_rect) { plot.x + m, plot.y + plot.height
                                           - m - h, w, h });
  rs_placer_candidate (pl, id, (rs_rect) { plot.x + plot.width - m - w,
                                           plot.y + plot.height - m - h, w,
                                           h });
  rs_placer_candidate (pl, id, (rs_rect) { plot.x + m, plot.y + m, w, h });
  rs_placer_candidate (pl, id, (rs_rect) { plot.x + plot.width - m - w,
                                           plot.y + m, w, h });
  return id;
}

/* ---- contours ---- */

/* Level k's value at up to CONTOUR_SPOTS places along its line, the
 * farthest from the plot's edges first; the label's id, or (size_t) -1
 * for a level without a line. */
static size_t
contour_label (rs_placer *pl, cairo_t *cr, const rs_landscape *l, size_t k,
               rs_rect plot, double s)
{
  size_t first = k == 0 ? 0 : l->level_end[k - 1], m = l->level_end[k]
                                                      - first, id;
  spot sp[CONTOUR_SPOTS];
  char buf[32];
  double w, h;

  if (m == 0)
    return (size_t) -1;
  rs_landscape_level_text (l, k, buf, sizeof buf);
  rs_draw_contour_label_size (cr, buf, s, &w, &h);
  for (size_t q = 0; q < CONTOUR_SPOTS; q++)
    {
      const rs_segment *g = &l->segments[first + (2 * q + 1) * m
                                         / (2 * CONTOUR_SPOTS)];
      double x, y;

      rs_landscape_to_pixel (l, plot, (g->u0 + g->u1) / 2,
                             (g->v0 + g->v1) / 2, &x, &y);
      sp[q] = (spot) { x, y, 0, -fmin (fmin (x - plot.x, plot.x + plot.width
                                             - x),
                                       fmin (y - plot.y, plot.y
                                             + plot.height - y)) };
    }
  qsort (sp, CONTOUR_SPOTS, sizeof *sp, spot_order);
  id = rs_placer_label (pl, PRIO_CONTOUR, 0);
  /* a wide margin around each: values of neighbouring levels apart,
   * and a crowded valley not labelled level by level */
  for (size_t q = 0; q < CONTOUR_SPOTS; q++)
    rs_placer_candidate (pl, id, centred (sp[q].x, sp[q].y, w + 2
                                          * CONTOUR_MX * s, h + 2
                                          * CONTOUR_MY * s));
  return id;
}

/* ---- drawing ---- */

/* The labels of one placement (rs_plane_draw_labels) by their ids in
 * the placer: the note (or -1), the start, the kicks, the n regions
 * (full[r]: how many of region r's candidates carry its full text) and
 * the contours' values. */
typedef struct {
  size_t note, start, kick[MAX_KICK_LABELS];
  size_t n_reg, reg[4], full[4];
  size_t n_cont, cont[RS_LANDSCAPE_MAX_LEVELS];
  char note_text[240];
  double note_k;            /* the note's scale (0: no note) */
} label_ids;

/* Every label of the flat plane drawn in plot offered to pl with its
 * candidates, away from the path, the kicks' arrows and the start (and
 * the arrow's ruler), into ids. */
static void
propose_labels (rs_placer *pl, cairo_t *cr, const rs_plane *p, rs_rect plot,
                double s, const plane_region *reg, size_t n, label_ids *ids)
{
  double sw, sh, x, y;

  rs_plane_path_obstacles (pl, p, plot, s, p->n_rec - 1);
  if (p->arrow)   /* the arrow's ruler, drawn over the map at each frame */
    rs_placer_box (pl, rs_plane_ruler_box (cr, plot, s));
  ids->note = (size_t) -1;
  ids->note_k = 0;
  if (note_text (p, ids->note_text, sizeof ids->note_text)
      && (ids->note_k = note_scale (cr, ids->note_text, plot, s)) > 0)
    ids->note = note_label (pl, cr, ids->note_text, plot, s, ids->note_k);
  rs_plane_map (p, plot, p->pu[0], p->pv[0], &x, &y);
  ids->start = start_label (pl, cr, x, y, s, &sw, &sh);
  kick_labels (pl, cr, p, plot, s, p->labels, ids->kick);
  ids->n_reg = n < 4 ? n : 4;
  for (size_t r = 0; r < ids->n_reg; r++)
    ids->reg[r] = region_label (pl, cr, p, plot, s, &reg[r], &ids->full[r]);
  ids->n_cont = p->land->n_levels;
  for (size_t q = 0; q < ids->n_cont; q++)
    ids->cont[q] = contour_label (pl, cr, p->land, q, plot, s);
}

/* The boxes of every label placed, kept in out for rs_plane_label_boxes. */
static void
keep_labels (struct plane_labels *out, const rs_placer *pl,
             const label_ids *ids, double s)
{
  out->n_placed = 0;
  out->arrow_ok = 0;
  keep (out, pl, ids->note, RS_PLANE_LABEL_NOTE, 0, 0);
  keep (out, pl, ids->start, RS_PLANE_LABEL_START, 0, 0);
  for (size_t q = 0; q < out->n_kick; q++)
    keep (out, pl, ids->kick[q], RS_PLANE_LABEL_KICK, 0, 0);
  for (size_t r = 0; r < ids->n_reg; r++)
    keep (out, pl, ids->reg[r], RS_PLANE_LABEL_REGION, 0, 0);
  for (size_t q = 0; q < ids->n_cont; q++)
    keep (out, pl, ids->cont[q], RS_PLANE_LABEL_CONTOUR, CONTOUR_MX * s,
          CONTOUR_MY * s);
}

/* The still labels where pl placed them: the note, the regions' (the
 * brief text where only a brief one fitted) and the contours' values. */
static void
draw_still_labels (cairo_t *cr, const rs_placer *pl, const rs_plane *p,
                   const plane_region *reg, const label_ids *ids, double s)
{
  rs_rect b;

  if (ids->note != (size_t) -1 && rs_placer_chosen (pl, ids->note, &b))
    rs_draw_text_box (cr, b.x, b.y, ids->note_text, s * ids->note_k);
  for (size_t r = 0; r < ids->n_reg; r++)
    if (rs_placer_chosen (pl, ids->reg[r], &b))
      {
        int brief = rs_placer_choice (pl, ids->reg[r]) >= (int) ids->full[r];

        rs_draw_text_on_map (cr, b.x + b.width / 2, b.y + b.height / 2,
                             brief ? reg[r].brief : reg[r].text, 12 * s, 0,
                             0.5, 0.5);
      }
  for (size_t q = 0; q < ids->n_cont; q++)
    if (rs_placer_chosen (pl, ids->cont[q], &b))
      {
        char buf[32];

        rs_landscape_level_text (p->land, q, buf, sizeof buf);
        rs_draw_contour_label (cr, b.x + b.width / 2, b.y + b.height / 2,
                               buf, s);
      }
}

/* Where the path's labels (the start's, the kicks') go, kept in out for
 * rs_plane_draw_path_labels to draw at each frame. */
static void
keep_path_labels (struct plane_labels *out, const rs_placer *pl,
                  const label_ids *ids, double s)
{
  rs_rect b = { 0, 0, 0, 0 };

  out->start_ok = rs_placer_chosen (pl, ids->start, &b);
  out->start_x = b.x + 2 * s;
  out->start_y = b.y + 1 * s;
  for (size_t q = 0; q < out->n_kick; q++)
    {
      out->kick_ok[q] = rs_placer_chosen (pl, ids->kick[q], &b);
      out->kick_x[q] = b.x + 4 * s;
      out->kick_y[q] = b.y + 2 * s;
    }
}

void
rs_plane_draw_labels (cairo_t *cr, const rs_plane *p, rs_rect plot,
                      double s, const plane_region *reg, size_t n)
{
  rs_placer *pl = rs_placer_alloc (plot);
  label_ids ids;

  if (pl == NULL || p->labels == NULL)
    {
      rs_placer_free (pl);
      return;
    }
  propose_labels (pl, cr, p, plot, s, reg, n, &ids);
  rs_placer_solve (pl);
  keep_labels (p->labels, pl, &ids, s);
  /* the still labels now, the path's kept */
  draw_still_labels (cr, pl, p, reg, &ids, s);
  keep_path_labels (p->labels, pl, &ids, s);
  rs_placer_free (pl);
}

void
rs_plane_draw_path_labels (cairo_t *cr, const rs_plane *p, double s)
{
  const struct plane_labels *l = p->labels;
  size_t last = (size_t) -1;

  if (l == NULL)
    return;
  /* the last kick so far only: repeated kicks do not pile up labels,
   * each keeps its arrow (and its room, so that nothing moves) */
  for (size_t q = 0; q < l->n_kick; q++)
    if (l->kick_i[q] <= p->shown)
      last = q;
  if (last != (size_t) -1 && l->kick_ok[last])
    rs_draw_text_on_map (cr, l->kick_x[last], l->kick_y[last], "kick",
                         11.5 * s, 1, 0, 0);
  if (l->start_ok)
    rs_draw_text_on_map (cr, l->start_x, l->start_y, "start", 11.5 * s, 1,
                         0, 0);
}
