#include "launch/command_line.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace wsh::launch {
namespace {

using Words = std::vector<std::string>;
using ::testing::HasSubstr;

std::string error_of(std::string_view command_line) {
  try {
    split_command_line(command_line);
  } catch (const CommandLineError& error) {
    return error.what();
  }
  return "no error";
}

TEST(SplitCommandLine, SplitsOnRunsOfWhitespace) {
  EXPECT_EQ(split_command_line("  ./subject\t--port  0 \n"), (Words{"./subject", "--port", "0"}));
}

TEST(SplitCommandLine, SingleQuotesKeepEverythingLiteral) {
  EXPECT_EQ(split_command_line(R"(run 'a b' '$HOME' 'back\slash' '"')"),
            (Words{"run", "a b", "$HOME", R"(back\slash)", "\""}));
}

TEST(SplitCommandLine, DoubleQuotesEscapeOnlyShellSpecials) {
  EXPECT_EQ(split_command_line(R"(run "a b" "q\"q" "b\\s" "\$" "keep\n")"),
            (Words{"run", "a b", "q\"q", R"(b\s)", "$", R"(keep\n)"}));
}

TEST(SplitCommandLine, BackslashEscapesOutsideQuotes) {
  EXPECT_EQ(split_command_line(R"(run a\ b \| \'x)"), (Words{"run", "a b", "|", "'x"}));
}

TEST(SplitCommandLine, BackslashNewlineJoinsLines) {
  EXPECT_EQ(split_command_line("run \\\n--port 0"), (Words{"run", "--port", "0"}));
  EXPECT_EQ(split_command_line("run \"a\\\nb\""), (Words{"run", "ab"}));
}

TEST(SplitCommandLine, AdjacentQuotedPartsFormOneWord) {
  EXPECT_EQ(split_command_line(R"(--name='a b'"c d"e)"), (Words{"--name=a bc de"}));
}

TEST(SplitCommandLine, EmptyQuotesAreAnEmptyArgument) {
  EXPECT_EQ(split_command_line(R"(run '' "")"), (Words{"run", "", ""}));
}

TEST(SplitCommandLine, KeepsUtf8AndHighBytes) {
  EXPECT_EQ(split_command_line("run caf\xc3\xa9 \xff\xfe"), (Words{"run", "caf\xc3\xa9", "\xff\xfe"}));
}

TEST(SplitCommandLine, WordInternalHashAndTildeAreLiteral) {
  EXPECT_EQ(split_command_line("run a#b x~y"), (Words{"run", "a#b", "x~y"}));
}

TEST(SplitCommandLine, RefusesShellOperatorsWithTheirColumn) {
  const auto message = error_of("./subject | tee log");
  EXPECT_THAT(message, HasSubstr("unquoted '|' at column 11"));
  EXPECT_THAT(message, HasSubstr("not run by a shell"));
  for (const char* line : {"a;b", "a&", "a>b", "a<b", "(a)", "a*", "a?", "a[1]", "$HOME/x", "a`b`"}) {
    EXPECT_THAT(error_of(line), HasSubstr("unquoted")) << line;
  }
}

TEST(SplitCommandLine, RefusesExpansionInsideDoubleQuotes) {
  EXPECT_THAT(error_of(R"(run "$HOME")"), HasSubstr("unescaped '$' at column 6"));
  EXPECT_THAT(error_of(R"(run "`id`")"), HasSubstr("unescaped '`'"));
}

TEST(SplitCommandLine, RefusesCommentAndTildeAtWordStart) {
  EXPECT_THAT(error_of("run #comment"), HasSubstr("word starting with '#'"));
  EXPECT_THAT(error_of("~/bin/subject"), HasSubstr("word starting with '~' at column 1"));
}

TEST(SplitCommandLine, RefusesUnterminatedQuotes) {
  EXPECT_THAT(error_of("run 'abc"), HasSubstr("unterminated single quote opened at column 5"));
  EXPECT_THAT(error_of("run \"abc"), HasSubstr("unterminated double quote opened at column 5"));
}

TEST(SplitCommandLine, RefusesTrailingBackslash) { EXPECT_THAT(error_of("run \\"), HasSubstr("trailing backslash")); }

TEST(SplitCommandLine, RefusesNulBytesAnywhere) {
  using namespace std::string_view_literals;
  EXPECT_THAT(error_of("run a\0b"sv), HasSubstr("NUL byte 0x00 at column 6"));
  EXPECT_THAT(error_of("run '\0'"sv), HasSubstr("NUL"));
  EXPECT_THAT(error_of("run \"\0\""sv), HasSubstr("NUL"));
  EXPECT_THAT(error_of("run \\\0"sv), HasSubstr("NUL"));
}

TEST(SplitCommandLine, RefusesEmptyCommand) {
  EXPECT_THAT(error_of(""), HasSubstr("empty"));
  EXPECT_THAT(error_of(" \t\n"), HasSubstr("empty"));
}

TEST(SplitCommandLine, QuotedSpecialsAreLiteral) {
  EXPECT_EQ(split_command_line(R"(sh -c 'exec ./s "$@" | cat' x)"), (Words{"sh", "-c", R"(exec ./s "$@" | cat)", "x"}));
}

}  // namespace
}  // namespace wsh::launch
