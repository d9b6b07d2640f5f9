/* rs_surface.h: the loss landscape on slices of parameter space (C5).
 *
 * A slice is the plane theta(u, v) = theta0 + u d1 + v d2 through a
 * network's parameters.  Its directions are two named parameters (true
 * axes), seeded random directions filter-normalised as in Li et al. 2018,
 * or the top two principal components of a recorded trajectory.
 *
 * A surface is a grid over a slice holding the loss, the gradient norm,
 * the number of dead units and the plateau mask (gradient norm below eps).
 * The caller drives the work, in GSL's manner: each rs_surface_iterate
 * computes the next batch of grid points.  The first call computes a
 * coarse preview of at most 64 x 64 points, so that a window can show it
 * while the rest fills in; a caller cancels by not calling again.  With OpenMP the
 * points of a batch are shared among the cores.
 *
 * The loss alone over directions that touch only the first layer is
 * computed without a forward pass per point: the first layer's
 * pre-activations are affine in (u, v), and units the directions do not
 * touch keep their values.  With the gradient norm or the dead units
 * asked over such directions, a point computes again only the touched
 * units of the first layer and the layers above; its values are those of
 * the whole forward and backward pass to the bit.
 *
 * The single neuron's grid of (w, b), rs_surface_loss, stays at the end. */
#ifndef RS_SURFACE_H
#define RS_SURFACE_H

#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <reluscape/rs_sim.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A plane through parameter space, np values per vector. */
typedef struct {
  size_t np;
  double *theta0;
  double *d1;
  double *d2;
  char name1[32];   /* the axes' labels: "W1[0][0]", "random 1", "PC1" */
  char name2[32];
  double explained[2];  /* pca: the fraction of the points' variance
                           about their mean along d1 and d2; else 0 */
} rs_slice;

/* A slice through net's current parameters with both directions 0. */
rs_slice *rs_slice_alloc (const rs_net *net, rs_error *err);
void rs_slice_free (rs_slice *s);

/* A copy of sl; NULL with err when out of memory. */
rs_slice *rs_slice_clone (const rs_slice *sl, rs_error *err);

/* True axes: d1 and d2 are the unit vectors of the parameters named p1
 * and p2 (they must differ). */
int rs_slice_axes (rs_slice *s, const rs_net *net, const char *p1,
                   const char *p2, rs_error *err);

/* Random directions drawn from N(0, 1) by r.  With filter set, each row of
 * each direction (a unit's incoming weights) is scaled to the norm of the
 * matching row of theta0 (Li et al. 2018, "filter normalisation"); each
 * layer's biases are then one row, or left out (set to 0) when biases is
 * 0.  PReLU slopes are left out. */
int rs_slice_random (rs_slice *s, const rs_net *net, gsl_rng *r, int filter,
                     int biases, rs_error *err);

/* The top two principal components of the n points of a trajectory (n x
 * np, row-major; n >= 3), through its last point: theta0 is the last
 * point and d1, d2 are orthonormal, the directions of largest variance
 * of the points about their mean. */
int rs_slice_pca (rs_slice *s, const double *traj, size_t n, rs_error *err);

/* theta(u, v) into theta (np values). */
void rs_slice_point (const rs_slice *s, double u, double v, double *theta);

/* The (u, v) of the point of the plane nearest to theta (least squares);
 * (0, 0) when the directions are not independent. */
void rs_slice_project (const rs_slice *s, const double *theta, double *u,
                       double *v);

/* What a surface computes. */
enum {
  RS_SURFACE_LOSS = 1,
  RS_SURFACE_GRAD = 2,    /* gradient norm and plateau mask */
  RS_SURFACE_DEAD = 4     /* dead units: ReLU units inactive on all data */
};

typedef struct rs_surface rs_surface;

/* A grid of nu x nv points (nu 2 to 4096, nv 1 to 4096) over u in ur and
 * v in vr on slice sl of net (nv = 1: the 1-D slice theta0 + u d1, v = 0
 * and vr unused), scored by loss on d, computing `what`; eps is the
 * plateau's gradient norm.  net, sl and d are copied.  NULL with err on
 * bad arguments. */
rs_surface *rs_surface_alloc (const rs_net *net, const rs_loss_type *loss,
                              const rs_data *d, const rs_slice *sl,
                              size_t nu, size_t nv, rs_interval ur,
                              rs_interval vr, unsigned what, double eps,
                              rs_error *err);
void rs_surface_free (rs_surface *s);

/* Compute the next batch of grid points.  Returns RS_OK, or RS_EINVAL once
 * every point is done. */
int rs_surface_iterate (rs_surface *s);

/* Compute every remaining point, in one batch. */
void rs_surface_run (rs_surface *s);

/* How many of the nu nv points are done; whether the coarse preview is
 * complete; whether everything is. */
size_t rs_surface_done (const rs_surface *s);
int rs_surface_preview_ready (const rs_surface *s);
int rs_surface_complete (const rs_surface *s);

size_t rs_surface_nu (const rs_surface *s);
size_t rs_surface_nv (const rs_surface *s);
double rs_surface_u (const rs_surface *s, size_t j);
double rs_surface_v (const rs_surface *s, size_t i);

