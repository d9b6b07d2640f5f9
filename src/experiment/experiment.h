/* experiment.h: what the experiments of `reluscape experiment` share
 * (private to src/): the options as parsed, the results, the table entry
 * of one experiment, and the helpers for their messages, numbers and
 * readable tables.  Each experiment lives in its own file (exp_depth.c,
 * exp_zero.c, exp_born.c, exp_sweep.c); cmd_experiment.c holds their
 * table and the command. */
#ifndef RS_EXPERIMENT_H
#define RS_EXPERIMENT_H

#include <getopt.h>
#include <stdio.h>
#include <reluscape/reluscape.h>

#include "cli/cli.h"

struct expfig_plot;

/* Activations in one --act list, at most. */
#define MAX_ACTS 16

/* The long options that take no short letter. */
enum {
  OPT_ACT = 256, OPT_MAX_DEPTH, OPT_WIDTH, OPT_POINTS, OPT_INIT, OPT_TRIALS,
  OPT_SEED, OPT_MU, OPT_SIGMA, OPT_SAMPLES, OPT_KINK, OPT_INPUTS, OPT_DEPTH,
  OPT_BIAS, OPT_BIAS_NORMAL, OPT_DOMAIN, OPT_VARY, OPT_VALUES, OPT_SEEDS,
  OPT_WIDTHS, OPT_BIAS_INIT, OPT_DEPTHS, OPT_SHARD
};

/* The end of every experiment's help: the options cmd_experiment.c
 * takes for all of them. */
#define EXP_COMMON_HELP \
  "  -o, --output FILE         write CSV to FILE (.csv), or draw the result\n" \
  "                            with its intervals (.png, .pdf, .svg),\n" \
  "                            instead of the table\n" \
  "  -h, --help                show this help and exit\n" \
  "  -V, --version             show the version and exit\n"

/* The end of the option table of an experiment of seeded trials: the
 * options exp_trials_seed takes. */
#define EXP_TRIALS_SEED_OPTIONS \
  { "trials", required_argument, NULL, OPT_TRIALS }, \
  { "seed", required_argument, NULL, OPT_SEED }, \
  { NULL, 0, NULL, 0 }

/* born-dead's table (--depths): widths and depths at most. */
#define MAX_TABLE_WIDTHS 16
#define MAX_TABLE_DEPTHS (RS_NET_MAX_LAYERS - 1)

/* An activation family with its parameter (NAN: the family's default). */
typedef struct {
  const rs_act_type *type;
  double param;
} act_choice;

typedef struct experiment experiment;

/* What the command line asks for: the options of the chosen experiment,
 * in the library's own structs. */
typedef struct {
  const experiment *x;
  const char *out;           /* NULL: the table on standard output */
  size_t shard_i;            /* --shard I/N; 0: the whole run */
  size_t shard_n;
  const char *scene;         /* dead-sweep's SCENE argument */
  const char *scene_name;    /* as messages and outputs name it */
  size_t n_acts;
  act_choice acts[MAX_ACTS];
  int have_values;
  int have_seed;
  unsigned long seed;
  rs_probe_depth_opts depth;
  rs_probe_zero_grad_opts zero;
  rs_probe_born_dead_opts born;
  size_t n_widths;           /* born-dead's --width list */
  size_t widths[MAX_TABLE_WIDTHS];
  size_t depth_lo;           /* born-dead's --depths; 0: no table */
  size_t depth_hi;
  rs_probe_sweep_opts sweep;
} exp_args;

/* The results: one per activation of the --act list where there are
 * several. */
typedef struct {
  rs_probe_depth_result depth[MAX_ACTS];
  rs_probe_zero_grad_result zero[MAX_ACTS];
  rs_probe_born_dead_result born;
  rs_probe_born_dead_result born_table[MAX_TABLE_WIDTHS * MAX_TABLE_DEPTHS];
  rs_probe_sweep_result sweep;
} exp_results;

/* One experiment.  Its trials come in parts (one per activation, or
 * one), each of trials(a) trials. */
