/* data_gen.c: the seeded data generators.
 *
 * One const table per family, in the manner of rs_act_type: regression
 * curves on an even grid of [-1, 1] and classification sets in the square
 * [-1, 1]^2, each moved by the caller's noise.  Every random number comes
 * from the caller's gsl_rng, so a seed fixes the data. */
#include <config.h>

#include <math.h>
#include <string.h>

#include <gsl/gsl_math.h>
#include <gsl/gsl_randist.h>

#include "reluscape/rs_data.h"
#include "data_private.h"
#include "table_private.h"

/* ------------------------------------------------------------------ */
/* Regression generators: x_i = -1 + 2 i / (n - 1), y_i = f(x_i) + noise
 * N(0, 1) */

/* Point i of n evenly spaced on [-1, 1], both ends exact, so that the dead
 * region is exactly b <= -|w| (rs_neuron_dead_bias). */
static double
grid_x (size_t i, size_t n)
{
  return n > 1 ? -1.0 + 2.0 * (double) i / (double) (n - 1) : 0.0;
}

void
rs_data_line (rs_data *d, double slope, double intercept, double noise,
              gsl_rng *r)
{
  for (size_t i = 0; i < d->n; i++)
    {
      double x = grid_x (i, d->n);

      d->x[i] = x;
      d->y[i] = slope * x + intercept;
      if (noise > 0.0)
        d->y[i] += gsl_ran_gaussian (r, noise);
    }
}

/* y = f(x) on the grid, each target then moved by noise N(0, 1). */
static void
fill_curve (rs_data *d, double (*f) (double), double noise, gsl_rng *r)
{
  for (size_t i = 0; i < d->n; i++)
    {
      double x = grid_x (i, d->n);

      d->x[i] = x;
      d->y[i] = f (x);
      if (noise > 0.0)
        d->y[i] += gsl_ran_gaussian (r, noise);
    }
}

/* y = |x| */
static double
abs_f (double x)
{
  return fabs (x);
}

/* y = sin(pi x) */
static double
sine_f (double x)
{
  return sin (M_PI * x);
}

/* y = 0 for x < 0, 1 for x >= 0 */
static double
step_f (double x)
{
  return x < 0.0 ? 0.0 : 1.0;
}

/* line: y = 2 x + 1 */
static void
line_fill (rs_data *d, double noise, gsl_rng *r)
{
  rs_data_line (d, 2.0, 1.0, noise, r);
}

static void
abs_fill (rs_data *d, double noise, gsl_rng *r)
{
  fill_curve (d, abs_f, noise, r);
}

static void
sine_fill (rs_data *d, double noise, gsl_rng *r)
{
  fill_curve (d, sine_f, noise, r);
}

static void
step_fill (rs_data *d, double noise, gsl_rng *r)
{
  fill_curve (d, step_f, noise, r);
}

/* ------------------------------------------------------------------ */
/* Classification generators: a clean point drawn from r, its label by the
 * family's rule, then each coordinate moved by noise N(0, 1) */

/* A point uniform on the square [-1, 1]^2. */
static void
uniform_square (gsl_rng *r, double *p)
{
  p[0] = 2.0 * gsl_rng_uniform (r) - 1.0;
  p[1] = 2.0 * gsl_rng_uniform (r) - 1.0;
}

/* Move each of the two coordinates of p by noise N(0, 1). */
static void
jitter (double *p, double noise, gsl_rng *r)
{
  if (noise <= 0.0)
    return;
  p[0] += gsl_ran_gaussian (r, noise);
  p[1] += gsl_ran_gaussian (r, noise);
}

/* xor: label 1 where x1 x2 < 0, the second and fourth quadrants. */
static void
xor_fill (rs_data *d, double noise, gsl_rng *r)
{
  for (size_t i = 0; i < d->n; i++)
    {
      double *p = d->x + 2 * i;

      uniform_square (r, p);
      d->y[i] = p[0] * p[1] < 0.0 ? 1.0 : 0.0;
      jitter (p, noise, r);
    }
}

/* circle: label 1 where x1^2 + x2^2 < 2 / pi, a disc of area
 * pi (2 / pi) = 2, half the square's area 4. */
static void
circle_fill (rs_data *d, double noise, gsl_rng *r)
{
  for (size_t i = 0; i < d->n; i++)
    {
      double *p = d->x + 2 * i;

      uniform_square (r, p);
      d->y[i] = p[0] * p[0] + p[1] * p[1] < 2.0 / M_PI ? 1.0 : 0.0;
      jitter (p, noise, r);
    }
}

