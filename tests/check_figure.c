/* check_figure.c: a scene's figure (src/draw/figure.c, src/draw/plane.c): the
 * planes' grids against the loss computed directly, the dead region and
 * the plateau against their closed forms, the ball where its parameters
 * put it, the layouts, the scale of the text, the themes. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "export/anim.h"
#include "draw/figure.h"
#include "draw/panels.h"
#include "pixels.h"
#include "draw/plane.h"
#include "scene_load.h"

static size_t
last (const rs_sim *sim)
{
  return rs_sim_n_recorded (sim) - 1;
}

/* The network of the run's end with two parameters set. */
static double
loss_with (const rs_sim *sim, const char *p1, double a, const char *p2,
           double b)
{
  rs_error err;
  rs_net *net = rs_net_clone (rs_sim_net (sim), &err);
  rs_net_workspace *w;
  double value;

  ck_assert_ptr_nonnull (net);
  ck_assert_int_eq (rs_sim_net_at (sim, last (sim), net, 0), RS_OK);
  ck_assert_int_eq (rs_net_set (net, p1, a, &err), RS_OK);
  ck_assert_int_eq (rs_net_set (net, p2, b, &err), RS_OK);
  w = rs_net_workspace_alloc (net, rs_sim_data (sim)->n, &err);
  ck_assert_ptr_nonnull (w);
  rs_loss_net (net, rs_sim_loss (sim), rs_sim_data (sim), w, &value, NULL,
               &err);
  rs_net_workspace_free (w);
  rs_net_free (net);
  return value;
}

/* The value of parameter name at the run's end. */
static double
param_at_end (const rs_sim *sim, const char *name)
{
  size_t k;
  rs_error err;

  ck_assert_int_eq (rs_net_param_lookup (rs_sim_net (sim), name, &k, &err),
                    RS_OK);
  return rs_sim_theta (sim, last (sim))[k];
}

/* The largest w x_i + b over the data's points. */
static double
max_z (const rs_data *d, double w, double b)
{
  double z = -HUGE_VAL;

  for (size_t k = 0; k < d->n; k++)
    z = fmax (z, w * d->x[k] + b);
  return z;
}

/* A landscape over a unit's own weight and bias: each grid point is
 * shown at the parameters' values, and its loss is that of the network
 * with those two values (the others at the run's end), to 1e-12. */
START_TEST (test_plane_is_the_loss)
{
  rs_scene sc;
  rs_sim *sim;
  rs_plane *p;
  rs_error err;

  load ("c04-dead-neuron.scene", "", &sc, &sim);
  ck_assert_uint_eq (sc.n_views, 4);
  p = rs_plane_alloc (&sc, &sc.views[0], sim, last (sim), 21, &err);
  ck_assert_ptr_nonnull (p);
  ck_assert_str_eq (rs_plane_u_name (p), "W1[2][0]");
  ck_assert_str_eq (rs_plane_v_name (p), "b1[2]");
  ck_assert_double_eq (rs_plane_u_range (p).lo, -2.0);
  ck_assert_double_eq (rs_plane_v_range (p).hi, 1.0);
  for (size_t i = 0; i < 21; i += 4)
    for (size_t j = 0; j < 21; j += 5)
      {
        double u, v, loss, want;
        int plateau, deader;

        ck_assert_int_eq (rs_plane_cell (p, i, j, &u, &v, &loss, &plateau,
                                         &deader), RS_OK);
        ck_assert_double_eq_tol (u, -2.0 + 4.0 * j / 20.0, 1e-12);
        ck_assert_double_eq_tol (v, -2.0 + 3.0 * i / 20.0, 1e-12);
        want = loss_with (sim, "W1[2][0]", u, "b1[2]", v);
        ck_assert_msg (fabs (loss - want) <= 1e-12 * fmax (1.0, want),
                       "(%g, %g): %.17g, direct %.17g", u, v, loss, want);
      }
  ck_assert_int_eq (rs_plane_cell (p, 21, 0, NULL, NULL, NULL, NULL, NULL),
                    RS_EINVAL);
  rs_plane_free (p);
  rs_sim_free (sim);
}
END_TEST

