/* sim_private.h: the insides of rs_sim, shared by the files of a running
 * scene and not exported.
 *
 *   sim.c          building, cloning and freeing a run; what it tells
 *   sim_params.c   the parameters' defaults and checks
 *   sim_step.c     one step: evaluation, the gradient, the update
 *   sim_stop.c     the stop rules: diverged, stuck on a plateau, at rest
 *   sim_record.c   the recorded trajectory: start, store, thin, rewind
 *   sim_events.c   what changes a run on its way: the timeline, kicks and
 *                  the caller's changes, with the training settings'
 *                  versions that a rewind brings back */
#ifndef RS_SIM_PRIVATE_H
#define RS_SIM_PRIVATE_H

#include <gsl/gsl_rng.h>

#include "reluscape/rs_sim.h"

#define NOT_STUCK ((size_t) -1)

/* What a recorded point needs besides rs_sim_point, its parameters and
 * its activations (rec_act, rec_param) to resume exactly. */
typedef struct {
  double rate;
  int temp_set;              /* rs_sim_set_temperature holds T at temp */
  double temp;
  size_t low_since;
  size_t stuck_since;
  int events_done;
  size_t version;            /* the training settings, in rs_sim.ver */
} resume;

/* One version of the training settings, with an optimiser of its own:
 * the recorded points name the version they trained with, so that a
 * rewind brings it back. */
typedef struct {
  rs_sim_training t;
  rs_optim *opt;
} version;

/* Streams of random numbers, one per purpose and step. */
enum { STREAM_INIT = 1, STREAM_BATCH, STREAM_LANGEVIN, STREAM_AUTOKICK,
       STREAM_KICK };

struct rs_sim {
  rs_sim_params p;
  rs_data *data;
  rs_data *batch;            /* minibatch buffer, when batch < n */
  size_t *order;             /* this epoch's permutation of the points */
  size_t epoch;              /* the epoch `order` belongs to */
  rs_net *net;
  rs_net *shifted;           /* net with bias warming's shift */
  rs_net_workspace *w;       /* the whole data set */
  rs_net_workspace *wb;      /* a minibatch */
  gsl_vector *theta0;        /* the start, for rs_sim_reset */
  gsl_vector *grad;          /* the full training gradient at the state */
  gsl_vector *bgrad;         /* a minibatch's gradient */
  rs_optim *opt;             /* ver[cur_r.version].opt */
  version *ver;              /* every version some point refers to */
  size_t n_ver;
  size_t cap_ver;
  gsl_rng *rng;              /* reseeded per stream and step */
  gsl_rng *krng;             /* a scheduled kick's own mt19937 */
  rs_neuron u;
  rs_sim_point cur;          /* the current state, recorded or not */
  resume cur_r;
  rs_net_spec spec0;         /* the activations at the start */
  int diverged;
  size_t div_step;
  long div_param;            /* -1: the loss */
  size_t kicks_here;         /* interactive kicks at this step so far */
  /* the trajectory */
  rs_sim_point *rec;
  resume *rec_r;
  const rs_act_type **rec_act; /* each layer's activation, [point][layer] */
  double *rec_param;           /* and its parameter */
  size_t nl;                   /* the network's layers */
  double *rec_theta;
  double *rec_opt;
  size_t n_rec;
  size_t cap_rec;
  size_t np;
  size_t nopt;               /* room for the largest optimiser's state */
  unsigned char *frozen;     /* 1 for a frozen parameter; NULL: none */
  double *keep;              /* their values while training changes theta */
};

/* sim.c */
gsl_rng *sim_stream (rs_sim *s, unsigned what, size_t t, size_t extra);

/* sim_params.c */
rs_sim_training sim_training_of (const rs_sim_params *p);
int sim_check_training (const rs_sim_training *t, rs_error *err);

/* sim_step.c */
void sim_evaluate (rs_sim *s);
void sim_warm_shift (const rs_sim *s, rs_net *net, gsl_vector *theta,
                     double gamma);
void sim_hold_frozen (rs_sim *s);
void sim_restore_frozen (rs_sim *s);
void sim_zero_frozen (const rs_sim *s, gsl_vector *g);

/* sim_stop.c */
size_t sim_count_dead (const rs_sim *s, rs_sim_unit *list, size_t max,
                       int *layer_dead, size_t *first);
void sim_note_stops (rs_sim *s, int rc, int layer_dead);

/* sim_record.c */
int sim_alloc_record (rs_sim *s, rs_error *err);
void sim_store (rs_sim *s);
void sim_record_change (rs_sim *s, unsigned events);
void sim_record_start (rs_sim *s, unsigned events);

/* sim_events.c */
void sim_apply_timeline (rs_sim *s);
void sim_use_version (rs_sim *s, size_t v);
void sim_drop_versions_after (rs_sim *s, size_t v);
int sim_copy_optim (const rs_optim *from, rs_optim *to, size_t nopt);

#endif /* RS_SIM_PRIVATE_H */
