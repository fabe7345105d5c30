#pragma once
// Byte buffers as they go over TCP. Identical to wsh::wire's aliases so the
// two can be unified later without touching call sites.

#include <cstdint>
#include <span>
#include <vector>

namespace wsh::net {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

}  // namespace wsh::net
