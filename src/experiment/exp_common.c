/* exp_common.c: what the experiments share: their messages, the
 * parsing of option values, CSV pieces and a readable table. */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "experiment/experiment.h"
#include "export/table.h"

/* ---------------------------------------------------------------------
 * Messages and values
 * ------------------------------------------------------------------- */

/* "experiment NAME: bad OPT 'VAL' (expected WANT)" and a hint; CLI_USAGE. */
int
exp_bad_value (const exp_args *a, const char *opt, const char *val,
               const char *want)
{
  cli_message ("experiment %s: bad %s '%s' (expected %s)", a->x->name, opt,
               val, want);
  fprintf (stderr, "Try 'reluscape experiment %s --help'.\n", a->x->name);
  return CLI_USAGE;
}

/* "unknown WHAT 'word'", with a suggestion when one is near, or else
 * every name; CLI_USAGE. */
int
exp_unknown_name (const exp_args *a, const char *what, const char *word,
                  const char *const *names, size_t n)
{
  const char *near = rs_nearest (word, names, n);
  char list[512];
  size_t k = 0;

  for (size_t i = 0; i < n && k < sizeof list; i++)
    k += (size_t) snprintf (list + k, sizeof list - k, "%s%s",
                            i == 0 ? "" : i + 1 < n ? ", " : " or ",
                            names[i]);
  if (near != NULL)
    cli_message ("experiment %s: unknown %s '%s' (did you mean '%s'?)",
                 a->x->name, what, word, near);
  else
    cli_message ("experiment %s: unknown %s '%s': use %s", a->x->name, what,
                 word, list);
  fprintf (stderr, "Try 'reluscape experiment %s --help'.\n", a->x->name);
  return CLI_USAGE;
}

/* A finite number ending at the first of stops (or the string's end);
 * *rest points after it.  0 on success. */
static int
parse_real_to (const char *s, const char *stops, double *v,
               const char **rest)
{
  char *end;

  errno = 0;
  *v = strtod (s, &end);
  if (end == s || errno != 0 || !isfinite (*v)
      || (*end != '\0' && strchr (stops, *end) == NULL))
    return -1;
  *rest = end;
  return 0;
}

/* A finite number and nothing else; 0 on success. */
int
exp_parse_real (const char *s, double *v)
{
  const char *rest;

  return parse_real_to (s, "", v, &rest) == 0 && *rest == '\0' ? 0 : -1;
}

/* "N1,N2,...": 1 to max whole numbers of at least 1 into v, their count
 * into *n; 0 on success. */
int
exp_parse_counts (const char *s, size_t *v, size_t max, size_t *n)
{
  char buf[32];

  for (*n = 0; *s != '\0'; (*n)++)
    {
      size_t k = strcspn (s, ",");

      if (*n == max || k == 0 || k >= sizeof buf)
        return -1;
      memcpy (buf, s, k);
      buf[k] = '\0';
      if (cli_parse_count (buf, 1, 1000000, &v[*n]) != 0)
        return -1;
      s += k;
      if (*s == ',' && *++s == '\0')
        return -1;
    }
  return *n > 0 ? 0 : -1;
}

/* "V1,V2,...": 1 to RS_PROBE_MAX_VALUES finite numbers; 0 on success. */
int
exp_parse_values (const char *s, double *v, size_t *n)
{
  const char *rest = s;

  *n = 0;
  do
    {
      if (*n == RS_PROBE_MAX_VALUES
          || parse_real_to (*n == 0 ? rest : rest + 1, ",", &v[*n], &rest)
             != 0)
        return -1;
      (*n)++;
    }
  while (*rest == ',');
  return 0;
}

/* The names of the activation families, for suggestions. */
static size_t
act_names (const char **names, size_t cap)
{
  size_t n = 0;

  while (n < cap && rs_act_types[n] != NULL)
    {
      names[n] = rs_act_types[n]->name;
      n++;
    }
  return n;
}

/* One "NAME" or "NAME:PARAM" of length len at s into *c; CLI_OK or
 * CLI_USAGE with a message. */
static int
parse_act (const exp_args *a, const char *s, size_t len, act_choice *c)
{
  char item[128], *colon;
  const char *names[32], *rest;

  if (len == 0 || len >= sizeof item)
    return exp_bad_value (a, "--act", s, "NAME or NAME:PARAM");
  memcpy (item, s, len);
  item[len] = '\0';
  colon = strchr (item, ':');
  if (colon != NULL)
    *colon = '\0';
  c->type = rs_act_lookup (item);
  if (c->type == NULL)
    return exp_unknown_name (a, "activation", item, names,
                             act_names (names, 32));
  c->param = NAN;
  if (colon == NULL)
    return CLI_OK;
  *colon = ':';
  if (parse_real_to (colon + 1, "", &c->param, &rest) != 0 || *rest != '\0')
    return exp_bad_value (a, "--act", item, "NAME:PARAM with a number PARAM");
  return CLI_OK;
}

