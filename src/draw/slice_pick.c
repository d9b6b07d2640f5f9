/* slice_pick.c: the default plane and window of a landscape (C4, C5).
 *
 * A slice over W1[0][0] and b1[0] through the end of a run shows a unit
 * the lesson may not be about, in a window that may miss the path; the
 * pictures then teach something false ("dead = best", a kick that
 * "revives" a unit it pushed deeper).  Here the slice is the focus
 * unit's own weight and bias, and the window is fitted to what a reader
 * must see: the whole path from its start, and the edge where the unit
 * dies. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "draw/slice_pick.h"

#define EDGE_GRID 33

int
rs_pick_axes (const rs_scene *sc, const rs_sim *sim, rs_pick *pk,
              rs_error *err)
{
  const rs_sim_focus *f = &pk->focus;
  int rc;

  memset (pk, 0, sizeof *pk);
  pk->focus.unit = (rs_sim_unit) { 1, 0 };
  if (!rs_sim_is_neuron (sim)
      && (rc = rs_sim_focus_unit (sim, sc->has_focus ? &sc->focus : NULL,
                                  &pk->focus, err)) != RS_OK)
    return rc;
  snprintf (pk->p1, sizeof pk->p1, "W%zu[%zu][%zu]", f->unit.layer,
            f->unit.unit, f->input);
  snprintf (pk->p2, sizeof pk->p2, "b%zu[%zu]", f->unit.layer, f->unit.unit);
  return RS_OK;
}

/* The bounding box of the finite points among the n (pu, pv) (a run
 * that diverged ends in points that are not); [0, 0] x [0, 0] when there
 * is none. */
static void
bounds (const double *pu, const double *pv, size_t n, rs_interval *ur,
        rs_interval *vr)
{
  *ur = rs_interval_make (HUGE_VAL, -HUGE_VAL);
  *vr = rs_interval_make (HUGE_VAL, -HUGE_VAL);
  for (size_t i = 0; i < n; i++)
    {
      if (!isfinite (pu[i]) || !isfinite (pv[i]))
        continue;
      ur->lo = fmin (ur->lo, pu[i]);
      ur->hi = fmax (ur->hi, pu[i]);
      vr->lo = fmin (vr->lo, pv[i]);
      vr->hi = fmax (vr->hi, pv[i]);
    }
  if (ur->lo > ur->hi)
    *ur = *vr = rs_interval_make (0.0, 0.0);
}

/* r grown by an eighth of its length each side, and to at least min_half
 * either side of its middle. */
static rs_interval
with_margin (rs_interval r, double min_half)
{
  double mid = (r.lo + r.hi) / 2, half = (r.hi - r.lo) / 2 * 1.25;

  half = fmax (half, min_half);
  return rs_interval_make (mid - half, mid + half);
}

void
rs_pick_fit_path (const double *pu, const double *pv, size_t n,
                  double min_half, rs_interval *ur, rs_interval *vr)
{
  bounds (pu, pv, n, ur, vr);
  *ur = with_margin (*ur, min_half);
  *vr = with_margin (*vr, min_half);
}

/* Grid points (i, j) and (i2, j2) lie on two sides of an edge: their
 * dead counts differ. */
static int
on_edge (const rs_surface *s, size_t i, size_t j, size_t i2, size_t j2)
{
  return i2 < EDGE_GRID && j2 < EDGE_GRID
         && rs_surface_value (s, RS_SURFACE_DEAD, i, j)
            != rs_surface_value (s, RS_SURFACE_DEAD, i2, j2);
}

/* The point of the edge nearest to the path (pu, pv, n points), and the
 * path's point nearest to it (*k), measured in units of the search
 * window's half sizes hu, hv: where the dead count of a grid point
 * differs from its right or upper neighbour, the middle of the two.
 * Returns 0 when there is no edge in the window. */
static int
nearest_edge (const rs_surface *s, rs_interval su, rs_interval sv,
              const double *pu, const double *pv, size_t n, double hu,
              double hv, double *qu, double *qv, size_t *k)
{
  double best = HUGE_VAL;

  for (size_t i = 0; i < EDGE_GRID; i++)
    for (size_t j = 0; j < EDGE_GRID; j++)
      for (int dir = 0; dir < 2; dir++)
        {
          size_t i2 = i + (dir == 1), j2 = j + (dir == 0);
          double u, v;

          if (!on_edge (s, i, j, i2, j2))
            continue;
          u = (rs_surface_coord (su, j, EDGE_GRID)
               + rs_surface_coord (su, j2, EDGE_GRID)) / 2;
          v = (rs_surface_coord (sv, i, EDGE_GRID)
               + rs_surface_coord (sv, i2, EDGE_GRID)) / 2;
          for (size_t q = 0; q < n; q++)
            {
              double d = hypot ((u - pu[q]) / hu, (v - pv[q]) / hv);

              if (d < best)
                {
                  best = d;
                  *qu = u;
                  *qv = v;
                  *k = q;
                }
            }
        }
  return best < HUGE_VAL;
}

/* r grown to hold [x - h, x + h]. */
static rs_interval
hold (rs_interval r, double x, double h)
{
  return rs_interval_make (fmin (r.lo, x - h), fmax (r.hi, x + h));
}

/* The dead counts on the search grid (su, sv: values as shown) of the
 * plane of sl moved to the run's last point, the same for every step
 * shown; NULL with err. */
