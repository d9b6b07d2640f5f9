/* check_follow.c: the landscape follows the run (src/draw/plane_follow.c,
 * rs_figure_follow).  Every frame of an animation is the still of its
 * step, pixel for pixel, for every scene of scenes/ (at points chosen
 * here and one that render's timing picks); the plateau of a
 * frame is the one of its step (closed form of the dead neuron); bias
 * warming's shift is in the surface drawn during warming. */
#include <config.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "export/anim.h"
#include "draw/figure.h"
#include "pixels.h"
#include "draw/plane.h"
#include "scene_load.h"

enum { W = 560, H = 360, GRID = 31 };

/* The still of point i: a figure made there, drawn at W x H. */
static cairo_surface_t *
still (const rs_scene *sc, const rs_sim *sim, size_t i)
{
  rs_error err;
  rs_figure *f = rs_figure_alloc (sc, sim, i, GRID, &err);
  cairo_surface_t *img;
  cairo_t *cr;

  ck_assert_msg (f != NULL, "%s", err.message);
  img = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cr = cairo_create (img);
  rs_figure_draw (cr, W, H, f);
  cairo_destroy (cr);
  rs_figure_free (f);
  return img;
}

/* A point during bias warming's change (gamma differs from the point
 * before it), or 0 when the run never warms. */
static size_t
warming_point (const rs_sim *sim)
{
  for (size_t i = 1; i < rs_sim_n_recorded (sim); i++)
    if (rs_sim_recorded (sim, i)->gamma != 0.0
        && rs_sim_recorded (sim, i)->gamma
           != rs_sim_recorded (sim, i - 1)->gamma)
      return i + (rs_sim_n_recorded (sim) - i) / 8;
  return 0;
}

/* The point of the middle frame of the scene's animation as render
 * times it (2 s at 5 fps, anim_pace.c): a settled frame there. */
static size_t
paced_point (const rs_scene *sc, const rs_sim *sim)
{
  rs_error err;
  rs_anim_timing *a = rs_anim_timing_alloc (sim, (size_t) -1, sc, 2.0, 5.0,
                                            &err);
  size_t k = 5, at;

  ck_assert_msg (a != NULL, "%s", err.message);
  while (rs_anim_timing_frame (a, k).morph < 1.0)
    k++;
  at = rs_anim_timing_frame (a, k).point;
  rs_anim_timing_free (a);
  return at;
}

/* Frames of one scene's animation, written by rs_anim_frames from a
 * figure made at the end (as render -o x.gif makes it), against the
 * stills of their steps: at most 24 pixels (0.01 %) more than 2 levels
 * apart.  The same drawing, up to anti-aliasing: a plane made through
 * another point of the same surface has its grid's coordinates rounded
 * otherwise, which moves a contour's edge by a fraction of a pixel; a
 * landscape of other settings differs in thousands of pixels. */
