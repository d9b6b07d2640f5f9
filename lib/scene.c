/* scene.c: the scene language, text -> rs_scene.
 *
 * A scene is a sequence of lines "keyword value ...", # starting a comment.
 * The lexer turns a line into tokens (words, numbers, quoted strings,
 * [ , ]); each keyword has a handler that reads its values.  The first
 * error stops the parse and names file:line:col. */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "reluscape/rs_scene.h"

typedef enum {
  T_END, T_NEWLINE, T_WORD, T_NUMBER, T_STRING, T_LBRACK, T_RBRACK, T_COMMA
} tok_kind;

typedef struct {
  tok_kind kind;
  const char *start;     /* the token's text in the source */
  size_t len;
  int line;
  int col;
  double num;
  char str[256];         /* a word or a string's contents */
} token;

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
  rs_error *err;
  int seen_line[32];     /* where each keyword was set, 0 if not yet */
  int pushed_back;       /* next() returns the current token again */
  int kick_seeded[RS_SIM_MAX_KICKS];
};

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
  return rs_error_set (ps->err, code, ps->name, ps->tok.line, ps->tok.col,
                       "%s", msg);
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

static int
lex_string (parser *ps, token *t)
{
  size_t k = 0;

  ps->p++;
  while (ps->p < ps->end && *ps->p != '"' && *ps->p != '\n')
    {
      char c = *ps->p++;

      if (c == '\\' && ps->p < ps->end && (*ps->p == '"' || *ps->p == '\\'))
        c = *ps->p++;
      if (k + 1 < sizeof t->str)
        t->str[k++] = c;
    }
  t->str[k] = '\0';
  if (ps->p >= ps->end || *ps->p != '"')
    return fail (ps, RS_ESYNTAX, "unterminated string (a string ends with "
                 "'\"' on the same line)");
  ps->p++;
  t->kind = T_STRING;
  return RS_OK;
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
  if (n >= sizeof buf)
    return fail (ps, RS_ESYNTAX, "number too long");
  memcpy (buf, ps->p, n);
  buf[n] = '\0';
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
    default:
      if (c >= 0x20 && c < 0x7f)
        return fail (ps, RS_ESYNTAX, "unexpected character '%c'", c);
      return fail (ps, RS_ESYNTAX, "unexpected byte 0x%02x (scenes are "
                   "plain ASCII outside strings and comments)", c);
    }
}

/* Levenshtein distance of two short words, for "did you mean". */
static size_t
edit_distance (const char *a, const char *b)
{
  size_t la = strlen (a), lb = strlen (b), row[64];

  if (la >= 63 || lb >= 63)
    return 99;
  for (size_t j = 0; j <= lb; j++)
    row[j] = j;
  for (size_t i = 1; i <= la; i++)
    {
      size_t diag = row[0];
      row[0] = i;
      for (size_t j = 1; j <= lb; j++)
        {
          size_t up = row[j];
          size_t best = diag + (a[i - 1] != b[j - 1]);
          if (up + 1 < best)
            best = up + 1;
          if (row[j - 1] + 1 < best)
            best = row[j - 1] + 1;
          row[j] = best;
          diag = up;
        }
    }
  return row[lb];
}

