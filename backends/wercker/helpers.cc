#include "backends/wercker/helpers.h"

namespace slipway::backends::wercker {

const std::string& match_function() {
  // A `case` pattern would let `*` match `/`; the language's globs stop at
  // `/`, so the glob arrives as an anchored regex (compiler/ir/glob.h). An
  // absent value (no tag) matches nothing, as under `slipway run`.
  static const std::string text = R"SH(slipway_match() {
  [ -n "$1" ] && printf '%s\n' "$1" | grep -Eq -- "$2"
})SH";
  return text;
}

const std::string& read_function() {
  static const std::string text = R"SH(slipway_read() {
  slipway_file="$WERCKER_SOURCE_DIR/.slipway/values/$1/$2"
  if [ ! -f "$slipway_file" ]; then
    printf 'slipway: output `%s` of step %s is missing; did the step succeed?\n' "$2" "$1" >&2
    return 1
  fi
  slipway_value="$(cat "$slipway_file"; printf x)"
  slipway_value="${slipway_value%x}"
  case "$3" in
    int) slipway_pattern='^[-+]?[0-9]+$' ;;
    bool) slipway_pattern='^(true|false)$' ;;
    duration) slipway_pattern='^([0-9]+(ms|d|h|m|s))+$' ;;
    *) slipway_pattern='' ;;
  esac
  if [ -n "$slipway_pattern" ] && ! printf '%s\n' "$slipway_value" | grep -Eq "$slipway_pattern"; then
    printf 'slipway: output `%s` of step %s must be %s %s, found "%s"\n' "$2" "$1" \
      "$([ "$3" = int ] && echo an || echo a)" "$3" "$slipway_value" >&2
    return 1
  fi
  printf '%s' "$slipway_value"
})SH";
  return text;
}

const std::string& outputs_function() {
  static const std::string text = R"SH(slipway_outputs() {
  slipway_step=$1
  shift
  slipway_dir="$WERCKER_SOURCE_DIR/.slipway/values/$slipway_step"
  mkdir -p "$slipway_dir" || return 1
  LC_ALL=C awk -v step="$slipway_step" -v decls="$*" -v dir="$slipway_dir" '
BEGIN { n = split(decls, d, " "); for (i = 1; i <= n; i++) { split(d[i], f, ":"); type[f[1]] = f[2]; order[i] = f[1] } }
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
  for (i = 1; i <= n; i++) {
    name = order[i]; t = type[name]; v = val[name]
    if (!(name in seen)) { fail("output `" name "` (" t ") was not written"); continue }
    if ((t == "int" && v !~ /^[-+]?[0-9]+$/) || (t == "bool" && v !~ /^(true|false)$/) || (t == "duration" && v !~ /^([0-9]+(ms|d|h|m|s))+$/)) {
      fail("output `" name "` must be " (t == "int" ? "an " : "a ") t ", found \"" v "\""); continue
    }
    printf "%s", v > (dir "/" name); close(dir "/" name)
  }
  if (bad) exit 1
}' "$SLIPWAY_OUTPUTS"
})SH";
  return text;
}

const std::string& run_function() {
  // A watchdog subshell stops an attempt that outlives its limit. `wait`
  // reports the attempt's status, or 143 after the watchdog's TERM.
  static const std::string text = R"SH(slipway_run() {
  slipway_step=$1 slipway_attempts=$2 slipway_seconds=$3
  shift 3
  slipway_try=1
  while :; do
    if [ "$slipway_seconds" -gt 0 ]; then
      "$@" &
      slipway_pid=$!
      (sleep "$slipway_seconds" && kill -TERM "$slipway_pid" 2>/dev/null &&
        printf 'slipway: step %s timed out after %ss\n' "$slipway_step" "$slipway_seconds" >&2) &
      slipway_dog=$!
      if wait "$slipway_pid"; then slipway_status=0; else slipway_status=$?; fi
      kill "$slipway_dog" 2>/dev/null || true
    else
      if "$@"; then slipway_status=0; else slipway_status=$?; fi
    fi
    if [ "$slipway_status" -eq 0 ]; then return 0; fi
    if [ "$slipway_try" -ge "$slipway_attempts" ]; then return "$slipway_status"; fi
    slipway_try=$((slipway_try + 1))
    printf 'slipway: step %s failed (exit %s); attempt %s of %s\n' "$slipway_step" "$slipway_status" \
      "$slipway_try" "$slipway_attempts" >&2
  done
})SH";
  return text;
}

std::string values_dir(const std::string& step_id) { return ".slipway/values/" + step_id; }

}  // namespace slipway::backends::wercker
