/* panel_data.c: what the network computes over its inputs, with the data
 * (view data; C4, C5); the map over two inputs is panel_data_map.c.
 *
 * One input: the output as a curve over x with the data points, each
 * live hidden unit's share of it (its outgoing weight times its output)
 * faint beneath when the network has one hidden layer.  Two inputs: the
 * output as a heat map over the data's box, the decision boundary drawn,
 * the points coloured by class or target.  Dead units are counted and
 * drawn apart: on every point they output 0 and add nothing.  When the
 * output does not depend on the input at all (every unit of a hidden
 * layer dead, or the single neuron dead) the panel says "constant
 * output" and draws the curve or the map in the dead colour: this is the
 * picture of a dead network. */
#include <config.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/panel_data.h"

static const margins curve_margins = { 30, 14, 36, 52 };
static const margins map_margins = { 30, 64, 36, 52 };

/* ---- the network over its inputs ---------------------------------- */

/* The data's box on input k: [lo, hi], widened to +-1 about a single
 * value. */
static void
data_range (const rs_data *d, size_t k, double *lo, double *hi)
{
  *lo = INFINITY;
  *hi = -INFINITY;
  for (size_t i = 0; i < d->n; i++)
    {
      double v = d->x[i * d->dim + k];
      if (isfinite (v))
        *lo = fmin (*lo, v), *hi = fmax (*hi, v);
    }
  if (!(*hi > *lo))
    {
      double m = isfinite (*lo) ? *lo : 0.0;
      *lo = m - 1.0;
      *hi = m + 1.0;
    }
}

/* Count the dead units over a pass of the data: hidden units (the single
 * neuron: the neuron itself) that can die and are active on no point.
 * RS_ENOMEM when out of memory. */
static int
count_dead (dview *v)
{
  rs_net *net = v->w.net;
  size_t L = rs_net_layers (net), top = L > 1 ? L - 1 : 1;
  size_t buf[RS_NET_MAX_UNITS];
  unsigned char *live = calloc (top * RS_NET_MAX_UNITS, 1);

  if (live == NULL)
    return RS_ENOMEM;
  while (sweep_next (&v->w))
    for (size_t l = 1; l <= top; l++)
      {
        rs_net_activity (net, v->w.ws, l, buf, NULL);
        for (size_t j = 0; j < rs_net_units (net, l); j++)
          live[(l - 1) * RS_NET_MAX_UNITS + j] |= buf[j] > 0;
      }
  for (size_t l = 1; l <= top; l++)
    {
      size_t dead_here = 0, n = rs_net_units (net, l);
      for (size_t j = 0; j < n; j++)
        if (rs_net_unit_can_die (net, l, j))
          {
            int dead = !live[(l - 1) * RS_NET_MAX_UNITS + j];
            v->hidden++;
            dead_here += dead;
            if (l == 1)
              v->dead1[j] = (unsigned char) dead;
          }
      v->dead += dead_here;
      if (dead_here == n && v->dead_layer == 0)
        v->dead_layer = l;
    }
  free (live);
  return RS_OK;
}

/* The network at c->at, its data's box and its dead units; RS_OK,
 * RS_ENOMEM or RS_EINVAL (inputs other than 1 or 2). */
int
data_view_begin (dview *v, const rs_panel_ctx *c)
{
  int rc;

  memset (v, 0, sizeof *v);
  if ((rc = sweep_begin (&v->w, c)) != RS_OK)
    return rc;
  v->dim = rs_net_inputs (v->w.net);
  v->k = rs_net_outputs (v->w.net);
  if (v->dim < 1 || v->dim > 2 || v->w.d->dim != v->dim)
    {
      sweep_end (&v->w);
      return RS_EINVAL;
    }
  data_range (v->w.d, 0, &v->win[0], &v->win[1]);
  if (v->dim == 2)
    data_range (v->w.d, 1, &v->win[2], &v->win[3]);
  if ((rc = count_dead (v)) != RS_OK)
    sweep_end (&v->w);
  return rc;
}

