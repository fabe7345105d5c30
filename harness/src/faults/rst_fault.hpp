#pragma once
// rst: reset the connection now. SO_LINGER {on, 0} then close(2): the kernel
// sends RST instead of FIN and drops unsent data; the peer's next read fails
// with ECONNRESET. RFC 6455 §7.1.1 wants TCP closed cleanly; this is the
// unclean end every implementation meets in practice.

#include <memory>

#include "faults/fault.hpp"
#include "faults/fault_args.hpp"
#include "faults/fault_info.hpp"

namespace wsh::faults {

class RstFault final : public FaultOf<RstFault, ActionFault> {
 public:
  static const FaultInfo& info();
  static std::unique_ptr<Fault> make(const FaultArgs& args);

  void act(FaultTarget& target) override;
};

}  // namespace wsh::faults
