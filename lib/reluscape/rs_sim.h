/* rs_sim.h: one running scene: a network, its data and loss, the
 * optimiser and its schedule, weight decay, the cures (Leaky ReLU, bias
 * warming, kicks, Langevin noise), a timeline of events, the recorded
 * trajectory and the stop rules (converged, stuck on a plateau, diverged).
 *
 * The caller drives the run, in GSL's manner: rs_sim_iterate takes one
 * step, rs_sim_test says where the run stands.  The app steps once per
 * tick, the command line steps to the end with rs_sim_run.
 *
 * Every random draw of step t comes from a generator seeded with the run's
 * seed and t, so a run is the same bit for bit from its parameters, and a
 * run rewound to a recorded step goes on exactly as it went before.
 *
 * With net.layers = 0 the network is the single neuron y = f(w x + b) of
 * the landscape scenes: activation act with parameter alpha, starting at
 * (w0, b0), trained on the mean squared error. */
#ifndef RS_SIM_H
#define RS_SIM_H

#include <reluscape/rs_train.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RS_SIM_MAX_KICKS 64
#define RS_SIM_MAX_EVENTS 64
#define RS_SIM_MAX_VALUES 64

/* The recorded trajectory never holds more than this many points, nor
 * more than record_bytes of memory, except that it always has room for
 * 4 points (a large network's 4 points may take more): when it is
 * full, every other point without an event is dropped. */
#define RS_SIM_MAX_RECORD 65536

/* Names or patterns of frozen parameters, at most. */
#define RS_SIM_MAX_FROZEN 64

/* A thermal kick of scale sigma on target, applied once the run has taken
 * `step` steps, drawn from a generator seeded with `seed` (C11). */
typedef struct {
  size_t step;
  double sigma;
  unsigned long seed;
  rs_kick_target target;
  size_t layer;
  size_t unit;
} rs_kick;

/* Kicks the run gives itself when it is stuck: once the gradient norm has
 * stayed below eps, with some unit dead, for `patience` steps in a row
 * (C11).  Every kick starts the count again, so a kick that lands on the
 * plateau is followed by the next one `patience` steps later.  A run that converges with every unit alive is never kicked.
 * Off when sigma is 0. */
typedef struct {
  double sigma;
  double eps;
  size_t patience;
  rs_kick_target target;
} rs_sim_autokick;

/* A change at a step of the timeline. */
typedef enum {
  RS_SIM_SET_ALPHA = 1,   /* Leaky ReLU with this alpha from now on (C8) */
  RS_SIM_SET_RATE,        /* the base learning rate */
  RS_SIM_BEAT             /* a mark where a presentation pauses */
} rs_sim_action;

typedef struct {
  size_t step;
  rs_sim_action action;
  double value;
} rs_sim_event;

/* A parameter set by name after initialisation ("W1[0][1]", "b1[0]"). */
typedef struct {
  char name[32];
  double value;
} rs_sim_value;

/* Everything a run needs; fill with rs_sim_params_default, then change. */
typedef struct {
  unsigned long seed;          /* data, initialisation, batches, noise */
  /* the data: a generator, or the line y = slope x + intercept + noise
   * when gen is NULL, or a copy of `data` when it is not NULL */
  const rs_data_gen *gen;
  size_t n_points;             /* >= 2 */
  double slope;
  double intercept;
  double noise;
  const rs_data *data;
  /* the network and its start */
  rs_net_spec net;             /* layers = 0: the single neuron */
  const rs_act_type *act;      /* the single neuron's activation */
  double alpha;                /* Leaky ReLU's slope, also used when the
                                  app switches Leaky ReLU on */
  double kink;                 /* f' at a kink, s in [0, 1] */
  double w0;                   /* the single neuron's start */
  double b0;
  const rs_init_type *init;    /* networks: he_normal by default */
  double init_c;               /* the constant of "constant" */
  double bias0;                /* every bias at the start (C9) */
  size_t n_values;
  rs_sim_value values[RS_SIM_MAX_VALUES];
  size_t n_frozen;             /* parameters that never train: names such
                                  as W2[0][1], or patterns where '*'
                                  stands for any layer or index */
  char frozen[RS_SIM_MAX_FROZEN][32];
  const rs_loss_type *loss;    /* mse by default */
  /* training */
  const rs_optim_type *optim;  /* gd by default */
  rs_optim_params optim_params;
  double rate;                 /* base learning rate */
  rs_sched sched;
  size_t batch;                /* points per step; 0: all (full batch) */
  double clip;                 /* gradient norm clip, 0: none */
  rs_decay decay;
  rs_warming warming;          /* off while gamma0 = 0; shifts the hidden
                                  biases, or the single neuron's b */
  double temperature;          /* Langevin noise, 0: none */
  rs_sched temp_sched;         /* T(t) = temperature * factor(t) */
  /* kicks and events */
  double kick_sigma;           /* scale of an interactive kick */
  size_t n_kicks;
  rs_kick kicks[RS_SIM_MAX_KICKS];
  rs_sim_autokick autokick;
  size_t n_events;
  rs_sim_event events[RS_SIM_MAX_EVENTS];
  /* stopping and recording */
  size_t steps;                /* length of a run */
  double tol;                  /* gradient norm at which the ball rests */
  size_t record_every;         /* record every k-th step (events always) */
  size_t record_bytes;         /* memory for the trajectory */
} rs_sim_params;

