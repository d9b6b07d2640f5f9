/* check_expect.c: claims ('expect' lines), 'show' and 'export ... at',
 * from text to data and their verdict against a run.
 *
 * Every expected line:col was counted by hand in the test's own text.
 * Every value a run is judged against comes from a derivation written
 * beside it, never from the program's output. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include <reluscape/reluscape.h>

/* Parse text named "t.scene"; the code, and the first error in err. */
static int
parse (rs_scene *sc, const char *text, rs_error *err)
{
  rs_error_clear (err);
  return rs_scene_parse (sc, text, strlen (text), "t.scene", err);
}

static void
parse_ok (rs_scene *sc, const char *text)
{
  rs_error err;
  char buf[800];

  ck_assert_msg (parse (sc, text, &err) == RS_OK, "%s",
                 rs_error_format (&err, buf, sizeof buf));
}

/* text fails at line:col with a message containing part. */
static void
fails_at (const char *text, int line, int col, const char *part)
{
  rs_scene sc;
  rs_error err;

  ck_assert_int_ne (parse (&sc, text, &err), RS_OK);
  ck_assert_msg (err.line == line && err.col == col,
                 "%s: error at %d:%d, expected %d:%d (%s)", text, err.line,
                 err.col, line, col, err.message);
  ck_assert_msg (strstr (err.message, part) != NULL, "'%s' lacks '%s'",
                 err.message, part);
}

/* The verdicts of sc's claims. */
static void
judge (const rs_scene *sc, rs_expect_verdict *v)
{
  rs_error err;

  ck_assert_int_eq (rs_expect_check (&sc->sim, sc->expects, sc->n_expects,
                                     v, &err), RS_OK);
}

/* The single neuron on y = 2x + 1 without noise, 24 points spread evenly
 * over [-1, 1], started dead at w = 0, b = -1: z = -1 < 0 on every point
 * (C4).  Its output is 0, so the loss is the mean of y^2 = 4 mean(x^2)
 * + 1, and mean(x^2) over n even points of [-1, 1] is
 * (n + 1) / (3 (n - 1)) = 25/69: the loss is 1 + 100/69 at every step,
 * and the gradient exactly 0. */
static const char dead_neuron[] =
  "line 2 1\n"
  "noise 0\n"
  "start 0 -1\n"
  "rate 0.3\n"
  "schedule step 4 0.5\n"
  "steps 20\n";

/* ---- Text ---- */

/* The digits written give the tolerance: half a unit of the last one. */
START_TEST (test_written_tol)
{
  ck_assert_double_eq (rs_expect_written_tol ("12"), 0.0);
  ck_assert_double_eq_tol (rs_expect_written_tol ("0.3147"), 5e-5, 1e-18);
  ck_assert_double_eq_tol (rs_expect_written_tol ("-2.445"), 5e-4, 1e-16);
  ck_assert_double_eq_tol (rs_expect_written_tol ("1.05e-4"), 5e-7, 1e-20);
  ck_assert_double_eq_tol (rs_expect_written_tol ("1e-6"), 5e-7, 1e-20);
  ck_assert_double_eq_tol (rs_expect_written_tol ("0.020"), 5e-4, 1e-16);
}
END_TEST

