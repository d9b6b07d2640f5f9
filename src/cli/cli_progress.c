/* cli_progress.c: the progress of long work on standard error, and the
 * threshold past which work counts as long.
 *
 * On a terminal a bar is redrawn in place for any work.  Elsewhere (a
 * log file, a cluster's job output) the work stays quiet unless it will
 * take longer than the threshold, a minute (RELUSCAPE_PROGRESS_AFTER
 * seconds when set): it then says so in whole lines, with the time
 * spent and the whole time estimated from the pace so far, at most every
 * ten seconds and once per percent, and how long it took at the end. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

/* Where the current piece of work stands. */
static struct {
  struct timespec start;  /* its first report (tv_sec 0: none yet) */
  struct timespec last;   /* the last line or redraw */
  int said;               /* lines printed off a terminal */
  long percent;           /* in the last of them */
} work;

double
cli_long_seconds (void)
{
  static double t = -1.0;
  const char *v;
  char *end;

  if (t >= 0.0)
    return t;
  t = 60.0;
  v = getenv ("RELUSCAPE_PROGRESS_AFTER");
  if (v != NULL && *v != '\0')
    {
      double x = strtod (v, &end);

      if (*end == '\0' && x >= 0.0 && isfinite (x))
        t = x;
    }
  return t;
}

/* Seconds between two readings of the monotonic clock. */
static double
seconds_between (struct timespec a, struct timespec b)
{
  return (double) (b.tv_sec - a.tv_sec) + 1e-9 * (double) (b.tv_nsec
                                                             - a.tv_nsec);
}

const char *
cli_clock_text (double t, char *buf, size_t n)
{
  long s = (long) (t + 0.5);

  if (s >= 3600)
    snprintf (buf, n, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else
    snprintf (buf, n, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

/* The bar on a terminal, redrawn at most ten times a second. */
static void
bar (const char *what, size_t done, size_t total, struct timespec now)
{
  char b[31], t1[32], t2[32];
  double spent = seconds_between (work.start, now);
  size_t k;

  if (seconds_between (work.last, now) < 0.1)
    return;
  work.last = now;
  k = (size_t) ((double) done / (double) total * 30.0);
  memset (b, '#', k);
  memset (b + k, '.', 30 - k);
  b[30] = '\0';
  fprintf (stderr, "\r%s [%s] %zu/%zu", what, b, done, total);
  /* the estimate, from the pace so far, once there is one */
  if (done > 0 && spent >= 1.0)
    fprintf (stderr, "  %s of about %s", cli_clock_text (spent, t1,
                                                         sizeof t1),
             cli_clock_text (spent * (double) total / (double) done, t2,
                             sizeof t2));
  fputs ("\033[K", stderr);
}

/* A line off a terminal when the work will be long: once it is known to
 * be (a second spent, or the threshold if shorter), then at most every
 * ten seconds (a sixth of the threshold if shorter) and once a percent. */
static void
line (const char *what, size_t done, size_t total, struct timespec now)
{
  double t = cli_long_seconds (), spent = seconds_between (work.start, now);
  double whole = done > 0 ? spent * (double) total / (double) done : 0.0;
  long percent = (long) (100.0 * (double) done / (double) total);
  char t1[32], t2[32];

  if (done == 0 || whole < t || spent < fmin (1.0, t))
    return;
  if (work.said && (seconds_between (work.last, now) < fmin (10.0, t / 6.0)
                    || percent == work.percent))
    return;
  work.last = now;
  work.percent = percent;
  work.said = 1;
  fprintf (stderr, "reluscape: %s: %zu/%zu (%ld %%), %s of about %s\n",
           what, done, total, percent, cli_clock_text (spent, t1, sizeof t1),
           cli_clock_text (whole, t2, sizeof t2));
}

/* The end of the work: the bar wiped, or the time it took said. */
static void
finish (const char *what, int tty, struct timespec now)
{
  char t1[32];

  if (tty)
    fprintf (stderr, "\r\033[K");
  else if (work.said)
    fprintf (stderr, "reluscape: %s: done in %s\n", what,
             cli_clock_text (seconds_between (work.start, now), t1,
                             sizeof t1));
  memset (&work, 0, sizeof work);
}

void
cli_progress (const char *what, size_t done, size_t total)
{
  static int tty = -1;
  struct timespec now;

  if (tty < 0)
    tty = isatty (STDERR_FILENO);
  if (total == 0)
    return;
  clock_gettime (CLOCK_MONOTONIC, &now);
  if (done >= total)
    {
      finish (what, tty, now);
      return;
    }
  if (work.start.tv_sec == 0 && work.start.tv_nsec == 0)
    work.start = now;
  if (tty)
    bar (what, done, total, now);
  else
    line (what, done, total, now);
}
