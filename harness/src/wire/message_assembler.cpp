#include "wire/message_assembler.hpp"

#include <string>
#include <utility>

#include "wire/opcode.hpp"

namespace wsh::wire {
namespace {

std::string_view close_error_rfc_section(ClosePayloadError error) {
  switch (error) {
    case ClosePayloadError::OneByte: return "5.5.1";
    case ClosePayloadError::InvalidCode: return "7.4";
    case ClosePayloadError::InvalidUtf8Reason: return "8.1";
    case ClosePayloadError::TooLong: return "5.5";
  }
  return "5.5.1";
}

std::string_view message_error_rfc_section(MessageErrorKind kind) {
  switch (kind) {
    case MessageErrorKind::InvalidUtf8: return "8.1";
    case MessageErrorKind::InvalidClosePayload: return "5.5.1";
    case MessageErrorKind::UnexpectedContinuation:
    case MessageErrorKind::ExpectedContinuation: return "5.4";
    case MessageErrorKind::UnknownOpcode: return "5.2";
    case MessageErrorKind::MessageTooBig: return "10.4";
  }
  return "";
}

CloseCode message_error_close_code(MessageErrorKind kind) {
  switch (kind) {
    case MessageErrorKind::InvalidUtf8: return close_code::kInvalidPayloadData;
    case MessageErrorKind::MessageTooBig: return close_code::kMessageTooBig;
    case MessageErrorKind::InvalidClosePayload:
    case MessageErrorKind::UnexpectedContinuation:
    case MessageErrorKind::ExpectedContinuation:
    case MessageErrorKind::UnknownOpcode: return close_code::kProtocolError;
  }
  return close_code::kProtocolError;
}

}  // namespace

std::string_view message_error_name(MessageErrorKind kind) {
  switch (kind) {
    case MessageErrorKind::InvalidUtf8: return "invalid-utf8";
    case MessageErrorKind::InvalidClosePayload: return "invalid-close-payload";
    case MessageErrorKind::UnexpectedContinuation: return "unexpected-continuation";
    case MessageErrorKind::ExpectedContinuation: return "expected-continuation";
    case MessageErrorKind::UnknownOpcode: return "unknown-opcode";
    case MessageErrorKind::MessageTooBig: return "message-too-big";
  }
  return "unknown";
}

MessageAssembler::MessageAssembler(AssemblerConfig config) : config_(config) {}

bool MessageAssembler::push(Frame frame, std::vector<Message>& out) {
  if (error_) return false;
  if (is_reserved(frame.opcode)) {
    fail(MessageErrorKind::UnknownOpcode, frame.stream_offset,
         "opcode " + std::string(opcode_name(frame.opcode)) + " has no meaning");
    return false;
  }
  return is_control(frame.opcode) ? push_control(frame, out) : push_data(frame, out);
}

bool MessageAssembler::push_control(Frame& frame, std::vector<Message>& out) {
  Message message{frame.opcode, std::move(frame.payload), std::nullopt, frame.stream_offset, 1};
  if (frame.opcode == to_raw(Opcode::Close)) {
    ClosePayloadParse parse = parse_close_payload(message.payload);
    if (parse.error) {
      fail(MessageErrorKind::InvalidClosePayload, frame.stream_offset,
           "invalid close body: " + std::string(close_payload_error_name(*parse.error)), parse.error);
      return false;
    }
    message.close = std::move(parse.payload);
  }
  out.push_back(std::move(message));
  return true;
}

bool MessageAssembler::push_data(Frame& frame, std::vector<Message>& out) {
  const bool continuation = frame.opcode == to_raw(Opcode::Continuation);
  if (continuation && !partial_) {
    fail(MessageErrorKind::UnexpectedContinuation, frame.stream_offset,
         "continuation frame with no fragmented message in progress");
    return false;
  }
  if (!continuation && partial_) {
    fail(MessageErrorKind::ExpectedContinuation, frame.stream_offset,
         std::string(opcode_name(frame.opcode)) + " frame starts a new message inside a fragmented one");
    return false;
  }
  if (!continuation) {
    partial_ = Message{frame.opcode, {}, std::nullopt, frame.stream_offset, 0};
    utf8_.reset();
  }
  Message& message = *partial_;

  if (message.payload.size() + frame.payload.size() > config_.max_message) {
    fail(MessageErrorKind::MessageTooBig, frame.stream_offset,
         "message exceeds this endpoint's limit of " + std::to_string(config_.max_message) + " bytes");
    return false;
  }
  // §8.1 and Autobahn 6.x: fail on the fragment that holds the first invalid
  // byte, not at the end of the message.
  if (message.opcode == to_raw(Opcode::Text)) {
    const std::uint64_t fed_before = utf8_.bytes_fed();
    if (!utf8_.feed(frame.payload)) {
      const std::uint64_t index = *utf8_.error_offset() - fed_before;
      fail(MessageErrorKind::InvalidUtf8, frame.stream_offset + frame.header_size() + index,
           "text message is not valid UTF-8 at byte " + std::to_string(*utf8_.error_offset()) + " of the message");
      return false;
    }
    if (frame.fin && !utf8_.complete()) {
      fail(MessageErrorKind::InvalidUtf8, frame.stream_offset, "text message ends inside a UTF-8 sequence");
      return false;
    }
  }

  if (message.payload.empty()) {
    message.payload = std::move(frame.payload);  // the common single-frame case: no copy
  } else {
    message.payload.insert(message.payload.end(), frame.payload.begin(), frame.payload.end());
  }
  ++message.frame_count;
  if (frame.fin) {
    out.push_back(std::move(message));
    partial_.reset();
  }
  return true;
}

void MessageAssembler::fail(MessageErrorKind kind, std::uint64_t offset, std::string message,
                            std::optional<ClosePayloadError> close_error) {
  MessageError error;
  error.kind = kind;
  error.close_error = close_error;
  error.offset = offset;
  error.close_code = close_error ? close_code_for(*close_error) : message_error_close_code(kind);
  error.rfc_section = close_error ? close_error_rfc_section(*close_error) : message_error_rfc_section(kind);
  error.message = std::move(message);
  error_ = std::move(error);
}

}  // namespace wsh::wire
