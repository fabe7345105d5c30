// Untrusted text as Python source: whatever a subject put in a close reason
// must come out of the generated program as the same bytes, and must never
// end a literal or the docstring it sits in.

#include <gtest/gtest.h>

#include "python_run.hpp"
#include "repro/python_literal.hpp"
#include "wire/bytes.hpp"

namespace wsh::repro {
namespace {

using testing::python_available;
using testing::run_python;
using testing::scratch_dir;
using testing::write_text;

// Quotes, a triple quote, backslashes (one before a quote), newlines, a
// NUL, an escape sequence, a right-to-left override, a 4-byte character,
// and bytes that are not UTF-8 (a lone continuation byte, a truncated
// sequence, an overlong '/', a UTF-16 surrogate).
const std::string kHostile = std::string("it's \"\"\" done\\\" \\n\nline2\r\n") + std::string(1, '\0') +
                             "\x1b[31m \xe2\x80\xae evil \xf0\x9f\x98\x80 \x80 \xe2\x82 \xc0\xaf \xed\xa0\x80 \xff\"";

bool printable_ascii(const std::string& text, bool newlines_allowed) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte == '\n' && newlines_allowed) continue;
    if (byte < 0x20 || byte >= 0x7F) return false;
  }
  return true;
}

TEST(PythonStr, IsOnePrintableAsciiLiteral) {
  const auto literal = python_str(kHostile);
  EXPECT_TRUE(printable_ascii(literal, false)) << literal;
  EXPECT_EQ(literal.front(), '"');
  EXPECT_EQ(literal.back(), '"');
}

TEST(PythonStr, GivesBackTheSameBytesInPython) {
  if (!python_available()) GTEST_SKIP() << "no python3";
  const auto dir = scratch_dir("literal");
  write_text(dir / "literal.py", "import sys\nvalue = " + python_str(kHostile) +
                                     "\nsys.stdout.write(value.encode('utf-8', 'surrogateescape').hex())\n");
  const auto run = run_python({(dir / "literal.py").string()});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto expected = wire::to_hex(wire::to_bytes(kHostile));
  std::string compact;
  for (const char c : expected)
    if (c != ' ') compact += c;
  EXPECT_EQ(run.output, compact);
}

TEST(PythonBytes, HoldsHexDigitsOnly) {
  const auto literal = python_bytes(wire::to_bytes(kHostile));
  EXPECT_EQ(literal.rfind("bytes.fromhex(\"", 0), 0u);
  EXPECT_EQ(literal.find_first_not_of("0123456789abcdef ", 15), literal.size() - 2) << literal;
}

TEST(DocstringText, CannotEndTheDocstringAndStaysAscii) {
  const auto text = docstring_text(kHostile);
  EXPECT_TRUE(printable_ascii(text, true)) << text;
  EXPECT_EQ(text.find("\"\"\""), std::string::npos) << text;
  if (!python_available()) GTEST_SKIP() << "no python3";
  const auto dir = scratch_dir("docstring");
  write_text(dir / "doc.py", "\"\"\"" + text + "\"\"\"\nimport sys\nsys.stdout.write(__doc__)\n");
  const auto run = run_python({(dir / "doc.py").string()});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  // The reader sees the hostile text with its odd parts spelled out.
  EXPECT_NE(run.output.find("it's \"\"\" done\\\" \\n\nline2\\x0d\n\\x00\\x1b[31m \\u202e evil \\U0001f600 \\x80"),
            std::string::npos)
      << run.output;
}

TEST(CommentText, IsOneLine) {
  const auto text = comment_text(kHostile);
  EXPECT_TRUE(printable_ascii(text, false)) << text;
}

}  // namespace
}  // namespace wsh::repro
