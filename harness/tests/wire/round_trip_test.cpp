// encode(options) -> decode gives back every field the options set.

#include <gtest/gtest.h>

#include <random>

#include "wire/frame_decoder.hpp"
#include "wire/frame_encoder.hpp"

namespace wsh::wire {
namespace {

struct RoundTripCase {
  std::uint8_t opcode;
  std::size_t payload_size;
  EncodeOptions options;
};

TEST(FrameRoundTrip, EncodedFramesDecodeToTheSameFields) {
  std::mt19937_64 rng(1234);
  const std::vector<RoundTripCase> cases = {
      {to_raw(Opcode::Text), 0, {}},
      {to_raw(Opcode::Text), 5, {.fin = false}},
      {to_raw(Opcode::Binary), 125, {.mask = MaskKey{1, 2, 3, 4}}},
      {to_raw(Opcode::Binary), 126, {.rsv = kRsv1 | kRsv2 | kRsv3}},
      {to_raw(Opcode::Binary), 65535, {.mask = MaskKey{0xff, 0, 0xff, 0}}},
      {to_raw(Opcode::Binary), 65536, {}},
      {to_raw(Opcode::Binary), 70001, {.mask = MaskKey{9, 8, 7, 6}}},
      {to_raw(Opcode::Close), 125, {}},
      {to_raw(Opcode::Ping), 1, {.mask = MaskKey{0, 0, 0, 0}}},
      {to_raw(Opcode::Pong), 3, {.length = LengthEncoding::Force16}},
      {to_raw(Opcode::Text), 3, {.length = LengthEncoding::Force64}},
      {0x3, 7, {}},
      {0xB, 200, {.fin = false}},
  };
  // structure_only: the round trip is about fields, not about which of them
  // are legal; allow anything the cases above contain.
  const DecoderConfig config{.role = Role::Client, .structure_only = true};

  for (const RoundTripCase& c : cases) {
    SCOPED_TRACE(std::string(opcode_name(c.opcode)) + " " + std::to_string(c.payload_size));
    Bytes payload(c.payload_size);
    for (auto& byte : payload) byte = static_cast<std::uint8_t>(rng());
    const Bytes wire = encode_frame(c.opcode, payload, c.options);

    const DecodeResult decoded = decode_all(wire, config);
    ASSERT_FALSE(decoded.error) << decoded.error->message;
    ASSERT_EQ(decoded.frames.size(), 1u);
    const Frame& frame = decoded.frames[0];
    EXPECT_EQ(frame.fin, c.options.fin);
    EXPECT_EQ(frame.rsv, c.options.rsv);
    EXPECT_EQ(frame.opcode, c.opcode);
    EXPECT_EQ(frame.masked, c.options.mask.has_value());
    if (c.options.mask) {
      EXPECT_EQ(frame.mask_key, *c.options.mask);
    }
    EXPECT_EQ(frame.payload, payload);
    EXPECT_EQ(frame.wire_size, wire.size());
    EXPECT_EQ(decoded.trailing_bytes, 0u);

    // And re-encoding the decoded frame gives the same bytes.
    EncodeOptions again{.fin = frame.fin, .rsv = frame.rsv, .length = c.options.length};
    if (frame.masked) again.mask = frame.mask_key;
    EXPECT_EQ(encode_frame(frame.opcode, frame.payload, again), wire);
  }
}

}  // namespace
}  // namespace wsh::wire
