/* scene_parse_private.h: the scene parser's own vocabulary, shared by
 * its files (scene*.c): the tokens and the parser's state, the errors
 * at a place, the readers of a keyword's values, the keyword functions
 * that the table of scene_keywords.c names, and what runs once every
 * line is read (defaults, checks, warnings).  None of it leaves the
 * library (libreluscape.map exports the rs_ names only).
 *
 * Where to look: scene_lex.c (tokens, errors), scene_values.c (values),
 * scene_keywords.c (the table and the dispatch of a line),
 * scene_keywords_*.c (one function per keyword, by topic),
 * scene_defaults.c, scene_check.c and scene_warn.c (after the last
 * line), scene.c (the driver and the public entry points). */
#ifndef RS_SCENE_PARSE_PRIVATE_H
#define RS_SCENE_PARSE_PRIVATE_H

#include <stddef.h>

#include "reluscape/rs_scene.h"

/* The longest list of names a keyword chooses from (a family table). */
#define MAX_CHOICES 16

/* The kinds of token of a line. */
typedef enum {
  T_END, T_NEWLINE, T_WORD, T_NUMBER, T_STRING, T_LBRACK, T_RBRACK, T_COMMA,
  T_SIZE,                /* WxH: two unsigned decimals joined by 'x' */
  T_COLON                /* ':' in a unit L:J */
} tok_kind;

/* A token: its kind, its text and where it is, its value. */
typedef struct {
  tok_kind kind;
  const char *start;     /* the token's text in the source */
  size_t len;
  int line;
  int col;
  double num;            /* a number, a size's W */
  double num2;           /* a size's H */
  char str[256];         /* a word or a string's contents */
} token;

/* A place in the text, for errors found after the whole text is read. */
typedef struct {
  int line;
  int col;
} place;

/* An activation as a line gives it: the family, its parameter when the
 * line gives one, and where the family's name is. */
typedef struct {
  const rs_act_type *type;
  double param;
  int has_param;
  place at;
} act_choice;

typedef struct parser parser;

/* A keyword's function: reads the values after the keyword (the
 * current token) up to, not including, the end of the line; RS_OK, or
 * the code of the error it recorded (fail, fail_at). */
typedef int (*kw_handler) (parser *ps);

/* The value of a keyword that sets one field of the scene and nothing
 * else: its bounds as get_number takes them, where the field is. */
typedef struct {
  double lo;
  int lo_open;
  double hi;
  int hi_open;
  size_t offset;         /* of the field in rs_scene */
} kw_value;

/* A row of the table of keywords (scene_keywords.c): the keyword as the
 * documentation shows it, the function that reads its values, whether
 * it may be on several lines, and the value of a keyword that sets one
 * field alone (read by the table's own kw_number, kw_count, kw_range). */
typedef struct {
  rs_scene_keyword k;
  kw_handler handler;
  int repeatable;
  kw_value value;
} keyword;

/* The parser's state: the text and the lexer's place in it, the
 * current token, the scene being filled, the errors so far, and where
 * each value was written (for the errors and warnings found once every
 * line is read, which name the line of the value they concern). */
