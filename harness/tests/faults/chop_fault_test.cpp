#include "faults/chop_fault.hpp"

#include <future>

#include <gtest/gtest.h>

#include "faults/fault_pipeline.hpp"
#include "net/socket_sink.hpp"
#include "net_test_support.hpp"
#include "recording_sink.hpp"

namespace wsh::faults {
namespace {

using namespace net::test;
using test::RecordingSink;

TEST(ChopFault, SendsTheSameBytesInSlicesOfTheGivenSize) {
  RecordingSink sink;
  std::mt19937_64 rng{1};
  FaultPipeline pipeline(sink, rng);
  pipeline.install(std::make_unique<ChopFault>(3, 0ms, 0));

  ASSERT_TRUE(pipeline.write(pattern(10), deadline_in(1s)).ok());

  ASSERT_EQ(sink.writes.size(), 4u);
  EXPECT_EQ(sink.writes[0].size(), 3u);
  EXPECT_EQ(sink.writes[3].size(), 1u);  // the remainder
  EXPECT_EQ(sink.joined(), pattern(10));
  EXPECT_TRUE(sink.nodelay);
}

TEST(ChopFault, OneByteSlicesCoverEveryByte) {
  RecordingSink sink;
  std::mt19937_64 rng{1};
  FaultPipeline pipeline(sink, rng);
  pipeline.install(std::make_unique<ChopFault>(1, 0ms, 0));

  ASSERT_TRUE(pipeline.write(pattern(7), deadline_in(1s)).ok());
  ASSERT_TRUE(pipeline.write(pattern(2), deadline_in(1s)).ok());

  EXPECT_EQ(sink.writes.size(), 9u);
}

std::vector<std::size_t> slice_sizes_with_seed(std::uint64_t seed) {
  RecordingSink sink;
  std::mt19937_64 rng{seed};
  FaultPipeline pipeline(sink, rng);
  pipeline.install(std::make_unique<ChopFault>(4, 0ms, 3));
  EXPECT_TRUE(pipeline.write(pattern(200), deadline_in(1s)).ok());
  EXPECT_EQ(sink.joined(), pattern(200));
  std::vector<std::size_t> sizes;
  for (const net::Bytes& write : sink.writes) sizes.push_back(write.size());
  return sizes;
}

TEST(ChopFault, VariedSlicesReplayExactlyFromTheSeed) {
  const std::vector<std::size_t> first = slice_sizes_with_seed(7);
  EXPECT_EQ(slice_sizes_with_seed(7), first);
  for (std::size_t i = 0; i + 1 < first.size(); ++i) {  // the last one is a remainder
    EXPECT_GE(first[i], 1u);
    EXPECT_LE(first[i], 7u);
  }
}

TEST(ChopFault, DelayedSlicesArriveAsSeparateReads) {
  TcpPair pair = make_tcp_pair();
  net::SocketSink socket(pair.client);
  std::mt19937_64 rng{1};
  FaultPipeline pipeline(socket, rng);
  // 5 slices 40 ms apart: each is read on its own by a reader blocked in read_some.
  pipeline.install(std::make_unique<ChopFault>(2, 40ms, 0));
  auto reader = std::async(std::launch::async, [&] { return drain(pair.server, deadline_in(10s)); });

  ASSERT_TRUE(pipeline.write(pattern(10), deadline_in(5s)).ok());
  pair.client.shutdown_write();
  const Drained drained = reader.get();

  EXPECT_EQ(drained.bytes, pattern(10));
  EXPECT_EQ(drained.end, net::ReadStatus::Eof);
  EXPECT_GE(drained.reads, 5);
}

TEST(ChopFault, DeadlineBetweenSlicesStopsTheWrite) {
  RecordingSink sink;
  std::mt19937_64 rng{1};
  FaultPipeline pipeline(sink, rng);
  pipeline.install(std::make_unique<ChopFault>(1, 1000ms, 0));

  const net::WriteOutcome outcome = pipeline.write(pattern(5), deadline_in(20ms));

  EXPECT_EQ(outcome.status, net::WriteStatus::Timeout);
  EXPECT_EQ(sink.writes.size(), 1u);
}

}  // namespace
}  // namespace wsh::faults
