/* app_moment.c: the HUD during a morph.
 *
 * While the app plays the morph of a change (L, A, Z, K, or one reached
 * by playback), the figure shows a moment between the state before the
 * change and after it (rs_figure_panel_ctx), while the HUD's numbers and
 * settings are the run's, after it.  The HUD then says first which
 * moment the figure shows, with the numbers before and after. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "app/app_private.h"
#include "draw/panels.h"

void
app_hud_moment (rs_app *a, char *text, size_t n)
{
  rs_figure *f = a->view.fig != NULL ? app_figure_drawn (a) : NULL;
  rs_panel_ctx ctx;
  char words[96], add[128], *end;
  size_t len, used;

  if (f == NULL)
    return;
  rs_figure_panel_ctx (f, &ctx);
  if (!rs_panel_moment_note (&ctx, 1, words, sizeof words))
    return;
  snprintf (add, sizeof add, " · <b>figure: %s</b>", words);
  len = strlen (add);
  used = strlen (text);
  end = strchr (text, '\n');
  if (end == NULL)
    end = text + used;
  if (len + used + 1 > n)
    return;
  memmove (end + len, end, used + 1 - (size_t) (end - text));
  memcpy (end, add, len);
}