/* The defaults: the single neuron with ReLU (alpha 0.1 kept for Leaky
 * ReLU) on y = 2x + 1 at 24 points with noise 0.05, seed 1, start
 * (0.5, 0.5); for networks He normal weights and biases 0; mean squared
 * error; plain gradient descent at rate 0.1 on the full batch, constant
 * schedule, no clipping, no decay, no warming, no noise; kick scale 1;
 * 200 steps, tolerance 1e-6; every step recorded in at most 64 MiB. */
void rs_sim_params_default (rs_sim_params *p);

/* Check p: every value in range; returns RS_OK or RS_EINVAL with err. */
int rs_sim_params_check (const rs_sim_params *p, rs_error *err);

typedef enum {
  RS_SIM_RUNNING = 0,
  RS_SIM_CONVERGED,   /* gradient norm <= tol, no layer wholly dead */
  RS_SIM_STUCK,       /* gradient norm <= tol and every unit of some layer
                         dead: the output no longer depends on the input
                         and no gradient flows (a plateau, C5); or an
                         infinite loss with no gradient (a ReLU-normalised
                         head, C12) */
  RS_SIM_DIVERGED     /* a parameter or the loss became NaN or Inf */
} rs_sim_status;

/* Names of the statuses: "running", "converged", "stuck", "diverged". */
const char *rs_sim_status_name (rs_sim_status s);

enum {
  RS_EVENT_START = 1,   /* the first point of a run, or a restart */
  RS_EVENT_KICK = 2,    /* a thermal kick moved the ball here */
  RS_EVENT_ACT = 4,     /* the activation changed at this point */
  RS_EVENT_RATE = 8,    /* the base rate changed */
  RS_EVENT_BEAT = 16,   /* a presentation beat */
  RS_EVENT_AUTOKICK = 32, /* the kick was the run's own, when stuck */
  RS_EVENT_TRAIN = 64   /* the training settings changed (rs_sim_set_training) */
};

/* The names of the event bits set in events, separated by '+'
 * ("kick+act"), into buf; "" for none.  The names: start, kick, act,
 * rate, beat, autokick, train. */
char *rs_sim_event_names (unsigned events, char *buf, size_t n);

/* One recorded point: the state after `step` steps.  w and b are W1[0][0]
 * and b1[0], the coordinates of the single neuron's landscape; active is
 * on how many points unit 0 of layer 1 is active; dead counts the dead
 * units of every layer that is not the identity. */
typedef struct {
  size_t step;
  double w;
  double b;
  double loss;
  double gnorm;
  size_t active;
  size_t dead;
  unsigned events;
  double rate;          /* the rate of the step taken from here */
  double gamma;         /* bias warming's shift at this step */
  double temperature;   /* Langevin's T at this step */
} rs_sim_point;

/* Whether the parameter name (as rs_net_param_name writes it) matches
 * pattern, in which '*' stands for one or more digits: W2[*][*] matches
 * every weight of layer 2, b*[0] the first bias of every layer. */
int rs_net_param_match (const char *pattern, const char *name);

/* The frozen parameters of p (its names and patterns) as a mask of
 * rs_net_nparams (net) bytes, 1 for frozen.  RS_EINVAL with err naming
 * the first name or pattern that matches no parameter of net. */
