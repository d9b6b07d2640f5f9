/* rs_data.h: data sets.  n points, each with dim inputs and ydim targets:
 * seeded generators for 1-D regression and 2-D classification, a seeded
 * train/test split, and CSV files with a header row. */
#ifndef RS_DATA_H
#define RS_DATA_H

#include <gsl/gsl_rng.h>
#include <reluscape/rs_common.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Inputs and targets are row-major: x[i * dim + k] is input k of point i,
 * y[i * ydim + c] its target c.  For classification (classes >= 2) ydim is
 * 1 and y[i] is a label 0, 1, ..., classes - 1 stored as a double; for
 * regression classes is 0.  With dim = ydim = 1, x[i] and y[i] are the
 * point's input and target. */
typedef struct {
  size_t n;
  size_t dim;
  size_t ydim;
  size_t classes;
  double *x;
  double *y;
} rs_data;

/* The largest data set the library accepts, in points, and in inputs or
 * targets per point. */
#define RS_DATA_MAX_POINTS 10000000
#define RS_DATA_MAX_DIM 1024
/* The largest CSV file read, in bytes (256 MiB). */
#define RS_DATA_MAX_BYTES (256u << 20)

/* A data set of n points with one input and one target, all zero; NULL
 * with err filled on failure. */
rs_data *rs_data_alloc (size_t n, rs_error *err);

/* The same with dim inputs and ydim targets per point (1 to
 * RS_DATA_MAX_DIM each). */
rs_data *rs_data_alloc_dims (size_t n, size_t dim, size_t ydim,
                             rs_error *err);

void rs_data_free (rs_data *d);

/* A copy of d; NULL with err filled when out of memory. */
rs_data *rs_data_clone (const rs_data *d, rs_error *err);

/* y = slope x + intercept + noise * N(0, 1) at n points evenly spaced on
 * [-1, 1] (both ends included; n >= 2).  The noise is drawn from r, so the
 * same seed gives the same data. */
void rs_data_line (rs_data *d, double slope, double intercept, double noise,
                   gsl_rng *r);

/* A generator family, in the manner of rs_act_type: a name and a function
 * that fills a data set of the family's shape.
 *
 *  1-D regression, x evenly spaced on [-1, 1], y + noise * N(0, 1):
 *    line     y = 2 x + 1
 *    abs      y = |x|
 *    sine     y = sin(pi x)
 *    step     y = 0 for x < 0, 1 for x >= 0
 *  2-D classification, labels 0 and 1 (blobs: 0, 1, 2), points drawn from
 *  r and labelled, then each coordinate moved by noise * N(0, 1) (so
 *  that noise puts some points on the wrong side of the rule):
 *    xor      x uniform on [-1, 1]^2, label 1 where x1 x2 < 0
 *    circle   x uniform on [-1, 1]^2, label 1 inside the circle of radius
 *             sqrt(2 / pi) (half the square's area)
 *    blobs    point i in class i mod 3: three Gaussian blobs of standard deviation 0.2 centred on the
 *             circle of radius 0.6 at 90, 210 and 330 degrees
 *    spirals  point i in class i mod 2: two interleaved spirals, radius t and angle 3 pi t + pi label
 *             for t uniform on [0.05, 1]
 */
typedef struct {
  const char *name;
  size_t dim;       /* inputs per point */
  size_t classes;   /* 0 for regression */
  void (*fill) (rs_data *d, double noise, gsl_rng *r);
} rs_data_gen;

extern const rs_data_gen *const rs_data_line_gen;
extern const rs_data_gen *const rs_data_abs_gen;
extern const rs_data_gen *const rs_data_sine_gen;
extern const rs_data_gen *const rs_data_step_gen;
extern const rs_data_gen *const rs_data_xor_gen;
extern const rs_data_gen *const rs_data_circle_gen;
extern const rs_data_gen *const rs_data_blobs_gen;
extern const rs_data_gen *const rs_data_spirals_gen;

/* Every generator, terminated by NULL. */
extern const rs_data_gen *const rs_data_gens[];

/* The generator called name, or NULL. */
const rs_data_gen *rs_data_gen_lookup (const char *name);

/* n points (n >= 2) from g with the given noise (>= 0, finite), drawn from
 * r (which may be NULL for a regression family without noise).  NULL with
 * err filled on bad arguments or when out of memory. */
rs_data *rs_data_generate (const rs_data_gen *g, size_t n, double noise,
                           gsl_rng *r, rs_error *err);

/* Split d at random (a permutation drawn from r) into a training set and a
 * test set of round(test_fraction * n) points, keeping the order of the
 * points within each part.  test_fraction in (0, 1), and both parts must
 * get at least one point.  On failure *train and *test are NULL. */
int rs_data_split (const rs_data *d, double test_fraction, gsl_rng *r,
                   rs_data **train, rs_data **test, rs_error *err);

/* Whether every target of d is a class label 0 ... classes - 1 (classes
 * >= 2, ydim = 1, integral values); on success d->classes is set to
 * classes.  The error
 * names the first bad point (1-based, as a CSV row would be counted). */
int rs_data_set_classes (rs_data *d, size_t classes, rs_error *err);

/* Read a CSV file: a header row of column names, then one row per point of
 * comma-separated decimal numbers (blank lines and lines starting with '#'
 * are skipped; CRLF line ends are accepted).  The first dim columns are the
 * inputs and the next ydim the targets; dim = 0 takes every column but the
 * last ydim as inputs.  Errors name file:line(:col): a missing or empty
 * file, a header only, a ragged row, a field that is not a number, NaN or
 * Inf, more or fewer columns than dim + ydim ("too many columns for the
 * network").  On failure *out is NULL. */
int rs_data_read_csv (const char *path, size_t dim, size_t ydim,
                      rs_data **out, rs_error *err);

/* The same from text of length len in memory; name is used in errors. */
int rs_data_parse_csv (const char *text, size_t len, const char *name,
                       size_t dim, size_t ydim, rs_data **out, rs_error *err);

/* The smallest and largest value of the first input of d. */
rs_interval rs_data_x_range (const rs_data *d);

#ifdef __cplusplus
}
#endif

#endif /* RS_DATA_H */
