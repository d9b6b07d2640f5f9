/* bench_train.c: optimisation steps per second of rs_sim_iterate, for the
 * single neuron on 64 points and for a 2-16-1 ReLU network on 256 points,
 * both under plain full-batch gradient descent on the MSE.  One step is
 * what the app and the command line pay per step: the update, then the
 * loss, the gradient, its norm and the dead units on all the points, then
 * the recording of the point.
 *
 * With --dump FILE it also writes, for each case, the data, the start,
 * the parameters after CHECK_STEPS steps and its own speed, from which
 * bench_train.py runs the same training loops in PyTorch, checks that
 * they follow the same trajectory and prints the ratio of the speeds.
 * Prints figures; never a pass/fail. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "reluscape/rs_sim.h"
#include "bench.h"

enum { CHECK_STEPS = 100, SPARSE = 1000 };

/* One benchmark case: its name in the dump and in the output, its goal
 * against PyTorch, and how to fill its parameters. */
typedef struct {
  const char *key;
  const char *label;
  double goal;
  void (*params) (rs_sim_params *p);
} bench_case;

/* The single neuron y = relu(w x + b) on 64 points of the default line
 * y = 2x + 1 + noise, from (1.2, 0.3), active on the points with
 * x > -0.25 and so alive from the start on. */
static void
neuron_params (rs_sim_params *p)
{
  rs_sim_params_default (p);
  p->n_points = 64;
  p->w0 = 1.2;
  p->b0 = 0.3;
  p->rate = 0.05;
}

/* 2-16-1, ReLU hidden, identity output, He normal weights and biases 0,
 * on 256 points of XOR with labels 0 and 1 regressed by the MSE. */
static void
net_params (rs_sim_params *p)
{
  static const size_t sizes[3] = { 2, 16, 1 };

  rs_sim_params_default (p);
  rs_net_spec_init (&p->net, 2, sizes, rs_act_relu, rs_act_identity);
  p->gen = rs_data_xor_gen;
  p->n_points = 256;
  p->noise = 0.0;
  p->rate = 0.05;
}

static const bench_case cases[] = {
  { "neuron", "single neuron, 64 points", 100.0, neuron_params },
  { "net", "2-16-1, 256 points", 5.0, net_params }
};

/* A run of case c, recording every record_every-th step; NULL with a
 * message on stderr. */
static rs_sim *
sim_alloc (const bench_case *c, size_t record_every)
{
  rs_sim_params p;
  rs_error err;
  rs_sim *s;
  char msg[1024];

  c->params (&p);
  p.steps = 10000000;
  p.record_every = record_every;
  rs_error_clear (&err);
  if ((s = rs_sim_alloc (&p, &err)) == NULL)
    fprintf (stderr, "bench_train: %s: %s\n", c->key,
             rs_error_format (&err, msg, sizeof msg));
  return s;
}

/* Seconds for count steps from the start. */
static double
time_steps (void *ctx, long count)
{
  rs_sim *s = ctx;
  double t0;

  rs_sim_reset (s);
  t0 = bench_now ();
  for (long k = 0; k < count; k++)
    rs_sim_iterate (s);
  return bench_now () - t0;
}

/* Steps per second. */
static double
steps_per_second (rs_sim *s)
{
  return bench_rate (time_steps, s);
}

/* One line "key.name count v1 v2 ...", every value exact in %.17g. */
static void
dump_values (FILE *f, const char *key, const char *name, const double *v,
             size_t count)
{
  fprintf (f, "%s.%s %zu", key, name, count);
  for (size_t i = 0; i < count; i++)
    fprintf (f, " %.17g", v[i]);
  fputc ('\n', f);
}

/* The parameters theta of net layer by layer, named by the case, the
 * layer and suffix: "net.W1.start" holds W1 row by row ([unit][input],
 * as torch.nn.Linear.weight), "net.b1.start" b1.  The single neuron's
 * W1 and b1 are its w and b. */
