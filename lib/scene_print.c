/* scene_print.c: a scene back to text, and when two scenes are the same.
 *
 * The text is the canonical form of the scene: a line for each keyword
 * that differs from the default, in the order of the keyword table, so
 * that text -> scene -> text is a fixed point and scene -> text -> scene
 * gives the scene back (a property of the language, tested over every
 * keyword). */
#include <config.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reluscape/rs_scene.h"
#include "scene_private.h"

/* The text being written: snprintf's contract over many calls (len
 * counts every byte, those past the buffer too). */
typedef struct {
  char *buf;
  size_t n;
  size_t len;
} out;

static void put (out *o, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));

static void
put (out *o, const char *fmt, ...)
{
  char *dst = o->len < o->n ? o->buf + o->len : NULL;
  size_t room = o->len < o->n ? o->n - o->len : 0;
  va_list ap;
  int k;

  va_start (ap, fmt);
  k = vsnprintf (dst, room, fmt, ap);
  va_end (ap);
  if (k > 0)
    o->len += (size_t) k;
}

/* Whether two doubles are the same bits: -0 is not 0 (it prints as -0
 * and reads back as -0). */
static int
same (double a, double b)
{
  return memcmp (&a, &b, sizeof a) == 0;
}

/* before, then x in the fewest significant digits that strtod reads back
 * as x (the language's numbers are strtod's); a whole number below 1e15
 * in plain digits (300, not 3e+02), as sizes must be written. */
static void
put_num (out *o, const char *before, double x)
{
  char buf[40];

  if (x == floor (x) && fabs (x) < 1e15 && !(x == 0.0 && signbit (x)))
    {
      put (o, "%s%.0f", before, x);
      return;
    }
  for (int digits = 1; digits <= 17; digits++)
    {
      snprintf (buf, sizeof buf, "%.*g", digits, x);
      if (same (strtod (buf, NULL), x))
        break;
    }
  put (o, "%s%s", before, buf);
}

/* ---- One printer per keyword, each writing its line when it differs
 * from the default d ---- */

/* before, then str quoted, with \" and \\ escaped. */
static void
put_string (out *o, const char *before, const char *str)
{
  put (o, "%s\"", before);
  for (const char *s = str; *s != '\0'; s++)
    put (o, *s == '"' || *s == '\\' ? "\\%c" : "%c", *s);
  put (o, "\"");
}

static void
print_title (out *o, const rs_scene *sc, const rs_scene *d)
{
  if (strcmp (sc->title, d->title) == 0)
    return;
  put_string (o, "title ", sc->title);
  put (o, "\n");
}

/* One line per paragraph. */
static void
print_notes (out *o, const rs_scene *sc, const rs_scene *d)
{
  char para[sizeof sc->notes];
  const char *p = sc->notes;

  (void) d;
  while (*p != '\0')
    {
      size_t k = strcspn (p, "\n");

      snprintf (para, sizeof para, "%.*s", (int) k, p);
      put_string (o, "notes ", para);
      put (o, "\n");
      p += k + (p[k] == '\n');
    }
}

static void
print_seed (out *o, const rs_scene *sc, const rs_scene *d)
{
  if (sc->sim.seed != d->sim.seed)
    put (o, "seed %lu\n", sc->sim.seed);
}

/* The line data is no generator (gen NULL), the default. */
static void
print_data (out *o, const rs_scene *sc, const rs_scene *d)
{
  (void) d;
  if (sc->data_file[0] != '\0')
    {
      put_string (o, "data csv ", sc->data_file);
      put (o, "\n");
    }
  else if (sc->sim.gen != NULL)
    put (o, "data %s\n", sc->sim.gen->name);
}

static void
print_points (out *o, const rs_scene *sc, const rs_scene *d)
{
  if (sc->sim.n_points != d->sim.n_points)
    put (o, "points %zu\n", sc->sim.n_points);
}

