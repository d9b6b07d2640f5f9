/* cmd_surface.c: reluscape surface SCENE [-o grid.csv]: the loss and
 * friends over a slice of the scene's parameter space (C5). */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/shard.h"
#include "cmd/commands.h"
#include "export/export.h"
#include "export/table.h"

static const char surface_usage[] =
  "Usage: reluscape surface [OPTIONS] SCENE\n"
  "Run SCENE to its end and write the loss landscape around where it\n"
  "ended, as CSV: one row per grid point with u, v, the loss, the gradient\n"
  "norm, the number of dead units and whether the point is on a plateau\n"
  "(gradient norm below the scene's tolerance); then '# key: value' lines\n"
  "describing the slice.  The slice is theta(u, v) = theta0 + u d1 + v d2;\n"
  "under bias warming theta0 has that step's shift, as simulate's loss.\n"
  "SCENE '-' or 'builtin' is the built-in scene.\n"
  "\n"
  "  -o, --output FILE      the CSV file (default: standard output)\n"
  "  -a, --axes P1,P2       two parameters by name as the directions\n"
  "                         (default for the single neuron: W1[0][0],b1[0])\n"
  "  -r, --random           two random directions, filter-normalised (Li et\n"
  "                         al. 2018); the default for networks\n"
  "      --with-biases      random directions move the biases too\n"
  "  -p, --pca              the top two principal components of the run's\n"
  "                         trajectory\n"
  "      --seed N           seed of the random directions (the scene's)\n"
  "  -s, --size NxM         grid points along u and v (101x101); Nx1 is\n"
  "                         the 1-D slice along u (v = 0)\n"
  "  -u, --u-range LO,HI    the range of u (axes: the scene's w-range\n"
  "                         around the centre for the single neuron; else\n"
  "                         -1,1)\n"
  "  -v, --v-range LO,HI    the range of v (likewise)\n"
  "      --at start|end     centre on the run's start or its end (end)\n"
  "      --loss-only        the loss alone, much faster\n"
  "      --basin K          a basin map instead: from each grid point as a\n"
  "                         start, train the scene for at most K steps;\n"
  "                         columns u, v, outcome (valley, plateau,\n"
  "                         diverged or moving) and steps\n"
  "      --shard I/N        with --basin and -o, shard I of N: a block of\n"
  "                         the map's rows; 'reluscape merge' puts the N\n"
  "                         parts together, byte for byte the whole map\n"
  "      --path FILE        also write the trajectory projected onto the\n"
  "                         slice as CSV: step, u, v, loss\n"
CLI_SET_HELP
  "      --allow-paths      let the scene's data and export paths\n"
  "                         leave its folder\n"
  "  -h, --help             show this help and exit\n"
  "  -V, --version          show the version and exit\n"
  "\n"
  "Exit status: 0 success; 1 the run diverged or grew too large to grid\n"
  "around, or a file could not be written; 2 bad options or a scene with\n"
  "errors.  A file is written whole or not at all.\n";

typedef enum { DIR_DEFAULT, DIR_AXES, DIR_RANDOM, DIR_PCA } dir_kind;

typedef struct {
  const char *out;
  const char *path;
  const char *scene;
  dir_kind dir;
  char p1[32], p2[32];
  int biases;
  int have_seed;
  unsigned long seed;
  int nu, nv;
  int have_u, have_v;
  rs_interval ur, vr;
  int at_start;
  int loss_only;
  size_t basin;           /* steps of each run of a basin map, or 0 */
  size_t shard_i;         /* --shard I/N of a basin map; 0: whole */
  size_t shard_n;
} surf_args;

/* "LO,HI" with LO < HI, both finite; 0 on success. */
static int
parse_range (const char *s, rs_interval *r)
{
  if (cli_parse_pair (s, r) != 0)
    return -1;
  return r->lo < r->hi && r->hi - r->lo < 1e12 ? 0 : -1;
}

/* "P1,P2": two parameter names (checked against the network later). */
static int
parse_axes (const char *s, surf_args *a)
{
  const char *comma = strchr (s, ',');

  if (comma == NULL || comma == s || comma[1] == '\0'
      || (size_t) (comma - s) >= sizeof a->p1
      || strlen (comma + 1) >= sizeof a->p2)
    return -1;
  memcpy (a->p1, s, (size_t) (comma - s));
  a->p1[comma - s] = '\0';
  strcpy (a->p2, comma + 1);
  a->dir = DIR_AXES;
  return 0;
}

