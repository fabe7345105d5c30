#include "engine/step_event.hpp"

#include <fmt/format.h>

namespace wsh::engine {

launch::EventMatcher step_event_matcher(const cases::WaitEventStep& wanted, const launch::ConnId& conn,
                                        std::string_view connection) {
  return {fmt::format("{}{} on {}", wanted.event, wanted.result ? "(" + *wanted.result + ")" : "", connection),
          [event = wanted.event, result = wanted.result, conn](const launch::SubjectEvent& candidate) {
            if (launch::to_string(candidate.kind) != event || candidate.conn != conn) return false;
            return !result || launch::to_string(candidate.read_result) == *result;
          }};
}

peer::EventWait wait_for_step_event(const launch::Subject& subject, const cases::WaitEventStep& wanted,
                                    const launch::ConnId& conn, peer::Deadline slice_end, peer::Clock::time_point since,
                                    std::size_t& cursor) {
  const auto matcher = step_event_matcher(wanted, conn, "connection " + conn);
  const auto outcome = subject.wait_for_event(matcher, slice_end, cursor, since);
  if (outcome) {
    cursor = outcome.index() + 1;
    return {peer::EventWait::State::Matched, {}};
  }
  const bool pending = outcome.failure().reason == launch::WaitFailureReason::DeadlinePassed;
  return {pending ? peer::EventWait::State::Pending : peer::EventWait::State::Failed, outcome.message()};
}

}  // namespace wsh::engine
