#include "backends/gitlab/outputs.h"

#include <set>

#include "backends/gitlab/shell.h"

namespace slipway::backends::gitlab {

const std::string& output_functions() {
  // Messages match the local runtime's; exit 1 fails the job.
  static const std::string text = R"SH(slipway_outputs() {
  slipway_step=$1
  slipway_env=$2
  shift 2
  mkdir -p "$(dirname "$slipway_env")"
  LC_ALL=C awk -v step="$slipway_step" -v decls="$*" -v partial="${SLIPWAY_PARTIAL:-}" '
BEGIN {
  n = split(decls, d, " ")
  for (i = 1; i <= n; i++) { split(d[i], f, ":"); type[f[1]] = f[2]; key[f[1]] = f[3]; order[i] = f[1] }
  for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i
  safe = "^[A-Za-z0-9_./:@+=,-]$"
}
function fail(msg) { printf "slipway: step %s: %s\n", step, msg > "/dev/stderr"; bad = 1 }
{
  line = $0; sub(/\r$/, "", line)
  if (doc) { if (line == delim) { val[name] = v; seen[name] = 1; doc = 0 } else { v = (first ? "" : v "\n") line; first = 0 }; next }
  if (line == "") next
  h = index(line, "<<"); eq = index(line, "=")
  if (h > 1 && (eq == 0 || h < eq)) { name = substr(line, 1, h - 1); delim = substr(line, h + 2); doc = 1; first = 1; v = ""; if (delim == "") fail("$SLIPWAY_OUTPUTS line " NR ": expected `name<<DELIMITER`"); next }
  if (eq < 2) { fail("$SLIPWAY_OUTPUTS line " NR ": expected `name=value`"); next }
  name = substr(line, 1, eq - 1); val[name] = substr(line, eq + 1); seen[name] = 1
}
END {
  if (doc) fail("$SLIPWAY_OUTPUTS: value of `" name "` has no closing `" delim "` line")
  size = 0; out = ""
  for (i = 1; i <= n; i++) {
    name = order[i]; t = type[name]; v = val[name]
    if (!(name in seen)) { if (!partial) fail("output `" name "` (" t ") was not written"); continue }
    if ((t == "int" && v !~ /^[-+]?[0-9]+$/) || (t == "bool" && v !~ /^(true|false)$/) || (t == "duration" && v !~ /^([0-9]+(ms|d|h|m|s))+$/)) {
      msg = "output `" name "` must be " (t == "int" ? "an " : "a ") t ", found \"" v "\""
      if (partial) printf "slipway: step %s: %s\n", step, msg > "/dev/stderr"; else fail(msg)
      continue
    }
    if (key[name] == "-") continue
    e = ""
    for (j = 1; j <= length(v); j++) { c = substr(v, j, 1); e = e ((c ~ safe) ? c : sprintf("\\0%03o", ord[c])) }
    out = out key[name] "=" e "\n"; size += length(key[name]) + length(e) + 2
  }
  if (size > 5120) fail("its outputs take " size " bytes escaped; a GitLab dotenv report holds 5120")
  if (bad) exit 1
  printf "%s", out
}' "$SLIPWAY_OUTPUTS" > "$slipway_env"
}
slipway_read() {
  eval "slipway_set=\${$1+x}"
  if [ -z "$slipway_set" ]; then
    printf 'slipway: output `%s` of step %s is missing; did the step succeed?\n' "$3" "$2" >&2
    exit 1
  fi
  eval "$1=\$(printf '%b.' \"\$$1\"); $1=\${$1%.}"
})SH";
  return text;
}

std::string outputs_file(const std::string& step_id) { return ".slipway/" + path_slug(step_id) + ".outputs"; }
std::string dotenv_file(const std::string& step_id) { return ".slipway/" + path_slug(step_id) + ".env"; }

std::string outputs_setup_line(const std::string& step_id) {
  return "mkdir -p \"$CI_PROJECT_DIR/.slipway\" && export SLIPWAY_OUTPUTS=\"$CI_PROJECT_DIR/" +
         outputs_file(step_id) + "\" && printf '' > \"$SLIPWAY_OUTPUTS\"";
}

std::string outputs_export_line(const ir::Step& step, const Lowering& lowering) {
  // Each declaration is name:type:KEY; KEY `-` checks without exporting
  // (outputs nobody reads, and secret outputs, which never leave the job).
  std::string line = "slipway_outputs " + step.id + " \"$CI_PROJECT_DIR/" + dotenv_file(step.id) + "\"";
  for (const auto& o : step.outputs) {
    std::string key = lowering.output_var(step.id, o.name);
    line += " " + o.name + ":" + ir::type_name(o.type) + ":" + (key.empty() ? "-" : key);
  }
  return line;
}

std::string outputs_after_failure_line(const ir::Step& step, const Lowering& lowering) {
  return "if [ \"$CI_JOB_STATUS\" = failed ]; then export SLIPWAY_PARTIAL=1 SLIPWAY_OUTPUTS=\"$CI_PROJECT_DIR/" +
         outputs_file(step.id) + "\"; " + outputs_export_line(step, lowering) + " || true; fi";
}

std::vector<std::string> outputs_read_lines(const ir::Step& step, const Lowering& lowering) {
  std::vector<std::string> out;
  std::set<std::string> done;
  auto read = [&](const ir::Value& v, Span) {
    for (const auto& r : v.refs()) {
      if (r.kind != ir::Ref::Kind::Output) continue;
      std::string key = lowering.output_var(r.step, r.name);
      if (key.empty() || !done.insert(key).second) continue;
      out.push_back("slipway_read " + key + " " + r.step + " " + r.name);
    }
  };
  for_each_value(step, read);
  return out;
}

}  // namespace slipway::backends::gitlab
