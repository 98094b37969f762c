#!/usr/bin/env python3
"""Workflows for the runtime benchmark.

    gen_workflows.py chain N     N trivial steps, each needing the previous
    gen_workflows.py diamond N   one source, N-2 parallel `sleep 1` steps, one sink
"""
import sys

IMAGE = "slipway-test/busybox:1"


def chain(n):
    lines = ["pipeline p {"]
    for i in range(n):
        needs = f" needs [s{i - 1}]" if i else ""
        lines.append(f'  step s{i} {{ image "{IMAGE}" run ["true"]{needs} }}')
    lines += ["}", "workflow w { p }"]
    return "\n".join(lines) + "\n"


def diamond(n):
    middle = n - 2
    lines = ["pipeline p {", f'  step top {{ image "{IMAGE}" run "sleep 1" }}']
    for i in range(middle):
        lines.append(f'  step m{i} {{ image "{IMAGE}" run "sleep 1" needs [top] }}')
    names = ", ".join(f"m{i}" for i in range(middle))
    lines.append(f'  step bottom {{ image "{IMAGE}" run "sleep 1" needs [{names}] }}')
    lines += ["}", "workflow w { p }"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    kind, n = sys.argv[1], int(sys.argv[2])
    sys.stdout.write(chain(n) if kind == "chain" else diamond(n))
