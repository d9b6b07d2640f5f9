/* scene_keywords_view.c: the keywords of the figure (title, notes,
 * view, layout, theme, colormap, colorscale, font, size, camera, export)
 * and of the app's view (w-range, b-range, speed, kick-sigma, focus),
 * one function each, named in the table of scene_keywords.c; and the
 * names of the figure's kinds, layouts, units and colour maps. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "scene_parse_private.h"

/* ---- The figure: title, notes, views, layout, style and export ---- */

int
kw_title (parser *ps)
{
  if (expect (ps, T_STRING, "a quoted title such as \"The plateau\"")
      != RS_OK)
    return RS_ESYNTAX;
  snprintf (ps->sc->title, sizeof ps->sc->title, "%s", ps->tok.str);
  return RS_OK;
}

int
kw_notes (parser *ps)
{
  char *notes = ps->sc->notes;
  size_t used = strlen (notes), add;

  if (expect (ps, T_STRING, "a quoted paragraph such as \"Watch the ball "
              "stop.\"") != RS_OK)
    return RS_ESYNTAX;
  if (ps->tok.str[0] == '\0')
    return RS_OK;   /* an empty paragraph adds nothing */
  add = strlen (ps->tok.str) + (used > 0);
  if (used + add >= sizeof ps->sc->notes)
    return fail (ps, RS_EINVAL, "the notes are too long (at most %zu bytes "
                 "in all)", sizeof ps->sc->notes - 1);
  snprintf (notes + used, sizeof ps->sc->notes - used, "%s%s",
            used > 0 ? "\n" : "", ps->tok.str);
  return RS_OK;
}

static const char *const view_names[] = {
  "landscape", "activation", "network", "timeline", "histogram", "depth",
  "heads", "basin", "trace", "data", NULL
};
static const char *const layout_names[] = { "auto", "row", "column", "grid",
                                            NULL };
static const char *const unit_names[] = { "px", "pt", "cm", NULL };
static const char *const colormap_names[] = { "viridis", "cividis", "magma",
                                              "grey", NULL };

const char *
rs_view_kind_name (rs_view_kind k)
{
  /* view_names lists the kinds in their order from RS_VIEW_LANDSCAPE,
   * so a kind added at the end of rs_view_kind needs only its name
   * there. */
  size_t n = sizeof view_names / sizeof view_names[0] - 1;

  return k >= RS_VIEW_LANDSCAPE && (size_t) k - RS_VIEW_LANDSCAPE < n
           ? view_names[k - RS_VIEW_LANDSCAPE] : "?";
}

const char *
rs_layout_name (rs_layout l)
{
  return l <= RS_LAYOUT_GRID ? layout_names[l] : "?";
}

const char *
rs_unit_name (rs_unit u)
{
  return u <= RS_UNIT_CM ? unit_names[u] : "?";
}

const char *
rs_colormap_name (rs_colormap c)
{
  return c <= RS_CMAP_GREY ? colormap_names[c] : "?";
}

double
rs_unit_to_pt (double v, rs_unit u)
{
  return u == RS_UNIT_PT ? v : u == RS_UNIT_CM ? v * 72.0 / 2.54
                                              : v * 0.75;
}

/* The largest size a side may have in each unit: 16384 px, as many
 * points, 500 cm; the smallest 16 px or pt, 1 cm. */
static const double unit_min[] = { 16, 16, 1 };
static const double unit_max[] = { 16384, 16384, 500 };

