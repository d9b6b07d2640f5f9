/* scene_warn.c: the warnings of a scene, lines that parse but will not
 * do what they say (a kick after the last step, a start outside the
 * landscape, a keyword the scene ignores ...), kept in the report in
 * the order of the text.  None is given about a line with an error. */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "scene_parse_private.h"
#include "scene_private.h"

/* Whether place a comes before the warning w in the text. */
static int
before (place a, const rs_error *w)
{
  return a.line < w->line || (a.line == w->line && a.col < w->col);
}

/* Record a warning at `at`.  The report keeps its first
 * RS_SCENE_MAX_WARNINGS warnings in the order of the text and counts
 * the others. */
static void
warn_at (parser *ps, place at, const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4)));

static void
warn_at (parser *ps, place at, const char *fmt, ...)
{
  rs_scene_report *rep = ps->rep;
  size_t i = rep->nwarn, n = rep->nwarn;
  char msg[400];
  va_list ap;

  va_start (ap, fmt);
  vsnprintf (msg, sizeof msg, fmt, ap);
  va_end (ap);
  while (i > 0 && before (at, &rep->w[i - 1]))
    i--;
  if (n == RS_SCENE_MAX_WARNINGS)
    {
      rep->more_warnings++;
      if (i == n)
        return;
      n--;
    }
  else
    rep->nwarn++;
  memmove (&rep->w[i + 1], &rep->w[i], (n - i) * sizeof rep->w[0]);
  rs_error_set (&rep->w[i], RS_OK, ps->name, at.line, at.col, "%s", msg);
}

/* Kicks and events due once the run has taken all its steps: the run
 * ends before them (only the app goes on past the last step). */
static void
warn_late (parser *ps)
{
  static const char *const deps[] = { "steps", NULL };
  const rs_sim_params *p = &ps->sc->sim;

  if (!intact (ps, deps))
    return;
  for (size_t i = 0; i < p->n_kicks; i++)
    if (p->kicks[i].step >= p->steps)
      warn_at (ps, ps->kick_at[i], "kick at %zu comes after the last step "
               "(steps %zu): it never happens", p->kicks[i].step, p->steps);
  for (size_t i = 0; i < p->n_events; i++)
    if (p->events[i].step >= p->steps)
      warn_at (ps, ps->event_at[i], "at %zu comes after the last step "
               "(steps %zu): it never happens", p->events[i].step, p->steps);
}

/* The single neuron's start inside the landscape that shows it; reported
 * at 'start', or at the range that leaves the default start out. */
static void
warn_start_outside (parser *ps)
{
  static const char *const deps[] = { "start", "w-range", "b-range",
                                      "network", NULL };
  const rs_scene *sc = ps->sc;
  double w = sc->sim.w0, b = sc->sim.b0;
  int in_w = w >= sc->w_range.lo && w <= sc->w_range.hi;
  int in_b = b >= sc->b_range.lo && b <= sc->b_range.hi;
  place at = seen_at (ps, "start");

  if (sc->sim.net.layers > 0 || (in_w && in_b) || !intact (ps, deps))
    return;
  if (at.line == 0)
    at = seen_at (ps, in_w ? "b-range" : "w-range");
  else
    at = ps->start_at;
  warn_at (ps, at, "start %g %g%s lies outside the landscape (w-range "
           "[%g, %g], b-range [%g, %g]): the figure does not show where the "
           "ball starts", w, b, seen_at (ps, "start").line == 0
           ? " (the default)" : "", sc->w_range.lo, sc->w_range.hi,
           sc->b_range.lo, sc->b_range.hi);
}

/* Keywords of the single neuron in a network scene, and of networks in
 * a single neuron scene: they parse, and change nothing. */
static void
warn_ignored (parser *ps)
{
  static const char *const deps[] = { "network", NULL };
  static const struct {
    const char *name;
    int with_network;
    const char *why;
  } ignored[] = {
    { "start", 1, "it places the single neuron (use 'set' for a "
      "network's parameters)" },
    { "init", 0, "the single neuron starts at 'start'" },
    { "bias", 0, "the single neuron starts at 'start'" },
    { "output", 0, "the single neuron's activation is 'activation'" },
  };
  int net = ps->sc->sim.net.layers > 0;

  if (!intact (ps, deps))
    return;
  for (size_t i = 0; i < sizeof ignored / sizeof ignored[0]; i++)
    {
      place at = seen_at (ps, ignored[i].name);

      if (at.line != 0 && net == ignored[i].with_network)
        warn_at (ps, at, "%s is ignored %s a network: %s", ignored[i].name,
                 net ? "with" : "without", ignored[i].why);
    }
}

