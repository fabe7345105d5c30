// The robust expectation (`robust = true`) grades what must hold whatever the
// peer sends, and nothing that depends on the exact input.

#include <gtest/gtest.h>

#include "oracles/oracles.hpp"

namespace wsh::oracles {
namespace {

cases::Expectation robust() {
  cases::Expectation expect;
  expect.close = cases::CloseExpectation::Any;
  expect.robust = true;
  return expect;
}

Observation handled_once() {
  Observation observation;
  observation.handshake_ok = true;
  observation.events = {
      {"read", "text", 0, Micros(10)}, {"read", "fail", 0, Micros(20)}, {"cleanup", "", 0, Micros(30)}};
  return observation;
}

TEST(RobustExpectation, PassesAHandlerThatEndedOnce) {
  EXPECT_EQ(evaluate(robust(), handled_once()).verdict, Verdict::Pass);
}

TEST(RobustExpectation, DoesNotGradeTheWireOrTheOutcome) {
  auto observation = handled_once();
  observation.subject_decode_error = wire::DecodeError{};
  observation.subject_message_errors = {"invalid UTF-8"};
  observation.step_failure = "the connection was gone before the frame could be sent";
  EXPECT_EQ(evaluate(robust(), observation).verdict, Verdict::Pass);
}

TEST(RobustExpectation, AcceptsAHandlerThatLeftWithoutFail) {
  auto observation = handled_once();
  observation.events = {{"read", "text", 0, Micros(10)}, {"cleanup", "", 0, Micros(30)}};
  EXPECT_EQ(evaluate(robust(), observation).verdict, Verdict::Pass);
}

TEST(RobustExpectation, CatchesACrash) {
  auto observation = handled_once();
  observation.health.crash = "was killed by SIGABRT";
  const auto judgement = evaluate(robust(), observation);
  EXPECT_EQ(judgement.verdict, Verdict::Error);
  EXPECT_EQ(judgement.findings.front().oracle, "health.crash");
}

TEST(RobustExpectation, CatchesAHandlerThatNeverReturned) {
  auto observation = handled_once();
  observation.events = {{"read", "text", 0, Micros(10)}};
  EXPECT_EQ(evaluate(robust(), observation).verdict, Verdict::Timeout);
}

TEST(RobustExpectation, CatchesTwoCleanupsAndReadsAfterFail) {
  auto observation = handled_once();
  observation.events.push_back({"cleanup", "", 0, Micros(40)});
  EXPECT_EQ(evaluate(robust(), observation).findings.front().oracle, "app.cleanup-once");
  observation = handled_once();
  observation.events.insert(observation.events.begin() + 2, {"read", "text", 0, Micros(25)});
  EXPECT_EQ(evaluate(robust(), observation).findings.front().oracle, "app.fail-is-last");
}

TEST(RobustExpectation, CatchesCleanupBeforeFail) {
  auto observation = handled_once();
  observation.events = {{"cleanup", "", 0, Micros(10)}, {"read", "fail", 0, Micros(20)}};
  EXPECT_EQ(evaluate(robust(), observation).findings.front().oracle, "app.cleanup-after-fail");
}

}  // namespace
}  // namespace wsh::oracles
