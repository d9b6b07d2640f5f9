/* anim.h: a run as an animation, frame by frame: numbered PNG files in a
 * folder, or a video (.mp4) or GIF (.gif) encoded by ffmpeg.  Like every
 * output of reluscape, the folder or file appears complete or not at
 * all. */
#ifndef RS_ANIM_H
#define RS_ANIM_H

#include <stddef.h>

#include "draw/figure.h"
#include "export/pace.h"

typedef enum { RS_ANIM_NONE = 0, RS_ANIM_MP4, RS_ANIM_GIF } rs_anim_format;

/* The format named by path's extension (.mp4, .gif; any case). */
rs_anim_format rs_anim_format_of (const char *path);

/* A frame: recorded point `point` of the run, its landscapes in the
 * morph of the change there by `morph` (a kick at that point, else the
 * last change of activation at or before it; 1: settled, the still of
 * that point; see rs_figure_morph). */
typedef struct {
  size_t point;
  double morph;
} rs_anim_frame;

/* The timing of an animation of a run for a lecture (anim_pace.c): the
 * schedule (pace.h) of the run's recorded points 0 to `last`, with a
 * stop at each event found in them and the holds and speeds of the
 * scene's 'pace' lines. */
typedef struct rs_anim_timing rs_anim_timing;

/* The events an animation stops at, found in the points 1 to last of a
 * run: a kick or a change of activation (RS_EVENT_KICK, RS_EVENT_ACT:
 * their morph plays in the hold), a beat, bias warming switched on
 * (gamma 0 before, not 0 now), the ball coming to rest (the gradient
 * norm exactly 0, not 0 before) and a change of the count of dead
 * units.  Events within RS_ANIM_GAP of the run's steps after one kept
 * join it (a kick or a change keeps its own stop); the run slows down
 * to each: the RS_ANIM_APPROACH of its steps before a stop (one at
 * least, at most half the way back to the stop before or the start,
 * outside other spans) are played at
 * RS_ANIM_SLOW times the pace of the others.  The holds: a
 * change's RS_ANIM_MORPH_HOLD seconds, of which RS_ANIM_MORPH_SECONDS
 * play it, another event's RS_ANIM_HOLD; the scene's 'pace hold' sets
 * the hold at its step.  A stretch of points where nothing moves (the
 * parameters are those of the point before, bit for bit) of two steps
 * or more, outside the scene's 'pace speed' spans, is played in at most
 * RS_ANIM_IDLE seconds, one step a frame when shorter.  The end is held
 * for RS_ANIM_FINAL seconds, a tenth of the duration when shorter, one
 * frame at least. */
#define RS_ANIM_GAP 0.01
#define RS_ANIM_APPROACH 0.03
#define RS_ANIM_SLOW 0.25
#define RS_ANIM_MORPH_HOLD 1.5
#define RS_ANIM_MORPH_SECONDS 1.0
#define RS_ANIM_HOLD 0.5
#define RS_ANIM_IDLE 1.0
#define RS_ANIM_FINAL 0.5

/* The timing of the animation of sim's points 0 to last (the last
 * recorded when past it) with the 'pace' lines of sc, lasting duration
 * seconds at fps frames a second: round(duration x fps) frames, at
 * least one.  NULL with err when memory runs out. */
rs_anim_timing *rs_anim_timing_alloc (const rs_sim *sim, size_t last,
                                      const rs_scene *sc, double duration,
                                      double fps, rs_error *err);
void rs_anim_timing_free (rs_anim_timing *a);

/* How many frames; the schedule (its stops: rs_anim_timing_point). */
size_t rs_anim_timing_frames (const rs_anim_timing *a);
const rs_pace *rs_anim_timing_pace (const rs_anim_timing *a);

/* The recorded point whose change stop i plays, or (size_t) -1 when it
 * holds without one; its step in *step. */
size_t rs_anim_timing_point (const rs_anim_timing *a, size_t i,
                             double *step);
size_t rs_anim_timing_stops (const rs_anim_timing *a);

/* Frame k, at k / fps seconds: inside the hold of a stop with a change,
 * that change's point in its morph phase; else the last recorded point
 * at or before the whole step nearest to the schedule's (short of a
 * change not reached yet), settled: the still that render --at draws
 * for that step. */
rs_anim_frame rs_anim_timing_frame (const rs_anim_timing *a, size_t k);

/* Called after each frame with the frames done and their total. */
typedef void (*rs_anim_progress) (size_t done, size_t total);

/* Frame k of n shows frames[k] of fig, drawn at width x height pixels,
 * over the landscapes of its point (rs_figure_follow), morphing as the
 * frame says (rs_figure_morph).  rs_anim_frames writes frame-00000.png ... into the
 * folder dir, which must not exist or be empty: the frames go to a new
 * folder beside it, renamed to dir at the end.  rs_anim_video pipes the
 * frames to ffmpeg (the program named by $RELUSCAPE_FFMPEG, else
 * "ffmpeg" on the PATH, started with an argument vector, never through a
 * shell) at fps frames a second, n frames and no more, into a
 * temporary file beside path, renamed to path at the end; width and
 * height must be even for .mp4.  Both return 0, or -1 with a message
 * naming the file in errbuf (ffmpeg missing, ffmpeg failing with its last
 * line of errors, a disk full ...), having removed what they wrote. */
int rs_anim_frames (const char *dir, rs_figure *fig, int width, int height,
                    const rs_anim_frame *frames, size_t n,
                    rs_anim_progress progress, char *errbuf, size_t errlen);
int rs_anim_video (const char *path, rs_figure *fig, int width, int height,
                   double fps, const rs_anim_frame *frames, size_t n,
                   rs_anim_progress progress, char *errbuf, size_t errlen);

#endif /* RS_ANIM_H */
