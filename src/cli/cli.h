/* cli.h: what every subcommand shares: loading a scene with a readable
 * error, the built-in scene, messages and exit statuses. */
#ifndef RS_CLI_H
#define RS_CLI_H

#include <stddef.h>
#include <stdio.h>
#include <reluscape/reluscape.h>

#include "draw/variants.h"

/* Exit statuses (DESIGN.md): success, runtime failure, bad input/usage. */
enum { CLI_OK = 0, CLI_FAILURE = 1, CLI_USAGE = 2 };

/* The built-in scene, scenes/plateau.scene compiled into the program. */
extern const char rs_builtin_scene[];
extern const size_t rs_builtin_scene_len;
#define CLI_BUILTIN_NAME "plateau.scene (built in)"

/* Whether a SCENE argument names the built-in scene: none (NULL), "-" or
 * "builtin". */
int cli_is_builtin (const char *arg);

/* Scenes by name (scene_find.c).  When arg names no file and has no '/',
 * it may be the name of a scene, with or without ".scene", in a folder of
 * RELUSCAPE_SCENE_PATH (colon-separated, searched in order) or else in
 * cli_scenes_dir, the scenes installed with the program.
 * cli_find_scene returns the scene file so found (kept until the program
 * ends), or NULL when arg is a path or no scene has that name;
 * cli_scene_file returns that file, or arg itself.
 * cli_report_unread_scene prints why the scene arg could not be read: the
 * reading error err of a path, or the folders searched for a name. */
extern const char cli_scenes_dir[];
const char *cli_find_scene (const char *arg);
const char *cli_scene_file (const char *arg);
void cli_report_unread_scene (const char *arg, const rs_error *err);

/* Keep p until the program ends, when free_fn (p) is called: for what
 * scenes point to (their data, their files' names).  0, or -1 when out
 * of memory (p is then not kept). */
int cli_keep (void *p, void (*free_fn) (void *));

/* Progress of long work on standard error (cli_progress.c).  On a
 * terminal: a bar, "done/total" and, after a second, the time spent and
 * the whole time estimated from the pace so far ("0:12 of about 3:40"),
 * redrawn at most ten times a second, wiped when done reaches total.
 * Elsewhere, only for work that will take longer than cli_long_seconds:
 * lines "reluscape: WHAT: done/total (P %), 0:12 of about 3:40", at most
 * every ten seconds, then "reluscape: WHAT: done in 3:38". */
void cli_progress (const char *what, size_t done, size_t total);

/* The time past which work is long: 60 seconds, or the number of
 * seconds in the environment variable RELUSCAPE_PROGRESS_AFTER (0: all
 * work, for tests). */
double cli_long_seconds (void);

/* "m:ss" (or "h:mm:ss") of t seconds into buf. */
const char *cli_clock_text (double t, char *buf, size_t n);

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

/* The steps every command takes the same way (cli_cmd.c).
 * cli_common_option: getopt's c when it is none of the command's own
 * options: --set KEY=VALUE (cli_set_add), --help (usage on standard
 * output) and --version, which return -1 (the command ends with CLI_OK),
 * or an option getopt turned down ("Try 'reluscape CMD --help'." and
 * CLI_USAGE).
 * cli_getopt: getopt_long over argv (from the start), each option
 * through one (c, args): CLI_OK once all are read, or the first status
 * one returns that is not CLI_OK.
 * cli_usage_error: "reluscape: CMD: message" and that hint; CLI_USAGE.
 * cli_one_scene: the one argument left after the options into *scene;
 * CLI_USAGE with "no scene given" or "more than one scene" otherwise.
 * cli_scene_name: the name the scene arg goes by in messages and
 * outputs (CLI_BUILTIN_NAME for the built-in scene).
 * cli_export_file: rs_export_file, whole or not at all; CLI_OK, or
 * CLI_FAILURE with its message naming the file. */
/* The end of a command's getopt table: the options cli_common_option
 * takes. */
#define CLI_COMMON_OPTIONS \
  { "set", required_argument, NULL, CLI_OPT_SET }, \
  { "help", no_argument, NULL, 'h' }, \
  { "version", no_argument, NULL, 'V' }, \
  { NULL, 0, NULL, 0 }
int cli_common_option (int c, const char *cmd, const char *usage);
struct option;
int cli_getopt (int argc, char **argv, const char *shortopts,
                const struct option *opts, int (*one) (int c, void *args),
                void *args);
int cli_usage_error (const char *cmd, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));
int cli_one_scene (int argc, char **argv, const char *cmd,
                   const char **scene);
const char *cli_scene_name (const char *arg);
int cli_export_file (const char *path,
                     int (*write) (FILE *f, void *data, const char **why),
                     void *data);

/* --set KEY=VALUE (cli_set.c): the getopt value of the long option, and
 * its help line for the commands that read a scene. */
#define CLI_OPT_SET 0x5e7
#define CLI_SET_HELP \
  "      --set KEY=VALUE  the scene line 'KEY VALUE' over the scene's own\n" \
  "                      (repeatable; checked as in the file)\n"

