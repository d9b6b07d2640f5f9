/* check_panel_kinds.c: the table of the kinds of panel
 * (src/draw/panel_kinds.c): one entry per view kind of the scene
 * language under the scene language's own name, the figure's choices it
 * holds (the planes' grids, the views that show one run), and the hit
 * tests through the figure: the point of a flat landscape under the
 * pointer against the window the scene gives, the unit of the network
 * under the pointer against where the network panel puts it. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "draw/figure.h"
#include "draw/panel_kinds.h"
#include "draw/panels.h"
#include "scene_load.h"

/* Every view kind the scene language names (lib/scene.c's
 * rs_view_kind_name, a table of its own: "?" past the last) has one
 * entry under that name, that draws; no entry for a kind that is none. */
START_TEST (test_one_entry_per_view)
{
  int k;

  ck_assert_str_eq (rs_view_kind_name (RS_VIEW_DATA), "data");
  for (k = RS_VIEW_LANDSCAPE;
       strcmp (rs_view_kind_name ((rs_view_kind) k), "?") != 0; k++)
    {
      const rs_panel_kind *e = rs_panel_kind_of ((rs_view_kind) k);

      ck_assert_ptr_nonnull (e);
      ck_assert_int_eq (e->view, k);
      ck_assert_str_eq (e->name, rs_view_kind_name ((rs_view_kind) k));
      ck_assert_ptr_nonnull (e->draw);
    }
  ck_assert_int_gt (k, RS_VIEW_DATA);
  ck_assert_ptr_null (rs_panel_kind_of ((rs_view_kind) 0));
  ck_assert_ptr_null (rs_panel_kind_of ((rs_view_kind) k));
}
END_TEST

/* The planes: a landscape and a basin map (the two views of
 * reluscape-scene(5) drawn on a plane of parameter space), the basin
 * map on a quarter of the figure's grid rounded up (it trains from
 * every start): 30 points a side give ceil(30 / 4) = 8, 41 give 11. */
START_TEST (test_planes_and_grids)
{
  rs_view v = { 0 };

  for (int k = RS_VIEW_LANDSCAPE; k <= RS_VIEW_DATA; k++)
    ck_assert_int_eq (!!(rs_panel_kind_of ((rs_view_kind) k)->flags
                         & RS_PANEL_PLANE),
                      k == RS_VIEW_LANDSCAPE || k == RS_VIEW_BASIN);
  v.kind = RS_VIEW_BASIN;
  ck_assert_uint_eq (rs_panel_grid (&v, 30), 8);
  ck_assert_uint_eq (rs_panel_grid (&v, 41), 11);
  v.kind = RS_VIEW_LANDSCAPE;
  ck_assert_uint_eq (rs_panel_grid (&v, 30), 30);
  v.kind = RS_VIEW_TIMELINE;
  ck_assert_uint_eq (rs_panel_grid (&v, 30), 30);
}
END_TEST

/* In a figure of variants the histogram, the basin map and the 3-D
 * landscape show the first run only (one surface, one set of
 * pre-activations); the flat landscape, the timeline, the network and
 * the others give every run its own path, curve, row or count. */
START_TEST (test_one_run)
{
  rs_view v = { 0 };

  for (int k = RS_VIEW_LANDSCAPE; k <= RS_VIEW_DATA; k++)
    {
      v.kind = (rs_view_kind) k;
      v.three_d = 0;
      ck_assert_int_eq (rs_panel_one_run (&v),
                        k == RS_VIEW_HISTOGRAM || k == RS_VIEW_BASIN);
      v.three_d = 1;
      ck_assert_int_eq (rs_panel_one_run (&v), k == RS_VIEW_HISTOGRAM
                        || k == RS_VIEW_BASIN || k == RS_VIEW_LANDSCAPE);
    }
}
END_TEST

/* A figure of a flat landscape over W1[4][0] in [-1, 3] and b1[4] in
 * [-2, 2] beside the network and the timeline, 900 x 600. */
static rs_figure *
figure (rs_scene *sc, rs_sim **sim)
{
  rs_error err;
  rs_figure *f;

  load_views ("net-dead.scene", "view landscape over W1[4][0] b1[4] "
              "range [-1, 3] [-2, 2]\nview network\nview timeline\n", sc,
              sim);
  f = rs_figure_alloc (sc, *sim, (size_t) -1, 21, &err);
  ck_assert_ptr_nonnull (f);
  return f;
}

