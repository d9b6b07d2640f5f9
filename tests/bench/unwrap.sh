# unwrap.sh: sourced by the benchmark scripts with R set to the program.
# In the build tree RELUSCAPE is libtool's wrapper script, which costs a
# shell and a relink check at every start: time the program itself.
dir=$(dirname "$R")
if [ -x "$dir/.libs/reluscape" ] && head -c 2 "$R" | grep -q '#!'; then
  R="$dir/.libs/reluscape"
  LD_LIBRARY_PATH="$dir/../lib/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  export LD_LIBRARY_PATH
fi
