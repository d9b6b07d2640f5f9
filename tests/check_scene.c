/* check_scene.c: the scene language, text -> rs_scene.
 *
 * Expected values are read off the test's own scene texts; every
 * expected line:col of an error was counted by hand in its input (1-based
 * byte columns, a tab counts one), never taken from the parser. */
#include <config.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include <reluscape/reluscape.h>

#ifndef RS_TOP_SRCDIR
#define RS_TOP_SRCDIR "."
#endif

/* Parse a NUL-terminated text named "test.scene". */
static int
parse (rs_scene *sc, const char *text, rs_error *err)
{
  return rs_scene_parse (sc, text, strlen (text), "test.scene", err);
}

/* Parse text, failing the test with the parser's report if it errs. */
static void
parse_ok (rs_scene *sc, const char *text)
{
  rs_error err;
  char buf[800];

  rs_error_clear (&err);
  ck_assert_msg (parse (sc, text, &err) == RS_OK, "%s",
                 rs_error_format (&err, buf, sizeof buf));
}

/* A scene that uses every keyword, with values unlike the defaults. */
static const char every_keyword[] =
  "# A scene with every keyword of the language.\n"
  "title \"The \\\"dying\\\" ReLU # not a comment\"\n"
  "seed 2385\n"
  "points 37\n"
  "line -0.731 0.4619\n"
  "noise 0.137\n"
  "activation leaky_relu\n"
  "alpha 0.0417\n"
  "kink 0.25\n"
  "start -2.385 1.913\n"
  "rate 0.0731\n"
  "steps 4619\n"
  "tolerance 1e-7\n"
  "w-range [-4.5, 2.25]\n"
  "b-range [-1.75, 3.125]\n"
  "kick at 120 sigma 1.5 seed 7\n"
  "kick at 300 sigma 0.25   # no seed: a default one\n"
  "kick-sigma 2.385\n"
  "speed 12.5\n";

/* Every value of every_keyword, as written in it. */
START_TEST (test_every_keyword)
{
  rs_scene sc;

  parse_ok (&sc, every_keyword);
  ck_assert_str_eq (sc.title, "The \"dying\" ReLU # not a comment");
  ck_assert_uint_eq (sc.sim.seed, 2385);
  ck_assert_uint_eq (sc.sim.n_points, 37);
  ck_assert_double_eq_tol (sc.sim.slope, -0.731, 1e-15);
  ck_assert_double_eq_tol (sc.sim.intercept, 0.4619, 1e-15);
  ck_assert_double_eq_tol (sc.sim.noise, 0.137, 1e-15);
  ck_assert_ptr_eq (sc.sim.act, rs_act_leaky_relu);
  ck_assert_double_eq_tol (sc.sim.alpha, 0.0417, 1e-15);
  ck_assert_double_eq_tol (sc.sim.kink, 0.25, 1e-15);
  ck_assert_double_eq_tol (sc.sim.w0, -2.385, 1e-15);
  ck_assert_double_eq_tol (sc.sim.b0, 1.913, 1e-15);
  ck_assert_double_eq_tol (sc.sim.rate, 0.0731, 1e-15);
  ck_assert_uint_eq (sc.sim.steps, 4619);
  ck_assert_double_eq_tol (sc.sim.tol, 1e-7, 1e-22);
  ck_assert_double_eq_tol (sc.w_range.lo, -4.5, 1e-15);
  ck_assert_double_eq_tol (sc.w_range.hi, 2.25, 1e-15);
  ck_assert_double_eq_tol (sc.b_range.lo, -1.75, 1e-15);
  ck_assert_double_eq_tol (sc.b_range.hi, 3.125, 1e-15);
  ck_assert_uint_eq (sc.sim.n_kicks, 2);
  ck_assert_uint_eq (sc.sim.kicks[0].step, 120);
  ck_assert_double_eq_tol (sc.sim.kicks[0].sigma, 1.5, 1e-15);
  ck_assert_uint_eq (sc.sim.kicks[0].seed, 7);
  ck_assert_uint_eq (sc.sim.kicks[1].step, 300);
  ck_assert_double_eq_tol (sc.sim.kicks[1].sigma, 0.25, 1e-15);
  ck_assert_uint_ne (sc.sim.kicks[1].seed, sc.sim.kicks[0].seed);
  ck_assert_double_eq_tol (sc.sim.kick_sigma, 2.385, 1e-15);
  ck_assert_double_eq_tol (sc.speed, 12.5, 1e-15);
  ck_assert_int_eq (rs_sim_params_check (&sc.sim, NULL), RS_OK);
}
END_TEST

/* A network scene with every keyword of the training, again with values
 * unlike the defaults.  The shapes fit: W1[12][1] is unit 12 of 13 and
 * input 1 of 2; b2[6] is unit 6 of 7; a3[2] is the output layer's (prelu)
 * slope of unit 2 of 3; "unit 2 6" is unit 6 of layer 2. */
static const char every_net_keyword[] =
  "# A network scene.\n"
  "seed 4619\n"
  "data xor 97\n"
  "noise 0.0731\n"
  "network 2 13 7 3\n"
  "activation elu 0.385\n"
  "output prelu -0.125\n"
  "alpha 0.0417\n"
  "kink 0.625\n"
  "init constant -0.2385\n"
  "bias 0.137\n"
  "set W1[12][1] 2.385\n"
  "set b2[6] -0.731\n"
  "set a3[2] 0.5\n"
  "freeze W2[*][3] b1[12]\n"
  "loss softmax_ce\n"
  "optimizer adam betas 0.85 0.9985 eps 1e-7\n"
  "rate 0.0125\n"
  "schedule cosine 1500 0.05\n"
  "warmup 40\n"
  "batch 16\n"
  "clip 4.5\n"
  "decay 0.0035 decoupled biases\n"
  "warming 3.25 hold 120 anneal 80 cosine from 15\n"
  "temperature 0.0015 linear 900\n"
  "steps 1700\n"
  "tolerance 1e-9\n"
  "record every 7\n"
  "kick at 250 sigma 0.75 unit 2 6 seed 31\n"
  "kick at 500 sigma 1.25 weights\n"
  "autokick sigma 0.625 eps 1e-5 patience 33 biases\n"
  "at 300 alpha 0.02\n"
  "at 600 rate 0.003\n"
  "at 900 beat\n"
  "variant \"as \\\"is\\\"\"\n"
  "variant \"plain\" optimizer gd\n"
  "variant \"plain\" set b2[6]   0.5   # a comment\n"
  "variant \"plain\" expect at 10 loss below 100\n";

/* A scene of every keyword of the figure: notes, CSV data, views, layout,
 * style and export targets. */
static const char every_figure_keyword[] =
  "# A figure.\n"
  "notes \"Watch the ball.\"\n"
  "notes \"It stops: \\\"dead\\\".\"\n"
  "data csv \"data/points.csv\"\n"
  "network 1 4 1\n"
  "layer 1 elu 0.5\n"
  "layer 2 sigmoid\n"
  "focus 1 3\n"
  "view landscape 3d over W1[2][0] b1[2] range [-2, 2] [-1.5, 0.5] grid 64\n"
  "view timeline\n"
  "view basin random grid 32\n"
  "view landscape pca at 3\n"
  "view network\n"
  "view activation\n"
  "view histogram\n"
  "view depth\n"
  "view heads\n"
  "layout grid 3x3\n"
  "theme dark\n"
  "colormap cividis\n"
  "colorscale linear\n"
  "font \"DejaVu Serif\" 12.5\n"
  "size 12x7.5 cm\n"
  "camera 120 45.5\n"
  "export \"fig/a.pdf\" size 10x6 cm\n"
  "export \"b.png\" dpi 300\n"
  "export \"c.SVG\"\n"
  "export \"run.mp4\" size 640x360\n"
  "export \"d.png\" at 12\n"
  "show 120\n"
  "fps 24\n"
  "duration 7.25\n"
  "pace hold 1.5 at 30\n"
  "pace speed 0.25 from start to 40\n"
  "pace hold 0.75 at end\n"
  "pace speed 4 from 150 to end\n"
  "expect at 0 loss 0.25 within 0.5\n";

/* Every value of every_figure_keyword where it belongs. */
START_TEST (test_every_figure_keyword)
{
  static const rs_view_kind kinds[] = {
    RS_VIEW_LANDSCAPE, RS_VIEW_TIMELINE, RS_VIEW_BASIN, RS_VIEW_LANDSCAPE,
    RS_VIEW_NETWORK, RS_VIEW_ACTIVATION, RS_VIEW_HISTOGRAM, RS_VIEW_DEPTH,
    RS_VIEW_HEADS
  };
  rs_scene sc;
  const rs_view *v = sc.views;
  const rs_style *st = &sc.style;

  parse_ok (&sc, every_figure_keyword);
  ck_assert_str_eq (sc.notes, "Watch the ball.\nIt stops: \"dead\".");
  ck_assert_str_eq (sc.data_file, "data/points.csv");
  ck_assert_ptr_null (sc.sim.gen);
  ck_assert_ptr_eq (sc.layer_act[0].type, rs_act_elu);
  ck_assert_int_eq (sc.layer_act[0].has_param, 1);
  ck_assert_double_eq (sc.layer_act[0].param, 0.5);
  ck_assert_ptr_eq (sc.layer_act[1].type, rs_act_sigmoid);
  ck_assert_int_eq (sc.layer_act[1].has_param, 0);
  ck_assert_ptr_null (sc.layer_act[2].type);
  ck_assert_ptr_eq (sc.sim.net.act[0], rs_act_elu);
  ck_assert_double_eq (sc.sim.net.param[0], 0.5);
  ck_assert_ptr_eq (sc.sim.net.act[1], rs_act_sigmoid);
  ck_assert_int_eq (sc.has_focus, 1);
  ck_assert_uint_eq (sc.focus.layer, 1);
  ck_assert_uint_eq (sc.focus.unit, 3);
  ck_assert_uint_eq (sc.n_views, 9);
  for (size_t i = 0; i < 9; i++)
    ck_assert_int_eq (v[i].kind, kinds[i]);
  ck_assert_int_eq (v[0].three_d, 1);
  ck_assert_int_eq (v[0].axes, RS_AXES_PARAMS);
  ck_assert_str_eq (v[0].p1, "W1[2][0]");
  ck_assert_str_eq (v[0].p2, "b1[2]");
  ck_assert_int_eq (v[0].has_range, 1);
  ck_assert_double_eq (v[0].u_range.lo, -2.0);
  ck_assert_double_eq (v[0].u_range.hi, 2.0);
  ck_assert_double_eq (v[0].v_range.lo, -1.5);
  ck_assert_double_eq (v[0].v_range.hi, 0.5);
  ck_assert_uint_eq (v[0].grid, 64);
  ck_assert_int_eq (v[1].axes, RS_AXES_DEFAULT);
  ck_assert_int_eq (v[2].axes, RS_AXES_RANDOM);
  ck_assert_uint_eq (v[2].grid, 32);
  ck_assert_int_eq (v[3].axes, RS_AXES_PCA);
  ck_assert_int_eq (v[3].three_d, 0);
  ck_assert_int_eq (sc.layout, RS_LAYOUT_GRID);
  ck_assert_int_eq (sc.layout_cols, 3);
  ck_assert_int_eq (sc.layout_rows, 3);
  ck_assert_int_eq (st->dark, 1);
  ck_assert_int_eq (st->colormap, RS_CMAP_CIVIDIS);
  ck_assert_int_eq (st->linear, 1);
  ck_assert_str_eq (st->font, "DejaVu Serif");
  ck_assert_double_eq (st->font_pt, 12.5);
  ck_assert_double_eq (st->width, 12.0);
  ck_assert_double_eq (st->height, 7.5);
  ck_assert_int_eq (st->unit, RS_UNIT_CM);
  ck_assert_uint_eq (sc.fps, 24);
  ck_assert_double_eq (sc.duration, 7.25);
  ck_assert_double_eq (st->azimuth, 120.0);
  ck_assert_double_eq (st->elevation, 45.5);
  ck_assert_uint_eq (sc.n_exports, 5);
  ck_assert_str_eq (sc.exports[3].path, "run.mp4");
  ck_assert_int_eq (sc.exports[3].has_at, 0);
  ck_assert_int_eq (sc.exports[4].has_at, 1);
  ck_assert_uint_eq (sc.exports[4].at, 12);
  ck_assert_uint_eq (sc.n_paces, 4);
  ck_assert_int_eq (sc.paces[0].kind, RS_PACE_HOLD);
  ck_assert_double_eq (sc.paces[0].value, 1.5);
  ck_assert_uint_eq (sc.paces[0].from, 30);
  ck_assert_int_eq (sc.paces[1].kind, RS_PACE_SPEED);
  ck_assert_double_eq (sc.paces[1].value, 0.25);
  ck_assert_uint_eq (sc.paces[1].from, 0);
  ck_assert_uint_eq (sc.paces[1].to, 40);
  ck_assert_uint_eq (sc.paces[2].from, RS_EXPECT_END);
  ck_assert_uint_eq (sc.paces[3].from, 150);
  ck_assert_uint_eq (sc.paces[3].to, RS_EXPECT_END);
  ck_assert_int_eq (sc.has_show, 1);
  ck_assert_uint_eq (sc.show, 120);
  ck_assert_uint_eq (sc.n_expects, 1);
  ck_assert_str_eq (sc.expects[0].q->name, "loss");
  ck_assert_double_eq (sc.expects[0].tol, 0.5);
  ck_assert_str_eq (sc.exports[0].path, "fig/a.pdf");
  ck_assert_double_eq (sc.exports[0].width, 10.0);
  ck_assert_double_eq (sc.exports[0].height, 6.0);
  ck_assert_int_eq (sc.exports[0].unit, RS_UNIT_CM);
  ck_assert_double_eq (sc.exports[0].dpi, 96.0);
  ck_assert_str_eq (sc.exports[1].path, "b.png");
  ck_assert_double_eq (sc.exports[1].width, 0.0);
  ck_assert_double_eq (sc.exports[1].dpi, 300.0);
  ck_assert_str_eq (sc.exports[2].path, "c.SVG");
}
END_TEST

/* The figure's defaults, and sizes in each unit as points: 1 px = 0.75 pt
 * (96 px to the inch of 72 pt), 1 cm = 72 / 2.54 pt. */
START_TEST (test_figure_defaults_and_units)
{
  rs_scene sc;

  rs_scene_default (&sc);
  ck_assert_str_eq (sc.notes, "");
  ck_assert_str_eq (sc.data_file, "");
  ck_assert_uint_eq (sc.n_views, 0);
  ck_assert_int_eq (sc.layout, RS_LAYOUT_AUTO);
  ck_assert_int_eq (sc.style.dark, 0);
  ck_assert_int_eq (sc.style.colormap, RS_CMAP_VIRIDIS);
  ck_assert_int_eq (sc.style.linear, 0);
  ck_assert_str_eq (sc.style.font, "Sans");
  ck_assert_double_eq (sc.style.font_pt, 10.0);
  ck_assert_double_eq (sc.style.width, 1200.0);
  ck_assert_double_eq (sc.style.height, 800.0);
  ck_assert_int_eq (sc.style.unit, RS_UNIT_PX);
  ck_assert_double_eq (sc.style.azimuth, -35.0);
  ck_assert_double_eq (sc.style.elevation, 30.0);
  ck_assert_uint_eq (sc.n_exports, 0);
  ck_assert_double_eq_tol (rs_unit_to_pt (1200, RS_UNIT_PX), 900, 1e-12);
  ck_assert_double_eq_tol (rs_unit_to_pt (2.54, RS_UNIT_CM), 72, 1e-12);
  ck_assert_double_eq (rs_unit_to_pt (33, RS_UNIT_PT), 33);
  ck_assert_str_eq (rs_view_kind_name (RS_VIEW_HEADS), "heads");
  ck_assert_str_eq (rs_view_kind_name (RS_VIEW_BASIN), "basin");
  ck_assert_str_eq (rs_layout_name (RS_LAYOUT_COLUMN), "column");
  ck_assert_str_eq (rs_unit_name (RS_UNIT_PT), "pt");
  ck_assert_str_eq (rs_colormap_name (RS_CMAP_GREY), "grey");
}
END_TEST

