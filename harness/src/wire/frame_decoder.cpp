#include "wire/frame_decoder.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "wire/message_text.hpp"
#include "wire/opcode.hpp"

namespace wsh::wire {
namespace {

// Payloads are unmasked in slices this big right after they are copied, while
// the slice is still in the L1 cache: one copy, and the XOR pass runs at
// cache speed instead of a second trip through memory.
constexpr std::size_t kUnmaskSlice = 16 * 1024;

// A payload up to this size gets its whole buffer when its first bytes
// arrive, so a frame delivered in many small reads costs one allocation, as
// in one-shot decoding. Longer payloads grow geometrically from here: a peer
// that announces a large payload and never sends it pins at most this much
// beyond what it did send.
constexpr std::uint64_t kUpFrontPayloadReserve = 4 * 1024;

// Offsets of the header fields within a frame, for error offsets.
constexpr std::uint64_t kFirstByteOffset = 0;
constexpr std::uint64_t kSecondByteOffset = 1;
constexpr std::uint64_t kLengthFieldOffset = 1;

}  // namespace

FrameDecoder::FrameDecoder(DecoderConfig config) : config_(config) {}

bool FrameDecoder::feed(ByteView bytes, std::vector<Frame>& out) {
  if (error_) return false;
  while (!bytes.empty()) {
    if (stage_ == Stage::Payload) {
      bytes = take_payload(bytes, out);
      continue;
    }
    // Header bytes: collect exactly what the current stage needs, so each
    // rule is checked as soon as its bytes are in, whatever the split.
    // At most 8 bytes: a plain loop, not a call to memcpy (which sanitizers
    // intercept, and which costs more than the copy on 1-byte reads).
    const std::size_t count = std::min(stage_end_ - header_size_, bytes.size());
    for (std::size_t i = 0; i < count; ++i) header_[header_size_ + i] = bytes[i];
    header_size_ += count;
    consumed_ += count;
    bytes = bytes.subspan(count);
    if (header_size_ == stage_end_ && !finish_stage(out)) return false;
  }
  return true;
}

bool FrameDecoder::finish_stage(std::vector<Frame>& out) {
  switch (stage_) {
    case Stage::FirstByte:
      if (!check_first_byte()) return false;
      stage_ = Stage::SecondByte;
      stage_end_ = 2;
      return true;

    case Stage::SecondByte: {
      if (!check_second_byte()) return false;
      const std::uint8_t length7 = header_[1] & header::kLengthBits;
      if (length7 == header::kLength16Marker || length7 == header::kLength64Marker) {
        stage_ = Stage::ExtendedLength;
        stage_end_ = 2 + (length7 == header::kLength16Marker ? 2 : 8);
        return true;
      }
      if (!check_length(length7, 0)) return false;
      break;
    }

    case Stage::ExtendedLength: {
      std::uint64_t length = 0;
      for (std::size_t i = 2; i < header_size_; ++i) length = length << 8 | header_[i];
      if (!check_length(length, header_size_ - 2)) return false;
      break;
    }

    case Stage::MaskKey:
      std::copy_n(header_.begin() + static_cast<std::ptrdiff_t>(header_size_ - header::kMaskKeySize),
                  header::kMaskKeySize, frame_.mask_key.begin());
      begin_payload(out);
      return true;

    case Stage::Payload: return true;  // not a header stage; feed() never gets here
  }

  // The length is known and accepted; the masking key, if any, comes next.
  if (frame_.masked) {
    stage_ = Stage::MaskKey;
    stage_end_ = header_size_ + header::kMaskKeySize;
  } else {
    begin_payload(out);
  }
  return true;
}

bool FrameDecoder::check_first_byte() {
  const std::uint8_t byte0 = header_[0];
  frame_.fin = (byte0 & header::kFinBit) != 0;
  frame_.rsv = static_cast<std::uint8_t>((byte0 & header::kRsvBits) >> header::kRsvShift);
  frame_.opcode = byte0 & header::kOpcodeBits;
  const std::uint8_t opcode = frame_.opcode;
  const bool continuation = opcode == to_raw(Opcode::Continuation);
  const std::uint64_t at = frame_start_ + kFirstByteOffset;

  if (!config_.structure_only) {
    if (frame_.rsv != 0 && !config_.allow_rsv) {
      fail(DecodeErrorKind::RsvBitsSet, at,
           join_text({"RSV bits ", NumberText::hex(frame_.rsv), " set on a ", opcode_name(opcode),
                      " frame with no extension negotiated; they MUST be 0"}));
      return false;
    }
    if (is_reserved(opcode)) {
      fail(DecodeErrorKind::ReservedOpcode, at,
           join_text({"opcode ", NumberText::hex(opcode),
                      " is reserved; an endpoint MUST fail the connection on an unknown opcode"}));
      return false;
    }
    if (is_control(opcode) && !frame_.fin) {
      fail(DecodeErrorKind::FragmentedControlFrame, at,
           join_text({opcode_name(opcode), " frame has FIN clear; control frames MUST NOT be fragmented"}));
      return false;
    }
    if (continuation && !message_in_progress_) {
      fail(DecodeErrorKind::UnexpectedContinuation, at, "continuation frame with no fragmented message in progress");
      return false;
    }
    if (is_data(opcode) && message_in_progress_) {
      fail(DecodeErrorKind::ExpectedContinuation, at,
           join_text({opcode_name(opcode),
                      " frame starts a new message inside a fragmented one;"
                      " expected a continuation frame"}));
      return false;
    }
  }
  // §5.4: a data frame without FIN opens a fragmented message, the
  // continuation frame with FIN closes it; control frames leave it open.
  if (continuation || is_data(opcode)) message_in_progress_ = !frame_.fin;
  return true;
}

bool FrameDecoder::check_second_byte() {
  frame_.masked = (header_[1] & header::kMaskBit) != 0;
  if (config_.structure_only) return true;
  const std::uint64_t at = frame_start_ + kSecondByteOffset;
  if (config_.role == Role::Server && !frame_.masked) {
    fail(DecodeErrorKind::UnmaskedClientFrame, at,
         join_text({"a server received an unmasked ", opcode_name(frame_.opcode),
                    " frame; a client MUST mask every frame it sends"}));
    return false;
  }
  if (config_.role == Role::Client && frame_.masked) {
    fail(DecodeErrorKind::MaskedServerFrame, at,
         join_text({"a client received a masked ", opcode_name(frame_.opcode),
                    " frame; a server MUST NOT mask any frame it sends"}));
    return false;
  }
  return true;
}

bool FrameDecoder::check_length(std::uint64_t length, std::size_t field_bytes) {
  const std::uint64_t at = frame_start_ + kLengthFieldOffset;
  if (field_bytes == 8 && (length & header::kLength64HighBit) != 0) {
    fail(DecodeErrorKind::LengthHighBitSet, at,
         join_text(
             {"64-bit payload length ", NumberText::hex(length), " has its most significant bit set; it MUST be 0"}));
    return false;
  }
  if (!config_.structure_only && config_.require_minimal_length) {
    const bool fits_shorter = (field_bytes == 2 && length <= header::kMax7BitLength) ||
                              (field_bytes == 8 && length <= header::kMax16BitLength);
    if (fits_shorter) {
      fail(DecodeErrorKind::NonMinimalLength, at,
           join_text({"payload length ", NumberText::decimal(length), " is encoded in ",
                      NumberText::decimal(field_bytes * 8), " bits; the minimal number of bytes MUST be used"}));
      return false;
    }
  }
  if (!config_.structure_only && is_control(frame_.opcode) && length > header::kMaxControlPayload) {
    fail(DecodeErrorKind::ControlFrameTooLong, at,
         join_text({opcode_name(frame_.opcode), " frame announces a ", NumberText::decimal(length),
                    "-byte payload; control frames MUST have 125 bytes or less"}));
    return false;
  }
  if (length > config_.max_payload) {
    fail(DecodeErrorKind::PayloadTooBig, at,
         join_text({opcode_name(frame_.opcode), " frame announces a ", NumberText::decimal(length),
                    "-byte payload, over this endpoint's limit of ", NumberText::decimal(config_.max_payload),
                    " bytes"}));
    return false;
  }
  payload_length_ = length;
  return true;
}

void FrameDecoder::begin_payload(std::vector<Frame>& out) {
  if (payload_length_ == 0) {
    emit_frame(out);
  } else {
    stage_ = Stage::Payload;
  }
}

ByteView FrameDecoder::take_payload(ByteView bytes, std::vector<Frame>& out) {
  Bytes& payload = frame_.payload;
  const std::uint64_t missing = payload_length_ - payload.size();
  const auto count = static_cast<std::size_t>(std::min<std::uint64_t>(missing, bytes.size()));

  // Grow geometrically, starting at kUpFrontPayloadReserve, but never past
  // the announced length.
  if (payload.capacity() < payload.size() + count) {
    const std::uint64_t wanted =
        std::max<std::uint64_t>({payload.size() + count, 2 * payload.capacity(), kUpFrontPayloadReserve});
    payload.reserve(static_cast<std::size_t>(std::min(wanted, payload_length_)));
  }
  for (std::size_t done = 0; done < count;) {
    const std::size_t slice = std::min(kUnmaskSlice, count - done);
    const std::size_t slice_start = payload.size();
    payload.insert(payload.end(), bytes.begin() + static_cast<std::ptrdiff_t>(done),
                   bytes.begin() + static_cast<std::ptrdiff_t>(done + slice));
    if (frame_.masked) {
      apply_mask(std::span<std::uint8_t>(payload).subspan(slice_start), frame_.mask_key, slice_start);
    }
    done += slice;
  }
  consumed_ += count;
  if (payload.size() == payload_length_) emit_frame(out);
  return bytes.subspan(count);
}

void FrameDecoder::emit_frame(std::vector<Frame>& out) {
  frame_.stream_offset = frame_start_;
  frame_.wire_size = static_cast<std::size_t>(consumed_ - frame_start_);
  out.push_back(std::move(frame_));
  frame_ = Frame{};
  stage_ = Stage::FirstByte;
  header_size_ = 0;
  stage_end_ = 1;
  payload_length_ = 0;
  frame_start_ = consumed_;
}

void FrameDecoder::fail(DecodeErrorKind kind, std::uint64_t offset, std::string message) {
  error_ = DecodeError{kind, offset, decode_error_rfc_section(kind), std::move(message)};
}

DecodeResult decode_all(ByteView bytes, DecoderConfig config) {
  DecodeResult result;
  decode_all(bytes, config, result);
  return result;
}

void decode_all(ByteView bytes, DecoderConfig config, DecodeResult& result) {
  result.frames.clear();
  FrameDecoder decoder(config);
  decoder.feed(bytes, result.frames);
  result.error = decoder.error();
  result.trailing_bytes = result.error ? 0 : decoder.pending_bytes();
}

}  // namespace wsh::wire
