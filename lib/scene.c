/* scene.c: the scene language, text -> rs_scene.
 *
 * A scene is a sequence of lines "keyword value ...", # starting a comment.
 * The lexer turns a line into tokens (words, numbers, quoted strings,
 * [ , ]); each keyword has a handler that reads its values.  When the
 * whole text is read, what depends on several lines is settled (the
 * network's activations, the kicks' seeds) and checked against each
 * other.  An error names file:line:col; the parse goes on at the next
 * line, so that one pass reports every error of a file (up to
 * RS_SCENE_MAX_ERRORS), and then looks for lines that parse but will not
 * do what their author likely wants (warnings). */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "reluscape/rs_scene.h"
#include "scene_private.h"

/* The longest list of names a keyword chooses from (a family table). */
#define MAX_CHOICES 16

typedef enum {
  T_END, T_NEWLINE, T_WORD, T_NUMBER, T_STRING, T_LBRACK, T_RBRACK, T_COMMA,
  T_SIZE,                /* WxH: two unsigned decimals joined by 'x' */
  T_COLON                /* ':' in a unit L:J */
} tok_kind;

typedef struct {
  tok_kind kind;
  const char *start;     /* the token's text in the source */
  size_t len;
  int line;
  int col;
  double num;            /* a number, a size's W */
  double num2;           /* a size's H */
  char str[256];         /* a word or a string's contents */
} token;

/* A place in the text, for errors found after the whole text is read. */
typedef struct {
  int line;
  int col;
} place;

/* An activation as a line gives it: the family, its parameter when the
 * line gives one, and where the family's name is. */
typedef struct {
  const rs_act_type *type;
  double param;
  int has_param;
  place at;
} act_choice;

typedef struct parser parser;
typedef int (*kw_handler) (parser *ps);

typedef struct {
  rs_scene_keyword k;
  kw_handler handler;
  int repeatable;
} keyword;

struct parser {
  const char *p;
  const char *end;
  const char *name;
  int line;
  const char *line_start;
  token tok;             /* the current token */
  rs_scene *sc;
  rs_error *err;         /* the first error, when not NULL */
  rs_scene_report *rep;  /* every error and warning, when not NULL */
  size_t n_errors;
  int first_code;        /* the first error's code, RS_OK if none */
  int stopped;           /* too many errors: the rest is not read */
  const keyword *kw;     /* the keyword whose values are being read */
  place seen[64];        /* where each keyword was set, line 0 if not yet */
  unsigned char broken[64];   /* a line of that keyword had an error */
  int pushed_back;       /* next() returns the current token again */
  int kick_seeded[RS_SIM_MAX_KICKS];
  place kick_unit[RS_SIM_MAX_KICKS];   /* the word "unit" of a kick */
  place kick_at[RS_SIM_MAX_KICKS];     /* the STEP of each kick */
  place event_at[RS_SIM_MAX_EVENTS];   /* the STEP of each 'at' */
  place start_at;        /* the start's w */
  place patience_at;     /* autokick's patience, line 0 if not given */
  place value_at[RS_SIM_MAX_VALUES];   /* the name of each "set" */
  place freeze_at[RS_SIM_MAX_FROZEN];  /* each name of "freeze" */
  act_choice hidden;     /* "activation" */
  act_choice output;     /* "output" */
  place net_at;          /* the network's first size */
  place data_at;         /* the data generator's name */
  place view_at[RS_SCENE_MAX_VIEWS][3];  /* each view's kind, its p1, the
                                            step it is pinned at */
  place p2_at[RS_SCENE_MAX_VIEWS];       /* each view's p2 */
  place trace_at[RS_SCENE_MAX_VIEWS][RS_VIEW_MAX_TRACES];
  place export_at[RS_SCENE_MAX_EXPORTS]; /* each export's path */
  place layout_at;       /* a grid layout's size */
  place focus_at;        /* the layer of 'focus' */
  place layer_at[RS_NET_MAX_LAYERS];     /* each 'layer' line's L */
  place expect_at[RS_SCENE_MAX_EXPECTS][2];  /* each claim's STEP, its
                                                quantity */
  place show_at;         /* the STEP of 'show' */
  place pace_at[RS_SCENE_MAX_PACES][2];  /* each pace line's steps */
  place export_step_at[RS_SCENE_MAX_EXPORTS];  /* each export's 'at STEP' */
  int line_line;         /* where "line" is, 0 if nowhere */
  int points_line;       /* where the number of points is set */
};

static place
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

/* Error at place `at`. */
static int
fail_at (parser *ps, place at, int code, const char *fmt, ...)
  __attribute__ ((format (printf, 4, 5)));

static int
fail_at (parser *ps, place at, int code, const char *fmt, ...)
{
  char msg[400];
  va_list ap;

  va_start (ap, fmt);
  vsnprintf (msg, sizeof msg, fmt, ap);
  va_end (ap);
  return record_error (ps, at, code, msg);
}

/* Error at the current token. */
static int
fail (parser *ps, int code, const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4)));

static int
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
static const char *
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

static int
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

/* A number as strtod reads it, which must end at a delimiter and be
 * finite; "nan" and "inf" are words, never numbers. */
