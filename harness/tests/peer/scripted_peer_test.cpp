// The scripted peer's TCP duties after the closing handshake (§7.1.1): as the
// server it closes TCP as soon as the handshake is complete; as the client it
// closes its side only once the server has closed (FIN) after the handshake.
// Run over an in-memory channel that replays the subject's bytes and logs
// what the peer writes and when it closes.

#include "peer/scripted_peer.hpp"

#include <gtest/gtest.h>

#include <deque>
#include <thread>

#include "wire/close_payload.hpp"
#include "wire/frame_encoder.hpp"

namespace wsh::peer {
namespace {

using namespace std::chrono_literals;
using oracles::TcpEnd;

constexpr std::uint8_t kClose = 0x8;

// Replays scripted reads; records writes and closes in one ordered log.
class ReplayChannel : public PeerChannel {
 public:
  void subject_sends(wire::Bytes bytes) { reads_.push_back({ChannelStatus::Data, std::move(bytes), {}}); }
  void subject_closes_tcp() { reads_.push_back({ChannelStatus::Eof, {}, {}}); }

  ChannelRead read(Deadline) override {
    if (reads_.empty()) return {};  // Timeout: nothing more from the subject
    auto next = std::move(reads_.front());
    reads_.pop_front();
    return next;
  }
  bool write(std::span<const std::uint8_t> bytes, Deadline) override {
    log.push_back(closes == 0 ? "write" : "write after close");
    written.insert(written.end(), bytes.begin(), bytes.end());
    return closes == 0;
  }
  AppliedFault apply_fault(const cases::FaultStep&) override { return {"no faults here", false}; }
  bool stalled() const override { return false; }
  void close() override {
    ++closes;
    log.push_back("close");
  }

  std::vector<std::string> log;
  wire::Bytes written;
  int closes = 0;

 private:
  std::deque<ChannelRead> reads_;
};

// A close frame as the subject sends it: masked when the subject is the client (§5.3).
wire::Bytes close_from_subject(bool subject_is_server, wire::CloseCode code = 1000) {
  wire::EncodeOptions options;
  if (!subject_is_server) options.mask = wire::MaskKey{0x11, 0x22, 0x33, 0x44};
  return wire::encode_frame(kClose, wire::build_close_payload(code, ""), options);
}

cases::LocatedStep wait_for_close() {
  cases::WaitFrameStep wait;
  wait.opcode = kClose;
  wait.within = 200ms;
  return {wait, {"test.toml", 1, 1}, "{ wait_frame = \"close\" }"};
}

cases::LocatedStep send_close() {
  cases::SendStep send;
  send.opcode = kClose;
  send.payload = wire::build_close_payload(1000, "");
  return {send, {"test.toml", 2, 1}, "{ send = \"close\", code = 1000 }"};
}

class ScriptedPeerTcpEnd : public ::testing::Test {
 protected:
  ScriptedPeer& peer_as(bool subject_is_server, bool reply_close = true) {
    PeerConfig config;
    config.subject_is_server = subject_is_server;
    config.reply_close = reply_close;
    const auto no_events = [](const cases::WaitEventStep&, Deadline, Clock::time_point) {
      return EventWait{EventWait::State::Failed, "no subject here"};
    };
    peer_.emplace(channel_, config, observation_, Clock::now(), random_, no_events);
    return *peer_;
  }
  static Deadline soon() { return Clock::now() + 200ms; }

