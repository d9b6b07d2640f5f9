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

#endif /* RS_SCENE_PRIVATE_H */
