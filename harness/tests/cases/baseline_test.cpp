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
  EXPECT_EQ(baseline.find("close.peer.code[code=1005]", "server", "ws")->verdict, "FAIL");
  EXPECT_EQ(baseline.find("close.peer.code[code=1005]", "client", "ws")->verdict, "NON-STRICT");
  EXPECT_EQ(baseline.find("faults.rst", "server", "ws"), nullptr);
}

TEST(Baseline, RejectsUnknownVerdictAndKeys) {
  const auto baseline = load_baseline_text("[[result]]\nid = \"x\"\nverdict = \"BROKEN\"\nreason = \"r\"\nwhy = 1\n", "b.toml");
  ASSERT_EQ(baseline.errors.size(), 2u);
  EXPECT_TRUE(baseline.errors[0].to_string().starts_with("b.toml:3:11: 'verdict' must be PASS")) << baseline.errors[0].to_string();
  EXPECT_TRUE(baseline.errors[1].to_string().starts_with("b.toml:5:1: unknown key 'why'")) << baseline.errors[1].to_string();
}

TEST(Baseline, SeveralVerdictsForARaceAreJoined) {
  const auto baseline = load_baseline_text(
      "[[result]]\nid = \"faults.chop*\"\nverdict = [\"FAIL\", \"PASS\"]\nreason = \"a race\"\n", "b.toml");
  ASSERT_TRUE(baseline.errors.empty()) << baseline.errors[0].to_string();
  EXPECT_EQ(baseline.find("faults.chop[size=1]", "server", "ws")->verdict, "FAIL|PASS");
}

}  // namespace
}  // namespace wsh::cases
