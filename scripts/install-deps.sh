#!/usr/bin/env bash
# Installs the Debian 12 packages Slipway needs to build and test.
# Idempotent: asks dpkg first and calls apt-get only for what is missing, so a
# re-run on a set-up machine costs well under a second and needs no network.
#
#   scripts/install-deps.sh                # build + test toolchain
#   scripts/install-deps.sh --with-docker  # also the engine and the test image's busybox
set -euo pipefail
self=$(readlink -f "${BASH_SOURCE[0]}")
cd "$(dirname "$self")/.."

with_docker=0
for arg in "$@"; do
  case "$arg" in
    --with-docker) with_docker=1 ;;
    -h|--help) sed -n '2,7s/^# \{0,1\}//p' "$self"; exit 0 ;;
    *) echo "install-deps.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

packages=(
  # Compiler toolchain; make is the CMake generator we use (no ninja needed).
  build-essential make g++ cmake
  # The parser is generated at build time by Debian's antlr4 tool (runs on Java).
  default-jre-headless antlr4 libantlr4-runtime-dev
  # Libraries the compiler, runtime and tests link against.
  libyaml-cpp-dev libcli11-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libbenchmark-dev libcurl4-openssl-dev
  # Tests: git for repo fixtures, python3 + yaml + jsonschema for
  # ../shared/tools/validate-ci, graphviz for the graph output.
  git python3 python3-yaml python3-jsonschema graphviz
  # Our scripts: curl pings the engine socket, procps gives pgrep. Both are
  # missing from a bare Debian base image.
  curl procps
  # The benchmark scripts measure wall time and peak memory with GNU time.
  time
  # tests/lint/precommit_test.cc runs the hooks of .pre-commit-hooks.yaml.
  pre-commit
)
if [[ $with_docker == 1 ]]; then
  # docker.io brings dockerd, containerd, runc and the docker CLI;
  # busybox-static is the only content of the local test image.
  packages+=(docker.io busybox-static)
fi

missing=()
for p in "${packages[@]}"; do
  # "install ok installed" (or "hold ok installed") means present; anything
  # else -- unknown, config-files, half-installed -- means (re)install.
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ $status == *" ok installed" ]] || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

sudo=()
if [[ $EUID -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-deps.sh: need root to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi

echo "install-deps.sh: installing ${missing[*]}"
log=$(mktemp /tmp/slipway-install-deps.XXXXXX.log)
# Wait for a concurrent apt/dpkg (e.g. a first-boot unattended upgrade)
# instead of failing on the lock.
apt_opts=(-o DPkg::Lock::Timeout=300 -o Acquire::Retries=3)
if ! { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" -q update &&
       "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" -q install -y --no-install-recommends "${missing[@]}"
     } </dev/null >"$log" 2>&1; then
  echo "install-deps.sh: apt-get failed; last lines of $log:" >&2
  tail -n 30 "$log" >&2
  exit 1
fi
rm -f "$log"
