/* check_panels.c: the panels and the themes (src/draw/pane.c, src/panel_*.c, src/draw/theme.c). */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <gsl/gsl_errno.h>

#include "draw/panels.h"
#include "pixels.h"

typedef void (*panel_fn) (cairo_t *, rs_rect, const rs_panel_ctx *);

static const panel_fn panels[] = {
  rs_panel_timeline, rs_panel_network, rs_panel_activation,
  rs_panel_histogram, rs_panel_depth, rs_panel_heads, rs_panel_data
};
#define N_PANELS ((int) (sizeof panels / sizeof panels[0]))

/* A colour no panel draws with, painted everywhere before a panel. */
#define SENTINEL 0xffff00ffu

/* 1-16-1 ReLU net on 64 points that loses 12 of its 16 units (the text
 * of scenes/net-dead.scene, whose comment counts them). */
static const char net_dead[] =
  "title \"Twelve of sixteen ReLU units die in the first steps\"\n"
  "seed 6\ndata sine 64\nnoise 0.05\nnetwork 1 16 1\nactivation relu\n"
  "output identity\ninit he_normal\nbias 0\nloss mse\noptimizer gd\n"
  "rate 0.5\nat 100 rate 0.05\nsteps 1000\n";

/* The same network kicked at step 300, with a beat there (net-kick). */
static const char net_kick[] =
  "seed 6\ndata sine 64\nnoise 0.05\nnetwork 1 16 1\nactivation relu\n"
  "rate 0.5\nat 100 rate 0.05\nkick at 300 sigma 1 biases seed 4\n"
  "at 300 beat\nsteps 1200\n";

/* One ReLU neuron whose first point x = -1 sits on the kink at the start
 * w = 1, b = 1 (scenes/c03-kink.scene). */
static const char kink[] =
  "seed 1\npoints 24\nline 2 1\nnoise 0\nactivation relu\nkink 0\n"
  "start 1 1\nrate 0.3\nsteps 200\n";

/* A Leaky ReLU network at a rate it cannot survive: the loss goes to
 * 1e240 and then NaN. */
static const char diverge[] =
  "seed 2\ndata line 16\nnetwork 1 8 1\nactivation leaky_relu\nrate 30\n"
  "steps 40\n";

static rs_scene scene;
static rs_sim *sim;

/* Parse text into the scene and run it for at most steps steps. */
static void
run_text (const char *text, size_t steps)
{
  rs_error err;

  ck_assert_int_eq (rs_scene_parse (&scene, text, strlen (text), "test",
                                    &err), RS_OK);
  sim = rs_sim_alloc (&scene.sim, &err);
  ck_assert_ptr_nonnull (sim);
  for (size_t i = 0; i < steps && i < scene.sim.steps; i++)
    if (rs_sim_iterate (sim) != RS_OK)
      break;
}

static void
teardown (void)
{
  rs_sim_free (sim);
  sim = NULL;
}

static rs_panel_ctx
ctx_of (size_t at, const rs_theme *t, double s)
{
  rs_panel_ctx c = { &scene, sim, at, t, NULL, s, NULL, NULL };

  return c;
}

static size_t
last_point (void)
{
  return rs_sim_n_recorded (sim) - 1;
}

/* An ARGB image of w x h painted with the sentinel, and its cairo_t. */
static cairo_t *
canvas (int w, int h)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (s);

  cairo_surface_destroy (s);
  cairo_set_source_rgb (cr, 1, 0, 1);
  cairo_paint (cr);
  return cr;
}

/* Pixel (x, y) of what cr draws into. */
static uint32_t
pixel (cairo_t *cr, int x, int y)
{
  return image_pixel (cairo_get_target (cr), x, y);
}

/* Every pixel outside r still the sentinel; returns how many pixels
 * inside r are not. */
static long
check_inside (cairo_t *cr, rs_rect r, int w, int h)
{
  long changed = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        int in = x >= r.x && x < r.x + r.width && y >= r.y
                 && y < r.y + r.height;
        uint32_t p = pixel (cr, x, y);
        if (!in)
          ck_assert_msg (p == SENTINEL, "pixel (%d, %d) outside r drawn", x,
                         y);
        else
          changed += p != SENTINEL;
      }
  return changed;
}

