/* theme.c: the two colour themes and the text helpers of the panels.
 *
 * The series and state colours come from the Okabe-Ito palette (Okabe
 * and Ito 2008), chosen so that the usual forms of colour blindness still
 * tell them apart: the loss blue, the gradient orange, alive bluish green,
 * dead vermillion, events reddish purple.  The dark theme is for
 * projectors: dark grey rather than black, light grey text, and the
 * lighter sky blue for the accent. */
#include <config.h>

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "draw/theme.h"

/* #RRGGBB as an rs_rgb. */
#define HEX(v) { ((v) >> 16 & 0xff) / 255.0, ((v) >> 8 & 0xff) / 255.0, \
                 ((v) & 0xff) / 255.0 }

/* The palette: each colour once, by what it means.  Beyond Okabe-Ito's
 * five, gamma and the optimisers take Paul Tol's muted colours (rose,
 * sand, olive, cyan, grey, indigo), apart from each other and from the
 * five in hue or lightness; the runs of a figure of variants after the
 * first take five more, darker on the light theme and lighter on the
 * dark one, each at least 0.2 of the RGB cube's edge from every other
 * entry (they are drawn dashed as well). */
#define LOSS_LIGHT HEX (0x0072b2)     /* blue */
#define LOSS_DARK HEX (0x56b4e9)      /* sky blue: the lighter blue */
#define GRADIENT HEX (0xe69f00)       /* orange */
#define ALIVE HEX (0x009e73)          /* bluish green */
#define DEAD HEX (0xd55e00)           /* vermillion */
#define EVENT HEX (0xcc79a7)          /* reddish purple */

static const rs_palette_entry palette[RS_HUE_N] = {
  { "loss", "the loss: its curve and axis", LOSS_LIGHT, LOSS_DARK },
  { "gradient", "gradient norm, the arrow −∇L, f′", GRADIENT,
    GRADIENT },
  { "alive", "an active unit, the active half", ALIVE, ALIVE },
  { "dead", "a dead unit, the inactive half", DEAD, DEAD },
  { "kick", "kicks, switches of activation, beats", EVENT, EVENT },
  { "warming", "bias warming's γ", HEX (0x882255), HEX (0xcc6677) },
  { "gd", "an extra ball trained by gd", HEX (0x88ccee), HEX (0x88ccee) },
  { "momentum", "an extra ball trained by momentum", HEX (0xddcc77),
    HEX (0xddcc77) },
  { "nesterov", "an extra ball trained by nesterov", HEX (0x999933),
    HEX (0x999933) },
  { "rmsprop", "an extra ball trained by rmsprop", HEX (0xbbbbbb),
    HEX (0xbbbbbb) },
  { "adam", "an extra ball trained by adam", HEX (0x332288),
    HEX (0x7766cc) },
  { "run2", "the second run of a figure of variants", HEX (0xaa4499),
    HEX (0xee99ff) },
  { "run3", "the third run of a figure of variants", HEX (0x117733),
    HEX (0x66dd66) },
  { "run4", "the fourth run of a figure of variants", HEX (0x661100),
    HEX (0xffaa88) },
  { "run5", "the fifth run of a figure of variants", HEX (0x44aa99),
    HEX (0x44ccbb) },
  { "run6", "the sixth run of a figure of variants", HEX (0x555555),
    HEX (0xf0f0a0) }
};

static const rs_theme light = {
  "light",
  HEX (0xffffff),   /* bg */
  HEX (0xf6f6f8),   /* panel */
  HEX (0x1a1a1f),   /* fg */
  HEX (0x65656e),   /* muted */
  HEX (0xdcdce2),   /* grid */
  LOSS_LIGHT,       /* accent: the loss */
  GRADIENT,         /* second: the gradient */
  ALIVE,
  DEAD,
  EVENT
};

static const rs_theme dark = {
  "dark",
  HEX (0x1e1e23),
  HEX (0x2a2a31),
  HEX (0xededf0),
  HEX (0xa9a9b3),
  HEX (0x44444d),
  LOSS_DARK,
  GRADIENT,
  ALIVE,
  DEAD,
  EVENT
};

const rs_palette_entry *
rs_palette (rs_hue h)
{
  return (unsigned) h < RS_HUE_N ? &palette[h] : NULL;
}

