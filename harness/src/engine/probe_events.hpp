#pragma once
// The events a user's server writes through include/wsharness/probe.hpp: the
// subject protocol's JSON lines, appended to one file by every connection of
// the server. One reader per connection the harness opens: it reads the
// lines written after the connection began and keeps those whose `conn` is
// the harness's local port (the peer port the server saw). The harness owns
// the timing: an event is stamped when the reader first sees it, which is
// why readers poll every few milliseconds while they wait.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "launch/subject_event.hpp"

namespace wsh::engine {

class ProbeEventReader {
 public:
  // Starts at the file's current end (a missing file: at its start once it
  // appears), so events of earlier connections on a reused port are not read.
  // A thread polls the file every few milliseconds from here on, so each
  // event is stamped close to when it was written, not when it was asked for
  // (app.cleanup-prompt compares those stamps).
  ProbeEventReader(std::filesystem::path file, launch::ConnId conn);
  ~ProbeEventReader();
  ProbeEventReader(const ProbeEventReader&) = delete;
  ProbeEventReader& operator=(const ProbeEventReader&) = delete;

  // Reads what was appended since the last call; returns how many events
  // for this connection arrived.
  std::size_t poll();
  // Polls until an event of `kind` for this connection has arrived, or the
  // deadline passes; true when it has.
  bool wait_for(launch::EventKind kind, launch::Clock::time_point deadline);

  // What has arrived so far, in order.
  std::vector<launch::SubjectEvent> events() const;
  // Lines for this connection that are not events of the protocol.
  std::vector<std::string> problems() const;

 private:
  mutable std::mutex mutex_;  // the poller thread and the caller share the state below
  std::atomic<bool> stopping_{false};
  std::thread poller_;
  std::filesystem::path file_;
  launch::ConnId conn_;
  std::uint64_t offset_ = 0;
  std::string partial_;  // a line not yet ended by '\n'
  std::vector<launch::SubjectEvent> events_;
  std::vector<std::string> problems_;
};

}  // namespace wsh::engine