void
exp_set_acts (exp_args *a, const rs_act_type *const *const *acts, size_t n)
{
  a->n_acts = n;
  for (size_t i = 0; i < n; i++)
    a->acts[i] = (act_choice) { *acts[i], NAN };
}

/* "NAME[:P],NAME[:P],..." into a->acts; CLI_OK or CLI_USAGE. */
int
exp_parse_acts (exp_args *a, const char *s, size_t max)
{
  const char *p = s;
  int rc;

  a->n_acts = 0;
  for (;;)
    {
      const char *comma = strchr (p, ',');
      size_t len = comma != NULL ? (size_t) (comma - p) : strlen (p);

      if (a->n_acts == max)
        return exp_bad_value (a, "--act", s, max == 1 ? "one activation"
                              : "at most 16 activations");
      if ((rc = parse_act (a, p, len, &a->acts[a->n_acts])) != CLI_OK)
        return rc;
      a->n_acts++;
      if (comma == NULL)
        return CLI_OK;
      p = comma + 1;
    }
}

/* "NAME" or "constant:C" into *t and *c; CLI_OK or CLI_USAGE. */
int
exp_parse_init (const exp_args *a, const char *s, const rs_init_type **t,
                double *c)
{
  const char *names[16], *colon = strchr (s, ':');
  char name[64];
  size_t n = 0, nl = colon != NULL ? (size_t) (colon - s) : strlen (s);

  if (nl == 0 || nl >= sizeof name)
    return exp_bad_value (a, "--init", s, "a scheme's name");
  memcpy (name, s, nl);
  name[nl] = '\0';
  *t = rs_init_lookup (name);
  if (*t == NULL)
    {
      while (n < 16 && rs_init_types[n] != NULL)
        {
          names[n] = rs_init_types[n]->name;
          n++;
        }
      return exp_unknown_name (a, "initialiser", name, names, n);
    }
  *c = 0.0;
  if (colon != NULL && (*t != rs_init_constant || exp_parse_real (colon + 1, c)
                                                  != 0))
    return exp_bad_value (a, "--init", s, "NAME, or constant:C with a "
                          "number C");
  return CLI_OK;
}

/* The family's parameter as used: p, or its default when p is NAN. */
double
exp_act_param (const act_choice *c)
{
  return isnan (c->param) ? c->type->param_default : c->param;
}

/* "relu" or "leaky_relu (alpha 0.01)" into buf. */
const char *
exp_act_label (const act_choice *c, char *buf, size_t n)
{
  if (c->type->param_name == NULL)
    snprintf (buf, n, "%s", c->type->name);
  else
    snprintf (buf, n, "%s (%s %g)", c->type->name, c->type->param_name,
              exp_act_param (c));
  return buf;
}

/* x as rs_table_number writes it (exactly), then sep. */
void
exp_put_num (FILE *f, double x, const char *sep)
{
  char buf[40];

  fputs (rs_table_number (x, buf, sizeof buf), f);
  fputs (sep, f);
}

/* The CSV columns act,param: the parameter empty for families without. */
void
exp_put_act (FILE *f, const act_choice *c)
{
  fprintf (f, "%s,", c->type->name);
  if (c->type->param_name != NULL)
    exp_put_num (f, exp_act_param (c), "");
  fputc (',', f);
}

/* '# act: NAME[:P],...' as given. */
void
exp_put_act_list (FILE *f, const exp_args *a)
{
  fputs ("# act: ", f);
  for (size_t i = 0; i < a->n_acts; i++)
    {
      fprintf (f, "%s%s", i > 0 ? "," : "", a->acts[i].type->name);
      if (!isnan (a->acts[i].param))
        {
          fputc (':', f);
          exp_put_num (f, a->acts[i].param, "");
        }
    }
  fputc ('\n', f);
}

/* '# init: NAME' or '# init: constant:C'. */
void
exp_put_init (FILE *f, const rs_init_type *t, double c)
{
  fprintf (f, "# init: %s", t->name);
  if (t == rs_init_constant)
    {
      fputc (':', f);
      exp_put_num (f, c, "");
    }
  fputc ('\n', f);
}

/* A number for the readable table: digits significant digits, "-" for
 * NAN. */
const char *
exp_num (char *buf, size_t n, double x, int digits)
{
  if (isnan (x))
    snprintf (buf, n, "-");
  else
    snprintf (buf, n, "%.*g", digits, x);
  return buf;
}

/* Text for the reader, wrapped at 76 columns at blanks; its own newlines
 * are kept. */
void
exp_say (FILE *f, const char *fmt, ...)
{
  char buf[8192];
  const char *p = buf;
  va_list ap;

  va_start (ap, fmt);
  vsnprintf (buf, sizeof buf, fmt, ap);
  va_end (ap);
  while (*p != '\0')
    {
      size_t n = strcspn (p, "\n"), cut = n;

      if (n > 76)
        for (cut = 76; cut > 0 && p[cut] != ' '; cut--)
          continue;
      if (cut == 0)   /* a word longer than a line: break after it */
        for (cut = 76; cut < n && p[cut] != ' '; cut++)
          continue;
      fprintf (f, "%.*s\n", (int) cut, p);
      p += cut;
      if (*p == ' ' || *p == '\n')
        p++;
    }
}

