/* check_place.c: the label placer (src/draw/place.c).
 *
 * Placements are checked by this file's own geometry, not the placer's:
 * two boxes overlap when both their x and their y intervals overlap
 * (open intervals), and a thick segment covers a box when a point
 * sampled along it lies within its radius of the box (sampling can miss
 * a graze but never invent one, so "no sample within r" is a check the
 * placer can fail).  Hand-made cases have their only valid placement
 * derived in the comments. */
#include <config.h>

#include <math.h>
#include <stdlib.h>

#include <check.h>
#include <gsl/gsl_rng.h>

#include "draw/place.h"

/* Open intervals (a0, a1) and (b0, b1) share a point. */
static int
overlap (double a0, double a1, double b0, double b1)
{
  return a0 < b1 && b0 < a1;
}

static int
meet (rs_rect a, rs_rect b)
{
  return overlap (a.x, a.x + a.width, b.x, b.x + b.width)
         && overlap (a.y, a.y + a.height, b.y, b.y + b.height);
}

/* Whether (x, y) lies within r of box b (r > 0), by clamping. */
static int
near_box (double x, double y, double r, rs_rect b)
{
  double cx = x < b.x ? b.x : x > b.x + b.width ? b.x + b.width : x;
  double cy = y < b.y ? b.y : y > b.y + b.height ? b.y + b.height : y;

  return (cx - x) * (cx - x) + (cy - y) * (cy - y) < r * r;
}

/* A segment of radius r = s[4] sampled at 401 points comes within
 * r + slack of b.  With slack 0 a yes is certain (a sample is a point of
 * the segment); with slack half the samples' spacing a no is (every
 * point of the segment is that close to a sample). */
static int
segment_near (const double s[5], rs_rect b, int loose)
{
  double len = hypot (s[2] - s[0], s[3] - s[1]);
  double slack = loose ? len / 800.0 + 1e-9 : 0.0;

  for (int k = 0; k <= 400; k++)
    {
      double t = k / 400.0;

      if (near_box (s[0] + t * (s[2] - s[0]), s[1] + t * (s[3] - s[1]),
                    s[4] + slack, b))
        return 1;
    }
  return 0;
}

static rs_rect
box (double x, double y, double w, double h)
{
  rs_rect r = { x, y, w, h };

  return r;
}

static const rs_rect anywhere = { 0, 0, 0, 0 };

/* Greedy would fail: A (more important) prefers a0, which B's only
 * candidate b0 meets (x: 5 < 10, y: 5 < 10); a1 (x from 20) misses b0
 * (x up to 15).  The only placement of both is A at a1, B at b0. */
START_TEST (test_backtrack)
{
  rs_placer *pl = rs_placer_alloc (anywhere);
  size_t a = rs_placer_label (pl, 2, 0), b = rs_placer_label (pl, 1, 0);

  rs_placer_candidate (pl, a, box (0, 0, 10, 10));
  rs_placer_candidate (pl, a, box (20, 0, 10, 10));
  rs_placer_candidate (pl, b, box (5, 5, 10, 10));
  ck_assert_int_eq (rs_placer_solve (pl), 0);
  ck_assert_int_eq (rs_placer_choice (pl, a), 1);
  ck_assert_int_eq (rs_placer_choice (pl, b), 0);
  rs_placer_free (pl);
}
END_TEST

/* Around a start marker at (50, 50) (a disc of radius 6) with the path
 * leaving it to the upper right, (50, 50)-(100, 0), radius 3: a label
 * 30 x 10 to the upper right, (58, 32)-(88, 42), holds the path's point
 * (60, 40) and is covered; the upper left one (12, 32)-(42, 42) is 8 from
 * the disc's centre in x and y (distance 11.3 > 6) and far from the
 * path; so the start label takes its second candidate.  A second label,
 * less important, whose first candidate is that same upper left box and
 * whose second (12, 58)-(42, 68) lies below it, takes its second. */
