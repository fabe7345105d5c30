#pragma once
// Streaming frame decoder (RFC 6455 §5.2-§5.5). It knows nothing of sockets:
// feed it bytes as they arrive, in pieces of any size, and it returns the
// frames they complete.
//
// The central property: bytes fed in any split (one at a time included)
// produce exactly the frames (stream_offset and wire_size included) and
// exactly the error (kind and offset) that one-shot decoding of the same
// bytes produces. Errors are detected as early as the bytes allow (a bad
// first byte fails the stream before the rest of the header arrives) and
// reported at offsets that depend on the frame alone; decode_error.hpp
// lists the rule.
//
// The decoder checks framing, masking and fragmentation; it does not look
// inside payloads (UTF-8 of text messages and close payloads belong to the
// message layer, message_assembler.hpp).

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "wire/bytes.hpp"
#include "wire/decode_error.hpp"
#include "wire/frame.hpp"
#include "wire/frame_header.hpp"
#include "wire/role.hpp"

namespace wsh::wire {

inline constexpr std::uint64_t kDefaultMaxPayload = 16 * 1024 * 1024;

struct DecoderConfig {
  // The role of the endpoint doing the decoding: a Server expects masked
  // frames from its client, a Client unmasked frames from its server (§5.1).
  Role role;
  // Frames announcing a longer payload fail with PayloadTooBig before any of
  // it is buffered (§10.4: "implementation-specific limits").
  std::uint64_t max_payload = kDefaultMaxPayload;
  // True when an extension that defines RSV bits was negotiated (§5.2).
  bool allow_rsv = false;
  // §5.2 requires the shortest length encoding; false tolerates longer ones.
  bool require_minimal_length = true;
  // Checks only what finding frame boundaries needs (LengthHighBitSet and
  // max_payload) and accepts everything else: for transcripts of traffic
  // that is malformed on purpose.
  bool structure_only = false;
};

class FrameDecoder {
 public:
  explicit FrameDecoder(DecoderConfig config);

  // Consumes all of `bytes`, appending each completed frame to `out`.
  // Returns false once an error is found (see error()); after an error it
  // consumes nothing more and keeps returning false.
  bool feed(ByteView bytes, std::vector<Frame>& out);

  const std::optional<DecodeError>& error() const { return error_; }
  const DecoderConfig& config() const { return config_; }

  // Bytes accepted so far. After an error: up to the end of the header part
  // (byte 0, byte 1, extended length) in which the error was found.
  std::uint64_t bytes_consumed() const { return consumed_; }
  // Whether part of a frame is buffered: at end of stream this means the
  // stream was truncated mid-frame.
  bool mid_frame() const { return pending_bytes() != 0; }
  // Bytes of the current, incomplete frame (header and payload so far).
  std::size_t pending_bytes() const { return static_cast<std::size_t>(consumed_ - frame_start_); }
  // Whether part of a frame header is buffered, but not all of it.
  bool mid_header() const { return header_size_ > 0 && stage_ != Stage::Payload; }
  // Whether a fragmented data message has begun and not yet ended (§5.4).
  bool in_fragmented_message() const { return message_in_progress_; }

 private:
  // Header parts in wire order; each ends when header_ holds stage_end_ bytes.
  enum class Stage { FirstByte, SecondByte, ExtendedLength, MaskKey, Payload };

  bool finish_stage(std::vector<Frame>& out);
  bool check_first_byte();
  bool check_second_byte();
  bool check_length(std::uint64_t length, std::size_t field_bytes);
  void begin_payload(std::vector<Frame>& out);
  ByteView take_payload(ByteView bytes, std::vector<Frame>& out);
  void emit_frame(std::vector<Frame>& out);
  void fail(DecodeErrorKind kind, std::uint64_t offset, std::string message);

  DecoderConfig config_;
  Stage stage_ = Stage::FirstByte;
  std::array<std::uint8_t, header::kMaxHeaderSize> header_{};
  std::size_t header_size_ = 0;  // bytes of header_ received
  std::size_t stage_end_ = 1;    // header_size_ at which the current stage ends
  std::uint64_t payload_length_ = 0;
  Frame frame_;  // the frame being decoded
  std::uint64_t frame_start_ = 0;
  std::uint64_t consumed_ = 0;
  bool message_in_progress_ = false;
  std::optional<DecodeError> error_;
};

struct DecodeResult {
  std::vector<Frame> frames{};
  std::optional<DecodeError> error{};
  std::uint64_t trailing_bytes = 0;  // of an incomplete frame at the end; 0 after an error

  bool operator==(const DecodeResult&) const = default;
};

// One-shot decoding of a whole byte stream.
DecodeResult decode_all(ByteView bytes, DecoderConfig config);
// The same into `result`, replacing what it held but keeping the capacity of
// result.frames: a caller decoding many streams allocates the frame list once.
void decode_all(ByteView bytes, DecoderConfig config, DecodeResult& result);

}  // namespace wsh::wire
