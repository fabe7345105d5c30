#include "httplib_build.hpp"

#include "httplib_compat.hpp"

namespace wsh::subject::httplib_subject {

HttplibBuild describe_httplib_build() {
  HttplibBuild build;
  build.version = CPPHTTPLIB_VERSION;
  build.tls = kTlsBuilt;
  // read() fails a frame or a reassembled message longer than this.
  build.max_message = CPPHTTPLIB_WEBSOCKET_MAX_PAYLOAD_LENGTH;
  build.knobs.close_timeout = std::chrono::seconds(CPPHTTPLIB_WEBSOCKET_CLOSE_TIMEOUT_SECOND);
  build.knobs.default_read_timeout = std::chrono::seconds(CPPHTTPLIB_WEBSOCKET_READ_TIMEOUT_SECOND);
  build.knobs.default_ping_interval = std::chrono::seconds(CPPHTTPLIB_WEBSOCKET_PING_INTERVAL_SECOND);
  build.knobs.runtime_ping_interval = kRuntimePingInterval;
  return build;
}

}  // namespace wsh::subject::httplib_subject
