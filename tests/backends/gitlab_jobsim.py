#!/usr/bin/env python3
"""usage: gitlab_jobsim.py FILE.yml [!]JOB...

Runs the scripts of the named jobs of a generated .gitlab-ci.yml, in the
given order, with /bin/sh on this machine: no containers, no images. It
mimics what a GitLab runner gives a job, as far as the generated scripts
rely on it:

- predefined variables: CI_PROJECT_DIR (a fresh temp dir shared by the jobs,
  like one checkout) and the CI_* values of this process's environment;
- top-level and job `variables:` (values with `expand: false` stay raw;
  others have `$NAME`/`${NAME}` expanded once);
- `!reference [job, key]` in `script:`;
- dotenv reports: read with GitLab's rules (`KEY=VALUE` lines, keys of
  [A-Za-z0-9_], no empty lines, at most 5 KB, values trimmed) and given to
  the jobs that need the producer with `artifacts: true`.

`after_script` runs after `script` in a new shell, with CI_JOB_STATUS set;
dotenv reports are collected whatever the job's result, as GitLab does.
Each job's stdout is printed after a `== JOB` line. A job written `!JOB`
must fail; any other failing job ends the run with its status (its stderr
is passed through).
"""
import os
import re
import subprocess
import sys
import tempfile

import yaml


class Loader(yaml.SafeLoader):
    """YAML 1.1, as GitLab's Psych reads it, plus `!reference`."""


class Reference(list):
    pass


Loader.add_constructor("!reference", lambda loader, node: Reference(loader.construct_sequence(node)))


def expand(value, env):
    def sub(m):
        name = m.group(1) or m.group(2)
        return env.get(name, m.group(0))
    return re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)", sub, value)


def set_variables(env, variables):
    for name, spec in (variables or {}).items():
        if isinstance(spec, dict):
            if "value" not in spec:
                continue
            value, raw = str(spec["value"]), spec.get("expand") is False
        else:
            value, raw = str(spec), False
        env[name] = value if raw else expand(value, env)


def script_text(doc, entries):
    lines = []
    for e in entries:
        if isinstance(e, Reference):
            lines.extend(doc[e[0]][e[1]])
        else:
            lines.append(e)
    return "\n".join(lines)


def read_dotenv(path):
    data = open(path, "rb").read()
    if len(data) > 5 * 1024:
        sys.exit(f"gitlab_jobsim: dotenv report {path} is larger than 5 KB")
    values = {}
    for line in data.decode("utf-8").split("\n"):
        if line == "":
            continue
        m = re.match(r"^(.*?)=(.*)$", line)
        if not m or not re.fullmatch(r"[A-Za-z0-9_]+", m.group(1).strip()):
            sys.exit(f"gitlab_jobsim: invalid dotenv line in {path}: {line!r}")
        values[m.group(1).strip()] = m.group(2).strip()
    return values


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    doc = yaml.load(open(sys.argv[1]), Loader=Loader)
    project = tempfile.mkdtemp(prefix="gitlab-jobsim-")
    dotenvs = {}
    for arg in sys.argv[2:]:
        expect_failure = arg.startswith("!")
        name = arg.lstrip("!")
        job = doc[name]
        env = {k: v for k, v in os.environ.items() if k.startswith("CI_") or k in ("PATH", "HOME")}
        env.update({k: v for k, v in os.environ.items() if k.startswith("SIM_SECRET_")})
        for k in [k for k in env if k.startswith("SIM_SECRET_")]:
            env[k[len("SIM_SECRET_"):]] = env.pop(k)
        env["CI_PROJECT_DIR"] = project
        env["CI_JOB_NAME"] = name
        set_variables(env, doc.get("variables"))
        for need in job.get("needs", []):
            if isinstance(need, dict) and need.get("artifacts") and need["job"] in dotenvs:
                env.update(dotenvs[need["job"]])
        set_variables(env, job.get("variables"))
        script = script_text(doc, job["script"])
        result = subprocess.run(["sh", "-e", "-c", script], cwd=project, env=env,
                                stdout=subprocess.PIPE)
        print("== " + name)
        sys.stdout.write(result.stdout.decode("utf-8", "replace"))
        if "after_script" in job:
            env["CI_JOB_STATUS"] = "success" if result.returncode == 0 else "failed"
            after = subprocess.run(["sh", "-c", script_text(doc, job["after_script"])], cwd=project, env=env,
                                   stdout=subprocess.PIPE)
            sys.stdout.write(after.stdout.decode("utf-8", "replace"))
        sys.stdout.flush()
        report = job.get("artifacts", {}).get("reports", {}).get("dotenv")
        if report and os.path.exists(os.path.join(project, report)):
            dotenvs[name] = read_dotenv(os.path.join(project, report))
        if (result.returncode != 0) != expect_failure:
            sys.exit(result.returncode or 1)


if __name__ == "__main__":
    main()
