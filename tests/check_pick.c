/* check_pick.c: the plane and window a landscape shows by default
 * (slice_pick.c): a network's slice through its focus unit, a window
 * that holds the whole path and the edge of the dead region, principal
 * components named with their explained variance.
 *
 * Expected values come from the library's own independent pieces (the
 * recorded trajectory, rs_sim_focus_unit, rs_slice_pca, tested against
 * hand steps and an SVD in check_focus), from the definition of a window
 * that holds every point, and from small matrices worked out by hand. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "draw/plane.h"
#include "scene_load.h"
#include "draw/slice_pick.h"

static rs_plane *
plane (const rs_scene *sc, const rs_view *v, const rs_sim *sim, size_t at)
{
  rs_error err;
  rs_plane *p = rs_plane_alloc (sc, v, sim, at, 24, &err);

  ck_assert_msg (p != NULL, "rs_plane_alloc: %s", err.message);
  return p;
}

/* Every recorded point of the run projects inside the window. */
static void
assert_path_inside (const rs_plane *p, const rs_sim *sim)
{
  rs_interval ur = rs_plane_u_range (p), vr = rs_plane_v_range (p);

  for (size_t i = 0; i < rs_sim_n_recorded (sim); i++)
    {
      double u, v;

      rs_plane_point (p, i, &u, &v);
      ck_assert_msg (u > ur.lo && u < ur.hi && v > vr.lo && v < vr.hi,
                     "point %zu (%g, %g) outside [%g, %g] x [%g, %g]", i, u,
                     v, ur.lo, ur.hi, vr.lo, vr.hi);
    }
}

/* The window holds grid points where the focus unit is dead and points
 * where it is alive: the edge of the dead region is in sight. */
static void
assert_edge_inside (const rs_plane *p)
{
  size_t n = rs_plane_grid (p), deader = 0;

  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++)
      {
        double u, v, loss;
        int plateau, dead;

        ck_assert_int_eq (rs_plane_cell (p, i, j, &u, &v, &loss, &plateau,
                                         &dead), RS_OK);
        deader += dead != 0;
      }
  ck_assert_uint_gt (deader, 0);
  ck_assert_uint_lt (deader, n * n);
}

/* net-dead and net-kick with the default landscape: the slice is the
 * focus unit's weight and bias, the one rs_sim_focus_unit names; the
 * whole path and the dead region's edge lie in the window at the start,
 * at the death and at the end, and the window is the same at each. */
START_TEST (test_default_is_focus)
{
  static const char *const scenes[] = { "net-dead.scene", "net-kick.scene" };
  rs_scene sc;
  rs_sim *sim;
  rs_view v = { .kind = RS_VIEW_LANDSCAPE };
  rs_sim_focus f;
  rs_interval ur0 = { 0, 0 }, vr0 = { 0, 0 };
  char p1[32], p2[32];

  load (scenes[_i], "", &sc, &sim);
  ck_assert_int_eq (rs_sim_focus_unit (sim, NULL, &f, NULL), RS_OK);
  snprintf (p1, sizeof p1, "W%zu[%zu][0]", f.unit.layer, f.unit.unit);
  snprintf (p2, sizeof p2, "b%zu[%zu]", f.unit.layer, f.unit.unit);
  for (int k = 0; k < 3; k++)
    {
      size_t at = k == 0 ? 0 : k == 1 ? f.index : rs_sim_n_recorded (sim) - 1;
      rs_plane *p = plane (&sc, &v, sim, at);

      ck_assert_str_eq (rs_plane_u_name (p), p1);
      ck_assert_str_eq (rs_plane_v_name (p), p2);
      assert_path_inside (p, sim);
      assert_edge_inside (p);
      if (k == 0)
        {
          ur0 = rs_plane_u_range (p);
          vr0 = rs_plane_v_range (p);
        }
      ck_assert (rs_plane_u_range (p).lo == ur0.lo
                 && rs_plane_u_range (p).hi == ur0.hi
                 && rs_plane_v_range (p).lo == vr0.lo
                 && rs_plane_v_range (p).hi == vr0.hi);
      rs_plane_free (p);
    }
  rs_sim_free (sim);
}
END_TEST

