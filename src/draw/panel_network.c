/* panel_network.c: the network panel: units, weights and which units are dead at the step shown.
 *
 * In a figure of variants whose runs share the network, when there is
 * room, each run's network is drawn side by side (small multiples),
 * under its name and dead count in its colour; otherwise the units drawn
 * are the first run's, and a table under them says, for every run in
 * its colour, how many of its units are dead at the step shown, counted
 * the same way. */
#include <config.h>

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/pane.h"
#include "draw/place.h"

/* Edges above which the network is drawn with thin lines only. */
#define NET_MANY_EDGES 400

static const margins network_margins = { 30, 10, 46, 10 };

/* The height of a line of the runs' table, at scale 1. */
#define NET_RUN_LINE 14.0

/* The margins of a panel of small multiples (a network per run): the
 * title and, at the bottom, the legend; each run's network has the
 * usual margins inside its own part. */
static const margins multiples_margins = { 26, 4, 24, 4 };

/* The margins of c's panel: in a figure of variants, room at the bottom
 * for the runs' table, a line per run. */
static margins
net_margins (const rs_panel_ctx *c)
{
  margins m = network_margins;
  size_t n = pane_runs (c);

  if (n > 1)
    m.bottom += NET_RUN_LINE * (double) n + 4;
  return m;
}

/* The columns of the picture: inputs, then each layer; the single neuron
 * gets a third column for its output y. */
static size_t
net_columns (const rs_sim *sim, size_t sizes[RS_NET_MAX_LAYERS + 2])
{
  const rs_net *net = rs_sim_net (sim);
  size_t L = rs_net_layers (net);

  for (size_t l = 0; l <= L; l++)
    sizes[l] = rs_net_units (net, l);
  if (!rs_sim_is_neuron (sim))
    return L + 1;
  sizes[L + 1] = 1;
  return L + 2;
}

/* The distance between unit centres in a column, the same in all. */
static double
net_pitch (rs_rect plot, double k, const size_t *sizes, size_t ncol)
{
  size_t most = 1;

  for (size_t l = 0; l < ncol; l++)
    most = sizes[l] > most ? sizes[l] : most;
  return fmin (plot.height / (double) most, 46 * k);
}

/* Whether every run of c's figure has the first run's columns. */
static int
net_same_shape (const rs_panel_ctx *c)
{
  size_t a[RS_NET_MAX_LAYERS + 2], b[RS_NET_MAX_LAYERS + 2], n;

  n = net_columns (c->sim, a);
  for (size_t k = 1; k < pane_runs (c); k++)
    if (net_columns (c->runs->sim[k], b) != n
        || memcmp (a, b, n * sizeof *a) != 0)
      return 0;
  return 1;
}

/* Small multiples: in a figure of variants whose runs have the same
 * network, when the panel drawn in r is wide enough for a network per
 * run side by side (each at least 150 pixels at scale 1, 45 a column of
 * units and as tall as wide / 2), each run's part of r in sub[k] and 1;
 * otherwise 0 (the first run's network and a table of the runs). */
static int
net_multiples (rs_rect r, const rs_panel_ctx *c, rs_rect *sub)
{
  size_t sizes[RS_NET_MAX_LAYERS + 2], ncol, n = pane_runs (c);
  double k = pane_scale (r, c), w;
  rs_rect plot = pane_plot (r, k, multiples_margins);

  if (c == NULL || c->sim == NULL || n < 2 || !net_same_shape (c))
    return 0;
  ncol = net_columns (c->sim, sizes);
  w = plot.width / (double) n;
  if (w < 45 * k * (double) ncol || w < 150 * k || plot.height < w / 2)
    return 0;
  for (size_t q = 0; q < n; q++)
    sub[q] = (rs_rect) { plot.x + (double) q * w, plot.y, w, plot.height };
  return 1;
}

/* Run k's context for its own part of a panel of small multiples: a
 * figure of one run (no table). */
static int
net_multiple_ctx (const rs_panel_ctx *c, size_t k, rs_panel_ctx *ck)
{
  if (pane_run_ctx (c, k, ck) != RS_OK)
    return RS_EINVAL;
  ck->runs = NULL;
  return RS_OK;
}

