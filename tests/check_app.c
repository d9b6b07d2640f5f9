/* check_app.c: the interactive app (C4, C5, C8, C11) under SDL's dummy
 * video driver, driven by pushed events and simulated seconds.
 *
 * Expected values come from the scene (its start, its speed in steps per
 * second, so that t seconds make floor (t * speed) steps), from the
 * dead-region formula b <= -|w| for data on [-1, 1] (w x + b <= 0 at both
 * ends x = -1 and x = 1), and from the pixel mapping of draw.h. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "app.h"
#include "cli.h"
#include "draw.h"

/* An unround window size, so that a swapped width and height show. */
#define WIN_W 913
#define WIN_H 587

static rs_scene scene;
static rs_app *app;

/* The built-in scene (scenes/plateau.scene). */
static void
load_scene (rs_scene *sc)
{
  rs_error err;

  ck_assert_msg (rs_scene_parse (sc, rs_builtin_scene, rs_builtin_scene_len,
                                 CLI_BUILTIN_NAME, &err) == RS_OK,
                 "built-in scene: %s", err.message);
}

/* An app on sc with options o; fails the test when it cannot be made. */
static rs_app *
app_new (const rs_scene *sc, const rs_app_options *o)
{
  rs_error err;
  rs_app *a;

  rs_error_clear (&err);
  a = rs_app_alloc (sc, o, &err);
  ck_assert_msg (a != NULL, "rs_app_alloc: %s", err.message);
  return a;
}

/* The Script cases' fixture: the built-in scene, no app. */
static void
load_scene_fixture (void)
{
  load_scene (&scene);
}

/* The Core cases' fixture: an app on the built-in scene. */
static void
setup (void)
{
  rs_app_options o;

  load_scene (&scene);
  rs_app_options_default (&o);
  o.width = WIN_W;
  o.height = WIN_H;
  app = app_new (&scene, &o);
}

static void
teardown (void)
{
  rs_app_free (app);
  app = NULL;
}

/* n frames of dt seconds each, events handled before each as in the
 * app's loop. */
static void
frames (rs_app *a, int n, double dt)
{
  for (int i = 0; i < n; i++)
    {
      rs_app_poll (a);
      rs_app_advance (a, dt);
    }
}

/* Press key through SDL's event queue and let the app handle it. */
static void
press (rs_app *a, SDL_Keycode key)
{
  SDL_Event e;

  memset (&e, 0, sizeof e);
  e.type = SDL_KEYDOWN;
  e.key.state = SDL_PRESSED;
  e.key.keysym.sym = key;
  e.key.keysym.scancode = SDL_GetScancodeFromKey (key);
  ck_assert_int_eq (SDL_PushEvent (&e), 1);
  rs_app_poll (a);
}

/* A left click at window pixel (x, y) through SDL's event queue. */
static void
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

/* The neuron of the fixture's run, and the steps an app's run took. */
static const rs_neuron *
neuron (void)
{
  return rs_sim_neuron (rs_app_sim (app));
}

static size_t
steps (const rs_app *a)
{
  return rs_sim_step_count (rs_app_sim (a));
}

/* Let the ball roll onto the plateau: the scene's story says it dies
 * after about 8 steps; 6.1 s at 8 steps a second make 48. */
static void
roll_until_stuck (void)
{
  frames (app, 366, 1.0 / 60.0);
}

/* ---- Core --------------------------------------------------------------- */

/* (a) Unpaused, the ball rolls and stops on the plateau: the run is
 * stuck, the neuron active on no point, and (w, b) in the dead region
 * b <= -|w| of data on [-1, 1]. */
