/* check_palette.c: one meaning per colour (src/draw/theme.c).
 *
 * The palette's entries differ pairwise by a clear step in colour; the
 * themes' named colours are the palette's own; every optimiser of the
 * library (rs_optim_types, not a list kept here) has a colour; and the
 * manual's table (reluscape(1), COLOURS) gives every entry the colours
 * the code has, as #rrggbb computed here from the numbers. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <reluscape/reluscape.h>

#include "draw/theme.h"

static double
distance (rs_rgb a, rs_rgb b)
{
  return sqrt ((a.r - b.r) * (a.r - b.r) + (a.g - b.g) * (a.g - b.g)
               + (a.b - b.b) * (a.b - b.b));
}

static int
same (rs_rgb a, rs_rgb b)
{
  return distance (a, b) < 1e-12;
}

/* Apart by at least 0.15 of the RGB cube's unit edge (38 levels of 255
 * along one axis): far enough to be told apart on a projector. */
START_TEST (test_distinct)
{
  for (int dark = 0; dark < 2; dark++)
    for (int a = 0; a < RS_HUE_N; a++)
      for (int b = 0; b < a; b++)
        ck_assert_msg (distance (rs_palette_colour ((rs_hue) a, dark),
                                 rs_palette_colour ((rs_hue) b, dark))
                       > 0.15, "%s and %s too alike (dark %d)",
                       rs_palette ((rs_hue) a)->name,
                       rs_palette ((rs_hue) b)->name, dark);
  ck_assert_ptr_null (rs_palette (RS_HUE_N));
}
END_TEST

START_TEST (test_themes_use_it)
{
  for (int dark = 0; dark < 2; dark++)
    {
      const rs_theme *t = dark ? rs_theme_dark () : rs_theme_light ();

      ck_assert (same (t->accent, rs_palette_colour (RS_HUE_LOSS, dark)));
      ck_assert (same (t->second, rs_palette_colour (RS_HUE_GRADIENT,
                                                     dark)));
      ck_assert (same (t->alive, rs_palette_colour (RS_HUE_ALIVE, dark)));
      ck_assert (same (t->dead, rs_palette_colour (RS_HUE_DEAD, dark)));
      ck_assert (same (t->event, rs_palette_colour (RS_HUE_KICK, dark)));
      for (int h = 0; h < RS_HUE_N; h++)
        ck_assert (same (rs_theme_hue (t, (rs_hue) h),
                         rs_palette_colour ((rs_hue) h, dark)));
    }
}
END_TEST

START_TEST (test_optimisers)
{
  size_t n = 0;
  int seen[RS_HUE_N] = { 0 };

  for (const rs_optim_type *const *t = rs_optim_types; *t != NULL; t++)
    {
      rs_hue h = rs_palette_optimiser ((*t)->name);

      ck_assert_msg (h != RS_HUE_N, "optimiser %s has no colour",
                     (*t)->name);
      ck_assert (h > RS_HUE_WARMING);
      ck_assert (!seen[h]);
      seen[h] = 1;
      n++;
    }
  ck_assert_uint_ge (n, 5);
  ck_assert_int_eq (rs_palette_optimiser ("sgd2"), RS_HUE_N);
  ck_assert_int_eq (rs_palette_optimiser (NULL), RS_HUE_N);
}
END_TEST

/* #rrggbb of c, rounded to 255 levels. */
static void
hex (rs_rgb c, char buf[8])
{
  snprintf (buf, 8, "#%02x%02x%02x", (int) lround (c.r * 255),
            (int) lround (c.g * 255), (int) lround (c.b * 255));
}

START_TEST (test_manual)
{
  char path[512], row[160], lo[8], hi[8];
  char *text = calloc (1, 1 << 20), *sec;
  FILE *f;

  snprintf (path, sizeof path, "%s/doc/reluscape.1", RS_TOP_SRCDIR);
  f = fopen (path, "rb");
  ck_assert_ptr_nonnull (f);
  ck_assert_ptr_nonnull (text);
  fread (text, 1, (1 << 20) - 1, f);
  fclose (f);
  sec = strstr (text, ".SH COLOURS");
  ck_assert_ptr_nonnull (sec);
  for (int h = 0; h < RS_HUE_N; h++)
    {
      hex (rs_palette_colour ((rs_hue) h, 0), lo);
      hex (rs_palette_colour ((rs_hue) h, 1), hi);
      snprintf (row, sizeof row, "\n%s\t%s\t%s\t", rs_palette ((rs_hue) h)
                ->name, lo, hi);
      ck_assert_msg (strstr (sec, row) != NULL, "reluscape.1 lacks %s",
                     row + 1);
    }
  free (text);
}
END_TEST

static Suite *
palette_suite (void)
{
  Suite *s = suite_create ("palette");
  TCase *tc = tcase_create ("Core");

  tcase_add_test (tc, test_distinct);
  tcase_add_test (tc, test_themes_use_it);
  tcase_add_test (tc, test_optimisers);
  tcase_add_test (tc, test_manual);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (palette_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
