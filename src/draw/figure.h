/* figure.h: a scene's whole figure: its title and the state of the run
 * over its views, laid out as the scene says, each drawn by its panel
 * into any cairo_t at any size.  The exporter, the app and make figures
 * all draw this. */
#ifndef RS_FIGURE_H
#define RS_FIGURE_H

#include <cairo.h>
#include <reluscape/reluscape.h>

#include "draw/draw.h"
#include "draw/panel_kinds.h"
#include "draw/panels.h"
#include "draw/plane.h"
#include "draw/theme.h"

typedef struct rs_figure rs_figure;

/* The views of sc: its own, or the defaults (the single neuron: its
 * landscape over (w, b), its activation and the timeline; a network: the
 * landscape over its focus unit's weight and bias (plane.c,
 * slice_pick.c), the network and the timeline), into
 * views; returns how many. */
size_t rs_figure_views (const rs_scene *sc, rs_view *views);

/* The figure of sc for the run sim, showing its recorded point `at`
 * (past the last: the last); landscapes and basin maps are computed here
 * on grids of `grid` points a side (a view's own grid wins).  NULL with
 * err on failure (a plane that cannot be made, no memory). */
rs_figure *rs_figure_alloc (const rs_scene *sc, const rs_sim *sim,
                            size_t at, size_t grid, rs_error *err);
void rs_figure_free (rs_figure *f);

/* Show recorded point at (past the last: the last): the ball, the path
 * so far and the panels at that point, over the landscapes and basin
 * maps the figure holds (see rs_figure_follow for the landscape of that
 * point): the app shows steps this way while it computes. */
void rs_figure_show (rs_figure *f, size_t at);

/* Whether the landscapes f holds are not the loss surface the run is on
 * at recorded point at (past the last: the last): its activations, their
 * alpha or bias warming's shift differ from those of the landscape's
 * point, or, for a slice of a network, the parameters outside the plane
 * moved (see rs_plane_stale).  1 when a landscape is stale, else 0. */
int rs_figure_stale (const rs_figure *f, size_t at);

/* Show recorded point at, as rs_figure_show, first computing again (on
 * grids of `grid` points a side; 0: the figure's) every landscape that
 * is stale there, synchronously; the others are kept.  Animation frames
 * and stills drawn this way are the same pictures.  RS_OK, or an error
 * code with err (the figure unchanged) when a plane cannot be made. */
int rs_figure_follow (rs_figure *f, size_t at, size_t grid, rs_error *err);

/* A change seen as it happens: every landscape in the morph of the
 * change at the point shown by t in [0, 1], computed now
 * (synchronously); t = 1 is the surface of the point itself, as
 * rs_figure_follow leaves it.
 * - A kick (the point shown is where a kick moved the ball, RS_EVENT_KICK;
 *   the point before holds the parameters before it): every parameter t
 *   of the way from before the kick to after it.  The ball moves along
 *   the kick's arrow; a landscape through that point whose fixed
 *   parameters the kick moved (a slice of a network, directions) is
 *   computed again through the ball's parameters, on the same grid.
 * - Otherwise, the last change of activation at or before the point the
 *   landscape shows: each alpha of the ReLU family at its old value plus
 *   t of the way to its new one (Leaky ReLU switched on: alpha from 0
 *   to its value).  The plateau of the old surface stays outlined, with
 *   contours on levels of its own range.
 * Landscapes with no such change are left as they are.  Animations play
 * t from 0 to 1 over a second after each change; the app may do the
 * same.  RS_OK, or an error code with err (no memory). */
int rs_figure_morph (rs_figure *f, double t, rs_error *err);

/* Which change rs_figure_morph plays at the point shown: RS_EVENT_KICK,
 * RS_EVENT_ACT or 0 (nothing moves). */
unsigned rs_figure_change (const rs_figure *f);

/* Show recorded point at in the morph t of its change: rs_figure_follow
 * and rs_figure_morph in one, each landscape computed once (the frame
 * of an animation). */
int rs_figure_play (rs_figure *f, size_t at, double t, rs_error *err);

/* The landscape or basin map of view i; NULL for other views. */
const rs_plane *rs_figure_plane (const rs_figure *f, size_t i);

/* The landscapes' ball between the point before the one shown and it, by
 * frac in [0, 1] (1 after rs_figure_show): smooth motion in the app. */
void rs_figure_between (rs_figure *f, double frac);

/* The landscapes' path (on by default) and arrow of steepest descent at
 * the ball (off by default). */
void rs_figure_marks (rs_figure *f, int path, int arrows);

/* A figure of variants: every run of runs (runs->sim[0] is the
 * figure's run) drawn in its own colour: the landscapes' paths and
 * balls, the timeline's curves, the header's legend.  NULL: the figure's
 * run alone.  runs must outlive the figure. */
void rs_figure_set_runs (rs_figure *f, const rs_runs *runs);

/* The runs rs_figure_set_runs gave f, or NULL. */
const rs_runs *rs_figure_runs (const rs_figure *f);

/* How many drawing units make a point: 1 for PDF and SVG, dpi / 72 for
 * a PNG (4/3 at 96 dpi, the default).  Text is sized from the scene's
 * font size in points through it. */
void rs_figure_set_units (rs_figure *f, double units_per_pt);

/* The scale of lines and text (1: the body text 13 units high). */
double rs_figure_scale (const rs_figure *f);

/* The rectangle of view i (in the order of rs_figure_views) in a
 * width x height figure. */
rs_rect rs_figure_cell (const rs_figure *f, size_t i, double width,
                        double height);

/* Where the ball is drawn in view i when it is a flat landscape or a
 * basin map; 0 when it has no ball. */
int rs_figure_ball (const rs_figure *f, size_t i, double width,
                    double height, double *x, double *y);

/* What the figure's panels are drawn from (panels.h): the run at the
 * point shown and, mid-change (rs_figure_morph with t < 1), the moment
 * the landscape shows, so that every panel shows that moment: at t = 0
 * the state before the change (a kick's point before: `at` is that
 * point), in between the network t of the way, at t = 1 the point. */
void rs_figure_panel_ctx (const rs_figure *f, rs_panel_ctx *ctx);

/* Draw the figure into cr at width x height: the header, then each view
 * by its kind's entry in the table of panels (panel_kinds.h). */
void rs_figure_draw (cairo_t *cr, double width, double height,
                     const rs_figure *f);

/* What lies at (x, y) of the figure drawn at width x height, by the hit
 * test of the kind of the view there (panel_kinds.h: a point of a flat
 * landscape, a unit of the network): the view's index into *view, what
 * lies there into *hit, and 1; 0 when (x, y) is on no view with a hit
 * test, or on nothing it names.  For the app's pointer. */
int rs_figure_hit (const rs_figure *f, double width, double height,
                   double x, double y, size_t *view, rs_panel_hit *hit);

#endif /* RS_FIGURE_H */