START_TEST (test_rolls_onto_plateau)
{
  const rs_data *d = rs_sim_data (rs_app_sim (app));
  size_t n = (size_t) floor (366 / 60.0 * scene.speed);
  double w, b, bw, bb;

  ck_assert_double_eq (d->x[0], -1.0);
  ck_assert_double_eq (d->x[d->n - 1], 1.0);
  roll_until_stuck ();
  ck_assert_int_eq (steps (app), n);
  w = neuron ()->w;
  b = neuron ()->b;
  ck_assert_int_eq (rs_sim_test (rs_app_sim (app)), RS_SIM_STUCK);
  ck_assert_int_eq (rs_sim_current (rs_app_sim (app))->active, 0);
  ck_assert (b <= -fabs (w));
  ck_assert (b <= rs_neuron_dead_bias (w, d));
  ck_assert (rs_sim_stuck_since (rs_app_sim (app)) != (size_t) -1);
  /* the gradient is exactly 0: more time moves nothing, the ball drawn
     included, although the run goes on counting steps */
  frames (app, 139, 1.0 / 60.0);
  ck_assert_int_gt (steps (app), n);
  ck_assert_double_eq (neuron ()->w, w);
  ck_assert_double_eq (neuron ()->b, b);
  rs_app_ball (app, &bw, &bb);
  ck_assert_double_eq (bw, w);
  ck_assert_double_eq (bb, b);
}
END_TEST

/* (b) Space pauses: 2 s pass without a step; a second Space resumes. */
START_TEST (test_space_pauses)
{
  size_t n;
  double w, b;

  frames (app, 17, 1.0 / 60.0);
  press (app, SDLK_SPACE);
  ck_assert (rs_app_paused (app));
  n = steps (app);
  w = neuron ()->w;
  b = neuron ()->b;
  frames (app, 120, 1.0 / 60.0);
  ck_assert_int_eq (steps (app), n);
  ck_assert_double_eq (neuron ()->w, w);
  ck_assert_double_eq (neuron ()->b, b);
  press (app, SDLK_SPACE);
  ck_assert (!rs_app_paused (app));
  frames (app, 77, 1.0 / 60.0);
  ck_assert_int_gt (steps (app), n);
}
END_TEST

/* (c) On the plateau, L switches to Leaky ReLU: the plateau tilts, the
 * ball leaves the dead region and the neuron comes alive (C8); L again
 * gives back ReLU. */
START_TEST (test_leaky_frees_the_ball)
{
  const rs_sim_point *pt;

  roll_until_stuck ();
  ck_assert (!rs_app_leaky (app));
  press (app, SDLK_l);
  ck_assert (rs_app_leaky (app));
  ck_assert_ptr_eq (neuron ()->act, rs_act_leaky_relu);
  ck_assert_double_eq (neuron ()->alpha, scene.sim.alpha);
  frames (app, 750, 1.0 / 60.0);
  pt = rs_sim_current (rs_app_sim (app));
  ck_assert (neuron ()->b > -fabs (neuron ()->w));
  ck_assert_int_gt (pt->active, 0);
  ck_assert_int_ne (rs_sim_test (rs_app_sim (app)), RS_SIM_STUCK);
  press (app, SDLK_l);
  ck_assert (!rs_app_leaky (app));
  ck_assert_ptr_eq (neuron ()->act, scene.sim.act);
}
END_TEST

/* (d) K kicks the ball off its resting place, at once (C11). */
START_TEST (test_kick_moves_the_ball)
{
  double w, b, bw, bb;

  roll_until_stuck ();
  w = neuron ()->w;
  b = neuron ()->b;
  press (app, SDLK_k);
  ck_assert (neuron ()->w != w);
  ck_assert (neuron ()->b != b);
  ck_assert (rs_sim_current (rs_app_sim (app))->events & RS_EVENT_KICK);
  rs_app_ball (app, &bw, &bb);
  ck_assert_double_eq (bw, neuron ()->w);
  ck_assert_double_eq (bb, neuron ()->b);
}
END_TEST