/* A scene's files are found beside it: relative names are joined to the
 * scene's folder, absolute ones kept, and a name too long is an error. */
START_TEST (test_scene_path)
{
  char buf[64], tiny[8];
  rs_error err;

  ck_assert_int_eq (rs_scene_path ("scenes/a.scene", "d.csv", buf,
                                   sizeof buf, &err), RS_OK);
  ck_assert_str_eq (buf, "scenes/d.csv");
  ck_assert_int_eq (rs_scene_path ("/x/y/a.scene", "../d.csv", buf,
                                   sizeof buf, &err), RS_OK);
  ck_assert_str_eq (buf, "/x/y/../d.csv");
  ck_assert_int_eq (rs_scene_path ("a.scene", "d.csv", buf, sizeof buf,
                                   &err), RS_OK);
  ck_assert_str_eq (buf, "d.csv");
  ck_assert_int_eq (rs_scene_path ("s/a.scene", "/abs/d.csv", buf,
                                   sizeof buf, &err), RS_OK);
  ck_assert_str_eq (buf, "/abs/d.csv");
  ck_assert_int_eq (rs_scene_path (NULL, "d.csv", buf, sizeof buf, &err),
                    RS_OK);
  ck_assert_str_eq (buf, "d.csv");
  ck_assert_int_eq (rs_scene_path ("scenes/a.scene", "d.csv", tiny,
                                   sizeof tiny, &err), RS_EINVAL);
  ck_assert_str_eq (err.message, "the path is too long (at most 7 bytes)");
}
END_TEST

/* CSV data read through the scene, beside it: the network's sizes set
 * the columns, a label loss reads one column of classes, and errors name
 * the file's line and column. */
START_TEST (test_scene_read_data)
{
  char dir[] = "/tmp/rs-scene-data-XXXXXX", path[256], scene[256];
  rs_scene sc;
  rs_data *d;
  rs_error err;
  FILE *f;

  ck_assert_ptr_nonnull (mkdtemp (dir));
  snprintf (path, sizeof path, "%s/p.csv", dir);
  snprintf (scene, sizeof scene, "%s/a.scene", dir);
  f = fopen (path, "w");
  ck_assert_ptr_nonnull (f);
  fputs ("x1,x2,y\n0.5,-1,1\n2,3,0\n-4,0.25,1\n", f);
  fclose (f);
  parse_ok (&sc, "data csv \"p.csv\"\nnetwork 2 3 1\n");
  ck_assert_int_eq (rs_scene_read_data (&sc, scene, &d, &err), RS_OK);
  ck_assert_uint_eq (d->n, 3);
  ck_assert_uint_eq (d->dim, 2);
  ck_assert_double_eq (d->x[4], -4.0);
  ck_assert_double_eq (d->y[2], 1.0);
  ck_assert_uint_eq (d->classes, 0);
  rs_data_free (d);
  parse_ok (&sc, "data csv \"p.csv\"\nnetwork 2 3 2\nloss softmax_ce\n");
  ck_assert_int_eq (rs_scene_read_data (&sc, scene, &d, &err), RS_OK);
  ck_assert_uint_eq (d->classes, 2);
  ck_assert_uint_eq (d->ydim, 1);
  rs_data_free (d);
  parse_ok (&sc, "data csv \"p.csv\"\n");
  ck_assert_int_eq (rs_scene_read_data (&sc, scene, &d, &err), RS_ESYNTAX);
  ck_assert_ptr_null (d);
  ck_assert_msg (strstr (err.message, "too many columns") != NULL, "%s",
                 err.message);
  ck_assert_str_eq (err.file, path);
  ck_assert_int_eq (err.line, 1);
  parse_ok (&sc, "data csv \"missing.csv\"\n");
  ck_assert_int_eq (rs_scene_read_data (&sc, scene, &d, &err), RS_EIO);
  ck_assert_ptr_null (d);
  remove (path);
  rmdir (dir);
}
END_TEST

/* The data, the network and its start in every_net_keyword. */
START_TEST (test_every_net_keyword_network)
{
  static const size_t sizes[] = { 2, 13, 7, 3 };
  rs_scene sc;
  const rs_sim_params *p = &sc.sim;

  parse_ok (&sc, every_net_keyword);
  ck_assert_uint_eq (p->seed, 4619);
  ck_assert_ptr_eq (p->gen, rs_data_xor_gen);
  ck_assert_uint_eq (p->n_points, 97);
  ck_assert_double_eq_tol (p->noise, 0.0731, 1e-15);
  ck_assert_uint_eq (p->net.layers, 3);
  for (size_t l = 0; l <= 3; l++)
    ck_assert_uint_eq (p->net.sizes[l], sizes[l]);
  ck_assert_ptr_eq (p->act, rs_act_elu);
  ck_assert_ptr_eq (p->net.act[0], rs_act_elu);
  ck_assert_ptr_eq (p->net.act[1], rs_act_elu);
  ck_assert_ptr_eq (p->net.act[2], rs_act_prelu);
  ck_assert_double_eq_tol (p->net.param[0], 0.385, 1e-15);
  ck_assert_double_eq_tol (p->net.param[1], 0.385, 1e-15);
  ck_assert_double_eq_tol (p->net.param[2], -0.125, 1e-15);
  ck_assert_double_eq_tol (p->alpha, 0.0417, 1e-15);
  ck_assert_double_eq_tol (p->net.kink, 0.625, 1e-15);
  ck_assert_double_eq_tol (p->kink, 0.625, 1e-15);
  ck_assert_ptr_eq (p->init, rs_init_constant);
  ck_assert_double_eq_tol (p->init_c, -0.2385, 1e-15);
  ck_assert_double_eq_tol (p->bias0, 0.137, 1e-15);
  ck_assert_uint_eq (p->n_values, 3);
  ck_assert_str_eq (p->values[0].name, "W1[12][1]");
  ck_assert_double_eq_tol (p->values[0].value, 2.385, 1e-15);
  ck_assert_str_eq (p->values[1].name, "b2[6]");
  ck_assert_double_eq_tol (p->values[1].value, -0.731, 1e-15);
  ck_assert_str_eq (p->values[2].name, "a3[2]");
  ck_assert_double_eq_tol (p->values[2].value, 0.5, 1e-15);
  ck_assert_uint_eq (p->n_frozen, 2);
  ck_assert_str_eq (p->frozen[0], "W2[*][3]");
  ck_assert_str_eq (p->frozen[1], "b1[12]");
  ck_assert_ptr_eq (p->loss, rs_loss_softmax_ce);
}
END_TEST

/* The training, the cures, the kicks and the events in
 * every_net_keyword.  The second kick has no seed: 4619 + 1000 + its
 * index 1. */
START_TEST (test_every_net_keyword_training)
{
  rs_scene sc;
  const rs_sim_params *p = &sc.sim;
  rs_optim_params def;

  rs_optim_params_default (&def);
  parse_ok (&sc, every_net_keyword);
  ck_assert_ptr_eq (p->optim, rs_optim_adam);
  ck_assert_double_eq_tol (p->optim_params.beta1, 0.85, 1e-15);
  ck_assert_double_eq_tol (p->optim_params.beta2, 0.9985, 1e-15);
  ck_assert_double_eq_tol (p->optim_params.eps, 1e-7, 1e-22);
  ck_assert_double_eq_tol (p->optim_params.momentum, def.momentum, 1e-15);
  ck_assert_double_eq_tol (p->optim_params.rho, def.rho, 1e-15);
  ck_assert_double_eq_tol (p->rate, 0.0125, 1e-15);
  ck_assert_ptr_eq (p->sched.type, rs_sched_cosine);
  ck_assert_uint_eq (p->sched.total, 1500);
  ck_assert_double_eq_tol (p->sched.floor, 0.05, 1e-15);
  ck_assert_uint_eq (p->sched.warmup, 40);
  ck_assert_uint_eq (p->batch, 16);
  ck_assert_double_eq_tol (p->clip, 4.5, 1e-15);
  ck_assert_double_eq_tol (p->decay.lambda, 0.0035, 1e-15);
  ck_assert_int_eq (p->decay.decoupled, 1);
  ck_assert_int_eq (p->decay.biases, 1);
  ck_assert_double_eq_tol (p->warming.gamma0, 3.25, 1e-15);
  ck_assert_uint_eq (p->warming.hold, 120);
  ck_assert_uint_eq (p->warming.anneal, 80);
  ck_assert_int_eq (p->warming.shape, RS_WARM_COSINE);
  ck_assert_uint_eq (p->warming.start, 15);
  ck_assert_double_eq_tol (p->temperature, 0.0015, 1e-15);
  ck_assert_ptr_eq (p->temp_sched.type, rs_sched_linear);
  ck_assert_uint_eq (p->temp_sched.total, 900);
  ck_assert_uint_eq (p->steps, 1700);
  ck_assert_double_eq_tol (p->tol, 1e-9, 1e-24);
  ck_assert_uint_eq (p->record_every, 7);
}
END_TEST

START_TEST (test_every_net_keyword_events)
{
  rs_scene sc;
  const rs_sim_params *p = &sc.sim;

  parse_ok (&sc, every_net_keyword);
  ck_assert_uint_eq (p->n_kicks, 2);
  ck_assert_uint_eq (p->kicks[0].step, 250);
  ck_assert_double_eq_tol (p->kicks[0].sigma, 0.75, 1e-15);
  ck_assert_int_eq (p->kicks[0].target, RS_KICK_UNIT);
  ck_assert_uint_eq (p->kicks[0].layer, 2);
  ck_assert_uint_eq (p->kicks[0].unit, 6);
  ck_assert_uint_eq (p->kicks[0].seed, 31);
  ck_assert_uint_eq (p->kicks[1].step, 500);
  ck_assert_double_eq_tol (p->kicks[1].sigma, 1.25, 1e-15);
  ck_assert_int_eq (p->kicks[1].target, RS_KICK_WEIGHTS);
  ck_assert_uint_eq (p->kicks[1].seed, 4619 + 1000 + 1);
  ck_assert_double_eq_tol (p->autokick.sigma, 0.625, 1e-15);
  ck_assert_double_eq_tol (p->autokick.eps, 1e-5, 1e-20);
  ck_assert_uint_eq (p->autokick.patience, 33);
  ck_assert_int_eq (p->autokick.target, RS_KICK_BIASES);
  ck_assert_uint_eq (p->n_events, 3);
  ck_assert_uint_eq (p->events[0].step, 300);
  ck_assert_int_eq (p->events[0].action, RS_SIM_SET_ALPHA);
  ck_assert_double_eq_tol (p->events[0].value, 0.02, 1e-15);
  ck_assert_uint_eq (p->events[1].step, 600);
  ck_assert_int_eq (p->events[1].action, RS_SIM_SET_RATE);
  ck_assert_double_eq_tol (p->events[1].value, 0.003, 1e-15);
  ck_assert_uint_eq (p->events[2].step, 900);
  ck_assert_int_eq (p->events[2].action, RS_SIM_BEAT);
}
END_TEST

/* What every_net_keyword describes is a run the library accepts: its
 * parameters pass the check and a run of that shape can be made (the
 * softmax over 3 outputs takes the xor labels 0 and 1). */
START_TEST (test_every_net_keyword_allocates)
{
  rs_scene sc;
  rs_error err;
  rs_sim *s;

  parse_ok (&sc, every_net_keyword);
  rs_error_clear (&err);
  ck_assert_msg (rs_sim_params_check (&sc.sim, &err) == RS_OK, "%s",
                 err.message);
  s = rs_sim_alloc (&sc.sim, &err);
  ck_assert_msg (s != NULL, "%s", err.message);
  ck_assert_uint_eq (rs_net_layers (rs_sim_net (s)), 3);
  rs_sim_free (s);
}
END_TEST

/* Each name of the table starts a line of every_keyword (the single
 * neuron) or of every_net_keyword (so a new keyword without a test fails
 * here). */
START_TEST (test_every_keyword_is_covered)
{
  const rs_scene_keyword *k;

  for (size_t i = 0; (k = rs_scene_keyword_get (i)) != NULL; i++)
    {
      char line_start[80];

      snprintf (line_start, sizeof line_start, "\n%s ", k->name);
      ck_assert_msg (strstr (every_keyword, line_start) != NULL
                     || strstr (every_net_keyword, line_start) != NULL
                     || strstr (every_figure_keyword, line_start) != NULL,
                     "keyword '%s' missing from every_keyword, "
                     "every_net_keyword and every_figure_keyword", k->name);
    }
}
END_TEST

/* rs_scene_keyword_repeatable against the keyword's own help, which says
 * "repeatable" for those that are, and against the parser: a keyword
 * given once only is refused on a second line, a repeatable one is not. */
START_TEST (test_keyword_repeatable)
{
  const rs_scene_keyword *k;
  rs_scene sc;
  rs_error err;

  for (size_t i = 0; (k = rs_scene_keyword_get (i)) != NULL; i++)
    ck_assert_int_eq (rs_scene_keyword_repeatable (k->name),
                      strstr (k->help, "repeatable") != NULL);
  ck_assert_int_eq (rs_scene_keyword_repeatable ("ratee"), -1);
  ck_assert_int_eq (rs_scene_keyword_repeatable ("rate"), 0);
  ck_assert_int_ne (rs_scene_parse (&sc, "rate 0.1\nrate 0.2\n", 18, "t",
                                    &err), RS_OK);
  ck_assert_int_eq (rs_scene_keyword_repeatable ("kick"), 1);
  ck_assert_int_eq (rs_scene_parse (&sc, "kick at 3 sigma 1\n"
                                    "kick at 4 sigma 1\n", 36, "t", &err),
                    RS_OK);
}
END_TEST

/* The table: names, argument forms and help, ending in NULL, with the 52
 * keywords of the language in it once each: the 17 of the single neuron's
 * landscape, the 20 of networks and their training, the 14 of the
 * figure, its animations and the claims, and the variants. */
START_TEST (test_keyword_table)
{
  static const char *const names[] = {
    "title", "seed", "points", "line", "noise", "activation", "alpha",
    "kink", "start", "rate", "steps", "tolerance", "w-range", "b-range",
    "kick", "kick-sigma", "speed",
    "data", "network", "output", "init", "bias", "set", "freeze", "loss",
    "optimizer",
    "schedule", "warmup", "batch", "clip", "decay", "warming", "temperature",
    "record", "autokick", "at", "layer",
    "notes", "focus", "view", "layout", "theme", "colormap", "colorscale",
    "font", "size", "camera", "export", "show", "fps", "duration", "pace",
    "expect", "variant"
  };
  const size_t n_names = sizeof names / sizeof names[0];
  size_t n = 0;

  for (const rs_scene_keyword *k; (k = rs_scene_keyword_get (n)) != NULL;
       n++)
    {
      ck_assert_ptr_nonnull (k->name);
      ck_assert_ptr_nonnull (k->args);
      ck_assert_ptr_nonnull (k->help);
      ck_assert_uint_gt (strlen (k->name), 0);
      ck_assert_uint_gt (strlen (k->help), 0);
      for (size_t j = 0; j < n; j++)
        ck_assert_str_ne (rs_scene_keyword_get (j)->name, k->name);
    }
  ck_assert_uint_eq (n, n_names);
  for (size_t i = 0; i < n_names; i++)
    {
      size_t j = 0;

      while (j < n && strcmp (rs_scene_keyword_get (j)->name, names[i]) != 0)
        j++;
      ck_assert_msg (j < n, "no keyword '%s'", names[i]);
    }
  ck_assert_ptr_null (rs_scene_keyword_get (n));
  ck_assert_ptr_null (rs_scene_keyword_get (n + 5));
  ck_assert_ptr_null (rs_scene_keyword_get ((size_t) -1));
}
END_TEST

