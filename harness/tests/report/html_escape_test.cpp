#include "report/html_escape.hpp"

#include <gtest/gtest.h>

namespace wsh::report {
namespace {

using namespace std::string_literals;
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

TEST(HtmlText, EscapesMarkupAndBothQuotes) {
  EXPECT_EQ(html_text("<b a=\"1\" b='2'>&</b>"), "&lt;b a=&quot;1&quot; b=&#39;2&#39;&gt;&amp;&lt;/b&gt;");
}

TEST(HtmlText, KeepsValidMultiByteCharacters) {
  EXPECT_EQ(html_text("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"), "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");
}

TEST(HtmlText, ReplacesNulAndControlsButKeepsWhitespace) {
  EXPECT_EQ(html_text("a\0b\x01\x7F\t\n\r"s),
            "a"s + std::string(kReplacement) + "b" + std::string(kReplacement) + std::string(kReplacement) + "\t\n\r");
}

TEST(HtmlText, ReplacesEachInvalidByte) {
  // A lone continuation byte, a truncated 2-byte sequence at the end.
  EXPECT_EQ(html_text("\x80x\xC3"), std::string(kReplacement) + "x" + std::string(kReplacement));
}

TEST(HtmlText, RejectsOverlongSurrogateAndTooLargeForms) {
  for (const auto& bad : {"\xC0\xAF"s, "\xE0\x80\xAF"s, "\xED\xA0\x80"s, "\xF4\x90\x80\x80"s, "\xF5\x80\x80\x80"s}) {
    // Every byte of such a sequence becomes one replacement character.
    std::string expected;
    for (std::size_t i = 0; i < bad.size(); ++i) expected += kReplacement;
    EXPECT_EQ(html_text(bad), expected) << ::testing::PrintToString(bad);
  }
}

TEST(Utf8SequenceLength, AcceptsBoundaryCodePoints) {
  EXPECT_EQ(utf8_sequence_length("\xC2\x80", 0), 2u);
  EXPECT_EQ(utf8_sequence_length("\xEF\xBF\xBF", 0), 3u);
  EXPECT_EQ(utf8_sequence_length("\xF4\x8F\xBF\xBF", 0), 4u);
  EXPECT_EQ(utf8_sequence_length("\xED\x9F\xBF", 0), 3u);
}

TEST(ScriptJson, CannotCloseTheScriptBlock) {
  const auto out = script_json(nlohmann::json{{"reason", "</script><script>alert(1)</script><!--"}});
  EXPECT_EQ(out.find('<'), std::string::npos);
  EXPECT_EQ(out.find('>'), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(out)["reason"], "</script><script>alert(1)</script><!--");
}

TEST(ScriptJson, EscapesAmpersandAndLineSeparators) {
  const auto out = script_json(nlohmann::json{{"text",
                                               "a&b\xE2\x80\xA8"
                                               "c\xE2\x80\xA9"}});
  EXPECT_EQ(out, R"({"text":"a\u0026b\u2028c\u2029"})");
  EXPECT_EQ(nlohmann::json::parse(out)["text"],
            "a&b\xE2\x80\xA8"
            "c\xE2\x80\xA9");
}

TEST(ScriptJson, ReplacesInvalidUtf8AndEscapesNul) {
  const auto out = script_json(nlohmann::json{{"text", "x\xFF\0y"s}});
  EXPECT_EQ(out, "{\"text\":\"x\xEF\xBF\xBD\\u0000y\"}");
}

TEST(SafeHref, AllowsOnlyPlainHttpLinks) {
  EXPECT_EQ(safe_href("https://github.com/yhirose/cpp-httplib/issues/1"),
            "https://github.com/yhirose/cpp-httplib/issues/1");
  EXPECT_EQ(safe_href("javascript:alert(1)"), "");
  EXPECT_EQ(safe_href("JAVASCRIPT:alert(1)"), "");
  EXPECT_EQ(safe_href("https://x/\" onmouseover=\"alert(1)"), "");
  EXPECT_EQ(safe_href("data:text/html,<script>"), "");
}

TEST(Utf8Prefix, NeverCutsACharacter) {
  EXPECT_EQ(utf8_prefix("ab\xE2\x82\xAC", 3), "ab");
  EXPECT_EQ(utf8_prefix("ab\xE2\x82\xAC", 5), "ab\xE2\x82\xAC");
  EXPECT_EQ(utf8_prefix("abc", 2), "ab");
}

TEST(Utf8Prefix, StopsBackingUpOnInvalidInput) {
  const std::string continuation(100, '\x80');
  EXPECT_EQ(utf8_prefix(continuation, 50).size(), 47u);
}

}  // namespace
}  // namespace wsh::report
