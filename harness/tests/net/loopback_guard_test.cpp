#include "net/loopback_guard.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <gtest/gtest.h>

#include "net/endpoint.hpp"
#include "net/net_error.hpp"
#include "net/tcp_listener.hpp"
#include "net/tcp_socket.hpp"

namespace wsh::net {
namespace {

using namespace std::chrono_literals;

SocketAddress address_of(const std::string& host) { return resolve(Endpoint{host, 80}).front(); }

TEST(IsLoopback, AcceptsTheLoopbackNetworksOnly) {
  EXPECT_TRUE(is_loopback(address_of("127.0.0.1").get()));
  EXPECT_TRUE(is_loopback(address_of("127.200.3.4").get()));
  EXPECT_TRUE(is_loopback(address_of("::1").get()));
  EXPECT_TRUE(is_loopback(address_of("::ffff:127.0.0.1").get()));

  EXPECT_FALSE(is_loopback(address_of("192.0.2.1").get()));
  EXPECT_FALSE(is_loopback(address_of("10.0.0.1").get()));
  EXPECT_FALSE(is_loopback(address_of("0.0.0.0").get()));
  EXPECT_FALSE(is_loopback(address_of("::").get()));
  EXPECT_FALSE(is_loopback(address_of("::ffff:192.0.2.1").get()));
  EXPECT_FALSE(is_loopback(address_of("2001:db8::1").get()));
  EXPECT_FALSE(is_loopback(nullptr));
}

// 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never routed, so even a guard bug
// could not reach a real host; the guard must refuse before socket(2).
TEST(LoopbackGuard, RefusesConnectToNonLoopbackNamingTheAddress) {
  try {
    TcpSocket::connect(Endpoint{"192.0.2.1", 80}, deadline_in(5s));
    FAIL() << "connect to 192.0.2.1 was not refused";
  } catch (const NetError& error) {
    EXPECT_EQ(error.kind(), NetErrorKind::NotLoopback);
    EXPECT_NE(std::string(error.what()).find("192.0.2.1:80"), std::string::npos) << error.what();
  }
}

TEST(LoopbackGuard, RefusesToListenOnTheUnspecifiedAddress) {
  try {
    TcpListener::listen(Endpoint{"0.0.0.0", 0});
    FAIL() << "listening on 0.0.0.0 was not refused";
  } catch (const NetError& error) {
    EXPECT_EQ(error.kind(), NetErrorKind::NotLoopback) << error.what();
  }
}

TEST(LoopbackGuard, ExplicitPolicyAllowsNonLoopback) {
  EXPECT_NO_THROW(require_allowed(address_of("192.0.2.1"), AddressPolicy{true}));
  EXPECT_THROW(require_allowed(address_of("192.0.2.1"), AddressPolicy{}), NetError);
  EXPECT_NO_THROW(require_allowed(address_of("127.0.0.1"), AddressPolicy{}));
}

TEST(Resolve, LocalhostIsBothLoopbackAddressesIpv4First) {
  const std::vector<SocketAddress> addresses = resolve(Endpoint{"localhost", 8080});
  ASSERT_EQ(addresses.size(), 2u);
  EXPECT_EQ(addresses[0].to_string(), "127.0.0.1:8080");
  EXPECT_EQ(addresses[1].to_string(), "[::1]:8080");
}

TEST(Resolve, AcceptsBracketedIpv6) { EXPECT_EQ(address_of("[::1]").to_string(), "[::1]:80"); }

TEST(Resolve, RefusesNamesOtherThanLocalhost) {
  try {
    resolve(Endpoint{"example.com", 80});
    FAIL() << "a DNS name resolved";
  } catch (const NetError& error) {
    EXPECT_EQ(error.kind(), NetErrorKind::Resolve);
    EXPECT_NE(std::string(error.what()).find("example.com"), std::string::npos);
  }
}

}  // namespace
}  // namespace wsh::net
