// The fault proxy over loopback sockets: a plain TcpSocket plays each
// subject. Every wait has a deadline; nothing asserts on timing.

#include "proxy/fault_proxy.hpp"

#include <gtest/gtest.h>

#include "net_test_support.hpp"
#include "wire/bytes.hpp"
#include "wire/frame_encoder.hpp"

namespace wsh::proxy {
namespace {

using namespace net::test;
using Kind = RelayRecord::Kind;

const std::string kRequest = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n\r\n";
const std::string kResponse = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n";

// A proxy between two sockets that play the client and the server subject.
struct Rig {
  explicit Rig(bool decode = true) : proxy(options(decode)) {
    server_listener = net::TcpListener::listen();
    client = net::TcpSocket::connect(net::Endpoint{"127.0.0.1", proxy.port()}, deadline_in(5s));
    proxy.connect(net::Endpoint{"127.0.0.1", server_listener.port()}, deadline_in(5s));
    server = server_listener.accept(deadline_in(5s));
  }
  static ProxyOptions options(bool decode) {
    ProxyOptions options;
    options.decode = decode;
    options.seed = 7;
    return options;
  }
  // Both opening handshake heads, relayed and read.
  void handshake() {
    ASSERT_TRUE(client.write_all(wire::to_bytes(kRequest), deadline_in(5s)).ok());
    ASSERT_EQ(read_exactly(server, kRequest.size()), wire::to_bytes(kRequest));
    ASSERT_TRUE(server.write_all(wire::to_bytes(kResponse), deadline_in(5s)).ok());
    ASSERT_EQ(read_exactly(client, kResponse.size()), wire::to_bytes(kResponse));
  }
  static net::Bytes read_exactly(net::TcpSocket& socket, std::size_t size) {
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
  bool wait_for(Kind kind, Flow flow) {
    return proxy.wait(
        [&](const std::vector<RelayRecord>& records) {
          return std::any_of(records.begin(), records.end(),
                             [&](const RelayRecord& r) { return r.kind == kind && r.flow == flow; });
        },
        deadline_in(5s));
  }

  FaultProxy proxy;
  net::TcpListener server_listener;
  net::TcpSocket client, server;
};

TEST(FaultProxy, RelaysBothDirectionsAndDecodesTheirFrames) {
  Rig rig;
  rig.proxy.start(deadline_in(10s));
  rig.handshake();
  net::Bytes masked;
  wire::EncodeOptions options;
  options.mask = wire::MaskKey{1, 2, 3, 4};
  wire::append_frame(masked, wire::Opcode::Text, wire::to_bytes("ping?"), options);
  ASSERT_TRUE(rig.client.write_all(masked, deadline_in(5s)).ok());
  EXPECT_EQ(Rig::read_exactly(rig.server, masked.size()), masked);
  const auto plain = wire::encode_frame(wire::Opcode::Text, wire::to_bytes("pong!"));
  ASSERT_TRUE(rig.server.write_all(plain, deadline_in(5s)).ok());
  EXPECT_EQ(Rig::read_exactly(rig.client, plain.size()), plain);

  ASSERT_TRUE(rig.wait_for(Kind::Frame, Flow::ToClient));
  std::vector<std::string> frames;
  for (const auto& record : rig.proxy.records())
    if (record.kind == Kind::Frame)
      frames.push_back(std::string(flow_name(record.flow)) + ":" +
                       std::string(record.frame->payload.begin(), record.frame->payload.end()));
  EXPECT_EQ(frames, (std::vector<std::string>{"to_server:ping?", "to_client:pong!"}));
}

TEST(FaultProxy, ForwardsFinAsFin) {
  Rig rig;
  rig.proxy.start(deadline_in(10s));
  rig.client.shutdown_write();
  EXPECT_EQ(drain(rig.server, deadline_in(5s)).end, net::ReadStatus::Eof);
  ASSERT_TRUE(rig.wait_for(Kind::Fin, Flow::ToServer));
  // Half-closed: the other direction still flows.
  ASSERT_TRUE(rig.server.write_all(wire::to_bytes("after"), deadline_in(5s)).ok());
  EXPECT_EQ(Rig::read_exactly(rig.client, 5), wire::to_bytes("after"));
}

TEST(FaultProxy, ForwardsRstAsRst) {
  Rig rig;
  rig.proxy.start(deadline_in(10s));
  rig.server.reset();
  EXPECT_EQ(drain(rig.client, deadline_in(5s)).end, net::ReadStatus::Reset);
  ASSERT_TRUE(rig.wait_for(Kind::Rst, Flow::ToClient));
}

TEST(FaultProxy, AppliesAStreamFaultToOneDirectionOnly) {
  Rig rig;
  rig.proxy.apply_fault(Flow::ToClient, "truncate", {{"after", std::int64_t{2}}, {"then", std::string("fin")}},
                        deadline_in(5s));
  rig.proxy.start(deadline_in(10s));
  ASSERT_TRUE(rig.server.write_all(wire::to_bytes("abcde"), deadline_in(5s)).ok());
  const auto to_client = drain(rig.client, deadline_in(5s));
  EXPECT_EQ(to_client.bytes, wire::to_bytes("ab"));
  EXPECT_EQ(to_client.end, net::ReadStatus::Eof);
  ASSERT_TRUE(rig.client.write_all(wire::to_bytes("vwxyz"), deadline_in(5s)).ok());
  EXPECT_EQ(Rig::read_exactly(rig.server, 5), wire::to_bytes("vwxyz"));
}

TEST(FaultProxy, ResetsTowardOneSubjectOnRequest) {
  Rig rig;
  rig.proxy.start(deadline_in(10s));
  rig.proxy.apply_fault(Flow::ToServer, "rst", {}, deadline_in(5s));
  EXPECT_EQ(drain(rig.server, deadline_in(5s)).end, net::ReadStatus::Reset);
  const auto records = rig.proxy.records();
  EXPECT_TRUE(std::any_of(records.begin(), records.end(), [](const RelayRecord& r) {
    return r.kind == Kind::Rst && r.flow == Flow::ToServer && r.by_harness;
  }));
}

TEST(FaultProxy, AnswersBytesForAGoneLegWithRst) {
  Rig rig;
  rig.proxy.start(deadline_in(10s));
  rig.proxy.apply_fault(Flow::ToClient, "rst", {}, deadline_in(5s));
  ASSERT_TRUE(rig.server.write_all(wire::to_bytes("late"), deadline_in(5s)).ok());
  EXPECT_EQ(drain(rig.server, deadline_in(5s)).end, net::ReadStatus::Reset);
}

TEST(FaultProxy, InjectsAMaskedFrameTowardTheServerBetweenFrames) {
  Rig rig;
  rig.proxy.start(deadline_in(10s));
  rig.handshake();
  wire::EncodeOptions options;
  options.mask = wire::MaskKey{9, 9, 9, 9};
  const auto frame = wire::encode_frame(wire::Opcode::Text, wire::to_bytes("/quit"), options);
  std::string why;
  ASSERT_TRUE(rig.proxy.inject(Flow::ToServer, frame, std::nullopt, deadline_in(5s), why)) << why;
  EXPECT_EQ(Rig::read_exactly(rig.server, frame.size()), frame);
  const auto records = rig.proxy.records();
  EXPECT_TRUE(std::any_of(records.begin(), records.end(),
                          [](const RelayRecord& r) { return r.flow == Flow::ToServer && r.by_harness; }));
}

TEST(FaultProxy, RelaysBlindAndRefusesToInjectWithoutDecoding) {
  Rig rig(false);
  rig.proxy.start(deadline_in(10s));
  ASSERT_TRUE(rig.client.write_all(wire::to_bytes("\x16\x03\x01opaque"), deadline_in(5s)).ok());
  EXPECT_EQ(Rig::read_exactly(rig.server, 9), wire::to_bytes("\x16\x03\x01opaque"));
  std::string why;
  EXPECT_FALSE(rig.proxy.inject(Flow::ToServer, wire::to_bytes("x"), std::nullopt, deadline_in(1s), why));
  EXPECT_NE(why.find("blind"), std::string::npos);
  for (const auto& record : rig.proxy.records()) EXPECT_NE(record.kind, Kind::Frame);
}

}  // namespace
}  // namespace wsh::proxy
