/* panels.h: the figure's panels other than the landscape: timeline,
 * network, activation, histogram of pre-activations, depth and output
 * heads.  Each draws into any cairo_t, inside the rectangle it is given,
 * at any size, from the run alone; none knows of SDL or of files.  The
 * figure draws each through its entry in the table of panel_kinds.c. */
#ifndef RS_PANELS_H
#define RS_PANELS_H

#include <cairo.h>
#include <reluscape/reluscape.h>

#include "draw/draw.h"
#include "draw/theme.h"
#include "draw/variants.h"

/* A change seen as it happens (rs_figure_morph: a kick, a change of
 * activation), t of the way: what the landscape shows then, for the
 * panels to show the same moment.  Panels that run the network (network,
 * activation, histogram, heads) run `net`; the others state the change
 * as "before → after" (rs_panel_moment_note). */
typedef struct {
  unsigned change;         /* RS_EVENT_KICK or RS_EVENT_ACT */
  double t;                /* in [0, 1): 0 is the state before */
  size_t before, after;    /* the recorded points holding the state before
                              the change and after it (the point shown) */
  const rs_net *net;       /* the network at the moment: a kick's parameters
                              t of the way (the landscape's ball), or the
                              point's parameters with each alpha t of the
                              way (the landscape's blend); warming's shift
                              in; at t = 0 the activations before exactly */
} rs_panel_moment;

/* What every panel draws from. */
typedef struct {
  const rs_scene *scene;
  const rs_sim *sim;       /* the run, recorded up to where it stands */
  size_t at;               /* the recorded point shown (index into
                              rs_sim_recorded); the timeline marks it */
  const rs_theme *theme;
  const char *font;        /* the figure's font family, NULL: "Sans" */
  double s;                /* the scale: 1 for a 900 x 600 figure */
  const rs_runs *runs;     /* a figure of variants: every run (sim is
                              the first), in its colour; else NULL */
  const rs_panel_moment *moment;  /* mid-change, else NULL (settled);
                              `at` is moment->before at t = 0 when that
                              point holds the state shown (a kick; a change
                              of activation at its own point) */
} rs_panel_ctx;

/* Loss and gradient norm over the steps, each on a log axis of its own
 * fitted to its finite values, stacked over one step axis, exactly 0 on
 * an "= 0" band under the lowest decade and +inf on an "∞" band above
 * the top, NaN a gap; the dead-unit count below them on a scale from 0
 * to the number of units; kicks, events and beats marked, the step `at`
 * as a line.  No word overlaps another. */
void rs_panel_timeline (cairo_t *cr, rs_rect r, const rs_panel_ctx *c);

/* The network's units in columns, each a pie of the fraction of the
 * data points on which it is active at point `at` (alive colour, the
 * rest dead colour; a legend shows all, half and none), that count
 * beside it where it fits; dead units crossed (C4).  The single neuron is a 1-1-1 picture: input, the neuron, output. */
void rs_panel_network (cairo_t *cr, rs_rect r, const rs_panel_ctx *c);

/* The hidden activation f and its derivative f' over [-3, 3], two
 * plots (C2): at a kink of a ReLU-family activation the fan of
 * supporting lines of slopes in the subdifferential on f, the
 * convention's slope bold (C3); f' drawn with its jump at 0, open
 * circles at the one-sided limits and a filled dot at the convention's
 * value; a negative half too flat to see (Leaky ReLU's alpha = 0.01)
 * shown again in an inset with y magnified by a stated factor (C8). */
void rs_panel_activation (cairo_t *cr, rs_rect r, const rs_panel_ctx *c);

/* The histogram of layer 1's pre-activations z = w x + b over the data
 * and units at point `at`, the inactive half z <= 0 shaded, with the
 * fraction on each side (C6). */
void rs_panel_histogram (cairo_t *cr, rs_rect r, const rs_panel_ctx *c);

/* The bound on the gradient through L layers: max sigma' = 1/4 per
 * sigmoid layer gives (1/4)^L against ReLU's 1 on its active path, on a
 * log axis for L = 1 .. 12 (C1, C2); the scene's depth marked. */
void rs_panel_depth (cairo_t *cr, rs_rect r, const rs_panel_ctx *c);

/* The output heads on the run's own scores at point `at` (C12): for
 * each data point the probability p of its true class under softmax and
 * under the ReLU-normalised head, as two histograms over p in (0, 1], the
 * run's own head first, each with separate columns for p = 0 exactly
 * (infinite loss, zero gradient) and, for the ReLU head, 0/0 (every score
 * <= 0: p undefined), their counts written out.  A run without class
 * scores gets a note instead. */
