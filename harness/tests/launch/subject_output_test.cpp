// What a subject writes, however much and however broken: bounded memory,
// no crash, and the useful part kept.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>

#include "fake_subject.hpp"
#include "launch/environment.hpp"
#include "launch/subject.hpp"

namespace wsh::launch {
namespace {

using namespace std::chrono_literals;
using fake::kHangMargin;
using fake::kHelloLine;
using fake::ScriptDir;
using fake::Stopwatch;
using ::testing::HasSubstr;
using ::testing::StartsWith;

using fake::hello_then;

constexpr std::uint64_t kFloodBytes = 50ull * 1024 * 1024;

TEST(SubjectOutput, StderrFloodKeepsOnlyTheTailAndCountsEveryByte) {
  ScriptDir dir;
  auto subject = Subject::start(
      dir.spec("flood", "yes 'stderr noise from a chatty subject' | head -c " + std::to_string(kFloodBytes) +
                            " >&2\necho 'the last words' >&2\n" + hello_then("exec sleep 1000")));
  const auto hello = subject->await_hello(Clock::now() + 120s);
  ASSERT_TRUE(hello.ok()) << hello.message().substr(0, 500);
  subject->stop(1s);
  EXPECT_EQ(subject->stderr_bytes(), kFloodBytes + 15);
  const auto tail = subject->stderr_tail();
  EXPECT_EQ(tail.size(), 64u * 1024);
  EXPECT_THAT(tail, ::testing::EndsWith("the last words\n"));
  EXPECT_FALSE(subject->sanitizer_report().has_value());
}

TEST(SubjectOutput, OneMegabyteLineIsAViolationAndTheReaderRecovers) {
  ScriptDir dir;
  auto subject = Subject::start(
      dir.spec("long-line", "head -c 1048576 /dev/zero | tr '\\000' a\necho\n" + hello_then("exec sleep 1000")));
  const auto hello = subject->await_hello(Clock::now() + 60s);
  ASSERT_TRUE(hello.ok()) << hello.message();
  EXPECT_EQ(hello.event().line_number, 2u);
  const auto violations = subject->protocol_violations();
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].line_number, 1u);
  EXPECT_EQ(violations[0].line_bytes, 1048576u);
  EXPECT_EQ(violations[0].excerpt, std::string(256, 'a'));
  EXPECT_EQ(violations[0].problem, "line of 1048576 bytes is longer than the limit of 65536 bytes");
}

TEST(SubjectOutput, AddressSanitizerReportIsDetected) {
  ScriptDir dir;
  auto subject = Subject::start(dir.spec("asan", hello_then(R"(cat >&2 <<'REPORT'
some ordinary log line
=================================================================
==4242==ERROR: AddressSanitizer: heap-use-after-free on address 0x602000000010 at pc 0x55 bp 0x7ff sp 0x7f0
READ of size 4 at 0x602000000010 thread T0
    #0 0x55d in on_close subject.cpp:42
SUMMARY: AddressSanitizer: heap-use-after-free subject.cpp:42 in on_close
==4242==ABORTING
REPORT
exit 86)")));
  const auto ready = subject->await_ready(Clock::now() + 60s);
  ASSERT_FALSE(ready.ok());
  EXPECT_THAT(ready.message(), HasSubstr("subject exited with code 86"));
  EXPECT_THAT(ready.message(), HasSubstr("AddressSanitizer report:\n==4242==ERROR: AddressSanitizer"));
  subject->stop(1s);
  const auto report = subject->sanitizer_report();
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->kind, SanitizerKind::AddressSanitizer);
  EXPECT_THAT(report->first_lines, StartsWith("==4242==ERROR: AddressSanitizer: heap-use-after-free"));
  EXPECT_THAT(report->first_lines, HasSubstr("#0 0x55d in on_close subject.cpp:42"));
}

TEST(SubjectOutput, ReportFollowedByMegabytesOfLogsIsStillFound) {
  ScriptDir dir;
  auto subject =
      Subject::start(dir.spec("ubsan-then-noise", R"(echo 'a.cpp:3:9: runtime error: signed integer overflow' >&2
yes 'noise' | head -c 2000000 >&2
exit 0)"));
  subject->wait_for_exit(Clock::now() + 60s);
  subject->stop(1s);
  const auto report = subject->sanitizer_report();
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->kind, SanitizerKind::UndefinedBehaviorSanitizer);
  EXPECT_EQ(subject->stderr_tail().find("runtime error"), std::string::npos);
}

TEST(SubjectOutput, EventFloodIsCappedWithOneViolation) {
  ScriptDir dir;
  auto spec = dir.spec("event-flood", R"(i=0
while [ $i -lt 100 ]; do echo "{\"event\":\"open\",\"conn\":\"$i\"}"; i=$((i+1)); done)");
  spec.limits.max_events = 10;
  auto subject = Subject::start(spec);
  subject->wait_for_exit(Clock::now() + 60s);
  subject->stop(1s);
  EXPECT_EQ(subject->event_count(), 10u);
  ASSERT_EQ(subject->protocol_violation_count(), 1u);
  EXPECT_THAT(subject->protocol_violations()[0].problem, HasSubstr("more than 10 events"));
  EXPECT_EQ(subject->protocol_violations()[0].line_number, 11u);
}

TEST(SubjectOutput, BinaryGarbageWithNulBytesIsRecordedRaw) {
  ScriptDir dir;
  auto subject = Subject::start(dir.spec("binary", "printf 'a\\000b\\377\\n'\n" + hello_then("exec sleep 1000")));
  ASSERT_TRUE(subject->await_hello(Clock::now() + 10s).ok());
  const auto violations = subject->protocol_violations();
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].excerpt, std::string("a\0b\xff", 4));
}

