/* scene_check.c: the validation of a scene once every line is read, so
 * that what `check` accepts, simulate and render run: what several
 * lines set together (the single neuron's activation, the data's
 * inputs against the network's, the names of parameters and units
 * against the network's shape, a grid that holds the views, steps in
 * the run, the claims' quantities), and the checks that the run
 * (rs_sim_alloc) and the figure (a basin map's limits) make when they
 * start, made early.  Each error is reported at the line it concerns. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "reluscape/rs_sim.h"
#include "reluscape/rs_surface.h"
#include "scene_parse_private.h"
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

/* ---- What several lines set together ---- */

/* Without a network the run is the single neuron of the landscape, which
 * draws ReLU and Leaky ReLU only. */
static int
check_neuron (parser *ps)
{
  const rs_act_type *act = ps->sc->sim.act;

  if (ps->sc->sim.net.layers > 0 || act == rs_act_relu
      || act == rs_act_leaky_relu)
    return RS_OK;
  return fail_at (ps, ps->hidden.at, RS_EINVAL, "the single neuron's "
                  "landscape needs relu or leaky_relu; use 'network' for "
                  "other activations");
}

/* Each 'layer' line names a layer of the network. */
static int
check_layers (parser *ps)
{
  const rs_net_spec *net = &ps->sc->sim.net;
  int rc = RS_OK;

  for (size_t l = 0; l < RS_NET_MAX_LAYERS; l++)
    {
      if (ps->sc->layer_act[l].type == NULL || l < net->layers)
        continue;
      if (net->layers == 0)
        rc = fail_at (ps, ps->layer_at[l], RS_EINVAL, "layer %zu: 'layer' "
                      "sets a network's layer, and there is no network "
                      "(the single neuron takes 'activation')", l + 1);
      else
        rc = fail_at (ps, ps->layer_at[l], RS_EINVAL, "layer %zu: the "
                      "network has layers 1 to %zu", l + 1, net->layers);
    }
  return rc;
}

/* The data's inputs per point are the network's inputs. */
static int
check_inputs (parser *ps)
{
  const rs_sim_params *p = &ps->sc->sim;
  const char *data = p->gen != NULL ? p->gen->name : "line";
  size_t dim = p->gen != NULL ? p->gen->dim : 1;
  size_t inputs = p->net.layers > 0 ? p->net.sizes[0] : 1;

  if (dim == inputs)
    return RS_OK;
  if (p->net.layers == 0)
    return fail_at (ps, ps->data_at, RS_EINVAL, "data %s has %zu inputs per "
                    "point; the single neuron takes 1 (use 'network %zu "
                    "...')", data, dim, dim);
  return fail_at (ps, ps->net_at, RS_EINVAL, "the network takes %zu input%s "
                  "per point, but data %s has %zu", inputs,
                  inputs == 1 ? "" : "s", data, dim);
}

/* Whether p's one frozen name or pattern matches a parameter of net. */
static int
freeze_matches (const rs_net *net, const rs_sim_params *p)
{
  unsigned char *mask = malloc (rs_net_nparams (net));
  int ok = mask != NULL && rs_sim_freeze_mask (net, p, mask, NULL) == RS_OK;

  free (mask);
  return ok;
}

/* Each name or pattern of 'freeze' matches a parameter of net. */
static int
check_frozen (parser *ps, const rs_net *net)
{
  const rs_sim_params *p = &ps->sc->sim;
  int rc = RS_OK;

  for (size_t f = 0; f < p->n_frozen; f++)
    {
      rs_sim_params one = *p;

      one.n_frozen = 1;
      memcpy (one.frozen[0], p->frozen[f], sizeof one.frozen[0]);
      if (!freeze_matches (net, &one))
        rc = fail_at (ps, ps->freeze_at[f], RS_EINVAL, "freeze %s: no "
                      "parameter of the network is called so (they are "
                      "W1[0][0] to W%zu[%zu][%zu] and b1[0] to b%zu[%zu])",
                      p->frozen[f], rs_net_layers (net),
                      rs_net_units (net, rs_net_layers (net)) - 1,
                      rs_net_units (net, rs_net_layers (net) - 1) - 1,
                      rs_net_layers (net),
                      rs_net_units (net, rs_net_layers (net)) - 1);
    }
  return rc;
}

