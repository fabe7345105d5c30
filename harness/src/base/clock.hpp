#pragma once
// The harness's time: a monotonic clock, so a wall-clock jump can neither
// reorder a trace nor stretch a wait, and absolute deadlines, so the waits
// of one step share one budget (docs/ARCHITECTURE.md, "Deadlines and processes").

#include <chrono>

namespace wsh {

using Clock = std::chrono::steady_clock;
using Deadline = Clock::time_point;
using Millis = std::chrono::milliseconds;

}  // namespace wsh
