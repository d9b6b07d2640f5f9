/* pane_runs.c: what the panels of one run need to show every run of a
 * figure of variants (the heads, activation and network panels): run
 * k's context at the step shown, and the runs' count. */
#include <config.h>

#include "draw/pane.h"

size_t
pane_runs (const rs_panel_ctx *c)
{
  return c != NULL && c->runs != NULL ? c->runs->n : 1;
}

int
pane_run_ctx (const rs_panel_ctx *c, size_t k, rs_panel_ctx *ck)
{
  if (c == NULL || c->sim == NULL || k >= pane_runs (c))
    return RS_EINVAL;
  *ck = *c;
  if (c->runs == NULL)
    return RS_OK;
  ck->scene = c->runs->scene[k];
  ck->sim = c->runs->sim[k];
  ck->at = rs_runs_point_at (ck->sim, pane_step (c));
  if (k > 0)
    ck->moment = NULL;   /* a change seen mid-way is the first run's */
  return RS_OK;
}

size_t
pane_step (const rs_panel_ctx *c)
{
  return rs_sim_recorded (c->sim, pane_at (c))->step;
}
