/* check_pace.c: an animation's timing (src/export/pace.c, the schedule time ->
 * step and morph phase; src/export/anim_pace.c, the frames of a run).  The
 * expected values are derived by hand from the definitions in pace.h
 * and anim.h (the seconds each piece gets, the cubic 3u^2 - 2u^3
 * between two rests) or taken from the scenes' own claims about their
 * runs (the steps of their events). */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <check.h>

#include "export/anim.h"
#include "export/pace.h"
#include "scene_load.h"

/* The schedule of spec; any error fails the test. */
static rs_pace *
pace_of (const rs_pace_spec *spec)
{
  rs_error err;
  rs_pace *p = rs_pace_alloc (spec, &err);

  ck_assert_msg (p != NULL, "%s", err.message);
  return p;
}

/* No stops, no spans: the steps 0 to 100 over 10 s, the end held 0.5 s.
 * One piece between two rests, 9.5 s long: x(t) = 100 (3u^2 - 2u^3),
 * u = t / 9.5, so x(4.75) = 50 and x(2.375) = 100 (3/16 - 2/64) =
 * 15.625. */
START_TEST (test_one_piece_eased)
{
  rs_pace_spec spec = { 10.0, 100.0, 0.5, NULL, 0, NULL, 0 };
  rs_pace *p = pace_of (&spec);
  rs_pace_pos pos = rs_pace_at (p, 4.75);

  ck_assert_double_eq (rs_pace_at (p, 0.0).step, 0.0);
  ck_assert_double_eq_tol (pos.step, 50.0, 1e-12);
  ck_assert_uint_eq (pos.stop, RS_PACE_MOVING);
  ck_assert_double_eq (pos.phase, 1.0);
  ck_assert_double_eq_tol (rs_pace_at (p, 2.375).step, 15.625, 1e-12);
  ck_assert_double_eq_tol (rs_pace_end_time (p), 9.5, 1e-12);
  ck_assert_double_eq (rs_pace_at (p, 9.5).step, 100.0);
  ck_assert_double_eq (rs_pace_at (p, 9.9).step, 100.0);
  ck_assert_double_eq (rs_pace_at (p, 10.0).step, 100.0);
  ck_assert_double_eq (rs_pace_at (p, 25.0).step, 100.0);
  rs_pace_free (p);
}
END_TEST

/* Steps 0 to 300 over 10 s, held 1 s at the end, with a span of speed
 * 1 over steps 100 to 200: three pieces of equal cost, 3 s each.  Both
 * ends of the middle one get the harmonic mean of equal speeds, 100/3
 * steps a second, its own mean: the middle piece is played at constant
 * speed, x(t) = 100 + (t - 3) 100/3, so x(4) = 133.33..., x(4.5) = 150
 * and x(5.25) = 175. */
START_TEST (test_constant_speed_piece)
{
  rs_pace_span span = { 100.0, 200.0, 1.0, 0.0 };
  rs_pace_spec spec = { 10.0, 300.0, 1.0, NULL, 0, &span, 1 };
  rs_pace *p = pace_of (&spec);

  ck_assert_double_eq_tol (rs_pace_at (p, 3.0).step, 100.0, 1e-9);
  ck_assert_double_eq_tol (rs_pace_at (p, 4.0).step, 400.0 / 3.0, 1e-9);
  ck_assert_double_eq_tol (rs_pace_at (p, 4.5).step, 150.0, 1e-9);
  ck_assert_double_eq_tol (rs_pace_at (p, 5.25).step, 175.0, 1e-9);
  ck_assert_double_eq_tol (rs_pace_at (p, 6.0).step, 200.0, 1e-9);
  ck_assert_double_eq_tol (rs_pace_end_time (p), 9.0, 1e-12);
  rs_pace_free (p);
}
END_TEST

/* A hold of 1.5 s at step 40 of 100, over 10 s with 0.5 s at the end:
 * the steps get 10 - 1.5 - 0.5 = 8 s, 40 of them 3.2 s, so the hold is
 * [3.2, 4.7).  At 30 frames a second, frames 96 to 140 (t = k / 30) are
 * in it: exactly 1.5 x 30 = 45 frames, all at step 40; the frame before
 * is before step 40, and the motion goes on from 4.7 s. */