/* (e) R returns to the scene's start and activation, at step 0. */
START_TEST (test_reset)
{
  frames (app, 199, 1.0 / 60.0);
  press (app, SDLK_l);
  press (app, SDLK_r);
  ck_assert_int_eq (steps (app), 0);
  ck_assert_double_eq (neuron ()->w, scene.sim.w0);
  ck_assert_double_eq (neuron ()->b, scene.sim.b0);
  ck_assert_ptr_eq (neuron ()->act, scene.sim.act);
  ck_assert (!rs_app_leaky (app));
}
END_TEST

/* (f) A click on the plot restarts from the (w, b) under the pointer,
 * within half a pixel's worth of w and b; a click outside does not. */
START_TEST (test_click_restarts)
{
  const double w = 1.237, b = -0.813;
  int ow, oh;
  rs_rect plot;
  double px, py;
  size_t n;

  rs_app_output_size (app, &ow, &oh);
  ck_assert_int_eq (ow, WIN_W);
  ck_assert_int_eq (oh, WIN_H);
  plot = rs_draw_plot_rect (ow, oh);
  rs_draw_map (&scene, plot, w, b, &px, &py);
  frames (app, 41, 1.0 / 60.0);
  click (app, (int) floor (px), (int) floor (py));
  ck_assert_int_eq (steps (app), 0);
  ck_assert_double_le (fabs (neuron ()->w - w), 0.5 * (scene.w_range.hi
                       - scene.w_range.lo) / plot.width);
  ck_assert_double_le (fabs (neuron ()->b - b), 0.5 * (scene.b_range.hi
                       - scene.b_range.lo) / plot.height);
  frames (app, 23, 1.0 / 60.0);
  n = steps (app);
  ck_assert_int_gt (n, 0);
  click (app, (int) plot.x / 2, (int) plot.y / 2);
  ck_assert_int_eq (steps (app), n);
}
END_TEST

/* (g) Q, Escape and the window's close button ask to quit. */
START_TEST (test_quit)
{
  SDL_Event e;

  ck_assert (!rs_app_quit_requested (app));
  if (_i == 0)
    press (app, SDLK_q);
  else if (_i == 1)
    press (app, SDLK_ESCAPE);
  else
    {
      memset (&e, 0, sizeof e);
      e.type = SDL_QUIT;
      rs_app_handle_event (app, &e);
    }
  ck_assert (rs_app_quit_requested (app));
}
END_TEST

/* H shows and hides the help. */
START_TEST (test_help)
{
  ck_assert (!rs_app_help_shown (app));
  press (app, SDLK_h);
  ck_assert (rs_app_help_shown (app));
  press (app, SDLK_h);
  ck_assert (!rs_app_help_shown (app));
}
END_TEST

/* (h) The run does not depend on the frame rate: 3 s as 180 frames of
 * 1/60 s or as 90 of 1/30 s make the same floor (3 * speed) steps and
 * end at the very same (w, b). */
START_TEST (test_frame_rate_independent)
{
  rs_app_options o;
  rs_app *other;

  rs_app_options_default (&o);
  other = app_new (&scene, &o);
  frames (app, 180, 1.0 / 60.0);
  frames (other, 90, 1.0 / 30.0);
  ck_assert_int_eq (steps (app), (size_t) floor (3.0 * scene.speed));
  ck_assert_int_eq (steps (other), steps (app));
  ck_assert_double_eq (rs_sim_neuron (rs_app_sim (other))->w, neuron ()->w);
  ck_assert_double_eq (rs_sim_neuron (rs_app_sim (other))->b, neuron ()->b);
  rs_app_free (other);
}
END_TEST

/* After a stall the ball does not race to catch up: one call counts at
 * most 0.25 s, floor (0.25 * speed) steps. */
START_TEST (test_stall_is_clamped)
{
  rs_app_advance (app, 3.7);
  ck_assert_int_eq (steps (app), (size_t) floor (0.25 * scene.speed));
}
END_TEST

