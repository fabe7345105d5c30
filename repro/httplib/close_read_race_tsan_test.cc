// cpp-httplib: a data race between WebSocket::close() on one thread and
// WebSocket::read() on another, over ws://. Build with -fsanitize=thread:
// the finding is ThreadSanitizer's report, not an assertion of this test,
// which passes in a plain build (repro/run.sh builds it only with TSan).
//
// RFC 6455 has no sentence on threads. The contract checked is httplib's:
// close() is documented for use while another thread reads (the heartbeat
// thread and Server::stop() call it that way), so it must not race read().
// A data race is undefined behaviour in C++ ([intro.races]).
//
// Setup: the handler blocks in read(); a second thread calls close(); the
// peer answers the close frame and closes TCP.
// Expected: no ThreadSanitizer report.
// httplib: close() calls Stream::set_read_timeout() (to wait for the reply)
// while the reading thread is in SocketStream::read() -> wait_readable(),
// which reads the same fields; ThreadSanitizer reports a data race.

#include "raw_peer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

namespace {

using namespace std::chrono_literals;

TEST(WebSocketThreadSafetyTest, CloseWhileAnotherThreadReads) {
  repro::WebSocketServer svr([](const httplib::Request &, httplib::ws::WebSocket &ws) {
    std::thread closer([&ws] {
      std::this_thread::sleep_for(200ms);
      ws.close();
    });
    std::string msg;
    while (ws.read(msg) != httplib::ws::ReadResult::Fail) {}
    closer.join();
  });
  repro::RawSocket peer;
  ASSERT_TRUE(peer.connect_to(svr.port()));
  ASSERT_TRUE(peer.upgrade("/ws"));
  auto server_close = peer.read_frame(5s);
  ASSERT_TRUE(server_close.is_close()) << "got " << server_close.describe();
  peer.write(repro::frame(0x88, repro::close_body(1000), true));
  peer.close();
}

} // namespace
