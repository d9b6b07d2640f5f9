/* scene_print_figure.c: the printers of the words and the figure's
 * keywords with a printer of their own.
 *
 * The title and the notes, the views, the layout, the colour map, the
 * font and the size, the export targets, the moment shown, the pace of
 * the animations, the claims and the variants: each writes its line (or
 * lines) when the scene differs there from the default.  The keywords
 * whose line is one field's value are a table in scene_print.c. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "reluscape/rs_scene.h"
#include "scene_private.h"
#include "scene_print_private.h"

static void
print_title (scene_out *o, const rs_scene *sc, const rs_scene *d)
{
  if (strcmp (sc->title, d->title) == 0)
    return;
  scene_put_string (o, "title ", sc->title);
  scene_put (o, "\n");
}

/* One line per paragraph. */
static void
print_notes (scene_out *o, const rs_scene *sc, const rs_scene *d)
{
  char para[sizeof sc->notes];
  const char *p = sc->notes;

  (void) d;
  while (*p != '\0')
    {
      size_t k = strcspn (p, "\n");

      snprintf (para, sizeof para, "%.*s", (int) k, p);
      scene_put_string (o, "notes ", para);
      scene_put (o, "\n");
      p += k + (p[k] == '\n');
    }
}

static void
put_interval (scene_out *o, rs_interval r)
{
  scene_put_num (o, " [", r.lo);
  scene_put_num (o, ", ", r.hi);
  scene_put (o, "]");
}

static void
put_size (scene_out *o, const char *before, double w, double h, rs_unit u)
{
  scene_put_num (o, before, w);
  scene_put_num (o, "x", h);
  if (u != RS_UNIT_PX)
    scene_put (o, " %s", rs_unit_name (u));
}

static void
print_view (scene_out *o, const rs_scene *sc, const rs_scene *d)
{
  static const char *const axes[] = { "", " over", " random", " pca" };

  (void) d;
  for (size_t i = 0; i < sc->n_views; i++)
    {
      const rs_view *v = &sc->views[i];

      scene_put (o, "view %s", rs_view_kind_name (v->kind));
      if (v->three_d)
        scene_put (o, " 3d");
      if (v->axes <= RS_AXES_PCA)
        scene_put (o, "%s", axes[v->axes]);
      if (v->axes == RS_AXES_PARAMS)
        scene_put (o, " %s %s", v->p1, v->p2);
      if (v->has_range)
        {
          scene_put (o, " range");
          put_interval (o, v->u_range);
          put_interval (o, v->v_range);
        }
      if (v->grid > 0)
        scene_put (o, " grid %zu", v->grid);
      if (v->pinned)
        scene_put (o, " at %zu", v->pin_step);
      for (size_t t = 0; t < v->n_traces; t++)
        scene_put (o, " %s", v->traces[t]);
      scene_put (o, "\n");
    }
}

static void
print_layout (scene_out *o, const rs_scene *sc, const rs_scene *d)
{
  if (sc->layout == d->layout)
    return;
  scene_put (o, "layout %s", rs_layout_name (sc->layout));
  if (sc->layout == RS_LAYOUT_GRID)
    scene_put (o, " %dx%d", sc->layout_cols, sc->layout_rows);
  scene_put (o, "\n");
}

static void
print_colormap (scene_out *o, const rs_scene *sc, const rs_scene *d)
{
  if (sc->style.colormap != d->style.colormap)
    scene_put (o, "colormap %s\n", rs_colormap_name (sc->style.colormap));
}

static void
print_font (scene_out *o, const rs_scene *sc, const rs_scene *d)
{
  if (strcmp (sc->style.font, d->style.font) == 0
      && scene_same (sc->style.font_pt, d->style.font_pt))
    return;
  scene_put_string (o, "font ", sc->style.font);
  scene_put_num (o, " ", sc->style.font_pt);
  scene_put (o, "\n");
}

static void
print_size (scene_out *o, const rs_scene *sc, const rs_scene *d)
{
  const rs_style *st = &sc->style;

  if (scene_same (st->width, d->style.width)
      && scene_same (st->height, d->style.height)
      && st->unit == d->style.unit)
    return;
  put_size (o, "size ", st->width, st->height, st->unit);
  scene_put (o, "\n");
}

static void
print_export (scene_out *o, const rs_scene *sc, const rs_scene *d)
{
  (void) d;
  for (size_t i = 0; i < sc->n_exports; i++)
    {
      const rs_export_target *e = &sc->exports[i];

      scene_put_string (o, "export ", e->path);
      if (e->width > 0)
        put_size (o, " size ", e->width, e->height, e->unit);
      if (!scene_same (e->dpi, 96))
        scene_put_num (o, " dpi ", e->dpi);
      if (e->has_at && e->at == RS_EXPECT_END)
        scene_put (o, " at end");
      else if (e->has_at)
        scene_put (o, " at %zu", e->at);
      scene_put (o, "\n");
    }
}

static void
print_show (scene_out *o, const rs_scene *sc, const rs_scene *d)
{
  (void) d;
  if (sc->has_show && sc->show == RS_EXPECT_END)
    scene_put (o, "show end\n");
  else if (sc->has_show)
    scene_put (o, "show %zu\n", sc->show);
}

/* before, then a step of a pace line: a number, or the word end. */
static void
put_step (scene_out *o, const char *before, size_t step)
{
  if (step == RS_EXPECT_END)
    scene_put (o, "%send", before);
  else
    scene_put (o, "%s%zu", before, step);
}

/* Each pace line, in the order written. */
static void
print_pace (scene_out *o, const rs_scene *sc, const rs_scene *d)
{
  (void) d;
  for (size_t i = 0; i < sc->n_paces; i++)
    {
      const rs_pace_line *l = &sc->paces[i];

      scene_put_num (o, l->kind == RS_PACE_HOLD ? "pace hold "
                     : "pace speed ", l->value);
      put_step (o, l->kind == RS_PACE_HOLD ? " at " : " from ", l->from);
      if (l->kind == RS_PACE_SPEED)
        put_step (o, " to ", l->to);
      scene_put (o, "\n");
    }
}

static void
print_expect (scene_out *o, const rs_scene *sc, const rs_scene *d)
{
  char buf[1024];

  (void) d;
  for (size_t i = 0; i < sc->n_expects; i++)
    scene_put (o, "expect %s\n",
               rs_expect_format (&sc->expects[i], buf, sizeof buf));
}

/* Each variant's lines, or its name alone (variant.c). */
static void
print_variant (scene_out *o, const rs_scene *sc, const rs_scene *d)
{
  char buf[512];

  (void) d;
  for (size_t k = 0; k < sc->n_variants; k++)
    for (size_t i = 0; i == 0 || i < sc->variants[k].n_lines; i++)
      {
        scene_variant_format (sc, k, i, buf, sizeof buf);
        scene_put (o, "%s\n", buf);
      }
}

/* The printers of the words and the figure by keyword; the order of the
 * lines is the keyword table's. */
const scene_printer scene_figure_printers[] = {
  { "title", print_title }, { "notes", print_notes },
  { "view", print_view }, { "layout", print_layout },
  { "colormap", print_colormap }, { "font", print_font },
  { "size", print_size }, { "export", print_export },
  { "show", print_show }, { "pace", print_pace },
  { "expect", print_expect }, { "variant", print_variant },
  { NULL, NULL }
};
