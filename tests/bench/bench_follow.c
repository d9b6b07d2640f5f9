/* bench_follow.c: how long the landscape takes to follow the run, at
 * 1280 x 720: a frame of the morph of c08's change to Leaky ReLU (the
 * single neuron's surface computed again at a new alpha, then the whole
 * figure drawn; goal under 16 ms, a frame of the app at 60 Hz), and a
 * frame whose landscape is computed again because the run's settings or
 * a network's other parameters moved (c10 during bias warming, net-dead's
 * first steps), and a frame of a kick's morph (net-kick: net-dead's
 * network, its surface computed again through the ball's parameters;
 * goal under 250 ms; the single neuron's kick).  Prints the medians of the wall-clock time and of the
 * process's CPU time (all threads; on a machine shared with other jobs
 * the wall clock includes their turns); never a pass/fail. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_errno.h>

#include "bench.h"
#include "draw/figure.h"

enum { W = 1280, H = 720, REPS = 15 };

/* The CPU time of the process so far, in seconds. */
static double
cpu_now (void)
{
  struct timespec t;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double) t.tv_sec + 1e-9 * (double) t.tv_nsec;
}

/* The medians of a timed loop: wall clock and CPU. */
typedef struct {
  double wall, cpu;
} timing;

static timing
medians (double *wall, double *cpu)
{
  timing m = { bench_median (wall, REPS), bench_median (cpu, REPS) };

  return m;
}

/* scenes/NAME, parsed and run to its end; exits on an error. */
static rs_sim *
load (const char *name, rs_scene *sc)
{
  char path[4096], *text;
  size_t len;
  rs_error err;
  rs_sim *sim;

  snprintf (path, sizeof path, "%s/scenes/%s", RS_TOP_SRCDIR, name);
  if (rs_scene_read (path, &text, &len, &err) != RS_OK
      || rs_scene_parse (sc, text, len, path, &err) != RS_OK
      || (sim = rs_sim_alloc (&sc->sim, &err)) == NULL)
    {
      fprintf (stderr, "bench_follow: %s: %s\n", name, err.message);
      exit (1);
    }
  free (text);
  rs_sim_run (sim);
  return sim;
}

/* The recorded point of step (the last at or before it). */
static size_t
point_of (const rs_sim *sim, size_t step)
{
  size_t i = rs_sim_n_recorded (sim) - 1;

  while (i > 0 && rs_sim_recorded (sim, i)->step > step)
    i--;
  return i;
}

/* The median time of a frame of f's morph, t stepping through (0, 1):
 * the morph's surface, then the figure drawn; f and sim are freed. */
static timing
morph_timing (cairo_t *cr, cairo_surface_t *img, rs_figure *f, rs_sim *sim)
{
  double t[REPS], c[REPS];
  timing m;

  for (int r = 0; r < REPS; r++)
    {
      double t0 = bench_now (), c0 = cpu_now ();

      rs_figure_morph (f, (r + 1.0) / (REPS + 1.0), NULL);
      rs_figure_draw (cr, W, H, f);
      cairo_surface_flush (img);
      t[r] = bench_now () - t0;
      c[r] = cpu_now () - c0;
    }
  m = medians (t, c);
  rs_figure_free (f);
  rs_sim_free (sim);
  return m;
}

/* The median time of a morph frame of c08 at its change: the surface at
 * alpha t 0.01 for t stepping through (0, 1), then the figure drawn. */
static timing
morph_frame (cairo_t *cr, cairo_surface_t *img)
{
  rs_scene sc;
  rs_sim *sim = load ("c08-leaky-relu.scene", &sc);
  rs_error err;
  rs_figure *f = rs_figure_alloc (&sc, sim, point_of (sim, 50), 241, &err);

  if (f == NULL)
    exit (1);
  return morph_timing (cr, img, f, sim);
}

/* The median time of a frame of a kick's morph: scenes/NAME's kick at
 * step, the ball t of the way along its arrow for t stepping through
 * (0, 1) and the landscape computed again through the ball's
 * parameters, then the figure drawn. */