/* The parameters each view traces or is over are net's. */
static int
check_view_names (parser *ps, const rs_net *net)
{
  rs_error e;
  size_t index;
  int rc = RS_OK;

  for (size_t k = 0; k < ps->sc->n_views; k++)
    {
      const rs_view *v = &ps->sc->views[k];

      for (size_t t = 0; t < v->n_traces; t++)
        if (strcmp (v->traces[t], "gamma") != 0
            && strcmp (v->traces[t], "rate") != 0
            && rs_net_param_lookup (net, v->traces[t], &index, &e) != RS_OK)
          rc = fail_at (ps, ps->trace_at[k][t], e.code, "%s", e.message);
      if (v->axes != RS_AXES_PARAMS)
        continue;
      if (rs_net_param_lookup (net, v->p1, &index, &e) != RS_OK)
        rc = fail_at (ps, ps->view_at[k][1], e.code, "%s", e.message);
      if (rs_net_param_lookup (net, v->p2, &index, &e) != RS_OK)
        rc = fail_at (ps, ps->p2_at[k], e.code, "%s", e.message);
    }
  return rc;
}

/* Every 'set' names a parameter of the network, every 'freeze' some,
 * every kick of one unit a unit of it, every view parameters of it; the
 * messages are the network's own.  The code of the last error, or
 * RS_OK. */
static int
check_names (parser *ps, const rs_net *net)
{
  const rs_sim_params *p = &ps->sc->sim;
  rs_error e;
  size_t index;
  int rc = RS_OK, r;

  for (size_t i = 0; i < p->n_values; i++)
    if (rs_net_param_lookup (net, p->values[i].name, &index, &e) != RS_OK)
      rc = fail_at (ps, ps->value_at[i], e.code, "%s", e.message);
  if ((r = check_frozen (ps, net)) != RS_OK)
    rc = r;
  for (size_t i = 0; i < p->n_kicks; i++)
    {
      const rs_kick *k = &p->kicks[i];
      rs_kick_spec ks = { k->target, k->layer, k->unit, k->sigma };

      if (rs_kick_check (&ks, net, &e) != RS_OK)
        rc = fail_at (ps, ps->kick_unit[i], e.code, "%s", e.message);
    }
  if ((r = check_view_names (ps, net)) != RS_OK)
    rc = r;
  return rc;
}

/* check_names on a network of the scene's shape, built when a name or
 * a unit needs it. */
static int
check_shape (parser *ps)
{
  const rs_sim_params *p = &ps->sc->sim;
  place top = { 1, 1 };
  int need = p->n_values > 0 || p->n_frozen > 0, rc;
  rs_net_spec spec;
  rs_net *net;
  rs_error e;

  for (size_t i = 0; i < p->n_kicks; i++)
    if (p->kicks[i].target == RS_KICK_UNIT)
      need = 1;
  for (size_t k = 0; k < ps->sc->n_views; k++)
    if (ps->sc->views[k].axes == RS_AXES_PARAMS
        || ps->sc->views[k].n_traces > 0)
      need = 1;
  if (!need)
    return RS_OK;
  scene_shape (p, &spec);
  if ((net = rs_net_alloc (&spec, &e)) == NULL)
    return fail_at (ps, top, e.code, "%s", e.message);
  rc = check_names (ps, net);
  rs_net_free (net);
  return rc;
}