/* The end of the help of render and simulate: --set, --allow-paths (taken
 * by main), --help and --version. */
#define CLI_COMMON_HELP CLI_SET_HELP \
  "      --allow-paths   let the scene's data and export paths\n" \
  "                      leave its folder\n" \
  "  -h, --help          show this help and exit\n" \
  "  -V, --version       show the version and exit\n"

/* Keep the option's value (it must stay valid): CLI_OK, or CLI_USAGE with
 * a message when it is not KEY=VALUE on one line or too many are given. */
int cli_set_add (const char *arg);

/* How many --set were given. */
size_t cli_set_count (void);

/* The scene text len bytes with every --set applied (see cli_set.c) into
 * a new *out of *out_len bytes, NUL-terminated, that the caller frees;
 * name is the scene's name in messages.  CLI_FAILURE when out of memory. */
int cli_set_compose (const char *text, size_t len, const char *name,
                     char **out, size_t *out_len);

/* The --set (as given) that became line of the scene named file composed
 * last, or NULL when that line is the file's own. */
const char *cli_set_option_at (const char *file, int line);

/* The run of a scene (cli_run.c): its floating-point operations per
 * step (a forward and backward pass over the data) and the memory it
 * takes, estimated from its parameters before it is made. */
double cli_run_flops (const rs_sim_params *p);
double cli_run_bytes (const rs_sim_params *p);

/* The floating-point operations of one forward and backward pass of a
 * network of `layers` layers of sizes[0 ... layers] over points points
 * (cli_run.c). */
double cli_pass_flops (const size_t *sizes, size_t layers, double points);

/* "1.3 GiB" and the like of bytes into buf. */
const char *cli_size_text (double bytes, char *buf, size_t n);

/* Before long work (cli_estimate.c): when it needs 256 MiB or more, or
 * takes seconds >= cli_long_seconds, one line on standard error
 * "WHAT: the NOUN takes about 1.2 MiB of memory and about 3:40 (DETAIL);
 * the time left shows as it goes" (NOUN: run, animation). */
void cli_work_estimate (const char *what, const char *noun, double bytes,
                        double seconds, const char *detail);

/* An animation's frames: cli_frames_start as they start, then
 * cli_frames_progress for cli_progress (named what), which once the
 * first three frames are made takes the first's time plus the pace of
 * the next two for the others and says it through cli_work_estimate
 * (named estimate_what, "N frames, estimated from the first 3"), with
 * frame_bytes as the memory (the image of a frame). */
void cli_frames_start (void);
void cli_frames_progress (const char *what, const char *estimate_what,
                          size_t done, size_t total, double frame_bytes);

/* The seconds a run takes, estimated from its operations at
 * CLI_RUN_FLOPS_PER_S and a cost of CLI_RUN_STEP_S a step for the rest
 * (the record, the loss, the dead units, the optimiser):
 *   steps x (cli_run_flops / CLI_RUN_FLOPS_PER_S + CLI_RUN_STEP_S).
 * Measured on the project's two-core machine with
 * tests/bench/bench_estimate.c (`make bench`): a 1-128-128-128-1 network
 * on 1024 points runs its 2.0e8 flops a step at 8 to 10 GFLOP/s (the
 * products are BLAS's), and a 1-16-1 network on 64 points takes 4 to
 * 6 us a step, nearly all of it the fixed part.  The estimate is within
 * 2x of both there, idle or busy; a slower machine takes longer. */
#define CLI_RUN_FLOPS_PER_S 8e9
#define CLI_RUN_STEP_S 4e-6
double cli_run_seconds (const rs_sim_params *p);

/* When the run is large (256 MiB of memory, or longer than
 * cli_long_seconds), one line on standard error saying how large and how
 * long, before it starts. */
void cli_run_estimate (const char *what, const rs_sim_params *p);

/* Run sim to its last step with cli_run_estimate and cli_progress named
 * what; RS_OK, or RS_EDIVERGED when it diverged. */
int cli_run_sim (rs_sim *sim, const char *what);

/* Run sim to its end (cli_run_sim, progress named what): CLI_OK, or
 * CLI_FAILURE with a message naming the step and the parameter where it
 * diverged (a figure or a surface of a diverged run would show the last
 * finite point as if it were the end). */
int cli_run_scene (rs_sim *sim, const char *name, const char *what);

/* The run of sc made into *sim (NULL, with a message naming the scene
 * and CLI_USAGE, when its parameters are refused) and run to its end with
 * cli_run_scene; *sim, even after a failed run, is the caller's to
 * free. */
int cli_sim_run (const rs_scene *sc, const char *name, const char *what,
                 rs_sim **sim);

/* The runs of sc's variants made and run to their end (cli_run_scene,
 * progress named what and the variant), for a command: CLI_OK, or a
 * message and CLI_USAGE (a variant that cannot be made) / CLI_FAILURE
 * (no memory, a run that diverged), r then empty (cli_variants.c). */
int cli_runs_make (rs_runs *r, const rs_scene *sc, const char *name,
                   const char *what);

#endif /* RS_CLI_H */
