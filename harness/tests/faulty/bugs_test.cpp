#include "bugs.hpp"

#include <gtest/gtest.h>

namespace wsh::subject::faulty {
namespace {

TEST(BugSwitches, EveryNameRoundTrips) {
  for (const auto& name : all_bug_names()) {
    const auto bug = parse_bug(name);
    ASSERT_TRUE(bug.has_value()) << name;
    EXPECT_EQ(bug_name(*bug), name);
  }
}

TEST(BugSwitches, ListsEverySwitch) {
  // The fifteen of the first brief, then one per oracle that had no
  // subject-level negative control (negative_controls_test.cpp), two that
  // only many connections reveal, and five for the oracles proven last
  // (app.read-fail-once twice over, health.exit, outcome.not-failed,
  // wire.close-reason-utf8), and five for defects seen in cpp-httplib's
  // source that the catalogue looks for, and one for the opening
  // handshake's oracle.
  EXPECT_EQ(all_bug_names().size(), 37u);
}

TEST(BugSwitches, UnknownNameIsAnErrorThatNamesItAndTheKnownOnes) {
  const auto parsed = parse_bugs({"double-cleanup", "no-such-bug"});
  ASSERT_TRUE(parsed.error.has_value());
  EXPECT_NE(parsed.error->find("'no-such-bug'"), std::string::npos);
  EXPECT_NE(parsed.error->find("hang-on-close"), std::string::npos);
}

TEST(BugSwitches, SetReportsWhatWasAddedInDeclarationOrder) {
  const auto parsed = parse_bugs({"leak-fd", "double-cleanup", "leak-fd"});
  ASSERT_FALSE(parsed.error.has_value());
  EXPECT_TRUE(parsed.bugs.has(Bug::LeakFd));
  EXPECT_TRUE(parsed.bugs.has(Bug::DoubleCleanup));
  EXPECT_FALSE(parsed.bugs.has(Bug::NoCleanup));
  EXPECT_EQ(parsed.bugs.names(), (std::vector<std::string>{"double-cleanup", "leak-fd"}));
}

TEST(BugSwitches, NoSwitchMeansAnEmptySet) {
  const auto parsed = parse_bugs({});
  EXPECT_TRUE(parsed.bugs.empty());
  EXPECT_TRUE(parsed.bugs.names().empty());
}

}  // namespace
}  // namespace wsh::subject::faulty
