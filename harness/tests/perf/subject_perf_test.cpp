// `wsharness perf` against the faulty subject: clean, it completes every
// connection with one cleanup each; each bug switch below moves exactly the
// count that is meant to catch it (perf's negative controls).

#include "perf/subject_perf.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <stdlib.h>

#include "net/tls_material.hpp"

namespace wsh::perf {
namespace {

namespace fs = std::filesystem;

PerfSettings quick() {
  PerfSettings settings;
  settings.connections = 20;
  settings.churn = Millis(300);
  settings.stage_timeout = Millis(400);
  settings.limits.max_failures = 3;
  settings.limits.settle = Millis(100);
  settings.seed = 7;
  return settings;
}

PerfSubject faulty(std::vector<std::string> bugs = {}) {
  PerfSubject subject{"faulty", {WSH_TEST_FAULTY_PATH}, {}};
  for (const auto& bug : bugs) subject.argv.insert(subject.argv.end(), {"--bug", bug});
  return subject;
}

std::size_t failures(const PhaseCounts& counts, const std::string& kind) {
  const auto found = counts.failures.find(kind);
  return found == counts.failures.end() ? 0 : found->second;
}

TEST(SubjectPerf, TheCleanFaultySubjectCompletesEveryConnectionWithOneCleanupEach) {
  const auto result = measure_subject(faulty(), nullptr, quick());
  ASSERT_TRUE(result.error.empty()) << result.error;
  ASSERT_TRUE(result.latency);
  EXPECT_EQ(result.latency->counts.completed, 20u) << result.latency->counts.first_failure;
  EXPECT_TRUE(result.latency->counts.cleanups.exact());
  EXPECT_EQ(result.latency->close_reply.count, 20u);
  // Each stage follows the one before it on the same clock.
  EXPECT_LE(result.latency->close_reply.median, result.latency->tcp_close.max);
  ASSERT_TRUE(result.churn);
  EXPECT_GT(result.churn->counts.completed, 0u);
  EXPECT_GT(result.churn->per_second, 0.0);
  EXPECT_TRUE(result.churn->counts.cleanups.exact());
  EXPECT_EQ(result.impl, "faulty");
  EXPECT_TRUE(result.clean()) << result.exit;
}

TEST(SubjectPerf, ADoubleCleanupIsCountedAsExtra) {
  const auto result = measure_subject(faulty({"double-cleanup"}), nullptr, quick());
  ASSERT_TRUE(result.latency);
  EXPECT_EQ(result.latency->counts.completed, 20u);
  EXPECT_EQ(result.latency->counts.cleanups.extra, 20u);
  EXPECT_EQ(result.latency->counts.cleanups.missing, 0u);
  EXPECT_GT(result.churn->counts.cleanups.extra, 0u);
  EXPECT_FALSE(result.clean());
}

TEST(SubjectPerf, AMissingCleanupIsAFailureAndCountedAsMissing) {
  const auto result = measure_subject(faulty({"no-cleanup"}), nullptr, quick());
  ASSERT_TRUE(result.latency);
  EXPECT_EQ(failures(result.latency->counts, "no_cleanup"), 3u);
  EXPECT_FALSE(result.latency->counts.stopped_early.empty());
  EXPECT_EQ(result.latency->counts.cleanups.missing, 3u);
  EXPECT_FALSE(result.clean());
}

TEST(SubjectPerf, AnUnansweredCloseIsAFailureNotASample) {
  const auto result = measure_subject(faulty({"never-answer-close"}), nullptr, quick());
  ASSERT_TRUE(result.latency);
  EXPECT_EQ(failures(result.latency->counts, "no_close_reply"), 3u);
  EXPECT_EQ(result.latency->close_reply.count, 0u);
  EXPECT_FALSE(result.clean());
}

TEST(SubjectPerf, AServerThatKeepsTcpOpenIsCaught) {
  const auto result = measure_subject(faulty({"no-close-reply-tcp"}), nullptr, quick());
  ASSERT_TRUE(result.latency);
  EXPECT_EQ(failures(result.latency->counts, "no_tcp_close"), 3u);
  EXPECT_FALSE(result.clean());
}

TEST(SubjectPerf, ASubjectThatCrashesStopsThePhaseAtOnce) {
  const auto result = measure_subject(faulty({"crash-on-close"}), nullptr, quick());
  ASSERT_TRUE(result.latency);
  EXPECT_LE(result.latency->counts.attempted, 3u);
  EXPECT_FALSE(result.latency->counts.stopped_early.empty());
  EXPECT_FALSE(result.exit.empty());
  EXPECT_FALSE(result.clean());
}

TEST(SubjectPerf, AMissingExecutableIsAnErrorNotACrash) {
  const auto result = measure_subject({"nowhere", {"/nonexistent/wsh-subject"}, {}}, nullptr, quick());
  EXPECT_FALSE(result.error.empty());
  EXPECT_FALSE(result.clean());
}

TEST(SubjectPerf, MeasuresOverTls) {
  std::string pattern = (fs::temp_directory_path() / "wsh-perf-test-XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  const auto material = net::make_throwaway_pki(pattern);
  auto settings = quick();
  settings.connections = 10;
  const auto result = measure_subject(faulty(), &material, settings);
  fs::remove_all(pattern);
  ASSERT_TRUE(result.latency);
  EXPECT_EQ(result.transport, "wss");
  EXPECT_EQ(result.latency->counts.completed, 10u) << result.latency->counts.first_failure;
  EXPECT_TRUE(result.clean()) << result.latency->counts.first_failure;
}

}  // namespace
}  // namespace wsh::perf
