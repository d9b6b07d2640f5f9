/* hull.c: the interval hull of the generalised gradient at points that
 * sit exactly on a kink (C3).
 *
 * The loss's gradient is a sum over points, and each point's term depends
 * only on that point's slopes.  So the hull of the sum is the sum of the
 * hulls: points off every kink add their one gradient, and each kink point
 * adds the hull of its own term over its slopes. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "net_private.h"
#include "reluscape/rs_loss.h"

/* A kink of point i: unit j of layer l, with its subdifferential. */
typedef struct {
  size_t l, j;
  rs_interval g;
} kink;

/* The slopes of every unit at point i by the network's convention, and the
 * kinks among them (at most max are listed; the count is returned). */
static size_t
point_slopes (const rs_net *net, const rs_net_workspace *w, size_t i,
              double slope[][RS_NET_MAX_UNITS], kink *ks, size_t max)
{
  size_t m = 0, n = w->n;

  for (size_t l = 1; l <= net->spec.layers; l++)
    for (size_t j = 0; j < net->spec.sizes[l]; j++)
      {
        const rs_act_type *f = net->spec.act[l - 1];
        double z = w->z[l][j * n + i], p = rs_net_unit_param (net, l, j);
        rs_interval g = f->subdiff (z, p);

        slope[l][j] = rs_interval_lerp (g, net->spec.kink);
        if (g.hi > g.lo && m++ < max)
          {
            ks[m - 1].l = l;
            ks[m - 1].j = j;
            ks[m - 1].g = g;
          }
      }
  return m;
}

/* Point i's term of the gradient, with the given slopes, into g (every
 * entry set): back-propagation for one point. */
static void
point_grad (const rs_net *net, const rs_net_workspace *w, size_t i,
            const double *dout, double slope[][RS_NET_MAX_UNITS], double *g)
{
  double da[RS_NET_MAX_UNITS], dz[RS_NET_MAX_UNITS];
  size_t n = w->n;

  for (size_t c = 0; c < net->spec.sizes[net->spec.layers]; c++)
    da[c] = dout[c * n + i];
  for (size_t l = net->spec.layers; l >= 1; l--)
    {
      const double *W = net->theta->data + net->w_off[l];
      size_t in = net->spec.sizes[l - 1];

      for (size_t j = 0; j < net->spec.sizes[l]; j++)
        {
          dz[j] = da[j] * slope[l][j];
          g[net->b_off[l] + j] = dz[j];
          for (size_t k = 0; k < in; k++)
            g[rs_net_w_index (net, l, j, k)] = dz[j] * w->a[l - 1][k * n + i];
          if (net->s_off[l] != SIZE_MAX)
            g[net->s_off[l] + j]
              = da[j] * net->spec.act[l - 1]->dparam (w->z[l][j * n + i],
                                                      rs_net_unit_param (net,
                                                                         l, j));
        }
      for (size_t k = 0; l > 1 && k < in; k++)
        {
          da[k] = 0.0;
          for (size_t j = 0; j < net->spec.sizes[l]; j++)
            da[k] += W[j * in + k] * dz[j];
        }
    }
}

/* The hull of point i's term over the 2^m ends of its m kink slopes:
 * the term is affine in each slope, so its extremes are at the ends. */
static void
point_hull_exact (const rs_net *net, const rs_net_workspace *w, size_t i,
                  const double *dout, double slope[][RS_NET_MAX_UNITS],
                  const kink *ks, size_t m, double *g, double *lo,
                  double *hi)
{
  size_t np = net->nparams;

  for (unsigned long v = 0; v < (1ul << m); v++)
    {
      for (size_t q = 0; q < m; q++)
        slope[ks[q].l][ks[q].j] = (v >> q) & 1 ? ks[q].g.hi : ks[q].g.lo;
      point_grad (net, w, i, dout, slope, g);
      for (size_t p = 0; p < np; p++)
        {
          if (v == 0 || g[p] < lo[p])
            lo[p] = g[p];
          if (v == 0 || g[p] > hi[p])
            hi[p] = g[p];
        }
    }
}

/* Interval arithmetic: products and sums of intervals. */
static rs_interval
imul (rs_interval a, rs_interval b)
{
  double p[4] = { a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi };
  rs_interval r = { p[0], p[0] };

  for (int q = 1; q < 4; q++)
    {
      r.lo = fmin (r.lo, p[q]);
      r.hi = fmax (r.hi, p[q]);
    }
  return r;
}

static rs_interval
iscale (double c, rs_interval a)
{
  return c >= 0.0 ? rs_interval_make (c * a.lo, c * a.hi)
                  : rs_interval_make (c * a.hi, c * a.lo);
}

/* An enclosure of point i's term by back-propagating intervals: every
 * slope at a kink is its whole subdifferential.  Wider than the hull when
 * a slope reaches a parameter along several paths. */
