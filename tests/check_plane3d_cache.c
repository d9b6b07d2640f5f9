/* check_plane3d_cache.c: the 3-D surface's kept pixels
 * (src/draw/plane_3d_cache.c) give the very frame a drawing gives.  The
 * reference each time is a new figure of the same scene and point, its
 * cache empty, so that it draws every quad: a frame drawn again from
 * the kept pixels must equal it byte for byte, and so must a frame after
 * the camera, the surface (a morph's step) or the theme changed. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <gsl/gsl_errno.h>

#include "draw/figure.h"
#include "scene_load.h"

enum { W = 900, H = 600 };

/* A figure of sc at step 50 of c08 (the change to Leaky ReLU, so that a
 * morph moves the surface). */
static rs_figure *
figure_at_change (const rs_scene *sc, const rs_sim *sim)
{
  rs_error err;
  rs_figure *f = rs_figure_alloc (sc, sim, point_of (sim, 50), 61, &err);

  ck_assert_msg (f != NULL, "%s", err.message);
  return f;
}

/* f drawn into a new W x H image. */
static cairo_surface_t *
frame (rs_figure *f)
{
  cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W,
                                                     H);
  cairo_t *cr = cairo_create (img);

  rs_figure_draw (cr, W, H, f);
  cairo_destroy (cr);
  cairo_surface_flush (img);
  return img;
}

/* f drawn into img again, over what it holds. */
static void
frame_into (cairo_surface_t *img, rs_figure *f)
{
  cairo_t *cr = cairo_create (img);

  rs_figure_draw (cr, W, H, f);
  cairo_destroy (cr);
  cairo_surface_flush (img);
}

/* The number of pixels where a and b differ (both W x H, RGB24). */
static size_t
differ (cairo_surface_t *a, cairo_surface_t *b)
{
  const unsigned char *pa = cairo_image_surface_get_data (a);
  const unsigned char *pb = cairo_image_surface_get_data (b);
  int stride = cairo_image_surface_get_stride (a);
  size_t n = 0;

  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      n += memcmp (pa + y * stride + 4 * x, pb + y * stride + 4 * x, 3) != 0;
  return n;
}

/* A change made between the kept frame and the one compared. */
typedef void (*change_fn) (rs_scene *sc, rs_figure *f);

static void
no_change (rs_scene *sc, rs_figure *f)
{
  (void) sc, (void) f;
}

static void
turn_camera (rs_scene *sc, rs_figure *f)
{
  (void) f;
  sc->style.azimuth += 40;
  sc->style.elevation -= 10;
}

static void
morph_step (rs_scene *sc, rs_figure *f)
{
  (void) sc;
  ck_assert_int_eq (rs_figure_morph (f, 0.6, NULL), RS_OK);
}

static void
dark_theme (rs_scene *sc, rs_figure *f)
{
  (void) f;
  sc->style.dark = !sc->style.dark;
}

static const struct {
  const char *name;
  change_fn change;
} changes[] = {
  { "nothing", no_change },
  { "the camera", turn_camera },
  { "the surface (a morph's step)", morph_step },
  { "the theme", dark_theme },
};

/* c08 in 3-D, mid-morph (t 0.3), drawn twice into one image (the
 * second time from the kept pixels when nothing changed), the change
 * _i made before the second; then a new figure with the change made
 * drawn once: the two frames the same in every pixel. */
START_TEST (test_kept_equals_drawn)
{
  rs_scene sc;
  rs_sim *sim;
  rs_figure *f, *g;
  cairo_surface_t *a, *b;
  size_t n;

  load ("c08-leaky-relu.scene", "", &sc, &sim);
  sc.views[0].three_d = 1;
  f = figure_at_change (&sc, sim);
  ck_assert_int_eq (rs_figure_morph (f, 0.3, NULL), RS_OK);
  a = frame (f);
  changes[_i].change (&sc, f);
  frame_into (a, f);
  /* the frame after that too: kept pixels over kept pixels */
  frame_into (a, f);
  g = figure_at_change (&sc, sim);
  ck_assert_int_eq (rs_figure_morph (g, changes[_i].change == morph_step
                                        ? 0.6 : 0.3, NULL), RS_OK);
  b = frame (g);
  n = differ (a, b);
  ck_assert_msg (n == 0, "after %s: %zu pixels differ from a drawn frame",
                 changes[_i].name, n);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  rs_figure_free (f);
  rs_figure_free (g);
  rs_sim_free (sim);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("plane3d_cache");
  TCase *tc = tcase_create ("Kept");
  SRunner *sr;
  int failed;

  gsl_set_error_handler_off ();
  tcase_set_timeout (tc, 60);
  tcase_add_loop_test (tc, test_kept_equals_drawn, 0,
                       (int) (sizeof changes / sizeof changes[0]));
  suite_add_tcase (s, tc);
  sr = srunner_create (s);
  srunner_run_all (sr, CK_ENV);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
