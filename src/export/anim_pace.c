/* anim_pace.c: a run's animation timed for a lecture.
 *
 * The run's events become the stops of a schedule (pace.h), the scene's
 * 'pace' lines its holds and spans, and each frame is the schedule read
 * at the frame's time: a change's point in its morph inside the change's
 * hold, else the still of the step reached.  So a frame always shows a
 * recorded point as render --at draws it, and the duration asked for is
 * the animation's length. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "export/anim.h"

#define NO_POINT ((size_t) -1)

struct rs_anim_timing {
  const rs_sim *sim;
  size_t last;              /* the last point shown */
  double fps;
  size_t n_frames;
  size_t n_stops;
  rs_pace_stop *stops;      /* increasing steps */
  size_t *point;            /* each stop's change, or NO_POINT */
  size_t n_spans;
  rs_pace_span *spans;
  rs_pace *pace;
};

/* Whether point i of the run holds a change to play (a kick, a change
 * of activation: 2), another event to stop at (1), or none (0). */
static int
event_at (const rs_sim *sim, size_t i)
{
  const rs_sim_point *p = rs_sim_recorded (sim, i);
  const rs_sim_point *q = rs_sim_recorded (sim, i - 1);

  if (p->events & (RS_EVENT_KICK | RS_EVENT_ACT))
    return 2;
  if ((p->events & RS_EVENT_BEAT) || (p->gamma != 0.0 && q->gamma == 0.0)
      || (p->gnorm == 0.0 && q->gnorm != 0.0) || p->dead != q->dead)
    return 1;
  return 0;
}

/* The run's events as stops, into a->stops (room for last + 1): a new
 * stop, or the one before moved to a change joining it. */
static void
find_stops (rs_anim_timing *a, double gap)
{
  for (size_t i = 1; i <= a->last; i++)
    {
      int ev = event_at (a->sim, i);
      double step = (double) rs_sim_recorded (a->sim, i)->step;
      size_t n = a->n_stops;
      int near = n > 0 && step - a->stops[n - 1].step <= gap;

      if (ev == 0 || (near && ev == 1))
        continue;
      if (near && a->point[n - 1] == NO_POINT)
        n--;               /* a change takes the place of the events before */
      else if (near && a->stops[n - 1].step == step)
        continue;          /* one change a step is played */
      a->stops[n] = (rs_pace_stop) { step, ev == 2 ? RS_ANIM_MORPH_HOLD
                                     : RS_ANIM_HOLD,
                                     ev == 2 ? RS_ANIM_MORPH_SECONDS : 0.0 };
      a->point[n] = ev == 2 ? i : NO_POINT;
      a->n_stops = n + 1;
    }
}

/* A step of a 'pace' line as a step of the animation (the end: its
 * last). */
static double
line_step (size_t step, double end)
{
  return step == RS_EXPECT_END ? end : (double) step;
}

/* The scene's holds: each one's seconds at its step, on the stop found
 * there (its change then plays in the middle of the new hold) or on a
 * stop of its own; steps past the end are not shown. */
static void
scene_holds (rs_anim_timing *a, const rs_scene *sc, double end)
{
  for (size_t i = 0; i < sc->n_paces; i++)
    {
      const rs_pace_line *l = &sc->paces[i];
      double step = line_step (l->from, end);
      size_t j = 0;

      if (l->kind != RS_PACE_HOLD || step > end)
        continue;
      while (j < a->n_stops && a->stops[j].step != step)
        j++;
      if (j == a->n_stops)
        {
          a->point[j] = NO_POINT;
          a->stops[a->n_stops++] = (rs_pace_stop) { step, l->value, 0.0 };
          continue;
        }
      a->stops[j].hold = l->value;
      a->stops[j].morph = fmin (a->stops[j].morph, l->value);
    }
}

/* The scene's spans inside the steps shown. */
static void
scene_spans (rs_anim_timing *a, const rs_scene *sc, double end)
{
  for (size_t i = 0; i < sc->n_paces; i++)
    {
      const rs_pace_line *l = &sc->paces[i];
      double from = (double) l->from, to = line_step (l->to, end);

      if (l->kind == RS_PACE_SPEED && from < end)
        a->spans[a->n_spans++] = (rs_pace_span) { from, fmin (to, end),
                                                  l->value, 0.0 };
    }
}

/* Whether nothing moves from point i - 1 to point i: a later step with
 * no event and the same parameters, bit for bit. */
static int
still (const rs_sim *sim, size_t i, size_t np)
{
  return rs_sim_recorded (sim, i)->events == 0 && event_at (sim, i) == 0
         && rs_sim_recorded (sim, i)->step > rs_sim_recorded (sim,
                                                              i - 1)->step
         && memcmp (rs_sim_theta (sim, i), rs_sim_theta (sim, i - 1),
                    np * sizeof (double)) == 0;
}

/* A stretch of steps [from, to] where nothing moves, as a span of
 * fixed seconds, unless a span of the scene meets it. */
static void
idle_span (rs_anim_timing *a, size_t n_scene, double from, double to)
{
  for (size_t i = 0; i < n_scene; i++)
    if (a->spans[i].from < to && from < a->spans[i].to)
      return;
  if (to - from >= 2.0)
    a->spans[a->n_spans++] = (rs_pace_span) {
      from, to, 1.0, fmin (RS_ANIM_IDLE, (to - from) / a->fps) };
}

