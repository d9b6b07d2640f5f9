/* place.c: the label placer of place.h.
 *
 * Each label's candidates are first filtered against the obstacles and
 * the bounds (fixed, so this is done once).  Then the labels are taken
 * from the most important down; each one is kept when a depth-first
 * search finds a position for it together with every label kept before
 * it, all of them free to move among their candidates.  The search
 * visits the candidates in the caller's order, so the placement found is
 * the one that best follows the preferences of the more important
 * labels.  It is bounded (SEARCH_BUDGET steps a label): a search that
 * runs out drops the label, as if it did not fit. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <reluscape/reluscape.h>

#include "draw/place.h"

/* Steps of one search before the label it tries is given up. */
#define SEARCH_BUDGET 200000L

enum { OB_BOX, OB_SEGMENT, OB_DISC };

typedef struct {
  int kind;
  double x0, y0, x1, y1, r;   /* a box: x0, y0, x1, y1 its corners */
  rs_rect reach;              /* every point it covers lies inside */
} obstacle;

typedef struct {
  double prio;
  unsigned flags;
  rs_rect *cand;
  size_t n, cap;
  size_t *valid;              /* candidates that may be chosen, in the
                                 order they are tried */
  size_t n_valid;
  int choice;
} label;

struct rs_placer {
  rs_rect bounds;
  obstacle *ob;
  size_t n_ob, cap_ob;
  label *lab;
  size_t n_lab, cap_lab;
};

rs_placer *
rs_placer_alloc (rs_rect bounds)
{
  rs_placer *pl = calloc (1, sizeof *pl);

  if (pl != NULL)
    pl->bounds = bounds;
  return pl;
}

void
rs_placer_free (rs_placer *pl)
{
  if (pl == NULL)
    return;
  for (size_t i = 0; i < pl->n_lab; i++)
    {
      free (pl->lab[i].cand);
      free (pl->lab[i].valid);
    }
  free (pl->lab);
  free (pl->ob);
  free (pl);
}

/* Room for one more of n items of size sz in *a, capacity *cap. */
static int
grow (void **a, size_t n, size_t *cap, size_t sz)
{
  void *b;

  if (n < *cap)
    return RS_OK;
  b = realloc (*a, (*cap > 0 ? 2 * *cap : 16) * sz);
  if (b == NULL)
    return RS_ENOMEM;
  *a = b;
  *cap = *cap > 0 ? 2 * *cap : 16;
  return RS_OK;
}

static int
add_obstacle (rs_placer *pl, obstacle o)
{
  if (grow ((void **) &pl->ob, pl->n_ob, &pl->cap_ob, sizeof o) != RS_OK)
    return RS_ENOMEM;
  pl->ob[pl->n_ob++] = o;
  return RS_OK;
}

int
rs_placer_box (rs_placer *pl, rs_rect b)
{
  obstacle o = { OB_BOX, b.x, b.y, b.x + b.width, b.y + b.height, 0, b };

  return add_obstacle (pl, o);
}

int
rs_placer_segment (rs_placer *pl, double x0, double y0, double x1,
                   double y1, double r)
{
  obstacle o = { OB_SEGMENT, x0, y0, x1, y1, fmax (r, 0.0), { 0, 0, 0, 0 } };

  o.reach = (rs_rect) { fmin (x0, x1) - o.r, fmin (y0, y1) - o.r,
                        fabs (x1 - x0) + 2 * o.r, fabs (y1 - y0) + 2 * o.r };
  return add_obstacle (pl, o);
}

int
rs_placer_disc (rs_placer *pl, double x, double y, double r)
{
  obstacle o = { OB_DISC, x, y, x, y, fmax (r, 0.0),
                 { x - r, y - r, 2 * r, 2 * r } };

  return add_obstacle (pl, o);
}

int
rs_placer_polyline (rs_placer *pl, const double *xy, size_t n, double r)
{
  for (size_t i = 0; i + 1 < n; i++)
    if (rs_placer_segment (pl, xy[2 * i], xy[2 * i + 1], xy[2 * i + 2],
                           xy[2 * i + 3], r) != RS_OK)
      return RS_ENOMEM;
  return RS_OK;
}

size_t
rs_placer_label (rs_placer *pl, double prio, unsigned flags)
{
  label l = { prio, flags, NULL, 0, 0, NULL, 0, -1 };

  if (grow ((void **) &pl->lab, pl->n_lab, &pl->cap_lab, sizeof l) != RS_OK)
    return (size_t) -1;
  pl->lab[pl->n_lab] = l;
  return pl->n_lab++;
}

int
rs_placer_candidate (rs_placer *pl, size_t k, rs_rect box)
{
  label *l;

  if (k >= pl->n_lab)
    return RS_EINVAL;
  l = &pl->lab[k];
  if (grow ((void **) &l->cand, l->n, &l->cap, sizeof box) != RS_OK)
    return RS_ENOMEM;
  l->cand[l->n++] = box;
  return RS_OK;
}

