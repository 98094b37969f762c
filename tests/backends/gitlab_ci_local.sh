#!/bin/sh
# Opt-in check that a generated .gitlab-ci.yml really runs: compiles
# tests/backends/gitlab_ci_local.slip (or the file given) for GitLab and runs
# it with gitlab-ci-local on the local Docker engine, offline. Not part of
# ctest: it needs Docker, the local image slipway-test/busybox:1
# (scripts/test-images.sh), rsync, `npm install -g gitlab-ci-local@4.73.0`,
# and a helper image with bash and rsync, built here once with debootstrap
# (about a minute, 120 MB). Exit status: gitlab-ci-local's.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
slip=${1:-$here/gitlab_ci_local.slip}
helper=slipway-gitlab/helper:1

for tool in docker rsync gitlab-ci-local; do
  command -v "$tool" >/dev/null || { echo "gitlab_ci_local.sh: needs $tool" >&2; exit 2; }
done
if ! docker image inspect "$helper" >/dev/null 2>&1; then
  command -v debootstrap >/dev/null || { echo "gitlab_ci_local.sh: needs debootstrap to build $helper" >&2; exit 2; }
  rootfs=$(mktemp -d)
  debootstrap --variant=minbase --include=rsync,bash bookworm "$rootfs" >/dev/null
  tar -C "$rootfs" --numeric-owner -c . |
    docker import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$helper" >/dev/null
  rm -rf "$rootfs"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$slip" "$work/ci.slip"
"$root/build/slipway" compile "$work/ci.slip" --target gitlab -o "$work" >/dev/null
cd "$work"
git init -q .
git add -A
git -c user.email=ci@example.com -c user.name=ci commit -qm ci
gitlab-ci-local --pull-policy if-not-present --helper-image "$helper" --no-artifacts-to-source \
  --variable API_TOKEN=local-test-token
