#pragma once
// The events a user's server writes through include/wsharness/probe.hpp: the
// subject protocol's JSON lines, appended to one file by every connection of
// the server. One reader per connection the harness opens: it reads the
// lines written after the connection began and keeps those whose `conn` is
// the harness's local port (the peer port the server saw). The harness owns
// the timing: an event is stamped when the reader first sees it, which is
// why readers poll every few milliseconds while they wait.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "launch/subject_event.hpp"

namespace wsh::engine {

class ProbeEventReader {
 public:
  // Starts at the file's current end (a missing file: at its start once it
  // appears), so events of earlier connections on a reused port are not read.
  ProbeEventReader(std::filesystem::path file, launch::ConnId conn);

  // Reads what was appended since the last call; returns how many events
  // for this connection arrived.
  std::size_t poll();
  // Polls until an event of `kind` for this connection has arrived, or the
  // deadline passes; true when it has.
  bool wait_for(launch::EventKind kind, launch::Clock::time_point deadline);

  const std::vector<launch::SubjectEvent>& events() const { return events_; }
  // Lines for this connection that are not events of the protocol.
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::filesystem::path file_;
  launch::ConnId conn_;
  std::uint64_t offset_ = 0;
  std::string partial_;  // a line not yet ended by '\n'
  std::vector<launch::SubjectEvent> events_;
  std::vector<std::string> problems_;
};

}  // namespace wsh::engine