int
rs_place_boxes_meet (rs_rect a, rs_rect b)
{
  return a.x < b.x + b.width && b.x < a.x + a.width
         && a.y < b.y + b.height && b.y < a.y + a.height;
}

/* The distance from (x, y) to box b (0 inside). */
static double
point_box (double x, double y, rs_rect b)
{
  double dx = fmax (fmax (b.x - x, 0.0), x - (b.x + b.width));
  double dy = fmax (fmax (b.y - y, 0.0), y - (b.y + b.height));

  return hypot (dx, dy);
}

/* The distance from (x, y) to the segment (x0, y0)-(x1, y1). */
static double
point_segment (double x, double y, double x0, double y0, double x1,
               double y1)
{
  double dx = x1 - x0, dy = y1 - y0, l2 = dx * dx + dy * dy;
  double t = l2 > 0 ? ((x - x0) * dx + (y - y0) * dy) / l2 : 0.0;

  t = t < 0 ? 0 : t > 1 ? 1 : t;
  return hypot (x - (x0 + t * dx), y - (y0 + t * dy));
}

/* Whether the segments (a, b) and (c, d) cross or touch. */
static int
segments_cross (double ax, double ay, double bx, double by, double cx,
                double cy, double dx, double dy)
{
  double d1 = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  double d2 = (bx - ax) * (dy - ay) - (by - ay) * (dx - ax);
  double d3 = (dx - cx) * (ay - cy) - (dy - cy) * (ax - cx);
  double d4 = (dx - cx) * (by - cy) - (dy - cy) * (bx - cx);

  return d1 * d2 <= 0 && d3 * d4 <= 0
         && fmax (ax, bx) >= fmin (cx, dx) && fmax (cx, dx) >= fmin (ax, bx)
         && fmax (ay, by) >= fmin (cy, dy) && fmax (cy, dy) >= fmin (ay, by);
}

/* The distance between a segment and a box: 0 when they meet, else the
 * least of the distances from the segment's ends to the box and from
 * the box's corners to the segment (two convex shapes apart are
 * nearest at a vertex of one of them). */
static double
segment_box (const obstacle *o, rs_rect b)
{
  double cx[4] = { b.x, b.x + b.width, b.x + b.width, b.x };
  double cy[4] = { b.y, b.y, b.y + b.height, b.y + b.height };
  double d = fmin (point_box (o->x0, o->y0, b), point_box (o->x1, o->y1, b));

  if (d == 0.0)
    return 0.0;
  for (int k = 0; k < 4; k++)
    {
      if (segments_cross (o->x0, o->y0, o->x1, o->y1, cx[k], cy[k],
                          cx[(k + 1) % 4], cy[(k + 1) % 4]))
        return 0.0;
      d = fmin (d, point_segment (cx[k], cy[k], o->x0, o->y0, o->x1,
                                  o->y1));
    }
  return d;
}

int
rs_placer_covers (const rs_placer *pl, size_t k, rs_rect box)
{
  const obstacle *o = &pl->ob[k];
  double d;

  /* a quick no: box and the obstacle's reach do not even touch */
  if (box.x > o->reach.x + o->reach.width || o->reach.x > box.x + box.width
      || box.y > o->reach.y + o->reach.height
      || o->reach.y > box.y + box.height)
    return 0;
  switch (o->kind)
    {
    case OB_BOX:
      return rs_place_boxes_meet (o->reach, box);
    case OB_DISC:
      return point_box (o->x0, o->y0, box) < o->r;
    default:
      d = segment_box (o, box);
      return d == 0.0 || d < o->r;
    }
}

/* How many obstacles box covers. */
static size_t
covered (const rs_placer *pl, rs_rect box)
{
  size_t n = 0;

  for (size_t k = 0; k < pl->n_ob; k++)
    n += (size_t) rs_placer_covers (pl, k, box);
  return n;
}

static int
inside (rs_rect b, rs_rect box)
{
  if (b.width <= 0 || b.height <= 0)
    return 1;
  return box.x >= b.x && box.y >= b.y && box.x + box.width <= b.x + b.width
         && box.y + box.height <= b.y + b.height;
}

/* The candidates label l may take, in the order they are tried: inside
 * the bounds and covering nothing, in the caller's order; for a label
 * that may cover, then the others inside the bounds, the fewest covered
 * first. */
