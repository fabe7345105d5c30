#pragma once
// Byte buffers as they go over TCP: base's, under net's name.

#include <string_view>

#include "base/bytes.hpp"

namespace wsh::net {

using wsh::Bytes;
using wsh::ByteView;

// Text (an HTTP head, a message) as the bytes that go on the wire.
inline ByteView as_byte_view(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

}  // namespace wsh::net
