/* figure.h: a scene's whole figure: its title and the state of the run
 * over its views, laid out as the scene says, each drawn by its panel
 * into any cairo_t at any size.  The exporter, the app and make figures
 * all draw this. */
#ifndef RS_FIGURE_H
#define RS_FIGURE_H

#include <cairo.h>
#include <reluscape/reluscape.h>

#include "draw.h"
#include "theme.h"

typedef struct rs_figure rs_figure;

/* The views of sc: its own, or the defaults (the single neuron: its
 * landscape; a network: the landscape over its focus unit's weight and
 * bias (plane.c, slice_pick.c), the network and the timeline), into
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
 * maps made at rs_figure_alloc's point; the frames of an animation. */
void rs_figure_show (rs_figure *f, size_t at);

/* The landscapes' ball between the point before the one shown and it, by
 * frac in [0, 1] (1 after rs_figure_show): smooth motion in the app. */
void rs_figure_between (rs_figure *f, double frac);

/* The landscapes' path (on by default) and arrow of steepest descent at
 * the ball (off by default). */
void rs_figure_marks (rs_figure *f, int path, int arrows);

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

void rs_figure_draw (cairo_t *cr, double width, double height,
                     const rs_figure *f);

#endif /* RS_FIGURE_H */
