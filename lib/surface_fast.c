/* surface_fast.c: a surface's points computing only what the slice
 * changes, when both directions touch the weights and biases of layer 1
 * alone (true axes on layer 1, as the default landscapes take them).
 *
 * The loss alone, for 1 or 2 layers: layer 1's touched pre-activations
 * are affine in (u, v), the other units keep their values, and layer 2's
 * inputs change by the touched units only (equal to the generic pass to
 * rounding).
 *
 * The gradient norm and the dead units (and the loss with them), for any
 * depth: the partial pass.  Each worker keeps the pass at theta0; a point
 * computes again only layer 1's touched units and the layers above, with
 * the generic code (net_forward_units, the loss, rs_net_backward), so
 * that the loss, the whole gradient's norm (over every parameter, as the
 * plateau needs it), the dead count and the plateau mask are the generic
 * pass's to the bit.  What it saves: the inputs' copy, layer 1's other
 * units, and a dead count that stops at a unit's first active point.
 * The single neuron (one ReLU or Leaky ReLU unit under MSE) takes one loop
 * over its points instead (one_point), with the generic pass's very
 * expressions in its order: the same bits again, a third of the work. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>

#include "surface_private.h"

/* Whether every nonzero entry of both directions is a weight or bias of
 * layer 1, and which units of layer 1 they touch. */
static int
first_layer_only (const rs_surface *s, size_t *unit, size_t *nt)
{
  unsigned char touched[RS_NET_MAX_UNITS] = { 0 };

  *nt = 0;
  for (size_t i = 0; i < s->sl->np; i++)
    if (s->sl->d1[i] != 0.0 || s->sl->d2[i] != 0.0)
      {
        rs_param_info p = rs_net_param_info (s->net, i);

        if (p.layer != 1 || p.kind == RS_PARAM_SLOPE)
          return 0;
        touched[p.unit] = 1;
      }
  for (size_t j = 0; j < rs_net_units (s->net, 1); j++)
    if (touched[j])
      unit[(*nt)++] = j;
  return 1;
}

/* z of touched unit j of layer 1 at every point for parameters p (theta0
 * or a direction, with or without the bias). */
static void
first_layer_z (const rs_surface *s, const double *p, size_t j, int bias,
               double *z)
{
  const rs_net *net = s->net;
  size_t in = rs_net_inputs (net), n = s->d->n;

  for (size_t i = 0; i < n; i++)
    {
      double acc = bias ? p[rs_net_b_index (net, 1, j)] : 0.0;

      for (size_t k = 0; k < in; k++)
        acc += p[rs_net_w_index (net, 1, j, k)] * s->d->x[i * in + k];
      z[i] = acc;
    }
}

/* Set up the loss fast path: the loss alone, 1 or 2 layers, directions
 * on layer 1 only. */
static int
loss_setup (rs_surface *s)
{
  rs_surface_fast *f = &s->fast;
  const rs_net *net = s->net;
  size_t n = s->d->n, L = rs_net_layers (net), K, U;
  rs_net_workspace *w;

  if (s->what != RS_SURFACE_LOSS || L > 2
      || !first_layer_only (s, f->unit, &f->nt))
    return RS_OK;
  K = rs_net_units (net, L);
  U = rs_net_units (net, 1);
  f->z0 = malloc (4 * U * n * sizeof (double));
  f->next = malloc (K * n * sizeof (double));
  f->wn = malloc (K * U * sizeof (double));
  w = rs_net_workspace_alloc (net, n, NULL);
  if (f->z0 == NULL || f->next == NULL || f->wn == NULL || w == NULL)
    {
      rs_net_workspace_free (w);
      return RS_ENOMEM;
    }
  f->zu = f->z0 + U * n;
  f->zv = f->zu + U * n;
  f->a0 = f->zv + U * n;
  rs_net_forward (net, s->d->x, n, w);
  for (size_t t = 0; t < f->nt; t++)
    {
      size_t j = f->unit[t];

      first_layer_z (s, s->sl->theta0, j, 1, f->z0 + t * n);
      first_layer_z (s, s->sl->d1, j, 1, f->zu + t * n);
      first_layer_z (s, s->sl->d2, j, 1, f->zv + t * n);
      memcpy (f->a0 + t * n, rs_net_workspace_a (w, 1) + j * n,
              n * sizeof (double));
    }
  /* the base of what the touched units feed: layer 2's z, or for a
     single layer the outputs themselves */
  memcpy (f->next, L == 2 ? rs_net_workspace_z (w, 2) : rs_net_output (w),
          K * n * sizeof (double));
  for (size_t c = 0; L == 2 && c < K; c++)
    for (size_t t = 0; t < f->nt; t++)
      f->wn[c * f->nt + t] = gsl_vector_get (rs_net_params_const (net),
                                             rs_net_w_index (net, 2, c,
                                                             f->unit[t]));
  rs_net_workspace_free (w);
  f->on = 1;
  return RS_OK;
}

