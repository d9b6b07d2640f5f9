/* pane.h: what every panel of panels.h shares (private to src/).
 *
 * A pane is one panel being drawn: its rectangle, its scale, its theme
 * and the plot area inside its margins.  Axes map a data window onto a
 * box; a sweep runs the network over the data chunk by chunk.  Each
 * panel kind lives in its own file (panel_timeline.c, panel_network.c,
 * panel_activation.c, panel_hist.c, panel_heads.c) and draws through
 * these helpers only. */
#ifndef RS_PANE_H
#define RS_PANE_H

#include <cairo.h>

#include "draw/panels.h"

/* Margins of a panel's plot inside its rectangle, at scale 1. */
typedef struct {
  double top, right, bottom, left;
} margins;

/* A panel being drawn: where, at what scale, in which theme. */
typedef struct {
  cairo_t *cr;
  const rs_panel_ctx *c;
  const rs_theme *t;
  rs_rect r;
  double k;         /* the scale of sizes in this panel */
  rs_rect plot;     /* the area inside the margins */
  cairo_path_t *path;  /* the caller's current path, given back at the end */
} pane;

/* A plot box and the data window it shows, both axes linear (a log axis
 * is a linear one in log10 of the value). */
typedef struct {
  rs_rect box;
  double x0, x1, y0, y1;
} axes;

/* A forward pass over the data at point c->at, chunk by chunk. */
typedef struct {
  rs_net *net;          /* the network at that point, warming's shift in */
  rs_net_workspace *ws;
  const rs_data *d;
  size_t next;          /* the first point of the next chunk */
  size_t m;             /* the points in the current chunk */
} sweep;

/* The panel's scale: the figure's, reduced when r is too small to hold
 * a plot of that scale (a 260 x 170 panel holds one at scale 1). */
double pane_scale (rs_rect r, const rs_panel_ctx *c);

/* The plot area of r inside margins m at scale k. */
rs_rect pane_plot (rs_rect r, double k, margins m);

/* Whether a rectangle is something one can draw in. */
int pane_rect_ok (rs_rect r);

/* The theme of c, light when it has none. */
const rs_theme *pane_theme_of (const rs_panel_ctx *c);

/* The font family of the panel, NULL for the default. */
const char *pane_font (const pane *p);

/* The recorded point shown: c->at, or the last one when c->at is past
 * the end. */
size_t pane_at (const rs_panel_ctx *c);

/* Text in colour col; returns its width. */
double pane_text (pane *p, rs_rgb col, double x, double y, const char *markup,
      double size, int bold, double ax, double ay, double angle);

/* The width of markup at size (scaled). */
double pane_text_width (pane *p, const char *markup, double size, int bold);

/* A colour as #rrggbb, for markup spans. */
void pane_hex (rs_rgb c, char buf[8]);

/* Start a panel: save cr, clip to r, paint the page and the frame, write
 * the title and, right-aligned, a note, or the shorter one (may be
 * NULL) when there is room for that only.
 * Returns 1 when the plot area is large enough to draw in, 0 otherwise
 * (pane_end must be called either way). */
int pane_begin (pane *p, cairo_t *cr, rs_rect r, const rs_panel_ctx *c,
            margins m, const char *title, const char *note,
            const char *short_note);

/* End a panel: cr as it was, its path included. */
void pane_end (pane *p);

/* Data to device coordinates in a's box. */
double axes_x (const axes *a, double v);

double axes_y (const axes *a, double v);

/* A number as a tick label: %g, with a true minus sign. */
void axes_tick_label (double v, char *buf, size_t n);

/* The box filled in the panel colour, clipped and framed after. */
void axes_fill (pane *p, const axes *a);

/* The box's frame. */
void axes_frame (pane *p, const axes *a);

/* Clip to the box (inside a cairo_save). */
void axes_clip (pane *p, const axes *a);

/* Ticks, grid lines and numbers along x at multiples of a nice step;
 * labels only when with_labels. */
void axes_x_ticks (pane *p, const axes *a, int with_labels);

/* The same along y, linear. */
void axes_y_ticks (pane *p, const axes *a, double n);

/* A power of ten as markup: 1, 10, 0.1, 10^e beyond. */
void axes_decade_label (int e, char *buf, size_t n);

/* Decades along a log y axis (a's y window in log10), every one or every
 * few so that their labels do not touch. */
void axes_y_log_ticks (pane *p, const axes *a);

/* Axis titles: under the box, and up its left side with the text's top
 * at x. */
void axes_x_title (pane *p, const axes *a, const char *markup);

/* The y axis's title. */
void axes_y_title (pane *p, const axes *a, const char *markup, double x);

/* A label on a small box of the panel's colour, so that it reads over
 * lines; returns its width. */
double pane_label_boxed (pane *p, rs_rgb col, double x, double y, const char *markup,
             double size, int bold, double ax, double ay);

void sweep_end (sweep *w);

/* The network at c->at (mid-change: the moment's, see rs_panel_moment)
 * and a workspace for it; RS_OK, RS_ENOMEM or RS_EINVAL. */
int sweep_begin (sweep *w, const rs_panel_ctx *c);

/* The forward pass over the next chunk; 0 when the data is done. */
int sweep_next (sweep *w);

/* The runs of c's figure: its variants', or 1 (pane_runs.c). */
size_t pane_runs (const rs_panel_ctx *c);

/* The step shown: that of c->sim's recorded point pane_at (c). */
size_t pane_step (const rs_panel_ctx *c);

/* Run k's context in *ck: c with run k's scene and run, at its recorded
 * point at c's step shown (the last one at or before it), without c's
 * moment (a change seen mid-way: the first run's) unless k = 0; c
 * itself for k = 0 of a figure without variants.  RS_EINVAL when there is no run k. */
int pane_run_ctx (const rs_panel_ctx *c, size_t k, rs_panel_ctx *ck);

#endif /* RS_PANE_H */