/* Between steps the ball is drawn on the segment from the previous point
 * to the current one, at the fraction of the step period that passed. */
START_TEST (test_ball_interpolates)
{
  const rs_sim_point *p0, *p1;
  double w, b, t;

  /* 1.5 steps' worth: one step taken, half of the next period passed */
  frames (app, 1, 1.5 / scene.speed);
  ck_assert_int_eq (steps (app), 1);
  p0 = rs_sim_recorded (rs_app_sim (app), 0);
  p1 = rs_sim_current (rs_app_sim (app));
  rs_app_ball (app, &w, &b);
  t = 0.5;
  ck_assert_double_eq_tol (w, p0->w + t * (p1->w - p0->w), 1e-12);
  ck_assert_double_eq_tol (b, p0->b + t * (p1->b - p0->b), 1e-12);
}
END_TEST

/* (i) The picture reaches the renderer: not one colour, white around
 * the figure, and red (not blue: the pixel format is right) at the ball. */
START_TEST (test_pixels)
{
  int w, h, pitch;
  Uint32 *px, first, ball;
  size_t differ = 0;
  double bx, by, bw, bb;
  rs_error err;

  rs_app_output_size (app, &w, &h);
  pitch = 4 * w;
  px = malloc ((size_t) pitch * (size_t) h);
  ck_assert_ptr_nonnull (px);
  ck_assert_int_eq (rs_app_render (app, &err), 0);
  ck_assert_msg (rs_app_read_pixels (app, px, pitch, &err) == 0, "%s",
                 err.message);
  first = px[0];
  for (int i = 0; i < w * h; i++)
    differ += px[i] != first;
  ck_assert_int_gt (differ, (size_t) (w * h) / 4);
  ck_assert_uint_eq (first & 0xffffff, 0xffffff);
  rs_app_ball (app, &bw, &bb);
  rs_draw_map (&scene, rs_draw_plot_rect (w, h), bw, bb, &bx, &by);
  ball = px[(int) by * w + (int) bx];
  ck_assert_uint_gt ((ball >> 16) & 0xff, 2 * ((ball >> 8) & 0xff));
  ck_assert_uint_gt ((ball >> 16) & 0xff, 2 * (ball & 0xff));
  free (px);
}
END_TEST

/* ---- Script ------------------------------------------------------------ */

/* (j) A script drives the loop: a pause at frame 37, the help, a PNG
 * screenshot, quit at frame 45.  Every scripted frame is 1/60 s, so the
 * 37 frames before the pause make floor (37 / 60 * speed) steps. */
START_TEST (test_script_runs)
{
  char dir[] = "/tmp/check_app.XXXXXX", path[256], text[512];
  unsigned char sig[8];
  rs_app_options o;
  rs_app_script *s;
  rs_app *a;
  rs_error err;
  FILE *f;

  ck_assert_ptr_nonnull (mkdtemp (dir));
  snprintf (path, sizeof path, "%s/shot.png", dir);
  snprintf (text, sizeof text, "# a test\n37 key space\n40 key h # help\n"
            "41 screenshot %s\n45 quit\n50 key k\n", path);
  s = rs_app_script_parse (text, strlen (text), "test.script", &err);
  ck_assert_msg (s != NULL, "%s", err.message);
  ck_assert_int_eq (rs_app_script_length (s), 5);
  rs_app_options_default (&o);
  o.width = 640;
  o.height = 400;
  o.script = s;
  a = app_new (&scene, &o);
  ck_assert_msg (rs_app_run (a, &err) == 0, "%s", err.message);
  ck_assert_uint_eq (rs_app_frame (a), 45);
  ck_assert (rs_app_quit_requested (a));
  ck_assert (rs_app_paused (a));
  ck_assert (rs_app_help_shown (a));
  ck_assert_int_eq (steps (a), (size_t) floor (37 / 60.0 * scene.speed));
  f = fopen (path, "rb");
  ck_assert_ptr_nonnull (f);
  ck_assert_int_eq (fread (sig, 1, 8, f), 8);
  fclose (f);
  ck_assert_mem_eq (sig, "\x89PNG\r\n\x1a\n", 8);
  unlink (path);
  rmdir (dir);
  rs_app_free (a);
  rs_app_script_free (s);
}
END_TEST

