/* scene_lex.c: the scene language's tokens, and its errors at a place.
 *
 * The lexer turns a line into tokens (words, numbers, quoted strings,
 * sizes WxH, [ , ] :); every error, its own and those of the keywords'
 * functions, names the file, the line and the column (fail, fail_at),
 * and the report keeps each of them up to RS_SCENE_MAX_ERRORS. */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "scene_parse_private.h"

place
here (const parser *ps)
{
  place at = { ps->tok.line, ps->tok.col };

  return at;
}

/* Record an error at `at`: the first one into ps->err, each into the
 * report while there is room; one more than it holds stops the parse
 * with a note instead.  Returns code. */
static int
record_error (parser *ps, place at, int code, const char *msg)
{
  rs_scene_report *rep = ps->rep;

  if (ps->n_errors == 0)
    {
      ps->first_code = code;
      rs_error_set (ps->err, code, ps->name, at.line, at.col, "%s", msg);
    }
  ps->n_errors++;
  if (rep == NULL)
    return code;
  if (rep->n < RS_SCENE_MAX_ERRORS)
    rs_error_set (&rep->e[rep->n++], code, ps->name, at.line, at.col, "%s",
                  msg);
  else
    {
      ps->stopped = 1;
      rep->stopped = 1;
      rs_error_set (&rep->note, code, ps->name, at.line, at.col,
                    "too many errors (more than %d): the rest of the file "
                    "is not checked", RS_SCENE_MAX_ERRORS);
    }
  return code;
}

int
fail_at (parser *ps, place at, int code, const char *fmt, ...)
{
  char msg[400];
  va_list ap;

  va_start (ap, fmt);
  vsnprintf (msg, sizeof msg, fmt, ap);
  va_end (ap);
  return record_error (ps, at, code, msg);
}

int
fail (parser *ps, int code, const char *fmt, ...)
{
  char msg[400];
  va_list ap;

  va_start (ap, fmt);
  vsnprintf (msg, sizeof msg, fmt, ap);
  va_end (ap);
  return fail_at (ps, here (ps), code, "%s", msg);
}

/* A printable description of the current token for messages. */
const char *
describe (const token *t, char *buf, size_t n)
{
  switch (t->kind)
    {
    case T_END:
      return "end of file";
    case T_NEWLINE:
      return "end of line";
    case T_STRING:
      snprintf (buf, n, "string \"%.60s\"", t->str);
      return buf;
    case T_WORD:
      if (strcasecmp (t->str, "nan") == 0 || strcasecmp (t->str, "inf") == 0
          || strcasecmp (t->str, "infinity") == 0)
        {
          snprintf (buf, n, "'%.8s' (numbers are finite)", t->str);
          return buf;
        }
      /* fall through */
    default:
      snprintf (buf, n, "'%.*s'", (int) (t->len > 60 ? 60 : t->len),
                t->start);
      return buf;
    }
}

