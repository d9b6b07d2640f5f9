/* bench_surface.c: the loss landscape of C5 over a grid on a slice.  A
 * 512 x 512 grid of the MSE of a 2-16-1 ReLU network on 256 points, over
 * two first-layer weights, timed whole (rs_surface_alloc and
 * rs_surface_run) on every OpenMP thread and on one; the same slice with
 * the gradient norm and the dead units (the partial pass: layer 1's two
 * touched units and the layers above forward, the whole network
 * backward, per point) on a smaller grid; and the single neuron's 256 x 256 grid of the
 * built-in scene.  With --dump FILE it also writes the network, the data,
 * the grid, a few of its values and its own times, from which
 * bench_surface.py computes the same grid with PyTorch and numpy, checks
 * that they agree and prints the ratios.  Prints figures; never a
 * pass/fail. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>

#include "reluscape/rs_surface.h"
#include "bench.h"

enum {
  N = 256,            /* points of the xor data */
  HIDDEN = 16,
  SIDE = 512,         /* the grid of the comparison */
  FULL_SIDE = 128,    /* the general path's grid */
  NEURON_SIDE = 256,  /* the single neuron's grid */
  SAMPLES = 5,        /* grid values dumped for the agreement check */
  REPS = 7            /* timings per figure, of which the median */
};

/* The grid's range on both axes, and its two axes on the 2-16-1 network,
 * W1[unit][input]: one weight of each input, on two different units. */
static const double LO = -3.0, HI = 3.0;
static const size_t AXES[2][2] = { { 3, 0 }, { 7, 1 } };

/* A network, its data and a slice through it. */
typedef struct {
  rs_net *net;
  rs_data *d;
  rs_slice *sl;
} scene;

static void
scene_free (scene *sc)
{
  rs_slice_free (sc->sl);
  rs_data_free (sc->d);
  rs_net_free (sc->net);
}

/* The 2-16-1 ReLU network (identity output, He normal weights, biases 0.1
 * as C9 advises) on 256 xor points with noise 0.1, both from one seeded
 * generator, and the slice over the weights AXES. */
static int
xor_scene (scene *sc, rs_error *err)
{
  static const size_t sizes[3] = { 2, HIDDEN, 1 };
  rs_net_spec spec;
  char p1[32], p2[32];
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);

  memset (sc, 0, sizeof *sc);
  if (r == NULL)
    return rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory");
  gsl_rng_set (r, 2385);
  snprintf (p1, sizeof p1, "W1[%zu][%zu]", AXES[0][0], AXES[0][1]);
  snprintf (p2, sizeof p2, "W1[%zu][%zu]", AXES[1][0], AXES[1][1]);
  rs_net_spec_init (&spec, 2, sizes, rs_act_relu, rs_act_identity);
  if ((sc->net = rs_net_alloc (&spec, err)) == NULL
      || rs_net_init (sc->net, rs_init_he_normal, 0.0, 0.1, r, err) != RS_OK
      || (sc->d = rs_data_generate (rs_data_xor_gen, N, 0.1, r, err)) == NULL
      || (sc->sl = rs_slice_alloc (sc->net, err)) == NULL)
    {
      gsl_rng_free (r);
      return err->code;
    }
  gsl_rng_free (r);
  return rs_slice_axes (sc->sl, sc->net, p1, p2, err);
}

/* The built-in scene (rs_sim_params_default): the single ReLU neuron,
 * a 1-1 network, started at w = b = 0.5, on y = 2x + 1 at 24 points with
 * noise 0.05 drawn from seed 1, and the slice over (w, b). */
static int
neuron_scene (scene *sc, rs_error *err)
{
  static const size_t sizes[2] = { 1, 1 };
  rs_net_spec spec;
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);

  memset (sc, 0, sizeof *sc);
  if (r == NULL)
    return rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory");
  gsl_rng_set (r, 1);
  rs_net_spec_init (&spec, 1, sizes, rs_act_relu, rs_act_relu);
  if ((sc->net = rs_net_alloc (&spec, err)) == NULL
      || rs_net_set (sc->net, "W1[0][0]", 0.5, err) != RS_OK
      || rs_net_set (sc->net, "b1[0]", 0.5, err) != RS_OK
      || (sc->d = rs_data_alloc (24, err)) == NULL
      || (sc->sl = rs_slice_alloc (sc->net, err)) == NULL)
    {
      gsl_rng_free (r);
      return err->code;
    }
  rs_data_line (sc->d, 2.0, 1.0, 0.05, r);
  gsl_rng_free (r);
  return rs_slice_axes (sc->sl, sc->net, "W1[0][0]", "b1[0]", err);
}

/* The threads a surface gets by default. */
static int
max_threads (void)
{
#ifdef _OPENMP
  return omp_get_max_threads ();
#else
  return 1;
#endif
}