/* The centre and radius of unit j of column l of c's network drawn in
 * r as one network (the panel's margins for c). */
static int
net_unit_at (rs_rect r, const rs_panel_ctx *c, size_t l, size_t j,
             double *x, double *y, double *radius)
{
  size_t sizes[RS_NET_MAX_LAYERS + 2], ncol;
  double k = pane_scale (r, c), pitch, cw;
  rs_rect plot = pane_plot (r, k, net_margins (c));

  if (c == NULL || c->sim == NULL)
    return RS_EINVAL;
  ncol = net_columns (c->sim, sizes);
  if (l >= ncol || j >= sizes[l])
    return RS_EINVAL;
  pitch = net_pitch (plot, k, sizes, ncol);
  cw = plot.width / (double) ncol;
  *x = plot.x + (l + 0.5) * cw;
  *y = plot.y + plot.height / 2 + (j - (sizes[l] - 1) / 2.0) * pitch;
  *radius = fmax (0.0, fmin (fmin (0.4 * pitch, 13 * k), 0.2 * cw));
  return RS_OK;
}

int
rs_panel_network_run_unit (rs_rect r, const rs_panel_ctx *c, size_t k,
                           size_t l, size_t j, double *x, double *y,
                           double *radius)
{
  rs_rect sub[RS_SCENE_MAX_VARIANTS];
  rs_panel_ctx ck;

  if (c == NULL || c->sim == NULL)
    return RS_EINVAL;
  if (net_multiples (r, c, sub))
    return net_multiple_ctx (c, k, &ck) == RS_OK
           ? net_unit_at (sub[k], &ck, l, j, x, y, radius) : RS_EINVAL;
  if (k > 0)
    return RS_EINVAL;
  return net_unit_at (r, c, l, j, x, y, radius);
}

int
rs_panel_network_unit (rs_rect r, const rs_panel_ctx *c, size_t l,
                       size_t j, double *x, double *y, double *radius)
{
  return rs_panel_network_run_unit (r, c, 0, l, j, x, y, radius);
}

/* The unit of run k's network (drawn in r as the panel draws it) whose
 * disc holds (x, y): its column into *layer and its index into *unit,
 * and 1; 0 when none does. */
static int
net_unit_under (rs_rect r, const rs_panel_ctx *c, size_t k, double x,
                double y, size_t *layer, size_t *unit)
{
  size_t sizes[RS_NET_MAX_LAYERS + 2], ncol = net_columns (c->sim, sizes);
  double ux, uy, radius;

  for (size_t l = 0; l < ncol; l++)
    for (size_t j = 0; j < sizes[l]; j++)
      if (rs_panel_network_run_unit (r, c, k, l, j, &ux, &uy, &radius)
          == RS_OK && hypot (x - ux, y - uy) <= radius)
        {
          *layer = l;
          *unit = j;
          return 1;
        }
  return 0;
}

int
rs_panel_network_hit (rs_rect r, const rs_panel_ctx *c, double x, double y,
                      size_t *run, size_t *layer, size_t *unit)
{
  double ux, uy, radius;

  if (c == NULL || c->sim == NULL)
    return 0;
  /* every run drawn: each small multiple, or the first run's network */
  for (size_t k = 0; rs_panel_network_run_unit (r, c, k, 0, 0, &ux, &uy,
                                                &radius) == RS_OK; k++)
    if (net_unit_under (r, c, k, x, y, layer, unit))
      {
        *run = k;
        return 1;
      }
  return 0;
}

/* Unit activity at point c->at: on how many points each unit of each
 * layer is active (z > 0), and the network at that point (the caller
 * frees it).  NULL when it cannot be computed. */
static rs_net *
net_activity (const rs_panel_ctx *c,
              size_t act[RS_NET_MAX_LAYERS + 1][RS_NET_MAX_UNITS])
{
  size_t part[RS_NET_MAX_UNITS];
  rs_net *net;
  sweep w;

  memset (act, 0, sizeof (size_t) * (RS_NET_MAX_LAYERS + 1)
                  * RS_NET_MAX_UNITS);
  if (sweep_begin (&w, c) != RS_OK)
    return NULL;
  while (sweep_next (&w))
    for (size_t l = 1; l <= rs_net_layers (w.net); l++)
      {
        rs_net_activity (w.net, w.ws, l, part, NULL);
        for (size_t j = 0; j < rs_net_units (w.net, l); j++)
          act[l][j] += part[j];
      }
  net = w.net;
  w.net = NULL;
  sweep_end (&w);
  return net;
}