struct parser {
  const char *p;
  const char *end;
  const char *name;
  int line;
  const char *line_start;
  token tok;             /* the current token */
  rs_scene *sc;
  rs_error *err;         /* the first error, when not NULL */
  rs_scene_report *rep;  /* every error and warning, when not NULL */
  size_t n_errors;
  int first_code;        /* the first error's code, RS_OK if none */
  int stopped;           /* too many errors: the rest is not read */
  const keyword *kw;     /* the keyword whose values are being read */
  place seen[64];        /* where each keyword was set, line 0 if not yet */
  unsigned char broken[64];   /* a line of that keyword had an error */
  int pushed_back;       /* next() returns the current token again */
  int kick_seeded[RS_SIM_MAX_KICKS];
  place kick_unit[RS_SIM_MAX_KICKS];   /* the word "unit" of a kick */
  place kick_at[RS_SIM_MAX_KICKS];     /* the STEP of each kick */
  place event_at[RS_SIM_MAX_EVENTS];   /* the STEP of each 'at' */
  place start_at;        /* the start's w */
  place patience_at;     /* autokick's patience, line 0 if not given */
  place value_at[RS_SIM_MAX_VALUES];   /* the name of each "set" */
  place freeze_at[RS_SIM_MAX_FROZEN];  /* each name of "freeze" */
  act_choice hidden;     /* "activation" */
  act_choice output;     /* "output" */
  place net_at;          /* the network's first size */
  place data_at;         /* the data generator's name */
  place view_at[RS_SCENE_MAX_VIEWS][3];  /* each view's kind, its p1, the
                                            step it is pinned at */
  place p2_at[RS_SCENE_MAX_VIEWS];       /* each view's p2 */
  place trace_at[RS_SCENE_MAX_VIEWS][RS_VIEW_MAX_TRACES];
  place export_at[RS_SCENE_MAX_EXPORTS]; /* each export's path */
  place layout_at;       /* a grid layout's size */
  place focus_at;        /* the layer of 'focus' */
  place layer_at[RS_NET_MAX_LAYERS];     /* each 'layer' line's L */
  place expect_at[RS_SCENE_MAX_EXPECTS][2];  /* each claim's STEP, its
                                                quantity */
  place show_at;         /* the STEP of 'show' */
  place pace_at[RS_SCENE_MAX_PACES][2];  /* each pace line's steps */
  place export_step_at[RS_SCENE_MAX_EXPORTS];  /* each export's 'at STEP' */
  int line_line;         /* where "line" is, 0 if nowhere */
  int points_line;       /* where the number of points is set */
};

/* The optional words that may follow a keyword's values, in any order,
 * each at most once; of those in `exclusive`, at most one. */
typedef struct {
  const char *const *names;
  unsigned exclusive;
  unsigned given;
} options;

/* The names of a family table (rs_act_types, rs_loss_types ...: pointers
 * to structs with a name, ending in NULL) into names, ending in NULL. */
#define TABLE_NAMES(table, names)                                       \
  do                                                                    \
    {                                                                   \
      size_t k_ = 0;                                                    \
      while ((table)[k_] != NULL && k_ + 1 < MAX_CHOICES)               \
        {                                                               \
          (names)[k_] = (table)[k_]->name;                              \
          k_++;                                                         \
        }                                                               \
      (names)[k_] = NULL;                                               \
    }                                                                   \
  while (0)

/* ---- scene_lex.c: tokens, and errors at a place ---- */

/* The place of the current token. */
place here (const parser *ps);

/* Record an error at `at` (the first into ps->err, each into the
 * report); returns code. */
int fail_at (parser *ps, place at, int code, const char *fmt, ...)
  __attribute__ ((format (printf, 4, 5)));

/* An error at the current token; returns code. */
int fail (parser *ps, int code, const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4)));

/* A printable description of the token t for messages, in buf. */
const char *describe (const token *t, char *buf, size_t n);

/* Whether c may be in a word (letters, digits, '_' and '-'). */
int is_word_char (int c);

/* Read the next token into ps->tok (again the current one when it was
 * pushed back).  RS_OK, or the lexer's error. */
int next (parser *ps);

/* The nearest of names (NULL-terminated) to word, if near enough. */
const char *nearest (const char *word, const char *const *names);

/* ---- scene_values.c: reading a keyword's values ---- */

/* Each reads the next tokens into *out (or the like) and returns RS_OK,
 * or records the error at the token that is wrong and returns its code.
 * `what` names the value in messages ("noise", "kick step"). */

/* A number in [lo, hi], open at an end when lo_open / hi_open. */
int get_number (parser *ps, const char *what, double lo, int lo_open,
                double hi, int hi_open, double *out);

/* A whole number in [lo, hi]. */
int get_count (parser *ps, const char *what, double lo, double hi,
               size_t *out);

/* A token of the kind given; what says what was expected. */
int expect (parser *ps, tok_kind kind, const char *what);

/* The kind of the next token, which is left to be read. */
int peek (parser *ps, tok_kind *kind);

/* The fixed word w; form shows where it goes ("kick at STEP ..."). */
int expect_word (parser *ps, const char *w, const char *form);

/* A range "[lo, hi]" with lo < hi, inside [-1e6, 1e6]. */
int get_range (parser *ps, const char *what, rs_interval *r);

