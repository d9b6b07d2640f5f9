/* surface_private.h: what a surface holds, shared by surface.c (the grid,
 * its order and the generic pass per point) and surface_fast.c (the two
 * paths that compute only what the slice changes), and not exported. */
#ifndef RS_SURFACE_PRIVATE_H
#define RS_SURFACE_PRIVATE_H

#include <gsl/gsl_vector.h>

#include "net_private.h"
#include "reluscape/rs_surface.h"

/* A private flag of rs_surface_alloc's `what`: every point by the generic
 * forward and backward pass of the whole network, never a fast path.  The
 * tests' second method for the fast paths. */
#define RS_SURFACE_GENERIC 0x100u

/* One thread's tools. */
typedef struct {
  rs_net *net;
  rs_net_workspace *w;
  gsl_vector *grad;
  double *theta;
  double *out;              /* outputs of the fast path, [k][n] */
  double *a;                /* one touched unit's outputs, n values */
} rs_surface_worker;

/* The loss fast path: the loss over directions touching layer 1 only, for
 * networks of 1 or 2 layers.  For the nt touched units t of layer 1,
 * z_t(u, v) = z0 + u zu + v zv at every point; the other units keep a0. */
typedef struct {
  int on;
  size_t nt;
  size_t unit[RS_NET_MAX_UNITS];
  double *z0, *zu, *zv, *a0;   /* [t][n] */
  double *next;                /* layer 2's base z, [c][n] */
  double *wn;                  /* W2[c][unit[t]], [c][t] */
} rs_surface_fast;

/* The partial pass: the gradient and the dead units over directions
 * touching layer 1 only, for any depth.  Each worker's workspace keeps
 * the pass at theta0; a point computes again the nt touched units of
 * layer 1 and every layer above, by the generic code, so that every value
 * is the generic pass's to the bit. */
typedef struct {
  int on;
  size_t nt;
  size_t unit[RS_NET_MAX_UNITS];
  size_t dead1;                /* layer 1's other units that are dead */
  int one;                     /* a single unit under MSE: one loop */
} rs_surface_part;

struct rs_surface {
  rs_net *net;
  const rs_loss_type *loss;
  rs_data *d;
  rs_slice *sl;
  size_t nu, nv;
  rs_interval ur, vr;
  unsigned what;
  double eps;
  double *val[3];           /* loss, gradient norm, dead units */
  unsigned char *done;
  size_t *order;
  size_t next, npreview, k;     /* done: order[0 .. next - 1] */
  int nthreads;
  rs_surface_worker *workers;
  rs_surface_fast fast;
  rs_surface_part part;
};

/* Set up the loss fast path or the partial pass when one applies (after
 * the workers are made); RS_ENOMEM. */
int surface_fast_setup (rs_surface *s);
void surface_fast_free (rs_surface *s);

/* The asked values at grid point g, (u, v), by the fast path that is on:
 * 1, or 0 when neither is. */
int surface_fast_point (rs_surface *s, rs_surface_worker *wk, size_t g,
                           double u, double v);

#endif /* RS_SURFACE_PRIVATE_H */