/* A scene sets only what it names: everything else keeps the defaults of
 * the header (rs_sim_params_default, axes [-3, 3], 20 steps per second). */
START_TEST (test_defaults)
{
  rs_scene sc, def;
  rs_sim_params p;

  rs_sim_params_default (&p);
  rs_scene_default (&def);
  ck_assert_double_eq_tol (def.w_range.lo, -3.0, 1e-15);
  ck_assert_double_eq_tol (def.w_range.hi, 3.0, 1e-15);
  ck_assert_double_eq_tol (def.b_range.lo, -3.0, 1e-15);
  ck_assert_double_eq_tol (def.b_range.hi, 3.0, 1e-15);
  ck_assert_double_eq_tol (def.speed, 20.0, 1e-15);
  /* render's --fps and --duration defaults (reluscape(1)). */
  ck_assert_uint_eq (def.fps, 30);
  ck_assert_double_eq (def.duration, 10.0);
  ck_assert_uint_gt (strlen (def.title), 0);

  parse_ok (&sc, "rate 0.25\n");
  ck_assert_double_eq_tol (sc.sim.rate, 0.25, 1e-15);
  ck_assert_str_eq (sc.title, def.title);
  ck_assert_uint_eq (sc.sim.seed, p.seed);
  ck_assert_uint_eq (sc.sim.n_points, p.n_points);
  ck_assert_double_eq_tol (sc.sim.slope, p.slope, 1e-15);
  ck_assert_double_eq_tol (sc.sim.intercept, p.intercept, 1e-15);
  ck_assert_double_eq_tol (sc.sim.noise, p.noise, 1e-15);
  ck_assert_ptr_eq (sc.sim.act, p.act);
  ck_assert_double_eq_tol (sc.sim.alpha, p.alpha, 1e-15);
  ck_assert_double_eq_tol (sc.sim.kink, p.kink, 1e-15);
  ck_assert_double_eq_tol (sc.sim.w0, p.w0, 1e-15);
  ck_assert_double_eq_tol (sc.sim.b0, p.b0, 1e-15);
  ck_assert_uint_eq (sc.sim.steps, p.steps);
  ck_assert_double_eq_tol (sc.sim.tol, p.tol, 1e-21);
  ck_assert_double_eq_tol (sc.sim.kick_sigma, p.kick_sigma, 1e-15);
  ck_assert_uint_eq (sc.sim.n_kicks, 0);
  ck_assert_double_eq_tol (sc.w_range.lo, -3.0, 1e-15);
  ck_assert_double_eq_tol (sc.b_range.hi, 3.0, 1e-15);
  ck_assert_double_eq_tol (sc.speed, 20.0, 1e-15);
}
END_TEST

/* An empty text, and one of only comments and blank lines, are the
 * default scene.  The parse starts from the defaults even when sc held
 * another scene. */
START_TEST (test_empty_and_comments)
{
  rs_scene sc, def;

  rs_scene_default (&def);
  parse_ok (&sc, every_keyword);
  parse_ok (&sc, "");
  ck_assert_double_eq_tol (sc.sim.rate, def.sim.rate, 1e-15);
  ck_assert_uint_eq (sc.sim.n_kicks, 0);
  parse_ok (&sc, "# only\n\n   \n\t# comments\n  # and blanks");
  ck_assert_str_eq (sc.title, def.title);
  ck_assert_uint_eq (sc.sim.seed, def.sim.seed);
}
END_TEST

/* Comments after values, blank lines between, tabs and runs of spaces,
 * no newline at the end of the file. */
START_TEST (test_layout)
{
  rs_scene sc;

  parse_ok (&sc, "\n\n# heading\n\tseed\t\t42   # the data\n\n"
            "   rate 0.0417#no space before the comment\n"
            "start   -0.5\t+2.25\nsteps 1e3");
  ck_assert_uint_eq (sc.sim.seed, 42);
  ck_assert_double_eq_tol (sc.sim.rate, 0.0417, 1e-15);
  ck_assert_double_eq_tol (sc.sim.w0, -0.5, 1e-15);
  ck_assert_double_eq_tol (sc.sim.b0, 2.25, 1e-15);
  ck_assert_uint_eq (sc.sim.steps, 1000);
}
END_TEST

/* CRLF line endings give the same scene as LF. */
START_TEST (test_crlf)
{
  rs_scene a, b;

  parse_ok (&a, "title \"crlf\"\r\nseed 7\r\n\r\n# c\r\n"
            "w-range [-2.385, 1.5]\r\nkick at 3 sigma 0.5\r\nspeed 12.5\r\n");
  parse_ok (&b, "title \"crlf\"\nseed 7\n\n# c\nw-range [-2.385, 1.5]\n"
            "kick at 3 sigma 0.5\nspeed 12.5\n");
  ck_assert_str_eq (a.title, "crlf");
  ck_assert_str_eq (a.title, b.title);
  ck_assert_uint_eq (a.sim.seed, 7);
  ck_assert_double_eq_tol (a.w_range.lo, -2.385, 1e-15);
  ck_assert_double_eq_tol (a.w_range.hi, b.w_range.hi, 1e-15);
  ck_assert_uint_eq (a.sim.n_kicks, 1);
  ck_assert_uint_eq (a.sim.kicks[0].step, 3);
  ck_assert_uint_eq (a.sim.kicks[0].seed, b.sim.kicks[0].seed);
  ck_assert_double_eq_tol (a.speed, 12.5, 1e-15);
}
END_TEST

/* Strings: \" and \\ are escapes, # inside a string is text, any other
 * backslash stays as it is, and an empty string is allowed. */
START_TEST (test_strings)
{
  rs_scene sc;

  parse_ok (&sc, "title \"say \\\"hi\\\" \\\\ #1 \\n\"\n");
  ck_assert_str_eq (sc.title, "say \"hi\" \\ #1 \\n");
  parse_ok (&sc, "title \"\"\n");
  ck_assert_str_eq (sc.title, "");
}
END_TEST

/* Ranges without spaces, range ends at the bound 1e6, numbers with an
 * explicit + and exponent, the relu activation. */
START_TEST (test_numbers_and_ranges)
{
  rs_scene sc;

  parse_ok (&sc, "w-range [-1e6,1e6]\nb-range [ -0.5 , .75 ]\n"
            "activation relu\nline +1.5e1 -2E-1\nkink 1\nalpha 0\n");
  ck_assert_double_eq_tol (sc.w_range.lo, -1e6, 1e-9);
  ck_assert_double_eq_tol (sc.w_range.hi, 1e6, 1e-9);
  ck_assert_double_eq_tol (sc.b_range.lo, -0.5, 1e-15);
  ck_assert_double_eq_tol (sc.b_range.hi, 0.75, 1e-15);
  ck_assert_ptr_eq (sc.sim.act, rs_act_relu);
  ck_assert_double_eq_tol (sc.sim.slope, 15.0, 1e-15);
  ck_assert_double_eq_tol (sc.sim.intercept, -0.2, 1e-15);
  ck_assert_double_eq_tol (sc.sim.kink, 1.0, 1e-15);
  ck_assert_double_eq_tol (sc.sim.alpha, 0.0, 1e-15);
}
END_TEST

/* Kicks are repeatable, up to RS_SIM_MAX_KICKS; one more is refused on
 * its own line (line 65, column 1). */
START_TEST (test_kick_limit)
{
  char text[RS_SIM_MAX_KICKS * 40 + 64];
  size_t len = 0;
  rs_scene sc;
  rs_error err;

  for (int i = 0; i < RS_SIM_MAX_KICKS; i++)
    len += (size_t) snprintf (text + len, sizeof text - len,
                              "kick at %d sigma 0.5 seed %d\n", i, 100 + i);
  parse_ok (&sc, text);
  ck_assert_uint_eq (sc.sim.n_kicks, RS_SIM_MAX_KICKS);
  ck_assert_uint_eq (sc.sim.kicks[RS_SIM_MAX_KICKS - 1].step,
                     RS_SIM_MAX_KICKS - 1);
  ck_assert_uint_eq (sc.sim.kicks[RS_SIM_MAX_KICKS - 1].seed,
                     100 + RS_SIM_MAX_KICKS - 1);
  snprintf (text + len, sizeof text - len, "kick at 9 sigma 1\n");
  rs_error_clear (&err);
  ck_assert_int_eq (parse (&sc, text, &err), RS_EINVAL);
  ck_assert_int_eq (err.line, RS_SIM_MAX_KICKS + 1);
  ck_assert_int_eq (err.col, 1);
  ck_assert_ptr_nonnull (strstr (err.message, "too many kicks"));
}
END_TEST

/* A scene means the same whatever the order of its lines (only kick is
 * repeatable): the default seed of a kick without "seed" must not depend
 * on whether the data's seed line comes before or after it. */
START_TEST (test_kick_seed_order)
{
  rs_scene a, b;

  parse_ok (&a, "seed 7\nkick at 3 sigma 1.5\n");
  parse_ok (&b, "kick at 3 sigma 1.5\nseed 7\n");
  ck_assert_uint_eq (a.sim.seed, b.sim.seed);
  ck_assert_uint_eq (a.sim.kicks[0].seed, b.sim.kicks[0].seed);
}
END_TEST

/* A network without 'activation' or 'output': ReLU hidden layers, an
 * identity output, ReLU's parameter 0, the kink convention 0.  Families
 * with a parameter take the one given after their name, else their
 * table's default (rs_act.h: ELU's alpha 1, softplus' beta 1); Leaky ReLU
 * layers take 'alpha' (whose default is 0.1, rs_sim_params_default). */
START_TEST (test_network_activations)
{
  rs_scene sc;
  const rs_net_spec *net = &sc.sim.net;

  parse_ok (&sc, "network 1 8 1\n");
  ck_assert_uint_eq (net->layers, 2);
  ck_assert_ptr_eq (net->act[0], rs_act_relu);
  ck_assert_ptr_eq (net->act[1], rs_act_identity);
  ck_assert_double_eq_tol (net->param[0], 0.0, 1e-15);
  ck_assert_double_eq_tol (net->kink, 0.0, 1e-15);

  parse_ok (&sc, "alpha 0.2385\noutput leaky_relu\nnetwork 1 8 8 1\n"
            "activation leaky_relu\n");
  for (size_t l = 0; l < 3; l++)
    {
      ck_assert_ptr_eq (net->act[l], rs_act_leaky_relu);
      ck_assert_double_eq_tol (net->param[l], 0.2385, 1e-15);
    }
  parse_ok (&sc, "network 1 4 1\nactivation leaky_relu\n");
  ck_assert_double_eq_tol (net->param[0], 0.1, 1e-15);

  parse_ok (&sc, "network 1 4 1\nactivation elu\noutput softplus 4.5\n");
  ck_assert_ptr_eq (net->act[0], rs_act_elu);
  ck_assert_double_eq_tol (net->param[0], 1.0, 1e-15);
  ck_assert_ptr_eq (net->act[1], rs_act_softplus);
  ck_assert_double_eq_tol (net->param[1], 4.5, 1e-15);

  /* one layer: only the output's activation */
  parse_ok (&sc, "network 2 1\nactivation tanh\noutput sigmoid\n"
            "data circle\n");
  ck_assert_uint_eq (net->layers, 1);
  ck_assert_ptr_eq (net->act[0], rs_act_sigmoid);
}
END_TEST

/* The activation of a network may come before or after 'network': the
 * single neuron's rule is applied once the whole scene is read. */
START_TEST (test_network_order)
{
  rs_scene a, b;

  parse_ok (&a, "activation tanh\nkink 0.5\nnetwork 1 5 1\n");
  parse_ok (&b, "network 1 5 1\nkink 0.5\nactivation tanh\n");
  ck_assert_ptr_eq (a.sim.net.act[0], rs_act_tanh);
  ck_assert_ptr_eq (b.sim.net.act[0], rs_act_tanh);
  ck_assert_double_eq_tol (a.sim.net.kink, 0.5, 1e-15);
  ck_assert_double_eq_tol (b.sim.net.kink, 0.5, 1e-15);
  ck_assert_uint_eq (a.sim.net.sizes[1], 5);
}
END_TEST

/* data NAME [N]: a generator, or the line of 'line' for "line"; N the
 * number of points. */
START_TEST (test_data)
{
  rs_scene sc;

  parse_ok (&sc, "data sine\n");
  ck_assert_ptr_eq (sc.sim.gen, rs_data_sine_gen);
  ck_assert_uint_eq (sc.sim.n_points, 24);
  parse_ok (&sc, "data line 31\nline -0.5 0.25\n");
  ck_assert_ptr_null (sc.sim.gen);
  ck_assert_uint_eq (sc.sim.n_points, 31);
  ck_assert_double_eq_tol (sc.sim.slope, -0.5, 1e-15);
  parse_ok (&sc, "network 2 4 3\ndata blobs 60\nloss softmax_ce\n");
  ck_assert_ptr_eq (sc.sim.gen, rs_data_blobs_gen);
  ck_assert_uint_eq (sc.sim.n_points, 60);
  ck_assert_ptr_eq (sc.sim.loss, rs_loss_softmax_ce);
}
END_TEST

/* The shorter forms: settings and options left out keep the defaults of
 * rs_sim_params_default (autokick eps 1e-6 and patience 10, warming
 * linear from step 0, a schedule's floor 0, the init constant 0). */
START_TEST (test_short_forms)
{
  rs_scene sc;
  const rs_sim_params *p = &sc.sim;

  parse_ok (&sc, "optimizer momentum momentum 0.75\nschedule step 25 0.5\n"
            "autokick sigma 1.5\nwarming 2 hold 10 anneal 5\n"
            "init constant\ndecay 0.01\ntemperature 0.5\n");
  ck_assert_ptr_eq (p->optim, rs_optim_momentum);
  ck_assert_double_eq_tol (p->optim_params.momentum, 0.75, 1e-15);
  ck_assert_ptr_eq (p->sched.type, rs_sched_step);
  ck_assert_uint_eq (p->sched.every, 25);
  ck_assert_double_eq_tol (p->sched.gamma, 0.5, 1e-15);
  ck_assert_double_eq_tol (p->autokick.sigma, 1.5, 1e-15);
  ck_assert_double_eq_tol (p->autokick.eps, 1e-6, 1e-21);
  ck_assert_uint_eq (p->autokick.patience, 10);
  ck_assert_int_eq (p->autokick.target, RS_KICK_ALL);
  ck_assert_int_eq (p->warming.shape, RS_WARM_LINEAR);
  ck_assert_uint_eq (p->warming.start, 0);
  ck_assert_ptr_eq (p->init, rs_init_constant);
  ck_assert_double_eq_tol (p->init_c, 0.0, 1e-15);
  ck_assert_int_eq (p->decay.decoupled, 0);
  ck_assert_int_eq (p->decay.biases, 0);
  ck_assert_ptr_eq (p->temp_sched.type, rs_sched_constant);

  parse_ok (&sc, "optimizer rmsprop eps 1e-6 rho 0.95\nschedule linear 300\n"
            "kick at 3 sigma 1 biases\nkick at 4 sigma 2 all seed 9\n");
  ck_assert_ptr_eq (p->optim, rs_optim_rmsprop);
  ck_assert_double_eq_tol (p->optim_params.rho, 0.95, 1e-15);
  ck_assert_double_eq_tol (p->optim_params.eps, 1e-6, 1e-21);
  ck_assert_ptr_eq (p->sched.type, rs_sched_linear);
  ck_assert_uint_eq (p->sched.total, 300);
  ck_assert_double_eq_tol (p->sched.floor, 0.0, 1e-15);
  ck_assert_int_eq (p->kicks[0].target, RS_KICK_BIASES);
  ck_assert_int_eq (p->kicks[1].target, RS_KICK_ALL);
  ck_assert_uint_eq (p->kicks[1].seed, 9);
}
END_TEST

