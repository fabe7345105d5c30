#include "launch/line_splitter.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace wsh::launch {
namespace {

struct Collected {
  std::vector<std::string> lines;
  std::vector<std::pair<std::string, std::size_t>> overlong;
};

LineSplitter splitter_into(Collected& out, std::size_t max_line_bytes) {
  return LineSplitter(
      max_line_bytes, [&out](std::string_view line) { out.lines.emplace_back(line); },
      [&out](std::string_view head, std::size_t total) { out.overlong.emplace_back(std::string(head), total); });
}

TEST(LineSplitter, SplitsLinesAcrossChunks) {
  Collected out;
  auto splitter = splitter_into(out, 100);
  splitter.feed("ab");
  splitter.feed("c\nde\n\nf");
  splitter.feed("g\n");
  EXPECT_EQ(out.lines, (std::vector<std::string>{"abc", "de", "", "fg"}));
}

TEST(LineSplitter, DeliversUnterminatedLastLineAtFinish) {
  Collected out;
  auto splitter = splitter_into(out, 100);
  splitter.feed("a\nlast");
  EXPECT_EQ(out.lines.size(), 1u);
  splitter.finish();
  EXPECT_EQ(out.lines, (std::vector<std::string>{"a", "last"}));
}

TEST(LineSplitter, FinishWithoutPendingBytesDeliversNothing) {
  Collected out;
  auto splitter = splitter_into(out, 100);
  splitter.feed("a\n");
  splitter.finish();
  EXPECT_EQ(out.lines.size(), 1u);
}

TEST(LineSplitter, LineOfExactlyTheLimitIsALine) {
  Collected out;
  auto splitter = splitter_into(out, 4);
  splitter.feed("abcd\n");
  EXPECT_EQ(out.lines, (std::vector<std::string>{"abcd"}));
  EXPECT_TRUE(out.overlong.empty());
}

TEST(LineSplitter, OverlongLineKeepsHeadAndFullLengthThenRecovers) {
  Collected out;
  auto splitter = splitter_into(out, 4);
  splitter.feed("abc");
  splitter.feed(std::string(1000, 'x'));
  splitter.feed("yz\nok\n");
  ASSERT_EQ(out.overlong.size(), 1u);
  EXPECT_EQ(out.overlong[0].first, "abcx");
  EXPECT_EQ(out.overlong[0].second, 1005u);
  EXPECT_EQ(out.lines, (std::vector<std::string>{"ok"}));
}

TEST(LineSplitter, UnterminatedOverlongLineIsReportedAtFinish) {
  Collected out;
  auto splitter = splitter_into(out, 2);
  splitter.feed("abcdef");
  splitter.finish();
  ASSERT_EQ(out.overlong.size(), 1u);
  EXPECT_EQ(out.overlong[0].second, 6u);
}

TEST(LineSplitter, KeepsNulAndInvalidUtf8Bytes) {
  using namespace std::string_literals;
  Collected out;
  auto splitter = splitter_into(out, 100);
  splitter.feed("a\0\xff\n"s);
  EXPECT_EQ(out.lines, (std::vector<std::string>{"a\0\xff"s}));
}

}  // namespace
}  // namespace wsh::launch
