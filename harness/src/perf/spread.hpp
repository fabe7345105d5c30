#pragma once
// Median, p99 and maximum of a set of latencies: what perf.json reports for
// each stage of the close handshake.

#include <chrono>
#include <cstddef>
#include <vector>

namespace wsh::perf {

using Micros = std::chrono::microseconds;

struct Spread {
  std::size_t count = 0;  // samples; the figures below are 0 when there are none
  Micros median{0};
  Micros p99{0};
  Micros max{0};
};

// Nearest-rank percentiles (the smallest sample with at least p % of the
// samples at or below it), so every figure is a latency that was observed.
Spread spread_of(std::vector<Micros> samples);

}  // namespace wsh::perf