/* 'set' and 'at' repeat up to RS_SIM_MAX_VALUES and RS_SIM_MAX_EVENTS;
 * one more is refused on its own line.  A network 1-64-1 has the 64
 * weights W1[0][0] ... W1[63][0]. */
START_TEST (test_value_and_event_limits)
{
  char text[RS_SIM_MAX_VALUES * 32 + RS_SIM_MAX_EVENTS * 24 + 64];
  size_t len = (size_t) snprintf (text, sizeof text, "network 1 64 1\n");
  rs_scene sc;
  rs_error err;

  for (int i = 0; i < RS_SIM_MAX_VALUES; i++)
    len += (size_t) snprintf (text + len, sizeof text - len,
                              "set W1[%d][0] 0.5\n", i);
  parse_ok (&sc, text);
  ck_assert_uint_eq (sc.sim.n_values, RS_SIM_MAX_VALUES);
  ck_assert_str_eq (sc.sim.values[RS_SIM_MAX_VALUES - 1].name, "W1[63][0]");
  snprintf (text + len, sizeof text - len, "set b1[0] 1\n");
  rs_error_clear (&err);
  ck_assert_int_eq (parse (&sc, text, &err), RS_EINVAL);
  ck_assert_int_eq (err.line, RS_SIM_MAX_VALUES + 2);
  ck_assert_ptr_nonnull (strstr (err.message, "too many values"));

  len = 0;
  for (int i = 0; i < RS_SIM_MAX_EVENTS; i++)
    len += (size_t) snprintf (text + len, sizeof text - len, "at %d beat\n",
                              i);
  parse_ok (&sc, text);
  ck_assert_uint_eq (sc.sim.n_events, RS_SIM_MAX_EVENTS);
  snprintf (text + len, sizeof text - len, "at 3 rate 0.5\n");
  ck_assert_int_eq (parse (&sc, text, &err), RS_EINVAL);
  ck_assert_int_eq (err.line, RS_SIM_MAX_EVENTS + 1);
  ck_assert_int_eq (err.col, 1);
  ck_assert_ptr_nonnull (strstr (err.message, "too many events"));
}
END_TEST

/* ---- Errors ---- */

typedef struct {
  const char *text;
  size_t len;            /* 0: strlen (text) */
  int code;
  int line;
  int col;
  const char *message;   /* a substring of the message */
} bad_scene;

/* 66 network sizes, " 1 1 ... 1" */
#define SIZES_66 " 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1" \
  " 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1"