static timing
kick_frame (cairo_t *cr, cairo_surface_t *img, const char *name,
            size_t step, size_t grid)
{
  rs_scene sc;
  rs_sim *sim = load (name, &sc);
  rs_error err;
  rs_figure *f = rs_figure_alloc (&sc, sim, point_of (sim, step), grid,
                                  &err);

  if (f == NULL || rs_figure_change (f) != RS_EVENT_KICK)
    {
      fprintf (stderr, "bench_follow: %s: no kick at step %zu\n", name,
               step);
      exit (1);
    }
  return morph_timing (cr, img, f, sim);
}

/* The median time of a frame whose landscapes are computed again: the
 * figure follows the run from point a to point b and back, each time
 * drawn; grid points a side as render's default. */
static timing
recomputed_frame (cairo_t *cr, cairo_surface_t *img, const char *name,
                  size_t a, size_t b, size_t grid)
{
  rs_scene sc;
  rs_sim *sim = load (name, &sc);
  rs_error err;
  rs_figure *f = rs_figure_alloc (&sc, sim, a, grid, &err);
  double t[REPS], c[REPS];
  timing m;

  if (f == NULL || !rs_figure_stale (f, b))
    {
      fprintf (stderr, "bench_follow: %s: the figure would not change\n",
               name);
      exit (1);
    }
  for (int r = 0; r < REPS; r++)
    {
      double t0 = bench_now (), c0 = cpu_now ();

      rs_figure_follow (f, r % 2 ? a : b, 0, &err);
      rs_figure_draw (cr, W, H, f);
      cairo_surface_flush (img);
      t[r] = bench_now () - t0;
      c[r] = cpu_now () - c0;
    }
  m = medians (t, c);
  rs_figure_free (f);
  rs_sim_free (sim);
  return m;
}

int
main (void)
{
  cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W,
                                                     H);
  cairo_t *cr = cairo_create (img);
  timing m;

  gsl_set_error_handler_off ();
  m = morph_frame (cr, img);
  printf ("morph frame of the single neuron (c08, grid 241) at 1280x720: "
          "%.2f ms, CPU %.2f ms (goal: under 16 ms; ratio %.2f)\n",
          1e3 * m.wall, 1e3 * m.cpu, 1e3 * m.wall / 16.0);
  m = recomputed_frame (cr, img, "c08-leaky-relu.scene", 30, 60, 241);
  printf ("recomputed frame, single neuron (c08 steps 30/60, grid 241): "
          "%.2f ms, CPU %.2f ms\n", 1e3 * m.wall, 1e3 * m.cpu);
  m = recomputed_frame (cr, img, "c10-bias-warming.scene", 150, 160, 121);
  printf ("recomputed frame, 1-4-1 network during warming (c10, grid 121): "
          "%.2f ms, CPU %.2f ms\n", 1e3 * m.wall, 1e3 * m.cpu);
  m = recomputed_frame (cr, img, "net-dead.scene", 1, 2, 121);
  printf ("recomputed frame, 1-16-1 network (net-dead steps 1/2, grid "
          "121): %.2f ms, CPU %.2f ms\n", 1e3 * m.wall, 1e3 * m.cpu);
  m = kick_frame (cr, img, "net-kick.scene", 300, 121);
  printf ("kick morph frame, 1-16-1 network (net-dead's, net-kick step 300, "
          "grid 121, surface recomputed): %.2f ms, CPU %.2f ms (goal: under "
          "250 ms; ratio %.2f)\n", 1e3 * m.wall, 1e3 * m.cpu,
          1e3 * m.wall / 250.0);
  m = kick_frame (cr, img, "kick.scene", 60, 241);
  printf ("kick morph frame, single neuron (kick step 60, grid 241, the "
          "ball moving): %.2f ms, CPU %.2f ms\n", 1e3 * m.wall, 1e3 * m.cpu);
  cairo_destroy (cr);
  cairo_surface_destroy (img);
  return 0;
}
