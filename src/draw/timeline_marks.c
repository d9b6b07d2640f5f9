/* timeline_marks.c: the timeline's event marks (C10, C11): kicks, changes
 * of activation, rate and training settings, presentation beats, and the
 * scene's events still ahead of the run, each a line across the plot and
 * a label where one fits. */
#include <config.h>

#include <math.h>
#include <stdio.h>

#include "draw/timeline.h"

/* A mark on the timeline: a step, its colour, dashed or not, a label. */
typedef struct {
  double step;
  rs_rgb col;
  int dashed;
  char label[48];
} tl_mark;

/* The value of the scene's event of action a at step, or NAN. */
static double
event_value (const rs_sim_params *sp, size_t step, rs_sim_action a)
{
  for (size_t i = 0; i < sp->n_events; i++)
    if (sp->events[i].step == step && sp->events[i].action == a)
      return sp->events[i].value;
  return NAN;
}

/* What changed from training settings a to b, in a few words. */
static void
training_label (const rs_sim_training *a, const rs_sim_training *b,
                char *buf, size_t n)
{
  int decay_a = a->decay.biases && a->decay.lambda > 0.0;
  int decay_b = b->decay.biases && b->decay.lambda > 0.0;

  if (a->optim != b->optim)
    snprintf (buf, n, "%s", b->optim->name);
  else if ((a->warming.gamma0 > 0.0) != (b->warming.gamma0 > 0.0))
    snprintf (buf, n, "warming %s", b->warming.gamma0 > 0.0 ? "on" : "off");
  else if (decay_a != decay_b)
    snprintf (buf, n, "bias decay %s", decay_b ? "on" : "off");
  else if (a->kink != b->kink)
    snprintf (buf, n, "f′(0) = %g", b->kink);
  else
    snprintf (buf, n, "training");
}

/* The marks of recorded point i's events, up to 4 into m. */
static size_t
point_marks (const pane *p, size_t i, tl_mark *m)
{
  const rs_sim *sim = p->c->sim;
  const rs_sim_params *sp = rs_sim_get_params (sim);
  const rs_sim_point *pt = rs_sim_recorded (sim, i);
  size_t n = 0;
  double v;

  if (pt->events & RS_EVENT_KICK)
    {
      m[n] = (tl_mark) { (double) pt->step, p->t->event, 0, "" };
      snprintf (m[n++].label, sizeof m->label, "%s",
                pt->events & RS_EVENT_AUTOKICK ? "autokick" : "kick");
    }
  if (pt->events & RS_EVENT_ACT)
    {
      v = event_value (sp, pt->step, RS_SIM_SET_ALPHA);
      m[n] = (tl_mark) { (double) pt->step, p->t->event, 0, "" };
      if (isnan (v))
        snprintf (m[n++].label, sizeof m->label, "activation");
      else
        snprintf (m[n++].label, sizeof m->label, "α = %g", v);
    }
  if (pt->events & (RS_EVENT_RATE | RS_EVENT_BEAT))
    {
      m[n] = (tl_mark) { (double) pt->step, p->t->muted,
                         !(pt->events & RS_EVENT_RATE), "" };
      if (pt->events & RS_EVENT_RATE)
        snprintf (m[n++].label, sizeof m->label, "rate %g", pt->rate);
      else
        snprintf (m[n++].label, sizeof m->label, "beat");
    }
  if (pt->events & RS_EVENT_TRAIN && i > 0)
    {
      rs_sim_training was, now;

      rs_sim_training_at (sim, i - 1, &was);
      rs_sim_training_at (sim, i, &now);
      m[n] = (tl_mark) { (double) pt->step, p->t->event, 0, "" };
      training_label (&was, &now, m[n++].label, sizeof m->label);
    }
  return n;
}

/* The marks of the scene's kicks and events still ahead of the run,
 * dashed, up to max into m. */
