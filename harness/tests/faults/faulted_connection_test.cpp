#include "faults/faulted_connection.hpp"

#include <future>

#include <gtest/gtest.h>

#include "faults/fault_registry.hpp"
#include "tls_test_support.hpp"

namespace wsh::faults {
namespace {

using namespace net::test;

// The scripted peer's side (client, with faults) and a plain Connection as
// the subject's side (server).
struct FaultedPair {
  std::mt19937_64 rng{2024};
  TcpPair tcp = make_tcp_pair();
  std::optional<FaultedConnection> peer;
  std::optional<net::Connection> subject;

  explicit FaultedPair(bool tls) {
    peer.emplace(net::Connection(std::move(tcp.client), tls ? std::optional(pki_client()) : std::nullopt), rng);
    subject.emplace(std::move(tcp.server), tls ? std::optional(pki_server()) : std::nullopt);
  }

  void handshake() {
    auto subject_side = std::async(std::launch::async, [this] { return subject->handshake(deadline_in(5s)); });
    const net::HandshakeOutcome at_peer = peer->connection().handshake(deadline_in(5s));
    const net::HandshakeOutcome at_subject = subject_side.get();
    ASSERT_TRUE(at_peer.ok()) << at_peer.detail;
    ASSERT_TRUE(at_subject.ok()) << at_subject.detail;
  }

