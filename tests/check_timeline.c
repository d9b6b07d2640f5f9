/* check_timeline.c: the timeline panel's axes, bands and words
 * (src/draw/panel_timeline.c, src/draw/timeline_axes.c, src/draw/timeline_marks.c).
 *
 * The timeline must not let a student read a false number: exactly 0
 * lies on a marked "= 0" band, +inf on an "∞" band, NaN is a gap, each
 * series' axis fits its own finite values, and no word covers another. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <gsl/gsl_errno.h>

#include "draw/panels.h"
#include "pixels.h"
#include "scene_load.h"

static rs_scene scene;
static rs_sim *sim;

static void
teardown (void)
{
  rs_sim_free (sim);
  sim = NULL;
}

/* The panel's context for the run, in the light theme at scale s,
 * showing its last point, or the one half-way when half. */
static rs_panel_ctx
ctx_end (double s, int half)
{
  size_t last = rs_sim_n_recorded (sim) - 1;
  rs_panel_ctx c = { &scene, sim, half ? last / 2 : last, rs_theme_light (),
                     NULL, s, NULL, NULL };

  return c;
}

/* A cairo_t on an ARGB image that holds r, the timeline drawn into r
 * unless words is NULL, else its words put into words (at most 256) and
 * their number into *n. */
static cairo_t *
timeline_in (rs_rect r, const rs_panel_ctx *c, rs_panel_label *words,
             size_t *n)
{
  cairo_surface_t *s = cairo_image_surface_create
    (CAIRO_FORMAT_ARGB32, (int) ceil (r.x + r.width) + 1,
     (int) ceil (r.y + r.height) + 1);
  cairo_t *cr = cairo_create (s);

  cairo_surface_destroy (s);
  if (words != NULL)
    *n = rs_panel_timeline_labels (cr, r, c, words, 256);
  else
    rs_panel_timeline (cr, r, c);
  return cr;
}

/* The least distance to colour c of the pixels within 1 of (x, y). */
static int
near_colour (cairo_t *cr, double x, double y, rs_rgb c)
{
  int best = 255;

  for (int dy = -1; dy <= 1; dy++)
    for (int dx = -1; dx <= 1; dx++)
      {
        int d = colour_distance (image_pixel (cairo_get_target (cr),
                                              (int) x + dx, (int) y + dy), c);
        best = d < best ? d : best;
      }
  return best;
}

/* Whether, at point i's parameters, the single neuron's z = w x + b is
 * <= 0 on every data point: then f'(z) = 0 on all of them and the
 * gradient of the loss is exactly 0 (C4), whatever the targets. */
static int
dead_everywhere (size_t i)
{
  const rs_sim_point *pt = rs_sim_recorded (sim, i);
  const rs_data *d = rs_sim_data (sim);

  for (size_t j = 0; j < d->n; j++)
    if (pt->w * d->x[j] + pt->b > 0.0)
      return 0;
  return 1;
}

/* ---- Bands ---------------------------------------------------------- */

/* c05-plateau: the neuron dies on the plateau and its gradient is exactly
 * 0 from then on.  Which points those are is decided here from w, b and
 * the data alone (dead_everywhere): the first is step 10, as the scene
 * states.  Each of them is mapped to the middle of the gradient norm's
 * "= 0" band, under the axis's lowest decade; every other point onto the
 * log axis above the band.  In the drawing, the band's middle row at
 * step 200 is the gradient norm's colour, and the axis's bottom edge
 * there is not: the line lies on the band, not on the window's least
 * value. */