static const bad_scene bad_scenes[] = {
  /* 0: unknown keyword, a transposition away from "steps" */
  { "seed 3\nstpes 100\n", 0, RS_ESYNTAX, 2, 1,
    "unknown keyword 'stpes' (did you mean 'steps'?)" },
  /* 1: "activation" is 10 bytes, the value starts at 12 */
  { "activation reul\n", 0, RS_EINVAL, 1, 12,
    "unknown activation 'reul' (did you mean 'relu'?)" },
  /* 2: two leading blanks, the number at 9 */
  { "  alpha 1.25\n", 0, RS_EINVAL, 1, 9,
    "alpha 1.25 is out of range: it must be in [0, 1)" },
  { "noise high\n", 0, RS_ESYNTAX, 1, 7,
    "expected a number for noise, found 'high'" },
  { "rate nan\n", 0, RS_ESYNTAX, 1, 6, "expected a number for rate" },
  /* 5 */
  { "start inf 0.5\n", 0, RS_ESYNTAX, 1, 7,
    "expected a number for start w, found 'inf'" },
  { "noise 1e999\n", 0, RS_ESYNTAX, 1, 7, "number '1e999' is too large" },
  { "kink 1.2.3\n", 0, RS_ESYNTAX, 1, 6, "malformed number '1.2.3'" },
  { "points 12abc\n", 0, RS_ESYNTAX, 1, 8, "malformed number '12abc'" },
  /* 9: the opening quote is at 7 */
  { "title \"The plateau\nseed 2\n", 0, RS_ESYNTAX, 1, 7,
    "unterminated string" },
  /* 10: w-range 1-7, [ 9, -3 10-11, ',' 12, 3 14, end of line 15 */
  { "w-range [-3, 3\n", 0, RS_ESYNTAX, 1, 15,
    "expected ']' to close the range, found end of line" },
  /* 11: the second 3 at 13 */
  { "b-range [-3 3]\n", 0, RS_ESYNTAX, 1, 13,
    "expected ',' between the ends of a range, found '3'" },
  /* 12: an empty range is reported at its '[' */
  { "w-range [3, -3]\n", 0, RS_EINVAL, 1, 9, "w-range [3, -3] is empty" },
  { "rate 0.25\nseed 2\nrate 0.5\n", 0, RS_ESYNTAX, 3, 1,
    "'rate' is already set on line 1" },
  /* 14: line 2 1, then 7 at 10 */
  { "line 2 1 7\n", 0, RS_ESYNTAX, 1, 10,
    "unexpected '7' after the values of 'line'" },
  /* 15 */
  { "steps 12.5\n", 0, RS_EINVAL, 1, 7,
    "steps must be a whole number, not 12.5" },
  { "speed 8 @\n", 0, RS_ESYNTAX, 1, 9, "unexpected character '@'" },
  { "title \"x\"\n\001seed 2\n", 0, RS_ESYNTAX, 2, 1,
    "unexpected byte 0x01" },
  { "kick 5 sigma 1\n", 0, RS_ESYNTAX, 1, 6,
    "expected 'at' (kick at STEP sigma S [seed N]), found '5'" },
  /* 19: kick 1-4, at 6-7, 5 at 9, 1.5 at 11 */
  { "kick at 5 1.5\n", 0, RS_ESYNTAX, 1, 11,
    "expected 'sigma' (kick at STEP sigma S [seed N]), found '1.5'" },
  /* 20: CRLF does not shift the columns of the next line */
  { "seed 2\r\nrate x\r\n", 0, RS_ESYNTAX, 2, 6,
    "expected a number for rate, found 'x'" },
  /* 21: tab 1, noise 2-6, tab 7, 0.5 8-10, 0.25 at 12 */
  { "# c\n\n\tnoise\t0.5 0.25\n", 0, RS_ESYNTAX, 3, 12,
    "unexpected '0.25' after the values of 'noise'" },
  /* 22: sigma 11-15, 0 at 17 */
  { "kick at 3 sigma 0\n", 0, RS_EINVAL, 1, 17,
    "kick sigma 0 is out of range: it must be in (0, 1000]" },
  { "rate", 0, RS_ESYNTAX, 1, 5,
    "expected a number for rate, found end of file" },
  { "3 steps\n", 0, RS_ESYNTAX, 1, 1,
    "expected a keyword at the start of the line, found '3'" },
  /* 25: -inf is neither a number nor a word: the '-' at 11 */
  { "start 0.5 -inf\n", 0, RS_ESYNTAX, 1, 11, "'-inf' is not a number" },
  { "seed -1\n", 0, RS_EINVAL, 1, 6, "seed -1 is out of range" },
  { "frobnicate 3\n", 0, RS_ESYNTAX, 1, 1, "unknown keyword 'frobnicate'" },
  { "title The plateau\n", 0, RS_ESYNTAX, 1, 7, "expected a quoted title" },
  { "activation 3\n", 0, RS_ESYNTAX, 1, 12,
    "expected an activation (identity, sigmoid, tanh, relu, leaky_relu, elu, "
    "softplus or prelu), found '3'" },
  /* 30: every family parses; the single neuron refuses it at its name */
  { "activation sigmoid\n", 0, RS_EINVAL, 1, 12,
    "the single neuron's landscape needs relu or leaky_relu; use 'network' "
    "for other activations" },
  /* 31: seed 19-22, 2.5 at 24 */
  { "kick at 3 sigma 1 seed 2.5\n", 0, RS_EINVAL, 1, 24,
    "kick seed must be a whole number, not 2.5" },
  /* 32: 1e-999 underflows to 0, outside (0, 100] */
  { "rate 1e-999\n", 0, RS_EINVAL, 1, 6,
    "rate 0 is out of range: it must be in (0, 100]" },
  { "w-range 3, 4]\n", 0, RS_ESYNTAX, 1, 9, "expected '[' to open a range" },
  /* 34: a NUL byte starts line 2 (explicit length 8) */
  { "seed 2\n\0rate 1\n", 15, RS_ESYNTAX, 2, 1, "unexpected byte 0x00" },
  /* 35: a non-ASCII byte outside a string, "ok" 7-10, the byte at 12 */
  { "title \"ok\" \xc3\xa9\n", 0, RS_ESYNTAX, 1, 12, "unexpected byte 0xc3" },
  /* 36: the line count is right after a kick looked ahead for "seed" */
  { "kick at 3 sigma 1\nrate x\n", 0, RS_ESYNTAX, 2, 6,
    "expected a number for rate, found 'x'" },
  /* 37 */
  { "kick at 3 sigma 1\n\nkick at 5 sigma x\n", 0, RS_ESYNTAX, 3, 17,
    "expected a number for kick sigma, found 'x'" },
  { "points 1\n", 0, RS_EINVAL, 1, 8,
    "points 1 is out of range: it must be in [2, 100000]" },
  /* 39: the duplicate is found on its own line, after a comment line */
  { "alpha 0.25\n# again:\n   alpha 0.5\n", 0, RS_ESYNTAX, 3, 4,
    "'alpha' is already set on line 1" },
  /* 40: hexadecimal is not a scene number, though strtod reads it */
  { "points 0x1A\n", 0, RS_ESYNTAX, 1, 8, "malformed number '0x1A'" },
  /* 41: "optimizer" is 9 bytes, the name at 11 */
  { "optimizer adma\n", 0, RS_EINVAL, 1, 11,
    "unknown optimizer 'adma' (did you mean 'adam'?)" },
  { "optimizer sgd\n", 0, RS_EINVAL, 1, 11,
    "unknown optimizer 'sgd' (did you mean 'gd'?)" },
  /* 43: network 1-7, 1 at 9, 257 at 11: 256 units a layer at most */
  { "network 1 257 1\n", 0, RS_EINVAL, 1, 11,
    "network size 257 is out of range: it must be in [1, 256]" },
  /* 44: sizes at 9, 11, ..., 139 (one digit each), the 67th at 141: 64
   * hidden layers and the output, 66 sizes */
  { "network" SIZES_66 " 1\n", 0, RS_EINVAL, 1, 141,
    "too many network sizes: at most 66 (65 layers)" },
  /* 45: the end of the line at 10 */
  { "network 3\n", 0, RS_ESYNTAX, 1, 10,
    "expected a number for network size, found end of line (a network has "
    "at least 2 sizes: its inputs and its outputs)" },
  /* 46: "schedule" is 8 bytes, the name at 10 */
  { "schedule exponential\n", 0, RS_EINVAL, 1, 10,
    "unknown schedule 'exponential' (known: constant, step, cosine, "
    "linear)" },
  { "schedule step 0 0.5\n", 0, RS_EINVAL, 1, 15,
    "schedule every 0 is out of range: it must be in [1, 10000000]" },
  /* 48: "schedule step 100 " is 18 bytes */
  { "schedule step 100 1.5\n", 0, RS_EINVAL, 1, 19,
    "schedule gamma 1.5 is out of range: it must be in (0, 1]" },
  { "schedule cosine\n", 0, RS_ESYNTAX, 1, 16,
    "expected a number for schedule total, found end of line" },
  /* 50: warming without hold: "warming 2.5 " is 12 bytes */
  { "warming 2.5 anneal 50\n", 0, RS_ESYNTAX, 1, 13,
    "expected 'hold' (warming GAMMA hold T1 anneal T2), found 'anneal'" },
  /* 51: linear 31-36, cosine at 38 */
  { "warming 2.5 hold 30 anneal 20 linear cosine\n", 0, RS_ESYNTAX, 1, 38,
    "'linear' and 'cosine' exclude each other" },
  { "warming 0 hold 1 anneal 1\n", 0, RS_EINVAL, 1, 9,
    "warming gamma 0 is out of range: it must be in (0, 1000]" },
  /* 53: "optimizer adam " is 15 bytes */
  { "optimizer adam momentum 0.9\n", 0, RS_ESYNTAX, 1, 16,
    "'momentum' is not a setting of adam (it takes: betas B1 B2, eps E)" },
  { "optimizer gd eps 1e-8\n", 0, RS_ESYNTAX, 1, 14, "gd has no settings" },
  /* 55: "optimizer momentum momentum " is 28 bytes */
  { "optimizer momentum momentum 1\n", 0, RS_EINVAL, 1, 29,
    "momentum 1 is out of range: it must be in [0, 1)" },
  { "decay 0.01 biasse\n", 0, RS_ESYNTAX, 1, 12,
    "unknown option 'biasse' of 'decay' (did you mean 'biases'?)" },
  { "decay 0.01 biases biases\n", 0, RS_ESYNTAX, 1, 19,
    "'biases' is given twice" },
  { "data xro\n", 0, RS_EINVAL, 1, 6,
    "unknown data generator 'xro' (did you mean 'xor'?)" },
  /* 59: 2-D data and the single neuron, found after the last line */
  { "data xor\n", 0, RS_EINVAL, 1, 6,
    "data xor has 2 inputs per point; the single neuron takes 1 (use "
    "'network 2 ...')" },
  /* 60: reported at the network's first size */
  { "data xor\nnetwork 1 8 2\n", 0, RS_EINVAL, 2, 9,
    "the network takes 1 input per point, but data xor has 2" },
  { "activation tanh\n", 0, RS_EINVAL, 1, 12,
    "the single neuron's landscape needs relu or leaky_relu" },
  /* 62: "activation leaky_relu " is 22 bytes */
  { "network 1 4 1\nactivation leaky_relu 0.05\n", 0, RS_ESYNTAX, 2, 23,
    "leaky_relu takes its slope from 'alpha' (alpha A)" },
  /* 63: the range of rs_act_elu's table, [1e-6, 10] */
  { "network 1 4 1\nactivation elu 12\n", 0, RS_EINVAL, 2, 16,
    "elu's alpha 12 is out of range: it must be in [1e-06, 10]" },
  { "line 3 0\ndata sine\n", 0, RS_ESYNTAX, 2, 6,
    "data sine cannot go with 'line' on line 1" },
  /* 65 */
  { "data abs\nline 3 0\n", 0, RS_ESYNTAX, 2, 1,
    "'line' sets the slope and intercept of the line data; it cannot go "
    "with 'data abs' on line 1" },
  { "points 30\ndata sine 40\n", 0, RS_ESYNTAX, 2, 11,
    "the number of points is already set on line 1" },
  /* 67: the network's own message, at the name */
  { "network 1 4 1\nset W1[4][0] 0.5\n", 0, RS_EINVAL, 2, 5,
    "W1[4][0]: layer 1 has units 0 to 3" },
  { "set w1[0][0] 0.5\n", 0, RS_EINVAL, 1, 5,
    "'w1' is not a parameter name: names look like W1[0][1], b1[0] or "
    "a1[0]" },
  /* 69: blanks around the brackets give the same name */
  { "set b1[0] 1\nset b1 [0] 2\n", 0, RS_ESYNTAX, 2, 5,
    "'b1[0]' is already set on line 1" },
  /* 70: a weight has two indices; "set W1[0] " is 10 bytes */
  { "set W1[0] 0.5\n", 0, RS_ESYNTAX, 1, 11,
    "expected '[' (a weight is W<layer>[unit][input]), found '0.5'" },
  /* 71: the single neuron is layer 1; "unit" at 19 */
  { "kick at 5 sigma 1 unit 3 0\n", 0, RS_EINVAL, 1, 19,
    "kick: the network has layers 1 to 1, not 3" },
  { "network 1 4 1\nkick at 5 sigma 1 unit 1 4\n", 0, RS_EINVAL, 2, 19,
    "kick: layer 1 has units 0 to 3, not 4" },
  /* 73: weights 19-25, biases at 27 */
  { "kick at 5 sigma 1 weights biases\n", 0, RS_ESYNTAX, 1, 27,
    "'weights' and 'biases' exclude each other" },
  { "kick at 5 sigma 1 sead 3\n", 0, RS_ESYNTAX, 1, 19,
    "unknown option 'sead' of 'kick' (did you mean 'seed'?)" },
  /* 75 */
  { "at 10 alhpa 0.1\n", 0, RS_EINVAL, 1, 7,
    "unknown event 'alhpa' (did you mean 'alpha'?)" },
  { "at 10 rate 0\n", 0, RS_EINVAL, 1, 12,
    "rate 0 is out of range: it must be in (0, 100]" },
  { "autokick 1.5\n", 0, RS_ESYNTAX, 1, 10,
    "expected 'sigma' (autokick sigma S), found '1.5'" },
  /* 78: "autokick sigma 1 patience " is 26 bytes */
  { "autokick sigma 1 patience 0\n", 0, RS_EINVAL, 1, 27,
    "autokick patience 0 is out of range: it must be in [1, 10000000]" },
  { "record 5\n", 0, RS_ESYNTAX, 1, 8,
    "expected 'every' (record every K), found '5'" },
  /* 80: the end of the line at 23 */
  { "temperature 0.5 cosine\n", 0, RS_ESYNTAX, 1, 23,
    "expected a number for temperature total, found end of line" },
  { "loss cross_entropy\n", 0, RS_EINVAL, 1, 6,
    "unknown loss 'cross_entropy' (known: mse, softmax_ce, relu_norm_ce, "
    "sigmoid_bce)" },
  { "init glorot\n", 0, RS_EINVAL, 1, 6,
    "unknown init scheme 'glorot' (known: he_normal, he_uniform, "
    "xavier_normal, xavier_uniform, constant)" },
  /* 83: only the constant scheme takes a value */
  { "init he_normal 0.5\n", 0, RS_ESYNTAX, 1, 16,
    "unexpected '0.5' after the values of 'init' (it takes: SCHEME [C])" },
  { "batch 8.5\n", 0, RS_EINVAL, 1, 7,
    "batch must be a whole number, not 8.5" },
  /* 85 */
  { "optimiser adam\n", 0, RS_ESYNTAX, 1, 1,
    "unknown keyword 'optimiser' (did you mean 'optimizer'?)" },
  /* 86: softmax belongs to the loss (softmax_ce), not to the layers */
  { "network 1 4 2\noutput softmax\n", 0, RS_EINVAL, 2, 8,
    "unknown output activation 'softmax' (known: identity, sigmoid, tanh, "
    "relu, leaky_relu, elu, softplus, prelu)" },
  { "network 1 8 1\nset a1[0] 0.3\n", 0, RS_EINVAL, 2, 5,
    "a1[0]: layer 1 has no trainable slope (its activation is relu, not "
    "prelu)" },
  /* 88-: the figure's keywords */
  { "view landscpe\n", 0, RS_EINVAL, 1, 6,
    "unknown view 'landscpe' (did you mean 'landscape'?)" },
  { "view\n", 0, RS_ESYNTAX, 1, 5,
    "expected a view (landscape, activation, network, timeline, histogram, "
    "depth, heads, basin, trace or data), found end of line" },
  { "view landscape 4d\n", 0, RS_ESYNTAX, 1, 16, "malformed number '4d'" },
  { "view landscape 2d 3d\n", 0, RS_ESYNTAX, 1, 19,
    "'2d' and '3d' exclude each other" },
  { "view landscape random pca\n", 0, RS_ESYNTAX, 1, 23,
    "'random' and 'pca' exclude each other" },
  { "view basin 3d\n", 0, RS_ESYNTAX, 1, 12,
    "'3d' is an option of a landscape, not of a basin map" },
  { "view timeline grid 40\n", 0, RS_ESYNTAX, 1, 15,
    "unexpected 'grid' after the values of 'view'" },
  { "view landscape over W1[0][0] W1[0][0]\n", 0, RS_EINVAL, 1, 30,
    "a plane needs two different parameters, not W1[0][0] twice" },
  { "view landscape over W1[0][0]\n", 0, RS_ESYNTAX, 1, 29,
    "expected a parameter name such as W1[0][1] or b1[0], found end of "
    "line" },
  { "network 1 4 1\nview landscape over W1[0][0] b1[4]\n", 0, RS_EINVAL, 2,
    30, "b1[4]: layer 1 has units 0 to 3" },
  { "view landscape over w b\n", 0, RS_EINVAL, 1, 21,
    "'w' is not a parameter name: names look like W1[0][1], b1[0] or a1[0]" },
  { "view landscape range [-1, 1]\n", 0, RS_ESYNTAX, 1, 29,
    "expected '[' to open a range such as [-3, 3], found end of line" },
  { "view landscape range [1, -1] [0, 1]\n", 0, RS_EINVAL, 1, 22,
    "the view's first axis [1, -1] is empty" },
  { "view landscape grid 8\n", 0, RS_EINVAL, 1, 21,
    "view grid 8 is out of range: it must be in [16, 2048]" },
  /* a landscape pinned to a step the run takes (steps 200 by default) */
  { "view landscape at 201\n", 0, RS_EINVAL, 1, 19,
    "a landscape pinned at step 201, but the run has steps 0 to 200" },
  { "steps 20\nview timeline\nview landscape 3d at 21 grid 32\n", 0,
    RS_EINVAL, 3, 22, "a landscape pinned at step 21, but the run has steps "
    "0 to 20" },
  { "view landscape at\n", 0, RS_ESYNTAX, 1, 18,
    "expected a number for view at, found end of line" },
  { "view landscape at 2.5\n", 0, RS_EINVAL, 1, 19,
    "view at must be a whole number, not 2.5" },
  { "view basin at 3\n", 0, RS_ESYNTAX, 1, 12,
    "'at' is an option of a landscape, not of a basin map" },
  { "view depth\nview depth\nview depth\nview depth\nview depth\n"
    "view depth\nview depth\nview depth\nview depth\nview heads\n", 0,
    RS_EINVAL, 10, 1, "too many views (at most 9)" },
  { "layout grid\n", 0, RS_ESYNTAX, 1, 12,
    "expected the grid's COLSxROWS, such as 2x2, found end of line" },
  { "layout grid 5x1\n", 0, RS_EINVAL, 1, 13,
    "grid 5x1 is out of range: columns and rows are whole numbers from 1 "
    "to 4" },
  { "layout grid 1.5x2\n", 0, RS_EINVAL, 1, 13,
    "grid 1.5x2 is out of range" },
  { "view landscape\nview timeline\nview network\nlayout grid 1x2\n", 0,
    RS_EINVAL, 4, 13, "grid 1x2 holds 2 views, but the scene has 3" },
  { "network 1 4 1\nlayout grid 2x1\n", 0, RS_EINVAL, 2, 13,
    "grid 2x1 holds 2 views, but the scene has 3 (the defaults)" },
  { "layout stacked\n", 0, RS_EINVAL, 1, 8,
    "unknown layout 'stacked' (known: auto, row, column, grid)" },
  { "theme drak\n", 0, RS_EINVAL, 1, 7,
    "unknown theme 'drak' (did you mean 'dark'?)" },
  { "colormap jet\n", 0, RS_EINVAL, 1, 10,
    "unknown colour map 'jet' (known: viridis, cividis, magma, grey)" },
  { "colorscale lg\n", 0, RS_EINVAL, 1, 12,
    "unknown colour scale 'lg' (did you mean 'log'?)" },
  { "font Sans\n", 0, RS_ESYNTAX, 1, 6,
    "expected a quoted font family such as \"DejaVu Sans\", found 'Sans'" },
  { "font \"Sans\" 100\n", 0, RS_EINVAL, 1, 13,
    "font size 100 is out of range: it must be in [4, 72]" },
  { "font \"Sans;bold\"\n", 0, RS_EINVAL, 1, 6,
    "a font family has letters, digits, spaces and - _ . , only; ';' is not "
    "one" },
  { "font \"\"\n", 0, RS_EINVAL, 1, 6, "a font family has 1 to 63 characters" },
  { "size 800\n", 0, RS_ESYNTAX, 1, 6,
    "expected a size WxH for size, such as 1200x800 or 12x8 cm, found '800'" },
  { "size 8x6\n", 0, RS_EINVAL, 1, 6,
    "size 8x6 px is out of range: each side must be in [16, 16384] px" },
  { "size 600x400 cm\n", 0, RS_EINVAL, 1, 6,
    "size 600x400 cm is out of range: each side must be in [1, 500] cm" },
  { "size 800x600 in\n", 0, RS_ESYNTAX, 1, 14,
    "unexpected 'in' after the values of 'size'" },
  { "size 800x-600\n", 0, RS_ESYNTAX, 1, 6, "malformed size '800x-600'" },
  { "camera 200 30\n", 0, RS_EINVAL, 1, 8,
    "camera azimuth 200 is out of range: it must be in [-180, 180]" },
  { "camera 30\n", 0, RS_ESYNTAX, 1, 10,
    "expected a number for camera elevation, found end of line" },
  { "export figure.pdf\n", 0, RS_ESYNTAX, 1, 8,
    "expected a quoted file name such as \"figure.pdf\", found 'figure'" },
  { "export \"figure.jpg\"\n", 0, RS_EINVAL, 1, 8,
    "cannot tell the format of \"figure.jpg\" from its name: it must end in "
    ".png, .pdf, .svg, .mp4 or .gif" },
  { "export \"a.png\" dpi 5\n", 0, RS_EINVAL, 1, 20,
    "dpi 5 is out of range: it must be in [10, 2400]" },
  { "export \"a.png\" size 10x10 cm dpi 100 size 5x5 cm\n", 0, RS_ESYNTAX,
    1, 38, "'size' is given twice" },
  { "export \"a.pdf\" sise 10x10\n", 0, RS_ESYNTAX, 1, 16,
    "unknown option 'sise' of 'export' (did you mean 'size'?)" },
  { "notes unquoted\n", 0, RS_ESYNTAX, 1, 7,
    "expected a quoted paragraph such as \"Watch the ball stop.\", found "
    "'unquoted'" },
  { "data csv\n", 0, RS_ESYNTAX, 1, 9,
    "expected a quoted file name such as \"points.csv\" (relative to the "
    "scene's folder), found end of line" },
  { "data csv \"\"\n", 0, RS_EINVAL, 1, 10, "the data file's name is empty" },
  { "line 1 2\ndata csv \"a.csv\"\n", 0, RS_ESYNTAX, 2, 6,
    "data csv cannot go with 'line' on line 1" },
  { "data csv \"a.csv\"\nline 1 2\n", 0, RS_ESYNTAX, 2, 1,
    "'line' sets the slope and intercept of the line data; it cannot go "
    "with 'data csv' on line 1" },
  { "data csvv \"a.csv\"\n", 0, RS_EINVAL, 1, 6,
    "unknown data generator 'csvv'" },
  /* scenes that check passed and the run refused (issue 17): the run's
   * own checks are made when the scene is read, at the line they
   * concern.  Two outputs against the line data's one target: */
  { "network 1 4 2\nsteps 10\n", 0, RS_EINVAL, 1, 9,
    "mse needs one target per output: the data has 1, the network 2 "
    "outputs" },
  { "network 1 4 1\nloss softmax_ce\n", 0, RS_EINVAL, 2, 1,
    "softmax_ce needs 2 or more outputs, one per class; the network has "
    "1" },
  /* a basin map trains from each of grid^2 starts: 1024 a side at most
   * (rs_basin_alloc), whatever a landscape's grid may be */
  { "view basin grid 2048\n", 0, RS_EINVAL, 1, 6,
    "a basin map has at most grid 1024 (it trains from every start), not "
    "2048" },
  { "view basin\nsteps 2000000\n", 0, RS_EINVAL, 2, 1,
    "a scene with a basin map runs at most 1000000 steps from each start, "
    "not 2000000" },
  /* a sign glued to a number is no second number; -inf and nan are no
   * numbers at all (issue 17) */
  { "start 1-2\n", 0, RS_ESYNTAX, 1, 7,
    "malformed number '1-2' (two numbers need a space between them)" },
  { "network 1+4+1\n", 0, RS_ESYNTAX, 1, 9,
    "malformed number '1+4+1' (two numbers need a space between them)" },
  { "size 800x-0 cm\n", 0, RS_ESYNTAX, 1, 6,
    "malformed size '800x-0': a size is WxH, two positive numbers such as "
    "800x600" },
  { "rate -inf\n", 0, RS_ESYNTAX, 1, 6,
    "'-inf' is not a number: numbers are finite, such as -1.5" },
  { "rate nan\n", 0, RS_ESYNTAX, 1, 6,
    "expected a number for rate, found 'nan' (numbers are finite)" },
  /* a NUL byte in a string, found by the fuzzer: "notes \"a" is 8 bytes */
  { "notes \"a\0b\"\n", 12, RS_ESYNTAX, 1, 9,
    "a string cannot hold the control byte 0x00" },
  /* control bytes could retitle or clear the terminal that shows the
   * title (ESC ] 0 ; ...), and invalid UTF-8 lost the title in Pango:
   * errors at the byte's column ("title \"" is 7 bytes) */
  { "title \"a\033]0;pwned\007\"\n", 0, RS_ESYNTAX, 1, 9,
    "a string cannot hold the control byte 0x1b" },
  { "notes \"caf\xc3\"\n", 0, RS_ESYNTAX, 1, 11,
    "a string must be valid UTF-8, not the byte 0xc3" },
  { "title \"\xe9t\xe9\"\n", 0, RS_ESYNTAX, 1, 8,
    "a string must be valid UTF-8, not the byte 0xe9" },
  /* an overlong '/' (0xc0 0xaf) and a UTF-16 surrogate (U+D800) */
  { "title \"a\xc0\xaf\"\n", 0, RS_ESYNTAX, 1, 9,
    "a string must be valid UTF-8, not the byte 0xc0" },
  { "title \"\xed\xa0\x80\"\n", 0, RS_ESYNTAX, 1, 8,
    "a string must be valid UTF-8, not the byte 0xed" },
  /* a trace view */
  { "view trace\n", 0, RS_ESYNTAX, 1, 11,
    "expected what to trace (a parameter such as b1[0], gamma or rate), "
    "found end of line" },
  { "network 1 3 1\nview trace b1[0] b1[0]\n", 0, RS_ESYNTAX, 2, 18,
    "b1[0] is traced twice" },
  { "network 1 3 1\nview trace gamma b1[5]\n", 0, RS_EINVAL, 2, 18,
    "b1[5]: layer 1 has units 0 to 2" },
  { "network 1 3 1\nview trace gamma rate b1[0] b1[1] b1[2]\n", 0,
    RS_EINVAL, 2, 35, "a trace shows at most 4 series" },
  { "view trace gama\n", 0, RS_EINVAL, 1, 12,
    "'gama' is not a parameter name: names look like W1[0][1], b1[0] or "
    "a1[0]" },
  /* 134-: a layer's own activation */
  { "network 1 4 1\nlayer 3 tanh\n", 0, RS_EINVAL, 2, 7,
    "layer 3: the network has layers 1 to 2" },
  { "layer 1 tanh\n", 0, RS_EINVAL, 1, 7,
    "layer 1: 'layer' sets a network's layer, and there is no network (the "
    "single neuron takes 'activation')" },
  { "network 1 4 1\nlayer 0 tanh\n", 0, RS_EINVAL, 2, 7,
    "layer 0 is out of range: it must be in [1, 65]" },
  { "network 1 4 1\nlayer 1 tanh\nlayer 1 relu\n", 0, RS_ESYNTAX, 3, 7,
    "layer 1's activation is already set on line 2" },
  { "network 1 4 1\nlayer 1 leaky_relu 0.2\n", 0, RS_ESYNTAX, 2, 20,
    "leaky_relu takes its slope from 'alpha' (alpha A)" },
  { "network 1 4 1\nlayer 1 tahn\n", 0, RS_EINVAL, 2, 9,
    "unknown activation 'tahn' (did you mean 'tanh'?)" },
  { "network 1 4 1\nlayer 1 elu 20\n", 0, RS_EINVAL, 2, 13,
    "elu's alpha 20 is out of range" },
  /* focus: a hidden unit of the network, at its layer's column 7 */
  { "network 1 4 4 1\nfocus 3 0\n", 0, RS_EINVAL, 2, 7,
    "focus 3 0: the network's hidden units are in layers 1 to 2" },
  { "network 1 4 1\nfocus 2 0\n", 0, RS_EINVAL, 2, 7,
    "hidden units are in layer 1" },
  { "network 1 4 1\nfocus 1 4\n", 0, RS_EINVAL, 2, 7,
    "focus 1 4: layer 1 has units 0 to 3" },
  { "focus 1 0\n", 0, RS_EINVAL, 1, 7,
    "focus picks a hidden unit of a network, and there is no network" },
  { "network 1 4 1\nfocus 0 1\n", 0, RS_EINVAL, 2, 7,
    "focus layer 0 is out of range" },
  { "network 1 4 1\nfocus 1\n", 0, RS_ESYNTAX, 2, 8,
    "expected a number for focus unit" },
  { "network 1 4 1\nfocus 1 0\nfocus 1 1\n", 0, RS_ESYNTAX, 3, 1,
    "'focus' is already set on line 2" },
  /* pace: its kind, its values' ranges and words, holds and spans that
   * meet, steps past the run */
  { "pace hld 1 at 3\n", 0, RS_EINVAL, 1, 6,
    "unknown pace 'hld' (did you mean 'hold'?)" },
  { "pace hold 0 at 3\n", 0, RS_EINVAL, 1, 11,
    "the hold 0 is out of range: it must be in (0, 60]" },
  { "pace hold 61 at 3\n", 0, RS_EINVAL, 1, 11, "out of range" },
  { "pace hold 1 on 3\n", 0, RS_ESYNTAX, 1, 13,
    "expected 'at' (pace hold SECONDS at STEP), found 'on'" },
  { "pace hold 1 at 2.5\n", 0, RS_EINVAL, 1, 16, "a whole number" },
  { "fps 0\n", 0, RS_EINVAL, 1, 5,
    "fps 0 is out of range: it must be in [1, 120]" },
  { "fps 2.5\n", 0, RS_EINVAL, 1, 5, "fps must be a whole number, not 2.5" },
  { "duration 0.05\n", 0, RS_EINVAL, 1, 10,
    "duration 0.05 is out of range: it must be in [0.1, 600]" },
  { "duration 10\nduration 5\n", 0, RS_ESYNTAX, 2, 1,
    "'duration' is already set on line 1" },
  { "pace speed 0.001 from 0 to 5\n", 0, RS_EINVAL, 1, 12,
    "the speed 0.001 is out of range: it must be in [0.01, 100]" },
  { "pace speed 2 to 5\n", 0, RS_ESYNTAX, 1, 14,
    "expected 'from' (pace speed FACTOR from STEP to STEP)" },
  { "pace speed 2 from 50 to 40\n", 0, RS_EINVAL, 1, 25,
    "the span's last step must come after its first" },
  { "pace speed 2 from end to end\n", 0, RS_EINVAL, 1, 26,
    "the span's last step must come after its first" },
  { "pace hold 1 at 30\npace hold 2 at 30\n", 0, RS_EINVAL, 2, 16,
    "a hold at this step is already set on line 1" },
  { "pace speed 2 from 0 to 50\npace speed 3 from 40 to end\n", 0,
    RS_EINVAL, 2, 19, "this span overlaps the one on line 1" },
  { "steps 100\npace hold 1 at 200\n", 0, RS_EINVAL, 2, 16,
    "pace step 200 is past the run's last step (steps 100)" },
  { "steps 100\npace speed 2 from 50 to 120\n", 0, RS_EINVAL, 2, 25,
    "pace step 120 is past the run's last step" },
};