/* Ask for t threads from the next parallel region on: a surface counts
 * its workers when it is allocated. */
static void
set_threads (int t)
{
#ifdef _OPENMP
  omp_set_num_threads (t);
#else
  (void) t;
#endif
}

/* The seconds of one side x side grid of `what` on sc with t threads,
 * allocated and run; the surface into *keep, or freed when keep is
 * NULL.  A negative time when the surface cannot be made. */
static double
time_grid (const scene *sc, size_t side, unsigned what, int t,
           rs_surface **keep, rs_error *err)
{
  rs_interval r = rs_interval_make (LO, HI);
  int saved = max_threads ();
  double t0, dt;
  rs_surface *s;

  set_threads (t);
  t0 = bench_now ();
  s = rs_surface_alloc (sc->net, rs_loss_mse_type, sc->d, sc->sl, side,
                        side, r, r, what, 1e-6, err);
  if (s != NULL)
    rs_surface_run (s);
  dt = bench_now () - t0;
  set_threads (saved);
  if (s == NULL)
    return -1.0;
  if (keep != NULL)
    *keep = s;
  else
    rs_surface_free (s);
  return dt;
}

/* The median of reps timings of time_grid, after one to warm up. */
static double
median_grid (const scene *sc, size_t side, unsigned what, int t, int reps,
             rs_error *err)
{
  double dt[REPS];

  if (time_grid (sc, side, what, t, NULL, err) < 0.0)
    return -1.0;
  for (int k = 0; k < reps; k++)
    dt[k] = time_grid (sc, side, what, t, NULL, err);
  return bench_median (dt, (size_t) reps);
}

/* "%.2f ms per grid, %.1f ns per point (t threads)" of a grid. */
static void
print_time (double sec, size_t side, int t)
{
  printf ("%.2f ms per grid, %.1f ns per point (%d thread%s)", 1e3 * sec,
          1e9 * sec / (double) (side * side), t, t == 1 ? "" : "s");
}

/* One line "name count v1 v2 ...", every value exact in %.17g. */
static void
dump_values (FILE *f, const char *name, const double *v, size_t count)
{
  fprintf (f, "%s %zu", name, count);
  for (size_t i = 0; i < count; i++)
    fprintf (f, " %.17g", v[i]);
  fputc ('\n', f);
}

/* count parameters of net from index first on, as dump_values. */
static void
dump_params (FILE *f, const char *name, const rs_net *net, size_t first,
             size_t count)
{
  dump_values (f, name, gsl_vector_const_ptr (rs_net_params_const (net),
                                              first), count);
}

/* The network, layer by layer ([unit][input] as torch.nn.Linear.weight),
 * and the data. */
static void
dump_scene (FILE *f, const scene *sc)
{
  const rs_net *net = sc->net;

  dump_params (f, "W1", net, rs_net_w_index (net, 1, 0, 0), 2 * HIDDEN);
  dump_params (f, "b1", net, rs_net_b_index (net, 1, 0), HIDDEN);
  dump_params (f, "W2", net, rs_net_w_index (net, 2, 0, 0), HIDDEN);
  dump_params (f, "b2", net, rs_net_b_index (net, 2, 0), 1);
  dump_values (f, "x", sc->d->x, 2 * N);
  dump_values (f, "y", sc->d->y, N);
}

/* The grid: its axes (unit, input of each), range and side, the sum of
 * all its values and the values at SAMPLES grid points (row, column,
 * value) drawn from a seeded generator. */
static void
dump_grid (FILE *f, const rs_surface *s)
{
  double axes[4] = { AXES[0][0], AXES[0][1], AXES[1][0], AXES[1][1] };
  double range[2] = { LO, HI }, side = SIDE, sum = 0.0, pts[3 * SAMPLES];
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);

  for (size_t i = 0; i < SIDE; i++)
    for (size_t j = 0; j < SIDE; j++)
      sum += rs_surface_value (s, RS_SURFACE_LOSS, i, j);
  gsl_rng_set (r, 2385);
  for (size_t k = 0; k < SAMPLES; k++)
    {
      size_t i = gsl_rng_uniform_int (r, SIDE);
      size_t j = gsl_rng_uniform_int (r, SIDE);

      pts[3 * k] = (double) i;
      pts[3 * k + 1] = (double) j;
      pts[3 * k + 2] = rs_surface_value (s, RS_SURFACE_LOSS, i, j);
    }
  gsl_rng_free (r);
  dump_values (f, "axes", axes, 4);
  dump_values (f, "range", range, 2);
  dump_values (f, "side", &side, 1);
  dump_values (f, "sum", &sum, 1);
  dump_values (f, "samples", pts, 3 * SAMPLES);
}

/* Everything bench_surface.py needs into f, which is closed: the scene,
 * a grid computed once more, and the times of the grid on t threads
 * (sec_t) and on one (sec_1). */
