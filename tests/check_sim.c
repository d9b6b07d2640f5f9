/* check_sim.c: a running scene (CONCEPTS.md C3 - C8, C10, C11), the
 * gradient step and kick it is made of, its clones and its training
 * settings changed while it runs.
 *
 * Expected values come from gradient steps written out here with their own
 * loops, from Gaussian draws of independently seeded GSL generators, from
 * a second method (gsl_fit_linear for the least-squares optimum,
 * rs_loss_net on the network rs_sim_net_at rebuilds, a run started at the
 * same point with rs_sim_start_at, a run never cloned or never changed) or
 * from bounds derived in the comments. */
#include <config.h>

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include <reluscape/reluscape.h>

#define NOT_RESTING ((size_t) -1)

/* A run from p; fails the test when it cannot be made. */
static rs_sim *
sim_new (const rs_sim_params *p)
{
  rs_error err;
  rs_sim *s = rs_sim_alloc (p, &err);

  ck_assert_msg (s != NULL, "rs_sim_alloc: %s", err.message);
  return s;
}

/* The loss and gradient of f(w x + b) on d written out with the header's
 * formulas, f' = 1 above 0 and 0 (ReLU) or alpha (Leaky ReLU) at or below
 * it, the kink convention s = 0. */
static double
hand_loss_grad (const rs_data *d, int leaky, double alpha, double w,
                double b, double *gw, double *gb)
{
  double sum = 0.0, sw = 0.0, sb = 0.0;
  double n = (double) d->n;

  for (size_t i = 0; i < d->n; i++)
    {
      double z = w * d->x[i] + b;
      double f = z > 0.0 ? z : leaky ? alpha * z : 0.0;
      double fp = z > 0.0 ? 1.0 : leaky ? alpha : 0.0;
      double r = f - d->y[i];

      sum += r * r;
      sw += r * fp * d->x[i];
      sb += r * fp;
    }
  *gw = 2.0 * sw / n;
  *gb = 2.0 * sb / n;
  return sum / n;
}

/* Means of x, x^2, y and x y over d. */
static void
data_means (const rs_data *d, double *m1, double *m2, double *my,
            double *mxy)
{
  *m1 = *m2 = *my = *mxy = 0.0;
  for (size_t i = 0; i < d->n; i++)
    {
      *m1 += d->x[i];
      *m2 += d->x[i] * d->x[i];
      *my += d->y[i];
      *mxy += d->x[i] * d->y[i];
    }
  *m1 /= (double) d->n;
  *m2 /= (double) d->n;
  *my /= (double) d->n;
  *mxy /= (double) d->n;
}

/* The built-in story (scenes/plateau.scene): the default data, rate 0.3,
 * starting at (w0, b0). */
static rs_sim *
story_new (double w0, double b0)
{
  rs_sim_params p;

  rs_sim_params_default (&p);
  p.w0 = w0;
  p.b0 = b0;
  p.rate = 0.3;
  return sim_new (&p);
}

/* ---- Params ---- */

enum { F_DOUBLE, F_SIZE, F_ACT, F_KICKS, F_KICK_SIGMA };

/* One field set to one value. */
typedef struct {
  const char *what;
  int kind;
  size_t off;
  double value;
} field_value;

#define DBL(f, v) { #f " = " #v, F_DOUBLE, offsetof (rs_sim_params, f), v }
#define SZ(f, v) { #f " = " #v, F_SIZE, offsetof (rs_sim_params, f), v }

static void
field_set (rs_sim_params *p, const field_value *fv)
{
  char *base = (char *) p;

  switch (fv->kind)
    {
    case F_DOUBLE:
      memcpy (base + fv->off, &fv->value, sizeof fv->value);
      break;
    case F_SIZE:
      {
        size_t v = (size_t) fv->value;
        memcpy (base + fv->off, &v, sizeof v);
      }
      break;
    case F_ACT:
      p->act = NULL;
      break;
    case F_KICKS:
      p->n_kicks = (size_t) fv->value;
      for (size_t i = 0; i < p->n_kicks && i < RS_SIM_MAX_KICKS; i++)
        {
          p->kicks[i].step = i;
          p->kicks[i].sigma = 1.0;
          p->kicks[i].seed = i;
        }
      break;
    case F_KICK_SIGMA:
      p->n_kicks = 1;
      p->kicks[0].step = 5;
      p->kicks[0].seed = 7;
      p->kicks[0].sigma = fv->value;
      break;
    default:
      ck_abort_msg ("bad field kind");
    }
}

/* Every value out of the ranges the header and rs_sim_params_check give:
 * points in [2, 100000], slope and intercept finite, noise in [0, 1e6],
 * an activation, alpha in [0, 1), kink in [0, 1], a finite start, rate in
 * (0, 100], steps in [1, 1e7], tol in [0, 1], kick scales in (0, 1000],
 * at most RS_SIM_MAX_KICKS kicks. */
static const field_value bad_fields[] = {
  SZ (n_points, 1), SZ (n_points, 0), SZ (n_points, 100001),
  DBL (slope, NAN), DBL (slope, INFINITY), DBL (intercept, -INFINITY),
  DBL (intercept, NAN),
  DBL (noise, -0.05), DBL (noise, 1.5e6), DBL (noise, NAN),
  { "act = NULL", F_ACT, 0, 0 },
  DBL (alpha, -0.137), DBL (alpha, 1.0), DBL (alpha, NAN),
  DBL (kink, -0.25), DBL (kink, 1.25), DBL (kink, NAN),
  DBL (w0, INFINITY), DBL (w0, NAN), DBL (b0, -INFINITY), DBL (b0, NAN),
  DBL (rate, 0.0), DBL (rate, -0.3), DBL (rate, 100.5), DBL (rate, NAN),
  SZ (steps, 0), SZ (steps, 10000001),
  DBL (tol, -1e-9), DBL (tol, 1.5), DBL (tol, NAN),
  DBL (kick_sigma, 0.0), DBL (kick_sigma, -1.5), DBL (kick_sigma, 1000.5),
  DBL (kick_sigma, NAN),
  { "n_kicks = 65", F_KICKS, 0, RS_SIM_MAX_KICKS + 1 },
  { "kicks[0].sigma = 0", F_KICK_SIGMA, 0, 0.0 },
  { "kicks[0].sigma = -2.385", F_KICK_SIGMA, 0, -2.385 },
  { "kicks[0].sigma = 1000.5", F_KICK_SIGMA, 0, 1000.5 },
  { "kicks[0].sigma = NAN", F_KICK_SIGMA, 0, NAN },
};

/* The same ranges at their closed ends, which are allowed. */
static const field_value good_fields[] = {
  SZ (n_points, 2), SZ (n_points, 100000), DBL (noise, 0.0),
  DBL (noise, 1e6), DBL (alpha, 0.0), DBL (alpha, 0.999), DBL (kink, 0.0),
  DBL (kink, 1.0), DBL (rate, 100.0), SZ (steps, 1), SZ (steps, 10000000),
  DBL (tol, 0.0), DBL (tol, 1.0), DBL (kick_sigma, 1000.0),
  { "n_kicks = 64", F_KICKS, 0, RS_SIM_MAX_KICKS },
  { "kicks[0].sigma = 1000", F_KICK_SIGMA, 0, 1000.0 },
};

/* Each bad value alone is refused with RS_EINVAL and a message, by the
 * check and by rs_sim_alloc. */
START_TEST (test_params_bad)
{
  rs_sim_params p;
  rs_error err;

  rs_sim_params_default (&p);
  field_set (&p, &bad_fields[_i]);
  rs_error_clear (&err);
  ck_assert_msg (rs_sim_params_check (&p, &err) == RS_EINVAL,
                 "%s accepted", bad_fields[_i].what);
  ck_assert_int_eq (err.code, RS_EINVAL);
  ck_assert_msg (err.message[0] != '\0', "%s: no message",
                 bad_fields[_i].what);
  ck_assert_int_eq (rs_sim_params_check (&p, NULL), RS_EINVAL);
  rs_error_clear (&err);
  ck_assert_ptr_null (rs_sim_alloc (&p, &err));
  ck_assert_int_eq (err.code, RS_EINVAL);
}
END_TEST

/* The closed ends of the same ranges, from the same comment, pass. */
START_TEST (test_params_good)
{
  rs_sim_params p;
  rs_error err;

  rs_sim_params_default (&p);
  field_set (&p, &good_fields[_i]);
  ck_assert_msg (rs_sim_params_check (&p, &err) == RS_OK, "%s refused: %s",
                 good_fields[_i].what, err.message);
}
END_TEST

/* The defaults of the header, read from its comment. */
START_TEST (test_params_default)
{
  rs_sim_params p;

  rs_sim_params_default (&p);
  ck_assert_int_eq (rs_sim_params_check (&p, NULL), RS_OK);
  ck_assert_uint_eq (p.seed, 1);
  ck_assert_uint_eq (p.n_points, 24);
  ck_assert_double_eq_tol (p.slope, 2.0, 1e-15);
  ck_assert_double_eq_tol (p.intercept, 1.0, 1e-15);
  ck_assert_double_eq_tol (p.noise, 0.05, 1e-15);
  ck_assert_ptr_eq (p.act, rs_act_relu);
  ck_assert_double_eq_tol (p.alpha, 0.1, 1e-15);
  ck_assert_double_eq_tol (p.kink, 0.0, 1e-15);
  ck_assert_double_eq_tol (p.w0, 0.5, 1e-15);
  ck_assert_double_eq_tol (p.b0, 0.5, 1e-15);
  ck_assert_double_eq_tol (p.rate, 0.1, 1e-15);
  ck_assert_uint_eq (p.steps, 200);
  ck_assert_double_eq_tol (p.tol, 1e-6, 1e-21);
  ck_assert_double_eq_tol (p.kick_sigma, 1.0, 1e-15);
  ck_assert_uint_eq (p.n_kicks, 0);
}
END_TEST

/* The names listed in the header's comment on rs_sim_status_name. */
START_TEST (test_status_names)
{
  ck_assert_str_eq (rs_sim_status_name (RS_SIM_RUNNING), "running");
  ck_assert_str_eq (rs_sim_status_name (RS_SIM_CONVERGED), "converged");
  ck_assert_str_eq (rs_sim_status_name (RS_SIM_STUCK), "stuck");
  ck_assert_str_eq (rs_sim_status_name (RS_SIM_DIVERGED), "diverged");
  ck_assert_str_eq (rs_sim_status_name ((rs_sim_status) 17), "unknown");
}
END_TEST

/* ---- Core ---- */

/* The data come from the seed alone: two runs with the same parameters
 * have identical data, equal to y = slope x + intercept plus the noise
 * draws of an independent generator seeded with p.seed; another seed
 * gives other data on the same x. */
START_TEST (test_data_from_seed)
{
  rs_sim_params p;
  rs_sim *a, *b, *c;
  const rs_data *da, *db, *dc;
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);
  int differ = 0;

  rs_sim_params_default (&p);
  p.seed = 2385;
  p.n_points = 17;
  p.slope = -0.731;
  p.intercept = 0.4619;
  p.noise = 0.25;
  a = sim_new (&p);
  b = sim_new (&p);
  p.seed = 2386;
  c = sim_new (&p);
  da = rs_sim_data (a);
  db = rs_sim_data (b);
  dc = rs_sim_data (c);
  ck_assert_uint_eq (da->n, 17);
  gsl_rng_set (r, 2385);
  for (size_t i = 0; i < 17; i++)
    {
      double x = -1.0 + 2.0 * (double) i / 16.0;

      ck_assert (da->x[i] == db->x[i] && da->y[i] == db->y[i]);
      ck_assert (da->x[i] == dc->x[i]);
      ck_assert_double_eq_tol (da->x[i], x, 1e-15);
      ck_assert_double_eq_tol (da->y[i], -0.731 * x + 0.4619
                               + gsl_ran_gaussian (r, 0.25), 1e-14);
      differ |= da->y[i] != dc->y[i];
    }
  ck_assert (differ);
  gsl_rng_free (r);
  rs_sim_free (a);
  rs_sim_free (b);
  rs_sim_free (c);
}
END_TEST

/* A new run holds one point: the start, step 0, with its loss, gradient
 * norm and active count computed by hand. */
START_TEST (test_start_point)
{
  rs_sim_params p;
  rs_sim *s;
  const rs_sim_point *pt;
  double gw, gb, l;
  size_t active = 0;

  rs_sim_params_default (&p);
  p.w0 = -0.4619;
  p.b0 = 0.2385;
  s = sim_new (&p);
  ck_assert_uint_eq (rs_sim_n_recorded (s), 1);
  ck_assert_uint_eq (rs_sim_step_count (s), 0);
  pt = rs_sim_recorded (s, 0);
  ck_assert (memcmp (pt, rs_sim_current (s), sizeof *pt) == 0);
  ck_assert_ptr_null (rs_sim_recorded (s, 1));
  ck_assert_uint_eq (pt->step, 0);
  ck_assert_uint_eq (pt->events, RS_EVENT_START);
  ck_assert (pt->w == -0.4619 && pt->b == 0.2385);
  l = hand_loss_grad (rs_sim_data (s), 0, 0.0, -0.4619, 0.2385, &gw, &gb);
  for (size_t i = 0; i < p.n_points; i++)
    active += -0.4619 * rs_sim_data (s)->x[i] + 0.2385 > 0.0;
  ck_assert_double_eq_tol (pt->loss, l, 1e-14);
  ck_assert_double_eq_tol (pt->gnorm, sqrt (gw * gw + gb * gb), 1e-14);
  ck_assert_uint_eq (pt->active, active);
  ck_assert_int_eq (rs_sim_test (s), RS_SIM_RUNNING);
  ck_assert_uint_eq (rs_sim_stuck_since (s), NOT_RESTING);
  ck_assert_uint_eq (rs_sim_get_params (s)->n_points, p.n_points);
  ck_assert (rs_sim_neuron (s)->w == -0.4619);
  rs_sim_free (s);
}
END_TEST

