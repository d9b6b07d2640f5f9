/* app_private.h: the app's state, shared by its files (app.c lists
 * them: the loop, the input, the keys, the strip, the live settings,
 * the playback, the overlays, the jobs, the balls).
 *
 * The state is split by who changes it: the run (the jobs and the keys
 * that change training), the view (the figure drawn and how), the input
 * (the live settings the keys set) and the window (SDL). */
#ifndef RS_APP_PRIVATE_H
#define RS_APP_PRIVATE_H

#include <stdatomic.h>

#include <SDL.h>
#include <reluscape/reluscape.h>

#include "app/app.h"
#include "draw/figure.h"
#include "draw/plane.h"
#include "draw/theme.h"
#include "draw/variants.h"

/* The grid of the figure's planes: coarser than render's, since the
 * figure is remade after every live change and as the run moves on; a
 * coarse one is shown at once, the full one after. */
#define FIG_GRID 121
#define FIG_PREVIEW_GRID 31

/* Figures being made at once, on as many threads: the newest change's,
 * and older ones finishing the stage they are in. */
#define MAX_JOBS 2

/* B adds a ball with another optimiser, up to this many besides the
 * first. */
#define MAX_EXTRA 4

/* A change of activation or a kick (L, A, Z, K, or one the run recorded,
 * reached by playback) is shown as a morph, the surface tilting from the
 * old alpha to the new or the ball moving along the kick
 * (rs_figure_play) over about a second, as animations show it, in this
 * many figures made ahead by the change's job; playback waits at the
 * change's point meanwhile. */
#define MORPH_FRAMES 12
#define MORPH_SECONDS 1.0

#define N_ELEMS(a) (sizeof (a) / sizeof (a)[0])

/* The ranges of the live settings (those of the scene language, the
 * rate's from a thousandth), and the temperature slider's (0.01 a press
 * of N). */
#define APP_SPEED_MIN 0.1
#define APP_SPEED_MAX 1000.0
#define APP_RATE_MIN 0.001
#define APP_RATE_MAX 100.0
#define APP_ALPHA_MIN 0.001
#define APP_ALPHA_MAX 0.9
#define APP_KICK_MIN 0.01
#define APP_KICK_MAX 100.0
#define APP_TEMP_STEP 0.01
#define APP_TEMP_SLIDER_MAX 0.25

/* Which training settings a key changes. */
enum { APP_TRAIN_OPTIM, APP_TRAIN_WARMING, APP_TRAIN_DECAY,
       APP_TRAIN_KINK };

/* Where the window's parts are, in pixels: the figure, and when the
 * control strip is shown the strip, the HUD, each control (a slider's
 * track too), the legend of the balls and the messages; s is the
 * strip's scale, unit the pixels a window point. */
typedef struct {
  int shown;
  double s;
  double unit;
  int hud_lines;
  rs_rect figure;
  rs_rect dock;
  rs_rect hud;
  rs_rect control[24];
  rs_rect track[24];
  rs_rect legend;
  rs_rect toast;
} app_layout;

/* The look a figure was made in: the scene, and its views (the scene's
 * own, or the defaults, written into the scene); figures and planes
 * point at both. */
typedef struct {
  rs_scene scene;
  rs_view views[RS_SCENE_MAX_VIEWS];
  size_t n_views;
  rs_runs runs;                /* a scene with variants: the figure's runs,
                                  the first its own run in this scene, the
                                  others the app's (app_runs_attach) */
} look;

/* A figure with the run and the look it points at, owned together, and
 * a 2 x 2 plane of its clickable view (NULL: none takes clicks), which
 * gives that view's window (the window does not depend on the grid). */
typedef struct {
  look *look;
  rs_sim *sim;
  rs_figure *fig;
  rs_plane *probe;
  size_t probe_view;
  size_t at;                   /* the point the figure was made through */
  size_t grid;                 /* its grid, points a side */
} picture;

typedef struct fig_job fig_job;

/* The extra balls: each its own run, with its own optimiser, kept at the
 * step of the point shown. */
typedef struct {
  rs_sim *sim[MAX_EXTRA];
  size_t from[MAX_EXTRA];      /* the point each was added at */
  size_t n;
  char first[64];              /* the run's variant (a scene's first),
                                  else "" */
} app_balls;