/* A unit active on k of n points as a pie (C4): the share k / n in the
 * alive colour, clockwise from the top, the rest in the dead colour, so
 * that "all points" (a full disc), "half" (half a disc) and "none" read
 * at a glance, in colour or in grey. */
static void
unit_pie (pane *p, double x, double y, double rad, size_t k, size_t n)
{
  double f = n > 0 ? (double) k / (double) n : 0.0;

  cairo_new_sub_path (p->cr);
  cairo_arc (p->cr, x, y, rad, 0, 2 * M_PI);
  rs_theme_set (p->cr, f >= 1.0 ? p->t->alive : p->t->dead);
  cairo_fill (p->cr);
  if (f <= 0.0 || f >= 1.0)
    return;
  cairo_move_to (p->cr, x, y);
  cairo_arc (p->cr, x, y, rad, -M_PI / 2, -M_PI / 2 + 2 * M_PI * f);
  cairo_close_path (p->cr);
  rs_theme_set (p->cr, p->t->alive);
  cairo_fill (p->cr);
}

/* Whether column l's units are coloured by their activity: layers of the
 * ReLU family (relu, leaky_relu, prelu), hidden or the neuron, where
 * "active" (z > 0) is the side with the slope; a sigmoid's or a tanh's
 * z <= 0 is no less alive, and their units are left plain. */
static int
net_coloured (const rs_panel_ctx *c, const rs_net *net, size_t l)
{
  size_t L = rs_net_layers (net);
  const rs_act_type *t;

  if (l == 0 || l > L)
    return 0;
  t = rs_net_get_spec (net)->act[l - 1];
  if (t != rs_act_relu && t != rs_act_leaky_relu && t != rs_act_prelu)
    return 0;
  return l < L || rs_sim_is_neuron (c->sim);
}

/* Dashed lines from now on when on, solid ones otherwise. */
static void
net_dash (pane *p, int on)
{
  double d[2] = { 3.0 * p->k, 2.0 * p->k };

  cairo_set_dash (p->cr, d, on ? 2 : 0, 0.0);
}

/* The edges into column l (l >= 1), width and opacity by |weight|
 * relative to wmax; thin when there are many. */
static void
net_edges_into (pane *p, const rs_net *net, size_t l, double wmax, int thin)
{
  const gsl_vector *th = rs_net_params_const (net);
  size_t sizes[RS_NET_MAX_LAYERS + 2];
  double x0, y0, x1, y1, rad;

  net_columns (p->c->sim, sizes);
  for (size_t j = 0; j < sizes[l]; j++)
    for (size_t q = 0; q < sizes[l - 1]; q++)
      {
        /* the single neuron's output column is f(z) itself: weight 1 */
        double w = l <= rs_net_layers (net)
                   ? gsl_vector_get (th, rs_net_w_index (net, l, j, q)) : wmax;
        double f = isfinite (w) ? fmin (fabs (w) / wmax, 1.0) : 1.0;
        rs_panel_network_unit (p->r, p->c, l - 1, q, &x0, &y0, &rad);
        rs_panel_network_unit (p->r, p->c, l, j, &x1, &y1, &rad);
        cairo_set_line_width (p->cr, (thin ? 0.5 : 0.4 + 2.4 * f) * p->k);
        rs_theme_set_alpha (p->cr, p->t->fg, thin ? 0.06 + 0.3 * f
                                                  : 0.12 + 0.6 * f);
        /* a frozen weight ('freeze') is dashed */
        net_dash (p, l <= rs_net_layers (net) && rs_sim_frozen
                  (p->c->sim, rs_net_w_index (net, l, j, q)));
        cairo_move_to (p->cr, x0, y0);
        cairo_line_to (p->cr, x1, y1);
        cairo_stroke (p->cr);
        net_dash (p, 0);
      }
}

