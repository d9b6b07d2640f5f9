/* table.c: the numbers of a finished run, as CSV or JSON.
 *
 * Every double is printed so that it reads back as the very same double,
 * so a table is exact, and the same run gives the same bytes.
 * The activity of the hidden units (C4) is not recorded by the run; it is
 * recomputed from each recorded point's network (rs_sim_net_at) over all
 * the data. */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "export/table.h"

#define MAX_COUNTED (RS_NET_MAX_LAYERS * RS_NET_MAX_UNITS)

/* The writer's state: the output with a sticky error (the first failed
 * write is kept and later writes are skipped, in cairo's manner), the run,
 * and the network on which its points are replayed. */
typedef struct {
  FILE *f;
  int err;                  /* errno of the first failed write, or 0 */
  rs_table_format fmt;
  const rs_sim *s;
  rs_net *net;              /* a clone of the run's network */
  rs_net_workspace *w;      /* all the data */
  size_t first;             /* the layers whose units are counted */
  size_t last;
  const char *variant;      /* a table of variants: this run's name in
                               its first column; else NULL */
} table;

rs_table_format
rs_table_format_of (const char *path)
{
  const char *suffix = rs_table_suffix (path);

  if (strcasecmp (suffix, ".csv") == 0)
    return RS_TABLE_CSV;
  if (strcasecmp (suffix, ".json") == 0)
    return RS_TABLE_JSON;
  return RS_TABLE_NONE;
}

const char *
rs_table_suffix (const char *path)
{
  const char *dot = strrchr (path, '.');
  const char *slash = strrchr (path, '/');

  if (dot == NULL || (slash != NULL && dot < slash))
    return "";
  return dot;
}

static void put (table *t, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));

/* printf to the output, unless a write has failed already. */
static void
put (table *t, const char *fmt, ...)
{
  va_list ap;

  if (t->err != 0)
    return;
  errno = 0;
  va_start (ap, fmt);
  if (vfprintf (t->f, fmt, ap) < 0)
    t->err = errno != 0 ? errno : EIO;
  va_end (ap);
}

char *
rs_table_number (double x, char *buf, size_t n)
{
  if (!isfinite (x))
    {
      snprintf (buf, n, "%s", isnan (x) ? "nan" : x > 0 ? "inf" : "-inf");
      return buf;
    }
  for (int digits = 15; digits <= 17; digits++)
    {
      snprintf (buf, n, "%.*g", digits, x);
      if (strtod (buf, NULL) == x)
        break;
    }
  return buf;
}

/* x exactly (rs_table_number), or JSON's null where JSON has no such
 * number. */
static void
put_num (table *t, double x)
{
  char buf[40];

  if (!isfinite (x) && t->fmt == RS_TABLE_JSON)
    put (t, "null");
  else
    put (t, "%s", rs_table_number (x, buf, sizeof buf));
}

/* s as a JSON string: quotes, backslashes and control characters
 * escaped (RFC 8259, section 7); a byte that is not UTF-8 (a file name
 * can hold any) becomes U+FFFD, so that the text is always valid JSON
 * (section 8.1: UTF-8). */
static void
put_json_string (table *t, const char *s)
{
  size_t n = strlen (s), k;

  put (t, "\"");
  for (; n > 0; s += k, n -= k)
    {
      unsigned char c = (unsigned char) *s;

      k = rs_utf8_length (s, n);
      if (k == 0)
        {
          put (t, "\\ufffd");
          k = 1;
        }
      else if (c == '"' || c == '\\')
        put (t, "\\%c", c);
      else if (c < 0x20)
        put (t, "\\u%04x", c);
      else
        put (t, "%.*s", (int) k, s);
    }
  put (t, "\"");
}

/* s as the first field of a CSV row and its comma, quoted as RFC 4180
 * says when it holds a comma, a quote or a line break. */
static void
put_csv_field (table *t, const char *s)
{
  if (strpbrk (s, ",\"\r\n") == NULL)
    {
      put (t, "%s,", s);
      return;
    }
  put (t, "\"");
  for (; *s != '\0'; s++)
    put (t, *s == '"' ? "\"\"" : "%c", *s);
  put (t, "\",");
}

