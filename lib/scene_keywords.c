/* scene_keywords.c: the table of the scene language's keywords.
 *
 * Each keyword is one row: its name, the form of its values and what it
 * sets (rs_scene_keyword: the documentation, `reluscape check --print`
 * and the tests read them), the function that reads its values (in
 * scene_keywords_*.c) and whether it may be on several lines.  A line of
 * a scene goes to its keyword's function here (statement). */
#include <config.h>

#include <stddef.h>
#include <string.h>

#include "scene_parse_private.h"

/* The place of field in rs_scene, which must be of type type (a
 * compile error otherwise). */
#define FIELD(field, type)                                              \
  (offsetof (rs_scene, field)                                           \
   + 0 * sizeof (_Generic (((rs_scene *) 0)->field, type: 1)))

/* The rest of the row of a keyword that sets one field of the scene and
 * nothing else, once: a number in [lo, hi] (open at an end when lo_open,
 * hi_open), a whole number in [lo, hi], a range [LO, HI]. */
#define NUMBER(lo, lo_open, hi, hi_open, field)                         \
  kw_number, 0, { lo, lo_open, hi, hi_open, FIELD (field, double) }
#define COUNT(lo, hi, field)                                            \
  kw_count, 0, { lo, 0, hi, 0, FIELD (field, size_t) }
#define RANGE(field)                                                    \
  kw_range, 0, { 0, 0, 0, 0, FIELD (field, rs_interval) }

/* The rest of the row of a keyword read by its own function f, given
 * once only or on several lines. */
#define ONCE(f) f, 0, { 0, 0, 0, 0, 0 }
#define REPEATABLE(f) f, 1, { 0, 0, 0, 0, 0 }

/* The field of the scene that the keyword being read sets alone. */
static void *
field_of (parser *ps)
{
  return (char *) ps->sc + ps->kw->value.offset;
}

/* A keyword whose value is a number (NUMBER). */
static int
kw_number (parser *ps)
{
  const kw_value *v = &ps->kw->value;

  return get_number (ps, ps->kw->k.name, v->lo, v->lo_open, v->hi,
                     v->hi_open, field_of (ps));
}

/* A keyword whose value is a whole number (COUNT). */
static int
kw_count (parser *ps)
{
  const kw_value *v = &ps->kw->value;

  return get_count (ps, ps->kw->k.name, v->lo, v->hi, field_of (ps));
}

/* A keyword whose value is a range (RANGE). */
static int
kw_range (parser *ps)
{
  return get_range (ps, ps->kw->k.name, field_of (ps));
}

/* The keywords of the language, in the order of the canonical form
 * (rs_scene_format) and of reluscape-scene(5): each its name, the form
 * of its values, what it sets (with its range and default), the
 * function that reads its values and whether it is repeatable (ONCE,
 * REPEATABLE); or, for a keyword that sets one field alone, NUMBER,
 * COUNT or RANGE (once only). */
