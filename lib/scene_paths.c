/* scene_paths.c: where a scene may read and write.  A scene is text
 * from anywhere (a download, a student's mail); its data and export
 * paths stay inside its own folder, so that a plain "reluscape render
 * SCENE" cannot overwrite ~/.bashrc or read /dev/zero.  The command
 * line can lift the rule (--allow-paths). */
#include <config.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reluscape/rs_scene.h"

/* Whether path has a component ".." (a/../b, ../x, x/..). */
static int
has_dotdot (const char *path)
{
  for (const char *p = path; (p = strstr (p, "..")) != NULL; p += 2)
    if ((p == path || p[-1] == '/') && (p[2] == '\0' || p[2] == '/'))
      return 1;
  return 0;
}

/* The real folder of path (its part before the last '/', "." when none)
 * into buf of PATH_MAX bytes; NULL when it does not exist. */
static char *
real_folder (const char *path, char *buf)
{
  const char *slash = path != NULL ? strrchr (path, '/') : NULL;
  char dir[PATH_MAX];

  if (slash == NULL)
    snprintf (dir, sizeof dir, ".");
  else
    snprintf (dir, sizeof dir, "%.*s", slash == path ? 1
              : (int) (slash - path), path);
  return realpath (dir, buf);
}

/* Whether the file at resolved (the path as the program opens it), or
 * its folder when the file does not exist yet, is base or under it once
 * symbolic links are followed; a folder that does not exist holds
 * nothing to reach. */
static int
inside (const char *resolved, const char *base)
{
  char real[PATH_MAX];
  size_t n = strlen (base);

  if (realpath (resolved, real) == NULL
      && real_folder (resolved, real) == NULL)
    return 1;
  return strncmp (real, base, n) == 0
         && (real[n] == '\0' || real[n] == '/' || strcmp (base, "/") == 0);
}

/* Check one path written at line:col; RS_OK or RS_EINVAL. */
static int
check_one (const char *file, const char *what, int line, int col,
           const char *scene_path, const char *base, const char *name,
           rs_error *err)
{
  char resolved[4096];

  if (file[0] == '/' || has_dotdot (file))
    return rs_error_set (err, RS_EINVAL, name, line, col, "the %s \"%s\" "
                         "is outside the scene's folder (%s); a scene "
                         "names files in its folder and below, unless "
                         "--allow-paths is given", what, file,
                         file[0] == '/' ? "an absolute path"
                                        : "a '..' component");
  if (base != NULL
      && rs_scene_path (scene_path, file, resolved, sizeof resolved,
                        NULL) == RS_OK
      && !inside (resolved, base))
    return rs_error_set (err, RS_EINVAL, name, line, col, "the %s \"%s\" "
                         "leads outside the scene's folder through a "
                         "symbolic link; a scene names files in its folder "
                         "and below, unless --allow-paths is given", what,
                         file);
  return RS_OK;
}

int
rs_scene_check_paths (const rs_scene *sc, const char *scene_path,
                      const char *name, rs_error *err)
{
  char base_buf[PATH_MAX];
  const char *base = real_folder (scene_path, base_buf);
  int rc = RS_OK;

  if (sc->data_file[0] != '\0')
    rc = check_one (sc->data_file, "data file", sc->data_line, sc->data_col,
                    scene_path, base, name, err);
  for (size_t i = 0; i < sc->n_exports && rc == RS_OK; i++)
    rc = check_one (sc->exports[i].path, "export file", sc->exports[i].line,
                    sc->exports[i].col, scene_path, base, name, err);
  return rc;
}