START_TEST (test_start_label)
{
  rs_placer *pl = rs_placer_alloc (box (0, 0, 120, 120));
  size_t s, t;

  rs_placer_disc (pl, 50, 50, 6);
  rs_placer_segment (pl, 50, 50, 100, 0, 3);
  s = rs_placer_label (pl, 5, 0);
  t = rs_placer_label (pl, 1, 0);
  rs_placer_candidate (pl, s, box (58, 32, 30, 10));
  rs_placer_candidate (pl, s, box (12, 32, 30, 10));
  rs_placer_candidate (pl, t, box (12, 32, 30, 10));
  rs_placer_candidate (pl, t, box (12, 58, 30, 10));
  ck_assert_int_eq (rs_placer_solve (pl), 0);
  ck_assert_int_eq (rs_placer_choice (pl, s), 1);
  ck_assert_int_eq (rs_placer_choice (pl, t), 1);
  /* the covered box is covered by the segment (obstacle 1), not by the
   * disc: its nearest point (58, 42) is 11.3 from the centre */
  ck_assert (rs_placer_covers (pl, 1, box (58, 32, 30, 10)));
  ck_assert (!rs_placer_covers (pl, 0, box (58, 32, 30, 10)));
  rs_placer_free (pl);
}
END_TEST

/* Two labels with one and the same spot: the more important keeps it
 * whatever the order they were added in; a label with a shortened form
 * takes it when the full one is blocked. */
START_TEST (test_priority_and_short)
{
  rs_placer *pl = rs_placer_alloc (anywhere);
  size_t lo = rs_placer_label (pl, 1, 0), hi = rs_placer_label (pl, 3, 0);
  size_t sh = rs_placer_label (pl, 2, 0);

  rs_placer_candidate (pl, lo, box (0, 0, 40, 10));
  rs_placer_candidate (pl, hi, box (0, 0, 40, 10));
  /* the full text (30, 5)-(90, 25) meets the spot (0, 0)-(40, 10) on
   * x 30..40, y 5..10; the short form (45, 5)-(75, 15) starts right of
   * x = 40 */
  rs_placer_candidate (pl, sh, box (30, 5, 60, 20));
  rs_placer_candidate (pl, sh, box (45, 5, 30, 10));
  ck_assert_int_eq (rs_placer_solve (pl), 0);
  ck_assert_int_eq (rs_placer_choice (pl, hi), 0);
  ck_assert_int_eq (rs_placer_choice (pl, lo), -1);
  ck_assert_int_eq (rs_placer_choice (pl, sh), 1);
  rs_placer_free (pl);
}
END_TEST

/* A label whose every candidate covers an obstacle is dropped, unless
 * it may cover; then it takes the candidate covering the fewest (the
 * second box holds one of the two discs, the first both).  A candidate
 * outside the bounds is never taken. */
START_TEST (test_cover_and_bounds)
{
  rs_placer *pl = rs_placer_alloc (box (0, 0, 100, 100));
  size_t a = rs_placer_label (pl, 1, 0);
  size_t b = rs_placer_label (pl, 1, RS_PLACE_MAY_COVER);
  size_t c = rs_placer_label (pl, 1, 0);

  rs_placer_disc (pl, 20, 20, 2);
  rs_placer_disc (pl, 30, 20, 2);
  rs_placer_candidate (pl, a, box (10, 10, 30, 20));
  rs_placer_candidate (pl, b, box (10, 10, 30, 20));
  rs_placer_candidate (pl, b, box (25, 50, 10, 10));
  rs_placer_candidate (pl, b, box (25, 12, 10, 10));
  rs_placer_candidate (pl, c, box (95, 95, 10, 10));
  ck_assert_int_eq (rs_placer_solve (pl), 0);
  ck_assert_int_eq (rs_placer_choice (pl, a), -1);
  ck_assert_int_eq (rs_placer_choice (pl, b), 1);
  ck_assert_int_eq (rs_placer_choice (pl, c), -1);
  rs_placer_free (pl);
}
END_TEST

/* A chain: n labels L_k with X_k = (30k, 0) and Y_k = (30k, 20), 10 x 10,
 * and a last, least important label whose only box (0, 0)-(30n, 10)
 * meets every X_k and no Y_k (y 0..10 against 20..30).  Placing all
 * needs every L_k at Y_k: the search must undo each first choice. */
START_TEST (test_chain)
{
  enum { N = 10 };
  rs_placer *pl = rs_placer_alloc (anywhere);
  size_t z, l[N];

  for (int k = 0; k < N; k++)
    {
      l[k] = rs_placer_label (pl, 10 + k, 0);
      rs_placer_candidate (pl, l[k], box (30 * k, 0, 10, 10));
      rs_placer_candidate (pl, l[k], box (30 * k, 20, 10, 10));
    }
  z = rs_placer_label (pl, 1, 0);
  rs_placer_candidate (pl, z, box (0, 0, 30 * N, 10));
  ck_assert_int_eq (rs_placer_solve (pl), 0);
  for (int k = 0; k < N; k++)
    ck_assert_int_eq (rs_placer_choice (pl, l[k]), 1);
  ck_assert_int_eq (rs_placer_choice (pl, z), 0);
  rs_placer_free (pl);
}
END_TEST

