#include "timeout_policy.hpp"

namespace wsh::subject::beast_subject {
namespace {

constexpr Millis kShutdownMargin{1000};
constexpr Millis kShutdownGraceWithoutCloseTimeout{5000};

std::optional<Millis> positive_or_none(int milliseconds) {
  if (milliseconds <= 0) return std::nullopt;
  return Millis{milliseconds};
}

int as_reported(const std::optional<Millis>& value) { return value ? static_cast<int>(value->count()) : 0; }

}  // namespace

std::optional<Millis> TimeoutPolicy::ping_interval() const {
  if (!keep_alive_pings || !idle) return std::nullopt;
  return *idle / 2;
}

TimeoutPolicy timeout_policy_from(const SubjectOptions& options) {
  TimeoutPolicy policy;
  policy.handshake = positive_or_none(options.close_timeout_ms);
  if (options.ping_interval_ms > 0) {
    // Beast has no ping-interval knob: it pings after idle_timeout / 2.
    policy.keep_alive_pings = true;
    policy.idle = Millis{options.ping_interval_ms} * 2;
  } else {
    policy.idle = positive_or_none(options.read_timeout_ms);
  }
  return policy;
}

void report_timeouts(const TimeoutPolicy& policy, Hello& hello) {
  hello.close_timeout_ms = as_reported(policy.handshake);
  hello.read_timeout_ms = as_reported(policy.idle);
  hello.ping_interval_ms = as_reported(policy.ping_interval());
}

Millis shutdown_grace(const TimeoutPolicy& policy) {
  if (!policy.handshake) return kShutdownGraceWithoutCloseTimeout;
  return *policy.handshake + kShutdownMargin;
}

}  // namespace wsh::subject::beast_subject