/* Every edge of the network. */
static void
net_edges (pane *p, const rs_net *net, size_t ncol, const size_t *sizes)
{
  const gsl_vector *th = rs_net_params_const (net);
  size_t L = rs_net_layers (net), count = 0;
  double wmax = 0.0;

  for (size_t l = 1; l <= L; l++)
    for (size_t j = 0; j < sizes[l]; j++)
      for (size_t q = 0; q < sizes[l - 1]; q++)
        {
          double w = gsl_vector_get (th, rs_net_w_index (net, l, j, q));
          if (isfinite (w))
            wmax = fmax (wmax, fabs (w));
          count++;
        }
  if (!(wmax > 0.0))
    wmax = 1.0;
  for (size_t l = 1; l < ncol; l++)
    net_edges_into (p, net, l, wmax, count > NET_MANY_EDGES);
}

/* A cross over a dead unit (C4). */
static void
net_cross (pane *p, double x, double y, double rad)
{
  double h = 0.62 * rad;

  cairo_set_line_width (p->cr, fmax (0.6, 0.2 * rad));
  rs_theme_set (p->cr, p->t->fg);
  cairo_move_to (p->cr, x - h, y - h);
  cairo_line_to (p->cr, x + h, y + h);
  cairo_move_to (p->cr, x - h, y + h);
  cairo_line_to (p->cr, x + h, y - h);
  cairo_stroke (p->cr);
}

/* One unit: its circle, a pie of its activity or plain, crossed when
 * dead. */
static void
net_unit (pane *p, const rs_net *net, size_t l, size_t j, size_t active)
{
  size_t n = rs_sim_data (p->c->sim)->n;
  int coloured = net_coloured (p->c, net, l);
  double x, y, rad;

  if (rs_panel_network_unit (p->r, p->c, l, j, &x, &y, &rad) != RS_OK)
    return;
  if (coloured)
    unit_pie (p, x, y, rad, active, n);
  else
    {
      cairo_new_sub_path (p->cr);
      cairo_arc (p->cr, x, y, rad, 0, 2 * M_PI);
      rs_theme_set (p->cr, p->t->panel);
      cairo_fill (p->cr);
    }
  cairo_new_sub_path (p->cr);
  cairo_arc (p->cr, x, y, rad, 0, 2 * M_PI);
  cairo_set_line_width (p->cr, fmax (0.5, fmin (1.2 * p->k, 0.15 * rad)));
  rs_theme_set (p->cr, p->t->fg);
  /* a frozen bias: a dashed ring */
  net_dash (p, l <= rs_net_layers (net)
            && rs_sim_frozen (p->c->sim, rs_net_b_index (net, l, j)));
  cairo_stroke (p->cr);
  net_dash (p, 0);
  if (coloured && active == 0 && l <= rs_net_layers (net)
      && rs_net_unit_can_die (net, l, j))
    net_cross (p, x, y, rad);
}

/* Where the counts went (for rs_panel_network_counts): at most max
 * boxes into box, n of them placed. */
typedef struct {
  rs_rect *box;
  size_t max, n;
} count_boxes;

/* On how many points each unit of each layer is active. */
typedef size_t net_acts[RS_NET_MAX_LAYERS + 1][RS_NET_MAX_UNITS];

/* Every unit's disc, a point wider, as an obstacle of pl. */
static void
net_count_obstacles (rs_placer *pl, pane *p, size_t ncol,
                     const size_t *sizes)
{
  double x, y, rad;

  for (size_t l = 0; l < ncol; l++)
    for (size_t j = 0; j < sizes[l]; j++)
      if (rs_panel_network_unit (p->r, p->c, l, j, &x, &y, &rad) == RS_OK)
        rs_placer_disc (pl, x, y, rad + 1.0 * p->k);
}

/* Each coloured unit's count offered to pl, right of the unit or left
 * of it, at text size `size`; its id into id (-1: none). */
