/* check_render.c: the landscape's grid and contours (src/draw/draw.c) and the
 * export of a figure (src/export/export.c). */
#include <config.h>

#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>
#include <gsl/gsl_errno.h>

#include "cli/cli.h"
#include "draw/draw.h"
#include "export/export.h"
#include "draw/figure.h"

static rs_scene scene;
static rs_sim *sim;
static rs_landscape *land;
static rs_figure *fig;
static char dir[64];

/* The built-in scene run to its end, as `reluscape render` draws it. */
static void
setup (void)
{
  rs_error err;

  ck_assert_int_eq (rs_scene_parse (&scene, rs_builtin_scene,
                                    rs_builtin_scene_len, "builtin", &err),
                    RS_OK);
  sim = rs_sim_alloc (&scene.sim, &err);
  ck_assert_ptr_nonnull (sim);
  ck_assert_int_eq (rs_sim_run (sim), RS_OK);
  land = rs_landscape_alloc (&scene, rs_sim_neuron (sim), rs_sim_data (sim),
                             121, 121, &err);
  ck_assert_ptr_nonnull (land);
  fig = rs_figure_alloc (&scene, sim, (size_t) -1, 61, &err);
  ck_assert_ptr_nonnull (fig);
  snprintf (dir, sizeof dir, "/tmp/check_render.XXXXXX");
  ck_assert_ptr_nonnull (mkdtemp (dir));
}

/* Remove the test's folder, which must hold only the expected files. */
static void
teardown (void)
{
  DIR *d = opendir (dir);
  struct dirent *e;
  char path[512];

  while (d != NULL && (e = readdir (d)) != NULL)
    {
      if (e->d_name[0] == '.')
        continue;
      snprintf (path, sizeof path, "%s/%s", dir, e->d_name);
      unlink (path);
    }
  if (d != NULL)
    closedir (d);
  rmdir (dir);
  rs_figure_free (fig);
  rs_landscape_free (land);
  rs_sim_free (sim);
}

static void
draw_figure (cairo_t *cr, double width, double height, void *data)
{
  rs_figure_draw (cr, width, height, data);
}

/* How many files the test folder holds (temporary ones included). */
static int
count_files (void)
{
  DIR *d = opendir (dir);
  struct dirent *e;
  int n = 0;

  while ((e = readdir (d)) != NULL)
    n += e->d_name[0] != '.';
  closedir (d);
  return n;
}

/* A PNG of the requested (unround) size, and no temporary file left. */
START_TEST (test_png_size)
{
  char path[128], msg[256];
  cairo_surface_t *s;

  snprintf (path, sizeof path, "%s/fig.png", dir);
  ck_assert_int_eq (rs_export (path, 643, 419, draw_figure, fig, msg,
                               sizeof msg), 0);
  s = cairo_image_surface_create_from_png (path);
  ck_assert_int_eq (cairo_surface_status (s), CAIRO_STATUS_SUCCESS);
  ck_assert_int_eq (cairo_image_surface_get_width (s), 643);
  ck_assert_int_eq (cairo_image_surface_get_height (s), 419);
  cairo_surface_destroy (s);
  ck_assert_int_eq (count_files (), 1);
}
END_TEST

/* Read the first n bytes of path into buf. */
static size_t
head (const char *path, char *buf, size_t n)
{
  FILE *f = fopen (path, "rb");
  size_t k;

  ck_assert_ptr_nonnull (f);
  k = fread (buf, 1, n - 1, f);
  buf[k] = '\0';
  fclose (f);
  return k;
}

START_TEST (test_vector_formats)
{
  char path[128], msg[256], buf[512];

  snprintf (path, sizeof path, "%s/fig.pdf", dir);
  ck_assert_int_eq (rs_export (path, 700, 500, draw_figure, fig, msg,
                               sizeof msg), 0);
  head (path, buf, sizeof buf);
  ck_assert_int_eq (memcmp (buf, "%PDF-", 5), 0);
  snprintf (path, sizeof path, "%s/fig.SVG", dir);
  ck_assert_int_eq (rs_export (path, 700, 500, draw_figure, fig, msg,
                               sizeof msg), 0);
  head (path, buf, sizeof buf);
  ck_assert_ptr_nonnull (strstr (buf, "<svg"));
  ck_assert_int_eq (count_files (), 2);
}
END_TEST

