#include "wire/frame_encoder.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "wire/frame_header.hpp"

namespace wsh::wire {
namespace {

void append_big_endian(Bytes& out, std::uint64_t value, int byte_count) {
  for (int shift = (byte_count - 1) * 8; shift >= 0; shift -= 8) {
    out.push_back(static_cast<std::uint8_t>(value >> shift));
  }
}

LengthEncoding minimal_encoding_for(std::uint64_t length) {
  if (length <= header::kMax7BitLength) return LengthEncoding::Minimal;
  if (length <= header::kMax16BitLength) return LengthEncoding::Force16;
  return LengthEncoding::Force64;
}

// Writes byte 1 (MASK + 7-bit length) and the extended length, §5.2.
void append_length(Bytes& out, std::uint64_t length, LengthEncoding requested, bool masked) {
  const std::uint8_t mask_bit = masked ? header::kMaskBit : 0;
  const LengthEncoding encoding = requested == LengthEncoding::Minimal ? minimal_encoding_for(length) : requested;
  switch (encoding) {
    case LengthEncoding::Minimal: out.push_back(static_cast<std::uint8_t>(mask_bit | length)); return;
    case LengthEncoding::Force16:
      if (length > header::kMax16BitLength) {
        throw std::invalid_argument("a 16-bit length cannot hold " + std::to_string(length));
      }
      out.push_back(mask_bit | header::kLength16Marker);
      append_big_endian(out, length, 2);
      return;
    case LengthEncoding::Force64:
      out.push_back(mask_bit | header::kLength64Marker);
      append_big_endian(out, length, 8);
      return;
  }
}

}  // namespace

void append_frame(Bytes& out, std::uint8_t opcode, ByteView payload, const EncodeOptions& options) {
  const std::uint64_t length = options.declared_length.value_or(payload.size());
  // Grow geometrically: callers append whole bursts of frames to one buffer,
  // and an exact reserve per frame would copy the buffer every time.
  const std::size_t needed = out.size() + header::kMaxHeaderSize + payload.size();
  if (out.capacity() < needed) out.reserve(std::max(needed, 2 * out.capacity()));

  const std::uint8_t fin_bit = options.fin ? header::kFinBit : 0;
  const auto rsv_bits = static_cast<std::uint8_t>((options.rsv << header::kRsvShift) & header::kRsvBits);
  out.push_back(static_cast<std::uint8_t>(fin_bit | rsv_bits | (opcode & header::kOpcodeBits)));
  append_length(out, length, options.length, options.mask.has_value());

  if (options.mask) out.insert(out.end(), options.mask->begin(), options.mask->end());
  const std::size_t payload_start = out.size();
  out.insert(out.end(), payload.begin(), payload.end());
  if (options.mask) {
    apply_mask(std::span<std::uint8_t>(out).subspan(payload_start), *options.mask);
  }
}

Bytes encode_frame(std::uint8_t opcode, ByteView payload, const EncodeOptions& options) {
  Bytes out;
  append_frame(out, opcode, payload, options);
  return out;
}

}  // namespace wsh::wire