START_TEST (test_hold_frames)
{
  rs_pace_stop stop = { 40.0, 1.5, 0.0 };
  rs_pace_spec spec = { 10.0, 100.0, 0.5, &stop, 1, NULL, 0 };
  rs_pace *p = pace_of (&spec);
  size_t held = 0, first = 0, last = 0;
  double t0, t1;

  rs_pace_hold_times (p, 0, &t0, &t1);
  ck_assert_double_eq_tol (t0, 3.2, 1e-12);
  ck_assert_double_eq_tol (t1, 4.7, 1e-12);
  for (size_t k = 0; k < 300; k++)
    {
      rs_pace_pos pos = rs_pace_at (p, k / 30.0);

      if (pos.stop != 0)
        continue;
      ck_assert_double_eq (pos.step, 40.0);
      ck_assert_double_eq (pos.phase, 1.0);
      first = held++ == 0 ? k : first;
      last = k;
    }
  ck_assert_uint_eq (held, 45);
  ck_assert_uint_eq (first, 96);
  ck_assert_uint_eq (last, 140);
  ck_assert (rs_pace_at (p, 95 / 30.0).step < 40.0);
  /* frame 141, t = 4.7, is where the motion starts again from rest */
  ck_assert_double_eq (rs_pace_at (p, 141 / 30.0).step, 40.0);
  ck_assert_uint_eq (rs_pace_at (p, 141 / 30.0).stop, RS_PACE_MOVING);
  ck_assert (rs_pace_at (p, 142 / 30.0).step > 40.0);
  rs_pace_free (p);
}
END_TEST

/* A hold of 1.5 s with a morph of 1 s: 0.25 s at phase 0, the morph
 * eased (3u^2 - 2u^3: one half in its middle), 0.25 s at phase 1. */
START_TEST (test_morph_phase)
{
  rs_pace_stop stop = { 20.0, 1.5, 1.0 };
  rs_pace_spec spec = { 6.0, 50.0, 0.5, &stop, 1, NULL, 0 };
  rs_pace *p = pace_of (&spec);
  double t0, t1, before = -1.0;

  rs_pace_hold_times (p, 0, &t0, &t1);
  ck_assert_double_eq_tol (t1 - t0, 1.5, 1e-12);
  ck_assert_double_eq (rs_pace_at (p, t0 + 0.1).phase, 0.0);
  ck_assert_double_eq (rs_pace_at (p, t0 + 0.25).phase, 0.0);
  ck_assert_double_eq_tol (rs_pace_at (p, t0 + 0.5).phase, 0.15625, 1e-9);
  ck_assert_double_eq_tol (rs_pace_at (p, t0 + 0.75).phase, 0.5, 1e-9);
  ck_assert_double_eq (rs_pace_at (p, t0 + 1.3).phase, 1.0);
  for (double t = t0; t < t1 - 1e-6; t += 0.01)
    {
      rs_pace_pos pos = rs_pace_at (p, t);

      ck_assert_uint_eq (pos.stop, 0);
      ck_assert_double_eq (pos.step, 20.0);
      ck_assert (pos.phase >= before);
      before = pos.phase;
    }
  rs_pace_free (p);
}
END_TEST

/* Stops, spans of speed and of seconds together: the step never goes
 * back, is each stop's own step all through its hold and the end at the
 * end; its speed (finite differences over 0.1 ms) changes by less than
 * 1 % of its largest value from one sample to the next: no jump, since
 * the motion comes to rest on both sides of every hold. */
