/* slice_pick.h: the plane and window a landscape shows by default, chosen
 * for the lesson: a network's slice through the weight and bias of the
 * unit the run is about, a window that holds the whole path and the edge
 * of the dead region near it, principal components named with the
 * variance they explain. */
#ifndef RS_SLICE_PICK_H
#define RS_SLICE_PICK_H

#include <reluscape/reluscape.h>

/* The default axes of a landscape of sim: for a network, the focus unit
 * (the scene's 'focus', else rs_sim_focus_unit's choice) and the names
 * of its weight and bias; for the single neuron W1[0][0] and b1[0] with
 * focus->why RS_FOCUS_NONE. */
typedef struct {
  rs_sim_focus focus;
  char p1[32];
  char p2[32];
} rs_pick;

int rs_pick_axes (const rs_scene *sc, const rs_sim *sim, rs_pick *pk,
                  rs_error *err);

/* The window of a plane whose recorded points lie at (pu[i], pv[i]),
 * i < n, in the coordinates shown: every point, start included, with a
 * margin of an eighth of their extent on each side, and at least min_half
 * either side of their middle. */
void rs_pick_fit_path (const double *pu, const double *pv, size_t n,
                       double min_half, rs_interval *ur, rs_interval *vr);

/* The window of a plane over two parameters by name (slice sl, values
 * as shown): the path as in rs_pick_fit_path, grown to the point of the
 * edge nearest to the path where the number of dead units changes (the
 * dead region, the plateau) and half as far again past it, so that both
 * sides of the edge show.  The edge is looked for on a 33 x 33 grid
 * three times the path's size around it, in the plane through the run's
 * last point, so that every step shown has the same window; a path far
 * from any edge keeps its own window.  RS_ENOMEM with err. */
int rs_pick_fit_edge (const rs_sim *sim, const rs_slice *sl,
                      const double *pu, const double *pv, size_t n,
                      rs_interval *ur, rs_interval *vr, rs_error *err);

/* Whether p1 and p2 are a weight and the bias of one unit (either
 * order): then *u is that unit.  Names net does not have: 0. */
int rs_pick_unit_of (const rs_net *net, const char *p1, const char *p2,
                     rs_sim_unit *u);

/* The caption of a landscape's default plane: which unit, and why it is
 * the one ("unit 1:3, the first to die (step 4)"), into buf. */
void rs_pick_caption (const rs_pick *pk, const rs_sim *sim, char *buf,
                      size_t n);

/* How the region where more units are dead (deader, n x n) compares
 * with the rest of the window (loss, n x n, row i = v; linear: the
 * colours' scale, else log): its lowest loss and the rest's into *dead,
 * *alive (HUGE_VAL where there is none).  Returns 2 when the dead region
 * holds the lowest loss, 1 when its loss lies in the lowest tenth of the
 * colour scale between the rest's lowest and the window's highest (the
 * same dark colour), else 0: in the first two cases the picture says
 * "dead = best" or nearly, and the figure has to say why (the network
 * does as well without the unit). */
int rs_pick_dead_lowest (const gsl_matrix *loss, const unsigned char *deader,
                         size_t n, int linear, double *dead, double *alive);

#endif /* RS_SLICE_PICK_H */
