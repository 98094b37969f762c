#!/usr/bin/env bash
# Builds Slipway with CMake (Unix Makefiles).
#
#   scripts/build.sh                  # Release build in build/  (binary: build/slipway)
#   scripts/build.sh --asan           # ASan+UBSan build in build-asan/ (no benchmarks)
#   scripts/build.sh [--asan] -DX=Y   # also (re)configure with extra cache options
#   scripts/build.sh --target T ...   # build only these targets
#
# Configures only when the build tree is missing, so re-runs are incremental:
# an existing tree re-runs CMake by itself when a CMakeLists.txt changed.
set -euo pipefail
self=$(readlink -f "${BASH_SOURCE[0]}")
cd "$(dirname "$self")/.."

dir=build
config=(-DCMAKE_BUILD_TYPE=Release)
extra=()
targets=()
want_target=0
for arg in "$@"; do
  if [[ $want_target == 1 ]]; then targets+=(--target "$arg"); want_target=0; continue; fi
  case "$arg" in
    --target) want_target=1 ;;
    --asan)
      dir=build-asan
      config=(-DSLIPWAY_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSLIPWAY_BUILD_BENCH=OFF) ;;
    -D*) extra+=("$arg") ;;
    -h|--help) sed -n '2,9s/^# \{0,1\}//p' "$self"; exit 0 ;;
    *) echo "build.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

# A configure that failed half-way leaves a CMakeCache.txt but no Makefile:
# treat that as "not configured" too. Extra -D options force a configure
# because they would otherwise be silently ignored.
if [[ ! -f $dir/CMakeCache.txt || ( ! -f $dir/Makefile && ! -f $dir/build.ninja ) || ${#extra[@]} -gt 0 ]]; then
  echo "build.sh: configuring $dir/"
  cmake -S . -B "$dir" "${config[@]}" "${extra[@]}"
fi
cmake --build "$dir" -j"$(nproc)" "${targets[@]}"