static void
frames_are_stills (const char *name)
{
  rs_scene sc;
  rs_sim *sim;
  rs_figure *f;
  rs_error err;
  size_t pts[8], n = 0, nrec;
  rs_anim_frame fr[8];
  char dir[] = "/tmp/check_follow.XXXXXX", frames[64], path[128], msg[256];

  load (name, "", &sc, &sim);
  nrec = rs_sim_n_recorded (sim);
  pts[n++] = 0;
  pts[n++] = nrec / 3;
  if (strcmp (name, "c08-leaky-relu.scene") == 0)
    {
      pts[n++] = point_of (sim, 30);
      pts[n++] = point_of (sim, 60);
    }
  if (warming_point (sim) > 0)
    pts[n++] = warming_point (sim);
  pts[n++] = paced_point (&sc, sim);
  pts[n++] = nrec - 1;
  f = rs_figure_alloc (&sc, sim, (size_t) -1, GRID, &err);
  ck_assert_msg (f != NULL, "%s: %s", name, err.message);
  ck_assert_ptr_nonnull (mkdtemp (dir));
  snprintf (frames, sizeof frames, "%s/f", dir);
  for (size_t k = 0; k < n; k++)
    fr[k] = (rs_anim_frame) { pts[k], 1.0 };
  ck_assert_msg (rs_anim_frames (frames, f, W, H, fr, n, NULL, msg,
                                 sizeof msg) == 0, "%s: %s", name, msg);
  for (size_t k = 0; k < n; k++)
    {
      cairo_surface_t *frame, *ref;
      size_t apart;

      snprintf (path, sizeof path, "%s/frame-%05zu.png", frames, k);
      frame = cairo_image_surface_create_from_png (path);
      ck_assert_int_eq (cairo_surface_status (frame), CAIRO_STATUS_SUCCESS);
      ref = still (&sc, sim, pts[k]);
      apart = pixels_apart (frame, ref, 2, NULL);
      if (apart > 0 && getenv ("CHECK_FOLLOW_DUMP") != NULL)
        {
          char out[256];

          snprintf (out, sizeof out, "/tmp/follow-%s-%zu-frame.png", name, k);
          cairo_surface_write_to_png (frame, out);
          snprintf (out, sizeof out, "/tmp/follow-%s-%zu-still.png", name, k);
          cairo_surface_write_to_png (ref, out);
          {
            cairo_surface_t *map = cairo_image_surface_create
              (CAIRO_FORMAT_ARGB32, W, H);

            pixels_apart (frame, ref, 2, map);
            snprintf (out, sizeof out, "/tmp/follow-%s-%zu-map.png", name,
                      k);
            cairo_surface_write_to_png (map, out);
            cairo_surface_destroy (map);
          }
        }
      ck_assert_msg (apart <= 24, "%s: the frame of step %zu differs from "
                     "its still in %zu pixels", name,
                     rs_sim_recorded (sim, pts[k])->step, apart);
      cairo_surface_destroy (frame);
      cairo_surface_destroy (ref);
      unlink (path);
    }
  rmdir (frames);
  rmdir (dir);
  rs_figure_free (f);
  rs_sim_free (sim);
}

static int
by_name (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

START_TEST (test_every_scene_frames_are_stills)
{
  char path[4096], *names[64];
  size_t n = 0;
  DIR *d;
  struct dirent *e;

  snprintf (path, sizeof path, "%s/scenes", RS_TOP_SRCDIR);
  d = opendir (path);
  ck_assert_ptr_nonnull (d);
  while ((e = readdir (d)) != NULL && n < 64)
    {
      size_t len = strlen (e->d_name);

      if (len > 6 && strcmp (e->d_name + len - 6, ".scene") == 0)
        names[n++] = strdup (e->d_name);
    }
  closedir (d);
  ck_assert_uint_ge (n, 20);
  qsort (names, n, sizeof *names, by_name);
  for (size_t k = 0; k < n; k++)
    {
      frames_are_stills (names[k]);
      free (names[k]);
    }
}
END_TEST

/* Cells of the c08 landscape (view 0) on the plateau, how many the
 * closed form says are dead: w x_i + b <= 0 on every point x_i (then
 * ReLU's output and gradient are 0 on every point: C4, C5), and on how
 * many the two agree. */
static void
plateau_cells (const rs_figure *f, const rs_sim *sim, size_t *hatched,
               size_t *dead, size_t *agree)
{
  const rs_plane *p = rs_figure_plane (f, 0);
  const rs_data *d = rs_sim_data (sim);
  size_t n = rs_plane_grid (p);

  *hatched = *dead = *agree = 0;
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++)
      {
        double u, v, loss, z = -HUGE_VAL;
        int plateau, deader;

        ck_assert_int_eq (rs_plane_cell (p, i, j, &u, &v, &loss, &plateau,
                                         &deader), RS_OK);
        for (size_t k = 0; k < d->n; k++)
          z = fmax (z, u * d->x[k] + v);
        *hatched += plateau != 0;
        *dead += z <= 0.0;
        /* on the edge, z = 0 up to the rounding of the grid's
         * coordinates, either answer is right */
        *agree += (plateau != 0) == (z <= 0.0) || fabs (z) < 1e-9;
      }
}

/* c08: Leaky ReLU from step 50.  The frame of step 30, reached from a
 * figure made at the end as an animation reaches it, holds the plateau
 * of ReLU: its cells are the closed form's dead cells (a third of the
 * window or more); from step 60 on there is no plateau (alpha 0.01: the
 * gradient is never 0).  The figure says when it is stale. */
