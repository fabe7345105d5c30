#include "cases/autobahn_map.hpp"

#include <gtest/gtest.h>

namespace wsh::cases {
namespace {

TEST(AutobahnMap, ResolvesFamiliesByCodeWithCurrentNumbering) {
  EXPECT_EQ(resolve_autobahn("7.7.x", 1000), "7.7.1");
  EXPECT_EQ(resolve_autobahn("7.7.x", 4999), "7.7.13");
  EXPECT_EQ(resolve_autobahn("7.9.x", 0), "7.9.1");
  EXPECT_EQ(resolve_autobahn("7.9.x", 1005), "7.9.4");
  EXPECT_EQ(resolve_autobahn("7.9.x", 2999), "7.9.9");
  EXPECT_EQ(resolve_autobahn("7.13.x", 65535), "7.13.2");
}

TEST(AutobahnMap, CodesAutobahnDroppedHaveNoNumber) {
  // 1015 left 7.9.x in Autobahn 0.8.1; 1012-1014 are valid nowhere in section 7.
  EXPECT_EQ(resolve_autobahn("7.9.x", 1015), std::nullopt);
  EXPECT_EQ(resolve_autobahn("7.7.x", 1012), std::nullopt);
  EXPECT_EQ(resolve_autobahn("7.9.x", std::nullopt), std::nullopt);
}

TEST(AutobahnMap, FixedNumbersPassThrough) {
  EXPECT_EQ(resolve_autobahn("7.3.1", 1000), "7.3.1");
  EXPECT_TRUE(is_known_autobahn_case("7.5.1"));
  EXPECT_TRUE(is_known_autobahn_case("7.9.9"));
  EXPECT_FALSE(is_known_autobahn_case("7.9.10"));
  EXPECT_FALSE(is_known_autobahn_case("7.2.1"));
}

}  // namespace
}  // namespace wsh::cases
