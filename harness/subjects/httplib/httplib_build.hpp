#pragma once
// What the cpp-httplib this subject was compiled against is and allows, in
// plain types, so main() can build hello without including httplib.h.

#include <cstdint>
#include <string>

#include "timeouts_in_force.hpp"

namespace wsh::subject::httplib_subject {

struct HttplibBuild {
  std::string version;            // CPPHTTPLIB_VERSION
  bool tls = false;               // built with CPPHTTPLIB_OPENSSL_SUPPORT
  std::uint64_t max_message = 0;  // CPPHTTPLIB_WEBSOCKET_MAX_PAYLOAD_LENGTH
  HttplibKnobs knobs;
};

HttplibBuild describe_httplib_build();

}  // namespace wsh::subject::httplib_subject
