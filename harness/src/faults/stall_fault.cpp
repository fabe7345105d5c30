#include "faults/stall_fault.hpp"

namespace wsh::faults {

const FaultInfo& StallFault::stall_info() {
  static const FaultInfo info{
      "stall",
      FaultKind::Action,
      {},
      "stops reading from the socket: the receive buffer fills, the window closes and the peer's writes block"};
  return info;
}

const FaultInfo& StallFault::unstall_info() {
  static const FaultInfo info{
      "unstall", FaultKind::Action, {}, "resumes reading after stall: buffered bytes arrive at once"};
  return info;
}

std::unique_ptr<Fault> StallFault::make_stall(const FaultArgs& /*args*/) { return std::make_unique<StallFault>(true); }

std::unique_ptr<Fault> StallFault::make_unstall(const FaultArgs& /*args*/) {
  return std::make_unique<StallFault>(false);
}

}  // namespace wsh::faults
