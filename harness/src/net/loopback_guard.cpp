#include "net/loopback_guard.hpp"

#include <fmt/format.h>

#include "net/net_error.hpp"

namespace wsh::net {

void require_allowed(const SocketAddress& address, const AddressPolicy& policy) {
  if (policy.allow_non_loopback || is_loopback(address.get())) return;
  throw NetError(NetErrorKind::NotLoopback,
                 fmt::format("refusing non-loopback address {}: wsharness only talks to 127.0.0.0/8 "
                             "and ::1 unless non-loopback addresses are explicitly allowed",
                             address.to_string()));
}

}  // namespace wsh::net
