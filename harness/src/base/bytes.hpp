#pragma once
// Byte buffers, as the codec, the sockets and the case files all see them.
// Modules re-export these names (wire::Bytes, net::Bytes, cases::Bytes) with
// using-declarations: one type, defined here.

#include <cstdint>
#include <span>
#include <vector>

namespace wsh {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

}  // namespace wsh
