// cpp-httplib: what ws::WebSocket answers to a close frame it must not
// accept, and what it puts on the wire for a close status it must not send.
// Server side: httplib::Server with a WebSocket endpoint that reads until
// Fail. Peer: a raw socket writing exact bytes. One TEST per RFC sentence:
//
// ClosePeerCode1005/1006: RFC 6455 §7.4.1: 1005 and 1006 are "a reserved
//   value and MUST NOT be set as a status code in a Close control frame by an
//   endpoint" (a MUST). Expected: fail the connection (§7.1.7: close it,
//   after a close frame with 1002 SHOULD one be sent). httplib echoes the
//   code, so it sends 1005/1006 itself.
// ClosePeerCode999/2000: §7.4.2: "0-999: Status codes in the range 0-999 are
//   not used"; 1000-2999 "are reserved for definition by this protocol".
//   Failing the connection for them is Autobahn's reading (cases 7.9.x); the
//   RFC has no MUST here. httplib echoes them.
// ClosePeerOneByteBody: §5.5.1: "If there is a body, the first two bytes of
//   the body MUST be a 2-byte unsigned integer ... representing a status
//   code" (a MUST, broken again by the echo). httplib echoes the 1-byte body.
// ClosePeerReasonNotUtf8: §8.1: "When an endpoint is to interpret a byte
//   stream as UTF-8 but finds that the byte stream is not, in fact, a valid
//   UTF-8 stream, that endpoint MUST _Fail the WebSocket Connection_";
//   §5.5.1 says the reason is UTF-8. Expected: fail with 1007 (Autobahn
//   7.5.1). httplib echoes the invalid reason.
// CloseApplication1005/1006: §7.4.1 as above. close(CloseStatus::NoStatus)
//   and close(CloseStatus::Abnormal) exist in the API. Expected: the code is
//   not on the wire (refused, or mapped to another code). httplib sends it.

#include "raw_peer.h"

#include <gtest/gtest.h>

#include <string>

namespace {

// Reads until the peer is done; what the tests watch is the wire.
void read_until_fail(const httplib::Request &, httplib::ws::WebSocket &ws) {
  std::string msg;
  while (ws.read(msg) != httplib::ws::ReadResult::Fail) {}
}

// Sends `close_frame_payload` in a masked close frame and returns the reply.
repro::Frame reply_to_peer_close(const std::string &close_frame_payload) {
  repro::WebSocketServer svr(read_until_fail);
  repro::RawSocket peer;
  EXPECT_TRUE(peer.connect_to(svr.port()));
  EXPECT_TRUE(peer.upgrade("/ws"));
  EXPECT_TRUE(peer.write(repro::frame(0x88, close_frame_payload, true)));
  return peer.read_frame();
}

TEST(WebSocketCloseValidationTest, ClosePeerCode1005) {
  auto reply = reply_to_peer_close(repro::close_body(1005));
  EXPECT_TRUE(reply.fails_connection_with(1002)) << "got " << reply.describe();
}

TEST(WebSocketCloseValidationTest, ClosePeerCode1006) {
  auto reply = reply_to_peer_close(repro::close_body(1006));
  EXPECT_TRUE(reply.fails_connection_with(1002)) << "got " << reply.describe();
}

TEST(WebSocketCloseValidationTest, ClosePeerCode999) {
  auto reply = reply_to_peer_close(repro::close_body(999));
  EXPECT_TRUE(reply.fails_connection_with(1002)) << "got " << reply.describe();
}

TEST(WebSocketCloseValidationTest, ClosePeerCode2000) {
  auto reply = reply_to_peer_close(repro::close_body(2000));
  EXPECT_TRUE(reply.fails_connection_with(1002)) << "got " << reply.describe();
}

TEST(WebSocketCloseValidationTest, ClosePeerOneByteBody) {
  auto reply = reply_to_peer_close(std::string(1, '\x03'));
  EXPECT_TRUE(reply.fails_connection_with(1002)) << "got " << reply.describe();
}

TEST(WebSocketCloseValidationTest, ClosePeerReasonNotUtf8) {
  // 0xC3 0x28: a 2-byte sequence whose second byte is not a continuation byte.
  auto reply = reply_to_peer_close(repro::close_body(1000, "\xc3\x28"));
  EXPECT_TRUE(reply.fails_connection_with(1007)) << "got " << reply.describe();
}

// The close frame the server sends when its handler closes with `status`.
repro::Frame frame_sent_by_close(httplib::ws::CloseStatus status) {
  repro::WebSocketServer svr([status](const httplib::Request &, httplib::ws::WebSocket &ws) { ws.close(status); });
  repro::RawSocket peer;
  EXPECT_TRUE(peer.connect_to(svr.port()));
  EXPECT_TRUE(peer.upgrade("/ws"));
  auto sent = peer.read_frame();
  peer.write(repro::frame(0x88, repro::close_body(1000), true));  // lets close() return at once
  return sent;
}

TEST(WebSocketCloseValidationTest, CloseApplication1005) {
  auto sent = frame_sent_by_close(httplib::ws::CloseStatus::NoStatus);
  EXPECT_NE(sent.close_code(), 1005) << "got " << sent.describe();
}

TEST(WebSocketCloseValidationTest, CloseApplication1006) {
  auto sent = frame_sent_by_close(httplib::ws::CloseStatus::Abnormal);
  EXPECT_NE(sent.close_code(), 1006) << "got " << sent.describe();
}

} // namespace
