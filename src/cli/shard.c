/* shard.c: the part of a sharded table that one shard writes (shard.h). */
#include <config.h>

#include <errno.h>

#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/shard.h"

int
shard_parse (const char *s, size_t *i, size_t *n)
{
  char buf[32];
  const char *slash = strchr (s, '/');
  size_t k = slash != NULL ? (size_t) (slash - s) : 0;

  if (slash == NULL || k == 0 || k >= sizeof buf)
    return -1;
  memcpy (buf, s, k);
  buf[k] = '\0';
  if (cli_parse_count (slash + 1, 1, 100000, n) != 0
      || cli_parse_count (buf, 1, *n, i) != 0)
    return -1;
  return 0;
}

void
shard_range (size_t units, size_t i, size_t n, size_t *u0, size_t *u1)
{
  *u0 = (size_t) ((unsigned long long) units * (i - 1) / n);
  *u1 = (size_t) ((unsigned long long) units * i / n);
}

/* The length of the line at p (its '\n' included) within end. */
static size_t
line_len (const char *p, const char *end)
{
  const char *nl = memchr (p, '\n', (size_t) (end - p));

  return nl != NULL ? (size_t) (nl - p) + 1 : (size_t) (end - p);
}

int
shard_write (FILE *f, const char *csv, size_t len, size_t units,
             size_t u0, size_t u1, size_t i, size_t n, const char **why)
{
  const char *p = csv, *end = csv + len, *rows, *footer;
  size_t nrows = 0, k, r = 0;

  p += line_len (p, end);
  rows = p;
  while (p < end && *p != '#')
    {
      p += line_len (p, end);
      nrows++;
    }
  footer = p;
  if (units == 0 || nrows % units != 0)
    {
      *why = "the table's rows do not split into its units";
      return -1;
    }
  k = nrows / units;
  fwrite (csv, 1, (size_t) (rows - csv), f);
  for (p = rows; p < footer; r++)
    {
      size_t l = line_len (p, end);

      if (r >= u0 * k && r < u1 * k)
        fwrite (p, 1, l, f);
      p += l;
    }
  fwrite (footer, 1, (size_t) (end - footer), f);
  fprintf (f, "# shard: %zu/%zu\n", i, n);
  *why = NULL;
  return 0;
}

int
shard_write_table (FILE *f, void (*table) (FILE *m, void *data),
                   void *data, size_t units, size_t i, size_t n,
                   const char **why)
{
  char *buf = NULL;
  size_t len = 0, u0, u1;
  FILE *m = open_memstream (&buf, &len);
  int rc;

  if (m == NULL)
    {
      *why = strerror (errno);
      return -1;
    }
  table (m, data);
  if (fclose (m) != 0)
    {
      free (buf);
      *why = strerror (ENOMEM);
      return -1;
    }
  shard_range (units, i, n, &u0, &u1);
  rc = shard_write (f, buf, len, units, u0, u1, i, n, why);
  free (buf);
  return rc;
}