/* Over unit 2's weight and bias, the unit is dead exactly where
 * w x_i + b <= 0 on every data point (C4): the hatched cells. */
START_TEST (test_dead_region_is_the_wedge)
{
  rs_scene sc;
  rs_sim *sim;
  rs_plane *p;
  rs_error err;
  size_t dead = 0, n = 41;

  load ("c04-dead-neuron.scene", "", &sc, &sim);
  p = rs_plane_alloc (&sc, &sc.views[0], sim, last (sim), n, &err);
  ck_assert_ptr_nonnull (p);
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++)
      {
        const rs_data *d = rs_sim_data (sim);
        double u, v, loss, zmax;
        int plateau, deader;

        rs_plane_cell (p, i, j, &u, &v, &loss, &plateau, &deader);
        zmax = max_z (d, u, v);
        /* on the edge (z = 0 at a point) rounding decides: left out */
        if (fabs (zmax) < 1e-9)
          continue;
        ck_assert_msg (deader == (zmax < 0.0), "(%g, %g): deader %d, max z "
                       "%g", u, v, deader, zmax);
        ck_assert_int_eq (plateau, 0);   /* three units still learn */
        dead += deader;
      }
  ck_assert_uint_gt (dead, n * n / 10);
  rs_plane_free (p);
  rs_sim_free (sim);
}
END_TEST

/* For the single neuron the dead region is the plateau (C5): the
 * gradient norm is 0 exactly where w x_i + b <= 0 on every point, and
 * above the tolerance everywhere else of the window. */
START_TEST (test_neuron_plateau_is_the_dead_region)
{
  rs_scene sc;
  rs_sim *sim;
  rs_plane *p;
  rs_error err;
  size_t n = 31, flat = 0;

  load ("c05-plateau.scene", "", &sc, &sim);
  p = rs_plane_alloc (&sc, &sc.views[0], sim, last (sim), n, &err);
  ck_assert_ptr_nonnull (p);
  ck_assert_str_eq (rs_plane_u_name (p), "weight <i>w</i>");
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++)
      {
        const rs_data *d = rs_sim_data (sim);
        double u, v, loss, zmax;
        int plateau, deader;

        rs_plane_cell (p, i, j, &u, &v, &loss, &plateau, &deader);
        zmax = max_z (d, u, v);
        if (fabs (zmax) < 1e-9)
          continue;
        ck_assert_msg (plateau == (zmax < 0.0), "(%g, %g): plateau %d",
                       u, v, plateau);
        ck_assert_int_eq (deader, plateau);
        flat += plateau;
      }
  ck_assert_uint_gt (flat, 0);
  rs_plane_free (p);
  rs_sim_free (sim);
}
END_TEST

/* Pixel (x, y) of an image surface as r, g, b in [0, 1]. */
static void
pixel (cairo_surface_t *s, int x, int y, double rgb[3])
{
  const unsigned char *d = cairo_image_surface_get_data (s);
  uint32_t v = *(const uint32_t *) (const void *)
               (d + y * cairo_image_surface_get_stride (s) + 4 * x);

  rgb[0] = (v >> 16 & 0xff) / 255.0;
  rgb[1] = (v >> 8 & 0xff) / 255.0;
  rgb[2] = (v & 0xff) / 255.0;
}

