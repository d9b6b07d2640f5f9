/* figure.c: the page of a scene's figure.
 *
 * A header (the title, and one line of where the run stands) over the
 * views, laid out as the scene asks.  One scale sizes every line and
 * letter: the body text is the scene's font size in points, so that a
 * figure of 10 cm in a PDF reads like the slide around it.  The single
 * neuron is a network of one unit: its figure is drawn by the same code,
 * from its own default views. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "draw/figure.h"
#include "draw/panel_kinds.h"
#include "draw/panels.h"
#include "draw/plane.h"

struct rs_figure {
  const rs_scene *scene;
  const rs_sim *sim;
  size_t at;
  size_t n_views;
  rs_view views[RS_SCENE_MAX_VIEWS];
  rs_plane *planes[RS_SCENE_MAX_VIEWS];
  double units_per_pt;
  size_t grid;               /* the landscapes' grid, a view's own aside */
  double morph;              /* the morph shown (rs_figure_morph), 1:
                                settled */
  const rs_runs *runs;       /* a figure of variants, else NULL */
  rs_panel_moment moment;    /* mid-change, the moment the landscape
                                shows (figure_moment), for the panels */
  rs_net *moment_net;        /* its network; NULL when settled */
};

size_t
rs_figure_views (const rs_scene *sc, rs_view *views)
{
  /* the single neuron: its landscape, its activation (where the kink and
   * the flat half are) and the timeline; a network: its network instead
   * of the activation */
  static const rs_view_kind neuron_defaults[] = {
    RS_VIEW_LANDSCAPE, RS_VIEW_ACTIVATION, RS_VIEW_TIMELINE
  };
  static const rs_view_kind net_defaults[] = {
    RS_VIEW_LANDSCAPE, RS_VIEW_NETWORK, RS_VIEW_TIMELINE
  };
  const rs_view_kind *kinds = sc->sim.net.layers > 0 ? net_defaults
                                                     : neuron_defaults;

  if (sc->n_views > 0)
    {
      memcpy (views, sc->views, sc->n_views * sizeof *views);
      return sc->n_views;
    }
  for (size_t i = 0; i < 3; i++)
    {
      memset (&views[i], 0, sizeof views[i]);
      views[i].kind = kinds[i];
    }
  return 3;
}

rs_figure *
rs_figure_alloc (const rs_scene *sc, const rs_sim *sim, size_t at,
                 size_t grid, rs_error *err)
{
  rs_figure *f = calloc (1, sizeof *f);

  if (f == NULL)
    {
      rs_error_set (err, RS_ENOMEM, NULL, 0, 0, "out of memory");
      return NULL;
    }
  f->scene = sc;
  f->sim = sim;
  f->at = at < rs_sim_n_recorded (sim) ? at : rs_sim_n_recorded (sim) - 1;
  f->units_per_pt = 4.0 / 3.0;
  f->morph = 1.0;
  f->n_views = rs_figure_views (sc, f->views);
  f->grid = grid;
  for (size_t i = 0; i < f->n_views; i++)
    {
      const rs_view *v = &f->views[i];
      const rs_panel_kind *k = rs_panel_kind_of (v->kind);

      if (k == NULL || !(k->flags & RS_PANEL_PLANE))
        continue;
      /* a basin map trains from every start: a coarser default grid */
      f->planes[i] = rs_plane_alloc (sc, v, sim, f->at,
                                     rs_panel_grid (v, grid), err);
      if (f->planes[i] == NULL)
        {
          rs_figure_free (f);
          return NULL;
        }
    }
  return f;
}

void
rs_figure_free (rs_figure *f)
{
  if (f == NULL)
    return;
  for (size_t i = 0; i < f->n_views; i++)
    rs_plane_free (f->planes[i]);
  rs_net_free (f->moment_net);
  free (f);
}

void
rs_figure_show (rs_figure *f, size_t at)
{
  size_t n = rs_sim_n_recorded (f->sim);

  f->at = at < n ? at : n - 1;
  rs_net_free (f->moment_net);
  f->moment_net = NULL;
  for (size_t i = 0; i < f->n_views; i++)
    if (f->planes[i] != NULL)
      rs_plane_show (f->planes[i], f->at);
}

