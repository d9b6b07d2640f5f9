/* expfig.h: the figure of an experiment (`reluscape experiment NAME -o
 * fig.pdf|.svg|.png`): one or two plots of points with their 95 %
 * intervals and, where one is known, the closed form as a dashed curve,
 * in the look of the scene figures (theme.h, pane.h).  Each experiment
 * fills an expfig_plot from its results with the very numbers of its CSV;
 * this file lays it out and draws it.  The layout and the mapping from
 * data to the page are public so that tests can find a plotted point. */
#ifndef RS_EXPFIG_H
#define RS_EXPFIG_H

#include <cairo.h>

#include "draw/draw.h"
#include "draw/theme.h"

#define EXPFIG_MAX_POINTS 72
#define EXPFIG_MAX_SERIES 32
#define EXPFIG_MAX_PANELS 2
#define EXPFIG_MAX_CATS 16

/* One series: points (x, y) with the interval [lo, hi] of each (NAN: none
 * drawn), or a reference curve (a closed form), drawn dashed, without
 * markers or intervals.  A point whose y is NAN is left out (a gap). */
typedef struct {
  char label[96];            /* for the legend (pango markup) */
  int colour;                /* the index into the series palette */
  int reference;             /* 1: a closed form, dashed */
  size_t n;
  double x[EXPFIG_MAX_POINTS];
  double y[EXPFIG_MAX_POINTS];
  double lo[EXPFIG_MAX_POINTS];
  double hi[EXPFIG_MAX_POINTS];
} expfig_series;

/* One plot: its title, axis titles, scales and series.  With categories
 * the x axis names them at x = 0, 1, ... (no numbers). */
typedef struct {
  char title[128];
  char x_title[96];
  char y_title[96];
  int log_x;                 /* x on a log10 axis, ticks at the points' x */
  int log_y;                 /* y on a log10 axis, ticks at decades */
  int integer_x;             /* x takes whole values: ticks at whole x */
  int value_ticks;           /* ticks at the x of the first series */
  double y_lo, y_hi;         /* a fixed y window (NAN: from the data) */
  size_t n_cats;
  char cats[EXPFIG_MAX_CATS][48];
  size_t n_series;
  expfig_series s[EXPFIG_MAX_SERIES];
} expfig_panel;

/* A whole figure: a title, one line of settings, the plots side by side,
 * a note under them (what the bars and dashes are). */
typedef struct expfig_plot {
  char title[160];
  char subtitle[320];
  char note[320];
  size_t n_panels;
  expfig_panel panel[EXPFIG_MAX_PANELS];
} expfig_plot;

/* The axes of one plot on the page: its box and data window (in log10 of
 * the value on a log axis). */
typedef struct {
  rs_rect box;
  double x0, x1, y0, y1;
  int log_x, log_y;
} expfig_axes;

/* Where everything goes on a width x height page at scale s (1 for
 * 900 x 600): each plot's axes and the legend's top-left corner. */
typedef struct {
  double s;
  size_t n_panels;
  expfig_axes ax[EXPFIG_MAX_PANELS];
  double legend_x, legend_y;
} expfig_layout;

/* A new empty series of panel pn (NULL when it is full), with its label,
 * colour and kind. */
expfig_series *expfig_add_series (expfig_panel *pn, const char *label,
                                  int colour, int reference);

/* Add a point to s (dropped when s is full). */
void expfig_add_point (expfig_series *s, double x, double y, double lo,
                       double hi);

/* The palette of the series: the theme's blue, orange, green and purple,
 * then the Okabe-Ito sky blue, yellow-brown and the text colour; it
 * repeats after that. */
rs_rgb expfig_colour (const rs_theme *t, int i);

/* The layout of p on a width x height page at scale s. */
void expfig_layout_of (const expfig_plot *p, double width, double height,
                       double s, expfig_layout *l);

/* A data point (x, y) of a plot as a point on the page: NAN where it is
 * not on the axis (y <= 0 or x <= 0 on a log axis, NaN). */
void expfig_map (const expfig_axes *a, double x, double y, double *px,
                 double *py);

/* Draw p on a width x height page at scale s, in the light theme and the
 * default font. */
void expfig_draw (cairo_t *cr, const expfig_plot *p, double width,
                  double height, double s);

/* Write p to path, PNG (900 x 600 pixels), PDF or SVG (16 x 10.7 cm, the
 * text at 10 pt) by its extension, whole or not at all.  0, or -1 with a
 * message naming the file in errbuf. */
int expfig_write (const expfig_plot *p, const char *path, char *errbuf,
                  size_t errlen);

#endif /* RS_EXPFIG_H */
