/* panel_kinds.c: the table of the kinds of panel (panel_kinds.h), in the
 * order of RS_VIEW_*, with the small functions that fit each panel's own
 * drawing function (panels.h, plane.h) to the table's.  A new panel drawn
 * from the context alone gets a FROM_CTX line and an entry in kinds[]. */
#include <config.h>

#include <stddef.h>

#include "draw/panel_kinds.h"

/* A landscape or a basin map: the plane the figure computed. */
static void
draw_plane (cairo_t *cr, rs_rect r, const rs_panel_args *a)
{
  rs_plane_draw (cr, r, a->plane, a->ctx->theme, a->ctx->font, a->ctx->s);
}

/* The table's drawing function `name` of a panel drawn from the
 * context alone, by fn (cr, r, ctx) (panels.h). */
#define FROM_CTX(name, fn)                                              \
  static void                                                           \
  name (cairo_t *cr, rs_rect r, const rs_panel_args *a)                 \
  {                                                                     \
    fn (cr, r, a->ctx);                                                 \
  }

FROM_CTX (draw_activation, rs_panel_activation)
FROM_CTX (draw_network, rs_panel_network)
FROM_CTX (draw_timeline, rs_panel_timeline)
FROM_CTX (draw_histogram, rs_panel_histogram)
FROM_CTX (draw_depth, rs_panel_depth)
FROM_CTX (draw_heads, rs_panel_heads)
FROM_CTX (draw_data, rs_panel_data)

/* A trace: the series its view names. */
static void
draw_trace (cairo_t *cr, rs_rect r, const rs_panel_args *a)
{
  rs_panel_trace (cr, r, a->ctx, a->view);
}

/* A flat landscape: the point of the plane under (x, y) when it lies on
 * the plot (where a click starts the ball in the app). */
static int
hit_landscape (rs_rect r, const rs_panel_args *a, double x, double y,
               rs_panel_hit *hit)
{
  rs_rect plot;

  if (a->plane == NULL || a->view->three_d)
    return 0;
  plot = rs_plane_plot_rect (r, a->ctx->s);
  if (x < plot.x || x > plot.x + plot.width || y < plot.y
      || y > plot.y + plot.height)
    return 0;
  *hit = (rs_panel_hit) { .what = RS_PANEL_HIT_PLANE };
  rs_plane_unmap (a->plane, plot, x, y, &hit->u, &hit->v);
  return 1;
}

/* The network: the unit under (x, y). */
static int
hit_network (rs_rect r, const rs_panel_args *a, double x, double y,
             rs_panel_hit *hit)
{
  *hit = (rs_panel_hit) { .what = RS_PANEL_HIT_UNIT };
  return rs_panel_network_hit (r, a->ctx, x, y, &hit->run, &hit->layer,
                               &hit->unit);
}

static const rs_panel_kind kinds[] = {
  { RS_VIEW_LANDSCAPE, "landscape",
    RS_PANEL_PLANE | RS_PANEL_ONE_RUN_3D | RS_PANEL_RUN_PATHS, 1,
    draw_plane, hit_landscape },
  { RS_VIEW_ACTIVATION, "activation", 0, 0, draw_activation, NULL },
  { RS_VIEW_NETWORK, "network", 0, 0, draw_network, hit_network },
  { RS_VIEW_TIMELINE, "timeline", 0, 0, draw_timeline, NULL },
  { RS_VIEW_HISTOGRAM, "histogram", RS_PANEL_ONE_RUN, 0, draw_histogram,
    NULL },
  { RS_VIEW_DEPTH, "depth", 0, 0, draw_depth, NULL },
  { RS_VIEW_HEADS, "heads", 0, 0, draw_heads, NULL },
  { RS_VIEW_BASIN, "basin", RS_PANEL_PLANE | RS_PANEL_ONE_RUN, 4,
    draw_plane, NULL },
  { RS_VIEW_TRACE, "trace", 0, 0, draw_trace, NULL },
  { RS_VIEW_DATA, "data", 0, 0, draw_data, NULL }
};

const rs_panel_kind *
rs_panel_kind_of (rs_view_kind k)
{
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
    if (kinds[i].view == k)
      return &kinds[i];
  return NULL;
}

int
rs_panel_one_run (const rs_view *v)
{
  const rs_panel_kind *k = rs_panel_kind_of (v->kind);

  return k != NULL && ((k->flags & RS_PANEL_ONE_RUN)
                       || ((k->flags & RS_PANEL_ONE_RUN_3D) && v->three_d));
}

size_t
rs_panel_grid (const rs_view *v, size_t grid)
{
  const rs_panel_kind *k = rs_panel_kind_of (v->kind);
  size_t d = k != NULL && k->grid_div > 1 ? k->grid_div : 1;

  return (grid + d - 1) / d;
}
