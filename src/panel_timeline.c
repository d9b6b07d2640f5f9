/* panel_timeline.c: the timeline panel: loss, gradient norm and dead units over the steps (C4, C11). */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pane.h"

/* ---- timeline (C4, C11) ----------------------------------------------- */

static const margins timeline_margins = { 30, 14, 36, 54 };

/* The last step of the x axis: the scene's length or the last recorded
 * step, whichever is later, and at least 1. */
static double
timeline_last (const rs_sim *sim)
{
  size_t n = rs_sim_n_recorded (sim);
  size_t last = rs_sim_recorded (sim, n - 1)->step;
  size_t steps = rs_sim_get_params (sim)->steps;

  last = last > steps ? last : steps;
  return last > 0 ? (double) last : 1.0;
}

rs_rect
rs_panel_timeline_plot (rs_rect r, const rs_panel_ctx *c)
{
  return pane_plot (r, pane_scale (r, c), timeline_margins);
}

double
rs_panel_timeline_x (rs_rect r, const rs_panel_ctx *c, double step)
{
  rs_rect p = rs_panel_timeline_plot (r, c);

  return p.x + step / timeline_last (c->sim) * p.width;
}

/* The loss axes above and the dead strip below, sharing the plot's x. */
static void
timeline_boxes (const pane *p, rs_rect *up, rs_rect *low)
{
  double gap = 6 * p->k, hl = fmax (0.22 * p->plot.height, 0.0);

  *up = p->plot;
  up->height = p->plot.height - hl - gap;
  *low = p->plot;
  low->y = up->y + up->height + gap;
  low->height = hl;
}

/* The log10 window of the loss and the gradient norm over the run:
 * whole decades around their finite positive values, at least one and
 * at most 16 decades.  A wider range (a run that diverges, a gradient
 * that underflows) keeps the start's loss and 8 decades below it, so
 * that the way out of the window stays in sight: what leaves it is
 * clipped to its edge. */
static void
timeline_log_range (const rs_sim *sim, double *lo, double *hi)
{
  size_t n = rs_sim_n_recorded (sim);
  double mn = INFINITY, mx = -INFINITY, start = NAN;

  for (size_t i = 0; i < n; i++)
    {
      const rs_sim_point *pt = rs_sim_recorded (sim, i);
      double v[2] = { pt->loss, pt->gnorm };
      for (int q = 0; q < 2; q++)
        if (v[q] > 0.0 && isfinite (v[q]))
          {
            mn = fmin (mn, log10 (v[q]));
            mx = fmax (mx, log10 (v[q]));
            if (q == 0 && isnan (start))
              start = floor (log10 (v[q]));
          }
    }
  if (!(mn <= mx))
    {
      mn = -1.0;
      mx = 1.0;
    }
  *lo = floor (mn);
  *hi = ceil (mx);
  if (*hi - *lo < 1.0)
    *hi = *lo + 1.0;
  if (*hi - *lo <= 16.0)
    return;
  *lo = isnan (start) ? *hi - 16.0 : fmax (*lo, start - 8.0);
  *hi = fmin (*hi, *lo + 16.0);
  *lo = *hi - 16.0;
}

/* Where value v goes on the log axes a: clipped to the window, the top
 * for +inf, the bottom for 0 and below; NAN (a gap) for NaN. */
static double
log_y (const axes *a, double v)
{
  if (isnan (v))
    return NAN;
  if (!(v > 0.0))
    return axes_y (a, a->y0);
  if (isinf (v))
    return axes_y (a, a->y1);
  return axes_y (a, fmin (fmax (log10 (v), a->y0), a->y1));
}

/* One series of the run (0: loss, 1: gradient norm) as a line, broken
 * where it is NaN. */
