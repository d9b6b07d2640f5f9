/* script.c: scripts of timed actions for the app: "FRAME ACTION [ARGS]"
 * a line, for reproducible runs, tests and screenshots. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "export/export.h"
#include "app/script.h"


struct rs_app_script {
  rs_script_action *acts;
  size_t n;
  size_t cap;
};

/* The keys a script may press, by name, besides the letters a to z. */
static const struct {
  const char *name;
  SDL_Keycode key;
  Uint16 mod;
} key_names[] = {
  { "space", SDLK_SPACE, 0 }, { "escape", SDLK_ESCAPE, 0 },
  { "plus", SDLK_PLUS, 0 }, { "minus", SDLK_MINUS, 0 },
  { "period", SDLK_PERIOD, 0 }, { "comma", SDLK_COMMA, 0 },
  { "backspace", SDLK_BACKSPACE, 0 }, { "up", SDLK_UP, 0 },
  { "down", SDLK_DOWN, 0 }, { "left", SDLK_LEFT, 0 },
  { "right", SDLK_RIGHT, 0 }, { "pageup", SDLK_PAGEUP, 0 },
  { "pagedown", SDLK_PAGEDOWN, 0 }, { "home", SDLK_HOME, 0 },
  { "[", SDLK_LEFTBRACKET, 0 },
  { "]", SDLK_RIGHTBRACKET, 0 }, { "question", SDLK_QUESTION, 0 },
  { "f5", SDLK_F5, 0 }, { "shift+up", SDLK_UP, KMOD_SHIFT },
  { "shift+down", SDLK_DOWN, KMOD_SHIFT }
};

/* The actions of the script language and how many values each takes. */
static const struct {
  const char *name;
  rs_script_kind kind;
  int nargs;
} action_names[] = {
  { "key", RS_SCRIPT_KEY, 1 }, { "click", RS_SCRIPT_CLICK, 2 },
  { "resize", RS_SCRIPT_RESIZE, 1 }, { "screenshot", RS_SCRIPT_SCREENSHOT, 1 },
  { "quit", RS_SCRIPT_QUIT, 0 }
};

#define N_ELEMS(a) (sizeof (a) / sizeof (a)[0])
#define MAX_TOKENS 8
#define MAX_TOKEN 1024

/* One word of a script line and the column where it starts. */
typedef struct {
  char text[MAX_TOKEN];
  int col;
} script_token;

/* Where a script is being read, for error messages. */
typedef struct {
  const char *name;
  int line;
  rs_error *err;
} script_place;

void
rs_app_script_free (rs_app_script *s)
{
  if (s == NULL)
    return;
  for (size_t i = 0; i < s->n; i++)
    free (s->acts[i].path);
  free (s->acts);
  free (s);
}

size_t
rs_app_script_length (const rs_app_script *s)
{
  return s->n;
}

/* Split the line [p, end) into words, up to a '#'.  Returns the number of
 * words, or -1 with err when there are too many or one is too long. */
static int
split_line (const char *p, const char *end, script_token *tok,
            const script_place *pl)
{
  const char *start = p;
  int n = 0;

  while (p < end && *p != '#')
    {
      const char *w = p;
      if (*p == ' ' || *p == '\t' || *p == '\r')
        {
          p++;
          continue;
        }
      while (p < end && *p != ' ' && *p != '\t' && *p != '\r' && *p != '#')
        p++;
      if (n == MAX_TOKENS || p - w >= MAX_TOKEN)
        {
          rs_error_set (pl->err, RS_ESYNTAX, pl->name, pl->line,
                        (int) (w - start) + 1, "%s",
                        n == MAX_TOKENS ? "too many values on a line"
                        : "a value is too long");
          return -1;
        }
      memcpy (tok[n].text, w, (size_t) (p - w));
      tok[n].text[p - w] = '\0';
      tok[n++].col = (int) (w - start) + 1;
    }
  return n;
}

/* A syntax error at token t. */
static int
script_fail (const script_place *pl, const script_token *t, const char *what,
             const char *detail)
{
  return rs_error_set (pl->err, RS_ESYNTAX, pl->name, pl->line, t->col,
                       "%s '%s'%s", what, t->text, detail);
}

/* The frame number in t, a decimal count. */
static int
parse_frame (const script_place *pl, const script_token *t,
             unsigned long *frame)
{
  char *end;

  errno = 0;
  *frame = strtoul (t->text, &end, 10);
  if (t->text[0] < '0' || t->text[0] > '9' || *end != '\0' || errno != 0
      || *frame > 1000000000UL)
    return script_fail (pl, t, "expected a frame number (0 to 1000000000),"
                        " not", "");
  return RS_OK;
}

/* The finite number in t. */
static int
parse_number (const script_place *pl, const script_token *t, double *v)
{
  char *end;

  *v = strtod (t->text, &end);
  if (end == t->text || *end != '\0' || !isfinite (*v))
    return script_fail (pl, t, "expected a number, not", "");
  return RS_OK;
}

/* The key named in t. */
static int
parse_key (const script_place *pl, const script_token *t, SDL_Keycode *key,
           Uint16 *mod)
{
  *mod = 0;
  if (t->text[0] != '\0' && t->text[1] == '\0'
      && ((t->text[0] >= 'a' && t->text[0] <= 'z')
          || (t->text[0] >= 'A' && t->text[0] <= 'Z')))
    {
      *key = SDLK_a + (t->text[0] | 0x20) - 'a';
      return RS_OK;
    }
  for (size_t i = 0; i < N_ELEMS (key_names); i++)
    if (SDL_strcasecmp (t->text, key_names[i].name) == 0)
      {
        *key = key_names[i].key;
        *mod = key_names[i].mod;
        return RS_OK;
      }
  return script_fail (pl, t, "unknown key",
                      " (keys: a letter, space, escape, plus, minus, period,"
                      " comma, backspace, up, down, left, right, pageup,"
                      " pagedown, [, ], question, f5, shift+up, shift+down)");
}