START_TEST (test_c08_plateau_at_30)
{
  rs_scene sc;
  rs_sim *sim;
  rs_figure *f;
  rs_error err;
  size_t hatched, dead, agree, n = GRID * GRID;

  load ("c08-leaky-relu.scene", "", &sc, &sim);
  f = rs_figure_alloc (&sc, sim, (size_t) -1, GRID, &err);
  ck_assert_ptr_nonnull (f);
  plateau_cells (f, sim, &hatched, &dead, &agree);
  ck_assert_uint_eq (hatched, 0);
  ck_assert_int_eq (rs_figure_stale (f, point_of (sim, 200)), 0);
  ck_assert_int_eq (rs_figure_stale (f, point_of (sim, 30)), 1);
  ck_assert_int_eq (rs_figure_follow (f, point_of (sim, 30), 0, &err),
                    RS_OK);
  plateau_cells (f, sim, &hatched, &dead, &agree);
  ck_assert_uint_ge (dead, n / 4);
  ck_assert_uint_eq (agree, n);
  ck_assert_uint_ge (hatched, n / 4);
  /* the neuron's two parameters are the plane: no other moves */
  ck_assert_int_eq (rs_figure_stale (f, point_of (sim, 0)), 0);
  ck_assert_int_eq (rs_figure_stale (f, point_of (sim, 60)), 1);
  ck_assert_int_eq (rs_figure_follow (f, point_of (sim, 60), 0, &err),
                    RS_OK);
  plateau_cells (f, sim, &hatched, &dead, &agree);
  ck_assert_uint_eq (hatched, 0);
  rs_figure_free (f);
  rs_sim_free (sim);
}
END_TEST

/* c10: bias warming adds gamma to every hidden bias while it lasts.  The
 * landscape over W1[2][0], b1[2] of a point during warming holds, at each
 * cell (w, b), the loss of the network of that point with W1[2][0] = w
 * and every hidden bias raised by gamma, b1[2] = b + gamma: computed here
 * by setting the parameters by name, not by the library's shift. */
START_TEST (test_warming_shift_in_the_surface)
{
  rs_scene sc;
  rs_sim *sim;
  rs_figure *f;
  rs_error err;
  rs_net *net;
  rs_net_workspace *w;
  const rs_plane *p;
  size_t at;
  double gamma, worst = 0.0;

  load ("c10-bias-warming.scene", "", &sc, &sim);
  at = warming_point (sim);
  gamma = rs_sim_recorded (sim, at)->gamma;
  ck_assert (gamma > 0.01);
  f = rs_figure_alloc (&sc, sim, (size_t) -1, GRID, &err);
  ck_assert_ptr_nonnull (f);
  ck_assert_int_eq (rs_figure_stale (f, at), 1);
  ck_assert_int_eq (rs_figure_follow (f, at, 0, &err), RS_OK);
  p = rs_figure_plane (f, 0);
  net = rs_net_clone (rs_sim_net (sim), &err);
  w = rs_net_workspace_alloc (net, rs_sim_data (sim)->n, &err);
  for (size_t i = 0; i < GRID; i += 5)
    for (size_t j = 0; j < GRID; j += 5)
      {
        double u, v, loss, want;
        int plateau, deader;
        char name[32];

        ck_assert_int_eq (rs_plane_cell (p, i, j, &u, &v, &loss, &plateau,
                                         &deader), RS_OK);
        ck_assert_int_eq (rs_sim_net_at (sim, at, net, 0), RS_OK);
        ck_assert_int_eq (rs_net_set (net, "W1[2][0]", u, &err), RS_OK);
        ck_assert_int_eq (rs_net_set (net, "b1[2]", v, &err), RS_OK);
        for (size_t k = 0; k < 4; k++)
          {
            size_t idx;

            snprintf (name, sizeof name, "b1[%zu]", k);
            ck_assert_int_eq (rs_net_param_lookup (net, name, &idx, &err),
                              RS_OK);
            *gsl_vector_ptr (rs_net_params (net), idx) += gamma;
          }
        rs_loss_net (net, rs_sim_loss (sim), rs_sim_data (sim), w, &want,
                     NULL, &err);
        worst = fmax (worst, fabs (loss - want) / fmax (1.0, want));
      }
  ck_assert_msg (worst < 1e-12, "the surface is off by %g", worst);
  rs_net_workspace_free (w);
  rs_net_free (net);
  rs_figure_free (f);
  rs_sim_free (sim);
}
END_TEST