static int
lex_number (parser *ps, token *t)
{
  char buf[128];
  const char *q = ps->p;
  char *stop;
  size_t n;

  while (q < ps->end && (is_word_char (*q) || *q == '.' || *q == '+'
                         || ((*q == '-') && q == ps->p)))
    {
      if ((*q == '+' || *q == '-') && q > ps->p && q[-1] != 'e'
          && q[-1] != 'E')
        break;
      q++;
    }
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

/* Read the next token into ps->tok. */
static int
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
    {
      ps->p++;
      ps->line++;
      ps->line_start = ps->p;
      t->kind = T_NEWLINE;
      return RS_OK;
    }
  if (c == '"')
    return lex_string (ps, t);
  if (is_number_start (ps->p, ps->end))
    return lex_number (ps, t);
  if (is_word_start (c))
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
  ps->p++;
  switch (c)
    {
    case '[':
      t->kind = T_LBRACK;
      return RS_OK;
    case ']':
      t->kind = T_RBRACK;
      return RS_OK;
    case ',':
      t->kind = T_COMMA;
      return RS_OK;
    case ':':
      t->kind = T_COLON;
      return RS_OK;
    default:
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
}

/* The nearest of names (NULL-terminated) to word, if near enough. */
static const char *
nearest (const char *word, const char *const *names)
{
  size_t n = 0;

  while (names[n] != NULL)
    n++;
  return rs_nearest (word, names, n);
}

/* Read a number; bounds [lo, hi], open at an end when lo_open/hi_open. */
static int
get_number (parser *ps, const char *what, double lo, int lo_open, double hi,
            int hi_open, double *out)
{
  char buf[80];
  double v;

  if (next (ps) != RS_OK)
    return RS_ESYNTAX;
  if (ps->tok.kind != T_NUMBER)
    return fail (ps, RS_ESYNTAX, "expected a number for %s, found %s", what,
                 describe (&ps->tok, buf, sizeof buf));
  v = ps->tok.num;
  if ((lo_open ? v <= lo : v < lo) || (hi_open ? v >= hi : v > hi))
    return fail (ps, RS_EINVAL, "%s %.10g is out of range: it must be in "
                 "%c%.10g, %.10g%c", what, v, lo_open ? '(' : '[', lo, hi,
                 hi_open ? ')' : ']');
  *out = v;
  return RS_OK;
}

static int
get_count (parser *ps, const char *what, double lo, double hi, size_t *out)
{
  double v = 0.0;
  int rc = get_number (ps, what, lo, 0, hi, 0, &v);

  if (rc != RS_OK)
    return rc;
  if (v != floor (v))
    return fail (ps, RS_EINVAL, "%s must be a whole number, not %g", what, v);
  *out = (size_t) v;
  return RS_OK;
}

static int
expect (parser *ps, tok_kind kind, const char *what)
{
  char buf[80];

  if (next (ps) != RS_OK)
    return RS_ESYNTAX;
  if (ps->tok.kind != kind)
    return fail (ps, RS_ESYNTAX, "expected %s, found %s", what,
                 describe (&ps->tok, buf, sizeof buf));
  return RS_OK;
}

/* The kind of the next token, which is left to be read. */
static int
peek (parser *ps, tok_kind *kind)
{
  int rc = next (ps);

  if (rc != RS_OK)
    return rc;
  *kind = ps->tok.kind;
  ps->pushed_back = 1;
  return RS_OK;
}

/* The word w, a fixed part of a keyword's values; form shows where it
 * goes ("kick at STEP sigma S [seed N]"). */
static int
expect_word (parser *ps, const char *w, const char *form)
{
  char buf[80];

  if (next (ps) != RS_OK)
    return RS_ESYNTAX;
  if (ps->tok.kind != T_WORD || strcmp (ps->tok.str, w) != 0)
    return fail (ps, RS_ESYNTAX, "expected '%s' (%s), found %s", w, form,
                 describe (&ps->tok, buf, sizeof buf));
  return RS_OK;
}

/* A range "[lo, hi]" with lo < hi, inside [-1e6, 1e6]. */
static int
get_range (parser *ps, const char *what, rs_interval *r)
{
  place at;
  int rc;
  double lo = 0.0, hi = 0.0;

  if (expect (ps, T_LBRACK, "'[' to open a range such as [-3, 3]") != RS_OK)
    return RS_ESYNTAX;
  at = here (ps);
  if ((rc = get_number (ps, what, -1e6, 0, 1e6, 0, &lo)) != RS_OK
      || (rc = expect (ps, T_COMMA, "',' between the ends of a range"))
         != RS_OK
      || (rc = get_number (ps, what, -1e6, 0, 1e6, 0, &hi)) != RS_OK
      || (rc = expect (ps, T_RBRACK, "']' to close the range")) != RS_OK)
    return rc;
  if (!(lo < hi))
    return fail_at (ps, at, RS_EINVAL, "%s [%g, %g] is empty: its first "
                    "end must be below its second", what, lo, hi);
  *r = rs_interval_make (lo, hi);
  return RS_OK;
}

/* The names of a family table (rs_act_types, rs_loss_types ...: pointers
 * to structs with a name, ending in NULL) into names, ending in NULL. */
#define TABLE_NAMES(table, names)                                       \
  do                                                                    \
    {                                                                   \
      size_t k_ = 0;                                                    \
      while ((table)[k_] != NULL && k_ + 1 < MAX_CHOICES)               \
        {                                                               \
          (names)[k_] = (table)[k_]->name;                              \
          k_++;                                                         \
        }                                                               \
      (names)[k_] = NULL;                                               \
    }                                                                   \
  while (0)

/* names as "a, b or c" (last " or ") or "a, b, c" (last ", "). */
static const char *
join_names (const char *const *names, const char *last, char *buf, size_t n)
{
  size_t k = 0;

  buf[0] = '\0';
  for (size_t i = 0; names[i] != NULL && k < n; i++)
    k += (size_t) snprintf (buf + k, n - k, "%s%s",
                            i == 0 ? "" : names[i + 1] == NULL ? last : ", ",
                            names[i]);
  return buf;
}

/* A word naming one of names: *index gets its place in them.  noun says
 * what is named ("activation"); a misspelt name gets a suggestion. */
static int
get_name (parser *ps, const char *noun, const char *const *names,
          size_t *index)
{
  char buf[80], list[256];
  const char *near;

  if (next (ps) != RS_OK)
    return RS_ESYNTAX;
  if (ps->tok.kind != T_WORD)
    return fail (ps, RS_ESYNTAX, "expected %s %s (%s), found %s",
                 strchr ("aeiou", noun[0]) != NULL ? "an" : "a", noun,
                 join_names (names, " or ", list, sizeof list),
                 describe (&ps->tok, buf, sizeof buf));
  for (size_t i = 0; names[i] != NULL; i++)
    if (strcmp (ps->tok.str, names[i]) == 0)
      {
        *index = i;
        return RS_OK;
      }
  near = nearest (ps->tok.str, names);
  if (near != NULL)
    return fail (ps, RS_EINVAL, "unknown %s '%s' (did you mean '%s'?)", noun,
                 ps->tok.str, near);
  return fail (ps, RS_EINVAL, "unknown %s '%s' (known: %s)", noun,
               ps->tok.str, join_names (names, ", ", list, sizeof list));
}

/* The optional words that may follow a keyword's values, in any order,
 * each at most once; of those in `exclusive`, at most one. */
typedef struct {
  const char *const *names;
  unsigned exclusive;
  unsigned given;
} options;

/* The next optional word: *which gets its index in o->names, or -1 when
 * the values end (the token is left for the caller). */
static int
get_option (parser *ps, options *o, int *which)
{
  const char *near;

  *which = -1;
  if (next (ps) != RS_OK)
    return RS_ESYNTAX;
  if (ps->tok.kind != T_WORD)
    {
      ps->pushed_back = 1;
      return RS_OK;
    }
  for (int i = 0; o->names[i] != NULL; i++)
    if (strcmp (ps->tok.str, o->names[i]) == 0)
      {
        unsigned bit = 1u << i, other = o->given & o->exclusive;
        int j = 0;

        if (o->given & bit)
          return fail (ps, RS_ESYNTAX, "'%s' is given twice", o->names[i]);
        while (other != 0 && !(other & (1u << j)))
          j++;
        if ((bit & o->exclusive) && other != 0)
          return fail (ps, RS_ESYNTAX, "'%s' and '%s' exclude each other",
                       o->names[j], o->names[i]);
        o->given |= bit;
        *which = i;
        return RS_OK;
      }
  near = nearest (ps->tok.str, o->names);
  if (near != NULL)
    return fail (ps, RS_ESYNTAX, "unknown option '%s' of '%s' (did you "
                 "mean '%s'?)", ps->tok.str, ps->kw->k.name, near);
  return fail (ps, RS_ESYNTAX, "unknown option '%s' of '%s' (it takes: %s)",
               ps->tok.str, ps->kw->k.name, ps->kw->k.args);
}

/* An optional number: read into *out when the next token is one. */
static int
get_optional (parser *ps, const char *what, double lo, int lo_open,
              double hi, int hi_open, double *out)
{
  tok_kind kind;
  int rc = peek (ps, &kind);

  if (rc != RS_OK || kind != T_NUMBER)
    return rc;
  return get_number (ps, what, lo, lo_open, hi, hi_open, out);
}

/* ---- The data ---- */

static int
kw_title (parser *ps)
{
  if (expect (ps, T_STRING, "a quoted title such as \"The plateau\"")
      != RS_OK)
    return RS_ESYNTAX;
  snprintf (ps->sc->title, sizeof ps->sc->title, "%s", ps->tok.str);
  return RS_OK;
}

static int
kw_seed (parser *ps)
{
  size_t v = 0;
  int rc = get_count (ps, "seed", 0, 4294967295.0, &v);

  if (rc == RS_OK)
    ps->sc->sim.seed = v;
  return rc;
}

/* The number of points, given here or as data's N. */
static int
kw_points (parser *ps)
{
  if (ps->points_line != 0)
    return fail (ps, RS_ESYNTAX, "the number of points is already set on "
                 "line %d", ps->points_line);
  ps->points_line = ps->tok.line;
  return get_count (ps, "points", 2, 100000, &ps->sc->sim.n_points);
}

static int
kw_noise (parser *ps)
{
  return get_number (ps, "noise", 0, 0, 100, 0, &ps->sc->sim.noise);
}

/* The line's slope and intercept: only the line data has them. */
static int
kw_line (parser *ps)
{
  rs_sim_params *p = &ps->sc->sim;
  int rc;

  if (p->gen != NULL || ps->sc->data_file[0] != '\0')
    return fail (ps, RS_ESYNTAX, "'line' sets the slope and intercept of "
                 "the line data; it cannot go with 'data %s' on line %d",
                 p->gen != NULL ? p->gen->name : "csv", ps->data_at.line);
  ps->line_line = ps->tok.line;
  if ((rc = get_number (ps, "slope", -1e3, 0, 1e3, 0, &p->slope)) != RS_OK)
    return rc;
  return get_number (ps, "intercept", -1e3, 0, 1e3, 0, &p->intercept);
}

/* data csv "PATH": the data from a file, read when the scene is run. */
static int
data_csv (parser *ps)
{
  rs_scene *sc = ps->sc;
  int rc;

  next (ps);
  ps->data_at = here (ps);
  if (ps->line_line != 0)
    return fail (ps, RS_ESYNTAX, "data csv cannot go with 'line' on line "
                 "%d, which sets the line data's slope and intercept",
                 ps->line_line);
  if ((rc = expect (ps, T_STRING, "a quoted file name such as "
                    "\"points.csv\" (relative to the scene's folder)"))
      != RS_OK)
    return rc;
  if (ps->tok.str[0] == '\0')
    return fail (ps, RS_EINVAL, "the data file's name is empty");
  if (strlen (ps->tok.str) >= sizeof sc->data_file)
    return fail (ps, RS_EINVAL, "the data file's name is too long (at most "
                 "%zu bytes)", sizeof sc->data_file - 1);
  snprintf (sc->data_file, sizeof sc->data_file, "%s", ps->tok.str);
  sc->sim.gen = NULL;
  return RS_OK;
}

/* data NAME [N].  "line" stays the line data of 'line SLOPE INTERCEPT'
 * (gen NULL); its generator is the same line with the default 2 1. */
static int
kw_data (parser *ps)
{
  rs_sim_params *p = &ps->sc->sim;
  const char *names[MAX_CHOICES];
  tok_kind kind;
  size_t i;
  int rc;

  if ((rc = peek (ps, &kind)) != RS_OK)
    return rc;
  if (kind == T_WORD && strcmp (ps->tok.str, "csv") == 0)
    return data_csv (ps);
  TABLE_NAMES (rs_data_gens, names);
  if ((rc = get_name (ps, "data generator", names, &i)) != RS_OK)
    return rc;
  ps->data_at = here (ps);
  if (rs_data_gens[i] != rs_data_line_gen && ps->line_line != 0)
    return fail (ps, RS_ESYNTAX, "data %s cannot go with 'line' on line %d, "
                 "which sets the line data's slope and intercept", names[i],
                 ps->line_line);
  p->gen = rs_data_gens[i] == rs_data_line_gen ? NULL : rs_data_gens[i];
  if ((rc = peek (ps, &kind)) != RS_OK || kind != T_NUMBER)
    return rc;
  if (ps->points_line != 0)
    return fail (ps, RS_ESYNTAX, "the number of points is already set on "
                 "line %d", ps->points_line);
  ps->points_line = ps->tok.line;
  return get_count (ps, "points", 2, 100000, &p->n_points);
}

/* ---- The network ---- */

/* network N0 N1 ... NL: the sizes of the input and of each layer. */
static int
kw_network (parser *ps)
{
  rs_net_spec *net = &ps->sc->sim.net;
  char buf[80];
  size_t n = 0;
  tok_kind kind;
  int rc;

  for (;;)
    {
      if ((rc = peek (ps, &kind)) != RS_OK)
        return rc;
      if (kind != T_NUMBER && n >= 2)
        break;
      if (kind != T_NUMBER)
        return fail (ps, RS_ESYNTAX, "expected a number for network size, "
                     "found %s (a network has at least 2 sizes: its inputs "
                     "and its outputs)", describe (&ps->tok, buf,
                                                   sizeof buf));
      if (n == RS_NET_MAX_LAYERS + 1)
        return fail (ps, RS_EINVAL, "too many network sizes: at most %d "
                     "(%d layers)", RS_NET_MAX_LAYERS + 1, RS_NET_MAX_LAYERS);
      if ((rc = get_count (ps, "network size", 1, n == 0 ? RS_NET_MAX_INPUTS
                           : RS_NET_MAX_UNITS, &net->sizes[n])) != RS_OK)
        return rc;
      if (n++ == 0)
        ps->net_at = here (ps);
    }
  net->layers = n - 1;
  return RS_OK;
}

/* NAME [P]: an activation family and, for those with one, its parameter
 * in the family's range; Leaky ReLU's slope is 'alpha'. */
static int
get_act (parser *ps, const char *noun, act_choice *c)
{
  const char *names[MAX_CHOICES];
  const rs_act_type *t;
  char what[80];
  tok_kind kind;
  size_t i;
  int rc;

  TABLE_NAMES (rs_act_types, names);
  if ((rc = get_name (ps, noun, names, &i)) != RS_OK)
    return rc;
  t = c->type = rs_act_types[i];
  c->at = here (ps);
  if (t->param_name == NULL)
    return RS_OK;
  if ((rc = peek (ps, &kind)) != RS_OK || kind != T_NUMBER)
    return rc;
  if (t == rs_act_leaky_relu)
    return fail (ps, RS_ESYNTAX, "leaky_relu takes its slope from 'alpha' "
                 "(alpha A)");
  snprintf (what, sizeof what, "%s's %s", t->name, t->param_name);
  c->has_param = 1;
  return get_number (ps, what, t->param_min, 0, t->param_max, 0, &c->param);
}

/* Every family parses here; whether the single neuron can take it is
 * settled once the whole scene is read (check_neuron). */
static int
kw_activation (parser *ps)
{
  int rc = get_act (ps, "activation", &ps->hidden);

  if (rc == RS_OK)
    ps->sc->sim.act = ps->hidden.type;
  return rc;
}

static int
kw_output (parser *ps)
{
  return get_act (ps, "output activation", &ps->output);
}

/* layer L NAME [P]: one layer's activation, once per layer. */
static int
kw_layer (parser *ps)
{
  act_choice c = { NULL, 0.0, 0, { 0, 0 } };
  rs_layer_act *la;
  size_t l = 0;
  int rc;

  if ((rc = get_count (ps, "layer", 1, RS_NET_MAX_LAYERS, &l)) != RS_OK)
    return rc;
  la = &ps->sc->layer_act[l - 1];
  if (la->type != NULL)
    return fail (ps, RS_ESYNTAX, "layer %zu's activation is already set on "
                 "line %d", l, ps->layer_at[l - 1].line);
  ps->layer_at[l - 1] = here (ps);
  if ((rc = get_act (ps, "activation", &c)) != RS_OK)
    return rc;
  *la = (rs_layer_act) { c.type, c.has_param, c.param };
  return RS_OK;
}

static int
kw_alpha (parser *ps)
{
  return get_number (ps, "alpha", 0, 0, 1, 1, &ps->sc->sim.alpha);
}

static int
kw_kink (parser *ps)
{
  return get_number (ps, "kink", 0, 0, 1, 0, &ps->sc->sim.kink);
}

/* init SCHEME [C]: C only for "constant". */
static int
kw_init (parser *ps)
{
  rs_sim_params *p = &ps->sc->sim;
  const char *names[MAX_CHOICES];
  size_t i;
  int rc;

  TABLE_NAMES (rs_init_types, names);
  if ((rc = get_name (ps, "init scheme", names, &i)) != RS_OK)
    return rc;
  p->init = rs_init_types[i];
  if (p->init != rs_init_constant)
    return RS_OK;
  return get_optional (ps, "init constant", -100, 0, 100, 0, &p->init_c);
}

static int
kw_bias (parser *ps)
{
  return get_number (ps, "bias", -100, 0, 100, 0, &ps->sc->sim.bias0);
}

/* A parameter's name as rs_net_param_name writes it, W<l>[j][k], b<l>[j]
 * or a<l>[j], read as a word and its bracketed indices.  Whether the
 * network has it is checked once the whole scene is read. */
static int
get_param_name (parser *ps, char *name, size_t n)
{
  static const char *const what[] = { "unit index", "input index" };
  char buf[80], word[4];
  size_t idx[2] = { 0, 0 }, groups;
  int rc;

  if (next (ps) != RS_OK)
    return RS_ESYNTAX;
  if (ps->tok.kind != T_WORD)
    return fail (ps, RS_ESYNTAX, "expected a parameter name such as "
                 "W1[0][1] or b1[0], found %s",
                 describe (&ps->tok, buf, sizeof buf));
  /* a letter and a layer of one or two digits, 1 to RS_NET_MAX_LAYERS */
  if (strchr ("Wba", ps->tok.str[0]) == NULL || ps->tok.str[1] < '1'
      || ps->tok.str[1] > '9' || strspn (ps->tok.str + 1, "0123456789") > 2
      || ps->tok.str[1 + strspn (ps->tok.str + 1, "0123456789")] != '\0'
      || atoi (ps->tok.str + 1) > RS_NET_MAX_LAYERS)
    return fail (ps, RS_EINVAL, "'%s' is not a parameter name: names look "
                 "like W1[0][1], b1[0] or a1[0] (layers 1 to %d)",
                 ps->tok.str, RS_NET_MAX_LAYERS);
  memcpy (word, ps->tok.str, sizeof word);   /* letter, layer, NUL */
  groups = word[0] == 'W' ? 2 : 1;
  for (size_t g = 0; g < groups; g++)
    if ((rc = expect (ps, T_LBRACK, groups == 2 ? "'[' (a weight is "
                      "W<layer>[unit][input])" : "'[' (a bias is "
                      "b<layer>[unit], a slope a<layer>[unit])")) != RS_OK
        || (rc = get_count (ps, what[g], 0, g == 1 ? RS_NET_MAX_INPUTS - 1
                            : RS_NET_MAX_UNITS - 1, &idx[g])) != RS_OK
        || (rc = expect (ps, T_RBRACK, "']'")) != RS_OK)
      return rc;
  if (groups == 2)
    snprintf (name, n, "%s[%zu][%zu]", word, idx[0], idx[1]);
  else
    snprintf (name, n, "%s[%zu]", word, idx[0]);
  return RS_OK;
}

/* set NAME VALUE, once per name. */
static int
kw_set (parser *ps)
{
  rs_sim_params *p = &ps->sc->sim;
  rs_sim_value *v = &p->values[p->n_values];
  place at;
  int rc;

  if (p->n_values == RS_SIM_MAX_VALUES)
    return fail (ps, RS_EINVAL, "too many values (at most %d)",
                 RS_SIM_MAX_VALUES);
  if (next (ps) != RS_OK)
    return RS_ESYNTAX;
  at = here (ps);
  ps->pushed_back = 1;
  if ((rc = get_param_name (ps, v->name, sizeof v->name)) != RS_OK)
    return rc;
  for (size_t i = 0; i < p->n_values; i++)
    if (strcmp (p->values[i].name, v->name) == 0)
      return fail_at (ps, at, RS_ESYNTAX, "'%s' is already set on line %d",
                      v->name, ps->value_at[i].line);
  if ((rc = get_number (ps, v->name, -1e6, 0, 1e6, 0, &v->value)) != RS_OK)
    return rc;
  ps->value_at[p->n_values++] = at;
  return RS_OK;
}

/* One name or pattern of 'freeze' at q (n bytes): a letter W, b or a, a
 * layer, then [unit] (and [input] for a weight), each a number or '*'.
 * 0 when well formed. */
static int
freeze_name_ok (const char *q, size_t n)
{
  size_t i = 1, groups = q[0] == 'W' ? 2 : 1;

  if (n < 2 || strchr ("Wba", q[0]) == NULL)
    return -1;
  if (q[i] == '*')
    i++;
  else if (q[i] >= '1' && q[i] <= '9')
    while (i < n && q[i] >= '0' && q[i] <= '9')
      i++;
  else
    return -1;
  for (size_t g = 0; g < groups; g++)
    {
      size_t d = 0;

      if (i >= n || q[i++] != '[')
        return -1;
      if (i < n && q[i] == '*')
        i++, d = 1;
      else
        while (i < n && q[i] >= '0' && q[i] <= '9' && d < 5)
          i++, d++;
      if (d == 0 || i >= n || q[i++] != ']')
        return -1;
    }
  return i == n ? 0 : -1;
}

/* NAME...: parameters that never train (rs_sim_freeze_mask), such as
 * W2[0][1] or W2[*][*].  Read from the line's text, since '*' is no token
 * of the language; the names are checked against the network once it is
 * known (check_names). */
static int
kw_freeze (parser *ps)
{
  rs_sim_params *p = &ps->sc->sim;
  const char *q = ps->p;
  size_t got = 0;

  for (;;)
    {
      size_t n;
      place at;

      while (q < ps->end && (*q == ' ' || *q == '\t'))
        q++;
      if (q >= ps->end || *q == '\n' || *q == '#')
        break;
      /* the text need not end in NUL: scan no further than its end */
      n = 0;
      while (q + n < ps->end && strchr (" \t\n#", q[n]) == NULL)
        n++;
      at = (place) { ps->line, (int) (q - ps->line_start) + 1 };
      if (freeze_name_ok (q, n) != 0 || n >= sizeof p->frozen[0])
        return fail_at (ps, at, RS_ESYNTAX, "'%.*s' is not a parameter name "
                        "or pattern: names look like W2[0][1] or b1[3], "
                        "patterns like W2[*][*]", (int) (n > 40 ? 40 : n), q);
      if (p->n_frozen == RS_SIM_MAX_FROZEN)
        return fail_at (ps, at, RS_EINVAL, "too many frozen names (at most "
                        "%d)", RS_SIM_MAX_FROZEN);
      snprintf (p->frozen[p->n_frozen], sizeof p->frozen[0], "%.*s", (int) n,
                q);
      ps->freeze_at[p->n_frozen++] = at;
      q += n;
      got++;
    }
  ps->p = q;
  if (got == 0)
    return fail (ps, RS_ESYNTAX, "freeze takes one or more parameter names "
                 "or patterns, such as W2[*][*]");
  return RS_OK;
}

static int
kw_start (parser *ps)
{
  rs_sim_params *p = &ps->sc->sim;
  int rc = get_number (ps, "start w", -1e6, 0, 1e6, 0, &p->w0);

  if (rc != RS_OK)
    return rc;
  ps->start_at = here (ps);
  return get_number (ps, "start b", -1e6, 0, 1e6, 0, &p->b0);
}

static int
kw_loss (parser *ps)
{
  const char *names[MAX_CHOICES];
  size_t i;
  int rc;

  TABLE_NAMES (rs_loss_types, names);
  if ((rc = get_name (ps, "loss", names, &i)) == RS_OK)
    ps->sc->sim.loss = rs_loss_types[i];
  return rc;
}

/* ---- Training ---- */

/* The constants of rs_optim_params, as optimizer's settings. */
enum { SET_MOMENTUM = 1, SET_RHO = 2, SET_BETAS = 4, SET_EPS = 8 };

static const char *const optim_setting_names[] = {
  "momentum", "rho", "betas", "eps", NULL
};

/* Which constants each optimiser reads (rs_train.h); an optimiser not
 * listed here takes them all. */
static const struct {
  const char *name;
  unsigned settings;
} optim_settings[] = {
  { "gd", 0 },
  { "momentum", SET_MOMENTUM },
  { "nesterov", SET_MOMENTUM },
  { "rmsprop", SET_RHO | SET_EPS },
  { "adam", SET_BETAS | SET_EPS },
};

static unsigned
optim_settings_of (const rs_optim_type *t)
{
  for (size_t i = 0; i < sizeof optim_settings / sizeof optim_settings[0];
       i++)
    if (strcmp (optim_settings[i].name, t->name) == 0)
      return optim_settings[i].settings;
  return SET_MOMENTUM | SET_RHO | SET_BETAS | SET_EPS;
}

/* The settings `mask` allows, as "betas B1 B2, eps E". */
static const char *
settings_list (unsigned mask, char *buf, size_t n)
{
  static const char *const forms[] = { "momentum MU", "rho R",
                                       "betas B1 B2", "eps E" };
  size_t k = 0;

  buf[0] = '\0';
  for (int i = 0; i < 4 && k < n; i++)
    if (mask & (1u << i))
      k += (size_t) snprintf (buf + k, n - k, "%s%s", k > 0 ? ", " : "",
                              forms[i]);
  return buf;
}

/* One setting of the optimiser t, when t reads it. */
static int
optim_setting (parser *ps, const rs_optim_type *t, int which)
{
  rs_optim_params *o = &ps->sc->sim.optim_params;
  unsigned allowed = optim_settings_of (t);
  char list[80];
  int rc;

  if (!(allowed & (1u << which)))
    return allowed == 0
      ? fail (ps, RS_ESYNTAX, "%s has no settings", t->name)
      : fail (ps, RS_ESYNTAX, "'%s' is not a setting of %s (it takes: %s)",
              optim_setting_names[which], t->name,
              settings_list (allowed, list, sizeof list));
  switch (1u << which)
    {
    case SET_MOMENTUM:
      return get_number (ps, "momentum", 0, 0, 1, 1, &o->momentum);
    case SET_RHO:
      return get_number (ps, "rho", 0, 0, 1, 1, &o->rho);
    case SET_BETAS:
      if ((rc = get_number (ps, "beta1", 0, 0, 1, 1, &o->beta1)) != RS_OK)
        return rc;
      return get_number (ps, "beta2", 0, 0, 1, 1, &o->beta2);
    default:
      return get_number (ps, "eps", 0, 1, 1, 0, &o->eps);
    }
}

/* optimizer NAME [momentum MU] [rho R] [betas B1 B2] [eps E] */
static int
kw_optimizer (parser *ps)
{
  const char *names[MAX_CHOICES];
  options o = { optim_setting_names, 0, 0 };
  size_t i;
  int which, rc;

  TABLE_NAMES (rs_optim_types, names);
  if ((rc = get_name (ps, "optimizer", names, &i)) != RS_OK)
    return rc;
  ps->sc->sim.optim = rs_optim_types[i];
  for (;;)
    {
      if ((rc = get_option (ps, &o, &which)) != RS_OK || which < 0)
        return rc;
      if ((rc = optim_setting (ps, rs_optim_types[i], which)) != RS_OK)
        return rc;
    }
}

static int
kw_rate (parser *ps)
{
  return get_number (ps, "rate", 0, 1, 100, 0, &ps->sc->sim.rate);
}

/* schedule constant | step EVERY GAMMA | cosine TOTAL [FLOOR]
 *        | linear TOTAL [FLOOR]; the warm-up is kept. */
static int
kw_schedule (parser *ps)
{
  rs_sched *s = &ps->sc->sim.sched;
  const char *names[MAX_CHOICES];
  size_t i;
  int rc;

  TABLE_NAMES (rs_sched_types, names);
  if ((rc = get_name (ps, "schedule", names, &i)) != RS_OK)
    return rc;
  s->type = rs_sched_types[i];
  if (s->type == rs_sched_step)
    {
      if ((rc = get_count (ps, "schedule every", 1, 1e7, &s->every))
          != RS_OK)
        return rc;
      return get_number (ps, "schedule gamma", 0, 1, 1, 0, &s->gamma);
    }
  if (s->type != rs_sched_cosine && s->type != rs_sched_linear)
    return RS_OK;
  if ((rc = get_count (ps, "schedule total", 1, 1e7, &s->total)) != RS_OK)
    return rc;
  return get_optional (ps, "schedule floor", 0, 0, 1, 0, &s->floor);
}

static int
kw_warmup (parser *ps)
{
  return get_count (ps, "warmup", 0, 1e7, &ps->sc->sim.sched.warmup);
}

static int
kw_batch (parser *ps)
{
  return get_count (ps, "batch", 0, 100000, &ps->sc->sim.batch);
}

static int
kw_clip (parser *ps)
{
  return get_number (ps, "clip", 0, 0, 1e6, 0, &ps->sc->sim.clip);
}

/* decay LAMBDA [decoupled] [biases] (C7: biases only when asked). */
static int
kw_decay (parser *ps)
{
  static const char *const names[] = { "decoupled", "biases", NULL };
  rs_decay *d = &ps->sc->sim.decay;
  options o = { names, 0, 0 };
  int which, rc;

  if ((rc = get_number (ps, "decay", 0, 0, 1000, 0, &d->lambda)) != RS_OK)
    return rc;
  for (;;)
    {
      if ((rc = get_option (ps, &o, &which)) != RS_OK || which < 0)
        return rc;
      if (which == 0)
        d->decoupled = 1;
      else
        d->biases = 1;
    }
}

/* warming GAMMA hold T1 anneal T2 [linear|cosine] [from STEP] (C10) */
static int
kw_warming (parser *ps)
{
  static const char *const names[] = { "linear", "cosine", "from", NULL };
  static const char form[] = "warming GAMMA hold T1 anneal T2";
  rs_warming *w = &ps->sc->sim.warming;
  options o = { names, 1u << 0 | 1u << 1, 0 };
  int which, rc;

  if ((rc = get_number (ps, "warming gamma", 0, 1, 1000, 0, &w->gamma0))
      != RS_OK
      || (rc = expect_word (ps, "hold", form)) != RS_OK
      || (rc = get_count (ps, "warming hold", 0, 1e7, &w->hold)) != RS_OK
      || (rc = expect_word (ps, "anneal", form)) != RS_OK
      || (rc = get_count (ps, "warming anneal", 0, 1e7, &w->anneal))
         != RS_OK)
    return rc;
  for (;;)
    {
      if ((rc = get_option (ps, &o, &which)) != RS_OK || which < 0)
        return rc;
      if (which == 2)
        rc = get_count (ps, "warming start", 0, 1e7, &w->start);
      else
        w->shape = which == 0 ? RS_WARM_LINEAR : RS_WARM_COSINE;
      if (rc != RS_OK)
        return rc;
    }
}

/* temperature T [cosine TOTAL | linear TOTAL] (C11: Langevin noise) */
static int
kw_temperature (parser *ps)
{
  static const char *const names[] = { "cosine", "linear", NULL };
  rs_sim_params *p = &ps->sc->sim;
  options o = { names, 1u << 0 | 1u << 1, 0 };
  int which, rc;

  if ((rc = get_number (ps, "temperature", 0, 0, 1000, 0, &p->temperature))
      != RS_OK)
    return rc;
  for (;;)
    {
      if ((rc = get_option (ps, &o, &which)) != RS_OK || which < 0)
        return rc;
      p->temp_sched.type = which == 0 ? rs_sched_cosine : rs_sched_linear;
      if ((rc = get_count (ps, "temperature total", 1, 1e7,
                           &p->temp_sched.total)) != RS_OK)
        return rc;
    }
}

static int
kw_steps (parser *ps)
{
  return get_count (ps, "steps", 1, 1e7, &ps->sc->sim.steps);
}

static int
kw_tolerance (parser *ps)
{
  return get_number (ps, "tolerance", 0, 0, 1, 0, &ps->sc->sim.tol);
}

/* record every K */
static int
kw_record (parser *ps)
{
  int rc = expect_word (ps, "every", "record every K");

  if (rc != RS_OK)
    return rc;
  return get_count (ps, "record every", 1, 1e7, &ps->sc->sim.record_every);
}

/* ---- The app's view ---- */

static int
kw_w_range (parser *ps)
{
  return get_range (ps, "w-range", &ps->sc->w_range);
}

static int
kw_b_range (parser *ps)
{
  return get_range (ps, "b-range", &ps->sc->b_range);
}

static int
kw_speed (parser *ps)
{
  return get_number (ps, "speed", 0.1, 0, 1000, 0, &ps->sc->speed);
}

static int
kw_kick_sigma (parser *ps)
{
  return get_number (ps, "kick-sigma", 0, 1, 1000, 0,
                     &ps->sc->sim.kick_sigma);
}

/* focus L J: the hidden unit the default landscape is about; that the
 * network has it is checked once the whole scene is read. */
static int
kw_focus (parser *ps)
{
  rs_scene *sc = ps->sc;
  int rc;

  if (next (ps) != RS_OK)
    return RS_ESYNTAX;
  ps->focus_at = here (ps);
  ps->pushed_back = 1;
  if ((rc = get_count (ps, "focus layer", 1, RS_NET_MAX_LAYERS,
                       &sc->focus.layer)) != RS_OK
      || (rc = get_count (ps, "focus unit", 0, RS_NET_MAX_UNITS - 1,
                          &sc->focus.unit)) != RS_OK)
    return rc;
  sc->has_focus = 1;
  return RS_OK;
}

/* ---- Kicks and events ---- */

/* The targets of a kick, in the order of rs_kick_target. */
static const rs_kick_target targets[] = {
  RS_KICK_ALL, RS_KICK_WEIGHTS, RS_KICK_BIASES, RS_KICK_UNIT
};

/* The option after "kick at STEP sigma S": seed N, or a target (names
 * "seed", "all", "weights", "biases", "unit"). */
static int
kick_option (parser *ps, rs_kick *k, int which)
{
  size_t n = ps->sc->sim.n_kicks, seed = 0;
  int rc;

  if (which == 0)
    {
      rc = get_count (ps, "kick seed", 0, 4294967295.0, &seed);
      k->seed = seed;
      ps->kick_seeded[n] = 1;
      return rc;
    }
  k->target = targets[which - 1];
  if (k->target != RS_KICK_UNIT)
    return RS_OK;
  ps->kick_unit[n] = here (ps);
  if ((rc = get_count (ps, "kick layer", 1, RS_NET_MAX_LAYERS, &k->layer))
      != RS_OK)
    return rc;
  return get_count (ps, "kick unit", 0, RS_NET_MAX_UNITS - 1, &k->unit);
}

/* kick at STEP sigma S [seed N] [all|weights|biases|unit L J].  A kick
 * without a seed gets one when the whole scene is read (see
 * default_kick_seeds), so that the order of the lines does not matter. */
static int
kw_kick (parser *ps)
{
  static const char *const names[] = { "seed", "all", "weights", "biases",
                                       "unit", NULL };
  static const char form[] = "kick at STEP sigma S [seed N]";
  rs_sim_params *p = &ps->sc->sim;
  options o = { names, 1u << 1 | 1u << 2 | 1u << 3 | 1u << 4, 0 };
  rs_kick k;
  int which, rc;

  memset (&k, 0, sizeof k);
  k.target = RS_KICK_ALL;
  if (p->n_kicks == RS_SIM_MAX_KICKS)
    return fail (ps, RS_EINVAL, "too many kicks (at most %d)",
                 RS_SIM_MAX_KICKS);
  ps->kick_seeded[p->n_kicks] = 0;
  ps->kick_unit[p->n_kicks].line = 0;
  if ((rc = expect_word (ps, "at", form)) != RS_OK
      || (rc = get_count (ps, "kick step", 0, 1e7, &k.step)) != RS_OK)
    return rc;
  ps->kick_at[p->n_kicks] = here (ps);
  if ((rc = expect_word (ps, "sigma", form)) != RS_OK
      || (rc = get_number (ps, "kick sigma", 0, 1, 1000, 0, &k.sigma))
         != RS_OK)
    return rc;
  for (;;)
    {
      if ((rc = get_option (ps, &o, &which)) != RS_OK)
        return rc;
      if (which < 0)
        break;
      if ((rc = kick_option (ps, &k, which)) != RS_OK)
        return rc;
    }
  p->kicks[p->n_kicks++] = k;
  return RS_OK;
}

/* Seeds for the kicks that have none: the scene's seed + 1000 + index. */
static void
default_kick_seeds (parser *ps)
{
  rs_sim_params *p = &ps->sc->sim;

  for (size_t i = 0; i < p->n_kicks; i++)
    if (!ps->kick_seeded[i])
      p->kicks[i].seed = p->seed + 1000 + i;
}

/* autokick sigma S [eps E] [patience K] [all|weights|biases] (C11) */
static int
kw_autokick (parser *ps)
{
  static const char *const names[] = { "eps", "patience", "all", "weights",
                                       "biases", NULL };
  rs_sim_autokick *a = &ps->sc->sim.autokick;
  options o = { names, 1u << 2 | 1u << 3 | 1u << 4, 0 };
  int which, rc;

  if ((rc = expect_word (ps, "sigma", "autokick sigma S")) != RS_OK
      || (rc = get_number (ps, "autokick sigma", 0, 1, 1000, 0, &a->sigma))
         != RS_OK)
    return rc;
  for (;;)
    {
      if ((rc = get_option (ps, &o, &which)) != RS_OK || which < 0)
        return rc;
      if (which == 0)
        rc = get_number (ps, "autokick eps", 0, 0, 1, 0, &a->eps);
      else if (which == 1)
        {
          rc = get_count (ps, "autokick patience", 1, 1e7, &a->patience);
          ps->patience_at = here (ps);
        }
      else
        a->target = targets[which - 2];
      if (rc != RS_OK)
        return rc;
    }
}

/* at STEP alpha A | at STEP rate R | at STEP beat */
static int
kw_at (parser *ps)
{
  static const char *const names[] = { "alpha", "rate", "beat", NULL };
  static const rs_sim_action actions[] = {
    RS_SIM_SET_ALPHA, RS_SIM_SET_RATE, RS_SIM_BEAT
  };
  rs_sim_params *p = &ps->sc->sim;
  rs_sim_event e = { 0, RS_SIM_BEAT, 0.0 };
  size_t i;
  int rc;

  if (p->n_events == RS_SIM_MAX_EVENTS)
    return fail (ps, RS_EINVAL, "too many events (at most %d)",
                 RS_SIM_MAX_EVENTS);
  if ((rc = get_count (ps, "event step", 0, 1e7, &e.step)) != RS_OK)
    return rc;
  ps->event_at[p->n_events] = here (ps);
  if ((rc = get_name (ps, "event", names, &i)) != RS_OK)
    return rc;
  e.action = actions[i];
  if (e.action == RS_SIM_SET_ALPHA)
    rc = get_number (ps, "alpha", 0, 0, 1, 1, &e.value);
  else if (e.action == RS_SIM_SET_RATE)
    rc = get_number (ps, "rate", 0, 1, 100, 0, &e.value);
  if (rc == RS_OK)
    p->events[p->n_events++] = e;
  return rc;
}

/* ---- Notes, views, layout, style and export ---- */

static int
kw_notes (parser *ps)
{
  char *notes = ps->sc->notes;
  size_t used = strlen (notes), add;

  if (expect (ps, T_STRING, "a quoted paragraph such as \"Watch the ball "
              "stop.\"") != RS_OK)
    return RS_ESYNTAX;
  if (ps->tok.str[0] == '\0')
    return RS_OK;   /* an empty paragraph adds nothing */
  add = strlen (ps->tok.str) + (used > 0);
  if (used + add >= sizeof ps->sc->notes)
    return fail (ps, RS_EINVAL, "the notes are too long (at most %zu bytes "
                 "in all)", sizeof ps->sc->notes - 1);
  snprintf (notes + used, sizeof ps->sc->notes - used, "%s%s",
            used > 0 ? "\n" : "", ps->tok.str);
  return RS_OK;
}

static const char *const view_names[] = {
  "landscape", "activation", "network", "timeline", "histogram", "depth",
  "heads", "basin", "trace", "data", NULL
};
static const char *const layout_names[] = { "auto", "row", "column", "grid",
                                            NULL };
static const char *const unit_names[] = { "px", "pt", "cm", NULL };
static const char *const colormap_names[] = { "viridis", "cividis", "magma",
                                              "grey", NULL };

const char *
rs_view_kind_name (rs_view_kind k)
{
  return k >= RS_VIEW_LANDSCAPE && k <= RS_VIEW_DATA ? view_names[k - 1]
                                                      : "?";
}

const char *
rs_layout_name (rs_layout l)
{
  return l <= RS_LAYOUT_GRID ? layout_names[l] : "?";
}

const char *
rs_unit_name (rs_unit u)
{
  return u <= RS_UNIT_CM ? unit_names[u] : "?";
}

const char *
rs_colormap_name (rs_colormap c)
{
  return c <= RS_CMAP_GREY ? colormap_names[c] : "?";
}

double
rs_unit_to_pt (double v, rs_unit u)
{
  return u == RS_UNIT_PT ? v : u == RS_UNIT_CM ? v * 72.0 / 2.54
                                              : v * 0.75;
}

/* The largest size a side may have in each unit: 16384 px, as many
 * points, 500 cm; the smallest 16 px or pt, 1 cm. */
static const double unit_min[] = { 16, 16, 1 };
static const double unit_max[] = { 16384, 16384, 500 };

/* WxH [px|pt|cm], into *w, *h, *u. */
static int
get_size (parser *ps, const char *what, double *w, double *h, rs_unit *u)
{
  char buf[80];
  place at;
  tok_kind kind;
  size_t i = RS_UNIT_PX;
  int rc;

  if (next (ps) != RS_OK)
    return RS_ESYNTAX;
  if (ps->tok.kind != T_SIZE)
    return fail (ps, RS_ESYNTAX, "expected a size WxH for %s, such as "
                 "1200x800 or 12x8 cm, found %s", what,
                 describe (&ps->tok, buf, sizeof buf));
  at = here (ps);
  *w = ps->tok.num;
  *h = ps->tok.num2;
  if ((rc = peek (ps, &kind)) != RS_OK)
    return rc;
  if (kind == T_WORD && (strcmp (ps->tok.str, "px") == 0
                         || strcmp (ps->tok.str, "pt") == 0
                         || strcmp (ps->tok.str, "cm") == 0))
    get_name (ps, "unit", unit_names, &i);
  *u = (rs_unit) i;
  if (*w < unit_min[i] || *w > unit_max[i] || *h < unit_min[i]
      || *h > unit_max[i])
    return fail_at (ps, at, RS_EINVAL, "%s %gx%g %s is out of range: each "
                    "side must be in [%g, %g] %s", what, *w, *h,
                    unit_names[i], unit_min[i], unit_max[i], unit_names[i]);
  return RS_OK;
}

/* The plane of a landscape or a basin map: over P1 P2 | random | pca,
 * range [LO, HI] [LO, HI], grid N, and for a landscape 2d | 3d and at
 * STEP (the landscape of that step, whatever the step shown). */
static int
view_plane (parser *ps, rs_view *v, size_t k)
{
  static const char *const names[] = { "over", "random", "pca", "range",
                                       "grid", "2d", "3d", "at", NULL };
  options o = { names, 1u << 0 | 1u << 1 | 1u << 2, 0 };
  int which, rc;
  tok_kind kind;

  for (;;)
    {
      if ((rc = get_option (ps, &o, &which)) != RS_OK || which < 0)
        return rc;
      if (which >= 5 && v->kind != RS_VIEW_LANDSCAPE)
        return fail (ps, RS_ESYNTAX, "'%s' is an option of a landscape, "
                     "not of a basin map", names[which]);
      if (which >= 5 && (o.given & (1u << 5)) && (o.given & (1u << 6)))
        return fail (ps, RS_ESYNTAX, "'2d' and '3d' exclude each other");
      switch (which)
        {
        case 0:
          v->axes = RS_AXES_PARAMS;
          ps->view_at[k][1] = here (ps);
          if ((rc = get_param_name (ps, v->p1, sizeof v->p1)) != RS_OK)
            return rc;
          if (next (ps) != RS_OK)
            return RS_ESYNTAX;
          ps->p2_at[k] = here (ps);
          ps->pushed_back = 1;
          if ((rc = get_param_name (ps, v->p2, sizeof v->p2)) != RS_OK)
            return rc;
          if (strcmp (v->p1, v->p2) == 0)
            return fail_at (ps, ps->p2_at[k], RS_EINVAL, "a plane needs two "
                            "different parameters, not %s twice", v->p1);
          break;
        case 1:
          v->axes = RS_AXES_RANDOM;
          break;
        case 2:
          v->axes = RS_AXES_PCA;
          break;
        case 3:
          v->has_range = 1;
          if ((rc = get_range (ps, "the view's first axis", &v->u_range))
              != RS_OK)
            return rc;
          if ((rc = get_range (ps, "the view's second axis", &v->v_range))
              != RS_OK)
            return rc;
          break;
        case 4:
          if ((rc = get_count (ps, "view grid", 16, 2048, &v->grid))
              != RS_OK)
            return rc;
          break;
        case 7:
          v->pinned = 1;
          if ((rc = peek (ps, &kind)) != RS_OK)
            return rc;
          ps->view_at[k][2] = here (ps);   /* the step's own place */
          if ((rc = get_count (ps, "view at", 0, 10000000, &v->pin_step))
              != RS_OK)
            return rc;
          break;
        default:
          v->three_d = which == 6;
        }
    }
}

/* trace NAME...: 1 to RS_VIEW_MAX_TRACES parameters by name, or gamma
 * (bias warming's shift) or rate (the learning rate), each once. */
static int
view_trace (parser *ps, rs_view *v, size_t k)
{
  char buf[80];
  tok_kind kind;
  int rc;

  for (;;)
    {
      char *name = v->traces[v->n_traces];

      if ((rc = peek (ps, &kind)) != RS_OK)
        return rc;
      if (kind != T_WORD && v->n_traces > 0)
        return RS_OK;
      if (kind != T_WORD)
        {
          next (ps);
          return fail (ps, RS_ESYNTAX, "expected what to trace (a parameter "
                       "such as b1[0], gamma or rate), found %s",
                       describe (&ps->tok, buf, sizeof buf));
        }
      if (v->n_traces == RS_VIEW_MAX_TRACES)
        {
          next (ps);
          return fail (ps, RS_EINVAL, "a trace shows at most %d series",
                       RS_VIEW_MAX_TRACES);
        }
      next (ps);
      ps->trace_at[k][v->n_traces] = here (ps);
      if (strcmp (ps->tok.str, "gamma") == 0)
        snprintf (name, sizeof v->traces[0], "gamma");
      else if (strcmp (ps->tok.str, "rate") == 0)
        snprintf (name, sizeof v->traces[0], "rate");
      else
        {
          ps->pushed_back = 1;
          if ((rc = get_param_name (ps, name, sizeof v->traces[0])) != RS_OK)
            return rc;
        }
      for (size_t i = 0; i < v->n_traces; i++)
        if (strcmp (v->traces[i], name) == 0)
          return fail_at (ps, ps->trace_at[k][v->n_traces], RS_ESYNTAX,
                          "%s is traced twice", name);
      v->n_traces++;
    }
}

/* view KIND [options]: the panels of the figure, in order. */
static int
kw_view (parser *ps)
{
  rs_scene *sc = ps->sc;
  rs_view *v = &sc->views[sc->n_views];
  size_t i, k = sc->n_views;
  int rc;

  if (sc->n_views == RS_SCENE_MAX_VIEWS)
    return fail (ps, RS_EINVAL, "too many views (at most %d)",
                 RS_SCENE_MAX_VIEWS);
  memset (v, 0, sizeof *v);
  if ((rc = get_name (ps, "view", view_names, &i)) != RS_OK)
    return rc;
  ps->view_at[k][0] = here (ps);
  v->kind = (rs_view_kind) (i + 1);
  if (v->kind == RS_VIEW_LANDSCAPE || v->kind == RS_VIEW_BASIN)
    rc = view_plane (ps, v, k);
  else if (v->kind == RS_VIEW_TRACE)
    rc = view_trace (ps, v, k);
  if (rc == RS_OK)
    sc->n_views++;
  return rc;
}

/* layout auto | row | column | grid COLSxROWS */
static int
kw_layout (parser *ps)
{
  rs_scene *sc = ps->sc;
  char buf[80];
  size_t i;
  int rc;

  if ((rc = get_name (ps, "layout", layout_names, &i)) != RS_OK)
    return rc;
  sc->layout = (rs_layout) i;
  if (sc->layout != RS_LAYOUT_GRID)
    return RS_OK;
  if (next (ps) != RS_OK)
    return RS_ESYNTAX;
  if (ps->tok.kind != T_SIZE)
    return fail (ps, RS_ESYNTAX, "expected the grid's COLSxROWS, such as "
                 "2x2, found %s", describe (&ps->tok, buf, sizeof buf));
  ps->layout_at = here (ps);
  if (ps->tok.num != floor (ps->tok.num) || ps->tok.num2 != floor
      (ps->tok.num2) || ps->tok.num < 1 || ps->tok.num > 4
      || ps->tok.num2 < 1 || ps->tok.num2 > 4)
    return fail (ps, RS_EINVAL, "grid %gx%g is out of range: columns and "
                 "rows are whole numbers from 1 to 4", ps->tok.num,
                 ps->tok.num2);
  sc->layout_cols = (int) ps->tok.num;
  sc->layout_rows = (int) ps->tok.num2;
  return RS_OK;
}

static int
kw_theme (parser *ps)
{
  static const char *const names[] = { "light", "dark", NULL };
  size_t i;
  int rc = get_name (ps, "theme", names, &i);

  if (rc == RS_OK)
    ps->sc->style.dark = (int) i;
  return rc;
}

static int
kw_colormap (parser *ps)
{
  size_t i;
  int rc = get_name (ps, "colour map", colormap_names, &i);

  if (rc == RS_OK)
    ps->sc->style.colormap = (rs_colormap) i;
  return rc;
}

static int
kw_colorscale (parser *ps)
{
  static const char *const names[] = { "log", "linear", NULL };
  size_t i;
  int rc = get_name (ps, "colour scale", names, &i);

  if (rc == RS_OK)
    ps->sc->style.linear = (int) i;
  return rc;
}

/* font "FAMILY" [SIZE]: a family name of letters, digits, spaces and
 * -_.,; the size of body text in points. */
static int
kw_font (parser *ps)
{
  rs_style *st = &ps->sc->style;

  if (expect (ps, T_STRING, "a quoted font family such as \"DejaVu "
              "Sans\"") != RS_OK)
    return RS_ESYNTAX;
  if (ps->tok.str[0] == '\0' || strlen (ps->tok.str) >= sizeof st->font)
    return fail (ps, RS_EINVAL, "a font family has 1 to %zu characters",
                 sizeof st->font - 1);
  for (const char *c = ps->tok.str; *c != '\0'; c++)
    if (!is_word_char ((unsigned char) *c) && strchr (" .,", *c) == NULL)
      return fail (ps, RS_EINVAL, "a font family has letters, digits, "
                   "spaces and - _ . , only; '%c' is not one", *c);
  snprintf (st->font, sizeof st->font, "%s", ps->tok.str);
  return get_optional (ps, "font size", 4, 0, 72, 0, &st->font_pt);
}

static int
kw_size (parser *ps)
{
  rs_style *st = &ps->sc->style;

  return get_size (ps, "size", &st->width, &st->height, &st->unit);
}

static int
kw_camera (parser *ps)
{
  rs_style *st = &ps->sc->style;
  int rc = get_number (ps, "camera azimuth", -180, 0, 180, 0, &st->azimuth);

  if (rc != RS_OK)
    return rc;
  return get_number (ps, "camera elevation", 0, 0, 90, 0, &st->elevation);
}

static int get_step (parser *ps, const char *what, size_t *out, place *at);
static void scene_shape (const rs_sim_params *p, rs_net_spec *spec);

/* export "PATH" [size WxH [unit]] [dpi N] [at STEP] */
static int
kw_export (parser *ps)
{
  static const char *const names[] = { "size", "dpi", "at", NULL };
  static const char *const suffixes[] = { ".png", ".pdf", ".svg", ".mp4",
                                          ".gif", NULL };
  rs_scene *sc = ps->sc;
  rs_export_target *e = &sc->exports[sc->n_exports];
  options o = { names, 0, 0 };
  const char *dot;
  int which, rc, known = 0;

  if (sc->n_exports == RS_SCENE_MAX_EXPORTS)
    return fail (ps, RS_EINVAL, "too many export targets (at most %d)",
                 RS_SCENE_MAX_EXPORTS);
  if (expect (ps, T_STRING, "a quoted file name such as \"figure.pdf\"")
      != RS_OK)
    return RS_ESYNTAX;
  memset (e, 0, sizeof *e);
  e->dpi = 96;
  if (strlen (ps->tok.str) >= sizeof e->path)
    return fail (ps, RS_EINVAL, "the export file's name is too long (at most "
                 "%zu bytes)", sizeof e->path - 1);
  dot = strrchr (ps->tok.str, '.');
  for (size_t i = 0; dot != NULL && suffixes[i] != NULL; i++)
    known |= strcasecmp (dot, suffixes[i]) == 0;
  if (!known)
    return fail (ps, RS_EINVAL, "cannot tell the format of \"%s\" from its "
                 "name: it must end in .png, .pdf, .svg, .mp4 or .gif",
                 ps->tok.str);
  snprintf (e->path, sizeof e->path, "%s", ps->tok.str);
  ps->export_at[sc->n_exports] = here (ps);
  for (;;)
    {
      if ((rc = get_option (ps, &o, &which)) != RS_OK)
        return rc;
      if (which < 0)
        break;
      if (which == 2)
        e->has_at = 1;
      rc = which == 0 ? get_size (ps, "export size", &e->width, &e->height,
                                  &e->unit)
           : which == 1 ? get_number (ps, "dpi", 10, 0, 2400, 0, &e->dpi)
           : get_step (ps, "the step drawn", &e->at,
                       &ps->export_step_at[sc->n_exports]);
      if (rc != RS_OK)
        return rc;
    }
  sc->n_exports++;
  return RS_OK;
}

/* ---- Claims about the run and the moment shown ---- */

/* A step: a whole number, 'start' (0) or 'end' (RS_EXPECT_END); *at gets
 * where it is written. */
static int
get_step (parser *ps, const char *what, size_t *out, place *at)
{
  char buf[80];

  if (next (ps) != RS_OK)
    return RS_ESYNTAX;
  *at = here (ps);
  if (ps->tok.kind == T_WORD && (strcmp (ps->tok.str, "start") == 0
                                 || strcmp (ps->tok.str, "end") == 0))
    {
      *out = ps->tok.str[0] == 's' ? 0 : RS_EXPECT_END;
      return RS_OK;
    }
  if (ps->tok.kind != T_NUMBER)
    return fail (ps, RS_ESYNTAX, "expected %s (a step number, start or "
                 "end), found %s", what, describe (&ps->tok, buf,
                                                   sizeof buf));
  ps->pushed_back = 1;
  return get_count (ps, what, 0, 1e7, out);
}

/* The moment of a claim: at STEP, from STEP to STEP, or the bare words
 * start, end and depth. */
static int
claim_when (parser *ps, rs_expect *e, place *at)
{
  static const char *const names[] = { "at", "from", "start", "end",
                                       "depth", NULL };
  size_t i = 0;
  int rc;

  if ((rc = get_name (ps, "moment", names, &i)) != RS_OK)
    return rc;
  *at = here (ps);
  e->when = i == 1 ? RS_EXPECT_SPAN : i == 4 ? RS_EXPECT_DEPTH
                                             : RS_EXPECT_AT;
  e->from = e->to = i == 3 ? RS_EXPECT_END : 0;
  if (i == 0)
    {
      rc = get_step (ps, "the claim's step", &e->from, at);
      e->to = e->from;
      return rc;
    }
  if (i != 1)
    return RS_OK;
  if ((rc = get_step (ps, "the span's first step", &e->from, at)) != RS_OK
      || (rc = expect_word (ps, "to", "from STEP to STEP")) != RS_OK
      || (rc = get_step (ps, "the span's last step", &e->to, at)) != RS_OK)
    return rc;
  if (e->from == RS_EXPECT_END || (e->to != RS_EXPECT_END && e->to < e->from))
    return fail (ps, RS_EINVAL, "the span ends before it starts");
  return RS_OK;
}

/* alive<L>[J]: the word's layer, then [J]. */
static int
claim_alive (parser *ps, rs_expect *e)
{
  const char *d = ps->tok.str + 5;
  int rc;

  if (d[0] < '1' || d[0] > '9' || d[1] != '\0')
    return fail (ps, RS_EINVAL, "'%s' is not a unit: write alive<L>[J], "
                 "as alive1[0]", ps->tok.str);
  e->layer = (size_t) (d[0] - '0');
  e->q = rs_expect_quantity_lookup ("alive");
  if ((rc = expect (ps, T_LBRACK, "'[' (alive<L>[J])")) != RS_OK
      || (rc = get_count (ps, "unit index", 0, RS_NET_MAX_UNITS - 1,
                          &e->unit)) != RS_OK)
    return rc;
  return expect (ps, T_RBRACK, "']'");
}

/* dead-units: 'none', or units L:J. */
static int
claim_units (parser *ps, rs_expect *e)
{
  tok_kind kind = T_END;
  size_t l = 0, j = 0;
  int rc;

  if ((rc = peek (ps, &kind)) != RS_OK)
    return rc;
  if (kind == T_WORD)
    return expect_word (ps, "none", "dead-units none | L:J ...");
  do
    {
      if (e->n_units == RS_EXPECT_MAX_UNITS)
        return fail (ps, RS_EINVAL, "too many units (at most %d)",
                     RS_EXPECT_MAX_UNITS);
      if ((rc = get_count (ps, "layer", 1, RS_NET_MAX_LAYERS, &l)) != RS_OK
          || (rc = expect (ps, T_COLON, "':' in a unit L:J")) != RS_OK
          || (rc = get_count (ps, "unit index", 0, RS_NET_MAX_UNITS - 1, &j))
             != RS_OK)
        return rc;
      e->units[e->n_units][0] = (unsigned char) l;
      e->units[e->n_units++][1] = (unsigned char) j;
      if ((rc = peek (ps, &kind)) != RS_OK)
        return rc;
    }
  while (kind == T_NUMBER);
  return RS_OK;
}

/* depth ACT ratio | depth ACT layer L */
static int
claim_depth (parser *ps, rs_expect *e)
{
  static const char *const what[] = { "ratio", "layer", NULL };
  const char *names[MAX_CHOICES];
  size_t i = 0;
  int rc;

  TABLE_NAMES (rs_act_types, names);
  if ((rc = get_name (ps, "activation", names, &i)) != RS_OK)
    return rc;
  snprintf (e->name, sizeof e->name, "%s", names[i]);
  if ((rc = get_name (ps, "depth measure", what, &i)) != RS_OK)
    return rc;
  e->layer = 0;
  return i == 0 ? RS_OK
         : get_count (ps, "layer", 1, RS_NET_MAX_LAYERS, &e->layer);
}

/* What follows a quantity's name: a layer, a word, units. */
static int
claim_arg (parser *ps, rs_expect *e)
{
  const char *const *words = rs_expect_event_names;
  const char *status[5];
  size_t i = 0;
  int rc;

  switch (e->q->arg)
    {
    case RS_EXPECT_ARG_LAYER:
      return get_count (ps, "layer", 1, RS_NET_MAX_LAYERS, &e->layer);
    case RS_EXPECT_ARG_UNITS:
      return claim_units (ps, e);
    case RS_EXPECT_ARG_WORD:
      if (e->q->name[0] == 'o')
        {
          for (int s = 0; s < 4; s++)
            status[s] = rs_sim_status_name ((rs_sim_status) s);
          status[4] = NULL;
          words = status;
        }
      rc = get_name (ps, e->q->name, words, &i);
      e->word = (int) i;
      return rc;
    default:
      return RS_OK;
    }
}

/* The quantity: a name of the table, a parameter's name or alive<L>[J]. */
static int
claim_quantity (parser *ps, rs_expect *e, place *at)
{
  const char *names[64];
  const char *near;
  char buf[80];
  size_t n = 0;
  const char *w;

  if (next (ps) != RS_OK)
    return RS_ESYNTAX;
  *at = here (ps);
  w = ps->tok.str;
  if (ps->tok.kind != T_WORD)
    return fail (ps, RS_ESYNTAX, "expected a quantity such as loss, dead or "
                 "outcome, found %s", describe (&ps->tok, buf, sizeof buf));
  if (strncmp (w, "alive", 5) == 0 && w[5] != '\0' && w[5] != '-')
    return claim_alive (ps, e);
  if (strcmp (w, "alive") == 0 || strcmp (w, "param") == 0)
    return fail (ps, RS_ESYNTAX, "write %s", w[0] == 'a'
                 ? "a unit's count as alive<L>[J], as alive1[0]"
                 : "a parameter by its name alone, as W1[0][1] or b1[0]");
  if (strchr ("Wba", w[0]) != NULL && w[1] >= '1' && w[1] <= '9'
      && w[2] == '\0')
    {
      ps->pushed_back = 1;
      e->q = rs_expect_quantity_lookup ("param");
      return get_param_name (ps, e->name, sizeof e->name);
    }
  if ((e->q = rs_expect_quantity_lookup (w)) != NULL)
    return claim_arg (ps, e);
  while (rs_expect_quantity_get (n) != NULL && n + 1 < 64)
    {
      names[n] = rs_expect_quantity_get (n)->name;
      n++;
    }
  names[n] = NULL;
  near = nearest (w, names);
  if (near != NULL)
    return fail (ps, RS_EINVAL, "unknown quantity '%s' (did you mean "
                 "'%s'?)", w, near);
  return fail (ps, RS_EINVAL, "unknown quantity '%s' (known: loss, gnorm, "
               "w, b, a parameter such as W1[0][1], alive1[0], dead, "
               "dead-units, outcome, event ...; see reluscape-scene(5))", w);
}

/* [below|above|at-most|at-least] VALUE [within TOL], VALUE a number or
 * inf; the text of VALUE is kept, and its last digit gives the tolerance
 * unless 'within' does. */
static int
claim_value (parser *ps, rs_expect *e)
{
  static const char *const cmps[] = { "below", "above", "at-most",
                                      "at-least", NULL };
  static const char *const within[] = { "within", NULL };
  options o = { within, 0, 0 };
  char buf[80];
  int which = -1, rc;

  if ((rc = next (ps)) != RS_OK)
    return rc;
  e->cmp = RS_EXPECT_NEAR;
  for (int k = 0; ps->tok.kind == T_WORD && cmps[k] != NULL; k++)
    if (strcmp (ps->tok.str, cmps[k]) == 0)
      {
        e->cmp = (rs_expect_cmp) (k + 1);
        if ((rc = next (ps)) != RS_OK)
          return rc;
        break;
      }
  if (ps->tok.kind == T_WORD && strcmp (ps->tok.str, "inf") == 0)
    e->value = INFINITY;
  else if (ps->tok.kind == T_NUMBER)
    e->value = ps->tok.num;
  else
    return fail (ps, RS_ESYNTAX, "expected the claimed value (a number, "
                 "inf, or below, above, at-most or at-least and a number), "
                 "found %s", describe (&ps->tok, buf, sizeof buf));
  if (ps->tok.len >= sizeof e->text)
    return fail (ps, RS_EINVAL, "the value is written with too many "
                 "digits (at most %zu characters)", sizeof e->text - 1);
  snprintf (e->text, sizeof e->text, "%.*s", (int) ps->tok.len,
            ps->tok.start);
  e->tol = rs_expect_written_tol (e->text);
  if ((rc = get_option (ps, &o, &which)) != RS_OK || which < 0)
    return rc;
  if (e->cmp != RS_EXPECT_NEAR)
    return fail (ps, RS_ESYNTAX, "'within' goes with a value, not a bound");
  e->has_tol = 1;
  return get_number (ps, "tolerance", 0, 0, 1e6, 0, &e->tol);
}

/* expect WHEN QUANTITY [CMP] VALUE [within TOL] */
static int
kw_expect (parser *ps)
{
  rs_scene *sc = ps->sc;
  rs_expect *e = &sc->expects[sc->n_expects];
  size_t k = sc->n_expects;
  int rc;

  if (k == RS_SCENE_MAX_EXPECTS)
    return fail (ps, RS_EINVAL, "too many claims (at most %d)",
                 RS_SCENE_MAX_EXPECTS);
  memset (e, 0, sizeof *e);
  e->line = ps->tok.line;
  e->col = ps->tok.col;
  if ((rc = claim_when (ps, e, &ps->expect_at[k][0])) != RS_OK)
    return rc;
  if (e->when == RS_EXPECT_DEPTH)
    {
      ps->expect_at[k][1] = ps->expect_at[k][0];
      e->q = rs_expect_quantity_lookup ("depth");
      rc = claim_depth (ps, e);
    }
  else if ((rc = claim_quantity (ps, e, &ps->expect_at[k][1])) == RS_OK
           && e->q->arg == RS_EXPECT_ARG_ACT)
    rc = fail_at (ps, ps->expect_at[k][1], RS_ESYNTAX, "depth is a moment "
                  "of its own: expect depth ACT ratio VALUE");
  if (rc == RS_OK && e->q->arg != RS_EXPECT_ARG_WORD
      && e->q->arg != RS_EXPECT_ARG_UNITS)
    rc = claim_value (ps, e);
  if (rc == RS_OK)
    sc->n_expects++;
  return rc;
}

/* show STEP | start | end */
static int
kw_show (parser *ps)
{
  int rc = get_step (ps, "the step shown", &ps->sc->show, &ps->show_at);

  ps->sc->has_show = rc == RS_OK;
  return rc;
}

/* Whether two 'pace speed' spans share a step: each is half-open, the
 * end (RS_EXPECT_END) the largest step. */
static int
spans_meet (const rs_pace_line *a, const rs_pace_line *b)
{
  return a->from < b->to && b->from < a->to;
}

/* The part of a pace line after its kind: SECONDS at STEP, or FACTOR
 * from STEP to STEP; k is its index, for where its steps are. */
static int
pace_values (parser *ps, rs_pace_line *l, size_t k)
{
  static const char hold[] = "pace hold SECONDS at STEP";
  static const char speed[] = "pace speed FACTOR from STEP to STEP";
  int rc;

  if (l->kind == RS_PACE_HOLD)
    {
      if ((rc = get_number (ps, "the hold", 0, 1, 60, 0, &l->value)) != RS_OK
          || (rc = expect_word (ps, "at", hold)) != RS_OK)
        return rc;
      return get_step (ps, "the step held", &l->from, &ps->pace_at[k][0]);
    }
  if ((rc = get_number (ps, "the speed", 0.01, 0, 100, 0, &l->value))
      != RS_OK || (rc = expect_word (ps, "from", speed)) != RS_OK
      || (rc = get_step (ps, "the span's first step", &l->from,
                         &ps->pace_at[k][0])) != RS_OK
      || (rc = expect_word (ps, "to", speed)) != RS_OK
      || (rc = get_step (ps, "the span's last step", &l->to,
                         &ps->pace_at[k][1])) != RS_OK)
    return rc;
  if (l->to <= l->from)
    return fail_at (ps, ps->pace_at[k][1], RS_EINVAL, "the span's last "
                    "step must come after its first");
  return RS_OK;
}

/* Whether pace line k (a hold, a span) meets one of the lines before
 * it: two holds at one step, two spans over one step. */
static int
pace_clash (parser *ps, const rs_pace_line *l, size_t k)
{
  for (size_t j = 0; j < k; j++)
    {
      const rs_pace_line *m = &ps->sc->paces[j];

      if (m->kind != l->kind)
        continue;
      if (l->kind == RS_PACE_HOLD && m->from == l->from)
        return fail_at (ps, ps->pace_at[k][0], RS_EINVAL, "a hold at this "
                        "step is already set on line %d",
                        ps->pace_at[j][0].line);
      if (l->kind == RS_PACE_SPEED && spans_meet (l, m))
        return fail_at (ps, ps->pace_at[k][0], RS_EINVAL, "this span "
                        "overlaps the one on line %d",
                        ps->pace_at[j][0].line);
    }
  return RS_OK;
}

/* pace hold SECONDS at STEP | pace speed FACTOR from STEP to STEP */
static int
kw_pace (parser *ps)
{
  static const char *const names[] = { "hold", "speed", NULL };
  rs_scene *sc = ps->sc;
  rs_pace_line l = { RS_PACE_HOLD, 0.0, 0, RS_EXPECT_END };
  size_t i, k = sc->n_paces;
  int rc;

  if (k == RS_SCENE_MAX_PACES)
    return fail (ps, RS_EINVAL, "too many pace lines (at most %d)",
                 RS_SCENE_MAX_PACES);
  if ((rc = get_name (ps, "pace", names, &i)) != RS_OK)
    return rc;
  l.kind = i == 0 ? RS_PACE_HOLD : RS_PACE_SPEED;
  if ((rc = pace_values (ps, &l, k)) != RS_OK
      || (rc = pace_clash (ps, &l, k)) != RS_OK)
    return rc;
  sc->paces[sc->n_paces++] = l;
  return RS_OK;
}

/* A step of a claim, 'show' or an export past the run's last step. */
static void
check_step (parser *ps, size_t step, place at, const char *what)
{
  size_t last = ps->sc->sim.steps;

  if (step != RS_EXPECT_END && step > last)
    fail_at (ps, at, RS_EINVAL, "%s %zu is past the run's last step (steps "
             "%zu)", what, step, last);
}

/* What claim k needs of the network: a network, labels, its names. */
static void
check_claim_fits (parser *ps, size_t k, const rs_net *net)
{
  const rs_expect *e = &ps->sc->expects[k];
  const rs_sim_params *p = &ps->sc->sim;
  place at = ps->expect_at[k][1];
  size_t index, top = p->net.layers > 0 ? p->net.layers : 1;
  rs_error err;

  if (e->q->needs_network && p->net.layers == 0)
    fail_at (ps, at, RS_EINVAL, "'%s' needs a network ('network'); this "
             "scene is the single neuron", e->q->name);
  else if (e->q->needs_labels && !p->loss->labels
           && p->loss != rs_loss_sigmoid_bce)
    fail_at (ps, at, RS_EINVAL, "'%s' needs a classification loss "
             "(softmax_ce, relu_norm_ce, sigmoid_bce), not %s", e->q->name,
             p->loss->name);
  else if (e->q->arg == RS_EXPECT_ARG_PARAM
           && rs_net_param_lookup (net, e->name, &index, &err) != RS_OK)
    fail_at (ps, at, err.code, "%s", err.message);
  else if (e->q->arg == RS_EXPECT_ARG_UNIT
           && (e->layer >= top || e->unit >= rs_net_units (net, e->layer))
           && !(top == 1 && e->layer == 1 && e->unit == 0))
    fail_at (ps, at, RS_EINVAL, "alive%zu[%zu]: the units that can die are "
             "those of layers 1 to %zu", e->layer, e->unit,
             top > 1 ? top - 1 : 1);
  else if ((e->q->arg == RS_EXPECT_ARG_LAYER
            || e->q->arg == RS_EXPECT_ARG_ACT) && e->layer > top)
    fail_at (ps, at, RS_EINVAL, "layer %zu: the network has layers 1 to %zu",
             e->layer, top);
}

/* Every claim's steps in the run, its quantity fits the network; 'show'
 * and the exports' steps in the run. */
static void
check_claims (parser *ps)
{
  const rs_scene *sc = ps->sc;
  rs_net_spec spec;
  rs_net *net;
  rs_error err;

  if (sc->has_show)
    check_step (ps, sc->show, ps->show_at, "show");
  for (size_t i = 0; i < sc->n_paces; i++)
    {
      check_step (ps, sc->paces[i].from, ps->pace_at[i][0], "pace step");
      if (sc->paces[i].kind == RS_PACE_SPEED)
        check_step (ps, sc->paces[i].to, ps->pace_at[i][1], "pace step");
    }
  for (size_t i = 0; i < sc->n_exports; i++)
    if (sc->exports[i].has_at)
      check_step (ps, sc->exports[i].at, ps->export_step_at[i], "at");
  if (sc->n_expects == 0)
    return;
  scene_shape (&sc->sim, &spec);
  if ((net = rs_net_alloc (&spec, &err)) == NULL)
    {
      fail_at (ps, ps->expect_at[0][0], err.code, "%s", err.message);
      return;
    }
  for (size_t k = 0; k < sc->n_expects; k++)
    {
      const rs_expect *e = &sc->expects[k];

      if (e->when != RS_EXPECT_DEPTH)
        check_step (ps, e->when == RS_EXPECT_SPAN ? e->to : e->from,
                    ps->expect_at[k][0], "step");
      check_claim_fits (ps, k, net);
    }
  rs_net_free (net);
}

static int unknown_keyword (parser *ps);

/* 'variant "NAME" [KEYWORD VALUES...]': a run compared with the others
 * in one figure.  The line's tokens are read here (a malformed one is an
 * error where it is), its keyword checked against those a variant may
 * set; the line itself is checked as a scene line, over the whole
 * scene, once every line is read (check_variants). */
static int
kw_variant (parser *ps)
{
  const char *first = NULL, *last = NULL;
  place at = { 0, 0 }, name_at;
  char name[64];
  rs_error e;

  if (expect (ps, T_STRING, "a quoted name such as \"no bias decay\"")
      != RS_OK)
    return RS_ESYNTAX;
  name_at = here (ps);
  if (ps->tok.str[0] == '\0' || strlen (ps->tok.str) >= sizeof name)
    return fail (ps, RS_EINVAL, "a variant's name has 1 to %zu bytes",
                 sizeof name - 1);
  memcpy (name, ps->tok.str, strlen (ps->tok.str) + 1);
  for (;;)
    {
      if (next (ps) != RS_OK)
        return RS_ESYNTAX;
      if (ps->tok.kind == T_NEWLINE || ps->tok.kind == T_END)
        break;
      if (first == NULL && ps->tok.kind == T_WORD
          && rs_scene_keyword_repeatable (ps->tok.str) < 0)
        return unknown_keyword (ps);
      if (first == NULL && (ps->tok.kind != T_WORD
                            || !rs_scene_keyword_varies (ps->tok.str)))
        return fail (ps, RS_ESYNTAX, "a variant sets a line of the run "
                     "(such as 'kink 0.5', 'decay 0.1 biases', 'optimizer "
                     "adam', 'expect ...'), not %s%s%s",
                     ps->tok.kind == T_WORD ? "'" : "a value",
                     ps->tok.kind == T_WORD ? ps->tok.str : "",
                     ps->tok.kind == T_WORD ? "'" : "");
      if (first == NULL)
        {
          first = ps->tok.start;
          at = here (ps);
        }
      last = ps->p;   /* past the token (a string's len is not kept) */
    }
  ps->pushed_back = 1;
  if (scene_variant_add (ps->sc, name, name_at.line, name_at.col, first,
                         first ? (size_t) (last - first) : 0, at.line,
                         at.col, &e) != RS_OK)
    return fail_at (ps, first ? at : name_at, e.code, "%s", e.message);
  return RS_OK;
}

/* Each variant's lines over the whole scene, checked as the scene's own
 * (rs_scene_variant): an error names the variant's line. */
static void
check_variants (parser *ps)
{
  rs_scene *v;
  rs_error e;

  if (ps->sc->n_variants == 0)
    return;
  if ((v = malloc (sizeof *v)) == NULL)
    {
      fail_at (ps, (place) { 1, 1 }, RS_ENOMEM, "out of memory");
      return;
    }
  for (size_t k = 0; k < ps->sc->n_variants && !ps->stopped; k++)
    if (rs_scene_variant (ps->sc, k, ps->name, v, &e) != RS_OK)
      fail_at (ps, (place) { e.line, e.col }, e.code, "%s", e.message);
  free (v);
}

static const keyword keywords[] = {
  { { "title", "STRING", "the figure's title" }, kw_title, 0 },
  { { "notes", "STRING", "a paragraph of notes for the lecturer, shown "
      "under the figure by 'reluscape check --print' and the app's help; "
      "repeatable" }, kw_notes, 1 },
  { { "seed", "N", "seed of the data, the initialisation, the batches and "
      "the noise, 0 to 4294967295 (1)" }, kw_seed, 0 },
  { { "data", "NAME [N] | csv \"PATH\"", "the data generator (line abs "
      "sine step xor circle blobs spirals) and its number of points, or a "
      "CSV file relative to the scene's folder (line 24)" },
    kw_data, 0 },
  { { "points", "N", "number of data points, 2 to 100000 (24)" },
    kw_points, 0 },
  { { "line", "SLOPE INTERCEPT", "the data y = SLOPE x + INTERCEPT (2 1)" },
    kw_line, 0 },
  { { "noise", "SIGMA", "standard deviation of the data's noise, 0 to 100 "
      "(0.05)" }, kw_noise, 0 },
  { { "network", "N0 N1 ... NL", "a network's layer sizes, 2 to 66 sizes: "
      "1 to 1024 inputs, then 1 to 256 units a layer (none: the single "
      "neuron)" }, kw_network, 0 },
  { { "activation", "NAME [P]", "the hidden layers' activation; the single "
      "neuron takes relu or leaky_relu (relu)" }, kw_activation, 0 },
  { { "layer", "L NAME [P]", "layer L's own activation (1 to the "
      "network's layers), over 'activation' and 'output'; repeatable, once "
      "a layer" }, kw_layer, 1 },
  { { "alpha", "A", "Leaky ReLU's slope for z < 0, 0 <= A < 1 (0.1)" },
    kw_alpha, 0 },
  { { "output", "NAME [P]", "the network's output activation (identity)" },
    kw_output, 0 },
  { { "kink", "S", "derivative taken at the kink z = 0, 0 to 1 (0)" },
    kw_kink, 0 },
  { { "init", "SCHEME [C]", "the network's weights (he_normal he_uniform "
      "xavier_normal xavier_uniform constant C) (he_normal)" }, kw_init, 0 },
  { { "bias", "B", "every bias of the network at the start, -100 to 100 "
      "(0)" }, kw_bias, 0 },
  { { "set", "NAME VALUE", "one parameter at the start, such as W1[0][1] "
      "or b1[0]; repeatable" }, kw_set, 1 },
  { { "freeze", "NAME...", "parameters that never train, by name or "
      "pattern with '*' for any layer or index, such as W2[*][*] (every "
      "optimiser, decay, kick and noise leaves them as they are); "
      "repeatable" }, kw_freeze, 1 },
  { { "start", "W B", "the ball's starting point (0.5 0.5)" }, kw_start, 0 },
  { { "loss", "NAME", "mse softmax_ce relu_norm_ce sigmoid_bce (mse)" },
    kw_loss, 0 },
  { { "optimizer", "NAME [momentum MU] [rho R] [betas B1 B2] [eps E]",
      "gd momentum nesterov rmsprop adam and their constants (gd)" },
    kw_optimizer, 0 },
  { { "rate", "ETA", "learning rate, 0 < ETA <= 100 (0.1)" }, kw_rate, 0 },
  { { "schedule", "constant | step EVERY GAMMA | cosine TOTAL [FLOOR] | "
      "linear TOTAL [FLOOR]", "the learning rate's schedule (constant)" },
    kw_schedule, 0 },
  { { "warmup", "STEPS", "steps of linear warm-up of the rate, 0 to "
      "10000000 (0)" }, kw_warmup, 0 },
  { { "batch", "N", "points per step, 0 to 100000; 0: all (0)" }, kw_batch,
    0 },
  { { "clip", "NORM", "largest gradient norm, 0 to 1e6; 0: no clipping "
      "(0)" }, kw_clip, 0 },
  { { "decay", "LAMBDA [decoupled] [biases]", "weight decay, 0 to 1000 (0)" },
    kw_decay, 0 },
  { { "warming", "GAMMA hold T1 anneal T2 [linear|cosine] [from STEP]",
      "bias warming, 0 < GAMMA <= 1000 (none)" }, kw_warming, 0 },
  { { "temperature", "T [cosine TOTAL | linear TOTAL]", "Langevin noise, "
      "0 to 1000 (0)" }, kw_temperature, 0 },
  { { "steps", "N", "steps of a run, 1 to 10000000 (200)" }, kw_steps, 0 },
  { { "tolerance", "EPS", "gradient norm at which the ball rests, 0 to 1 "
      "(1e-6)" }, kw_tolerance, 0 },
  { { "record", "every K", "record every K-th step, 1 to 10000000 (1)" },
    kw_record, 0 },
  { { "w-range", "[LO, HI]", "the landscape's w axis ([-3, 3])" },
    kw_w_range, 0 },
  { { "b-range", "[LO, HI]", "the landscape's b axis ([-3, 3])" },
    kw_b_range, 0 },
  { { "kick", "at STEP sigma S [seed N] [all|weights|biases|unit L J]",
      "a thermal kick after STEP steps, N(0, S^2) on the target (all); "
      "repeatable" }, kw_kick, 1 },
  { { "autokick", "sigma S [eps E] [patience K] [all|weights|biases]",
      "a kick whenever the gradient norm stays below E for K steps "
      "(none)" }, kw_autokick, 0 },
  { { "at", "STEP alpha A | STEP rate R | STEP beat", "a change of the run "
      "after STEP steps; repeatable" }, kw_at, 1 },
  { { "kick-sigma", "S", "scale of the app's K key kick, 0 < S <= 1000 (1)" },
    kw_kick_sigma, 0 },
  { { "speed", "N", "steps per second in the app, 0.1 to 1000 (20)" },
    kw_speed, 0 },
  { { "focus", "L J", "the hidden unit (layer L from 1, unit J from 0) "
      "whose weight and bias the default landscape is over (the first "
      "unit revived, else the first that dies, else 1 0)" }, kw_focus, 0 },
  { { "view", "KIND [2d|3d] [over P1 P2|random|pca] [range [LO, HI] "
      "[LO, HI]] [grid N] [at STEP] | trace NAME...", "a panel of the figure: "
      "landscape activation network timeline histogram depth heads basin "
      "data, "
      "or trace NAME... (up to 4 parameters, gamma, rate); repeatable, up "
      "to 9 (the single neuron: landscape; a network: landscape, network, "
      "timeline)" }, kw_view, 1 },
  { { "layout", "auto | row | column | grid COLSxROWS", "how the views are "
      "placed; grid: 1 to 4 each (auto)" }, kw_layout, 0 },
  { { "theme", "light | dark", "the figure's colours (light)" }, kw_theme,
    0 },
  { { "colormap", "viridis | cividis | magma | grey", "the landscape's "
      "colour map (viridis)" }, kw_colormap, 0 },
  { { "colorscale", "log | linear", "the landscape's colour scale (log)" },
    kw_colorscale, 0 },
  { { "font", "\"FAMILY\" [SIZE]", "the figure's font family and body "
      "size in points, 4 to 72 (\"Sans\" 10)" }, kw_font, 0 },
  { { "size", "WxH [px|pt|cm]", "the figure's size: 16 to 16384 px or pt, "
      "1 to 500 cm (1200x800 px)" }, kw_size, 0 },
  { { "camera", "AZIMUTH ELEVATION", "the 3-D landscape's camera in "
      "degrees, -180 to 180 and 0 to 90 (-35 30)" }, kw_camera, 0 },
  { { "export", "\"PATH\" [size WxH [px|pt|cm]] [dpi N] [at STEP]", "a "
      "file that 'reluscape render SCENE' writes, .png .pdf .svg, or an "
      "animation .mp4 .gif, relative to the scene's folder; dpi 10 to 2400 "
      "(96); at: the step drawn (start, end, a number; an animation's last; "
      "else 'show'); repeatable, up to 8" },
    kw_export, 1 },
  { { "show", "STEP | start | end", "the moment a figure draws when "
      "'render' gets no --at (end)" }, kw_show, 0 },
  { { "pace", "hold SECONDS at STEP | speed FACTOR from STEP to STEP",
      "an animation's timing: a hold of 0 < SECONDS <= 60 at STEP, or the "
      "steps FROM to TO played FACTOR times as fast as the others, 0.01 to "
      "100 (steps are numbers, start or end); repeatable, up to 32" },
    kw_pace, 1 },
  { { "expect", "at STEP | from STEP to STEP | start | end | depth ... "
      "QUANTITY [below|above|at-most|at-least] VALUE [within TOL]",
      "a claim about the run that 'reluscape check --run' proves; "
      "repeatable, up to 64" }, kw_expect, 1 },
  { { "variant", "\"NAME\" [KEYWORD VALUES...]", "a run compared with the "
      "scene's own in one figure: the scene with the line 'KEYWORD "
      "VALUES...' over its own (a line of the run: not the title, views, "
      "style or exports); the lines of one NAME make one variant, none the "
      "scene as it is; repeatable, up to 6 variants of 16 lines" },
    kw_variant, 1 },
};

#define N_KEYWORDS (sizeof keywords / sizeof keywords[0])

_Static_assert (N_KEYWORDS <= sizeof ((parser *) 0)->seen
                / sizeof (place), "parser.seen too small");

const rs_scene_keyword *
rs_scene_keyword_get (size_t i)
{
  return i < N_KEYWORDS ? &keywords[i].k : NULL;
}

int
rs_scene_keyword_repeatable (const char *name)
{
  for (size_t i = 0; i < N_KEYWORDS; i++)
    if (strcmp (keywords[i].k.name, name) == 0)
      return keywords[i].repeatable;
  return -1;
}

void
rs_scene_default (rs_scene *sc)
{
  memset (sc, 0, sizeof *sc);
  snprintf (sc->title, sizeof sc->title, "Loss landscape of one ReLU neuron");
  rs_sim_params_default (&sc->sim);
  sc->w_range = rs_interval_make (-3.0, 3.0);
  sc->b_range = rs_interval_make (-3.0, 3.0);
  sc->speed = 20.0;
  snprintf (sc->style.font, sizeof sc->style.font, "Sans");
  sc->style.font_pt = 10.0;
  sc->style.width = 1200.0;
  sc->style.height = 800.0;
  sc->style.unit = RS_UNIT_PX;
  sc->style.azimuth = -35.0;
  sc->style.elevation = 30.0;
}

static int
unknown_keyword (parser *ps)
{
  const char *names[N_KEYWORDS + 1];
  const char *near;

  for (size_t i = 0; i < N_KEYWORDS; i++)
    names[i] = keywords[i].k.name;
  names[N_KEYWORDS] = NULL;
  near = nearest (ps->tok.str, names);
  if (near == NULL)
    return fail (ps, RS_ESYNTAX, "unknown keyword '%s'", ps->tok.str);
  /* the line was most likely meant for near: no warnings about its value */
  for (size_t i = 0; i < N_KEYWORDS; i++)
    if (names[i] == near)
      ps->broken[i] = 1;
  return fail (ps, RS_ESYNTAX, "unknown keyword '%s' (did you mean '%s'?)",
               ps->tok.str, near);
}

/* One line that starts with the word in ps->tok. */
static int
statement (parser *ps)
{
  char buf[80];
  size_t i;
  int rc;

  for (i = 0; i < N_KEYWORDS; i++)
    if (strcmp (ps->tok.str, keywords[i].k.name) == 0)
      break;
  if (i == N_KEYWORDS)
    return unknown_keyword (ps);
  if (!keywords[i].repeatable && ps->seen[i].line != 0)
    return fail (ps, RS_ESYNTAX, "'%s' is already set on line %d",
                 keywords[i].k.name, ps->seen[i].line);
  ps->seen[i] = here (ps);
  ps->kw = &keywords[i];
  rc = keywords[i].handler (ps);
  if (rc == RS_OK && (rc = next (ps)) == RS_OK
      && ps->tok.kind != T_NEWLINE && ps->tok.kind != T_END)
    rc = fail (ps, RS_ESYNTAX, "unexpected %s after the values of '%s' "
               "(it takes: %s)", describe (&ps->tok, buf, sizeof buf),
               keywords[i].k.name, keywords[i].k.args);
  if (rc != RS_OK)
    ps->broken[i] = 1;
  return rc;
}

/* The index of the keyword called name in the table. */
static size_t
keyword_index (const char *name)
{
  size_t i = 0;

  while (i < N_KEYWORDS && strcmp (keywords[i].k.name, name) != 0)
    i++;
  return i;
}

/* Where the keyword called name is set, line 0 when it is not. */
static place
seen_at (const parser *ps, const char *name)
{
  place none = { 0, 0 };
  size_t i = keyword_index (name);

  return i < N_KEYWORDS ? ps->seen[i] : none;
}

/* Whether every line of the keywords named (NULL-terminated) parsed: a
 * warning about values read from a line with an error would mislead. */
static int
intact (const parser *ps, const char *const *names)
{
  for (size_t k = 0; names[k] != NULL; k++)
    {
      size_t i = keyword_index (names[k]);

      if (i < N_KEYWORDS && ps->broken[i])
        return 0;
    }
  return 1;
}

/* ---- After the last line ---- */

/* Without a network the run is the single neuron of the landscape, which
 * draws ReLU and Leaky ReLU only. */
static int
check_neuron (parser *ps)
{
  const rs_act_type *act = ps->sc->sim.act;

  if (ps->sc->sim.net.layers > 0 || act == rs_act_relu
      || act == rs_act_leaky_relu)
    return RS_OK;
  return fail_at (ps, ps->hidden.at, RS_EINVAL, "the single neuron's "
                  "landscape needs relu or leaky_relu; use 'network' for "
                  "other activations");
}

/* The network's activations: `activation` on the hidden layers, `output`
 * on the last, each with its parameter (alpha for Leaky ReLU, the one
 * given after the name, or the family's default). */
static void
build_network (parser *ps)
{
  rs_sim_params *p = &ps->sc->sim;
  rs_net_spec *net = &p->net;
  size_t sizes[RS_NET_MAX_LAYERS + 1];

  memcpy (sizes, net->sizes, sizeof sizes);
  rs_net_spec_init (net, net->layers, sizes, p->act,
                    ps->output.type != NULL ? ps->output.type
                                            : rs_act_identity);
  for (size_t l = 0; l < net->layers; l++)
    {
      const act_choice *c = l + 1 < net->layers ? &ps->hidden : &ps->output;
      const rs_layer_act *own = &ps->sc->layer_act[l];

      if (own->type != NULL)
        net->act[l] = own->type;
      if (net->act[l] == rs_act_leaky_relu)
        net->param[l] = p->alpha;
      else if (own->type != NULL)
        net->param[l] = own->has_param ? own->param
                                       : own->type->param_default;
      else if (c->has_param)
        net->param[l] = c->param;
    }
  net->kink = p->kink;
}

/* Each 'layer' line names a layer of the network. */
static int
check_layers (parser *ps)
{
  const rs_net_spec *net = &ps->sc->sim.net;
  int rc = RS_OK;

  for (size_t l = 0; l < RS_NET_MAX_LAYERS; l++)
    {
      if (ps->sc->layer_act[l].type == NULL || l < net->layers)
        continue;
      if (net->layers == 0)
        rc = fail_at (ps, ps->layer_at[l], RS_EINVAL, "layer %zu: 'layer' "
                      "sets a network's layer, and there is no network "
                      "(the single neuron takes 'activation')", l + 1);
      else
        rc = fail_at (ps, ps->layer_at[l], RS_EINVAL, "layer %zu: the "
                      "network has layers 1 to %zu", l + 1, net->layers);
    }
  return rc;
}

/* The data's inputs per point are the network's inputs. */
static int
check_inputs (parser *ps)
{
  const rs_sim_params *p = &ps->sc->sim;
  const char *data = p->gen != NULL ? p->gen->name : "line";
  size_t dim = p->gen != NULL ? p->gen->dim : 1;
  size_t inputs = p->net.layers > 0 ? p->net.sizes[0] : 1;

  if (dim == inputs)
    return RS_OK;
  if (p->net.layers == 0)
    return fail_at (ps, ps->data_at, RS_EINVAL, "data %s has %zu inputs per "
                    "point; the single neuron takes 1 (use 'network %zu "
                    "...')", data, dim, dim);
  return fail_at (ps, ps->net_at, RS_EINVAL, "the network takes %zu input%s "
                  "per point, but data %s has %zu", inputs,
                  inputs == 1 ? "" : "s", data, dim);
}

/* The shape that 'set' and kicks of one unit refer to. */
static void
scene_shape (const rs_sim_params *p, rs_net_spec *spec)
{
  size_t sizes[2] = { 1, 1 };

  if (p->net.layers > 0)
    {
      *spec = p->net;
      return;
    }
  rs_net_spec_init (spec, 1, sizes, p->act, p->act);
  spec->param[0] = p->act == rs_act_leaky_relu ? p->alpha : 0.0;
}

/* Whether p's one frozen name or pattern matches a parameter of net. */
static int
freeze_matches (const rs_net *net, const rs_sim_params *p)
{
  unsigned char *mask = malloc (rs_net_nparams (net));
  int ok = mask != NULL && rs_sim_freeze_mask (net, p, mask, NULL) == RS_OK;

  free (mask);
  return ok;
}

/* Every 'set' names a parameter of the network and every kick of one
 * unit a unit of it; the messages are the network's own. */
static int
check_names (parser *ps, const rs_net *net)
{
  const rs_sim_params *p = &ps->sc->sim;
  rs_error e;
  size_t index;
  int rc = RS_OK;

  for (size_t i = 0; i < p->n_values; i++)
    if (rs_net_param_lookup (net, p->values[i].name, &index, &e) != RS_OK)
      rc = fail_at (ps, ps->value_at[i], e.code, "%s", e.message);
  for (size_t f = 0; f < p->n_frozen; f++)
    {
      rs_sim_params one = *p;

      one.n_frozen = 1;
      memcpy (one.frozen[0], p->frozen[f], sizeof one.frozen[0]);
      if (!freeze_matches (net, &one))
        rc = fail_at (ps, ps->freeze_at[f], RS_EINVAL, "freeze %s: no "
                      "parameter of the network is called so (they are "
                      "W1[0][0] to W%zu[%zu][%zu] and b1[0] to b%zu[%zu])",
                      p->frozen[f], rs_net_layers (net),
                      rs_net_units (net, rs_net_layers (net)) - 1,
                      rs_net_units (net, rs_net_layers (net) - 1) - 1,
                      rs_net_layers (net),
                      rs_net_units (net, rs_net_layers (net)) - 1);
    }
  for (size_t i = 0; i < p->n_kicks; i++)
    {
      const rs_kick *k = &p->kicks[i];
      rs_kick_spec ks = { k->target, k->layer, k->unit, k->sigma };

      if (rs_kick_check (&ks, net, &e) != RS_OK)
        rc = fail_at (ps, ps->kick_unit[i], e.code, "%s", e.message);
    }
  for (size_t k = 0; k < ps->sc->n_views; k++)
    {
      const rs_view *v = &ps->sc->views[k];

      for (size_t t = 0; t < v->n_traces; t++)
        if (strcmp (v->traces[t], "gamma") != 0
            && strcmp (v->traces[t], "rate") != 0
            && rs_net_param_lookup (net, v->traces[t], &index, &e) != RS_OK)
          rc = fail_at (ps, ps->trace_at[k][t], e.code, "%s", e.message);
      if (v->axes != RS_AXES_PARAMS)
        continue;
      if (rs_net_param_lookup (net, v->p1, &index, &e) != RS_OK)
        rc = fail_at (ps, ps->view_at[k][1], e.code, "%s", e.message);
      if (rs_net_param_lookup (net, v->p2, &index, &e) != RS_OK)
        rc = fail_at (ps, ps->p2_at[k], e.code, "%s", e.message);
    }
  return rc;
}

/* check_names on a network of the scene's shape, built when a name or
 * a unit needs it. */
static int
check_shape (parser *ps)
{
  const rs_sim_params *p = &ps->sc->sim;
  place top = { 1, 1 };
  int need = p->n_values > 0 || p->n_frozen > 0, rc;
  rs_net_spec spec;
  rs_net *net;
  rs_error e;

  for (size_t i = 0; i < p->n_kicks; i++)
    if (p->kicks[i].target == RS_KICK_UNIT)
      need = 1;
  for (size_t k = 0; k < ps->sc->n_views; k++)
    if (ps->sc->views[k].axes == RS_AXES_PARAMS
        || ps->sc->views[k].n_traces > 0)
      need = 1;
  if (!need)
    return RS_OK;
  scene_shape (p, &spec);
  if ((net = rs_net_alloc (&spec, &e)) == NULL)
    return fail_at (ps, top, e.code, "%s", e.message);
  rc = check_names (ps, net);
  rs_net_free (net);
  return rc;
}

/* 'focus' names a hidden unit of the network. */
static int
check_focus (parser *ps)
{
  const rs_scene *sc = ps->sc;
  const rs_net_spec *net = &sc->sim.net;
  size_t l = sc->focus.layer, j = sc->focus.unit;

  if (!sc->has_focus)
    return RS_OK;
  if (net->layers == 0)
    return fail_at (ps, ps->focus_at, RS_EINVAL, "focus picks a hidden unit "
                    "of a network, and there is no network (the single "
                    "neuron's landscape is over its w and b)");
  if (l >= net->layers)
    return fail_at (ps, ps->focus_at, RS_EINVAL, "focus %zu %zu: the "
                    "network's hidden units are in layer%s%zu", l, j,
                    net->layers == 2 ? " " : "s 1 to ", net->layers - 1);
  if (j >= net->sizes[l])
    return fail_at (ps, ps->focus_at, RS_EINVAL, "focus %zu %zu: layer %zu "
                    "has units 0 to %zu", l, j, l, net->sizes[l] - 1);
  return RS_OK;
}

/* How many views the figure has: those given, or the 3 defaults
 * (landscape, activation or network, timeline). */
static size_t
view_count (const rs_scene *sc)
{
  return sc->n_views > 0 ? sc->n_views : 3;
}

/* A grid layout holds every view. */
static int
check_layout (parser *ps)
{
  const rs_scene *sc = ps->sc;
  size_t cells = (size_t) (sc->layout_cols * sc->layout_rows);

  if (sc->layout != RS_LAYOUT_GRID || cells >= view_count (sc))
    return RS_OK;
  return fail_at (ps, ps->layout_at, RS_EINVAL, "grid %dx%d holds %zu "
                  "view%s, but the scene has %zu%s", sc->layout_cols,
                  sc->layout_rows, cells, cells == 1 ? "" : "s",
                  view_count (sc), sc->n_views > 0 ? "" : " (the defaults)");
}

/* Keep in the scene where its paths are written, for the messages of
 * rs_scene_check_paths. */
static void
record_paths (parser *ps)
{
  rs_scene *sc = ps->sc;

  sc->data_line = ps->data_at.line;
  sc->data_col = ps->data_at.col;
  for (size_t i = 0; i < sc->n_exports; i++)
    {
      sc->exports[i].line = ps->export_at[i].line;
      sc->exports[i].col = ps->export_at[i].col;
    }
}

/* The checks the run and the figure make when they start
 * (scene_check_run), reported at the line they concern. */
static int
check_run (parser *ps)
{
  scene_culprit who;
  size_t view = 0;
  rs_error e;
  place at = { 1, 1 };

  if (scene_check_run (ps->sc, &who, &view, &e) == RS_OK)
    return RS_OK;
  if (who == SCENE_AT_VIEW)
    at = ps->view_at[view][0];
  else if (who == SCENE_AT_STEPS)
    at = seen_at (ps, "steps");
  else if (who == SCENE_AT_LOSS)
    at = seen_at (ps, "loss").line != 0 ? seen_at (ps, "loss") : ps->net_at;
  if (at.line == 0)
    at = (place) { 1, 1 };
  return fail_at (ps, at, e.code, "%s", e.message);
}

/* A landscape pinned to a step of the run: a step the run takes. */
static void
check_pins (parser *ps)
{
  const rs_scene *sc = ps->sc;

  for (size_t k = 0; k < sc->n_views; k++)
    if (sc->views[k].pinned && sc->views[k].pin_step > sc->sim.steps)
      fail_at (ps, ps->view_at[k][2], RS_EINVAL, "a landscape pinned at "
               "step %zu, but the run has steps 0 to %zu",
               sc->views[k].pin_step, sc->sim.steps);
}

/* What depends on several lines, once they are all read.  The checks
 * run only when every line parsed: a line with an error leaves its
 * values half read, and what they meet would be reported wrongly. */
static int
finish (parser *ps)
{
  default_kick_seeds (ps);
  record_paths (ps);
  if (ps->sc->sim.net.layers > 0)
    build_network (ps);
  if (ps->n_errors > 0)
    return ps->first_code;
  check_neuron (ps);
  check_layers (ps);
  if (ps->sc->data_file[0] == '\0')
    check_inputs (ps);
  check_shape (ps);
  check_focus (ps);
  check_layout (ps);
  check_pins (ps);
  check_claims (ps);
  if (ps->n_errors == 0)
    check_run (ps);
  if (ps->n_errors == 0)
    check_variants (ps);
  return ps->first_code;
}

/* ---- Warnings: lines that parse but will not do what they say ---- */

/* Whether place a comes before the warning w in the text. */
static int
before (place a, const rs_error *w)
{
  return a.line < w->line || (a.line == w->line && a.col < w->col);
}

/* Record a warning at `at`.  The report keeps its first
 * RS_SCENE_MAX_WARNINGS warnings in the order of the text and counts
 * the others. */
static void
warn_at (parser *ps, place at, const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4)));

