#!/usr/bin/env bash
# One command from a fresh Debian 12 machine (as root) to a full test run:
# installs what is missing, starts the Docker engine, builds the local test
# image, builds, runs every test, then builds with ASan+UBSan in build-asan/
# and runs the corpus tests there. Exits non-zero if anything fails.
#
#   SLIPWAY_SKIP_ASAN=1 scripts/test.sh   # skip the sanitizer build (fast local loop)
set -euo pipefail
self=$(readlink -f "${BASH_SOURCE[0]}")
cd "$(dirname "$self")/.."

step() { echo "==> $*"; }

step "dependencies"
scripts/install-deps.sh --with-docker
# Runtime tests talk to a real engine; no engine runs at boot, so start it.
step "docker engine"
scripts/docker-engine.sh
step "test images"
scripts/test-images.sh
step "build"
scripts/build.sh

# A test failure does not stop the script: the sanitizer run still happens so
# one CI run reports everything; the exit status reflects both.
# --no-tests=error: a run that finds no tests (e.g. a lost label) must not pass.
status=0
step "ctest (build/)"
ctest --test-dir build --output-on-failure -j2 --no-tests=error || status=1

if [[ ${SLIPWAY_SKIP_ASAN:-0} == 1 ]]; then
  step "sanitizer build skipped (SLIPWAY_SKIP_ASAN=1)"
else
  step "build (build-asan/, ASan+UBSan)"
  # Only what the corpus run needs: a sanitized binary and its test driver.
  scripts/build.sh --asan --target slipway --target corpus_tests
  step "ctest -L corpus (build-asan/)"
  # Stack traces for UBSan reports; keep any options the caller set.
  UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
    ctest --test-dir build-asan -L corpus --output-on-failure --no-tests=error || status=1
fi

if [[ $status -ne 0 ]]; then
  echo "test.sh: FAILED" >&2
else
  echo "test.sh: all passed"
fi
exit "$status"