/* Draw panel i into r of a w x h canvas with cr's state set to
 * recognisable values, and check that the state and the current point
 * are as they were afterwards. */
static cairo_t *
draw_checked (int i, rs_rect r, const rs_panel_ctx *c, int w, int h)
{
  cairo_t *cr = canvas (w, h);
  cairo_matrix_t m;
  double x, y, red, green, blue, alpha;

  cairo_set_line_width (cr, 3.25);
  cairo_set_source_rgba (cr, 0.25, 0.5, 0.75, 0.5);
  cairo_move_to (cr, 17.5, 9.25);
  panels[i] (cr, r, c);
  ck_assert_int_eq (cairo_status (cr), CAIRO_STATUS_SUCCESS);
  ck_assert_double_eq (cairo_get_line_width (cr), 3.25);
  cairo_get_matrix (cr, &m);
  ck_assert (m.xx == 1 && m.yy == 1 && m.xy == 0 && m.yx == 0 && m.x0 == 0
             && m.y0 == 0);
  ck_assert_int_eq (cairo_pattern_get_rgba (cairo_get_source (cr), &red,
                                            &green, &blue, &alpha),
                    CAIRO_STATUS_SUCCESS);
  ck_assert (red == 0.25 && green == 0.5 && blue == 0.75 && alpha == 0.5);
  ck_assert (cairo_has_current_point (cr));
  cairo_get_current_point (cr, &x, &y);
  ck_assert (x == 17.5 && y == 9.25);
  return cr;
}

/* ---- Core ------------------------------------------------------------- */

/* Each panel fills its (unround) rectangle and nothing else, with more
 * than its background, and leaves cr as it found it. */
START_TEST (test_inside_rect)
{
  rs_rect r = { 37, 23, 431, 297 };
  rs_panel_ctx c;
  cairo_t *cr;
  long changed;

  run_text (net_kick, 1200);
  c = ctx_of (last_point () / 2, _i % 2 ? rs_theme_dark ()
                                        : rs_theme_light (), 600.0 / 900.0);
  cr = draw_checked (_i / 2, r, &c, 600, 400);
  changed = check_inside (cr, r, 600, 400);
  ck_assert_int_eq (changed, (long) (r.width * r.height));
  cairo_destroy (cr);
}
END_TEST

/* The dark theme's page is its bg (projectors: dark grey) and its text
 * light; the light theme's the reverse. */
START_TEST (test_dark_background)
{
  rs_rect r = { 20, 10, 560, 380 };
  const rs_theme *t = rs_theme_dark ();
  rs_panel_ctx c;
  cairo_t *cr;

  run_text (kink, 200);
  c = ctx_of (last_point (), t, 600.0 / 900.0);
  cr = draw_checked (_i, r, &c, 600, 400);
  ck_assert_int_eq (colour_distance (pixel (cr, 23, 13), t->bg), 0);
  ck_assert_int_eq (colour_distance (pixel (cr, 23, 386), t->bg), 0);
  ck_assert_double_lt (t->bg.r + t->bg.g + t->bg.b, 0.6);
  ck_assert_double_gt (t->bg.r + t->bg.g + t->bg.b, 0.15);
  ck_assert_double_gt (t->fg.r + t->fg.g + t->fg.b, 2.4);
  cairo_destroy (cr);
}
END_TEST

/* The Okabe-Ito colours the header promises: blue #0072B2 (sky blue
 * #56B4E9 on dark), orange #E69F00, bluish green #009E73, vermillion
 * #D55E00. */
START_TEST (test_theme_colours)
{
  const rs_theme *l = rs_theme_light (), *d = rs_theme_dark ();

  ck_assert_str_eq (l->name, "light");
  ck_assert_str_eq (d->name, "dark");
  ck_assert_double_eq_tol (l->accent.g, 0x72 / 255.0, 1e-12);
  ck_assert_double_eq_tol (l->accent.b, 0xb2 / 255.0, 1e-12);
  ck_assert_double_eq_tol (d->accent.r, 0x56 / 255.0, 1e-12);
  ck_assert_double_eq_tol (l->second.r, 0xe6 / 255.0, 1e-12);
  ck_assert_double_eq_tol (l->alive.g, 0x9e / 255.0, 1e-12);
  ck_assert_double_eq_tol (l->dead.r, 0xd5 / 255.0, 1e-12);
  ck_assert_double_eq_tol (l->bg.r + l->bg.g + l->bg.b, 3.0, 1e-12);
}
END_TEST

