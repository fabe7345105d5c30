// The harness reading a reply that a subject writes as two small segments
// without TCP_NODELAY (a close frame, then TLS close_notify; "goodbye", then
// a close frame). Nagle holds the second segment until the first is
// acknowledged, so a reader that delays its ACK (40 ms on Linux) makes every
// such exchange 40 ms long. TcpSocket::read_some acknowledges at once
// (TCP_QUICKACK). Read BM_NagledReply/read_some against its yardstick,
// BM_NagledReply/plain_recv: the same loop with recv(2) and no quick ACK.

#include <benchmark/benchmark.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <thread>

#include "net/deadline.hpp"
#include "net/tcp_listener.hpp"
#include "net/tcp_socket.hpp"

// wsh::net in full: in the unity build, `net` is Beast's asio alias.
namespace wsh::bench {
namespace {

using namespace std::chrono_literals;
using wsh::net::deadline_in;

constexpr std::array<std::uint8_t, 4> kFirstSegment{'c', 'l', 'o', 's'};
constexpr std::array<std::uint8_t, 2> kSecondSegment{'e', '!'};
constexpr std::size_t kReplySize = kFirstSegment.size() + kSecondSegment.size();

// The subject: for each request byte, the reply in two writes, Nagle on.
void nagled_subject(wsh::net::TcpSocket socket) {
  socket.set_nodelay(false);
  std::array<std::uint8_t, 1> request{};
  while (socket.read_some(request, deadline_in(10s)).status == wsh::net::ReadStatus::Data) {
    if (!socket.write_all(kFirstSegment, deadline_in(10s)).ok()) return;
    if (!socket.write_all(kSecondSegment, deadline_in(10s)).ok()) return;
  }
}

// recv(2) with poll(2), as a reader that leaves ACKs to the kernel's timer.
// 0 on EOF, an error or 10 s of silence.
std::size_t plain_recv(int fd, std::span<std::uint8_t> buffer) {
  for (;;) {
    const ssize_t got = ::recv(fd, buffer.data(), buffer.size(), 0);
    if (got >= 0) return static_cast<std::size_t>(got);
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) return 0;
    pollfd waiting{fd, POLLIN, 0};
    if (::poll(&waiting, 1, 10'000) <= 0) return 0;
  }
}

void BM_NagledReply(benchmark::State& state, bool quick_ack) {
  auto listener = wsh::net::TcpListener::listen();
  auto harness = wsh::net::TcpSocket::connect(wsh::net::Endpoint{"127.0.0.1", listener.port()}, deadline_in(5s));
  std::thread subject(nagled_subject, listener.accept(deadline_in(5s)));
  harness.set_nodelay(true);  // the request leaves at once; only the reply is Nagled
  const std::array<std::uint8_t, 1> request{'?'};
  std::array<std::uint8_t, 64> buffer{};
  for (auto _ : state) {
    if (!harness.write_all(request, deadline_in(10s)).ok()) {
      state.SkipWithError("request not sent");
      break;
    }
    for (std::size_t got = 0; got < kReplySize;) {
      const std::size_t n =
          quick_ack ? harness.read_some(buffer, deadline_in(10s)).n : plain_recv(harness.fd(), buffer);
      if (n == 0) {
        state.SkipWithError("the reply did not arrive");
        break;
      }
      got += n;
    }
  }
  harness.close();
  subject.join();
}

BENCHMARK_CAPTURE(BM_NagledReply, read_some, true)->Unit(benchmark::kMicrosecond)->MinTime(0.5)->UseRealTime();
BENCHMARK_CAPTURE(BM_NagledReply, plain_recv, false)->Unit(benchmark::kMicrosecond)->MinTime(0.5)->UseRealTime();

}  // namespace
}  // namespace wsh::bench