struct experiment {
  const char *name;
  const char *usage;
  /* NULL: no SCENE argument; else the experiment takes one, loaded
     (cli_load_scene) once the options are read and given to this, which
     fills in what the scene decides; CLI_OK or CLI_USAGE with a
     message */
  int (*scene) (exp_args *a, const rs_scene *sc);
  const struct option *opts;
  void (*defaults) (exp_args *a);
  /* one of its own options; CLI_OK or CLI_USAGE with a message */
  int (*option) (int c, const char *arg, exp_args *a);
  /* the options in the library's _check; RS_OK or err */
  int (*check) (const exp_args *a, rs_error *err);
  size_t (*parts) (const exp_args *a);
  size_t (*trials) (const exp_args *a);
  /* add trials [first, last) of part to r (first = 0: clear it first) */
  int (*run) (const exp_args *a, size_t part, size_t first, size_t last,
              exp_results *r, rs_error *err);
  /* the readable table, and the CSV; 0, or -1 when out of memory */
  int (*text) (FILE *f, const exp_args *a, const exp_results *r);
  void (*csv) (FILE *f, const exp_args *a, const exp_results *r);
  /* the figure's series (expfig.h); RS_OK, or RS_ENOMEM */
  int (*plot) (const exp_args *a, const exp_results *r,
               struct expfig_plot *p);
  /* the seconds one trial of part takes and the bytes it needs
     (*bytes), estimated from the options (exp_cost.c) */
  double (*cost) (const exp_args *a, size_t part, double *bytes);
};

/* Parse argv (argv[0] the experiment's name, then its options, as
 * after `reluscape experiment`), check the options and run the trials
 * into new *a and *r, which the caller frees (either may be NULL).
 * CLI_OK; -1 after --help or --version; CLI_USAGE or CLI_FAILURE with a
 * message on standard error. */
int exp_run_args (int argc, char **argv, exp_args **a, exp_results **r);

/* The figure of a run, with the numbers of its CSV, into a new *p that
 * the caller frees: RS_OK, or RS_ENOMEM (*p NULL). */
int exp_figure (const exp_args *a, const exp_results *r,
                struct expfig_plot **p);

/* The experiments of the table (exp_*.c). */
extern const experiment exp_depth;
extern const experiment exp_zero_grad;
extern const experiment exp_born_dead;
extern const experiment exp_dead_sweep;

/* ---- the cost of a run, estimated before it (exp_cost.c) ---- */

/* Seconds a Gaussian draw takes (gsl_ran_gaussian on MT19937); a
 * zero-grad sample (a draw and a derivative, sigmoid's an exp); seeding
 * a trial's generator (MT19937's 624 words) and setting up what it
 * draws: measured here with tests/bench/bench_estimate.c. */
#define EXP_DRAW_S 30e-9
#define EXP_SAMPLE_S 50e-9
#define EXP_SEED_S 5e-6

/* Seconds of a multiply-add of born-dead's scalar piece-by-piece loop
 * (with its roots, sorting and merging), and of an activation and its
 * derivative on one unit at one point (sigmoid's and tanh's an exp). */
#define EXP_PIECE_S 0.8e-9
#define EXP_UNIT_S 10e-9

/* Seconds of draws Gaussian draws after a seeding (EXP_SEED_S), and of
 * flops floating-point operations of a network's passes
 * (CLI_RUN_FLOPS_PER_S). */
double exp_draw_seconds (double draws);
double exp_flop_seconds (double flops);

/* Seconds the trials [0, trials) of parts [p0, p1) take, and the bytes
 * the run needs into *bytes, from the experiment's cost. */
double exp_estimate_seconds (const exp_args *a, size_t p0, size_t p1,
                             size_t trials, double *bytes);

/* Say them before the run when it is long (cli_work_estimate), as
 * "experiment NAME". */
void exp_estimate (const exp_args *a, size_t p0, size_t p1, size_t trials);

/* ---- messages and values (exp_common.c) ---- */

/* "experiment NAME: bad OPT 'VAL' (expected WANT)" and a hint; CLI_USAGE. */
int exp_bad_value (const exp_args *a, const char *opt, const char *val,
                   const char *want);

