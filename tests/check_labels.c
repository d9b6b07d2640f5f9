/* check_labels.c: the landscape's labels, placed (plane_labels.c).
 *
 * The flat landscape of lecture scenes is drawn, small (a 300 x 200
 * figure, scale 1/3, where labels crowd) and at the figures' size, and
 * the boxes of the labels it placed are checked by this file's own
 * geometry: no two overlap; none comes within the ball's radius (9.5 s)
 * of a recorded point of the path, so the ball never rolls over a label;
 * all lie inside the plot; with the arrow of steepest descent drawn, its
 * label too.  c04's small figure is the case that was
 * wrong: the note of a dead unit at the lowest loss covered the label
 * "a unit is dead"; both must now be there, apart. */
#include <config.h>

#include <math.h>

#include <check.h>
#include <cairo.h>

#include "draw/plane.h"
#include "scene_load.h"
#include "draw/theme.h"

typedef struct {
  const char *scene;
  int w, h;
  int note;         /* the note must be placed */
  int region;       /* a region's label must be placed */
  int arrows;       /* the arrow of steepest descent drawn, its label too */
} label_case;

static const label_case cases[] = {
  { "c04-dead-neuron.scene", 300, 200, 1, 1, 0 },
  { "c04-dead-neuron.scene", 900, 600, 1, 1, 0 },
  { "c10-bias-warming.scene", 900, 600, 0, 1, 0 },
  { "net-kick.scene", 900, 600, 0, 1, 0 },
  { "net-kick.scene", 300, 200, 0, 0, 0 },
  { "c08-leaky-relu.scene", 900, 600, 0, 1, 0 },
  { "play-spirals.scene", 900, 600, 0, 0, 0 },
  { "c05-plateau.scene", 300, 200, 0, 1, 0 },
  { "c05-plateau.scene", 900, 600, 0, 1, 1 },      /* "∇L = 0" */
  { "c08-leaky-relu.scene", 900, 600, 0, 1, 1 },
  { "c04-dead-neuron.scene", 900, 600, 1, 1, 1 },
};

#define N_CASES (sizeof cases / sizeof cases[0])

static int
overlap (rs_rect a, rs_rect b)
{
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height
         && b.y < a.y + a.height;
}

/* The distance from (x, y) to box b, by clamping. */
static double
to_box (double x, double y, rs_rect b)
{
  double cx = fmin (fmax (x, b.x), b.x + b.width);
  double cy = fmin (fmax (y, b.y), b.y + b.height);

  return hypot (x - cx, y - cy);
}

