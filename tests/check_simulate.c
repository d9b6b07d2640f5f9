/* check_simulate.c: the tables of reluscape simulate (src/export/table.c) for
 * what scenes cannot say yet: networks, a switch to Leaky ReLU mid-run,
 * bias warming.  The activity columns are checked against a second route,
 * the run itself rewound to each recorded point (rs_sim_rewind restores
 * its parameters and activations), and against what the run recorded of
 * its own (unit 0 of layer 1, the number of dead units). */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <reluscape/reluscape.h>

#include "cli/cli.h"
#include "export/table.h"

#define MAX_COLS 256
#define MAX_ROWS 512

/* A CSV table read back: the header and the rows, fields as text. */
typedef struct {
  char *text;
  size_t ncols;
  char *head[MAX_COLS];
  size_t nrows;
  char *cell[MAX_ROWS][MAX_COLS];
  char *summary;            /* the first comment line, and what follows */
} csv;

/* A network 1 -> 4 -> 3 -> 1, ReLU hidden layers, identity output, on
 * y = -1.7 x + 0.6 at 15 points, He initialisation from seed 2385; rate
 * 0.07 for 60 steps; every ReLU layer becomes Leaky ReLU (alpha 0.23) at
 * step 25; bias warming 0.31 held 10 steps from step 0, annealed over 10. */
static void
net_params (rs_sim_params *p)
{
  const size_t sizes[] = { 1, 4, 3, 1 };

  rs_sim_params_default (p);
  p->seed = 2385;
  p->n_points = 15;
  p->slope = -1.7;
  p->intercept = 0.6;
  p->noise = 0.0;
  rs_net_spec_init (&p->net, 3, sizes, rs_act_relu, rs_act_identity);
  p->rate = 0.07;
  p->steps = 60;
  p->n_events = 1;
  p->events[0] = (rs_sim_event) { 25, RS_SIM_SET_ALPHA, 0.23 };
  p->warming = (rs_warming) { 0.31, 0, 10, 10, RS_WARM_LINEAR };
}

/* The table of s in fmt as a string (the caller frees it). */
static char *
table_text (const rs_sim *s, rs_table_format fmt, size_t every)
{
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream (&buf, &len);

  ck_assert_ptr_nonnull (f);
  ck_assert_int_eq (rs_table_write (f, fmt, s, "test", every), 0);
  ck_assert_int_eq (fclose (f), 0);
  return buf;
}

/* Split text at sep in place into at most max fields. */
static size_t
split (char *text, char sep, char **field, size_t max)
{
  size_t n = 0;

  for (char *p = text; n < max; p++)
    {
      field[n++] = p;
      p = strchr (p, sep);
      if (p == NULL)
        break;
      *p = '\0';
    }
  return n;
}

/* Parse a CSV table: the header, rows until the first comment line. */
static void
csv_parse (csv *c, char *text)
{
  char *line = text, *eol;

  c->text = text;
  c->nrows = 0;
  c->summary = NULL;
  eol = strchr (line, '\n');
  ck_assert_ptr_nonnull (eol);
  *eol = '\0';
  c->ncols = split (line, ',', c->head, MAX_COLS);
  for (line = eol + 1; *line != '\0' && *line != '#'; line = eol + 1)
    {
      ck_assert_uint_lt (c->nrows, MAX_ROWS);
      eol = strchr (line, '\n');
      ck_assert_ptr_nonnull (eol);
      *eol = '\0';
      ck_assert_uint_eq (split (line, ',', c->cell[c->nrows], MAX_COLS),
                         c->ncols);
      c->nrows++;
    }
  c->summary = line;
}

/* The column called name, or fail. */
static size_t
column (const csv *c, const char *name)
{
  for (size_t k = 0; k < c->ncols; k++)
    if (strcmp (c->head[k], name) == 0)
      return k;
  ck_abort_msg ("no column %s", name);
  return 0;
}

/* Activity of every hidden unit of net at theta shifted by gamma, layer by
 * layer, into alive. */
static void
activity (const rs_net *net, const double *theta, double gamma,
          const rs_data *d, size_t *alive)
{
  rs_net *c = rs_net_clone (net, NULL);
  rs_net_workspace *w = rs_net_workspace_alloc (c, d->n, NULL);
  size_t k = 0;

  ck_assert_ptr_nonnull (w);
  memcpy (rs_net_params (c)->data, theta,
          rs_net_nparams (c) * sizeof (double));
  rs_warming_shift (c, rs_net_params (c), gamma);
  ck_assert_int_eq (rs_net_forward (c, d->x, d->n, w), RS_OK);
  for (size_t l = 1; l < rs_net_layers (c); l++)
    {
      rs_net_activity (c, w, l, alive + k, NULL);
      k += rs_net_units (c, l);
    }
  rs_net_workspace_free (w);
  rs_net_free (c);
}

