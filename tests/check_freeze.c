/* check_freeze.c: frozen parameters ('freeze' in a scene): the name
 * patterns, every optimiser's first step against a hand step with the
 * frozen entries unchanged, and decay, kicks and Langevin noise over a
 * whole run leaving them as they were. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include <reluscape/reluscape.h>

/* Names against patterns: '*' is one or more digits, all else literal. */
START_TEST (test_match)
{
  ck_assert (rs_net_param_match ("W2[*][*]", "W2[0][13]"));
  ck_assert (rs_net_param_match ("W*[0][*]", "W12[0][7]"));
  ck_assert (rs_net_param_match ("b1[0]", "b1[0]"));
  ck_assert (!rs_net_param_match ("b1[0]", "b1[01]"));
  ck_assert (!rs_net_param_match ("W2[*][*]", "W21[0][0]"));
  ck_assert (!rs_net_param_match ("W2[*][*]", "b2[0]"));
  ck_assert (!rs_net_param_match ("W2[*][*]", "W2[][0]"));
  ck_assert (!rs_net_param_match ("b1[*]", "b1[3]x"));
}
END_TEST

/* The scene of the tests: a 2-3-1 network on xor, W2 and b1[1] frozen,
 * with the optimiser and the extra lines given. */
static rs_sim *
frozen_run (const char *optim, const char *extra, rs_scene *sc)
{
  char text[512];
  int n = snprintf (text, sizeof text, "network 2 3 1\ndata xor\npoints 16\n"
                    "seed 3\nbias 0.1\noptimizer %s\nrate 0.05\n"
                    "freeze W2[*][*] b1[1]\n%s", optim, extra);
  rs_error err;
  rs_sim *s;

  ck_assert_int_eq (rs_scene_parse (sc, text, (size_t) n, "t", &err), RS_OK);
  s = rs_sim_alloc (&sc->sim, &err);
  ck_assert_msg (s != NULL, "%s", err.message);
  return s;
}

/* Whether parameter i of net is frozen by the scene above: W2[0][k] are
 * indices 9 to 11 (W1 is 3 x 2, b1 3, then W2), b1[1] is index 7. */
static int
is_frozen (const rs_net *net, size_t i)
{
  rs_param_info pi = rs_net_param_info (net, i);

  return (pi.layer == 2 && pi.kind == RS_PARAM_WEIGHT)
         || (pi.layer == 1 && pi.kind == RS_PARAM_BIAS && pi.unit == 1);
}

/* The first step of optimiser name on gradient g, by the formulas of
 * PyTorch's documentation from zero state: gd and momentum move by
 * eta g; Nesterov by eta (1 + mu) g; RMSProp by eta g / (sqrt((1 - rho)
 * g^2) + eps); Adam, its moments corrected by 1 - beta, by
 * eta g / (|g| + eps). */
static double
hand_step (const char *name, const rs_optim_params *o, double eta, double g)
{
  if (strcmp (name, "nesterov") == 0)
    return eta * (1.0 + o->momentum) * g;
  if (strcmp (name, "rmsprop") == 0)
    return eta * g / (sqrt ((1.0 - o->rho) * g * g) + o->eps);
  if (strcmp (name, "adam") == 0)
    return eta * g / (fabs (g) + o->eps);
  return eta * g;
}

/* One step of every optimiser: the frozen entries bit for bit as they
 * were, the others moved by the hand step on the gradient at the start
 * (from rs_loss_net on the start's network, apart from the run). */
