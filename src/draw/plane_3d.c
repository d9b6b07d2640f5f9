/* plane_3d.c: the 3-D landscape (view landscape 3d; C5).
 *
 * A lit surface of quads painted from the back to the front under the
 * scene's camera (orthographic: a turn about the vertical, then a tilt),
 * with mesh lines every few quads, the plateau hatched and outlined on
 * the surface, the path, the start and the valley marked and the ball.
 * Around it a box: the window's two parameters along the floor's two
 * front edges and the loss up a corner, each with ticks and its name,
 * and a colour bar whose ends are the surface's lowest and highest loss.
 * The box is fitted into the cell at every camera, between the legend
 * above and the caption below, so that a drag in the app can turn it any
 * way without anything reaching the caption. */
#include <config.h>

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/plane.h"
#include "draw/plane_private.h"

/* The title row above the view, and the room kept for the box's labels
 * around it, at scale 1. */
#define TITLE_ROW 22.0
#define LABEL_ROOM 34.0

/* ---- the camera and the box ----------------------------------------- */

/* Box coordinates to the screen (see rs_plane_3d_project), and the depth
 * (larger: farther from the camera). */
static void
project (const rs_plane_view3d *c, double x, double y, double z, double *sx,
         double *sy, double *depth)
{
  double xr = x * c->ca - y * c->sa, yr = x * c->sa + y * c->ca;
  double zz = 0.9 * z - 0.45;

  *sx = c->cx + c->k * xr;
  *sy = c->cy - c->k * (zz * c->ce + yr * c->se);
  if (depth != NULL)
    *depth = yr * c->ce - zz * c->se;
}

void
rs_plane_3d_project (const rs_plane_view3d *v, double x, double y, double z,
                     double *sx, double *sy)
{
  project (v, x, y, z, sx, sy, NULL);
}

/* The caption under the surface, as markup. */
static void
caption (const rs_plane *p, char *buf, size_t n)
{
  snprintf (buf, n, "axes: %s, %s; height: loss%s", p->umark, p->vmark,
            p->land->linear ? "" : " (log scale)");
}

/* The screen box of the eight corners of the unit box under camera c
 * with scale 1 about (0, 0). */
static void
box_extent (const rs_plane_view3d *c, double *x0, double *x1, double *y0,
            double *y1)
{
  rs_plane_view3d u = *c;

  u.cx = u.cy = 0.0;
  u.k = 1.0;
  *x0 = *y0 = INFINITY;
  *x1 = *y1 = -INFINITY;
  for (int q = 0; q < 8; q++)
    {
      double sx, sy;
      project (&u, q & 1 ? 1 : -1, q & 2 ? 1 : -1, q & 4 ? 1 : 0, &sx, &sy,
               NULL);
      *x0 = fmin (*x0, sx), *x1 = fmax (*x1, sx);
      *y0 = fmin (*y0, sy), *y1 = fmax (*y1, sy);
    }
}

void
rs_plane_3d_view (const rs_plane *p, rs_rect r, double s,
                  rs_plane_view3d *v)
{
  double az = p->scene->style.azimuth * M_PI / 180.0;
  double el = p->scene->style.elevation * M_PI / 180.0;
  double top = r.y + TITLE_ROW * s, bottom = r.y + r.height;
  double m = LABEL_ROOM * s, x0, x1, y0, y1, kw, kh;

  memset (v, 0, sizeof *v);
  v->s = s;
  v->ca = cos (az);
  v->sa = sin (az);
  v->ce = cos (el);
  v->se = sin (el);
  v->caption_y = bottom - 20 * s;
  v->legend_y = top + 2 * s;
  v->bar = (rs_rect) { r.x + r.width - 58 * s, top + 30 * s, 12 * s,
                       fmax (bottom - 20 * s - top - 60 * s, 1.0) };
  v->area = (rs_rect) { r.x + 4 * s, top + 18 * s,
                        fmax (v->bar.x - 22 * s - r.x - 4 * s, 1.0),
                        fmax (v->caption_y - 4 * s - top - 18 * s, 1.0) };
  /* a small cell keeps less room for the labels: the surface first */
  m = fmin (m, 0.12 * fmin (v->area.width, v->area.height));
  box_extent (v, &x0, &x1, &y0, &y1);
  kw = (v->area.width - 2 * m) / fmax (x1 - x0, 1e-9);
  kh = (v->area.height - 2 * m) / fmax (y1 - y0, 1e-9);
  v->k = fmax (fmin (kw, kh), 1e-3);
  v->cx = v->area.x + v->area.width / 2 - v->k * (x0 + x1) / 2;
  v->cy = v->area.y + v->area.height / 2 - v->k * (y0 + y1) / 2;
  /* the bar beside the box rather than at the cell's edge, its title
   * between them */
  v->bar.x = fmin (v->bar.x, v->cx + v->k * x1 + m + 24 * s);
  v->area.width = fmax (v->bar.x - 22 * s - v->area.x, 1.0);
}