/* "surface: bad OPT 'VAL' (expected WANT)" and the hint; CLI_USAGE. */
static int
bad_value (const char *opt, const char *val, const char *want)
{
  return cli_usage_error ("surface", "bad %s '%s' (expected %s)", opt, val,
                          want);
}

/* --basin K: a number of steps, 1 to 1000000. */
static int
parse_basin (const char *s, size_t *steps)
{
  char *end;

  errno = 0;
  *steps = strtoul (s, &end, 10);
  return *s >= '1' && *s <= '9' && *end == '\0' && errno == 0
         && *steps <= 1000000 ? 0 : -1;
}

/* --u-range or --v-range (opt) into *r, *have set; CLI_OK or
 * CLI_USAGE. */
static int
range_option (const char *opt, int *have, rs_interval *r)
{
  *have = 1;
  return parse_range (optarg, r) == 0 ? CLI_OK
    : bad_value (opt, optarg, "LO,HI with LO < HI");
}

/* One of the options that take a value to check; CLI_OK or CLI_USAGE. */
static int
value_option (int c, surf_args *a)
{
  switch (c)
    {
    case 'a':
      return parse_axes (optarg, a) == 0 ? CLI_OK
        : bad_value ("--axes", optarg, "two parameter names, P1,P2");
    case 'S':
      a->have_seed = 1;
      return cli_parse_seed (optarg, &a->seed) == 0 ? CLI_OK
        : bad_value ("--seed", optarg, "a whole number");
    case 's':
      return cli_parse_dims (optarg, 1, 4096, &a->nu, &a->nv) == 0
             && a->nu >= 2 ? CLI_OK
        : bad_value ("--size", optarg, "NxM, N 2 to 4096, M 1 to 4096 (Nx1: "
                     "a 1-D slice along u)");
    case 'u': return range_option ("--u-range", &a->have_u, &a->ur);
    case 'v': return range_option ("--v-range", &a->have_v, &a->vr);
    case 't':
      a->at_start = strcmp (optarg, "start") == 0;
      return a->at_start || strcmp (optarg, "end") == 0 ? CLI_OK
        : bad_value ("--at", optarg, "start or end");
    case 'B':
      return parse_basin (optarg, &a->basin) == 0 ? CLI_OK
        : bad_value ("--basin", optarg, "a number of steps, 1 to 1000000");
    default:
      return shard_parse (optarg, &a->shard_i, &a->shard_n) == 0 ? CLI_OK
        : bad_value ("--shard", optarg, "I/N, 1 <= I <= N");
    }
}

/* One option; CLI_OK, CLI_USAGE, or -1 after --help or --version. */
static int
one_option (int c, void *args)
{
  surf_args *a = args;

  switch (c)
    {
    case 'o': a->out = optarg; return CLI_OK;
    case 'r': a->dir = DIR_RANDOM; return CLI_OK;
    case 'p': a->dir = DIR_PCA; return CLI_OK;
    case 'b': a->biases = 1; return CLI_OK;
    case 'l': a->loss_only = 1; return CLI_OK;
    case 'P': a->path = optarg; return CLI_OK;
    case 'a': case 'S': case 's': case 'u': case 'v': case 't': case 'B':
    case 'D':
      return value_option (c, a);
    default:
      return cli_common_option (c, "surface", surface_usage);
    }
}