static void
warn_at (parser *ps, place at, const char *fmt, ...)
{
  rs_scene_report *rep = ps->rep;
  size_t i = rep->nwarn, n = rep->nwarn;
  char msg[400];
  va_list ap;

  va_start (ap, fmt);
  vsnprintf (msg, sizeof msg, fmt, ap);
  va_end (ap);
  while (i > 0 && before (at, &rep->w[i - 1]))
    i--;
  if (n == RS_SCENE_MAX_WARNINGS)
    {
      rep->more_warnings++;
      if (i == n)
        return;
      n--;
    }
  else
    rep->nwarn++;
  memmove (&rep->w[i + 1], &rep->w[i], (n - i) * sizeof rep->w[0]);
  rs_error_set (&rep->w[i], RS_OK, ps->name, at.line, at.col, "%s", msg);
}

/* Kicks and events due once the run has taken all its steps: the run
 * ends before them (only the app goes on past the last step). */
static void
warn_late (parser *ps)
{
  static const char *const deps[] = { "steps", NULL };
  const rs_sim_params *p = &ps->sc->sim;

  if (!intact (ps, deps))
    return;
  for (size_t i = 0; i < p->n_kicks; i++)
    if (p->kicks[i].step >= p->steps)
      warn_at (ps, ps->kick_at[i], "kick at %zu comes after the last step "
               "(steps %zu): it never happens", p->kicks[i].step, p->steps);
  for (size_t i = 0; i < p->n_events; i++)
    if (p->events[i].step >= p->steps)
      warn_at (ps, ps->event_at[i], "at %zu comes after the last step "
               "(steps %zu): it never happens", p->events[i].step, p->steps);
}