START_TEST (test_monotone_smooth_exact)
{
  rs_pace_stop stops[] = {
    { 50.0, 1.5, 1.0 }, { 10.0, 0.5, 0.0 }, { 51.0, 0.5, 0.0 }
  };
  rs_pace_span spans[] = {
    { 60.0, 80.0, 4.0, 0.0 }, { 80.0, 200.0, 1.0, 1.0 },
    { 250.0, 400.0, 0.3, 0.0 }
  };
  rs_pace_spec spec = { 12.0, 300.0, 0.5, stops, 3, spans, 3 };
  rs_pace *p = pace_of (&spec);
  double dt = 1e-4, x0 = 0.0, v0 = 0.0, vmax = 0.0, jump = 0.0;

  for (size_t i = 0; i < 3; i++)
    {
      double t0, t1;

      rs_pace_hold_times (p, i, &t0, &t1);
      ck_assert_double_eq (rs_pace_at (p, t0).step, stops[i].step);
      ck_assert_double_eq (rs_pace_at (p, 0.5 * (t0 + t1)).step,
                           stops[i].step);
      ck_assert_uint_eq (rs_pace_at (p, 0.5 * (t0 + t1)).stop, i);
      ck_assert_double_eq (rs_pace_at (p, t1).step, stops[i].step);
    }
  for (double t = dt; t <= 12.0; t += dt)
    {
      double x = rs_pace_at (p, t).step, v = (x - x0) / dt;

      ck_assert_msg (x >= x0, "the step goes back at %g s", t);
      ck_assert (x <= 300.0);
      vmax = fmax (vmax, v);
      jump = fmax (jump, fabs (v - v0));
      x0 = x;
      v0 = v;
    }
  ck_assert_double_eq (rs_pace_at (p, 12.0).step, 300.0);
  ck_assert_msg (jump < 0.01 * vmax, "the speed jumps by %g (at most %g)",
                 jump, vmax);
  rs_pace_free (p);
}
END_TEST

/* Holds longer than RS_PACE_HOLD_SHARE of the duration are shortened:
 * two of 1.5 s and a final hold of 0.2 s in 2 s get 0.6 x 2 = 1.2 s, the
 * final hold its own 0.2 s and each stop 1.5 x 1.0 / 3 = 0.5 s. */
START_TEST (test_holds_shortened)
{
  rs_pace_stop stops[] = { { 10.0, 1.5, 1.0 }, { 20.0, 1.5, 0.0 } };
  rs_pace_spec spec = { 2.0, 30.0, 0.2, stops, 2, NULL, 0 };
  rs_pace *p = pace_of (&spec);
  double t0, t1;

  rs_pace_hold_times (p, 0, &t0, &t1);
  ck_assert_double_eq_tol (t1 - t0, 0.5, 1e-12);
  rs_pace_hold_times (p, 1, &t0, &t1);
  ck_assert_double_eq_tol (t1 - t0, 0.5, 1e-12);
  ck_assert_double_eq_tol (2.0 - rs_pace_end_time (p), 0.2, 1e-12);
  rs_pace_free (p);
}
END_TEST

/* However short the animation, its last frame is the run's end: kick.scene
 * (a rest and a kick: 2 s of holds) in 1 s at 5 frames a second, and in
 * 0.4 s at 5 (two frames), end on the last recorded point. */
START_TEST (test_short_ends_at_end)
{
  static const double cases[][2] = { { 1.0, 5.0 }, { 0.4, 5.0 },
                                     { 0.5, 30.0 } };
  rs_scene sc;
  rs_sim *sim;
  rs_error err;

  load ("kick.scene", "", &sc, &sim);
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      rs_anim_timing *a = rs_anim_timing_alloc (sim, (size_t) -1, &sc,
                                                cases[i][0], cases[i][1],
                                                &err);
      size_t n = rs_anim_timing_frames (a);

      ck_assert_uint_eq (n, (size_t) (cases[i][0] * cases[i][1] + 0.5));
      ck_assert_uint_eq (rs_anim_timing_frame (a, n - 1).point,
                         rs_sim_n_recorded (sim) - 1);
      ck_assert_double_eq (rs_anim_timing_frame (a, n - 1).morph, 1.0);
      rs_anim_timing_free (a);
    }
  rs_sim_free (sim);
}
END_TEST

