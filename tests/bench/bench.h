/* bench.h: a monotonic clock and medians, for the benchmarks. */
#ifndef RS_BENCH_H
#define RS_BENCH_H

#include <stdlib.h>
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

#endif /* RS_BENCH_H */
