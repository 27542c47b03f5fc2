#!/usr/bin/env bash
# Left-behind engine: nbhd's convert / change / summary against an independent pandas route (plain Python
# csv when pandas is absent) on the same files in the same run; prints both times, the ratio and whether
# the check values agree. Targets: each nbhd step <= 100 ms on 2 cores.
# usage: bench/bench_leftbehind.sh [BUILD_DIR] [SHARED_DATA] [REPS]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${1:-build}"
DATA="${2:-${NBHD_SHARED_DATA:-../shared/data}}"
REPS="${3:-10}"
PY=python3
# Debian's python3-pandas lives in the system interpreter; prefer it when another python3 comes first.
if ! $PY -c 'import pandas' 2>/dev/null && /usr/bin/python3 -c 'import pandas' 2>/dev/null; then PY=/usr/bin/python3; fi
ours=$("$BUILD/bench/bench_leftbehind" "$DATA" "$REPS")
theirs=$($PY bench/leftbehind_pandas.py "$DATA" "$REPS")
echo "$theirs" | grep '^route'
echo "$ours" | grep '^read_tables' | sed 's/^/nbhd /'
printf '%-8s %10s %10s %8s  %s\n' step nbhd_ms other_ms ratio "check values"
for step in convert change summary; do
  a=$(echo "$ours" | awk -v s=$step '$1==s {print $2}')
  b=$(echo "$theirs" | awk -v s=$step '$1==s {print $2}')
  ca=$(echo "$ours" | awk -v s=$step '$1==s {$1="";$2="";print}')
  cb=$(echo "$theirs" | awk -v s=$step '$1==s {$1="";$2="";print}')
  same=$([ "$ca" = "$cb" ] && echo "agree" || echo "DIFFER: nbhd$ca / other$cb")
  ratio=$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.1fx", b / a}')
  target=$(awk -v a="$a" 'BEGIN {print (a <= 100 ? "" : " (over the 100 ms target)")}')
  printf '%-8s %10s %10s %8s  %s%s\n' $step "$a" "$b" "$ratio" "$same" "$target"
done
