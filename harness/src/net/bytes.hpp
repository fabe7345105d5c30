#pragma once
// Byte buffers as they go over TCP. Identical to wsh::wire's aliases so the
// two can be unified later without touching call sites.

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace wsh::net {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

// Text (an HTTP head, a message) as the bytes that go on the wire.
inline ByteView as_byte_view(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

}  // namespace wsh::net
