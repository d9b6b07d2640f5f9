/* panel_kinds.h: one table of the kinds of panel a figure can show, one
 * entry per view kind of the scene language (RS_VIEW_*): its name, how
 * the figure treats it (a plane to compute, one run or every run in a
 * figure of variants), its drawing function and, where it has one, its
 * hit test (what lies under a point).  The figure (figure.c) draws and
 * hit-tests every view through it; adding a panel is one entry in
 * panel_kinds.c plus the panel's own panel_*.c. */
#ifndef RS_PANEL_KINDS_H
#define RS_PANEL_KINDS_H

#include <cairo.h>
#include <reluscape/reluscape.h>

#include "draw/draw.h"
#include "draw/panels.h"
#include "draw/plane.h"

/* What one panel of a figure is drawn from. */
typedef struct {
  const rs_panel_ctx *ctx;  /* the run at the point shown, the moment,
                               theme, font and scale (panels.h) */
  const rs_view *view;      /* the view: its options (three_d, traces) */
  const rs_plane *plane;    /* RS_PANEL_PLANE kinds: the plane the figure
                               computed for the view; else NULL */
} rs_panel_args;

/* What lies under a point of a panel (rs_panel_kind's hit). */
typedef enum {
  RS_PANEL_HIT_PLANE = 1,   /* a point of a flat landscape: (u, v) */
  RS_PANEL_HIT_UNIT         /* a unit of the network: run, column, unit */
} rs_panel_hit_kind;

typedef struct {
  rs_panel_hit_kind what;
  double u, v;              /* RS_PANEL_HIT_PLANE: the plane's coordinates
                               as shown (rs_plane_map inverted): for
                               parameters by name, their values */
  size_t run;               /* RS_PANEL_HIT_UNIT: the run of a figure of
                               variants (0 without variants), */
  size_t layer, unit;       /* the column (0: the inputs) and the unit, as
                               rs_panel_network_run_unit numbers them */
} rs_panel_hit;

/* How the figure treats a kind of panel (rs_panel_kind's flags). */
enum {
  RS_PANEL_PLANE = 1u << 0,       /* drawn from a plane of parameter space
                                     that the figure computes, follows
                                     and morphs (landscape, basin map) */
  RS_PANEL_ONE_RUN = 1u << 1,     /* in a figure of variants, shows the
                                     first run only, and says so */
  RS_PANEL_ONE_RUN_3D = 1u << 2,  /* the same when drawn in 3-D */
  RS_PANEL_RUN_PATHS = 1u << 3    /* its plane draws every run's path and
                                     ball in a figure of variants */
};

/* One kind of panel. */
typedef struct {
  rs_view_kind view;        /* the scene's view kind, RS_VIEW_* */
  const char *name;         /* its name in the scene language
                               (rs_view_kind_name) */
  unsigned flags;           /* RS_PANEL_* above */
  size_t grid_div;          /* RS_PANEL_PLANE: its grid is the figure's
                               divided by this, rounded up (a basin map
                               trains from every start: 4) */
  /* Draw the panel into r. */
  void (*draw) (cairo_t *cr, rs_rect r, const rs_panel_args *a);
  /* What lies at (x, y) of the panel drawn in r into *hit: 1, or 0 when
   * nothing it can name lies there.  NULL: the kind has no hit test. */
  int (*hit) (rs_rect r, const rs_panel_args *a, double x, double y,
              rs_panel_hit *hit);
} rs_panel_kind;

/* The entry of view kind k, or NULL when there is none. */
const rs_panel_kind *rs_panel_kind_of (rs_view_kind k);

/* Whether view v shows the first run only in a figure of variants
 * (RS_PANEL_ONE_RUN, or RS_PANEL_ONE_RUN_3D drawn in 3-D). */
int rs_panel_one_run (const rs_view *v);

/* The grid of view v's plane on a figure of grid points a side
 * (RS_PANEL_PLANE kinds; grid for the others). */
size_t rs_panel_grid (const rs_view *v, size_t grid);

#endif /* RS_PANEL_KINDS_H */
