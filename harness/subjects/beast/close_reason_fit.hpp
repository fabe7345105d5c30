#pragma once
// A close reason that fits in a close frame. RFC 6455 §5.5: a control frame's
// payload is at most 125 bytes, and §5.5.1 puts the 2-byte code first, so a
// reason has at most 123 bytes. Beast stores the reason in a 123-byte
// static_string (websocket::reason_string) and throws std::length_error when
// given more, so the subject cuts a longer "/close CODE REASON" reason to 123
// bytes (on a byte boundary, not a UTF-8 one: the subject passes what it was
// given as far as Beast allows) and says so on stderr.

#include <cstddef>
#include <string_view>

namespace wsh::subject::beast_subject {

inline constexpr std::size_t kMaxCloseReasonBytes = 123;

// The longest prefix of `reason` that Beast accepts.
std::string_view fit_close_reason(std::string_view reason);

}  // namespace wsh::subject::beast_subject
