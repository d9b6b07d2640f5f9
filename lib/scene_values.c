/* scene_values.c: reading a keyword's values from the tokens: numbers
 * in a range, whole numbers, a fixed word, a range [LO, HI], a name of a
 * table (with a suggestion when misspelt), optional words, a parameter's
 * name and a step.  Each reports its own error at the token. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scene_parse_private.h"

/* Read a number; bounds [lo, hi], open at an end when lo_open/hi_open. */
int
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

int
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

int
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
int
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
int
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
int
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
int
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

/* Option i of o, just read: given once, and not with one it excludes;
 * *which gets i. */
static int
option_take (parser *ps, options *o, int i, int *which)
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

/* The next optional word: *which gets its index in o->names, or -1 when
 * the values end (the token is left for the caller). */
int
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
      return option_take (ps, o, i, which);
  near = nearest (ps->tok.str, o->names);
  if (near != NULL)
    return fail (ps, RS_ESYNTAX, "unknown option '%s' of '%s' (did you "
                 "mean '%s'?)", ps->tok.str, ps->kw->k.name, near);
  return fail (ps, RS_ESYNTAX, "unknown option '%s' of '%s' (it takes: %s)",
               ps->tok.str, ps->kw->k.name, ps->kw->k.args);
}

/* An optional number: read into *out when the next token is one. */
int
get_optional (parser *ps, const char *what, double lo, int lo_open,
              double hi, int hi_open, double *out)
{
  tok_kind kind;
  int rc = peek (ps, &kind);

  if (rc != RS_OK || kind != T_NUMBER)
    return rc;
  return get_number (ps, what, lo, lo_open, hi, hi_open, out);
}

/* Whether the word w starts a parameter's name: a letter W, b or a and
 * a layer of one or two digits, 1 to RS_NET_MAX_LAYERS. */
static int
param_word_ok (const char *w)
{
  return !(strchr ("Wba", w[0]) == NULL || w[1] < '1'
           || w[1] > '9' || strspn (w + 1, "0123456789") > 2
           || w[1 + strspn (w + 1, "0123456789")] != '\0'
           || atoi (w + 1) > RS_NET_MAX_LAYERS);
}

/* A parameter's name as rs_net_param_name writes it, W<l>[j][k], b<l>[j]
 * or a<l>[j], read as a word and its bracketed indices.  Whether the
 * network has it is checked once the whole scene is read. */
int
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
  if (!param_word_ok (ps->tok.str))
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

/* A step: a whole number, 'start' (0) or 'end' (RS_EXPECT_END); *at gets
 * where it is written. */
int
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
