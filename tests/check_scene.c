/* check_scene.c: the scene language, text -> rs_scene.
 *
 * Expected values are read off the test's own scene texts; every
 * expected line:col of an error was counted by hand in its input (1-based
 * byte columns, a tab counts one), never taken from the parser. */
#include <config.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include <reluscape/reluscape.h>

#ifndef RS_TOP_SRCDIR
#define RS_TOP_SRCDIR "."
#endif

/* Parse a NUL-terminated text named "test.scene". */
static int
parse (rs_scene *sc, const char *text, rs_error *err)
{
  return rs_scene_parse (sc, text, strlen (text), "test.scene", err);
}

/* Parse text, failing the test with the parser's report if it errs. */
static void
parse_ok (rs_scene *sc, const char *text)
{
  rs_error err;
  char buf[800];

  rs_error_clear (&err);
  ck_assert_msg (parse (sc, text, &err) == RS_OK, "%s",
                 rs_error_format (&err, buf, sizeof buf));
}

/* A scene that uses every keyword, with values unlike the defaults. */
static const char every_keyword[] =
  "# A scene with every keyword of the language.\n"
  "title \"The \\\"dying\\\" ReLU # not a comment\"\n"
  "seed 2385\n"
  "points 37\n"
  "line -0.731 0.4619\n"
  "noise 0.137\n"
  "activation leaky_relu\n"
  "alpha 0.0417\n"
  "kink 0.25\n"
  "start -2.385 1.913\n"
  "rate 0.0731\n"
  "steps 4619\n"
  "tolerance 1e-7\n"
  "w-range [-4.5, 2.25]\n"
  "b-range [-1.75, 3.125]\n"
  "kick at 120 sigma 1.5 seed 7\n"
  "kick at 300 sigma 0.25   # no seed: a default one\n"
  "kick-sigma 2.385\n"
  "speed 12.5\n";

/* Every value of every_keyword, as written in it. */
START_TEST (test_every_keyword)
{
  rs_scene sc;

  parse_ok (&sc, every_keyword);
  ck_assert_str_eq (sc.title, "The \"dying\" ReLU # not a comment");
  ck_assert_uint_eq (sc.sim.seed, 2385);
  ck_assert_uint_eq (sc.sim.n_points, 37);
  ck_assert_double_eq_tol (sc.sim.slope, -0.731, 1e-15);
  ck_assert_double_eq_tol (sc.sim.intercept, 0.4619, 1e-15);
  ck_assert_double_eq_tol (sc.sim.noise, 0.137, 1e-15);
  ck_assert_ptr_eq (sc.sim.act, rs_act_leaky_relu);
  ck_assert_double_eq_tol (sc.sim.alpha, 0.0417, 1e-15);
  ck_assert_double_eq_tol (sc.sim.kink, 0.25, 1e-15);
  ck_assert_double_eq_tol (sc.sim.w0, -2.385, 1e-15);
  ck_assert_double_eq_tol (sc.sim.b0, 1.913, 1e-15);
  ck_assert_double_eq_tol (sc.sim.rate, 0.0731, 1e-15);
  ck_assert_uint_eq (sc.sim.steps, 4619);
  ck_assert_double_eq_tol (sc.sim.tol, 1e-7, 1e-22);
  ck_assert_double_eq_tol (sc.w_range.lo, -4.5, 1e-15);
  ck_assert_double_eq_tol (sc.w_range.hi, 2.25, 1e-15);
  ck_assert_double_eq_tol (sc.b_range.lo, -1.75, 1e-15);
  ck_assert_double_eq_tol (sc.b_range.hi, 3.125, 1e-15);
  ck_assert_uint_eq (sc.sim.n_kicks, 2);
  ck_assert_uint_eq (sc.sim.kicks[0].step, 120);
  ck_assert_double_eq_tol (sc.sim.kicks[0].sigma, 1.5, 1e-15);
  ck_assert_uint_eq (sc.sim.kicks[0].seed, 7);
  ck_assert_uint_eq (sc.sim.kicks[1].step, 300);
  ck_assert_double_eq_tol (sc.sim.kicks[1].sigma, 0.25, 1e-15);
  ck_assert_uint_ne (sc.sim.kicks[1].seed, sc.sim.kicks[0].seed);
  ck_assert_double_eq_tol (sc.sim.kick_sigma, 2.385, 1e-15);
  ck_assert_double_eq_tol (sc.speed, 12.5, 1e-15);
  ck_assert_int_eq (rs_sim_params_check (&sc.sim, NULL), RS_OK);
}
END_TEST

