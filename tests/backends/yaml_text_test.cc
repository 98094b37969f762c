// Strings YAML 1.1 would misread must come back exactly as written.

#include <gtest/gtest.h>

#include "backends/common/yaml_text.h"

namespace slipway::test {
namespace {

std::string emit(const std::string& text) {
  YAML::Emitter out;
  out << YAML::BeginMap << YAML::Key << "k" << YAML::Value;
  backends::emit_string(out, text);
  out << YAML::EndMap;
  return out.c_str();
}

TEST(YamlText, HostileStringsRoundTrip) {
  const std::vector<std::string> hostile = {
      "a: b", "x #y", "*alias", "&anchor", "!tag", "%dir", "@at", "|pipe", ">fold", "'single", "\"double",
      "yes", "no", "on", "off", "null", "~", "true", "False", "010", "0x1F", "1e3", "1_000", "12:30", ".inf",
      "-", "- item", "? q", "multi\nline", "trailing space ", " leading", "tab\there", "unicode é ✓",
      "$", "$$", "${{ x }}", "((x))", "$((x))", "{a}", "[a]", "a,b", "", "line\n  indented\n", "\ttabbed\nx"};
  for (const auto& s : hostile) {
    std::string yaml = emit(s);
    YAML::Node node = YAML::Load(yaml);
    EXPECT_EQ(node["k"].as<std::string>(), s) << "emitted as:\n" << yaml;
    EXPECT_EQ(node["k"].Tag() == "!" || node["k"].Tag() == "?", true) << yaml;
  }
}

TEST(YamlText, PlainWhenSafe) {
  EXPECT_TRUE(backends::is_plain_safe("alpine:3.20"));
  EXPECT_TRUE(backends::is_plain_safe("gcr.io/x/y@sha256:abc"));
  EXPECT_FALSE(backends::is_plain_safe("yes"));
  EXPECT_FALSE(backends::is_plain_safe("010"));
  EXPECT_FALSE(backends::is_plain_safe("a: b"));
}

}  // namespace
}  // namespace slipway::test
