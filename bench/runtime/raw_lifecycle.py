#!/usr/bin/env python3
"""The floor for `slipway run`: N containers through the raw Engine API,
one after another (create, start, wait, remove), like N sequential steps.
Prints the total seconds. Speaks HTTP/1.1 on the unix socket directly.

    raw_lifecycle.py N IMAGE [SOCKET]
"""
import json
import socket
import sys
import time


def call(sock_path, method, path, body=None):
    s = socket.socket(socket.AF_UNIX)
    s.connect(sock_path)
    data = json.dumps(body).encode() if body is not None else b""
    head = (f"{method} /v1.41{path} HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n")
    s.sendall(head.encode() + data)
    chunks = []
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        chunks.append(chunk)
    s.close()
    raw = b"".join(chunks)
    status = int(raw.split(b" ", 2)[1])
    payload = raw.split(b"\r\n\r\n", 1)[1]
    if b"Transfer-Encoding: chunked" in raw.split(b"\r\n\r\n", 1)[0]:
        out, rest = b"", payload
        while rest:
            size, rest = rest.split(b"\r\n", 1)
            n = int(size, 16)
            if n == 0:
                break
            out, rest = out + rest[:n], rest[n + 2:]
        payload = out
    if status >= 300:
        raise SystemExit(f"{method} {path}: {status} {payload[:200]!r}")
    return payload


def main():
    n, image = int(sys.argv[1]), sys.argv[2]
    sock = sys.argv[3] if len(sys.argv) > 3 else "/var/run/docker.sock"
    begin = time.monotonic()
    for _ in range(n):
        cid = json.loads(call(sock, "POST", "/containers/create",
                              {"Image": image, "Cmd": ["true"],
                               "Labels": {"slipway.bench": "raw"}}))["Id"]
        call(sock, "POST", f"/containers/{cid}/start")
        call(sock, "POST", f"/containers/{cid}/wait")
        call(sock, "DELETE", f"/containers/{cid}?force=1")
    print(f"{time.monotonic() - begin:.3f}")


if __name__ == "__main__":
    main()
