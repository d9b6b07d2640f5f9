/* check_variant_draw.c: the figure of a scene's variants (src/draw/variants.c,
 * src/draw/plane_runs.c): each run's path on the landscape passes through
 * that run's recorded parameters, in the run's colour, at the place the
 * landscape's window puts them (computed here from the scene's ranges);
 * the legend names every run. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "draw/figure.h"
#include "pixels.h"
#include "runs_util.h"
#include "draw/variants.h"

#define W 900
#define H 600

static rs_scene *
load_scene (const char *name)
{
  char path[4096];
  rs_scene *sc = malloc (sizeof *sc);
  rs_error err;

  ck_assert_ptr_nonnull (sc);
  snprintf (path, sizeof path, "%s/scenes/%s", RS_TOP_SRCDIR, name);
  ck_assert_msg (rs_scene_load (sc, path, &err) == RS_OK, "%s", err.message);
  return sc;
}

/* Where (w, b) is drawn in the plot: the scene's w-range across, its
 * b-range up (the plane's window is the scene's when it gives one). */
static void
device (const rs_scene *sc, rs_rect plot, double w, double b, double *x,
        double *y)
{
  *x = plot.x + (w - sc->w_range.lo) / (sc->w_range.hi - sc->w_range.lo)
               * plot.width;
  *y = plot.y + (sc->b_range.hi - b) / (sc->b_range.hi - sc->b_range.lo)
               * plot.height;
}

/* The distance from (x, y) to the segment from (ax, ay) to (bx, by). */
static double
to_segment (double x, double y, double ax, double ay, double bx, double by)
{
  double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy, t;

  t = l2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / l2 : 0.0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  return hypot (x - (ax + t * dx), y - (ay + t * dy));
}

/* Whether (x, y) is farther than d from every segment of run j's path:
 * what is drawn over run k there is not run j. */
static int
clear_of (const rs_scene *sc, rs_rect plot, const rs_sim *sim, double x,
          double y, double d)
{
  double px = 0, py = 0;

  for (size_t i = 0; i < rs_sim_n_recorded (sim); i++)
    {
      const double *t = rs_sim_theta (sim, i);
      double qx, qy;

      device (sc, plot, t[0], t[1], &qx, &qy);
      if (to_segment (x, y, i > 0 ? px : qx, i > 0 ? py : qy, qx, qy) < d)
        return 0;
      px = qx;
      py = qy;
    }
  return 1;
}

/* The race (scenes/race-optimizers.scene): every run's path passes in
 * its colour through its recorded points, where no later run (drawn
 * over it) nor a ball is near; and there are such points for each run,
 * so the test looks at every run. */
START_TEST (test_paths_through_points)
{
  rs_scene *sc = load_scene ("race-optimizers.scene");
  cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W,
                                                     H);
  cairo_t *cr = cairo_create (img);
  rs_runs r;
  rs_figure *f;
  rs_rect plot;
  rs_error err;
  const rs_theme *th = rs_theme_light ();

  make_runs (&r, sc);
  ck_assert_uint_eq (r.n, 3);
  f = rs_figure_alloc (r.scene[0], r.sim[0], (size_t) -1, 61, &err);
  ck_assert_ptr_nonnull (f);
  rs_figure_set_runs (f, &r);
  rs_figure_draw (cr, W, H, f);
  cairo_surface_flush (img);
  plot = rs_plane_plot_rect (rs_figure_cell (f, 0, W, H),
                             rs_figure_scale (f));
  for (size_t k = 0; k < r.n; k++)
    {
      size_t seen = 0;
      uint32_t want = rgb_of (rs_runs_colour (th, k));

      for (size_t i = 1; i < rs_sim_n_recorded (r.sim[k]); i++)
        {
          const double *t = rs_sim_theta (r.sim[k], i);
          double x, y, far = 9.0;
          int clear = 1;

          device (sc, plot, t[0], t[1], &x, &y);
          if (x < plot.x + 4 || x > plot.x + plot.width - 4
              || y < plot.y + 4 || y > plot.y + plot.height - 4)
            continue;
          for (size_t j = k + 1; j < r.n && clear; j++)
            clear = clear_of (sc, plot, r.sim[j], x, y, far);
          /* the balls at the ends, and the start's ring */
          for (size_t j = 0; j < r.n && clear; j++)
            {
              const double *e = rs_sim_theta (r.sim[j],
                                              rs_sim_n_recorded (r.sim[j])
                                              - 1);
              double ex, ey;

              device (sc, plot, e[0], e[1], &ex, &ey);
              clear = hypot (ex - x, ey - y) > 16.0;
            }
          /* and the shared start's ring */
          if (clear)
            {
              double sx, sy;

              device (sc, plot, rs_sim_theta (r.sim[k], 0)[0],
                      rs_sim_theta (r.sim[k], 0)[1], &sx, &sy);
              clear = hypot (sx - x, sy - y) > 16.0;
            }
          if (!clear)
            continue;
          ck_assert_msg (pixel_distance (image_pixel (img, x, y), want) <= 24,
                         "run %zu point %zu at (%.1f, %.1f): %08x, not %08x",
                         k, i, x, y, image_pixel (img, x, y), want);
          seen++;
        }
      ck_assert_msg (seen >= 5, "run %zu: only %zu points looked at", k,
                     seen);
    }
  rs_figure_free (f);
  rs_runs_free (&r);
  cairo_destroy (cr);
  cairo_surface_destroy (img);
  free (sc);
}
END_TEST

/* The legend names every run at the step shown, with its loss there. */
START_TEST (test_legend)
{
  rs_scene *sc = load_scene ("c07-weight-decay.scene");
  rs_runs r;
  char buf[2048], want[128];

  make_runs (&r, sc);
  rs_runs_legend (&r, rs_theme_light (), 400, buf, sizeof buf);
  for (size_t k = 0; k < r.n; k++)
    {
      const rs_sim_point *pt = rs_sim_current (r.sim[k]);

      snprintf (want, sizeof want, "<b>%s</b> loss %.3g", r.name[k],
                pt->loss);
      ck_assert_msg (strstr (buf, want) != NULL, "no '%s' in %s", want, buf);
    }
  /* the run that kept its bias has no dead unit; the other two (C7) */
  ck_assert_ptr_nonnull (strstr (buf, ", 2 dead"));
  ck_assert_uint_eq (rs_sim_current (r.sim[1])->dead, 0);
  rs_runs_free (&r);
  free (sc);
}
END_TEST

/* The recorded point of a run at a step: the last at or before it. */
START_TEST (test_point_at)
{
  rs_scene *sc = load_scene ("race-optimizers.scene");
  rs_runs r;

  make_runs (&r, sc);
  ck_assert_uint_eq (rs_runs_point_at (r.sim[1], 0), 0);
  ck_assert_uint_eq (rs_sim_recorded (r.sim[1],
                                      rs_runs_point_at (r.sim[1], 37))->step,
                     37);
  ck_assert_uint_eq (rs_runs_point_at (r.sim[1], 100000),
                     rs_sim_n_recorded (r.sim[1]) - 1);
  rs_runs_free (&r);
  free (sc);
}
END_TEST

static Suite *
variant_draw_suite (void)
{
  Suite *s = suite_create ("variant_draw");
  TCase *core = tcase_create ("Core");

  tcase_set_timeout (core, 60);
  tcase_add_test (core, test_paths_through_points);
  tcase_add_test (core, test_legend);
  tcase_add_test (core, test_point_at);
  suite_add_tcase (s, core);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (variant_draw_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