/* WxH [px|pt|cm], into *w, *h, *u. */
static int
get_size (parser *ps, const char *what, double *w, double *h, rs_unit *u)
{
  char buf[80];
  place at;
  tok_kind kind;
  size_t i = RS_UNIT_PX;
  int rc;

  if (next (ps) != RS_OK)
    return RS_ESYNTAX;
  if (ps->tok.kind != T_SIZE)
    return fail (ps, RS_ESYNTAX, "expected a size WxH for %s, such as "
                 "1200x800 or 12x8 cm, found %s", what,
                 describe (&ps->tok, buf, sizeof buf));
  at = here (ps);
  *w = ps->tok.num;
  *h = ps->tok.num2;
  if ((rc = peek (ps, &kind)) != RS_OK)
    return rc;
  if (kind == T_WORD && (strcmp (ps->tok.str, "px") == 0
                         || strcmp (ps->tok.str, "pt") == 0
                         || strcmp (ps->tok.str, "cm") == 0))
    get_name (ps, "unit", unit_names, &i);
  *u = (rs_unit) i;
  if (*w < unit_min[i] || *w > unit_max[i] || *h < unit_min[i]
      || *h > unit_max[i])
    return fail_at (ps, at, RS_EINVAL, "%s %gx%g %s is out of range: each "
                    "side must be in [%g, %g] %s", what, *w, *h,
                    unit_names[i], unit_min[i], unit_max[i], unit_names[i]);
  return RS_OK;
}

/* over P1 P2: the plane of two parameters, by name. */
static int
plane_over (parser *ps, rs_view *v, size_t k, int arg)
{
  int rc;

  (void) arg;
  v->axes = RS_AXES_PARAMS;
  ps->view_at[k][1] = here (ps);
  if ((rc = get_param_name (ps, v->p1, sizeof v->p1)) != RS_OK)
    return rc;
  if (next (ps) != RS_OK)
    return RS_ESYNTAX;
  ps->p2_at[k] = here (ps);
  ps->pushed_back = 1;
  if ((rc = get_param_name (ps, v->p2, sizeof v->p2)) != RS_OK)
    return rc;
  if (strcmp (v->p1, v->p2) == 0)
    return fail_at (ps, ps->p2_at[k], RS_EINVAL, "a plane needs two "
                    "different parameters, not %s twice", v->p1);
  return RS_OK;
}

/* random | pca: the plane's axes, arg. */
static int
plane_axes (parser *ps, rs_view *v, size_t k, int arg)
{
  (void) ps, (void) k;
  v->axes = (rs_view_axes) arg;
  return RS_OK;
}

/* range [LO, HI] [LO, HI]: the plane's extent on each axis. */
static int
plane_range (parser *ps, rs_view *v, size_t k, int arg)
{
  int rc;

  (void) k, (void) arg;
  v->has_range = 1;
  if ((rc = get_range (ps, "the view's first axis", &v->u_range))
      != RS_OK)
    return rc;
  return get_range (ps, "the view's second axis", &v->v_range);
}

/* grid N: the plane's points a side. */
static int
plane_grid (parser *ps, rs_view *v, size_t k, int arg)
{
  (void) k, (void) arg;
  return get_count (ps, "view grid", 16, 2048, &v->grid);
}

/* 2d | 3d: a landscape drawn flat or in 3-D (arg 1). */
static int
plane_dims (parser *ps, rs_view *v, size_t k, int arg)
{
  (void) ps, (void) k;
  v->three_d = arg;
  return RS_OK;
}

/* at STEP: a landscape pinned to the landscape of that step. */
static int
plane_at (parser *ps, rs_view *v, size_t k, int arg)
{
  tok_kind kind;
  int rc;

  (void) arg;
  v->pinned = 1;
  if ((rc = peek (ps, &kind)) != RS_OK)
    return rc;
  ps->view_at[k][2] = here (ps);   /* the step's own place */
  return get_count (ps, "view at", 0, 10000000, &v->pin_step);
}

/* The options of a plane, as view_plane's names list them: the
 * function that reads each and what it sets. */
static const struct {
  int (*read) (parser *ps, rs_view *v, size_t k, int arg);
  int arg;
} plane_options[] = {
  { plane_over, 0 }, { plane_axes, RS_AXES_RANDOM },
  { plane_axes, RS_AXES_PCA }, { plane_range, 0 }, { plane_grid, 0 },
  { plane_dims, 0 }, { plane_dims, 1 }, { plane_at, 0 }
};

