/* check_app_controls.c: the app's control strip, its overlays and its
 * pacing, under SDL's dummy video driver.
 *
 * - A lesson driven by the mouse alone (presses at the controls'
 *   rectangles, as rs_app_control_at gives them) ends in the same state,
 *   bit for bit, as the same lesson driven by the keys.
 * - A slider drag sets the value of the slider's map at the pointer: the
 *   expected value is computed here from the track's ends (lo at its
 *   left end, hi at its right, linear in the value or in its log).
 * - The HUD and the messages lie outside the landscape's plot, whose
 *   corners are where the scene's w and b ranges are drawn
 *   (rs_app_pixel_of), so that they cover neither the start, nor the
 *   path, nor the valley, nor a contour label.
 * - Presenter mode (and --paused) starts paused on the first frame;
 *   PageDown plays to the next beat at the scene's speed (the time it
 *   takes: points over speed), and the kick after the last beat of
 *   scenes/net-kick.scene is played as its morph on the way to the end. */
#include <config.h>

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "app/app.h"
#include "app_util.h"
#include "pixels.h"
#include "draw/theme.h"

#define WIN_W 1024
#define WIN_H 640

/* An app of w x h on sc, every figure made at once (reproducible: two
 * apps given the same input are in the same state). */
static rs_app *
app_sized (const rs_scene *sc, int w, int h, int present, int paused)
{
  rs_app_options o;

  rs_app_options_default (&o);
  o.width = w;
  o.height = h;
  o.fixed_step = 1;
  o.present = present;
  o.paused = paused;
  return app_new (sc, &o);
}

/* The control named name, the strip shown. */
static rs_app_control
control (const rs_app *a, const char *name)
{
  rs_app_control c;

  for (size_t i = 0; i < rs_app_n_controls (); i++)
    {
      ck_assert (rs_app_control_at (a, i, &c));
      if (strcmp (c.name, name) == 0)
        return c;
    }
  ck_abort_msg ("no control %s", name);
  return c;
}

/* A mouse event of type at window point (x, y). */
static void
mouse (rs_app *a, Uint32 type, int x, int y)
{
  SDL_Event e;

  memset (&e, 0, sizeof e);
  e.type = type;
  if (type == SDL_MOUSEMOTION)
    {
      e.motion.x = x;
      e.motion.y = y;
      e.motion.state = SDL_BUTTON_LMASK;
    }
  else
    {
      e.button.button = SDL_BUTTON_LEFT;
      e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED
                       : SDL_RELEASED;
      e.button.clicks = 1;
      e.button.x = x;
      e.button.y = y;
    }
  ck_assert_int_eq (SDL_PushEvent (&e), 1);
  rs_app_poll (a);
}

/* A click (press and release) in the middle of the control named name. */
static void
click_control (rs_app *a, const char *name)
{
  rs_app_control c = control (a, name);
  int x = (int) (c.box.x + c.box.width / 2);
  int y = (int) (c.box.y + c.box.height / 2);

  mouse (a, SDL_MOUSEBUTTONDOWN, x, y);
  mouse (a, SDL_MOUSEBUTTONUP, x, y);
}

/* Whether two rectangles share any point. */
static int
meet (rs_rect r, rs_rect q)
{
  return r.x < q.x + q.width && q.x < r.x + r.width && r.y < q.y + q.height
         && q.y < r.y + r.height;
}

/* The landscape's plot of the built-in scene, in window points: its
 * corners are (w, b) = (-3, 3) and (3, -3), the scene's ranges. */
static rs_rect
plot_rect (const rs_app *a)
{
  int x0, y0, x1, y1;

  rs_app_pixel_of (a, -3.0, 3.0, &x0, &y0);
  rs_app_pixel_of (a, 3.0, -3.0, &x1, &y1);
  ck_assert_int_gt (x1, x0);
  ck_assert_int_gt (y1, y0);
  return (rs_rect) { x0, y0, x1 - x0 + 1, y1 - y0 + 1 };
}

