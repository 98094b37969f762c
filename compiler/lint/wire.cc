#include "compiler/lint/wire.h"

#include <nlohmann/json.hpp>

namespace slipway::lint {
namespace {

using nlohmann::json;

/// Maps the FileIds of one process to indices of the files sent along.
class FileTable {
 public:
  explicit FileTable(const SourceManager& sources) : sources_(sources) {}
  json span(const Span& s) {
    int64_t file = -1;
    if (s.file != kNoFile && s.file < sources_.size()) {
      auto [it, inserted] = index_.emplace(s.file, files_.size());
      if (inserted) files_.push_back(s.file);
      file = static_cast<int64_t>(it->second);
    }
    return json::array({file, s.begin.line, s.begin.col, s.end.line, s.end.col});
  }
  json files() const {
    json out = json::array();
    for (FileId f : files_) out.push_back(json::array({sources_.file(f).path(), sources_.file(f).text()}));
    return out;
  }

 private:
  const SourceManager& sources_;
  std::map<FileId, size_t> index_;
  std::vector<FileId> files_;
};

Span to_span(const json& j, const std::vector<FileId>& files) {
  Span s;
  int64_t file = j.at(0).get<int64_t>();
  if (file >= 0 && static_cast<size_t>(file) < files.size()) s.file = files[static_cast<size_t>(file)];
  s.begin = {j.at(1).get<uint32_t>(), j.at(2).get<uint32_t>()};
  s.end = {j.at(3).get<uint32_t>(), j.at(4).get<uint32_t>()};
  return s;
}

}  // namespace

std::string encode_result(const WorkerResult& result, const SourceManager& sources) {
  FileTable table(sources);
  json findings = json::array();
  for (const Diagnostic& d : result.findings) {
    json labels = json::array();
    for (const Label& l : d.secondary) labels.push_back(json::array({table.span(l.span), l.message}));
    json fix = d.fix ? json::array({table.span(d.fix->span), d.fix->replacement}) : json(nullptr);
    findings.push_back(json::array({static_cast<int>(d.code), static_cast<int>(d.severity), d.message,
                                    table.span(d.primary), d.primary_label, labels, d.notes,
                                    d.help ? json(*d.help) : json(nullptr), fix, d.rule}));
  }
  json errors = json::array();
  for (const auto& [index, message] : result.errors) errors.push_back(json::array({index, message}));
  json out = json::object();
  out["files"] = table.files();
  out["findings"] = std::move(findings);
  out["errors"] = std::move(errors);
  std::vector<uint8_t> bytes = json::to_cbor(out);
  return std::string(bytes.begin(), bytes.end());
}

bool decode_result(const std::string& bytes, SourceManager& sources, std::map<std::string, FileId>& by_path,
                   WorkerResult& result) {
  try {
    json in = json::from_cbor(bytes);
    std::vector<FileId> files;
    for (const auto& f : in.at("files")) {
      std::string path = f.at(0).get<std::string>();
      auto known = by_path.find(path);
      if (known == by_path.end()) known = by_path.emplace(path, sources.add(path, f.at(1).get<std::string>())).first;
      files.push_back(known->second);
    }
    const size_t codes = all_codes().size();
    for (const auto& f : in.at("findings")) {
      Diagnostic d;
      auto code = f.at(0).get<size_t>();
      if (code >= codes) return false;
      d.code = static_cast<DiagCode>(code);
      d.severity = static_cast<Severity>(f.at(1).get<int>());
      d.message = f.at(2).get<std::string>();
      d.primary = to_span(f.at(3), files);
      d.primary_label = f.at(4).get<std::string>();
      for (const auto& l : f.at(5)) d.secondary.push_back({to_span(l.at(0), files), l.at(1).get<std::string>()});
      d.notes = f.at(6).get<std::vector<std::string>>();
      if (!f.at(7).is_null()) d.help = f.at(7).get<std::string>();
      if (!f.at(8).is_null()) d.fix = Fix{to_span(f.at(8).at(0), files), f.at(8).at(1).get<std::string>()};
      d.rule = f.at(9).get<std::string>();
      result.findings.push_back(std::move(d));
    }
    for (const auto& e : in.at("errors")) result.errors.emplace_back(e.at(0).get<size_t>(), e.at(1).get<std::string>());
  } catch (const nlohmann::json::exception&) {
    return false;
  }
  return true;
}

}  // namespace slipway::lint
