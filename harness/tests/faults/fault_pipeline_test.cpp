#include "faults/fault_pipeline.hpp"

#include <gtest/gtest.h>

#include "faults/burst_fault.hpp"
#include "faults/chop_fault.hpp"
#include "faults/corrupt_fault.hpp"
#include "net_test_support.hpp"
#include "recording_sink.hpp"

namespace wsh::faults {
namespace {

using namespace net::test;
using test::RecordingSink;

struct PipelineTest : ::testing::Test {
  RecordingSink sink;
  std::mt19937_64 rng{42};
  FaultPipeline pipeline{sink, rng};
};

TEST_F(PipelineTest, WithoutFaultsPassesEveryWriteUnchanged) {
  ASSERT_TRUE(pipeline.write(bytes_of("abc"), deadline_in(1s)).ok());
  ASSERT_TRUE(pipeline.write(bytes_of("de"), deadline_in(1s)).ok());

  ASSERT_EQ(sink.writes.size(), 2u);
  EXPECT_EQ(sink.joined(), bytes_of("abcde"));
  EXPECT_EQ(pipeline.bytes_written(), 5u);
  EXPECT_EQ(pipeline.bytes_delivered(), 5u);
}

TEST_F(PipelineTest, ReportsTheWholeWriteAsWrittenWhateverFaultsDid) {
  pipeline.install(std::make_unique<BurstFault>(10));
  const net::WriteOutcome outcome = pipeline.write(bytes_of("held"), deadline_in(1s));
  EXPECT_TRUE(outcome.ok());
  EXPECT_EQ(outcome.written, 4u);
  EXPECT_TRUE(sink.writes.empty());
}

TEST_F(PipelineTest, AppliesFaultsInInstallationOrder) {
  // chop first, then burst: the burst collects three slices into one write.
  pipeline.install(std::make_unique<ChopFault>(2, std::chrono::milliseconds(0), 0));
  pipeline.install(std::make_unique<BurstFault>(3));

  ASSERT_TRUE(pipeline.write(bytes_of("abcdef"), deadline_in(1s)).ok());

  ASSERT_EQ(sink.writes.size(), 1u);
  EXPECT_EQ(sink.writes[0], bytes_of("abcdef"));
}

TEST_F(PipelineTest, ALaterFaultSeesTheOffsetTheWireReached) {
  ASSERT_TRUE(pipeline.write(pattern(10), deadline_in(1s)).ok());
  // corrupt counts from its installation: offset 2 is wire byte 12.
  pipeline.install(std::make_unique<CorruptFault>(2, 0xFF));

  ASSERT_TRUE(pipeline.write(net::ByteView(pattern(20)).subspan(10, 5), deadline_in(1s)).ok());

  net::Bytes expected = pattern(15);
  expected[12] ^= 0xFF;
  EXPECT_EQ(sink.joined(), expected);
}

TEST_F(PipelineTest, FlushReleasesHeldBytesThroughTheFaultsAfterIt) {
  pipeline.install(std::make_unique<BurstFault>(5));
  pipeline.install(std::make_unique<ChopFault>(1, std::chrono::milliseconds(0), 0));
  ASSERT_TRUE(pipeline.write(bytes_of("xyz"), deadline_in(1s)).ok());
  ASSERT_TRUE(sink.writes.empty());

  ASSERT_TRUE(pipeline.flush(deadline_in(1s)).ok());

  ASSERT_EQ(sink.writes.size(), 3u);  // released by burst, then chopped
  EXPECT_EQ(sink.joined(), bytes_of("xyz"));
  EXPECT_EQ(sink.flushes, 1);
}

TEST_F(PipelineTest, FinAndResetGoStraightToTheSocket) {
  pipeline.install(std::make_unique<BurstFault>(5));
  pipeline.shutdown_write();
  pipeline.reset();
  EXPECT_EQ(sink.fins, 1);
  EXPECT_EQ(sink.resets, 1);
}

TEST_F(PipelineTest, ClearRemovesEveryFault) {
  pipeline.install(std::make_unique<CorruptFault>(0, 0xFF));
  pipeline.clear();
  ASSERT_TRUE(pipeline.write(bytes_of("a"), deadline_in(1s)).ok());
  EXPECT_EQ(pipeline.fault_count(), 0u);
  EXPECT_EQ(sink.joined(), bytes_of("a"));
}

}  // namespace
}  // namespace wsh::faults
