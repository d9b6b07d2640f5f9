/* app_util.h: driving the app in the tests, under SDL's dummy video
 * driver: scenes, apps, frames of simulated time, keys and clicks
 * through SDL's event queue, and the point the app shows. */
#ifndef RS_TEST_APP_UTIL_H
#define RS_TEST_APP_UTIL_H

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include <check.h>
#include <glib.h>

#include "app/app.h"
#include "cli/cli.h"

/* The built-in scene (scenes/plateau.scene). */
static inline void
load_scene (rs_scene *sc)
{
  rs_error err;

  ck_assert_msg (rs_scene_parse (sc, rs_builtin_scene, rs_builtin_scene_len,
                                 CLI_BUILTIN_NAME, &err) == RS_OK,
                 "built-in scene: %s", err.message);
}

/* A scene file of scenes/. */
static inline void
load_scene_file (const char *name, rs_scene *sc)
{
  char path[512];

  snprintf (path, sizeof path, "%s/scenes/%s", RS_TOP_SRCDIR, name);
  ck_assert_int_eq (cli_load_scene (path, sc), CLI_OK);
}

/* An app on sc with options o, its first figure drawn; fails the test
 * when it cannot be made. */
static inline rs_app *
app_new (const rs_scene *sc, const rs_app_options *o)
{
  rs_error err;
  rs_app *a;

  rs_error_clear (&err);
  a = rs_app_alloc (sc, o, &err);
  ck_assert_msg (a != NULL, "rs_app_alloc: %s", err.message);
  /* a figure is made off the main thread, also the first one: the tests
     start from it */
  rs_app_wait_landscape (a);
  return a;
}

/* n frames of dt seconds each, events handled before each as in the
 * app's loop. */
static inline void
frames (rs_app *a, int n, double dt)
{
  for (int i = 0; i < n; i++)
    {
      rs_app_poll (a);
      rs_app_advance (a, dt);
    }
}

/* Press key with modifiers mod (KMOD_SHIFT) through SDL's queue and let
 * the app handle it. */
static inline void
press_mod (rs_app *a, SDL_Keycode key, Uint16 mod)
{
  SDL_Event e;

  memset (&e, 0, sizeof e);
  e.type = SDL_KEYDOWN;
  e.key.state = SDL_PRESSED;
  e.key.keysym.sym = key;
  e.key.keysym.mod = mod;
  e.key.keysym.scancode = SDL_GetScancodeFromKey (key);
  ck_assert_int_eq (SDL_PushEvent (&e), 1);
  rs_app_poll (a);
}

static inline void
press (rs_app *a, SDL_Keycode key)
{
  press_mod (a, key, 0);
}

/* A left click at window pixel (x, y) through SDL's event queue. */
static inline void
click (rs_app *a, int x, int y)
{
  SDL_Event e;

  memset (&e, 0, sizeof e);
  e.type = SDL_MOUSEBUTTONDOWN;
  e.button.button = SDL_BUTTON_LEFT;
  e.button.state = SDL_PRESSED;
  e.button.clicks = 1;
  e.button.x = x;
  e.button.y = y;
  ck_assert_int_eq (SDL_PushEvent (&e), 1);
  rs_app_poll (a);
}

/* The recorded point the app shows, and its step. */
static inline const rs_sim_point *
shown_point (const rs_app *a)
{
  return rs_sim_recorded (rs_app_sim (a), rs_app_shown (a));
}

static inline size_t
steps (const rs_app *a)
{
  return shown_point (a)->step;
}

/* The indices of the weight and bias of the unit the default landscape
 * of sim's figure is over (rs_sim_focus_unit: net-dead's first unit to
 * die). */
static inline void
focus_indices (const rs_sim *sim, size_t *iu, size_t *iv)
{
  const rs_net *net = rs_sim_net (sim);
  rs_sim_focus f;

  ck_assert_int_eq (rs_sim_focus_unit (sim, NULL, &f, NULL), RS_OK);
  *iu = rs_net_w_index (net, f.unit.layer, f.unit.unit, f.input);
  *iv = rs_net_b_index (net, f.unit.layer, f.unit.unit);
}

/* Run the tests of suite s with no display (SDL's dummy driver, set
 * before SDL starts), any critical of GLib fatal: the exit status of a
 * test program. */
static inline int
app_tests_run (Suite *s)
{
  SRunner *sr;
  int failed;

  setenv ("SDL_VIDEODRIVER", "dummy", 1);
  setenv ("SDL_AUDIODRIVER", "dummy", 1);
  /* a critical of GLib or Pango (a negative font size ...) aborts the
     test that prints it: it is a bug of the drawing */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL);
  sr = srunner_create (s);
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif /* RS_TEST_APP_UTIL_H */