/* A landscape pinned to step 30 of c08 (view landscape at 30) stays the
 * ReLU plateau of step 30 at every step shown, never stale, and says so
 * in its title; its ball follows the step shown (the run's w, b). */
START_TEST (test_pinned_landscape)
{
  rs_scene sc;
  rs_sim *sim;
  rs_figure *f;
  rs_error err;
  size_t hatched, dead, agree, end;
  char title[200];
  double u, v;

  load ("c08-leaky-relu.scene", "view landscape at 30\n", &sc, &sim);
  ck_assert_uint_eq (sc.n_views, 4);
  end = rs_sim_n_recorded (sim) - 1;
  f = rs_figure_alloc (&sc, sim, end, GRID, &err);
  ck_assert_ptr_nonnull (f);
  ck_assert_uint_eq (rs_plane_at (rs_figure_plane (f, 3)),
                     point_of (sim, 30));
  for (size_t i = 0; i <= end; i += 10)
    ck_assert_int_eq (rs_plane_stale (rs_figure_plane (f, 3), i), 0);
  rs_plane_title (rs_figure_plane (f, 3), title, sizeof title);
  ck_assert_msg (strstr (title, "at step 30 (pinned)") != NULL, "%s", title);
  rs_plane_title (rs_figure_plane (f, 0), title, sizeof title);
  ck_assert_msg (strstr (title, "pinned") == NULL, "%s", title);
  /* the ball is at the end's (w, b), on the plateau of step 30 */
  rs_plane_point (rs_figure_plane (f, 3), end, &u, &v);
  ck_assert_double_eq_tol (u, rs_sim_recorded (sim, end)->w, 1e-12);
  ck_assert_double_eq_tol (v, rs_sim_recorded (sim, end)->b, 1e-12);
  rs_figure_free (f);
  /* view 3 moved to the front, so that plateau_cells reads it */
  sc.views[0] = sc.views[3];
  f = rs_figure_alloc (&sc, sim, end, GRID, &err);
  ck_assert_ptr_nonnull (f);
  plateau_cells (f, sim, &hatched, &dead, &agree);
  ck_assert_uint_ge (hatched, GRID * GRID / 4);
  ck_assert_uint_eq (agree, GRID * GRID);
  rs_figure_free (f);
  rs_sim_free (sim);
}
END_TEST

/* The single neuron's loss at (w, b) with Leaky ReLU's alpha (0: ReLU),
 * mean squared error over the data, computed here from its definition. */
static double
neuron_loss (const rs_data *d, double alpha, double w, double b)
{
  double sum = 0.0;

  for (size_t k = 0; k < d->n; k++)
    {
      double z = w * d->x[k] + b, f = z > 0.0 ? z : alpha * z;

      sum += (f - d->y[k]) * (f - d->y[k]);
    }
  return sum / (double) d->n;
}

/* The largest difference between the landscape (view 0) and the closed
 * form with alpha, relative to the loss, over every 4th cell. */
static double
off_by (const rs_figure *f, const rs_data *d, double alpha)
{
  const rs_plane *p = rs_figure_plane (f, 0);
  double worst = 0.0;

  for (size_t i = 0; i < GRID; i += 4)
    for (size_t j = 0; j < GRID; j += 4)
      {
        double u, v, loss, want;
        int plateau, deader;

        ck_assert_int_eq (rs_plane_cell (p, i, j, &u, &v, &loss, &plateau,
                                         &deader), RS_OK);
        want = neuron_loss (d, alpha, u, v);
        worst = fmax (worst, fabs (loss - want) / fmax (1.0, want));
      }
  return worst;
}

/* c08 switches Leaky ReLU (alpha 0.01) on at step 50.  The morph of its
 * landscape at the point of the change is, at t, the surface of alpha
 * 0.01 t: at t = 0 ReLU's (the plateau hatched, as the closed form says),
 * at 1/2 alpha 0.005, at 1 alpha 0.01 (no plateau); each against the
 * closed-form loss of the single neuron.  The morph changes nothing
 * before the change, and rs_figure_follow settles it. */
