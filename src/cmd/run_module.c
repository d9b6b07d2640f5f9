/* run_module.c: where `reluscape run` finds the app module and how it
 * loads it (run_module.h).  The module stays loaded until the program
 * ends: SDL leaves threads and handlers behind that outlive the app. */
#include <config.h>

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cmd/run_module.h"

/* The folder the module is installed in (configure's pkglibdir). */
#ifndef RS_PKGLIBDIR
#define RS_PKGLIBDIR "/usr/local/lib/reluscape"
#endif

/* The module built beside the running program, into buf, when the
 * program runs from a build tree (its file is in a folder named .libs)
 * and the module is there; 0 then, else -1. */
static int
build_tree_path (char *buf, size_t n)
{
  char exe[4096];
  ssize_t len = readlink ("/proc/self/exe", exe, sizeof exe - 1);
  char *slash;

  if (len <= 0)
    return -1;
  exe[len] = '\0';
  if ((slash = strrchr (exe, '/')) == NULL)
    return -1;
  *slash = '\0';
  if (strlen (exe) < 6 || strcmp (exe + strlen (exe) - 6, "/.libs") != 0)
    return -1;
  if ((size_t) snprintf (buf, n, "%s/%s", exe, RS_APP_MODULE_FILE) >= n)
    return -1;
  return access (buf, F_OK) == 0 ? 0 : -1;
}

void
run_module_path (char *buf, size_t n)
{
  const char *env = getenv (RS_APP_MODULE_ENV);

  if (env != NULL && env[0] != '\0')
    snprintf (buf, n, "%s", env);
  else if (build_tree_path (buf, n) != 0)
    snprintf (buf, n, "%s/%s", RS_PKGLIBDIR, RS_APP_MODULE_FILE);
}

/* The one message of a module that cannot be used: why, and what to
 * do instead. */
static void
not_installed (const char *why)
{
  cli_message ("run: the app is not installed: %s; draw the scene to a "
               "file with 'reluscape render SCENE -o out.png'", why);
}

rs_app_module_main_fn *
run_module_load (void)
{
  char path[4096], why[4096 + 256];
  const char *version;
  void *mod, *sym;

  run_module_path (path, sizeof path);
  if ((mod = dlopen (path, RTLD_NOW | RTLD_LOCAL)) == NULL)
    {
      not_installed (dlerror ());
      return NULL;
    }
  version = (const char *) dlsym (mod, RS_APP_MODULE_VERSION);
  sym = dlsym (mod, RS_APP_MODULE_MAIN);
  if (version == NULL || sym == NULL)
    snprintf (why, sizeof why, "%s is not reluscape's app module", path);
  else if (strcmp (version, PACKAGE_VERSION) != 0)
    snprintf (why, sizeof why, "%s is the app of reluscape %.64s, not %s",
              path, version, PACKAGE_VERSION);
  else
    return (rs_app_module_main_fn *) sym;
  not_installed (why);
  dlclose (mod);
  return NULL;
}
