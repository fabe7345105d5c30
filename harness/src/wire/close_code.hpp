#pragma once
// Close status codes (RFC 6455 §7.4, and the IANA "WebSocket Close Code
// Number Registry" of §11.7), classified by what they mean on the wire.

#include <cstdint>
#include <string_view>

namespace wsh::wire {

using CloseCode = std::uint16_t;

// The codes a harness and its subjects use by name.
namespace close_code {
inline constexpr CloseCode kNormalClosure = 1000;
inline constexpr CloseCode kGoingAway = 1001;
inline constexpr CloseCode kProtocolError = 1002;
inline constexpr CloseCode kUnsupportedData = 1003;
inline constexpr CloseCode kNoStatusReceived = 1005;  // never on the wire, §7.4.1
inline constexpr CloseCode kAbnormalClosure = 1006;   // never on the wire, §7.4.1
inline constexpr CloseCode kInvalidPayloadData = 1007;
inline constexpr CloseCode kPolicyViolation = 1008;
inline constexpr CloseCode kMessageTooBig = 1009;
inline constexpr CloseCode kMandatoryExtension = 1010;
inline constexpr CloseCode kInternalError = 1011;
inline constexpr CloseCode kTlsHandshake = 1015;  // never on the wire, §7.4.1
}  // namespace close_code

enum class CloseCodeClass {
  Unused,               // 0-999: §7.4.2 "not used"
  Defined,              // 1000-1003, 1007-1011: defined by §7.4.1
  IanaRegistered,       // 1012-1014: registered with IANA after RFC 6455
  ReservedNeverOnWire,  // 1005, 1006, 1015: §7.4.1 "MUST NOT be set as a status code"
  ReservedForProtocol,  // 1004, 1016-2999: reserved for this protocol and its revisions
  Registered,           // 3000-3999: for libraries and frameworks, registered with IANA
  Private,              // 4000-4999: private use
  Undefined,            // 5000-65535: outside every range §7.4.2 defines
};

CloseCodeClass classify_close_code(CloseCode code);

// Whether an endpoint may put `code` in a close frame: Defined,
// IanaRegistered, Registered and Private codes. Undefined codes (>= 5000) are
// rejected too: the RFC gives them no meaning, and Autobahn's 7.9.x cases
// expect an endpoint to fail the connection on them.
bool valid_on_wire(CloseCode code);

// "unused", "defined", "iana-registered", "reserved-never-on-wire",
// "reserved-for-protocol", "registered", "private", "undefined".
std::string_view close_code_class_name(CloseCodeClass code_class);

// The registry's name for 1000-1015 ("Normal Closure", "Going Away", ...),
// "" for every other code.
std::string_view close_code_name(CloseCode code);

}  // namespace wsh::wire