/* The plane of a landscape or a basin map: over P1 P2 | random | pca,
 * range [LO, HI] [LO, HI], grid N, and for a landscape 2d | 3d and at
 * STEP (the landscape of that step, whatever the step shown). */
static int
view_plane (parser *ps, rs_view *v, size_t k)
{
  static const char *const names[] = { "over", "random", "pca", "range",
                                       "grid", "2d", "3d", "at", NULL };
  options o = { names, 1u << 0 | 1u << 1 | 1u << 2, 0 };
  int which, rc;

  _Static_assert (sizeof names / sizeof names[0] - 1
                  == sizeof plane_options / sizeof plane_options[0],
                  "a function for each option of a plane");
  for (;;)
    {
      if ((rc = get_option (ps, &o, &which)) != RS_OK || which < 0)
        return rc;
      if (which >= 5 && v->kind != RS_VIEW_LANDSCAPE)
        return fail (ps, RS_ESYNTAX, "'%s' is an option of a landscape, "
                     "not of a basin map", names[which]);
      if (which >= 5 && (o.given & (1u << 5)) && (o.given & (1u << 6)))
        return fail (ps, RS_ESYNTAX, "'2d' and '3d' exclude each other");
      if ((rc = plane_options[which].read (ps, v, k,
                                           plane_options[which].arg))
          != RS_OK)
        return rc;
    }
}

/* One name of a trace, the word in ps->tok, into name: gamma, rate or
 * a parameter's name. */
static int
trace_name (parser *ps, char *name, size_t n)
{
  if (strcmp (ps->tok.str, "gamma") == 0)
    snprintf (name, n, "gamma");
  else if (strcmp (ps->tok.str, "rate") == 0)
    snprintf (name, n, "rate");
  else
    {
      ps->pushed_back = 1;
      return get_param_name (ps, name, n);
    }
  return RS_OK;
}

/* trace NAME...: 1 to RS_VIEW_MAX_TRACES parameters by name, or gamma
 * (bias warming's shift) or rate (the learning rate), each once. */
static int
view_trace (parser *ps, rs_view *v, size_t k)
{
  char buf[80];
  tok_kind kind;
  int rc;

  for (;;)
    {
      char *name = v->traces[v->n_traces];

      if ((rc = peek (ps, &kind)) != RS_OK)
        return rc;
      if (kind != T_WORD && v->n_traces > 0)
        return RS_OK;
      next (ps);
      if (kind != T_WORD)
        return fail (ps, RS_ESYNTAX, "expected what to trace (a parameter "
                     "such as b1[0], gamma or rate), found %s",
                     describe (&ps->tok, buf, sizeof buf));
      if (v->n_traces == RS_VIEW_MAX_TRACES)
        return fail (ps, RS_EINVAL, "a trace shows at most %d series",
                     RS_VIEW_MAX_TRACES);
      ps->trace_at[k][v->n_traces] = here (ps);
      if ((rc = trace_name (ps, name, sizeof v->traces[0])) != RS_OK)
        return rc;
      for (size_t i = 0; i < v->n_traces; i++)
        if (strcmp (v->traces[i], name) == 0)
          return fail_at (ps, ps->trace_at[k][v->n_traces], RS_ESYNTAX,
                          "%s is traced twice", name);
      v->n_traces++;
    }
}