/* Sample s of n along a side: x0 + (x1 - x0) s / (n - 1). */
double
data_sample_at (double x0, double x1, size_t s, size_t n)
{
  return n < 2 ? x0 : x0 + (x1 - x0) * (double) s / (double) (n - 1);
}

/* The inputs of the samples: n along x, or n x n row by row from the
 * bottom (y0) up, x fastest. */
double *
data_sample_inputs (const dview *v, size_t n)
{
  size_t m = v->dim == 1 ? n : n * n;
  double *x = malloc (m * v->dim * sizeof *x);

  if (x == NULL)
    return NULL;
  for (size_t i = 0; i < m; i++)
    {
      x[i * v->dim] = data_sample_at (v->win[0], v->win[1], i % n, n);
      if (v->dim == 2)
        x[i * 2 + 1] = data_sample_at (v->win[2], v->win[3], i / n, n);
    }
  return x;
}

/* The forward pass over the samples into a new workspace (NULL when
 * out of memory); its outputs, unit by unit, are what is drawn. */
static rs_net_workspace *
dview_eval (const dview *v, size_t n)
{
  size_t m = v->dim == 1 ? n : n * n;
  double *x = data_sample_inputs (v, n);
  rs_net_workspace *ws = x != NULL ? rs_net_workspace_alloc (v->w.net, m,
                                                             NULL) : NULL;

  if (ws != NULL && rs_net_forward (v->w.net, x, m, ws) != RS_OK)
    {
      rs_net_workspace_free (ws);
      ws = NULL;
    }
  free (x);
  return ws;
}

/* The outputs over the samples, unit by unit (output o of sample i at
 * [o m + i], m samples), by forward passes over chunks of at most
 * DATA_CHUNK samples in one small workspace: the map's grid needs no
 * workspace of its size.  A new array, NULL when out of memory. */
static double *
dview_outputs (const dview *v, size_t n)
{
  size_t m = v->dim == 1 ? n : n * n, c = m < DATA_CHUNK ? m : DATA_CHUNK;
  double *x = data_sample_inputs (v, n), *y = malloc (m * v->k * sizeof *y);
  rs_net_workspace *ws = rs_net_workspace_alloc (v->w.net, c, NULL);

  for (size_t i = 0; x != NULL && y != NULL && ws != NULL && i < m; i += c)
    {
      size_t b = m - i < c ? m - i : c;
      if (rs_net_forward (v->w.net, x + i * v->dim, b, ws) != RS_OK)
        break;
      for (size_t o = 0; o < v->k; o++)
        memcpy (y + o * m + i, rs_net_output (ws) + o * b, b * sizeof *y);
    }
  if (x == NULL || ws == NULL)
    {
      free (y);
      y = NULL;
    }
  rs_net_workspace_free (ws);
  free (x);
  return y;
}

int
rs_panel_data_window (const rs_panel_ctx *c, double win[4])
{
  dview v;
  int rc = data_view_begin (&v, c);

  if (rc != RS_OK)
    return rc;
  memcpy (win, v.win, sizeof v.win);
  sweep_end (&v.w);
  return RS_OK;
}

int
rs_panel_data_eval (const rs_panel_ctx *c, size_t n, double *out)
{
  dview v;
  double *y;
  size_t m;
  int rc = n >= 2 ? data_view_begin (&v, c) : RS_EINVAL;

  if (rc != RS_OK)
    return rc;
  m = v.dim == 1 ? n : n * n;
  y = dview_outputs (&v, n);
  if (y != NULL)
    for (size_t i = 0; i < m; i++)
      for (size_t o = 0; o < v.k; o++)
        out[i * v.k + o] = y[o * m + i];
  sweep_end (&v.w);
  free (y);
  return y != NULL ? RS_OK : RS_ENOMEM;
}

/* The finite range [lo, hi] of output 0 over m samples; 0 when none is
 * finite. */
