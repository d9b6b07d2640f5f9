/* table.h: the numbers of a finished run, as CSV or JSON (reluscape
 * simulate).  One row (CSV) or object (JSON) per recorded point: the step,
 * the loss, the gradient norm, every parameter by its name, on how many
 * data points each hidden unit is active, the rate, bias warming's gamma,
 * the temperature and the events; then a summary of the run.  doc/
 * reluscape.1 describes both formats. */
#ifndef RS_TABLE_H
#define RS_TABLE_H

#include <stdio.h>
#include <reluscape/reluscape.h>

#include "draw/variants.h"

typedef enum {
  RS_TABLE_NONE = 0,
  RS_TABLE_CSV,
  RS_TABLE_JSON
} rs_table_format;

/* The format named by path's extension, .csv or .json (case-insensitive),
 * or RS_TABLE_NONE. */
rs_table_format rs_table_format_of (const char *path);

/* The extension of path ("" when it has none), for messages. */
const char *rs_table_suffix (const char *path);

/* Write the recorded points of the finished run s, every every-th one
 * (every >= 1) and the last, then its summary, to f in format fmt; scene
 * names the scene in the output.  Returns 0, or an errno value: that of
 * the first write that failed, or ENOMEM.  f is neither flushed nor
 * closed. */
/* x exactly, into buf of n (>= 32) bytes: the shortest of %.15g, %.16g
 * and %.17g that reads back as the same double (%.17g always does), so
 * that 0.3 prints as 0.3; nan, inf and -inf otherwise.  Returns buf. */
char *rs_table_number (double x, char *buf, size_t n);

int rs_table_write (FILE *f, rs_table_format fmt, const rs_sim *s,
                    const char *scene, size_t every);

/* The tables of the runs of a scene's variants: CSV, one header with a
 * first column 'variant' (each row's variant, by name, quoted as RFC
 * 4180 says when it must be), the rows of each run in turn, then each
 * run's summary ('#' lines, with "# variant: NAME" after its scene);
 * JSON, an array of the runs' objects, each with its "variant".  0, or
 * an errno value as rs_table_write; EDOM (nothing written) for CSV when
 * the variants' networks differ, so that their columns would. */
int rs_table_write_runs (FILE *f, rs_table_format fmt, const rs_runs *r,
                         const char *scene, size_t every);

#endif /* RS_TABLE_H */
