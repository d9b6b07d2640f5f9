/* bench_figure.c: how long the built-in scene's figure takes: the loss
 * grid, one frame drawn into an image (the app's per-frame cost) and the
 * whole PNG export.  Prints the figures; never a pass/fail. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>

#include "cli.h"
#include "draw.h"
#include "bench.h"

int
main (void)
{
  enum { REPS = 15 };
  double t[REPS], t0;
  rs_scene sc;
  rs_error err;
  rs_sim *sim;
  rs_landscape *land = NULL;
  cairo_surface_t *img;
  cairo_t *cr;
  rs_frame f;

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
  f = (rs_frame) { &sc, sim, land, rs_sim_neuron (sim)->w,
                   rs_sim_neuron (sim)->b, NULL };
  img = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1280, 720);
  cr = cairo_create (img);
  for (int r = 0; r < REPS; r++)
    {
      t0 = bench_now ();
      rs_draw_frame (cr, 1280, 720, &f);
      cairo_surface_flush (img);
      t[r] = bench_now () - t0;
    }
  bench_median (t, REPS);
  printf ("one frame at 1280x720: %.2f ms (goal for the app: under 16 ms; "
          "ratio %.2f)\n", 1e3 * t[REPS / 2], 1e3 * t[REPS / 2] / 16.0);
  cairo_destroy (cr);
  cairo_surface_destroy (img);
  rs_landscape_free (land);
  rs_sim_free (sim);
  return 0;
}
