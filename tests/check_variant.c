/* check_variant.c: a scene's variants (lib/variant.c) and the
 * composition of scene lines over a scene's own (lib/scene_compose.c):
 * where each line and each error is, a variant's run against the same
 * line given as --set gives it (a second way to the same scene), the
 * shared start, the canonical form read back. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <reluscape/reluscape.h>

/* The single neuron of scenes/c03-kink.scene: the first point, x = -1,
 * sits on the kink at the start (w, b) = (1, 1). */
#define BASE_LINES \
  "seed 1\n" \
  "points 24\n" \
  "line 2 1\n" \
  "noise 0\n" \
  "kink 0\n" \
  "start 1 1\n" \
  "rate 0.3\n" \
  "steps 40\n"
static const char base_text[] = BASE_LINES;

/* base_text and three variants; columns counted by hand. */
static const char kink_text[] =
  BASE_LINES
  "variant \"zero\"\n"                               /* line 9 */
  "variant \"half\"   kink 0.5   # f'(0) = 1/2\n"    /* line 10, col 18 */
  "variant \"one\" kink 1\n"                         /* line 11, col 15 */
  "variant \"half\" expect at 1 w 1.2049\n";         /* line 12, col 16 */

static void
parse_ok (rs_scene *sc, const char *text)
{
  rs_error err;

  ck_assert_msg (rs_scene_parse (sc, text, strlen (text), "v.scene", &err)
                 == RS_OK, "%d:%d: %s", err.line, err.col, err.message);
}

static rs_scene *
new_scene (void)
{
  rs_scene *sc = malloc (sizeof *sc);

  ck_assert_ptr_nonnull (sc);
  return sc;
}

/* The lines of one name make one variant, in the order of the text; a
 * line is kept as written, without its comment, at its place. */
START_TEST (test_variant_lines)
{
  rs_scene *sc = new_scene ();

  parse_ok (sc, kink_text);
  ck_assert_uint_eq (sc->n_variants, 3);
  ck_assert_str_eq (sc->variants[0].name, "zero");
  ck_assert_uint_eq (sc->variants[0].n_lines, 0);
  ck_assert_str_eq (sc->variants[1].name, "half");
  ck_assert_uint_eq (sc->variants[1].n_lines, 2);
  ck_assert_str_eq (sc->variants[1].lines[0], "kink 0.5");
  ck_assert_int_eq (sc->variants[1].line[0], 10);
  ck_assert_int_eq (sc->variants[1].col[0], 18);
  ck_assert_str_eq (sc->variants[1].lines[1], "expect at 1 w 1.2049");
  ck_assert_int_eq (sc->variants[1].line[1], 12);
  ck_assert_int_eq (sc->variants[1].col[1], 16);
  ck_assert_str_eq (sc->variants[2].lines[0], "kink 1");
  ck_assert_int_eq (sc->variants[2].col[0], 15);
  /* the scene's own run is the text without its variants */
  ck_assert_double_eq (sc->sim.kink, 0.0);
  ck_assert_uint_eq (sc->n_expects, 0);
  free (sc);
}
END_TEST

/* Each variant's scene: the scene with its lines over it; its claims at
 * their places in the file. */
START_TEST (test_variant_scene)
{
  rs_scene *sc = new_scene (), *v = new_scene ();
  rs_error err;

  parse_ok (sc, kink_text);
  ck_assert_int_eq (rs_scene_variant (sc, 0, "v.scene", v, &err), RS_OK);
  ck_assert_double_eq (v->sim.kink, 0.0);
  ck_assert_uint_eq (v->n_variants, 0);
  ck_assert_int_eq (rs_scene_variant (sc, 1, "v.scene", v, &err), RS_OK);
  ck_assert_double_eq (v->sim.kink, 0.5);
  ck_assert_double_eq (v->sim.rate, 0.3);
  ck_assert_double_eq (v->sim.w0, 1.0);
  ck_assert_uint_eq (v->n_expects, 1);
  ck_assert_int_eq (v->expects[0].line, 12);
  ck_assert_int_eq (v->expects[0].col, 16);
  ck_assert_int_eq (rs_scene_variant (sc, 2, "v.scene", v, &err), RS_OK);
  ck_assert_double_eq (v->sim.kink, 1.0);
  ck_assert_int_eq (rs_scene_variant (sc, 3, "v.scene", v, &err),
                    RS_EINVAL);
  free (v);
  free (sc);
}
END_TEST

