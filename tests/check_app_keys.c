/* check_app_keys.c: the app's one mode: every key of rs_app_keys on the
 * built-in scene (the single neuron) and on scenes/net-dead.scene (a
 * 1-16-1 network), under SDL's dummy video driver; B's balls against a
 * hand computation of their optimisers' first steps; what the window
 * says where a key or a click cannot work; and the landscape following
 * the run of scenes/c08-leaky-relu.scene, compared pixel for pixel with
 * the figure `render --at` draws, and the tilt under L, morphing.
 *
 * Expected values come from the factors the manual gives for each key
 * (1.5 for the speed, alpha and the kick, 1.25 for the rate), from the
 * scene, from the update rules of the optimisers as PyTorch writes them
 * (torch.optim.SGD with momentum 0.9, nesterov) applied by hand to the
 * gradient of the mean squared error written out below, and from the
 * figure code drawing the same run through the same point. */
#include <config.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>
#include <check.h>

#include "app/app.h"
#include "app_util.h"
#include "draw/figure.h"
#include "app_pixels.h"
#include "pixels.h"
#include "draw/plane.h"
#include "draw/theme.h"

#define WIN_W 480
#define WIN_H 320

/* ---- every key ------------------------------------------------------- */

/* The app a key is tried on, with where it stood before the key. */
typedef struct {
  rs_app *a;
  rs_scene sc;
  size_t shown;
  double speed;
  double alpha;
  double rate;
  double kick;
  char dir[64];
} trial;

typedef struct {
  const char *token;            /* as rs_app_keys writes it */
  SDL_Keycode key;
  Uint16 mod;
  void (*check) (trial *t, SDL_Keycode key, Uint16 mod);
} key_case;

static void
check_space (trial *t, SDL_Keycode k, Uint16 m)
{
  press_mod (t->a, k, m);
  ck_assert (rs_app_paused (t->a));
  press_mod (t->a, k, m);
  ck_assert (!rs_app_paused (t->a));
}

static void
check_faster (trial *t, SDL_Keycode k, Uint16 m)
{
  press_mod (t->a, k, m);
  ck_assert_double_eq_tol (rs_app_speed (t->a), t->speed * 1.5, 1e-12);
  ck_assert_double_eq_tol (rs_app_rate (t->a), t->rate, 1e-15);
}

static void
check_slower (trial *t, SDL_Keycode k, Uint16 m)
{
  press_mod (t->a, k, m);
  ck_assert_double_eq_tol (rs_app_speed (t->a), t->speed / 1.5, 1e-12);
}

static void
check_forward (trial *t, SDL_Keycode k, Uint16 m)
{
  press_mod (t->a, k, m);
  ck_assert (rs_app_paused (t->a));
  ck_assert_int_eq (rs_app_shown (t->a), t->shown + 1);
}

static void
check_back (trial *t, SDL_Keycode k, Uint16 m)
{
  press_mod (t->a, k, m);
  ck_assert (rs_app_paused (t->a));
  ck_assert_int_eq (rs_app_shown (t->a), t->shown - 1);
}

/* The scenes have no beats: PageDown plays to the end (in at most 6 s)
 * and pauses there, PageUp goes to the start. */
static void
check_page_down (trial *t, SDL_Keycode k, Uint16 m)
{
  press_mod (t->a, k, m);
  ck_assert (!rs_app_paused (t->a));
  frames (t->a, 370, 1.0 / 60.0);
  rs_app_wait_landscape (t->a);
  frames (t->a, 10, 1.0 / 60.0);
  ck_assert (rs_app_paused (t->a));
  ck_assert_int_eq (rs_app_shown (t->a),
                    rs_sim_n_recorded (rs_app_sim (t->a)) - 1);
}

static void
check_page_up (trial *t, SDL_Keycode k, Uint16 m)
{
  press_mod (t->a, k, m);
  ck_assert_int_eq (rs_app_shown (t->a), 0);
}

/* A change of the run: a new point of the same step, with event ev,
 * shown first, the landscape drawn through it. */
static void
changed_here (trial *t, size_t step, unsigned ev)
{
  rs_app_wait_landscape (t->a);
  ck_assert (!rs_app_pending (t->a));
  ck_assert_int_eq (steps (t->a), step);
  ck_assert (shown_point (t->a)->events & ev);
  ck_assert_int_eq (rs_app_landscape_at (t->a), rs_app_shown (t->a));
  ck_assert_int_eq (rs_app_landscape_grid (t->a), 121);
}

static void
check_leaky (trial *t, SDL_Keycode k, Uint16 m)
{
  size_t step = steps (t->a);

  press_mod (t->a, k, m);
  ck_assert (rs_app_leaky (t->a));
  changed_here (t, step, RS_EVENT_ACT);
  ck_assert_ptr_eq (rs_sim_get_params (rs_app_sim (t->a))->net.layers > 0
                    ? rs_net_get_spec (rs_sim_net (rs_app_sim (t->a)))->act[0]
                    : rs_sim_neuron (rs_app_sim (t->a))->act,
                    rs_act_leaky_relu);
}