/* Pigeonholes: 20 labels share 5 disjoint spots (and 12 share 11, where
 * proving the 12th cannot fit outgrows the search's budget): as many
 * labels are placed as there are spots, the most important ones. */
START_TEST (test_pigeonholes)
{
  static const int spots[2] = { 5, 11 }, labels[2] = { 20, 12 };
  rs_placer *pl = rs_placer_alloc (anywhere);
  int n = labels[_i], m = spots[_i], placed = 0;

  for (int k = 0; k < n; k++)
    {
      size_t id = rs_placer_label (pl, k, 0);

      for (int q = 0; q < m; q++)
        rs_placer_candidate (pl, id, box (20 * q, 0, 10, 10));
    }
  ck_assert_int_eq (rs_placer_solve (pl), 0);
  for (int k = 0; k < n; k++)
    {
      int c = rs_placer_choice (pl, (size_t) k);

      placed += c >= 0;
      /* the priorities are k: the m largest are n - m .. n - 1 */
      ck_assert_int_eq (c >= 0, k >= n - m);
    }
  ck_assert_int_eq (placed, m);
  rs_placer_free (pl);
}
END_TEST

/* Random scenes: labels of random sizes with 8 candidates each around a
 * random anchor, among random discs and thick segments.  Checked by
 * brute force: no two placed boxes overlap, no placed box comes near an
 * obstacle or leaves the bounds; and every dropped label is truly
 * blocked: each of its candidates leaves the bounds, comes near an
 * obstacle or meets a placed label more important than it (else the
 * placed labels and it at that candidate would be a placement the
 * placer should have found). */
START_TEST (test_random)
{
  enum { NL = 30, NC = 8, ND = 12, NS = 10 };
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  rs_rect bounds = box (0, 0, 400, 300), cand[NL][NC];
  double disc[ND][3], seg[NS][5], prio[NL];
  rs_placer *pl = rs_placer_alloc (bounds);
  size_t placed = 0;

  gsl_rng_set (rng, 1000 + _i);
  for (int d = 0; d < ND; d++)
    {
      disc[d][0] = 400 * gsl_rng_uniform (rng);
      disc[d][1] = 300 * gsl_rng_uniform (rng);
      disc[d][2] = 2 + 6 * gsl_rng_uniform (rng);
      rs_placer_disc (pl, disc[d][0], disc[d][1], disc[d][2]);
    }
  for (int s = 0; s < NS; s++)
    {
      for (int q = 0; q < 4; q++)
        seg[s][q] = (q % 2 ? 300 : 400) * gsl_rng_uniform (rng);
      seg[s][4] = 3 * gsl_rng_uniform (rng);
      rs_placer_segment (pl, seg[s][0], seg[s][1], seg[s][2], seg[s][3],
                         seg[s][4]);
    }
  for (int k = 0; k < NL; k++)
    {
      double ax = 400 * gsl_rng_uniform (rng), ay = 300 * gsl_rng_uniform (rng);
      double w = 20 + 40 * gsl_rng_uniform (rng), h = 8 + 10 * gsl_rng_uniform (rng);
      size_t id;

      prio[k] = floor (5 * gsl_rng_uniform (rng));   /* ties happen */
      id = rs_placer_label (pl, prio[k], 0);
      ck_assert_uint_eq (id, (size_t) k);
      for (int c = 0; c < NC; c++)
        {
          double a = 2 * M_PI * c / NC;

          cand[k][c] = box (ax + 20 * cos (a) - w / 2, ay + 20 * sin (a) - h / 2,
                            w, h);
          rs_placer_candidate (pl, id, cand[k][c]);
        }
    }
  ck_assert_uint_eq (rs_placer_n_obstacles (pl), ND + NS);
  ck_assert_int_eq (rs_placer_solve (pl), 0);
  for (int k = 0; k < NL; k++)
    {
      int c = rs_placer_choice (pl, (size_t) k);

      for (int q = 0; q < NC; q++)
        {
          rs_rect b = cand[k][q];
          int blocked = b.x < 0 || b.y < 0 || b.x + b.width > 400
                        || b.y + b.height > 300;

          for (int d = 0; d < ND; d++)
            blocked |= near_box (disc[d][0], disc[d][1], disc[d][2], b);
          for (int s = 0; s < NS; s++)
            blocked |= segment_near (seg[s], b, q != c);
          if (q == c)
            ck_assert_msg (!blocked, "label %d placed on an obstacle", k);
          for (int j = 0; c < 0 && !blocked && j < NL; j++)
            {
              int cj = rs_placer_choice (pl, (size_t) j);

              blocked = cj >= 0 && (prio[j] > prio[k]
                                    || (prio[j] == prio[k] && j < k))
                        && meet (cand[j][cj], b);
            }
          if (c < 0)
            ck_assert_msg (blocked, "label %d dropped, candidate %d free", k,
                           q);
        }
      if (c < 0)
        continue;
      placed++;
      for (int j = 0; j < k; j++)
        {
          int cj = rs_placer_choice (pl, (size_t) j);

          ck_assert_msg (cj < 0 || !meet (cand[k][c], cand[j][cj]),
                         "labels %d and %d overlap", j, k);
        }
    }
  /* the scene leaves room: most labels fit (a placer that drops all
   * would pass the checks above) */
  ck_assert_uint_gt (placed, NL / 2);
  rs_placer_free (pl);
  gsl_rng_free (rng);
}
END_TEST