START_TEST (test_morph_is_the_blended_loss)
{
  rs_scene sc;
  rs_sim *sim;
  rs_figure *f;
  rs_error err;
  const rs_data *d;
  const rs_sim_point *pt;
  size_t at, hatched, dead, agree;

  load ("c08-leaky-relu.scene", "", &sc, &sim);
  d = rs_sim_data (sim);
  /* the closed form is the run's own loss where the run was */
  pt = rs_sim_recorded (sim, point_of (sim, 30));
  ck_assert_double_eq_tol (neuron_loss (d, 0.0, pt->w, pt->b), pt->loss,
                           1e-12);
  at = point_of (sim, 50);
  ck_assert (rs_sim_recorded (sim, at)->events & RS_EVENT_ACT);
  f = rs_figure_alloc (&sc, sim, at, GRID, &err);
  ck_assert_ptr_nonnull (f);
  ck_assert (off_by (f, d, 0.01) < 1e-12);
  ck_assert_int_eq (rs_figure_morph (f, 0.5, &err), RS_OK);
  ck_assert_msg (off_by (f, d, 0.005) < 1e-12, "mid-morph: off by %g",
                 off_by (f, d, 0.005));
  ck_assert (off_by (f, d, 0.01) > 1e-4);
  ck_assert_int_eq (rs_figure_morph (f, 0.0, &err), RS_OK);
  ck_assert (off_by (f, d, 0.0) < 1e-12);
  plateau_cells (f, sim, &hatched, &dead, &agree);
  ck_assert_uint_eq (agree, GRID * GRID);
  ck_assert_uint_ge (hatched, GRID * GRID / 4);
  /* the plateau hatched at t = 0 is the old one outlined: only its
     label ("the plateau tilting") is drawn over it */
  ck_assert_ptr_null (rs_plane_plateau_label (rs_figure_plane (f, 0), 1));
  ck_assert_int_eq (rs_figure_morph (f, 1.0, &err), RS_OK);
  ck_assert (off_by (f, d, 0.01) < 1e-12);
  ck_assert_int_eq (rs_figure_morph (f, 0.25, &err), RS_OK);
  ck_assert_int_eq (rs_figure_follow (f, point_of (sim, 60), 0, &err),
                    RS_OK);
  ck_assert (off_by (f, d, 0.01) < 1e-12);
  /* before the change there is nothing to morph */
  ck_assert_int_eq (rs_figure_follow (f, point_of (sim, 30), 0, &err),
                    RS_OK);
  ck_assert_int_eq (rs_figure_morph (f, 0.5, &err), RS_OK);
  ck_assert (off_by (f, d, 0.0) < 1e-12);
  /* there the plateau has its own label */
  ck_assert_str_eq (rs_plane_plateau_label (rs_figure_plane (f, 0), 1),
                    "<b>dead</b>: a flat plateau\n∇L = 0");
  rs_figure_free (f);
  rs_sim_free (sim);
}
END_TEST

/* After the change the old plateau is kept: its cells are where the
 * closed form says ReLU's neuron is dead (w x_i + b <= 0 on every point),
 * and its contours are about 6 round levels over the range of the
 * current loss there: with alpha 0.01 that range is far below a tenth of
 * the loss, so the levels' spacing is too. */
