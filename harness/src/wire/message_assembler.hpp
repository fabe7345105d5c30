#pragma once
// Frames -> messages: what the application of an endpoint gets to see
// (RFC 6455 §5.4, §5.6, §6.2). It joins fragments, validates text as UTF-8
// while the fragments arrive (failing on the first fragment that contains an
// invalid byte, §8.1), and parses close bodies (§5.5.1).
//
// Frames are expected in stream order, normally from a FrameDecoder; the
// framing rules that decoder enforces are re-checked only where the
// assembler's own state depends on them (continuation order, opcodes).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wire/bytes.hpp"
#include "wire/close_code.hpp"
#include "wire/close_payload.hpp"
#include "wire/frame.hpp"
#include "wire/utf8.hpp"

namespace wsh::wire {

struct Message {
  std::uint8_t opcode = 0;              // text, binary, close, ping or pong; never continuation
  Bytes payload{};                      // all fragments joined, unmasked
  std::optional<ClosePayload> close{};  // the parsed body, for a close message
  std::uint64_t stream_offset = 0;      // of the message's first frame
  std::size_t frame_count = 0;

  bool operator==(const Message&) const = default;
};

enum class MessageErrorKind {
  InvalidUtf8,             // §8.1: a text message is not valid UTF-8 -> 1007
  InvalidClosePayload,     // §5.5.1, §7.4: see MessageError::close_error -> 1002/1007
  UnexpectedContinuation,  // §5.4: continuation with no message in progress -> 1002
  ExpectedContinuation,    // §5.4: new data frame inside a fragmented message -> 1002
  UnknownOpcode,           // §5.2: a reserved opcode -> 1002
  MessageTooBig,           // §10.4: over AssemblerConfig::max_message -> 1009
};

struct MessageError {
  MessageErrorKind kind{};
  std::optional<ClosePayloadError> close_error{};  // set for InvalidClosePayload
  // Stream offset of the invalid byte for InvalidUtf8 inside a payload;
  // otherwise (including a sequence left unfinished at the end of a text
  // message) the first byte of the frame that broke the rule.
  std::uint64_t offset = 0;
  CloseCode close_code = close_code::kProtocolError;  // what to fail the connection with
  std::string_view rfc_section{};
  std::string message{};

  bool operator==(const MessageError&) const = default;
};

// "invalid-utf8", "invalid-close-payload", "unexpected-continuation", ...
std::string_view message_error_name(MessageErrorKind kind);

inline constexpr std::uint64_t kDefaultMaxMessage = 64 * 1024 * 1024;

struct AssemblerConfig {
  std::uint64_t max_message = kDefaultMaxMessage;
};

class MessageAssembler {
 public:
  explicit MessageAssembler(AssemblerConfig config = {});

  // Takes the next frame. Appends to `out` the message it completes, if any
  // (control frames are messages of their own, and may arrive between the
  // fragments of a data message). Returns false on the first error and
  // ignores every frame after it.
  bool push(Frame frame, std::vector<Message>& out);

  const std::optional<MessageError>& error() const { return error_; }
  // Whether a fragmented data message has begun and not yet ended.
  bool in_message() const { return partial_.has_value(); }

 private:
  bool push_control(Frame& frame, std::vector<Message>& out);
  bool push_data(Frame& frame, std::vector<Message>& out);
  void fail(MessageErrorKind kind, std::uint64_t offset, std::string message,
            std::optional<ClosePayloadError> close_error = std::nullopt);

  AssemblerConfig config_;
  std::optional<Message> partial_;  // the fragmented data message being joined
  Utf8Validator utf8_;              // runs over the text message in progress
  std::optional<MessageError> error_;
};

}  // namespace wsh::wire
