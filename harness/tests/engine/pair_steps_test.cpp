// PairSteps over a real fault proxy between two loopback sockets that play
// the client and the server subject: what each step does to the proxy, and
// that a step that is not met fails with its reason. wait_event needs a
// launched subject and is covered by the pair cases of the catalogue.

#include "engine/pair_steps.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "net_test_support.hpp"
#include "wire/bytes.hpp"
#include "wire/close_payload.hpp"
#include "wire/frame_decoder.hpp"
#include "wire/frame_encoder.hpp"

namespace wsh::engine {
namespace {

using namespace net::test;
using Kind = proxy::RelayRecord::Kind;
using proxy::Flow;

const std::string kRequest = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n\r\n";
const std::string kResponse = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n";

net::Bytes read_exactly(net::TcpSocket& socket, std::size_t size) {
  net::Bytes got;
  std::array<std::uint8_t, 4096> buffer{};
  const auto deadline = deadline_in(5s);
  while (got.size() < size) {
    const auto outcome =
        socket.read_some(std::span(buffer).first(std::min(buffer.size(), size - got.size())), deadline);
    if (outcome.status != net::ReadStatus::Data) break;
    got.insert(got.end(), buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(outcome.n));
  }
  return got;
}

// Client socket -> proxy -> server socket, handshake heads relayed, relays running.
struct Rig {
  Rig() : proxy(proxy::ProxyOptions{}), steps(proxy, server_side, client_side, random) {
    server_listener = net::TcpListener::listen();
    client = net::TcpSocket::connect(net::Endpoint{"127.0.0.1", proxy.port()}, deadline_in(5s));
    proxy.connect(net::Endpoint{"127.0.0.1", server_listener.port()}, deadline_in(5s));
    server = server_listener.accept(deadline_in(5s));
    proxy.start(deadline_in(20s));
    EXPECT_TRUE(client.write_all(wire::to_bytes(kRequest), deadline_in(5s)).ok());
    EXPECT_EQ(read_exactly(server, kRequest.size()), wire::to_bytes(kRequest));
    EXPECT_TRUE(server.write_all(wire::to_bytes(kResponse), deadline_in(5s)).ok());
    EXPECT_EQ(read_exactly(client, kResponse.size()), wire::to_bytes(kResponse));
  }

  bool run(cases::Step step) {
    return steps.run(cases::LocatedStep{std::move(step), {"pair.toml", 7, 3}, "{ step }"}, deadline_in(10s));
  }
  std::string failure() const { return steps.failure().value_or(""); }

  // One frame as `socket` receives it, decoded.
  static wire::Frame read_frame(net::TcpSocket& socket, std::size_t size) {
    const auto bytes = read_exactly(socket, size);
    wire::FrameDecoder decoder(wire::DecoderConfig{wire::Role::Server, wire::kDefaultMaxPayload, false, true, true});
    std::vector<wire::Frame> frames;
    EXPECT_TRUE(decoder.feed(bytes, frames));
    EXPECT_EQ(frames.size(), 1u);
    return frames.empty() ? wire::Frame{} : frames.front();
  }