/* ---- heights ---------------------------------------------------------- */

/* The height of a loss on the colour scale, 0 to 1. */
static double
height_of (const rs_landscape *l, double loss)
{
  double t;

  if (!(loss <= DBL_MAX))
    return 1.0;
  t = l->linear ? (loss - l->lo) / (l->hi - l->lo)
                : (log10 (fmax (loss, 1e-12)) - l->log_lo)
                  / (l->log_hi - l->log_lo);
  return t < 0.0 ? 0.0 : t > 1.0 ? 1.0 : t;
}

/* The height of the surface at grid position (gi, gj), bilinear. */
static double
height_at (const rs_landscape *l, double gi, double gj)
{
  size_t n1 = l->loss->size1, n2 = l->loss->size2;
  size_t i = (size_t) fmin (fmax (floor (gi), 0), n1 - 2);
  size_t j = (size_t) fmin (fmax (floor (gj), 0), n2 - 2);
  double fi = fmin (fmax (gi - i, 0), 1), fj = fmin (fmax (gj - j, 0), 1);
  double h00 = height_of (l, gsl_matrix_get (l->loss, i, j));
  double h01 = height_of (l, gsl_matrix_get (l->loss, i, j + 1));
  double h10 = height_of (l, gsl_matrix_get (l->loss, i + 1, j));
  double h11 = height_of (l, gsl_matrix_get (l->loss, i + 1, j + 1));

  return (1 - fi) * ((1 - fj) * h00 + fj * h01) + fi * ((1 - fj) * h10
                                                         + fj * h11);
}

/* A point of the plane (u, v) on the surface drawn: its screen point;
 * 0 when it lies outside the window. */
static int
on_surface (const rs_plane *p, const rs_plane_view3d *c, double u, double v,
            double *x, double *y)
{
  double gu = (u - p->ur.lo) / (p->ur.hi - p->ur.lo);
  double gv = (v - p->vr.lo) / (p->vr.hi - p->vr.lo);
  double last = (double) (p->n - 1);

  if (!(gu >= 0 && gu <= 1 && gv >= 0 && gv <= 1))
    return 0;
  project (c, -1 + 2 * gu, -1 + 2 * gv, height_at (p->land, gv * last,
                                                   gu * last), x, y, NULL);
  return 1;
}

/* What maps a point of the plane onto the 3-D surface. */
typedef struct {
  const rs_plane_view3d *c;
  const rs_plane *p;
} surface_map;

/* Grid position (column gj, row gi) to the screen, on the surface
 * drawn. */
static void
to_screen (const void *data, double gj, double gi, double *x, double *y)
{
  const surface_map *m = data;
  double last = (double) (m->p->n - 1);

  gj = gj < 0 ? 0 : gj > last ? last : gj;
  gi = gi < 0 ? 0 : gi > last ? last : gi;
  project (m->c, -1 + 2 * gj / last, -1 + 2 * gi / last,
           height_at (m->p->land, gi, gj), x, y, NULL);
}

/* ---- the surface ------------------------------------------------------ */

typedef struct {
  double depth;
  size_t i, j;
} quad;

static int
farther_first (const void *a, const void *b)
{
  double da = ((const quad *) a)->depth, db = ((const quad *) b)->depth;

  return da < db ? 1 : da > db ? -1 : 0;
}

/* One quad of the surface: its corners (i, j) counter-clockwise from
 * the lowest row and column, their screen points and heights. */
typedef struct {
  size_t ii[4], jj[4];
  double px[4], py[4], z[4];
} quad_pts;