static int
is_word_start (int c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

int
is_word_char (int c)
{
  return is_word_start (c) || (c >= '0' && c <= '9') || c == '-';
}

static int
is_number_start (const char *p, const char *end)
{
  if (*p == '-' || *p == '+' || *p == '.')
    p++;
  if (p < end && *p == '.')
    p++;
  return p < end && *p >= '0' && *p <= '9';
}

/* Why the byte sequence at ps->p cannot be in a string (NULL when it
 * can), and its length in *n: a control byte (a tab is fine) could
 * retitle or clear a terminal, invalid UTF-8 loses the title in Pango. */
static const char *
string_byte_error (const parser *ps, size_t *n)
{
  unsigned char c = (unsigned char) *ps->p;

  *n = rs_utf8_length (ps->p, (size_t) (ps->end - ps->p));
  if ((c < 0x20 && c != '\t') || c == 0x7f)
    return "a string cannot hold the control byte";
  if (*n == 0)
    return "a string must be valid UTF-8, not the byte";
  return NULL;
}

/* A quoted string: whole, or an error at its line and column (a string
 * longer than the token holds, a control byte, invalid UTF-8). */
static int
lex_string (parser *ps, token *t)
{
  size_t k = 0, n;
  const char *why;

  ps->p++;
  while (ps->p < ps->end && *ps->p != '"' && *ps->p != '\n')
    {
      t->col = (int) (ps->p - ps->line_start) + 1;
      if ((why = string_byte_error (ps, &n)) != NULL)
        return fail_at (ps, (place) { t->line, t->col }, RS_ESYNTAX,
                        "%s 0x%02x", why, (unsigned char) *ps->p);
      if (*ps->p == '\\' && ps->p + 1 < ps->end
          && (ps->p[1] == '"' || ps->p[1] == '\\'))
        ps->p++;
      if (k + n >= sizeof t->str)
        return fail_at (ps, (place) { t->line, (int) (t->start
                        - ps->line_start) + 1 }, RS_EINVAL, "the string is "
                        "too long (at most %zu bytes)", sizeof t->str - 1);
      memcpy (t->str + k, ps->p, n);
      k += n;
      ps->p += n;
    }
  t->str[k] = '\0';
  t->col = (int) (t->start - ps->line_start) + 1;
  if (ps->p >= ps->end || *ps->p != '"')
    return fail (ps, RS_ESYNTAX, "unterminated string (a string ends with "
                 "'\"' on the same line)");
  ps->p++;
  t->kind = T_STRING;
  return RS_OK;
}

/* Whether s is digits with an optional fraction ("800", "10.5"). */
static int
is_decimal (const char *s, const char *end)
{
  const char *p = s;

  while (p < end && *p >= '0' && *p <= '9')
    p++;
  if (p == s)
    return 0;
  if (p < end && *p == '.')
    {
      const char *f = ++p;

      while (p < end && *p >= '0' && *p <= '9')
        p++;
      if (p == f)
        return 0;
    }
  return p == end;
}

/* A size "800x600" or "10x6.5": t becomes a T_SIZE when buf is one. */
static int
lex_size (const char *buf, token *t)
{
  const char *x = strchr (buf, 'x');

  if (x == NULL || !is_decimal (buf, x)
      || !is_decimal (x + 1, buf + strlen (buf)))
    return 0;
  t->kind = T_SIZE;
  t->num = strtod (buf, NULL);
  t->num2 = strtod (x + 1, NULL);
  return 1;
}

/* A sign right after a number, at q: "1-2" is not two numbers, and
 * "800x-0" not a size.  The error names the whole run of characters. */
static int
glued_sign (parser *ps, token *t, const char *q)
{
  const char *r = q;
  int size = memchr (ps->p, 'x', (size_t) (q - ps->p)) != NULL;

  while (r < ps->end && (is_word_char (*r) || *r == '.' || *r == '+'))
    r++;
  t->len = (size_t) (r - ps->p);
  if (size)
    return fail (ps, RS_ESYNTAX, "malformed size '%.*s': a size is WxH, "
                 "two positive numbers such as 800x600",
                 (int) (t->len > 60 ? 60 : t->len), ps->p);
  return fail (ps, RS_ESYNTAX, "malformed number '%.*s' (two numbers need "
               "a space between them)", (int) (t->len > 60 ? 60 : t->len),
               ps->p);
}

/* Where the number at ps->p ends: its run of letters, digits, '.' and
 * '+', and '-' as its first character; a sign inside ends it unless it
 * follows an exponent's e. */
static const char *
number_end (const parser *ps)
{
  const char *q = ps->p;

  while (q < ps->end && (is_word_char (*q) || *q == '.' || *q == '+'
                         || ((*q == '-') && q == ps->p)))
    {
      if ((*q == '+' || *q == '-') && q > ps->p && q[-1] != 'e'
          && q[-1] != 'E')
        break;
      q++;
    }
  return q;
}

/* A number as strtod reads it, which must end at a delimiter and be
 * finite; "nan" and "inf" are words, never numbers. */
static int
lex_number (parser *ps, token *t)
{
  char buf[128];
  const char *q = number_end (ps);
  char *stop;
  size_t n;

  n = (size_t) (q - ps->p);
  t->len = n;
  if (q < ps->end && (*q == '-' || *q == '+'))
    return glued_sign (ps, t, q);
  if (n >= sizeof buf)
    return fail (ps, RS_ESYNTAX, "number too long");
  memcpy (buf, ps->p, n);
  buf[n] = '\0';
  ps->p = q;
  if (lex_size (buf, t))
    return RS_OK;
  if (strcmp (buf, "2d") == 0 || strcmp (buf, "3d") == 0)
    {
      t->kind = T_WORD;
      snprintf (t->str, sizeof t->str, "%s", buf);
      return RS_OK;
    }
  ps->p -= n;
  errno = 0;
  t->num = strtod (buf, &stop);
  if (*stop != '\0' || strpbrk (buf, "xXpP") != NULL)
    return fail (ps, RS_ESYNTAX, "malformed number '%s'", buf);
  if (errno == ERANGE && fabs (t->num) > 1.0)
    return fail (ps, RS_ESYNTAX, "number '%s' is too large", buf);
  ps->p = q;
  t->kind = T_NUMBER;
  return RS_OK;
}

static void
skip_blanks_and_comment (parser *ps)
{
  while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t'
                             || *ps->p == '\r'))
    ps->p++;
  if (ps->p < ps->end && *ps->p == '#')
    while (ps->p < ps->end && *ps->p != '\n')
      ps->p++;
}

