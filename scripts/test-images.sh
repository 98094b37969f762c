#!/usr/bin/env bash
# Builds the local test image slipway-test/busybox:1 from Debian's
# busybox-static. No registry is reachable here, so tests cannot pull images;
# this one is made from a rootfs with `docker import` (about 2 MB, ~1 s).
# Idempotent: the image carries a label with a hash of its inputs (busybox
# binary + this script) and is rebuilt only when that hash changes.
# Test setup only: uses the docker CLI, which the product itself never does.
set -euo pipefail
self=$(readlink -f "${BASH_SOURCE[0]}")
cd "$(dirname "$self")/.."

image=slipway-test/busybox:1
busybox=/bin/busybox   # from busybox-static (scripts/install-deps.sh --with-docker)

[[ -x $busybox ]] || { echo "test-images.sh: $busybox missing (run scripts/install-deps.sh --with-docker)" >&2; exit 1; }
# The dynamically linked `busybox` package installs the same path; its binary
# would not run in an image without libc.
if ldd "$busybox" >/dev/null 2>&1; then
  echo "test-images.sh: $busybox is dynamically linked; install busybox-static" >&2
  exit 1
fi

inputs=$( { sha256sum <"$busybox"; sha256sum <"$self"; } | sha256sum | cut -d' ' -f1)
current=$(docker image inspect -f '{{ index .Config.Labels "slipway.inputs" }}' "$image" 2>/dev/null || true)
if [[ $current == "$inputs" ]]; then
  exit 0
fi
old_id=$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)

echo "test-images.sh: building $image"
root=$(mktemp -d /tmp/slipway-rootfs.XXXXXX)
trap 'rm -rf "$root"' EXIT
umask 022
chmod 755 "$root"   # mktemp makes 0700; "/" must be traversable by nobody

mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,root,tmp,workspace,dev,proc,sys}
cp "$busybox" "$root/bin/busybox"
# Link every applet where busybox expects it (bin/sh, usr/bin/wget, ...).
while read -r applet; do
  [[ $applet == bin/busybox ]] && continue
  mkdir -p "$root/$(dirname "$applet")"
  ln -sf /bin/busybox "$root/$applet"
done < <("$busybox" --list-full)
[[ -L $root/bin/sh ]] || { echo "test-images.sh: busybox has no sh applet" >&2; exit 1; }

printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' \
  'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' >"$root/etc/passwd"
printf '%s\n' 'root:x:0:' 'nobody:x:65534:' >"$root/etc/group"
chmod 700 "$root/root"
chmod 1777 "$root/tmp"

# Owner 0 and a fixed mtime/order: the layer does not depend on who built it.
tar --numeric-owner --owner=0 --group=0 --sort=name --mtime=@0 -C "$root" -c . |
  docker import \
    --change 'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["sh"]' \
    --change "LABEL slipway.inputs=$inputs" \
    - "$image" >/dev/null

# Smoke test: a broken image should fail here, not in the middle of the tests.
out=$(docker run --rm --network none "$image" sh -c 'echo ok' 2>&1) || true
if [[ $out != ok ]]; then
  echo "test-images.sh: $image does not run: $out" >&2
  exit 1
fi

# Drop the image this one replaced (now untagged); ignore if still in use.
new_id=$(docker image inspect -f '{{.Id}}' "$image")
if [[ -n $old_id && $old_id != "$new_id" ]]; then
  docker image rm "$old_id" >/dev/null 2>&1 || true
fi
