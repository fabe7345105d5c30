#include "faults/rst_fault.hpp"

#include "faults/fault_pipeline.hpp"

namespace wsh::faults {

const FaultInfo& RstFault::info() {
  static const FaultInfo info{"rst",
                              FaultKind::Action,
                              {},
                              "SO_LINGER 0 then close: the peer's next read fails with ECONNRESET",
                              FaultEffects{.ends_connection = true}};
  return info;
}

std::unique_ptr<Fault> RstFault::make(const FaultArgs& /*args*/) { return std::make_unique<RstFault>(); }

void RstFault::act(FaultTarget& target) { target.outgoing().reset(); }

}  // namespace wsh::faults