/* s on one comment line: control characters (a newline in a file name)
 * become '?'. */
static void
put_line_text (table *t, const char *s)
{
  for (; *s != '\0'; s++)
    put (t, "%c", (unsigned char) *s < 0x20 ? '?' : *s);
}

/* The layers whose units get an activity column: the hidden layers of a
 * network, or the single neuron's one unit. */
static void
counted_layers (table *t)
{
  t->first = 1;
  t->last = rs_sim_is_neuron (t->s) ? 1 : rs_net_layers (t->net) - 1;
}

/* On how many data points each counted unit is active (z > 0) at recorded
 * point i, for the network the run trained at that step: with bias
 * warming's shift gamma on the hidden biases (C10), as the run counts its
 * own dead units.  0, or an errno value. */
static int
count_alive (table *t, size_t i, size_t *alive)
{
  const rs_data *d = rs_sim_data (t->s);
  size_t k = 0;

  if (rs_sim_net_at (t->s, i, t->net, 1) != RS_OK
      || rs_net_forward (t->net, d->x, d->n, t->w) != RS_OK)
    return EINVAL;
  for (size_t l = t->first; l <= t->last; l++)
    {
      rs_net_activity (t->net, t->w, l, alive + k, NULL);
      k += rs_net_units (t->net, l);
    }
  return 0;
}

/* How many units are counted. */
static size_t
n_counted (const table *t)
{
  size_t n = 0;

  for (size_t l = t->first; l <= t->last; l++)
    n += rs_net_units (t->net, l);
  return n;
}

/* CSV: the header row. */
static void
csv_header (table *t)
{
  char name[64];

  put (t, "%sstep,loss,gnorm", t->variant != NULL ? "variant," : "");
  for (size_t i = 0; i < rs_net_nparams (t->net); i++)
    put (t, ",%s", rs_net_param_name (t->net, i, name, sizeof name));
  for (size_t l = t->first; l <= t->last; l++)
    for (size_t j = 0; j < rs_net_units (t->net, l); j++)
      put (t, ",alive%zu[%zu]", l, j);
  put (t, ",rate,gamma,temperature,events\n");
}

/* CSV: the row of recorded point i. */
static void
csv_row (table *t, size_t i, const rs_sim_point *pt, const size_t *alive)
{
  const double *theta = rs_sim_theta (t->s, i);
  char ev[128];

  if (t->variant != NULL)
    put_csv_field (t, t->variant);
  put (t, "%zu,", pt->step);
  put_num (t, pt->loss);
  put (t, ",");
  put_num (t, pt->gnorm);
  for (size_t k = 0; k < rs_net_nparams (t->net); k++)
    {
      put (t, ",");
      put_num (t, theta[k]);
    }
  for (size_t k = 0; k < n_counted (t); k++)
    put (t, ",%zu", alive[k]);
  put (t, ",");
  put_num (t, pt->rate);
  put (t, ",");
  put_num (t, pt->gamma);
  put (t, ",");
  put_num (t, pt->temperature);
  put (t, ",%s\n", rs_sim_event_names (pt->events, ev, sizeof ev));
}

/* CSV: the summary, as comment lines "# key: value" after the rows. */
static void
csv_summary (table *t, const char *scene)
{
  rs_sim_unit dead[MAX_COUNTED];
  size_t nd = rs_sim_dead_units (t->s, dead, MAX_COUNTED), step;
  char param[64];

  put (t, "# scene: ");
  put_line_text (t, scene);
  if (t->variant != NULL)
    {
      put (t, "\n# variant: ");
      put_line_text (t, t->variant);
    }
  put (t, "\n# seed: %lu\n# steps: %zu\n# final_loss: ",
       rs_sim_get_params (t->s)->seed, rs_sim_step_count (t->s));
  put_num (t, rs_sim_current (t->s)->loss);
  put (t, "\n# outcome: %s\n# dead_units:",
       rs_sim_status_name (rs_sim_test (t->s)));
  for (size_t k = 0; k < nd && k < MAX_COUNTED; k++)
    put (t, " %zu:%zu", dead[k].layer, dead[k].unit);
  put (t, "\n");
  if (rs_sim_divergence (t->s, &step, param, sizeof param))
    put (t, "# diverged_at_step: %zu\n# diverged_parameter: %s\n", step,
         param);
}