/* ---------------------------------------------------------------------
 * A readable table: cells collected row by row, printed with each column
 * as wide as its widest cell, right-aligned but for a first column of
 * names.
 * ------------------------------------------------------------------- */
/* A new empty table, or NULL when out of memory. */
text_table *
exp_tab_alloc (int names)
{
  text_table *t = calloc (1, sizeof (text_table));

  if (t != NULL)
    t->names = names;
  return t;
}

/* Add a cell to the current row (cells beyond the limits are dropped:
 * no experiment has that many). */
void
exp_tab_cell (text_table *t, const char *fmt, ...)
{
  va_list ap;

  if (t->rows == TAB_ROWS || t->col == TAB_COLS)
    return;
  va_start (ap, fmt);
  vsnprintf (t->cell[t->rows][t->col], TAB_CELL, fmt, ap);
  va_end (ap);
  t->col++;
  if (t->col > t->cols)
    t->cols = t->col;
}

/* End the current row. */
void
exp_tab_row (text_table *t)
{
  if (t->rows < TAB_ROWS)
    t->rows++;
  t->col = 0;
}

/* Print the table, indented by two spaces, and empty it. */
void
exp_tab_print (FILE *f, text_table *t)
{
  size_t w[TAB_COLS] = { 0 };
  int names = t->names;

  for (size_t i = 0; i < t->rows; i++)
    for (size_t j = 0; j < t->cols; j++)
      if (strlen (t->cell[i][j]) > w[j])
        w[j] = strlen (t->cell[i][j]);
  for (size_t i = 0; i < t->rows; i++)
    {
      fprintf (f, names ? "  %-*s" : "  %*s", (int) w[0], t->cell[i][0]);
      for (size_t j = 1; j < t->cols; j++)
        fprintf (f, "  %*s", (int) w[j], t->cell[i][j]);
      fputc ('\n', f);
    }
  memset (t, 0, sizeof *t);
  t->names = names;
}

/* "[lo, hi]" with digits significant digits, or more where the ends
 * would print the same (the Wilson interval of p = 1 ends just below 1);
 * "-" when unknown. */
const char *
exp_interval (char *buf, size_t n, double lo, double hi, int digits)
{
  char a[28], b[28];

  if (isnan (lo) || isnan (hi))
    {
      snprintf (buf, n, "-");
      return buf;
    }
  do
    {
      exp_num (a, sizeof a, lo, digits);
      exp_num (b, sizeof b, hi, digits);
    }
  while (lo != hi && strcmp (a, b) == 0 && ++digits <= 17);
  snprintf (buf, n, "[%s, %s]", a, b);
  return buf;
}

/* ---------------------------------------------------------------------
 * The trials, the checks shared by experiments with an --act list
 * ------------------------------------------------------------------- */

size_t
exp_parts_acts (const exp_args *a)
{
  return a->n_acts;
}

size_t
exp_parts_one (const exp_args *a)
{
  (void) a;
  return 1;
}

/* Prefix err's message with the activation it is about (the run's
 * messages name the trial, not the family). */
int
exp_about_act (const act_choice *c, rs_error *err)
{
  char msg[sizeof err->message + 64];

  snprintf (msg, sizeof msg, "%s: %s", c->type->name, err->message);
  memcpy (err->message, msg, sizeof err->message - 1);
  err->message[sizeof err->message - 1] = '\0';
  return err->code;
}

/* --trials N and --seed N, shared by depth, zero-grad and born-dead. */
int
exp_trials_seed (int c, const char *arg, exp_args *a, size_t *trials,
                 unsigned long *seed)
{
  if (c == OPT_TRIALS)
    return cli_parse_count (arg, 1, 1000000000, trials) == 0 ? CLI_OK
      : exp_bad_value (a, "--trials", arg, "a whole number from 1 to "
                       "1000000000");
  return cli_parse_seed (arg, seed) == 0 ? CLI_OK
    : exp_bad_value (a, "--seed", arg, "a whole number");
}

/* A count option whose range _check enforces; CLI_OK or CLI_USAGE. */
int
exp_count_option (const exp_args *a, const char *opt, const char *arg,
                  size_t *v)
{
  return cli_parse_count (arg, 0, (size_t) -1, v) == 0 ? CLI_OK
    : exp_bad_value (a, opt, arg, "a whole number");
}

/* A number option whose range _check enforces; CLI_OK or CLI_USAGE. */
int
exp_real_option (const exp_args *a, const char *opt, const char *arg,
                 double *v)
{
  return exp_parse_real (arg, v) == 0 ? CLI_OK
    : exp_bad_value (a, opt, arg, "a finite number");
}

