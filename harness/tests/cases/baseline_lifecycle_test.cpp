// The baseline lifecycle: `baseline check` (lint_baseline) finds entries
// that can no longer fail, `baseline update` (update_baseline) narrows from
// a run and never widens silently, and the writer gives back what it read.

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>

#include "cases/baseline_lint.hpp"
#include "cases/baseline_update.hpp"
#include "cases/baseline_writer.hpp"

namespace wsh::cases {
namespace {

CaseInstance instance(std::string case_id, std::string params = "") {
  CaseInstance made;
  made.case_id = case_id;
  made.result_id = params.empty() ? case_id : case_id + "[" + params + "]";
  made.roles = {Role::Server, Role::Client};
  made.transports = {"ws", "wss"};
  return made;
}

Catalogue catalogue() {
  Catalogue made;
  made.cases = {instance("close.peer.code", "code=1005"), instance("close.peer.code", "code=1006"),
                instance("faults.chop", "size=1"), instance("threads.spam")};
  return made;
}

Baseline parse(const std::string& text) {
  auto baseline = load_baseline_text(text, "b.toml");
  EXPECT_TRUE(baseline.errors.empty()) << baseline.errors.front().to_string();
  return baseline;
}

std::vector<std::string> problems(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& problem : lint_baseline(parse(text), catalogue())) out.push_back(problem.to_string());
  return out;
}

TEST(BaselineCheck, AnEntryThatMatchesNoResultIsStale) {
  const auto found = problems("[[result]]\nid = \"close.peer.gone\"\nverdict = \"FAIL\"\nreason = \"r\"\n");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0], "b.toml:1:1: stale: 'close.peer.gone' matches no result of the catalogue");
  // A role filter can make an otherwise live id stale too.
  EXPECT_EQ(problems("[[result]]\nid = \"threads.spam\"\nrole = \"pair\"\nverdict = \"FAIL\"\nreason = \"r\"\n").size(),
            1u);
}

TEST(BaselineCheck, AnEntryHiddenByALaterOneIsShadowed) {
  const auto found = problems(
      "[[result]]\nid = \"close.peer.code[code=1005]\"\nverdict = \"FAIL\"\nreason = \"r\"\n"
      "[[result]]\nid = \"close.peer.code[*]\"\nverdict = \"NON-STRICT\"\nreason = \"r\"\n");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0], "b.toml:1:1: shadowed: a later entry decides every result this one matches");
}

TEST(BaselineCheck, AGlobOverSeveralCasesMustSayWhy) {
  const auto found = problems("[[result]]\nid = \"*\"\nverdict = \"ERROR\"\nreason = \"r\"\n");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].find("covers 3 cases (close.peer.code, faults.chop, threads.spam)"), std::string::npos)
      << found[0];
  EXPECT_TRUE(
      problems("[[result]]\nid = \"*\"\nspans = \"nothing connects\"\nverdict = \"ERROR\"\nreason = \"r\"\n").empty());
  // One case's whole matrix is one family.
  EXPECT_TRUE(problems("[[result]]\nid = \"close.peer.code[*]\"\nverdict = \"FAIL\"\nreason = \"r\"\n").empty());
}

TEST(BaselineCheck, AVersionRangeMustHoldATestedRelease) {
  const std::string subject = "[subject]\ntested_versions = [\"0.33.0\", \"0.53.1\"]\n";
  EXPECT_TRUE(problems(subject + "[[result]]\nid = \"threads.spam\"\nversions = \"<0.47.0\"\nverdict = \"FAIL\"\n"
                                 "reason = \"r\"\n")
                  .empty());
  const auto found = problems(subject +
                              "[[result]]\nid = \"threads.spam\"\nversions = \">=0.60.0\"\n"
                              "verdict = \"FAIL\"\nreason = \"r\"\n");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].find("holds none of the tested versions (0.33.0, 0.53.1)"), std::string::npos) << found[0];
  // Without tested_versions a range cannot be checked at all: said so.
  EXPECT_EQ(
      problems("[[result]]\nid = \"threads.spam\"\nversions = \"<1.0\"\nverdict = \"FAIL\"\nreason = \"r\"\n").size(),
      1u);
}

ObservedResult observed(std::string id, std::string role, std::string transport, std::string verdict,
                        std::string outcome, int runs = 1) {
  return {
      std::move(id), std::move(role), std::move(transport), std::nullopt, "", std::move(verdict), std::move(outcome),
      runs};
}

