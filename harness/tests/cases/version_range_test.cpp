#include "cases/version_range.hpp"

#include <gtest/gtest.h>

#include "cases/baseline.hpp"

namespace wsh::cases {
namespace {

Version v(std::string_view text) { return Version::parse(text).value(); }

TEST(Version, OrdersNumericallyAndIgnoresBuildSuffix) {
  EXPECT_LT(v("0.9.0"), v("0.10.0"));
  EXPECT_EQ(v("0.53.1+head"), v("0.53.1"));
  EXPECT_EQ(v("v0.47"), v("0.47.0"));
  EXPECT_FALSE(Version::parse("0.53."));
  EXPECT_FALSE(Version::parse("latest"));
  EXPECT_FALSE(Version::parse(""));
}

TEST(VersionRange, AllComparisonsMustHold) {
  std::string error;
  const auto range = VersionRange::parse(">=0.33.0 <0.47.0", error);
  ASSERT_TRUE(range) << error;
  EXPECT_TRUE(range->contains(v("0.33.0")));
  EXPECT_TRUE(range->contains(v("0.46.1")));
  EXPECT_FALSE(range->contains(v("0.47.0")));
  EXPECT_FALSE(range->contains(v("0.32.9")));
  const auto exact = VersionRange::parse("=0.33.0", error);
  ASSERT_TRUE(exact);
  EXPECT_TRUE(exact->contains(v("0.33")));
  EXPECT_FALSE(exact->contains(v("0.33.1")));
}

TEST(VersionRange, RejectsWhatIsNotARange) {
  std::string error;
  EXPECT_FALSE(VersionRange::parse("", error));
  EXPECT_FALSE(VersionRange::parse("<= 0.4", error));  // a space after the operator leaves an empty version
  EXPECT_FALSE(VersionRange::parse("before 0.47", error));
  EXPECT_NE(error.find("not a version"), std::string::npos);
}

TEST(SubjectVersion, ComesFromTheNameAfterTheAt) {
  EXPECT_EQ(subject_version("httplib@0.53.1+head"), v("0.53.1"));
  EXPECT_FALSE(subject_version("beast"));
}

TEST(Baseline, AVersionedEntryMatchesOnlyItsReleases) {
  const auto baseline = load_baseline_text(R"(
[[result]]
id = "x"
role = "client"
transport = "wss"
versions = "<0.47.0"
verdict = "ERROR"
reason = "cannot verify an IP SAN"
)",
                                           "httplib.toml");
  ASSERT_TRUE(baseline.errors.empty());
  EXPECT_NE(baseline.find("x", "client", "wss", v("0.33.0")), nullptr);
  EXPECT_EQ(baseline.find("x", "client", "wss", v("0.47.0")), nullptr);
  EXPECT_EQ(baseline.find("x", "client", "wss"), nullptr);  // a subject without a version
}

TEST(Baseline, ABadVersionRangeNamesTheLine) {
  const auto baseline = load_baseline_text(
      "[[result]]\nid = \"x\"\nversions = \"soon\"\nverdict = \"FAIL\"\nreason = \"r\"\n", "httplib.toml");
  ASSERT_EQ(baseline.errors.size(), 1u);
  EXPECT_EQ(baseline.errors[0].where.line, 3);
  EXPECT_NE(baseline.errors[0].message.find("'versions'"), std::string::npos);
}

}  // namespace
}  // namespace wsh::cases