int
rs_figure_stale (const rs_figure *f, size_t at)
{
  size_t n = rs_sim_n_recorded (f->sim);

  at = at < n ? at : n - 1;
  for (size_t i = 0; i < f->n_views; i++)
    if (f->planes[i] != NULL && rs_plane_stale (f->planes[i], at))
      return 1;
  return 0;
}

/* The landscapes of recorded point at made again where stale (on grids
 * of f->grid points a side), that point shown, in the morph t of its
 * change. */
static int
follow (rs_figure *f, size_t at, double t, rs_error *err)
{
  size_t n = rs_sim_n_recorded (f->sim);

  at = at < n ? at : n - 1;
  for (size_t i = 0; i < f->n_views; i++)
    if (f->planes[i] != NULL)
      {
        rs_plane *q = rs_plane_follow (f->planes[i], at,
                                       rs_panel_grid (&f->views[i], f->grid),
                                       err);

        if (q == NULL)
          return err != NULL ? err->code : RS_EINVAL;
        f->planes[i] = q;
      }
  rs_figure_show (f, at);
  return rs_figure_morph (f, t, err);
}

int
rs_figure_follow (rs_figure *f, size_t at, size_t grid, rs_error *err)
{
  if (grid > 0)
    f->grid = grid;
  return follow (f, at, 1.0, err);
}

int
rs_figure_play (rs_figure *f, size_t at, double t, rs_error *err)
{
  return follow (f, at, t, err);
}

/* Mid-change, the moment the landscapes show, for the panels (see
 * rs_panel_moment): that of the first landscape playing the change
 * rs_figure_change names; none when settled or nothing moves. */
static int
figure_moment (rs_figure *f, rs_error *err)
{
  unsigned what = rs_figure_change (f), change;
  size_t before;

  rs_net_free (f->moment_net);
  f->moment_net = NULL;
  if (f->morph >= 1.0 || what == 0)
    return RS_OK;
  if ((f->moment_net = rs_net_clone (rs_sim_net (f->sim), err)) == NULL)
    return RS_ENOMEM;
  for (size_t i = 0; i < f->n_views; i++)
    if (f->planes[i] != NULL && rs_plane_change (f->planes[i]) == what
        && rs_plane_moment (f->planes[i], f->morph, f->moment_net, &change,
                            &before) == RS_OK)
      {
        f->moment = (rs_panel_moment) { change, f->morph, before, f->at,
                                        f->moment_net };
        return RS_OK;
      }
  rs_net_free (f->moment_net);
  f->moment_net = NULL;
  return RS_OK;
}

int
rs_figure_morph (rs_figure *f, double t, rs_error *err)
{
  f->morph = t < 0.0 ? 0.0 : t > 1.0 ? 1.0 : t;
  for (size_t i = 0; i < f->n_views; i++)
    if (f->planes[i] != NULL && rs_plane_morph (f->planes[i], t, err)
                                != RS_OK)
      return err != NULL ? err->code : RS_ENOMEM;
  return figure_moment (f, err);
}

/* Whether recorded points i and j hold the same state: the same
 * parameters and warming's shift (a change of activation at its own
 * point leaves them). */
static int
same_state (const rs_sim *sim, size_t i, size_t j)
{
  size_t np = rs_net_nparams (rs_sim_net (sim));

  return rs_sim_recorded (sim, i)->gamma == rs_sim_recorded (sim, j)->gamma
         && memcmp (rs_sim_theta (sim, i), rs_sim_theta (sim, j),
                    np * sizeof (double)) == 0;
}

void
rs_figure_panel_ctx (const rs_figure *f, rs_panel_ctx *ctx)
{
  const rs_scene *sc = f->scene;
  const rs_panel_moment *m = f->moment_net != NULL ? &f->moment : NULL;

  *ctx = (rs_panel_ctx) { sc, f->sim, f->at,
                          sc->style.dark ? rs_theme_dark ()
                                         : rs_theme_light (),
                          sc->style.font, rs_figure_scale (f), f->runs, m };
  /* the state before, where a recorded point holds it, is that point */
  if (m != NULL && m->t <= 0.0
      && (m->change == RS_EVENT_KICK || same_state (f->sim, m->before,
                                                    f->at)))
    ctx->at = m->before;
}

