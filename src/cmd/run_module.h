/* run_module.h: finding and loading the app module (app/app_module.h)
 * for `reluscape run`. */
#ifndef RS_RUN_MODULE_H
#define RS_RUN_MODULE_H

#include <stddef.h>

#include "app/app_module.h"

/* The file to load the app from into buf (n bytes): the one named by
 * RELUSCAPE_APP_MODULE when set; else, for a program run from its build
 * tree (libtool puts it in a folder .libs), the module built beside it;
 * else the installed one, in the package's library folder. */
void run_module_path (char *buf, size_t n);

/* Load the app module and return its entry point; NULL after one message
 * saying that the app is not installed (or not of this version) and
 * pointing at `reluscape render`. */
rs_app_module_main_fn *run_module_load (void);

#endif /* RS_RUN_MODULE_H */
