/* rs_train.h: training and the cures (CONCEPTS.md C5 - C11).
 *
 * Optimisers and schedules are const tables, in GSL's manner.  Everything
 * here works on a network's flat parameter vector theta and a gradient of
 * the same size; the network itself is only asked which entries are
 * weights, biases or slopes.  Random numbers come from the caller's
 * gsl_rng. */
#ifndef RS_TRAIN_H
#define RS_TRAIN_H

#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>
#include <reluscape/rs_loss.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The optimisers' constants, with PyTorch's defaults. */
typedef struct {
  double momentum;   /* heavy ball and Nesterov: mu = 0.9 */
  double rho;        /* RMSProp: decay of the mean square, 0.99 */
  double beta1;      /* Adam: 0.9 */
  double beta2;      /* Adam: 0.999 */
  double eps;        /* RMSProp and Adam: 1e-8 */
} rs_optim_params;

void rs_optim_params_default (rs_optim_params *p);

/* RS_OK when every constant is in range: momentum, rho, beta1, beta2 in
 * [0, 1), eps in (0, 1]. */
int rs_optim_params_check (const rs_optim_params *p, rs_error *err);

/* An optimiser: its name, how many state vectors it keeps per parameter,
 * and one step.  t is the number of the step being taken, 1 for the
 * first.  The steps, with g the gradient and eta the rate:
 *   gd        theta -= eta g
 *   momentum  v = mu v + g;                      theta -= eta v
 *   nesterov  v = mu v + g;                      theta -= eta (g + mu v)
 *   rmsprop   s = rho s + (1 - rho) g^2;         theta -= eta g / (sqrt s + eps)
 *   adam      m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;
 *             theta -= eta (m / (1 - b1^t)) / (sqrt (v / (1 - b2^t)) + eps)
 * with every state vector starting at 0 (PyTorch's definitions). */
typedef struct {
  const char *name;
  size_t slots;
  void (*step) (const rs_optim_params *p, double *theta, const double *g,
                double *state, size_t np, size_t t, double eta);
} rs_optim_type;

extern const rs_optim_type *const rs_optim_gd;
extern const rs_optim_type *const rs_optim_momentum;
extern const rs_optim_type *const rs_optim_nesterov;
extern const rs_optim_type *const rs_optim_rmsprop;
extern const rs_optim_type *const rs_optim_adam;

extern const rs_optim_type *const rs_optim_types[];
const rs_optim_type *rs_optim_lookup (const char *name);

/* An optimiser with its state for np parameters; p may be NULL for
 * rs_optim_params_default's values. */
typedef struct rs_optim rs_optim;

rs_optim *rs_optim_alloc (const rs_optim_type *t, const rs_optim_params *p,
                          size_t np, rs_error *err);
void rs_optim_free (rs_optim *o);

/* Forget the state: the next step is step 1 again. */
void rs_optim_reset (rs_optim *o);

/* One step of theta against grad (both of np entries, any stride) at
 * rate eta.  When either has another size nothing happens and the step
 * is not counted. */
void rs_optim_step (rs_optim *o, gsl_vector *theta, const gsl_vector *grad,
                    double eta);

const rs_optim_type *rs_optim_get_type (const rs_optim *o);
size_t rs_optim_steps (const rs_optim *o);

/* The whole state as doubles (steps taken, then the state vectors), to
 * store and restore it: a run rewound to a recorded step goes on exactly
 * as it went the first time. */
size_t rs_optim_state_size (const rs_optim *o);
void rs_optim_save (const rs_optim *o, double *buf);
void rs_optim_load (rs_optim *o, const double *buf);

/* Learning-rate schedules: a factor f(t) >= 0 of the base rate at step t
 * (0 for the first step), after an optional linear warm-up.
 *   constant  1
 *   step      gamma^floor(t / every)
 *   cosine    floor + (1 - floor) (1 + cos(pi t / total)) / 2 for t < total,
 *             floor after
 *   linear    1 + (floor - 1) t / total for t < total, floor after
 * With warmup W > 0 the factor is further multiplied by (t + 1) / W for
 * t < W.  t counts the steps already taken (rs_optim_steps before the
 * step), while an optimiser numbers the step being taken from 1.
 * rs_sched_default sets every 1, gamma 1, total 1, floor 0 and warmup 0;
 * rs_sched_check checks the fields its type uses. */
typedef struct rs_sched_type rs_sched_type;

typedef struct {
  const rs_sched_type *type;
  size_t every;      /* step */
  double gamma;      /* step: factor per period, in (0, 1] */
  size_t total;      /* cosine, linear: length of the decay */
  double floor;      /* cosine, linear: final factor in [0, 1] */
  size_t warmup;     /* steps of linear warm-up, 0 for none */
} rs_sched;

