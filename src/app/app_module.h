/* app_module.h: the app as a module that `reluscape run` loads at run
 * time (reluscape-app.so, installed in the package's library folder), so
 * that the other commands never load SDL2 and the dozens of libraries it
 * pulls in (sound, X11, Wayland ...).  This header knows nothing of SDL:
 * the program includes it to find the module and call its one entry
 * point, rs_app_module_main, through dlsym. */
#ifndef RS_APP_MODULE_H
#define RS_APP_MODULE_H

#include <reluscape/reluscape.h>

/* The module's file name, and the environment variable naming another
 * file to load instead (the tests of the build tree set it). */
#define RS_APP_MODULE_FILE "reluscape-app.so"
#define RS_APP_MODULE_ENV "RELUSCAPE_APP_MODULE"

/* What `reluscape run` asks the app for: its options as given on the
 * command line, each 0 or NULL when not given. */
typedef struct {
  int width;                    /* the window's size; 0: 1280 x 720 */
  int height;
  unsigned long frames;         /* quit after this many frames; 0: never */
  int present;                  /* presenter mode */
  int paused;                   /* start paused on the first frame */
  const char *script;           /* the script file to replay, or NULL */
  const char *name;             /* S and E name their files NAME-stepN */
} rs_app_request;

/* The entry point's name and type: run the app on scene sc as rq asks,
 * to its end.  Returns the exit status of `reluscape run` (0; 1 after a
 * failure, such as no display; 2 for a bad script), having printed one
 * message for each error. */
#define RS_APP_MODULE_MAIN "rs_app_module_main"
typedef int rs_app_module_main_fn (const rs_scene *sc,
                                   const rs_app_request *rq);
rs_app_module_main_fn rs_app_module_main;

/* The version of reluscape the module was built with (PACKAGE_VERSION):
 * the program loads only a module of its own version. */
#define RS_APP_MODULE_VERSION "rs_app_module_version"
extern const char rs_app_module_version[];

#endif /* RS_APP_MODULE_H */
