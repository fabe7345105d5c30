#include "faults/burst_fault.hpp"

#include <utility>

namespace wsh::faults {

const FaultInfo& BurstFault::info() {
  static const FaultInfo info{
      "burst",
      FaultKind::Stream,
      {integer_param("frames", std::nullopt, "writes collected into one", 1)},
      "collects `frames` writes (or until flush) and sends them in one write: many frames arrive in one segment"};
  return info;
}

std::unique_ptr<Fault> BurstFault::make(const FaultArgs& args) {
  return std::make_unique<BurstFault>(static_cast<std::size_t>(args.integer("frames")));
}

net::WriteOutcome BurstFault::write(net::ByteView bytes, const StreamContext& /*context*/, net::ByteSink& next,
                                    net::Deadline deadline) {
  held_.insert(held_.end(), bytes.begin(), bytes.end());
  if (++writes_held_ < writes_per_burst_) return {net::WriteStatus::Ok, bytes.size(), {}};
  net::WriteOutcome outcome = flush(next, deadline);
  if (outcome.ok()) outcome.written = bytes.size();
  return outcome;
}

net::WriteOutcome BurstFault::flush(net::ByteSink& next, net::Deadline deadline) {
  writes_held_ = 0;
  if (held_.empty()) return {net::WriteStatus::Ok, 0, {}};
  const net::Bytes burst = std::exchange(held_, {});
  return next.write(burst, deadline);
}

}  // namespace wsh::faults
