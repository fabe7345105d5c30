// The run's hang memory (engine/hang_memory.hpp): a hang seen in one result
// cuts the waits after the verdict in the next results of the same subject
// and role, and judges them as the full waits would; a subject that is
// merely slow is never cut short.

#include <gtest/gtest.h>

#include <algorithm>

#include "engine/engine.hpp"

namespace wsh::engine {
namespace {

const cases::Catalogue& catalogue() {
  static const cases::Catalogue loaded = cases::load_catalogue(WSH_TEST_CASES_DIR, fault_validator());
  return loaded;
}

// Results of `bug` in `role`, run one after another in one run (one memory).
std::vector<CaseResult> run_in_one_run(const std::string& bug, cases::Role role,
                                       const std::vector<std::string>& result_ids) {
  RunOptions options;
  options.roles = {role};
  options.transports = {Transport::Ws};
  options.filters = result_ids;
  options.seed = 42;
  options.jobs = 1;
  SubjectSpec subject;
  subject.name = "faulty";
  subject.argv = {WSH_TEST_FAULTY_PATH, "--bug", bug};
  options.subjects = {subject};
  probe_subjects(options.subjects);
  const auto plan = plan_results(options, catalogue());
  EXPECT_EQ(plan.size(), result_ids.size());
  return execute(options, plan, {}, {});
}

std::vector<std::string> oracles_of(const CaseResult& result) {
  std::vector<std::string> names;
  for (const auto& finding : result.findings) names.push_back(finding.oracle);
  return names;
}

bool log_mentions(const CaseResult& result, std::string_view text) {
  return std::any_of(result.log.begin(), result.log.end(),
                     [&](const std::string& line) { return line.find(text) != std::string::npos; });
}

std::string describe(const CaseResult& result) {
  std::string text = result.id + " " + std::string(oracles::verdict_name(result.verdict)) + ": " + result.reason;
  for (const auto& line : result.log) text += "\n  log: " + line;
  return text;
}

const std::vector<std::string> kTwoCloses = {"close.clean.peer-initiated", "close.clean.subject-initiated"};

// hang-on-close client: the handler never returns, and the client never
// exits by itself. The first result waits everything out; the second, which
// hangs the same way, skips the client's own-exit wait (kClientExitDeadline)
// and is judged the same as when it runs alone.
TEST(HangMemory, ASecondHangOfTheSameSubjectIsNotWaitedOutAgain) {
  ASSERT_TRUE(catalogue().ok());
  const auto together = run_in_one_run("hang-on-close", cases::Role::Client, kTwoCloses);
  ASSERT_EQ(together.size(), 2u);
  const auto& first = together[0];
  const auto& second = together[1];
  EXPECT_FALSE(log_mentions(first, "a hang already seen")) << describe(first);
  EXPECT_TRUE(log_mentions(second, "a hang already seen")) << describe(second);
  const auto alone = run_in_one_run("hang-on-close", cases::Role::Client, {kTwoCloses[1]});
  ASSERT_EQ(alone.size(), 1u);
  EXPECT_EQ(second.verdict, alone[0].verdict) << describe(second) << "\n" << describe(alone[0]);
  EXPECT_EQ(oracles_of(second), oracles_of(alone[0]));
  // The own-exit wait (2 s) is gone; 1 s leaves room for a loaded machine.
  EXPECT_LT(second.duration.count() + 1000, alone[0].duration.count()) << describe(second);
}

// slow-cleanup: the cleanup comes 2.5 s late, after the cleanup wait ran out,
// while the subject is being stopped. That is slowness, not a hang: nothing
// is remembered, every result gets every wait, and each is judged exactly as
// when it runs alone.
TEST(HangMemory, ASlowSubjectIsNeverCutShort) {
  ASSERT_TRUE(catalogue().ok());
  for (const auto role : {cases::Role::Server, cases::Role::Client}) {
    const auto together = run_in_one_run("slow-cleanup", role, kTwoCloses);
    ASSERT_EQ(together.size(), 2u);
    for (std::size_t i = 0; i < together.size(); ++i) {
      EXPECT_FALSE(log_mentions(together[i], "a hang already seen")) << describe(together[i]);
      const auto alone = run_in_one_run("slow-cleanup", role, {kTwoCloses[i]});
      ASSERT_EQ(alone.size(), 1u);
      EXPECT_EQ(together[i].verdict, alone[0].verdict) << describe(together[i]) << "\n" << describe(alone[0]);
      EXPECT_EQ(oracles_of(together[i]), oracles_of(alone[0])) << describe(together[i]);
    }
  }
}

}  // namespace
}  // namespace wsh::engine
