#pragma once
// Test vectors are written as hex strings ("81 05 48 65 6c 6c 6f"); a
// malformed one is a bug in the test, so it throws rather than returning.

#include <string_view>

#include "wire/bytes.hpp"

namespace wsh::wire::testing {

inline Bytes hex(std::string_view text) { return from_hex(text).value(); }

}  // namespace wsh::wire::testing
