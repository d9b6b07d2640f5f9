/* cli.c: scene loading and messages shared by the subcommands. */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

void
cli_progress (const char *what, size_t done, size_t total)
{
  static struct timespec last;
  static int tty = -1;
  struct timespec now;
  char bar[31];
  size_t k;

  if (tty < 0)
    tty = isatty (STDERR_FILENO);
  if (!tty || total == 0)
    return;
  if (done >= total)
    {
      fprintf (stderr, "\r\033[K");
      last.tv_sec = 0;
      return;
    }
  clock_gettime (CLOCK_MONOTONIC, &now);
  if ((now.tv_sec - last.tv_sec) * 1000000000L + (now.tv_nsec - last.tv_nsec)
      < 100000000L)
    return;
  last = now;
  k = (size_t) ((double) done / (double) total * 30.0);
  memset (bar, '#', k);
  memset (bar + k, '.', 30 - k);
  bar[30] = '\0';
  fprintf (stderr, "\r%s [%s] %zu/%zu", what, bar, done, total);
}

int
cli_need_neuron (const rs_scene *sc, const char *path)
{
  if (sc->sim.net.layers == 0)
    return CLI_OK;
  cli_message ("%s: render and run draw the landscape of a single neuron; "
               "this scene trains a network of %zu layers: use 'reluscape "
               "simulate' for its numbers",
               cli_is_builtin (path) ? CLI_BUILTIN_NAME : path,
               sc->sim.net.layers);
  return CLI_USAGE;
}

int
cli_is_builtin (const char *arg)
{
  return arg == NULL || strcmp (arg, "-") == 0 || strcmp (arg, "builtin") == 0;
}

int
cli_load_scene (const char *path, rs_scene *sc)
{
  rs_error err;
  char *text;
  size_t len = 0;
  int rc;

  rs_error_clear (&err);
  if (cli_is_builtin (path))
    {
      rc = rs_scene_parse (sc, rs_builtin_scene, rs_builtin_scene_len,
                           CLI_BUILTIN_NAME, &err);
      if (rc != RS_OK)
        cli_print_error (&err, rs_builtin_scene, rs_builtin_scene_len);
      return rc == RS_OK ? CLI_OK : CLI_USAGE;
    }
  if (rs_scene_read (path, &text, &len, &err) != RS_OK)
    {
      cli_message ("%s: %s", path, err.message);
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
  return cli_parse_dims (s, 16, 16384, w, h);
}

int
cli_parse_dims (const char *s, long min, long max, int *w, int *h)
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
  if (a < min || a > max || b < min || b > max)
    return -1;
  *w = (int) a;
  *h = (int) b;
  return 0;
}

/* Whether the folder of path can take a new file: checked before the run,
 * so that a long run does not end in a write error that was there from
 * the start.  CLI_FAILURE with a message naming the file otherwise. */
int
cli_check_folder (const char *path)
{
  const char *slash = strrchr (path, '/');
  char *dir;
  int rc;

  if (slash == NULL)
    dir = strdup (".");
  else
    dir = strndup (path, slash == path ? 1 : (size_t) (slash - path));
  if (dir == NULL)
    {
      cli_message ("%s: out of memory", path);
      return CLI_FAILURE;
    }
  rc = access (dir, W_OK | X_OK);
  if (rc != 0)
    cli_message ("%s: cannot write: %s", path, strerror (errno));
  free (dir);
  return rc == 0 ? CLI_OK : CLI_FAILURE;
}
