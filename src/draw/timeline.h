/* timeline.h: the timeline panel's geometry and its label placer (private
 * to src/; panel_timeline.c draws, timeline_axes.c lays out and maps,
 * timeline_marks.c marks the events).
 *
 * The timeline is three plots stacked over one step axis: the loss, the
 * gradient norm, each on its own log axis fitted to its own finite
 * values, and the dead-unit count.  A log axis cannot show 0 or +inf, so
 * each series that takes them over the run gets a band of its own:
 * "= 0" under its lowest decade, "∞" above its top; NaN is a gap.  Every
 * word is placed through a list of boxes that refuses overlaps. */
#ifndef RS_TIMELINE_H
#define RS_TIMELINE_H

#include "draw/pane.h"

/* How many decades a log axis shows at most: a run whose values span
 * more keeps the start's value in its window and leaves the far values
 * out (arrows at the edge where the line leaves). */
#define TL_MAX_DECADES 24.0

/* Where a value of a series goes. */
typedef enum {
  TL_IN,        /* on the log axis */
  TL_ZERO,      /* exactly 0: the "= 0" band */
  TL_INF,       /* +inf: the "∞" band */
  TL_GAP,       /* NaN, a negative value, -inf: not drawn */
  TL_ABOVE,     /* finite, above the window */
  TL_BELOW      /* finite and positive, under the window */
} tl_class;

/* One series' plot: its log window and where its parts are. */
typedef struct {
  double lo, hi;      /* log10 of the window's ends */
  int finite;         /* whether the run has a finite positive value */
  double mn, mx;      /* log10 of its least and greatest such value */
  rs_rect box;        /* the whole plot, bands included */
  rs_rect area;       /* the log axis */
  rs_rect zero;       /* the "= 0" band, height 0 when the run has no 0 */
  rs_rect inf;        /* the "∞" band, height 0 when it has no +inf */
} tl_axis;

/* The whole panel's geometry. */
typedef struct {
  double k;           /* the panel's scale */
  rs_rect plot;       /* the three plots and the gaps between them */
  double last;        /* the step at the right edge */
  tl_axis ax[2];      /* RS_TIMELINE_LOSS, RS_TIMELINE_GNORM */
  rs_rect dead;       /* the dead-unit strip */
  size_t units;       /* the strip's top: units that can die */
} tl_layout;

#define TL_MAX_LABELS 192

/* The words placed so far, each with its box; a box that would overlap
 * one of them is refused. */
typedef struct {
  rs_panel_label v[TL_MAX_LABELS];
  size_t n;
} tl_labels;

/* The timeline's margins (at scale 1) around its plot. */
extern const margins tl_margins;

/* The geometry of the timeline in r for run c->sim, at scale k. */
void tl_layout_of (rs_rect r, const rs_panel_ctx *c, double k,
                   tl_layout *L);

/* Value v of series s and where it goes. */
double tl_value (const rs_sim_point *pt, int s);
tl_class tl_class_of (const tl_axis *a, double v);

/* The y where v is drawn on axis a: the log axis, a band's middle, or
 * NAN for a gap and a value outside the window. */
double tl_y (const tl_axis *a, double v);

/* The x of step in L. */
double tl_x (const tl_layout *L, double step);

/* Whether a box is free: inside clip and off every placed box (with a
 * margin of pad). */
int tl_free (const tl_labels *t, rs_rect box, rs_rect clip, double pad);

/* If box is free, place it with text and return 1. */
int tl_place (tl_labels *t, rs_rect box, rs_rect clip, double pad,
              const char *text);

/* Place markup at (x, y) with anchor (ax, ay) inside clip; draw it in
 * col (on a box of the panel's colour when boxed) and return 1 when it
 * fits, 0 (nothing drawn) otherwise. */
int tl_text (pane *p, tl_labels *t, rs_rect clip, rs_rgb col, double x,
             double y, const char *markup, double size, int boxed,
             double ax, double ay);

/* The same for markup already measured: w wide and h high at size. */
int tl_text_sized (pane *p, tl_labels *t, rs_rect clip, rs_rgb col,
                   double x, double y, const char *markup, double size,
                   int boxed, double ax, double ay, double w, double h);

/* The same, turned a quarter left and centred on (x, y). */
int tl_text_up (pane *p, tl_labels *t, rs_rect clip, rs_rgb col, double x,
                double y, const char *markup, double size);

/* The event marks: their lines across the plot, and their labels at the
 * top of the log axes where they fit. */
void tl_mark_lines (pane *p, const tl_layout *L);
void tl_mark_labels (pane *p, const tl_layout *L, tl_labels *t);

#endif /* RS_TIMELINE_H */
