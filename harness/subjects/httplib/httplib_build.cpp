#include "httplib_build.hpp"

#include "httplib_compat.hpp"

namespace wsh::subject::httplib_subject {

HttplibBuild describe_httplib_build() {
  HttplibBuild build;
  build.version = CPPHTTPLIB_VERSION;
  build.tls = kTlsBuilt;
  build.knobs.close_timeout = std::chrono::seconds(CPPHTTPLIB_WEBSOCKET_CLOSE_TIMEOUT_SECOND);
  build.knobs.default_read_timeout = std::chrono::seconds(CPPHTTPLIB_WEBSOCKET_READ_TIMEOUT_SECOND);
  build.knobs.default_ping_interval = std::chrono::seconds(CPPHTTPLIB_WEBSOCKET_PING_INTERVAL_SECOND);
  build.knobs.runtime_ping_interval = kRuntimePingInterval;
  return build;
}

}  // namespace wsh::subject::httplib_subject