/* The nearest of names (NULL-terminated) to word, if near enough. */
static const char *
nearest (const char *word, const char *const *names)
{
  const char *best = NULL;
  size_t bd = 3;

  for (size_t i = 0; names[i] != NULL; i++)
    {
      size_t d = edit_distance (word, names[i]);
      if (d < bd)
        {
          bd = d;
          best = names[i];
        }
    }
  return best;
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
    return fail (ps, RS_EINVAL, "%s %g is out of range: it must be in "
                 "%c%g, %g%c", what, v, lo_open ? '(' : '[', lo, hi,
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

/* A range "[lo, hi]" with lo < hi, inside [-1e6, 1e6]. */
static int
get_range (parser *ps, const char *what, rs_interval *r)
{
  int line, col, rc;
  double lo = 0.0, hi = 0.0;

  if (expect (ps, T_LBRACK, "'[' to open a range such as [-3, 3]") != RS_OK)
    return RS_ESYNTAX;
  line = ps->tok.line;
  col = ps->tok.col;
  if ((rc = get_number (ps, what, -1e6, 0, 1e6, 0, &lo)) != RS_OK
      || (rc = expect (ps, T_COMMA, "',' between the ends of a range"))
         != RS_OK
      || (rc = get_number (ps, what, -1e6, 0, 1e6, 0, &hi)) != RS_OK
      || (rc = expect (ps, T_RBRACK, "']' to close the range")) != RS_OK)
    return rc;
  if (!(lo < hi))
    return rs_error_set (ps->err, RS_EINVAL, ps->name, line, col,
                         "%s [%g, %g] is empty: its first end must be "
                         "below its second", what, lo, hi);
  *r = rs_interval_make (lo, hi);
  return RS_OK;
}

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

static int
kw_points (parser *ps)
{
  return get_count (ps, "points", 2, 100000, &ps->sc->sim.n_points);
}

static int
kw_noise (parser *ps)
{
  return get_number (ps, "noise", 0, 0, 100, 0, &ps->sc->sim.noise);
}

static int
kw_line (parser *ps)
{
  rs_sim_params *p = &ps->sc->sim;
  int rc = get_number (ps, "slope", -1e3, 0, 1e3, 0, &p->slope);

  if (rc != RS_OK)
    return rc;
  return get_number (ps, "intercept", -1e3, 0, 1e3, 0, &p->intercept);
}

/* The single-neuron scene of the skeleton draws ReLU and Leaky ReLU
 * landscapes only; the other families of rs_act come with the full
 * language. */
static int
kw_activation (parser *ps)
{
  static const char *const names[] = { "relu", "leaky_relu", NULL };
  const char *near;
  char buf[80];

  if (next (ps) != RS_OK)
    return RS_ESYNTAX;
  if (ps->tok.kind != T_WORD)
    return fail (ps, RS_ESYNTAX, "expected an activation (relu or "
                 "leaky_relu), found %s", describe (&ps->tok, buf,
                                                    sizeof buf));
  for (size_t i = 0; names[i] != NULL; i++)
    if (strcmp (ps->tok.str, names[i]) == 0)
      {
        ps->sc->sim.act = rs_act_lookup (names[i]);
        return RS_OK;
      }
  near = nearest (ps->tok.str, names);
  if (near != NULL)
    return fail (ps, RS_EINVAL, "unknown activation '%s' (did you mean "
                 "'%s'?)", ps->tok.str, near);
  return fail (ps, RS_EINVAL, "unknown activation '%s' (known: relu, "
               "leaky_relu)", ps->tok.str);
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

static int
kw_start (parser *ps)
{
  rs_sim_params *p = &ps->sc->sim;
  int rc = get_number (ps, "start w", -1e6, 0, 1e6, 0, &p->w0);

  if (rc != RS_OK)
    return rc;
  return get_number (ps, "start b", -1e6, 0, 1e6, 0, &p->b0);
}

static int
kw_rate (parser *ps)
{
  return get_number (ps, "rate", 0, 1, 100, 0, &ps->sc->sim.rate);
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

/* The word w, part of "kick at STEP sigma S [seed N]". */
static int
expect_word (parser *ps, const char *w)
{
  char buf[80];

  if (next (ps) != RS_OK)
    return RS_ESYNTAX;
  if (ps->tok.kind != T_WORD || strcmp (ps->tok.str, w) != 0)
    return fail (ps, RS_ESYNTAX, "expected '%s' (kick at STEP sigma S "
                 "[seed N]), found %s", w, describe (&ps->tok, buf,
                                                     sizeof buf));
  return RS_OK;
}

/* kick at STEP sigma S [seed N].  A kick without a seed gets one when the
 * whole scene is read (see default_kick_seeds), so that the order of the
 * lines does not matter. */
static int
kw_kick (parser *ps)
{
  rs_sim_params *p = &ps->sc->sim;
  rs_kick k = { 0, 0.0, 0 };
  size_t seed = 0;
  int rc;

  if (p->n_kicks == RS_SIM_MAX_KICKS)
    return fail (ps, RS_EINVAL, "too many kicks (at most %d)",
                 RS_SIM_MAX_KICKS);
  if ((rc = expect_word (ps, "at")) != RS_OK
      || (rc = get_count (ps, "kick step", 0, 1e7, &k.step)) != RS_OK
      || (rc = expect_word (ps, "sigma")) != RS_OK
      || (rc = get_number (ps, "kick sigma", 0, 1, 1000, 0, &k.sigma))
         != RS_OK
      || (rc = next (ps)) != RS_OK)
    return rc;
  ps->kick_seeded[p->n_kicks] = 0;
  if (ps->tok.kind == T_WORD && strcmp (ps->tok.str, "seed") == 0)
    {
      if ((rc = get_count (ps, "kick seed", 0, 4294967295.0, &seed))
          != RS_OK)
        return rc;
      k.seed = seed;
      ps->kick_seeded[p->n_kicks] = 1;
    }
  else
    ps->pushed_back = 1;
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

static const keyword keywords[] = {
  { { "title", "STRING", "the figure's title" }, kw_title, 0 },
  { { "seed", "N", "seed of the data's noise, 0 to 4294967295 (1)" },
    kw_seed, 0 },
  { { "points", "N", "number of data points, 2 to 100000 (24)" },
    kw_points, 0 },
  { { "line", "SLOPE INTERCEPT", "the data y = SLOPE x + INTERCEPT (2 1)" },
    kw_line, 0 },
  { { "noise", "SIGMA", "standard deviation of the data's noise, 0 to 100 "
      "(0.05)" }, kw_noise, 0 },
  { { "activation", "NAME", "relu or leaky_relu (relu)" }, kw_activation,
    0 },
  { { "alpha", "A", "Leaky ReLU's slope for z < 0, 0 <= A < 1 (0.1)" },
    kw_alpha, 0 },
  { { "kink", "S", "derivative taken at the kink z = 0, 0 to 1 (0)" },
    kw_kink, 0 },
  { { "start", "W B", "the ball's starting point (0.5 0.5)" }, kw_start, 0 },
  { { "rate", "ETA", "learning rate, 0 < ETA <= 100 (0.1)" }, kw_rate, 0 },
  { { "steps", "N", "steps of gradient descent, 1 to 10000000 (200)" },
    kw_steps, 0 },
  { { "tolerance", "EPS", "gradient norm at which the ball rests, 0 to 1 "
      "(1e-6)" }, kw_tolerance, 0 },
  { { "w-range", "[LO, HI]", "the landscape's w axis ([-3, 3])" },
    kw_w_range, 0 },
  { { "b-range", "[LO, HI]", "the landscape's b axis ([-3, 3])" },
    kw_b_range, 0 },
  { { "kick", "at STEP sigma S [seed N]", "a thermal kick after STEP "
      "steps, N(0, S^2) on w and b; repeatable" }, kw_kick, 1 },
  { { "kick-sigma", "S", "scale of the app's K key kick, 0 < S <= 1000 (1)" },
    kw_kick_sigma, 0 },
  { { "speed", "N", "steps per second in the app, 0.1 to 1000 (20)" },
    kw_speed, 0 },
};

#define N_KEYWORDS (sizeof keywords / sizeof keywords[0])

_Static_assert (N_KEYWORDS <= sizeof ((parser *) 0)->seen_line
                / sizeof (int), "parser.seen_line too small");

const rs_scene_keyword *
rs_scene_keyword_get (size_t i)
{
  return i < N_KEYWORDS ? &keywords[i].k : NULL;
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
  if (near != NULL)
    return fail (ps, RS_ESYNTAX, "unknown keyword '%s' (did you mean '%s'?)",
                 ps->tok.str, near);
  return fail (ps, RS_ESYNTAX, "unknown keyword '%s'", ps->tok.str);
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
  if (!keywords[i].repeatable && ps->seen_line[i] != 0)
    return fail (ps, RS_ESYNTAX, "'%s' is already set on line %d",
                 keywords[i].k.name, ps->seen_line[i]);
  ps->seen_line[i] = ps->tok.line;
  rc = keywords[i].handler (ps);
  if (rc != RS_OK)
    return rc;
  if ((rc = next (ps)) != RS_OK)
    return rc;
  if (ps->tok.kind != T_NEWLINE && ps->tok.kind != T_END)
    return fail (ps, RS_ESYNTAX, "unexpected %s after the values of '%s' "
                 "(it takes: %s)", describe (&ps->tok, buf, sizeof buf),
                 keywords[i].k.name, keywords[i].k.args);
  return RS_OK;
}

int
rs_scene_parse (rs_scene *sc, const char *text, size_t len,
                const char *name, rs_error *err)
{
  parser ps;
  char buf[80];
  int rc;

  rs_scene_default (sc);
  memset (&ps, 0, sizeof ps);
  ps.p = ps.line_start = text;
  ps.end = text + len;
  ps.name = name ? name : "<scene>";
  ps.line = 1;
  ps.sc = sc;
  ps.err = err;
  for (;;)
    {
      if ((rc = next (&ps)) != RS_OK)
        return rc;
      if (ps.tok.kind == T_END)
        {
          default_kick_seeds (&ps);
          return RS_OK;
        }
      if (ps.tok.kind == T_NEWLINE)
        continue;
      if (ps.tok.kind != T_WORD)
        return fail (&ps, RS_ESYNTAX, "expected a keyword at the start of "
                     "the line, found %s", describe (&ps.tok, buf,
                                                     sizeof buf));
      if ((rc = statement (&ps)) != RS_OK)
        return rc;
    }
}

int
rs_scene_read (const char *path, char **text, size_t *len, rs_error *err)
{
  FILE *f = fopen (path, "rb");
  struct stat st;
  size_t n;

  *text = NULL;
  if (f == NULL)
    return rs_error_set (err, RS_EIO, path, 0, 0, "cannot read the scene: "
                         "%s", strerror (errno));
  if (fstat (fileno (f), &st) != 0 || !S_ISREG (st.st_mode))
    {
      fclose (f);
      return rs_error_set (err, RS_EIO, path, 0, 0, "cannot read the scene: "
                           "not a regular file");
    }
  if (st.st_size > (1L << 20))
    {
      fclose (f);
      return rs_error_set (err, RS_EIO, path, 0, 0, "cannot read the scene: "
                           "too large (%lld bytes, at most 1 MiB)",
                           (long long) st.st_size);
    }
  n = (size_t) st.st_size;
  *text = malloc (n + 1);
  if (*text == NULL || fread (*text, 1, n, f) != n)
    {
      free (*text);
      *text = NULL;
      fclose (f);
      return rs_error_set (err, RS_EIO, path, 0, 0, "cannot read the scene: "
                           "read error");
    }
  fclose (f);
  (*text)[n] = '\0';
  *len = n;
  return RS_OK;
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
