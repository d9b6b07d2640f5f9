/* check_act_panel.c: the activation panel's geometry (src/draw/panel_activation.c,
 * C2, C3, C8).
 *
 * f' jumps at ReLU's kink: the panel must draw a filled dot at the value
 * the convention takes there and open circles at the one-sided limits it
 * does not take, and, for Leaky ReLU's alpha = 0.01, an inset in which
 * that slope can be seen.  The expected positions are the values mapped
 * through each plot's window by the linear map of a plot box, written
 * out here; the values come from the definitions (C3: ReLU's
 * subdifferential at 0 is [0, 1], the convention s takes lo + s (hi - lo);
 * Leaky ReLU's one-sided slopes are alpha and 1).  The drawn image is
 * then read back: the dot is filled in the convention's colour, an open
 * circle is hollow, and the inset's line, found by its colour, falls by
 * alpha times the stated magnification in device units. */
#include <config.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "draw/panels.h"
#include "pixels.h"
#include "scene_load.h"

#define W 640
#define H 320

static const rs_rect R = { 0, 0, W, H };

/* y of value v in a box of height h at top y whose window is [y0, y1]:
 * linear, y1 at the top. */
static double
map_y (rs_rect box, const double win[4], double v)
{
  return box.y + (win[3] - v) / (win[3] - win[2]) * box.height;
}

/* The same along x. */
static double
map_x (rs_rect box, const double win[4], double v)
{
  return box.x + (v - win[0]) / (win[1] - win[0]) * box.width;
}

/* The panel drawn alone into a W x H image. */
static cairo_surface_t *
draw (const rs_panel_ctx *c)
{
  cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W,
                                                     H);
  cairo_t *cr = cairo_create (img);

  rs_panel_activation (cr, R, c);
  ck_assert_int_eq (cairo_status (cr), CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (img);
  return img;
}

/* The single neuron of scenes/c03-kink.scene (its first point on the
 * kink at the start) with activation act and kink convention kink, run
 * to its end. */
static void
load_neuron (const char *act, const char *kink, rs_scene *sc, rs_sim **sim)
{
  char text[512];
  rs_error err;

  snprintf (text, sizeof text, "seed 1\npoints 24\nline 2 1\nnoise 0\n"
            "activation %s\nkink %s\nstart 1 1\nrate 0.3\nsteps 200\n",
            act, kink);
  ck_assert_int_eq (rs_scene_parse (sc, text, strlen (text), "t", &err),
                    RS_OK);
  *sim = rs_sim_alloc (&sc->sim, &err);
  ck_assert_ptr_nonnull (*sim);
  ck_assert_int_eq (rs_sim_run (*sim), RS_OK);
}

/* ReLU with convention s: the dot at s, open circles at the limits 0
 * and 1 other than s; the image has the dot filled and the circles
 * hollow. */
static void
check_relu_kink (const char *kink, double s, size_t n_open,
                 const double *open)
{
  rs_scene sc;
  rs_sim *sim;
  rs_act_geometry g;
  rs_panel_ctx c;
  cairo_surface_t *img;

  load_neuron ("relu", kink, &sc, &sim);
  c = (rs_panel_ctx) { &sc, sim, 0, NULL, NULL, 1.0, NULL, NULL };
  ck_assert_int_eq (rs_panel_activation_geometry (R, &c, &g), RS_OK);
  ck_assert (g.jump);
  ck_assert (!g.has_inset);
  ck_assert_double_eq_tol (g.dot_y, map_y (g.df_box, g.df_win, s), 1e-9);
  ck_assert_double_eq_tol (g.dot_x, map_x (g.df_box, g.df_win, 0.0), 1e-9);
  ck_assert_uint_eq (g.n_open, n_open);
  for (size_t i = 0; i < n_open; i++)
    ck_assert_double_eq_tol (g.open_y[i], map_y (g.df_box, g.df_win,
                                                 open[i]), 1e-9);
  img = draw (&c);
  ck_assert_int_le (pixel_distance (image_pixel (img, g.dot_x, g.dot_y),
                                    rgb_of (rs_theme_light ()->event)), 12);
  for (size_t i = 0; i < n_open; i++)
    ck_assert_int_le (pixel_distance (image_pixel (img, g.open_x[i], g.open_y[i]),
                                      rgb_of (rs_theme_light ()->panel)), 12);
  cairo_surface_destroy (img);
  rs_sim_free (sim);
}

/* The kink conventions 0 (PyTorch's), 1 and 0.385 on ReLU, whose
 * subdifferential at 0 is [0, 1] (C3). */
START_TEST (test_relu_jump)
{
  const double one[] = { 1.0 }, zero[] = { 0.0 }, both[] = { 0.0, 1.0 };

  check_relu_kink ("0", 0.0, 1, one);
  check_relu_kink ("1", 1.0, 1, zero);
  check_relu_kink ("0.385", 0.385, 2, both);
}
END_TEST

/* Leaky ReLU, alpha 0.15, convention 0.5: f'(0) = 0.15 + 0.5 (1 - 0.15)
 * = 0.575, the limits 0.15 (left) and 1 (right) both open; alpha 0.15
 * is steep enough to see without an inset. */
