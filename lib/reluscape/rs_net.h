/* rs_net.h: small fully connected networks (C1, C4, C9).
 *
 * A network of L layers (1 <= L <= RS_NET_MAX_LAYERS: up to 64 hidden
 * layers and the output) maps sizes[0] inputs (at most RS_NET_MAX_INPUTS)
 * through layers of sizes[1], ..., sizes[L] units (each at most
 * RS_NET_MAX_UNITS): layer l computes z_l = W_l a_(l-1) + b_l and
 * a_l = f_l(z_l), with a_0 the input.  Units 1 ... L-1 are hidden; layer L
 * is the output.
 *
 * The parameters live in one flat gsl_vector owned by the network, layer by
 * layer: W_l row by row (row j holds unit j's incoming weights), then b_l,
 * then, for PReLU layers, one slope per unit.  Each has a stable name:
 * W1[0][1] is the weight from input 1 to unit 0 of layer 1, b1[0] that
 * unit's bias, a1[0] its PReLU slope.  Indices are 0-based, layers 1-based.
 *
 * Forward and backward passes run over a batch of n points in a
 * workspace the caller owns; they allocate nothing.  The workspace keeps
 * every layer's z and a unit by unit ([unit][point]), so that the activity
 * of each unit (C4) can be read after a forward pass.
 *
 * The single neuron y = f(w x + b) of the landscape scenes is kept as a
 * small value type (rs_neuron) at the end of this header. */
#ifndef RS_NET_H
#define RS_NET_H

#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#include <reluscape/rs_act.h>
#include <reluscape/rs_data.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RS_NET_MAX_LAYERS 65
#define RS_NET_MAX_UNITS 256
#define RS_NET_MAX_INPUTS 1024

/* The shape of a network, plain data that a scene can fill. */
typedef struct {
  size_t layers;
  size_t sizes[RS_NET_MAX_LAYERS + 1];
  const rs_act_type *act[RS_NET_MAX_LAYERS];  /* act[l - 1]: layer l */
  double param[RS_NET_MAX_LAYERS];            /* each layer's alpha/beta */
  double kink;                                /* s in [0, 1], default 0 */
} rs_net_spec;

/* A spec of layers + 1 sizes with hidden on every hidden layer and output
 * on the last, each with its family's default parameter, kink 0.  sizes
 * is copied; nothing is checked here (rs_net_alloc checks). */
void rs_net_spec_init (rs_net_spec *spec, size_t layers,
                       const size_t *sizes, const rs_act_type *hidden,
                       const rs_act_type *output);

/* RS_OK when spec describes a network this library can build; otherwise
 * RS_EINVAL with a message naming the layer and the rule it breaks. */
int rs_net_spec_check (const rs_net_spec *spec, rs_error *err);

typedef struct rs_net rs_net;

/* A network of the shape spec with every parameter 0 (PReLU slopes at
 * their layer's parameter); NULL with err filled on failure. */
rs_net *rs_net_alloc (const rs_net_spec *spec, rs_error *err);
void rs_net_free (rs_net *net);

/* A copy with its own parameters (for threads, or to keep a state). */
rs_net *rs_net_clone (const rs_net *net, rs_error *err);

const rs_net_spec *rs_net_get_spec (const rs_net *net);
size_t rs_net_layers (const rs_net *net);
/* sizes[l], l in 0 ... L */
size_t rs_net_units (const rs_net *net, size_t l);
size_t rs_net_inputs (const rs_net *net);
size_t rs_net_outputs (const rs_net *net);
/* The number of hidden units, layers 1 ... L-1. */
size_t rs_net_hidden_units (const rs_net *net);

/* The flat parameter vector: read, write or copy it freely. */
size_t rs_net_nparams (const rs_net *net);
gsl_vector *rs_net_params (rs_net *net);
const gsl_vector *rs_net_params_const (const rs_net *net);

/* Set the kink convention s in [0, 1] (C3) or layer l's parameter. */
int rs_net_set_kink (rs_net *net, double s, rs_error *err);
int rs_net_set_param (rs_net *net, size_t l, double p, rs_error *err);

/* Change layer l's activation and parameter from now on (C8: switching
 * ReLU to Leaky ReLU mid-run).  The new family must keep the parameter
 * layout: a PReLU layer stays PReLU and no other becomes one. */
int rs_net_set_act (rs_net *net, size_t l, const rs_act_type *t, double p,
                    rs_error *err);

/* What one entry of the parameter vector is. */
typedef enum {
  RS_PARAM_WEIGHT,
  RS_PARAM_BIAS,
  RS_PARAM_SLOPE
} rs_param_kind;

typedef struct {
  rs_param_kind kind;
  size_t layer;   /* 1 ... L */
  size_t unit;    /* j */
  size_t input;   /* k, for weights */
} rs_param_info;

/* Indices into the vector.  w: W_l[j][k]; b: b_l[j]; slope: a_l[j], or
 * (size_t) -1 when layer l has no trainable slope. */
size_t rs_net_w_index (const rs_net *net, size_t l, size_t j, size_t k);
size_t rs_net_b_index (const rs_net *net, size_t l, size_t j);
size_t rs_net_slope_index (const rs_net *net, size_t l, size_t j);

/* What entry i is (i < rs_net_nparams). */
rs_param_info rs_net_param_info (const rs_net *net, size_t i);

/* The name of entry i ("W2[3][0]", "b1[0]", "a1[2]") into buf of size n;
 * returns buf. */
char *rs_net_param_name (const rs_net *net, size_t i, char *buf, size_t n);

/* The index of the parameter called name, written as rs_net_param_name
 * writes it (no spaces, no leading zeros).  Errors say what is wrong:
 * "W3[0][0]: the network has layers 1 to 2", "b1[9]: layer 1 has units 0
 * to 3". */
