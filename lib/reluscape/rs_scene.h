/* rs_scene.h: the scene language, text -> plain data.
 *
 * A scene is a line-oriented text file; each line is a keyword and its
 * values, # starts a comment.  doc/reluscape-scene.5 describes every
 * keyword.  Every error names file:line:col. */
#ifndef RS_SCENE_H
#define RS_SCENE_H

#include <reluscape/rs_sim.h>
#include <reluscape/rs_expect.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What a figure shows: its panels (views), how they are laid out, its
 * style and where it is exported. */
typedef enum {
  RS_VIEW_LANDSCAPE = 1,  /* the loss over a plane of parameter space */
  RS_VIEW_ACTIVATION,     /* f, f' and the subdifferential at the kink */
  RS_VIEW_NETWORK,        /* units coloured by activity, the dead marked */
  RS_VIEW_TIMELINE,       /* loss, gradient norm, dead units, events */
  RS_VIEW_HISTOGRAM,      /* layer 1's pre-activations */
  RS_VIEW_DEPTH,          /* the gradient bound through L layers */
  RS_VIEW_HEADS,          /* softmax against a ReLU-normalised head */
  RS_VIEW_BASIN,          /* where each start of a plane ends */
  RS_VIEW_TRACE,          /* parameters, gamma or the rate over the steps */
  RS_VIEW_DATA            /* what the network computes over its inputs */
} rs_view_kind;

#define RS_VIEW_MAX_TRACES 4

/* The plane of a landscape or basin map. */
typedef enum {
  RS_AXES_DEFAULT = 0,    /* the single neuron's (w, b); a network's focus
                             unit's weight and bias (rs_sim_focus_unit) */
  RS_AXES_PARAMS,         /* two parameters by name */
  RS_AXES_RANDOM,         /* random filter-normalised directions */
  RS_AXES_PCA             /* the trajectory's principal components */
} rs_view_axes;

typedef struct {
  rs_view_kind kind;
  int three_d;            /* landscape: a lit 3-D surface */
  rs_view_axes axes;
  char p1[32];            /* RS_AXES_PARAMS: the parameters' names */
  char p2[32];
  int has_range;          /* the plane's window (else the defaults) */
  rs_interval u_range;
  rs_interval v_range;
  size_t grid;            /* grid points a side; 0: the exporter's */
  int pinned;             /* landscape: drawn at pin_step, whatever the */
  size_t pin_step;        /* step shown (at STEP); else at the step shown */
  size_t n_traces;        /* RS_VIEW_TRACE: what is traced, by name (a */
  char traces[RS_VIEW_MAX_TRACES][32];  /* parameter, "gamma", "rate") */
} rs_view;

typedef enum {
  RS_LAYOUT_AUTO = 0,     /* the first view large, the others beside it */
  RS_LAYOUT_ROW,
  RS_LAYOUT_COLUMN,
  RS_LAYOUT_GRID          /* cols x rows, filled row by row */
} rs_layout;

typedef enum { RS_UNIT_PX = 0, RS_UNIT_PT, RS_UNIT_CM } rs_unit;

typedef enum {
  RS_CMAP_VIRIDIS = 0, RS_CMAP_CIVIDIS, RS_CMAP_MAGMA, RS_CMAP_GREY
} rs_colormap;

typedef struct {
  int dark;               /* the dark theme, for projectors */
  rs_colormap colormap;
  int linear;             /* the loss's colour scale: 0 log, 1 linear */
  char font[64];          /* one font family per figure ("Sans") */
  double font_pt;         /* body text in points (10) */
  double width;           /* the figure's size (1200 x 800 px) */
  double height;
  rs_unit unit;
  double azimuth;         /* the 3-D camera, degrees (-35, 30) */
  double elevation;
} rs_style;

typedef struct {
  char path[256];         /* as written: relative to the scene's folder */
  double width;           /* 0: the style's size */
  double height;
  rs_unit unit;
  double dpi;             /* PNG: pixels per inch for pt and cm (96) */
  int has_at;             /* 'at STEP': the moment drawn (an animation:
                             its last), else the scene's 'show' */
  size_t at;              /* RS_EXPECT_END: the end */
  int line;               /* where the path is written in the scene */
  int col;
} rs_export_target;