/* every_keyword really has every keyword: each name of the table starts
 * one of its lines (so a new keyword without a test fails here). */
START_TEST (test_every_keyword_is_covered)
{
  const rs_scene_keyword *k;

  for (size_t i = 0; (k = rs_scene_keyword_get (i)) != NULL; i++)
    {
      char line_start[80];

      snprintf (line_start, sizeof line_start, "\n%s ", k->name);
      ck_assert_msg (strstr (every_keyword, line_start) != NULL,
                     "keyword '%s' missing from every_keyword", k->name);
    }
}
END_TEST

/* The table: names, argument forms and help, ending in NULL, with the 17
 * keywords of the language in it once each. */
START_TEST (test_keyword_table)
{
  static const char *const names[] = {
    "title", "seed", "points", "line", "noise", "activation", "alpha",
    "kink", "start", "rate", "steps", "tolerance", "w-range", "b-range",
    "kick", "kick-sigma", "speed"
  };
  const size_t n_names = sizeof names / sizeof names[0];
  size_t n = 0;

  for (const rs_scene_keyword *k; (k = rs_scene_keyword_get (n)) != NULL;
       n++)
    {
      ck_assert_ptr_nonnull (k->name);
      ck_assert_ptr_nonnull (k->args);
      ck_assert_ptr_nonnull (k->help);
      ck_assert_uint_gt (strlen (k->name), 0);
      ck_assert_uint_gt (strlen (k->help), 0);
      for (size_t j = 0; j < n; j++)
        ck_assert_str_ne (rs_scene_keyword_get (j)->name, k->name);
    }
  ck_assert_uint_eq (n, n_names);
  for (size_t i = 0; i < n_names; i++)
    {
      size_t j = 0;

      while (j < n && strcmp (rs_scene_keyword_get (j)->name, names[i]) != 0)
        j++;
      ck_assert_msg (j < n, "no keyword '%s'", names[i]);
    }
  ck_assert_ptr_null (rs_scene_keyword_get (n));
  ck_assert_ptr_null (rs_scene_keyword_get (n + 5));
  ck_assert_ptr_null (rs_scene_keyword_get ((size_t) -1));
}
END_TEST

/* A scene sets only what it names: everything else keeps the defaults of
 * the header (rs_sim_params_default, axes [-3, 3], 20 steps per second). */
START_TEST (test_defaults)
{
  rs_scene sc, def;
  rs_sim_params p;

  rs_sim_params_default (&p);
  rs_scene_default (&def);
  ck_assert_double_eq_tol (def.w_range.lo, -3.0, 1e-15);
  ck_assert_double_eq_tol (def.w_range.hi, 3.0, 1e-15);
  ck_assert_double_eq_tol (def.b_range.lo, -3.0, 1e-15);
  ck_assert_double_eq_tol (def.b_range.hi, 3.0, 1e-15);
  ck_assert_double_eq_tol (def.speed, 20.0, 1e-15);
  ck_assert_uint_gt (strlen (def.title), 0);

  parse_ok (&sc, "rate 0.25\n");
  ck_assert_double_eq_tol (sc.sim.rate, 0.25, 1e-15);
  ck_assert_str_eq (sc.title, def.title);
  ck_assert_uint_eq (sc.sim.seed, p.seed);
  ck_assert_uint_eq (sc.sim.n_points, p.n_points);
  ck_assert_double_eq_tol (sc.sim.slope, p.slope, 1e-15);
  ck_assert_double_eq_tol (sc.sim.intercept, p.intercept, 1e-15);
  ck_assert_double_eq_tol (sc.sim.noise, p.noise, 1e-15);
  ck_assert_ptr_eq (sc.sim.act, p.act);
  ck_assert_double_eq_tol (sc.sim.alpha, p.alpha, 1e-15);
  ck_assert_double_eq_tol (sc.sim.kink, p.kink, 1e-15);
  ck_assert_double_eq_tol (sc.sim.w0, p.w0, 1e-15);
  ck_assert_double_eq_tol (sc.sim.b0, p.b0, 1e-15);
  ck_assert_uint_eq (sc.sim.steps, p.steps);
  ck_assert_double_eq_tol (sc.sim.tol, p.tol, 1e-21);
  ck_assert_double_eq_tol (sc.sim.kick_sigma, p.kick_sigma, 1e-15);
  ck_assert_uint_eq (sc.sim.n_kicks, 0);
  ck_assert_double_eq_tol (sc.w_range.lo, -3.0, 1e-15);
  ck_assert_double_eq_tol (sc.b_range.hi, 3.0, 1e-15);
  ck_assert_double_eq_tol (sc.speed, 20.0, 1e-15);
}
END_TEST