/* Every form of a claim, read into its fields. */
START_TEST (test_parse_forms)
{
  static const char text[] =
    "network 1 4 1\n"
    "steps 300\n"
    "expect at 9 outcome stuck\n"
    "expect end dead 12\n"
    "expect from 10 to end gnorm 0\n"
    "expect start inactive 0.5 within 0.01\n"
    "expect at 300 loss below 0.02\n"
    "expect from 5 to 7 W1[2][0] at-least -1.5\n"
    "expect at 0 alive1[3] 17\n"
    "expect end dead-units 1:0 1:3\n"
    "expect end dead-units none\n"
    "expect at 1 event kick\n"
    "expect depth sigmoid ratio 1.05e-4\n"
    "expect depth relu layer 2 0.31\n"
    "expect at 0 layer-gnorm 2 above 0\n"
    "expect end loss inf\n";
  rs_scene sc;
  const rs_expect *e = sc.expects;

  parse_ok (&sc, text);
  ck_assert_uint_eq (sc.n_expects, 14);
  ck_assert_int_eq (e[0].when, RS_EXPECT_AT);
  ck_assert_uint_eq (e[0].from, 9);
  ck_assert_str_eq (e[0].q->name, "outcome");
  ck_assert_int_eq (e[0].word, RS_SIM_STUCK);
  ck_assert_int_eq (e[0].line, 3);
  ck_assert_int_eq (e[0].col, 1);
  ck_assert_uint_eq (e[1].from, RS_EXPECT_END);
  ck_assert_double_eq (e[1].value, 12.0);
  ck_assert_double_eq (e[1].tol, 0.0);
  ck_assert_int_eq (e[2].when, RS_EXPECT_SPAN);
  ck_assert_uint_eq (e[2].from, 10);
  ck_assert_uint_eq (e[2].to, RS_EXPECT_END);
  ck_assert_uint_eq (e[3].from, 0);
  ck_assert_int_eq (e[3].has_tol, 1);
  ck_assert_double_eq (e[3].tol, 0.01);
  ck_assert_int_eq (e[4].cmp, RS_EXPECT_BELOW);
  ck_assert_str_eq (e[4].text, "0.02");
  ck_assert_str_eq (e[5].q->name, "param");
  ck_assert_str_eq (e[5].name, "W1[2][0]");
  ck_assert_int_eq (e[5].cmp, RS_EXPECT_AT_LEAST);
  ck_assert_double_eq (e[5].value, -1.5);
  ck_assert_str_eq (e[6].q->name, "alive");
  ck_assert_uint_eq (e[6].layer, 1);
  ck_assert_uint_eq (e[6].unit, 3);
  ck_assert_uint_eq (e[7].n_units, 2);
  ck_assert_uint_eq (e[7].units[1][0], 1);
  ck_assert_uint_eq (e[7].units[1][1], 3);
  ck_assert_uint_eq (e[8].n_units, 0);
  ck_assert_str_eq (rs_expect_event_names[e[9].word], "kick");
  ck_assert_int_eq (e[10].when, RS_EXPECT_DEPTH);
  ck_assert_str_eq (e[10].name, "sigmoid");
  ck_assert_uint_eq (e[10].layer, 0);
  ck_assert_uint_eq (e[11].layer, 2);
  ck_assert_uint_eq (e[12].layer, 2);
  ck_assert (isinf (e[13].value));
}
END_TEST

/* Printed and read again, every form is the same claim. */
START_TEST (test_round_trip)
{
  static const char text[] =
    "network 1 4 1\n"
    "steps 300\n"
    "show 12\n"
    "export \"a.png\" at 0\n"
    "export \"b.png\" at end\n"
    "expect at 9 outcome converged\n"
    "expect from 10 to 20 gnorm 0.00100 within 1e-3\n"
    "expect end dead-units 1:0 1:3\n"
    "expect at 2 b1[1] at-most 0.25\n"
    "expect depth tanh layer 1 0.65\n"
    "expect end event autokick\n";
  rs_scene a, b;
  char buf[4096];

  parse_ok (&a, text);
  rs_scene_format (&a, buf, sizeof buf);
  ck_assert_msg (strstr (buf, "expect from 10 to 20 gnorm 0.00100 within "
                         "0.001\n") != NULL, "%s", buf);
  ck_assert_msg (strstr (buf, "export \"b.png\" at end\n") != NULL, "%s",
                 buf);
  parse_ok (&b, buf);
  ck_assert (rs_scene_equal (&a, &b));
  b.expects[1].tol = 0.002;
  ck_assert (!rs_scene_equal (&a, &b));
}
END_TEST

/* ---- Errors, each at its place ---- */

START_TEST (test_errors)
{
  fails_at ("expect at 0 los 1\n", 1, 13, "did you mean 'loss'");
  fails_at ("expect in 3 loss 1\n", 1, 8, "unknown moment 'in'");
  fails_at ("expect at middle loss 1\n", 1, 11, "expected the claim's step");
  fails_at ("expect at 2.5 loss 1\n", 1, 11, "whole number");
  fails_at ("steps 50\nexpect at 51 loss 1\n", 2, 11,
            "step 51 is past the run's last step (steps 50)");
  fails_at ("steps 50\nexpect from 3 to 60 loss 1\n", 2, 18, "past the run");
  fails_at ("expect from 9 to 3 loss 1\n", 1, 18, "ends before it starts");
  fails_at ("show 201\n", 1, 6, "show 201 is past the run");
  fails_at ("export \"x.png\" at 300\n", 1, 19, "at 300 is past the run");
  fails_at ("expect at 0 outcome dead\n", 1, 21, "unknown outcome 'dead'");
  fails_at ("expect at 0 loss\n", 1, 17, "expected the claimed value");
  fails_at ("expect at 0 loss below 1 within 0.1\n", 1, 26,
            "'within' goes with a value");
  fails_at ("network 1 4 1\nexpect at 0 W3[0][0] 1\n", 2, 13,
            "W3[0][0]: the network has layers 1 to 2");
  fails_at ("network 1 4 1\nexpect at 0 alive1[4] 1\n", 2, 13, "alive1[4]");
  fails_at ("network 1 4 1\nexpect at 0 alive2[0] 1\n", 2, 13, "layers 1 to 1");
  fails_at ("network 1 4 1\nexpect at 0 correct 1\n", 2, 13,
            "needs a classification loss");
  fails_at ("expect at 0 p-min 1\n", 1, 13, "needs a network");
  /* "1-0" is one malformed number to the lexer (a sign glued to a
   * number is never a second one), before it can be read as a unit */
  fails_at ("expect end dead-units 1-0\n", 1, 23, "malformed number '1-0'");
  fails_at ("expect end dead-units 1.0\n", 1, 26, "':' in a unit");
  fails_at ("expect at 0 alive 3\n", 1, 13, "alive<L>[J]");
}
END_TEST