static void
net_count_labels (rs_placer *pl, pane *p, const rs_net *net, size_t ncol,
                  const size_t *sizes, net_acts act, double size,
                  size_t id[RS_NET_MAX_LAYERS + 1][RS_NET_MAX_UNITS])
{
  double x, y, rad, w, h;
  char buf[24];

  for (size_t l = 1; l < ncol; l++)
    for (size_t j = 0; j < sizes[l]; j++)
      {
        id[l][j] = (size_t) -1;
        if (!net_coloured (p->c, net, l)
            || rs_panel_network_unit (p->r, p->c, l, j, &x, &y, &rad)
               != RS_OK)
          continue;
        snprintf (buf, sizeof buf, "%zu", act[l][j]);
        rs_text_size (p->cr, pane_font (p), buf, size * p->k, 0, &w, &h);
        id[l][j] = rs_placer_label (pl, 1, 0);
        rs_placer_candidate (pl, id[l][j], (rs_rect) { x + rad + 2 * p->k,
                                                       y - h / 2,
                                                       w + 4 * p->k, h });
        rs_placer_candidate (pl, id[l][j], (rs_rect) { x - rad - 2 * p->k - w
                                                       - 4 * p->k, y - h / 2,
                                                       w + 4 * p->k, h });
      }
}

/* On how many points each coloured unit is active, beside it, placed
 * (place.h) off every unit and off each other: to the right, else to
 * the left, else left out; when the pitch leaves room for text.  The
 * boxes placed into out (may be NULL). */
static void
net_counts (pane *p, const rs_net *net, size_t ncol, const size_t *sizes,
            net_acts act, double pitch, count_boxes *out)
{
  double size = fmin (9.5, 0.75 * pitch / p->k);
  rs_placer *pl = rs_placer_alloc (p->r);
  size_t id[RS_NET_MAX_LAYERS + 1][RS_NET_MAX_UNITS];
  char buf[24];
  rs_rect b;

  if (pl == NULL || pitch < 11 * p->k)
    {
      rs_placer_free (pl);
      return;
    }
  net_count_obstacles (pl, p, ncol, sizes);
  net_count_labels (pl, p, net, ncol, sizes, act, size, id);
  rs_placer_solve (pl);
  for (size_t l = 1; l < ncol; l++)
    for (size_t j = 0; j < sizes[l]; j++)
      if (net_coloured (p->c, net, l) && rs_placer_chosen (pl, id[l][j], &b))
        {
          if (out != NULL && out->n < out->max)
            out->box[out->n] = b;
          if (out != NULL)
            out->n++;
          snprintf (buf, sizeof buf, "%zu", act[l][j]);
          pane_label_boxed (p, p->t->muted, b.x + 2 * p->k, b.y
                            + b.height / 2, buf, size, 0, 0, 0.5);
        }
  rs_placer_free (pl);
}

/* The names under the columns. */
static void
net_names (pane *p, const rs_net *net, size_t ncol)
{
  static const char *const neuron[3] = { "input x", "neuron", "output y" };
  double cw = p->plot.width / (double) ncol;
  double size = fmin (10.5, cw / p->k / 6.0);
  char buf[32];

  for (size_t l = 0; l < ncol; l++)
    {
      if (rs_sim_is_neuron (p->c->sim))
        snprintf (buf, sizeof buf, "%s", neuron[l]);
      else if (l == 0)
        snprintf (buf, sizeof buf, "input");
      else if (l == rs_net_layers (net))
        snprintf (buf, sizeof buf, "output");
      else
        snprintf (buf, sizeof buf, "hidden %zu", l);
      pane_text (p, p->t->muted, p->plot.x + (l + 0.5) * cw,
            p->plot.y + p->plot.height + 5 * p->k, buf, size, 0, 0.5, 0, 0);
    }
}

/* One legend entry at x: a sample unit active on k of n points and its
 * text; returns the x after it, or x unchanged when it does not fit
 * before xmax. */
static double
legend_item (pane *p, double x, double y, double xmax, size_t k, size_t n,
             const char *label)
{
  double rad = 5.5 * p->k, w = pane_text_width (p, label, 10, 0);

  if (x + 2 * rad + 4 * p->k + w > xmax)
    return x;
  unit_pie (p, x + rad, y, rad, k, n);
  cairo_new_sub_path (p->cr);
  cairo_arc (p->cr, x + rad, y, rad, 0, 2 * M_PI);
  cairo_set_line_width (p->cr, 0.8 * p->k);
  rs_theme_set (p->cr, p->t->fg);
  cairo_stroke (p->cr);
  if (k == 0)
    net_cross (p, x + rad, y, rad);
  pane_text (p, p->t->fg, x + 2 * rad + 4 * p->k, y, label, 10, 0, 0, 0.5, 0);
  return x + 2 * rad + 4 * p->k + w + 12 * p->k;
}