/* view KIND [options]: the panels of the figure, in order. */
int
kw_view (parser *ps)
{
  rs_scene *sc = ps->sc;
  rs_view *v = &sc->views[sc->n_views];
  size_t i, k = sc->n_views;
  int rc;

  if (sc->n_views == RS_SCENE_MAX_VIEWS)
    return fail (ps, RS_EINVAL, "too many views (at most %d)",
                 RS_SCENE_MAX_VIEWS);
  memset (v, 0, sizeof *v);
  if ((rc = get_name (ps, "view", view_names, &i)) != RS_OK)
    return rc;
  ps->view_at[k][0] = here (ps);
  v->kind = (rs_view_kind) (i + 1);
  if (v->kind == RS_VIEW_LANDSCAPE || v->kind == RS_VIEW_BASIN)
    rc = view_plane (ps, v, k);
  else if (v->kind == RS_VIEW_TRACE)
    rc = view_trace (ps, v, k);
  if (rc == RS_OK)
    sc->n_views++;
  return rc;
}

/* layout auto | row | column | grid COLSxROWS */
int
kw_layout (parser *ps)
{
  rs_scene *sc = ps->sc;
  char buf[80];
  size_t i;
  int rc;

  if ((rc = get_name (ps, "layout", layout_names, &i)) != RS_OK)
    return rc;
  sc->layout = (rs_layout) i;
  if (sc->layout != RS_LAYOUT_GRID)
    return RS_OK;
  if (next (ps) != RS_OK)
    return RS_ESYNTAX;
  if (ps->tok.kind != T_SIZE)
    return fail (ps, RS_ESYNTAX, "expected the grid's COLSxROWS, such as "
                 "2x2, found %s", describe (&ps->tok, buf, sizeof buf));
  ps->layout_at = here (ps);
  if (ps->tok.num != floor (ps->tok.num) || ps->tok.num2 != floor
      (ps->tok.num2) || ps->tok.num < 1 || ps->tok.num > 4
      || ps->tok.num2 < 1 || ps->tok.num2 > 4)
    return fail (ps, RS_EINVAL, "grid %gx%g is out of range: columns and "
                 "rows are whole numbers from 1 to 4", ps->tok.num,
                 ps->tok.num2);
  sc->layout_cols = (int) ps->tok.num;
  sc->layout_rows = (int) ps->tok.num2;
  return RS_OK;
}

int
kw_theme (parser *ps)
{
  static const char *const names[] = { "light", "dark", NULL };
  size_t i;
  int rc = get_name (ps, "theme", names, &i);

  if (rc == RS_OK)
    ps->sc->style.dark = (int) i;
  return rc;
}

int
kw_colormap (parser *ps)
{
  size_t i;
  int rc = get_name (ps, "colour map", colormap_names, &i);

  if (rc == RS_OK)
    ps->sc->style.colormap = (rs_colormap) i;
  return rc;
}

int
kw_colorscale (parser *ps)
{
  static const char *const names[] = { "log", "linear", NULL };
  size_t i;
  int rc = get_name (ps, "colour scale", names, &i);

  if (rc == RS_OK)
    ps->sc->style.linear = (int) i;
  return rc;
}

/* font "FAMILY" [SIZE]: a family name of letters, digits, spaces and
 * -_.,; the size of body text in points. */
int
kw_font (parser *ps)
{
  rs_style *st = &ps->sc->style;

  if (expect (ps, T_STRING, "a quoted font family such as \"DejaVu "
              "Sans\"") != RS_OK)
    return RS_ESYNTAX;
  if (ps->tok.str[0] == '\0' || strlen (ps->tok.str) >= sizeof st->font)
    return fail (ps, RS_EINVAL, "a font family has 1 to %zu characters",
                 sizeof st->font - 1);
  for (const char *c = ps->tok.str; *c != '\0'; c++)
    if (!is_word_char ((unsigned char) *c) && strchr (" .,", *c) == NULL)
      return fail (ps, RS_EINVAL, "a font family has letters, digits, "
                   "spaces and - _ . , only; '%c' is not one", *c);
  snprintf (st->font, sizeof st->font, "%s", ps->tok.str);
  return get_optional (ps, "font size", 4, 0, 72, 0, &st->font_pt);
}