/* Parse the options into *a; -1 after --help or --version. */
static int
parse_options (int argc, char **argv, surf_args *a)
{
  static const struct option opts[] = {
    { "output", required_argument, NULL, 'o' },
    { "axes", required_argument, NULL, 'a' },
    { "random", no_argument, NULL, 'r' },
    { "pca", no_argument, NULL, 'p' },
    { "with-biases", no_argument, NULL, 'b' },
    { "seed", required_argument, NULL, 'S' },
    { "size", required_argument, NULL, 's' },
    { "u-range", required_argument, NULL, 'u' },
    { "v-range", required_argument, NULL, 'v' },
    { "at", required_argument, NULL, 't' },
    { "loss-only", no_argument, NULL, 'l' },
    { "basin", required_argument, NULL, 'B' },
    { "shard", required_argument, NULL, 'D' },
    { "path", required_argument, NULL, 'P' },
    CLI_COMMON_OPTIONS
  };
  int rc = cli_getopt (argc, argv, "o:a:rps:u:v:hV", opts, one_option, a);

  if (rc != CLI_OK
      || (rc = cli_one_scene (argc, argv, "surface", &a->scene)) != CLI_OK)
    return rc;
  if (a->shard_n > 0 && (a->basin == 0 || a->out == NULL
                         || a->shard_n > (size_t) a->nv))
    {
      cli_message ("surface: --shard %zu/%zu splits a basin map's %d rows: "
                   "give --basin K and -o FILE.csv, and at most %d shards",
                   a->shard_i, a->shard_n, a->nv, a->nv);
      return CLI_USAGE;
    }
  return CLI_OK;
}

/* The trajectory's recorded parameters, row by row (for the PCA). */
static double *
trajectory (const rs_sim *sim, size_t np)
{
  size_t n = rs_sim_n_recorded (sim);
  double *t = malloc (n * np * sizeof *t);

  for (size_t i = 0; t != NULL && i < n; i++)
    memcpy (t + i * np, rs_sim_theta (sim, i), np * sizeof *t);
  return t;
}

/* theta0 of recorded point i with bias warming's shift of that point
 * (rs_sim_net_at); unchanged without warming. */
static int
centre_shifted (const rs_sim *sim, size_t i, double *theta0)
{
  rs_net *net;

  if (rs_sim_recorded (sim, i)->gamma == 0.0)
    return RS_OK;
  if ((net = rs_net_clone (rs_sim_net (sim), NULL)) == NULL
      || rs_sim_net_at (sim, i, net, 1) != RS_OK)
    {
      rs_net_free (net);
      cli_message ("surface: out of memory");
      return RS_ENOMEM;
    }
  memcpy (theta0, rs_net_params (net)->data,
          rs_net_nparams (net) * sizeof (double));
  rs_net_free (net);
  return RS_OK;
}

/* Two random directions, filter-normalised, from --seed or the scene's
 * seed; RS_OK or err. */
static int
random_directions (const rs_sim *sim, const rs_scene *sc, const surf_args *a,
                   rs_slice *sl, rs_error *err)
{
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);
  int rc;

  gsl_rng_set (r, a->have_seed ? a->seed : sc->sim.seed);
  rc = rs_slice_random (sl, rs_sim_net (sim), r, 1, a->biases, err);
  gsl_rng_free (r);
  return rc;
}

/* The trajectory's top two principal components, centred on the run's
 * start with --at start; RS_OK or err. */
static int
pca_directions (const rs_sim *sim, const surf_args *a, rs_slice *sl,
                rs_error *err)
{
  size_t np = rs_net_nparams (rs_sim_net (sim));
  double *t = trajectory (sim, np);
  int rc = t == NULL ? rs_error_set (err, RS_ENOMEM, NULL, 0, 0,
                                     "out of memory")
                     : rs_slice_pca (sl, t, rs_sim_n_recorded (sim), err);

  free (t);
  if (rc == RS_OK && a->at_start)
    memcpy (sl->theta0, rs_sim_theta (sim, 0), np * sizeof (double));
  return rc;
}

/* The directions the options ask for, centred on the run's start or
 * end.  CLI_OK; CLI_USAGE with a message when the library turns them
 * down; CLI_FAILURE when bias warming's centre runs out of memory. */
static int
make_slice (const rs_sim *sim, const rs_scene *sc, surf_args *a,
            rs_slice *sl)
{
  const rs_net *net = rs_sim_net (sim);
  size_t np = rs_net_nparams (net), last = rs_sim_n_recorded (sim) - 1;
  rs_error err;
  int rc;

  memcpy (sl->theta0, rs_sim_theta (sim, a->at_start ? 0 : last),
          np * sizeof (double));
  /* a landscape is the loss the run is on at that point: with bias
     warming's shift, as simulate's loss has it (a basin map's starts
     are trained from step 0, warming and all, so they take none) */
  if (a->basin == 0 && centre_shifted (sim, a->at_start ? 0 : last,
                                       sl->theta0) != RS_OK)
    return CLI_FAILURE;
  if (a->dir == DIR_DEFAULT)
    a->dir = rs_sim_is_neuron (sim) ? DIR_AXES : DIR_RANDOM;
  if (a->dir == DIR_AXES && a->p1[0] == '\0')
    strcpy (a->p1, "W1[0][0]"), strcpy (a->p2, "b1[0]");
  if (a->dir == DIR_AXES)
    rc = rs_slice_axes (sl, net, a->p1, a->p2, &err);
  else if (a->dir == DIR_RANDOM)
    rc = random_directions (sim, sc, a, sl, &err);
  else
    rc = pca_directions (sim, a, sl, &err);
  if (rc != RS_OK)
    cli_message ("surface: %s", err.message);
  return rc == RS_OK ? CLI_OK : CLI_USAGE;
}

