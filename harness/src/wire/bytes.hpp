#pragma once
// Byte buffers as the codec sees them, and the hex notation used by case
// files and wire transcripts ("81 05 48 65 6c 6c 6f").

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.hpp"

namespace wsh::wire {

using wsh::Bytes;
using wsh::ByteView;

// The bytes of `text`, unchanged (no encoding conversion).
Bytes to_bytes(std::string_view text);

// `bytes` viewed as characters, e.g. to compare a payload with a literal.
std::string_view as_chars(ByteView bytes);

// Lower-case hex, one space between bytes: {0x81, 0x05} -> "81 05".
std::string to_hex(ByteView bytes);

// Parses hex pairs in either case. Whitespace (space, tab, CR, LF) may appear
// between bytes but not inside one; anything else, or an odd digit, gives
// nullopt. "8105", "81 05" and "81\n05" are all {0x81, 0x05}.
std::optional<Bytes> from_hex(std::string_view hex);

}  // namespace wsh::wire
