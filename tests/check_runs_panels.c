/* check_runs_panels.c: the activation and network panels in a figure of
 * variants (src/draw/panel_activation.c, src/draw/panel_network.c): every run is
 * shown, in its colour.
 *
 * Activation: each run's convention dot marks f'(0) = its kink's value
 * in the subdifferential, here worked out by hand from the scene (ReLU:
 * [0, 1], kink k gives k; Leaky ReLU alpha a: [a, 1], kink 0 gives a),
 * at the place the panel's own axes put that value (the linear map
 * written out below), and the pixel there is the run's colour.
 * Network: each run's dead units, counted by the panel over the data,
 * equal the count the run recorded while it trained (lib/sim_stop.c's
 * sim_count_dead, a different piece of code). */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "draw/panels.h"
#include "pixels.h"
#include "scene_load.h"
#include "runs_util.h"
#include "draw/variants.h"

#define W 520
#define H 300

/* The activation panel of scene name plus extra, drawn W x H: run k's
 * dot marks want[k], at x = the f' box's z = 0 and y = its value
 * through the box's window, in run k's colour; no two dots overlap. */
static void
check_dots (const char *name, const char *extra, const double *want,
            size_t n)
{
  static rs_scene sc;
  rs_sim *sim;
  rs_runs runs;
  rs_act_geometry g;
  rs_panel_ctx c;
  rs_rect r = { 0, 0, W, H };
  cairo_surface_t *img;
  cairo_t *cr;
  double y[8];

  load (name, extra, &sc, &sim);
  make_runs (&runs, &sc);
  ck_assert_uint_eq (runs.n, n);
  c = (rs_panel_ctx) { &sc, runs.sim[0],
                       rs_sim_n_recorded (runs.sim[0]) - 1,
                       rs_theme_light (), NULL, 1.0, &runs, NULL };
  ck_assert_int_eq (rs_panel_activation_geometry (r, &c, &g), RS_OK);
  img = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
  cr = cairo_create (img);
  rs_panel_activation (cr, r, &c);
  cairo_surface_flush (img);
  for (size_t k = 0; k < n; k++)
    {
      double x, v;
      /* the axes' linear map: z over [win0, win1] across the box, the
       * value over [win2, win3] up it */
      double ex = g.df_box.x + (0.0 - g.df_win[0])
                  / (g.df_win[1] - g.df_win[0]) * g.df_box.width;
      double ey = g.df_box.y + (g.df_win[3] - want[k])
                  / (g.df_win[3] - g.df_win[2]) * g.df_box.height;

      ck_assert_int_eq (rs_panel_activation_dot (r, &c, k, &x, &y[k], &v),
                        RS_OK);
      ck_assert_msg (fabs (v - want[k]) < 1e-12, "run %zu: f'(0) %g, "
                     "want %g", k, v, want[k]);
      ck_assert (fabs (x - ex) < 1e-9);
      ck_assert (fabs (y[k] - ey) < 1e-9);
      ck_assert_int_le (pixel_distance (image_pixel (img, x, y[k]),
                                        rgb_of (rs_runs_colour
                                                (rs_theme_light (), k))), 2);
      for (size_t o = 0; o < k; o++)
        ck_assert_msg (fabs (y[k] - y[o]) > 9.0, "dots %zu and %zu overlap",
                       o, k);
    }
  ck_assert_int_eq (rs_panel_activation_dot (r, &c, n, &y[0], &y[1],
                                             &y[2]), RS_EINVAL);
  cairo_destroy (cr);
  cairo_surface_destroy (img);
  rs_runs_free (&runs);
  rs_sim_free (sim);
}

/* c03-kink: ReLU, kink 0, 0.5 and 1: f'(0) = 0, 0.5, 1 (C3). */
START_TEST (test_kink_dots)
{
  static const double want[] = { 0.0, 0.5, 1.0 };

  check_dots ("c03-kink.scene", "", want, 3);
}
END_TEST

/* c03-kink with a fourth run of another activation, Leaky ReLU alpha
 * 0.2 under the scene's kink 0: its f'(0) is the low end, 0.2; the
 * panel draws each run's f' then. */
START_TEST (test_leaky_dot)
{
  static const double want[] = { 0.0, 0.5, 1.0, 0.2 };

  check_dots ("c03-kink.scene", "variant \"leaky\" activation leaky_relu\n"
              "variant \"leaky\" alpha 0.2\n", want, 4);
}
END_TEST

/* Each run's dead units at step, as the network panel counts them, are
 * the run's recorded count there; units the scene's hidden units. */
