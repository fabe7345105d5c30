// The outcome of a result against its baseline: the single judgement every
// report reads (oracles/outcome.hpp).

#include <gtest/gtest.h>

#include "oracles/outcome.hpp"

namespace wsh::oracles {
namespace {

Expectation strict(Verdict verdict) { return Expectation{{verdict}, false, std::nullopt}; }
Expectation race(std::vector<Verdict> verdicts) { return Expectation{std::move(verdicts), true, 0.5}; }

TEST(Outcome, TheExpectedVerdictIsAsExpected) {
  EXPECT_EQ(judge_outcome(Verdict::Pass, Expectation{}, true), Outcome::AsExpected);
  EXPECT_EQ(judge_outcome(Verdict::Fail, strict(Verdict::Fail), true), Outcome::AsExpected);
}

TEST(Outcome, AnyOtherVerdictIsUnexpected) {
  EXPECT_EQ(judge_outcome(Verdict::Fail, Expectation{}, true), Outcome::Unexpected);
  EXPECT_EQ(judge_outcome(Verdict::Timeout, strict(Verdict::Fail), true), Outcome::Unexpected);
  EXPECT_EQ(judge_outcome(Verdict::NonStrict, strict(Verdict::Fail), true), Outcome::Unexpected);
}

TEST(Outcome, AnExpectedDepartureThatPassesIsXPass) {
  EXPECT_EQ(judge_outcome(Verdict::Pass, strict(Verdict::Fail), true), Outcome::XPass);
  EXPECT_EQ(judge_outcome(Verdict::Pass, strict(Verdict::NonStrict), true), Outcome::XPass);
  // An informational case that no longer errors has passed as far as it can.
  EXPECT_EQ(judge_outcome(Verdict::Informational, strict(Verdict::Error), true), Outcome::XPass);
}

TEST(Outcome, ARaceThatShowsIsAsExpectedAndOneThatDoesNotIsNotReproduced) {
  const auto timeout_race = race({Verdict::Timeout});
  EXPECT_EQ(judge_outcome(Verdict::Timeout, timeout_race, true), Outcome::AsExpected);
  EXPECT_EQ(judge_outcome(Verdict::Pass, timeout_race, true), Outcome::NotReproduced);
  EXPECT_EQ(judge_outcome(Verdict::Fail, timeout_race, true), Outcome::Unexpected);
}

TEST(Outcome, ASkipCountsOnlyWhileItsReasonHolds) {
  EXPECT_EQ(judge_outcome(Verdict::Skip, Expectation{}, true), Outcome::Skipped);
  EXPECT_EQ(judge_outcome(Verdict::Skip, Expectation{}, false), Outcome::Unexpected);
  EXPECT_EQ(judge_outcome(Verdict::Skip, strict(Verdict::Fail), false), Outcome::Unexpected);
}

TEST(Outcome, OnlyUnexpectedFailsARunAndXPassFailsAStrictOne) {
  EXPECT_TRUE(outcome_fails_run(Outcome::Unexpected, false));
  EXPECT_FALSE(outcome_fails_run(Outcome::XPass, false));
  EXPECT_TRUE(outcome_fails_run(Outcome::XPass, true));
  EXPECT_FALSE(outcome_fails_run(Outcome::NotReproduced, true));
  EXPECT_FALSE(outcome_fails_run(Outcome::Skipped, true));
  EXPECT_FALSE(outcome_fails_run(Outcome::AsExpected, true));
}

TEST(Outcome, NamesRoundTrip) {
  for (const auto outcome :
       {Outcome::AsExpected, Outcome::Unexpected, Outcome::XPass, Outcome::NotReproduced, Outcome::Skipped})
    EXPECT_EQ(parse_outcome(outcome_name(outcome)), outcome);
  EXPECT_EQ(outcome_name(Outcome::NotReproduced), "not-reproduced");
}

TEST(Outcome, ExpectedTextNamesEveryVerdictAndARacesRate) {
  EXPECT_EQ(expected_text(strict(Verdict::Fail)), "FAIL");
  EXPECT_EQ(expected_text(race({Verdict::Timeout, Verdict::Fail})), "TIMEOUT or FAIL (a race seen in 50 % of runs)");
}

}  // namespace
}  // namespace wsh::oracles