/* The scene's focus wins, and a range given is kept as given. */
START_TEST (test_focus_and_range_given)
{
  rs_scene sc;
  rs_sim *sim;
  rs_view v = { .kind = RS_VIEW_LANDSCAPE };
  rs_plane *p;

  load ("net-dead.scene", "focus 1 3\n", &sc, &sim);
  p = plane (&sc, &v, sim, rs_sim_n_recorded (sim) - 1);
  ck_assert_str_eq (rs_plane_u_name (p), "W1[3][0]");
  ck_assert_str_eq (rs_plane_v_name (p), "b1[3]");
  rs_plane_free (p);
  v.has_range = 1;
  v.u_range = rs_interval_make (-2.385, 1.5);
  v.v_range = rs_interval_make (-0.731, 0.25);
  p = plane (&sc, &v, sim, 0);
  ck_assert_double_eq (rs_plane_u_range (p).lo, -2.385);
  ck_assert_double_eq (rs_plane_v_range (p).hi, 0.25);
  rs_plane_free (p);
  rs_sim_free (sim);
}
END_TEST

/* A principal-components view: the axes say the share of the variance
 * that rs_slice_pca finds (of the whole run), and the window holds the
 * path at every step shown, the same window each time. */
START_TEST (test_pca_fits_and_names)
{
  rs_scene sc;
  rs_sim *sim;
  rs_view v = { .kind = RS_VIEW_LANDSCAPE, .axes = RS_AXES_PCA };
  size_t n, np;
  double *t;
  rs_slice *sl;
  char name[40];
  rs_plane *a, *b;

  load ("net-cures.scene", "", &sc, &sim);
  n = rs_sim_n_recorded (sim);
  np = rs_net_nparams (rs_sim_net (sim));
  t = malloc (n * np * sizeof *t);
  for (size_t i = 0; i < n; i++)
    memcpy (t + i * np, rs_sim_theta (sim, i), np * sizeof *t);
  sl = rs_slice_alloc (rs_sim_net (sim), NULL);
  ck_assert_int_eq (rs_slice_pca (sl, t, n, NULL), RS_OK);
  a = plane (&sc, &v, sim, 0);
  b = plane (&sc, &v, sim, n - 1);
  snprintf (name, sizeof name, "PC1 (%.1f %%)", 100 * sl->explained[0]);
  ck_assert_str_eq (rs_plane_u_name (a), name);
  snprintf (name, sizeof name, "PC2 (%.1f %%)", 100 * sl->explained[1]);
  ck_assert_str_eq (rs_plane_v_name (b), name);
  assert_path_inside (a, sim);
  assert_path_inside (b, sim);
  ck_assert_double_eq_tol (rs_plane_u_range (a).lo, rs_plane_u_range (b).lo,
                           1e-9);
  ck_assert_double_eq_tol (rs_plane_v_range (a).hi, rs_plane_v_range (b).hi,
                           1e-9);
  rs_plane_free (a);
  rs_plane_free (b);
  rs_slice_free (sl);
  free (t);
  rs_sim_free (sim);
}
END_TEST

/* Random directions keep their window of [-1, 1] (the manual says why
 * they are a poor view of a path). */
START_TEST (test_random_window)
{
  rs_scene sc;
  rs_sim *sim;
  rs_view v = { .kind = RS_VIEW_LANDSCAPE, .axes = RS_AXES_RANDOM };
  rs_plane *p;

  load ("net-dead.scene", "", &sc, &sim);
  p = plane (&sc, &v, sim, 0);
  ck_assert_double_eq (rs_plane_u_range (p).lo, -1.0);
  ck_assert_double_eq (rs_plane_v_range (p).hi, 1.0);
  ck_assert_str_eq (rs_plane_u_name (p), "random 1");
  rs_plane_free (p);
  rs_sim_free (sim);
}
END_TEST

/* The level of rs_plane_dead_lowest recomputed from the plane's own
 * cells on a log scale: the dead cells' lowest loss against the others'
 * lowest and the window's highest. */
static int
dead_level (const rs_plane *p)
{
  size_t n = rs_plane_grid (p);
  double dead = HUGE_VAL, alive = HUGE_VAL, top = 0.0;

  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++)
      {
        double u, v, loss;
        int plateau, deader;

        rs_plane_cell (p, i, j, &u, &v, &loss, &plateau, &deader);
        top = fmax (top, loss);
        if (deader)
          dead = fmin (dead, loss);
        else
          alive = fmin (alive, loss);
      }
  if (dead <= alive)
    return 2;
  return log (dead / alive) / log (top / alive) <= 0.1;
}