static void
check_dead (const char *name, size_t step, size_t units)
{
  static rs_scene sc;
  rs_sim *sim;
  rs_runs runs;
  rs_panel_ctx c;

  load (name, "", &sc, &sim);
  make_runs (&runs, &sc);
  c = (rs_panel_ctx) { &sc, runs.sim[0], point_of (runs.sim[0], step),
                       rs_theme_light (), NULL, 1.0, &runs, NULL };
  for (size_t k = 0; k < runs.n; k++)
    {
      size_t d, u, i = point_of (runs.sim[k], step);

      ck_assert_uint_eq (rs_sim_recorded (runs.sim[k], i)->step, step);
      ck_assert_int_eq (rs_panel_network_run_dead (&c, k, &d, &u), RS_OK);
      ck_assert_uint_eq (u, units);
      ck_assert_msg (d == rs_sim_recorded (runs.sim[k], i)->dead,
                     "%s run %zu step %zu: panel %zu dead, recorded %zu",
                     name, k, step, d, rs_sim_recorded (runs.sim[k], i)->dead);
    }
  ck_assert_int_eq (rs_panel_network_run_dead (&c, runs.n, &(size_t) { 0 },
                                           &(size_t) { 0 }), RS_EINVAL);
  rs_runs_free (&runs);
  rs_sim_free (sim);
}

/* c09 (1-8-8-8-1: 24 hidden units) at the start, where bias 0 has dead
 * units and bias 0.1 none, and later; c07 (1-8-4-1: 12) at its end,
 * where the run whose biases decay keeps its 2 dead units. */
START_TEST (test_dead_counts)
{
  check_dead ("c09-positive-bias.scene", 0, 24);
  check_dead ("c09-positive-bias.scene", 100, 24);
  check_dead ("c09-positive-bias.scene", 300, 24);
  check_dead ("c07-weight-decay.scene", 0, 12);
  check_dead ("c07-weight-decay.scene", 400, 12);
}
END_TEST

/* The figure of variants' numbers differ where the runs do: c09's two
 * runs at step 0 (the scene's claim: bias 0 starts with dead units,
 * bias 0.1 none), so that the table is not one run's count repeated. */
START_TEST (test_dead_differ)
{
  static rs_scene sc;
  rs_sim *sim;
  rs_runs runs;
  rs_panel_ctx c;
  size_t d0, d1, u;

  load ("c09-positive-bias.scene", "", &sc, &sim);
  make_runs (&runs, &sc);
  c = (rs_panel_ctx) { &sc, runs.sim[0], 0, rs_theme_light (), NULL, 1.0,
                       &runs, NULL };
  ck_assert_int_eq (rs_panel_network_run_dead (&c, 0, &d0, &u), RS_OK);
  ck_assert_int_eq (rs_panel_network_run_dead (&c, 1, &d1, &u), RS_OK);
  ck_assert_uint_eq (d0, 0);
  ck_assert_uint_gt (d1, 0);
  rs_runs_free (&runs);
  rs_sim_free (sim);
}
END_TEST

/* c09 at its end drawn as small multiples (a panel of 680 x 730, as in
 * the scene's figure): in each run's network every hidden unit is
 * filled with the dead colour (above its centre, off the cross) exactly
 * when the run lists it dead (rs_sim_dead_units, the library's count at
 * the run's end), so a reader sees which units of which run died. */
START_TEST (test_multiples_dead)
{
  static rs_scene sc;
  rs_sim *sim;
  rs_runs runs;
  rs_panel_ctx c;
  rs_rect r = { 0, 0, 680, 730 };
  const rs_theme *th = rs_theme_light ();
  cairo_surface_t *img;
  cairo_t *cr;
  size_t total = 0;

  load ("c09-positive-bias.scene", "", &sc, &sim);
  make_runs (&runs, &sc);
  c = (rs_panel_ctx) { &sc, runs.sim[0], rs_sim_n_recorded (runs.sim[0]) - 1,
                       th, NULL, 1.0, &runs, NULL };
  img = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 680, 730);
  cr = cairo_create (img);
  rs_panel_network (cr, r, &c);
  cairo_surface_flush (img);
  for (size_t k = 0; k < runs.n; k++)
    {
      rs_sim_unit list[64];
      size_t nd = rs_sim_dead_units (runs.sim[k], list, 64);

      total += nd;
      for (size_t l = 1; l <= 3; l++)
        for (size_t j = 0; j < 8; j++)
          {
            double x, y, rad;
            int dead = 0;
            for (size_t q = 0; q < nd; q++)
              dead |= list[q].layer == l && list[q].unit == j;
            ck_assert_int_eq (rs_panel_network_run_unit (r, &c, k, l, j, &x,
                                                         &y, &rad), RS_OK);
            ck_assert_msg ((pixel_distance (image_pixel (img, x, y - 0.5 * rad),
                                            rgb_of (th->dead)) <= 2) == dead,
                           "run %zu unit %zu:%zu dead %d", k, l, j, dead);
          }
    }
  /* the scene's end: bias 0.1 two dead, bias 0 four */
  ck_assert_uint_eq (total, 6);
  cairo_destroy (cr);
  cairo_surface_destroy (img);
  rs_runs_free (&runs);
  rs_sim_free (sim);
}
END_TEST

static Suite *
runs_suite (void)
{
  Suite *s = suite_create ("runs_panels");
  TCase *tc = tcase_create ("Core");

  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_kink_dots);
  tcase_add_test (tc, test_leaky_dot);
  tcase_add_test (tc, test_dead_counts);
  tcase_add_test (tc, test_dead_differ);
  tcase_add_test (tc, test_multiples_dead);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (runs_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
