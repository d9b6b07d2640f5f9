/* rs_probe.h: experiments (CONCEPTS.md C1, C4, C6, C8, C9).
 *
 * Four experiments, each made of independent trials:
 *
 *   depth       the gradient norm reaching each layer of a deep network,
 *               for depths 1 ... Lmax (C1: vanishing gradients)
 *   zero_grad   the probability that f'(z) is exactly 0 for
 *               z ~ N(mu, sigma^2) (C6, C8)
 *   born_dead   the probability that a randomly initialised ReLU network
 *               computes a constant function on its input domain (C4)
 *   sweep       the fraction of dead hidden units after training, for a
 *               list of values of one setting (learning rate, initial
 *               bias, weight decay, Leaky ReLU's alpha), and at the start
 *               (C4, C8, C9)
 *
 * Each experiment has options with documented defaults (rs_probe_X_default
 * fills them, rs_probe_X_check checks them) and a result the caller owns.
 * The caller drives the trials, in the manner of GSL's iterate: clear the
 * result, then add trials [first, last) with rs_probe_X_run as many times
 * as it likes, reading the estimates (which every call refreshes) in
 * between to show progress, or stopping early.  rs_probe_X runs every
 * trial at once.
 *
 * Trial t draws its random numbers from its own mt19937, seeded with a hash
 * of (seed, t) (the dead-unit sweep runs rs_sim with seed + s instead), so
 * a trial's outcome does not depend on which others were run, nor on how
 * a range is split: adding [0, 10) at once, or [0, 3) then [3, 10), gives
 * the same result bit for bit.  Trials added out of order give the same
 * counts, and sums equal up to rounding.
 *
 * Confidence intervals are at 95 %: the Wilson score interval for a
 * proportion, Student's t over seeds for the dead fraction. */
#ifndef RS_PROBE_H
#define RS_PROBE_H

#include <reluscape/rs_sim.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The 0.975 quantile of N(0, 1), for 95 % intervals. */
#define RS_PROBE_Z95 1.959963984540054

/* The Wilson score interval of a proportion with k successes out of n
 * trials (k <= n, n >= 1) at quantile z: centre
 * (p + z^2 / 2n) / (1 + z^2 / n), half-width
 * z / (1 + z^2 / n) sqrt(p (1 - p) / n + z^2 / 4n^2), p = k / n.  Unlike
 * p +- z sqrt(p (1 - p) / n) it stays in [0, 1] and is not empty at
 * k = 0 or k = n.  [0, 1] when n = 0. */
rs_interval rs_probe_wilson (size_t k, size_t n, double z);

/* ---------------------------------------------------------------------
 * Depth: the gradient reaching each layer (C1)
 *
 * For each depth L = 1 ... max_depth a network of L layers: inputs of
 * dimension `width`, layers 1 ... L-1 of `width` units with activation act,
 * layer L of `outputs` identity units.  Trial t draws n = `points` inputs
 * and targets, every coordinate N(0, 1), once for all depths, and for each
 * depth its own weights from `init` (biases all `bias`).  The gradient of
 * the mean squared error by back-propagation gives, per depth L and layer
 * l <= L, ||dL/dW_l|| (Frobenius) and ||dL/db_l||, the back-propagated
 * signal summed over the points.  Through a sigmoid layer l,
 * dL/dz_l = sigma'(z_l) * (W_(l+1)^T dL/dz_(l+1)) with sigma' <= 1/4, so
 * for one point ||dL/db_l|| <= ||W_(l+1)||_2 ||dL/db_(l+1)|| / 4.
 * ------------------------------------------------------------------- */

#define RS_PROBE_MAX_DEPTH RS_NET_MAX_LAYERS