/* Both apps show the same point of the same run. */
static void
same_state (const rs_app *k, const rs_app *m)
{
  const rs_sim *sk = rs_app_sim (k), *sm = rs_app_sim (m);
  size_t np = rs_net_nparams (rs_sim_net (sk));

  ck_assert_int_eq (rs_app_shown (k), rs_app_shown (m));
  ck_assert_int_eq (rs_sim_n_recorded (sk), rs_sim_n_recorded (sm));
  ck_assert (memcmp (rs_sim_theta (sk, rs_app_shown (k)),
                     rs_sim_theta (sm, rs_app_shown (m)),
                     np * sizeof (double)) == 0);
  ck_assert_int_eq (rs_app_paused (k), rs_app_paused (m));
  ck_assert_int_eq (rs_app_leaky (k), rs_app_leaky (m));
  ck_assert_double_eq (rs_app_alpha (k), rs_app_alpha (m));
  ck_assert_double_eq (rs_app_rate (k), rs_app_rate (m));
  ck_assert_int_eq (rs_app_warming (k), rs_app_warming (m));
  ck_assert_int_eq (rs_app_decay_biases (k), rs_app_decay_biases (m));
  ck_assert_double_eq (rs_app_kink (k), rs_app_kink (m));
}

/* One step of the lesson: key on k, a click on control name on m, then
 * n frames on both. */
static void
lesson_step (rs_app *k, rs_app *m, SDL_Keycode key, const char *name,
             int n)
{
  press (k, key);
  click_control (m, name);
  rs_app_wait_landscape (k);
  rs_app_wait_landscape (m);
  frames (k, n, 1.0 / 60.0);
  frames (m, n, 1.0 / 60.0);
  same_state (k, m);
}

/* The built-in scene's lesson (C4, C8, C11, C10, C7, C3), once with the
 * keys and once with the mouse alone: the ball rolls onto the plateau,
 * Leaky ReLU frees it, a kick, a pause, a step, warming, decay, the
 * kink, a rewind and a reset; after each the two apps agree, bit for
 * bit (a step back, the next optimiser, one more ball and the play to
 * the next beat too).  The story itself holds on the mouse's app: dead on the plateau,
 * alive after Leaky ReLU. */
START_TEST (test_mouse_lesson)
{
  rs_scene sc;
  rs_app *k, *m;

  load_scene (&sc);
  k = app_sized (&sc, WIN_W, WIN_H, 0, 0);
  m = app_sized (&sc, WIN_W, WIN_H, 0, 0);
  ck_assert (rs_app_controls_shown (m));
  frames (k, 366, 1.0 / 60.0);
  frames (m, 366, 1.0 / 60.0);
  same_state (k, m);
  ck_assert_int_eq (shown_point (m)->active, 0);
  lesson_step (k, m, SDLK_l, "leaky", 750);
  ck_assert (rs_app_leaky (m));
  ck_assert_int_gt (shown_point (m)->active, 0);
  lesson_step (k, m, SDLK_k, "kick", 90);
  ck_assert (shown_point (m)->step > 0);
  lesson_step (k, m, SDLK_SPACE, "play", 30);
  ck_assert (rs_app_paused (m));
  lesson_step (k, m, SDLK_PERIOD, "step", 1);
  lesson_step (k, m, SDLK_COMMA, "back", 1);
  lesson_step (k, m, SDLK_o, "optimiser", 1);
  ck_assert_ptr_eq (rs_app_optim (m), rs_optim_momentum);
  lesson_step (k, m, SDLK_b, "ball", 1);
  ck_assert_int_eq (rs_app_n_balls (m), 2);
  lesson_step (k, m, SDLK_w, "warming", 1);
  ck_assert (rs_app_warming (m));
  lesson_step (k, m, SDLK_d, "decay", 1);
  ck_assert (rs_app_decay_biases (m));
  lesson_step (k, m, SDLK_c, "kink", 1);
  ck_assert_double_eq (rs_app_kink (m), 0.5);
  lesson_step (k, m, SDLK_SPACE, "play", 40);
  ck_assert (!rs_app_paused (m));
  lesson_step (k, m, SDLK_HOME, "rewind", 1);
  ck_assert_int_eq (rs_app_shown (m), 0);
  lesson_step (k, m, SDLK_PAGEDOWN, "beat", 60);
  ck_assert_int_gt (rs_app_shown (m), 0);
  lesson_step (k, m, SDLK_r, "reset", 1);
  ck_assert_int_eq (steps (m), 0);
  ck_assert (!rs_app_leaky (m));
  rs_app_free (k);
  rs_app_free (m);
}
END_TEST

/* The value of slider c with the pointer at window column x: the centre
 * of the point, (x + 0.5), at fraction t of the track, lo + t (hi - lo),
 * or lo (hi / lo)^t when the slider is logarithmic. */
