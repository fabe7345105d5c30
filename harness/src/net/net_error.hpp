#pragma once
// Failures to set up a connection (resolve, guard, connect, bind, accept, TLS
// set-up). Failures *on* an established connection are not exceptions: EOF,
// RST and timeouts are what the oracles look at, so reads and writes report
// them as outcomes (io_outcome.hpp).

#include <stdexcept>
#include <string>
#include <string_view>

namespace wsh::net {

enum class NetErrorKind {
  NotLoopback,  // the loopback guard refused the address
  Resolve,      // not a numeric address or "localhost"
  Refused,      // ECONNREFUSED: nothing listens there
  Timeout,      // the deadline passed (connect, accept)
  Tls,          // TLS set-up: certificates, keys, contexts
  System,       // any other errno
};

std::string_view to_string(NetErrorKind kind);

class NetError : public std::runtime_error {
 public:
  NetError(NetErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  NetErrorKind kind() const { return kind_; }

 private:
  NetErrorKind kind_;
};

// "<what>: <strerror(errnum)>", for NetErrorKind::System messages.
std::string describe_errno(std::string_view what, int errnum);

}  // namespace wsh::net