/* A layer's own activation ('layer L NAME [P]'), over 'activation' and
 * 'output'; type NULL where the scene gives none. */
typedef struct {
  const rs_act_type *type;
  int has_param;          /* P given (else the family's default; Leaky
                             ReLU's is 'alpha') */
  double param;
} rs_layer_act;

/* A line of an animation's pace ('pace'): a hold of `value` seconds at
 * step `from`, or the steps from `from` to `to` played `value` times as
 * fast as the others. */
typedef enum { RS_PACE_HOLD = 1, RS_PACE_SPEED } rs_pace_kind;

typedef struct {
  rs_pace_kind kind;
  double value;           /* hold: seconds; speed: the factor */
  size_t from;            /* the step held, or the span's first */
  size_t to;              /* speed: the span's last (RS_EXPECT_END: the
                             end) */
} rs_pace_line;

/* The largest scene file read, in bytes (1 MiB). */
#define RS_SCENE_MAX_BYTES (1u << 20)
#define RS_SCENE_MAX_VIEWS 9
#define RS_SCENE_MAX_EXPORTS 8
#define RS_SCENE_MAX_EXPECTS 64
#define RS_SCENE_MAX_PACES 32
#define RS_SCENE_MAX_VARIANTS 6
#define RS_VARIANT_MAX_LINES 16
#define RS_VARIANT_LINE_BYTES 160

/* A variant of the scene's run ('variant "NAME" KEYWORD VALUES...'): a
 * name, and the scene lines that go over the scene's own for this run,
 * as written ("decay 0.1 biases"); none: the scene's run as it is.  The
 * lines of one name make one variant, in the order of the text. */
typedef struct {
  char name[64];
  size_t n_lines;
  char lines[RS_VARIANT_MAX_LINES][RS_VARIANT_LINE_BYTES];
  int line[RS_VARIANT_MAX_LINES];   /* where each line's keyword is */
  int col[RS_VARIANT_MAX_LINES];
  int name_line;                    /* where its name is first written */
  int name_col;
} rs_variant;

typedef struct {
  char title[256];
  char notes[1024];      /* paragraphs separated by '\n' */
  char data_file[256];   /* 'data csv': relative to the scene's folder */
  int data_line;         /* where data_file is written in the scene */
  int data_col;
  rs_sim_params sim;
  rs_layer_act layer_act[RS_NET_MAX_LAYERS];  /* layer l + 1's own */
  rs_interval w_range;   /* the landscape's axes */
  rs_interval b_range;
  double speed;          /* optimiser steps per second in the app */
  int has_focus;         /* 'focus L J': the unit the figure is about */
  rs_sim_unit focus;     /* (else rs_sim_focus_unit's choice) */
  size_t n_views;        /* 0: the default views */
  rs_view views[RS_SCENE_MAX_VIEWS];
  rs_layout layout;
  int layout_cols;       /* RS_LAYOUT_GRID */
  int layout_rows;
  rs_style style;
  size_t n_exports;
  rs_export_target exports[RS_SCENE_MAX_EXPORTS];
  int has_show;          /* 'show': the moment a figure draws by default */
  size_t show;           /* a step, or RS_EXPECT_END for the end */
  size_t n_expects;      /* the scene's claims about its run */
  rs_expect expects[RS_SCENE_MAX_EXPECTS];
  size_t n_paces;        /* the animations' holds and speeds, in the */
  rs_pace_line paces[RS_SCENE_MAX_PACES];  /* order written */
  size_t n_variants;     /* runs compared in one figure (variant.c) */
  rs_variant variants[RS_SCENE_MAX_VARIANTS];
  size_t fps;            /* an animation's frames a second ('fps') */
  double duration;       /* and its seconds ('duration') */
} rs_scene;

/* The names of views, layouts, units and colour maps, for the parser,
 * the printer and the figures. */
const char *rs_view_kind_name (rs_view_kind k);
const char *rs_layout_name (rs_layout l);
const char *rs_unit_name (rs_unit u);
const char *rs_colormap_name (rs_colormap c);

/* A size in unit as points (1/72 inch): px count as points at 96 dpi
 * scaled to 72, as cairo's vector surfaces take them (1 px = 0.75 pt). */