/* One iterate is one gradient step (w, b) - rate (dL/dw, dL/db) with the
 * gradient of hand_loss_grad, recorded as step 1 with no event, for ReLU
 * and for Leaky ReLU.  The start is away from every kink. */
START_TEST (test_one_step)
{
  int leaky = _i;
  rs_sim_params p;
  rs_sim *s;
  const rs_sim_point *pt;
  double gw, gb, w1, b1, gw1, gb1;

  rs_sim_params_default (&p);
  p.act = leaky ? rs_act_leaky_relu : rs_act_relu;
  p.alpha = 0.137;
  p.w0 = -0.4619;
  p.b0 = 0.2385;
  p.rate = 0.137;
  s = sim_new (&p);
  hand_loss_grad (rs_sim_data (s), leaky, 0.137, -0.4619, 0.2385, &gw, &gb);
  w1 = -0.4619 - 0.137 * gw;
  b1 = 0.2385 - 0.137 * gb;
  ck_assert_int_eq (rs_sim_iterate (s), RS_OK);
  pt = rs_sim_current (s);
  ck_assert_uint_eq (rs_sim_n_recorded (s), 2);
  ck_assert_uint_eq (rs_sim_step_count (s), 1);
  ck_assert_uint_eq (pt->step, 1);
  ck_assert_uint_eq (pt->events, 0);
  ck_assert_double_eq_tol (pt->w, w1, 1e-14);
  ck_assert_double_eq_tol (pt->b, b1, 1e-14);
  ck_assert_double_eq_tol (rs_sim_neuron (s)->w, w1, 1e-14);
  /* The recorded loss and norm are those of the new point. */
  ck_assert_double_eq_tol (pt->loss, hand_loss_grad (rs_sim_data (s), leaky,
                                                     0.137, w1, b1, &gw1,
                                                     &gb1), 1e-14);
  ck_assert_double_eq_tol (pt->gnorm, hypot (gw1, gb1), 1e-14);
  rs_sim_free (s);
}
END_TEST

/* The story of scenes/plateau.scene (C4, C5): from (-2.5, 1.5) at rate
 * 0.3 the neuron is pushed down until w x + b <= 0 on every point.  Then
 * the gradient is exactly 0, (w, b) never changes again, and the loss is
 * the plateau's mean(y^2).  stuck_since is the first step with
 * |w| + b <= 0 (max_i z_i over data whose ends are -1 and 1). */
START_TEST (test_story_stuck)
{
  rs_sim *s = story_new (-2.5, 1.5);
  const rs_data *d = rs_sim_data (s);
  const rs_sim_point *pt;
  size_t since;
  double my2 = 0.0;

  ck_assert_int_eq (rs_sim_run (s), RS_OK);
  ck_assert_uint_eq (rs_sim_step_count (s), 200);
  ck_assert_int_eq (rs_sim_test (s), RS_SIM_STUCK);
  pt = rs_sim_current (s);
  ck_assert_uint_eq (pt->step, 200);
  ck_assert_uint_eq (pt->active, 0);
  ck_assert (pt->b <= -fabs (pt->w));
  ck_assert (pt->gnorm == 0.0);
  for (size_t i = 0; i < d->n; i++)
    my2 += d->y[i] * d->y[i];
  ck_assert_double_eq_tol (pt->loss, my2 / (double) d->n, 1e-13);
  /* 201 points, no thinning: point k is step k. */
  ck_assert_uint_eq (rs_sim_n_recorded (s), 201);
  since = rs_sim_stuck_since (s);
  ck_assert_uint_gt (since, 0);
  ck_assert_uint_lt (since, 200);
  pt = rs_sim_recorded (s, since);
  ck_assert (fabs (pt->w) + pt->b <= 0.0);
  pt = rs_sim_recorded (s, since - 1);
  ck_assert (fabs (pt->w) + pt->b > 0.0);
  for (size_t k = since; k <= 200; k++)
    {
      ck_assert (rs_sim_recorded (s, k)->w == rs_sim_recorded (s, since)->w);
      ck_assert (rs_sim_recorded (s, k)->b == rs_sim_recorded (s, since)->b);
    }
  rs_sim_free (s);
}
END_TEST

/* The least-squares line through the active points of the final state,
 * by gsl_fit_linear, and the smallest eigenvalue of the loss's Hessian
 * H = (2/n) sum_active [x^2 x; x 1] there. */
static void
active_least_squares (const rs_data *d, double w, double b, double *w_ls,
                      double *b_ls, double *lmin, size_t *n_active)
{
  double xa[1024], ya[1024], a = 0.0, c = 0.0, e = 0.0;
  double cov00, cov01, cov11, sumsq;
  size_t k = 0;

  ck_assert_uint_le (d->n, 1024);
  for (size_t i = 0; i < d->n; i++)
    if (w * d->x[i] + b > 0.0)
      {
        xa[k] = d->x[i];
        ya[k++] = d->y[i];
        a += d->x[i] * d->x[i];
        c += d->x[i];
        e += 1.0;
      }
  ck_assert_uint_ge (k, 2);
  gsl_fit_linear (xa, 1, ya, 1, k, b_ls, w_ls, &cov00, &cov01, &cov11,
                  &sumsq);
  a *= 2.0 / (double) d->n;
  c *= 2.0 / (double) d->n;
  e *= 2.0 / (double) d->n;
  *lmin = (a + e) / 2.0 - sqrt ((a - e) * (a - e) / 4.0 + c * c);
  *n_active = k;
}

/* From (-1.5, 2.5) the same rate finds the valley.  On a fixed active set
 * the loss is a quadratic with Hessian H and gradient g = H (theta -
 * theta*), where theta* is the least-squares line of the active points, so
 * |theta - theta*| <= |g| / lambda_min(H) <= tol / lambda_min(H): the
 * tolerance used.  theta* must have the same active set (self-consistent),
 * and is near the data's line y = 2x + 1. */
START_TEST (test_story_converged)
{
  rs_sim *s = story_new (-1.5, 2.5);
  const rs_data *d = rs_sim_data (s);
  const rs_sim_point *pt;
  double w_ls, b_ls, lmin, bound;
  size_t n_active, n_active_ls;

  ck_assert_int_eq (rs_sim_run (s), RS_OK);
  ck_assert_int_eq (rs_sim_test (s), RS_SIM_CONVERGED);
  pt = rs_sim_current (s);
  ck_assert_uint_gt (pt->active, 0);
  ck_assert (pt->gnorm <= rs_sim_get_params (s)->tol);
  active_least_squares (d, pt->w, pt->b, &w_ls, &b_ls, &lmin, &n_active);
  ck_assert_uint_eq (n_active, pt->active);
  ck_assert (lmin > 0.0);
  bound = rs_sim_get_params (s)->tol / lmin;
  ck_assert_double_eq_tol (pt->w, w_ls, bound);
  ck_assert_double_eq_tol (pt->b, b_ls, bound);
  active_least_squares (d, w_ls, b_ls, &w_ls, &b_ls, &lmin, &n_active_ls);
  ck_assert_uint_eq (n_active_ls, n_active);
  /* Noise 0.05 on 18 points moves the fit by a few hundredths at most. */
  ck_assert_double_eq_tol (pt->w, 2.0, 0.1);
  ck_assert_double_eq_tol (pt->b, 1.0, 0.1);
  ck_assert_uint_eq (rs_sim_stuck_since (s), NOT_RESTING);
  rs_sim_free (s);
}
END_TEST

/* C6: one huge step kills a unit.  From (0.3, 2.385), active on all of
 * [-1, 1], the ReLU gradient is that of the full quadratic,
 * dL/dw = 2 mean((z - y) x), dL/db = 2 mean(z - y); at rate 90 the step
 * (computed by hand) lands where |w| + b <= 0, and the run is stuck for
 * ever after one step instead of diverging. */
START_TEST (test_big_step_kills)
{
  rs_sim_params p;
  rs_sim *s;
  double gw, gb, w1, b1;

  rs_sim_params_default (&p);
  p.w0 = 0.3;
  p.b0 = 2.385;
  p.rate = 90.0;
  s = sim_new (&p);
  ck_assert_uint_eq (rs_sim_current (s)->active, p.n_points);
  hand_loss_grad (rs_sim_data (s), 0, 0.0, 0.3, 2.385, &gw, &gb);
  w1 = 0.3 - 90.0 * gw;
  b1 = 2.385 - 90.0 * gb;
  ck_assert (fabs (w1) + b1 < 0.0);
  ck_assert_int_eq (rs_sim_iterate (s), RS_OK);
  ck_assert_double_eq_tol (rs_sim_current (s)->w, w1, 1e-10);
  ck_assert_double_eq_tol (rs_sim_current (s)->b, b1, 1e-10);
  ck_assert_int_eq (rs_sim_test (s), RS_SIM_STUCK);
  ck_assert_int_eq (rs_sim_run (s), RS_OK);
  ck_assert (rs_sim_current (s)->w == rs_sim_recorded (s, 1)->w);
  ck_assert (rs_sim_current (s)->b == rs_sim_recorded (s, 1)->b);
  ck_assert_int_eq (rs_sim_test (s), RS_SIM_STUCK);
  ck_assert_uint_eq (rs_sim_stuck_since (s), 1);
  rs_sim_free (s);
}
END_TEST

/* ---- Kicks (C11) ---- */

/* A scheduled kick at step 7 is applied when the run has taken 7 steps,
 * before the 8th gradient step: a point at step 7 marked RS_EVENT_KICK
 * holds (w7 + g1, b7 + g2), g1 and g2 the first two N(0, 1.25^2) draws of
 * an mt19937 seeded 4242; the 8th step starts from there.  A restart
 * re-arms the kick, which then replays the same draws. */
START_TEST (test_scheduled_kick)
{
  rs_sim_params p;
  rs_sim *s;
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);
  const rs_sim_point *pt;
  double w7, b7, g1, g2, gw, gb, kw, kb;

  gsl_rng_set (r, 4242);
  g1 = gsl_ran_gaussian (r, 1.25);
  g2 = gsl_ran_gaussian (r, 1.25);
  gsl_rng_free (r);
  rs_sim_params_default (&p);
  p.w0 = 0.731;
  p.b0 = 1.913;
  p.n_kicks = 1;
  p.kicks[0].step = 7;
  p.kicks[0].sigma = 1.25;
  p.kicks[0].seed = 4242;
  s = sim_new (&p);
  for (int round = 0; round < 2; round++)
    {
      for (int k = 0; k < 7; k++)
        ck_assert_int_eq (rs_sim_iterate (s), RS_OK);
      for (size_t i = 0; i < rs_sim_n_recorded (s); i++)
        ck_assert_uint_eq (rs_sim_recorded (s, i)->events & RS_EVENT_KICK, 0);
      w7 = rs_sim_current (s)->w;
      b7 = rs_sim_current (s)->b;
      ck_assert_int_eq (rs_sim_iterate (s), RS_OK);
      ck_assert_uint_eq (rs_sim_n_recorded (s), 10);
      pt = rs_sim_recorded (s, 8);
      ck_assert_uint_eq (pt->step, 7);
      ck_assert_uint_eq (pt->events, RS_EVENT_KICK);
      ck_assert_double_eq_tol (pt->w, w7 + g1, 1e-15);
      ck_assert_double_eq_tol (pt->b, b7 + g2, 1e-15);
      kw = pt->w;
      kb = pt->b;
      hand_loss_grad (rs_sim_data (s), 0, 0.0, kw, kb, &gw, &gb);
      pt = rs_sim_recorded (s, 9);
      ck_assert_uint_eq (pt->step, 8);
      ck_assert_uint_eq (pt->events, 0);
      ck_assert_double_eq_tol (pt->w, kw - p.rate * gw, 1e-14);
      ck_assert_double_eq_tol (pt->b, kb - p.rate * gb, 1e-14);
      /* Once only. */
      for (int k = 0; k < 5; k++)
        ck_assert_int_eq (rs_sim_iterate (s), RS_OK);
      ck_assert_uint_eq (rs_sim_n_recorded (s), 15);
      ck_assert_uint_eq (rs_sim_current (s)->events, 0);
      rs_sim_restart (s, 0.731, 1.913);
      ck_assert_uint_eq (rs_sim_n_recorded (s), 1);
    }
  rs_sim_free (s);
}
END_TEST

/* A kick at step 0 comes before the first step; two kicks due at the
 * same step both apply, in table order, as one recorded point. */