/* A run of one step: no motion, the time is the holds' and the end's. */
START_TEST (test_no_steps)
{
  rs_pace_stop stop = { 0.0, 0.5, 0.0 };
  rs_pace_spec spec = { 3.0, 0.0, 0.5, &stop, 1, NULL, 0 };
  rs_pace *p = pace_of (&spec);

  ck_assert_uint_eq (rs_pace_at (p, 0.2).stop, 0);
  ck_assert_uint_eq (rs_pace_at (p, 2.0).stop, RS_PACE_MOVING);
  ck_assert_double_eq (rs_pace_at (p, 2.0).step, 0.0);
  rs_pace_free (p);
}
END_TEST

/* Each kind of bad spec is refused with RS_EINVAL and a message. */
START_TEST (test_bad_specs)
{
  rs_pace_stop past = { 101.0, 1.0, 0.0 }, long_morph = { 5.0, 1.0, 2.0 };
  rs_pace_stop twice[] = { { 5.0, 1.0, 0.0 }, { 5.0, 0.5, 0.0 } };
  rs_pace_span overlap[] = { { 0.0, 50.0, 2.0, 0.0 },
                             { 40.0, 60.0, 1.0, 0.0 } };
  rs_pace_span backwards = { 60.0, 40.0, 1.0, 0.0 };
  rs_pace_span still = { 10.0, 40.0, 0.0, 0.0 };
  const rs_pace_spec bad[] = {
    { 0.0, 100.0, 0.5, NULL, 0, NULL, 0 },
    { 10.0, -1.0, 0.5, NULL, 0, NULL, 0 },
    { 10.0, 100.0, NAN, NULL, 0, NULL, 0 },
    { 10.0, 100.0, 0.5, &past, 1, NULL, 0 },
    { 10.0, 100.0, 0.5, &long_morph, 1, NULL, 0 },
    { 10.0, 100.0, 0.5, twice, 2, NULL, 0 },
    { 10.0, 100.0, 0.5, NULL, 0, overlap, 2 },
    { 10.0, 100.0, 0.5, NULL, 0, &backwards, 1 },
    { 10.0, 100.0, 0.5, NULL, 0, &still, 1 },
  };

  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    {
      rs_error err = { 0 };

      ck_assert_msg (rs_pace_alloc (&bad[i], &err) == NULL, "spec %zu", i);
      ck_assert_int_eq (err.code, RS_EINVAL);
      ck_assert (err.message[0] != '\0');
    }
}
END_TEST

/* ---- The frames of a run ---- */

/* The timing of scene name (with extra lines) over duration s at fps. */
static rs_anim_timing *
timing_of (const char *name, const char *extra, double duration, double fps,
           rs_scene *sc, rs_sim **sim)
{
  rs_error err;
  rs_anim_timing *a;

  load (name, extra, sc, sim);
  a = rs_anim_timing_alloc (*sim, (size_t) -1, sc, duration, fps, &err);
  ck_assert_msg (a != NULL, "%s", err.message);
  return a;
}

/* The stop of a at step, its index; fails when there is none. */
static size_t
stop_at_step (const rs_anim_timing *a, double step)
{
  for (size_t i = 0; i < rs_anim_timing_stops (a); i++)
    {
      double s;

      rs_anim_timing_point (a, i, &s);
      if (s == step)
        return i;
    }
  ck_abort_msg ("no stop at step %g", step);
  return 0;
}

/* The frames in stop i's hold. */
static size_t
frames_in_hold (const rs_anim_timing *a, size_t i, double fps)
{
  size_t n = 0;

  for (size_t k = 0; k < rs_anim_timing_frames (a); k++)
    n += rs_pace_at (rs_anim_timing_pace (a), k / fps).stop == i;
  return n;
}

/* --duration S at F frames a second: round(S x F) frames, one at
 * least. */
START_TEST (test_frame_count)
{
  static const double cases[][3] = {
    { 10.0, 30.0, 300 }, { 2.5, 12.0, 30 }, { 3.7, 10.0, 37 },
    { 0.1, 1.0, 1 }, { 1.0, 120.0, 120 }
  };
  rs_scene sc;
  rs_sim *sim;
  rs_error err;

  load ("c08-leaky-relu.scene", "", &sc, &sim);
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      rs_anim_timing *a = rs_anim_timing_alloc (sim, (size_t) -1, &sc,
                                                cases[i][0], cases[i][1],
                                                &err);

      ck_assert_ptr_nonnull (a);
      ck_assert_uint_eq (rs_anim_timing_frames (a), (size_t) cases[i][2]);
      rs_anim_timing_free (a);
    }
  rs_sim_free (sim);
}
END_TEST