struct rs_sched_type {
  const char *name;
  double (*factor) (const rs_sched *s, size_t t);
};

extern const rs_sched_type *const rs_sched_constant;
extern const rs_sched_type *const rs_sched_step;
extern const rs_sched_type *const rs_sched_cosine;
extern const rs_sched_type *const rs_sched_linear;

extern const rs_sched_type *const rs_sched_types[];
const rs_sched_type *rs_sched_lookup (const char *name);

/* A constant schedule without warm-up. */
void rs_sched_default (rs_sched *s);
int rs_sched_check (const rs_sched *s, rs_error *err);

/* The factor at step t, warm-up included. */
double rs_sched_factor (const rs_sched *s, size_t t);

/* Clip grad to Euclidean norm at most max_norm (max_norm > 0; 0 turns
 * clipping off).  Returns the norm before clipping. */
double rs_train_clip (gsl_vector *grad, double max_norm);

/* Weight decay with factor lambda >= 0.  Weights are always decayed,
 * biases only when biases is set (C7: modern practice leaves them out),
 * PReLU slopes never.  Coupled (L2 in the gradient): grad += lambda theta.
 * Decoupled (AdamW): theta -= eta lambda theta, applied before the
 * optimiser's step.  Under plain gradient descent both give, for a dead
 * unit whose data gradient is 0, b <- (1 - eta lambda) b (C7). */
typedef struct {
  double lambda;
  int decoupled;
  int biases;
} rs_decay;

/* Whether entry i of net's parameters is decayed by d, by the kind of
 * entry alone (lambda and decoupled are not looked at). */
int rs_decay_applies (const rs_decay *d, const rs_net *net, size_t i);

/* Coupled: add lambda theta_i to grad_i on the decayed entries (nothing
 * when d is decoupled or lambda is 0). */
void rs_decay_grad (const rs_decay *d, const rs_net *net,
                    const gsl_vector *theta, gsl_vector *grad);

/* Decoupled: theta_i *= 1 - eta lambda on the decayed entries (nothing
 * when d is coupled or lambda is 0). */
void rs_decay_step (const rs_decay *d, const rs_net *net, gsl_vector *theta,
                    double eta);

/* Bias warming (C10): gamma0 added to every hidden bias, held for `hold`
 * steps from step `start`, then annealed to 0 over `anneal` steps,
 * linearly or along a half cosine; exactly 0 from start + hold + anneal
 * on, and before start. */
typedef enum {
  RS_WARM_LINEAR = 0,
  RS_WARM_COSINE
} rs_warm_shape;

typedef struct {
  double gamma0;
  size_t start;
  size_t hold;
  size_t anneal;
  rs_warm_shape shape;
} rs_warming;

int rs_warming_check (const rs_warming *w, rs_error *err);
double rs_warming_gamma (const rs_warming *w, size_t t);

/* theta's hidden biases (layers 1 ... L-1) += gamma.  Apply it to a copy
 * of the trained parameters: (b + gamma) - gamma is not always b. */
void rs_warming_shift (const rs_net *net, gsl_vector *theta, double gamma);

/* A thermal kick (C11): an N(0, sigma^2) perturbation of every parameter
 * of the target, drawn from r in the order of the parameter vector. */
typedef enum {
  RS_KICK_ALL = 0,   /* PReLU slopes included */
  RS_KICK_WEIGHTS,
  RS_KICK_BIASES,
  RS_KICK_UNIT       /* one unit's incoming weights and bias, not its
                        PReLU slope */
} rs_kick_target;

typedef struct {
  rs_kick_target target;
  size_t layer;      /* RS_KICK_UNIT: 1 ... L */
  size_t unit;       /* RS_KICK_UNIT: 0 ... sizes[layer] - 1 */
  double sigma;      /* > 0 */
} rs_kick_spec;

int rs_kick_check (const rs_kick_spec *k, const rs_net *net, rs_error *err);

/* Whether entry i of net's parameters is moved by k. */
int rs_kick_applies (const rs_kick_spec *k, const rs_net *net, size_t i);

void rs_train_kick (const rs_kick_spec *k, const rs_net *net,
                    gsl_vector *theta, gsl_rng *r);

/* One step of Langevin dynamics at temperature T >= 0 (C11):
 * theta <- theta - eta grad + sqrt(2 eta T) xi, xi ~ N(0, I) from r.
 * Its stationary distribution is proportional to exp(-L(theta) / T).
 * At T <= 0 it is plain gradient descent and draws nothing from r. */
void rs_train_langevin (gsl_vector *theta, const gsl_vector *grad,
                        double eta, double T, gsl_rng *r);

#ifdef __cplusplus
}
#endif

#endif /* RS_TRAIN_H */
