#pragma once
// chop{size, delay_ms, variation}: each write leaves in slices of `size` bytes
// (each slice's size drawn from [size - variation, size + variation] with the
// run's seeded generator), TCP_NODELAY on so every slice is its own segment,
// with `delay_ms` between consecutive slices. The peer's reads return frames
// in pieces, down to one byte at a time: its decoder must reassemble them.

#include <chrono>
#include <cstdint>
#include <memory>

#include "faults/fault.hpp"
#include "faults/fault_args.hpp"
#include "faults/fault_info.hpp"

namespace wsh::faults {

class ChopFault final : public FaultOf<ChopFault, StreamFault> {
 public:
  ChopFault(std::size_t slice_size, std::chrono::milliseconds delay, std::size_t variation);

  static const FaultInfo& info();
  static std::unique_ptr<Fault> make(const FaultArgs& args);

  net::WriteOutcome write(net::ByteView bytes, const StreamContext& context, net::ByteSink& next,
                          net::Deadline deadline) override;

 private:
  std::size_t next_slice_size(std::mt19937_64& rng) const;

  std::size_t slice_size_;
  std::chrono::milliseconds delay_;
  std::size_t variation_;
  std::uint64_t slices_sent_ = 0;
};

}  // namespace wsh::faults
