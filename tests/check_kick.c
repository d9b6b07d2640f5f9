/* check_kick.c: a kick seen as it happens (src/draw/plane_kick.c,
 * rs_figure_morph at a kick's point, the frames of an animation).  The
 * expected values come from the run's recorded parameters and from the
 * library's own forward pass (rs_loss_net), not from the plane. */
#include <config.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "export/anim.h"
#include "draw/figure.h"
#include "draw/plane.h"
#include "scene_load.h"

enum { GRID = 21 };

/* The recorded point of the kick at step (RS_EVENT_KICK); the point
 * before it holds the parameters before the kick. */
static size_t
kick_point (const rs_sim *sim, size_t step)
{
  for (size_t i = 1; i < rs_sim_n_recorded (sim); i++)
    if (rs_sim_recorded (sim, i)->step == step
        && (rs_sim_recorded (sim, i)->events & RS_EVENT_KICK))
      return i;
  ck_abort_msg ("no kick at step %zu", step);
  return 0;
}

/* net-kick kicks every parameter at step 300; its landscape is over
 * W1[2][0] and b1[2].  Mid-kick (t = 1/2, at the step's last point, a
 * beat after the kick) the ball is at the midpoint of those two
 * parameters' recorded values before and after the kick, and the
 * landscape at a grid point (u, v) is the loss that rs_loss_net gives
 * for the parameters half-way through the kick with W1[2][0] = u and
 * b1[2] = v. */
START_TEST (test_net_kick_mid_morph)
{
  rs_scene sc;
  rs_sim *sim;
  rs_figure *f;
  rs_error err;
  const rs_plane *p;
  size_t k, wi, bi, np;
  const double *a, *b;
  double u, v, worst = 0.0, before;
  rs_net *net;
  rs_net_workspace *w;

  load ("net-kick.scene", "", &sc, &sim);
  k = kick_point (sim, 300);
  net = rs_net_clone (rs_sim_net (sim), NULL);
  ck_assert_ptr_nonnull (net);
  np = rs_net_nparams (net);
  wi = rs_net_w_index (net, 1, 2, 0);
  bi = rs_net_b_index (net, 1, 2);
  a = rs_sim_theta (sim, k - 1);
  b = rs_sim_theta (sim, k);
  f = rs_figure_alloc (&sc, sim, point_of (sim, 300), GRID, &err);
  ck_assert_msg (f != NULL, "%s", err.message);
  ck_assert_uint_eq (rs_figure_change (f), RS_EVENT_KICK);
  p = rs_figure_plane (f, 0);
  ck_assert_int_eq (rs_figure_morph (f, 0.5, &err), RS_OK);
  rs_plane_ball (p, &u, &v);
  ck_assert_double_eq_tol (u, 0.5 * (a[wi] + b[wi]), 1e-12);
  ck_assert_double_eq_tol (v, 0.5 * (a[bi] + b[bi]), 1e-12);
  ck_assert (fabs (a[wi] - b[wi]) > 0.1);   /* the kick moved it */
  w = rs_net_workspace_alloc (net, rs_sim_data (sim)->n, NULL);
  ck_assert_ptr_nonnull (w);
  for (size_t i = 0; i < GRID; i += 5)
    for (size_t j = 0; j < GRID; j += 5)
      {
        double loss, want;
        int plateau, deader;
        gsl_vector *th = rs_net_params (net);

        ck_assert_int_eq (rs_plane_cell (p, i, j, &u, &v, &loss, &plateau,
                                         &deader), RS_OK);
        for (size_t q = 0; q < np; q++)
          gsl_vector_set (th, q, 0.5 * (a[q] + b[q]));
        gsl_vector_set (th, wi, u);
        gsl_vector_set (th, bi, v);
        ck_assert_int_eq (rs_loss_net (net, rs_sim_loss (sim),
                                       rs_sim_data (sim), w, &want, NULL,
                                       NULL), RS_OK);
        worst = fmax (worst, fabs (loss - want) / fmax (1.0, want));
      }
  ck_assert_msg (worst < 1e-9, "off by %g", worst);
  /* at t = 0 the surface is that of the parameters before the kick: the
   * loss at the ball's grid is the run's loss before it there */
  ck_assert_int_eq (rs_figure_morph (f, 0.0, &err), RS_OK);
  rs_plane_ball (p, &u, &v);
  ck_assert_double_eq_tol (u, a[wi], 1e-12);
  ck_assert_double_eq_tol (v, a[bi], 1e-12);
  {
    double loss, lo = HUGE_VAL;
    int plateau, deader;

    for (size_t i = 0; i < GRID; i++)
      for (size_t j = 0; j < GRID; j++)
        {
          rs_plane_cell (p, i, j, &u, &v, &loss, &plateau, &deader);
          lo = fmin (lo, loss);
        }
    before = rs_sim_recorded (sim, k - 1)->loss;
    /* the window holds the point before the kick, whose loss is 0.15;
     * after the kick the loss is above 30 everywhere near it */
    ck_assert (lo < before + 0.1);
  }
  /* settled: the surface of the point itself again */
  ck_assert_int_eq (rs_figure_morph (f, 1.0, &err), RS_OK);
  rs_plane_ball (p, &u, &v);
  ck_assert_double_eq_tol (u, b[wi], 1e-12);
  ck_assert_double_eq_tol (v, b[bi], 1e-12);
  rs_net_workspace_free (w);
  rs_net_free (net);
  rs_figure_free (f);
  rs_sim_free (sim);
}
END_TEST

