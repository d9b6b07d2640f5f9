/* probe_constant.c: whether a network computes a constant function on a
 * domain (C4), the test of a network born dead: exactly for one input and
 * piecewise linear layers (the output's linear pieces, layer by layer),
 * and by interval arithmetic over a box otherwise (a constant box is
 * proof, a box that is not may still be a constant). */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "net_private.h"
#include "probe_private.h"

/* The positively homogeneous families: f(z) = z f(1) for z > 0 and
 * -z f(-1) for z < 0, linear on each side of the kink at 0. */
int
probe_piecewise_linear (const rs_act_type *t)
{
  return t == rs_act_identity || t == rs_act_relu || t == rs_act_leaky_relu
         || t == rs_act_prelu;
}

/* Families whose range over [lo, hi] is spanned by f(lo), f(hi) and, when
 * 0 is inside, f(0): monotone on each side of 0. */
int
probe_box_family (const rs_act_type *t)
{
  for (size_t i = 0; rs_act_types[i] != NULL; i++)
    if (rs_act_types[i] == t)
      return 1;
  return 0;
}

/* The linear pieces of one layer's output on the domain: piece k is
 * [t[k], t[k + 1]], on which unit j outputs a + b x with a, b at
 * [k * units + j]. */
typedef struct {
  size_t n;
  size_t cap;
  size_t units;
  double *t;
  double *a;
  double *b;
} pieces;

/* Free the arrays (p itself is the caller's). */
static void
pieces_free (pieces *p)
{
  free (p->t);
  free (p->a);
  free (p->b);
}

/* Room for at least n pieces of `units` units. */
static int
pieces_reserve (pieces *p, size_t n, rs_error *err)
{
  size_t cap = p->cap > 0 ? p->cap : 16;
  double *t, *a, *b;

  if (n <= p->cap)
    return RS_OK;
  if (n > RS_PROBE_MAX_PIECES)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "the network has more than %d linear pieces on "
                         "the domain", RS_PROBE_MAX_PIECES);
  while (cap < n)
    cap *= 2;
  t = realloc (p->t, (cap + 1) * sizeof *t);
  if (t != NULL)
    p->t = t;
  a = realloc (p->a, cap * RS_NET_MAX_UNITS * sizeof *a);
  if (a != NULL)
    p->a = a;
  b = realloc (p->b, cap * RS_NET_MAX_UNITS * sizeof *b);
  if (b != NULL)
    p->b = b;
  if (t == NULL || a == NULL || b == NULL)
    return probe_nomem (err);
  p->cap = cap;
  return RS_OK;
}

/* Append the piece [x0, x1] with maps (a, b), or extend the last piece
 * when its maps are the same. */
static int
pieces_push (pieces *p, double x0, double x1, const double *a,
             const double *b, rs_error *err)
{
  size_t u = p->units, k = p->n;
  int rc;

  if (k > 0 && memcmp (p->a + (k - 1) * u, a, u * sizeof *a) == 0
      && memcmp (p->b + (k - 1) * u, b, u * sizeof *b) == 0)
    {
      p->t[k] = x1;
      return RS_OK;
    }
  if ((rc = pieces_reserve (p, k + 1, err)) != RS_OK)
    return rc;
  memcpy (p->a + k * u, a, u * sizeof *a);
  memcpy (p->b + k * u, b, u * sizeof *b);
  p->t[k] = x0;
  p->t[k + 1] = x1;
  p->n = k + 1;
  return RS_OK;
}

/* Whether every unit's slope is 0 on every piece. */
static int
pieces_flat (const pieces *p)
{
  for (size_t i = 0; i < p->n * p->units; i++)
    if (p->b[i] != 0.0)
      return 0;
  return 1;
}

/* Insertion sort: at most RS_NET_MAX_UNITS values. */
static void
sort_doubles (double *v, size_t n)
{
  for (size_t i = 1; i < n; i++)
    for (size_t j = i; j > 0 && v[j - 1] > v[j]; j--)
      {
        double s = v[j];

        v[j] = v[j - 1];
        v[j - 1] = s;
      }
}

