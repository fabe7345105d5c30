#include "subject_options.hpp"

#include <gtest/gtest.h>

namespace wsh::subject {
namespace {

TEST(WsUrl, ParsesPlainAndSecure) {
  const auto plain = parse_ws_url("ws://127.0.0.1:8080/chat?x=1");
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->secure);
  EXPECT_EQ(plain->host, "127.0.0.1");
  EXPECT_EQ(plain->port, 8080);
  EXPECT_EQ(plain->target, "/chat?x=1");

  const auto secure = parse_ws_url("wss://[::1]:443");
  ASSERT_TRUE(secure);
  EXPECT_TRUE(secure->secure);
  EXPECT_EQ(secure->host, "::1");
  EXPECT_EQ(secure->target, "/");
}

TEST(WsUrl, RejectsMalformed) {
  EXPECT_FALSE(parse_ws_url("http://127.0.0.1:80/"));
  EXPECT_FALSE(parse_ws_url("ws://127.0.0.1/"));
  EXPECT_FALSE(parse_ws_url("ws://127.0.0.1:0/"));
  EXPECT_FALSE(parse_ws_url("ws://127.0.0.1:70000/"));
  EXPECT_FALSE(parse_ws_url("ws://:80/"));
}

}  // namespace
}  // namespace wsh::subject