/* JSON: the scene, the names of the parameters and the counted units, and
 * the opening of the points. */
static void
json_head (table *t, const char *scene)
{
  char name[64];

  put (t, "{\n  \"scene\": ");
  put_json_string (t, scene);
  if (t->variant != NULL)
    {
      put (t, ",\n  \"variant\": ");
      put_json_string (t, t->variant);
    }
  put (t, ",\n  \"seed\": %lu,\n  \"parameters\": [",
       rs_sim_get_params (t->s)->seed);
  for (size_t i = 0; i < rs_net_nparams (t->net); i++)
    {
      put (t, "%s", i > 0 ? ", " : "");
      put_json_string (t, rs_net_param_name (t->net, i, name, sizeof name));
    }
  put (t, "],\n  \"units\": [");
  for (size_t l = t->first; l <= t->last; l++)
    for (size_t j = 0; j < rs_net_units (t->net, l); j++)
      put (t, "%s{\"layer\": %zu, \"unit\": %zu}",
           l > t->first || j > 0 ? ", " : "", l, j);
  put (t, "],\n  \"points\": [");
}

/* JSON: the names of the events set in events, as an array of strings. */
static void
json_events (table *t, unsigned events)
{
  char ev[128];
  const char *p = rs_sim_event_names (events, ev, sizeof ev);

  put (t, "[");
  while (*p != '\0')
    {
      size_t len = strcspn (p, "+");

      put (t, "\"%.*s\"%s", (int) len, p, p[len] == '+' ? ", " : "");
      p += p[len] == '+' ? len + 1 : len;
    }
  put (t, "]");
}

/* JSON: recorded point i, one object on one line. */
static void
json_point (table *t, size_t i, const rs_sim_point *pt, const size_t *alive,
            int first)
{
  const double *theta = rs_sim_theta (t->s, i);

  put (t, "%s\n    {\"step\": %zu, \"loss\": ", first ? "" : ",", pt->step);
  put_num (t, pt->loss);
  put (t, ", \"gnorm\": ");
  put_num (t, pt->gnorm);
  put (t, ", \"theta\": [");
  for (size_t k = 0; k < rs_net_nparams (t->net); k++)
    {
      put (t, "%s", k > 0 ? ", " : "");
      put_num (t, theta[k]);
    }
  put (t, "], \"alive\": [");
  for (size_t k = 0; k < n_counted (t); k++)
    put (t, "%s%zu", k > 0 ? ", " : "", alive[k]);
  put (t, "], \"rate\": ");
  put_num (t, pt->rate);
  put (t, ", \"gamma\": ");
  put_num (t, pt->gamma);
  put (t, ", \"temperature\": ");
  put_num (t, pt->temperature);
  put (t, ", \"events\": ");
  json_events (t, pt->events);
  put (t, "}");
}

/* JSON: the end of the points and the summary. */
static void
json_summary (table *t)
{
  rs_sim_unit dead[MAX_COUNTED];
  size_t nd = rs_sim_dead_units (t->s, dead, MAX_COUNTED), step;
  char param[64];

  put (t, "\n  ],\n  \"summary\": {\"steps\": %zu, \"final_loss\": ",
       rs_sim_step_count (t->s));
  put_num (t, rs_sim_current (t->s)->loss);
  put (t, ", \"outcome\": \"%s\", \"dead_units\": [",
       rs_sim_status_name (rs_sim_test (t->s)));
  for (size_t k = 0; k < nd && k < MAX_COUNTED; k++)
    put (t, "%s{\"layer\": %zu, \"unit\": %zu}", k > 0 ? ", " : "",
         dead[k].layer, dead[k].unit);
  put (t, "], \"divergence\": ");
  if (rs_sim_divergence (t->s, &step, param, sizeof param))
    {
      put (t, "{\"step\": %zu, \"parameter\": ", step);
      put_json_string (t, param);
      put (t, "}");
    }
  else
    put (t, "null");
  put (t, "}\n}\n");
}

/* The rows or objects of the kept points: those at every every-th step,
 * those with events, and the last. */
