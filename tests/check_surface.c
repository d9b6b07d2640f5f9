/* check_surface.c: the loss landscape over a (w, b) grid (CONCEPTS.md C5).
 *
 * Expected values come from the grid formula w_j = lo + j (hi - lo)/(n - 1)
 * and the loss written out with its own loop here, or from closed forms:
 * on the dead plateau L = mean(y^2); where the neuron is active on every
 * point of the noise-free line y = 2x + 1 at n evenly spaced points,
 * L = (w - 2)^2 mean(x^2) + (b - 1)^2 with mean(x^2) = (n+1)/(3(n-1)). */
#define _GNU_SOURCE 1   /* sched_setaffinity, CPU_SET */
#include <config.h>

#include <sched.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>

#include <reluscape/reluscape.h>

#define ALPHA 0.137
#define N_DATA 24

static rs_data *noisy;   /* y = 2x + 1 + 0.3 N(0, 1) */
static rs_data *clean;   /* y = 2x + 1 */

static void
setup_data (void)
{
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);

  gsl_rng_set (r, 1913);
  noisy = rs_data_alloc (N_DATA, NULL);
  clean = rs_data_alloc (N_DATA, NULL);
  ck_assert_ptr_nonnull (noisy);
  ck_assert_ptr_nonnull (clean);
  rs_data_line (noisy, 2.0, 1.0, 0.3, r);
  rs_data_line (clean, 2.0, 1.0, 0.0, NULL);
  gsl_rng_free (r);
}

static void
teardown_data (void)
{
  rs_data_free (noisy);
  rs_data_free (clean);
  noisy = clean = NULL;
}

static rs_neuron
neuron_make (const rs_act_type *act)
{
  /* w and b are replaced at every grid point; unround values here make a
   * grid that forgot to replace them fail. */
  rs_neuron u = { act, ALPHA, 0.0, 0.4619, -0.0417 };

  return u;
}

/* The k-th of n grid values, from the formula of the header. */
static double
grid_value (rs_interval r, size_t k, size_t n)
{
  return r.lo + (double) k * (r.hi - r.lo) / (double) (n - 1);
}

/* The loss, written out: (1/n) sum (f(w x_i + b) - y_i)^2 with f from
 * fmax (ReLU, or Leaky ReLU when leaky). */
static double
loss_by_hand (const rs_data *d, double w, double b, int leaky)
{
  double sum = 0.0;

  for (size_t i = 0; i < d->n; i++)
    {
      double z = w * d->x[i] + b;
      double f = leaky ? fmax (ALPHA * z, z) : fmax (0.0, z);

      sum += (f - d->y[i]) * (f - d->y[i]);
    }
  return sum / (double) d->n;
}

/* Ends are exact (the last one is not lo + (n-1) step, which could round
 * past hi), the middle of an odd grid is the midpoint, and the rest are
 * lo + k (hi - lo)/(n - 1). */
START_TEST (test_coord)
{
  rs_interval r = rs_interval_make (-2.385, 1.913);

  ck_assert (rs_surface_coord (r, 0, 7) == -2.385);
  ck_assert (rs_surface_coord (r, 6, 7) == 1.913);
  ck_assert_double_eq_tol (rs_surface_coord (r, 3, 7), (-2.385 + 1.913) / 2,
                           1e-15);
  ck_assert_double_eq_tol (rs_surface_coord (r, 1, 7), -2.385 + 4.298 / 6,
                           1e-15);
  ck_assert_double_eq_tol (rs_surface_coord (r, 5, 7), 1.913 - 4.298 / 6,
                           1e-15);
  ck_assert (rs_surface_coord (r, 0, 2) == -2.385);
  ck_assert (rs_surface_coord (r, 1, 2) == 1.913);
  ck_assert_double_eq_tol (rs_surface_coord (r, 1, 3), -0.236, 1e-15);
}
END_TEST

/* Every cell of a 5 x 7 grid (rows b, columns w: a non-square grid, so a
 * transposition fails) against loss_by_hand, for ReLU and Leaky ReLU. */
START_TEST (test_grid_values)
{
  int leaky = _i;
  rs_neuron u = neuron_make (leaky ? rs_act_leaky_relu : rs_act_relu);
  rs_interval wr = rs_interval_make (-2.385, 1.913);
  rs_interval br = rs_interval_make (-3.1, 2.7);
  gsl_matrix *m = gsl_matrix_alloc (5, 7);

  ck_assert_int_eq (rs_surface_loss (&u, noisy, wr, br, m), RS_OK);
  for (size_t i = 0; i < 5; i++)
    for (size_t j = 0; j < 7; j++)
      ck_assert_double_eq_tol (gsl_matrix_get (m, i, j),
                               loss_by_hand (noisy, grid_value (wr, j, 7),
                                             grid_value (br, i, 5), leaky),
                               1e-12);
  gsl_matrix_free (m);
}
END_TEST

