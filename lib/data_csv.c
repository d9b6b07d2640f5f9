/* data_csv.c: data sets read from CSV text.
 *
 * A header row of names, then rows of decimal numbers: the first dim
 * columns the inputs, the next ydim the targets.  Blank lines and
 * comments are skipped; every refusal names file:line:col. */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reluscape/rs_data.h"
#include "data_private.h"

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
                     "%zu target%s", nc, data_plural (nc), ydim, data_plural (ydim));
  if (ps->dim == 0 && nc - ydim > RS_DATA_MAX_DIM)
    return csv_fail (ps, line, surplus_col, "too many columns: %zu columns, "
                     "a data set takes at most %d inputs and %zu target%s",
                     nc, RS_DATA_MAX_DIM, ydim, data_plural (ydim));
  if (ps->dim == 0)
    ps->dim = nc - ydim;
  if (nc != ps->dim + ydim)
    return csv_fail (ps, line, nc > ps->dim + ydim ? surplus_col : eol_col,
                     "too %s columns for the network: %zu column%s, the "
                     "network takes %zu input%s and %zu target%s",
                     nc > ps->dim + ydim ? "many" : "few", nc, data_plural (nc),
                     ps->dim, data_plural (ps->dim), ydim, data_plural (ydim));
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
                     "header has %zu", k, data_plural (k), ps->ncols);
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
