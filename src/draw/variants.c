/* variants.c: the runs of a scene's variants, held together for the
 * figure that compares them (C3, C7, C9, C12, the optimiser race).
 *
 * Each variant is its own scene (rs_scene_variant) and its own run; the
 * runs share their start unless a variant changes it (same seed, same
 * initialisation).  Every panel draws run k in the colour rs_runs_colour
 * gives it, and the figure's header names them (rs_runs_legend). */
#include <config.h>

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/variants.h"

rs_rgb
rs_runs_colour (const rs_theme *th, size_t k)
{
  if (k == 0)
    return th->accent;
  return rs_theme_hue (th, (rs_hue) (RS_HUE_RUN2 + (k - 1) % 5));
}

double
rs_runs_width (size_t k, double s)
{
  static const double w[] = { 5.0, 3.6, 2.4, 1.6, 1.2, 1.0 };

  return w[k < 6 ? k : 5] * s;
}

int
rs_runs_alloc (rs_runs *r, const rs_scene *sc, const char *name,
               rs_error *err)
{
  memset (r, 0, sizeof *r);
  if (sc->n_variants == 0)
    return rs_error_set (err, RS_EINVAL, name, 0, 0, "the scene has no "
                         "variants");
  for (size_t k = 0; k < sc->n_variants; k++)
    {
      int rc = RS_ENOMEM;

      snprintf (r->name[k], sizeof r->name[k], "%s", sc->variants[k].name);
      r->n = k + 1;
      if ((r->scene[k] = malloc (sizeof *r->scene[k])) == NULL)
        rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory");
      else if ((rc = rs_scene_variant (sc, k, name, r->scene[k], err))
               == RS_OK
               && (r->sim[k] = rs_sim_alloc (&r->scene[k]->sim, err)) == NULL)
        rc = err != NULL ? err->code : RS_EINVAL;
      if (rc != RS_OK)
        {
          rs_runs_free (r);
          return rc;
        }
    }
  return RS_OK;
}

void
rs_runs_free (rs_runs *r)
{
  for (size_t k = 0; k < r->n; k++)
    {
      rs_sim_free (r->sim[k]);
      free (r->scene[k]);
    }
  memset (r, 0, sizeof *r);
}

size_t
rs_runs_point_at (const rs_sim *sim, size_t step)
{
  size_t lo = 0, hi = rs_sim_n_recorded (sim);

  /* the first point past step, by bisection; the one before it */
  while (lo < hi)
    {
      size_t mid = lo + (hi - lo) / 2;

      if (rs_sim_recorded (sim, mid)->step <= step)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo > 0 ? lo - 1 : 0;
}

/* A loss for the legend, infinity and NaN by their names. */
static void
loss_text (double v, char *buf, size_t n)
{
  if (isnan (v))
    snprintf (buf, n, "NaN");
  else if (isinf (v))
    snprintf (buf, n, "∞");
  else
    snprintf (buf, n, "%.3g", v);
}

void
rs_runs_legend (const rs_runs *r, const rs_theme *th, size_t step,
                char *buf, size_t n)
{
  size_t len = 0;

  buf[0] = '\0';
  for (size_t k = 0; k < r->n; k++)
    {
      const rs_sim_point *pt = rs_sim_recorded (r->sim[k],
                                                rs_runs_point_at (r->sim[k],
                                                                  step));
      rs_rgb c = rs_runs_colour (th, k);
      char *esc = g_markup_escape_text (r->name[k], -1), loss[32], dead[32];
      int m;

      loss_text (pt->loss, loss, sizeof loss);
      dead[0] = '\0';
      if (pt->dead > 0)
        snprintf (dead, sizeof dead, ", %zu dead", pt->dead);
      m = snprintf (buf + len, n - len, "%s<span foreground=\"#%02x%02x%02x\""
                    "><b>━━</b></span> <b>%s</b> loss %s%s", k > 0 ? "   "
                    : "", (int) lround (c.r * 255), (int) lround (c.g * 255),
                    (int) lround (c.b * 255), esc, loss, dead);
      g_free (esc);
      if (m < 0 || (size_t) m >= n - len)
        {
          buf[len] = '\0';   /* whole entries only: the markup stays valid */
          return;
        }
      len += (size_t) m;
    }
}
