#pragma once
// A slow, obviously correct close-code classifier: the ranges of RFC 6455
// §7.4.1, §7.4.2 and the IANA registry in code order, as one would copy them
// out of the documents. It is the oracle for wire::classify_close_code and
// wire::valid_on_wire here and in the fuzz targets, so it shares no code or
// structure with them.

#include <array>
#include <cstdint>

#include "wire/close_code.hpp"

namespace wsh::wire::reference {

struct CodeRange {
  int first;
  int last;
  CloseCodeClass expected;
};

// Tiles 0..65535 with no gap or overlap (close_code_test.cpp checks it).
inline constexpr std::array<CodeRange, 11> kCloseCodeRanges = {{
    {0, 999, CloseCodeClass::Unused},
    {1000, 1003, CloseCodeClass::Defined},
    {1004, 1004, CloseCodeClass::ReservedForProtocol},
    {1005, 1006, CloseCodeClass::ReservedNeverOnWire},
    {1007, 1011, CloseCodeClass::Defined},
    {1012, 1014, CloseCodeClass::IanaRegistered},
    {1015, 1015, CloseCodeClass::ReservedNeverOnWire},
    {1016, 2999, CloseCodeClass::ReservedForProtocol},
    {3000, 3999, CloseCodeClass::Registered},
    {4000, 4999, CloseCodeClass::Private},
    {5000, 65535, CloseCodeClass::Undefined},
}};

inline CloseCodeClass close_code_class(CloseCode code) {
  for (const CodeRange& range : kCloseCodeRanges) {
    if (code >= range.first && code <= range.last) return range.expected;
  }
  return CloseCodeClass::Undefined;  // unreachable: the ranges cover every code
}

// Codes an endpoint may put in a close frame: those with a meaning someone
// assigned (§7.4.1, §7.4.2, IANA), never the reserved or undefined ones.
inline bool may_be_sent(CloseCode code) {
  const CloseCodeClass code_class = close_code_class(code);
  return code_class == CloseCodeClass::Defined || code_class == CloseCodeClass::IanaRegistered ||
         code_class == CloseCodeClass::Registered || code_class == CloseCodeClass::Private;
}

}  // namespace wsh::wire::reference