/* ---- Verdicts ---- */

/* The dead neuron: every claim from its derivation holds. */
START_TEST (test_dead_neuron_holds)
{
  char text[2048];
  rs_scene sc;
  rs_expect_verdict v[16];

  snprintf (text, sizeof text, "%s"
            "expect from 0 to end loss %.17g within 1e-14\n"
            "expect from 0 to end gnorm 0\n"
            "expect from 0 to end layer-gnorm 1 0\n"
            "expect from 0 to end w 0\n"
            "expect from 0 to end b -1\n"
            "expect from 0 to end alive1[0] 0\n"
            "expect end dead 1\n"
            "expect end dead-fraction 1\n"
            "expect start inactive 1\n"
            "expect end dead-units 1:0\n"
            "expect at 0 outcome stuck\n"
            "expect at 0 event start\n"
            "expect at 3 rate 0.3\n"
            "expect at 4 rate 0.15\n", dead_neuron, 1.0 + 100.0 / 69.0);
  parse_ok (&sc, text);
  judge (&sc, v);
  for (size_t i = 0; i < sc.n_expects; i++)
    ck_assert_msg (v[i].holds, "claim %zu false: gives %s", i, v[i].gives);
}
END_TEST

/* A false claim says what the run gives, and a span its first step where
 * the claim is false: the step schedule halves the rate at step 4. */
START_TEST (test_false_claims)
{
  char text[2048];
  rs_scene sc;
  rs_expect_verdict v[8];

  snprintf (text, sizeof text, "%s"
            "expect from 0 to end rate 0.3\n"
            "expect at 3 loss below 2\n"
            "expect end outcome converged\n"
            "expect end dead-units none\n"
            "expect at 2 event kick\n", dead_neuron);
  parse_ok (&sc, text);
  judge (&sc, v);
  ck_assert_int_eq (v[0].holds, 0);
  ck_assert_uint_eq (v[0].step, 4);
  ck_assert_double_eq_tol (v[0].got, 0.15, 1e-15);
  ck_assert_int_eq (v[1].holds, 0);
  ck_assert_uint_eq (v[1].step, 3);
  ck_assert_double_eq_tol (v[1].got, 1.0 + 100.0 / 69.0, 1e-14);
  ck_assert_str_eq (v[1].gives, "2.449");
  ck_assert_int_eq (v[2].holds, 0);
  ck_assert_str_eq (v[2].gives, "stuck");
  ck_assert_uint_eq (v[2].step, 20);
  ck_assert_int_eq (v[3].holds, 0);
  ck_assert_str_eq (v[3].gives, "1:0");
  ck_assert_int_eq (v[4].holds, 0);
  ck_assert_str_eq (v[4].gives, "no event");
}
END_TEST

/* A step recorded twice, before and after its event: a claim at the
 * step sees the state after it, a span both.  The dead neuron turns
 * Leaky ReLU of slope a = 1/2 at step 5: with z = -1, f(z) = -a and
 * f'(z) = a, so dL/db = 2a mean(-a - y) = 2a (-a - 1) = -3/2 (mean y = 1)
 * and dL/dw = 2a mean((-a - 2x - 1) x) = -4a mean(x^2) = -50/69. */
