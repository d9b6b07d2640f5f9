/* runs_util.h: for the tests of figures of variants: a scene's runs made
 * and run to their end (their pixels are read with pixels.h). */
#ifndef RS_TEST_RUNS_UTIL_H
#define RS_TEST_RUNS_UTIL_H

#include <math.h>
#include <stdint.h>

#include <cairo.h>
#include <check.h>

#include "pixels.h"
#include "draw/variants.h"

/* The runs of sc's variants, each run to its end. */
static inline void
make_runs (rs_runs *r, const rs_scene *sc)
{
  rs_error err;

  ck_assert_int_eq (rs_runs_alloc (r, sc, "test", &err), RS_OK);
  for (size_t k = 0; k < r->n; k++)
    ck_assert_int_eq (rs_sim_run (r->sim[k]), RS_OK);
}

#endif /* RS_TEST_RUNS_UTIL_H */