/* 'focus' names a hidden unit of the network. */
static int
check_focus (parser *ps)
{
  const rs_scene *sc = ps->sc;
  const rs_net_spec *net = &sc->sim.net;
  size_t l = sc->focus.layer, j = sc->focus.unit;

  if (!sc->has_focus)
    return RS_OK;
  if (net->layers == 0)
    return fail_at (ps, ps->focus_at, RS_EINVAL, "focus picks a hidden unit "
                    "of a network, and there is no network (the single "
                    "neuron's landscape is over its w and b)");
  if (l >= net->layers)
    return fail_at (ps, ps->focus_at, RS_EINVAL, "focus %zu %zu: the "
                    "network's hidden units are in layer%s%zu", l, j,
                    net->layers == 2 ? " " : "s 1 to ", net->layers - 1);
  if (j >= net->sizes[l])
    return fail_at (ps, ps->focus_at, RS_EINVAL, "focus %zu %zu: layer %zu "
                    "has units 0 to %zu", l, j, l, net->sizes[l] - 1);
  return RS_OK;
}

/* How many views the figure has: those given, or the 3 defaults
 * (landscape, activation or network, timeline). */
size_t
view_count (const rs_scene *sc)
{
  return sc->n_views > 0 ? sc->n_views : 3;
}

/* A grid layout holds every view. */
static int
check_layout (parser *ps)
{
  const rs_scene *sc = ps->sc;
  size_t cells = (size_t) (sc->layout_cols * sc->layout_rows);

  if (sc->layout != RS_LAYOUT_GRID || cells >= view_count (sc))
    return RS_OK;
  return fail_at (ps, ps->layout_at, RS_EINVAL, "grid %dx%d holds %zu "
                  "view%s, but the scene has %zu%s", sc->layout_cols,
                  sc->layout_rows, cells, cells == 1 ? "" : "s",
                  view_count (sc), sc->n_views > 0 ? "" : " (the defaults)");
}

/* The checks the run and the figure make when they start
 * (scene_check_run), reported at the line they concern. */
static int
check_run (parser *ps)
{
  scene_culprit who;
  size_t view = 0;
  rs_error e;
  place at = { 1, 1 };

  if (scene_check_run (ps->sc, &who, &view, &e) == RS_OK)
    return RS_OK;
  if (who == SCENE_AT_VIEW)
    at = ps->view_at[view][0];
  else if (who == SCENE_AT_STEPS)
    at = seen_at (ps, "steps");
  else if (who == SCENE_AT_LOSS)
    at = seen_at (ps, "loss").line != 0 ? seen_at (ps, "loss") : ps->net_at;
  if (at.line == 0)
    at = (place) { 1, 1 };
  return fail_at (ps, at, e.code, "%s", e.message);
}

/* A landscape pinned to a step of the run: a step the run takes. */
static void
check_pins (parser *ps)
{
  const rs_scene *sc = ps->sc;

  for (size_t k = 0; k < sc->n_views; k++)
    if (sc->views[k].pinned && sc->views[k].pin_step > sc->sim.steps)
      fail_at (ps, ps->view_at[k][2], RS_EINVAL, "a landscape pinned at "
               "step %zu, but the run has steps 0 to %zu",
               sc->views[k].pin_step, sc->sim.steps);
}

/* A step of a claim, 'show' or an export past the run's last step. */
static void
check_step (parser *ps, size_t step, place at, const char *what)
{
  size_t last = ps->sc->sim.steps;

  if (step != RS_EXPECT_END && step > last)
    fail_at (ps, at, RS_EINVAL, "%s %zu is past the run's last step (steps "
             "%zu)", what, step, last);
}

