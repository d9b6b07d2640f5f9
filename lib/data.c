/* data.c: data sets of n points with dim inputs and ydim targets.
 *
 * Allocation and copies, a seeded train/test split, class labels, and the
 * two helpers of the data's messages.  The seeded generators are in
 * data_gen.c, the CSV files in data_csv.c.  Every random number comes
 * from the caller's gsl_rng, so a seed fixes the data; every error goes
 * through rs_error_set. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "reluscape/rs_data.h"
#include "data_private.h"

/* "s" after a count other than one, for messages. */
const char *
data_plural (size_t n)
{
  return n == 1 ? "" : "s";
}

/* v in the fewest significant digits that read back as v, so that a
 * message shows 2.5 as "2.5" and 1 + 1e-12 as "1.000000000001". */
const char *
data_format_number (double v, char *buf, size_t n)
{
  for (int digits = 1; digits < 17 && isfinite (v); digits++)
    {
      snprintf (buf, n, "%.*g", digits, v);
      if (strtod (buf, NULL) == v)
        return buf;
    }
  snprintf (buf, n, "%.17g", v);
  return buf;
}

/* ------------------------------------------------------------------ */
/* Allocation */

rs_data *
rs_data_alloc_dims (size_t n, size_t dim, size_t ydim, rs_error *err)
{
  rs_data *d;

  if (n == 0)
    {
      rs_error_set (err, RS_EINVAL, NULL, 0, 0, "a data set needs points");
      return NULL;
    }
  if (n > RS_DATA_MAX_POINTS)
    {
      rs_error_set (err, RS_EINVAL, NULL, 0, 0, "too many data points: %zu "
                    "(at most %d)", n, RS_DATA_MAX_POINTS);
      return NULL;
    }
  if (dim < 1 || dim > RS_DATA_MAX_DIM || ydim < 1 || ydim > RS_DATA_MAX_DIM)
    {
      rs_error_set (err, RS_EINVAL, NULL, 0, 0, "a data point takes 1 to %d "
                    "inputs and 1 to %d targets, not %zu and %zu",
                    RS_DATA_MAX_DIM, RS_DATA_MAX_DIM, dim, ydim);
      return NULL;
    }
  d = calloc (1, sizeof *d);
  if (d != NULL)
    {
      d->n = n;
      d->dim = dim;
      d->ydim = ydim;
      d->x = calloc (n * dim, sizeof *d->x);
      d->y = calloc (n * ydim, sizeof *d->y);
    }
  if (d == NULL || d->x == NULL || d->y == NULL)
    {
      rs_data_free (d);
      rs_error_set (err, RS_ENOMEM, NULL, 0, 0,
                    "out of memory for %zu data points", n);
      return NULL;
    }
  return d;
}

rs_data *
rs_data_alloc (size_t n, rs_error *err)
{
  return rs_data_alloc_dims (n, 1, 1, err);
}

void
rs_data_free (rs_data *d)
{
  if (d == NULL)
    return;
  free (d->x);
  free (d->y);
  free (d);
}

rs_data *
rs_data_clone (const rs_data *d, rs_error *err)
{
  rs_data *c = rs_data_alloc_dims (d->n, d->dim, d->ydim, err);

  if (c == NULL)
    return NULL;
  c->classes = d->classes;
  memcpy (c->x, d->x, d->n * d->dim * sizeof *d->x);
  memcpy (c->y, d->y, d->n * d->ydim * sizeof *d->y);
  return c;
}

rs_interval
rs_data_x_range (const rs_data *d)
{
  rs_interval r = { d->x[0], d->x[0] };

  for (size_t i = 1; i < d->n; i++)
    {
      double x = d->x[i * d->dim];

      if (x < r.lo)
        r.lo = x;
      if (x > r.hi)
        r.hi = x;
    }
  return r;
}

/* ------------------------------------------------------------------ */
/* Train/test split and class labels */

