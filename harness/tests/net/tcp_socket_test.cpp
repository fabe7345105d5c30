#include "net/tcp_socket.hpp"

#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "net/net_error.hpp"
#include "net_test_support.hpp"

namespace wsh::net {
namespace {

using namespace test;

TEST(TcpSocket, DeliversBytesBothWays) {
  TcpPair pair = make_tcp_pair();
  const Bytes request = bytes_of("ping");
  const Bytes response = bytes_of("pong!");

  ASSERT_TRUE(pair.client.write_all(request, deadline_in(5s)).ok());
  EXPECT_EQ(read_exactly(pair.server, request.size(), deadline_in(5s)), request);
  ASSERT_TRUE(pair.server.write_all(response, deadline_in(5s)).ok());
  EXPECT_EQ(read_exactly(pair.client, response.size(), deadline_in(5s)), response);
}

TEST(TcpSocket, ShutdownWriteIsSeenAsEof) {
  TcpPair pair = make_tcp_pair();
  ASSERT_TRUE(pair.server.write_all(bytes_of("last words"), deadline_in(5s)).ok());
  pair.server.shutdown_write();

  const Drained drained = drain(pair.client, deadline_in(5s));
  EXPECT_EQ(drained.bytes, bytes_of("last words"));
  EXPECT_EQ(drained.end, ReadStatus::Eof);
}

TEST(TcpSocket, ResetIsSeenAsReset) {
  TcpPair pair = make_tcp_pair();
  pair.server.reset();

  EXPECT_FALSE(pair.server.is_open());
  EXPECT_EQ(drain(pair.client, deadline_in(5s)).end, ReadStatus::Reset);
}

TEST(TcpSocket, BytesSentBeforeResetAreReadBeforeTheReset) {
  TcpPair pair = make_tcp_pair();
  ASSERT_TRUE(pair.server.write_all(bytes_of("partial fr"), deadline_in(5s)).ok());
  // Let the bytes reach the client's receive queue before the RST overtakes them.
  ASSERT_EQ(wait_for_readable(pair.client, deadline_in(5s)), true);
  pair.server.reset();

  const Drained drained = drain(pair.client, deadline_in(5s));
  EXPECT_EQ(drained.bytes, bytes_of("partial fr"));
  EXPECT_EQ(drained.end, ReadStatus::Reset);
}

TEST(TcpSocket, ReadReturnsTimeoutAtTheDeadline) {
  TcpPair pair = make_tcp_pair();
  Bytes buffer(16);
  const Deadline deadline = deadline_in(50ms);

  const ReadOutcome got = pair.client.read_some(buffer, deadline);

  EXPECT_EQ(got.status, ReadStatus::Timeout);
  EXPECT_GE(Clock::now(), deadline);
}

TEST(TcpSocket, ReadWithPassedDeadlineStillReturnsBufferedBytes) {
  TcpPair pair = make_tcp_pair();
  ASSERT_TRUE(pair.server.write_all(bytes_of("x"), deadline_in(5s)).ok());
  ASSERT_TRUE(wait_for_readable(pair.client, deadline_in(5s)));
  Bytes buffer(16);

  const ReadOutcome got = pair.client.read_some(buffer, Clock::now() - 1s);

  EXPECT_EQ(got.status, ReadStatus::Data);
  EXPECT_EQ(got.n, 1u);
}

TEST(TcpSocket, WriteToResetPeerFailsWithResetOrBroken) {
  TcpPair pair = make_tcp_pair();
  pair.server.reset();
  ASSERT_EQ(drain(pair.client, deadline_in(5s)).end, ReadStatus::Reset);

  const WriteOutcome wrote = pair.client.write_all(pattern(1024), deadline_in(5s));

  EXPECT_TRUE(wrote.status == WriteStatus::Reset || wrote.status == WriteStatus::Broken) << to_string(wrote.status);
}

TEST(TcpSocket, WriteTimesOutWhenThePeerStopsReading) {
  TcpPair pair = make_tcp_pair();
  pair.client.set_send_buffer(4096);
  pair.server.set_recv_buffer(4096);
  const Bytes flood = pattern(16 * 1024 * 1024);

  const WriteOutcome wrote = pair.client.write_all(flood, deadline_in(200ms));

  EXPECT_EQ(wrote.status, WriteStatus::Timeout);
  EXPECT_LT(wrote.written, flood.size());
}

TEST(TcpSocket, PortsMatchAcrossThePair) {
  TcpPair pair = make_tcp_pair();
  EXPECT_EQ(pair.client.peer_port(), pair.listener.port());
  EXPECT_EQ(pair.server.local_port(), pair.listener.port());
  EXPECT_EQ(pair.server.peer_port(), pair.client.local_port());
}

TEST(TcpSocket, ConnectToAPortNobodyListensOnIsRefused) {
  std::uint16_t port = 0;
  {
    TcpListener listener = TcpListener::listen();
    port = listener.port();
  }
  try {
    TcpSocket::connect(Endpoint{"127.0.0.1", port}, deadline_in(5s));
    FAIL() << "connect succeeded";
  } catch (const NetError& error) {
    EXPECT_EQ(error.kind(), NetErrorKind::Refused) << error.what();
  }
}

TEST(TcpSocket, ConnectsOverIpv6Loopback) {
  TcpPair pair = make_tcp_pair({"::1", 0});
  ASSERT_TRUE(pair.client.write_all(bytes_of("v6"), deadline_in(5s)).ok());
  EXPECT_EQ(read_exactly(pair.server, 2, deadline_in(5s)), bytes_of("v6"));
}

TEST(TcpSocket, LocalhostFallsBackToIpv6WhenOnlyIpv6Listens) {
  TcpListener listener = TcpListener::listen({"::1", 0});
  TcpSocket client = TcpSocket::connect(Endpoint{"localhost", listener.port()}, deadline_in(5s));
  TcpSocket server = listener.accept(deadline_in(5s));
  EXPECT_EQ(server.peer_port(), client.local_port());
}

TEST(TcpSocket, MovedFromSocketIsClosedAndHarmless) {
  TcpPair pair = make_tcp_pair();
  TcpSocket moved = std::move(pair.client);
  Bytes buffer(4);

  EXPECT_FALSE(pair.client.is_open());
  EXPECT_EQ(pair.client.read_some(buffer, deadline_in(10ms)).status, ReadStatus::Error);
  EXPECT_TRUE(moved.is_open());
}

TEST(TcpListener, AcceptTimesOutWhenNobodyConnects) {
  TcpListener listener = TcpListener::listen();
  try {
    listener.accept(deadline_in(30ms));
    FAIL() << "accept returned a socket";
  } catch (const NetError& error) {
    EXPECT_EQ(error.kind(), NetErrorKind::Timeout);
  }
}

TEST(TcpListener, StopAcceptingWakesAWaitingAccept) {
  TcpListener listener = TcpListener::listen();
  auto waiting = std::async(std::launch::async, [&] { return listener.accept(deadline_in(10s)); });
  std::this_thread::sleep_for(20ms);  // let it block in poll(); it must wake either way
  listener.stop_accepting();
  ASSERT_EQ(waiting.wait_for(5s), std::future_status::ready) << "accept() still waits after stop_accepting()";
  try {
    waiting.get();
    FAIL() << "accept returned a socket";
  } catch (const NetError& error) {
    EXPECT_EQ(error.kind(), NetErrorKind::System);
  }
}

}  // namespace
}  // namespace wsh::net
