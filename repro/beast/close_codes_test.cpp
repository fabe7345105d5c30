// Boost.Beast: which close status codes reach the wire.
//
// 1. The peer closes with 1014 ("Bad Gateway").
//    RFC 6455 §7.4.2: codes 1000-2999 "are reserved for definition by this
//    protocol, its future revisions, and extensions specified in a permanent
//    and readily available public specification"; §11.7 keeps them in the
//    IANA "WebSocket Close Code Number Registry", which has listed 1014 since
//    2016. No MUST is broken: the RFC does not oblige an endpoint to accept a
//    code, but 1014 is as defined as 1012 and 1013, which Beast accepts.
//    Expected: a normal closing handshake (read ends with error::closed, the
//    reply is not 1002). Beast 1.81: close_code::reserved2 (1014) is treated
//    as invalid; the read fails and the reply is 1002.
//
// 2. The application closes with 1005 or 1006.
//    RFC 6455 §7.4.1: 1005 and 1006 are "a reserved value and MUST NOT be set
//    as a status code in a Close control frame by an endpoint" (a MUST).
//    Expected: the code does not appear on the wire (the call fails, or the
//    frame carries another code or no body). Beast 1.81 sends it as given.

#include <boost/beast/_experimental/test/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>

#include "beast_peer.hpp"

namespace {

namespace beast = boost::beast;
namespace net = boost::asio;
namespace websocket = beast::websocket;
using namespace std::chrono_literals;

TEST(BeastWebSocketCloseCodes, PeerCode1014IsAcceptedLike1012And1013) {
  net::io_context ioc;
  websocket::stream<beast::test::stream> ws{ioc};
  beast::test::stream peer{ioc};
  ws.next_layer().connect(peer);
  ASSERT_TRUE(repro::accept_as_server(ws, peer));

  repro::write_bytes(peer, repro::masked_frame(0x88, repro::close_body(1014)));
  beast::flat_buffer buffer;
  bool read_done = false;
  beast::error_code read_ec;
  ws.async_read(buffer, [&](beast::error_code ec, std::size_t) {
    read_done = true;
    read_ec = ec;
  });
  ioc.run_for(2s);

  ASSERT_TRUE(read_done);
  EXPECT_EQ(read_ec, websocket::error::closed) << "got: " << read_ec.message();
  EXPECT_NE(repro::read_close_code(peer), 1002) << "1014 answered as a protocol error";
}

// Closes with `code` and returns the code of the close frame that reached
// the peer (-1 for none or malformed, 0 when nothing was written).
int code_on_the_wire_after_close(std::uint16_t code) {
  net::io_context ioc;
  websocket::stream<beast::test::stream> ws{ioc};
  beast::test::stream peer{ioc};
  ws.next_layer().connect(peer);
  if (!repro::accept_as_server(ws, peer)) return -2;

  ws.async_close(websocket::close_reason{code}, [](beast::error_code) {});
  ioc.run_for(200ms);  // the close frame is written; the close now waits for the reply
  const int on_the_wire = repro::read_close_code(peer);
  peer.close();  // ends the close (the reply is not needed to observe the frame)
  ioc.restart();
  ioc.run_for(2s);
  return on_the_wire;
}

TEST(BeastWebSocketCloseCodes, ApplicationClose1005IsNotSent) {
  EXPECT_NE(code_on_the_wire_after_close(1005), 1005);
}

TEST(BeastWebSocketCloseCodes, ApplicationClose1006IsNotSent) {
  EXPECT_NE(code_on_the_wire_after_close(1006), 1006);
}

}  // namespace
