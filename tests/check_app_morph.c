/* check_app_morph.c: a scene's own changes morph in the app as they do
 * in animations, under SDL's dummy video driver: when playback reaches
 * the change of activation a scene recorded (scenes/c08-leaky-relu.scene,
 * Leaky ReLU at step 50), and when K kicks a network
 * (scenes/net-kick.scene), the window plays the one-second morph, the
 * ball waiting at the change's point.
 *
 * Expected values come from the figure code called directly on a run
 * made here (rs_figure_alloc and rs_figure_morph at the same t: what
 * `render -o x.gif` draws), not through the app's jobs, and from the
 * recorded points before and after the kick. */
#include <config.h>

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include <cairo.h>
#include <check.h>

#include "app/app.h"
#include "app/app_private.h"
#include "app_pixels.h"
#include "app_util.h"
#include "draw/figure.h"

/* The morph's frames: 12 over a second, each 61 grid points a side
 * (app_private.h, app_jobs.c). */
#define FRAMES 12
#define GRID 61

/* The first recorded point of sim with any of the events. */
static size_t
first_event (const rs_sim *sim, unsigned events)
{
  for (size_t i = 0; i < rs_sim_n_recorded (sim); i++)
    if (rs_sim_recorded (sim, i)->events & events)
      return i;
  ck_abort_msg ("no such event");
  return 0;
}

/* The window against sc's figure of sim through point at, morphed to t,
 * in the box of half-side r around (x, y). */
static size_t
box_vs_morph (const uint32_t *px, const rs_app *a, const rs_scene *sc,
              const rs_sim *sim, size_t at, double t, int x, int y, int r)
{
  rs_figure *f = rs_figure_alloc (sc, sim, at, GRID, NULL);
  size_t n;

  ck_assert_ptr_nonnull (f);
  ck_assert_int_eq (rs_figure_morph (f, t, NULL), RS_OK);
  n = box_differs_fig (px, a, f, x, y, r);
  rs_figure_free (f);
  return n;
}

/* c08 played through step 50: there the ball waits while the plateau
 * tilts; half a second in, the window around the ball is the figure of
 * the change's point at that frame's t, drawn by the figure code on the
 * scene's own run (made here), and differs from t = 0 (the flat plateau)
 * and t = 1 (the tilted surface).  A second later the play goes on. */
START_TEST (test_c08_plays_morph)
{
  rs_scene sc;
  rs_sim *ref;
  rs_app *a;
  rs_error err;
  uint32_t *px;
  int w, h, x, y, k;
  size_t c;
  double t;

  load_scene_file ("c08-leaky-relu.scene", &sc);
  ref = rs_sim_alloc (&sc.sim, NULL);
  ck_assert_ptr_nonnull (ref);
  rs_sim_run (ref);
  c = first_event (ref, RS_EVENT_ACT);
  ck_assert_int_eq (rs_sim_recorded (ref, c)->step, 50);
  a = app_fixed (&sc, &w, &h, &px);
  ck_assert_int_eq (rs_sim_n_recorded (rs_app_sim (a)),
                    rs_sim_n_recorded (ref));
  for (int n = 0; n < 2000 && rs_app_shown (a) < c; n++)
    frames (a, 1, 1.0 / 60.0);
  ck_assert_int_eq (rs_app_shown (a), c);
  ck_assert (rs_app_morph (a) >= 0.0 && rs_app_morph (a) < 1.0 / FRAMES);
  /* half a second on, the ball still at the change */
  frames (a, 32, 1.0 / 60.0);
  ck_assert_int_eq (rs_app_shown (a), c);
  t = rs_app_morph (a);
  k = (int) floor (t * FRAMES);
  ck_assert_int_eq (k, 6);
  ck_assert_int_eq (rs_app_render (a, &err), 0);
  ck_assert_int_eq (rs_app_read_pixels (a, px, 4 * w, &err), 0);
  rs_app_pixel_of (a, rs_sim_recorded (ref, c)->w,
                   rs_sim_recorded (ref, c)->b, &x, &y);
  ck_assert_uint_le (box_vs_morph (px, a, &sc, ref, c,
                                   (double) k / FRAMES, x, y, 40), 40);
  ck_assert_uint_gt (box_vs_morph (px, a, &sc, ref, c, 0.0, x, y, 40),
                     200);
  ck_assert_uint_gt (box_vs_morph (px, a, &sc, ref, c, 1.0, x, y, 40),
                     200);
  /* the morph ends after its second, and the ball goes on */
  frames (a, 40, 1.0 / 60.0);
  ck_assert_double_eq (rs_app_morph (a), -1.0);
  ck_assert_int_gt (rs_app_shown (a), c);
  free (px);
  rs_sim_free (ref);
  rs_app_free (a);
}
END_TEST

/* K on net-kick at point 290: the kick is point 291 of the new run, the
 * point before it the parameters before the kick.  Half a second into
 * the morph, the ball drawn on the landscape (over the focus unit's
 * weight and bias) lies on the line from the point before the kick to
 * the kick's point, about half of the way, and the window around it is
 * the figure code's morph of the same run at that frame's t. */
