/* check_app.c: the interactive app (C4, C5, C8, C11) under SDL's dummy
 * video driver, driven by pushed events and simulated seconds.
 *
 * Expected values come from the scene (its start, its speed in steps per
 * second, so that t seconds make floor (t * speed) steps), from the
 * dead-region formula b <= -|w| for data on [-1, 1] (w x + b <= 0 at both
 * ends x = -1 and x = 1), and from the landscape's own pixel mapping
 * (rs_app_pixel_of).  check_app_keys.c holds every key on two scenes. */
#include <config.h>

#include <malloc.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "app/app.h"
#include "app_util.h"
#include "cli/cli.h"

/* An unround window size, so that a swapped width and height show. */
#define WIN_W 913
#define WIN_H 587

static rs_scene scene;
static rs_app *app;

#define N_KEYS(a) (sizeof (a) / sizeof (a)[0])

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

/* Let the ball roll onto the plateau: the scene's story says it dies
 * after about 8 steps; 6.1 s at 8 steps a second make 48. */
static void
roll_until_stuck (void)
{
  frames (app, 366, 1.0 / 60.0);
}

/* ---- Core --------------------------------------------------------------- */

/* (a) Unpaused, the ball rolls and stops on the plateau: the neuron is
 * active on no point, the gradient is 0 and (w, b) lies in the dead
 * region b <= -|w| of data on [-1, 1]. */
START_TEST (test_rolls_onto_plateau)
{
  const rs_data *d = rs_sim_data (rs_app_sim (app));
  size_t n = (size_t) floor (366 / 60.0 * scene.speed);
  double w, b, bw, bb;

  ck_assert_double_eq (d->x[0], -1.0);
  ck_assert_double_eq (d->x[d->n - 1], 1.0);
  roll_until_stuck ();
  ck_assert_int_eq (steps (app), n);
  w = shown_point (app)->w;
  b = shown_point (app)->b;
  ck_assert_int_eq (shown_point (app)->active, 0);
  ck_assert_double_eq (shown_point (app)->gnorm, 0.0);
  ck_assert (b <= -fabs (w));
  ck_assert (b <= rs_neuron_dead_bias (w, d));
  /* the gradient is exactly 0: more time moves nothing, the ball drawn
     included, although the run goes on counting steps */
  frames (app, 139, 1.0 / 60.0);
  ck_assert_int_gt (steps (app), n);
  ck_assert_double_eq (shown_point (app)->w, w);
  ck_assert_double_eq (shown_point (app)->b, b);
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
  w = shown_point (app)->w;
  b = shown_point (app)->b;
  frames (app, 120, 1.0 / 60.0);
  ck_assert_int_eq (steps (app), n);
  ck_assert_double_eq (shown_point (app)->w, w);
  ck_assert_double_eq (shown_point (app)->b, b);
  press (app, SDLK_SPACE);
  ck_assert (!rs_app_paused (app));
  frames (app, 77, 1.0 / 60.0);
  ck_assert_int_gt (steps (app), n);
}
END_TEST

/* (c) On the plateau, L switches to Leaky ReLU from the point shown: the
 * plateau tilts, the ball leaves the dead region and the neuron comes
 * alive (C8); the landscape is drawn through the point of the change.
 * L again gives back ReLU. */
START_TEST (test_leaky_frees_the_ball)
{
  size_t at;

  roll_until_stuck ();
  ck_assert (!rs_app_leaky (app));
  press (app, SDLK_l);
  ck_assert (rs_app_leaky (app));
  rs_app_wait_landscape (app);
  at = rs_app_shown (app);
  ck_assert (shown_point (app)->events & RS_EVENT_ACT);
  ck_assert_int_eq (rs_app_landscape_at (app), at);
  ck_assert_ptr_eq (rs_sim_neuron (rs_app_sim (app))->act,
                    rs_act_leaky_relu);
  ck_assert_double_eq (rs_sim_neuron (rs_app_sim (app))->alpha,
                       scene.sim.alpha);
  frames (app, 750, 1.0 / 60.0);
  ck_assert (shown_point (app)->b > -fabs (shown_point (app)->w));
  ck_assert_int_gt (shown_point (app)->active, 0);
  press (app, SDLK_l);
  ck_assert (!rs_app_leaky (app));
  rs_app_wait_landscape (app);
  ck_assert_ptr_eq (rs_sim_neuron (rs_app_sim (app))->act, scene.sim.act);
}
END_TEST

/* (d) K kicks the ball off its resting place: the point after the kick
 * is shown first, away from the point before. */
START_TEST (test_kick_moves_the_ball)
{
  double w, b, bw, bb;

  roll_until_stuck ();
  w = shown_point (app)->w;
  b = shown_point (app)->b;
  press (app, SDLK_k);
  rs_app_wait_landscape (app);
  ck_assert (shown_point (app)->events & RS_EVENT_KICK);
  ck_assert (shown_point (app)->w != w);
  ck_assert (shown_point (app)->b != b);
  rs_app_ball (app, &bw, &bb);
  ck_assert_double_eq (bw, shown_point (app)->w);
  ck_assert_double_eq (bb, shown_point (app)->b);
}
END_TEST

/* (e) R returns to the scene's start and activation, at step 0. */
START_TEST (test_reset)
{
  frames (app, 199, 1.0 / 60.0);
  press (app, SDLK_l);
  press (app, SDLK_r);
  rs_app_wait_landscape (app);
  ck_assert_int_eq (steps (app), 0);
  ck_assert_double_eq (shown_point (app)->w, scene.sim.w0);
  ck_assert_double_eq (shown_point (app)->b, scene.sim.b0);
  ck_assert_ptr_eq (rs_sim_neuron (rs_app_sim (app))->act, scene.sim.act);
  ck_assert (!rs_app_leaky (app));
}
END_TEST

/* (f) A click on the landscape restarts from the (w, b) under the
 * pointer, within a pixel's worth of w and b (from the mapping itself);
 * a click off it starts nothing and says why. */
