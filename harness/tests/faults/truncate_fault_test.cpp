#include "faults/truncate_fault.hpp"

#include <gtest/gtest.h>

#include "faults/fault_pipeline.hpp"
#include "net/socket_sink.hpp"
#include "net_test_support.hpp"
#include "recording_sink.hpp"

namespace wsh::faults {
namespace {

using namespace net::test;
using test::RecordingSink;

// The client writes `total` bytes through truncate{after, then}; returns what
// the server read before the stream ended, and how it ended.
Drained truncated_transfer(std::uint64_t after, TruncateEnd then, std::size_t total, net::Deadline read_deadline) {
  TcpPair pair = make_tcp_pair();
  net::SocketSink socket(pair.client);
  std::mt19937_64 rng{1};
  FaultPipeline pipeline(socket, rng);
  pipeline.install(std::make_unique<TruncateFault>(after, then));
  const net::Bytes data = pattern(total);
  const net::ByteView view(data);
  // Several writes, so the cut falls inside one of them.
  for (std::size_t at = 0; at < total; at += 7) {
    EXPECT_TRUE(pipeline.write(view.subspan(at, std::min<std::size_t>(7, total - at)), deadline_in(5s)).ok());
  }
  return drain(pair.server, read_deadline);
}

TEST(TruncateFault, PassesExactlyAfterBytesThenFin) {
  const Drained drained = truncated_transfer(23, TruncateEnd::Fin, 50, deadline_in(5s));
  EXPECT_EQ(drained.bytes, pattern(23));
  EXPECT_EQ(drained.end, net::ReadStatus::Eof);
}

TEST(TruncateFault, PassesExactlyAfterBytesThenRst) {
  const Drained drained = truncated_transfer(23, TruncateEnd::Rst, 50, deadline_in(5s));
  EXPECT_EQ(drained.bytes, pattern(23));
  EXPECT_EQ(drained.end, net::ReadStatus::Reset);
}

TEST(TruncateFault, PassesExactlyAfterBytesThenSilence) {
  const Drained drained = truncated_transfer(23, TruncateEnd::None, 50, deadline_in(100ms));
  EXPECT_EQ(drained.bytes, pattern(23));
  EXPECT_EQ(drained.end, net::ReadStatus::Timeout);
}

TEST(TruncateFault, CutsAtTheEndOfAWriteWithoutWaitingForTheNext) {
  RecordingSink sink;
  std::mt19937_64 rng{1};
  FaultPipeline pipeline(sink, rng);
  pipeline.install(std::make_unique<TruncateFault>(4, TruncateEnd::Fin));

  ASSERT_TRUE(pipeline.write(pattern(4), deadline_in(1s)).ok());

  EXPECT_EQ(sink.joined(), pattern(4));
  EXPECT_EQ(sink.fins, 1);
}

TEST(TruncateFault, CountsFromInstallationAndEndsOnce) {
  RecordingSink sink;
  std::mt19937_64 rng{1};
  FaultPipeline pipeline(sink, rng);
  ASSERT_TRUE(pipeline.write(pattern(100), deadline_in(1s)).ok());
  pipeline.install(std::make_unique<TruncateFault>(2, TruncateEnd::Rst));

  ASSERT_TRUE(pipeline.write(bytes_of("abc"), deadline_in(1s)).ok());
  ASSERT_TRUE(pipeline.write(bytes_of("def"), deadline_in(1s)).ok());

  EXPECT_EQ(sink.writes.back(), bytes_of("ab"));
  EXPECT_EQ(sink.joined().size(), 102u);
  EXPECT_EQ(sink.resets, 1);
}

TEST(TruncateFault, AfterZeroCutsAtTheFirstWrite) {
  RecordingSink sink;
  std::mt19937_64 rng{1};
  FaultPipeline pipeline(sink, rng);
  pipeline.install(std::make_unique<TruncateFault>(0, TruncateEnd::Fin));

  ASSERT_TRUE(pipeline.write(bytes_of("never"), deadline_in(1s)).ok());

  EXPECT_TRUE(sink.writes.empty());
  EXPECT_EQ(sink.fins, 1);
}

}  // namespace
}  // namespace wsh::faults