/* The run: the keys that change training and the jobs change it. */
typedef struct {
  rs_sim *sim;                 /* the run shown (a picture's) */
  rs_sim *head;                /* the run with the changes not yet shown:
                                  made at the point shown; NULL: none */
  size_t shown;                /* the recorded point played back */
  unsigned long gen;           /* counts the changes */
  fig_job *jobs[MAX_JOBS];
  size_t n_jobs;
  int want_job;                /* a change waits for a free job */
  int want_follow;             /* the figure is stale: a new one through
                                  the point shown waits for a free job */
  int want_morph;              /* the change not yet shown (L, A, Z, K) or
                                  the point playback reached (a recorded
                                  change of activation or kick) is seen
                                  as a morph: its job makes one */
  int morph_wait;              /* playback waits at the point shown for
                                  its morph's job */
  char fig_error[400];         /* why the last figure failed */
  app_balls balls;
  rs_runs variants;            /* a scene with variants: every variant's
                                  run from its start to its end (the first
                                  unused: the run is the app's own); n 0:
                                  none */
} app_run;

/* The control strip's picture, and what it shows (app_controls.c). */
typedef struct {
  cairo_surface_t *image;
  char key[3000];
} app_strip_cache;

/* The view: the figure drawn and what is drawn on it. */
typedef struct {
  rs_scene scene;              /* as drawn: presenter mode and T change
                                  its style */
  rs_style style0;             /* the scene's own style */
  look *look;
  rs_figure *fig;
  unsigned long gen;           /* the change it shows */
  size_t at;                   /* the point it was made through */
  size_t grid;                 /* its grid, points a side */
  rs_plane *probe;             /* the figure's probe (picture) */
  size_t probe_view;
  int show_grad;
  int show_path;
  int present;
  int help;
  int controls;                /* the control strip asked for (M) */
  app_strip_cache strip;
  rs_net *net;                 /* the network of a point, read back */
  fig_job *morph_job;          /* the job still making the morph played:
                                  its frames are read from it as they are
                                  ready; NULL: none, or all taken */
  picture morph[MORPH_FRAMES]; /* the morph played, once its job is done:
                                  figures of morph_run */
  picture morph_run;           /* the run and look they show (no figure) */
  size_t n_morph;
  double morph_start;          /* when it started (the window's clock) */
} app_view;

/* The input: the live settings and what the user asked for. */
typedef struct {
  double speed;
  double rate;
  double alpha;
  int leaky;
  double kick_sigma;
  int paused;
  int dragging;                /* a drag on a 3-D view turns its camera */
  int slider;                  /* 1 + the slider being dragged; 0: none */
  double slider_value;         /* its value under the pointer */
  size_t goal;                 /* PageDown plays up to this point */
  int to_goal;                 /* ... and pauses there */
  double goal_speed;           /* at this many points a second */
  int quit;
  size_t next_action;          /* the script's first action not yet done */
} app_input;

/* The window. */
typedef struct {
  int sdl_up;
  SDL_Window *win;
  SDL_Renderer *ren;
  SDL_Texture *tex;
  int tex_w;
  int tex_h;
  int vsync;
  int fullscreen;
  double clock;                /* seconds passed, for toasts */
  char toast[2000];
  double toast_until;
  unsigned long frame;
} app_window;

struct rs_app {
  rs_app_options opt;
  int fixed;                   /* every frame advances 1/60 s, and figures
                                  are made at once (reproducible) */
  double acc;                  /* seconds since the last step */
  app_run run;
  app_view view;
  app_input in;
  app_window win;
};

/* An action of a key, a control of the strip or both: one function
 * each, the keys' in app_keys.c's key map, the strip's in
 * app_controls.c's controls[]. */
typedef void (*app_action) (rs_app *a);

/* app.c */
void app_set_present (rs_app *a, int on);

/* app_loop.c */
int app_open_window (rs_app *a, rs_error *err);
int app_ensure_texture (rs_app *a, rs_error *err);
void app_toggle_fullscreen (rs_app *a);

/* app_input.c */
rs_rect app_probe_plot (const rs_app *a);

/* app_keys.c */
void app_key_press (rs_app *a, SDL_Keycode key, Uint16 mod);

/* app_overlay.c */
void app_toast (rs_app *a, int error, const char *msg);
void app_toast_draw (cairo_t *cr, const rs_app *a, double width,
                     double height);
void app_draw_window (cairo_t *cr, double width, double height,
                      void *data);
