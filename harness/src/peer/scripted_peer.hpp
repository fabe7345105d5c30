#pragma once
// The scripted peer: the harness's side of one WebSocket connection. It runs
// a case's steps over a PeerChannel, speaking raw frames through the wire
// codec, and records everything it sees into an Observation for the oracles.
//
// It mirrors roles so that a case is written once: when the subject is the
// server the peer is a client (it masks what it sends, §5.3, and expects
// unmasked frames); when the subject is the client, the other way round.
// Like a conforming endpoint it answers pings and close frames on its own
// (unless the case says not to), and as a server it closes TCP once the
// closing handshake is done (§7.1.1).

#include <functional>
#include <random>

#include "cases/case_model.hpp"
#include "oracles/observation.hpp"
#include "peer/peer_channel.hpp"
#include "wire/frame_decoder.hpp"
#include "wire/handshake_error.hpp"

namespace wsh::peer {

struct PeerConfig {
  bool subject_is_server = true;
  std::string host = "127.0.0.1";  // for the Host header
  std::uint16_t port = 0;
  std::string target = "/";
  bool reply_close = true;
  bool auto_pong = true;
  std::uint64_t max_payload = 64ull * 1024 * 1024;
};

// One slice of waiting for a subject event on this connection, until the
// slice's end; `since` is when the step began waiting, for the message.
// Pending: not yet (the peer services the connection and asks again);
// Failed: it can no longer come (the subject exited); `message` says what
// happened.
struct EventWait {
  enum class State { Matched, Pending, Failed };
  State state = State::Pending;
  std::string message;
};
using EventWaiter = std::function<EventWait(const cases::WaitEventStep&, Deadline slice_end, Clock::time_point since)>;

class ScriptedPeer {
 public:
  ScriptedPeer(PeerChannel& channel, PeerConfig config, oracles::Observation& observation, Clock::time_point start,
               std::mt19937_64& random, EventWaiter wait_event);

  // The opening handshake, as a client or a server depending on the role.
  bool handshake(const cases::HandshakeStep& options, Deadline deadline);

  // The same with the options of the case's leading handshake step, if it
  // has one.
  bool handshake(const cases::CaseInstance& instance, Deadline deadline);

  // Runs one step. On failure records the reason in the observation and
  // returns false; the engine then skips to the drain.
  bool run(const cases::LocatedStep& step, Deadline case_deadline);

  // What follows a successful handshake(instance): the case's steps after
  // its handshake step, up to the first that fails, then the drain. Steps
  // with on = "first" run only on connection 0 of a fleet.
  void play(const cases::CaseInstance& instance, std::size_t connection, Deadline case_deadline);

  // Keeps reading (answering pings and closes) until TCP ends or `deadline`.
  void drain(Deadline deadline);

  // Closes our side if still open (end of case).
  void finish();

  bool connection_ended() const { return observation_.tcp_end != oracles::TcpEnd::StillOpen; }
  // The harness closed or reset TCP itself (a step, a fault, its role's duty).
  bool harness_ended_connection() const {
    return observation_.tcp_end == oracles::TcpEnd::PeerClosed || observation_.tcp_end == oracles::TcpEnd::PeerReset;
  }
  std::chrono::milliseconds waited() const { return waited_; }

 private:
  // One step in progress: its case's deadline, and why it failed.
 public:
  struct StepRun {
    Deadline case_deadline;
    std::string failure;
    bool timed_out = false;  // failed by a deadline, not by what was seen
  };

 private:
  bool perform(const cases::HandshakeStep& handshake, StepRun& run);
  bool perform(const cases::SendStep& send, StepRun& run);
  bool perform(const cases::SendRawStep& raw, StepRun& run);
  bool perform(const cases::FaultStep& fault, StepRun& run);
  bool perform(const cases::WaitFrameStep& wait, StepRun& run);
  bool perform(const cases::WaitEventStep& wait, StepRun& run);
  bool perform(const cases::ExpectTcpCloseStep& expect, StepRun& run);
  bool perform(const cases::ExpectSilenceStep& silence, StepRun& run);
  bool perform(const cases::SleepStep& sleep, StepRun& run);
  bool send_frame(const cases::SendStep& send, Deadline deadline);
  void note_frame_sent(const wire::Frame& frame);
  void close_tcp_after_closing_handshake();
  bool send_bytes(std::span<const std::uint8_t> bytes, Deadline deadline, oracles::WireRecord::Kind kind,
                  std::optional<wire::Frame> frame);
  void send_control(std::uint8_t opcode, std::vector<std::uint8_t> payload);

  // Reads once (until `deadline`) and dispatches what arrived; false when
  // nothing more can arrive (TCP ended) or the deadline passed.
  bool pump(Deadline deadline);
  void on_bytes(std::span<const std::uint8_t> bytes);
  void on_frame(const wire::Frame& frame);
  void on_tcp_end(oracles::TcpEnd end, oracles::WireRecord::Kind kind, std::string text);

  bool client_handshake(const cases::HandshakeStep& options, Deadline deadline);
  bool server_handshake(const cases::HandshakeStep& options, Deadline deadline);
  // Reads until a full HTTP header block and records it in the transcript;
  // returns it, or nullopt.
  std::optional<std::string> read_http_head(Deadline deadline);
  // Records why the subject's handshake is refused; returns false.
  bool handshake_refused(const wire::HandshakeError& error);

  oracles::Micros now() const;
  void note(std::string text, oracles::Direction direction = oracles::Direction::ToSubject);

  PeerChannel& channel_;
  PeerConfig config_;
  oracles::Observation& observation_;
  Clock::time_point start_;
  std::mt19937_64& random_;
  EventWaiter wait_event_;
  wire::FrameDecoder decoder_;
  // The data message being received from the subject (fragments joined).
  std::optional<std::uint8_t> message_opcode_;
  std::vector<std::uint8_t> message_;
  std::size_t frame_cursor_ = 0;  // wait_frame searches from here
  bool sent_close_ = false;
  bool got_close_ = false;
  bool closed_by_us_ = false;
  std::chrono::milliseconds waited_{0};
};

}  // namespace wsh::peer
