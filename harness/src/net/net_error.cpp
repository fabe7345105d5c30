#include "net/net_error.hpp"

#include <cstring>

#include <fmt/format.h>

namespace wsh::net {

std::string_view to_string(NetErrorKind kind) {
  switch (kind) {
    case NetErrorKind::NotLoopback: return "not-loopback";
    case NetErrorKind::Resolve: return "resolve";
    case NetErrorKind::Refused: return "refused";
    case NetErrorKind::Timeout: return "timeout";
    case NetErrorKind::Tls: return "tls";
    case NetErrorKind::System: return "system";
  }
  return "system";
}

std::string describe_errno(std::string_view what, int errnum) {
  char buffer[256];
  // GNU strerror_r returns the message pointer (possibly static, possibly buffer).
  const char* text = strerror_r(errnum, buffer, sizeof buffer);
  return fmt::format("{}: {}", what, text);
}

}  // namespace wsh::net
