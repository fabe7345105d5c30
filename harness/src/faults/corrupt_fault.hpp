#pragma once
// corrupt{offset, xor}: the byte `offset` bytes after the fault was installed
// (0: the next byte written) leaves XOR-ed with `xor`; every other byte is
// untouched.
// Plain TCP: one wrong byte in a frame (a header bit, a mask byte, a UTF-8
// byte). Under TLS: a record whose authentication fails, so the peer's TLS
// layer must fail the connection (RFC 8446 §5.2: bad_record_mac).

#include <cstdint>
#include <memory>
#include <optional>

#include "faults/fault.hpp"
#include "faults/fault_args.hpp"
#include "faults/fault_info.hpp"

namespace wsh::faults {

class CorruptFault final : public FaultOf<CorruptFault, StreamFault> {
 public:
  CorruptFault(std::uint64_t offset, std::uint8_t mask) : offset_(offset), mask_(mask) {}

  static const FaultInfo& info();
  static std::unique_ptr<Fault> make(const FaultArgs& args);

  net::WriteOutcome write(net::ByteView bytes, const StreamContext& context, net::ByteSink& next,
                          net::Deadline deadline) override;

 private:
  std::uint64_t offset_;
  std::uint8_t mask_;
  std::optional<std::uint64_t> installed_at_;  // stream offset of the first byte seen
};

}  // namespace wsh::faults
