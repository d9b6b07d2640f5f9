/* bench_deep.c: how the cost of a forward plus backward pass grows with
 * the network: linearly with depth at a fixed width, with the square of
 * the width at a fixed depth; then the largest network reluscape takes,
 * 64 hidden ReLU layers of 256 units, timed on 64 points.  With --dump
 * FILE it writes that network's pass in the format of bench_net.c, from
 * which bench_net.py runs the same computation in PyTorch, checks the
 * gradient and prints the ratio of the speeds.  Prints figures; never a
 * pass/fail. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>

#include "bench_pass.h"

enum { POINTS = 64, INPUTS = 16 };

/* Multiply-adds per point and pass (bench_net.c's count: the forward
 * product, the weight gradient and, above layer 1, the input gradient),
 * times 2 flops, times the points. */
static double
flops_per_pass (const rs_net *net)
{
  double macs = 0.0;

  for (size_t l = 1; l <= rs_net_layers (net); l++)
    macs += (double) (rs_net_units (net, l - 1) * rs_net_units (net, l))
            * (l >= 2 ? 3 : 2);
  return 2.0 * macs * POINTS;
}

/* INPUTS inputs, depth hidden ReLU layers of width units, one output;
 * He normal weights, biases 0.1, inputs uniform on [-1, 1], targets the
 * sign of the first input. */
static int
bench_init (bench *b, size_t depth, size_t width, rs_error *err)
{
  size_t sizes[RS_NET_MAX_LAYERS + 1];
  rs_net_spec spec;
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);

  memset (b, 0, sizeof *b);
  gsl_rng_set (r, 2385);
  sizes[0] = INPUTS;
  for (size_t l = 1; l <= depth; l++)
    sizes[l] = width;
  sizes[depth + 1] = 1;
  rs_net_spec_init (&spec, depth + 1, sizes, rs_act_relu, rs_act_identity);
  if ((b->net = rs_net_alloc (&spec, err)) == NULL
      || rs_net_init (b->net, rs_init_he_normal, 0.0, 0.1, r, err) != RS_OK
      || (b->d = rs_data_alloc_dims (POINTS, INPUTS, 1, err)) == NULL
      || (b->w = rs_net_workspace_alloc (b->net, POINTS, err)) == NULL
      || (b->grad = gsl_vector_alloc (rs_net_nparams (b->net))) == NULL)
    {
      gsl_rng_free (r);
      return RS_ENOMEM;
    }
  for (size_t i = 0; i < POINTS * INPUTS; i++)
    b->d->x[i] = 2.0 * gsl_rng_uniform (r) - 1.0;
  for (size_t i = 0; i < POINTS; i++)
    b->d->y[i] = b->d->x[i * INPUTS] > 0.0;
  gsl_rng_free (r);
  return rs_loss_net (b->net, rs_loss_mse_type, b->d, b->w, &b->loss,
                      b->grad, err);
}

/* Seconds per pass of a depth x width network, or a negative number when
 * it cannot be built; its flops into *flops. */
static double
seconds_per_pass (size_t depth, size_t width, double *flops)
{
  bench b;
  double rate = -1.0;

  if (bench_init (&b, depth, width, NULL) == RS_OK)
    {
      rate = bench_rate (time_passes, &b);
      *flops = flops_per_pass (b.net);
    }
  bench_free (&b);
  return rate > 0.0 ? 1.0 / rate : -1.0;
}

/* The slope of the least-squares line through (log x_i, log y_i): the
 * exponent e of y ~ x^e. */
static double
fitted_exponent (const double *x, const double *y, size_t n)
{
  double mx = 0.0, my = 0.0, sxy = 0.0, sxx = 0.0;

  for (size_t i = 0; i < n; i++)
    mx += log (x[i]) / (double) n, my += log (y[i]) / (double) n;
  for (size_t i = 0; i < n; i++)
    {
      sxy += (log (x[i]) - mx) * (log (y[i]) - my);
      sxx += (log (x[i]) - mx) * (log (x[i]) - mx);
    }
  return sxy / sxx;
}

/* Depth 4 to 64 at width 64: the time per pass over the depth should
 * stay flat (linear cost). */
