/* variant.c: runs compared in one figure ('variant "NAME" LINE').
 *
 * A variant is the scene with a few scene lines over its own, applied as
 * `--set` applies its lines (rs_scene_compose) and parsed again, so that
 * a variant's line is checked exactly as the same line in the file.  The
 * scene that the lines go over is the scene itself in canonical form
 * (rs_scene_format), so that a variant can be made from the parsed scene
 * alone, wherever it is needed (a figure, the app, a check). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reluscape/rs_scene.h"
#include "scene_private.h"

/* The keywords of the figure, which a variant cannot change: one figure
 * shows every variant, under one title, in one style. */
static const char *const figure_keywords[] = {
  "title", "notes", "w-range", "b-range", "speed", "focus", "view",
  "layout", "theme", "colormap", "colorscale", "font", "size", "camera",
  "export", "show", "fps", "duration", "pace", "variant", NULL
};

int
rs_scene_keyword_varies (const char *name)
{
  if (rs_scene_keyword_repeatable (name) < 0)
    return 0;
  for (size_t i = 0; figure_keywords[i] != NULL; i++)
    if (strcmp (figure_keywords[i], name) == 0)
      return 0;
  return 1;
}

/* The variant of sc called name, a new one at the end when none is;
 * NULL when there is no room for another. */
static rs_variant *
variant_named (rs_scene *sc, const char *name, int line, int col)
{
  rs_variant *v;

  for (size_t k = 0; k < sc->n_variants; k++)
    if (strcmp (sc->variants[k].name, name) == 0)
      return &sc->variants[k];
  if (sc->n_variants == RS_SCENE_MAX_VARIANTS)
    return NULL;
  v = &sc->variants[sc->n_variants++];
  memset (v, 0, sizeof *v);
  snprintf (v->name, sizeof v->name, "%s", name);
  v->name_line = line;
  v->name_col = col;
  return v;
}

int
scene_variant_add (rs_scene *sc, const char *name, int name_line,
                   int name_col, const char *line, size_t len, int lineno,
                   int col, rs_error *err)
{
  rs_variant *v = variant_named (sc, name, name_line, name_col);

  if (v == NULL)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "too many variants "
                         "(at most %d)", RS_SCENE_MAX_VARIANTS);
  if (len == 0)
    return RS_OK;
  if (v->n_lines == RS_VARIANT_MAX_LINES)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "too many lines for "
                         "variant \"%s\" (at most %d)", name,
                         RS_VARIANT_MAX_LINES);
  if (len >= sizeof v->lines[0])
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "a variant's line is "
                         "too long (at most %zu bytes)",
                         sizeof v->lines[0] - 1);
  memcpy (v->lines[v->n_lines], line, len);
  v->lines[v->n_lines][len] = '\0';
  v->line[v->n_lines] = lineno;
  v->col[v->n_lines] = col;
  v->n_lines++;
  return RS_OK;
}

size_t
scene_variant_format (const rs_scene *sc, size_t k, size_t i, char *buf,
                      size_t n)
{
  const rs_variant *v = &sc->variants[k];
  size_t len = 0;
  int m;

  /* the name quoted with \" and \\ as the title is */
  m = snprintf (buf, n, "variant \"");
  len += m > 0 ? (size_t) m : 0;
  for (const char *s = v->name; *s != '\0'; s++)
    {
      m = snprintf (len < n ? buf + len : NULL, len < n ? n - len : 0,
                    *s == '"' || *s == '\\' ? "\\%c" : "%c", *s);
      len += m > 0 ? (size_t) m : 0;
    }
  m = snprintf (len < n ? buf + len : NULL, len < n ? n - len : 0, "\"%s%s",
                i < v->n_lines ? " " : "", i < v->n_lines ? v->lines[i]
                                                          : "");
  return len + (m > 0 ? (size_t) m : 0);
}

int
scene_same_variants (const rs_scene *a, const rs_scene *b)
{
  if (a->n_variants != b->n_variants)
    return 0;
  for (size_t k = 0; k < a->n_variants; k++)
    {
      const rs_variant *u = &a->variants[k], *v = &b->variants[k];

      if (strcmp (u->name, v->name) != 0 || u->n_lines != v->n_lines)
        return 0;
      for (size_t i = 0; i < u->n_lines; i++)
        if (strcmp (u->lines[i], v->lines[i]) != 0)
          return 0;
    }
  return 1;
}

/* The i-th line of v that is not a claim, from line *i on; NULL past
 * the last. */
static const char *
next_setting (const rs_variant *v, size_t *i)
{
  while (*i < v->n_lines && strncmp (v->lines[*i], "expect ", 7) == 0)
    (*i)++;
  return *i < v->n_lines ? v->lines[(*i)++] : NULL;
}

