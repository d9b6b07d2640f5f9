/* cli.c: scene loading and messages shared by the subcommands. */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

size_t
cli_put_escaped (FILE *f, const char *s, size_t n)
{
  size_t width = 0;

  while (n > 0)
    {
      size_t k = rs_utf8_length (s, n);
      unsigned char c = (unsigned char) *s;
      /* C0 controls but the tab, DEL, and C1 controls (U+0080..U+009F,
       * 0xc2 0x80..0x9f), which some terminals obey as well */
      int control = (k == 1 && ((c < 0x20 && c != '\t') || c == 0x7f))
                    || (k == 2 && c == 0xc2
                        && (unsigned char) s[1] < 0xa0);

      if (k == 0 || control)
        {
          for (size_t i = 0; f != NULL && i < (k == 0 ? 1 : k); i++)
            fprintf (f, "\\x%02x", (unsigned char) s[i]);
          width += 4 * (k == 0 ? 1 : k);
          k = k == 0 ? 1 : k;
        }
      else
        {
          if (f != NULL)
            fwrite (s, 1, k, f);
          width += k == 4 ? 2 : 1;
        }
      s += k;
      n -= k;
    }
  return width;
}

void
cli_message (const char *fmt, ...)
{
  char msg[8192];
  va_list ap;

  va_start (ap, fmt);
  vsnprintf (msg, sizeof msg, fmt, ap);
  va_end (ap);
  fputs ("reluscape: ", stderr);
  cli_put_escaped (stderr, msg, strlen (msg));
  fputc ('\n', stderr);
}

/* The line-th line (1-based) of text, printed to f (control bytes
 * escaped) with a caret at col. */
static void
print_caret (FILE *f, const char *text, size_t len, int line, int col)
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
  fputs ("  ", f);
  cli_put_escaped (f, p, (size_t) (eol - p));
  fputs ("\n  ", f);
  /* the caret under byte col, past what the bytes before it show as */
  for (const char *q = p; q < p + col - 1 && q < eol;)
    {
      size_t k = rs_utf8_length (q, (size_t) (eol - q));
      size_t w;

      k = k == 0 ? 1 : k;
      w = *q == '\t' ? 0 : cli_put_escaped (NULL, q, k);
      if (*q == '\t')
        fputc ('\t', f);
      while (w-- > 0)
        fputc (' ', f);
      q += k;
    }
  fputs ("^\n", f);
}

void
cli_print_diagnostic (const char *kind, const rs_error *err,
                      const char *text, size_t len)
{
  const char *opt = cli_set_option_at (err->file, err->line);
  char head[1024];

  if (opt != NULL)
    {
      if (strcmp (kind, "error") == 0)
        cli_message ("--set '%s': %s", opt, err->message);
      else
        cli_message ("--set '%s': %s: %s", opt, kind, err->message);
      return;
    }
  if (err->file[0] != '\0' && err->line > 0)
    snprintf (head, sizeof head, "%s:%d:%d: %s: %s", err->file, err->line,
              err->col, kind, err->message);
  else if (err->file[0] != '\0')
    snprintf (head, sizeof head, "%s: %s: %s", err->file, kind,
              err->message);
  else
    snprintf (head, sizeof head, "%s: %s", kind, err->message);
  cli_put_escaped (stderr, head, strlen (head));
  fputc ('\n', stderr);
  if (text != NULL && err->line > 0)
    print_caret (stderr, text, len, err->line, err->col);
}

void
cli_print_error (const rs_error *err, const char *text, size_t len)
{
  cli_print_diagnostic ("error", err, text, len);
}

void
cli_print_report (const rs_scene_report *rep, const char *text, size_t len,
                  int warnings)
{
  size_t ie = 0, iw = 0;

  /* errors and warnings in one sequence, by place in the text */
  while (ie < rep->n || (warnings && iw < rep->nwarn))
    {
      const rs_error *e = ie < rep->n ? &rep->e[ie] : NULL;
      const rs_error *w = warnings && iw < rep->nwarn ? &rep->w[iw] : NULL;

      if (w == NULL || (e != NULL && (e->line < w->line
                                      || (e->line == w->line
                                          && e->col <= w->col))))
        {
          cli_print_diagnostic ("error", e, text, len);
          ie++;
        }
      else
        {
          cli_print_diagnostic ("warning", w, text, len);
          iw++;
        }
    }
  if (rep->stopped)
    cli_print_diagnostic ("note", &rep->note, text, len);
}

int
cli_is_builtin (const char *arg)
{
  return arg == NULL || strcmp (arg, "-") == 0 || strcmp (arg, "builtin") == 0;
}

/* The scene's text with the --set options applied, in place of *text
 * (which is freed); nothing done without --set. */
static int
with_sets (const char *path, char **text, size_t *len, const char *name)
{
  char *out;
  size_t n;

  if (cli_set_count () == 0)
    return CLI_OK;
  if (cli_set_compose (*text, *len, name, &out, &n) != CLI_OK)
    {
      cli_free_scene_text (path, *text);
      return CLI_FAILURE;
    }
  cli_free_scene_text (path, *text);
  *text = out;
  *len = n;
  return CLI_OK;
}

int
cli_read_scene (const char *path, char **text, size_t *len,
                const char **name)
{
  rs_error err;

  if (cli_is_builtin (path))
    {
      *text = (char *) rs_builtin_scene;
      *len = rs_builtin_scene_len;
      *name = CLI_BUILTIN_NAME;
    }
  else
    {
      *name = cli_scene_file (path);
      if (rs_scene_read (*name, text, len, &err) != RS_OK)
        {
          cli_report_unread_scene (path, &err);
          return CLI_USAGE;
        }
    }
  return with_sets (path, text, len, *name);
}