START_TEST (test_event_step)
{
  char text[2048];
  rs_scene sc;
  rs_expect_verdict v[4];

  snprintf (text, sizeof text, "%s"
            "at 5 alpha 0.5\n"
            "expect at 5 event act\n"
            "expect at 5 gnorm %.17g within 1e-12\n"
            "expect from 0 to 4 gnorm 0\n"
            "expect from 0 to 5 gnorm 0\n", dead_neuron,
            hypot (1.5, 50.0 / 69.0));
  parse_ok (&sc, text);
  judge (&sc, v);
  ck_assert_msg (v[0].holds, "event gives %s", v[0].gives);
  ck_assert_msg (v[1].holds, "gnorm gives %s", v[1].gives);
  ck_assert (v[2].holds);
  ck_assert_int_eq (v[3].holds, 0);
  ck_assert_uint_eq (v[3].step, 5);
}
END_TEST

/* The gradient at a live start, against the single neuron's closed form
 * (rs_loss_mse_grad, a second method): gnorm is |(gw, gb)| and the
 * gradient of layer 1's weights is |gw|. */
START_TEST (test_gradient_claims)
{
  static const char text[] = "line 2 1\nnoise 0\nstart 1 1\nsteps 3\n";
  rs_scene sc;
  rs_sim *s;
  rs_neuron u;
  rs_error err;
  char more[1024];
  double gw = 0, gb = 0;
  rs_expect_verdict v[4];

  parse_ok (&sc, text);
  s = rs_sim_alloc (&sc.sim, &err);
  ck_assert_ptr_nonnull (s);
  u = *rs_sim_neuron (s);
  rs_loss_mse_grad (&u, rs_sim_data (s), &gw, &gb);
  rs_sim_free (s);
  snprintf (more, sizeof more, "%sexpect at 0 gnorm %.17g within 1e-12\n"
            "expect at 0 layer-gnorm 1 %.17g within 1e-12\n", text,
            hypot (gw, gb), fabs (gw));
  parse_ok (&sc, more);
  judge (&sc, v);
  ck_assert_msg (v[0].holds, "gnorm gives %s", v[0].gives);
  ck_assert_msg (v[1].holds, "layer-gnorm gives %s", v[1].gives);
}
END_TEST

/* Biases 0 and 64 inputs symmetric about 0, none of them 0: z = w x is
 * <= 0 on exactly half the points of every unit (C6), inactive = 1/2
 * exactly and every unit active on 32 points. */
START_TEST (test_half_inactive)
{
  static const char text[] =
    "data sine 64\nnetwork 1 16 1\nbias 0\nsteps 1\n"
    "expect at 0 inactive 0.5 within 0\n"
    "expect at 0 alive-min 32\n"
    "expect at 0 alive-max 32\n";
  rs_scene sc;
  rs_expect_verdict v[3];

  parse_ok (&sc, text);
  judge (&sc, v);
  for (size_t i = 0; i < 3; i++)
    ck_assert_msg (v[i].holds, "claim %zu gives %s", i, v[i].gives);
}
END_TEST

/* All weights and biases 0: every score is 0, so softmax gives each of
 * the three classes 1/3 and a ReLU-normalised head 0/0, taken as 0: a
 * probability 0 on all 150 points (C12).  The largest score is a tie,
 * won by class 0, which 50 of the blobs' points have. */
START_TEST (test_heads)
{
  static const char soft[] =
    "seed 1\ndata blobs 150\nnetwork 2 2 3\ninit constant 0\nbias 0\n"
    "loss softmax_ce\nsteps 1\n"
    "expect at 0 p-min 0.3333333333333333\n"
    "expect at 0 p-zero 0\n"
    "expect at 0 correct 50\n";
  static const char relu[] =
    "seed 1\ndata blobs 150\nnetwork 2 2 3\ninit constant 0\nbias 0\n"
    "loss relu_norm_ce\nsteps 1\n"
    "expect at 0 p-min 0\n"
    "expect at 0 p-zero 150\n"
    "expect from 0 to 1 loss inf\n";
  rs_scene sc;
  rs_expect_verdict v[3];

  parse_ok (&sc, soft);
  judge (&sc, v);
  for (size_t i = 0; i < 3; i++)
    ck_assert_msg (v[i].holds, "softmax claim %zu gives %s", i, v[i].gives);
  parse_ok (&sc, relu);
  judge (&sc, v);
  for (size_t i = 0; i < 3; i++)
    ck_assert_msg (v[i].holds, "relu_norm claim %zu gives %s", i,
                   v[i].gives);
}
END_TEST

/* The depth claims are the experiment's means (rs_probe_depth called
 * here directly with the same options): layer 2 of a depth-3 network and
 * the ratio of layer 1 to layer 3. */
