#include "backends/cloudbuild/wrapper.h"

#include <set>

namespace slipway::backends::cloudbuild {
namespace {

/// The reader: sets slipway_value from the last `NAME=value` line or
/// `NAME<<DELIM` ... `DELIM` block of a file and checks its type. $1 file, $2 output name, $3 label for messages, $4 type.
std::string read_function(const std::set<ir::TypeKind>& types) {
  std::string f =
      "slipway_read() {\n"
      "  slipway_value=\n"
      "  slipway_found=\n"
      "  slipway_delim=\n"
      "  if [ -f \"$1\" ]; then\n"
      "    while IFS= read -r slipway_line || [ -n \"$slipway_line\" ]; do\n"
      "      if [ -n \"$slipway_delim\" ]; then\n"
      "        if [ \"$slipway_line\" = \"$slipway_delim\" ]; then\n"
      "          slipway_delim= slipway_found=1 slipway_value=$slipway_doc\n"
      "        elif [ -n \"$slipway_first\" ]; then\n"
      "          slipway_doc=$slipway_line slipway_first=\n"
      "        else\n"
      "          slipway_doc=\"$slipway_doc\n"
      "$slipway_line\"\n"
      "        fi\n"
      "        continue\n"
      "      fi\n"
      "      case $slipway_line in\n"
      "        \"$2<<\"?*) slipway_delim=${slipway_line#*<<} slipway_doc= slipway_first=1 ;;\n"
      "        \"$2=\"*) slipway_value=${slipway_line#*=}; slipway_found=1 ;;\n"
      "      esac\n"
      "    done < \"$1\"\n"
      "  fi\n"
      "  [ -z \"$slipway_delim\" ] || slipway_fail \"$3 has no closing \\`$slipway_delim\\` line\"\n"
      "  [ -n \"$slipway_found\" ] || slipway_fail \"$3 was not written\"\n";
  if (types.count(ir::TypeKind::Int) || types.count(ir::TypeKind::Bool) || types.count(ir::TypeKind::Duration)) {
    f += "  case $4 in\n";
    if (types.count(ir::TypeKind::Int))
      f += "    int) case ${slipway_value#[-+]} in\n"
           "      ''|*[!0-9]*) slipway_fail \"$3 is not an int: \\\"$slipway_value\\\"\" ;;\n"
           "    esac ;;\n";
    if (types.count(ir::TypeKind::Bool))
      f += "    bool) case $slipway_value in\n"
           "      true|false) ;;\n"
           "      *) slipway_fail \"$3 is not a bool: \\\"$slipway_value\\\"\" ;;\n"
           "    esac ;;\n";
    if (types.count(ir::TypeKind::Duration))
      f += "    duration)\n"
           "      slipway_rest=$slipway_value\n"
           "      [ -n \"$slipway_rest\" ] || slipway_fail \"$3 is not a duration: \\\"\\\"\"\n"
           "      while [ -n \"$slipway_rest\" ]; do\n"
           "        slipway_digits=${slipway_rest%%[!0-9]*}\n"
           "        [ -n \"$slipway_digits\" ] || slipway_fail \"$3 is not a duration: \\\"$slipway_value\\\"\"\n"
           "        slipway_rest=${slipway_rest#\"$slipway_digits\"}\n"
           "        case $slipway_rest in\n"
           "          ms*) slipway_rest=${slipway_rest#ms} ;;\n"
           "          [smhd]*) slipway_rest=${slipway_rest#?} ;;\n"
           "          *) slipway_fail \"$3 is not a duration: \\\"$slipway_value\\\"\" ;;\n"
           "        esac\n"
           "      done ;;\n";
    f += "  esac\n";
  }
  f += "}\n";
  return f;
}

std::string type_word(const ir::Type& t) {
  switch (t.kind) {
    case ir::TypeKind::Int: return "int";
    case ir::TypeKind::Bool: return "bool";
    case ir::TypeKind::Duration: return "duration";
    case ir::TypeKind::Secret: return "secret";
    default: return "string";
  }
}

}  // namespace

std::string status_file(const std::string& step_id) { return std::string(kStatusDir) + "/" + step_id; }

std::string sh_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

std::string Wrapper::word(const std::string& text) {
  words_.push_back(text);
  return "${" + std::to_string(words_.size()) + "}";
}

std::string Wrapper::read(const ir::Ref& output) {
  for (const auto& r : reads_)
    if (r.ref.step == output.step && r.ref.name == output.name) return "${" + r.var + "}";
  std::string var = "slipway_in_" + std::to_string(reads_.size() + 1);
  reads_.push_back({output, var});
  return "${" + var + "}";
}

void Wrapper::export_env(const std::string& key, const std::string& expr) {
  prepare_.push_back(key + "=\"" + expr + "\"\nexport " + key + "\n");
}

void Wrapper::write_file(const std::string& path, const std::string& dir, const std::string& expr, bool secret) {
  writes_files_ = true;
  std::string s;
  if (!dir.empty()) s += "mkdir -p \"" + dir + "\" || exit 1\n";
  std::string write = "printf '%s' \"" + expr + "\" > \"" + path + "\"";
  if (secret) write = "(umask 077 && " + write + ")";
  s += write + " || slipway_fail \"cannot write " + path + "\"\n";
  prepare_.push_back(s);
}

void Wrapper::unset_env(const std::string& name) { prepare_.push_back("unset " + name + "\n"); }

std::string Wrapper::program() const {
  std::string p = "# slipway: prepares step " + step_id_ + ", then runs its command (docs/backends.md)\n";
  if (!only_if_failed_.empty()) {
    // A parent killed at its timeout records nothing: that counts as failed.
    p += "slipway_parent=\n"
         "[ -f " + sh_quote(status_file(only_if_failed_)) + " ] && read -r slipway_parent < " +
         sh_quote(status_file(only_if_failed_)) + "\n"
         "if [ \"$slipway_parent\" = 0 ]; then\n"
         "  printf 'slipway: %s succeeded, so its on_failure hook %s does not run\\n' " +
         sh_quote(only_if_failed_) + " " + sh_quote(step_id_) + "\n"
         "  exit 0\n"
         "fi\n";
  }
  if (record_status_)
    p += std::string("mkdir -p ") + kStatusDir + " || exit 1\n" +
         "trap 'echo \"$?\" > " + status_file(step_id_) + "' EXIT\n";
  if (!reads_.empty() || !outputs_.empty() || writes_files_)
    p += "slipway_fail() {\n  printf 'slipway: %s\\n' \"$1\" >&2\n  exit 1\n}\n";
  if (!reads_.empty() || !outputs_.empty()) {
    std::set<ir::TypeKind> types;
    for (const auto& r : reads_) types.insert(r.ref.type.kind);
    for (const auto& o : outputs_) types.insert(o.type.kind);
    p += read_function(types);
  }
  for (const auto& r : reads_) {
    std::string label = "output " + r.ref.step + "." + r.ref.name + " (read by step " + step_id_ + ")";
    p += "slipway_read " + sh_quote(std::string(kOutputsDir) + "/" + r.ref.step) + " " + sh_quote(r.ref.name) + " " +
         sh_quote(label) + " " + type_word(r.ref.type) + "\n";
    p += r.var + "=$slipway_value\n";
  }
  for (const auto& s : prepare_) p += s;
  if (!outputs_.empty()) {
    p += std::string("mkdir -p ") + kOutputsDir + " || exit 1\n";
    p += "SLIPWAY_OUTPUTS=" + sh_quote(std::string(kOutputsDir) + "/" + step_id_) + "\nexport SLIPWAY_OUTPUTS\n";
  }
  p += "set --";
  for (const auto& w : command_) p += " \"" + w + "\"";
  p += "\n";
  if (retry_ == 0 && outputs_.empty()) {
    // exec would skip the EXIT trap that records the status.
    p += record_status_ ? "\"$@\"\n" : "exec \"$@\"\n";
    return p;
  }
  if (retry_ > 0) {
    std::string attempts = std::to_string(retry_ + 1);
    p += "slipway_attempt=1\n"
         "while :; do\n";
    if (!outputs_.empty()) p += "  : > \"$SLIPWAY_OUTPUTS\"\n";
    p += "  \"$@\"\n"
         "  slipway_status=$?\n"
         "  [ \"$slipway_status\" -eq 0 ] && break\n"
         "  [ \"$slipway_attempt\" -lt " + attempts + " ] || exit \"$slipway_status\"\n"
         "  slipway_attempt=$((slipway_attempt + 1))\n"
         "  printf 'slipway: step %s failed with exit status %s; attempt %s of %s\\n' " +
         sh_quote(step_id_) + " \"$slipway_status\" \"$slipway_attempt\" " + attempts + " >&2\n"
         "done\n";
  } else {
    p += ": > \"$SLIPWAY_OUTPUTS\"\n\"$@\" || exit $?\n";
  }
  for (const auto& o : outputs_) {
    std::string label = "output " + step_id_ + "." + o.name;
    p += "slipway_read \"$SLIPWAY_OUTPUTS\" " + sh_quote(o.name) + " " + sh_quote(label) + " " + type_word(o.type) + "\n";
  }
  return p;
}

}  // namespace slipway::backends::cloudbuild
