#!/usr/bin/env bash
# Compile benchmark: a generated 10,000-step workflow (500 pipelines x 20
# steps) through `slipway compile --target all`; prints the median wall time
# of N runs and the peak RSS. Results go in docs/performance.md.
#
#   bench/compile/run.sh [RUNS] [PIPELINES] [STEPS]
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.."
runs=${1:-7}
pipelines=${2:-500}
steps=${3:-20}
bin=build/slipway
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/compile/gen_large.py "$pipelines" "$steps" > "$work/big.slip"
echo "input: $((pipelines * steps)) steps, $(wc -c < "$work/big.slip") bytes; machine: $(nproc) cores, $(uname -m)"
measure() {  # measure LABEL CMD...: median seconds and max peak KB over $runs
  local label=$1; shift
  local times=() peak=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>&1 || true
    read -r t m < "$work/t"
    times+=("$t"); (( m > peak )) && peak=$m
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%-28s median %6.3f s   peak %4d MB   (N=%d)\n' "$label" "$median" $((peak / 1024)) "$runs"
}
measure "check" "$bin" check "$work/big.slip"
measure "compile --target all" "$bin" compile "$work/big.slip" --target all -o "$work/out"
