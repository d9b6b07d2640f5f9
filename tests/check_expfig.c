/* check_expfig.c: the figures of `reluscape experiment ... -o fig.png`
 * (src/experiment/expfig.c and each experiment's plot): every plotted point is the
 * number of the experiment's CSV, born-dead's dashed curve is the closed
 * form 1 - (1 - 2^-N)^H computed here, the mapping from data to the page
 * is the linear (or log) one of the axes' window, a point is drawn where
 * the mapping says in its series' colour, and the files come out whole
 * in each format, or not at all. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "experiment/expfig.h"
#include "experiment/experiment.h"
#include "pixels.h"

/* One run of the command line's experiment: its options, its results,
 * its figure and its CSV as text. */
typedef struct {
  exp_args *a;
  exp_results *r;
  expfig_plot *p;
  char *csv;
} run;

/* Run args (the experiment's name first) as `reluscape experiment`
 * would, and make its figure and its CSV. */
static run
run_of (int argc, const char *const *args)
{
  char *argv[32];
  run x;
  size_t n;
  FILE *f;

  for (int i = 0; i < argc; i++)
    argv[i] = strdup (args[i]);
  ck_assert_int_eq (exp_run_args (argc, argv, &x.a, &x.r), CLI_OK);
  for (int i = 0; i < argc; i++)
    free (argv[i]);
  ck_assert_int_eq (exp_figure (x.a, x.r, &x.p), RS_OK);
  f = open_memstream (&x.csv, &n);
  ck_assert_ptr_nonnull (f);
  x.a->x->csv (f, x.a, x.r);
  ck_assert_int_eq (fclose (f), 0);
  return x;
}

#define RUN(args) run_of ((int) (sizeof args / sizeof args[0]), args)

static void
run_free (run *x)
{
  free (x->a);
  free (x->r);
  free (x->p);
  free (x->csv);
}

/* The column of name in the CSV's header, or -1. */
static int
csv_column (const char *csv, const char *name)
{
  size_t len = strcspn (csv, "\n"), k = strlen (name);
  int col = 0;

  for (const char *p = csv; p < csv + len; col++)
    {
      size_t w = strcspn (p, ",\n");

      if (w == k && strncmp (p, name, k) == 0)
        return col;
      p += w + 1;
    }
  return -1;
}

/* The cell of data row i (0: the first after the header), column name,
 * as a number (text cells give NAN). */
static double
csv_cell (const char *csv, size_t i, const char *name)
{
  int col = csv_column (csv, name);
  const char *p = strchr (csv, '\n') + 1;
  char *end;
  double v;

  ck_assert_int_ge (col, 0);
  for (size_t k = 0; k < i; k++)
    p = strchr (p, '\n') + 1;
  ck_assert_int_ne (*p, '#');
  for (int c = 0; c < col; c++)
    p += strcspn (p, ",") + 1;
  v = strtod (p, &end);
  return end == p ? NAN : v;
}

/* The data rows of the CSV (lines before the '# ' ones, header aside). */
static size_t
csv_rows (const char *csv)
{
  size_t n = 0;

  for (const char *p = strchr (csv, '\n') + 1; *p != '\0' && *p != '#';
       p = strchr (p, '\n') + 1)
    n++;
  return n;
}

/* born-dead on a domain of x >= 0 with biases 0: each width's points are
 * the CSV's rows, and its dashed curve is 1 - (1 - 2^-N)^H (rs_probe.h's
 * closed form, computed here from N and H). */
