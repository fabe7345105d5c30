#pragma once
// Everything observed about one subject process, shared between the threads
// that observe it (the output reader, the exit watcher) and the harness
// threads that wait on it. One mutex, one condition variable: every change
// wakes every waiter, and each waiter re-checks what it waits for.

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "launch/clock.hpp"
#include "launch/exit_status.hpp"
#include "launch/launch_spec.hpp"
#include "launch/protocol_violation.hpp"
#include "launch/sanitizer_scanner.hpp"
#include "launch/stderr_tail.hpp"
#include "launch/subject_event.hpp"
#include "launch/wait_result.hpp"

namespace wsh::launch {

class SubjectLog {
 public:
  SubjectLog(const OutputLimits& limits, Millis exit_drain_grace);

  // --- Written by the observing threads.
  void add_event(SubjectEvent event);
  void add_violation(ProtocolViolation violation);
  void add_stderr(std::string_view bytes);
  void set_sanitizer_report(SanitizerReport report);
  void mark_stdout_closed();
  void mark_stderr_closed();
  void mark_ended(ExitStatus status, Clock::time_point at);

  // --- Read by anyone, any thread.
  // The first event at or after `from` that matches, or a failure as soon as
  // the subject has ended (and its output has been read), reported an error,
  // or the deadline passed. A failure's waited time counts from `since`
  // (default: now), for callers that wait in slices.
  WaitResult wait_for(const EventMatcher& matcher, std::size_t from, Clock::time_point deadline,
                      std::optional<Clock::time_point> since = std::nullopt) const;
  // The exit status once the subject ended, or running() at the deadline.
  ExitStatus wait_for_end(Clock::time_point deadline) const;
  // Until both pipes reached end of file or the deadline passed; true if they did.
  bool wait_for_output_closed(Clock::time_point deadline) const;

  ExitStatus exit_status() const;
  std::vector<SubjectEvent> events_since(std::size_t from) const;
  std::size_t event_count() const;
  std::optional<Hello> hello() const;
  std::vector<ProtocolViolation> violations() const;
  std::size_t violation_count() const;  // including those beyond the kept limit
  std::string stderr_tail() const;
  std::uint64_t stderr_bytes() const;
  std::optional<SanitizerReport> sanitizer_report() const;

 private:
  // The subject has ended and what it wrote before has been read (a failure
  // message quotes its last stderr lines, usually the reason it ended): both
  // pipes reached EOF, or the drain grace passed (a surviving child holds one).
  bool finished_locked(Clock::time_point now) const;
  WaitFailure failure_locked(WaitFailureReason reason, const EventMatcher& matcher, std::size_t from,
                             Clock::time_point started) const;
  void add_violation_locked(ProtocolViolation violation);

  const OutputLimits limits_;
  const Millis exit_drain_grace_;

  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::vector<SubjectEvent> events_;
  std::size_t events_dropped_ = 0;
  std::vector<ProtocolViolation> violations_;
  std::size_t violation_count_ = 0;
  StderrTail stderr_;
  std::optional<SanitizerReport> sanitizer_report_;
  bool stdout_closed_ = false;
  bool stderr_closed_ = false;
  ExitStatus exit_status_ = ExitStatus::running();
  Clock::time_point ended_at_{};
};

}  // namespace wsh::launch