/* The stretches of the run where nothing moves. */
static void
idle_spans (rs_anim_timing *a)
{
  size_t np = rs_net_nparams (rs_sim_net (a->sim)), n_scene = a->n_spans;
  size_t i = 1;

  while (i <= a->last)
    {
      size_t j = i;

      while (j <= a->last && still (a->sim, j, np))
        j++;
      if (j > i)
        idle_span (a, n_scene, (double) rs_sim_recorded (a->sim, i - 1)->step,
                   (double) rs_sim_recorded (a->sim, j - 1)->step);
      i = j + 1;
    }
}

/* The steps before each stop, RS_ANIM_APPROACH of the run's (one at
 * least, and at most half the way back to the stop before or the
 * start), played RS_ANIM_SLOW times as fast,
 * where no other span lies: the run slows down as it comes to an
 * event. */
static void
approach_spans (rs_anim_timing *a, double end)
{
  size_t n = a->n_spans;
  double width = fmax (1.0, floor (RS_ANIM_APPROACH * end));

  for (size_t i = 0; i < a->n_stops; i++)
    {
      double to = a->stops[i].step, before = 0.0, from;

      for (size_t j = 0; j < a->n_stops; j++)
        if (a->stops[j].step < to)
          before = fmax (before, a->stops[j].step);
      from = fmax (to - width, 0.5 * (before + to));
      for (size_t j = 0; j < n; j++)
        if (a->spans[j].from < to && from < a->spans[j].to)
          from = a->spans[j].to < to ? a->spans[j].to : to;
      if (from < to)
        a->spans[a->n_spans++] = (rs_pace_span) { from, to, RS_ANIM_SLOW,
                                                  0.0 };
    }
}

/* The schedule of a's stops and spans over duration seconds. */
static int
make_pace (rs_anim_timing *a, double end, rs_error *err)
{
  double duration = (double) a->n_frames / a->fps;
  rs_pace_spec spec = {
    duration, end,
    fmax (1.0 / a->fps, fmin (RS_ANIM_FINAL, 0.1 * duration)),
    a->stops, a->n_stops, a->spans, a->n_spans
  };

  a->pace = rs_pace_alloc (&spec, err);
  return a->pace != NULL ? RS_OK : err != NULL ? err->code : RS_EINVAL;
}

rs_anim_timing *
rs_anim_timing_alloc (const rs_sim *sim, size_t last, const rs_scene *sc,
                      double duration, double fps, rs_error *err)
{
  size_t nrec = rs_sim_n_recorded (sim);
  rs_anim_timing *a = calloc (1, sizeof *a);
  double end;

  if (a != NULL)
    {
      a->last = last < nrec ? last : nrec - 1;
      a->stops = malloc ((a->last + 1 + RS_SCENE_MAX_PACES)
                         * sizeof *a->stops);
      a->point = malloc ((a->last + 1 + RS_SCENE_MAX_PACES)
                         * sizeof *a->point);
      a->spans = malloc ((2 * a->last + 2 + 2 * RS_SCENE_MAX_PACES)
                         * sizeof *a->spans);
    }
  if (a == NULL || a->stops == NULL || a->point == NULL || a->spans == NULL)
    {
      rs_anim_timing_free (a);
      rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory");
      return NULL;
    }
  a->sim = sim;
  a->fps = fps;
  a->n_frames = (size_t) fmax (1.0, floor (duration * fps + 0.5));
  end = (double) rs_sim_recorded (sim, a->last)->step;
  find_stops (a, fmax (1.0, floor (RS_ANIM_GAP * end)));
  scene_holds (a, sc, end);
  scene_spans (a, sc, end);
  idle_spans (a);
  approach_spans (a, end);
  if (make_pace (a, end, err) != RS_OK)
    {
      rs_anim_timing_free (a);
      return NULL;
    }
  return a;
}

void
rs_anim_timing_free (rs_anim_timing *a)
{
  if (a == NULL)
    return;
  rs_pace_free (a->pace);
  free (a->stops);
  free (a->point);
  free (a->spans);
  free (a);
}

size_t
rs_anim_timing_frames (const rs_anim_timing *a)
{
  return a->n_frames;
}

const rs_pace *
rs_anim_timing_pace (const rs_anim_timing *a)
{
  return a->pace;
}

size_t
rs_anim_timing_stops (const rs_anim_timing *a)
{
  return a->n_stops;
}

size_t
rs_anim_timing_point (const rs_anim_timing *a, size_t i, double *step)
{
  *step = a->stops[i].step;
  return a->point[i];
}

/* The last recorded point up to a->last whose step is at most step. */
static size_t
point_of_step (const rs_anim_timing *a, double step)
{
  size_t lo = 0, hi = a->last + 1;

  while (hi - lo > 1)
    {
      size_t mid = lo + (hi - lo) / 2;

      if ((double) rs_sim_recorded (a->sim, mid)->step <= step)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

/* The whole step shown at step x of the schedule: the nearest, but
 * short of a change not yet reached (its point is shown in its hold,
 * from before the change). */
static double
step_shown (const rs_anim_timing *a, double x)
{
  double s = floor (x + 0.5);

  for (size_t i = 0; i < a->n_stops; i++)
    if (a->point[i] != NO_POINT && x < a->stops[i].step
        && s >= a->stops[i].step)
      s = a->stops[i].step - 1.0;
  return s;
}

rs_anim_frame
rs_anim_timing_frame (const rs_anim_timing *a, size_t k)
{
  rs_pace_pos pos = rs_pace_at (a->pace, (double) k / a->fps);

  if (pos.stop != RS_PACE_MOVING && a->point[pos.stop] != NO_POINT)
    return (rs_anim_frame) { a->point[pos.stop], pos.phase };
  return (rs_anim_frame) { point_of_step (a, step_shown (a, pos.step)),
                           1.0 };
}
