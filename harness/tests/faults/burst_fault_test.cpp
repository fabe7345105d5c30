#include "faults/burst_fault.hpp"

#include <gtest/gtest.h>

#include "faults/fault_pipeline.hpp"
#include "net/socket_sink.hpp"
#include "net_test_support.hpp"
#include "recording_sink.hpp"

namespace wsh::faults {
namespace {

using namespace net::test;
using test::RecordingSink;

struct BurstTest : ::testing::Test {
  RecordingSink sink;
  std::mt19937_64 rng{1};
  FaultPipeline pipeline{sink, rng};
};

TEST_F(BurstTest, CoalescesTheGivenNumberOfWritesIntoOne) {
  pipeline.install(std::make_unique<BurstFault>(3));

  ASSERT_TRUE(pipeline.write(bytes_of("one,"), deadline_in(1s)).ok());
  ASSERT_TRUE(pipeline.write(bytes_of("two,"), deadline_in(1s)).ok());
  EXPECT_TRUE(sink.writes.empty());
  ASSERT_TRUE(pipeline.write(bytes_of("three"), deadline_in(1s)).ok());

  ASSERT_EQ(sink.writes.size(), 1u);
  EXPECT_EQ(sink.writes[0], bytes_of("one,two,three"));
}

TEST_F(BurstTest, StartsANewBurstAfterEachRelease) {
  pipeline.install(std::make_unique<BurstFault>(2));
  for (const char* word : {"a", "b", "c", "d"}) ASSERT_TRUE(pipeline.write(bytes_of(word), deadline_in(1s)).ok());

  ASSERT_EQ(sink.writes.size(), 2u);
  EXPECT_EQ(sink.writes[1], bytes_of("cd"));
}

TEST_F(BurstTest, FlushReleasesAPartialBurst) {
  pipeline.install(std::make_unique<BurstFault>(100));
  ASSERT_TRUE(pipeline.write(bytes_of("x"), deadline_in(1s)).ok());
  ASSERT_TRUE(pipeline.write(bytes_of("y"), deadline_in(1s)).ok());

  ASSERT_TRUE(pipeline.flush(deadline_in(1s)).ok());
  ASSERT_TRUE(pipeline.flush(deadline_in(1s)).ok());  // nothing left: no empty write

  ASSERT_EQ(sink.writes.size(), 1u);
  EXPECT_EQ(sink.writes[0], bytes_of("xy"));
}

TEST(BurstFaultOverTcp, ManyWritesArriveInOneRead) {
  TcpPair pair = make_tcp_pair();
  net::SocketSink socket(pair.client);
  std::mt19937_64 rng{1};
  FaultPipeline pipeline(socket, rng);
  pipeline.install(std::make_unique<BurstFault>(20));

  for (int frame = 0; frame < 20; ++frame) ASSERT_TRUE(pipeline.write(pattern(10), deadline_in(1s)).ok());
  pair.client.shutdown_write();
  const Drained drained = drain(pair.server, deadline_in(5s));

  EXPECT_EQ(drained.bytes.size(), 200u);
  EXPECT_EQ(drained.reads, 1);
}

}  // namespace
}  // namespace wsh::faults