/* Layer l's z = A + B x on piece k of its input. */
static void
piece_pre (const rs_net *net, size_t l, const pieces *in, size_t k,
           double *A, double *B)
{
  const gsl_vector *th = rs_net_params_const (net);
  size_t nin = in->units;

  for (size_t j = 0; j < rs_net_units (net, l); j++)
    {
      A[j] = gsl_vector_get (th, rs_net_b_index (net, l, j));
      B[j] = 0.0;
      for (size_t q = 0; q < nin; q++)
        {
          double w = gsl_vector_get (th, rs_net_w_index (net, l, j, q));

          A[j] += w * in->a[k * nin + q];
          B[j] += w * in->b[k * nin + q];
        }
    }
}

/* Where some unit's z changes sign strictly inside (x0, x1), sorted and
 * without repeats; returns how many. */
static size_t
piece_roots (const double *A, const double *B, size_t units, double x0,
             double x1, double *roots)
{
  size_t m = 0, u = 0;

  for (size_t j = 0; j < units; j++)
    if (B[j] != 0.0 && -A[j] / B[j] > x0 && -A[j] / B[j] < x1)
      roots[m++] = -A[j] / B[j];
  sort_doubles (roots, m);
  for (size_t i = 0; i < m; i++)
    if (u == 0 || roots[i] != roots[u - 1])
      roots[u++] = roots[i];
  return u;
}

/* The outputs of layer l on [x0, x1], where no z changes sign inside: each
 * unit on the side of its kink that z takes at the midpoint. */
static int
piece_push (const rs_net *net, size_t l, const double *A, const double *B,
            double x0, double x1, pieces *out, rs_error *err)
{
  const rs_act_type *f = rs_net_get_spec (net)->act[l - 1];
  double a[RS_NET_MAX_UNITS], b[RS_NET_MAX_UNITS], mid = 0.5 * (x0 + x1);

  for (size_t j = 0; j < out->units; j++)
    {
      double p = rs_net_unit_param (net, l, j);
      double s = A[j] + B[j] * mid > 0.0 ? f->value (1.0, p)
                                         : -f->value (-1.0, p);

      a[j] = s == 0.0 ? 0.0 : s * A[j];
      b[j] = s == 0.0 ? 0.0 : s * B[j];
    }
  return pieces_push (out, x0, x1, a, b, err);
}

/* The pieces of layer l's output from those of its input. */
static int
layer_pieces (const rs_net *net, size_t l, const pieces *in, pieces *out,
              rs_error *err)
{
  double A[RS_NET_MAX_UNITS], B[RS_NET_MAX_UNITS];
  double cut[RS_NET_MAX_UNITS + 2];
  int rc = RS_OK;

  out->n = 0;
  out->units = rs_net_units (net, l);
  for (size_t k = 0; k < in->n && rc == RS_OK; k++)
    {
      size_t m;

      piece_pre (net, l, in, k, A, B);
      cut[0] = in->t[k];
      m = piece_roots (A, B, out->units, in->t[k], in->t[k + 1], cut + 1);
      cut[m + 1] = in->t[k + 1];
      for (size_t i = 0; i <= m && rc == RS_OK; i++)
        rc = piece_push (net, l, A, B, cut[i], cut[i + 1], out, err);
    }
  return rc;
}

/* Every layer of net is piecewise linear; net has one input. */
static int
check_1d (const rs_net *net, rs_interval dom, rs_error *err)
{
  const rs_net_spec *sp = rs_net_get_spec (net);
  int rc;

  if (rs_net_inputs (net) != 1)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "the exact decision needs one input, not %zu",
                         rs_net_inputs (net));
  if ((rc = probe_check_domain (dom, err)) != RS_OK)
    return rc;
  for (size_t l = 1; l <= sp->layers; l++)
    if (!probe_piecewise_linear (sp->act[l - 1]))
      return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                           "layer %zu: %s is not piecewise linear (identity, "
                           "relu, leaky_relu or prelu)", l,
                           sp->act[l - 1]->name);
  return RS_OK;
}