START_TEST (test_kicks_same_step)
{
  rs_sim_params p;
  rs_sim *s;
  gsl_rng *r = gsl_rng_alloc (gsl_rng_mt19937);
  double a1, a2, c1, c2;
  const rs_sim_point *pt;

  gsl_rng_set (r, 11);
  a1 = gsl_ran_gaussian (r, 0.5);
  a2 = gsl_ran_gaussian (r, 0.5);
  gsl_rng_set (r, 12);
  c1 = gsl_ran_gaussian (r, 2.385);
  c2 = gsl_ran_gaussian (r, 2.385);
  gsl_rng_free (r);
  rs_sim_params_default (&p);
  p.n_kicks = 2;
  p.kicks[0].step = 0;
  p.kicks[0].sigma = 0.5;
  p.kicks[0].seed = 11;
  p.kicks[1].step = 0;
  p.kicks[1].sigma = 2.385;
  p.kicks[1].seed = 12;
  s = sim_new (&p);
  ck_assert_int_eq (rs_sim_iterate (s), RS_OK);
  ck_assert_uint_eq (rs_sim_n_recorded (s), 3);
  pt = rs_sim_recorded (s, 1);
  ck_assert_uint_eq (pt->step, 0);
  ck_assert_uint_eq (pt->events, RS_EVENT_KICK);
  ck_assert_double_eq_tol (pt->w, p.w0 + a1 + c1, 1e-14);
  ck_assert_double_eq_tol (pt->b, p.b0 + a2 + c2, 1e-14);
  rs_sim_free (s);
}
END_TEST

/* C11: kicks from the run's own generator free a stuck run.  The story
 * with data seed 4 also dies (checked), resting just below the edge
 * |w| + b = 0, where a kick of scale 1.5 frees it with probability about
 * 1/2 or more; 5 kicks are allowed (seed 4's first kick does it).  The
 * generator is seeded from p.seed, so the outcome is the same every time,
 * and a second run with the same parameters replays the same kicks.
 * (With the story's own seed 1 the first kicks happen to go deeper into
 * the plateau and it takes 10 of them, a random walk.) */
START_TEST (test_interactive_kick_frees)
{
  rs_sim_params p;
  rs_sim *s, *t;
  size_t n_kicks = 0;

  rs_sim_params_default (&p);
  p.seed = 4;
  p.w0 = -2.5;
  p.b0 = 1.5;
  p.rate = 0.3;
  s = sim_new (&p);
  t = sim_new (&p);
  rs_sim_run (s);
  rs_sim_run (t);
  ck_assert_int_eq (rs_sim_test (s), RS_SIM_STUCK);
  while (rs_sim_current (s)->active == 0 && n_kicks < 5)
    {
      size_t n = rs_sim_n_recorded (s);

      rs_sim_kick (s, 1.5);
      rs_sim_kick (t, 1.5);
      n_kicks++;
      ck_assert_uint_eq (rs_sim_n_recorded (s), n + 1);
      ck_assert_uint_eq (rs_sim_current (s)->events, RS_EVENT_KICK);
      ck_assert (rs_sim_current (s)->w == rs_sim_current (t)->w);
      ck_assert (rs_sim_current (s)->b == rs_sim_current (t)->b);
    }
  ck_assert_uint_gt (rs_sim_current (s)->active, 0);
  ck_assert (rs_sim_current (s)->gnorm > 0.0);
  ck_assert_uint_eq (rs_sim_stuck_since (s), NOT_RESTING);
  ck_assert_int_eq (rs_sim_test (s), RS_SIM_RUNNING);
  rs_sim_free (s);
  rs_sim_free (t);
}
END_TEST

/* ---- Leaky ReLU (C8) ---- */

/* Switching the stuck story to Leaky ReLU tilts the plateau.  While dead,
 * every z_i <= 0 and the gradient is dL/db = 2 alpha (alpha mean(z) -
 * mean(y)), dL/dw = 2 alpha (alpha mean(z x) - mean(x y)).  With
 * H = |w| + b (the largest z_i, since the data end at -1 and 1),
 * c = 2 alpha rate and b <= -|w| <= 0:
 *   H' - H >= (b' - b) - |w' - w|
 *          >= c (my - |mxy| + alpha (|b| - m2 |w| - |m1| (|w| + |b|)))
 *          >= c (my - |mxy|) = delta
 * as |b| >= |w| and m2 + 2 |m1| <= 1.  So the unit is active again
 * (H > 0) within floor(-H0 / delta) + 1 steps.  The first step is also
 * checked against -rate dL/db by hand. */
START_TEST (test_leaky_frees)
{
  rs_sim *s = story_new (-2.5, 1.5);
  const rs_data *d = rs_sim_data (s);
  double alpha = rs_sim_get_params (s)->alpha;
  double rate = rs_sim_get_params (s)->rate;
  double m1, m2, my, mxy, gw, gb, w, b, h0, delta;
  size_t bound, k;

  rs_sim_run (s);
  ck_assert_int_eq (rs_sim_test (s), RS_SIM_STUCK);
  w = rs_sim_current (s)->w;
  b = rs_sim_current (s)->b;
  rs_sim_set_activation (s, rs_act_leaky_relu, alpha);
  ck_assert_uint_eq (rs_sim_current (s)->events, RS_EVENT_ACT);
  ck_assert (rs_sim_current (s)->gnorm > 0.0);
  ck_assert_uint_eq (rs_sim_stuck_since (s), NOT_RESTING);
  ck_assert_int_eq (rs_sim_test (s), RS_SIM_RUNNING);
  ck_assert_ptr_eq (rs_sim_neuron (s)->act, rs_act_leaky_relu);

  hand_loss_grad (d, 1, alpha, w, b, &gw, &gb);
  ck_assert (gb < 0.0);
  rs_sim_iterate (s);
  ck_assert_double_eq_tol (rs_sim_current (s)->b - b, rate * -gb, 1e-14);
  ck_assert_double_eq_tol (rs_sim_current (s)->w - w, rate * -gw, 1e-14);

  data_means (d, &m1, &m2, &my, &mxy);
  ck_assert (m2 + 2.0 * fabs (m1) <= 1.0);
  delta = 2.0 * alpha * rate * (my - fabs (mxy));
  ck_assert (delta > 0.0);
  h0 = fabs (w) + b;
  ck_assert (h0 <= 0.0);
  bound = (size_t) floor (-h0 / delta) + 1;
  for (k = 1; rs_sim_current (s)->active == 0 && k < bound; k++)
    rs_sim_iterate (s);
  ck_assert_msg (rs_sim_current (s)->active > 0,
                 "still dead after %zu steps (bound %zu)", k, bound);
  rs_sim_free (s);
}
END_TEST

/* ---- Limits ---- */

/* Leaky ReLU (alpha 0.5) cannot die, so rate 90 from (0.3, 2.385), active
 * everywhere, overshoots without end.  The loss is piecewise quadratic
 * with Hessian 2 diag(m2, 1) (m2 = 25/69) where all points are active and
 * alpha^2 times that where none are; a step multiplies the error along
 * each axis by 1 - rate * curvature, between 1 - 2 rate alpha^2 m2 = -15.3
 * and 1 - 2 rate = -179.  Growing some 15-fold or more a step, z^2
 * overflows after about 130 steps; 1000 are allowed.  Once diverged, the
 * run refuses to move. */
START_TEST (test_diverged)
{
  rs_sim_params p;
  rs_sim *s;
  size_t k, n_rec, steps;
  int rc = RS_OK;

  rs_sim_params_default (&p);
  p.act = rs_act_leaky_relu;
  p.alpha = 0.5;
  p.w0 = 0.3;
  p.b0 = 2.385;
  p.rate = 90.0;
  p.steps = 100000;
  s = sim_new (&p);
  ck_assert_uint_eq (rs_sim_current (s)->active, p.n_points);
  for (k = 0; k < 1000 && rc == RS_OK; k++)
    rc = rs_sim_iterate (s);
  ck_assert_int_eq (rc, RS_EDIVERGED);
  ck_assert_int_eq (rs_sim_test (s), RS_SIM_DIVERGED);
  ck_assert (!isfinite (rs_sim_current (s)->w)
             || !isfinite (rs_sim_current (s)->b)
             || !isfinite (rs_sim_current (s)->loss));
  n_rec = rs_sim_n_recorded (s);
  steps = rs_sim_step_count (s);
  for (k = 0; k < 10; k++)
    ck_assert_int_eq (rs_sim_iterate (s), RS_EDIVERGED);
  ck_assert_int_eq (rs_sim_run (s), RS_EDIVERGED);
  ck_assert_uint_eq (rs_sim_n_recorded (s), n_rec);
  ck_assert_uint_eq (rs_sim_step_count (s), steps);
  /* A restart clears the divergence. */
  rs_sim_restart (s, 0.3, 2.385);
  ck_assert_int_eq (rs_sim_test (s), RS_SIM_RUNNING);
  ck_assert_int_eq (rs_sim_iterate (s), RS_OK);
  rs_sim_free (s);
}
END_TEST

/* A long run keeps at most RS_SIM_MAX_RECORD points, yet still holds its
 * start, its last step and every scheduled kick, in order of steps. */
START_TEST (test_record_bounded)
{
  const size_t kick_steps[] = { 1000, 50000, 150000 };
  rs_sim_params p;
  rs_sim *s;
  size_t n, found = 0;

  rs_sim_params_default (&p);
  p.n_points = 2;
  p.noise = 0.0;
  p.w0 = 0.4619;
  p.b0 = 0.731;
  p.steps = 200000;
  p.n_kicks = 3;
  for (size_t i = 0; i < 3; i++)
    {
      p.kicks[i].step = kick_steps[i];
      p.kicks[i].sigma = 0.25;
      p.kicks[i].seed = 100 + i;
    }
  s = sim_new (&p);
  ck_assert_int_eq (rs_sim_run (s), RS_OK);
  n = rs_sim_n_recorded (s);
  ck_assert_uint_le (n, RS_SIM_MAX_RECORD);
  ck_assert_uint_gt (n, RS_SIM_MAX_RECORD / 4);
  ck_assert_uint_eq (rs_sim_recorded (s, 0)->step, 0);
  ck_assert_uint_eq (rs_sim_recorded (s, 0)->events, RS_EVENT_START);
  ck_assert_uint_eq (rs_sim_current (s)->step, 200000);
  ck_assert (rs_sim_current (s)->w == rs_sim_neuron (s)->w);
  for (size_t i = 0; i < n; i++)
    {
      const rs_sim_point *pt = rs_sim_recorded (s, i);

      if (i > 0)
        ck_assert_uint_ge (pt->step, rs_sim_recorded (s, i - 1)->step);
      if (pt->events & RS_EVENT_KICK)
        {
          ck_assert_uint_lt (found, 3);
          ck_assert_uint_eq (pt->step, kick_steps[found]);
          found++;
        }
    }
  ck_assert_uint_eq (found, 3);
  rs_sim_free (s);
}
END_TEST

/* The bound holds when every point carries an event: RS_SIM_MAX_RECORD + 1
 * interactive kicks (each recorded with RS_EVENT_KICK) must not grow the
 * trajectory past RS_SIM_MAX_RECORD points. */
START_TEST (test_record_bounded_events)
{
  rs_sim_params p;
  rs_sim *s;

  rs_sim_params_default (&p);
  p.n_points = 2;
  s = sim_new (&p);
  for (size_t k = 0; k < RS_SIM_MAX_RECORD + 1; k++)
    rs_sim_kick (s, 0.01);
  ck_assert_uint_le (rs_sim_n_recorded (s), RS_SIM_MAX_RECORD);
  rs_sim_free (s);
}
END_TEST

/* rs_sim_run stops at exactly p.steps steps, and a restart starts over. */
START_TEST (test_run_and_restart)
{
  rs_sim_params p;
  rs_sim *s;

  rs_sim_params_default (&p);
  p.steps = 37;
  s = sim_new (&p);
  ck_assert_int_eq (rs_sim_run (s), RS_OK);
  ck_assert_uint_eq (rs_sim_step_count (s), 37);
  ck_assert_uint_eq (rs_sim_n_recorded (s), 38);
  ck_assert_int_eq (rs_sim_run (s), RS_OK);
  ck_assert_uint_eq (rs_sim_step_count (s), 37);
  rs_sim_restart (s, -0.731, 2.385);
  ck_assert_uint_eq (rs_sim_step_count (s), 0);
  ck_assert_uint_eq (rs_sim_n_recorded (s), 1);
  ck_assert_uint_eq (rs_sim_current (s)->events, RS_EVENT_START);
  ck_assert (rs_sim_current (s)->w == -0.731);
  ck_assert (rs_sim_current (s)->b == 2.385);
  ck_assert_uint_eq (rs_sim_stuck_since (s), NOT_RESTING);
  rs_sim_free (s);
}
END_TEST

/* ---- Networks and cures (C7, C8, C10, C11) ---- */

/* A single neuron at (w0, b0) on noise-free y = 2x + 1 (24 points). */
static void
neuron_params (rs_sim_params *p, double w0, double b0)
{
  rs_sim_params_default (p);
  p->noise = 0.0;
  p->w0 = w0;
  p->b0 = b0;
  p->rate = 0.3;
}