/* An empty text, and one of only comments and blank lines, are the
 * default scene.  The parse starts from the defaults even when sc held
 * another scene. */
START_TEST (test_empty_and_comments)
{
  rs_scene sc, def;

  rs_scene_default (&def);
  parse_ok (&sc, every_keyword);
  parse_ok (&sc, "");
  ck_assert_double_eq_tol (sc.sim.rate, def.sim.rate, 1e-15);
  ck_assert_uint_eq (sc.sim.n_kicks, 0);
  parse_ok (&sc, "# only\n\n   \n\t# comments\n  # and blanks");
  ck_assert_str_eq (sc.title, def.title);
  ck_assert_uint_eq (sc.sim.seed, def.sim.seed);
}
END_TEST

/* Comments after values, blank lines between, tabs and runs of spaces,
 * no newline at the end of the file. */
START_TEST (test_layout)
{
  rs_scene sc;

  parse_ok (&sc, "\n\n# heading\n\tseed\t\t42   # the data\n\n"
            "   rate 0.0417#no space before the comment\n"
            "start   -0.5\t+2.25\nsteps 1e3");
  ck_assert_uint_eq (sc.sim.seed, 42);
  ck_assert_double_eq_tol (sc.sim.rate, 0.0417, 1e-15);
  ck_assert_double_eq_tol (sc.sim.w0, -0.5, 1e-15);
  ck_assert_double_eq_tol (sc.sim.b0, 2.25, 1e-15);
  ck_assert_uint_eq (sc.sim.steps, 1000);
}
END_TEST

/* CRLF line endings give the same scene as LF. */
START_TEST (test_crlf)
{
  rs_scene a, b;

  parse_ok (&a, "title \"crlf\"\r\nseed 7\r\n\r\n# c\r\n"
            "w-range [-2.385, 1.5]\r\nkick at 3 sigma 0.5\r\nspeed 12.5\r\n");
  parse_ok (&b, "title \"crlf\"\nseed 7\n\n# c\nw-range [-2.385, 1.5]\n"
            "kick at 3 sigma 0.5\nspeed 12.5\n");
  ck_assert_str_eq (a.title, "crlf");
  ck_assert_str_eq (a.title, b.title);
  ck_assert_uint_eq (a.sim.seed, 7);
  ck_assert_double_eq_tol (a.w_range.lo, -2.385, 1e-15);
  ck_assert_double_eq_tol (a.w_range.hi, b.w_range.hi, 1e-15);
  ck_assert_uint_eq (a.sim.n_kicks, 1);
  ck_assert_uint_eq (a.sim.kicks[0].step, 3);
  ck_assert_uint_eq (a.sim.kicks[0].seed, b.sim.kicks[0].seed);
  ck_assert_double_eq_tol (a.speed, 12.5, 1e-15);
}
END_TEST

/* Strings: \" and \\ are escapes, # inside a string is text, any other
 * backslash stays as it is, and an empty string is allowed. */
START_TEST (test_strings)
{
  rs_scene sc;

  parse_ok (&sc, "title \"say \\\"hi\\\" \\\\ #1 \\n\"\n");
  ck_assert_str_eq (sc.title, "say \"hi\" \\ #1 \\n");
  parse_ok (&sc, "title \"\"\n");
  ck_assert_str_eq (sc.title, "");
}
END_TEST

/* Ranges without spaces, range ends at the bound 1e6, numbers with an
 * explicit + and exponent, the relu activation. */