static void
check_alpha (trial *t, SDL_Keycode k, Uint16 m, double factor)
{
  size_t step = steps (t->a);

  press_mod (t->a, k, m);
  ck_assert (rs_app_leaky (t->a));
  ck_assert_double_eq_tol (rs_app_alpha (t->a), t->alpha * factor, 1e-12);
  changed_here (t, step, RS_EVENT_ACT);
}

static void
check_alpha_up (trial *t, SDL_Keycode k, Uint16 m)
{
  check_alpha (t, k, m, 1.5);
}

static void
check_alpha_down (trial *t, SDL_Keycode k, Uint16 m)
{
  check_alpha (t, k, m, 1 / 1.5);
}

static void
check_kick (trial *t, SDL_Keycode k, Uint16 m)
{
  size_t step = steps (t->a);

  press_mod (t->a, k, m);
  changed_here (t, step, RS_EVENT_KICK);
}

static void
check_kick_up (trial *t, SDL_Keycode k, Uint16 m)
{
  press_mod (t->a, k, m);
  ck_assert_double_eq_tol (rs_app_kick_sigma (t->a), t->kick * 1.5, 1e-12);
}

static void
check_kick_down (trial *t, SDL_Keycode k, Uint16 m)
{
  press_mod (t->a, k, m);
  ck_assert_double_eq_tol (rs_app_kick_sigma (t->a), t->kick / 1.5, 1e-12);
}

/* Shift+Up and Shift+Down: the rate by 1.25, the step of the point shown
 * then takes it; the speed stays. */
static void
check_rate (trial *t, SDL_Keycode k, Uint16 m)
{
  double want = t->rate * (k == SDLK_UP ? 1.25 : 1 / 1.25);

  press_mod (t->a, k, m);
  ck_assert_double_eq_tol (rs_app_rate (t->a), want, 1e-12);
  ck_assert_double_eq_tol (rs_app_speed (t->a), t->speed, 1e-12);
  rs_app_wait_landscape (t->a);
  ck_assert (shown_point (t->a)->events & RS_EVENT_RATE);
  ck_assert_double_eq_tol (shown_point (t->a)->rate, want, 1e-12);
}

/* Home: the run's first point, paused. */
static void
check_home (trial *t, SDL_Keycode k, Uint16 m)
{
  press_mod (t->a, k, m);
  ck_assert (rs_app_paused (t->a));
  ck_assert_int_eq (rs_app_shown (t->a), 0);
}

/* N: Langevin's temperature 0.01 higher (the manual's step) from the
 * point shown, the scene's being 0; Shift+N 0.01 lower, not below 0. */
static void
check_temp (trial *t, SDL_Keycode k, Uint16 m)
{
  size_t step = steps (t->a);

  ck_assert_double_eq (shown_point (t->a)->temperature, 0.0);
  press (t->a, SDLK_n);
  press (t->a, SDLK_n);
  press_mod (t->a, k, m);
  changed_here (t, step, RS_EVENT_TRAIN);
  ck_assert_double_eq_tol (shown_point (t->a)->temperature,
                           m ? 0.01 : 0.03, 1e-12);
  if (m)
    {
      press_mod (t->a, k, m);
      press_mod (t->a, k, m);
      rs_app_wait_landscape (t->a);
      ck_assert_double_eq (shown_point (t->a)->temperature, 0.0);
    }
}

/* M hides the control strip, and shows it again; this window (480
 * points wide) has no room for it, and says so. */
static void
check_strip (trial *t, SDL_Keycode k, Uint16 m)
{
  rs_rect r;

  ck_assert (rs_app_controls_shown (t->a));
  ck_assert (!rs_app_hud_rect (t->a, &r));
  press_mod (t->a, k, m);
  ck_assert (!rs_app_controls_shown (t->a));
  press_mod (t->a, k, m);
  ck_assert (rs_app_controls_shown (t->a));
  ck_assert_msg (strstr (rs_app_toast (t->a), "too narrow") != NULL, "%s",
                 rs_app_toast (t->a));
}

static void
check_optim (trial *t, SDL_Keycode k, Uint16 m)
{
  size_t step = steps (t->a);

  press_mod (t->a, k, m);
  changed_here (t, step, RS_EVENT_TRAIN);
  ck_assert_ptr_eq (rs_app_optim (t->a), rs_optim_momentum);
}

static void
check_warming (trial *t, SDL_Keycode k, Uint16 m)
{
  press_mod (t->a, k, m);
  changed_here (t, steps (t->a), RS_EVENT_TRAIN);
  ck_assert (rs_app_warming (t->a));
}

