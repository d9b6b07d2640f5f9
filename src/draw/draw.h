/* draw.h: the pieces of a landscape (heatmap, contours, colour bar, path,
 * ball, arrows, text on the map), drawn with cairo and pango into any
 * cairo_t at any size, for the planes of figure.c; and the app's text
 * boxes.  Every picture, exported or in the app, is an rs_figure. */
#ifndef RS_DRAW_H
#define RS_DRAW_H

#include <cairo.h>
#include <gsl/gsl_matrix.h>
#include <reluscape/reluscape.h>

#define RS_LANDSCAPE_MAX_LEVELS 40

/* A piece of a contour line, in grid units: u counts columns (w), v rows
 * (b, upwards). */
typedef struct {
  double u0, v0, u1, v1;
} rs_segment;

/* The loss over the scene's (w, b) window for one activation, its colour
 * image and its contour lines; recomputed when the activation or alpha
 * changes. */
typedef struct {
  gsl_matrix *loss;            /* rows: b from b_range.lo up; columns: w */
  rs_interval w_range;
  rs_interval b_range;
  double log_lo;               /* the colour scale: log10 of the loss */
  double log_hi;
  double lo, hi;               /* the finite losses' range (linear scale) */
  int finite;                  /* 0: no point has a finite loss */
  rs_colormap cmap;
  int linear;                  /* 1: a linear colour scale */
  cairo_surface_t *heat;       /* one pixel per grid point, top row = b hi */
  const rs_act_type *act;      /* what the grid was computed for */
  double alpha;
  size_t n_levels;             /* contour levels, 1, 2, 5 x 10^k */
  double levels[RS_LANDSCAPE_MAX_LEVELS];
  size_t level_end[RS_LANDSCAPE_MAX_LEVELS]; /* level k's segments end */
  double label[RS_LANDSCAPE_MAX_LEVELS][2];  /* where k's label goes */
  rs_segment *segments;
  size_t n_segments;
} rs_landscape;

/* The landscape of neuron u (its activation and alpha; its w, b ignored)
 * on d over the scene's window, nw x nb grid points (each >= 2).  NULL
 * with err on failure. */
rs_landscape *rs_landscape_alloc (const rs_scene *sc, const rs_neuron *u,
                                  const rs_data *d, size_t nw, size_t nb,
                                  rs_error *err);
void rs_landscape_free (rs_landscape *l);

/* A landscape of any grid: loss (taken, freed with the landscape; rows v
 * from vr.lo up, columns u from ur.lo), +inf and NaN allowed (drawn at
 * the top of the scale).  w_range and b_range are then ur and vr, act is
 * NULL.  NULL with err (loss freed) when out of memory. */
rs_landscape *rs_landscape_from_grid (gsl_matrix *loss, rs_interval ur,
                                      rs_interval vr, rs_colormap cmap,
                                      int linear, rs_error *err);

/* The contours of grid (taken, freed with the landscape) at the n levels
 * given, for rs_landscape_stroke_levels: no colour image, no colour
 * scale.  NULL with err (grid freed) when out of memory. */
rs_landscape *rs_landscape_lines (gsl_matrix *grid, rs_interval ur,
                                  rs_interval vr, const double *levels,
                                  size_t n, rs_error *err);

/* Trace l's contours at the n levels given (at most
 * RS_LANDSCAPE_MAX_LEVELS) in place of its own; RS_ENOMEM (no contours
 * left) when memory runs out.  For contours chosen for a region's own
 * range, such as a tilted plateau's. */
int rs_landscape_set_levels (rs_landscape *l, const double *levels,
                             size_t n);

/* The colour of t in [0, 1] on map m. */
void rs_colour_map (rs_colormap m, double t, double rgb[3]);

typedef struct {
  double x;
  double y;
  double width;
  double height;
} rs_rect;

/* A box of text (pango markup allowed) with its top-left corner at (x, y),
 * on a translucent dark background, for the app's HUD and help; scale 1
 * is the figure's scale 1 (rs_figure_scale).  Returns the box's height. */
