#include "perf/spread.hpp"

#include <algorithm>

namespace wsh::perf {
namespace {

// Nearest rank: ceil(p/100 * n), 1-based.
Micros percentile(const std::vector<Micros>& sorted, std::size_t percent) {
  const std::size_t rank = (percent * sorted.size() + 99) / 100;
  return sorted[std::max<std::size_t>(rank, 1) - 1];
}

}  // namespace

Spread spread_of(std::vector<Micros> samples) {
  Spread spread;
  spread.count = samples.size();
  if (samples.empty()) return spread;
  std::sort(samples.begin(), samples.end());
  spread.median = percentile(samples, 50);
  spread.p99 = percentile(samples, 99);
  spread.max = samples.back();
  return spread;
}

}  // namespace wsh::perf
