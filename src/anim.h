/* anim.h: a run as an animation, frame by frame: numbered PNG files in a
 * folder, or a video (.mp4) or GIF (.gif) encoded by ffmpeg.  Like every
 * output of reluscape, the folder or file appears complete or not at
 * all. */
#ifndef RS_ANIM_H
#define RS_ANIM_H

#include <stddef.h>

#include "figure.h"

typedef enum { RS_ANIM_NONE = 0, RS_ANIM_MP4, RS_ANIM_GIF } rs_anim_format;

/* The format named by path's extension (.mp4, .gif; any case). */
rs_anim_format rs_anim_format_of (const char *path);

/* The frames' recorded points: n of them (at most max_frames, at least
 * 2 when the run has 2 points) evenly spaced over the run's nrec points,
 * the first and the last included.  points holds max_frames values;
 * returns n. */
size_t rs_anim_points (size_t nrec, size_t max_frames, size_t *points);

/* A frame: recorded point `point` of the run, its landscapes in the
 * morph of the change there by `morph` (a kick at that point, else the
 * last change of activation at or before it; 1: settled, the still of
 * that point; see rs_figure_morph). */
typedef struct {
  size_t point;
  double morph;
} rs_anim_frame;

/* The frames of an animation over the n points of points (increasing):
 * each point's frame (morph 1), preceded, where Leaky ReLU or another
 * activation was switched on since the frame before (a point after it
 * has the event RS_EVENT_ACT), by per_change frames of that point
 * morphing from the old activation (morph 0, 1/per_change, ...), and
 * for each kick since the frame before (a point with RS_EVENT_KICK), by
 * per_change frames of the kick's own point morphing from before the
 * kick (morph 0, 1/per_change, ...).  frames holds max entries; returns
 * how many were written (frames NULL: how many there are). */
size_t rs_anim_morphs (const rs_sim *sim, const size_t *points, size_t n,
                       size_t per_change, rs_anim_frame *frames, size_t max);

/* Called after each frame with the frames done and their total. */
typedef void (*rs_anim_progress) (size_t done, size_t total);

/* Frame k of n shows frames[k] of fig, drawn at width x height pixels,
 * over the landscapes of its point (rs_figure_follow), morphing as the
 * frame says (rs_figure_morph).  rs_anim_frames writes frame-00000.png ... into the
 * folder dir, which must not exist or be empty: the frames go to a new
 * folder beside it, renamed to dir at the end.  rs_anim_video pipes the
 * frames to ffmpeg (the program named by $RELUSCAPE_FFMPEG, else
 * "ffmpeg" on the PATH, started with an argument vector, never through a
 * shell) at fps frames a second, the last one held for a second, into a
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