double rs_draw_text_box (cairo_t *cr, double x, double y, const char *markup,
                         double scale);

/* Where the run stands, as pango markup: "diverged", "stuck on the
 * plateau since step N" or "in the valley"; "" while it rolls. */
void rs_draw_outcome (const rs_sim *sim, char *buf, size_t n);

/* Pieces of the landscape figure for the other panels, each inside plot
 * (the grid's window filling it): the heat image, the contours (labels apart),
 * the colour bar to the right of plot (label along it, text and frame in
 * the colour fg), the ball centred at (x, y), a dashed arrow and white
 * text on a dark halo (anchor ax, ay) readable on any colour of the map. */
void rs_landscape_draw_heat (cairo_t *cr, const rs_landscape *l,
                             rs_rect plot);
void rs_landscape_draw_contours (cairo_t *cr, const rs_landscape *l,
                                 rs_rect plot, double s);
/* A contour's label: level k's value as text; a grid position (u, v)
 * in pixels of plot; the label's box size (w, h) and the label drawn
 * on a light box centred at (x, y).  Contour lines are drawn without
 * labels: the plane places them among its other labels. */
void rs_landscape_level_text (const rs_landscape *l, size_t k, char *buf,
                              size_t n);
void rs_landscape_to_pixel (const rs_landscape *l, rs_rect plot, double u,
                            double v, double *x, double *y);
void rs_draw_contour_label_size (cairo_t *cr, const char *text, double s,
                                 double *w, double *h);
void rs_draw_contour_label (cairo_t *cr, double x, double y,
                            const char *text, double s);
void rs_landscape_draw_colour_bar (cairo_t *cr, const rs_landscape *l,
                                   rs_rect plot, double s, const char *label,
                                   const char *font, double fg_r,
                                   double fg_g, double fg_b);
/* Stroke every contour of l inside plot with cr's source and line width,
 * without labels. */
void rs_landscape_stroke_levels (cairo_t *cr, const rs_landscape *l,
                                 rs_rect plot);

void rs_draw_ball_at (cairo_t *cr, double x, double y, double s);
/* The same ball in the colour (r, g, b): the app's other balls. */
void rs_draw_ball_coloured (cairo_t *cr, double x, double y, double s,
                            double r, double g, double b);
void rs_draw_arrow (cairo_t *cr, double x0, double y0, double x1, double y1,
                    double s);
void rs_draw_text_on_map (cairo_t *cr, double x, double y,
                          const char *markup, double px, int bold, double ax,
                          double ay);

/* The path through n points, point (data, i, &x, &y) giving each one's
 * pixel and returning its events: a white line with a dark halo, broken
 * at kicks and restarts. */
void rs_draw_path_line (cairo_t *cr, size_t n,
                        unsigned (*point) (void *data, size_t i, double *x,
                                           double *y),
                        void *data, double s);
/* The same in the colour rgb (the app's other balls' trails). */
void rs_draw_path_line_rgb (cairo_t *cr, size_t n,
                            unsigned (*point) (void *data, size_t i,
                                               double *x, double *y),
                            void *data, double s, const double *rgb);

/* The mark of path point i at (x, y), the point before it at (px, py):
 * a kick's arrow (in the kick's colour), else a dot when dot is set; the
 * start (i 0) ringed.  Their labels are placed by the plane
 * (plane_labels.c). */
void rs_draw_path_mark (cairo_t *cr, double px, double py, double x,
                        double y, unsigned events, size_t i, int dot,
                        double s);

/* Add to the path the lines of a hatching over plot, gap apart, at 45
 * degrees rising (or falling) to the right; the caller clips and
 * strokes. */
void rs_draw_hatch (cairo_t *cr, rs_rect plot, double gap, int rising);

/* A tick step of 1, 2 or 5 x 10^k giving about n ticks over span (n
 * taken as 1 when below). */
double rs_draw_nice_step (double span, double n);

#endif /* RS_DRAW_H */