typedef struct {
  size_t max_depth;          /* Lmax, 1 ... RS_PROBE_MAX_DEPTH (65): 8 */
  size_t width;              /* W, 1 ... RS_NET_MAX_UNITS: 16 */
  size_t outputs;            /* 1 ... RS_NET_MAX_UNITS: 1 */
  size_t points;             /* n, 1 ... 100000: 64 */
  const rs_act_type *act;    /* the hidden layers: sigmoid */
  double param;              /* its parameter; NAN (the default): the
                                family's default */
  double kink;               /* f' at a kink, s in [0, 1]: 0 */
  const rs_init_type *init;  /* he_normal */
  double init_c;             /* the constant of "constant": 0 */
  double bias;               /* every bias: 0 */
  size_t trials;             /* for rs_probe_depth: 100 */
  unsigned long seed;        /* 1 */
} rs_probe_depth_opts;

/* One layer l of the network of depth L, over the trials so far. */
typedef struct {
  double mean;         /* mean ||dL/dW_l||_F */
  double mean_log10;   /* mean log10 ||dL/dW_l||_F over the trials where
                          it is not 0; NAN when there are none */
  double sd_log10;     /* their standard deviation (n - 1); NAN below 2 */
  size_t zeros;        /* trials where dL/dW_l is exactly 0 (a dead
                          layer, C4): log10 would be -inf */
  double mean_bias;    /* mean ||dL/db_l|| */
  /* the sums behind them, in the order of the trials */
  double sum;
  double sum_log10;
  double sum_sq_log10;
  double sum_bias;
} rs_probe_depth_cell;

typedef struct {
  size_t trials;
  size_t max_depth;    /* of the options of the first trial added */
  /* cell[L - 1][l - 1] for 1 <= l <= L <= max_depth */
  rs_probe_depth_cell cell[RS_PROBE_MAX_DEPTH][RS_PROBE_MAX_DEPTH];
} rs_probe_depth_result;

void rs_probe_depth_default (rs_probe_depth_opts *o);
int rs_probe_depth_check (const rs_probe_depth_opts *o, rs_error *err);
void rs_probe_depth_clear (rs_probe_depth_result *r);

/* Add trials [first, last) to r (first <= last; r cleared beforehand, or
 * holding trials of the same options).  RS_EDIVERGED when a gradient is
 * not finite (weights too large for the depth); the failing trial is not
 * added, the ones before it are. */
int rs_probe_depth_run (const rs_probe_depth_opts *o, size_t first,
                        size_t last, rs_probe_depth_result *r,
                        rs_error *err);

/* Clear r and add trials [0, o->trials). */
int rs_probe_depth (const rs_probe_depth_opts *o, rs_probe_depth_result *r,
                    rs_error *err);

/* ---------------------------------------------------------------------
 * Zero gradient: P(f'(z) = 0) for z ~ N(mu, sigma^2) (C6, C8)
 *
 * Each trial draws `samples` values of z and counts those where the
 * derivative, as the network's backward pass computes it (the family's
 * deriv_n under the kink convention s), is exactly 0.  The estimate is
 * what the code computes in double precision.  In exact arithmetic:
 *   relu, and leaky_relu or prelu with alpha = 0:  Phi(-mu / sigma)
 *   leaky_relu, prelu with alpha != 0; identity, sigmoid, tanh, elu,
 *   softplus:                                     0
 * (z = 0 exactly has probability 0, so s does not matter.)  In double
 * precision the smooth families' derivatives round to 0 in the tails:
 * sigmoid' = f (1 - f) once f rounds to 1 (z >= 36.74, 53 ln 2) or
 * e^z underflows (z <= -745.13); tanh' = 1 - tanh^2 once tanh rounds to
 * +-1 (|z| >= 19.06); softplus' = sigmoid(beta z) for beta z <= -745.13;
 * elu' = alpha e^z for z <= -745.13.  With mu = 0, sigma = 1 these tails
 * are far beyond any sample; with mu = 100 every sample of sigmoid and
 * tanh lands in them.
 * ------------------------------------------------------------------- */

typedef struct {
  const rs_act_type *act;    /* relu */
  double param;              /* NAN (the default): the family's default */
  double kink;               /* s in [0, 1]: 0 */
  double mu;                 /* 0 */
  double sigma;              /* > 0: 1 */
  size_t samples;            /* per trial, >= 1: 10000 */
  size_t trials;             /* for rs_probe_zero_grad: 100 */
  unsigned long seed;        /* 1 */
} rs_probe_zero_grad_opts;

