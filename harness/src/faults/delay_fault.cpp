#include "faults/delay_fault.hpp"

namespace wsh::faults {

const FaultInfo& DelayFault::info() {
  static const FaultInfo info{"delay",
                              FaultKind::Stream,
                              {integer_param("ms", std::nullopt, "how long each write is held", 0)},
                              "holds every write for `ms` before sending it: the same bytes arrive late"};
  return info;
}

std::unique_ptr<Fault> DelayFault::make(const FaultArgs& args) {
  return std::make_unique<DelayFault>(std::chrono::milliseconds(args.integer("ms")));
}

net::WriteOutcome DelayFault::write(net::ByteView bytes, const StreamContext& /*context*/, net::ByteSink& next,
                                    net::Deadline deadline) {
  if (!net::sleep_within(delay_, deadline)) return {net::WriteStatus::Timeout, 0, "delay: the deadline passed first"};
  return next.write(bytes, deadline);
}

}  // namespace wsh::faults