START_TEST (test_labels_apart)
{
  const label_case *c = &cases[_i];
  double s = c->w / 900.0;
  rs_rect r = { 0, 0, c->w, c->h * 0.8 }, plot = rs_plane_plot_rect (r, s);
  rs_rect box[128];
  int kind[128], notes = 0, regions = 0, starts = 0, arrows = 0;
  cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                     c->w, c->h);
  cairo_t *cr = cairo_create (img);
  rs_scene sc;
  rs_sim *sim;
  rs_plane *p;
  rs_error err;
  size_t n;

  load (c->scene, "", &sc, &sim);
  ck_assert_uint_ge (sc.n_views, 1);
  ck_assert_int_eq (sc.views[0].kind, RS_VIEW_LANDSCAPE);
  p = rs_plane_alloc (&sc, &sc.views[0], sim, rs_sim_n_recorded (sim) - 1,
                      61, &err);
  ck_assert_msg (p != NULL, "%s", err.message);
  rs_plane_marks (p, 1, c->arrows);
  rs_plane_draw (cr, r, p, rs_theme_light (), NULL, s);
  ck_assert_int_eq (cairo_status (cr), CAIRO_STATUS_SUCCESS);
  n = rs_plane_label_boxes (p, box, kind, 128);
  ck_assert_uint_le (n, 128);
  ck_assert_uint_ge (n, 2);
  for (size_t a = 0; a < n; a++)
    {
      notes += kind[a] == RS_PLANE_LABEL_NOTE;
      regions += kind[a] == RS_PLANE_LABEL_REGION;
      starts += kind[a] == RS_PLANE_LABEL_START;
      arrows += kind[a] == RS_PLANE_LABEL_ARROW;
      ck_assert_msg (box[a].x >= plot.x - 1e-9 && box[a].y >= plot.y - 1e-9
                     && box[a].x + box[a].width <= plot.x + plot.width + 1e-9
                     && box[a].y + box[a].height
                        <= plot.y + plot.height + 1e-9,
                     "%s: label %zu leaves the plot", c->scene, a);
      for (size_t b = 0; b < a; b++)
        ck_assert_msg (!overlap (box[a], box[b]), "%s %dx%d: labels %zu "
                       "(kind %d) and %zu (kind %d) overlap", c->scene, c->w,
                       c->h, b, kind[b], a, kind[a]);
      for (size_t i = 0; i < rs_sim_n_recorded (sim); i++)
        {
          double u, v, x, y;

          rs_plane_point (p, i, &u, &v);
          rs_plane_map (p, plot, u, v, &x, &y);
          ck_assert_msg (to_box (x, y, box[a]) >= 9.5 * s, "%s %dx%d: "
                         "label %zu (kind %d) within the ball's radius of "
                         "point %zu", c->scene, c->w, c->h, a, kind[a], i);
        }
    }
  ck_assert_int_eq (starts, 1);
  ck_assert_int_eq (arrows, c->arrows);
  ck_assert_int_eq (notes, c->note);
  if (c->region)
    ck_assert_int_ge (regions, 1);
  rs_plane_free (p);
  rs_sim_free (sim);
  cairo_destroy (cr);
  cairo_surface_destroy (img);
}
END_TEST

/* Labels stay put while the ball rolls: c11-autokick's plane, drawn
 * afresh (as a file is drawn, nothing kept) with the ball at its start,
 * between its kicks and at the end, places the same boxes each time:
 * the placement is made against the whole run, not the point shown. */
START_TEST (test_labels_stay)
{
  cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                     900, 600);
  cairo_t *cr = cairo_create (img);
  rs_rect r = { 0, 0, 900, 500 }, first[128], box[128];
  size_t n0 = 0, n, shown[3];
  rs_scene sc;
  rs_sim *sim;
  rs_plane *p;
  rs_error err;

  rs_draw_mark_once (cr);
  load ("c11-autokick.scene", "", &sc, &sim);
  p = rs_plane_alloc (&sc, &sc.views[0], sim, rs_sim_n_recorded (sim) - 1,
                      61, &err);
  ck_assert_msg (p != NULL, "%s", err.message);
  shown[0] = 0;
  shown[1] = point_of (sim, 40);
  shown[2] = rs_sim_n_recorded (sim) - 1;
  for (int k = 0; k < 3; k++)
    {
      rs_plane_show (p, shown[k]);
      rs_plane_draw (cr, r, p, rs_theme_light (), NULL, 1.0);
      n = rs_plane_label_boxes (p, k == 0 ? first : box, NULL, 128);
      if (k == 0)
        {
          n0 = n;
          ck_assert_uint_ge (n0, 4);
          continue;
        }
      ck_assert_uint_eq (n, n0);
      for (size_t a = 0; a < n; a++)
        ck_assert (box[a].x == first[a].x && box[a].y == first[a].y
                   && box[a].width == first[a].width
                   && box[a].height == first[a].height);
    }
  rs_plane_free (p);
  rs_sim_free (sim);
  cairo_destroy (cr);
  cairo_surface_destroy (img);
}
END_TEST

static Suite *
labels_suite (void)
{
  Suite *s = suite_create ("labels");
  TCase *tc = tcase_create ("Core");

  tcase_set_timeout (tc, 60);
  tcase_add_loop_test (tc, test_labels_apart, 0, N_CASES);
  tcase_add_test (tc, test_labels_stay);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (labels_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