/* The grid is rs_loss_mse of the neuron at each (w, b), to the bit, for
 * both families computed inline and for one through the table (ELU). */
START_TEST (test_grid_is_rs_loss_mse)
{
  const rs_act_type *acts[3] = { rs_act_relu, rs_act_leaky_relu,
                                 rs_act_elu };
  rs_neuron u = neuron_make (acts[_i]);
  rs_interval wr = rs_interval_make (-2.385, 1.913);
  rs_interval br = rs_interval_make (-3.1, 2.7);
  gsl_matrix *m = gsl_matrix_alloc (9, 11);

  u.alpha = _i == 2 ? 1.0 : 0.0731;
  ck_assert_int_eq (rs_surface_loss (&u, noisy, wr, br, m), RS_OK);
  for (size_t i = 0; i < 9; i++)
    for (size_t j = 0; j < 11; j++)
      {
        rs_neuron v = u;

        v.w = rs_surface_coord (wr, j, 11);
        v.b = rs_surface_coord (br, i, 9);
        ck_assert (gsl_matrix_get (m, i, j) == rs_loss_mse (&v, noisy));
      }
  gsl_matrix_free (m);
}
END_TEST

/* The surface does not move the neuron it was given. */
START_TEST (test_neuron_untouched)
{
  rs_neuron u = neuron_make (rs_act_relu);
  gsl_matrix *m = gsl_matrix_alloc (3, 3);

  rs_surface_loss (&u, noisy, rs_interval_make (-1, 1),
                   rs_interval_make (-1, 1), m);
  ck_assert (u.w == 0.4619 && u.b == -0.0417);
  gsl_matrix_free (m);
}
END_TEST

/* C5: for b <= -3 and |w| <= 1.5 the neuron is dead on [-1, 1], every
 * output is 0 and the loss is the same mean(y^2) everywhere: the plateau. */
START_TEST (test_dead_plateau)
{
  rs_neuron u = neuron_make (rs_act_relu);
  gsl_matrix *m = gsl_matrix_alloc (6, 9);
  double my2 = 0.0;

  for (size_t i = 0; i < noisy->n; i++)
    my2 += noisy->y[i] * noisy->y[i];
  my2 /= (double) noisy->n;
  ck_assert_int_eq (rs_surface_loss (&u, noisy, rs_interval_make (-1.5, 1.5),
                                     rs_interval_make (-5.0, -3.0), m),
                    RS_OK);
  for (size_t i = 0; i < 6; i++)
    for (size_t j = 0; j < 9; j++)
      ck_assert_double_eq_tol (gsl_matrix_get (m, i, j), my2, 1e-13);
  gsl_matrix_free (m);
}
END_TEST

/* The valley: with b >= 3.1 > 2.385 >= |w| every point is active and the
 * loss of y = 2x + 1 is (w - 2)^2 m2 + (b - 1)^2, m2 = 25/69 for n = 24
 * (the cross term 2 (w-2)(b-1) mean(x) vanishes by symmetry). */
START_TEST (test_active_closed_form)
{
  rs_neuron u = neuron_make (rs_act_relu);
  rs_interval wr = rs_interval_make (0.731, 2.385);
  rs_interval br = rs_interval_make (3.1, 4.7);
  gsl_matrix *m = gsl_matrix_alloc (4, 5);
  const double m2 = 25.0 / 69.0;

  ck_assert_int_eq (rs_surface_loss (&u, clean, wr, br, m), RS_OK);
  for (size_t i = 0; i < 4; i++)
    for (size_t j = 0; j < 5; j++)
      {
        double w = grid_value (wr, j, 5), b = grid_value (br, i, 4);

        ck_assert_double_eq_tol (gsl_matrix_get (m, i, j),
                                 (w - 2) * (w - 2) * m2 + (b - 1) * (b - 1),
                                 1e-12);
      }
  gsl_matrix_free (m);
}
END_TEST

/* The smallest grid, 2 x 2, holds the four corners. */
START_TEST (test_two_by_two)
{
  rs_neuron u = neuron_make (rs_act_leaky_relu);
  gsl_matrix *m = gsl_matrix_alloc (2, 2);

  ck_assert_int_eq (rs_surface_loss (&u, noisy, rs_interval_make (-0.731,
                                                                  2.385),
                                     rs_interval_make (-1.913, 0.4619), m),
                    RS_OK);
  ck_assert_double_eq_tol (gsl_matrix_get (m, 0, 0),
                           loss_by_hand (noisy, -0.731, -1.913, 1), 1e-13);
  ck_assert_double_eq_tol (gsl_matrix_get (m, 0, 1),
                           loss_by_hand (noisy, 2.385, -1.913, 1), 1e-13);
  ck_assert_double_eq_tol (gsl_matrix_get (m, 1, 0),
                           loss_by_hand (noisy, -0.731, 0.4619, 1), 1e-13);
  ck_assert_double_eq_tol (gsl_matrix_get (m, 1, 1),
                           loss_by_hand (noisy, 2.385, 0.4619, 1), 1e-13);
  gsl_matrix_free (m);
}
END_TEST