int
data_output_range (const double *y, size_t m, double *lo, double *hi)
{
  *lo = INFINITY;
  *hi = -INFINITY;
  for (size_t i = 0; i < m; i++)
    if (isfinite (y[i]))
      *lo = fmin (*lo, y[i]), *hi = fmax (*hi, y[i]);
  return *hi >= *lo;
}

/* Whether samples in [lo, hi] are one constant: equal up to rounding. */
int
data_is_constant (double lo, double hi)
{
  return hi - lo <= 1e-9 * fmax (1.0, fabs (lo));
}

int
rs_panel_data_constant (const rs_panel_ctx *c, double *value)
{
  dview v;
  double lo, hi, *y;
  size_t n;
  int constant = 0;

  if (data_view_begin (&v, c) != RS_OK)
    return 0;
  n = v.dim == 1 ? DATA_CURVE : DATA_GRID;
  y = dview_outputs (&v, n);
  if (y != NULL && data_output_range (y, v.dim == 1 ? n : n * n, &lo, &hi)
      && data_is_constant (lo, hi))
    {
      constant = 1;
      if (value != NULL)
        *value = lo;
    }
  free (y);
  sweep_end (&v.w);
  return constant;
}

/* ---- words ------------------------------------------------------- */

/* The note about the dead units, or "" without any; brief: a short
 * form for a crowded plot. */
void
data_dead_note (const dview *v, int neuron, int brief, char *buf, size_t n)
{
  buf[0] = '\0';
  if (v->dead == 0)
    return;
  if (neuron)
    snprintf (buf, n, brief ? "the neuron is dead" : "the neuron is dead: "
              "it outputs 0 on every point");
  else if (v->dead_layer > 0)
    snprintf (buf, n, brief ? "layer %zu all dead" : "all units of layer "
              "%zu dead (%zu of %zu hidden units): nothing reaches the "
              "output", v->dead_layer, v->dead, v->hidden);
  else if (brief)
    snprintf (buf, n, "%zu of %zu units dead, flat at 0", v->dead,
              v->hidden);
  else
    snprintf (buf, n, "%zu of %zu hidden units dead: 0 on every point, "
              "they add nothing", v->dead, v->hidden);
}

/* The label of a constant output y = value to 4 digits, a true minus
 * sign; with logit, the probability sigmoid(y) it stands for; broken
 * after its first words when two_lines. */
void
data_constant_label (double value, int logit, int two_lines, char *buf,
                size_t n)
{
  char num[48], p[64] = "";

  snprintf (num, sizeof num, "%s%.4g", value < 0 ? "−" : "",
            fabs (value) < 1e-12 ? 0.0 : fabs (value));
  if (logit)
    snprintf (p, sizeof p, ", p(1) = %.3g", 1.0 / (1.0 + exp (-value)));
  snprintf (buf, n, "<b>constant output</b>%s<i>y</i> = %s%s",
            two_lines ? "\n" : " ", num, p);
}

/* How many of the m points (x[i], y[i]) fall in the box (x, y, w, h). */
static size_t
points_in (const double *x, const double *y, size_t m, double bx, double by,
           double bw, double bh)
{
  size_t k = 0;

  for (size_t i = 0; i < m; i++)
    k += x[i] >= bx && x[i] <= bx + bw && y[i] >= by && y[i] <= by + bh;
  return k;
}

/* The device points a note should not cover: the curve's samples (for
 * one input; curve NULL otherwise) and the data points, into new arrays
 * *x and *y; their count, 0 when out of memory. */
