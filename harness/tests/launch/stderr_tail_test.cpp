#include "launch/stderr_tail.hpp"

#include <gtest/gtest.h>

#include <string>

namespace wsh::launch {
namespace {

TEST(StderrTail, KeepsEverythingBelowCapacity) {
  StderrTail tail(10);
  tail.append("abc");
  tail.append("def");
  EXPECT_EQ(tail.contents(), "abcdef");
  EXPECT_EQ(tail.total_bytes(), 6u);
}

TEST(StderrTail, KeepsTheLastBytesAcrossWraparound) {
  StderrTail tail(5);
  tail.append("abc");
  tail.append("defg");
  EXPECT_EQ(tail.contents(), "cdefg");
  tail.append("h");
  EXPECT_EQ(tail.contents(), "defgh");
  EXPECT_EQ(tail.total_bytes(), 8u);
}

TEST(StderrTail, OneHugeAppendKeepsItsEnd) {
  StderrTail tail(4);
  tail.append("xy");
  tail.append(std::string(100, 'a') + "WXYZ");
  EXPECT_EQ(tail.contents(), "WXYZ");
  EXPECT_EQ(tail.total_bytes(), 106u);
}

TEST(StderrTail, ManySmallAppendsMatchOneBigOne) {
  StderrTail small(7);
  StderrTail big(7);
  std::string all;
  for (int i = 0; i < 100; ++i) {
    const std::string piece(static_cast<std::size_t>(i % 5), static_cast<char>('a' + i % 26));
    small.append(piece);
    all += piece;
  }
  big.append(all);
  EXPECT_EQ(small.contents(), big.contents());
  EXPECT_EQ(small.contents(), all.substr(all.size() - 7));
}

TEST(StderrTail, ZeroCapacityOnlyCounts) {
  StderrTail tail(0);
  tail.append("abc");
  EXPECT_EQ(tail.contents(), "");
  EXPECT_EQ(tail.total_bytes(), 3u);
}

}  // namespace
}  // namespace wsh::launch