/* Crowded: 60 labels with 4 candidates each in a small box, no
 * obstacles; whatever is placed does not overlap, and a label is only
 * dropped when each of its candidates meets a placed one. */
START_TEST (test_crowded)
{
  enum { NL = 60, NC = 4 };
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  rs_placer *pl = rs_placer_alloc (anywhere);
  rs_rect cand[NL][NC];

  gsl_rng_set (rng, 77 + _i);
  for (int k = 0; k < NL; k++)
    {
      size_t id = rs_placer_label (pl, gsl_rng_uniform (rng), 0);

      for (int c = 0; c < NC; c++)
        {
          cand[k][c] = box (100 * gsl_rng_uniform (rng),
                            60 * gsl_rng_uniform (rng), 25, 9);
          rs_placer_candidate (pl, id, cand[k][c]);
        }
    }
  ck_assert_int_eq (rs_placer_solve (pl), 0);
  for (int k = 0; k < NL; k++)
    {
      int c = rs_placer_choice (pl, (size_t) k);

      for (int j = 0; j < NL; j++)
        {
          int cj = rs_placer_choice (pl, (size_t) j);

          if (j != k && c >= 0 && cj >= 0)
            ck_assert (!meet (cand[k][c], cand[j][cj]));
        }
      for (int q = 0; c < 0 && q < NC; q++)
        {
          int blocked = 0;

          for (int j = 0; j < NL && !blocked; j++)
            {
              int cj = rs_placer_choice (pl, (size_t) j);

              blocked = cj >= 0 && meet (cand[j][cj], cand[k][q]);
            }
          ck_assert (blocked);
        }
    }
  rs_placer_free (pl);
  gsl_rng_free (rng);
}
END_TEST

/* Errors and limits: no labels, a label without candidates, a candidate
 * for a label that does not exist. */
START_TEST (test_limits)
{
  rs_placer *pl = rs_placer_alloc (anywhere);
  size_t a;

  ck_assert_int_eq (rs_placer_solve (pl), 0);
  a = rs_placer_label (pl, 1, 0);
  ck_assert_int_eq (rs_placer_candidate (pl, 7, box (0, 0, 1, 1)), RS_EINVAL);
  ck_assert_int_eq (rs_placer_solve (pl), 0);
  ck_assert_int_eq (rs_placer_choice (pl, a), -1);
  ck_assert_int_eq (rs_placer_choice (pl, 7), -1);
  ck_assert_uint_eq (rs_placer_n_labels (pl), 1);
  rs_placer_free (pl);
  rs_placer_free (NULL);
}
END_TEST

static Suite *
place_suite (void)
{
  Suite *s = suite_create ("place");
  TCase *core = tcase_create ("Core"), *lim = tcase_create ("Limits");

  tcase_add_test (core, test_backtrack);
  tcase_add_test (core, test_start_label);
  tcase_add_test (core, test_priority_and_short);
  tcase_add_test (core, test_cover_and_bounds);
  tcase_add_test (core, test_chain);
  tcase_add_loop_test (core, test_pigeonholes, 0, 2);
  tcase_add_loop_test (core, test_random, 0, 20);
  tcase_add_loop_test (core, test_crowded, 0, 10);
  tcase_add_test (lim, test_limits);
  suite_add_tcase (s, core);
  suite_add_tcase (s, lim);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (place_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