/* Grids and ranges the header says are refused with RS_EINVAL. */
static const struct {
  size_t rows, cols;
  double wlo, whi, blo, bhi;
} bad_grids[] = {
  { 1, 5, -1, 1, -1, 1 },              /* one row of b */
  { 5, 1, -1, 1, -1, 1 },              /* one column of w */
  { 1, 1, -1, 1, -1, 1 },
  { 4, 4, 0.731, 0.731, -1, 1 },       /* empty w range */
  { 4, 4, -1, 1, 2.385, 2.385 },       /* empty b range */
  { 4, 4, 1.913, -1.913, -1, 1 },      /* reversed w range */
  { 4, 4, -1, 1, 0.5, -0.5 },          /* reversed b range */
  { 4, 4, NAN, 1, -1, 1 },
  { 4, 4, -1, NAN, -1, 1 },
  { 4, 4, -1, 1, NAN, 1 },
  { 4, 4, -INFINITY, 1, -1, 1 },
  { 4, 4, -1, 1, -1, INFINITY },
};

START_TEST (test_bad_grid)
{
  rs_neuron u = neuron_make (rs_act_relu);
  gsl_matrix *m = gsl_matrix_alloc (bad_grids[_i].rows, bad_grids[_i].cols);

  ck_assert_int_eq (rs_surface_loss (&u, noisy,
                                     rs_interval_make (bad_grids[_i].wlo,
                                                       bad_grids[_i].whi),
                                     rs_interval_make (bad_grids[_i].blo,
                                                       bad_grids[_i].bhi),
                                     m), RS_EINVAL);
  gsl_matrix_free (m);
}
END_TEST

/* ---- Slices of a network (rs_slice, rs_surface) ---- */

/* A 2-16-1 ReLU network, He-initialised from seed 2385 with biases 0.1,
 * and 256 xor points: the benchmark's shape. */
static rs_net *
net_2_16_1 (rs_data **d)
{
  const size_t sizes[] = { 2, 16, 1 };
  rs_net_spec spec;
  rs_net *net;
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);

  gsl_rng_set (r, 2385);
  rs_net_spec_init (&spec, 2, sizes, rs_act_relu, rs_act_identity);
  net = rs_net_alloc (&spec, NULL);
  ck_assert_ptr_nonnull (net);
  rs_net_init (net, rs_init_he_normal, 0.0, 0.1, r, NULL);
  *d = rs_data_generate (rs_data_xor_gen, 256, 0.1, r, NULL);
  ck_assert_ptr_nonnull (*d);
  gsl_rng_free (r);
  return net;
}

/* The loss, gradient norm and dead count of net at theta, directly:
 * the expected values of a grid point. */
static double
direct (const rs_net *net, const rs_data *d, const double *theta,
        double *gnorm, size_t *dead)
{
  rs_net *c = rs_net_clone (net, NULL);
  rs_net_workspace *w = rs_net_workspace_alloc (c, d->n, NULL);
  gsl_vector *g = gsl_vector_alloc (rs_net_nparams (c));
  double loss;

  for (size_t i = 0; i < rs_net_nparams (c); i++)
    gsl_vector_set (rs_net_params (c), i, theta[i]);
  rs_loss_net (c, rs_loss_mse_type, d, w, &loss, g, NULL);
  *gnorm = gsl_blas_dnrm2 (g);
  *dead = rs_net_dead_count (c, w);
  gsl_vector_free (g);
  rs_net_workspace_free (w);
  rs_net_free (c);
  return loss;
}

/* A true-axis grid equals the loss evaluated directly at 40 random grid
 * points to 1e-12: over two first-layer weights (the affine fast path),
 * over a first-layer and a second-layer weight with the gradient norm and
 * dead units (a forward and backward pass per point). */
