#include "faults/fault.hpp"

#include "faults/fault_pipeline.hpp"

namespace wsh::faults {

net::WriteOutcome StreamFault::flush(net::ByteSink& /*next*/, net::Deadline /*deadline*/) {
  return {net::WriteStatus::Ok, 0, {}};
}

void inject(std::unique_ptr<Fault> fault, FaultTarget& target) {
  if (auto* action = dynamic_cast<ActionFault*>(fault.get())) {
    action->act(target);
    return;
  }
  if (dynamic_cast<StreamFault*>(fault.get()) != nullptr) {
    target.outgoing().install(std::unique_ptr<StreamFault>(static_cast<StreamFault*>(fault.release())));
  }
}

}  // namespace wsh::faults