  ReplayChannel channel_;
  oracles::Observation observation_;
  std::mt19937_64 random_{1};
  std::optional<ScriptedPeer> peer_;
};

// ---- the subject is the server: the harness is the client -----------------

TEST_F(ScriptedPeerTcpEnd, AsClientItClosesOnTheServersFinAfterTheHandshake) {
  auto& peer = peer_as(/*subject_is_server=*/true);
  channel_.subject_sends(close_from_subject(true));
  channel_.subject_closes_tcp();

  ASSERT_TRUE(peer.run(wait_for_close(), soon()));
  EXPECT_EQ(channel_.closes, 0) << "the client waits for the server to close TCP first";
  peer.drain(soon());
  EXPECT_EQ(observation_.tcp_end, TcpEnd::SubjectFin);
  EXPECT_EQ(channel_.log, (std::vector<std::string>{"write", "close"})) << "the reply, then our side closed on the FIN";
  peer.finish();
  EXPECT_EQ(channel_.closes, 1) << "finish() closes nothing twice";
}

TEST_F(ScriptedPeerTcpEnd, AsClientItKeepsItsSideOpenOnAFinBeforeTheHandshake) {
  auto& peer = peer_as(/*subject_is_server=*/true);
  channel_.subject_closes_tcp();

  peer.drain(soon());
  EXPECT_EQ(observation_.tcp_end, TcpEnd::SubjectFin);
  EXPECT_EQ(channel_.closes, 0) << "a FIN without a closing handshake is the case's to judge, not a clean end";
}

TEST_F(ScriptedPeerTcpEnd, AsClientItKeepsItsSideOpenWhenItsOwnCloseIsUnanswered) {
  auto& peer = peer_as(/*subject_is_server=*/true);
  ASSERT_TRUE(peer.run(send_close(), soon()));
  channel_.subject_closes_tcp();

  peer.drain(soon());
  EXPECT_EQ(observation_.tcp_end, TcpEnd::SubjectFin);
  EXPECT_EQ(channel_.closes, 0);
}

// ---- the subject is the client: the harness is the server -----------------

TEST_F(ScriptedPeerTcpEnd, AsServerItClosesRightAfterItsAutomaticReply) {
  auto& peer = peer_as(/*subject_is_server=*/false);
  channel_.subject_sends(close_from_subject(false));

  ASSERT_TRUE(peer.run(wait_for_close(), soon()));
  EXPECT_EQ(channel_.log, (std::vector<std::string>{"write", "close"}));
  EXPECT_EQ(observation_.tcp_end, TcpEnd::PeerClosed);
}

TEST_F(ScriptedPeerTcpEnd, AsServerItClosesAfterItsOwnCloseStepCompletesTheHandshake) {
  auto& peer = peer_as(/*subject_is_server=*/false, /*reply_close=*/false);
  channel_.subject_sends(close_from_subject(false));

  ASSERT_TRUE(peer.run(wait_for_close(), soon()));
  EXPECT_EQ(channel_.closes, 0) << "no reply yet, so the handshake is not complete";
  ASSERT_TRUE(peer.run(send_close(), soon()));
  EXPECT_EQ(channel_.log, (std::vector<std::string>{"write", "close"}));
  EXPECT_EQ(observation_.tcp_end, TcpEnd::PeerClosed);
}

TEST_F(ScriptedPeerTcpEnd, AsServerItClosesWhenTheSubjectAnswersItsClose) {
  auto& peer = peer_as(/*subject_is_server=*/false);
  ASSERT_TRUE(peer.run(send_close(), soon()));
  EXPECT_EQ(channel_.closes, 0) << "the subject has not answered yet";
  channel_.subject_sends(close_from_subject(false));

  ASSERT_TRUE(peer.run(wait_for_close(), soon()));
  EXPECT_EQ(channel_.log, (std::vector<std::string>{"write", "close"})) << "no second close frame";
  EXPECT_EQ(observation_.tcp_end, TcpEnd::PeerClosed);
}

// ---- waiting for a subject event ------------------------------------------

TEST(ScriptedPeerEventWait, EverySliceOfAWaitKnowsWhenTheStepBeganWaiting) {
  ReplayChannel channel;
  oracles::Observation observation;
  std::mt19937_64 random{1};
  std::vector<Clock::time_point> since_seen;
  const auto never = [&](const cases::WaitEventStep&, Deadline slice_end, Clock::time_point since) {
    since_seen.push_back(since);
    std::this_thread::sleep_until(slice_end);
    return EventWait{EventWait::State::Pending, "still waiting"};
  };
  ScriptedPeer peer(channel, PeerConfig{}, observation, Clock::now(), random, never);
  cases::WaitEventStep wait;
  wait.event = "cleanup";
  wait.within = 300ms;  // many 10 ms slices, even on a loaded machine
  const auto before = Clock::now();
  EXPECT_FALSE(peer.run({wait, {"test.toml", 3, 1}, "{ wait_event = \"cleanup\" }"}, Clock::now() + 1s));
  ASSERT_GT(since_seen.size(), 1u) << "the wait is sliced";
  for (const auto since : since_seen) {
    EXPECT_EQ(since, since_seen.front());
    EXPECT_GE(since, before);
  }
  EXPECT_TRUE(observation.step_timed_out);
}

}  // namespace
}  // namespace wsh::peer
