#!/bin/sh
# run.sh [scene|script] [SECONDS]: build a libFuzzer harness with clang
# (AddressSanitizer and UndefinedBehaviorSanitizer) and run it, seeded with
# the example scenes.  Crashers land in tests/fuzz/crashes/; each one
# found so far is kept as a regression case in tests/check_scene.c.
#   apt-get install clang libclang-rt-14-dev   # clang's fuzzer runtime
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
what=${1:-scene}
secs=${2:-60}
out=${FUZZ_DIR:-/tmp/reluscape-fuzz}
mkdir -p "$out/corpus-$what" "$here/crashes"
flags="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined"
inc="-I$top/lib -I$top/src $(pkg-config --cflags gsl sdl2)"
libs="$(pkg-config --libs gsl) -lm"
printf '#define PACKAGE_VERSION "fuzz"\n#define RS_SCENESDIR "/nonexistent"\n' > "$out/config.h"
lib=$(ls "$top"/lib/*.c)
case "$what" in
  scene)
    srcs="$here/fuzz_scene.c $lib"
    cp "$top"/scenes/*.scene "$out/corpus-$what/" ;;
  script)
    srcs="$here/fuzz_script.c $top/src/app/script.c $top/src/cli/cli.c
          $top/src/cli/cli_run.c $top/src/cli/cli_set.c $top/src/cli/scene_find.c
          $top/src/export/export.c $top/src/draw/theme.c $top/src/export/tempfile.c $lib"
    libs="$libs $(pkg-config --libs cairo pango pangocairo libpng sdl2)"
    inc="$inc $(pkg-config --cflags pango pangocairo libpng)"
    printf '0 key space\n10 click -1.5 0.5\n20 resize 800x600\n30 screenshot a.png\n40 quit\n' \
      > "$out/corpus-$what/seed.script" ;;
  *) echo "run.sh: scene or script" >&2; exit 2 ;;
esac
# cli.c needs the built-in scene's symbols; the harness never uses them.
printf 'const char rs_builtin_scene[] = ""; const unsigned long rs_builtin_scene_len = 0;\n' \
  > "$out/builtin.c"
# shellcheck disable=SC2086
clang $flags -I"$out" $inc -include "$out/config.h" -o "$out/fuzz_$what" \
  $srcs "$out/builtin.c" $libs $(pkg-config --cflags --libs cairo)
"$out/fuzz_$what" -max_total_time="$secs" -max_len=4096 \
  -artifact_prefix="$here/crashes/" "$out/corpus-$what"
