/* cli.h: what every subcommand shares: loading a scene with a readable
 * error, the built-in scene, messages and exit statuses. */
#ifndef RS_CLI_H
#define RS_CLI_H

#include <stddef.h>
#include <reluscape/reluscape.h>

/* Exit statuses (DESIGN.md): success, runtime failure, bad input/usage. */
enum { CLI_OK = 0, CLI_FAILURE = 1, CLI_USAGE = 2 };

/* The built-in scene, scenes/plateau.scene compiled into the program. */
extern const char rs_builtin_scene[];
extern const size_t rs_builtin_scene_len;
#define CLI_BUILTIN_NAME "plateau.scene (built in)"

/* Whether a SCENE argument names the built-in scene: none (NULL), "-" or
 * "builtin". */
int cli_is_builtin (const char *arg);

/* Progress of long work on standard error, when it is a terminal: a bar
 * and "done/total" redrawn at most ten times a second, wiped when done
 * reaches total.  Silent when standard error is not a terminal. */
void cli_progress (const char *what, size_t done, size_t total);

/* CLI_OK when the scene is the single neuron whose landscape render and
 * run draw; otherwise a message naming the scene and CLI_USAGE. */
int cli_need_neuron (const rs_scene *sc, const char *path);

/* Load the scene at path, or the built-in scene when cli_is_builtin.  On an
 * error print it to stderr as "file:line:col: error: message", then the
 * offending line with a caret under the column, and return CLI_USAGE;
 * CLI_OK otherwise. */
int cli_load_scene (const char *path, rs_scene *sc);

/* Print err as cli_load_scene does, with the source text when known. */
void cli_print_error (const rs_error *err, const char *text, size_t len);

/* "reluscape: message" on stderr. */
void cli_message (const char *fmt, ...) __attribute__ ((format (printf, 1, 2)));

/* Parse "WxH" (each 16 to 16384) into *w, *h; 0 on success. */
int cli_parse_size (const char *s, int *w, int *h);

/* The same for NxM between min and max each. */
int cli_parse_dims (const char *s, long min, long max, int *w, int *h);

/* Whether the folder of path can take a new file, checked before long
 * work so that it does not end in an error that was there from the start.
 * CLI_OK, or CLI_FAILURE with a message naming the file. */
int cli_check_folder (const char *path);

#endif /* RS_CLI_H */