/* C8, exactly: a ReLU neuron dead at (-0.4, -1.2) (z <= -0.8 on [-1, 1])
 * switched to Leaky ReLU at step 0.  While every z_i <= 0, f(z) = alpha z
 * and f' = alpha, so the loss is a quadratic in (w, b) and gradient
 * descent is the linear recursion
 *   w' = w - 2 eta alpha (alpha (w m2 + b m1) - mxy)
 *   b' = b - 2 eta alpha (alpha (w m1 + b) - my)
 * in the data's means, computed here without the network.  The unit is
 * back at the first step where max_i (w x_i + b) > 0, and the run must
 * say so at exactly that step. */
START_TEST (test_leaky_exact_steps)
{
  const double alpha = 0.1, eta = 0.3;
  rs_sim_params p;
  rs_sim *s;
  const rs_data *d;
  double m1, m2, my, mxy, w = -0.4, b = -1.2, zmax = -1.0;
  size_t T = 0, k;

  neuron_params (&p, w, b);
  p.n_events = 1;
  p.events[0] = (rs_sim_event) { 0, RS_SIM_SET_ALPHA, alpha };
  p.steps = 1000;
  s = sim_new (&p);
  d = rs_sim_data (s);
  ck_assert_uint_eq (rs_sim_current (s)->active, 0);
  data_means (d, &m1, &m2, &my, &mxy);
  while (zmax <= 0.0 && T < 1000)
    {
      double gw = 2 * alpha * (alpha * (w * m2 + b * m1) - mxy);
      double gb = 2 * alpha * (alpha * (w * m1 + b) - my);

      w -= eta * gw, b -= eta * gb, T++;
      zmax = -INFINITY;
      for (size_t i = 0; i < d->n; i++)
        zmax = fmax (zmax, w * d->x[i] + b);
    }
  /* the prediction is not on a knife's edge */
  ck_assert (T > 2 && T < 1000 && zmax > 1e-6);
  for (k = 0; k < T - 1; k++)
    {
      ck_assert_int_eq (rs_sim_iterate (s), RS_OK);
      ck_assert_uint_eq (rs_sim_current (s)->active, 0);
    }
  rs_sim_iterate (s);
  ck_assert_uint_eq (rs_sim_step_count (s), T);
  ck_assert_uint_gt (rs_sim_current (s)->active, 0);
  ck_assert_double_eq_tol (rs_sim_current (s)->w, w, 1e-12);
  ck_assert_double_eq_tol (rs_sim_current (s)->b, b, 1e-12);
  rs_sim_free (s);
}
END_TEST

/* A 1-3-1 ReLU network on noise-free y = 2x + 1 whose hidden unit 0 is
 * dead: z = 0.5 x - 3 <= -2.5 on [-1, 1]. */
static void
dead_net_params (rs_sim_params *p)
{
  rs_sim_params_default (p);
  p->noise = 0.0;
  p->net.layers = 2;
  p->net.sizes[0] = 1;
  p->net.sizes[1] = 3;
  p->net.sizes[2] = 1;
  p->net.act[0] = rs_act_relu;
  p->net.act[1] = rs_act_identity;
  p->n_values = 2;
  p->values[0] = (rs_sim_value) { "W1[0][0]", 0.5 };
  p->values[1] = (rs_sim_value) { "b1[0]", -3.0 };
  p->bias0 = 0.1;
  p->rate = 0.05;
  p->steps = 40;
}

/* The recorded value of the parameter `name` at recorded point i. */
static double
theta_at (const rs_sim *s, size_t i, const char *name)
{
  size_t q;

  ck_assert_int_eq (rs_net_param_lookup (rs_sim_net (s), name, &q, NULL),
                    RS_OK);
  return rs_sim_theta (s, i)[q];
}

/* C7 in a run: the dead unit's data gradient is 0, so coupled L2 decay
 * alone moves its bias, b_t = (1 - eta lambda)^t b_0 (and its weight
 * likewise: it stays dead, 0.5 (0.9975)^t - 3 (0.9975)^t < 0); with
 * biases left out of the decay its bias never moves at all.  Decoupled
 * decay gives the same under plain gradient descent. */
START_TEST (test_decay_dead_bias)
{
  const double eta = 0.05, lambda = 0.05;
  rs_sim_params p;
  rs_sim *s;

  for (int mode = 0; mode < 3; mode++)
    {
      dead_net_params (&p);
      p.decay = (rs_decay) { lambda, mode == 1, mode != 2 };
      s = sim_new (&p);
      rs_sim_run (s);
      ck_assert_uint_eq (rs_sim_n_recorded (s), 41);
      for (size_t t = 0; t <= 40; t++)
        {
          double b = theta_at (s, t, "b1[0]");
          double f = pow (1.0 - eta * lambda, (double) t);

          ck_assert_uint_eq (rs_sim_recorded (s, t)->step, t);
          if (mode == 2)
            ck_assert (b == -3.0);
          else
            ck_assert_double_eq_tol (b, -3.0 * f, 3e-14);
          ck_assert_double_eq_tol (theta_at (s, t, "W1[0][0]"), 0.5 * f,
                                   1e-14);
        }
      rs_sim_free (s);
    }
}
END_TEST

/* C10: the neuron dead at (-0.4, -1.2) (z <= -0.8) never moves without
 * warming (C4).  With gamma 3 held 20 steps and annealed linearly over
 * 200, it trains while forced active (b + 3 >= 1.8 > 0.4 >= |w x|); as
 * gamma falls its predictions drop below the data, the residuals push b
 * up, and it is alive at the end.  gamma is 3 during the hold,
 * 3 (1 - 100/200) = 1.5 halfway through the anneal, and exactly 0 from
 * step 220 on. */
START_TEST (test_warming_revives)
{
  rs_sim_params p;
  rs_sim *s;

  neuron_params (&p, -0.4, -1.2);
  p.steps = 300;
  s = sim_new (&p);
  rs_sim_run (s);
  ck_assert_int_eq (rs_sim_test (s), RS_SIM_STUCK);
  ck_assert (rs_sim_current (s)->w == -0.4 && rs_sim_current (s)->b == -1.2);
  rs_sim_free (s);

  p.warming = (rs_warming) { 3.0, 0, 20, 200, RS_WARM_LINEAR };
  s = sim_new (&p);
  rs_sim_run (s);
  for (size_t t = 0; t <= 300; t++)
    {
      double g = rs_sim_recorded (s, t)->gamma;

      ck_assert_uint_eq (rs_sim_recorded (s, t)->step, t);
      if (t <= 20)
        ck_assert (g == 3.0);
      else if (t >= 220)
        ck_assert (g == 0.0);
      else
        ck_assert (g > 0.0 && g < 3.0);
    }
  ck_assert_double_eq_tol (rs_sim_recorded (s, 120)->gamma, 1.5, 1e-15);
  ck_assert_msg (rs_sim_current (s)->active > 0,
                 "still dead at (%g, %g)", rs_sim_current (s)->w,
                 rs_sim_current (s)->b);
  ck_assert_int_ne (rs_sim_test (s), RS_SIM_STUCK);
  rs_sim_free (s);
}
END_TEST

/* C11: a run left to itself dies at step s0 (the first point at rest with
 * the unit dead); with automatic kicks of patience 5 the run counts the
 * points at rest from s0 and kicks itself at step s0 + 4, the fifth.  The
 * same parameters replay the same kick.  A run that converges alive is
 * never kicked. */
START_TEST (test_autokick)
{
  rs_sim_params p;
  rs_sim *s, *t;
  size_t s0 = 0, kicked = 0, n_kicks = 0;

  neuron_params (&p, -2.5, 1.5);
  p.noise = 0.05;
  s = sim_new (&p);
  rs_sim_run (s);
  while (!(rs_sim_recorded (s, s0)->gnorm < 1e-6
           && rs_sim_recorded (s, s0)->active == 0))
    s0++;
  rs_sim_free (s);

  p.autokick = (rs_sim_autokick) { 1.5, 1e-6, 5, RS_KICK_ALL };
  s = sim_new (&p);
  t = sim_new (&p);
  rs_sim_run (s);
  rs_sim_run (t);
  for (size_t i = 0; i < rs_sim_n_recorded (s); i++)
    if (rs_sim_recorded (s, i)->events & RS_EVENT_AUTOKICK)
      {
        size_t at = rs_sim_recorded (s, i)->step;

        /* the first at s0 + 4; a kick that lands at rest again waits
           its patience: the next comes 4 steps later at the earliest */
        if (n_kicks++ == 0)
          ck_assert_uint_eq (at, s0 + 4);
        else
          ck_assert_uint_ge (at, kicked + 4);
        kicked = at;
      }
  ck_assert_uint_ge (n_kicks, 1);
  ck_assert_uint_eq (rs_sim_n_recorded (s), rs_sim_n_recorded (t));
  ck_assert (memcmp (rs_sim_theta (s, rs_sim_n_recorded (s) - 1),
                     rs_sim_theta (t, rs_sim_n_recorded (t) - 1),
                     2 * sizeof (double)) == 0);
  rs_sim_free (s);
  rs_sim_free (t);

  neuron_params (&p, 1.0, 1.0);
  p.autokick = (rs_sim_autokick) { 1.5, 1e-6, 5, RS_KICK_ALL };
  p.steps = 3000;
  s = sim_new (&p);
  rs_sim_run (s);
  ck_assert_int_eq (rs_sim_test (s), RS_SIM_CONVERGED);
  for (size_t i = 0; i < rs_sim_n_recorded (s); i++)
    ck_assert (!(rs_sim_recorded (s, i)->events & RS_EVENT_AUTOKICK));
  rs_sim_free (s);
}
END_TEST

/* A divergence names its step and parameter: gradient descent written out
 * with hand_loss_grad from the same start finds the first step at which w
 * (W1[0][0]) or else b (b1[0]) stops being finite. */
START_TEST (test_divergence_named)
{
  rs_sim_params p;
  rs_sim *s;
  double w = 0.3, b = 2.385, gw, gb;
  size_t T = 0, step;
  char name[32];
  const char *expect;

  rs_sim_params_default (&p);
  p.act = rs_act_leaky_relu;
  p.alpha = 0.5;
  p.w0 = w;
  p.b0 = b;
  p.rate = 90.0;
  p.steps = 2000;
  s = sim_new (&p);
  ck_assert_int_eq (rs_sim_divergence (s, &step, name, sizeof name), 0);
  while (isfinite (w) && isfinite (b)
         && isfinite (hand_loss_grad (rs_sim_data (s), 1, 0.5, w, b, &gw,
                                      &gb))
         && T < 2000)
    w -= 90.0 * gw, b -= 90.0 * gb, T++;
  expect = !isfinite (w) ? "W1[0][0]" : !isfinite (b) ? "b1[0]" : "loss";
  ck_assert_int_eq (rs_sim_run (s), RS_EDIVERGED);
  ck_assert_int_eq (rs_sim_divergence (s, &step, name, sizeof name), 1);
  ck_assert_uint_eq (step, T);
  ck_assert_str_eq (name, expect);
  rs_sim_free (s);
}
END_TEST

/* A network run with every source of randomness:
 * minibatches of 5, Langevin noise, Adam and a kick of the biases
 * scheduled at step 40. */
static void
busy_net_params (rs_sim_params *p)
{
  dead_net_params (p);
  p->n_values = 0;
  p->steps = 60;
  p->batch = 5;
  p->temperature = 1e-4;
  p->optim = rs_optim_adam;
  p->rate = 0.01;
  p->n_kicks = 1;
  p->kicks[0] = (rs_kick) { 40, 0.3, 7, RS_KICK_BIASES, 0, 0 };
}

/* A network with every source of randomness (minibatches, Langevin noise,
 * a scheduled kick, Adam's state): rewound to step 25 and run again to
 * step 60, it ends on the same parameters, bit for bit. */
START_TEST (test_rewind_replays)
{
  rs_sim_params p;
  rs_sim *s;
  size_t np, i25 = 0;
  double *end;

  busy_net_params (&p);
  s = sim_new (&p);
  rs_sim_run (s);
  np = rs_net_nparams (rs_sim_net (s));
  end = malloc (np * sizeof *end);
  memcpy (end, rs_sim_theta (s, rs_sim_n_recorded (s) - 1),
          np * sizeof *end);
  while (rs_sim_recorded (s, i25)->step != 25)
    i25++;
  ck_assert_int_eq (rs_sim_rewind (s, i25), RS_OK);
  ck_assert_uint_eq (rs_sim_step_count (s), 25);
  ck_assert_uint_eq (rs_sim_n_recorded (s), i25 + 1);
  rs_sim_run (s);
  ck_assert_uint_eq (rs_sim_step_count (s), 60);
  ck_assert (memcmp (end, rs_sim_theta (s, rs_sim_n_recorded (s) - 1),
                     np * sizeof *end) == 0);
  ck_assert_int_eq (rs_sim_rewind (s, rs_sim_n_recorded (s)), RS_EINVAL);
  free (end);
  rs_sim_free (s);
}
END_TEST

