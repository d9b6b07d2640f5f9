/* check_plane3d.c: the 3-D landscape (src/draw/plane_3d.c): its ticks where
 * the camera's formula puts them, its colour bar's ends the surface's
 * lowest and highest loss, and a box that fits its cell at every camera
 * a drag can reach, the caption left clear. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <gsl/gsl_errno.h>

#include "draw/plane.h"

/* The grid a side: unround, so that an off-by-one in the sample
 * positions shows. */
#define GRID 37

/* scenes/c05-plateau.scene's run (one ReLU neuron on 24 points of
 * y = 2 x + 1 with noise, stuck on the plateau), seen in 3-D only. */
static const char plateau[] =
  "seed 1\npoints 24\nline 2 1\nnoise 0.05\nactivation relu\n"
  "start -2.8 0.5\nrate 0.3\nsteps 300\nw-range [-3, 3]\nb-range [-3, 3]\n"
  "view landscape 3d\n";

/* The cameras tried: the scene language's whole range of elevations,
 * the app's drag stopping at 5 and 85, and azimuths all round. */
static const double elevations[] = { 0, 5, 17.5, 30, 52.25, 85, 90 };
#define N_EL ((int) (sizeof elevations / sizeof elevations[0]))
#define N_AZ 12

static rs_scene scene;
static rs_sim *sim;
static rs_plane *plane;

/* The plateau scene under camera (az, el), run to its end, its plane
 * made on GRID points a side. */
static void
setup_camera (double az, double el)
{
  rs_error err;

  ck_assert_int_eq (rs_scene_parse (&scene, plateau, strlen (plateau),
                                    "plateau", &err), RS_OK);
  scene.style.azimuth = az;
  scene.style.elevation = el;
  sim = rs_sim_alloc (&scene.sim, &err);
  ck_assert_ptr_nonnull (sim);
  ck_assert_int_eq (rs_sim_run (sim), RS_OK);
  plane = rs_plane_alloc (&scene, &scene.views[0], sim,
                          rs_sim_n_recorded (sim) - 1, GRID, &err);
  ck_assert_msg (plane != NULL, "%s", err.message);
}

static void
teardown (void)
{
  rs_plane_free (plane);
  rs_sim_free (sim);
  plane = NULL;
  sim = NULL;
}

/* Camera _i of the loop: azimuth -180 + 30 (i % 12), elevation
 * elevations[i / 12]. */
static void
camera_of (int i, double *az, double *el)
{
  *az = -180.0 + 30.0 * (i % N_AZ);
  *el = elevations[i / N_AZ];
}

/* The box point (x, y, z) on the screen, by the formula of plane.h
 * written out again from the scene's angles in degrees. */
static void
screen_of (const rs_plane_view3d *v, double az, double el, double x,
           double y, double z, double *sx, double *sy, double *depth)
{
  double a = az * M_PI / 180.0, e = el * M_PI / 180.0;
  double xr = x * cos (a) - y * sin (a), yr = x * sin (a) + y * cos (a);
  double zz = 0.9 * z - 0.45;

  *sx = v->cx + v->k * xr;
  *sy = v->cy - v->k * (zz * cos (e) + yr * sin (e));
  *depth = yr * cos (e) - zz * sin (e);
}

/* The single neuron's loss at (w, b): the mean squared error of
 * relu(w x + b) over the data, written out here. */
static double
neuron_loss (const rs_data *d, double w, double b)
{
  double sum = 0.0;

  for (size_t i = 0; i < d->n; i++)
    {
      double z = w * d->x[i] + b, r = (z > 0 ? z : 0) - d->y[i];
      sum += r * r;
    }
  return sum / (double) d->n;
}

/* The lowest and highest loss on the GRID x GRID points of [-3, 3]^2. */
static void
grid_range (double *lo, double *hi)
{
  const rs_data *d = rs_sim_data (sim);

  *lo = INFINITY;
  *hi = -INFINITY;
  for (int i = 0; i < GRID; i++)
    for (int j = 0; j < GRID; j++)
      {
        double l = neuron_loss (d, -3.0 + 6.0 * j / (GRID - 1),
                                -3.0 + 6.0 * i / (GRID - 1));
        *lo = fmin (*lo, l);
        *hi = fmax (*hi, l);
      }
}

