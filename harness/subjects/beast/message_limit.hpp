#pragma once
// The largest message the Beast subject reads (websocket::stream's
// read_message_max), reported in hello as limits.max_message. Beast fails a
// longer one with error::message_too_big after sending close 1009
// (RFC 6455 §7.4.1).

#include <cstdint>

namespace wsh::subject::beast_subject {

inline constexpr std::uint64_t kMaxMessageBytes = 16 * 1024 * 1024;

}  // namespace wsh::subject::beast_subject