START_TEST (test_depth)
{
  rs_probe_depth_opts o;
  rs_probe_depth_result r;
  rs_error err;
  rs_scene sc;
  rs_expect_verdict v[2];
  char text[512];
  double l2, ratio;

  rs_probe_depth_default (&o);
  o.max_depth = 3;
  o.act = rs_act_sigmoid;
  ck_assert_int_eq (rs_probe_depth (&o, &r, &err), RS_OK);
  l2 = r.cell[2][1].mean;
  ratio = r.cell[2][0].mean / r.cell[2][2].mean;
  snprintf (text, sizeof text, "network 1 4 4 1\nsteps 1\n"
            "expect depth sigmoid layer 2 %.17g within 1e-12\n"
            "expect depth sigmoid ratio %.17g within 1e-12\n", l2, ratio);
  parse_ok (&sc, text);
  judge (&sc, v);
  ck_assert_msg (v[0].holds, "layer 2 gives %s", v[0].gives);
  ck_assert_msg (v[1].holds, "ratio gives %s", v[1].gives);
}
END_TEST

/* A run that diverges makes the claims after it false. */
START_TEST (test_diverged)
{
  static const char text[] =
    "data sine 64\nnetwork 1 8 1\nrate 100\nsteps 200\n"
    "expect end loss below 1\n"
    "expect end outcome diverged\n";
  rs_scene sc;
  rs_expect_verdict v[2];

  parse_ok (&sc, text);
  judge (&sc, v);
  ck_assert_int_eq (v[0].holds, 0);
  ck_assert_msg (strstr (v[0].gives, "diverged at step") != NULL, "%s",
                 v[0].gives);
}
END_TEST

/* ---- The lecturers' guide: the K key on net-dead ---- */

#ifndef RS_TOP_SRCDIR
#define RS_TOP_SRCDIR "."
#endif

/* Dead units at the end of scenes/net-dead.scene kicked as the app's K
 * key kicks (rs_sim_kick, scale 1) once it stands at step t. */
static size_t
dead_after_kick (size_t t)
{
  rs_scene sc;
  rs_error err;
  rs_sim *s;
  size_t dead;

  ck_assert_int_eq (rs_scene_load (&sc, RS_TOP_SRCDIR
                                   "/scenes/net-dead.scene", &err), RS_OK);
  s = rs_sim_alloc (&sc.sim, &err);
  ck_assert_ptr_nonnull (s);
  while (rs_sim_current (s)->step < t)
    rs_sim_iterate (s);
  rs_sim_kick (s, sc.sim.kick_sigma);
  rs_sim_run (s);
  dead = rs_sim_current (s)->dead;
  rs_sim_free (s);
  return dead;
}

/* doc/lecturers.md: a kick before step 100 (rate 0.5) ends with 15 or 16
 * of the 16 units dead; one at steps 100, 110, ..., 400 (rate 0.05) with
 * 4 to 11, fewer than the 12 of the run without a kick. */
START_TEST (test_guide_kick)
{
  for (size_t t = 5; t < 100; t += 5)
    ck_assert_uint_ge (dead_after_kick (t), 15);
  for (size_t t = 100; t <= 400; t += 10)
    {
      size_t d = dead_after_kick (t);

      ck_assert_msg (d >= 4 && d <= 11, "kick at %zu: %zu dead", t, d);
    }
}
END_TEST

static Suite *
expect_suite (void)
{
  Suite *s = suite_create ("expect");
  TCase *text = tcase_create ("Text");
  TCase *errors = tcase_create ("Errors");
  TCase *runs = tcase_create ("Runs");
  TCase *guide = tcase_create ("Guide");

  tcase_add_test (text, test_written_tol);
  tcase_add_test (text, test_parse_forms);
  tcase_add_test (text, test_round_trip);
  tcase_add_test (errors, test_errors);
  tcase_add_test (runs, test_dead_neuron_holds);
  tcase_add_test (runs, test_false_claims);
  tcase_add_test (runs, test_gradient_claims);
  tcase_add_test (runs, test_event_step);
  tcase_add_test (runs, test_half_inactive);
  tcase_add_test (runs, test_heads);
  tcase_add_test (runs, test_depth);
  tcase_add_test (runs, test_diverged);
  suite_add_tcase (s, text);
  suite_add_tcase (s, errors);
  suite_add_tcase (s, runs);
  tcase_add_test (guide, test_guide_kick);
  suite_add_tcase (s, guide);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (expect_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