  std::mt19937_64 random{11};
  PairSubject server_side, client_side;
  proxy::FaultProxy proxy;
  PairSteps steps;
  net::TcpListener server_listener;
  net::TcpSocket client, server;
};

cases::WaitFrameStep wait_for(std::uint8_t opcode, cases::PairSide from, int within_ms = 2000) {
  cases::WaitFrameStep wait;
  wait.opcode = opcode;
  wait.from = from;
  wait.within = cases::Millis{within_ms};
  return wait;
}

TEST(PairSteps, SendInjectsAMaskedFrameTowardTheServerAndAPlainOneTowardTheClient) {
  Rig rig;
  cases::SendStep send;
  send.payload = wire::to_bytes("hi");
  send.to = cases::PairSide::Server;
  ASSERT_TRUE(rig.run(send)) << rig.failure();
  const auto to_server = Rig::read_frame(rig.server, 2 + 4 + 2);
  EXPECT_TRUE(to_server.masked);  // §5.3: the harness speaks as the client toward the server
  EXPECT_EQ(to_server.payload, wire::to_bytes("hi"));

  send.to = cases::PairSide::Client;
  send.repeat = 2;
  ASSERT_TRUE(rig.run(send)) << rig.failure();
  for (int i = 0; i < 2; ++i) {
    const auto to_client = Rig::read_frame(rig.client, 2 + 2);
    EXPECT_FALSE(to_client.masked);
    EXPECT_EQ(to_client.payload, wire::to_bytes("hi"));
  }
  const auto records = rig.proxy.records();
  EXPECT_EQ(std::count_if(records.begin(), records.end(),
                          [](const proxy::RelayRecord& r) { return r.by_harness && r.kind == Kind::Frame; }),
            3);
}

TEST(PairSteps, SendRawWritesTheBytesAsTheyAre) {
  Rig rig;
  const net::Bytes bytes = {0x89, 0x00};
  ASSERT_TRUE(rig.run(cases::SendRawStep{bytes, cases::PairSide::Client})) << rig.failure();
  EXPECT_EQ(read_exactly(rig.client, 2), bytes);
}

TEST(PairSteps, AFaultActsOnItsDirectionOnly) {
  Rig rig;
  cases::FaultStep rst;
  rst.name = "rst";
  rst.direction = cases::PairDirection::ToServer;
  ASSERT_TRUE(rig.run(rst)) << rig.failure();
  EXPECT_EQ(drain(rig.server, deadline_in(5s)).end, net::ReadStatus::Reset);
  // The client's leg is untouched: a frame toward it still arrives.
  ASSERT_TRUE(rig.run(cases::SendRawStep{{0x89, 0x00}, cases::PairSide::Client})) << rig.failure();
  EXPECT_EQ(read_exactly(rig.client, 2), (net::Bytes{0x89, 0x00}));
}

TEST(PairSteps, ABadFaultFailsTheStepWithTheRegistrysReason) {
  Rig rig;
  cases::FaultStep fault;
  fault.name = "chop";
  fault.params = {{"no_such_parameter", std::int64_t{1}}};
  fault.direction = cases::PairDirection::Both;
  EXPECT_FALSE(rig.run(fault));
  EXPECT_NE(rig.failure().find("pair.toml:7:3"), std::string::npos) << rig.failure();
  EXPECT_NE(rig.failure().find("no_such_parameter"), std::string::npos) << rig.failure();
  EXPECT_FALSE(rig.steps.timed_out());
}

TEST(PairSteps, WaitFrameMatchesEachSubjectFrameOnce) {
  Rig rig;
  const auto close = wire::encode_frame(wire::Opcode::Close, wire::build_close_payload(1000, ""));
  ASSERT_TRUE(rig.server.write_all(close, deadline_in(5s)).ok());
  EXPECT_TRUE(rig.run(wait_for(0x8, cases::PairSide::Server))) << rig.failure();
  // The same frame does not satisfy a second wait, nor one from the other subject.
  EXPECT_FALSE(rig.run(wait_for(0x8, cases::PairSide::Server, 200)));
  EXPECT_NE(rig.failure().find("expected a close frame from the server within 200 ms"), std::string::npos)
      << rig.failure();
  EXPECT_FALSE(rig.run(wait_for(0x8, cases::PairSide::Client, 200)));
  EXPECT_NE(rig.failure().find("got nothing"), std::string::npos) << rig.failure();
}

TEST(PairSteps, WaitFrameIgnoresFramesTheHarnessInjected) {
  Rig rig;
  cases::SendStep send;
  send.opcode = 0x9;
  send.to = cases::PairSide::Client;
  ASSERT_TRUE(rig.run(send)) << rig.failure();
  EXPECT_FALSE(rig.run(wait_for(0x9, cases::PairSide::Server, 200)));
}

TEST(PairSteps, ExpectTcpCloseTellsFinFromRst) {
  Rig rig;
  rig.client.shutdown_write();
  cases::ExpectTcpCloseStep expect;
  expect.from = cases::PairSide::Client;
  expect.kind = cases::TcpCloseKind::Fin;
  EXPECT_TRUE(rig.run(expect)) << rig.failure();
  expect.kind = cases::TcpCloseKind::Rst;
  EXPECT_FALSE(rig.run(expect));
  EXPECT_NE(rig.failure().find("expected TCP RST from the client; got FIN"), std::string::npos) << rig.failure();
  // The server did not end its connection.
  expect.from = cases::PairSide::Server;
  expect.kind = cases::TcpCloseKind::Any;
  expect.within = cases::Millis{200};
  EXPECT_FALSE(rig.run(expect));
  EXPECT_NE(rig.failure().find("it did not"), std::string::npos) << rig.failure();
}

TEST(PairSteps, ExpectTcpCloseWithoutASideWaitsForBoth) {
  Rig rig;
  rig.client.shutdown_write();
  cases::ExpectTcpCloseStep expect;
  expect.within = cases::Millis{300};
  EXPECT_FALSE(rig.run(expect));
  // The client ended its side; the server's is the one still open.
  EXPECT_NE(rig.failure().find("the server's side is still open"), std::string::npos) << rig.failure();
  rig.server.shutdown_write();
  expect.within = cases::Millis{2000};
  EXPECT_TRUE(rig.run(expect)) << rig.failure();
}

TEST(PairSteps, ExpectSilenceFailsOnASubjectFrame) {
  Rig rig;
  EXPECT_TRUE(rig.run(cases::ExpectSilenceStep{cases::Millis{100}})) << rig.failure();
  // The ping goes out inside the silence window: written before the step
  // starts, the proxy may record it before the step counts what it has.
  const auto ping = wire::encode_frame(wire::Opcode::Ping, {});
  std::thread late_ping([&] {
    std::this_thread::sleep_for(100ms);
    EXPECT_TRUE(rig.server.write_all(ping, deadline_in(5s)).ok());
  });
  EXPECT_FALSE(rig.run(cases::ExpectSilenceStep{cases::Millis{300}}));
  late_ping.join();
  EXPECT_NE(rig.failure().find("expected no frame from either subject for 300 ms; got 1"), std::string::npos)
      << rig.failure();
  EXPECT_EQ(rig.steps.waited(), cases::Millis{400});
}

TEST(PairSteps, AHandshakeStepHasNoPlaceInAPair) {
  Rig rig;
  EXPECT_FALSE(rig.run(cases::HandshakeStep{}));
  EXPECT_NE(rig.failure().find("no handshake step"), std::string::npos);
}

}  // namespace
}  // namespace wsh::engine
