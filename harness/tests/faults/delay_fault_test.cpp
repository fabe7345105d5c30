#include "faults/delay_fault.hpp"

#include <gtest/gtest.h>

#include "faults/fault_pipeline.hpp"
#include "net_test_support.hpp"
#include "recording_sink.hpp"

namespace wsh::faults {
namespace {

using namespace net::test;
using test::RecordingSink;

TEST(DelayFault, HoldsEachWriteForTheGivenTime) {
  RecordingSink sink;
  std::mt19937_64 rng{1};
  FaultPipeline pipeline(sink, rng);
  pipeline.install(std::make_unique<DelayFault>(30ms));
  const net::Clock::time_point start = net::Clock::now();

  ASSERT_TRUE(pipeline.write(bytes_of("late"), deadline_in(5s)).ok());

  EXPECT_GE(net::Clock::now() - start, 30ms);
  EXPECT_EQ(sink.joined(), bytes_of("late"));
}

TEST(DelayFault, ADeadlineBeforeTheDelayEndsIsATimeoutAndSendsNothing) {
  RecordingSink sink;
  std::mt19937_64 rng{1};
  FaultPipeline pipeline(sink, rng);
  pipeline.install(std::make_unique<DelayFault>(10s));

  EXPECT_EQ(pipeline.write(bytes_of("never"), deadline_in(20ms)).status, net::WriteStatus::Timeout);
  EXPECT_TRUE(sink.writes.empty());
}

}  // namespace
}  // namespace wsh::faults