START_TEST (test_zero_on_floor)
{
  rs_rect r = { 0, 0, 600, 400 }, band, inf;
  const rs_theme *t = rs_theme_light ();
  size_t first = 0, zeros = 0;
  double lo, hi, yb, x;
  rs_panel_ctx c;
  cairo_t *cr;

  load ("c05-plateau.scene", "", &scene, &sim);
  c = ctx_end (1.0, 0);
  ck_assert (rs_panel_timeline_band (r, &c, RS_TIMELINE_GNORM, 0, &band));
  ck_assert (!rs_panel_timeline_band (r, &c, RS_TIMELINE_GNORM, 1, &inf));
  ck_assert (!rs_panel_timeline_band (r, &c, RS_TIMELINE_LOSS, 0, &inf));
  ck_assert (rs_panel_timeline_window (&c, RS_TIMELINE_GNORM, &lo, &hi));
  yb = rs_panel_timeline_y (r, &c, RS_TIMELINE_GNORM, pow (10.0, lo));
  ck_assert_double_lt (yb, band.y);
  for (size_t i = 0; i < rs_sim_n_recorded (sim); i++)
    {
      const rs_sim_point *pt = rs_sim_recorded (sim, i);
      double y = rs_panel_timeline_y (r, &c, RS_TIMELINE_GNORM, pt->gnorm);
      if (dead_everywhere (i))
        {
          first = zeros++ == 0 ? pt->step : first;
          ck_assert_double_eq_tol (y, band.y + band.height / 2, 1e-9);
        }
      else
        {
          ck_assert_double_le (y, yb + 1e-9);
          ck_assert_double_gt (pt->gnorm, 0.0);
        }
    }
  ck_assert_uint_eq (first, 10);
  ck_assert_uint_eq (zeros, rs_sim_n_recorded (sim) - 10);
  cr = timeline_in (r, &c, NULL, NULL);
  x = rs_panel_timeline_x (r, &c, 200);
  ck_assert_int_le (near_colour (cr, x, band.y + band.height / 2, t->second),
                    40);
  ck_assert_int_gt (near_colour (cr, x, yb - 0.5, t->second), 60);
  cairo_destroy (cr);
}
END_TEST

/* A still of an early step: what the run does later is veiled in the
 * panel's colour, 60 % of it over the line (the blend computed here),
 * so that the curves after the step shown do not read as its values;
 * before the step shown the line is its own colour.  c05's loss is
 * constant from step 10 (the plateau), a flat line to probe. */
START_TEST (test_later_veiled)
{
  rs_rect r = { 0, 0, 600, 400 };
  const rs_theme *t = rs_theme_light ();
  const rs_sim_point *pt;
  rs_rgb veiled;
  rs_panel_ctx c;
  cairo_t *cr;
  double y;

  load ("c05-plateau.scene", "", &scene, &sim);
  c = ctx_end (1.0, 1);
  pt = rs_sim_recorded (sim, c.at);
  ck_assert_uint_gt (pt->step, 100);
  y = rs_panel_timeline_y (r, &c, RS_TIMELINE_LOSS, pt->loss);
  veiled.r = 0.4 * t->accent.r + 0.6 * t->panel.r;
  veiled.g = 0.4 * t->accent.g + 0.6 * t->panel.g;
  veiled.b = 0.4 * t->accent.b + 0.6 * t->panel.b;
  cr = timeline_in (r, &c, NULL, NULL);
  ck_assert_int_le (near_colour (cr, rs_panel_timeline_x (r, &c, 60), y,
                                 t->accent), 40);
  ck_assert_int_le (near_colour (cr, rs_panel_timeline_x (r, &c, 250), y,
                                 veiled), 40);
  ck_assert_int_gt (near_colour (cr, rs_panel_timeline_x (r, &c, 250), y,
                                 t->accent), 60);
  cairo_destroy (cr);
  /* the last step shown: nothing veiled */
  c = ctx_end (1.0, 0);
  cr = timeline_in (r, &c, NULL, NULL);
  ck_assert_int_le (near_colour (cr, rs_panel_timeline_x (r, &c, 250), y,
                                 t->accent), 40);
  cairo_destroy (cr);
}
END_TEST

/* c12-output-heads (its own run): the ReLU-normalised head gives some point
 * probability 0, so the loss is +inf at every step (the scene's claim);
 * every such point is drawn in the middle of the loss's "∞" band, none
 * at the top of a finite axis.  The loss has no finite value, so its
 * axis has no window; the gradient norm, exactly 0 from step 45 on, has
 * its "= 0" band. */
START_TEST (test_inf_band)
{
  rs_rect r = { 0, 0, 600, 400 }, band, zero;
  const rs_theme *t = rs_theme_light ();
  double lo, hi, x;
  size_t infs = 0;
  rs_panel_ctx c;
  cairo_t *cr;

  load ("c12-output-heads.scene", "", &scene, &sim);
  c = ctx_end (1.0, 0);
  ck_assert (rs_panel_timeline_band (r, &c, RS_TIMELINE_LOSS, 1, &band));
  ck_assert (rs_panel_timeline_band (r, &c, RS_TIMELINE_GNORM, 0, &zero));
  ck_assert (!rs_panel_timeline_window (&c, RS_TIMELINE_LOSS, &lo, &hi));
  ck_assert (rs_panel_timeline_window (&c, RS_TIMELINE_GNORM, &lo, &hi));
  for (size_t i = 0; i < rs_sim_n_recorded (sim); i++)
    {
      const rs_sim_point *pt = rs_sim_recorded (sim, i);
      double y = rs_panel_timeline_y (r, &c, RS_TIMELINE_LOSS, pt->loss);
      ck_assert (isinf (pt->loss) && pt->loss > 0);
      ck_assert_double_eq_tol (y, band.y + band.height / 2, 1e-9);
      infs++;
    }
  ck_assert_uint_eq (infs, rs_sim_n_recorded (sim));
  ck_assert_double_eq_tol (rs_panel_timeline_y (r, &c, RS_TIMELINE_GNORM,
                                                0.0),
                           zero.y + zero.height / 2, 1e-9);
  cr = timeline_in (r, &c, NULL, NULL);
  x = rs_panel_timeline_x (r, &c, 150);
  ck_assert_int_le (near_colour (cr, x, band.y + band.height / 2, t->accent),
                    40);
  cairo_destroy (cr);
}
END_TEST

