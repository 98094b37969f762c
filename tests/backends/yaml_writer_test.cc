// YamlWriter must write the same bytes the backends got from yaml-cpp's
// emitter (plus emit_string) for the shapes they use: generated documents
// are written through both and compared.

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <random>

#include "backends/common/yaml_text.h"
#include "backends/common/yaml_writer.h"

namespace slipway::test {
namespace {

/// The previous way: yaml-cpp's emitter.
struct Reference {
  YAML::Emitter out;
  void begin_map() { out << YAML::BeginMap; }
  void end_map() { out << YAML::EndMap; }
  void begin_seq() { out << YAML::BeginSeq; }
  void begin_flow_seq() { out << YAML::Flow << YAML::BeginSeq; }
  void end_seq() { out << YAML::EndSeq; }
  void string(const std::string& s) { backends::emit_string(out, s); }
  void word(const std::string& s) { out << s; }
  void boolean(bool b) { out << b; }
  void integer(int64_t i) { out << i; }
  void local_tag(const std::string& t) { out << YAML::LocalTag(t); }
  void comment(const std::string& c) { out << YAML::Comment(c); }
  std::string text() { return out.c_str(); }
};

struct Ours {
  backends::YamlWriter out;
  void begin_map() { out.begin_map(); }
  void end_map() { out.end_map(); }
  void begin_seq() { out.begin_seq(); }
  void begin_flow_seq() { out.begin_flow_seq(); }
  void end_seq() { out.end_seq(); }
  void string(const std::string& s) { out.string(s); }
  void word(const std::string& s) { out.word(s); }
  void boolean(bool b) { out.boolean(b); }
  void integer(int64_t i) { out.integer(i); }
  void local_tag(const std::string& t) { out.local_tag(t); }
  void comment(const std::string& c) { out.comment(c); }
  std::string text() { return out.text(); }
};

std::string random_string(std::mt19937& rng) {
  static const std::vector<std::string> pool = {
      "", "a", "name", "a: b", "x #y", "a#b", "*x", "!t", "-", "-x", "- x", "?", "a?b", ":", "a:", "a:b", "yes", "NO",
      "null", "~", "010", "1e3", "0x1F", "12:30", ".inf", "=", "<<", "600s", "alpine:3.20", "x ", " x", "\tx",
      "é", "✓ ok", "a,b", "[a]", "{a}", "$((1+2))", "'q'", "\"d\"", "back\\slash", "\xff", "\xc3", "\xed\xa0\x80",
      "\xef\xbb\xbf", "\xc2\xa0", "\x01", "\x7f", "a\rb", "l1\nl2\n", "l1\n\nl2\n", "l1\n  l2\n", " l1\nl2\n",
      "l1 \nl2\n", "l1\nl2", "l1\nl2\n\n", "x\n", "\n", "a\tb\nc\n", "é\n\xff\nz\n", "#c\n", "a\x01\nb\n"};
  std::uniform_int_distribution<size_t> pick(0, pool.size() - 1);
  std::uniform_int_distribution<int> how(0, 9);
  int h = how(rng);
  if (h < 6) return pool[pick(rng)];
  if (h < 9) return pool[pick(rng)] + pool[pick(rng)] + pool[pick(rng)];
  std::string s = pool[pick(rng)];
  while (s.size() <= 1030) s += "long-" + pool[pick(rng)];
  return s;
}

template <class Out>
void value(Out& out, std::mt19937& rng, int depth);

template <class Out>
void block_map(Out& out, std::mt19937& rng, int depth) {
  out.begin_map();
  int n = std::uniform_int_distribution<int>(0, 4)(rng);
  for (int i = 0; i < n; ++i) {
    if (rng() % 4 == 0) out.word("k" + std::to_string(i));
    else out.string(random_string(rng));
    if (rng() % 8 == 0) {
      // Comments follow scalar values only, as in the backends.
      out.word("v");
      out.comment("why: " + std::to_string(i));
    } else {
      value(out, rng, depth + 1);
    }
  }
  out.end_map();
}

template <class Out>
void flow_seq(Out& out, std::mt19937& rng) {
  out.begin_flow_seq();
  int n = std::uniform_int_distribution<int>(0, 3)(rng);
  for (int i = 0; i < n; ++i) out.string(random_string(rng));
  out.end_seq();
}

template <class Out>
void block_seq(Out& out, std::mt19937& rng, int depth) {
  out.begin_seq();
  int n = std::uniform_int_distribution<int>(0, 4)(rng);
  for (int i = 0; i < n; ++i) {
    if (rng() % 6 == 0) {
      out.local_tag("reference");
      flow_seq(out, rng);
    } else {
      value(out, rng, depth + 1);
    }
  }
  out.end_seq();
}

template <class Out>
void value(Out& out, std::mt19937& rng, int depth) {
  int kind = std::uniform_int_distribution<int>(0, depth > 3 ? 2 : 5)(rng);
  switch (kind) {
    case 0: out.string(random_string(rng)); break;
    case 1: rng() % 2 ? out.boolean(rng() % 2) : out.integer(static_cast<int64_t>(rng() % 2000) - 1000); break;
    case 2: flow_seq(out, rng); break;
    case 3: block_seq(out, rng, depth); break;
    default: block_map(out, rng, depth); break;
  }
}

template <class Out>
std::string document(uint32_t seed) {
  std::mt19937 rng(seed);
  Out out;
  block_map(out, rng, 0);
  return out.text();
}

TEST(YamlWriter, SameBytesAsYamlCpp) {
  for (uint32_t seed = 1; seed <= 3000; ++seed) {
    std::string expected = document<Reference>(seed);
    std::string actual = document<Ours>(seed);
    ASSERT_EQ(expected, actual) << "seed " << seed;
  }
}

TEST(YamlWriter, EveryByteDoubleQuotedAsYamlCpp) {
  for (int c = 0; c < 256; ++c) {
    std::string s = "a" + std::string(1, static_cast<char>(c)) + "\xc3\xa9" + std::string(1, static_cast<char>(c)) + " ";
    Reference r;
    Ours o;
    r.begin_map();
    o.begin_map();
    r.word("k");
    o.word("k");
    r.string(s);
    o.string(s);
    r.end_map();
    o.end_map();
    ASSERT_EQ(r.text(), o.text()) << "byte " << c;
  }
}

TEST(YamlWriter, AnchoredScalarsAndAliasesReadBackAsTheSameText) {
  const std::string program = "set -e\nf() {\n  echo \"$1\"\n}\nf hi\n";
  backends::YamlWriter out;
  out.begin_map();
  out.string("a");
  out.begin_seq();
  out.anchor("prog");
  out.string(program);
  out.string("x");
  out.end_seq();
  out.string("b");
  out.begin_seq();
  out.alias("prog");
  out.anchor("word");
  out.string("plain");
  out.alias("word");
  out.end_seq();
  out.end_map();
  std::string text = std::move(out).finish();
  EXPECT_EQ(text.find("- &prog |"), std::string::npos) << "a form yaml-cpp 0.7 cannot read";
  YAML::Node doc = YAML::Load(text);
  ASSERT_EQ(doc["a"].size(), 2u) << text;
  EXPECT_EQ(doc["a"][0].as<std::string>(), program);
  EXPECT_EQ(doc["a"][1].as<std::string>(), "x");
  ASSERT_EQ(doc["b"].size(), 3u) << text;
  EXPECT_EQ(doc["b"][0].as<std::string>(), program);
  EXPECT_EQ(doc["b"][1].as<std::string>(), "plain");
  EXPECT_EQ(doc["b"][2].as<std::string>(), "plain");
}

}  // namespace
}  // namespace slipway::test