/* Only the line data has a slope and an intercept. */
static void
print_line (out *o, const rs_scene *sc, const rs_scene *d)
{
  if (sc->sim.gen != NULL || (same (sc->sim.slope, d->sim.slope)
                              && same (sc->sim.intercept, d->sim.intercept)))
    return;
  put (o, "line");
  put_num (o, " ", sc->sim.slope);
  put_num (o, " ", sc->sim.intercept);
  put (o, "\n");
}

static void
print_noise (out *o, const rs_scene *sc, const rs_scene *d)
{
  if (same (sc->sim.noise, d->sim.noise))
    return;
  put (o, "noise");
  put_num (o, " ", sc->sim.noise);
  put (o, "\n");
}

static void
print_network (out *o, const rs_scene *sc, const rs_scene *d)
{
  const rs_net_spec *net = &sc->sim.net;

  (void) d;
  if (net->layers == 0)
    return;
  put (o, "network");
  for (size_t l = 0; l <= net->layers; l++)
    put (o, " %zu", net->sizes[l]);
  put (o, "\n");
}

/* An activation's line: its family, and the parameter layer l (0-based)
 * of the network has when it is not the family's default (Leaky ReLU's
 * is 'alpha'). */
static void
put_act (out *o, const char *kw, const rs_act_type *t,
         const rs_net_spec *net, size_t l)
{
  put (o, "%s %s", kw, t->name);
  if (t->param_name != NULL && t != rs_act_leaky_relu && l < net->layers
      && net->act[l] == t && !same (net->param[l], t->param_default))
    put_num (o, " ", net->param[l]);
  put (o, "\n");
}

/* The hidden layers' activation, or the single neuron's; its parameter
 * lives in the first hidden layer when there is one. */
static void
print_activation (out *o, const rs_scene *sc, const rs_scene *d)
{
  const rs_net_spec *net = &sc->sim.net;

  size_t h = 0;

  /* the parameter lives in the first hidden layer of no 'layer' line */
  while (h + 1 < net->layers && sc->layer_act[h].type != NULL)
    h++;
  if (h + 1 >= net->layers)
    h = net->layers;
  if (sc->sim.act == d->sim.act && (h == net->layers || net->act[h] == NULL
                                    || net->act[h]->param_name == NULL
                                    || same (net->param[h],
                                             net->act[h]->param_default)))
    return;
  put_act (o, "activation", sc->sim.act, net, h);
}

/* Each layer's own activation, as its line gave it. */
static void
print_layer (out *o, const rs_scene *sc, const rs_scene *d)
{
  (void) d;
  for (size_t l = 0; l < RS_NET_MAX_LAYERS; l++)
    {
      const rs_layer_act *la = &sc->layer_act[l];

      if (la->type == NULL)
        continue;
      put (o, "layer %zu %s", l + 1, la->type->name);
      if (la->has_param)
        put_num (o, " ", la->param);
      put (o, "\n");
    }
}

static void
print_alpha (out *o, const rs_scene *sc, const rs_scene *d)
{
  if (same (sc->sim.alpha, d->sim.alpha))
    return;
  put (o, "alpha");
  put_num (o, " ", sc->sim.alpha);
  put (o, "\n");
}

/* The last layer's activation; identity, with no parameter, is the
 * default. */
static void
print_output (out *o, const rs_scene *sc, const rs_scene *d)
{
  const rs_net_spec *net = &sc->sim.net;
  size_t l;

  (void) d;
  if (net->layers == 0 || sc->layer_act[net->layers - 1].type != NULL)
    return;   /* the last layer's own line says it */
  l = net->layers - 1;
  if (net->act[l] == NULL || (net->act[l] == rs_act_identity
                              && same (net->param[l],
                                       rs_act_identity->param_default)))
    return;
  put_act (o, "output", net->act[l], net, l);
}

static void
print_kink (out *o, const rs_scene *sc, const rs_scene *d)
{
  if (same (sc->sim.kink, d->sim.kink))
    return;
  put (o, "kink");
  put_num (o, " ", sc->sim.kink);
  put (o, "\n");
}

