/* app_module.c: the entry point of the app module (app_module.h): the
 * options of `reluscape run` made into the app's, the script loaded, the
 * window opened and run to its end. */
#include <config.h>

#include "app/app.h"
#include "app/app_module.h"
#include "cli/cli.h"

const char rs_app_module_version[] = PACKAGE_VERSION;

/* Open the app and run it to the end; CLI_FAILURE after any failure. */
static int
run_app (const rs_scene *sc, const rs_app_options *o)
{
  rs_error err;
  rs_app *a;
  int rc;

  rs_error_clear (&err);
  a = rs_app_alloc (sc, o, &err);
  rc = a != NULL ? rs_app_run (a, &err) : -1;
  if (rc != 0)
    cli_message ("%s", err.message);
  rs_app_free (a);
  SDL_Quit ();
  return rc == 0 ? CLI_OK : CLI_FAILURE;
}

int
rs_app_module_main (const rs_scene *sc, const rs_app_request *rq)
{
  rs_app_options o;
  rs_app_script *script = NULL;
  rs_error err;
  int rc;

  rs_app_options_default (&o);
  if (rq->width > 0 && rq->height > 0)
    {
      o.width = rq->width;
      o.height = rq->height;
    }
  o.frames = rq->frames;
  o.present = rq->present;
  o.paused = rq->paused;
  o.name = rq->name;
  rs_error_clear (&err);
  if (rq->script != NULL
      && (script = rs_app_script_load (rq->script, &err)) == NULL)
    {
      cli_print_error (&err, NULL, 0);
      return CLI_USAGE;
    }
  o.script = script;
  rc = run_app (sc, &o);
  rs_app_script_free (script);
  return rc;
}