/* The single neuron's start inside the landscape that shows it; reported
 * at 'start', or at the range that leaves the default start out. */
static void
warn_start_outside (parser *ps)
{
  static const char *const deps[] = { "start", "w-range", "b-range",
                                      "network", NULL };
  const rs_scene *sc = ps->sc;
  double w = sc->sim.w0, b = sc->sim.b0;
  int in_w = w >= sc->w_range.lo && w <= sc->w_range.hi;
  int in_b = b >= sc->b_range.lo && b <= sc->b_range.hi;
  place at = seen_at (ps, "start");

  if (sc->sim.net.layers > 0 || (in_w && in_b) || !intact (ps, deps))
    return;
  if (at.line == 0)
    at = seen_at (ps, in_w ? "b-range" : "w-range");
  else
    at = ps->start_at;
  warn_at (ps, at, "start %g %g%s lies outside the landscape (w-range "
           "[%g, %g], b-range [%g, %g]): the figure does not show where the "
           "ball starts", w, b, seen_at (ps, "start").line == 0
           ? " (the default)" : "", sc->w_range.lo, sc->w_range.hi,
           sc->b_range.lo, sc->b_range.hi);
}

/* Keywords of the single neuron in a network scene, and of networks in
 * a single neuron scene: they parse, and change nothing. */
