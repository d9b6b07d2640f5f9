/* scene_keywords_data.c: the keywords of the data and the network
 * (seed, data, points, line, noise, network, activation, output, layer,
 * alpha, kink, init, bias, set, freeze, start, loss), one function each,
 * named in the table of scene_keywords.c. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "scene_parse_private.h"

/* ---- The data ---- */

int
kw_seed (parser *ps)
{
  size_t v = 0;
  int rc = get_count (ps, "seed", 0, 4294967295.0, &v);

  if (rc == RS_OK)
    ps->sc->sim.seed = v;
  return rc;
}

/* The number of points, given here or as data's N. */
int
kw_points (parser *ps)
{
  if (ps->points_line != 0)
    return fail (ps, RS_ESYNTAX, "the number of points is already set on "
                 "line %d", ps->points_line);
  ps->points_line = ps->tok.line;
  return get_count (ps, "points", 2, 100000, &ps->sc->sim.n_points);
}

/* The line's slope and intercept: only the line data has them. */
int
kw_line (parser *ps)
{
  rs_sim_params *p = &ps->sc->sim;
  int rc;

  if (p->gen != NULL || ps->sc->data_file[0] != '\0')
    return fail (ps, RS_ESYNTAX, "'line' sets the slope and intercept of "
                 "the line data; it cannot go with 'data %s' on line %d",
                 p->gen != NULL ? p->gen->name : "csv", ps->data_at.line);
  ps->line_line = ps->tok.line;
  if ((rc = get_number (ps, "slope", -1e3, 0, 1e3, 0, &p->slope)) != RS_OK)
    return rc;
  return get_number (ps, "intercept", -1e3, 0, 1e3, 0, &p->intercept);
}

/* data csv "PATH": the data from a file, read when the scene is run. */
static int
data_csv (parser *ps)
{
  rs_scene *sc = ps->sc;
  int rc;

  next (ps);
  ps->data_at = here (ps);
  if (ps->line_line != 0)
    return fail (ps, RS_ESYNTAX, "data csv cannot go with 'line' on line "
                 "%d, which sets the line data's slope and intercept",
                 ps->line_line);
  if ((rc = expect (ps, T_STRING, "a quoted file name such as "
                    "\"points.csv\" (relative to the scene's folder)"))
      != RS_OK)
    return rc;
  if (ps->tok.str[0] == '\0')
    return fail (ps, RS_EINVAL, "the data file's name is empty");
  if (strlen (ps->tok.str) >= sizeof sc->data_file)
    return fail (ps, RS_EINVAL, "the data file's name is too long (at most "
                 "%zu bytes)", sizeof sc->data_file - 1);
  snprintf (sc->data_file, sizeof sc->data_file, "%s", ps->tok.str);
  sc->sim.gen = NULL;
  return RS_OK;
}

/* data NAME [N].  "line" stays the line data of 'line SLOPE INTERCEPT'
 * (gen NULL); its generator is the same line with the default 2 1. */
int
kw_data (parser *ps)
{
  rs_sim_params *p = &ps->sc->sim;
  const char *names[MAX_CHOICES];
  tok_kind kind;
  size_t i;
  int rc;

  if ((rc = peek (ps, &kind)) != RS_OK)
    return rc;
  if (kind == T_WORD && strcmp (ps->tok.str, "csv") == 0)
    return data_csv (ps);
  TABLE_NAMES (rs_data_gens, names);
  if ((rc = get_name (ps, "data generator", names, &i)) != RS_OK)
    return rc;
  ps->data_at = here (ps);
  if (rs_data_gens[i] != rs_data_line_gen && ps->line_line != 0)
    return fail (ps, RS_ESYNTAX, "data %s cannot go with 'line' on line %d, "
                 "which sets the line data's slope and intercept", names[i],
                 ps->line_line);
  p->gen = rs_data_gens[i] == rs_data_line_gen ? NULL : rs_data_gens[i];
  if ((rc = peek (ps, &kind)) != RS_OK || kind != T_NUMBER)
    return rc;
  if (ps->points_line != 0)
    return fail (ps, RS_ESYNTAX, "the number of points is already set on "
                 "line %d", ps->points_line);
  ps->points_line = ps->tok.line;
  return get_count (ps, "points", 2, 100000, &p->n_points);
}

/* ---- The network ---- */