START_TEST (test_born_points_and_closed_form)
{
  static const char *const argv[] = { "born-dead", "--width", "2,3", "--depths", "1-5",
                   "--bias", "0", "--domain", "0,2.385", "--trials", "300",
                   "--seed", "7" };
  run x = RUN (argv);
  const expfig_panel *pn = &x.p->panel[0];
  static const size_t widths[] = { 2, 3 };

  ck_assert_uint_eq (x.p->n_panels, 1);
  ck_assert_uint_eq (pn->n_series, 4);
  ck_assert_uint_eq (csv_rows (x.csv), 10);
  for (size_t w = 0; w < 2; w++)
    {
      const expfig_series *s = &pn->s[2 * w], *c = &pn->s[2 * w + 1];

      ck_assert (!s->reference && c->reference);
      ck_assert_uint_eq (s->n, 5);
      ck_assert_uint_eq (c->n, 5);
      for (size_t d = 0; d < 5; d++)
        {
          size_t row = w * 5 + d;
          double H = (double) (d + 1), N = (double) widths[w];

          ck_assert_double_eq (csv_cell (x.csv, row, "width"), N);
          ck_assert_double_eq (s->x[d], csv_cell (x.csv, row, "depth"));
          ck_assert_double_eq (s->y[d], csv_cell (x.csv, row, "p"));
          ck_assert_double_eq (s->lo[d], csv_cell (x.csv, row, "lo"));
          ck_assert_double_eq (s->hi[d], csv_cell (x.csv, row, "hi"));
          ck_assert_double_eq (c->x[d], H);
          ck_assert_double_eq_tol (c->y[d], 1.0 - pow (1.0 - pow (2.0, -N),
                                                       H), 1e-15);
        }
    }
  run_free (&x);
}
END_TEST

/* On a symmetric domain with He biases there is no closed form: no
 * dashed curve, and the note says so. */
START_TEST (test_born_no_closed_form)
{
  static const char *const argv[] = { "born-dead", "--width", "3", "--depths", "2-4",
                   "--bias-init", "he_normal", "--trials", "50" };
  run x = RUN (argv);

  ck_assert_uint_eq (x.p->panel[0].n_series, 1);
  ck_assert_ptr_nonnull (strstr (x.p->note, "No closed form"));
  run_free (&x);
}
END_TEST

/* depth: both plots' points are 10^mean_log10_norm of the CSV's rows (at
 * depth 4 by layer; layer 1 by depth), their interval 10^(mean +- t sd /
 * sqrt(12)), t = 2.200985 the 0.975 quantile of Student's t with 11
 * degrees of freedom (from a table). */
START_TEST (test_depth_points)
{
  static const char *const argv[] = { "depth", "--act", "sigmoid,tanh", "--max-depth", "4",
                   "--width", "5", "--points", "9", "--trials", "12",
                   "--seed", "3" };
  run x = RUN (argv);
  const double t11 = 2.200985;

  ck_assert_uint_eq (x.p->n_panels, 2);
  for (size_t row = 0; row < csv_rows (x.csv); row++)
    {
      size_t act = row / 10, L = (size_t) csv_cell (x.csv, row, "depth");
      size_t l = (size_t) csv_cell (x.csv, row, "layer");
      double m = csv_cell (x.csv, row, "mean_log10_norm");
      double h = t11 * csv_cell (x.csv, row, "sd_log10_norm") / sqrt (12.0);
      const expfig_series *s[2] = { &x.p->panel[0].s[act],
                                    &x.p->panel[1].s[act] };
      size_t at[2] = { l - 1, L - 1 };

      ck_assert_double_eq (csv_cell (x.csv, row, "zeros"), 0.0);
      for (int k = 0; k < 2; k++)
        {
          if ((k == 0 && L != 4) || (k == 1 && l != 1))
            continue;
          ck_assert_double_eq (s[k]->x[at[k]], k == 0 ? (double) l
                                                      : (double) L);
          ck_assert_double_eq_tol (s[k]->y[at[k]], pow (10.0, m),
                                   1e-12 * pow (10.0, m));
          ck_assert_double_eq_tol (s[k]->lo[at[k]], pow (10.0, m - h),
                                   1e-6 * pow (10.0, m));
          ck_assert_double_eq_tol (s[k]->hi[at[k]], pow (10.0, m + h),
                                   1e-6 * pow (10.0, m));
        }
    }
  ck_assert_uint_eq (csv_rows (x.csv), 20);
  ck_assert (x.p->panel[0].log_y && x.p->panel[1].log_y);
  run_free (&x);
}
END_TEST

/* zero-grad: a category per activation, the point and interval of the
 * CSV, and the exact values Phi(0) = 1/2 for ReLU and 0 for tanh. */