/* A run that diverges (a Leaky ReLU network at rate 30: the loss passes
 * 1e200 and becomes NaN): NaN is a gap (no y), a loss of 1e240 lies
 * above the 24 decades the axis shows from its first value (a gap with
 * an arrow, not a line on the top edge), and the run has no +inf, so no
 * "∞" band. */
START_TEST (test_nan_gap)
{
  static const char diverge[] =
    "seed 2\ndata line 16\nnetwork 1 8 1\nactivation leaky_relu\nrate 30\n"
    "steps 40\n";
  rs_rect r = { 0, 0, 600, 400 }, band;
  size_t nans = 0;
  double lo, hi, first;
  rs_panel_ctx c;
  rs_error err;

  ck_assert_int_eq (rs_scene_parse (&scene, diverge, strlen (diverge), "t",
                                    &err), RS_OK);
  sim = rs_sim_alloc (&scene.sim, &err);
  ck_assert_ptr_nonnull (sim);
  rs_sim_run (sim);
  c = ctx_end (1.0, 0);
  first = log10 (rs_sim_recorded (sim, 0)->loss);
  ck_assert (rs_panel_timeline_window (&c, RS_TIMELINE_LOSS, &lo, &hi));
  ck_assert_double_eq_tol (hi - lo, 24.0, 1e-9);
  ck_assert_double_le (lo, first);
  ck_assert_double_ge (hi, first);
  ck_assert (isnan (rs_panel_timeline_y (r, &c, RS_TIMELINE_LOSS, 1e240)));
  ck_assert (isnan (rs_panel_timeline_y (r, &c, RS_TIMELINE_LOSS, NAN)));
  ck_assert (isnan (rs_panel_timeline_y (r, &c, RS_TIMELINE_LOSS, -1.0)));
  ck_assert (!isnan (rs_panel_timeline_y (r, &c, RS_TIMELINE_LOSS,
                                          pow (10.0, first))));
  for (size_t i = 0; i < rs_sim_n_recorded (sim); i++)
    nans += isnan (rs_sim_recorded (sim, i)->loss);
  ck_assert_uint_gt (nans, 0);
  ck_assert (!rs_panel_timeline_band (r, &c, RS_TIMELINE_LOSS, 1, &band));
}
END_TEST

/* ---- Windows -------------------------------------------------------- */

/* c11-autokick: the loss runs from 6.84 at the start to 0.1035 in the
 * valley, the gradient norm down to 1.8e-12 (and 0 on the plateau).
 * Each axis fits its own series: the loss's window holds its least and
 * greatest finite values (found here by a scan of the run) and is less
 * than a decade wider than they are at either end, so the loss fills
 * most of its axis instead of the top sixth of a window shared with the
 * gradient norm; the gradient norm's window reaches down to 1.8e-12. The
 * window's ends are drawn at the top and the foot of the loss's axis. */