typedef struct {
  size_t trials;
  size_t samples;            /* in all */
  size_t zeros;              /* samples with f'(z) exactly 0 */
  double p;                  /* zeros / samples */
  double se;                 /* sqrt(p (1 - p) / samples) */
  double lo;                 /* Wilson 95 % */
  double hi;
  double exact;              /* the value in exact arithmetic above, or
                                NAN for a family not listed there */
} rs_probe_zero_grad_result;

void rs_probe_zero_grad_default (rs_probe_zero_grad_opts *o);
int rs_probe_zero_grad_check (const rs_probe_zero_grad_opts *o,
                              rs_error *err);
void rs_probe_zero_grad_clear (rs_probe_zero_grad_result *r);

/* The exact-arithmetic probability for o (its act, param, mu and sigma),
 * NAN when not known. */
double rs_probe_zero_grad_exact (const rs_probe_zero_grad_opts *o);

int rs_probe_zero_grad_run (const rs_probe_zero_grad_opts *o, size_t first,
                            size_t last, rs_probe_zero_grad_result *r,
                            rs_error *err);
int rs_probe_zero_grad (const rs_probe_zero_grad_opts *o,
                        rs_probe_zero_grad_result *r, rs_error *err);

/* ---------------------------------------------------------------------
 * Constant networks (C4)
 *
 * A network is constant on a domain when its output does not depend on
 * its input there.  Two deciders:
 *
 * rs_probe_constant_1d, exact, for one input and piecewise linear
 * activations (identity, relu, leaky_relu, prelu) on an interval [lo, hi]:
 * the network is piecewise linear in x.  Layer by layer it keeps the
 * sorted breakpoints of [lo, hi] and, on each piece, every unit's output
 * as a + b x.  A unit's z = A + B x on a piece changes sign at most once,
 * at -A / B; such a point strictly inside the piece splits it.  On each
 * resulting piece every unit keeps one side of its kink, so its output is
 * again linear.  Neighbouring pieces with the same linear maps are merged.
 * A layer's output is constant iff every slope b is 0 on every piece (by
 * continuity the values then agree).  Slopes are computed in floating
 * point: a dead layer gives slopes that are exactly 0, but a network that
 * is constant only because nonzero slopes cancel (a set of measure zero
 * for continuous weights) may be missed by rounding.
 *
 * rs_probe_constant_box, a sufficient condition for any number of inputs
 * and every activation family of rs_act.h: interval bound propagation of
 * the box.  Layer 1's intervals are exact (max over the box of w.x + b
 * takes each x_k at the end that favours w_k); later ones enclose the
 * true ranges.  A layer all of whose intervals are single points is
 * constant, and so is the network.  For ReLU layers this finds "every
 * unit of some layer is inactive on the whole box" (C4); a constant
 * network it does not find is reported as not constant, so counts from
 * it are lower bounds.
 * ------------------------------------------------------------------- */

/* The linear pieces rs_probe_constant_1d keeps for one layer, at most. */
#define RS_PROBE_MAX_PIECES 16384

typedef struct {
  int constant;       /* 1: constant on the domain */
  int exact;          /* 1: decided exactly; 0: constant = 0 means only
                         "not shown constant" */
  size_t layer;       /* the first layer whose output is constant on the
                         domain (for ReLU hidden layers: every unit
                         inactive everywhere, a dead layer); 0 for none */
  size_t pieces;      /* 1-D: the linear pieces of the output on the
                         domain (neighbours with the same map merged), or
                         of the layer where the decision stopped; 0 for
                         the box */
} rs_probe_verdict;

/* net has one input; dom.lo < dom.hi, both finite.  RS_EINVAL for another
 * network or domain, or beyond RS_PROBE_MAX_PIECES pieces. */
int rs_probe_constant_1d (const rs_net *net, rs_interval dom,
                          rs_probe_verdict *v, rs_error *err);

