#pragma once
// The bit layout of the frame header, RFC 6455 §5.2, shared by the encoder
// and the decoder:
//
//   byte 0: FIN | RSV1 | RSV2 | RSV3 | opcode (4 bits)
//   byte 1: MASK | payload length (7 bits)
//   then 2 or 8 bytes of extended length (network byte order) when the
//   7-bit length is 126 or 127, then the 4-byte masking key when MASK is set.

#include <cstddef>
#include <cstdint>

namespace wsh::wire::header {

inline constexpr std::uint8_t kFinBit = 0x80;
inline constexpr std::uint8_t kRsvBits = 0x70;
inline constexpr int kRsvShift = 4;
inline constexpr std::uint8_t kOpcodeBits = 0x0F;
inline constexpr std::uint8_t kMaskBit = 0x80;
inline constexpr std::uint8_t kLengthBits = 0x7F;

// 7-bit length values that announce an extended length field.
inline constexpr std::uint8_t kLength16Marker = 126;
inline constexpr std::uint8_t kLength64Marker = 127;
// The largest length each field can carry when the minimal encoding is used.
inline constexpr std::uint64_t kMax7BitLength = 125;
inline constexpr std::uint64_t kMax16BitLength = 0xFFFF;
// §5.2: "the most significant bit MUST be 0" in the 64-bit length.
inline constexpr std::uint64_t kLength64HighBit = 0x8000'0000'0000'0000ULL;

// §5.5: "All control frames MUST have a payload length of 125 bytes or less".
inline constexpr std::uint64_t kMaxControlPayload = 125;

inline constexpr std::size_t kMaskKeySize = 4;
inline constexpr std::size_t kMaxHeaderSize = 2 + 8 + kMaskKeySize;

}  // namespace wsh::wire::header
