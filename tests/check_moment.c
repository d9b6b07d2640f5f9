/* check_moment.c: the panels of a morph frame show the moment the
 * landscape shows (rs_figure_panel_ctx, rs_panel_moment): before the
 * change at t = 0, after it at t = 1, t of the way in between.  The
 * expected values come from the run's recorded points (their dead
 * counts, parameters and activations) and from the hand-written forward
 * pass of a 1-16-1 network, not from the panels or the planes. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "draw/figure.h"
#include "draw/panels.h"
#include "scene_load.h"

enum { GRID = 21 };

/* The recorded point of the first change of kind ev at step. */
static size_t
change_point (const rs_sim *sim, size_t step, unsigned ev)
{
  for (size_t i = 1; i < rs_sim_n_recorded (sim); i++)
    if (rs_sim_recorded (sim, i)->step == step
        && (rs_sim_recorded (sim, i)->events & ev))
      return i;
  ck_abort_msg ("no change at step %zu", step);
  return 0;
}

/* The dead hidden units of a 1-H-1 network with parameters theta, by
 * hand: unit j is dead when z = W1[j][0] x + b1[j] <= 0 on every data
 * point. */
static size_t
dead_by_hand (const rs_sim *sim, const double *theta)
{
  const rs_net *net = rs_sim_net (sim);
  const rs_data *d = rs_sim_data (sim);
  size_t dead = 0;

  ck_assert_uint_eq (d->dim, 1);
  for (size_t j = 0; j < rs_net_units (net, 1); j++)
    {
      double w = theta[rs_net_w_index (net, 1, j, 0)];
      double b = theta[rs_net_b_index (net, 1, j)];
      int alive = 0;

      for (size_t i = 0; i < d->n; i++)
        alive |= w * d->x[i] + b > 0.0;
      dead += !alive;
    }
  return dead;
}

/* net-kick's kick at step 300 (render --at 300 --morph t): the network
 * panel's dead count is the run's count before the kick at t = 0 (12,
 * recorded at point k - 1, and by hand from its parameters), after it
 * at t = 1 (5), and at t = 1/2 that of the parameters half-way, as the
 * landscape's ball; the timeline and the header show point k - 1 at
 * t = 0 (ctx.at), the point itself once settled. */
START_TEST (test_kick_network_panel)
{
  rs_scene sc;
  rs_sim *sim;
  rs_figure *f;
  rs_error err;
  rs_panel_ctx ctx;
  size_t k, at, dead, units, np;
  const double *a, *b;
  double *mid;

  load ("net-kick.scene", "", &sc, &sim);
  k = change_point (sim, 300, RS_EVENT_KICK);
  at = point_of (sim, 300);
  a = rs_sim_theta (sim, k - 1);
  b = rs_sim_theta (sim, k);
  f = rs_figure_alloc (&sc, sim, at, GRID, &err);
  ck_assert_msg (f != NULL, "%s", err.message);

  ck_assert_int_eq (rs_figure_morph (f, 0.0, &err), RS_OK);
  rs_figure_panel_ctx (f, &ctx);
  ck_assert_int_eq (rs_panel_network_dead (&ctx, &dead, &units), RS_OK);
  ck_assert_uint_eq (units, 16);
  ck_assert_uint_eq (dead, rs_sim_recorded (sim, k - 1)->dead);
  ck_assert_uint_eq (dead, dead_by_hand (sim, a));
  ck_assert_uint_eq (dead, 12);   /* the scene's claim: expect at 299 */
  ck_assert_ptr_nonnull (ctx.moment);
  ck_assert_uint_eq (ctx.at, k - 1);

  np = rs_net_nparams (rs_sim_net (sim));
  mid = malloc (np * sizeof *mid);
  ck_assert_ptr_nonnull (mid);
  for (size_t q = 0; q < np; q++)
    mid[q] = 0.5 * (a[q] + b[q]);
  ck_assert_int_eq (rs_figure_morph (f, 0.5, &err), RS_OK);
  rs_figure_panel_ctx (f, &ctx);
  ck_assert_uint_eq (ctx.at, at);
  ck_assert_int_eq (rs_panel_network_dead (&ctx, &dead, &units), RS_OK);
  ck_assert_uint_eq (dead, dead_by_hand (sim, mid));
  ck_assert_uint_ne (dead, rs_sim_recorded (sim, k - 1)->dead);
  ck_assert_uint_ne (dead, rs_sim_recorded (sim, k)->dead);

  ck_assert_int_eq (rs_figure_morph (f, 1.0, &err), RS_OK);
  rs_figure_panel_ctx (f, &ctx);
  ck_assert_ptr_null (ctx.moment);
  ck_assert_uint_eq (ctx.at, at);
  ck_assert_int_eq (rs_panel_network_dead (&ctx, &dead, &units), RS_OK);
  ck_assert_uint_eq (dead, rs_sim_recorded (sim, k)->dead);
  ck_assert_uint_eq (dead, dead_by_hand (sim, b));
  free (mid);
  rs_figure_free (f);
  rs_sim_free (sim);
}
END_TEST