int rs_sim_freeze_mask (const rs_net *net, const rs_sim_params *p,
                        unsigned char *mask, rs_error *err);

typedef struct rs_sim rs_sim;

/* A run at its start, with its data and network made from p; NULL with
 * err when p is out of range or memory runs out. */
rs_sim *rs_sim_alloc (const rs_sim_params *p, rs_error *err);
void rs_sim_free (rs_sim *s);

/* One step: apply the events and kicks due at the current step, then one
 * optimiser step, then record.  Returns RS_OK, or RS_EDIVERGED once the
 * state is no longer finite (the state is then left as it is). */
int rs_sim_iterate (rs_sim *s);

/* Where the run stands at its current point. */
rs_sim_status rs_sim_test (const rs_sim *s);

/* Iterate until p->steps steps have been taken, or the run diverges.
 * Returns RS_OK or RS_EDIVERGED. */
int rs_sim_run (rs_sim *s);

/* Start again from the initial network: step 0, trajectory cleared. */
void rs_sim_reset (rs_sim *s);

/* Start again from the parameters theta (rs_net_nparams values), with
 * the scene's activations and rate and the training settings of now
 * (rs_sim_set_training): step 0, trajectory cleared. */
void rs_sim_start_at (rs_sim *s, const double *theta);

/* The single neuron: start again from (w, b). */
void rs_sim_restart (rs_sim *s, double w, double b);

/* Go back to recorded point i: its parameters, optimiser state and step;
 * the points after it are dropped.  RS_EINVAL when i is out of range. */
int rs_sim_rewind (rs_sim *s, size_t i);

/* A kick now, of scale sigma on every parameter, from the run's own
 * generator (seeded from the seed and the step). */
void rs_sim_kick (rs_sim *s, double sigma);

/* Change the activation of every ReLU-family layer (relu, leaky_relu)
 * from now on (C8).  RS_EINVAL (nothing changed) when act is not relu or
 * leaky_relu, or alpha is outside [0, 1). */
int rs_sim_set_activation (rs_sim *s, const rs_act_type *act, double alpha);

/* Change the base learning rate from now on, rate in (0, 100]. */
int rs_sim_set_rate (rs_sim *s, double rate);

/* Hold Langevin's temperature at T in [0, 1e6] from now on, in place of
 * the scene's schedule (C11), as a new point of the same step marked
 * RS_EVENT_TRAIN; a rewind before it, a restart or a reset gives the
 * schedule back.  RS_EINVAL (nothing changed) outside that range. */
int rs_sim_set_temperature (rs_sim *s, double temperature);

/* How a run trains, besides its rate and activations: what
 * rs_sim_set_training can change while it runs. */
typedef struct {
  const rs_optim_type *optim;
  rs_optim_params optim_params;
  rs_warming warming;          /* its start counts steps of the run */
  rs_decay decay;
  double kink;                 /* f' at a kink, s in [0, 1] (C3) */
} rs_sim_training;

/* The training settings now: those of the parameters, or of the last
 * rs_sim_set_training before the current point. */
void rs_sim_get_training (const rs_sim *s, rs_sim_training *t);

/* The training settings recorded point i trained with (and the points
 * after it, up to the next change).  RS_EINVAL when i is out of range. */
int rs_sim_training_at (const rs_sim *s, size_t i, rs_sim_training *t);

/* Train with t from now on, recorded as a new point of the same step
 * (RS_EVENT_TRAIN); rs_sim_get_params shows the new settings.  Another
 * optimiser, or other constants, start from a fresh state (its first
 * step is step 1 again); the same one keeps its state.  A rewind to a
 * point before the change brings the settings of that point back.
 * RS_EINVAL with err (nothing changed) when a value is out of the range
 * of rs_sim_params_check; RS_ENOMEM when memory runs out. */
int rs_sim_set_training (rs_sim *s, const rs_sim_training *t, rs_error *err);

/* A copy of s that goes on exactly as s would, bit for bit: its state,
 * optimiser, settings and recorded trajectory, with data of its own.  The
 * two are independent afterwards.  NULL with err when memory runs out. */
rs_sim *rs_sim_clone (const rs_sim *s, rs_error *err);

