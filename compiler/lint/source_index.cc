#include "compiler/lint/source_index.h"

#include <algorithm>

namespace slipway::lint {

SourceIndex::SourceIndex(const ModuleSet& modules, const SourceManager& sources) : sources_(sources) {
  for (const Module& module : modules.modules) {
    if (module.is_stdlib) stdlib_files_.push_back(module.file);
    if (!module.ast) continue;
    const ast::File& file = *module.ast;
    for (const auto& t : file.templates) {
      templates_[key(t.name.span)] = &t;
      if (t.body) add_body(*t.body);
    }
    for (const auto& p : file.pipelines)
      for (const auto& s : p.steps) add_step(s);
    for (const auto& w : file.workflows) {
      for (const auto& s : w.steps) add_step(s);
      for (const auto& p : w.pipelines)
        for (const auto& s : p.steps) add_step(s);
    }
  }
}

void SourceIndex::add_body(const ast::StepBody& body) {
  for (const auto& hook : body.hooks)
    if (hook.step) add_step(*hook.step);
}

void SourceIndex::add_step(const ast::StepDecl& decl) {
  steps_[key(decl.name.span)] = &decl;
  if (decl.body) add_body(*decl.body);
}

std::optional<Span> SourceIndex::property_span(const ir::Step& step,
                                               std::optional<ast::Property> ast::StepBody::*property) const {
  auto decl = steps_.find(key(step.provenance.decl));
  if (decl != steps_.end() && decl->second->body && (decl->second->body.get()->*property)) {
    const auto& prop = *(decl->second->body.get()->*property);
    return prop.value ? prop.value->span : prop.keyword;
  }
  if (!step.provenance.template_decl) return std::nullopt;
  auto tmpl = templates_.find(key(*step.provenance.template_decl));
  if (tmpl == templates_.end() || !tmpl->second->body || !(tmpl->second->body.get()->*property))
    return std::nullopt;
  const auto& prop = *(tmpl->second->body.get()->*property);
  return prop.value ? prop.value->span : prop.keyword;
}

Span SourceIndex::find(Span within, std::string_view needle, size_t nth) const {
  if (!within.valid() || within.file >= sources_.size() || needle.empty()) return within;
  const SourceFile& file = sources_.file(within.file);
  size_t begin = file.offset(within.begin);
  size_t end = std::min(file.offset(within.end), file.text().size());
  if (end <= begin) return within;
  std::string_view text = std::string_view(file.text()).substr(begin, end - begin);
  size_t at = text.find(needle);
  for (size_t i = 0; i < nth && at != std::string_view::npos; ++i) at = text.find(needle, at + needle.size());
  if (at == std::string_view::npos) return within;
  return Span{within.file, file.position(begin + at), file.position(begin + at + needle.size())};
}

std::string_view SourceIndex::text(Span span) const {
  if (!span.valid() || span.file >= sources_.size()) return {};
  const SourceFile& file = sources_.file(span.file);
  size_t begin = file.offset(span.begin);
  size_t end = std::min(file.offset(span.end), file.text().size());
  if (end <= begin) return {};
  return std::string_view(file.text()).substr(begin, end - begin);
}

bool SourceIndex::in_template(const ir::Step& step, const Span& span) const {
  if (!step.provenance.template_decl) return false;
  auto tmpl = templates_.find(key(*step.provenance.template_decl));
  if (tmpl == templates_.end()) return false;
  const Span& body = tmpl->second->span;
  return span.file == body.file && !(span.begin < body.begin) && !(body.end < span.end);
}

bool SourceIndex::is_stdlib(FileId file) const {
  return std::find(stdlib_files_.begin(), stdlib_files_.end(), file) != stdlib_files_.end();
}

}  // namespace slipway::lint