static size_t
planned_marks (const pane *p, size_t last, tl_mark *m, size_t max)
{
  const rs_sim_params *sp = rs_sim_get_params (p->c->sim);
  size_t n = 0;

  for (size_t i = 0; i < sp->n_kicks && n < max; i++)
    if (sp->kicks[i].step > last)
      {
        m[n] = (tl_mark) { (double) sp->kicks[i].step, p->t->event, 1, "" };
        snprintf (m[n++].label, sizeof m->label, "kick");
      }
  for (size_t i = 0; i < sp->n_events && n < max; i++)
    {
      const rs_sim_event *e = &sp->events[i];
      if (e->step <= last)
        continue;
      m[n] = (tl_mark) { (double) e->step, p->t->muted, 1, "" };
      if (e->action == RS_SIM_SET_ALPHA)
        snprintf (m[n].label, sizeof m->label, "α = %g", e->value);
      else if (e->action == RS_SIM_SET_RATE)
        snprintf (m[n].label, sizeof m->label, "rate %g", e->value);
      else
        snprintf (m[n].label, sizeof m->label, "beat");
      n++;
    }
  return n;
}

/* One mark's line across the whole plot. */
static void
mark_line (pane *p, rs_rect box, double x, const tl_mark *m)
{
  double dash = 3.5 * p->k;

  cairo_save (p->cr);
  if (m->dashed)
    cairo_set_dash (p->cr, &dash, 1, 0);
  cairo_set_line_width (p->cr, 1.2 * p->k);
  rs_theme_set_alpha (p->cr, m->col, m->dashed ? 0.7 : 0.9);
  cairo_move_to (p->cr, x, box.y);
  cairo_line_to (p->cr, x, box.y + box.height);
  cairo_stroke (p->cr);
  cairo_restore (p->cr);
}

/* A mark's label beside its line, right of it or else left, in the
 * first row from the top of the loss axis, then of the gradient norm's,
 * where it meets no word placed before; a label that fits nowhere is
 * left out. */
static void
mark_label (pane *p, const tl_layout *L, tl_labels *t, double x,
            const tl_mark *m)
{
  double row = 13 * p->k, d = 3 * p->k, w, h;

  rs_text_size (p->cr, pane_font (p), m->label, 10 * p->k, 0, &w, &h);
  for (int s = 0; s < 2; s++)
    {
      rs_rect a = L->ax[s].area;
      for (double y = a.y + 2 * p->k; y + row <= a.y + a.height; y += row)
        if (tl_text_sized (p, t, a, m->col, x + d, y, m->label, 10, 1, 0, 0,
                           w, h)
            || tl_text_sized (p, t, a, m->col, x - d, y, m->label, 10, 1, 1,
                              0, w, h))
          return;
    }
}

/* The marks' lines (labels 0) or their labels (labels 1). */
static void
marks_draw (pane *p, const tl_layout *L, tl_labels *t, const tl_mark *m,
            size_t nm, int labels)
{
  for (size_t q = 0; q < nm; q++)
    if (labels)
      mark_label (p, L, t, tl_x (L, m[q].step), &m[q]);
    else
      mark_line (p, L->plot, tl_x (L, m[q].step), &m[q]);
}

/* Every mark, the recorded events' then those the scene has planned:
 * their lines (labels 0) or their labels (labels 1). */
static void
marks_pass (pane *p, const tl_layout *L, tl_labels *t, int labels)
{
  const rs_sim *sim = p->c->sim;
  size_t n = rs_sim_n_recorded (sim);
  size_t last = rs_sim_recorded (sim, n - 1)->step;
  tl_mark m[RS_SIM_MAX_KICKS + RS_SIM_MAX_EVENTS];
  size_t nm;

  for (size_t i = 0; i < n; i++)
    {
      const rs_sim_point *pt = rs_sim_recorded (sim, i);
      if ((pt->events & ~(unsigned) RS_EVENT_START) == 0)
        continue;
      nm = point_marks (p, i, m);
      marks_draw (p, L, t, m, nm, labels);
    }
  nm = planned_marks (p, last, m, sizeof m / sizeof m[0]);
  marks_draw (p, L, t, m, nm, labels);
}

void
tl_mark_lines (pane *p, const tl_layout *L)
{
  marks_pass (p, L, NULL, 0);
}

void
tl_mark_labels (pane *p, const tl_layout *L, tl_labels *t)
{
  marks_pass (p, L, t, 1);
}