double rs_unit_to_pt (double v, rs_unit u);

/* One keyword of the language: its name, the form of its values and what
 * it sets, for the parser, the documentation and its test. */
typedef struct {
  const char *name;
  const char *args;
  const char *help;
} rs_scene_keyword;

/* The i-th keyword of the language, or NULL past the last one. */
const rs_scene_keyword *rs_scene_keyword_get (size_t i);

/* 1 when the keyword name may appear on several lines (kick, set, view
 * ...), 0 when once only, -1 when no keyword has that name. */
int rs_scene_keyword_repeatable (const char *name);

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

/* The path of a file a scene names (its data file, an export target),
 * relative to the folder of the scene file scene_path unless absolute;
 * scene_path NULL: relative to the working folder.  Writes at most n
 * bytes into buf; RS_EINVAL when the path does not fit. */
int rs_scene_path (const char *scene_path, const char *file, char *buf,
                   size_t n, rs_error *err);

/* Whether every path the scene names (its data file, its export
 * targets) stays inside the folder of the scene file scene_path (the
 * working folder when NULL): relative, without a ".." component, and
 * not leading out through a symbolic link.  RS_OK, or RS_EINVAL with a
 * message at the path's line and column in the scene name. */
int rs_scene_check_paths (const rs_scene *sc, const char *scene_path,
                          const char *name, rs_error *err);

/* Whether the run of sc, whose data (sc->sim.data) has been read from
 * its CSV file, can start: the checks of rs_sim_alloc on that data, as
 * the parse made them on generated data.  RS_OK, or the error at the
 * 'data csv' line of the scene name. */
int rs_scene_check_data (const rs_scene *sc, const char *name,
                         rs_error *err);

/* The scene's data from its CSV file (sc->data_file, which must be set),
 * read with the network's input and output sizes (the single neuron: 1
 * and 1), into a new *data the caller frees; RS_EIO / RS_ESYNTAX with err
 * naming the file, line and column otherwise. */
int rs_scene_read_data (const rs_scene *sc, const char *scene_path,
                        rs_data **data, rs_error *err);

/* The scene text len bytes with the n scene lines `lines` over its own,
 * into a new NUL-terminated *out of *out_len bytes that the caller frees:
 * a line whose keyword is given once only replaces the text's line of
 * that keyword (blanked, so that the text's line numbers stay), a 'set'
 * or 'layer' line the text's line for the same parameter or layer, other
 * repeatable keywords (kick, expect ...) add a line; of two given lines
 * that set the same thing the later wins.  The given lines go after the
 * text's, "KEY VALUE" with the first sep of each (' ' or '=' as in
 * --set KEY=VALUE) made a blank; line_of[i] (when not NULL) is the line
 * of lines[i] in *out, 0 when a later one replaced it.  RS_OK, or
 * RS_ENOMEM with err. */
int rs_scene_compose (const char *text, size_t len, const char *const *lines,
                      size_t n, char sep, char **out, size_t *out_len,
                      int *line_of, rs_error *err);

/* The scene of variant k of sc (k < sc->n_variants): sc in canonical form
 * without its variants (rs_scene_format), the variant's lines over it
 * (rs_scene_compose), parsed again into *out, which then has no
 * variants and sc's title.  Its claims are sc's (at their lines) and
 * the variant's own ('variant "NAME" expect ...', at the variant's
 * line); its data file's data (sc->sim.data) is sc's when the file is
 * the same.  Everything else, the start included, is sc's unless a line
 * changes it: the runs of two variants start from the same parameters
 * and data unless one changes them.  RS_OK, or the parse's error with
 * err at the variant's line in the file name (a whole-scene check that
 * fails: at the variant's first line, "variant "NAME": ..."). */
int rs_scene_variant (const rs_scene *sc, size_t k, const char *name,
                      rs_scene *out, rs_error *err);

/* Whether the keyword name may be a variant's line: those of the run
 * (the data, the network, its start, the training, kicks and claims),
 * not those of the figure (title, views, style, exports) nor 'variant'
 * itself.  1 or 0. */
int rs_scene_keyword_varies (const char *name);

#ifdef __cplusplus
}
#endif

#endif /* RS_SCENE_H */
