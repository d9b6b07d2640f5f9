/* ref_act.h: the activation families written out from their textbook
 * formulas with libm, independently of lib/act.c, for the tests of
 * activations and networks. */
#ifndef RS_REF_ACT_H
#define RS_REF_ACT_H

#include <math.h>

/* The textbook activations, written out with libm; each family with an
 * unround parameter (not its default) and whether it has a kink at 0
 * (ELU has one for alpha != 1). */
typedef struct {
  const char *name;
  double p;
  double (*ref) (double z, double p);
  int kinked;
} family;

static double
ref_identity (double z, double p)
{
  (void) p;
  return z;
}

static double
ref_sigmoid (double z, double p)
{
  (void) p;
  return 1.0 / (1.0 + exp (-z));
}

static double
ref_tanh (double z, double p)
{
  (void) p;
  return (exp (z) - exp (-z)) / (exp (z) + exp (-z));
}

static double
ref_relu (double z, double p)
{
  (void) p;
  return fmax (0.0, z);
}

/* max(alpha z, z) is alpha z below 0 and z above for any alpha <= 1,
 * negative alphas of PReLU included. */
static double
ref_leaky (double z, double p)
{
  return fmax (p * z, z);
}

static double
ref_elu (double z, double p)
{
  return z > 0.0 ? z : p * (exp (z) - 1.0);
}

static double
ref_softplus (double z, double p)
{
  return log (1.0 + exp (p * z)) / p;
}

static const family families[] = {
  { "identity", 0.0, ref_identity, 0 },
  { "sigmoid", 0.0, ref_sigmoid, 0 },
  { "tanh", 0.0, ref_tanh, 0 },
  { "relu", 0.0, ref_relu, 1 },
  { "leaky_relu", 0.137, ref_leaky, 1 },
  { "elu", 0.713, ref_elu, 1 },
  { "softplus", 1.713, ref_softplus, 0 },
  { "prelu", 0.173, ref_leaky, 1 },
};

#define N_FAMILIES (sizeof families / sizeof families[0])

#endif /* RS_REF_ACT_H */