START_TEST (test_old_plateau_contours)
{
  rs_scene sc;
  rs_sim *sim;
  rs_figure *f;
  rs_error err;
  const rs_plane *p;
  const rs_data *d;
  size_t agree = 0, cells = 0;
  double lo = HUGE_VAL, hi = -HUGE_VAL, step;

  load ("c08-leaky-relu.scene", "", &sc, &sim);
  d = rs_sim_data (sim);
  f = rs_figure_alloc (&sc, sim, point_of (sim, 60), GRID, &err);
  ck_assert_ptr_nonnull (f);
  p = rs_figure_plane (f, 0);
  for (size_t i = 0; i < GRID; i++)
    for (size_t j = 0; j < GRID; j++)
      {
        double u, v, loss, z = -HUGE_VAL;
        int plateau, deader, was = rs_plane_was_plateau (p, i, j);

        ck_assert_int_eq (rs_plane_cell (p, i, j, &u, &v, &loss, &plateau,
                                         &deader), RS_OK);
        for (size_t k = 0; k < d->n; k++)
          z = fmax (z, u * d->x[k] + v);
        agree += was == (z <= 0.0) || fabs (z) < 1e-9;
        cells += was;
        if (was)
          {
            lo = fmin (lo, loss);
            hi = fmax (hi, loss);
          }
      }
  ck_assert_uint_eq (agree, GRID * GRID);
  ck_assert_uint_ge (cells, GRID * GRID / 4);
  step = rs_plane_tilt_step (p);
  ck_assert_msg ((hi - lo) / step >= 3 && (hi - lo) / step <= 12,
                 "%g over [%g, %g]", step, lo, hi);
  ck_assert (hi - lo < 0.1 * lo);
  /* before the change: no old plateau */
  ck_assert_int_eq (rs_figure_follow (f, point_of (sim, 30), 0, &err),
                    RS_OK);
  ck_assert_double_eq (rs_plane_tilt_step (rs_figure_plane (f, 0)), 0.0);
  ck_assert_int_eq (rs_plane_was_plateau (rs_figure_plane (f, 0), 0, 0), 0);
  rs_figure_free (f);
  rs_sim_free (sim);
}
END_TEST

/* The arrow's length: 14 s per decade of |grad L|, 0 at 1e-5, clamped
 * to [7 s, 98 s], none at 0 (the mapping the ruler shows). */
START_TEST (test_arrow_length)
{
  ck_assert_double_eq_tol (rs_plane_arrow_length (1e-4, 1.0), 14.0, 1e-9);
  ck_assert_double_eq_tol (rs_plane_arrow_length (1e-2, 1.0), 42.0, 1e-9);
  ck_assert_double_eq_tol (rs_plane_arrow_length (1.0, 1.0), 70.0, 1e-9);
  ck_assert_double_eq_tol (rs_plane_arrow_length (0.0248, 2.0),
                           2.0 * 14.0 * log10 (0.0248 / 1e-5), 1e-9);
  ck_assert_double_eq_tol (rs_plane_arrow_length (1e-9, 1.0), 7.0, 1e-9);
  ck_assert_double_eq_tol (rs_plane_arrow_length (1e6, 1.0), 98.0, 1e-9);
  ck_assert_double_eq (rs_plane_arrow_length (0.0, 1.0), 0.0);
}
END_TEST

/* The animation's frames around c08's change (Leaky ReLU at step 50,
 * the scene's claim 'expect at 50 event act'), as render makes them:
 * each frame is a recorded point, the change's own point inside its
 * hold, morphing from 0 (the old surface) to 1 (its still); everywhere
 * else the settled still of a point. */
START_TEST (test_anim_morph_frames)
{
  rs_scene sc;
  rs_sim *sim;
  rs_error err;
  rs_anim_timing *a;
  size_t at, seen0 = 0, seen1 = 0;

  load ("c08-leaky-relu.scene", "", &sc, &sim);
  at = point_of (sim, 50);
  a = rs_anim_timing_alloc (sim, (size_t) -1, &sc, 4.0, 10.0, &err);
  ck_assert_ptr_nonnull (a);
  for (size_t k = 0; k < rs_anim_timing_frames (a); k++)
    {
      rs_anim_frame fr = rs_anim_timing_frame (a, k);

      if (fr.morph < 1.0)
        ck_assert_uint_eq (fr.point, at);
      seen0 += fr.point == at && fr.morph == 0.0;
      seen1 += fr.point == at && fr.morph == 1.0;
    }
  ck_assert_uint_ge (seen0, 1);
  ck_assert_uint_ge (seen1, 1);
  rs_anim_timing_free (a);
  rs_sim_free (sim);
}
END_TEST

static Suite *
follow_suite (void)
{
  Suite *s = suite_create ("follow");
  TCase *tc = tcase_create ("Follow");

  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_c08_plateau_at_30);
  tcase_add_test (tc, test_warming_shift_in_the_surface);
  tcase_add_test (tc, test_pinned_landscape);
  tcase_add_test (tc, test_morph_is_the_blended_loss);
  tcase_add_test (tc, test_old_plateau_contours);
  tcase_add_test (tc, test_arrow_length);
  tcase_add_test (tc, test_anim_morph_frames);
  tcase_add_test (tc, test_every_scene_frames_are_stills);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (follow_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
