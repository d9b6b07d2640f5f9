#!/bin/sh
# with-torch.sh [--or-numpy] SCRIPT DUMP: run the PyTorch half of a
# benchmark on the figures the C half dumped, with the first python that
# has torch (Debian's python3-torch is importable by /usr/bin/python3
# only), or say why it is skipped.  With --or-numpy, for a script that
# also compares with numpy and skips its PyTorch part by itself, a python
# that has numpy but not torch runs it too.  The dump is removed either
# way; the exit status is the script's (1 when the computations disagree).
modules=torch
if [ "$1" = --or-numpy ]; then
  modules="torch numpy"
  shift
fi
script=$1 dump=$2
for module in $modules; do
  for py in /usr/bin/python3 python3; do
    if "$py" -c "import $module" > /dev/null 2>&1; then
      "$py" "$script" "$dump"; rc=$?
      rm -f "$dump"
      exit $rc
    fi
  done
done
if [ "$modules" = torch ]; then
  echo "PyTorch comparison skipped: python3-torch is not installed (apt-get install python3-torch)"
else
  echo "PyTorch and numpy comparisons skipped: neither python3-torch nor python3-numpy is installed (apt-get install python3-torch python3-numpy)"
fi
rm -f "$dump"
exit 0
