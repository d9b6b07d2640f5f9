/* app.h: the interactive app, an SDL2 window showing the landscape figure
 * of draw.h with the ball rolling on it (C4, C5, C8, C11).
 *
 * The app follows SDL2's test programs: one loop empties the event queue,
 * advances the run on a fixed time step, and draws with cairo straight
 * into a streaming texture.  Each part of that loop is public, so that a
 * test can drive the app under SDL's dummy video driver with pushed events
 * and simulated seconds, without a display and without real time.
 *
 * Every scene, the single neuron's too, is drawn with its figure
 * (figure.h), the figure `reluscape render` draws: the app computes the
 * run ahead to its end and plays the recorded trajectory back at the
 * scene's speed, over landscapes sliced through the point shown.  When
 * the run moves on to where the surface drawn is no longer the one it is
 * on (an activation or alpha changed, warming's shift, or for a slice of
 * a network the other parameters moved), the figure is drawn again
 * through the point shown, off the main thread, coarse first, while the
 * ball goes on moving.  A live change (a kick, Leaky ReLU, the
 * optimiser, a click ...) branches a copy of the run at the point shown;
 * the copy is computed ahead and its figure drawn on a thread of its
 * own, and shown when it is ready (rs_app_pending says whether one
 * waits).  B adds balls with other optimisers from the point shown, each
 * its own run.
 *
 * The keys are listed in rs_app_keys (the help overlay, README.md and
 * reluscape(1) list the same ones).
 *
 * A script (rs_app_script) replays timed actions, one a line,
 * "FRAME ACTION [ARGS]", for reproducible runs and screenshots. */
#ifndef RS_APP_H
#define RS_APP_H

#include <SDL.h>
#include <reluscape/reluscape.h>

#include "draw/draw.h"
#include "app/script.h"
#include "draw/variants.h"

typedef struct {
  int width;                    /* the window's size in points */
  int height;
  const rs_app_script *script;  /* NULL, or actions to replay; the caller
                                   keeps it alive while the app runs */
  unsigned long frames;         /* stop after this many frames; 0: never */
  int fixed_step;               /* nonzero: every frame advances exactly
                                   1/60 s, whatever the clock says (set
                                   by a script, for reproducible runs) */
  int present;                  /* start in presenter mode (paused on
                                   the first frame) */
  int paused;                   /* start paused on the first frame */
  const char *name;             /* S and E name their files NAME-stepN;
                                   NULL: "reluscape" */
  const char *save_dir;         /* where S and E write; NULL: "." */
} rs_app_options;

/* One key of the app and what it does, for the help overlay. */
typedef struct {
  const char *keys;
  const char *what;
} rs_app_key;

/* The keys, in the order of the help overlay; *n is set to their count. */
const rs_app_key *rs_app_keys (size_t *n);

/* The defaults: 1280 x 720, no script, no frame limit, real time. */
void rs_app_options_default (rs_app_options *o);

typedef struct rs_app rs_app;

/* Open a window on scene sc (which the app copies) and start its run.
 * NULL with err on failure: when there is no display the message says so
 * in one line and points at `reluscape render`. */
rs_app *rs_app_alloc (const rs_scene *sc, const rs_app_options *o,
                      rs_error *err);
void rs_app_free (rs_app *a);

/* React to one event: keys, clicks on the plot, quit. */
void rs_app_handle_event (rs_app *a, const SDL_Event *e);

/* Empty SDL's event queue through rs_app_handle_event. */
void rs_app_poll (rs_app *a);

/* Let seconds of time pass: while running, the optimiser takes one step
 * every 1 / speed seconds (the scene's speed), however the time is cut
 * into calls.  A call counts at most 0.25 s, so that after a stall the
 * ball does not race to catch up. */
void rs_app_advance (rs_app *a, double seconds);

/* Draw the current frame into the window.  Returns 0, or -1 with err. */
int rs_app_render (rs_app *a, rs_error *err);

/* Run the loop until quit (or the frame limit): poll, script actions,
 * advance, render.  Returns 0, or -1 with err after a failure. */
int rs_app_run (rs_app *a, rs_error *err);

/* Write the current frame, at the window's pixel size, to path (PNG, PDF
 * or SVG by its extension).  Returns 0, or -1 with err. */
int rs_app_screenshot (rs_app *a, const char *path, rs_error *err);

/* Read the renderer's pixels, as drawn by the last rs_app_render, into
 * pixels (SDL_PIXELFORMAT_ARGB8888, pitch bytes a row, at the size of
 * rs_app_output_size).  Returns 0, or -1 with err. */
int rs_app_read_pixels (rs_app *a, void *pixels, int pitch, rs_error *err);

/* The drawing's size in pixels (larger than the window's size in points
 * on a HiDPI screen). */
void rs_app_output_size (const rs_app *a, int *width, int *height);

/* The pixel (x, y) of the window where (w, b) is drawn on the first flat
 * landscape over two named parameters (w, b: its two); x and y count
 * window points, as mouse events do; -1 when there is none. */
void rs_app_pixel_of (const rs_app *a, double w, double b, int *x, int *y);

/* The pixel of the window where the figure drawn now (a morph's frame
 * while one plays) draws its ball on that landscape, in window points;
 * 0 when there is none. */
int rs_app_ball_drawn (rs_app *a, int *x, int *y);

/* Wait until the figures being made off the main thread (the run and
 * figure of the last change, or the figure following the run, on the
 * full grid) are done and shown. */