static const keyword keywords[] = {
  { { "title", "STRING", "the figure's title" }, ONCE (kw_title) },
  { { "notes", "STRING", "a paragraph of notes for the lecturer, shown "
      "under the figure by 'reluscape check --print' and the app's help; "
      "repeatable" }, REPEATABLE (kw_notes) },
  { { "seed", "N", "seed of the data, the initialisation, the batches and "
      "the noise, 0 to 4294967295 (1)" }, ONCE (kw_seed) },
  { { "data", "NAME [N] | csv \"PATH\"", "the data generator (line abs "
      "sine step xor circle blobs spirals) and its number of points, or a "
      "CSV file relative to the scene's folder (line 24)" },
    ONCE (kw_data) },
  { { "points", "N", "number of data points, 2 to 100000 (24)" },
    ONCE (kw_points) },
  { { "line", "SLOPE INTERCEPT", "the data y = SLOPE x + INTERCEPT (2 1)" },
    ONCE (kw_line) },
  { { "noise", "SIGMA", "standard deviation of the data's noise, 0 to 100 "
      "(0.05)" }, NUMBER (0, 0, 100, 0, sim.noise) },
  { { "network", "N0 N1 ... NL", "a network's layer sizes, 2 to 66 sizes: "
      "1 to 1024 inputs, then 1 to 256 units a layer (none: the single "
      "neuron)" }, ONCE (kw_network) },
  { { "activation", "NAME [P]", "the hidden layers' activation; the single "
      "neuron takes relu or leaky_relu (relu)" }, ONCE (kw_activation) },
  { { "layer", "L NAME [P]", "layer L's own activation (1 to the "
      "network's layers), over 'activation' and 'output'; repeatable, once "
      "a layer" }, REPEATABLE (kw_layer) },
  { { "alpha", "A", "Leaky ReLU's slope for z < 0, 0 <= A < 1 (0.1)" },
    NUMBER (0, 0, 1, 1, sim.alpha) },
  { { "output", "NAME [P]", "the network's output activation (identity)" },
    ONCE (kw_output) },
  { { "kink", "S", "derivative taken at the kink z = 0, 0 to 1 (0)" },
    NUMBER (0, 0, 1, 0, sim.kink) },
  { { "init", "SCHEME [C]", "the network's weights (he_normal he_uniform "
      "xavier_normal xavier_uniform constant C) (he_normal)" },
    ONCE (kw_init) },
  { { "bias", "B", "every bias of the network at the start, -100 to 100 "
      "(0)" }, NUMBER (-100, 0, 100, 0, sim.bias0) },
  { { "set", "NAME VALUE", "one parameter at the start, such as W1[0][1] "
      "or b1[0]; repeatable" }, REPEATABLE (kw_set) },
  { { "freeze", "NAME...", "parameters that never train, by name or "
      "pattern with '*' for any layer or index, such as W2[*][*] (every "
      "optimiser, decay, kick and noise leaves them as they are); "
      "repeatable" }, REPEATABLE (kw_freeze) },
  { { "start", "W B", "the ball's starting point (0.5 0.5)" },
    ONCE (kw_start) },
  { { "loss", "NAME", "mse softmax_ce relu_norm_ce sigmoid_bce (mse)" },
    ONCE (kw_loss) },
  { { "optimizer", "NAME [momentum MU] [rho R] [betas B1 B2] [eps E]",
      "gd momentum nesterov rmsprop adam and their constants (gd)" },
    ONCE (kw_optimizer) },
  { { "rate", "ETA", "learning rate, 0 < ETA <= 100 (0.1)" },
    NUMBER (0, 1, 100, 0, sim.rate) },
  { { "schedule", "constant | step EVERY GAMMA | cosine TOTAL [FLOOR] | "
      "linear TOTAL [FLOOR]", "the learning rate's schedule (constant)" },
    ONCE (kw_schedule) },
  { { "warmup", "STEPS", "steps of linear warm-up of the rate, 0 to "
      "10000000 (0)" }, COUNT (0, 1e7, sim.sched.warmup) },
  { { "batch", "N", "points per step, 0 to 100000; 0: all (0)" },
    COUNT (0, 100000, sim.batch) },
  { { "clip", "NORM", "largest gradient norm, 0 to 1e6; 0: no clipping "
      "(0)" }, NUMBER (0, 0, 1e6, 0, sim.clip) },
  { { "decay", "LAMBDA [decoupled] [biases]", "weight decay, 0 to 1000 (0)" },
    ONCE (kw_decay) },
  { { "warming", "GAMMA hold T1 anneal T2 [linear|cosine] [from STEP]",
      "bias warming, 0 < GAMMA <= 1000 (none)" }, ONCE (kw_warming) },
  { { "temperature", "T [cosine TOTAL | linear TOTAL]", "Langevin noise, "
      "0 to 1000 (0)" }, ONCE (kw_temperature) },
  { { "steps", "N", "steps of a run, 1 to 10000000 (200)" },
    COUNT (1, 1e7, sim.steps) },
  { { "tolerance", "EPS", "gradient norm at which the ball rests, 0 to 1 "
      "(1e-6)" }, NUMBER (0, 0, 1, 0, sim.tol) },
  { { "record", "every K", "record every K-th step, 1 to 10000000 (1)" },
    ONCE (kw_record) },
  { { "w-range", "[LO, HI]", "the landscape's w axis ([-3, 3])" },
    RANGE (w_range) },
  { { "b-range", "[LO, HI]", "the landscape's b axis ([-3, 3])" },
    RANGE (b_range) },
  { { "kick", "at STEP sigma S [seed N] [all|weights|biases|unit L J]",
      "a thermal kick after STEP steps, N(0, S^2) on the target (all); "
      "repeatable" }, REPEATABLE (kw_kick) },
  { { "autokick", "sigma S [eps E] [patience K] [all|weights|biases]",
      "a kick whenever the gradient norm stays below E for K steps "
      "(none)" }, ONCE (kw_autokick) },
  { { "at", "STEP alpha A | STEP rate R | STEP beat", "a change of the run "
      "after STEP steps; repeatable" }, REPEATABLE (kw_at) },
  { { "kick-sigma", "S", "scale of the app's K key kick, 0 < S <= 1000 (1)" },
    NUMBER (0, 1, 1000, 0, sim.kick_sigma) },
  { { "speed", "N", "steps per second in the app, 0.1 to 1000 (20)" },
    NUMBER (0.1, 0, 1000, 0, speed) },
  { { "focus", "L J", "the hidden unit (layer L from 1, unit J from 0) "
      "whose weight and bias the default landscape is over (the first "
      "unit revived, else the first that dies, else 1 0)" }, ONCE (kw_focus) },
  { { "view", "KIND [2d|3d] [over P1 P2|random|pca] [range [LO, HI] "
      "[LO, HI]] [grid N] [at STEP] | trace NAME...", "a panel of the figure: "
      "landscape activation network timeline histogram depth heads basin "
      "data, "
      "or trace NAME... (up to 4 parameters, gamma, rate); repeatable, up "
      "to 9 (the single neuron: landscape; a network: landscape, network, "
      "timeline)" }, REPEATABLE (kw_view) },
  { { "layout", "auto | row | column | grid COLSxROWS", "how the views are "
      "placed; grid: 1 to 4 each (auto)" }, ONCE (kw_layout) },
  { { "theme", "light | dark", "the figure's colours (light)" },
    ONCE (kw_theme) },
  { { "colormap", "viridis | cividis | magma | grey", "the landscape's "
      "colour map (viridis)" }, ONCE (kw_colormap) },
  { { "colorscale", "log | linear", "the landscape's colour scale (log)" },
    ONCE (kw_colorscale) },
  { { "font", "\"FAMILY\" [SIZE]", "the figure's font family and body "
      "size in points, 4 to 72 (\"Sans\" 10)" }, ONCE (kw_font) },
  { { "size", "WxH [px|pt|cm]", "the figure's size: 16 to 16384 px or pt, "
      "1 to 500 cm (1200x800 px)" }, ONCE (kw_size) },
  { { "camera", "AZIMUTH ELEVATION", "the 3-D landscape's camera in "
      "degrees, -180 to 180 and 0 to 90 (-35 30)" }, ONCE (kw_camera) },
  { { "export", "\"PATH\" [size WxH [px|pt|cm]] [dpi N] [at STEP]", "a "
      "file that 'reluscape render SCENE' writes, .png .pdf .svg, or an "
      "animation .mp4 .gif, relative to the scene's folder; dpi 10 to 2400 "
      "(96); at: the step drawn (start, end, a number; an animation's last; "
      "else 'show'); repeatable, up to 8" },
    REPEATABLE (kw_export) },
  { { "show", "STEP | start | end", "the moment a figure draws when "
      "'render' gets no --at (end)" }, ONCE (kw_show) },
  { { "pace", "hold SECONDS at STEP | speed FACTOR from STEP to STEP",
      "an animation's timing: a hold of 0 < SECONDS <= 60 at STEP, or the "
      "steps FROM to TO played FACTOR times as fast as the others, 0.01 to "
      "100 (steps are numbers, start or end); repeatable, up to 32" },
    REPEATABLE (kw_pace) },
  { { "expect", "at STEP | from STEP to STEP | start | end | depth ... "
      "QUANTITY [below|above|at-most|at-least] VALUE [within TOL]",
      "a claim about the run that 'reluscape check --run' proves; "
      "repeatable, up to 64" }, REPEATABLE (kw_expect) },
  { { "variant", "\"NAME\" [KEYWORD VALUES...]", "a run compared with the "
      "scene's own in one figure: the scene with the line 'KEYWORD "
      "VALUES...' over its own (a line of the run: not the title, views, "
      "style or exports); the lines of one NAME make one variant, none the "
      "scene as it is; repeatable, up to 6 variants of 16 lines" },
    REPEATABLE (kw_variant) },
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
