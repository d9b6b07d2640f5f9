/* app_step.c: the app's playback in time (C4, C5): the run is computed
 * ahead and its recorded points are played one after another, at the
 * speed's pace on the window's clock (a fixed step under a script); the
 * actions that move through it (pause, a step, a beat, rewind, the
 * speed) and rs_app_advance, which the loop calls once a frame.  A
 * change recorded on the way (of activation, or a kick) is played as a
 * morph (app_jobs.c), the ball waiting at its point meanwhile. */
#include <config.h>

#include <math.h>

#include "app/app_private.h"

/* The most time one frame may catch up on after a stall (Chipmunk2D's
 * clamped accumulator). */
#define MAX_CATCH_UP 0.25

/* Times closer than this (seconds) count as equal, so that 3 s cut into
 * 180 or 90 pieces takes the same number of steps despite rounding. */
#define TIME_EPS 1e-9

/* PageDown plays to the next beat in at most this many seconds. */
#define BEAT_SECONDS 6.0

/* Space: pause or play on. */
void
app_toggle_pause (rs_app *a)
{
  a->in.paused = !a->in.paused;
  a->in.to_goal = 0;
}

/* Home: back to the run's first point, paused; the changes made stay. */
void
app_rewind (rs_app *a)
{
  a->in.paused = 1;
  a->in.to_goal = 0;
  app_show_point (a, 0);
}

/* One recorded point forward or back, paused. */
void
app_single_step (rs_app *a, int forward)
{
  a->in.paused = 1;
  a->in.to_goal = 0;
  if (forward || a->run.shown > 0)
    app_show_point (a, forward ? a->run.shown + 1 : a->run.shown - 1);
}

/* . and the strip's step button: one point forward, paused. */
void
app_step_forward (rs_app *a)
{
  app_single_step (a, 1);
}

/* , and Backspace, and the strip's step back button: one point back,
 * paused. */
void
app_step_back (rs_app *a)
{
  app_single_step (a, 0);
}

/* PageDown (and the strip's next beat button): play on to the next
 * point with a beat (else the run's end) and pause there, the changes on
 * the way (a kick, Leaky ReLU) played as their morphs, as the play shows
 * them; in at most BEAT_SECONDS, faster than the speed when the beat is
 * far. */
void
app_next_beat (rs_app *a)
{
  const rs_sim *sim = a->run.sim;
  size_t n = rs_sim_n_recorded (sim), i = a->run.shown;

  while (i + 1 < n && !(rs_sim_recorded (sim, ++i)->events
                        & RS_EVENT_BEAT))
    ;
  if (i == a->run.shown)
    return;
  a->in.goal = i;
  a->in.to_goal = 1;
  a->in.goal_speed = fmax (a->in.speed, (i - a->run.shown) / BEAT_SECONDS);
  a->in.paused = 0;
}

/* PageUp: back to the previous beat (else the start) at once, paused. */
void
app_prev_beat (rs_app *a)
{
  const rs_sim *sim = a->run.sim;
  size_t i = a->run.shown;

  a->in.paused = 1;
  a->in.to_goal = 0;
  while (i > 0 && !(rs_sim_recorded (sim, --i)->events & RS_EVENT_BEAT))
    ;
  app_show_point (a, i);
}

/* The speed, in the scene language's range: the speed slider. */
void
app_set_speed (rs_app *a, double speed)
{
  a->in.speed = fmin (fmax (speed, APP_SPEED_MIN), APP_SPEED_MAX);
}

/* The points a second played: the speed, or PageDown's on its way to a
 * beat. */
double
app_play_speed (const rs_app *a)
{
  return a->in.to_goal ? a->in.goal_speed : a->in.speed;
}

/* What the point just reached does to the play: PageDown's beat pauses
 * there; a change the run recorded there (of activation, or a kick) is
 * played as a morph, as animations show it, the ball waiting for it; in
 * presenter mode a beat pauses there.  Returns 0 when the play stops
 * there for now. */
static int
arrive (rs_app *a)
{
  /* PageDown's beat reached: a pause, its change still played */
  if (a->in.to_goal && a->run.shown >= a->in.goal)
    {
      a->in.to_goal = 0;
      a->in.paused = 1;
      a->acc = 0.0;
    }
  if (rs_sim_recorded (a->run.sim, a->run.shown)->events
      & (RS_EVENT_ACT | RS_EVENT_KICK))
    {
      app_balls_sync (a);
      app_morph_request (a);
      a->acc = 0.0;
      return 0;
    }
  if (a->in.paused)
    return 0;
  if (a->view.present && (rs_sim_recorded (a->run.sim, a->run.shown)->events
                          & RS_EVENT_BEAT))
    {
      a->in.paused = 1;
      a->acc = 0.0;
      return 0;
    }
  return 1;
}

/* One recorded point further (arrive says what it does there).  Returns
 * 0 at a pause, a morph or the end. */
static int
play (rs_app *a)
{
  /* after a change the ball waits there until its run is drawn, and
     while its morph plays */
  if (a->run.morph_wait || app_morph_at (a) >= 0.0)
    {
      /* at most one step's time is kept: after the morph the ball goes
         on from the change's point, not by leaps */
      a->acc = fmin (a->acc, 1.0 / app_play_speed (a));
      return 0;
    }
  if (a->view.fig == NULL || a->run.head != NULL
      || a->run.shown + 1 >= rs_sim_n_recorded (a->run.sim))
    return 0;
  a->run.shown++;
  rs_figure_show (a->view.fig, a->run.shown);
  return arrive (a);
}

void
rs_app_advance (rs_app *a, double seconds)
{
  double period = 1.0 / app_play_speed (a);
  size_t before = a->run.shown;

  if (seconds > 0.0)
    a->win.clock += seconds;
  app_jobs_poll (a);
  if (a->in.paused || !(seconds > 0.0))
    return;
  a->acc += fmin (seconds, MAX_CATCH_UP);
  while (a->acc >= period - TIME_EPS)
    {
      a->acc -= period;
      if (!play (a))
        break;
    }
  if (a->run.shown != before)
    {
      app_balls_sync (a);
      app_follow (a);
    }
}

void
rs_app_ball (const rs_app *a, double *w, double *b)
{
  const rs_sim_point *pt = rs_sim_recorded (a->run.sim, a->run.shown);

  /* the figure draws its own ball, between the points of the run
     (rs_figure_between); here the point shown */
  *w = pt->w;
  *b = pt->b;
}
