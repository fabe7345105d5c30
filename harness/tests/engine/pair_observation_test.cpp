// One transcript of the proxy, two views: each subject's frames, and how its
// own TCP connection ended.

#include "engine/pair_observation.hpp"

#include <gtest/gtest.h>

#include "wire/close_payload.hpp"

namespace wsh::engine {
namespace {

using proxy::Flow;
using Kind = proxy::RelayRecord::Kind;

proxy::RelayRecord record(Flow flow, Kind kind, bool by_harness, std::uint8_t opcode = 0,
                          std::vector<std::uint8_t> payload = {}) {
  proxy::RelayRecord r;
  r.flow = flow;
  r.kind = kind;
  r.by_harness = by_harness;
  if (kind == Kind::Frame) {
    wire::Frame frame;
    frame.opcode = opcode;
    frame.payload = std::move(payload);
    r.frame = frame;
  }
  return r;
}

std::vector<proxy::RelayRecord> client_closes_then_server_drops() {
  return {
      [] {
        auto head = record(Flow::ToClient, Kind::HttpHead, false);
        head.text = "HTTP/1.1 101 Switching Protocols\r\n\r\n";
        return head;
      }(),
      record(Flow::ToClient, Kind::Frame, true, 0x1, {'/', 'q'}),  // injected toward the client
      record(Flow::ToServer, Kind::Frame, false, 0x8, wire::build_close_payload(1000, "")),  // the client's close
      record(Flow::ToClient, Kind::Frame, false, 0x8, wire::build_close_payload(1000, "")),  // the server's reply
      record(Flow::ToClient, Kind::Fin, false),                                              // the server closes TCP
      record(Flow::ToServer, Kind::Fin, false),                                              // then the client
  };
}

TEST(PairObservation, TheServerSeesItsOwnFramesAndClosesFirst) {
  oracles::Observation server;
  observe_pair_side(client_closes_then_server_drops(), cases::PairSide::Server, true, server);
  EXPECT_TRUE(server.subject_is_server);
  EXPECT_TRUE(server.handshake_ok);
  ASSERT_EQ(server.frames_from_subject.size(), 1u);  // the injected frame is not the server's
  ASSERT_TRUE(server.subject_close.has_value());
  EXPECT_TRUE(server.peer_sent_close_first);
  EXPECT_EQ(server.tcp_end, oracles::TcpEnd::SubjectFin);
}

TEST(PairObservation, TheClientSeesTheServersFinAsThePeers) {
  oracles::Observation client;
  observe_pair_side(client_closes_then_server_drops(), cases::PairSide::Client, true, client);
  EXPECT_FALSE(client.subject_is_server);
  ASSERT_EQ(client.frames_from_subject.size(), 1u);
  EXPECT_FALSE(client.peer_sent_close_first);
  EXPECT_EQ(client.tcp_end, oracles::TcpEnd::PeerClosed);
}

TEST(PairObservation, AHarnessResetOfTheOtherLegDoesNotEndThisOne) {
  oracles::Observation server;
  observe_pair_side({record(Flow::ToClient, Kind::Rst, true)}, cases::PairSide::Server, true, server);
  EXPECT_EQ(server.tcp_end, oracles::TcpEnd::StillOpen);
  oracles::Observation client;
  observe_pair_side({record(Flow::ToClient, Kind::Rst, true)}, cases::PairSide::Client, true, client);
  EXPECT_EQ(client.tcp_end, oracles::TcpEnd::PeerReset);
}

}  // namespace
}  // namespace wsh::engine
