// Proof that the oracles can fail: each bug switch of wsh-subject-faulty
// must turn the cases that watch for it away from PASS, and the same cases
// must PASS against the clean faulty subject. An oracle without a row here
// is not done (docs/ARCHITECTURE.md, "Oracles that must be able to fail").
// Every row runs over ws:// and wss:// unless it says why not: over TLS the
// subject's threads share one session, and its ending adds a close_notify, so
// an oracle proven on plain TCP alone is not proven where it matters most.

#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <tuple>

#include "engine/engine.hpp"

namespace wsh::engine {
namespace {

// Where a row runs.
enum class Over { Both, WsOnly, WssOnly };

struct Control {
  const char* bug;
  const char* result_id;
  cases::Role role;
  oracles::Verdict expected;
  const char* oracle;         // the finding that must name the failure
  const char* tag = nullptr;  // tells apart two rows for one bug in the test name
  Over over = Over::Both;
  const char* emulate = nullptr;  // the faulty subject's --emulate, for a case that needs a feature
};

// The faulty subject's command line, with any bug and emulated feature.
std::vector<std::string> faulty(const char* bug, const char* emulate) {
  std::vector<std::string> argv = {WSH_TEST_FAULTY_PATH};
  if (bug) argv.insert(argv.end(), {"--bug", bug});
  if (emulate) argv.insert(argv.end(), {"--emulate", emulate});
  return argv;
}

const Control kControls[] = {
    {"double-cleanup", "close.clean.peer-initiated", cases::Role::Server, oracles::Verdict::Fail, "app.cleanup-once"},
    {"no-cleanup", "close.clean.peer-initiated", cases::Role::Server, oracles::Verdict::Fail, "app.cleanup-once"},
    {"read-after-fail", "close.clean.peer-initiated", cases::Role::Client, oracles::Verdict::Fail, "app.fail-is-last"},
    {"never-answer-close", "close.clean.peer-initiated", cases::Role::Server, oracles::Verdict::Fail,
     "outcome.no-close-frame"},
    {"send-1005", "close.subject.reserved-status[code=1005]", cases::Role::Server, oracles::Verdict::Fail,
     "wire.reserved-code"},
    {"echo-invalid-code", "close.peer.code.invalid[code=1005]", cases::Role::Client, oracles::Verdict::Fail,
     "outcome.close-code"},
    {"crash-on-close", "close.clean.peer-initiated", cases::Role::Server, oracles::Verdict::Error, "health.crash"},
    {"hang-on-close", "close.clean.peer-initiated", cases::Role::Server, oracles::Verdict::Timeout,
     "app.handler-returned"},
    {"leak-fd", "close.clean.peer-initiated", cases::Role::Server, oracles::Verdict::Fail, "app.fd-leak"},
    {"slow-cleanup", "close.clean.peer-initiated", cases::Role::Server, oracles::Verdict::Fail, "app.cleanup-prompt"},
    {"mask-server-frames", "close.clean.peer-initiated", cases::Role::Server, oracles::Verdict::Fail, "wire.frame"},
    {"no-close-reply-tcp", "close.clean.peer-initiated", cases::Role::Server, oracles::Verdict::NonStrict,
     "outcome.server-tcp-close"},
    {"invalid-utf8-echo", "close.clean.peer-initiated", cases::Role::Client, oracles::Verdict::Fail, "wire.message"},
    {"crash-on-leave", "lifecycle.leave", cases::Role::Client, oracles::Verdict::Error, "health.crash"},
    {"cleanup-before-fail", "close.clean.peer-initiated", cases::Role::Server, oracles::Verdict::Fail,
     "app.cleanup-after-fail"},
    {"bad-close-payload", "close.clean.peer-initiated", cases::Role::Server, oracles::Verdict::Fail,
     "wire.close-payload"},
    {"oversize-pong", "frames.ping.answered", cases::Role::Server, oracles::Verdict::Fail, "wire.control-length"},
    {"data-after-close", "close.clean.subject-initiated", cases::Role::Server, oracles::Verdict::Fail,
     "wire.after-close"},
    {"drop-instead-of-close", "close.peer.code.invalid[code=1005]", cases::Role::Server, oracles::Verdict::NonStrict,
     "outcome.drop"},
    {"lose-message", "threads.spam[count=200,size=16]", cases::Role::Server, oracles::Verdict::Fail,
     "outcome.messages"},
    {"fake-sanitizer-report", "close.clean.peer-initiated", cases::Role::Server, oracles::Verdict::Error,
     "health.sanitizer"},
    {"garbage-stdout", "close.clean.peer-initiated", cases::Role::Server, oracles::Verdict::Error, "health.protocol"},
    {"spam-reorder", "threads.spam[count=200,size=16]", cases::Role::Client, oracles::Verdict::Fail, "outcome.spam"},
    // race-send (two threads write without a lock) shows only on some runs:
    // threads.spam.peer-sends repeats (repeat = 20) until the first torn frame.
    // ws:// only: over TLS the transport serialises every record write (one
    // session), so the unlocked header and payload writes cannot tear there.
    {"race-send", "threads.spam.peer-sends", cases::Role::Server, oracles::Verdict::Fail, "wire.frame", nullptr,
     Over::WsOnly},
    // The pair topology judges each subject on its own: both run with the bug.
    // ws:// only: over wss:// the proxy relays TLS records blind, so a case
    // that injects a chat command is SKIP there (cases/README.md, Pair cases).
    {"double-cleanup", "pair.close.command[side=client]", cases::Role::Pair, oracles::Verdict::Fail,
     "server.app.cleanup-once", nullptr, Over::WsOnly},
    {"never-answer-close", "pair.close.command[side=client]", cases::Role::Pair, oracles::Verdict::Fail,
     "server.outcome.no-close-frame", nullptr, Over::WsOnly},
    // Multi-connection cases: each connection judged, the process once.
    // The forgotten client sees TCP end without a close frame, and its handler never reports: TIMEOUT.
    {"shutdown-misses-one", "lifecycle.shutdown.clients[clients=3]", cases::Role::Server, oracles::Verdict::Timeout,
     "outcome.no-close-frame"},
    {"leak-fd-every-10th", "lifecycle.churn.peer-close", cases::Role::Server, oracles::Verdict::Fail, "app.fd-leak"},
    {"double-cleanup", "lifecycle.churn.peer-close", cases::Role::Server, oracles::Verdict::Fail, "app.cleanup-once",
     "churn"},
    {"leak-fd", "lifecycle.churn.rst-idle", cases::Role::Server, oracles::Verdict::Fail, "app.fd-leak", "churn"},
    // The mission's own oracle, both ways it can break: no Fail at all
    // (only this oracle fires), and a second Fail (app.fail-is-last fires too).
    {"read-fail-unreported", "close.clean.peer-initiated", cases::Role::Server, oracles::Verdict::Fail,
     "app.read-fail-once"},
    {"read-fail-twice", "close.clean.peer-initiated", cases::Role::Client, oracles::Verdict::Fail,
     "app.read-fail-once"},
    // After /shutdown the process must exit 0 by itself; this one waits for SIGTERM.
    {"linger-after-shutdown", "lifecycle.shutdown", cases::Role::Server, oracles::Verdict::Fail, "health.exit"},
    // A close frame with code 1005 must fail the connection; this subject keeps it open, silent.
    {"ignore-protocol-error", "close.peer.code.invalid[code=1005]", cases::Role::Server, oracles::Verdict::Fail,
     "outcome.not-failed"},
    // 1004 is reserved (§7.4.2) but not one of the three never-on-the-wire
    // codes, so the echo is wire.close-code's, not wire.reserved-code's.
    {"echo-invalid-code", "close.peer.code.invalid[code=1004]", cases::Role::Server, oracles::Verdict::Fail,
     "wire.close-code", "code_1004"},
    {"invalid-utf8-close-reason", "close.clean.subject-initiated", cases::Role::Client, oracles::Verdict::Fail,
     "wire.close-reason-utf8"},
    // The cases for defects seen in cpp-httplib's source, each failed by the switch that has the defect.
    {"close-reason-cut", "close.subject.reason-cut", cases::Role::Server, oracles::Verdict::Fail,
     "wire.close-reason-utf8"},
    {"close-reply-limit", "close.subject.reply-after-data[size=200]", cases::Role::Server, oracles::Verdict::Fail,
     "step"},
    // ws:// only: a TLS record cut short would fail its MAC, another failure than the one this case is about.
    {"short-write", "faults.stall.large-echo", cases::Role::Server, oracles::Verdict::Fail, "step", nullptr,
     Over::WsOnly},
    // wss:// only, as the case: each header part is its own TLS record.
    {"header-split-fails", "faults.tls-records.header-split", cases::Role::Server, oracles::Verdict::Fail, "step",
     nullptr, Over::WssOnly},
    {"header-split-fails", "faults.tls-records.header-split-to-client", cases::Role::Client, oracles::Verdict::Fail,
     "step", "client", Over::WssOnly},
    // The opening handshake's oracle: a 101 whose Sec-WebSocket-Accept does not match the key (§4.2.2 item 5.4).
    {"wrong-accept", "close.clean.peer-initiated", cases::Role::Server, oracles::Verdict::Fail, "handshake"},
    // The read-timeout case needs the feature "read-timeout": the faulty subject emulates it.
    {"timeout-ends-connection", "lifecycle.read-timeout", cases::Role::Server, oracles::Verdict::Fail, "step", nullptr,
     Over::Both, "read-timeout"},
    {"timeout-ends-connection", "lifecycle.read-timeout", cases::Role::Client, oracles::Verdict::Fail, "step", "client",
     Over::Both, "read-timeout"},
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

// One row on one transport.
struct ControlRun {
  Control control;
  Transport transport = Transport::Ws;
};

std::vector<ControlRun> control_runs() {
  std::vector<ControlRun> runs;
  for (const auto& control : kControls) {
    if (control.over != Over::WssOnly) runs.push_back({control, Transport::Ws});
    if (control.over != Over::WsOnly) runs.push_back({control, Transport::Wss});
  }
  return runs;
}

// The clean subject once per result, role and transport that some row uses:
// many rows share close.clean.peer-initiated, and each run costs seconds
// under a sanitizer.
struct CleanRun {
  const char* result_id;
  cases::Role role;
  Transport transport;
  const char* emulate;
};

std::vector<CleanRun> clean_runs() {
  std::vector<CleanRun> runs;
  std::set<std::tuple<std::string, int, int>> seen;
  for (const auto& run : control_runs()) {
    const auto key = std::make_tuple(std::string(run.control.result_id), static_cast<int>(run.control.role),
                                     static_cast<int>(run.transport));
    if (seen.insert(key).second)
      runs.push_back({run.control.result_id, run.control.role, run.transport, run.control.emulate});
  }
  return runs;
}

class NegativeControl : public ::testing::TestWithParam<ControlRun> {};

TEST_P(NegativeControl, BugIsCaughtByItsOracle) {
  ASSERT_TRUE(catalogue().ok());
  const auto& [control, transport] = GetParam();
  const auto result = run_one(faulty(control.bug, control.emulate), control.result_id, control.role, transport);
  EXPECT_EQ(result.verdict, control.expected) << describe(result);
  const bool named = std::any_of(result.findings.begin(), result.findings.end(),
                                 [&](const oracles::Finding& finding) { return finding.oracle == control.oracle; });
  EXPECT_TRUE(named) << "no finding from " << control.oracle << "\n" << describe(result);
}

class CleanControl : public ::testing::TestWithParam<CleanRun> {};

TEST_P(CleanControl, CleanSubjectPassesTheCase) {
  ASSERT_TRUE(catalogue().ok());
  const auto& clean = GetParam();
  const auto result = run_one(faulty(nullptr, clean.emulate), clean.result_id, clean.role, clean.transport);
  // PASS, or INFORMATIONAL for a case where the RFC leaves the outcome open.
  EXPECT_EQ(std::vector{result.verdict}, result.expected.verdicts) << describe(result);
}

// A subject without the feature a case needs is SKIP, with the reason.
TEST(MissingFeature, ReadTimeoutCaseIsSkippedWithTheReason) {
  ASSERT_TRUE(catalogue().ok());
  const auto result = run_one(faulty(nullptr, nullptr), "lifecycle.read-timeout", cases::Role::Server);
  EXPECT_EQ(result.verdict, oracles::Verdict::Skip) << describe(result);
  EXPECT_NE(result.reason.find("read-timeout"), std::string::npos) << result.reason;
}

// The repeat loop: a failing run stops it, a passing case runs every time.
TEST(RepeatedCase, StopsAtTheFirstFailingRunAndCountsTheRuns) {
  ASSERT_TRUE(catalogue().ok());
  const auto failing =
      run_one({WSH_TEST_FAULTY_PATH, "--bug", "spam-reorder"}, "threads.spam.peer-sends", cases::Role::Server);
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
  EXPECT_EQ(clean.seed,
            run_seed(result_seed(42, "threads.spam.peer-sends", "faulty", cases::Role::Server, Transport::Ws),
                     clean.runs->limit))
      << "the last run's derived seed, for replay";
}

// gtest prints a parameter with PrintTo; without it ctest shows raw bytes.
void PrintTo(const ControlRun& run, std::ostream* out) {
  *out << run.control.bug << " on " << run.control.result_id << (run.transport == Transport::Wss ? " over wss" : "");
}
void PrintTo(const CleanRun& run, std::ostream* out) {
  *out << run.result_id << " as " << cases::role_name(run.role) << (run.transport == Transport::Wss ? " over wss" : "");
}

std::string identifier(std::string name) {
  for (auto& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

std::string control_name(const ::testing::TestParamInfo<ControlRun>& param_info) {
  const auto& [control, transport] = param_info.param;
  std::string name = control.bug;
  if (control.role == cases::Role::Pair) name += "_pair";
  if (control.tag) name += std::string("_") + control.tag;
  if (transport == Transport::Wss) name += "_wss";
  return identifier(name);
}

std::string clean_name(const ::testing::TestParamInfo<CleanRun>& param_info) {
  const auto& run = param_info.param;
  return identifier(std::string(run.result_id) + "_" + std::string(cases::role_name(run.role)) +
                    (run.transport == Transport::Wss ? "_wss" : "_ws"));
}

INSTANTIATE_TEST_SUITE_P(Faulty, NegativeControl, ::testing::ValuesIn(control_runs()), control_name);
INSTANTIATE_TEST_SUITE_P(Faulty, CleanControl, ::testing::ValuesIn(clean_runs()), clean_name);

}  // namespace
}  // namespace wsh::engine