/* The single neuron's axes default to the scene's landscape window. */
static void
default_ranges (const rs_scene *sc, const rs_sim *sim, const rs_slice *sl,
                surf_args *a)
{
  int neuron_axes = rs_sim_is_neuron (sim) && strcmp (sl->name1, "W1[0][0]")
                    == 0 && strcmp (sl->name2, "b1[0]") == 0;

  if (!a->have_u)
    a->ur = neuron_axes ? rs_interval_make (sc->w_range.lo - sl->theta0[0],
                                            sc->w_range.hi - sl->theta0[0])
                        : rs_interval_make (-1.0, 1.0);
  if (!a->have_v)
    a->vr = neuron_axes ? rs_interval_make (sc->b_range.lo - sl->theta0[1],
                                            sc->b_range.hi - sl->theta0[1])
                        : rs_interval_make (-1.0, 1.0);
}

/* Whether doubles tell the grid's points apart around the slice's
 * centre: a run whose parameters grew huge (1e17) without overflowing
 * would give a grid of one value.  CLI_FAILURE with a message (the run's
 * outcome, as a divergence is) otherwise. */
static int
check_resolves (const rs_slice *sl, const surf_args *a, const char *name)
{
  double centre = 0.0;

  for (size_t k = 0; k < sl->np; k++)
    centre = fmax (centre, fabs (sl->theta0[k]));
  if (rs_surface_resolves (sl, a->ur, a->vr, (size_t) a->nu,
                           (size_t) a->nv))
    return CLI_OK;
  cli_message ("%s: the run's parameters reach %.3g: too large for a grid "
               "around them (the run is blowing up; lower the rate)", name,
               centre);
  return CLI_FAILURE;
}

/* What the writers need. */
typedef struct {
  const rs_basin *b;
  const rs_surface *s;
  const rs_slice *sl;
  const rs_sim *sim;
  const char *scene;
  int loss_only;
  size_t nu, nv;
  rs_interval ur, vr;
  size_t shard_i, shard_n;   /* a basin map's shard; 0: whole */
  double gamma;              /* bias warming's shift in the landscape */
} grid_job;

static void
put_num (FILE *f, double v, const char *sep)
{
  char buf[40];

  fputs (rs_table_number (v, buf, sizeof buf), f);
  fputs (sep, f);
}

/* The grid as CSV, then the slice as '# key: value' lines. */
static int
write_grid (FILE *f, void *data, const char **why)
{
  const grid_job *g = data;
  size_t nu = rs_surface_nu (g->s), nv = rs_surface_nv (g->s);

  fputs (g->loss_only ? "u,v,loss\n" : "u,v,loss,gnorm,dead,plateau\n", f);
  for (size_t i = 0; i < nv; i++)
    for (size_t j = 0; j < nu; j++)
      {
        put_num (f, rs_surface_u (g->s, j), ",");
        put_num (f, rs_surface_v (g->s, i), ",");
        put_num (f, rs_surface_value (g->s, RS_SURFACE_LOSS, i, j),
                 g->loss_only ? "\n" : ",");
        if (g->loss_only)
          continue;
        put_num (f, rs_surface_value (g->s, RS_SURFACE_GRAD, i, j), ",");
        fprintf (f, "%.0f,%d\n",
                 rs_surface_value (g->s, RS_SURFACE_DEAD, i, j),
                 rs_surface_plateau (g->s, i, j));
      }
  fprintf (f, "# scene: %s\n# u: %s\n# v: %s\n# grid: %zux%zu\n", g->scene,
           g->sl->name1, g->sl->name2, nu, nv);
  if (g->gamma != 0.0)
    {
      fputs ("# warming: the biases are shifted by gamma = ", f);
      put_num (f, g->gamma, ", as simulate's loss has them at this step\n");
    }
  *why = ferror (f) ? strerror (EIO) : NULL;
  return ferror (f) ? -1 : 0;
}

