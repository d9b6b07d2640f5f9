/* bench_dataview.c: how long the data view and the 3-D landscape take
 * per frame of the app: the data view of net-dead (a curve over one
 * input, 16 units' shares) and of play-spirals (a map of two inputs
 * through two layers of 16 units, 300 points), in a 530 x 290 cell of a
 * 1280 x 720 frame; and the 3-D landscape of c05-plateau in a 640 x 560
 * cell, its grid computed once, its camera still.  Each frame is drawn
 * on the cell's background painted again, as the app does.  The goal:
 * each under 8 ms, a frame of the app at 60 frames a second with room
 * for the rest.  Prints the
 * medians; never a pass/fail. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cli/cli.h"
#include "draw/panels.h"
#include "draw/plane.h"
#include "bench.h"

enum { REPS = 21 };

/* The scene file scenes/NAME, run to its end; 0 on success. */
static int
load_run (const char *name, rs_scene *sc, rs_sim **sim)
{
  char path[4096];
  rs_error err;

  snprintf (path, sizeof path, "%s/scenes/%s", RS_TOP_SRCDIR, name);
  if (cli_load_scene (path, sc) != CLI_OK
      || (*sim = rs_sim_alloc (&sc->sim, &err)) == NULL)
    return -1;
  return rs_sim_run (*sim) == RS_OK ? 0 : -1;
}

/* The median milliseconds of drawing scene NAME's data view at its end
 * (kind 0), or its first view as a 3-D landscape (kind 1). */
static double
median_ms (const char *name, int kind)
{
  double t[REPS];
  rs_scene sc;
  rs_sim *sim = NULL;
  rs_plane *p = NULL;
  rs_error err;
  cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                                     1280, 720);
  cairo_t *cr = cairo_create (img);
  rs_rect cell = kind ? (rs_rect) { 20, 80, 640, 560 }
                      : (rs_rect) { 740, 420, 530, 290 };
  rs_panel_ctx c;

  if (load_run (name, &sc, &sim) != 0)
    return -1.0;
  c = (rs_panel_ctx) { &sc, sim, rs_sim_n_recorded (sim) - 1,
                       rs_theme_light (), NULL, 1.0 };
  if (kind)
    sc.views[0].three_d = 1;
  if (kind && (p = rs_plane_alloc (&sc, &sc.views[0], sim, c.at, 121,
                                   &err)) == NULL)
    return -1.0;
  for (int r = 0; r < REPS; r++)
    {
      double t0;

      /* the cell's background, as the app paints it at every frame */
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_rectangle (cr, cell.x, cell.y, cell.width, cell.height);
      cairo_fill (cr);
      t0 = bench_now ();
      if (kind)
        rs_plane_draw (cr, cell, p, rs_theme_light (), NULL, 1.0);
      else
        rs_panel_data (cr, cell, &c);
      cairo_surface_flush (img);
      t[r] = 1e3 * (bench_now () - t0);
    }
  rs_plane_free (p);
  rs_sim_free (sim);
  cairo_destroy (cr);
  cairo_surface_destroy (img);
  return bench_median (t, REPS);
}

int
main (void)
{
  gsl_set_error_handler_off ();
  printf ("data view, one input (net-dead): %.2f ms (goal < 8)\n",
          median_ms ("net-dead.scene", 0));
  printf ("data view, two inputs (play-spirals): %.2f ms (goal < 8)\n",
          median_ms ("play-spirals.scene", 0));
  printf ("3-D landscape, grid 121 (c05-plateau): %.2f ms (goal < 8)\n",
          median_ms ("c05-plateau.scene", 1));
  return 0;
}
