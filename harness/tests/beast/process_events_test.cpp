#include "process_events.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace wsh::subject::beast_subject {
namespace {

using namespace std::chrono_literals;

TEST(ProcessEvents, WakesOnAShutdownRequestFromAnotherThread) {
  ProcessEvents events;
  std::thread signal([&] { events.request_shutdown(); });
  const auto state = events.wait_until([](const ProcessState& now) { return now.shutdown_requested; },
                                       ProcessEvents::Clock::now() + 10s);
  signal.join();
  EXPECT_TRUE(state.shutdown_requested);
}

TEST(ProcessEvents, ReturnsTheStateWhenTheDeadlinePasses) {
  ProcessEvents events;
  events.connection_opened();
  const auto state = events.wait_until([](const ProcessState& now) { return now.connection_finished; },
                                       ProcessEvents::Clock::now() + 20ms);
  EXPECT_TRUE(state.connection_opened);
  EXPECT_FALSE(state.connection_finished);
}

TEST(ProcessEvents, KeepsTheFirstConnectFailure) {
  ProcessEvents events;
  events.connect_failed("TCP connect failed: refused");
  events.connect_failed("later");
  const auto state = events.wait_until([](const ProcessState& now) { return now.connect_failure.has_value(); });
  ASSERT_TRUE(state.connect_failure.has_value());
  EXPECT_EQ(*state.connect_failure, "TCP connect failed: refused");
}

}  // namespace
}  // namespace wsh::subject::beast_subject
