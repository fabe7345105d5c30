#include "faults/fin_fault.hpp"

#include "faults/fault_pipeline.hpp"

namespace wsh::faults {

const FaultInfo& FinFault::info() {
  static const FaultInfo info{
      "fin",
      FaultKind::Action,
      {},
      "shutdown(SHUT_WR) now: the peer reads EOF with no close frame; this side can still read"};
  return info;
}

std::unique_ptr<Fault> FinFault::make(const FaultArgs& /*args*/) { return std::make_unique<FinFault>(); }

void FinFault::act(FaultTarget& target) { target.outgoing().shutdown_write(); }

}  // namespace wsh::faults