/* The header: step, loss, gnorm, the parameters in the order and with the
 * names of rs_net_param_name, one activity column per hidden unit (4 + 3),
 * then rate, gamma, temperature, events. */
START_TEST (test_net_header)
{
  rs_sim_params p;
  rs_sim *s;
  csv c;
  char name[64];
  size_t np, k;

  net_params (&p);
  s = rs_sim_alloc (&p, NULL);
  ck_assert_ptr_nonnull (s);
  ck_assert_int_eq (rs_sim_run (s), RS_OK);
  csv_parse (&c, table_text (s, RS_TABLE_CSV, 1));
  np = rs_net_nparams (rs_sim_net (s));
  /* 1*4 + 4 weights and biases, 4*3 + 3, 3*1 + 1 */
  ck_assert_uint_eq (np, 8 + 15 + 4);
  ck_assert_uint_eq (c.ncols, 3 + np + 7 + 4);
  ck_assert_str_eq (c.head[0], "step");
  ck_assert_str_eq (c.head[1], "loss");
  ck_assert_str_eq (c.head[2], "gnorm");
  for (k = 0; k < np; k++)
    ck_assert_str_eq (c.head[3 + k],
                      rs_net_param_name (rs_sim_net (s), k, name,
                                         sizeof name));
  ck_assert_str_eq (c.head[3], "W1[0][0]");
  ck_assert_str_eq (c.head[3 + np - 1], "b3[0]");
  ck_assert_str_eq (c.head[3 + np], "alive1[0]");
  ck_assert_str_eq (c.head[3 + np + 3], "alive1[3]");
  ck_assert_str_eq (c.head[3 + np + 4], "alive2[0]");
  ck_assert_str_eq (c.head[3 + np + 6], "alive2[2]");
  ck_assert_str_eq (c.head[c.ncols - 4], "rate");
  ck_assert_str_eq (c.head[c.ncols - 1], "events");
  free (c.text);
  rs_sim_free (s);
}
END_TEST

/* Every row: its parameters are the recorded ones, bit for bit (the
 * numbers read back exactly); alive1[0] is what the run recorded as
 * unit 0's activity; the zeros among ReLU layers' activities are the run's
 * own count of dead units. */
START_TEST (test_net_rows_agree_with_run)
{
  rs_sim_params p;
  rs_sim *s;
  csv c;
  size_t np, a0, dead;

  net_params (&p);
  s = rs_sim_alloc (&p, NULL);
  ck_assert_int_eq (rs_sim_run (s), RS_OK);
  csv_parse (&c, table_text (s, RS_TABLE_CSV, 1));
  np = rs_net_nparams (rs_sim_net (s));
  a0 = column (&c, "alive1[0]");
  ck_assert_uint_eq (c.nrows, rs_sim_n_recorded (s));
  for (size_t i = 0; i < c.nrows; i++)
    {
      const rs_sim_point *pt = rs_sim_recorded (s, i);
      const double *theta = rs_sim_theta (s, i);

      ck_assert_uint_eq (strtoul (c.cell[i][0], NULL, 10), pt->step);
      ck_assert (strtod (c.cell[i][1], NULL) == pt->loss);
      ck_assert (strtod (c.cell[i][column (&c, "gamma")], NULL)
                 == pt->gamma);
      for (size_t k = 0; k < np; k++)
        ck_assert (strtod (c.cell[i][3 + k], NULL) == theta[k]);
      ck_assert_uint_eq (strtoul (c.cell[i][a0], NULL, 10), pt->active);
      /* before the switch every hidden layer is ReLU, after it none is */
      dead = 0;
      for (size_t k = a0; k < a0 + 7 && pt->step < 25; k++)
        dead += strcmp (c.cell[i][k], "0") == 0;
      if (pt->step < 25)
        ck_assert_uint_eq (dead, pt->dead);
    }
  ck_assert_str_eq (c.cell[0][c.ncols - 1], "start");
  free (c.text);
  rs_sim_free (s);
}
END_TEST