/* a = f(z0 + u zu + v zv) of touched unit t at every point, into a. */
static void
touched_unit (const rs_surface *s, size_t t, double u, double v,
              double *restrict a)
{
  const rs_surface_fast *f = &s->fast;
  size_t n = s->d->n;
  const double *restrict z0 = f->z0 + t * n, *restrict zu = f->zu + t * n;
  const double *restrict zv = f->zv + t * n;

  for (size_t i = 0; i < n; i++)
    a[i] = z0[i] + u * zu[i] + v * zv[i];
  s->net->spec.act[0]->value_n (a, a, n,
                                rs_net_unit_param (s->net, 1, f->unit[t]));
}

/* out += w (a - a0) over n values. */
static inline void
add_change (double *restrict out, double w, const double *restrict a,
            const double *restrict a0, size_t n)
{
  for (size_t i = 0; i < n; i++)
    out[i] += w * (a[i] - a0[i]);
}

/* The loss at (u, v) by the fast path: the outputs built in out, one
 * touched unit at a time in a (n values), every loop a plain one. */
static double
fast_loss (const rs_surface *s, double u, double v, double *out, double *a)
{
  const rs_surface_fast *f = &s->fast;
  const rs_net *net = s->net;
  size_t n = s->d->n, L = net->spec.layers, K = net->spec.sizes[L];
  double loss;

  memcpy (out, f->next, K * n * sizeof (double));
  for (size_t t = 0; t < f->nt; t++)
    {
      touched_unit (s, t, u, v, a);
      if (L == 1)
        memcpy (out + f->unit[t] * n, a, n * sizeof (double));
      else
        for (size_t c = 0; c < K; c++)
          add_change (out + c * n, f->wn[c * f->nt + t], a, f->a0 + t * n,
                      n);
    }
  if (L == 2 && net->spec.act[1] != rs_act_identity)
    for (size_t c = 0; c < K; c++)
      net->spec.act[1]->value_n (out + c * n, out + c * n, n,
                                 rs_net_unit_param (net, 2, c));
  s->loss->eval (out, K, n, s->d->y, s->d->ydim, &loss, NULL, NULL);
  return loss;
}

/* Whether some of z's n values is above 0: the unit is active on some
 * point (rs_net_activity's count is not 0). */
static int
any_active (const double *z, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (z[i] > 0.0)
      return 1;
  return 0;
}

/* Whether unit j of layer l is dead in w: inactive on every point, of a
 * kind that can die (rs_net_dead_count's test). */
static int
unit_dead (const rs_net *net, const rs_net_workspace *w, size_t l, size_t j)
{
  size_t n = rs_net_workspace_n (w);

  return !any_active (rs_net_workspace_z (w, l) + j * n, n)
         && rs_net_unit_can_die (net, l, j);
}

