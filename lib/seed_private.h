/* seed_private.h: seeds for independent streams of random numbers, shared
 * by sim.c and probe.c and not exported. */
#ifndef RS_SEED_PRIVATE_H
#define RS_SEED_PRIVATE_H

#include <stddef.h>

/* splitmix64 of (seed, t, what, extra): the seed of stream `what` at step
 * or trial t, well spread even for neighbouring seeds and steps, so that
 * every step's (or trial's) draws are its own and a run can be replayed
 * from any point. */
static inline unsigned long
rs_seed_mix (unsigned long seed, size_t t, unsigned what, size_t extra)
{
  unsigned long long z = seed * 0x9e3779b97f4a7c15ULL
                         + t * 0xbf58476d1ce4e5b9ULL
                         + what * 0x94d049bb133111ebULL + extra;

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return (unsigned long) ((z ^ (z >> 31)) & 0xffffffffUL);
}

#endif /* RS_SEED_PRIVATE_H */
