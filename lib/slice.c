/* slice.c: planes through parameter space: true axes, filter-normalised
 * random directions (Li et al. 2018) and principal components of a
 * trajectory. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_randist.h>

#include "reluscape/rs_surface.h"

rs_slice *
rs_slice_alloc (const rs_net *net, rs_error *err)
{
  size_t np = rs_net_nparams (net);
  rs_slice *s = calloc (1, sizeof *s);

  if (s != NULL)
    {
      s->np = np;
      s->theta0 = malloc (np * sizeof (double));
      s->d1 = calloc (np, sizeof (double));
      s->d2 = calloc (np, sizeof (double));
    }
  if (s == NULL || s->theta0 == NULL || s->d1 == NULL || s->d2 == NULL)
    {
      rs_slice_free (s);
      rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory for a slice");
      return NULL;
    }
  for (size_t i = 0; i < np; i++)
    s->theta0[i] = gsl_vector_get (rs_net_params_const (net), i);
  return s;
}

rs_slice *
rs_slice_clone (const rs_slice *sl, rs_error *err)
{
  rs_slice *c = calloc (1, sizeof *c);

  if (c != NULL)
    {
      *c = *sl;
      c->theta0 = malloc (sl->np * sizeof (double));
      c->d1 = malloc (sl->np * sizeof (double));
      c->d2 = malloc (sl->np * sizeof (double));
    }
  if (c == NULL || c->theta0 == NULL || c->d1 == NULL || c->d2 == NULL)
    {
      if (c != NULL)
        free (c->theta0), free (c->d1), free (c->d2), free (c);
      rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory for a slice");
      return NULL;
    }
  memcpy (c->theta0, sl->theta0, sl->np * sizeof (double));
  memcpy (c->d1, sl->d1, sl->np * sizeof (double));
  memcpy (c->d2, sl->d2, sl->np * sizeof (double));
  return c;
}

void
rs_slice_free (rs_slice *s)
{
  if (s == NULL)
    return;
  free (s->theta0);
  free (s->d1);
  free (s->d2);
  free (s);
}

int
rs_slice_axes (rs_slice *s, const rs_net *net, const char *p1,
               const char *p2, rs_error *err)
{
  size_t i1, i2;
  int rc;

  if ((rc = rs_net_param_lookup (net, p1, &i1, err)) != RS_OK
      || (rc = rs_net_param_lookup (net, p2, &i2, err)) != RS_OK)
    return rc;
  if (i1 == i2)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "the two axes are both %s: a slice needs two "
                         "different parameters", p1);
  memset (s->d1, 0, s->np * sizeof (double));
  memset (s->d2, 0, s->np * sizeof (double));
  s->d1[i1] = 1.0;
  s->d2[i2] = 1.0;
  s->explained[0] = s->explained[1] = 0.0;
  snprintf (s->name1, sizeof s->name1, "%s", p1);
  snprintf (s->name2, sizeof s->name2, "%s", p2);
  return RS_OK;
}

/* Scale the entries idx[0 .. m-1] of d to the norm of the same entries of
 * theta (0 when theta's are all 0). */
static void
match_norm (double *d, const double *theta, const size_t *idx, size_t m)
{
  double nd = 0.0, nt = 0.0;

  for (size_t q = 0; q < m; q++)
    {
      nd += d[idx[q]] * d[idx[q]];
      nt += theta[idx[q]] * theta[idx[q]];
    }
  for (size_t q = 0; q < m; q++)
    d[idx[q]] = nd > 0.0 ? d[idx[q]] * sqrt (nt / nd) : 0.0;
}

/* Filter normalisation of direction d: each unit's incoming weights to
 * the norm of theta's, each layer's biases as one row or to 0. */
static void
filter_normalise (double *d, const double *theta, const rs_net *net,
                  int biases)
{
  size_t idx[RS_NET_MAX_INPUTS];

  for (size_t l = 1; l <= rs_net_layers (net); l++)
    {
      size_t in = rs_net_units (net, l - 1), out = rs_net_units (net, l);

      for (size_t j = 0; j < out; j++)
        {
          for (size_t k = 0; k < in; k++)
            idx[k] = rs_net_w_index (net, l, j, k);
          match_norm (d, theta, idx, in);
        }
      for (size_t j = 0; j < out; j++)
        idx[j] = rs_net_b_index (net, l, j);
      if (biases)
        match_norm (d, theta, idx, out);
      else
        for (size_t j = 0; j < out; j++)
          d[idx[j]] = 0.0;
    }
}