START_TEST (test_click_restarts)
{
  const double w = 1.237, b = -0.813, d = 0.5;
  int x, y, x1, y1;
  size_t n;

  rs_app_output_size (app, &x, &y);
  ck_assert_int_eq (x, WIN_W);
  ck_assert_int_eq (y, WIN_H);
  frames (app, 41, 1.0 / 60.0);
  rs_app_pixel_of (app, w, b, &x, &y);
  rs_app_pixel_of (app, w + d, b - d, &x1, &y1);
  click (app, x, y);
  rs_app_wait_landscape (app);
  ck_assert_int_eq (steps (app), 0);
  ck_assert_double_le (fabs (shown_point (app)->w - w), 1.5 * d / (x1 - x));
  ck_assert_double_le (fabs (shown_point (app)->b - b), 1.5 * d / (y1 - y));
  frames (app, 23, 1.0 / 60.0);
  n = steps (app);
  ck_assert_int_gt (n, 0);
  /* the title, above the landscape */
  click (app, 5, 5);
  rs_app_wait_landscape (app);
  ck_assert_int_eq (steps (app), n);
  ck_assert (strstr (rs_app_toast (app), "click on the landscape") != NULL);
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

/* (h) The play does not depend on the frame rate: 3 s as 180 frames of
 * 1/60 s or as 90 of 1/30 s show the same floor (3 * speed) steps and
 * the very same (w, b). */
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
  ck_assert_double_eq (shown_point (other)->w, shown_point (app)->w);
  ck_assert_double_eq (shown_point (other)->b, shown_point (app)->b);
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

/* (i) The picture reaches the renderer: not one colour, white around
 * the figure, and red (not blue: the pixel format is right) at the
 * ball, where the landscape's mapping puts its (w, b). */
START_TEST (test_pixels)
{
  int w, h, pitch, x, y;
  Uint32 *px, first, ball;
  size_t differ = 0;
  double bw, bb;
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
  rs_app_pixel_of (app, bw, bb, &x, &y);
  ball = px[y * w + x];
  ck_assert_uint_gt ((ball >> 16) & 0xff, 2 * ((ball >> 8) & 0xff));
  ck_assert_uint_gt ((ball >> 16) & 0xff, 2 * (ball & 0xff));
  free (px);
}
END_TEST

/* ---- Controls ---------------------------------------------------------- */

/* Up and + speed the ball up by the app's factor 1.5 a press, Down and -
 * slow it down: after Up, Up, - the speed is speed x 1.5^2 / 1.5, and
 * 2 s then make floor (2 x that) steps. */
START_TEST (test_speed_keys)
{
  double want = scene.speed * 1.5 * 1.5;
  size_t n;

  press (app, SDLK_UP);
  press (app, SDLK_PLUS);
  ck_assert_double_eq_tol (rs_app_speed (app), want, 1e-12);
  press (app, SDLK_MINUS);
  want /= 1.5;
  ck_assert_double_eq_tol (rs_app_speed (app), want, 1e-12);
  press (app, SDLK_DOWN);
  press (app, SDLK_UP);
  ck_assert_double_eq_tol (rs_app_speed (app), want, 1e-12);
  n = steps (app);
  frames (app, 120, 1.0 / 60.0);
  ck_assert_int_eq (steps (app) - n, (size_t) floor (2.0 * want + 1e-9));
}
END_TEST

/* '.' shows the next recorded point and pauses; ',' and Backspace go
 * back one point each, to the very (w, b) recorded there; the run itself
 * is not touched. */
START_TEST (test_single_step)
{
  const rs_sim *sim;
  size_t n;

  frames (app, 30, 1.0 / 60.0);
  sim = rs_app_sim (app);
  n = rs_sim_n_recorded (sim);
  ck_assert_int_eq (steps (app), 4);        /* floor (0.5 s x 8 / s) */
  press (app, SDLK_PERIOD);
  ck_assert (rs_app_paused (app));
  ck_assert_int_eq (steps (app), 5);
  press (app, SDLK_PERIOD);
  ck_assert_int_eq (steps (app), 6);
  frames (app, 60, 1.0 / 60.0);
  ck_assert_int_eq (steps (app), 6);
  press (app, SDLK_COMMA);
  ck_assert_int_eq (steps (app), 5);
  ck_assert_double_eq (shown_point (app)->w, rs_sim_recorded (sim, 5)->w);
  press (app, SDLK_BACKSPACE);
  ck_assert_int_eq (steps (app), 4);
  ck_assert_ptr_eq (rs_app_sim (app), sim);
  ck_assert_int_eq (rs_sim_n_recorded (rs_app_sim (app)), n);
}
END_TEST

/* A and Z change Leaky ReLU's alpha by the factor 1.5 and switch it on;
 * the figure is drawn again off the main thread while frames go on
 * being drawn, and ends on the full grid, through the point of the
 * change. */
START_TEST (test_alpha_keys)
{
  double want = scene.sim.alpha * 1.5 * 1.5;
  rs_error err;

  press (app, SDLK_a);
  press (app, SDLK_a);
  ck_assert (rs_app_leaky (app));
  ck_assert_double_eq_tol (rs_app_alpha (app), want, 1e-12);
  for (int i = 0; i < 5; i++)
    {
      rs_app_advance (app, 1.0 / 60.0);
      ck_assert_int_eq (rs_app_render (app, &err), 0);
    }
  rs_app_wait_landscape (app);
  ck_assert (!rs_app_landscape_busy (app));
  ck_assert_ptr_eq (rs_sim_neuron (rs_app_sim (app))->act,
                    rs_act_leaky_relu);
  ck_assert_double_eq_tol (rs_sim_neuron (rs_app_sim (app))->alpha, want,
                           1e-12);
  ck_assert_int_eq (rs_app_landscape_grid (app), 121);
  ck_assert_int_eq (rs_app_landscape_at (app), rs_app_shown (app));
  press (app, SDLK_z);
  ck_assert_double_eq_tol (rs_app_alpha (app), want / 1.5, 1e-12);
  rs_app_wait_landscape (app);
  ck_assert_double_eq_tol (rs_sim_neuron (rs_app_sim (app))->alpha,
                           want / 1.5, 1e-12);
  press (app, SDLK_l);
  ck_assert (!rs_app_leaky (app));
  rs_app_wait_landscape (app);
  ck_assert_ptr_eq (rs_sim_neuron (rs_app_sim (app))->act, rs_act_relu);
}
END_TEST

/* ] and [ scale the kick's strength by 1.5; Shift+Up and Shift+Down the
 * learning rate by 1.25, which the next step uses. */
START_TEST (test_kick_and_rate_keys)
{
  double rate = scene.sim.rate * 1.25 * 1.25;

  press (app, SDLK_RIGHTBRACKET);
  press (app, SDLK_RIGHTBRACKET);
  press (app, SDLK_LEFTBRACKET);
  ck_assert_double_eq_tol (rs_app_kick_sigma (app),
                           scene.sim.kick_sigma * 1.5, 1e-12);
  press_mod (app, SDLK_UP, KMOD_LSHIFT);
  press_mod (app, SDLK_UP, KMOD_RSHIFT);
  ck_assert_double_eq_tol (rs_app_rate (app), rate, 1e-12);
  ck_assert_double_eq_tol (rs_app_speed (app), scene.speed, 1e-12);
  rs_app_wait_landscape (app);
  frames (app, 8, 1.0 / 60.0);
  ck_assert_double_eq_tol (shown_point (app)->rate, rate, 1e-12);
  press_mod (app, SDLK_DOWN, KMOD_LSHIFT);
  ck_assert_double_eq_tol (rs_app_rate (app), rate / 1.25, 1e-12);
}
END_TEST

/* O, W, D and C make the run train otherwise from the very point the
 * ball is at: the optimisers go round the library's five; W and D
 * switch warming and decay on the biases on and off; C goes through the
 * kink conventions 0.5, 1 and back to 0 (the scene's 0). */
START_TEST (test_run_settings)
{
  const rs_optim_type *const order[] = {
    rs_optim_momentum, rs_optim_nesterov, rs_optim_rmsprop, rs_optim_adam,
    rs_optim_gd
  };
  const double kinks[] = { 0.5, 1.0, 0.0 };
  double w, b;

  frames (app, 20, 1.0 / 60.0);
  w = shown_point (app)->w;
  b = shown_point (app)->b;
  ck_assert_ptr_eq (rs_app_optim (app), rs_optim_gd);
  for (size_t i = 0; i < 5; i++)
    {
      press (app, SDLK_o);
      rs_app_wait_landscape (app);
      ck_assert_ptr_eq (rs_app_optim (app), order[i]);
      ck_assert_double_eq (shown_point (app)->w, w);
      ck_assert_double_eq (shown_point (app)->b, b);
    }
  ck_assert (!rs_app_warming (app));
  press (app, SDLK_w);
  rs_app_wait_landscape (app);
  ck_assert (rs_app_warming (app));
  press (app, SDLK_w);
  rs_app_wait_landscape (app);
  ck_assert (!rs_app_warming (app));
  ck_assert (!rs_app_decay_biases (app));
  press (app, SDLK_d);
  rs_app_wait_landscape (app);
  ck_assert (rs_app_decay_biases (app));
  ck_assert (rs_sim_get_params (rs_app_sim (app))->decay.lambda > 0);
  ck_assert_double_eq (scene.sim.kink, 0.0);
  for (size_t i = 0; i < 3; i++)
    {
      press (app, SDLK_c);
      rs_app_wait_landscape (app);
      ck_assert_double_eq (rs_app_kink (app), kinks[i]);
    }
  ck_assert_double_eq (shown_point (app)->w, w);
  ck_assert_double_eq (shown_point (app)->b, b);
  /* R gives back the scene's run */
  press (app, SDLK_r);
  rs_app_wait_landscape (app);
  ck_assert (!rs_app_decay_biases (app));
  ck_assert_double_eq (shown_point (app)->w, scene.sim.w0);
}
END_TEST

/* G, P, T, F and ? toggle; T draws the figure in the dark theme (the
 * page's corner turns dark) and back. */
START_TEST (test_toggles)
{
  int w, h;
  Uint32 *px;
  rs_error err;

  rs_app_output_size (app, &w, &h);
  px = malloc ((size_t) w * h * 4);
  ck_assert_ptr_nonnull (px);
  press (app, SDLK_g);
  ck_assert (rs_app_grad_shown (app));
  press (app, SDLK_p);
  ck_assert (!rs_app_path_shown (app));
  ck_assert_int_eq (rs_app_render (app, &err), 0);
  press (app, SDLK_QUESTION);
  ck_assert (rs_app_help_shown (app));
  press_mod (app, SDLK_SLASH, KMOD_LSHIFT);
  ck_assert (!rs_app_help_shown (app));
  press (app, SDLK_t);
  ck_assert (rs_app_dark (app));
  rs_app_wait_landscape (app);
  ck_assert_int_eq (rs_app_render (app, &err), 0);
  ck_assert_int_eq (rs_app_read_pixels (app, px, 4 * w, &err), 0);
  /* the dark theme's page, each channel well below the light one's 255 */
  ck_assert_uint_lt ((px[0] >> 16) & 0xff, 0x60);
  ck_assert_uint_lt (px[0] & 0xff, 0x60);
  press (app, SDLK_t);
  ck_assert (!rs_app_dark (app));
  rs_app_wait_landscape (app);
  ck_assert_int_eq (rs_app_render (app, &err), 0);
  ck_assert_int_eq (rs_app_read_pixels (app, px, 4 * w, &err), 0);
  ck_assert_uint_eq (px[0] & 0xffffff, 0xffffff);
  press (app, SDLK_f);
  ck_assert (rs_app_fullscreen (app) || rs_app_toast (app)[0] != '\0');
  free (px);
}
END_TEST

/* The keys' table lists every key of the help; each has a description. */
START_TEST (test_keys_listed)
{
  size_t n;
  const rs_app_key *k = rs_app_keys (&n);
  const char *const must[] = { "Space", "L", "K", "O", "W", "D", "C", "G",
                               "P", "T", "F5", "F", "S", "E", "B", "R" };

  ck_assert_int_ge (n, 20);
  for (size_t i = 0; i < sizeof must / sizeof must[0]; i++)
    {
      size_t j;

      for (j = 0; j < n; j++)
        if (strcmp (k[j].keys, must[i]) == 0)
          break;
      ck_assert_msg (j < n, "key %s not listed", must[i]);
      ck_assert (k[j].what[0] != '\0');
      /* C sets the convention s, which picks f'(0) from the
         subdifferential at 0: [0, 1] under ReLU, [alpha, 1] under Leaky
         ReLU, so f'(0) = alpha + s (1 - alpha) there (C3, C8): the
         numbers 0, 0.5, 1 are s, f'(0) only under ReLU */
      if (strcmp (must[i], "C") == 0)
        {
          ck_assert_ptr_nonnull (strstr (k[j].what, "s = 0, 0.5, 1"));
          ck_assert_ptr_nonnull (strstr (k[j].what, "α + s(1 − α)"));
          ck_assert_ptr_null (strstr (k[j].what, "f'(0) = 0, 0.5, 1"));
        }
    }
}
END_TEST

/* S writes a PNG and E a PDF named after the scene and the step, and the
 * window says where; an unwritable folder gives a message, no file and
 * no crash. */
START_TEST (test_save_keys)
{
  char dir[] = "/tmp/check_app.XXXXXX", path[300];
  rs_app_options o;
  rs_app *a;
  FILE *f;
  char head[5] = "";

  ck_assert_ptr_nonnull (mkdtemp (dir));
  rs_app_options_default (&o);
  o.width = 320;
  o.height = 200;
  o.name = "plateau";
  o.save_dir = dir;
  a = app_new (&scene, &o);
  frames (a, 30, 1.0 / 60.0);                /* 4 steps */
  press (a, SDLK_s);
  snprintf (path, sizeof path, "%s/plateau-step00004.png", dir);
  ck_assert_msg (access (path, R_OK) == 0, "%s", rs_app_toast (a));
  ck_assert (strstr (rs_app_toast (a), path) != NULL);
  f = fopen (path, "rb");
  ck_assert_int_eq (fread (head, 1, 4, f), 4);
  fclose (f);
  ck_assert (memcmp (head, "\x89PNG", 4) == 0);
  unlink (path);
  press (a, SDLK_e);
  snprintf (path, sizeof path, "%s/plateau-step00004.pdf", dir);
  ck_assert_msg (access (path, R_OK) == 0, "%s", rs_app_toast (a));
  unlink (path);
  rs_app_free (a);
  rmdir (dir);
  o.save_dir = "/nonexistent-dir/deeper";
  a = app_new (&scene, &o);
  press (a, SDLK_s);
  ck_assert (strstr (rs_app_toast (a), "cannot save") != NULL);
  ck_assert_int_ne (access ("/nonexistent-dir/deeper/plateau-step00000.png",
                            F_OK), 0);
  rs_app_free (a);
}
END_TEST

/* ---- Network ------------------------------------------------------------ */

static rs_scene net_scene;

/* scenes/net-dead.scene, a 1-16-1 network: 1000 steps, every step
 * recorded (the rate's change at step 100 adds a point of its own, so up
 * to there point i is step i), speed 20 (the scene language's default). */
static void
load_net_scene (rs_scene *sc)
{
  ck_assert_int_eq (cli_load_scene (RS_TOP_SRCDIR "/scenes/net-dead.scene",
                                    sc), CLI_OK);
  ck_assert_int_eq (sc->sim.net.layers, 2);
  ck_assert_int_eq (sc->sim.steps, 1000);
  ck_assert_double_eq (sc->speed, 20.0);
}

static void
net_setup (void)
{
  rs_app_options o;

  load_net_scene (&net_scene);
  rs_app_options_default (&o);
  o.width = WIN_W;
  o.height = WIN_H;
  app = app_new (&net_scene, &o);
}

/* A network opens with the scene's figure, its run computed ahead to the
 * scene's 1000 steps and played back: 1.5 s at 20 points a second show
 * point 30; the ball is drawn red where the focus unit's weight and bias
 * of that point lie on the landscape view. */
START_TEST (test_net_plays)
{
  const rs_sim *sim = rs_app_sim (app);
  const rs_sim_point *pt;
  int w, h, x, y;
  size_t iu, iv;
  Uint32 *px, ball;
  rs_error err;

  ck_assert_int_eq (rs_sim_current (sim)->step, 1000);
  ck_assert_int_eq (rs_app_shown (app), 0);
  frames (app, 90, 1.0 / 60.0);
  ck_assert_int_eq (rs_app_shown (app), 30);
  /* the figure follows the run: drawn again through a later point, with
     a copy of the same run */
  rs_app_wait_landscape (app);
  sim = rs_app_sim (app);
  ck_assert_int_eq (rs_app_shown (app), 30);
  pt = rs_sim_recorded (sim, 30);
  ck_assert_int_eq (pt->step, 30);
  focus_indices (sim, &iu, &iv);
  rs_app_output_size (app, &w, &h);
  px = malloc ((size_t) w * h * 4);
  ck_assert_ptr_nonnull (px);
  ck_assert_int_eq (rs_app_render (app, &err), 0);
  ck_assert_int_eq (rs_app_read_pixels (app, px, 4 * w, &err), 0);
  rs_app_pixel_of (app, rs_sim_theta (sim, 30)[iu],
                   rs_sim_theta (sim, 30)[iv], &x, &y);
  ck_assert (x >= 0 && x < w && y >= 0 && y < h);
  ball = px[y * w + x];
  ck_assert_uint_gt ((ball >> 16) & 0xff, 2 * ((ball >> 8) & 0xff));
  ck_assert_uint_gt ((ball >> 16) & 0xff, 2 * (ball & 0xff));
  free (px);
}
END_TEST

/* Left, ',' and Backspace scrub back through the recording, '.' and
 * Right forward, each pausing; the run itself is not touched. */
START_TEST (test_net_scrub)
{
  frames (app, 60, 1.0 / 60.0);
  ck_assert_int_eq (rs_app_shown (app), 20);
  press (app, SDLK_LEFT);
  ck_assert (rs_app_paused (app));
  ck_assert_int_eq (rs_app_shown (app), 19);
  press (app, SDLK_COMMA);
  press (app, SDLK_BACKSPACE);
  ck_assert_int_eq (rs_app_shown (app), 17);
  press (app, SDLK_PERIOD);
  press (app, SDLK_RIGHT);
  ck_assert_int_eq (rs_app_shown (app), 19);
  frames (app, 60, 1.0 / 60.0);
  ck_assert_int_eq (rs_app_shown (app), 19);
  ck_assert_int_eq (rs_sim_current (rs_app_sim (app))->step, 1000);
}
END_TEST

/* scenes/net-dead.scene with its steps set to `steps` and the lines of
 * extra added, parsed into sc as `name`. */
static void
net_dead_with (size_t steps, const char *extra, const char *name,
               rs_scene *sc)
{
  char text[4096], line[40], *at;
  FILE *f = fopen (RS_TOP_SRCDIR "/scenes/net-dead.scene", "rb");
  size_t len;
  rs_error err;

  ck_assert_ptr_nonnull (f);
  len = fread (text, 1, sizeof text - 1, f);
  fclose (f);
  text[len] = '\0';
  /* the scene's own steps line goes: a keyword is set once */
  ck_assert_ptr_nonnull (at = strstr (text, "\nsteps 1000\n"));
  memset (at + 1, ' ', strlen ("steps 1000"));
  snprintf (line, sizeof line, "steps %zu\n", steps);
  ck_assert_uint_lt (len + strlen (line) + strlen (extra), sizeof text);
  strcat (text, line);
  strcat (text, extra);
  ck_assert_msg (rs_scene_parse (sc, text, strlen (text), name, &err)
                 == RS_OK, "%s", err.message);
}

/* The app opens at once, before its figure is made, even when that takes
 * long (a basin map: 256 runs of 300 steps):
 * the window draws, saying so, and the figure shows when it is done.
 * Until then nothing plays; keys work on the run as it stands. */
START_TEST (test_net_opens_at_once)
{
  rs_app_options o;
  rs_scene sc;
  rs_error err;
  rs_app *a;

  net_dead_with (300, "view basin grid 16\nview timeline\n", "slow.scene",
                 &sc);
  rs_app_options_default (&o);
  o.width = 320;
  o.height = 200;
  rs_error_clear (&err);
  a = rs_app_alloc (&sc, &o, &err);
  ck_assert_msg (a != NULL, "rs_app_alloc: %s", err.message);
  ck_assert (rs_app_landscape_busy (a));
  ck_assert_int_eq (rs_app_render (a, &err), 0);
  rs_app_advance (a, 1.0);
  ck_assert_int_eq (rs_app_shown (a), 0);
  press (a, SDLK_SPACE);
  ck_assert (rs_app_paused (a));
  rs_app_wait_landscape (a);
  ck_assert (!rs_app_landscape_busy (a));
  ck_assert_int_eq (rs_sim_current (rs_app_sim (a))->step, 300);
  ck_assert_int_eq (rs_app_render (a, &err), 0);
  rs_app_free (a);
}
END_TEST

/* Every key and the mouse, at random (a fixed sequence), in real
 * threads, on the built-in scene (_i = 0) and on net-dead (_i = 1): each
 * frame draws, and the point shown is one of the run's.  (Under the
 * sanitizers this found a click before the first figure reading a view
 * of no figure.) */
START_TEST (test_random_keys)
{
  static const SDL_Keycode keys[] = {
    SDLK_SPACE, SDLK_PLUS, SDLK_MINUS, SDLK_UP, SDLK_DOWN, SDLK_PERIOD,
    SDLK_COMMA, SDLK_LEFT, SDLK_RIGHT, SDLK_PAGEUP, SDLK_PAGEDOWN, SDLK_l,
    SDLK_a, SDLK_z, SDLK_k, SDLK_RIGHTBRACKET, SDLK_LEFTBRACKET, SDLK_o,
    SDLK_w, SDLK_d, SDLK_c, SDLK_g, SDLK_p, SDLK_t, SDLK_F5, SDLK_b, SDLK_r,
    SDLK_h
  };
  unsigned long r = 12345;
  rs_app_options o;
  rs_scene sc;
  rs_error err;
  rs_app *a;
  SDL_Event e;

  if (_i == 0)
    load_scene (&sc);
  else
    net_dead_with (400, "", "net-dead.scene", &sc);
  rs_app_options_default (&o);
  o.width = 320;
  o.height = 200;
  o.save_dir = "/nonexistent-dir";
  rs_error_clear (&err);
  a = rs_app_alloc (&sc, &o, &err);
  ck_assert_msg (a != NULL, "rs_app_alloc: %s", err.message);
  for (int i = 0; i < 300; i++)
    {
      r = r * 6364136223846793005UL + 1442695040888963407UL;
      if ((r >> 33) % 3 == 0)
        {
          SDL_zero (e);
          e.type = SDL_KEYDOWN;
          e.key.keysym.sym = keys[(r >> 40) % N_KEYS (keys)];
          e.key.keysym.mod = (r >> 20) % 5 == 0 ? KMOD_SHIFT : 0;
          rs_app_handle_event (a, &e);
        }
      if ((r >> 35) % 40 == 0)
        {
          SDL_zero (e);
          e.type = SDL_MOUSEBUTTONDOWN;
          e.button.button = SDL_BUTTON_LEFT;
          e.button.x = (int) ((r >> 24) % 320);
          e.button.y = (int) ((r >> 44) % 200);
          rs_app_handle_event (a, &e);
        }
      rs_app_advance (a, 1.0 / 60.0);
      ck_assert_int_eq (rs_app_render (a, &err), 0);
      ck_assert_uint_lt (rs_app_shown (a),
                         rs_sim_n_recorded (rs_app_sim (a)));
      if ((r >> 30) % 60 == 0)
        rs_app_wait_landscape (a);
    }
  rs_app_wait_landscape (a);
  ck_assert (!rs_app_pending (a));
  ck_assert_int_eq (rs_app_render (a, &err), 0);
  rs_app_free (a);
}
END_TEST

/* K at point 20 branches the run there: point 21 is the kick, the run is
 * computed on from it, the kick plays as a morph of a second (the ball
 * waits at the kick), and the play goes on from the kick.  The run is
 * computed off the main thread: until it is drawn the window shows the
 * run before the kick, and the ball waits at point 20. */
START_TEST (test_net_kick)
{
  const rs_sim *sim;
  size_t n;

  frames (app, 60, 1.0 / 60.0);
  press (app, SDLK_k);
  if (rs_app_pending (app))
    {
      ck_assert_int_eq (rs_app_shown (app), 20);
      ck_assert (!(rs_sim_recorded (rs_app_sim (app), 21)->events
                   & RS_EVENT_KICK));
      rs_app_advance (app, 0.5);
      if (rs_app_pending (app))
        ck_assert_int_eq (rs_app_shown (app), 20);
    }
  rs_app_wait_landscape (app);
  ck_assert (!rs_app_landscape_busy (app));
  ck_assert (!rs_app_pending (app));
  sim = rs_app_sim (app);
  n = rs_sim_n_recorded (sim);
  ck_assert_int_eq (rs_app_shown (app), 21);
  ck_assert (rs_sim_recorded (sim, 21)->events & RS_EVENT_KICK);
  ck_assert_int_eq (rs_sim_recorded (sim, 20)->step, 20);
  ck_assert_int_ge (n, 1000);
  /* the morph: a second at most once its frames are made */
  ck_assert (rs_app_morph (app) >= 0.0);
  for (int k = 0; k < 240 && rs_app_morph (app) >= 0.0; k++)
    {
      ck_assert_int_eq (rs_app_shown (app), 21);
      frames (app, 1, 1.0 / 60.0);
      if (k % 10 == 0)
        rs_app_wait_landscape (app);
    }
  ck_assert_double_eq (rs_app_morph (app), -1.0);
  ck_assert_int_le (rs_app_shown (app), 22);
  frames (app, 60, 1.0 / 60.0);
  ck_assert_int_ge (rs_app_shown (app), 40);
  ck_assert_int_le (rs_app_shown (app), 42);
}
END_TEST

/* Two kicks in a row, the second before the first one's run is drawn or
 * after: both are at step 20, points 21 and 22, each drawn from its own
 * stream (so they differ), and the play goes on from the second. */
START_TEST (test_net_kick_twice)
{
  const rs_sim *sim;
  size_t np = rs_net_nparams (rs_sim_net (rs_app_sim (app)));

  frames (app, 60, 1.0 / 60.0);
  press (app, SDLK_k);
  press (app, SDLK_k);
  rs_app_wait_landscape (app);
  sim = rs_app_sim (app);
  ck_assert_int_eq (rs_app_shown (app), 22);
  for (size_t i = 21; i <= 22; i++)
    {
      ck_assert (rs_sim_recorded (sim, i)->events & RS_EVENT_KICK);
      ck_assert_int_eq (rs_sim_recorded (sim, i)->step, 20);
    }
  ck_assert (memcmp (rs_sim_theta (sim, 21), rs_sim_theta (sim, 22),
                     np * sizeof (double)) != 0);
  ck_assert_int_eq (rs_sim_recorded (sim, 23)->step, 21);
}
END_TEST

/* L switches every hidden layer to Leaky ReLU from the point shown; O
 * trains with the next optimiser from there on.  Both are points of step
 * 20 that keep the parameters, and the path before them stays: point 0
 * is the run's start. */
START_TEST (test_net_live)
{
  size_t np = rs_net_nparams (rs_sim_net (rs_app_sim (app)));
  double *theta = malloc (np * sizeof *theta);
  double *start = malloc (np * sizeof *start);
  const rs_sim *sim;

  memcpy (start, rs_sim_theta (rs_app_sim (app), 0), np * sizeof *start);
  frames (app, 60, 1.0 / 60.0);
  memcpy (theta, rs_sim_theta (rs_app_sim (app), 20), np * sizeof *theta);
  press (app, SDLK_l);
  rs_app_wait_landscape (app);
  ck_assert (rs_app_leaky (app));
  sim = rs_app_sim (app);
  ck_assert_int_eq (rs_app_shown (app), 21);
  ck_assert (rs_sim_recorded (sim, 21)->events & RS_EVENT_ACT);
  press (app, SDLK_o);
  rs_app_wait_landscape (app);
  sim = rs_app_sim (app);
  ck_assert_ptr_eq (rs_app_optim (app), rs_optim_momentum);
  ck_assert_int_eq (rs_app_shown (app), 22);
  ck_assert (rs_sim_recorded (sim, 22)->events & RS_EVENT_TRAIN);
  ck_assert_int_eq (rs_sim_recorded (sim, 22)->step, 20);
  ck_assert (memcmp (rs_sim_theta (sim, 22), theta, np * sizeof *theta)
             == 0);
  ck_assert (memcmp (rs_sim_theta (sim, 0), start, np * sizeof *start) == 0);
  ck_assert_int_eq (rs_sim_recorded (sim, 20)->step, 20);
  ck_assert (rs_app_leaky (app));
  ck_assert_ptr_eq (rs_sim_get_params (sim)->optim, rs_optim_momentum);
  free (theta);
  free (start);
}
END_TEST

/* A click on the landscape view sets the weight and bias of its unit
 * (the focus unit) to the point under the pointer (within a pixel's
 * worth) and keeps every other parameter of the point shown; the run
 * starts again there.  The point lies in the window fitted to net-dead's
 * unit 1:15, about [-0.68, 0.32] x [-0.66, 0.34]. */
START_TEST (test_net_click)
{
  const double u = -0.2345, v = -0.1137, du = 0.1;
  size_t np = rs_net_nparams (rs_sim_net (rs_app_sim (app)));
  double *theta = malloc (np * sizeof *theta), tol_u, tol_v;
  size_t iu, iv;
  int x, y, x1, y1;

  focus_indices (rs_app_sim (app), &iu, &iv);
  frames (app, 60, 1.0 / 60.0);
  press (app, SDLK_SPACE);
  memcpy (theta, rs_sim_theta (rs_app_sim (app), 20), np * sizeof *theta);
  rs_app_pixel_of (app, u, v, &x, &y);
  /* a pixel's worth of u and v, from the mapping itself */
  rs_app_pixel_of (app, u + du, v - du, &x1, &y1);
  tol_u = 1.5 * du / (x1 - x);
  tol_v = 1.5 * du / (y1 - y);
  click (app, x, y);
  rs_app_wait_landscape (app);
  ck_assert_int_eq (rs_app_shown (app), 0);
  ck_assert_int_eq (rs_sim_recorded (rs_app_sim (app), 0)->step, 0);
  ck_assert_double_le (fabs (rs_sim_theta (rs_app_sim (app), 0)[iu] - u),
                       tol_u);
  ck_assert_double_le (fabs (rs_sim_theta (rs_app_sim (app), 0)[iv] - v),
                       tol_v);
  for (size_t k = 0; k < np; k++)
    if (k != iu && k != iv)
      ck_assert_double_eq (rs_sim_theta (rs_app_sim (app), 0)[k], theta[k]);
  free (theta);
}
END_TEST

/* PageDown plays to the next beat (the scene's `at T beat`) and pauses
 * there, PageUp goes back to the one before at once; past the last beat
 * PageDown plays to the run's last point, before the first PageUp goes
 * to its start.  The run is not touched: the point of the beat at 30 is
 * that of a run of 30 steps of its own.  (check_app_controls.c times
 * the play.) */
START_TEST (test_live_beats)
{
  rs_scene sc;
  rs_app_options o;
  rs_sim *ref;
  rs_app *a;
  size_t last;

  load_scene (&sc);
  sc.sim.events[sc.sim.n_events++] = (rs_sim_event) { 30, RS_SIM_BEAT, 0 };
  sc.sim.events[sc.sim.n_events++] = (rs_sim_event) { 60, RS_SIM_BEAT, 0 };
  ck_assert_uint_gt (sc.sim.steps, 61);
  rs_app_options_default (&o);
  o.width = WIN_W;
  o.height = WIN_H;
  o.paused = 1;
  a = app_new (&sc, &o);
  last = rs_sim_n_recorded (rs_app_sim (a)) - 1;
  press (a, SDLK_PAGEDOWN);
  frames (a, 300, 1.0 / 60.0);
  ck_assert (rs_app_paused (a));
  ck_assert_uint_eq (steps (a), 30);
  ck_assert (shown_point (a)->events & RS_EVENT_BEAT);
  press (a, SDLK_PAGEDOWN);
  frames (a, 300, 1.0 / 60.0);
  ck_assert_uint_eq (steps (a), 60);
  press (a, SDLK_PAGEUP);
  ck_assert_uint_eq (steps (a), 30);
  press (a, SDLK_PAGEUP);
  ck_assert_uint_eq (rs_app_shown (a), 0);
  press (a, SDLK_PAGEDOWN);
  frames (a, 300, 1.0 / 60.0);
  ck_assert_uint_eq (steps (a), 30);
  ref = rs_sim_alloc (&sc.sim, NULL);
  ck_assert_ptr_nonnull (ref);
  for (int k = 0; k < 30; k++)
    rs_sim_iterate (ref);
  ck_assert (rs_sim_current (ref)->w == shown_point (a)->w);
  ck_assert (rs_sim_current (ref)->b == shown_point (a)->b);
  press (a, SDLK_PAGEDOWN);
  frames (a, 300, 1.0 / 60.0);
  press (a, SDLK_PAGEDOWN);
  frames (a, 400, 1.0 / 60.0);
  ck_assert_uint_eq (rs_app_shown (a), last);
  ck_assert (rs_app_paused (a));
  press (a, SDLK_PAGEDOWN);
  ck_assert (rs_app_paused (a));
  ck_assert_uint_eq (rs_app_shown (a), last);
  rs_sim_free (ref);
  rs_app_free (a);
}
END_TEST

/* Presenter mode: dark, paused on the first frame; played, the beats at
 * steps 30 and 60 pause the play; PageDown and Right play to the next
 * beat (past the last to the end), PageUp and Left go back to the one
 * before (before the first to the start). */
START_TEST (test_present_beats)
{
  rs_app_options o;
  rs_scene sc;
  rs_error err;
  rs_app *a;
  Uint32 corner;
  int w, h;
  Uint32 *px;

  net_dead_with (1000, "at 30 beat\nat 60 beat\n", "beats.scene", &sc);
  rs_app_options_default (&o);
  o.width = 640;
  o.height = 400;
  o.present = 1;
  a = app_new (&sc, &o);
  ck_assert (rs_app_present (a));
  ck_assert (rs_app_dark (a));
  frames (a, 60, 1.0 / 60.0);
  ck_assert (rs_app_paused (a));
  ck_assert_int_eq (rs_app_shown (a), 0);
  press (a, SDLK_SPACE);
  frames (a, 240, 1.0 / 60.0);               /* 4 s would reach 80 */
  ck_assert (rs_app_paused (a));
  ck_assert_int_eq (rs_sim_recorded (rs_app_sim (a), rs_app_shown (a))->step,
                    30);
  ck_assert (rs_sim_recorded (rs_app_sim (a), rs_app_shown (a))->events
             & RS_EVENT_BEAT);
  press (a, SDLK_PAGEDOWN);
  frames (a, 120, 1.0 / 60.0);               /* 30 points at 20 a second */
  ck_assert (rs_app_paused (a));
  ck_assert_int_eq (rs_sim_recorded (rs_app_sim (a), rs_app_shown (a))->step,
                    60);
  press (a, SDLK_RIGHT);
  for (int n = 0; n < 600 && !rs_app_paused (a); n++)
    frames (a, 1, 1.0 / 60.0);
  ck_assert_int_eq (rs_app_shown (a), rs_sim_n_recorded (rs_app_sim (a)) - 1);
  press (a, SDLK_PAGEUP);
  ck_assert_int_eq (rs_sim_recorded (rs_app_sim (a), rs_app_shown (a))->step,
                    60);
  press (a, SDLK_LEFT);
  ck_assert_int_eq (rs_sim_recorded (rs_app_sim (a), rs_app_shown (a))->step,
                    30);
  press (a, SDLK_LEFT);
  ck_assert_int_eq (rs_app_shown (a), 0);
  press (a, SDLK_SPACE);
  frames (a, 60, 1.0 / 60.0);                /* 1 s: 20 points */
  ck_assert_int_eq (rs_sim_recorded (rs_app_sim (a), rs_app_shown (a))->step,
                    20);
  rs_app_output_size (a, &w, &h);
  px = malloc ((size_t) w * h * 4);
  ck_assert_int_eq (rs_app_render (a, &err), 0);
  ck_assert_int_eq (rs_app_read_pixels (a, px, 4 * w, &err), 0);
  corner = px[0];
  ck_assert_uint_lt ((corner >> 8) & 0xff, 0x60);
  free (px);
  press (a, SDLK_F5);
  ck_assert (!rs_app_present (a));
  ck_assert (!rs_app_dark (a));
  rs_app_free (a);
}
END_TEST

/* A drag on a 3-D landscape turns the camera by 0.4 degrees a point,
 * the surface turning on screen while the button is held:
 * 25 points right and 10 down turn the azimuth by -10 and raise the
 * elevation by 4 (from the scene's -35 and 30); the figure is remade
 * when the button is let go. */
START_TEST (test_drag_turns_3d)
{
  static const char text[] = "title \"3-D\"\nview landscape 3d\n";
  rs_app_options o;
  rs_scene sc;
  rs_error err;
  rs_app *a;
  SDL_Event e;
  double az, el;
  uint32_t *before, *during;
  size_t changed_px = 0;
  int w, h;

  ck_assert_msg (rs_scene_parse (&sc, text, strlen (text), "3d.scene",
                                 &err) == RS_OK, "%s", err.message);
  rs_app_options_default (&o);
  o.width = 400;
  o.height = 300;
  a = app_new (&sc, &o);
  rs_app_output_size (a, &w, &h);
  before = malloc ((size_t) w * h * 4);
  during = malloc ((size_t) w * h * 4);
  click (a, 200, 180);
  rs_app_wait_landscape (a);
  ck_assert_int_eq (rs_app_render (a, &err), 0);
  ck_assert_int_eq (rs_app_read_pixels (a, before, w * 4, &err), 0);
  memset (&e, 0, sizeof e);
  e.type = SDL_MOUSEMOTION;
  e.motion.state = SDL_BUTTON_LMASK;
  e.motion.xrel = 25;
  e.motion.yrel = 10;
  rs_app_handle_event (a, &e);
  rs_app_camera (a, &az, &el);
  ck_assert_double_eq_tol (az, -35.0 - 0.4 * 25, 1e-9);
  ck_assert_double_eq_tol (el, 30.0 + 0.4 * 10, 1e-9);
  /* the surface turns while the button is still held */
  ck_assert_int_eq (rs_app_render (a, &err), 0);
  ck_assert_int_eq (rs_app_read_pixels (a, during, w * 4, &err), 0);
  for (int k = 0; k < w * h; k++)
    changed_px += before[k] != during[k];
  ck_assert_msg (changed_px > (size_t) (w * h) / 50, "%zu pixels changed "
                 "during the drag", changed_px);
  free (before);
  free (during);
  memset (&e, 0, sizeof e);
  e.type = SDL_MOUSEBUTTONUP;
  e.button.button = SDL_BUTTON_LEFT;
  rs_app_handle_event (a, &e);
  ck_assert_int_eq (rs_app_render (a, &err), 0);
  /* motion without a button held turns nothing */
  memset (&e, 0, sizeof e);
  e.type = SDL_MOUSEMOTION;
  e.motion.xrel = 40;
  rs_app_handle_event (a, &e);
  rs_app_camera (a, &az, &el);
  ck_assert_double_eq_tol (az, -45.0, 1e-9);
  rs_app_free (a);
}
END_TEST

/* ---- Soak --------------------------------------------------------------- */

/* Under AddressSanitizer freed memory waits in a quarantine of up to 256
 * MiB, and resident memory says nothing of leaks (LeakSanitizer looks for
 * them instead): the bounds are lifted. */
#if defined (__SANITIZE_ADDRESS__)
#define SOAK_SLACK(bytes) (1L << 40)
#else
#define SOAK_SLACK(bytes) (bytes)
#endif

/* The bytes malloc has handed out and not taken back, in every arena
 * (glibc's mallinfo2); 0 where it is not known. */
static long
heap_used (void)
{
#if defined (__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
  return (long) mallinfo2 ().uordblks;
#else
  return 0;
#endif
}

#ifndef SOAK_FRAMES
#define SOAK_FRAMES 100000
#endif

/* Two seconds of frames, drawn: a morph of Leaky ReLU (a second) that
 * started plays out and its figures go. */
static void
settle (rs_app *a)
{
  rs_error err;

  for (int i = 0; i < 120; i++)
    {
      rs_app_advance (a, 1.0 / 60.0);
      ck_assert_int_eq (rs_app_render (a, &err), 0);
    }
  rs_app_wait_landscape (a);
}

/* Resident memory in bytes (/proc/self/statm's second field). */
static long
rss_bytes (void)
{
  FILE *f = fopen ("/proc/self/statm", "r");
  long size = 0, rss = 0;

  if (f == NULL)
    return -1;
  if (fscanf (f, "%ld %ld", &size, &rss) != 2)
    rss = -1;
  fclose (f);
  return rss < 0 ? -1 : rss * sysconf (_SC_PAGESIZE);
}

/* 100,000 frames (28 minutes at 60 frames a second) of the built-in
 * scene at 160 x 100 points, each polled and advanced 1/60 s, with a
 * kick every 1,000 frames and Leaky ReLU switched every 5,000 so that
 * the landscape's thread runs too.  Drawing a frame costs about 3 ms
 * even at this size (the HUD's and status line's text, the texture's
 * upload), so every 10th frame is drawn: 10,000 drawings, under a
 * minute; with RS_SOAK_FULL set in the environment every frame is drawn
 * (measured with the figure's still layer cached: 5 minutes, RSS 18,564
 * KiB after 1,000 frames and 20,116 KiB after 100,000; before it, 9.5
 * minutes, 18,628 and 20,024 KiB).  The run's trajectory is capped at
 * 256 KiB (record_bytes), so anything that grows beyond that is a leak:
 * the bytes malloc has handed out and not taken back after the last
 * frame (every job done, the last L's morph played out) may exceed
 * those after the 1,000th by 1 MiB at most.  Resident memory may grow
 * by 8 MiB at most: each L's morph makes and frees twelve figures at
 * once, which leaves glibc's heap fragmented (measured: 19,448 KiB
 * after 1,000 frames, 24,300 KiB after 100,000, the bytes in use the
 * same). */
START_TEST (test_soak)
{
  rs_app_options o;
  rs_scene sc;
  rs_error err;
  rs_app *a;
  long rss1 = 0, rss2, every, used1 = 0, used2;

  load_scene (&sc);
  sc.sim.record_bytes = 256 << 10;
  rs_app_options_default (&o);
  o.width = 160;
  o.height = 100;
  o.fixed_step = 1;
  a = app_new (&sc, &o);
  every = getenv ("RS_SOAK_FULL") != NULL ? 1 : 10;
  for (long i = 1; i <= SOAK_FRAMES; i++)
    {
      rs_app_poll (a);
      if (i % 1000 == 0)
        press (a, SDLK_k);
      if (i % 5000 == 0)
        press (a, SDLK_l);
      rs_app_advance (a, 1.0 / 60.0);
      if (i % every == 0)
        ck_assert_int_eq (rs_app_render (a, &err), 0);
      if (i == 1000)
        {
          rss1 = rss_bytes ();
          used1 = heap_used ();
        }
    }
  rs_app_wait_landscape (a);
  /* the last L's morph plays out (a second) */
  settle (a);
  rss2 = rss_bytes ();
  used2 = heap_used ();
  fprintf (stderr, "soak: RSS %ld KiB after 1,000 frames, %ld KiB after "
           "%d (every %ld drawn); in use %ld and %ld KiB\n", rss1 >> 10,
           rss2 >> 10, SOAK_FRAMES, every, used1 >> 10, used2 >> 10);
  ck_assert_int_gt (rss1, 0);
  ck_assert_int_le (used2 - used1, SOAK_SLACK (1L << 20));
  ck_assert_int_le (rss2 - rss1, SOAK_SLACK (8L << 20));
  rs_app_free (a);
}
END_TEST

/* 20,000 frames of scenes/net-dead.scene in figure mode, in real threads
 * (no fixed step): a kick every 200 frames, most of them while the last
 * one's run and figures are still being made, so that jobs are dropped,
 * superseded and taken in every order; Leaky ReLU switched every 5,000
 * and the next optimiser every 7,000.  Every 10th frame is drawn.  The
 * run stays at most about 1,300 points long, so the bytes malloc has
 * handed out and not taken back after the last frame may exceed those
 * after the 2,000th by 1 MiB at most, both measured once every job is
 * done and a morph of L has played out (settle).  Resident memory is
 * printed, not bounded: each job's thread may leave glibc a heap of its
 * own (an arena), which it keeps for the next. */
START_TEST (test_soak_figure)
{
  rs_app_options o;
  rs_scene sc;
  rs_app *a;
  rs_error err;
  long rss1 = 0, rss2, used1 = 0, used2;

  ck_assert_int_eq (cli_load_scene (RS_TOP_SRCDIR "/scenes/net-dead.scene",
                                    &sc), CLI_OK);
  rs_app_options_default (&o);
  o.width = 160;
  o.height = 100;
  a = app_new (&sc, &o);
  for (long i = 1; i <= 20000; i++)
    {
      rs_app_poll (a);
      if (i % 200 == 0)
        press (a, SDLK_k);
      if (i % 5000 == 0)
        press (a, SDLK_l);
      if (i % 7000 == 0)
        press (a, SDLK_o);
      rs_app_advance (a, 1.0 / 60.0);
      if (i % 10 == 0)
        ck_assert_int_eq (rs_app_render (a, &err), 0);
      if (i == 2000)
        {
          rs_app_wait_landscape (a);
          settle (a);
          rss1 = rss_bytes ();
          used1 = heap_used ();
        }
    }
  rs_app_wait_landscape (a);
  settle (a);
  rss2 = rss_bytes ();
  used2 = heap_used ();
  fprintf (stderr, "soak (figure): in use %ld KiB after 2,000 frames, %ld "
           "KiB after 20,000; RSS %ld and %ld KiB; the run %zu points\n",
           used1 >> 10, used2 >> 10, rss1 >> 10, rss2 >> 10,
           rs_sim_n_recorded (rs_app_sim (a)));
  ck_assert (!rs_app_pending (a));
  ck_assert_ptr_eq (rs_app_optim (a), rs_optim_types[2]);
  ck_assert (rs_app_leaky (a) == 0);
  ck_assert_int_gt (rss1, 0);
  ck_assert_int_le (used2 - used1, SOAK_SLACK (1L << 20));
  rs_app_free (a);
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
  int x, y, x1, y1;

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
  ck_assert_int_eq (steps (a), 0);
  /* a pixel's worth of w and b, from the mapping itself */
  rs_app_pixel_of (a, 0.0, 0.0, &x, &y);
  rs_app_pixel_of (a, 1.0, -1.0, &x1, &y1);
  ck_assert_double_le (fabs (rs_sim_recorded (rs_app_sim (a), 0)->w + 1.713),
                       1.5 / (x1 - x));
  ck_assert_double_le (fabs (rs_sim_recorded (rs_app_sim (a), 0)->b - 2.281),
                       1.5 / (y1 - y));
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

/* Scripts name every key of the app: letters, punctuation by name, and
 * Shift+Up / Shift+Down with their modifier. */
START_TEST (test_script_keys)
{
  static const char text[] = "0 key a\n0 key Z\n1 key shift+up\n"
                             "1 key pagedown\n2 key ]\n2 key period\n"
                             "3 key f5\n3 key up\n";
  static const struct {
    SDL_Keycode key;
    Uint16 mod;
  } want[] = {
    { SDLK_a, 0 }, { SDLK_z, 0 }, { SDLK_UP, KMOD_SHIFT },
    { SDLK_PAGEDOWN, 0 }, { SDLK_RIGHTBRACKET, 0 }, { SDLK_PERIOD, 0 },
    { SDLK_F5, 0 }, { SDLK_UP, 0 }
  };
  rs_error err;
  rs_app_script *s = rs_app_script_parse (text, strlen (text), "k.script",
                                          &err);

  ck_assert_msg (s != NULL, "%s", err.message);
  ck_assert_int_eq (rs_app_script_length (s), 8);
  for (size_t i = 0; i < 8; i++)
    {
      ck_assert_int_eq (rs_app_script_get (s, i)->key, want[i].key);
      ck_assert_int_eq (rs_app_script_get (s, i)->mod, want[i].mod);
    }
  rs_app_script_free (s);
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
  TCase *tn = tcase_create ("Network");
  TCase *tp = tcase_create ("Files and presenter");
  TCase *tk = tcase_create ("Soak");

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
  tcase_add_test (tc, test_pixels);
  tcase_add_test (tc, test_speed_keys);
  tcase_add_test (tc, test_single_step);
  tcase_add_test (tc, test_alpha_keys);
  tcase_add_test (tc, test_kick_and_rate_keys);
  tcase_add_test (tc, test_run_settings);
  tcase_add_test (tc, test_toggles);
  tcase_add_test (tc, test_keys_listed);
  suite_add_tcase (s, tc);

  tcase_add_checked_fixture (tn, net_setup, teardown);
  tcase_add_test (tn, test_net_plays);
  tcase_add_test (tn, test_net_scrub);
  tcase_add_test (tn, test_net_kick);
  tcase_add_test (tn, test_net_live);
  tcase_add_test (tn, test_net_opens_at_once);
  tcase_add_loop_test (tn, test_random_keys, 0, 2);
  tcase_add_test (tn, test_net_kick_twice);
  tcase_add_test (tn, test_net_click);
  suite_add_tcase (s, tn);

  tcase_add_checked_fixture (tp, load_scene_fixture, NULL);
  tcase_add_test (tp, test_save_keys);
  tcase_add_test (tp, test_present_beats);
  tcase_add_test (tp, test_live_beats);
  tcase_add_test (tp, test_drag_turns_3d);
  suite_add_tcase (s, tp);

  tcase_add_checked_fixture (tk, load_scene_fixture, NULL);
  tcase_set_timeout (tk, 600);
  tcase_add_test (tk, test_soak);
  tcase_add_test (tk, test_soak_figure);
  suite_add_tcase (s, tk);

  tcase_add_checked_fixture (ts, load_scene_fixture, NULL);
  tcase_add_test (ts, test_script_runs);
  tcase_add_test (ts, test_script_click_and_frames);
  tcase_add_test (ts, test_script_comments);
  tcase_add_test (ts, test_script_keys);
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
  return app_tests_run (app_suite ());
}
