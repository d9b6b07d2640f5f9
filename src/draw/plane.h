/* plane.h: the landscape and the basin map of any plane through a
 * network's parameters (two parameters by name, random directions or the
 * trajectory's principal components), drawn flat or as a lit 3-D
 * surface, with the run's path projected onto it and the ball. */
#ifndef RS_PLANE_H
#define RS_PLANE_H

#include <cairo.h>
#include <reluscape/reluscape.h>

#include "draw/draw.h"
#include "draw/theme.h"
#include "draw/variants.h"

typedef struct rs_plane rs_plane;

/* The plane of view v (a landscape or a basin map) through the point of
 * the run sim recorded at index `at`, computed on an n x n grid (n: the
 * view's grid when it has one).  A basin map trains from each start for
 * the scene's steps.  NULL with err on failure (a name the network does
 * not have, too short a trajectory for pca, no memory). */
rs_plane *rs_plane_alloc (const rs_scene *sc, const rs_view *v,
                          const rs_sim *sim, size_t at, size_t n,
                          rs_error *err);
void rs_plane_free (rs_plane *p);

/* The plane's axes as shown: for parameters by name, their values; for
 * directions, the offsets along them.  Names "W1[0][0]", "random 1",
 * "PC1". */
rs_interval rs_plane_u_range (const rs_plane *p);
rs_interval rs_plane_v_range (const rs_plane *p);
const char *rs_plane_u_name (const rs_plane *p);
const char *rs_plane_v_name (const rs_plane *p);

/* The title of the plane's panel, in Pango markup: what it is, over
 * which directions, and for a landscape pinned to a step (view landscape
 * ... at STEP) "at step STEP (pinned)". */
void rs_plane_title (const rs_plane *p, char *buf, size_t n);

/* The recorded point the plane passes through. */
size_t rs_plane_at (const rs_plane *p);

/* Whether the landscape p holds is no longer the loss surface the run is
 * on at recorded point i: the activations or their alpha, or bias
 * warming's shift, differ between i and the plane's point, or (a slice of
 * a network) the parameters the plane holds fixed moved.  0 for a basin
 * map, which stays as it was made. */
int rs_plane_stale (const rs_plane *p, size_t i);

/* The plane of the same view through recorded point i on an n x n grid,
 * p's marks kept, p freed, when p is stale at i; else p itself.  NULL
 * with err (p kept) when the new plane cannot be made. */
rs_plane *rs_plane_follow (rs_plane *p, size_t i, size_t n, rs_error *err);

/* The landscape drawn while the change at the point shown takes
 * effect (rs_plane_change).  A kick: the ball t of the way along its
 * arrow, the surface through the ball's parameters (t of the way from
 * before the kick to after it, the grid's coordinates as shown).  The
 * last change of activation at or before the plane's point: each alpha of the ReLU family
 * moved from its old value to its new one by t in [0, 1] (another change
 * of family at t = 1/2), computed again; t = 1 is the plane's own
 * surface.  The old plateau (of the surface before the change) stays
 * outlined, with contours on levels of its own range.  Nothing to do
 * (RS_OK) without such a change.  RS_ENOMEM with err when memory runs
 * out. */
int rs_plane_morph (rs_plane *p, double t, rs_error *err);

/* The moment the plane shows t (in [0, 1)) of the way through its
 * change (rs_plane_change), for the panels beside it: the network then
 * into net (the run's shape; warming's shift in): a kick's parameters t
 * of the way, as the ball's; or the point shown with each activation t
 * of the way from the one before, as the landscape's blend, exactly the
 * activations before at t = 0.  *before is the recorded point holding
 * the state before the change.  RS_OK, or RS_EINVAL when the plane shows
 * no change or t >= 1. */
int rs_plane_moment (rs_plane *p, double t, rs_net *net, unsigned *change,
                     size_t *before);

/* The kick of recorded point i: the point where a kick (RS_EVENT_KICK)
 * moved the ball from the point before it, when that is i or a point of
 * the same step before it with the same parameters (a beat recorded
 * after the kick); 0 when there is none. */
size_t rs_plane_kick_of (const rs_plane *p, size_t i);

