// The UTF-8 validator (wire/utf8.hpp) against the slow reference decoder of
// harness/tests/wire/utf8_reference.hpp: the same verdict, the same error
// offset, whole-buffer and fed in pieces.
//
// Input: byte 0 chooses the piece size (1..16) for the incremental
// validator; the rest is the text.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

#include "support/check.hpp"
#include "utf8_reference.hpp"
#include "wire/utf8.hpp"

namespace {

constexpr const char* kTarget = "fuzz_utf8";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t piece_size = static_cast<std::size_t>(data[0] % 16) + 1;
  const std::span<const std::uint8_t> text(data + 1, size - 1);

  const wsh::wire::reference::Utf8Decode expected = wsh::wire::reference::decode_utf8(text, false);
  WSH_FUZZ_CHECK(kTarget, wsh::wire::is_valid_utf8(text) == expected.valid());

  wsh::wire::Utf8Validator validator;
  for (std::size_t at = 0; at < text.size(); at += piece_size) {
    const bool ok = validator.feed(text.subspan(at, std::min(piece_size, text.size() - at)));
    // Fail-fast: the piece holding the first bad byte is the one rejected.
    const bool bad_byte_so_far = expected.error_offset && *expected.error_offset < at + piece_size;
    WSH_FUZZ_CHECK(kTarget, ok == !bad_byte_so_far);
  }
  WSH_FUZZ_CHECK(kTarget, validator.failed() == expected.error_offset.has_value());
  if (expected.error_offset) {
    WSH_FUZZ_CHECK(kTarget, validator.error_offset() == expected.error_offset);
  }
  WSH_FUZZ_CHECK(kTarget, validator.complete() == expected.valid());
  return 0;
}