/* On the landscape's plot, the point under the pointer is the window's
 * point there: x from -1 at the plot's left to 3 at its right, y from 2
 * at its top to -2 at its bottom (the scene's range, by hand); off the
 * plot but in its cell, nothing; the timeline has no hit test. */
START_TEST (test_hit_landscape)
{
  rs_scene sc;
  rs_sim *sim;
  rs_figure *f = figure (&sc, &sim);
  rs_rect cell = rs_figure_cell (f, 0, 900, 600), tl;
  rs_rect plot = rs_plane_plot_rect (cell, rs_figure_scale (f));
  rs_panel_hit hit;
  size_t view = 99;
  double x = plot.x + 0.3 * plot.width, y = plot.y + 0.75 * plot.height;

  ck_assert_int_eq (rs_figure_hit (f, 900, 600, x, y, &view, &hit), 1);
  ck_assert_uint_eq (view, 0);
  ck_assert_int_eq (hit.what, RS_PANEL_HIT_PLANE);
  ck_assert_double_eq_tol (hit.u, -1.0 + 0.3 * 4.0, 1e-9);
  ck_assert_double_eq_tol (hit.v, 2.0 - 0.75 * 4.0, 1e-9);
  /* the plot's corners are the window's */
  ck_assert_int_eq (rs_figure_hit (f, 900, 600, plot.x, plot.y, &view,
                                   &hit), 1);
  ck_assert_double_eq_tol (hit.u, -1.0, 1e-9);
  ck_assert_double_eq_tol (hit.v, 2.0, 1e-9);
  ck_assert_int_eq (rs_figure_hit (f, 900, 600, cell.x + 1, cell.y + 1,
                                   &view, &hit), 0);
  tl = rs_figure_cell (f, 2, 900, 600);
  ck_assert_int_eq (rs_figure_hit (f, 900, 600, tl.x + tl.width / 2,
                                   tl.y + tl.height / 2, &view, &hit), 0);
  rs_figure_free (f);
  rs_sim_free (sim);
}
END_TEST

/* On the network, the unit whose disc is under the pointer, where
 * rs_panel_network_unit puts it: at its centre and 0.9 of its radius
 * away; 1.1 radii away (the units are at least 2.5 radii apart), none. */
START_TEST (test_hit_network)
{
  rs_scene sc;
  rs_sim *sim;
  rs_figure *f = figure (&sc, &sim);
  rs_rect cell = rs_figure_cell (f, 1, 900, 600);
  rs_panel_ctx ctx;
  rs_panel_hit hit;
  size_t view = 99;
  double x, y, radius;

  rs_figure_panel_ctx (f, &ctx);
  ck_assert_int_eq (rs_panel_network_unit (cell, &ctx, 1, 5, &x, &y,
                                           &radius), RS_OK);
  ck_assert (radius > 1.0);
  ck_assert_int_eq (rs_figure_hit (f, 900, 600, x, y, &view, &hit), 1);
  ck_assert_uint_eq (view, 1);
  ck_assert_int_eq (hit.what, RS_PANEL_HIT_UNIT);
  ck_assert_uint_eq (hit.run, 0);
  ck_assert_uint_eq (hit.layer, 1);
  ck_assert_uint_eq (hit.unit, 5);
  ck_assert_int_eq (rs_figure_hit (f, 900, 600, x + 0.9 * radius, y,
                                   &view, &hit), 1);
  ck_assert_uint_eq (hit.unit, 5);
  ck_assert_int_eq (rs_figure_hit (f, 900, 600, x + 1.1 * radius, y,
                                   &view, &hit), 0);
  /* the input, column 0 */
  ck_assert_int_eq (rs_panel_network_unit (cell, &ctx, 0, 0, &x, &y,
                                           &radius), RS_OK);
  ck_assert_int_eq (rs_figure_hit (f, 900, 600, x, y, &view, &hit), 1);
  ck_assert_uint_eq (hit.layer, 0);
  ck_assert_uint_eq (hit.unit, 0);
  rs_figure_free (f);
  rs_sim_free (sim);
}
END_TEST

static Suite *
panel_kinds_suite (void)
{
  Suite *s = suite_create ("panel_kinds");
  TCase *table = tcase_create ("Table"), *hit = tcase_create ("Hit");

  tcase_add_test (table, test_one_entry_per_view);
  tcase_add_test (table, test_planes_and_grids);
  tcase_add_test (table, test_one_run);
  tcase_set_timeout (hit, 120);
  tcase_add_test (hit, test_hit_landscape);
  tcase_add_test (hit, test_hit_network);
  suite_add_tcase (s, table);
  suite_add_tcase (s, hit);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (panel_kinds_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