static void
warn_ignored (parser *ps)
{
  static const char *const deps[] = { "network", NULL };
  static const struct {
    const char *name;
    int with_network;
    const char *why;
  } ignored[] = {
    { "start", 1, "it places the single neuron (use 'set' for a "
      "network's parameters)" },
    { "init", 0, "the single neuron starts at 'start'" },
    { "bias", 0, "the single neuron starts at 'start'" },
    { "output", 0, "the single neuron's activation is 'activation'" },
  };
  int net = ps->sc->sim.net.layers > 0;

  if (!intact (ps, deps))
    return;
  for (size_t i = 0; i < sizeof ignored / sizeof ignored[0]; i++)
    {
      place at = seen_at (ps, ignored[i].name);

      if (at.line != 0 && net == ignored[i].with_network)
        warn_at (ps, at, "%s is ignored %s a network: %s", ignored[i].name,
                 net ? "with" : "without", ignored[i].why);
    }
}

/* Bias warming (C10) still on when the run ends, and an autokick (C11)
 * whose patience outlasts the run. */
static void
warn_cures (parser *ps)
{
  static const char *const warming_deps[] = { "warming", "steps", NULL };
  static const char *const autokick_deps[] = { "autokick", "steps", NULL };
  const rs_sim_params *p = &ps->sc->sim;
  const rs_warming *w = &p->warming;
  size_t end = w->start + w->hold + w->anneal;
  place at;

  if (w->gamma0 > 0.0 && end > p->steps && intact (ps, warming_deps))
    warn_at (ps, seen_at (ps, "warming"), "warming ends at step %zu (from "
             "%zu + hold %zu + anneal %zu), after the last step (steps %zu): "
             "the run stops with the biases still shifted", end, w->start,
             w->hold, w->anneal, p->steps);
  if (!(p->autokick.sigma > 0.0) || p->autokick.patience <= p->steps
      || !intact (ps, autokick_deps))
    return;
  at = ps->patience_at.line != 0 ? ps->patience_at
                                 : seen_at (ps, "autokick");
  warn_at (ps, at, "autokick patience %zu is longer than the run (steps "
           "%zu): it never kicks", p->autokick.patience, p->steps);
}

