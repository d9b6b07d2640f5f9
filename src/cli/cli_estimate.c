/* cli_estimate.c: the line said before long work starts, how much
 * memory and time it will take, for every command: a run (cli_run.c),
 * an experiment (from its own cost model, exp_*.c) and an animation
 * (from the time its first frames took).  Said when the work needs
 * 256 MiB or more, or will take longer than cli_long_seconds. */
#include <config.h>

#include <stdio.h>
#include <time.h>

#include "cli/cli.h"

void
cli_work_estimate (const char *what, const char *noun, double bytes,
                   double seconds, const char *detail)
{
  char b[32], t[32];

  if (bytes < 256.0 * 1048576.0 && seconds < cli_long_seconds ())
    return;
  fprintf (stderr, "%s: the %s takes about %s of memory and about %s "
           "(%s); the time left shows as it goes\n", what, noun,
           cli_size_text (bytes, b, sizeof b),
           cli_clock_text (seconds, t, sizeof t), detail);
}

/* When the frames of the current animation started and when its first
 * frame was done (tv_sec 0: not yet), and whether its estimate was
 * said. */
static struct {
  struct timespec start;
  struct timespec first;
  int estimated;
} frames;

/* Seconds from a to b on the monotonic clock. */
static double
seconds_from (struct timespec a, struct timespec b)
{
  return (double) (b.tv_sec - a.tv_sec) + 1e-9 * (double) (b.tv_nsec
                                                             - a.tv_nsec);
}

void
cli_frames_start (void)
{
  clock_gettime (CLOCK_MONOTONIC, &frames.start);
  frames.first.tv_sec = 0;
  frames.first.tv_nsec = 0;
  frames.estimated = 0;
}

/* The frames an animation's estimate is taken from: the first, which
 * also pays for the first layout and for starting the encoder, as it
 * took; then the pace of the next two for every other frame. */
#define ESTIMATE_FRAMES 3

void
cli_frames_progress (const char *what, const char *estimate_what,
                     size_t done, size_t total, double frame_bytes)
{
  struct timespec now;

  clock_gettime (CLOCK_MONOTONIC, &now);
  if (done == 1)
    frames.first = now;
  if (!frames.estimated && done >= ESTIMATE_FRAMES && done < total
      && frames.first.tv_sec != 0)
    {
      double first = seconds_from (frames.start, frames.first);
      double pace = seconds_from (frames.first, now) / (double) (done - 1);
      char detail[96];

      snprintf (detail, sizeof detail, "%zu frames, estimated from the "
                "first %zu", total, done);
      cli_work_estimate (estimate_what, "animation", frame_bytes,
                         first + pace * (double) (total - 1), detail);
      frames.estimated = 1;
    }
  cli_progress (what, done, total);
}
