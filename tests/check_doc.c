/* check_doc.c: the documentation keeps up with the code: every keyword of
 * the scene parser's table is described in doc/reluscape-scene.5, every
 * family of the library (activations, initialisers, data generators,
 * losses) in doc/libreluscape.3, whose example is doc/example_net.c. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <reluscape/reluscape.h>

static char *page;

/* A file of the source tree as a string (at most 1 MiB). */
static char *
slurp (const char *name)
{
  char path[512];
  FILE *f;
  char *text;
  size_t n;

  snprintf (path, sizeof path, "%s/%s", RS_TOP_SRCDIR, name);
  f = fopen (path, "rb");
  ck_assert_msg (f != NULL, "cannot open %s", path);
  text = calloc (1, 1 << 20);
  ck_assert_ptr_nonnull (text);
  n = fread (text, 1, (1 << 20) - 1, f);
  text[n] = '\0';
  fclose (f);
  return text;
}

/* The scene page, read once per test. */
static void
setup (void)
{
  page = slurp ("doc/reluscape-scene.5");
}

/* The library page. */
static void
setup_lib (void)
{
  page = slurp ("doc/libreluscape.3");
}

static void
teardown (void)
{
  free (page);
}

/* Each keyword heads an entry of the page: a line .BI "NAME ..." */
START_TEST (test_keyword_documented)
{
  const rs_scene_keyword *k = rs_scene_keyword_get ((size_t) _i);
  char entry[96];

  ck_assert_ptr_nonnull (k);
  snprintf (entry, sizeof entry, "\n.BI \"%s ", k->name);
  ck_assert_msg (strstr (page, entry) != NULL,
                 "keyword '%s' is missing from doc/reluscape-scene.5",
                 k->name);
}
END_TEST

/* Each quantity of a claim is named in the page's list of them, in bold
 * (".BR loss ", ".BI \"layer-gnorm ", ".BI alive"); a parameter is
 * written by its own name, which the list shows as W1[0][1]. */
START_TEST (test_quantities_documented)
{
  static const char *const forms[] = {
    ".B %s\n", ".BR %s ", ".BI \"%s ", ".BI %s ", "\" %s\n", "\" %s \"",
    ".IB \"%s\""
  };

  for (size_t i = 0; rs_expect_quantity_get (i) != NULL; i++)
    {
      const char *name = rs_expect_quantity_get (i)->name;
      int found = 0;

      if (strcmp (name, "param") == 0)
        name = "W1[0][1]";
      for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++)
        {
          char w[96];

          snprintf (w, sizeof w, forms[f], name);
          found |= strstr (page, w) != NULL;
        }
      ck_assert_msg (found, "quantity '%s' is missing from "
                     "doc/reluscape-scene.5", name);
    }
}
END_TEST

/* The table ends, and its names are unique. */
START_TEST (test_table_shape)
{
  size_t n = 0;

  while (rs_scene_keyword_get (n) != NULL)
    n++;
  ck_assert_uint_ge (n, 10);
  for (size_t i = 0; i < n; i++)
    for (size_t j = i + 1; j < n; j++)
      ck_assert_str_ne (rs_scene_keyword_get (i)->name,
                        rs_scene_keyword_get (j)->name);
}
END_TEST

/* Every activation heads a row of the page's table ("name<TAB>..."). */
START_TEST (test_activations_documented)
{
  for (size_t i = 0; rs_act_types[i] != NULL; i++)
    {
      char row[64];

      snprintf (row, sizeof row, "\n%s\t", rs_act_types[i]->name);
      ck_assert_msg (strstr (page, row) != NULL,
                     "activation %s is missing from doc/libreluscape.3",
                     rs_act_types[i]->name);
    }
}
END_TEST

/* Every initialiser, loss, optimiser and schedule is named by its symbol,
 * every data generator in bold. */
START_TEST (test_families_documented)
{
  char word[64];

  for (size_t i = 0; rs_init_types[i] != NULL; i++)
    {
      snprintf (word, sizeof word, "rs_init_%s", rs_init_types[i]->name);
      ck_assert_msg (strstr (page, word) != NULL, "%s is not documented",
                     word);
    }
  for (size_t i = 0; rs_loss_types[i] != NULL; i++)
    {
      snprintf (word, sizeof word, "rs_loss_%s", rs_loss_types[i]->name);
      ck_assert_msg (strstr (page, word) != NULL, "%s is not documented",
                     word);
    }
  for (size_t i = 0; rs_optim_types[i] != NULL; i++)
    {
      snprintf (word, sizeof word, "rs_optim_%s", rs_optim_types[i]->name);
      ck_assert_msg (strstr (page, word) != NULL, "%s is not documented",
                     word);
    }
  for (size_t i = 0; rs_sched_types[i] != NULL; i++)
    {
      snprintf (word, sizeof word, "rs_sched_%s", rs_sched_types[i]->name);
      ck_assert_msg (strstr (page, word) != NULL, "%s is not documented",
                     word);
    }
  for (size_t i = 0; rs_data_gens[i] != NULL; i++)
    {
      char alone[64];

      /* ".B name" alone on its line, or ".BR name ," before punctuation */
      snprintf (alone, sizeof alone, "B %s\n", rs_data_gens[i]->name);
      snprintf (word, sizeof word, "BR %s ", rs_data_gens[i]->name);
      ck_assert_msg (strstr (page, alone) != NULL
                     || strstr (page, word) != NULL,
                     "generator %s is not documented",
                     rs_data_gens[i]->name);
    }
}
END_TEST

/* The page's EXAMPLE, with roff's escapes undone, is doc/example_net.c
 * from its first #include on: the example a reader copies is the one that
 * make check builds and runs. */
START_TEST (test_example_matches)
{
  char *file = slurp ("doc/example_net.c");
  const char *start = strstr (page, ".in +2\n"), *end;
  const char *code = strstr (file, "#include");
  char *shown;
  size_t k = 0;

  ck_assert_ptr_nonnull (start);
  ck_assert_ptr_nonnull (code);
  start += strlen (".in +2\n");
  end = strstr (start, "\n.in\n");
  ck_assert_ptr_nonnull (end);
  shown = calloc (1, (size_t) (end - start) + 2);
  ck_assert_ptr_nonnull (shown);
  for (const char *p = start; p < end; p++)
    {
      if (p[0] == '\\' && (p[1] == 'e' || p[1] == '-'))
        shown[k++] = p[1] == 'e' ? '\\' : '-', p++;
      else
        shown[k++] = *p;
    }
  shown[k++] = '\n';
  ck_assert_str_eq (shown, code);
  free (shown);
  free (file);
}
END_TEST

static Suite *
doc_suite (void)
{
  Suite *s = suite_create ("doc");
  TCase *tc = tcase_create ("Core");
  TCase *lib = tcase_create ("Library");
  size_t n = 0;

  while (rs_scene_keyword_get (n) != NULL)
    n++;
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_loop_test (tc, test_keyword_documented, 0, (int) n);
  tcase_add_test (tc, test_table_shape);
  tcase_add_test (tc, test_quantities_documented);
  suite_add_tcase (s, tc);

  tcase_add_checked_fixture (lib, setup_lib, teardown);
  tcase_add_test (lib, test_activations_documented);
  tcase_add_test (lib, test_families_documented);
  tcase_add_test (lib, test_example_matches);
  suite_add_tcase (s, lib);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (doc_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
