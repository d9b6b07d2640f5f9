/* check_doc.c: the documentation keeps up with the code: every keyword of
 * the scene parser's table is described in doc/reluscape-scene.5. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <reluscape/reluscape.h>

static char *page;

/* The man page's text, read once. */
static void
setup (void)
{
  FILE *f = fopen (RS_TOP_SRCDIR "/doc/reluscape-scene.5", "rb");
  size_t n;

  ck_assert_ptr_nonnull (f);
  page = calloc (1, 1 << 20);
  ck_assert_ptr_nonnull (page);
  n = fread (page, 1, (1 << 20) - 1, f);
  page[n] = '\0';
  fclose (f);
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

static Suite *
doc_suite (void)
{
  Suite *s = suite_create ("doc");
  TCase *tc = tcase_create ("Core");
  size_t n = 0;

  while (rs_scene_keyword_get (n) != NULL)
    n++;
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_loop_test (tc, test_keyword_documented, 0, (int) n);
  tcase_add_test (tc, test_table_shape);
  suite_add_tcase (s, tc);
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
