/* check_surface_fast.c: the surfaces' fast paths (lib/surface_fast.c)
 * give what the generic pass gives.
 *
 * The second method is the generic pass itself, a forward and backward
 * pass of the whole network at every grid point (rs_loss_net), forced with
 * RS_SURFACE_GENERIC: over every scene of scenes/, each landscape of its
 * figure at the run's first and last point, the loss, the gradient norm
 * and the dead count must be the same doubles, and so the plateau and the
 * dead cells the same sets.  The gradient norm is also checked against
 * central finite differences of the loss in every parameter, away from
 * the kinks, where the loss is smooth. */
#include <config.h>

#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <gsl/gsl_blas.h>

#include <reluscape/reluscape.h>

#include "draw/figure.h"
#include "draw/plane_private.h"
#include "scene_load.h"
#include "surface_private.h"

#define ASKED (RS_SURFACE_LOSS | RS_SURFACE_GRAD | RS_SURFACE_DEAD)

/* Equal doubles to the bit, or both NaN. */
static int
same (double a, double b)
{
  return (isnan (a) && isnan (b)) || memcmp (&a, &b, sizeof a) == 0;
}

/* The scene files of scenes/, sorted; their count in *n. */
static char **
scene_names (size_t *n)
{
  char dir[4096], **names = NULL;
  DIR *d;
  struct dirent *e;

  snprintf (dir, sizeof dir, "%s/scenes", RS_TOP_SRCDIR);
  d = opendir (dir);
  ck_assert_ptr_nonnull (d);
  *n = 0;
  while ((e = readdir (d)) != NULL)
    {
      size_t len = strlen (e->d_name);

      if (len < 7 || strcmp (e->d_name + len - 6, ".scene") != 0)
        continue;
      names = realloc (names, (*n + 1) * sizeof *names);
      names[(*n)++] = strdup (e->d_name);
    }
  closedir (d);
  qsort (names, *n, sizeof *names,
         (int (*) (const void *, const void *)) strcmp);
  return names;
}

/* Plane p's surface by the fast path and by the generic pass: every value
 * the same.  Whether the partial pass was used. */
static int
assert_plane_same (const rs_plane *p, const char *what)
{
  rs_error err;
  rs_surface *f = rs_plane_surface (p, p->net, ASKED, &err);
  rs_surface *g = rs_plane_surface (p, p->net, ASKED | RS_SURFACE_GENERIC,
                                    &err);
  int used;

  ck_assert_msg (f != NULL && g != NULL, "%s: %s", what, err.message);
  ck_assert (!g->fast.on && !g->part.on);
  for (size_t i = 0; i < p->n; i++)
    for (size_t j = 0; j < p->n; j++)
      {
        static const unsigned q[] = { RS_SURFACE_LOSS, RS_SURFACE_GRAD,
                                      RS_SURFACE_DEAD };

        for (int k = 0; k < 3; k++)
          ck_assert_msg (same (rs_surface_value (f, q[k], i, j),
                               rs_surface_value (g, q[k], i, j)),
                         "%s: value %u at (%zu, %zu): %.17g, generic %.17g",
                         what, q[k], i, j, rs_surface_value (f, q[k], i, j),
                         rs_surface_value (g, q[k], i, j));
        ck_assert (rs_surface_plateau (f, i, j)
                   == rs_surface_plateau (g, i, j));
      }
  used = f->part.on;
  rs_surface_free (f);
  rs_surface_free (g);
  return used;
}

/* Every scene's landscapes, at the run's first and last point, on the
 * view's own grid, or else on render's for a network, 121 a side (for
 * the single neuron every other point of its 241: the same lines, the
 * axes' zeros among them). */
START_TEST (test_scenes_same)
{
  size_t n, used = 0, planes = 0;
  char **names = scene_names (&n);

  ck_assert_uint_ge (n, 20);
  for (size_t s = 0; s < n; s++)
    {
      rs_scene sc;
      rs_sim *sim;
      rs_view views[RS_SCENE_MAX_VIEWS];
      size_t nv;

      load (names[s], "", &sc, &sim);
      nv = rs_figure_views (&sc, views);
      for (size_t i = 0; i < nv; i++)
        for (int k = 0; k < 2 && views[i].kind == RS_VIEW_LANDSCAPE; k++)
          {
            size_t at = k == 0 ? 0 : rs_sim_n_recorded (sim) - 1;
            size_t grid = views[i].grid > 0 ? views[i].grid : 121;
            rs_error err;
            rs_plane *p = rs_plane_alloc (&sc, &views[i], sim, at, grid,
                                          &err);
            char what[300];

            ck_assert_msg (p != NULL, "%s: %s", names[s], err.message);
            snprintf (what, sizeof what, "%s view %zu at %zu", names[s], i,
                      at);
            used += assert_plane_same (p, what);
            planes++;
            rs_plane_free (p);
          }
      rs_sim_free (sim);
      free (names[s]);
    }
  free (names);
  /* the default landscapes are true axes on layer 1: most take it */
  ck_assert_uint_ge (used, planes / 2);
}
END_TEST