static size_t
drawn_points (const axes *a, const dview *v, const double *curve,
              double **x, double **y)
{
  const rs_data *d = v->w.d;
  size_t nc = curve != NULL ? DATA_CURVE : 0, m = 0;

  *x = malloc ((nc + d->n) * sizeof **x);
  *y = malloc ((nc + d->n) * sizeof **y);
  if (*x == NULL || *y == NULL)
    {
      free (*x);
      free (*y);
      *x = *y = NULL;
      return 0;
    }
  for (size_t i = 0; i < nc; i++, m++)
    {
      (*x)[m] = axes_x (a, data_sample_at (v->win[0], v->win[1], i, nc));
      (*y)[m] = isfinite (curve[i]) ? axes_y (a, curve[i]) : -1e9;
    }
  for (size_t i = 0; i < d->n; i++, m++)
    {
      (*x)[m] = axes_x (a, d->x[i * d->dim]);
      (*y)[m] = axes_y (a, d->dim == 2 ? d->x[i * 2 + 1] : d->y[i * d->ydim]);
    }
  return m;
}

/* Plain text src (no markup) into buf with its spaces turned into line
 * breaks wherever a line would grow wider than width at size. */
void
data_wrap_text (pane *p, const char *src, double width, double size, char *buf,
           size_t n)
{
  size_t line = 0, last_space = (size_t) -1;

  snprintf (buf, n, "%s", src);
  for (size_t i = 0; buf[i] != '\0'; i++)
    {
      char keep;
      if (buf[i] != ' ' && buf[i + 1] != '\0')
        continue;
      keep = buf[i + 1];
      buf[i + 1] = '\0';
      if (pane_text_width (p, buf + line, size, 0) > width
          && last_space != (size_t) -1)
        {
          buf[last_space] = '\n';
          line = last_space + 1;
        }
      buf[i + 1] = keep;
      if (buf[i] == ' ')
        last_space = i;
    }
}

/* The corner of the plot (inside by pad) where a box of w x h covers
 * the fewest of the m points (x[i], y[i]), the lower corners first;
 * its top left into (*bx, *by), and the count covered. */
static size_t
best_corner (const pane *p, const axes *a, const double *x, const double *y,
             size_t m, double w, double h, double *bx, double *by)
{
  double pad = 6 * p->k;
  size_t least = (size_t) -1;

  for (int c = 0; c < 4; c++)
    {
      double cx = c % 2 ? a->box.x + a->box.width - pad - w : a->box.x + pad;
      double cy = c < 2 ? a->box.y + a->box.height - pad - h : a->box.y + pad;
      size_t k = points_in (x, y, m, cx - pad, cy - pad, w + 2 * pad,
                            h + 2 * pad);
      if (k < least)
        least = k, *bx = cx, *by = cy;
    }
  return least;
}

/* The dead-unit note, boxed in the corner of the plot that covers the
 * fewest drawn points (drawn_points, curve as there): in full where a
 * corner is free, else in short. */
void
data_draw_dead_note (pane *p, const axes *a, const dview *v,
                     const double *curve)
{
  char raw[160], note[160];
  double *x, *y, w, h, bx = 0, by = 0;
  size_t m = drawn_points (a, v, curve, &x, &y);

  for (int brief = 0; brief < 2; brief++)
    {
      data_dead_note (v, rs_net_layers (v->w.net) == 1, brief, raw,
                      sizeof raw);
      if (raw[0] == '\0')
        break;
      data_wrap_text (p, raw, a->box.width - 16 * p->k, 10, note,
                      sizeof note);
      rs_text_size (p->cr, pane_font (p), note, 10 * p->k, 0, &w, &h);
      if (best_corner (p, a, x, y, m, w, h, &bx, &by) == 0 || brief)
        {
          pane_label_boxed (p, p->t->dead, bx, by, note, 10, 0, 0, 0);
          break;
        }
    }
  free (x);
  free (y);
}

/* ---- one input: the curve ----------------------------------------- */