/* Whether the figure has a view of kind k (3-D only, when three_d). */
static int
has_view (const rs_scene *sc, rs_view_kind k, int three_d)
{
  if (sc->n_views == 0)
    return k == RS_VIEW_LANDSCAPE && !three_d;
  for (size_t i = 0; i < sc->n_views; i++)
    if (sc->views[i].kind == k && (!three_d || sc->views[i].three_d))
      return 1;
  return 0;
}

/* A data view of a network of more than two inputs: it draws one or
 * two. */
static void
warn_data_view (parser *ps)
{
  const rs_scene *sc = ps->sc;
  size_t in = sc->sim.net.layers > 0 ? sc->sim.net.sizes[0] : 1;

  for (size_t i = 0; i < sc->n_views && in > 2; i++)
    if (sc->views[i].kind == RS_VIEW_DATA)
      warn_at (ps, ps->view_at[i][0], "view data draws a network of one or "
               "two inputs; this one has %zu: the panel stays empty", in);
}

/* Style for views the figure does not have, and what CSV data ignores. */
static void
warn_style (parser *ps)
{
  static const char *const deps[] = { "view", NULL };
  const rs_scene *sc = ps->sc;
  int maps = has_view (sc, RS_VIEW_LANDSCAPE, 0)
             || has_view (sc, RS_VIEW_BASIN, 0);
  place at;

  if (intact (ps, deps))
    {
      if ((at = seen_at (ps, "camera")).line != 0
          && !has_view (sc, RS_VIEW_LANDSCAPE, 1))
        warn_at (ps, at, "camera is ignored: no view is a 3-D landscape "
                 "(view landscape 3d)");
      if ((at = seen_at (ps, "colormap")).line != 0 && !maps)
        warn_at (ps, at, "colormap is ignored: no view is a landscape or a "
                 "basin map");
      if ((at = seen_at (ps, "colorscale")).line != 0 && !maps)
        warn_at (ps, at, "colorscale is ignored: no view is a landscape");
      if ((at = seen_at (ps, "layout")).line != 0 && view_count (sc) == 1)
        warn_at (ps, at, "layout is ignored: the figure has one view");
    }
  if (sc->data_file[0] == '\0')
    return;
  if ((at = seen_at (ps, "noise")).line != 0)
    warn_at (ps, at, "noise is ignored with data csv: the file's points are "
             "used as they are");
  if ((at = seen_at (ps, "points")).line != 0)
    warn_at (ps, at, "points is ignored with data csv: every row of the "
             "file is a point");
}

