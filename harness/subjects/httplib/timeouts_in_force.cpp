#include "timeouts_in_force.hpp"

namespace wsh::subject::httplib_subject {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// httplib's ping interval is in whole seconds; a shorter request is rounded
// up, never down to 0, which would turn the heartbeat off.
seconds whole_seconds_at_least(milliseconds wanted) { return std::chrono::ceil<seconds>(wanted); }

}  // namespace

TimeoutPlan plan_timeouts(const SubjectOptions& options, const HttplibKnobs& knobs) {
  TimeoutPlan plan;
  // Every release waits for the close reply for a macro-fixed time.
  plan.close = knobs.close_timeout;

  // The server sets an upgraded stream's read timeout from the macro alone;
  // the client has a runtime setter. --read-timeout-ms 0 asks for nothing in
  // particular, so httplib's default (the same macro) stays.
  plan.read = knobs.default_read_timeout;
  if (options.role == Role::Client && options.read_timeout_ms > 0) {
    plan.client_read_timeout = milliseconds(options.read_timeout_ms);
    plan.read = milliseconds(options.read_timeout_ms);
  }

  if (knobs.runtime_ping_interval) {
    plan.ping_interval_setting = whole_seconds_at_least(milliseconds(options.ping_interval_ms));
    plan.ping_interval = plan.ping_interval_setting;
  } else {
    plan.ping_interval = knobs.default_ping_interval;
  }
  return plan;
}

}  // namespace wsh::subject::httplib_subject