/* The value of what (one of the flags) at row i (v), column j (u); before
 * that point is done, the value of the nearest done point of the coarse
 * preview (NaN before that).  The plateau mask is RS_SURFACE_GRAD's value
 * compared with eps: see rs_surface_plateau. */
double rs_surface_value (const rs_surface *s, unsigned what, size_t i,
                         size_t j);
int rs_surface_plateau (const rs_surface *s, size_t i, size_t j);

/* Basin maps: for each start theta(u, v) of a grid on a slice, run a
 * scene's training (its optimiser, schedule, decay and cures) for at most
 * `steps` steps and say where it ends.  With a cure in the scene (Leaky
 * ReLU, kicks, warming) the map shows which starts it rescues.  Driven
 * like a surface: the coarse preview first, then batches. */
typedef enum {
  RS_BASIN_VALLEY = 0,   /* converged: at rest with no layer dead */
  RS_BASIN_PLATEAU,      /* stuck: at rest with a layer wholly dead (C5) */
  RS_BASIN_DIVERGED,     /* a parameter or the loss left the numbers */
  RS_BASIN_MOVING        /* none of these after `steps` steps */
} rs_basin_outcome;

/* "valley", "plateau", "diverged", "moving". */
const char *rs_basin_outcome_name (rs_basin_outcome o);

typedef struct rs_basin rs_basin;

/* Let the surfaces and basin maps that the calling thread makes from
 * now on use at most n threads (n >= 1; OpenMP's nthreads-var of the
 * calling thread: other threads keep theirs).  A background job passes
 * the processors less one, so that it never takes the core a window
 * needs.  Each batch also takes no more threads than there are free
 * processors at that moment. */
void rs_threads_limit (int n);

/* How many threads of at most max (>= 1) are worth starting now: the
 * processors this process may use, less those that other processes keep
 * busy at this moment (the runnable count of /proc/loadavg less this
 * process's own running threads), as every batch above takes them; for
 * a caller's own parallel work too (the program's PNG writer).  Two
 * threads on two cores beside one busy process would wait for each
 * other's preempted chunks and spin at the barriers: up to 3 times
 * slower than one thread.  max when the free processors cannot be told. */
int rs_threads_now (int max);

/* A basin map's largest side (starts) and longest runs (steps). */
#define RS_BASIN_MAX_SIDE 1024
#define RS_BASIN_MAX_STEPS 1000000

/* A nu x nv map (2 to 1024 a side) over u in ur, v in vr on slice sl of
 * the network that scene p builds (sl from rs_slice_alloc of that
 * network), runs of at most steps (1 to 1000000) steps. */
rs_basin *rs_basin_alloc (const rs_sim_params *p, const rs_slice *sl,
                          size_t nu, size_t nv, rs_interval ur,
                          rs_interval vr, size_t steps, rs_error *err);
void rs_basin_free (rs_basin *b);

/* Run only the starts of rows r0 ... r1 - 1 (v), before the first
 * iteration; the others stay RS_BASIN_MOVING with 0 steps.  Each start is
 * run on its own, so the rows come out as in the whole map: shards of a
 * map merge exactly.  RS_EINVAL for an empty range, rows past the map or
 * a map already started. */
int rs_basin_rows (rs_basin *b, size_t r0, size_t r1);

int rs_basin_iterate (rs_basin *b);
void rs_basin_run (rs_basin *b);
size_t rs_basin_done (const rs_basin *b);
int rs_basin_complete (const rs_basin *b);

/* The outcome of the start at row i (v), column j (u), and in *steps
 * (when not NULL) the steps taken to reach it; RS_BASIN_MOVING with
 * steps 0 before that start is done. */
rs_basin_outcome rs_basin_get (const rs_basin *b, size_t i, size_t j,
                               size_t *steps);

/* The k-th of n evenly spaced values on r (k = 0 gives r.lo, k = n - 1
 * gives r.hi). */
double rs_surface_coord (rs_interval r, size_t k, size_t n);

/* Whether doubles tell apart the nu x nv grid points theta0 + u d1 +
 * v d2 of slice sl, u in ur and v in vr: along each direction, some
 * parameter it moves changes by at least 16 units in its last place per
 * grid step.  False for a window of width 6 around a run that reached
 * 1e17, whose grid would collapse onto a few values and draw a landscape
 * that is not there; true for filter-normalised random directions,
 * which grow with the parameters.  nv 1: only u is asked about. */
int rs_surface_resolves (const rs_slice *sl, rs_interval ur, rs_interval vr,
                         size_t nu, size_t nv);

/* loss(i, j) = L(w_j, b_i) for the neuron u with its w, b replaced, where
 * w_j = rs_surface_coord (wr, j, loss->size2) and b_i likewise with br and
 * loss->size1.  Rows are b, columns w.  Returns RS_EINVAL when the grid
 * has fewer than 2 points on a side or a range is empty or not finite. */
int rs_surface_loss (const rs_neuron *u, const rs_data *d, rs_interval wr,
                     rs_interval br, gsl_matrix *loss);

#ifdef __cplusplus
}
#endif

#endif /* RS_SURFACE_H */
