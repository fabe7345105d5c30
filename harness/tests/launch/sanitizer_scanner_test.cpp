#include "launch/sanitizer_scanner.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace wsh::launch {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(ClassifyReportLine, RecognisesEverySanitizerHeadline) {
  EXPECT_EQ(classify_report_line("==4242==ERROR: AddressSanitizer: heap-use-after-free on address 0x6020"),
            SanitizerKind::AddressSanitizer);
  EXPECT_EQ(classify_report_line("==4242==ERROR: LeakSanitizer: detected memory leaks"), SanitizerKind::LeakSanitizer);
  EXPECT_EQ(classify_report_line("WARNING: ThreadSanitizer: data race (pid=4242)"), SanitizerKind::ThreadSanitizer);
  EXPECT_EQ(classify_report_line("==4242==WARNING: MemorySanitizer: use-of-uninitialized-value"),
            SanitizerKind::MemorySanitizer);
  EXPECT_EQ(classify_report_line("==4242==ERROR: UndefinedBehaviorSanitizer: SEGV on unknown address"),
            SanitizerKind::UndefinedBehaviorSanitizer);
}

TEST(ClassifyReportLine, RecognisesUbsanRuntimeErrorsByTheirLocation) {
  EXPECT_EQ(classify_report_line("src/a.cpp:10:5: runtime error: signed integer overflow"),
            SanitizerKind::UndefinedBehaviorSanitizer);
  EXPECT_EQ(classify_report_line("a.cpp:10: runtime error: load of misaligned address"),
            SanitizerKind::UndefinedBehaviorSanitizer);
  EXPECT_EQ(classify_report_line("<unknown>: runtime error: x"), SanitizerKind::UndefinedBehaviorSanitizer);
  EXPECT_EQ(classify_report_line("config: runtime error: cannot parse"), std::nullopt);
  EXPECT_EQ(classify_report_line(": runtime error: "), std::nullopt);
}

TEST(ClassifyReportLine, RecognisesValgrindErrors) {
  EXPECT_EQ(classify_report_line("==123== Invalid read of size 4"), SanitizerKind::Valgrind);
  EXPECT_EQ(classify_report_line("==123== Conditional jump or move depends on uninitialised value(s)"),
            SanitizerKind::Valgrind);
  EXPECT_EQ(classify_report_line("==123== ERROR SUMMARY: 2 errors from 2 contexts (suppressed: 0 from 0)"),
            SanitizerKind::Valgrind);
  EXPECT_EQ(classify_report_line("==123== 40 bytes in 1 blocks are definitely lost in loss record 1 of 1"),
            SanitizerKind::Valgrind);
}

TEST(ClassifyReportLine, IgnoresCleanValgrindAndOrdinaryLogs) {
  EXPECT_EQ(classify_report_line("==123== ERROR SUMMARY: 0 errors from 0 contexts (suppressed: 0 from 0)"),
            std::nullopt);
  EXPECT_EQ(classify_report_line("==123== Memcheck, a memory error detector"), std::nullopt);
  EXPECT_EQ(classify_report_line("== Invalid read of size 4"), std::nullopt);
  EXPECT_EQ(classify_report_line("server: ERROR: connection reset"), std::nullopt);
  EXPECT_EQ(classify_report_line("see AddressSanitizer docs"), std::nullopt);
  EXPECT_EQ(classify_report_line("ERROR: AddressSanitizerX: nope"), std::nullopt);
}

TEST(SanitizerScanner, KeepsTheFirstLinesOfTheFirstReport) {
  SanitizerScanner scanner(3);
  scanner.feed("starting\n=================\n==7==ERROR: AddressSanitizer: heap-buffer-overflow\nREAD of");
  scanner.feed(" size 4\n    #0 0x1 in main\n    #1 0x2 in start\n==7==ERROR: LeakSanitizer: later\n");
  scanner.finish();
  ASSERT_TRUE(scanner.report().has_value());
  EXPECT_EQ(scanner.report()->kind, SanitizerKind::AddressSanitizer);
  EXPECT_EQ(scanner.report()->first_lines,
            "==7==ERROR: AddressSanitizer: heap-buffer-overflow\nREAD of size 4\n    #0 0x1 in main");
}

TEST(SanitizerScanner, FindsAReportAfterHugeNoiseAndLongLines) {
  SanitizerScanner scanner(40);
  for (int i = 0; i < 1000; ++i) scanner.feed("noise noise noise noise\n");
  scanner.feed(std::string(1 << 20, 'x'));  // one line of 1 MiB
  scanner.feed("\nWARNING: ThreadSanitizer: data race (pid=1)\n");
  ASSERT_TRUE(scanner.report().has_value());
  EXPECT_EQ(scanner.report()->kind, SanitizerKind::ThreadSanitizer);
  EXPECT_THAT(scanner.report()->first_lines, StartsWith("WARNING: ThreadSanitizer"));
}

TEST(SanitizerScanner, RevisionChangesOnlyWithTheReport) {
  SanitizerScanner scanner(2);
  scanner.feed("plain\n");
  EXPECT_EQ(scanner.revision(), 0u);
  scanner.feed("a.cpp:1:2: runtime error: x\n");
  const auto after_first = scanner.revision();
  EXPECT_GT(after_first, 0u);
  scanner.feed("detail\nmore\nmore\n");
  EXPECT_THAT(scanner.report()->first_lines, HasSubstr("detail"));
  const auto complete = scanner.revision();
  scanner.feed("==1==ERROR: AddressSanitizer: x\n");
  EXPECT_EQ(scanner.revision(), complete);
}

TEST(SanitizerScanner, ReportOnAnUnterminatedLastLineIsFoundAtFinish) {
  SanitizerScanner scanner(5);
  scanner.feed("==9==ERROR: LeakSanitizer: detected memory leaks");
  EXPECT_FALSE(scanner.report().has_value());
  scanner.finish();
  ASSERT_TRUE(scanner.report().has_value());
  EXPECT_EQ(scanner.report()->kind, SanitizerKind::LeakSanitizer);
}

}  // namespace
}  // namespace wsh::launch