/* Text: its width grows in proportion to its size; markup with Greek
 * letters, primes and sub/superscripts, and text that is not valid
 * markup, are measured and drawn without error. */
START_TEST (test_text)
{
  cairo_t *cr = canvas (200, 100);
  double w1, h1, w2, h2, w;

  rs_text_size (cr, NULL, "loss of the network", 20, 0, &w1, &h1);
  rs_text_size (cr, "Serif", "loss of the network", 40, 0, &w2, &h2);
  ck_assert_double_gt (w1, 50);
  ck_assert_double_gt (h1, 15);
  rs_text_size (cr, NULL, "loss of the network", 40, 0, &w2, &h2);
  ck_assert_double_eq_tol (w2 / w1, 2.0, 0.15);
  ck_assert_double_eq_tol (h2 / h1, 2.0, 0.15);
  w = rs_text (cr, NULL, 10, 10, "α σ′ W<sub>1</sub> e<sup>−z</sup>", 14,
               1, 0.5, 0.5, 0.3);
  ck_assert_double_gt (w, 20);
  rs_text_size (cr, NULL, "<b>unclosed & raw", 14, 0, &w, NULL);
  ck_assert_double_gt (w, 20);
  ck_assert_int_eq (cairo_status (cr), CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
}
END_TEST

/* ---- Numbers ---------------------------------------------------------- */

/* Layer 1's z = W1[j][0] x + b1[j] counted here from the parameters of
 * point at, looked up by name: on how many (j, point) pairs z <= 0, and
 * for unit j alone on how many points z > 0 (active[j]). */
static size_t
count_below (size_t at, size_t *active)
{
  const rs_net *net = rs_sim_net (sim);
  const rs_data *d = rs_sim_data (sim);
  const double *th = rs_sim_theta (sim, at);
  size_t below = 0;

  for (size_t j = 0; j < rs_net_units (net, 1); j++)
    {
      char name[32];
      size_t iw, ib;
      snprintf (name, sizeof name, "W1[%zu][0]", j);
      ck_assert_int_eq (rs_net_param_lookup (net, name, &iw, NULL), RS_OK);
      snprintf (name, sizeof name, "b1[%zu]", j);
      ck_assert_int_eq (rs_net_param_lookup (net, name, &ib, NULL), RS_OK);
      if (active != NULL)
        active[j] = 0;
      for (size_t i = 0; i < d->n; i++)
        {
          double z = th[iw] * d->x[i] + th[ib];
          below += z <= 0.0;
          if (active != NULL)
            active[j] += z > 0.0;
        }
    }
  return below;
}

/* The histogram's split against a direct count at the start, half-way
 * and at the end of the run; at the start, with biases 0 and inputs
 * symmetric about 0 (64 points evenly spaced on [-1, 1], none at 0),
 * every unit is inactive on exactly 32 points: 512 of 1024. */
START_TEST (test_histogram_split)
{
  size_t pts[3], below, above;
  rs_panel_ctx c;

  run_text (net_dead, 1000);
  pts[0] = 0;
  pts[1] = last_point () / 2;
  pts[2] = last_point ();
  for (int q = 0; q < 3; q++)
    {
      c = ctx_of (pts[q], NULL, 1.0);
      ck_assert_int_eq (rs_panel_histogram_split (&c, &below, &above),
                        RS_OK);
      ck_assert_uint_eq (below + above, 16 * 64);
      ck_assert_uint_eq (below, count_below (pts[q], NULL));
    }
  c = ctx_of (0, NULL, 1.0);
  rs_panel_histogram_split (&c, &below, &above);
  ck_assert_uint_eq (below, 512);
  ck_assert_uint_eq (above, 512);
}
END_TEST

/* The single neuron at the kink start: z = x + 1 is 0 at x = -1 and
 * positive at the other 23 points; 0 counts as z <= 0. */
START_TEST (test_histogram_neuron)
{
  size_t below, above;
  rs_panel_ctx c;

  run_text (kink, 0);
  c = ctx_of (0, NULL, 1.0);
  ck_assert_int_eq (rs_panel_histogram_split (&c, &below, &above), RS_OK);
  ck_assert_uint_eq (below, 1);
  ck_assert_uint_eq (above, 23);
}
END_TEST

/* The fan at the kink (C3): ReLU's subdifferential at 0 is [0, 1], Leaky
 * ReLU's [alpha, 1], PReLU's [a, 1]; the convention's slope is
 * lo + kink (hi - lo); smooth activations have no fan. */
START_TEST (test_kink_fan)
{
  double sl[7], bold;

  ck_assert_uint_eq (rs_panel_kink_fan (rs_act_relu, 0, 0.0, sl, 7, &bold),
                     7);
  ck_assert_double_eq (bold, 0.0);
  ck_assert_double_eq (sl[0], 0.0);
  ck_assert_double_eq_tol (sl[3], 0.5, 1e-15);
  ck_assert_double_eq (sl[6], 1.0);
  rs_panel_kink_fan (rs_act_relu, 0, 1.0, sl, 7, &bold);
  ck_assert_double_eq (bold, 1.0);
  rs_panel_kink_fan (rs_act_relu, 0, 0.385, sl, 7, &bold);
  ck_assert_double_eq_tol (bold, 0.385, 1e-15);
  rs_panel_kink_fan (rs_act_leaky_relu, 0.15, 0.0, sl, 7, &bold);
  ck_assert_double_eq_tol (bold, 0.15, 1e-15);
  ck_assert_double_eq_tol (sl[6], 1.0, 1e-15);
  rs_panel_kink_fan (rs_act_leaky_relu, 0.15, 0.5, sl, 7, &bold);
  ck_assert_double_eq_tol (bold, 0.575, 1e-15);
  rs_panel_kink_fan (rs_act_prelu, 0.25, 1.0, sl, 7, &bold);
  ck_assert_double_eq_tol (sl[0], 0.25, 1e-15);
  ck_assert_double_eq_tol (bold, 1.0, 1e-15);
  ck_assert_uint_eq (rs_panel_kink_fan (rs_act_sigmoid, 0, 0.5, sl, 7,
                                        &bold), 0);
  ck_assert_uint_eq (rs_panel_kink_fan (rs_act_softplus, 1, 0.5, sl, 7,
                                        &bold), 0);
}
END_TEST

/* ---- Geometry --------------------------------------------------------- */

/* How far pixel p lies along the way from colour a to colour b (0 at a,
 * 1 at b, clamped), or 0 when it lies off that segment by more than 20
 * levels in some channel (another colour). */
static double
coverage (uint32_t p, rs_rgb a, rs_rgb b)
{
  double pc[3] = { (p >> 16 & 0xff) / 255.0, (p >> 8 & 0xff) / 255.0,
                   (p & 0xff) / 255.0 };
  double ac[3] = { a.r, a.g, a.b }, bc[3] = { b.r, b.g, b.b };
  double num = 0.0, den = 0.0, t;

  for (int q = 0; q < 3; q++)
    {
      num += (pc[q] - ac[q]) * (bc[q] - ac[q]);
      den += (bc[q] - ac[q]) * (bc[q] - ac[q]);
    }
  t = fmin (fmax (num / den, 0.0), 1.0);
  for (int q = 0; q < 3; q++)
    if (fabs (ac[q] + t * (bc[q] - ac[q]) - pc[q]) > 20.0 / 255.0)
      return 0.0;
  return t;
}

/* The timeline's x: step 0 at the plot's left, the last step (1200, the
 * scene's length) at its right, linear in between; and the line of the
 * point shown is drawn there.  Along a row of the plot, that line (fg,
 * opaque, about one pixel wide) is the one place where the coverage by
 * the foreground colour adds up to nearly a pixel within three columns
 * (the event marks are lighter, translucent and thinner); its centre of
 * coverage must be the mapped x. */
START_TEST (test_timeline_x)
{
  rs_rect r = { 0, 0, 600, 400 };
  const rs_theme *t = _i ? rs_theme_dark () : rs_theme_light ();
  double cov[600] = { 0 }, want, sum = 0.0, wsum = 0.0;
  int x0 = -1, x1 = -1, y;
  rs_panel_ctx c;
  rs_rect plot;
  size_t at = 0;
  cairo_t *cr;

  run_text (net_kick, 1200);
  while (rs_sim_recorded (sim, at)->step != 700)
    at++;
  c = ctx_of (at, t, 600.0 / 900.0);
  plot = rs_panel_timeline_plot (r, &c);
  ck_assert_double_eq_tol (rs_panel_timeline_x (r, &c, 0), plot.x, 1e-9);
  ck_assert_double_eq_tol (rs_panel_timeline_x (r, &c, 1200),
                           plot.x + plot.width, 1e-9);
  want = plot.x + 700.0 / 1200.0 * plot.width;
  ck_assert_double_eq_tol (rs_panel_timeline_x (r, &c, 700), want, 1e-9);
  cr = draw_checked (0, r, &c, 600, 400);
  y = (int) (plot.y + 0.45 * plot.height);
  for (int x = (int) plot.x + 2; x < plot.x + plot.width - 2; x++)
    cov[x] = coverage (pixel (cr, x, y), t->panel, t->fg);
  for (int x = 1; x < 599; x++)
    if (cov[x - 1] + cov[x] + cov[x + 1] > 0.85)
      {
        ck_assert_msg (x0 < 0 || x <= x1 + 1, "a second line at x = %d", x);
        x0 = x0 < 0 ? x - 1 : x0;
        x1 = x + 1;
      }
  ck_assert_int_ge (x0, 0);
  for (int x = x0; x <= x1; x++)
    {
      sum += cov[x] * (x + 0.5);
      wsum += cov[x];
    }
  ck_assert_double_eq_tol (sum / wsum, want, 0.5);
  cairo_destroy (cr);
}
END_TEST

/* A change of the training settings is marked on the timeline at its
 * step: net-dead with the kink convention changed to f'(0) = 0.5 at step
 * 500 (which moves nothing: no unit's input is exactly 0) against the
 * same run unchanged.  Along a row through the plot the two drawings
 * differ only within 3 pixels of step 500's x, where the change's mark
 * is; above the plot's middle they also differ right of it, where the
 * mark's label is written. */
START_TEST (test_timeline_train_mark)
{
  rs_rect r = { 0, 0, 600, 400 }, plot;
  rs_sim *plain;
  rs_sim_training t;
  rs_panel_ctx c;
  cairo_t *a, *b;
  double x500;
  int y, label = 0;

  run_text (net_dead, 500);
  rs_sim_get_training (sim, &t);
  t.kink = 0.5;
  ck_assert_int_eq (rs_sim_set_training (sim, &t, NULL), RS_OK);
  ck_assert (rs_sim_current (sim)->events & RS_EVENT_TRAIN);
  rs_sim_run (sim);
  plain = rs_sim_alloc (&scene.sim, NULL);
  ck_assert_ptr_nonnull (plain);
  rs_sim_run (plain);
  ck_assert (rs_sim_current (plain)->loss == rs_sim_current (sim)->loss);
  c = ctx_of (last_point (), rs_theme_light (), 600.0 / 900.0);
  plot = rs_panel_timeline_plot (r, &c);
  x500 = rs_panel_timeline_x (r, &c, 500);
  a = draw_checked (0, r, &c, 600, 400);
  {
    rs_sim *changed = sim;

    sim = plain;
    c = ctx_of (last_point (), rs_theme_light (), 600.0 / 900.0);
    b = draw_checked (0, r, &c, 600, 400);
    sim = changed;
  }
  y = (int) (plot.y + 0.6 * plot.height);
  for (int x = 0; x < 600; x++)
    if (pixel (a, x, y) != pixel (b, x, y))
      ck_assert_msg (fabs (x + 0.5 - x500) <= 3.0,
                     "the drawings differ at x = %d, step 500 is at %.1f", x,
                     x500);
  ck_assert (pixel (a, (int) x500, y) != pixel (b, (int) x500, y));
  for (int yy = (int) plot.y; yy < plot.y + 0.5 * plot.height; yy++)
    for (int x = (int) x500 + 4; x < x500 + 120 && x < 600; x++)
      label += pixel (a, x, yy) != pixel (b, x, yy);
  ck_assert_int_gt (label, 20);
  cairo_destroy (a);
  cairo_destroy (b);
  rs_sim_free (plain);
}
END_TEST

/* The network at the end of net-dead: 12 of its 16 hidden units dead,
 * as the run counts them; each unit is a pie of the share k / 64 of the
 * points it is active on, k counted here from W1 and b1, in the alive
 * colour clockwise from the top, the rest in the dead colour: probed
 * right of, below and left of the centre (angles pi/2, pi, 3 pi/2 from
 * the top, clear of a dead unit's diagonal cross), each probe alive
 * exactly when its angle is below 2 pi k / 64 (probes within 0.2 rad of
 * the pie's edge skipped). */
START_TEST (test_network_colours)
{
  rs_rect r = { 0, 0, 600, 400 };
  const rs_theme *t = _i ? rs_theme_dark () : rs_theme_light ();
  rs_sim_unit dead[16];
  size_t active[16], ndead = 0, probes = 0;
  rs_panel_ctx c;
  cairo_t *cr;

  run_text (net_dead, 1000);
  c = ctx_of (last_point (), t, 600.0 / 900.0);
  count_below (last_point (), active);
  ck_assert_uint_eq (rs_sim_dead_units (sim, dead, 16), 12);
  for (size_t q = 0; q < 12; q++)
    {
      ck_assert_uint_eq (dead[q].layer, 1);
      ck_assert_uint_eq (active[dead[q].unit], 0);
    }
  cr = draw_checked (1, r, &c, 600, 400);
  for (size_t j = 0; j < 16; j++)
    {
      double x, y, rad, edge = 2 * M_PI * active[j] / 64.0;

      ck_assert_int_eq (rs_panel_network_unit (r, &c, 1, j, &x, &y, &rad),
                        RS_OK);
      ck_assert_double_gt (rad, 4.0);
      for (int q = 1; q <= 3; q++)
        {
          double a = q * M_PI / 2;
          int alive = a < edge;
          uint32_t p;

          if (active[j] > 0 && active[j] < 64 && fabs (a - edge) < 0.2)
            continue;
          p = pixel (cr, (int) lround (x + 0.55 * rad * sin (a)),
                     (int) lround (y - 0.55 * rad * cos (a)));
          ck_assert_msg (colour_distance (p, alive ? t->alive : t->dead)
                         <= 1, "unit %zu (active on %zu), angle %d pi/2: "
                         "pixel %06x", j, active[j], q, p & 0xffffff);
          probes++;
        }
      ndead += active[j] == 0;
    }
  ck_assert_uint_eq (ndead, 12);
  ck_assert_uint_ge (probes, 40);
  cairo_destroy (cr);
}
END_TEST

/* Columns and units: the network has input, hidden and output columns,
 * the single neuron input, neuron and output; nothing beyond.  Units of
 * a column are evenly spaced and centred on the plot. */
START_TEST (test_network_geometry)
{
  rs_rect r = { 10, 20, 500, 300 };
  double x0, y0, x1, y1, x2, y2, rad;
  rs_panel_ctx c;

  run_text (net_dead, 0);
  c = ctx_of (0, NULL, 1.0);
  ck_assert_int_eq (rs_panel_network_unit (r, &c, 0, 0, &x0, &y0, &rad),
                    RS_OK);
  ck_assert_int_eq (rs_panel_network_unit (r, &c, 2, 0, &x2, &y2, &rad),
                    RS_OK);
  ck_assert_double_eq_tol (y0, y2, 1e-9);
  ck_assert_double_lt (x0, x2);
  ck_assert_int_eq (rs_panel_network_unit (r, &c, 1, 16, &x1, &y1, &rad),
                    RS_EINVAL);
  ck_assert_int_eq (rs_panel_network_unit (r, &c, 3, 0, &x1, &y1, &rad),
                    RS_EINVAL);
  rs_panel_network_unit (r, &c, 1, 0, &x0, &y0, &rad);
  rs_panel_network_unit (r, &c, 1, 7, &x1, &y1, &rad);
  rs_panel_network_unit (r, &c, 1, 15, &x2, &y2, &rad);
  ck_assert_double_eq_tol ((y1 - y0) / 7, (y2 - y0) / 15, 1e-9);
  ck_assert_double_gt (y1 - y0, 2 * rad);
  rs_panel_network_unit (r, &c, 0, 0, &x1, &y1, &rad);
  ck_assert_double_eq_tol ((y0 + y2) / 2, y1, 1e-9);
  teardown ();
  run_text (kink, 0);
  c = ctx_of (0, NULL, 1.0);
  ck_assert_int_eq (rs_panel_network_unit (r, &c, 2, 0, &x2, &y2, &rad),
                    RS_OK);
  ck_assert_int_eq (rs_panel_network_unit (r, &c, 3, 0, &x2, &y2, &rad),
                    RS_EINVAL);
  ck_assert_int_eq (rs_panel_network_unit (r, &c, 1, 1, &x2, &y2, &rad),
                    RS_EINVAL);
}
END_TEST

/* A wide layer (64 units) fits its rectangle: the circles shrink and do
 * not touch. */
START_TEST (test_network_wide)
{
  static const char wide[] = "seed 3\ndata xor 100\nnetwork 2 64 64 1\n"
                             "activation relu\nsteps 3\n";
  rs_rect r = { 0, 0, 600, 400 };
  double x0, y0, x1, y1, rad;
  rs_panel_ctx c;
  cairo_t *cr;

  run_text (wide, 3);
  c = ctx_of (last_point (), NULL, 600.0 / 900.0);
  rs_panel_network_unit (r, &c, 1, 0, &x0, &y0, &rad);
  rs_panel_network_unit (r, &c, 1, 63, &x1, &y1, &rad);
  ck_assert_double_ge (y0 - rad, 0.0);
  ck_assert_double_le (y1 + rad, 400.0);
  ck_assert_double_lt (2 * rad, (y1 - y0) / 63);
  cr = draw_checked (1, r, &c, 600, 400);
  check_inside (cr, r, 600, 400);
  cairo_destroy (cr);
}
END_TEST

/* The counts beside the units (how many points each is active on) are
 * placed apart: for net-dead's 1-16-1 network and a 2-16-16-1 one (as
 * play-spirals), at figure and at slide size, no two count boxes
 * overlap and none reaches into a unit's circle (distance from each
 * centre to each box, by clamping, at least the radius); where the
 * units are 20 px apart or more every coloured unit gets its count. */
START_TEST (test_network_counts_apart)
{
  static const char deep[] = "seed 3\ndata spirals 300\nnetwork 2 16 16 1\n"
                             "activation relu\nsteps 20\n";
  static const int size[2][2] = { { 600, 400 }, { 300, 200 } };
  rs_rect r = { 0, 0, size[_i % 2][0], size[_i % 2][1] }, box[64];
  size_t n, cols = _i < 2 ? 2 : 3, units = _i < 2 ? 16 : 32;
  double x, y, rad, x1, y1;
  rs_panel_ctx c;
  cairo_t *cr = canvas (size[_i % 2][0], size[_i % 2][1]);

  run_text (_i < 2 ? net_dead : deep, 1000);
  c = ctx_of (last_point (), NULL, r.width / 900.0);
  n = rs_panel_network_counts (cr, r, &c, box, 64);
  ck_assert_int_eq (cairo_status (cr), CAIRO_STATUS_SUCCESS);
  ck_assert_uint_le (n, units);
  for (size_t a = 0; a < n; a++)
    {
      for (size_t b = 0; b < a; b++)
        ck_assert_msg (!(box[a].x < box[b].x + box[b].width
                         && box[b].x < box[a].x + box[a].width
                         && box[a].y < box[b].y + box[b].height
                         && box[b].y < box[a].y + box[a].height),
                       "counts %zu and %zu overlap", b, a);
      for (size_t l = 0; l <= cols; l++)
        for (size_t j = 0; rs_panel_network_unit (r, &c, l, j, &x, &y, &rad)
                           == RS_OK; j++)
          {
            double cx = fmin (fmax (x, box[a].x), box[a].x + box[a].width);
            double cy = fmin (fmax (y, box[a].y), box[a].y + box[a].height);

            ck_assert_msg (hypot (cx - x, cy - y) >= rad, "count %zu on "
                           "unit %zu:%zu", a, l, j);
          }
    }
  rs_panel_network_unit (r, &c, 1, 0, &x, &y, &rad);
  rs_panel_network_unit (r, &c, 1, 1, &x1, &y1, &rad);
  if (y1 - y >= 20)
    ck_assert_uint_eq (n, units);
  cairo_destroy (cr);
}
END_TEST

/* ---- Limits ----------------------------------------------------------- */

/* A 16 x 16 rectangle, a point past the end, a zero scale, a run of one
 * point, a diverged run (1e240, then NaN) and an infinite loss (the
 * ReLU-normalised head): every panel draws without error inside r. */
static void
draw_limits (const char *text, size_t steps, size_t at, double s,
             rs_rect r, const rs_theme *t)
{
  rs_panel_ctx c;

  run_text (text, steps);
  c = ctx_of (at, t, s);
  for (int i = 0; i < N_PANELS; i++)
    {
      cairo_t *cr = draw_checked (i, r, &c, 120, 90);
      check_inside (cr, r, 120, 90);
      cairo_destroy (cr);
    }
  teardown ();
}

START_TEST (test_limits)
{
  static const char relu_head[] =
    "seed 1\ndata blobs 60\nnetwork 2 8 3\nactivation relu\n"
    "output relu\nloss relu_norm_ce\nsteps 20\n";
  rs_rect tiny = { 50, 40, 16, 16 }, mid = { 3, 5, 111, 79 };
  const rs_theme *t = _i ? rs_theme_dark () : rs_theme_light ();

  draw_limits (net_dead, 5, 0, 1.0, tiny, t);
  draw_limits (net_dead, 5, 999, 0.0, mid, t);
  draw_limits (kink, 0, 0, 1.0, mid, t);
  draw_limits (net_dead, 0, 0, 1.0, mid, t);
  draw_limits (diverge, 40, 999, 1.0, mid, t);
  draw_limits (diverge, 40, 4, 0.4, mid, t);
  draw_limits (relu_head, 20, 3, 0.2, mid, t);
  draw_limits (kink, 0, 0, NAN, (rs_rect) { 0, 0, 0, 0 }, t);
}
END_TEST

/* The diverged run's NaN point counts in neither side of the split. */
START_TEST (test_split_nan)
{
  size_t below, above;
  rs_panel_ctx c;

  run_text (diverge, 40);
  ck_assert_int_eq (rs_sim_test (sim), RS_SIM_DIVERGED);
  c = ctx_of (0, NULL, 1.0);
  rs_panel_histogram_split (&c, &below, &above);
  ck_assert_uint_eq (below + above, 8 * 16);
  c = ctx_of (last_point (), NULL, 1.0);
  ck_assert_int_eq (rs_panel_histogram_split (&c, &below, &above), RS_OK);
  ck_assert_uint_le (below + above, 8 * 16);
}
END_TEST

static Suite *
panels_suite (void)
{
  Suite *s = suite_create ("panels");
  TCase *tc = tcase_create ("Core");
  TCase *tn = tcase_create ("Numbers");
  TCase *tg = tcase_create ("Geometry");
  TCase *tl = tcase_create ("Limits");

  tcase_add_checked_fixture (tc, NULL, teardown);
  tcase_add_loop_test (tc, test_inside_rect, 0, 2 * N_PANELS);
  tcase_add_loop_test (tc, test_dark_background, 0, N_PANELS);
  tcase_add_test (tc, test_theme_colours);
  tcase_add_test (tc, test_text);
  suite_add_tcase (s, tc);
  tcase_add_checked_fixture (tn, NULL, teardown);
  tcase_add_test (tn, test_histogram_split);
  tcase_add_test (tn, test_histogram_neuron);
  tcase_add_test (tn, test_kink_fan);
  tcase_add_test (tn, test_split_nan);
  suite_add_tcase (s, tn);
  tcase_add_checked_fixture (tg, NULL, teardown);
  tcase_add_loop_test (tg, test_timeline_x, 0, 2);
  tcase_add_test (tg, test_timeline_train_mark);
  tcase_add_loop_test (tg, test_network_colours, 0, 2);
  tcase_add_test (tg, test_network_geometry);
  tcase_add_test (tg, test_network_wide);
  tcase_add_loop_test (tg, test_network_counts_apart, 0, 4);
  suite_add_tcase (s, tg);
  tcase_add_checked_fixture (tl, NULL, teardown);
  tcase_add_loop_test (tl, test_limits, 0, 2);
  suite_add_tcase (s, tl);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (panels_suite ());
  int failed;

  gsl_set_error_handler_off ();
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
