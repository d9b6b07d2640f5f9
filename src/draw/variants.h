/* variants.h: the runs of a scene's variants held together, for the
 * figure that compares them (each variant's scene: rs_scene_variant),
 * their colours and the legend that names them. */
#ifndef RS_VARIANTS_H
#define RS_VARIANTS_H

#include <reluscape/reluscape.h>

#include "draw/theme.h"

/* The runs of one figure: the scene's variants, in their order. */
typedef struct {
  size_t n;                                 /* the variants */
  rs_scene *scene[RS_SCENE_MAX_VARIANTS];   /* each variant's scene */
  rs_sim *sim[RS_SCENE_MAX_VARIANTS];       /* its run, at its start */
  char name[RS_SCENE_MAX_VARIANTS][64];
} rs_runs;

/* The runs of sc's variants (sc->n_variants of them, at least 1), each
 * made at its start; name is the scene's file in messages.  RS_OK, or
 * the error with err (r then holds nothing to free). */
int rs_runs_alloc (rs_runs *r, const rs_scene *sc, const char *name,
                   rs_error *err);
void rs_runs_free (rs_runs *r);

/* The colour of run k in theme th: one per variant, the same in every
 * panel: the first the loss's (the run, as a figure without variants
 * draws it), the others the palette's RS_HUE_RUN2 to RS_HUE_RUN6. */
rs_rgb rs_runs_colour (const rs_theme *th, size_t k);

/* The line width of run k's path and curve at scale s: wider for the
 * first ones, so that where runs overlap each stays visible around the
 * next one drawn over it. */
double rs_runs_width (size_t k, double s);

/* The recorded point of sim at step: the last one at or before it. */
size_t rs_runs_point_at (const rs_sim *sim, size_t step);

/* The legend of the runs at step, in one line of Pango markup: each
 * run's colour as a bar, its name, its loss and its dead units there. */
void rs_runs_legend (const rs_runs *r, const rs_theme *th, size_t step,
                     char *buf, size_t n);

#endif /* RS_VARIANTS_H */
