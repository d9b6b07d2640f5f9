/* shard.h: runs split into shards that run anywhere and merge exactly.
 *
 * A sharded result is cut into units (an experiment's parts, a sweep's
 * values, a basin map's rows) whose CSV rows do not depend on the other
 * units.  Shard I of N computes a contiguous block of units and writes
 * the whole table's header, its own rows, the whole table's '#' lines
 * and a last line '# shard: I/N'.  `reluscape merge` puts the rows of
 * shards 1 ... N back in order between the header and the '#' lines,
 * which gives the unsharded table byte for byte. */
#ifndef RS_SHARD_H
#define RS_SHARD_H

#include <stddef.h>
#include <stdio.h>

/* "I/N" with 1 <= I <= N <= 100000 into *i, *n; 0 on success. */
int shard_parse (const char *s, size_t *i, size_t *n);

/* The units [*u0, *u1) of shard i of n (1-based) among units: blocks as
 * even as can be, in order. */
void shard_range (size_t units, size_t i, size_t n, size_t *u0,
                  size_t *u1);

/* Write to f the part of shard i of n from csv (len bytes: a header, the
 * rows of every unit, rows_per_unit each, then '#' lines): the header,
 * the rows of units [u0, u1), the '#' lines and '# shard: I/N'.  0, or -1
 * with *why when csv does not have units * rows_per_unit rows. */
int shard_write (FILE *f, const char *csv, size_t len, size_t units,
                 size_t u0, size_t u1, size_t i, size_t n,
                 const char **why);

/* The same from the table that table(m, data) writes into m, the whole
 * of it, cut into units of which shard i of n writes its block. */
int shard_write_table (FILE *f, void (*table) (FILE *m, void *data),
                       void *data, size_t units, size_t i, size_t n,
                       const char **why);

#endif /* RS_SHARD_H */
