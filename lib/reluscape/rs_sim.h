/* rs_sim.h: one running scene: the neuron, its data, the timeline of
 * kicks, the recorded trajectory and the stop rules (converged, stuck on a
 * plateau, diverged).
 *
 * The caller drives the run, in GSL's manner: rs_sim_iterate takes one
 * step, rs_sim_test says where the run stands.  The app steps once per
 * tick, the command line steps to the end with rs_sim_run. */
#ifndef RS_SIM_H
#define RS_SIM_H

#include <reluscape/rs_train.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RS_SIM_MAX_KICKS 64

/* The recorded trajectory never holds more than this many points: when it
 * is full, every other point without an event is dropped. */
#define RS_SIM_MAX_RECORD 65536

/* A thermal kick of scale sigma, applied once the run has taken `step`
 * steps, drawn from a generator seeded with `seed`. */
typedef struct {
  size_t step;
  double sigma;
  unsigned long seed;
} rs_kick;

/* Everything a run needs; fill with rs_sim_params_default, then change. */
typedef struct {
  unsigned long seed;          /* data noise */
  size_t n_points;             /* >= 2 */
  double slope;                /* the data: y = slope x + intercept + noise */
  double intercept;
  double noise;
  const rs_act_type *act;
  double alpha;                /* Leaky ReLU's slope, also used when the
                                  app switches Leaky ReLU on */
  double kink;                 /* f' at a kink, s in [0, 1] */
  double w0;                   /* the start */
  double b0;
  double rate;                 /* learning rate */
  size_t steps;                /* length of a run */
  double tol;                  /* gradient norm at which the ball rests */
  double kick_sigma;           /* scale of an interactive kick */
  size_t n_kicks;
  rs_kick kicks[RS_SIM_MAX_KICKS];
} rs_sim_params;

/* The defaults: the data y = 2x + 1 at 24 points with noise 0.05, seed 1,
 * ReLU with alpha 0.1 kept for Leaky ReLU, start (0.5, 0.5), rate 0.1,
 * 200 steps, tolerance 1e-6, kick scale 1. */
void rs_sim_params_default (rs_sim_params *p);

/* Check p: every value in range; returns RS_OK or RS_EINVAL with err. */
int rs_sim_params_check (const rs_sim_params *p, rs_error *err);

typedef enum {
  RS_SIM_RUNNING = 0,
  RS_SIM_CONVERGED,   /* gradient norm <= tol with the neuron alive */
  RS_SIM_STUCK,       /* gradient norm <= tol and dead on every point (C5) */
  RS_SIM_DIVERGED     /* w, b or the loss became NaN or Inf */
} rs_sim_status;

/* Names of the statuses: "running", "converged", "stuck", "diverged". */
const char *rs_sim_status_name (rs_sim_status s);

enum {
  RS_EVENT_START = 1,   /* the first point of a run, or a restart */
  RS_EVENT_KICK = 2,    /* a thermal kick moved the ball here */
  RS_EVENT_ACT = 4      /* the activation changed at this point */
};

/* One recorded point: the state after `step` steps. */
typedef struct {
  size_t step;
  double w;
  double b;
  double loss;
  double gnorm;
  size_t active;
  unsigned events;
} rs_sim_point;

typedef struct rs_sim rs_sim;

/* A run at its start, with its data generated from p->seed; NULL with err
 * when p is out of range or memory runs out. */
rs_sim *rs_sim_alloc (const rs_sim_params *p, rs_error *err);
void rs_sim_free (rs_sim *s);

/* One step: apply the kicks due at the current step, then one step of
 * gradient descent, then record.  Returns RS_OK, or RS_EDIVERGED once the
 * state is no longer finite (the state is then left as it is). */
int rs_sim_iterate (rs_sim *s);

/* Where the run stands at its current point. */
rs_sim_status rs_sim_test (const rs_sim *s);

/* Iterate until p->steps steps have been taken, or the run diverges.
 * Returns RS_OK or RS_EDIVERGED. */
int rs_sim_run (rs_sim *s);

/* Start again from (w, b): step 0, trajectory cleared, kicks re-armed. */
void rs_sim_restart (rs_sim *s, double w, double b);

/* A kick now, of scale sigma, from the run's own generator (seeded from
 * p->seed, so a session replays the same kicks). */
void rs_sim_kick (rs_sim *s, double sigma);

/* Change the activation (and alpha) from now on (C8); the run's params
 * keep the scene's.  RS_EINVAL (nothing changed) when act is NULL or alpha
 * is outside [0, 1). */
int rs_sim_set_activation (rs_sim *s, const rs_act_type *act, double alpha);

const rs_sim_params *rs_sim_get_params (const rs_sim *s);
const rs_neuron *rs_sim_neuron (const rs_sim *s);
const rs_data *rs_sim_data (const rs_sim *s);
size_t rs_sim_step_count (const rs_sim *s);
/* The step at which the ball came to rest on the plateau in its current
 * stretch of rest, or (size_t) -1 when it is not resting there. */
size_t rs_sim_stuck_since (const rs_sim *s);
size_t rs_sim_n_recorded (const rs_sim *s);
const rs_sim_point *rs_sim_recorded (const rs_sim *s, size_t i);
/* The last recorded point (there is always one). */
const rs_sim_point *rs_sim_current (const rs_sim *s);

#ifdef __cplusplus
}
#endif

#endif /* RS_SIM_H */