START_TEST (test_zero_points)
{
  static const char *const argv[] = { "zero-grad", "--act", "relu,tanh", "--samples", "1000",
                   "--trials", "5" };
  run x = RUN (argv);
  const expfig_panel *pn = &x.p->panel[0];

  ck_assert_uint_eq (pn->n_cats, 2);
  ck_assert_str_eq (pn->cats[0], "relu");
  for (size_t i = 0; i < 2; i++)
    {
      ck_assert_double_eq (pn->s[0].x[i], (double) i);
      ck_assert_double_eq (pn->s[0].y[i], csv_cell (x.csv, i, "p"));
      ck_assert_double_eq (pn->s[0].lo[i], csv_cell (x.csv, i, "lo"));
      ck_assert_double_eq (pn->s[0].hi[i], csv_cell (x.csv, i, "hi"));
    }
  ck_assert (pn->s[1].reference);
  ck_assert_double_eq (pn->s[1].y[0], 0.5);
  ck_assert_double_eq (pn->s[1].y[1], 0.0);
  run_free (&x);
}
END_TEST

/* dead-sweep: the fractions and their intervals of the CSV against the
 * values, on a log x axis for rates a decade apart, where x maps to
 * box.x + (log10 x - x0) / (x1 - x0) * width, and y linearly. */
START_TEST (test_sweep_points_log_axis)
{
  static const char *const argv[] = { "dead-sweep", "--values", "0.01,0.1", "--seeds", "2",
                   "--set", "steps=200", RS_TOP_SRCDIR "/scenes/net-dead.scene" };
  run x = RUN (argv);
  const expfig_panel *pn = &x.p->panel[0];
  expfig_layout l;
  double px, py;

  ck_assert (pn->log_x);
  for (size_t v = 0; v < 2; v++)
    {
      ck_assert_double_eq (pn->s[0].x[v], csv_cell (x.csv, v, "value"));
      ck_assert_double_eq (pn->s[0].y[v], csv_cell (x.csv, v, "dead_start"));
      ck_assert_double_eq (pn->s[0].lo[v], csv_cell (x.csv, v, "lo_start"));
      ck_assert_double_eq (pn->s[1].y[v], csv_cell (x.csv, v, "dead_end"));
      ck_assert_double_eq (pn->s[1].hi[v], csv_cell (x.csv, v, "hi_end"));
    }
  expfig_layout_of (x.p, 900, 600, 1.0, &l);
  expfig_map (&l.ax[0], 0.1, 0.0, &px, &py);
  ck_assert_double_eq_tol (px, l.ax[0].box.x + (-1.0 - l.ax[0].x0)
                           / (l.ax[0].x1 - l.ax[0].x0) * l.ax[0].box.width,
                           1e-9);
  /* y from 0 (3 % of room below it) up: 0 maps to y1 / (y1 - y0) of the
     height down */
  ck_assert_double_eq_tol (l.ax[0].y0, -0.03 * l.ax[0].y1, 1e-12);
  ck_assert_double_eq_tol (py, l.ax[0].box.y + l.ax[0].y1
                           / (l.ax[0].y1 - l.ax[0].y0) * l.ax[0].box.height,
                           1e-9);
  expfig_map (&l.ax[0], 0.0, 0.5, &px, &py);   /* 0 is off a log axis */
  ck_assert (isnan (px));
  run_free (&x);
}
END_TEST

/* A point of born-dead's figure: on the page where the axes' window puts
 * it (the x window the depths 1 to 5 with 4 % either side, y [0, 1] with
 * 3 % beyond each end: [-0.03, 1.03]), and drawn there in its series'
 * colour, the theme's blue #0072b2. */
