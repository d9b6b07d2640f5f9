/* plane_kick.c: a kick, seen as it happens.
 *
 * A kick (scheduled, the app's K, or the run's own when stuck) is
 * recorded as a new point of the same step, the point before it holding
 * the parameters before the kick.  Its morph moves every parameter from
 * its value before the kick to its value after it, linearly in t: the
 * ball travels along the kick's arrow, and where the kick moved
 * parameters the plane holds fixed (a slice of a network, any plane over
 * directions), the surface is computed again through the ball's point at
 * each t, so that the landscape changes under the ball.  The grid keeps
 * its coordinates as shown: only the part of the kick off the plane
 * moves the surface. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "draw/plane.h"
#include "draw/plane_private.h"

size_t
rs_plane_kick_of (const rs_plane *p, size_t i)
{
  size_t np = p->slice->np;

  if (i >= p->n_rec)
    return 0;
  for (size_t k = i; k > 0; k--)
    {
      if (rs_sim_recorded (p->sim, k)->events & RS_EVENT_KICK)
        return k;
      if (rs_sim_recorded (p->sim, k - 1)->step != rs_sim_recorded (p->sim,
                                                                    i)->step
          || memcmp (rs_sim_theta (p->sim, k - 1), rs_sim_theta (p->sim, k),
                     np * sizeof (double)) != 0)
        return 0;
    }
  return 0;
}

/* net (the network at kick point i, warming's shift added) moved by
 * (1 - t) of the way back to the parameters before the kick: the whole way (whole 1: the ball's own point) or only the part
 * off the plane (whole 0: the surface's point, whose grid then keeps
 * the coordinates shown). */
static void
kick_back (const rs_plane *p, size_t i, rs_net *net, double t, int whole)
{
  const double *a = rs_sim_theta (p->sim, i - 1), *b = rs_sim_theta (p->sim,
                                                                      i);
  double du = whole ? 0.0 : p->pu[i - 1] - p->pu[i];
  double dv = whole ? 0.0 : p->pv[i - 1] - p->pv[i];
  gsl_vector *th = rs_net_params (net);
  const rs_slice *sl = p->slice;

  for (size_t k = 0; k < sl->np; k++)
    {
      double off = a[k] - b[k] - du * sl->d1[k] - dv * sl->d2[k];

      gsl_vector_set (th, k, gsl_vector_get (th, k) + (1.0 - t) * off);
    }
}

int
rs_plane_kick_net (const rs_plane *p, size_t i, double t, rs_net *net)
{
  size_t k = rs_plane_kick_of (p, i);

  if (k == 0 || rs_sim_net_at (p->sim, k, net, 1) != RS_OK)
    return RS_EINVAL;
  kick_back (p, k, net, t, 1);
  return RS_OK;
}

int
rs_plane_kick (rs_plane *p, double t, rs_error *err)
{
  size_t k = rs_plane_kick_of (p, p->shown);
  rs_net *net;
  int rc;

  p->frac = t;
  p->kick_at = t < 1.0 ? k : 0;
  if (p->arrow)
    rs_plane_gradient (p, p->shown, t);
  /* the surface moves only on the plane through the kick's own point,
   * and only when the kick moved what the plane holds fixed */
  if (p->land == NULL || rs_plane_stale (p, k) || !rs_plane_stale (p, k - 1))
    return RS_OK;
  if (t == p->kick_t && p->morph == 1.0)
    return RS_OK;
  if (t == 1.0)
    return rs_plane_blend (p, 1.0, err);
  if ((net = rs_net_clone (p->net, err)) == NULL)
    return RS_ENOMEM;
  kick_back (p, k, net, t, 0);
  rc = rs_plane_compute (p, net, err);
  rs_net_free (net);
  if (rc == RS_OK && p->old_plateau != NULL)
    rc = rs_plane_old_lines (p);
  p->morph = 1.0;
  p->kick_t = t;
  return rc;
}

unsigned
rs_plane_change (const rs_plane *p)
{
  if (p->basin != NULL)
    return 0;
  if (rs_plane_kick_of (p, p->shown) > 0)
    return RS_EVENT_KICK;
  return p->old != NULL ? RS_EVENT_ACT : 0;
}
