#include "launch/environment.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace wsh::launch {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

std::string value_of(const std::vector<std::string>& environment, std::string_view name) {
  for (const auto& entry : environment) {
    if (entry.starts_with(std::string(name) + "=")) return entry.substr(name.size() + 1);
  }
  return "<unset>";
}

TEST(MergeSanitizerOptions, AddsDefaultsTheUserDidNotSet) {
  EXPECT_EQ(merge_sanitizer_options("", "a=1:b=2"), "a=1:b=2");
  EXPECT_EQ(merge_sanitizer_options("b=9", "a=1:b=2"), "a=1:b=9");
}

TEST(MergeSanitizerOptions, UserValuesWinWhateverTheSeparator) {
  EXPECT_EQ(merge_sanitizer_options("exitcode=7 detect_leaks=0", "exitcode=86:detect_leaks=1:x=1"),
            "x=1:exitcode=7 detect_leaks=0");
  EXPECT_EQ(merge_sanitizer_options("exitcode=7,halt_on_error=0", "halt_on_error=1:exitcode=86"),
            "exitcode=7,halt_on_error=0");
}

TEST(MergeSanitizerOptions, ToleratesEmptyPartsAndBareKeys) {
  EXPECT_EQ(merge_sanitizer_options("::a", "a=1:b=2"), "b=2:::a");
}

TEST(BuildEnvironment, InheritsAndAddsAndReplaces) {
  const char* inherited[] = {"PATH=/bin", "KEEP=1", "REPLACE=old", nullptr};
  const auto environment = build_environment(inherited, {{"REPLACE", "new"}, {"ADDED", "x"}}, false);
  EXPECT_EQ(value_of(environment, "PATH"), "/bin");
  EXPECT_EQ(value_of(environment, "KEEP"), "1");
  EXPECT_EQ(value_of(environment, "REPLACE"), "new");
  EXPECT_EQ(value_of(environment, "ADDED"), "x");
  EXPECT_EQ(std::count_if(environment.begin(), environment.end(),
                          [](const std::string& entry) { return entry.starts_with("REPLACE="); }),
            1);
}

TEST(BuildEnvironment, AddsSanitizerDefaultsWithTheHarnessExitCode) {
  const char* inherited[] = {nullptr};
  const auto environment = build_environment(inherited, {}, true);
  for (const char* variable : {"ASAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS", "TSAN_OPTIONS"}) {
    EXPECT_THAT(value_of(environment, variable), HasSubstr("exitcode=86")) << variable;
  }
  EXPECT_THAT(value_of(environment, "ASAN_OPTIONS"), HasSubstr("abort_on_error=0"));
  EXPECT_THAT(value_of(environment, "UBSAN_OPTIONS"), HasSubstr("halt_on_error=1"));
}

TEST(BuildEnvironment, KeepsTheUsersSanitizerOptions) {
  const char* inherited[] = {"ASAN_OPTIONS=exitcode=3:log_path=/tmp/asan", nullptr};
  const auto environment = build_environment(inherited, {{"TSAN_OPTIONS", "halt_on_error=0"}}, true);
  const auto asan = value_of(environment, "ASAN_OPTIONS");
  EXPECT_THAT(asan, HasSubstr("exitcode=3"));
  EXPECT_THAT(asan, Not(HasSubstr("exitcode=86")));
  EXPECT_THAT(asan, HasSubstr("log_path=/tmp/asan"));
  EXPECT_THAT(asan, HasSubstr("abort_on_error=0"));
  const auto tsan = value_of(environment, "TSAN_OPTIONS");
  EXPECT_THAT(tsan, HasSubstr("halt_on_error=0"));
  EXPECT_THAT(tsan, Not(HasSubstr("halt_on_error=1")));
}

TEST(BuildEnvironment, NoSanitizerDefaultsWhenDisabled) {
  const char* inherited[] = {"A=1", nullptr};
  EXPECT_EQ(build_environment(inherited, {}, false), (std::vector<std::string>{"A=1"}));
}

TEST(BuildEnvironment, SurvivesEntriesWithoutEquals) {
  const char* inherited[] = {"ASAN_OPTIONS", "ODD", nullptr};
  const auto environment = build_environment(inherited, {}, true);
  EXPECT_THAT(environment, Contains("ODD"));
  EXPECT_THAT(value_of(environment, "ASAN_OPTIONS"), HasSubstr("exitcode=86"));
}

}  // namespace
}  // namespace wsh::launch
