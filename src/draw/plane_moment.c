/* plane_moment.c: the network at the moment a morph shows.
 *
 * While a change plays (a kick, a change of activation), the landscape
 * shows a moment between the state before it and the state after it.
 * The panels beside it (the network, the activation, the histogram, the
 * heads) run the network of that same moment, made here from what the
 * plane uses: a kick's parameters t of the way (the ball's point,
 * rs_plane_kick_net), or the point's parameters with the activations
 * blended as the landscape blends them. */
#include <config.h>

#include "draw/plane.h"
#include "draw/plane_private.h"

/* net's activations set to those of recorded point i exactly (ReLU as
 * ReLU, not as Leaky ReLU with alpha 0); RS_OK or RS_ENOMEM. */
static int
acts_of_point (const rs_plane *p, size_t i, rs_net *net)
{
  rs_net *then = rs_net_clone (net, NULL);
  const rs_net_spec *sp;
  int rc = RS_ENOMEM;

  if (then != NULL && (rc = rs_sim_net_at (p->sim, i, then, 0)) == RS_OK)
    {
      sp = rs_net_get_spec (then);
      for (size_t l = 1; l <= sp->layers && rc == RS_OK; l++)
        rc = rs_net_set_act (net, l, sp->act[l - 1], sp->param[l - 1],
                             NULL);
    }
  rs_net_free (then);
  return rc;
}

/* The moment of a change of activation: the point shown with the
 * activations t of the way from those of point `from`. */
static int
act_moment (rs_plane *p, double t, size_t from, rs_net *net)
{
  int rc = rs_sim_net_at (p->sim, p->shown, net, 1);

  if (rc != RS_OK)
    return rc;
  if (t <= 0.0)
    return acts_of_point (p, from, net);
  rs_plane_blend_acts (net, p->old, t);
  return RS_OK;
}

int
rs_plane_moment (rs_plane *p, double t, rs_net *net, unsigned *change,
                 size_t *before)
{
  size_t k, from;

  if (t >= 1.0 || p->basin != NULL)
    return RS_EINVAL;
  t = t < 0.0 ? 0.0 : t;
  if ((k = rs_plane_kick_of (p, p->shown)) > 0)
    {
      *change = RS_EVENT_KICK;
      *before = k - 1;
      /* at 0 the recorded point itself, not b + (a - b) */
      return t == 0.0 ? rs_sim_net_at (p->sim, k - 1, net, 1)
                      : rs_plane_kick_net (p, p->shown, t, net);
    }
  if ((from = rs_plane_act_from (p)) == (size_t) -1)
    return RS_EINVAL;
  *change = RS_EVENT_ACT;
  *before = from;
  return act_moment (p, t, from, net);
}
