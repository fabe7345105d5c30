#pragma once
// Maps the subject protocol's --close-timeout-ms, --read-timeout-ms and
// --ping-interval-ms onto the knobs a given cpp-httplib build has, and says
// what is actually in force (reported in hello). httplib takes most of its
// WebSocket timeouts as compile-time macros in whole seconds, so a request is
// honoured only where a runtime setter exists; see httplib_compat.hpp for
// which release has which.

#include <chrono>

#include "subject_options.hpp"

namespace wsh::subject::httplib_subject {

// What one build of httplib lets the subject set, and the values baked in.
struct HttplibKnobs {
  std::chrono::seconds close_timeout{1};  // CPPHTTPLIB_WEBSOCKET_CLOSE_TIMEOUT_SECOND
  // CPPHTTPLIB_WEBSOCKET_READ_TIMEOUT_SECOND: the server's only read timeout
  // for upgraded connections, and WebSocketClient's default.
  std::chrono::seconds default_read_timeout{5};
  std::chrono::seconds default_ping_interval{30};  // CPPHTTPLIB_WEBSOCKET_PING_INTERVAL_SECOND
  // set_websocket_ping_interval() exists (0.38.0+; 0 turns the heartbeat
  // off). Before it, the heartbeat always runs at default_ping_interval.
  bool runtime_ping_interval = false;
};

struct TimeoutPlan {
  // Reported in hello.
  std::chrono::milliseconds close{0};
  std::chrono::milliseconds read{0};
  std::chrono::milliseconds ping_interval{0};  // 0: no heartbeat
  // For set_websocket_ping_interval() when runtime_ping_interval.
  std::chrono::seconds ping_interval_setting{0};
  // For WebSocketClient::set_read_timeout() (client role; every release has
  // it, with microsecond resolution). Zero: leave httplib's default.
  std::chrono::microseconds client_read_timeout{0};
};

TimeoutPlan plan_timeouts(const SubjectOptions& options, const HttplibKnobs& knobs);

}  // namespace wsh::subject::httplib_subject
