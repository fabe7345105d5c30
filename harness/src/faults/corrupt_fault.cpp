#include "faults/corrupt_fault.hpp"

namespace wsh::faults {

const FaultInfo& CorruptFault::info() {
  static const FaultInfo info{
      "corrupt",
      FaultKind::Stream,
      {integer_param("offset", std::nullopt,
                     "byte offset, counted from the first byte written after the fault is installed", 0),
       integer_param("xor", 0xFF, "bits to flip in that byte", 1, 0xFF)},
      "XORs the byte `offset` bytes after installation with `xor`: one wrong byte on the wire (under TLS, a record "
      "that fails "
      "to authenticate)"};
  return info;
}

std::unique_ptr<Fault> CorruptFault::make(const FaultArgs& args) {
  return std::make_unique<CorruptFault>(static_cast<std::uint64_t>(args.integer("offset")),
                                        static_cast<std::uint8_t>(args.integer("xor")));
}

net::WriteOutcome CorruptFault::write(net::ByteView bytes, const StreamContext& context, net::ByteSink& next,
                                      net::Deadline deadline) {
  // Offsets count from installation, like truncate's `after`: a case says
  // "the next frame's first byte" without knowing how long the handshake was.
  if (!installed_at_) installed_at_ = context.offset;
  const std::uint64_t target = *installed_at_ + offset_;
  if (target < context.offset || target - context.offset >= bytes.size()) return next.write(bytes, deadline);
  net::Bytes copy(bytes.begin(), bytes.end());
  copy[static_cast<std::size_t>(target - context.offset)] ^= mask_;
  return next.write(copy, deadline);
}

}  // namespace wsh::faults
