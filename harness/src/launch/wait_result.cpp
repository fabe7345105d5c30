#include "launch/wait_result.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace wsh::launch {
namespace {

// How much of stderr a message quotes; the full tail stays in stderr_tail.
constexpr std::size_t kQuotedStderrLines = 20;
constexpr std::size_t kQuotedStderrBytes = 2048;

std::string last_lines(std::string_view text, std::size_t max_lines, std::size_t max_bytes) {
  while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  if (text.size() > max_bytes) text = text.substr(text.size() - max_bytes);
  std::size_t start = text.size();
  for (std::size_t lines = 0; lines < max_lines; ++lines) {
    const auto newline = start == 0 ? std::string_view::npos : text.rfind('\n', start - 1);
    if (newline == std::string_view::npos) return std::string(text);
    start = newline;
  }
  return std::string(text.substr(start + 1));
}

std::string headline(const WaitFailure& failure) {
  const auto waited = failure.waited.count();
  switch (failure.reason) {
    case WaitFailureReason::DeadlinePassed:
      return fmt::format("timed out after {} ms waiting for {}; subject {}", waited, failure.waiting_for,
                         failure.exit_status.describe());
    case WaitFailureReason::SubjectExited:
      return fmt::format("subject {} while waiting for {} (after {} ms)", failure.exit_status.describe(),
                         failure.waiting_for, waited);
    case WaitFailureReason::SubjectReportedError:
      return fmt::format("subject reported error {:?} while waiting for {} (after {} ms)",
                         failure.subject_error.value_or(""), failure.waiting_for, waited);
  }
  return "wait failed";
}

std::string events_summary(const WaitFailure& failure) {
  if (failure.arrived_count == 0) return "no events arrived";
  std::string summary = fmt::format("{} event(s) arrived: {}", failure.arrived_count, fmt::join(failure.arrived, ", "));
  if (failure.arrived_count > failure.arrived.size()) summary += ", ...";
  return summary;
}

}  // namespace

EventMatcher event_of(EventKind kind) {
  return {std::string(to_string(kind)), [kind](const SubjectEvent& event) { return event.kind == kind; }};
}

EventMatcher event_of(EventKind kind, const ConnId& conn) {
  return {fmt::format("{}(conn={})", to_string(kind), conn),
          [kind, conn](const SubjectEvent& event) { return event.kind == kind && event.conn == conn; }};
}

std::string WaitFailure::message() const {
  std::string text = headline(*this);
  text += "; " + events_summary(*this);
  if (violation_count > 0) {
    text += fmt::format("; {} protocol violation(s)", violation_count);
    for (const auto& violation : recent_violations) {
      text += fmt::format("; line {}: {}", violation.line_number, violation.problem);
    }
  }
  if (sanitizer_report) {
    text += fmt::format("; {} report:\n{}", to_string(sanitizer_report->kind), sanitizer_report->first_lines);
  }
  const auto quoted = last_lines(stderr_tail, kQuotedStderrLines, kQuotedStderrBytes);
  text += quoted.empty() ? std::string("; stderr was empty") : "; stderr tail:\n" + quoted;
  return text;
}

WaitResult WaitResult::matched(SubjectEvent event, std::size_t index) {
  return WaitResult(Matched{std::move(event), index});
}

WaitResult WaitResult::failed(WaitFailure failure) { return WaitResult(std::move(failure)); }

}  // namespace wsh::launch