/* The values of action a from tok[0 ..]. */
static int
parse_args (const script_place *pl, const script_token *tok,
            rs_script_action *a)
{
  switch (a->kind)
    {
    case RS_SCRIPT_KEY:
      return parse_key (pl, &tok[0], &a->key, &a->mod);
    case RS_SCRIPT_CLICK:
      if (parse_number (pl, &tok[0], &a->w) != RS_OK)
        return RS_ESYNTAX;
      return parse_number (pl, &tok[1], &a->b);
    case RS_SCRIPT_RESIZE:
      if (cli_parse_size (tok[0].text, &a->width, &a->height) != 0)
        return script_fail (pl, &tok[0], "expected a size WxH (each 16 to "
                            "16384), not", "");
      return RS_OK;
    case RS_SCRIPT_SCREENSHOT:
      if (rs_export_format_of (tok[0].text) == RS_EXPORT_NONE)
        return script_fail (pl, &tok[0], "a screenshot's name must end in "
                            ".png, .pdf or .svg:", "");
      a->path = strdup (tok[0].text);
      return a->path != NULL ? RS_OK
             : rs_error_set (pl->err, RS_ENOMEM, pl->name, pl->line, 0,
                             "out of memory");
    case RS_SCRIPT_QUIT:
    default:
      return RS_OK;
    }
}

/* The action named in tok[1] with its values, checked for their count. */
static int
parse_action (const script_place *pl, const script_token *tok, int n,
              rs_script_action *a)
{
  size_t i;

  for (i = 0; i < N_ELEMS (action_names); i++)
    if (strcmp (tok[1].text, action_names[i].name) == 0)
      break;
  if (i == N_ELEMS (action_names))
    return script_fail (pl, &tok[1], "unknown action",
                        " (actions: key, click, resize, screenshot, quit)");
  a->kind = action_names[i].kind;
  if (n - 2 < action_names[i].nargs)
    return rs_error_set (pl->err, RS_ESYNTAX, pl->name, pl->line, tok[1].col,
                         "'%s' needs %d value%s", tok[1].text,
                         action_names[i].nargs,
                         action_names[i].nargs == 1 ? "" : "s");
  if (n - 2 > action_names[i].nargs)
    return script_fail (pl, &tok[2 + action_names[i].nargs],
                        "unexpected", " after the action's values");
  return parse_args (pl, tok + 2, a);
}

/* Append a to s, growing its array. */
static int
script_push (rs_app_script *s, const rs_script_action *a,
             const script_place *pl)
{
  if (s->n == s->cap)
    {
      size_t cap = s->cap ? 2 * s->cap : 16;
      rs_script_action *na = realloc (s->acts, cap * sizeof *na);
      if (na == NULL)
        return rs_error_set (pl->err, RS_ENOMEM, pl->name, pl->line, 0,
                             "out of memory");
      s->acts = na;
      s->cap = cap;
    }
  s->acts[s->n++] = *a;
  return RS_OK;
}

/* Parse one line [p, end) into s. */
static int
script_line (rs_app_script *s, const char *p, const char *end,
             const script_place *pl)
{
  script_token tok[MAX_TOKENS];
  rs_script_action a = { 0 };
  int n = split_line (p, end, tok, pl);

  if (n <= 0)
    return n;
  if (parse_frame (pl, &tok[0], &a.frame) != RS_OK)
    return RS_ESYNTAX;
  if (s->n > 0 && a.frame < s->acts[s->n - 1].frame)
    return script_fail (pl, &tok[0], "frame", " comes before the frame of "
                        "the line above (frames may not decrease)");
  if (n < 2)
    return rs_error_set (pl->err, RS_ESYNTAX, pl->name, pl->line,
                         (int) strlen (tok[0].text) + tok[0].col,
                         "expected an action after the frame number");
  if (parse_action (pl, tok, n, &a) != RS_OK)
    {
      free (a.path);
      return RS_ESYNTAX;
    }
  if (script_push (s, &a, pl) != RS_OK)
    {
      free (a.path);
      return RS_ENOMEM;
    }
  return RS_OK;
}

rs_app_script *
rs_app_script_parse (const char *text, size_t len, const char *name,
                     rs_error *err)
{
  rs_app_script *s = calloc (1, sizeof *s);
  const char *p = text, *end = text + len;
  script_place pl = { name, 0, err };

  if (s == NULL)
    {
      rs_error_set (err, RS_ENOMEM, name, 0, 0, "out of memory");
      return NULL;
    }
  while (p < end)
    {
      const char *eol = memchr (p, '\n', (size_t) (end - p));
      if (eol == NULL)
        eol = end;
      pl.line++;
      if (script_line (s, p, eol, &pl) < 0)
        {
          rs_app_script_free (s);
          return NULL;
        }
      p = eol + 1;
    }
  return s;
}

rs_app_script *
rs_app_script_load (const char *path, rs_error *err)
{
  char *buf;
  size_t len;
  rs_app_script *s;

  if (rs_file_read (path, RS_SCRIPT_MAX_BYTES, "script", &buf, &len, err)
      != RS_OK)
    return NULL;
  s = rs_app_script_parse (buf, len, path, err);
  free (buf);
  return s;
}

const rs_script_action *
rs_app_script_get (const rs_app_script *s, size_t i)
{
  return i < s->n ? &s->acts[i] : NULL;
}
