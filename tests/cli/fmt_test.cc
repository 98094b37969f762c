// `slipway fmt`: idempotent, keeps every comment, never changes meaning (the
// IR before and after is identical), and the repository's own well-formed
// .slip files are kept formatted.

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <regex>

#include "compiler/ir/ir_json.h"
#include "compiler/syntax/format.h"
#include "tests/support/test_support.h"

namespace slipway::test {
namespace {

/// Directories whose .slip files are meant to be well-formed and formatted.
const std::vector<std::string> kFormattedDirs = {"examples", "stdlib", "tests/sema/golden", "tests/backends/cases"};

std::vector<std::string> formatted_files() {
  std::vector<std::string> out;
  for (const auto& dir : kFormattedDirs)
    for (const auto& f : list_files(source_dir() + "/" + dir, ".slip")) out.push_back(f);
  return out;
}

std::optional<std::string> fmt(const std::string& text, const std::string& path = "x.slip") {
  SourceManager sources;
  DiagnosticEngine diags;
  FileId id = sources.add(path, text);
  return format_source(sources, id, diags);
}

/// The IR as JSON without source positions (formatting moves them).
std::string ir_without_spans(const std::string& text, const std::string& path) {
  auto c = compile_text(text, path);
  auto json = ir::to_json(c->program, c->sources);
  std::function<void(nlohmann::ordered_json&)> strip = [&](nlohmann::ordered_json& j) {
    if (j.is_object()) {
      for (const char* key : {"provenance", "span"}) j.erase(key);
      for (auto& [k, v] : j.items()) strip(v);
    } else if (j.is_array()) {
      for (auto& v : j) strip(v);
    }
  };
  strip(json);
  return json.dump() + "|" + c->codes();
}

std::vector<std::string> comments(const std::string& text) {
  std::vector<std::string> out;
  std::regex comment(R"((#|//)[^\n]*)");
  // Good enough for our inputs: no `#` inside strings in the formatted dirs
  // other than in comments we also keep verbatim.
  for (std::sregex_iterator it(text.begin(), text.end(), comment), end; it != end; ++it) out.push_back(it->str());
  return out;
}

TEST(Fmt, IdempotentCommentPreservingAndMeaningPreservingOnRepoFiles) {
  auto files = formatted_files();
  ASSERT_GE(files.size(), 5u);
  for (const auto& path : files) {
    std::string text = read_file(path);
    auto once = fmt(text, path);
    ASSERT_TRUE(once) << path << " does not parse";
    auto twice = fmt(*once, path);
    ASSERT_TRUE(twice);
    EXPECT_EQ(*once, *twice) << path << ": fmt is not idempotent";
    EXPECT_EQ(comments(text), comments(*once)) << path;
    EXPECT_EQ(ir_without_spans(text, path), ir_without_spans(*once, path)) << path << ": fmt changed the IR";
  }
}

TEST(Fmt, MessyInputBecomesCanonical) {
  std::string messy =
      "# header\npipeline   p{step s{image \"alpine:3.20\"   run [ \"a\" ,\"b\" ]  # why\n"
      "outputs{x:string}}\n\n\n\nstep t {image \"alpine:3.20\" run [\"echo\", s.x]}}\n"
      "workflow w{p}\n";
  auto out = fmt(messy);
  ASSERT_TRUE(out);
  EXPECT_EQ(*out,
            "# header\n"
            "pipeline p {\n"
            "  step s {\n"
            "    image \"alpine:3.20\"\n"
            "    run [\"a\", \"b\"]  # why\n"
            "    outputs {\n"
            "      x: string\n"
            "    }\n"
            "  }\n"
            "\n"
            "  step t {\n"
            "    image \"alpine:3.20\"\n"
            "    run [\"echo\", s.x]\n"
            "  }\n"
            "}\n"
            "workflow w {\n"
            "  p\n"
            "}\n");
  EXPECT_EQ(ir_without_spans(messy, "x.slip"), ir_without_spans(*out, "x.slip"));
}

TEST(Fmt, TypesCallsAndUnaryAreTight) {
  auto out = fmt("template t ( a : list < string > , b : int = - 1 ) { image \"x:1\" }\n"
                 "workflow w { on push branches [ \"main\" ] a -> b ( x : 1 ) when ! ( git.branch == \"x\" ) }\n");
  ASSERT_TRUE(out);
  EXPECT_NE(out->find("template t(a: list<string>, b: int = -1) {"), std::string::npos) << *out;
  EXPECT_NE(out->find("a -> b(x: 1) when !(git.branch == \"x\")"), std::string::npos) << *out;
}

TEST(Fmt, MultiLineStringsMoveWithTheirBlockWithoutChangingValue) {
  std::string text = "pipeline p {\n        step s {\n image \"x:1\"\n run \"\"\"\n     echo a\n       echo b\n     \"\"\"\n }\n}\n";
  auto out = fmt(text);
  ASSERT_TRUE(out);
  EXPECT_NE(out->find("    run \"\"\"\n      echo a\n        echo b\n    \"\"\""), std::string::npos) << *out;
  EXPECT_EQ(ir_without_spans(text + "workflow w { p }\n", "x.slip"), ir_without_spans(*out + "workflow w { p }\n", "x.slip"));
}

TEST(Fmt, RandomLayoutsOfTheSameTokensFormatIdentically) {
  std::string base = read_file(source_dir() + "/examples/tour/tour.slip");
  auto canonical = fmt(base);
  ASSERT_TRUE(canonical);
  std::mt19937 rng(7);
  for (int round = 0; round < 20; ++round) {
    // Add random extra spaces between tokens (never inside strings/comments):
    // the formatter must undo them.
    std::string messy;
    const std::string& c = *canonical;
    bool in_string = false, in_triple = false, in_comment = false;
    for (size_t i = 0; i < c.size(); ++i) {
      if (!in_string && !in_comment && c.compare(i, 3, "\"\"\"") == 0) {
        in_triple = !in_triple;
        messy += "\"\"\"";
        i += 2;
        continue;
      }
      messy += c[i];
      if (in_triple) continue;
      if (in_comment) { in_comment = c[i] != '\n'; continue; }
      if (c[i] == '"') in_string = !in_string;
      if (c[i] == '#' && !in_string) in_comment = true;
      if (!in_string && !in_comment && c[i] == ' ' && rng() % 3 == 0) messy += std::string(rng() % 4 + 1, ' ');
    }
    auto again = fmt(messy);
    ASSERT_TRUE(again);
    EXPECT_TRUE(*again == *canonical) << "round " << round << ": first difference at byte "
                                      << std::mismatch(again->begin(), again->end(), canonical->begin()).first - again->begin();
  }
}

TEST(Fmt, CheckExitsOneWithADiffAndWritesNothing) {
  std::string dir = make_temp_dir("slipway-fmt");
  std::string path = dir + "/a.slip";
  write_file(path, "workflow w {\n  step s {\n    image   \"alpine:3.20\"\n  }\n}\n");
  auto check = run_slipway({"fmt", "--check", dir});
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_NE(check.out.find("-    image   \"alpine:3.20\""), std::string::npos) << check.out;
  EXPECT_NE(read_file(path).find("image   "), std::string::npos) << "--check must not write";
  auto write = run_slipway({"fmt", dir});
  EXPECT_EQ(write.exit_code, 0) << write.err;
  EXPECT_EQ(run_slipway({"fmt", "--check", dir}).exit_code, 0);
  std::filesystem::remove_all(dir);
}

TEST(Fmt, RepositoryFilesAreFormatted) {
  std::vector<std::string> args = {"fmt", "--check"};
  for (const auto& d : kFormattedDirs) args.push_back(source_dir() + "/" + d);
  auto r = run_slipway(args);
  EXPECT_EQ(r.exit_code, 0) << "run `build/slipway fmt " << "examples stdlib tests/sema/golden tests/backends/cases`:\n"
                            << r.out.substr(0, 3000);
}

}  // namespace
}  // namespace slipway::test