static void
check_decay (trial *t, SDL_Keycode k, Uint16 m)
{
  press_mod (t->a, k, m);
  rs_app_wait_landscape (t->a);
  ck_assert (rs_app_decay_biases (t->a));
}

static void
check_kink (trial *t, SDL_Keycode k, Uint16 m)
{
  press_mod (t->a, k, m);
  rs_app_wait_landscape (t->a);
  ck_assert_double_eq (rs_app_kink (t->a), 0.5);
}

static void
check_grad (trial *t, SDL_Keycode k, Uint16 m)
{
  rs_error err;

  press_mod (t->a, k, m);
  ck_assert (rs_app_grad_shown (t->a));
  ck_assert_int_eq (rs_app_render (t->a, &err), 0);
}

static void
check_path (trial *t, SDL_Keycode k, Uint16 m)
{
  press_mod (t->a, k, m);
  ck_assert (!rs_app_path_shown (t->a));
}

static void
check_theme (trial *t, SDL_Keycode k, Uint16 m)
{
  press_mod (t->a, k, m);
  ck_assert (rs_app_dark (t->a));
  rs_app_wait_landscape (t->a);
  ck_assert_int_eq (rs_app_shown (t->a), t->shown);
}

static void
check_present (trial *t, SDL_Keycode k, Uint16 m)
{
  press_mod (t->a, k, m);
  ck_assert (rs_app_present (t->a));
  ck_assert (rs_app_dark (t->a));
}

static void
check_fullscreen (trial *t, SDL_Keycode k, Uint16 m)
{
  press_mod (t->a, k, m);
  ck_assert (rs_app_fullscreen (t->a) || rs_app_toast (t->a)[0] != '\0');
}

/* S and E: a file named after the scene and the step shown. */
static void
check_save (trial *t, SDL_Keycode k, Uint16 m)
{
  char path[300];

  press_mod (t->a, k, m);
  snprintf (path, sizeof path, "%s/keys-step%05zu.%s", t->dir, steps (t->a),
            k == SDLK_s ? "png" : "pdf");
  ck_assert_msg (access (path, R_OK) == 0, "%s", rs_app_toast (t->a));
  unlink (path);
}

/* B: a second ball, with momentum (the optimiser after gd), at the point
 * shown; it follows the play step for step. */
static void
check_ball (trial *t, SDL_Keycode k, Uint16 m)
{
  const rs_sim *b;

  press_mod (t->a, k, m);
  ck_assert_int_eq (rs_app_n_balls (t->a), 2);
  b = rs_app_ball_sim (t->a, 1);
  ck_assert_ptr_eq (rs_sim_get_params (b)->optim, rs_optim_momentum);
  ck_assert_int_eq (rs_sim_step_count (b), steps (t->a));
  ck_assert (rs_sim_current (b)->events & RS_EVENT_TRAIN);
  frames (t->a, 30, 1.0 / 60.0);
  ck_assert_int_eq (rs_sim_step_count (b), steps (t->a));
  press (t->a, SDLK_COMMA);
  ck_assert_int_eq (rs_sim_step_count (b), steps (t->a));
}

/* R: the scene's start, step 0. */
static void
check_reset (trial *t, SDL_Keycode k, Uint16 m)
{
  rs_sim *ref = rs_sim_alloc (&t->sc.sim, NULL);
  size_t np = rs_net_nparams (rs_sim_net (ref));

  press_mod (t->a, k, m);
  rs_app_wait_landscape (t->a);
  ck_assert_int_eq (steps (t->a), 0);
  ck_assert (memcmp (rs_sim_theta (rs_app_sim (t->a), rs_app_shown (t->a)),
                     rs_sim_theta (ref, 0), np * sizeof (double)) == 0);
  rs_sim_free (ref);
}

/* A click on the landscape: its two parameters (the focus unit's weight
 * and bias) under the pointer, within a pixel's worth (from the mapping
 * itself), near the ball, inside the window fitted to its path. */
static void
check_click (trial *t, SDL_Keycode k, Uint16 m)
{
  const double d = 0.05;
  const double *theta = rs_sim_theta (rs_app_sim (t->a),
                                      rs_app_shown (t->a));
  size_t iu, iv;
  double u, v;
  int x, y, x1, y1;

  (void) k;
  (void) m;
  focus_indices (rs_app_sim (t->a), &iu, &iv);
  u = theta[iu] + d;
  v = theta[iv] - d;
  rs_app_pixel_of (t->a, u, v, &x, &y);
  rs_app_pixel_of (t->a, u + d, v - d, &x1, &y1);
  ck_assert_int_gt (x1, x);
  ck_assert_int_gt (y1, y);
  click (t->a, x, y);
  rs_app_wait_landscape (t->a);
  ck_assert_int_eq (steps (t->a), 0);
  theta = rs_sim_theta (rs_app_sim (t->a), 0);
  ck_assert_double_le (fabs (theta[iu] - u), 1.5 * d / (x1 - x));
  ck_assert_double_le (fabs (theta[iv] - v), 1.5 * d / (y1 - y));
}