static void
timeline_series (pane *p, const axes *a, int which, rs_rgb col)
{
  const rs_sim *sim = p->c->sim;
  size_t n = rs_sim_n_recorded (sim);
  int pen = 0;

  cairo_new_path (p->cr);
  for (size_t i = 0; i < n; i++)
    {
      const rs_sim_point *pt = rs_sim_recorded (sim, i);
      double y = log_y (a, which == 0 ? pt->loss : pt->gnorm);
      double x = axes_x (a, (double) pt->step);
      if (isnan (y))
        {
          pen = 0;
          continue;
        }
      if (pen)
        cairo_line_to (p->cr, x, y);
      else
        cairo_move_to (p->cr, x, y);
      pen = 1;
    }
  cairo_set_line_width (p->cr, 1.8 * p->k);
  cairo_set_line_join (p->cr, CAIRO_LINE_JOIN_ROUND);
  rs_theme_set (p->cr, col);
  cairo_stroke (p->cr);
}

/* How many units the run can count dead: those of every layer that is
 * not the identity (as rs_sim_point.dead counts them). */
static size_t
timeline_units (const rs_sim *sim)
{
  const rs_net *net = rs_sim_net (sim);
  const rs_net_spec *sp = rs_net_get_spec (net);
  size_t total = 0;

  for (size_t l = 1; l <= sp->layers; l++)
    if (sp->act[l - 1] != rs_act_identity)
      total += sp->sizes[l];
  return total;
}

/* The dead-unit count as a filled step line in its strip, ticked at 0
 * and at the number of units. */
static void
timeline_dead (pane *p, rs_rect box)
{
  const rs_sim *sim = p->c->sim;
  size_t n = rs_sim_n_recorded (sim), top = timeline_units (sim);
  axes a = { box, 0.0, timeline_last (sim), 0.0, 1.0 };
  double y, x;
  char buf[48];

  for (size_t i = 0; i < n; i++)
    if (rs_sim_recorded (sim, i)->dead > top)
      top = rs_sim_recorded (sim, i)->dead;
  a.y1 = top > 0 ? (double) top : 1.0;
  y = axes_y (&a, 0.0);
  axes_fill (p, &a);
  cairo_save (p->cr);
  axes_clip (p, &a);
  cairo_new_path (p->cr);
  cairo_move_to (p->cr, axes_x (&a, 0.0), axes_y (&a, 0.0));
  for (size_t i = 0; i < n; i++)
    {
      const rs_sim_point *pt = rs_sim_recorded (sim, i);
      x = axes_x (&a, (double) pt->step);
      cairo_line_to (p->cr, x, y);
      y = axes_y (&a, (double) pt->dead);
      cairo_line_to (p->cr, x, y);
    }
  cairo_line_to (p->cr, a.box.x + a.box.width, y);
  cairo_line_to (p->cr, a.box.x + a.box.width, axes_y (&a, 0.0));
  cairo_close_path (p->cr);
  rs_theme_set_alpha (p->cr, p->t->dead, 0.25);
  cairo_fill_preserve (p->cr);
  rs_theme_set (p->cr, p->t->dead);
  cairo_set_line_width (p->cr, 1.6 * p->k);
  cairo_stroke (p->cr);
  cairo_restore (p->cr);
  axes_frame (p, &a);
  snprintf (buf, sizeof buf, "dead units (of %zu)", top);
  if (box.height > 24 * p->k)
    pane_label_boxed (p, p->t->dead, a.box.x + 5 * p->k, a.box.y + 2 * p->k, buf,
                 10, 1, 0, 0);
}

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

/* Draw one mark's line across box (the whole plot). */
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

/* A mark's label in the first of three rows at the top of the loss axes
 * where it does not run into an earlier one; ends[] holds each row's
 * right end so far.  Labels that fit nowhere are left out. */
static void
mark_label (pane *p, const axes *a, double x, const tl_mark *m,
            double ends[3])
{
  double w = pane_text_width (p, m->label, 10, 0), h = 13 * p->k;

  for (int row = 0; row < 3; row++)
    {
      double y = a->box.y + 2 * p->k + row * h;
      if (x + 2 * p->k < ends[row] || y + h > a->box.y + a->box.height
          || x + 3 * p->k + w > a->box.x + a->box.width)
        continue;
      pane_label_boxed (p, m->col, x + 3 * p->k, y, m->label, 10, 0, 0, 0);
      ends[row] = x + 3 * p->k + w + 6 * p->k;
      return;
    }
}