/* The single neuron's kick at step 60 of kick.scene: w and b are all of
 * its plane, so the surface stays; the ball goes from (w, b) recorded
 * before the kick to (w, b) after it, through their midpoint at 1/2. */
START_TEST (test_neuron_kick_ball)
{
  rs_scene sc;
  rs_sim *sim;
  rs_figure *f;
  rs_error err;
  const rs_sim_point *a, *b;
  size_t k;
  double u, v, x, y, x0, y0;

  load ("kick.scene", "", &sc, &sim);
  k = kick_point (sim, 60);
  a = rs_sim_recorded (sim, k - 1);
  b = rs_sim_recorded (sim, k);
  f = rs_figure_alloc (&sc, sim, k, GRID, &err);
  ck_assert_msg (f != NULL, "%s", err.message);
  ck_assert_int_eq (rs_figure_ball (f, 0, 900, 600, &x0, &y0), 1);
  ck_assert_int_eq (rs_figure_morph (f, 0.5, &err), RS_OK);
  rs_plane_ball (rs_figure_plane (f, 0), &u, &v);
  ck_assert_double_eq_tol (u, 0.5 * (a->w + b->w), 1e-12);
  ck_assert_double_eq_tol (v, 0.5 * (a->b + b->b), 1e-12);
  /* the ball is drawn there too, not at the recorded point */
  ck_assert_int_eq (rs_figure_ball (f, 0, 900, 600, &x, &y), 1);
  ck_assert (hypot (x - x0, y - y0) > 1.0);
  rs_figure_free (f);
  rs_sim_free (sim);
}
END_TEST

/* The frames of an animation of kick.scene (its kick at step 60, point
 * k): inside the kick's hold, the kick's own point with its morph rising
 * from 0 (the ball before the kick) to 1 (after it); no other frame
 * morphs. */
START_TEST (test_anim_kick_frames)
{
  rs_scene sc;
  rs_sim *sim;
  rs_error err;
  rs_anim_timing *a;
  size_t k, held = 0;
  double morph = 0.0;

  load ("kick.scene", "", &sc, &sim);
  k = kick_point (sim, 60);
  a = rs_anim_timing_alloc (sim, (size_t) -1, &sc, 6.0, 20.0, &err);
  ck_assert_ptr_nonnull (a);
  for (size_t f = 0; f < rs_anim_timing_frames (a); f++)
    {
      rs_anim_frame fr = rs_anim_timing_frame (a, f);

      if (fr.point != k || rs_pace_at (rs_anim_timing_pace (a),
                                       f / 20.0).stop == RS_PACE_MOVING)
        {
          ck_assert_double_eq (fr.morph, 1.0);
          continue;
        }
      ck_assert (fr.morph >= morph);
      morph = fr.morph;
      held++;
    }
  /* RS_ANIM_MORPH_HOLD seconds at 20 frames a second */
  ck_assert_uint_eq (held, (size_t) (RS_ANIM_MORPH_HOLD * 20.0));
  ck_assert_double_eq (morph, 1.0);
  rs_anim_timing_free (a);
  rs_sim_free (sim);
}
END_TEST