/* The frames the app and animations draw (rs_figure_play, the same code
 * path): at t = 0 of the kick the panels show point k - 1, and showing
 * another point settles them. */
START_TEST (test_kick_play_and_show)
{
  rs_scene sc;
  rs_sim *sim;
  rs_figure *f;
  rs_error err;
  rs_panel_ctx ctx;
  size_t k, dead, units;

  load ("net-kick.scene", "", &sc, &sim);
  k = change_point (sim, 300, RS_EVENT_KICK);
  f = rs_figure_alloc (&sc, sim, point_of (sim, 200), GRID, &err);
  ck_assert_msg (f != NULL, "%s", err.message);
  ck_assert_int_eq (rs_figure_play (f, point_of (sim, 300), 0.0, &err),
                    RS_OK);
  rs_figure_panel_ctx (f, &ctx);
  ck_assert_uint_eq (ctx.at, k - 1);
  ck_assert_int_eq (rs_panel_network_dead (&ctx, &dead, &units), RS_OK);
  ck_assert_uint_eq (dead, rs_sim_recorded (sim, k - 1)->dead);
  rs_figure_show (f, point_of (sim, 400));
  rs_figure_panel_ctx (f, &ctx);
  ck_assert_ptr_null (ctx.moment);
  ck_assert_uint_eq (ctx.at, point_of (sim, 400));
  rs_figure_free (f);
  rs_sim_free (sim);
}
END_TEST

/* c08's switch to Leaky ReLU at step 50: the activation panel draws
 * the activation recorded before the switch (ReLU) at t = 0, alpha
 * t of the way from 0 to 0.01 in between (the morph of rs_figure_morph:
 * each alpha linearly from its old value to its new one, the landscape's
 * "plateau tilting: alpha"), the recorded one after at t = 1; the
 * neuron panel's dead count is the one recorded before (1) at t = 0 and
 * after (0) at t = 1. */
