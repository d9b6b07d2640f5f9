/* fuzz_scene.c: libFuzzer harness for the scene parser.  Any input must
 * parse or fail with a located error; never crash, never read out of
 * bounds, never leave an error without a message. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <reluscape/reluscape.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  rs_scene sc;
  rs_error err;
  /* a copy of exactly size bytes, so that a read past the end is caught */
  char *text = malloc (size ? size : 1);
  int rc;

  if (text == NULL)
    return 0;
  memcpy (text, data, size);
  rs_error_clear (&err);
  rc = rs_scene_parse (&sc, text, size, "fuzz.scene", &err);
  if (rc != RS_OK && (err.message[0] == '\0' || err.line < 1 || err.col < 1))
    abort ();
  if (rc == RS_OK && rs_sim_params_check (&sc.sim, NULL) != RS_OK)
    abort ();
  free (text);
  return 0;
}
