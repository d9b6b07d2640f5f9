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

/* The most errors and warnings a report keeps. */
#define RS_SCENE_MAX_ERRORS 20
#define RS_SCENE_MAX_WARNINGS 20

/* Every error of a scene, and its warnings: lines that parse but will not
 * do what they say (a kick after the last step, a start outside the
 * landscape, a keyword that the scene ignores ...).  Each names
 * file:line:col; a warning's code is RS_OK. */
typedef struct {
  size_t n;                              /* errors, in the order found */
  rs_error e[RS_SCENE_MAX_ERRORS];
  int stopped;          /* 1: one more error came; the parse stopped there */
  rs_error note;        /* when stopped: where, and why */
  size_t nwarn;                          /* warnings, in the text's order */
  rs_error w[RS_SCENE_MAX_WARNINGS];
  size_t more_warnings; /* warnings found beyond those kept */
} rs_scene_report;

/* rs_scene_parse, reporting every error into rep (when not NULL): after
 * an error the parse goes on at the next line, until the errors are more
 * than RS_SCENE_MAX_ERRORS.  The checks that involve several lines run
 * only when every line parsed; the warnings are looked for in any case,
 * except those about lines with errors.  Returns the code of the first
 * error (rep->e[0], what rs_scene_parse reports) or RS_OK; warnings do not
 * count.  After an error sc holds the values of the lines that parsed. */
int rs_scene_parse_report (rs_scene *sc, const char *text, size_t len,
                           const char *name, rs_scene_report *rep);

/* The scene in the language, in canonical form: one line per keyword
 * whose value is not the default, in the order of the keyword table
 * (rs_scene_keyword_get), numbers in the fewest digits that read back as
 * the same double, the title quoted with \" and \\.  Parsing the text
 * gives a scene equal to sc (rs_scene_equal) when sc came from
 * rs_scene_parse.  Writes at most n bytes (NUL included) into buf, as
 * snprintf does, and returns the length of the whole text. */
size_t rs_scene_format (const rs_scene *sc, char *buf, size_t n);

/* 1 when a and b are the same scene: every field the same (doubles bit
 * for bit, strings and the used part of each array by value, tables by
 * pointer), whatever lies in padding or past the counts; 0 otherwise. */
int rs_scene_equal (const rs_scene *a, const rs_scene *b);

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
