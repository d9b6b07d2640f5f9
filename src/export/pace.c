/* pace.c: an animation's schedule, time -> (step, stop, morph phase).
 *
 * The steps from 0 to the end are cut at the stops and at the spans'
 * ends into pieces; each piece gets its seconds (its steps over its
 * speed, times one rate for the whole run, or its span's own seconds),
 * each stop its hold.  The knots (time, step) between the pieces are
 * joined by cubic Hermite pieces: the slope is 0 at the start, at the
 * end and at both ends of every hold, and elsewhere the harmonic mean of
 * the two neighbouring pieces' mean speeds (Fritsch and Butland 1984),
 * which keeps the curve monotone (each end's slope is at most twice its
 * piece's mean, inside Fritsch and Carlson's region [0, 3]^2) and its
 * speed continuous: a piece between two equal neighbours is played at
 * constant speed. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "export/pace.h"

/* A knot: at time t the run is at step x, moving at m steps a second;
 * the piece from this knot to the next is the hold of stop `stop`, or
 * motion (RS_PACE_MOVING). */
typedef struct {
  double t;
  double x;
  double m;
  size_t stop;
  int free;                 /* m is set from the neighbouring pieces */
} knot;

struct rs_pace {
  knot *k;
  size_t n;
  double duration;
  double t_end;             /* the motion reaches the end */
  size_t n_stops;
  size_t *stop_knot;        /* the knot where each stop's hold starts */
  double *pre;              /* seconds of each hold before its morph */
  double *morph;            /* seconds of each morph, after shortening */
};

double
rs_pace_ease (double u)
{
  if (u <= 0.0)
    return 0.0;
  if (u >= 1.0)
    return 1.0;
  return u * u * (3.0 - 2.0 * u);
}

/* Each stop inside the steps, its hold > 0 holding its morph, one a
 * step. */
static int
check_stops (const rs_pace_spec *s, rs_error *err)
{
  for (size_t i = 0; i < s->n_stops; i++)
    {
      const rs_pace_stop *p = &s->stops[i];

      if (!isfinite (p->step) || p->step < 0.0 || p->step > s->end)
        return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "a stop at step %g "
                             "is outside the steps 0 to %g", p->step,
                             s->end);
      if (!isfinite (p->hold) || p->hold <= 0.0 || !isfinite (p->morph)
          || p->morph < 0.0 || p->morph > p->hold)
        return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "the stop at step "
                             "%g: a hold of %g s with a morph of %g s",
                             p->step, p->hold, p->morph);
      for (size_t j = 0; j < i; j++)
        if (s->stops[j].step == p->step)
          return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "two stops at "
                               "step %g", p->step);
    }
  return RS_OK;
}

/* Each span forwards from a step >= 0, with a speed or seconds > 0, and
 * no two over one step. */
static int
check_spans (const rs_pace_spec *s, rs_error *err)
{
  for (size_t i = 0; i < s->n_spans; i++)
    {
      const rs_pace_span *a = &s->spans[i];

      if (!isfinite (a->from) || !isfinite (a->to) || a->from < 0.0
          || a->from >= a->to || !isfinite (a->speed)
          || !isfinite (a->seconds)
          || a->seconds < 0.0 || (a->seconds == 0.0 && a->speed <= 0.0))
        return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "a span from step "
                             "%g to %g at speed %g (%g s)", a->from, a->to,
                             a->speed, a->seconds);
      for (size_t j = 0; j < i; j++)
        if (s->spans[j].from < a->to && a->from < s->spans[j].to)
          return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "the spans from "
                               "step %g and from step %g overlap",
                               s->spans[j].from, a->from);
    }
  return RS_OK;
}

/* The whole spec: a duration, an end and a final hold, then the stops
 * and the spans. */
static int
check_spec (const rs_pace_spec *s, rs_error *err)
{
  if (!isfinite (s->duration) || s->duration <= 0.0 || !isfinite (s->end)
      || s->end < 0.0 || !isfinite (s->final_hold) || s->final_hold < 0.0)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "a schedule of %g s "
                         "over steps 0 to %g, held %g s at the end",
                         s->duration, s->end, s->final_hold);
  if (check_stops (s, err) != RS_OK)
    return RS_EINVAL;
  return check_spans (s, err);
}