/* The figure drawn into a new image surface of w x h. */
static cairo_surface_t *
draw (const rs_figure *f, int w, int h)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create (s);

  rs_figure_draw (cr, w, h, f);
  ck_assert_int_eq (cairo_status (cr), CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

/* The ball of a landscape over named parameters sits at their values at
 * the run's end, mapped into the plot, and is drawn there in red. */
START_TEST (test_ball_at_the_parameters)
{
  rs_scene sc;
  rs_sim *sim;
  rs_figure *f;
  rs_error err;
  cairo_surface_t *img;
  double x, y, u, v, rgb[3], want_x, want_y, s;
  rs_rect cell, plot;

  load_views ("net-dead.scene", "view landscape over W1[4][0] b1[4] "
              "range [-1, 3] [-2, 2]\nview timeline\n", &sc, &sim);
  f = rs_figure_alloc (&sc, sim, (size_t) -1, 41, &err);
  ck_assert_ptr_nonnull (f);
  ck_assert_int_eq (rs_figure_ball (f, 0, 900, 600, &x, &y), 1);
  ck_assert_int_eq (rs_figure_ball (f, 1, 900, 600, &x, &y), 0);
  ck_assert_int_eq (rs_figure_ball (f, 0, 900, 600, &x, &y), 1);
  u = param_at_end (sim, "W1[4][0]");
  v = param_at_end (sim, "b1[4]");
  ck_assert (u > -1 && u < 3 && v > -2 && v < 2);
  s = rs_figure_scale (f);
  cell = rs_figure_cell (f, 0, 900, 600);
  plot = rs_plane_plot_rect (cell, s);
  want_x = plot.x + (u + 1.0) / 4.0 * plot.width;
  want_y = plot.y + (2.0 - v) / 4.0 * plot.height;
  ck_assert_double_eq_tol (x, want_x, 1e-9);
  ck_assert_double_eq_tol (y, want_y, 1e-9);
  img = draw (f, 900, 600);
  pixel (img, (int) lround (x), (int) lround (y), rgb);
  ck_assert_msg (rgb[0] > 0.55 && rgb[1] < 0.35 && rgb[2] < 0.35,
                 "no red ball at (%g, %g): %g %g %g", x, y, rgb[0], rgb[1],
                 rgb[2]);
  cairo_surface_destroy (img);
  rs_figure_free (f);
  rs_sim_free (sim);
}
END_TEST

/* The figure drawn onto a recording surface (a vector target, which
 * draws every layer anew) and replayed into an image. */
static cairo_surface_t *
draw_recorded (const rs_figure *f, int w, int h)
{
  cairo_rectangle_t ext = { 0, 0, w, h };
  cairo_surface_t *rec = cairo_recording_surface_create
                         (CAIRO_CONTENT_COLOR_ALPHA, &ext);
  cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w,
                                                     h);
  cairo_t *cr = cairo_create (rec);

  rs_figure_draw (cr, w, h, f);
  cairo_destroy (cr);
  cr = cairo_create (img);
  cairo_set_source_surface (cr, rec, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (rec);
  cairo_surface_flush (img);
  return img;
}

/* The landscape's still layer painted from its cache, frame after frame,
 * looks as when drawn anew: at two points of the run, every pixel within
 * 8 levels but for a few of the text's edges (0.5 %). */
START_TEST (test_cached_layer_is_the_same)
{
  rs_scene sc;
  rs_sim *sim;
  rs_figure *f;
  rs_error err;

  load ("c04-dead-neuron.scene", "", &sc, &sim);
  f = rs_figure_alloc (&sc, sim, (size_t) -1, 30, &err);
  ck_assert_ptr_nonnull (f);
  for (int k = 0; k < 2; k++)
    {
      cairo_surface_t *a, *b;
      size_t far;

      rs_figure_show (f, k == 0 ? 5 : rs_sim_n_recorded (sim) - 1);
      a = draw (f, 600, 400);
      b = draw_recorded (f, 600, 400);
      far = pixels_apart (a, b, 8, NULL);
      ck_assert_msg (far <= 0.005 * 600 * 400, "frame %d: %zu pixels differ",
                     k, far);
      cairo_surface_destroy (a);
      cairo_surface_destroy (b);
    }
  rs_figure_free (f);
  rs_sim_free (sim);
}
END_TEST

/* C7 traced: with decay 0.1 on the biases at rate 0.1, the dead unit's
 * bias is b2[0] = 0.5 x 0.99^t (the closed form of CONCEPTS.md C7), and
 * the trace's line passes through its pixel at the last step, in the
 * text's colour: a parameter has no colour of its own in the palette
 * (reluscape(1), COLOURS), so that no colour of another meaning is
 * borrowed for it. */
START_TEST (test_trace_of_decay)
{
  rs_scene sc;
  rs_sim *sim;
  rs_figure *f;
  rs_error err;
  cairo_surface_t *img;
  rs_panel_ctx ctx;
  double v, x, y, rgb[3];
  size_t n;
  rs_rgb want = rs_theme_light ()->fg;

  load ("c07-weight-decay.scene", "", &sc, &sim);
  ck_assert_uint_eq (sc.views[0].kind, RS_VIEW_TRACE);
  n = rs_sim_n_recorded (sim);
  for (size_t i = 0; i < n; i += 37)
    {
      ck_assert_int_eq (rs_trace_value (sim, "b2[0]", i, &v), RS_OK);
      ck_assert_double_eq_tol (v, 0.5 * pow (0.99, (double)
                                             rs_sim_recorded (sim, i)->step),
                               1e-13);
    }
  ck_assert_int_eq (rs_trace_value (sim, "gamma", 3, &v), RS_OK);
  ck_assert_double_eq (v, 0.0);
  ck_assert_int_eq (rs_trace_value (sim, "rate", 3, &v), RS_OK);
  ck_assert_double_eq (v, 0.1);
  ck_assert_int_eq (rs_trace_value (sim, "b9[0]", 3, &v), RS_EINVAL);
  f = rs_figure_alloc (&sc, sim, (size_t) -1, 16, &err);
  ck_assert_ptr_nonnull (f);
  img = draw (f, 900, 600);
  ctx = (rs_panel_ctx) { &sc, sim, n - 1, rs_theme_light (), sc.style.font,
                         rs_figure_scale (f), NULL, NULL };
  ck_assert_int_eq (rs_trace_value (sim, "b2[0]", n - 1, &v), RS_OK);
  ck_assert_int_eq (rs_panel_trace_map (rs_figure_cell (f, 0, 900, 600), &ctx,
                                        &sc.views[0], 200, 0.5
                                        * pow (0.99, 200), &x, &y), RS_OK);
  pixel (img, (int) lround (x), (int) lround (y), rgb);
  ck_assert_msg (fabs (rgb[0] - want.r) < 0.2 && fabs (rgb[1] - want.g) < 0.2
                 && fabs (rgb[2] - want.b) < 0.2, "(%g, %g): %g %g %g", x, y,
                 rgb[0], rgb[1], rgb[2]);
  cairo_surface_destroy (img);
  rs_figure_free (f);
  rs_sim_free (sim);
}
END_TEST

/* Whether the pixel at (x, y) is near the colour r, g, b. */
static int
near_colour (cairo_surface_t *img, double x, double y, double r, double g,
             double b)
{
  double rgb[3];

  pixel (img, (int) lround (x), (int) lround (y), rgb);
  return fabs (rgb[0] - r) < 0.15 && fabs (rgb[1] - g) < 0.15
         && fabs (rgb[2] - b) < 0.15;
}

/* The app's marks on a landscape: the ball glides between two recorded
 * points (frac 0 at the one before, 1 at the one shown); the arrow of
 * steepest descent points along -grad L, worked out here by hand for
 * the single neuron (dL/dw = 2/n sum r_i f'(z_i) x_i, dL/db likewise
 * without x_i), its orange head 52 units out; the path can be hidden
 * (the start's white ring goes). */
START_TEST (test_marks_and_glide)
{
  rs_scene sc;
  rs_sim *sim;
  rs_figure *f;
  rs_error err;
  cairo_surface_t *img;
  const rs_data *d;
  const rs_sim_point *p4, *p5;
  double x, y, x4, y4, gw = 0, gb = 0, dx, dy, len, s;
  rs_rect plot;

  load ("c05-plateau.scene", "view landscape grid 30\nsize 900x600\n", &sc,
        &sim);
  f = rs_figure_alloc (&sc, sim, (size_t) -1, 30, &err);
  ck_assert_ptr_nonnull (f);
  rs_figure_show (f, 5);
  p4 = rs_sim_recorded (sim, 4);
  p5 = rs_sim_recorded (sim, 5);
  s = rs_figure_scale (f);
  plot = rs_plane_plot_rect (rs_figure_cell (f, 0, 900, 600), s);
  x4 = plot.x + (p4->w + 3) / 6 * plot.width;
  y4 = plot.y + (3 - p4->b) / 6 * plot.height;
  x = plot.x + (p5->w + 3) / 6 * plot.width;
  y = plot.y + (3 - p5->b) / 6 * plot.height;
  ck_assert (hypot (x - x4, y - y4) > 8);
  rs_figure_between (f, 0.0);
  img = draw (f, 900, 600);
  ck_assert (near_colour (img, x4, y4, 0.9, 0.2, 0.14)
             || near_colour (img, x4, y4, 0.8, 0.15, 0.1));
  cairo_surface_destroy (img);
  /* the arrow at point 5 */
  d = rs_sim_data (sim);
  for (size_t i = 0; i < d->n; i++)
    {
      double z = p5->w * d->x[i] + p5->b, r = (z > 0 ? z : 0) - d->y[i];

      gw += z > 0 ? 2.0 / d->n * r * d->x[i] : 0;
      gb += z > 0 ? 2.0 / d->n * r : 0;
    }
  dx = -gw * plot.width / 6;
  dy = gb * plot.height / 6;
  len = hypot (dx, dy);
  ck_assert (len > 0);
  rs_figure_between (f, 1.0);
  rs_figure_marks (f, 1, 1);
  img = draw (f, 900, 600);
  ck_assert_msg (near_colour (img, x + 52 * s * dx / len,
                              y + 52 * s * dy / len, 1.0, 0.62, 0.11),
                 "no arrow head along -grad L");
  cairo_surface_destroy (img);
  /* the start's ring, with the path and without */
  rs_figure_marks (f, 1, 0);
  img = draw (f, 900, 600);
  x4 = plot.x + (rs_sim_recorded (sim, 0)->w + 3) / 6 * plot.width
       + 6 * s;
  y4 = plot.y + (3 - rs_sim_recorded (sim, 0)->b) / 6 * plot.height;
  ck_assert (near_colour (img, x4, y4, 1, 1, 1));
  cairo_surface_destroy (img);
  rs_figure_marks (f, 0, 0);
  img = draw (f, 900, 600);
  ck_assert (!near_colour (img, x4, y4, 1, 1, 1));
  cairo_surface_destroy (img);
  rs_figure_free (f);
  rs_sim_free (sim);
}
END_TEST

/* Two rectangles overlap. */
static int
overlap (rs_rect a, rs_rect b)
{
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height
         && b.y < a.y + a.height;
}

/* Every layout places each view inside the page, none over another, in
 * its order: auto (the first on the left at full height), row, column,
 * grid (row by row). */
START_TEST (test_layouts)
{
  static const char *const layouts[] = {
    "layout auto\n", "layout row\n", "layout column\n", "layout grid 2x2\n"
  };
  rs_scene sc;
  rs_sim *sim;
  rs_error err;

  for (int k = 0; k < 4; k++)
    {
      char extra[200];
      rs_figure *f;
      rs_rect c[3];

      snprintf (extra, sizeof extra, "view network\nview timeline\n"
                "view histogram\n%s", layouts[k]);
      load_views ("net-dead.scene", extra, &sc, &sim);
      f = rs_figure_alloc (&sc, sim, (size_t) -1, 16, &err);
      ck_assert_ptr_nonnull (f);
      for (int i = 0; i < 3; i++)
        {
          c[i] = rs_figure_cell (f, (size_t) i, 1200, 800);
          ck_assert (c[i].x >= 0 && c[i].y >= 40
                     && c[i].x + c[i].width <= 1200 + 1e-9
                     && c[i].y + c[i].height <= 800 + 1e-9);
          ck_assert (c[i].width > 100 && c[i].height > 100);
          for (int j = 0; j < i; j++)
            ck_assert_msg (!overlap (c[i], c[j]), "%s: %d over %d",
                           layouts[k], i, j);
        }
      if (k == 0)
        {
          ck_assert (c[0].x < c[1].x && c[1].x == c[2].x && c[1].y < c[2].y);
          ck_assert (c[0].height > c[1].height * 1.9);
        }
      else if (k == 1)
        ck_assert (c[0].x < c[1].x && c[1].x < c[2].x && c[0].y == c[2].y);
      else if (k == 2)
        ck_assert (c[0].y < c[1].y && c[1].y < c[2].y && c[0].x == c[2].x);
      else
        ck_assert (c[0].y == c[1].y && c[2].y > c[0].y && c[2].x == c[0].x
                   && c[1].x > c[0].x);
      rs_figure_free (f);
      rs_sim_free (sim);
    }
}
END_TEST

/* The body text is the font size in points: 10 pt is 10 units of a PDF
 * (a scale of 10/13) and 13.33 pixels of a 96 dpi PNG. */
START_TEST (test_text_scale)
{
  rs_scene sc;
  rs_sim *sim;
  rs_figure *f;
  rs_error err;

  load ("net-dead.scene", "font \"Serif\" 12\n", &sc, &sim);
  f = rs_figure_alloc (&sc, sim, 0, 16, &err);
  ck_assert_ptr_nonnull (f);
  ck_assert_double_eq_tol (rs_figure_scale (f) * 13, 12 * 4.0 / 3.0, 1e-12);
  rs_figure_set_units (f, 1.0);
  ck_assert_double_eq_tol (rs_figure_scale (f) * 13, 12, 1e-12);
  rs_figure_set_units (f, 300 / 72.0);
  ck_assert_double_eq_tol (rs_figure_scale (f) * 13, 50, 1e-12);
  rs_figure_free (f);
  rs_sim_free (sim);
}
END_TEST

/* The default views: the single neuron's landscape, activation and
 * timeline (a network of one unit, drawn as every network); a network's
 * landscape, network and timeline. */
START_TEST (test_default_views)
{
  rs_view v[RS_SCENE_MAX_VIEWS];
  rs_scene sc;
  rs_error err;

  ck_assert_int_eq (rs_scene_parse (&sc, "", 0, "a", &err), RS_OK);
  ck_assert_uint_eq (rs_figure_views (&sc, v), 3);
  ck_assert_int_eq (v[0].kind, RS_VIEW_LANDSCAPE);
  ck_assert_int_eq (v[0].axes, RS_AXES_DEFAULT);
  ck_assert_int_eq (v[1].kind, RS_VIEW_ACTIVATION);
  ck_assert_int_eq (v[2].kind, RS_VIEW_TIMELINE);
  ck_assert_int_eq (rs_scene_parse (&sc, "network 1 3 1\n", 14, "a", &err),
                    RS_OK);
  ck_assert_uint_eq (rs_figure_views (&sc, v), 3);
  ck_assert_int_eq (v[0].kind, RS_VIEW_LANDSCAPE);
  ck_assert_int_eq (v[1].kind, RS_VIEW_NETWORK);
  ck_assert_int_eq (v[2].kind, RS_VIEW_TIMELINE);
}
END_TEST

/* The dark theme paints the page with its background; nine views of the
 * language (all but network and trace, drawn in check_panels and
 * check_figure's trace test) draw without a cairo error, the 3-D
 * landscape and the basin map with their ball. */
START_TEST (test_every_view_dark)
{
  rs_scene sc;
  rs_sim *sim;
  rs_figure *f;
  rs_error err;
  cairo_surface_t *img;
  double rgb[3];
  const rs_rgb bg = rs_theme_dark ()->bg;

  load_views ("c04-dead-neuron.scene", "view landscape over W1[2][0] "
              "b1[2]\nview data\nview timeline\n"
              "view landscape 3d\nview basin grid 16\n"
              "view activation\nview histogram\nview depth\nview heads\n"
              "theme dark\nlayout grid 3x3\n", &sc, &sim);
  ck_assert_uint_eq (sc.n_views, 9);
  f = rs_figure_alloc (&sc, sim, (size_t) -1, 24, &err);
  ck_assert_msg (f != NULL, "%s", err.message);
  img = draw (f, 1200, 900);
  pixel (img, 2, 2, rgb);
  ck_assert_double_eq_tol (rgb[0], bg.r, 0.5 / 255);
  ck_assert_double_eq_tol (rgb[1], bg.g, 0.5 / 255);
  ck_assert_double_eq_tol (rgb[2], bg.b, 0.5 / 255);
  for (size_t i = 3; i <= 4; i++)
    {
      rs_rect c = rs_figure_cell (f, i, 1200, 900);
      size_t red = 0;

      for (int y = (int) c.y; y < (int) (c.y + c.height); y++)
        for (int x = (int) c.x; x < (int) (c.x + c.width); x++)
          {
            pixel (img, x, y, rgb);
            red += rgb[0] > 0.7 && rgb[1] < 0.3 && rgb[2] < 0.25;
          }
      ck_assert_msg (red > 20, "view %zu: %zu red pixels", i, red);
    }
  cairo_surface_destroy (img);
  rs_figure_free (f);
  rs_sim_free (sim);
}
END_TEST

/* A pca view takes its components from the whole recorded run, so that
 * every step shown has the same plane: a run of one step (2 points) is
 * too short, an error with a message and no figure; a longer run draws
 * its start too. */
START_TEST (test_pca_needs_a_path)
{
  rs_scene sc;
  rs_sim *sim;
  rs_figure *f;
  rs_error err;

  load ("net-dead.scene", "view landscape pca\n", &sc, &sim);
  f = rs_figure_alloc (&sc, sim, 0, 16, &err);
  ck_assert_ptr_nonnull (f);
  rs_figure_free (f);
  rs_sim_free (sim);
  sc.sim.steps = 1;
  sim = rs_sim_alloc (&sc.sim, &err);
  ck_assert_ptr_nonnull (sim);
  ck_assert_int_eq (rs_sim_run (sim), RS_OK);
  ck_assert_ptr_null (rs_figure_alloc (&sc, sim, 1, 16, &err));
  ck_assert_str_eq (err.message, "a pca view needs at least 3 recorded "
                    "points of the run, not 2");
  rs_sim_free (sim);
  load ("net-dead.scene", "view landscape pca\n", &sc, &sim);
  f = rs_figure_alloc (&sc, sim, 1, 16, &err);
  ck_assert_ptr_nonnull (f);
  ck_assert_uint_eq (rs_plane_at (rs_figure_plane (f, 0)), 1);
  rs_figure_free (f);
  rs_sim_free (sim);
}
END_TEST

/* An animation's format follows its name's extension, in any case. */
START_TEST (test_anim_formats)
{
  ck_assert_int_eq (rs_anim_format_of ("a/b.MP4"), RS_ANIM_MP4);
  ck_assert_int_eq (rs_anim_format_of ("b.gif"), RS_ANIM_GIF);
  ck_assert_int_eq (rs_anim_format_of ("b.png"), RS_ANIM_NONE);
  ck_assert_int_eq (rs_anim_format_of ("x.gif/b"), RS_ANIM_NONE);
}
END_TEST

/* The frames of an animation show the ball where the run was: frame k
 * has the ball at point points[k] of the path, mapped into the plot. */
START_TEST (test_anim_frames_follow_the_ball)
{
  rs_scene sc;
  rs_sim *sim;
  rs_figure *f;
  rs_error err;
  size_t pts[4], n;
  rs_anim_frame fr[4];
  char dir[] = "/tmp/check_figure.XXXXXX", frames[64], path[128], msg[256];

  load_views ("net-dead.scene", "view landscape over W1[4][0] b1[4] "
              "range [-1, 3] [-2, 2]\n", &sc, &sim);
  f = rs_figure_alloc (&sc, sim, (size_t) -1, 24, &err);
  ck_assert_ptr_nonnull (f);
  /* four points spread over the run, the first and the last */
  n = 4;
  for (size_t k = 0; k < n; k++)
    {
      pts[k] = k * (rs_sim_n_recorded (sim) - 1) / (n - 1);
      fr[k] = (rs_anim_frame) { pts[k], 1.0 };
    }
  ck_assert_ptr_nonnull (mkdtemp (dir));
  snprintf (frames, sizeof frames, "%s/f", dir);
  ck_assert_int_eq (rs_anim_frames (frames, f, 300, 200, fr, n, NULL, msg,
                                    sizeof msg), 0);
  for (size_t k = 0; k < n; k++)
    {
      cairo_surface_t *img;
      double x, y, rgb[3];
      size_t idx;
      rs_error e;

      snprintf (path, sizeof path, "%s/frame-%05zu.png", frames, k);
      img = cairo_image_surface_create_from_png (path);
      ck_assert_int_eq (cairo_surface_status (img), CAIRO_STATUS_SUCCESS);
      ck_assert_int_eq (cairo_image_surface_get_width (img), 300);
      rs_figure_show (f, pts[k]);
      ck_assert_int_eq (rs_figure_ball (f, 0, 300, 200, &x, &y), 1);
      /* the ball's parameters at that point, by name */
      ck_assert_int_eq (rs_net_param_lookup (rs_sim_net (sim), "W1[4][0]",
                                             &idx, &e), RS_OK);
      ck_assert_double_eq_tol (x, rs_plane_plot_rect
                               (rs_figure_cell (f, 0, 300, 200),
                                rs_figure_scale (f)).x
                               + (rs_sim_theta (sim, pts[k])[idx] + 1.0)
                               / 4.0 * rs_plane_plot_rect
                               (rs_figure_cell (f, 0, 300, 200),
                                rs_figure_scale (f)).width, 1e-9);
      pixel (img, (int) lround (x), (int) lround (y), rgb);
      ck_assert_msg (rgb[0] > 0.55 && rgb[1] < 0.4 && rgb[2] < 0.4,
                     "frame %zu: no ball at (%g, %g)", k, x, y);
      cairo_surface_destroy (img);
      unlink (path);
    }
  /* a folder with files in it is not written into */
  snprintf (path, sizeof path, "%s/keep", frames);
  fclose (fopen (path, "w"));
  ck_assert_int_eq (rs_anim_frames (frames, f, 300, 200, fr, n, NULL, msg,
                                    sizeof msg), -1);
  ck_assert_msg (strstr (msg, "the folder is not empty") != NULL, "%s", msg);
  unlink (path);
  rmdir (frames);
  rmdir (dir);
  rs_figure_free (f);
  rs_sim_free (sim);
}
END_TEST

static Suite *
figure_suite (void)
{
  Suite *s = suite_create ("figure");
  TCase *planes = tcase_create ("Planes");
  TCase *page = tcase_create ("Page");

  tcase_set_timeout (planes, 60);
  tcase_set_timeout (page, 60);
  tcase_add_test (planes, test_plane_is_the_loss);
  tcase_add_test (planes, test_dead_region_is_the_wedge);
  tcase_add_test (planes, test_neuron_plateau_is_the_dead_region);
  tcase_add_test (planes, test_pca_needs_a_path);
  tcase_add_test (page, test_ball_at_the_parameters);
  tcase_add_test (page, test_cached_layer_is_the_same);
  tcase_add_test (page, test_trace_of_decay);
  tcase_add_test (page, test_marks_and_glide);
  tcase_add_test (page, test_layouts);
  tcase_add_test (page, test_text_scale);
  tcase_add_test (page, test_default_views);
  tcase_add_test (page, test_every_view_dark);
  tcase_add_test (page, test_anim_formats);
  tcase_add_test (page, test_anim_frames_follow_the_ball);
  suite_add_tcase (s, planes);
  suite_add_tcase (s, page);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (figure_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