/* A drag on a flat landscape turns nothing: it is a click there. */
static void
check_drag (trial *t, SDL_Keycode k, Uint16 m)
{
  double az0, el0, az, el;
  SDL_Event e;

  rs_app_camera (t->a, &az0, &el0);
  check_click (t, k, m);
  memset (&e, 0, sizeof e);
  e.type = SDL_MOUSEMOTION;
  e.motion.state = SDL_BUTTON_LMASK;
  e.motion.xrel = 30;
  rs_app_handle_event (t->a, &e);
  rs_app_camera (t->a, &az, &el);
  ck_assert_double_eq (az, az0);
  ck_assert_double_eq (el, el0);
}

static void
check_help (trial *t, SDL_Keycode k, Uint16 m)
{
  press_mod (t->a, k, m);
  ck_assert (rs_app_help_shown (t->a));
}

static void
check_quit (trial *t, SDL_Keycode k, Uint16 m)
{
  press_mod (t->a, k, m);
  ck_assert (rs_app_quit_requested (t->a));
}

/* Every word of rs_app_keys's key names, but "or". */
static const key_case cases[] = {
  { "Space", SDLK_SPACE, 0, check_space },
  { "+", SDLK_PLUS, 0, check_faster },
  { "-", SDLK_MINUS, 0, check_slower },
  { "Up", SDLK_UP, 0, check_faster },
  { "Down", SDLK_DOWN, 0, check_slower },
  { ".", SDLK_PERIOD, 0, check_forward },
  { "Right", SDLK_RIGHT, 0, check_forward },
  { ",", SDLK_COMMA, 0, check_back },
  { "Backspace", SDLK_BACKSPACE, 0, check_back },
  { "Left", SDLK_LEFT, 0, check_back },
  { "PageDown", SDLK_PAGEDOWN, 0, check_page_down },
  { "PageUp", SDLK_PAGEUP, 0, check_page_up },
  { "Home", SDLK_HOME, 0, check_home },
  { "L", SDLK_l, 0, check_leaky },
  { "A", SDLK_a, 0, check_alpha_up },
  { "Z", SDLK_z, 0, check_alpha_down },
  { "K", SDLK_k, 0, check_kick },
  { "]", SDLK_RIGHTBRACKET, 0, check_kick_up },
  { "[", SDLK_LEFTBRACKET, 0, check_kick_down },
  { "N", SDLK_n, 0, check_temp },
  { "Shift+N", SDLK_n, KMOD_LSHIFT, check_temp },
  { "Shift+Up", SDLK_UP, KMOD_LSHIFT, check_rate },
  { "Shift+Down", SDLK_DOWN, KMOD_LSHIFT, check_rate },
  { "O", SDLK_o, 0, check_optim },
  { "W", SDLK_w, 0, check_warming },
  { "D", SDLK_d, 0, check_decay },
  { "C", SDLK_c, 0, check_kink },
  { "G", SDLK_g, 0, check_grad },
  { "P", SDLK_p, 0, check_path },
  { "T", SDLK_t, 0, check_theme },
  { "F5", SDLK_F5, 0, check_present },
  { "F", SDLK_f, 0, check_fullscreen },
  { "M", SDLK_m, 0, check_strip },
  { "S", SDLK_s, 0, check_save },
  { "E", SDLK_e, 0, check_save },
  { "B", SDLK_b, 0, check_ball },
  { "R", SDLK_r, 0, check_reset },
  { "click", 0, 0, check_click },
  { "drag", 0, 0, check_drag },
  { "H", SDLK_h, 0, check_help },
  { "?", SDLK_QUESTION, 0, check_help },
  { "Q", SDLK_q, 0, check_quit },
  { "Esc", SDLK_ESCAPE, 0, check_quit }
};

#define N_CASES (sizeof cases / sizeof cases[0])

/* Whether word is one of the words of a key's names in rs_app_keys. */
static int
listed (const char *word)
{
  size_t n;
  const rs_app_key *k = rs_app_keys (&n);

  for (size_t i = 0; i < n; i++)
    {
      char buf[128], *save = NULL;

      snprintf (buf, sizeof buf, "%s", k[i].keys);
      for (char *w = strtok_r (buf, " ", &save); w != NULL;
           w = strtok_r (NULL, " ", &save))
        if (strcmp (w, word) == 0)
          return 1;
    }
  return 0;
}

