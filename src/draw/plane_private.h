/* plane_private.h: what a plane holds, shared by plane.c (making and
 * freeing one), plane_compute.c (its directions, window, path and
 * grids), plane_draw.c (drawn flat, the basin map), plane_3d*.c (drawn
 * in 3-D), plane_follow.c (whether a plane is still the surface of the
 * run at another step, and the morph between two settings) and the
 * other plane_*.c. */
#ifndef RS_PLANE_PRIVATE_H
#define RS_PLANE_PRIVATE_H

#include "draw/plane.h"
#include "draw/slice_pick.h"

struct rs_plane {
  const rs_scene *scene;
  const rs_view *view;
  const rs_sim *sim;
  size_t at;                 /* the point the plane passes through */
  size_t shown;              /* the point the ball is at */
  size_t n_rec;              /* the run's recorded points */
  size_t n;                  /* grid points a side */
  rs_slice *slice;
  double off_u, off_v;       /* shown value = offset + off (parameters) */
  rs_interval ur, vr;        /* the window as shown */
  char uname[40], vname[40];
  char umark[160], vmark[160]; /* the same, typeset (mathname.h) */
  rs_landscape *land;        /* landscapes: the loss */
  unsigned char *plateau;    /* n x n, row i = v */
  unsigned char *deader;     /* n x n: more units dead than the fewest of
                                the window (a unit of the axes dies) */
  rs_basin *basin;           /* basin maps */
  double *pu, *pv;           /* the path, points 0 .. at */
  struct plane_cache *cache; /* the flat plane's still layer */
  struct plane_3d_cache *cache3d; /* the 3-D surface's pixels
                                     (plane_3d_cache.c) */
  struct plane_labels *labels; /* where its path's labels were placed */
  double frac;               /* the ball: this far from the point before
                                `shown` to `shown` (1: at `shown`) */
  size_t kick_at;            /* mid-kick: the kick's point, the ball frac
                                of the way to it from the point before;
                                0: none */
  int hide_path;
  int arrow;                 /* draw -grad L at the ball */
  int grad_ok;               /* gu, gv hold the gradient at `shown` */
  double gu, gv;             /* grad L along d1 and d2 */
  rs_net *net;               /* the surface's network: the activations of
                                point `at`, its parameters with warming's
                                shift */
  rs_net *probe;             /* scratch: the settings of another point */
  double morph;              /* 1, or the fraction of a morph shown */
  rs_net *old;               /* net with the activations before the last
                                change at or before `at`; NULL: none */
  unsigned char *old_plateau;  /* n x n: the plateau of the surface with
                                  those activations; NULL: none */
  rs_landscape *old_outline;   /* its edge (level 1/2 of the mask) */
  rs_landscape *old_contours;  /* the loss inside it, at levels of its
                                  own range, old_step apart */
  double old_step;
  double kick_t;             /* 1, or the fraction of a kick's morph the
                                surface is computed for (plane_kick.c) */
  double alpha;              /* the ReLU family's alpha of the surface
                                drawn (mid-morph: the blend); -1: none */
  /* The morph's loss is quadratic in t when the change moves the alphas
   * of the output's own layer, or of the one hidden layer before an
   * identity output, under the mean squared error: the network's output
   * is then affine in alpha.  Three grids give every frame. */
  int quad;                  /* 1: so */
  gsl_matrix *mq[3];         /* the loss at t = 0, 1/2, 1 (NULL: not yet) */
  unsigned char *mplateau[2];  /* the plateau and dead cells at t = 0, 1 */
  unsigned char *mdeader[2];
  int picked;                /* a network's default axes: pick holds */
  rs_pick pick;              /* the focus unit they belong to */
  int unit_slice;            /* a network's slice through one unit's own
                                weight and bias, pick.focus.unit */
  int dead_lowest;           /* the dead region holds the lowest loss
                                (2), or nearly (1): rs_pick_dead_lowest */
  double dead_min, alive_min;
  const rs_runs *runs;       /* a figure of variants: every run's path
                                and ball (plane_runs.c); else NULL */
};

/* Draws the 3-D landscape's surface; 0 when out of memory. */
typedef int (*rs_plane_3d_drawer) (cairo_t *cr, const rs_plane *p,
                                   const rs_plane_view3d *v,
                                   const rs_theme *th, double s);

