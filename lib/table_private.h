/* table_private.h: the lookup by name that the library's const tables
 * share (activations, data generators, losses, initialisers, optimisers
 * and schedules). */
#ifndef RS_TABLE_PRIVATE_H
#define RS_TABLE_PRIVATE_H

#include <stddef.h>
#include <string.h>

/* The definition of fn, which returns the entry of table (a
 * NULL-terminated array of pointers to type, each with a member name)
 * called name, or NULL when none is or name is NULL.  One definition
 * serves every table, so that a family's lookup is one line. */
#define RS_TABLE_LOOKUP(type, fn, table)                                   \
  const type *                                                             \
  fn (const char *name)                                                    \
  {                                                                        \
    if (name == NULL)                                                      \
      return NULL;                                                         \
    for (size_t i = 0; table[i] != NULL; i++)                              \
      if (strcmp (table[i]->name, name) == 0)                              \
        return table[i];                                                   \
    return NULL;                                                           \
  }

#endif /* RS_TABLE_PRIVATE_H */