void app_save_file (rs_app *a, const char *ext);

/* app_state.c: the live settings, and the actions that change them or
 * how the run trains. */
void app_apply_live (const rs_app *a, rs_sim *sim);
void app_live_from_scene (rs_app *a);
void app_live_from_point (rs_app *a);
const rs_optim_type *app_optim_after (const rs_optim_type *t);
void app_toggle_activation (rs_app *a);
void app_set_alpha (rs_app *a, double alpha);
void app_scale_alpha (rs_app *a, double factor);
void app_kick (rs_app *a);
void app_set_rate (rs_app *a, double rate);
void app_set_kick_sigma (rs_app *a, double sigma);
void app_set_temperature (rs_app *a, double t);
double app_temperature (const rs_app *a);
void app_train_key (rs_app *a, int what);
void app_next_optim (rs_app *a);
void app_toggle_warming (rs_app *a);
void app_toggle_decay (rs_app *a);
void app_next_kink (rs_app *a);
void app_reset (rs_app *a);

/* app_step.c: playback, and the actions that move through it. */
void app_toggle_pause (rs_app *a);
void app_single_step (rs_app *a, int forward);
void app_step_forward (rs_app *a);
void app_step_back (rs_app *a);
void app_rewind (rs_app *a);
void app_set_speed (rs_app *a, double speed);
void app_next_beat (rs_app *a);
void app_prev_beat (rs_app *a);
double app_play_speed (const rs_app *a);

/* app_controls.c; the strip's margin and text size at scale 1 (pixels),
 * the messages' too (app_overlay.c), and text put in a box. */
#define APP_PAD 8.0
#define APP_TEXT_PX 12.0
void app_put_text (cairo_t *cr, rs_rect box, double x, double y,
                   const char *markup, double px, double ax, rs_rgb c,
                   double wrap);
double app_text_height (cairo_t *cr, const char *markup, double px,
                        double width);
rs_rect app_in_points (rs_rect r, double unit);
void app_layout_of (const rs_app *a, double width, double height,
                    app_layout *l);
rs_rect app_figure_area (const rs_app *a);
int app_controls_press (rs_app *a, double px, double py);
int app_controls_drag (rs_app *a, double px);
int app_controls_release (rs_app *a, double px);
void app_toggle_controls (rs_app *a);
void app_controls_draw (cairo_t *cr, rs_app *a, double width,
                        double height);
void app_controls_free (rs_app *a);

/* app_jobs.c */
int app_point_tame (const rs_sim *sim, size_t i);
size_t app_finite_index (const rs_sim *sim, size_t i);
void app_jobs_poll (rs_app *a);
void app_jobs_wait (rs_app *a);
void app_jobs_drop (rs_app *a);
void app_figure_request (rs_app *a);
int app_figure_first (rs_app *a, rs_error *err);
rs_sim *app_target (rs_app *a);
void app_changed (rs_app *a);
void app_follow (rs_app *a);
int app_figure_stale (const rs_app *a);
void app_show_point (rs_app *a, size_t i);
void app_morph_end (rs_app *a);
void app_morph_request (rs_app *a);
rs_figure *app_figure_drawn (rs_app *a);
double app_morph_at (const rs_app *a);

/* app_moment.c: mid-change, the end of the HUD text's first line gets
 * " · figure: before the kick" (or "40 % into the kick", "before the
 * switch", ...): the moment the figure drawn shows; text unchanged
 * otherwise or when it would not fit in n. */
void app_hud_moment (rs_app *a, char *text, size_t n);

/* app_balls.c */
void app_balls_add (rs_app *a);
void app_balls_sync (rs_app *a);
void app_balls_free (app_balls *b);
void app_balls_each (rs_app *a, void (*fn) (rs_app *, rs_sim *, void *),
                     void *data);
void app_balls_draw (cairo_t *cr, const rs_app *a, double width,
                     double height);
void app_balls_legend (cairo_t *cr, const rs_app *a, rs_rect box,
                       double s);

/* app_runs.c */
int app_runs_make (rs_app *a, const rs_scene *sc, rs_error *err);
void app_runs_attach (const rs_runs *variants, look *l, rs_sim *sim,
                      rs_figure *f);
void app_runs_note (rs_app *a);
void app_runs_free (rs_app *a);

#endif /* RS_APP_PRIVATE_H */
