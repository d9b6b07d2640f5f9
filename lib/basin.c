/* basin.c: where training ends from each start of a grid (C5, C8, C10,
 * C11): the valley, a plateau with a dead layer, or a divergence. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "grid_private.h"
#include "reluscape/rs_surface.h"

/* Starts per call after the preview. */
#define BATCH 256

struct rs_basin {
  rs_slice *sl;
  size_t nu, nv, steps;
  rs_interval ur, vr;
  unsigned char *outcome;
  size_t *taken;
  unsigned char *done;
  size_t *order;
  size_t total;      /* the starts to run: the grid, or a block of rows */
  size_t next, npreview;
  int nthreads;
  rs_sim **sims;             /* one per thread */
  double **theta;
};

const char *
rs_basin_outcome_name (rs_basin_outcome o)
{
  static const char *const names[] = { "valley", "plateau", "diverged",
                                       "moving" };

  return (unsigned) o < 4 ? names[o] : "unknown";
}

/* The scene's runs keep only their ends: no memory for trajectories
 * that nobody draws. */
static int
alloc_sims (rs_basin *b, const rs_sim_params *p, rs_error *err)
{
  rs_sim_params q = *p;

  q.record_every = b->steps + 1;
  q.record_bytes = (size_t) 1 << 20;
#ifdef _OPENMP
  b->nthreads = omp_get_max_threads ();
#else
  b->nthreads = 1;
#endif
  b->sims = calloc ((size_t) b->nthreads, sizeof *b->sims);
  b->theta = calloc ((size_t) b->nthreads, sizeof *b->theta);
  if (b->sims == NULL || b->theta == NULL)
    return rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory");
  for (int t = 0; t < b->nthreads; t++)
    {
      if ((b->sims[t] = rs_sim_alloc (&q, err)) == NULL)
        return err != NULL ? err->code : RS_EINVAL;
      if (rs_net_nparams (rs_sim_net (b->sims[t])) != b->sl->np)
        return rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                             "the slice has %zu parameters, the scene's "
                             "network %zu", b->sl->np,
                             rs_net_nparams (rs_sim_net (b->sims[t])));
      if ((b->theta[t] = malloc (b->sl->np * sizeof (double))) == NULL)
        return rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory");
    }
  return RS_OK;
}

rs_basin *
rs_basin_alloc (const rs_sim_params *p, const rs_slice *sl, size_t nu,
                size_t nv, rs_interval ur, rs_interval vr, size_t steps,
                rs_error *err)
{
  rs_basin *b;
  size_t n = nu * nv, k;

  if (nu < 2 || nv < 2 || nu > RS_BASIN_MAX_SIDE || nv > RS_BASIN_MAX_SIDE
      || steps < 1 || steps > RS_BASIN_MAX_STEPS || !(ur.lo < ur.hi)
      || !(vr.lo < vr.hi))
    {
      rs_error_set (err, RS_EINVAL, NULL, 0, 0,
                    "a basin map has 2 to 1024 starts a side, ranges with "
                    "lo < hi and runs of 1 to 1000000 steps");
      return NULL;
    }
  b = calloc (1, sizeof *b);
  if (b == NULL || (b->sl = rs_slice_clone (sl, NULL)) == NULL)
    goto nomem;
  b->nu = nu, b->nv = nv, b->ur = ur, b->vr = vr, b->steps = steps;
  b->outcome = malloc (n);
  b->taken = calloc (n, sizeof *b->taken);
  b->done = calloc (n, 1);
  b->order = malloc (n * sizeof *b->order);
  if (b->outcome == NULL || b->taken == NULL || b->done == NULL
      || b->order == NULL)
    goto nomem;
  memset (b->outcome, RS_BASIN_MOVING, n);
  b->npreview = rs_grid_order (nu, nv, b->order, &k);
  b->total = n;
  if (alloc_sims (b, p, err) != RS_OK)
    {
      rs_basin_free (b);
      return NULL;
    }
  return b;

nomem:
  rs_basin_free (b);
  rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory for a basin map");
  return NULL;
}

void
rs_basin_free (rs_basin *b)
{
  if (b == NULL)
    return;
  for (int t = 0; t < b->nthreads; t++)
    {
      rs_sim_free (b->sims != NULL ? b->sims[t] : NULL);
      free (b->theta != NULL ? b->theta[t] : NULL);
    }
  free (b->sims);
  free (b->theta);
  rs_slice_free (b->sl);
  free (b->outcome);
  free (b->taken);
  free (b->done);
  free (b->order);
  free (b);
}

/* Run the start g of the grid on sim s and note where it ends. */
static void
run_start (rs_basin *b, rs_sim *s, double *theta, size_t g)
{
  double u = rs_surface_coord (b->ur, g % b->nu, b->nu);
  double v = rs_surface_coord (b->vr, g / b->nu, b->nv);
  rs_sim_status st;

  rs_slice_point (b->sl, u, v, theta);
  rs_sim_start_at (s, theta);
  while ((st = rs_sim_test (s)) == RS_SIM_RUNNING
         && rs_sim_step_count (s) < b->steps)
    rs_sim_iterate (s);
  b->outcome[g] = st == RS_SIM_CONVERGED ? RS_BASIN_VALLEY
                : st == RS_SIM_STUCK ? RS_BASIN_PLATEAU
                : st == RS_SIM_DIVERGED ? RS_BASIN_DIVERGED
                : RS_BASIN_MOVING;
  b->taken[g] = rs_sim_step_count (s);
  b->done[g] = 1;
}

int
rs_basin_iterate (rs_basin *b)
{
  size_t total = b->total, first = b->next;
  size_t last = rs_grid_batch_end (first, total, b->npreview, BATCH);
  long q;

  if (first >= total)
    return RS_EINVAL;
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic, 1) num_threads(rs_threads_now (b->nthreads))
#endif
  for (q = (long) first; q < (long) last; q++)
    {
#ifdef _OPENMP
      int t = omp_get_thread_num ();
#else
      int t = 0;
#endif
      run_start (b, b->sims[t], b->theta[t], b->order[q]);
    }
  b->next = last;
  return RS_OK;
}

void
rs_basin_run (rs_basin *b)
{
  while (rs_basin_iterate (b) == RS_OK)
    ;
}

size_t
rs_basin_done (const rs_basin *b)
{
  return b->next;
}

int
rs_basin_complete (const rs_basin *b)
{
  return b->next == b->total;
}

int
rs_basin_rows (rs_basin *b, size_t r0, size_t r1)
{
  size_t k = 0, preview = 0;

  if (r0 >= r1 || r1 > b->nv || b->next > 0)
    return RS_EINVAL;
  for (size_t q = 0; q < b->total; q++)
    if (b->order[q] / b->nu >= r0 && b->order[q] / b->nu < r1)
      {
        preview += q < b->npreview;
        b->order[k++] = b->order[q];
      }
  b->total = k;
  b->npreview = preview;
  return RS_OK;
}

rs_basin_outcome
rs_basin_get (const rs_basin *b, size_t i, size_t j, size_t *steps)
{
  size_t g = i * b->nu + j;

  if (i >= b->nv || j >= b->nu || !b->done[g])
    {
      if (steps != NULL)
        *steps = 0;
      return RS_BASIN_MOVING;
    }
  if (steps != NULL)
    *steps = b->taken[g];
  return (rs_basin_outcome) b->outcome[g];
}