/* box[k] is the range of input k, lo < hi, both finite. */
int rs_probe_constant_box (const rs_net *net, const rs_interval *box,
                           rs_probe_verdict *v, rs_error *err);

/* ---------------------------------------------------------------------
 * Born dead: P(a random ReLU network is constant on its domain) (C4)
 *
 * Trial t draws a network of `inputs` inputs, `depth` hidden layers of
 * `width` units (or widths[l] each) with activation act, and one identity
 * output: weights from init, row by row and layer by layer (rs_net_init),
 * then, for RS_PROBE_BIAS_NORMAL and RS_PROBE_BIAS_HE, every bias from its
 * normal law in the same order.
 * With one input it is decided by rs_probe_constant_1d on the domain,
 * exactly; with more, on the box domain^inputs by rs_probe_constant_box,
 * and the result is marked as a lower bound.
 *
 * For instance with zero biases, a domain of positive x and weights from
 * any symmetric continuous distribution, f(x) = x f(1) (ReLU is positively
 * homogeneous), so f is constant iff f(1) = 0, iff some hidden layer is
 * wholly inactive at x = 1; each unit of a layer whose input is a nonzero
 * nonnegative vector is active with probability 1/2, independently, so
 * P(constant) = 1 - prod_l (1 - 2^-n_l) over the hidden layers.
 * ------------------------------------------------------------------- */

typedef enum {
  RS_PROBE_BIAS_CONSTANT = 0,   /* every bias = bias */
  RS_PROBE_BIAS_NORMAL,         /* every bias ~ N(0, bias^2) */
  RS_PROBE_BIAS_HE              /* layer l's biases ~ N(0, 2 / n_(l-1)),
                                   the fan-in's He scale (Lu et al. 2020) */
} rs_probe_bias_dist;

typedef struct {
  size_t inputs;             /* 1 ... RS_NET_MAX_UNITS: 1 */
  size_t width;              /* 1 ... RS_NET_MAX_UNITS: 3 */
  size_t depth;              /* hidden layers, 1 ... RS_NET_MAX_LAYERS - 1:
                                5 */
  const rs_act_type *act;    /* the hidden layers: relu; one of identity,
                                relu, leaky_relu, prelu for one input */
  double param;              /* NAN (the default): the family's default */
  const rs_init_type *init;  /* he_normal */
  double init_c;             /* the constant of "constant": 0 */
  rs_probe_bias_dist bias_dist;  /* RS_PROBE_BIAS_CONSTANT */
  double bias;               /* the constant, or the standard deviation
                                (>= 0): 0 */
  rs_interval domain;        /* of each input, lo < hi: [-1, 1] */
  size_t trials;             /* for rs_probe_born_dead: 1000 */
  unsigned long seed;        /* 1 */
  size_t widths[RS_NET_MAX_LAYERS];  /* hidden layer l + 1's units, 1 ...
                                        RS_NET_MAX_UNITS, for l < depth;
                                        widths[0] = 0 (the default): every
                                        layer has width */
} rs_probe_born_dead_opts;

typedef struct {
  size_t trials;
  size_t constant;           /* trials found constant */
  /* by_layer[l]: trials whose first constant layer is l (1 ... depth + 1;
   * depth + 1 is the output: constant with no constant hidden layer) */
  size_t by_layer[RS_NET_MAX_LAYERS + 1];
  int lower_bound;           /* 1: inputs > 1, constant is a lower bound */
  double p;                  /* constant / trials */
  double lo;                 /* Wilson 95 % */
  double hi;
} rs_probe_born_dead_result;

void rs_probe_born_dead_default (rs_probe_born_dead_opts *o);
int rs_probe_born_dead_check (const rs_probe_born_dead_opts *o,
                              rs_error *err);
void rs_probe_born_dead_clear (rs_probe_born_dead_result *r);

/* The network of trial t, newly allocated (to look at a trial found
 * constant); NULL with err on bad options or when out of memory. */
rs_net *rs_probe_born_dead_net (const rs_probe_born_dead_opts *o, size_t t,
                                rs_error *err);

