// The reference decoder (frame_reference.hpp) is the oracle of
// fuzz_frame_decoder, so it is checked here against the RFC's own example
// and against the frame-by-frame model of random_frame_stream.hpp, which
// works out the expected frames from the plan rather than from the bytes.

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "frame_reference.hpp"
#include "hex_bytes.hpp"
#include "random_frame_stream.hpp"

namespace wsh::wire {
namespace {

TEST(FrameReference, DecodesTheMaskedHelloOfSection5_7) {
  const Bytes wire = testing::hex("81 85 37 fa 21 3d 7f 9f 4d 51 58");
  const reference::Decoded decoded = reference::decode_stream(wire, DecoderConfig{Role::Server});
  ASSERT_FALSE(decoded.violation);
  ASSERT_EQ(decoded.frames.size(), 1u);
  EXPECT_EQ(as_chars(decoded.frames[0].payload), "Hello");
  EXPECT_EQ(decoded.frames[0].wire_size, wire.size());
  EXPECT_EQ(decoded.trailing_bytes, 0u);
}

TEST(FrameReference, AClientRejectsTheSameFrameAtItsSecondByte) {
  const Bytes wire = testing::hex("81 85 37 fa 21 3d 7f 9f 4d 51 58");
  const reference::Decoded decoded = reference::decode_stream(wire, DecoderConfig{Role::Client});
  ASSERT_TRUE(decoded.violation);
  EXPECT_EQ(reference::error_kind(decoded.violation->rule), DecodeErrorKind::MaskedServerFrame);
  EXPECT_EQ(decoded.violation->offset, 1u);
}

TEST(FrameReference, AgreesWithTheModelOnHonestRandomStreams) {
  std::mt19937_64 rng(0x5EED'6455ULL);
  int honest = 0;
  for (int i = 0; i < 4000; ++i) {
    const testing::RandomStream stream = testing::make_random_stream(rng);
    if (!stream.honest) continue;
    ++honest;
    const DecodeResult expected = testing::expected_decode(stream);
    const reference::Decoded decoded = reference::decode_stream(stream.bytes, stream.config);
    SCOPED_TRACE("iteration " + std::to_string(i));
    EXPECT_EQ(decoded.frames, expected.frames);
    ASSERT_EQ(decoded.violation.has_value(), expected.error.has_value());
    if (expected.error) {
      EXPECT_EQ(reference::error_kind(decoded.violation->rule), expected.error->kind);
      EXPECT_EQ(decoded.violation->offset, expected.error->offset);
    }
    EXPECT_EQ(decoded.trailing_bytes, expected.trailing_bytes);
  }
  EXPECT_GT(honest, 1000);
}

}  // namespace
}  // namespace wsh::wire
