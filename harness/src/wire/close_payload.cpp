#include "wire/close_payload.hpp"

#include "wire/frame_header.hpp"
#include "wire/utf8.hpp"

namespace wsh::wire {

Bytes build_close_payload(std::optional<CloseCode> code, std::string_view reason) {
  Bytes body;
  if (!code) return body;
  body.reserve(2 + reason.size());
  body.push_back(static_cast<std::uint8_t>(*code >> 8));
  body.push_back(static_cast<std::uint8_t>(*code & 0xFF));
  body.insert(body.end(), reason.begin(), reason.end());
  return body;
}

ClosePayloadParse parse_close_payload(ByteView body) {
  ClosePayloadParse parse;
  if (body.size() >= 2) {
    parse.payload.code = static_cast<CloseCode>(body[0] << 8 | body[1]);
    const ByteView reason = body.subspan(2);
    parse.payload.reason.assign(as_chars(reason));
  }

  if (body.size() > header::kMaxControlPayload) {
    parse.error = ClosePayloadError::TooLong;
  } else if (body.size() == 1) {
    parse.error = ClosePayloadError::OneByte;
  } else if (parse.payload.code && !valid_on_wire(*parse.payload.code)) {
    parse.error = ClosePayloadError::InvalidCode;
  } else if (body.size() > 2 && !is_valid_utf8(body.subspan(2))) {
    parse.error = ClosePayloadError::InvalidUtf8Reason;
  }
  return parse;
}

std::string_view close_payload_error_name(ClosePayloadError error) {
  switch (error) {
    case ClosePayloadError::OneByte: return "one-byte";
    case ClosePayloadError::InvalidCode: return "invalid-code";
    case ClosePayloadError::InvalidUtf8Reason: return "invalid-utf8-reason";
    case ClosePayloadError::TooLong: return "too-long";
  }
  return "unknown";
}

CloseCode close_code_for(ClosePayloadError error) {
  return error == ClosePayloadError::InvalidUtf8Reason ? close_code::kInvalidPayloadData : close_code::kProtocolError;
}

}  // namespace wsh::wire