/* The table of the help and this test's agree, word for word. */
START_TEST (test_every_key_tested)
{
  size_t n;
  const rs_app_key *k = rs_app_keys (&n);

  for (size_t i = 0; i < N_CASES; i++)
    ck_assert_msg (listed (cases[i].token), "%s is not in rs_app_keys",
                   cases[i].token);
  for (size_t i = 0; i < n; i++)
    {
      char buf[128], *save = NULL;

      snprintf (buf, sizeof buf, "%s", k[i].keys);
      for (char *w = strtok_r (buf, " ", &save); w != NULL;
           w = strtok_r (NULL, " ", &save))
        {
          size_t j = 0;

          while (j < N_CASES && strcmp (cases[j].token, w) != 0)
            j++;
          ck_assert_msg (strcmp (w, "or") == 0 || j < N_CASES,
                         "key %s of the help is not tested", w);
        }
    }
}
END_TEST

/* Key case _i % N_CASES on the built-in scene (_i < N_CASES) or on
 * net-dead (the others, with 300 steps), a second into the play. */
START_TEST (test_key)
{
  const key_case *c = &cases[_i % N_CASES];
  rs_app_options o;
  trial t;

  memset (&t, 0, sizeof t);
  if ((size_t) _i < N_CASES)
    load_scene (&t.sc);
  else
    {
      load_scene_file ("net-dead.scene", &t.sc);
      t.sc.sim.steps = 300;
    }
  snprintf (t.dir, sizeof t.dir, "/tmp/check_app_keys.XXXXXX");
  ck_assert_ptr_nonnull (mkdtemp (t.dir));
  rs_app_options_default (&o);
  o.width = WIN_W;
  o.height = WIN_H;
  o.name = "keys";
  o.save_dir = t.dir;
  t.a = app_new (&t.sc, &o);
  frames (t.a, 60, 1.0 / 60.0);
  rs_app_wait_landscape (t.a);
  t.shown = rs_app_shown (t.a);
  ck_assert_int_gt (t.shown, 0);
  t.speed = rs_app_speed (t.a);
  t.alpha = rs_app_alpha (t.a);
  t.rate = rs_app_rate (t.a);
  t.kick = rs_app_kick_sigma (t.a);
  c->check (&t, c->key, c->mod);
  rs_app_free (t.a);
  rmdir (t.dir);
}
END_TEST

/* ---- B against a hand computation -------------------------------------- */

/* The gradient of the single neuron's mean squared error at (w, b),
 * written out: L = (1/n) sum (relu (w x + b) - y)^2, so
 * dL/dw = (2/n) sum r x [w x + b > 0] and dL/db = (2/n) sum r [...],
 * r = relu (w x + b) - y (no point sits on the kink here). */
static void
mse_grad (const rs_data *d, double w, double b, double *gw, double *gb)
{
  *gw = *gb = 0.0;
  for (size_t i = 0; i < d->n; i++)
    {
      double z = w * d->x[i] + b;

      ck_assert (z != 0.0);
      if (z > 0)
        {
          *gw += 2.0 / d->n * (z - d->y[i]) * d->x[i];
          *gb += 2.0 / d->n * (z - d->y[i]);
        }
    }
}

/* B twice on the built-in scene at step 2: ball 1 trains with momentum,
 * ball 2 with Nesterov, from the point shown.  With a fresh state both
 * PyTorch rules start v = g; momentum steps theta - eta v = theta - eta
 * g, Nesterov theta - eta (g + 0.9 v) = theta - 1.9 eta g, eta = 0.3 the
 * scene's rate.  One step later each ball is there, to rounding. */
START_TEST (test_balls_first_step)
{
  rs_app_options o;
  rs_scene sc;
  rs_app *a;
  double w, b, gw, gb;
  const rs_neuron *u;

  load_scene (&sc);
  ck_assert_double_eq (sc.sim.rate, 0.3);
  rs_app_options_default (&o);
  o.width = WIN_W;
  o.height = WIN_H;
  a = app_new (&sc, &o);
  frames (a, 15, 1.0 / 60.0);                 /* 2 steps at 8 a second */
  press (a, SDLK_SPACE);
  ck_assert_int_eq (steps (a), 2);
  w = shown_point (a)->w;
  b = shown_point (a)->b;
  mse_grad (rs_sim_data (rs_app_sim (a)), w, b, &gw, &gb);
  press (a, SDLK_b);
  press (a, SDLK_b);
  ck_assert_int_eq (rs_app_n_balls (a), 3);
  ck_assert_ptr_eq (rs_sim_get_params (rs_app_ball_sim (a, 2))->optim,
                    rs_optim_nesterov);
  press (a, SDLK_PERIOD);
  ck_assert_int_eq (steps (a), 3);
  u = rs_sim_neuron (rs_app_ball_sim (a, 1));
  ck_assert_double_eq_tol (u->w, w - 0.3 * gw, 1e-12);
  ck_assert_double_eq_tol (u->b, b - 0.3 * gb, 1e-12);
  u = rs_sim_neuron (rs_app_ball_sim (a, 2));
  ck_assert_double_eq_tol (u->w, w - 1.9 * 0.3 * gw, 1e-12);
  ck_assert_double_eq_tol (u->b, b - 1.9 * 0.3 * gb, 1e-12);
  /* gd's own step is momentum's first */
  ck_assert_double_eq_tol (shown_point (a)->w, w - 0.3 * gw, 1e-12);
  rs_app_free (a);
}
END_TEST