static void
quad_points (const rs_plane *p, const rs_plane_view3d *c, size_t i, size_t j,
             size_t step, quad_pts *q)
{
  size_t n = p->n;
  const size_t di[4] = { 0, 0, step, step }, dj[4] = { 0, step, step, 0 };

  for (int v = 0; v < 4; v++)
    {
      q->ii[v] = i + di[v];
      q->jj[v] = j + dj[v];
      q->z[v] = height_of (p->land, gsl_matrix_get (p->land->loss, q->ii[v],
                                                     q->jj[v]));
      project (c, -1 + 2.0 * q->jj[v] / (n - 1), -1 + 2.0 * q->ii[v] / (n - 1),
               q->z[v], &q->px[v], &q->py[v], NULL);
    }
}

/* The quad filled in the colour map's colour of its mean height, lit
 * from the upper left, its edges in its own colour so that no seam
 * shows. */
static void
fill_quad (cairo_t *cr, const rs_plane *p, const quad_pts *q, size_t step,
           int image, double s)
{
  static const double light[3] = { -0.45, -0.35, 0.82 };
  double e = 2.0 * step / (p->n - 1), nrm[3], len, lit, rgb[3];
  double e1[3] = { e, e, 0.9 * (q->z[2] - q->z[0]) };
  double e2[3] = { -e, e, 0.9 * (q->z[3] - q->z[1]) };

  nrm[0] = e1[1] * e2[2] - e1[2] * e2[1];
  nrm[1] = e1[2] * e2[0] - e1[0] * e2[2];
  nrm[2] = e1[0] * e2[1] - e1[1] * e2[0];
  len = sqrt (nrm[0] * nrm[0] + nrm[1] * nrm[1] + nrm[2] * nrm[2]);
  lit = len > 0 ? fabs (nrm[0] * light[0] + nrm[1] * light[1]
                        + nrm[2] * light[2]) / len : 1.0;
  rs_colour_map (p->land->cmap, (q->z[0] + q->z[1] + q->z[2] + q->z[3]) / 4,
                 rgb);
  cairo_move_to (cr, q->px[0], q->py[0]);
  for (int v = 1; v < 4; v++)
    cairo_line_to (cr, q->px[v], q->py[v]);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, rgb[0] * (0.35 + 0.65 * lit),
                        rgb[1] * (0.35 + 0.65 * lit),
                        rgb[2] * (0.35 + 0.65 * lit));
  if (!image)
    {
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 0.6 * s);
      cairo_stroke (cr);
      return;
    }
  cairo_fill (cr);
}

/* The edge of quad q from its corner a to its corner b, on cr's path. */
static void
quad_edge (cairo_t *cr, const quad_pts *q, int a, int b)
{
  cairo_move_to (cr, q->px[a], q->py[a]);
  cairo_line_to (cr, q->px[b], q->py[b]);
}

/* The mesh: the quad's lower edge on every mesh-th row and its left edge
 * on every mesh-th column, and the window's last row and column, thin
 * and dark. */
static void
mesh_quad (cairo_t *cr, const rs_plane *p, const quad_pts *q, size_t step,
           size_t mesh, double s)
{
  size_t last = p->n - 1;

  if ((q->ii[0] / step) % mesh == 0)
    quad_edge (cr, q, 0, 1);
  if (q->ii[2] == last)
    quad_edge (cr, q, 3, 2);
  if ((q->jj[0] / step) % mesh == 0)
    quad_edge (cr, q, 0, 3);
  if (q->jj[1] == last)
    quad_edge (cr, q, 1, 2);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.28);
  cairo_set_line_width (cr, 0.7 * s);
  cairo_stroke (cr);
}

/* The plateau on the quad: hatched (one diagonal, on every other quad)
 * when all four corners are on it, and its edge where the corners
 * differ: the segment through the middles of the edges that cross it
 * (marching squares), in the dead colour on a light halo (the old
 * plateau's edge is white). */
static void
plateau_quad (cairo_t *cr, const rs_plane *p, const quad_pts *q,
              size_t step, const rs_theme *th, double s)
{
  double mx[4], my[4];
  int f[4], m = 0;

  for (int v = 0; v < 4; v++)
    f[v] = p->plateau[q->ii[v] * p->n + q->jj[v]] != 0;
  if (f[0] && f[1] && f[2] && f[3])
    {
      /* the diagonals of every other quad line up: lines two quads
       * apart */
      if ((q->ii[0] / step + q->jj[0] / step) % 2 != 0)
        return;
      cairo_move_to (cr, q->px[0], q->py[0]);
      cairo_line_to (cr, q->px[2], q->py[2]);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.55);
      cairo_set_line_width (cr, 0.9 * s);
      cairo_stroke (cr);
      return;
    }
  for (int e = 0; e < 4; e++)
    if (f[e] != f[(e + 1) % 4])
      {
        mx[m] = (q->px[e] + q->px[(e + 1) % 4]) / 2;
        my[m] = (q->py[e] + q->py[(e + 1) % 4]) / 2;
        m++;
      }
  for (int e = 0; e + 1 < m; e += 2)
    {
      cairo_move_to (cr, mx[e], my[e]);
      cairo_line_to (cr, mx[e + 1], my[e + 1]);
    }
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  rs_plane_stroke_edge (cr, s, th->dead, (rs_rgb) { 1, 1, 1 }, 1.5);
}

