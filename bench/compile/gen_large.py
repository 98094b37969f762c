#!/usr/bin/env python3
"""Writes a large, realistic Slipway workflow for benchmarks.

usage: gen_large.py PIPELINES STEPS_PER_PIPELINE > big.slip

Each pipeline has a diamond-ish DAG: every step reads an output of one or two
earlier steps (implicit edges), some need another explicitly, some get a
secret in env, and pipelines are chained in groups of four.
"""
import random
import sys


def main():
    pipelines = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    rng = random.Random(42)  # fixed seed: the same file every time
    out = ["param registry: string = \"europe-docker.pkg.dev/acme/apps\"",
           "secret deploy_token", "secret docker_config: file", ""]
    for p in range(pipelines):
        out.append(f"pipeline p{p} {{")
        for s in range(steps):
            out.append(f"  step s{s} {{")
            out.append("    image \"alpine:3.20\"")
            reads = sorted(rng.sample(range(s), min(s, rng.choice([1, 1, 2])))) if s else []
            words = " ".join(f"${{s{r}.out}}" for r in reads)
            out.append(f"    run \"echo step {s} {words} ${{git.short_sha}} && echo out=v{s} >> $SLIPWAY_OUTPUTS\"")
            if s % 5 == 4:
                out.append("    env { TOKEN = deploy_token }")
            if s % 7 == 6:
                out.append("    files { \"/run/secrets/docker.json\" = docker_config }")
            if s > 2 and s % 4 == 0:
                out.append(f"    needs [s{rng.randrange(s)}]")
            out.append("    timeout 10m")
            out.append("    outputs { out: string }")
            out.append("  }")
        out.append("}")
        out.append("")
    out.append("workflow main {")
    out.append("  on push branches [\"main\", \"release/*\"]")
    for p in range(pipelines):
        if p % 4 == 0:
            out.append(f"  p{p}")
        else:
            out.append(f"  p{p - 1} -> p{p}")
    out.append("}")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