/* One random direction: N(0, 1) weights and biases, no PReLU slopes. */
static void
random_direction (double *d, const rs_slice *s, const rs_net *net,
                  gsl_rng *r, int filter, int biases)
{
  for (size_t i = 0; i < s->np; i++)
    {
      rs_param_info p = rs_net_param_info (net, i);

      d[i] = p.kind == RS_PARAM_SLOPE
             || (p.kind == RS_PARAM_BIAS && !biases)
             ? 0.0 : gsl_ran_gaussian (r, 1.0);
    }
  if (filter)
    filter_normalise (d, s->theta0, net, biases);
}

int
rs_slice_random (rs_slice *s, const rs_net *net, gsl_rng *r, int filter,
                 int biases, rs_error *err)
{
  if (r == NULL || rs_net_nparams (net) != s->np)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "random directions need a generator and the "
                         "slice's network");
  random_direction (s->d1, s, net, r, filter, biases);
  random_direction (s->d2, s, net, r, filter, biases);
  snprintf (s->name1, sizeof s->name1, "random 1");
  snprintf (s->name2, sizeof s->name2, "random 2");
  s->explained[0] = s->explained[1] = 0.0;
  return RS_OK;
}

/* At most this many points of a trajectory enter its PCA: evenly thinned,
 * the last always kept. */
#define PCA_MAX 1024

/* The points used: indices into traj, the last one last. */
static size_t
pca_points (size_t n, size_t *use)
{
  size_t m = n <= PCA_MAX ? n : PCA_MAX;

  for (size_t q = 0; q < m; q++)
    use[q] = m == n ? q : q * (n - 1) / (m - 1);
  return m;
}

/* Direction k (unit norm) from eigenvector column k of the Gram matrix:
 * X^T u_k, X the centred points. */
static void
pc_direction (double *d, const double *X, size_t m, size_t np,
              const gsl_matrix *evec, size_t k)
{
  double norm = 0.0;

  for (size_t i = 0; i < np; i++)
    {
      d[i] = 0.0;
      for (size_t q = 0; q < m; q++)
        d[i] += X[q * np + i] * gsl_matrix_get (evec, q, k);
      norm += d[i] * d[i];
    }
  for (size_t i = 0; i < np; i++)
    d[i] /= sqrt (norm);
}

/* G = the products of X's side vectors of len entries with each other:
 * G[a][b] = sum over k < len of X[a sa + k sk] X[b sa + k sk], the sum
 * in the order of k.  Vectors along the columns of X (sa 1, sk np) give
 * the scatter matrix X^T X; along its rows (sa np, sk 1), the Gram
 * matrix X X^T. */
static void
products (const double *X, size_t side, size_t len, size_t sa, size_t sk,
          gsl_matrix *G)
{
  for (size_t a = 0; a < side; a++)
    for (size_t b = 0; b <= a; b++)
      {
        double g = 0.0;

        for (size_t k = 0; k < len; k++)
          g += X[a * sa + k * sk] * X[b * sa + k * sk];
        gsl_matrix_set (G, a, b, g);
        gsl_matrix_set (G, b, a, g);
      }
}

/* The centred points X (m x np), and the smaller of their Gram matrix
 * X X^T (m x m) and their scatter matrix X^T X (np x np) into G: both
 * have the principal components' variances as eigenvalues, and the
 * eigen-decomposition costs the cube of the side. */
static void
centre_and_gram (const double *traj, const size_t *use, size_t m, size_t np,
                 double *X, gsl_matrix *G)
{
  for (size_t i = 0; i < np; i++)
    {
      double mean = 0.0;

      for (size_t q = 0; q < m; q++)
        mean += traj[use[q] * np + i];
      mean /= (double) m;
      for (size_t q = 0; q < m; q++)
        X[q * np + i] = traj[use[q] * np + i] - mean;
    }
  if (np < m)
    products (X, np, m, 1, np, G);
  else
    products (X, m, np, np, 1, G);
}

/* The sign of a direction made canonical: its largest entry (in absolute
 * value, the first of equals) positive, whichever matrix gave it. */
