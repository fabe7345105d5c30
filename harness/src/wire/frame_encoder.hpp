#pragma once
// Frame encoder (RFC 6455 §5.2). It writes what a correct encoder writes by
// default, and, on request, what a correct encoder never would: reserved
// opcodes, RSV bits, fragmented or oversize control frames, non-minimal
// lengths and a header length that disagrees with the payload. Test cases
// send such frames on purpose, so nothing here is validated.

#include <cstdint>
#include <optional>

#include "wire/bytes.hpp"
#include "wire/frame.hpp"
#include "wire/mask.hpp"
#include "wire/opcode.hpp"

namespace wsh::wire {

enum class LengthEncoding {
  Minimal,  // 7, 16 or 64 bits, the shortest that fits (what §5.2 requires)
  Force16,  // 126 + 16-bit length, even for a length below 126
  Force64,  // 127 + 64-bit length, even for a length below 65536
};

struct EncodeOptions {
  bool fin = true;
  std::uint8_t rsv = 0;  // low 3 bits used: kRsv1 | kRsv2 | kRsv3 (frame.hpp)
  // Set: the MASK bit is set, the key written and the payload masked with it.
  std::optional<MaskKey> mask{};
  LengthEncoding length = LengthEncoding::Minimal;
  // Set: the header announces this length instead of the payload's real
  // size (the payload bytes are written as given). Values with the top bit
  // set are written as-is with a 64-bit length.
  std::optional<std::uint64_t> declared_length{};
};

// Appends one frame to `out`. Only the low 4 bits of `opcode` are used.
// Throws std::invalid_argument for LengthEncoding::Force16 with a length
// above 65535, which 16 bits cannot hold.
void append_frame(Bytes& out, std::uint8_t opcode, ByteView payload, const EncodeOptions& options = {});
inline void append_frame(Bytes& out, Opcode opcode, ByteView payload, const EncodeOptions& options = {}) {
  append_frame(out, to_raw(opcode), payload, options);
}

Bytes encode_frame(std::uint8_t opcode, ByteView payload, const EncodeOptions& options = {});
inline Bytes encode_frame(Opcode opcode, ByteView payload, const EncodeOptions& options = {}) {
  return encode_frame(to_raw(opcode), payload, options);
}

}  // namespace wsh::wire