START_TEST (test_numbers_and_ranges)
{
  rs_scene sc;

  parse_ok (&sc, "w-range [-1e6,1e6]\nb-range [ -0.5 , .75 ]\n"
            "activation relu\nline +1.5e1 -2E-1\nkink 1\nalpha 0\n");
  ck_assert_double_eq_tol (sc.w_range.lo, -1e6, 1e-9);
  ck_assert_double_eq_tol (sc.w_range.hi, 1e6, 1e-9);
  ck_assert_double_eq_tol (sc.b_range.lo, -0.5, 1e-15);
  ck_assert_double_eq_tol (sc.b_range.hi, 0.75, 1e-15);
  ck_assert_ptr_eq (sc.sim.act, rs_act_relu);
  ck_assert_double_eq_tol (sc.sim.slope, 15.0, 1e-15);
  ck_assert_double_eq_tol (sc.sim.intercept, -0.2, 1e-15);
  ck_assert_double_eq_tol (sc.sim.kink, 1.0, 1e-15);
  ck_assert_double_eq_tol (sc.sim.alpha, 0.0, 1e-15);
}
END_TEST

/* Kicks are repeatable, up to RS_SIM_MAX_KICKS; one more is refused on
 * its own line (line 65, column 1). */
START_TEST (test_kick_limit)
{
  char text[RS_SIM_MAX_KICKS * 40 + 64];
  size_t len = 0;
  rs_scene sc;
  rs_error err;

  for (int i = 0; i < RS_SIM_MAX_KICKS; i++)
    len += (size_t) snprintf (text + len, sizeof text - len,
                              "kick at %d sigma 0.5 seed %d\n", i, 100 + i);
  parse_ok (&sc, text);
  ck_assert_uint_eq (sc.sim.n_kicks, RS_SIM_MAX_KICKS);
  ck_assert_uint_eq (sc.sim.kicks[RS_SIM_MAX_KICKS - 1].step,
                     RS_SIM_MAX_KICKS - 1);
  ck_assert_uint_eq (sc.sim.kicks[RS_SIM_MAX_KICKS - 1].seed,
                     100 + RS_SIM_MAX_KICKS - 1);
  snprintf (text + len, sizeof text - len, "kick at 9 sigma 1\n");
  rs_error_clear (&err);
  ck_assert_int_eq (parse (&sc, text, &err), RS_EINVAL);
  ck_assert_int_eq (err.line, RS_SIM_MAX_KICKS + 1);
  ck_assert_int_eq (err.col, 1);
  ck_assert_ptr_nonnull (strstr (err.message, "too many kicks"));
}
END_TEST

/* A scene means the same whatever the order of its lines (only kick is
 * repeatable): the default seed of a kick without "seed" must not depend
 * on whether the data's seed line comes before or after it. */
START_TEST (test_kick_seed_order)
{
  rs_scene a, b;

  parse_ok (&a, "seed 7\nkick at 3 sigma 1.5\n");
  parse_ok (&b, "kick at 3 sigma 1.5\nseed 7\n");
  ck_assert_uint_eq (a.sim.seed, b.sim.seed);
  ck_assert_uint_eq (a.sim.kicks[0].seed, b.sim.kicks[0].seed);
}
END_TEST

/* ---- Errors ---- */

typedef struct {
  const char *text;
  size_t len;            /* 0: strlen (text) */
  int code;
  int line;
  int col;
  const char *message;   /* a substring of the message */
} bad_scene;

