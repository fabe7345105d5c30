#pragma once
// A slow, obviously correct frame decoder: RFC 6455 §5.2 read byte by byte,
// a whole stream at once, with no buffering stages, no slices and no word-at-
// a-time unmasking. It is the oracle for wire::FrameDecoder in
// fuzz_frame_decoder, so it shares no code or structure with it: only the
// data types (Frame, DecoderConfig) and, through error_kind(), the names of
// the decoder's error kinds.
//
// Where a frame breaks several rules at once the RFC names no order; this
// reference reports the first broken rule in wire order, the order in which
// a reader meets the bytes:
//   byte 0: RSV bits, reserved opcode, control frame without FIN,
//           continuation without a message, data frame inside a message;
//   byte 1: MASK bit against the reader's role;
//   length: 64-bit top bit, minimal encoding, control length, reader's limit.
// An error is found as soon as the bytes of its header field are present,
// even when the frame is cut short after them, and reported at the frame's
// first byte (byte 0 rules) or its second byte (every other rule).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "wire/bytes.hpp"
#include "wire/decode_error.hpp"
#include "wire/frame.hpp"
#include "wire/frame_decoder.hpp"
#include "wire/role.hpp"

namespace wsh::wire::reference {

// The rules of §5.1-§5.5 and §10.4 in the words of the RFC, one per MUST.
enum class BrokenRule {
  RsvWithoutExtension,       // §5.2 "MUST be 0 unless an extension is negotiated"
  UnknownOpcode,             // §5.2 "If an unknown opcode is received, ... MUST _Fail_"
  FragmentedControl,         // §5.5 "Control frames ... MUST NOT be fragmented"
  ContinuationWithoutStart,  // §5.4 a continuation frame needs an unfinished message
  NewMessageInsideMessage,   // §5.4 fragments of one message are not interleaved
  ClientFrameNotMasked,      // §5.1 "a client MUST mask all frames that it sends"
  ServerFrameMasked,         // §5.1 "A server MUST NOT mask any frames"
  LengthTopBitSet,           // §5.2 "the most significant bit MUST be 0"
  LengthNotMinimal,          // §5.2 "the minimal number of bytes MUST be used"
  ControlTooLong,            // §5.5 "payload length of 125 bytes or less"
  OverReadersLimit,          // §10.4 the reader's own limit
};

// The decoder's name for each rule.
inline DecodeErrorKind error_kind(BrokenRule rule) {
  switch (rule) {
    case BrokenRule::RsvWithoutExtension: return DecodeErrorKind::RsvBitsSet;
    case BrokenRule::UnknownOpcode: return DecodeErrorKind::ReservedOpcode;
    case BrokenRule::FragmentedControl: return DecodeErrorKind::FragmentedControlFrame;
    case BrokenRule::ContinuationWithoutStart: return DecodeErrorKind::UnexpectedContinuation;
    case BrokenRule::NewMessageInsideMessage: return DecodeErrorKind::ExpectedContinuation;
    case BrokenRule::ClientFrameNotMasked: return DecodeErrorKind::UnmaskedClientFrame;
    case BrokenRule::ServerFrameMasked: return DecodeErrorKind::MaskedServerFrame;
    case BrokenRule::LengthTopBitSet: return DecodeErrorKind::LengthHighBitSet;
    case BrokenRule::LengthNotMinimal: return DecodeErrorKind::NonMinimalLength;
    case BrokenRule::ControlTooLong: return DecodeErrorKind::ControlFrameTooLong;
    case BrokenRule::OverReadersLimit: return DecodeErrorKind::PayloadTooBig;
  }
  return DecodeErrorKind::RsvBitsSet;  // unreachable: every rule is listed
}

struct Violation {
  BrokenRule rule;
  std::uint64_t offset;  // stream offset of the frame's byte 0 or byte 1 (see above)
};

struct Decoded {
  std::vector<Frame> frames;
  std::optional<Violation> violation;
  std::uint64_t trailing_bytes = 0;  // of a frame cut short at the end; 0 after a violation
};

inline Decoded decode_stream(ByteView stream, const DecoderConfig& config) {
  // In structure_only mode only the rules needed to find where frames end
  // are checked: the 64-bit length's top bit and the reader's limit.
  const bool all_rules = !config.structure_only;
  Decoded result;
  bool message_open = false;  // a text/binary frame without FIN was seen, its last fragment not yet
  std::size_t start = 0;      // byte 0 of the current frame
  while (start < stream.size()) {
    const auto fail = [&](BrokenRule rule, std::size_t byte_index) {
      result.violation = Violation{rule, start + byte_index};
      return result;
    };
    const auto cut_short = [&] {
      result.trailing_bytes = stream.size() - start;
      return result;
    };
    std::size_t at = start;

    // Byte 0: FIN, RSV1, RSV2, RSV3, opcode.
    const std::uint8_t byte0 = stream[at++];
    const bool fin = byte0 >= 128;
    const bool rsv1 = (byte0 / 64) % 2 == 1;
    const bool rsv2 = (byte0 / 32) % 2 == 1;
    const bool rsv3 = (byte0 / 16) % 2 == 1;
    const std::uint8_t opcode = byte0 % 16;
    const bool is_continuation = opcode == 0;
    const bool is_text_or_binary = opcode == 1 || opcode == 2;
    const bool is_close_ping_pong = opcode == 8 || opcode == 9 || opcode == 10;
    const bool is_control_range = opcode >= 8;  // §5.5: 0x8-0xF, reserved ones included
    if (all_rules) {
      if ((rsv1 || rsv2 || rsv3) && !config.allow_rsv) return fail(BrokenRule::RsvWithoutExtension, 0);
      if (!is_continuation && !is_text_or_binary && !is_close_ping_pong) {
        return fail(BrokenRule::UnknownOpcode, 0);
      }
      if (is_control_range && !fin) return fail(BrokenRule::FragmentedControl, 0);
      if (is_continuation && !message_open) return fail(BrokenRule::ContinuationWithoutStart, 0);
      if (is_text_or_binary && message_open) return fail(BrokenRule::NewMessageInsideMessage, 0);
    }
    // Control frames may come between fragments and leave the message open.
    if (is_continuation || is_text_or_binary) message_open = !fin;
    if (at == stream.size()) return cut_short();

    // Byte 1: MASK, 7-bit length.
    const std::uint8_t byte1 = stream[at++];
    const bool masked = byte1 >= 128;
    const std::uint8_t length7 = byte1 % 128;
    if (all_rules && config.role == Role::Server && !masked) return fail(BrokenRule::ClientFrameNotMasked, 1);
    if (all_rules && config.role == Role::Client && masked) return fail(BrokenRule::ServerFrameMasked, 1);

    // Extended length: 2 or 8 bytes, most significant first.
    std::size_t length_bytes = 0;
    if (length7 == 126) length_bytes = 2;
    if (length7 == 127) length_bytes = 8;
    if (stream.size() - at < length_bytes) return cut_short();
    std::uint64_t length = length7;
    if (length_bytes > 0) {
      length = 0;
      for (std::size_t i = 0; i < length_bytes; ++i) length = length * 256 + stream[at++];
    }
    if (length_bytes == 8 && length >= 9223372036854775808ULL) return fail(BrokenRule::LengthTopBitSet, 1);
    if (all_rules && config.require_minimal_length) {
      if (length_bytes == 2 && length < 126) return fail(BrokenRule::LengthNotMinimal, 1);
      if (length_bytes == 8 && length < 65536) return fail(BrokenRule::LengthNotMinimal, 1);
    }
    if (all_rules && is_control_range && length > 125) return fail(BrokenRule::ControlTooLong, 1);
    if (length > config.max_payload) return fail(BrokenRule::OverReadersLimit, 1);

    // Masking key, then the payload: octet i XOR key octet i MOD 4 (§5.3).
    MaskKey key{};
    if (masked) {
      if (stream.size() - at < 4) return cut_short();
      for (std::size_t i = 0; i < 4; ++i) key[i] = stream[at++];
    }
    if (stream.size() - at < length) return cut_short();
    Frame frame;
    frame.fin = fin;
    frame.rsv = static_cast<std::uint8_t>((rsv1 ? 4 : 0) + (rsv2 ? 2 : 0) + (rsv3 ? 1 : 0));
    frame.opcode = opcode;
    frame.masked = masked;
    frame.mask_key = masked ? key : MaskKey{};
    for (std::uint64_t i = 0; i < length; ++i) {
      const std::uint8_t octet = stream[at++];
      frame.payload.push_back(masked ? static_cast<std::uint8_t>(octet ^ key[i % 4]) : octet);
    }
    frame.stream_offset = start;
    frame.wire_size = at - start;
    result.frames.push_back(std::move(frame));
    start = at;
  }
  return result;
}

}  // namespace wsh::wire::reference