/* Nearly white pixels (each channel 235 or more) of the rectangle r of
 * img (ARGB32): the old plateau's edge is drawn white over the shaded
 * surface, whose colours (viridis, lit at most to full) never are. */
static size_t
white_in (cairo_surface_t *img, rs_rect r)
{
  const unsigned char *d = cairo_image_surface_get_data (img);
  int stride = cairo_image_surface_get_stride (img);
  size_t n = 0;

  cairo_surface_flush (img);
  for (int y = (int) r.y; y < (int) (r.y + r.height); y++)
    for (int x = (int) r.x; x < (int) (r.x + r.width); x++)
      {
        uint32_t px = *(const uint32_t *) (d + (size_t) y * stride
                                           + 4 * (size_t) x);

        n += (px >> 16 & 0xff) >= 235 && (px >> 8 & 0xff) >= 235
             && (px & 0xff) >= 235;
      }
  return n;
}

/* The 3-D landscape outlines the old plateau after the change, as the
 * flat one does: c08 in 3-D at step 60 (Leaky ReLU since step 50) has
 * far more white (the edge, about as long as the window's side
 * twice over: more than k pixels, half a side on screen) than at step 49
 * (ReLU: its plateau hatched in translucent white, no edge), the path
 * hidden in both, on the dark theme. */
START_TEST (test_3d_old_plateau)
{
  rs_scene sc;
  rs_sim *sim;
  rs_figure *f;
  rs_error err;
  cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                     900, 600);
  cairo_t *cr = cairo_create (img);
  rs_rect cell;
  rs_plane_view3d v;
  size_t before, after;

  load ("c08-leaky-relu.scene", "", &sc, &sim);
  sc.views[0].three_d = 1;
  sc.style.dark = 1;   /* the page is not white either */
  f = rs_figure_alloc (&sc, sim, point_of (sim, 49), 61, &err);
  ck_assert_msg (f != NULL, "%s", err.message);
  rs_figure_marks (f, 0, 0);
  cell = rs_figure_cell (f, 0, 900, 600);
  rs_figure_draw (cr, 900, 600, f);
  before = white_in (img, cell);
  ck_assert_int_eq (rs_figure_follow (f, point_of (sim, 60), 0, &err),
                    RS_OK);
  ck_assert (rs_plane_tilt_step (rs_figure_plane (f, 0)) > 0.0);
  rs_figure_draw (cr, 900, 600, f);
  after = white_in (img, cell);
  /* k: the box's scale on screen, half the window's side (plane.h) */
  rs_plane_3d_view (rs_figure_plane (f, 0), cell, rs_figure_scale (f), &v);
  ck_assert_msg (after > before + (size_t) v.k,
                 "white pixels: %zu at step 49, %zu at 60 (k %g)", before,
                 after, v.k);
  cairo_destroy (cr);
  cairo_surface_destroy (img);
  rs_figure_free (f);
  rs_sim_free (sim);
}
END_TEST

static Suite *
kick_suite (void)
{
  Suite *s = suite_create ("kick");
  TCase *tc = tcase_create ("Kick");

  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_net_kick_mid_morph);
  tcase_add_test (tc, test_neuron_kick_ball);
  tcase_add_test (tc, test_anim_kick_frames);
  tcase_add_test (tc, test_3d_old_plateau);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (kick_suite ());
  int failed;

  srunner_run_all (sr, CK_ENV);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
