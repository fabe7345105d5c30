// The encoder writes correct frames by default and any malformed frame a
// test case asks for.

#include "wire/frame_encoder.hpp"

#include <gtest/gtest.h>

#include "hex_bytes.hpp"

#include <stdexcept>

namespace wsh::wire {
namespace {

using testing::hex;

TEST(FrameEncoder, PicksTheShortestLengthEncoding) {
  EXPECT_EQ(encode_frame(Opcode::Binary, Bytes(125)).size(), 2u + 125u);
  EXPECT_EQ(encode_frame(Opcode::Binary, Bytes(126)).size(), 4u + 126u);
  EXPECT_EQ(encode_frame(Opcode::Binary, Bytes(65535)).size(), 4u + 65535u);
  EXPECT_EQ(encode_frame(Opcode::Binary, Bytes(65536)).size(), 10u + 65536u);
}

TEST(FrameEncoder, WritesFinRsvAndOpcodeBits) {
  EXPECT_EQ(encode_frame(Opcode::Text, {}, {.fin = false}), hex("01 00"));
  EXPECT_EQ(encode_frame(Opcode::Text, {}, {.rsv = kRsv1}), hex("c1 00"));
  EXPECT_EQ(encode_frame(Opcode::Text, {}, {.rsv = kRsv2 | kRsv3}), hex("b1 00"));
  EXPECT_EQ(encode_frame(Opcode::Close, {}), hex("88 00"));
}

TEST(FrameEncoder, WritesReservedOpcodesAndIgnoresBitsAboveFour) {
  EXPECT_EQ(encode_frame(0x3, {}), hex("83 00"));
  EXPECT_EQ(encode_frame(0xF, {}), hex("8f 00"));
  EXPECT_EQ(encode_frame(0x1A, {}), hex("8a 00"));
}

TEST(FrameEncoder, ForcesLongerLengthEncodings) {
  EXPECT_EQ(encode_frame(Opcode::Text, to_bytes("a"), {.length = LengthEncoding::Force16}), hex("81 7e 00 01 61"));
  EXPECT_EQ(encode_frame(Opcode::Text, to_bytes("a"), {.length = LengthEncoding::Force64}),
            hex("81 7f 00 00 00 00 00 00 00 01 61"));
}

TEST(FrameEncoder, Force16CannotHoldMoreThan65535) {
  EXPECT_THROW(encode_frame(Opcode::Binary, Bytes(65536), {.length = LengthEncoding::Force16}), std::invalid_argument);
}

TEST(FrameEncoder, DeclaresALengthThatDisagreesWithThePayload) {
  EXPECT_EQ(encode_frame(Opcode::Text, to_bytes("abc"), {.declared_length = 10}), hex("81 0a 61 62 63"));
  EXPECT_EQ(encode_frame(Opcode::Binary, {}, {.declared_length = 0x8000'0000'0000'0001ULL}),
            hex("82 7f 80 00 00 00 00 00 00 01"));
}

TEST(FrameEncoder, WritesOversizeAndFragmentedControlFrames) {
  const Bytes ping = encode_frame(Opcode::Ping, Bytes(200, 0x70), {.fin = false});
  EXPECT_EQ(ping[0], 0x09);
  EXPECT_EQ(ping[1], 126);
  EXPECT_EQ(ping.size(), 4u + 200u);
}

TEST(FrameEncoder, MasksThePayloadAndSetsTheMaskBit) {
  const Bytes frame = encode_frame(Opcode::Binary, hex("00 00 00 00 ff"), {.mask = MaskKey{0x01, 0x02, 0x03, 0x04}});
  EXPECT_EQ(frame, hex("82 85 01 02 03 04 01 02 03 04 fe"));
}

TEST(FrameEncoder, AppendsAfterExistingBytes) {
  Bytes out = hex("aa");
  append_frame(out, Opcode::Pong, to_bytes("x"));
  EXPECT_EQ(out, hex("aa 8a 01 78"));
}

}  // namespace
}  // namespace wsh::wire