static void
write_points (table *t, size_t every)
{
  size_t n = rs_sim_n_recorded (t->s), alive[MAX_COUNTED];
  int first = 1;

  for (size_t i = 0; i < n && t->err == 0; i++)
    {
      const rs_sim_point *pt = rs_sim_recorded (t->s, i);

      if (pt->step % every != 0 && pt->events == 0 && i + 1 != n)
        continue;
      t->err = count_alive (t, i, alive);
      if (t->fmt == RS_TABLE_CSV)
        csv_row (t, i, pt, alive);
      else
        json_point (t, i, pt, alive, first);
      first = 0;
    }
}

/* The parts of a table that write_run writes. */
enum { PART_HEAD = 1, PART_POINTS = 2, PART_SUMMARY = 4, PART_ALL = 7 };

/* The parts of one run's table (the runs of variants share a CSV header,
 * and their CSV summaries follow all their rows). */
static int
write_run (FILE *f, rs_table_format fmt, const rs_sim *s, const char *scene,
           size_t every, const char *variant, unsigned parts)
{
  const rs_data *d = rs_sim_data (s);
  table t = { f, 0, fmt, s, NULL, NULL, 1, 0, variant };

  t.net = rs_net_clone (rs_sim_net (s), NULL);
  if (t.net != NULL)
    t.w = rs_net_workspace_alloc (t.net, d->n, NULL);
  if (t.w == NULL)
    t.err = ENOMEM;
  else
    {
      counted_layers (&t);
      if ((parts & PART_HEAD) && fmt == RS_TABLE_CSV)
        csv_header (&t);
      else if (parts & PART_HEAD)
        json_head (&t, scene);
      if (parts & PART_POINTS)
        write_points (&t, every < 1 ? 1 : every);
      if ((parts & PART_SUMMARY) && fmt == RS_TABLE_CSV)
        csv_summary (&t, scene);
      else if (parts & PART_SUMMARY)
        json_summary (&t);
    }
  rs_net_workspace_free (t.w);
  rs_net_free (t.net);
  return t.err;
}

int
rs_table_write (FILE *f, rs_table_format fmt, const rs_sim *s,
                const char *scene, size_t every)
{
  return write_run (f, fmt, s, scene, every, NULL, PART_ALL);
}

/* Whether two runs have the same columns: the same parameters and the
 * same counted units. */
static int
same_columns (const rs_sim *a, const rs_sim *b)
{
  const rs_net_spec *p = rs_net_get_spec (rs_sim_net (a));
  const rs_net_spec *q = rs_net_get_spec (rs_sim_net (b));

  if (rs_sim_is_neuron (a) != rs_sim_is_neuron (b) || p->layers != q->layers)
    return 0;
  for (size_t l = 0; l <= p->layers; l++)
    if (p->sizes[l] != q->sizes[l])
      return 0;
  return 1;
}

int
rs_table_write_runs (FILE *f, rs_table_format fmt, const rs_runs *r,
                     const char *scene, size_t every)
{
  int err = 0;

  for (size_t k = 1; k < r->n; k++)
    if (fmt == RS_TABLE_CSV && !same_columns (r->sim[0], r->sim[k]))
      return EDOM;
  if (fmt == RS_TABLE_JSON)
    {
      /* an array of the runs' objects */
      err = fputs ("[\n", f) == EOF ? EIO : 0;
      for (size_t k = 0; k < r->n && err == 0; k++)
        if ((err = k > 0 && fputs (",\n", f) == EOF ? EIO : 0) == 0)
          err = write_run (f, fmt, r->sim[k], scene, every, r->name[k],
                           PART_ALL);
      return err == 0 && fputs ("]\n", f) == EOF ? EIO : err;
    }
  /* one header, every run's rows, then every run's summary */
  err = write_run (f, fmt, r->sim[0], scene, every, r->name[0], PART_HEAD);
  for (size_t k = 0; k < r->n && err == 0; k++)
    err = write_run (f, fmt, r->sim[k], scene, every, r->name[k],
                     PART_POINTS);
  for (size_t k = 0; k < r->n && err == 0; k++)
    err = write_run (f, fmt, r->sim[k], scene, every, r->name[k],
                     PART_SUMMARY);
  return err;
}