static void
print_init (out *o, const rs_scene *sc, const rs_scene *d)
{
  if (sc->sim.init == d->sim.init && same (sc->sim.init_c, d->sim.init_c))
    return;
  put (o, "init %s", sc->sim.init->name);
  if (!same (sc->sim.init_c, d->sim.init_c))
    put_num (o, " ", sc->sim.init_c);
  put (o, "\n");
}

static void
print_bias (out *o, const rs_scene *sc, const rs_scene *d)
{
  if (same (sc->sim.bias0, d->sim.bias0))
    return;
  put (o, "bias");
  put_num (o, " ", sc->sim.bias0);
  put (o, "\n");
}

/* One 'freeze' line with every name, as given. */
static void
print_freeze (out *o, const rs_scene *sc, const rs_scene *d)
{
  (void) d;
  if (sc->sim.n_frozen == 0)
    return;
  put (o, "freeze");
  for (size_t i = 0; i < sc->sim.n_frozen; i++)
    put (o, " %s", sc->sim.frozen[i]);
  put (o, "\n");
}

static void
print_set (out *o, const rs_scene *sc, const rs_scene *d)
{
  (void) d;
  for (size_t i = 0; i < sc->sim.n_values; i++)
    {
      put (o, "set %s", sc->sim.values[i].name);
      put_num (o, " ", sc->sim.values[i].value);
      put (o, "\n");
    }
}

static void
print_start (out *o, const rs_scene *sc, const rs_scene *d)
{
  if (same (sc->sim.w0, d->sim.w0) && same (sc->sim.b0, d->sim.b0))
    return;
  put (o, "start");
  put_num (o, " ", sc->sim.w0);
  put_num (o, " ", sc->sim.b0);
  put (o, "\n");
}

static void
print_loss (out *o, const rs_scene *sc, const rs_scene *d)
{
  if (sc->sim.loss != d->sim.loss)
    put (o, "loss %s\n", sc->sim.loss->name);
}

/* The optimiser and the constants that differ from the defaults (only
 * those it reads can: the others are errors in the language). */
static void
print_optimizer (out *o, const rs_scene *sc, const rs_scene *d)
{
  const rs_optim_params *p = &sc->sim.optim_params;
  const rs_optim_params *q = &d->sim.optim_params;

  if (sc->sim.optim == d->sim.optim && same (p->momentum, q->momentum)
      && same (p->rho, q->rho) && same (p->beta1, q->beta1)
      && same (p->beta2, q->beta2) && same (p->eps, q->eps))
    return;
  put (o, "optimizer %s", sc->sim.optim->name);
  if (!same (p->momentum, q->momentum))
    {
      put (o, " momentum");
      put_num (o, " ", p->momentum);
    }
  if (!same (p->rho, q->rho))
    {
      put (o, " rho");
      put_num (o, " ", p->rho);
    }
  if (!same (p->beta1, q->beta1) || !same (p->beta2, q->beta2))
    {
      put (o, " betas");
      put_num (o, " ", p->beta1);
      put_num (o, " ", p->beta2);
    }
  if (!same (p->eps, q->eps))
    {
      put (o, " eps");
      put_num (o, " ", p->eps);
    }
  put (o, "\n");
}

static void
print_rate (out *o, const rs_scene *sc, const rs_scene *d)
{
  if (same (sc->sim.rate, d->sim.rate))
    return;
  put (o, "rate");
  put_num (o, " ", sc->sim.rate);
  put (o, "\n");
}

/* The schedule's own fields; the warm-up is a keyword of its own. */
static void
print_schedule (out *o, const rs_scene *sc, const rs_scene *d)
{
  const rs_sched *s = &sc->sim.sched;

  if (s->type == d->sim.sched.type)
    return;
  put (o, "schedule %s", s->type->name);
  if (s->type == rs_sched_step)
    {
      put (o, " %zu", s->every);
      put_num (o, " ", s->gamma);
    }
  else if (s->type == rs_sched_cosine || s->type == rs_sched_linear)
    {
      put (o, " %zu", s->total);
      if (!same (s->floor, d->sim.sched.floor))
        put_num (o, " ", s->floor);
    }
  put (o, "\n");
}

