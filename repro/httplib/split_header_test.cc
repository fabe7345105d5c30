// cpp-httplib: a frame whose header arrives in two TCP segments ends the
// connection.
//
// RFC 6455 §6.2: "To receive WebSocket data, an endpoint listens on the
// underlying network connection. Incoming data MUST be parsed as WebSocket
// frames as defined in Section 5.2." (a MUST). The connection is a TCP byte
// stream: nothing in the RFC ties a frame to a segment, and a well-formed
// frame arriving in two parts gives no reason to fail the connection.
//
// Setup: the peer writes one valid text frame ("hello") in two writes with
// TCP_NODELAY, and sends the second only once httplib has read the first
// (watched in /proc/net/tcp, so Linux only), so httplib's first recv()
// returns the first part alone.
// Expected: read() returns Text "hello".
// httplib: read_websocket_frame() reads the 2-byte header, the extended
// length and the masking key with one Stream::read each and fails when that
// returns fewer bytes than asked (only the payload is read in a loop), so
// read() returns Fail and the connection is closed.
//
// Deterministic: the bytes and their timing are the test's own, not a race.

#include "raw_peer.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>

namespace {

// Reads one message, echoes it, then reads until Fail.
void echo_once(const httplib::Request &, httplib::ws::WebSocket &ws) {
  std::string msg;
  if (ws.read(msg) == httplib::ws::ReadResult::Text) ws.send(msg);
  while (ws.read(msg) != httplib::ws::ReadResult::Fail) {}
}

// Writes a text frame to the server in two segments, cut after `first` bytes, and
// returns what the server sent back.
repro::Frame echo_of_frame_split_at(size_t first) {
  repro::WebSocketServer svr(echo_once);
  repro::RawSocket peer;
  EXPECT_TRUE(peer.connect_to(svr.port()));
  EXPECT_TRUE(peer.upgrade("/ws"));
  peer.set_nodelay();
  const std::string bytes = repro::frame(0x81, "hello", true);
  peer.write(bytes.substr(0, first));
  EXPECT_TRUE(peer.wait_until_read_by_other_end());
  peer.write(bytes.substr(first));
  return peer.read_frame();
}

TEST(WebSocketSplitFrameTest, ServerReadsHeaderSplitAfterFirstByte) {
  auto echo = echo_of_frame_split_at(1);
  EXPECT_TRUE(echo.kind == repro::Frame::Got && echo.opcode == 0x1 && echo.payload == "hello")
      << "got " << echo.describe();
}

TEST(WebSocketSplitFrameTest, ServerReadsMaskingKeySplitInTwo) {
  auto echo = echo_of_frame_split_at(2 + 2);  // 2-byte header, then 2 of the 4 key bytes
  EXPECT_TRUE(echo.kind == repro::Frame::Got && echo.opcode == 0x1 && echo.payload == "hello")
      << "got " << echo.describe();
}

TEST(WebSocketSplitFrameTest, ClientReadsHeaderSplitAfterFirstByte) {
  repro::RawListener listener;
  std::thread server_side([&] {
    auto s = listener.accept();
    if (!s.accept_upgrade()) return;
    s.set_nodelay();
    s.wait_until_read_by_other_end();  // the 101 response, so the frame starts a recv() of its own
    const std::string bytes = repro::frame(0x81, "hello", false);
    s.write(bytes.substr(0, 1));
    s.wait_until_read_by_other_end();
    s.write(bytes.substr(1));
    // Answer the client's close frame, if it sends one, so close() returns.
    if (s.read_frame().is_close()) s.write(repro::frame(0x88, repro::close_body(1000), false));
  });

  auto result = httplib::ws::ReadResult::Fail;
  std::string msg;
  {
    httplib::ws::WebSocketClient cli("ws://127.0.0.1:" + std::to_string(listener.port()) + "/ws");
    cli.set_read_timeout(3, 0);
    if (cli.connect()) {
      result = cli.read(msg);
      cli.close();
    }
  }
  server_side.join();
  EXPECT_EQ(result, httplib::ws::ReadResult::Text);
  EXPECT_EQ(msg, "hello");
}

} // namespace