#define N_BAD (sizeof bad_scenes / sizeof bad_scenes[0])

static size_t
bad_len (const bad_scene *b)
{
  return b->len != 0 ? b->len : strlen (b->text);
}

/* Each malformed scene fails with its code, file, line, column and
 * message. */
START_TEST (test_bad_scene)
{
  const bad_scene *b = &bad_scenes[_i];
  rs_scene sc;
  rs_error err;
  int rc;

  rs_error_clear (&err);
  rc = rs_scene_parse (&sc, b->text, bad_len (b), "bad.scene", &err);
  ck_assert_msg (rc == b->code, "case %d: code %d, expected %d (%s)", _i, rc,
                 b->code, err.message);
  ck_assert_int_eq (err.code, b->code);
  ck_assert_str_eq (err.file, "bad.scene");
  ck_assert_msg (err.line == b->line && err.col == b->col,
                 "case %d: at %d:%d, expected %d:%d (%s)", _i, err.line,
                 err.col, b->line, b->col, err.message);
  ck_assert_msg (strstr (err.message, b->message) != NULL,
                 "case %d: message '%s' lacks '%s'", _i, err.message,
                 b->message);
}
END_TEST

/* The report reads "file:line:col: error: message". */
START_TEST (test_error_format)
{
  rs_scene sc;
  rs_error err;
  char buf[800];

  rs_error_clear (&err);
  ck_assert_int_eq (rs_scene_parse (&sc, "activation reul\n", 16,
                                    "scenes/x.scene", &err), RS_EINVAL);
  ck_assert_str_eq (rs_error_format (&err, buf, sizeof buf),
                    "scenes/x.scene:1:12: error: unknown activation 'reul' "
                    "(did you mean 'relu'?)");
}
END_TEST

/* Only len bytes are read: text past it is not part of the scene. */
START_TEST (test_length_respected)
{
  rs_scene sc;
  rs_error err;

  ck_assert_int_eq (rs_scene_parse (&sc, "seed 5\n@@@", 7, "x", &err), RS_OK);
  ck_assert_uint_eq (sc.sim.seed, 5);
}
END_TEST

/* Strings are whole or an error: 255 bytes are kept (an export path of
 * 251 bytes and ".png"), 256 bytes are refused at the string's column,
 * and a title of 2-byte characters is never cut in a character.  The
 * lexer used to cut every string at 255 bytes before any length check,
 * so that a 261-byte export path wrote a different file. */
START_TEST (test_string_lengths)
{
  char text[700], name[300];
  rs_scene sc;
  rs_error err;

  memset (name, 'a', 251);
  memcpy (name + 251, ".png", 5);
  snprintf (text, sizeof text, "export \"%s\"\n", name);
  parse_ok (&sc, text);
  ck_assert_str_eq (sc.exports[0].path, name);
  memset (name, 'a', 257);
  memcpy (name + 257, ".png", 5);                /* 261 bytes */
  snprintf (text, sizeof text, "seed 1\nexport \"%s\"\n", name);
  ck_assert_int_eq (rs_scene_parse (&sc, text, strlen (text), "x", &err),
                    RS_EINVAL);
  ck_assert_int_eq (err.line, 2);
  ck_assert_int_eq (err.col, 8);
  ck_assert_str_eq (err.message, "the string is too long (at most 255 "
                    "bytes)");
  /* 128 two-byte characters: 256 bytes, refused, never half of one */
  memcpy (text, "title \"", 7);
  for (int i = 0; i < 128; i++)
    memcpy (text + 7 + 2 * i, "\xc3\xa9", 2);
  memcpy (text + 7 + 256, "\"\n", 3);
  ck_assert_int_eq (rs_scene_parse (&sc, text, strlen (text), "x", &err),
                    RS_EINVAL);
  ck_assert_int_eq (err.col, 7);
  text[7 + 254] = '"';                          /* 127 characters fit */
  text[7 + 255] = '\n';
  text[7 + 256] = '\0';
  parse_ok (&sc, text);
  ck_assert_uint_eq (strlen (sc.title), 254);
}
END_TEST

/* A 'freeze' line at the very end of a text that is not NUL-terminated:
 * its names are read up to the text's end and no further (the scene
 * fuzzer found a read past the end; the sanitizer build catches it). */
START_TEST (test_freeze_at_end)
{
  static const char line[] = "network 1 3 1\nfreeze W1[0][0]";
  size_t len = sizeof line - 1;
  char *text = malloc (len);
  rs_scene sc;
  rs_error err;

  ck_assert_ptr_nonnull (text);
  memcpy (text, line, len);
  ck_assert_int_eq (rs_scene_parse (&sc, text, len, "x", &err), RS_OK);
  ck_assert_uint_eq (sc.sim.n_frozen, 1);
  ck_assert_str_eq (sc.sim.frozen[0], "W1[0][0]");
  free (text);
}
END_TEST

/* The return code does not depend on whether the caller wants the report:
 * with err NULL every bad scene gives the same code as with one. */
START_TEST (test_code_without_report)
{
  for (size_t i = 0; i < N_BAD; i++)
    {
      rs_scene sc;
      int rc = rs_scene_parse (&sc, bad_scenes[i].text,
                               bad_len (&bad_scenes[i]), "bad.scene", NULL);

      ck_assert_msg (rc == bad_scenes[i].code,
                     "case %zu ('%s'): code %d without err, %d with it", i,
                     bad_scenes[i].text, rc, bad_scenes[i].code);
    }
}
END_TEST

/* A missing file: RS_EIO naming the path, with no line. */
START_TEST (test_load_missing)
{
  const char *path = "/nonexistent-reluscape-dir/none.scene";
  rs_scene sc;
  rs_error err;

  rs_error_clear (&err);
  ck_assert_int_eq (rs_scene_load (&sc, path, &err), RS_EIO);
  ck_assert_int_eq (err.code, RS_EIO);
  ck_assert_str_eq (err.file, path);
  ck_assert_int_eq (err.line, 0);
  ck_assert_uint_gt (strlen (err.message), 0);
}
END_TEST

/* A directory is not a scene. */
START_TEST (test_load_directory)
{
  rs_scene sc;
  rs_error err;

  rs_error_clear (&err);
  ck_assert_int_eq (rs_scene_load (&sc, RS_TOP_SRCDIR "/scenes", &err),
                    RS_EIO);
  ck_assert_str_eq (err.file, RS_TOP_SRCDIR "/scenes");
}
END_TEST

/* A file on disk parses like the same text in memory, and its errors
 * name the file's path. */
START_TEST (test_load_file)
{
  char path[] = "/tmp/check_scene_XXXXXX";
  int fd = mkstemp (path);
  FILE *f;
  rs_scene sc;
  rs_error err;

  ck_assert_int_ne (fd, -1);
  f = fdopen (fd, "w");
  ck_assert_ptr_nonnull (f);
  fputs (every_keyword, f);
  fclose (f);
  rs_error_clear (&err);
  ck_assert_int_eq (rs_scene_load (&sc, path, &err), RS_OK);
  ck_assert_uint_eq (sc.sim.seed, 2385);
  ck_assert_double_eq_tol (sc.b_range.hi, 3.125, 1e-15);

  f = fopen (path, "w");
  ck_assert_ptr_nonnull (f);
  fputs ("seed 3\n\nrate -0.5\n", f);
  fclose (f);
  ck_assert_int_eq (rs_scene_load (&sc, path, &err), RS_EINVAL);
  ck_assert_str_eq (err.file, path);
  ck_assert_int_eq (err.line, 3);
  ck_assert_int_eq (err.col, 6);
  unlink (path);
}
END_TEST

/* Run the scene sc (read from path) to its last step. */
static void
run_to_end (const rs_scene *sc, const char *path)
{
  rs_error err;
  rs_sim *s;

  rs_error_clear (&err);
  s = rs_sim_alloc (&sc->sim, &err);
  ck_assert_msg (s != NULL, "%s: %s", path, err.message);
  ck_assert_msg (rs_sim_run (s) == RS_OK, "%s diverged", path);
  ck_assert_uint_eq (rs_sim_step_count (s), sc->sim.steps);
  ck_assert_int_ne (rs_sim_test (s), RS_SIM_DIVERGED);
  rs_sim_free (s);
}

/* Every scene shipped in scenes/ loads, makes a valid run and runs to
 * its last step without diverging. */
START_TEST (test_shipped_scenes)
{
  DIR *dir = opendir (RS_TOP_SRCDIR "/scenes");
  struct dirent *e;
  size_t n = 0;

  ck_assert_ptr_nonnull (dir);
  while ((e = readdir (dir)) != NULL)
    {
      size_t len = strlen (e->d_name);
      char path[4096], buf[800];
      rs_scene sc;
      rs_error err;

      if (len < 7 || strcmp (e->d_name + len - 6, ".scene") != 0)
        continue;
      snprintf (path, sizeof path, "%s/scenes/%s", RS_TOP_SRCDIR, e->d_name);
      rs_error_clear (&err);
      ck_assert_msg (rs_scene_load (&sc, path, &err) == RS_OK, "%s",
                     rs_error_format (&err, buf, sizeof buf));
      ck_assert_msg (rs_sim_params_check (&sc.sim, &err) == RS_OK, "%s: %s",
                     path, err.message);
      run_to_end (&sc, path);
      n++;
    }
  closedir (dir);
  ck_assert_uint_gt (n, 0);
}
END_TEST

/* A file of the source tree, NUL-terminated, which the caller frees. */
static char *
slurp (const char *name, size_t *len)
{
  char path[4096], *text;
  rs_error err;

  snprintf (path, sizeof path, "%s/%s", RS_TOP_SRCDIR, name);
  ck_assert_msg (rs_scene_read (path, &text, len, &err) == RS_OK, "%s",
                 err.message);
  return text;
}

/* The examples of doc/reluscape-scene.5 (the .nf ... .fi blocks after
 * EXAMPLES, roff's \- and \e undone) are scenes, and the network example
 * is scenes/net-cures.scene from its title on. */
START_TEST (test_man_examples)
{
  size_t len, n = 0;
  char *page = slurp ("doc/reluscape-scene.5", &len);
  char *cures = slurp ("scenes/net-cures.scene", &len);
  const char *p = strstr (page, "\n.SH EXAMPLES\n");
  int matched = 0;

  ck_assert_ptr_nonnull (p);
  while ((p = strstr (p, "\n.nf\n")) != NULL)
    {
      const char *end = strstr (p, "\n.fi\n");
      char text[4096];
      size_t k = 0;
      rs_scene sc;

      ck_assert_ptr_nonnull (end);
      for (p += 5; p <= end && k + 1 < sizeof text; p++)
        if (p[0] == '\\' && (p[1] == '-' || p[1] == 'e'))
          text[k++] = *++p == 'e' ? '\\' : '-';
        else
          text[k++] = *p;
      text[k] = '\0';
      parse_ok (&sc, text);
      matched |= strcmp (text, strstr (cures, "\ntitle ") + 1) == 0;
      n++;
    }
  ck_assert_uint_eq (n, 3);
  ck_assert_msg (matched, "the network example is not scenes/net-cures.scene");
  free (cures);
  free (page);
}
END_TEST

/* Dead hidden units at the end of the run of the shipped scene `name`. */
static size_t
dead_at_end (const char *name)
{
  char path[4096];
  rs_scene sc;
  rs_error err;
  rs_sim *s;
  size_t dead;

  snprintf (path, sizeof path, "%s/scenes/%s", RS_TOP_SRCDIR, name);
  ck_assert_msg (rs_scene_load (&sc, path, &err) == RS_OK, "%s",
                 err.message);
  s = rs_sim_alloc (&sc.sim, &err);
  ck_assert_msg (s != NULL, "%s", err.message);
  ck_assert_int_eq (rs_sim_run (s), RS_OK);
  dead = rs_sim_dead_units (s, NULL, 0);
  rs_sim_free (s);
  return dead;
}

/* What the network scenes are for: units die in net-dead.scene; the
 * cures on the same network, data and seed keep more of them alive, and
 * so does the kick on the same run. */