static void
print_warmup (out *o, const rs_scene *sc, const rs_scene *d)
{
  if (sc->sim.sched.warmup != d->sim.sched.warmup)
    put (o, "warmup %zu\n", sc->sim.sched.warmup);
}

static void
print_batch (out *o, const rs_scene *sc, const rs_scene *d)
{
  if (sc->sim.batch != d->sim.batch)
    put (o, "batch %zu\n", sc->sim.batch);
}

static void
print_clip (out *o, const rs_scene *sc, const rs_scene *d)
{
  if (same (sc->sim.clip, d->sim.clip))
    return;
  put (o, "clip");
  put_num (o, " ", sc->sim.clip);
  put (o, "\n");
}

static void
print_decay (out *o, const rs_scene *sc, const rs_scene *d)
{
  const rs_decay *y = &sc->sim.decay;

  if (same (y->lambda, d->sim.decay.lambda) && y->decoupled == 0
      && y->biases == 0)
    return;
  put (o, "decay");
  put_num (o, " ", y->lambda);
  put (o, "%s%s\n", y->decoupled ? " decoupled" : "",
       y->biases ? " biases" : "");
}

static void
print_warming (out *o, const rs_scene *sc, const rs_scene *d)
{
  const rs_warming *w = &sc->sim.warming;

  if (same (w->gamma0, d->sim.warming.gamma0))
    return;
  put (o, "warming");
  put_num (o, " ", w->gamma0);
  put (o, " hold %zu anneal %zu", w->hold, w->anneal);
  if (w->shape == RS_WARM_COSINE)
    put (o, " cosine");
  if (w->start != 0)
    put (o, " from %zu", w->start);
  put (o, "\n");
}

static void
print_temperature (out *o, const rs_scene *sc, const rs_scene *d)
{
  const rs_sched *s = &sc->sim.temp_sched;

  if (same (sc->sim.temperature, d->sim.temperature)
      && s->type == d->sim.temp_sched.type)
    return;
  put (o, "temperature");
  put_num (o, " ", sc->sim.temperature);
  if (s->type != d->sim.temp_sched.type)
    put (o, " %s %zu", s->type->name, s->total);
  put (o, "\n");
}

static void
print_steps (out *o, const rs_scene *sc, const rs_scene *d)
{
  if (sc->sim.steps != d->sim.steps)
    put (o, "steps %zu\n", sc->sim.steps);
}

static void
print_tolerance (out *o, const rs_scene *sc, const rs_scene *d)
{
  if (same (sc->sim.tol, d->sim.tol))
    return;
  put (o, "tolerance");
  put_num (o, " ", sc->sim.tol);
  put (o, "\n");
}

static void
print_record (out *o, const rs_scene *sc, const rs_scene *d)
{
  if (sc->sim.record_every != d->sim.record_every)
    put (o, "record every %zu\n", sc->sim.record_every);
}

static void
put_range (out *o, const char *kw, rs_interval r, rs_interval def)
{
  if (same (r.lo, def.lo) && same (r.hi, def.hi))
    return;
  put (o, "%s [", kw);
  put_num (o, "", r.lo);
  put_num (o, ", ", r.hi);
  put (o, "]\n");
}

static void
print_w_range (out *o, const rs_scene *sc, const rs_scene *d)
{
  put_range (o, "w-range", sc->w_range, d->w_range);
}

static void
print_b_range (out *o, const rs_scene *sc, const rs_scene *d)
{
  put_range (o, "b-range", sc->b_range, d->b_range);
}

/* A kick's target, after its other values ("all" is the default). */
static void
put_target (out *o, rs_kick_target t, size_t layer, size_t unit)
{
  if (t == RS_KICK_WEIGHTS)
    put (o, " weights");
  else if (t == RS_KICK_BIASES)
    put (o, " biases");
  else if (t == RS_KICK_UNIT)
    put (o, " unit %zu %zu", layer, unit);
}

/* Each kick; its seed only when it is not the one a kick without a seed
 * gets (the scene's seed + 1000 + its index). */