int
rs_probe_constant_1d (const rs_net *net, rs_interval dom,
                      rs_probe_verdict *v, rs_error *err)
{
  pieces p[2] = { { 0, 0, 1, NULL, NULL, NULL },
                  { 0, 0, 1, NULL, NULL, NULL } };
  int rc, cur = 0;

  if ((rc = check_1d (net, dom, err)) != RS_OK)
    return rc;
  memset (v, 0, sizeof *v);
  v->exact = 1;
  if ((rc = pieces_push (&p[0], dom.lo, dom.hi, &(double) { 0.0 },
                         &(double) { 1.0 }, err)) != RS_OK)
    goto done;
  for (size_t l = 1; l <= rs_net_layers (net); l++)
    {
      if ((rc = layer_pieces (net, l, &p[cur], &p[1 - cur], err)) != RS_OK)
        goto done;
      cur = 1 - cur;
      v->pieces = p[cur].n;
      if (pieces_flat (&p[cur]))
        {
          v->constant = 1;
          v->layer = l;
          break;
        }
    }
done:
  pieces_free (&p[0]);
  pieces_free (&p[1]);
  return rc;
}

/* The range of f over [lo, hi]: at its ends, or at 0 when inside. */
static rs_interval
act_range (const rs_act_type *f, double p, double lo, double hi)
{
  double a = f->value (lo, p), b = f->value (hi, p);
  double m = fmin (a, b), M = fmax (a, b);

  if (lo < 0.0 && hi > 0.0)
    {
      m = fmin (m, f->value (0.0, p));
      M = fmax (M, f->value (0.0, p));
    }
  return rs_interval_make (m, M);
}

/* Layer l's output intervals from its input's: w.x + b is largest with
 * each x_k at the end that favours w_k. */
static void
layer_box (const rs_net *net, size_t l, const rs_interval *in,
           rs_interval *out)
{
  const gsl_vector *th = rs_net_params_const (net);
  const rs_act_type *f = rs_net_get_spec (net)->act[l - 1];

  for (size_t j = 0; j < rs_net_units (net, l); j++)
    {
      double lo = gsl_vector_get (th, rs_net_b_index (net, l, j)), hi = lo;

      for (size_t q = 0; q < rs_net_units (net, l - 1); q++)
        {
          double w = gsl_vector_get (th, rs_net_w_index (net, l, j, q));

          lo += fmin (w * in[q].lo, w * in[q].hi);
          hi += fmax (w * in[q].lo, w * in[q].hi);
        }
      out[j] = act_range (f, rs_net_unit_param (net, l, j), lo, hi);
    }
}

/* Every input's interval is finite and not a point; every layer's
 * family is one interval arithmetic knows. */
static int
check_box (const rs_net *net, const rs_interval *box, rs_error *err)
{
  const rs_net_spec *sp = rs_net_get_spec (net);

  for (size_t k = 0; k < rs_net_inputs (net); k++)
    if (!(isfinite (box[k].lo) && isfinite (box[k].hi)
          && box[k].lo < box[k].hi))
      return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                           "input %zu: [%g, %g] is not a finite interval",
                           k, box[k].lo, box[k].hi);
  for (size_t l = 1; l <= sp->layers; l++)
    if (!probe_box_family (sp->act[l - 1]))
      return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                           "layer %zu: %s is not a family of rs_act.h", l,
                           sp->act[l - 1]->name);
  return RS_OK;
}

int
rs_probe_constant_box (const rs_net *net, const rs_interval *box,
                       rs_probe_verdict *v, rs_error *err)
{
  rs_interval cur[RS_NET_MAX_UNITS], next[RS_NET_MAX_UNITS];
  const rs_net_spec *sp = rs_net_get_spec (net);
  int rc;

  if ((rc = check_box (net, box, err)) != RS_OK)
    return rc;
  memset (v, 0, sizeof *v);
  memcpy (cur, box, rs_net_inputs (net) * sizeof *cur);
  for (size_t l = 1; l <= sp->layers && !v->constant; l++)
    {
      size_t j = 0;

      layer_box (net, l, cur, next);
      while (j < sp->sizes[l] && next[j].lo == next[j].hi)
        j++;
      if (j == sp->sizes[l])
        {
          v->constant = 1;
          v->layer = l;
        }
      memcpy (cur, next, sp->sizes[l] * sizeof *cur);
    }
  return RS_OK;
}
