// The case loader checks every fault step against the fault registry, so a
// misspelt fault is a file:line error before any subject starts.

#include "engine/engine.hpp"
#include "faults/fault_registry.hpp"

namespace wsh::engine {

cases::FaultValidator fault_validator() {
  return [](const cases::FaultStep& fault) { return faults::validate_fault(fault.name, fault.params); };
}

}  // namespace wsh::engine
