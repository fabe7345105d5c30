#include "peer/step_frames.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "cases/frame_size.hpp"
#include "cases/max_message.hpp"

namespace wsh::peer {
namespace {

// Every size a frame can have comes out exactly that long on the wire, masked
// (the peer is the client) or not, so a case's header lands where it says.
TEST(StepFrames, FrameSizeIsTheSizeOnTheWire) {
  std::mt19937_64 random(7);
  for (const bool as_client : {false, true}) {
    for (const auto length : {cases::LengthMode::Minimal, cases::LengthMode::Force16, cases::LengthMode::Force64}) {
      // Every size around the 7-bit/16-bit switch, and around the 16-bit/64-bit one.
      std::vector<std::uint64_t> sizes;
      for (std::uint64_t size = 0; size < 300; ++size) sizes.push_back(size);
      for (std::uint64_t size = 65530; size < 65560; ++size) sizes.push_back(size);
      sizes.push_back(4093);
      for (const std::uint64_t size : sizes) {
        if (!cases::filler_for_frame_size(size, as_client, length)) continue;
        cases::SendStep send;
        send.opcode = 0x2;
        send.length = length;
        send.frame_size = size;
        const auto encoded = encode_send(send, as_client, random);
        ASSERT_EQ(encoded.bytes.size(), size) << "as_client " << as_client;
        EXPECT_EQ(encoded.frame.wire_size, size);
        EXPECT_EQ(encoded.frame.masked, as_client);
        EXPECT_EQ(encoded.frame.payload, cases::filler_payload(encoded.frame.payload.size()));
      }
    }
  }
}

}  // namespace
}  // namespace wsh::peer
