/* mathname.c: plain names to pango markup (mathname.h).
 *
 * A parameter's name is a letter, its layer and one or two indices in
 * brackets (lib/net.c, rs_net_param_name); the layer becomes a
 * subscript of the italic letter, as W_1 in the formulas z_l = W_l a +
 * b_l, and the indices stay as they are, since they are what a scene
 * names.  Greek quantities are spelled out in scenes and shown as their
 * letters. */
#include <config.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "draw/mathname.h"

/* Words shown as symbols. */
static const struct {
  const char *word, *symbol;
} symbols[] = {
  { "gamma", "γ" }, { "alpha", "α" }, { "rate", "η" }, { "grad", "∇L" }
};

/* The digits at s into *end (past them); 0 when there are none. */
static int
digits (const char *s, const char **end)
{
  const char *p = s;

  while (isdigit ((unsigned char) *p))
    p++;
  *end = p;
  return p > s;
}

/* The bracketed index at s ("[12]") into *end; 0 when s holds none. */
static int
index_at (const char *s, const char **end)
{
  const char *p;

  if (*s != '[' || !digits (s + 1, &p) || *p != ']')
    return 0;
  *end = p + 1;
  return 1;
}

/* Whether plain is a parameter's name: W with two indices, b or a with
 * one, after the layer's digits; *layer_end past the layer. */
static int
param_name (const char *plain, const char **layer_end)
{
  const char *p;
  int want = plain[0] == 'W' ? 2 : plain[0] == 'b' || plain[0] == 'a' ? 1
             : 0;

  if (want == 0 || !digits (plain + 1, layer_end))
    return 0;
  p = *layer_end;
  for (int k = 0; k < want; k++)
    if (!index_at (p, &p))
      return 0;
  return *p == '\0';
}

/* Copy src into buf of n bytes, cut at a UTF-8 character's start. */
static void
put (char *buf, size_t n, const char *src)
{
  size_t len = strlen (src);

  if (n == 0)
    return;
  if (len >= n)
    {
      len = n - 1;
      while (len > 0 && ((unsigned char) src[len] & 0xc0) == 0x80)
        len--;
    }
  memcpy (buf, src, len);
  buf[len] = '\0';
}

char *
rs_math_name (const char *plain, char *buf, size_t n)
{
  const char *layer_end;
  char tmp[256];
  char *esc;

  for (size_t k = 0; k < sizeof symbols / sizeof symbols[0]; k++)
    if (strcmp (plain, symbols[k].word) == 0)
      {
        put (buf, n, symbols[k].symbol);
        return buf;
      }
  if (param_name (plain, &layer_end)
      && (size_t) snprintf (tmp, sizeof tmp, "<i>%c</i><sub>%.*s</sub>%s",
                            plain[0], (int) (layer_end - plain - 1),
                            plain + 1, layer_end) < sizeof tmp)
    {
      /* a cut markup would not parse: the plain name rather than that */
      if (strlen (tmp) < n)
        {
          put (buf, n, tmp);
          return buf;
        }
    }
  esc = g_markup_escape_text (plain, -1);
  put (buf, n, esc);
  g_free (esc);
  /* cut inside an entity ("&am"): cut before it, so that it parses */
  if (n > 0 && (esc = strrchr (buf, '&')) != NULL && strchr (esc, ';') == NULL)
    *esc = '\0';
  return buf;
}
