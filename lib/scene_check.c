/* scene_check.c: one validation of a scene, made when it is read, so
 * that what `check` accepts, simulate and render run: the checks that
 * the run (rs_sim_alloc) and the figure (a basin map's limits) make
 * when they start, made early and reported at a line. */
#include <config.h>

#include "reluscape/rs_sim.h"
#include "reluscape/rs_surface.h"
#include "scene_private.h"

/* The points a check builds at most: enough for every class of every
 * generator (blobs has 3), few enough to be instant. */
#define CHECK_POINTS 64
#define CHECK_RECORD ((size_t) 1 << 20)

/* A basin map's limits on view k: its grid and the run's steps. */
static int
check_basin (const rs_scene *sc, size_t k, scene_culprit *who,
             rs_error *err)
{
  const rs_view *v = &sc->views[k];

  if (v->kind != RS_VIEW_BASIN)
    return RS_OK;
  if (v->grid > RS_BASIN_MAX_SIDE)
    {
      *who = SCENE_AT_VIEW;
      return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "a basin map has at "
                           "most grid %d (it trains from every start), not "
                           "%zu", RS_BASIN_MAX_SIDE, v->grid);
    }
  if (sc->sim.steps > RS_BASIN_MAX_STEPS)
    {
      *who = SCENE_AT_STEPS;
      return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "a scene with a basin "
                           "map runs at most %d steps from each start, not "
                           "%zu", RS_BASIN_MAX_STEPS, sc->sim.steps);
    }
  return RS_OK;
}

int
scene_check_run (const rs_scene *sc, scene_culprit *who, size_t *view,
                 rs_error *err)
{
  rs_sim_params p = sc->sim;
  rs_sim *s;
  int rc;

  *who = SCENE_AT_TOP;
  for (size_t k = 0; k < sc->n_views; k++)
    if ((rc = check_basin (sc, k, who, err)) != RS_OK)
      {
        *view = k;
        return rc;
      }
  if (sc->data_file[0] != '\0')
    return RS_OK;
  if (p.n_points > CHECK_POINTS)
    p.n_points = CHECK_POINTS;
  if (p.batch > p.n_points && p.batch <= sc->sim.n_points)
    p.batch = 0;
  /* a small trajectory first (64 MiB would be mapped on every check);
   * the scene's own room when a point needs more */
  if (p.record_bytes > CHECK_RECORD)
    p.record_bytes = CHECK_RECORD;
  if ((s = rs_sim_alloc (&p, err)) == NULL && p.record_bytes
      < sc->sim.record_bytes)
    {
      p.record_bytes = sc->sim.record_bytes;
      s = rs_sim_alloc (&p, err);
    }
  if (s == NULL)
    {
      *who = SCENE_AT_LOSS;
      return err != NULL ? err->code : RS_EINVAL;
    }
  rs_sim_free (s);
  return RS_OK;
}

int
rs_scene_check_data (const rs_scene *sc, const char *name, rs_error *err)
{
  rs_error e;
  rs_sim *s = rs_sim_alloc (&sc->sim, &e);

  if (s != NULL)
    {
      rs_sim_free (s);
      return RS_OK;
    }
  return rs_error_set (err, e.code, name, sc->data_line > 0 ? sc->data_line
                       : 1, sc->data_line > 0 ? sc->data_col : 1, "%s",
                       e.message);
}
