#pragma once
// A running subject process and everything the harness observes about it.
//
//   auto subject = Subject::start(spec);                  // throws LaunchError
//   auto hello = subject->await_hello(Clock::now() + 5s);
//   if (!hello) return harness_error(hello.message());   // says what happened
//   auto ready = subject->await_ready(Clock::now() + 5s);
//   ... connect to ready.event().port, drive a case ...
//   auto cleanup = subject->wait_for_event(EventKind::Cleanup, conn, deadline);
//   auto stopped = subject->stop(500ms);                  // SIGTERM, then SIGKILL
//
// Every call that waits takes a deadline. A subject that exits early fails
// the wait at once ("subject exited with code 3 while waiting for ready"),
// not at the deadline. Whatever the subject does (garbage on stdout, endless
// stderr, ignoring SIGTERM, children that keep the pipes open, crashing), the
// harness neither crashes nor hangs, and the destructor always kills and reaps
// the whole process group, so no zombie and no orphan outlives the Subject.
//
// Thread-safe: any thread may wait, read or stop.
//
// Limits: a process that leaves the group (setsid, setpgid) escapes the group
// kill; the launcher then stops reading its pipes at destruction rather than
// waiting for it. The pid is only meaningful until stop() has reaped it.

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "launch/clock.hpp"
#include "launch/exit_status.hpp"
#include "launch/launch_spec.hpp"
#include "launch/protocol_violation.hpp"
#include "launch/sanitizer_scanner.hpp"
#include "launch/spawn.hpp"
#include "launch/subject_event.hpp"
#include "launch/wait_result.hpp"

namespace wsh::launch {

class SubjectLog;
class OutputReader;
class ExitWatcher;

struct StopOutcome {
  ExitStatus status = ExitStatus::running();  // how the subject ended
  bool needed_kill = false;                   // it was still running when the grace ran out: SIGKILL
  Millis took{0};
};

class Subject {
 public:
  // Spawns the subject (spawn.hpp) and starts watching it. Throws LaunchError.
  static std::unique_ptr<Subject> start(const LaunchSpec& spec);

  // Kills the process group with SIGKILL if still needed, reaps, and stops
  // reading. Never blocks on the subject's cooperation.
  ~Subject();
  Subject(const Subject&) = delete;
  Subject& operator=(const Subject&) = delete;

  pid_t pid() const { return pid_; }
  const std::vector<std::string>& command() const { return command_; }

  // --- Waiting. `from` is an event index: only events at or after it count.
  // `since`: when a caller that waits in slices began waiting; a failure
  // says how long it waited from then (default: from this call).
  WaitResult wait_for_event(const EventMatcher& matcher, Clock::time_point deadline, std::size_t from = 0,
                            std::optional<Clock::time_point> since = std::nullopt) const;
  WaitResult wait_for_event(EventKind kind, Clock::time_point deadline, std::size_t from = 0) const;
  WaitResult wait_for_event(EventKind kind, const ConnId& conn, Clock::time_point deadline, std::size_t from = 0) const;
  // The hello event; its event().hello holds the parsed Hello.
  WaitResult await_hello(Clock::time_point deadline) const;
  // The ready event; its event().port is where a server subject listens.
  WaitResult await_ready(Clock::time_point deadline) const;
  // The exit status once the subject ended, or running() at the deadline.
  // For a subject asked to shut down by itself (/shutdown).
  ExitStatus wait_for_exit(Clock::time_point deadline) const;

  // --- Snapshots.
  std::vector<SubjectEvent> events() const { return events_since(0); }
  std::vector<SubjectEvent> events_since(std::size_t index) const;
  std::size_t event_count() const;
  std::optional<Hello> hello() const;
  ExitStatus exit_status() const;
  std::string stderr_tail() const;     // the last OutputLimits::stderr_tail_bytes
  std::uint64_t stderr_bytes() const;  // all stderr bytes read so far
  std::vector<ProtocolViolation> protocol_violations() const;
  std::size_t protocol_violation_count() const;  // including those not kept
  // The first sanitizer or Valgrind report found on stderr. After stop() it
  // covers everything the subject wrote.
  std::optional<SanitizerReport> sanitizer_report() const;
  // Open descriptors of the subject's main process (/proc/PID/fd); nullopt
  // once it has ended.
  std::optional<std::size_t> open_fd_count() const;

  // SIGTERM to the process group (the subject protocol's "/shutdown"); if
  // the subject has not ended after `grace`, SIGKILL. Either way the rest of
  // the group is killed too, the subject is reaped, and its output is read to
  // the end (bounded by LaunchSpec::exit_drain_grace). Later calls return the
  // first outcome.
  StopOutcome stop(Millis grace);

 private:
  Subject(const LaunchSpec& spec, SpawnedProcess process);
  // The caller holds control_mutex_ for all three.
  void signal_group_locked(int signal_number);
  // Kills what is left of the group and reaps the leader, once it has ended.
  void finish_locked();
  void kill_and_reap_locked();

  const pid_t pid_;
  const std::vector<std::string> command_;
  const Millis exit_drain_grace_;
  std::shared_ptr<SubjectLog> log_;  // shared with the exit watcher's thread
  std::unique_ptr<ExitWatcher> exit_watcher_;
  std::unique_ptr<OutputReader> output_reader_;

  mutable std::mutex control_mutex_;  // serialises stop(), the destructor and reaping
  bool reaped_ = false;
  std::optional<StopOutcome> stop_outcome_;
};

}  // namespace wsh::launch