/* c04's own view through the dead unit 2's (w, b): at the end the
 * three live units fit the sine, and the dead wedge (0.00915) is as dark
 * as the valley (0.00736 at the finest grid); the plane says so.  The
 * default view of net-kick just after its kick: the plane's level agrees
 * with its cells. */
START_TEST (test_dead_note)
{
  rs_scene sc;
  rs_sim *sim;
  rs_plane *p;
  size_t i;

  load ("c04-dead-neuron.scene", "", &sc, &sim);
  p = plane (&sc, &sc.views[0], sim, rs_sim_n_recorded (sim) - 1);
  ck_assert_int_eq (rs_plane_dead_lowest (p), dead_level (p));
  ck_assert_int_ne (rs_plane_dead_lowest (p), 0);
  rs_plane_free (p);
  rs_sim_free (sim);
  load ("net-kick.scene", "", &sc, &sim);
  for (i = 0; rs_sim_recorded (sim, i)->step < 300; i++)
    ;
  {
    rs_view v = { .kind = RS_VIEW_LANDSCAPE };

    p = plane (&sc, &v, sim, i + 2);
    ck_assert_int_eq (rs_plane_dead_lowest (p), dead_level (p));
    rs_plane_free (p);
  }
  rs_sim_free (sim);
}
END_TEST

/* rs_pick_fit_path by hand: points u in [-1, 3], v in [2, 2.5] grow by
 * an eighth of their extent each side (u: 4 / 8 = 0.5) and to at least
 * 0.75 either side of the middle (v: 2.25 +- 0.75). */
START_TEST (test_fit_path_by_hand)
{
  const double pu[] = { -1.0, 3.0, 0.5 }, pv[] = { 2.0, 2.5, 2.25 };
  rs_interval ur, vr;

  rs_pick_fit_path (pu, pv, 3, 0.75, &ur, &vr);
  ck_assert_double_eq_tol (ur.lo, -1.5, 1e-12);
  ck_assert_double_eq_tol (ur.hi, 3.5, 1e-12);
  ck_assert_double_eq_tol (vr.lo, 1.5, 1e-12);
  ck_assert_double_eq_tol (vr.hi, 3.0, 1e-12);
}
END_TEST

/* rs_pick_dead_lowest on 2 x 2 grids, the window's highest loss 0.09:
 * dead cells (mask 1) at 0.05 and 0.07, the alive ones' lowest at 0.06
 * (dead lowest: 2), at 0.0475 (on the log scale the dead 0.05 lies at
 * log (0.05 / 0.0475) / log (0.09 / 0.0475) = 0.080 of the way up: 1;
 * linearly at 0.0025 / 0.0425 = 0.059: 1) and at 0.04 (log: 0.275, 0;
 * linear: 0.2, 0); no dead cell at all: 0. */
START_TEST (test_dead_lowest_by_hand)
{
  const unsigned char mask[4] = { 1, 1, 0, 0 }, none[4] = { 0, 0, 0, 0 };
  const double alive[] = { 0.06, 0.0475, 0.04 };
  const int want[] = { 2, 1, 0 };
  gsl_matrix *m = gsl_matrix_alloc (2, 2);
  double d, a;

  for (int linear = 0; linear < 2; linear++)
    for (int k = 0; k < 3; k++)
      {
        gsl_matrix_set (m, 0, 0, 0.05);
        gsl_matrix_set (m, 0, 1, 0.07);
        gsl_matrix_set (m, 1, 0, alive[k]);
        gsl_matrix_set (m, 1, 1, 0.09);
        ck_assert_int_eq (rs_pick_dead_lowest (m, mask, 2, linear, &d, &a),
                          want[k]);
        ck_assert_double_eq (d, 0.05);
        ck_assert_double_eq (a, alive[k]);
      }
  ck_assert_int_eq (rs_pick_dead_lowest (m, none, 2, 0, &d, &a), 0);
  gsl_matrix_free (m);
}
END_TEST

static Suite *
pick_suite (void)
{
  Suite *s = suite_create ("pick");
  TCase *core = tcase_create ("Core");

  tcase_set_timeout (core, 60);
  tcase_add_loop_test (core, test_default_is_focus, 0, 2);
  tcase_add_test (core, test_focus_and_range_given);
  tcase_add_test (core, test_pca_fits_and_names);
  tcase_add_test (core, test_random_window);
  tcase_add_test (core, test_dead_note);
  tcase_add_test (core, test_fit_path_by_hand);
  tcase_add_test (core, test_dead_lowest_by_hand);
  suite_add_tcase (s, core);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (pick_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed != 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