static int
filter (const rs_placer *pl, label *l)
{
  size_t *hits = malloc ((l->n > 0 ? l->n : 1) * sizeof *hits);
  size_t most = 0;

  free (l->valid);
  l->valid = malloc ((l->n > 0 ? l->n : 1) * sizeof *l->valid);
  l->n_valid = 0;
  if (hits == NULL || l->valid == NULL)
    {
      free (hits);
      return RS_ENOMEM;
    }
  for (size_t c = 0; c < l->n; c++)
    {
      hits[c] = inside (pl->bounds, l->cand[c]) ? covered (pl, l->cand[c])
                                                 : (size_t) -1;
      if (hits[c] != (size_t) -1)
        most = hits[c] > most ? hits[c] : most;
    }
  for (size_t h = 0; h <= most; h++)
    {
      for (size_t c = 0; c < l->n; c++)
        if (hits[c] == h)
          l->valid[l->n_valid++] = c;
      if (!(l->flags & RS_PLACE_MAY_COVER))
        break;
    }
  free (hits);
  return RS_OK;
}

/* The box label set[d] takes at try t of its valid candidates. */
static rs_rect
box_at (const rs_placer *pl, const size_t *set, size_t d, size_t t)
{
  const label *l = &pl->lab[set[d]];

  return l->cand[l->valid[t]];
}

/* Whether box meets none of the boxes of set[0 .. d-1] as tried. */
static int
fits (const rs_placer *pl, const size_t *set, const size_t *try, size_t d,
      rs_rect box)
{
  for (size_t e = 0; e < d; e++)
    if (rs_place_boxes_meet (box_at (pl, set, e, try[e]), box))
      return 0;
  return 1;
}

/* A position for every label of set[0 .. m-1] at once, the first in the
 * order of their tries, into try; 0 when there is none or the budget
 * runs out. */
static int
search (const rs_placer *pl, const size_t *set, size_t m, size_t *try)
{
  long budget = SEARCH_BUDGET;
  size_t d = 0, t = 0;

  while (d < m)
    {
      const label *l = &pl->lab[set[d]];

      while (t < l->n_valid && !fits (pl, set, try, d, box_at (pl, set, d,
                                                               t)))
        t++;
      if (--budget < 0)
        return 0;
      if (t < l->n_valid)
        {
          try[d++] = t;
          t = 0;
        }
      else if (d == 0)
        return 0;
      else
        t = try[--d] + 1;   /* back: the label before moves on */
    }
  return 1;
}

/* Whether label i goes before label j: more important, or as important
 * and added first. */
static int
before (const rs_placer *pl, size_t i, size_t j)
{
  double pi = pl->lab[i].prio, pj = pl->lab[j].prio;

  return pi > pj || (pi == pj && i < j);
}

/* The labels from the most important down, by insertion (few labels). */
static void
sort_labels (const rs_placer *pl, size_t *order, size_t n)
{
  for (size_t i = 1; i < n; i++)
    for (size_t j = i; j > 0 && before (pl, order[j], order[j - 1]); j--)
      {
        size_t t = order[j];

        order[j] = order[j - 1];
        order[j - 1] = t;
      }
}

int
rs_placer_solve (rs_placer *pl)
{
  size_t n = pl->n_lab, m = 0;
  size_t *order = malloc ((n > 0 ? n : 1) * sizeof *order);
  size_t *set = malloc ((n > 0 ? n : 1) * sizeof *set);
  size_t *try = malloc ((n > 0 ? n : 1) * sizeof *try);
  size_t *best = malloc ((n > 0 ? n : 1) * sizeof *best);
  int rc = RS_OK;

  for (size_t i = 0; i < n && order != NULL; i++)
    order[i] = i;
  if (order == NULL || set == NULL || try == NULL || best == NULL)
    rc = RS_ENOMEM;
  for (size_t i = 0; i < n && rc == RS_OK; i++)
    {
      pl->lab[i].choice = -1;
      rc = filter (pl, &pl->lab[i]);
    }
  if (rc == RS_OK)
    sort_labels (pl, order, n);
  for (size_t i = 0; i < n && rc == RS_OK; i++)
    {
      if (pl->lab[order[i]].n_valid == 0)
        continue;
      set[m] = order[i];
      if (search (pl, set, m + 1, try))
        memcpy (best, try, ++m * sizeof *best);
    }
  for (size_t d = 0; d < m && rc == RS_OK; d++)
    pl->lab[set[d]].choice = (int) pl->lab[set[d]].valid[best[d]];
  free (order);
  free (set);
  free (try);
  free (best);
  return rc;
}

int
rs_placer_choice (const rs_placer *pl, size_t k)
{
  return k < pl->n_lab ? pl->lab[k].choice : -1;
}

int
rs_placer_chosen (const rs_placer *pl, size_t k, rs_rect *box)
{
  int c = rs_placer_choice (pl, k);

  if (c < 0)
    return 0;
  *box = pl->lab[k].cand[c];
  return 1;
}

size_t
rs_placer_n_labels (const rs_placer *pl)
{
  return pl->n_lab;
}

size_t
rs_placer_n_obstacles (const rs_placer *pl)
{
  return pl->n_ob;
}
