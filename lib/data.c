/* data.c: data sets of n points with dim inputs and ydim targets.
 *
 * Seeded generators (one const table per family, in the manner of
 * rs_act_type), a seeded train/test split, class labels, and CSV files
 * with a header row.  Every random number comes from the caller's gsl_rng,
 * so a seed fixes the data; every error goes through rs_error_set. */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_math.h>
#include <gsl/gsl_randist.h>

#include "reluscape/rs_data.h"

/* "s" after a count other than one, for messages. */
static const char *
plural (size_t n)
{
  return n == 1 ? "" : "s";
}

/* v in the fewest significant digits that read back as v, so that a
 * message shows 2.5 as "2.5" and 1 + 1e-12 as "1.000000000001". */
static const char *
format_number (double v, char *buf, size_t n)
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

const rs_data_gen *
rs_data_gen_lookup (const char *name)
{
  if (name == NULL)
    return NULL;
  for (size_t i = 0; rs_data_gens[i] != NULL; i++)
    if (strcmp (rs_data_gens[i]->name, name) == 0)
      return rs_data_gens[i];
  return NULL;
}

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
                         format_number (noise, buf, sizeof buf));
  if (r == NULL && (g->classes > 0 || noise > 0.0))
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "'%s' data with noise "
                         "%s are drawn at random: they need a random number "
                         "generator", g->name,
                         format_number (noise, buf, sizeof buf));
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

/* ------------------------------------------------------------------ */
/* Train/test split and class labels */

/* The size of the test set, round(test_fraction n), after checking that
 * both parts get a point. */
static int
check_split (const rs_data *d, double test_fraction, const gsl_rng *r,
             size_t *ntest, rs_error *err)
{
  char buf[32];
  const char *f = format_number (test_fraction, buf, sizeof buf);

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
                         plural (d->n), *ntest == 0 ? "test" : "training");
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
                             format_number (y, buf, sizeof buf), classes - 1);
    }
  d->classes = classes;
  return RS_OK;
}

/* ------------------------------------------------------------------ */
/* CSV: a header row of names, then rows of decimal numbers */

/* One line of the text, [start, stop) without its '\n' or the '\r' before
 * it, and its 1-based number. */
typedef struct {
  const char *start;
  const char *stop;
  int line;
} csv_line;

/* One field of a line, [start, stop) without the blanks around it; col is
 * the column of its first character, or where it would be when empty. */
typedef struct {
  const char *start;
  const char *stop;
  int col;
} csv_field;

/* The parser's state: where it is in the text, the shape it reads, a
 * scratch copy of the current field for strtod, and the error report. */
typedef struct {
  const char *p;
  const char *end;
  const char *name;
  int line;
  size_t dim;
  size_t ydim;
  size_t ncols;
  char *buf;
  size_t bufsize;
  rs_error *err;
} csv_parser;

/* Ways a field can fail to be a number. */
enum { NUM_OK, NUM_EMPTY, NUM_BAD, NUM_NONFINITE, NUM_RANGE, NUM_NOMEM };

/* A syntax error at line:col of the text. */
static int
csv_fail (csv_parser *ps, int line, int col, const char *fmt, ...)
  __attribute__ ((format (printf, 4, 5)));

static int
csv_fail (csv_parser *ps, int line, int col, const char *fmt, ...)
{
  char msg[400];
  va_list ap;

  va_start (ap, fmt);
  vsnprintf (msg, sizeof msg, fmt, ap);
  va_end (ap);
  return rs_error_set (ps->err, RS_ESYNTAX, ps->name, line, col, "%s", msg);
}

static int
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

/* The 1-based column of q in line l, clamped to what an int holds. */
static int
col_of (const csv_line *l, const char *q)
{
  size_t c = (size_t) (q - l->start) + 1;

  return c > INT_MAX ? INT_MAX : (int) c;
}

/* The next line of the text into l: 1, or 0 at the end of the text. */
static int
next_line (csv_parser *ps, csv_line *l)
{
  const char *nl;

  if (ps->p >= ps->end)
    return 0;
  nl = memchr (ps->p, '\n', (size_t) (ps->end - ps->p));
  l->start = ps->p;
  l->stop = nl != NULL ? nl : ps->end;
  ps->p = nl != NULL ? nl + 1 : ps->end;
  if (l->stop > l->start && l->stop[-1] == '\r')
    l->stop--;
  if (ps->line < INT_MAX)
    ps->line++;
  l->line = ps->line;
  return 1;
}

