/* tempfile.h: temporary outputs that a signal removes.  Every output is
 * written to a temporary name beside its target and renamed at the end
 * (DESIGN.md); while such a file or folder exists, SIGINT, SIGTERM and
 * SIGHUP remove it, kill the helper processes started for it (ffmpeg),
 * and then end the program as the signal would have.  SIGKILL cannot be
 * caught: after kill -9 a temporary "NAME.tmp-XXXXXX" can stay behind
 * (the manual says so); helpers die with the program all the same
 * (rs_temp_child_setup). */
#ifndef RS_TEMPFILE_H
#define RS_TEMPFILE_H

#include <stddef.h>
#include <sys/types.h>

/* The temporary name for the output path into buf of n bytes: path's
 * folder, its file name cut so that the whole name stays within 255
 * bytes, and ".tmp-XXXXXX" for mkstemp or mkdtemp.  -1 when it does not
 * fit in n. */
int rs_temp_name (const char *path, char *buf, size_t n);

/* Create the temporary file (folder when dir) for path, named as
 * rs_temp_name says, into tmp (n bytes) and register it for removal on
 * a signal: the open file's descriptor (0 for a folder), or -1 with errno
 * set. */
int rs_temp_create (const char *path, char *tmp, size_t n, int dir);

/* Forget tmp (renamed into place or removed by the caller): a signal no
 * longer removes it.  The signal handlers go when nothing is left. */
void rs_temp_forget (const char *tmp);

/* Register a helper process to kill on a signal, or forget it (pid). */
void rs_temp_add_child (pid_t pid);
void rs_temp_forget_child (pid_t pid);

/* In a child after fork: die when the parent dies (Linux's
 * PR_SET_PDEATHSIG), even after kill -9 of the parent; parent is the
 * parent's pid before fork.  0, or -1 when the parent is already gone. */
int rs_temp_child_setup (pid_t parent);

#endif /* RS_TEMPFILE_H */
