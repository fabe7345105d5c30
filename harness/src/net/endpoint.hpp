#pragma once
// Where to connect or listen. Resolution never touches DNS: a host is a
// numeric IPv4/IPv6 address or "localhost", so a run is the same on every
// machine and cannot wander off loopback through a resolver.

#include <cstdint>
#include <string>
#include <vector>

#include "net/socket_address.hpp"

namespace wsh::net {

struct Endpoint {
  std::string host = "127.0.0.1";  // numeric address ("::1", "[::1]" too) or "localhost"
  std::uint16_t port = 0;
};

// The addresses `endpoint` names, in the order to try them ("localhost":
// 127.0.0.1 then ::1). Throws NetError(Resolve) for any other name. Does not
// apply the loopback guard: connect and bind do, address by address.
std::vector<SocketAddress> resolve(const Endpoint& endpoint);

}  // namespace wsh::net
