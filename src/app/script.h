/* script.h: scripts of timed actions that drive the app (app.h) for
 * reproducible runs, tests and screenshots. */
#ifndef RS_SCRIPT_H
#define RS_SCRIPT_H

#include <SDL.h>
#include <reluscape/reluscape.h>

typedef enum {
  RS_SCRIPT_KEY, RS_SCRIPT_CLICK, RS_SCRIPT_RESIZE, RS_SCRIPT_SCREENSHOT,
  RS_SCRIPT_QUIT
} rs_script_kind;

/* One timed action. */
typedef struct {
  unsigned long frame;   /* the frame at whose start it happens */
  rs_script_kind kind;
  SDL_Keycode key;       /* RS_SCRIPT_KEY */
  Uint16 mod;            /* RS_SCRIPT_KEY: KMOD_SHIFT or 0 */
  double w;              /* RS_SCRIPT_CLICK: where on the landscape */
  double b;
  int width;             /* RS_SCRIPT_RESIZE */
  int height;
  char *path;            /* RS_SCRIPT_SCREENSHOT */
} rs_script_action;

/* A parsed script: its actions in frame order. */
typedef struct rs_app_script rs_app_script;

/* Parse len bytes of script text; name is the file name used in errors.
 * NULL with err naming file:line:col on a syntax error (RS_ESYNTAX) or
 * when memory runs out (RS_ENOMEM).  The format, one action a line, '#'
 * starting a comment:
 *   FRAME key NAME        a key press: a letter a-z, space, escape,
 *                         plus, minus, period, comma, backspace, up,
 *                         down, left, right, pageup, pagedown, [, ],
 *                         question, f5, shift+up, shift+down
 *   FRAME click W B       a left click at the pixel where (W, B) is drawn
 *   FRAME resize WxH      resize the window
 *   FRAME screenshot FILE write the frame as PNG, PDF or SVG (by FILE's
 *                         extension), to a temporary name and then renamed
 *   FRAME quit            stop
 * FRAME counts frames from 0 and may not decrease from line to line. */
rs_app_script *rs_app_script_parse (const char *text, size_t len,
                                    const char *name, rs_error *err);

/* The largest script file read, in bytes (1 MiB). */
#define RS_SCRIPT_MAX_BYTES (1u << 20)

/* Read the file at path (a regular file of at most RS_SCRIPT_MAX_BYTES)
 * and parse it; RS_EIO when it cannot be read. */
rs_app_script *rs_app_script_load (const char *path, rs_error *err);
void rs_app_script_free (rs_app_script *s);

/* How many actions the script holds. */
size_t rs_app_script_length (const rs_app_script *s);

/* The i-th action, or NULL past the last one. */
const rs_script_action *rs_app_script_get (const rs_app_script *s,
                                           size_t i);

#endif /* RS_SCRIPT_H */