/* Bias warming (C10) still on when the run ends, and an autokick (C11)
 * whose patience outlasts the run. */
static void
warn_cures (parser *ps)
{
  static const char *const warming_deps[] = { "warming", "steps", NULL };
  static const char *const autokick_deps[] = { "autokick", "steps", NULL };
  const rs_sim_params *p = &ps->sc->sim;
  const rs_warming *w = &p->warming;
  size_t end = w->start + w->hold + w->anneal;
  place at;

  if (w->gamma0 > 0.0 && end > p->steps && intact (ps, warming_deps))
    warn_at (ps, seen_at (ps, "warming"), "warming ends at step %zu (from "
             "%zu + hold %zu + anneal %zu), after the last step (steps %zu): "
             "the run stops with the biases still shifted", end, w->start,
             w->hold, w->anneal, p->steps);
  if (!(p->autokick.sigma > 0.0) || p->autokick.patience <= p->steps
      || !intact (ps, autokick_deps))
    return;
  at = ps->patience_at.line != 0 ? ps->patience_at
                                 : seen_at (ps, "autokick");
  warn_at (ps, at, "autokick patience %zu is longer than the run (steps "
           "%zu): it never kicks", p->autokick.patience, p->steps);
}

/* Whether the figure has a view of kind k (3-D only, when three_d). */
static int
has_view (const rs_scene *sc, rs_view_kind k, int three_d)
{
  if (sc->n_views == 0)
    return k == RS_VIEW_LANDSCAPE && !three_d;
  for (size_t i = 0; i < sc->n_views; i++)
    if (sc->views[i].kind == k && (!three_d || sc->views[i].three_d))
      return 1;
  return 0;
}

/* A data view of a network of more than two inputs: it draws one or
 * two. */
static void
warn_data_view (parser *ps)
{
  const rs_scene *sc = ps->sc;
  size_t in = sc->sim.net.layers > 0 ? sc->sim.net.sizes[0] : 1;

  for (size_t i = 0; i < sc->n_views && in > 2; i++)
    if (sc->views[i].kind == RS_VIEW_DATA)
      warn_at (ps, ps->view_at[i][0], "view data draws a network of one or "
               "two inputs; this one has %zu: the panel stays empty", in);
}

/* Style for views the figure does not have, and what CSV data ignores. */
static void
warn_style (parser *ps)
{
  static const char *const deps[] = { "view", NULL };
  const rs_scene *sc = ps->sc;
  int maps = has_view (sc, RS_VIEW_LANDSCAPE, 0)
             || has_view (sc, RS_VIEW_BASIN, 0);
  place at;

  if (intact (ps, deps))
    {
      if ((at = seen_at (ps, "camera")).line != 0
          && !has_view (sc, RS_VIEW_LANDSCAPE, 1))
        warn_at (ps, at, "camera is ignored: no view is a 3-D landscape "
                 "(view landscape 3d)");
      if ((at = seen_at (ps, "colormap")).line != 0 && !maps)
        warn_at (ps, at, "colormap is ignored: no view is a landscape or a "
                 "basin map");
      if ((at = seen_at (ps, "colorscale")).line != 0 && !maps)
        warn_at (ps, at, "colorscale is ignored: no view is a landscape");
      if ((at = seen_at (ps, "layout")).line != 0 && view_count (sc) == 1)
        warn_at (ps, at, "layout is ignored: the figure has one view");
    }
  if (sc->data_file[0] == '\0')
    return;
  if ((at = seen_at (ps, "noise")).line != 0)
    warn_at (ps, at, "noise is ignored with data csv: the file's points are "
             "used as they are");
  if ((at = seen_at (ps, "points")).line != 0)
    warn_at (ps, at, "points is ignored with data csv: every row of the "
             "file is a point");
}

/* Two variants that run the same (their lines but the claims the same):
 * most likely a name misspelt on one of its lines. */
static void
warn_variants (parser *ps)
{
  const rs_scene *sc = ps->sc;

  for (size_t j = 1; j < sc->n_variants; j++)
    for (size_t k = 0; k < j; k++)
      if (scene_variant_same_run (sc, k, j))
        {
          warn_at (ps, (place) { sc->variants[j].name_line,
                                 sc->variants[j].name_col },
                   "variant \"%s\" runs the same as variant \"%s\" (the "
                   "same lines but the claims): a name misspelt?",
                   sc->variants[j].name, sc->variants[k].name);
          break;
        }
}

void
warnings (parser *ps)
{
  warn_variants (ps);
  warn_late (ps);
  warn_start_outside (ps);
  warn_ignored (ps);
  warn_cures (ps);
  warn_style (ps);
  warn_data_view (ps);
}
