#pragma once
// A stdout line that is not a valid event of the subject protocol. Recorded,
// never fatal: the engine decides what a violation means for a verdict.

#include <cstddef>
#include <string>

#include "launch/clock.hpp"

namespace wsh::launch {

struct ProtocolViolation {
  std::size_t line_number = 0;  // 1-based stdout line; 0 when not about one line
  std::string problem;          // what is wrong, e.g. "not valid JSON (at byte 1)"
  // The first bytes of the offending line, exactly as received: may hold
  // invalid UTF-8 or NUL bytes, so escape it before putting it in a report.
  std::string excerpt;
  std::size_t line_bytes = 0;  // the full length of the offending line
  Clock::time_point at{};
};

}  // namespace wsh::launch