int
kw_size (parser *ps)
{
  rs_style *st = &ps->sc->style;

  return get_size (ps, "size", &st->width, &st->height, &st->unit);
}

int
kw_camera (parser *ps)
{
  rs_style *st = &ps->sc->style;
  int rc = get_number (ps, "camera azimuth", -180, 0, 180, 0, &st->azimuth);

  if (rc != RS_OK)
    return rc;
  return get_number (ps, "camera elevation", 0, 0, 90, 0, &st->elevation);
}

/* The file name of an export, the string in ps->tok: one that fits,
 * of a format known by its suffix. */
static int
export_path (parser *ps, rs_export_target *e)
{
  static const char *const suffixes[] = { ".png", ".pdf", ".svg", ".mp4",
                                          ".gif", NULL };
  const char *dot;
  int known = 0;

  if (strlen (ps->tok.str) >= sizeof e->path)
    return fail (ps, RS_EINVAL, "the export file's name is too long (at most "
                 "%zu bytes)", sizeof e->path - 1);
  dot = strrchr (ps->tok.str, '.');
  for (size_t i = 0; dot != NULL && suffixes[i] != NULL; i++)
    known |= strcasecmp (dot, suffixes[i]) == 0;
  if (!known)
    return fail (ps, RS_EINVAL, "cannot tell the format of \"%s\" from its "
                 "name: it must end in .png, .pdf, .svg, .mp4 or .gif",
                 ps->tok.str);
  snprintf (e->path, sizeof e->path, "%s", ps->tok.str);
  return RS_OK;
}

/* export "PATH" [size WxH [unit]] [dpi N] [at STEP] */
int
kw_export (parser *ps)
{
  static const char *const names[] = { "size", "dpi", "at", NULL };
  rs_scene *sc = ps->sc;
  rs_export_target *e = &sc->exports[sc->n_exports];
  options o = { names, 0, 0 };
  int which, rc;

  if (sc->n_exports == RS_SCENE_MAX_EXPORTS)
    return fail (ps, RS_EINVAL, "too many export targets (at most %d)",
                 RS_SCENE_MAX_EXPORTS);
  if (expect (ps, T_STRING, "a quoted file name such as \"figure.pdf\"")
      != RS_OK)
    return RS_ESYNTAX;
  memset (e, 0, sizeof *e);
  e->dpi = 96;
  if ((rc = export_path (ps, e)) != RS_OK)
    return rc;
  ps->export_at[sc->n_exports] = here (ps);
  for (;;)
    {
      if ((rc = get_option (ps, &o, &which)) != RS_OK)
        return rc;
      if (which < 0)
        break;
      if (which == 2)
        e->has_at = 1;
      rc = which == 0 ? get_size (ps, "export size", &e->width, &e->height,
                                  &e->unit)
           : which == 1 ? get_number (ps, "dpi", 10, 0, 2400, 0, &e->dpi)
           : get_step (ps, "the step drawn", &e->at,
                       &ps->export_step_at[sc->n_exports]);
      if (rc != RS_OK)
        return rc;
    }
  sc->n_exports++;
  return RS_OK;
}

/* ---- The app's view ---- */

/* focus L J: the hidden unit the default landscape is about; that the
 * network has it is checked once the whole scene is read. */
int
kw_focus (parser *ps)
{
  rs_scene *sc = ps->sc;
  int rc;

  if (next (ps) != RS_OK)
    return RS_ESYNTAX;
  ps->focus_at = here (ps);
  ps->pushed_back = 1;
  if ((rc = get_count (ps, "focus layer", 1, RS_NET_MAX_LAYERS,
                       &sc->focus.layer)) != RS_OK
      || (rc = get_count (ps, "focus unit", 0, RS_NET_MAX_UNITS - 1,
                          &sc->focus.unit)) != RS_OK)
    return rc;
  sc->has_focus = 1;
  return RS_OK;
}
