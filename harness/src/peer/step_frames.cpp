#include "peer/step_frames.hpp"

#include <algorithm>

#include "cases/frame_size.hpp"
#include "cases/max_message.hpp"
#include "wire/close_payload.hpp"
#include "wire/frame_encoder.hpp"

namespace wsh::peer {
namespace {

wire::LengthEncoding length_encoding(cases::LengthMode mode) {
  switch (mode) {
    case cases::LengthMode::Force16: return wire::LengthEncoding::Force16;
    case cases::LengthMode::Force64: return wire::LengthEncoding::Force64;
    case cases::LengthMode::Minimal: break;
  }
  return wire::LengthEncoding::Minimal;
}

std::optional<wire::MaskKey> mask_for(const cases::SendStep& send, bool as_client, std::mt19937_64& random) {
  const bool random_key = send.mask == cases::MaskMode::Random || (send.mask == cases::MaskMode::Auto && as_client) ||
                          (send.mask == cases::MaskMode::Wrong && !as_client);
  if (random_key) {
    wire::MaskKey key;
    const auto bits = random();
    for (std::size_t b = 0; b < key.size(); ++b) key[b] = static_cast<std::uint8_t>(bits >> (8 * b));
    return key;
  }
  if (send.mask == cases::MaskMode::Fixed) return send.mask_key;
  return std::nullopt;
}

}  // namespace

EncodedFrame encode_send(const cases::SendStep& send, bool as_client, std::mt19937_64& random) {
  wire::EncodeOptions options;
  options.fin = send.fin;
  options.rsv = send.rsv;
  options.length = length_encoding(send.length);
  options.declared_length = send.declared_length;
  options.mask = mask_for(send, as_client, random);

  // frame_size: the payload is what the header leaves now that the masking is known.
  wire::Bytes sized_payload;
  if (send.frame_size) {
    const auto filler = cases::filler_for_frame_size(*send.frame_size, options.mask.has_value(), send.length);
    sized_payload = cases::filler_payload(static_cast<std::size_t>(filler.value_or(0)));
  }
  const wire::Bytes& payload = send.frame_size ? sized_payload : send.payload;

  EncodedFrame encoded;
  wire::append_frame(encoded.bytes, send.opcode, payload, options);
  auto& frame = encoded.frame;
  frame.fin = send.fin;
  frame.rsv = send.rsv;
  frame.opcode = send.opcode;
  frame.masked = options.mask.has_value();
  if (options.mask) frame.mask_key = *options.mask;
  frame.payload = payload;
  frame.wire_size = encoded.bytes.size();
  return encoded;
}

bool frame_matches(const cases::WaitFrameStep& wanted, const wire::Frame& frame) {
  if (wanted.opcode && frame.opcode != *wanted.opcode) return false;
  if (!wanted.codes.empty()) {
    const auto code = wire::parse_close_payload(frame.payload).payload.code;
    if (!code || std::find(wanted.codes.begin(), wanted.codes.end(), *code) == wanted.codes.end()) return false;
  }
  return !wanted.payload || frame.payload == *wanted.payload;
}

}  // namespace wsh::peer
