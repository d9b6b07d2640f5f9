/* bench.h: a monotonic clock and medians, for the benchmarks. */
#ifndef RS_BENCH_H
#define RS_BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Seconds on a clock that never jumps. */
static inline double
bench_now (void)
{
  struct timespec t;

  clock_gettime (CLOCK_MONOTONIC, &t);
  return (double) t.tv_sec + 1e-9 * (double) t.tv_nsec;
}

static inline int
bench_cmp (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median of t[0 .. n-1], sorting t in place: robust to the odd slow
 * repetition on a shared machine. */
static inline double
bench_median (double *t, size_t n)
{
  qsort (t, n, sizeof t[0], bench_cmp);
  return t[n / 2];
}

/* Repetitions per second of what time(ctx, count) times (it returns the
 * seconds count repetitions took): warm up while finding a count that
 * takes about 0.3 s, then the median of 7 timings of that many. */
static inline double
bench_rate (double (*time) (void *ctx, long count), void *ctx)
{
  double t[7], dt;
  long count = 1;

  while ((dt = time (ctx, count)) < 0.05)
    count *= 2;
  count = (long) ((double) count * 0.3 / dt) + 1;
  for (int r = 0; r < 7; r++)
    t[r] = time (ctx, count);
  return (double) count / bench_median (t, 7);
}

/* The command line of a benchmark with a PyTorch half: nothing, or
 * --dump FILE, opened into *f (NULL without it).  0, or the exit status
 * of a usage error (2) or of a file that cannot be opened (1). */
static inline int
bench_dump_arg (int argc, char **argv, FILE **f)
{
  const char *path = argc == 3 && strcmp (argv[1], "--dump") == 0 ? argv[2]
                                                                   : NULL;

  *f = NULL;
  if (argc != 1 && path == NULL)
    {
      fprintf (stderr, "usage: %s [--dump FILE]\n", argv[0]);
      return 2;
    }
  if (path != NULL && (*f = fopen (path, "w")) == NULL)
    {
      perror (path);
      return 1;
    }
  return 0;
}

#endif /* RS_BENCH_H */