/* The basin map as CSV, then the slice as '# key: value' lines. */
static int write_basin (FILE *f, void *data, const char **why);

/* The whole map, for shard_write_table. */
static void
whole_basin (FILE *m, void *data)
{
  grid_job whole = *(const grid_job *) data;
  const char *why;

  whole.shard_n = 0;
  write_basin (m, &whole, &why);
}

/* Shard I/N of a basin map: its block of rows (shard.h). */
static int
write_basin_shard (FILE *f, const grid_job *g, const char **why)
{
  return shard_write_table (f, whole_basin, (void *) g, g->nv, g->shard_i,
                            g->shard_n, why);
}

static int
write_basin (FILE *f, void *data, const char **why)
{
  const grid_job *g = data;
  size_t steps;

  if (g->shard_n > 0)
    return write_basin_shard (f, g, why);
  fputs ("u,v,outcome,steps\n", f);
  for (size_t i = 0; i < g->nv; i++)
    for (size_t j = 0; j < g->nu; j++)
      {
        rs_basin_outcome o = rs_basin_get (g->b, i, j, &steps);

        put_num (f, rs_surface_coord (g->ur, j, g->nu), ",");
        put_num (f, rs_surface_coord (g->vr, i, g->nv), ",");
        fprintf (f, "%s,%zu\n", rs_basin_outcome_name (o), steps);
      }
  fprintf (f, "# scene: %s\n# u: %s\n# v: %s\n# grid: %zux%zu\n", g->scene,
           g->sl->name1, g->sl->name2, g->nu, g->nv);
  *why = ferror (f) ? strerror (EIO) : NULL;
  return ferror (f) ? -1 : 0;
}

/* The run's recorded points projected onto the slice. */
static int
write_path (FILE *f, void *data, const char **why)
{
  const grid_job *g = data;
  double u, v;

  fputs ("step,u,v,loss\n", f);
  for (size_t i = 0; i < rs_sim_n_recorded (g->sim); i++)
    {
      rs_slice_project (g->sl, rs_sim_theta (g->sim, i), &u, &v);
      fprintf (f, "%zu,", rs_sim_recorded (g->sim, i)->step);
      put_num (f, u, ",");
      put_num (f, v, ",");
      put_num (f, rs_sim_recorded (g->sim, i)->loss, "\n");
    }
  *why = ferror (f) ? strerror (EIO) : NULL;
  return ferror (f) ? -1 : 0;
}

/* Compute the grid, with a progress bar on a terminal. */
static void
compute (rs_surface *s)
{
  size_t total = rs_surface_nu (s) * rs_surface_nv (s);

  while (rs_surface_iterate (s) == RS_OK)
    cli_progress ("surface", rs_surface_done (s), total);
  cli_progress ("surface", total, total);
}

/* Write what was asked; CLI_FAILURE with a message when a file cannot be
 * written. */
static int
write_outputs (const grid_job *g, const surf_args *a)
{
  const char *why = NULL;
  int (*write) (FILE *, void *, const char **) = g->b != NULL ? write_basin
                                                               : write_grid;

  if (a->out != NULL
      && cli_export_file (a->out, write, (void *) g) != CLI_OK)
    return CLI_FAILURE;
  if (a->out == NULL && (write (stdout, (void *) g, &why) != 0
                         || fflush (stdout) != 0))
    {
      cli_message ("standard output: cannot write: %s", strerror (errno));
      return CLI_FAILURE;
    }
  if (a->path != NULL
      && cli_export_file (a->path, write_path, (void *) g) != CLI_OK)
    return CLI_FAILURE;
  return CLI_OK;
}

