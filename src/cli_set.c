/* cli_set.c: --set KEY=VALUE, scene lines given on the command line.
 *
 * Each --set becomes the scene line "KEY VALUE", read by the scene's own
 * parser after the file's lines, so that it is checked exactly as in the
 * file.  A keyword given once only (rate, network ...) replaces the
 * file's line, which is blanked (the file's line numbers stay); 'set' and
 * 'layer' replace the line of the same parameter or layer; the other
 * repeatable keywords (kick, view, export ...) add a line.  Errors on the
 * added lines name the option rather than a line of the file. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAX_SETS 64

/* The options, in the order given, and the lines they took in the text
 * composed last (cli_set_compose). */
static struct {
  const char *arg[MAX_SETS];
  size_t n;
  int first_line;        /* line of arg[0] in the composed text; 0: none */
  int line_of[MAX_SETS]; /* 0: replaced by a later --set */
  char name[256];        /* the composed text's name in messages */
} sets;

/* The repeatable keywords whose first value names what they set, so that
 * a --set replaces the file's line for the same name. */
static const char *const keyed[] = { "set", "layer", NULL };

int
cli_set_add (const char *arg)
{
  size_t key = strcspn (arg, "=");

  if (arg[key] != '=' || key == 0)
    {
      cli_message ("--set '%s': expected KEY=VALUE, such as rate=0.3", arg);
      return CLI_USAGE;
    }
  if (strpbrk (arg, "\n\r") != NULL)
    {
      cli_message ("--set '%s': a value is one line", arg);
      return CLI_USAGE;
    }
  if (sets.n == MAX_SETS)
    {
      cli_message ("--set '%s': too many --set (at most %d)", arg, MAX_SETS);
      return CLI_USAGE;
    }
  sets.arg[sets.n++] = arg;
  return CLI_OK;
}

/* The first word of s (up to len bytes) after blanks: *w and its length. */
static size_t
word (const char *s, size_t len, const char **w)
{
  size_t i = 0, n;

  while (i < len && (s[i] == ' ' || s[i] == '\t'))
    i++;
  *w = s + i;
  n = 0;
  while (i + n < len && s[i + n] != ' ' && s[i + n] != '\t'
         && s[i + n] != '\n' && s[i + n] != '#' && s[i + n] != '=')
    n++;
  return n;
}

static int
is_keyed (const char *kw, size_t n)
{
  for (size_t i = 0; keyed[i] != NULL; i++)
    if (strlen (keyed[i]) == n && strncmp (keyed[i], kw, n) == 0)
      return 1;
  return 0;
}

/* Whether the scene line line (len bytes, "KEY VALUE..." or the option's
 * "KEY=VALUE...") sets what the option arg sets: the same keyword given
 * once only, or the same keyword and first value for 'set' and 'layer'. */
static int
same_setting (const char *line, size_t len, const char *arg)
{
  const char *k1, *k2, *v1, *v2;
  size_t n1 = word (line, len, &k1), n2 = word (arg, strlen (arg), &k2);
  char kw[64];
  size_t m1, m2, skip;

  if (n1 == 0 || n1 != n2 || n1 >= sizeof kw || strncmp (k1, k2, n1) != 0)
    return 0;
  memcpy (kw, k1, n1);
  kw[n1] = '\0';
  if (rs_scene_keyword_repeatable (kw) == 0)
    return 1;
  if (!is_keyed (k1, n1))
    return 0;
  skip = (size_t) (k1 + n1 - line) + (k1[n1] == '=' ? 1 : 0);
  m1 = word (line + skip, len - skip, &v1);
  m2 = word (k2 + n2 + 1, strlen (k2 + n2 + 1), &v2);
  return m1 > 0 && m1 == m2 && strncmp (v1, v2, m1) == 0;
}

/* Whether a --set after the i-th sets the same thing (the last wins). */
static int
replaced_later (size_t i)
{
  for (size_t j = i + 1; j < sets.n; j++)
    if (same_setting (sets.arg[i], strlen (sets.arg[i]), sets.arg[j]))
      return 1;
  return 0;
}

/* Whether some --set replaces the file's line. */
static int
replaced_by_option (const char *line, size_t len)
{
  for (size_t j = 0; j < sets.n; j++)
    if (same_setting (line, len, sets.arg[j]))
      return 1;
  return 0;
}

/* Append the file's text to out (room enough), each line a --set replaces
 * left empty; the number of lines. */
static int
copy_file (const char *text, size_t len, char *out, size_t *o)
{
  int lines = 0;
  size_t i = 0;

  while (i < len)
    {
      const char *eol = memchr (text + i, '\n', len - i);
      size_t n = eol != NULL ? (size_t) (eol - text - i) : len - i;

      if (!replaced_by_option (text + i, n))
        {
          memcpy (out + *o, text + i, n);
          *o += n;
        }
      out[(*o)++] = '\n';
      lines++;
      i += n + 1;
    }
  return lines;
}

/* Append "KEY VALUE\n" of each --set that no later one replaces. */
static void
copy_options (char *out, size_t *o, int line)
{
  for (size_t i = 0; i < sets.n; i++)
    {
      size_t n = strlen (sets.arg[i]), key = strcspn (sets.arg[i], "=");

      sets.line_of[i] = 0;
      if (replaced_later (i))
        continue;
      memcpy (out + *o, sets.arg[i], n);
      out[*o + key] = ' ';
      *o += n;
      out[(*o)++] = '\n';
      sets.line_of[i] = line++;
    }
}

int
cli_set_compose (const char *text, size_t len, const char *name,
                 char **out, size_t *out_len)
{
  size_t room = len + 2, o = 0;
  char *buf;

  for (size_t i = 0; i < sets.n; i++)
    room += strlen (sets.arg[i]) + 1;
  if ((buf = malloc (room)) == NULL)
    {
      cli_message ("out of memory");
      return CLI_FAILURE;
    }
  sets.first_line = copy_file (text, len, buf, &o) + 1;
  copy_options (buf, &o, sets.first_line);
  buf[o] = '\0';
  snprintf (sets.name, sizeof sets.name, "%s", name);
  *out = buf;
  *out_len = o;
  return CLI_OK;
}

size_t
cli_set_count (void)
{
  return sets.n;
}

const char *
cli_set_option_at (const char *file, int line)
{
  if (sets.first_line == 0 || line < sets.first_line
      || strcmp (file, sets.name) != 0)
    return NULL;
  for (size_t i = 0; i < sets.n; i++)
    if (sets.line_of[i] == line)
      return sets.arg[i];
  return NULL;
}