START_TEST (test_axes_direct)
{
  static const char *const axes[][2] = { { "W1[3][0]", "W1[7][1]" },
                                         { "b1[2]", "W2[0][5]" } };
  unsigned what = _i == 0 ? RS_SURFACE_LOSS
                          : RS_SURFACE_LOSS | RS_SURFACE_GRAD
                            | RS_SURFACE_DEAD;
  rs_data *d;
  rs_net *net = net_2_16_1 (&d);
  rs_slice *sl = rs_slice_alloc (net, NULL);
  rs_surface *s;
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);
  double *theta = malloc (rs_net_nparams (net) * sizeof *theta);

  ck_assert_int_eq (rs_slice_axes (sl, net, axes[_i][0], axes[_i][1], NULL),
                    RS_OK);
  s = rs_surface_alloc (net, rs_loss_mse_type, d, sl, 97, 61,
                        rs_interval_make (-2.385, 1.913),
                        rs_interval_make (-1.7, 2.3), what, 1e-6, NULL);
  ck_assert_ptr_nonnull (s);
  rs_surface_run (s);
  ck_assert (rs_surface_complete (s));
  gsl_rng_set (r, 4);
  for (int q = 0; q < 40; q++)
    {
      size_t i = gsl_rng_uniform_int (r, 61), j = gsl_rng_uniform_int (r, 97);
      double gn, l;
      size_t dead;

      rs_slice_point (sl, rs_surface_u (s, j), rs_surface_v (s, i), theta);
      l = direct (net, d, theta, &gn, &dead);
      ck_assert_double_eq_tol (rs_surface_value (s, RS_SURFACE_LOSS, i, j),
                               l, 1e-12 * fmax (1.0, l));
      if (_i == 0)
        continue;
      ck_assert_double_eq_tol (rs_surface_value (s, RS_SURFACE_GRAD, i, j),
                               gn, 1e-12 * fmax (1.0, gn));
      ck_assert (rs_surface_value (s, RS_SURFACE_DEAD, i, j) == dead);
      ck_assert_int_eq (rs_surface_plateau (s, i, j), gn < 1e-6);
    }
  free (theta);
  gsl_rng_free (r);
  rs_surface_free (s);
  rs_slice_free (sl);
  rs_net_free (net);
  rs_data_free (d);
}
END_TEST

/* A 1-D slice (one row, v = 0) along a random direction: each point is
 * theta0 + u d1, evaluated directly. */
START_TEST (test_one_d_slice)
{
  rs_data *d;
  rs_net *net = net_2_16_1 (&d);
  rs_slice *sl = rs_slice_alloc (net, NULL);
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);
  double *theta = malloc (rs_net_nparams (net) * sizeof *theta), gn;
  rs_surface *s;
  size_t dead;

  gsl_rng_set (r, 8);
  rs_slice_random (sl, net, r, 1, 0, NULL);
  s = rs_surface_alloc (net, rs_loss_mse_type, d, sl, 33, 1,
                        rs_interval_make (-1.5, 0.75),
                        rs_interval_make (0.0, 0.0), RS_SURFACE_GRAD, 0.0,
                        NULL);
  ck_assert_ptr_nonnull (s);
  rs_surface_run (s);
  ck_assert (rs_surface_v (s, 0) == 0.0);
  for (size_t j = 0; j < 33; j++)
    {
      rs_slice_point (sl, rs_surface_u (s, j), 0.0, theta);
      ck_assert_double_eq_tol (rs_surface_value (s, RS_SURFACE_LOSS, 0, j),
                               direct (net, d, theta, &gn, &dead), 1e-12);
      ck_assert_double_eq_tol (rs_surface_value (s, RS_SURFACE_GRAD, 0, j),
                               gn, 1e-12);
    }
  free (theta);
  gsl_rng_free (r);
  rs_surface_free (s);
  rs_slice_free (sl);
  rs_net_free (net);
  rs_data_free (d);
}
END_TEST

/* The single neuron's grid over (W1[0][0], b1[0]) is the skeleton's
 * rs_surface_loss grid. */
START_TEST (test_neuron_slice)
{
  const size_t sizes[] = { 1, 1 };
  rs_net_spec spec;
  rs_net *net;
  rs_slice *sl;
  rs_surface *s;
  rs_neuron u = { rs_act_relu, 0.0, 0.0, 0.0, 0.0 };
  gsl_matrix *m = gsl_matrix_alloc (33, 41);
  rs_interval wr = { -3.0, 2.5 }, br = { -2.0, 3.0 };

  rs_net_spec_init (&spec, 1, sizes, rs_act_relu, rs_act_relu);
  net = rs_net_alloc (&spec, NULL);
  sl = rs_slice_alloc (net, NULL);
  rs_slice_axes (sl, net, "W1[0][0]", "b1[0]", NULL);
  s = rs_surface_alloc (net, rs_loss_mse_type, noisy, sl, 41, 33, wr, br,
                        RS_SURFACE_LOSS, 0.0, NULL);
  ck_assert_ptr_nonnull (s);
  rs_surface_run (s);
  rs_surface_loss (&u, noisy, wr, br, m);
  for (size_t i = 0; i < 33; i++)
    for (size_t j = 0; j < 41; j++)
      ck_assert_double_eq_tol (rs_surface_value (s, RS_SURFACE_LOSS, i, j),
                               gsl_matrix_get (m, i, j), 1e-12);
  gsl_matrix_free (m);
  rs_surface_free (s);
  rs_slice_free (sl);
  rs_net_free (net);
}
END_TEST