static void
dump_theta (FILE *f, const char *key, const rs_net *net,
            const double *theta, const char *suffix)
{
  char name[64];

  for (size_t l = 1; l <= rs_net_layers (net); l++)
    {
      size_t in = rs_net_units (net, l - 1), out = rs_net_units (net, l);

      snprintf (name, sizeof name, "W%zu.%s", l, suffix);
      dump_values (f, key, name, theta + rs_net_w_index (net, l, 0, 0),
                   in * out);
      snprintf (name, sizeof name, "b%zu.%s", l, suffix);
      dump_values (f, key, name, theta + rs_net_b_index (net, l, 0), out);
    }
}

/* Case c for bench_train.py: its sizes, rate and speed, its data, its
 * start and, from a run recording every step, the parameters at its
 * last recorded point, after CHECK_STEPS steps, and that point's step. */
static int
dump_case (FILE *f, const bench_case *c, double speed)
{
  rs_sim *s = sim_alloc (c, 1);
  const rs_net *net;
  const rs_data *d;
  double sz[RS_NET_MAX_LAYERS + 1], step;

  if (s == NULL)
    return -1;
  net = rs_sim_net (s);
  d = rs_sim_data (s);
  for (size_t l = 0; l <= rs_net_layers (net); l++)
    sz[l] = (double) rs_net_units (net, l);
  dump_values (f, c->key, "sizes", sz, rs_net_layers (net) + 1);
  dump_values (f, c->key, "rate", &rs_sim_get_params (s)->rate, 1);
  dump_values (f, c->key, "goal", &c->goal, 1);
  dump_values (f, c->key, "steps_per_s", &speed, 1);
  dump_values (f, c->key, "x", d->x, d->n * d->dim);
  dump_values (f, c->key, "y", d->y, d->n * d->ydim);
  dump_theta (f, c->key, net, rs_sim_theta (s, 0), "start");
  for (int k = 0; k < CHECK_STEPS; k++)
    rs_sim_iterate (s);
  step = (double) rs_sim_recorded (s, rs_sim_n_recorded (s) - 1)->step;
  dump_values (f, c->key, "end_step", &step, 1);
  dump_theta (f, c->key, net, rs_sim_theta (s, rs_sim_n_recorded (s) - 1),
              "end");
  rs_sim_free (s);
  return 0;
}

/* The speed of case c recording every record_every-th step, or -1. */
static double
case_speed (const bench_case *c, size_t record_every)
{
  rs_sim *s = sim_alloc (c, record_every);
  double speed;

  if (s == NULL)
    return -1.0;
  speed = steps_per_second (s);
  rs_sim_free (s);
  return speed;
}

/* Time case c, print its figures, dump it into f when f is not NULL. */
static int
run_case (const bench_case *c, FILE *f)
{
  double sparse = case_speed (c, SPARSE), every = case_speed (c, 1);

  if (sparse < 0.0 || every < 0.0)
    return -1;
  printf ("%s, rs_sim_iterate, gd: %.0f steps/s (%.2f us per step) "
          "recording every %d steps, %.0f steps/s (%.2f us) recording every "
          "step\n", c->label, sparse, 1e6 / sparse, SPARSE, every,
          1e6 / every);
  return f != NULL ? dump_case (f, c, sparse) : 0;
}

int
main (int argc, char **argv)
{
  FILE *f = NULL;
  int rc = 0;
  int bad = bench_dump_arg (argc, argv, &f);

  if (bad != 0)
    return bad;
  gsl_set_error_handler_off ();
  if (f != NULL)
    fprintf (f, "# bench_train --dump: training runs of reluscape, for "
             "bench_train.py\n");
  for (size_t i = 0; rc == 0 && i < sizeof cases / sizeof cases[0]; i++)
    rc = run_case (&cases[i], f);
  if (f != NULL && (ferror (f) | fclose (f)) && rc == 0)
    {
      perror (argv[2]);
      rc = -1;
    }
  return rc == 0 ? 0 : 1;
}
