#!/usr/bin/env bash
# Lint benchmark (docs/performance.md): median wall time of the whole
# `slipway lint` process and its peak memory, for
#   (a) one typical 50-step file                  goal < 15 ms
#   (b) a tree of 1,000 such files (all CPUs)     goal < 2 s on 2 cores
#   (c) one 10,000-step file (bench/compile)      goal < 1 s
# (d) is the peak memory column of each. The typical files come from
# gen_typical.py and lint clean; the large file is the compile benchmark's.
#
#   bench/lint/run.sh [RUNS] [FILES]
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.."
runs=${1:-15}
files=${2:-1000}
bin=build/slipway
[[ -x $bin ]] || { echo "run.sh: build $bin first (scripts/build.sh)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 bench/lint/gen_typical.py 50 1 > "$work/one.slip"
python3 bench/lint/gen_typical.py --tree "$work/tree" "$files" 50
python3 bench/compile/gen_large.py 500 20 > "$work/large.slip"
echo "machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "inputs: one file $(wc -c < "$work/one.slip") bytes; tree $files files $(du -sk "$work/tree" | cut -f1) KB;" \
     "large $(wc -c < "$work/large.slip") bytes"

# measure LABEL RUNS CMD...: median wall time (bash's microsecond clock) over
# RUNS runs, and the peak RSS of the largest process (the parent or one of
# its lint workers: RUSAGE_CHILDREN covers every waited-for descendant) over
# three more.
measure() {
  local label=$1 n=$2; shift 2
  local times=() peak=0 start end m
  "$@" >/dev/null 2>&1 || true  # warm the page cache
  for _ in $(seq "$n"); do
    start=$EPOCHREALTIME
    "$@" >/dev/null 2>&1 || true
    end=$EPOCHREALTIME
    times+=("$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.6f", b - a}')")
  done
  for _ in 1 2 3; do
    m=$(python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@")
    (( m > peak )) && peak=$m
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  awk -v l="$label" -v t="$median" -v p="$peak" -v n="$n" \
    'BEGIN {printf "%-36s median %8.1f ms   peak %6.1f MB   (N=%d)\n", l, t * 1000, p / 1024, n}'
}

measure "(a) lint one 50-step file" "$runs" "$bin" lint "$work/one.slip"
measure "(b) lint $files files (-j $(nproc))" 5 "$bin" lint "$work/tree"
measure "(b) lint $files files (-j 1)" 3 "$bin" lint -j 1 "$work/tree"
measure "(c) lint one 10,000-step file" 5 "$bin" lint "$work/large.slip"
measure "    check one 10,000-step file" 5 "$bin" check "$work/large.slip"
