#include "faults/corrupt_fault.hpp"

#include <gtest/gtest.h>

#include "faults/fault_pipeline.hpp"
#include "net_test_support.hpp"
#include "recording_sink.hpp"

namespace wsh::faults {
namespace {

using namespace net::test;
using test::RecordingSink;

std::size_t differing_bytes(const net::Bytes& a, const net::Bytes& b) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) count += a[i] != b[i] ? 1 : 0;
  return count;
}

struct CorruptTest : ::testing::Test {
  RecordingSink sink;
  std::mt19937_64 rng{1};
  FaultPipeline pipeline{sink, rng};
};

TEST_F(CorruptTest, FlipsExactlyTheByteAtTheOffset) {
  pipeline.install(std::make_unique<CorruptFault>(5, 0xFF));
  const net::Bytes original = pattern(10);

  ASSERT_TRUE(pipeline.write(original, deadline_in(1s)).ok());

  const net::Bytes sent = sink.joined();
  ASSERT_EQ(sent.size(), original.size());
  EXPECT_EQ(differing_bytes(sent, original), 1u);
  EXPECT_EQ(sent[5], original[5] ^ 0xFF);
}

TEST_F(CorruptTest, CountsTheOffsetAcrossWrites) {
  pipeline.install(std::make_unique<CorruptFault>(7, 0x01));
  const net::Bytes original = pattern(12);
  const net::ByteView view(original);

  for (std::size_t at = 0; at < original.size(); at += 3)
    ASSERT_TRUE(pipeline.write(view.subspan(at, 3), deadline_in(1s)).ok());

  const net::Bytes sent = sink.joined();
  EXPECT_EQ(differing_bytes(sent, original), 1u);
  EXPECT_EQ(sent[7], original[7] ^ 0x01);
}

TEST_F(CorruptTest, LeavesTheCallersBufferUntouched) {
  pipeline.install(std::make_unique<CorruptFault>(0, 0xFF));
  const net::Bytes original = pattern(4);
  const net::Bytes copy = original;
  ASSERT_TRUE(pipeline.write(original, deadline_in(1s)).ok());
  EXPECT_EQ(original, copy);
}

TEST_F(CorruptTest, CountsTheOffsetFromInstallation) {
  ASSERT_TRUE(pipeline.write(pattern(10), deadline_in(1s)).ok());
  pipeline.install(std::make_unique<CorruptFault>(3, 0xFF));
  ASSERT_TRUE(pipeline.write(pattern(10), deadline_in(1s)).ok());

  net::Bytes expected = pattern(10);
  net::Bytes again = pattern(10);
  again[3] ^= 0xFF;
  expected.insert(expected.end(), again.begin(), again.end());
  EXPECT_EQ(sink.joined(), expected);
}

}  // namespace
}  // namespace wsh::faults
