/* panel_data.h: what the data view's files share (private to src/):
 * panel_data.c (the network over its inputs, the words, the curve over
 * one input, the panel) and panel_data_map.c (the map over two inputs). */
#ifndef RS_PANEL_DATA_H
#define RS_PANEL_DATA_H

#include "draw/pane.h"

/* Samples of the 1-D curve, a side of the 2-D map, and the samples of
 * one forward pass. */
#define DATA_CURVE 241
#define DATA_GRID 61
#define DATA_CHUNK 1024

/* The network at the step shown over the data's box. */
typedef struct {
  sweep w;            /* the network at c->at and a pass over the data */
  size_t dim, k;      /* inputs and outputs */
  double win[4];      /* x0, x1 and, for two inputs, y0, y1 */
  size_t hidden, dead;   /* hidden units that can die, and dead ones */
  size_t dead_layer;  /* a hidden layer all dead (from 1), or 0 */
  unsigned char dead1[RS_NET_MAX_UNITS];  /* layer 1's dead units (for
                                             a network; the single
                                             neuron has no hidden layer) */
} dview;

/* The network at c->at, its data's box and its dead units; RS_OK,
 * RS_ENOMEM or RS_EINVAL (inputs other than 1 or 2).  sweep_end (&v->w)
 * frees it. */
int data_view_begin (dview *v, const rs_panel_ctx *c);

/* Sample s of n along a side: x0 + (x1 - x0) s / (n - 1). */
double data_sample_at (double x0, double x1, size_t s, size_t n);

/* The inputs of the samples: n along x, or n x n row by row from the
 * bottom (y0) up, x fastest; a new array, NULL when out of memory. */
double *data_sample_inputs (const dview *v, size_t n);

/* The finite range [lo, hi] of m samples; 0 when none is finite. */
int data_output_range (const double *y, size_t m, double *lo, double *hi);

/* Whether samples in [lo, hi] are one constant: equal up to rounding. */
int data_is_constant (double lo, double hi);

/* The label of a constant output y = value to 4 digits, a true minus
 * sign; with logit, the probability sigmoid(y) it stands for; broken
 * after its first words when two_lines. */
void data_constant_label (double value, int logit, int two_lines,
                          char *buf, size_t n);

/* The note about the dead units, or "" without any; brief: a short
 * form for a crowded plot. */
void data_dead_note (const dview *v, int neuron, int brief, char *buf,
                     size_t n);

/* Plain text src (no markup) into buf with its spaces turned into line
 * breaks wherever a line would grow wider than width at size. */
void data_wrap_text (pane *p, const char *src, double width, double size,
                     char *buf, size_t n);

/* The dead-unit note, boxed in the corner of the plot that covers the
 * fewest drawn points (the curve's samples when curve is not NULL, and
 * the data): in full where a corner is free, else in short. */
void data_draw_dead_note (pane *p, const axes *a, const dview *v,
                          const double *curve);

/* The map of the outputs y (unit by unit, DATA_GRID x DATA_GRID samples
 * a unit) in p's plot: the heat map, the boundary, the points, the
 * colour bar and the notes (panel_data_map.c). */
void data_draw_map (pane *p, const rs_panel_ctx *c, const dview *v,
                    const double *y);

/* The strip of layer 1's units under the plot when the panel has room
 * for it (taken from p's plot), else a rectangle of width 0
 * (panel_data_units.c). */
rs_rect data_units_strip (pane *p, const dview *v);

/* Layer 1's units in strip, one thumbnail each. */
void data_draw_units (pane *p, const dview *v, rs_rect strip);

#endif /* RS_PANEL_DATA_H */
