#pragma once
// Base64 (RFC 4648 §4, standard alphabet, '=' padding), as the opening
// handshake uses it for Sec-WebSocket-Key and Sec-WebSocket-Accept (§4.1).

#include <optional>
#include <string>
#include <string_view>

#include "wire/bytes.hpp"

namespace wsh::wire {

std::string base64_encode(ByteView bytes);

// Strict decoding: length a multiple of 4, padding only at the end, no
// whitespace, and unused bits of the last character zero (so every input
// has exactly one encoding, and "is this a valid key" has one answer).
std::optional<Bytes> base64_decode(std::string_view text);

}  // namespace wsh::wire