unsigned
rs_figure_change (const rs_figure *f)
{
  unsigned what = 0;

  for (size_t i = 0; i < f->n_views; i++)
    if (f->planes[i] != NULL)
      what |= rs_plane_change (f->planes[i]);
  return what & RS_EVENT_KICK ? RS_EVENT_KICK : what;
}

const rs_plane *
rs_figure_plane (const rs_figure *f, size_t i)
{
  return i < f->n_views ? f->planes[i] : NULL;
}

void
rs_figure_between (rs_figure *f, double frac)
{
  for (size_t i = 0; i < f->n_views; i++)
    if (f->planes[i] != NULL)
      rs_plane_between (f->planes[i], frac);
}

void
rs_figure_marks (rs_figure *f, int path, int arrows)
{
  for (size_t i = 0; i < f->n_views; i++)
    if (f->planes[i] != NULL)
      rs_plane_marks (f->planes[i], path, arrows);
}

void
rs_figure_set_runs (rs_figure *f, const rs_runs *runs)
{
  f->runs = runs;
  for (size_t i = 0; i < f->n_views; i++)
    if (f->planes[i] != NULL
        && rs_panel_kind_of (f->views[i].kind)->flags & RS_PANEL_RUN_PATHS)
      rs_plane_set_runs (f->planes[i], runs);
}

const rs_runs *
rs_figure_runs (const rs_figure *f)
{
  return f->runs;
}

void
rs_figure_set_units (rs_figure *f, double units_per_pt)
{
  f->units_per_pt = units_per_pt;
}

double
rs_figure_scale (const rs_figure *f)
{
  return f->scene->style.font_pt * f->units_per_pt / 13.0;
}

/* ---- Layout ---- */

static rs_rect
rect (double x, double y, double w, double h)
{
  rs_rect r = { x, y, w, h };

  return r;
}

/* The page below the header. */
static rs_rect
body (const rs_figure *f, double width, double height)
{
  double s = rs_figure_scale (f), top = 62.0 * s, m = 8.0 * s;

  return rect (m, top, fmax (width - 2 * m, 1.0),
               fmax (height - top - m, 1.0));
}

rs_rect
rs_figure_cell (const rs_figure *f, size_t i, double width, double height)
{
  const rs_scene *sc = f->scene;
  rs_rect b = body (f, width, height);
  size_t n = f->n_views;
  double gap = 10.0 * rs_figure_scale (f);
  int cols, rows;

  switch (n == 1 ? RS_LAYOUT_ROW : sc->layout)
    {
    case RS_LAYOUT_ROW:
      cols = (int) n;
      rows = 1;
      break;
    case RS_LAYOUT_COLUMN:
      cols = 1;
      rows = (int) n;
      break;
    case RS_LAYOUT_GRID:
      cols = sc->layout_cols;
      rows = sc->layout_rows;
      break;
    default:
      {
        /* the first view large on the left, the others stacked right */
        double lw = n == 2 ? 0.6 : 0.58, rh;

        if (i == 0)
          return rect (b.x, b.y, b.width * lw - gap / 2, b.height);
        rh = (b.height - gap * (n - 2)) / (double) (n - 1);
        return rect (b.x + b.width * lw + gap / 2,
                     b.y + (i - 1) * (rh + gap),
                     b.width * (1 - lw) - gap / 2, rh);
      }
    }
  {
    double cw = (b.width - gap * (cols - 1)) / cols;
    double ch = (b.height - gap * (rows - 1)) / rows;
    int c = (int) i % cols, r = (int) i / cols;

    return rect (b.x + c * (cw + gap), b.y + r * (ch + gap), cw, ch);
  }
}

int
rs_figure_ball (const rs_figure *f, size_t i, double width, double height,
                double *x, double *y)
{
  const rs_plane *p;
  rs_rect plot;
  double u, v;

  if (i >= f->n_views || (p = f->planes[i]) == NULL || f->views[i].three_d)
    return 0;
  plot = rs_plane_plot_rect (rs_figure_cell (f, i, width, height),
                             rs_figure_scale (f));
  rs_plane_ball (p, &u, &v);
  if (f->views[i].kind == RS_VIEW_BASIN)
    {
      rs_plane_map_cells (p, plot, u, v, x, y);
      return 1;
    }
  rs_plane_map (p, plot, u, v, x, y);
  return 1;
}

/* ---- Drawing ---- */

