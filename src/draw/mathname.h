/* mathname.h: the names lib/ gives parameters and quantities, typeset as
 * pango markup for every place a name is shown (axis titles, legends,
 * notes).  lib/ keeps its plain names ("W1[0][2]", "b2[0]", "gamma"):
 * they are what scenes, CSV files and the command line speak. */
#ifndef RS_MATHNAME_H
#define RS_MATHNAME_H

#include <stddef.h>

/* The markup of plain into buf (n bytes, truncated at a character's
 * boundary when short; always terminated when n > 0), and buf:
 *   "W1[0][2]" -> "<i>W</i><sub>1</sub>[0][2]"   a weight of layer 1
 *   "b2[0]"    -> "<i>b</i><sub>2</sub>[0]"      a bias
 *   "a1[3]"    -> "<i>a</i><sub>1</sub>[3]"      a PReLU slope
 *   "gamma" -> "γ", "alpha" -> "α", "rate" -> "η", "grad" -> "∇L"
 * and anything else as text, its &, < and > escaped, so that a name
 * from a user's file is shown as written. */
char *rs_math_name (const char *plain, char *buf, size_t n);

#endif /* RS_MATHNAME_H */