/* Coarse to fine: after the first call every point of the 64 x 64
 * preview (every 4th of 250) is done, and the others show the nearest
 * preview point; the work then fills in to the end, and a call after the
 * end says so. */
START_TEST (test_preview_first)
{
  rs_data *d;
  rs_net *net = net_2_16_1 (&d);
  rs_slice *sl = rs_slice_alloc (net, NULL);
  rs_surface *s;
  double early;

  rs_slice_axes (sl, net, "W1[0][0]", "W1[0][1]", NULL);
  s = rs_surface_alloc (net, rs_loss_mse_type, d, sl, 250, 250,
                        rs_interval_make (-2.0, 2.0),
                        rs_interval_make (-2.0, 2.0), RS_SURFACE_LOSS, 0.0,
                        NULL);
  ck_assert (!rs_surface_preview_ready (s));
  ck_assert (isnan (rs_surface_value (s, RS_SURFACE_LOSS, 0, 0)));
  rs_surface_iterate (s);
  ck_assert (rs_surface_preview_ready (s));
  ck_assert_uint_eq (rs_surface_done (s), 63 * 63);
  /* (9, 6) shows (8, 8), its nearest preview point */
  early = rs_surface_value (s, RS_SURFACE_LOSS, 9, 6);
  ck_assert (early == rs_surface_value (s, RS_SURFACE_LOSS, 8, 8));
  rs_surface_run (s);
  ck_assert (rs_surface_complete (s));
  ck_assert_int_eq (rs_surface_iterate (s), RS_EINVAL);
  ck_assert (rs_surface_value (s, RS_SURFACE_LOSS, 9, 6) != early);
  rs_surface_free (s);
  rs_slice_free (sl);
  rs_net_free (net);
  rs_data_free (d);
}
END_TEST

/* Filter normalisation (Li et al.): each unit's incoming weights in each
 * direction have the norm of that unit's weights in theta; each layer's
 * biases are one row, or 0 when left out; directions differ. */
START_TEST (test_filter_norm)
{
  rs_data *d;
  rs_net *net = net_2_16_1 (&d);
  rs_slice *sl = rs_slice_alloc (net, NULL);
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);
  const double *th = sl->theta0;

  gsl_rng_set (r, 17);
  for (int biases = 0; biases < 2; biases++)
    {
      rs_slice_random (sl, net, r, 1, biases, NULL);
      for (size_t l = 1; l <= 2; l++)
        {
          size_t in = rs_net_units (net, l - 1), out = rs_net_units (net, l);
          double bd = 0.0, bt = 0.0;

          for (size_t j = 0; j < out; j++)
            {
              double nd = 0.0, nt = 0.0;

              for (size_t k = 0; k < in; k++)
                {
                  size_t q = rs_net_w_index (net, l, j, k);

                  nd += sl->d1[q] * sl->d1[q];
                  nt += th[q] * th[q];
                }
              ck_assert_double_eq_tol (sqrt (nd), sqrt (nt), 1e-12);
              bd += pow (sl->d2[rs_net_b_index (net, l, j)], 2);
              bt += pow (th[rs_net_b_index (net, l, j)], 2);
            }
          if (biases)
            ck_assert_double_eq_tol (sqrt (bd), sqrt (bt), 1e-12);
          else
            ck_assert (bd == 0.0);
        }
      ck_assert (sl->d1[0] != sl->d2[0]);
    }
  gsl_rng_free (r);
  rs_slice_free (sl);
  rs_net_free (net);
  rs_data_free (d);
}
END_TEST

/* PCA of a trajectory lying in a known plane: points theta_f + a_t e + b_t
 * f with e, f orthonormal (and a of larger spread than b).  The
 * directions are orthonormal, span the plane (each of e, f is its own
 * projection), theta0 is the last point, and every point projects to
 * coordinates that rebuild it. */