static int
dump (FILE *f, const scene *sc, int t, double sec_t, double sec_1,
      rs_error *err)
{
  double th = t, ms_t = 1e3 * sec_t, ms_1 = 1e3 * sec_1;
  rs_surface *s = NULL;

  if (time_grid (sc, SIDE, RS_SURFACE_LOSS, t, &s, err) < 0.0)
    {
      fclose (f);
      return -1;
    }
  fprintf (f, "# bench_surface --dump: a grid of reluscape, for "
           "bench_surface.py\n");
  dump_scene (f, sc);
  dump_grid (f, s);
  dump_values (f, "threads", &th, 1);
  dump_values (f, "ms_threads", &ms_t, 1);
  dump_values (f, "ms_1thread", &ms_1, 1);
  rs_surface_free (s);
  return (ferror (f) | fclose (f)) ? -1 : 0;
}

/* The 512 x 512 loss grid on every thread and on one, printed; their
 * seconds into sec_t and sec_1. */
static int
bench_loss (const scene *sc, int t, double *sec_t, double *sec_1,
            rs_error *err)
{
  if ((*sec_t = median_grid (sc, SIDE, RS_SURFACE_LOSS, t, REPS, err)) < 0.0
      || (*sec_1 = median_grid (sc, SIDE, RS_SURFACE_LOSS, 1, REPS, err))
         < 0.0)
    return err->code;
  printf ("2-16-1 ReLU net, MSE, %d xor points, %d x %d loss grid over "
          "W1[%zu][%zu], W1[%zu][%zu] in [%g, %g]^2:\n  ", N, SIDE, SIDE,
          AXES[0][0], AXES[0][1], AXES[1][0], AXES[1][1], LO, HI);
  print_time (*sec_t, SIDE, t);
  printf (";\n  ");
  print_time (*sec_1, SIDE, 1);
  printf ("\n");
  return RS_OK;
}

/* The same slice with the gradient norm and the dead units: the partial
 * pass per point (surface_fast.c), on a smaller grid, for information. */
static int
bench_full (const scene *sc, int t, rs_error *err)
{
  unsigned what = RS_SURFACE_LOSS | RS_SURFACE_GRAD | RS_SURFACE_DEAD;
  double sec = median_grid (sc, FULL_SIDE, what, t, 3, err);

  if (sec < 0.0)
    return err->code;
  printf ("  loss, gradient norm and dead units (partial pass: 2 units "
          "forward, all backward), %d x %d: ", FULL_SIDE, FULL_SIDE);
  print_time (sec, FULL_SIDE, t);
  printf ("\n");
  return RS_OK;
}

/* The single neuron's 256 x 256 loss grid. */
static int
bench_neuron (int t, rs_error *err)
{
  scene sc;
  double sec = -1.0;

  if (neuron_scene (&sc, err) == RS_OK)
    sec = median_grid (&sc, NEURON_SIDE, RS_SURFACE_LOSS, t, REPS, err);
  scene_free (&sc);
  if (sec < 0.0)
    return err->code;
  printf ("single neuron (the built-in scene, 24 points), %d x %d loss "
          "grid over W1[0][0], b1[0] in [%g, %g]^2:\n  ", NEURON_SIDE,
          NEURON_SIDE, LO, HI);
  print_time (sec, NEURON_SIDE, t);
  printf (" (goal: under 10 ms)\n");
  return RS_OK;
}

/* Report what stopped the benchmark (err's message, or errno's for path)
 * and free what it holds; the exit status 1. */
static int
fail (scene *sc, FILE *f, const rs_error *err, const char *path)
{
  char msg[1024];

  if (err->code != RS_OK)
    fprintf (stderr, "bench_surface: %s\n",
             rs_error_format (err, msg, sizeof msg));
  else
    perror (path);
  if (f != NULL)
    fclose (f);
  scene_free (sc);
  return 1;
}

int
main (int argc, char **argv)
{
  scene sc;
  FILE *f = NULL;
  rs_error err;
  double sec_t = 0.0, sec_1 = 0.0;
  int t = max_threads (), bad = bench_dump_arg (argc, argv, &f);

  if (bad != 0)
    return bad;
  gsl_set_error_handler_off ();
  rs_error_clear (&err);
  if (xor_scene (&sc, &err) != RS_OK
      || bench_loss (&sc, t, &sec_t, &sec_1, &err) != RS_OK
      || bench_full (&sc, t, &err) != RS_OK || bench_neuron (t, &err) != RS_OK)
    return fail (&sc, f, &err, NULL);
  /* dump closes f */
  if (f != NULL && dump (f, &sc, t, sec_t, sec_1, &err) != 0)
    return fail (&sc, NULL, &err, argv[2]);
  scene_free (&sc);
  return 0;
}
