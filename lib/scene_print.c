/* scene_print.c: a scene back to text.
 *
 * The text is the canonical form of the scene: a line for each keyword
 * that differs from the default, in the order of the keyword table, so
 * that text -> scene -> text is a fixed point and scene -> text -> scene
 * gives the scene back (a property of the language, tested over every
 * keyword).  This file holds the writers of the text, the table of the
 * keywords whose line is one field's value (a new such keyword is one
 * entry there), and the walk over the keyword table.  The keywords with
 * a printer of their own are in scene_print_run.c and
 * scene_print_figure.c; when two scenes are the same, in scene_equal.c. */
#include <config.h>

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reluscape/rs_scene.h"
#include "scene_print_private.h"

void
scene_put (scene_out *o, const char *fmt, ...)
{
  char *dst = o->len < o->n ? o->buf + o->len : NULL;
  size_t room = o->len < o->n ? o->n - o->len : 0;
  va_list ap;
  int k;

  va_start (ap, fmt);
  k = vsnprintf (dst, room, fmt, ap);
  va_end (ap);
  if (k > 0)
    o->len += (size_t) k;
}

void
scene_put_num (scene_out *o, const char *before, double x)
{
  char buf[40];

  if (x == floor (x) && fabs (x) < 1e15 && !(x == 0.0 && signbit (x)))
    {
      scene_put (o, "%s%.0f", before, x);
      return;
    }
  for (int digits = 1; digits <= 17; digits++)
    {
      snprintf (buf, sizeof buf, "%.*g", digits, x);
      if (scene_same (strtod (buf, NULL), x))
        break;
    }
  scene_put (o, "%s%s", before, buf);
}

void
scene_put_string (scene_out *o, const char *before, const char *str)
{
  scene_put (o, "%s\"", before);
  for (const char *s = str; *s != '\0'; s++)
    scene_put (o, *s == '"' || *s == '\\' ? "\\%c" : "%c", *s);
  scene_put (o, "\"");
}

/* ---- The keywords whose line is a field's value ---- */

typedef struct scene_field scene_field;

/* How a kind of field writes its line: the line's words, then the value
 * (two for a pair), when it differs from the default scene d's. */
typedef void (*field_put) (scene_out *o, const scene_field *f,
                           const rs_scene *sc, const rs_scene *d);

/* A keyword whose line is the value of one field of the scene (two for a
 * pair): the keyword, the words its line starts with, how the value is
 * written, where it is in an rs_scene (at, and at2 for a pair's second)
 * and marks: for a flag, the words for 0 and for 1; for a pair, what
 * comes before the first value, before the second and after it. */
struct scene_field {
  const char *name;
  const char *text;
  field_put put;
  size_t at;
  size_t at2;
  const char *marks[3];
};

/* The field at offset at of sc. */
static const void *
value_at (const rs_scene *sc, size_t at)
{
  return (const char *) sc + at;
}

/* The double at offset at of sc. */
static double
num_at (const rs_scene *sc, size_t at)
{
  return *(const double *) value_at (sc, at);
}

/* A double: "rate 0.05". */
static void
put_double (scene_out *o, const scene_field *f, const rs_scene *sc,
            const rs_scene *d)
{
  if (scene_same (num_at (sc, f->at), num_at (d, f->at)))
    return;
  scene_put (o, "%s", f->text);
  scene_put_num (o, " ", num_at (sc, f->at));
  scene_put (o, "\n");
}

/* Two doubles, both written when either differs, each after its mark
 * and the last mark at the end: "start 0.5 -1", "w-range [-4.5, 2.25]". */
static void
put_pair (scene_out *o, const scene_field *f, const rs_scene *sc,
          const rs_scene *d)
{
  if (scene_same (num_at (sc, f->at), num_at (d, f->at))
      && scene_same (num_at (sc, f->at2), num_at (d, f->at2)))
    return;
  scene_put (o, "%s", f->text);
  scene_put_num (o, f->marks[0], num_at (sc, f->at));
  scene_put_num (o, f->marks[1], num_at (sc, f->at2));
  scene_put (o, "%s\n", f->marks[2]);
}

/* A count: "steps 300". */
static void
put_count (scene_out *o, const scene_field *f, const rs_scene *sc,
           const rs_scene *d)
{
  size_t v = *(const size_t *) value_at (sc, f->at);

  if (v != *(const size_t *) value_at (d, f->at))
    scene_put (o, "%s %zu\n", f->text, v);
}

/* A seed: "seed 7". */
static void
put_seed (scene_out *o, const scene_field *f, const rs_scene *sc,
          const rs_scene *d)
{
  unsigned long v = *(const unsigned long *) value_at (sc, f->at);

  if (v != *(const unsigned long *) value_at (d, f->at))
    scene_put (o, "%s %lu\n", f->text, v);
}

