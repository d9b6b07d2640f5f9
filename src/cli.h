/* cli.h: what every subcommand shares: loading a scene with a readable
 * error, the built-in scene, messages and exit statuses. */
#ifndef RS_CLI_H
#define RS_CLI_H

#include <stddef.h>
#include <stdio.h>
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

/* Load the scene at path, or the built-in scene when cli_is_builtin.
 * Print each error and warning to stderr as "file:line:col: error:
 * message" (or "warning:"), then the offending line with a caret under
 * the column (cli_print_report).  CLI_USAGE when the scene has errors or
 * cannot be read, CLI_OK otherwise (warnings or not). */
int cli_load_scene (const char *path, rs_scene *sc);

/* Check that the scene's data and export paths stay in its folder
 * (rs_scene_check_paths) unless cli_allow_paths (1) was called; then,
 * for a scene with 'data csv', read the file, relative to the scene at
 * path, and point sc->sim.data to it (kept until the program ends).  A
 * message naming the file, line and column and CLI_USAGE when a path
 * leaves the folder or the file cannot be read; CLI_OK (nothing read)
 * for a scene of generated data. */
int cli_load_data (const char *path, rs_scene *sc);

/* Let scenes name any path (the option --allow-paths of every command,
 * taken out of the arguments by main). */
void cli_allow_paths (int allow);

/* The text of the scene at path, or of the built-in scene, and the name
 * its messages give; CLI_USAGE with a message when it cannot be read.
 * Free the text with cli_free_scene_text. */
int cli_read_scene (const char *path, char **text, size_t *len,
                    const char **name);
void cli_free_scene_text (const char *path, char *text);

/* Print err to stderr as "file:line:col: KIND: message", KIND "error",
 * "warning" or "note", and when text is given and err has a line, that
 * line of text with a caret under the column. */
void cli_print_diagnostic (const char *kind, const rs_error *err,
                           const char *text, size_t len);

/* cli_print_diagnostic of an error. */
void cli_print_error (const rs_error *err, const char *text, size_t len);

/* A scene's report: its errors and (when warnings is not 0) its warnings
 * in the order of the text, then the note of a parse that stopped. */
void cli_print_report (const rs_scene_report *rep, const char *text,
                       size_t len, int warnings);

/* Write the n bytes of s to f with control bytes (C0 but the tab, DEL,
 * C1) and invalid UTF-8 shown as \xHH, so that no input can drive the
 * terminal; the columns it takes (f NULL: only count them). */
size_t cli_put_escaped (FILE *f, const char *s, size_t n);

/* "reluscape: message" on stderr, escaped as cli_put_escaped does. */
void cli_message (const char *fmt, ...) __attribute__ ((format (printf, 1, 2)));

/* Parse "WxH" (each 16 to 16384) into *w, *h; 0 on success. */
int cli_parse_size (const char *s, int *w, int *h);

/* The same for NxM between min and max each. */
int cli_parse_dims (const char *s, long min, long max, int *w, int *h);

/* Option values, 0 on success: a whole number in [lo, hi] (digits only);
 * a seed (any unsigned long); "LO,HI", two finite numbers. */
int cli_parse_count (const char *s, size_t lo, size_t hi, size_t *v);
int cli_parse_seed (const char *s, unsigned long *v);
int cli_parse_pair (const char *s, rs_interval *r);

/* Whether the folder of path can take a new file, checked before long
 * work so that it does not end in an error that was there from the start.
 * CLI_OK, or CLI_FAILURE with a message naming the file. */
int cli_check_folder (const char *path);

/* Run sim to its end: CLI_OK, or CLI_FAILURE with a message naming the
 * step and the parameter where it diverged (a figure or a surface of a
 * diverged run would show the last finite point as if it were the end). */
int cli_run_scene (rs_sim *sim, const char *name);

#endif /* RS_CLI_H */