/* The runs of sim a and b: every recorded point the same, bit for bit. */
static void
assert_same_run (const rs_sim *a, const rs_sim *b)
{
  size_t np = rs_net_nparams (rs_sim_net (a));

  ck_assert_uint_eq (rs_sim_n_recorded (a), rs_sim_n_recorded (b));
  ck_assert_uint_eq (np, rs_net_nparams (rs_sim_net (b)));
  for (size_t i = 0; i < rs_sim_n_recorded (a); i++)
    {
      double la = rs_sim_recorded (a, i)->loss;
      double lb = rs_sim_recorded (b, i)->loss;

      ck_assert_int_eq (memcmp (rs_sim_theta (a, i), rs_sim_theta (b, i),
                                np * sizeof (double)), 0);
      ck_assert_int_eq (memcmp (&la, &lb, sizeof la), 0);
    }
}

static rs_sim *
run_of (const rs_scene *sc)
{
  rs_error err;
  rs_sim *sim = rs_sim_alloc (&sc->sim, &err);

  ck_assert_ptr_nonnull (sim);
  ck_assert_int_eq (rs_sim_run (sim), RS_OK);
  return sim;
}

/* A second way to the same run: the scene without variants with the
 * variant's line given as --set gives it ("kink=0.5" over the file's own
 * text, not over the canonical form a variant starts from). */
START_TEST (test_variant_is_set)
{
  static const char *const sets[][2] = {
    { "kink=0.5", NULL }, { "kink=1", NULL },
    { "optimizer=adam", "rate=0.05" }
  };
  static const char *const lines[][2] = {
    { "kink 0.5", NULL }, { "kink 1", NULL },
    { "optimizer adam", "rate 0.05" }
  };
  rs_scene *sc = new_scene (), *v = new_scene (), *s = new_scene ();

  for (size_t t = 0; t < 3; t++)
    {
      char text[2048], *composed;
      size_t n = lines[t][1] != NULL ? 2 : 1, len;
      int line_of[2];
      rs_error err;
      rs_sim *a, *b;

      snprintf (text, sizeof text, "%svariant \"x\" %s\n%s%s%s", base_text,
                lines[t][0], n > 1 ? "variant \"x\" " : "",
                n > 1 ? lines[t][1] : "", n > 1 ? "\n" : "");
      parse_ok (sc, text);
      ck_assert_int_eq (rs_scene_variant (sc, 0, "v.scene", v, &err),
                        RS_OK);
      ck_assert_int_eq (rs_scene_compose (base_text, strlen (base_text),
                                          sets[t], n, '=', &composed, &len,
                                          line_of, &err), RS_OK);
      /* after the file's 8 lines (kink's line 5 and rate's line 7 are
       * blanked, optimizer has none): lines 9 and 10 */
      ck_assert_int_eq (line_of[0], 9);
      if (n > 1)
        ck_assert_int_eq (line_of[1], 10);
      parse_ok (s, composed);
      free (composed);
      a = run_of (v);
      b = run_of (s);
      assert_same_run (a, b);
      rs_sim_free (a);
      rs_sim_free (b);
    }
  free (s);
  free (v);
  free (sc);
}
END_TEST

/* Composition: a keyword given once only replaces the text's line, which
 * is left blank so that the lines keep their numbers; 'set' replaces the
 * line of its parameter only; other repeatable keywords add; of two
 * lines given for one thing the later wins. */
START_TEST (test_compose)
{
  static const char text[] = "rate 0.1\nset b1[0] 1\nset W1[0][0] 2\n"
                             "kick at 5 sigma 1\n";
  const char *lines[] = { "rate 0.2", "set b1[0] 3", "kick at 9 sigma 2",
                          "rate 0.3" };
  char *out;
  size_t len;
  int line_of[4];
  rs_error err;

  ck_assert_int_eq (rs_scene_compose (text, strlen (text), lines, 4, ' ',
                                      &out, &len, line_of, &err), RS_OK);
  ck_assert_str_eq (out, "\n\nset W1[0][0] 2\nkick at 5 sigma 1\n"
                         "set b1[0] 3\nkick at 9 sigma 2\nrate 0.3\n");
  ck_assert_uint_eq (len, strlen (out));
  ck_assert_int_eq (line_of[0], 0);
  ck_assert_int_eq (line_of[1], 5);
  ck_assert_int_eq (line_of[2], 6);
  ck_assert_int_eq (line_of[3], 7);
  free (out);
}
END_TEST