/* A flag as one of two words: "theme dark". */
static void
put_flag (scene_out *o, const scene_field *f, const rs_scene *sc,
          const rs_scene *d)
{
  int v = *(const int *) value_at (sc, f->at);

  if (v != *(const int *) value_at (d, f->at))
    scene_put (o, "%s %s\n", f->text, f->marks[v != 0]);
}

/* Where member is in an rs_scene, after a check at compile time that it
 * is a type (the difference of pointers to other types does not
 * compile). */
#define FIELD_AT(member, type)                                          \
  (offsetof (rs_scene, member)                                          \
   + 0 * sizeof (&((rs_scene *) 0)->member - (type *) 0))

/* One entry of each kind: the keyword (its line's words, when they are
 * not the keyword alone) and the field, or the fields, it writes. */
#define NUM(kw, m) { kw, kw, put_double, FIELD_AT (m, double), 0, { 0 } }
#define PAIR(kw, m, m2)                                                 \
  { kw, kw, put_pair, FIELD_AT (m, double), FIELD_AT (m2, double),      \
    { " ", " ", "" } }
#define RANGE(kw, m)                                                    \
  { kw, kw, put_pair, FIELD_AT (m.lo, double), FIELD_AT (m.hi, double), \
    { " [", ", ", "]" } }
#define COUNT(kw, text, m)                                              \
  { kw, text, put_count, FIELD_AT (m, size_t), 0, { 0 } }
#define SEED(kw, m)                                                     \
  { kw, kw, put_seed, FIELD_AT (m, unsigned long), 0, { 0 } }
#define FLAG(kw, m, off, on)                                            \
  { kw, kw, put_flag, FIELD_AT (m, int), 0, { off, on } }

/* The keywords whose line is a field's value: a new one is one entry
 * here (the order of the lines is the keyword table's). */
static const scene_field fields[] = {
  SEED ("seed", sim.seed),
  COUNT ("points", "points", sim.n_points),
  NUM ("noise", sim.noise),
  NUM ("alpha", sim.alpha),
  NUM ("kink", sim.kink),
  NUM ("bias", sim.bias0),
  PAIR ("start", sim.w0, sim.b0),
  NUM ("rate", sim.rate),
  COUNT ("warmup", "warmup", sim.sched.warmup),
  COUNT ("batch", "batch", sim.batch),
  NUM ("clip", sim.clip),
  COUNT ("steps", "steps", sim.steps),
  NUM ("tolerance", sim.tol),
  COUNT ("record", "record every", sim.record_every),
  RANGE ("w-range", w_range),
  RANGE ("b-range", b_range),
  NUM ("kick-sigma", sim.kick_sigma),
  NUM ("speed", speed),
  FLAG ("theme", style.dark, "light", "dark"),
  FLAG ("colorscale", style.linear, "log", "linear"),
  PAIR ("camera", style.azimuth, style.elevation),
};

/* ---- The walk over the keyword table ---- */

/* The field keyword name is, or NULL. */
static const scene_field *
field_of (const char *name)
{
  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
    if (strcmp (fields[i].name, name) == 0)
      return &fields[i];
  return NULL;
}

/* Keyword name's own printer, from the run's table or the figure's, or
 * NULL. */
static scene_printer_fn
printer_of (const char *name)
{
  static const scene_printer *const tables[] = {
    scene_run_printers, scene_figure_printers
  };

  for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
    for (const scene_printer *p = tables[t]; p->name != NULL; p++)
      if (strcmp (p->name, name) == 0)
        return p->fn;
  return NULL;
}

/* Keyword name's line (or lines) where sc differs from the default d; a
 * keyword without a printer prints nothing and fails the round-trip
 * test. */
static void
print_keyword (scene_out *o, const char *name, const rs_scene *sc,
               const rs_scene *d)
{
  const scene_field *f = field_of (name);
  scene_printer_fn fn;

  if (f != NULL)
    f->put (o, f, sc, d);
  else if ((fn = printer_of (name)) != NULL)
    fn (o, sc, d);
}

size_t
rs_scene_format (const rs_scene *sc, char *buf, size_t n)
{
  scene_out o = { buf, n, 0 };
  const rs_scene_keyword *k;
  rs_scene d;

  if (n > 0)
    buf[0] = '\0';
  rs_scene_default (&d);
  for (size_t i = 0; (k = rs_scene_keyword_get (i)) != NULL; i++)
    print_keyword (&o, k->name, sc, &d);
  return o.len;
}
