/* check_ref.c: each panel against a reference image, as cairo's own test
 * suite does.
 *
 * A panel is drawn alone, as the one view of a 300 x 200 figure of a
 * fixed scene in DejaVu Sans, and compared pixel by pixel with
 * tests/ref/NAME.png, images that were looked at and found right, with
 * the fonts of tests/ref/fonts.conf (DejaVu alone).  The
 * tolerance: a pixel differs when one of its channels is more than 8
 * levels (of 255) away from the reference's; the test fails when more
 * than 0.5 % of the pixels differ (text antialiasing may move by a level
 * between font builds, a drawing error moves hundreds of pixels by far
 * more).  On a failure the image drawn and a map of the differing pixels
 * are written beside the test (ref-NAME.out.png, ref-NAME.diff.png).
 * RS_REF_UPDATE=DIR writes every image drawn into DIR instead, to make
 * new references. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "draw/figure.h"
#include "pixels.h"

#define REF_W 300
#define REF_H 200
#define TOLERANCE 8
#define MAX_DIFFERENT 0.005

typedef struct {
  const char *name;       /* tests/ref/NAME.png */
  const char *scene;      /* scenes/SCENE */
  const char *view;       /* the one view */
} ref_case;

static const ref_case cases[] = {
  { "landscape", "c05-plateau.scene", "view landscape grid 40" },
  { "landscape-3d", "c05-plateau.scene", "view landscape 3d grid 30" },
  { "landscape-net", "c04-dead-neuron.scene",
    "view landscape over W1[2][0] b1[2] range [-2, 2] [-2, 1] grid 30" },
  { "basin", "c05-plateau.scene", "view basin grid 16" },
  { "activation", "c03-kink.scene", "view activation" },
  { "network", "net-dead.scene", "view network" },
  { "timeline", "c11-autokick.scene", "view timeline" },
  { "histogram", "c06-half-inactive.scene", "view histogram" },
  { "depth", "c01-sigmoid-depth.scene", "view depth" },
  { "heads", "c12-output-heads.scene", "view heads" },
  { "data", "net-dead.scene", "view data" },
  { "data-2d", "play-xor.scene", "view data" },
};

#define N_CASES (sizeof cases / sizeof cases[0])

/* The scene of c with its views replaced by c's one view, in DejaVu Sans
 * at 7 pt, run to its end. */
static rs_sim *
make_run (const ref_case *c, rs_scene *sc)
{
  char path[4096], *text, *all;
  const char *look = "font \"DejaVu Sans\" 7\nsize 300x200\n";
  size_t len, k = 0;
  rs_error err;
  rs_sim *sim;

  snprintf (path, sizeof path, "%s/scenes/%s", RS_TOP_SRCDIR, c->scene);
  ck_assert_int_eq (rs_scene_read (path, &text, &len, &err), RS_OK);
  all = malloc (len + strlen (c->view) + strlen (look) + 4);
  ck_assert_ptr_nonnull (all);
  /* the scene's own view lines are left out */
  for (const char *line = text; *line != '\0';)
    {
      size_t n = strcspn (line, "\n");

      if (strncmp (line, "view ", 5) != 0 && strncmp (line, "layout ", 7))
        {
          memcpy (all + k, line, n);
          k += n;
          all[k++] = '\n';
        }
      line += n + (line[n] == '\n');
    }
  k += (size_t) sprintf (all + k, "%s\n%s", c->view, look);
  ck_assert_msg (rs_scene_parse (sc, all, k, path, &err) == RS_OK, "%s: %s",
                 c->name, err.message);
  free (all);
  free (text);
  sim = rs_sim_alloc (&sc->sim, &err);
  ck_assert_ptr_nonnull (sim);
  rs_sim_run (sim);
  return sim;
}

