#pragma once
// The harness talks to subjects over loopback only: a fault-injection tool
// that resets and floods connections must not reach another machine by a typo
// in a case file or a --subject-cmd URL. Every connect and bind passes through
// require_allowed(); only an explicit AddressPolicy (the CLI's opt-in flag)
// lifts the restriction.

#include "net/socket_address.hpp"

namespace wsh::net {

struct AddressPolicy {
  bool allow_non_loopback = false;
};

// Throws NetError(NotLoopback) naming the address when `policy` forbids it.
// Called before socket(2), so a refused address never sees a packet.
void require_allowed(const SocketAddress& address, const AddressPolicy& policy);

}  // namespace wsh::net