START_TEST (test_format_names)
{
  ck_assert_int_eq (rs_export_format_of ("a.png"), RS_EXPORT_PNG);
  ck_assert_int_eq (rs_export_format_of ("dir.pdf/a.Pdf"), RS_EXPORT_PDF);
  ck_assert_int_eq (rs_export_format_of ("a.svg"), RS_EXPORT_SVG);
  ck_assert_int_eq (rs_export_format_of ("a.jpg"), RS_EXPORT_NONE);
  ck_assert_int_eq (rs_export_format_of ("dir.png/figure"), RS_EXPORT_NONE);
  ck_assert_int_eq (rs_export_format_of ("png"), RS_EXPORT_NONE);
}
END_TEST

/* Errors leave nothing behind and say which file. */
START_TEST (test_export_errors)
{
  char path[128], msg[256];

  snprintf (path, sizeof path, "%s/no/such/dir/fig.png", dir);
  ck_assert_int_eq (rs_export (path, 300, 200, draw_figure, fig, msg,
                               sizeof msg), -1);
  ck_assert_ptr_nonnull (strstr (msg, "fig.png"));
  snprintf (path, sizeof path, "%s/fig.jpeg", dir);
  ck_assert_int_eq (rs_export (path, 300, 200, draw_figure, fig, msg,
                               sizeof msg), -1);
  ck_assert_ptr_nonnull (strstr (msg, ".png, .pdf or .svg"));
  ck_assert_int_eq (count_files (), 0);
}
END_TEST

/* A drawing that fails leaves no file: cairo's error is sticky, so a
 * drawing function that puts its cairo_t in error is reported. */
static void
draw_broken (cairo_t *cr, double width, double height, void *data)
{
  (void) width;
  (void) height;
  (void) data;
  cairo_restore (cr);           /* unbalanced: CAIRO_STATUS_INVALID_RESTORE */
}

START_TEST (test_drawing_error)
{
  char path[128], msg[256];

  snprintf (path, sizeof path, "%s/fig.png", dir);
  ck_assert_int_eq (rs_export (path, 300, 200, draw_broken, NULL, msg,
                               sizeof msg), -1);
  ck_assert_int_eq (count_files (), 0);
  snprintf (path, sizeof path, "%s/fig.pdf", dir);
  ck_assert_int_eq (rs_export (path, 300, 200, draw_broken, NULL, msg,
                               sizeof msg), -1);
  ck_assert_int_eq (count_files (), 0);
}
END_TEST

/* The landscape's grid is the library's surface: spot-check a corner and
 * the colour scale's ends against rs_loss_mse at those points. */
START_TEST (test_landscape_grid)
{
  rs_neuron u = *rs_sim_neuron (sim);
  double lo = 1e300, hi = 0;

  u.w = scene.w_range.hi;
  u.b = scene.b_range.lo;
  ck_assert_double_eq_tol (gsl_matrix_get (land->loss, 0, 120),
                           rs_loss_mse (&u, rs_sim_data (sim)), 1e-12);
  for (size_t i = 0; i < 121; i++)
    for (size_t j = 0; j < 121; j++)
      {
        double v = gsl_matrix_get (land->loss, i, j);
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
      }
  ck_assert_double_eq_tol (land->log_lo, log10 (lo), 1e-12);
  ck_assert_double_eq_tol (land->log_hi, log10 (hi), 1e-12);
  ck_assert_ptr_null (rs_landscape_alloc (&scene, &u, rs_sim_data (sim), 1,
                                          50, NULL));
}
END_TEST

/* The value of the grid along a cell edge at grid position (u, v), one of
 * which is whole: linear between the edge's two grid values. */
static double
edge_value (const gsl_matrix *m, double u, double v)
{
  size_t j = (size_t) floor (u), i = (size_t) floor (v);
  double t;

  if (fabs (u - round (u)) < 1e-12)
    {
      j = (size_t) round (u);
      t = v - i;
      return i + 1 < m->size1 ? (1 - t) * gsl_matrix_get (m, i, j)
                                + t * gsl_matrix_get (m, i + 1, j)
                              : gsl_matrix_get (m, i, j);
    }
  i = (size_t) round (v);
  t = u - j;
  return j + 1 < m->size2 ? (1 - t) * gsl_matrix_get (m, i, j)
                            + t * gsl_matrix_get (m, i, j + 1)
                          : gsl_matrix_get (m, i, j);
}

/* Whether the level separates grid values a and b (as marching squares
 * decides: a point is inside when its value >= level). */
static int
crosses (double a, double b, double level)
{
  return (a >= level) != (b >= level);
}

/* Contours: every segment's ends lie on cell edges where the grid's
 * linear interpolation equals the level, and the segments account for
 * every crossing edge of the grid, counted independently: an interior
 * edge ends two segments (one in each of its cells), a border edge one. */
