/* theme.h: the colours and the font of a figure, light or dark, and the
 * text helpers every panel draws its words with (pango markup, one font
 * family per figure, sizes in points of a 900 x 600 figure scaled by s). */
#ifndef RS_THEME_H
#define RS_THEME_H

#include <cairo.h>

typedef struct {
  double r, g, b;
} rs_rgb;

typedef struct {
  const char *name;      /* "light", "dark" */
  rs_rgb bg;             /* the page */
  rs_rgb panel;          /* a panel's plot area */
  rs_rgb fg;             /* titles, axes, labels */
  rs_rgb muted;          /* secondary text, grid lines */
  rs_rgb grid;
  rs_rgb accent;         /* the loss, the ball's path */
  rs_rgb second;         /* a second series (the gradient norm, f') */
  rs_rgb alive;          /* an active unit, the active half */
  rs_rgb dead;           /* a dead unit, the plateau, the inactive half */
  rs_rgb event;          /* kicks, events, beats */
} rs_theme;

/* One meaning per colour: the palette, written once (theme.c; the
 * themes' loss, gradient, alive, dead and event colours are its first
 * entries) and shown in reluscape(1), COLOURS.  No two entries share a
 * colour, and a colour says nothing but its entry's meaning. */
typedef enum {
  RS_HUE_LOSS,        /* the loss: its curve, the path it is read on */
  RS_HUE_GRADIENT,    /* the gradient: its norm, the arrow -grad L, f' */
  RS_HUE_ALIVE,       /* an active unit, the active half z > 0 */
  RS_HUE_DEAD,        /* a dead unit, the inactive half z <= 0 */
  RS_HUE_KICK,        /* events: a kick, a switch of activation, beats */
  RS_HUE_WARMING,     /* bias warming's gamma */
  RS_HUE_GD,          /* the optimisers of extra balls, one each */
  RS_HUE_MOMENTUM,
  RS_HUE_NESTEROV,
  RS_HUE_RMSPROP,
  RS_HUE_ADAM,
  RS_HUE_RUN2,        /* a figure of variants: runs 2 to 6 (the first */
  RS_HUE_RUN3,        /* is drawn in the loss's colour, as any run) */
  RS_HUE_RUN4,
  RS_HUE_RUN5,
  RS_HUE_RUN6,
  RS_HUE_N
} rs_hue;

typedef struct {
  const char *name;      /* "loss", "gradient", ... "adam" */
  const char *meaning;   /* what it marks, for the manual and legends */
  rs_rgb light, dark;    /* on the light and on the dark theme */
} rs_palette_entry;

/* Entry h of the palette (NULL past the end), its colour on the light
 * (dark 0) or dark theme, and its colour on theme th. */
const rs_palette_entry *rs_palette (rs_hue h);
rs_rgb rs_palette_colour (rs_hue h, int dark);
rs_rgb rs_theme_hue (const rs_theme *th, rs_hue h);

/* The hue of an optimiser by its name ("gd", "momentum", ...), or
 * RS_HUE_N when it has none. */
rs_hue rs_palette_optimiser (const char *name);

const rs_theme *rs_theme_light (void);
const rs_theme *rs_theme_dark (void);

void rs_theme_set (cairo_t *cr, rs_rgb c);
void rs_theme_set_alpha (cairo_t *cr, rs_rgb c, double a);

/* The font family of text drawn into cr with family NULL, here and in
 * draw.c: one family per figure ("Sans" until set). */
void rs_text_set_family (cairo_t *cr, const char *family);
const char *rs_text_family (cairo_t *cr);

/* A cairo_t whose drawing is made once, as for an exported file: the
 * figures then draw every layer directly rather than keeping the still
 * ones in an image for the next frame. */
void rs_draw_mark_once (cairo_t *cr);
int rs_draw_is_once (cairo_t *cr);

/* Whether a still layer drawn for cr may be kept in an image and painted
 * back: not drawn once, an image target, and a transformation that only
 * moves by whole pixels. */
int rs_draw_cacheable (cairo_t *cr);

/* Text: markup drawn at (x, y) with its anchor (ax, ay), fractions of its
 * width and height, rotated by angle radians about that point; px is the
 * size in pixels (user units); family NULL is the figure's family.  Returns the width
 * of the text (before rotation).  rs_text_size measures without drawing. */
double rs_text (cairo_t *cr, const char *family, double x, double y,
                const char *markup, double px, int bold, double ax, double ay,
                double angle);
void rs_text_size (cairo_t *cr, const char *family, const char *markup,
                   double px, int bold, double *w, double *h);

#endif /* RS_THEME_H */