/* A word of names (NULL-terminated), its index in *index; noun says
 * what is named, a misspelt one gets a suggestion. */
int get_name (parser *ps, const char *noun, const char *const *names,
              size_t *index);

/* The next optional word of o: its index in *which, or -1 when the
 * values end (the token is left to be read). */
int get_option (parser *ps, options *o, int *which);

/* get_number when the next token is a number; RS_OK when it is not. */
int get_optional (parser *ps, const char *what, double lo, int lo_open,
                  double hi, int hi_open, double *out);

/* A parameter's name (W1[0][1], b1[0], a1[0]) into name of n bytes. */
int get_param_name (parser *ps, char *name, size_t n);

/* A step: a whole number, start (0) or end (RS_EXPECT_END); *at gets
 * where it is written. */
int get_step (parser *ps, const char *what, size_t *out, place *at);

/* ---- scene_keywords.c: the table of keywords ---- */

/* One line that starts with the word in ps->tok: its keyword's function,
 * then the end of the line. */
int statement (parser *ps);

/* The error for the word in ps->tok that names no keyword. */
int unknown_keyword (parser *ps);

/* Where the keyword called name is set, line 0 when it is not. */
place seen_at (const parser *ps, const char *name);

/* Whether every line of the keywords named (NULL-terminated) parsed. */
int intact (const parser *ps, const char *const *names);

/* ---- The keyword functions: one per keyword, each reads the values
 * after its keyword into ps->sc (and where they are into ps) ---- */

/* scene_keywords_data.c: the data and the network */
int kw_seed (parser *ps);
int kw_points (parser *ps);
int kw_line (parser *ps);
int kw_data (parser *ps);
int kw_network (parser *ps);
int kw_activation (parser *ps);
int kw_output (parser *ps);
int kw_layer (parser *ps);
int kw_init (parser *ps);
int kw_set (parser *ps);
int kw_freeze (parser *ps);
int kw_start (parser *ps);
int kw_loss (parser *ps);

/* scene_keywords_train.c: training, kicks and events */
int kw_optimizer (parser *ps);
int kw_schedule (parser *ps);
int kw_decay (parser *ps);
int kw_warming (parser *ps);
int kw_temperature (parser *ps);
int kw_record (parser *ps);
int kw_kick (parser *ps);
int kw_autokick (parser *ps);
int kw_at (parser *ps);

/* scene_keywords_view.c: the figure and the app's view */
int kw_title (parser *ps);
int kw_notes (parser *ps);
int kw_view (parser *ps);
int kw_layout (parser *ps);
int kw_theme (parser *ps);
int kw_colormap (parser *ps);
int kw_colorscale (parser *ps);
int kw_font (parser *ps);
int kw_size (parser *ps);
int kw_camera (parser *ps);
int kw_export (parser *ps);
int kw_focus (parser *ps);

/* scene_keywords_claims.c: claims, the moment shown, pace, variants */
int kw_expect (parser *ps);
int kw_show (parser *ps);
int kw_pace (parser *ps);
int kw_variant (parser *ps);

/* ---- After the last line ---- */

/* scene_defaults.c: seeds for the kicks that have none. */
void default_kick_seeds (parser *ps);

/* scene_defaults.c: the places of the scene's paths kept in the scene,
 * for the messages of rs_scene_check_paths. */
void record_paths (parser *ps);

/* scene_defaults.c: the network's activations from 'activation',
 * 'output', 'layer' and 'alpha'. */
void build_network (parser *ps);

/* scene_defaults.c: the shape that 'set' and kicks of one unit refer
 * to (the single neuron's when there is no network). */
void scene_shape (const rs_sim_params *p, rs_net_spec *spec);

/* scene_check.c: what several lines set together, checked once every
 * line parsed; each error at the line it concerns. */
void check_lines (parser *ps);

/* scene_check.c: how many views the figure has (the defaults: 3). */
size_t view_count (const rs_scene *sc);

/* scene_warn.c: lines that parse but will not do what they say, into
 * the report (ps->rep, not NULL). */
void warnings (parser *ps);

#endif /* RS_SCENE_PARSE_PRIVATE_H */
