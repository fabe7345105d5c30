#pragma once
// A wait_event step against a subject process: the event it names on one
// connection, and one slice of a scripted peer's wait for it (the peer waits
// in slices so it can service its connection in between).

#include <cstddef>
#include <string_view>

#include "cases/case_model.hpp"
#include "launch/subject.hpp"
#include "peer/scripted_peer.hpp"

namespace wsh::engine {

// Matches `wanted` (its event, and read's result when given) on `conn`;
// `connection` names the connection in messages ("connection 41418").
launch::EventMatcher step_event_matcher(const cases::WaitEventStep& wanted, const launch::ConnId& conn,
                                        std::string_view connection);

// One slice of the wait, from event index `cursor` (moved past a match)
// until `slice_end`. A failure counts its time from `since`, when the step
// began waiting, and is Pending while only the slice has passed.
peer::EventWait wait_for_step_event(const launch::Subject& subject, const cases::WaitEventStep& wanted,
                                    const launch::ConnId& conn, peer::Deadline slice_end, peer::Clock::time_point since,
                                    std::size_t& cursor);

}  // namespace wsh::engine