/* The balls are drawn in their own colours where their runs are: ball 2
 * in the palette's colour of Nesterov (theme.h), not the first ball's
 * red; R removes them. */
START_TEST (test_balls_drawn)
{
  rs_app_options o;
  rs_scene sc;
  rs_app *a;
  rs_error err;
  Uint32 *px, c;
  int w, h, x, y;
  const rs_neuron *u;
  rs_rgb want;

  load_scene (&sc);
  rs_app_options_default (&o);
  o.width = WIN_W;
  o.height = WIN_H;
  a = app_new (&sc, &o);
  frames (a, 15, 1.0 / 60.0);
  press (a, SDLK_b);
  press (a, SDLK_o);                /* the first ball: momentum too */
  rs_app_wait_landscape (a);
  press (a, SDLK_b);                /* then nesterov */
  frames (a, 60, 1.0 / 60.0);
  press (a, SDLK_SPACE);
  rs_app_output_size (a, &w, &h);
  px = malloc ((size_t) w * h * 4);
  ck_assert_ptr_nonnull (px);
  ck_assert_int_eq (rs_app_render (a, &err), 0);
  ck_assert_int_eq (rs_app_read_pixels (a, px, 4 * w, &err), 0);
  u = rs_sim_neuron (rs_app_ball_sim (a, 2));
  rs_app_pixel_of (a, u->w, u->b, &x, &y);
  c = px[y * w + x];
  want = rs_palette_colour (rs_palette_optimiser ("nesterov"), 0);
  ck_assert_msg (pixel_distance (c, (Uint32) lround (want.r * 255) << 16
                                 | (Uint32) lround (want.g * 255) << 8
                                 | (Uint32) lround (want.b * 255)) < 64,
                 "ball 2 is %06x", (unsigned) (c & 0xffffff));
  free (px);
  press (a, SDLK_r);
  ck_assert_int_eq (rs_app_n_balls (a), 1);
  rs_app_free (a);
}
END_TEST

/* Where a key or a click cannot work, the window says why: a scene whose
 * only landscape is over random directions takes no click and no B. */
START_TEST (test_says_why)
{
  static const char text[] = "title \"random\"\nnetwork 1 4 1\n"
                             "steps 50\nview landscape random\n";
  rs_app_options o;
  rs_scene sc;
  rs_error err;
  rs_app *a;
  size_t n;
  int x, y;

  ck_assert_msg (rs_scene_parse (&sc, text, strlen (text), "random.scene",
                                 &err) == RS_OK, "%s", err.message);
  rs_app_options_default (&o);
  o.width = WIN_W;
  o.height = WIN_H;
  a = app_new (&sc, &o);
  frames (a, 20, 1.0 / 60.0);
  n = rs_app_shown (a);
  click (a, WIN_W / 2, WIN_H / 2);
  ck_assert_msg (strstr (rs_app_toast (a), "random direction") != NULL, "%s",
                 rs_app_toast (a));
  rs_app_wait_landscape (a);
  ck_assert_int_eq (rs_app_shown (a), n);
  press (a, SDLK_b);
  ck_assert_int_eq (rs_app_n_balls (a), 1);
  ck_assert_msg (strstr (rs_app_toast (a), "two named parameters") != NULL,
                 "%s", rs_app_toast (a));
  rs_app_pixel_of (a, 0, 0, &x, &y);
  ck_assert_int_eq (x, -1);
  rs_app_free (a);
}
END_TEST

/* ---- the landscape follows the run ------------------------------------ */


/* The same against the figure of sc's run made through point at and
 * showing it. */
static size_t
box_differs (const uint32_t *app_px, const rs_app *a, const rs_scene *sc,
             const rs_sim *sim, size_t at, int x, int y, int r)
{
  rs_figure *f = rs_figure_alloc (sc, sim, at, 121, NULL);
  size_t n;

  ck_assert_ptr_nonnull (f);
  rs_figure_show (f, at);
  n = box_differs_fig (app_px, a, f, x, y, r);
  rs_figure_free (f);
  return n;
}

/* The index of the recorded point of step `step` (the last such). */
static size_t
point_of_step (const rs_sim *sim, size_t step)
{
  size_t i = rs_sim_n_recorded (sim) - 1;

  while (i > 0 && rs_sim_recorded (sim, i)->step > step)
    i--;
  return i;
}

