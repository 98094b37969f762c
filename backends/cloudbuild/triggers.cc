#include "backends/cloudbuild/triggers.h"

#include <yaml-cpp/yaml.h>

#include "backends/cloudbuild/ref_filter.h"
#include "backends/common/yaml_text.h"

namespace slipway::backends::cloudbuild {
namespace {

constexpr const char* kRepositoryPlaceholder =
    "projects/PROJECT_ID/locations/REGION/connections/CONNECTION/repositories/REPOSITORY";

/// The branch a manual trigger builds by default: the workflow's first
/// literal branch filter, else `main`.
std::string default_branch(const ir::Workflow& workflow) {
  for (const auto& t : workflow.triggers)
    for (const auto& b : t.branches)
      if (b.find_first_of("*?") == std::string::npos) return b;
  return "main";
}

std::string describe(const ir::Workflow& workflow, const LoweredBuild& lb) {
  const BuildGroup& group = *lb.group;
  std::string pipelines;
  for (const auto* i : group.instances) pipelines += (pipelines.empty() ? "" : ", ") + i->name;
  std::string d = "Slipway workflow " + workflow.name + ": " + pipelines + ".";
  for (const auto* i : group.instances) {
    if (!i->environment || !i->environment->name.is_literal()) continue;
    d += " Environment " + i->environment->name.literal_text();
    if (i->environment->url && i->environment->url->is_literal()) d += " (" + i->environment->url->literal_text() + ")";
    d += ".";
  }
  if (group.chained()) d += " Started when " + group.chain_after.front() + " succeeds.";
  if (group.first().manual) d += " Approval: " + group.first().manual->message;
  for (const auto& r : lb.required) d += " Set substitution " + r + " (a param without default).";
  return d;
}

void report_condition(const ir::Instance& instance, const ir::Condition& failing, std::vector<Diagnostic>& diags) {
  diags.push_back(Diagnostic::make(DiagCode::E0523, failing.span,
                                   "Cloud Build cannot decide when to run pipeline `" + instance.name + "` with this condition")
                      .label("no trigger filter expresses this")
                      .note("a Cloud Build trigger matches branch or tag names with one RE2 regex, optionally inverted: "
                            "it cannot read git.sha or build.id, nor intersect two glob patterns")
                      .with_help("compare `git.branch` or `git.tag` with literal names or globs, joined with `||`"));
}

void emit_repository(YAML::Emitter& out, const Settings& s, bool manual) {
  if (!s.github_owner.empty()) {
    if (manual) {
      out << YAML::Key << "uri" << YAML::Value;
      emit_string(out, "https://github.com/" + s.github_owner + "/" + s.github_name);
      out << YAML::Key << "repoType" << YAML::Value << "GITHUB";
    } else {
      out << YAML::Key << "owner" << YAML::Value;
      emit_string(out, s.github_owner);
      out << YAML::Key << "name" << YAML::Value;
      emit_string(out, s.github_name);
    }
    return;
  }
  out << YAML::Key << "repository" << YAML::Value;
  emit_string(out, s.repository.empty() ? kRepositoryPlaceholder : s.repository);
}

std::string trigger_doc(const CbTrigger& t, const Settings& s) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << t.name;
  out << YAML::Key << "description" << YAML::Value;
  emit_string(out, t.description);
  if (t.kind == CbTrigger::Kind::Manual) {
    out << YAML::Key << "sourceToBuild" << YAML::Value << YAML::BeginMap;
    emit_repository(out, s, true);
    out << YAML::Key << "ref" << YAML::Value;
    emit_string(out, t.manual_ref);
    out << YAML::EndMap;
    out << YAML::Key << "gitFileSource" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "path" << YAML::Value;
    emit_string(out, t.build_file);
    // No `revision`: the file is read at the commit being built (the chain
    // step's --sha), so build file and source always match.
    emit_repository(out, s, true);
    out << YAML::EndMap;
  } else {
    out << YAML::Key << (s.github_owner.empty() ? "repositoryEventConfig" : "github") << YAML::Value << YAML::BeginMap;
    emit_repository(out, s, false);
    out << YAML::Key << "push" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << (t.kind == CbTrigger::Kind::Branch ? "branch" : "tag") << YAML::Value;
    emit_string(out, t.regex);
    if (t.invert_regex) out << YAML::Key << "invertRegex" << YAML::Value << true;
    out << YAML::EndMap << YAML::EndMap;
    out << YAML::Key << "filename" << YAML::Value;
    emit_string(out, t.build_file);
  }
  if (!t.substitutions.empty()) {
    out << YAML::Key << "substitutions" << YAML::Value << YAML::BeginMap;
    for (const auto& [k, v] : t.substitutions) {
      out << YAML::Key << k << YAML::Value;
      emit_string(out, v);
    }
    out << YAML::EndMap;
  }
  if (t.approval) {
    out << YAML::Key << "approvalConfig" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "approvalRequired" << YAML::Value << true << YAML::EndMap;
  }
  if (!s.service_account.empty()) {
    out << YAML::Key << "serviceAccount" << YAML::Value;
    emit_string(out, s.service_account);
  }
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace

std::vector<CbTrigger> make_triggers(const ir::Workflow& workflow, const std::vector<LoweredBuild>& builds,
                                     std::vector<Diagnostic>& diags) {
  std::vector<CbTrigger> out;
  std::string branch = default_branch(workflow);
  bool manual = false;
  for (const auto& t : workflow.triggers) manual |= t.kind == ir::Trigger::Kind::Manual;
  for (const auto& lb : builds) {
    const BuildGroup& group = *lb.group;
    const ir::Instance& first = group.first();
    CbTrigger base;
    base.name = lb.trigger_name;
    base.description = describe(workflow, lb);
    base.build_file = lb.build.file;
    for (const auto& sub : lb.build.substitutions)
      if (sub.first.rfind("_SLIPWAY_", 0) != 0) base.substitutions.push_back(sub);
    base.required_substitutions = lb.required;
    base.approval = first.manual.has_value();
    base.manual_ref = "refs/heads/" + branch;
    if (group.chained()) {
      base.kind = CbTrigger::Kind::Manual;
      out.push_back(base);
      continue;
    }
    bool reported = false;
    for (RefKind kind : {RefKind::Branch, RefKind::Tag}) {
      RefFilter filter = trigger_filter(workflow.triggers, kind);
      if (first.when) {
        const ir::Condition* failing = nullptr;
        auto folded = with_condition(filter, *first.when, kind, &failing);
        if (!folded) {
          if (!reported) report_condition(first, failing ? *failing : *first.when, diags);
          reported = true;
          continue;
        }
        filter = *folded;
      }
      if (filter.kind == RefFilter::Kind::None) continue;
      CbTrigger t = base;
      t.kind = kind == RefKind::Branch ? CbTrigger::Kind::Branch : CbTrigger::Kind::Tag;
      t.name += kind == RefKind::Branch ? "-branches" : "-tags";
      t.regex = filter.regex();
      t.invert_regex = filter.inverted();
      out.push_back(t);
    }
    if (!manual) continue;
    if (first.when) {
      // A manual run builds the default branch; the use's `when` decides for it here.
      auto runs = condition_for_branch(*first.when, branch);
      if (!runs) {
        if (!reported) report_condition(first, *first.when, diags);
        continue;
      }
      if (!*runs) continue;
    }
    CbTrigger t = base;
    t.kind = CbTrigger::Kind::Manual;
    t.name += "-manual";
    out.push_back(t);
  }
  return out;
}

std::string triggers_yaml(const std::vector<CbTrigger>& triggers, const Settings& settings, const std::string& header) {
  std::string text = header;
  text += "# Create or update these triggers with:\n";
  text += "#   gcloud builds triggers import --source=" + settings.repo_path(kTriggersFile) + " --region=REGION\n";
  if (settings.repository.empty() && settings.github_owner.empty())
    text += "# Set the repository first: slipway compile ... --set cloudbuild.repository=projects/P/locations/L/"
            "connections/C/repositories/R (or --set cloudbuild.github=OWNER/NAME).\n";
  for (const auto& t : triggers) {
    CbTrigger copy = t;
    copy.build_file = settings.repo_path(t.build_file);
    text += "---\n" + trigger_doc(copy, settings);
  }
  return text;
}

}  // namespace slipway::backends::cloudbuild
