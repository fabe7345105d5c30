// The Connection state machine over a socketpair: a raw peer on one end
// speaks frames byte by byte, the subject's read() runs on a second thread.
// Every wait is bounded; the close timeout is short so the tests stay quick.

#include "connection.hpp"

#include <gtest/gtest.h>

#include <future>

#include "raw_peer.hpp"
#include "wire/close_payload.hpp"

namespace wsh::subject::faulty {
namespace {

using std::chrono::milliseconds;
using testing::PeerSaw;
using testing::RawPeer;

constexpr milliseconds kCloseTimeout{300};
constexpr milliseconds kWithin{2000};

std::string close_body(std::optional<wire::CloseCode> code, std::string_view reason = {}) {
  const auto bytes = wire::build_close_payload(code, reason);
  return {bytes.begin(), bytes.end()};
}

std::optional<wire::CloseCode> code_of(const wire::Frame& frame) {
  return wire::parse_close_payload(frame.payload).payload.code;
}

class ConnectionTest : public ::testing::Test {
 protected:
  // The subject in `role`; the peer is the other role.
  void start(wire::Role role, BugSet bugs = {}, milliseconds ping_interval = milliseconds(0)) {
    const auto pair = testing::make_socket_pair();
    ConnectionConfig config;
    config.role = role;
    config.close_timeout = kCloseTimeout;
    config.read_timeout = milliseconds(5000);
    config.ping_interval = ping_interval;
    config.bugs = bugs;
    config.name = "test";
    subject_ = std::make_unique<Connection>(std::make_unique<Transport>(net::TcpSocket(pair.subject_fd)), config);
    peer_ = std::make_unique<RawPeer>(pair.peer_fd, wire::peer_of(role));
  }

  // read() on its own thread, as the handler would call it.
  std::future<ReadResult> read_async(std::string* message = nullptr) {
    return std::async(std::launch::async, [this, message] {
      std::string ignored;
      return subject_->read(message ? *message : ignored);
    });
  }

  static ReadResult get(std::future<ReadResult>& result) {
    if (result.wait_for(kWithin) != std::future_status::ready) {
      ADD_FAILURE() << "read() did not return in time";
      std::abort();  // the thread still uses the connection: no way to continue safely
    }
    return result.get();
  }

  wire::Frame expect_frame(wire::Opcode opcode) {
    wire::Frame frame;
    EXPECT_EQ(peer_->next(frame, kWithin), PeerSaw::Frame);
    EXPECT_EQ(frame.opcode, wire::to_raw(opcode));
    return frame;
  }

  // The subject fails the connection: a close frame with `code`, then TCP closed.
  void expect_failed_with(wire::CloseCode code) {
    auto read = read_async();
    const auto close = expect_frame(wire::Opcode::Close);
    EXPECT_EQ(code_of(close), std::optional<wire::CloseCode>(code));
    EXPECT_TRUE(peer_->eof_within(kWithin));
    peer_->close();
    EXPECT_EQ(get(read), ReadResult::Fail);
  }