/* A script's click lands where (w, b) is drawn; --frames stops the loop. */
START_TEST (test_script_click_and_frames)
{
  static const char text[] = "2 click -1.713 2.281\r\n";
  rs_app_options o;
  rs_app_script *s;
  rs_app *a;
  rs_error err;
  rs_rect plot;

  s = rs_app_script_parse (text, strlen (text), "click.script", &err);
  ck_assert_msg (s != NULL, "%s", err.message);
  rs_app_options_default (&o);
  o.width = WIN_W;
  o.height = WIN_H;
  o.script = s;
  o.frames = 3;
  a = app_new (&scene, &o);
  ck_assert_msg (rs_app_run (a, &err) == 0, "%s", err.message);
  ck_assert_uint_eq (rs_app_frame (a), 3);
  plot = rs_draw_plot_rect (WIN_W, WIN_H);
  ck_assert_int_eq (steps (a), 0);
  ck_assert_double_le (fabs (rs_sim_recorded (rs_app_sim (a), 0)->w + 1.713),
                       0.5 * 6.0 / plot.width);
  ck_assert_double_le (fabs (rs_sim_recorded (rs_app_sim (a), 0)->b - 2.281),
                       0.5 * 6.0 / plot.height);
  rs_app_free (a);
  rs_app_script_free (s);
}
END_TEST

/* Comments, blank lines and CRLF line ends. */
START_TEST (test_script_comments)
{
  static const char text[] = "# only comments\n\n   \t\n# and\r\n"
                             "12 key L   # upper case\r\n";
  rs_error err;
  rs_app_script *s = rs_app_script_parse (text, strlen (text), "c", &err);

  ck_assert_msg (s != NULL, "%s", err.message);
  ck_assert_int_eq (rs_app_script_length (s), 1);
  rs_app_script_free (s);
}
END_TEST

/* ---- Errors ------------------------------------------------------------ */

/* Bad scripts, each with the line, the column and words of its message. */
static const struct {
  const char *text;
  int line;
  int col;
  const char *words;
} bad_scripts[] = {
  { "10 kye space\n", 1, 4, "unknown action 'kye'" },
  { "# c\n5 key space\n3 quit\n", 3, 1, "frames may not decrease" },
  { "x key space", 1, 1, "frame number" },
  { "-3 quit", 1, 1, "frame number" },
  { "7 key f1", 1, 7, "unknown key 'f1'" },
  { "7 click 0.5", 1, 3, "needs 2 values" },
  { "7 click 0.5 zz", 1, 13, "expected a number" },
  { "7 click 0.5 nan", 1, 13, "expected a number" },
  { "7 screenshot out.bmp", 1, 14, ".png, .pdf or .svg" },
  { "7 quit now", 1, 8, "unexpected 'now'" },
  { "7 resize 10x10", 1, 10, "WxH" },
  { "\n\n  7", 3, 4, "expected an action" },
  { "1 a b c d e f g h", 1, 17, "too many values" }
};

START_TEST (test_script_errors)
{
  rs_error err;
  rs_app_script *s;
  const char *t = bad_scripts[_i].text;

  rs_error_clear (&err);
  s = rs_app_script_parse (t, strlen (t), "bad.script", &err);
  ck_assert_ptr_null (s);
  ck_assert_int_eq (err.code, RS_ESYNTAX);
  ck_assert_str_eq (err.file, "bad.script");
  ck_assert_int_eq (err.line, bad_scripts[_i].line);
  ck_assert_int_eq (err.col, bad_scripts[_i].col);
  ck_assert_msg (strstr (err.message, bad_scripts[_i].words) != NULL,
                 "'%s' lacks '%s'", err.message, bad_scripts[_i].words);
}
END_TEST