static rs_surface *
edge_grid (const rs_sim *sim, const rs_slice *sl, rs_interval su,
           rs_interval sv, rs_error *err)
{
  size_t last = rs_sim_n_recorded (sim) - 1;
  rs_net *net = rs_net_clone (rs_sim_net (sim), err);
  rs_slice *at = net != NULL ? rs_slice_clone (sl, err) : NULL;
  rs_surface *s = NULL;
  double off_u = 0.0, off_v = 0.0;

  if (at != NULL && rs_sim_net_at (sim, last, net, 0) == RS_OK)
    {
      memcpy (at->theta0, rs_sim_theta (sim, last), sl->np * sizeof (double));
      for (size_t k = 0; k < sl->np; k++)
        {
          off_u += sl->d1[k] * at->theta0[k];
          off_v += sl->d2[k] * at->theta0[k];
        }
      s = rs_surface_alloc (net, rs_sim_loss (sim), rs_sim_data (sim), at,
                            EDGE_GRID, EDGE_GRID,
                            rs_interval_make (su.lo - off_u, su.hi - off_u),
                            rs_interval_make (sv.lo - off_v, sv.hi - off_v),
                            RS_SURFACE_DEAD, 0.0, err);
    }
  if (s != NULL)
    rs_surface_run (s);
  rs_slice_free (at);
  rs_net_free (net);
  return s;
}

int
rs_pick_fit_edge (const rs_sim *sim, const rs_slice *sl, const double *pu,
                  const double *pv, size_t n, rs_interval *ur,
                  rs_interval *vr, rs_error *err)
{
  const double min_half = 0.5;
  rs_interval bu, bv, su, sv;
  double hu, hv, cu, cv, qu = 0.0, qv = 0.0;
  size_t k = 0;
  rs_surface *s;

  bounds (pu, pv, n, &bu, &bv);
  hu = fmax ((bu.hi - bu.lo) / 2, min_half);
  hv = fmax ((bv.hi - bv.lo) / 2, min_half);
  cu = (bu.lo + bu.hi) / 2;
  cv = (bv.lo + bv.hi) / 2;
  su = rs_interval_make (cu - 3 * hu, cu + 3 * hu);
  sv = rs_interval_make (cv - 3 * hv, cv + 3 * hv);
  if ((s = edge_grid (sim, sl, su, sv, err)) == NULL)
    return err != NULL && err->code != RS_OK ? err->code : RS_ENOMEM;
  if (nearest_edge (s, su, sv, pu, pv, n, hu, hv, &qu, &qv, &k))
    {
      /* the edge, and half its distance from the path past it */
      bu = hold (bu, qu, fmax (fabs (qu - pu[k]) / 2, hu / 4));
      bv = hold (bv, qv, fmax (fabs (qv - pv[k]) / 2, hv / 4));
    }
  rs_surface_free (s);
  *ur = with_margin (bu, min_half);
  *vr = with_margin (bv, min_half);
  return RS_OK;
}

int
rs_pick_unit_of (const rs_net *net, const char *p1, const char *p2,
                 rs_sim_unit *u)
{
  size_t i1, i2;
  rs_param_info a, b;

  if (rs_net_param_lookup (net, p1, &i1, NULL) != RS_OK
      || rs_net_param_lookup (net, p2, &i2, NULL) != RS_OK)
    return 0;
  a = rs_net_param_info (net, i1);
  b = rs_net_param_info (net, i2);
  if (a.kind == RS_PARAM_BIAS)
    {
      rs_param_info t = a;

      a = b;
      b = t;
    }
  if (a.kind != RS_PARAM_WEIGHT || b.kind != RS_PARAM_BIAS
      || a.layer != b.layer || a.unit != b.unit)
    return 0;
  *u = (rs_sim_unit) { a.layer, a.unit };
  return 1;
}

void
rs_pick_caption (const rs_pick *pk, const rs_sim *sim, char *buf, size_t n)
{
  static const char *const why[] = {
    "", "the scene's focus", "first to die", "first to revive"
  };
  const rs_sim_focus *f = &pk->focus;

  if (f->why == RS_FOCUS_DIED || f->why == RS_FOCUS_REVIVED)
    snprintf (buf, n, "unit %zu:%zu, %s (step %zu)", f->unit.layer,
              f->unit.unit, why[f->why],
              rs_sim_recorded (sim, f->index)->step);
  else if (f->why == RS_FOCUS_GIVEN)
    snprintf (buf, n, "unit %zu:%zu, %s", f->unit.layer, f->unit.unit,
              why[f->why]);
  else
    snprintf (buf, n, "unit %zu:%zu (no unit dies)", f->unit.layer,
              f->unit.unit);
}

/* Where x lies on the colour scale from lo to hi, 0 to 1 (log or
 * linear, as the landscape's colours). */
static double
scale_pos (double x, double lo, double hi, int linear)
{
  if (!(hi > lo))
    return 0.0;
  if (linear)
    return (x - lo) / (hi - lo);
  return log (fmax (x, 1e-300) / fmax (lo, 1e-300))
         / log (fmax (hi, 1e-300) / fmax (lo, 1e-300));
}

int
rs_pick_dead_lowest (const gsl_matrix *loss, const unsigned char *deader,
                     size_t n, int linear, double *dead, double *alive)
{
  double top = -HUGE_VAL;

  *dead = *alive = HUGE_VAL;
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++)
      {
        double l = gsl_matrix_get (loss, i, j);

        if (!isfinite (l))
          continue;
        top = fmax (top, l);
        if (deader[i * n + j])
          *dead = fmin (*dead, l);
        else
          *alive = fmin (*alive, l);
      }
  if (!(*dead < HUGE_VAL))
    return 0;
  if (*dead <= *alive)
    return 2;
  return scale_pos (*dead, *alive, top, linear) <= 0.1 ? 1 : 0;
}
