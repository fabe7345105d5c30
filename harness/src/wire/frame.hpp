#pragma once
// One decoded (or to-be-encoded) WebSocket frame, RFC 6455 §5.2.

#include <cstddef>
#include <cstdint>

#include "wire/bytes.hpp"
#include "wire/mask.hpp"

namespace wsh::wire {

// RSV bits as they sit in Frame::rsv (the three bits below FIN, shifted down).
inline constexpr std::uint8_t kRsv1 = 0x4;
inline constexpr std::uint8_t kRsv2 = 0x2;
inline constexpr std::uint8_t kRsv3 = 0x1;

struct Frame {
  bool fin = true;
  std::uint8_t rsv = 0;     // 3 bits: kRsv1 | kRsv2 | kRsv3
  std::uint8_t opcode = 0;  // raw 4-bit opcode; see opcode.hpp
  bool masked = false;
  MaskKey mask_key{};               // meaningful only when `masked`
  Bytes payload{};                  // always unmasked
  std::uint64_t stream_offset = 0;  // where the frame's first byte was in the decoded stream
  std::size_t wire_size = 0;        // header + payload bytes on the wire

  // Bytes of header (2 to 14) before the payload, as decoded; 0 for a frame
  // built by hand without a wire_size.
  std::size_t header_size() const { return wire_size > payload.size() ? wire_size - payload.size() : 0; }

  bool operator==(const Frame&) const = default;
};

}  // namespace wsh::wire
