#pragma once
// What the cpp-httplib this subject was compiled against is and allows, in
// plain types, so main() can build hello without including httplib.h.

#include <string>

#include "timeouts_in_force.hpp"

namespace wsh::subject::httplib_subject {

struct HttplibBuild {
  std::string version;  // CPPHTTPLIB_VERSION
  bool tls = false;     // built with CPPHTTPLIB_OPENSSL_SUPPORT
  HttplibKnobs knobs;
};

HttplibBuild describe_httplib_build();

}  // namespace wsh::subject::httplib_subject
