/* scene_load.h: for the drawing tests, a scene file of scenes/ with
 * extra lines appended, parsed, and its run taken to the end; any
 * failure fails the test (load); or the same with the file's own view
 * lines left out (load_views), so that the test's views are the
 * figure's, in its order, whatever views the scene file shows.  And the
 * point render --at takes. */
#ifndef RS_SCENE_LOAD_H
#define RS_SCENE_LOAD_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <reluscape/reluscape.h>

/* Blank out (with spaces, keeping every line's place for messages) the
 * lines of text that start with "view ". */
static void
drop_views (char *text, size_t len)
{
  for (size_t i = 0; i < len; i++)
    if ((i == 0 || text[i - 1] == '\n') && len - i > 5
        && strncmp (text + i, "view ", 5) == 0)
      for (; i < len && text[i] != '\n'; i++)
        text[i] = ' ';
}

static void
load_text (const char *name, const char *extra, int own_views, rs_scene *sc,
           rs_sim **sim)
{
  char path[4096], *text, *all;
  size_t len;
  rs_error err;

  snprintf (path, sizeof path, "%s/scenes/%s", RS_TOP_SRCDIR, name);
  ck_assert_int_eq (rs_scene_read (path, &text, &len, &err), RS_OK);
  if (!own_views)
    drop_views (text, len);
  all = malloc (len + strlen (extra) + 2);
  ck_assert_ptr_nonnull (all);
  sprintf (all, "%.*s\n%s", (int) len, text, extra);
  ck_assert_msg (rs_scene_parse (sc, all, strlen (all), path, &err) == RS_OK,
                 "%s:%d:%d: %s", err.file, err.line, err.col, err.message);
  free (all);
  free (text);
  *sim = rs_sim_alloc (&sc->sim, &err);
  ck_assert_ptr_nonnull (*sim);
  ck_assert_int_eq (rs_sim_run (*sim), RS_OK);
}

static inline void
load (const char *name, const char *extra, rs_scene *sc, rs_sim **sim)
{
  load_text (name, extra, 1, sc, sim);
}

/* The views of extra only (and at least one must be there). */
static inline void
load_views (const char *name, const char *extra, rs_scene *sc, rs_sim **sim)
{
  load_text (name, extra, 0, sc, sim);
}

/* The recorded point of step (the last at or before it), as render --at
 * chooses it. */
static inline size_t
point_of (const rs_sim *sim, size_t step)
{
  size_t i = rs_sim_n_recorded (sim) - 1;

  while (i > 0 && rs_sim_recorded (sim, i)->step > step)
    i--;
  return i;
}

#endif /* RS_SCENE_LOAD_H */