START_TEST (test_every_optimiser)
{
  const rs_optim_type *t = rs_optim_types[_i];
  rs_scene sc;
  rs_sim *s = frozen_run (t->name, "", &sc);
  rs_net *net = rs_net_clone (rs_sim_net (s), NULL);
  rs_net_workspace *w;
  gsl_vector *g;
  size_t np = rs_net_nparams (net), moved = 0;
  double loss, *theta0 = malloc (np * sizeof *theta0);
  const double *theta1;

  ck_assert_int_eq (rs_sim_net_at (s, 0, net, 0), RS_OK);
  memcpy (theta0, rs_sim_theta (s, 0), np * sizeof *theta0);
  w = rs_net_workspace_alloc (net, rs_sim_get_params (s)->data->n, NULL);
  g = gsl_vector_alloc (np);
  ck_assert_int_eq (rs_loss_net (net, sc.sim.loss,
                                 rs_sim_get_params (s)->data, w, &loss, g,
                                 NULL), RS_OK);
  ck_assert_int_eq (rs_sim_iterate (s), RS_OK);
  theta1 = rs_net_params_const (rs_sim_net (s))->data;
  for (size_t i = 0; i < np; i++)
    {
      double want = theta0[i] - hand_step (t->name, &sc.sim.optim_params,
                                           0.05, gsl_vector_get (g, i));

      if (is_frozen (net, i))
        ck_assert_msg (theta1[i] == theta0[i], "%s: frozen %zu moved",
                       t->name, i);
      else
        {
          ck_assert_double_eq_tol (theta1[i], want, 1e-14);
          moved += theta1[i] != theta0[i];
        }
    }
  ck_assert_uint_gt (moved, 6);
  gsl_vector_free (g);
  rs_net_workspace_free (w);
  rs_net_free (net);
  free (theta0);
  rs_sim_free (s);
}
END_TEST

/* A whole run with decay on the weights and biases (coupled and
 * decoupled), a kick of every parameter, an automatic kick and Langevin
 * noise: the frozen entries end as they started, the others move. */
START_TEST (test_decay_kicks_noise)
{
  static const char *const extra[] = {
    "decay 0.1 biases\nkick at 5 sigma 1\ntemperature 0.01\nsteps 40\n",
    "decay 0.1 decoupled biases\nautokick sigma 1 patience 2\nsteps 40\n"
  };
  rs_scene sc;
  rs_sim *s = frozen_run ("adam", extra[_i], &sc);
  const rs_net *net = rs_sim_net (s);
  size_t np = rs_net_nparams (net), moved = 0;
  const double *theta0 = rs_sim_theta (s, 0), *theta;

  ck_assert_int_eq (rs_sim_run (s), RS_OK);
  theta = rs_net_params_const (net)->data;
  for (size_t i = 0; i < np; i++)
    if (is_frozen (net, i))
      ck_assert (theta[i] == theta0[i]);
    else
      moved += theta[i] != theta0[i];
  ck_assert_uint_eq (moved, np - 4);
  rs_sim_free (s);
}
END_TEST

/* An interactive kick of everything leaves the frozen entries too. */
START_TEST (test_interactive_kick)
{
  rs_scene sc;
  rs_sim *s = frozen_run ("gd", "steps 10\n", &sc);
  const rs_net *net = rs_sim_net (s);
  double b11 = gsl_vector_get (rs_net_params_const (net), 7);
  double w20 = gsl_vector_get (rs_net_params_const (net), 9);
  double b2 = gsl_vector_get (rs_net_params_const (net), 12);

  rs_sim_kick (s, 2.0);
  ck_assert (gsl_vector_get (rs_net_params_const (net), 7) == b11);
  ck_assert (gsl_vector_get (rs_net_params_const (net), 9) == w20);
  ck_assert (gsl_vector_get (rs_net_params_const (net), 12) != b2);
  rs_sim_free (s);
}
END_TEST

static Suite *
freeze_suite (void)
{
  Suite *s = suite_create ("freeze");
  TCase *core = tcase_create ("Core");
  size_t n = 0;

  while (rs_optim_types[n] != NULL)
    n++;
  tcase_add_test (core, test_match);
  tcase_add_loop_test (core, test_every_optimiser, 0, (int) n);
  tcase_add_loop_test (core, test_decay_kicks_noise, 0, 2);
  tcase_add_test (core, test_interactive_kick);
  suite_add_tcase (s, core);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (freeze_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed != 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
