/* bench_app.c: the app's frame time under SDL's dummy video driver, at
 * 1280 x 720 (the goal: under 16 ms, one frame at 60 Hz): the
 * median of a frame (events, a time step, drawing into the streaming
 * texture, the copy to the renderer) on the built-in scene and on
 * scenes/net-dead.scene, on the built-in scene while its landscape is
 * recomputed off the main thread after a change of Leaky ReLU's alpha,
 * and around a kick on net-dead.scene, whose run and figure are remade
 * off the main thread.  Prints the figures and their ratio to 16 ms;
 * never a pass/fail. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#ifdef HAVE_SDL

#include "app.h"
#include "cli.h"
#include "bench.h"

#define GOAL_MS 16.0

/* One frame as the app's loop makes it; its time in milliseconds. */
static double
frame_ms (rs_app *a)
{
  double t0 = bench_now ();
  rs_error err;

  rs_app_poll (a);
  rs_app_advance (a, 1.0 / 60.0);
  if (rs_app_render (a, &err) != 0)
    {
      fprintf (stderr, "bench_app: %s\n", err.message);
      exit (EXIT_FAILURE);
    }
  return 1e3 * (bench_now () - t0);
}

/* Press key through the app's event handler. */
static void
press (rs_app *a, SDL_Keycode key)
{
  SDL_Event e;

  SDL_zero (e);
  e.type = SDL_KEYDOWN;
  e.key.keysym.sym = key;
  rs_app_handle_event (a, &e);
}

/* The median of n frame times, its ratio to the goal, the largest and
 * how many went over the goal. */
static void
report (const char *what, double *t, size_t n)
{
  size_t over = 0;
  double max = 0.0, med;

  for (size_t i = 0; i < n; i++)
    {
      over += t[i] > GOAL_MS;
      max = t[i] > max ? t[i] : max;
    }
  med = bench_median (t, n);
  printf ("%-44s %7.2f ms  (%zu frames; %.2f x the %g ms goal)\n", what,
          med, n, med / GOAL_MS, GOAL_MS);
  printf ("  (the largest %.2f ms; %zu of %zu over %g ms)\n", max, over, n,
          GOAL_MS);
}

/* The median of n frames of a. */
static void
steady (rs_app *a, const char *what, size_t n)
{
  double *t = malloc (n * sizeof *t);

  for (size_t i = 0; i < n; i++)
    t[i] = frame_ms (a);
  report (what, t, n);
  free (t);
}

/* Frames drawn while the landscape's thread runs: alpha goes up by A to
 * its top, then down by Z to its bottom, and so on, changed again
 * whenever the thread has finished, so that every frame timed overlaps
 * it.  (The first change after a turn finds the landscape kept from
 * before and starts no thread.) */
static void
while_recomputing (rs_app *a, size_t n)
{
  double *t = malloc (n * sizeof *t);
  size_t k = 0, presses = 0;
  int up = 1;

  while (k < n && presses < 100 * n)
    {
      if (!rs_app_landscape_busy (a))
        {
          double before = rs_app_alpha (a);

          press (a, up ? SDLK_a : SDLK_z);
          presses++;
          if (rs_app_alpha (a) == before)
            up = !up;
          continue;
        }
      t[k++] = frame_ms (a);
    }
  rs_app_wait_landscape (a);
  report ("built-in scene, landscape recomputing", t, k);
  printf ("  (%zu changes of alpha, each a 61 x 61 preview and a 241 x 241 "
          "landscape)\n", presses);
  free (t);
}

/* A live change of a network's run: the frame of the key (the run is
 * copied at the point shown and handed to a job), the frames drawn while
 * the job computes the run ahead and draws its figures off the main
 * thread, and how long the change takes to show (coarse figure) and to
 * show on the full grid.  Then a kick at every frame, each one
 * superseding the last one's job. */
static void
kicks (rs_app *a, size_t n)
{
  size_t cap = 4096, m = 0;
  double *key = malloc (n * sizeof *key), *during = malloc (cap * sizeof *during);
  double *shown = malloc (n * sizeof *shown), *full = malloc (n * sizeof *full);
  double *burst = malloc (60 * sizeof *burst);

  for (size_t i = 0; i < n; i++)
    {
      double t0;

      rs_app_wait_landscape (a);
      for (int f = 0; f < 5; f++)
        frame_ms (a);
      t0 = bench_now ();
      press (a, SDLK_k);
      key[i] = 1e3 * (bench_now () - t0) + frame_ms (a);
      while (rs_app_pending (a))
        {
          double t = frame_ms (a);

          if (m < cap)
            during[m++] = t;
        }
      shown[i] = 1e3 * (bench_now () - t0);
      while (rs_app_landscape_busy (a))
        {
          double t = frame_ms (a);

          if (m < cap)
            during[m++] = t;
        }
      full[i] = 1e3 * (bench_now () - t0);
    }
  report ("net-dead.scene, a kick and its frame", key, n);
  report ("net-dead.scene, frames while it is computed", during, m);
  printf ("%-44s %7.2f ms  (median of %zu kicks; coarse figure)\n",
          "net-dead.scene, a kick until it shows", bench_median (shown, n), n);
  printf ("%-44s %7.2f ms  (median of %zu kicks; full grid)\n",
          "net-dead.scene, a kick until it shows fully", bench_median (full, n),
          n);
  rs_app_wait_landscape (a);
  for (size_t i = 0; i < 60; i++)
    {
      double t0 = bench_now ();

      press (a, SDLK_k);
      burst[i] = 1e3 * (bench_now () - t0) + frame_ms (a);
    }
  report ("net-dead.scene, a kick at every frame", burst, 60);
  rs_app_wait_landscape (a);
  free (key);
  free (during);
  free (shown);
  free (full);
  free (burst);
}

int
main (void)
{
  rs_app_options o;
  rs_scene sc;
  rs_error err;
  rs_app *a;

  setenv ("SDL_VIDEODRIVER", "dummy", 1);
  /* not fixed_step: that makes a network's figure on the main thread */
  rs_app_options_default (&o);
  if (rs_scene_parse (&sc, rs_builtin_scene, rs_builtin_scene_len,
                      CLI_BUILTIN_NAME, &err) != RS_OK
      || (a = rs_app_alloc (&sc, &o, &err)) == NULL)
    {
      fprintf (stderr, "bench_app: %s\n", err.message);
      return EXIT_FAILURE;
    }
  printf ("frame time at %d x %d (SDL dummy driver, software renderer)\n",
          o.width, o.height);
  steady (a, "built-in scene", 121);
  while_recomputing (a, 61);
  rs_app_free (a);
  if (cli_load_scene (RS_TOP_SRCDIR "/scenes/net-dead.scene", &sc) == CLI_OK
      && (a = rs_app_alloc (&sc, &o, &err)) != NULL)
    {
      rs_app_wait_landscape (a);
      steady (a, "net-dead.scene (figure of three views)", 61);
      kicks (a, 15);
      rs_app_free (a);
    }
  SDL_Quit ();
  return EXIT_SUCCESS;
}

#else /* !HAVE_SDL */

int
main (void)
{
  puts ("bench_app: this build has no app (configured without SDL2)");
  return EXIT_SUCCESS;
}

#endif /* HAVE_SDL */