/* The parameters of the run, with the training settings of now and the
 * run's own copy of the data as `data`: rs_sim_alloc makes the same run
 * from them again. */
const rs_sim_params *rs_sim_get_params (const rs_sim *s);
const rs_net *rs_sim_net (const rs_sim *s);
const rs_data *rs_sim_data (const rs_sim *s);
const rs_loss_type *rs_sim_loss (const rs_sim *s);

/* Whether the network is the single neuron; its current state. */
int rs_sim_is_neuron (const rs_sim *s);
const rs_neuron *rs_sim_neuron (const rs_sim *s);

size_t rs_sim_step_count (const rs_sim *s);
/* The step at which the run came to rest on the plateau in its current
 * stretch of rest, or (size_t) -1 when it is not resting there. */
size_t rs_sim_stuck_since (const rs_sim *s);
size_t rs_sim_n_recorded (const rs_sim *s);
const rs_sim_point *rs_sim_recorded (const rs_sim *s, size_t i);
/* The parameters at recorded point i (rs_net_nparams values). */
const double *rs_sim_theta (const rs_sim *s, size_t i);
/* Fill net, a network of the run's shape (rs_net_clone of rs_sim_net),
 * with recorded point i's parameters and activations; with shifted set,
 * bias warming's shift of that point is added as the run added it, giving
 * the network the run trained through.  RS_EINVAL when i is out of range
 * or net has another shape. */
int rs_sim_net_at (const rs_sim *s, size_t i, rs_net *net, int shifted);

/* The last recorded point (there is always one). */
const rs_sim_point *rs_sim_current (const rs_sim *s);
/* 1 when parameter i of the run's network is frozen ('freeze'), else 0. */
int rs_sim_frozen (const rs_sim *s, size_t i);

/* How many points the trajectory can hold before it thins itself. */
size_t rs_sim_record_capacity (const rs_sim *s);

/* A dead unit: unit j of layer l. */
typedef struct {
  size_t layer;
  size_t unit;
} rs_sim_unit;

/* The dead units at the current point, up to max of them into list (may
 * be NULL); returns how many there are. */
size_t rs_sim_dead_units (const rs_sim *s, rs_sim_unit *list, size_t max);

/* After a divergence: at which step, and in which parameter (its name, or
 * "loss" when only the loss left the finite numbers), into buf.  Returns
 * 0 when the run has not diverged. */
int rs_sim_divergence (const rs_sim *s, size_t *step, char *buf, size_t n);

/* The unit a figure of the run is about (its default landscape is over
 * this unit's weight and bias), and why. */
typedef enum {
  RS_FOCUS_NONE = 0,   /* no hidden unit dies: unit 0 of layer 1 */
  RS_FOCUS_GIVEN,      /* the caller's (a scene's 'focus') */
  RS_FOCUS_DIED,       /* the first hidden unit found dead (C4) */
  RS_FOCUS_REVIVED     /* the first dead unit alive again (a kick, a cure,
                          or the layers below it moving) */
} rs_focus_why;

typedef struct {
  rs_sim_unit unit;    /* unit j of layer l, l from 1 */
  size_t input;        /* the input k of its incoming weight W<l>[j][k]
                          that moves its pre-activation most */
  rs_focus_why why;
  size_t index;        /* the recorded point where it died or revived (0
                          for RS_FOCUS_NONE and RS_FOCUS_GIVEN) */
} rs_sim_focus;

/* Find the focus of the run's recorded trajectory from the units'
 * activity counts at every recorded point (with bias warming's shift, as
 * the run trained): given when not NULL; else the first hidden unit that
 * is alive again after being dead (the earliest revival, ties to the
 * earliest death, then layer and unit order); else the first hidden unit
 * dead at a recorded point (a unit dead from the start counts, at point
 * 0); else unit 0 of layer 1.  A network of one layer (the single neuron)
 * has its one unit.  Of the unit's incoming weights, the one whose term
 * |W[j][k]| * rms(a_k) over the data is largest at that point.  RS_EINVAL
 * when given names no hidden unit; RS_ENOMEM when memory runs out. */
int rs_sim_focus_unit (const rs_sim *s, const rs_sim_unit *given,
                       rs_sim_focus *f, rs_error *err);

#ifdef __cplusplus
}
#endif

#endif /* RS_SIM_H */
