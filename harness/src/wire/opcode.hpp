#pragma once
// Frame opcodes (RFC 6455 §5.2, §11.8). Frames carry the raw 4-bit value as a
// std::uint8_t so that reserved opcodes, which a test sends on purpose and a
// faulty peer may send by accident, can be represented and named.

#include <cstdint>
#include <optional>
#include <string_view>

namespace wsh::wire {

enum class Opcode : std::uint8_t {
  Continuation = 0x0,
  Text = 0x1,
  Binary = 0x2,
  Close = 0x8,
  Ping = 0x9,
  Pong = 0xA,
};

constexpr std::uint8_t to_raw(Opcode opcode) { return static_cast<std::uint8_t>(opcode); }

// §5.5: opcodes with the most significant bit set (0x8-0xF) are control
// frames; that includes the reserved 0xB-0xF.
constexpr bool is_control(std::uint8_t opcode) { return (opcode & 0x08) != 0; }
constexpr bool is_control(Opcode opcode) { return is_control(to_raw(opcode)); }

// §5.2: 0x3-0x7 are reserved for further non-control frames, 0xB-0xF for
// further control frames. Values above 0xF are not opcodes at all and count
// as reserved, so a caller never mistakes them for a defined one.
constexpr bool is_reserved(std::uint8_t opcode) {
  return opcode > 0x0F || (opcode >= 0x3 && opcode <= 0x7) || opcode >= 0xB;
}

// Text and binary frames begin a data message (§5.6).
constexpr bool is_data(std::uint8_t opcode) {
  return opcode == to_raw(Opcode::Text) || opcode == to_raw(Opcode::Binary);
}

// "continuation", "text", "binary", "close", "ping", "pong", "reserved-0x3"
// ... "reserved-0xf", and "not-an-opcode" above 0xF.
std::string_view opcode_name(std::uint8_t opcode);
inline std::string_view opcode_name(Opcode opcode) { return opcode_name(to_raw(opcode)); }

// The inverse for the six defined opcodes ("close" -> 0x8), as case files name
// them; nullopt for anything else (reserved opcodes are written as numbers).
std::optional<std::uint8_t> opcode_from_name(std::string_view name);

}  // namespace wsh::wire
