/* fuzz_script.c: libFuzzer harness for the app's script parser. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/script.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  rs_error err;
  char *text = malloc (size ? size : 1);
  rs_app_script *s;

  if (text == NULL)
    return 0;
  memcpy (text, data, size);
  rs_error_clear (&err);
  s = rs_app_script_parse (text, size, "fuzz.script", &err);
  if (s == NULL && err.message[0] == '\0')
    abort ();
  rs_app_script_free (s);
  free (text);
  return 0;
}