static void
point_hull_interval (const rs_net *net, const rs_net_workspace *w, size_t i,
                     const double *dout, double *lo, double *hi)
{
  rs_interval da[RS_NET_MAX_UNITS], dz[RS_NET_MAX_UNITS], t;
  size_t n = w->n;

  for (size_t c = 0; c < net->spec.sizes[net->spec.layers]; c++)
    da[c] = rs_interval_make (dout[c * n + i], dout[c * n + i]);
  for (size_t l = net->spec.layers; l >= 1; l--)
    {
      const double *W = net->theta->data + net->w_off[l];
      const rs_act_type *f = net->spec.act[l - 1];
      size_t in = net->spec.sizes[l - 1];

      for (size_t j = 0; j < net->spec.sizes[l]; j++)
        {
          double z = w->z[l][j * n + i], p = rs_net_unit_param (net, l, j);
          size_t b = net->b_off[l] + j;

          dz[j] = imul (da[j], f->subdiff (z, p));
          lo[b] = dz[j].lo, hi[b] = dz[j].hi;
          for (size_t k = 0; k < in; k++)
            {
              size_t q = rs_net_w_index (net, l, j, k);

              t = iscale (w->a[l - 1][k * n + i], dz[j]);
              lo[q] = t.lo, hi[q] = t.hi;
            }
          if (net->s_off[l] != SIZE_MAX)
            {
              t = iscale (f->dparam (z, p), da[j]);
              lo[net->s_off[l] + j] = t.lo, hi[net->s_off[l] + j] = t.hi;
            }
        }
      for (size_t k = 0; l > 1 && k < in; k++)
        {
          da[k] = rs_interval_make (0.0, 0.0);
          for (size_t j = 0; j < net->spec.sizes[l]; j++)
            {
              t = iscale (W[j * in + k], dz[j]);
              da[k].lo += t.lo, da[k].hi += t.hi;
            }
        }
    }
}

/* dout with the columns of the kink points zeroed, so that one backward
 * pass gives the gradient of the points off every kink. */
static size_t
mask_kinks (const rs_net *net, const rs_net_workspace *w, double *dout)
{
  double slope[RS_NET_MAX_LAYERS + 1][RS_NET_MAX_UNITS];
  size_t n = w->n, count = 0;

  for (size_t i = 0; i < n; i++)
    if (point_slopes (net, w, i, slope, NULL, 0) > 0)
      {
        count++;
        for (size_t c = 0; c < net->spec.sizes[net->spec.layers]; c++)
          dout[c * n + i] = 0.0;
      }
  return count;
}

int
rs_loss_net_hull (const rs_net *net, const rs_loss_type *t,
                  const rs_data *d, rs_net_workspace *w, gsl_vector *lo,
                  gsl_vector *hi, size_t *kink_points, int *exact,
                  rs_error *err)
{
  double slope[RS_NET_MAX_LAYERS + 1][RS_NET_MAX_UNITS], loss;
  kink ks[RS_LOSS_HULL_MAX_KINKS];
  size_t np = net->nparams, n = d->n, outs = rs_net_outputs (net);
  double *dout = NULL, *masked = NULL, *g = NULL, *plo = NULL, *phi = NULL;
  int rc, lrc, all_exact = 1;

  if (lo->size != np || hi->size != np)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                         "the hull vectors need %zu entries", np);
  lrc = rs_loss_net (net, t, d, w, &loss, NULL, err);
  if (lrc != RS_OK && lrc != RS_EDOMAIN)
    return lrc;
  dout = malloc (outs * n * sizeof *dout);
  masked = malloc (outs * n * sizeof *masked);
  g = malloc (3 * np * sizeof *g);
  if (dout == NULL || masked == NULL || g == NULL)
    {
      rc = rs_error_set (err, RS_ENOMEM, NULL, 0, 0,
                         "out of memory for a gradient hull");
      goto done;
    }
  plo = g + np, phi = g + 2 * np;
  t->eval (rs_net_output (w), outs, n, d->y, d->ydim, &loss, dout, NULL);
  memcpy (masked, dout, outs * n * sizeof *dout);
  if (kink_points != NULL)
    *kink_points = mask_kinks (net, w, masked);
  else
    mask_kinks (net, w, masked);
  rs_net_backward (net, w, masked, lo);
  gsl_vector_memcpy (hi, lo);
  for (size_t i = 0; i < n; i++)
    {
      size_t m = point_slopes (net, w, i, slope, ks, RS_LOSS_HULL_MAX_KINKS);

      if (m == 0)
        continue;
      if (m <= RS_LOSS_HULL_MAX_KINKS)
        point_hull_exact (net, w, i, dout, slope, ks, m, g, plo, phi);
      else
        {
          point_hull_interval (net, w, i, dout, plo, phi);
          all_exact = 0;
        }
      for (size_t p = 0; p < np; p++)
        {
          gsl_vector_set (lo, p, gsl_vector_get (lo, p) + plo[p]);
          gsl_vector_set (hi, p, gsl_vector_get (hi, p) + phi[p]);
        }
    }
  rc = lrc;
  if (exact != NULL)
    *exact = all_exact;

done:
  free (dout);
  free (masked);
  free (g);
  return rc;
}
