#include "launch/subject_log.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace wsh::launch {
namespace {

// A failure message lists this many of the events that arrived while waiting
// and this many of the latest violations; the full lists stay in the log.
constexpr std::size_t kListedEvents = 10;
constexpr std::size_t kListedViolations = 3;

}  // namespace

SubjectLog::SubjectLog(const OutputLimits& limits, Millis exit_drain_grace)
    : limits_(limits), exit_drain_grace_(exit_drain_grace), stderr_(limits.stderr_tail_bytes) {}

void SubjectLog::add_event(SubjectEvent event) {
  std::lock_guard lock(mutex_);
  if (events_.size() >= limits_.max_events) {
    if (events_dropped_++ == 0) {
      add_violation_locked({event.line_number,
                            fmt::format("more than {} events: this and later events are dropped", limits_.max_events),
                            {},
                            0,
                            event.at});
    }
  } else {
    events_.push_back(std::move(event));
  }
  changed_.notify_all();
}

void SubjectLog::add_violation(ProtocolViolation violation) {
  std::lock_guard lock(mutex_);
  add_violation_locked(std::move(violation));
  changed_.notify_all();
}

void SubjectLog::add_violation_locked(ProtocolViolation violation) {
  ++violation_count_;
  if (violations_.size() < limits_.max_violations) violations_.push_back(std::move(violation));
}

void SubjectLog::add_stderr(std::string_view bytes) {
  std::lock_guard lock(mutex_);
  stderr_.append(bytes);
}

void SubjectLog::set_sanitizer_report(SanitizerReport report) {
  std::lock_guard lock(mutex_);
  sanitizer_report_ = std::move(report);
  changed_.notify_all();
}

void SubjectLog::mark_stdout_closed() {
  std::lock_guard lock(mutex_);
  stdout_closed_ = true;
  changed_.notify_all();
}

void SubjectLog::mark_stderr_closed() {
  std::lock_guard lock(mutex_);
  stderr_closed_ = true;
  changed_.notify_all();
}

void SubjectLog::mark_ended(ExitStatus status, Clock::time_point at) {
  std::lock_guard lock(mutex_);
  exit_status_ = status;
  ended_at_ = at;
  changed_.notify_all();
}

bool SubjectLog::finished_locked(Clock::time_point now) const {
  return exit_status_.has_ended() && ((stdout_closed_ && stderr_closed_) || now >= ended_at_ + exit_drain_grace_);
}

WaitResult SubjectLog::wait_for(const EventMatcher& matcher, std::size_t from, Clock::time_point deadline,
                                std::optional<Clock::time_point> since) const {
  const auto started = since.value_or(Clock::now());
  std::unique_lock lock(mutex_);
  std::size_t next = from;
  for (;;) {
    for (; next < events_.size(); ++next) {
      const SubjectEvent& event = events_[next];
      if (!matcher.matches || matcher.matches(event)) return WaitResult::matched(event, next);
      if (event.kind == EventKind::Error) {
        auto failure = failure_locked(WaitFailureReason::SubjectReportedError, matcher, from, started);
        failure.subject_error = event.message;
        return WaitResult::failed(std::move(failure));
      }
    }
    const auto now = Clock::now();
    if (finished_locked(now)) {
      return WaitResult::failed(failure_locked(WaitFailureReason::SubjectExited, matcher, from, started));
    }
    if (now >= deadline) {
      return WaitResult::failed(failure_locked(WaitFailureReason::DeadlinePassed, matcher, from, started));
    }
    // An ended subject is "finished" when its drain grace passes even if no
    // one notifies: wake up for that too.
    auto wake_at = deadline;
    if (exit_status_.has_ended()) wake_at = std::min(wake_at, ended_at_ + exit_drain_grace_);
    changed_.wait_until(lock, wake_at);
  }
}

WaitFailure SubjectLog::failure_locked(WaitFailureReason reason, const EventMatcher& matcher, std::size_t from,
                                       Clock::time_point started) const {
  WaitFailure failure;
  failure.reason = reason;
  failure.waiting_for = matcher.description;
  failure.waited = millis_between(started, Clock::now());
  failure.exit_status = exit_status_;
  for (std::size_t i = from; i < events_.size(); ++i) {
    if (failure.arrived.size() < kListedEvents) failure.arrived.push_back(describe(events_[i]));
    ++failure.arrived_count;
  }
  const auto listed = std::min(violations_.size(), kListedViolations);
  failure.recent_violations.assign(violations_.end() - static_cast<std::ptrdiff_t>(listed), violations_.end());
  failure.violation_count = violation_count_;
  failure.sanitizer_report = sanitizer_report_;
  failure.stderr_tail = stderr_.contents();
  return failure;
}

ExitStatus SubjectLog::wait_for_end(Clock::time_point deadline) const {
  std::unique_lock lock(mutex_);
  changed_.wait_until(lock, deadline, [this] { return exit_status_.has_ended(); });
  return exit_status_;
}

bool SubjectLog::wait_for_output_closed(Clock::time_point deadline) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_until(lock, deadline, [this] { return stdout_closed_ && stderr_closed_; });
}

ExitStatus SubjectLog::exit_status() const {
  std::lock_guard lock(mutex_);
  return exit_status_;
}

std::vector<SubjectEvent> SubjectLog::events_since(std::size_t from) const {
  std::lock_guard lock(mutex_);
  if (from >= events_.size()) return {};
  return {events_.begin() + static_cast<std::ptrdiff_t>(from), events_.end()};
}

std::size_t SubjectLog::event_count() const {
  std::lock_guard lock(mutex_);
  return events_.size();
}

std::optional<Hello> SubjectLog::hello() const {
  std::lock_guard lock(mutex_);
  for (const auto& event : events_) {
    if (event.kind == EventKind::Hello) return event.hello;
  }
  return std::nullopt;
}

std::vector<ProtocolViolation> SubjectLog::violations() const {
  std::lock_guard lock(mutex_);
  return violations_;
}

std::size_t SubjectLog::violation_count() const {
  std::lock_guard lock(mutex_);
  return violation_count_;
}

std::string SubjectLog::stderr_tail() const {
  std::lock_guard lock(mutex_);
  return stderr_.contents();
}

std::uint64_t SubjectLog::stderr_bytes() const {
  std::lock_guard lock(mutex_);
  return stderr_.total_bytes();
}

std::optional<SanitizerReport> SubjectLog::sanitizer_report() const {
  std::lock_guard lock(mutex_);
  return sanitizer_report_;
}

}  // namespace wsh::launch