/* The legend along the bottom: active on all points (a full disc), on
 * half (half a disc), dead; in short words when the long ones do not
 * fit. */
static void
net_legend (pane *p)
{
  size_t n = rs_sim_data (p->c->sim)->n, half = n / 2;
  double y = p->r.y + p->r.height - 12 * p->k, x = p->r.x + 10 * p->k;
  double xmax = p->r.x + p->r.width - 6 * p->k, need;
  char all[64], some[64], dead[64];

  snprintf (all, sizeof all, "active on all %zu points", n);
  snprintf (some, sizeof some, "on half (%zu)", half);
  snprintf (dead, sizeof dead, "dead: on none");
  need = pane_text_width (p, all, 10, 0) + pane_text_width (p, some, 10, 0)
         + pane_text_width (p, dead, 10, 0) + 3 * 27 * p->k;
  if (x + need > xmax)
    {
      snprintf (all, sizeof all, "all %zu", n);
      snprintf (some, sizeof some, "half");
      snprintf (dead, sizeof dead, "dead");
    }
  x = legend_item (p, x, y, xmax, n, n, all);
  x = legend_item (p, x, y, xmax, half, n, some);
  x = legend_item (p, x, y, xmax, 0, n, dead);
  if (rs_sim_get_params (p->c->sim)->n_frozen > 0
      && x + 18 * p->k + pane_text_width (p, "frozen", 10, 0) <= xmax)
    {
      /* a dashed sample: frozen weights and biases ('freeze') */
      cairo_set_line_width (p->cr, 1.2 * p->k);
      rs_theme_set (p->cr, p->t->fg);
      net_dash (p, 1);
      cairo_move_to (p->cr, x, y);
      cairo_line_to (p->cr, x + 14 * p->k, y);
      cairo_stroke (p->cr);
      net_dash (p, 0);
      pane_text (p, p->t->fg, x + 18 * p->k, y, "frozen", 10, 0, 0, 0.5, 0);
    }
}

/* How many of net's coloured units are dead (active on none of the
 * points, act[l][j] == 0, and able to die) and how many are coloured. */
static void
net_count (const rs_panel_ctx *c, const rs_net *net,
           size_t act[RS_NET_MAX_LAYERS + 1][RS_NET_MAX_UNITS], size_t *dead,
           size_t *units)
{
  *dead = *units = 0;
  for (size_t l = 1; l <= rs_net_layers (net); l++)
    {
      if (!net_coloured (c, net, l))
        continue;
      for (size_t j = 0; j < rs_net_units (net, l); j++)
        {
          (*units)++;
          *dead += act[l][j] == 0 && rs_net_unit_can_die (net, l, j);
        }
    }
}

int
rs_panel_network_dead (const rs_panel_ctx *c, size_t *dead, size_t *units)
{
  size_t act[RS_NET_MAX_LAYERS + 1][RS_NET_MAX_UNITS];
  rs_net *net;

  *dead = *units = 0;
  if (c == NULL || c->sim == NULL)
    return RS_EINVAL;
  if ((net = net_activity (c, act)) == NULL)
    return RS_ENOMEM;
  net_count (c, net, act, dead, units);
  rs_net_free (net);
  return RS_OK;
}

int
rs_panel_network_run_dead (const rs_panel_ctx *c, size_t k, size_t *dead,
                           size_t *units)
{
  rs_panel_ctx ck;

  *dead = *units = 0;
  if (pane_run_ctx (c, k, &ck) != RS_OK)
    return RS_EINVAL;
  return rs_panel_network_dead (&ck, dead, units);
}

/* The header's note: how many units are dead of how many, and when
 * (mid-change: which moment of it, rs_panel_moment_note); in brief
 * without the when.  In a figure of variants: whose units are drawn
 * (the table says each run's count). */
