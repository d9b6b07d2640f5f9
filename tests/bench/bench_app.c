/* bench_app.c: the app under SDL's dummy video driver, at 1280 x 720.
 *
 * The goals: a frame under 16 ms (one frame at 60 Hz), also
 * while a new surface is computed off the main thread; and from L
 * (Leaky ReLU) or a kick to the full new surface on the screen within
 * 50 ms on the built-in scene and 250 ms on scenes/net-dead.scene.
 * Printed: the median frame on both scenes (playing, the landscape
 * following the run on net-dead; on the built-in scene also without the
 * control strip, M), the median time from the key to the
 * change shown coarse and fully (frames paced at 60 a second, as the
 * app's loop paces them; after L the surface then tilts over a second,
 * its morph made by the same job), the frames drawn meanwhile and while
 * the morph plays, and each one's
 * ratio to its goal; never a pass/fail.  The machine's load changes the
 * times: the figures' thread runs at low priority. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#ifdef HAVE_SDL

#include "app/app.h"
#include "cli/cli.h"
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

/* A frame paced as the app's loop paces it without vsync: the rest of a
 * 60th of a second is slept, leaving the figures' thread the CPU. */
static double
paced_frame_ms (rs_app *a)
{
  double t = frame_ms (a);

  if (t < 1e3 / 60.0)
    SDL_Delay ((Uint32) (1e3 / 60.0 - t));
  return t;
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

/* From a key to the full new surface, n times on a paused app (so that
 * only the change's job runs): the key's frame, the time until the
 * change shows (coarse figure) and until it shows on the full grid, and
 * every frame drawn meanwhile; the medians against goal_ms. */
static void
to_full (rs_app *a, SDL_Keycode key, const char *what, double goal_ms,
         size_t n)
{
  size_t cap = 8192, m = 0, nm = 0;
  double *during = malloc (cap * sizeof *during);
  double *morph = malloc (cap * sizeof *morph);
  double *shown = malloc (n * sizeof *shown), *full = malloc (n * sizeof *full);
  double *made = malloc (n * sizeof *made);
  char label[200];

  for (size_t i = 0; i < n; i++)
    {
      double t0;

      rs_app_wait_landscape (a);
      for (int f = 0; f < 3; f++)
        frame_ms (a);
      t0 = bench_now ();
      press (a, key);
      while (rs_app_pending (a))
        {
          double t = paced_frame_ms (a);

          if (m < cap)
            during[m++] = t;
        }
      shown[i] = 1e3 * (bench_now () - t0);
      while (!rs_app_landscape_made (a))
        {
          double t = paced_frame_ms (a);

          if (m < cap)
            during[m++] = t;
        }
      made[i] = 1e3 * (bench_now () - t0);
      while (rs_app_landscape_busy (a))
        {
          double t = paced_frame_ms (a);

          if (m < cap)
            during[m++] = t;
        }
      full[i] = 1e3 * (bench_now () - t0);
      /* L's morph: the surface tilting over a second */
      while (rs_app_morph (a) >= 0.0)
        {
          double t = paced_frame_ms (a);

          if (nm < cap)
            morph[nm++] = t;
        }
    }
  snprintf (label, sizeof label, "%s until it shows", what);
  printf ("%-44s %7.2f ms  (median of %zu; coarse figure)\n", label,
          bench_median (shown, n), n);
  snprintf (label, sizeof label, "%s until its full surface is made", what);
  printf ("%-44s %7.2f ms  (median of %zu; %.2f x the %g ms goal)\n", label,
          bench_median (made, n), n, bench_median (made, n) / goal_ms,
          goal_ms);
  snprintf (label, sizeof label, "%s until it shows fully", what);
  printf ("%-44s %7.2f ms  (median of %zu; after a morph of its second)\n",
          label, bench_median (full, n), n);
  snprintf (label, sizeof label, "%s, frames meanwhile", what);
  report (label, during, m);
  if (nm > 0)
    {
      snprintf (label, sizeof label, "%s, frames of the morph", what);
      report (label, morph, nm);
    }
  free (during);
  free (morph);
  free (shown);
  free (full);
  free (made);
}

/* A kick at every frame, each one superseding the last one's job. */
static void
kick_burst (rs_app *a)
{
  double burst[60];

  rs_app_wait_landscape (a);
  for (size_t i = 0; i < 60; i++)
    {
      double t0 = bench_now ();

      press (a, SDLK_k);
      burst[i] = 1e3 * (bench_now () - t0) + frame_ms (a);
    }
  report ("net-dead.scene, a kick at every frame", burst, 60);
  rs_app_wait_landscape (a);
}

/* Both changes on one scene, from a paused point some way into it. */
static void
changes (rs_app *a, const char *name, double goal_ms)
{
  char what[200];

  for (int f = 0; f < 40; f++)
    frame_ms (a);
  rs_app_wait_landscape (a);
  press (a, SDLK_SPACE);
  snprintf (what, sizeof what, "%s, L", name);
  to_full (a, SDLK_l, what, goal_ms, 10);
  snprintf (what, sizeof what, "%s, a kick", name);
  to_full (a, SDLK_k, what, goal_ms, 10);
  press (a, SDLK_SPACE);
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
  rs_app_wait_landscape (a);
  steady (a, "built-in scene", 121);
  /* the same without the control strip: what the strip costs */
  press (a, SDLK_m);
  rs_app_wait_landscape (a);
  steady (a, "built-in scene, the control strip hidden (M)", 121);
  press (a, SDLK_m);
  rs_app_wait_landscape (a);
  changes (a, "built-in scene", 50.0);
  rs_app_free (a);
  if (cli_load_scene (RS_TOP_SRCDIR "/scenes/net-dead.scene", &sc) == CLI_OK
      && (a = rs_app_alloc (&sc, &o, &err)) != NULL)
    {
      rs_app_wait_landscape (a);
      steady (a, "net-dead.scene, playing, the landscape following", 121);
      changes (a, "net-dead.scene", 250.0);
      kick_burst (a);
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
