/* scene_print_private.h: what the files that print a scene share (and
 * scene_equal.c, the same bits of two doubles).
 *
 * The text being written and its writers (scene_print.c), and the tables
 * of the keywords that have a printer of their own: those of the run
 * (scene_print_run.c) and those of the figure (scene_print_figure.c).
 * The keywords whose line is a field's value are a table of fields in
 * scene_print.c. */
#ifndef RS_SCENE_PRINT_PRIVATE_H
#define RS_SCENE_PRINT_PRIVATE_H

#include <string.h>

#include "reluscape/rs_scene.h"

/* The text being written: snprintf's contract over many calls (len
 * counts every byte, those past the buffer too). */
typedef struct {
  char *buf;
  size_t n;
  size_t len;
} scene_out;

/* Append fmt's text to o, as snprintf would. */
void scene_put (scene_out *o, const char *fmt, ...)
  __attribute__ ((format (printf, 2, 3)));

/* before, then x in the fewest significant digits that strtod reads back
 * as x (the language's numbers are strtod's); a whole number below 1e15
 * in plain digits (300, not 3e+02), as sizes must be written. */
void scene_put_num (scene_out *o, const char *before, double x);

/* before, then str quoted, with \" and \\ escaped. */
void scene_put_string (scene_out *o, const char *before, const char *str);

/* Whether two doubles are the same bits: -0 is not 0 (it prints as -0
 * and reads back as -0). */
static inline int
scene_same (double a, double b)
{
  return memcmp (&a, &b, sizeof a) == 0;
}

/* A keyword's printer: its line (or lines) when sc differs there from
 * the default scene d. */
typedef void (*scene_printer_fn) (scene_out *o, const rs_scene *sc,
                                  const rs_scene *d);

/* A keyword and its printer. */
typedef struct {
  const char *name;
  scene_printer_fn fn;
} scene_printer;

/* The printers of the run's keywords and of the figure's, each table
 * ending with { NULL, NULL }. */
extern const scene_printer scene_run_printers[];
extern const scene_printer scene_figure_printers[];

#endif /* RS_SCENE_PRINT_PRIVATE_H */