/* The size of the test set, round(test_fraction n), after checking that
 * both parts get a point. */
static int
check_split (const rs_data *d, double test_fraction, const gsl_rng *r,
             size_t *ntest, rs_error *err)
{
  char buf[32];
  const char *f = data_format_number (test_fraction, buf, sizeof buf);

  if (!(test_fraction > 0.0 && test_fraction < 1.0))
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "the test fraction must "
                         "be between 0 and 1 (both excluded), not %s", f);
  if (r == NULL)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "a split is drawn at "
                         "random: it needs a random number generator");
  *ntest = (size_t) round (test_fraction * (double) d->n);
  if (*ntest == 0 || *ntest >= d->n)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "a test fraction of %s "
                         "of %zu point%s leaves the %s set empty", f, d->n,
                         data_plural (d->n), *ntest == 0 ? "test" : "training");
  return RS_OK;
}

/* A flag per point, 1 for the ntest points that the first ntest places of
 * a random permutation of 0 ... n - 1 name; NULL when out of memory. */
static unsigned char *
draw_test_points (size_t n, size_t ntest, gsl_rng *r)
{
  size_t *perm = malloc (n * sizeof *perm);
  unsigned char *in_test = calloc (n, 1);

  if (perm == NULL || in_test == NULL)
    {
      free (perm);
      free (in_test);
      return NULL;
    }
  for (size_t i = 0; i < n; i++)
    perm[i] = i;
  gsl_ran_shuffle (r, perm, n, sizeof *perm);
  for (size_t k = 0; k < ntest; k++)
    in_test[perm[k]] = 1;
  free (perm);
  return in_test;
}

/* Copy, in their order in d, the points whose flag equals which into
 * part, whose size is their count. */
static void
copy_points (const rs_data *d, const unsigned char *in_test, int which,
             rs_data *part)
{
  size_t j = 0;

  for (size_t i = 0; i < d->n; i++)
    {
      if (in_test[i] != which)
        continue;
      memcpy (part->x + j * d->dim, d->x + i * d->dim,
              d->dim * sizeof *d->x);
      memcpy (part->y + j * d->ydim, d->y + i * d->ydim,
              d->ydim * sizeof *d->y);
      j++;
    }
  part->classes = d->classes;
}

int
rs_data_split (const rs_data *d, double test_fraction, gsl_rng *r,
               rs_data **train, rs_data **test, rs_error *err)
{
  size_t ntest = 0;
  unsigned char *in_test;
  int rc;

  *train = NULL;
  *test = NULL;
  if ((rc = check_split (d, test_fraction, r, &ntest, err)) != RS_OK)
    return rc;
  in_test = draw_test_points (d->n, ntest, r);
  *train = rs_data_alloc_dims (d->n - ntest, d->dim, d->ydim, err);
  *test = rs_data_alloc_dims (ntest, d->dim, d->ydim, err);
  if (in_test == NULL || *train == NULL || *test == NULL)
    {
      free (in_test);
      rs_data_free (*train);
      rs_data_free (*test);
      *train = NULL;
      *test = NULL;
      return rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory "
                           "splitting %zu data points", d->n);
    }
  copy_points (d, in_test, 0, *train);
  copy_points (d, in_test, 1, *test);
  free (in_test);
  return RS_OK;
}

int
rs_data_set_classes (rs_data *d, size_t classes, rs_error *err)
{
  char buf[32];

  if (classes < 2)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "class labels need at "
                         "least 2 classes, not %zu", classes);
  if (d->ydim != 1)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "class labels need one "
                         "target per point, not %zu", d->ydim);
  for (size_t i = 0; i < d->n; i++)
    {
      double y = d->y[i];

      if (!(y >= 0.0 && y < (double) classes && y == floor (y)))
        return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "point %zu has "
                             "target %s, not a class label 0 to %zu", i + 1,
                             data_format_number (y, buf, sizeof buf), classes - 1);
    }
  d->classes = classes;
  return RS_OK;
}
