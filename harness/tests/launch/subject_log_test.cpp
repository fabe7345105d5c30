#include "launch/subject_log.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

namespace wsh::launch {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

constexpr Millis kDrainGrace{100};

SubjectEvent open_event(std::string conn) {
  SubjectEvent event;
  event.kind = EventKind::Open;
  event.conn = std::move(conn);
  event.at = Clock::now();
  return event;
}

TEST(SubjectLog, FindsAnEventThatArrivedBeforeTheWait) {
  SubjectLog log({}, kDrainGrace);
  log.add_event(open_event("1"));
  const auto result = log.wait_for(event_of(EventKind::Open), 0, Clock::now());
  ASSERT_TRUE(result.ok()) << result.message();
  EXPECT_EQ(result.index(), 0u);
}

TEST(SubjectLog, WaitsFromTheGivenIndex) {
  SubjectLog log({}, kDrainGrace);
  log.add_event(open_event("1"));
  log.add_event(open_event("2"));
  const auto result = log.wait_for(event_of(EventKind::Open), 1, Clock::now());
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.event().conn, "2");
  EXPECT_EQ(result.index(), 1u);
}

TEST(SubjectLog, MatchesByConnection) {
  SubjectLog log({}, kDrainGrace);
  log.add_event(open_event("1"));
  log.add_event(open_event("2"));
  EXPECT_EQ(log.wait_for(event_of(EventKind::Open, "2"), 0, Clock::now()).index(), 1u);
}

TEST(SubjectLog, DeadlineFailureSaysWhatItWaitedForAndWhatCame) {
  SubjectLog log({}, kDrainGrace);
  log.add_event(open_event("7"));
  log.add_stderr("line one\nline two\n");
  const auto deadline = Clock::now() + 50ms;
  const auto result = log.wait_for(event_of(EventKind::Cleanup, "7"), 0, deadline);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.failure().reason, WaitFailureReason::DeadlinePassed);
  EXPECT_GE(Clock::now(), deadline);
  const auto message = result.message();
  EXPECT_THAT(message, HasSubstr("waiting for cleanup(conn=7)"));
  EXPECT_THAT(message, HasSubstr("subject still running"));
  EXPECT_THAT(message, HasSubstr("open(conn=7)"));
  EXPECT_THAT(message, HasSubstr("line two"));
}

TEST(SubjectLog, EndedSubjectWithClosedOutputFailsAtOnce) {
  SubjectLog log({}, kDrainGrace);
  log.mark_stdout_closed();
  log.mark_stderr_closed();
  log.mark_ended(ExitStatus::exited(3), Clock::now());
  const auto result = log.wait_for(event_of(EventKind::Ready), 0, Clock::now() + 60s);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.failure().reason, WaitFailureReason::SubjectExited);
  EXPECT_THAT(result.message(), HasSubstr("subject exited with code 3 while waiting for ready"));
  EXPECT_LT(result.failure().waited, 10s);
}

TEST(SubjectLog, EndedSubjectWithOpenOutputFailsAfterTheDrainGrace) {
  SubjectLog log({}, kDrainGrace);
  const auto ended_at = Clock::now();
  log.mark_ended(ExitStatus::signaled(9), ended_at);
  const auto result = log.wait_for(event_of(EventKind::Ready), 0, Clock::now() + 60s);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.failure().reason, WaitFailureReason::SubjectExited);
  EXPECT_GE(Clock::now(), ended_at + kDrainGrace);
  EXPECT_LT(result.failure().waited, 10s);
}

TEST(SubjectLog, ErrorEventEndsTheWaitWithItsMessage) {
  SubjectLog log({}, kDrainGrace);
  SubjectEvent error;
  error.kind = EventKind::Error;
  error.message = "cannot bind";
  log.add_event(error);
  const auto result = log.wait_for(event_of(EventKind::Ready), 0, Clock::now() + 60s);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.failure().reason, WaitFailureReason::SubjectReportedError);
  EXPECT_THAT(result.message(), HasSubstr(R"(subject reported error "cannot bind" while waiting for ready)"));
}

TEST(SubjectLog, WaitingForTheErrorEventItselfSucceeds) {
  SubjectLog log({}, kDrainGrace);
  SubjectEvent error;
  error.kind = EventKind::Error;
  log.add_event(error);
  EXPECT_TRUE(log.wait_for(event_of(EventKind::Error), 0, Clock::now()).ok());
}

TEST(SubjectLog, DropsEventsBeyondTheLimitWithOneViolation) {
  OutputLimits limits;
  limits.max_events = 3;
  SubjectLog log(limits, kDrainGrace);
  for (int i = 0; i < 10; ++i) log.add_event(open_event(std::to_string(i)));
  EXPECT_EQ(log.event_count(), 3u);
  ASSERT_EQ(log.violations().size(), 1u);
  EXPECT_THAT(log.violations()[0].problem, HasSubstr("more than 3 events"));
}

TEST(SubjectLog, CountsViolationsBeyondThoseKept) {
  OutputLimits limits;
  limits.max_violations = 2;
  SubjectLog log(limits, kDrainGrace);
  for (int i = 0; i < 5; ++i) log.add_violation({static_cast<std::size_t>(i + 1), "bad", "x", 1, Clock::now()});
  EXPECT_EQ(log.violations().size(), 2u);
  EXPECT_EQ(log.violation_count(), 5u);
}

TEST(SubjectLog, WakesWaitersWhenAnotherThreadAddsEvents) {
  SubjectLog log({}, kDrainGrace);
  constexpr int kEvents = 2000;
  std::thread producer([&log] {
    for (int i = 0; i < kEvents; ++i) {
      log.add_event(open_event(std::to_string(i)));
      if (i % 100 == 0) log.add_stderr("tick\n");
    }
    log.mark_stdout_closed();
    log.mark_stderr_closed();
    log.mark_ended(ExitStatus::exited(0), Clock::now());
  });
  std::size_t next = 0;
  for (int i = 0; i < kEvents; ++i) {
    const auto result = log.wait_for(event_of(EventKind::Open, std::to_string(i)), next, Clock::now() + 30s);
    ASSERT_TRUE(result.ok()) << result.message();
    next = result.index() + 1;
  }
  const auto end = log.wait_for(event_of(EventKind::Cleanup), next, Clock::now() + 30s);
  ASSERT_FALSE(end.ok());
  EXPECT_EQ(end.failure().reason, WaitFailureReason::SubjectExited);
  producer.join();
}

TEST(SubjectLog, WaitForEndReturnsRunningAtTheDeadline) {
  SubjectLog log({}, kDrainGrace);
  EXPECT_TRUE(log.wait_for_end(Clock::now() + 20ms).is_running());
  log.mark_ended(ExitStatus::exited(0), Clock::now());
  EXPECT_EQ(log.wait_for_end(Clock::now()), ExitStatus::exited(0));
}

}  // namespace
}  // namespace wsh::launch