START_TEST (test_pca_plane)
{
  enum { NP = 7, N = 50 };
  double traj[N * NP], e[NP] = { 0 }, f[NP] = { 0 }, rebuilt[NP];
  rs_slice s = { NP, NULL, NULL, NULL, "", "" };
  double t0[NP], d1[NP], d2[NP], u, v, dot11 = 0, dot12 = 0, dot22 = 0;

  s.theta0 = t0, s.d1 = d1, s.d2 = d2;
  e[1] = 0.6, e[4] = 0.8;
  f[0] = 1.0 / sqrt (2.0), f[6] = -1.0 / sqrt (2.0);
  for (size_t t = 0; t < N; t++)
    for (size_t i = 0; i < NP; i++)
      traj[t * NP + i] = 0.3 * (double) i - 1.0
                         + 2.385 * cos (0.13 * (double) t) * e[i]
                         + 0.731 * sin (0.29 * (double) t) * f[i];
  ck_assert_int_eq (rs_slice_pca (&s, traj, N, NULL), RS_OK);
  for (size_t i = 0; i < NP; i++)
    {
      dot11 += d1[i] * d1[i], dot12 += d1[i] * d2[i], dot22 += d2[i] * d2[i];
      ck_assert (t0[i] == traj[(N - 1) * NP + i]);
    }
  ck_assert_double_eq_tol (dot11, 1.0, 1e-12);
  ck_assert_double_eq_tol (dot22, 1.0, 1e-12);
  ck_assert_double_eq_tol (dot12, 0.0, 1e-12);
  for (size_t t = 0; t < N; t++)
    {
      rs_slice_project (&s, traj + t * NP, &u, &v);
      rs_slice_point (&s, u, v, rebuilt);
      for (size_t i = 0; i < NP; i++)
        ck_assert_double_eq_tol (rebuilt[i], traj[t * NP + i], 1e-10);
    }
  ck_assert_str_eq (s.name1, "PC1");
  {
    rs_slice *c = rs_slice_clone (&s, NULL);

    /* a clone owns its own copies of the same values */
    ck_assert_ptr_nonnull (c);
    ck_assert (c->d1 != s.d1 && c->np == NP);
    ck_assert (memcmp (c->theta0, t0, sizeof t0) == 0
               && memcmp (c->d1, d1, sizeof d1) == 0
               && memcmp (c->d2, d2, sizeof d2) == 0);
    ck_assert_str_eq (c->name2, "PC2");
    rs_slice_free (c);
  }
  ck_assert_int_eq (rs_slice_pca (&s, traj, 2, NULL), RS_EINVAL);
}
END_TEST

/* The two ways to the principal components agree: 10 points of 7
 * parameters take the 7 x 7 scatter matrix, the same points padded with
 * 5 parameters that stay 0 take the 10 x 10 Gram matrix; the directions
 * are the same (the padding 0 in them), signs included. */
START_TEST (test_pca_two_ways)
{
  enum { NP = 7, PAD = 12, N = 10 };
  double a[N * NP], b[N * PAD] = { 0 };
  double t0[PAD], d1[PAD], d2[PAD], u0[PAD], u1[PAD], u2[PAD];
  rs_slice s = { NP, t0, d1, d2, "", "" };
  rs_slice p = { PAD, u0, u1, u2, "", "" };

  for (size_t t = 0; t < N; t++)
    for (size_t i = 0; i < NP; i++)
      b[t * PAD + i] = a[t * NP + i]
        = sin (0.7 * (double) (t * NP + i)) + 0.05 * (double) (t * i);
  ck_assert_int_eq (rs_slice_pca (&s, a, N, NULL), RS_OK);
  ck_assert_int_eq (rs_slice_pca (&p, b, N, NULL), RS_OK);
  for (size_t i = 0; i < PAD; i++)
    {
      ck_assert_double_eq_tol (u1[i], i < NP ? d1[i] : 0.0, 1e-9);
      ck_assert_double_eq_tol (u2[i], i < NP ? d2[i] : 0.0, 1e-9);
    }
}
END_TEST

/* Bad slices and grids are refused with a reason. */
START_TEST (test_surface_errors)
{
  rs_data *d;
  rs_net *net = net_2_16_1 (&d);
  rs_slice *sl = rs_slice_alloc (net, NULL);
  rs_error err;
  rs_interval r = { -1.0, 1.0 };

  ck_assert_int_eq (rs_slice_axes (sl, net, "b1[0]", "b1[0]", &err),
                    RS_EINVAL);
  ck_assert_str_eq (err.message, "the two axes are both b1[0]: a slice "
                    "needs two different parameters");
  ck_assert_int_eq (rs_slice_axes (sl, net, "b1[0]", "W3[0][0]", &err),
                    RS_EINVAL);
  ck_assert_ptr_null (rs_surface_alloc (net, rs_loss_mse_type, d, sl, 1, 5,
                                        r, r, 0, 0.0, &err));
  ck_assert_str_eq (err.message, "a grid has 2 to 4096 points along u and 1 "
                    "to 4096 along v, not 1 x 5");
  ck_assert_ptr_null (rs_surface_alloc (net, rs_loss_mse_type, d, sl, 5, 5,
                                        rs_interval_make (1.0, 1.0), r, 0,
                                        0.0, &err));
  ck_assert_ptr_null (rs_surface_alloc (net, rs_loss_softmax_ce, d, sl, 5,
                                        5, r, r, 0, 0.0, &err));
  rs_slice_free (sl);
  rs_net_free (net);
  rs_data_free (d);
}
END_TEST