/* qsort's order of doubles, increasing. */
static int
by_value (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The steps where pieces meet: 0, the end, the stops and the spans'
 * ends inside [0, end], increasing, each once, into b; returns how
 * many. */
static size_t
breakpoints (const rs_pace_spec *s, double *b)
{
  size_t n = 0, u = 0;

  b[n++] = 0.0;
  b[n++] = s->end;
  for (size_t i = 0; i < s->n_stops; i++)
    b[n++] = s->stops[i].step;
  for (size_t i = 0; i < s->n_spans; i++)
    {
      b[n++] = fmin (s->spans[i].from, s->end);
      b[n++] = fmin (s->spans[i].to, s->end);
    }
  qsort (b, n, sizeof *b, by_value);
  for (size_t i = 0; i < n; i++)
    if (u == 0 || b[i] != b[u - 1])
      b[u++] = b[i];
  return u;
}

/* The piece of steps [lo, hi]: its fixed seconds (a span of seconds),
 * else 0 with its cost in *cost (its steps over its speed). */
static double
piece (const rs_pace_spec *s, double lo, double hi, double *cost)
{
  double mid = 0.5 * (lo + hi);

  *cost = 0.0;
  for (size_t i = 0; i < s->n_spans; i++)
    {
      const rs_pace_span *a = &s->spans[i];

      if (a->from <= mid && mid < a->to)
        {
          if (a->seconds > 0.0)
            return a->seconds * (hi - lo) / (a->to - a->from);
          *cost = (hi - lo) / a->speed;
          return 0.0;
        }
    }
  *cost = hi - lo;
  return 0.0;
}

/* The stop at step x, or RS_PACE_MOVING. */
static size_t
stop_at (const rs_pace_spec *s, double x)
{
  for (size_t i = 0; i < s->n_stops; i++)
    if (s->stops[i].step == x)
      return i;
  return RS_PACE_MOVING;
}

/* The seconds of each piece between breakpoints b[i] and b[i + 1] into
 * secs, given the seconds `motion` that the steps get in all; returns
 * the seconds left over when no piece can take them (a run of one
 * step). */
static double
piece_seconds (const rs_pace_spec *s, const double *b, size_t nb,
               double motion, double *secs)
{
  double fixed = 0.0, cost = 0.0, c, scale = 1.0, rate = 0.0;

  for (size_t i = 0; i + 1 < nb; i++)
    {
      fixed += piece (s, b[i], b[i + 1], &c);
      cost += c;
    }
  if (cost > 0.0 && fixed > 0.5 * motion)
    scale = 0.5 * motion / fixed;
  else if (cost == 0.0 && fixed > 0.0)
    scale = motion / fixed;
  if (cost > 0.0)
    rate = (motion - scale * fixed) / cost;
  for (size_t i = 0; i + 1 < nb; i++)
    {
      double f = piece (s, b[i], b[i + 1], &c);

      secs[i] = scale * f + rate * c;
    }
  return cost == 0.0 && fixed == 0.0 ? motion : 0.0;
}

/* A knot more, its slope 0 until set_slopes sets the free ones. */
static void
push (rs_pace *p, double t, double x, size_t stop, int free_slope)
{
  p->k[p->n++] = (knot) { t, x, 0.0, stop, free_slope };
}

/* The slopes of the free knots: the harmonic mean of the mean speeds of
 * the pieces on either side (0 when one of them does not move). */
static void
set_slopes (rs_pace *p)
{
  for (size_t i = 1; i + 1 < p->n; i++)
    {
      knot *k = &p->k[i];
      double dl, dr;

      if (!k->free)
        continue;
      dl = (k->x - k[-1].x) / (k->t - k[-1].t);
      dr = (k[1].x - k->x) / (k[1].t - k->t);
      k->m = dl > 0.0 && dr > 0.0 ? 2.0 * dl * dr / (dl + dr) : 0.0;
    }
}

/* The knots of spec s with the holds shortened by hscale. */
static void
build (rs_pace *p, const rs_pace_spec *s, const double *b, size_t nb,
       const double *secs, double hscale, double final_hold)
{
  double t = 0.0;

  for (size_t i = 0; i < nb; i++)
    {
      size_t j = stop_at (s, b[i]);

      if (j != RS_PACE_MOVING)
        {
          double hold = hscale * s->stops[j].hold;

          p->stop_knot[j] = p->n;
          p->morph[j] = hscale * s->stops[j].morph;
          p->pre[j] = 0.5 * (hold - p->morph[j]);
          push (p, t, b[i], j, 0);
          t += hold;
        }
      push (p, t, b[i], RS_PACE_MOVING, j == RS_PACE_MOVING && i > 0
                                        && i + 1 < nb);
      if (i + 1 < nb)
        t += secs[i];
    }
  p->t_end = t;
  push (p, fmax (t + final_hold, s->duration), s->end, RS_PACE_MOVING, 0);
  set_slopes (p);
}

/* A new pace with room for the knots of s's nmax breakpoints, and the
 * scratch arrays *b and *secs of nmax numbers (the breakpoints, the
 * pieces' seconds); NULL with err when out of memory. */
static rs_pace *
pace_new (const rs_pace_spec *s, size_t nmax, double **b, double **secs,
          rs_error *err)
{
  rs_pace *p = calloc (1, sizeof *p);

  *b = malloc (nmax * sizeof **b);
  *secs = malloc (nmax * sizeof **secs);
  if (p != NULL)
    {
      p->k = malloc ((2 * nmax + 2) * sizeof *p->k);
      p->stop_knot = calloc (s->n_stops + 1, sizeof *p->stop_knot);
      p->pre = calloc (s->n_stops + 1, sizeof *p->pre);
      p->morph = calloc (s->n_stops + 1, sizeof *p->morph);
    }
  if (p != NULL && *b != NULL && *secs != NULL && p->k != NULL
      && p->stop_knot != NULL && p->pre != NULL && p->morph != NULL)
    return p;
  free (*b);
  free (*secs);
  rs_pace_free (p);
  rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory");
  return NULL;
}

rs_pace *
rs_pace_alloc (const rs_pace_spec *s, rs_error *err)
{
  size_t nmax = 2 + s->n_stops + 2 * s->n_spans, nb;
  double *b, *secs, holds = 0.0, hscale = 1.0, left, final;
  rs_pace *p;

  if (check_spec (s, err) != RS_OK
      || (p = pace_new (s, nmax, &b, &secs, err)) == NULL)
    return NULL;
  /* the final hold whole (up to the share), the stops' in what is left */
  final = fmin (s->final_hold, RS_PACE_HOLD_SHARE * s->duration);
  for (size_t i = 0; i < s->n_stops; i++)
    holds += s->stops[i].hold;
  if (final + holds > RS_PACE_HOLD_SHARE * s->duration)
    hscale = (RS_PACE_HOLD_SHARE * s->duration - final) / holds;
  nb = breakpoints (s, b);
  p->duration = s->duration;
  p->n_stops = s->n_stops;
  left = piece_seconds (s, b, nb, s->duration - final - hscale * holds,
                        secs);
  build (p, s, b, nb, secs, hscale, final + left);
  free (b);
  free (secs);
  return p;
}

void
rs_pace_free (rs_pace *p)
{
  if (p == NULL)
    return;
  free (p->k);
  free (p->stop_knot);
  free (p->pre);
  free (p->morph);
  free (p);
}

/* The knot that starts the piece holding t: the last one at or before
 * t, a nanosecond early counted as at it (a frame's time k / fps lands
 * on a knot computed by sums either side of it). */
static size_t
piece_of (const rs_pace *p, double t)
{
  size_t lo = 0, hi = p->n - 1;

  while (hi - lo > 1)
    {
      size_t mid = lo + (hi - lo) / 2;

      if (p->k[mid].t <= t + 1e-9)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

/* The cubic Hermite piece from knot a to knot b at time t. */
static double
hermite (const knot *a, const knot *b, double t)
{
  double h = b->t - a->t, u, u2, u3, x;

  if (h <= 0.0)
    return b->x;
  u = fmin (fmax ((t - a->t) / h, 0.0), 1.0);
  u2 = u * u;
  u3 = u2 * u;
  x = (2 * u3 - 3 * u2 + 1) * a->x + (u3 - 2 * u2 + u) * h * a->m
      + (-2 * u3 + 3 * u2) * b->x + (u3 - u2) * h * b->m;
  return fmin (fmax (x, a->x), b->x);
}

rs_pace_pos
rs_pace_at (const rs_pace *p, double t)
{
  rs_pace_pos pos = { 0.0, RS_PACE_MOVING, 1.0 };
  size_t i;
  const knot *a;

  t = fmin (fmax (t, 0.0), p->duration);
  i = piece_of (p, t);
  a = &p->k[i];
  if (i + 1 >= p->n)
    {
      pos.step = a->x;
      return pos;
    }
  if (a->stop == RS_PACE_MOVING)
    {
      pos.step = hermite (a, a + 1, t);
      return pos;
    }
  pos.step = a->x;
  pos.stop = a->stop;
  pos.phase = p->morph[a->stop] > 0.0
              ? rs_pace_ease ((t - a->t - p->pre[a->stop])
                              / p->morph[a->stop]) : 1.0;
  return pos;
}

void
rs_pace_hold_times (const rs_pace *p, size_t i, double *t0, double *t1)
{
  size_t k = i < p->n_stops ? p->stop_knot[i] : 0;

  *t0 = p->k[k].t;
  *t1 = p->k[k + 1].t;
}

double
rs_pace_end_time (const rs_pace *p)
{
  return p->t_end;
}
