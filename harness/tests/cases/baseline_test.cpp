#include "cases/baseline.hpp"

#include <gtest/gtest.h>

namespace wsh::cases {
namespace {

TEST(GlobMatch, MatchesStarAndQuestionMark) {
  EXPECT_TRUE(glob_match("close.*", "close.peer.code[code=1005]"));
  EXPECT_TRUE(glob_match("*[code=100?]", "close.peer.code[code=1005]"));
  EXPECT_TRUE(glob_match("exact", "exact"));
  EXPECT_FALSE(glob_match("close.*", "faults.rst"));
  EXPECT_FALSE(glob_match("a?c", "ac"));
  EXPECT_TRUE(glob_match("*", ""));
}

TEST(GlobMatch, BracesNameAlternativesAndBracketsAreLiteral) {
  EXPECT_TRUE(glob_match("straddle[k={1,3},b=4096]", "straddle[k=3,b=4096]"));
  EXPECT_FALSE(glob_match("straddle[k={1,3},b=4096]", "straddle[k=2,b=4096]"));
  EXPECT_TRUE(glob_match("a{x,y}*", "ay-and-more"));
  EXPECT_FALSE(glob_match("code[13]", "code1"));
  EXPECT_TRUE(glob_match("code[13]", "code[13]"));
}

TEST(Baseline, LastMatchingEntryWinsAndFiltersApply) {
  const auto baseline = load_baseline_text(R"(
[[result]]
id = "close.*"
verdict = "NON-STRICT"
reason = "drops TCP"

[[result]]
id = "close.peer.code[code=1005]"
role = "server"
verdict = "FAIL"
reason = "echoes 1005"
link = "https://example.invalid/1"
)",
                                           "beast.toml");
  ASSERT_TRUE(baseline.errors.empty());
  EXPECT_EQ(baseline.find("close.peer.code[code=1005]", "server", "ws")->verdicts, std::vector<std::string>{"FAIL"});
  EXPECT_EQ(baseline.find("close.peer.code[code=1005]", "client", "ws")->verdicts,
            std::vector<std::string>{"NON-STRICT"});
  EXPECT_EQ(baseline.find("faults.rst", "server", "ws"), nullptr);
}

TEST(Baseline, RejectsUnknownVerdictAndKeys) {
  const auto baseline =
      load_baseline_text("[[result]]\nid = \"x\"\nverdict = \"BROKEN\"\nreason = \"r\"\nwhy = 1\n", "b.toml");
  ASSERT_EQ(baseline.errors.size(), 2u);
  EXPECT_TRUE(baseline.errors[0].to_string().starts_with("b.toml:3:11: 'BROKEN' is not a verdict: use PASS"))
      << baseline.errors[0].to_string();
  EXPECT_TRUE(baseline.errors[1].to_string().starts_with("b.toml:5:1: unknown key 'why'"))
      << baseline.errors[1].to_string();
}

TEST(Baseline, SeveralVerdictsWithoutIntermittentAreRefused) {
  // A list of verdicts accepted whatever happened is an entry that cannot fail.
  const auto baseline = load_baseline_text(
      "[[result]]\nid = \"faults.chop*\"\nverdict = [\"FAIL\", \"PASS\"]\nreason = \"a race\"\n", "b.toml");
  ASSERT_EQ(baseline.errors.size(), 1u);
  EXPECT_NE(baseline.errors[0].to_string().find("write its verdicts as 'intermittent"), std::string::npos)
      << baseline.errors[0].to_string();
}

TEST(Baseline, ARaceNamesItsVerdictsAndRate) {
  const auto baseline = load_baseline_text(
      "[[result]]\nid = \"threads.*\"\nintermittent = [\"TIMEOUT\", \"FAIL\"]\nrate = 0.25\nreason = \"a race\"\n",
      "b.toml");
  ASSERT_TRUE(baseline.errors.empty()) << baseline.errors[0].to_string();
  const auto* entry = baseline.find("threads.close-async", "server", "ws");
  ASSERT_NE(entry, nullptr);
  EXPECT_TRUE(entry->intermittent);
  EXPECT_EQ(entry->verdicts, (std::vector<std::string>{"TIMEOUT", "FAIL"}));
  EXPECT_EQ(entry->rate, 0.25);
  // 0.75^24 = 0.001003 > 1/1000, 0.75^25 < 1/1000.
  EXPECT_EQ(entry->repeats(), 25);
}

TEST(Baseline, ARaceNeedsARateAndListsOnlyFailingVerdicts) {
  const auto no_rate =
      load_baseline_text("[[result]]\nid = \"x\"\nintermittent = [\"TIMEOUT\"]\nreason = \"r\"\n", "b.toml");
  ASSERT_EQ(no_rate.errors.size(), 1u);
  EXPECT_NE(no_rate.errors[0].to_string().find("a race needs 'rate'"), std::string::npos);
  const auto only_passing = load_baseline_text(
      "[[result]]\nid = \"x\"\nintermittent = [\"TIMEOUT\", \"PASS\"]\nrate = 0.5\nreason = \"r\"\n", "b.toml");
  ASSERT_EQ(only_passing.errors.size(), 1u);
  EXPECT_NE(only_passing.errors[0].to_string().find("lists the failing verdicts the race shows as"), std::string::npos)
      << only_passing.errors[0].to_string();
}

TEST(Baseline, VerdictAndIntermittentExcludeEachOther) {
  const auto both = load_baseline_text(
      "[[result]]\nid = \"x\"\nverdict = \"FAIL\"\nintermittent = [\"FAIL\", \"PASS\"]\nrate = 1\nreason = \"r\"\n",
      "b.toml");
  EXPECT_FALSE(both.errors.empty());
  const auto neither = load_baseline_text("[[result]]\nid = \"x\"\nreason = \"r\"\n", "b.toml");
  ASSERT_EQ(neither.errors.size(), 1u);
  EXPECT_NE(neither.errors[0].to_string().find("missing 'verdict'"), std::string::npos);
}

TEST(Baseline, TheSubjectTablePromisesRolesAndFeatures) {
  const auto baseline = load_baseline_text(
      "[subject]\nroles = [\"server\", \"client\"]\nfeatures = [\"tls\"]\ntested_versions = [\"0.53.1\"]\n", "b.toml");
  ASSERT_TRUE(baseline.errors.empty()) << baseline.errors[0].to_string();
  EXPECT_TRUE(baseline.promises_role("client"));
  EXPECT_TRUE(baseline.promises_feature("tls"));
  EXPECT_FALSE(baseline.promises_feature("threads"));
  EXPECT_EQ(baseline.promise.tested_versions, std::vector<std::string>{"0.53.1"});
}

TEST(Baseline, KeepsTheHeaderAndEachEntrysOwnComment) {
  const auto baseline = load_baseline_text(
      "# header\n# two\n\n[[result]]\nid = \"a\"\nverdict = \"FAIL\"\nreason = \"r\"\n\n# about b\n[[result]]\n"
      "id = \"b\"\nverdict = \"FAIL\"\nreason = \"r\"\n",
      "b.toml");
  ASSERT_TRUE(baseline.errors.empty()) << baseline.errors[0].to_string();
  EXPECT_EQ(baseline.header_comment, "# header\n# two\n");
  ASSERT_EQ(baseline.entries.size(), 2u);
  EXPECT_EQ(baseline.entries[0].comment, "");
  EXPECT_EQ(baseline.entries[1].comment, "# about b\n");
}

}  // namespace
}  // namespace wsh::cases