/* The runs of variants that change how the run trains start from the
 * same parameters: the scene's start (-1.5, 2.5), in every one. */
START_TEST (test_shared_start)
{
  static const char text[] =
    "seed 1\npoints 24\nline 2 1\nstart -1.5 2.5\nsteps 5\n"
    "variant \"gd\" optimizer gd\n"
    "variant \"momentum\" optimizer momentum momentum 0.9\n"
    "variant \"adam\" optimizer adam\n"
    "variant \"adam\" rate 0.05\n"
    "variant \"decay\" decay 0.1 biases\n";
  static const char net_text[] =
    "seed 3\ndata sine 32\nnetwork 1 6 1\nsteps 5\n"
    "variant \"gd\"\n"
    "variant \"adam\" optimizer adam\n"
    "variant \"decay\" decay 0.1\n";
  rs_scene *sc = new_scene (), *v = new_scene ();

  for (int which = 0; which < 2; which++)
    {
      rs_sim *first = NULL;

      parse_ok (sc, which == 0 ? text : net_text);
      for (size_t k = 0; k < sc->n_variants; k++)
        {
          rs_error err;
          rs_sim *sim;

          ck_assert_int_eq (rs_scene_variant (sc, k, "v.scene", v, &err),
                            RS_OK);
          sim = run_of (v);
          if (which == 0)
            {
              /* the start line itself */
              ck_assert_double_eq (rs_sim_theta (sim, 0)[0], -1.5);
              ck_assert_double_eq (rs_sim_theta (sim, 0)[1], 2.5);
            }
          if (first == NULL)
            first = sim;
          else
            {
              size_t np = rs_net_nparams (rs_sim_net (sim));

              ck_assert_int_eq (memcmp (rs_sim_theta (first, 0),
                                        rs_sim_theta (sim, 0),
                                        np * sizeof (double)), 0);
              /* and they do differ after it (the test can fail) */
              ck_assert_int_ne (memcmp (rs_sim_theta (first, 5),
                                        rs_sim_theta (sim, 5),
                                        np * sizeof (double)), 0);
              rs_sim_free (sim);
            }
        }
      rs_sim_free (first);
    }
  free (v);
  free (sc);
}
END_TEST

/* Bad variants: one message each, at the place in the file. */
typedef struct {
  const char *text;
  int line, col;
  const char *says;
} bad_case;

static const bad_case bad[] = {
  { "variant \"a\" title \"x\"\n", 1, 13, "not 'title'" },
  { "variant \"a\" view timeline\n", 1, 13, "not 'view'" },
  { "variant \"a\" variant \"b\" kink 1\n", 1, 13, "not 'variant'" },
  { "variant \"a\" knk 1\n", 1, 13, "did you mean 'kink'" },
  { "variant \"a\" 0.5\n", 1, 13, "not a value" },
  { "variant \"\" kink 1\n", 1, 9, "1 to 63 bytes" },
  { "variant a kink 1\n", 1, 9, "a quoted name" },
  { "steps 9\nvariant \"a\"  kink 2\n", 2, 19, "kink 2 is out of range" },
  { "steps 9\nvariant \"a\" kink\n", 2, 17, "expected" },
  { "steps 9\nvariant \"a\" expect at 10 w 1\n", 2, 23,
    "step 10 is past the run's last step" },
  { "steps 9\nvariant \"a\" network 1 2 1\nvariant \"a\" set W3[0][0] 1\n",
    3, 17, "the network has layers 1 to 2" },
  { "network 1 2 1\nset W1[1][0] 1\nvariant \"a\" network 1 1 1\n", 3, 13,
    "variant \"a\": W1[1][0]" },
  { "variant \"1\"\nvariant \"2\"\nvariant \"3\"\nvariant \"4\"\n"
    "variant \"5\"\nvariant \"6\"\nvariant \"7\"\n", 7, 9,
    "too many variants (at most 6)" },
  { "data csv \"a.csv\"\nvariant \"a\" data csv \"b.csv\"\n", 2, 13,
    "the scene's data file" },
};

START_TEST (test_bad_variant)
{
  const bad_case *c = &bad[_i];
  rs_scene *sc = new_scene ();
  rs_error err;
  int rc = rs_scene_parse (sc, c->text, strlen (c->text), "bad.scene", &err);

  ck_assert_int_ne (rc, RS_OK);
  ck_assert_str_eq (err.file, "bad.scene");
  ck_assert_msg (err.line == c->line && err.col == c->col
                 && strstr (err.message, c->says) != NULL,
                 "%s: got %d:%d: %s", c->text, err.line, err.col,
                 err.message);
  free (sc);
}
END_TEST

