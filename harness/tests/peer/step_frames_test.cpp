#include "peer/step_frames.hpp"

#include <gtest/gtest.h>

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
      for (std::uint64_t size = 0; size < 70100; size += size < 300 ? 1 : 97) {
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