/* Text is text: a NUL byte means a binary file or a broken string. */
static int
check_nul (csv_parser *ps, const csv_line *l)
{
  const char *z = memchr (l->start, '\0', (size_t) (l->stop - l->start));

  if (z == NULL)
    return RS_OK;
  return csv_fail (ps, l->line, col_of (l, z), "NUL byte in the text");
}

/* Whether l is blank or a comment, and so skipped. */
static int
is_skipped (const csv_line *l)
{
  const char *q = l->start;

  while (q < l->stop && is_blank (*q))
    q++;
  return q == l->stop || *q == '#';
}

/* The next line that is neither blank nor a comment into l: RS_OK, 1 at
 * the end of the text, or an error. */
static int
next_row (csv_parser *ps, csv_line *l)
{
  int rc;

  while (next_line (ps, l))
    {
      if ((rc = check_nul (ps, l)) != RS_OK)
        return rc;
      if (!is_skipped (l))
        return RS_OK;
    }
  return 1;
}

/* Cut the field of l that begins at q into f; returns where the next field
 * begins, or NULL when f is the line's last. */
static const char *
next_field (const csv_line *l, const char *q, csv_field *f)
{
  const char *comma = memchr (q, ',', (size_t) (l->stop - q));
  const char *e = comma != NULL ? comma : l->stop;

  while (q < e && is_blank (*q))
    q++;
  while (e > q && is_blank (e[-1]))
    e--;
  f->start = q;
  f->stop = e;
  f->col = col_of (l, q);
  return comma != NULL ? comma + 1 : NULL;
}

/* The field as a printable quoted string for messages: control bytes as
 * '?', cut after 40 characters with "...". */
static const char *
field_text (const csv_field *f, char *buf, size_t n)
{
  size_t len = (size_t) (f->stop - f->start), k = 0;
  size_t shown = len > 40 ? 40 : len;

  buf[k++] = '\'';
  for (size_t i = 0; i < shown && k + 6 < n; i++)
    {
      unsigned char c = (unsigned char) f->start[i];

      buf[k++] = c < 0x20 || c == 0x7f ? '?' : (char) c;
    }
  if (shown < len)
    k += (size_t) snprintf (buf + k, n - k, "...");
  snprintf (buf + k, n - k, "'");
  return buf;
}

/* Whether [s, e) is word, ignoring the case of ASCII letters. */
static int
equals_ci (const char *s, const char *e, const char *word)
{
  size_t n = strlen (word);

  if ((size_t) (e - s) != n)
    return 0;
  for (size_t i = 0; i < n; i++)
    {
      char c = s[i] >= 'A' && s[i] <= 'Z' ? (char) (s[i] - 'A' + 'a') : s[i];

      if (c != word[i])
        return 0;
    }
  return 1;
}

/* Whether f spells NaN or Inf as strtod reads them: an optional sign and
 * nan, nan(...), inf or infinity in any case. */
static int
spells_nonfinite (const csv_field *f)
{
  const char *s = f->start, *e = f->stop;

  if (s < e && (*s == '+' || *s == '-'))
    s++;
  if (e - s > 4 && equals_ci (s, s + 4, "nan(") && e[-1] == ')')
    return 1;
  return equals_ci (s, e, "nan") || equals_ci (s, e, "inf")
         || equals_ci (s, e, "infinity");
}

/* Whether f has only the characters of a decimal number, which leaves out
 * strtod's hexadecimal 0x... and its nan and inf. */
static int
has_decimal_chars (const csv_field *f)
{
  for (const char *q = f->start; q < f->stop; q++)
    if (strchr ("0123456789+-.eE", *q) == NULL || *q == '\0')
      return 0;
  return 1;
}

/* Make the scratch buffer hold n bytes. */
static int
reserve (csv_parser *ps, size_t n)
{
  char *b;

  if (n <= ps->bufsize)
    return 0;
  b = realloc (ps->buf, n);
  if (b == NULL)
    return -1;
  ps->buf = b;
  ps->bufsize = n;
  return 0;
}

/* Read field f as a finite decimal number into *v: NUM_OK or the way it
 * fails.  strtod must take the whole field. */
static int
read_number (csv_parser *ps, const csv_field *f, double *v)
{
  size_t n = (size_t) (f->stop - f->start);
  char *stop;

  if (n == 0)
    return NUM_EMPTY;
  if (spells_nonfinite (f))
    return NUM_NONFINITE;
  if (!has_decimal_chars (f))
    return NUM_BAD;
  if (reserve (ps, n + 1) != 0)
    return NUM_NOMEM;
  memcpy (ps->buf, f->start, n);
  ps->buf[n] = '\0';
  errno = 0;
  *v = strtod (ps->buf, &stop);
  if (*stop != '\0')
    return NUM_BAD;
  if (errno == ERANGE && fabs (*v) > 1.0)
    return NUM_RANGE;
  return NUM_OK;
}