static void
print_kick (out *o, const rs_scene *sc, const rs_scene *d)
{
  (void) d;
  for (size_t i = 0; i < sc->sim.n_kicks; i++)
    {
      const rs_kick *k = &sc->sim.kicks[i];

      put (o, "kick at %zu sigma", k->step);
      put_num (o, " ", k->sigma);
      if (k->seed != sc->sim.seed + 1000 + i)
        put (o, " seed %lu", k->seed);
      put_target (o, k->target, k->layer, k->unit);
      put (o, "\n");
    }
}

static void
print_autokick (out *o, const rs_scene *sc, const rs_scene *d)
{
  const rs_sim_autokick *a = &sc->sim.autokick, *b = &d->sim.autokick;

  if (same (a->sigma, b->sigma))
    return;
  put (o, "autokick sigma");
  put_num (o, " ", a->sigma);
  if (!same (a->eps, b->eps))
    {
      put (o, " eps");
      put_num (o, " ", a->eps);
    }
  if (a->patience != b->patience)
    put (o, " patience %zu", a->patience);
  put_target (o, a->target, 0, 0);
  put (o, "\n");
}

static void
print_at (out *o, const rs_scene *sc, const rs_scene *d)
{
  (void) d;
  for (size_t i = 0; i < sc->sim.n_events; i++)
    {
      const rs_sim_event *e = &sc->sim.events[i];

      put (o, "at %zu", e->step);
      if (e->action == RS_SIM_SET_ALPHA)
        put (o, " alpha");
      else if (e->action == RS_SIM_SET_RATE)
        put (o, " rate");
      else
        put (o, " beat");
      if (e->action != RS_SIM_BEAT)
        put_num (o, " ", e->value);
      put (o, "\n");
    }
}

static void
print_kick_sigma (out *o, const rs_scene *sc, const rs_scene *d)
{
  if (same (sc->sim.kick_sigma, d->sim.kick_sigma))
    return;
  put (o, "kick-sigma");
  put_num (o, " ", sc->sim.kick_sigma);
  put (o, "\n");
}

static void
print_speed (out *o, const rs_scene *sc, const rs_scene *d)
{
  if (same (sc->speed, d->speed))
    return;
  put (o, "speed");
  put_num (o, " ", sc->speed);
  put (o, "\n");
}

static void
print_focus (out *o, const rs_scene *sc, const rs_scene *d)
{
  (void) d;
  if (sc->has_focus)
    put (o, "focus %zu %zu\n", sc->focus.layer, sc->focus.unit);
}

/* ---- The figure ---- */

static void
put_interval (out *o, rs_interval r)
{
  put_num (o, " [", r.lo);
  put_num (o, ", ", r.hi);
  put (o, "]");
}

static void
put_size (out *o, const char *before, double w, double h, rs_unit u)
{
  put_num (o, before, w);
  put_num (o, "x", h);
  if (u != RS_UNIT_PX)
    put (o, " %s", rs_unit_name (u));
}

static void
print_view (out *o, const rs_scene *sc, const rs_scene *d)
{
  static const char *const axes[] = { "", " over", " random", " pca" };

  (void) d;
  for (size_t i = 0; i < sc->n_views; i++)
    {
      const rs_view *v = &sc->views[i];

      put (o, "view %s", rs_view_kind_name (v->kind));
      if (v->three_d)
        put (o, " 3d");
      if (v->axes <= RS_AXES_PCA)
        put (o, "%s", axes[v->axes]);
      if (v->axes == RS_AXES_PARAMS)
        put (o, " %s %s", v->p1, v->p2);
      if (v->has_range)
        {
          put (o, " range");
          put_interval (o, v->u_range);
          put_interval (o, v->v_range);
        }
      if (v->grid > 0)
        put (o, " grid %zu", v->grid);
      if (v->pinned)
        put (o, " at %zu", v->pin_step);
      for (size_t t = 0; t < v->n_traces; t++)
        put (o, " %s", v->traces[t]);
      put (o, "\n");
    }
}

static void
print_layout (out *o, const rs_scene *sc, const rs_scene *d)
{
  if (sc->layout == d->layout)
    return;
  put (o, "layout %s", rs_layout_name (sc->layout));
  if (sc->layout == RS_LAYOUT_GRID)
    put (o, " %dx%d", sc->layout_cols, sc->layout_rows);
  put (o, "\n");
}

