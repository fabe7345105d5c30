#pragma once
// fin: half-close now, shutdown(SHUT_WR). The peer reads EOF with no close
// frame: RFC 6455 §7.1.5 and §7.4.1 make that an abnormal closure (1006) for
// the peer's application. Under TLS it is also a truncation: no close_notify
// went first. This side can still read.

#include <memory>

#include "faults/fault.hpp"
#include "faults/fault_args.hpp"
#include "faults/fault_info.hpp"

namespace wsh::faults {

class FinFault final : public FaultOf<FinFault, ActionFault> {
 public:
  static const FaultInfo& info();
  static std::unique_ptr<Fault> make(const FaultArgs& args);

  void act(FaultTarget& target) override;
};

}  // namespace wsh::faults