static double
expected_value (const rs_app_control *c, int x)
{
  double t = (x + 0.5 - c->track.x) / c->track.width;

  ck_assert (t >= 0.0 && t <= 1.0);
  return c->log ? c->lo * pow (c->hi / c->lo, t) : c->lo + t * (c->hi
                                                                - c->lo);
}

/* Drag slider name from 20 % of its track to 71.3 %: nothing changes
 * until the button is let go, then the value is the map's at the point
 * let go. */
static double
drag (rs_app *a, const char *name)
{
  rs_app_control c = control (a, name);
  int y = (int) (c.track.y + c.track.height / 2);
  int x0 = (int) (c.track.x + 0.2 * c.track.width);
  int x1 = (int) (c.track.x + 0.713 * c.track.width);

  ck_assert_int_eq (c.kind, RS_CONTROL_SLIDER);
  mouse (a, SDL_MOUSEBUTTONDOWN, x0, y);
  mouse (a, SDL_MOUSEMOTION, x1, y);
  mouse (a, SDL_MOUSEBUTTONUP, x1, y);
  rs_app_wait_landscape (a);
  return expected_value (&c, x1);
}

/* Each slider, dragged: the rate (the point shown then takes it), alpha
 * (Leaky ReLU switched on), the kick's size and the temperature (the
 * point shown then takes it). */
START_TEST (test_slider_drag)
{
  rs_scene sc;
  rs_app *a;
  double v, rate0;
  rs_app_control c;

  load_scene (&sc);
  a = app_sized (&sc, WIN_W, WIN_H, 0, 1);
  rate0 = rs_app_rate (a);
  c = control (a, "rate");
  mouse (a, SDL_MOUSEBUTTONDOWN, (int) (c.track.x + 10),
         (int) (c.track.y + 2));
  ck_assert_double_eq (rs_app_rate (a), rate0);
  mouse (a, SDL_MOUSEBUTTONUP, (int) (c.track.x + 10), (int) (c.track.y + 2));
  v = drag (a, "rate");
  ck_assert_double_eq_tol (rs_app_rate (a), v, 1e-12 * v);
  ck_assert_double_eq_tol (shown_point (a)->rate, v, 1e-12 * v);
  v = drag (a, "alpha");
  ck_assert (rs_app_leaky (a));
  ck_assert_double_eq_tol (rs_app_alpha (a), v, 1e-12 * v);
  v = drag (a, "kick-sigma");
  ck_assert_double_eq_tol (rs_app_kick_sigma (a), v, 1e-12 * v);
  v = drag (a, "speed");
  ck_assert_double_eq_tol (rs_app_speed (a), v, 1e-12 * v);
  v = drag (a, "temperature");
  ck_assert_double_eq_tol (shown_point (a)->temperature, v, 1e-12);
  ck_assert (shown_point (a)->events & RS_EVENT_TRAIN);
  rs_app_free (a);
}
END_TEST

/* Whether every word of keys is a word of some key of the help's
 * table. */
static int
keys_listed (const char *keys)
{
  size_t nk;
  const rs_app_key *k = rs_app_keys (&nk);
  char buf[128], *save = NULL;

  snprintf (buf, sizeof buf, "%s", keys);
  for (char *w = strtok_r (buf, " ", &save); w != NULL;
       w = strtok_r (NULL, " ", &save))
    {
      size_t j = 0;

      for (; j < nk; j++)
        {
          char kb[128], *s2 = NULL, *v;

          snprintf (kb, sizeof kb, "%s", k[j].keys);
          for (v = strtok_r (kb, " ", &s2); v != NULL;
               v = strtok_r (NULL, " ", &s2))
            if (strcmp (v, w) == 0)
              break;
          if (v != NULL)
            break;
        }
      if (j == nk)
        return 0;
    }
  return 1;
}

/* Every control shows keys of the help's table, and lies inside the
 * strip, right of the figure, no two overlapping. */
