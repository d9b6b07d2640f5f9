/* app_keys.c: the app's keys (C4, C5, C8, C11): the help's list of them
 * (app_keys, which README.md and reluscape(1) repeat) and the key map
 * (key_map) from each key to its action, one function.  An action that
 * the control strip offers too is the very function its control calls
 * (app_controls.c's controls[]), and lives beside the state it changes
 * (app_state.c: training and the live settings; app_step.c: playback);
 * the keys' own small actions are here.
 *
 * To add a key: a row in key_map (the key, whether Shift is held, the
 * action), a row in app_keys for the help overlay (or the key named in
 * an existing row), and the action below when no function does it
 * yet. */
#include <config.h>

#include "app/app_private.h"

/* How much one press changes the speed, the rate, alpha and the kick's
 * strength (a factor, so that they span decades in a few presses). */
#define SPEED_FACTOR 1.5
#define RATE_FACTOR 1.25
#define ALPHA_FACTOR 1.5
#define KICK_FACTOR 1.5

/* Every key, for the help overlay; README.md and reluscape(1) list the
 * same.  Each works on every scene; where one cannot (a click off a
 * landscape over two named parameters, B on such a scene), the window
 * says why. */
static const rs_app_key app_keys[] = {
  { "Space", "pause or resume" },
  { "+  -  or  Up  Down", "faster, slower (steps a second)" },
  { ".  or  Right", "one step forward (pauses)" },
  { ",  Backspace  or  Left", "one step back (pauses)" },
  { "PageDown  PageUp", "play to the next beat, back to the one before" },
  { "Home", "rewind to the run's start (pauses)" },
  { "L", "Leaky ReLU on or off: the plateau tilts" },
  { "A  Z", "Leaky ReLU's α up, down" },
  { "K", "thermal kick" },
  { "]  [", "kick stronger, weaker" },
  { "N  Shift+N", "Langevin temperature up, down (by 0.01)" },
  { "Shift+Up  Shift+Down", "learning rate up, down" },
  { "O", "next optimiser" },
  { "W", "bias warming on or off" },
  { "D", "weight decay on the biases on or off" },
  { "C", "kink convention s = 0, 0.5, 1: f'(0) = s, or α + s(1 − α) "
         "under Leaky ReLU" },
  { "G", "the arrow of steepest descent on or off" },
  { "P", "the path on or off" },
  { "T", "dark theme on or off" },
  { "F5", "presenter mode: dark, large, pauses at beats" },
  { "M", "the control strip on or off (the mouse does what the keys do)" },
  { "F", "fullscreen on or off" },
  { "S", "save a PNG screenshot" },
  { "E", "export the figure as PDF" },
  { "B", "one more ball from here, with the next optimiser" },
  { "R", "reset to the scene's start and settings" },
  { "click", "start the ball there (a landscape over two parameters)" },
  { "drag", "turn a 3-D landscape" },
  { "H  or  ?", "this help" },
  { "Q  or  Esc", "quit" }
};

const rs_app_key *
rs_app_keys (size_t *n)
{
  *n = N_ELEMS (app_keys);
  return app_keys;
}

/* ---- the keys' own actions ---------------------------------------------- */

/* + and Up: faster; - and Down: slower. */
static void
faster (rs_app *a)
{
  app_set_speed (a, a->in.speed * SPEED_FACTOR);
}

static void
slower (rs_app *a)
{
  app_set_speed (a, a->in.speed * (1.0 / SPEED_FACTOR));
}

/* Shift+Up and Shift+Down: the learning rate up or down. */
static void
rate_up (rs_app *a)
{
  app_set_rate (a, a->in.rate * RATE_FACTOR);
}

static void
rate_down (rs_app *a)
{
  app_set_rate (a, a->in.rate * (1.0 / RATE_FACTOR));
}

/* A and Z: Leaky ReLU's alpha up or down, switching it on. */
static void
alpha_up (rs_app *a)
{
  app_scale_alpha (a, ALPHA_FACTOR);
}

static void
alpha_down (rs_app *a)
{
  app_scale_alpha (a, 1.0 / ALPHA_FACTOR);
}

/* ] and [: the kick stronger or weaker. */
static void
kick_stronger (rs_app *a)
{
  app_set_kick_sigma (a, a->in.kick_sigma * KICK_FACTOR);
}

static void
kick_weaker (rs_app *a)
{
  app_set_kick_sigma (a, a->in.kick_sigma / KICK_FACTOR);
}

/* N and Shift+N: Langevin's temperature up or down by APP_TEMP_STEP. */
static void
warmer (rs_app *a)
{
  app_set_temperature (a, app_temperature (a) + APP_TEMP_STEP);
}

static void
cooler (rs_app *a)
{
  app_set_temperature (a, app_temperature (a) + -APP_TEMP_STEP);
}

/* Right and Left: a step, or in presenter mode a beat. */
static void
right (rs_app *a)
{
  if (a->view.present)
    app_next_beat (a);
  else
    app_step_forward (a);
}

static void
left (rs_app *a)
{
  if (a->view.present)
    app_prev_beat (a);
  else
    app_step_back (a);
}

/* G: the arrow of steepest descent on or off. */
static void
toggle_grad (rs_app *a)
{
  a->view.show_grad = !a->view.show_grad;
}