/* The 3-D surface's pixels, kept (plane_3d_cache.c). */
struct plane_3d_cache *rs_plane_3d_cache_alloc (void);
void rs_plane_3d_cache_free (struct plane_3d_cache *c);

/* Draw the surface by draw, or copy in the pixels it drew last when
 * everything they came from is the same (camera, scale, theme, heights,
 * plateau, cairo's state and the pixels under them): the same pixels
 * either way.  Returns what draw returned (1 from the kept pixels). */
int rs_plane_3d_cached_surface (cairo_t *cr, const rs_plane *p,
                                const rs_plane_view3d *v,
                                const rs_theme *th, double s,
                                rs_plane_3d_drawer draw);

/* Every run's path up to the step shown and its ball, in its colour
 * (plane_runs.c), over a flat landscape's plot. */
void rs_plane_draw_runs (cairo_t *cr, const rs_plane *p, rs_rect plot,
                         const rs_theme *th, double s);

/* What does not move from frame to frame of a flat plane (the heatmap,
 * contours, hatching, axes, colour bar, title), drawn once into an image
 * for image targets and painted under the path and the ball at each
 * frame: for the app and for animations.  Vector targets draw it all. */
struct plane_cache {
  cairo_surface_t *img;
  double x, y, w, h, s;      /* the cell and the scale it was drawn for */
  const rs_theme *th;
  char font[64];
  int stale;                 /* the plane changed: draw img again */
};

/* The surface of net over the plane's window on its grid, computing
 * what (RS_SURFACE_ flags), run to the end; NULL with err. */
rs_surface *rs_plane_surface (const rs_plane *p, const rs_net *net,
                              unsigned what, rs_error *err);

/* Make what a plane allocated by rs_plane_alloc is made of
 * (plane_compute.c): its directions through its point, its window and
 * axes' names, the path on it, and its basin map or its landscape.
 * RS_OK, or an error code with err (the plane then to be freed). */
int rs_plane_build (rs_plane *p, rs_error *err);

/* Compute the landscape's loss, plateau and dead cells on the surface of
 * net (its activations; its parameters as the plane's point), replacing
 * what the plane held; the cached still layer is dropped. */
int rs_plane_compute (rs_plane *p, const rs_net *net, rs_error *err);

/* The old activations (of the point before the last change of
 * activation at or before the plane's point) and the plateau of the
 * surface they make through the same point; none when there was no
 * change, or no plateau.  Then rs_plane_blend computes the landscape. */
int rs_plane_old_plateau (rs_plane *p, rs_error *err);

/* Compute the landscape with the activations moved from the old ones to
 * the plane's own by t in [0, 1] (1: its own), and the contours inside
 * the old plateau on it. */
int rs_plane_blend (rs_plane *p, double t, rs_error *err);

/* The old plateau's edge and the contours inside it (plane_tilt.c);
 * rs_plane_old_label gives its label (with the contours' spacing) into
 * buf, 1 when it is large enough to hold one. */
int rs_plane_old_label (const rs_plane *p, char *buf, size_t n);
void rs_plane_draw_old_plateau (cairo_t *cr, const rs_plane *p,
                                rs_rect plot, double s);

/* A position on the grid (column gj, row gi, as a landscape's
 * segments are) to a point of the screen. */
typedef void (*rs_plane_to_screen) (const void *data, double gj,
                                    double gi, double *x, double *y);

/* The same on the 3-D surface, each point of the plane sent to the
 * screen by map: the edge, and the contours inside it (a segment drawn
 * when its middle lies on the old plateau), drawn over the surface
 * (named in the legend: rs_plane_legend_3d). */
void rs_plane_draw_old_plateau_3d (cairo_t *cr, const rs_plane *p,
                                   rs_plane_to_screen map, const void *data,
                                   double s);

/* Stroke cr's path as an edge on the surface: width points (times s)
 * of line over a halo twice as wide, halo at 45 % (plane_tilt.c). */
void rs_plane_stroke_edge (cairo_t *cr, double s, rs_rgb line, rs_rgb halo,
                           double width);

/* The 3-D surface in cell r below the title row (plane_3d.c). */
void rs_plane_draw_3d (cairo_t *cr, rs_rect r, const rs_plane *p,
                       const rs_theme *th, const char *font, double s);

/* The 3-D surface's legend of what is drawn on it (the hatched plateau,
 * the old plateau's edge and contours) into buf; 0 when there is
 * nothing to say. */
