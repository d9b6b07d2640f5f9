/* threads_private.h: how many threads a parallel loop of a surface or a
 * basin map takes now, so that it degrades gracefully on a busy machine;
 * shared by surface.c and basin.c and not exported. */
#ifndef RS_THREADS_PRIVATE_H
#define RS_THREADS_PRIVATE_H

/* The threads worth running now, 1 to max: the processors this process
 * may use, less those that other processes keep busy at this moment
 * (the runnable count of /proc/loadavg less this process's own running
 * threads).  Two threads on two cores beside one busy process would
 * wait for each other's preempted chunks and spin at the barriers: up
 * to 3 times slower than one thread.  max when /proc cannot be read. */
int rs_threads_now (int max);

#endif /* RS_THREADS_PRIVATE_H */