START_TEST (test_controls_laid_out)
{
  rs_scene sc;
  rs_app *a;
  rs_app_control c, d;
  int fw, fh;

  load_scene (&sc);
  a = app_sized (&sc, WIN_W, WIN_H, 0, 1);
  rs_app_figure_size (a, &fw, &fh);
  ck_assert_int_lt (fw, WIN_W);
  ck_assert_int_eq (fh, WIN_H);
  for (size_t i = 0; i < rs_app_n_controls (); i++)
    {
      ck_assert (rs_app_control_at (a, i, &c));
      ck_assert_msg (keys_listed (c.key), "%s's key %s is not in the help",
                     c.name, c.key);
      ck_assert_double_ge (c.box.x, fw);
      ck_assert_double_le (c.box.x + c.box.width, WIN_W);
      ck_assert_double_le (c.box.y + c.box.height, WIN_H);
      for (size_t k = 0; k < i; k++)
        {
          ck_assert (rs_app_control_at (a, k, &d));
          ck_assert_msg (!meet (c.box, d.box), "%s overlaps %s", c.name,
                         d.name);
        }
    }
  ck_assert (!rs_app_control_at (a, rs_app_n_controls (), &c));
  rs_app_free (a);
}
END_TEST

/* The HUD beside the plot, never on it: its rectangle meets neither the
 * plot (where the start, the valley and the contour labels are) nor any
 * point of the path; it grows with the window; a window too narrow for
 * the strip (640 points) shows none (the figure's status line stands
 * for it). */
START_TEST (test_hud_off_the_plot)
{
  static const int sizes[][2] = { { 1280, 720 }, { 1024, 640 },
                                  { 760, 700 }, { 640, 400 } };
  rs_scene sc;
  rs_app *a;
  rs_rect hud, plot;
  double last_w = 1e9;
  int x, y;

  load_scene (&sc);
  for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++)
    {
      a = app_sized (&sc, sizes[k][0], sizes[k][1], 0, 0);
      frames (a, 366, 1.0 / 60.0);
      if (sizes[k][0] < 720)
        {
          ck_assert (!rs_app_hud_rect (a, &hud));
          rs_app_free (a);
          continue;
        }
      ck_assert (rs_app_hud_rect (a, &hud));
      plot = plot_rect (a);
      ck_assert_msg (!meet (hud, plot), "the HUD covers the plot at %dx%d",
                     sizes[k][0], sizes[k][1]);
      for (size_t i = 0; i <= rs_app_shown (a); i++)
        {
          const rs_sim_point *pt = rs_sim_recorded (rs_app_sim (a), i);

          rs_app_pixel_of (a, pt->w, pt->b, &x, &y);
          ck_assert (!meet (hud, (rs_rect) { x, y, 1, 1 }));
        }
      ck_assert_double_lt (hud.width, last_w);
      last_w = hud.width;
      rs_app_free (a);
    }
}
END_TEST

/* A message (B's) lies in the strip, off the figure; without the strip
 * it lies above the landscape's panel (its title 16 points high and its
 * axes below), in the figure's header. */
START_TEST (test_toast_off_the_axes)
{
  rs_scene sc;
  rs_app *a;
  rs_rect t, plot;
  int fw, fh;

  load_scene (&sc);
  a = app_sized (&sc, WIN_W, WIN_H, 0, 0);
  frames (a, 60, 1.0 / 60.0);
  press (a, SDLK_b);
  ck_assert (rs_app_toast_rect (a, &t));
  rs_app_figure_size (a, &fw, &fh);
  ck_assert_double_ge (t.x, fw);
  press (a, SDLK_m);
  rs_app_wait_landscape (a);
  press (a, SDLK_b);
  ck_assert (rs_app_toast_rect (a, &t));
  plot = plot_rect (a);
  ck_assert_double_le (t.y + t.height, plot.y - 16);
  rs_app_free (a);
}
END_TEST

/* B's balls: after Leaky ReLU and a kick, two balls added (momentum,
 * Nesterov) roll out of the plot; where each left, an arrow in its
 * colour (the palette's colour of its optimiser, theme.h) sits at the plot's
 * edge, 14 points inside it, on the line from the plot's centre to the
 * ball, wider than the ball's trail. */
