#!/bin/sh
# with-torch.sh SCRIPT DUMP: run the PyTorch half of a benchmark on the
# figures the C half dumped, with the first python that has torch
# (Debian's python3-torch is importable by /usr/bin/python3 only), or say
# why it is skipped.  The dump is removed either way; the exit status is
# the script's (1 when the two computations disagree).
script=$1 dump=$2
for py in /usr/bin/python3 python3; do
  if "$py" -c 'import torch' > /dev/null 2>&1; then
    "$py" "$script" "$dump"; rc=$?
    rm -f "$dump"
    exit $rc
  fi
done
echo "PyTorch comparison skipped: python3-torch is not installed (apt-get install python3-torch)"
rm -f "$dump"
exit 0
