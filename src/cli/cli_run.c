/* cli_run.c: a scene's run to its end as every command makes it, with
 * its size estimated first and its progress on a terminal. */
#include <config.h>

#include <stdio.h>

#include "cli/cli.h"

/* Parameters of a network of shape sp: weights and biases (PReLU slopes
 * left out: one a unit, negligible). */
static double
net_params (const rs_net_spec *sp)
{
  double np = 0.0;

  for (size_t l = 1; l <= sp->layers; l++)
    np += (double) sp->sizes[l - 1] * (double) sp->sizes[l]
          + (double) sp->sizes[l];
  return np;
}

/* Points a step's pass runs over (the whole data set: the loss and the
 * dead units are measured on it every step). */
static double
run_points (const rs_sim_params *p)
{
  return p->data != NULL ? (double) p->data->n : (double) p->n_points;
}

double
cli_pass_flops (const size_t *sizes, size_t layers, double points)
{
  double macs = 0.0;

  /* per point: the forward product, the weight gradient and, above layer
     1, the input gradient; a multiply-add is 2 flops */
  for (size_t l = 1; l <= layers; l++)
    macs += (double) sizes[l - 1] * (double) sizes[l] * (l >= 2 ? 3 : 2);
  return 2.0 * macs * points;
}

double
cli_run_flops (const rs_sim_params *p)
{
  const rs_net_spec *sp = &p->net;

  if (sp->layers == 0)
    return 10.0 * run_points (p);
  return cli_pass_flops (sp->sizes, sp->layers, run_points (p));
}

double
cli_run_bytes (const rs_sim_params *p)
{
  const rs_net_spec *sp = &p->net;
  double np = net_params (sp), units = 0.0, widest = 1.0, per, rec;

  if (sp->layers == 0)
    return 0.0;
  for (size_t l = 0; l <= sp->layers; l++)
    {
      units += (double) sp->sizes[l] * (l > 0 ? 2 : 1);
      if (l > 0 && (double) sp->sizes[l] > widest)
        widest = (double) sp->sizes[l];
    }
  /* the trajectory: each point keeps the parameters and an optimiser's
     state (Adam's: two a parameter), at least 4 points, within the
     budget otherwise */
  per = 8.0 * 3.0 * np;
  rec = (double) p->record_bytes / per < 4.0 ? 4.0 * per
        : (double) p->record_bytes;
  /* the network, its start, the warmed copy, two gradients, the
     optimiser; the workspace of every layer's z and a and three rows of
     the widest layer, for the data and a batch */
  return 8.0 * (8.0 * np + 2.0 * (units + 3.0 * widest) * run_points (p))
         + rec;
}

const char *
cli_size_text (double bytes, char *buf, size_t n)
{
  static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB" };
  int u = 0;

  while (bytes >= 1024.0 && u < 4)
    {
      bytes /= 1024.0;
      u++;
    }
  snprintf (buf, n, "%.*f %s", bytes < 10.0 && u > 0 ? 1 : 0, bytes,
            unit[u]);
  return buf;
}

double
cli_run_seconds (const rs_sim_params *p)
{
  return (double) p->steps * (cli_run_flops (p) / CLI_RUN_FLOPS_PER_S
                              + CLI_RUN_STEP_S);
}

void
cli_run_estimate (const char *what, const rs_sim_params *p)
{
  char detail[96];

  snprintf (detail, sizeof detail, "%.2g floating-point operations, %zu "
            "steps", cli_run_flops (p) * (double) p->steps, p->steps);
  cli_work_estimate (what, "run", cli_run_bytes (p), cli_run_seconds (p), detail);
}

int
cli_run_sim (rs_sim *sim, const char *what)
{
  size_t steps = rs_sim_get_params (sim)->steps;
  int rc = RS_OK;

  cli_run_estimate (what, rs_sim_get_params (sim));
  while (rc == RS_OK && rs_sim_step_count (sim) < steps)
    {
      rc = rs_sim_iterate (sim);
      cli_progress (what, rs_sim_step_count (sim), steps);
    }
  cli_progress (what, steps, steps);
  return rc == RS_OK ? RS_OK : RS_EDIVERGED;
}

int
cli_sim_run (const rs_scene *sc, const char *name, const char *what,
             rs_sim **sim)
{
  rs_error err;

  if ((*sim = rs_sim_alloc (&sc->sim, &err)) == NULL)
    {
      cli_message ("%s: %s", name, err.message);
      return CLI_USAGE;
    }
  return cli_run_scene (*sim, name, what);
}