/* The canonical form prints every variant's lines, reads back as the
 * same scene, and prints again the same. */
START_TEST (test_round_trip)
{
  static const char text[] =
    "variant \"b \\\"quoted\\\" \\\\ name\" optimizer adam betas 0.8 0.99\n"
    "variant \"a\"\n"
    "variant \"b \\\"quoted\\\" \\\\ name\" expect end loss below 9\n";
  rs_scene *sc = new_scene (), *back = new_scene ();
  size_t n;
  char *t1, *t2;

  parse_ok (sc, text);
  n = rs_scene_format (sc, NULL, 0) + 1;
  t1 = malloc (n);
  t2 = malloc (n + 64);
  ck_assert_ptr_nonnull (t1);
  ck_assert_ptr_nonnull (t2);
  rs_scene_format (sc, t1, n);
  ck_assert_ptr_nonnull (strstr (t1, "variant \"a\"\n"));
  ck_assert_ptr_nonnull (strstr (t1, "variant \"b \\\"quoted\\\" \\\\ name\" "
                                     "optimizer adam betas 0.8 0.99\n"));
  parse_ok (back, t1);
  ck_assert (rs_scene_equal (sc, back));
  rs_scene_format (back, t2, n + 64);
  ck_assert_str_eq (t1, t2);
  /* and a different variant is a different scene */
  parse_ok (back, "variant \"a\"\n");
  ck_assert (!rs_scene_equal (sc, back));
  free (t1);
  free (t2);
  free (back);
  free (sc);
}
END_TEST

/* Two variants that run the same (a name misspelt on one line) are
 * warned about, at the second one's name; a variant with the same
 * setting but its own claims is not another run. */
START_TEST (test_same_run_warned)
{
  static const char text[] =
    "variant \"kink 1\" kink 1\n"
    "variant \"kink 0\"\n"
    "variant \"kink 0\" expect end loss below 9\n"
    "variant \"kink0\" expect at 1 w 1\n"              /* line 4 */
    "variant \"also 1\" kink 1\n";                     /* line 5 */
  rs_scene *sc = new_scene ();
  rs_scene_report rep;

  ck_assert_int_eq (rs_scene_parse_report (sc, text, strlen (text), "w",
                                           &rep), RS_OK);
  ck_assert_uint_eq (rep.nwarn, 2);
  ck_assert_int_eq (rep.w[0].line, 4);
  ck_assert_int_eq (rep.w[0].col, 9);
  ck_assert_ptr_nonnull (strstr (rep.w[0].message, "\"kink0\" runs the "
                                 "same as variant \"kink 0\""));
  ck_assert_int_eq (rep.w[1].line, 5);
  ck_assert_ptr_nonnull (strstr (rep.w[1].message, "\"kink 1\""));
  free (sc);
}
END_TEST

/* Which keywords a variant may set: the run's, not the figure's. */
START_TEST (test_keyword_varies)
{
  ck_assert_int_eq (rs_scene_keyword_varies ("kink"), 1);
  ck_assert_int_eq (rs_scene_keyword_varies ("decay"), 1);
  ck_assert_int_eq (rs_scene_keyword_varies ("expect"), 1);
  ck_assert_int_eq (rs_scene_keyword_varies ("title"), 0);
  ck_assert_int_eq (rs_scene_keyword_varies ("export"), 0);
  ck_assert_int_eq (rs_scene_keyword_varies ("variant"), 0);
  ck_assert_int_eq (rs_scene_keyword_varies ("nonsense"), 0);
}
END_TEST

static Suite *
variant_suite (void)
{
  Suite *s = suite_create ("variant");
  TCase *core = tcase_create ("Core");
  TCase *errors = tcase_create ("Errors");

  tcase_add_test (core, test_variant_lines);
  tcase_add_test (core, test_variant_scene);
  tcase_add_test (core, test_variant_is_set);
  tcase_add_test (core, test_compose);
  tcase_add_test (core, test_shared_start);
  tcase_add_test (core, test_round_trip);
  tcase_add_test (core, test_keyword_varies);
  tcase_add_test (core, test_same_run_warned);
  tcase_add_loop_test (errors, test_bad_variant, 0,
                       (int) (sizeof bad / sizeof bad[0]));
  suite_add_tcase (s, core);
  suite_add_tcase (s, errors);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (variant_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
