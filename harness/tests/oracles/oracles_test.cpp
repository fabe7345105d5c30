// The oracles as pure functions: each verdict path from a hand-made
// Observation. (Their power against real subjects is proven by the negative
// controls.)

#include <gtest/gtest.h>

#include "oracles/oracles.hpp"
#include "wire/close_payload.hpp"

namespace wsh::oracles {
namespace {

wire::Frame close_frame(std::optional<std::uint16_t> code) {
  wire::Frame frame;
  frame.opcode = 0x8;
  frame.payload = wire::build_close_payload(code, "");
  return frame;
}

Observation clean_server_close(std::uint16_t code) {
  Observation observation;
  observation.handshake_ok = true;
  observation.subject_close = close_frame(code);
  observation.frames_from_subject.push_back(*observation.subject_close);
  observation.tcp_end = TcpEnd::SubjectFin;
  observation.events = {{"open", "", 0, {}}, {"read", "fail", 0, {}}, {"cleanup", "", 0, {}}};
  return observation;
}

cases::Expectation clean(std::vector<cases::CloseCode> codes) {
  cases::Expectation expect;
  expect.codes = std::move(codes);
  return expect;
}

TEST(Judge, WorstFindingWinsAndInformationalNeverHidesACrash) {
  auto judgement = judge({{Verdict::NonStrict, "a", "drop"}, {Verdict::Fail, "b", "wrong code"}}, false);
  EXPECT_EQ(judgement.verdict, Verdict::Fail);
  EXPECT_EQ(judgement.reason, "wrong code");
  EXPECT_EQ(judge({{Verdict::Fail, "b", "x"}}, true).verdict, Verdict::Informational);
  EXPECT_EQ(judge({{Verdict::Error, "c", "crash"}}, true).verdict, Verdict::Error);
  EXPECT_EQ(judge({}, false).verdict, Verdict::Pass);
}

TEST(Outcome, CleanCloseWithAcceptedCodePasses) {
  EXPECT_EQ(evaluate(clean({1000}), clean_server_close(1000)).verdict, Verdict::Pass);
}

TEST(Outcome, WrongCodeFailsAndSaysBoth) {
  const auto judgement = evaluate(clean({1000}), clean_server_close(1001));
  EXPECT_EQ(judgement.verdict, Verdict::Fail);
  EXPECT_EQ(judgement.reason, "expected close code 1000; got close frame with code 1001");
}

TEST(Outcome, DropInsteadOfFailCloseIsNonStrict) {
  auto observation = clean_server_close(1000);
  observation.subject_close.reset();
  observation.frames_from_subject.clear();
  cases::Expectation expect;
  expect.close = cases::CloseExpectation::Fail;
  expect.codes = {1002};
  EXPECT_EQ(evaluate(expect, observation).verdict, Verdict::NonStrict);
}

TEST(Outcome, NoFailureAtAllFails) {
  auto observation = clean_server_close(1000);
  observation.subject_close.reset();
  observation.frames_from_subject.clear();
  observation.tcp_end = TcpEnd::StillOpen;
  cases::Expectation expect;
  expect.close = cases::CloseExpectation::Fail;
  expect.codes = {1002};
  EXPECT_EQ(evaluate(expect, observation).verdict, Verdict::Fail);
}

TEST(Outcome, ASendCutShortIsTheExpectedFailureOnlyWhenTheCaseExpectsOne) {
  auto observation = clean_server_close(1009);
  observation.step_failure = "step x: the connection was gone before the frame could be sent";
  observation.step_send_outran = true;
  cases::Expectation fail;
  fail.close = cases::CloseExpectation::Fail;
  fail.codes = {1009};
  EXPECT_EQ(evaluate(fail, observation).verdict, Verdict::Pass);
  // A clean close was expected: the cut-short send is still a failed step.
  EXPECT_EQ(evaluate(clean({1009}), observation).verdict, Verdict::Fail);
  // Not cut short by the subject (the harness ended it): still a failed step.
  observation.step_send_outran = false;
  EXPECT_EQ(evaluate(fail, observation).verdict, Verdict::Fail);
}

TEST(Outcome, ServerThatLeavesTcpOpenIsNonStrict) {
  auto observation = clean_server_close(1000);
  observation.tcp_end = TcpEnd::StillOpen;
  EXPECT_EQ(evaluate(clean({1000}), observation).verdict, Verdict::NonStrict);
}

TEST(Wire, ReservedCodeOnTheWireFails) {
  auto observation = clean_server_close(1005);
  const auto judgement = evaluate(clean({}), observation);
  EXPECT_EQ(judgement.verdict, Verdict::Fail);
  EXPECT_EQ(judgement.findings.front().oracle, "wire.reserved-code");
}

TEST(Application, TwoCleanupsFail) {
  auto observation = clean_server_close(1000);
  observation.events.push_back({"cleanup", "", 0, {}});
  EXPECT_EQ(evaluate(clean({1000}), observation).reason, "cleanup ran 2 times; expected once");
}

TEST(Application, ReadAfterFailFails) {
  auto observation = clean_server_close(1000);
  observation.events.insert(observation.events.begin() + 2, {"read", "text", 0, {}});
  EXPECT_EQ(evaluate(clean({1000}), observation).findings.front().oracle, "app.fail-is-last");
}

// A read timeout (cpp-httplib >= 0.56.0's ReadResult::Timeout) leaves the
// connection open: it is a read like any other, never the loop's one Fail.
TEST(Application, ReadTimeoutsBeforeTheFailPass) {
  auto observation = clean_server_close(1000);
  observation.events.insert(observation.events.begin() + 1, {"read", "timeout", 0, {}});
  observation.events.insert(observation.events.begin() + 1, {"read", "timeout", 0, {}});
  EXPECT_EQ(evaluate(clean({1000}), observation).verdict, Verdict::Pass);
}

TEST(Application, ReadTimeoutIsNotTheFail) {
  auto observation = clean_server_close(1000);
  observation.events = {{"open", "", 0, {}}, {"read", "timeout", 0, {}}, {"cleanup", "", 0, {}}};
  EXPECT_EQ(evaluate(clean({1000}), observation).findings.front().oracle, "app.read-fail-once");
}

TEST(Application, ReadTimeoutAfterFailFails) {
  auto observation = clean_server_close(1000);
  observation.events.insert(observation.events.begin() + 2, {"read", "timeout", 0, {}});
  EXPECT_EQ(evaluate(clean({1000}), observation).findings.front().oracle, "app.fail-is-last");
}

TEST(Application, NoFailNoCleanupIsATimeout) {
  auto observation = clean_server_close(1000);
  observation.events = {{"open", "", 0, {}}};
  EXPECT_EQ(evaluate(clean({1000}), observation).verdict, Verdict::Timeout);
}

TEST(Application, LeaveNeedsCleanupButNoFail) {
  auto observation = clean_server_close(1000);
  observation.events = {{"open", "", 0, {}}, {"cleanup", "", 0, {}}};
  auto expect = clean({1000});
  expect.app = cases::AppExpectation::Leave;
  EXPECT_EQ(evaluate(expect, observation).verdict, Verdict::Pass);
}

TEST(Outcome, MessageCountIsCheckedWhateverTheMessagesHold) {
  auto observation = clean_server_close(1000);
  observation.data_messages = {"spam 0", "spam 1"};
  auto expect = clean({1000});
  expect.message_count = 3;
  EXPECT_EQ(evaluate(expect, observation).reason, "expected 3 data message(s) from the subject; got 2");
  expect.message_count = 2;
  EXPECT_EQ(evaluate(expect, observation).verdict, Verdict::Pass);
}

TEST(Outcome, SameNumberOfMessagesNamesTheFirstThatDiffers) {
  auto observation = clean_server_close(1000);
  observation.data_messages = {"a", "b", "c"};
  auto expect = clean({1000});
  expect.messages = std::vector<std::string>{"a", "x", "c"};
  EXPECT_EQ(evaluate(expect, observation).reason, "expected 3 data message(s) from the subject; message 2 differs");
}

TEST(Application, CleanupLingeringPastTheBoundFails) {
  auto observation = clean_server_close(1000);
  observation.events = {{"read", "fail", 0, Micros(100'000)}, {"cleanup", "", 0, Micros(1'200'000)}};
  EXPECT_EQ(evaluate(clean({1000}), observation).findings.front().oracle, "app.cleanup-prompt");
  observation.events.back().at = Micros(1'000'000);  // exactly at the bound is fine
  EXPECT_EQ(evaluate(clean({1000}), observation).verdict, Verdict::Pass);
}

TEST(Application, FdLeakFails) {
  auto observation = clean_server_close(1000);
  observation.health.fds_before = 5;
  observation.health.fds_after = 6;
  EXPECT_EQ(evaluate(clean({1000}), observation).findings.front().oracle, "app.fd-leak");
}

TEST(Health, CrashIsAnError) {
  auto observation = clean_server_close(1000);
  observation.health.crash = "killed by SIGABRT";
  EXPECT_EQ(evaluate(clean({1000}), observation).verdict, Verdict::Error);
}

cases::Expectation spam(std::size_t size, std::optional<std::size_t> count) {
  cases::Expectation expect = clean({1000});
  expect.spam_size = size;
  expect.spam_count = count;
  return expect;
}

std::optional<Finding> spam_finding(const Judgement& judgement) {
  for (const auto& finding : judgement.findings)
    if (finding.oracle == "outcome.spam") return finding;
  return std::nullopt;
}

TEST(Spam, MessageIsTheProtocolsText) {
  EXPECT_EQ(spam_message(3, 16), "spam 3 klmnopqrs");
  EXPECT_EQ(spam_message(12345, 8), "spam 123");
}

TEST(Spam, EveryMessageInOrderAmongEchoesPasses) {
  auto observation = clean_server_close(1000);
  observation.data_messages = {spam_message(0, 20), "crossing", spam_message(1, 20), spam_message(2, 20)};
  EXPECT_EQ(evaluate(spam(20, 3), observation).verdict, Verdict::Pass);
  EXPECT_EQ(evaluate(spam(20, std::nullopt), observation).verdict, Verdict::Pass) << "a prefix in order is enough";
}

TEST(Spam, SwappedMessagesFailAndNameTheOneExpected) {
  auto observation = clean_server_close(1000);
  observation.data_messages = {spam_message(1, 20), spam_message(0, 20)};
  const auto finding = spam_finding(evaluate(spam(20, 2), observation));
  ASSERT_TRUE(finding);
  EXPECT_NE(finding->reason.find("message 0 of 20 bytes expected next; message 1 came"), std::string::npos)
      << finding->reason;
}

TEST(Spam, TornMessageFails) {
  auto observation = clean_server_close(1000);
  observation.data_messages = {spam_message(0, 20).substr(0, 12)};
  const auto finding = spam_finding(evaluate(spam(20, std::nullopt), observation));
  ASSERT_TRUE(finding);
  EXPECT_NE(finding->reason.find("12 bytes instead of 20"), std::string::npos) << finding->reason;
}

TEST(Spam, MissingMessagesAtTheEndFailWithACount) {
  auto observation = clean_server_close(1000);
  observation.data_messages = {spam_message(0, 20)};
  const auto finding = spam_finding(evaluate(spam(20, 2), observation));
  ASSERT_TRUE(finding);
  EXPECT_NE(finding->reason.find("all 2 /spam messages"), std::string::npos) << finding->reason;
}

TEST(Wire, OversizeControlFrameIsNamedControlLength) {
  auto observation = clean_server_close(1000);
  observation.subject_decode_error =
      wire::DecodeError{wire::DecodeErrorKind::ControlFrameTooLong, 1, "5.5", "too long"};
  bool named = false;
  for (const auto& finding : evaluate(clean({1000}), observation).findings)
    named |= finding.oracle == "wire.control-length";
  EXPECT_TRUE(named);
}

}  // namespace
}  // namespace wsh::oracles