/* The single neuron's basin map against the analytic dead region: a start
 * (w, b) with w x_i + b <= 0 at every data point is dead, its gradient
 * is 0, and the map must call it a plateau reached after 0 steps; every
 * other start must not be.  With Leaky ReLU (C8) no start is a plateau at
 * all: the plateau tilts. */
/* rs_surface_resolves: grid points are told apart when, along each
 * direction, a parameter it moves changes by 16 ulps (16 DBL_EPSILON
 * |x|) or more per step, (hi - lo) / (n - 1) |d_k|.  Window [-3, 3] at
 * 121 points along the axes: steps of 0.05, which fail once
 * 16 * 2.22e-16 * x > 0.05, x > 1.4e13.  A direction that grows with
 * the parameter (filter-normalised, d = theta) resolves at any size:
 * 2/120 * 1e17 >= 16 eps (1e17 + 1e17). */
START_TEST (test_surface_resolves)
{
  double t[2] = { 0.0, 0.5 }, e1[2] = { 1.0, 0.0 }, e2[2] = { 0.0, 1.0 };
  rs_slice sl = { .np = 2, .theta0 = t, .d1 = e1, .d2 = e2 };
  rs_interval r = rs_interval_make (-3.0, 3.0);
  rs_interval one = rs_interval_make (-1.0, 1.0);

  ck_assert_int_eq (rs_surface_resolves (&sl, r, r, 121, 121), 1);
  t[0] = 1.0e12;
  ck_assert_int_eq (rs_surface_resolves (&sl, r, r, 121, 121), 1);
  t[0] = 1.0e14;
  ck_assert_int_eq (rs_surface_resolves (&sl, r, r, 121, 121), 0);
  /* 1-D: only u counts; v's axis is fine at 0.5 */
  ck_assert_int_eq (rs_surface_resolves (&sl, r, r, 121, 1), 0);
  t[0] = 0.5, t[1] = 1.0e17;
  ck_assert_int_eq (rs_surface_resolves (&sl, r, r, 121, 1), 1);
  ck_assert_int_eq (rs_surface_resolves (&sl, r, r, 121, 121), 0);
  e2[1] = 1.0e17;                        /* filter-normalised */
  ck_assert_int_eq (rs_surface_resolves (&sl, one, one, 121, 121), 1);
  t[1] = INFINITY;
  ck_assert_int_eq (rs_surface_resolves (&sl, one, one, 121, 121), 0);
  t[1] = 0.5;
  ck_assert_int_eq (rs_surface_resolves (&sl, rs_interval_make (1, 1), r,
                                         9, 9), 0);
  ck_assert_int_eq (rs_surface_resolves (&sl, r, r, 1, 1), 0);
}
END_TEST

/* rs_threads_now (rs_surface.h): never more threads than asked
 * for nor fewer than one, and no more than the processors the process
 * may use: pinned to one processor (sched_setaffinity), one thread. */

START_TEST (test_threads_now)
{
  cpu_set_t old, one;
  int n = rs_threads_now (8);

  ck_assert_int_ge (n, 1);
  ck_assert_int_le (n, 8);
  ck_assert_int_eq (rs_threads_now (1), 1);
  ck_assert_int_eq (rs_threads_now (0), 1);
  ck_assert_int_eq (sched_getaffinity (0, sizeof old, &old), 0);
  CPU_ZERO (&one);
  for (int c = 0; c < CPU_SETSIZE; c++)
    if (CPU_ISSET (c, &old))
      {
        CPU_SET (c, &one);
        break;
      }
  ck_assert_int_eq (sched_setaffinity (0, sizeof one, &one), 0);
  n = rs_threads_now (8);
  sched_setaffinity (0, sizeof old, &old);
  ck_assert_int_eq (n, 1);
}
END_TEST

START_TEST (test_basin_dead_region)
{
  rs_sim_params p;
  rs_sim *s;
  rs_slice *sl;
  rs_basin *b;
  rs_interval r = { -3.0, 3.0 };
  size_t steps, n_dead = 0;

  rs_sim_params_default (&p);
  p.w0 = 0.0, p.b0 = 0.0, p.rate = 0.3;
  if (_i == 1)
    p.act = rs_act_leaky_relu;
  s = rs_sim_alloc (&p, NULL);
  sl = rs_slice_alloc (rs_sim_net (s), NULL);
  rs_slice_axes (sl, rs_sim_net (s), "W1[0][0]", "b1[0]", NULL);
  b = rs_basin_alloc (&p, sl, 41, 37, r, r, 300, NULL);
  ck_assert_ptr_nonnull (b);
  rs_basin_run (b);
  ck_assert (rs_basin_complete (b));
  for (size_t i = 0; i < 37; i++)
    for (size_t j = 0; j < 41; j++)
      {
        double w = rs_surface_coord (r, j, 41), bb = rs_surface_coord (r, i,
                                                                       37);
        const rs_data *d = rs_sim_data (s);
        int dead = 1;
        rs_basin_outcome o = rs_basin_get (b, i, j, &steps);

        for (size_t k = 0; k < d->n; k++)
          dead &= w * d->x[k] + bb <= 0.0;
        n_dead += dead;
        if (_i == 1)
          ck_assert_int_ne (o, RS_BASIN_PLATEAU);
        else
          ck_assert_msg ((o == RS_BASIN_PLATEAU && steps == 0) == dead,
                         "(%g, %g): %s after %zu steps", w, bb,
                         rs_basin_outcome_name (o), steps);
      }
  ck_assert_uint_gt (n_dead, 100);
  rs_basin_free (b);
  rs_slice_free (sl);
  rs_sim_free (s);
}
END_TEST

