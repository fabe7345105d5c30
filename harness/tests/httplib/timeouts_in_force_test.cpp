#include "timeouts_in_force.hpp"

#include <gtest/gtest.h>

namespace wsh::subject::httplib_subject {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

HttplibKnobs knobs_of_0_33() {
  HttplibKnobs knobs;
  knobs.close_timeout = seconds(1);
  knobs.default_read_timeout = seconds(5);
  knobs.default_ping_interval = seconds(30);
  knobs.runtime_ping_interval = false;
  return knobs;
}

HttplibKnobs knobs_of_0_38() {
  auto knobs = knobs_of_0_33();
  knobs.runtime_ping_interval = true;
  return knobs;
}

SubjectOptions options_for(Role role) {
  SubjectOptions options;
  options.role = role;
  options.close_timeout_ms = 250;
  options.read_timeout_ms = 1500;
  options.ping_interval_ms = 0;
  return options;
}

TEST(PlanTimeouts, CloseTimeoutIsTheMacroWhateverWasAsked) {
  const auto plan = plan_timeouts(options_for(Role::Server), knobs_of_0_38());
  EXPECT_EQ(plan.close, milliseconds(1000));
}

TEST(PlanTimeouts, ServerReadTimeoutIsTheMacro) {
  const auto plan = plan_timeouts(options_for(Role::Server), knobs_of_0_38());
  EXPECT_EQ(plan.read, milliseconds(5000));
  EXPECT_EQ(plan.client_read_timeout.count(), 0);
}

TEST(PlanTimeouts, ClientReadTimeoutIsHonouredToTheMillisecond) {
  const auto plan = plan_timeouts(options_for(Role::Client), knobs_of_0_33());
  EXPECT_EQ(plan.read, milliseconds(1500));
  EXPECT_EQ(plan.client_read_timeout, milliseconds(1500));
}

TEST(PlanTimeouts, ClientReadTimeoutZeroKeepsHttplibsDefault) {
  auto options = options_for(Role::Client);
  options.read_timeout_ms = 0;
  const auto plan = plan_timeouts(options, knobs_of_0_33());
  EXPECT_EQ(plan.read, milliseconds(5000));
  EXPECT_EQ(plan.client_read_timeout.count(), 0);
}

TEST(PlanTimeouts, PingIntervalRoundsUpToWholeSeconds) {
  auto options = options_for(Role::Server);
  options.ping_interval_ms = 1200;
  const auto plan = plan_timeouts(options, knobs_of_0_38());
  EXPECT_EQ(plan.ping_interval_setting, seconds(2));
  EXPECT_EQ(plan.ping_interval, milliseconds(2000));
}

TEST(PlanTimeouts, PingOffWhenTheReleaseCanTurnItOff) {
  const auto plan = plan_timeouts(options_for(Role::Client), knobs_of_0_38());
  EXPECT_EQ(plan.ping_interval_setting, seconds(0));
  EXPECT_EQ(plan.ping_interval, milliseconds(0));
}

TEST(PlanTimeouts, OldReleasesReportTheirAlwaysOnHeartbeat) {
  auto options = options_for(Role::Server);
  options.ping_interval_ms = 500;
  const auto plan = plan_timeouts(options, knobs_of_0_33());
  EXPECT_EQ(plan.ping_interval, milliseconds(30000));
}

}  // namespace
}  // namespace wsh::subject::httplib_subject
