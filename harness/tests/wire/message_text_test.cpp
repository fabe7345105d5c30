// The pieces error messages are composed of (message_text.hpp).

#include "wire/message_text.hpp"

#include <gtest/gtest.h>

#include <cstdint>

namespace wsh::wire {
namespace {

TEST(NumberText, WritesDecimalAndHexAtTheEdges) {
  EXPECT_EQ(NumberText::decimal(0).view(), "0");
  EXPECT_EQ(NumberText::decimal(125).view(), "125");
  EXPECT_EQ(NumberText::decimal(UINT64_MAX).view(), "18446744073709551615");
  EXPECT_EQ(NumberText::hex(0).view(), "0x0");
  EXPECT_EQ(NumberText::hex(0xB).view(), "0xb");
  EXPECT_EQ(NumberText::hex(UINT64_MAX).view(), "0xffffffffffffffff");
}

TEST(JoinText, ConcatenatesPartsInOrder) {
  EXPECT_EQ(join_text({}), "");
  EXPECT_EQ(join_text({"opcode ", NumberText::hex(3), " is reserved"}), "opcode 0x3 is reserved");
}

}  // namespace
}  // namespace wsh::wire