/* The surface, quad by quad from the farthest: fill, mesh, plateau. */
static int
draw_surface (cairo_t *cr, const rs_plane *p, const rs_plane_view3d *c,
              const rs_theme *th, double s)
{
  size_t n = p->n, step = (n + 63) / 64, m = (n - 1) / step, nq = m * m;
  size_t mesh = m > 10 ? (m + 9) / 10 : 1;
  quad *q = m > 0 ? malloc (nq * sizeof *q) : NULL;
  double d, sx, sy;
  int image;

  if (q == NULL)
    return 0;
  for (size_t a = 0; a < m; a++)
    for (size_t b = 0; b < m; b++)
      {
        project (c, -1 + 2.0 * (b + 0.5) / m, -1 + 2.0 * (a + 0.5) / m, 0.5,
                 &sx, &sy, &d);
        q[a * m + b] = (quad) { d, a * step, b * step };
      }
  qsort (q, nq, sizeof *q, farther_first);
  image = cairo_surface_get_type (cairo_get_target (cr))
          == CAIRO_SURFACE_TYPE_IMAGE;
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (size_t k = 0; k < nq; k++)
    {
      quad_pts pts;
      quad_points (p, c, q[k].i, q[k].j, step, &pts);
      cairo_set_antialias (cr, image ? CAIRO_ANTIALIAS_NONE
                                     : CAIRO_ANTIALIAS_DEFAULT);
      fill_quad (cr, p, &pts, step, image, s);
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
      mesh_quad (cr, p, &pts, step, mesh, s);
      plateau_quad (cr, p, &pts, step, th, s);
    }
  free (q);
  return 1;
}

/* ---- the path and its marks ---------------------------------------- */

/* The path on the surface: white, broken where it leaves the window and
 * at kicks. */
static void
draw_path_3d (cairo_t *cr, const rs_plane *p, const rs_plane_view3d *c,
              double s)
{
  double x, y;

  cairo_new_path (cr);
  for (size_t i = 0; i <= p->shown; i++)
    {
      if (!on_surface (p, c, p->pu[i], p->pv[i], &x, &y))
        {
          cairo_new_sub_path (cr);
          continue;
        }
      if (rs_sim_recorded (p->sim, i)->events & (RS_EVENT_KICK
                                                 | RS_EVENT_START))
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 2.0 * s);
  cairo_stroke (cr);
}

/* Whether two boxes (x, y, w, h) meet. */
static int
boxes_meet (const double *a, const double *b)
{
  return a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3]
         && b[1] < a[1] + a[3];
}

/* A mark's word beside (x, y): right, left, above or below, the first
 * place that meets none of the n boxes taken, which it joins; dark on a
 * light box (light on dark in the dark theme), readable on the surface
 * and off it. */
static void
place_word (cairo_t *cr, const char *font, const rs_theme *th, double x,
            double y, const char *word, double s, double taken[][4],
            size_t *n)
{
  static const double ax[4] = { 0, 1, 0.5, 0.5 }, ay[4] = { 0.5, 0.5, 1, 0 };
  static const double dx[4] = { 1, -1, 0, 0 }, dy[4] = { 0, 0, -1, 1 };
  double w, h, box[4], pad = 2 * s;
  int c = 0;

  rs_text_size (cr, font, word, 11 * s, 1, &w, &h);
  for (int k = 0; k < 4; k++)
    {
      size_t t;
      box[0] = x + dx[k] * 10 * s - ax[k] * w - pad;
      box[1] = y + dy[k] * 10 * s - ay[k] * h;
      box[2] = w + 2 * pad;
      box[3] = h;
      for (t = 0; t < *n && !boxes_meet (box, taken[t]); t++)
        ;
      if (t == *n)
        {
          c = k;
          break;
        }
    }
  box[0] = x + dx[c] * 10 * s - ax[c] * w - pad;
  box[1] = y + dy[c] * 10 * s - ay[c] * h;
  rs_theme_set_alpha (cr, th->bg, 0.8);
  cairo_rectangle (cr, box[0], box[1], w + 2 * pad, h);
  cairo_fill (cr);
  rs_theme_set (cr, th->fg);
  rs_text (cr, font, box[0] + pad, box[1], word, 11 * s, 1, 0, 0, 0);
  memcpy (taken[(*n)++], box, sizeof box);
}

