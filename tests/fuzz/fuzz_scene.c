/* fuzz_scene.c: libFuzzer harness for the scene parser.  Any input must
 * parse or fail with located errors, and never crash or read out of
 * bounds.  The full report must agree with the first-error parse; a scene
 * that parses must pass the run's own checks, start its run (what check
 * accepts, simulate runs: rs_sim_alloc on all its points, where the parse
 * checked the first 64), and print to a canonical text that parses back
 * to an equal scene. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <reluscape/reluscape.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The canonical form of sc parses back to sc. */
static void
round_trip (const rs_scene *sc)
{
  rs_scene back;
  rs_error err;
  size_t n = rs_scene_format (sc, NULL, 0);
  char *out = malloc (n + 1);

  if (out == NULL)
    return;
  rs_scene_format (sc, out, n + 1);
  if (rs_scene_parse (&back, out, n, "printed.scene", &err) != RS_OK
      || !rs_scene_equal (sc, &back))
    abort ();
  free (out);
}

/* A scene without a data file that parses starts its run; out of memory
 * is the only excuse.  Scenes of more than 20,000 points are skipped to
 * keep the fuzzer fast (the parse's own check covers them). */
static void
starts (const rs_scene *sc)
{
  rs_error err;
  rs_sim *s;

  rs_sim_params p = sc->sim;

  if (sc->data_file[0] != '\0' || sc->sim.n_points > 20000)
    return;
  /* 64 MiB of trajectory, mapped on every run, would slow the fuzzer
   * down tenfold; the scene's own room when 1 MiB is too little */
  if (p.record_bytes > (1u << 20))
    p.record_bytes = 1u << 20;
  if ((s = rs_sim_alloc (&p, &err)) == NULL)
    s = rs_sim_alloc (&sc->sim, &err);
  if (s == NULL && err.code != RS_ENOMEM)
    abort ();
  rs_sim_free (s);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static rs_scene_report rep;
  rs_scene sc, first;
  rs_error err;
  /* a copy of exactly size bytes, so that a read past the end is caught */
  char *text = malloc (size ? size : 1);
  int rc;

  if (text == NULL)
    return 0;
  memcpy (text, data, size);
  rc = rs_scene_parse_report (&sc, text, size, "fuzz.scene", &rep);
  if ((rc != RS_OK) != (rep.n > 0) || rep.n > RS_SCENE_MAX_ERRORS
      || rep.nwarn > RS_SCENE_MAX_WARNINGS)
    abort ();
  for (size_t i = 0; i < rep.n; i++)
    if (rep.e[i].message[0] == '\0' || rep.e[i].line < 1 || rep.e[i].col < 1)
      abort ();
  rs_error_clear (&err);
  if (rs_scene_parse (&first, text, size, "fuzz.scene", &err) != rc)
    abort ();
  if (rc == RS_OK && rs_sim_params_check (&sc.sim, NULL) != RS_OK)
    abort ();
  if (rc == RS_OK)
    {
      round_trip (&sc);
      starts (&sc);
    }
  free (text);
  return 0;
}