/* Two variants that run the same (their lines but the claims the same):
 * most likely a name misspelt on one of its lines. */
static void
warn_variants (parser *ps)
{
  const rs_scene *sc = ps->sc;

  for (size_t j = 1; j < sc->n_variants; j++)
    for (size_t k = 0; k < j; k++)
      if (scene_variant_same_run (sc, k, j))
        {
          warn_at (ps, (place) { sc->variants[j].name_line,
                                 sc->variants[j].name_col },
                   "variant \"%s\" runs the same as variant \"%s\" (the "
                   "same lines but the claims): a name misspelt?",
                   sc->variants[j].name, sc->variants[k].name);
          break;
        }
}

static void
warnings (parser *ps)
{
  warn_variants (ps);
  warn_late (ps);
  warn_start_outside (ps);
  warn_ignored (ps);
  warn_cures (ps);
  warn_style (ps);
  warn_data_view (ps);
}

/* ---- The whole text ---- */

/* After an error on `line`, go on at the start of the next line (which
 * the lexer may have reached already, having read the line's end). */
static void
recover (parser *ps, int line)
{
  ps->pushed_back = 0;
  while (ps->line == line && ps->p < ps->end)
    if (*ps->p++ == '\n')
      {
        ps->line++;
        ps->line_start = ps->p;
      }
}

