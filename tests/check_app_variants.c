/* check_app_variants.c: a scene with variants in the app shows every
 * run in its figure at the step shown, as `reluscape render --at N`
 * draws it.
 *
 * The expected runs are made apart from the app, the way render makes
 * them (cli_runs_make: each variant from its start to its end), and
 * compared with the runs the app's figure draws, point by point at the
 * step the app shows. */
#include <config.h>

#include "app_util.h"

#define WIN_W 960
#define WIN_H 600

/* Every run the app's figure draws has, at the step it shows, the point
 * render's run of the same variant has there: same step, same loss,
 * same dead units (a run is deterministic: same scene, same start).
 * From run `from` on (1: the variants other than the app's own run). */
static void
same_as_render (const rs_app *a, const rs_runs *ref, size_t from)
{
  const rs_runs *r = rs_app_runs (a);
  size_t n = steps (a);

  ck_assert_ptr_nonnull (r);
  ck_assert_uint_eq (r->n, ref->n);
  ck_assert_ptr_eq (r->sim[0], rs_app_sim (a));
  for (size_t k = from; k < r->n; k++)
    {
      const rs_sim_point *p = rs_sim_recorded (r->sim[k],
                                               rs_runs_point_at (r->sim[k],
                                                                 n));
      const rs_sim_point *q = rs_sim_recorded (ref->sim[k],
                                               rs_runs_point_at (ref->sim[k],
                                                                 n));

      ck_assert_str_eq (r->name[k], ref->name[k]);
      ck_assert_uint_eq (p->step, q->step);
      ck_assert_double_eq (p->loss, q->loss);
      ck_assert_uint_eq (p->dead, q->dead);
    }
}

/* An app on scene file `name`, played for `n` frames of 1/60 s and
 * paused. */
static rs_app *
variant_app (const char *name, rs_scene *sc, int n)
{
  rs_app_options o;
  rs_app *a;

  load_scene_file (name, sc);
  rs_app_options_default (&o);
  o.width = WIN_W;
  o.height = WIN_H;
  o.fixed_step = 1;
  a = app_new (sc, &o);
  frames (a, n, 1.0 / 60.0);
  press (a, SDLK_SPACE);
  rs_app_wait_landscape (a);
  return a;
}

/* C3 (three kink conventions) and C7 (weight decay or not), played a
 * while: the figure's runs are render's at the step shown, the first
 * the app's own; and going back a step keeps them so. */
START_TEST (test_runs_match_render)
{
  static const char *const names[] = { "c03-kink.scene",
                                       "c07-weight-decay.scene" };
  rs_scene sc;
  rs_runs ref;
  rs_app *a = variant_app (names[_i], &sc, 200);

  ck_assert_int_eq (cli_runs_make (&ref, &sc, names[_i], "test"), CLI_OK);
  ck_assert_uint_ge (ref.n, 2);
  ck_assert_uint_gt (steps (a), 0);
  same_as_render (a, &ref, 0);
  press (a, SDLK_COMMA);
  rs_app_wait_landscape (a);
  same_as_render (a, &ref, 0);
  rs_runs_free (&ref);
  rs_app_free (a);
}
END_TEST

/* A change made with a key (K, a kick) is the first run's only: a toast
 * says that the other variants keep their runs, and they still are
 * render's, while the first run now differs from its variant's. */
START_TEST (test_change_leaves_variants)
{
  rs_scene sc;
  rs_runs ref;
  rs_app *a = variant_app ("c07-weight-decay.scene", &sc, 120);

  ck_assert_int_eq (cli_runs_make (&ref, &sc, "c07", "test"), CLI_OK);
  press (a, SDLK_k);
  rs_app_wait_landscape (a);
  ck_assert_ptr_nonnull (strstr (rs_app_toast (a),
                                 "the other variants keep their own runs"));
  press (a, SDLK_PERIOD);
  rs_app_wait_landscape (a);
  same_as_render (a, &ref, 1);
  rs_runs_free (&ref);
  rs_app_free (a);
}
END_TEST

/* A scene without variants gives its figure no runs. */
START_TEST (test_no_variants)
{
  rs_app_options o;
  rs_scene sc;
  rs_app *a;

  load_scene (&sc);
  rs_app_options_default (&o);
  o.width = WIN_W;
  o.height = WIN_H;
  o.fixed_step = 1;
  a = app_new (&sc, &o);
  ck_assert_ptr_null (rs_app_runs (a));
  rs_app_free (a);
}
END_TEST

static Suite *
app_variants_suite (void)
{
  Suite *s = suite_create ("app_variants");
  TCase *tc = tcase_create ("core");

  tcase_set_timeout (tc, 120);
  tcase_add_loop_test (tc, test_runs_match_render, 0, 2);
  tcase_add_test (tc, test_change_leaves_variants);
  tcase_add_test (tc, test_no_variants);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return app_tests_run (app_variants_suite ());
}
