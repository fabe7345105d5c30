// Every subject built here, started as a server with three clients connected:
// /shutdown from one of them must reach all three (RFC 6455 §7.4.1, 1001
// "going away"; PROTOCOL.md: close(1001, "server shutting down") on every open
// connection, then exit 0). The events must be exactly the protocol's: three
// open, three read fail, three cleanup, one per connection, and exit code 0.
// The clients are hand-written (wire codec over a plain socket), so this
// checks the subjects, not the harness's engine. Every wait has a deadline.

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "launch/subject.hpp"
#include "net/tcp_socket.hpp"
#include "wire/close_payload.hpp"
#include "wire/frame_decoder.hpp"
#include "wire/frame_encoder.hpp"
#include "wire/handshake.hpp"
#include "wire/handshake_key.hpp"
#include "wire/http_message.hpp"

namespace wsh {
namespace {

using namespace std::chrono_literals;
using launch::Clock;
using launch::EventKind;

constexpr auto kDeadline = 10s;
constexpr int kClients = 3;

// A WebSocket client that speaks just enough for this test.
class RawClient {
 public:
  explicit RawClient(std::uint16_t port)
      : port_(port), socket_(net::TcpSocket::connect(net::Endpoint{"127.0.0.1", port}, Clock::now() + kDeadline)) {}

  std::string conn() const { return std::to_string(socket_.local_port()); }

  bool handshake(std::uint64_t seed) {
    wire::ClientRequestSpec spec;
    spec.host = "127.0.0.1:" + std::to_string(port_);
    spec.key = wire::make_client_key(seed);
    const auto request = wire::build_client_request(spec);
    if (!write({reinterpret_cast<const std::uint8_t*>(request.data()), request.size()})) return false;
    std::string head;
    const auto deadline = Clock::now() + kDeadline;
    while (!wire::find_header_end(head)) {
      const auto bytes = read_some(deadline);
      if (bytes.empty()) return false;
      head.append(bytes.begin(), bytes.end());
    }
    const auto end = *wire::find_header_end(head);
    const std::string rest = head.substr(end);
    decoder_.feed({reinterpret_cast<const std::uint8_t*>(rest.data()), rest.size()}, frames_);
    const auto response = wire::parse_response(head.substr(0, end));
    const auto* parsed = std::get_if<wire::HttpResponse>(&response);
    return parsed && !wire::validate_server_response(*parsed, spec.key);
  }

  // A masked frame (RFC 6455 §5.3: a client MUST mask).
  bool send(wire::Opcode opcode, std::string_view payload) {
    wire::EncodeOptions options;
    options.mask = wire::MaskKey{0x12, 0x34, 0x56, 0x78};
    return write(
        wire::encode_frame(opcode, {reinterpret_cast<const std::uint8_t*>(payload.data()), payload.size()}, options));
  }

  // The next frame from the server, or nullopt when TCP ended or time ran out.
  std::optional<wire::Frame> next_frame() {
    const auto deadline = Clock::now() + kDeadline;
    while (frames_.empty()) {
      const auto bytes = read_some(deadline);
      if (bytes.empty() || !decoder_.feed(bytes, frames_)) return std::nullopt;
    }
    auto frame = frames_.front();
    frames_.erase(frames_.begin());
    return frame;
  }

  // True when the server closes TCP (FIN) before the deadline.
  bool sees_eof() {
    const auto deadline = Clock::now() + kDeadline;
    std::array<std::uint8_t, 256> buffer{};
    for (;;) {
      const auto read = socket_.read_some(buffer, deadline);
      if (read.status == net::ReadStatus::Eof) return true;
      if (read.status != net::ReadStatus::Data) return false;
    }
  }

 private:
  bool write(std::span<const std::uint8_t> bytes) {
    return socket_.write_all(bytes, Clock::now() + kDeadline).status == net::WriteStatus::Ok;
  }
  std::vector<std::uint8_t> read_some(Clock::time_point deadline) {
    std::array<std::uint8_t, 4096> buffer{};
    const auto read = socket_.read_some(buffer, deadline);
    if (read.status != net::ReadStatus::Data) return {};
    return {buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(read.n)};
  }

