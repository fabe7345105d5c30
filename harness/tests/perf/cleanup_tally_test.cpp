#include "perf/cleanup_tally.hpp"

#include <gtest/gtest.h>

namespace wsh::perf {
namespace {

launch::SubjectEvent event(launch::EventKind kind, const std::string& conn) {
  launch::SubjectEvent out;
  out.kind = kind;
  out.conn = conn;
  return out;
}

launch::SubjectEvent cleanup(const std::string& conn) { return event(launch::EventKind::Cleanup, conn); }

TEST(CleanupTally, OneCleanupPerConnectionIsExact) {
  const auto tally = tally_cleanups({"1", "2"}, {event(launch::EventKind::Open, "1"), cleanup("1"), cleanup("2")});
  EXPECT_TRUE(tally.exact());
  EXPECT_EQ(tally.connections, 2u);
  EXPECT_EQ(tally.cleanups, 2u);
}

TEST(CleanupTally, CountsAMissingCleanup) {
  const auto tally = tally_cleanups({"1", "2"}, {cleanup("2")});
  EXPECT_EQ(tally.missing, 1u);
  EXPECT_EQ(tally.extra, 0u);
  EXPECT_FALSE(tally.exact());
}

TEST(CleanupTally, CountsADoubleCleanup) {
  const auto tally = tally_cleanups({"1"}, {cleanup("1"), cleanup("1")});
  EXPECT_EQ(tally.extra, 1u);
  EXPECT_EQ(tally.missing, 0u);
}

TEST(CleanupTally, APortUsedTwiceNeedsTwoCleanups) {
  EXPECT_TRUE(tally_cleanups({"7", "7"}, {cleanup("7"), cleanup("7")}).exact());
  EXPECT_EQ(tally_cleanups({"7", "7"}, {cleanup("7")}).missing, 1u);
}

TEST(CleanupTally, ACleanupForAConnectionTheHarnessNeverMadeIsExtra) {
  EXPECT_EQ(tally_cleanups({"1"}, {cleanup("1"), cleanup("99")}).extra, 1u);
}

TEST(CleanupTally, AMissingAndAnExtraDoNotCancelOut) {
  const auto tally = tally_cleanups({"1", "2"}, {cleanup("1"), cleanup("1")});
  EXPECT_EQ(tally.missing, 1u);
  EXPECT_EQ(tally.extra, 1u);
}

}  // namespace
}  // namespace wsh::perf
