#include "wire/close_code.hpp"

#include <array>

namespace wsh::wire {

CloseCodeClass classify_close_code(CloseCode code) {
  if (code < 1000) return CloseCodeClass::Unused;
  if (code == 1005 || code == 1006 || code == 1015) return CloseCodeClass::ReservedNeverOnWire;
  if (code == 1004) return CloseCodeClass::ReservedForProtocol;
  if (code <= 1011) return CloseCodeClass::Defined;
  if (code <= 1014) return CloseCodeClass::IanaRegistered;
  if (code <= 2999) return CloseCodeClass::ReservedForProtocol;
  if (code <= 3999) return CloseCodeClass::Registered;
  if (code <= 4999) return CloseCodeClass::Private;
  return CloseCodeClass::Undefined;
}

bool valid_on_wire(CloseCode code) {
  switch (classify_close_code(code)) {
    case CloseCodeClass::Defined:
    case CloseCodeClass::IanaRegistered:
    case CloseCodeClass::Registered:
    case CloseCodeClass::Private: return true;
    case CloseCodeClass::Unused:
    case CloseCodeClass::ReservedNeverOnWire:
    case CloseCodeClass::ReservedForProtocol:
    case CloseCodeClass::Undefined: return false;
  }
  return false;
}

std::string_view close_code_class_name(CloseCodeClass code_class) {
  switch (code_class) {
    case CloseCodeClass::Unused: return "unused";
    case CloseCodeClass::Defined: return "defined";
    case CloseCodeClass::IanaRegistered: return "iana-registered";
    case CloseCodeClass::ReservedNeverOnWire: return "reserved-never-on-wire";
    case CloseCodeClass::ReservedForProtocol: return "reserved-for-protocol";
    case CloseCodeClass::Registered: return "registered";
    case CloseCodeClass::Private: return "private";
    case CloseCodeClass::Undefined: return "undefined";
  }
  return "undefined";
}

std::string_view close_code_name(CloseCode code) {
  static constexpr std::array<std::string_view, 16> kNames = {
      "Normal Closure",              // 1000
      "Going Away",                  // 1001
      "Protocol Error",              // 1002
      "Unsupported Data",            // 1003
      "Reserved",                    // 1004
      "No Status Received",          // 1005
      "Abnormal Closure",            // 1006
      "Invalid Frame Payload Data",  // 1007
      "Policy Violation",            // 1008
      "Message Too Big",             // 1009
      "Mandatory Extension",         // 1010
      "Internal Error",              // 1011
      "Service Restart",             // 1012
      "Try Again Later",             // 1013
      "Bad Gateway",                 // 1014
      "TLS Handshake",               // 1015
  };
  if (code < 1000 || code >= 1000 + kNames.size()) return "";
  return kNames[code - 1000];
}

}  // namespace wsh::wire