/* The basin map over the slice: starts of the scene's training. */
static int
basin_scene (const rs_scene *sc, const char *name, const surf_args *a,
             const rs_sim *sim, const rs_slice *sl)
{
  rs_error err;
  rs_basin *b = rs_basin_alloc (&sc->sim, sl, (size_t) a->nu, (size_t) a->nv,
                                a->ur, a->vr, a->basin, &err);
  size_t total = (size_t) a->nu * (size_t) a->nv, r0 = 0, r1 = 0;
  int rc;

  if (b == NULL)
    {
      cli_message ("surface: %s", err.message);
      return CLI_USAGE;
    }
  if (a->shard_n > 0)
    {
      shard_range ((size_t) a->nv, a->shard_i, a->shard_n, &r0, &r1);
      rs_basin_rows (b, r0, r1);
      total = (r1 - r0) * (size_t) a->nu;
    }
  while (rs_basin_iterate (b) == RS_OK)
    cli_progress ("basin", rs_basin_done (b), total);
  cli_progress ("basin", total, total);
  {
    grid_job g = { b, NULL, sl, sim, name, 0, (size_t) a->nu, (size_t) a->nv,
                   a->ur, a->vr, a->shard_i, a->shard_n, 0.0 };

    rc = write_outputs (&g, a);
  }
  rs_basin_free (b);
  return rc;
}

/* The slice the options ask for around the run's end (or start), its
 * ranges filled in and checked against what doubles resolve; CLI_OK with
 * *sl, or the status with a message. */
static int
slice_scene (const rs_scene *sc, const char *name, surf_args *a,
             const rs_sim *sim, rs_slice **sl)
{
  rs_error err;
  int rc;

  *sl = rs_slice_alloc (rs_sim_net (sim), &err);
  rc = *sl == NULL ? CLI_FAILURE : make_slice (sim, sc, a, *sl);
  if (rc == CLI_OK)
    {
      default_ranges (sc, sim, *sl, a);
      rc = check_resolves (*sl, a, name);
    }
  return rc;
}

/* The landscape over the slice, computed and written. */
static int
grid_scene (const rs_scene *sc, const char *name, const surf_args *a,
            const rs_sim *sim, const rs_slice *sl)
{
  rs_error err;
  rs_surface *s = rs_surface_alloc (rs_sim_net (sim), rs_sim_loss (sim),
                                    rs_sim_data (sim), sl, (size_t) a->nu,
                                    (size_t) a->nv, a->ur, a->vr,
                                    a->loss_only ? RS_SURFACE_LOSS
                                    : RS_SURFACE_GRAD | RS_SURFACE_DEAD,
                                    sc->sim.tol, &err);
  size_t at = a->at_start ? 0 : rs_sim_n_recorded (sim) - 1;
  grid_job g = { NULL, s, sl, sim, name, a->loss_only, (size_t) a->nu,
                 (size_t) a->nv, a->ur, a->vr, 0, 0,
                 rs_sim_recorded (sim, at)->gamma };
  int rc;

  if (s == NULL)
    {
      cli_message ("surface: %s", err.message);
      return CLI_USAGE;
    }
  compute (s);
  rc = write_outputs (&g, a);
  rs_surface_free (s);
  return rc;
}

/* Run the scene, slice it, compute the grid (or the basin map) and write
 * it. */
static int
surface_scene (const rs_scene *sc, const char *name, surf_args *a)
{
  rs_sim *sim = NULL;
  rs_slice *sl = NULL;
  int rc = cli_sim_run (sc, name, "surface: run", &sim);

  if (rc == CLI_OK)
    rc = slice_scene (sc, name, a, sim, &sl);
  if (rc == CLI_OK)
    rc = a->basin > 0 ? basin_scene (sc, name, a, sim, sl)
                      : grid_scene (sc, name, a, sim, sl);
  rs_slice_free (sl);
  rs_sim_free (sim);
  return rc;
}

int
cmd_surface (int argc, char **argv)
{
  surf_args a;
  rs_scene sc;
  int rc;

  memset (&a, 0, sizeof a);
  a.nu = a.nv = 101;
  rc = parse_options (argc, argv, &a);
  if (rc != CLI_OK)
    return rc < 0 ? CLI_OK : rc;
  if ((a.out != NULL && (rc = cli_check_folder (a.out)) != CLI_OK)
      || (a.path != NULL && (rc = cli_check_folder (a.path)) != CLI_OK))
    return rc;
  rc = cli_load_scene (a.scene, &sc);
  if (rc != CLI_OK)
    return rc;
  return surface_scene (&sc, cli_scene_name (a.scene), &a);
}