/* Every mark: the recorded events, then those the scene has planned. */
static void
timeline_marks (pane *p, const axes *a)
{
  const rs_sim *sim = p->c->sim;
  size_t n = rs_sim_n_recorded (sim);
  size_t last = rs_sim_recorded (sim, n - 1)->step;
  double ends[3] = { -INFINITY, -INFINITY, -INFINITY };
  tl_mark m[RS_SIM_MAX_KICKS + RS_SIM_MAX_EVENTS];
  size_t nm;

  for (size_t i = 0; i < n; i++)
    {
      const rs_sim_point *pt = rs_sim_recorded (sim, i);
      if ((pt->events & ~(unsigned) RS_EVENT_START) == 0)
        continue;
      nm = point_marks (p, i, m);
      for (size_t q = 0; q < nm; q++)
        {
          double x = axes_x (a, m[q].step);
          mark_line (p, p->plot, x, &m[q]);
          mark_label (p, a, x, &m[q], ends);
        }
    }
  nm = planned_marks (p, last, m, sizeof m / sizeof m[0]);
  for (size_t q = 0; q < nm; q++)
    {
      double x = axes_x (a, m[q].step);
      mark_line (p, p->plot, x, &m[q]);
      mark_label (p, a, x, &m[q], ends);
    }
}

/* Dots on both curves at recorded point i, filled or hollow. */
static void
timeline_dots (pane *p, const axes *a, size_t i, int filled)
{
  const rs_sim_point *pt = rs_sim_recorded (p->c->sim, i);
  double x = axes_x (a, (double) pt->step);
  double v[2] = { pt->loss, pt->gnorm };
  rs_rgb col[2] = { p->t->accent, p->t->second };

  for (int q = 0; q < 2; q++)
    {
      double y = log_y (a, v[q]);
      if (isnan (y))
        continue;
      cairo_new_sub_path (p->cr);
      cairo_arc (p->cr, x, y, 3.2 * p->k, 0, 2 * M_PI);
      rs_theme_set (p->cr, filled ? col[q] : p->t->panel);
      cairo_fill_preserve (p->cr);
      rs_theme_set (p->cr, filled ? p->t->fg : col[q]);
      cairo_set_line_width (p->cr, (filled ? 0.8 : 1.6) * p->k);
      cairo_stroke (p->cr);
    }
}

/* The point shown: a line across the plot and dots on both curves;
 * mid-change (after the point before it, at the same step) hollow dots
 * at the point before too, the note saying "before → after". */
static void
timeline_now (pane *p, const axes *a)
{
  const rs_panel_moment *m = p->c->moment;
  const rs_sim_point *pt = rs_sim_recorded (p->c->sim, pane_at (p->c));
  double x = axes_x (a, (double) pt->step);

  cairo_set_line_width (p->cr, 1.6 * p->k);
  rs_theme_set (p->cr, p->t->fg);
  cairo_move_to (p->cr, x, p->plot.y);
  cairo_line_to (p->cr, x, p->plot.y + p->plot.height);
  cairo_stroke (p->cr);
  if (m != NULL && pane_at (p->c) != m->before
      && rs_sim_recorded (p->c->sim, m->before)->step == pt->step)
    timeline_dots (p, a, m->before, 0);
  timeline_dots (p, a, pane_at (p->c), 1);
}

/* A value for the header, NaN and infinity by their names. */
static void
value_text (double v, int digits, char *buf, size_t n)
{
  if (isnan (v))
    snprintf (buf, n, "NaN");
  else if (isinf (v))
    snprintf (buf, n, "%s∞", v < 0 ? "−" : "");
  else
    snprintf (buf, n, "%.*g", digits, v);
}

/* Mid-change the timeline, which plots recorded points only, states
 * the change: before it, the point before (the panel's point) said to
 * be so; in between, "before → after" in buf; brief says which moment. */