/* rs_sim_set_temperature at step 0 holds T from there: the run is that
 * of a scene whose own temperature is that T all along (the Langevin
 * noise of a step comes from the seed and the step), bit for bit at step
 * 40, with one more point, the change, marked RS_EVENT_TRAIN.  A rewind
 * to before it gives back the scene's T = 0: the run without noise.
 * Outside [0, 1e6] nothing changes. */
START_TEST (test_set_temperature)
{
  rs_sim_params p, q;
  rs_sim *s, *hot, *cold;
  size_t np;

  busy_net_params (&p);
  p.temperature = 0.0;
  p.n_kicks = 0;
  q = p;
  q.temperature = 0.0371;
  s = sim_new (&p);
  hot = sim_new (&q);
  cold = sim_new (&p);
  np = rs_net_nparams (rs_sim_net (s));
  ck_assert_int_eq (rs_sim_set_temperature (s, -0.1), RS_EINVAL);
  ck_assert_int_eq (rs_sim_set_temperature (s, 2e6), RS_EINVAL);
  ck_assert_uint_eq (rs_sim_n_recorded (s), 1);
  ck_assert_int_eq (rs_sim_set_temperature (s, 0.0371), RS_OK);
  ck_assert_uint_eq (rs_sim_n_recorded (s), 2);
  ck_assert (rs_sim_current (s)->events & RS_EVENT_TRAIN);
  ck_assert_double_eq (rs_sim_current (s)->temperature, 0.0371);
  rs_sim_run (s);
  rs_sim_run (hot);
  rs_sim_run (cold);
  ck_assert_uint_eq (rs_sim_n_recorded (s), rs_sim_n_recorded (hot) + 1);
  ck_assert (memcmp (rs_sim_theta (s, rs_sim_n_recorded (s) - 1),
                     rs_sim_theta (hot, rs_sim_n_recorded (hot) - 1),
                     np * sizeof (double)) == 0);
  ck_assert_double_eq (rs_sim_current (s)->temperature, 0.0371);
  ck_assert_int_eq (rs_sim_rewind (s, 0), RS_OK);
  rs_sim_run (s);
  ck_assert_double_eq (rs_sim_current (s)->temperature, 0.0);
  ck_assert (memcmp (rs_sim_theta (s, rs_sim_n_recorded (s) - 1),
                     rs_sim_theta (cold, rs_sim_n_recorded (cold) - 1),
                     np * sizeof (double)) == 0);
  rs_sim_free (s);
  rs_sim_free (hot);
  rs_sim_free (cold);
}
END_TEST

/* A batch of every point is the full batch, bit for bit; a run with
 * minibatches is the same from the same seed and differs with another. */
START_TEST (test_minibatch)
{
  rs_sim_params p;
  rs_sim *a, *b, *c;
  size_t np;

  dead_net_params (&p);
  p.n_values = 0;
  a = sim_new (&p);
  p.batch = 24;
  b = sim_new (&p);
  rs_sim_run (a);
  rs_sim_run (b);
  np = rs_net_nparams (rs_sim_net (a));
  ck_assert (memcmp (rs_sim_theta (a, 40), rs_sim_theta (b, 40),
                     np * sizeof (double)) == 0);
  rs_sim_free (a);
  rs_sim_free (b);
  p.batch = 7;
  a = sim_new (&p);
  b = sim_new (&p);
  p.seed = 2;
  c = sim_new (&p);
  rs_sim_run (a);
  rs_sim_run (b);
  rs_sim_run (c);
  ck_assert (memcmp (rs_sim_theta (a, 40), rs_sim_theta (b, 40),
                     np * sizeof (double)) == 0);
  ck_assert (memcmp (rs_sim_theta (a, 40), rs_sim_theta (c, 40),
                     np * sizeof (double)) != 0);
  rs_sim_free (a);
  rs_sim_free (b);
  rs_sim_free (c);
}
END_TEST

/* A scheduled kick on a unit the network does not have is refused when
 * the run is made, with the library's message. */
START_TEST (test_kick_unit_checked)
{
  rs_sim_params p;
  rs_error err;

  dead_net_params (&p);
  p.n_kicks = 1;
  p.kicks[0] = (rs_kick) { 5, 0.5, 3, RS_KICK_UNIT, 1, 3 };
  ck_assert_ptr_null (rs_sim_alloc (&p, &err));
  ck_assert_int_eq (err.code, RS_EINVAL);
  ck_assert_str_eq (err.message, "the kick at step 5: kick: layer 1 has "
                    "units 0 to 2, not 3");
  p.kicks[0].unit = 2;
  rs_sim_free (sim_new (&p));
}
END_TEST

/* Every 10th step is recorded, and the last one, whatever its number. */
START_TEST (test_record_every)
{
  rs_sim_params p;
  rs_sim *s;

  dead_net_params (&p);
  p.record_every = 10;
  p.steps = 95;
  s = sim_new (&p);
  rs_sim_run (s);
  ck_assert_uint_eq (rs_sim_n_recorded (s), 11);
  for (size_t i = 0; i < 10; i++)
    ck_assert_uint_eq (rs_sim_recorded (s, i)->step, 10 * i);
  ck_assert_uint_eq (rs_sim_recorded (s, 10)->step, 95);
  rs_sim_free (s);
}
END_TEST

/* ---- Clone ---- */

/* Iterate s until it has taken `step` steps. */
static void
iterate_to (rs_sim *s, size_t step)
{
  while (rs_sim_step_count (s) < step)
    ck_assert_int_eq (rs_sim_iterate (s), RS_OK);
}

/* Whether two doubles are the same bits (so that -0 and NaN count). */
static int
same_bits (double a, double b)
{
  return memcmp (&a, &b, sizeof a) == 0;
}

/* Whether two points are the same, field by field, bit for bit. */
static int
same_point (const rs_sim_point *a, const rs_sim_point *b)
{
  return a->step == b->step && same_bits (a->w, b->w)
         && same_bits (a->b, b->b) && same_bits (a->loss, b->loss)
         && same_bits (a->gnorm, b->gnorm) && a->active == b->active
         && a->dead == b->dead && a->events == b->events
         && same_bits (a->rate, b->rate) && same_bits (a->gamma, b->gamma)
         && same_bits (a->temperature, b->temperature);
}

/* Runs a and b hold the same trajectory, point for point and parameter
 * for parameter, bit for bit, and stand at the same current point. */
static void
assert_same_record (const rs_sim *a, const rs_sim *b)
{
  size_t np = rs_net_nparams (rs_sim_net (a));

  ck_assert_uint_eq (rs_net_nparams (rs_sim_net (b)), np);
  ck_assert_uint_eq (rs_sim_n_recorded (a), rs_sim_n_recorded (b));
  for (size_t i = 0; i < rs_sim_n_recorded (a); i++)
    {
      ck_assert_msg (same_point (rs_sim_recorded (a, i),
                                 rs_sim_recorded (b, i)),
                     "point %zu (step %zu) differs", i,
                     rs_sim_recorded (a, i)->step);
      ck_assert_msg (memcmp (rs_sim_theta (a, i), rs_sim_theta (b, i),
                             np * sizeof (double)) == 0,
                     "parameters of point %zu differ", i);
    }
  ck_assert (same_point (rs_sim_current (a), rs_sim_current (b)));
  ck_assert (memcmp (rs_net_params_const (rs_sim_net (a))->data,
                     rs_net_params_const (rs_sim_net (b))->data,
                     np * sizeof (double)) == 0);
}

/* A clone of s; fails the test when it cannot be made. */
static rs_sim *
sim_clone (const rs_sim *s)
{
  rs_error err;
  rs_sim *c = rs_sim_clone (s, &err);

  ck_assert_msg (c != NULL, "rs_sim_clone: %s", err.message);
  return c;
}

/* What the app does to a busy run: Leaky ReLU from step 12, a kick by
 * hand at step 30. */
static void
busy_drive (rs_sim *s)
{
  iterate_to (s, 12);
  ck_assert_int_eq (rs_sim_set_activation (s, rs_act_leaky_relu, 0.137),
                    RS_OK);
  iterate_to (s, 30);
  rs_sim_kick (s, 0.25);
}

/* A clone at step 30 of the busy run holds its trajectory and goes on as
 * a run that was never cloned (r, driven the same way) does, bit for bit:
 * a second hand kick at step 30 (the step's second draw), the scheduled
 * kick at 40, the minibatches, noise and Adam's state.  The clones and the
 * original are independent: c1 kicked and stepped elsewhere leaves s on
 * r's path, and s gone leaves c2 on it.  A reset of a clone goes back to
 * the start, ReLU included. */
START_TEST (test_clone_replays)
{
  rs_sim_params p;
  rs_sim *s, *r, *c1, *c2;
  const rs_data *ds, *dc;

  busy_net_params (&p);
  s = sim_new (&p);
  r = sim_new (&p);
  busy_drive (s);
  busy_drive (r);
  c1 = sim_clone (s);
  c2 = sim_clone (s);
  assert_same_record (c2, s);
  ds = rs_sim_data (s);
  dc = rs_sim_data (c2);
  ck_assert_ptr_ne (dc, ds);
  ck_assert_uint_eq (dc->n, ds->n);
  ck_assert (memcmp (dc->x, ds->x, ds->n * sizeof (double)) == 0);
  ck_assert (memcmp (dc->y, ds->y, ds->n * sizeof (double)) == 0);

  rs_sim_kick (c1, 2.0);
  iterate_to (c1, 35);
  rs_sim_free (c1);
  rs_sim_kick (s, 0.25);
  rs_sim_kick (r, 0.25);
  ck_assert_int_eq (rs_sim_run (s), RS_OK);
  ck_assert_int_eq (rs_sim_run (r), RS_OK);
  assert_same_record (s, r);
  rs_sim_free (s);

  rs_sim_kick (c2, 0.25);
  ck_assert_int_eq (rs_sim_run (c2), RS_OK);
  ck_assert_uint_eq (rs_sim_step_count (c2), 60);
  assert_same_record (c2, r);

  rs_sim_reset (c2);
  rs_sim_reset (r);
  ck_assert_ptr_eq (rs_net_get_spec (rs_sim_net (c2))->act[0], rs_act_relu);
  iterate_to (c2, 10);
  iterate_to (r, 10);
  assert_same_record (c2, r);
  rs_sim_free (c2);
  rs_sim_free (r);
}
END_TEST

/* A clone of a run rewound to step 25 holds the 26 points up to there and
 * goes on as the run did the first time (r, never rewound): the same 61
 * points, bit for bit, scheduled kick included; so does the rewound run
 * itself. */
START_TEST (test_clone_after_rewind)
{
  rs_sim_params p;
  rs_sim *s, *r, *c;
  size_t i25 = 0;

  busy_net_params (&p);
  s = sim_new (&p);
  r = sim_new (&p);
  ck_assert_int_eq (rs_sim_run (s), RS_OK);
  ck_assert_int_eq (rs_sim_run (r), RS_OK);
  while (rs_sim_recorded (s, i25)->step != 25)
    i25++;
  ck_assert_int_eq (rs_sim_rewind (s, i25), RS_OK);
  c = sim_clone (s);
  ck_assert_uint_eq (rs_sim_step_count (c), 25);
  ck_assert_uint_eq (rs_sim_n_recorded (c), i25 + 1);
  ck_assert_int_eq (rs_sim_run (c), RS_OK);
  ck_assert_int_eq (rs_sim_run (s), RS_OK);
  assert_same_record (c, r);
  assert_same_record (s, r);
  rs_sim_free (s);
  rs_sim_free (r);
  rs_sim_free (c);
}
END_TEST

/* Recording every 7th step, a run at step 10 stands at a point it has not
 * recorded (the last is step 7), with momentum's velocity of step 10 only
 * in its optimiser.  Its clone, with bias warming (cosine) and a timeline
 * switch to Leaky ReLU at step 20 ahead of it, goes on as a run that was
 * never cloned, bit for bit. */
START_TEST (test_clone_unrecorded)
{
  rs_sim_params p;
  rs_sim *s, *r, *c;

  dead_net_params (&p);
  p.n_values = 0;
  p.optim = rs_optim_momentum;
  p.record_every = 7;
  p.steps = 50;
  p.warming = (rs_warming) { 0.4, 0, 15, 20, RS_WARM_COSINE };
  p.n_events = 1;
  p.events[0] = (rs_sim_event) { 20, RS_SIM_SET_ALPHA, 0.2385 };
  s = sim_new (&p);
  r = sim_new (&p);
  iterate_to (s, 10);
  ck_assert_uint_eq (rs_sim_n_recorded (s), 2);
  ck_assert_uint_eq (rs_sim_recorded (s, 1)->step, 7);
  ck_assert_uint_eq (rs_sim_current (s)->step, 10);
  c = sim_clone (s);
  assert_same_record (c, s);
  rs_sim_free (s);
  ck_assert_int_eq (rs_sim_run (c), RS_OK);
  ck_assert_int_eq (rs_sim_run (r), RS_OK);
  /* steps 0, 7, ..., 49, the last (50) and the switch at 20 */
  ck_assert_uint_eq (rs_sim_n_recorded (r), 10);
  assert_same_record (c, r);
  rs_sim_free (r);
  rs_sim_free (c);
}
END_TEST