/* The y window: the curve's finite values and the targets, padded. */
static void
curve_window (const dview *v, const double *y, size_t m, double *y0,
              double *y1)
{
  const rs_data *d = v->w.d;
  double lo, hi;

  if (!data_output_range (y, m, &lo, &hi))
    lo = hi = 0.0;
  for (size_t i = 0; i < d->n; i++)
    if (isfinite (d->y[i * d->ydim]))
      lo = fmin (lo, d->y[i * d->ydim]), hi = fmax (hi, d->y[i * d->ydim]);
  if (!(hi - lo > 1e-9))
    lo -= 0.5, hi += 0.5;
  *y0 = lo - 0.08 * (hi - lo);
  *y1 = hi + 0.08 * (hi - lo);
}

/* Whether hidden unit j of layer 1 is active nowhere on the samples
 * drawn (m of them): its share is then its outgoing weight times
 * f(z <= 0), 0 for a ReLU. */
static int
share_flat (const rs_net_workspace *ws, size_t j, size_t m)
{
  const double *z = rs_net_workspace_z (ws, 1);

  for (size_t i = 0; i < m; i++)
    if (z[j * m + i] > 0.0)
      return 0;
  return 1;
}

/* Each hidden unit's share of the output, W2[0][j] a1[j](x): faint in
 * the alive colour for a unit active somewhere, dashed in the dead
 * colour for one active nowhere (one hidden layer and one output only:
 * beyond it the shares do not add up to the output). */
static void
draw_shares (pane *p, const axes *a, const dview *v,
             const rs_net_workspace *ws)
{
  rs_net *net = v->w.net;
  const double *a1 = rs_net_workspace_a (ws, 1), *th;
  size_t n = rs_net_units (net, 1), m = DATA_CURVE;
  const double dash[] = { 4 * p->k, 3 * p->k };

  if (rs_net_layers (net) != 2 || v->k != 1)
    return;
  th = rs_net_params_const (net)->data;
  for (size_t j = 0; j < n; j++)
    {
      double wj = th[rs_net_w_index (net, 2, 0, j)];
      int flat = share_flat (ws, j, m);
      cairo_new_path (p->cr);
      for (size_t i = 0; i < m; i++)
        if (isfinite (wj * a1[j * m + i]))
          cairo_line_to (p->cr, axes_x (a, data_sample_at (v->win[0], v->win[1],
                                                      i, m)),
                         axes_y (a, wj * a1[j * m + i]));
      cairo_set_dash (p->cr, dash, flat ? 2 : 0, 0);
      cairo_set_line_width (p->cr, (flat ? 1.4 : 1.1) * p->k);
      rs_theme_set_alpha (p->cr, flat ? p->t->dead : p->t->alive,
                          flat ? 0.7 : 0.45);
      cairo_stroke (p->cr);
    }
  cairo_set_dash (p->cr, NULL, 0, 0);
}

/* The data points, small and grey under the curve. */
static void
draw_points_1d (pane *p, const axes *a, const rs_data *d)
{
  rs_theme_set_alpha (p->cr, p->t->fg, 0.55);
  for (size_t i = 0; i < d->n; i++)
    {
      double x = d->x[i], y = d->y[i * d->ydim];
      if (!isfinite (x) || !isfinite (y))
        continue;
      cairo_new_sub_path (p->cr);
      cairo_arc (p->cr, axes_x (a, x), axes_y (a, y), 2.6 * p->k, 0,
                 2 * M_PI);
    }
  cairo_fill (p->cr);
}

/* The output curve: thick in the text colour, in the dead colour when
 * constant. */
static void
draw_curve (pane *p, const axes *a, const dview *v, const double *y,
            int constant)
{
  cairo_new_path (p->cr);
  for (size_t i = 0; i < DATA_CURVE; i++)
    if (isfinite (y[i]))
      cairo_line_to (p->cr, axes_x (a, data_sample_at (v->win[0], v->win[1], i,
                                                  DATA_CURVE)),
                     axes_y (a, y[i]));
    else
      cairo_new_sub_path (p->cr);
  cairo_set_line_width (p->cr, 2.6 * p->k);
  rs_theme_set (p->cr, constant ? p->t->dead : p->t->fg);
  cairo_stroke (p->cr);
}

