/* common.c: error reports. */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "reluscape/rs_common.h"

int
rs_error_set (rs_error *err, int code, const char *file, int line, int col,
              const char *fmt, ...)
{
  va_list ap;

  if (err == NULL)
    return code;
  err->code = code;
  snprintf (err->file, sizeof err->file, "%s", file ? file : "");
  err->line = line;
  err->col = col;
  va_start (ap, fmt);
  vsnprintf (err->message, sizeof err->message, fmt, ap);
  va_end (ap);
  return code;
}

void
rs_error_clear (rs_error *err)
{
  if (err != NULL)
    memset (err, 0, sizeof *err);
}

/* "file:line:col: error: message", leaving out the parts not known. */
char *
rs_error_format (const rs_error *err, char *buf, size_t n)
{
  if (err->file[0] != '\0' && err->line > 0)
    snprintf (buf, n, "%s:%d:%d: error: %s", err->file, err->line, err->col,
              err->message);
  else if (err->file[0] != '\0')
    snprintf (buf, n, "%s: error: %s", err->file, err->message);
  else
    snprintf (buf, n, "error: %s", err->message);
  return buf;
}

const char *
rs_strerror (int code)
{
  switch (code)
    {
    case RS_OK:
      return "success";
    case RS_EINVAL:
      return "value out of range";
    case RS_ENOMEM:
      return "out of memory";
    case RS_ESYNTAX:
      return "syntax error";
    case RS_EIO:
      return "input/output error";
    case RS_EDIVERGED:
      return "run diverged";
    case RS_EDOMAIN:
      return "infinite loss";
    default:
      return "unknown error";
    }
}
