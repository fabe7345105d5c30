#include "hello.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace wsh::subject::httplib_subject {
namespace {

bool has(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

HttplibBuild build_of(bool tls, bool runtime_ping) {
  HttplibBuild build;
  build.version = "0.38.0";
  build.tls = tls;
  build.knobs.runtime_ping_interval = runtime_ping;
  return build;
}

TEST(MakeHello, NamesTheImplementationAndVersion) {
  const auto hello = make_hello(build_of(true, true), TimeoutPlan{});
  EXPECT_EQ(hello.impl, "httplib");
  EXPECT_EQ(hello.version, "0.38.0");
  EXPECT_EQ(hello.roles, (std::vector<std::string>{"server", "client"}));
}

TEST(MakeHello, TlsOnlyWhenBuiltWithOpenSsl) {
  EXPECT_TRUE(has(make_hello(build_of(true, true), TimeoutPlan{}).features, "tls"));
  EXPECT_FALSE(has(make_hello(build_of(false, true), TimeoutPlan{}).features, "tls"));
}

TEST(MakeHello, HeartbeatOnlyWithARuntimePingInterval) {
  EXPECT_TRUE(has(make_hello(build_of(true, true), TimeoutPlan{}).features, "heartbeat"));
  EXPECT_FALSE(has(make_hello(build_of(true, false), TimeoutPlan{}).features, "heartbeat"));
}

TEST(MakeHello, AlwaysThreadsAndLeave) {
  const auto features = make_hello(build_of(false, false), TimeoutPlan{}).features;
  EXPECT_TRUE(has(features, "threads"));
  EXPECT_TRUE(has(features, "leave"));
}

TEST(MakeHello, ReportsTheTimeoutsInForce) {
  TimeoutPlan plan;
  plan.close = std::chrono::milliseconds(1000);
  plan.read = std::chrono::milliseconds(5000);
  plan.ping_interval = std::chrono::milliseconds(2000);
  const auto hello = make_hello(build_of(true, true), plan);
  EXPECT_EQ(hello.close_timeout_ms, 1000);
  EXPECT_EQ(hello.read_timeout_ms, 5000);
  EXPECT_EQ(hello.ping_interval_ms, 2000);
}

}  // namespace
}  // namespace wsh::subject::httplib_subject