static void
print_theme (out *o, const rs_scene *sc, const rs_scene *d)
{
  if (sc->style.dark != d->style.dark)
    put (o, "theme %s\n", sc->style.dark ? "dark" : "light");
}

static void
print_colormap (out *o, const rs_scene *sc, const rs_scene *d)
{
  if (sc->style.colormap != d->style.colormap)
    put (o, "colormap %s\n", rs_colormap_name (sc->style.colormap));
}

static void
print_colorscale (out *o, const rs_scene *sc, const rs_scene *d)
{
  if (sc->style.linear != d->style.linear)
    put (o, "colorscale %s\n", sc->style.linear ? "linear" : "log");
}

static void
print_font (out *o, const rs_scene *sc, const rs_scene *d)
{
  if (strcmp (sc->style.font, d->style.font) == 0
      && same (sc->style.font_pt, d->style.font_pt))
    return;
  put_string (o, "font ", sc->style.font);
  put_num (o, " ", sc->style.font_pt);
  put (o, "\n");
}

static void
print_size (out *o, const rs_scene *sc, const rs_scene *d)
{
  const rs_style *st = &sc->style;

  if (same (st->width, d->style.width) && same (st->height, d->style.height)
      && st->unit == d->style.unit)
    return;
  put_size (o, "size ", st->width, st->height, st->unit);
  put (o, "\n");
}

static void
print_camera (out *o, const rs_scene *sc, const rs_scene *d)
{
  if (same (sc->style.azimuth, d->style.azimuth)
      && same (sc->style.elevation, d->style.elevation))
    return;
  put_num (o, "camera ", sc->style.azimuth);
  put_num (o, " ", sc->style.elevation);
  put (o, "\n");
}

static void
print_export (out *o, const rs_scene *sc, const rs_scene *d)
{
  (void) d;
  for (size_t i = 0; i < sc->n_exports; i++)
    {
      const rs_export_target *e = &sc->exports[i];

      put_string (o, "export ", e->path);
      if (e->width > 0)
        put_size (o, " size ", e->width, e->height, e->unit);
      if (!same (e->dpi, 96))
        put_num (o, " dpi ", e->dpi);
      if (e->has_at && e->at == RS_EXPECT_END)
        put (o, " at end");
      else if (e->has_at)
        put (o, " at %zu", e->at);
      put (o, "\n");
    }
}

static void
print_show (out *o, const rs_scene *sc, const rs_scene *d)
{
  (void) d;
  if (sc->has_show && sc->show == RS_EXPECT_END)
    put (o, "show end\n");
  else if (sc->has_show)
    put (o, "show %zu\n", sc->show);
}

/* before, then a step of a pace line: a number, or the word end. */
static void
put_step (out *o, const char *before, size_t step)
{
  if (step == RS_EXPECT_END)
    put (o, "%send", before);
  else
    put (o, "%s%zu", before, step);
}

/* Each pace line, in the order written. */
static void
print_pace (out *o, const rs_scene *sc, const rs_scene *d)
{
  (void) d;
  for (size_t i = 0; i < sc->n_paces; i++)
    {
      const rs_pace_line *l = &sc->paces[i];

      put_num (o, l->kind == RS_PACE_HOLD ? "pace hold " : "pace speed ",
               l->value);
      put_step (o, l->kind == RS_PACE_HOLD ? " at " : " from ", l->from);
      if (l->kind == RS_PACE_SPEED)
        put_step (o, " to ", l->to);
      put (o, "\n");
    }
}

static void
print_expect (out *o, const rs_scene *sc, const rs_scene *d)
{
  char buf[1024];

  (void) d;
  for (size_t i = 0; i < sc->n_expects; i++)
    put (o, "expect %s\n", rs_expect_format (&sc->expects[i], buf,
                                             sizeof buf));
}