START_TEST (test_point_drawn_where_mapped)
{
  static const char *const argv[] = { "born-dead", "--width", "2", "--depths", "1-5",
                   "--bias", "0", "--domain", "0,1", "--trials", "100" };
  run x = RUN (argv);
  const expfig_series *s = &x.p->panel[0].s[0];
  cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                     900, 600);
  cairo_t *cr = cairo_create (img);
  expfig_layout l;
  rs_rect b;
  double px, py, x0 = 1.0 - 0.16, x1 = 5.0 + 0.16;
  unsigned c;

  expfig_layout_of (x.p, 900, 600, 1.0, &l);
  b = l.ax[0].box;
  expfig_map (&l.ax[0], s->x[2], s->y[2], &px, &py);
  ck_assert_double_eq_tol (px, b.x + (3.0 - x0) / (x1 - x0) * b.width,
                           1e-9);
  ck_assert_double_eq_tol (py, b.y + (1.03 - s->y[2]) / 1.06 * b.height,
                           1e-9);
  expfig_draw (cr, x.p, 900, 600, 1.0);
  cairo_surface_flush (img);
  c = image_pixel (img, px, py) & 0xffffff;   /* 0xRRGGBB */
  ck_assert_msg (abs ((int) (c >> 16) - 0x00) < 24
                 && abs ((int) (c >> 8 & 0xff) - 0x72) < 24
                 && abs ((int) (c & 0xff) - 0xb2) < 24,
                 "pixel %06x at (%g, %g), not the series' blue", c, px, py);
  cairo_destroy (cr);
  cairo_surface_destroy (img);
  run_free (&x);
}
END_TEST

/* The first bytes of the file at path into buf (n - 1 at most). */
static void
head_of (const char *path, char *buf, size_t n)
{
  FILE *f = fopen (path, "rb");
  size_t k;

  ck_assert_ptr_nonnull (f);
  k = fread (buf, 1, n - 1, f);
  buf[k] = '\0';
  fclose (f);
}

/* Each format comes out whole: a PNG's signature, "%PDF-", an SVG
 * element; a name of no format and a folder that does not exist give
 * an error naming the file and leave no file behind. */
START_TEST (test_write_formats)
{
  static const char *const argv[] = { "zero-grad", "--act", "relu", "--samples", "100",
                   "--trials", "2" };
  run x = RUN (argv);
  char dir[] = "/tmp/check_expfig.XXXXXX", path[256], msg[1200], head[300];
  static const char *const ext[] = { "png", "pdf", "svg" };

  ck_assert_ptr_nonnull (mkdtemp (dir));
  for (int k = 0; k < 3; k++)
    {
      snprintf (path, sizeof path, "%s/fig.%s", dir, ext[k]);
      ck_assert_int_eq (expfig_write (x.p, path, msg, sizeof msg), 0);
      head_of (path, head, sizeof head);
      if (k == 0)
        ck_assert_int_eq (memcmp (head, "\x89PNG\r\n\x1a\n", 8), 0);
      else if (k == 1)
        ck_assert_int_eq (strncmp (head, "%PDF-", 5), 0);
      else
        ck_assert_ptr_nonnull (strstr (head, "<svg"));
      unlink (path);
    }
  snprintf (path, sizeof path, "%s/fig.txt", dir);
  ck_assert_int_eq (expfig_write (x.p, path, msg, sizeof msg), -1);
  ck_assert_ptr_nonnull (strstr (msg, "fig.txt"));
  ck_assert_int_ne (access (path, F_OK), 0);
  snprintf (path, sizeof path, "%s/none/fig.pdf", dir);
  ck_assert_int_eq (expfig_write (x.p, path, msg, sizeof msg), -1);
  ck_assert_ptr_nonnull (strstr (msg, "fig.pdf"));
  ck_assert_int_eq (rmdir (dir), 0);
  run_free (&x);
}
END_TEST

static Suite *
expfig_suite (void)
{
  Suite *s = suite_create ("expfig");
  TCase *tc = tcase_create ("Core");

  tcase_add_test (tc, test_born_points_and_closed_form);
  tcase_add_test (tc, test_born_no_closed_form);
  tcase_add_test (tc, test_depth_points);
  tcase_add_test (tc, test_zero_points);
  tcase_add_test (tc, test_sweep_points_log_axis);
  tcase_add_test (tc, test_point_drawn_where_mapped);
  tcase_add_test (tc, test_write_formats);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (expfig_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
