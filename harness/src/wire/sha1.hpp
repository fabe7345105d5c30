#pragma once
// SHA-1 (FIPS 180-4) through OpenSSL, for Sec-WebSocket-Accept (RFC 6455 §4.2.2).

#include <array>
#include <cstdint>

#include "wire/bytes.hpp"

namespace wsh::wire {

using Sha1Digest = std::array<std::uint8_t, 20>;

// Throws std::runtime_error if OpenSSL fails (only on allocation failure or
// a FIPS-only build without SHA-1).
Sha1Digest sha1(ByteView bytes);

}  // namespace wsh::wire
