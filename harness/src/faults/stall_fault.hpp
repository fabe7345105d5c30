#pragma once
// stall / unstall: stop or resume reading from this side's socket. While
// stalled the receive buffer fills, TCP advertises a zero window, and the
// peer's writes block: its send timeouts, heartbeat and close timeouts must
// cope with a peer that is alive but not reading.

#include <memory>

#include "faults/fault.hpp"
#include "faults/fault_args.hpp"
#include "faults/fault_info.hpp"

namespace wsh::faults {

class StallFault final : public ActionFault {
 public:
  explicit StallFault(bool stalled) : stalled_(stalled) {}

  static const FaultInfo& stall_info();
  static const FaultInfo& unstall_info();
  static std::unique_ptr<Fault> make_stall(const FaultArgs& args);
  static std::unique_ptr<Fault> make_unstall(const FaultArgs& args);

  const FaultInfo& about() const override { return stalled_ ? stall_info() : unstall_info(); }
  void act(FaultTarget& target) override { target.stall_reading(stalled_); }

 private:
  bool stalled_;
};

}  // namespace wsh::faults