rs_rgb
rs_palette_colour (rs_hue h, int dark_theme)
{
  const rs_palette_entry *e = rs_palette (h);
  rs_rgb none = { 0.5, 0.5, 0.5 };

  return e == NULL ? none : dark_theme ? e->dark : e->light;
}

rs_rgb
rs_theme_hue (const rs_theme *th, rs_hue h)
{
  return rs_palette_colour (h, th == &dark);
}

rs_hue
rs_palette_optimiser (const char *name)
{
  for (int h = RS_HUE_GD; h <= RS_HUE_ADAM; h++)
    if (name != NULL && strcmp (palette[h].name, name) == 0)
      return (rs_hue) h;
  return RS_HUE_N;
}

const rs_theme *
rs_theme_light (void)
{
  return &light;
}

const rs_theme *
rs_theme_dark (void)
{
  return &dark;
}

void
rs_theme_set (cairo_t *cr, rs_rgb c)
{
  cairo_set_source_rgb (cr, c.r, c.g, c.b);
}

void
rs_theme_set_alpha (cairo_t *cr, rs_rgb c, double a)
{
  cairo_set_source_rgba (cr, c.r, c.g, c.b, a);
}

/* The figure's font family, kept with the cairo_t it draws into. */
static const cairo_user_data_key_t family_key;

void
rs_text_set_family (cairo_t *cr, const char *family)
{
  cairo_set_user_data (cr, &family_key, g_strdup (family), g_free);
}

const char *
rs_text_family (cairo_t *cr)
{
  const char *f = cairo_get_user_data (cr, &family_key);

  return f != NULL ? f : "Sans";
}

/* Whether what is drawn into a cairo_t is drawn once (an exported file)
 * or again and again (the app, an animation's frames), kept with it. */
static const cairo_user_data_key_t once_key;

void
rs_draw_mark_once (cairo_t *cr)
{
  cairo_set_user_data (cr, &once_key, (void *) &once_key, NULL);
}

int
rs_draw_is_once (cairo_t *cr)
{
  return cairo_get_user_data (cr, &once_key) != NULL;
}

int
rs_draw_cacheable (cairo_t *cr)
{
  cairo_matrix_t m;

  cairo_get_matrix (cr, &m);
  return !rs_draw_is_once (cr)
         && cairo_surface_get_type (cairo_get_target (cr))
            == CAIRO_SURFACE_TYPE_IMAGE
         && m.xx == 1.0 && m.yy == 1.0 && m.xy == 0.0 && m.yx == 0.0
         && m.x0 == floor (m.x0) && m.y0 == floor (m.y0);
}

/* A layout of markup in family at px pixels, bold or not.  Text that is
 * not valid markup is shown as it is rather than not at all. */
static PangoLayout *
layout_of (cairo_t *cr, const char *family, const char *markup, double px,
           int bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *fd = pango_font_description_new ();

  pango_font_description_set_family (fd, family != NULL ? family
                                         : rs_text_family (cr));
  pango_font_description_set_absolute_size (fd, (px > 0.1 ? px : 0.1)
                                                 * PANGO_SCALE);
  pango_font_description_set_weight (fd, bold ? PANGO_WEIGHT_BOLD
                                              : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, fd);
  pango_font_description_free (fd);
  if (pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, NULL))
    pango_layout_set_markup (layout, markup, -1);
  else
    pango_layout_set_text (layout, markup, -1);
  return layout;
}

/* The layout's logical size in user units. */
static void
layout_size (PangoLayout *layout, double *w, double *h)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *w = (double) logical.width / PANGO_SCALE;
  *h = (double) logical.height / PANGO_SCALE;
}

double
rs_text (cairo_t *cr, const char *family, double x, double y,
         const char *markup, double px, int bold, double ax, double ay,
         double angle)
{
  PangoLayout *layout = layout_of (cr, family, markup, px, bold);
  double w, h;

  layout_size (layout, &w, &h);
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rotate (cr, angle);
  pango_cairo_update_layout (cr, layout);
  cairo_move_to (cr, -ax * w, -ay * h);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  g_object_unref (layout);
  return w;
}

void
rs_text_size (cairo_t *cr, const char *family, const char *markup,
              double px, int bold, double *w, double *h)
{
  PangoLayout *layout = layout_of (cr, family, markup, px, bold);
  double tw, th;

  layout_size (layout, &tw, &th);
  if (w != NULL)
    *w = tw;
  if (h != NULL)
    *h = th;
  g_object_unref (layout);
}