/* The error for a field of line that read_number refused with how. */
static int
number_error (csv_parser *ps, const csv_line *l, const csv_field *f, int how)
{
  char buf[64];

  switch (how)
    {
    case NUM_EMPTY:
      return csv_fail (ps, l->line, f->col,
                       "empty field: a number is needed");
    case NUM_NONFINITE:
      return csv_fail (ps, l->line, f->col, "%s: NaN or Inf is not allowed",
                       field_text (f, buf, sizeof buf));
    case NUM_RANGE:
      return csv_fail (ps, l->line, f->col, "%s is too large for a double "
                       "(Inf is not allowed)",
                       field_text (f, buf, sizeof buf));
    case NUM_NOMEM:
      return rs_error_set (ps->err, RS_ENOMEM, ps->name, l->line, f->col,
                           "out of memory reading a number");
    default:
      return csv_fail (ps, l->line, f->col, "%s is not a number",
                       field_text (f, buf, sizeof buf));
    }
}

/* Check the header's ncols columns against the network's dim inputs and
 * ydim targets, taking dim = ncols - ydim when dim is 0.  surplus_col is
 * the column of the first name past dim + ydim (dim 0: past
 * RS_DATA_MAX_DIM + ydim), eol_col the column past the line's end. */
static int
check_columns (csv_parser *ps, int line, int surplus_col, int eol_col)
{
  size_t nc = ps->ncols, ydim = ps->ydim;

  if (ps->dim == 0 && nc <= ydim)
    return csv_fail (ps, line, eol_col, "too few columns for the network: "
                     "%zu column%s, the network takes at least 1 input and "
                     "%zu target%s", nc, plural (nc), ydim, plural (ydim));
  if (ps->dim == 0 && nc - ydim > RS_DATA_MAX_DIM)
    return csv_fail (ps, line, surplus_col, "too many columns: %zu columns, "
                     "a data set takes at most %d inputs and %zu target%s",
                     nc, RS_DATA_MAX_DIM, ydim, plural (ydim));
  if (ps->dim == 0)
    ps->dim = nc - ydim;
  if (nc != ps->dim + ydim)
    return csv_fail (ps, line, nc > ps->dim + ydim ? surplus_col : eol_col,
                     "too %s columns for the network: %zu column%s, the "
                     "network takes %zu input%s and %zu target%s",
                     nc > ps->dim + ydim ? "many" : "few", nc, plural (nc),
                     ps->dim, plural (ps->dim), ydim, plural (ydim));
  return RS_OK;
}

/* Read the header l: one non-empty name per column, not all of them
 * numbers (that would be a data row with the header missing), as many as
 * the network takes. */
static int
read_header (csv_parser *ps, const csv_line *l)
{
  size_t limit = (ps->dim > 0 ? ps->dim : RS_DATA_MAX_DIM) + ps->ydim;
  int surplus_col = 1, all_numbers = 1;
  const char *q = l->start;
  csv_field f;
  double v;

  ps->ncols = 0;
  do
    {
      q = next_field (l, q, &f);
      if (f.start == f.stop)
        return csv_fail (ps, l->line, f.col, "column %zu of the header has "
                         "no name", ps->ncols + 1);
      if (read_number (ps, &f, &v) != NUM_OK)
        all_numbers = 0;
      if (ps->ncols == limit)
        surplus_col = f.col;
      ps->ncols++;
    }
  while (q != NULL);
  if (all_numbers)
    return csv_fail (ps, l->line, 1, "the first row must be a header of "
                     "column names");
  return check_columns (ps, l->line, surplus_col, col_of (l, l->stop));
}

/* Find and read the header: the first line neither blank nor a comment. */
static int
find_header (csv_parser *ps, csv_line *l)
{
  int rc;

  if (ps->p == ps->end)
    return rs_error_set (ps->err, RS_ESYNTAX, ps->name, 0, 0,
                         "file is empty");
  rc = next_row (ps, l);
  if (rc == 1)
    return rs_error_set (ps->err, RS_ESYNTAX, ps->name, 0, 0, "no header "
                         "row: the file has only blank lines and comments");
  if (rc != RS_OK)
    return rc;
  return read_header (ps, l);
}