START_TEST (test_switch_activation_panel)
{
  static const double ts[] = { 0.0, 0.25, 0.5, 1.0 };
  rs_scene sc;
  rs_sim *sim;
  rs_figure *f;
  rs_error err;
  rs_panel_ctx ctx;
  rs_net *before, *after;
  const rs_act_type *t;
  double par, al0, al1;
  size_t c, dead, units;

  load ("c08-leaky-relu.scene", "", &sc, &sim);
  c = change_point (sim, 50, RS_EVENT_ACT);
  before = rs_net_clone (rs_sim_net (sim), NULL);
  after = rs_net_clone (rs_sim_net (sim), NULL);
  ck_assert_int_eq (rs_sim_net_at (sim, c - 1, before, 0), RS_OK);
  ck_assert_int_eq (rs_sim_net_at (sim, c, after, 0), RS_OK);
  ck_assert_ptr_eq (rs_net_get_spec (before)->act[0], rs_act_relu);
  ck_assert_ptr_eq (rs_net_get_spec (after)->act[0], rs_act_leaky_relu);
  al0 = 0.0;                                  /* ReLU's alpha */
  al1 = rs_net_get_spec (after)->param[0];    /* 0.01 */
  f = rs_figure_alloc (&sc, sim, point_of (sim, 50), GRID, &err);
  ck_assert_msg (f != NULL, "%s", err.message);
  ck_assert_uint_eq (rs_figure_change (f), RS_EVENT_ACT);
  for (size_t q = 0; q < sizeof ts / sizeof ts[0]; q++)
    {
      ck_assert_int_eq (rs_figure_morph (f, ts[q], &err), RS_OK);
      rs_figure_panel_ctx (f, &ctx);
      ck_assert_int_eq (rs_panel_activation_of (&ctx, &t, &par), RS_OK);
      if (ts[q] == 0.0)
        {
          ck_assert_ptr_eq (t, rs_act_relu);
          ck_assert_uint_eq (ctx.at, c - 1);
        }
      else
        {
          ck_assert_ptr_eq (t, rs_act_leaky_relu);
          ck_assert_double_eq_tol (par, al0 + ts[q] * (al1 - al0), 1e-15);
        }
      ck_assert_int_eq (rs_panel_network_dead (&ctx, &dead, &units), RS_OK);
      if (ts[q] == 0.0)
        ck_assert_uint_eq (dead, rs_sim_recorded (sim, c - 1)->dead);
      if (ts[q] == 1.0)
        ck_assert_uint_eq (dead, rs_sim_recorded (sim, c)->dead);
    }
  ck_assert_uint_eq (rs_sim_recorded (sim, c - 1)->dead, 1);
  ck_assert_uint_eq (rs_sim_recorded (sim, c)->dead, 0);
  rs_net_free (before);
  rs_net_free (after);
  rs_figure_free (f);
  rs_sim_free (sim);
}
END_TEST

/* c08 drawn at step 120 with --morph 0: the landscape is point 120's
 * surface under the activation before the switch at step 50, so the
 * activation panel draws ReLU (the activation recorded before the
 * switch) while the panels stay at point 120 (no recorded point holds
 * that state); half-way, alpha 0.005 (0 + 0.5 * 0.01). */
START_TEST (test_switch_drawn_later)
{
  rs_scene sc;
  rs_sim *sim;
  rs_figure *f;
  rs_error err;
  rs_panel_ctx ctx;
  const rs_act_type *t;
  double par;
  size_t at;

  load ("c08-leaky-relu.scene", "", &sc, &sim);
  at = point_of (sim, 120);
  f = rs_figure_alloc (&sc, sim, at, GRID, &err);
  ck_assert_msg (f != NULL, "%s", err.message);
  ck_assert_uint_eq (rs_figure_change (f), RS_EVENT_ACT);
  ck_assert_int_eq (rs_figure_morph (f, 0.0, &err), RS_OK);
  rs_figure_panel_ctx (f, &ctx);
  ck_assert_ptr_nonnull (ctx.moment);
  ck_assert_uint_eq (ctx.at, at);
  ck_assert_int_eq (rs_panel_activation_of (&ctx, &t, &par), RS_OK);
  ck_assert_ptr_eq (t, rs_act_relu);
  ck_assert_int_eq (rs_figure_morph (f, 0.5, &err), RS_OK);
  rs_figure_panel_ctx (f, &ctx);
  ck_assert_int_eq (rs_panel_activation_of (&ctx, &t, &par), RS_OK);
  ck_assert_ptr_eq (t, rs_act_leaky_relu);
  ck_assert_double_eq_tol (par, 0.005, 1e-15);
  rs_figure_free (f);
  rs_sim_free (sim);
}
END_TEST

static Suite *
moment_suite (void)
{
  Suite *s = suite_create ("moment");
  TCase *tc = tcase_create ("core");

  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_kick_network_panel);
  tcase_add_test (tc, test_kick_play_and_show);
  tcase_add_test (tc, test_switch_activation_panel);
  tcase_add_test (tc, test_switch_drawn_later);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (moment_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