START_TEST (test_balls_off_the_frame)
{
  static const char *const optim[2] = { "momentum", "nesterov" };
  rs_scene sc;
  rs_app *a;
  rs_error err;
  rs_rect plot;
  Uint32 *px;
  int w, h;

  load_scene (&sc);
  a = app_sized (&sc, WIN_W, WIN_H, 0, 0);
  frames (a, 366, 1.0 / 60.0);
  press (a, SDLK_l);
  rs_app_wait_landscape (a);
  frames (a, 60, 1.0 / 60.0);
  press (a, SDLK_k);
  rs_app_wait_landscape (a);
  press (a, SDLK_b);
  press (a, SDLK_b);
  frames (a, 170, 1.0 / 60.0);
  press (a, SDLK_SPACE);
  ck_assert_int_eq (rs_app_n_balls (a), 3);
  plot = plot_rect (a);
  rs_app_output_size (a, &w, &h);
  px = malloc ((size_t) w * h * 4);
  ck_assert_int_eq (rs_app_render (a, &err), 0);
  ck_assert_int_eq (rs_app_read_pixels (a, px, 4 * w, &err), 0);
  for (size_t i = 1; i <= 2; i++)
    {
      const rs_neuron *u = rs_sim_neuron (rs_app_ball_sim (a, i));
      double cx = plot.x + plot.width / 2, cy = plot.y + plot.height / 2;
      double dx, dy, k;
      int x, y;
      Uint32 c;

      ck_assert_msg (fabs (u->w) > 3 || fabs (u->b) > 3,
                     "ball %zu is at (%g, %g), in the plot", i, u->w, u->b);
      rs_app_pixel_of (a, u->w, u->b, &x, &y);
      dx = x - cx;
      dy = y - cy;
      k = fmin (fabs (dx) > 0 ? (plot.width / 2 - 14) / fabs (dx) : 1e9,
                fabs (dy) > 0 ? (plot.height / 2 - 14) / fabs (dy) : 1e9);
      /* inside the arrow's head, 2.5 points to either side of the line:
         the ball's trail, if there, is 2.2 points wide */
      for (int side = -1; side <= 1; side += 2)
        {
          double len = hypot (dx, dy);
          int ax = (int) lround (cx + k * dx - 2 * dx / len
                                 - side * 2.5 * dy / len);
          int ay = (int) lround (cy + k * dy - 2 * dy / len
                                 + side * 2.5 * dx / len);

          rs_rgb want = rs_palette_colour (rs_palette_optimiser
                                           (optim[i - 1]), 0);

          c = px[ay * w + ax];
          ck_assert_msg (pixel_distance (c, (Uint32) lround (want.r * 255)
                                         << 16
                                         | (Uint32) lround (want.g * 255)
                                         << 8
                                         | (Uint32) lround (want.b * 255))
                         < 40,
                         "ball %zu's arrow is %06x", i,
                         (unsigned) (c & 0xffffff));
        }
    }
  free (px);
  rs_app_free (a);
}
END_TEST

/* Presenter mode starts paused on the first frame, and so does an app
 * asked to (--paused); the others play at once. */
START_TEST (test_starts_paused)
{
  rs_scene sc;
  rs_app *a;

  load_scene (&sc);
  for (int k = 0; k < 3; k++)
    {
      a = app_sized (&sc, 800, 500, k == 1, k == 2);
      frames (a, 120, 1.0 / 60.0);
      ck_assert_int_eq (rs_app_paused (a), k > 0);
      if (k > 0)
        ck_assert_int_eq (rs_app_shown (a), 0);
      else
        ck_assert_int_gt (rs_app_shown (a), 0);
      ck_assert (!rs_app_controls_shown (a) == (k == 1));
      rs_app_free (a);
    }
}
END_TEST

/* PageDown plays to the next beat at the scene's speed: the built-in
 * scene with beats at steps 30 and 60, 8 points a second, reaches the
 * beat's point, the 32nd (step 30 has two: the step and the beat), after
 * 31 / 8 = 3.875 s, not before, and pauses there; PageUp goes back at
 * once; past the last beat PageDown plays to the end, in at most 6 s. */
