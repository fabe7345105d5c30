#include "faults/chop_fault.hpp"

#include <algorithm>

namespace wsh::faults {

ChopFault::ChopFault(std::size_t slice_size, std::chrono::milliseconds delay, std::size_t variation)
    : slice_size_(std::max<std::size_t>(slice_size, 1)), delay_(delay), variation_(variation) {}

const FaultInfo& ChopFault::info() {
  static const FaultInfo info{
      "chop",
      FaultKind::Stream,
      {integer_param("size", 1, "bytes per slice", 1), integer_param("delay_ms", 0, "pause between slices", 0),
       integer_param("variation", 0, "slice sizes vary by up to this many bytes (seeded)", 0)},
      "sends each write as slices of `size` bytes with TCP_NODELAY, `delay_ms` apart: the peer reads frames in pieces"};
  return info;
}

std::unique_ptr<Fault> ChopFault::make(const FaultArgs& args) {
  return std::make_unique<ChopFault>(static_cast<std::size_t>(args.integer("size")),
                                     std::chrono::milliseconds(args.integer("delay_ms")),
                                     static_cast<std::size_t>(args.integer("variation")));
}

std::size_t ChopFault::next_slice_size(std::mt19937_64& rng) const {
  if (variation_ == 0) return slice_size_;
  const std::size_t smallest = slice_size_ > variation_ ? slice_size_ - variation_ : 1;
  std::uniform_int_distribution<std::size_t> pick(smallest, slice_size_ + variation_);
  return pick(rng);
}

net::WriteOutcome ChopFault::write(net::ByteView bytes, const StreamContext& context, net::ByteSink& next,
                                   net::Deadline deadline) {
  // Without TCP_NODELAY, Nagle would glue the slices back together.
  if (slices_sent_ == 0) next.set_nodelay(true);
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    if (slices_sent_ > 0 && delay_.count() > 0 && !net::sleep_within(delay_, deadline)) {
      return {net::WriteStatus::Timeout, sent, "chop: the deadline passed between slices"};
    }
    const std::size_t slice = std::min(next_slice_size(context.rng), bytes.size() - sent);
    const net::WriteOutcome outcome = next.write(bytes.subspan(sent, slice), deadline);
    if (!outcome.ok()) return {outcome.status, sent + outcome.written, outcome.error};
    sent += slice;
    ++slices_sent_;
  }
  return {net::WriteStatus::Ok, sent, {}};
}

}  // namespace wsh::faults