int rs_probe_born_dead_run (const rs_probe_born_dead_opts *o, size_t first,
                            size_t last, rs_probe_born_dead_result *r,
                            rs_error *err);
int rs_probe_born_dead (const rs_probe_born_dead_opts *o,
                        rs_probe_born_dead_result *r, rs_error *err);

/* ---------------------------------------------------------------------
 * Dead-unit sweep (C4, C8, C9)
 *
 * For each value v of one field and each seed s = 0 ... seeds - 1, a run
 * of base (a network with hidden layers) with seed base.seed + s and the
 * field set to v, trained to its end (rs_sim_run).  A hidden unit is dead
 * as rs_sim_dead_units says: active on none of the training points, in a
 * layer whose activation has slope 0 below its kink (ReLU; a Leaky ReLU
 * unit is never dead).  The fraction of dead hidden units is taken at the
 * start (right after initialisation, step 0) and at the end.  Runs that
 * diverge count at the start only.  Every value uses the same seeds, so
 * the starts differ only through the field itself.
 *
 * Trial t is value t / seeds with seed t % seeds: rs_probe_sweep_trials
 * gives their number.
 * ------------------------------------------------------------------- */

#define RS_PROBE_MAX_VALUES 64

typedef enum {
  RS_PROBE_RATE = 0,   /* base learning rate, (0, 100] */
  RS_PROBE_BIAS0,      /* every initial bias (C9), finite */
  RS_PROBE_DECAY,      /* weight decay lambda in [0, 1000], biases
                          decayed too (C7) */
  RS_PROBE_ALPHA       /* in [0, 1): hidden relu and leaky_relu layers
                          become leaky_relu with this alpha when > 0,
                          relu when 0 (C8) */
} rs_probe_field;

/* "rate", "bias0", "decay", "alpha". */
const char *rs_probe_field_name (rs_probe_field f);

typedef struct {
  rs_sim_params base;        /* rs_sim_params_default with a 1-16-1 ReLU
                                network on sine 64 */
  rs_probe_field field;      /* RS_PROBE_RATE */
  size_t n_values;           /* 1 ... RS_PROBE_MAX_VALUES: 4 */
  double values[RS_PROBE_MAX_VALUES];  /* 0.01, 0.03, 0.1, 0.3 */
  size_t seeds;              /* S >= 1: 8 */
} rs_probe_sweep_opts;

/* One value's dead fractions.  Intervals: mean +- t sd / sqrt(m), t the
 * 0.975 quantile of Student's t with m - 1 degrees of freedom over the m
 * runs, clipped to [0, 1]; NAN while m < 2. */
typedef struct {
  double value;
  size_t runs;               /* started */
  size_t diverged;           /* of which diverged */
  double mean0;              /* dead fraction at the start, over runs */
  double lo0;
  double hi0;
  double mean;               /* at the end, over the runs that did not
                                diverge (NAN when none) */
  double lo;
  double hi;
  /* the sums behind them */
  double sum0;
  double sum_sq0;
  double sum;
  double sum_sq;
} rs_probe_sweep_point;

typedef struct {
  size_t n_values;
  rs_probe_sweep_point point[RS_PROBE_MAX_VALUES];
} rs_probe_sweep_result;

void rs_probe_sweep_default (rs_probe_sweep_opts *o);
int rs_probe_sweep_check (const rs_probe_sweep_opts *o, rs_error *err);
void rs_probe_sweep_clear (rs_probe_sweep_result *r);
size_t rs_probe_sweep_trials (const rs_probe_sweep_opts *o);

/* The parameters of trial t's run into p. */
int rs_probe_sweep_params (const rs_probe_sweep_opts *o, size_t t,
                           rs_sim_params *p, rs_error *err);

int rs_probe_sweep_run (const rs_probe_sweep_opts *o, size_t first,
                        size_t last, rs_probe_sweep_result *r,
                        rs_error *err);
int rs_probe_sweep (const rs_probe_sweep_opts *o, rs_probe_sweep_result *r,
                    rs_error *err);

#ifdef __cplusplus
}
#endif

#endif /* RS_PROBE_H */