/* The lowest finite loss of the grid: its row and column; 0 when none
 * is finite. */
static int
valley_of (const rs_landscape *l, size_t *vi, size_t *vj)
{
  double best = INFINITY;

  for (size_t i = 0; i < l->loss->size1; i++)
    for (size_t j = 0; j < l->loss->size2; j++)
      if (gsl_matrix_get (l->loss, i, j) < best)
        {
          best = gsl_matrix_get (l->loss, i, j);
          *vi = i;
          *vj = j;
        }
  return isfinite (best);
}

/* The start ringed, the valley (the window's lowest loss) marked with a
 * white triangle pointing down at it, the ball, and the words "start"
 * and "valley" placed clear of the ball and of each other. */
static void
draw_marks (cairo_t *cr, const rs_plane *p, const rs_plane_view3d *c,
            const rs_theme *th, const char *font, double s)
{
  double taken[3][4], sx, sy, vx, vy, bx, by, bu, bv, last = p->n - 1;
  size_t nt = 0, vi = 0, vj = 0;
  int start = on_surface (p, c, p->pu[0], p->pv[0], &sx, &sy);
  int ball, valley = valley_of (p->land, &vi, &vj);

  rs_plane_ball (p, &bu, &bv);
  ball = on_surface (p, c, bu, bv, &bx, &by);
  if (valley)
    project (c, -1 + 2 * vj / last, -1 + 2 * vi / last,
             height_at (p->land, vi, vj), &vx, &vy, NULL);
  if (start)
    {
      cairo_arc (cr, sx, sy, 6.0 * s, 0, 2 * M_PI);
      cairo_set_line_width (cr, 2.0 * s);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_stroke (cr);
    }
  if (valley)
    {
      cairo_move_to (cr, vx, vy);
      cairo_line_to (cr, vx - 6 * s, vy - 10 * s);
      cairo_line_to (cr, vx + 6 * s, vy - 10 * s);
      cairo_close_path (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
      cairo_set_line_width (cr, 1.0 * s);
      cairo_stroke (cr);
    }
  if (ball)
    {
      rs_draw_ball_at (cr, bx, by - 8.0 * s, s);
      taken[nt][0] = bx - 11 * s, taken[nt][1] = by - 19 * s;
      taken[nt][2] = taken[nt][3] = 22 * s;
      nt++;
    }
  if (start)
    place_word (cr, font, th, sx, sy, "start", s, taken, &nt);
  if (valley)
    place_word (cr, font, th, vx, vy - 5 * s, "valley", s, taken, &nt);
}

/* ---- the box's axes --------------------------------------------------- */

/* The axes of the box: the floor's front edge along u (y at its side),
 * the one along v (x at its side), and the loss up the floor's leftmost
 * corner (x, y). */
typedef struct {
  double u_y, v_x;
  double z_x, z_y;
} box_axes;

static box_axes
axes_of (const rs_plane_view3d *c)
{
  box_axes b;
  double d0, d1, sx, sy, best = INFINITY;

  project (c, 0, -1, 0, &sx, &sy, &d0);
  project (c, 0, 1, 0, &sx, &sy, &d1);
  b.u_y = d0 <= d1 ? -1 : 1;
  project (c, -1, 0, 0, &sx, &sy, &d0);
  project (c, 1, 0, 0, &sx, &sy, &d1);
  b.v_x = d0 <= d1 ? -1 : 1;
  b.z_x = b.z_y = -1;
  for (int q = 0; q < 4; q++)
    {
      double x = q & 1 ? 1 : -1, y = q & 2 ? 1 : -1;
      project (c, x, y, 0, &sx, &sy, NULL);
      if (sx < best - 1e-9)
        best = sx, b.z_x = x, b.z_y = y;
    }
  return b;
}

/* Axis a's end points in box coordinates. */
static void
axis_ends (const box_axes *b, int a, double e[2][3])
{
  const double u[2][3] = { { -1, b->u_y, 0 }, { 1, b->u_y, 0 } };
  const double v[2][3] = { { b->v_x, -1, 0 }, { b->v_x, 1, 0 } };
  const double z[2][3] = { { b->z_x, b->z_y, 0 }, { b->z_x, b->z_y, 1 } };

  memcpy (e, a == 0 ? u : a == 1 ? v : z, sizeof u);
}

/* The loss axis's ticks: the decades of a log scale inside its range
 * (with 2 and 5 times them when there are fewer than three), or a nice
 * linear step. */
static size_t
loss_ticks (const rs_landscape *l, double *val, size_t max)
{
  size_t n = 0;

  if (l->linear)
    {
      double step = rs_draw_nice_step (l->hi - l->lo, 4);
      for (double q = ceil (l->lo / step - 1e-9); q * step <= l->hi * (1
           + 1e-12) && n < max; q++)
        val[n++] = q * step;
      return n;
    }
  for (int e = (int) floor (l->log_lo); e <= (int) ceil (l->log_hi); e++)
    for (int f = 0; f < 3; f++)
      {
        const double mult[3] = { 1, 2, 5 };
        double v = mult[f] * pow (10.0, e), t = log10 (v);
        int fine = l->log_hi - l->log_lo < 1.5;
        if ((f == 0 || fine) && t >= l->log_lo - 1e-9
            && t <= l->log_hi + 1e-9 && n < max)
          val[n++] = v;
      }
  return n;
}

size_t
rs_plane_3d_ticks (const rs_plane *p, const rs_plane_view3d *c, int axis,
                   double *val, double *sx, double *sy, size_t max)
{
  box_axes b = axes_of (c);
  double e[2][3], x0, y0, x1, y1, len, step;
  rs_interval r = axis == 0 ? p->ur : p->vr;
  size_t n = 0;

  axis_ends (&b, axis, e);
  project (c, e[0][0], e[0][1], e[0][2], &x0, &y0, NULL);
  project (c, e[1][0], e[1][1], e[1][2], &x1, &y1, NULL);
  len = hypot (x1 - x0, y1 - y0);
  if (axis == 2)
    n = loss_ticks (p->land, val, max);
  else if (len > 1.0)
    {
      step = rs_draw_nice_step (r.hi - r.lo, fmax (len / (70.0 * c->s),
                                                   1.0));
      for (double q = ceil (r.lo / step - 1e-9);
           q * step <= r.hi + 1e-9 * step && n < max; q++)
        val[n++] = fabs (q * step) < 1e-12 * step ? 0.0 : q * step;
    }
  for (size_t i = 0; i < n; i++)
    {
      double t = axis == 2 ? height_of (p->land, val[i])
                           : (val[i] - r.lo) / (r.hi - r.lo);
      double pt[3];
      for (int k = 0; k < 3; k++)
        pt[k] = e[0][k] + t * (e[1][k] - e[0][k]);
      project (c, pt[0], pt[1], pt[2], &sx[i], &sy[i], NULL);
    }
  return n;
}

/* A number for a tick: %g, a true minus sign. */
static void
tick_label (double v, char *buf, size_t n)
{
  if (v < 0)
    snprintf (buf, n, "−%.3g", -v);
  else
    snprintf (buf, n, "%.3g", v);
}

/* The screen direction, of length 1, pointing out of the box from the
 * middle of axis a (for the loss axis: to the left). */
static void
outward (const rs_plane_view3d *c, const box_axes *b, int a, double *dx,
         double *dy)
{
  double mx, my, ox, oy, len;

  if (a == 2)
    {
      *dx = -1.0;
      *dy = 0.0;
      return;
    }
  project (c, a == 0 ? 0 : b->v_x, a == 0 ? b->u_y : 0, 0, &mx, &my, NULL);
  project (c, 0, 0, 0, &ox, &oy, NULL);
  len = hypot (mx - ox, my - oy);
  *dx = len > 1e-9 ? (mx - ox) / len : 0.0;
  *dy = len > 1e-9 ? (my - oy) / len : 1.0;
}

/* The labels placed on the box so far, so that none covers another. */
typedef struct {
  double box[80][4];
  size_t n;
} placed;

/* Text at (x, y) anchored (ax, ay), moved inside within (may be NULL),
 * unless its box meets one placed (always when force); then placed too.
 * Returns 1 when drawn. */
static int
place_text (cairo_t *cr, const char *font, placed *pl, const rs_rect *within,
            double x, double y, const char *text, double px, double ax,
            double ay, int force)
{
  double w, h, b[4];

  rs_text_size (cr, font, text, px, 0, &w, &h);
  b[0] = x - ax * w - 1, b[1] = y - ay * h, b[2] = w + 2, b[3] = h;
  if (within != NULL)
    {
      /* moved inside the box's area, where the fit kept room for it */
      double dx = fmax (within->x - b[0], 0)
                  + fmin (within->x + within->width - b[0] - b[2], 0);
      double dy = fmax (within->y - b[1], 0)
                  + fmin (within->y + within->height - b[1] - b[3], 0);
      x += dx, b[0] += dx, y += dy, b[1] += dy;
    }
  for (size_t i = 0; i < pl->n && !force; i++)
    if (boxes_meet (b, pl->box[i]))
      return 0;
  rs_text (cr, font, x, y, text, px, 0, ax, ay, 0);
  if (pl->n < 80)
    memcpy (pl->box[pl->n++], b, sizeof b);
  return 1;
}

/* One axis: its line and ticks pointing out of the box; its name beyond
 * the tick numbers (the loss axis's on top) and its numbers, each left
 * out where it would cover a label placed before. */
static void
draw_axis_3d (cairo_t *cr, const rs_plane *p, const rs_plane_view3d *c,
              int a, const rs_theme *th, const char *font, placed *pl)
{
  box_axes b = axes_of (c);
  double val[32], tx[32], ty[32], e[2][3], x0, y0, x1, y1, dx, dy, ax, ay;
  double s = c->s;
  size_t n = rs_plane_3d_ticks (p, c, a, val, tx, ty, 32);
  const char *name = a == 0 ? p->umark : a == 1 ? p->vmark : "loss";
  char buf[48];

  axis_ends (&b, a, e);
  project (c, e[0][0], e[0][1], e[0][2], &x0, &y0, NULL);
  project (c, e[1][0], e[1][1], e[1][2], &x1, &y1, NULL);
  if (a == 2 && hypot (x1 - x0, y1 - y0) < 40 * s)
    return;   /* seen from above: the colour bar tells the height */
  outward (c, &b, a, &dx, &dy);
  ax = 0.5 - 0.5 * dx / fmax (fabs (dx), fabs (dy));
  ay = 0.5 - 0.5 * dy / fmax (fabs (dx), fabs (dy));
  project (c, e[0][0], e[0][1], e[0][2], &x0, &y0, NULL);
  project (c, e[1][0], e[1][1], e[1][2], &x1, &y1, NULL);
  rs_theme_set (cr, th->fg);
  cairo_set_line_width (cr, 1.0 * s);
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1, y1);
  for (size_t i = 0; i < n; i++)
    {
      cairo_move_to (cr, tx[i], ty[i]);
      cairo_line_to (cr, tx[i] + 4 * s * dx, ty[i] + 4 * s * dy);
    }
  cairo_stroke (cr);
  if (a == 2)
    place_text (cr, font, pl, &c->area, x1, y1 - 6 * s, name, 11 * s, 0.5,
                1, 1);
  else
    place_text (cr, font, pl, &c->area, (x0 + x1) / 2 + 24 * s * dx,
                (y0 + y1) / 2 + 24 * s * dy, name, 11 * s, ax, ay, 1);
  project (c, b.z_x, b.z_y, 0, &x0, &y0, NULL);
  for (size_t i = 0; i < n; i++)
    {
      /* a number at the loss axis's foot would read as a loss */
      if (a < 2 && hypot (tx[i] - x0, ty[i] - y0) < 12 * s)
        continue;
      tick_label (val[i], buf, sizeof buf);
      place_text (cr, font, pl, &c->area, tx[i] + 6 * s * dx,
                  ty[i] + 6 * s * dy, buf, 10 * s, ax, ay, 0);
    }
}

