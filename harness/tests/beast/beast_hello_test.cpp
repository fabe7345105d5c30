#include "beast_hello.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/beast/version.hpp>
#include <boost/version.hpp>

namespace wsh::subject::beast_subject {
namespace {

TEST(BeastHello, FormatsBoostVersionAsMajorMinorPatch) {
  EXPECT_EQ(boost_version_string(108100), "1.81.0");
  EXPECT_EQ(boost_version_string(108302), "1.83.2");
  EXPECT_EQ(boost_version_string(107000), "1.70.0");
}

TEST(BeastHello, AppendsBeastsOwnVersionAsBuildMetadata) {
  EXPECT_EQ(beast_version_string(108100, 345), "1.81.0+beast.345");
  EXPECT_EQ(beast_version_string(108900, 358), "1.89.0+beast.358");
}

TEST(BeastHello, ReportsTheBoostAndBeastItWasBuiltWith) {
  EXPECT_EQ(make_hello(TimeoutPolicy{}).version, beast_version_string(BOOST_VERSION, BOOST_BEAST_VERSION));
}

TEST(BeastHello, NamesImplAndBothRoles) {
  const auto hello = make_hello(TimeoutPolicy{});
  EXPECT_EQ(hello.impl, "beast");
  EXPECT_EQ(hello.roles, (std::vector<std::string>{"server", "client"}));
}

TEST(BeastHello, ListsEveryOptionalFeature) {
  const auto hello = make_hello(TimeoutPolicy{});
  for (const char* feature : {"tls", "threads", "leave", "heartbeat"}) {
    EXPECT_NE(std::find(hello.features.begin(), hello.features.end(), feature), hello.features.end()) << feature;
  }
}

}  // namespace
}  // namespace wsh::subject::beast_subject