static const bad_scene bad_scenes[] = {
  /* 0: unknown keyword, a transposition away from "steps" */
  { "seed 3\nstpes 100\n", 0, RS_ESYNTAX, 2, 1,
    "unknown keyword 'stpes' (did you mean 'steps'?)" },
  /* 1: "activation" is 10 bytes, the value starts at 12 */
  { "activation reul\n", 0, RS_EINVAL, 1, 12,
    "unknown activation 'reul' (did you mean 'relu'?)" },
  /* 2: two leading blanks, the number at 9 */
  { "  alpha 1.25\n", 0, RS_EINVAL, 1, 9,
    "alpha 1.25 is out of range: it must be in [0, 1)" },
  { "noise high\n", 0, RS_ESYNTAX, 1, 7,
    "expected a number for noise, found 'high'" },
  { "rate nan\n", 0, RS_ESYNTAX, 1, 6, "expected a number for rate" },
  /* 5 */
  { "start inf 0.5\n", 0, RS_ESYNTAX, 1, 7,
    "expected a number for start w, found 'inf'" },
  { "noise 1e999\n", 0, RS_ESYNTAX, 1, 7, "number '1e999' is too large" },
  { "kink 1.2.3\n", 0, RS_ESYNTAX, 1, 6, "malformed number '1.2.3'" },
  { "points 12abc\n", 0, RS_ESYNTAX, 1, 8, "malformed number '12abc'" },
  /* 9: the opening quote is at 7 */
  { "title \"The plateau\nseed 2\n", 0, RS_ESYNTAX, 1, 7,
    "unterminated string" },
  /* 10: w-range 1-7, [ 9, -3 10-11, ',' 12, 3 14, end of line 15 */
  { "w-range [-3, 3\n", 0, RS_ESYNTAX, 1, 15,
    "expected ']' to close the range, found end of line" },
  /* 11: the second 3 at 13 */
  { "b-range [-3 3]\n", 0, RS_ESYNTAX, 1, 13,
    "expected ',' between the ends of a range, found '3'" },
  /* 12: an empty range is reported at its '[' */
  { "w-range [3, -3]\n", 0, RS_EINVAL, 1, 9, "w-range [3, -3] is empty" },
  { "rate 0.25\nseed 2\nrate 0.5\n", 0, RS_ESYNTAX, 3, 1,
    "'rate' is already set on line 1" },
  /* 14: line 2 1, then 7 at 10 */
  { "line 2 1 7\n", 0, RS_ESYNTAX, 1, 10,
    "unexpected '7' after the values of 'line'" },
  /* 15 */
  { "steps 12.5\n", 0, RS_EINVAL, 1, 7,
    "steps must be a whole number, not 12.5" },
  { "speed 8 @\n", 0, RS_ESYNTAX, 1, 9, "unexpected character '@'" },
  { "title \"x\"\n\001seed 2\n", 0, RS_ESYNTAX, 2, 1,
    "unexpected byte 0x01" },
  { "kick 5 sigma 1\n", 0, RS_ESYNTAX, 1, 6,
    "expected 'at' (kick at STEP sigma S [seed N]), found '5'" },
  /* 19: kick 1-4, at 6-7, 5 at 9, 1.5 at 11 */
  { "kick at 5 1.5\n", 0, RS_ESYNTAX, 1, 11,
    "expected 'sigma' (kick at STEP sigma S [seed N]), found '1.5'" },
  /* 20: CRLF does not shift the columns of the next line */
  { "seed 2\r\nrate x\r\n", 0, RS_ESYNTAX, 2, 6,
    "expected a number for rate, found 'x'" },
  /* 21: tab 1, noise 2-6, tab 7, 0.5 8-10, 0.25 at 12 */
  { "# c\n\n\tnoise\t0.5 0.25\n", 0, RS_ESYNTAX, 3, 12,
    "unexpected '0.25' after the values of 'noise'" },
  /* 22: sigma 11-15, 0 at 17 */
  { "kick at 3 sigma 0\n", 0, RS_EINVAL, 1, 17,
    "kick sigma 0 is out of range: it must be in (0, 1000]" },
  { "rate", 0, RS_ESYNTAX, 1, 5,
    "expected a number for rate, found end of file" },
  { "3 steps\n", 0, RS_ESYNTAX, 1, 1,
    "expected a keyword at the start of the line, found '3'" },
  /* 25: -inf is neither a number nor a word: the '-' at 11 */
  { "start 0.5 -inf\n", 0, RS_ESYNTAX, 1, 11, "unexpected character '-'" },
  { "seed -1\n", 0, RS_EINVAL, 1, 6, "seed -1 is out of range" },
  { "frobnicate 3\n", 0, RS_ESYNTAX, 1, 1, "unknown keyword 'frobnicate'" },
  { "title The plateau\n", 0, RS_ESYNTAX, 1, 7, "expected a quoted title" },
  { "activation 3\n", 0, RS_ESYNTAX, 1, 12,
    "expected an activation (relu or leaky_relu), found '3'" },
  /* 30 */
  { "activation sigmoid\n", 0, RS_EINVAL, 1, 12,
    "unknown activation 'sigmoid' (known: relu, leaky_relu)" },
  /* 31: seed 19-22, 2.5 at 24 */
  { "kick at 3 sigma 1 seed 2.5\n", 0, RS_EINVAL, 1, 24,
    "kick seed must be a whole number, not 2.5" },
  /* 32: 1e-999 underflows to 0, outside (0, 100] */
  { "rate 1e-999\n", 0, RS_EINVAL, 1, 6,
    "rate 0 is out of range: it must be in (0, 100]" },
  { "w-range 3, 4]\n", 0, RS_ESYNTAX, 1, 9, "expected '[' to open a range" },
  /* 34: a NUL byte starts line 2 (explicit length 8) */
  { "seed 2\n\0rate 1\n", 15, RS_ESYNTAX, 2, 1, "unexpected byte 0x00" },
  /* 35: a non-ASCII byte outside a string, "ok" 7-10, the byte at 12 */
  { "title \"ok\" \xc3\xa9\n", 0, RS_ESYNTAX, 1, 12, "unexpected byte 0xc3" },
  /* 36: the line count is right after a kick looked ahead for "seed" */
  { "kick at 3 sigma 1\nrate x\n", 0, RS_ESYNTAX, 2, 6,
    "expected a number for rate, found 'x'" },
  /* 37 */
  { "kick at 3 sigma 1\n\nkick at 5 sigma x\n", 0, RS_ESYNTAX, 3, 17,
    "expected a number for kick sigma, found 'x'" },
  { "points 1\n", 0, RS_EINVAL, 1, 8,
    "points 1 is out of range: it must be in [2, 100000]" },
  /* 39: the duplicate is found on its own line, after a comment line */
  { "alpha 0.25\n# again:\n   alpha 0.5\n", 0, RS_ESYNTAX, 3, 4,
    "'alpha' is already set on line 1" },
  /* 40: hexadecimal is not a scene number, though strtod reads it */
  { "points 0x1A\n", 0, RS_ESYNTAX, 1, 8, "malformed number '0x1A'" },
};

