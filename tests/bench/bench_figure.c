/* bench_figure.c: how long the built-in scene's figure takes: the loss
 * grid, and a frame of its default layout of three views (landscape,
 * activation, timeline; the app's per-frame cost).  With --dump FILE it also writes the scene's data, window
 * and path for bench_mpl.py, which draws the same landscape figure with
 * matplotlib.  Prints the figures; never a pass/fail. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cli/cli.h"
#include "draw/draw.h"
#include "draw/figure.h"
#include "bench.h"

/* The data, the window and the path, for bench_mpl.py. */
static int
dump (const char *path, const rs_scene *sc, const rs_sim *sim)
{
  FILE *f = fopen (path, "w");
  const rs_data *d = rs_sim_data (sim);
  size_t n = rs_sim_n_recorded (sim);

  if (f == NULL)
    return -1;
  fprintf (f, "%zu\n", d->n);
  for (size_t i = 0; i < d->n; i++)
    fprintf (f, "%.17g %.17g\n", d->x[i], d->y[i]);
  fprintf (f, "%.17g %.17g %.17g %.17g\n%zu\n", sc->w_range.lo,
           sc->w_range.hi, sc->b_range.lo, sc->b_range.hi, n);
  for (size_t i = 0; i < n; i++)
    fprintf (f, "%.17g %.17g\n", rs_sim_recorded (sim, i)->w,
             rs_sim_recorded (sim, i)->b);
  return fclose (f) == 0 ? 0 : -1;
}

/* The median time of drawing the built-in scene with three views at
 * 1280 x 720, the landscape computed once. */
static double
layout_frame (void)
{
  enum { REPS = 31 };
  static const char views[] = "\nview landscape\nview activation\n"
                              "view timeline\n";
  size_t n = rs_builtin_scene_len + sizeof views;
  char *text = malloc (n);
  double t[REPS];
  rs_scene sc;
  rs_error err;
  rs_sim *sim;
  rs_figure *fig;
  cairo_surface_t *img;
  cairo_t *cr;

  snprintf (text, n, "%.*s%s", (int) rs_builtin_scene_len, rs_builtin_scene,
            views);
  if (rs_scene_parse (&sc, text, strlen (text), "builtin", &err) != RS_OK
      || (sim = rs_sim_alloc (&sc.sim, &err)) == NULL)
    exit (1);
  free (text);
  rs_sim_run (sim);
  if ((fig = rs_figure_alloc (&sc, sim, (size_t) -1, 241, &err)) == NULL)
    exit (1);
  img = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1280, 720);
  cr = cairo_create (img);
  for (int r = 0; r < REPS; r++)
    {
      double t0 = bench_now ();

      rs_figure_draw (cr, 1280, 720, fig);
      cairo_surface_flush (img);
      t[r] = bench_now () - t0;
    }
  bench_median (t, REPS);
  cairo_destroy (cr);
  cairo_surface_destroy (img);
  rs_figure_free (fig);
  rs_sim_free (sim);
  return t[REPS / 2];
}

int
main (int argc, char **argv)
{
  enum { REPS = 15 };
  double t[REPS], t0;
  rs_scene sc;
  rs_error err;
  rs_sim *sim;
  rs_landscape *land = NULL;

  gsl_set_error_handler_off ();
  if (rs_scene_parse (&sc, rs_builtin_scene, rs_builtin_scene_len, "builtin",
                      &err) != RS_OK
      || (sim = rs_sim_alloc (&sc.sim, &err)) == NULL)
    return 1;
  rs_sim_run (sim);
  for (int r = 0; r < REPS; r++)
    {
      t0 = bench_now ();
      rs_landscape_free (land);
      land = rs_landscape_alloc (&sc, rs_sim_neuron (sim), rs_sim_data (sim),
                                 241, 241, &err);
      t[r] = bench_now () - t0;
    }
  bench_median (t, REPS);
  printf ("landscape 241x241 on %zu points: %.2f ms (%.1f ns per grid "
          "point)\n", rs_sim_data (sim)->n, 1e3 * t[REPS / 2],
          1e9 * t[REPS / 2] / (241.0 * 241.0));
  t0 = layout_frame ();
  printf ("one frame of the default layout (landscape, activation, "
          "timeline) at 1280x720: %.2f ms (goal: under 8 ms; ratio %.2f)\n",
          1e3 * t0, 1e3 * t0 / 8.0);
  if (argc == 3 && strcmp (argv[1], "--dump") == 0
      && dump (argv[2], &sc, sim) != 0)
    {
      fprintf (stderr, "bench_figure: cannot write %s\n", argv[2]);
      return 1;
    }
  rs_landscape_free (land);
  rs_sim_free (sim);
  return 0;
}