/* Whether the network is one unit (one layer of one output, ReLU or
 * Leaky ReLU) under the MSE of one target: the single neuron, whose point
 * one_point computes in one loop. */
static int
one_unit (const rs_surface *s)
{
  const rs_net *net = s->net;

  return rs_net_layers (net) == 1 && rs_net_units (net, 1) == 1
         && s->loss == rs_loss_mse_type && s->d->ydim == 1
         && (net->spec.act[0] == rs_act_relu
             || net->spec.act[0] == rs_act_leaky_relu)
         && rs_net_inputs (net) == 1;
}

/* Set up the partial pass: the gradient or the dead units asked,
 * directions on layer 1 only; every worker's workspace gets the pass at
 * theta0, and part->dead1 the dead units of layer 1 that the directions
 * do not touch. */
static int
part_setup (rs_surface *s)
{
  rs_surface_part *p = &s->part;
  unsigned char touched[RS_NET_MAX_UNITS] = { 0 };

  if (!(s->what & (RS_SURFACE_GRAD | RS_SURFACE_DEAD))
      || !first_layer_only (s, p->unit, &p->nt))
    return RS_OK;
  for (int t = 0; t < s->nthreads; t++)
    if (rs_net_forward (s->workers[t].net, s->d->x, s->d->n,
                        s->workers[t].w) != RS_OK)
      return RS_OK;
  for (size_t t = 0; t < p->nt; t++)
    touched[p->unit[t]] = 1;
  p->dead1 = 0;
  for (size_t j = 0; j < rs_net_units (s->net, 1); j++)
    p->dead1 += !touched[j] && unit_dead (s->workers[0].net,
                                          s->workers[0].w, 1, j);
  p->one = one_unit (s);
  p->on = 1;
  return RS_OK;
}

/* rs_net_dead_count of the worker's pass: layer 1's untouched units as
 * at theta0, the rest tested again. */
static size_t
part_dead (const rs_surface *s, const rs_surface_worker *wk)
{
  const rs_surface_part *p = &s->part;
  size_t dead = p->dead1, L = rs_net_layers (wk->net);

  for (size_t t = 0; t < p->nt; t++)
    dead += unit_dead (wk->net, wk->w, 1, p->unit[t]);
  for (size_t l = 2; l <= L; l++)
    for (size_t j = 0; j < rs_net_units (wk->net, l); j++)
      dead += unit_dead (wk->net, wk->w, l, j);
  return dead;
}

/* One point i of one_unit's data into the sums of slot q (the partial sum
 * that sum_squares and dot put it in): its square of residual, its dL/dz
 * into dL/db and dL/dw; whether the unit is active there. */
typedef struct {
  double alpha, at0, n;
  int relu;
} one_act;

static inline int
one_data_point (const one_act *c, double w, double b, double x, double y,
                double *sq, double *gb, double *gw)
{
  double z = b + w * x;
  double a = z > 0.0 ? z : c->relu ? 0.0 : c->alpha * z;
  double r = a - y;
  double dz = (z > 0.0 ? 1.0 : z < 0.0 ? c->alpha : c->at0)
              * (2.0 * r / c->n);

  *sq += r * r;
  *gb += dz;
  *gw += dz * x;
  return z > 0.0;
}

/* The partial pass of one_unit's network at (u, v), with the very
 * expressions of the generic pass in the same order, so that every value
 * is its value to the bit: z = b + w x (unit_forward), a = f(z) and
 * f'(z) as act.c's relu and leaky_relu give them (f'(0) by its pick from
 * [alpha, 1]), the loss's four partial sums of squares (sum_squares),
 * dL/da = 2 (a - y) / n (mse_eval), dL/dz = f'(z) dL/da (layer_grads),
 * dL/db summed in order, dL/dw in four partial sums (dot); the norm by
 * gsl_blas_dnrm2. */