/* "unknown WHAT 'word'", with a suggestion when one is near, or else
 * every name; CLI_USAGE. */
int exp_unknown_name (const exp_args *a, const char *what, const char *word,
                      const char *const *names, size_t n);

/* A finite number and nothing else; 0 on success. */
int exp_parse_real (const char *s, double *v);

/* "N1,N2,...": 1 to max whole numbers of at least 1 into v, their count
 * into *n; 0 on success. */
int exp_parse_counts (const char *s, size_t *v, size_t max, size_t *n);

/* "V1,V2,...": 1 to RS_PROBE_MAX_VALUES finite numbers; 0 on success. */
int exp_parse_values (const char *s, double *v, size_t *n);

/* The default --act list: the n families of acts, each with its own
 * default parameter. */
void exp_set_acts (exp_args *a, const rs_act_type *const *const *acts,
                   size_t n);

/* "NAME[:P],NAME[:P],..." into a->acts; CLI_OK or CLI_USAGE. */
int exp_parse_acts (exp_args *a, const char *s, size_t max);

/* "NAME" or "constant:C" into *t and *c; CLI_OK or CLI_USAGE. */
int exp_parse_init (const exp_args *a, const char *s,
                    const rs_init_type **t, double *c);

/* --trials N and --seed N, shared by depth, zero-grad and born-dead. */
int exp_trials_seed (int c, const char *arg, exp_args *a, size_t *trials,
                     unsigned long *seed);

/* A count option, a number option whose range _check enforces; CLI_OK or
 * CLI_USAGE. */
int exp_count_option (const exp_args *a, const char *opt, const char *arg,
                      size_t *v);
int exp_real_option (const exp_args *a, const char *opt, const char *arg,
                     double *v);

/* The family's parameter as used: p, or its default when p is NAN. */
double exp_act_param (const act_choice *c);

/* "relu" or "leaky_relu (alpha 0.01)" into buf. */
const char *exp_act_label (const act_choice *c, char *buf, size_t n);

/* CSV pieces: x exactly, then sep; the columns act,param; '# act: ...';
 * '# init: ...'. */
void exp_put_num (FILE *f, double x, const char *sep);
void exp_put_act (FILE *f, const act_choice *c);
void exp_put_act_list (FILE *f, const exp_args *a);
void exp_put_init (FILE *f, const rs_init_type *t, double c);

/* A number for the readable table: digits significant digits, "-" for
 * NAN. */
const char *exp_num (char *buf, size_t n, double x, int digits);

/* "[lo, hi]" with enough digits to tell the ends apart; "-" when
 * unknown. */
const char *exp_interval (char *buf, size_t n, double lo, double hi,
                          int digits);

/* Text for the reader, wrapped at 76 columns at blanks. */
void exp_say (FILE *f, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));

/* Parts of the experiments with an --act list (one per activation), and
 * of the others (one). */
size_t exp_parts_acts (const exp_args *a);
size_t exp_parts_one (const exp_args *a);

/* Prefix err's message with the activation it is about. */
int exp_about_act (const act_choice *c, rs_error *err);

/* ---- a readable table (exp_common.c): cells collected row by row,
 * printed with each column as wide as its widest cell ---- */

#define TAB_ROWS 72
#define TAB_COLS 10
#define TAB_CELL 64

typedef struct {
  size_t rows;
  size_t col;              /* the next cell of the current row */
  size_t cols;
  int names;               /* 1: the first column holds names */
  char cell[TAB_ROWS][TAB_COLS][TAB_CELL];
} text_table;

/* A new empty table (names: its first column holds names), or NULL when
 * out of memory; a cell of the current row; the end of the row; the
 * table printed, indented by two spaces, and emptied. */
text_table *exp_tab_alloc (int names);
void exp_tab_cell (text_table *t, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));
void exp_tab_row (text_table *t);
void exp_tab_print (FILE *f, text_table *t);

#endif /* RS_EXPERIMENT_H */