START_TEST (test_net_scenes_story)
{
  size_t dead = dead_at_end ("net-dead.scene");

  ck_assert_uint_gt (dead, 0);
  ck_assert_uint_lt (dead_at_end ("net-cures.scene"), dead);
  ck_assert_uint_lt (dead_at_end ("net-kick.scene"), dead);
}
END_TEST

/* ---- Every error of a file ---- */

/* Parse text named "test.scene" with a report. */
static int
parse_report (rs_scene *sc, const char *text, rs_scene_report *rep)
{
  return rs_scene_parse_report (sc, text, strlen (text), "test.scene", rep);
}

/* Entry e of a report is at line:col with exactly this message. */
static void
assert_diag (const rs_error *e, int line, int col, const char *message)
{
  ck_assert_str_eq (e->file, "test.scene");
  ck_assert_msg (e->line == line && e->col == col, "at %d:%d, expected "
                 "%d:%d (%s)", e->line, e->col, line, col, e->message);
  ck_assert_str_eq (e->message, message);
}

/* Three bad lines among good ones: each error in the order of the text,
 * the lines between them read; the first error is rs_scene_parse's. */
START_TEST (test_report_errors_in_order)
{
  static const char text[] =
    "seed 3\n"
    "stpes 100\n"             /* 2:1 */
    "rate 0.25\n"
    "  alpha 1.25\n"          /* 3:9, two blanks and "alpha " */
    "noise 0.5 0.25\n"        /* 5:11 */
    "steps 40\n";
  rs_scene_report rep;
  rs_scene sc;
  rs_error err;

  ck_assert_int_eq (parse_report (&sc, text, &rep), RS_ESYNTAX);
  ck_assert_uint_eq (rep.n, 3);
  ck_assert_int_eq (rep.stopped, 0);
  assert_diag (&rep.e[0], 2, 1, "unknown keyword 'stpes' (did you mean "
               "'steps'?)");
  assert_diag (&rep.e[1], 4, 9, "alpha 1.25 is out of range: it must be "
               "in [0, 1)");
  assert_diag (&rep.e[2], 5, 11, "unexpected '0.25' after the values of "
               "'noise' (it takes: SIGMA)");
  ck_assert_int_eq (rep.e[0].code, RS_ESYNTAX);
  ck_assert_int_eq (rep.e[1].code, RS_EINVAL);
  ck_assert_uint_eq (sc.sim.seed, 3);
  ck_assert_double_eq_tol (sc.sim.rate, 0.25, 1e-15);
  ck_assert_uint_eq (sc.sim.steps, 40);
  ck_assert_uint_eq (rep.nwarn, 0);

  rs_error_clear (&err);
  ck_assert_int_eq (parse (&sc, text, &err), RS_ESYNTAX);
  ck_assert_int_eq (err.line, 2);
  ck_assert_str_eq (err.message, rep.e[0].message);
}
END_TEST

/* The parse goes on at the line after the error, also when the error is
 * the end of a line (which the lexer has read), an unterminated string
 * (the lexer stopped at the line's end) or a bad byte. */
START_TEST (test_report_recovery)
{
  static const char text[] =
    "rate\n"                  /* 1:5, the end of the line */
    "seed 3\n"
    "title \"open\n"          /* 3:7 */
    "points 31\n"
    "speed 8 @ 9\n"           /* 5:9 */
    "noise 0.125\n"
    "\001kink 0.5\n"          /* 7:1 */
    "kink 0.25";              /* no newline at the end */
  rs_scene_report rep;
  rs_scene sc;

  ck_assert_int_eq (parse_report (&sc, text, &rep), RS_ESYNTAX);
  ck_assert_uint_eq (rep.n, 4);
  assert_diag (&rep.e[0], 1, 5, "expected a number for rate, found end of "
               "line");
  assert_diag (&rep.e[1], 3, 7, "unterminated string (a string ends with "
               "'\"' on the same line)");
  assert_diag (&rep.e[2], 5, 9, "unexpected character '@'");
  assert_diag (&rep.e[3], 7, 1, "unexpected byte 0x01 (scenes are plain "
               "ASCII outside strings and comments)");
  ck_assert_uint_eq (sc.sim.seed, 3);
  ck_assert_uint_eq (sc.sim.n_points, 31);
  ck_assert_double_eq_tol (sc.sim.noise, 0.125, 1e-15);
  ck_assert_double_eq_tol (sc.sim.kink, 0.25, 1e-15);
}
END_TEST

/* 20 errors are kept; the 21st stops the parse with a note at it, and
 * the lines after it are not read.  Exactly 20 errors do not stop it. */
START_TEST (test_report_limit)
{
  char text[1024];
  size_t len = 0;
  rs_scene_report rep;
  rs_scene sc;

  for (int i = 0; i < RS_SCENE_MAX_ERRORS; i++)
    len += (size_t) snprintf (text + len, sizeof text - len, "frob %d\n", i);
  snprintf (text + len, sizeof text - len, "seed 9\n");
  ck_assert_int_eq (parse_report (&sc, text, &rep), RS_ESYNTAX);
  ck_assert_uint_eq (rep.n, RS_SCENE_MAX_ERRORS);
  ck_assert_int_eq (rep.stopped, 0);
  ck_assert_uint_eq (sc.sim.seed, 9);
  for (int i = 0; i < RS_SCENE_MAX_ERRORS; i++)
    assert_diag (&rep.e[i], i + 1, 1, "unknown keyword 'frob'");

  /* line 21 has the 21st error, in "rate x" at 6; seed on 22 is not read */
  snprintf (text + len, sizeof text - len, "rate x\nseed 9\nfrob\n");
  ck_assert_int_eq (parse_report (&sc, text, &rep), RS_ESYNTAX);
  ck_assert_uint_eq (rep.n, RS_SCENE_MAX_ERRORS);
  ck_assert_int_eq (rep.stopped, 1);
  assert_diag (&rep.note, 21, 6, "too many errors (more than 20): the rest "
               "of the file is not checked");
  ck_assert_uint_eq (sc.sim.seed, 1);
  ck_assert_uint_eq (rep.nwarn, 0);
}
END_TEST

/* The checks of several lines run only when every line parsed (a bad
 * rate does not bring the single neuron's check along); when they run,
 * each bad name and unit is an error of its own. */
START_TEST (test_report_end_checks)
{
  rs_scene_report rep;
  rs_scene sc;

  ck_assert_int_eq (parse_report (&sc, "activation sigmoid\nrate x\n", &rep),
                    RS_ESYNTAX);
  ck_assert_uint_eq (rep.n, 1);
  assert_diag (&rep.e[0], 2, 6, "expected a number for rate, found 'x'");

  /* a 1-4-1 network has units 0 to 3 in layer 1 */
  ck_assert_int_eq (parse_report (&sc, "network 1 4 1\nset W1[4][0] 1\n"
                                  "set b1[9] 2\nkick at 5 sigma 1 unit 1 7\n",
                                  &rep), RS_EINVAL);
  ck_assert_uint_eq (rep.n, 3);
  assert_diag (&rep.e[0], 2, 5, "W1[4][0]: layer 1 has units 0 to 3");
  assert_diag (&rep.e[1], 3, 5, "b1[9]: layer 1 has units 0 to 3");
  assert_diag (&rep.e[2], 4, 19, "kick: layer 1 has units 0 to 3, not 7");
}
END_TEST

/* With a report or without, the first error is the same: code, place and
 * message, for every malformed scene of the table. */
START_TEST (test_report_first_is_parse_error)
{
  const bad_scene *b = &bad_scenes[_i];
  rs_scene_report rep;
  rs_scene sc;
  rs_error err;

  rs_error_clear (&err);
  ck_assert_int_eq (rs_scene_parse_report (&sc, b->text, bad_len (b),
                                           "bad.scene", &rep),
                    rs_scene_parse (&sc, b->text, bad_len (b), "bad.scene",
                                    &err));
  ck_assert_uint_ge (rep.n, 1);
  ck_assert_int_eq (rep.e[0].code, err.code);
  ck_assert_int_eq (rep.e[0].line, err.line);
  ck_assert_int_eq (rep.e[0].col, err.col);
  ck_assert_str_eq (rep.e[0].message, err.message);
}
END_TEST

/* ---- Warnings ---- */

typedef struct {
  const char *text;
  int line;
  int col;
  const char *message;   /* the whole message */
} warned_scene;

static const warned_scene warned_scenes[] = {
  /* 0: a kick at step 500 of a 200-step run (the default); 500 at 9 */
  { "kick at 500 sigma 1\n", 1, 9,
    "kick at 500 comes after the last step (steps 200): it never happens" },
  /* 1: a kick at STEP = steps is due once the run has ended */
  { "steps 120\nkick at 120 sigma 2.5 seed 4\n", 2, 9,
    "kick at 120 comes after the last step (steps 120): it never happens" },
  { "steps 50\nat 75 rate 0.5\n", 2, 4,
    "at 75 comes after the last step (steps 50): it never happens" },
  /* 3: 4.5 is right of w-range [-3, 3]; reported at the start's w, 7 */
  { "start 4.5 0.5\n", 1, 7,
    "start 4.5 0.5 lies outside the landscape (w-range [-3, 3], b-range "
    "[-3, 3]): the figure does not show where the ball starts" },
  /* 4: the default start (0.5, 0.5) is below b-range [1, 2.5] */
  { "b-range [1, 2.5]\n", 1, 1,
    "start 0.5 0.5 (the default) lies outside the landscape (w-range [-3, "
    "3], b-range [1, 2.5]): the figure does not show where the ball starts" },
  /* 5 */
  { "network 1 8 1\nstart 0.5 -1.25\n", 2, 1,
    "start is ignored with a network: it places the single neuron (use "
    "'set' for a network's parameters)" },
  { "init xavier_normal\n", 1, 1,
    "init is ignored without a network: the single neuron starts at "
    "'start'" },
  { "rate 0.2\n  bias 0.25\n", 2, 3,
    "bias is ignored without a network: the single neuron starts at "
    "'start'" },
  { "output sigmoid\n", 1, 1,
    "output is ignored without a network: the single neuron's activation "
    "is 'activation'" },
  /* 9: 30 + 150 + 100 = 280 > 250 steps */
  { "network 1 4 1\nsteps 250\nwarming 2 hold 150 anneal 100 from 30\n", 3,
    1, "warming ends at step 280 (from 30 + hold 150 + anneal 100), after "
    "the last step (steps 250): the run stops with the biases still "
    "shifted" },
  /* 10: "autokick sigma 0.5 patience " is 28 bytes */
  { "autokick sigma 0.5 patience 300\n", 1, 29,
    "autokick patience 300 is longer than the run (steps 200): it never "
    "kicks" },
  /* 11: the default patience 10, at the keyword */
  { "steps 7\nautokick sigma 0.5\n", 2, 1,
    "autokick patience 10 is longer than the run (steps 7): it never "
    "kicks" },
  /* 12-: the figure */
  { "view landscape\ncamera 10 20\n", 2, 1,
    "camera is ignored: no view is a 3-D landscape (view landscape 3d)" },
  { "camera 10 20\n", 1, 1,
    "camera is ignored: no view is a 3-D landscape (view landscape 3d)" },
  { "view timeline\nview network\ncolormap magma\n", 3, 1,
    "colormap is ignored: no view is a landscape or a basin map" },
  { "view depth\ncolorscale linear\n", 2, 1,
    "colorscale is ignored: no view is a landscape" },
  { "view landscape\nlayout column\n", 2, 1,
    "layout is ignored: the figure has one view" },
  { "data csv \"a.csv\"\nnoise 0.3\n", 2, 1,
    "noise is ignored with data csv: the file's points are used as they "
    "are" },
  { "points 50\ndata csv \"a.csv\"\n", 1, 1,
    "points is ignored with data csv: every row of the file is a point" },
  /* at the view's kind, "data" */
  { "data csv \"a.csv\"\nnetwork 3 4 1\nview data\n", 3, 6,
    "view data draws a network of one or two inputs; this one has 3: the "
    "panel stays empty" },
};

#define N_WARNED (sizeof warned_scenes / sizeof warned_scenes[0])

/* Each scene parses (RS_OK), with exactly one warning, at its place. */
START_TEST (test_warning)
{
  const warned_scene *w = &warned_scenes[_i];
  rs_scene_report rep;
  rs_scene sc;

  ck_assert_int_eq (parse_report (&sc, w->text, &rep), RS_OK);
  ck_assert_uint_eq (rep.n, 0);
  ck_assert_msg (rep.nwarn == 1, "case %d: %zu warnings", _i, rep.nwarn);
  ck_assert_int_eq (rep.w[0].code, RS_OK);
  assert_diag (&rep.w[0], w->line, w->col, w->message);
}
END_TEST

/* What the warnings leave alone: the scenes that use every keyword, a
 * start on the landscape's edge, a kick at the last step taken (steps -
 * 1), warming that ends at the last step, patience as long as the run,
 * and each scene shipped in scenes/ (a scene that warns there is a bug
 * in the scene). */
START_TEST (test_no_warnings)
{
  static const char *const texts[] = {
    every_keyword, every_net_keyword, every_figure_keyword,
    "start 3 -3\nkick at 199 sigma 1\nat 199 beat\n",
    "network 1 4 1\nwarming 1 hold 100 anneal 100\n"
    "autokick sigma 1 patience 200\n",
  };
  rs_scene_report rep;
  rs_scene sc;
  DIR *dir;
  struct dirent *e;

  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
    {
      ck_assert_int_eq (parse_report (&sc, texts[i], &rep), RS_OK);
      ck_assert_msg (rep.nwarn == 0, "text %zu: %s", i, rep.w[0].message);
    }
  dir = opendir (RS_TOP_SRCDIR "/scenes");
  ck_assert_ptr_nonnull (dir);
  while ((e = readdir (dir)) != NULL)
    {
      size_t n = strlen (e->d_name), len;
      char path[4096], *text;
      rs_error err;

      if (n < 7 || strcmp (e->d_name + n - 6, ".scene") != 0)
        continue;
      snprintf (path, sizeof path, "%s/scenes/%s", RS_TOP_SRCDIR, e->d_name);
      ck_assert_int_eq (rs_scene_read (path, &text, &len, &err), RS_OK);
      ck_assert_int_eq (rs_scene_parse_report (&sc, text, len, path, &rep),
                        RS_OK);
      ck_assert_msg (rep.nwarn == 0, "%s:%d: warning: %s", path,
                     rep.w[0].line, rep.w[0].message);
      free (text);
    }
  closedir (dir);
}
END_TEST

/* A warning about values from a line with an error would mislead: no
 * warning when 'steps' is bad or misspelt, nor about a start when the
 * range has an error; the others still come. */
START_TEST (test_warnings_after_errors)
{
  rs_scene_report rep;
  rs_scene sc;

  ck_assert_int_eq (parse_report (&sc, "steps 12.5\nkick at 500 sigma 1\n",
                                  &rep), RS_EINVAL);
  ck_assert_uint_eq (rep.n, 1);
  ck_assert_uint_eq (rep.nwarn, 0);
  ck_assert_int_eq (parse_report (&sc, "stpes 1000\nat 500 beat\n", &rep),
                    RS_ESYNTAX);
  ck_assert_uint_eq (rep.nwarn, 0);
  ck_assert_int_eq (parse_report (&sc, "w-range [5, 9\nstart 4 0\n"
                                  "init constant\n", &rep), RS_ESYNTAX);
  ck_assert_uint_eq (rep.n, 1);
  ck_assert_uint_eq (rep.nwarn, 1);
  assert_diag (&rep.w[0], 3, 1, "init is ignored without a network: the "
               "single neuron starts at 'start'");
}
END_TEST

/* Warnings come in the order of the text, whatever the order in which
 * they are found; beyond 20 they are counted, and the first 20 kept. */