START_TEST (test_script_unreadable)
{
  rs_error err;

  rs_error_clear (&err);
  ck_assert_ptr_null (rs_app_script_load ("/nonexistent/x.script", &err));
  ck_assert_int_eq (err.code, RS_EIO);
  ck_assert_str_eq (err.file, "/nonexistent/x.script");
}
END_TEST

/* A scene the run refuses is reported before any window opens. */
START_TEST (test_bad_scene)
{
  rs_app_options o;
  rs_scene sc;
  rs_error err;

  load_scene (&sc);
  sc.sim.rate = -0.37;
  rs_app_options_default (&o);
  rs_error_clear (&err);
  ck_assert_ptr_null (rs_app_alloc (&sc, &o, &err));
  ck_assert_int_eq (err.code, RS_EINVAL);
  ck_assert (strstr (err.message, "rate") != NULL);
}
END_TEST

/* Without a usable video driver the app says so in one line and points
 * at `reluscape render`. */
START_TEST (test_no_display)
{
  rs_app_options o;
  rs_scene sc;
  rs_error err;

  setenv ("SDL_VIDEODRIVER", "no-such-driver", 1);
  load_scene (&sc);
  rs_app_options_default (&o);
  rs_error_clear (&err);
  ck_assert_ptr_null (rs_app_alloc (&sc, &o, &err));
  ck_assert (strstr (err.message, "no display available") != NULL);
  ck_assert (strstr (err.message, "reluscape render") != NULL);
  ck_assert (strchr (err.message, '\n') == NULL);
  setenv ("SDL_VIDEODRIVER", "dummy", 1);
}
END_TEST

START_TEST (test_free_null)
{
  rs_app_free (NULL);
  rs_app_script_free (NULL);
}
END_TEST

static Suite *
app_suite (void)
{
  Suite *s = suite_create ("app");
  TCase *tc = tcase_create ("Core");
  TCase *ts = tcase_create ("Script");
  TCase *te = tcase_create ("Errors");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_rolls_onto_plateau);
  tcase_add_test (tc, test_space_pauses);
  tcase_add_test (tc, test_leaky_frees_the_ball);
  tcase_add_test (tc, test_kick_moves_the_ball);
  tcase_add_test (tc, test_reset);
  tcase_add_test (tc, test_click_restarts);
  tcase_add_loop_test (tc, test_quit, 0, 3);
  tcase_add_test (tc, test_help);
  tcase_add_test (tc, test_frame_rate_independent);
  tcase_add_test (tc, test_stall_is_clamped);
  tcase_add_test (tc, test_ball_interpolates);
  tcase_add_test (tc, test_pixels);
  suite_add_tcase (s, tc);

  tcase_add_checked_fixture (ts, load_scene_fixture, NULL);
  tcase_add_test (ts, test_script_runs);
  tcase_add_test (ts, test_script_click_and_frames);
  tcase_add_test (ts, test_script_comments);
  suite_add_tcase (s, ts);

  tcase_add_loop_test (te, test_script_errors, 0,
                       (int) (sizeof bad_scripts / sizeof bad_scripts[0]));
  tcase_add_test (te, test_script_unreadable);
  tcase_add_test (te, test_bad_scene);
  tcase_add_test (te, test_no_display);
  tcase_add_test (te, test_free_null);
  suite_add_tcase (s, te);
  return s;
}

int
main (void)
{
  SRunner *sr;
  int failed;

  /* no display needed: SDL's dummy driver, set before SDL starts */
  setenv ("SDL_VIDEODRIVER", "dummy", 1);
  setenv ("SDL_AUDIODRIVER", "dummy", 1);
  sr = srunner_create (app_suite ());
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
