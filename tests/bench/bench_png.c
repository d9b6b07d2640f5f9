/* bench_png.c: how long the PNG writer (src/export/export_png.c) takes
 * for the built-in scene's figure at 1200 x 800 (what `reluscape render
 * - -o r.png -s 1200x800` writes), on 1 thread, on 2, and on as many as
 * are free now (the program's choice), with the file's size.  The bands
 * make the same bytes each way.  Prints the figures; never a pass/fail. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cli/cli.h"
#include "draw/figure.h"
#include "export/export_png.h"
#include "bench.h"

/* The output: only counted. */
static cairo_status_t
count_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  (void) data;
  *(size_t *) closure += length;
  return CAIRO_STATUS_SUCCESS;
}

/* The built-in scene's figure drawn into a new w x h ARGB32 image. */
static cairo_surface_t *
figure_image (int w, int h)
{
  rs_scene sc;
  rs_error err;
  rs_sim *sim;
  rs_figure *fig;
  cairo_surface_t *img;
  cairo_t *cr;

  if (rs_scene_parse (&sc, rs_builtin_scene, rs_builtin_scene_len, "builtin",
                      &err) != RS_OK
      || (sim = rs_sim_alloc (&sc.sim, &err)) == NULL)
    exit (1);
  rs_sim_run (sim);
  if ((fig = rs_figure_alloc (&sc, sim, (size_t) -1, 241, &err)) == NULL)
    exit (1);
  img = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (img);
  rs_figure_draw (cr, w, h, fig);
  cairo_destroy (cr);
  cairo_surface_flush (img);
  rs_figure_free (fig);
  rs_sim_free (sim);
  return img;
}

int
main (void)
{
  enum { REPS = 21 };
  static const int threads[] = { 1, 2, 0 };
  cairo_surface_t *img;
  double t[REPS];
  size_t bytes = 0;

  gsl_set_error_handler_off ();
  img = figure_image (1200, 800);
  for (size_t k = 0; k < sizeof threads / sizeof *threads; k++)
    {
      for (int r = 0; r < REPS; r++)
        {
          double t0 = bench_now ();

          bytes = 0;
          if (rs_png_write (img, count_bytes, &bytes, threads[k])
              != CAIRO_STATUS_SUCCESS)
            return 1;
          t[r] = bench_now () - t0;
        }
      bench_median (t, REPS);
      printf ("PNG of the built-in scene's figure, 1200x800, %s: %.2f ms "
              "(%zu bytes)\n", threads[k] == 1 ? "1 thread"
              : threads[k] == 2 ? "2 threads" : "threads free now",
              1e3 * t[REPS / 2], bytes);
    }
  cairo_surface_destroy (img);
  return 0;
}
