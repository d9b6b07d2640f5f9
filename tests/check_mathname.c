/* check_mathname.c: plain names as typeset markup (src/draw/mathname.c).
 *
 * Every name lib/ gives the parameters of a network with PReLU layers
 * (weights, biases and slopes) is turned into markup, and compared with
 * markup this file builds from the parameter's own description
 * (rs_net_param_info: kind, layer, unit, input), not from the name's
 * text; pango must parse it, and the text it shows must read as the
 * plain name (the subscript changes the look, not the letters).  Words
 * and user text: the symbols, escaping and cutting. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <pango/pango.h>
#include <reluscape/reluscape.h>

#include "draw/mathname.h"

/* The text pango shows for markup, or NULL when it does not parse. */
static char *
shown (const char *markup)
{
  char *text = NULL;

  if (!pango_parse_markup (markup, -1, 0, NULL, &text, NULL, NULL))
    return NULL;
  return text;
}

START_TEST (test_param_names)
{
  static const size_t sizes[4] = { 2, 3, 4, 2 };
  rs_net_spec spec;
  rs_net *net;
  rs_error err;
  size_t kinds[3] = { 0, 0, 0 };

  rs_net_spec_init (&spec, 3, sizes, rs_act_prelu, rs_act_prelu);
  net = rs_net_alloc (&spec, &err);
  ck_assert_ptr_nonnull (net);
  for (size_t i = 0; i < rs_net_nparams (net); i++)
    {
      rs_param_info p = rs_net_param_info (net, i);
      char name[64], got[128], want[128], *text;

      rs_net_param_name (net, i, name, sizeof name);
      if (p.kind == RS_PARAM_WEIGHT)
        snprintf (want, sizeof want, "<i>W</i><sub>%zu</sub>[%zu][%zu]",
                  p.layer, p.unit, p.input);
      else
        snprintf (want, sizeof want, "<i>%s</i><sub>%zu</sub>[%zu]",
                  p.kind == RS_PARAM_BIAS ? "b" : "a", p.layer, p.unit);
      kinds[p.kind]++;
      ck_assert_str_eq (rs_math_name (name, got, sizeof got), want);
      text = shown (got);
      ck_assert_ptr_nonnull (text);
      ck_assert_str_eq (text, name);
      g_free (text);
    }
  /* 2x3 + 3x4 + 4x2 weights, 3 + 4 + 2 biases and slopes */
  ck_assert_uint_eq (kinds[RS_PARAM_WEIGHT], 26);
  ck_assert_uint_eq (kinds[RS_PARAM_BIAS], 9);
  ck_assert_uint_eq (kinds[RS_PARAM_SLOPE], 9);
  rs_net_free (net);
}
END_TEST

/* Words and text: symbols for the quantities scenes spell out; names
 * that are not quite a parameter's, and a user's text, shown as written
 * (their &, <, > escaped). */
START_TEST (test_words_and_text)
{
  static const char *const cases[][2] = {
    { "gamma", "γ" }, { "alpha", "α" }, { "rate", "η" }, { "grad", "∇L" },
    { "W12[3][45]", "<i>W</i><sub>12</sub>[3][45]" },
    { "W1[0]", "W1[0]" }, { "b1[0][0]", "b1[0][0]" }, { "W[0][0]", "W[0][0]" },
    { "b1[x]", "b1[x]" }, { "PC1 (93.1 %)", "PC1 (93.1 %)" },
    { "random 1", "random 1" }, { "x<y & z>w", "x&lt;y &amp; z&gt;w" },
    { "<b>bold</b>", "&lt;b&gt;bold&lt;/b&gt;" }, { "", "" },
    { "gammas", "gammas" }
  };
  char got[128];

  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
    {
      char *text;

      ck_assert_str_eq (rs_math_name (cases[k][0], got, sizeof got),
                        cases[k][1]);
      text = shown (got);
      ck_assert_ptr_nonnull (text);
      if (strcmp (cases[k][1], cases[k][0]) == 0
          || strchr (cases[k][0], '<') != NULL)
        ck_assert_str_eq (text, cases[k][0]);
      g_free (text);
    }
}
END_TEST

/* A short buffer: the result is cut, but still parses and is whole
 * characters; markup too long for it falls back to the plain name. */
START_TEST (test_short_buffer)
{
  char got[8];
  char *text;

  /* "a &amp; b" cut to 7 bytes would end inside the entity: cut before */
  rs_math_name ("a & b", got, 7);
  ck_assert_str_eq (got, "a ");
  /* "γγγγ" is 8 bytes: 7 hold three whole letters */
  rs_math_name ("γγγγ", got, 7);
  ck_assert_str_eq (got, "γγγ");
  /* the markup of W1[0][0] needs 27 bytes: the plain name, cut */
  rs_math_name ("W1[0][0]", got, sizeof got);
  ck_assert_str_eq (got, "W1[0][0");
  text = shown (got);
  ck_assert_ptr_nonnull (text);
  g_free (text);
  ck_assert_str_eq (rs_math_name ("gamma", got, 1), "");
}
END_TEST

static Suite *
mathname_suite (void)
{
  Suite *s = suite_create ("mathname");
  TCase *tc = tcase_create ("Core");

  tcase_add_test (tc, test_param_names);
  tcase_add_test (tc, test_words_and_text);
  tcase_add_test (tc, test_short_buffer);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (mathname_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