/* The length of the word at ps->p (at most 40, for messages). */
static size_t
word_length (const parser *ps)
{
  size_t n = 0;

  while (ps->p + n < ps->end && n < 40 && is_word_char (ps->p[n]))
    n++;
  return n;
}

/* The end of a line: the token T_NEWLINE, and the lexer on the next
 * line. */
static int
lex_newline (parser *ps, token *t)
{
  ps->p++;
  ps->line++;
  ps->line_start = ps->p;
  t->kind = T_NEWLINE;
  return RS_OK;
}

/* A word: letters, digits, '_' and '-', from a letter or '_'. */
static int
lex_word (parser *ps, token *t)
{
  const char *q = ps->p;

  while (q < ps->end && is_word_char (*q))
    q++;
  t->len = (size_t) (q - ps->p);
  snprintf (t->str, sizeof t->str, "%.*s", (int) t->len, ps->p);
  ps->p = q;
  t->kind = T_WORD;
  return RS_OK;
}

/* The tokens of one character. */
static const struct {
  unsigned char c;
  tok_kind kind;
} punctuation[] = {
  { '[', T_LBRACK }, { ']', T_RBRACK }, { ',', T_COMMA }, { ':', T_COLON }
};

/* The character c, read: a token of one character, or the error for a
 * character that starts no token. */
static int
lex_punctuation (parser *ps, token *t, unsigned char c)
{
  for (size_t i = 0; i < sizeof punctuation / sizeof punctuation[0]; i++)
    if (c == punctuation[i].c)
      {
        t->kind = punctuation[i].kind;
        return RS_OK;
      }
  if ((c == '-' || c == '+') && ps->p < ps->end
      && is_word_start (*ps->p))
    return fail (ps, RS_ESYNTAX, "'%c%.*s' is not a number: numbers are "
                 "finite, such as %c1.5", c, (int) word_length (ps),
                 ps->p, c);
  if (c >= 0x20 && c < 0x7f)
    return fail (ps, RS_ESYNTAX, "unexpected character '%c'", c);
  return fail (ps, RS_ESYNTAX, "unexpected byte 0x%02x (scenes are "
               "plain ASCII outside strings and comments)", c);
}

/* Read the next token into ps->tok. */
int
next (parser *ps)
{
  token *t = &ps->tok;
  unsigned char c;

  if (ps->pushed_back)
    {
      ps->pushed_back = 0;
      return RS_OK;
    }
  skip_blanks_and_comment (ps);
  memset (t, 0, sizeof *t);
  t->start = ps->p;
  t->line = ps->line;
  t->col = (int) (ps->p - ps->line_start) + 1;
  t->len = 1;
  if (ps->p >= ps->end)
    {
      t->kind = T_END;
      return RS_OK;
    }
  c = (unsigned char) *ps->p;
  if (c == '\n')
    return lex_newline (ps, t);
  if (c == '"')
    return lex_string (ps, t);
  if (is_number_start (ps->p, ps->end))
    return lex_number (ps, t);
  if (is_word_start (c))
    return lex_word (ps, t);
  ps->p++;
  return lex_punctuation (ps, t, c);
}

/* The nearest of names (NULL-terminated) to word, if near enough. */
const char *
nearest (const char *word, const char *const *names)
{
  size_t n = 0;

  while (names[n] != NULL)
    n++;
  return rs_nearest (word, names, n);
}