START_TEST (test_contours)
{
  const gsl_matrix *m = land->loss;

  ck_assert_uint_ge (land->n_levels, 5);
  for (size_t k = 0; k < land->n_levels; k++)
    {
      size_t first = k == 0 ? 0 : land->level_end[k - 1];
      size_t ends = 2 * (land->level_end[k] - first), expect = 0;
      double level = land->levels[k];

      for (size_t q = first; q < land->level_end[k]; q++)
        {
          const rs_segment *sg = &land->segments[q];
          ck_assert_double_eq_tol (edge_value (m, sg->u0, sg->v0), level,
                                   1e-9 * level);
          ck_assert_double_eq_tol (edge_value (m, sg->u1, sg->v1), level,
                                   1e-9 * level);
        }
      for (size_t i = 0; i < m->size1; i++)
        for (size_t j = 0; j < m->size2; j++)
          {
            double a = gsl_matrix_get (m, i, j);
            if (j + 1 < m->size2
                && crosses (a, gsl_matrix_get (m, i, j + 1), level))
              expect += (i == 0 || i + 1 == m->size1) ? 1 : 2;
            if (i + 1 < m->size1
                && crosses (a, gsl_matrix_get (m, i + 1, j), level))
              expect += (j == 0 || j + 1 == m->size2) ? 1 : 2;
          }
      ck_assert_uint_eq (ends, expect);
    }
}
END_TEST

/* rs_export_png writes what cairo reads back: opaque pixels exactly, and
 * a translucent one (straight alpha in the file, premultiplied in cairo)
 * within a level of rounding; an opaque image is stored as RGB, a
 * translucent one as RGBA (the colour type byte 25 of the header). */
START_TEST (test_png_round_trip)
{
  static const uint32_t px[4] = { 0xff102030u, 0xffffffffu, 0x80402010u,
                                  0x00000000u };
  char path[128], msg[256];
  unsigned char head[26];
  cairo_surface_t *img, *back;
  FILE *f;

  img = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 2, 2);
  cairo_surface_flush (img);
  for (int k = 0; k < 4; k++)
    ((uint32_t *) (void *) (cairo_image_surface_get_data (img)
                            + (k / 2) * cairo_image_surface_get_stride (img)))
      [k % 2] = px[k];
  cairo_surface_mark_dirty (img);
  snprintf (path, sizeof path, "%s/rt.png", dir);
  ck_assert_int_eq (rs_export_png (img, path, msg, sizeof msg), 0);
  back = cairo_image_surface_create_from_png (path);
  ck_assert_int_eq (cairo_surface_status (back), CAIRO_STATUS_SUCCESS);
  for (int k = 0; k < 4; k++)
    {
      uint32_t got = ((const uint32_t *) (const void *)
                      (cairo_image_surface_get_data (back) + (k / 2)
                       * cairo_image_surface_get_stride (back)))[k % 2];

      for (int shift = 0; shift < 32; shift += 8)
        ck_assert_int_le (abs ((int) (got >> shift & 0xff)
                               - (int) (px[k] >> shift & 0xff)),
                          k < 2 ? 0 : 1);
    }
  f = fopen (path, "rb");
  ck_assert_uint_eq (fread (head, 1, 26, f), 26);
  fclose (f);
  ck_assert_int_eq (head[25], 6);   /* RGBA */
  cairo_surface_destroy (back);
  cairo_surface_destroy (img);
  img = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 3, 3);
  ck_assert_int_eq (rs_export_png (img, path, msg, sizeof msg), 0);
  f = fopen (path, "rb");
  ck_assert_uint_eq (fread (head, 1, 26, f), 26);
  fclose (f);
  ck_assert_int_eq (head[25], 2);   /* RGB */
  unlink (path);
  cairo_surface_destroy (img);
  ck_assert_int_eq (rs_export_png (img = cairo_image_surface_create
                                   (CAIRO_FORMAT_RGB24, 3, 3),
                                   "/nonexistent/dir/x.png", msg,
                                   sizeof msg), -1);
  ck_assert_str_eq (msg, "/nonexistent/dir/x.png: cannot write: No such file "
                    "or directory");
  cairo_surface_destroy (img);
}
END_TEST

static Suite *
render_suite (void)
{
  Suite *s = suite_create ("render");
  TCase *tc = tcase_create ("Core");
  TCase *te = tcase_create ("Errors");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_png_size);
  tcase_add_test (tc, test_vector_formats);
  tcase_add_test (tc, test_format_names);
  tcase_add_test (tc, test_landscape_grid);
  tcase_add_test (tc, test_contours);
  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (te, setup, teardown);
  tcase_add_test (te, test_export_errors);
  tcase_add_test (te, test_drawing_error);
  tcase_add_test (te, test_png_round_trip);
  suite_add_tcase (s, te);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (render_suite ());
  int failed;

  gsl_set_error_handler_off ();
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
