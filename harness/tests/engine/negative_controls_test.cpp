// Proof that the oracles can fail: each bug switch of wsh-subject-faulty
// must turn the cases that watch for it away from PASS, and the same cases
// must PASS against the clean faulty subject. An oracle without a row here
// is not done (docs/ARCHITECTURE.md, "Oracles that must be able to fail").

#include <gtest/gtest.h>

#include "engine/engine.hpp"

namespace wsh::engine {
namespace {

struct Control {
  const char* bug;
  const char* result_id;
  cases::Role role;
  oracles::Verdict expected;
  const char* oracle;  // the finding that must name the failure
  const char* tag = nullptr;  // tells apart two rows for one bug in the test name
  Transport transport = Transport::Ws;
};

const Control kControls[] = {
    {"double-cleanup", "close.clean.peer-initiated", cases::Role::Server, oracles::Verdict::Fail, "app.cleanup-once"},
    {"no-cleanup", "close.clean.peer-initiated", cases::Role::Server, oracles::Verdict::Fail, "app.cleanup-once"},
    {"read-after-fail", "close.clean.peer-initiated", cases::Role::Client, oracles::Verdict::Fail, "app.fail-is-last"},
    {"never-answer-close", "close.clean.peer-initiated", cases::Role::Server, oracles::Verdict::Fail, "outcome.no-close-frame"},
    {"send-1005", "close.subject.reserved-status[code=1005]", cases::Role::Server, oracles::Verdict::Fail, "wire.reserved-code"},
    {"echo-invalid-code", "close.peer.code.invalid[code=1005]", cases::Role::Client, oracles::Verdict::Fail, "outcome.close-code"},
    {"crash-on-close", "close.clean.peer-initiated", cases::Role::Server, oracles::Verdict::Error, "health.crash"},
    {"hang-on-close", "close.clean.peer-initiated", cases::Role::Server, oracles::Verdict::Timeout, "app.handler-returned"},
    {"leak-fd", "close.clean.peer-initiated", cases::Role::Server, oracles::Verdict::Fail, "app.fd-leak"},
    {"slow-cleanup", "close.clean.peer-initiated", cases::Role::Server, oracles::Verdict::Fail, "app.cleanup-prompt"},
    {"mask-server-frames", "close.clean.peer-initiated", cases::Role::Server, oracles::Verdict::Fail, "wire.frame"},
    {"no-close-reply-tcp", "close.clean.peer-initiated", cases::Role::Server, oracles::Verdict::NonStrict, "outcome.server-tcp-close"},
    {"invalid-utf8-echo", "close.clean.peer-initiated", cases::Role::Client, oracles::Verdict::Fail, "wire.message"},
    {"crash-on-leave", "lifecycle.leave", cases::Role::Client, oracles::Verdict::Error, "health.crash"},
    {"cleanup-before-fail", "close.clean.peer-initiated", cases::Role::Server, oracles::Verdict::Fail, "app.cleanup-after-fail"},
    {"bad-close-payload", "close.clean.peer-initiated", cases::Role::Server, oracles::Verdict::Fail, "wire.close-payload"},
    {"oversize-pong", "frames.ping.answered", cases::Role::Server, oracles::Verdict::Fail, "wire.control-length"},
    {"data-after-close", "close.clean.subject-initiated", cases::Role::Server, oracles::Verdict::Fail, "wire.after-close"},
    {"drop-instead-of-close", "close.peer.code.invalid[code=1005]", cases::Role::Server, oracles::Verdict::NonStrict, "outcome.drop"},
    {"lose-message", "threads.spam[count=200,size=16]", cases::Role::Server, oracles::Verdict::Fail, "outcome.messages"},
    {"fake-sanitizer-report", "close.clean.peer-initiated", cases::Role::Server, oracles::Verdict::Error, "health.sanitizer"},
    {"garbage-stdout", "close.clean.peer-initiated", cases::Role::Server, oracles::Verdict::Error, "health.protocol"},
    {"spam-reorder", "threads.spam[count=200,size=16]", cases::Role::Client, oracles::Verdict::Fail, "outcome.spam"},
    // race-send (two threads write without a lock) shows only on some runs:
    // threads.spam.peer-sends repeats (repeat = 20) until the first torn frame.
    {"race-send", "threads.spam.peer-sends", cases::Role::Server, oracles::Verdict::Fail, "wire.frame"},
    // The pair topology judges each subject on its own: both run with the bug.
    {"double-cleanup", "pair.close.command[side=client]", cases::Role::Pair, oracles::Verdict::Fail, "server.app.cleanup-once"},
    {"never-answer-close", "pair.close.command[side=client]", cases::Role::Pair, oracles::Verdict::Fail, "server.outcome.no-close-frame"},
    // Multi-connection cases: each connection judged, the process once.
    // The forgotten client sees TCP end without a close frame, and its handler never reports: TIMEOUT.
    {"shutdown-misses-one", "lifecycle.shutdown.clients[clients=3]", cases::Role::Server, oracles::Verdict::Timeout, "outcome.no-close-frame"},
    {"leak-fd-every-10th", "lifecycle.churn.peer-close", cases::Role::Server, oracles::Verdict::Fail, "app.fd-leak"},
    {"double-cleanup", "lifecycle.churn.peer-close", cases::Role::Server, oracles::Verdict::Fail, "app.cleanup-once", "churn"},
    {"leak-fd", "lifecycle.churn.rst-idle", cases::Role::Server, oracles::Verdict::Fail, "app.fd-leak", "churn"},
};

const cases::Catalogue& catalogue() {
  static const cases::Catalogue loaded = cases::load_catalogue(WSH_TEST_CASES_DIR, fault_validator());
  return loaded;
}

CaseResult run_one(const std::vector<std::string>& argv, const std::string& result_id, cases::Role role,
                   Transport transport = Transport::Ws) {
  RunOptions options;
  options.roles = {role};
  options.transports = {transport};
  options.filters = {result_id};
  options.seed = 42;
  SubjectSpec subject;
  subject.name = "faulty";
  subject.argv = argv;
  options.subjects = {subject};
  probe_subjects(options.subjects);
  const auto plan = plan_results(options, catalogue());
  EXPECT_EQ(plan.size(), 1u) << result_id;
  if (plan.size() != 1) return {};
  return execute(options, plan, {}, {}).front();
}

std::string describe(const CaseResult& result) {
  std::string text = std::string(oracles::verdict_name(result.verdict)) + ": " + result.reason;
  for (const auto& finding : result.findings) text += "\n  " + finding.oracle + ": " + finding.reason;
  return text;
}

class NegativeControl : public ::testing::TestWithParam<Control> {};

TEST_P(NegativeControl, BugIsCaughtByItsOracle) {
  ASSERT_TRUE(catalogue().ok());
  const auto& control = GetParam();
  const auto result =
      run_one({WSH_TEST_FAULTY_PATH, "--bug", control.bug}, control.result_id, control.role, control.transport);
  EXPECT_EQ(result.verdict, control.expected) << describe(result);
  const bool named = std::any_of(result.findings.begin(), result.findings.end(),
                                 [&](const oracles::Finding& finding) { return finding.oracle == control.oracle; });
  EXPECT_TRUE(named) << "no finding from " << control.oracle << "\n" << describe(result);
}

TEST_P(NegativeControl, CleanSubjectPassesTheSameCase) {
  ASSERT_TRUE(catalogue().ok());
  const auto& control = GetParam();
  const auto result = run_one({WSH_TEST_FAULTY_PATH}, control.result_id, control.role, control.transport);
  // PASS, or INFORMATIONAL for a case where the RFC leaves the outcome open.
  EXPECT_EQ(std::vector{result.verdict}, result.expected.verdicts) << describe(result);
}

// The repeat loop: a failing run stops it, a passing case runs every time.
TEST(RepeatedCase, StopsAtTheFirstFailingRunAndCountsTheRuns) {
  ASSERT_TRUE(catalogue().ok());
  const auto failing = run_one({WSH_TEST_FAULTY_PATH, "--bug", "spam-reorder"}, "threads.spam.peer-sends", cases::Role::Server);
  ASSERT_TRUE(failing.runs) << describe(failing);
  EXPECT_EQ(failing.runs->attempted, 1);
  EXPECT_EQ(failing.runs->failed, 1);
  EXPECT_GT(failing.runs->limit, 1);
  EXPECT_EQ(failing.seed, result_seed(42, "threads.spam.peer-sends", "faulty", cases::Role::Server, Transport::Ws))
      << "run 1 keeps the result's own seed";

  const auto clean = run_one({WSH_TEST_FAULTY_PATH}, "threads.spam.peer-sends", cases::Role::Server);
  ASSERT_TRUE(clean.runs) << describe(clean);
  EXPECT_EQ(clean.verdict, oracles::Verdict::Pass) << describe(clean);
  EXPECT_EQ(clean.runs->attempted, clean.runs->limit);
  EXPECT_EQ(clean.runs->failed, 0);
  EXPECT_EQ(clean.seed, run_seed(result_seed(42, "threads.spam.peer-sends", "faulty", cases::Role::Server, Transport::Ws),
                                 clean.runs->limit))
      << "the last run's derived seed, for replay";
}

// gtest prints a parameter with PrintTo; without it ctest shows raw bytes.
void PrintTo(const Control& control, std::ostream* out) { *out << control.bug << " on " << control.result_id; }

std::string control_name(const ::testing::TestParamInfo<Control>& param_info) {
  std::string name = param_info.param.bug;
  if (param_info.param.role == cases::Role::Pair) name += "_pair";
  if (param_info.param.tag) name += std::string("_") + param_info.param.tag;
  if (param_info.param.transport == Transport::Wss) name += "_wss";
  for (auto& c : name)
    if (c == '-') c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Faulty, NegativeControl, ::testing::ValuesIn(kControls), control_name);

}  // namespace
}  // namespace wsh::engine
