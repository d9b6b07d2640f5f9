/* app_runs.c: a scene with variants in the app, drawn as `render` draws
 * it (C3, C7, C9, C12, the optimiser race).
 *
 * The app's run is the first variant's (the app's scene becomes its
 * scene); every other variant is run from its start to its end once,
 * when the app starts, as render runs it.  Each figure the app makes
 * gets the runs (rs_figure_set_runs): the first its own run, the others
 * these, so that its panels (landscapes, timeline, heads, activation,
 * network, the header's legend) show every run at the step shown, the
 * frame `render --at` draws there.  A change made with a key or a click
 * is the first run's only: the other variants keep their runs, and a
 * toast says so. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "app/app_private.h"

/* Run sim from where it is to its scene's steps, as `render` runs it
 * (cli_run_sim); a run that diverges stops there. */
static void
run_to_end (rs_sim *sim)
{
  size_t steps = rs_sim_get_params (sim)->steps;

  while (rs_sim_step_count (sim) < steps)
    if (rs_sim_iterate (sim) != RS_OK)
      break;
}

int
app_runs_make (rs_app *a, const rs_scene *sc, rs_error *err)
{
  rs_runs *r = &a->run.variants;
  int rc = rs_runs_alloc (r, sc, NULL, err);

  if (rc != RS_OK)
    return rc;
  a->view.scene = *r->scene[0];
  snprintf (a->run.balls.first, sizeof a->run.balls.first, "%s",
            r->name[0]);
  for (size_t k = 1; k < r->n; k++)
    run_to_end (r->sim[k]);
  return RS_OK;
}

void
app_runs_attach (const rs_runs *variants, look *l, rs_sim *sim,
                 rs_figure *f)
{
  if (variants == NULL || variants->n == 0 || l == NULL || f == NULL)
    return;
  l->runs = *variants;
  l->runs.scene[0] = &l->scene;
  l->runs.sim[0] = sim;
  rs_figure_set_runs (f, &l->runs);
}

void
app_runs_note (rs_app *a)
{
  static const char note[] = " · the other variants keep their own runs "
                             "(a change is the first run's)";
  size_t len = strlen (a->win.toast);

  if (a->run.variants.n < 2)
    return;
  if (a->win.toast_until <= a->win.clock || len == 0)
    {
      app_toast (a, 0, note + 4);   /* the note alone, without " · " */
      return;
    }
  if (strstr (a->win.toast, note) == NULL
      && len + sizeof note < sizeof a->win.toast)
    memcpy (a->win.toast + len, note, sizeof note);
}

void
app_runs_free (rs_app *a)
{
  rs_runs_free (&a->run.variants);
}

const rs_runs *
rs_app_runs (const rs_app *a)
{
  return a->view.fig != NULL ? rs_figure_runs (a->view.fig) : NULL;
}