/* Mid-change (ctx->moment), the change's way from the point before it
 * to the point after it, in one line of markup: "step 300 · 40 % into
 * the kick · loss 0.148 → 33.5 · 12 → 5 units dead". */
static void
change_status (const rs_panel_ctx *ctx, char *buf, size_t n)
{
  const rs_panel_moment *m = ctx->moment;
  const rs_sim_point *a = rs_sim_recorded (ctx->sim, m->before);
  const rs_sim_point *b = rs_sim_recorded (ctx->sim, m->after);
  char words[128], *esc;

  rs_panel_moment_note (ctx, 0, words, sizeof words);
  esc = g_markup_escape_text (words, -1);
  snprintf (buf, n, "step %zu · <b>%s</b> · loss %.4g → %.4g · %zu → %zu "
            "unit%s dead", b->step, esc, a->loss, b->loss, a->dead, b->dead,
            b->dead == 1 ? "" : "s");
  g_free (esc);
}

/* Where the run stands at the point the panels show (ctx->at), in one
 * line of markup; before a change, saying so; mid-change: see
 * change_status. */
static void
status_line (const rs_figure *f, const rs_panel_ctx *ctx, char *buf,
             size_t n)
{
  const rs_sim_point *pt = rs_sim_recorded (f->sim, ctx->at);
  size_t last = rs_sim_n_recorded (f->sim) - 1;
  char outcome[160] = "", *esc = NULL;

  /* before -> after, unless the change was at another step (--morph
     after a switch of activation): the point's numbers then */
  if (ctx->moment != NULL && ctx->at != ctx->moment->before
      && rs_sim_recorded (f->sim, ctx->moment->before)->step == pt->step)
    {
      change_status (ctx, buf, n);
      return;
    }
  if (f->runs != NULL)
    {
      const rs_theme *th = f->scene->style.dark ? rs_theme_dark ()
                                                : rs_theme_light ();
      int m = snprintf (buf, n, "step %zu · ", pt->step);

      rs_runs_legend (f->runs, th, pt->step, buf + m, n - (size_t) m);
      return;
    }
  if (ctx->moment != NULL)
    {
      char words[128];

      rs_panel_moment_note (ctx, 0, words, sizeof words);
      snprintf (outcome, sizeof outcome, "%s%s", ctx->at
                != ctx->moment->before ? "drawn as " : "", words);
      esc = g_markup_escape_text (outcome, -1);
    }
  else if (ctx->at == last)
    rs_draw_outcome (f->sim, outcome, sizeof outcome);
  snprintf (buf, n, "step %zu · loss %.4g · gradient norm %.3g · %zu "
            "unit%s dead%s%s", pt->step, pt->loss, pt->gnorm, pt->dead,
            pt->dead == 1 ? "" : "s", outcome[0] ? " · " : "",
            esc != NULL ? esc : outcome);
  g_free (esc);
}

/* A line of markup at (x, y), its size px shrunk (to 60 % at most) to
 * fit in width, and clipped there. */
static void
fit_text (cairo_t *cr, const char *font, double x, double y, double width,
          const char *markup, double px, int bold)
{
  double w;

  rs_text_size (cr, font, markup, px, bold, &w, NULL);
  if (w > width && w > 0)
    px *= fmax (0.6, width / w);
  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, 2 * px);
  cairo_clip (cr);
  rs_text (cr, font, x, y, markup, px, bold, 0, 0, 0);
  cairo_restore (cr);
}

/* In a figure of variants, a panel that shows one run (the first) says
 * which, in that run's colour, on a line under the panel, at the bottom
 * of its cell r (see panel_rect). */
static void
run_tag (cairo_t *cr, rs_rect r, const rs_figure *f, const rs_theme *th,
         const char *font, double s)
{
  rs_rgb c = rs_runs_colour (th, 0);
  char *esc, markup[300];
  double px = 10.5 * s;

  esc = g_markup_escape_text (f->runs->name[0], -1);
  snprintf (markup, sizeof markup, "<span foreground=\"#%02x%02x%02x\">"
            "<b>━━</b></span> this panel shows one run: <b>%s</b>",
            (int) lround (c.r * 255), (int) lround (c.g * 255),
            (int) lround (c.b * 255), esc);
  g_free (esc);
  rs_theme_set (cr, th->fg);
  rs_text (cr, font, r.x + r.width - 4 * s, r.y + r.height - 1 * s, markup,
           px, 0, 1, 1, 0);
}

