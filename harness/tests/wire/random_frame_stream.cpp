#include "random_frame_stream.hpp"

#include <algorithm>

#include "wire/frame_header.hpp"
#include "wire/opcode.hpp"

namespace wsh::wire::testing {
namespace {

bool chance(std::mt19937_64& rng, double probability) { return std::bernoulli_distribution(probability)(rng); }

std::uint64_t uniform(std::mt19937_64& rng, std::uint64_t low, std::uint64_t high) {
  return std::uniform_int_distribution<std::uint64_t>(low, high)(rng);
}

std::size_t payload_size(std::mt19937_64& rng, bool control) {
  if (control) return chance(rng, 0.85) ? uniform(rng, 0, 125) : uniform(rng, 126, 300);
  const double roll = std::uniform_real_distribution<double>(0, 1)(rng);
  if (roll < 0.75) return uniform(rng, 0, 200);
  if (roll < 0.93) {
    // Around the boundaries between the 7-bit and 16-bit length encodings.
    constexpr std::size_t kEdges[] = {0, 125, 126};
    return kEdges[uniform(rng, 0, std::size(kEdges) - 1)] + uniform(rng, 0, 2);
  }
  if (roll < 0.995) return uniform(rng, 200, 3000);
  // Rarely, since every byte costs time in every split: around the
  // boundary between the 16-bit and 64-bit encodings.
  return uniform(rng, 65534, 65537);
}

void fill_random(Bytes& bytes, std::mt19937_64& rng) {
  std::size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    const std::uint64_t word = rng();
    for (std::size_t k = 0; k < 8; ++k) bytes[i + k] = static_cast<std::uint8_t>(word >> (8 * k));
  }
  for (; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>(rng());
}

std::uint8_t pick_opcode(std::mt19937_64& rng, bool in_message) {
  if (chance(rng, 0.15)) return static_cast<std::uint8_t>(uniform(rng, 0, 15));
  if (chance(rng, 0.25)) {
    constexpr Opcode kControl[] = {Opcode::Close, Opcode::Ping, Opcode::Pong};
    return to_raw(kControl[uniform(rng, 0, 2)]);
  }
  if (in_message) return to_raw(Opcode::Continuation);
  return chance(rng, 0.5) ? to_raw(Opcode::Text) : to_raw(Opcode::Binary);
}

LengthEncoding pick_length_encoding(std::mt19937_64& rng, std::size_t size) {
  const double roll = std::uniform_real_distribution<double>(0, 1)(rng);
  if (roll < 0.8) return LengthEncoding::Minimal;
  if (roll < 0.9 && size <= header::kMax16BitLength) return LengthEncoding::Force16;
  return LengthEncoding::Force64;
}

std::uint64_t lie_about(std::mt19937_64& rng, std::uint64_t size) {
  switch (uniform(rng, 0, 3)) {
    case 0: return size + uniform(rng, 1, 40);
    case 1: return size > 0 ? size - uniform(rng, 1, std::min<std::uint64_t>(size, 40)) : 1;
    case 2: return header::kLength64HighBit | uniform(rng, 0, 1000);
    default: return uniform(rng, 0, 1ULL << 40);
  }
}

DecoderConfig random_config(std::mt19937_64& rng) {
  DecoderConfig config{chance(rng, 0.5) ? Role::Server : Role::Client};
  if (chance(rng, 0.2)) config.max_payload = uniform(rng, 50, 400);
  config.allow_rsv = chance(rng, 0.2);
  config.require_minimal_length = chance(rng, 0.8);
  config.structure_only = chance(rng, 0.1);
  return config;
}

std::size_t extended_length_bytes(const PlannedFrame& frame) {
  const std::uint64_t length = frame.options.declared_length.value_or(frame.payload.size());
  switch (frame.options.length) {
    case LengthEncoding::Force16: return 2;
    case LengthEncoding::Force64: return 8;
    case LengthEncoding::Minimal: break;
  }
  if (length <= header::kMax7BitLength) return 0;
  return length <= header::kMax16BitLength ? 2 : 8;
}

}  // namespace

RandomStream make_random_stream(std::mt19937_64& rng) {
  RandomStream stream;
  stream.config = random_config(rng);
  const std::size_t frame_count = uniform(rng, 1, 8);
  bool in_message = false;  // as a well-behaved sender sees it
  for (std::size_t n = 0; n < frame_count; ++n) {
    PlannedFrame frame;
    frame.opcode = pick_opcode(rng, in_message);
    const bool control = is_control(frame.opcode);
    frame.options.fin = control ? chance(rng, 0.95) : chance(rng, 0.7);
    frame.options.rsv = chance(rng, 0.9) ? 0 : static_cast<std::uint8_t>(uniform(rng, 1, 7));
    frame.payload.resize(payload_size(rng, control));
    fill_random(frame.payload, rng);
    // §5.1: clients mask, servers do not; the decoder's peer has the other role.
    bool masked = stream.config.role == Role::Server;
    if (chance(rng, 0.05)) masked = !masked;
    if (masked) {
      const auto key = static_cast<std::uint32_t>(rng());
      frame.options.mask = MaskKey{static_cast<std::uint8_t>(key), static_cast<std::uint8_t>(key >> 8),
                                   static_cast<std::uint8_t>(key >> 16), static_cast<std::uint8_t>(key >> 24)};
    }
    frame.options.length = pick_length_encoding(rng, frame.payload.size());
    if (chance(rng, 0.03)) {
      frame.options.declared_length = lie_about(rng, frame.payload.size());
      if (*frame.options.declared_length > header::kMax16BitLength && frame.options.length == LengthEncoding::Force16) {
        frame.options.length = LengthEncoding::Force64;  // 16 bits cannot carry the lie
      }
      stream.honest = false;
    }
    if (frame.opcode == to_raw(Opcode::Continuation) || is_data(frame.opcode)) {
      in_message = !frame.options.fin;
    }
    append_frame(stream.bytes, frame.opcode, frame.payload, frame.options);
    stream.plan.push_back(std::move(frame));
  }
  const double ending = std::uniform_real_distribution<double>(0, 1)(rng);
  if (ending < 0.2 && !stream.bytes.empty()) {
    stream.bytes.resize(uniform(rng, 0, stream.bytes.size() - 1));  // truncated
  } else if (ending < 0.3) {
    const std::size_t garbage = uniform(rng, 1, 20);
    for (std::size_t i = 0; i < garbage; ++i) stream.bytes.push_back(static_cast<std::uint8_t>(rng()));
    stream.honest = false;
  }
  return stream;
}

DecodeResult expected_decode(const RandomStream& stream) {
  const DecoderConfig& config = stream.config;
  const bool strict = !config.structure_only;
  DecodeResult result;
  std::uint64_t start = 0;
  bool in_message = false;
  const auto fail = [&result](DecodeErrorKind kind, std::uint64_t offset) {
    result.error = DecodeError{kind, offset, decode_error_rfc_section(kind), ""};
    return result;
  };

  for (const PlannedFrame& planned : stream.plan) {
    const std::uint64_t available = stream.bytes.size() - start;
    if (available == 0) break;
    const EncodeOptions& options = planned.options;
    const std::uint8_t opcode = planned.opcode;
    const bool continuation = opcode == to_raw(Opcode::Continuation);

    // Byte 0, in the documented order.
    if (strict && options.rsv != 0 && !config.allow_rsv) return fail(DecodeErrorKind::RsvBitsSet, start);
    if (strict && is_reserved(opcode)) return fail(DecodeErrorKind::ReservedOpcode, start);
    if (strict && is_control(opcode) && !options.fin) {
      return fail(DecodeErrorKind::FragmentedControlFrame, start);
    }
    if (strict && continuation && !in_message) {
      return fail(DecodeErrorKind::UnexpectedContinuation, start);
    }
    if (strict && is_data(opcode) && in_message) {
      return fail(DecodeErrorKind::ExpectedContinuation, start);
    }
    if (continuation || is_data(opcode)) in_message = !options.fin;
    if (available < 2) {
      result.trailing_bytes = available;
      return result;
    }

    // Byte 1.
    const bool masked = options.mask.has_value();
    if (strict && config.role == Role::Server && !masked) {
      return fail(DecodeErrorKind::UnmaskedClientFrame, start + 1);
    }
    if (strict && config.role == Role::Client && masked) {
      return fail(DecodeErrorKind::MaskedServerFrame, start + 1);
    }

    // The length, once all of it is in.
    const std::size_t length_bytes = extended_length_bytes(planned);
    if (available < 2 + length_bytes) {
      result.trailing_bytes = available;
      return result;
    }
    const std::uint64_t length = planned.payload.size();
    const bool non_minimal = (length_bytes == 2 && length <= header::kMax7BitLength) ||
                             (length_bytes == 8 && length <= header::kMax16BitLength);
    if (strict && config.require_minimal_length && non_minimal) {
      return fail(DecodeErrorKind::NonMinimalLength, start + 1);
    }
    if (strict && is_control(opcode) && length > header::kMaxControlPayload) {
      return fail(DecodeErrorKind::ControlFrameTooLong, start + 1);
    }
    if (length > config.max_payload) return fail(DecodeErrorKind::PayloadTooBig, start + 1);

    const std::uint64_t wire_size = 2 + length_bytes + (masked ? 4 : 0) + length;
    if (available < wire_size) {
      result.trailing_bytes = available;
      return result;
    }
    Frame frame;
    frame.fin = options.fin;
    frame.rsv = options.rsv;
    frame.opcode = opcode;
    frame.masked = masked;
    if (masked) frame.mask_key = *options.mask;
    frame.payload = planned.payload;
    frame.stream_offset = start;
    frame.wire_size = wire_size;
    result.frames.push_back(std::move(frame));
    start += wire_size;
  }
  return result;
}

std::vector<std::size_t> random_split(std::size_t size, unsigned strategy, std::mt19937_64& rng) {
  std::vector<std::size_t> pieces;
  std::size_t left = size;
  const auto take = [&](std::size_t piece) {
    piece = std::min(piece, left);
    pieces.push_back(piece);
    left -= piece;
  };
  switch (strategy % 4) {
    case 0:  // one byte at a time
      while (left > 0) take(1);
      break;
    case 1:  // small pieces, the size of header parts
      while (left > 0) take(uniform(rng, 1, 16));
      break;
    case 2: {  // a few cuts anywhere, empty pieces included
      std::vector<std::size_t> cuts{0, size};
      for (std::uint64_t n = uniform(rng, 1, 3); n > 0; --n) cuts.push_back(uniform(rng, 0, size));
      std::sort(cuts.begin(), cuts.end());
      for (std::size_t i = 1; i < cuts.size(); ++i) take(cuts[i] - cuts[i - 1]);
      break;
    }
    default:  // large pieces
      while (left > 0) take(uniform(rng, 1, 4096));
      break;
  }
  return pieces;
}

}  // namespace wsh::wire::testing