  std::uint16_t port_;
  net::TcpSocket socket_;
  wire::FrameDecoder decoder_{wire::DecoderConfig{wire::Role::Client, 1 << 20}};
  std::vector<wire::Frame> frames_;
};

struct SubjectUnderTest {
  const char* name;
  const char* path;
};

// gtest prints a parameter with PrintTo; without it ctest shows raw bytes.
void PrintTo(const SubjectUnderTest& subject, std::ostream* out) { *out << subject.name; }

class GracefulShutdown : public ::testing::TestWithParam<SubjectUnderTest> {};

TEST_P(GracefulShutdown, ThreeClientsEachGetClose1001AndTheEventsAreExactlyThreeOfEach) {
  launch::LaunchSpec spec;
  spec.argv = {GetParam().path, "server", "--port", "0"};
  auto subject = launch::Subject::start(spec);
  const auto ready = subject->await_ready(Clock::now() + kDeadline);
  ASSERT_TRUE(ready.ok()) << ready.message();

  std::vector<std::unique_ptr<RawClient>> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.push_back(std::make_unique<RawClient>(ready.event().port));
    ASSERT_TRUE(clients.back()->handshake(static_cast<std::uint64_t>(i) + 1)) << "client " << i;
    // Each connection's open before the next: the shutdown must find all three.
    ASSERT_TRUE(subject->wait_for_event(EventKind::Open, clients.back()->conn(), Clock::now() + kDeadline).ok());
  }

  ASSERT_TRUE(clients.front()->send(wire::Opcode::Text, "/shutdown"));
  for (int i = 0; i < kClients; ++i) {
    auto& client = *clients[static_cast<std::size_t>(i)];
    const auto close = client.next_frame();
    ASSERT_TRUE(close.has_value()) << "client " << i << " got no frame";
    EXPECT_EQ(close->opcode, static_cast<std::uint8_t>(wire::Opcode::Close)) << "client " << i;
    const auto parsed = wire::parse_close_payload(close->payload);
    EXPECT_EQ(parsed.payload.code, std::optional<wire::CloseCode>(1001)) << "client " << i;
    EXPECT_EQ(parsed.payload.reason, "server shutting down") << "client " << i;
    // §5.5.1: answer the close; §7.1.1: the server then closes TCP first.
    ASSERT_TRUE(client.send(wire::Opcode::Close, std::string("\x03\xe9", 2)));
    EXPECT_TRUE(client.sees_eof()) << "client " << i;
  }

  const auto status = subject->wait_for_exit(Clock::now() + kDeadline);
  ASSERT_TRUE(status.is_exited()) << status.describe();
  EXPECT_EQ(status.exit_code(), 0);
  subject->stop(1s);  // reaps it and reads its output to the end

  // Per connection: open, read(text) for /shutdown on the first, close_called
  // 1001, read fail once, cleanup once; nothing for any other connection.
  std::map<std::string, std::vector<std::string>> seen;
  for (const auto& event : subject->events()) {
    if (event.conn.empty()) continue;
    std::string what(launch::to_string(event.kind));
    if (event.kind == EventKind::Read) what += ":" + std::string(launch::to_string(event.read_result));
    if (event.kind == EventKind::CloseCalled) what += ":" + std::to_string(event.close_code);
    seen[event.conn].push_back(what);
  }
  ASSERT_EQ(seen.size(), static_cast<std::size_t>(kClients));
  for (int i = 0; i < kClients; ++i) {
    const auto& events = seen[clients[static_cast<std::size_t>(i)]->conn()];
    std::vector<std::string> expected = {"open"};
    if (i == 0) expected.push_back("read:text");
    expected.insert(expected.end(), {"close_called:1001", "read:fail", "cleanup"});
    EXPECT_EQ(events, expected) << "client " << i;
  }
  EXPECT_TRUE(subject->protocol_violations().empty());
}

const SubjectUnderTest kSubjects[] = {
    {"beast", WSH_TEST_BEAST_PATH},
    {"faulty", WSH_TEST_FAULTY_PATH},
#ifdef WSH_TEST_HTTPLIB_PATH
    {"httplib", WSH_TEST_HTTPLIB_PATH},
#endif
};

std::string subject_name(const ::testing::TestParamInfo<SubjectUnderTest>& param_info) { return param_info.param.name; }

INSTANTIATE_TEST_SUITE_P(Subjects, GracefulShutdown, ::testing::ValuesIn(kSubjects), subject_name);

}  // namespace
}  // namespace wsh
