#include "timeout_policy.hpp"

#include <gtest/gtest.h>

namespace wsh::subject::beast_subject {
namespace {

SubjectOptions options_with(int close_ms, int read_ms, int ping_ms) {
  SubjectOptions options;
  options.close_timeout_ms = close_ms;
  options.read_timeout_ms = read_ms;
  options.ping_interval_ms = ping_ms;
  return options;
}

TEST(TimeoutPolicy, MapsCloseTimeoutOntoHandshakeTimeout) {
  const auto policy = timeout_policy_from(options_with(1500, 5000, 0));
  ASSERT_TRUE(policy.handshake.has_value());
  EXPECT_EQ(*policy.handshake, Millis{1500});
}

TEST(TimeoutPolicy, MapsReadTimeoutOntoIdleTimeoutWithoutPings) {
  const auto policy = timeout_policy_from(options_with(1000, 2500, 0));
  ASSERT_TRUE(policy.idle.has_value());
  EXPECT_EQ(*policy.idle, Millis{2500});
  EXPECT_FALSE(policy.keep_alive_pings);
  EXPECT_FALSE(policy.ping_interval().has_value());
}

TEST(TimeoutPolicy, PingIntervalTurnsOnKeepAliveWithTwiceTheIntervalAsIdle) {
  const auto policy = timeout_policy_from(options_with(1000, 5000, 300));
  EXPECT_TRUE(policy.keep_alive_pings);
  ASSERT_TRUE(policy.idle.has_value());
  EXPECT_EQ(*policy.idle, Millis{600});
  ASSERT_TRUE(policy.ping_interval().has_value());
  EXPECT_EQ(*policy.ping_interval(), Millis{300});
}

TEST(TimeoutPolicy, ZeroMeansNone) {
  const auto policy = timeout_policy_from(options_with(0, 0, 0));
  EXPECT_FALSE(policy.handshake.has_value());
  EXPECT_FALSE(policy.idle.has_value());
  EXPECT_FALSE(policy.keep_alive_pings);
}

TEST(TimeoutPolicy, ReportsWhatBeastIsConfiguredWith) {
  Hello hello;
  report_timeouts(timeout_policy_from(options_with(800, 5000, 250)), hello);
  EXPECT_EQ(hello.close_timeout_ms, 800);
  EXPECT_EQ(hello.read_timeout_ms, 500);
  EXPECT_EQ(hello.ping_interval_ms, 250);
}

TEST(TimeoutPolicy, ReportsNoneAsZero) {
  Hello hello;
  report_timeouts(timeout_policy_from(options_with(0, 0, 0)), hello);
  EXPECT_EQ(hello.close_timeout_ms, 0);
  EXPECT_EQ(hello.read_timeout_ms, 0);
  EXPECT_EQ(hello.ping_interval_ms, 0);
}

TEST(TimeoutPolicy, ShutdownGraceExceedsTheCloseTimeout) {
  const auto policy = timeout_policy_from(options_with(1000, 5000, 0));
  EXPECT_GT(shutdown_grace(policy), Millis{1000});
}

TEST(TimeoutPolicy, ShutdownGraceIsBoundedWithoutCloseTimeout) {
  const auto policy = timeout_policy_from(options_with(0, 0, 0));
  EXPECT_GT(shutdown_grace(policy), Millis{0});
}

}  // namespace
}  // namespace wsh::subject::beast_subject
