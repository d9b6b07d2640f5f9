/* scene_keywords.c: the table of the scene language's keywords.
 *
 * Each keyword is one row: its name, the form of its values and what it
 * sets (rs_scene_keyword: the documentation, `reluscape check --print`
 * and the tests read them), the function that reads its values (in
 * scene_keywords_*.c) and whether it may be on several lines.  A line of
 * a scene goes to its keyword's function here (statement). */
#include <config.h>

#include <string.h>

#include "scene_parse_private.h"

static const keyword keywords[] = {
  { { "title", "STRING", "the figure's title" }, kw_title, 0 },
  { { "notes", "STRING", "a paragraph of notes for the lecturer, shown "
      "under the figure by 'reluscape check --print' and the app's help; "
      "repeatable" }, kw_notes, 1 },
  { { "seed", "N", "seed of the data, the initialisation, the batches and "
      "the noise, 0 to 4294967295 (1)" }, kw_seed, 0 },
  { { "data", "NAME [N] | csv \"PATH\"", "the data generator (line abs "
      "sine step xor circle blobs spirals) and its number of points, or a "
      "CSV file relative to the scene's folder (line 24)" },
    kw_data, 0 },
  { { "points", "N", "number of data points, 2 to 100000 (24)" },
    kw_points, 0 },
  { { "line", "SLOPE INTERCEPT", "the data y = SLOPE x + INTERCEPT (2 1)" },
    kw_line, 0 },
  { { "noise", "SIGMA", "standard deviation of the data's noise, 0 to 100 "
      "(0.05)" }, kw_noise, 0 },
  { { "network", "N0 N1 ... NL", "a network's layer sizes, 2 to 66 sizes: "
      "1 to 1024 inputs, then 1 to 256 units a layer (none: the single "
      "neuron)" }, kw_network, 0 },
  { { "activation", "NAME [P]", "the hidden layers' activation; the single "
      "neuron takes relu or leaky_relu (relu)" }, kw_activation, 0 },
  { { "layer", "L NAME [P]", "layer L's own activation (1 to the "
      "network's layers), over 'activation' and 'output'; repeatable, once "
      "a layer" }, kw_layer, 1 },
  { { "alpha", "A", "Leaky ReLU's slope for z < 0, 0 <= A < 1 (0.1)" },
    kw_alpha, 0 },
  { { "output", "NAME [P]", "the network's output activation (identity)" },
    kw_output, 0 },
  { { "kink", "S", "derivative taken at the kink z = 0, 0 to 1 (0)" },
    kw_kink, 0 },
  { { "init", "SCHEME [C]", "the network's weights (he_normal he_uniform "
      "xavier_normal xavier_uniform constant C) (he_normal)" }, kw_init, 0 },
  { { "bias", "B", "every bias of the network at the start, -100 to 100 "
      "(0)" }, kw_bias, 0 },
  { { "set", "NAME VALUE", "one parameter at the start, such as W1[0][1] "
      "or b1[0]; repeatable" }, kw_set, 1 },
  { { "freeze", "NAME...", "parameters that never train, by name or "
      "pattern with '*' for any layer or index, such as W2[*][*] (every "
      "optimiser, decay, kick and noise leaves them as they are); "
      "repeatable" }, kw_freeze, 1 },
  { { "start", "W B", "the ball's starting point (0.5 0.5)" }, kw_start, 0 },
  { { "loss", "NAME", "mse softmax_ce relu_norm_ce sigmoid_bce (mse)" },
    kw_loss, 0 },
  { { "optimizer", "NAME [momentum MU] [rho R] [betas B1 B2] [eps E]",
      "gd momentum nesterov rmsprop adam and their constants (gd)" },
    kw_optimizer, 0 },
  { { "rate", "ETA", "learning rate, 0 < ETA <= 100 (0.1)" }, kw_rate, 0 },
  { { "schedule", "constant | step EVERY GAMMA | cosine TOTAL [FLOOR] | "
      "linear TOTAL [FLOOR]", "the learning rate's schedule (constant)" },
    kw_schedule, 0 },
  { { "warmup", "STEPS", "steps of linear warm-up of the rate, 0 to "
      "10000000 (0)" }, kw_warmup, 0 },
  { { "batch", "N", "points per step, 0 to 100000; 0: all (0)" }, kw_batch,
    0 },
  { { "clip", "NORM", "largest gradient norm, 0 to 1e6; 0: no clipping "
      "(0)" }, kw_clip, 0 },
  { { "decay", "LAMBDA [decoupled] [biases]", "weight decay, 0 to 1000 (0)" },
    kw_decay, 0 },
  { { "warming", "GAMMA hold T1 anneal T2 [linear|cosine] [from STEP]",
      "bias warming, 0 < GAMMA <= 1000 (none)" }, kw_warming, 0 },
  { { "temperature", "T [cosine TOTAL | linear TOTAL]", "Langevin noise, "
      "0 to 1000 (0)" }, kw_temperature, 0 },
  { { "steps", "N", "steps of a run, 1 to 10000000 (200)" }, kw_steps, 0 },
  { { "tolerance", "EPS", "gradient norm at which the ball rests, 0 to 1 "
      "(1e-6)" }, kw_tolerance, 0 },
  { { "record", "every K", "record every K-th step, 1 to 10000000 (1)" },
    kw_record, 0 },
  { { "w-range", "[LO, HI]", "the landscape's w axis ([-3, 3])" },
    kw_w_range, 0 },
  { { "b-range", "[LO, HI]", "the landscape's b axis ([-3, 3])" },
    kw_b_range, 0 },
  { { "kick", "at STEP sigma S [seed N] [all|weights|biases|unit L J]",
      "a thermal kick after STEP steps, N(0, S^2) on the target (all); "
      "repeatable" }, kw_kick, 1 },
  { { "autokick", "sigma S [eps E] [patience K] [all|weights|biases]",
      "a kick whenever the gradient norm stays below E for K steps "
      "(none)" }, kw_autokick, 0 },
  { { "at", "STEP alpha A | STEP rate R | STEP beat", "a change of the run "
      "after STEP steps; repeatable" }, kw_at, 1 },
  { { "kick-sigma", "S", "scale of the app's K key kick, 0 < S <= 1000 (1)" },
    kw_kick_sigma, 0 },
  { { "speed", "N", "steps per second in the app, 0.1 to 1000 (20)" },
    kw_speed, 0 },
  { { "focus", "L J", "the hidden unit (layer L from 1, unit J from 0) "
      "whose weight and bias the default landscape is over (the first "
      "unit revived, else the first that dies, else 1 0)" }, kw_focus, 0 },
  { { "view", "KIND [2d|3d] [over P1 P2|random|pca] [range [LO, HI] "
      "[LO, HI]] [grid N] [at STEP] | trace NAME...", "a panel of the figure: "
      "landscape activation network timeline histogram depth heads basin "
      "data, "
      "or trace NAME... (up to 4 parameters, gamma, rate); repeatable, up "
      "to 9 (the single neuron: landscape; a network: landscape, network, "
      "timeline)" }, kw_view, 1 },
  { { "layout", "auto | row | column | grid COLSxROWS", "how the views are "
      "placed; grid: 1 to 4 each (auto)" }, kw_layout, 0 },
  { { "theme", "light | dark", "the figure's colours (light)" }, kw_theme,
    0 },
  { { "colormap", "viridis | cividis | magma | grey", "the landscape's "
      "colour map (viridis)" }, kw_colormap, 0 },
  { { "colorscale", "log | linear", "the landscape's colour scale (log)" },
    kw_colorscale, 0 },
  { { "font", "\"FAMILY\" [SIZE]", "the figure's font family and body "
      "size in points, 4 to 72 (\"Sans\" 10)" }, kw_font, 0 },
  { { "size", "WxH [px|pt|cm]", "the figure's size: 16 to 16384 px or pt, "
      "1 to 500 cm (1200x800 px)" }, kw_size, 0 },
  { { "camera", "AZIMUTH ELEVATION", "the 3-D landscape's camera in "
      "degrees, -180 to 180 and 0 to 90 (-35 30)" }, kw_camera, 0 },
  { { "export", "\"PATH\" [size WxH [px|pt|cm]] [dpi N] [at STEP]", "a "
      "file that 'reluscape render SCENE' writes, .png .pdf .svg, or an "
      "animation .mp4 .gif, relative to the scene's folder; dpi 10 to 2400 "
      "(96); at: the step drawn (start, end, a number; an animation's last; "
      "else 'show'); repeatable, up to 8" },
    kw_export, 1 },
  { { "show", "STEP | start | end", "the moment a figure draws when "
      "'render' gets no --at (end)" }, kw_show, 0 },
  { { "pace", "hold SECONDS at STEP | speed FACTOR from STEP to STEP",
      "an animation's timing: a hold of 0 < SECONDS <= 60 at STEP, or the "
      "steps FROM to TO played FACTOR times as fast as the others, 0.01 to "
      "100 (steps are numbers, start or end); repeatable, up to 32" },
    kw_pace, 1 },
  { { "expect", "at STEP | from STEP to STEP | start | end | depth ... "
      "QUANTITY [below|above|at-most|at-least] VALUE [within TOL]",
      "a claim about the run that 'reluscape check --run' proves; "
      "repeatable, up to 64" }, kw_expect, 1 },
  { { "variant", "\"NAME\" [KEYWORD VALUES...]", "a run compared with the "
      "scene's own in one figure: the scene with the line 'KEYWORD "
      "VALUES...' over its own (a line of the run: not the title, views, "
      "style or exports); the lines of one NAME make one variant, none the "
      "scene as it is; repeatable, up to 6 variants of 16 lines" },
    kw_variant, 1 },
};