START_TEST (test_window_fits)
{
  rs_rect r = { 0, 0, 600, 400 }, plot;
  double mn = INFINITY, mx = -INFINITY, gmn = INFINITY, lo, hi;
  rs_panel_ctx c;

  load ("c11-autokick.scene", "", &scene, &sim);
  for (size_t i = 0; i < rs_sim_n_recorded (sim); i++)
    {
      const rs_sim_point *pt = rs_sim_recorded (sim, i);
      mn = fmin (mn, pt->loss);
      mx = fmax (mx, pt->loss);
      if (pt->gnorm > 0.0)
        gmn = fmin (gmn, pt->gnorm);
    }
  ck_assert_double_eq_tol (mx, 6.840, 1e-3);
  ck_assert_double_eq_tol (mn, 0.1035, 1e-4);
  c = ctx_end (600.0 / 900.0, 0);
  ck_assert (rs_panel_timeline_window (&c, RS_TIMELINE_LOSS, &lo, &hi));
  ck_assert_double_le (pow (10.0, lo), mn);
  ck_assert_double_gt (pow (10.0, lo), mn / 10.0);
  ck_assert_double_ge (pow (10.0, hi), mx);
  ck_assert_double_lt (pow (10.0, hi), mx * 10.0);
  ck_assert_double_ge ((log10 (mx) - log10 (mn)) / (hi - lo), 0.8);
  ck_assert (rs_panel_timeline_window (&c, RS_TIMELINE_GNORM, &lo, &hi));
  ck_assert_double_le (pow (10.0, lo), gmn);
  ck_assert_double_gt (pow (10.0, lo), gmn / 10.0);
  plot = rs_panel_timeline_plot (r, &c);
  ck_assert (rs_panel_timeline_window (&c, RS_TIMELINE_LOSS, &lo, &hi));
  ck_assert_double_eq_tol (rs_panel_timeline_y (r, &c, RS_TIMELINE_LOSS,
                                                pow (10.0, hi)), plot.y,
                           1e-9);
  ck_assert_double_lt (rs_panel_timeline_y (r, &c, RS_TIMELINE_LOSS, mx),
                       rs_panel_timeline_y (r, &c, RS_TIMELINE_LOSS, mn));
}
END_TEST

/* ---- Words ---------------------------------------------------------- */

/* The words of the timeline of a scene in r at scale s, the point shown
 * half-way through the run or at its end, into l (at most 256); returns
 * their number.  Every box lies inside r and meets no other. */
static size_t
words_apart (const char *name, rs_rect r, double s, int half,
             rs_panel_label *l)
{
  rs_panel_ctx c;
  size_t n;

  load (name, "", &scene, &sim);
  c = ctx_end (s, half);
  cairo_destroy (timeline_in (r, &c, l, &n));
  for (size_t i = 0; i < n; i++)
    {
      rs_rect a = l[i].box;
      ck_assert_msg (a.x >= r.x - 0.5 && a.y >= r.y - 0.5
                     && a.x + a.width <= r.x + r.width + 0.5
                     && a.y + a.height <= r.y + r.height + 0.5,
                     "%s: '%s' outside the panel", name, l[i].text);
      for (size_t j = 0; j < i; j++)
        {
          rs_rect b = l[j].box;
          ck_assert_msg (!(a.x < b.x + b.width && b.x < a.x + a.width
                           && a.y < b.y + b.height && b.y < a.y + a.height),
                         "%s: '%s' overlaps '%s'", name, l[i].text,
                         l[j].text);
        }
    }
  return n;
}

/* Whether a word with text s was written (with its middle within 0.5
 * of height y, unless y is NAN); its box into *box. */
static int
has_word_at (const rs_panel_label *l, size_t n, const char *s, double y,
             rs_rect *box)
{
  for (size_t i = 0; i < n; i++)
    if (strcmp (l[i].text, s) == 0
        && (isnan (y) || fabs (l[i].box.y + l[i].box.height / 2 - y) <= 0.5))
      {
        *box = l[i].box;
        return 1;
      }
  return 0;
}

static int
has_word (const rs_panel_label *l, size_t n, const char *s, rs_rect *box)
{
  return has_word_at (l, n, s, NAN, box);
}

/* Every scene with a timeline, in a third of a 600 x 400 figure, in the
 * timeline's cell of a 900 x 600 figure and in a whole 1800 x 1200 one,
 * at the middle and the end of the run: no word of the timeline overlaps another,
 * the header's included, and each stays inside the panel. */
static const char *const scenes[] = {
  "c01-sigmoid-depth.scene", "c04-dead-neuron.scene", "c05-plateau.scene", "c08-leaky-relu.scene",
  "c10-bias-warming.scene", "c11-autokick.scene", "c11-langevin.scene",
  "c12-output-heads.scene", "net-dead.scene", "net-kick.scene",
  "net-kick-early.scene", "net-cures.scene", "play-xor.scene"
};

#define N_SCENES ((int) (sizeof scenes / sizeof scenes[0]))

START_TEST (test_words_apart)
{
  static const rs_rect sizes[3] = { { 3, 7, 300, 200 }, { 10, 5, 365, 255 },
                                    { 0, 0, 900, 600 } };
  static const double scale[3] = { 0.5, 1.0, 2.0 };
  rs_panel_label l[256];

  for (int q = 0; q < 3; q++)
    for (int half = 0; half < 2; half++)
      {
        ck_assert_uint_gt (words_apart (scenes[_i], sizes[q], scale[q], half,
                                        l), 3);
        teardown ();
      }
}
END_TEST

