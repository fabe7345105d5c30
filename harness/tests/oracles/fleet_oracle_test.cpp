// The multi-connection judgement: each connection by the single-connection
// oracles, the process once, one finding per broken rule that names the
// first connection and counts the rest.

#include "oracles/fleet_oracle.hpp"

#include <gtest/gtest.h>

#include "wire/close_payload.hpp"

namespace wsh::oracles {
namespace {

Observation clean_connection() {
  Observation observation;
  observation.handshake_ok = true;
  wire::Frame close;
  close.opcode = 0x8;
  close.payload = wire::build_close_payload(1001, "");
  observation.subject_close = close;
  observation.frames_from_subject.push_back(close);
  observation.tcp_end = TcpEnd::SubjectFin;
  observation.events = {{"open", "", 0, {}}, {"read", "fail", 0, {}}, {"cleanup", "", 0, {}}};
  return observation;
}

cases::Expectation going_away() {
  cases::Expectation expect;
  expect.codes = {1001};
  return expect;
}

std::vector<FleetConnection> fleet_of(const std::vector<Observation>& observations) {
  std::vector<FleetConnection> connections;
  for (std::size_t i = 0; i < observations.size(); ++i)
    connections.push_back({std::to_string(50000 + i), &observations[i]});
  return connections;
}

TEST(FleetOracle, EveryConnectionCleanPasses) {
  const std::vector<Observation> observations(5, clean_connection());
  const auto fleet = judge_fleet(going_away(), fleet_of(observations), Observation{}, 5);
  EXPECT_EQ(fleet.judgement.verdict, Verdict::Pass);
  EXPECT_EQ(fleet.verdict_counts.at("PASS"), 5u);
  EXPECT_EQ(fleet.representative, 0u);
}

TEST(FleetOracle, OneBrokenRuleIsOneFindingNamingTheFirstConnectionAndCountingTheRest) {
  std::vector<Observation> observations(4, clean_connection());
  for (std::size_t i : {1u, 3u}) observations[i].events.push_back({"cleanup", "", 0, {}});
  const auto fleet = judge_fleet(going_away(), fleet_of(observations), Observation{}, 4);
  EXPECT_EQ(fleet.judgement.verdict, Verdict::Fail);
  ASSERT_EQ(fleet.judgement.findings.size(), 1u);
  EXPECT_EQ(fleet.judgement.findings[0].oracle, "app.cleanup-once");
  EXPECT_EQ(fleet.judgement.reason,
            "connection 2 of 4 (port 50001): cleanup ran 2 times; expected once (and 1 more connection)");
  EXPECT_EQ(fleet.verdict_counts.at("FAIL"), 2u);
  EXPECT_EQ(fleet.verdict_counts.at("PASS"), 2u);
  EXPECT_EQ(fleet.representative, 1u);
  EXPECT_EQ(fleet.connections[3].judgement.verdict, Verdict::Fail);
}

TEST(FleetOracle, TheWorstConnectionIsTheOneShown) {
  std::vector<Observation> observations(3, clean_connection());
  observations[0].events.push_back({"cleanup", "", 0, {}});  // FAIL
  observations[2].events = {{"open", "", 0, {}}};            // TIMEOUT: the handler never returned
  const auto fleet = judge_fleet(going_away(), fleet_of(observations), Observation{}, 3);
  EXPECT_EQ(fleet.judgement.verdict, Verdict::Timeout);
  EXPECT_EQ(fleet.representative, 2u);
}

TEST(FleetOracle, FdsAreComparedAcrossTheWholeFleetOnce) {
  const std::vector<Observation> observations(10, clean_connection());
  Observation process;
  process.health.fds_before = 5;
  process.health.fds_after = 6;
  const auto fleet = judge_fleet(going_away(), fleet_of(observations), process, 10);
  EXPECT_EQ(fleet.judgement.verdict, Verdict::Fail);
  ASSERT_EQ(fleet.judgement.findings.size(), 1u);
  EXPECT_EQ(fleet.judgement.findings[0].oracle, "app.fd-leak");
  EXPECT_EQ(fleet.verdict_counts.at("PASS"), 10u);  // no connection on its own shows it
}

TEST(FleetOracle, ACrashOrAWrongExitIsTheProcesss) {
  const std::vector<Observation> observations(2, clean_connection());
  Observation process;
  process.health.waited_for_exit = true;  // still running: exited_by_itself unset
  auto expect = going_away();
  expect.exit_code = 0;
  auto fleet = judge_fleet(expect, fleet_of(observations), process, 2);
  EXPECT_EQ(fleet.judgement.verdict, Verdict::Fail);
  EXPECT_EQ(fleet.judgement.findings[0].oracle, "health.exit");
  process.health.crash = "killed by SIGSEGV";
  fleet = judge_fleet(expect, fleet_of(observations), process, 2);
  EXPECT_EQ(fleet.judgement.verdict, Verdict::Error);
}

}  // namespace
}  // namespace wsh::oracles