/* ---- ticks ------------------------------------------------------------ */

/* The ticks of w and b lie on the floor's front edge along their axis
 * (the one of the two parallel edges nearer the camera, by the depth
 * formula), at x = -1 + 2 (t + 3) / 6 of the window [-3, 3]: their
 * screen points are those of the formula, to 1e-9 px; the values are
 * multiples of one step, inside the window. */
START_TEST (test_ticks_projected)
{
  double az, el, val[32], sx[32], sy[32], x, y, d0, d1;
  rs_plane_view3d v;
  rs_rect cell = { 13, 7, 700, 460 };

  camera_of (_i, &az, &el);
  setup_camera (az, el);
  rs_plane_3d_view (plane, cell, 0.8, &v);
  for (int a = 0; a < 2; a++)
    {
      size_t n = rs_plane_3d_ticks (plane, &v, a, val, sx, sy, 32);
      double side;
      if (a == 0)
        {
          screen_of (&v, az, el, 0, -1, 0, &x, &y, &d0);
          screen_of (&v, az, el, 0, 1, 0, &x, &y, &d1);
        }
      else
        {
          screen_of (&v, az, el, -1, 0, 0, &x, &y, &d0);
          screen_of (&v, az, el, 1, 0, 0, &x, &y, &d1);
        }
      side = d0 <= d1 ? -1 : 1;
      for (size_t k = 0; k < n; k++)
        {
          double t = -1 + 2 * (val[k] + 3.0) / 6.0, d;
          ck_assert (val[k] >= -3.0 - 1e-9 && val[k] <= 3.0 + 1e-9);
          if (k > 1)
            ck_assert_double_eq_tol (val[k] - val[k - 1],
                                     val[1] - val[0], 1e-9);
          if (a == 0)
            screen_of (&v, az, el, t, side, 0, &x, &y, &d);
          else
            screen_of (&v, az, el, side, t, 0, &x, &y, &d);
          ck_assert_double_eq_tol (sx[k], x, 1e-9);
          ck_assert_double_eq_tol (sy[k], y, 1e-9);
        }
    }
}
END_TEST

/* The loss axis's ticks (log scale) stand at height
 * (log10 t - log10 lo) / (log10 hi - log10 lo), lo and hi the grid's
 * lowest and highest loss computed here from the data: their screen
 * points, on one vertical line, are the formula's at that height. */
START_TEST (test_loss_ticks)
{
  double val[32], sx[32], sy[32], lo, hi, x, y, d;
  rs_plane_view3d v;
  rs_rect cell = { 0, 0, 900, 600 };
  size_t n;

  setup_camera (-35, 30);
  grid_range (&lo, &hi);
  rs_plane_3d_view (plane, cell, 1.0, &v);
  n = rs_plane_3d_ticks (plane, &v, 2, val, sx, sy, 32);
  /* lo 0.104 and hi 13.1 hold the decades 1 and 10 */
  ck_assert_uint_ge (n, 2);
  for (size_t k = 0; k < n; k++)
    {
      double z = (log10 (val[k]) - log10 (lo)) / (log10 (hi) - log10 (lo));
      ck_assert (val[k] >= lo && val[k] <= hi);
      ck_assert_double_eq_tol (sx[k], sx[0], 1e-9);
      /* the loss axis stands on one of the floor's four corners */
      int found = 0;
      for (int q = 0; q < 4; q++)
        {
          screen_of (&v, -35, 30, q & 1 ? 1 : -1, q & 2 ? 1 : -1, z, &x, &y,
                     &d);
          found |= fabs (x - sx[k]) < 1e-9 && fabs (y - sy[k]) < 1e-6;
        }
      ck_assert_msg (found, "loss tick %g at (%g, %g)", val[k], sx[k],
                     sy[k]);
    }
}
END_TEST

/* ---- the colour bar ----------------------------------------------------- */

/* The numbers at the bar's ends are the surface's lowest and highest
 * loss, computed here from the data on the same grid. */