/* Scene name's timeline in r at scale 1, at its end, has its band (inf
 * 0: "= 0", 1: "∞") of series s with word written left of the band,
 * its middle at the band's, and the words of titles[]. */
static void
band_word (const char *name, rs_timeline_series s, int inf,
           const char *word, const char *const *titles, size_t nt)
{
  rs_rect r = { 0, 0, 365, 255 }, box, band;
  rs_panel_label l[256];
  rs_panel_ctx c;
  size_t n = words_apart (name, r, 1.0, 0, l);

  c = ctx_end (1.0, 0);
  ck_assert (rs_panel_timeline_band (r, &c, s, inf, &band));
  ck_assert_msg (has_word (l, n, word, &box), "%s: no '%s'", name, word);
  ck_assert_double_eq_tol (box.y + box.height / 2, band.y + band.height / 2,
                           0.5);
  ck_assert_double_lt (box.x + box.width, band.x);
  for (size_t q = 0; q < nt; q++)
    ck_assert_msg (has_word (l, n, titles[q], &box), "%s: no '%s'", name,
                   titles[q]);
  teardown ();
}

/* The words a student needs, at the size of the figures' timeline cell:
 * each series' title, "= 0" beside the floor band's middle (c05), "∞"
 * beside the infinite band's middle (c12), and the dead-unit strip's
 * scale: "0" at its foot, the number of units (16 in net-kick) above
 * it and under the gradient norm's axis, and the strip's title; a
 * network of sigmoid units (c01: 7 layers of 16) has none that can die
 * (sigma' > 0 everywhere), and its strip says so instead of a scale to
 * 112. */
START_TEST (test_words_needed)
{
  static const char *const titles[] = { "loss", "‖∇L‖", "dead", "step" };
  rs_rect r = { 0, 0, 365, 255 }, zero, top, plot;
  rs_panel_label l[256];
  double lo, hi;
  rs_panel_ctx c;
  size_t n;

  band_word ("c05-plateau.scene", RS_TIMELINE_GNORM, 0, "= 0", titles, 4);
  band_word ("c12-output-heads.scene", RS_TIMELINE_LOSS, 1, "∞", titles,
             4);
  n = words_apart ("net-kick.scene", r, 1.0, 0, l);
  c = ctx_end (1.0, 0);
  plot = rs_panel_timeline_plot (r, &c);
  ck_assert (has_word_at (l, n, "0", plot.y + plot.height, &zero));
  ck_assert_double_lt (zero.x + zero.width, plot.x);
  ck_assert (has_word (l, n, "16", &top));
  ck_assert_double_lt (top.y + top.height, zero.y);
  ck_assert_double_lt (top.x + top.width, plot.x);
  ck_assert (rs_panel_timeline_window (&c, RS_TIMELINE_GNORM, &lo, &hi));
  ck_assert_double_gt (top.y + top.height / 2,
                       rs_panel_timeline_y (r, &c, RS_TIMELINE_GNORM,
                                            pow (10.0, lo)));
  teardown ();
  n = words_apart ("c01-sigmoid-depth.scene", r, 1.0, 0, l);
  ck_assert (has_word (l, n, "no unit of this network can die", &top));
  ck_assert (!has_word (l, n, "112", &top));
}
END_TEST

static Suite *
timeline_suite (void)
{
  Suite *s = suite_create ("timeline");
  TCase *tb = tcase_create ("Bands");
  TCase *tw = tcase_create ("Windows");
  TCase *tx = tcase_create ("Words");

  tcase_add_checked_fixture (tb, NULL, teardown);
  tcase_add_test (tb, test_zero_on_floor);
  tcase_add_test (tb, test_later_veiled);
  tcase_add_test (tb, test_inf_band);
  tcase_add_test (tb, test_nan_gap);
  suite_add_tcase (s, tb);
  tcase_add_checked_fixture (tw, NULL, teardown);
  tcase_add_test (tw, test_window_fits);
  suite_add_tcase (s, tw);
  tcase_add_checked_fixture (tx, NULL, teardown);
  tcase_add_loop_test (tx, test_words_apart, 0, N_SCENES);
  tcase_add_test (tx, test_words_needed);
  suite_add_tcase (s, tx);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (timeline_suite ());
  int failed;

  gsl_set_error_handler_off ();
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