/* Read every line.  Without a report the first error ends the parse;
 * with one, each error is followed by the next line, until too many. */
static void
read_lines (parser *ps)
{
  char buf[80];

  for (;;)
    {
      int line = ps->line, rc = next (ps);

      if (rc == RS_OK && ps->tok.kind == T_END)
        return;
      if (rc == RS_OK && ps->tok.kind == T_NEWLINE)
        continue;
      if (rc == RS_OK && ps->tok.kind != T_WORD)
        rc = fail (ps, RS_ESYNTAX, "expected a keyword at the start of the "
                   "line, found %s", describe (&ps->tok, buf, sizeof buf));
      else if (rc == RS_OK)
        rc = statement (ps);
      if (rc == RS_OK)
        continue;
      if (ps->rep == NULL || ps->stopped)
        return;
      recover (ps, line);
    }
}

static int
parse (rs_scene *sc, const char *text, size_t len, const char *name,
       rs_error *err, rs_scene_report *rep)
{
  parser ps;

  rs_scene_default (sc);
  if (rep != NULL)
    memset (rep, 0, sizeof *rep);
  memset (&ps, 0, sizeof ps);
  ps.p = ps.line_start = text;
  ps.end = text + len;
  ps.name = name ? name : "<scene>";
  ps.line = 1;
  ps.sc = sc;
  ps.err = err;
  ps.rep = rep;
  read_lines (&ps);
  if (ps.stopped || (rep == NULL && ps.n_errors > 0))
    return ps.first_code;
  finish (&ps);
  if (rep != NULL)
    warnings (&ps);
  return ps.first_code;
}

int
rs_scene_parse (rs_scene *sc, const char *text, size_t len,
                const char *name, rs_error *err)
{
  return parse (sc, text, len, name, err, NULL);
}

int
rs_scene_parse_report (rs_scene *sc, const char *text, size_t len,
                       const char *name, rs_scene_report *rep)
{
  return parse (sc, text, len, name, NULL, rep);
}

int
rs_scene_read (const char *path, char **text, size_t *len, rs_error *err)
{
  return rs_file_read (path, RS_SCENE_MAX_BYTES, "scene", text, len, err);
}

int
rs_scene_load (rs_scene *sc, const char *path, rs_error *err)
{
  char *text;
  size_t n;
  int rc = rs_scene_read (path, &text, &n, err);

  if (rc != RS_OK)
    return rc;
  rc = rs_scene_parse (sc, text, n, path, err);
  free (text);
  return rc;
}

int
rs_scene_path (const char *scene_path, const char *file, char *buf,
               size_t n, rs_error *err)
{
  const char *slash = scene_path != NULL ? strrchr (scene_path, '/') : NULL;
  int dir = file[0] != '/' && slash != NULL ? (int) (slash - scene_path) + 1
                                             : 0;
  int k = snprintf (buf, n, "%.*s%s", dir, scene_path != NULL ? scene_path
                                                              : "", file);

  if (k < 0 || (size_t) k >= n)
    return rs_error_set (err, RS_EINVAL, file, 0, 0, "the path is too long "
                         "(at most %zu bytes)", n - 1);
  return RS_OK;
}

int
rs_scene_read_data (const rs_scene *sc, const char *scene_path,
                    rs_data **data, rs_error *err)
{
  const rs_net_spec *net = &sc->sim.net;
  size_t dim = net->layers > 0 ? net->sizes[0] : 1;
  size_t ydim = net->layers > 0 ? net->sizes[net->layers] : 1;
  char path[4096];
  int rc;

  *data = NULL;
  if (sc->data_file[0] == '\0')
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "the scene has no "
                         "data file");
  rc = rs_scene_path (scene_path, sc->data_file, path, sizeof path, err);
  if (rc != RS_OK)
    return rc;
  /* a loss of class labels reads one label column: 0 ... outputs - 1,
   * or 0 and 1 for one output */
  if (sc->sim.loss != NULL && sc->sim.loss->labels)
    {
      size_t classes = ydim >= 2 ? ydim : 2;

      if ((rc = rs_data_read_csv (path, dim, 1, data, err)) != RS_OK)
        return rc;
      rs_error e;

      if ((rc = rs_data_set_classes (*data, classes, &e)) != RS_OK)
        {
          rs_data_free (*data);
          *data = NULL;
          return rs_error_set (err, rc, path, 0, 0, "%s", e.message);
        }
      return RS_OK;
    }
  return rs_data_read_csv (path, dim, ydim, data, err);
}