void rs_panel_heads (cairo_t *cr, rs_rect r, const rs_panel_ctx *c);

/* What the network computes at point `at` over its inputs, with the
 * data points (view data; C4, C5): for one input the output as a curve
 * over x, each live hidden unit's share faint beneath; for two inputs
 * the output as a heat map with the decision boundary and the points
 * coloured by class or target.  Dead units are counted; a constant
 * output is drawn in the dead colour and labelled "constant output". */
void rs_panel_data (cairo_t *cr, rs_rect r, const rs_panel_ctx *c);

/* ---- what the panels compute and where they draw it ----------------
 * For callers that place things over a panel (the app's hover) and for
 * the tests.  Sizes in every panel follow c->s, reduced when r is too
 * small for a plot at that scale; each function below uses the same
 * geometry as its panel. */

/* The timeline's plot area in r: the loss axes and the dead-unit strip
 * below them, which share its x range. */
rs_rect rs_panel_timeline_plot (rs_rect r, const rs_panel_ctx *c);

/* The x pixel of step on the timeline drawn in r: linear, step 0 at the
 * plot's left edge, the last step (the scene's steps or the last
 * recorded step, whichever is later) at its right edge. */
double rs_panel_timeline_x (rs_rect r, const rs_panel_ctx *c, double step);

/* The timeline's two series. */
typedef enum {
  RS_TIMELINE_LOSS,
  RS_TIMELINE_GNORM
} rs_timeline_series;

/* The y pixel at which the timeline drawn in r draws value v of series
 * s: on the series' log axis inside its window; for exactly 0 the middle
 * of its "= 0" band, for +inf the middle of its "∞" band (each there
 * only when the run has such a value); NAN, a gap in the line, for NaN,
 * for -inf and negative values, and for a finite value outside the
 * window (the line leaves it with an arrow at the edge). */
double rs_panel_timeline_y (rs_rect r, const rs_panel_ctx *c,
                            rs_timeline_series s, double v);

/* The log10 window [*lo, *hi] of series s's axis: its finite positive
 * values over the recorded run, rounded out to 1, 2 or 5 times a power of
 * ten, at most 24 decades (a wider run keeps its first value and 8
 * decades under it).  Returns 1, or 0 when the run has no finite positive
 * value of s (the window is then [-1, 1] and the axis has no ticks). */
int rs_panel_timeline_window (const rs_panel_ctx *c, rs_timeline_series s,
                              double *lo, double *hi);

/* The "= 0" band (inf 0) or the "∞" band (inf 1) of series s on the
 * timeline drawn in r: 1 and the band in *band when the run has such a
 * value, 0 otherwise. */
int rs_panel_timeline_band (rs_rect r, const rs_panel_ctx *c,
                            rs_timeline_series s, int inf, rs_rect *band);

/* A word a panel wrote: its text (markup) and its box. */
#define RS_PANEL_LABEL_TEXT 64
typedef struct {
  rs_rect box;
  char text[RS_PANEL_LABEL_TEXT];
} rs_panel_label;

/* Draw the timeline into cr as rs_panel_timeline does and give the words
 * it wrote (the header's title and note first, then every tick, band,
 * title, count and mark label), at most max into labels; returns their
 * number. */
size_t rs_panel_timeline_labels (cairo_t *cr, rs_rect r,
                                 const rs_panel_ctx *c,
                                 rs_panel_label *labels, size_t max);

/* The centre (x, y) and radius of unit j of column l of the network
 * drawn in r: column 0 holds the inputs, column l layer l; for the
 * single neuron column 1 is the neuron and column 2 its output.
 * RS_EINVAL when there is no such unit. */
int rs_panel_network_unit (rs_rect r, const rs_panel_ctx *c, size_t l,
                           size_t j, double *x, double *y, double *radius);

/* The same for run k of a figure of variants: when the runs share the
 * network and the panel is wide enough, it draws a network per run side
 * by side (small multiples), run k's in its own part; otherwise the
 * first run's only (k > 0: RS_EINVAL).  rs_panel_network_unit is run 0's. */
int rs_panel_network_run_unit (rs_rect r, const rs_panel_ctx *c, size_t k,
                               size_t l, size_t j, double *x, double *y,
                               double *radius);