/* blobs: point i has label k = i mod 3 and is drawn from N(c_k, 0.2^2 I)
 * with c_k = 0.6 (cos a_k, sin a_k), a_k = 90 + 120 k degrees. */
static void
blobs_fill (rs_data *d, double noise, gsl_rng *r)
{
  for (size_t i = 0; i < d->n; i++)
    {
      double *p = d->x + 2 * i;
      size_t k = i % 3;
      double a = (90.0 + 120.0 * (double) k) * M_PI / 180.0;

      p[0] = 0.6 * cos (a) + gsl_ran_gaussian (r, 0.2);
      p[1] = 0.6 * sin (a) + gsl_ran_gaussian (r, 0.2);
      d->y[i] = (double) k;
      jitter (p, noise, r);
    }
}

/* spirals: point i has label l = i mod 2 and lies at radius t and angle
 * 3 pi t + pi l for t uniform on [0.05, 1]. */
static void
spirals_fill (rs_data *d, double noise, gsl_rng *r)
{
  for (size_t i = 0; i < d->n; i++)
    {
      double *p = d->x + 2 * i;
      double l = (double) (i % 2);
      double t = 0.05 + 0.95 * gsl_rng_uniform (r);
      double a = 3.0 * M_PI * t + M_PI * l;

      p[0] = t * cos (a);
      p[1] = t * sin (a);
      d->y[i] = l;
      jitter (p, noise, r);
    }
}

/* ------------------------------------------------------------------ */
/* The generator tables */

static const rs_data_gen line_gen = { "line", 1, 0, line_fill };
static const rs_data_gen abs_gen = { "abs", 1, 0, abs_fill };
static const rs_data_gen sine_gen = { "sine", 1, 0, sine_fill };
static const rs_data_gen step_gen = { "step", 1, 0, step_fill };
static const rs_data_gen xor_gen = { "xor", 2, 2, xor_fill };
static const rs_data_gen circle_gen = { "circle", 2, 2, circle_fill };
static const rs_data_gen blobs_gen = { "blobs", 2, 3, blobs_fill };
static const rs_data_gen spirals_gen = { "spirals", 2, 2, spirals_fill };

const rs_data_gen *const rs_data_line_gen = &line_gen;
const rs_data_gen *const rs_data_abs_gen = &abs_gen;
const rs_data_gen *const rs_data_sine_gen = &sine_gen;
const rs_data_gen *const rs_data_step_gen = &step_gen;
const rs_data_gen *const rs_data_xor_gen = &xor_gen;
const rs_data_gen *const rs_data_circle_gen = &circle_gen;
const rs_data_gen *const rs_data_blobs_gen = &blobs_gen;
const rs_data_gen *const rs_data_spirals_gen = &spirals_gen;

const rs_data_gen *const rs_data_gens[] = {
  &line_gen, &abs_gen, &sine_gen, &step_gen,
  &xor_gen, &circle_gen, &blobs_gen, &spirals_gen, NULL
};

RS_TABLE_LOOKUP (rs_data_gen, rs_data_gen_lookup, rs_data_gens)

/* Whether g can make n points with this noise from r. */
static int
check_generate (const rs_data_gen *g, size_t n, double noise,
                const gsl_rng *r, rs_error *err)
{
  char buf[32];

  if (g == NULL)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "no data generator given");
  if (n < 2 || n > RS_DATA_MAX_POINTS)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "'%s' data take 2 to "
                         "%d points, not %zu", g->name, RS_DATA_MAX_POINTS,
                         n);
  if (!isfinite (noise) || noise < 0.0)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "the noise must be "
                         "finite and at least 0, not %s",
                         data_format_number (noise, buf, sizeof buf));
  if (r == NULL && (g->classes > 0 || noise > 0.0))
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "'%s' data with noise "
                         "%s are drawn at random: they need a random number "
                         "generator", g->name,
                         data_format_number (noise, buf, sizeof buf));
  return RS_OK;
}

rs_data *
rs_data_generate (const rs_data_gen *g, size_t n, double noise, gsl_rng *r,
                  rs_error *err)
{
  rs_data *d;

  if (check_generate (g, n, noise, r, err) != RS_OK)
    return NULL;
  d = rs_data_alloc_dims (n, g->dim, 1, err);
  if (d == NULL)
    return NULL;
  d->classes = g->classes;
  g->fill (d, noise, r);
  return d;
}
