#pragma once
// A close reason that fits in a close frame. RFC 6455 §5.5: a control frame's
// payload is at most 125 bytes, and §5.5.1 puts the 2-byte code first, so a
// reason has at most 123 bytes. Beast stores the reason in a 123-byte
// static_string (websocket::reason_string) and throws std::length_error when
// given more, so the subject cuts a longer "/close CODE REASON" reason and
// says so on stderr. It cuts where a careful application would: at most 123
// bytes, and never inside a UTF-8 sequence (§5.5.1: the reason is UTF-8), so
// that close.subject.reason-cut judges Beast, which refuses rather than cuts,
// and not a cut this wrapper made.

#include <cstddef>
#include <string_view>

namespace wsh::subject::beast_subject {

inline constexpr std::size_t kMaxCloseReasonBytes = 123;

// The longest prefix of `reason` that Beast accepts and that ends on a UTF-8
// character boundary (a continuation byte 10xxxxxx never starts the rest).
std::string_view fit_close_reason(std::string_view reason);

}  // namespace wsh::subject::beast_subject