TEST(SubjectOutput, SubjectThatClosesStdoutEarlyIsStillWatched) {
  ScriptDir dir;
  auto subject = Subject::start(dir.spec("closes-stdout", hello_then("exec >&-\nexec sleep 1000")));
  ASSERT_TRUE(subject->await_hello(Clock::now() + 10s).ok());
  const Stopwatch stopwatch;
  const auto ready = subject->await_ready(Clock::now() + 200ms);
  ASSERT_FALSE(ready.ok());
  EXPECT_EQ(ready.failure().reason, WaitFailureReason::DeadlinePassed);
  EXPECT_LT(stopwatch.elapsed(), 200ms + kHangMargin);
  EXPECT_EQ(subject->stop(10s).status, ExitStatus::signaled(SIGTERM));
}

// Whether this test binary (and so the memory-error subject, built with the
// same flags) carries a sanitizer. Valgrind cannot run sanitized binaries.
#if defined(__SANITIZE_ADDRESS__)
constexpr std::string_view kBuiltWith = "address";
#elif defined(__SANITIZE_THREAD__)
constexpr std::string_view kBuiltWith = "thread";
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr std::string_view kBuiltWith = "address";
#elif __has_feature(thread_sanitizer)
constexpr std::string_view kBuiltWith = "thread";
#else
constexpr std::string_view kBuiltWith = "";
#endif
#else
constexpr std::string_view kBuiltWith = "";
#endif

TEST(SubjectOutput, RealMemoryErrorIsReportedByValgrindOrASanitizer) {
  LaunchSpec spec;
  spec.argv = {WSH_MEMORY_ERROR_SUBJECT};
  const bool sanitized = kBuiltWith == "address";
  if (kBuiltWith == "thread") {
    GTEST_SKIP() << "ThreadSanitizer does not detect heap overflows, and Valgrind cannot run a TSan binary";
  } else if (!sanitized && std::system("valgrind --version > /dev/null 2>&1") != 0) {
    GTEST_SKIP() << "valgrind is not installed";
  } else if (!sanitized) {
    spec.wrapper = {"valgrind", "-q", "--error-exitcode=99"};
  }
  auto subject = Subject::start(spec);
  const auto status = subject->wait_for_exit(Clock::now() + 120s);
  subject->stop(1s);
  const auto report = subject->sanitizer_report();
  ASSERT_TRUE(report.has_value()) << subject->stderr_tail();
  if (sanitized) {
    // With -fsanitize=address,undefined, UBSan's object-size check may see
    // the read before ASan does; either report is the right answer.
    EXPECT_TRUE(report->kind == SanitizerKind::AddressSanitizer ||
                report->kind == SanitizerKind::UndefinedBehaviorSanitizer)
        << to_string(report->kind);
    EXPECT_EQ(status, ExitStatus::exited(kSanitizerExitCode));  // the harness's *SAN_OPTIONS default
  } else {
    EXPECT_EQ(report->kind, SanitizerKind::Valgrind);
    EXPECT_THAT(report->first_lines, HasSubstr("Invalid read of size 1"));
    EXPECT_EQ(status, ExitStatus::exited(99));
  }
}

}  // namespace
}  // namespace wsh::launch
