/* panel_moment.c: a change seen as it happens, in the panels' words.
 *
 * While a morph plays (rs_figure_morph), the landscape shows a moment
 * between the state before a change and the state after it; the panels
 * show the same moment (rs_panel_moment).  A panel that cannot draw that
 * moment itself (the timeline, which plots recorded points) states the
 * change as "before → after"; the others say which moment they draw. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "draw/pane.h"

/* An activation as the panels name it. */
static const struct {
  const rs_act_type *const *type;
  const char *name;
} act_names[] = {
  { &rs_act_relu, "ReLU" },
  { &rs_act_leaky_relu, "Leaky ReLU" },
};

/* The first layer's activation at recorded point i, named, with its
 * parameter when it has one ("Leaky ReLU, α = 0.01"), into buf. */
static void
act_at (const rs_sim *sim, size_t i, char *buf, size_t n)
{
  rs_net *net = rs_net_clone (rs_sim_net (sim), NULL);
  const rs_act_type *t;
  const char *name;
  double par;

  snprintf (buf, n, "another activation");
  if (net == NULL || rs_sim_net_at (sim, i, net, 0) != RS_OK)
    {
      rs_net_free (net);
      return;
    }
  t = rs_net_get_spec (net)->act[0];
  par = rs_net_get_spec (net)->param[0];
  rs_net_free (net);
  name = t->name;
  for (size_t k = 0; k < sizeof act_names / sizeof act_names[0]; k++)
    if (*act_names[k].type == t)
      name = act_names[k].name;
  if (t->param_name != NULL)
    snprintf (buf, n, "%s, %s = %g", name,
              strcmp (t->param_name, "alpha") == 0 ? "α" : t->param_name,
              par);
  else
    snprintf (buf, n, "%s", name);
}

int
rs_panel_moment_note (const rs_panel_ctx *c, int brief, char *buf, size_t n)
{
  const rs_panel_moment *m = c != NULL ? c->moment : NULL;
  char what[128];

  buf[0] = '\0';
  if (m == NULL || c->sim == NULL)
    return 0;
  if (m->change == RS_EVENT_KICK)
    snprintf (what, sizeof what, "the kick");
  else if (brief)
    snprintf (what, sizeof what, "the switch");
  else
    {
      char to[64];

      act_at (c->sim, m->after, to, sizeof to);
      snprintf (what, sizeof what, "the switch to %s", to);
    }
  if (rs_sim_recorded (c->sim, m->before)->step
      != rs_sim_recorded (c->sim, m->after)->step)
    {
      /* a change at an earlier step, drawn again at this one */
      size_t len = strlen (what);

      snprintf (what + len, sizeof what - len, " at step %zu",
                rs_sim_recorded (c->sim, m->before + 1)->step);
    }
  if (m->t <= 0.0)
    snprintf (buf, n, "before %s", what);
  else
    snprintf (buf, n, "%.0f %% into %s", 100.0 * m->t, what);
  return 1;
}

void
rs_panel_when (const rs_panel_ctx *c, char *buf, size_t n)
{
  size_t step = rs_sim_recorded (c->sim, pane_at (c))->step;
  char moment[96];

  if (rs_panel_moment_note (c, 1, moment, sizeof moment))
    snprintf (buf, n, "step %zu, %s", step, moment);
  else
    snprintf (buf, n, "step %zu", step);
}
