/* scene.c: the scene language, text -> rs_scene: the public entry
 * points and the driver.
 *
 * A scene is a sequence of lines "keyword value ...", # starting a comment.
 * The lexer turns a line into tokens (scene_lex.c); each keyword has a
 * function that reads its values (scene_keywords_*.c), which the table
 * of keywords names (scene_keywords.c).  When the whole text is read,
 * what depends on several lines is settled (scene_defaults.c: the
 * network's activations, the kicks' seeds) and checked against each
 * other (scene_check.c).  An error names file:line:col; the parse goes
 * on at the next line, so that one pass reports every error of a file
 * (up to RS_SCENE_MAX_ERRORS), and then looks for lines that parse but
 * will not do what their author likely wants (scene_warn.c). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reluscape/rs_scene.h"
#include "scene_parse_private.h"

/* ---- The whole text ---- */

/* After an error on `line`, go on at the start of the next line (which
 * the lexer may have reached already, having read the line's end). */
static void
recover (parser *ps, int line)
{
  ps->pushed_back = 0;
  while (ps->line == line && ps->p < ps->end)
    if (*ps->p++ == '\n')
      {
        ps->line++;
        ps->line_start = ps->p;
      }
}

/* Read every line.  Without a report the first error ends the parse;
 * with one, each error is followed by the next line, until too many. */
static void
read_lines (parser *ps)
{
  char buf[80];

  for (;;)
    {
      int line = ps->line, rc = next (ps);

      if (rc == RS_OK && ps->tok.kind == T_END)
        return;
      if (rc == RS_OK && ps->tok.kind == T_NEWLINE)
        continue;
      if (rc == RS_OK && ps->tok.kind != T_WORD)
        rc = fail (ps, RS_ESYNTAX, "expected a keyword at the start of the "
                   "line, found %s", describe (&ps->tok, buf, sizeof buf));
      else if (rc == RS_OK)
        rc = statement (ps);
      if (rc == RS_OK)
        continue;
      if (ps->rep == NULL || ps->stopped)
        return;
      recover (ps, line);
    }
}

/* What depends on several lines, once they are all read: the defaults
 * that several lines settle (scene_defaults.c), then, when every line
 * parsed, the checks (scene_check.c). */
static int
finish (parser *ps)
{
  default_kick_seeds (ps);
  record_paths (ps);
  if (ps->sc->sim.net.layers > 0)
    build_network (ps);
  if (ps->n_errors > 0)
    return ps->first_code;
  check_lines (ps);
  return ps->first_code;
}

static int
parse (rs_scene *sc, const char *text, size_t len, const char *name,
       rs_error *err, rs_scene_report *rep)
{
  parser ps;

  rs_scene_default (sc);
  if (rep != NULL)
    memset (rep, 0, sizeof *rep);
  memset (&ps, 0, sizeof ps);
  ps.p = ps.line_start = text;
  ps.end = text + len;
  ps.name = name ? name : "<scene>";
  ps.line = 1;
  ps.sc = sc;
  ps.err = err;
  ps.rep = rep;
  read_lines (&ps);
  if (ps.stopped || (rep == NULL && ps.n_errors > 0))
    return ps.first_code;
  finish (&ps);
  if (rep != NULL)
    warnings (&ps);
  return ps.first_code;
}

int
rs_scene_parse (rs_scene *sc, const char *text, size_t len,
                const char *name, rs_error *err)
{
  return parse (sc, text, len, name, err, NULL);
}

int
rs_scene_parse_report (rs_scene *sc, const char *text, size_t len,
                       const char *name, rs_scene_report *rep)
{
  return parse (sc, text, len, name, NULL, rep);
}

int
rs_scene_read (const char *path, char **text, size_t *len, rs_error *err)
{
  return rs_file_read (path, RS_SCENE_MAX_BYTES, "scene", text, len, err);
}

int
rs_scene_load (rs_scene *sc, const char *path, rs_error *err)
{
  char *text;
  size_t n;
  int rc = rs_scene_read (path, &text, &n, err);

  if (rc != RS_OK)
    return rc;
  rc = rs_scene_parse (sc, text, n, path, err);
  free (text);
  return rc;
}

int
rs_scene_path (const char *scene_path, const char *file, char *buf,
               size_t n, rs_error *err)
{
  const char *slash = scene_path != NULL ? strrchr (scene_path, '/') : NULL;
  int dir = file[0] != '/' && slash != NULL ? (int) (slash - scene_path) + 1
                                             : 0;
  int k = snprintf (buf, n, "%.*s%s", dir, scene_path != NULL ? scene_path
                                                              : "", file);

  if (k < 0 || (size_t) k >= n)
    return rs_error_set (err, RS_EINVAL, file, 0, 0, "the path is too long "
                         "(at most %zu bytes)", n - 1);
  return RS_OK;
}

/* The CSV file at path of dim inputs and one column of labels, 0 to
 * classes - 1, into a new *data. */
static int
read_labelled (const char *path, size_t dim, size_t classes, rs_data **data,
               rs_error *err)
{
  rs_error e;
  int rc;

  if ((rc = rs_data_read_csv (path, dim, 1, data, err)) != RS_OK)
    return rc;
  if ((rc = rs_data_set_classes (*data, classes, &e)) != RS_OK)
    {
      rs_data_free (*data);
      *data = NULL;
      return rs_error_set (err, rc, path, 0, 0, "%s", e.message);
    }
  return RS_OK;
}

int
rs_scene_read_data (const rs_scene *sc, const char *scene_path,
                    rs_data **data, rs_error *err)
{
  const rs_net_spec *net = &sc->sim.net;
  size_t dim = net->layers > 0 ? net->sizes[0] : 1;
  size_t ydim = net->layers > 0 ? net->sizes[net->layers] : 1;
  char path[4096];
  int rc;

  *data = NULL;
  if (sc->data_file[0] == '\0')
    return rs_error_set (err, RS_EINVAL, NULL, 0, 0, "the scene has no "
                         "data file");
  rc = rs_scene_path (scene_path, sc->data_file, path, sizeof path, err);
  if (rc != RS_OK)
    return rc;
  /* a loss of class labels reads one label column: 0 ... outputs - 1,
   * or 0 and 1 for one output */
  if (sc->sim.loss != NULL && sc->sim.loss->labels)
    return read_labelled (path, dim, ydim >= 2 ? ydim : 2, data, err);
  return rs_data_read_csv (path, dim, ydim, data, err);
}
