#pragma once
// The two measurements `wsharness perf` makes against one running server
// subject, one after the other on the same process:
//   close latency  N sequential connections, each closed by the harness with
//                  1000; the spread of each stage (close_cycle.hpp);
//   churn          open, handshake, clean close, wait for cleanup, for S
//                  seconds: completed connections per second.
// Both count cleanups against connections (cleanup_tally.hpp). A phase stops
// early, and says why, after `max_failures` failed cycles or when the
// subject exits, so a broken subject costs seconds, not N deadlines.

#include <cstddef>
#include <map>
#include <string>

#include "perf/cleanup_tally.hpp"
#include "perf/close_cycle.hpp"
#include "perf/spread.hpp"

namespace wsh::perf {

struct PhaseLimits {
  std::size_t max_failures = 10;
  // After the last cycle, how long to wait for late cleanups, and then for
  // duplicates, before counting.
  Millis settle{200};
};

// What every phase reports about its cycles.
struct PhaseCounts {
  std::size_t attempted = 0;
  std::size_t completed = 0;                    // every stage in time
  std::map<std::string, std::size_t> failures;  // failure_name -> cycles
  std::string first_failure;                    // the first failure's detail
  std::string stopped_early;                    // why the phase ended before its goal; empty if it did not
  CleanupTally cleanups;
  Millis elapsed{0};
};

struct LatencyResult {
  std::size_t planned = 0;  // connections asked for
  PhaseCounts counts;
  Spread close_reply;
  Spread tcp_close;
  Spread cleanup;
};

struct ChurnResult {
  Millis planned{0};  // seconds asked for
  PhaseCounts counts;
  double per_second = 0;  // completed cycles per second of elapsed time
};

LatencyResult measure_close_latency(const launch::Subject& subject, const CycleTarget& target, std::size_t connections,
                                    const PhaseLimits& limits, std::uint64_t seed);

ChurnResult measure_churn(const launch::Subject& subject, const CycleTarget& target, Millis duration,
                          const PhaseLimits& limits, std::uint64_t seed);

}  // namespace wsh::perf