static void
net_note (const rs_panel_ctx *c, const rs_net *net,
          size_t act[RS_NET_MAX_LAYERS + 1][RS_NET_MAX_UNITS], char *buf,
          size_t n, char *brief, size_t nb)
{
  size_t dead, units;
  char when[128];

  net_count (c, net, act, &dead, &units);
  rs_panel_when (c, when, sizeof when);
  if (pane_runs (c) > 1)
    {
      rs_rgb col = rs_runs_colour (pane_theme_of (c), 0);
      char *esc = g_markup_escape_text (c->runs->name[0], -1), hex[8];

      pane_hex (col, hex);
      snprintf (buf, n, "units of <span foreground=\"%s\"><b>%s</b></span>"
                " · %s", hex, esc, when);
      snprintf (brief, nb, "<span foreground=\"%s\"><b>%s</b></span>",
                hex, esc);
      g_free (esc);
      return;
    }
  if (units == 0)
    snprintf (buf, n, "no ReLU units: none can die · %s", when);
  else
    snprintf (buf, n, "%zu of %zu dead · %s", dead, units, when);
  snprintf (brief, nb, "%zu of %zu dead", dead, units);
}

/* The runs' table under the columns' names (a figure of variants): a
 * line per run in its colour, its name and its dead units at the step
 * shown; the first marked as the one drawn. */
static void
net_runs_table (pane *p)
{
  double y = p->plot.y + p->plot.height + 22 * p->k;
  double w = p->r.width - 20 * p->k;

  for (size_t k = 0; k < pane_runs (p->c); k++)
    {
      size_t dead, units;
      char *esc = g_markup_escape_text (p->c->runs->name[k], -1);
      char full[300], brief[200], cnt[64];

      if (rs_panel_network_run_dead (p->c, k, &dead, &units) != RS_OK)
        snprintf (cnt, sizeof cnt, "no units to count");
      else if (dead > 0)
        snprintf (cnt, sizeof cnt, "<b>%zu of %zu dead</b>", dead, units);
      else
        snprintf (cnt, sizeof cnt, "none of %zu dead", units);
      snprintf (full, sizeof full, "<b>━━ %s</b>: %s%s", esc, cnt,
                k == 0 ? " (the units drawn)" : "");
      snprintf (brief, sizeof brief, "<b>━━ %s</b>: %s", esc, cnt);
      g_free (esc);
      pane_text (p, rs_runs_colour (p->t, k), p->r.x + 10 * p->k, y,
                 pane_text_width (p, full, 10, 0) <= w ? full : brief, 10, 0,
                 0, 0, 0);
      y += NET_RUN_LINE * p->k;
    }
}

/* The units, edges and column names of the network of c (a context of
 * one run) in pane p; the network is net, act its activity. */
static void
net_body (pane *p, const rs_net *net,
          size_t act[RS_NET_MAX_LAYERS + 1][RS_NET_MAX_UNITS],
          count_boxes *out)
{
  size_t sizes[RS_NET_MAX_LAYERS + 2], ncol = net_columns (p->c->sim, sizes);
  double pitch = net_pitch (p->plot, p->k, sizes, ncol);

  net_edges (p, net, ncol, sizes);
  for (size_t l = 0; l < ncol; l++)
    for (size_t j = 0; j < sizes[l]; j++)
      net_unit (p, net, l, j, l <= rs_net_layers (net) ? act[l][j] : 0);
  net_counts (p, net, ncol, sizes, act, pitch, out);
  net_names (p, net, ncol);
}

/* A caption along the top of part sub of pane p, in col: full when it
 * fits, else brief, shrunk (to 70 % at most) and clipped to fit. */
static void
net_caption (pane *p, rs_rgb col, rs_rect sub, const char *full,
             const char *brief)
{
  double room = sub.width - 10 * p->k, size = 10.5, w;
  const char *text = pane_text_width (p, full, size, 0) <= room ? full
                                                                : brief;

  w = pane_text_width (p, text, size, 0);
  if (w > room && w > 0)
    size *= fmax (0.7, room / w);
  cairo_save (p->cr);
  cairo_rectangle (p->cr, sub.x, sub.y, sub.width, 20 * p->k);
  cairo_clip (p->cr);
  pane_text (p, col, sub.x + 6 * p->k, sub.y + 4 * p->k, text, size, 0, 0, 0,
             0);
  cairo_restore (p->cr);
}