/* Whether layer l's activation has a kink at 0 (the ReLU family). */
static int
kinked (const rs_net *net, size_t l)
{
  const rs_act_type *f = net->spec.act[l - 1];

  return f != rs_act_sigmoid && f != rs_act_tanh && f != rs_act_softplus
         && f != rs_act_identity;
}

/* The loss at theta by the generic pass, and in *zmin how near a kink
 * theta is: the smallest |z| of a kinked hidden unit on any point. */
static double
loss_at (rs_net *net, const rs_sim *sim, const double *theta, double *zmin)
{
  const rs_data *d = rs_sim_data (sim);
  rs_net_workspace *w = rs_net_workspace_alloc (net, d->n, NULL);
  double loss;

  memcpy (rs_net_params (net)->data, theta,
          rs_net_nparams (net) * sizeof *theta);
  rs_loss_net (net, rs_sim_loss (sim), d, w, &loss, NULL, NULL);
  *zmin = HUGE_VAL;
  for (size_t l = 1; l < rs_net_layers (net); l++)
    for (size_t i = 0; kinked (net, l) && i < rs_net_units (net, l) * d->n; i++)
      *zmin = fmin (*zmin, fabs (rs_net_workspace_z (w, l)[i]));
  rs_net_workspace_free (w);
  return loss;
}

/* The gradient norm of the partial pass against central differences of
 * the loss in every parameter (step h: error O(h^2) plus rounding
 * eps L / h, about 1e-7 relative), at the grid points of a slice over
 * W1[0][0] and b1[1] of scenes with hidden layers.  A step moves a
 * hidden pre-activation z by at most h max(1, |x|): points with a kinked
 * unit's |z| under 10 times that are left out, the loss not being smooth
 * around them (the kinks are where the two methods may differ). */
START_TEST (test_gradient_by_differences)
{
  static const char *const scenes[] = { "net-dead.scene", "play-xor.scene",
                                        "c01-sigmoid-depth.scene" };
  const double h = 1e-6;
  rs_scene sc;
  rs_sim *sim;
  rs_net *net, *probe;
  rs_slice *sl;
  rs_surface *s;
  double *theta, *t2;
  size_t np, checked = 0;
  double xmax = 1.0;

  load (scenes[_i], "", &sc, &sim);
  for (size_t i = 0; i < rs_sim_data (sim)->n * rs_sim_data (sim)->dim; i++)
    xmax = fmax (xmax, fabs (rs_sim_data (sim)->x[i]));
  net = rs_net_clone (rs_sim_net (sim), NULL);
  probe = rs_net_clone (net, NULL);
  np = rs_net_nparams (net);
  sl = rs_slice_alloc (net, NULL);
  ck_assert_int_eq (rs_slice_axes (sl, net, "W1[0][0]", "b1[1]", NULL),
                    RS_OK);
  s = rs_surface_alloc (net, rs_sim_loss (sim), rs_sim_data (sim), sl, 4, 3,
                        rs_interval_make (-1.3, 0.9),
                        rs_interval_make (-0.7, 1.1), ASKED, 1e-9, NULL);
  ck_assert_ptr_nonnull (s);
  ck_assert (s->part.on);
  rs_surface_run (s);
  theta = malloc (np * sizeof *theta);
  t2 = malloc (np * sizeof *t2);
  for (size_t i = 0; i < 3; i++)
    for (size_t j = 0; j < 4; j++)
      {
        double zmin, z2, sq = 0.0, gn = rs_surface_value (s, RS_SURFACE_GRAD,
                                                          i, j);

        rs_slice_point (sl, rs_surface_u (s, j), rs_surface_v (s, i), theta);
        ck_assert (same (loss_at (probe, sim, theta, &zmin),
                         rs_surface_value (s, RS_SURFACE_LOSS, i, j)));
        if (zmin < 10 * h * xmax)
          continue;
        for (size_t k = 0; k < np; k++)
          {
            double up, down;

            memcpy (t2, theta, np * sizeof *t2);
            t2[k] = theta[k] + h;
            up = loss_at (probe, sim, t2, &z2);
            t2[k] = theta[k] - h;
            down = loss_at (probe, sim, t2, &z2);
            sq += pow ((up - down) / (2 * h), 2);
          }
        ck_assert_double_eq_tol (gn, sqrt (sq), 1e-5 * fmax (1e-3, gn));
        checked++;
      }
  ck_assert_uint_ge (checked, 4);
  free (theta);
  free (t2);
  rs_surface_free (s);
  rs_slice_free (sl);
  rs_net_free (probe);
  rs_net_free (net);
  rs_sim_free (sim);
}
END_TEST