/* The change rs_plane_morph plays at the point shown: RS_EVENT_KICK
 * when a kick moved the ball there (the morph moves the ball along the
 * kick's arrow and, when the kick moved what the plane holds fixed and
 * the plane passes through that point, the surface with it: see
 * plane_kick.c), else RS_EVENT_ACT when an activation changed at or
 * before the plane's point, else 0 (a basin map: 0). */
unsigned rs_plane_change (const rs_plane *p);

/* The label of the hatched plateau (dead: its unit is dead there too),
 * or NULL when the old plateau of a change is outlined: its own label
 * says what it is, one label at a time. */
const char *rs_plane_plateau_label (const rs_plane *p, int dead);

/* Show the run at recorded point i (the ball, the path up to it) on the
 * plane made through the point `at` of rs_plane_alloc, which it starts
 * with: the frames of an animation over one landscape. */
void rs_plane_show (rs_plane *p, size_t i);

/* The ball between the point before the one shown and it, by frac in
 * [0, 1] (1, the default after rs_plane_show: at it): the app's smooth
 * motion between steps.  The path ends at the ball. */
void rs_plane_between (rs_plane *p, double frac);

/* Whether the path is drawn (1, the default) and the arrow of steepest
 * descent at the ball (0, the default; computed at each show), with a
 * ruler of its lengths: see rs_plane_arrow_length. */
void rs_plane_marks (rs_plane *p, int path, int arrow);

/* The length of the arrow of steepest descent for a gradient of norm
 * gnorm (along the plane) at scale s: 14 s per decade, 0 at 10^-5,
 * clamped to [7 s, 98 s] (10^-4: 14 s, 10^-2: 42 s, 1: 70 s); 0 when
 * gnorm is 0 (the plateau: no arrow, "∇L = 0"). */
double rs_plane_arrow_length (double gnorm, double s);

/* Whether grid point (i, j) of a landscape was on the plateau of the
 * surface before the last change of activation (the old plateau, drawn
 * outlined); and the spacing of the contours drawn inside it, on the
 * current surface (0: none). */
int rs_plane_was_plateau (const rs_plane *p, size_t i, size_t j);
double rs_plane_tilt_step (const rs_plane *p);

/* The grid's points a side. */
size_t rs_plane_grid (const rs_plane *p);

/* A landscape's grid point at row i (v, from the window's bottom) and
 * column j (u): where it is as shown, its loss, whether it is on the
 * plateau and whether more units are dead there than the fewest of the
 * window.  RS_EINVAL for a basin map or a point off the grid. */
int rs_plane_cell (const rs_plane *p, size_t i, size_t j, double *u,
                   double *v, double *loss, int *plateau, int *deader);

/* The names of the two parameters a plane over parameters by name is
 * spanned by ("W1[15][0]", "b1[15]": for the default axes, those of the
 * unit chosen), into *p1 and *p2; 0 for directions (random, pca). */
int rs_plane_params (const rs_plane *p, const char **p1, const char **p2);

/* For a slice through one unit's own weight and bias (a network's
 * default plane, or two such parameters by name): 2 when the region
 * where the unit is dead holds the lowest loss of the window, 1 when its
 * loss is as dark (the lowest tenth of the colour scale), else 0; the
 * plane then says why in a box at its bottom (slice_pick.c). */
int rs_plane_dead_lowest (const rs_plane *p);

/* The run's recorded point i in the plane's coordinates as shown. */
void rs_plane_point (const rs_plane *p, size_t i, double *u, double *v);

/* Where the ball is drawn, in the plane's coordinates as shown: the
 * point shown, or between points (rs_plane_between; mid-kick, t of the
 * way along the kick's arrow). */
void rs_plane_ball (const rs_plane *p, double *u, double *v);

/* Where (u, v) lies in the plot rectangle of a flat plane drawn in r. */
rs_rect rs_plane_plot_rect (rs_rect r, double s);
void rs_plane_map (const rs_plane *p, rs_rect plot, double u, double v,
                   double *x, double *y);

/* The point (u, v) of the plane drawn at (x, y) of the plot: the
 * inverse of rs_plane_map. */
void rs_plane_unmap (const rs_plane *p, rs_rect plot, double x, double y,
                     double *u, double *v);

/* The same for a basin map, whose cells are centred on the grid's
 * points. */
