#pragma once
// The wall-clock start of a run or a measurement, as the reports write it.

#include <chrono>
#include <ctime>
#include <string>

namespace wsh::cli {

// "2026-11-26T14:39:22Z"
inline std::string iso8601_now() {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace wsh::cli
