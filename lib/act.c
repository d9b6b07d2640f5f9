/* act.c: the activation families (C2, C3, C8). */
#include <config.h>

#include <string.h>

#include "reluscape/rs_act.h"

/* ReLU: f(z) = max(0, z) (C2). */
static double
relu_value (double z, double alpha)
{
  (void) alpha;
  return z > 0.0 ? z : 0.0;
}

/* Slopes 0 left of the kink, 1 right of it, and every slope between at
 * the kink itself: the subdifferential [0, 1] (C3). */
static rs_interval
relu_subdiff (double z, double alpha)
{
  (void) alpha;
  if (z > 0.0)
    return rs_interval_make (1.0, 1.0);
  if (z < 0.0)
    return rs_interval_make (0.0, 0.0);
  return rs_interval_make (0.0, 1.0);
}

/* Leaky ReLU: f(z) = max(alpha z, z) for 0 <= alpha < 1 (C8). */
static double
leaky_value (double z, double alpha)
{
  return z > 0.0 ? z : alpha * z;
}

static rs_interval
leaky_subdiff (double z, double alpha)
{
  if (z > 0.0)
    return rs_interval_make (1.0, 1.0);
  if (z < 0.0)
    return rs_interval_make (alpha, alpha);
  return rs_interval_make (alpha, 1.0);
}

static const rs_act_type relu_type = { "relu", relu_value, relu_subdiff };
static const rs_act_type leaky_type = { "leaky_relu", leaky_value,
                                        leaky_subdiff };

const rs_act_type *const rs_act_relu = &relu_type;
const rs_act_type *const rs_act_leaky_relu = &leaky_type;

const rs_act_type *const rs_act_types[] = { &relu_type, &leaky_type, NULL };

const rs_act_type *
rs_act_lookup (const char *name)
{
  if (name == NULL)
    return NULL;
  for (size_t i = 0; rs_act_types[i] != NULL; i++)
    if (strcmp (rs_act_types[i]->name, name) == 0)
      return rs_act_types[i];
  return NULL;
}

double
rs_act_deriv (const rs_act_type *t, double z, double alpha, double s)
{
  rs_interval g = t->subdiff (z, alpha);

  return g.lo + s * (g.hi - g.lo);
}

int
rs_act_is_kink (const rs_act_type *t, double z, double alpha)
{
  rs_interval g = t->subdiff (z, alpha);

  return g.hi > g.lo;
}
