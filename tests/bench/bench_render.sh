#!/bin/sh
# bench_render.sh RELUSCAPE TOP DUMP: whole processes, wall-clock time.
# 1. Every scene of TOP/scenes exported as a PDF (goal: the set in 5 s).
# 2. The built-in scene's landscape figure, 1200 x 800 PNG, by `reluscape
#    render` and by bench_mpl.py (matplotlib, from Debian's
#    python3-matplotlib), median of 5 runs each, and their ratio (goal:
#    reluscape at least 10 times faster).  Prints figures; never fails.
set -u
R=$1
TOP=$2
DUMP=$3
. "$(dirname "$0")/unwrap.sh"
out=$(mktemp -d /tmp/bench-render.XXXXXX)
trap 'rm -rf "$out"' EXIT

ms () { date +%s%N | awk '{ printf "%.0f", $1 / 1000000 }'; }

n=0
start=$(ms)
for f in "$TOP"/scenes/*.scene; do
  "$R" render "$f" -o "$out/$(basename "$f" .scene).pdf" || echo "bench: $f failed"
  n=$((n + 1))
done
end=$(ms)
echo "the $n scenes of scenes/ as PDF: $((end - start)) ms (goal: under 5000 ms; ratio $(awk "BEGIN { printf \"%.2f\", ($end - $start) / 5000 }"))"

# median of 5 runs of a command, in ms
median5 () {
  for i in 1 2 3 4 5; do
    s=$(ms); "$@" > /dev/null 2>&1 || { echo fail; return; }; e=$(ms)
    echo $((e - s))
  done | sort -n | sed -n 3p
}

rt=$(median5 "$R" render - -o "$out/r.png" -s 1200x800)
echo "reluscape render of the built-in scene, 1200x800 PNG, whole process: $rt ms (median of 5)"
if /usr/bin/python3 -c "import matplotlib, numpy" 2> /dev/null; then
  mt=$(median5 /usr/bin/python3 "$TOP/tests/bench/bench_mpl.py" "$DUMP" "$out/m.png")
  echo "matplotlib (bench_mpl.py) of the same figure, whole process: $mt ms (median of 5)"
  [ "$mt" != fail ] && [ "$rt" != fail ] \
    && echo "matplotlib / reluscape: $(awk "BEGIN { printf \"%.1f\", $mt / ($rt > 0 ? $rt : 1) }")x (goal: at least 10x)"
else
  echo "matplotlib: not installed (apt-get install python3-matplotlib); comparison skipped"
fi
