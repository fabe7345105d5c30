#include "launch/subject.hpp"

#include <fmt/format.h>
#include <signal.h>
#include <sys/wait.h>

#include <cerrno>
#include <exception>

#include "launch/exit_watcher.hpp"
#include "launch/fd_count.hpp"
#include "launch/output_reader.hpp"
#include "launch/process_groups.hpp"
#include "launch/subject_log.hpp"

namespace wsh::launch {
namespace {

// How long a process may take to die after SIGKILL. Normally microseconds;
// past this it is stuck in the kernel and the harness stops waiting for it.
constexpr Millis kDeathAfterKill{10'000};

void kill_and_reap(pid_t pid) {
  ::kill(-pid, SIGKILL);
  process_groups::remove(pid);
  while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
  }
}

}  // namespace

std::unique_ptr<Subject> Subject::start(const LaunchSpec& spec) {
  auto process = spawn_process(spec);
  const pid_t pid = process.pid;
  try {
    return std::unique_ptr<Subject>(new Subject(spec, std::move(process)));
  } catch (const std::exception& error) {
    // The process runs already: it must not outlive the failed start.
    kill_and_reap(pid);
    throw LaunchError(fmt::format("cannot watch the subject (pid {}): {}", pid, error.what()));
  }
}

Subject::Subject(const LaunchSpec& spec, SpawnedProcess process)
    : pid_(process.pid),
      command_(spec.command()),
      exit_drain_grace_(spec.exit_drain_grace),
      log_(std::make_shared<SubjectLog>(spec.limits, spec.exit_drain_grace)) {
  try {
    exit_watcher_ = std::make_unique<ExitWatcher>(pid_, log_);
    output_reader_ =
        std::make_unique<OutputReader>(std::move(process.stdout_fd), std::move(process.stderr_fd), *log_, spec.limits);
  } catch (...) {
    // The watcher's destructor joins its thread, which returns once the
    // process is dead: kill it first. start() reaps it.
    ::kill(-pid_, SIGKILL);
    exit_watcher_.reset();
    throw;
  }
}

Subject::~Subject() {
  {
    std::lock_guard lock(control_mutex_);
    kill_and_reap_locked();
  }
  output_reader_.reset();  // reads what is left, then joins
  exit_watcher_.reset();
}

void Subject::kill_and_reap_locked() {
  if (reaped_) return;
  signal_group_locked(SIGKILL);
  if (log_->wait_for_end(Clock::now() + kDeathAfterKill).is_running()) {
    // Unkillable for now (uninterruptible sleep): leave the watcher to wait
    // on its own rather than hang the harness; it keeps the log alive.
    exit_watcher_->detach();
    return;
  }
  finish_locked();
}

void Subject::signal_group_locked(int signal_number) {
  // Never after reaping: then the pid, and so the group id, may be reused.
  if (!reaped_) ::kill(-pid_, signal_number);
}

void Subject::finish_locked() {
  if (reaped_ || log_->exit_status().is_running()) return;
  // The leader has ended but is not reaped, so its group id is still ours:
  // children that ignored SIGTERM or outlived it go down with it.
  signal_group_locked(SIGKILL);
  // Out of the run's list first: once reaped, the group id may be reused.
  process_groups::remove(pid_);
  while (::waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
  }
  reaped_ = true;
}

StopOutcome Subject::stop(Millis grace) {
  std::lock_guard lock(control_mutex_);
  if (stop_outcome_) return *stop_outcome_;
  const auto started = Clock::now();
  StopOutcome outcome;
  if (log_->exit_status().is_running()) {
    signal_group_locked(SIGTERM);
    if (log_->wait_for_end(started + grace).is_running()) {
      outcome.needed_kill = true;
      signal_group_locked(SIGKILL);
      log_->wait_for_end(Clock::now() + kDeathAfterKill);
    }
  }
  finish_locked();
  // With the whole group dead the pipes reach end of file at once; a process
  // that left the group may hold them open, so this wait is bounded.
  log_->wait_for_output_closed(Clock::now() + exit_drain_grace_);
  outcome.status = log_->exit_status();
  outcome.took = millis_between(started, Clock::now());
  stop_outcome_ = outcome;
  return outcome;
}

WaitResult Subject::wait_for_event(const EventMatcher& matcher, Clock::time_point deadline, std::size_t from,
                                   std::optional<Clock::time_point> since) const {
  return log_->wait_for(matcher, from, deadline, since);
}

WaitResult Subject::wait_for_event(EventKind kind, Clock::time_point deadline, std::size_t from) const {
  return log_->wait_for(event_of(kind), from, deadline);
}

WaitResult Subject::wait_for_event(EventKind kind, const ConnId& conn, Clock::time_point deadline,
                                   std::size_t from) const {
  return log_->wait_for(event_of(kind, conn), from, deadline);
}

WaitResult Subject::await_hello(Clock::time_point deadline) const { return wait_for_event(EventKind::Hello, deadline); }

WaitResult Subject::await_ready(Clock::time_point deadline) const { return wait_for_event(EventKind::Ready, deadline); }

ExitStatus Subject::wait_for_exit(Clock::time_point deadline) const { return log_->wait_for_end(deadline); }

std::vector<SubjectEvent> Subject::events_since(std::size_t index) const { return log_->events_since(index); }

std::size_t Subject::event_count() const { return log_->event_count(); }

std::optional<Hello> Subject::hello() const { return log_->hello(); }

ExitStatus Subject::exit_status() const { return log_->exit_status(); }

std::string Subject::stderr_tail() const { return log_->stderr_tail(); }

std::uint64_t Subject::stderr_bytes() const { return log_->stderr_bytes(); }

std::vector<ProtocolViolation> Subject::protocol_violations() const { return log_->violations(); }

std::size_t Subject::protocol_violation_count() const { return log_->violation_count(); }

std::optional<SanitizerReport> Subject::sanitizer_report() const { return log_->sanitizer_report(); }

std::optional<std::size_t> Subject::open_fd_count() const {
  // Under the lock, so stop() cannot reap (and free the pid) mid-count.
  std::lock_guard lock(control_mutex_);
  if (reaped_ || log_->exit_status().has_ended()) return std::nullopt;
  return count_open_fds(pid_);
}

}  // namespace wsh::launch