/* A run on the caller's data (p.data, 7 points of y = |x| - 0.3) trains
 * on those 7 points (rs_sim_params: "a copy of `data` when it is not
 * NULL").  The clone copies the run's data, it does not make them again
 * from the seed (which would give the 24 points of the default line), and
 * it keeps them when the caller's data are changed and freed and the
 * original is gone.  It then goes on as a run that was never cloned. */
START_TEST (test_clone_own_data)
{
  static const double x[7] = { -1.3, -0.731, -0.2385, 0.1, 0.4619, 0.913,
                               1.7 };
  rs_sim_params p;
  rs_sim *s, *r, *c;
  rs_error err;
  rs_data *d = rs_data_alloc (7, &err);
  const rs_data *dc;

  ck_assert_ptr_nonnull (d);
  for (size_t i = 0; i < 7; i++)
    {
      d->x[i] = x[i];
      d->y[i] = fabs (x[i]) - 0.3;
    }
  dead_net_params (&p);
  p.n_values = 0;
  p.data = d;
  p.batch = 3;
  s = sim_new (&p);
  r = sim_new (&p);
  ck_assert_uint_eq (rs_sim_data (s)->n, 7);
  iterate_to (s, 9);
  iterate_to (r, 9);
  c = sim_clone (s);
  rs_sim_free (s);
  for (size_t i = 0; i < 7; i++)
    d->x[i] = d->y[i] = 0.0;
  rs_data_free (d);
  dc = rs_sim_data (c);
  ck_assert_uint_eq (dc->n, 7);
  for (size_t i = 0; i < 7; i++)
    ck_assert (dc->x[i] == x[i] && dc->y[i] == fabs (x[i]) - 0.3);
  /* the clone's parameters name its own data: they make the run again */
  ck_assert_ptr_eq (rs_sim_get_params (c)->data, dc);
  iterate_to (c, 30);
  iterate_to (r, 30);
  assert_same_record (c, r);
  rs_sim_free (r);
  rs_sim_free (c);
}
END_TEST

/* A clone of a run that diverged has diverged too, at the same step in
 * the same parameter, and refuses to move; a restart clears it as it
 * clears the original (the run of test_diverged: Leaky ReLU 0.5 at rate
 * 90 overshooting without end). */
START_TEST (test_clone_diverged)
{
  rs_sim_params p;
  rs_sim *s, *c;
  size_t ss, cs, n;
  char sn[32], cn[32];

  rs_sim_params_default (&p);
  p.act = rs_act_leaky_relu;
  p.alpha = 0.5;
  p.w0 = 0.3;
  p.b0 = 2.385;
  p.rate = 90.0;
  p.steps = 1000;
  s = sim_new (&p);
  ck_assert_int_eq (rs_sim_run (s), RS_EDIVERGED);
  c = sim_clone (s);
  n = rs_sim_n_recorded (c);
  ck_assert_int_eq (rs_sim_test (c), RS_SIM_DIVERGED);
  ck_assert_int_eq (rs_sim_divergence (s, &ss, sn, sizeof sn), 1);
  ck_assert_int_eq (rs_sim_divergence (c, &cs, cn, sizeof cn), 1);
  ck_assert_uint_eq (cs, ss);
  ck_assert_str_eq (cn, sn);
  ck_assert_int_eq (rs_sim_iterate (c), RS_EDIVERGED);
  ck_assert_uint_eq (rs_sim_n_recorded (c), n);
  rs_sim_restart (c, 0.3, 2.385);
  rs_sim_restart (s, 0.3, 2.385);
  ck_assert_int_eq (rs_sim_test (c), RS_SIM_RUNNING);
  iterate_to (c, 3);
  iterate_to (s, 3);
  assert_same_record (c, s);
  rs_sim_free (s);
  rs_sim_free (c);
}
END_TEST

/* A trajectory bounded to 8 KiB (fewer than 100 points) thins itself as
 * it goes, dropping every other point: a clone made at step 100, after
 * thinning, holds the same points and thins the same way afterwards, as a
 * run never cloned does. */
START_TEST (test_clone_thinned)
{
  rs_sim_params p;
  rs_sim *s, *r, *c;

  neuron_params (&p, 0.731, 0.4619);
  p.record_bytes = 8192;
  p.steps = 300;
  s = sim_new (&p);
  r = sim_new (&p);
  ck_assert_uint_ge (rs_sim_record_capacity (s), 16);
  ck_assert_uint_lt (rs_sim_record_capacity (s), 100);
  iterate_to (s, 100);
  c = sim_clone (s);
  ck_assert_uint_lt (rs_sim_n_recorded (c), 101);
  ck_assert_uint_eq (rs_sim_record_capacity (c),
                     rs_sim_record_capacity (s));
  rs_sim_free (s);
  ck_assert_int_eq (rs_sim_run (c), RS_OK);
  ck_assert_int_eq (rs_sim_run (r), RS_OK);
  assert_same_record (c, r);
  rs_sim_free (r);
  rs_sim_free (c);
}
END_TEST

/* ---- Training settings changed while the run goes on ---- */

/* Change s's training settings to t; fails the test when refused. */
static void
set_training_ok (rs_sim *s, const rs_sim_training *t)
{
  rs_error err;

  ck_assert_msg (rs_sim_set_training (s, t, &err) == RS_OK,
                 "rs_sim_set_training: %s", err.message);
}

/* Whether two sets of training settings are the same, field by field. */
static int
same_training (const rs_sim_training *a, const rs_sim_training *b)
{
  const rs_optim_params *p = &a->optim_params, *q = &b->optim_params;
  const rs_warming *v = &a->warming, *u = &b->warming;

  return a->optim == b->optim && same_bits (p->momentum, q->momentum)
         && same_bits (p->rho, q->rho) && same_bits (p->beta1, q->beta1)
         && same_bits (p->beta2, q->beta2) && same_bits (p->eps, q->eps)
         && same_bits (v->gamma0, u->gamma0) && v->start == u->start
         && v->hold == u->hold && v->anneal == u->anneal
         && v->shape == u->shape
         && same_bits (a->decay.lambda, b->decay.lambda)
         && a->decay.decoupled == b->decay.decoupled
         && a->decay.biases == b->decay.biases && same_bits (a->kink, b->kink);
}

/* The gradient of the ReLU neuron f(w x + b) on d as in hand_loss_grad,
 * but with f'(0) = s, the kink convention (C3). */
static void
hand_grad_kink (const rs_data *d, double s, double w, double b, double *gw,
                double *gb)
{
  double sw = 0.0, sb = 0.0;

  for (size_t i = 0; i < d->n; i++)
    {
      double z = w * d->x[i] + b;
      double fp = z > 0.0 ? 1.0 : z == 0.0 ? s : 0.0;
      double r = (z > 0.0 ? z : 0.0) - d->y[i];

      sw += r * fp * d->x[i];
      sb += r * fp;
    }
  *gw = 2.0 * sw / (double) d->n;
  *gb = 2.0 * sb / (double) d->n;
}

/* The loss, and the gradient into grad, of the network the run trained
 * through at its recorded point i: the point's parameters and
 * activations, with bias warming's shift when shifted is set
 * (rs_sim_net_at), under kink convention kink, evaluated apart from the
 * run by rs_loss_net on its data. */
static double
net_loss_grad (const rs_sim *s, size_t i, int shifted, double kink,
               gsl_vector *grad)
{
  rs_error err;
  rs_net *net = rs_net_clone (rs_sim_net (s), &err);
  rs_net_workspace *ws;
  double loss;

  ck_assert_ptr_nonnull (net);
  ws = rs_net_workspace_alloc (net, rs_sim_data (s)->n, &err);
  ck_assert_ptr_nonnull (ws);
  ck_assert_int_eq (rs_sim_net_at (s, i, net, shifted), RS_OK);
  ck_assert_int_eq (rs_net_set_kink (net, kink, NULL), RS_OK);
  ck_assert_int_eq (rs_loss_net (net, rs_loss_mse_type, rs_sim_data (s), ws,
                                 &loss, grad, NULL), RS_OK);
  rs_net_workspace_free (ws);
  rs_net_free (net);
  return loss;
}

/* The Euclidean norm of v, summed here. */
static double
norm2 (const gsl_vector *v)
{
  double sum = 0.0;

  for (size_t q = 0; q < v->size; q++)
    sum += gsl_vector_get (v, q) * gsl_vector_get (v, q);
  return sqrt (sum);
}

/* Plain gradient descent from recorded point i to point i + 1 at rate
 * eta, with the gradient grad: theta_{i+1} = theta_i - eta grad. */
static void
assert_gd_step (const rs_sim *s, size_t i, double eta, const gsl_vector *grad)
{
  const double *a = rs_sim_theta (s, i), *b = rs_sim_theta (s, i + 1);

  ck_assert_uint_eq (rs_sim_recorded (s, i + 1)->step,
                     rs_sim_recorded (s, i)->step + 1);
  for (size_t q = 0; q < grad->size; q++)
    ck_assert_double_eq_tol (b[q], a[q] - eta * gsl_vector_get (grad, q),
                             1e-14);
}

/* A change of optimiser at step 6 of the single neuron: gradient descent
 * (or heavy ball with mu = 0.9) to heavy ball with mu = 0.85.  The change
 * is a new point of step 6 marked "train", where the neuron has not
 * moved.  Other constants start a fresh state, so the next 8 steps are
 * rs_train.h's v = mu v + g, theta -= eta v from v = 0, written out with
 * hand_loss_grad, and, bit for bit, those of a run made with heavy ball
 * and started at theta_6 by rs_sim_start_at.  A start of s itself at
 * theta_6 keeps the new optimiser and does the same. */
START_TEST (test_training_new_optim)
{
  const double eta = 0.3, mu = 0.85;
  rs_sim_params p;
  rs_sim *s, *r;
  rs_sim_training t;
  const rs_sim_point *pt;
  double w, b, vw = 0.0, vb = 0.0, theta6[2];
  size_t n;

  neuron_params (&p, 0.731, 0.4619);
  if (_i == 1)
    p.optim = rs_optim_momentum;
  s = sim_new (&p);
  iterate_to (s, 6);
  n = rs_sim_n_recorded (s);
  ck_assert_uint_eq (n, 7);
  theta6[0] = w = rs_sim_current (s)->w;
  theta6[1] = b = rs_sim_current (s)->b;
  rs_sim_get_training (s, &t);
  ck_assert_ptr_eq (t.optim, p.optim);
  t.optim = rs_optim_momentum;
  t.optim_params.momentum = mu;
  set_training_ok (s, &t);
  ck_assert_uint_eq (rs_sim_n_recorded (s), n + 1);
  pt = rs_sim_current (s);
  ck_assert_uint_eq (pt->step, 6);
  ck_assert_uint_eq (pt->events, RS_EVENT_TRAIN);
  ck_assert (pt->w == w && pt->b == b);
  ck_assert (pt->loss == rs_sim_recorded (s, n - 1)->loss);
  ck_assert_ptr_eq (rs_sim_get_params (s)->optim, rs_optim_momentum);
  ck_assert (rs_sim_get_params (s)->optim_params.momentum == mu);

  p.optim = rs_optim_momentum;
  p.optim_params.momentum = mu;
  r = sim_new (&p);
  rs_sim_start_at (r, theta6);
  iterate_to (s, 14);
  iterate_to (r, 8);
  for (size_t k = 1; k <= 8; k++)
    {
      double gw, gb;

      hand_loss_grad (rs_sim_data (s), 0, 0.0, w, b, &gw, &gb);
      vw = mu * vw + gw;
      vb = mu * vb + gb;
      w -= eta * vw;
      b -= eta * vb;
      pt = rs_sim_recorded (s, n + k);
      ck_assert_uint_eq (pt->step, 6 + k);
      ck_assert_double_eq_tol (pt->w, w, 1e-13);
      ck_assert_double_eq_tol (pt->b, b, 1e-13);
      ck_assert (memcmp (rs_sim_theta (s, n + k), rs_sim_theta (r, k),
                         2 * sizeof (double)) == 0);
    }

  rs_sim_start_at (s, theta6);
  rs_sim_get_training (s, &t);
  ck_assert_ptr_eq (t.optim, rs_optim_momentum);
  iterate_to (s, 8);
  assert_same_record (s, r);
  rs_sim_free (s);
  rs_sim_free (r);
}
END_TEST

/* The same optimiser with the same constants keeps its state: Adam's
 * moments and step count (its bias correction) go on through six changes
 * at step 10 that leave the steps alone (decay of factor 0 with its flags
 * toggled, warming's hold with gamma0 0), past the growth of the table of
 * settings.  The run is a run that never changed, bit for bit, but for
 * the six "train" points of step 10. */