/* The single neuron's own loop (one_point) against the generic pass,
 * bit for bit, where the kink convention decides: at w = 0, b = 0 every
 * point sits on the kink (z = 0 x + 0 = 0), and the grid passes through
 * it; ReLU and Leaky ReLU under the conventions 0, 0.5 and 1. */
START_TEST (test_single_neuron_kinks)
{
  static const char *const extra[] = {
    "activation relu\nkink 0\n", "activation relu\nkink 0.5\n",
    "activation relu\nkink 1\n",
    "activation leaky_relu\nalpha 0.3\nkink 0\n",
    "activation leaky_relu\nalpha 0.3\nkink 0.5\n",
    "activation leaky_relu\nalpha 0.3\nkink 1\n"
  };
  rs_scene sc;
  rs_sim *sim;
  rs_net *net;
  rs_slice *sl;
  rs_surface *f, *g;
  rs_error err;

  ck_assert_int_eq (rs_scene_parse (&sc, extra[_i], strlen (extra[_i]),
                                    "kinks.scene", &err), RS_OK);
  sim = rs_sim_alloc (&sc.sim, &err);
  ck_assert_ptr_nonnull (sim);
  net = rs_net_clone (rs_sim_net (sim), NULL);
  sl = rs_slice_alloc (net, NULL);
  ck_assert_int_eq (rs_slice_axes (sl, net, "W1[0][0]", "b1[0]", NULL),
                    RS_OK);
  f = rs_surface_alloc (net, rs_sim_loss (sim), rs_sim_data (sim), sl, 5, 5,
                        rs_interval_make (-2, 2), rs_interval_make (-2, 2),
                        ASKED, 1e-9, NULL);
  g = rs_surface_alloc (net, rs_sim_loss (sim), rs_sim_data (sim), sl, 5, 5,
                        rs_interval_make (-2, 2), rs_interval_make (-2, 2),
                        ASKED | RS_SURFACE_GENERIC, 1e-9, NULL);
  ck_assert (f != NULL && g != NULL);
  ck_assert (f->part.on && f->part.one && !g->part.on);
  ck_assert (rs_surface_u (f, 2) == 0.0 && rs_surface_v (f, 2) == 0.0);
  rs_surface_run (f);
  rs_surface_run (g);
  for (size_t i = 0; i < 5; i++)
    for (size_t j = 0; j < 5; j++)
      for (unsigned q = RS_SURFACE_LOSS; q <= RS_SURFACE_DEAD; q <<= 1)
        ck_assert_msg (same (rs_surface_value (f, q, i, j),
                             rs_surface_value (g, q, i, j)),
                       "%s value %u at (%zu, %zu): %.17g, generic %.17g",
                       extra[_i], q, i, j, rs_surface_value (f, q, i, j),
                       rs_surface_value (g, q, i, j));
  rs_surface_free (f);
  rs_surface_free (g);
  rs_slice_free (sl);
  rs_net_free (net);
  rs_sim_free (sim);
}
END_TEST

static Suite *
surface_fast_suite (void)
{
  Suite *s = suite_create ("surface_fast");
  TCase *scenes = tcase_create ("scenes");
  TCase *differences = tcase_create ("differences");

  tcase_set_timeout (scenes, 300);
  tcase_add_test (scenes, test_scenes_same);
  suite_add_tcase (s, scenes);
  tcase_set_timeout (differences, 120);
  tcase_add_loop_test (differences, test_gradient_by_differences, 0, 3);
  tcase_add_loop_test (differences, test_single_neuron_kinks, 0, 6);
  suite_add_tcase (s, differences);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (surface_fast_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed != 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
