#pragma once
// The launcher's notion of time. The harness owns all timing (harness/subjects/PROTOCOL.md, "Events"):
// every subject event is stamped on arrival with a monotonic clock, so a
// wall-clock jump can neither reorder a trace nor stretch a deadline.

#include "base/clock.hpp"

namespace wsh::launch {

using wsh::Clock;
using wsh::Millis;

// Whole milliseconds between two instants, for messages ("after 503 ms").
inline Millis millis_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration_cast<Millis>(to - from);
}

}  // namespace wsh::launch