START_TEST (test_leaky_jump)
{
  rs_scene sc;
  rs_sim *sim;
  rs_act_geometry g;
  rs_panel_ctx c;

  load_neuron ("leaky_relu\nalpha 0.15", "0.5", &sc, &sim);
  c = (rs_panel_ctx) { &sc, sim, 0, NULL, NULL, 1.0, NULL, NULL };
  ck_assert_int_eq (rs_panel_activation_geometry (R, &c, &g), RS_OK);
  ck_assert_double_eq_tol (g.dot_y, map_y (g.df_box, g.df_win, 0.575),
                           1e-9);
  ck_assert_uint_eq (g.n_open, 2);
  ck_assert_double_eq_tol (g.open_y[0], map_y (g.df_box, g.df_win, 0.15),
                           1e-9);
  ck_assert_double_eq_tol (g.open_y[1], map_y (g.df_box, g.df_win, 1.0),
                           1e-9);
  ck_assert (!g.has_inset);
  rs_sim_free (sim);
}
END_TEST

/* The mean y of the pixels of colour col in column x between y0 and
 * y1; NAN when there are none. */
static double
line_y (cairo_surface_t *img, double x, double y0, double y1, uint32_t col)
{
  double s = 0.0;
  int n = 0;

  for (int y = (int) ceil (y0); y < (int) floor (y1); y++)
    if (pixel_distance (image_pixel (img, x, y), col) <= 40)
      s += y, n++;
  return n > 0 ? s / n : NAN;
}

/* c08 at step 120 (Leaky ReLU, alpha = 0.01 since step 50): the inset
 * has f's x scale, y magnified by its stated factor, and its line falls
 * alpha * magnification * (sy / sx) device units per device unit, sx and
 * sy the f plot's pixels per unit; at step 20 (ReLU, exactly flat) there
 * is nothing to magnify and no inset. */
START_TEST (test_leaky_inset)
{
  rs_scene sc;
  rs_sim *sim;
  rs_act_geometry g;
  rs_panel_ctx c;
  cairo_surface_t *img;
  double sx, sy, m, za = -2.3, zb = -0.4, ya, yb, xa, xb, e;

  load ("c08-leaky-relu.scene", "", &sc, &sim);
  c = (rs_panel_ctx) { &sc, sim, point_of (sim, 120), NULL, NULL, 1.0, NULL, NULL };
  ck_assert_int_eq (rs_panel_activation_geometry (R, &c, &g), RS_OK);
  ck_assert (g.has_inset);
  m = g.magnification;
  /* a 1-2-5 factor of at least 2 */
  e = m / pow (10.0, floor (log10 (m) + 1e-12));
  ck_assert (m >= 2.0);
  ck_assert (fabs (e - 1) < 1e-9 || fabs (e - 2) < 1e-9
             || fabs (e - 5) < 1e-9);
  sx = g.f_box.width / (g.f_win[1] - g.f_win[0]);
  sy = g.f_box.height / (g.f_win[3] - g.f_win[2]);
  ck_assert_double_eq_tol (g.inset_box.width / (g.inset_win[1]
                                                - g.inset_win[0]), sx, 1e-9);
  ck_assert_double_eq_tol (g.inset_box.height / (g.inset_win[3]
                                                 - g.inset_win[2]), m * sy,
                           1e-9);
  ck_assert (g.inset_win[0] < za && zb < 0.0);
  img = draw (&c);
  xa = map_x (g.inset_box, g.inset_win, za);
  xb = map_x (g.inset_box, g.inset_win, zb);
  ya = line_y (img, xa, g.inset_box.y + 1, g.inset_box.y
               + g.inset_box.height - 1, rgb_of (rs_theme_light ()->accent));
  yb = line_y (img, xb, g.inset_box.y + 1, g.inset_box.y
               + g.inset_box.height - 1, rgb_of (rs_theme_light ()->accent));
  ck_assert (isfinite (ya) && isfinite (yb));
  /* device y grows downwards: the line rises to the right by
   * 0.01 * m * sy / sx per pixel */
  ck_assert_double_eq_tol ((ya - yb) / (xb - xa), 0.01 * m * sy / sx,
                           0.06 * 0.01 * m * sy / sx);
  cairo_surface_destroy (img);
  c.at = point_of (sim, 20);
  ck_assert_int_eq (rs_panel_activation_geometry (R, &c, &g), RS_OK);
  ck_assert (!g.has_inset);
  ck_assert_double_eq (g.magnification, 1.0);
  rs_sim_free (sim);
}
END_TEST

/* A run without a kink (sigmoid) has no jump, no circles, no inset. */
START_TEST (test_smooth)
{
  static const char text[] = "seed 1\ndata sine 32\nnetwork 1 8 1\n"
    "activation sigmoid\nsteps 2\n";
  rs_scene sc;
  rs_sim *sim;
  rs_error err;
  rs_act_geometry g;
  rs_panel_ctx c;

  ck_assert_int_eq (rs_scene_parse (&sc, text, strlen (text), "t", &err),
                    RS_OK);
  sim = rs_sim_alloc (&sc.sim, &err);
  ck_assert_ptr_nonnull (sim);
  c = (rs_panel_ctx) { &sc, sim, 0, NULL, NULL, 1.0, NULL, NULL };
  ck_assert_int_eq (rs_panel_activation_geometry (R, &c, &g), RS_OK);
  ck_assert (!g.jump && !g.has_inset);
  ck_assert_uint_eq (g.n_open, 0);
  rs_sim_free (sim);
}
END_TEST

static Suite *
act_panel_suite (void)
{
  Suite *s = suite_create ("act_panel");
  TCase *tc = tcase_create ("Core");

  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_relu_jump);
  tcase_add_test (tc, test_leaky_jump);
  tcase_add_test (tc, test_leaky_inset);
  tcase_add_test (tc, test_smooth);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (act_panel_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
