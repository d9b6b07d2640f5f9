/* file.c: reading a whole input file (a scene, a CSV data set, an app
 * script) under the rules every reader shares: a regular file, opened
 * without blocking so that a FIFO or a device cannot hang the program,
 * and no larger than a stated limit so that /dev/zero or a huge file
 * cannot fill memory. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reluscape/rs_common.h"

/* Open path for reading without blocking (a FIFO with no writer would
 * block in open) and without becoming its controlling terminal; the fd,
 * or -1 with errno set.  Blocking is turned back on for the reads. */
static int
open_regular (const char *path, struct stat *st)
{
  int fd = open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  int flags;

  if (fd < 0)
    return -1;
  if (fstat (fd, st) != 0)
    {
      int e = errno;

      close (fd);
      errno = e;
      return -1;
    }
  if ((flags = fcntl (fd, F_GETFL)) >= 0)
    fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);
  return fd;
}

/* Read exactly n bytes of fd into buf; 0, or -1 with errno set (EIO when
 * the file shrank under us). */
static int
read_all (int fd, char *buf, size_t n)
{
  size_t got = 0;

  while (got < n)
    {
      ssize_t k = read (fd, buf + got, n - got);

      if (k < 0 && errno == EINTR)
        continue;
      if (k <= 0)
        {
          if (k == 0)
            errno = EIO;
          return -1;
        }
      got += (size_t) k;
    }
  return 0;
}

int
rs_file_read (const char *path, size_t limit, const char *what, char **text,
              size_t *len, rs_error *err)
{
  struct stat st;
  char *buf;
  int fd;

  *text = NULL;
  *len = 0;
  if ((fd = open_regular (path, &st)) < 0)
    return rs_error_set (err, RS_EIO, path, 0, 0, "cannot read the %s: %s",
                         what, strerror (errno));
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      return rs_error_set (err, RS_EIO, path, 0, 0, "cannot read the %s: "
                           "not a regular file", what);
    }
  if ((unsigned long long) st.st_size > limit)
    {
      close (fd);
      return rs_error_set (err, RS_EIO, path, 0, 0, "cannot read the %s: "
                           "too large (%lld bytes, at most %zu)", what,
                           (long long) st.st_size, limit);
    }
  if ((buf = malloc ((size_t) st.st_size + 1)) == NULL)
    {
      close (fd);
      return rs_error_set (err, RS_ENOMEM, path, 0, 0, "cannot read the %s: "
                           "out of memory", what);
    }
  if (read_all (fd, buf, (size_t) st.st_size) != 0)
    {
      int e = errno;

      free (buf);
      close (fd);
      return rs_error_set (err, RS_EIO, path, 0, 0, "cannot read the %s: %s",
                           what, strerror (e));
    }
  close (fd);
  buf[st.st_size] = '\0';
  *text = buf;
  *len = (size_t) st.st_size;
  return RS_OK;
}