/* c08: the ball comes to rest at step 9 (the scene's claim: gnorm 0 from
 * 9 to 49) and Leaky ReLU is switched on at step 50 (its claim: event
 * act).  The rest holds RS_ANIM_HOLD (15 frames at 30 fps), the change
 * RS_ANIM_MORPH_HOLD (45 frames), all of them the change's point, its
 * morph rising from 0 to 1; the steps shown never go back. */
START_TEST (test_c08_holds)
{
  rs_scene sc;
  rs_sim *sim;
  rs_anim_timing *a = timing_of ("c08-leaky-relu.scene", "", 10.0, 30.0,
                                 &sc, &sim);
  size_t rest = stop_at_step (a, 9.0), act = stop_at_step (a, 50.0);
  size_t point, step = 0, moving = 0;
  double s, morph = 0.0;

  ck_assert_uint_eq (rs_anim_timing_stops (a), 2);
  ck_assert_uint_eq (rs_anim_timing_point (a, rest, &s), (size_t) -1);
  point = rs_anim_timing_point (a, act, &s);
  ck_assert (rs_sim_recorded (sim, point)->events & RS_EVENT_ACT);
  ck_assert_uint_eq (frames_in_hold (a, rest, 30.0), 15);
  ck_assert_uint_eq (frames_in_hold (a, act, 30.0), 45);
  for (size_t k = 0; k < rs_anim_timing_frames (a); k++)
    {
      rs_anim_frame fr = rs_anim_timing_frame (a, k);
      size_t now = rs_sim_recorded (sim, fr.point)->step;

      ck_assert_msg (now >= step, "frame %zu goes back to step %zu", k, now);
      step = now;
      if (rs_pace_at (rs_anim_timing_pace (a), k / 30.0).stop != act)
        {
          /* the change's step is not shown before its hold */
          ck_assert (now < 50 || morph == 1.0);
          ck_assert_double_eq (fr.morph, 1.0);
          continue;
        }
      ck_assert_uint_eq (fr.point, point);
      ck_assert (fr.morph >= morph);
      morph = fr.morph;
      moving += fr.morph > 0.0 && fr.morph < 1.0;
    }
  ck_assert_double_eq (morph, 1.0);
  /* the morph's second: 30 frames, its two ends at 0 and 1 */
  ck_assert_uint_ge (moving, 28);
  ck_assert_uint_eq (step, 300);
  rs_anim_timing_free (a);
  rs_sim_free (sim);
}
END_TEST

/* c05: the ball comes to rest at step 10 for good (the scene's claim:
 * gnorm 0 from step 10 to the end).  After that stop's hold the
 * animation shows at most RS_ANIM_IDLE s of the resting ball and the
 * final RS_ANIM_FINAL s: 1.5 x 30 = 45 frames, one more for rounding. */
START_TEST (test_c05_no_idling)
{
  rs_scene sc;
  rs_sim *sim;
  rs_anim_timing *a = timing_of ("c05-plateau.scene", "", 10.0, 30.0, &sc,
                                 &sim);
  size_t rest = stop_at_step (a, 10.0), last_held = 0;

  for (size_t k = 0; k < rs_anim_timing_frames (a); k++)
    if (rs_pace_at (rs_anim_timing_pace (a), k / 30.0).stop == rest)
      last_held = k;
  ck_assert_uint_le (rs_anim_timing_frames (a) - 1 - last_held,
                     (size_t) ((RS_ANIM_IDLE + RS_ANIM_FINAL) * 30.0) + 1);
  /* the last frame is the end of the run */
  ck_assert_uint_eq (rs_anim_timing_frame (a, 299).point,
                     rs_sim_n_recorded (sim) - 1);
  rs_anim_timing_free (a);
  rs_sim_free (sim);
}
END_TEST