int rs_net_param_lookup (const rs_net *net, const char *name,
                         size_t *index, rs_error *err);

/* Set the parameter called name to a finite value. */
int rs_net_set (rs_net *net, const char *name, double value, rs_error *err);

/* Initialisers: one const table per scheme, drawing one weight of a layer
 * with fan_in inputs and fan_out units; c is the constant of "constant". */
typedef struct {
  const char *name;
  double (*draw) (size_t fan_in, size_t fan_out, double c, gsl_rng *r);
} rs_init_type;

/* N(0, 2 / fan_in) (He et al. 2015, for ReLU) */
extern const rs_init_type *const rs_init_he_normal;
/* U(-sqrt(6 / fan_in), sqrt(6 / fan_in)): the same variance */
extern const rs_init_type *const rs_init_he_uniform;
/* N(0, 2 / (fan_in + fan_out)) (Glorot and Bengio 2010) */
extern const rs_init_type *const rs_init_xavier_normal;
/* U(-sqrt(6 / (fan_in + fan_out)), +sqrt(...)) */
extern const rs_init_type *const rs_init_xavier_uniform;
/* every weight c */
extern const rs_init_type *const rs_init_constant;

extern const rs_init_type *const rs_init_types[];
const rs_init_type *rs_init_lookup (const char *name);

/* Draw every weight from t (c for "constant"), set every bias to bias
 * (C9: 0.1 starts ReLU units in their active region) and every PReLU slope
 * to its layer's parameter.  Weights are drawn layer by layer, row by row,
 * so the same seed gives the same network.  Explicit values are set
 * afterwards with rs_net_set. */
int rs_net_init (rs_net *net, const rs_init_type *t, double c, double bias,
                 gsl_rng *r, rs_error *err);

/* A workspace for batches of up to n points. */
typedef struct rs_net_workspace rs_net_workspace;

rs_net_workspace *rs_net_workspace_alloc (const rs_net *net, size_t n,
                                          rs_error *err);
void rs_net_workspace_free (rs_net_workspace *w);

/* The forward pass over the n points whose inputs are rows of x (row-major,
 * rs_net_inputs(net) values per point).  n must not exceed the
 * workspace's size, and the workspace must come from a network of the same
 * shape (RS_EINVAL otherwise). */
int rs_net_forward (const rs_net *net, const double *x, size_t n,
                    rs_net_workspace *w);

/* The batch of the last forward pass: its size, and layer l's
 * pre-activations z (l >= 1) and outputs a (a_0 is the input), stored unit
 * by unit: value of unit j at point i at [j * n + i]. */
size_t rs_net_workspace_n (const rs_net_workspace *w);
const double *rs_net_workspace_z (const rs_net_workspace *w, size_t l);
const double *rs_net_workspace_a (const rs_net_workspace *w, size_t l);

/* The network's outputs, a_L, unit by unit. */
const double *rs_net_output (const rs_net_workspace *w);

/* The backward pass after rs_net_forward: given dout, the derivative of
 * the loss in each output (layout of rs_net_output), set grad to the
 * derivative of the loss in every parameter.  At a kink the derivative of
 * the activation is taken by the network's convention s. */
int rs_net_backward (const rs_net *net, rs_net_workspace *w,
                     const double *dout, gsl_vector *grad);

/* Unit activity after a forward pass (C4): for each unit j of layer l, on
 * how many points it is active (z > 0) and on how many z sits exactly on
 * its activation's kink.  Either array may be NULL. */
void rs_net_activity (const rs_net *net, const rs_net_workspace *w,
                      size_t l, size_t *active, size_t *kinks);

/* The number of dead hidden units: active on none of the points, so that
 * under ReLU no gradient reaches their weights and bias (C4). */
size_t rs_net_dead_units (const rs_net *net, const rs_net_workspace *w);

/* Whether unit j of layer l can die: its activation's slope below 0 is 0
 * (ReLU, or a PReLU unit whose slope is 0).  A Leaky ReLU unit inactive
 * on every point still learns (C8). */
int rs_net_unit_can_die (const rs_net *net, size_t l, size_t j);

/* The units of every layer that can die and are active on none of the
 * points of the last forward pass (C4). */
size_t rs_net_dead_count (const rs_net *net, const rs_net_workspace *w);

/* Whether unit j of layer l sits on its kink at point i. */
int rs_net_on_kink (const rs_net *net, const rs_net_workspace *w, size_t l,
                    size_t j, size_t i);

/* The single neuron y = f(w x + b) of the landscape scenes. */
typedef struct {
  const rs_act_type *act;
  double alpha;   /* the activation's parameter (Leaky ReLU's slope) */
  double kink;    /* s in [0, 1]: the derivative taken at a kink */
  double w;
  double b;
} rs_neuron;

/* The pre-activation z = w x + b. */
static inline double
rs_neuron_pre (const rs_neuron *u, double x)
{
  return u->w * x + u->b;
}

/* The output f(w x + b). */
static inline double
rs_neuron_eval (const rs_neuron *u, double x)
{
  return rs_act_value (u->act, rs_neuron_pre (u, x), u->alpha);
}

/* On how many points of d the neuron is active (z > 0).  Active on none
 * means dead (C4): every output is f(z <= 0) and no gradient reaches w, b. */
size_t rs_neuron_active (const rs_neuron *u, const rs_data *d);

/* The bias below which a neuron of weight w is dead on d:
 * w x_i + b <= 0 for every i  <=>  b <= -max_i w x_i. */
double rs_neuron_dead_bias (double w, const rs_data *d);

#ifdef __cplusplus
}
#endif

#endif /* RS_NET_H */
