#include "proxy/flow_recorder.hpp"

#include <gtest/gtest.h>

#include "wire/bytes.hpp"
#include "wire/frame_encoder.hpp"

namespace wsh::proxy {
namespace {

using Kind = RelayRecord::Kind;

TEST(FlowRecorder, SplitsTheHttpHeadFromTheFramesBehindIt) {
  FlowRecorder recorder(Flow::ToClient, true);
  auto bytes = wire::to_bytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n");
  wire::append_frame(bytes, wire::Opcode::Text, wire::to_bytes("hi"));
  std::vector<RelayRecord> out;
  recorder.feed(bytes, {}, out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].kind, Kind::HttpHead);
  EXPECT_EQ(out[1].kind, Kind::Frame);
  EXPECT_EQ(out[1].frame->payload, wire::to_bytes("hi"));
  EXPECT_TRUE(recorder.at_frame_boundary());
}

TEST(FlowRecorder, IsNotAtABoundaryInsideAFrame) {
  FlowRecorder recorder(Flow::ToClient, true);
  std::vector<RelayRecord> out;
  recorder.feed(wire::to_bytes("HTTP/1.1 101 OK\r\n\r\n"), {}, out);
  const auto frame = wire::encode_frame(wire::Opcode::Text, wire::to_bytes("hello"));
  recorder.feed(net::ByteView(frame).first(3), {}, out);
  EXPECT_FALSE(recorder.at_frame_boundary());
  recorder.feed(net::ByteView(frame).subspan(3), {}, out);
  EXPECT_TRUE(recorder.at_frame_boundary());
}

TEST(FlowRecorder, ReportsAnUnmaskedClientFrameAsADecodeError) {
  FlowRecorder recorder(Flow::ToServer, true);
  auto bytes = wire::to_bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  wire::append_frame(bytes, wire::Opcode::Text, wire::to_bytes("unmasked"));
  std::vector<RelayRecord> out;
  recorder.feed(bytes, {}, out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].kind, Kind::DecodeError);
  EXPECT_TRUE(out[1].error.has_value());
}

TEST(FlowRecorder, RecordsNothingWhenBlind) {
  FlowRecorder recorder(Flow::ToServer, false);
  std::vector<RelayRecord> out;
  recorder.feed(wire::to_bytes("\x16\x03\x01 tls bytes"), {}, out);
  EXPECT_TRUE(out.empty());
  EXPECT_FALSE(recorder.at_frame_boundary());
}

}  // namespace
}  // namespace wsh::proxy