#define N_BAD (sizeof bad_scenes / sizeof bad_scenes[0])

static size_t
bad_len (const bad_scene *b)
{
  return b->len != 0 ? b->len : strlen (b->text);
}

/* Each malformed scene fails with its code, file, line, column and
 * message. */
START_TEST (test_bad_scene)
{
  const bad_scene *b = &bad_scenes[_i];
  rs_scene sc;
  rs_error err;
  int rc;

  rs_error_clear (&err);
  rc = rs_scene_parse (&sc, b->text, bad_len (b), "bad.scene", &err);
  ck_assert_msg (rc == b->code, "case %d: code %d, expected %d (%s)", _i, rc,
                 b->code, err.message);
  ck_assert_int_eq (err.code, b->code);
  ck_assert_str_eq (err.file, "bad.scene");
  ck_assert_msg (err.line == b->line && err.col == b->col,
                 "case %d: at %d:%d, expected %d:%d (%s)", _i, err.line,
                 err.col, b->line, b->col, err.message);
  ck_assert_msg (strstr (err.message, b->message) != NULL,
                 "case %d: message '%s' lacks '%s'", _i, err.message,
                 b->message);
}
END_TEST

/* The report reads "file:line:col: error: message". */
START_TEST (test_error_format)
{
  rs_scene sc;
  rs_error err;
  char buf[800];

  rs_error_clear (&err);
  ck_assert_int_eq (rs_scene_parse (&sc, "activation reul\n", 16,
                                    "scenes/x.scene", &err), RS_EINVAL);
  ck_assert_str_eq (rs_error_format (&err, buf, sizeof buf),
                    "scenes/x.scene:1:12: error: unknown activation 'reul' "
                    "(did you mean 'relu'?)");
}
END_TEST

/* Only len bytes are read: text past it is not part of the scene. */
START_TEST (test_length_respected)
{
  rs_scene sc;
  rs_error err;

  ck_assert_int_eq (rs_scene_parse (&sc, "seed 5\n@@@", 7, "x", &err), RS_OK);
  ck_assert_uint_eq (sc.sim.seed, 5);
}
END_TEST

/* The return code does not depend on whether the caller wants the report:
 * with err NULL every bad scene gives the same code as with one. */
START_TEST (test_code_without_report)
{
  for (size_t i = 0; i < N_BAD; i++)
    {
      rs_scene sc;
      int rc = rs_scene_parse (&sc, bad_scenes[i].text,
                               bad_len (&bad_scenes[i]), "bad.scene", NULL);

      ck_assert_msg (rc == bad_scenes[i].code,
                     "case %zu ('%s'): code %d without err, %d with it", i,
                     bad_scenes[i].text, rc, bad_scenes[i].code);
    }
}
END_TEST

/* A missing file: RS_EIO naming the path, with no line. */
START_TEST (test_load_missing)
{
  const char *path = "/nonexistent-reluscape-dir/none.scene";
  rs_scene sc;
  rs_error err;

  rs_error_clear (&err);
  ck_assert_int_eq (rs_scene_load (&sc, path, &err), RS_EIO);
  ck_assert_int_eq (err.code, RS_EIO);
  ck_assert_str_eq (err.file, path);
  ck_assert_int_eq (err.line, 0);
  ck_assert_uint_gt (strlen (err.message), 0);
}
END_TEST

