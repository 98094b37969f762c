#!/usr/bin/env python3
"""Runs the steps of a generated Cloud Build file on this machine, the way
Cloud Build would: substitutions applied to every field but `script`, steps
in file order (a valid order for their waitFor), secretEnv taken from the
given secrets. The outputs directory /workspace/.slipway/outputs is mapped to
a temp directory (and /workspace/.slipway/status to OUTPUTS_DIR-status). Prints one JSON object per step: id, exit code, stderr.

usage: cloudbuild_steps.py BUILD.yaml OUTPUTS_DIR SUBSTITUTIONS_JSON SECRETS_JSON
"""
import json
import os
import re
import shutil
import subprocess
import sys

import yaml

REF = re.compile(r"\$(\$|\{([^}]*)\}|([A-Z_][A-Z0-9_]*))")


def substitute(text, values):
    def repl(m):
        if m.group(1) == "$":
            return "$"
        name = m.group(2) or m.group(3)
        if name not in values:
            raise SystemExit("unknown substitution " + name)
        return values[name]
    return REF.sub(repl, text)


def main():
    path, outputs, given, secrets = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4])
    config = yaml.safe_load(open(path, encoding="utf-8"))
    values = {"PROJECT_ID": "acme", "BUILD_ID": "b-123", "COMMIT_SHA": "0123456789abcdef0123456789abcdef01234567",
              "SHORT_SHA": "0123456", "BRANCH_NAME": "main", "TAG_NAME": "", "LOCATION": "global"}
    # Declared defaults, then the run's own values; dynamic substitution
    # expands the defaults as well.
    for key, default in (config.get("substitutions") or {}).items():
        values[key] = given[key] if key in given else substitute(default, values)
    for key, value in given.items():  # built-ins too: a run's branch, tag, commit
        if key not in (config.get("substitutions") or {}):
            values[key] = value
    # SLIPWAY_TEST_SHELL_DIR holds an `sh` to run instead of the system one.
    path_var = os.environ["PATH"]
    if os.environ.get("SLIPWAY_TEST_SHELL_DIR"):
        path_var = os.environ["SLIPWAY_TEST_SHELL_DIR"] + ":" + path_var
    for step in config["steps"]:
        env = {"PATH": path_var}
        for item in step.get("env", []):
            key, _, value = substitute(item, values).partition("=")
            env[key] = value
        for name in step.get("secretEnv", []):
            env[name] = secrets[name]
        if "script" in step:
            argv = ["sh", "-c", step["script"]]  # the `script` field: never substituted
        else:
            argv = [substitute(step["entrypoint"], values)] + [substitute(a, values) for a in step.get("args", [])]
            argv = [a.replace("/workspace/.slipway/outputs", outputs)
                    .replace("/workspace/.slipway/status", outputs + "-status") for a in argv]
        cwd = None
        if "dir" in step:
            cwd = os.path.join(outputs, substitute(step["dir"], values))
            os.makedirs(cwd, exist_ok=True)
        if argv[0] == "sh":
            argv[0] = shutil.which("sh", path=path_var)
        proc = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True)
        print(json.dumps({"id": step["id"], "code": proc.returncode, "stderr": proc.stderr, "stdout": proc.stdout}))
        if proc.returncode != 0 and not step.get("allowFailure"):
            break


main()