void
cli_free_scene_text (const char *path, char *text)
{
  (void) path;
  if (text != rs_builtin_scene)
    free (text);
}

/* What is kept until the program ends: the data sets read from scenes'
 * CSV files and the scene files found by name.  A command keeps a few at
 * most, and they live as long as the scenes that point to them. */
typedef struct kept {
  struct kept *next;
  void *p;
  void (*free_fn) (void *);
} kept;

static kept *all_kept;

static void
free_all_kept (void)
{
  while (all_kept != NULL)
    {
      kept *next = all_kept->next;

      all_kept->free_fn (all_kept->p);
      free (all_kept);
      all_kept = next;
    }
}

/* A data file's error: a place in the file when it has one; else (the
 * file cannot be read at all) at the scene's 'data csv' line, as
 * "reluscape: SCENE:LINE:COL: error: FILE: message". */
static void
data_error (const char *path, const rs_scene *sc, const rs_error *err)
{
  rs_error e = *err;

  if (err->line > 0 || sc->data_line == 0)
    {
      cli_print_error (err, NULL, 0);
      return;
    }
  rs_error_set (&e, err->code, cli_is_builtin (path) ? CLI_BUILTIN_NAME
                : path, sc->data_line, sc->data_col, "%s: %s", err->file,
                err->message);
  fputs ("reluscape: ", stderr);
  cli_print_error (&e, NULL, 0);
}

/* Whether a scene may name files outside its folder (--allow-paths). */
static int allow_paths;

void
cli_allow_paths (int allow)
{
  allow_paths = allow;
}

int
cli_keep (void *p, void (*free_fn) (void *))
{
  static int registered;
  kept *k = malloc (sizeof *k);

  if (k == NULL)
    return -1;
  if (!registered)
    registered = atexit (free_all_kept) == 0;
  k->p = p;
  k->free_fn = free_fn;
  k->next = all_kept;
  all_kept = k;
  return 0;
}

static void
free_data (void *d)
{
  rs_data_free (d);
}

int
cli_load_data (const char *path, rs_scene *sc)
{
  rs_data *d;
  rs_error err;

  if (!allow_paths
      && rs_scene_check_paths (sc, cli_is_builtin (path) ? NULL : path,
                               cli_is_builtin (path) ? CLI_BUILTIN_NAME
                                                     : path, &err) != RS_OK)
    {
      cli_print_error (&err, NULL, 0);
      return CLI_USAGE;
    }
  if (sc->data_file[0] == '\0')
    return CLI_OK;
  if (rs_scene_read_data (sc, cli_is_builtin (path) ? NULL
                                                  : cli_scene_file (path),
                          &d, &err)
      != RS_OK)
    {
      data_error (path, sc, &err);
      return CLI_USAGE;
    }
  if (cli_keep (d, free_data) != 0)
    {
      rs_data_free (d);
      cli_message ("out of memory");
      return CLI_FAILURE;
    }
  sc->sim.data = d;
  if (rs_scene_check_data (sc, cli_is_builtin (path) ? CLI_BUILTIN_NAME
                                                     : path, &err) != RS_OK)
    {
      cli_print_error (&err, NULL, 0);
      return err.code == RS_ENOMEM ? CLI_FAILURE : CLI_USAGE;
    }
  return CLI_OK;
}

int
cli_load_scene (const char *path, rs_scene *sc)
{
  rs_scene_report rep;
  const char *name;
  char *text;
  size_t len = 0;
  int rc;

  if (cli_read_scene (path, &text, &len, &name) != CLI_OK)
    return CLI_USAGE;
  rc = rs_scene_parse_report (sc, text, len, name, &rep);
  cli_print_report (&rep, text, len, 1);
  cli_free_scene_text (path, text);
  if (rc != RS_OK)
    return CLI_USAGE;
  return cli_load_data (path, sc);
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

int
cli_parse_count (const char *s, size_t lo, size_t hi, size_t *v)
{
  unsigned long long k;
  char *end;

  if (*s < '0' || *s > '9')
    return -1;
  errno = 0;
  k = strtoull (s, &end, 10);
  if (*end != '\0' || errno != 0 || k < lo || k > hi)
    return -1;
  *v = (size_t) k;
  return 0;
}

int
cli_parse_seed (const char *s, unsigned long *v)
{
  char *end;

  if (*s < '0' || *s > '9')
    return -1;
  errno = 0;
  *v = strtoul (s, &end, 10);
  return *end == '\0' && errno == 0 ? 0 : -1;
}

int
cli_parse_pair (const char *s, rs_interval *r)
{
  char *end;

  errno = 0;
  r->lo = strtod (s, &end);
  if (end == s || *end != ',' || errno != 0 || !isfinite (r->lo))
    return -1;
  s = end + 1;
  r->hi = strtod (s, &end);
  return end != s && *end == '\0' && errno == 0 && isfinite (r->hi) ? 0
                                                                    : -1;
}

int
cli_run_scene (rs_sim *sim, const char *name, const char *what)
{
  char param[32];
  size_t step;

  if (cli_run_sim (sim, what) == RS_OK)
    return CLI_OK;
  rs_sim_divergence (sim, &step, param, sizeof param);
  cli_message ("%s: the run diverged at step %zu (%s is no longer a finite "
               "number); lower the rate", name, step, param);
  return CLI_FAILURE;
}
