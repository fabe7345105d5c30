#pragma once
// UTF-8 validation (RFC 6455 §8.1, RFC 3629 §4), incremental and fail-fast.
//
// Text messages and close reasons arrive in pieces (fragments, reads), and
// an endpoint must fail the connection as soon as the bytes it has can no
// longer be valid UTF-8 whatever follows; Autobahn's 6.x cases check that an
// endpoint does not wait for the end of the message to notice. So the
// validator rejects a byte the moment it cannot begin or continue a valid
// sequence: C0/C1 and F5-FF anywhere, E0 followed by 80-9F (overlong),
// ED followed by A0-BF (UTF-16 surrogates), F0 followed by 80-8F (overlong),
// F4 followed by 90-BF (above U+10FFFF), and any misplaced continuation byte.

#include <cstdint>
#include <optional>

#include "wire/bytes.hpp"

namespace wsh::wire {

class Utf8Validator {
 public:
  // Feeds the next piece. Returns false at the first byte that can no longer
  // begin or continue valid UTF-8, and from then on (until reset()).
  bool feed(ByteView bytes);
  // True when everything fed is valid and no sequence is left unfinished.
  bool complete() const;
  bool failed() const { return error_offset_.has_value(); }
  // Offset, counted over all bytes fed since the last reset(), of the byte
  // that made the input invalid.
  std::optional<std::uint64_t> error_offset() const { return error_offset_; }
  // Bytes fed and examined since the last reset() (stops at the failing byte).
  std::uint64_t bytes_fed() const { return bytes_fed_; }
  void reset();

 private:
  std::uint8_t state_ = 0;  // a DFA state, see utf8.cpp
  std::uint64_t bytes_fed_ = 0;
  std::optional<std::uint64_t> error_offset_;
};

// Whole-buffer check: valid and complete.
bool is_valid_utf8(ByteView bytes);

}  // namespace wsh::wire
