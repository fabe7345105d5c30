// Boost.Beast: an application close in flight, crossed by a frame the peer
// should never have sent, leaves both operations suspended forever.
//
// RFC 6455 §5.2: "If an unknown opcode is received, the receiving endpoint
// MUST _Fail the WebSocket Connection_."  §7.1.7: failing the connection
// means the endpoint "MUST _Close the WebSocket Connection_".
//
// Setup: websocket::stream<test::stream> in the server role. The peer's next
// frame, with the reserved opcode 0x3, has arrived when the application starts
// one async_read and one async_close(1000) (one of each may be outstanding):
// the read meets the bad frame while the close is writing its close frame.
// Expected: the connection is failed: the read completes with an error, the
// close completes, and the transport is closed.
// Beast 1.81: neither completion handler is ever called, not even after the
// peer closes the transport; the io_context runs out of work with both
// operations parked.
//
// A hang is detected with a deadline: the io_context runs for at most two
// seconds per step, never unbounded.

#include <boost/beast/_experimental/test/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "beast_peer.hpp"

namespace {

namespace beast = boost::beast;
namespace net = boost::asio;
namespace websocket = beast::websocket;
using namespace std::chrono_literals;

TEST(BeastWebSocketClose, ProtocolErrorCrossingCloseFailsTheConnection) {
  net::io_context ioc;
  websocket::stream<beast::test::stream> ws{ioc};
  beast::test::stream peer{ioc};
  ws.next_layer().connect(peer);
  ASSERT_TRUE(repro::accept_as_server(ws, peer));

  // The peer's next frame, a masked frame with the reserved opcode 0x3 and no
  // payload, has arrived when the application starts its read and its close.
  repro::write_bytes(peer, repro::masked_frame(0x83, ""));

  beast::flat_buffer buffer;
  bool read_done = false;
  beast::error_code read_ec;
  ws.async_read(buffer, [&](beast::error_code ec, std::size_t) {
    read_done = true;
    read_ec = ec;
  });

  bool close_done = false;
  beast::error_code close_ec;
  ws.async_close(websocket::close_code::normal, [&](beast::error_code ec) {
    close_done = true;
    close_ec = ec;
  });
  ioc.run_for(2s);

  // Even when the peer then closes TCP, nothing resumes.
  if (!read_done || !close_done) {
    peer.close();
    ioc.restart();
    ioc.run_for(2s);
  }

  EXPECT_TRUE(read_done) << "async_read never completed (the connection hangs)";
  EXPECT_TRUE(close_done) << "async_close never completed (the connection hangs)";
  if (read_done) {
    EXPECT_TRUE(read_ec) << "the read must fail: a reserved opcode fails the connection";
  }
}

}  // namespace
