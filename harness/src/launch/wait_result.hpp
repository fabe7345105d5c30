#pragma once
// What a wait for a subject event gives back: the event, or a failure that
// says what was awaited, what arrived instead, whether and how the subject
// ended, and what it said on stderr.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "launch/clock.hpp"
#include "launch/exit_status.hpp"
#include "launch/protocol_violation.hpp"
#include "launch/sanitizer_scanner.hpp"
#include "launch/subject_event.hpp"

namespace wsh::launch {

// Which event a wait is for. `description` names it in failure messages.
// `matches` runs while the subject's log is locked: it must not call back
// into the Subject.
struct EventMatcher {
  std::string description;
  std::function<bool(const SubjectEvent&)> matches;
};

// "ready": the first event of that kind.
EventMatcher event_of(EventKind kind);
// "cleanup(conn=51234)": the first event of that kind for that connection.
EventMatcher event_of(EventKind kind, const ConnId& conn);

enum class WaitFailureReason {
  DeadlinePassed,        // the subject is (or was) still running
  SubjectExited,         // it ended and its output has been read
  SubjectReportedError,  // it sent {"event":"error"}: a fatal start-up problem
};

struct WaitFailure {
  WaitFailureReason reason = WaitFailureReason::DeadlinePassed;
  std::string waiting_for;  // the matcher's description
  Millis waited{0};
  ExitStatus exit_status = ExitStatus::running();
  std::vector<std::string> arrived;                  // describe() of events seen while waiting (the first few)
  std::size_t arrived_count = 0;                     // how many events the wait looked at
  std::optional<std::string> subject_error;          // the message of an "error" event
  std::vector<ProtocolViolation> recent_violations;  // the last few
  std::size_t violation_count = 0;
  std::optional<SanitizerReport> sanitizer_report;
  std::string stderr_tail;  // the whole kept tail

  // One paragraph for a human: "subject exited with code 3 while waiting for
  // ready (after 12 ms); events: hello(...); ...; stderr tail: ...".
  std::string message() const;
};

class WaitResult {
 public:
  static WaitResult matched(SubjectEvent event, std::size_t index);
  static WaitResult failed(WaitFailure failure);

  bool ok() const { return std::holds_alternative<Matched>(outcome_); }
  explicit operator bool() const { return ok(); }

  // Precondition: ok().
  const SubjectEvent& event() const { return std::get<Matched>(outcome_).event; }
  // The event's position in the subject's event list: wait again from
  // index() + 1 to find the next one.
  std::size_t index() const { return std::get<Matched>(outcome_).index; }
  // Precondition: !ok().
  const WaitFailure& failure() const { return std::get<WaitFailure>(outcome_); }
  // failure().message(), or "" when ok(): handy in assertions and logs.
  std::string message() const { return ok() ? std::string() : failure().message(); }

 private:
  struct Matched {
    SubjectEvent event;
    std::size_t index;
  };
  explicit WaitResult(std::variant<Matched, WaitFailure> outcome) : outcome_(std::move(outcome)) {}

  std::variant<Matched, WaitFailure> outcome_;
};

}  // namespace wsh::launch
