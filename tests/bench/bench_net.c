/* bench_net.c: forward plus backward of a 2-16-16-1 ReLU network on 256
 * points through the MSE loss, the work of one full-batch training step:
 * passes per second and GFLOP/s.  With --dump FILE it also writes the
 * network, the data, the loss, the gradient and its own speed, from which
 * bench_net.py runs the same computation in PyTorch, checks that it gives
 * the same gradient and prints the ratio of the speeds.  Prints figures;
 * never a pass/fail. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>

#include "bench_pass.h"

enum { N = 256, LAYERS = 3 };
static const size_t sizes[LAYERS + 1] = { 2, 16, 16, 1 };

/* Floating-point operations per pass, counting the matrix products only,
 * a multiply-add as 2.  Per point, layer l costs sizes[l-1] * sizes[l]
 * multiply-adds for each of: the forward product z = W a, the weight
 * gradient dW += dz a^T and, for l >= 2, the input gradient da = W^T dz
 * (layer 1 needs none: nothing is learnt below the inputs).  For 2-16-16-1
 * that is 304 + 304 + 272 = 880 multiply-adds per point, 2 * 880 * 256 =
 * 450560 flops per pass.  Left out: bias, ReLU and its derivative,
 * dz = da f'(z), the loss and the bias gradients, about 170 operations per
 * point (a tenth more).  bench_net.py uses this same count for PyTorch. */
static double
flops_per_pass (void)
{
  double macs = 0.0;

  for (size_t l = 1; l <= LAYERS; l++)
    macs += (double) (sizes[l - 1] * sizes[l]) * (l >= 2 ? 3 : 2);
  return 2.0 * macs * N;
}

/* Inputs uniform on [-1, 1]^2, target the XOR label, 1 where x1 x2 < 0
 * (the xor family of rs_data.h without noise, drawn here so that the
 * benchmark depends only on rs_net and rs_loss). */
static void
fill_data (rs_data *d, gsl_rng *r)
{
  for (size_t i = 0; i < d->n; i++)
    {
      d->x[2 * i] = 2.0 * gsl_rng_uniform (r) - 1.0;
      d->x[2 * i + 1] = 2.0 * gsl_rng_uniform (r) - 1.0;
      d->y[i] = d->x[2 * i] * d->x[2 * i + 1] < 0.0;
    }
}

/* The network (He normal weights, biases 0.1 as C9 advises), the data,
 * the workspace and the gradient, all from one seeded generator. */
static int
bench_init (bench *b, rs_error *err)
{
  rs_net_spec spec;
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);

  memset (b, 0, sizeof *b);
  if (r == NULL)
    return rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory");
  gsl_rng_set (r, 2385);
  rs_net_spec_init (&spec, LAYERS, sizes, rs_act_relu, rs_act_identity);
  if ((b->net = rs_net_alloc (&spec, err)) == NULL
      || rs_net_init (b->net, rs_init_he_normal, 0.0, 0.1, r, err) != RS_OK
      || (b->d = rs_data_alloc_dims (N, 2, 1, err)) == NULL
      || (b->w = rs_net_workspace_alloc (b->net, N, err)) == NULL)
    {
      gsl_rng_free (r);
      return err->code;
    }
  fill_data (b->d, r);
  gsl_rng_free (r);
  b->grad = gsl_vector_alloc (rs_net_nparams (b->net));
  if (b->grad == NULL)
    return rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory");
  return rs_loss_net (b->net, rs_loss_mse_type, b->d, b->w, &b->loss,
                      b->grad, err);
}

/* Passes per second. */
static double
passes_per_second (bench *b)
{
  return bench_rate (time_passes, b);
}

/* W_l (row by row, [unit][input] as torch.nn.Linear.weight) and b_l of
 * every layer from v, a parameter vector or the gradient, named with
 * prefix ("" or "d"). */
static void
dump_layers (FILE *f, const rs_net *net, const gsl_vector *v,
             const char *prefix)
{
  char name[32];

  for (size_t l = 1; l <= LAYERS; l++)
    {
      size_t in = sizes[l - 1], out = sizes[l];

      snprintf (name, sizeof name, "%sW%zu", prefix, l);
      dump_values (f, name, gsl_vector_const_ptr (v, rs_net_w_index (net, l,
                   0, 0)), in * out, v->stride);
      snprintf (name, sizeof name, "%sb%zu", prefix, l);
      dump_values (f, name, gsl_vector_const_ptr (v, rs_net_b_index (net, l,
                   0)), out, v->stride);
    }
}

/* Everything bench_net.py needs, as lines of dump_values, into f,
 * which is closed. */
static int
dump (FILE *f, const bench *b, double rate)
{
  double sz[LAYERS + 1], flops = flops_per_pass ();

  for (size_t l = 0; l <= LAYERS; l++)
    sz[l] = (double) sizes[l];
  fprintf (f, "# bench_net --dump: one pass of reluscape, for bench_net.py\n");
  dump_values (f, "sizes", sz, LAYERS + 1, 1);
  dump_values (f, "passes_per_s", &rate, 1, 1);
  dump_values (f, "flops_per_pass", &flops, 1, 1);
  dump_values (f, "loss", &b->loss, 1, 1);
  dump_layers (f, b->net, rs_net_params_const (b->net), "");
  dump_layers (f, b->net, b->grad, "d");
  dump_values (f, "x", b->d->x, 2 * N, 1);
  dump_values (f, "y", b->d->y, N, 1);
  return (ferror (f) | fclose (f)) ? -1 : 0;
}

int
main (int argc, char **argv)
{
  bench b;
  FILE *f = NULL;
  rs_error err;
  char msg[1024];
  double rate, flops = flops_per_pass ();
  int bad = bench_dump_arg (argc, argv, &f);

  if (bad != 0)
    return bad;
  gsl_set_error_handler_off ();
  rs_error_clear (&err);
  if (bench_init (&b, &err) != RS_OK)
    {
      fprintf (stderr, "bench_net: %s\n", rs_error_format (&err, msg,
                                                           sizeof msg));
      bench_free (&b);
      if (f != NULL)
        fclose (f);
      return 1;
    }
  rate = passes_per_second (&b);
  printf ("2-16-16-1 ReLU net, MSE, %d points, forward + backward: "
          "%.0f passes/s, %.2f us per pass, %.2f GFLOP/s (%.0f flops per "
          "pass, matrix products only)\n", N, rate, 1e6 / rate,
          1e-9 * flops * rate, flops);
  if (f != NULL && dump (f, &b, rate) != 0)
    {
      perror (argv[2]);
      bench_free (&b);
      return 1;
    }
  bench_free (&b);
  return 0;
}