static void
timeline_note_moment (const rs_panel_ctx *c, char *buf, size_t n,
                      char *brief, size_t nb)
{
  const rs_panel_moment *m = c->moment;
  char words[128], l0[32], l1[32];
  size_t len = strlen (buf);

  if (!rs_panel_moment_note (c, 1, words, sizeof words))
    return;
  snprintf (brief, nb, "step %zu · %s",
            rs_sim_recorded (c->sim, m->after)->step, words);
  /* the point before, or a change at an earlier step (--morph after a
     switch of activation): the point's numbers, the words after them */
  if (pane_at (c) == m->before || rs_sim_recorded (c->sim, m->before)->step
                                  != rs_sim_recorded (c->sim, m->after)->step)
    {
      snprintf (buf + len, n - len, " · %s", words);
      return;
    }
  value_text (rs_sim_recorded (c->sim, m->before)->loss, 3, l0, sizeof l0);
  value_text (rs_sim_recorded (c->sim, m->after)->loss, 3, l1, sizeof l1);
  snprintf (buf, n, "step %zu · %s · loss %s → %s · %zu → %zu dead",
            rs_sim_recorded (c->sim, m->after)->step, words, l0, l1,
            rs_sim_recorded (c->sim, m->before)->dead,
            rs_sim_recorded (c->sim, m->after)->dead);
}

/* The header's note: the point shown, in numbers, and in brief. */
static void
timeline_note (const rs_panel_ctx *c, char *buf, size_t n, char *brief,
               size_t nb)
{
  const rs_sim_point *pt = rs_sim_recorded (c->sim, pane_at (c));
  char loss[32], gnorm[32];

  value_text (pt->loss, 3, loss, sizeof loss);
  value_text (pt->gnorm, 2, gnorm, sizeof gnorm);
  snprintf (buf, n, "step %zu · loss %s · ‖∇L‖ %s · %zu dead", pt->step,
            loss, gnorm, pt->dead);
  snprintf (brief, nb, "step %zu", pt->step);
  timeline_note_moment (c, buf, n, brief, nb);
}

void
rs_panel_timeline (cairo_t *cr, rs_rect r, const rs_panel_ctx *c)
{
  pane p;
  char note[256], brief[160], ytitle[160], acc[8], sec[8];
  rs_rect up, low;
  axes a;

  if (c != NULL && c->sim != NULL)
    timeline_note (c, note, sizeof note, brief, sizeof brief);
  if (pane_begin (&p, cr, r, c, timeline_margins, "Timeline",
                  c != NULL && c->sim != NULL ? note : NULL, brief))
    {
      timeline_boxes (&p, &up, &low);
      a = (axes) { up, 0.0, timeline_last (c->sim), 0.0, 1.0 };
      timeline_log_range (c->sim, &a.y0, &a.y1);
      axes_fill (&p, &a);
      axes_y_log_ticks (&p, &a);
      axes_x_ticks (&p, &(axes) { low, a.x0, a.x1, 0, 1 }, 1);
      axes_x_ticks (&p, &a, 0);
      cairo_save (cr);
      axes_clip (&p, &a);
      timeline_series (&p, &a, 1, p.t->second);
      timeline_series (&p, &a, 0, p.t->accent);
      cairo_restore (cr);
      axes_frame (&p, &a);
      timeline_dead (&p, low);
      timeline_marks (&p, &a);
      timeline_now (&p, &a);
      pane_hex (p.t->accent, acc);
      pane_hex (p.t->second, sec);
      snprintf (ytitle, sizeof ytitle, "<span foreground=\"%s\">loss</span>"
                " · <span foreground=\"%s\">‖∇L‖</span>", acc, sec);
      axes_y_title (&p, &a, ytitle, r.x + 3 * p.k);
      axes_x_title (&p, &(axes) { low, 0, 1, 0, 1 }, "step");
    }
  pane_end (&p);
}

/* ---- network (C4) ----------------------------------------------------- */
