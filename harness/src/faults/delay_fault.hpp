#pragma once
// delay{ms}: every write waits `ms` before it is passed on. The peer sees the
// same bytes, late: for timeouts that must fire (or must not) while a frame
// is on its way.

#include <chrono>
#include <memory>

#include "faults/fault.hpp"
#include "faults/fault_args.hpp"
#include "faults/fault_info.hpp"

namespace wsh::faults {

class DelayFault final : public FaultOf<DelayFault, StreamFault> {
 public:
  explicit DelayFault(std::chrono::milliseconds delay) : delay_(delay) {}

  static const FaultInfo& info();
  static std::unique_ptr<Fault> make(const FaultArgs& args);

  net::WriteOutcome write(net::ByteView bytes, const StreamContext& context, net::ByteSink& next,
                          net::Deadline deadline) override;

 private:
  std::chrono::milliseconds delay_;
};

}  // namespace wsh::faults
