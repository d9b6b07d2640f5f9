/* scene_compose.c: a scene's text with more lines over its own.
 *
 * Both `--set KEY=VALUE` on the command line and a scene's variants
 * (variant.c) give scene lines that go over a scene's own, read by the
 * parser after the file's lines so that they are checked exactly as in
 * the file.  A keyword given once only (rate, network ...) replaces the
 * text's line, which is blanked (the text's line numbers stay); 'set'
 * and 'layer' replace the line of the same parameter or layer; the other
 * repeatable keywords (kick, expect, export ...) add a line.  Among the
 * lines given, a later one setting the same thing wins. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "reluscape/rs_scene.h"

/* The repeatable keywords whose first value names what they set, so that
 * a line given replaces the text's line for the same name. */
static const char *const keyed[] = { "set", "layer", NULL };

/* The first word of s (up to len bytes) after blanks: *w and its length;
 * a word ends at a blank, the line's end, a comment or sep. */
static size_t
word (const char *s, size_t len, char sep, const char **w)
{
  size_t i = 0, n;

  while (i < len && (s[i] == ' ' || s[i] == '\t'))
    i++;
  *w = s + i;
  n = 0;
  while (i + n < len && s[i + n] != ' ' && s[i + n] != '\t'
         && s[i + n] != '\n' && s[i + n] != '#' && s[i + n] != sep)
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

/* Whether the scene line line (len bytes, "KEY VALUE...") sets what the
 * given line arg ("KEY<sep>VALUE...") sets: the same keyword given once
 * only, or the same keyword and first value for 'set' and 'layer'. */
static int
same_setting (const char *line, size_t len, char lsep, const char *arg,
              char sep)
{
  const char *k1, *k2, *v1, *v2;
  size_t n1 = word (line, len, lsep, &k1);
  size_t n2 = word (arg, strlen (arg), sep, &k2);
  char kw[64];
  size_t m1, m2, skip, rest;

  if (n1 == 0 || n1 != n2 || n1 >= sizeof kw || strncmp (k1, k2, n1) != 0)
    return 0;
  memcpy (kw, k1, n1);
  kw[n1] = '\0';
  if (rs_scene_keyword_repeatable (kw) == 0)
    return 1;
  if (!is_keyed (k1, n1))
    return 0;
  skip = (size_t) (k1 + n1 - line) + (k1[n1] == lsep ? 1 : 0);
  m1 = word (line + skip, len - skip, lsep, &v1);
  rest = strlen (k2 + n2);
  m2 = rest > 0 ? word (k2 + n2 + 1, rest - 1, sep, &v2) : 0;
  return m1 > 0 && m1 == m2 && strncmp (v1, v2, m1) == 0;
}

/* Whether a line given after the i-th sets the same thing. */
static int
replaced_later (const char *const *lines, size_t n, char sep, size_t i)
{
  for (size_t j = i + 1; j < n; j++)
    if (same_setting (lines[i], strlen (lines[i]), sep, lines[j], sep))
      return 1;
  return 0;
}

/* Whether some line given replaces the text's line. */
static int
replaced (const char *line, size_t len, const char *const *lines, size_t n,
          char sep)
{
  for (size_t j = 0; j < n; j++)
    if (same_setting (line, len, ' ', lines[j], sep))
      return 1;
  return 0;
}

/* Append the text to out (room enough), each line that a given line
 * replaces left empty; the number of lines. */
static int
copy_text (const char *text, size_t len, const char *const *lines, size_t n,
           char sep, char *out, size_t *o)
{
  int count = 0;
  size_t i = 0;

  while (i < len)
    {
      const char *eol = memchr (text + i, '\n', len - i);
      size_t m = eol != NULL ? (size_t) (eol - text - i) : len - i;

      if (!replaced (text + i, m, lines, n, sep))
        {
          memcpy (out + *o, text + i, m);
          *o += m;
        }
      out[(*o)++] = '\n';
      count++;
      i += m + 1;
    }
  return count;
}

/* Append "KEY VALUE\n" of each given line that no later one replaces,
 * from line `line` on, noting where each went. */
static void
copy_lines (const char *const *lines, size_t n, char sep, char *out,
            size_t *o, int line, int *line_of)
{
  for (size_t i = 0; i < n; i++)
    {
      size_t m = strlen (lines[i]), key = strcspn (lines[i], (char[]) { sep,
                                                             '\0' });

      if (line_of != NULL)
        line_of[i] = 0;
      if (replaced_later (lines, n, sep, i))
        continue;
      memcpy (out + *o, lines[i], m);
      if (key < m)
        out[*o + key] = ' ';
      *o += m;
      out[(*o)++] = '\n';
      if (line_of != NULL)
        line_of[i] = line;
      line++;
    }
}

int
rs_scene_compose (const char *text, size_t len, const char *const *lines,
                  size_t n, char sep, char **out, size_t *out_len,
                  int *line_of, rs_error *err)
{
  size_t room = len + 2, o = 0;
  char *buf;
  int count;

  for (size_t i = 0; i < n; i++)
    room += strlen (lines[i]) + 1;
  if ((buf = malloc (room)) == NULL)
    return rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory");
  count = copy_text (text, len, lines, n, sep, buf, &o);
  copy_lines (lines, n, sep, buf, &o, count + 1, line_of);
  buf[o] = '\0';
  *out = buf;
  *out_len = o;
  return RS_OK;
}
