#include "faults/blackhole_fault.hpp"

namespace wsh::faults {

const FaultInfo& BlackholeFault::info() {
  static const FaultInfo info{"blackhole",
                              FaultKind::Stream,
                              {},
                              "drops every byte written from now on; TCP stays open and the peer sees silence",
                              FaultEffects{.swallows_bytes = true}};
  return info;
}

std::unique_ptr<Fault> BlackholeFault::make(const FaultArgs& /*args*/) { return std::make_unique<BlackholeFault>(); }

net::WriteOutcome BlackholeFault::write(net::ByteView bytes, const StreamContext& /*context*/, net::ByteSink& /*next*/,
                                        net::Deadline /*deadline*/) {
  return {net::WriteStatus::Ok, bytes.size(), {}};
}

}  // namespace wsh::faults