START_TEST (test_kick_plays_morph)
{
  rs_scene sc;
  rs_app *a;
  rs_error err;
  const rs_sim *sim;
  uint32_t *px;
  rs_figure *f;
  int w, h, fw, fh, x, y, k;
  size_t c;
  double x0, y0, x1, y1;
  double dx, dy, len2, s, off;

  load_scene_file ("net-kick.scene", &sc);
  a = app_fixed (&sc, &w, &h, &px);
  /* 14.5 s at 20 points a second: point 290, before the scene's own
     kick */
  frames (a, 870, 1.0 / 60.0);
  press (a, SDLK_SPACE);
  ck_assert_int_eq (rs_app_shown (a), 290);
  press (a, SDLK_k);
  rs_app_wait_landscape (a);
  sim = rs_app_sim (a);
  c = rs_app_shown (a);
  ck_assert_int_eq (c, 291);
  ck_assert (rs_sim_recorded (sim, c)->events & RS_EVENT_KICK);
  ck_assert (rs_app_morph (a) >= 0.0 && rs_app_morph (a) < 1.0 / FRAMES);
  /* paused, the morph plays on (its clock is the window's) */
  frames (a, 32, 1.0 / 60.0);
  k = (int) floor (rs_app_morph (a) * FRAMES);
  ck_assert_int_eq (k, 6);
  ck_assert_int_eq (rs_app_render (a, &err), 0);
  ck_assert_int_eq (rs_app_read_pixels (a, px, 4 * w, &err), 0);
  ck_assert (rs_app_ball_drawn (a, &x, &y));
  /* the points before and after the kick, where the figure code puts
     them at this size */
  f = rs_figure_alloc (&sc, sim, c, GRID, NULL);
  ck_assert_ptr_nonnull (f);
  rs_app_figure_size (a, &fw, &fh);
  rs_figure_show (f, c - 1);
  ck_assert (rs_figure_ball (f, 0, fw, fh, &x0, &y0));
  rs_figure_show (f, c);
  ck_assert (rs_figure_ball (f, 0, fw, fh, &x1, &y1));
  rs_figure_free (f);
  /* the kick moves the ball visibly on the plane */
  dx = x1 - x0;
  dy = y1 - y0;
  len2 = dx * dx + dy * dy;
  ck_assert_msg (len2 > 20.0 * 20.0, "kick of %g px", sqrt (len2));
  ck_assert (x >= 0 && y >= 0 && x < w && y < h);
  /* where the ball is along the kick (s) and how far off its line */
  s = ((x - x0) * dx + (y - y0) * dy) / len2;
  off = fabs ((x - x0) * dy - (y - y0) * dx) / sqrt (len2);
  ck_assert_msg (s > 0.4 && s < 0.6, "at %g of the kick", s);
  ck_assert_msg (off < 2.0, "%g px off the kick's line", off);
  ck_assert_uint_le (box_vs_morph (px, a, &sc, sim, c,
                                   (double) k / FRAMES, x, y, 30), 30);
  ck_assert_uint_gt (box_vs_morph (px, a, &sc, sim, c, 1.0, x, y, 30),
                     30);
  free (px);
  rs_app_free (a);
}
END_TEST

/* The HUD while K's morph plays on net-kick at point 290: its first line
 * ends saying which moment the figure shows: before the kick in the
 * first frame (t = 0 of 12: the figure then shows the recorded point
 * before the kick), half of the way in the seventh (t = 6/12); nothing
 * once the morph is over. */
START_TEST (test_kick_hud_moment)
{
  rs_scene sc;
  rs_app *a;
  rs_error err;
  const rs_sim *sim;
  rs_panel_ctx ctx;
  uint32_t *px;
  int w, h;
  size_t c;
  char hud[2048];

  load_scene_file ("net-kick.scene", &sc);
  a = app_fixed (&sc, &w, &h, &px);
  frames (a, 870, 1.0 / 60.0);
  press (a, SDLK_SPACE);
  press (a, SDLK_k);
  rs_app_wait_landscape (a);
  sim = rs_app_sim (a);
  c = rs_app_shown (a);
  ck_assert (rs_sim_recorded (sim, c)->events & RS_EVENT_KICK);
  ck_assert_int_eq (rs_app_render (a, &err), 0);
  snprintf (hud, sizeof hud, "step 290\nloss");
  app_hud_moment (a, hud, sizeof hud);
  ck_assert_str_eq (hud, "step 290 · <b>figure: before the kick</b>\nloss");
  /* what the figure shows then: the recorded point before the kick */
  rs_figure_panel_ctx (app_figure_drawn (a), &ctx);
  ck_assert_uint_eq (ctx.at, c - 1);
  frames (a, 32, 1.0 / 60.0);
  ck_assert_int_eq ((int) floor (rs_app_morph (a) * FRAMES), 6);
  ck_assert_int_eq (rs_app_render (a, &err), 0);
  snprintf (hud, sizeof hud, "step 290");
  app_hud_moment (a, hud, sizeof hud);
  ck_assert_str_eq (hud, "step 290 · <b>figure: 50 % into the kick</b>");
  frames (a, 60, 1.0 / 60.0);
  ck_assert_double_eq (rs_app_morph (a), -1.0);
  snprintf (hud, sizeof hud, "step");
  app_hud_moment (a, hud, sizeof hud);
  ck_assert_str_eq (hud, "step");
  free (px);
  rs_app_free (a);
}
END_TEST

static Suite *
morph_suite (void)
{
  Suite *s = suite_create ("app morph");
  TCase *tc = tcase_create ("Morph");

  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_c08_plays_morph);
  tcase_add_test (tc, test_kick_plays_morph);
  tcase_add_test (tc, test_kick_hud_moment);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return app_tests_run (morph_suite ());
}