/* Each variant's lines, or its name alone (variant.c). */
static void
print_variant (out *o, const rs_scene *sc, const rs_scene *d)
{
  char buf[512];

  (void) d;
  for (size_t k = 0; k < sc->n_variants; k++)
    for (size_t i = 0; i == 0 || i < sc->variants[k].n_lines; i++)
      {
        scene_variant_format (sc, k, i, buf, sizeof buf);
        put (o, "%s\n", buf);
      }
}

typedef void (*printer) (out *o, const rs_scene *sc, const rs_scene *d);

/* The printers by keyword; the order of the lines is the keyword table's,
 * and a keyword without a printer here fails the round-trip test. */
static const struct {
  const char *name;
  printer fn;
} printers[] = {
  { "title", print_title }, { "notes", print_notes },
  { "seed", print_seed }, { "data", print_data },
  { "points", print_points }, { "line", print_line },
  { "noise", print_noise }, { "network", print_network },
  { "activation", print_activation }, { "layer", print_layer },
  { "alpha", print_alpha },
  { "output", print_output }, { "kink", print_kink },
  { "init", print_init }, { "bias", print_bias }, { "set", print_set },
  { "freeze", print_freeze },
  { "start", print_start }, { "loss", print_loss },
  { "optimizer", print_optimizer }, { "rate", print_rate },
  { "schedule", print_schedule }, { "warmup", print_warmup },
  { "batch", print_batch }, { "clip", print_clip },
  { "decay", print_decay }, { "warming", print_warming },
  { "temperature", print_temperature }, { "steps", print_steps },
  { "tolerance", print_tolerance }, { "record", print_record },
  { "w-range", print_w_range }, { "b-range", print_b_range },
  { "kick", print_kick }, { "autokick", print_autokick },
  { "at", print_at }, { "kick-sigma", print_kick_sigma },
  { "speed", print_speed }, { "focus", print_focus },
  { "view", print_view },
  { "layout", print_layout }, { "theme", print_theme },
  { "colormap", print_colormap }, { "colorscale", print_colorscale },
  { "font", print_font }, { "size", print_size },
  { "camera", print_camera }, { "export", print_export },
  { "show", print_show }, { "pace", print_pace },
  { "expect", print_expect }, { "variant", print_variant },
};

static printer
printer_of (const char *name)
{
  for (size_t i = 0; i < sizeof printers / sizeof printers[0]; i++)
    if (strcmp (printers[i].name, name) == 0)
      return printers[i].fn;
  return NULL;
}

size_t
rs_scene_format (const rs_scene *sc, char *buf, size_t n)
{
  out o = { buf, n, 0 };
  const rs_scene_keyword *k;
  rs_scene d;

  if (n > 0)
    buf[0] = '\0';
  rs_scene_default (&d);
  for (size_t i = 0; (k = rs_scene_keyword_get (i)) != NULL; i++)
    {
      printer fn = printer_of (k->name);

      if (fn != NULL)
        fn (&o, sc, &d);
    }
  return o.len;
}

/* ---- Equality ---- */

static int
same_sched (const rs_sched *a, const rs_sched *b)
{
  return a->type == b->type && a->every == b->every
         && same (a->gamma, b->gamma) && a->total == b->total
         && same (a->floor, b->floor) && a->warmup == b->warmup;
}

static int
same_net (const rs_net_spec *a, const rs_net_spec *b)
{
  if (a->layers != b->layers || !same (a->kink, b->kink))
    return 0;
  for (size_t l = 0; l <= RS_NET_MAX_LAYERS; l++)
    if (a->sizes[l] != b->sizes[l])
      return 0;
  for (size_t l = 0; l < RS_NET_MAX_LAYERS; l++)
    if (a->act[l] != b->act[l] || !same (a->param[l], b->param[l]))
      return 0;
  return 1;
}

