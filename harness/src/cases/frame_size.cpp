#include "cases/frame_size.hpp"

namespace wsh::cases {
namespace {

// The header's length field for a payload of `payload` bytes: 0, 2 or 8 extra bytes.
std::uint64_t extended_length_bytes(std::uint64_t payload, LengthMode length) {
  switch (length) {
    case LengthMode::Force16: return 2;
    case LengthMode::Force64: return 8;
    case LengthMode::Minimal: break;
  }
  if (payload < 126) return 0;
  return payload <= 0xFFFF ? 2 : 8;
}

}  // namespace

std::optional<std::uint64_t> filler_for_frame_size(std::uint64_t frame_size, bool masked, LengthMode length) {
  const std::uint64_t fixed = 2 + (masked ? 4 : 0);
  // Try each length field; the payload it leaves must be one that field encodes.
  for (const std::uint64_t extra : {0, 2, 8}) {
    if (frame_size < fixed + extra) continue;
    const std::uint64_t payload = frame_size - fixed - extra;
    if (length == LengthMode::Force16 && payload > 0xFFFF) continue;
    if (extended_length_bytes(payload, length) == extra) return payload;
  }
  return std::nullopt;
}

}  // namespace wsh::cases