/* ---- the colour bar --------------------------------------------------- */

void
rs_plane_3d_bar_range (const rs_plane *p, double *lo, double *hi)
{
  const gsl_matrix *g = p->land->loss;

  *lo = INFINITY;
  *hi = -INFINITY;
  for (size_t i = 0; i < g->size1; i++)
    for (size_t j = 0; j < g->size2; j++)
      {
        double v = gsl_matrix_get (g, i, j);
        if (isfinite (v))
          *lo = fmin (*lo, v), *hi = fmax (*hi, v);
      }
}

/* The colour bar in c->bar: the colour map from the lowest loss at the
 * bottom to the highest at the top, those two written at its ends, the
 * contour levels between them ticked and written where there is room,
 * and what it shows along its left side. */
static void
draw_bar_3d (cairo_t *cr, const rs_plane *p, const rs_plane_view3d *c,
             const rs_theme *th, const char *font, placed *pl)
{
  double s = c->s;
  const rs_landscape *l = p->land;
  rs_rect b = c->bar;
  double lo, hi, rgb[3], tw;
  const char *title;
  char buf[48];

  rs_plane_3d_bar_range (p, &lo, &hi);
  if (!(hi >= lo) || b.height < 20 * s)
    return;
  for (int k = 0; k < 48; k++)
    {
      rs_colour_map (l->cmap, (k + 0.5) / 48.0, rgb);
      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_rectangle (cr, b.x, b.y + b.height * (1 - (k + 1) / 48.0),
                       b.width, b.height / 48.0 + 0.5);
      cairo_fill (cr);
    }
  rs_theme_set (cr, th->fg);
  cairo_set_line_width (cr, 1.0 * s);
  cairo_rectangle (cr, b.x, b.y, b.width, b.height);
  cairo_stroke (cr);
  tick_label (hi, buf, sizeof buf);
  place_text (cr, font, pl, NULL, b.x + b.width / 2, b.y - 3 * s, buf,
              10 * s, 0.5, 1, 1);
  tick_label (lo, buf, sizeof buf);
  place_text (cr, font, pl, NULL, b.x + b.width / 2,
              b.y + b.height + 3 * s, buf, 10 * s, 0.5, 0, 1);
  for (size_t k = 0; k < l->n_levels; k++)
    {
      double y = b.y + b.height * (1 - height_of (l, l->levels[k]));
      cairo_move_to (cr, b.x + b.width, y);
      cairo_line_to (cr, b.x + b.width + 3 * s, y);
      cairo_stroke (cr);
      tick_label (l->levels[k], buf, sizeof buf);
      place_text (cr, font, pl, NULL, b.x + b.width + 5 * s, y, buf,
                  10 * s, 0, 0.5, 0);
    }
  title = l->linear ? "loss" : "loss (log scale)";
  rs_text_size (cr, font, title, 11 * s, 0, &tw, NULL);
  if (tw <= b.height)   /* else the caption says it */
    rs_text (cr, font, b.x - 5 * s, b.y + b.height / 2, title, 11 * s, 0,
             0.5, 1, -M_PI / 2);
}