/* Every activity column against the run rewound to that point, from the
 * last point back (a rewind drops the points after it).  The test can
 * fail: replayed with the final activations (Leaky ReLU throughout),
 * layer 2's activity differs at some point before the switch. */
START_TEST (test_net_alive_by_rewind)
{
  rs_sim_params p;
  rs_sim *s;
  csv c;
  size_t a0, alive[7], wrong[7], differs = 0;
  const rs_net *final;

  net_params (&p);
  s = rs_sim_alloc (&p, NULL);
  ck_assert_int_eq (rs_sim_run (s), RS_OK);
  csv_parse (&c, table_text (s, RS_TABLE_CSV, 1));
  a0 = column (&c, "alive1[0]");
  final = rs_net_clone (rs_sim_net (s), NULL);
  for (size_t i = c.nrows; i-- > 0;)
    {
      const rs_sim_point *pt = rs_sim_recorded (s, i);

      activity (final, rs_sim_theta (s, i), pt->gamma, rs_sim_data (s),
                wrong);
      ck_assert_int_eq (rs_sim_rewind (s, i), RS_OK);
      activity (rs_sim_net (s), rs_sim_theta (s, i), pt->gamma,
                rs_sim_data (s), alive);
      for (size_t k = 0; k < 7; k++)
        {
          ck_assert_uint_eq (strtoul (c.cell[i][a0 + k], NULL, 10),
                             alive[k]);
          differs += wrong[k] != alive[k];
        }
    }
  ck_assert_uint_gt (differs, 0);
  rs_net_free ((rs_net *) final);
  free (c.text);
  rs_sim_free (s);
}
END_TEST

/* The switch to Leaky ReLU is an event of its own point at step 25. */
START_TEST (test_net_act_event)
{
  rs_sim_params p;
  rs_sim *s;
  csv c;
  size_t ev, found = 0;

  net_params (&p);
  s = rs_sim_alloc (&p, NULL);
  ck_assert_int_eq (rs_sim_run (s), RS_OK);
  csv_parse (&c, table_text (s, RS_TABLE_CSV, 1));
  ev = column (&c, "events");
  for (size_t i = 0; i < c.nrows; i++)
    if (strcmp (c.cell[i][ev], "act") == 0)
      {
        ck_assert_str_eq (c.cell[i][0], "25");
        found++;
      }
  ck_assert_uint_eq (found, 1);
  /* 60 steps, the start, and the switch's own point */
  ck_assert_uint_eq (c.nrows, 62);
  free (c.text);
  rs_sim_free (s);
}
END_TEST

/* The summary of a network's run, and the points of every K-th step,
 * those with events and the last. */
START_TEST (test_net_summary_every)
{
  rs_sim_params p;
  rs_sim *s;
  csv c;
  char want[64];

  net_params (&p);
  s = rs_sim_alloc (&p, NULL);
  ck_assert_int_eq (rs_sim_run (s), RS_OK);
  csv_parse (&c, table_text (s, RS_TABLE_CSV, 9));
  /* steps 0, 9, 18, 27, ..., 54, the switch's point at step 25 and the
   last, step 60: 7 + 1 + 1 */
  ck_assert_uint_eq (c.nrows, 9);
  ck_assert_str_eq (c.cell[2][0], "18");
  ck_assert_str_eq (c.cell[3][0], "25");
  ck_assert_str_eq (c.cell[4][0], "27");
  ck_assert_str_eq (c.cell[7][0], "54");
  ck_assert_str_eq (c.cell[8][0], "60");
  snprintf (want, sizeof want, "# outcome: %s\n",
            rs_sim_status_name (rs_sim_test (s)));
  ck_assert_ptr_nonnull (strstr (c.summary, want));
  ck_assert_ptr_nonnull (strstr (c.summary, "# seed: 2385\n"));
  ck_assert_ptr_nonnull (strstr (c.summary, "# steps: 60\n"));
  ck_assert_ptr_null (strstr (c.summary, "diverged"));
  free (c.text);
  rs_sim_free (s);
}
END_TEST

