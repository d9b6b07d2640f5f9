/* scene_private.h: checks of a whole scene shared by the parser's files. */
#ifndef RS_SCENE_PRIVATE_H
#define RS_SCENE_PRIVATE_H

#include "reluscape/rs_scene.h"

/* The line a failed check of a whole scene is reported at. */
typedef enum {
  SCENE_AT_TOP,          /* no better place: line 1 */
  SCENE_AT_LOSS,         /* the 'loss' line, else the network's */
  SCENE_AT_STEPS,        /* the 'steps' line */
  SCENE_AT_VIEW          /* the view *view */
} scene_culprit;

/* Whether the run and the figure of sc can start: what rs_sim_alloc
 * checks (the loss against the outputs and the data's targets and
 * labels), made on the scene's first 64 points, and the limits of a
 * basin map.  Scenes with 'data csv' are checked here without the data
 * (rs_scene_check_data does the rest once the file is read).  RS_OK, or
 * the error with where it belongs in *who and *view. */
int scene_check_run (const rs_scene *sc, scene_culprit *who, size_t *view,
                     rs_error *err);

/* Add the line of len bytes (len 0: none) at line:col to the variant
 * called name of sc, a new one (its name at name_line:name_col) when sc
 * has none of that name yet (see variant.c).  RS_OK, or RS_EINVAL with err (no place) when there are
 * too many variants or lines, or the line is too long. */
int scene_variant_add (rs_scene *sc, const char *name, int name_line,
                       int name_col, const char *line, size_t len,
                       int lineno, int col, rs_error *err);

/* 1 when variants a and b of sc run the same: the same lines but their
 * claims, in the same order (a misspelt name makes two of one). */
int scene_variant_same_run (const rs_scene *sc, size_t a, size_t b);

/* Variant k of sc as a scene line ("variant \"NAME\" kink 0.5", no
 * newline) for its i-th line (i 0 of a variant without lines: the name
 * alone), into buf of n bytes as snprintf does; its length. */
size_t scene_variant_format (const rs_scene *sc, size_t k, size_t i,
                             char *buf, size_t n);

/* 1 when the variants of a and b are the same (places aside). */
int scene_same_variants (const rs_scene *a, const rs_scene *b);

#endif /* RS_SCENE_PRIVATE_H */
