/* panels.h: the figure's panels other than the landscape: timeline,
 * network, activation, histogram of pre-activations, depth and output
 * heads.  Each draws into any cairo_t, inside the rectangle it is given,
 * at any size, from the run alone; none knows of SDL or of files. */
#ifndef RS_PANELS_H
#define RS_PANELS_H

#include <cairo.h>
#include <reluscape/reluscape.h>

#include "draw.h"
#include "theme.h"

/* What every panel draws from. */
typedef struct {
  const rs_scene *scene;
  const rs_sim *sim;       /* the run, recorded up to where it stands */
  size_t at;               /* the recorded point shown (index into
                              rs_sim_recorded); the timeline marks it */
  const rs_theme *theme;
  const char *font;        /* the figure's font family, NULL: "Sans" */
  double s;                /* the scale: 1 for a 900 x 600 figure */
} rs_panel_ctx;

/* Loss and gradient norm over the steps on log axes, the dead-unit count
 * below them, kicks, events and beats marked, the step `at` as a line. */
void rs_panel_timeline (cairo_t *cr, rs_rect r, const rs_panel_ctx *c);

/* The network's units in columns, each a pie of the fraction of the
 * data points on which it is active at point `at` (alive colour, the
 * rest dead colour; a legend shows all, half and none), that count
 * beside it where it fits; dead units crossed (C4).  The single neuron is a 1-1-1 picture: input, the neuron, output. */
void rs_panel_network (cairo_t *cr, rs_rect r, const rs_panel_ctx *c);

/* The hidden activation f and its derivative f' over [-3, 3]; at the kink
 * of a ReLU-family activation the fan of supporting lines of slopes in the
 * subdifferential (C3), the convention's slope drawn bold. */
void rs_panel_activation (cairo_t *cr, rs_rect r, const rs_panel_ctx *c);

/* The histogram of layer 1's pre-activations z = w x + b over the data
 * and units at point `at`, the inactive half z <= 0 shaded, with the
 * fraction on each side (C6). */
void rs_panel_histogram (cairo_t *cr, rs_rect r, const rs_panel_ctx *c);

/* The bound on the gradient through L layers: max sigma' = 1/4 per
 * sigmoid layer gives (1/4)^L against ReLU's 1 on its active path, on a
 * log axis for L = 1 .. 12 (C1, C2); the scene's depth marked. */
void rs_panel_depth (cairo_t *cr, rs_rect r, const rs_panel_ctx *c);

/* Softmax and ReLU-normalised probabilities on the same scores, and their
 * losses (C12): for scores (z, 0, -1) with z over [-4, 4], both
 * probabilities of class 0 and both losses for label 0; the ReLU head's
 * probability 0 and infinite loss marked where z <= 0. */
void rs_panel_heads (cairo_t *cr, rs_rect r, const rs_panel_ctx *c);

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

/* The centre (x, y) and radius of unit j of column l of the network
 * drawn in r: column 0 holds the inputs, column l layer l; for the
 * single neuron column 1 is the neuron and column 2 its output.
 * RS_EINVAL when there is no such unit. */
int rs_panel_network_unit (rs_rect r, const rs_panel_ctx *c, size_t l,
                           size_t j, double *x, double *y, double *radius);

/* How many of layer 1's pre-activations z = W1 x + b1 over the data and
 * the units at point c->at (bias warming's shift included) are <= 0 and
 * how many > 0; NaNs count in neither.  The histogram's percentages are
 * these.  RS_OK, or RS_ENOMEM / RS_EINVAL (both counts then 0). */
int rs_panel_histogram_split (const rs_panel_ctx *c, size_t *below,
                              size_t *above);

/* The fan of supporting lines at the kink z = 0 of activation t with
 * parameter p (C3): n slopes spread evenly over the subdifferential
 * [lo, hi] (lo first, hi last) into slopes, and the convention's slope
 * lo + kink (hi - lo) into *bold (may be NULL).  Returns n, or 0 when t
 * has no kink at 0. */
size_t rs_panel_kink_fan (const rs_act_type *t, double p, double kink,
                          double *slopes, size_t n, double *bold);

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

#endif /* RS_PANELS_H */
