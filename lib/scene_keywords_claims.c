/* scene_keywords_claims.c: the keywords about the run as a whole and
 * its moments: claims (expect), the moment shown (show), an animation's
 * timing (pace) and the runs compared with the scene's own (variant),
 * one function each, named in the table of scene_keywords.c. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scene_parse_private.h"
#include "scene_private.h"

/* ---- Claims about the run and the moment shown ---- */

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

/* The error for w, which names no quantity (with the nearest name of
 * the table of quantities when there is one). */
static int
unknown_quantity (parser *ps, const char *w)
{
  const char *names[64];
  const char *near;
  size_t n = 0;

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

/* The quantity: a name of the table, a parameter's name or alive<L>[J]. */
static int
claim_quantity (parser *ps, rs_expect *e, place *at)
{
  char buf[80];
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
  return unknown_quantity (ps, w);
}

/* [below|above|at-most|at-least] VALUE, VALUE a number or inf: into
 * e's comparison, value and text, and the tolerance its last digit
 * gives. */
static int
claim_bound (parser *ps, rs_expect *e)
{
  static const char *const cmps[] = { "below", "above", "at-most",
                                      "at-least", NULL };
  char buf[80];
  int rc;

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
  return RS_OK;
}

/* [below|above|at-most|at-least] VALUE [within TOL]; the text of VALUE
 * is kept, and its last digit gives the tolerance unless 'within'
 * does. */
static int
claim_value (parser *ps, rs_expect *e)
{
  static const char *const within[] = { "within", NULL };
  options o = { within, 0, 0 };
  int which = -1, rc;

  if ((rc = claim_bound (ps, e)) != RS_OK
      || (rc = get_option (ps, &o, &which)) != RS_OK || which < 0)
    return rc;
  if (e->cmp != RS_EXPECT_NEAR)
    return fail (ps, RS_ESYNTAX, "'within' goes with a value, not a bound");
  e->has_tol = 1;
  return get_number (ps, "tolerance", 0, 0, 1e6, 0, &e->tol);
}

/* expect WHEN QUANTITY [CMP] VALUE [within TOL] */
int
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
int
kw_show (parser *ps)
{
  int rc = get_step (ps, "the step shown", &ps->sc->show, &ps->show_at);

  ps->sc->has_show = rc == RS_OK;
  return rc;
}

/* ---- An animation's pace ---- */

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
int
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

/* ---- Variants ---- */

/* The first word of a variant's line, in ps->tok: a keyword, one that
 * a variant may set. */
static int
variant_keyword (parser *ps)
{
  if (ps->tok.kind == T_WORD
      && rs_scene_keyword_repeatable (ps->tok.str) < 0)
    return unknown_keyword (ps);
  if (ps->tok.kind != T_WORD || !rs_scene_keyword_varies (ps->tok.str))
    return fail (ps, RS_ESYNTAX, "a variant sets a line of the run "
                 "(such as 'kink 0.5', 'decay 0.1 biases', 'optimizer "
                 "adam', 'expect ...'), not %s%s%s",
                 ps->tok.kind == T_WORD ? "'" : "a value",
                 ps->tok.kind == T_WORD ? ps->tok.str : "",
                 ps->tok.kind == T_WORD ? "'" : "");
  return RS_OK;
}

/* The tokens of a variant's line up to its end, which is left to be
 * read: *first and *last get where the line's text starts and ends
 * (*first NULL for none), *at where its keyword is. */
static int
variant_line (parser *ps, const char **first, const char **last, place *at)
{
  int rc;

  for (;;)
    {
      if (next (ps) != RS_OK)
        return RS_ESYNTAX;
      if (ps->tok.kind == T_NEWLINE || ps->tok.kind == T_END)
        break;
      if (*first == NULL)
        {
          if ((rc = variant_keyword (ps)) != RS_OK)
            return rc;
          *first = ps->tok.start;
          *at = here (ps);
        }
      *last = ps->p;   /* past the token (a string's len is not kept) */
    }
  ps->pushed_back = 1;
  return RS_OK;
}

/* 'variant "NAME" [KEYWORD VALUES...]': a run compared with the others
 * in one figure.  The line's tokens are read here (a malformed one is an
 * error where it is), its keyword checked against those a variant may
 * set; the line itself is checked as a scene line, over the whole
 * scene, once every line is read (check_variants). */
int
kw_variant (parser *ps)
{
  const char *first = NULL, *last = NULL;
  place at = { 0, 0 }, name_at;
  char name[64];
  rs_error e;
  int rc;

  if (expect (ps, T_STRING, "a quoted name such as \"no bias decay\"")
      != RS_OK)
    return RS_ESYNTAX;
  name_at = here (ps);
  if (ps->tok.str[0] == '\0' || strlen (ps->tok.str) >= sizeof name)
    return fail (ps, RS_EINVAL, "a variant's name has 1 to %zu bytes",
                 sizeof name - 1);
  memcpy (name, ps->tok.str, strlen (ps->tok.str) + 1);
  if ((rc = variant_line (ps, &first, &last, &at)) != RS_OK)
    return rc;
  if (scene_variant_add (ps->sc, name, name_at.line, name_at.col, first,
                         first ? (size_t) (last - first) : 0, at.line,
                         at.col, &e) != RS_OK)
    return fail_at (ps, first ? at : name_at, e.code, "%s", e.message);
  return RS_OK;
}
