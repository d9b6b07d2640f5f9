/* check_sim.c: a running scene (CONCEPTS.md C4, C5, C6, C8, C11), and the
 * gradient step and kick it is made of.
 *
 * Expected values come from gradient steps written out here with their own
 * loops, from Gaussian draws of independently seeded GSL generators, from
 * a second method (gsl_fit_linear for the least-squares optimum) or from
 * bounds derived in the comments. */
#include <config.h>

#include <math.h>
#include <stddef.h>
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

/* A network with every source of randomness (minibatches, Langevin noise,
 * a scheduled kick, Adam's state): rewound to step 25 and run again to
 * step 60, it ends on the same parameters, bit for bit. */
START_TEST (test_rewind_replays)
{
  rs_sim_params p;
  rs_sim *s;
  size_t np, i25 = 0;
  double *end;

  dead_net_params (&p);
  p.n_values = 0;
  p.steps = 60;
  p.batch = 5;
  p.temperature = 1e-4;
  p.optim = rs_optim_adam;
  p.rate = 0.01;
  p.n_kicks = 1;
  p.kicks[0] = (rs_kick) { 40, 0.3, 7, RS_KICK_BIASES, 0, 0 };
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
  suite_add_tcase (s, cures);
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