/* What claim k needs of the network: a network, labels, its names. */
static void
check_claim_fits (parser *ps, size_t k, const rs_net *net)
{
  const rs_expect *e = &ps->sc->expects[k];
  const rs_sim_params *p = &ps->sc->sim;
  place at = ps->expect_at[k][1];
  size_t index, top = p->net.layers > 0 ? p->net.layers : 1;
  rs_error err;

  if (e->q->needs_network && p->net.layers == 0)
    fail_at (ps, at, RS_EINVAL, "'%s' needs a network ('network'); this "
             "scene is the single neuron", e->q->name);
  else if (e->q->needs_labels && !p->loss->labels
           && p->loss != rs_loss_sigmoid_bce)
    fail_at (ps, at, RS_EINVAL, "'%s' needs a classification loss "
             "(softmax_ce, relu_norm_ce, sigmoid_bce), not %s", e->q->name,
             p->loss->name);
  else if (e->q->arg == RS_EXPECT_ARG_PARAM
           && rs_net_param_lookup (net, e->name, &index, &err) != RS_OK)
    fail_at (ps, at, err.code, "%s", err.message);
  else if (e->q->arg == RS_EXPECT_ARG_UNIT
           && (e->layer >= top || e->unit >= rs_net_units (net, e->layer))
           && !(top == 1 && e->layer == 1 && e->unit == 0))
    fail_at (ps, at, RS_EINVAL, "alive%zu[%zu]: the units that can die are "
             "those of layers 1 to %zu", e->layer, e->unit,
             top > 1 ? top - 1 : 1);
  else if ((e->q->arg == RS_EXPECT_ARG_LAYER
            || e->q->arg == RS_EXPECT_ARG_ACT) && e->layer > top)
    fail_at (ps, at, RS_EINVAL, "layer %zu: the network has layers 1 to %zu",
             e->layer, top);
}

/* The steps of 'show', of the pace lines and of the exports in the
 * run. */
static void
check_moments (parser *ps)
{
  const rs_scene *sc = ps->sc;

  if (sc->has_show)
    check_step (ps, sc->show, ps->show_at, "show");
  for (size_t i = 0; i < sc->n_paces; i++)
    {
      check_step (ps, sc->paces[i].from, ps->pace_at[i][0], "pace step");
      if (sc->paces[i].kind == RS_PACE_SPEED)
        check_step (ps, sc->paces[i].to, ps->pace_at[i][1], "pace step");
    }
  for (size_t i = 0; i < sc->n_exports; i++)
    if (sc->exports[i].has_at)
      check_step (ps, sc->exports[i].at, ps->export_step_at[i], "at");
}

/* Every claim's steps in the run, its quantity fits the network; 'show'
 * and the exports' steps in the run. */
static void
check_claims (parser *ps)
{
  const rs_scene *sc = ps->sc;
  rs_net_spec spec;
  rs_net *net;
  rs_error err;

  check_moments (ps);
  if (sc->n_expects == 0)
    return;
  scene_shape (&sc->sim, &spec);
  if ((net = rs_net_alloc (&spec, &err)) == NULL)
    {
      fail_at (ps, ps->expect_at[0][0], err.code, "%s", err.message);
      return;
    }
  for (size_t k = 0; k < sc->n_expects; k++)
    {
      const rs_expect *e = &sc->expects[k];

      if (e->when != RS_EXPECT_DEPTH)
        check_step (ps, e->when == RS_EXPECT_SPAN ? e->to : e->from,
                    ps->expect_at[k][0], "step");
      check_claim_fits (ps, k, net);
    }
  rs_net_free (net);
}

/* Each variant's lines over the whole scene, checked as the scene's own
 * (rs_scene_variant): an error names the variant's line. */
static void
check_variants (parser *ps)
{
  rs_scene *v;
  rs_error e;

  if (ps->sc->n_variants == 0)
    return;
  if ((v = malloc (sizeof *v)) == NULL)
    {
      fail_at (ps, (place) { 1, 1 }, RS_ENOMEM, "out of memory");
      return;
    }
  for (size_t k = 0; k < ps->sc->n_variants && !ps->stopped; k++)
    if (rs_scene_variant (ps->sc, k, ps->name, v, &e) != RS_OK)
      fail_at (ps, (place) { e.line, e.col }, e.code, "%s", e.message);
  free (v);
}

/* What depends on several lines, once they all parsed (a line with an
 * error leaves its values half read, and what they meet would be
 * reported wrongly): the run's own checks and the variants' come last,
 * when the rest holds. */
void
check_lines (parser *ps)
{
  check_neuron (ps);
  check_layers (ps);
  if (ps->sc->data_file[0] == '\0')
    check_inputs (ps);
  check_shape (ps);
  check_focus (ps);
  check_layout (ps);
  check_pins (ps);
  check_claims (ps);
  if (ps->n_errors == 0)
    check_run (ps);
  if (ps->n_errors == 0)
    check_variants (ps);
}
