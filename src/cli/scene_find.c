/* scene_find.c: a scene given by name (reluscape run c08-leaky-relu)
 * rather than by path, looked for in the folders of RELUSCAPE_SCENE_PATH
 * and then among the scenes installed with the program. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"

/* The folder of the shipped scenes, $(pkgdatadir)/scenes, set by
 * src/Makefile.am. */
#ifndef RS_SCENESDIR
#error "RS_SCENESDIR must name the folder of the installed scenes"
#endif

const char cli_scenes_dir[] = RS_SCENESDIR;

/* A copy of path that lives until the program ends (the callers hold on
 * to it as the name their messages give); NULL when out of memory. */
static const char *
keep_path (const char *path)
{
  char *copy = strdup (path);

  if (copy != NULL && cli_keep (copy, free) != 0)
    {
      free (copy);
      copy = NULL;
    }
  return copy;
}

static int
is_regular_file (const char *path)
{
  struct stat st;

  return stat (path, &st) == 0 && S_ISREG (st.st_mode);
}

/* The scene "dir/name" or "dir/name.scene" when one is a regular file,
 * kept; NULL otherwise.  dir is the first len bytes of dir. */
static const char *
find_in (const char *dir, size_t len, const char *name)
{
  static const char *const suffixes[] = { "", ".scene" };
  char path[4096];

  if (len == 0)
    return NULL;
  for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++)
    {
      int k = snprintf (path, sizeof path, "%.*s/%s%s", (int) len, dir, name,
                        suffixes[i]);

      if (k > 0 && (size_t) k < sizeof path && is_regular_file (path))
        return keep_path (path);
    }
  return NULL;
}

/* Whether arg can only be a path: the built-in scene's names, anything
 * with a '/', and an existing file are never looked up by name. */
static int
is_path (const char *arg)
{
  struct stat st;

  return cli_is_builtin (arg) || strchr (arg, '/') != NULL || arg[0] == '\0'
         || stat (arg, &st) == 0 || errno != ENOENT;
}

const char *
cli_find_scene (const char *arg)
{
  const char *env = getenv ("RELUSCAPE_SCENE_PATH");
  const char *found = NULL;

  if (is_path (arg))
    return NULL;
  while (env != NULL && *env != '\0' && found == NULL)
    {
      size_t len = strcspn (env, ":");

      found = find_in (env, len, arg);
      env += len + (env[len] == ':');
    }
  if (found == NULL)
    found = find_in (cli_scenes_dir, strlen (cli_scenes_dir), arg);
  return found;
}

const char *
cli_scene_file (const char *arg)
{
  const char *found = cli_find_scene (arg);

  return found != NULL ? found : arg;
}

void
cli_report_unread_scene (const char *arg, const rs_error *err)
{
  const char *env = getenv ("RELUSCAPE_SCENE_PATH");

  if (is_path (arg))
    cli_message ("%s: %s", arg, err->message);
  else if (env != NULL && *env != '\0')
    cli_message ("%s: cannot read the scene: no such file, nor a scene of "
                 "that name in %s or %s", arg, env, cli_scenes_dir);
  else
    cli_message ("%s: cannot read the scene: no such file, nor a scene of "
                 "that name in %s", arg, cli_scenes_dir);
}