START_TEST (test_training_keeps_state)
{
  rs_sim_params p;
  rs_sim *a, *b;
  rs_sim_training t, got;
  size_t n, np;

  dead_net_params (&p);
  p.n_values = 0;
  p.optim = rs_optim_adam;
  p.rate = 0.01;
  p.steps = 30;
  a = sim_new (&p);
  b = sim_new (&p);
  iterate_to (a, 10);
  iterate_to (b, 10);
  n = rs_sim_n_recorded (b);
  for (int k = 0; k < 6; k++)
    {
      rs_sim_get_training (b, &t);
      t.decay = (rs_decay) { 0.0, k % 2, k % 3 == 0 };
      t.warming.hold = (size_t) k + 3;
      set_training_ok (b, &t);
      rs_sim_get_training (b, &got);
      ck_assert (same_training (&got, &t));
      ck_assert_uint_eq (rs_sim_current (b)->events, RS_EVENT_TRAIN);
    }
  ck_assert_uint_eq (rs_sim_n_recorded (b), n + 6);
  ck_assert_int_eq (rs_sim_run (a), RS_OK);
  ck_assert_int_eq (rs_sim_run (b), RS_OK);
  ck_assert_uint_eq (rs_sim_n_recorded (b), rs_sim_n_recorded (a) + 6);
  np = rs_net_nparams (rs_sim_net (a));
  for (size_t i = 0; i < rs_sim_n_recorded (b); i++)
    {
      size_t j = i < n ? i : i < n + 6 ? n - 1 : i - 6;

      ck_assert_msg (memcmp (rs_sim_theta (b, i), rs_sim_theta (a, j),
                             np * sizeof (double)) == 0,
                     "point %zu differs", i);
      if (i < n || i >= n + 6)
        ck_assert (same_point (rs_sim_recorded (b, i),
                               rs_sim_recorded (a, j)));
    }
  rs_sim_free (a);
  rs_sim_free (b);
}
END_TEST

/* A change at step 10 (heavy ball, decay 0.02 on weights and biases, kink
 * convention 0.5) seen through rewinds.  A rewind into the changed part
 * replays it.  A rewind to step 10, before the change, brings back
 * gradient descent, no decay and kink 0, in the settings, the parameters
 * and the network; the run then goes as a run that never changed (r), bit
 * for bit.  The same change made again replays the first one. */
START_TEST (test_training_rewind)
{
  rs_sim_params p;
  rs_sim *s, *r;
  rs_sim_training t0, t, got;
  size_t n, np;
  double *saved;

  dead_net_params (&p);
  p.n_values = 0;
  p.steps = 30;
  s = sim_new (&p);
  r = sim_new (&p);
  ck_assert_int_eq (rs_sim_run (r), RS_OK);
  iterate_to (s, 10);
  rs_sim_get_training (s, &t0);
  ck_assert_ptr_eq (t0.optim, rs_optim_gd);
  t = t0;
  t.optim = rs_optim_momentum;
  t.decay = (rs_decay) { 0.02, 0, 1 };
  t.kink = 0.5;
  set_training_ok (s, &t);
  ck_assert (rs_net_get_spec (rs_sim_net (s))->kink == 0.5);
  ck_assert (rs_sim_get_params (s)->net.kink == 0.5);
  ck_assert (rs_sim_get_params (s)->decay.lambda == 0.02);
  ck_assert_int_eq (rs_sim_run (s), RS_OK);
  n = rs_sim_n_recorded (s);
  ck_assert_uint_eq (n, 32);
  np = rs_net_nparams (rs_sim_net (s));
  saved = malloc (n * np * sizeof *saved);
  ck_assert_ptr_nonnull (saved);
  for (size_t i = 0; i < n; i++)
    memcpy (saved + i * np, rs_sim_theta (s, i), np * sizeof *saved);

  ck_assert_int_eq (rs_sim_rewind (s, 15), RS_OK);
  rs_sim_get_training (s, &got);
  ck_assert (same_training (&got, &t));
  ck_assert_int_eq (rs_sim_run (s), RS_OK);
  ck_assert_uint_eq (rs_sim_n_recorded (s), n);
  for (size_t i = 15; i < n; i++)
    ck_assert (memcmp (rs_sim_theta (s, i), saved + i * np,
                       np * sizeof *saved) == 0);

  ck_assert_int_eq (rs_sim_rewind (s, 10), RS_OK);
  rs_sim_get_training (s, &got);
  ck_assert (same_training (&got, &t0));
  ck_assert_ptr_eq (rs_sim_get_params (s)->optim, rs_optim_gd);
  ck_assert (rs_sim_get_params (s)->decay.lambda == 0.0);
  ck_assert (rs_sim_get_params (s)->net.kink == 0.0);
  ck_assert (rs_net_get_spec (rs_sim_net (s))->kink == 0.0);
  ck_assert_int_eq (rs_sim_run (s), RS_OK);
  assert_same_record (s, r);

  ck_assert_int_eq (rs_sim_rewind (s, 10), RS_OK);
  set_training_ok (s, &t);
  ck_assert_int_eq (rs_sim_run (s), RS_OK);
  ck_assert_uint_eq (rs_sim_n_recorded (s), n);
  for (size_t i = 0; i < n; i++)
    ck_assert (memcmp (rs_sim_theta (s, i), saved + i * np,
                       np * sizeof *saved) == 0);
  free (saved);
  rs_sim_free (s);
  rs_sim_free (r);
}
END_TEST

/* A clone of a run changed at step 10 (the change of
 * test_training_rewind) carries both sets of settings: it goes on as a
 * run never cloned (r2, changed the same way), and rewound to step 10,
 * before the change, it trains with gradient descent, no decay and kink
 * 0 again, as a run that never changed (r). */
START_TEST (test_clone_versions)
{
  rs_sim_params p;
  rs_sim *s, *r, *r2, *c;
  rs_sim_training t0, t, got;

  dead_net_params (&p);
  p.n_values = 0;
  p.steps = 30;
  s = sim_new (&p);
  r = sim_new (&p);
  r2 = sim_new (&p);
  iterate_to (s, 10);
  iterate_to (r2, 10);
  rs_sim_get_training (s, &t0);
  t = t0;
  t.optim = rs_optim_momentum;
  t.decay = (rs_decay) { 0.02, 0, 1 };
  t.kink = 0.5;
  set_training_ok (s, &t);
  set_training_ok (r2, &t);
  iterate_to (s, 20);
  iterate_to (r2, 20);
  c = sim_clone (s);
  rs_sim_free (s);
  rs_sim_get_training (c, &got);
  ck_assert (same_training (&got, &t));
  ck_assert (rs_net_get_spec (rs_sim_net (c))->kink == 0.5);
  ck_assert_int_eq (rs_sim_run (c), RS_OK);
  ck_assert_int_eq (rs_sim_run (r2), RS_OK);
  assert_same_record (c, r2);

  ck_assert_int_eq (rs_sim_rewind (c, 10), RS_OK);
  rs_sim_get_training (c, &got);
  ck_assert (same_training (&got, &t0));
  ck_assert_ptr_eq (rs_sim_get_params (c)->optim, rs_optim_gd);
  ck_assert (rs_net_get_spec (rs_sim_net (c))->kink == 0.0);
  ck_assert_int_eq (rs_sim_run (c), RS_OK);
  ck_assert_int_eq (rs_sim_run (r), RS_OK);
  assert_same_record (c, r);
  rs_sim_free (r);
  rs_sim_free (r2);
  rs_sim_free (c);
}
END_TEST

/* C10 switched on at step 8 of a network, starting at step 10 (its start
 * counts the run's steps): gamma0 0.75 held 5 steps, annealed linearly
 * over 10, so gamma(t) = 0 before step 10 and before the change,
 * 0.75 for t in [10, 15), 0.75 (1 - (t - 15) / 10) for t in [15, 25) and
 * 0 from 25 on.  A step in the hold (12 -> 13) is gradient descent on the
 * network with its hidden biases shifted by 0.75 (rs_sim_net_at, then
 * rs_loss_net), which differs from the unshifted one. */
START_TEST (test_training_warming_on)
{
  const double eta = 0.05;
  rs_sim_params p;
  rs_sim *s;
  rs_sim_training t;
  gsl_vector *g, *g0;
  size_t n, i12 = 0;

  dead_net_params (&p);
  p.n_values = 0;
  p.steps = 30;
  s = sim_new (&p);
  iterate_to (s, 8);
  n = rs_sim_n_recorded (s);
  rs_sim_get_training (s, &t);
  t.warming = (rs_warming) { 0.75, 10, 5, 10, RS_WARM_LINEAR };
  set_training_ok (s, &t);
  ck_assert_int_eq (rs_sim_run (s), RS_OK);
  ck_assert_uint_eq (rs_sim_n_recorded (s), 32);
  for (size_t i = 0; i < 32; i++)
    {
      const rs_sim_point *pt = rs_sim_recorded (s, i);
      size_t st = pt->step;

      if (i < n || st < 10 || st >= 25)
        ck_assert_msg (pt->gamma == 0.0, "gamma %g at point %zu", pt->gamma,
                       i);
      else if (st < 15)
        ck_assert (pt->gamma == 0.75);
      else
        ck_assert_double_eq_tol (pt->gamma,
                                 0.75 * (1.0 - (double) (st - 15) / 10.0),
                                 1e-15);
    }

  while (rs_sim_recorded (s, i12)->step != 12)
    i12++;
  g = gsl_vector_alloc (rs_net_nparams (rs_sim_net (s)));
  g0 = gsl_vector_alloc (g->size);
  ck_assert_double_eq_tol (net_loss_grad (s, i12, 1, 0.0, g),
                           rs_sim_recorded (s, i12)->loss, 1e-14);
  net_loss_grad (s, i12, 0, 0.0, g0);
  gsl_vector_sub (g0, g);
  ck_assert (norm2 (g0) > 1e-3);
  assert_gd_step (s, i12, eta, g);
  gsl_vector_free (g);
  gsl_vector_free (g0);
  rs_sim_free (s);
}
END_TEST

/* C7 switched on: the neuron dead at (-0.4, -1.2) (z <= -0.8 on [-1, 1])
 * does not move in its first 5 steps.  With decay of factor 0.05 from
 * step 5 its data gradient stays 0 (w and b shrink by the same factor,
 * so it stays dead), and b_{5+j} = (1 - eta lambda)^j b_5 under coupled
 * and decoupled decay, w likewise; with biases left out of the decay, b
 * never moves. */
START_TEST (test_training_decay_on)
{
  const double eta = 0.3, lambda = 0.05;
  int mode = _i;
  rs_sim_params p;
  rs_sim *s;
  rs_sim_training t;

  neuron_params (&p, -0.4, -1.2);
  p.steps = 25;
  s = sim_new (&p);
  iterate_to (s, 5);
  for (size_t i = 0; i <= 5; i++)
    ck_assert (rs_sim_theta (s, i)[0] == -0.4
               && rs_sim_theta (s, i)[1] == -1.2);
  rs_sim_get_training (s, &t);
  t.decay = (rs_decay) { lambda, mode == 1, mode != 2 };
  set_training_ok (s, &t);
  ck_assert_int_eq (rs_sim_run (s), RS_OK);
  ck_assert_uint_eq (rs_sim_n_recorded (s), 27);
  for (size_t j = 0; j <= 20; j++)
    {
      const rs_sim_point *pt = rs_sim_recorded (s, 6 + j);
      double f = pow (1.0 - eta * lambda, (double) j);

      ck_assert_uint_eq (pt->step, 5 + j);
      ck_assert_uint_eq (pt->active, 0);
      if (mode == 2)
        ck_assert (pt->b == -1.2);
      else
        ck_assert_double_eq_tol (pt->b, -1.2 * f, 3e-14);
      ck_assert_double_eq_tol (pt->w, -0.4 * f, 1e-14);
    }
  rs_sim_free (s);
}
END_TEST

/* C3: on the 5 points of y = 1.3 x + 0.8 (x = -1, -0.5, 0, 0.5, 1), the
 * neuron (1.5, 0) puts x = 0 exactly on its kink, where the residual is
 * -0.8.  The kink convention changed to 0.625 shows in the network, the
 * neuron, the parameters and the settings; the gradient norm and the next
 * step are those of hand_grad_kink with f'(0) = 0.625.  A rewind to the
 * start brings back kink 0 and its step.  The closed end 1 is accepted. */
