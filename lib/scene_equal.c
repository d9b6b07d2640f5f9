/* scene_equal.c: when two scenes are the same.
 *
 * Every field the same: doubles bit for bit (-0 is not 0), strings and
 * the used part of each array by value, tables by pointer; the model, the
 * training, the kicks and events, the figure, the paces, the claims and
 * the variants each have a comparison of their own. */
#include <config.h>

#include <string.h>

#include "reluscape/rs_scene.h"
#include "scene_private.h"
#include "scene_print_private.h"

static int
same_sched (const rs_sched *a, const rs_sched *b)
{
  return a->type == b->type && a->every == b->every
         && scene_same (a->gamma, b->gamma) && a->total == b->total
         && scene_same (a->floor, b->floor) && a->warmup == b->warmup;
}

static int
same_net (const rs_net_spec *a, const rs_net_spec *b)
{
  if (a->layers != b->layers || !scene_same (a->kink, b->kink))
    return 0;
  for (size_t l = 0; l <= RS_NET_MAX_LAYERS; l++)
    if (a->sizes[l] != b->sizes[l])
      return 0;
  for (size_t l = 0; l < RS_NET_MAX_LAYERS; l++)
    if (a->act[l] != b->act[l] || !scene_same (a->param[l], b->param[l]))
      return 0;
  return 1;
}

static int
same_kicks (const rs_sim_params *a, const rs_sim_params *b)
{
  if (a->n_kicks != b->n_kicks || !scene_same (a->kick_sigma, b->kick_sigma))
    return 0;
  for (size_t i = 0; i < a->n_kicks; i++)
    {
      const rs_kick *x = &a->kicks[i], *y = &b->kicks[i];

      if (x->step != y->step || !scene_same (x->sigma, y->sigma)
          || x->seed != y->seed || x->target != y->target
          || x->layer != y->layer || x->unit != y->unit)
        return 0;
    }
  return scene_same (a->autokick.sigma, b->autokick.sigma)
         && scene_same (a->autokick.eps, b->autokick.eps)
         && a->autokick.patience == b->autokick.patience
         && a->autokick.target == b->autokick.target;
}

static int
same_events_and_values (const rs_sim_params *a, const rs_sim_params *b)
{
  if (a->n_events != b->n_events || a->n_values != b->n_values)
    return 0;
  for (size_t i = 0; i < a->n_events; i++)
    if (a->events[i].step != b->events[i].step
        || a->events[i].action != b->events[i].action
        || !scene_same (a->events[i].value, b->events[i].value))
      return 0;
  for (size_t i = 0; i < a->n_values; i++)
    if (strcmp (a->values[i].name, b->values[i].name) != 0
        || !scene_same (a->values[i].value, b->values[i].value))
      return 0;
  if (a->n_frozen != b->n_frozen)
    return 0;
  for (size_t i = 0; i < a->n_frozen; i++)
    if (strcmp (a->frozen[i], b->frozen[i]) != 0)
      return 0;
  return 1;
}

/* The data, the network and its start. */
static int
same_model (const rs_sim_params *a, const rs_sim_params *b)
{
  return a->seed == b->seed && a->gen == b->gen
         && a->n_points == b->n_points && scene_same (a->slope, b->slope)
         && scene_same (a->intercept, b->intercept)
         && scene_same (a->noise, b->noise)
         && a->data == b->data && same_net (&a->net, &b->net)
         && a->act == b->act && scene_same (a->alpha, b->alpha)
         && scene_same (a->kink, b->kink) && scene_same (a->w0, b->w0)
         && scene_same (a->b0, b->b0) && a->init == b->init
         && scene_same (a->init_c, b->init_c)
         && scene_same (a->bias0, b->bias0)
         && a->loss == b->loss;
}

/* The training, the cures, the length and the recording. */
static int
same_training (const rs_sim_params *a, const rs_sim_params *b)
{
  const rs_optim_params *p = &a->optim_params, *q = &b->optim_params;

  return a->optim == b->optim && scene_same (p->momentum, q->momentum)
         && scene_same (p->rho, q->rho) && scene_same (p->beta1, q->beta1)
         && scene_same (p->beta2, q->beta2) && scene_same (p->eps, q->eps)
         && scene_same (a->rate, b->rate) && same_sched (&a->sched, &b->sched)
         && a->batch == b->batch && scene_same (a->clip, b->clip)
         && scene_same (a->decay.lambda, b->decay.lambda)
         && a->decay.decoupled == b->decay.decoupled
         && a->decay.biases == b->decay.biases
         && scene_same (a->warming.gamma0, b->warming.gamma0)
         && a->warming.start == b->warming.start
         && a->warming.hold == b->warming.hold
         && a->warming.anneal == b->warming.anneal
         && a->warming.shape == b->warming.shape
         && scene_same (a->temperature, b->temperature)
         && same_sched (&a->temp_sched, &b->temp_sched)
         && a->steps == b->steps && scene_same (a->tol, b->tol)
         && a->record_every == b->record_every
         && a->record_bytes == b->record_bytes;
}

