#!/usr/bin/env bash
# Makes sure a Docker engine answers on /var/run/docker.sock.
# No engine runs at boot on these machines (no systemd), and CI starts on such
# a machine, so we start dockerd ourselves. Idempotent: does nothing when the
# engine answers; waits (never starts a second one) when dockerd is running
# but not answering yet -- a second dockerd beside a running one deleted the
# first one's docker0 bridge on this machine kind.
set -euo pipefail
self=$(readlink -f "${BASH_SOURCE[0]}")
cd "$(dirname "$self")/.."

sock=/var/run/docker.sock
log=/var/log/slipway-dockerd.log
timeout_s=30

ping() { curl --unix-socket "$sock" -sf --max-time 2 -o /dev/null http://localhost/_ping; }

if ping; then
  exit 0
fi

pid=""
if pgrep -x dockerd >/dev/null 2>&1; then
  echo "docker-engine.sh: dockerd is running but not answering yet; waiting"
else
  command -v dockerd >/dev/null 2>&1 || { echo "docker-engine.sh: dockerd not installed (run scripts/install-deps.sh --with-docker)" >&2; exit 1; }
  echo "docker-engine.sh: starting dockerd (log: $log)"
  # setsid + all three fds redirected: the daemon outlives this script and
  # holds no pipe of the caller open (a CI runner would wait for its EOF).
  setsid dockerd </dev/null >"$log" 2>&1 &
  pid=$!
fi

# Poll every 0.1 s; the engine usually answers within half a second.
for ((i = 0; i < timeout_s * 10; i++)); do
  if ping; then
    exit 0
  fi
  # Fail fast when the daemon we started has already died.
  if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
    break
  fi
  sleep 0.1
done

echo "docker-engine.sh: no answer on $sock after ${timeout_s}s; last lines of $log:" >&2
tail -n 30 "$log" >&2 2>/dev/null || true
exit 1
