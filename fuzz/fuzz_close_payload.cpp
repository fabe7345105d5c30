// The close-frame body parser (wire/close_payload.hpp) against a reference
// written from RFC 6455 §5.5 and §5.5.1 with the slow oracles of
// harness/tests/wire (close_code_reference.hpp, utf8_reference.hpp): the
// same error, checked in the receiver's order, the same code and reason,
// and build_close_payload gives back the bytes it parsed.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "close_code_reference.hpp"
#include "support/check.hpp"
#include "utf8_reference.hpp"
#include "wire/close_payload.hpp"

namespace {

constexpr const char* kTarget = "fuzz_close_payload";

using wsh::wire::ClosePayloadError;

std::optional<ClosePayloadError> expected_error(std::span<const std::uint8_t> body) {
  if (body.size() > 125) return ClosePayloadError::TooLong;  // §5.5: control frame limit
  if (body.size() == 1) return ClosePayloadError::OneByte;   // §5.5.1: a code has two bytes
  if (body.empty()) return std::nullopt;                     // no code: status 1005
  const auto code = static_cast<wsh::wire::CloseCode>(body[0] * 256 + body[1]);
  if (!wsh::wire::reference::may_be_sent(code)) return ClosePayloadError::InvalidCode;
  if (!wsh::wire::reference::decode_utf8(body.subspan(2), false).valid()) {
    return ClosePayloadError::InvalidUtf8Reason;
  }
  return std::nullopt;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> body(data, size);
  const wsh::wire::ClosePayloadParse parse = wsh::wire::parse_close_payload(body);

  WSH_FUZZ_CHECK(kTarget, parse.error == expected_error(body));
  WSH_FUZZ_CHECK(kTarget, parse.payload.code.has_value() == (size >= 2));
  if (size >= 2) {
    WSH_FUZZ_CHECK(kTarget, *parse.payload.code == data[0] * 256 + data[1]);
    WSH_FUZZ_CHECK(kTarget, parse.payload.reason == std::string(data + 2, data + size));
    const wsh::wire::Bytes rebuilt = wsh::wire::build_close_payload(parse.payload.code, parse.payload.reason);
    WSH_FUZZ_CHECK(kTarget, std::equal(rebuilt.begin(), rebuilt.end(), body.begin(), body.end()));
  } else {
    WSH_FUZZ_CHECK(kTarget, parse.payload.reason.empty());
  }
  return 0;
}
