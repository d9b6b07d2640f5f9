/* data_private.h: helpers of the data's messages shared by data.c,
 * data_gen.c and data_csv.c. */
#ifndef RS_DATA_PRIVATE_H
#define RS_DATA_PRIVATE_H

#include <stddef.h>

/* "s" after a count other than one, for messages. */
const char *data_plural (size_t n);

/* v in the fewest significant digits that read back as v, written into
 * buf of n bytes and returned, so that a message shows 2.5 as "2.5" and
 * 1 + 1e-12 as "1.000000000001". */
const char *data_format_number (double v, char *buf, size_t n);

#endif /* RS_DATA_PRIVATE_H */
