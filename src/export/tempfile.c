/* tempfile.c: temporary outputs removed on SIGINT, SIGTERM and SIGHUP.
 * The table is fixed in size and touched with those signals blocked; the
 * handler uses only async-signal-safe calls (unlink, rmdir, kill, and
 * the getdents64 system call to empty a folder of frames). */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "export/tempfile.h"

#define MAX_TEMPS 8
#define MAX_CHILDREN 4

typedef struct {
  char path[PATH_MAX];
  int dir;
  int used;
} temp_slot;

static temp_slot temps[MAX_TEMPS];
static volatile pid_t children[MAX_CHILDREN];
static int n_registered;
static struct sigaction saved[3];
static const int caught[3] = { SIGINT, SIGTERM, SIGHUP };

/* Block (how SIG_BLOCK) or restore the caught signals around a change of
 * the table. */
static void
guard (int how, sigset_t *old)
{
  sigset_t set;

  sigemptyset (&set);
  for (int i = 0; i < 3; i++)
    sigaddset (&set, caught[i]);
  sigprocmask (how, how == SIG_BLOCK ? &set : old, how == SIG_BLOCK ? old
                                                                    : NULL);
}

/* Remove the files of folder dir, then dir, with system calls only. */
static void
remove_folder_now (const char *dir)
{
  char buf[4096], path[PATH_MAX + 260];
  int fd = open (dir, O_RDONLY | O_DIRECTORY);
  long k;

  while (fd >= 0 && (k = syscall (SYS_getdents64, fd, buf, sizeof buf)) > 0)
    for (long off = 0; off < k;)
      {
        /* struct linux_dirent64: ino (8), off (8), reclen (2), type (1),
         * name */
        unsigned short reclen;
        const char *name = buf + off + 19;
        size_t dl = strlen (dir), nl = strlen (name);

        memcpy (&reclen, buf + off + 16, sizeof reclen);
        off += reclen;
        if (dl + nl + 2 > sizeof path || strcmp (name, ".") == 0
            || strcmp (name, "..") == 0)
          continue;
        memcpy (path, dir, dl);
        path[dl] = '/';
        memcpy (path + dl + 1, name, nl + 1);
        unlink (path);
      }
  if (fd >= 0)
    close (fd);
  rmdir (dir);
}

/* The handler: remove what is registered, kill the helpers, then die of
 * the signal with its default action. */
static void
on_signal (int sig)
{
  for (int i = 0; i < MAX_TEMPS; i++)
    if (temps[i].used)
      {
        if (temps[i].dir)
          remove_folder_now (temps[i].path);
        else
          unlink (temps[i].path);
      }
  for (int i = 0; i < MAX_CHILDREN; i++)
    if (children[i] > 0)
      kill (children[i], SIGKILL);
  signal (sig, SIG_DFL);
  raise (sig);
}

/* Install the handler (first registration) or restore the old ones (the
 * last one forgotten); called with the signals blocked. */
static void
count (int delta)
{
  struct sigaction sa;

  if (delta > 0 && n_registered++ == 0)
    {
      memset (&sa, 0, sizeof sa);
      sa.sa_handler = on_signal;
      sigemptyset (&sa.sa_mask);
      for (int i = 0; i < 3; i++)
        sigaddset (&sa.sa_mask, caught[i]);
      for (int i = 0; i < 3; i++)
        {
          sigaction (caught[i], &sa, &saved[i]);
          /* a signal ignored from the start (SIGINT of "cmd &") stays
           * ignored */
          if (saved[i].sa_handler == SIG_IGN)
            sigaction (caught[i], &saved[i], NULL);
        }
    }
  else if (delta < 0 && n_registered > 0 && --n_registered == 0)
    for (int i = 0; i < 3; i++)
      sigaction (caught[i], &saved[i], NULL);
}

int
rs_temp_name (const char *path, char *buf, size_t n)
{
  const char *slash = strrchr (path, '/');
  size_t dir = slash != NULL ? (size_t) (slash - path) + 1 : 0;
  size_t base = strlen (path) - dir;
  size_t keep = base + 11 <= 255 ? base : 244;
  int k = snprintf (buf, n, "%.*s%.*s.tmp-XXXXXX", (int) dir, path,
                    (int) keep, path + dir);

  return k < 0 || (size_t) k >= n ? -1 : 0;
}

int
rs_temp_create (const char *path, char *tmp, size_t n, int dir)
{
  sigset_t old;
  int fd = -1, slot = -1;

  if (rs_temp_name (path, tmp, n) != 0)
    {
      errno = ENAMETOOLONG;
      return -1;
    }
  guard (SIG_BLOCK, &old);
  for (int i = 0; i < MAX_TEMPS && slot < 0; i++)
    if (!temps[i].used)
      slot = i;
  if (slot >= 0 && strlen (tmp) < sizeof temps[slot].path)
    {
      fd = dir ? (mkdtemp (tmp) != NULL ? 0 : -1) : mkstemp (tmp);
      if (fd >= 0)
        {
          snprintf (temps[slot].path, sizeof temps[slot].path, "%s", tmp);
          temps[slot].dir = dir;
          temps[slot].used = 1;
          count (1);
        }
    }
  else
    errno = EMFILE;
  guard (SIG_SETMASK, &old);
  return fd;
}

void
rs_temp_forget (const char *tmp)
{
  sigset_t old;

  guard (SIG_BLOCK, &old);
  for (int i = 0; i < MAX_TEMPS; i++)
    if (temps[i].used && strcmp (temps[i].path, tmp) == 0)
      {
        temps[i].used = 0;
        count (-1);
        break;
      }
  guard (SIG_SETMASK, &old);
}

/* Replace the first child slot holding from by to (0: an empty slot). */
static void
swap_child (pid_t from, pid_t to)
{
  sigset_t old;

  guard (SIG_BLOCK, &old);
  for (int i = 0; i < MAX_CHILDREN; i++)
    if (children[i] == from)
      {
        children[i] = to;
        break;
      }
  guard (SIG_SETMASK, &old);
}

void
rs_temp_add_child (pid_t pid)
{
  swap_child (0, pid);
}

void
rs_temp_forget_child (pid_t pid)
{
  swap_child (pid, 0);
}

int
rs_temp_child_setup (pid_t parent)
{
#ifdef __linux__
  if (prctl (PR_SET_PDEATHSIG, SIGKILL) != 0)
    return -1;
#endif
  /* the parent may have died between fork and prctl */
  return getppid () == parent ? 0 : -1;
}
