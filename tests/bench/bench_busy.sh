#!/bin/sh
# bench_busy.sh RELUSCAPE TOP: a surface on a busy machine (issue 17).
# `reluscape surface scenes/net-dead.scene --size 512x512`, on one thread
# (OMP_NUM_THREADS=1) and on all (the default), each alone and beside one
# competing busy process (`yes > /dev/null`); median wall-clock time of 3
# runs each, and the ratio all/one.  Goal: beside one busy process on two
# cores, all threads no more than 10 % slower than one (ratio <= 1.10).
# Other load on the machine makes the figures noisy: the load average
# and the processors are printed with them.  Prints figures; never fails.
set -u
R=$1
TOP=$2
. "$(dirname "$0")/unwrap.sh"
out=$(mktemp -d /tmp/bench-busy.XXXXXX)
busy=
trap '[ -n "$busy" ] && kill "$busy" 2> /dev/null; rm -rf "$out"' EXIT

ms () { date +%s%N | awk '{ printf "%.0f", $1 / 1000000 }'; }

# median3 THREADS: the median of 3 runs, in ms (THREADS empty: default).
median3 () {
  for i in 1 2 3; do
    s=$(ms)
    if [ -n "$1" ]; then
      OMP_NUM_THREADS=$1 "$R" surface "$TOP/scenes/net-dead.scene" --size 512x512 -o "$out/s.csv"
    else
      "$R" surface "$TOP/scenes/net-dead.scene" --size 512x512 -o "$out/s.csv"
    fi
    echo $(( $(ms) - s ))
  done | sort -n | sed -n 2p
}

echo "busy machine: $(nproc) processors, load average $(cut -d' ' -f1-3 /proc/loadavg) before"
one=$(median3 1)
all=$(median3 "")
echo "surface 512x512 alone:          1 thread $one ms, all threads $all ms, ratio $(awk -v a="$all" -v b="$one" 'BEGIN { printf "%.2f", a / b }')"
yes > /dev/null &
busy=$!
one=$(median3 1)
all=$(median3 "")
kill "$busy"
busy=
echo "surface 512x512 beside 'yes':   1 thread $one ms, all threads $all ms, ratio $(awk -v a="$all" -v b="$one" 'BEGIN { printf "%.2f", a / b }') (goal <= 1.10)"
echo "busy machine: load average $(cut -d' ' -f1-3 /proc/loadavg) after"