/* rs_basin_rows: only the rows asked for are run, each with the
 * outcome and steps of the whole map (every start runs on its own); the
 * others stay moving after 0 steps.  Bad ranges and a map already
 * started are refused. */
START_TEST (test_basin_rows)
{
  rs_sim_params p;
  rs_sim *s;
  rs_slice *sl;
  rs_basin *whole, *part;
  rs_interval r = { -3.0, 3.0 };
  size_t st1, st2;

  rs_sim_params_default (&p);
  p.w0 = 0.0, p.b0 = 0.0, p.rate = 0.3;
  s = rs_sim_alloc (&p, NULL);
  sl = rs_slice_alloc (rs_sim_net (s), NULL);
  rs_slice_axes (sl, rs_sim_net (s), "W1[0][0]", "b1[0]", NULL);
  whole = rs_basin_alloc (&p, sl, 9, 7, r, r, 100, NULL);
  part = rs_basin_alloc (&p, sl, 9, 7, r, r, 100, NULL);
  ck_assert_int_eq (rs_basin_rows (part, 3, 3), RS_EINVAL);
  ck_assert_int_eq (rs_basin_rows (part, 2, 8), RS_EINVAL);
  ck_assert_int_eq (rs_basin_rows (part, 2, 5), RS_OK);
  rs_basin_run (whole);
  rs_basin_run (part);
  ck_assert (rs_basin_complete (part));
  ck_assert_int_eq (rs_basin_rows (part, 0, 1), RS_EINVAL);
  for (size_t i = 0; i < 7; i++)
    for (size_t j = 0; j < 9; j++)
      {
        rs_basin_outcome a = rs_basin_get (whole, i, j, &st1);
        rs_basin_outcome b = rs_basin_get (part, i, j, &st2);

        if (i >= 2 && i < 5)
          ck_assert (a == b && st1 == st2);
        else
          ck_assert (b == RS_BASIN_MOVING && st2 == 0);
      }
  rs_basin_free (whole);
  rs_basin_free (part);
  rs_slice_free (sl);
  rs_sim_free (s);
}
END_TEST

static Suite *
surface_suite (void)
{
  Suite *s = suite_create ("surface");
  TCase *core = tcase_create ("Core");
  TCase *limits = tcase_create ("Limits");
  TCase *errors = tcase_create ("Errors");
  TCase *slices = tcase_create ("Slices");

  tcase_add_test (core, test_basin_rows);
  tcase_add_checked_fixture (core, setup_data, teardown_data);
  tcase_add_test (core, test_coord);
  tcase_add_loop_test (core, test_grid_values, 0, 2);
  tcase_add_loop_test (core, test_grid_is_rs_loss_mse, 0, 3);
  tcase_add_test (core, test_neuron_untouched);
  tcase_add_test (core, test_dead_plateau);
  tcase_add_test (core, test_active_closed_form);
  suite_add_tcase (s, core);

  tcase_add_checked_fixture (limits, setup_data, teardown_data);
  tcase_add_test (limits, test_two_by_two);
  suite_add_tcase (s, limits);

  tcase_add_checked_fixture (errors, setup_data, teardown_data);
  tcase_add_loop_test (errors, test_bad_grid, 0,
                       sizeof bad_grids / sizeof bad_grids[0]);
  suite_add_tcase (s, errors);

  tcase_add_checked_fixture (slices, setup_data, teardown_data);
  tcase_add_loop_test (slices, test_axes_direct, 0, 2);
  tcase_add_test (slices, test_neuron_slice);
  tcase_add_test (slices, test_one_d_slice);
  tcase_add_test (slices, test_preview_first);
  tcase_add_test (slices, test_filter_norm);
  tcase_add_test (slices, test_pca_plane);
  tcase_add_test (slices, test_pca_two_ways);
  tcase_add_test (slices, test_surface_errors);
  tcase_add_test (slices, test_surface_resolves);
  tcase_add_test (slices, test_threads_now);
  tcase_add_loop_test (slices, test_basin_dead_region, 0, 2);
  suite_add_tcase (s, slices);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (surface_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed != 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
