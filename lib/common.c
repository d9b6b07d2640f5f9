/* common.c: error reports, and the nearest name for "did you mean". */
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

/* Levenshtein distance of two short words. */
static size_t
edit_distance (const char *a, const char *b)
{
  size_t la = strlen (a), lb = strlen (b), row[64];

  if (la >= 63 || lb >= 63)
    return 99;
  for (size_t j = 0; j <= lb; j++)
    row[j] = j;
  for (size_t i = 1; i <= la; i++)
    {
      size_t diag = row[0];

      row[0] = i;
      for (size_t j = 1; j <= lb; j++)
        {
          size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);

          if (up + 1 < best)
            best = up + 1;
          if (row[j - 1] + 1 < best)
            best = row[j - 1] + 1;
          row[j] = best;
          diag = up;
        }
    }
  return row[lb];
}

const char *
rs_nearest (const char *word, const char *const *names, size_t n)
{
  const char *best = NULL;
  size_t bd = 3;

  for (size_t i = 0; i < n; i++)
    {
      size_t d = edit_distance (word, names[i]);

      if (d < bd)
        {
          bd = d;
          best = names[i];
        }
    }
  return best;
}

size_t
rs_utf8_length (const char *s, size_t n)
{
  /* RFC 3629's table of well-formed byte sequences: the first byte's
   * range, the second byte's range, the length */
  static const struct { unsigned char lo, hi, lo2, hi2; size_t n; } forms[] = {
    { 0x00, 0x7f, 0, 0, 1 }, { 0xc2, 0xdf, 0x80, 0xbf, 2 },
    { 0xe0, 0xe0, 0xa0, 0xbf, 3 }, { 0xe1, 0xec, 0x80, 0xbf, 3 },
    { 0xed, 0xed, 0x80, 0x9f, 3 }, { 0xee, 0xef, 0x80, 0xbf, 3 },
    { 0xf0, 0xf0, 0x90, 0xbf, 4 }, { 0xf1, 0xf3, 0x80, 0xbf, 4 },
    { 0xf4, 0xf4, 0x80, 0x8f, 4 }
  };
  const unsigned char *p = (const unsigned char *) s;

  for (size_t i = 0; n > 0 && i < sizeof forms / sizeof forms[0]; i++)
    {
      size_t len = forms[i].n;

      if (p[0] < forms[i].lo || p[0] > forms[i].hi)
        continue;
      if (len == 1)
        return 1;
      if (n < len || p[1] < forms[i].lo2 || p[1] > forms[i].hi2)
        return 0;
      for (size_t k = 2; k < len; k++)
        if (p[k] < 0x80 || p[k] > 0xbf)
          return 0;
      return len;
    }
  return 0;
}