/* Which unit of the network panel drawn in r lies under (x, y): the
 * unit whose disc holds it, by run k (0 without variants), column l and
 * index j as rs_panel_network_run_unit numbers them, into *run, *layer
 * and *unit, and 1; 0 when (x, y) is on no unit. */
int rs_panel_network_hit (rs_rect r, const rs_panel_ctx *c, double x,
                          double y, size_t *run, size_t *layer,
                          size_t *unit);

/* The network panel drawn into cr as rs_panel_network draws it, and the
 * boxes of the counts it placed beside the units (place.h: off every
 * unit and off each other) into box, at most max; returns how many were
 * placed. */
size_t rs_panel_network_counts (cairo_t *cr, rs_rect r,
                                const rs_panel_ctx *c, rs_rect *box,
                                size_t max);

/* How many of layer 1's pre-activations z = W1 x + b1 over the data and
 * the units at point c->at (bias warming's shift included) are <= 0 and
 * how many > 0; NaNs count in neither.  The histogram's percentages are
 * these.  RS_OK, or RS_ENOMEM / RS_EINVAL (both counts then 0). */
int rs_panel_histogram_split (const rs_panel_ctx *c, size_t *below,
                              size_t *above);

/* How many of the network panel's units are dead (active on no data
 * point and able to die) of how many it colours (ReLU-family layers),
 * in the network the panel draws: at point c->at, or mid-change the
 * moment's.  RS_OK, or RS_EINVAL / RS_ENOMEM (both counts then 0). */
int rs_panel_network_dead (const rs_panel_ctx *c, size_t *dead,
                           size_t *units);

/* The same for run k of a figure of variants (as rs_panel_heads_run
 * picks it: its recorded point at or before the step c shows; k = 0 c's
 * run without variants): what the network panel's table of runs says.
 * RS_OK, or RS_EINVAL (no run k, no network) / RS_ENOMEM. */
int rs_panel_network_run_dead (const rs_panel_ctx *c, size_t k,
                               size_t *dead, size_t *units);

/* The activation the activation panel draws (the first layer's, at
 * point c->at or mid-change the moment's) and its parameter (Leaky
 * ReLU's alpha).  RS_OK, or RS_EINVAL when there is none. */
int rs_panel_activation_of (const rs_panel_ctx *c, const rs_act_type **t,
                            double *param);

/* The change shown mid-way, in words for a panel's note: "before the
 * kick", "40 % into the kick", "before the switch to Leaky ReLU, α =
 * 0.01" (brief: "before the switch"), ... into buf; 0 when c shows no
 * change (buf then ""). */
int rs_panel_moment_note (const rs_panel_ctx *c, int brief, char *buf,
                          size_t n);

/* When a panel's picture is, for its note: "step 300", or mid-change
 * "step 300, 40 % into the kick" (the brief words above), into buf. */
void rs_panel_when (const rs_panel_ctx *c, char *buf, size_t n);

/* The fan of supporting lines at the kink z = 0 of activation t with
 * parameter p (C3): n slopes spread evenly over the subdifferential
 * [lo, hi] (lo first, hi last) into slopes, and the convention's slope
 * lo + kink (hi - lo) into *bold (may be NULL).  Returns n, or 0 when t
 * has no kink at 0. */
size_t rs_panel_kink_fan (const rs_act_type *t, double p, double kink,
                          double *slopes, size_t n, double *bold);

/* The heads panel's numbers: the distribution over the data points of
 * the true class's probability under one head, at point c->at. */
#define RS_HEADS_BINS 20

typedef struct {
  size_t n;          /* the points counted (those with a valid label) */
  size_t zero;       /* p = 0 exactly: loss +inf, gradient 0 (the ReLU
                        head; softmax's p is never 0) */
  size_t undefined;  /* the ReLU head's 0/0: every score <= 0 */
  size_t bins[RS_HEADS_BINS];  /* the others by p: bin b holds
                        p in [b, b + 1) / RS_HEADS_BINS, the last 1 too
                        (a softmax p that underflows to 0 is in bin 0) */
  double p_min;      /* the smallest defined p, +inf when none */
} rs_heads_dist;

enum { RS_HEAD_SOFTMAX = 0, RS_HEAD_RELU_NORM = 1 };

/* Both heads' distributions at point c->at.  RS_OK; RS_EINVAL when the
 * run has no class scores (fewer than 2 outputs, or a loss without
 * labels), RS_ENOMEM; the distributions are then empty. */
int rs_panel_heads_dist (const rs_panel_ctx *c, rs_heads_dist *softmax,
                         rs_heads_dist *relu_norm);

