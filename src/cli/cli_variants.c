/* cli_variants.c: the runs of a scene's variants made and run to their
 * end for a command, with its messages. */
#include <config.h>

#include <stdio.h>

#include "cli/cli.h"
#include "draw/variants.h"

int
cli_runs_make (rs_runs *r, const rs_scene *sc, const char *name,
               const char *what)
{
  rs_error err;
  char label[128];

  rs_error_clear (&err);
  if (rs_runs_alloc (r, sc, name, &err) != RS_OK)
    {
      if (err.line > 0)
        cli_print_error (&err, NULL, 0);
      else
        cli_message ("%s: %s", name, err.message);
      return err.code == RS_ENOMEM ? CLI_FAILURE : CLI_USAGE;
    }
  for (size_t k = 0; k < r->n; k++)
    {
      snprintf (label, sizeof label, "%s \"%s\"", what, r->name[k]);
      if (cli_run_scene (r->sim[k], name, label) != CLI_OK)
        {
          rs_runs_free (r);
          return CLI_FAILURE;
        }
    }
  return CLI_OK;
}
