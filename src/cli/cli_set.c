/* cli_set.c: --set KEY=VALUE, scene lines given on the command line.
 *
 * Each --set becomes the scene line "KEY VALUE", read by the scene's own
 * parser after the file's lines (rs_scene_compose: a keyword given once
 * only replaces the file's line, 'set' and 'layer' the line of the same
 * name, the others add a line), so that it is checked exactly as in the
 * file.  Errors on the added lines name the option rather than a line of
 * the file. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

#define MAX_SETS 64

/* The options, in the order given, and the lines they took in the text
 * composed last (cli_set_compose). */
static struct {
  const char *arg[MAX_SETS];
  size_t n;
  int first_line;        /* the first added line in the composed text */
  int line_of[MAX_SETS]; /* 0: replaced by a later --set */
  char name[256];        /* the composed text's name in messages */
} sets;

int
cli_set_add (const char *arg)
{
  size_t key = strcspn (arg, "=");

  if (arg[key] != '=' || key == 0)
    {
      cli_message ("--set '%s': expected KEY=VALUE, such as rate=0.3", arg);
      return CLI_USAGE;
    }
  if (strpbrk (arg, "\n\r") != NULL)
    {
      cli_message ("--set '%s': a value is one line", arg);
      return CLI_USAGE;
    }
  if (sets.n == MAX_SETS)
    {
      cli_message ("--set '%s': too many --set (at most %d)", arg, MAX_SETS);
      return CLI_USAGE;
    }
  sets.arg[sets.n++] = arg;
  return CLI_OK;
}

int
cli_set_compose (const char *text, size_t len, const char *name,
                 char **out, size_t *out_len)
{
  rs_error err;

  if (rs_scene_compose (text, len, sets.arg, sets.n, '=', out, out_len,
                        sets.line_of, &err) != RS_OK)
    {
      cli_message ("%s", err.message);
      return CLI_FAILURE;
    }
  sets.first_line = 0;
  for (size_t i = 0; i < sets.n; i++)
    if (sets.line_of[i] > 0
        && (sets.first_line == 0 || sets.line_of[i] < sets.first_line))
      sets.first_line = sets.line_of[i];
  snprintf (sets.name, sizeof sets.name, "%s", name);
  return CLI_OK;
}

size_t
cli_set_count (void)
{
  return sets.n;
}

const char *
cli_set_option_at (const char *file, int line)
{
  if (sets.first_line == 0 || line < sets.first_line
      || strcmp (file, sets.name) != 0)
    return NULL;
  for (size_t i = 0; i < sets.n; i++)
    if (sets.line_of[i] == line)
      return sets.arg[i];
  return NULL;
}