START_TEST (test_warnings_order_and_limit)
{
  char text[2048];
  size_t len;
  rs_scene_report rep;
  rs_scene sc;

  ck_assert_int_eq (parse_report (&sc, "at 300 beat\nbias 1\n"
                                  "kick at 400 sigma 1\n", &rep), RS_OK);
  ck_assert_uint_eq (rep.nwarn, 3);
  ck_assert_int_eq (rep.w[0].line, 1);
  ck_assert_int_eq (rep.w[1].line, 2);
  ck_assert_int_eq (rep.w[2].line, 3);

  /* 25 late kicks on lines 2 ... 26, and a late event on line 1 */
  len = (size_t) snprintf (text, sizeof text, "at 900 beat\n");
  for (int i = 0; i < 25; i++)
    len += (size_t) snprintf (text + len, sizeof text - len,
                              "kick at %d sigma 1\n", 300 + i);
  ck_assert_int_eq (parse_report (&sc, text, &rep), RS_OK);
  ck_assert_uint_eq (rep.nwarn, RS_SCENE_MAX_WARNINGS);
  ck_assert_uint_eq (rep.more_warnings, 6);
  assert_diag (&rep.w[0], 1, 4, "at 900 comes after the last step (steps "
               "200): it never happens");
  for (int i = 1; i < RS_SCENE_MAX_WARNINGS; i++)
    ck_assert_int_eq (rep.w[i].line, i + 1);
}
END_TEST

/* ---- The canonical form ---- */

/* Format sc into a new NUL-terminated string, which the caller frees;
 * the length returned is that of the string. */
static char *
format (const rs_scene *sc)
{
  size_t n = rs_scene_format (sc, NULL, 0);
  char *buf = malloc (n + 1);

  ck_assert_ptr_nonnull (buf);
  ck_assert_uint_eq (rs_scene_format (sc, buf, n + 1), n);
  ck_assert_uint_eq (strlen (buf), n);
  return buf;
}

/* text -> scene -> canonical text -> scene: the two scenes are equal,
 * and the canonical text is a fixed point. */
static void
assert_round_trip (const char *text, const char *what)
{
  rs_scene a, b;
  rs_error err;
  char *once, *twice, buf[800];

  rs_error_clear (&err);
  ck_assert_msg (parse (&a, text, &err) == RS_OK, "%s: %s", what,
                 rs_error_format (&err, buf, sizeof buf));
  once = format (&a);
  ck_assert_msg (parse (&b, once, &err) == RS_OK, "%s printed: %s\n%s", what,
                 rs_error_format (&err, buf, sizeof buf), once);
  ck_assert_msg (rs_scene_equal (&a, &b), "%s: another scene after "
                 "printing:\n%s", what, once);
  twice = format (&b);
  ck_assert_str_eq (once, twice);
  free (twice);
  free (once);
}

/* The canonical form of a small scene, written by hand from the rules:
 * the table's order (title, seed, line, ..., kick), defaults left out
 * (seed 1 and the kick's default seed 7 + 1000 + 0), the title's quote
 * and backslash escaped, 0.1 + 0.2 in the 17 digits that tell it from
 * 0.3, -0 kept, the smallest double as 5e-324. */
START_TEST (test_format_canonical)
{
  static const char text[] =
    "kick at 3 sigma 0.5 seed 1007\n"
    "rate 0.30000000000000004   # 0.1 + 0.2\n"
    "seed 7\n"
    "start -0 4.9406564584124654e-324\n"
    "w-range [-4.5,2.25]\n"
    "steps 200\n"
    "title \"a \\\"b\\\" \\\\ c\"\n";
  static const char want[] =
    "title \"a \\\"b\\\" \\\\ c\"\n"
    "seed 7\n"
    "start -0 5e-324\n"
    "rate 0.30000000000000004\n"
    "w-range [-4.5, 2.25]\n"
    "kick at 3 sigma 0.5\n";
  rs_scene sc, def;
  char *got, small[8];

  parse_ok (&sc, text);
  got = format (&sc);
  ck_assert_str_eq (got, want);
  free (got);
  /* a short buffer: snprintf's contract */
  ck_assert_uint_eq (rs_scene_format (&sc, small, sizeof small),
                     strlen (want));
  ck_assert_str_eq (small, "title \"");
  /* the default scene is the empty text */
  rs_scene_default (&def);
  got = format (&def);
  ck_assert_str_eq (got, "");
  free (got);
  assert_round_trip (text, "the canonical example");
}
END_TEST

/* Printing and parsing again gives the same scene for the scenes of every
 * keyword, whose printed text has a line for each keyword of the table
 * (so a keyword without a printer fails here), and for the short forms
 * and the activations' parameters. */
START_TEST (test_round_trip_every_keyword)
{
  static const char *const more[] = {
    "optimizer momentum momentum 0.75\nschedule step 25 0.5\n"
    "autokick sigma 1.5\nwarming 2 hold 10 anneal 5\ninit constant\n"
    "decay 0 decoupled\ntemperature 0 cosine 40\nnetwork 1 3 1\n",
    "optimizer rmsprop eps 1e-6 rho 0.95\nschedule linear 300\n"
    "kick at 3 sigma 1 biases\nkick at 4 sigma 2 all seed 1001\n",
    "alpha 0.2385\noutput leaky_relu\nnetwork 1 8 8 1\n"
    "activation leaky_relu\n",
    "network 1 4 1\nactivation elu\noutput softplus 4.5\n",
    "network 2 1\nactivation softplus 2\noutput sigmoid\ndata circle 40\n",
    "network 1 4 4 1\nactivation elu 1\noutput elu 0.25\n",
    "data line 31\nline -0.5 0.25\n",
    "optimizer nesterov\nschedule cosine 100 0\n",
    "network 1 4 4 4 1\nactivation elu 0.25\nlayer 1 softplus 3\n"
    "layer 3 leaky_relu\nalpha 0.05\noutput tanh\nlayer 4 prelu -0.5\n",
    "network 1 4 4 1\nactivation softplus 2\nlayer 1 tanh\nlayer 2 relu\n",
    "network 1 3 1\nview trace W1[0][0] b1[2] gamma rate\nview trace b2[0]\n",
    "view landscape 2d\nview basin over W1[0][0] b1[0] range [-1, 1] "
    "[0, 2]\nsize 640x480 px\nfont \"Sans\" 10\nlayout row\n"
    "export \"x.png\" size 300x200 pt dpi 96\n",
    "view landscape\nview timeline\nlayout column\ntheme light\n"
    "colormap viridis\ncolorscale log\ncamera -35 30\nsize 1200x800\n"
    "notes \"\"\nnotes \"b\"\n",
    "notes \"a\"\nnotes \"\"\nnotes \"c\"\n",
  };
  rs_scene a, b, c;
  char *text;
  const rs_scene_keyword *k;

  assert_round_trip (every_keyword, "every_keyword");
  assert_round_trip (every_net_keyword, "every_net_keyword");
  assert_round_trip (every_figure_keyword, "every_figure_keyword");
  for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
    assert_round_trip (more[i], more[i]);
  parse_ok (&a, every_keyword);
  parse_ok (&b, every_net_keyword);
  parse_ok (&c, every_figure_keyword);
  for (size_t i = 0; (k = rs_scene_keyword_get (i)) != NULL; i++)
    {
      char line_start[80];
      char *ta = format (&a), *tb = format (&b), *tc = format (&c);

      snprintf (line_start, sizeof line_start, "\n%s ", k->name);
      ck_assert_msg (strstr (ta, line_start) != NULL
                     || strstr (tb, line_start) != NULL
                     || strstr (tc, line_start) != NULL
                     || strncmp (ta, line_start + 1, strlen (line_start) - 1)
                        == 0
                     || strncmp (tc, line_start + 1, strlen (line_start) - 1)
                        == 0,
                     "keyword '%s' is not printed", k->name);
      free (ta);
      free (tb);
      free (tc);
    }
  text = format (&b);
  ck_assert_ptr_nonnull (strstr (text, "\nactivation elu 0.385\n"));
  ck_assert_ptr_nonnull (strstr (text, "\noutput prelu -0.125\n"));
  ck_assert_ptr_nonnull (strstr (text, "\nkick at 500 sigma 1.25 weights\n"));
  free (text);
}
END_TEST

/* Every input the fuzzer found a fault with (tests/fuzz/crashes/) now
 * parses or fails cleanly, with a report that agrees with the first
 * error, and what parses prints and parses back to the same scene. */
START_TEST (test_fuzz_crashes)
{
  DIR *dir = opendir (RS_TOP_SRCDIR "/tests/fuzz/crashes");
  struct dirent *e;
  size_t n = 0;

  ck_assert_ptr_nonnull (dir);
  while ((e = readdir (dir)) != NULL)
    {
      char path[4096], *text;
      size_t len;
      rs_scene_report rep;
      rs_scene sc;
      rs_error err;
      int rc;

      if (strncmp (e->d_name, "crash-", 6) != 0)
        continue;
      snprintf (path, sizeof path, "%s/tests/fuzz/crashes/%s", RS_TOP_SRCDIR,
                e->d_name);
      ck_assert_int_eq (rs_scene_read (path, &text, &len, &err), RS_OK);
      rc = rs_scene_parse_report (&sc, text, len, path, &rep);
      ck_assert_int_eq (rc, rs_scene_parse (&sc, text, len, path, &err));
      if (rc == RS_OK)
        {
          char *once = format (&sc);
          rs_scene back;

          ck_assert_int_eq (parse (&back, once, &err), RS_OK);
          ck_assert_msg (rs_scene_equal (&sc, &back), "%s:\n%s", path, once);
          free (once);
        }
      else
        ck_assert_str_eq (rep.e[0].message, err.message);
      free (text);
      n++;
    }
  closedir (dir);
  ck_assert_uint_gt (n, 0);
}
END_TEST

/* The round trip for every scene in scenes/ and the manual's examples. */
START_TEST (test_round_trip_files)
{
  DIR *dir = opendir (RS_TOP_SRCDIR "/scenes");
  struct dirent *e;
  size_t n = 0;

  ck_assert_ptr_nonnull (dir);
  while ((e = readdir (dir)) != NULL)
    {
      size_t len = strlen (e->d_name);
      char name[4096], *text;

      if (len < 7 || strcmp (e->d_name + len - 6, ".scene") != 0)
        continue;
      snprintf (name, sizeof name, "scenes/%s", e->d_name);
      text = slurp (name, &len);
      assert_round_trip (text, name);
      free (text);
      n++;
    }
  closedir (dir);
  ck_assert_uint_gt (n, 0);
}
END_TEST

/* rs_scene_equal looks at every field and at nothing else: a change of
 * one field (a pointer, a double's sign, a count, an entry) tells two
 * scenes apart; what lies past the counts does not. */
START_TEST (test_scene_equal)
{
  rs_scene a, b;

  parse_ok (&a, every_net_keyword);
  parse_ok (&b, every_net_keyword);
  ck_assert_int_eq (rs_scene_equal (&a, &b), 1);
  b.sim.kicks[5].step = 77;            /* past n_kicks */
  b.sim.values[9].value = 2.385;       /* past n_values */
  memset (b.title + strlen (b.title) + 1, 'x', 8);
  ck_assert_int_eq (rs_scene_equal (&a, &b), 1);
  b.sim.kicks[1].seed++;
  ck_assert_int_eq (rs_scene_equal (&a, &b), 0);
  b = a;
  b.sim.net.param[2] = -b.sim.net.param[2];
  ck_assert_int_eq (rs_scene_equal (&a, &b), 0);
  b = a;
  b.sim.loss = rs_loss_mse_type;
  ck_assert_int_eq (rs_scene_equal (&a, &b), 0);
  b = a;
  b.sim.sched.warmup++;
  ck_assert_int_eq (rs_scene_equal (&a, &b), 0);
  b = a;
  b.sim.n_events--;
  ck_assert_int_eq (rs_scene_equal (&a, &b), 0);
  b = a;
  b.speed = -0.0;
  a.speed = 0.0;
  ck_assert_int_eq (rs_scene_equal (&a, &b), 0);
}
END_TEST

/* rs_nearest: the name within 2 edits (Levenshtein distance: one
 * deletion, one substitution, a swap counts 2), the first of equals, or
 * none. */
START_TEST (test_nearest)
{
  static const char *const names[] = { "optimizer", "output", "alpha",
                                       "autokick" };

  ck_assert_str_eq (rs_nearest ("optimzer", names, 4), "optimizer");
  ck_assert_str_eq (rs_nearest ("ouptut", names, 4), "output");
  ck_assert_str_eq (rs_nearest ("alhpa", names, 4), "alpha");
  ck_assert_ptr_null (rs_nearest ("beta", names, 4));
  ck_assert_ptr_null (rs_nearest ("", names, 4));
  ck_assert_ptr_null (rs_nearest ("alpha", names, 0));
}
END_TEST

static Suite *
scene_suite (void)
{
  Suite *s = suite_create ("scene");
  TCase *core = tcase_create ("Core");
  TCase *limits = tcase_create ("Limits");
  TCase *errors = tcase_create ("Errors");
  TCase *files = tcase_create ("Files");
  TCase *warnings = tcase_create ("Warnings");
  TCase *print = tcase_create ("Print");

  tcase_add_test (core, test_every_keyword);
  tcase_add_test (core, test_keyword_repeatable);
  tcase_add_test (core, test_every_net_keyword_network);
  tcase_add_test (core, test_every_net_keyword_training);
  tcase_add_test (core, test_every_net_keyword_events);
  tcase_add_test (core, test_every_net_keyword_allocates);
  tcase_add_test (core, test_every_figure_keyword);
  tcase_add_test (core, test_figure_defaults_and_units);
  tcase_add_test (core, test_scene_path);
  tcase_add_test (core, test_scene_read_data);
  tcase_add_test (core, test_every_keyword_is_covered);
  tcase_add_test (core, test_keyword_table);
  tcase_add_test (core, test_defaults);
  tcase_add_test (core, test_empty_and_comments);
  tcase_add_test (core, test_layout);
  tcase_add_test (core, test_crlf);
  tcase_add_test (core, test_strings);
  tcase_add_test (core, test_numbers_and_ranges);
  tcase_add_test (core, test_network_activations);
  tcase_add_test (core, test_network_order);
  tcase_add_test (core, test_data);
  tcase_add_test (core, test_short_forms);
  suite_add_tcase (s, core);

  tcase_add_test (limits, test_kick_limit);
  tcase_add_test (limits, test_kick_seed_order);
  tcase_add_test (limits, test_value_and_event_limits);
  tcase_add_test (limits, test_length_respected);
  tcase_add_test (limits, test_string_lengths);
  tcase_add_test (limits, test_freeze_at_end);
  suite_add_tcase (s, limits);

  tcase_add_loop_test (errors, test_bad_scene, 0, N_BAD);
  tcase_add_test (errors, test_error_format);
  tcase_add_test (errors, test_code_without_report);
  tcase_add_test (errors, test_nearest);
  tcase_add_test (errors, test_report_errors_in_order);
  tcase_add_test (errors, test_report_recovery);
  tcase_add_test (errors, test_report_limit);
  tcase_add_test (errors, test_report_end_checks);
  tcase_add_loop_test (errors, test_report_first_is_parse_error, 0, N_BAD);
  suite_add_tcase (s, errors);

  tcase_add_loop_test (warnings, test_warning, 0, N_WARNED);
  tcase_add_test (warnings, test_no_warnings);
  tcase_add_test (warnings, test_warnings_after_errors);
  tcase_add_test (warnings, test_warnings_order_and_limit);
  suite_add_tcase (s, warnings);

  tcase_add_test (print, test_format_canonical);
  tcase_add_test (print, test_round_trip_every_keyword);
  tcase_add_test (print, test_round_trip_files);
  tcase_add_test (print, test_fuzz_crashes);
  tcase_add_test (print, test_scene_equal);
  suite_add_tcase (s, print);

  tcase_add_test (files, test_load_missing);
  tcase_add_test (files, test_load_directory);
  tcase_add_test (files, test_load_file);
  tcase_add_test (files, test_shipped_scenes);
  tcase_add_test (files, test_man_examples);
  tcase_add_test (files, test_net_scenes_story);
  suite_add_tcase (s, files);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (scene_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed != 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
