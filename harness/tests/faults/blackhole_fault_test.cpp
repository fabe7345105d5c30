#include "faults/blackhole_fault.hpp"

#include <gtest/gtest.h>

#include "faults/fault_pipeline.hpp"
#include "net/socket_sink.hpp"
#include "net_test_support.hpp"

namespace wsh::faults {
namespace {

using namespace net::test;

TEST(BlackholeFault, DeliversNothingAndKeepsTheConnectionOpen) {
  TcpPair pair = make_tcp_pair();
  net::SocketSink socket(pair.client);
  std::mt19937_64 rng{1};
  FaultPipeline pipeline(socket, rng);
  pipeline.install(std::make_unique<BlackholeFault>());

  const net::WriteOutcome outcome = pipeline.write(pattern(1000), deadline_in(1s));
  const Drained drained = drain(pair.server, deadline_in(100ms));

  EXPECT_TRUE(outcome.ok());
  EXPECT_EQ(outcome.written, 1000u);
  EXPECT_TRUE(drained.bytes.empty());
  EXPECT_EQ(drained.end, net::ReadStatus::Timeout);  // no FIN, no RST: silence
  EXPECT_EQ(pipeline.bytes_delivered(), 0u);
}

}  // namespace
}  // namespace wsh::faults