/* The head the run trains with: RS_HEAD_SOFTMAX (loss softmax_ce),
 * RS_HEAD_RELU_NORM (relu_norm_ce), or -1 for neither. */
int rs_panel_heads_own (const rs_sim *sim);

/* Run k's own head (the one its loss trains with, in *head) on run k's
 * own scores at the step c shows: in a figure of variants run k's
 * recorded point at or before that step, else (k = 0) c's run.  This is
 * what the heads panel draws for each run of a figure of variants.
 * RS_OK; RS_EINVAL when there is no run k, it has no class scores or it
 * trains with neither head; RS_ENOMEM. */
int rs_panel_heads_run (const rs_panel_ctx *c, size_t k, rs_heads_dist *d,
                        int *head);

/* Where the activation panel drawn in r puts its plots and marks, for
 * the tests: each plot's box and its window (x0, x1, y0, y1); at a kink
 * of f, the filled dot of f'(0) by the convention and the open circles
 * of the one-sided limits of f' at 0 other than that value; and the
 * inset on f's plot, drawn when f's negative half is too flat to see,
 * at f's x scale with y magnified by `magnification` (1 without an
 * inset).  RS_EINVAL when there is no activation to show. */
typedef struct {
  rs_rect f_box, df_box;
  double f_win[4], df_win[4];
  int jump;
  double dot_x, dot_y;
  size_t n_open;
  double open_x[2], open_y[2];
  int has_inset;
  rs_rect inset_box;
  double inset_win[4];
  double magnification;
} rs_act_geometry;

int rs_panel_activation_geometry (rs_rect r, const rs_panel_ctx *c,
                                  rs_act_geometry *g);

/* Run k's convention dot on the activation panel drawn in r (k = 0 the
 * run of a figure without variants): its centre (x, y) and the value
 * f'(0) it marks, the run's kink convention at the step shown.  RS_OK,
 * or RS_EINVAL (no run k, no activation, r too small). */
int rs_panel_activation_dot (rs_rect r, const rs_panel_ctx *c, size_t k,
                             double *x, double *y, double *value);

/* The series of view v (RS_VIEW_TRACE, see rs_scene.h) over the steps up
 * to point `at`: each traced parameter, gamma or rate, in its colour,
 * with a legend; events marked, the step shown as a line. */
void rs_panel_trace (cairo_t *cr, rs_rect r, const rs_panel_ctx *c,
                     const rs_view *v);

/* The value of a traced series at recorded point i: a parameter by name
 * (as trained, without warming's shift), "gamma" or "rate".  RS_EINVAL
 * for another name or i out of range. */
int rs_trace_value (const rs_sim *sim, const char *name, size_t i,
                    double *value);

/* The trace's plot inside r, and where (step, value) is drawn in it. */
rs_rect rs_panel_trace_plot (rs_rect r, const rs_panel_ctx *c);
int rs_panel_trace_map (rs_rect r, const rs_panel_ctx *c, const rs_view *v,
                        double step, double value, double *x, double *y);

/* The data view's window on the inputs at point c->at: the data's box,
 * [win[0], win[1]] on x (x1) and for two inputs [win[2], win[3]] on x2.
 * RS_OK, RS_EINVAL (inputs other than 1 or 2) or RS_ENOMEM. */
int rs_panel_data_window (const rs_panel_ctx *c, double win[4]);

/* The network's outputs at point c->at (warming's shift in) at the
 * samples the data view draws from: n >= 2 evenly spaced over the
 * window, both ends included, or for two inputs n x n, row by row from
 * win[2] up, x1 fastest; into out, rs_net_outputs values per sample.
 * RS_OK, RS_EINVAL or RS_ENOMEM. */
int rs_panel_data_eval (const rs_panel_ctx *c, size_t n, double *out);

/* Unit j of layer 1's output a_j at point c->at (warming's shift in)
 * at the n >= 2 samples of rs_panel_data_eval's layout, into out (n or
 * n x n values): what the data view's thumbnail of unit j draws.
 * RS_EINVAL when the network has no hidden layer, no unit j there, or n
 * is below 2; RS_ENOMEM. */
int rs_panel_data_unit (const rs_panel_ctx *c, size_t j, size_t n,
                        double *out);

/* 1 when the data view at point c->at draws a constant output (equal
 * over all its samples up to rounding), with that value in *value (may
 * be NULL); else 0. */
int rs_panel_data_constant (const rs_panel_ctx *c, double *value);

#endif /* RS_PANELS_H */