START_TEST (test_training_kink)
{
  const double eta = 0.3;
  rs_sim_params p;
  rs_sim *s;
  rs_sim_training t;
  const rs_data *d;
  double gw0, gb0, gw1, gb1;

  neuron_params (&p, 1.5, 0.0);
  p.n_points = 5;
  p.slope = 1.3;
  p.intercept = 0.8;
  s = sim_new (&p);
  d = rs_sim_data (s);
  ck_assert (d->n == 5 && d->x[2] == 0.0 && d->y[2] == 0.8);
  hand_grad_kink (d, 0.0, 1.5, 0.0, &gw0, &gb0);
  hand_grad_kink (d, 0.625, 1.5, 0.0, &gw1, &gb1);
  /* the kink point adds (2/5) (-0.8) 0.625 = -0.2 to dL/db */
  ck_assert_double_eq_tol (gb1 - gb0, -0.2, 1e-15);
  ck_assert_double_eq_tol (rs_sim_current (s)->gnorm, hypot (gw0, gb0),
                           1e-14);
  rs_sim_get_training (s, &t);
  ck_assert (t.kink == 0.0);
  t.kink = 0.625;
  set_training_ok (s, &t);
  ck_assert (rs_net_get_spec (rs_sim_net (s))->kink == 0.625);
  ck_assert (rs_sim_neuron (s)->kink == 0.625);
  ck_assert (rs_sim_get_params (s)->kink == 0.625);
  rs_sim_get_training (s, &t);
  ck_assert (t.kink == 0.625);
  ck_assert_double_eq_tol (rs_sim_current (s)->gnorm, hypot (gw1, gb1),
                           1e-14);
  ck_assert_int_eq (rs_sim_iterate (s), RS_OK);
  ck_assert_double_eq_tol (rs_sim_current (s)->w, 1.5 - eta * gw1, 1e-14);
  ck_assert_double_eq_tol (rs_sim_current (s)->b, -eta * gb1, 1e-14);

  ck_assert_int_eq (rs_sim_rewind (s, 0), RS_OK);
  ck_assert (rs_net_get_spec (rs_sim_net (s))->kink == 0.0);
  ck_assert (rs_sim_neuron (s)->kink == 0.0);
  ck_assert (rs_sim_get_params (s)->kink == 0.0);
  ck_assert_int_eq (rs_sim_iterate (s), RS_OK);
  ck_assert_double_eq_tol (rs_sim_current (s)->w, 1.5 - eta * gw0, 1e-14);
  ck_assert_double_eq_tol (rs_sim_current (s)->b, -eta * gb0, 1e-14);

  rs_sim_get_training (s, &t);
  t.kink = 1.0;
  set_training_ok (s, &t);
  ck_assert (rs_sim_neuron (s)->kink == 1.0);
  rs_sim_free (s);
}
END_TEST

enum { T_OPTIM, T_KINK, T_LAMBDA, T_GAMMA0, T_SHAPE, T_HOLD, T_MOMENTUM,
       T_EPS };

/* One training setting out of range and the message that refuses it:
 * the ranges of rs_sim_params_check (kink in [0, 1], decay in [0, 1000])
 * and of rs_warming_check and rs_optim_params_check. */
typedef struct {
  const char *what;
  int kind;
  double value;
  const char *message;
} training_value;

static const training_value bad_trainings[] = {
  { "optim = NULL", T_OPTIM, 0.0, "no optimiser" },
  { "kink = 1.5", T_KINK, 1.5,
    "the kink convention must be in [0, 1], not 1.5" },
  { "kink = -0.25", T_KINK, -0.25,
    "the kink convention must be in [0, 1], not -0.25" },
  { "kink = NAN", T_KINK, NAN,
    "the kink convention must be in [0, 1], not nan" },
  { "decay.lambda = -1", T_LAMBDA, -1.0,
    "the weight decay must be in [0, 1000]" },
  { "decay.lambda = 1000.5", T_LAMBDA, 1000.5,
    "the weight decay must be in [0, 1000]" },
  { "decay.lambda = NAN", T_LAMBDA, NAN,
    "the weight decay must be in [0, 1000]" },
  { "warming.gamma0 = -0.5", T_GAMMA0, -0.5,
    "bias warming's gamma0 must be a finite number >= 0, not -0.5" },
  { "warming.gamma0 = INFINITY", T_GAMMA0, INFINITY,
    "bias warming's gamma0 must be a finite number >= 0, not inf" },
  { "warming.shape = 7", T_SHAPE, 7.0,
    "bias warming's shape must be linear or cosine, not 7" },
  { "warming.hold = SIZE_MAX", T_HOLD, 0.0,
    "bias warming's start + hold + anneal is too large" },
  { "momentum = 1", T_MOMENTUM, 1.0, "momentum must be in [0, 1), not 1" },
  { "eps = 0", T_EPS, 0.0, "eps must be in (0, 1], not 0" },
};

static void
training_spoil (rs_sim_training *t, const training_value *tv)
{
  switch (tv->kind)
    {
    case T_OPTIM:
      t->optim = NULL;
      break;
    case T_KINK:
      t->kink = tv->value;
      break;
    case T_LAMBDA:
      t->decay.lambda = tv->value;
      break;
    case T_GAMMA0:
      t->warming.gamma0 = tv->value;
      break;
    case T_SHAPE:
      t->warming.shape = (rs_warm_shape) tv->value;
      break;
    case T_HOLD:
      t->warming.start = 5;
      t->warming.hold = SIZE_MAX;
      break;
    case T_MOMENTUM:
      t->optim_params.momentum = tv->value;
      break;
    case T_EPS:
      t->optim_params.eps = tv->value;
      break;
    default:
      ck_abort_msg ("bad training kind");
    }
}

/* Each bad setting alone is refused with RS_EINVAL and its message (and
 * without err), and nothing changes: the number of points, the settings,
 * the parameters; the heavy-ball run goes on as one never touched, bit
 * for bit, velocity included. */
START_TEST (test_training_bad)
{
  const training_value *tv = &bad_trainings[_i];
  rs_sim_params p;
  rs_sim *s, *r;
  rs_sim_training t, before, after;
  rs_error err;
  size_t n;

  neuron_params (&p, 0.731, 0.4619);
  p.optim = rs_optim_momentum;
  s = sim_new (&p);
  r = sim_new (&p);
  iterate_to (s, 5);
  iterate_to (r, 5);
  n = rs_sim_n_recorded (s);
  rs_sim_get_training (s, &before);
  t = before;
  training_spoil (&t, tv);
  rs_error_clear (&err);
  ck_assert_msg (rs_sim_set_training (s, &t, &err) == RS_EINVAL,
                 "%s accepted", tv->what);
  ck_assert_int_eq (err.code, RS_EINVAL);
  ck_assert_str_eq (err.message, tv->message);
  ck_assert_int_eq (rs_sim_set_training (s, &t, NULL), RS_EINVAL);
  ck_assert_uint_eq (rs_sim_n_recorded (s), n);
  rs_sim_get_training (s, &after);
  ck_assert (same_training (&after, &before));
  ck_assert_ptr_eq (rs_sim_get_params (s)->optim, rs_optim_momentum);
  ck_assert (rs_sim_get_params (s)->kink == 0.0);
  ck_assert (rs_net_get_spec (rs_sim_net (s))->kink == 0.0);
  iterate_to (s, 12);
  iterate_to (r, 12);
  assert_same_record (s, r);
  rs_sim_free (s);
  rs_sim_free (r);
}
END_TEST

/* The names of the header's comment, in the order of the bits. */
START_TEST (test_event_names_train)
{
  char buf[64];

  ck_assert_str_eq (rs_sim_event_names (RS_EVENT_TRAIN, buf, sizeof buf),
                    "train");
  ck_assert_str_eq (rs_sim_event_names (RS_EVENT_TRAIN | RS_EVENT_KICK, buf,
                                        sizeof buf), "kick+train");
  ck_assert_str_eq (rs_sim_event_names (127, buf, sizeof buf),
                    "start+kick+act+rate+beat+autokick+train");
}
END_TEST

/* Under bias warming the run trains through the shifted network, which
 * must follow a change made while warming is on: rs_sim_set_activation
 * (variant 0), a timeline alpha event (1), a kink convention (2), at step
 * 6 of the dead network with b1[0] = -1 and gamma0 0.5 held throughout.
 * Shifted, unit 0 has z = 0.5 x - 0.5 in [-1, 0] on the data: negative on
 * 23 points, where Leaky ReLU 0.1 and ReLU differ, and exactly 0 at
 * x = 1, where the kink convention 0.75 gives a gradient that kink 0 does
 * not (the residual there times W2[0][0]).  From the change on, the
 * recorded loss and gradient norm are those of rs_sim_net_at's shifted
 * network with the point's activations and the new kink, by rs_loss_net,
 * and the first step is gradient descent along that gradient. */
START_TEST (test_warming_follows_change)
{
  const double eta = 0.05, kink = _i == 2 ? 0.75 : 0.0;
  rs_sim_params p;
  rs_sim *s;
  rs_sim_training t;
  gsl_vector *g;
  size_t i6 = 0;

  dead_net_params (&p);
  p.values[1] = (rs_sim_value) { "b1[0]", -1.0 };
  p.warming = (rs_warming) { 0.5, 0, 1000, 0, RS_WARM_LINEAR };
  p.steps = 12;
  if (_i == 1)
    {
      p.n_events = 1;
      p.events[0] = (rs_sim_event) { 6, RS_SIM_SET_ALPHA, 0.1 };
    }
  s = sim_new (&p);
  iterate_to (s, 6);
  ck_assert (theta_at (s, 6, "W1[0][0]") == 0.5);
  ck_assert (theta_at (s, 6, "b1[0]") == -1.0);
  if (_i == 0)
    ck_assert_int_eq (rs_sim_set_activation (s, rs_act_leaky_relu, 0.1),
                      RS_OK);
  else if (_i == 2)
    {
      rs_sim_get_training (s, &t);
      t.kink = kink;
      set_training_ok (s, &t);
    }
  ck_assert_int_eq (rs_sim_run (s), RS_OK);
  while (rs_sim_recorded (s, i6)->events == 0
         || rs_sim_recorded (s, i6)->step != 6)
    i6++;
  ck_assert_uint_eq (rs_sim_recorded (s, i6)->events,
                     _i == 2 ? RS_EVENT_TRAIN : RS_EVENT_ACT);
  ck_assert_uint_eq (rs_sim_n_recorded (s), i6 + 7);
  g = gsl_vector_alloc (rs_net_nparams (rs_sim_net (s)));
  for (size_t i = i6; i < rs_sim_n_recorded (s); i++)
    {
      const rs_sim_point *pt = rs_sim_recorded (s, i);

      ck_assert (pt->gamma == 0.5);
      ck_assert_double_eq_tol (net_loss_grad (s, i, 1, kink, g), pt->loss,
                               1e-14);
      ck_assert_double_eq_tol (norm2 (g), pt->gnorm, 1e-14);
      if (i == i6)
        assert_gd_step (s, i, eta, g);
    }
  gsl_vector_free (g);
  rs_sim_free (s);
}
END_TEST

static Suite *
sim_suite (void)
{
  Suite *s = suite_create ("sim");
  TCase *params = tcase_create ("Params");
  TCase *core = tcase_create ("Core");
  TCase *kick = tcase_create ("Kick");
  TCase *leaky = tcase_create ("Leaky");
  TCase *limits = tcase_create ("Limits");
  TCase *cures = tcase_create ("Cures");
  TCase *clone = tcase_create ("Clone");
  TCase *training = tcase_create ("Training");

  tcase_add_loop_test (params, test_params_bad, 0,
                       sizeof bad_fields / sizeof bad_fields[0]);
  tcase_add_loop_test (params, test_params_good, 0,
                       sizeof good_fields / sizeof good_fields[0]);
  tcase_add_test (params, test_params_default);
  tcase_add_test (params, test_status_names);
  suite_add_tcase (s, params);

  tcase_add_test (core, test_data_from_seed);
  tcase_add_test (core, test_start_point);
  tcase_add_loop_test (core, test_one_step, 0, 2);
  tcase_add_test (core, test_story_stuck);
  tcase_add_test (core, test_story_converged);
  tcase_add_test (core, test_big_step_kills);
  tcase_add_test (core, test_run_and_restart);
  suite_add_tcase (s, core);

  tcase_add_test (kick, test_scheduled_kick);
  tcase_add_test (kick, test_kicks_same_step);
  tcase_add_test (kick, test_interactive_kick_frees);
  suite_add_tcase (s, kick);

  tcase_add_test (leaky, test_leaky_frees);
  suite_add_tcase (s, leaky);

  tcase_add_test (limits, test_diverged);
  tcase_add_test (limits, test_record_bounded);
  tcase_add_test (limits, test_record_bounded_events);
  tcase_add_test (limits, test_divergence_named);
  tcase_add_test (limits, test_record_every);
  tcase_add_test (limits, test_kick_unit_checked);
  suite_add_tcase (s, limits);

  tcase_add_test (cures, test_leaky_exact_steps);
  tcase_add_test (cures, test_decay_dead_bias);
  tcase_add_test (cures, test_warming_revives);
  tcase_add_test (cures, test_autokick);
  tcase_add_test (cures, test_rewind_replays);
  tcase_add_test (cures, test_minibatch);
  tcase_add_test (cures, test_set_temperature);
  suite_add_tcase (s, cures);

  tcase_add_test (clone, test_clone_replays);
  tcase_add_test (clone, test_clone_after_rewind);
  tcase_add_test (clone, test_clone_unrecorded);
  tcase_add_test (clone, test_clone_own_data);
  tcase_add_test (clone, test_clone_diverged);
  tcase_add_test (clone, test_clone_thinned);
  tcase_add_test (clone, test_clone_versions);
  suite_add_tcase (s, clone);

  tcase_add_loop_test (training, test_training_new_optim, 0, 2);
  tcase_add_test (training, test_training_keeps_state);
  tcase_add_test (training, test_training_rewind);
  tcase_add_test (training, test_training_warming_on);
  tcase_add_loop_test (training, test_training_decay_on, 0, 3);
  tcase_add_test (training, test_training_kink);
  tcase_add_loop_test (training, test_training_bad, 0,
                       sizeof bad_trainings / sizeof bad_trainings[0]);
  tcase_add_test (training, test_event_names_train);
  tcase_add_loop_test (training, test_warming_follows_change, 0, 3);
  suite_add_tcase (s, training);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (sim_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed != 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
