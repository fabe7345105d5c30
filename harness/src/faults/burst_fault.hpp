#pragma once
// burst{frames}: collects writes and sends them as one write once `frames`
// writes are in (or on flush()). The scripted peer writes one frame per
// write, so the subject receives many frames in one TCP segment and must
// decode all of them from one read (pipelining; Autobahn's "chopped"
// counterpart).

#include <cstddef>
#include <memory>

#include "faults/fault.hpp"
#include "faults/fault_args.hpp"
#include "faults/fault_info.hpp"

namespace wsh::faults {

class BurstFault final : public FaultOf<BurstFault, StreamFault> {
 public:
  explicit BurstFault(std::size_t writes_per_burst) : writes_per_burst_(writes_per_burst) {}

  static const FaultInfo& info();
  static std::unique_ptr<Fault> make(const FaultArgs& args);

  net::WriteOutcome write(net::ByteView bytes, const StreamContext& context, net::ByteSink& next,
                          net::Deadline deadline) override;
  net::WriteOutcome flush(net::ByteSink& next, net::Deadline deadline) override;

 private:
  std::size_t writes_per_burst_;
  std::size_t writes_held_ = 0;
  net::Bytes held_;
};

}  // namespace wsh::faults
