/* rs_expect.h: the claims a scene makes about its own run ('expect'
 * lines), and their verdict against the run.
 *
 * A claim names a moment (a step, the end, every step of a span, or no
 * step for the depth experiment of C1), a quantity (the loss, a
 * parameter, the dead units, the outcome ...) and what it must be: a
 * value to within a tolerance, or a bound.  doc/reluscape-scene.5 gives
 * the language; rs_expect_check runs a scene and says which claims hold,
 * so that a figure's title or a scene's comment cannot drift from what
 * the run does. */
#ifndef RS_EXPECT_H
#define RS_EXPECT_H

#include <reluscape/rs_sim.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The step written 'end': the run's last step. */
#define RS_EXPECT_END ((size_t) -1)

typedef enum {
  RS_EXPECT_AT = 0,      /* at STEP (or at end) */
  RS_EXPECT_SPAN,        /* from STEP to STEP: at every step between */
  RS_EXPECT_DEPTH        /* the depth experiment (C1): no step */
} rs_expect_when;

typedef enum {
  RS_EXPECT_NEAR = 0,    /* |x - value| <= tol */
  RS_EXPECT_BELOW,       /* x < value */
  RS_EXPECT_ABOVE,       /* x > value */
  RS_EXPECT_AT_MOST,     /* x <= value */
  RS_EXPECT_AT_LEAST     /* x >= value */
} rs_expect_cmp;

/* What a quantity's name is followed by. */
typedef enum {
  RS_EXPECT_ARG_NONE = 0,
  RS_EXPECT_ARG_PARAM,   /* the quantity is a parameter's name, W1[0][1] */
  RS_EXPECT_ARG_UNIT,    /* alive<L>[J]: layer and unit */
  RS_EXPECT_ARG_LAYER,   /* a layer number */
  RS_EXPECT_ARG_WORD,    /* outcome or event: a name, no number */
  RS_EXPECT_ARG_UNITS,   /* dead-units: a list L:J ..., or none */
  RS_EXPECT_ARG_ACT      /* depth: an activation and what is measured */
} rs_expect_arg;

/* One quantity a claim can name: its name, what follows it, what it is
 * (for the manual and --help) and whether it needs a network (not the
 * single neuron) or a loss of class labels. */
typedef struct {
  const char *name;
  rs_expect_arg arg;
  const char *help;
  int needs_network;
  int needs_labels;
} rs_expect_quantity;

/* The i-th quantity, or NULL past the last one; by name, or NULL. */
const rs_expect_quantity *rs_expect_quantity_get (size_t i);
const rs_expect_quantity *rs_expect_quantity_lookup (const char *name);

/* The names of the words of 'outcome' (rs_sim_status_name) and 'event'
 * (start kick act rate beat autokick), NULL-terminated. */
extern const char *const rs_expect_event_names[];

#define RS_EXPECT_MAX_UNITS 32

/* One claim.  line and col are where its line starts (the word expect),
 * for messages; they do not count in rs_scene_equal. */
typedef struct {
  rs_expect_when when;
  size_t from;           /* the step (AT) or the span's first step; */
  size_t to;             /* the span's last; RS_EXPECT_END: the end */
  const rs_expect_quantity *q;
  char name[32];         /* ARG_PARAM: the parameter; ARG_ACT: the
                            activation's name */
  size_t layer;          /* ARG_UNIT, ARG_LAYER; ARG_ACT: the layer
                            measured, 0 for the ratio of layer 1 to the
                            last */
  size_t unit;           /* ARG_UNIT */
  int word;              /* ARG_WORD: outcome's rs_sim_status, or the
                            index of an rs_expect_event_names */
  size_t n_units;        /* ARG_UNITS */
  unsigned char units[RS_EXPECT_MAX_UNITS][2];   /* layer, unit */
  rs_expect_cmp cmp;     /* for a number */
  double value;
  double tol;            /* NEAR: the tolerance */
  int has_tol;           /* 1: written 'within TOL'; 0: from the digits */
  char text[40];         /* the value as written, for printing */
  int line;
  int col;
} rs_expect;

/* The tolerance a number written as text claims: half a unit of its last
 * digit ("0.3147": 0.00005, "1.05e-4": 5e-7), 0 for an integer written
 * without a point or an exponent ("12": exactly 12). */
double rs_expect_written_tol (const char *text);

/* The claim as written in the language, without the word expect
 * ("at 9 outcome stuck"), into buf of n bytes; returns buf. */
char *rs_expect_format (const rs_expect *e, char *buf, size_t n);

/* 1 when a and b are the same claim (line and col aside; doubles bit for
 * bit, the used part of each array by value), 0 otherwise. */
int rs_expect_equal (const rs_expect *a, const rs_expect *b);

/* The verdict on one claim. */
typedef struct {
  int holds;             /* 1 it holds, 0 it is false */
  size_t step;           /* where the run was looked at (a span: its
                            first step where the claim is false) */
  double got;            /* what the run gives there (a number) */
  char gives[160];       /* the same as text: "0.3147", "running", "1:0
                            1:3", "diverged at step 12" */
} rs_expect_verdict;

/* Run a new run of p from its start to its last step, and judge each of
 * the n claims e[i] into v[i] at its moment.  The run records every step
 * for this (p is used with record every 1).  A step recorded twice,
 * before and after its events (an 'at 50 alpha' line), is judged at its
 * last point by a claim at that step, and at both by a span.  A claim at
 * a step the run never reaches (it diverged before) is false.  RS_OK, or RS_ENOMEM /
 * RS_EINVAL (a claim that does not fit the run's network) with err. */
int rs_expect_check (const rs_sim_params *p, const rs_expect *e, size_t n,
                     rs_expect_verdict *v, rs_error *err);

#ifdef __cplusplus
}
#endif

#endif /* RS_EXPECT_H */