#define N_KEYWORDS (sizeof keywords / sizeof keywords[0])

_Static_assert (N_KEYWORDS <= sizeof ((parser *) 0)->seen
                / sizeof (place), "parser.seen too small");

const rs_scene_keyword *
rs_scene_keyword_get (size_t i)
{
  return i < N_KEYWORDS ? &keywords[i].k : NULL;
}

int
rs_scene_keyword_repeatable (const char *name)
{
  for (size_t i = 0; i < N_KEYWORDS; i++)
    if (strcmp (keywords[i].k.name, name) == 0)
      return keywords[i].repeatable;
  return -1;
}

int
unknown_keyword (parser *ps)
{
  const char *names[N_KEYWORDS + 1];
  const char *near;

  for (size_t i = 0; i < N_KEYWORDS; i++)
    names[i] = keywords[i].k.name;
  names[N_KEYWORDS] = NULL;
  near = nearest (ps->tok.str, names);
  if (near == NULL)
    return fail (ps, RS_ESYNTAX, "unknown keyword '%s'", ps->tok.str);
  /* the line was most likely meant for near: no warnings about its value */
  for (size_t i = 0; i < N_KEYWORDS; i++)
    if (names[i] == near)
      ps->broken[i] = 1;
  return fail (ps, RS_ESYNTAX, "unknown keyword '%s' (did you mean '%s'?)",
               ps->tok.str, near);
}

