#pragma once
// Every wait in the harness has a deadline (docs/ARCHITECTURE.md, "Deadlines and processes").
// Waits take an absolute Deadline rather than a duration so that a sequence of
// waits inside one step shares one budget instead of each getting a fresh one.

#include <chrono>

#include "base/clock.hpp"

namespace wsh::net {

using wsh::Clock;
using wsh::Deadline;

inline Deadline deadline_in(std::chrono::milliseconds from_now) { return Clock::now() + from_now; }

// Milliseconds left until `deadline`, rounded up so that a wait never ends
// before the deadline, clamped to [0, INT_MAX] for poll(2). 0 when it passed.
int poll_timeout_ms(Deadline deadline);

// Sleeps for `duration` or until `deadline`, whichever comes first. Returns
// false when the deadline cut the sleep short.
bool sleep_within(std::chrono::milliseconds duration, Deadline deadline);

}  // namespace wsh::net
