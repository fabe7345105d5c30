#include "launch/wait_result.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace wsh::launch {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;

WaitFailure failure_with_stderr(std::string stderr_tail) {
  WaitFailure failure;
  failure.reason = WaitFailureReason::SubjectExited;
  failure.waiting_for = "ready";
  failure.exit_status = ExitStatus::signaled(11);
  failure.stderr_tail = std::move(stderr_tail);
  return failure;
}

TEST(WaitFailure, NamesTheCrashSignal) {
  EXPECT_THAT(failure_with_stderr("").message(), HasSubstr("subject killed by SIGSEGV while waiting for ready"));
}

TEST(WaitFailure, QuotesOnlyTheEndOfALongStderr) {
  std::string stderr_tail;
  for (int i = 0; i < 100; ++i) stderr_tail += "log line " + std::to_string(i) + "\n";
  const auto message = failure_with_stderr(stderr_tail).message();
  EXPECT_THAT(message, HasSubstr("log line 99"));
  EXPECT_THAT(message, HasSubstr("log line 80"));
  EXPECT_THAT(message, Not(HasSubstr("log line 79\n")));
}

TEST(WaitFailure, BoundsAQuotedStderrWithoutNewlines) {
  const auto message = failure_with_stderr(std::string(100000, 'e')).message();
  EXPECT_LT(message.size(), 3000u);
  EXPECT_THAT(message, EndsWith("eeee"));
}

TEST(WaitFailure, SaysWhenStderrWasEmpty) {
  EXPECT_THAT(failure_with_stderr("").message(), HasSubstr("stderr was empty"));
}

TEST(WaitFailure, ListsViolationsAndSanitizerReport) {
  auto failure = failure_with_stderr("x");
  failure.violation_count = 4;
  failure.recent_violations.push_back({3, "not a JSON object", "[1]", 3, {}});
  failure.sanitizer_report = SanitizerReport{SanitizerKind::AddressSanitizer, "==1==ERROR: AddressSanitizer: x"};
  const auto message = failure.message();
  EXPECT_THAT(message, HasSubstr("4 protocol violation(s); line 3: not a JSON object"));
  EXPECT_THAT(message, HasSubstr("AddressSanitizer report:\n==1==ERROR: AddressSanitizer: x"));
}

TEST(WaitFailure, ListsArrivedEventsAndSaysWhenThereWereMore) {
  auto failure = failure_with_stderr("");
  failure.arrived = {"open(conn=1)", "open(conn=2)"};
  failure.arrived_count = 5;
  EXPECT_THAT(failure.message(), HasSubstr("5 event(s) arrived: open(conn=1), open(conn=2), ..."));
}

TEST(EventOf, DescribesKindAndConnection) {
  EXPECT_EQ(event_of(EventKind::CloseCalled).description, "close_called");
  EXPECT_EQ(event_of(EventKind::Cleanup, "51234").description, "cleanup(conn=51234)");
}

TEST(DescribeEvent, ShowsTheFieldsOfItsKind) {
  SubjectEvent event;
  event.kind = EventKind::Read;
  event.conn = "9";
  event.read_result = ReadResult::Binary;
  EXPECT_EQ(describe(event), "read(conn=9, result=binary)");
  event.kind = EventKind::Error;
  event.message = "a \"quoted\" problem";
  EXPECT_EQ(describe(event), R"(error(message="a \"quoted\" problem"))");
}

}  // namespace
}  // namespace wsh::launch