/* ---- the view --------------------------------------------------------- */

void
rs_plane_draw_3d (cairo_t *cr, rs_rect r, const rs_plane *p,
                  const rs_theme *th, const char *font, double s)
{
  rs_plane_view3d c;
  surface_map sm;
  char text[420];

  rs_plane_3d_view (p, r, s, &c);
  sm = (surface_map) { &c, p };
  cairo_save (cr);
  cairo_rectangle (cr, r.x, r.y, r.width, r.height);
  cairo_clip (cr);
  if (p->n >= 2
      && rs_plane_3d_cached_surface (cr, p, &c, th, s, draw_surface))
    {
      rs_plane_draw_old_plateau_3d (cr, p, to_screen, &sm, s);
      placed pl = { .n = 0 };
      for (int a = 0; a < 3; a++)
        draw_axis_3d (cr, p, &c, a, th, font, &pl);
      draw_path_3d (cr, p, &c, s);
      draw_marks (cr, p, &c, th, font, s);
      draw_bar_3d (cr, p, &c, th, font, &pl);
    }
  rs_theme_set (cr, th->muted);
  caption (p, text, sizeof text);
  rs_text (cr, font, r.x + 8 * s, r.y + r.height - 6 * s, text, 11 * s, 0,
           0, 1, 0);
  if (rs_plane_legend_3d (p, text, sizeof text))
    {
      /* under the title, or from the cell's left edge when narrow */
      double w, x = r.x + 70 * s;
      rs_text_size (cr, font, text, 11 * s, 0, &w, NULL);
      if (x + w > r.x + r.width - 8 * s)
        x = r.x + 8 * s;
      rs_text (cr, font, x, c.legend_y, text, 11 * s, 0, 0, 0, 0);
    }
  cairo_restore (cr);
}