static int
same_interval (rs_interval a, rs_interval b)
{
  return scene_same (a.lo, b.lo) && scene_same (a.hi, b.hi);
}

/* The views, the layout, the style and the export targets. */
static int
same_figure (const rs_scene *a, const rs_scene *b)
{
  const rs_style *s = &a->style, *t = &b->style;

  if (a->n_views != b->n_views || a->n_exports != b->n_exports
      || a->layout != b->layout || a->layout_cols != b->layout_cols
      || a->layout_rows != b->layout_rows || s->dark != t->dark
      || s->colormap != t->colormap || s->linear != t->linear
      || strcmp (s->font, t->font) != 0 || !scene_same (s->font_pt, t->font_pt)
      || !scene_same (s->width, t->width) || !scene_same (s->height, t->height)
      || s->unit != t->unit || !scene_same (s->azimuth, t->azimuth)
      || !scene_same (s->elevation, t->elevation))
    return 0;
  for (size_t i = 0; i < a->n_views; i++)
    {
      const rs_view *v = &a->views[i], *w = &b->views[i];

      if (v->kind != w->kind || v->three_d != w->three_d
          || v->axes != w->axes || strcmp (v->p1, w->p1) != 0
          || strcmp (v->p2, w->p2) != 0 || v->has_range != w->has_range
          || !same_interval (v->u_range, w->u_range)
          || !same_interval (v->v_range, w->v_range) || v->grid != w->grid
          || v->pinned != w->pinned || v->pin_step != w->pin_step
          || v->n_traces != w->n_traces)
        return 0;
      for (size_t k = 0; k < v->n_traces; k++)
        if (strcmp (v->traces[k], w->traces[k]) != 0)
          return 0;
    }
  for (size_t i = 0; i < a->n_exports; i++)
    {
      const rs_export_target *e = &a->exports[i], *f = &b->exports[i];

      if (strcmp (e->path, f->path) != 0 || !scene_same (e->width, f->width)
          || !scene_same (e->height, f->height) || e->unit != f->unit
          || !scene_same (e->dpi, f->dpi) || e->has_at != f->has_at
          || (e->has_at && e->at != f->at))
        return 0;
    }
  return 1;
}

/* The animations' pace lines. */
static int
same_paces (const rs_scene *a, const rs_scene *b)
{
  if (a->n_paces != b->n_paces)
    return 0;
  for (size_t i = 0; i < a->n_paces; i++)
    {
      const rs_pace_line *l = &a->paces[i], *m = &b->paces[i];

      if (l->kind != m->kind || !scene_same (l->value, m->value)
          || l->from != m->from || (l->kind == RS_PACE_SPEED
                                    && l->to != m->to))
        return 0;
    }
  return 1;
}

/* The default moment and the claims. */
static int
same_claims (const rs_scene *a, const rs_scene *b)
{
  if (a->has_show != b->has_show || (a->has_show && a->show != b->show)
      || a->n_expects != b->n_expects)
    return 0;
  for (size_t i = 0; i < a->n_expects; i++)
    if (!rs_expect_equal (&a->expects[i], &b->expects[i]))
      return 0;
  return 1;
}

int
rs_scene_equal (const rs_scene *a, const rs_scene *b)
{
  for (size_t l = 0; l < RS_NET_MAX_LAYERS; l++)
    if (a->layer_act[l].type != b->layer_act[l].type
        || a->layer_act[l].has_param != b->layer_act[l].has_param
        || (a->layer_act[l].has_param
            && !scene_same (a->layer_act[l].param, b->layer_act[l].param)))
      return 0;
  return strcmp (a->title, b->title) == 0
         && strcmp (a->notes, b->notes) == 0
         && strcmp (a->data_file, b->data_file) == 0 && same_figure (a, b)
         && scene_same (a->w_range.lo, b->w_range.lo)
         && scene_same (a->w_range.hi, b->w_range.hi)
         && scene_same (a->b_range.lo, b->b_range.lo)
         && scene_same (a->b_range.hi, b->b_range.hi)
         && scene_same (a->speed, b->speed)
         && a->has_focus == b->has_focus
         && (!a->has_focus || (a->focus.layer == b->focus.layer
                               && a->focus.unit == b->focus.unit))
         && same_model (&a->sim, &b->sim) && same_training (&a->sim, &b->sim)
         && same_kicks (&a->sim, &b->sim)
         && same_events_and_values (&a->sim, &b->sim) && same_claims (a, b)
         && same_paces (a, b)
         && scene_same_variants (a, b);
}
