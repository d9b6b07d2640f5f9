/* pace.h: the timing of an animation for a lecture, as a pure function
 * of time.
 *
 * A schedule says, for each moment t of an animation (0 to its duration,
 * in seconds), where the run stands: a step, a real number that grows
 * smoothly with t, and, inside the hold of a stop, which stop holds and
 * how far the change there has played (its morph phase).  The motion
 * between stops is eased: it slows down to rest at each stop, at the
 * end and at the start, and its speed changes smoothly elsewhere (a
 * monotone cubic through knots, Fritsch and Carlson 1980), so that the
 * only moments where the speed is 0 are the holds.  Nothing here knows
 * of runs, frames or pixels: the exporter (anim_pace.c) samples it at
 * each frame's time, and the app may do the same. */
#ifndef RS_PACE_H
#define RS_PACE_H

#include <stddef.h>

#include <reluscape/rs_common.h>

/* Where the run stops for a moment: a step in [0, end], held for `hold`
 * seconds (> 0), of which the middle `morph` seconds (0 <= morph <= hold)
 * play the change there (a kick, Leaky ReLU switched on); 0: a plain
 * hold. */
typedef struct {
  double step;
  double hold;
  double morph;
} rs_pace_stop;

/* Steps from `from` to `to` (from < to) played `speed` times as fast as
 * the rest (speed > 0), or, when seconds > 0, in `seconds` whatever
 * their number (a stretch where nothing moves). */
typedef struct {
  double from;
  double to;
  double speed;
  double seconds;
} rs_pace_span;

/* What a schedule is made from.  The stops (at most one per step) and
 * the spans (not overlapping) may come in any order.  The holds take at
 * most RS_PACE_HOLD_SHARE of the duration: the final hold whole (up to
 * that share), the stops' holds shortened in proportion to fit in the
 * rest; the spans of fixed seconds take at most half of the time left,
 * shortened in proportion beyond, so that the steps always keep some
 * time. */
typedef struct {
  double duration;          /* seconds, > 0 */
  double end;               /* the last step, >= 0 */
  double final_hold;        /* seconds the end is held, inside duration */
  const rs_pace_stop *stops;
  size_t n_stops;
  const rs_pace_span *spans;
  size_t n_spans;
} rs_pace_spec;

#define RS_PACE_HOLD_SHARE 0.6

/* No stop holds (the run is moving, or at rest at its end). */
#define RS_PACE_MOVING ((size_t) -1)

/* Where the run stands at a moment: its step; the stop (an index into
 * the spec's stops) whose hold it is in, else RS_PACE_MOVING; the phase
 * of that stop's morph, 0 before it plays and 1 after (1 when moving). */
typedef struct {
  double step;
  size_t stop;
  double phase;
} rs_pace_pos;

typedef struct rs_pace rs_pace;

/* The schedule of spec.  NULL with err when a value is out of range (a
 * stop past the end, spans that overlap ...) or memory runs out. */
rs_pace *rs_pace_alloc (const rs_pace_spec *spec, rs_error *err);
void rs_pace_free (rs_pace *p);

/* Where the run stands at t seconds (clamped to [0, duration]): the
 * step is exactly 0 at t = 0, each stop's step through its hold, and
 * the end from the end of the motion on; it never decreases. */
rs_pace_pos rs_pace_at (const rs_pace *p, double t);

/* When the hold of stop i starts and ends, in seconds (after the
 * shortening described at rs_pace_spec). */
void rs_pace_hold_times (const rs_pace *p, size_t i, double *t0, double *t1);

/* When the motion reaches the end (the final hold starts). */
double rs_pace_end_time (const rs_pace *p);

/* The ease of a morph's phase and of a span between two rests: the
 * cubic 3u^2 - 2u^3 on [0, 1], 0 below and 1 above. */
double rs_pace_ease (double u);

#endif /* RS_PACE_H */