/* One line that starts with the word in ps->tok. */
int
statement (parser *ps)
{
  char buf[80];
  size_t i;
  int rc;

  for (i = 0; i < N_KEYWORDS; i++)
    if (strcmp (ps->tok.str, keywords[i].k.name) == 0)
      break;
  if (i == N_KEYWORDS)
    return unknown_keyword (ps);
  if (!keywords[i].repeatable && ps->seen[i].line != 0)
    return fail (ps, RS_ESYNTAX, "'%s' is already set on line %d",
                 keywords[i].k.name, ps->seen[i].line);
  ps->seen[i] = here (ps);
  ps->kw = &keywords[i];
  rc = keywords[i].handler (ps);
  if (rc == RS_OK && (rc = next (ps)) == RS_OK
      && ps->tok.kind != T_NEWLINE && ps->tok.kind != T_END)
    rc = fail (ps, RS_ESYNTAX, "unexpected %s after the values of '%s' "
               "(it takes: %s)", describe (&ps->tok, buf, sizeof buf),
               keywords[i].k.name, keywords[i].k.args);
  if (rc != RS_OK)
    ps->broken[i] = 1;
  return rc;
}

/* The index of the keyword called name in the table. */
static size_t
keyword_index (const char *name)
{
  size_t i = 0;

  while (i < N_KEYWORDS && strcmp (keywords[i].k.name, name) != 0)
    i++;
  return i;
}

/* Where the keyword called name is set, line 0 when it is not. */
place
seen_at (const parser *ps, const char *name)
{
  place none = { 0, 0 };
  size_t i = keyword_index (name);

  return i < N_KEYWORDS ? ps->seen[i] : none;
}

/* Whether every line of the keywords named (NULL-terminated) parsed: a
 * warning about values read from a line with an error would mislead. */
int
intact (const parser *ps, const char *const *names)
{
  for (size_t k = 0; names[k] != NULL; k++)
    {
      size_t i = keyword_index (names[k]);

      if (i < N_KEYWORDS && ps->broken[i])
        return 0;
    }
  return 1;
}