/* network N0 N1 ... NL: the sizes of the input and of each layer. */
int
kw_network (parser *ps)
{
  rs_net_spec *net = &ps->sc->sim.net;
  char buf[80];
  size_t n = 0;
  tok_kind kind;
  int rc;

  for (;;)
    {
      if ((rc = peek (ps, &kind)) != RS_OK)
        return rc;
      if (kind != T_NUMBER && n >= 2)
        break;
      if (kind != T_NUMBER)
        return fail (ps, RS_ESYNTAX, "expected a number for network size, "
                     "found %s (a network has at least 2 sizes: its inputs "
                     "and its outputs)", describe (&ps->tok, buf,
                                                   sizeof buf));
      if (n == RS_NET_MAX_LAYERS + 1)
        return fail (ps, RS_EINVAL, "too many network sizes: at most %d "
                     "(%d layers)", RS_NET_MAX_LAYERS + 1, RS_NET_MAX_LAYERS);
      if ((rc = get_count (ps, "network size", 1, n == 0 ? RS_NET_MAX_INPUTS
                           : RS_NET_MAX_UNITS, &net->sizes[n])) != RS_OK)
        return rc;
      if (n++ == 0)
        ps->net_at = here (ps);
    }
  net->layers = n - 1;
  return RS_OK;
}

/* NAME [P]: an activation family and, for those with one, its parameter
 * in the family's range; Leaky ReLU's slope is 'alpha'. */
static int
get_act (parser *ps, const char *noun, act_choice *c)
{
  const char *names[MAX_CHOICES];
  const rs_act_type *t;
  char what[80];
  tok_kind kind;
  size_t i;
  int rc;

  TABLE_NAMES (rs_act_types, names);
  if ((rc = get_name (ps, noun, names, &i)) != RS_OK)
    return rc;
  t = c->type = rs_act_types[i];
  c->at = here (ps);
  if (t->param_name == NULL)
    return RS_OK;
  if ((rc = peek (ps, &kind)) != RS_OK || kind != T_NUMBER)
    return rc;
  if (t == rs_act_leaky_relu)
    return fail (ps, RS_ESYNTAX, "leaky_relu takes its slope from 'alpha' "
                 "(alpha A)");
  snprintf (what, sizeof what, "%s's %s", t->name, t->param_name);
  c->has_param = 1;
  return get_number (ps, what, t->param_min, 0, t->param_max, 0, &c->param);
}

/* Every family parses here; whether the single neuron can take it is
 * settled once the whole scene is read (check_neuron). */
int
kw_activation (parser *ps)
{
  int rc = get_act (ps, "activation", &ps->hidden);

  if (rc == RS_OK)
    ps->sc->sim.act = ps->hidden.type;
  return rc;
}

int
kw_output (parser *ps)
{
  return get_act (ps, "output activation", &ps->output);
}

/* layer L NAME [P]: one layer's activation, once per layer. */
int
kw_layer (parser *ps)
{
  act_choice c = { NULL, 0.0, 0, { 0, 0 } };
  rs_layer_act *la;
  size_t l = 0;
  int rc;

  if ((rc = get_count (ps, "layer", 1, RS_NET_MAX_LAYERS, &l)) != RS_OK)
    return rc;
  la = &ps->sc->layer_act[l - 1];
  if (la->type != NULL)
    return fail (ps, RS_ESYNTAX, "layer %zu's activation is already set on "
                 "line %d", l, ps->layer_at[l - 1].line);
  ps->layer_at[l - 1] = here (ps);
  if ((rc = get_act (ps, "activation", &c)) != RS_OK)
    return rc;
  *la = (rs_layer_act) { c.type, c.has_param, c.param };
  return RS_OK;
}

/* init SCHEME [C]: C only for "constant". */
int
kw_init (parser *ps)
{
  rs_sim_params *p = &ps->sc->sim;
  const char *names[MAX_CHOICES];
  size_t i;
  int rc;

  TABLE_NAMES (rs_init_types, names);
  if ((rc = get_name (ps, "init scheme", names, &i)) != RS_OK)
    return rc;
  p->init = rs_init_types[i];
  if (p->init != rs_init_constant)
    return RS_OK;
  return get_optional (ps, "init constant", -100, 0, 100, 0, &p->init_c);
}