/* scenes/c08-leaky-relu.scene in the app, scripted (every figure made at
 * once): at step 30 the ball rests on the hatched plateau, the grid
 * point under it flat (a plane of the figure code through that point);
 * at step 60, after Leaky ReLU came at step 50, the landscape has been
 * drawn again through the point shown: around the ball the window
 * equals the figure `render --at 60` draws at the same size, and
 * differs from the plateau's; the HUD says Leaky ReLU. */
START_TEST (test_c08_follows)
{
  rs_scene sc;
  rs_sim *ref;
  rs_plane *p;
  rs_app *a;
  rs_error err;
  uint32_t *px;
  int w, h, x, y, plateau, deader;
  size_t at30, at60, gi, gj;
  double u, v, loss, uu, vv;
  char hud[1024];
  rs_interval ur, vr;

  load_scene_file ("c08-leaky-relu.scene", &sc);
  ref = rs_sim_alloc (&sc.sim, NULL);
  ck_assert_ptr_nonnull (ref);
  rs_sim_run (ref);
  a = app_fixed (&sc, &w, &h, &px);
  while (steps (a) < 30)
    frames (a, 1, 1.0 / 60.0);
  press (a, SDLK_SPACE);
  at30 = rs_app_shown (a);
  ck_assert_int_eq (steps (a), 30);
  ck_assert_int_eq (shown_point (a)->active, 0);
  /* the plane through step 30, by the figure code: flat under the ball */
  p = rs_plane_alloc (&sc, &sc.views[0], ref, point_of_step (ref, 30), 121,
                      NULL);
  ck_assert_ptr_nonnull (p);
  ur = rs_plane_u_range (p);
  vr = rs_plane_v_range (p);
  u = shown_point (a)->w;
  v = shown_point (a)->b;
  gj = (size_t) lround ((u - ur.lo) / (ur.hi - ur.lo) * 120);
  gi = (size_t) lround ((v - vr.lo) / (vr.hi - vr.lo) * 120);
  ck_assert_int_eq (rs_plane_cell (p, gi, gj, &uu, &vv, &loss, &plateau,
                                   &deader), RS_OK);
  ck_assert_msg (plateau, "no plateau at (%g, %g)", uu, vv);
  rs_plane_free (p);
  ck_assert_int_eq (rs_app_render (a, &err), 0);
  ck_assert_int_eq (rs_app_read_pixels (a, px, 4 * w, &err), 0);
  rs_app_pixel_of (a, u, v, &x, &y);
  ck_assert_uint_le (box_differs (px, a, &sc, ref, at30, x, y, 40), 40);
  /* the HUD calls the neuron dead: inactive on every point with ReLU's
     slope 0 below 0 (C4) */
  rs_app_hud_text (a, hud, sizeof hud);
  ck_assert_msg (strstr (hud, "active on 0 of 24 points (dead)") != NULL,
                 "%s", hud);
  /* the gradient norm under the name the figure gives it (its timeline
     and panels write ‖∇L‖, the Euclidean norm), not |∇L| */
  ck_assert_msg (strstr (hud, "‖∇L‖ 0\n") != NULL, "%s", hud);
  ck_assert_ptr_null (strstr (hud, "|∇L|"));
  /* on to step 60 */
  press (a, SDLK_SPACE);
  while (steps (a) < 60)
    frames (a, 1, 1.0 / 60.0);
  press (a, SDLK_SPACE);
  ck_assert_int_eq (steps (a), 60);
  at60 = rs_app_shown (a);
  ck_assert_int_eq (at60, point_of_step (ref, 60));
  /* drawn again after the change at step 50 (for the single neuron
     nothing else changes the surface) */
  ck_assert (!rs_app_landscape_stale (a));
  ck_assert_int_gt (rs_app_landscape_at (a), point_of_step (ref, 49));
  ck_assert_int_le (rs_app_landscape_at (a), at60);
  ck_assert_int_eq (rs_app_render (a, &err), 0);
  ck_assert_int_eq (rs_app_read_pixels (a, px, 4 * w, &err), 0);
  rs_app_pixel_of (a, shown_point (a)->w, shown_point (a)->b, &x, &y);
  ck_assert_uint_le (box_differs (px, a, &sc, ref, at60, x, y, 40), 40);
  ck_assert_uint_gt (box_differs (px, a, &sc, ref, at30, x, y, 40), 400);
  /* still inactive on every point at step 60 (the scene's comment: it
     leaves the plateau at step 155), but not dead: Leaky ReLU's slope
     0.01 gives it a gradient (C8), as the figure's header says */
  rs_app_hud_text (a, hud, sizeof hud);
  ck_assert_msg (strstr (hud, "active on 0 of 24 points (on the α slope)")
                 != NULL, "%s", hud);
  /* the HUD and L go by the activation of the point shown, the scene's
     Leaky ReLU of step 50: L switches it off */
  ck_assert (rs_app_leaky (a));
  ck_assert_double_eq (rs_app_alpha (a), 0.01);
  press (a, SDLK_l);
  ck_assert (!rs_app_leaky (a));
  ck_assert_ptr_eq (rs_sim_neuron (rs_app_sim (a))->act, rs_act_relu);
  free (px);
  rs_sim_free (ref);
  rs_app_free (a);
}
END_TEST