static void
one_point (rs_surface *s, rs_surface_worker *wk, size_t g, double u,
           double v)
{
  const rs_net *net = wk->net;
  const double *x = s->d->x, *y = s->d->y;
  size_t n = s->d->n, i = 0;
  int relu = net->spec.act[0] == rs_act_relu;
  double alpha = relu ? 0.0 : rs_net_unit_param (net, 1, 0);
  one_act c = { alpha, alpha + net->spec.kink * (1.0 - alpha), (double) n,
                relu };
  double sq[4] = { 0.0, 0.0, 0.0, 0.0 }, gw[4] = { 0.0, 0.0, 0.0, 0.0 };
  double gb = 0.0, w, b;
  size_t bi = rs_net_b_index (net, 1, 0), wi = rs_net_w_index (net, 1, 0, 0);
  int active = 0;

  rs_slice_point (s->sl, u, v, wk->theta);
  w = wk->theta[wi];
  b = wk->theta[bi];
  for (; i + 4 <= n; i += 4)
    for (int q = 0; q < 4; q++)
      active |= one_data_point (&c, w, b, x[i + q], y[i + q], &sq[q], &gb,
                                &gw[q]);
  for (; i < n; i++)
    active |= one_data_point (&c, w, b, x[i], y[i], &sq[0], &gb, &gw[0]);
  s->val[0][g] = (0.0 + ((sq[0] + sq[1]) + (sq[2] + sq[3]))) / (double) n;
  if (s->what & RS_SURFACE_GRAD)
    {
      wk->grad->data[bi * wk->grad->stride] = gb;
      wk->grad->data[wi * wk->grad->stride] = (gw[0] + gw[1])
                                             + (gw[2] + gw[3]);
      s->val[1][g] = gsl_blas_dnrm2 (wk->grad);
    }
  if (s->what & RS_SURFACE_DEAD)
    s->val[2][g] = (double) (!active && rs_net_unit_can_die (net, 1, 0));
}

/* The asked values at grid point g by the partial pass: what rs_loss_net
 * does after its forward pass, then the norm and the dead count. */
static void
part_point (rs_surface *s, rs_surface_worker *wk, size_t g, double u,
            double v)
{
  rs_net *net = wk->net;
  rs_net_workspace *w = wk->w;
  gsl_vector *grad = s->what & RS_SURFACE_GRAD ? wk->grad : NULL;
  double loss, *dout = grad != NULL ? w->dprev : NULL;
  int rc;

  rs_slice_point (s->sl, u, v, wk->theta);
  memcpy (rs_net_params (net)->data, wk->theta, s->sl->np * sizeof (double));
  net_forward_units (net, w, s->part.unit, s->part.nt);
  rc = s->loss->eval (rs_net_output (w), rs_net_outputs (net), s->d->n,
                      s->d->y, s->d->ydim, &loss, dout, NULL);
  s->val[0][g] = loss;
  if (grad != NULL && (rc == RS_OK || rc == RS_EDOMAIN))
    rs_net_backward (net, w, dout, grad);
  if (grad != NULL)
    s->val[1][g] = gsl_blas_dnrm2 (grad);
  if (s->what & RS_SURFACE_DEAD)
    s->val[2][g] = (double) part_dead (s, wk);
}

int
surface_fast_setup (rs_surface *s)
{
  if (s->what & RS_SURFACE_GENERIC)
    return RS_OK;
  if (loss_setup (s) != RS_OK)
    return RS_ENOMEM;
  return part_setup (s);
}

void
surface_fast_free (rs_surface *s)
{
  free (s->fast.z0);
  free (s->fast.next);
  free (s->fast.wn);
}

int
surface_fast_point (rs_surface *s, rs_surface_worker *wk, size_t g,
                       double u, double v)
{
  if (s->fast.on)
    s->val[0][g] = fast_loss (s, u, v, wk->out, wk->a);
  else if (s->part.on && s->part.one)
    one_point (s, wk, g, u, v);
  else if (s->part.on)
    part_point (s, wk, g, u, v);
  return s->fast.on || s->part.on;
}