/* set NAME VALUE, once per name. */
int
kw_set (parser *ps)
{
  rs_sim_params *p = &ps->sc->sim;
  rs_sim_value *v = &p->values[p->n_values];
  place at;
  int rc;

  if (p->n_values == RS_SIM_MAX_VALUES)
    return fail (ps, RS_EINVAL, "too many values (at most %d)",
                 RS_SIM_MAX_VALUES);
  if (next (ps) != RS_OK)
    return RS_ESYNTAX;
  at = here (ps);
  ps->pushed_back = 1;
  if ((rc = get_param_name (ps, v->name, sizeof v->name)) != RS_OK)
    return rc;
  for (size_t i = 0; i < p->n_values; i++)
    if (strcmp (p->values[i].name, v->name) == 0)
      return fail_at (ps, at, RS_ESYNTAX, "'%s' is already set on line %d",
                      v->name, ps->value_at[i].line);
  if ((rc = get_number (ps, v->name, -1e6, 0, 1e6, 0, &v->value)) != RS_OK)
    return rc;
  ps->value_at[p->n_values++] = at;
  return RS_OK;
}

/* One name or pattern of 'freeze' at q (n bytes): a letter W, b or a, a
 * layer, then [unit] (and [input] for a weight), each a number or '*'.
 * 0 when well formed. */
static int
freeze_name_ok (const char *q, size_t n)
{
  size_t i = 1, groups = q[0] == 'W' ? 2 : 1;

  if (n < 2 || strchr ("Wba", q[0]) == NULL)
    return -1;
  if (q[i] == '*')
    i++;
  else if (q[i] >= '1' && q[i] <= '9')
    while (i < n && q[i] >= '0' && q[i] <= '9')
      i++;
  else
    return -1;
  for (size_t g = 0; g < groups; g++)
    {
      size_t d = 0;

      if (i >= n || q[i++] != '[')
        return -1;
      if (i < n && q[i] == '*')
        i++, d = 1;
      else
        while (i < n && q[i] >= '0' && q[i] <= '9' && d < 5)
          i++, d++;
      if (d == 0 || i >= n || q[i++] != ']')
        return -1;
    }
  return i == n ? 0 : -1;
}

/* One name or pattern of 'freeze', the n bytes at q: well formed, kept
 * with where it is. */
static int
freeze_add (parser *ps, const char *q, size_t n)
{
  rs_sim_params *p = &ps->sc->sim;
  place at = { ps->line, (int) (q - ps->line_start) + 1 };

  if (freeze_name_ok (q, n) != 0 || n >= sizeof p->frozen[0])
    return fail_at (ps, at, RS_ESYNTAX, "'%.*s' is not a parameter name "
                    "or pattern: names look like W2[0][1] or b1[3], "
                    "patterns like W2[*][*]", (int) (n > 40 ? 40 : n), q);
  if (p->n_frozen == RS_SIM_MAX_FROZEN)
    return fail_at (ps, at, RS_EINVAL, "too many frozen names (at most "
                    "%d)", RS_SIM_MAX_FROZEN);
  snprintf (p->frozen[p->n_frozen], sizeof p->frozen[0], "%.*s", (int) n,
            q);
  ps->freeze_at[p->n_frozen++] = at;
  return RS_OK;
}

/* NAME...: parameters that never train (rs_sim_freeze_mask), such as
 * W2[0][1] or W2[*][*].  Read from the line's text, since '*' is no token
 * of the language; the names are checked against the network once it is
 * known (check_names). */
int
kw_freeze (parser *ps)
{
  const char *q = ps->p;
  size_t got = 0;
  int rc;

  for (;;)
    {
      size_t n;

      while (q < ps->end && (*q == ' ' || *q == '\t'))
        q++;
      if (q >= ps->end || *q == '\n' || *q == '#')
        break;
      /* the text need not end in NUL: scan no further than its end */
      n = 0;
      while (q + n < ps->end && strchr (" \t\n#", q[n]) == NULL)
        n++;
      if ((rc = freeze_add (ps, q, n)) != RS_OK)
        return rc;
      q += n;
      got++;
    }
  ps->p = q;
  if (got == 0)
    return fail (ps, RS_ESYNTAX, "freeze takes one or more parameter names "
                 "or patterns, such as W2[*][*]");
  return RS_OK;
}

int
kw_start (parser *ps)
{
  rs_sim_params *p = &ps->sc->sim;
  int rc = get_number (ps, "start w", -1e6, 0, 1e6, 0, &p->w0);

  if (rc != RS_OK)
    return rc;
  ps->start_at = here (ps);
  return get_number (ps, "start b", -1e6, 0, 1e6, 0, &p->b0);
}

int
kw_loss (parser *ps)
{
  const char *names[MAX_CHOICES];
  size_t i;
  int rc;

  TABLE_NAMES (rs_loss_types, names);
  if ((rc = get_name (ps, "loss", names, &i)) == RS_OK)
    ps->sc->sim.loss = rs_loss_types[i];
  return rc;
}