/* The scene's pace lines: 'pace hold 3 at 50' holds c08's change 3 s
 * (90 frames at 30 fps), its morph still RS_ANIM_MORPH_SECONDS of them;
 * 'pace hold 2 at 120' stops where nothing happens, 60 frames on step
 * 120. */
START_TEST (test_scene_holds)
{
  rs_scene sc;
  rs_sim *sim;
  rs_anim_timing *a = timing_of ("c08-leaky-relu.scene",
                                 "pace hold 3 at 50\npace hold 2 at 120\n",
                                 10.0, 30.0, &sc, &sim);
  size_t act = stop_at_step (a, 50.0), plain = stop_at_step (a, 120.0);
  size_t moving = 0;
  double s;

  ck_assert_uint_eq (frames_in_hold (a, act, 30.0), 90);
  ck_assert_uint_eq (frames_in_hold (a, plain, 30.0), 60);
  ck_assert_uint_eq (rs_anim_timing_point (a, plain, &s), (size_t) -1);
  for (size_t k = 0; k < rs_anim_timing_frames (a); k++)
    {
      rs_anim_frame fr = rs_anim_timing_frame (a, k);
      rs_pace_pos pos = rs_pace_at (rs_anim_timing_pace (a), k / 30.0);

      moving += fr.morph > 0.0 && fr.morph < 1.0;
      if (pos.stop == plain)
        ck_assert_uint_eq (rs_sim_recorded (sim, fr.point)->step, 120);
    }
  ck_assert_uint_ge (moving, 28);
  ck_assert_uint_le (moving, 30);
  rs_anim_timing_free (a);
  rs_sim_free (sim);
}
END_TEST

/* When the schedule first reaches step x (by bisection on its times). */
static double
time_of_step (const rs_pace *p, double x, double duration)
{
  double lo = 0.0, hi = duration;

  for (int i = 0; i < 60; i++)
    {
      double mid = 0.5 * (lo + hi);

      if (rs_pace_at (p, mid).step < x)
        lo = mid;
      else
        hi = mid;
    }
  return hi;
}

/* 'pace speed 0.25 from 100 to 200' on c05: those 100 steps take four
 * times as long as the 100 steps after them (the span's speed against
 * the others', 1; the knots at steps 100, 200 and 300 are reached at
 * the times the pieces' costs give, whatever the ease between them). */
START_TEST (test_scene_speed)
{
  rs_scene sc;
  rs_sim *sim;
  rs_anim_timing *a = timing_of ("c05-plateau.scene",
                                 "pace speed 0.25 from 100 to 200\n", 10.0,
                                 30.0, &sc, &sim);
  const rs_pace *p = rs_anim_timing_pace (a);
  double t1 = time_of_step (p, 100.0, 10.0), t2 = time_of_step (p, 200.0,
                                                                10.0);

  /* within the nanosecond a knot is found early (rs_pace_at) */
  ck_assert_double_eq_tol ((t2 - t1), 4.0 * (rs_pace_end_time (p) - t2),
                           1e-8);
  rs_anim_timing_free (a);
  rs_sim_free (sim);
}
END_TEST

static Suite *
pace_suite (void)
{
  Suite *s = suite_create ("pace");
  TCase *core = tcase_create ("Schedule"), *run = tcase_create ("Run");

  tcase_add_test (core, test_one_piece_eased);
  tcase_add_test (core, test_constant_speed_piece);
  tcase_add_test (core, test_hold_frames);
  tcase_add_test (core, test_morph_phase);
  tcase_add_test (core, test_monotone_smooth_exact);
  tcase_add_test (core, test_holds_shortened);
  tcase_add_test (core, test_no_steps);
  tcase_add_test (core, test_bad_specs);
  tcase_set_timeout (run, 60);
  tcase_add_test (run, test_frame_count);
  tcase_add_test (run, test_short_ends_at_end);
  tcase_add_test (run, test_c08_holds);
  tcase_add_test (run, test_c05_no_idling);
  tcase_add_test (run, test_scene_holds);
  tcase_add_test (run, test_scene_speed);
  suite_add_tcase (s, core);
  suite_add_tcase (s, run);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (pace_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
