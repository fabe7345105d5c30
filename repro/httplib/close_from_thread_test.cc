// cpp-httplib: WebSocket::close() called from another thread than the one
// blocked in read() does not end the connection once the closing handshake
// is complete.
//
// RFC 6455 §7.1.1: "The underlying TCP connection, in most normal cases,
// SHOULD be closed first by the server" (a SHOULD); §7.1.2 and §7.1.4: once
// an endpoint has both sent and received a close frame, the WebSocket
// connection is closed, so the application's read() has nothing left to wait
// for.
//
// Setup: the handler blocks in read(); 200 ms later a second thread calls
// close() and the handler joins it once read() has failed. The peer (a raw
// socket) answers the close frame with its own and keeps TCP open, as a
// client waiting for the server to close first does.
// Expected: within 1 s of the peer's reply the handler's read() has returned
// Fail and the server has closed TCP.
// httplib: close() reads the reply itself (for up to
// CPPHTTPLIB_WEBSOCKET_CLOSE_TIMEOUT_SECOND, 5 s) while read() waits on the
// same socket, and whichever recv() wins takes the reply. When read() wins,
// close() still waits out its timeout, holding the handler; when close()
// wins, read() stays blocked until the peer closes TCP or the read timeout
// passes. Either way the server does not close TCP, so this check does not
// depend on who wins; the message says which case the run met.
//
// PongTimeoutCloseEndsConnection: the same, the close coming from the
// heartbeat thread after the peer left a ping unanswered (the opt-in
// set_websocket_max_missed_pongs, cpp-httplib 0.43.0 and later; SKIPPED on
// older releases).

#include "raw_peer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>

namespace {

using namespace std::chrono_literals;

// The peer's side once the server has started its closing handshake: skip
// pings (unanswered on purpose), answer the close frame. Returns the server's
// close frame, or what came instead.
repro::Frame answer_server_close(repro::RawSocket &peer) {
  repro::Frame f;
  do {
    f = peer.read_frame(5s);
  } while (f.kind == repro::Frame::Got && f.opcode == 0x9);
  if (f.is_close()) peer.write(repro::frame(0x88, repro::close_body(1000), true));
  return f;
}

// After the peer's reply: the connection must end, and read() must have failed.
void expect_connection_ends(repro::RawSocket &peer, std::future<void> &read_failed) {
  auto after = peer.read_frame(1s);
  const bool read_returned = read_failed.wait_for(0s) == std::future_status::ready;
  EXPECT_EQ(after.kind, repro::Frame::Eof)
      << "1 s after the closing handshake completed, not closed by the server: " << after.describe() << "; "
      << (read_returned ? "read() returned Fail, close() still waits" : "read() is still blocked");
  EXPECT_TRUE(read_returned) << "read() still blocked 1 s after the closing handshake completed";
  peer.close();  // releases whatever still waits, so the server can stop
}

TEST(WebSocketCloseFromThreadTest, CloseFromAnotherThreadEndsConnection) {
  std::promise<void> read_failed;
  auto read_failed_future = read_failed.get_future();
  repro::WebSocketServer svr([&](const httplib::Request &, httplib::ws::WebSocket &ws) {
    std::thread closer([&ws] {
      std::this_thread::sleep_for(200ms);
      ws.close();
    });
    std::string msg;
    while (ws.read(msg) != httplib::ws::ReadResult::Fail) {}
    read_failed.set_value();
    closer.join();
  });
  repro::RawSocket peer;
  ASSERT_TRUE(peer.connect_to(svr.port()));
  ASSERT_TRUE(peer.upgrade("/ws"));

  auto server_close = answer_server_close(peer);
  ASSERT_TRUE(server_close.is_close()) << "got " << server_close.describe();
  expect_connection_ends(peer, read_failed_future);
}

// set_websocket_max_missed_pongs arrived in 0.43.0; older releases skip.
template <class S, class = void> struct has_pong_limit : std::false_type {};
template <class S>
struct has_pong_limit<S, std::void_t<decltype(std::declval<S &>().set_websocket_max_missed_pongs(1))>>
    : std::true_type {};

template <class S> void run_pong_timeout_case() {
  if constexpr (!has_pong_limit<S>::value) {
    GTEST_SKIP() << "this release has no set_websocket_max_missed_pongs";
  } else {
    std::promise<void> read_failed;
    auto read_failed_future = read_failed.get_future();
    repro::WebSocketServer svr(
        [&](const httplib::Request &, httplib::ws::WebSocket &ws) {
          std::string msg;
          while (ws.read(msg) != httplib::ws::ReadResult::Fail) {}
          read_failed.set_value();
        },
        [](S &s) {
          s.set_websocket_ping_interval(1);
          s.set_websocket_max_missed_pongs(1);
        });
    repro::RawSocket peer;
    ASSERT_TRUE(peer.connect_to(svr.port()));
    ASSERT_TRUE(peer.upgrade("/ws"));

    auto server_close = answer_server_close(peer);  // after about 2 s: one ping, then the close
    ASSERT_TRUE(server_close.is_close()) << "got " << server_close.describe();
    expect_connection_ends(peer, read_failed_future);
  }
}

TEST(WebSocketCloseFromThreadTest, PongTimeoutCloseEndsConnection) {
  run_pong_timeout_case<httplib::Server>();
}

} // namespace