/* JSON: the names of the parameters and units, one object per point. */
START_TEST (test_net_json)
{
  rs_sim_params p;
  rs_sim *s;
  char *text;
  size_t n = 0;

  net_params (&p);
  s = rs_sim_alloc (&p, NULL);
  ck_assert_int_eq (rs_sim_run (s), RS_OK);
  text = table_text (s, RS_TABLE_JSON, 1);
  ck_assert_ptr_nonnull (strstr (text, "\"parameters\": [\"W1[0][0]\", "
                                 "\"W1[1][0]\""));
  ck_assert_ptr_nonnull (strstr (text, "\"units\": [{\"layer\": 1, \"unit\": "
                                 "0}, {\"layer\": 1, \"unit\": 1}"));
  ck_assert_ptr_nonnull (strstr (text, "{\"layer\": 2, \"unit\": 2}]"));
  for (const char *q = text; (q = strstr (q, "{\"step\": ")) != NULL; q++)
    n++;
  ck_assert_uint_eq (n, 62);
  ck_assert_ptr_nonnull (strstr (text, "\"events\": [\"act\"]"));
  ck_assert_ptr_nonnull (strstr (text, "\"divergence\": null}\n}\n"));
  free (text);
  rs_sim_free (s);
}
END_TEST

/* The formats by extension, case aside; the extension for messages. */
static const struct {
  const char *path;
  rs_table_format fmt;
  const char *suffix;
} names[] = {
  { "run.csv", RS_TABLE_CSV, ".csv" },
  { "a/b/RUN.JSON", RS_TABLE_JSON, ".JSON" },
  { "run.txt", RS_TABLE_NONE, ".txt" },
  { "run", RS_TABLE_NONE, "" },
  { "x.csv/run", RS_TABLE_NONE, "" },
  { "run.csv.gz", RS_TABLE_NONE, ".gz" },
};

START_TEST (test_format_of)
{
  ck_assert_int_eq (rs_table_format_of (names[_i].path), names[_i].fmt);
  ck_assert_str_eq (rs_table_suffix (names[_i].path), names[_i].suffix);
}
END_TEST

/* A failed write is reported with its errno, whatever the format. */
START_TEST (test_write_error)
{
  rs_sim_params p;
  rs_sim *s;
  FILE *f = fopen ("/dev/full", "w");

  if (f == NULL)
    return;   /* no /dev/full here */
  setvbuf (f, NULL, _IONBF, 0);
  net_params (&p);
  p.steps = 3;
  s = rs_sim_alloc (&p, NULL);
  ck_assert_int_eq (rs_sim_run (s), RS_OK);
  ck_assert_int_eq (rs_table_write (f, _i == 0 ? RS_TABLE_CSV
                                    : RS_TABLE_JSON, s, "x", 1), ENOSPC);
  fclose (f);
  rs_sim_free (s);
}
END_TEST

/* The size of a run before it is made, counted by hand: network 1 4 1 on
 * 24 points takes per point 1 * 4 multiply-adds forward and 1 * 4 for
 * W1's gradient (layer 1: no input gradient), 4 * 1 forward, for W2's
 * gradient and for the input gradient of layer 2: 20 multiply-adds, 40
 * flops, 960 for the 24 points.  A network 64 times as wide in its hidden
 * layer takes 64 times the flops; memory grows with the parameters. */
START_TEST (test_run_estimate)
{
  rs_scene sc;
  const char *text = "network 1 4 1\npoints 24\n";
  double small_bytes;

  ck_assert_int_eq (rs_scene_parse (&sc, text, strlen (text), "t", NULL),
                    RS_OK);
  ck_assert_double_eq (cli_run_flops (&sc.sim), 960.0);
  small_bytes = cli_run_bytes (&sc.sim);
  text = "network 1 256 1\npoints 24\n";
  ck_assert_int_eq (rs_scene_parse (&sc, text, strlen (text), "t", NULL),
                    RS_OK);
  ck_assert_double_eq (cli_run_flops (&sc.sim), 960.0 * 64);
  ck_assert (cli_run_bytes (&sc.sim) > small_bytes);
}
END_TEST

static Suite *
simulate_suite (void)
{
  Suite *s = suite_create ("simulate");
  TCase *core = tcase_create ("Core");
  TCase *errors = tcase_create ("Errors");

  tcase_add_test (core, test_run_estimate);
  tcase_add_test (core, test_net_header);
  tcase_add_test (core, test_net_rows_agree_with_run);
  tcase_add_test (core, test_net_alive_by_rewind);
  tcase_add_test (core, test_net_act_event);
  tcase_add_test (core, test_net_summary_every);
  tcase_add_test (core, test_net_json);
  tcase_add_loop_test (core, test_format_of, 0,
                       (int) (sizeof names / sizeof names[0]));
  suite_add_tcase (s, core);
  tcase_add_loop_test (errors, test_write_error, 0, 2);
  suite_add_tcase (s, errors);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (simulate_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