/* Count the data rows after the header, leaving the parser where it was;
 * refuses none and more than RS_DATA_MAX_POINTS before any is read. */
static int
count_rows (csv_parser *ps, const csv_line *header, size_t *rows)
{
  const char *p = ps->p;
  int line = ps->line, rc;
  csv_line l;

  *rows = 0;
  while ((rc = next_row (ps, &l)) == RS_OK)
    if (++*rows > RS_DATA_MAX_POINTS)
      return csv_fail (ps, l.line, 1, "too many data rows (at most %d)",
                       RS_DATA_MAX_POINTS);
  if (rc != 1)
    return rc;
  if (*rows == 0)
    return csv_fail (ps, header->line, 1, "no data rows after the header");
  ps->p = p;
  ps->line = line;
  return RS_OK;
}

/* Read data row l as point i of d: its first dim numbers are the inputs,
 * the next ydim the targets, and it has exactly as many as the header. */
static int
read_row (csv_parser *ps, const csv_line *l, rs_data *d, size_t i)
{
  const char *q = l->start;
  size_t k = 0;
  int surplus_col = 1, how;
  csv_field f;
  double v = 0.0;

  do
    {
      q = next_field (l, q, &f);
      if (k == ps->ncols)
        surplus_col = f.col;
      if (k < ps->ncols && (how = read_number (ps, &f, &v)) != NUM_OK)
        return number_error (ps, l, &f, how);
      if (k < ps->dim)
        d->x[i * ps->dim + k] = v;
      else if (k < ps->ncols)
        d->y[i * ps->ydim + (k - ps->dim)] = v;
      k++;
    }
  while (q != NULL);
  if (k != ps->ncols)
    return csv_fail (ps, l->line, k > ps->ncols ? surplus_col
                     : col_of (l, l->stop), "row has %zu field%s, the "
                     "header has %zu", k, plural (k), ps->ncols);
  return RS_OK;
}

/* Read the rows data rows after the header into a new data set *out. */
static int
read_rows (csv_parser *ps, size_t rows, rs_data **out)
{
  rs_data *d = rs_data_alloc_dims (rows, ps->dim, ps->ydim, ps->err);
  csv_line l;
  int rc = RS_OK;

  if (d == NULL)
    return RS_ENOMEM;
  for (size_t i = 0; i < rows && rc == RS_OK; i++)
    if ((rc = next_row (ps, &l)) == RS_OK)
      rc = read_row (ps, &l, d, i);
  if (rc != RS_OK)
    {
      rs_data_free (d);
      return rc;
    }
  *out = d;
  return RS_OK;
}

/* Whether dim and ydim are shapes a data set can take. */
static int
check_csv_shape (size_t dim, size_t ydim, rs_error *err)
{
  if (dim > RS_DATA_MAX_DIM || ydim < 1 || ydim > RS_DATA_MAX_DIM)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "a CSV file's rows "
                         "take 0 (all but the targets) to %d inputs and 1 "
                         "to %d targets, not %zu and %zu", RS_DATA_MAX_DIM,
                         RS_DATA_MAX_DIM, dim, ydim);
  return RS_OK;
}

int
rs_data_parse_csv (const char *text, size_t len, const char *name,
                   size_t dim, size_t ydim, rs_data **out, rs_error *err)
{
  csv_parser ps = { .name = name != NULL ? name : "<text>", .dim = dim,
                    .ydim = ydim, .err = err };
  csv_line header;
  size_t rows;
  int rc;

  *out = NULL;
  if ((rc = check_csv_shape (dim, ydim, err)) != RS_OK)
    return rc;
  ps.p = text != NULL ? text : "";
  ps.end = text != NULL ? text + len : ps.p;
  if ((rc = find_header (&ps, &header)) == RS_OK
      && (rc = count_rows (&ps, &header, &rows)) == RS_OK)
    rc = read_rows (&ps, rows, out);
  free (ps.buf);
  return rc;
}

int
rs_data_read_csv (const char *path, size_t dim, size_t ydim, rs_data **out,
                  rs_error *err)
{
  char *text = NULL;
  size_t len = 0;
  int rc;

  *out = NULL;
  if ((rc = check_csv_shape (dim, ydim, err)) != RS_OK)
    return rc;
  if ((rc = rs_file_read (path, RS_DATA_MAX_BYTES, "data file", &text, &len,
                          err)) != RS_OK)
    return rc;
  rc = rs_data_parse_csv (text, len, path, dim, ydim, out, err);
  free (text);
  return rc;
}