static void
canonical_sign (double *d, size_t np)
{
  size_t k = 0;

  for (size_t i = 1; i < np; i++)
    if (fabs (d[i]) > fabs (d[k]))
      k = i;
  if (d[k] < 0.0)
    for (size_t i = 0; i < np; i++)
      d[i] = -d[i];
}

/* The fractions of the total variance along the first two components:
 * their eigenvalues over the sum of all (the trace; rounding's tiny
 * negative eigenvalues count as 0). */
static void
explained (const gsl_vector *eval, double frac[2])
{
  double total = 0.0;

  for (size_t k = 0; k < eval->size; k++)
    total += fmax (gsl_vector_get (eval, k), 0.0);
  frac[0] = gsl_vector_get (eval, 0) / total;
  frac[1] = gsl_vector_get (eval, 1) / total;
}

int
rs_slice_pca (rs_slice *s, const double *traj, size_t n, rs_error *err)
{
  size_t use[PCA_MAX], m, side, np = s->np;
  double *X;
  gsl_matrix *G, *evec;
  gsl_vector *eval;
  gsl_eigen_symmv_workspace *ws;
  int rc = RS_OK;

  if (n < 3)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "principal components need a trajectory of at "
                         "least 3 points, not %zu", n);
  m = pca_points (n, use);
  side = np < m ? np : m;
  X = malloc (m * np * sizeof *X);
  G = gsl_matrix_alloc (side, side);
  evec = gsl_matrix_alloc (side, side);
  eval = gsl_vector_alloc (side);
  ws = gsl_eigen_symmv_alloc (side);
  if (X == NULL || G == NULL || evec == NULL || eval == NULL || ws == NULL)
    rc = rs_error_set (err, RS_ENOMEM, NULL, 0, 0,
                       "out of memory for principal components");
  if (rc == RS_OK)
    {
      centre_and_gram (traj, use, m, np, X, G);
      gsl_eigen_symmv (G, eval, evec, ws);
      gsl_eigen_symmv_sort (eval, evec, GSL_EIGEN_SORT_VAL_DESC);
      if (!(gsl_vector_get (eval, 1) > 1e-24 * gsl_vector_get (eval, 0)))
        rc = rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                           "the trajectory moves along fewer than two "
                           "directions: no plane of principal components");
    }
  if (rc == RS_OK)
    {
      if (np < m)
        for (size_t i = 0; i < np; i++)
          {
            s->d1[i] = gsl_matrix_get (evec, i, 0);
            s->d2[i] = gsl_matrix_get (evec, i, 1);
          }
      else
        {
          pc_direction (s->d1, X, m, np, evec, 0);
          pc_direction (s->d2, X, m, np, evec, 1);
        }
      canonical_sign (s->d1, np);
      canonical_sign (s->d2, np);
      explained (eval, s->explained);
      memcpy (s->theta0, traj + (n - 1) * np, np * sizeof (double));
      snprintf (s->name1, sizeof s->name1, "PC1");
      snprintf (s->name2, sizeof s->name2, "PC2");
    }
  free (X);
  gsl_matrix_free (G);
  gsl_matrix_free (evec);
  gsl_vector_free (eval);
  gsl_eigen_symmv_free (ws);
  return rc;
}

void
rs_slice_point (const rs_slice *s, double u, double v, double *theta)
{
  for (size_t i = 0; i < s->np; i++)
    theta[i] = s->theta0[i] + u * s->d1[i] + v * s->d2[i];
}

void
rs_slice_project (const rs_slice *s, const double *theta, double *u,
                  double *v)
{
  double a = 0.0, b = 0.0, c = 0.0, p = 0.0, q = 0.0, det;

  for (size_t i = 0; i < s->np; i++)
    {
      double r = theta[i] - s->theta0[i];

      a += s->d1[i] * s->d1[i];
      b += s->d1[i] * s->d2[i];
      c += s->d2[i] * s->d2[i];
      p += s->d1[i] * r;
      q += s->d2[i] * r;
    }
  det = a * c - b * b;
  if (!(det > 1e-300 && det > 1e-12 * a * c))
    {
      *u = *v = 0.0;
      return;
    }
  *u = (c * p - b * q) / det;
  *v = (a * q - b * p) / det;
}
