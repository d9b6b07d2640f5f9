/* cli.c: scene loading and messages shared by the subcommands. */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void
cli_message (const char *fmt, ...)
{
  va_list ap;

  fputs ("reluscape: ", stderr);
  va_start (ap, fmt);
  vfprintf (stderr, fmt, ap);
  va_end (ap);
  fputc ('\n', stderr);
}

/* The line-th line (1-based) of text, printed with a caret at col. */
static void
print_caret (const char *text, size_t len, int line, int col)
{
  const char *p = text, *end = text + len, *eol;

  for (int l = 1; l < line && p < end; l++)
    {
      p = memchr (p, '\n', (size_t) (end - p));
      if (p == NULL)
        return;
      p++;
    }
  eol = memchr (p, '\n', (size_t) (end - p));
  if (eol == NULL)
    eol = end;
  fprintf (stderr, "  %.*s\n  ", (int) (eol - p), p);
  for (int c = 1; c < col; c++)
    fputc (p[c - 1] == '\t' ? '\t' : ' ', stderr);
  fputs ("^\n", stderr);
}

void
cli_print_error (const rs_error *err, const char *text, size_t len)
{
  char buf[1024];

  fprintf (stderr, "%s\n", rs_error_format (err, buf, sizeof buf));
  if (text != NULL && err->line > 0)
    print_caret (text, len, err->line, err->col);
}

/* The whole file, or NULL with errno set when it cannot be read or is
 * larger than a scene can be (1 MiB). */
static char *
slurp (const char *path, size_t *len)
{
  FILE *f = fopen (path, "rb");
  char *buf = NULL;
  size_t n = 0, cap = 0;
  int saved;

  if (f == NULL)
    return NULL;
  for (;;)
    {
      if (n + 4096 > cap)
        {
          char *nb = realloc (buf, cap = 2 * cap + 8192);
          if (nb == NULL)
            break;
          buf = nb;
        }
      size_t k = fread (buf + n, 1, cap - n, f);
      n += k;
      if (k == 0 || n > (1u << 20))
        break;
    }
  saved = ferror (f) ? errno : n > (1u << 20) ? EFBIG : 0;
  fclose (f);
  if (buf == NULL || saved != 0)
    {
      free (buf);
      errno = saved ? saved : ENOMEM;
      return NULL;
    }
  *len = n;
  return buf;
}

int
cli_load_scene (const char *path, rs_scene *sc)
{
  rs_error err;
  char *text;
  size_t len = 0;
  int rc;

  rs_error_clear (&err);
  if (path == NULL)
    {
      rc = rs_scene_parse (sc, rs_builtin_scene, rs_builtin_scene_len,
                           CLI_BUILTIN_NAME, &err);
      if (rc != RS_OK)
        cli_print_error (&err, rs_builtin_scene, rs_builtin_scene_len);
      return rc == RS_OK ? CLI_OK : CLI_USAGE;
    }
  text = slurp (path, &len);
  if (text == NULL)
    {
      cli_message ("%s: cannot read the scene: %s", path, strerror (errno));
      return CLI_USAGE;
    }
  rc = rs_scene_parse (sc, text, len, path, &err);
  if (rc != RS_OK)
    cli_print_error (&err, text, len);
  free (text);
  return rc == RS_OK ? CLI_OK : CLI_USAGE;
}

int
cli_parse_size (const char *s, int *w, int *h)
{
  char *end;
  long a, b;

  a = strtol (s, &end, 10);
  if (end == s || (*end != 'x' && *end != 'X'))
    return -1;
  s = end + 1;
  b = strtol (s, &end, 10);
  if (end == s || *end != '\0')
    return -1;
  if (a < 16 || a > 16384 || b < 16 || b > 16384)
    return -1;
  *w = (int) a;
  *h = (int) b;
  return 0;
}
