#include "net/connection.hpp"

#include <future>

#include <gtest/gtest.h>

#include "tls_test_support.hpp"

namespace wsh::net {
namespace {

using namespace test;

// A loopback pair wrapped in Connections, TLS or not. The server side runs
// its part in a second thread (a TLS handshake needs both sides at once).
struct ConnectionPair {
  TcpPair tcp = make_tcp_pair();
  std::optional<Connection> client;
  std::optional<Connection> server;

  explicit ConnectionPair(bool tls) {
    client.emplace(std::move(tcp.client), tls ? std::optional(pki_client()) : std::nullopt);
    server.emplace(std::move(tcp.server), tls ? std::optional(pki_server()) : std::nullopt);
  }

  // Handshakes both sides concurrently.
  void handshake() {
    auto server_side = std::async(std::launch::async, [this] { return server->handshake(deadline_in(5s)); });
    const HandshakeOutcome at_client = client->handshake(deadline_in(5s));
    const HandshakeOutcome at_server = server_side.get();
    ASSERT_TRUE(at_client.ok()) << at_client.detail;
    ASSERT_TRUE(at_server.ok()) << at_server.detail;
  }
};

// Reads until `count` plaintext bytes arrived or the stream stopped.
Received read_plaintext(Connection& connection, std::size_t count) {
  Received all{ReceivedStatus::Data, {}, false, {}};
  while (all.data.size() < count) {
    Received more = connection.read_some(deadline_in(5s));
    if (more.status != ReceivedStatus::Data) return more;
    all.data.insert(all.data.end(), more.data.begin(), more.data.end());
  }
  return all;
}

TEST(Connection, PlainTcpCarriesBytesBothWays) {
  ConnectionPair pair(false);
  pair.handshake();

  ASSERT_TRUE(pair.client->write(bytes_of("hi"), deadline_in(5s)).ok());
  EXPECT_EQ(read_plaintext(*pair.server, 2).data, bytes_of("hi"));
  ASSERT_TRUE(pair.server->write(bytes_of("ho"), deadline_in(5s)).ok());
  EXPECT_EQ(read_plaintext(*pair.client, 2).data, bytes_of("ho"));
}

TEST(Connection, TlsCarriesPlaintextBothWaysOverLoopback) {
  ConnectionPair pair(true);
  pair.handshake();
  const Bytes large = pattern(200 * 1024);

  const WriteOutcome wrote = pair.client->write(large, deadline_in(5s));
  ASSERT_TRUE(wrote.ok()) << wrote.error;
  EXPECT_EQ(wrote.written, large.size());
  EXPECT_EQ(read_plaintext(*pair.server, large.size()).data, large);

  ASSERT_TRUE(pair.server->write(bytes_of("echo"), deadline_in(5s)).ok());
  EXPECT_EQ(read_plaintext(*pair.client, 4).data, bytes_of("echo"));
}

TEST(Connection, TlsCloseNotifyThenFinIsAnOrderlyEnd) {
  ConnectionPair pair(true);
  pair.handshake();

  ASSERT_TRUE(pair.server->send_close_notify(deadline_in(5s)).ok());
  pair.server->shutdown_write();

  EXPECT_EQ(pair.client->read_some(deadline_in(5s)).status, ReceivedStatus::CloseNotify);
  const Received end = pair.client->read_some(deadline_in(5s));
  EXPECT_EQ(end.status, ReceivedStatus::Eof);
  EXPECT_FALSE(end.tls_truncated);
}

TEST(Connection, TlsFinWithoutCloseNotifyIsTruncated) {
  ConnectionPair pair(true);
  pair.handshake();

  pair.server->shutdown_write();

  const Received end = pair.client->read_some(deadline_in(5s));
  EXPECT_EQ(end.status, ReceivedStatus::Eof);
  EXPECT_TRUE(end.tls_truncated);
}

TEST(Connection, TlsResetIsReset) {
  ConnectionPair pair(true);
  pair.handshake();

  pair.server->reset();

  EXPECT_EQ(pair.client->read_some(deadline_in(5s)).status, ReceivedStatus::Reset);
}

TEST(Connection, TlsHandshakeAgainstAPeerThatClosesIsClosed) {
  ConnectionPair pair(true);
  pair.server->shutdown_write();

  const HandshakeOutcome outcome = pair.client->handshake(deadline_in(5s));

  EXPECT_EQ(outcome.status, HandshakeResult::Closed) << outcome.detail;
}

TEST(Connection, TlsHandshakeAgainstASilentPeerTimesOut) {
  ConnectionPair pair(true);
  EXPECT_EQ(pair.client->handshake(deadline_in(50ms)).status, HandshakeResult::Timeout);
}

TEST(Connection, StalledReadingLeavesBytesInTheSocketUntilUnstalled) {
  ConnectionPair pair(false);
  ASSERT_TRUE(pair.server->write(bytes_of("waiting"), deadline_in(5s)).ok());

  pair.client->stall_reading(true);
  EXPECT_EQ(pair.client->read_some(deadline_in(30ms)).status, ReceivedStatus::Timeout);
  EXPECT_TRUE(wait_for_readable(pair.client->socket(), deadline_in(5s)));  // still queued in the kernel

  pair.client->stall_reading(false);
  EXPECT_EQ(read_plaintext(*pair.client, 7).data, bytes_of("waiting"));
}

// A ByteSink that counts what passes to the socket, to prove every TCP byte
// (handshake flights included) takes the outgoing route.
class CountingSink final : public ByteSink {
 public:
  explicit CountingSink(ByteSink& next) : next_(next) {}
  WriteOutcome write(ByteView bytes, Deadline deadline) override {
    bytes_ += bytes.size();
    return next_.write(bytes, deadline);
  }
  WriteOutcome flush(Deadline deadline) override { return next_.flush(deadline); }
  void shutdown_write() override { next_.shutdown_write(); }
  void reset() override { next_.reset(); }
  void set_nodelay(bool enabled) override { next_.set_nodelay(enabled); }
  std::size_t bytes() const { return bytes_; }

 private:
  ByteSink& next_;
  std::size_t bytes_ = 0;
};

TEST(Connection, HandshakeAndRecordsTakeTheOutgoingRoute) {
  ConnectionPair pair(true);
  CountingSink counter(pair.client->socket_sink());
  pair.client->route_outgoing(&counter);

  pair.handshake();
  const std::size_t handshake_bytes = counter.bytes();
  ASSERT_TRUE(pair.client->write(bytes_of("0123456789"), deadline_in(5s)).ok());
  ASSERT_EQ(read_plaintext(*pair.server, 10).data, bytes_of("0123456789"));

  EXPECT_GT(handshake_bytes, 0u);  // ClientHello and Finished
  // One TLS 1.3 record: 5-byte header, the plaintext, its type byte, a 16-byte tag.
  EXPECT_EQ(counter.bytes() - handshake_bytes, 5u + 10u + 1u + 16u);
}

}  // namespace
}  // namespace wsh::net