TEST(BaselineUpdate, AnEntryEveryResultOfWhichPassedIsRemoved) {
  const auto baseline = parse("[[result]]\nid = \"threads.spam\"\nverdict = \"FAIL\"\nreason = \"r\"\n");
  const auto update =
      update_baseline(baseline, {observed("threads.spam", "server", "ws", "PASS", "xpass")}, false, "run");
  EXPECT_TRUE(update.updated.entries.empty());
  ASSERT_EQ(update.changes.size(), 1u);
}

TEST(BaselineUpdate, AnEntryStillSeenOnOneTransportIsNarrowedToIt) {
  const auto baseline = parse("[[result]]\nid = \"threads.spam\"\nverdict = \"FAIL\"\nreason = \"keep me\"\n");
  const auto update = update_baseline(baseline,
                                      {observed("threads.spam", "server", "ws", "FAIL", "as-expected"),
                                       observed("threads.spam", "client", "ws", "FAIL", "as-expected"),
                                       observed("threads.spam", "server", "wss", "PASS", "xpass")},
                                      false, "run");
  ASSERT_EQ(update.updated.entries.size(), 1u);
  EXPECT_EQ(update.updated.entries[0].transport, "ws");
  EXPECT_EQ(update.updated.entries[0].reason, "keep me");
}

TEST(BaselineUpdate, ARaceGetsItsMeasuredRate) {
  const auto baseline =
      parse("[[result]]\nid = \"threads.spam\"\nintermittent = [\"TIMEOUT\"]\nrate = 0.5\nreason = \"r\"\n");
  const auto update = update_baseline(baseline,
                                      {observed("threads.spam", "server", "ws", "TIMEOUT", "as-expected", 4),
                                       observed("threads.spam", "client", "ws", "TIMEOUT", "as-expected", 6)},
                                      false, "run");
  ASSERT_EQ(update.updated.entries.size(), 1u);
  EXPECT_DOUBLE_EQ(*update.updated.entries[0].rate, 0.2);
}

TEST(BaselineUpdate, NeverWidensUnlessAsked) {
  const auto baseline = parse("[[result]]\nid = \"threads.spam\"\nverdict = \"FAIL\"\nreason = \"r\"\n");
  const std::vector<ObservedResult> run = {observed("threads.spam", "server", "ws", "FAIL", "as-expected"),
                                           observed("faults.chop[size=1]", "server", "ws", "FAIL", "unexpected")};
  const auto refused = update_baseline(baseline, run, false, "run");
  EXPECT_EQ(refused.updated.entries.size(), 1u);
  ASSERT_EQ(refused.widenings.size(), 1u);
  const auto widened = update_baseline(baseline, run, true, "run");
  ASSERT_EQ(widened.updated.entries.size(), 2u);
  EXPECT_EQ(widened.updated.entries[1].id_glob, "faults.chop[size=1]");
  EXPECT_EQ(widened.updated.entries[1].verdicts, std::vector<std::string>{"FAIL"});
}

TEST(BaselineWriter, WritesBackWhatItRead) {
  const std::string text =
      "# header\n\n# promises\n[subject]\nroles = [\"server\", \"client\"]\nfeatures = [\"tls\"]\n\n# a "
      "race\n[[result]]\n"
      "id = \"threads.spam\"\nrole = \"server\"\ntransport = \"wss\"\nversions = \"<0.47.0\"\n"
      "intermittent = [\"TIMEOUT\", \"FAIL\"]\nrate = 0.25\nrepeat = 30\nreason = \"a \\\"quoted\\\" reason\"\n"
      "link = \"https://example.invalid/\"\n";
  const auto written = baseline_toml(parse(text));
  EXPECT_EQ(written, text);
  const auto again = parse(written);
  EXPECT_EQ(again.entries[0].reason, "a \"quoted\" reason");
}

TEST(BaselineWriter, GivesBackEveryBaselineOfTheRepositoryUnchanged) {
  // `baseline update` rewrites a whole file: one that changed nothing must
  // not churn a line of it (comments, quoting, key order).
  for (const auto& file : std::filesystem::directory_iterator(WSH_TEST_EXPECTATIONS_DIR)) {
    std::ifstream in(file.path(), std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const auto baseline = load_baseline_text(text, file.path().filename().string());
    ASSERT_TRUE(baseline.errors.empty()) << baseline.errors.front().to_string();
    EXPECT_EQ(baseline_toml(baseline), text) << file.path();
  }
}

}  // namespace
}  // namespace wsh::cases