/* L on the built-in scene's plateau tilts it over a second: the first
 * frame after the change draws the surface of the old alpha (0, the
 * hatched plateau: rs_figure_morph at 0 of the same run, made by the
 * figure code) under the plateau's middle, and a second later the new
 * one (the figure of the change's point), the morph over.  The run is
 * made again here: the scene's run to the step shown, Leaky ReLU from
 * there, computed on for 300 steps (as app.h says a change is). */
START_TEST (test_leaky_morphs)
{
  rs_scene sc;
  rs_sim *ref;
  rs_figure *f;
  rs_app *a;
  rs_error err;
  uint32_t *px;
  int w, h, x, y;
  size_t step, at;

  load_scene (&sc);
  a = app_fixed (&sc, &w, &h, &px);
  frames (a, 90, 1.0 / 60.0);
  press (a, SDLK_SPACE);
  step = steps (a);
  ck_assert_double_eq (rs_app_morph (a), -1.0);
  press (a, SDLK_l);
  ck_assert (rs_app_morph (a) >= 0.0 && rs_app_morph (a) < 1.0 / 12);
  at = rs_app_shown (a);
  ck_assert (shown_point (a)->events & RS_EVENT_ACT);
  ref = rs_sim_alloc (&sc.sim, NULL);
  for (size_t k = 0; k < step; k++)
    rs_sim_iterate (ref);
  rs_sim_set_activation (ref, rs_act_leaky_relu, sc.sim.alpha);
  /* the app computes a change 300 steps ahead */
  while (rs_sim_step_count (ref) < step + 300)
    rs_sim_iterate (ref);
  ck_assert_int_eq (rs_sim_n_recorded (ref),
                    rs_sim_n_recorded (rs_app_sim (a)));
  ck_assert_int_eq (rs_app_render (a, &err), 0);
  ck_assert_int_eq (rs_app_read_pixels (a, px, 4 * w, &err), 0);
  rs_app_pixel_of (a, 0.0, -2.0, &x, &y);
  /* the morph's frames are 61 points a side (app_jobs.c) */
  f = rs_figure_alloc (&sc, ref, at, 61, NULL);
  ck_assert_ptr_nonnull (f);
  ck_assert_int_eq (rs_figure_morph (f, 0.0, NULL), RS_OK);
  rs_figure_show (f, at);
  ck_assert_uint_le (box_differs_fig (px, a, f, x, y, 30), 30);
  rs_figure_free (f);
  /* a second on: the morph is over, the new surface drawn */
  press (a, SDLK_SPACE);
  frames (a, 61, 1.0 / 60.0);
  press (a, SDLK_SPACE);
  ck_assert_double_eq (rs_app_morph (a), -1.0);
  ck_assert_int_eq (rs_app_render (a, &err), 0);
  ck_assert_int_eq (rs_app_read_pixels (a, px, 4 * w, &err), 0);
  f = rs_figure_alloc (&sc, ref, at, 121, NULL);
  ck_assert_ptr_nonnull (f);
  rs_figure_show (f, rs_app_shown (a));
  ck_assert_uint_le (box_differs_fig (px, a, f, x, y, 30), 30);
  rs_figure_free (f);
  f = rs_figure_alloc (&sc, ref, at, 121, NULL);
  ck_assert_int_eq (rs_figure_morph (f, 0.0, NULL), RS_OK);
  rs_figure_show (f, rs_app_shown (a));
  ck_assert_uint_gt (box_differs_fig (px, a, f, x, y, 30), 300);
  rs_figure_free (f);
  rs_sim_free (ref);
  free (px);
  rs_app_free (a);
}
END_TEST

static Suite *
keys_suite (void)
{
  Suite *s = suite_create ("app keys");
  TCase *tk = tcase_create ("Keys");
  TCase *tb = tcase_create ("Balls");
  TCase *tf = tcase_create ("Follow");

  tcase_add_test (tk, test_every_key_tested);
  tcase_add_loop_test (tk, test_key, 0, (int) (2 * N_CASES));
  suite_add_tcase (s, tk);
  tcase_add_test (tb, test_balls_first_step);
  tcase_add_test (tb, test_balls_drawn);
  tcase_add_test (tb, test_says_why);
  suite_add_tcase (s, tb);
  tcase_add_test (tf, test_c08_follows);
  tcase_add_test (tf, test_leaky_morphs);
  suite_add_tcase (s, tf);
  return s;
}

int
main (void)
{
  return app_tests_run (keys_suite ());
}
