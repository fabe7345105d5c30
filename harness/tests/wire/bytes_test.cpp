// Hex notation for case files and transcripts, and the opcode helpers.

#include "wire/bytes.hpp"

#include <gtest/gtest.h>

#include "wire/opcode.hpp"

namespace wsh::wire {
namespace {

TEST(Hex, PrintsLowerCasePairsSeparatedBySpaces) {
  EXPECT_EQ(to_hex(Bytes{0x81, 0x05, 0xAB}), "81 05 ab");
  EXPECT_EQ(to_hex(Bytes{}), "");
}

TEST(Hex, ParsesWithOrWithoutWhitespaceBetweenBytes) {
  const Bytes expected = {0x81, 0x05, 0xAB};
  EXPECT_EQ(from_hex("8105ab"), expected);
  EXPECT_EQ(from_hex("81 05 AB"), expected);
  EXPECT_EQ(from_hex(" 81\t05\r\nab \n"), expected);
  EXPECT_EQ(from_hex(""), Bytes{});
}

TEST(Hex, RejectsOddDigitsSplitBytesAndOtherCharacters) {
  EXPECT_EQ(from_hex("810"), std::nullopt);
  EXPECT_EQ(from_hex("8 1"), std::nullopt);
  EXPECT_EQ(from_hex("0x81"), std::nullopt);
  EXPECT_EQ(from_hex("zz"), std::nullopt);
}

TEST(Hex, RoundTripsEveryByte) {
  Bytes all(256);
  for (int i = 0; i < 256; ++i) all[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(i);
  EXPECT_EQ(from_hex(to_hex(all)), all);
}

TEST(Bytes, ConvertsTextWithoutChangingIt) {
  EXPECT_EQ(to_bytes("a\xff"), (Bytes{0x61, 0xFF}));
  EXPECT_EQ(as_chars(to_bytes("hello")), "hello");
}

TEST(Opcodes, ClassifiesAllSixteen) {
  for (std::uint8_t op = 0; op < 16; ++op) {
    const bool defined = op <= 2 || (op >= 8 && op <= 0xA);
    EXPECT_EQ(is_reserved(op), !defined) << int{op};
    EXPECT_EQ(is_control(op), op >= 8) << int{op};
  }
  EXPECT_TRUE(is_reserved(0x10));
  EXPECT_TRUE(is_control(Opcode::Close));
  EXPECT_FALSE(is_control(Opcode::Binary));
}

TEST(Opcodes, NamesDefinedAndReservedOpcodes) {
  EXPECT_EQ(opcode_name(Opcode::Continuation), "continuation");
  EXPECT_EQ(opcode_name(Opcode::Text), "text");
  EXPECT_EQ(opcode_name(Opcode::Binary), "binary");
  EXPECT_EQ(opcode_name(Opcode::Close), "close");
  EXPECT_EQ(opcode_name(Opcode::Ping), "ping");
  EXPECT_EQ(opcode_name(Opcode::Pong), "pong");
  EXPECT_EQ(opcode_name(0x3), "reserved-0x3");
  EXPECT_EQ(opcode_name(0xB), "reserved-0xb");
  EXPECT_EQ(opcode_name(0x20), "not-an-opcode");
}

}  // namespace
}  // namespace wsh::wire