/* Run k's network in its part sub of pane p (small multiples), under
 * a caption in its colour: its name and its dead units. */
static void
net_multiple (pane *p, rs_rect sub, size_t k, count_boxes *out)
{
  size_t act[RS_NET_MAX_LAYERS + 1][RS_NET_MAX_UNITS], dead, units;
  rs_panel_ctx ck;
  rs_net *net;
  pane q = *p;
  char *esc, full[300], brief[200];

  if (net_multiple_ctx (p->c, k, &ck) != RS_OK
      || (net = net_activity (&ck, act)) == NULL)
    return;
  q.c = &ck;
  q.r = sub;
  q.k = pane_scale (sub, &ck);
  q.plot = pane_plot (sub, q.k, network_margins);
  net_body (&q, net, act, out);
  net_count (&ck, net, act, &dead, &units);
  esc = g_markup_escape_text (p->c->runs->name[k], -1);
  if (dead > 0)
    snprintf (full, sizeof full, "<b>━━ %s: %zu of %zu dead</b>", esc, dead,
              units);
  else
    snprintf (full, sizeof full, "<b>━━ %s</b>: none of %zu dead", esc,
              units);
  if (dead > 0)
    snprintf (brief, sizeof brief, "<b>━━ %s: %zu dead</b>", esc, dead);
  else
    snprintf (brief, sizeof brief, "<b>━━ %s</b>: none dead", esc);
  g_free (esc);
  net_caption (p, rs_runs_colour (p->t, k), sub, full, brief);
  rs_net_free (net);
}

/* The panel as small multiples, a network per run side by side. */
static void
net_draw_multiples (cairo_t *cr, rs_rect r, const rs_panel_ctx *c,
                    const rs_rect *sub, count_boxes *out)
{
  char note[200];
  pane p;

  snprintf (note, sizeof note, "each run's units · step %zu",
            pane_step (c));
  if (pane_begin (&p, cr, r, c, multiples_margins, "Network", note, NULL))
    {
      for (size_t k = 0; k < pane_runs (c); k++)
        net_multiple (&p, sub[k], k, out);
      net_legend (&p);
    }
  pane_end (&p);
}

/* The network panel, the boxes of its counts into out (may be NULL). */
static void
network_draw (cairo_t *cr, rs_rect r, const rs_panel_ctx *c,
              count_boxes *out)
{
  size_t act[RS_NET_MAX_LAYERS + 1][RS_NET_MAX_UNITS];
  rs_net *net = NULL;
  char note[200] = "", brief[64] = "";
  rs_rect sub[RS_SCENE_MAX_VARIANTS];
  pane p;

  if (c != NULL && c->sim != NULL && net_multiples (r, c, sub))
    {
      net_draw_multiples (cr, r, c, sub, out);
      return;
    }
  if (c != NULL && c->sim != NULL && (net = net_activity (c, act)) != NULL)
    net_note (c, net, act, note, sizeof note, brief, sizeof brief);
  if (pane_begin (&p, cr, r, c, net_margins (c),
                  c != NULL && c->sim != NULL && rs_sim_is_neuron (c->sim)
                  ? "Neuron" : "Network", note, brief)
      && net != NULL)
    {
      net_body (&p, net, act, out);
      if (pane_runs (c) > 1)
        net_runs_table (&p);
      for (size_t l = 1; l <= rs_net_layers (net); l++)
        if (net_coloured (c, net, l))
          {
            net_legend (&p);
            break;
          }
    }
  pane_end (&p);
  rs_net_free (net);
}

void
rs_panel_network (cairo_t *cr, rs_rect r, const rs_panel_ctx *c)
{
  network_draw (cr, r, c, NULL);
}

size_t
rs_panel_network_counts (cairo_t *cr, rs_rect r, const rs_panel_ctx *c,
                         rs_rect *box, size_t max)
{
  count_boxes out = { box, max, 0 };

  network_draw (cr, r, c, &out);
  return out.n;
}

/* ---- activation (C2, C3, C8) ----------------------------------------- */
