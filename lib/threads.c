/* threads.c: the number of threads for the next parallel batch, from
 * the processors that are free at this moment (Linux /proc). */
#define _GNU_SOURCE
#include <config.h>

#include <dirent.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>


#ifdef _OPENMP
#include <omp.h>
#endif

#include "reluscape/rs_surface.h"

/* The processors this process may run on (its affinity mask). */
static int
usable_cpus (void)
{
  cpu_set_t set;

  if (sched_getaffinity (0, sizeof set, &set) == 0)
    return CPU_COUNT (&set);
  return (int) sysconf (_SC_NPROCESSORS_ONLN);
}

/* The runnable tasks of the whole system (the 4th field of
 * /proc/loadavg, "R/T"), or -1. */
static int
runnable_tasks (void)
{
  FILE *f = fopen ("/proc/loadavg", "r");
  double l1, l5, l15;
  int running = -1, total;

  if (f == NULL)
    return -1;
  if (fscanf (f, "%lf %lf %lf %d/%d", &l1, &l5, &l15, &running, &total)
      != 5)
    running = -1;
  fclose (f);
  return running;
}

/* This process's threads that are running or runnable now (state R in
 * /proc/self/task/TID/stat), or -1. */
static int
own_running (void)
{
  DIR *d = opendir ("/proc/self/task");
  struct dirent *e;
  int n = 0;

  if (d == NULL)
    return -1;
  while ((e = readdir (d)) != NULL)
    {
      char path[300], buf[512], *paren;
      FILE *f;

      if (e->d_name[0] == '.')
        continue;
      snprintf (path, sizeof path, "/proc/self/task/%s/stat", e->d_name);
      if ((f = fopen (path, "r")) == NULL)
        continue;
      if (fgets (buf, sizeof buf, f) != NULL
          && (paren = strrchr (buf, ')')) != NULL && paren[1] == ' '
          && paren[2] == 'R')
        n++;
      fclose (f);
    }
  closedir (d);
  return n;
}

int
rs_threads_now (int max)
{
  int cpus, running, own, free_cpus;

  if (max <= 1)
    return 1;
  cpus = usable_cpus ();
  running = runnable_tasks ();
  own = own_running ();
  if (cpus < 1 || running < 0 || own < 0)
    return max;
  /* running counts this process's running threads; at least this one */
  free_cpus = cpus - (running - (own > 0 ? own : 1));
  if (free_cpus < 1)
    return 1;
  return free_cpus < max ? free_cpus : max;
}

void
rs_threads_limit (int n)
{
#ifdef _OPENMP
  omp_set_num_threads (n >= 1 ? n : 1);
#else
  (void) n;
#endif
}
