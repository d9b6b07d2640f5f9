/* rs_scene.h: the scene language, text -> plain data.
 *
 * A scene is a line-oriented text file; each line is a keyword and its
 * values, # starts a comment.  doc/reluscape-scene.5 describes every
 * keyword.  Every error names file:line:col. */
#ifndef RS_SCENE_H
#define RS_SCENE_H

#include <reluscape/rs_sim.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  char title[256];
  rs_sim_params sim;
  rs_interval w_range;   /* the landscape's axes */
  rs_interval b_range;
  double speed;          /* optimiser steps per second in the app */
} rs_scene;

/* One keyword of the language: its name, the form of its values and what
 * it sets, for the parser, the documentation and its test. */
typedef struct {
  const char *name;
  const char *args;
  const char *help;
} rs_scene_keyword;

/* The i-th keyword of the language, or NULL past the last one. */
const rs_scene_keyword *rs_scene_keyword_get (size_t i);

/* The defaults (those of rs_sim_params_default, the axes [-3, 3] x [-3, 3],
 * 20 steps per second). */
void rs_scene_default (rs_scene *sc);

/* Parse len bytes of text into sc, which starts from the defaults.  name is
 * the file name used in errors.  Returns RS_OK, or RS_ESYNTAX (malformed
 * text) / RS_EINVAL (a value out of range) with err naming the line and
 * column; sc then holds what was read before the error.  A kick without
 * a seed gets the scene's seed + 1000 + its index.  Once every line is
 * read, the network's activations are filled in (hidden layers from
 * 'activation', the last from 'output') and what involves several lines
 * is checked: the single neuron's activation, the data's inputs against
 * the network's, 'set' names and kicked units against its shape (a small
 * network is built for that, so RS_ENOMEM is possible).  A scene that
 * parses passes rs_sim_params_check. */
int rs_scene_parse (rs_scene *sc, const char *text, size_t len,
                    const char *name, rs_error *err);

/* Read the scene file at path (a regular file of at most 1 MiB) into a
 * new NUL-terminated buffer *text of *len bytes, which the caller frees.
 * RS_EIO with err when it cannot be read (*text is then NULL). */
int rs_scene_read (const char *path, char **text, size_t *len,
                   rs_error *err);

/* Read the file at path and parse it.  RS_EIO when it cannot be read. */
int rs_scene_load (rs_scene *sc, const char *path, rs_error *err);

#ifdef __cplusplus
}
#endif

#endif /* RS_SCENE_H */
