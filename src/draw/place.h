/* place.h: a label placer that keeps labels off each other and off what
 * they annotate.
 *
 * The caller describes fixed obstacles (boxes, thick segments such as a
 * path's polyline, discs such as the ball or a marker) and labels, each
 * with a priority and its candidate boxes in order of preference (a
 * shortened text is one more candidate, with a smaller box, after the
 * full one).  rs_placer_solve then chooses one candidate per label so
 * that no two chosen boxes intersect and no chosen box covers an
 * obstacle; a label none of whose candidates fits is dropped, the least
 * important first: a label is placed whenever it can be placed together
 * with every more important label that was placed.  Any panel can use it:
 * it knows of boxes only, not of cairo or of text. */
#ifndef RS_PLACE_H
#define RS_PLACE_H

#include <stddef.h>

#include "draw/draw.h"

typedef struct rs_placer rs_placer;

/* A label with this flag covers obstacles rather than being dropped:
 * its candidates that cover nothing are tried first, then the others,
 * the fewest covered first (a note that must be shown). */
#define RS_PLACE_MAY_COVER 1u

/* A placer whose labels must lie inside bounds (a width or height <= 0:
 * anywhere).  NULL when out of memory. */
rs_placer *rs_placer_alloc (rs_rect bounds);
void rs_placer_free (rs_placer *pl);

/* Obstacles: a box (its inside), a segment with every point within r of
 * it, a disc of radius r; a polyline of n points (x, y pairs) is n - 1
 * segments.  RS_OK, or RS_ENOMEM (the obstacle is not kept). */
int rs_placer_box (rs_placer *pl, rs_rect box);
int rs_placer_segment (rs_placer *pl, double x0, double y0, double x1,
                       double y1, double r);
int rs_placer_disc (rs_placer *pl, double x, double y, double r);
int rs_placer_polyline (rs_placer *pl, const double *xy, size_t n,
                        double r);

/* A new label of priority prio (larger: more important; ties go to the
 * label added first) and flags; its number (0, 1, ...), or (size_t) -1
 * when out of memory. */
size_t rs_placer_label (rs_placer *pl, double prio, unsigned flags);

/* A candidate box for label, after the ones it has (preferred less).
 * RS_OK, RS_EINVAL (no such label) or RS_ENOMEM. */
int rs_placer_candidate (rs_placer *pl, size_t label, rs_rect box);

/* Choose.  RS_OK (some labels may be dropped) or RS_ENOMEM. */
int rs_placer_solve (rs_placer *pl);

/* After solving: the candidate chosen for label (its index in the order
 * added), or -1 when the label is dropped; and its box. */
int rs_placer_choice (const rs_placer *pl, size_t label);
int rs_placer_chosen (const rs_placer *pl, size_t label, rs_rect *box);

/* How many labels and obstacles the placer holds. */
size_t rs_placer_n_labels (const rs_placer *pl);
size_t rs_placer_n_obstacles (const rs_placer *pl);

/* Whether two boxes intersect (share inside points: boxes that touch
 * along an edge do not), and whether box covers obstacle k. */
int rs_place_boxes_meet (rs_rect a, rs_rect b);
int rs_placer_covers (const rs_placer *pl, size_t k, rs_rect box);

#endif /* RS_PLACE_H */