  std::unique_ptr<Connection> subject_;
  std::unique_ptr<RawPeer> peer_;
};

TEST_F(ConnectionTest, ServerEchoesTheCodeOfAPeersCloseThenClosesTcpFirst) {
  start(wire::Role::Server);
  peer_->send_frame(wire::Opcode::Close, close_body(4001, "bye"));
  auto read = read_async();
  const auto reply = expect_frame(wire::Opcode::Close);
  EXPECT_EQ(code_of(reply), std::optional<wire::CloseCode>(4001));
  EXPECT_FALSE(reply.masked);
  // §7.1.1: the server closes TCP without waiting for the client.
  EXPECT_TRUE(peer_->eof_within(kWithin));
  peer_->close();
  EXPECT_EQ(get(read), ReadResult::Fail);
  std::string message;
  EXPECT_EQ(subject_->read(message), ReadResult::Fail) << "Fail again on every later call";
}

TEST_F(ConnectionTest, EmptyCloseIsAnsweredWithAnEmptyClose) {
  start(wire::Role::Server);
  peer_->send_frame(wire::Opcode::Close, "");
  auto read = read_async();
  EXPECT_TRUE(expect_frame(wire::Opcode::Close).payload.empty());
  peer_->close();
  EXPECT_EQ(get(read), ReadResult::Fail);
}

TEST_F(ConnectionTest, ClientWaitsForTheServerToCloseTcpFirst) {
  start(wire::Role::Client);
  peer_->send_frame(wire::Opcode::Close, close_body(1000));
  auto read = read_async();
  const auto reply = expect_frame(wire::Opcode::Close);
  EXPECT_TRUE(reply.masked) << "§5.1: a client masks every frame";
  EXPECT_FALSE(peer_->eof_within(milliseconds(100))) << "the client must leave closing TCP to the server";
  peer_->close();
  EXPECT_EQ(get(read), ReadResult::Fail);
}

TEST_F(ConnectionTest, ClientClosesTcpItselfWhenTheServerNeverDoes) {
  start(wire::Role::Client);
  peer_->send_frame(wire::Opcode::Close, close_body(1000));
  auto read = read_async();
  expect_frame(wire::Opcode::Close);
  EXPECT_TRUE(peer_->eof_within(kWithin));
  EXPECT_EQ(get(read), ReadResult::Fail);
}

class InvalidCloseCode : public ConnectionTest, public ::testing::WithParamInterface<wire::CloseCode> {};

TEST_P(InvalidCloseCode, FailsTheConnectionWith1002) {
  start(wire::Role::Server);
  peer_->send_frame(wire::Opcode::Close, close_body(GetParam()));
  expect_failed_with(wire::close_code::kProtocolError);
}

INSTANTIATE_TEST_SUITE_P(Section7_4, InvalidCloseCode,
                         ::testing::Values(0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535));

TEST_F(ConnectionTest, OneByteClosePayloadFailsWith1002) {
  start(wire::Role::Server);
  peer_->send_frame(wire::Opcode::Close, "\x03");
  expect_failed_with(wire::close_code::kProtocolError);
}

TEST_F(ConnectionTest, InvalidUtf8CloseReasonFailsWith1007) {
  start(wire::Role::Server);
  peer_->send_frame(wire::Opcode::Close, close_body(1000, "\xCE\xBA\xFF"));
  expect_failed_with(wire::close_code::kInvalidPayloadData);
}

TEST_F(ConnectionTest, InvalidUtf8TextFailsWith1007OnTheFirstBadFragment) {
  start(wire::Role::Server);
  wire::EncodeOptions first_fragment;
  first_fragment.fin = false;
  // The message is never finished: the failure must not wait for its end.
  peer_->send_frame(wire::Opcode::Text, "ok\xFF", first_fragment);
  expect_failed_with(wire::close_code::kInvalidPayloadData);
}

TEST_F(ConnectionTest, MessageOver16MiBFailsWith1009) {
  start(wire::Role::Server);
  wire::EncodeOptions announce_too_much;
  announce_too_much.declared_length = kMaxMessageBytes + 1;
  peer_->send_frame(wire::Opcode::Binary, "", announce_too_much);
  expect_failed_with(wire::close_code::kMessageTooBig);
}

TEST_F(ConnectionTest, RsvBitsFailWith1002) {
  start(wire::Role::Server);
  wire::EncodeOptions rsv;
  rsv.rsv = wire::kRsv1;
  peer_->send_frame(wire::Opcode::Text, "x", rsv);
  expect_failed_with(wire::close_code::kProtocolError);
}

TEST_F(ConnectionTest, UnmaskedClientFrameFailsWith1002) {
  start(wire::Role::Server);
  const auto unmasked = wire::encode_frame(wire::Opcode::Text, wire::to_bytes("x"));
  peer_->send_bytes(unmasked);
  expect_failed_with(wire::close_code::kProtocolError);
}

TEST_F(ConnectionTest, MaskedServerFrameFailsTheClientWith1002) {
  start(wire::Role::Client);
  wire::EncodeOptions masked;
  masked.mask = wire::MaskKey{1, 2, 3, 4};
  peer_->send_frame(wire::Opcode::Text, "x", masked);
  expect_failed_with(wire::close_code::kProtocolError);
}

TEST_F(ConnectionTest, DeliversAMessageThatPrecedesTheCloseFrame) {
  start(wire::Role::Server);
  peer_->send_frame(wire::Opcode::Text, "last words");
  peer_->send_frame(wire::Opcode::Close, close_body(1000));
  std::string message;
  EXPECT_EQ(subject_->read(message), ReadResult::Text);
  EXPECT_EQ(message, "last words");
  EXPECT_TRUE(subject_->send_text(message)) << "the echo still goes out before the close reply";
  auto read = read_async();
  expect_frame(wire::Opcode::Text);
  expect_frame(wire::Opcode::Close);
  peer_->close();
  EXPECT_EQ(get(read), ReadResult::Fail);
}

TEST_F(ConnectionTest, AnswersPingWithPongCarryingTheSamePayload) {
  start(wire::Role::Server);
  peer_->send_frame(wire::Opcode::Ping, "are you there");
  peer_->send_frame(wire::Opcode::Text, "after ping");
  std::string message;
  EXPECT_EQ(subject_->read(message), ReadResult::Text);
  const auto pong = expect_frame(wire::Opcode::Pong);
  EXPECT_EQ(wire::as_chars(pong.payload), "are you there");
}

TEST_F(ConnectionTest, Close1005SendsACloseFrameWithoutStatusCode) {
  start(wire::Role::Server);
  subject_->close(1005, "x");
  EXPECT_TRUE(expect_frame(wire::Opcode::Close).payload.empty());
}

TEST_F(ConnectionTest, OwnCloseWaitsForThePeersCloseThenClosesTcp) {
  start(wire::Role::Server);
  subject_->close(1000, "bye");
  auto read = read_async();
  EXPECT_EQ(code_of(expect_frame(wire::Opcode::Close)), std::optional<wire::CloseCode>(1000));
  peer_->send_frame(wire::Opcode::Close, close_body(1000));
  EXPECT_TRUE(peer_->eof_within(kWithin));
  peer_->close();
  EXPECT_EQ(get(read), ReadResult::Fail);
}

TEST_F(ConnectionTest, OwnCloseGivesUpAfterTheCloseTimeout) {
  start(wire::Role::Server);
  subject_->close(1000, "bye");
  auto read = read_async();
  expect_frame(wire::Opcode::Close);
  // The peer never answers: TCP is closed once the close timeout passed.
  EXPECT_TRUE(peer_->eof_within(kWithin));
  EXPECT_EQ(get(read), ReadResult::Fail);
}

TEST_F(ConnectionTest, NoDataFramesAfterTheCloseFrame) {
  start(wire::Role::Server);
  subject_->close(1000, "");
  EXPECT_FALSE(subject_->send_text("too late"));
  EXPECT_FALSE(subject_->send_binary("too late"));
}

TEST_F(ConnectionTest, EndOfStreamWithoutCloseFailsTheRead) {
  start(wire::Role::Server);
  peer_->close();
  std::string message;
  EXPECT_EQ(subject_->read(message), ReadResult::Fail);
}

TEST_F(ConnectionTest, MissedPongFailsTheConnectionWith1011) {
  start(wire::Role::Server, {}, milliseconds(100));
  auto read = read_async();
  expect_frame(wire::Opcode::Ping);  // and no pong is sent back
  const auto close = expect_frame(wire::Opcode::Close);
  EXPECT_EQ(code_of(close), std::optional<wire::CloseCode>(wire::close_code::kInternalError));
  EXPECT_TRUE(peer_->eof_within(kWithin));
  peer_->close();
  EXPECT_EQ(get(read), ReadResult::Fail);
}

TEST_F(ConnectionTest, LeavingWhileOpenClosesWith1000) {
  start(wire::Role::Server);
  auto destroyed = std::async(std::launch::async, [this] { subject_.reset(); });
  EXPECT_EQ(code_of(expect_frame(wire::Opcode::Close)), std::optional<wire::CloseCode>(1000));
  peer_->send_frame(wire::Opcode::Close, close_body(1000));
  EXPECT_TRUE(peer_->eof_within(kWithin));
  EXPECT_EQ(destroyed.wait_for(kWithin), std::future_status::ready);
}

// ---- bug switches ------------------------------------------------------------

BugSet with(Bug bug) {
  BugSet bugs;
  bugs.add(bug);
  return bugs;
}

TEST_F(ConnectionTest, EchoInvalidCodeBugEchoesTheReservedCode) {
  start(wire::Role::Server, with(Bug::EchoInvalidCode));
  peer_->send_frame(wire::Opcode::Close, close_body(1005));
  auto read = read_async();
  EXPECT_EQ(code_of(expect_frame(wire::Opcode::Close)), std::optional<wire::CloseCode>(1005));
  peer_->close();
  EXPECT_EQ(get(read), ReadResult::Fail);
}

TEST_F(ConnectionTest, Send1005BugPuts1005OnTheWire) {
  start(wire::Role::Server, with(Bug::Send1005));
  subject_->close(1005, "x");
  EXPECT_EQ(code_of(expect_frame(wire::Opcode::Close)), std::optional<wire::CloseCode>(1005));
}

TEST_F(ConnectionTest, MaskServerFramesBugMasksAsAServer) {
  start(wire::Role::Server, with(Bug::MaskServerFrames));
  subject_->send_text("masked");
  wire::Frame frame;
  EXPECT_EQ(peer_->next(frame, kWithin), PeerSaw::DecodeError) << "a client must reject a masked frame (§5.1)";
}

TEST_F(ConnectionTest, NeverAnswerCloseBugSendsNoReply) {
  start(wire::Role::Server, with(Bug::NeverAnswerClose));
  peer_->send_frame(wire::Opcode::Close, close_body(1000));
  auto read = read_async();
  wire::Frame frame;
  EXPECT_EQ(peer_->next(frame, milliseconds(200)), PeerSaw::Timeout);
  peer_->close();
  EXPECT_EQ(get(read), ReadResult::Fail);
}

TEST_F(ConnectionTest, BadClosePayloadBugSendsAOneByteBody) {
  start(wire::Role::Server, with(Bug::BadClosePayload));
  subject_->close(1000, "bye");
  EXPECT_EQ(expect_frame(wire::Opcode::Close).payload.size(), 1u);
}

TEST_F(ConnectionTest, OversizePongBugAnswersWithA126BytePong) {
  start(wire::Role::Server, with(Bug::OversizePong));
  peer_->send_frame(wire::Opcode::Ping, "ping");
  peer_->send_frame(wire::Opcode::Text, "after ping");
  std::string message;
  EXPECT_EQ(subject_->read(message), ReadResult::Text);
  wire::Frame frame;
  EXPECT_EQ(peer_->next(frame, kWithin), PeerSaw::DecodeError) << "control frames MUST have 125 bytes or less (§5.5)";
}

TEST_F(ConnectionTest, DataAfterCloseBugSendsTextAfterItsClose) {
  start(wire::Role::Server, with(Bug::DataAfterClose));
  subject_->close(1000, "");
  expect_frame(wire::Opcode::Close);
  expect_frame(wire::Opcode::Text);
}

TEST_F(ConnectionTest, DropInsteadOfCloseBugFailsWithoutACloseFrame) {
  start(wire::Role::Server, with(Bug::DropInsteadOfClose));
  peer_->send_frame(wire::Opcode::Close, close_body(1005));
  auto read = read_async();
  wire::Frame frame;
  EXPECT_EQ(peer_->next(frame, kWithin), PeerSaw::Eof);
  peer_->close();
  EXPECT_EQ(get(read), ReadResult::Fail);
}

TEST_F(ConnectionTest, LoseMessageBugDropsTheSecondDataFrameButReportsItSent) {
  start(wire::Role::Server, with(Bug::LoseMessage));
  EXPECT_TRUE(subject_->send_text("one"));
  EXPECT_TRUE(subject_->send_text("two"));
  EXPECT_TRUE(subject_->send_text("three"));
  EXPECT_EQ(wire::as_chars(expect_frame(wire::Opcode::Text).payload), "one");
  EXPECT_EQ(wire::as_chars(expect_frame(wire::Opcode::Text).payload), "three");
}

}  // namespace
}  // namespace wsh::subject::faulty
