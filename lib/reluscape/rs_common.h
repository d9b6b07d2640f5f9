/* rs_common.h: status codes, error reports and the interval type shared by
 * every module of libreluscape. */
#ifndef RS_COMMON_H
#define RS_COMMON_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes.  Functions that can fail return RS_OK or one of these. */
enum {
  RS_OK = 0,
  RS_EINVAL = -1,     /* an argument or a value out of its range */
  RS_ENOMEM = -2,     /* allocation failed */
  RS_ESYNTAX = -3,    /* malformed text input (a scene, a CSV file) */
  RS_EIO = -4,        /* a file could not be read */
  RS_EDIVERGED = -5,  /* a run produced NaN or Inf */
  RS_EDOMAIN = -6     /* a value outside its function's domain: an
                         infinite loss (C12) */
};

/* A human-readable report of the first error met.  For text input, file,
 * line and col (both 1-based) say where; line is 0 when there is no place. */
typedef struct {
  int code;
  char file[256];
  int line;
  int col;
  char message[512];
} rs_error;

/* Fill err (when not NULL) and return code, so that callers can write
 * "return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "...")". */
int rs_error_set (rs_error *err, int code, const char *file, int line,
                  int col, const char *fmt, ...)
  __attribute__ ((format (printf, 6, 7)));

/* Clear err to "no error". */
void rs_error_clear (rs_error *err);

/* Write "file:line:col: error: message" (or the parts that are known)
 * into buf of size n; returns buf. */
char *rs_error_format (const rs_error *err, char *buf, size_t n);

/* A short description of a status code. */
const char *rs_strerror (int code);

/* The nearest of the n names to word, within 2 edits (Levenshtein), for
 * "did you mean"; NULL when none is that near. */
const char *rs_nearest (const char *word, const char *const *names,
                        size_t n);

/* The length of the valid UTF-8 sequence at s (n bytes left): 1 to 4,
 * or 0 for a stray, overlong, surrogate or out-of-range sequence and
 * when n is 0. */
size_t rs_utf8_length (const char *s, size_t n);

/* Read the whole file at path into a new NUL-terminated buffer *text of
 * *len bytes (free it with free).  The file must be a regular file (a
 * FIFO, a device or a folder is refused without blocking) of at most
 * limit bytes; what names it in messages ("scene", "data file").
 * RS_EIO with a message otherwise. */
int rs_file_read (const char *path, size_t limit, const char *what,
                  char **text, size_t *len, rs_error *err);

/* A closed interval [lo, hi]: ranges of the landscape, subdifferentials. */
typedef struct {
  double lo;
  double hi;
} rs_interval;

static inline rs_interval
rs_interval_make (double lo, double hi)
{
  rs_interval r = { lo, hi };
  return r;
}

/* The point at fraction t in [0, 1] of r. */
static inline double
rs_interval_lerp (rs_interval r, double t)
{
  return r.lo + t * (r.hi - r.lo);
}

#ifdef __cplusplus
}
#endif

#endif /* RS_COMMON_H */
