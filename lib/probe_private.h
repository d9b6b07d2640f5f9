/* probe_private.h: what the experiments of rs_probe.h share, not
 * exported.
 *
 *   probe.c             trial seeds, the checks of options and ranges,
 *                       and the intervals (Wilson, Student's t)
 *   probe_depth.c       gradients through depth (C1)
 *   probe_zero_grad.c   the probability of a zero derivative (C6, C8)
 *   probe_constant.c    whether a network computes a constant (C4)
 *   probe_born_dead.c   networks born dead (C4)
 *   probe_sweep.c       dead units after training, against a setting
 *                       (C4, C8, C9) */
#ifndef RS_PROBE_PRIVATE_H
#define RS_PROBE_PRIVATE_H

#include "reluscape/rs_probe.h"

/* probe.c */
unsigned long probe_trial_seed (unsigned long seed, size_t t, size_t what);
gsl_rng *probe_rng_alloc (rs_error *err);
int probe_nomem (rs_error *err);
double probe_family_param (const rs_act_type *t, double p);
int probe_check_act (const char *what, const rs_act_type *t, double p,
                     rs_error *err);
int probe_check_count (const char *name, size_t v, size_t lo, size_t hi,
                       rs_error *err);
int probe_check_range (size_t first, size_t last, const void *r,
                       rs_error *err);
int probe_check_domain (rs_interval dom, rs_error *err);
rs_interval probe_t_interval (double s, double q, size_t m);

/* probe_constant.c */
int probe_piecewise_linear (const rs_act_type *t);
int probe_box_family (const rs_act_type *t);

#endif /* RS_PROBE_PRIVATE_H */
