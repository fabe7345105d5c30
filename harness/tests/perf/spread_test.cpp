#include "perf/spread.hpp"

#include <gtest/gtest.h>

namespace wsh::perf {
namespace {

std::vector<Micros> one_to(int n) {
  std::vector<Micros> samples;
  for (int i = n; i >= 1; --i) samples.push_back(Micros(i));  // unsorted on purpose
  return samples;
}

TEST(Spread, IsAllZeroWithoutSamples) {
  const auto spread = spread_of({});
  EXPECT_EQ(spread.count, 0u);
  EXPECT_EQ(spread.median.count(), 0);
  EXPECT_EQ(spread.p99.count(), 0);
}

TEST(Spread, UsesNearestRankSoEveryFigureWasObserved) {
  const auto spread = spread_of(one_to(1000));
  EXPECT_EQ(spread.count, 1000u);
  EXPECT_EQ(spread.median.count(), 500);
  EXPECT_EQ(spread.p99.count(), 990);
  EXPECT_EQ(spread.max.count(), 1000);
}

TEST(Spread, P99OfFewSamplesIsTheLargest) {
  const auto spread = spread_of(one_to(10));
  EXPECT_EQ(spread.median.count(), 5);
  EXPECT_EQ(spread.p99.count(), 10);
}

TEST(Spread, OneSampleIsEveryFigure) {
  const auto spread = spread_of({Micros(42)});
  EXPECT_EQ(spread.median.count(), 42);
  EXPECT_EQ(spread.p99.count(), 42);
  EXPECT_EQ(spread.max.count(), 42);
}

}  // namespace
}  // namespace wsh::perf