int rs_plane_legend_3d (const rs_plane *p, char *buf, size_t n);

/* The box the arrow's ruler takes at the plot's bottom right, its title
 * included. */
rs_rect rs_plane_ruler_box (cairo_t *cr, rs_rect plot, double s);

/* The arrow of steepest descent from the ball at (x, y), its length by
 * rs_plane_arrow_length, with a ruler of that scale; "∇L = 0" where the
 * gradient vanishes. */
void rs_plane_draw_arrow (cairo_t *cr, const rs_plane *p, rs_rect plot,
                          double x, double y, double s);

/* Contours of the current loss inside the old plateau, on levels of
 * its own range (after the landscape changed). */
int rs_plane_old_lines (rs_plane *p);

/* The gradient of the loss at the ball along the plane's directions
 * into gu, gv (grad_ok 0 when it cannot be had): at recorded point i,
 * or, when i is a kick's point, t of the way from before the kick. */
void rs_plane_gradient (rs_plane *p, size_t i, double t);

/* The morph of the kick of the point shown by t in [0, 1]:
 * the ball t of the way along the kick's arrow, and on the plane of the
 * kick's own point, when the kick moved what the plane holds fixed, the
 * surface through the ball's parameters computed again. */
int rs_plane_kick (rs_plane *p, double t, rs_error *err);

/* The parameters t of the way from before the kick of point i to
 * after it (warming's shift added) into net, which has the run's
 * shape; RS_EINVAL when i has no kick. */
int rs_plane_kick_net (const rs_plane *p, size_t i, double t, rs_net *net);

/* The recorded point whose activations were the run's before the change
 * of activation the plane morphs (the point before the change's own),
 * or (size_t) -1 when it morphs none. */
size_t rs_plane_act_from (rs_plane *p);

/* net's activations moved from those of old (a network of its shape) by
 * t in [0, 1], as the morph's landscape moves them: each alpha of the
 * ReLU family linearly, another change of family at t = 1/2. */
void rs_plane_blend_acts (rs_net *net, const rs_net *old, double t);

/* Forget the grids of the quadratic morph. */
void rs_plane_drop_morph (rs_plane *p);

/* The landscape of the loss grid (taken) in place of the plane's, its
 * cached still layer dropped. */
int rs_plane_set_loss (rs_plane *p, gsl_matrix *loss, rs_error *err);

/* Drop the cached still layer: drawn again at the next frame. */
void rs_plane_forget (rs_plane *p);

/* A region of the flat plane to label (plane_labels.c): its grid
 * points (n x n, as p->plateau), its label and a shorter one (may be
 * ""), and how much the label matters beside the others. */
typedef struct {
  const unsigned char *mask;
  char text[200];
  char brief[80];
  double prio;
} plane_region;

/* Place the labels of the flat plane drawn in plot at scale s, all
 * together (place.h), away from the whole path, the kicks' arrows and
 * the start: the note of a dead unit at the lowest loss, the start's
 * and the kicks' labels, the n regions' labels and the contours'
 * values.  The still ones are drawn now; the path's are kept for
 * rs_plane_draw_path_labels.  The placement does not depend on the
 * point shown, so labels stay put while the ball rolls. */
void rs_plane_draw_labels (cairo_t *cr, const rs_plane *p, rs_rect plot,
                           double s, const plane_region *reg, size_t n);

/* The recorded path up to point last as obstacles of pl (place.h),
 * drawn in plot at scale s: everything within the ball's radius of it,
 * the kicks' arrows, the start's ring. */
struct rs_placer;
void rs_plane_path_obstacles (struct rs_placer *pl, const rs_plane *p,
                              rs_rect plot, double s, size_t last);

/* The labels of the path's start and of its last kick up to the point
 * shown, where rs_plane_draw_labels placed them. */
void rs_plane_draw_path_labels (cairo_t *cr, const rs_plane *p, double s);

/* The arrow's label as placed at this frame (NULL: none), kept with
 * the others for rs_plane_label_boxes. */
void rs_plane_labels_arrow (const rs_plane *p, const rs_rect *box);

/* Room for a plane's placed labels: alloc and free. */
struct plane_labels *rs_plane_labels_alloc (void);
void rs_plane_labels_free (struct plane_labels *l);

#endif /* RS_PLANE_PRIVATE_H */