  void inject_fault(std::string_view name, const FaultParams& params = {}) { inject(make_fault(name, params), *peer); }
};

net::Received read_all(net::Connection& connection, std::size_t count) {
  net::Received all{net::ReceivedStatus::Data, {}, false, {}};
  while (all.data.size() < count) {
    net::Received more = connection.read_some(deadline_in(5s));
    if (more.status != net::ReceivedStatus::Data) return more;
    all.data.insert(all.data.end(), more.data.begin(), more.data.end());
  }
  return all;
}

TEST(FaultedConnection, RstResetsTheConnection) {
  FaultedPair pair(false);
  pair.inject_fault("rst");
  EXPECT_EQ(pair.subject->read_some(deadline_in(5s)).status, net::ReceivedStatus::Reset);
}

TEST(FaultedConnection, FinHalfClosesAndThePeerCanStillRead) {
  FaultedPair pair(false);
  pair.inject_fault("fin");

  EXPECT_EQ(pair.subject->read_some(deadline_in(5s)).status, net::ReceivedStatus::Eof);
  ASSERT_TRUE(pair.subject->write(bytes_of("still here"), deadline_in(5s)).ok());
  EXPECT_EQ(read_all(pair.peer->connection(), 10).data, bytes_of("still here"));
}

// The peer and the proxy act on what a fault declares (FaultInfo::effects)
// rather than on its name, so a wrong declaration would misreport who ended
// TCP. Every registered fault, with its default parameters, is applied to a
// live connection and watched from the other end: a fault added to the
// registry is held to its declaration with no test of its own.
// A value for each parameter the fault requires: the least it allows.
FaultParams required_params(const FaultInfo& info) {
  FaultParams params;
  for (const ParamInfo& param : info.params) {
    if (param.default_value) continue;
    switch (param.type) {
      case ParamType::Integer: params[param.name] = param.min; break;
      case ParamType::String: params[param.name] = param.choices.empty() ? "x" : param.choices.front(); break;
      case ParamType::Bool: params[param.name] = false; break;
    }
  }
  return params;
}

TEST(FaultedConnection, EveryFaultDoesWhatItDeclares) {
  for (const FaultInfo& info : list_faults()) {
    SCOPED_TRACE(info.name);
    FaultedPair pair(false);
    pair.inject_fault(info.name, required_params(info));
    // ends_connection: the other end reads a reset at once, before anything is written.
    const net::Received first = pair.subject->read_some(deadline_in(200ms));
    EXPECT_EQ(first.status == net::ReceivedStatus::Reset, info.effects.ends_connection) << net::to_string(first.status);
    if (first.status == net::ReceivedStatus::Reset) continue;
    // swallows_bytes: what the peer writes, flushed, never arrives, nor does
    // any end of the stream; any other fault lets something through.
    (void)pair.peer->connection().write(bytes_of("hello"), deadline_in(1s));
    (void)pair.peer->outgoing().flush(deadline_in(1s));
    const net::Received next = pair.subject->read_some(deadline_in(500ms));
    EXPECT_EQ(next.status == net::ReceivedStatus::Timeout, info.effects.swallows_bytes) << net::to_string(next.status);
  }
}

TEST(FaultedConnection, StallAndUnstallSwitchReading) {
  FaultedPair pair(false);
  pair.inject_fault("stall");
  EXPECT_TRUE(pair.peer->connection().reading_stalled());
  pair.inject_fault("unstall");
  EXPECT_FALSE(pair.peer->connection().reading_stalled());
}

TEST(FaultedConnection, StreamFaultsActOnWhatThePeerWritesNext) {
  FaultedPair pair(false);
  ASSERT_TRUE(pair.peer->connection().write(bytes_of("abc"), deadline_in(5s)).ok());
  pair.inject_fault("corrupt", {{"offset", std::int64_t{1}}, {"xor", std::int64_t{0x20}}});

  ASSERT_TRUE(pair.peer->connection().write(bytes_of("def"), deadline_in(5s)).ok());

  EXPECT_EQ(pair.peer->outgoing().fault_count(), 1u);
  EXPECT_EQ(read_all(*pair.subject, 6).data, bytes_of("abcdEf"));
}

TEST(FaultedConnection, SurvivesAMoveWithItsFaults) {
  FaultedPair pair(false);
  pair.inject_fault("truncate", {{"after", std::int64_t{2}}, {"then", std::string("fin")}});
  FaultedConnection moved = std::move(*pair.peer);

  ASSERT_TRUE(moved.connection().write(bytes_of("xyz"), deadline_in(5s)).ok());

  EXPECT_EQ(read_all(*pair.subject, 2).data, bytes_of("xy"));
  EXPECT_EQ(pair.subject->read_some(deadline_in(5s)).status, net::ReceivedStatus::Eof);
}

TEST(FaultedConnectionTls, OneByteChopsOfTheHandshakeAndRecordsStillWork) {
  FaultedPair pair(true);
  pair.inject_fault("chop", {{"size", std::int64_t{1}}});
  pair.handshake();

  ASSERT_TRUE(pair.peer->connection().write(bytes_of("through the chopper"), deadline_in(5s)).ok());

  EXPECT_EQ(read_all(*pair.subject, 19).data, bytes_of("through the chopper"));
}

TEST(FaultedConnectionTls, CorruptedCiphertextFailsThePeersTls) {
  FaultedPair pair(true);
  pair.handshake();
  // Byte 10 of the next record: past the 5-byte header, inside the encrypted payload.
  pair.inject_fault("corrupt", {{"offset", std::int64_t{10}}});

  ASSERT_TRUE(pair.peer->connection().write(bytes_of("this record will not authenticate"), deadline_in(5s)).ok());
  const net::Received received = pair.subject->read_some(deadline_in(5s));

  EXPECT_EQ(received.status, net::ReceivedStatus::Error);
  EXPECT_NE(received.error.find("bad record mac"), std::string::npos) << received.error;
}

TEST(FaultedConnectionTls, TruncatedRecordThenFinIsATlsTruncation) {
  FaultedPair pair(true);
  pair.handshake();
  pair.inject_fault("truncate", {{"after", std::int64_t{8}}, {"then", std::string("fin")}});

  ASSERT_TRUE(pair.peer->connection().write(bytes_of("cut short"), deadline_in(5s)).ok());
  const net::Received received = pair.subject->read_some(deadline_in(5s));

  EXPECT_EQ(received.status, net::ReceivedStatus::Eof);
  EXPECT_TRUE(received.tls_truncated);
}

}  // namespace
}  // namespace wsh::faults
