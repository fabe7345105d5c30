#pragma once
// The body of a close frame (RFC 6455 §5.5.1): empty, or a 2-byte status
// code in network byte order followed by a UTF-8 reason.

#include <optional>
#include <string>
#include <string_view>

#include "wire/bytes.hpp"
#include "wire/close_code.hpp"

namespace wsh::wire {

struct ClosePayload {
  std::optional<CloseCode> code{};  // absent: empty body (§7.1.5: status 1005)
  std::string reason{};             // the raw bytes, even when not valid UTF-8

  bool operator==(const ClosePayload&) const = default;
};

// Builds any body at all, valid or not (a reason over 123 bytes, a code
// that must never be sent), because test cases send both. No code means an
// empty body; a reason without a code is ignored.
Bytes build_close_payload(std::optional<CloseCode> code, std::string_view reason = {});

enum class ClosePayloadError {
  OneByte,            // §5.5.1: a body, if present, starts with a 2-byte code
  InvalidCode,        // §7.4: not a code an endpoint may send (valid_on_wire)
  InvalidUtf8Reason,  // §5.5.1 and §8.1: the reason is not valid UTF-8
  TooLong,            // §5.5: a control frame body has at most 125 bytes
};

struct ClosePayloadParse {
  ClosePayload payload{};  // what could be read, even when `error` is set
  std::optional<ClosePayloadError> error{};
};

// Checks in the order the receiver meets the problems: length first, then
// the code, then the reason. Zero bytes is a valid body with no code.
ClosePayloadParse parse_close_payload(ByteView body);

// "one-byte", "invalid-code", "invalid-utf8-reason", "too-long".
std::string_view close_payload_error_name(ClosePayloadError error);

// The status to fail the connection with: 1007 (§7.4.1: data inconsistent
// with its type) for a reason that is not UTF-8, 1002 for the rest.
// Autobahn 7.5.1 also accepts 1002 for the UTF-8 case.
CloseCode close_code_for(ClosePayloadError error);

}  // namespace wsh::wire