/* Whether view v in its cell r is tagged with the run it shows (a
 * figure of variants, a view that shows the first run only: see
 * rs_panel_one_run; a cell tall enough for the line), and the panel's
 * rectangle: r, less that line when tagged. */
static rs_rect
panel_rect (const rs_figure *f, const rs_view *v, rs_rect r, int *tagged)
{
  double h = 17 * rs_figure_scale (f);

  *tagged = f->runs != NULL && rs_panel_one_run (v) && !(r.height < 4 * h);
  if (*tagged)
    r.height -= h;
  return r;
}

/* A view placed on the figure: its kind, its cell, the rectangle its
 * panel gets (panel_rect) and what it is drawn from. */
typedef struct {
  const rs_panel_kind *kind;
  rs_rect cell, r;
  int tagged;
  rs_panel_args args;
} placed_view;

/* View i of a width x height figure placed into *pv, drawn from ctx
 * (rs_figure_panel_ctx); 0 for a view of no known kind or a cell too
 * small to draw in. */
static int
place_view (const rs_figure *f, size_t i, double width, double height,
            const rs_panel_ctx *ctx, placed_view *pv)
{
  pv->kind = rs_panel_kind_of (f->views[i].kind);
  pv->cell = rs_figure_cell (f, i, width, height);
  if (pv->cell.width < 8 || pv->cell.height < 8 || pv->kind == NULL)
    return 0;
  pv->r = panel_rect (f, &f->views[i], pv->cell, &pv->tagged);
  pv->args = (rs_panel_args) { ctx, &f->views[i], f->planes[i] };
  return 1;
}

/* The header: the scene's title, and the status line under it. */
static void
draw_header (cairo_t *cr, const rs_figure *f, const rs_panel_ctx *ctx,
             double width)
{
  const rs_scene *sc = f->scene;
  const rs_theme *th = sc->style.dark ? rs_theme_dark () : rs_theme_light ();
  const char *font = sc->style.font;
  double s = rs_figure_scale (f);
  char status[1200], *title;

  title = g_markup_escape_text (sc->title, -1);
  rs_theme_set (cr, th->fg);
  fit_text (cr, font, 10 * s, 8 * s, width - 20 * s, title, 19 * s, 1);
  g_free (title);
  status_line (f, ctx, status, sizeof status);
  rs_theme_set (cr, th->muted);
  fit_text (cr, font, 10 * s, 36 * s, width - 20 * s, status, 13 * s, 0);
}

void
rs_figure_draw (cairo_t *cr, double width, double height,
                const rs_figure *f)
{
  const rs_scene *sc = f->scene;
  const rs_theme *th = sc->style.dark ? rs_theme_dark () : rs_theme_light ();
  const char *font = sc->style.font;
  double s = rs_figure_scale (f);
  rs_panel_ctx ctx;

  rs_figure_panel_ctx (f, &ctx);
  cairo_save (cr);
  rs_text_set_family (cr, font);
  rs_theme_set (cr, th->bg);
  cairo_paint (cr);
  draw_header (cr, f, &ctx, width);
  for (size_t i = 0; i < f->n_views; i++)
    {
      placed_view pv;

      if (!place_view (f, i, width, height, &ctx, &pv))
        continue;
      if (pv.tagged)
        run_tag (cr, pv.cell, f, th, font, s);
      pv.kind->draw (cr, pv.r, &pv.args);
    }
  cairo_restore (cr);
}

int
rs_figure_hit (const rs_figure *f, double width, double height, double x,
               double y, size_t *view, rs_panel_hit *hit)
{
  rs_panel_ctx ctx;

  rs_figure_panel_ctx (f, &ctx);
  for (size_t i = 0; i < f->n_views; i++)
    {
      placed_view pv;

      if (place_view (f, i, width, height, &ctx, &pv)
          && pv.kind->hit != NULL && x >= pv.cell.x
          && x <= pv.cell.x + pv.cell.width && y >= pv.cell.y
          && y <= pv.cell.y + pv.cell.height
          && pv.kind->hit (pv.r, &pv.args, x, y, hit))
        {
          *view = i;
          return 1;
        }
    }
  return 0;
}
