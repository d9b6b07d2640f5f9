/* scene_defaults.c: a scene's defaults, and what is settled once every
 * line is read: the kicks' seeds, the network's activations, where the
 * scene's paths are written, the shape that names refer to. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "scene_parse_private.h"

void
rs_scene_default (rs_scene *sc)
{
  memset (sc, 0, sizeof *sc);
  snprintf (sc->title, sizeof sc->title, "Loss landscape of one ReLU neuron");
  rs_sim_params_default (&sc->sim);
  sc->w_range = rs_interval_make (-3.0, 3.0);
  sc->b_range = rs_interval_make (-3.0, 3.0);
  sc->speed = 20.0;
  snprintf (sc->style.font, sizeof sc->style.font, "Sans");
  sc->style.font_pt = 10.0;
  sc->style.width = 1200.0;
  sc->style.height = 800.0;
  sc->style.unit = RS_UNIT_PX;
  sc->style.azimuth = -35.0;
  sc->style.elevation = 30.0;
}

/* Seeds for the kicks that have none: the scene's seed + 1000 + index. */
void
default_kick_seeds (parser *ps)
{
  rs_sim_params *p = &ps->sc->sim;

  for (size_t i = 0; i < p->n_kicks; i++)
    if (!ps->kick_seeded[i])
      p->kicks[i].seed = p->seed + 1000 + i;
}

/* The network's activations: `activation` on the hidden layers, `output`
 * on the last, each with its parameter (alpha for Leaky ReLU, the one
 * given after the name, or the family's default). */
void
build_network (parser *ps)
{
  rs_sim_params *p = &ps->sc->sim;
  rs_net_spec *net = &p->net;
  size_t sizes[RS_NET_MAX_LAYERS + 1];

  memcpy (sizes, net->sizes, sizeof sizes);
  rs_net_spec_init (net, net->layers, sizes, p->act,
                    ps->output.type != NULL ? ps->output.type
                                            : rs_act_identity);
  for (size_t l = 0; l < net->layers; l++)
    {
      const act_choice *c = l + 1 < net->layers ? &ps->hidden : &ps->output;
      const rs_layer_act *own = &ps->sc->layer_act[l];

      if (own->type != NULL)
        net->act[l] = own->type;
      if (net->act[l] == rs_act_leaky_relu)
        net->param[l] = p->alpha;
      else if (own->type != NULL)
        net->param[l] = own->has_param ? own->param
                                       : own->type->param_default;
      else if (c->has_param)
        net->param[l] = c->param;
    }
  net->kink = p->kink;
}

/* The shape that 'set' and kicks of one unit refer to. */
void
scene_shape (const rs_sim_params *p, rs_net_spec *spec)
{
  size_t sizes[2] = { 1, 1 };

  if (p->net.layers > 0)
    {
      *spec = p->net;
      return;
    }
  rs_net_spec_init (spec, 1, sizes, p->act, p->act);
  spec->param[0] = p->act == rs_act_leaky_relu ? p->alpha : 0.0;
}

/* Keep in the scene where its paths are written, for the messages of
 * rs_scene_check_paths. */
void
record_paths (parser *ps)
{
  rs_scene *sc = ps->sc;

  sc->data_line = ps->data_at.line;
  sc->data_col = ps->data_at.col;
  for (size_t i = 0; i < sc->n_exports; i++)
    {
      sc->exports[i].line = ps->export_at[i].line;
      sc->exports[i].col = ps->export_at[i].col;
    }
}