static void
depth_table (void)
{
  static const size_t depths[] = { 4, 8, 16, 32, 64 };
  double flops, x[5], t[5];

  printf ("cost against depth (width 64, %d points):\n"
          "  depth   ms/pass   us/pass/layer   GFLOP/s\n", POINTS);
  for (size_t i = 0; i < sizeof depths / sizeof depths[0]; i++)
    {
      double s = seconds_per_pass (depths[i], 64, &flops);

      printf ("  %5zu  %8.3f  %14.1f  %8.2f\n", depths[i], 1e3 * s,
              1e6 * s / (double) depths[i], 1e-9 * flops / s);
      x[i] = (double) depths[i];
      t[i] = s;
    }
  printf ("  fitted: time ~ depth^%.2f (linear: 1)\n",
          fitted_exponent (x, t, 5));
}

/* Width 32 to 256 at depth 8: the time per pass over the width squared
 * should stay flat (quadratic cost). */
static void
width_table (void)
{
  static const size_t widths[] = { 32, 64, 128, 256 };
  double flops, x[4], t[4];

  printf ("cost against width (depth 8, %d points):\n"
          "  width   ms/pass   ns/pass/width^2   GFLOP/s\n", POINTS);
  for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++)
    {
      double s = seconds_per_pass (8, widths[i], &flops), w2;

      w2 = (double) widths[i] * (double) widths[i];
      printf ("  %5zu  %8.3f  %16.2f  %8.2f\n", widths[i], 1e3 * s,
              1e9 * s / w2, 1e-9 * flops / s);
      x[i] = (double) widths[i];
      t[i] = s;
    }
  printf ("  fitted: time ~ width^%.2f (quadratic: 2)\n",
          fitted_exponent (x, t, 4));
}

/* The 64 x 256 pass for bench_net.py, into f, which is closed. */
static int
dump (FILE *f, const bench *b, double rate)
{
  size_t L = rs_net_layers (b->net);
  double sz[RS_NET_MAX_LAYERS + 1], flops = flops_per_pass (b->net);
  char name[32];

  for (size_t l = 0; l <= L; l++)
    sz[l] = (double) rs_net_units (b->net, l);
  fprintf (f, "# bench_deep --dump: the 64 x 256 pass, for bench_net.py\n");
  dump_values (f, "sizes", sz, L + 1, 1);
  dump_values (f, "passes_per_s", &rate, 1, 1);
  dump_values (f, "flops_per_pass", &flops, 1, 1);
  dump_values (f, "loss", &b->loss, 1, 1);
  for (int g = 0; g < 2; g++)
    for (size_t l = 1; l <= L; l++)
      {
        const gsl_vector *v = g ? b->grad : rs_net_params_const (b->net);
        size_t in = rs_net_units (b->net, l - 1);
        size_t out = rs_net_units (b->net, l);

        snprintf (name, sizeof name, "%sW%zu", g ? "d" : "", l);
        dump_values (f, name, gsl_vector_const_ptr (v, rs_net_w_index
                     (b->net, l, 0, 0)), in * out, v->stride);
        snprintf (name, sizeof name, "%sb%zu", g ? "d" : "", l);
        dump_values (f, name, gsl_vector_const_ptr (v, rs_net_b_index
                     (b->net, l, 0)), out, v->stride);
      }
  dump_values (f, "x", b->d->x, POINTS * INPUTS, 1);
  dump_values (f, "y", b->d->y, POINTS, 1);
  return (ferror (f) | fclose (f)) ? -1 : 0;
}

int
main (int argc, char **argv)
{
  FILE *f = NULL;
  bench b;
  double rate;
  int bad = bench_dump_arg (argc, argv, &f);

  if (bad != 0)
    return bad;
  gsl_set_error_handler_off ();
  depth_table ();
  width_table ();
  if (bench_init (&b, 64, 256, NULL) != RS_OK)
    {
      fputs ("bench_deep: cannot build the 64 x 256 network\n", stderr);
      bench_free (&b);
      return 1;
    }
  rate = bench_rate (time_passes, &b);
  printf ("%d-64x256-1 ReLU, %zu parameters, %d points: %.1f ms per "
          "forward+backward pass, %.2f GFLOP/s\n", INPUTS,
          rs_net_nparams (b.net), POINTS, 1e3 / rate,
          1e-9 * flops_per_pass (b.net) * rate);
  if (f != NULL && dump (f, &b, rate) != 0)
    {
      fputs ("bench_deep: cannot write the dump\n", stderr);
      bench_free (&b);
      return 1;
    }
  bench_free (&b);
  return 0;
}