/* A directory is not a scene. */
START_TEST (test_load_directory)
{
  rs_scene sc;
  rs_error err;

  rs_error_clear (&err);
  ck_assert_int_eq (rs_scene_load (&sc, RS_TOP_SRCDIR "/scenes", &err),
                    RS_EIO);
  ck_assert_str_eq (err.file, RS_TOP_SRCDIR "/scenes");
}
END_TEST

/* A file on disk parses like the same text in memory, and its errors
 * name the file's path. */
START_TEST (test_load_file)
{
  char path[] = "/tmp/check_scene_XXXXXX";
  int fd = mkstemp (path);
  FILE *f;
  rs_scene sc;
  rs_error err;

  ck_assert_int_ne (fd, -1);
  f = fdopen (fd, "w");
  ck_assert_ptr_nonnull (f);
  fputs (every_keyword, f);
  fclose (f);
  rs_error_clear (&err);
  ck_assert_int_eq (rs_scene_load (&sc, path, &err), RS_OK);
  ck_assert_uint_eq (sc.sim.seed, 2385);
  ck_assert_double_eq_tol (sc.b_range.hi, 3.125, 1e-15);

  f = fopen (path, "w");
  ck_assert_ptr_nonnull (f);
  fputs ("seed 3\n\nrate -0.5\n", f);
  fclose (f);
  ck_assert_int_eq (rs_scene_load (&sc, path, &err), RS_EINVAL);
  ck_assert_str_eq (err.file, path);
  ck_assert_int_eq (err.line, 3);
  ck_assert_int_eq (err.col, 6);
  unlink (path);
}
END_TEST

/* Every scene shipped in scenes/ loads and makes a valid run. */
START_TEST (test_shipped_scenes)
{
  DIR *dir = opendir (RS_TOP_SRCDIR "/scenes");
  struct dirent *e;
  size_t n = 0;

  ck_assert_ptr_nonnull (dir);
  while ((e = readdir (dir)) != NULL)
    {
      size_t len = strlen (e->d_name);
      char path[4096], buf[800];
      rs_scene sc;
      rs_error err;

      if (len < 7 || strcmp (e->d_name + len - 6, ".scene") != 0)
        continue;
      snprintf (path, sizeof path, "%s/scenes/%s", RS_TOP_SRCDIR, e->d_name);
      rs_error_clear (&err);
      ck_assert_msg (rs_scene_load (&sc, path, &err) == RS_OK, "%s",
                     rs_error_format (&err, buf, sizeof buf));
      ck_assert_msg (rs_sim_params_check (&sc.sim, &err) == RS_OK, "%s: %s",
                     path, err.message);
      n++;
    }
  closedir (dir);
  ck_assert_uint_gt (n, 0);
}
END_TEST

static Suite *
scene_suite (void)
{
  Suite *s = suite_create ("scene");
  TCase *core = tcase_create ("Core");
  TCase *limits = tcase_create ("Limits");
  TCase *errors = tcase_create ("Errors");
  TCase *files = tcase_create ("Files");

  tcase_add_test (core, test_every_keyword);
  tcase_add_test (core, test_every_keyword_is_covered);
  tcase_add_test (core, test_keyword_table);
  tcase_add_test (core, test_defaults);
  tcase_add_test (core, test_empty_and_comments);
  tcase_add_test (core, test_layout);
  tcase_add_test (core, test_crlf);
  tcase_add_test (core, test_strings);
  tcase_add_test (core, test_numbers_and_ranges);
  suite_add_tcase (s, core);

  tcase_add_test (limits, test_kick_limit);
  tcase_add_test (limits, test_kick_seed_order);
  tcase_add_test (limits, test_length_respected);
  suite_add_tcase (s, limits);

  tcase_add_loop_test (errors, test_bad_scene, 0, N_BAD);
  tcase_add_test (errors, test_error_format);
  tcase_add_test (errors, test_code_without_report);
  suite_add_tcase (s, errors);

  tcase_add_test (files, test_load_missing);
  tcase_add_test (files, test_load_directory);
  tcase_add_test (files, test_load_file);
  tcase_add_test (files, test_shipped_scenes);
  suite_add_tcase (s, files);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (scene_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed != 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