START_TEST (test_page_down_plays)
{
  rs_scene sc;
  rs_app *a;
  size_t last;

  load_scene (&sc);
  sc.sim.events[sc.sim.n_events++] = (rs_sim_event) { 30, RS_SIM_BEAT, 0 };
  sc.sim.events[sc.sim.n_events++] = (rs_sim_event) { 60, RS_SIM_BEAT, 0 };
  a = app_sized (&sc, 800, 500, 0, 1);
  last = rs_sim_n_recorded (rs_app_sim (a)) - 1;
  press (a, SDLK_PAGEDOWN);
  ck_assert (!rs_app_paused (a));
  frames (a, 232, 1.0 / 60.0);                 /* 3.867 s: 30 points on */
  ck_assert_int_eq (rs_app_shown (a), 30);
  ck_assert (!rs_app_paused (a));
  frames (a, 1, 1.0 / 60.0);
  ck_assert_int_eq (rs_app_shown (a), 31);
  ck_assert_int_eq (steps (a), 30);
  ck_assert (rs_app_paused (a));
  ck_assert (shown_point (a)->events & RS_EVENT_BEAT);
  frames (a, 60, 1.0 / 60.0);
  ck_assert_int_eq (steps (a), 30);
  press (a, SDLK_PAGEDOWN);
  frames (a, 241, 1.0 / 60.0);
  ck_assert_int_eq (steps (a), 60);
  press (a, SDLK_PAGEUP);
  ck_assert_int_eq (steps (a), 30);
  press (a, SDLK_PAGEDOWN);
  frames (a, 241, 1.0 / 60.0);
  press (a, SDLK_PAGEDOWN);
  /* 140 points at 8 a second would take 17.5 s: 6 s it is */
  frames (a, 355, 1.0 / 60.0);
  ck_assert (!rs_app_paused (a));
  frames (a, 10, 1.0 / 60.0);
  ck_assert_int_eq (rs_app_shown (a), last);
  ck_assert (rs_app_paused (a));
  rs_app_free (a);
}
END_TEST

/* scenes/net-kick.scene in presenter mode: paused on the first frame;
 * PageDown plays to the beat at step 300 (before the kick) and pauses;
 * PageDown again plays on past the last beat: the kick there is played
 * as its morph, the ball waiting at the kick's point, and the play goes
 * on to the run's end. */
START_TEST (test_page_down_plays_last_event)
{
  rs_scene sc;
  rs_app_options o;
  rs_app *a;
  int n;

  load_scene_file ("net-kick.scene", &sc);
  /* figures made on threads, as in the window: the landscape follows
     the network's run without holding the play */
  rs_app_options_default (&o);
  o.width = 800;
  o.height = 500;
  o.present = 1;
  a = app_new (&sc, &o);
  frames (a, 30, 1.0 / 60.0);
  ck_assert (rs_app_paused (a));
  ck_assert_int_eq (rs_app_shown (a), 0);
  press (a, SDLK_PAGEDOWN);
  for (n = 0; n < 2000 && !rs_app_paused (a); n++)
    frames (a, 1, 1.0 / 60.0);
  ck_assert_int_eq (steps (a), 300);
  ck_assert (shown_point (a)->events & RS_EVENT_BEAT);
  ck_assert (!(shown_point (a)->events & RS_EVENT_KICK));
  press (a, SDLK_PAGEDOWN);
  for (n = 0; n < 60 && !(shown_point (a)->events & RS_EVENT_KICK); n++)
    frames (a, 1, 1.0 / 60.0);
  ck_assert (shown_point (a)->events & RS_EVENT_KICK);
  /* the ball waits there for the morph's figures, then it plays */
  rs_app_wait_landscape (a);
  frames (a, 1, 1.0 / 60.0);
  ck_assert (rs_app_morph (a) >= 0.0);
  frames (a, 30, 1.0 / 60.0);                  /* half the morph */
  ck_assert (shown_point (a)->events & RS_EVENT_KICK);
  ck_assert (rs_app_morph (a) >= 0.4);
  for (n = 0; n < 3000 && !rs_app_paused (a); n++)
    frames (a, 1, 1.0 / 60.0);
  ck_assert_int_eq (rs_app_shown (a), rs_sim_n_recorded (rs_app_sim (a)) - 1);
  rs_app_free (a);
}
END_TEST

static Suite *
controls_suite (void)
{
  Suite *s = suite_create ("app controls");
  TCase *tc = tcase_create ("Controls");
  TCase *to = tcase_create ("Overlays");
  TCase *tp = tcase_create ("Pacing");

  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_mouse_lesson);
  tcase_add_test (tc, test_slider_drag);
  tcase_add_test (tc, test_controls_laid_out);
  suite_add_tcase (s, tc);
  tcase_add_test (to, test_hud_off_the_plot);
  tcase_add_test (to, test_toast_off_the_axes);
  tcase_add_test (to, test_balls_off_the_frame);
  suite_add_tcase (s, to);
  tcase_set_timeout (tp, 120);
  tcase_add_test (tp, test_starts_paused);
  tcase_add_test (tp, test_page_down_plays);
  tcase_add_test (tp, test_page_down_plays_last_event);
  suite_add_tcase (s, tp);
  return s;
}

int
main (void)
{
  return app_tests_run (controls_suite ());
}
