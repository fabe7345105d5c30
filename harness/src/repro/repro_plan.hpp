#pragma once
// What a standalone reproducer of one result must do, read from that
// result's JSON (report/json_report.cpp, results/N.json): the opening
// handshake, the harness's side of the wire as timed actions, what the
// subject sent back in the recording, and the checks that tell whether the
// verdict's cause recurs. Knows nothing of Python; python_program renders it.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "wire/bytes.hpp"

namespace wsh::repro {

// The JSON is not a per-result file of a wsharness report.
class ReproError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One thing the harness did on the wire, at a recorded time (microseconds
// since the case started). `after_frames` subject frames (and, with
// `after_subject_end`, the subject's FIN or RST) had arrived before it in the
// recording: the reproducer waits for them too, so a reply is not sent
// before what it replies to.
struct ReplayAction {
  enum class Kind { Send, Fin, Rst, Close, Stall, Unstall, Chop, Delay, Truncate, Note };
  Kind kind = Kind::Note;
  std::int64_t at_us = 0;
  std::size_t after_frames = 0;
  bool after_subject_end = false;
  wire::Bytes data;               // Send: the bytes, exactly as they went out
  std::string what;               // a description for the program's output
  bool marks_peer_close = false;  // Close: the harness's role closed TCP first (§7.1.1)
  int size = 0;                   // Chop: bytes per slice; Truncate: bytes still sent
  std::string then;               // Truncate: how the stream ends after the cut (fin, rst, none)
  int delay_ms = 0;               // Chop: pause between slices; Delay: hold per write
};

// One finding of the verdict, as the reproducer checks it on the wire.
struct CauseCheck {
  std::string kind;                   // close_code, close_length, decode_error, same_frames, ...
  std::string oracle;                 // the harness's oracle ("outcome.close-code")
  std::string verdict;                // FAIL, NON-STRICT, TIMEOUT, ...
  std::string reason;                 // the harness's sentence (untrusted: may quote the subject)
  std::string expected;               // what the RFC or the case asks for
  std::string recorded;               // what the harness saw
  std::optional<int> code;            // close_code
  std::optional<std::size_t> length;  // close_length
};

// A subject frame in the recording, as the reproducer compares it.
struct RecordedFrame {
  std::string opcode;  // "close", "text", ... (wire::opcode_name)
  std::optional<int> close_code;
  std::int64_t at_us = 0;
};

struct ReproPlan {
  // What the result is.
  std::string id, subject, subject_role, transport, title, rfc, requirement, verdict, reason;
  std::uint64_t seed = 0;
  std::vector<std::string> subject_command;  // the subject's full command line, as logged
  std::string default_url;                   // server role: where the subject listened

  // The opening handshake: the request the harness sent (subject = server)
  // or the response it sent (subject = client), and when it completed.
  wire::Bytes request, response;
  bool handshake_ok = false;
  std::int64_t handshake_at_us = 0;

  std::vector<ReplayAction> actions;
  std::vector<RecordedFrame> subject_frames;
  std::string tcp_end;      // the harness's tcp_end: still_open, subject_fin, ...
  std::int64_t end_us = 0;  // the last record: how long the harness kept reading

  std::vector<CauseCheck> checks;
  std::vector<std::string> unchecked;  // findings the wire cannot show (application, process)
  std::vector<std::string> inexact;    // what the program cannot replay byte for byte, and why
};

// Reads a per-result JSON. Throws ReproError when it is not one.
ReproPlan plan_repro(const nlohmann::json& result);

}  // namespace wsh::repro
