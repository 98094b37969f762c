#!/usr/bin/env bash
# Runtime benchmark (needs a running engine and slipway-test/busybox:1):
#  (a) per-step overhead: `slipway run` of N trivial sequential steps vs the
#      raw Engine API lifecycle (create, start, wait, remove) of N containers;
#      goal: within 10 %.
#  (b) a 20-step diamond of `sleep 1` steps with --jobs 4 vs its critical
#      path (3 s) and vs the best a 4-slot schedule can do (1 + ceil(18/4) + 1 = 7 s).
# Prints medians over RUNS. Results go in docs/performance.md.
#
#   bench/runtime/run.sh [RUNS] [N]
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.."
runs=${1:-5}
n=${2:-10}
bin=build/slipway
image=slipway-test/busybox:1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/runtime/gen_workflows.py chain "$n" > "$work/chain.slip"
python3 bench/runtime/gen_workflows.py chain 1 > "$work/one.slip"
python3 bench/runtime/gen_workflows.py diamond 20 > "$work/diamond.slip"
echo "machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), engine $(curl -s --unix-socket /var/run/docker.sock http://d/version | python3 -c 'import json,sys; print(json.load(sys.stdin)["Version"])')"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
wall() {  # wall seconds of a command
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

raw=() run=() dia=() raw1=() run1=()
for _ in $(seq "$runs"); do
  raw1+=("$(python3 bench/runtime/raw_lifecycle.py 1 "$image")")
  run1+=("$(wall "$bin" run "$work/one.slip")")
  raw+=("$(python3 bench/runtime/raw_lifecycle.py "$n" "$image")")
  run+=("$(wall "$bin" run "$work/chain.slip" --jobs 1)")
  dia+=("$(wall "$bin" run "$work/diamond.slip" --jobs 4)")
done
raw_m=$(printf '%s\n' "${raw[@]}" | median)
run_m=$(printf '%s\n' "${run[@]}" | median)
dia_m=$(printf '%s\n' "${dia[@]}" | median)
raw1_m=$(printf '%s\n' "${raw1[@]}" | median)
run1_m=$(printf '%s\n' "${run1[@]}" | median)
printf '(a) %d sequential trivial steps (N=%d runs)\n' "$n" "$runs"
printf '    raw Engine API lifecycle   median %6.2f s  (%.3f s/container)\n' "$raw_m" "$(echo "$raw_m / $n" | bc -l)"
printf '    slipway run --jobs 1       median %6.2f s  (%.3f s/step)\n' "$run_m" "$(echo "$run_m / $n" | bc -l)"
printf '    overhead                   %+.1f %%\n' "$(echo "($run_m / $raw_m - 1) * 100" | bc -l)"
printf '    one step: raw %.2f s, slipway run %.2f s (whole command: compile, git, workspace volume, cleanup)\n' "$raw1_m" "$run1_m"
printf '(b) 20-step diamond of sleep 1, --jobs 4 (N=%d runs)\n' "$runs"
printf '    slipway run                median %6.2f s\n' "$dia_m"
printf '    critical path              %6.2f s  (ratio %.2f)\n' 3 "$(echo "$dia_m / 3" | bc -l)"
printf '    best 4-slot schedule       %6.2f s  (ratio %.2f)\n' 7 "$(echo "$dia_m / 7" | bc -l)"