START_TEST (test_panel_matches_reference)
{
  const ref_case *c = &cases[_i];
  const char *update = getenv ("RS_REF_UPDATE");
  cairo_surface_t *img, *ref, *diff;
  char path[4096];
  rs_scene sc;
  rs_sim *sim = make_run (c, &sc);
  rs_figure *f;
  rs_error err;
  cairo_t *cr;
  size_t different = 0;

  f = rs_figure_alloc (&sc, sim, (size_t) -1, 24, &err);
  ck_assert_msg (f != NULL, "%s: %s", c->name, err.message);
  img = cairo_image_surface_create (CAIRO_FORMAT_RGB24, REF_W, REF_H);
  cr = cairo_create (img);
  rs_figure_draw (cr, REF_W, REF_H, f);
  ck_assert_int_eq (cairo_status (cr), CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (img);
  if (update != NULL)
    {
      snprintf (path, sizeof path, "%s/%s.png", update, c->name);
      ck_assert_int_eq (cairo_surface_write_to_png (img, path),
                        CAIRO_STATUS_SUCCESS);
    }
  else
    {
      snprintf (path, sizeof path, "%s/tests/ref/%s.png", RS_TOP_SRCDIR,
                c->name);
      ref = cairo_image_surface_create_from_png (path);
      ck_assert_msg (cairo_surface_status (ref) == CAIRO_STATUS_SUCCESS,
                     "%s: cannot read", path);
      ck_assert_int_eq (cairo_image_surface_get_width (ref), REF_W);
      ck_assert_int_eq (cairo_image_surface_get_height (ref), REF_H);
      diff = cairo_image_surface_create (CAIRO_FORMAT_RGB24, REF_W, REF_H);
      different = pixels_apart (img, ref, TOLERANCE, diff);
      if (different > MAX_DIFFERENT * REF_W * REF_H)
        {
          snprintf (path, sizeof path, "ref-%s.out.png", c->name);
          cairo_surface_write_to_png (img, path);
          snprintf (path, sizeof path, "ref-%s.diff.png", c->name);
          cairo_surface_write_to_png (diff, path);
        }
      cairo_surface_destroy (diff);
      cairo_surface_destroy (ref);
      ck_assert_msg (different <= MAX_DIFFERENT * REF_W * REF_H,
                     "%s: %zu of %d pixels differ by more than %d (see "
                     "ref-%s.diff.png)", c->name, different, REF_W * REF_H,
                     TOLERANCE, c->name);
    }
  cairo_surface_destroy (img);
  rs_figure_free (f);
  rs_sim_free (sim);
}
END_TEST

/* The comparison itself can fail: a reference against a copy of itself
 * with a 20 x 20 square painted over it (400 pixels, 0.67 %) is out. */
START_TEST (test_comparison_catches_a_square)
{
  char path[4096];
  cairo_surface_t *ref, *copy;
  cairo_t *cr;
  size_t different = 0;

  snprintf (path, sizeof path, "%s/tests/ref/network.png", RS_TOP_SRCDIR);
  ref = cairo_image_surface_create_from_png (path);
  ck_assert_int_eq (cairo_surface_status (ref), CAIRO_STATUS_SUCCESS);
  copy = cairo_image_surface_create (CAIRO_FORMAT_RGB24, REF_W, REF_H);
  cr = cairo_create (copy);
  cairo_set_source_surface (cr, ref, 0, 0);
  cairo_paint (cr);
  cairo_rectangle (cr, 150, 100, 20, 20);
  cairo_set_source_rgb (cr, 1, 0, 1);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_flush (copy);
  different = pixels_apart (copy, ref, TOLERANCE, NULL);
  ck_assert_uint_gt (different, MAX_DIFFERENT * REF_W * REF_H);
  cairo_surface_destroy (copy);
  cairo_surface_destroy (ref);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("ref");
  TCase *tc = tcase_create ("Panels");
  SRunner *sr;
  int failed;

  /* DejaVu alone, whatever else the machine has */
  setenv ("FONTCONFIG_FILE", RS_TOP_SRCDIR "/tests/ref/fonts.conf", 1);
  tcase_set_timeout (tc, 120);
  tcase_add_loop_test (tc, test_panel_matches_reference, 0, (int) N_CASES);
  if (getenv ("RS_REF_UPDATE") == NULL)
    tcase_add_test (tc, test_comparison_catches_a_square);
  suite_add_tcase (s, tc);
  sr = srunner_create (s);
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