static int
same_kicks (const rs_sim_params *a, const rs_sim_params *b)
{
  if (a->n_kicks != b->n_kicks || !same (a->kick_sigma, b->kick_sigma))
    return 0;
  for (size_t i = 0; i < a->n_kicks; i++)
    {
      const rs_kick *x = &a->kicks[i], *y = &b->kicks[i];

      if (x->step != y->step || !same (x->sigma, y->sigma)
          || x->seed != y->seed || x->target != y->target
          || x->layer != y->layer || x->unit != y->unit)
        return 0;
    }
  return same (a->autokick.sigma, b->autokick.sigma)
         && same (a->autokick.eps, b->autokick.eps)
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
        || !same (a->events[i].value, b->events[i].value))
      return 0;
  for (size_t i = 0; i < a->n_values; i++)
    if (strcmp (a->values[i].name, b->values[i].name) != 0
        || !same (a->values[i].value, b->values[i].value))
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
         && a->n_points == b->n_points && same (a->slope, b->slope)
         && same (a->intercept, b->intercept) && same (a->noise, b->noise)
         && a->data == b->data && same_net (&a->net, &b->net)
         && a->act == b->act && same (a->alpha, b->alpha)
         && same (a->kink, b->kink) && same (a->w0, b->w0)
         && same (a->b0, b->b0) && a->init == b->init
         && same (a->init_c, b->init_c) && same (a->bias0, b->bias0)
         && a->loss == b->loss;
}

/* The training, the cures, the length and the recording. */
static int
same_training (const rs_sim_params *a, const rs_sim_params *b)
{
  const rs_optim_params *p = &a->optim_params, *q = &b->optim_params;

  return a->optim == b->optim && same (p->momentum, q->momentum)
         && same (p->rho, q->rho) && same (p->beta1, q->beta1)
         && same (p->beta2, q->beta2) && same (p->eps, q->eps)
         && same (a->rate, b->rate) && same_sched (&a->sched, &b->sched)
         && a->batch == b->batch && same (a->clip, b->clip)
         && same (a->decay.lambda, b->decay.lambda)
         && a->decay.decoupled == b->decay.decoupled
         && a->decay.biases == b->decay.biases
         && same (a->warming.gamma0, b->warming.gamma0)
         && a->warming.start == b->warming.start
         && a->warming.hold == b->warming.hold
         && a->warming.anneal == b->warming.anneal
         && a->warming.shape == b->warming.shape
         && same (a->temperature, b->temperature)
         && same_sched (&a->temp_sched, &b->temp_sched)
         && a->steps == b->steps && same (a->tol, b->tol)
         && a->record_every == b->record_every
         && a->record_bytes == b->record_bytes;
}

static int
same_interval (rs_interval a, rs_interval b)
{
  return same (a.lo, b.lo) && same (a.hi, b.hi);
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
      || strcmp (s->font, t->font) != 0 || !same (s->font_pt, t->font_pt)
      || !same (s->width, t->width) || !same (s->height, t->height)
      || s->unit != t->unit || !same (s->azimuth, t->azimuth)
      || !same (s->elevation, t->elevation))
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

      if (strcmp (e->path, f->path) != 0 || !same (e->width, f->width)
          || !same (e->height, f->height) || e->unit != f->unit
          || !same (e->dpi, f->dpi) || e->has_at != f->has_at
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

      if (l->kind != m->kind || !same (l->value, m->value)
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
            && !same (a->layer_act[l].param, b->layer_act[l].param)))
      return 0;
  return strcmp (a->title, b->title) == 0
         && strcmp (a->notes, b->notes) == 0
         && strcmp (a->data_file, b->data_file) == 0 && same_figure (a, b)
         && same (a->w_range.lo, b->w_range.lo)
         && same (a->w_range.hi, b->w_range.hi)
         && same (a->b_range.lo, b->b_range.lo)
         && same (a->b_range.hi, b->b_range.hi) && same (a->speed, b->speed)
         && a->has_focus == b->has_focus
         && (!a->has_focus || (a->focus.layer == b->focus.layer
                               && a->focus.unit == b->focus.unit))
         && same_model (&a->sim, &b->sim) && same_training (&a->sim, &b->sim)
         && same_kicks (&a->sim, &b->sim)
         && same_events_and_values (&a->sim, &b->sim) && same_claims (a, b)
         && same_paces (a, b)
         && scene_same_variants (a, b);
}