/* The curve's plot: axes, shares, points, the curve and its notes. */
static void
draw_1d (pane *p, const dview *v, const rs_net_workspace *ws)
{
  const double *y = rs_net_output (ws);
  axes a = { p->plot, v->win[0], v->win[1], 0, 1 };
  double pad = 0.03 * (v->win[1] - v->win[0]), lo, hi;
  int constant = data_output_range (y, DATA_CURVE, &lo, &hi)
                 && data_is_constant (lo, hi);
  char label[160];

  a.x0 -= pad;
  a.x1 += pad;
  curve_window (v, y, DATA_CURVE, &a.y0, &a.y1);
  axes_fill (p, &a);
  axes_x_ticks (p, &a, 1);
  axes_y_ticks (p, &a, a.box.height / (42 * p->k));
  cairo_save (p->cr);
  axes_clip (p, &a);
  draw_shares (p, &a, v, ws);
  draw_points_1d (p, &a, v->w.d);
  draw_curve (p, &a, v, y, constant);
  cairo_restore (p->cr);
  axes_frame (p, &a);
  axes_x_title (p, &a, "input <i>x</i>");
  axes_y_title (p, &a, "output <i>y</i>", a.box.x - 46 * p->k);
  if (constant)
    {
      data_constant_label (lo, 0, 0, label, sizeof label);
      pane_label_boxed (p, p->t->dead, a.box.x + a.box.width - 6 * p->k,
                        axes_y (&a, lo) - 5 * p->k, label, 11, 0, 1, 1);
    }
  data_draw_dead_note (p, &a, v, y);
}

/* ---- the panel ----------------------------------------------------- */

/* The inputs' box in the data's units squared off: the plot narrowed or
 * lowered so that one unit of x1 is as long as one of x2. */
static void
square_plot (pane *p, const dview *v)
{
  double sx = v->win[1] - v->win[0], sy = v->win[3] - v->win[2];
  double w = p->plot.width, h = p->plot.height;

  if (w / h > sx / sy)
    p->plot.width = h * sx / sy;
  else
    {
      p->plot.y += (h - w * sy / sx) / 2;
      p->plot.height = w * sy / sx;
    }
}

void
rs_panel_data (cairo_t *cr, rs_rect r, const rs_panel_ctx *c)
{
  char note[64] = "";
  dview v;
  pane p;
  int rc = c != NULL && c->sim != NULL ? data_view_begin (&v, c) : RS_EINVAL;
  margins m = rc == RS_OK && v.dim == 2 ? map_margins : curve_margins;

  if (c != NULL && c->sim != NULL)
    snprintf (note, sizeof note, "step %zu",
              rs_sim_recorded (c->sim, pane_at (c))->step);
  if (pane_begin (&p, cr, r, c, m, "What the network computes", note, NULL))
    {
      rs_net_workspace *ws = NULL;
      double *y = NULL;
      rs_rect strip = { 0, 0, 0, 0 };
      if (rc == RS_OK)
        strip = data_units_strip (&p, &v);
      if (rc == RS_OK && v.dim == 2)
        square_plot (&p, &v);
      if (rc == RS_OK && v.dim == 1)
        ws = dview_eval (&v, DATA_CURVE);
      else if (rc == RS_OK)
        y = dview_outputs (&v, DATA_GRID);
      if (ws != NULL)
        draw_1d (&p, &v, ws);
      else if (y != NULL)
        data_draw_map (&p, c, &v, y);
      else
        pane_text (&p, p.t->muted, p.plot.x, p.plot.y, rc == RS_EINVAL
                   ? "drawn for a network of one or two inputs"
                   : "out of memory", 11, 0, 0, 0, 0);
      if (strip.width > 0)
        data_draw_units (&p, &v, strip);
      rs_net_workspace_free (ws);
      free (y);
    }
  if (rc == RS_OK)
    sweep_end (&v.w);
  pane_end (&p);
}
