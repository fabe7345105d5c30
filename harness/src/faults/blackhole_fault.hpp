#pragma once
// blackhole: every byte this side writes from now on is dropped; TCP stays
// open. The peer sees silence: its read, pong and close timeouts must fire.

#include <memory>

#include "faults/fault.hpp"
#include "faults/fault_args.hpp"
#include "faults/fault_info.hpp"

namespace wsh::faults {

class BlackholeFault final : public FaultOf<BlackholeFault, StreamFault> {
 public:
  static const FaultInfo& info();
  static std::unique_ptr<Fault> make(const FaultArgs& args);

  net::WriteOutcome write(net::ByteView bytes, const StreamContext& context, net::ByteSink& next,
                          net::Deadline deadline) override;
};

}  // namespace wsh::faults
