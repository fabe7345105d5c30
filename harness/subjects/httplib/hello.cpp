#include "hello.hpp"

namespace wsh::subject::httplib_subject {

Hello make_hello(const HttplibBuild& build, const TimeoutPlan& timeouts) {
  Hello hello;
  hello.impl = "httplib";
  hello.version = build.version;
  hello.roles = {"server", "client"};
  if (build.tls) hello.features.emplace_back("tls");
  // httplib documents no threading rules for ws::WebSocket, but send() and
  // close() take its write mutex and its own heartbeat thread sends (and from
  // 0.43.0 closes) while the handler blocks in read(), so programs do the
  // same; /spam and /close-async let the harness see how well that holds.
  hello.features.emplace_back("threads");
  hello.features.emplace_back("leave");
  // A heartbeat the harness can turn on and off; before 0.38.0 it always
  // runs at the macro's interval, which is reported but not a feature.
  if (build.knobs.runtime_ping_interval) hello.features.emplace_back("heartbeat");
  hello.close_timeout_ms = static_cast<int>(timeouts.close.count());
  hello.read_timeout_ms = static_cast<int>(timeouts.read.count());
  hello.ping_interval_ms = static_cast<int>(timeouts.ping_interval.count());
  hello.max_message = build.max_message;
  return hello;
}

}  // namespace wsh::subject::httplib_subject