START_TEST (test_bar_ends)
{
  double lo, hi, want_lo, want_hi;

  setup_camera (-35, 30);
  ck_assert_double_eq (rs_plane_u_range (plane).lo, -3.0);
  ck_assert_double_eq (rs_plane_v_range (plane).hi, 3.0);
  grid_range (&want_lo, &want_hi);
  rs_plane_3d_bar_range (plane, &lo, &hi);
  ck_assert_double_eq_tol (lo, want_lo, 1e-12 * want_lo);
  ck_assert_double_eq_tol (hi, want_hi, 1e-12 * want_hi);
}
END_TEST

/* ---- the fit ------------------------------------------------------------ */

/* At every camera the box's eight corners lie inside its area, the area
 * above the caption and left of the colour bar, the bar inside the
 * cell. */
START_TEST (test_box_fits)
{
  double az, el, x, y, d;
  rs_plane_view3d v;
  rs_rect cell = { 21, 17, 610, 390 };

  camera_of (_i, &az, &el);
  setup_camera (az, el);
  rs_plane_3d_view (plane, cell, 0.7, &v);
  for (int q = 0; q < 8; q++)
    {
      screen_of (&v, az, el, q & 1 ? 1 : -1, q & 2 ? 1 : -1, q & 4 ? 1 : 0,
                 &x, &y, &d);
      ck_assert (x >= v.area.x - 1e-9 && x <= v.area.x + v.area.width + 1e-9);
      ck_assert (y >= v.area.y - 1e-9
                 && y <= v.area.y + v.area.height + 1e-9);
    }
  ck_assert_double_le (v.area.y + v.area.height, v.caption_y);
  ck_assert_double_le (v.area.x + v.area.width, v.bar.x);
  ck_assert_double_le (v.bar.x + v.bar.width, cell.x + cell.width);
  ck_assert_double_ge (v.bar.y, cell.y);
}
END_TEST

/* Drawn, the caption's row (from caption_y to the cell's bottom) holds
 * nothing but the page and the caption's grey text: no colour of the
 * surface, the ball or a mark reaches it, at any camera. */
START_TEST (test_caption_clear)
{
  double az, el;
  rs_plane_view3d v;
  rs_rect cell = { 0, 0, 600, 400 };
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600,
                                                   400);
  cairo_t *cr = cairo_create (s);
  const unsigned char *px;
  int stride = cairo_image_surface_get_stride (s);

  camera_of (_i, &az, &el);
  setup_camera (az, el);
  rs_plane_3d_view (plane, cell, 600.0 / 900.0, &v);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  rs_plane_draw (cr, cell, plane, rs_theme_light (), NULL, 600.0 / 900.0);
  cairo_surface_flush (s);
  px = cairo_image_surface_get_data (s);
  for (int y = (int) ceil (v.caption_y); y < 400; y++)
    for (int x = 0; x < 600; x++)
      {
        uint32_t p = ((const uint32_t *) (const void *) (px + y * stride))[x];
        int r = p >> 16 & 0xff, g = p >> 8 & 0xff, b = p & 0xff;
        ck_assert_msg (abs (r - g) < 16 && abs (g - b) < 16,
                       "camera %g %g: colour %06x at (%d, %d) in the "
                       "caption's row", az, el, p & 0xffffff, x, y);
      }
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}
END_TEST

static Suite *
plane3d_suite (void)
{
  Suite *s = suite_create ("plane3d");
  TCase *tt = tcase_create ("Ticks");
  TCase *tf = tcase_create ("Fit");

  tcase_add_checked_fixture (tt, NULL, teardown);
  tcase_add_loop_test (tt, test_ticks_projected, 0, N_AZ * N_EL);
  tcase_add_test (tt, test_loss_ticks);
  tcase_add_test (tt, test_bar_ends);
  suite_add_tcase (s, tt);
  tcase_add_checked_fixture (tf, NULL, teardown);
  tcase_add_loop_test (tf, test_box_fits, 0, N_AZ * N_EL);
  tcase_add_loop_test (tf, test_caption_clear, 0, N_AZ * N_EL);
  suite_add_tcase (s, tf);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (plane3d_suite ());
  int failed;

  gsl_set_error_handler_off ();
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
