#pragma once
// Everything the harness saw of one connection, as plain data: the wire in
// both directions, how TCP ended, and the subject's application events. The
// engine fills it; the oracles judge it and know nothing of sockets or
// processes.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "wire/decode_error.hpp"
#include "wire/frame.hpp"

namespace wsh::oracles {

using wsh::Millis;
// Time since the case started, in microseconds (fine enough for a ladder).
using Micros = std::chrono::microseconds;

enum class Direction { ToSubject, FromSubject };

// One line of the wire transcript.
struct WireRecord {
  enum class Kind {
    Frame,        // a decoded frame
    RawBytes,     // bytes the peer sent raw (send_raw, or a malformed send)
    TcpFin,       // the sender half-closed (EOF at the receiver)
    TcpRst,       // the connection was reset
    Fault,        // a fault the harness applied
    DecodeError,  // what the subject sent could not be decoded
    Note,         // handshake lines, timeouts, anything else worth reading
  };
  Micros at{0};
  Direction direction = Direction::FromSubject;
  Kind kind = Kind::Note;
  std::optional<wire::Frame> frame;
  std::vector<std::uint8_t> bytes;  // the frame's or raw bytes on the wire (capped)
  std::string text;
};

// How the TCP connection ended, as the harness's side saw it.
enum class TcpEnd {
  StillOpen,     // the drain deadline passed with the connection open
  SubjectFin,    // EOF: the subject closed (or half-closed) first
  SubjectReset,  // ECONNRESET
  PeerClosed,    // the harness closed first (its step or its role's duty)
  PeerReset,     // the harness reset it (a fault step)
};

// An application event of the subject, for this connection.
struct AppEvent {
  std::string kind;    // open, read, close_called, cleanup, spam_done
  std::string result;  // read: text | binary | fail
  int code = 0;        // close_called
  Micros at{0};
};

struct SubjectHealth {
  bool alive_at_end = true;
  std::optional<std::string> crash;              // "killed by SIGABRT", "exited with code 3"
  std::optional<std::string> sanitizer_report;   // first lines
  std::vector<std::string> protocol_violations;  // what the subject did outside the protocol
  std::optional<int> fds_before, fds_after;      // open fds at start and after cleanup
  // Set when the case expects the subject to end by itself (expect.exit):
  // its exit code, or nullopt when it was still running when the harness
  // stopped waiting for it.
  bool waited_for_exit = false;
  std::optional<int> exited_by_itself;
};

struct Observation {
  bool subject_is_server = true;  // false in the client role (the subject must mask)
  bool handshake_ok = false;
  std::string handshake_error;
  std::vector<WireRecord> transcript;

  // Derived while recording, so oracles need not re-scan the transcript.
  std::vector<wire::Frame> frames_from_subject;
  std::optional<wire::DecodeError> subject_decode_error;
  std::vector<std::string> data_messages;  // text/binary messages received, joined
  // Message-level problems in what the subject sent (invalid UTF-8 in a text
  // message, a continuation out of place), one sentence each.
  std::vector<std::string> subject_message_errors;
  std::optional<Micros> peer_close_sent_at;
  std::optional<wire::Frame> subject_close;  // the first close frame from the subject
  std::optional<Micros> subject_close_at;
  bool peer_sent_close_first = false;
  TcpEnd tcp_end = TcpEnd::StillOpen;
  std::optional<Micros> tcp_end_at;

  std::vector<AppEvent> events;
  SubjectHealth health;

  // A step that could not be completed: its verdict (FAIL, TIMEOUT) and why.
  std::optional<std::string> step_failure;
  bool step_timed_out = false;
  // The failed step was a send the subject cut short: it closed or reset
  // its end before the peer finished writing (an over-size message rejected
  // at its header, §10.4), or stopped reading until the case deadline.
  bool step_send_outran = false;
};

}  // namespace wsh::oracles