int
scene_variant_same_run (const rs_scene *sc, size_t a, size_t b)
{
  size_t i = 0, j = 0;

  for (;;)
    {
      const char *p = next_setting (&sc->variants[a], &i);
      const char *q = next_setting (&sc->variants[b], &j);

      if (p == NULL || q == NULL)
        return p == q;
      if (strcmp (p, q) != 0)
        return 0;
    }
}

/* sc without its variants in canonical form, in a new buffer. */
static char *
base_text (const rs_scene *sc, size_t *len, rs_error *err)
{
  rs_scene *base = malloc (sizeof *base);
  char *text = NULL;

  if (base != NULL)
    {
      memcpy (base, sc, sizeof *base);
      base->n_variants = 0;
      *len = rs_scene_format (base, NULL, 0);
      if ((text = malloc (*len + 1)) != NULL)
        rs_scene_format (base, text, *len + 1);
    }
  free (base);
  if (text == NULL)
    rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory");
  return text;
}

/* The variant's line that became line `line` of the composed text, or
 * -1 when it is the base's. */
static int
line_index (const rs_variant *v, const int *line_of, int line)
{
  for (size_t i = 0; i < v->n_lines; i++)
    if (line_of[i] > 0 && line_of[i] == line)
      return (int) i;
  return -1;
}

/* An error of the composed text at the variant's line in the file: on a
 * line of the variant, at the same place in that line; elsewhere (a
 * check of the whole scene), at the variant's first line, named. */
static int
place_error (const rs_variant *v, const int *line_of, const char *name,
             rs_error *err)
{
  char msg[sizeof err->message];
  int i = line_index (v, line_of, err->line);

  snprintf (msg, sizeof msg, "%s", err->message);
  if (i >= 0)
    return rs_error_set (err, err->code, name, v->line[i],
                         v->col[i] + err->col - 1, "%s", msg);
  return rs_error_set (err, err->code, name, v->line[0], v->col[0],
                       "variant \"%s\": %s", v->name, msg);
}

/* The places of out's claims, exports and data file as in the file: the
 * scene's own at theirs, the variant's claims at its lines. */
static void
place_lines (rs_scene *out, const rs_scene *sc, const rs_variant *v,
             const int *line_of)
{
  for (size_t i = 0; i < out->n_expects; i++)
    {
      rs_expect *e = &out->expects[i];
      int j = i < sc->n_expects ? -1 : line_index (v, line_of, e->line);

      if (i < sc->n_expects)
        {
          e->line = sc->expects[i].line;
          e->col = sc->expects[i].col;
        }
      else if (j >= 0)
        {
          e->col = v->col[j] + e->col - 1;
          e->line = v->line[j];
        }
    }
  for (size_t i = 0; i < out->n_exports && i < sc->n_exports; i++)
    {
      out->exports[i].line = sc->exports[i].line;
      out->exports[i].col = sc->exports[i].col;
    }
  if (strcmp (out->data_file, sc->data_file) == 0)
    {
      out->data_line = sc->data_line;
      out->data_col = sc->data_col;
      out->sim.data = sc->sim.data;
    }
}

int
rs_scene_variant (const rs_scene *sc, size_t k, const char *name,
                  rs_scene *out, rs_error *err)
{
  const rs_variant *v;
  const char *lines[RS_VARIANT_MAX_LINES];
  int line_of[RS_VARIANT_MAX_LINES];
  char *text, *composed;
  size_t len, clen;
  int rc;

  if (k >= sc->n_variants)
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "the scene has %zu "
                         "variant%s, not %zu", sc->n_variants,
                         sc->n_variants == 1 ? "" : "s", k + 1);
  v = &sc->variants[k];
  if ((text = base_text (sc, &len, err)) == NULL)
    return RS_ENOMEM;
  for (size_t i = 0; i < v->n_lines; i++)
    lines[i] = v->lines[i];
  rc = rs_scene_compose (text, len, lines, v->n_lines, ' ', &composed,
                         &clen, line_of, err);
  free (text);
  if (rc != RS_OK)
    return rc;
  rc = rs_scene_parse (out, composed, clen, name, err);
  free (composed);
  if (rc != RS_OK)
    return place_error (v, line_of, name ? name : "<scene>", err);
  if (strcmp (out->data_file, sc->data_file) != 0)
    {
      rs_error_set (err, RS_EINVAL, NULL, 1, 1, "a variant reads the "
                    "scene's data file, not another (variants differ in "
                    "how they train, on the same data)");
      return place_error (v, line_of, name ? name : "<scene>", err);
    }
  place_lines (out, sc, v, line_of);
  return RS_OK;
}