void rs_app_wait_landscape (rs_app *a);

/* State for tests and the loop. */
int rs_app_paused (const rs_app *a);
int rs_app_leaky (const rs_app *a);
double rs_app_alpha (const rs_app *a);
double rs_app_speed (const rs_app *a);        /* steps per second */
double rs_app_rate (const rs_app *a);         /* the base learning rate */
double rs_app_kick_sigma (const rs_app *a);
double rs_app_kink (const rs_app *a);
int rs_app_warming (const rs_app *a);
int rs_app_decay_biases (const rs_app *a);
const rs_optim_type *rs_app_optim (const rs_app *a);
int rs_app_present (const rs_app *a);
int rs_app_dark (const rs_app *a);
int rs_app_grad_shown (const rs_app *a);
int rs_app_path_shown (const rs_app *a);
int rs_app_fullscreen (const rs_app *a);
/* The 3-D views' camera, degrees (a drag turns it). */
void rs_app_camera (const rs_app *a, double *azimuth, double *elevation);
/* The recorded point drawn, the one played back. */
/* The HUD's text at the point shown, as markup (step, loss, gradient
 * norm, activity, the optimiser, the speed, the outcome at the end). */
void rs_app_hud_text (const rs_app *a, char *buf, size_t n);
size_t rs_app_shown (const rs_app *a);
/* The message shown at the bottom of the window ("" when none). */
const char *rs_app_toast (const rs_app *a);
/* Whether a landscape or figure is being computed off the main thread. */
int rs_app_landscape_busy (const rs_app *a);
/* Whether a change of the figure's run waits to be drawn (the window
 * shows the run before it until then). */
int rs_app_pending (const rs_app *a);
/* The grid points a side of the figure's landscapes drawn (0 before the
 * first figure), and the recorded point they were made through. */
/* Whether the full-grid figure of every change asked for is made (it
 * shows when the change's one-second morph is over). */
int rs_app_landscape_made (const rs_app *a);
size_t rs_app_landscape_grid (const rs_app *a);
size_t rs_app_landscape_at (const rs_app *a);
/* Where the morph of the last change of activation or kick is (L, A, Z,
 * K, or one the run recorded that playback reached: the surface tilting
 * or the ball kicked, over about a second), in [0, 1); -1 when none
 * plays. */
double rs_app_morph (const rs_app *a);
/* Whether the figure shown is no longer the one of the point shown: a
 * new one is being made (or waits for a free thread). */
int rs_app_landscape_stale (const rs_app *a);
/* The balls (B adds one): 1 + the extra ones; ball i's run (0: the
 * first; the others are at the step of the point shown), NULL past the
 * last. */
size_t rs_app_n_balls (const rs_app *a);
const rs_sim *rs_app_ball_sim (const rs_app *a, size_t i);
int rs_app_help_shown (const rs_app *a);
int rs_app_quit_requested (const rs_app *a);
unsigned long rs_app_frame (const rs_app *a);
const rs_sim *rs_app_sim (const rs_app *a);
const rs_scene *rs_app_scene (const rs_app *a);
/* A scene with variants: the runs the figure shown draws (the first the
 * app's run, the others each variant's from its start to its end, as
 * `render` makes them); NULL for a scene without variants. */
const rs_runs *rs_app_runs (const rs_app *a);

/* The ball's (W1[0][0], b1[0]) at the point shown (the figure draws it
 * gliding from the point before, by the fraction of the step period
 * that has passed). */
void rs_app_ball (const rs_app *a, double *w, double *b);

/* ---- the control strip (app_controls.c) ----

 * A column beside the figure with the HUD, a control for every live
 * setting and action (each showing its value and its key, and doing what
 * its key does), the legend of B's balls and the messages.  M shows and
 * hides it; presenter mode hides it.  Rectangles are in window points,
 * as mouse events are. */
typedef enum {
  RS_CONTROL_SLIDER,            /* a press and a drag set a value */
  RS_CONTROL_TOGGLE,            /* a press switches it (the kink: 0, 0.5, 1) */
  RS_CONTROL_BUTTON             /* a press acts */
} rs_app_control_kind;

typedef struct {
  const char *name;             /* rate, alpha, kick-sigma, temperature,
                                   leaky, warming, decay, kink, kick,
                                   step, play, rewind, reset */
  const char *key;              /* its key, as rs_app_keys writes it */
  rs_app_control_kind kind;
  double lo, hi;                /* a slider's range: the value at the left
                                   and the right end of its track */
  int log;                      /* the value's log is linear along the
                                   track (else the value itself) */
  rs_rect box;                  /* where a press reaches it */
  rs_rect track;                /* a slider's track */
} rs_app_control;

size_t rs_app_n_controls (void);
/* Control i into c; 1 when the strip is shown, else 0 (also past the
 * last control; c's rectangles then mean nothing). */
int rs_app_control_at (const rs_app *a, size_t i, rs_app_control *c);
int rs_app_controls_shown (const rs_app *a);
/* Where the HUD is drawn; 0 when it is not (the strip hidden). */
int rs_app_hud_rect (const rs_app *a, rs_rect *r);
/* Where the message is drawn; 0 when there is none now. */
int rs_app_toast_rect (rs_app *a, rs_rect *r);
/* The figure's size in pixels: the window's, less the strip's. */
void rs_app_figure_size (const rs_app *a, int *width, int *height);

#endif /* RS_APP_H */
