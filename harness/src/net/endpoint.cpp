#include "net/endpoint.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <fmt/format.h>

#include "net/net_error.hpp"

namespace wsh::net {
namespace {

std::string strip_brackets(const std::string& host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') return host.substr(1, host.size() - 2);
  return host;
}

}  // namespace

std::vector<SocketAddress> resolve(const Endpoint& endpoint) {
  if (endpoint.host == "localhost") {
    return {SocketAddress::ipv4_loopback(endpoint.port), SocketAddress::ipv6_loopback(endpoint.port)};
  }
  const std::string host = strip_brackets(endpoint.host);

  sockaddr_in v4{};
  if (inet_pton(AF_INET, host.c_str(), &v4.sin_addr) == 1) {
    v4.sin_family = AF_INET;
    v4.sin_port = htons(endpoint.port);
    return {SocketAddress(reinterpret_cast<const sockaddr*>(&v4), sizeof v4)};
  }
  sockaddr_in6 v6{};
  if (inet_pton(AF_INET6, host.c_str(), &v6.sin6_addr) == 1) {
    v6.sin6_family = AF_INET6;
    v6.sin6_port = htons(endpoint.port);
    return {SocketAddress(reinterpret_cast<const sockaddr*>(&v6), sizeof v6)};
  }
  throw NetError(NetErrorKind::Resolve,
                 fmt::format("cannot resolve host '{}': use a numeric address (127.0.0.1, ::1) or "
                             "'localhost'; wsharness does not use DNS",
                             endpoint.host));
}

}  // namespace wsh::net
