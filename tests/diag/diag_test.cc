#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/diag/render_human.h"
#include "compiler/diag/render_json.h"
#include "compiler/diag/source.h"

namespace slipway {
namespace {

Span span(FileId file, uint32_t line, uint32_t col, uint32_t end_line, uint32_t end_col) {
  return Span{file, {line, col}, {end_line, end_col}};
}

std::string human(const SourceManager& sources, const std::vector<Diagnostic>& diags,
                  bool color = false) {
  std::ostringstream out;
  render_human(out, sources, diags, HumanRenderOptions{color});
  return out.str();
}

// ---- SourceFile ----------------------------------------------------------

TEST(SourceFile, SplitsLinesOnNewline) {
  SourceFile file("a.slip", "a\nbc\n");
  EXPECT_EQ(file.line_count(), 3u);
  EXPECT_EQ(file.line(1), "a");
  EXPECT_EQ(file.line(2), "bc");
  EXPECT_EQ(file.line(3), "");
  EXPECT_EQ(file.line(0), "");
  EXPECT_EQ(file.line(4), "");
}

TEST(SourceFile, EmptyFileHasOneEmptyLine) {
  SourceFile file("a.slip", "");
  EXPECT_EQ(file.line_count(), 1u);
  EXPECT_EQ(file.position(0), (SourcePos{1, 1}));
  EXPECT_EQ(file.offset({1, 1}), 0u);
  EXPECT_EQ(file.offset({1, 5}), 0u);
}

TEST(SourceFile, CrlfLeavesNoCarriageReturnInLine) {
  SourceFile file("a.slip", "ab\r\ncd\r\n");
  EXPECT_EQ(file.line(1), "ab");
  EXPECT_EQ(file.line(2), "cd");
  EXPECT_EQ(file.position(4), (SourcePos{2, 1}));
  EXPECT_EQ(file.position(5), (SourcePos{2, 2}));
  EXPECT_EQ(file.offset({2, 2}), 5u);
  // Past the end of a line clamps to before the "\r\n".
  EXPECT_EQ(file.offset({1, 99}), 2u);
  EXPECT_EQ(file.position(2), (SourcePos{1, 3}));
  EXPECT_EQ(file.position(3), (SourcePos{1, 3}));
}

TEST(SourceFile, LoneCarriageReturnAtEndOfFileStays) {
  SourceFile file("a.slip", "a\nb\r");
  EXPECT_EQ(file.line(2), "b\r");
}

TEST(SourceFile, TabIsOneColumn) {
  SourceFile file("a.slip", "\t\tx");
  EXPECT_EQ(file.position(2), (SourcePos{1, 3}));
  EXPECT_EQ(file.offset({1, 3}), 2u);
}

TEST(SourceFile, MultiByteCodePointsAreOneColumnEach) {
  // "é" is 2 bytes, the emoji 4 bytes.
  SourceFile file("a.slip", "x\na\xC3\xA9\xF0\x9F\x98\x80" "b\n");
  EXPECT_EQ(file.position(3), (SourcePos{2, 2}));   // é
  EXPECT_EQ(file.position(5), (SourcePos{2, 3}));   // emoji
  EXPECT_EQ(file.position(9), (SourcePos{2, 4}));   // b
  EXPECT_EQ(file.position(10), (SourcePos{2, 5}));  // end of line
  EXPECT_EQ(file.offset({2, 3}), 5u);
  EXPECT_EQ(file.offset({2, 4}), 9u);
  // An offset inside a code point belongs to that code point.
  EXPECT_EQ(file.position(7), (SourcePos{2, 3}));
}

TEST(SourceFile, PositionAndOffsetRoundTrip) {
  std::string text = "a\t\xC3\xA9\r\n\xE2\x82\xAC" "x\n\n\xF0\x9F\x98\x80";
  SourceFile file("a.slip", text);
  for (size_t i = 0; i <= text.size(); i = next_code_point(text, i)) {
    if (text[i] == '\r' || text[i] == '\n') continue;
    EXPECT_EQ(file.offset(file.position(i)), i) << "offset " << i;
    if (i == text.size()) break;
  }
}

TEST(SourceFile, MalformedBytesCountOneColumnEachAndNeverCrash) {
  // A bad lead byte, a truncated 2-byte sequence, a stray continuation byte
  // and a truncated 3-byte sequence at the end of the file.
  std::string text = "\xFF\xC3(\x80\xE2\x82";
  SourceFile file("bad.slip", text);
  EXPECT_EQ(file.position(text.size()), (SourcePos{1, 7}));
  EXPECT_EQ(file.offset({1, 7}), text.size());
  EXPECT_EQ(file.offset({1, 3}), 2u);
  EXPECT_EQ(file.position(99), (SourcePos{1, 7}));
}

TEST(SourceFile, NextCodePoint) {
  EXPECT_EQ(next_code_point("a", 0), 1u);
  EXPECT_EQ(next_code_point("\xC3\xA9", 0), 2u);
  EXPECT_EQ(next_code_point("\xF0\x9F\x98\x80", 0), 4u);
  EXPECT_EQ(next_code_point("\xF0\x9F", 0), 1u);
  EXPECT_EQ(next_code_point("\xC0\x80", 0), 1u);  // overlong lead is never valid
  EXPECT_EQ(next_code_point("ab", 5), 2u);
}

TEST(SourceManager, HandsOutSequentialIds) {
  SourceManager sources;
  EXPECT_EQ(sources.add("a.slip", "a"), 0u);
  EXPECT_EQ(sources.add("b.slip", "b"), 1u);
  EXPECT_EQ(sources.size(), 2u);
  EXPECT_EQ(sources.file(1).path(), "b.slip");
  EXPECT_EQ(sources.file(0).text(), "a");
}

// ---- codes, Diagnostic, DiagnosticEngine ---------------------------------

TEST(Codes, TableMatchesEnum) {
  const auto& codes = all_codes();
  ASSERT_FALSE(codes.empty());
  for (size_t i = 0; i < codes.size(); ++i) {
    EXPECT_EQ(static_cast<size_t>(codes[i].code), i);
    EXPECT_EQ(&code_info(codes[i].code), &codes[i]);
  }
  const DiagCodeInfo& info = code_info(DiagCode::E0003);
  EXPECT_EQ(info.id, "E0003");
  EXPECT_EQ(info.name, "invalid-utf8");
  EXPECT_EQ(info.default_severity, Severity::Error);
}

TEST(Codes, SeverityNames) {
  EXPECT_EQ(severity_name(Severity::Error), "error");
  EXPECT_EQ(severity_name(Severity::Warning), "warning");
  EXPECT_EQ(severity_name(Severity::Note), "note");
}

TEST(Diagnostic, MakeUsesDefaultSeverityAndBuilders) {
  Diagnostic d = Diagnostic::make(DiagCode::E0001, span(0, 1, 1, 1, 2), "unexpected `}`")
                     .label("here")
                     .note("n")
                     .with_help("h");
  EXPECT_EQ(d.severity, Severity::Error);
  EXPECT_EQ(d.code, DiagCode::E0001);
  EXPECT_EQ(d.message, "unexpected `}`");
  EXPECT_EQ(d.primary_label, "here");
  EXPECT_EQ(d.notes, std::vector<std::string>{"n"});
  EXPECT_EQ(d.help, "h");
}

TEST(DiagnosticEngine, CountsByFinalSeverity) {
  DiagnosticEngine engine;
  EXPECT_FALSE(engine.has_errors());
  engine.emit(Diagnostic::make(DiagCode::E0001, {}, "a"));
  Diagnostic demoted = Diagnostic::make(DiagCode::E0002, {}, "b");
  demoted.severity = Severity::Warning;
  engine.emit(demoted);
  Diagnostic note = Diagnostic::make(DiagCode::E0003, {}, "c");
  note.severity = Severity::Note;
  engine.emit(note);
  engine.emit(Diagnostic::make(DiagCode::E0004, {}, "d"));
  EXPECT_TRUE(engine.has_errors());
  EXPECT_EQ(engine.error_count(), 2u);
  EXPECT_EQ(engine.warning_count(), 1u);
  EXPECT_EQ(engine.in_emission_order().size(), 4u);
}

TEST(DiagnosticEngine, SortsByFileThenPositionUnlocatedFirstStable) {
  DiagnosticEngine engine;
  auto emit = [&](Span where, std::string name) {
    engine.emit(Diagnostic::make(DiagCode::E0001, where, std::move(name)));
  };
  emit(span(1, 5, 1, 5, 2), "f1:5");
  emit(span(0, 9, 1, 9, 2), "f0:9");
  emit({}, "none-1");
  emit(span(0, 2, 3, 2, 4), "f0:2:3");
  emit(span(0, 2, 1, 2, 2), "f0:2:1-a");
  emit(span(0, 2, 1, 2, 9), "f0:2:1-b");
  emit(Span{0, {0, 0}, {0, 0}}, "none-2");
  std::vector<std::string> order;
  for (const Diagnostic& d : engine.sorted()) order.push_back(d.message);
  EXPECT_EQ(order, (std::vector<std::string>{"none-1", "none-2", "f0:2:1-a", "f0:2:1-b",
                                             "f0:2:3", "f0:9", "f1:5"}));
  EXPECT_EQ(engine.in_emission_order().front().message, "f1:5");
}

TEST(Suggest, EditDistance) {
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("abc", "abc"), 0u);
  EXPECT_EQ(edit_distance("ab", "ba"), 2u);
}

TEST(Suggest, ClosestMatch) {
  std::vector<std::string> keys = {"needs", "image"};
  EXPECT_EQ(closest_match("neds", keys), "needs");
  EXPECT_EQ(closest_match("imgae", keys), "image");
  EXPECT_EQ(closest_match("xyzzy", keys), std::nullopt);
  EXPECT_EQ(closest_match("IMAGE", keys), std::nullopt);  // case-sensitive
}

TEST(Suggest, ClosestMatchNeverReturnsTheWordAndPrefersFirstOnTies) {
  EXPECT_EQ(closest_match("needs", {"needs", "need"}), "need");
  EXPECT_EQ(closest_match("needs", {"needs"}), std::nullopt);
  EXPECT_EQ(closest_match("cat", {"bat", "hat"}), "bat");
}

TEST(Suggest, ClosestMatchDistanceScalesWithLength) {
  EXPECT_EQ(closest_match("ab", {"abcd"}), std::nullopt);          // len 2: max 1
  EXPECT_EQ(closest_match("abc", {"abd"}), "abd");                 // len 3: 1 is fine
  EXPECT_EQ(closest_match("abcdef", {"abcxyf"}), "abcxyf");        // len 6: max 2
  EXPECT_EQ(closest_match("abcdef", {"abcxyz"}), std::nullopt);    // distance 3
  EXPECT_EQ(closest_match("abcdefg", {"abcdxyz"}), "abcdxyz");     // len 7: max 3
  EXPECT_EQ(closest_match("abcdefg", {"abcwxyz"}), std::nullopt);  // distance 4
}

// ---- human renderer ------------------------------------------------------

TEST(RenderHuman, FullExample) {
  SourceManager sources;
  std::string text = "# ci\n\n  template deploy(...)\n";
  for (int line = 4; line <= 13; ++line) text += "  # filler\n";
  text += "    run [\"deploy.sh\", \"--key=${gcloud_key}\"]\n";
  FileId file = sources.add("ci.slip", text);
  Diagnostic d = Diagnostic::make(DiagCode::E0007, span(file, 14, 23, 14, 44),
                                  "secret `gcloud_key` would appear on the command line of step `deploy`")
                     .label("command lines are shown in logs and build history")
                     .also(span(file, 3, 12, 3, 18), "template defined here")
                     .note("first note")
                     .note("second note")
                     .with_help("pass it in the environment");
  EXPECT_EQ(human(sources, {d}),
            "error[E0007]: secret `gcloud_key` would appear on the command line of step `deploy`\n"
            "  --> ci.slip:14:23\n"
            "   |\n"
            "14 |     run [\"deploy.sh\", \"--key=${gcloud_key}\"]\n"
            "   |                       ^^^^^^^^^^^^^^^^^^^^^ command lines are shown in logs and build history\n"
            "   |\n"
            "  ::: ci.slip:3:12\n"
            "   |\n"
            " 3 |   template deploy(...)\n"
            "   |            ------ template defined here\n"
            "   = note: first note\n"
            "   = note: second note\n"
            "   = help: pass it in the environment\n"
            "\n"
            "error: 1 error emitted\n");
}

TEST(RenderHuman, CaretLineCopiesTabs) {
  SourceManager sources;
  FileId file = sources.add("t.slip", "\t\trun x\n");
  Diagnostic d = Diagnostic::make(DiagCode::E0001, span(file, 1, 3, 1, 6), "bad").label("here");
  EXPECT_EQ(human(sources, {d}),
            "error[E0001]: bad\n"
            " --> t.slip:1:3\n"
            "  |\n"
            "1 | \t\trun x\n"
            "  | \t\t^^^ here\n"
            "\n"
            "error: 1 error emitted\n");
}

TEST(RenderHuman, UnderlineCountsCodePoints) {
  SourceManager sources;
  // "é" and the emoji are one column each.
  FileId file = sources.add("u.slip", "\xC3\xA9 = \"\xF0\x9F\x98\x80x\"");
  Diagnostic d = Diagnostic::make(DiagCode::E0001, span(file, 1, 6, 1, 8), "bad");
  std::string out = human(sources, {d});
  EXPECT_NE(out.find("\n  |      ^^\n"), std::string::npos) << out;
}

TEST(RenderHuman, GutterWidthFollowsLargestLineNumber) {
  SourceManager sources;
  std::string text;
  for (int line = 1; line <= 100; ++line) text += "line" + std::to_string(line) + "\n";
  FileId file = sources.add("g.slip", text);
  Diagnostic d = Diagnostic::make(DiagCode::E0001, span(file, 100, 1, 100, 8), "bad")
                     .also(span(file, 9, 1, 9, 6), "see");
  EXPECT_EQ(human(sources, {d}),
            "error[E0001]: bad\n"
            "   --> g.slip:100:1\n"
            "    |\n"
            "100 | line100\n"
            "    | ^^^^^^^\n"
            "    |\n"
            "   ::: g.slip:9:1\n"
            "    |\n"
            "  9 | line9\n"
            "    | ----- see\n"
            "\n"
            "error: 1 error emitted\n");
}

TEST(RenderHuman, LabelsOnTheSameLineShareOneSnippetInColumnOrder) {
  SourceManager sources;
  FileId file = sources.add("s.slip", "a = b + c\n");
  Diagnostic d = Diagnostic::make(DiagCode::E0008, span(file, 1, 9, 1, 10), "dup")
                     .label("second")
                     .also(span(file, 1, 1, 1, 2), "first");
  EXPECT_EQ(human(sources, {d}),
            "error[E0008]: dup\n"
            " --> s.slip:1:9\n"
            "  |\n"
            "1 | a = b + c\n"
            "  | - first\n"
            "  |         ^ second\n"
            "\n"
            "error: 1 error emitted\n");
}

TEST(RenderHuman, LabelInAnotherFileGetsItsOwnHeader) {
  SourceManager sources;
  FileId main = sources.add("main.slip", "use lib\n");
  FileId lib = sources.add("lib.slip", "x\ny\nthing\n");
  Diagnostic d = Diagnostic::make(DiagCode::E0001, span(main, 1, 5, 1, 8), "bad")
                     .also(span(lib, 3, 1, 3, 6), "defined here");
  std::string out = human(sources, {d});
  EXPECT_NE(out.find(" --> main.slip:1:5\n"), std::string::npos) << out;
  EXPECT_NE(out.find("  |\n ::: lib.slip:3:1\n  |\n3 | thing\n  | ----- defined here\n"),
            std::string::npos)
      << out;
}

TEST(RenderHuman, MultiLineSpanUnderlinesToEndOfFirstLine) {
  SourceManager sources;
  FileId file = sources.add("m.slip", "step {\n  run x\n}\n");
  Diagnostic d = Diagnostic::make(DiagCode::E0011, span(file, 1, 1, 3, 2), "unclosed");
  EXPECT_NE(human(sources, {d}).find("\n1 | step {\n  | ^^^^^^\n"), std::string::npos);
}

TEST(RenderHuman, EmptySpanGetsOneCaret) {
  SourceManager sources;
  FileId file = sources.add("e.slip", "abc");
  Diagnostic d = Diagnostic::make(DiagCode::E0001, span(file, 1, 4, 1, 4), "eof");
  EXPECT_NE(human(sources, {d}).find("\n  |    ^\n"), std::string::npos);
}

TEST(RenderHuman, NoLocationPrintsHeaderNotesAndHelp) {
  SourceManager sources;
  Diagnostic d = Diagnostic::make(DiagCode::E0013, {}, "too big").note("n").with_help("h");
  EXPECT_EQ(human(sources, {d}),
            "error[E0013]: too big\n"
            "  = note: n\n"
            "  = help: h\n"
            "\n"
            "error: 1 error emitted\n");
}

TEST(RenderHuman, FileWithoutLineShowsThePath) {
  SourceManager sources;
  FileId file = sources.add("bad.slip", "\xFF");
  Diagnostic d = Diagnostic::make(DiagCode::E0003, Span{file, {}, {}}, "not utf-8");
  EXPECT_EQ(human(sources, {d}),
            "error[E0003]: not utf-8\n"
            " --> bad.slip\n"
            "\n"
            "error: 1 error emitted\n");
}

TEST(RenderHuman, OutOfRangeSpansAndBadBytesDoNotCrash) {
  SourceManager sources;
  FileId file = sources.add("o.slip", "\xFF\xC3(\t\x80x\n");
  Diagnostic past_end = Diagnostic::make(DiagCode::E0001, span(file, 5, 9, 5, 12), "past end");
  Diagnostic bad_bytes = Diagnostic::make(DiagCode::E0003, span(file, 1, 2, 1, 40), "bad bytes");
  Diagnostic unknown_file = Diagnostic::make(DiagCode::E0001, span(7, 1, 1, 1, 2), "unknown file")
                                .also(span(9, 1, 1, 1, 2), "lost label");
  std::string out = human(sources, {past_end, bad_bytes, unknown_file});
  EXPECT_NE(out.find("5 |\n  | ^\n"), std::string::npos) << out;
  EXPECT_NE(out.find("  |  ^^^^^\n"), std::string::npos) << out;
  EXPECT_NE(out.find("error[E0001]: unknown file\n  = note: lost label\n\n"), std::string::npos) << out;
}

TEST(RenderHuman, SummaryPluralisation) {
  SourceManager sources;
  Diagnostic error = Diagnostic::make(DiagCode::E0001, {}, "e");
  Diagnostic warning = error;
  warning.severity = Severity::Warning;
  Diagnostic note = error;
  note.severity = Severity::Note;
  auto last_line = [&](const std::vector<Diagnostic>& diags) {
    std::string out = human(sources, diags);
    out.pop_back();
    return out.substr(out.rfind('\n') + 1);
  };
  EXPECT_EQ(last_line({error}), "error: 1 error emitted");
  EXPECT_EQ(last_line({error, error}), "error: 2 errors emitted");
  EXPECT_EQ(last_line({error, error, warning}), "error: 2 errors, 1 warning emitted");
  EXPECT_EQ(last_line({error, warning, warning}), "error: 1 error, 2 warnings emitted");
  EXPECT_EQ(last_line({warning}), "warning: 1 warning emitted");
  EXPECT_EQ(last_line({warning, warning}), "warning: 2 warnings emitted");
  EXPECT_EQ(human(sources, {note}), "note[E0001]: e\n\n");
  EXPECT_EQ(human(sources, {}), "");
}

TEST(RenderHuman, ColourOnlyWhenAsked) {
  SourceManager sources;
  FileId file = sources.add("c.slip", "abc\n");
  Diagnostic error = Diagnostic::make(DiagCode::E0001, span(file, 1, 1, 1, 2), "e");
  Diagnostic warning = error;
  warning.severity = Severity::Warning;
  std::string plain = human(sources, {error, warning}, false);
  EXPECT_EQ(plain.find('\x1b'), std::string::npos);
  std::string colored = human(sources, {error, warning}, true);
  EXPECT_NE(colored.find("\x1b[1;31merror[E0001]\x1b[0m\x1b[1m: e\x1b[0m"), std::string::npos);
  EXPECT_NE(colored.find("\x1b[1;33mwarning[E0001]\x1b[0m"), std::string::npos);
  EXPECT_NE(colored.find("\x1b[1;31m^\x1b[0m"), std::string::npos);
  EXPECT_NE(colored.find("\x1b[1;33m^\x1b[0m"), std::string::npos);
  EXPECT_NE(colored.find("\x1b[1;34m-->\x1b[0m"), std::string::npos);
}

TEST(RenderHuman, ColorAllowed) {
  EXPECT_TRUE(color_allowed(true, nullptr, "xterm-256color"));
  EXPECT_TRUE(color_allowed(true, "", "xterm"));
  EXPECT_TRUE(color_allowed(true, nullptr, nullptr));
  EXPECT_FALSE(color_allowed(false, nullptr, "xterm"));
  EXPECT_FALSE(color_allowed(true, "1", "xterm"));
  EXPECT_FALSE(color_allowed(true, nullptr, "dumb"));
}

// ---- JSON renderer -------------------------------------------------------

std::vector<std::string> keys(const nlohmann::ordered_json& object) {
  std::vector<std::string> result;
  for (const auto& item : object.items()) result.push_back(item.key());
  return result;
}

TEST(RenderJson, ParsesBackWithStableFieldOrder) {
  SourceManager sources;
  FileId file = sources.add("j.slip", "needz: [a]\n\xC3\xA9x\n");
  Diagnostic d = Diagnostic::make(DiagCode::E0009, span(file, 1, 1, 1, 6), "unknown keyword `needz`")
                     .also(span(file, 2, 2, 2, 3), "label")
                     .note("a note")
                     .with_help("did you mean `needs`?")
                     .with_fix(span(file, 1, 1, 1, 6), "needs");
  Diagnostic bare = Diagnostic::make(DiagCode::E0013, {}, "too big");
  std::ostringstream out;
  render_json(out, sources, {d, bare});
  std::string text = out.str();
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');

  auto json = nlohmann::ordered_json::parse(text);
  ASSERT_TRUE(json.is_array());
  ASSERT_EQ(json.size(), 2u);
  std::vector<std::string> fields = {"file",    "range",  "severity", "code", "name",
                                     "message", "labels", "notes",    "help", "fix"};
  EXPECT_EQ(keys(json[0]), fields);
  EXPECT_EQ(keys(json[1]), fields);

  const auto& first = json[0];
  EXPECT_EQ(first["file"], "j.slip");
  EXPECT_EQ(keys(first["range"]), (std::vector<std::string>{"start", "end"}));
  EXPECT_EQ(keys(first["range"]["start"]), (std::vector<std::string>{"line", "col"}));
  EXPECT_EQ(first["range"]["end"]["col"], 6);
  EXPECT_EQ(first["severity"], "error");
  EXPECT_EQ(first["code"], "E0009");
  EXPECT_EQ(first["name"], "unknown-keyword");
  EXPECT_EQ(first["message"], "unknown keyword `needz`");
  ASSERT_EQ(first["labels"].size(), 1u);
  EXPECT_EQ(keys(first["labels"][0]), (std::vector<std::string>{"file", "range", "message"}));
  EXPECT_EQ(first["labels"][0]["range"]["start"]["line"], 2);
  EXPECT_EQ(first["labels"][0]["range"]["start"]["col"], 2);
  EXPECT_EQ(first["notes"], nlohmann::ordered_json::array({"a note"}));
  EXPECT_EQ(first["help"], "did you mean `needs`?");
  EXPECT_EQ(keys(first["fix"]), (std::vector<std::string>{"range", "replacement"}));
  EXPECT_EQ(first["fix"]["replacement"], "needs");

  const auto& second = json[1];
  EXPECT_TRUE(second["file"].is_null());
  EXPECT_TRUE(second["range"].is_null());
  EXPECT_TRUE(second["labels"].is_array() && second["labels"].empty());
  EXPECT_TRUE(second["notes"].is_array() && second["notes"].empty());
  EXPECT_TRUE(second["help"].is_null());
  EXPECT_TRUE(second["fix"].is_null());
}

TEST(RenderJson, EmptyListIsAnEmptyArray) {
  SourceManager sources;
  std::ostringstream out;
  render_json(out, sources, {});
  EXPECT_EQ(out.str(), "[]\n");
}

TEST(RenderJson, BadUtf8InMessageDoesNotThrow) {
  SourceManager sources;
  Diagnostic d = Diagnostic::make(DiagCode::E0003, {}, "byte \xFF here");
  std::ostringstream out;
  EXPECT_NO_THROW(render_json(out, sources, {d}));
  nlohmann::ordered_json parsed;
  ASSERT_NO_THROW(parsed = nlohmann::ordered_json::parse(out.str()));
  EXPECT_EQ(parsed[0]["message"], "byte \xEF\xBF\xBD here");  // U+FFFD
}

}  // namespace
}  // namespace slipway
