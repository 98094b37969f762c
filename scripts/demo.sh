#!/usr/bin/env bash
# One command from a fresh Debian 12 machine (as root) to a working demo:
# installs what is missing, builds build/slipway, and runs the main job on the
# bundled examples. Re-runs are incremental (nothing to install, make rebuilds
# only what changed).
set -euo pipefail
self=$(readlink -f "${BASH_SOURCE[0]}")
cd "$(dirname "$self")/.."

step() { echo "==> $*"; }

# Always with docker: cheaper to decide once than to build first and install
# the engine afterwards when `run` turns out to exist.
step "dependencies"
scripts/install-deps.sh --with-docker
step "build"
scripts/build.sh

slipway=build/slipway
demo=examples/local-demo/local-demo.slip

shopt -s nullglob
examples=(examples/*/*.slip)
shopt -u nullglob
if [[ ${#examples[@]} -eq 0 ]]; then
  echo "demo.sh: no examples/*/*.slip found" >&2
  exit 1
fi

step "$slipway check examples/*/*.slip"
"$slipway" check "${examples[@]}"

# Subcommands arrive one by one; `help SUBCOMMAND` exits non-zero for an
# unknown one, so the demo runs exactly the steps this build supports.
if "$slipway" help compile >/dev/null 2>&1; then
  step "$slipway compile $demo --target all -o build/demo-out"
  "$slipway" compile "$demo" --target all -o build/demo-out
fi

if "$slipway" help run >/dev/null 2>&1; then
  # Only `run` needs an engine and the local test image.
  step "docker engine + test image"
  scripts/docker-engine.sh
  scripts/test-images.sh
  step "$slipway run $demo"
  "$slipway" run "$demo"
fi