void rs_plane_map_cells (const rs_plane *p, rs_rect plot, double u,
                         double v, double *x, double *y);

/* Draw the plane into r (on an image target, the parts that do not move
 * between frames come from an image kept in p, drawn again when r, s,
 * th or font change): the heatmap with labelled contours, the plateau
 * (gradient norm below the scene's tolerance) hatched, the path with its
 * kicks as arrows, the ball at `at`, axes and the colour bar; or the 3-D
 * surface under the scene's camera; or the basin map with its legend. */
void rs_plane_draw (cairo_t *cr, rs_rect r, const rs_plane *p,
                    const rs_theme *th, const char *font, double s);

/* What a label of the flat plane says. */
enum {
  RS_PLANE_LABEL_NOTE,      /* the note of a dead unit at the lowest loss */
  RS_PLANE_LABEL_START,
  RS_PLANE_LABEL_KICK,
  RS_PLANE_LABEL_REGION,    /* the plateau, a dead unit, the old plateau */
  RS_PLANE_LABEL_CONTOUR,
  RS_PLANE_LABEL_ARROW      /* the arrow of steepest descent's, or ∇L = 0 */
};

/* The labels placed at the flat plane's last drawing (plane_labels.c),
 * those of the path's kicks to come included, and the arrow's when it
 * is drawn: their boxes and kinds (RS_PLANE_LABEL_...) into box and kind
 * (either may be NULL), at most max; returns how many were placed. */
size_t rs_plane_label_boxes (const rs_plane *p, rs_rect *box, int *kind,
                             size_t max);

/* Draw the paths and balls of every run of runs (a figure of variants,
 * runs->sim[0] the plane's own run) instead of the plane's one path;
 * NULL: the plane's run alone.  runs must outlive the plane. */
void rs_plane_set_runs (rs_plane *p, const rs_runs *runs);

/* Recorded point i of run k of the plane's runs in the plane's
 * coordinates as shown; RS_EINVAL when the run has no such point or is
 * of another network. */
int rs_plane_run_point (const rs_plane *p, size_t k, size_t i, double *u,
                        double *v);

/* ---- the 3-D landscape (plane_3d.c) ----------------------------------
 * Box coordinates: x and y in [-1, 1] across the window's u and v (the
 * grid's columns and rows), z in [0, 1] up the colour scale (log or
 * linear, as the landscape's).  The camera turns the box by the
 * azimuth a about the vertical and tilts it by the elevation e:
 *   xr = x cos a - y sin a,  yr = x sin a + y cos a,  zz = 0.9 z - 0.45,
 *   screen x = cx + k xr,   screen y = cy - k (zz cos e + yr sin e),
 * with (cx, cy) and k chosen so that the box's eight corners, and room
 * for their labels, fit between the legend and the caption of the cell
 * whatever the camera. */
typedef struct {
  double ca, sa, ce, se;  /* cos and sin of the azimuth and elevation */
  double cx, cy, k;       /* the screen centre and scale */
  double s;               /* the figure's scale */
  rs_rect area;           /* what the box (with its labels) fits in */
  rs_rect bar;            /* the colour bar */
  double legend_y;        /* the top of the legend line */
  double caption_y;       /* the top of the caption line */
} rs_plane_view3d;

/* The camera of the 3-D view of p (the scene's azimuth and elevation)
 * drawn by rs_plane_draw in cell r at scale s. */
void rs_plane_3d_view (const rs_plane *p, rs_rect r, double s,
                       rs_plane_view3d *v);

/* Box coordinates (x, y, z) to the screen under v. */
void rs_plane_3d_project (const rs_plane_view3d *v, double x, double y,
                          double z, double *sx, double *sy);

/* The ticks of axis a (0: u along the floor's front edge in x, 1: v
 * along the one in y, 2: the loss up the floor's leftmost corner) as
 * drawn: at most max values and their screen points; their count. */
size_t rs_plane_3d_ticks (const rs_plane *p, const rs_plane_view3d *v,
                          int a, double *val, double *sx, double *sy,
                          size_t max);

/* The numbers at the 3-D view's colour bar's ends: the lowest and the
 * highest finite loss of the surface. */
void rs_plane_3d_bar_range (const rs_plane *p, double *lo, double *hi);

#endif /* RS_PLANE_H */