/* P: the path on or off. */
static void
toggle_path (rs_app *a)
{
  a->view.show_path = !a->view.show_path;
}

/* T: the dark theme on or off; the figure is drawn again in it. */
static void
toggle_dark (rs_app *a)
{
  a->view.scene.style.dark = !a->view.scene.style.dark;
  app_figure_request (a);
}

/* F5: presenter mode on or off; the figure is drawn again in its look. */
static void
toggle_present (rs_app *a)
{
  app_set_present (a, !a->view.present);
  app_figure_request (a);
}

/* S: the window as PNG; E: the figure alone as PDF (app_save_file). */
static void
save_png (rs_app *a)
{
  app_save_file (a, "png");
}

static void
export_pdf (rs_app *a)
{
  app_save_file (a, "pdf");
}

/* H and ?: the help overlay on or off. */
static void
toggle_help (rs_app *a)
{
  a->view.help = !a->view.help;
}

/* Q and Esc: quit. */
static void
quit (rs_app *a)
{
  a->in.quit = 1;
}

/* ---- the key map -------------------------------------------------------- */

/* Whether a key's row wants Shift: either way, not held, held. */
enum { SHIFT_ANY, SHIFT_NO, SHIFT_YES };

/* One key (with or without Shift) and its action. */
typedef struct {
  SDL_Keycode key;
  int shift;
  app_action act;
} key_binding;

/* Every key and its action, in app_keys's order; the first row that
 * matches a press acts. */
static const key_binding key_map[] = {
  { SDLK_SPACE, SHIFT_ANY, app_toggle_pause },
  { SDLK_PLUS, SHIFT_ANY, faster },
  { SDLK_EQUALS, SHIFT_ANY, faster },
  { SDLK_KP_PLUS, SHIFT_ANY, faster },
  { SDLK_MINUS, SHIFT_ANY, slower },
  { SDLK_KP_MINUS, SHIFT_ANY, slower },
  { SDLK_UP, SHIFT_NO, faster },
  { SDLK_DOWN, SHIFT_NO, slower },
  { SDLK_PERIOD, SHIFT_ANY, app_step_forward },
  { SDLK_RIGHT, SHIFT_ANY, right },
  { SDLK_COMMA, SHIFT_ANY, app_step_back },
  { SDLK_BACKSPACE, SHIFT_ANY, app_step_back },
  { SDLK_LEFT, SHIFT_ANY, left },
  { SDLK_PAGEDOWN, SHIFT_ANY, app_next_beat },
  { SDLK_PAGEUP, SHIFT_ANY, app_prev_beat },
  { SDLK_HOME, SHIFT_ANY, app_rewind },
  { SDLK_l, SHIFT_ANY, app_toggle_activation },
  { SDLK_a, SHIFT_ANY, alpha_up },
  { SDLK_z, SHIFT_ANY, alpha_down },
  { SDLK_k, SHIFT_ANY, app_kick },
  { SDLK_RIGHTBRACKET, SHIFT_ANY, kick_stronger },
  { SDLK_LEFTBRACKET, SHIFT_ANY, kick_weaker },
  { SDLK_n, SHIFT_NO, warmer },
  { SDLK_n, SHIFT_YES, cooler },
  { SDLK_UP, SHIFT_YES, rate_up },
  { SDLK_DOWN, SHIFT_YES, rate_down },
  { SDLK_o, SHIFT_ANY, app_next_optim },
  { SDLK_w, SHIFT_ANY, app_toggle_warming },
  { SDLK_d, SHIFT_ANY, app_toggle_decay },
  { SDLK_c, SHIFT_ANY, app_next_kink },
  { SDLK_g, SHIFT_ANY, toggle_grad },
  { SDLK_p, SHIFT_ANY, toggle_path },
  { SDLK_t, SHIFT_ANY, toggle_dark },
  { SDLK_F5, SHIFT_ANY, toggle_present },
  { SDLK_m, SHIFT_ANY, app_toggle_controls },
  { SDLK_f, SHIFT_ANY, app_toggle_fullscreen },
  { SDLK_s, SHIFT_ANY, save_png },
  { SDLK_e, SHIFT_ANY, export_pdf },
  { SDLK_b, SHIFT_ANY, app_balls_add },
  { SDLK_r, SHIFT_ANY, app_reset },
  { SDLK_h, SHIFT_ANY, toggle_help },
  { SDLK_QUESTION, SHIFT_ANY, toggle_help },
  { SDLK_SLASH, SHIFT_YES, toggle_help },
  { SDLK_q, SHIFT_ANY, quit },
  { SDLK_ESCAPE, SHIFT_ANY, quit }
};

/* A key press: the action of key_map's first row for the key and the
 * state of Shift in mod; other keys do nothing. */
void
app_key_press (rs_app *a, SDL_Keycode key, Uint16 mod)
{
  int shift = (mod & KMOD_SHIFT) != 0 ? SHIFT_YES : SHIFT_NO;

  for (size_t i = 0; i < N_ELEMS (key_map); i++)
    if (key_map[i].key == key
        && (key_map[i].shift == SHIFT_ANY || key_map[i].shift == shift))
      {
        key_map[i].act (a);
        return;
      }
}
